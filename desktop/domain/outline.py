"""A scenario as a printable decision map: numbered questions (Q1, Q2, …), lettered outcomes (A, B, …)
and every path between them, sub-flows included. Built from ``wizard.enumerate_paths`` so handouts
show exactly what the wizard does."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.domain import wizard
from desktop.domain.model import Choice, Outcome, Pack, Question, Scenario

NodeKey = tuple[str, str]  # (scenario_id, node_id)


@dataclass(frozen=True, slots=True)
class OutlineChoice:
    label: str
    target: str  # "Q2" or "B"


@dataclass(frozen=True, slots=True)
class OutlineQuestion:
    ref: str
    scenario_id: str
    question: Question
    choices: tuple[OutlineChoice, ...]
    via: str | None  # title of the sub-flow this question belongs to, if not the scenario itself


@dataclass(frozen=True, slots=True)
class OutlineOutcome:
    ref: str
    scenario_id: str
    outcome: Outcome
    via: str | None


@dataclass(frozen=True, slots=True)
class OutlinePath:
    steps: tuple[wizard.Step, ...]
    prompts: tuple[str, ...]  # the question asked at each step
    outcome_ref: str


@dataclass(frozen=True, slots=True)
class ScenarioOutline:
    scenario: Scenario
    questions: tuple[OutlineQuestion, ...]
    outcomes: tuple[OutlineOutcome, ...]
    paths: tuple[OutlinePath, ...]

    def outcome(self, ref: str) -> OutlineOutcome:
        return next(o for o in self.outcomes if o.ref == ref)


OUTCOME_LETTERS = "ABCDEFGHIJKLMNOPRSTUVWXYZ"  # no Q: questions are Q1, Q2…, so outcome "Q" read as a question


def letters(index: int) -> str:
    """0 → A, 15 → P, 16 → R (never Q), 24 → Z, 25 → AA: outcome references, none with a Q in it."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, len(OUTCOME_LETTERS))
        out = OUTCOME_LETTERS[rest] + out
    return out


def outline(pack: Pack, scenario_id: str) -> ScenarioOutline:
    """The decision map of one scenario. Raises wizard.WizardError for an unknown scenario."""
    scenario = pack.scenario(scenario_id)
    paths = wizard.enumerate_paths(pack, scenario_id)
    assert scenario is not None  # enumerate_paths refuses unknown scenarios
    question_refs: dict[NodeKey, str] = {}
    outcome_refs: dict[NodeKey, str] = {}
    outcome_order: list[tuple[NodeKey, Outcome]] = []
    for path in paths:
        for step in path.steps:
            key = (step.scenario_id, step.node_id)
            if key not in question_refs:
                question_refs[key] = f"Q{len(question_refs) + 1}"
        key = (path.outcome_scenario, path.outcome.node_id)
        if key not in outcome_refs:
            outcome_refs[key] = letters(len(outcome_refs))
            outcome_order.append((key, path.outcome))

    def ref(key: NodeKey) -> str:
        return question_refs.get(key) or outcome_refs.get(key) or "?"

    def via(sid: str) -> str | None:
        if sid == scenario_id:
            return None
        sub = pack.scenario(sid)
        return sub.title if sub else sid

    questions: list[OutlineQuestion] = []
    for (sid, nid), qref in question_refs.items():
        node = pack.scenario(sid).node(nid)  # type: ignore[union-attr]
        assert isinstance(node, Question)
        choices = tuple(OutlineChoice(c.label, ref(pack.leads_to(sid, c))) for c in node.choices)
        questions.append(OutlineQuestion(qref, sid, node, choices, via(sid)))
    outcomes = tuple(OutlineOutcome(outcome_refs[key], key[0], o, via(key[0])) for key, o in outcome_order)
    out_paths = []
    for path in paths:
        prompts = []
        for step in path.steps:
            node = pack.scenario(step.scenario_id).node(step.node_id)  # type: ignore[union-attr]
            prompts.append(node.prompt if isinstance(node, Question) else step.node_id)
        out_paths.append(OutlinePath(path.steps, tuple(prompts), outcome_refs[(path.outcome_scenario, path.outcome.node_id)]))
    return ScenarioOutline(scenario, tuple(questions), outcomes, tuple(out_paths))


