"""Quizzes generated from the scenario trees, never written by hand.

Each item is one path through a scenario (``wizard.enumerate_paths``): the trainee reads the situation
as the questions asked and the answers given, then picks the verdict and the key action. The right
answers are the tree's own outcome, so when the pack changes, the quiz changes with it. The wrong actions
come first from the right outcome's own do-not list, turned into the tempting instruction ("Do not hold
anyone for the agents." offers "Hold someone for the agents."): the data says they are wrong in exactly this
situation, and the feedback can quote the line that says so. The same pack and seed always give the same
quiz. Nothing about the trainee is kept here: responses live only in the
caller until the trainer chooses to export them."""

from __future__ import annotations

import hashlib
import heapq
import json
import math
import random
import re
import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.domain import wizard
from desktop.domain.model import (
    CAUTION_LEGEND,
    VERDICT_LABELS,
    VERDICTS,
    Outcome,
    Pack,
    Question,
    Scenario,
    caution_marked,
    format_partial_date,
    unbroken,
)

DEFAULT_COUNT = 10
#: The largest quiz number: the window's number box holds no more, so a quiz the command line made with a larger
#: one (or a negative one) could not be made again in the app
MAX_SEED = 2**31 - 1
ACTION_CHOICES = 4  # the right action and up to three distractors
VERDICT_QUESTION = "What is the verdict?"
ACTION_QUESTION = "What should the officer do first?"
RIGHT, WRONG = "✔", "✖"  # marks in words' company, so right or wrong never depends on colour


class QuizError(ValueError):
    """A quiz that cannot be made from this pack (unknown scenario, no paths)."""


@dataclass(frozen=True, slots=True)
class SituationStep:
    """One question of the walk and the answer that describes the situation."""

    prompt: str
    answer: str


@dataclass(frozen=True, slots=True)
class Borrowed:
    """A wrong choice made from another outcome's do-not line (the right outcome's own ran short), and where that
    line is: the feedback says it in the words and the place it comes from."""

    choice: str  # the wrong choice as offered
    line: str  # the "Do not …" line it was made from
    scenario_id: str  # the situation that line is in
    scenario_title: str
    headline: str  # the answer there (that outcome's headline)


@dataclass(frozen=True, slots=True)
class QuizItem:
    item_id: str  # "S08:no/paper/admin": the scenario and the answer keys of the path
    scenario_id: str
    scenario_title: str
    steps: tuple[SituationStep, ...]
    verdict: str  # the right verdict (one of VERDICTS)
    action_choices: tuple[str, ...]  # shuffled; empty when the outcome lists nothing to do
    action_answer: int | None  # index of the right action in action_choices
    outcome_scenario: str
    outcome_node: str
    headline: str
    do: tuple[str, ...]
    rationale: str
    citations: tuple[str, ...]
    fingerprint: str  # changes whenever the outcome or a provision it cites changes
    #: the citations whose provision is contested, in litigation, unverified or superseded (or missing)
    needing_care: tuple[str, ...] = ()
    #: (wrong choice, the right outcome's do-not line it was made from): what the feedback quotes
    forbidden_by: tuple[tuple[str, str], ...] = ()
    #: the wrong choices made from other outcomes' do-not lines, each with that line and where it is from
    borrowed: tuple[Borrowed, ...] = ()
    #: (wrong choice, the id and title of the shared step whose outcome says to do it): a step these answers never reach
    said_at: tuple[tuple[str, str, str], ...] = ()

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict]

    @property
    def right_action(self) -> str | None:
        return None if self.action_answer is None else self.action_choices[self.action_answer]

    @property
    def points_possible(self) -> int:
        return 1 if self.action_answer is None else 2

    def guidance_against(self, index: int | None) -> str | None:
        """The right outcome's own "Do not …" line that the action chosen at ``index`` was made from, if any."""
        if index is None or not 0 <= index < len(self.action_choices) or index == self.action_answer:
            return None
        return dict(self.forbidden_by).get(self.action_choices[index])

    def borrowed_against(self, index: int | None) -> Borrowed | None:
        """Another outcome's do-not line, and where it is, that the action chosen at ``index`` was made from."""
        if index is None or not 0 <= index < len(self.action_choices) or index == self.action_answer:
            return None
        return next((b for b in self.borrowed if b.choice == self.action_choices[index]), None)

    def step_saying(self, index: int | None) -> str | None:
        """The title of the shared step (one this path never reached) whose guidance says to do the action chosen at
        ``index``, where it was taken from there."""
        said = self._said_at(index)
        return said[1] if said is not None else None

    def _said_at(self, index: int | None) -> tuple[str, str] | None:
        """(scenario id, title) of that shared step, or None."""
        if index is None or not 0 <= index < len(self.action_choices) or index == self.action_answer:
            return None
        return next(((sid, title) for choice, sid, title in self.said_at if choice == self.action_choices[index]), None)

    @property
    def marked_citations(self) -> tuple[str, ...]:
        """The citations, each needing care marked with CAUTION_MARK (kept on its citation's line), as the
        handouts and the slides mark them: the law taught here is never shown surer than it is."""
        return tuple(caution_marked(c) if c in self.needing_care else c for c in self.citations)

    def as_dict(self) -> dict[str, Any]:
        return {
            "item_id": self.item_id,
            "scenario_id": self.scenario_id,
            "scenario_title": self.scenario_title,
            "situation": [{"prompt": s.prompt, "answer": s.answer} for s in self.steps],
            "verdict_choices": [{"verdict": v, "label": VERDICT_LABELS[v]} for v in VERDICTS],
            "action_choices": list(self.action_choices),
            "answer": {
                "verdict": self.verdict,
                "verdict_label": self.verdict_label,
                "action": self.action_answer,
                "action_text": self.right_action,
                # each choice: the right outcome's do-not line it was made from (None: the answer, or another line)
                "action_forbidden_by": [self.guidance_against(i) for i in range(len(self.action_choices))],
                # each choice: another outcome's do-not line it was made from, and where that line is (or None)
                "action_borrowed_from": [_borrowed_dict(self.borrowed_against(i))
                                         for i in range(len(self.action_choices))],
                # each choice: the shared step (never reached on this path) whose guidance says to do it (or None)
                "action_said_at": [{"scenario_id": said[0], "scenario_title": said[1]} if said is not None else None
                                   for said in map(self._said_at, range(len(self.action_choices)))],
            },
            "outcome": {
                "scenario_id": self.outcome_scenario,
                "node_id": self.outcome_node,
                "headline": self.headline,
                "do": list(self.do),
                "rationale": self.rationale,
                "citations": list(self.citations),
                "citations_needing_care": list(self.needing_care),
            },
            "fingerprint": self.fingerprint,
        }


def _borrowed_dict(borrowed: Borrowed | None) -> dict[str, str] | None:
    if borrowed is None:
        return None
    return {"line": borrowed.line, "scenario_id": borrowed.scenario_id, "scenario_title": borrowed.scenario_title,
            "headline": borrowed.headline}


@dataclass(frozen=True, slots=True)
class Quiz:
    title: str
    seed: int
    data_version: int
    as_of: str
    scenario_ids: tuple[str, ...]
    items: tuple[QuizItem, ...]

    @property
    def points_possible(self) -> int:
        return sum(item.points_possible for item in self.items)

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "seed": self.seed,
            "data_version": self.data_version,
            "as_of": self.as_of,
            "scenarios": list(self.scenario_ids),
            "items": [item.as_dict() for item in self.items],
        }


@dataclass(frozen=True, slots=True)
class Response:
    """What the trainee chose for one item: a verdict and (when asked) an action index."""

    verdict: str
    action: int | None = None


@dataclass(frozen=True, slots=True)
class Mark:
    verdict_right: bool
    action_right: bool | None  # None when the item asks no action question

    @property
    def points(self) -> int:
        return int(self.verdict_right) + int(bool(self.action_right))

    @property
    def all_right(self) -> bool:
        return self.verdict_right and self.action_right is not False


@dataclass(frozen=True, slots=True)
class Score:
    points: int
    possible: int
    items_right: int
    items: int
    answered: int

    @property
    def percent(self) -> int:
        return round(100 * self.points / self.possible) if self.possible else 0

    def __str__(self) -> str:
        return (f"{self.points} of {self.possible} points ({self.percent}%); "
                f"{self.items_right} of {questions(self.items)} fully right")


