"""The quiz generator: items come from the trees, are answerable from the pack, and are deterministic."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import quiz, wizard
from desktop.domain.model import VERDICTS, Pack, unbroken
from desktop.domain.quiz import QuizError, Response
from tests.conftest import BUNDLED_PACK


def _outcome_for(pack: Pack, item: quiz.QuizItem):
    keys = item.item_id.split(":", 1)[1].split("/")
    return wizard.outcome(pack, wizard.replay(pack, item.scenario_id, keys))


def _without_do_not(pack: Pack) -> Pack:
    """The pack with no outcome's do-not list: wrong choices only from other outcomes' actions."""
    return dataclasses.replace(pack, scenarios=tuple(
        dataclasses.replace(s, nodes=tuple(dataclasses.replace(n, do_not=()) if hasattr(n, "do_not") else n
                                           for n in s.nodes))
        for s in pack.scenarios))


def test_every_path_once_when_count_is_none(mini_pack):
    q = quiz.generate(mini_pack, seed=1, count=None)
    expected = sum(len(wizard.enumerate_paths(mini_pack, s.scenario_id)) for s in quiz.quiz_scenarios(mini_pack))
    assert len(q.items) == expected
    assert len({i.item_id for i in q.items}) == expected
    assert all(not mini_pack.scenario(i.scenario_id).subflow for i in q.items)


def test_count_and_scenario_filter(mini_pack):
    q = quiz.generate(mini_pack, ["S10"], seed=2, count=1)
    assert len(q.items) == 1 and q.items[0].scenario_id == "S10"
    assert q.title == "Quiz: ICE asks to stage in a City lot"


def test_short_quiz_spreads_over_scenarios(mini_pack):
    q = quiz.generate(mini_pack, seed=5, count=2)
    assert {i.scenario_id for i in q.items} == {"S08", "S10"}


def test_situation_is_prompt_and_answer_steps(mini_pack):
    q = quiz.generate(mini_pack, ["S08"], seed=0, count=None)
    paper = next(i for i in q.items if i.item_id == "S08:no/paper/admin")
    assert [(s.prompt, s.answer) for s in paper.steps] == [
        ("Is anyone in immediate danger or hurt?", "No"),
        ("Is there any reason to hold the person other than the detainer?", "They also show a warrant"),
        ("Is it signed by a judge, with a court caption?", "No: DHS heading, signed by an immigration officer"),
    ]
    assert paper.verdict == "not_permitted" and paper.outcome_scenario == "PAPER"
    assert "MCC 2-173-020(a)(1)(B)" in paper.citations
    text = quiz.situation_text(paper)
    assert "Is it signed by a judge, with a court caption? → No: DHS heading" in text


def test_identical_do_items_are_never_distractors(mini_pack):
    # In the mini pack many outcomes share "Call your supervisor to the scene."
    for seed in range(20):
        for item in quiz.generate(mini_pack, seed=seed, count=None).items:
            norm = [t.casefold().rstrip(".") for t in item.action_choices]
            assert len(norm) == len(set(norm))
            right = item.right_action
            assert right is not None and right == item.do[0]
            assert sum(1 for t in item.action_choices if t.casefold().rstrip(".") == right.casefold().rstrip(".")) == 1


def test_distractors_prefer_a_different_verdict_nearby(mini_pack):
    q = quiz.generate(mini_pack, ["S08"], seed=3, count=None)
    release = next(i for i in q.items if i.item_id == "S08:no/no")
    wrong = [t for t in release.action_choices if t != release.right_action]
    # S08/o_release is not_permitted; its scenario's sub-flows hold required/refer outcomes.
    assert "Log the detainer on CPD-31.110" not in wrong  # the right outcome's own second action
    # nor, though the small pack has nothing else: what it says ("My supervisor is on the way.") calls them
    assert "Call your supervisor to the scene." not in wrong
    # first its own do-not line ("Do not obstruct federal agents."), then the other outcomes' actions
    assert len(wrong) == 3 and "Obstruct federal agents." in wrong


def test_deterministic_given_seed(mini_pack):
    a = quiz.generate(mini_pack, seed=42, count=4)
    b = quiz.generate(mini_pack, seed=42, count=4)
    assert a == b
    assert json.dumps(a.as_dict()) == json.dumps(b.as_dict())


def test_different_seeds_can_differ(mini_pack):
    orders = {tuple(i.item_id + "|" + "|".join(i.action_choices) for i in quiz.generate(mini_pack, seed=s).items)
              for s in range(10)}
    assert len(orders) > 1


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(min_value=0, max_value=quiz.MAX_SEED), count=st.integers(min_value=1, max_value=12))
def test_items_are_answerable_from_the_pack(mini_pack, seed, count):
    q = quiz.generate(mini_pack, seed=seed, count=count)
    assert 1 <= len(q.items) <= count
    for item in q.items:
        outcome = _outcome_for(mini_pack, item)
        assert outcome is not None
        assert item.verdict == outcome.verdict and item.verdict in VERDICTS
        assert item.headline == outcome.headline
        assert item.citations == tuple(mini_pack.citation_text(c) for c in outcome.cites)
        if outcome.do:
            assert item.action_answer is not None
            assert item.action_choices[item.action_answer] == outcome.do[0]
            wrong = [t for i, t in enumerate(item.action_choices) if i != item.action_answer]
            assert wrong and all(t not in outcome.do for t in wrong)
            assert len(item.action_choices) <= quiz.ACTION_CHOICES
        # a perfect answer scores full marks
        right = quiz.mark(item, Response(item.verdict, item.action_answer))
        assert right.all_right and right.points == item.points_possible


def test_outcome_without_actions_asks_only_the_verdict(mini_pack):
    scenarios = tuple(
        dataclasses.replace(s, nodes=tuple(dataclasses.replace(n, do=()) if n.node_id == "o_refer" else n
                                           for n in s.nodes))
        if s.scenario_id == "S10" else s
        for s in mini_pack.scenarios
    )
    pack = dataclasses.replace(mini_pack, scenarios=scenarios)
    items = {i.item_id: i for i in quiz.generate(pack, ["S10"], seed=0, count=None).items}
    refer = items["S10:unsure"]
    assert refer.action_choices == () and refer.action_answer is None and refer.points_possible == 1
    assert quiz.mark(refer, Response("refer")).all_right


def test_a_changed_provision_changes_the_quiz(mini_pack):
    before = quiz.generate(mini_pack, ["S10"], seed=9, count=None)
    provisions = tuple(dataclasses.replace(p, cite_as="EO 2025-8 (amended)") if p.cite_as == "EO 2025-8" else p
                       for p in mini_pack.provisions)
    after = quiz.generate(dataclasses.replace(mini_pack, provisions=provisions), ["S10"], seed=9, count=None)
    assert [i.item_id for i in before.items] == [i.item_id for i in after.items]
    assert all("EO 2025-8 (amended)" in i.citations for i in after.items)
    assert all(a.fingerprint != b.fingerprint for a, b in zip(before.items, after.items, strict=True))


def test_a_changed_do_not_line_changes_the_fingerprint(mini_pack):
    """The wrong choices are made from the outcome's do-not lines: a changed line changes the item."""
    scenarios = tuple(
        dataclasses.replace(s, nodes=tuple(dataclasses.replace(n, do_not=("Do not hold anyone for the agents.",))
                                           if n.node_id == "o_no" else n for n in s.nodes))
        if s.scenario_id == "S10" else s
        for s in mini_pack.scenarios
    )
    before = {i.item_id: i for i in quiz.generate(mini_pack, ["S10"], seed=9, count=None).items}
    after = {i.item_id: i for i in quiz.generate(dataclasses.replace(mini_pack, scenarios=scenarios), ["S10"],
                                                 seed=9, count=None).items}
    changed = [key for key in before if before[key].fingerprint != after[key].fingerprint]
    assert changed and all(after[key].outcome_node == "o_no" for key in changed)
    assert all("Hold someone for the agents." in after[key].action_choices for key in changed)


