"""The one validator: a passing pack, then one failing fixture per kind of problem."""

from __future__ import annotations

import json
import re

import pytest

from tests.helpers import doc_by_id, messages, mini_tables, node, uncited_provision, validate, with_court_check


def test_mini_pack_is_clean():
    report = validate(mini_tables())
    assert report.ok, messages(report)
    assert report.pack is not None
    assert not report.warnings


def test_not_an_object():
    from desktop.domain.validation import validate_tables
    from desktop.storage.pack_file import load_schema

    report = validate_tables([1, 2], load_schema(), file="x.json")
    assert not report.ok
    assert report.problems[0].message == "the file must hold a set of named tables (meta, provisions, scenarios, …), not a list"


def _set(table, field, value):
    def mutate(t):
        doc = next(iter(t[table].values())) if field else None
        if field:
            doc[field] = value
        else:
            t[table] = value
    return mutate


@pytest.mark.parametrize(("mutate", "expected"), [
    (_set("scenarios", "nodes", "x"), "scenarios › SAFETY › nodes: must be a list, not text"),
    (_set("provisions", None, []), "provisions: must be a table of records, not a list"),
    (_set("meta", "data_version", "3"), "meta › data_version: must be a whole number, not text"),
    (_set("meta", "data_version", True), "meta › data_version: must be a whole number, not true/false"),
    (_set("provisions", "title", None), "MCC-2-173-020(a)(1) › title: must be text, not nothing (null)"),
    (_set("provisions", "text_is_verbatim", 1.5), "text_is_verbatim: must be true/false, not a number"),
    (_set("provisions", "dates", [1]), "dates: must be a set of named fields, not a list"),
], ids=["list", "table", "whole-number", "bool", "null", "float", "object"])
def test_type_problems_are_said_in_plain_words(mutate, expected):
    tables = mini_tables()
    mutate(tables)
    text = messages(validate(tables))
    assert expected in text
    for jargon in ("array", "object", "NoneType", "None", "str", "int", "bool", "float", "of type"):
        assert not re.search(rf"\b{jargon}\b", text), jargon


def test_not_nothing():
    from desktop.domain.validation import validate_tables
    from desktop.storage.pack_file import load_schema

    [problem] = validate_tables(None, load_schema(), file="x.json").problems
    assert str(problem) == "x.json: the file must hold a set of named tables (meta, provisions, scenarios, …), not nothing (null)"


def test_schema_error_names_record_and_field():
    tables = mini_tables()
    doc_by_id(tables, "provisions", "IL-TRUST-15a")["jurisdiction"] = "galactic"
    report = validate(tables)
    problem = report.errors[0]
    assert (problem.table, problem.record, problem.field) == ("provisions", "IL-TRUST-15a", "jurisdiction")
    assert "galactic" in problem.message and "federal" in problem.message


@pytest.mark.parametrize("day", ["2026-W05-2", "20260202", "2 Feb 2026"])
def test_an_as_of_date_not_written_yyyy_mm_dd_is_named_with_the_form_it_needs(day):
    """A week date as the source's as-of date was refused as "not in the expected form": the supervisor had to
    guess which form. The problem names the file, the field and the form, as publish --as-of does."""
    tables = mini_tables()
    tables["meta"]["1"]["as_of"] = day
    [problem] = validate(tables).errors
    assert problem.text() == f"test.json › meta › as_of: {day!r} is not a date written YYYY-MM-DD (year, month, " \
        "day: 2026-02-02)"


def test_missing_field_is_named():
    tables = mini_tables()
    del doc_by_id(tables, "scenarios", "S08")["start"]
    report = validate(tables)
    assert any(p.record == "S08" and "'start'" in p.message for p in report.errors), messages(report)


def test_node_path_uses_node_id():
    tables = mini_tables()
    node(doc_by_id(tables, "scenarios", "S08"), "o_release")["verdict"] = "maybe"
    report = validate(tables)
    assert any("nodes[o_release]" in p.field for p in report.errors), messages(report)


def test_duplicate_provision_id():
    tables = mini_tables()
    tables["provisions"]["99"] = dict(doc_by_id(tables, "provisions", "IL-TRUST-15a"))
    report = validate(tables)
    assert any(p.record == "IL-TRUST-15a" and "more than one provision" in p.message for p in report.errors)


def test_duplicate_scenario_and_node_ids():
    tables = mini_tables()
    s = doc_by_id(tables, "scenarios", "S10")
    s["nodes"].append(dict(node(s, "o_no")))
    report = validate(tables)
    assert any("node id is used by more than one node" in p.message for p in report.errors), messages(report)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda t: node(doc_by_id(t, "scenarios", "S10"), "q_city")["choices"][0].update(next="nowhere"),
         "leads to node 'nowhere', which does not exist"),
        (lambda t: node(doc_by_id(t, "scenarios", "S08"), "danger")["choices"][0].update(next_scenario="NOPE"),
         "leads to scenario 'NOPE', which does not exist"),
        (lambda t: node(doc_by_id(t, "scenarios", "S10"), "o_no")["cites"][0].update(provision_id="GONE-1"),
         "cites provision 'GONE-1', which does not exist"),
        (lambda t: doc_by_id(t, "provisions", "IL-TRUST-15a").update(related=["GHOST"]),
         "points to provision 'GHOST', which does not exist"),
        (lambda t: doc_by_id(t, "scenarios", "S10").update(start="missing"),
         "points to node 'missing', which does not exist"),
    ],
    ids=["next", "next_scenario", "cites", "related", "start"],
)
def test_dangling_references(mutate, expected):
    tables = mini_tables()
    mutate(tables)
    report = validate(tables)
    assert expected in messages(report)