def questions(count: int) -> str:
    """ "1 question", "3 questions"."""
    return f"{count} question" if count == 1 else f"{count} questions"


def mark(item: QuizItem, response: Response) -> Mark:
    verdict_right = response.verdict == item.verdict
    if item.action_answer is None:
        return Mark(verdict_right, None)
    return Mark(verdict_right, response.action == item.action_answer)


def feedback_lines(item: QuizItem, response: Response) -> list[tuple[str, str]]:
    """Right or wrong, for the verdict and the first action each, naming what was chosen and the answer: a
    (mark, words) line each. The marked answers are above the feedback, often scrolled out of sight, and
    "Verdict: wrong; first action: wrong." left the trainee to scroll back to learn which action was right."""
    m = mark(item, response)
    chosen = VERDICT_LABELS.get(response.verdict, response.verdict)
    lines = [(RIGHT, f"Verdict right: {item.verdict_label}.") if m.verdict_right else
             (WRONG, f"Verdict wrong: you chose {chosen}, the answer is {item.verdict_label}.")]
    if m.action_right is not None and item.action_answer is not None:
        right = _letter(item.action_answer)
        if m.action_right:
            lines.append((RIGHT, f"First action right: {right}."))
        else:
            # the answer first, then what was chosen in its own words: named by its letter alone ("you chose D, the
            # answer is C, “…”"), D's words were scrolled out of sight above the feedback at 1024 x 600
            index = response.action
            chosen = (f"You chose {_letter(index)}, “{item.action_choices[index]}”"
                      if index is not None and 0 <= index < len(item.action_choices) else "You chose none.")
            answer = f"First action wrong: the answer is {right}, “{item.right_action}”"
            if (borrowed := _borrowed_here(item, index)) is not None:
                # short: the answer, the provision it rests on, and where the chosen line really is (another answer
                # to this scenario); said as "In this situation, where the answers lead to …" (300 characters and
                # more) it read as if the trainee's own answers led there
                # whole on its line ("(MCC" and "2-173-020(a)(6) ⚠" were two at the largest text on 800 x 600)
                cite = f" ({unbroken(item.marked_citations[0])})" if item.citations else ""
                lines.append((WRONG, f"{answer}{cite}. {chosen} It is wrong here too: on another answer to this "
                                     f"scenario, the guidance {_forbids(borrowed.line)}"))
                return lines
            if (borrowed := item.borrowed_against(index)) is not None:
                # from another scenario: as short, said the same way, and named by its title. Told "In another
                # situation, “<title>”, the guidance says: “<line>”" after the answer, it ran to 300 characters and more
                # with no law; where the line forbids only what the choice says, its words are not said twice
                cite = f" ({unbroken(item.marked_citations[0])})" if item.citations else ""
                lines.append((WRONG, f"{answer}{cite}. {chosen} It is wrong here too: the guidance for "
                                     f"“{borrowed.scenario_title}” {_forbids(borrowed.line)}"))
                return lines
            if (step := item.step_saying(index)) is not None:
                # no do-not line forbids it: it is right at another step, and the trainee is told which
                cite = f" ({unbroken(item.marked_citations[0])})" if item.citations else ""
                lines.append((WRONG, f"{answer}{cite}. {chosen} {_said_at(step)}"))
                return lines
            words = f"{answer} {chosen}"
            if (line := item.guidance_against(index)) is not None:
                # the outcome's citations follow the feedback (the window's Law, the result's Cites): not repeated;
                # they are this answer's law, not the law of the other outcome a borrowed line comes from. The chosen
                # words are said just before: a line that forbids only them is not quoted again
                words += f" The guidance {_forbids(line)} (The law is cited below.)"
            lines.append((WRONG, words))
    return lines


def guidance_said(item: QuizItem, index: int | None) -> str | None:
    """Why the action chosen at ``index`` is wrong, in the guidance's own words: the right outcome's ("The guidance
    says: “Do not …”"), or another outcome's with where it is ("In another situation, “…”, the guidance says: “Do
    not …”"); None when it was made from no do-not line (the answer, or a small pack's other actions)."""
    line = item.guidance_against(index)
    if line is not None:
        return f"The guidance says: “{line}”"
    if (step := item.step_saying(index)) is not None:
        return _said_at(step)
    borrowed = item.borrowed_against(index)
    if borrowed is None:
        return None
    if borrowed.scenario_id in (item.scenario_id, item.outcome_scenario):
        # not "In this situation": the trainee's answers lead to this item's outcome, the line is another answer's
        headline = borrowed.headline.rstrip(".")  # “… status.”, the guidance says: two stops in a row
        return f"On another answer to this scenario, which leads to “{headline}”, the guidance says: “{borrowed.line}”"
    return f"In another situation, “{borrowed.scenario_title}”, the guidance says: “{borrowed.line}”"


def _said_at(step: str) -> str:
    """Why a shared step's action, offered where the path never reached that step, is wrong here."""
    return f"It is wrong here: the guidance says it at the step “{step}”, which these answers never reach."


def _forbids(line: str) -> str:
    """What the guidance does to the chosen action, just named in its own words: "forbids it." where ``line`` says
    no more than that, else its words ("says “Do not …; EMS handles transport.”"). One wording for every wrong pick
    made from a do-not line, the right outcome's own or another's."""
    return "forbids it." if _only_the_act(line) else f"says “{line}”"


def _only_the_act(line: str) -> bool:
    """Whether a do-not line says nothing beyond the act it forbids (no reason, time or exception after it): the
    wrong choice made from it (``tempting``) already says all of it."""
    opening = _FORBIDDING.match(line.strip())
    if opening is None:
        return False
    rest = line.strip()[opening.end():].rstrip(".").strip()
    return _AFTER_THE_ACT.sub("", rest) == rest


def _borrowed_here(item: QuizItem, index: int | None) -> Borrowed | None:
    """The other outcome of this item's own scenario whose do-not line the action at ``index`` was made from."""
    borrowed = item.borrowed_against(index)
    if borrowed is None or borrowed.scenario_id not in (item.scenario_id, item.outcome_scenario):
        return None
    return borrowed


def score(quiz: Quiz, responses: Mapping[int, Response]) -> Score:
    """Score by item index; unanswered items earn nothing."""
    points = items_right = 0
    for index, item in enumerate(quiz.items):
        response = responses.get(index)
        if response is None:
            continue
        m = mark(item, response)
        points += m.points
        items_right += int(m.all_right)
    return Score(points, quiz.points_possible, items_right, len(quiz.items), len(responses))


def quiz_scenarios(pack: Pack) -> tuple[Scenario, ...]:
    """The scenarios a quiz draws from by default: every one that is not a shared sub-flow."""
    return tuple(s for s in pack.scenarios if not s.subflow)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(".").casefold()


_STOP_WORDS = frozenset(
    "the and for with you your they them their that this are was were has have had from into any but all its "
    "who what when where which only can may not don't cpd will there then than out own "
    # words that join or time an action but say nothing of what it is: rare among the actions, so they
    # would weigh much in SAME_GIST ("right away", "as soon as", "until EMS takes over")
    "through right away soon within until over takes take once also still just more most some such very "
    "each other being been here even ever every how much must need needs off onto upon via while yet".split()
)
#: A distractor sharing this share of its content words with a right action says the same thing
#: ("Stay only to keep the peace" vs "Keep the peace; keep staff calm"): it would be a second right answer.
TOO_CLOSE = 0.5


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9'-]+", text.casefold()) if len(w) > 2 and w not in _STOP_WORDS)


def too_close(a: str, b: str) -> bool:
    """True when two actions say much the same thing (same words, whatever the order)."""
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return _norm(a) == _norm(b)
    common = len(wa & wb)
    return common >= 2 and common / min(len(wa), len(wb)) >= TOO_CLOSE  # one shared verb ("call") is not enough