def test_scoring_some_right_some_wrong(mini_pack):
    q = quiz.generate(mini_pack, seed=7, count=3)
    first, second, third = q.items
    wrong_verdict = next(v for v in VERDICTS if v != second.verdict)
    wrong_action = (third.action_answer + 1) % len(third.action_choices)
    responses = {
        0: Response(first.verdict, first.action_answer),  # 2 points
        1: Response(wrong_verdict, second.action_answer),  # 1 point
        2: Response(third.verdict, wrong_action),  # 1 point
    }
    s = quiz.score(q, responses)
    assert (s.points, s.possible, s.items_right, s.items, s.answered) == (4, 6, 1, 3, 3)
    assert s.percent == 67
    assert str(s) == "4 of 6 points (67%); 1 of 3 questions fully right"
    partial = quiz.score(q, {0: responses[0]})
    assert (partial.points, partial.answered) == (2, 1)


def test_result_export_contains_answers_and_score(mini_pack):
    q = quiz.generate(mini_pack, seed=7, count=2)
    responses = {0: Response(q.items[0].verdict, q.items[0].action_answer)}
    data = quiz.result_dict(q, responses)
    assert data["score"]["points"] == 2 and data["score"]["answered"] == 1
    assert data["items"][1]["chosen_verdict"] is None and data["items"][1]["verdict_right"] is False
    json.dumps(data)  # serialisable
    text = quiz.result_text(q, responses)
    assert "Score: 2 of 4 points" in text and "(not answered)" in text
    assert q.items[0].citations[0] in text


def test_quiz_text_has_questions_and_answer_key(mini_pack):
    q = quiz.generate(mini_pack, seed=1, count=2)
    text = quiz.quiz_text(q)
    assert "Answer key" in text and "NOT PERMITTED" in text
    # named as the quiz window and the command's --seed help name it: "Seed 1" on the sheet matched neither
    assert text.splitlines()[1].startswith("Quiz number 1 · ")
    assert quiz.result_text(q, {}).splitlines()[1].startswith("Quiz number 1 · ")
    assert text.index("Answer key") > text.index(quiz.ACTION_QUESTION)


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_the_printed_sheet_fits_a_printers_pages_and_keeps_the_key_apart(bundled):
    """quiz4 printed 10 questions of quiz number 2026 as a printer takes text (80 columns, 60 lines a page): 64
    lines ran past the edge and broke inside a word ("[CALL SUPERVI" / "SOR]", "CPD cu" / "stody"), question 9
    began on one page and ended on the next, the answer key began under the last question, in the trainees'
    sight, and there was nowhere to write a name. Now every line fits, wrapped under its own words, each question
    and each answer is whole on a page, the key starts a page of its own, and the sheet asks for a name and date."""
    q = quiz.generate(bundled.pack, seed=2026, count=40)
    text = quiz.quiz_text(q)
    questions_part, key_part = text.split("\fAnswer key", 1)
    assert "Answer key" not in questions_part
    lines = text.splitlines()  # a form feed ends a line too
    assert all(len(line) <= quiz.SHEET_WIDTH for line in lines), max(lines, key=len)
    assert "Name ___" in lines[3] and "Date ___" in lines[3] and lines[4].startswith("Trainer ___")
    pages = text.split("\f")
    assert len(pages) >= 3 and all(len(page.split("\n")) <= quiz.SHEET_PAGE_LINES + 1 for page in pages)
    for n, item in enumerate(q.items, 1):
        page = next(p for p in pages if p.startswith(f"{n}. ") or f"\n{n}. {item.scenario_title[:20]}" in p)
        block = page[page.index(f"{n}. "):]
        assert f"[ ] {item.verdict_label}" in block  # the question whole on its page: its verdicts too
        assert all(f"{chr(65 + i)}. {choice.split()[0]}" in block for i, choice in enumerate(item.action_choices))
    for item in q.items:
        for citation in item.marked_citations:  # each citation whole on one line of the key, where one can hold it
            assert len(citation) > 60 or any(citation in line for line in key_part.splitlines()), citation


def test_no_line_of_the_printed_sheet_runs_past_the_printers_edge_not_even_one_no_line_can_hold(mini_pack):
    """A word no line can hold (a web address a supervisor put in a title, a step, an action or a citation) was left
    whole, 100 columns and more: the printer cut it at its edge or dropped the rest. The line under the title (the
    quiz number, data version and count) was not wrapped at all: 79 columns for quiz 2147483647 of 795 questions.
    Now every line fits SHEET_WIDTH, and every letter is still on the sheet, in order."""
    address = "https://codelibrary.amlegal.com/codes/chicago/latest/chicago_il/0-0-0-2605272/section-2-173-020-a"
    q = quiz.generate(mini_pack, seed=quiz.MAX_SEED, count=2)
    item = q.items[0]
    step = dataclasses.replace(item.steps[0], answer=f"See {address}")
    long_item = dataclasses.replace(item, scenario_title=f"Read {address}", steps=(step, *item.steps[1:]),
                                    action_choices=(address, *item.action_choices[1:]),
                                    citations=(address, *item.citations))
    q = dataclasses.replace(q, items=(long_item, *q.items[1:]), data_version=2_147_483_647)
    text = quiz.quiz_text(q)
    lines = text.replace("\f", "\n").splitlines()
    assert all(len(line) <= quiz.SHEET_WIDTH for line in lines), max(lines, key=len)
    assert "".join(text.split()).count(address) == 4, "cut at the edge, nothing left out"
    assert f"Quiz number {quiz.MAX_SEED}" in lines[1]


def test_the_printed_quiz_gives_the_as_of_date_as_the_app_writes_it(mini_pack):
    """The sheet and the exported result said "as of 2026-02-02", where the quiz window, the app's status bar
    and its disclaimer say "2 Feb 2026"."""
    q = quiz.generate(mini_pack, seed=1, count=2)
    for text in (quiz.quiz_text(q), quiz.result_text(q, {})):
        assert "(as of 2 Feb 2026)" in text.splitlines()[1]


def test_errors(mini_pack):
    with pytest.raises(QuizError, match="no scenario 'S99'"):
        quiz.generate(mini_pack, ["S99"])
    with pytest.raises(QuizError, match="at least one"):
        quiz.generate(mini_pack, count=0)


def test_near_duplicates_of_the_right_action_are_not_distractors():
    assert quiz.too_close("Keep the peace; keep staff and customers calm and back.", "Stay only to keep the peace if needed.")
    assert quiz.too_close("If civil immigration work appears, step out of it and tell your supervisor.",
                          "Do not take part in the immigration part: step out of it and tell your supervisor.")
    assert not quiz.too_close("Call EMS", "Call your supervisor to the scene.")
    assert not quiz.too_close("Render aid", "Release on the normal schedule")


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(min_value=0, max_value=quiz.MAX_SEED))
def test_no_distractor_says_what_the_right_outcome_says(mini_pack, seed):
    for item in quiz.generate(mini_pack, seed=seed, count=None).items:
        wrong = [t for i, t in enumerate(item.action_choices) if i != item.action_answer]
        for text in wrong:
            assert not any(quiz.too_close(text, right) for right in (*item.do, item.headline))


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_every_path_of_the_bundled_pack_makes_an_answerable_item(bundled):
    pack = bundled.pack
    q = quiz.generate(pack, seed=3, count=None)
    assert len(q.items) == sum(len(wizard.enumerate_paths(pack, s.scenario_id)) for s in quiz.quiz_scenarios(pack))
    for item in q.items:
        outcome = _outcome_for(pack, item)
        assert item.verdict == outcome.verdict
        if outcome.do:
            assert item.right_action == outcome.do[0] and len(item.action_choices) >= 2
            # a choice made from the outcome's own do-not line is wrong by the data, though it share its words
            wrong = [t for i, t in enumerate(item.action_choices)
                     if i != item.action_answer and item.guidance_against(i) is None]
            assert not any(quiz.too_close(t, r) for t in wrong for r in (*outcome.do, outcome.headline))


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_no_wrong_answer_is_what_the_right_outcome_says_in_other_words(bundled):
    """SAFETY's "agents using excessive force" answer says "Call EMS, and give aid as soon as you can safely
    reach the person"; the quiz offered "Call EMS through OEMC right away." and "Give medical aid within your
    training until EMS takes over." as wrong answers, and marked the trainee who chose them wrong (about 75
    of 835 items). A wrong answer now never shares the gist of anything the right outcome says to do (words
    weighed by how rare they are), and plain advice right under every verdict is never a wrong answer."""
    pack = bundled.pack
    pool = quiz._action_pool(pack)
    assert pool.same_gist("Call EMS through OEMC right away.", "Call EMS, and give aid as soon as you can safely reach the person.")
    assert pool.same_gist("Give medical aid within your training until EMS takes over.",
                          "Call EMS, and give aid as soon as you can safely reach the person.")
    assert pool.same_gist("Call EMS or the Fire Department through OEMC.", "Call EMS, and give aid as soon as you can safely reach the person.")
    assert not pool.same_gist("Process the state warrant through normal CPD procedures.",
                              "Call EMS, and give aid as soon as you can safely reach the person.")
    assert pool.right_everywhere("Ask for the federal supervisor's name and badge number, on camera.")
    assert not pool.right_everywhere("Process the state warrant through normal CPD procedures.")
    every = quiz.generate(pack, ["SAFETY", *[s.scenario_id for s in quiz.quiz_scenarios(pack)]], seed=1, count=None)
    for item in every.items:
        outcome = _outcome_for(pack, item)
        wrong = [t for i, t in enumerate(item.action_choices) if i != item.action_answer]
        assert len(item.action_choices) == quiz.ACTION_CHOICES or not outcome.do, item.item_id
        for text in (t for t in wrong if t not in dict(item.forbidden_by)):  # those the outcome forbids are wrong by the data
            assert not any(pool.same_gist(text, right) for right in outcome.do), (item.item_id, text)
            if text in pool.verdicts:  # another outcome's action (the bundled pack now offers none: below)
                assert pool.weight(text) >= quiz.PLAIN_ADVICE and not pool.right_everywhere(text), (item.item_id, text)