def test_unreachable_node():
    tables = mini_tables()
    s = doc_by_id(tables, "scenarios", "S10")
    orphan = dict(node(s, "o_no"), node_id="o_orphan")
    s["nodes"].append(orphan)
    report = validate(tables)
    assert any(p.field == "nodes[o_orphan]" and "unreachable" in p.message for p in report.errors)


def test_cycle_inside_scenario():
    tables = mini_tables()
    s = doc_by_id(tables, "scenarios", "S08")
    node(s, "q_basis")["choices"][0]["next"] = "danger"
    s["nodes"] = [n for n in s["nodes"] if n["node_id"] != "o_release"]
    report = validate(tables)
    assert "loop back" in messages(report)


def test_cycle_through_subflows():
    tables = mini_tables()
    paper = doc_by_id(tables, "scenarios", "PAPER")
    node(paper, "q_paper")["choices"][1] = {"key": "admin", "label": "Back to detainer", "next_scenario": "S08"}
    paper["nodes"] = [n for n in paper["nodes"] if n["node_id"] != "o_admin"]
    report = validate(tables)
    assert "loop back" in messages(report)


def test_two_answers_into_the_same_sub_flow_are_asked_again_there():
    """S24's "Yes — a warrant or order signed by a judge" and "They show something, but I can't tell what" both
    led into PAPER, whose first question asked again what they told apart: a warning (check --strict refuses it)
    until they are one answer. One answer into a sub-flow, or answers into two different ones, are fine."""
    tables = mini_tables()
    basis = node(doc_by_id(tables, "scenarios", "S08"), "q_basis")
    basis["choices"].append({"key": "judicial", "label": "A judge's warrant", "next_scenario": "PAPER"})
    report = validate(tables)
    assert report.ok and not report.errors
    [problem] = [p for p in report.warnings if "asked there again" in p.message]
    assert (problem.record, problem.field) == ("S08", "nodes[q_basis].choices[judicial]")
    assert "answers 'paper' and 'judicial' both lead into 'PAPER' at its first question" in problem.message
    basis["choices"][-1]["next_scenario"] = "SAFETY"
    assert not [p for p in validate(tables).problems if "asked there again" in p.message]


def test_question_with_no_choices_is_a_dead_end():
    tables = mini_tables()
    node(doc_by_id(tables, "scenarios", "S10"), "q_city")["choices"] = []
    report = validate(tables)
    text = messages(report)
    assert "officer would be stuck" in text


def test_question_with_one_choice():
    tables = mini_tables()
    q = node(doc_by_id(tables, "scenarios", "S10"), "q_city")
    q["choices"] = q["choices"][:1]
    s = doc_by_id(tables, "scenarios", "S10")
    s["nodes"] = [n for n in s["nodes"] if n["node_id"] != "o_refer"]
    report = validate(tables)
    assert "needs at least two" in messages(report)


def test_outcome_without_citation():
    tables = mini_tables()
    node(doc_by_id(tables, "scenarios", "S10"), "o_no")["cites"] = []
    report = validate(tables)
    assert "cites no provision" in messages(report)


def test_citation_of_rescinded_provision():
    tables = mini_tables()
    doc_by_id(tables, "provisions", "CHI-EO-2025-8")["dates"]["rescinded"] = "2025-12"
    report = validate(tables)
    assert "was rescinded in Dec 2025" in messages(report)


def test_a_provision_rescinded_before_the_as_of_date_says_what_to_do():
    """A supervisor who rescinds a provision that answers still cite read only dates ("… rescinded on 2026-01-15
    (before the pack's as-of date 2026-02-02)"): the problem now says why it matters and what to do."""
    tables = mini_tables()
    doc_by_id(tables, "provisions", "CHI-EO-2025-8")["dates"]["rescinded"] = "2026-01-15"
    problems = [p.message for p in validate(tables).errors if "rescinded" in p.message]
    assert problems and all(message.endswith(
        "(before the pack's as-of date 2 Feb 2026): officers would be told an answer that rests on a rescinded "
        "provision. Cite the provision that replaced it, or remove the citation and fix the answer")
        for message in problems)


