"""Small builders shared by tests: load the mini pack's tables and mutate them."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from desktop.domain.validation import Report, validate_tables
from desktop.storage.pack_file import load_schema

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pdf_outline(reader: Any, first_page: int = 0) -> list[tuple[str, int, list]]:
    """A PDF's outline (bookmarks) as a viewer lists it, read by a ``pypdf.PdfReader``: [(title, page, [the
    lines under it])], pages counted from ``first_page``."""

    def read(items: list) -> list:
        out: list = []
        for item in items:
            if isinstance(item, list):
                out[-1] = (*out[-1][:2], read(item))
            else:
                out.append((item.title, reader.get_destination_page_number(item) + first_page, []))
        return out

    return read(reader.outline)


def mini_tables() -> dict[str, Any]:
    return json.loads((FIXTURES / "mini-pack.json").read_text(encoding="utf-8"))


def doc_by_id(tables: dict[str, Any], table: str, ident: str) -> dict[str, Any]:
    key = {"provisions": "provision_id", "scenarios": "scenario_id"}[table]
    return next(d for d in tables[table].values() if d[key] == ident)


def node(scenario: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(n for n in scenario["nodes"] if n["node_id"] == node_id)


def uncited_provision(tables: dict[str, Any]) -> dict[str, Any]:
    """``tables`` with one more operative provision, IL-NEW-1, that no outcome cites."""
    extra = dict(doc_by_id(tables, "provisions", "IL-720-7-15"), provision_id="IL-NEW-1", related=[])
    tables["provisions"][str(len(tables["provisions"]) + 1)] = extra
    return tables


def validate(tables: dict[str, Any]) -> Report:
    return validate_tables(copy.deepcopy(tables), load_schema(), file="test.json")


def messages(report: Report) -> str:
    return "\n".join(str(p) for p in report.errors)


def with_court_check(tables: dict[str, Any]) -> dict[str, Any]:
    """``tables`` (the mini pack's) with PAPER's court-warrant check, q_court_check, reached only by S08's new
    answer "A warrant signed by a judge", which enters PAPER there (``enter_at``): schema version 2."""
    paper = doc_by_id(tables, "scenarios", "PAPER")
    paper["nodes"].append({"node_id": "q_court_check", "type": "question", "prompt": "Does it name a court?",
                           "choices": [{"key": "yes", "label": "Yes", "next": "o_judicial"},
                                       {"key": "no", "label": "No", "next": "o_admin"}]})
    basis = node(doc_by_id(tables, "scenarios", "S08"), "q_basis")
    basis["choices"].insert(1, {"key": "judge", "label": "A warrant signed by a judge",
                                "next_scenario": "PAPER", "enter_at": "q_court_check"})
    tables["meta"]["1"]["schema_version"] = 2
    return tables