def _steps_of(pack: Pack, item: quiz.QuizItem) -> set[str]:
    """The scenarios the item's path walks through, shared steps included."""
    keys = item.item_id.split(":", 1)[1].split("/")
    path = next(p for p in wizard.enumerate_paths(pack, item.scenario_id) if list(p.keys) == keys)
    return {step.scenario_id for step in path.steps} | {item.scenario_id, item.outcome_scenario}


def _forbidden_acts(pack: Pack):
    """Each do-not line of the pack as the act it forbids (quiz.tempting), with its scenario and outcome."""
    for scenario in pack.scenarios:
        for outcome in scenario.outcomes:
            for line in outcome.do_not:
                if (text := quiz.tempting(line)) is not None:
                    yield scenario, outcome, text


def test_a_wrong_choice_is_a_forbidden_act_never_another_outcomes_advice(bundled):
    """quiz4 read 40 questions (quiz number 2026): where the right outcome's own do-not lines ran out, the
    fourth choice was another outcome's action, right somewhere else and arguable here ("Keep a record of the
    warrants and the arrests made.", "Log who you spoke to and what they said.", "Handle the hazard itself …
    as ordinary police work"), in 8,600 of 39,750 items over quiz numbers 0–49. Now it is another outcome's
    do-not line turned into the act it forbids, from an outcome of the same verdict or one that lets the
    officer act (an act forbidden even there is wrong everywhere), and never one the right outcome tells."""
    pack = bundled.pack
    do_lines = {text for s in pack.scenarios for o in s.outcomes for text in o.do}
    forbidden_under: dict[str, set[str]] = {}
    for _scenario, outcome, text in _forbidden_acts(pack):
        forbidden_under.setdefault(text, set()).add(outcome.verdict)
    offered = set()
    for seed in range(3):
        for item in quiz.generate(pack, seed=seed, count=None).items:
            outcome = _outcome_for(pack, item)
            said = quiz.told(outcome)
            for n, text in enumerate(item.action_choices):
                if n == item.action_answer or item.guidance_against(n) is not None:
                    continue
                offered.add(text)
                if text in do_lines:  # only a shared step's line the path never reached, starting as the answer does
                    assert _first_word(text) == _first_word(item.right_action), (item.item_id, text)
                    shared = {s.scenario_id for s in pack.scenarios if s.subflow}
                    sources = {s.scenario_id for s in pack.scenarios for o in s.outcomes if text in o.do}
                    assert sources <= shared - set(_steps_of(pack, item)), (item.item_id, text)
                    continue
                assert forbidden_under[text] & {outcome.verdict, "permitted", "required"}, (item.item_id, text)
                assert not quiz.endorsed(said, text), (item.item_id, text)
    assert offered  # the bundled pack needs fillers: the check above ran
    for arguable in ("Keep a record of the warrants and the arrests made.", "Log who you spoke to and what they said.",
                     "Handle the hazard itself (crash, fire, fight) as ordinary police work — nothing wider."):
        assert arguable not in offered


def test_a_wrong_choice_from_another_scenarios_do_not_line_points_at_nothing_missing(bundled):
    """"Keep the gear on after the need has passed." (S29's do-not line on face coverings) was a wrong choice
    for a U-visa request (S27) and a records request (S04): 12 times over quiz numbers 0-49, every path, the gear
    and the need being nothing there. A do-not line saying "it", "this" or "the need" stays a wrong choice only in
    its own scenario: 12 -> 0, and still no item with fewer than four choices."""
    pack = bundled.pack
    scenarios_of: dict[str, set[str]] = {}
    for scenario, _outcome, text in _forbidden_acts(pack):
        scenarios_of.setdefault(text, set()).add(scenario.scenario_id)
    borrowed = 0
    for seed in (1, 9, 45):
        for item in quiz.generate(pack, seed=seed, count=None).items:
            assert len(item.action_choices) == quiz.ACTION_CHOICES
            for n, text in enumerate(item.action_choices):
                if n == item.action_answer or not scenarios_of.get(text, {item.scenario_id}).isdisjoint(
                        {item.scenario_id, item.outcome_scenario}):
                    continue
                borrowed += 1
                assert text != "Keep the gear on after the need has passed.", item.item_id
                assert not re.search(r"\b(?:it|this)\b(?!['’])|\bthe need\b", text, re.IGNORECASE), (item.item_id, text)
    assert borrowed > 10


def test_a_scenario_named_twice_is_asked_about_once(mini_pack):
    """`--scenario S08 --scenario S08` drew S08's paths twice: the same question came up twice in a quiz,
    under the pack's title instead of the scenario's."""
    once = quiz.generate(mini_pack, ["S08"], seed=2, count=None)
    twice = quiz.generate(mini_pack, ["S08", "S08"], seed=2, count=None)
    assert [i.item_id for i in twice.items] == [i.item_id for i in once.items]
    assert len({i.item_id for i in twice.items}) == len(twice.items)
    assert twice.title == once.title and twice.scenario_ids == ("S08",)


def test_a_citation_that_needs_care_is_marked_wherever_the_quiz_shows_the_law(mini_pack):
    """The handouts and the slides mark a contested, litigated or unverified provision "⚠"; the quiz's
    answer key, its exported result and its JSON listed the same citations unmarked, so a trainee learnt
    contested law as settled. Each item knows which of its citations need care, and every text marks them."""
    q = quiz.generate(mini_pack, count=None, seed=3)
    careful = [item for item in q.items if item.needing_care]
    assert careful and len(careful) < len(q.items), "the mini pack has both kinds"
    for item in q.items:
        outcome = mini_pack.scenario(item.outcome_scenario).node(item.outcome_node)
        expected = [mini_pack.citation_text(c) for c in outcome.cites
                    if (p := mini_pack.provision(c.provision_id)) is None or p.needs_caution]
        assert list(item.needing_care) == expected
        assert [m.endswith("\u00a0⚠") for m in item.marked_citations] == [c in expected for c in item.citations]
        assert item.as_dict()["outcome"]["citations_needing_care"] == expected
    item = careful[0]
    marked = "; ".join(item.marked_citations)
    assert "⚠" in marked
    text = " ".join(quiz.quiz_text(q).split())  # the sheet wraps its lines at a printer's width
    assert f"Cites: {' '.join(marked.split())}" in text and text.endswith(" ".join(quiz.CAUTION_LEGEND.split()))
    responses = {n: Response(i.verdict, i.action_answer) for n, i in enumerate(q.items)}
    assert f"Cites: {marked}" in quiz.result_text(q, responses)
    assert quiz.CAUTION_LEGEND in quiz.result_text(q, responses)
    assert quiz.result_dict(q, responses)["items"][q.items.index(item)]["citations_needing_care"] == list(item.needing_care)


