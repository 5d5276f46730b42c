"""A problem report about one screen, made only when the officer asks for it (Help → Report a problem with this
screen): the app's and the data's versions, the screen (a question, an answer, a provision, search results), the
officer's own words and, only if they tick it, their answers so far or their search words. Plain text to read,
with a small machine-readable block that the command line (``report FILE``) and the editor read back.

Pure: nothing here writes anything; the officer saves or copies the text."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from desktop.domain.model import Outcome, Pack, Question, format_day
from desktop.domain.wizard import WizardState, current_node

FORMAT = "encounter-guide-problem-report"
FORMAT_VERSION = 1
TITLE = "Encounter Guide: problem report"
#: The machine-readable block's first and last lines. Each has a character the block (ASCII-only JSON) never holds, so
#: the officer's words, whatever they are, cannot end or begin it.
BEGIN = "——— For the supervisors' tools: do not edit below this line ———"
END = "——— End of report ———"
#: A report file longer than this is not one (the officer's words are a few lines)
MAX_REPORT_CHARS = 1_000_000
TOO_LONG = "it is far longer than any problem report"
PRIVACY_WARNING = "Do not write names, plate numbers, addresses or case numbers."
#: Control characters but tab and new line: read back from a hostile file and printed, an escape code would work the
#: supervisor's terminal (clear it, rewrite its title or clipboard) instead of showing as text
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: The kinds of screen a report can be about, and how the report names them
SCREEN_WORDS = {"question": "A question", "outcome": "An answer", "provision": "A provision",
                "search": "Search results", "term": "A glossary term", "home": "Home"}


class ReportError(ValueError):
    """A file that is not a readable problem report; the message says why, in plain words."""


@dataclass(frozen=True, slots=True)
class Screen:
    """The screen a report is about. A question or an answer: the scenario its step is in (a shared step's own),
    the step's id and its words (the question, or the answer's headline, verdict and citations). A provision: its
    id, title and citation. Search results: the search words, "" unless the officer chose to include them."""

    kind: str
    scenario_id: str = ""
    scenario_title: str = ""
    node_id: str = ""
    text: str = ""
    verdict: str = ""
    citations: tuple[str, ...] = ()
    provision_id: str = ""
    query: str = ""


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer the officer gave on the way to the screen: the question and the answer picked."""

    scenario_id: str
    node_id: str
    question: str
    key: str
    label: str


@dataclass(frozen=True, slots=True)
class ProblemReport:
    """What a report holds. ``answers`` is None when the officer did not choose to include them."""

    app_version: str
    data_version: int
    as_of: dt.date
    sha256: str
    screen: Screen
    comment: str
    answers: tuple[Answer, ...] | None = None


# -- made from the screen on show -------------------------------------------------------------------------------
def walk_screen(pack: Pack, state: WizardState) -> Screen:
    """The question or the answer the walk ``state`` is at."""
    node = current_node(pack, state)
    scenario = pack.scenario(state.at_scenario)
    title = scenario.title if scenario is not None else ""
    if isinstance(node, Question):
        return Screen("question", state.at_scenario, title, node.node_id, node.prompt)
    return Screen("outcome", state.at_scenario, title, node.node_id, node.headline, node.verdict_label,
                  tuple(pack.citation_text(c) for c in node.cites))


def provision_screen(pack: Pack, provision_id: str) -> Screen:
    provision = pack.provision(provision_id)
    if provision is None:
        return Screen("provision", provision_id=provision_id)
    return Screen("provision", text=provision.title, citations=(provision.citation(),), provision_id=provision_id)


def search_screen(query: str, include_query: bool) -> Screen:
    """Search results: the words searched for only when the officer chose to include them."""
    return Screen("search", query=query.strip() if include_query else "")


def answers_so_far(pack: Pack, state: WizardState) -> tuple[Answer, ...]:
    """The answers of the walk ``state``, each with its question's words."""
    answers = []
    for step in state.steps:
        scenario = pack.scenario(step.scenario_id)
        node = scenario.node(step.node_id) if scenario is not None else None
        prompt = node.prompt if isinstance(node, Question) else ""
        answers.append(Answer(step.scenario_id, step.node_id, prompt, step.key, step.label))
    return tuple(answers)


def make_report(pack: Pack, sha256: str, screen: Screen, comment: str, app_version: str,
                answers: tuple[Answer, ...] | None = None) -> ProblemReport:
    """A report about ``screen`` of ``pack`` (its file's SHA-256) in the officer's words ``comment``."""
    meta = pack.meta
    return ProblemReport(app_version, meta.data_version, meta.as_of, sha256, screen, comment.strip(), answers)


