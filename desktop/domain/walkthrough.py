"""The trainer's walk through a playlist of scenarios, one reveal at a time (presentation mode).

For each scenario: a title slide; at each question the prompt first, then (on "next") the answers;
the trainer picks one; at the end the outcome stays hidden until the trainer reveals it, so the room
can discuss first; then what to do and the law, then why and what not to do, then what to say (one slide
each, so the type stays large; no "what to say" slide for an answer with nothing to say). After the
public-safety steps a danger answer led into, the scenario goes on as if the scene were safe. "Back" undoes exactly one step, whatever it was. Pure: the window only draws it."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain import wizard
from desktop.domain.model import Outcome, Pack, Question, Scenario

TITLE = "title"  # the scenario's title and summary
QUESTION = "question"  # the prompt; answers hidden
CHOICES = "choices"  # the prompt and its numbered answers
OUTCOME_HIDDEN = "outcome_hidden"  # the walk has reached an outcome; not shown yet
OUTCOME = "outcome"  # the outcome revealed: verdict, headline, what to do, the law
OUTCOME_DETAIL = "outcome_detail"  # the same outcome: why, and what not to do
OUTCOME_SAY = "outcome_say"  # the same outcome: what to say, for the room to role-play (when it has any)
END = "end"  # after the last scenario
STAGES = (TITLE, QUESTION, CHOICES, OUTCOME_HIDDEN, OUTCOME, OUTCOME_DETAIL, OUTCOME_SAY, END)
REVEALED = (OUTCOME, OUTCOME_DETAIL, OUTCOME_SAY)


@dataclass(frozen=True, slots=True)
class Position:
    index: int  # which scenario of the playlist
    stage: str
    state: wizard.WizardState | None  # None on the title and end slides


@dataclass(frozen=True, slots=True)
class TrailStep:
    prompt: str
    answer: str


class Walkthrough:
    """A position in a playlist plus the history needed to step back."""

    def __init__(self, pack: Pack, scenario_ids: list[str] | tuple[str, ...]) -> None:
        if not scenario_ids:
            raise wizard.WizardError("there are no scenarios to present")
        for sid in scenario_ids:
            wizard.start(pack, sid)  # raises WizardError for an unknown scenario
        self.pack = pack
        self.scenario_ids = tuple(scenario_ids)
        self.position = Position(0, TITLE, None)
        self._history: list[Position] = []

    # -- what is on screen ---------------------------------------------------------------------
    @property
    def stage(self) -> str:
        return self.position.stage

    @property
    def scenario(self) -> Scenario:
        sid = self.scenario_ids[min(self.position.index, len(self.scenario_ids) - 1)]
        scenario = self.pack.scenario(sid)
        assert scenario is not None
        return scenario

    @property
    def node(self) -> Question | Outcome | None:
        state = self.position.state
        return None if state is None else wizard.current_node(self.pack, state)

    @property
    def question(self) -> Question | None:
        node = self.node
        return node if isinstance(node, Question) else None

    @property
    def outcome(self) -> Outcome | None:
        node = self.node
        return node if isinstance(node, Outcome) else None

    @property
    def trail(self) -> tuple[TrailStep, ...]:
        """The questions answered so far in this scenario, with the answers chosen."""
        state = self.position.state
        if state is None:
            return ()
        steps = []
        for step in state.steps:
            node = self.pack.scenario(step.scenario_id).node(step.node_id)  # type: ignore[union-attr]
            steps.append(TrailStep(node.prompt if isinstance(node, Question) else step.node_id, step.label))
        return tuple(steps)

    @property
    def resumes_when_safe(self) -> wizard.WizardState | None:
        """At a public-safety outcome the scenario's danger question led into, the walk the class goes on with once
        the scene is safe (wizard.resume_when_safe): the slide says "go back to the situation you came from", and
        next went on to the next scenario, leaving the situation itself untaught. None anywhere else."""
        state = self.position.state
        if state is None or self.stage not in REVEALED:
            return None
        return wizard.resume_when_safe(self.pack, state)

    @property
    def can_go_back(self) -> bool:
        return bool(self._history)

    @property
    def counter(self) -> str:
        if self.stage == END:
            return f"{len(self.scenario_ids)} of {len(self.scenario_ids)}"
        return f"{self.position.index + 1} of {len(self.scenario_ids)}"

    # -- moving --------------------------------------------------------------------------------
    def _go(self, position: Position) -> bool:
        self._history.append(self.position)
        self.position = position
        return True

    def _arrive(self, index: int, state: wizard.WizardState) -> Position:
        node = wizard.current_node(self.pack, state)
        return Position(index, OUTCOME_HIDDEN if isinstance(node, Outcome) else QUESTION, state)

    def next(self) -> bool:
        """Reveal the next thing. False when nothing follows (answers shown: pick one; or the end)."""
        pos = self.position
        if pos.stage == TITLE:
            return self._go(self._arrive(pos.index, wizard.start(self.pack, self.scenario_ids[pos.index])))
        if pos.stage == QUESTION:
            return self._go(Position(pos.index, CHOICES, pos.state))
        if pos.stage == OUTCOME_HIDDEN:
            return self._go(Position(pos.index, OUTCOME, pos.state))
        if pos.stage == OUTCOME:
            return self._go(Position(pos.index, OUTCOME_DETAIL, pos.state))
        if pos.stage == OUTCOME_DETAIL and self.outcome is not None and self.outcome.say:
            return self._go(Position(pos.index, OUTCOME_SAY, pos.state))
        if pos.stage in (OUTCOME_DETAIL, OUTCOME_SAY):
            resumed = self.resumes_when_safe
            if resumed is not None:
                return self._go(self._arrive(pos.index, resumed))
            if pos.index + 1 < len(self.scenario_ids):
                return self._go(Position(pos.index + 1, TITLE, None))
            return self._go(Position(pos.index, END, None))
        return False

    def choose(self, number: int) -> bool:
        """Pick answer ``number`` (1-based) once the answers are shown. False when not possible."""
        question = self.question
        choice = question.numbered(number) if self.stage == CHOICES and question is not None else None
        if choice is None:
            return False
        assert self.position.state is not None
        state = wizard.answer(self.pack, self.position.state, choice.key)
        return self._go(self._arrive(self.position.index, state))

    def back(self) -> bool:
        """Undo the last step (a reveal, an answer or a change of scenario)."""
        if not self._history:
            return False
        self.position = self._history.pop()
        return True

    def restart_scenario(self) -> bool:
        """Back to the current scenario's title slide (can itself be undone with back)."""
        if self.stage == TITLE:
            return False
        index = min(self.position.index, len(self.scenario_ids) - 1)
        return self._go(Position(index, TITLE, None))