def test_an_item_with_fewer_actions_says_why_on_the_sheet_too(mini_pack):
    """A small pack has too few actions that are clearly wrong for "Render aid" (it and "Call EMS" are the
    outcome's own; "Call your supervisor to the scene." has "Call EMS"'s gist): three choices, not a fourth
    that might be right, and the printed sheet says so under them."""
    q = quiz.generate(_without_do_not(mini_pack), seed=1, count=None)  # its one do-not line would be a choice
    short = [item for item in q.items if item.do and len(item.action_choices) < quiz.ACTION_CHOICES]
    assert short, "the mini pack has an item with fewer actions"
    full = [item for item in q.items if len(item.action_choices) == quiz.ACTION_CHOICES]
    assert all(quiz.fewer_actions_note(item) is None for item in full)
    item = short[0]
    assert "Call your supervisor to the scene." not in item.action_choices
    note = quiz.fewer_actions_note(item)
    assert note == f"Only {len(item.action_choices)} actions to choose from: this data pack has no more that are clearly wrong here."
    text = " ".join(quiz.quiz_text(q).split())  # the sheet wraps its lines at a printer's width
    assert text.count(f"({note})") == len(short)
    bare = dataclasses.replace(item, action_choices=(), action_answer=None)
    assert quiz.fewer_actions_note(bare).startswith("No first-action question here")
    assert quiz.fewer_actions_note(dataclasses.replace(bare, do=())) is None, "nothing to do: nothing to ask"


@pytest.mark.parametrize("kind", ["litigation", "contested", "unverified", "superseded"])
def test_the_caution_legend_names_every_kind_of_note_that_earns_the_mark(mini_pack, kind):
    """A superseded provision is marked ⚠ like the others: the legend that says what ⚠ means names it too."""
    from dataclasses import replace

    from desktop.domain.model import CAUTION_LEGEND, CAUTION_WORDS, StatusNote

    provision = replace(mini_pack.provisions[0], confidence="verified", status_notes=(StatusNote(kind, "why"),))
    assert provision.needs_caution
    assert CAUTION_WORDS[kind] in CAUTION_LEGEND
    assert not replace(provision, status_notes=(StatusNote("info", "why"),)).needs_caution


def test_a_provision_recorded_as_rescinded_earns_the_mark_and_the_legend_says_so(mini_pack):
    from dataclasses import replace

    from desktop.domain.model import CAUTION_LEGEND

    provision = replace(mini_pack.provisions[0], confidence="verified", status_notes=())
    assert not provision.needs_caution
    assert replace(provision, dates=replace(provision.dates, rescinded="2026-09")).needs_caution
    assert "rescinded" in CAUTION_LEGEND


def test_the_feedback_names_what_was_chosen_and_the_answer_without_a_window(mini_pack):
    """The feedback's words are made with the printed sheet's, its actions named by the same letters."""
    q = quiz.generate(mini_pack, seed=7, count=3)
    item = next(i for i in q.items if len(i.action_choices) > 1)
    wrong_verdict = next(v for v in VERDICTS if v != item.verdict)
    wrong_action = (item.action_answer + 1) % len(item.action_choices)
    letters = "ABCD"
    assert quiz.feedback_lines(item, Response(wrong_verdict, wrong_action)) == [
        ("✖", f"Verdict wrong: you chose {quiz.VERDICT_LABELS[wrong_verdict]}, the answer is {item.verdict_label}."),
        ("✖", f"First action wrong: the answer is {letters[item.action_answer]}, “{item.right_action}” "
              f"You chose {letters[wrong_action]}, “{item.action_choices[wrong_action]}”")]
    assert quiz.feedback_lines(item, Response(item.verdict, item.action_answer)) == [
        ("✔", f"Verdict right: {item.verdict_label}."), ("✔", f"First action right: {letters[item.action_answer]}.")]
    key = quiz.quiz_text(q).split("Answer key")[1]
    assert f"{item.verdict_label}; {letters[item.action_answer]}" in key, "the letters the printed key gives"


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.parametrize("seed", range(1, 6))
def test_a_short_quiz_asks_what_each_scenario_decides_before_its_shared_steps(bundled, seed):
    """Most scenarios start at the shared safety check (seven outcomes) and many go on to the paper check: a
    quiz of 10 on every scenario drew their paths at random, and asked the same safety answers two or three times,
    each under another scenario's title. Each scenario's own outcomes are asked first."""
    pack = bundled.pack
    q = quiz.generate(pack, seed=seed, count=10)
    assert len({item.scenario_id for item in q.items}) == 10
    assert all(item.outcome_scenario == item.scenario_id for item in q.items), [
        (item.scenario_id, item.outcome_scenario) for item in q.items]
    one = quiz.generate(pack, ["S01"], seed=seed, count=None)  # every path still asked, the shared ones after
    own = sum(path.outcome_scenario == "S01" for path in wizard.enumerate_paths(pack, "S01"))
    assert len(one.items) == 57 and [item.outcome_scenario == "S01" for item in one.items] == [True] * own + [False] * (57 - own)


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.parametrize(("item_id", "endorsed_wrong"), [
    # the family asks you to stop the agents; the headline says "keep the peace"
    ("S23:no/yes/i205/family", "Stay only to keep the peace, at a distance from the entry itself."),
    # agents' own arrest on transit property; the headline says "keep people safe and record"
    ("S12:no/cta/arrest", "Keep riders and residents safe; nothing more."),
    # agents use force; the headline says "record everything" and the do-list "note ... vehicle numbers"
    # ("vehicles" and "vehicle" were two words to the stemmer)
    ("S11:yes/agent_force", "Photograph vehicles, plates and any signs; keep recording."),
])
def test_a_wrong_choice_is_never_what_the_right_outcome_tells_the_officer(bundled, item_id, endorsed_wrong):
    """A trainer's review: S23's family question marked "Stay only to keep the peace" wrong while its right
    outcome's headline says to keep the peace, and S12 marked "Keep riders and residents safe" wrong against
    "keep people safe and record": the quiz compared wrong choices with the do-list only. Over many quizzes
    the choice is never offered as wrong there."""
    pack = bundled.pack
    scenario = item_id.split(":", 1)[0]
    offered = set()
    for seed in range(40):
        item = next(i for i in quiz.generate(pack, [scenario], seed=seed, count=None).items if i.item_id == item_id)
        assert len(item.action_choices) == quiz.ACTION_CHOICES
        offered.update(t for n, t in enumerate(item.action_choices) if n != item.action_answer)
    assert endorsed_wrong not in offered
    assert quiz.endorsed(quiz.told(_outcome_for(pack, item)), endorsed_wrong)


def test_endorsed_is_judged_on_the_action_not_on_shared_nouns(mini_pack):
    outcome = dataclasses.replace(
        next(o for s in mini_pack.scenarios for o in s.outcomes),
        headline="You can't stop the agents: keep the peace and explain why; Legal Affairs decides the question.",
        do=("Call your supervisor to the scene.",), do_not=("Do not hold, cuff or transport anyone for the agents.",),
        say=("We are not part of this immigration action.",), document=("What you saw, times, any force or injuries",),
        notify=("Watch commander",))
    said = quiz.told(outcome)
    for right in ("Stay only to keep the peace, at a distance from the entry itself.",  # the headline
                  "Tell the agents politely that CPD does not assist civil immigration enforcement.",  # what to say
                  "Note what force was used, on whom, and why.",  # what to document
                  "Tell the watch commander.",  # whom to notify
                  "Follow your supervisor's direction on any next step.",  # handing it up, in any words
                  "Do not hold anyone for the agents."):  # a do-not of its own
        assert quiz.endorsed(said, right), right
    for wrong in ("Forward the paper to the Office of Legal Affairs.",  # "Legal Affairs" shared, not the act
                  "Handle it like any outside agency's criminal warrant under CPD procedures.",
                  "Hold the person until the agents arrive.",  # what it forbids is no endorsement
                  "Arrest on probable cause for a state offence.",
                  "Tell the agents CPD can't transfer people into ICE custody."):  # told the agents, but not this
        assert not quiz.endorsed(said, wrong), wrong