#: The verbs the scenarios use to tell an officer what to do or not to do (in the imperative: "Keep the peace",
#: "Do not hold anyone"). A wrong choice must start with one (after an "If …," at most): "Your supervisor checks
#: the warrant" or "Meanwhile keep the peace only." tells the trainee nothing to do, standing alone.
OFFICER_VERBS = frozenset(
    "accept act alert answer arrest ask assist be block bring call carry check clear close come commit complete "
    "confirm control copy cuff decline delay demand detain disperse document end enter escalate escort explain find "
    "finish follow forward get give go grab guard guess hand handcuff handle help hide hold identify interview invite "
    "join keep label leave let limit log make move note notify offer open pass phone photograph place point preserve "
    "process promise protect pull push put record refer release remove render report respond run search secure "
    "send separate set share show stand stay step stop suggest take talk tell touch transfer transport treat try "
    "use wait watch wear work write".split()
)
_LEADS = frozenset("if when once until after before while during at in for as where unless".split())
_BEFORE_A_VERB = frozenset("and or but to then please only also first now calmly politely immediately just ,".split())
_NEGATIONS = frozenset("not don't never can't cannot won't".split())
_NEGATION_ENDS = frozenset("and but ,".split())  # "Keep the peace, don't help" / "don't help, document, and tell"
#: whom an action is told to; what is told is the action ("Tell the agents CPD can't transfer people" is not
#: "Tell the agents CPD needs a supervisor")
_ADDRESSEES = frozenset("agents agent them caller requester owner staff person people family anyone everyone".split())
_NOT_ACTED_ON = _STOP_WORDS | _ADDRESSEES | frozenset("can't cannot won't i'm it's does politely calmly see saw happens "
                                                        "happening happened".split())
#: verbs that ask for the same act: "Tell the watch commander" is notify "Watch commander", "Document what you
#: see" is "Record it", "Carry on with the stop" is "Keep the stop to its normal time"
_SAME_ACT = (
    frozenset({"tell", "explain", "notify", "call", "alert"}),
    frozenset({"record", "document", "note", "photograph", "log", "write"}),
    frozenset({"send", "forward", "refer", "pass"}),
    frozenset({"carry", "keep", "finish"}),
)
#: words for the same end: "Keep the protest safe" is "Keep the peace"
_SAME_END = {"safe": "peace", "safety": "peace", "calm": "peace"}
ACTED_ON = 4  # the words after a verb that say what it acts on
#: Whatever the verb, an act on these hands the matter up ("Call your supervisor", "Refer them to the watch
#: commander", "Follow your supervisor's direction"): one act, which an outcome that hands anything up endorses
_HANDED_UP = frozenset({"supervisor", "commander"})


@dataclass(frozen=True, slots=True)
class Action:
    """One thing a text tells the officer to do, or not to: "keep" (the peace), not "hold" (anyone)."""

    verb: str
    forbidden: bool
    acted_on: frozenset[str]


def _tokens(clause: str) -> list[tuple[str, bool]]:
    """Words and commas, folded, each with whether it is capitalised inside the clause (a name: "TRUST Act",
    "Watch commander"), which is never a verb."""
    found = re.findall(r"[A-Za-z0-9][A-Za-z0-9'-]*|,", clause.replace("’", "'"))
    return [(w.casefold(), i > 0 and w[0].isupper()) for i, w in enumerate(found)]


def _stem(word: str) -> str:
    """One form for a word's forms: "supervisor's" and "supervisors", "arrests" and "arrested", "vehicle" and
    "vehicles" (a final "e" goes too: "vehicles" lost its "es", and did not meet "vehicle")."""
    word = word.removesuffix("'s").removesuffix("'")
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    word = _SAME_END.get(word, word)
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def actions(text: str, forbidden: bool = False) -> tuple[Action, ...]:
    """What the text tells the officer to do, verb by verb, with the words that say what each acts on. A verb
    counts where an instruction puts it: opening a clause, after "and", "or", "to", a comma or a "not"; so
    "written requests go to Legal Affairs" and "the whole contact" hold none. ``forbidden``: the whole text
    says what not to do (a do-not line)."""
    found: list[Action] = []
    for clause in re.split(r"[;:.!?—–()]", text):
        words = _tokens(clause)
        negated = forbidden
        for i, (word, name) in enumerate(words):
            before = words[i - 1][0] if i else ""
            if word in _NEGATIONS:
                negated = True
            elif word in _NEGATION_ENDS:
                negated = forbidden
            if word not in OFFICER_VERBS or name or not (i == 0 or before in _BEFORE_A_VERB or before in _NEGATIONS):
                continue
            acted_on: list[str] = []
            for j in range(i + 1, len(words)):
                other = words[j][0]
                if other in OFFICER_VERBS and words[j - 1][0] in {"and", "or", ","}:
                    break  # the next action of a list: "Decline and call your supervisor"
                if len(other) > 2 and other not in _NOT_ACTED_ON:
                    acted_on.append(_stem(other))
                    if len(acted_on) == ACTED_ON:
                        break
            if _HANDED_UP & set(acted_on):
                found.append(Action("hand up", negated, frozenset()))
            found.append(Action(word, negated, frozenset(acted_on)))
    return tuple(found)


def is_instruction(text: str) -> bool:
    """Whether the text tells the officer to do something, standing alone: it opens with a verb or a "do not",
    or with "If/When/… something," and then one. Not "Your supervisor checks the warrant", "Bond, court and
    release then follow…", nor "Meanwhile…", "Otherwise…" or "Until then," which lean on a sentence not shown."""
    words = [w for w, _ in _tokens(text) if w != ","]
    if not words:
        return False
    if words[0] in OFFICER_VERBS or words[0] in ("do", "don't", "never"):
        return True
    if words[0] in _LEADS and len(parts := re.split(r"[,:]", text, maxsplit=1)) == 2:
        condition = [w for w, _ in _tokens(parts[0])[1:] if len(w) > 2 and w not in _STOP_WORDS]
        return bool(condition) and is_instruction(parts[1].strip())
    return False


def told(outcome: Outcome) -> tuple[Action, ...]:
    """Every action the outcome tells the officer to take (its headline, do-list, what to say, what to document,
    whom to notify) or not to take (its do-not list)."""
    def about(verb: str, line: str) -> Action:
        return Action(verb, False, frozenset(_stem(w) for w, _ in _tokens(line) if len(w) > 2 and w not in _NOT_ACTED_ON))

    lines = (outcome.headline, *outcome.do, *outcome.say, *outcome.document, *(f"Notify {n}" for n in outcome.notify))
    # what to say is also something to tell, about every word of it ("We are not part of this immigration action"
    # is "Tell the agents CPD does not assist civil immigration enforcement"); what to document, something to
    # record ("What you saw, times, any force" is "Note what force was used")
    return (*(a for line in lines for a in actions(line)), *(about("tell", line) for line in outcome.say),
            *(about("record", line) for line in outcome.document),
            *(a for line in outcome.do_not for a in actions(line, forbidden=True)))


def endorsed(said: Sequence[Action], text: str) -> bool:
    """Whether an outcome that says ``said`` (``told``) tells the officer to do, or not to do, what ``text``
    does: the same verb, both told or both forbidden, acting on something in common where both name what. Judged
    on the action, not on nouns shared: "Stay only to keep the peace" is the headline's "keep the peace";
    "Forward it to the Office of Legal Affairs" is not "Legal Affairs decides"."""
    for mine in actions(text):
        same = next((group for group in _SAME_ACT if mine.verb in group), frozenset({mine.verb}))
        for theirs in said:
            if (theirs.verb in same and theirs.forbidden == mine.forbidden
                    and (not mine.acted_on or not theirs.acted_on or mine.acted_on & theirs.acted_on)):
                return True
    return False


_FORBIDDING = re.compile(r"(?:do not|don['’]t|never)\s+", re.IGNORECASE)  # "Don’t" as a word processor types it
#: what follows the forbidden act in a do-not line: its reason ("; EMS handles transport", ": just decline",
#: " — that is for lawyers"), a second sentence, or the time or exception it holds for ("until Legal Affairs
#: answers", "unless your supervisor directs it", ", not even for the 48 hours", ", even if the owner asks")
_AFTER_THE_ACT = re.compile(r"\s*(?:[;:—–(]|\.\s|,?\s+(?:unless|until)\b|,\s*(?:not\s+)?even\b|\s+even\s+if\b).*$",
                            re.DOTALL)