def common_prefixes(paths: tuple[OutlinePath, ...] | list[OutlinePath]) -> list[int]:
    """How many leading steps each path shares with the path before it. Paths come depth-first, so a
    path's steps after those are what an indented tree of the paths prints for it: the rest is printed
    once, above it, for every path that shares it."""
    counts = []
    previous: tuple[wizard.Step, ...] = ()
    for path in paths:
        shared = 0
        while shared < min(len(previous), len(path.steps)) and previous[shared] == path.steps[shared]:
            shared += 1
        counts.append(shared)
        previous = path.steps
    return counts


@dataclass(frozen=True, slots=True)
class TreeRow:
    """One row of the paths printed as a tree: the step ``path.steps[depth]``, indented ``depth`` steps.

    A path's rows are its steps after those it shares with the path above (printed once, above it); its
    number and outcome go on its last row. A path that shares all its steps (one that starts at its
    outcome) gets one row with ``depth == len(path.steps)``."""

    number: int  # the path's number, from 1
    path: OutlinePath
    depth: int

    @property
    def last(self) -> bool:
        return self.depth >= len(self.path.steps) - 1

    @property
    def above(self) -> tuple[TreeRow, ...]:
        """The rows this row is read under, outermost first, as the tree prints them (with no path's
        number: none of them is a path's last step). What a reader needs to know where in the tree it is."""
        return tuple(TreeRow(self.number, self.path, depth) for depth in range(min(self.depth, len(self.path.steps))))


def tree_rows(paths: tuple[OutlinePath, ...] | list[OutlinePath]) -> list[TreeRow]:
    """The rows of the paths printed as one indented tree (see common_prefixes), in order."""
    rows = []
    for n, (path, shared) in enumerate(zip(paths, common_prefixes(paths), strict=True), 1):
        if shared == len(path.steps):
            rows.append(TreeRow(n, path, shared))
        rows += [TreeRow(n, path, depth) for depth in range(shared, len(path.steps))]
    return rows


SHARED = "shared:"  # target prefix of an answer that enters a shared step (sub-flow): "shared:PAPER"
AT = "@"  # then the step's number on its own page where the answer enters it part-way: "shared:PAPER@Q2"


@dataclass(frozen=True, slots=True)
class ScenarioMap:
    """One scenario's own questions and outcomes; shared steps (sub-flows) only by reference.

    What a one-page quick reference shows: the shared steps get pages of their own."""

    scenario: Scenario
    questions: tuple[OutlineQuestion, ...]  # choice targets: "Q2", "B", "shared:PAPER" or "shared:PAPER@Q2"
    outcomes: tuple[OutlineOutcome, ...]
    shared: tuple[str, ...]  # the sub-flows entered from this scenario, in order of first use

    def outcome(self, ref: str) -> OutlineOutcome:
        return next(o for o in self.outcomes if o.ref == ref)


def own_map(pack: Pack, scenario_id: str) -> ScenarioMap:
    """The scenario's own questions and outcomes, numbered and lettered as its full outline (the scenario
    handout) numbers them, in that order: a booklet page lettered only its own outcomes, so for a scenario
    with shared steps its "→ C" and the handout's "→ C" were two different outcomes. The numbers and
    letters the shared steps take in the outline are skipped here; they have pages of their own."""
    scenario = pack.scenario(scenario_id)
    if scenario is None:
        raise wizard.WizardError(f"no scenario with id {scenario_id!r}")
    order, shared, refs = _own_refs(pack, scenario)
    questions = []
    outcomes = []
    for node_id in order:
        node = scenario.node(node_id)
        if isinstance(node, Question):
            choices = tuple(
                OutlineChoice(c.label, _shared_target(pack, c) if c.next_scenario is not None
                              else refs.get(c.next or "", "?"))
                for c in node.choices)
            questions.append(OutlineQuestion(refs[node_id], scenario_id, node, choices, None))
    for node_id in order:
        node = scenario.node(node_id)
        if isinstance(node, Outcome):
            outcomes.append(OutlineOutcome(refs[node_id], scenario_id, node, None))
    return ScenarioMap(scenario, tuple(questions), tuple(outcomes), tuple(shared))