def test_a_wrong_choice_is_an_instruction_to_the_officer(bundled):
    """Lines that tell the officer nothing standing alone ("The person then goes to court, bond and
    release…", "Your supervisor checks the warrant", "Meanwhile keep the peace only.") were offered as wrong
    first actions: weak choices a trainee rules out without knowing the law."""
    for text in ("The person then goes to court, bond and release through the normal state process.",
                 "Bond, court and release then follow the normal state process.",
                 "Your supervisor checks the warrant or the criminal case.", "Meanwhile keep the peace only.",
                 "Otherwise release the driver as you normally would.", "Until then, decline traffic or perimeter work.",
                 "CPD may ask ICE questions to find out whether the matter is only civil immigration enforcement."):
        assert not quiz.is_instruction(text), text
    for text in ("Keep the peace.", "Do not give permission: CPD can't give it anyway.", "If anyone is hurt, give aid.",
                 "At a stop: finish it for its own reason, in its normal time, and release the person."):
        assert quiz.is_instruction(text), text
    pack = bundled.pack
    for seed in range(3):
        for item in quiz.generate(pack, seed=seed, count=None).items:
            wrong = [t for n, t in enumerate(item.action_choices)
                     if n != item.action_answer and item.guidance_against(n) is None]  # the others: do-not lines
            assert all(quiz.is_instruction(t) for t in wrong), (item.item_id, wrong)
            said = quiz.told(_outcome_for(pack, item))
            assert not any(quiz.endorsed(said, t) for t in wrong), (item.item_id, wrong)


def test_one_question_is_counted_in_the_singular(mini_pack):
    """`quiz --count 1` printed "1 questions" at the top and "1 of 1 questions fully right" in the score."""
    one = quiz.generate(mini_pack, seed=3, count=1)
    assert quiz.quiz_text(one).splitlines()[1].endswith(" · 1 question")
    item = one.items[0]
    assert str(quiz.score(one, {0: Response(item.verdict, item.action_answer)})).endswith("; 1 of 1 question fully right")
    three = quiz.generate(mini_pack, seed=3, count=3)
    assert quiz.quiz_text(three).splitlines()[1].endswith(" · 3 questions")
    assert str(quiz.score(three, {})).endswith("0 of 3 questions fully right")


@pytest.mark.parametrize("seed", [-5, quiz.MAX_SEED + 1, 2**40])
def test_a_quiz_number_the_window_cannot_take_is_refused(mini_pack, seed):
    """The command line made quizzes numbered -5 or 5,000,000,000 that the window's quiz number (0 to
    2,147,483,647) could not make again: a trainer could not rebuild the printed quiz in the app."""
    with pytest.raises(QuizError, match="from 0 to 2,147,483,647"):
        quiz.generate(mini_pack, seed=seed, count=1)
    assert quiz.generate(mini_pack, seed=quiz.MAX_SEED, count=1).seed == quiz.MAX_SEED


@pytest.mark.parametrize(("line", "instruction"), [
    ("Do not guard, hold or transport the injured person for immigration agents; EMS handles transport.",
     "Guard, hold or transport the injured person for immigration agents."),  # the reason after ";" goes
    ("Do not let ICE into the lockup or set up a phone call with the person.",
     "Let ICE into the lockup or set up a phone call with the person."),
    ("Never give false information or point them the wrong way: just decline.", "Give false information or point them the wrong way."),
    ("Do not hand anyone over to the agents.", "Hand someone over to the agents."),
    ("Do not detain, hold, guard or transport anyone else for the agents.",
     "Detain, hold, guard or transport someone else for the agents."),
    ("Do not help the agents either.", "Help the agents."),
    ("Do not join any patrol, escort, checkpoint or perimeter until command staff decide.",
     "Join a patrol, escort, checkpoint or perimeter."),  # the time it holds for goes: "until …" would not read
    ("Do not act on any I-200 or I-205 that comes with the warrant.", "Act on an I-200 or I-205 that comes with the warrant."),
    ("Do not help with any civil arrests of other people at the scene.", "Help with civil arrests of other people at the scene."),
    ("Do not hold the person past their normal release time, not even for the 48 hours the form asks for.",
     "Hold the person past their normal release time."),
    ("Do not look anything up or answer from memory.", "Look it up or answer from memory."),
    ("Do not give false information — just decline.", "Give false information."),
    ("Do not ask about their or anyone's immigration status or place of birth.",  # was "their or people's"
     "Ask about their or someone else's immigration status or place of birth."),
    ("Don’t hold anyone for the agents.", "Hold someone for the agents."),  # a typographic apostrophe, as typed
    # "anyone" is "someone", as an instruction says it: "Promise people an arrest" read oddly (quiz4)
    ("Do not promise anyone an arrest or charges.", "Promise someone an arrest or charges."),
    ("Do not ask about anyone's immigration status.", "Ask about someone's immigration status."),
    ("Do not help with civil arrests of anyone else at the scene.", "Help with civil arrests of other people at the scene."),
    ("Do not help with civil arrests of anyone not named in a warrant.",
     "Help with civil arrests of people not named in a warrant."),
    # "anything" was "something": "Share something with ICE about the arrestee."
    ("Do not share anything with ICE about the arrestee.", "Share information with ICE about the arrestee."),
    ("Do not share anything you know about a patient's status or whereabouts.",
     "Share what you know about a patient's status or whereabouts."),
    ("Do not give the agents the driver's name or anything from CPD systems.",
     "Give the agents the driver's name or other data from CPD systems."),
])
def test_a_do_not_line_becomes_the_instruction_it_forbids(line, instruction):
    assert quiz.tempting(line) == instruction


@pytest.mark.parametrize("line", [
    "Keep the peace.",  # no "do not": nothing forbidden
    "Do not ignore it: court deadlines may apply.",  # "Ignore it." names nothing, standing alone
    "Never guess, and never give false information.",  # a second "never" would stay in the instruction
    "Do not promise a certification, or say they don't qualify.",
    "Do not block the agents, and don’t hide anyone.",  # was "Block the agents, and don’t hide people."
    "Do not ask about status to decide anything.",  # was "Ask about status to decide something."
    "Do not help in the meantime: no holding, stopping, transporting or perimeters.",  # was "Help in the meantime."
])
def test_a_do_not_line_that_makes_no_sound_instruction_is_not_used(line):
    assert quiz.tempting(line) is None


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_wrong_choices_come_first_from_the_right_outcomes_own_do_not_list(bundled):
    """A trainer's review found "Offer the City's legal-help resources" offered as a wrong first action where
    the right outcome says to point the family to legal aid (S19), and 8 of 30 questions arguable: the wrong
    choices were other outcomes' actions, right somewhere else and guessed wrong here by their words. The right
    outcome's own do-not list says what is wrong in exactly this situation: its lines, turned into the
    instruction they forbid, are the wrong choices first, and each remembers its line for the feedback. One
    gives way only to a do-not line of the same scenario or category nearer the right answer's length (see
    test_the_longest_first_action_is_not_the_right_one_by_its_length): never to one from anywhere else."""
    pack = bundled.pack
    for seed in range(3):
        for item in quiz.generate(pack, seed=seed, count=None).items:
            outcome = _outcome_for(pack, item)
            usable = {t for line in outcome.do_not if (t := quiz.tempting(line)) is not None}
            made = dict(item.forbidden_by)
            if len(made) < min(len(usable), quiz.ACTION_CHOICES - 1):
                right = len(item.right_action or "")
                instead = [t for n, t in enumerate(item.action_choices) if n != item.action_answer and t not in made]
                left_out = usable - set(made)
                start = _first_word(item.right_action or "")
                assert instead and all(  # a borrowed line starting as the right answer does is spared SAME_START
                    quiz._length_cost(t, right) + quiz.BORROWED_COST[0] - quiz.SAME_START * (_first_word(t) == start)
                    <= min(quiz._length_cost(o, right) for o in left_out)
                    for t in instead), (item.item_id, made, instead)
            for n, text in enumerate(item.action_choices):
                line = item.guidance_against(n)
                assert (line is not None) == (text in made)
                if line is not None:
                    assert n != item.action_answer and line in outcome.do_not and quiz.tempting(line) == text
    offered = set()
    for seed in range(40):
        item = next(i for i in quiz.generate(pack, ["S19"], seed=seed, count=None).items
                    if i.item_id == "S19:relative/federal")
        offered.update(t for n, t in enumerate(item.action_choices) if n != item.action_answer)
        assert len(item.action_choices) == quiz.ACTION_CHOICES and item.forbidden_by  # its own lines, or nearer lengths
    assert "Offer the City's know-your-rights and legal-help resources." not in offered


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_the_longest_first_action_is_not_the_right_one_by_its_length(bundled):
    """A trainer's run of quiz 2026 found the right first action the longest choice in question after question
    ("Wait for your supervisor's decision; the supervisor checks with the Office of Legal Affairs, then sets the
    posts…" beside "Detain someone for the agents."): over every path, a trainee who picked the longest choice was
    right 61 % of the time, and 25 % is chance. The wrong choices are picked nearer the right answer's length:
    the right outcome's own do-not lines first, one of the same scenario or category in place of one far shorter;
    the shortest choice is not made the tell instead (it was right 15 % of the time)."""
    pack = bundled.pack
    asked = longest = shortest = 0
    for seed in range(3):
        for item in quiz.generate(pack, seed=seed, count=None).items:
            if item.action_answer is None:
                continue
            assert len(item.action_choices) == quiz.ACTION_CHOICES, item.item_id
            lengths = [len(t) for t in item.action_choices]
            right = lengths.pop(item.action_answer)
            asked += 1
            longest += right > max(lengths)
            shortest += right < min(lengths)
    assert longest / asked <= 0.33 and shortest / asked <= 0.21, (longest / asked, shortest / asked)