@pytest.mark.parametrize(("rescinded", "said"), [
    ("2026-02", "recorded as rescinded in Feb 2026 with no day given, so it may already be rescinded by the pack's "
                "as-of date 2 Feb 2026: officers would be told an answer that may rest on a rescinded provision. "
                "Give the day it was rescinded if it is known"),
    ("2026", "recorded as rescinded in 2026 with no day given, so it may already be rescinded by the pack's as-of "
             "date 2 Feb 2026"),
    ("2026-02-02", "which was rescinded on 2 Feb 2026 (on the pack's as-of date 2 Feb 2026)"),
    ("2026-01", "which was rescinded in Jan 2026 (before the pack's as-of date 2 Feb 2026)"),
])
def test_a_rescission_in_the_as_of_dates_own_month_or_year_is_not_said_to_be_before_it(rescinded, said):
    """"rescinded in Feb 2026 (before the pack's as-of date 2 Feb 2026)" read as a contradiction: a month holding the
    as-of date may mean a day after it. It is still refused (it may be rescinded), and said as what is known."""
    tables = mini_tables()  # as of 2 Feb 2026
    doc_by_id(tables, "provisions", "CHI-EO-2025-8")["dates"]["rescinded"] = rescinded
    problems = [p.message for p in validate(tables).errors if "rescinded" in p.message]
    assert len(problems) == 2, "both answers citing it"
    assert all(said in message and "(before the pack's as-of date 2 Feb 2026)" not in message.replace(said, "")
               for message in problems), problems


def test_a_month_ending_on_the_as_of_date_was_rescinded_by_it():
    tables = mini_tables()
    tables["meta"]["1"]["as_of"] = tables["meta"]["1"]["reviewed_on"] = "2026-01-31"
    doc_by_id(tables, "provisions", "CHI-EO-2025-8")["dates"]["rescinded"] = "2026-01"
    assert "which was rescinded in Jan 2026 (by the pack's as-of date 31 Jan 2026)" in messages(validate(tables))


def test_a_rescission_in_the_review_dates_own_month_may_be_after_it():
    tables = mini_tables()
    tables["meta"]["1"]["reviewed_on"] = "2026-06-10"
    doc_by_id(tables, "provisions", "CHI-EO-2025-8")["dates"]["rescinded"] = "2026-06"
    report = validate(tables)
    assert not report.ok
    assert ("recorded as rescinded in Jun 2026 with no day given, so it may be rescinded by the pack's review date "
            "10 Jun 2026, though not by its as-of date 2 Feb 2026") in messages(report)
    assert "on or before the pack's review date" not in messages(report)


def test_rescinded_after_as_of_is_still_citable_with_a_warning():
    tables = mini_tables()
    doc_by_id(tables, "provisions", "CHI-EO-2025-8")["dates"]["rescinded"] = "2027-01-01"
    report = validate(tables)
    assert report.ok, messages(report)
    warnings = [str(w) for w in report.warnings if "rescinded" in str(w)]
    # an officer reads them among the install dialog's cautions: what happens to them, not what a supervisor may not do
    assert len(warnings) == 2, "both answers citing it"
    for warning in warnings:
        assert ("recorded as rescinded on 1 Jan 2027 (after the pack's as-of and review dates): from that day the app "
                "shows this answer with a caution that it rests on a rescinded provision, and tells the officer to "
                "call a supervisor") in warning
        assert "publishing" not in warning and "refused" not in warning


def test_citation_of_provision_rescinded_after_as_of_but_by_the_review_date():
    """A supervisor records a rescission and publishes (reviewed_on = today) without moving as_of:
    the rescission is known to have happened, so the answers citing it are refused."""
    tables = mini_tables()
    tables["meta"]["1"]["reviewed_on"] = "2026-07-01"
    doc_by_id(tables, "provisions", "CHI-EO-2025-8")["dates"]["rescinded"] = "2026-06-15"
    report = validate(tables)
    assert not report.ok
    assert ("cites EO 2025-8, which was rescinded on 15 Jun 2026 (on or before the pack's review date 1 Jul 2026, "
            "though after its as-of date 2 Feb 2026)") in messages(report)


def test_citation_of_not_yet_effective_provision():
    tables = mini_tables()
    doc_by_id(tables, "provisions", "CHI-EO-2025-8")["dates"]["effective"] = "2026-06-01"
    report = validate(tables)
    assert "takes effect only on 1 Jun 2026 (after the pack's as-of date 2 Feb 2026)" in messages(report)
    doc_by_id(tables, "provisions", "CHI-EO-2025-8")["dates"]["effective"] = "2026-06"  # a month: "in", not "on"
    assert "takes effect only in Jun 2026 (after the pack's as-of date 2 Feb 2026)" in messages(validate(tables))


def test_schema_version_from_the_future():
    tables = mini_tables()
    tables["meta"]["1"]["schema_version"] = 99
    report = validate(tables)
    assert not report.ok
    assert "newer version of the app" in messages(report)


def test_safety_critical_flow_must_ask_danger_first():
    tables = mini_tables()
    doc_by_id(tables, "scenarios", "S10")["safety_critical"] = True
    report = validate(tables)
    assert "immediate danger" in messages(report)


def test_refer_outcome_must_say_whom_to_call():
    tables = mini_tables()
    node(doc_by_id(tables, "scenarios", "S10"), "o_refer")["notify"] = []
    assert "must say whom to call" in messages(validate(tables))


def test_impossible_calendar_date():
    tables = mini_tables()
    tables["meta"]["1"]["as_of"] = "2026-02-31"
    assert "not a real calendar date" in messages(validate(tables))


def test_choice_needs_exactly_one_target():
    tables = mini_tables()
    node(doc_by_id(tables, "scenarios", "S10"), "q_city")["choices"][0]["next_scenario"] = "PAPER"
    report = validate(tables)
    assert "exactly one of 'next'" in messages(report)