#: words a "do not" asks for that an instruction does not: "Do not hand anyone over" is "Hand someone over" (it
#: was "Hand people over", and "Promise people an arrest" read oddly; one person is what the officer meets)
_NOT_ANY = ((r"\barrests of anyone else\b", "arrests of other people"),  # arrests are of people
            (r"\barrests of anyone\b", "arrests of people"),
            (r"\banyone else's\b", "someone else's"), (r"\banyone else\b", "someone else"),
            # "their or anyone's status" is "their or someone else's": "their or someone's" says them twice
            (r"\b((?:their|his|her|your|my|our) or )anyone's\b", r"\1someone else's"),
            (r"\banyone's\b", "someone's"), (r"\banyone\b", "someone"),
            # "anything" as an instruction says it, where it can: "something" read "Share something with ICE"
            (r"\blook anything up\b", "look it up"), (r"\banything you know\b", "what you know"),
            (r"\b(share|give|tell) anything\b", r"\1 information"), (r"\bor anything (?=from|in|on)\b", "or other data "),
            (r"\s+in any way\b", ""), (r"\s+either$", ""))
#: words that leave an instruction naming no act once its "do not" goes: "Do not help in the meantime" is "Help in
#: the meantime."
_NO_ACT = frozenset({"meantime"})
_UNCOUNTED = frozenset("information data help proof force advice".split())  # "any information": "information"


def _any_as_an_instruction_says_it(match: re.Match[str]) -> str:
    """ "any" as an instruction says it: "any records" is "records", "any civil arrests of" "civil arrests
    of", "any I-200" "an I-200", "any CPD facility" "a CPD facility" (the noun that counts is the phrase's last)."""
    words = match[1].split()
    noun = words[-1]
    if words[0].casefold() in _UNCOUNTED or noun.casefold() in _UNCOUNTED or (noun.endswith("s") and not noun.endswith(("ss", "'s"))):
        return match[1]
    return f"{'an' if words[0][0] in 'aeiouAEIOU' else 'a'} {match[1]}"


def _same_act(a: str, b: str) -> bool:
    """Two instructions, one of which says all the other does ("Block the agents." and "Block the agents or their
    vehicles."); "Transfer the person to ICE." and "Tell ICE when the person will be released." share words, not
    an act."""
    wa, wb = _content_words(a), _content_words(b)
    return wa <= wb or wb <= wa


def tempting(line: str) -> str | None:
    """A do-not line as the instruction it forbids, the wrong choice a trainee may be tempted by: "Do not guard,
    hold or transport the injured person for immigration agents; EMS handles transport." is "Guard, hold or
    transport the injured person for immigration agents." None for a line that forbids nothing in that form
    (it does not start "Do not" or "Never", or has another "never" in it) or names too little to stand alone
    ("Do not ignore it: court deadlines may apply.")."""
    opening = _FORBIDDING.match(line.strip())
    if opening is None:
        return None
    act = _AFTER_THE_ACT.sub("", line.strip()[opening.end():]).strip().rstrip(".,").strip()
    if re.search(r"\b(?:never|don['’]t|do not)\b", act, re.IGNORECASE):
        return None
    for pattern, instead in _NOT_ANY:
        act = re.sub(pattern, instead, act)
    act = re.sub(r"(?<!without )\bany ((?:(?!(?:of|at|on|in|for|to|that|with|or|and|from|beyond|aimed|yourself)\b)[A-Za-z0-9][\w'-]*\s?)+)",
                 _any_as_an_instruction_says_it, act)
    if re.search(r"\banything\b", act, re.IGNORECASE):
        return None  # "Ask about status to decide something." is no instruction a trainee would weigh
    if len(_content_words(act) - _NO_ACT) < 2:
        return None
    return f"{act[0].upper()}{act[1:]}."


def _fingerprint(pack: Pack, outcome: Outcome, citations: Sequence[str]) -> str:
    body = {
        "verdict": outcome.verdict,
        "headline": outcome.headline,
        "do": list(outcome.do),
        "do_not": list(outcome.do_not),  # the wrong actions are made from it
        "rationale": outcome.rationale,
        "citations": list(citations),
        "provisions": [
            [p.provision_id, p.cite_as, p.summary, p.text, p.dates.effective, p.dates.rescinded]
            for c in outcome.cites
            if (p := pack.provision(c.provision_id)) is not None
        ],
    }
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class _Source:
    scenario_id: str
    category: str
    verdict: str
    text: str
    line: str = ""  # for a temptation: the do-not line it was made from
    headline: str = ""  # for a temptation: its outcome's headline


#: A wrong action whose rarer words are this share of a right action's says the same thing in other words
#: ("Call EMS or the Fire Department through OEMC" against "Give aid and call EMS for anyone hurt"): the
#: trainee who picks it has done what the guide says. Words weigh by how rare they are among all actions.
SAME_GIST = 0.25
#: Advice this plain ("Call your supervisor.", "Tell your supervisor.") is right nearly everywhere: as a
#: wrong answer it would mark a trainee wrong for doing what the guide says. The sum of its words' weights.
PLAIN_ADVICE = 4.0


@dataclass(frozen=True, slots=True)
class _Pool:
    """Every action the scenarios say to do, and how much each word tells (its inverse document frequency
    among those actions: "supervisor" little, "EMS" much)."""

    sources: tuple[_Source, ...]
    weights: Mapping[str, float]
    verdicts: Mapping[str, frozenset[str]]  # each action's text: the verdicts of the outcomes that say it
    by_word: Mapping[str, tuple[str, ...]]  # each word: the actions' texts that hold it
    #: every outcome's do-not lines as the acts they forbid (``tempting``), each with its outcome's verdict
    temptations: tuple[_Source, ...] = ()
    _words: dict[str, frozenset[str]] = field(default_factory=dict)
    _everywhere: dict[str, bool] = field(default_factory=dict)  # right_everywhere, as worked out

    def words(self, text: str) -> frozenset[str]:
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = _content_words(text)
        return found

    def weight(self, text: str) -> float:
        return sum(self.weights.get(w, 0.0) for w in self.words(text))

    def same_gist(self, a: str, b: str) -> bool:
        shared = self.words(a) & self.words(b)
        if not shared:
            return False
        return sum(self.weights.get(w, 0.0) for w in shared) >= SAME_GIST * min(self.weight(a), self.weight(b))

    def right_everywhere(self, text: str) -> bool:
        """Whether outcomes of every verdict say this, in some words ("Ask for the federal supervisor's
        name and badge number", "Call for backup and a supervisor"): right wherever a trainee is, so never
        a wrong answer."""
        known = self._everywhere.get(text)
        if known is None:
            verdicts = set(self.verdicts.get(text, ()))
            others = {other for word in self.words(text) for other in self.by_word.get(word, ())}
            for other in others:
                if not verdicts >= self.verdicts[other] and self.same_gist(text, other):
                    verdicts |= self.verdicts[other]
            known = self._everywhere[text] = verdicts >= set(VERDICTS)
        return known


def _action_pool(pack: Pack) -> _Pool:
    sources = tuple(_Source(scenario.scenario_id, scenario.category, outcome.verdict, text)
                    for scenario in pack.scenarios for outcome in scenario.outcomes for text in outcome.do)
    verdicts: dict[str, set[str]] = {}
    for source in sources:
        verdicts.setdefault(source.text, set()).add(source.verdict)
    words = {text: _content_words(text) for text in verdicts}
    counts = Counter(word for found in words.values() for word in found)
    by_word: dict[str, list[str]] = {}
    for text, found in words.items():
        for word in found:
            by_word.setdefault(word, []).append(text)
    temptations = tuple(_Source(scenario.scenario_id, scenario.category, outcome.verdict, text, line, outcome.headline)
                        for scenario in pack.scenarios for outcome in scenario.outcomes for line in outcome.do_not
                        if (text := tempting(line)) is not None)
    return _Pool(sources, {word: math.log(len(words) / count) for word, count in counts.items()},
                 {text: frozenset(v) for text, v in verdicts.items()},
                 {word: tuple(texts) for word, texts in by_word.items()}, temptations, dict(words))