def test_the_feedback_for_a_forbidden_choice_says_the_outcomes_own_words_cited(mini_pack):
    """A wrong pick made from the right outcome's do-not line is told why in the guidance's words, the law it rests
    on cited under it, in the window's feedback, the exported result and the JSON; a wrong pick from another
    outcome's actions, or the right one, is not."""
    q = quiz.generate(mini_pack, ["S08"], seed=3, count=None)
    item = next(i for i in q.items if i.item_id == "S08:no/no")
    forbidden = item.action_choices.index("Obstruct federal agents.")
    other = next(n for n in range(len(item.action_choices)) if n not in (forbidden, item.action_answer))
    said = "The guidance says: “Do not obstruct federal agents.”"
    assert quiz.guidance_said(item, forbidden) == said
    letters = "ABCD"
    assert quiz.feedback_lines(item, Response(item.verdict, forbidden))[-1] == (
        "✖", f"First action wrong: the answer is {letters[item.action_answer]}, “{item.right_action}” "
             f"You chose {letters[forbidden]}, “Obstruct federal agents.” The guidance forbids it. (The law is cited below.)")
    assert quiz.guidance_said(item, other) is None and quiz.guidance_said(item, item.action_answer) is None
    assert all("guidance" not in words for _mark, words in quiz.feedback_lines(item, Response(item.verdict, other)))
    index = q.items.index(item)
    responses = {index: Response(item.verdict, forbidden)}
    assert quiz.result_dict(q, responses)["items"][index]["chosen_action_forbidden_by"] == "Do not obstruct federal agents."
    text = quiz.result_text(q, responses)
    assert f"   The guidance says: “Do not obstruct federal agents.”\n   Cites: {'; '.join(item.marked_citations)}" in text
    assert item.as_dict()["answer"]["action_forbidden_by"][forbidden] == "Do not obstruct federal agents."
    assert item.as_dict()["answer"]["action_forbidden_by"][item.action_answer] is None


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_wrong_pick_borrowed_from_another_outcome_is_told_that_lines_words_and_where_it_is(bundled):
    """Where the right outcome's own do-not lines run short, a wrong choice is another outcome's do-not line: a
    trainee who picked one was told only the right answer ("The guidance says" came with own lines alone). Now the
    feedback quotes the line it was made from and says where it is: another situation by its title, or another path
    of this one by the answer it leads to; the law cited below is this answer's, so it is not pointed at."""
    pack = bundled.pack
    borrowed = 0
    for seed in range(3):
        q = quiz.generate(pack, seed=seed, count=None)
        for index, item in enumerate(q.items):
            for n in range(len(item.action_choices)):
                if n == item.action_answer:
                    continue
                said = quiz.guidance_said(item, n)
                if item.step_saying(n) is not None:  # every wrong choice is a do-not line but a shared step's, told apart
                    assert _first_word(item.action_choices[n]) == _first_word(item.right_action), item.item_id
                    assert any(item.action_choices[n] in o.do for s in pack.scenarios if s.subflow for o in s.outcomes)
                    continue
                came = item.borrowed_against(n)
                if came is None:
                    continue
                borrowed += 1
                scenario = pack.scenario(came.scenario_id)
                there = next(o for o in scenario.outcomes if o.headline == came.headline)
                assert came.line in there.do_not and quiz.tempting(came.line) == item.action_choices[n]
                words = quiz.feedback_lines(item, Response(item.verdict, n))[-1][1]
                if came.scenario_id in (item.scenario_id, item.outcome_scenario):
                    assert there.headline != item.headline
                    assert said == (f"On another answer to this scenario, which leads to “{came.headline.rstrip('.')}”, "
                                    f"the guidance says: “{came.line}”")
                else:
                    assert said == f"In another situation, “{scenario.title}”, the guidance says: “{came.line}”"
                    assert f"the guidance for “{scenario.title}”" in words and "cited below" not in words
                if borrowed < 50:  # the result a trainer exports says it too, and the JSON holds where it is from
                    row = quiz.result_dict(q, {index: Response(item.verdict, n)})["items"][index]
                    assert row["chosen_action_guidance"] == said and row["chosen_action_forbidden_by"] is None
                    assert row["chosen_action_borrowed_from"]["line"] == came.line
                    assert f"\n   {said}\n   Cites: " in quiz.result_text(q, {index: Response(item.verdict, n)})
                    assert item.as_dict()["answer"]["action_borrowed_from"][n]["scenario_id"] == came.scenario_id
    assert borrowed > 100


def test_the_json_says_where_no_choice_was_borrowed_from(mini_pack):
    item = next(i for i in quiz.generate(mini_pack, ["S08"], seed=3, count=None).items if i.item_id == "S08:no/no")
    assert item.as_dict()["answer"]["action_borrowed_from"][item.action_answer] is None


def _first_word(text: str) -> str:
    return text.split()[0].strip(",.;:").casefold()