def printable(text: str) -> str:
    """``text`` with each control character (but tab and new line) shown as �: it never acts on a terminal."""
    return _CONTROL.sub("\ufffd", text)


# -- as text ---------------------------------------------------------------------------------------------------------
def _indented(text: str) -> list[str]:
    return [f"    {line}".rstrip() for line in text.splitlines()] or ["    (nothing written)"]


def screen_lines(screen: Screen) -> list[str]:
    """The screen, as the report says it: what kind, then its ids and words."""
    lines = [f"Screen: {SCREEN_WORDS.get(screen.kind, screen.kind)}"]
    if screen.kind in ("question", "outcome"):
        lines.append(f"    Situation: {screen.scenario_id}: {screen.scenario_title}")
        lines.append(f"    Step: {screen.node_id}")
        if screen.kind == "question":
            lines.append(f"    Question: {screen.text}")
        else:
            lines.append(f"    Verdict: {screen.verdict}")
            lines.append(f"    Headline: {screen.text}")
            lines.append(f"    Based on: {'; '.join(screen.citations) or '(no citations)'}")
    elif screen.kind == "provision":
        lines.append(f"    Provision: {screen.provision_id}")
        lines.append(f"    Citation: {'; '.join(screen.citations)}")
        lines.append(f"    Title: {screen.text}")
    elif screen.kind == "search":
        lines.append(f"    Search words: {screen.query or '(not included)'}")
    elif screen.kind == "term":
        lines.append(f"    Term: {screen.text}")
    return lines


def readable_text(report: ProblemReport) -> str:
    """The report as people read it: the officer's words first, then the screen, the answers and the versions."""
    lines = [TITLE, "", "What looks wrong (the officer's words):", *_indented(report.comment), ""]
    lines += screen_lines(report.screen)
    lines.append("")
    if report.answers is None:
        lines.append("Answers so far: not included")
    else:
        lines.append("Answers so far:" if report.answers else "Answers so far: none yet")
        for number, answer in enumerate(report.answers, 1):
            lines.append(f"    {number}. {answer.question or answer.node_id}")
            lines.append(f"       → {answer.label}")
    lines += ["", f"App version: {report.app_version}",
              f"Data version: {report.data_version}, as of {format_day(report.as_of)}",
              f"Data pack SHA-256: {report.sha256}"]
    return printable("\n".join(lines))


def _as_json(report: ProblemReport) -> dict[str, Any]:
    screen = report.screen
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "app_version": report.app_version,
        "data_version": report.data_version, "as_of": report.as_of.isoformat(), "sha256": report.sha256,
        "screen": {"kind": screen.kind, "scenario_id": screen.scenario_id, "scenario_title": screen.scenario_title,
                   "node_id": screen.node_id, "text": screen.text, "verdict": screen.verdict,
                   "citations": list(screen.citations), "provision_id": screen.provision_id, "query": screen.query},
        "comment": report.comment,
        "answers": None if report.answers is None else [
            {"scenario_id": a.scenario_id, "node_id": a.node_id, "question": a.question, "key": a.key,
             "label": a.label} for a in report.answers],
    }


def render(report: ProblemReport) -> str:
    """The whole report: the readable text, then the machine-readable block (one line of JSON) between markers."""
    block = json.dumps(_as_json(report), ensure_ascii=True, sort_keys=True)  # ASCII: see BEGIN
    return f"{readable_text(report)}\n\n{BEGIN}\n{block}\n{END}\n"


# -- read back -------------------------------------------------------------------------------------------------------
def _field(doc: dict[str, Any], key: str, kind: type) -> Any:
    value = doc.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ReportError(f"its {key.replace('_', ' ')} is missing or not readable")
    return value


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ReportError(f"its {what} is missing or not readable")
    return value


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ReportError(f"its {what} are not readable")
    return tuple(value)