#: The verdicts that let the officer act. An act forbidden even where the officer may act ("Do not go beyond the
#: named warrant") is wrong wherever the officer is. One forbidden where nothing is permitted ("Do not help the
#: arrest") may be what a PERMITTED outcome asks for, and one forbidden while the law is unclear ("Do not tell the
#: agents as a fact that the City order forbids this") what a NOT PERMITTED outcome asks for: those are wrong
#: choices only under their own verdict.
_ACTING = frozenset({"permitted", "required"})
#: words of a do-not line that point back at what its own scenario is about ("Arrest, hold or help someone on it.",
#: "Keep the gear on after the need has passed."): taken to another scenario's question, they point at nothing there
_POINTS_BACK = re.compile(r"\b(?:it|this)\b(?!['’])|\bthe need\b", re.IGNORECASE)


#: What taking a wrong choice from another outcome's do-not lines costs against one of the right outcome's own,
#: by how near that outcome is (0 the same scenario, 1 the same category), in the same measure as _length_cost: a
#: line from the same scenario takes the place of an own line only when it is nearer the right answer's length by
#: more than a quarter of it. Lines from anywhere else come only after every own line (NEAR_ONLY).
BORROWED_COST = {0: 0.25, 1: 0.5}
NEAR_ONLY = 10.0
#: What a wrong choice that starts with the right answer's first word is spared, in the same measure: the right
#: answers start "Tell …" or "Call …" far more often than the do-not lines forbid telling or calling, so a choice
#: starting so was the answer by its first word ("Tell" right in 2,210 choices of quizzes 0-9, wrong in 910). Only
#: the right outcome's own lines and those of the same scenario or category are spared; one from anywhere, only as
#: FAR_SAME_START says.
SAME_START = 0.5
#: What a wrong choice from anywhere (not the same scenario or category) that starts with the right answer's first
#: word costs, in place of NEAR_ONLY: the right answers start "Call" (your supervisor, for backup) and the do-not
#: lines near them seldom forbid calling, so "Call" was the answer in 2,040 of 2,140 choices of quizzes 0-9 (95 %).
#: The few lines that forbid a call forbid it wherever the officer is, by the verdict rule of _ACTING every borrowed
#: line keeps ("Do not call ICE to ask about the person for the family", S19, is in a PERMITTED outcome; "Do not
#: call ICE before release", S32, in a NOT PERMITTED one, so it is offered only there): one such may take an own
#: line's place, at most one a question, never one that leans on its own situation (``_stands_anywhere``). Measured
#: over quizzes 0-9: "Call" 95 % -> 69 %; over quizzes 0-2, at 0.25 it stayed 94 %, at 0 the longest choice was right 32.7 %.
#: Below 0, such a line comes before an own line of the same length (after an own line starting so, SAME_START): at
#: 0.1 the right choice was still the only one starting with its first word in 49 % of the questions of quizzes 0-2
#: ("get" right 144 times, wrong 9), at -0.25 in 34.5 % ("get" 144 / 69); below that, nothing more changed.
FAR_SAME_START = -0.25
#: A wrong choice longer than the right answer costs about a third of what one as much shorter does: it is no tell
#: (the right answer is then not the longest), but a choice far longer than all the others would be one. At 0.25,
#: with FAR_SAME_START at -0.25, the shorter lines from anywhere made the right choice the shortest in 21.3 % of the
#: questions of quizzes 0-2 (19.6 % before); at 0.35, 19.1 %, and the longest 33.0 % (29.7 %).
LONGER = 0.35
#: The nearness of a shared step's action (not a do-not line) offered as a wrong choice because it starts as the right
#: answer does: few do-not lines start "Check", none "Respond", "Wait" or "Process", so a choice starting so was the
#: answer by that word alone. Only a line of a shared step (the paper check, the safety check) that the question's path
#: never reached ("Check the top of the page …" where the path asked nothing of a paper; in S05, S06 and S22 agents do
#: hold one, and reading it is still not the first act where someone is hurt, the only answer this draws against in the
#: bundled pack); other scenarios' actions read as arguable ("Handle the hazard itself …", quiz4's review). And only
#: where its outcome's verdict is not this one's and no outcome of this verdict says it, never a REQUIRED outcome's (a
#: duty may hold here too), never opening with the answer's two words ("Carry on …" with this or that is one act), only
#: where no do-not line offers a choice starting so, and under every rule the other outcomes' actions keep (never much
#: like the right answer, its gist, endorsed by its outcome, plain advice or right everywhere), one a question.
#: build_scripts/quiz_tells.py, quizzes 0-9: "Check" was right 290 times and wrong 20 (94 %); with "Check the top of the
#: page …" (PAPER, REFER) offered where the answer is SAFETY's "Check who is hurt …", 290 / 290.
#: The answers starting "Respond", "Decline", "Do", "Wait", "Process" or "Finish" get none: of the 627 pairs of such an
#: answer (by its outcome and the steps its paths reach) and an action of any scenario starting so, none passes these
#: checks, even let come from any scenario (an outcome of the same verdict says it: 558; its gist: 544; endorsed: 516).
#: They were right in every choice starting so (quizzes 0-9 at 7150d62), no do-not line starting so once made tempting;
#: the outcomes whose answers start "Respond", "Do", "Wait", "Process" or "Finish" now each hold one, as their
#: provisions say it ("Do not process the person more slowly so ICE has time to get there."), taken as an own line:
#: right in about half the choices starting so. "Decline" is still right every time: its lines would have been double
#: negatives in an officer's do-not list ("Do not decline to give aid …"), so the tell is left to the trainer.
#: Looked at again: no do-not line turned tempting starts "Decline" (those that name declining make "Give
#: false information.", "Refuse outright.", "Refuse to identify yourself."), and every "Decline …" line of the pack is
#: the first action of a NOT PERMITTED outcome (17). Offered where the agents ask for something, "Decline and call
#: your supervisor." is half right (the supervisor), and where the answer is PERMITTED declining is allowed too (may,
#: not must). A bare refusal is wrong only where the officer must serve the one asking: S02's "Decline politely." in
#: S27's report (o_take_report) and S19's missing relative (o_relative_unknown), REQUIRED. Put there in place of a
#: wrong choice, over quizzes 0-9 "Decline" went from right 200 / wrong 0 to 200 / 20 (hit rate 91 %), the other
#: tells as they were (alone 17.7 % -> 17.8 %, by first word 56.2 %, longest 22.6 % -> 22.7 %): a tell kept, for a
#: fourth kind of wrong choice the feedback, the result file and the printed sheet have no words for (another
#: scenario's right action, neither a do-not line nor a shared step's). Not made. Rewording the 17 answers would
#: change what the officer reads for the quiz's sake.
ACTION_ELSEWHERE = 3
#: What a wrong choice costs more for each time it was offered in the RECENT_QUESTIONS questions before: a line that
#: is wrong in many situations ("Tell ICE release details the criminal warrant process doesn't require.") was offered
#: in two or more questions of 61 of 100 quizzes of 10 (quizzes 1-100), up to six times in one, and a trainee learns to
#: strike it out by sight. More than a borrowed line from the same category costs (BORROWED_COST), far less than one
#: from anywhere (NEAR_ONLY): the next-best line of the situation or its category takes its place, never a far one.
#: A line starting as the right answer does is let come twice before it costs more: those are few and break the
#: first-word tells. Quizzes 1-100 of 10: a wrong choice offered 3 or more times in 41 of them, now in none; over
#: quizzes 1-300 of 10, picking by first word right 63.2 % -> 64.1 %, the right choice the only one starting with its
#: first word 41.4 % -> 41.6 %, the longest 34.1 % -> 34.8 %. A quiz of every path (quiz_tells.py) is left as it was.
REPEATED = 0.75
RECENT_QUESTIONS = DEFAULT_COUNT - 1


#: words that lean on who or what their own scenario is about: "Call the station to find out for them." (S03, the
#: family asking) says nothing of whom, elsewhere
_LEANS_ON_ITS_SITUATION = re.compile(r"\b(?:them|they|their|it|this)\b(?!['’])|\bthe need\b", re.IGNORECASE)