def _shared_target(pack: Pack, choice: Choice) -> str:
    """"shared:PAPER", or where the answer enters the shared step part-way, "shared:PAPER@Q2": Q2 as the shared
    step's own page numbers the step it enters at."""
    target = f"{SHARED}{choice.next_scenario}"
    sub = pack.scenario(choice.next_scenario or "")
    if choice.enter_at is None or sub is None or choice.enter_at == sub.start:
        return target
    return f"{target}{AT}{_own_refs(pack, sub)[2].get(choice.enter_at, choice.enter_at)}"


def _own_refs(pack: Pack, scenario: Scenario) -> tuple[list[str], list[str], dict[str, str]]:
    """A scenario's own nodes in the order its page lists them, the shared steps it enters in order of first
    use, and each own node's number or letter (as its full outline numbers it). Walked from its start and from
    each step other scenarios' answers enter it at."""
    scenario_id = scenario.scenario_id
    order: list[str] = []
    shared: list[str] = []
    stack = [*reversed(pack.entries(scenario_id)), scenario.start]
    while stack:
        node_id = stack.pop()
        if node_id in order or scenario.node(node_id) is None:
            continue
        order.append(node_id)
        node = scenario.node(node_id)
        if isinstance(node, Question):
            for choice in node.choices:
                if choice.next_scenario is not None and choice.next_scenario not in shared:
                    shared.append(choice.next_scenario)
            stack.extend(c.next for c in reversed(node.choices) if c.next is not None)
    refs, questions_so_far, letters_so_far = _outline_refs(pack, scenario_id)
    # a node the outline does not reach (never, in a valid pack) numbered after the outline's last
    for node_id in order:
        if node_id not in refs and isinstance(scenario.node(node_id), Question):
            questions_so_far += 1
            refs[node_id] = f"Q{questions_so_far}"
        elif node_id not in refs and isinstance(scenario.node(node_id), Outcome):
            refs[node_id] = letters(letters_so_far)
            letters_so_far += 1
    order.sort(key=lambda node_id: _ref_order(refs[node_id]))
    return order, shared, refs


def _outline_refs(pack: Pack, scenario_id: str) -> tuple[dict[str, str], int, int]:
    """The outline's number or letter of each of the scenario's own nodes (none if it cannot be made), and
    how many questions and outcomes the outline has in all."""
    try:
        full = outline(pack, scenario_id)
    except wizard.WizardError:
        return {}, 0, 0
    refs = {q.question.node_id: q.ref for q in full.questions if q.scenario_id == scenario_id}
    refs.update((x.outcome.node_id, x.ref) for x in full.outcomes if x.scenario_id == scenario_id)
    return refs, len(full.questions), len(full.outcomes)


def _ref_order(ref: str) -> tuple[int, int, str]:
    """Q1, Q2 … Q10 by number; A … Z, AA … by length, then alphabet."""
    return (0, int(ref[1:]), "") if ref[:1] == "Q" and ref[1:].isdigit() else (1, len(ref), ref)


def shared_steps(pack: Pack, scenario_ids: list[str] | tuple[str, ...]) -> list[str]:
    """Every sub-flow these scenarios reach, directly or through other sub-flows, in order of first use."""
    found: list[str] = []
    queue = list(scenario_ids)
    while queue:
        for sub in own_map(pack, queue.pop(0)).shared:
            if sub not in found and sub not in scenario_ids and pack.scenario(sub) is not None:
                found.append(sub)
                queue.append(sub)
    return found


def opened_situations(pack: Pack, scenario_id: str) -> list[str]:
    """The situations (scenarios that are not shared steps) a scenario's answers open, in order of first
    use: FORCE, a Home button, only asks which of S13, S18, S17 and S15 is happening."""
    scenario = pack.scenario(scenario_id)
    targets = (pack.scenario(c.next_scenario) for q in (scenario.questions if scenario else ()) for c in q.choices
               if c.next_scenario)
    return list(dict.fromkeys(t.scenario_id for t in targets if t is not None and not t.subflow))


def with_pdf_suffix(path: Path) -> Path:
    """``path`` ending in .pdf: a name typed without it ("week3", "week3.v2") gets it, so that the file opens in
    a PDF viewer; "notes.PDF" is kept as it is."""
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def handout_file_name(scenario_id: str | None) -> str:
    """The name a scenario's handout (or, with None, the booklet) is saved under unless the trainer names it."""
    return f"{scenario_id}-handout.pdf" if scenario_id else "quick-reference-booklet.pdf"