def _first_words_of_choices(pack: Pack, word: str, said: dict[bool, int]):
    """Each question of quizzes 0-2 that asks for a first action, with its choices' first words; ``said`` counts the
    choices starting with ``word`` by whether they are the right one."""
    for seed in range(3):
        for item in quiz.generate(pack, seed=seed, count=None).items:
            if item.action_answer is None:
                continue
            words = [_first_word(t) for t in item.action_choices]
            for n, first in enumerate(words):
                if first == word:
                    said[n == item.action_answer] += 1
            yield item, words


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_the_right_first_action_is_not_the_one_to_pick_by_its_first_word(bundled):
    """Quizzes 0-9 (build_scripts/quiz_tells.py): a choice starting "Tell" was right 2,210 times and wrong 910, and
    the right choice was the only one starting with its first word in 97.8 % of the questions: the right answers
    tell and call, and the do-not lines seldom forbid telling or calling. A wrong choice starting as the right one
    does is now taken first where the right outcome, its scenario or its category forbids one (never one from
    anywhere else, never advice: every wrong choice is still a do-not line, see the test above)."""
    asked = alone = 0
    said: dict[bool, int] = {True: 0, False: 0}
    for item, words in _first_words_of_choices(bundled.pack, "tell", said):
        asked += 1
        alone += words.count(words[item.action_answer]) == 1
    assert alone / asked <= 0.75, alone / asked
    assert said[True] / (said[True] + said[False]) <= 0.5, said


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_quiz_number_gives_the_same_quiz_whatever_pythons_hash_seed():
    """Sets and dicts of strings iterate in an order that changes with PYTHONHASHSEED: a quiz number must not."""
    script = ("import json, sys; from desktop.domain import quiz; from desktop.storage.pack_file import load_pack; "
              f"pack = load_pack({str(BUNDLED_PACK)!r}).pack; "
              "print(json.dumps(quiz.generate(pack, seed=7, count=None).as_dict(), sort_keys=True))")
    outputs = set()
    for hash_seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True,
                              cwd=Path(__file__).resolve().parents[2])
        outputs.add(done.stdout)
    assert len(outputs) == 1


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_wrong_pick_from_another_answer_to_the_same_scenario_is_told_short_and_where_it_is_from(bundled):
    """A wrong pick made from a do-not line of another outcome of the question's own scenario was told "In this
    situation, where the answers lead to “<that outcome's headline>”, the guidance says: …": it read as if the
    trainee's own answers led there (they lead to this question's answer), and it ran to 300 characters and more.
    Now: the right answer, the provision it rests on, and that the line is another answer's, quoted."""
    pack = bundled.pack
    seen = 0
    for seed in range(3):
        for item in quiz.generate(pack, seed=seed, count=None).items:
            for n in range(len(item.action_choices)):
                came = item.borrowed_against(n)
                if came is None or came.scenario_id not in (item.scenario_id, item.outcome_scenario):
                    continue
                seen += 1
                words = quiz.feedback_lines(item, Response(item.verdict, n))[-1][1]
                letters = "ABCD"
                cite = f" ({unbroken(item.marked_citations[0])})" if item.citations else ""  # kept whole on a line
                assert words == (f"First action wrong: the answer is {letters[item.action_answer]}, "
                                 f"“{item.right_action}”{cite}. You chose {letters[n]}, “{item.action_choices[n]}” It is "
                                 f"wrong here too: on another answer to this scenario, the guidance "
                                 f"{'forbids it.' if quiz._only_the_act(came.line) else f'says “{came.line}”'}")
                assert "In this situation" not in words and came.headline.rstrip(".") not in words
                assert "In this situation" not in (quiz.guidance_said(item, n) or "")
    assert seen > 100


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_choice_starting_check_is_not_the_answer_by_that_word(bundled):
    """build_scripts/quiz_tells.py, quizzes 0-9 at ba8bf03: a choice starting "Check" was right 290 times and wrong
    20 (94 %, chance 25 %): SAFETY's "Check who is hurt …" is the answer in 27 paths a quiz, and no do-not line that
    is wrong there starts "Check". The paper check's "Check the top of the page …", where the path never reached the
    paper check, is now one wrong choice there: 50 %. At most 60 %: one wrong "Check" in each question whose answer
    starts so gives 50 %, and the margin lets a pack edit drop it from a few questions, not from most; told wrong,
    the trainee reads the answer and the step the guidance says it at (the test above), no guidance said to forbid a
    line no outcome forbids."""
    said: dict[bool, int] = {True: 0, False: 0}
    for item, words in _first_words_of_choices(bundled.pack, "check", said):
        for n, word in enumerate(words):
            if word != "check" or n == item.action_answer:
                continue
            assert item.guidance_against(n) is None or item.borrowed_against(n) is None
            if item.guidance_against(n) is None and item.borrowed_against(n) is None:
                assert "forbid" not in quiz.feedback_lines(item, Response(item.verdict, n))[-1][1]
    assert said[True] > 50 and said[True] / (said[True] + said[False]) <= 0.6, said


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_wrong_pick_from_a_shared_step_the_answers_never_reached_is_told_where_the_guidance_says_it(bundled):
    """A wrong choice taken from a shared step's actions ("Check the top of the page …", the paper check's, where the
    answer is the safety check's "Check who is hurt …") was told only the answer: "First action wrong: the answer is
    C, “…” You chose B, “…”", and nothing of why checking the paper is wrong, where every other wrong pick is told
    why. A trainer had to explain it to the room. Now the feedback, and the result a trainer exports, say where the
    guidance says it: at that step, by its title, which this question's answers never reach (checked here against
    the path's questions)."""
    pack = bundled.pack
    letters = "ABCD"
    seen = 0
    for seed in range(3):
        q = quiz.generate(pack, seed=seed, count=None)
        for index, item in enumerate(q.items):
            for n in range(len(item.action_choices)):
                if n == item.action_answer or item.guidance_against(n) is not None or item.borrowed_against(n):
                    continue
                step = next(s for s in pack.scenarios if s.subflow
                            and any(item.action_choices[n] in o.do for o in s.outcomes))
                asked = {question.prompt for question in step.questions}
                assert not asked & {s.prompt for s in item.steps}, item.item_id  # the answers never went there
                seen += 1
                cite = f" ({unbroken(item.marked_citations[0])})" if item.citations else ""
                told = f"It is wrong here: the guidance says it at the step “{step.title}”, which these answers never reach."
                assert quiz.feedback_lines(item, Response(item.verdict, n))[-1] == (
                    "✖", f"First action wrong: the answer is {letters[item.action_answer]}, “{item.right_action}”{cite}. "
                         f"You chose {letters[n]}, “{item.action_choices[n]}” {told}")
                assert quiz.guidance_said(item, n) == told
                assert f"\n   {told}\n   Cites: " in quiz.result_text(q, {index: Response(item.verdict, n)})
                said_at = item.as_dict()["answer"]["action_said_at"]  # the JSON says where, as for a borrowed line
                assert said_at[n] == {"scenario_id": step.scenario_id, "scenario_title": step.title}
                assert said_at[item.action_answer] is None
    assert seen > 50, seen


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_choice_starting_call_is_not_the_answer_by_that_word(bundled):
    """build_scripts/quiz_tells.py, quizzes 0-9 at 01e61a9: a choice starting "Call" was right 2,040 times and
    wrong 100 (95 %, chance 25 %): the right answers call a supervisor or backup, and no do-not line near them forbids
    a call. A do-not line from anywhere that starts as the right answer does and stands on its own ("Call ICE to ask
    about the person for the family.", forbidden even in a PERMITTED outcome) is now taken in place of an own line,
    one a question; one leaning on its own situation ("Call the station to find out for them.") never is."""
    said: dict[bool, int] = {True: 0, False: 0}
    for item, words in _first_words_of_choices(bundled.pack, "call", said):
        assert sum(w == words[item.action_answer] for n, w in enumerate(words) if n != item.action_answer) <= 2
        if "S03" not in (item.scenario_id, item.outcome_scenario):  # S03's own line: "them" is the asker there
            assert "Call the station to find out for them." not in item.action_choices
    assert said[True] / (said[True] + said[False]) <= 0.75, said


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.parametrize("word", ["respond", "do", "wait", "process", "finish"])
def test_a_choice_is_not_the_answer_by_a_first_word_no_do_not_line_forbade(bundled, word):
    """build_scripts/quiz_tells.py, quizzes 0-9 at 7150d62: a choice starting "Respond", "Decline", "Do", "Wait",
    "Process" or "Finish" was right every time it was offered (280, 200, 200, 200, 190 and 170 times, never wrong):
    no do-not line forbade responding, doing, waiting, processing or finishing, so a trainee learned to pick "the one
    that starts with Wait". The outcomes whose first action starts so now say, as their provisions do, how doing it
    is wrong ("Do not process the person more slowly so ICE has time to get there."): about half. Every such wrong
    choice is one a do-not line forbids. ("Decline" is left out: its lines would be double negatives in the officer's
    do-not list.)"""
    said: dict[bool, int] = {True: 0, False: 0}
    for item, words in _first_words_of_choices(bundled.pack, word, said):
        for n, first in enumerate(words):
            if first == word and n != item.action_answer:
                assert item.guidance_against(n) or item.borrowed_against(n), (item.item_id, item.action_choices[n])
    assert said[True] > 0 and said[True] / (said[True] + said[False]) <= 0.6, said


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_no_wrong_choice_is_worn_by_being_offered_in_a_fifth_of_the_questions(bundled):
    """build_scripts/quiz_tells.py's worn lines, quizzes 0-9 at 3161379: "Call ICE to ask about the person for the
    family." (S19) was a wrong choice in 23.0 % of the questions of a quiz of every path, the one "Call" line from
    anywhere that stands on its own, offered wherever the answer starts "Call" (the safety check's, the paper
    check's): a trainee strikes it out by sight. The safety check's violence outcome now says, as the TRUST Act's
    15(e) it cites does, not to call ICE to check the status of anyone arrested: a second such line, right in its own
    outcome. Quizzes 0-2: S19's line in at most 12 % of the questions, no line in more than 20 %, and "Call" no more
    the answer by its first word than before (53 %)."""
    offered: Counter[str] = Counter()
    asked = 0
    said: dict[bool, int] = {True: 0, False: 0}
    for item, _words in _first_words_of_choices(bundled.pack, "call", said):
        asked += 1
        offered.update(text for n, text in enumerate(item.action_choices) if n != item.action_answer)
    assert offered["Call ICE to ask about the person for the family."] / asked <= 0.12, offered.most_common(3)
    assert offered.most_common(1)[0][1] / asked <= 0.20, offered.most_common(3)
    assert said[True] / (said[True] + said[False]) <= 0.53, said


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_wrong_pick_from_another_scenario_is_told_short_answer_first_with_its_law(bundled):
    """A wrong pick made from another scenario's do-not line was told "First action wrong: you chose A, the answer is
    D, “…” In another situation, “<title>”, the guidance says: “Do not …”": 307 characters on average over quizzes
    0-2, the law the answer rests on nowhere in it, and the line mostly the choice's own words again. Now, as for a
    line of the same scenario: the answer, its first provision whole on its line, then where the line is from; the
    line is quoted only where it says more than the choice (a reason, a time, an exception). It stays shorter than
    the old words on the same pack (on the pack of that day 283 against 310 characters; a do-not line that names its
    exception is quoted, as it should be, and lengthens both)."""
    pack = bundled.pack
    letters = "ABCD"
    lengths: list[int] = []
    before: list[int] = []  # the old words, as the docstring gives them, for the same picks
    quoted = 0
    for seed in range(3):
        for item in quiz.generate(pack, seed=seed, count=None).items:
            for n in range(len(item.action_choices)):
                came = item.borrowed_against(n)
                if came is None or came.scenario_id in (item.scenario_id, item.outcome_scenario):
                    continue
                words = quiz.feedback_lines(item, Response(item.verdict, n))[-1][1]
                cite = f" ({unbroken(item.marked_citations[0])})" if item.citations else ""
                start = (f"First action wrong: the answer is {letters[item.action_answer]}, “{item.right_action}”{cite}. "
                         f"You chose {letters[n]}, “{item.action_choices[n]}” It is wrong here too: the guidance for "
                         f"“{came.scenario_title}” ")
                # a reason ("; EMS handles transport"), a second sentence, a time or an exception after the act
                if not re.search(r"[;:—–(]|\.\s|\b(?:unless|until|even)\b", came.line.strip().rstrip(".")):
                    assert words == f"{start}forbids it.", words
                else:
                    quoted += 1
                    assert words == f"{start}says “{came.line}”", words
                lengths.append(len(words) - len(item.action_choices[n]))  # the words picked, said as they read
                before.append(len(f"First action wrong: you chose {letters[n]}, the answer is {letters[item.action_answer]}, "
                                  f"“{item.right_action}” In another situation, “{came.scenario_title}”, the guidance "
                                  f"says: “{came.line}”"))
    assert len(lengths) > 100 and 0 < quoted < len(lengths)
    mean, mean_before = sum(lengths) / len(lengths), sum(before) / len(before)
    assert mean < mean_before - 10, (mean, mean_before)


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_wrong_pick_from_the_outcomes_own_line_is_told_in_the_same_words_as_one_from_elsewhere(bundled):
    """A wrong pick made from the right outcome's own do-not line was told "The guidance says: “…”" where one made from
    another outcome's line was told "the guidance says “…”": two codings of one thing, two wordings. Both now say
    "forbids it." where the line says no more than the choice, else "says “<the line>”"."""
    letters = "ABCD"
    told = {True: 0, False: 0}
    for seed in range(3):
        for item in quiz.generate(bundled.pack, seed=seed, count=None).items:
            for n in range(len(item.action_choices)):
                if (line := item.guidance_against(n)) is None:
                    continue
                only = quiz._only_the_act(line)
                told[only] += 1
                words = quiz.feedback_lines(item, Response(item.verdict, n))[-1][1]
                assert words == (f"First action wrong: the answer is {letters[item.action_answer]}, “{item.right_action}” "
                                 f"You chose {letters[n]}, “{item.action_choices[n]}” The guidance "
                                 f"{'forbids it.' if only else f'says “{line}”'} (The law is cited below.)"), words
    assert told[True] > 100 and told[False] > 100, told


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_the_right_choice_seldom_stands_alone_by_its_first_word(bundled):
    """build_scripts/quiz_tells.py at 12fdda1, quizzes 0-9: the right choice was the only one starting with its first
    word in 49.1 % of the questions, and a trainee who picked by first word was right 71 % of the time (chance 25 %):
    a line from anywhere that starts as the right answer does came only after every own line. It now comes before an
    own line of the same length (FAR_SAME_START below 0), under every rule a borrowed line keeps (the verdict rule,
    standing on its own, never much like the right answer or endorsed by its outcome), one a question."""
    alone = asked = 0
    for item, words in _first_words_of_choices(bundled.pack, "", {True: 0, False: 0}):
        asked += 1
        alone += words.count(words[item.action_answer]) == 1
        assert sum(w == words[item.action_answer] for w in words) <= 3  # the right one and at most two wrong ones
    assert alone / asked <= 0.40, alone / asked


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_quiz_of_ten_offers_no_wrong_choice_three_times(bundled):
    """A line wrong in many situations ("Tell ICE release details the criminal warrant process doesn't require.") was
    offered in 3 or more of the 10 questions of 41 of quizzes 1-100, up to six times in one: a trainee learned to strike
    it out by sight, not by the situation. Now a wrong choice costs more each time it was offered in the questions
    just before (REPEATED); a line starting as the right answer does may come twice, since those few break the
    first-word tells. Every question stays answerable with its four choices, and a quiz of every path draws as before
    (quiz_tells.py's figures unchanged)."""
    for seed in range(1, 101):
        q = quiz.generate(bundled.pack, seed=seed)
        offered = Counter(text for item in q.items if item.action_answer is not None
                          for n, text in enumerate(item.action_choices) if n != item.action_answer)
        assert max(offered.values()) <= 2, (seed, offered.most_common(1))
        assert all(len(item.action_choices) == quiz.ACTION_CHOICES for item in q.items if item.action_answer is not None)