def _stands_anywhere(text: str) -> bool:
    """Whether a do-not line turned tempting reads the same in any scenario's question (no "them", "it", "this")."""
    return _LEANS_ON_ITS_SITUATION.search(text) is None


def _first_word(text: str) -> str:
    words = text.split(maxsplit=1)
    return words[0].strip(",.;:").casefold() if words else ""


def _length_cost(text: str, target: int) -> float:
    """How far a wrong choice's length is from the right answer's, as a share of the right answer's (0 the same;
    longer counts LONGER as much). The right answer (the outcome's first action, kept whole) runs longer than the
    acts the do-not lines forbid (cut after the act, "Do not" gone): picking the longest choice was right in 61 %
    of the questions over every path, where chance is 25 %."""
    return (max(0, target - len(text)) + LONGER * max(0, len(text) - target)) / max(target, 1)


def _distractors(pack: Pack, path: wizard.Path, pool: _Pool, rng: random.Random,
                 recent: Mapping[str, int] | None = None) -> list[tuple[str, str | None, _Source | None]]:
    """Up to three wrong actions, each with the right outcome's do-not line it was made from (or None) and the other
    outcome's do-not line it was made from, where it is not one of its own (or None; for a shared step's action, that
    action's source, whose ``line`` is empty). First the right
    outcome's own do-not lines as the instructions they forbid (``tempting``): the data says they are wrong in
    exactly this situation, where another outcome's action was only right somewhere else ("Offer the City's
    legal-help resources" was offered as wrong where the outcome says "point the family to legal aid").
    Then other outcomes' do-not lines turned tempting, nearest first (same scenario, same category, anywhere),
    only from outcomes of the same verdict or one that lets the officer act (``_ACTING``): an act forbidden even
    there is wrong here too. Lengths count (_length_cost): one of those from the same scenario or category takes
    the place of an own line far shorter than the right answer (BORROWED_COST), unless it is much like an own line.
    Other outcomes' actions were right somewhere else and read as arguable wrong
    choices ("Keep a record of the warrants and the arrests made.", "Handle the hazard itself … as ordinary
    police work"): so, only where no do-not line is left, other outcomes' actions, most plausible first: from
    outcomes with a different verdict in the same scenario, then the same category, then anywhere; outcomes with
    the same verdict only last. A wrong choice offered in the questions just before (``recent``: how many times)
    costs REPEATED more each time, so a quiz does not teach one line to strike out by sight.
    Never the right action, anything else the right outcome says to do, anything close to them or with
    their gist, nor anything the right outcome tells the officer in any of its lines (``endorsed``: S23's
    "Stay only to keep the peace" where its headline says "keep the peace"); and plain advice that is right
    nearly everywhere, or a line that is no instruction standing alone ("Your supervisor checks the
    warrant", "Meanwhile keep the peace only."), only when a small pack has nothing better."""
    here = {path.scenario_id, path.outcome_scenario}
    categories = {s.category for sid in here if (s := pack.scenario(sid)) is not None}
    excluded = {_norm(t) for t in path.outcome.do}

    def near(src: _Source) -> int:  # 0 the same scenario, 1 the same category, 2 anywhere
        return 0 if src.scenario_id in here else 1 if src.category in categories else 2

    def tier(src: _Source) -> int:
        return near(src) + (0 if src.verdict != path.outcome.verdict else 3)

    tiers: dict[int, list[str]] = {}
    for src in pool.sources:
        tiers.setdefault(tier(src), []).append(src.text)
    said = told(path.outcome)
    chosen: list[str] = []
    spare: list[str] = []  # plain or everywhere-right advice: only when a small pack has nothing better
    weak: list[str] = []  # no instruction standing alone: after those
    seen = set(excluded)
    wanted = ACTION_CHOICES - 1
    forbidden = {text: line for line in path.outcome.do_not if (text := tempting(line)) is not None}
    target = len(path.outcome.do[0]) if path.outcome.do else 0
    own = sorted(forbidden)
    rng.shuffle(own)
    start = _first_word(path.outcome.do[0]) if path.outcome.do else ""

    def cost(text: str, level: int) -> float:  # level -1: one of the right outcome's own lines
        same = _first_word(text) == start
        if level < 0:
            return _length_cost(text, target) - (SAME_START if same else 0.0)
        if level not in BORROWED_COST:
            if same and _stands_anywhere(text):  # "Call ICE before release.": the one "Call" a question may get
                return _length_cost(text, target) + FAR_SAME_START
            return _length_cost(text, target) + NEAR_ONLY
        return _length_cost(text, target) + BORROWED_COST[level] - (SAME_START if same else 0.0)

    offered: list[tuple[float, str, str | None, int]] = [  # (cost, text, the do-not line or None, nearness)
        (cost(text, -1), text, forbidden[text], -1) for text in own]
    nearest: dict[int, list[str]] = {}
    source_of: dict[tuple[int, str], _Source] = {}  # the first outcome (in the pack's order) saying it, at each nearness
    for src in pool.temptations:
        if src.verdict == path.outcome.verdict or src.verdict in _ACTING:
            nearest.setdefault(near(src), []).append(src.text)
            source_of.setdefault((near(src), src.text), src)
    for level in sorted(nearest):
        candidates = sorted(set(nearest[level]))
        rng.shuffle(candidates)
        offered.extend((cost(text, level), text, None, level) for text in candidates)
    # only where no do-not line offers a choice starting so; in the pack's order, not shuffled: a question with none
    # such draws as it did before
    tempted = any(_first_word(text) == start and (level < 1 or not _POINTS_BACK.search(text))
                  for _c, text, _line, level in offered)
    visited = {step.scenario_id for step in path.steps} | here
    shared_steps = {s.scenario_id for s in pack.scenarios if s.subflow}
    opening = " ".join(path.outcome.do[0].casefold().split()[:2]) if path.outcome.do else ""
    elsewhere: dict[str, _Source] = {}  # each such action, with the shared step saying it (the feedback names it)
    for src in pool.sources:
        if (start and not tempted and _first_word(src.text) == start and src.scenario_id in shared_steps
                and src.scenario_id not in visited and path.outcome.verdict not in pool.verdicts[src.text]
                and "required" not in pool.verdicts[src.text]  # a duty may hold here too
                and " ".join(src.text.casefold().split()[:2]) != opening):  # "Carry on" with this or that is one act
            elsewhere.setdefault(src.text, src)
    offered.extend((_length_cost(text, target) + FAR_SAME_START, text, None, ACTION_ELSEWHERE) for text in elsewhere
                   if not any(src.scenario_id in visited for src in pool.sources if src.text == text))
    if recent:
        offered = [(c + REPEATED * max(0, recent.get(text, 0) - (_first_word(text) == start)), text, line, level)
                   for c, text, line, level in offered]
    # cheapest first; among equals, the shuffled order (n). Spared (SAME_START) only until one such is chosen: one
    # wrong choice starting as the right answer does is enough, and more would make that word the tell of a wrong one
    queue = [(c, n, text, line, level, _first_word(text) == start
              and (level < 0 or level in BORROWED_COST or level == ACTION_ELSEWHERE or _stands_anywhere(text)))
             for n, (c, text, line, level) in enumerate(offered)]
    heapq.heapify(queue)
    matched = False
    made: list[tuple[str, str | None, _Source | None]] = []
    while queue:
        c, n, text, line, level, spared = heapq.heappop(queue)
        if _norm(text) in seen:
            continue
        if spared and matched:
            if level == ACTION_ELSEWHERE:
                continue  # only ever the one choice starting as the right answer does
            spent = NEAR_ONLY - FAR_SAME_START if level not in BORROWED_COST and level >= 0 else SAME_START
            heapq.heappush(queue, (c + spent, n, text, line, level, False))
            continue
        if line is not None:  # one of the right outcome's own do-not lines
            if any(_same_act(text, other) for other in chosen):
                continue  # two do-not lines of one outcome may forbid much the same ("Block the agents." twice)
        else:
            if level and _POINTS_BACK.search(text):
                continue  # "Search CPD records for it.": what "it" is, another scenario says
            seen.add(_norm(text))
            if (any(too_close(text, other) or _same_act(text, other) for other in (*chosen, *own))
                    or any(too_close(text, other) for other in (*path.outcome.do, path.outcome.headline))
                    or any(pool.same_gist(text, right) for right in path.outcome.do) or endorsed(said, text)
                    or not is_instruction(text)):
                continue  # a line much like one of the outcome's own gives way to it, whose words the feedback quotes
            if level == ACTION_ELSEWHERE and (pool.weight(text) < PLAIN_ADVICE or pool.right_everywhere(text)):
                continue
        seen.add(_norm(text))
        chosen.append(text)
        matched = matched or _first_word(text) == start
        made.append((text, line, None if line is not None else elsewhere[text] if level == ACTION_ELSEWHERE
                     else source_of[level, text]))  # a shared step's action: a source with no do-not line
        if len(chosen) == wanted:
            return made
    for level in sorted(tiers):
        candidates = sorted(set(tiers[level]))
        rng.shuffle(candidates)
        for text in candidates:
            key = _norm(text)
            if key in seen:
                continue
            seen.add(key)
            if any(too_close(text, other) for other in (*path.outcome.do, path.outcome.headline, *chosen)):
                continue
            if any(pool.same_gist(text, right) for right in path.outcome.do) or endorsed(said, text):
                continue  # never: it is a second right answer
            if not is_instruction(text):
                weak.append(text)
                continue
            if pool.weight(text) < PLAIN_ADVICE or pool.right_everywhere(text):
                spare.append(text)
                continue
            chosen.append(text)
            made.append((text, None, None))
            if len(chosen) == wanted:
                return made
    for text in (*spare, *weak):
        if len(chosen) == wanted:
            break
        if not any(too_close(text, other) for other in chosen):
            chosen.append(text)
            made.append((text, None, None))
    return made


