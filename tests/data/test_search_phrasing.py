"""Officers' own phrasings find the right scenario in the top 3 results (mixed provisions and scenarios)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.domain.search import SearchIndex

CASES = json.loads((Path(__file__).parent / "search_cases.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def index(bundled):
    return SearchIndex(bundled.pack)


def _expected(case) -> list[str]:
    """A case names the scenario that must come up, or a list of equally right ones."""
    return case["expect"] if isinstance(case["expect"], list) else [case["expect"]]


def test_there_are_enough_cases():
    assert len(CASES) >= 30
    assert len({e for c in CASES for e in _expected(c)}) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c["query"] for c in CASES])
def test_phrasing_finds_scenario_in_top_three(index, case):
    top = [h.id for h in index.search(case["query"], limit=3)]
    assert set(_expected(case)) & set(top), f"{case['query']!r} → {top}"


@pytest.mark.parametrize("query", ["calm the crowd down", "crowd won't calm down"])
def test_a_crowd_calming_down_lists_the_crowd_first(index, query):
    """A synonym of the bare word 'down' (officer needs assistance, agent attacked) listed S16, an agent attacked,
    above S15, the crowd, for these (review12): 'officer down' is two words, which a one-word synonym cannot be."""
    assert index.search(query, limit=1)[0].id == "S15"