def test_quiz_tells_lists_the_worn_lines_and_the_most_one_quiz_of_ten_repeats(mini_pack):
    """build_scripts/quiz_tells.py's worn lines: each wrong choice offered most in the quizzes of every path, with the
    share of the first-action questions it is offered in, most first; and the most times one wrong line comes in one
    quiz of ten with the same numbers (what REPEATED keeps at 2 in the bundled pack)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "build_scripts"))
    import quiz_tells

    figures = quiz_tells.measure(mini_pack, [0, 1], worn=3)
    offered: Counter[str] = Counter()
    asked = 0
    for seed in (0, 1):
        for item in quiz.generate(mini_pack, seed=seed, count=None).items:
            if item.action_answer is not None:
                asked += 1
                offered.update(t for n, t in enumerate(item.action_choices) if n != item.action_answer)
    assert figures["questions"] == asked and 0 < len(figures["worn"]) <= 3
    assert [row["questions"] for row in figures["worn"]] == sorted((c for _t, c in offered.most_common()), reverse=True)[:3]
    for row in figures["worn"]:
        assert row["questions"] == offered[row["line"]] and row["share"] == round(row["questions"] / asked, 4)
    ten = [Counter(t for item in quiz.generate(mini_pack, seed=seed).items if item.action_answer is not None
                   for n, t in enumerate(item.action_choices) if n != item.action_answer) for seed in (0, 1)]
    assert figures["most_in_a_quiz_of_ten"] == max(max(c.values(), default=0) for c in ten) > 0