def test_empty_outcome_lists_are_warnings():
    tables = mini_tables()
    node(doc_by_id(tables, "scenarios", "S10"), "o_no")["document"] = []
    report = validate(tables)
    assert report.ok
    assert any("document" in p.field for p in report.warnings)


def test_an_operative_provision_no_outcome_cites_is_a_warning():
    report = validate(uncited_provision(mini_tables()))
    assert report.ok  # a warning, not an error: `check --strict` fails on it, `check` does not
    [warning] = report.warnings
    assert (warning.table, warning.record, warning.field) == ("provisions", "IL-NEW-1", "operative")
    assert str(warning) == ("test.json › provisions › IL-NEW-1 › operative: warning: governs what officers do, but "
                            "no outcome cites it: cite it from the outcomes it governs, or mark it as reference only")
    tables = uncited_provision(mini_tables())
    doc_by_id(tables, "provisions", "IL-NEW-1")["operative"] = False  # reference only: nothing to cite it
    assert not validate(tables).warnings


def test_problem_string_is_readable():
    tables = mini_tables()
    node(doc_by_id(tables, "scenarios", "S10"), "o_no")["cites"][0]["provision_id"] = "GONE-1"
    text = str(validate(tables).errors[0])
    assert text.startswith("test.json › scenarios › S10 › nodes[o_no].cites[0]:")


def test_an_entry_into_a_shared_step_loads_and_round_trips():
    """``enter_at`` survives load and save unchanged (deterministic JSON), and a pack without it saves without it."""
    from desktop.domain.codec import pack_from_tables, pack_to_tables
    from tests.helpers import with_court_check

    tables = with_court_check(mini_tables())
    report = validate(tables)
    assert report.ok and not report.problems, messages(report)
    choice = report.pack.scenario("S08").node("q_basis").choice("judge")
    assert (choice.next_scenario, choice.enter_at) == ("PAPER", "q_court_check")
    saved = pack_to_tables(report.pack)
    assert node(doc_by_id(saved, "scenarios", "S08"), "q_basis")["choices"][1] == {
        "key": "judge", "label": "A warrant signed by a judge", "next_scenario": "PAPER", "enter_at": "q_court_check"}
    assert pack_from_tables(saved) == report.pack
    plain = validate(mini_tables()).pack
    assert "enter_at" not in json.dumps(pack_to_tables(plain))


def test_a_pack_that_enters_a_shared_step_part_way_must_say_schema_version_2():
    """An app that knows only version 1 refuses version 2 with "update the app": a pack using ``enter_at`` that
    said version 1 would be refused by it for an unknown field instead. A version 1 pack without it loads."""
    tables = with_court_check(mini_tables())
    tables["meta"]["1"]["schema_version"] = 1
    report = validate(tables)
    [problem] = report.errors
    assert (problem.record, problem.field) == ("S08", "nodes[q_basis].choices[judge].enter_at")
    assert "needs schema version 2" in problem.message
    assert validate(mini_tables()).ok and mini_tables()["meta"]["1"]["schema_version"] == 1


def test_an_entry_that_is_not_a_step_of_the_shared_scenario_is_refused():
    tables = with_court_check(mini_tables())
    node(doc_by_id(tables, "scenarios", "S08"), "q_basis")["choices"][1]["enter_at"] = "q_gone"
    report = validate(tables)
    [problem] = [p for p in report.errors if p.field.endswith(".enter_at")]  # and q_court_check is unreachable
    assert (problem.record, problem.field) == ("S08", "nodes[q_basis].choices[judge].enter_at")
    assert problem.message == "answer 'judge' enters scenario 'PAPER' at node 'q_gone', which does not exist there"
    # a step of the scenario the answer is in, not of the shared one, is no entry either
    node(doc_by_id(tables, "scenarios", "S08"), "q_basis")["choices"][1]["enter_at"] = "o_release"
    assert "at node 'o_release', which does not exist there" in messages(validate(tables))


def test_an_entry_without_a_shared_step_is_refused():
    tables = mini_tables()
    node(doc_by_id(tables, "scenarios", "S08"), "q_basis")["choices"][0]["enter_at"] = "q_paper"
    text = messages(validate(tables))
    assert "has 'enter_at' (where a shared step is entered) but no 'next_scenario'" in text


def test_a_step_reached_only_through_an_entry_is_reachable_and_its_loops_are_found():
    tables = with_court_check(mini_tables())
    assert not [p for p in validate(tables).problems if "unreachable" in p.message]
    node(doc_by_id(tables, "scenarios", "S08"), "q_basis")["choices"].pop(1)  # the one answer entering there
    tables["meta"]["1"]["schema_version"] = 1
    [problem] = validate(tables).errors
    assert (problem.record, problem.field) == ("PAPER", "nodes[q_court_check]") and "unreachable" in problem.message
    tables = with_court_check(mini_tables())
    node(doc_by_id(tables, "scenarios", "PAPER"), "q_court_check")["choices"][1] = {
        "key": "no", "label": "No", "next_scenario": "S08"}
    assert "loop back" in messages(validate(tables))


