"""The problem report an officer makes about one screen: what it holds (and what it holds only when asked), its
text, reading it back, hostile files, and what it says against another pack."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import problem_report as pr
from desktop.domain import wizard

SHA = "ab" * 32


def _outcome_report(pack, answers=True, comment="The verdict looks wrong to me."):
    state = wizard.replay(pack, "S08", ["no", "no"])
    return pr.make_report(pack, SHA, pr.walk_screen(pack, state), comment, "9.9.9",
                          pr.answers_so_far(pack, state) if answers else None)


def test_an_answer_screen_names_its_scenario_step_headline_and_citations(mini_pack):
    report = _outcome_report(mini_pack)
    screen = report.screen
    assert (screen.kind, screen.scenario_id, screen.node_id) == ("outcome", "S08", "o_release")
    assert screen.scenario_title == "ICE sends a detainer for someone about to be released"
    assert screen.citations == ("5 ILCS 805/15(a)", "MCC 2-173-020(a)(1)(C)")
    assert (report.app_version, report.data_version, report.as_of, report.sha256) == (
        "9.9.9", 3, dt.date(2026, 2, 2), SHA)
    text = pr.render(report)
    for words in ("The verdict looks wrong to me.", "S08", "o_release", "NOT PERMITTED", "5 ILCS 805/15(a)",
                  "Data version: 3, as of 2 Feb 2026", SHA, "App version: 9.9.9"):
        assert words in text


def test_a_question_screen_names_the_step_and_its_question(mini_pack):
    state = wizard.replay(mini_pack, "S08", ["no"])
    screen = pr.walk_screen(mini_pack, state)
    assert screen == pr.Screen("question", "S08", "ICE sends a detainer for someone about to be released", "q_basis",
                               "Is there any reason to hold the person other than the detainer?")


def test_a_shared_step_is_named_in_its_own_scenario(mini_pack):
    """The editor and the command line look the step up where it lives: PAPER's, not the situation's."""
    state = wizard.replay(mini_pack, "S08", ["yes"])  # danger: into the shared SAFETY steps
    screen = pr.walk_screen(mini_pack, state)
    assert (screen.scenario_id, screen.scenario_title, screen.node_id) == ("SAFETY", "Someone is hurt or in danger",
                                                                          "q_what")
    assert pr.answers_so_far(mini_pack, state)[0].scenario_id == "S08"


def test_answers_and_search_words_are_left_out_unless_the_officer_includes_them(mini_pack):
    without = pr.render(_outcome_report(mini_pack, answers=False))
    assert "Answers so far: not included" in without
    assert "otherwise free to go" not in without and '"answers": null' in without
    with_them = pr.render(_outcome_report(mini_pack, answers=True))
    assert "1. Is anyone in immediate danger or hurt?" in with_them and "→ No, they are otherwise free to go" in with_them

    assert pr.search_screen("  hold him for ice ", include_query=False).query == ""
    assert pr.search_screen("  hold him for ice ", include_query=True).query == "hold him for ice"
    left_out = pr.render(pr.make_report(mini_pack, SHA, pr.search_screen("hold him for ice", False), "x", "1"))
    assert "hold him" not in left_out and "Search words: (not included)" in left_out


def test_a_provision_screen_names_its_id_title_and_citation(mini_pack):
    screen = pr.provision_screen(mini_pack, "IL-TRUST-15a")
    assert (screen.kind, screen.provision_id, screen.citations) == ("provision", "IL-TRUST-15a", ("5 ILCS 805/15(a)",))
    assert screen.text == mini_pack.provision("IL-TRUST-15a").title


def test_a_report_reads_back_as_it_was_made(mini_pack):
    for report in (_outcome_report(mini_pack), _outcome_report(mini_pack, answers=False),
                   pr.make_report(mini_pack, SHA, pr.provision_screen(mini_pack, "CHI-EO-2025-8"), "", "1"),
                   pr.make_report(mini_pack, SHA, pr.search_screen("lot", True), "Wrong results", "1")):
        assert pr.parse(pr.render(report)) == report


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
_words = st.one_of(_text, st.sampled_from([pr.BEGIN, pr.END, f"x\n{pr.BEGIN}\n{{}}\n{pr.END}\n", "—", '"}']))
_screens = st.builds(pr.Screen, st.sampled_from(list(pr.SCREEN_WORDS)), _words, _words, _words, _words, _words,
                     st.lists(_words, max_size=3).map(tuple), _words, _words)
_answers = st.builds(pr.Answer, _words, _words, _words, _words, _words)
_reports = st.builds(pr.ProblemReport, _words, st.integers(-10**6, 10**6), st.dates(), _words, _screens, _words,
                     st.none() | st.lists(_answers, max_size=3).map(tuple))


@settings(max_examples=150, deadline=None)
@given(_reports)
def test_any_report_reads_back_whatever_the_officer_wrote(report):
    """Even words that look like the report's own markers or its JSON."""
    assert pr.parse(pr.render(report)) == report


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_read_or_refused_in_words_never_a_crash(text):
    try:
        pr.parse(text)
    except pr.ReportError as exc:
        assert str(exc)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_damaged_or_edited_report_is_refused_in_words_never_a_crash(mini_pack, data):
    text = pr.render(_outcome_report(mini_pack))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 40)))
    inserted = data.draw(st.one_of(st.text(max_size=20), st.sampled_from(
        ["null", "[]", "{}", "1e999", "-1", "true", '"x"', "[" * 5000, "9" * 5000, "\\ud800"])))
    damaged = text[:start] + inserted + text[end:]
    try:
        report = pr.parse(damaged)
    except pr.ReportError as exc:
        assert str(exc)
    else:
        assert isinstance(report, pr.ProblemReport)