def _steps(pack: Pack, path: wizard.Path) -> tuple[SituationStep, ...]:
    steps: list[SituationStep] = []
    for step in path.steps:
        scenario = pack.scenario(step.scenario_id)
        node = scenario.node(step.node_id) if scenario else None
        prompt = node.prompt if isinstance(node, Question) else step.node_id
        steps.append(SituationStep(prompt, step.label))
    return tuple(steps)


def make_item(pack: Pack, path: wizard.Path, rng: random.Random, pool: _Pool | None = None,
              recent: Mapping[str, int] | None = None) -> QuizItem:
    """One quiz item from one path; ``rng`` decides the distractors and the order of the actions; ``recent``, the
    wrong choices of the questions just before, each with how many times (_distractors)."""
    outcome = path.outcome
    citations = tuple(pack.citation_text(c) for c in outcome.cites)
    needing_care = tuple(dict.fromkeys(pack.citation_text(c) for c in outcome.cites if pack.cite_needs_caution(c)))
    scenario = pack.scenario(path.scenario_id)
    actions: tuple[str, ...] = ()
    answer: int | None = None
    forbidden_by: tuple[tuple[str, str], ...] = ()
    borrowed: tuple[Borrowed, ...] = ()
    said_at: tuple[tuple[str, str, str], ...] = ()
    if outcome.do:
        wrong = _distractors(pack, path, pool if pool is not None else _action_pool(pack), rng, recent)
        if wrong:
            options = [outcome.do[0], *(text for text, _line, _src in wrong)]
            rng.shuffle(options)
            actions = tuple(options)
            answer = options.index(outcome.do[0])
            forbidden_by = tuple((text, line) for text, line, _src in wrong if line is not None)
            borrowed = tuple(Borrowed(text, src.line, src.scenario_id, _title(pack, src.scenario_id), src.headline)
                             for text, _line, src in wrong if src is not None and src.line)
            said_at = tuple((text, src.scenario_id, _title(pack, src.scenario_id)) for text, _line, src in wrong
                            if src is not None and not src.line)
    return QuizItem(
        item_id=f"{path.scenario_id}:{'/'.join(path.keys)}",
        scenario_id=path.scenario_id,
        scenario_title=scenario.title if scenario else path.scenario_id,
        steps=_steps(pack, path),
        verdict=outcome.verdict,
        action_choices=actions,
        action_answer=answer,
        outcome_scenario=path.outcome_scenario,
        outcome_node=outcome.node_id,
        headline=outcome.headline,
        do=outcome.do,
        rationale=outcome.rationale,
        citations=citations,
        fingerprint=_fingerprint(pack, outcome, citations),
        needing_care=needing_care,
        forbidden_by=forbidden_by,
        borrowed=borrowed,
        said_at=said_at,
    )


def _title(pack: Pack, scenario_id: str) -> str:
    scenario = pack.scenario(scenario_id)
    return scenario.title if scenario else scenario_id


def generate(pack: Pack, scenario_ids: Iterable[str] | None = None, *, seed: int = 0,
             count: int | None = DEFAULT_COUNT, title: str | None = None) -> Quiz:
    """A quiz of ``count`` items (None or more than there are paths: every path once).

    Paths are spread over the scenarios (round-robin in a shuffled order) so a short quiz still
    covers many scenarios, and each scenario's paths to its own outcomes come before those ending in a
    shared step (the safety check, the paper check), so that a short quiz asks what each scenario decides:
    most scenarios start at the safety check, and a quiz of 10 on every scenario asked its same seven
    answers two or three times under other scenarios' titles. Raises QuizError for an unknown scenario or a
    pack without paths."""
    # each scenario once: named twice, its paths were drawn twice and the quiz repeated questions
    ids = list(dict.fromkeys(scenario_ids)) if scenario_ids else [s.scenario_id for s in quiz_scenarios(pack)]
    for sid in ids:
        if pack.scenario(sid) is None:
            raise QuizError(f"there is no scenario {sid!r} in this data pack")
    if count is not None and count < 1:
        raise QuizError("a quiz needs at least one question")
    if not 0 <= seed <= MAX_SEED:
        raise QuizError(f"a quiz number is a whole number from 0 to {MAX_SEED:,}, not {seed:,}")
    rng = random.Random(seed)
    per_scenario: list[list[wizard.Path]] = []
    for sid in ids:
        try:
            paths = wizard.enumerate_paths(pack, sid)
        except wizard.WizardError as exc:
            raise QuizError(str(exc)) from None
        rng.shuffle(paths)
        paths.sort(key=lambda path: path.outcome_scenario != sid)  # stable: own outcomes first, each still shuffled
        if paths:
            per_scenario.append(paths)
    if not per_scenario:
        raise QuizError("these scenarios have no complete paths to ask about")
    rng.shuffle(per_scenario)
    picked: list[wizard.Path] = []
    depth = 0
    limit = count if count is not None else sum(len(p) for p in per_scenario)
    while len(picked) < limit and any(depth < len(p) for p in per_scenario):
        for paths in per_scenario:
            if depth < len(paths) and len(picked) < limit:
                picked.append(paths[depth])
        depth += 1
    pool = _action_pool(pack)
    items: list[QuizItem] = []
    # the wrong choices of the last RECENT_QUESTIONS questions; not in a quiz of every path, a review of every
    # answer where the few lines that start as the answers do (the "Tell" and "Call" ones) must come back
    recent: Counter[str] | None = Counter() if count is not None else None
    for path in picked:
        item = make_item(pack, path, rng, pool, recent)
        items.append(item)
        if recent is not None:
            recent.update(_wrong_choices(item))
            if len(items) > RECENT_QUESTIONS:
                recent.subtract(_wrong_choices(items[-RECENT_QUESTIONS - 1]))
    if title is None:
        only = pack.scenario(ids[0]) if len(ids) == 1 else None
        title = f"Quiz: {only.title}" if only else f"Quiz: {pack.meta.title}"
    return Quiz(title, seed, pack.meta.data_version, pack.meta.as_of.isoformat(), tuple(ids), tuple(items))


def _wrong_choices(item: QuizItem) -> list[str]:
    return [text for n, text in enumerate(item.action_choices) if n != item.action_answer]


def fewer_actions_note(item: QuizItem) -> str | None:
    """Why an item offers fewer than ACTION_CHOICES actions, or none, though its outcome says what to do: a
    small pack has too few other actions that are clearly wrong here and unlike the right one, and one that
    may be right is never set as a wrong answer. Said, so a short list does not look like a fault or a hint."""
    if not item.do or len(item.action_choices) >= ACTION_CHOICES:
        return None
    if not item.action_choices:
        return "No first-action question here: this data pack has no other action that is clearly wrong here."
    return (f"Only {len(item.action_choices)} actions to choose from: this data pack has no more that are "
            "clearly wrong here.")


