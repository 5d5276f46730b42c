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