@pytest.mark.parametrize(("text", "words"), [
    ("hello", "not a problem report"),
    (f"{pr.BEGIN}\n{{}}", "cut short"),
    (f"{pr.BEGIN}\n{{nope\n{pr.END}", "changed or damaged"),
    (f"{pr.BEGIN}\n" + "[" * 100_000 + f"\n{pr.END}", "changed or damaged"),
    (f'{pr.BEGIN}\n{{"format": "{pr.FORMAT}", "format_version": 99}}\n{pr.END}', "newer version"),
    ("x" * (pr.MAX_REPORT_CHARS + 1), "far longer"),
])
def test_files_that_are_not_reports_say_why(text, words):
    with pytest.raises(pr.ReportError, match=words):
        pr.parse(text)


def test_against_another_pack_it_says_the_versions_and_whether_the_step_is_still_there(mini_pack):
    report = dataclasses.replace(_outcome_report(mini_pack), data_version=1)
    assert pr.compared_with(report, mini_pack, SHA) == (
        "This report is about data version 1; you are on 3: the step o_release of S08 still exists.")
    same = _outcome_report(mini_pack)
    assert pr.compared_with(same, mini_pack, SHA).startswith("This report is about data version 3, the one you are on:")
    assert "another file" in pr.compared_with(same, mini_pack, "cd" * 32)
    gone = dataclasses.replace(same, screen=dataclasses.replace(same.screen, node_id="o_gone"))
    assert pr.compared_with(gone, mini_pack, SHA).endswith("the step o_gone was removed from S08.")
    reworded = dataclasses.replace(same, screen=dataclasses.replace(same.screen, text="Old words"))
    assert pr.compared_with(reworded, mini_pack, SHA).endswith("still exists; its words have changed.")
    provision = pr.make_report(mini_pack, SHA, pr.provision_screen(mini_pack, "IL-TRUST-15a"), "", "1")
    assert pr.compared_with(provision, mini_pack, SHA).endswith("the provision IL-TRUST-15a still exists.")
    removed = dataclasses.replace(provision, screen=dataclasses.replace(provision.screen, provision_id="GONE-1"))
    assert pr.compared_with(removed, mini_pack, SHA).endswith("the provision GONE-1 was removed.")
    search = pr.make_report(mini_pack, SHA, pr.search_screen("x", False), "", "1")
    assert pr.compared_with(search, mini_pack, SHA) == "This report is about data version 3, the one you are on."


def test_against_another_pack_it_says_whether_a_glossary_term_is_still_there(mini_pack):
    """A report from a glossary term's page said only the versions: the supervisor could not tell whether the term
    was still in the data, as for a step or a provision."""
    term = pr.make_report(mini_pack, SHA, pr.Screen("term", text="Administrative warrant"), "", "1")
    assert pr.compared_with(term, mini_pack, SHA).endswith(": the glossary term Administrative warrant still exists.")
    gone = dataclasses.replace(term, screen=pr.Screen("term", text="Gone term"))
    assert pr.compared_with(gone, mini_pack, SHA).endswith(": the glossary term Gone term was removed.")


ESCAPES = "\x1b]52;c;ZXZpbA==\x07\x1b[2J\x9b31m\x00"  # set the clipboard, clear the screen, red, NUL


def test_control_characters_read_from_a_file_never_reach_the_terminal(mini_pack):
    """A hostile report's escape codes, printed by `report FILE`, would work the supervisor's terminal: each shows
    as �, in the report's text, what it says against the pack and why a file is refused."""
    state = wizard.replay(mini_pack, "S08", ["no", "no"])
    screen = dataclasses.replace(pr.walk_screen(mini_pack, state), scenario_id="S08" + ESCAPES,
                                 node_id="o_release" + ESCAPES)
    report = pr.make_report(mini_pack, SHA, screen, "Looks wrong" + ESCAPES + "\n\tsecond line", "9" + ESCAPES,
                            pr.answers_so_far(mini_pack, state))
    read = pr.parse(pr.render(report))
    assert read == report  # the data as it was: only what is printed changes
    printed = pr.readable_text(read) + pr.compared_with(read, mini_pack, SHA)
    assert not any(ch in printed for ch in "\x1b\x07\x9b\x00")
    assert "Looks wrong\ufffd]52;c;ZXZpbA==\ufffd" in printed
    assert "\n    \tsecond line" in printed  # tab and new line are kept
    odd = pr.render(dataclasses.replace(report, screen=dataclasses.replace(screen, kind="x" + ESCAPES)))
    with pytest.raises(pr.ReportError) as refused:
        pr.parse(odd)
    assert "\x1b" not in str(refused.value)