def parse(text: str) -> ProblemReport:
    """The report written by :func:`render`, read back from its machine-readable block. Anything else (another
    file, a damaged or edited block, a report from a newer app) raises ReportError saying why."""
    if len(text) > MAX_REPORT_CHARS:
        raise ReportError(TOO_LONG)
    start = text.rfind(BEGIN)
    if start < 0:
        raise ReportError("it is not a problem report from Encounter Guide (its last part is missing)")
    block, found_end, _rest = text[start + len(BEGIN):].partition(END)
    if not found_end:
        raise ReportError("it is cut short (the end of the report is missing)")
    try:
        doc = json.loads(block)
    except (ValueError, RecursionError):
        raise ReportError("its last part was changed or damaged") from None
    doc = _object(doc, "last part")
    if doc.get("format") != FORMAT:
        raise ReportError("it is not a problem report from Encounter Guide")
    version = _field(doc, "format_version", int)
    if version > FORMAT_VERSION:
        raise ReportError("it was made by a newer version of the app: update this one to read it")
    try:
        as_of = dt.date.fromisoformat(_field(doc, "as_of", str))
    except ValueError:
        raise ReportError("its as of date is not a date") from None
    raw = _object(doc.get("screen"), "screen")
    screen = Screen(*(_field(raw, key, str) for key in ("kind", "scenario_id", "scenario_title", "node_id", "text",
                                                        "verdict")),
                    citations=_strings(raw.get("citations"), "citations"),
                    provision_id=_field(raw, "provision_id", str), query=_field(raw, "query", str))
    if screen.kind not in SCREEN_WORDS:
        raise ReportError(f"it is about a kind of screen this app does not know ({printable(screen.kind[:40])})")
    answers = None
    if doc.get("answers") is not None:
        if not isinstance(doc["answers"], list):
            raise ReportError("its answers are not readable")
        answers = tuple(Answer(*(_field(_object(item, "answers"), key, str)
                                 for key in ("scenario_id", "node_id", "question", "key", "label")))
                        for item in doc["answers"])
    return ProblemReport(_field(doc, "app_version", str), _field(doc, "data_version", int), as_of,
                         _field(doc, "sha256", str), screen, _field(doc, "comment", str), answers)


# -- against a pack (supervisors) ----------------------------------------------------------------------------------
def screen_in_pack(screen: Screen, pack: Pack) -> str:
    """Whether the screen a report names is in ``pack``, in words: "the step still exists", "… was removed",
    "… still exists; its words have changed" ("" for a screen with nothing to look up: search results, Home).
    A glossary term is looked up by its words, as the app opens it."""
    if screen.kind in ("question", "outcome"):
        scenario = pack.scenario(screen.scenario_id)
        if scenario is None:
            return f"the situation {screen.scenario_id} was removed"
        node = scenario.node(screen.node_id)
        kind = Question if screen.kind == "question" else Outcome
        if not isinstance(node, kind):
            return f"the step {screen.node_id} was removed from {screen.scenario_id}"
        words = node.prompt if isinstance(node, Question) else node.headline
        changed = "" if words == screen.text else "; its words have changed"
        return f"the step {screen.node_id} of {screen.scenario_id} still exists{changed}"
    if screen.kind == "provision":
        provision = pack.provision(screen.provision_id)
        if provision is None:
            return f"the provision {screen.provision_id} was removed"
        changed = "" if (provision.title, (provision.citation(),)) == (screen.text, screen.citations) else \
            "; its title or citation has changed"
        return f"the provision {screen.provision_id} still exists{changed}"
    if screen.kind == "term":
        found = any(term.term == screen.text for term in pack.glossary)
        return f"the glossary term {screen.text} {'still exists' if found else 'was removed'}"
    return ""


def compared_with(report: ProblemReport, pack: Pack | None, sha256: str, unreadable: frozenset[str] = frozenset()
                  ) -> str:
    """What a supervisor needs to know about a report against the pack in use: its data version, and whether its
    screen is still there ("This report is about data version 3; you are on 5: the step … still exists."). A draft
    with problems gives what it can read (codec.readable_parts): ``unreadable`` names its records that cannot be
    read, and a ``pack`` of None (its About this data cannot be read) says why nothing can be compared yet."""
    if pack is None:
        return (f"This report is about data version {report.data_version}. It cannot be compared with your draft "
                "yet: fix the problems in About this data (data version, dates) and open the report again.")
    where = report.screen.provision_id if report.screen.kind == "provision" else report.screen.scenario_id
    table = "provisions" if report.screen.kind == "provision" else "scenarios"
    if report.screen.kind in ("question", "outcome", "provision") and unreadable & {where, table}:
        what = "provision" if report.screen.kind == "provision" else "situation"
        found = (f"the {what} {where} has problems to fix before it can be compared (see Problems)")
        return printable(f"This report is about data version {report.data_version}; you are on "
                         f"{pack.meta.data_version}: {found}.")
    version = pack.meta.data_version
    if report.data_version == version:
        about = f"This report is about data version {version}, the one you are on"
        if report.sha256 != sha256:
            about += " (but another file of that version)"
    else:
        about = f"This report is about data version {report.data_version}; you are on {version}"
    found = screen_in_pack(report.screen, pack)
    return printable(f"{about}: {found}." if found else f"{about}.")

