"""The logic map's layered layout of a scenario tree."""

from __future__ import annotations

import copy
import json

import pytest

from desktop.domain import flow_graph as fg
from tests.conftest import BUNDLED_PACK
from tests.helpers import doc_by_id, mini_tables


@pytest.fixture(scope="module")
def bundled_tables() -> dict:
    return json.loads(BUNDLED_PACK.read_text(encoding="utf-8"))


def test_every_node_has_a_box_and_every_answer_an_arrow(bundled_tables: dict) -> None:
    for scenario in bundled_tables["scenarios"].values():
        layout = fg.layout_scenario(scenario)
        real = [b for b in layout.boxes() if b.kind in (fg.QUESTION, fg.OUTCOME)]
        assert len(real) == len(scenario["nodes"])
        answers = sum(len(n.get("choices", [])) for n in scenario["nodes"])
        assert len(layout.edges) == answers
        start = layout.nodes[f"n:{scenario['start']}"]
        assert start.layer == 0 and layout.layers[0] == [start.ident]


def test_arrows_point_down_and_rows_never_hold_a_box_twice(bundled_tables: dict) -> None:
    for scenario in bundled_tables["scenarios"].values():
        layout = fg.layout_scenario(scenario)
        for edge in layout.edges:
            assert not edge.loops_back
            chain = [edge.source, *edge.waypoints, edge.target]
            layers = [layout.nodes[i].layer for i in chain]
            assert layers == list(range(layers[0], layers[0] + len(chain)))
        seen = [i for row in layout.layers for i in row]
        assert len(seen) == len(set(seen)) == len(layout.nodes)


def test_layout_orders_rows_without_crossings_on_the_real_trees(bundled_tables: dict) -> None:
    total = sum(fg.crossings(lay.layers, fg._segments(lay))
                for lay in (fg.layout_scenario(s) for s in bundled_tables["scenarios"].values()))
    assert total <= 3


def test_sub_flow_missing_unreachable_and_loops() -> None:
    tables = mini_tables()
    scenario = copy.deepcopy(doc_by_id(tables, "scenarios", "S08"))
    question = next(n for n in scenario["nodes"] if n["type"] == "question")
    question["choices"][0] = {"key": question["choices"][0]["key"], "label": "Paper", "next_scenario": "PAPER"}
    question["choices"].append({"key": "lost", "label": "Lost", "next": "NOWHERE"})
    question["choices"].append({"key": "again", "label": "Again", "next": question["node_id"]})
    scenario["nodes"].append({"node_id": "ORPHAN", "type": "question", "prompt": "Orphan?",
                              "choices": [{"key": "a", "label": "A", "next": question["node_id"]}]})
    layout = fg.layout_scenario(scenario)
    kinds = {b.kind for b in layout.boxes()}
    assert {fg.SUBFLOW, fg.MISSING} <= kinds
    assert layout.nodes["s:PAPER"].ref == "PAPER"
    orphan = layout.nodes["n:ORPHAN"]
    assert not orphan.reachable
    assert layout.first_unreachable_layer == orphan.layer
    assert orphan.layer > max(n.layer for n in layout.nodes.values() if n.reachable)
    loops = [e for e in layout.edges if e.loops_back]
    assert {e.key for e in loops} == {"again", "a"}


def test_broken_documents_still_lay_out() -> None:
    assert fg.layout_scenario({}).layers == []
    layout = fg.layout_scenario({"start": "A", "nodes": [{"node_id": "A", "type": "question", "choices": "bad"},
                                                         "junk", {"node_id": "A", "type": "outcome"}]})
    assert [b.ref for b in layout.boxes()] == ["A"]


def test_an_answer_entering_a_shared_step_part_way_has_a_box_of_its_own() -> None:
    """The map shows "→ PAPER" and "→ PAPER at q_court_check" apart: one box for both hid where the judge's
    warrant answer enters the shared step."""
    from tests.helpers import with_court_check

    scenario = doc_by_id(with_court_check(mini_tables()), "scenarios", "S08")
    layout = fg.layout_scenario(scenario)
    entered = layout.nodes["s:PAPER@q_court_check"]
    assert (entered.kind, entered.ref, entered.entry) == (fg.SUBFLOW, "PAPER", "q_court_check")
    assert (layout.nodes["s:PAPER"].ref, layout.nodes["s:PAPER"].entry) == ("PAPER", "")
    assert {e.key: e.target for e in layout.edges if e.source == "n:q_basis"} == {
        "no": "n:o_release", "judge": "s:PAPER@q_court_check", "paper": "s:PAPER"}


def test_a_shared_steps_node_reached_only_through_an_entry_is_drawn_reached() -> None:
    """PAPER's q_court_check, reached only by S08's answer entering PAPER there, sat below the map's line for
    nodes no answer reaches, where the validator counts it reached."""
    from tests.helpers import with_court_check

    paper = doc_by_id(with_court_check(mini_tables()), "scenarios", "PAPER")
    assert not fg.layout_scenario(paper).nodes["n:q_court_check"].reachable
    layout = fg.layout_scenario(paper, entries=["q_court_check"])
    assert layout.nodes["n:q_court_check"].reachable and layout.first_unreachable_layer is None
