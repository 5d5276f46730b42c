"""The printable decision map of a scenario (handouts): every question, outcome and path."""

from __future__ import annotations

import re

import pytest

from desktop.domain import outline, wizard
from tests.conftest import BUNDLED_PACK


def test_outline_of_scenario_with_subflows(mini_pack):
    o = outline.outline(mini_pack, "S08")
    assert [q.ref for q in o.questions] == ["Q1", "Q2", "Q3", "Q4"]
    assert o.questions[0].question.node_id == "danger" and o.questions[0].via is None
    assert o.questions[1].via == "Someone is hurt or in danger"
    assert [(c.label, c.target) for c in o.questions[0].choices] == [
        ("Yes: someone is hurt or in danger", "Q2"), ("No", "Q3")]
    assert [(x.ref, x.outcome.verdict) for x in o.outcomes] == [
        ("A", "required"), ("B", "required"), ("C", "not_permitted"), ("D", "refer"), ("E", "not_permitted")]
    assert len(o.paths) == len(wizard.enumerate_paths(mini_pack, "S08")) == 5
    assert o.paths[2].prompts[-1] == "Is there any reason to hold the person other than the detainer?"
    assert o.outcome("C").outcome.node_id == "o_release"


def test_letters():
    assert [outline.letters(i) for i in (0, 1, 15, 16, 24, 25, 26, 49, 50)] == [
        "A", "B", "P", "R", "Z", "AA", "AB", "AZ", "BA"]


def test_no_outcome_letter_reads_as_a_question():
    """S01's map said "Join a wider operation … → Q": outcome Q, read as a question with its number lost."""
    refs = [outline.letters(i) for i in range(25 * 26 + 30)]
    assert len(set(refs)) == len(refs), "each letter reference names one outcome"
    assert not [r for r in refs if "Q" in r], "no Q anywhere: not Q, not AQ, not QA"


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_question_and_outcome_refs_never_collide_in_the_bundled_pack(bundled):
    for scenario in bundled.pack.scenarios:
        for o in (outline.outline(bundled.pack, scenario.scenario_id), outline.own_map(bundled.pack, scenario.scenario_id)):
            questions = {q.ref for q in o.questions}
            outcomes = {x.ref for x in o.outcomes}
            assert all(re.fullmatch(r"Q[1-9][0-9]*", r) for r in questions)
            assert all(re.fullmatch(r"[A-PR-Z]+", r) for r in outcomes), (scenario.scenario_id, outcomes)
            targets = {c.target for q in o.questions for c in q.choices if not c.target.startswith(outline.SHARED)}
            assert targets <= questions | outcomes


def test_unknown_scenario(mini_pack):
    with pytest.raises(wizard.WizardError):
        outline.outline(mini_pack, "NOPE")


def test_own_map_shows_shared_steps_by_reference(mini_pack):
    m = outline.own_map(mini_pack, "S08")
    # numbered as the full outline numbers them: Q2, A and B are SAFETY's there
    assert [(q.ref, q.question.node_id) for q in m.questions] == [("Q1", "danger"), ("Q3", "q_basis")]
    assert [(c.label, c.target) for c in m.questions[0].choices] == [
        ("Yes: someone is hurt or in danger", "shared:SAFETY"), ("No", "Q3")]
    assert [(c.label, c.target) for c in m.questions[1].choices] == [
        ("No, they are otherwise free to go", "C"), ("They also show a warrant", "shared:PAPER")]
    assert [(o.ref, o.outcome.node_id) for o in m.outcomes] == [("C", "o_release")]
    assert m.shared == ("SAFETY", "PAPER")
    assert outline.shared_steps(mini_pack, ["S08", "S10"]) == ["SAFETY", "PAPER"]
    assert outline.shared_steps(mini_pack, ["S10"]) == []
    with pytest.raises(wizard.WizardError):
        outline.own_map(mini_pack, "NOPE")


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_scenarios_own_map_numbers_and_letters_as_its_outline_does(bundled):
    """S01's booklet page lettered its own outcomes A to F, its handout (shared steps first) H to AH: a
    trainer with both in hand read "→ C" as "hand the driver over" on one and "someone is attacking a
    federal agent" on the other. The booklet's map now takes the handout's numbers and letters, in order."""
    pack = bundled.pack
    for scenario in pack.scenarios:
        full = outline.outline(pack, scenario.scenario_id)
        m = outline.own_map(pack, scenario.scenario_id)
        own = scenario.scenario_id
        assert [(q.ref, q.question.node_id) for q in m.questions] == [
            (q.ref, q.question.node_id) for q in full.questions if q.scenario_id == own]
        assert [(x.ref, x.outcome.node_id) for x in m.outcomes] == [
            (x.ref, x.outcome.node_id) for x in full.outcomes if x.scenario_id == own]
    s01 = outline.own_map(pack, "S01")
    assert next(x.ref for x in s01.outcomes if x.outcome.node_id == "o_no_handover") == "J", "as in S01's handout"


