"""The scenario wizard as a pure state machine, plus enumeration of every path of a scenario."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.domain.model import Outcome, Pack, Question, Scenario
from desktop.domain.rescission import rescinded_citations, rescission_warning

MAX_DEPTH = 200  # a guard against malformed (cyclic) packs that slipped past validation


class WizardError(ValueError):
    """An answer or scenario that the current state does not allow."""


@dataclass(frozen=True, slots=True)
class Step:
    """One answered question: where it was asked and which answer was chosen."""

    scenario_id: str
    node_id: str
    key: str
    label: str


@dataclass(frozen=True, slots=True)
class WizardState:
    """Immutable wizard position. ``steps`` is the answered path; the current node follows from it."""

    scenario_id: str
    steps: tuple[Step, ...]
    at_scenario: str
    at_node: str

    @property
    def keys(self) -> tuple[str, ...]:
        """The answer keys so far: with the start scenario, enough to replay the walk."""
        return tuple(s.key for s in self.steps)

    def as_dict(self) -> dict[str, object]:
        return {"scenario_id": self.scenario_id, "answers": list(self.keys)}


def _scenario(pack: Pack, scenario_id: str) -> Scenario:
    scenario = pack.scenario(scenario_id)
    if scenario is None:
        raise WizardError(f"no scenario with id {scenario_id!r}")
    return scenario


def start(pack: Pack, scenario_id: str) -> WizardState:
    scenario = _scenario(pack, scenario_id)
    if scenario.node(scenario.start) is None:
        raise WizardError(f"scenario {scenario_id!r} has no start node")
    return WizardState(scenario_id, (), scenario_id, scenario.start)


def current_node(pack: Pack, state: WizardState) -> Question | Outcome:
    node = _scenario(pack, state.at_scenario).node(state.at_node)
    if node is None:
        raise WizardError(f"node {state.at_node!r} is missing from scenario {state.at_scenario!r}")
    return node


def outcome(pack: Pack, state: WizardState) -> Outcome | None:
    node = current_node(pack, state)
    return node if isinstance(node, Outcome) else None


def answer(pack: Pack, state: WizardState, key: str) -> WizardState:
    """The state after choosing ``key`` at the current question."""
    node = current_node(pack, state)
    if not isinstance(node, Question):
        raise WizardError("the walk has reached an outcome; there is nothing left to answer")
    choice = node.choice(key)
    if choice is None:
        valid = ", ".join(c.key for c in node.choices)
        raise WizardError(f"{key!r} is not an answer to this question (answers: {valid})")
    if len(state.steps) >= MAX_DEPTH:
        raise WizardError("this walk is too long; the scenario probably loops")
    if choice.next_scenario is not None:
        _scenario(pack, choice.next_scenario)  # refuse a jump into a scenario that does not exist
    at_scenario, at_node = pack.leads_to(state.at_scenario, choice)  # a shared step's start, or its enter_at
    step = Step(state.at_scenario, node.node_id, key, choice.label)
    new_state = WizardState(state.scenario_id, state.steps + (step,), at_scenario, at_node)
    current_node(pack, new_state)  # refuse to move into a node that does not exist
    return new_state


def back(pack: Pack, state: WizardState) -> WizardState:
    """One answer back (no-op at the first question)."""
    if not state.steps:
        return state
    return replay(pack, state.scenario_id, state.keys[:-1])


def restart(pack: Pack, state: WizardState) -> WizardState:
    return start(pack, state.scenario_id)


def replay(pack: Pack, scenario_id: str, keys: tuple[str, ...] | list[str]) -> WizardState:
    state = start(pack, scenario_id)
    for key in keys:
        state = answer(pack, state, key)
    return state


def resume_when_safe(pack: Pack, state: WizardState) -> WizardState | None:
    """At an outcome of the sub-flow that a danger answer led into (SAFETY: "someone is hurt or in danger"),
    the walk the officer goes on with once the scene is safe: the question that led there answered "no"
    (its ``no`` answer, or its one answer that stays in the situation), or, when it has neither (S19 lists
    danger among the kinds of request), that question asked again. "Go back to the flow you came from" used
    to leave the officer to find it.

    None anywhere else: at a question, or in a walk that started in the sub-flow."""
    if outcome(pack, state) is None:
        return None
    for i in range(len(state.steps) - 1, -1, -1):
        step = state.steps[i]
        question = _scenario(pack, step.scenario_id).node(step.node_id)
        if not isinstance(question, Question):
            return None
        chosen = question.choice(step.key)
        if chosen is None or chosen.next_scenario is None:
            if step.scenario_id != state.at_scenario:
                return None  # out of the sub-flow's own steps without finding the way in
            continue
        if chosen.next_scenario != state.at_scenario or chosen.next_scenario not in _public_safety_flows(pack):
            return None  # a jump into another sub-flow (the paper check…), not into the public-safety steps
        staying = [c for c in question.choices if c.next_scenario is None]
        safe = question.choice("no") or (staying[0] if len(staying) == 1 else None)
        keys = state.keys[:i] + ((safe.key,) if safe is not None and safe.next_scenario is None else ())
        return replay(pack, state.scenario_id, keys)
    return None


def _public_safety_flows(pack: Pack) -> set[str]:
    """The sub-flows a danger question (topic "danger") leads into. A jump into one of them from any
    question is the public-safety branch: S19 offers "someone is being grabbed or hurt" among the kinds of
    request, where other situations ask about danger first."""
    return {choice.next_scenario for scenario in pack.scenarios for node in scenario.nodes
            if isinstance(node, Question) and node.topic == "danger"
            for choice in node.choices if choice.next_scenario is not None}


@dataclass(frozen=True, slots=True)
class Path:
    """A complete walk: the answers from the start and the outcome they lead to."""

    scenario_id: str
    steps: tuple[Step, ...]
    outcome_scenario: str
    outcome: Outcome

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.steps)


def enumerate_paths(pack: Pack, scenario_id: str) -> list[Path]:
    """Every path from the scenario's start to an outcome, sub-flows included, in answer order."""
    paths: list[Path] = []
    stack: list[WizardState] = [start(pack, scenario_id)]
    while stack:
        state = stack.pop()
        node = current_node(pack, state)
        if isinstance(node, Outcome):
            paths.append(Path(scenario_id, state.steps, state.at_scenario, node))
            continue
        for choice in reversed(node.choices):
            stack.append(answer(pack, state, choice.key))
    return paths


def outcome_text(pack: Pack, outcome: Outcome, today: dt.date | None = None) -> str:
    """The outcome card as plain text (CLI, clipboard, handouts). Given ``today``, a caution under the
    verdict when the answer rests on a provision rescinded by then (see desktop.domain.rescission)."""
    lines = [f"{outcome.verdict_label}: {outcome.headline}"]
    if today is not None and (warning := rescission_warning(rescinded_citations(pack, outcome, today))):
        lines.append(warning)
    for title, items in (("Do", outcome.do), ("Do not", outcome.do_not), ("Say", outcome.say),
                         ("Document", outcome.document), ("Notify", outcome.notify)):
        if items:
            lines.append(f"{title}:")
            lines.extend(f"  - {item}" for item in items)
    lines.append(f"Why: {outcome.rationale}")
    lines.append("Cites: " + "; ".join(pack.citation_text(c) for c in outcome.cites))
    return "\n".join(lines)
