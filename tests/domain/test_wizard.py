"""The wizard engine: a pure state machine over scenario trees and their sub-flows."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import wizard
from desktop.domain.model import Outcome, Question


def test_walk_to_outcome(mini_pack):
    state = wizard.start(mini_pack, "S08")
    assert isinstance(wizard.current_node(mini_pack, state), Question)
    state = wizard.answer(mini_pack, state, "no")
    state = wizard.answer(mini_pack, state, "no")
    result = wizard.outcome(mini_pack, state)
    assert result is not None and result.verdict == "not_permitted"
    assert state.keys == ("no", "no")


def test_subflow_is_entered_and_path_replays(mini_pack):
    state = wizard.replay(mini_pack, "S08", ["no", "paper"])
    assert state.at_scenario == "PAPER"
    state = wizard.answer(mini_pack, state, "admin")
    assert wizard.outcome(mini_pack, state).node_id == "o_admin"
    again = wizard.replay(mini_pack, state.scenario_id, state.keys)
    assert again == state


@pytest.mark.parametrize("danger_answer", ["injured", "violence"])
def test_once_the_scene_is_safe_the_walk_goes_on_with_the_situation(mini_pack, danger_answer):
    """At a public-safety outcome reached from a danger question, the walk to go on with answers that
    question "no": the officer is back in the situation they were in, at its next question."""
    state = wizard.replay(mini_pack, "S08", ["yes", danger_answer])
    assert state.at_scenario == "SAFETY" and wizard.outcome(mini_pack, state) is not None
    resumed = wizard.resume_when_safe(mini_pack, state)
    assert resumed == wizard.replay(mini_pack, "S08", ["no"])
    assert resumed.at_scenario == "S08" and resumed.at_node == "q_basis"


def test_no_way_on_outside_the_public_safety_steps(mini_pack):
    for scenario_id, keys in (("S08", ["yes"]),  # at a question
                              ("S08", ["no", "no"]),  # an outcome of the situation itself
                              ("S08", ["no", "paper", "admin"]),  # the paper check is not a danger step
                              ("SAFETY", ["injured"])):  # a walk that started in the sub-flow
        assert wizard.resume_when_safe(mini_pack, wizard.replay(mini_pack, scenario_id, keys)) is None, keys


def test_every_public_safety_outcome_of_the_bundled_pack_has_its_way_on(bundled):
    """Every walk that a danger answer sends into SAFETY can go on with its situation: at the question after
    the danger question, or where danger was one kind of request among others (S19), at that question
    again. No other outcome offers it."""
    pack = bundled.pack
    offered = 0
    asked_again = set()
    for scenario in pack.scenarios:
        for path in wizard.enumerate_paths(pack, scenario.scenario_id):
            state = wizard.replay(pack, scenario.scenario_id, path.keys)
            resumed = wizard.resume_when_safe(pack, state)
            entered = [step for step in state.steps if step.scenario_id != "SAFETY"]
            if path.outcome_scenario != "SAFETY" or scenario.scenario_id == "SAFETY":
                assert resumed is None, path.keys
                continue
            way_in = entered[-1]  # the answer that led into SAFETY
            question = pack.scenario(way_in.scenario_id).node(way_in.node_id)
            offered += 1
            assert resumed is not None, path.keys
            assert wizard.outcome(pack, resumed) is None, "it goes on at a question"
            if question.topic == "danger":
                assert resumed.keys == (*state.keys[: len(entered) - 1], "no"), path.keys
            else:  # S19's "someone is being grabbed or hurt" among the kinds of request: that question again
                asked_again.add(scenario.scenario_id)
                assert resumed.keys == state.keys[: len(entered) - 1], path.keys
                assert resumed.at_node == way_in.node_id
    assert offered > 150
    assert asked_again == {"S19"}


def test_back_and_restart(mini_pack):
    state = wizard.replay(mini_pack, "S08", ["no", "paper"])
    back = wizard.back(mini_pack, state)
    assert back.keys == ("no",) and back.at_scenario == "S08"
    assert wizard.back(mini_pack, wizard.start(mini_pack, "S08")).keys == ()
    assert wizard.restart(mini_pack, state) == wizard.start(mini_pack, "S08")


def test_invalid_answers(mini_pack):
    state = wizard.start(mini_pack, "S08")
    with pytest.raises(wizard.WizardError, match="not an answer"):
        wizard.answer(mini_pack, state, "maybe")
    done = wizard.replay(mini_pack, "S08", ["no", "no"])
    with pytest.raises(wizard.WizardError, match="nothing left"):
        wizard.answer(mini_pack, done, "no")
    with pytest.raises(wizard.WizardError, match="no scenario"):
        wizard.start(mini_pack, "NOPE")


def test_enumerate_paths(mini_pack):
    paths = wizard.enumerate_paths(mini_pack, "S08")
    assert [p.keys for p in paths] == [
        ("yes", "injured"), ("yes", "violence"), ("no", "no"), ("no", "paper", "judicial"), ("no", "paper", "admin"),
    ]
    for p in paths:
        assert wizard.outcome(mini_pack, wizard.replay(mini_pack, "S08", p.keys)) == p.outcome


def test_every_path_of_every_scenario_ends_in_a_cited_outcome(mini_pack):
    for scenario in mini_pack.scenarios:
        paths = wizard.enumerate_paths(mini_pack, scenario.scenario_id)
        assert paths
        for p in paths:
            assert isinstance(p.outcome, Outcome) and p.outcome.cites


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["S08", "S10", "PAPER", "SAFETY"]), st.lists(st.sampled_from(
    ["yes", "no", "paper", "admin", "judicial", "injured", "violence", "unsure", "x", ""]), max_size=8),
    st.lists(st.booleans(), max_size=8))
def test_arbitrary_answer_sequences_never_reach_an_invalid_state(mini_pack, scenario_id, keys, backs):
    state = wizard.start(mini_pack, scenario_id)
    for i, key in enumerate(keys):
        if i < len(backs) and backs[i]:
            state = wizard.back(mini_pack, state)
        try:
            state = wizard.answer(mini_pack, state, key)
        except wizard.WizardError:
            pass
        node = wizard.current_node(mini_pack, state)  # always a real node
        assert isinstance(node, Question | Outcome)
        assert wizard.replay(mini_pack, scenario_id, state.keys) == state


def test_answers_are_numbered_from_one_in_order(mini_pack):
    """The wizard's number keys, the presentation's and `walk --answer N` all read numbers this way."""
    question = wizard.current_node(mini_pack, wizard.start(mini_pack, "S08"))
    assert isinstance(question, Question) and len(question.choices) >= 2
    assert question.numbered(1) is question.choices[0]
    assert question.numbered(len(question.choices)) is question.choices[-1]
    assert [question.numbered(n) for n in (0, -1, len(question.choices) + 1)] == [None, None, None]


def test_an_answer_enters_a_shared_step_at_its_enter_at_and_back_returns_to_the_question(mini_pack):
    """S08's "A warrant signed by a judge" enters PAPER at the court check, not at "What paper are they
    holding?" (asked again what the officer had just said); Back from there is the question that sent them."""
    from desktop.domain.codec import pack_from_tables
    from tests.helpers import mini_tables, with_court_check

    pack = pack_from_tables(with_court_check(mini_tables()))
    asked = wizard.replay(pack, "S08", ["no"])
    state = wizard.answer(pack, asked, "judge")
    assert (state.at_scenario, state.at_node) == ("PAPER", "q_court_check")
    assert state.steps[-1] == wizard.Step("S08", "q_basis", "judge", "A warrant signed by a judge")
    assert wizard.back(pack, state) == asked
    assert wizard.outcome(pack, wizard.answer(pack, state, "yes")).node_id == "o_judicial"
    # the answer that does not say which paper still starts the shared step at its start
    assert wizard.answer(pack, asked, "paper").at_node == "q_paper"
    walks = {p.keys: (p.outcome_scenario, p.outcome.node_id) for p in wizard.enumerate_paths(pack, "S08")}
    assert walks[("no", "judge", "yes")] == ("PAPER", "o_judicial")
    assert walks[("no", "judge", "no")] == ("PAPER", "o_admin")