def _assert_tree_reads_back_every_path(pack) -> None:
    """Read top-down (a row follows the last row printed one level up), the rows give every path, in order,
    step for step; and each row's steps above are the branch it is read under."""
    for scenario in pack.scenarios:
        o = outline.outline(pack, scenario.scenario_id)
        branch: list[wizard.Step] = []
        read_back = []
        for row in outline.tree_rows(o.paths):
            if row.depth == len(row.path.steps):  # a path that starts at its outcome: no step to print
                continue
            depth, step = row.depth, row.path.steps[row.depth]
            assert depth <= len(branch), "a step is printed under the one it follows"
            above = row.above
            assert [r.path.steps[r.depth] for r in above] == branch[:depth], "the rows above a row are its branch"
            assert [r.depth for r in above] == list(range(depth)) and not any(r.last for r in above)
            branch = [*branch[:depth], step]
            if row.last:
                read_back.append(tuple(branch))
                assert row.number == len(read_back)
        assert read_back == [p.steps for p in o.paths if p.steps], scenario.scenario_id


def test_the_paths_as_a_tree_lose_no_path(mini_pack):
    _assert_tree_reads_back_every_path(mini_pack)


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_the_paths_as_a_tree_print_each_shared_step_once(bundled):
    """S01's 57 paths each printed their whole prefix again, 6 pages of it; the tree prints a step once for
    all the paths under it."""
    _assert_tree_reads_back_every_path(bundled.pack)
    o = outline.outline(bundled.pack, "S01")
    assert len(outline.tree_rows(o.paths)) < sum(len(p.steps) for p in o.paths) / 3


def test_an_answer_entering_a_shared_step_part_way_points_at_that_step():
    """S08's "A warrant signed by a judge" enters PAPER at its court check: the handout's outline sends it to
    that question's number, the booklet page to the shared step's page at that step ("shared:PAPER@Q2"), and
    PAPER's own page lists the step, reached only through that answer."""
    from desktop.domain.codec import pack_from_tables
    from tests.helpers import mini_tables, with_court_check

    pack = pack_from_tables(with_court_check(mini_tables()))
    full = outline.outline(pack, "S08")
    check = next(q for q in full.questions if q.question.node_id == "q_court_check")
    basis = next(q for q in full.questions if q.question.node_id == "q_basis")
    assert [c.target for c in basis.choices if c.label == "A warrant signed by a judge"] == [check.ref]
    paper_page = outline.own_map(pack, "PAPER")
    [own_check] = [q for q in paper_page.questions if q.question.node_id == "q_court_check"]
    targets = {c.label: c.target for c in outline.own_map(pack, "S08").questions[1].choices}
    assert targets["A warrant signed by a judge"] == f"{outline.SHARED}PAPER{outline.AT}{own_check.ref}"
    assert targets["They also show a warrant"] == f"{outline.SHARED}PAPER"