def test_answers_entering_a_shared_step_at_different_steps_are_not_asked_again():
    """With "A warrant signed by a judge" entering PAPER at its court check and "Not sure" at its start,
    neither is asked again what it said; two answers entering it at the same step still are."""
    tables = with_court_check(mini_tables())
    assert not [p for p in validate(tables).problems if "asked there again" in p.message]
    basis = node(doc_by_id(tables, "scenarios", "S08"), "q_basis")
    basis["choices"].append({"key": "signed", "label": "Signed by a judge", "next_scenario": "PAPER",
                             "enter_at": "q_court_check"})
    [problem] = [p for p in validate(tables).warnings if "asked there again" in p.message]
    assert (problem.record, problem.field) == ("S08", "nodes[q_basis].choices[signed]")
    assert "answers 'judge' and 'signed' both lead into 'PAPER' at 'q_court_check'" in problem.message
    basis["choices"][-1]["enter_at"] = "q_paper"  # named, but the start: the same step as "paper"'s
    [problem] = [p for p in validate(tables).warnings if "asked there again" in p.message]
    assert "answers 'paper' and 'signed' both lead into 'PAPER' at its first question" in problem.message


def test_as_of_whose_review_date_is_past_the_calendar_is_refused():
    """as_of 9999-12-31 passed the check, then every start crashed counting its review date (OverflowError)."""
    tables = mini_tables()
    tables["meta"]["1"]["as_of"] = "9999-12-31"
    report = validate(tables)
    assert not report.ok
    assert "is 9999-12-31: its review would fall due" in messages(report)
    assert "Check the year" in messages(report)


def test_the_editor_s_starter_words_left_in_a_field_are_a_problem():
    """A new outcome's "Why this is the answer." or a new provision's summary, never written over, passed the
    check and would have been published to officers."""
    from desktop.domain import editing
    from desktop.domain.model import STARTER_WORDS

    tables = mini_tables()
    s08 = doc_by_id(tables, "scenarios", "S08")
    outcome = node(s08, "o_release")
    starter = editing.new_outcome("O9")
    outcome["rationale"] = starter["rationale"]
    outcome["headline"] = f"  {starter['headline']}"
    doc_by_id(tables, "provisions", "IL-TRUST-15a")["summary"] = editing.new_provision(tables)["summary"]
    report = validate(tables)
    found = {(p.record, p.field) for p in report.errors if "starter words" in p.message}
    assert found == {("S08", "nodes[o_release].rationale"), ("S08", "nodes[o_release].headline"),
                     ("IL-TRUST-15a", "summary")}
    assert "still has the editor's starter words (“Why this is the answer.”): write what officers should read" \
        in messages(report)
    assert set(STARTER_WORDS.values()) >= {starter["headline"], starter["rationale"]}


def test_an_amendment_after_the_as_of_date_is_a_warning():
    """A supervisor recorded an amended order (amended 2026-11-30) and published: the pack still said "as of
    2 Feb 2026", and officers read the amended words as the law of February. The check now says so."""
    tables = mini_tables()
    doc_by_id(tables, "provisions", "CHI-EO-2025-8")["dates"]["amended"] = "2026-11-30"
    report = validate(tables)
    assert report.ok, messages(report)
    assert [str(w) for w in report.warnings] == [
        "test.json › provisions › CHI-EO-2025-8 › dates.amended: warning: was amended on 30 Nov 2026, after the "
        "pack's as-of date 2 Feb 2026: officers would read the amended words as the law of that earlier day. Once "
        "the whole pack is checked against the law of today, move the as-of date on (Publish's “Law current as of”, publish "
        "--as-of)"]
    # a month or a year is written as the app writes it, as the rescission's and the effective date's are: the
    # check said "was amended on 2026-12, after the pack's as-of date 2026-02-02" beside "rescinded in Dec 2026"
    doc_by_id(tables, "provisions", "CHI-EO-2025-8")["dates"]["amended"] = "2026-12"
    assert "warning: was amended in Dec 2026, after the pack's as-of date 2 Feb 2026: " in str(validate(tables).warnings[0])
    doc_by_id(tables, "provisions", "CHI-EO-2025-8")["dates"]["amended"] = "2027"
    assert "warning: was amended in 2027, after the pack's as-of date 2 Feb 2026: " in str(validate(tables).warnings[0])
    doc_by_id(tables, "provisions", "CHI-EO-2025-8")["dates"]["amended"] = "2026-02"  # within the as-of month
    assert not validate(tables).warnings


def test_a_whole_number_written_with_a_decimal_point_is_refused():
    """data_version 1.0 passed the check (JSON Schema counts 1.0 as an integer), and the app showed "data version
    1.0"; publish refused the same pack as "not a whole number". One rule now, in both."""
    tables = mini_tables()
    tables["meta"]["1"]["data_version"] = 3.0
    doc_by_id(tables, "scenarios", "S08")["home"]["rank"] = 2.0
    report = validate(tables)
    assert not report.ok
    assert [str(p) for p in report.errors] == [
        "test.json › meta › data_version: is 3.0: write it as a whole number, 3, without the decimal point",
        "test.json › scenarios › S08 › home.rank: is 2.0: write it as a whole number, 2, without the decimal point"]


