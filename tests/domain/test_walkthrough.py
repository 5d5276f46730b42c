"""The presentation walk: one reveal at a time, outcome hidden until revealed, back undoes one step."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import walkthrough as wt
from desktop.domain import wizard


def test_after_the_public_safety_steps_the_scenario_goes_on_as_if_the_scene_were_safe(mini_pack):
    """The safety outcome's slide says "go back to the situation you came from"; next went on to the next scenario
    instead, and the situation the class came for was never reached on that path."""
    w = wt.Walkthrough(mini_pack, ["S08", "S10"])
    w.next(), w.next()
    assert w.choose(1) and w.question.node_id != "q_basis"  # yes, someone is hurt: into the SAFETY steps
    w.next()
    assert w.choose(1) and w.stage == wt.OUTCOME_HIDDEN  # someone is injured
    w.next(), w.next()
    while w.stage != wt.OUTCOME_SAY and w.outcome.say:
        w.next()
    assert w.resumes_when_safe == wizard.replay(mini_pack, "S08", ["no"])
    assert w.next() and (w.stage, w.scenario.scenario_id, w.question.node_id) == (wt.QUESTION, "S08", "q_basis")
    assert [(s.prompt, s.answer) for s in w.trail] == [("Is anyone in immediate danger or hurt?", "No")]
    assert w.resumes_when_safe is None and w.back() and w.stage in wt.REVEALED, "back returns to the safety answer"


def test_full_walk(mini_pack):
    w = wt.Walkthrough(mini_pack, ["S10", "S08"])
    assert (w.stage, w.scenario.scenario_id, w.counter) == (wt.TITLE, "S10", "1 of 2")
    assert w.next() and w.stage == wt.QUESTION and w.question.node_id == "q_city"
    assert not w.choose(1), "answers must be shown before one is picked"
    assert w.next() and w.stage == wt.CHOICES
    assert not w.next(), "next does not pick an answer"
    assert not w.choose(3) and not w.choose(0)
    assert w.choose(2) and w.stage == wt.OUTCOME_HIDDEN
    assert w.outcome.node_id == "o_refer"
    assert [(s.prompt, s.answer) for s in w.trail] == [("Is the lot or garage City property?", "Not sure")]
    assert w.next() and w.stage == wt.OUTCOME
    assert w.next() and w.stage == wt.OUTCOME_DETAIL and w.outcome.node_id == "o_refer"
    assert w.outcome.say and w.next() and w.stage == wt.OUTCOME_SAY and w.outcome.node_id == "o_refer"
    assert w.next() and (w.stage, w.scenario.scenario_id, w.trail) == (wt.TITLE, "S08", ())
    w.next(), w.next()
    assert w.choose(2) and w.question.node_id == "q_basis"
    w.next()
    assert w.choose(2) and w.question.node_id == "q_paper"  # into the PAPER sub-flow
    assert len(w.trail) == 2
    w.next()
    w.choose(1)
    w.next()
    assert w.stage == wt.OUTCOME and w.outcome.verdict == "refer"
    assert w.next() and w.stage == wt.OUTCOME_DETAIL
    assert w.next() and w.stage == wt.OUTCOME_SAY
    assert w.next() and w.stage == wt.END and w.counter == "2 of 2"
    assert not w.next()


def test_back_undoes_exactly_one_step(mini_pack):
    w = wt.Walkthrough(mini_pack, ["S10", "S08"])
    seen = [w.position]
    for action in ("next", "next", "choose1", "next", "next"):
        w.choose(1) if action == "choose1" else w.next()
        seen.append(w.position)
    while w.can_go_back:
        w.back()
        seen.pop()
        assert w.position == seen[-1]
    assert w.stage == wt.TITLE and not w.back()


def test_restart_scenario(mini_pack):
    w = wt.Walkthrough(mini_pack, ["S08"])
    w.next(), w.next(), w.choose(2)
    assert w.restart_scenario() and w.stage == wt.TITLE
    assert not w.restart_scenario()
    assert w.back() and w.question.node_id == "q_basis"


def test_refuses_bad_playlists(mini_pack):
    with pytest.raises(wizard.WizardError):
        wt.Walkthrough(mini_pack, [])
    with pytest.raises(wizard.WizardError, match="S99"):
        wt.Walkthrough(mini_pack, ["S08", "S99"])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["next", "back", "home", "1", "2", "3"]), max_size=40))
def test_any_key_sequence_keeps_a_consistent_position(mini_pack, actions):
    w = wt.Walkthrough(mini_pack, ["S08", "S10", "PAPER"])
    for action in actions:
        if action == "next":
            w.next()
        elif action == "back":
            w.back()
        elif action == "home":
            w.restart_scenario()
        else:
            w.choose(int(action))
        if w.stage in (wt.QUESTION, wt.CHOICES):
            assert w.question is not None
        elif w.stage in (wt.OUTCOME_HIDDEN, *wt.REVEALED):  # the "what to say" slide is an outcome's too
            assert w.outcome is not None
        else:
            assert w.stage in (wt.TITLE, wt.END), w.stage
            assert w.position.state is None and w.trail == ()


def test_an_answer_with_nothing_to_say_has_no_say_slide(mini_pack):
    """The room role-plays "what to say" on its own slide; an answer with no words to say goes from "why"
    straight on, with no empty slide."""
    import dataclasses

    w = wt.Walkthrough(mini_pack, ["S10"])
    w.next(), w.next()
    w.choose(2)
    w.next(), w.next()
    assert w.stage == wt.OUTCOME_DETAIL and w.outcome.say
    scenario = mini_pack.scenario("S10")
    quiet = dataclasses.replace(w.outcome, say=())
    nodes = tuple(quiet if n.node_id == quiet.node_id else n for n in scenario.nodes)
    pack = dataclasses.replace(mini_pack, scenarios=tuple(
        dataclasses.replace(s, nodes=nodes) if s.scenario_id == "S10" else s for s in mini_pack.scenarios))
    w = wt.Walkthrough(pack, ["S10"])
    w.next(), w.next()
    w.choose(2)
    w.next(), w.next()
    assert w.stage == wt.OUTCOME_DETAIL and not w.outcome.say
    assert w.next() and w.stage == wt.END