def situation_text(item: QuizItem) -> str:
    lines = [item.scenario_title]
    lines.extend(f"  {n}. {s.prompt} → {s.answer}" for n, s in enumerate(item.steps, 1))
    return "\n".join(lines)


def _letter(index: int) -> str:
    return "ABCDEFGHIJ"[index]


#: The printed sheet is text, as a printer takes it: 80 columns and about 60 lines a page (Letter or A4 at 10
#: characters and 6 lines an inch, less the margins). Printed, a longer line broke in the middle of a word
#: ("[CALL SUPERVI" / "SOR]"), a question ran over a page, and the answer key began under the last question.
SHEET_WIDTH = 78
SHEET_PAGE_LINES = 60
PAGE_BREAK = "\f"  # a form feed: the printer starts a new page
_UNBROKEN = "\x1f"  # a space the sheet's wrapping does not break at ("MCC" / "2-173-020(a)" read as two)


def _wrapped(text: str, first: str, rest: str) -> list[str]:
    """``text`` in lines of SHEET_WIDTH, the first after ``first``, the rest hanging under its words after
    ``rest``; never broken inside a word or a citation ("2-173-020(a)") that a line can hold. One no line can hold
    (a web address a supervisor wrote) is cut at the edge of the line: left whole, it ran past the printer's 80
    columns, which cut it there anyway or dropped its end."""
    return textwrap.wrap(text, SHEET_WIDTH, initial_indent=first, subsequent_indent=rest, break_long_words=True,
                         break_on_hyphens=False) or [first.rstrip()]


def _paged(header: list[str], blocks: list[list[str]]) -> list[str]:
    """``header`` then ``blocks`` (a question, an answer), each kept whole on a page where it fits one: a form feed
    before one that would run over the foot of a page."""
    lines = list(header)
    used = len(header)
    for block in blocks:
        if used and used + len(block) > SHEET_PAGE_LINES:
            lines.append(PAGE_BREAK)
            used = 0
        lines.extend(block)
        used += len(block)
    return lines


def quiz_text(quiz: Quiz) -> str:
    """The quiz as a sheet to print: a line for the trainee's name and the date, the questions, each whole on its
    page, then the answer key on a page of its own (handed out or kept back by the trainer), each citation as the
    handouts mark it. Lines fit a printer's 80 columns, wrapped under their own words."""
    about = (f"Quiz number {quiz.seed} · data version {quiz.data_version} (as of {format_partial_date(quiz.as_of)})")
    header = [*_wrapped(quiz.title, "", ""), *_wrapped(f"{about} · {questions(len(quiz.items))}", "", ""), "",
              "Name ______________________________   Date ______________",
              "Trainer ___________________________", ""]
    blocks: list[list[str]] = []
    for n, item in enumerate(quiz.items, 1):
        number = f"{n}. "
        block = _wrapped(item.scenario_title, number, " " * len(number))
        for k, step in enumerate(item.steps, 1):
            block += _wrapped(f"{step.prompt} → {step.answer}", f"  {k}. ", " " * (len(str(k)) + 4))
        block.append(f"   {VERDICT_QUESTION}")
        block += _wrapped("   ".join(f"[ ] {VERDICT_LABELS[v]}" for v in VERDICTS), "     ", "     ")
        if item.action_choices:
            block.append(f"   {ACTION_QUESTION}")
            for i, text in enumerate(item.action_choices):
                block += _wrapped(text, f"     {_letter(i)}. ", "        ")
        if (note := fewer_actions_note(item)) is not None:
            block += _wrapped(f"({note})", "   ", "    ")
        blocks.append([*block, ""])
    key_header = [*_wrapped(f"Answer key — {quiz.title}", "", ""), *_wrapped(about, "", ""), ""]
    answers: list[list[str]] = []
    for n, item in enumerate(quiz.items, 1):
        action = f"; {_letter(item.action_answer)}" if item.action_answer is not None else ""
        number = f"{n}. "
        answer = _wrapped(f"{item.verdict_label}{action} — {item.headline}", number, " " * len(number))
        hang = len(number) + 7
        cites = "; ".join(c.replace(" ", _UNBROKEN) if hang + len(c) < SHEET_WIDTH else c  # each whole on a line,
                          for c in item.marked_citations)  # where a line can hold it
        answer += [line.replace(_UNBROKEN, " ")
                   for line in _wrapped(f"Cites: {cites}", " " * len(number), " " * hang)]
        answers.append(answer)
    if any(item.needing_care for item in quiz.items):
        answers.append(["", *_wrapped(CAUTION_LEGEND, "", "")])
    sheet = [*_paged(header, blocks), PAGE_BREAK, *_paged(key_header, answers)]
    return "\n".join(sheet).replace(f"{PAGE_BREAK}\n", PAGE_BREAK)


def result_dict(quiz: Quiz, responses: Mapping[int, Response]) -> dict[str, Any]:
    """A quiz result for export (only when the trainer asks for it)."""
    rows = []
    for index, item in enumerate(quiz.items):
        response = responses.get(index)
        m = mark(item, response) if response else None
        rows.append({
            "number": index + 1,
            "item_id": item.item_id,
            "scenario_title": item.scenario_title,
            "situation": [{"prompt": s.prompt, "answer": s.answer} for s in item.steps],
            "right_verdict": item.verdict_label,
            "chosen_verdict": VERDICT_LABELS.get(response.verdict, response.verdict) if response else None,
            "verdict_right": m.verdict_right if m else False,
            "right_action": item.right_action,
            "chosen_action": (item.action_choices[response.action]
                              if response and response.action is not None and item.action_choices else None),
            "action_right": m.action_right if m else (None if item.action_answer is None else False),
            # the right outcome's own words against the action chosen, when it was made from one of its do-not lines
            "chosen_action_forbidden_by": item.guidance_against(response.action) if response else None,
            # another outcome's do-not line against it, and where that line is, when it was made from one
            "chosen_action_borrowed_from": _borrowed_dict(item.borrowed_against(response.action)) if response else None,
            "chosen_action_guidance": guidance_said(item, response.action) if response else None,
            "citations": list(item.citations),
            "citations_needing_care": list(item.needing_care),
            "fingerprint": item.fingerprint,
        })
    s = score(quiz, responses)
    return {
        "title": quiz.title,
        "seed": quiz.seed,
        "data_version": quiz.data_version,
        "as_of": quiz.as_of,
        "score": {"points": s.points, "possible": s.possible, "percent": s.percent,
                  "items_right": s.items_right, "items": s.items, "answered": s.answered},
        "items": rows,
    }


def result_text(quiz: Quiz, responses: Mapping[int, Response]) -> str:
    data = result_dict(quiz, responses)
    out = [quiz.title, f"Quiz number {quiz.seed} · data version {quiz.data_version} (as of {format_partial_date(quiz.as_of)})",
           f"Score: {score(quiz, responses)}", ""]
    for item, row in zip(quiz.items, data["items"], strict=True):
        out.append(f"{row['number']}. {row['scenario_title']}")
        out.extend(f"   {s['prompt']} → {s['answer']}" for s in row["situation"])
        mark_v = "right" if row["verdict_right"] else "wrong"
        out.append(f"   Verdict: {row['chosen_verdict'] or '(not answered)'} — {mark_v}; answer {row['right_verdict']}")
        if row["right_action"] is not None:
            mark_a = "right" if row["action_right"] else "wrong"
            out.append(f"   First action: {row['chosen_action'] or '(not answered)'} — {mark_a}; answer {row['right_action']}")
            if row["chosen_action_guidance"] is not None:  # the right outcome's: its citations are the Cites line under it
                out.append(f"   {row['chosen_action_guidance']}")
        out.append(f"   Cites: {'; '.join(item.marked_citations)}")
        out.append("")
    if any(item.needing_care for item in quiz.items):
        out.append(CAUTION_LEGEND)
    return "\n".join(out).rstrip() + "\n"