def test_the_schema_has_no_field_for_numbers_other_than_whole_ones():
    """The validator refuses every number written with a decimal point (data_version 1.0): right only while no
    field of the schema holds a fraction."""
    from desktop.storage.pack_file import load_schema

    def types(schema):
        if isinstance(schema, dict):
            kind = schema.get("type")
            yield from ([kind] if isinstance(kind, str) else kind if isinstance(kind, list) else [])
            for value in schema.values():
                yield from types(value)
        elif isinstance(schema, list):
            for value in schema:
                yield from types(value)

    found = set(types(load_schema()))
    assert "integer" in found and "number" not in found


def test_control_and_text_direction_characters_are_refused_naming_record_field_and_character():
    """A right-to-left override in a title passed the check: on screen the words read otherwise than in the file.
    NUL and other control characters passed too."""
    tables = mini_tables()
    doc_by_id(tables, "provisions", "IL-TRUST-15a")["title"] = "Do not \u202eassist ICE"
    s08 = doc_by_id(tables, "scenarios", "S08")
    node(s08, "o_release")["headline"] = "Release\x00 them"
    node(s08, "o_release")["do"] = ["Note the \u2067time\u2069"]
    tables["glossary"]["1"]["definition"] = "A form\x85 signed by an officer."
    report = validate(tables)
    assert sorted(str(p) for p in report.errors) == [
        "test.json › glossary › Administrative warrant › definition: has a control character (U+0085) at character "
        "7 (“A form[U+0085] signed by an office”): officers' screens do not show it, and it can hide or cut off "
        "words. Delete it",
        "test.json › provisions › IL-TRUST-15a › title: has a text-direction character (right-to-left override, "
        "U+202E) at character 8 (“Do not [U+202E]assist ICE”): it makes the words read differently on screen than "
        "in the file. Delete it",
        "test.json › scenarios › S08 › nodes[o_release].do[0]: has text-direction characters (right-to-left "
        "isolate, U+2067; pop directional isolate, U+2069) (the first at character 10: “Note the [U+2067]time"
        "[U+2069]”): it makes the words read differently on screen than in the file. Delete them",
        "test.json › scenarios › S08 › nodes[o_release].headline: has a NUL character (U+0000) at character 8 "
        "(“Release[U+0000] them”): officers' screens do not show it, and it can hide or cut off words. Delete it"]
    assert report.pack is not None, "the structure is sound: the other checks still run"


def test_every_hidden_character_is_one_python_calls_not_printable():
    """The value walk reads a text with the hidden-character pattern only when ``str.isprintable`` refuses it: sound
    only while every character the pattern finds is one it refuses, on this Python's Unicode tables too."""
    from desktop.domain.validation import _HIDDEN

    hidden = [chr(c) for c in range(0x110000) if _HIDDEN.match(chr(c))]
    assert len(hidden) > 2000  # the surrogates, the controls, the direction marks, the two separators
    assert [f"U+{ord(ch):04X}" for ch in hidden if ch.isprintable()] == []


class _CountingPattern:
    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.searched = pattern, []

    def search(self, text: str) -> re.Match[str] | None:
        self.searched.append(text)
        return self.pattern.search(text)

    def __getattr__(self, name: str) -> object:  # finditer, sub, pattern: as the real one, not counted
        return getattr(self.pattern, name)


def test_the_value_walk_searches_only_words_that_are_not_printable(monkeypatch):
    """The 10,000-provision pack's load spent a sixth of its time searching every text for hidden characters: only
    the words Python calls not printable are searched now, and a hidden character is still found."""
    from desktop.domain import validation

    counting = _CountingPattern(validation._HIDDEN)
    monkeypatch.setattr(validation, "_HIDDEN", counting)
    tables = mini_tables()
    tables["glossary"]["1"]["definition"] = "A form\u00a0signed by an officer."  # a no-break space: searched, clean
    assert validate(tables).ok, messages(validate(tables))
    assert counting.searched == ["A form\u00a0signed by an officer."]
    s08 = doc_by_id(tables, "scenarios", "S08")
    node(s08, "o_release")["do"] = ["Note the \u2067time\u2069"]
    assert [p.field for p in validate(tables).errors] == ["nodes[o_release].do[0]"]


def test_line_breaks_and_tabs_are_allowed_in_text_blocks_only():
    tables = mini_tables()
    s08 = doc_by_id(tables, "scenarios", "S08")
    node(s08, "o_release")["rationale"] = "First line.\nSecond line,\r\nthird\tline."
    tables["meta"]["1"]["disclaimer"] = "Reference only.\n\nNot legal advice."
    assert validate(tables).ok, messages(validate(tables))
    node(s08, "o_release")["headline"] = "Release\tthem"
    node(s08, "o_release")["rationale"] = "A lone carriage\rreturn."
    report = validate(tables)
    assert [(p.field, p.message) for p in report.errors] == [
        ("nodes[o_release].rationale", "has a carriage return (U+000D) at character 16 (“A lone carriage[U+000D]"
                                       "return.”): officers' screens do not show it, and it can hide or cut off "
                                       "words. Delete it")]
    assert [(p.field, p.message) for p in report.warnings] == [
        ("nodes[o_release].headline", "has a tab (U+0009) at character 8 (“Release[U+0009]them”), but this field "
                                      "is one line: put a space instead")]


