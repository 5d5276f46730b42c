"""Which of an answer's provisions have been rescinded by a given day, and the words the officer is given."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain.codec import pack_from_tables
from desktop.domain.model import Citation, format_partial_date
from desktop.domain.rescission import (
    rescinded_citations,
    rescission_notice,
    rescission_status,
    rescission_warning,
)
from desktop.domain.wizard import outcome_text
from tests.helpers import doc_by_id, mini_tables

EO = "CHI-EO-2025-8"


def _pack(rescinded: dict[str, str | None]):
    tables = mini_tables()
    for provision_id, value in rescinded.items():
        doc_by_id(tables, "provisions", provision_id)["dates"]["rescinded"] = value
    return pack_from_tables(tables)


def _outcome(pack, scenario_id: str, node_id: str):
    return pack.scenario(scenario_id).node(node_id)


@pytest.mark.parametrize(("today", "listed"), [
    (dt.date(2026, 8, 31), False),  # the day before
    (dt.date(2026, 9, 1), True),  # the day itself
    (dt.date(2027, 1, 1), True),  # any day after
])
def test_a_cited_provision_is_listed_from_the_day_it_is_rescinded(today, listed):
    pack = _pack({EO: "2026-09-01"})
    found = rescinded_citations(pack, _outcome(pack, "S10", "o_no"), today)
    assert [(r.citation, r.on) for r in found] == ([("EO 2025-8", dt.date(2026, 9, 1))] if listed else [])


@pytest.mark.parametrize(("value", "first_day", "when"), [
    ("2026-09", dt.date(2026, 9, 1), "in Sep 2026"),
    ("2026", dt.date(2026, 1, 1), "in 2026"),
    ("2026-09-15", dt.date(2026, 9, 15), "on 15 Sep 2026"),
])
def test_a_partial_date_counts_from_the_first_day_it_can_mean(value, first_day, when):
    pack = _pack({EO: value})
    outcome = _outcome(pack, "S10", "o_no")
    assert not rescinded_citations(pack, outcome, first_day - dt.timedelta(days=1))
    (found,) = rescinded_citations(pack, outcome, first_day)
    assert found.on == first_day and found.when == when


def test_provisions_not_rescinded_or_not_cited_are_not_listed():
    pack = _pack({EO: "2026-09-01", "IL-720-7-15": None})
    assert rescinded_citations(pack, _outcome(pack, "S08", "o_release"), dt.date(2030, 1, 1)) == ()


def test_a_missing_provision_is_left_out_and_citations_may_be_given_alone():
    pack = _pack({EO: "2026-09-01"})
    cites = [Citation("NOT-IN-PACK"), Citation(EO, "(b)"), Citation(EO)]
    found = rescinded_citations(pack, cites, dt.date(2026, 9, 1))
    assert [r.citation for r in found] == ["EO 2025-8(b)"], "in the order cited, each provision once"


def test_the_warning_names_the_law_the_day_and_what_to_do():
    pack = _pack({EO: "2026-09-01"})
    assert rescission_warning(()) == ""
    assert rescission_warning(rescinded_citations(pack, _outcome(pack, "S10", "o_no"), dt.date(2026, 9, 1))) == (
        "⚠ EO 2025-8 was rescinded on 1 Sep 2026. This answer rests on it and may no longer be right: "
        "call your supervisor.")
    pack = _pack({"MCC-2-173-020(a)(1)": "2026-09-01", "IL-TRUST-15a": "2026-10"})
    outcome = _outcome(pack, "S08", "o_release")
    both = rescinded_citations(pack, outcome, dt.date(2026, 10, 1))
    assert rescission_warning(both, mark=False) == (
        "5 ILCS 805/15(a) (in Oct 2026) and MCC 2-173-020(a)(1)(C) (on 1 Sep 2026) are recorded as "
        "rescinded. This answer rests on them and may no longer be right: call your supervisor.")


def test_the_answer_as_text_carries_the_warning_under_its_verdict_only_from_that_day():
    pack = _pack({EO: "2026-09-01"})
    outcome = _outcome(pack, "S10", "o_no")
    before = outcome_text(pack, outcome, dt.date(2026, 8, 31))
    assert before == outcome_text(pack, outcome) and "rescinded" not in before
    lines = outcome_text(pack, outcome, dt.date(2026, 9, 1)).splitlines()
    assert lines[0].startswith(outcome.verdict_label)
    assert lines[1].startswith("⚠ EO 2025-8 was rescinded on 1 Sep 2026.")


def test_dates_read_as_the_provision_page_gives_them():
    assert [format_partial_date(v) for v in ("2025-08-30", "2025-08", "2025", None, "soon")] == [
        "30 Aug 2025", "Aug 2025", "2025", "", "soon"]


@pytest.mark.parametrize(("value", "today", "warning", "status"), [
    ("2026-12", dt.date(2026, 12, 5), "is recorded as rescinded in Dec 2026 (no day given)",
     "Recorded as rescinded in Dec 2026 (no day given): it may no longer be the law"),
    ("2026-12", dt.date(2027, 1, 1), "was rescinded in Dec 2026", "Rescinded in Dec 2026: no longer the law"),
    ("2026-02", dt.date(2026, 2, 27), "is recorded as rescinded in Feb 2026 (no day given)",
     "Recorded as rescinded in Feb 2026 (no day given): it may no longer be the law"),
    ("2026-02", dt.date(2026, 2, 28), "was rescinded in Feb 2026", "Rescinded in Feb 2026: no longer the law"),
    ("2026", dt.date(2026, 6, 1), "is recorded as rescinded in 2026 (no day given)",
     "Recorded as rescinded in 2026 (no day given): it may no longer be the law"),
    ("2026", dt.date(2027, 1, 1), "was rescinded in 2026", "Rescinded in 2026: no longer the law"),
    ("2026-09-01", dt.date(2026, 9, 1), "was rescinded on 1 Sep 2026", "Rescinded on 1 Sep 2026: no longer the law"),
])
def test_a_partial_date_is_told_as_recorded_until_its_month_or_year_has_ended(value, today, warning, status):
    """From the first day "2026" can mean, the answer is flagged; but "was rescinded" and "no longer the law"
    would say more than the data knows until the whole year has gone by."""
    pack = _pack({EO: value})
    found = rescinded_citations(pack, _outcome(pack, "S10", "o_no"), today)
    assert rescission_warning(found, mark=False).startswith(f"EO 2025-8 {warning}. This answer rests on it")
    assert rescission_status(pack.provision(EO), today) == status
    assert rescission_status(pack.provision(EO), dt.date(2025, 12, 31)) == "", "not before the first day it can mean"


@pytest.mark.parametrize(("value", "today", "notice"), [
    ("2026-09-01", dt.date(2026, 8, 31), ("info", "To be rescinded on 1 Sep 2026: in force until then")),
    ("2026-09-01", dt.date(2026, 9, 1), ("caution", "Rescinded on 1 Sep 2026: no longer the law")),
    ("2026-12", dt.date(2026, 11, 30), ("info", "To be rescinded in Dec 2026: in force until then")),
    ("2026-12", dt.date(2026, 12, 1), ("caution", "Recorded as rescinded in Dec 2026 (no day given): it may no "
                                                  "longer be the law")),
    (None, dt.date(2026, 9, 1), ("", "")),
])
def test_a_provisions_rescission_is_told_before_its_day_too(value, today, notice):
    """A recorded rescission still to come is told, for information, where the provision is shown (its page
    and its search result), from the same rule that tells it as a caution from its day."""
    pack = _pack({EO: value})
    assert rescission_notice(pack.provision(EO), today) == notice
    assert rescission_notice(pack.provision(EO), today).text == (rescission_status(pack.provision(EO), today)
                                                                 or notice[1])