def test_line_and_paragraph_separators_are_warned_about_as_line_breaks_the_file_does_not_show():
    """U+2028 and U+2029 passed `check` silently: Qt draws them as line breaks, most editors as nothing (text
    pasted from a word processor holds them). Officers see a line break, nothing hidden, so they are warned about
    (as a line break in a one-line field is), in every field, named as U+2028/U+2029; never printed as they are."""
    tables = mini_tables()
    s08 = doc_by_id(tables, "scenarios", "S08")
    node(s08, "o_release")["headline"] = "Release\u2028them"
    node(s08, "o_release")["rationale"] = "First line.\nSecond\u2029line."
    report = validate(tables)
    assert report.ok, messages(report)
    assert [(p.field, p.message) for p in report.warnings] == [
        ("nodes[o_release].headline", "has a line separator (U+2028) at character 8 (“Release[U+2028]them”), but "
                                      "this field is one line: put a space instead"),
        ("nodes[o_release].rationale", "has a paragraph separator (U+2029) at character 19 (“First line. "
                                       "Second[U+2029]line.”): officers' screens start a new line there, but most "
                                       "editors show nothing, so the file does not read as the screen does. Put an "
                                       "ordinary line break (Enter) instead")]
    assert all("\u2028" not in str(p) and "\u2029" not in str(p) for p in report.warnings)
    node(s08, "o_release")["rationale"] = "Second\u2029line\x01."  # with a hidden character: refused, as before
    [error] = validate(tables).errors
    assert error.message.startswith("has a paragraph separator (U+2029) and a control character (U+0001)")


def test_a_term_holding_a_hidden_character_is_named_safely_and_found_again():
    """The record name is the term itself: printed as it is, the message would be turned round too."""
    from desktop.domain import editing

    tables = mini_tables()
    tables["glossary"]["1"]["term"] = "Admin\u202e warrant"
    [problem] = validate(tables).errors
    assert (problem.record, problem.field) == ("Admin[U+202E] warrant", "term")
    assert "\u202e" not in str(problem)
    assert editing.locate(tables, problem.table, problem.record, problem.field).focus == ("glossary", "1")


def test_an_as_of_date_later_than_today_is_a_warning_naming_the_date_and_today():
    """A pack as of a day still to come passed `check` (only publish refused it). Refusing it outright would lock
    out a real update on a laptop whose clock is behind, so it is a warning, which `check --strict` refuses."""
    import datetime as dt

    from desktop.domain.validation import validate_tables
    from desktop.storage.pack_file import load_schema

    tables = mini_tables()  # as of 2026-02-02
    report = validate_tables(tables, load_schema(), file="test.json", today=dt.date(2026, 2, 1))
    assert report.ok
    assert [str(w) for w in report.warnings] == [
        "test.json › meta › as_of: warning: the as-of date 2 Feb 2026 is later than today (1 Feb 2026): the law can "
        "only be stated as of a day that has already come. Check the date, or this computer's clock: publish "
        "refuses it, and officers' apps show it as it is"]
    assert not validate_tables(tables, load_schema(), file="test.json", today=dt.date(2026, 2, 2)).warnings
    assert not validate_tables(tables, load_schema(), file="test.json").warnings, "no day given: no day checked"


def test_several_hidden_characters_are_named_by_kind_in_plain_words():
    from desktop.domain.validation import hidden_words

    assert hidden_words("a\x01e\x02") == (
        "has control characters (U+0001, U+0002) (the first at character 2: “a[U+0001]e[U+0002]”): officers' screens "
        "do not show them, and they can hide or cut off words. Delete them")
    assert hidden_words("Line one.\nLine two.", text_block=True) is None


@pytest.mark.parametrize("blank", [" ", "\u00a0\u3000", "\u200b", "\u200d\u200d", "\u200f", "\ufeff", "\u00ad",
                                   "\u0301\u0301", "\ufe0f", "\u3164", "\U000e0041"])
def test_words_that_show_nothing_on_screen_are_refused_naming_record_and_field(blank):
    """A title, question, answer or search word made only of spaces or invisible characters (zero-width space or
    joiner, direction mark, byte order mark, soft hyphen, lone accent, variation selector, Hangul filler, tag
    character) passed: the schema asks only for one character. Officers got a blank citation button, a blank
    answer choice, a blank headline on the outcome card."""
    tables = mini_tables()
    doc_by_id(tables, "provisions", "IL-TRUST-15a")["title"] = blank
    s08 = doc_by_id(tables, "scenarios", "S08")
    node(s08, "o_release")["headline"] = blank
    node(s08, "o_release")["do"] = ["Release them.", blank]
    node(s08, "q_basis")["choices"][0]["label"] = blank
    tables["synonyms"]["1"]["term"] = blank
    report = validate(tables)
    found = {(p.table, p.record, p.field) for p in report.errors if p.message.startswith("shows nothing on screen")}
    key = node(s08, "q_basis")["choices"][0]["key"]
    term = "".join(f"[U+{ord(ch):04X}]" for ch in blank)
    assert found == {("provisions", "IL-TRUST-15a", "title"), ("scenarios", "S08", "nodes[o_release].headline"),
                     ("scenarios", "S08", "nodes[o_release].do[1]"),
                     ("scenarios", "S08", f"nodes[q_basis].choices[{key}].label"), ("synonyms", term, "term")}
    assert all(not p.record or not p.record.isspace() for p in report.errors)


def test_invisible_characters_inside_visible_words_are_allowed():
    """Zero-width joiners, direction marks and accents inside words that show are fine (names, emoji, Arabic)."""
    tables = mini_tables()
    doc_by_id(tables, "provisions", "IL-TRUST-15a")["title"] = "\u200fIllinois TRUST Act\u200f e\u0301 \u200d"
    node(doc_by_id(tables, "scenarios", "S08"), "o_release")["headline"] = " Release them. "
    report = validate(tables)
    assert report.ok, messages(report)


def test_categories_officers_would_read_as_one_heading_are_a_warning_naming_scenarios_and_spellings():
    """check passed a pack whose categories differ only in case, spacing, a full-width letter or a letter of another
    alphabet: two headings on the Home screen that read as one, the situations split between them. A warning (the
    answers are right; an error would make the officers' app refuse the pack), naming both spellings and their
    scenarios, the hidden difference named; check --strict fails on it."""
    tables = mini_tables()
    doc_by_id(tables, "scenarios", "S08")["category"] = "Warrants  and PAPERS"
    doc_by_id(tables, "scenarios", "S10")["category"] = "Warr\u0430nts and papers"  # a Cyrillic а
    report = validate(tables)
    assert report.ok, messages(report)
    found = [p for p in report.warnings if p.field == "category"]
    assert [(p.record, p.table) for p in found] == [("S08", "scenarios"), ("S10", "scenarios")]
    assert found[0].message.startswith(
        "category “Warrants  and PAPERS” (scenario S08) reads as “Warrants and papers” (scenario PAPER): officers "
        "would see two headings on the Home screen that read as one")
    assert "“Warr\u0430nts and papers” (scenario S10) reads as “Warrants and papers” (scenario PAPER); it has " \
           "U+0430 cyrillic small letter a:" in found[1].message
    doc_by_id(tables, "scenarios", "SAFETY")["category"] = "Ｗarrants and papers"  # full width, now the first
    found = [p for p in validate(tables).warnings if p.field == "category"]
    assert [p.record for p in found] == ["SAFETY", "S08", "S10"]
    assert all("reads as “Warrants and papers” (scenario PAPER)" in p.message for p in found), found
    assert "it has U+FF37 fullwidth latin capital letter w:" in found[0].message


def test_the_spelling_a_category_warning_asks_for_is_never_the_odd_one():
    """The check asked every other spelling to be written as the first one used, and when that one was "Trаffic" with
    a Cyrillic "а" or "Ｗarrants" in full width, it told the supervisor to write the lookalike everywhere: the warning
    went away with every heading in another alphabet, which no officer's search for "traffic" finds. The spelling
    asked for is the first written plainly (one alphabet a word, no compatibility form, single spaces)."""
    tables = mini_tables()
    doc_by_id(tables, "scenarios", "SAFETY")["category"] = "Warr\u0430nts and papers"  # a Cyrillic а, first used
    doc_by_id(tables, "scenarios", "S08")["category"] = "Warrants  and papers"  # two spaces
    found = [p for p in validate(tables).warnings if p.field == "category"]
    assert [p.record for p in found] == ["SAFETY", "S08"]
    assert all(p.message.endswith("Write it “Warrants and papers” (or make the two plainly different)") for p in found)
    assert "“Warr\u0430nts and papers” (scenario SAFETY) reads as “Warrants and papers” (scenario PAPER); it has " \
           "U+0430 cyrillic small letter a:" in found[0].message
    for sid in ("PAPER", "S08"):  # no spelling plainly written: the first one used is asked for, as before
        doc_by_id(tables, "scenarios", sid)["category"] = "Warr\u0430nts and papers"
    doc_by_id(tables, "scenarios", "SAFETY")["category"] = "Warrants and p\u0430pers"
    found = [p for p in validate(tables).warnings if p.field == "category"]
    assert len(found) == 1 and "reads as “Warrants and p\u0430pers” (scenario SAFETY)" in found[0].message


def test_categories_that_differ_by_a_character_that_draws_nothing_are_a_warning():
    """Hostile pass: check passed a pack with "Warrants and papers" and the same with a zero-width space or a soft
    hyphen inside: two headings on the Home screen that read as one. Warned about, the hidden character named."""
    tables = mini_tables()
    doc_by_id(tables, "scenarios", "S08")["category"] = "Warr\u200bants and papers"
    doc_by_id(tables, "scenarios", "S10")["category"] = "Warrants and pa\u00adpers"
    found = [p for p in validate(tables).warnings if p.field == "category"]
    assert [p.record for p in found] == ["S08", "S10"]
    assert "(scenario S08) reads as “Warrants and papers” (scenario PAPER); it has U+200B zero width space" \
        in found[0].message
    assert "it has U+00AD soft hyphen" in found[1].message


def test_categories_that_are_plainly_different_are_not_warned_about():
    tables = mini_tables()
    doc_by_id(tables, "scenarios", "S08")["category"] = "Warrants and papers"  # the same spelling: one heading
    doc_by_id(tables, "scenarios", "S10")["category"] = "Warrant and papers"  # another word
    assert not [p for p in validate(tables).warnings if p.field == "category"]
