"""Printable handouts, written with Qt's own PDF writer (QPdfWriter + QTextDocument).

* A scenario handout: the decision map, every path in full and every outcome (with its citations). A page that
  starts inside the tree of paths repeats the steps above it, one that starts inside an outcome names it first.
  Its PDF has bookmarks to each section and outcome, at the page its heading prints on (scenario_handout_bookmarks).
* A quick-reference booklet: its contents first (each entry's id, title and the page it starts on), then a
  page per scenario (sub-flows excluded): the key questions and the outcomes in brief. Type shrinks until the
  page fits, never below READABLE_POINT_SIZE: a scenario that needs smaller type runs on to a second page (a
  very large one is printed in brief, on as many as it takes), and starts on a left-hand page, after a notes
  page if need be, so that its two pages face each other. Contents too long for a page run on the same way.
  Its PDF has bookmarks, the outline a PDF viewer lists in its sidebar: the contents, then each entry at the
  page it starts on (added to what Qt wrote, which cannot write them: desktop.domain.pdf_bookmarks).

Everything reads the same in black and white: verdicts are words, marks are glyphs and words, not
colours. Every page carries the data version and "as of" date, so an old printout shows its age."""

from __future__ import annotations

import bisect
import html
import logging
import os
import re
import sys
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

from desktop import APP_NAME
from desktop.cli import outcome_text
from desktop.domain import wizard
from desktop.domain.model import (
    CAUTION_LEGEND,
    CAUTION_MARK,
    CAUTION_WORDS,
    NOTES_HEADING,
    VERDICT_LABELS,
    Citation,
    Pack,
    Provision,
    Scenario,
    format_day,
    unbroken,
)
from desktop.domain.outline import (
    AT,
    SHARED,
    OutlineOutcome,
    ScenarioMap,
    ScenarioOutline,
    TreeRow,
    letters,
    opened_situations,
    outline,
    own_map,
    shared_steps,
    tree_rows,
)
from desktop.domain.pdf_bookmarks import Bookmark, add_bookmarks
from desktop.domain.rescission import when_rescinded
from desktop.storage.user_files import write_user_file

Progress = Callable[[int, int], None]  # (done, total)
log = logging.getLogger(__name__)

RESOLUTION = 300
PAGE_SIZE = QPageSize.PageSizeId.Letter  # Chicago prints on US Letter
MARGINS_INCH = QMarginsF(0.55, 0.5, 0.55, 0.45)
READABLE_POINT_SIZE = 8.0  # the smallest type of a booklet page: a scenario that needs smaller runs on
BOOKLET_POINT_SIZES = tuple(x / 4 for x in range(40, int(READABLE_POINT_SIZE * 4) - 1, -1))  # 10 pt to 8 pt
FULL_PAGES_AT_MOST = 2  # a scenario that needs more pages in full is printed in brief
BOOKLET_CONTINUED_NOTE = "continued from page {page}"  # after the scenario's id: "S06, continued from page 4"
BOOKLET_STARTS_NOTE = "; it starts on page {page}"  # on an entry's third page and later
HANDOUT_POINT_SIZE = 10.0
TREE_COLUMN_GAP = 6.0  # points between a path's last step and its outcome: "custody" ran into "I: NOT PERMITTED"
FOOTER_POINT_SIZE = READABLE_POINT_SIZE  # no smaller than the text above it
FOOTER_GAP = "    "  # at least this between the footer's left words and the page number
GRID_BORDER = 1  # CSS pixels (1/96 inch, 0.75 pt): prints as a clear thin rule
CAUTIONS_TITLE = "Cautions on the provisions cited"
DECISION_MAP_TITLE = "Decision map"
OUTCOMES_TITLE = "Outcomes"
DISCLAIMER_BOOKMARK = "Disclaimer"  # a scenario handout's bookmark to its disclaimer (and the publisher's notes)


class HandoutError(Exception):
    """A handout that cannot be made (unknown scenario, nothing to print, unwritable file)."""


def ensure_gui_application() -> QGuiApplication:
    """A Qt application for fonts and PDF writing. Headless Linux (no display) runs offscreen."""
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    headless = sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(sys.argv[:1])


# -- content ---------------------------------------------------------------------------------------
def _m(points: float) -> str:
    """A CSS length in points. Qt's rich text ignores 'pt' for margins and padding but takes CSS pixels
    (1/96 inch, whatever the device resolution)."""
    return f"{max(1, round(points * 96 / 72)) if points > 0 else 0}px"


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _reasons_for_care(provision: Provision) -> list[tuple[str, str]]:
    """Why a provision needs care, as (word, note): its status notes, and "unverified" for an unverified
    provision that has no note saying why."""
    reasons = [(CAUTION_WORDS[n.kind], n.text) for n in provision.status_notes if n.kind in CAUTION_WORDS]
    if provision.dates.rescinded:  # paper outlives the day it is printed: an announced rescission is told too
        reasons.insert(0, ("recorded as rescinded", f"{when_rescinded(provision)}, as this data records (it may be "
                                                    "still to come when this is printed). From then, the answers resting "
                                                    "on it may no longer be right."))
    if provision.confidence == "unverified" and not provision.has_note("unverified"):
        reasons.append(("unverified", "its text was not seen."))
    return reasons


def caution_words(pack: Pack, citation: Citation) -> list[str]:
    """Why a cited provision needs care ('in litigation', 'unverified'…), never smoothed over."""
    provision = pack.provision(citation.provision_id)
    if provision is None:
        return ["missing"]
    return list(dict.fromkeys(word for word, _note in _reasons_for_care(provision)))


def outcome_cautions(pack: Pack, cites: Sequence[Citation]) -> list[str]:
    """Each reason for care among an outcome's citations, once: citations that share a note word for word
    (one lawsuit noted on four sections of an ordinance) are named together before it."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for c in cites:
        provision = pack.provision(c.provision_id)
        name = unbroken(pack.citation_text(c))
        for key in _reasons_for_care(provision) if provision is not None else ():
            named = grouped.setdefault(key, [])
            if name not in named:
                named.append(name)
    cautions = []
    for (word, text), named in grouped.items():
        names = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
        cautions.append(f"{names} {'is' if len(named) == 1 else 'are'} {word}: {pack.spelt_out(text)}")
    return cautions


def _cites_html(pack: Pack, cites: Sequence[Citation], brief: bool = False) -> str:
    """Citations, each needing care marked with CAUTION_MARK and why in a word or two ("⚠ in litigation"),
    or (``brief``, the booklet) with the mark alone."""
    parts = []
    for c in cites:
        marks = caution_words(pack, c)
        # the mark (and, in full, its words) kept on the citation's line: never wrapped off it; and the
        # citation's name whole on its line ("5 ILCS" at one line's end and "805/15(a)" at the next's start)
        note = (f"&nbsp;{CAUTION_MARK}" if brief else f"&nbsp;{CAUTION_MARK}&nbsp;{_e(', '.join(marks))}") if marks else ""
        parts.append(_e(unbroken(pack.citation_text(c))) + note)
    return "; ".join(parts)


def _flow_kind(pack: Pack, scenario_id: str) -> str:
    """What to call another flow a page sends the reader to or prints steps of: a shared step, or a whole
    situation a router opens ("situation S13": FORCE's handout called S13's questions a "shared step")."""
    flow = pack.scenario(scenario_id)
    return "shared step" if flow is None or flow.subflow else f"situation {scenario_id}"


def _target_text(pack: Pack, o: ScenarioOutline | ScenarioMap, ref: str, pages: Mapping[str, int]) -> str:
    if ref.startswith(SHARED):
        sid, _, step = ref[len(SHARED):].partition(AT)
        sub = pack.scenario(sid)
        page = f", page {pages[sid]}" if sid in pages else ""
        at = f" at its {_e(step)}" if step else ""  # its own page's number: "at its Q2, page 48"
        return f"{_e(_flow_kind(pack, sid))} “{_e(sub.title if sub else sid)}”{at}{page}"
    outcome = next((x.outcome for x in o.outcomes if x.ref == ref), None)
    if outcome is None:
        return ref  # a question: Q1, Q2…
    return f"{ref} ({VERDICT_LABELS[outcome.verdict]})"


def _via_html(pack: Pack, scenario_id: str, via: str | None) -> str:
    """Where a question or outcome of the outline comes from, when not the scenario itself (see _flow_kind)."""
    if not via:
        return ""
    return f" <i>({_e(_flow_kind(pack, scenario_id))}: {_e(via)})</i>"


def _questions_html(pack: Pack, o: ScenarioOutline | ScenarioMap, with_help: bool, compact: bool = False,
                    pages: Mapping[str, int] | None = None) -> str:
    rows = []
    for q in o.questions:
        via = _via_html(pack, q.scenario_id, q.via) if not compact else ""
        help_text = f"<br/><i>How to tell: {_e(q.question.help)}</i>" if with_help and q.question.help else ""
        answers = [f"{_e(c.label)} → <b>{_target_text(pack, o, c.target, pages or {})}</b>" for c in q.choices]
        if compact:  # one running line of answers instead of one line each
            choices = "<br/>" + " &nbsp;·&nbsp; ".join(answers)
        else:
            choices = ("<ul style='margin-top:0; margin-bottom:0; -qt-list-indent:1'>"
                       + "".join(f"<li>{a}</li>" for a in answers) + "</ul>")
        rows.append(f"<tr><td valign='top' width='7%'><b>{q.ref}</b></td>"
                    f"<td><b>{_e(q.question.prompt)}</b>{via}{help_text}{choices}</td></tr>")
    return f"<table class='map' width='100%' cellspacing='0'>{''.join(rows)}</table>"


def _is_router(s: Scenario) -> bool:
    """A shared step with a Home button and no outcomes only asks which situation it is (FORCE): no step of another."""
    return s.subflow and s.home_label is not None and not s.outcomes


def _entry_title(s: Scenario) -> str:
    """What a handout or booklet page starts with, and the booklet's contents calls it."""
    return f"Shared step: {s.title}" if s.subflow and not _is_router(s) else s.title


def _header_html(pack: Pack, o: ScenarioOutline | ScenarioMap, title_pt: float, used_by: Sequence[str] = ()) -> str:
    s = o.scenario
    safety = " · <b>SAFETY-CRITICAL: ask about danger first</b>" if s.safety_critical else ""
    router = _is_router(s)
    title = _entry_title(s)
    used = f" · part of {', '.join(_e(u) for u in used_by)}" if used_by else ""
    if router:
        used += f" · Home button “{_e(s.home_label or '')}”"
    return (f"<p style='margin:0'><span style='font-size:{title_pt:.1f}pt'><b>{_e(title)}</b></span></p>"
            f"<p style='margin-top:{_m(1)}; margin-bottom:{_m(2)}'>{_e(s.scenario_id)} · {_e(s.category)}{safety}"
            f"{used}</p>"
            f"<p style='margin-top:0; margin-bottom:{_m(3)}'><i>{_e(s.summary)}</i></p>")


REACHED_BY = "Reached by:"  # an outcome's last line, which no page starts with (it keeps with its outcome)
CITES = "Cites:"  # an outcome's citations, above REACHED_BY: the two never start a page cut off from it


def _section(title: str, size_pt: float) -> str:
    return (f"<p style='margin-top:{_m(size_pt * 0.7)}; margin-bottom:{_m(2)}'>"
            f"<span style='font-size:{size_pt:.1f}pt'><b>{_e(title.upper())}</b></span></p>")


SKIPPED_REFS_NOTE = ("Numbers and letters are those of this scenario's full handout. The ones missing here "
                     "belong to the shared steps it names, which have pages of their own.")


def _marks_cautions(pack: Pack, o: ScenarioMap) -> bool:
    """Whether a booklet page marks a citation with CAUTION_MARK (and so prints CAUTION_LEGEND)."""
    return any(caution_words(pack, c) for x in o.outcomes for c in x.outcome.cites)


def _disclaimer_html(pack: Pack) -> str:
    """The pack's disclaimer and the publisher's notes (e.g. whether the data has had a legal review), which
    a handout and the booklet's contents end with."""
    notes = "".join(f"<li><i>{_e(note)}</i></li>" for note in pack.meta.notes)
    listed = (f"<p style='margin-top:{_m(4)}; margin-bottom:0'><i><b>{_e(NOTES_HEADING)}:</b></i></p>"
              f"<ul style='margin-top:{_m(1)}; margin-bottom:0'>{notes}</ul>") if notes else ""
    return f"<p style='margin-top:{_m(10)}; margin-bottom:0'><i>{_e(pack.meta.disclaimer)}</i></p>{listed}"


def _skips_refs(o: ScenarioMap) -> bool:
    """Whether a booklet page's numbers or letters skip some: those of the shared steps it enters."""
    return ([q.ref for q in o.questions] != [f"Q{n}" for n in range(1, len(o.questions) + 1)]
            or [x.ref for x in o.outcomes] != [letters(n) for n in range(len(o.outcomes))])


def booklet_page_html(pack: Pack, scenario_id: str, point_size: float, compact: bool = False,
                      pages: Mapping[str, int] | None = None, used_by: Sequence[str] = ()) -> str:
    """One booklet page: title, key questions, the outcomes in brief (verdict words, citations).

    Shared steps (sub-flows) appear by name and page number; they have pages of their own.
    ``compact`` (for scenarios too big for two pages): answers run on one line, no "First:" actions."""
    o = own_map(pack, scenario_id)
    out = [_header_html(pack, o, point_size * 1.5, used_by)]
    if _marks_cautions(pack, o):
        out.append(f"<p style='margin-top:0'>{_e(CAUTION_LEGEND)}</p>")
    if _skips_refs(o):
        out.append(f"<p style='margin-top:0'>{_e(SKIPPED_REFS_NOTE)}</p>")
    if compact:
        out.append(f"<p style='margin-top:0'><b>Large scenario, in brief.</b> For every detail, print its full "
                   f"handout: in the app, Data ▸ Training ▸ Scenario handout, then {_e(scenario_id)}; or "
                   f"encounter-guide handout {_e(scenario_id)} -o FILE.pdf</p>")
    out += [_section("Key questions", point_size * 1.05),
            # a Home button that only asks which situation it is (FORCE): its question in full, and no outcomes
            _questions_html(pack, o, with_help=not o.outcomes, compact=compact, pages=pages)]
    if not o.outcomes:
        return "".join(out)
    out.append(_section("Outcomes in brief", point_size * 1.05))
    rows = []
    for x in o.outcomes:
        first = f"<br/>First: {_e(x.outcome.do[0])}" if x.outcome.do and not compact else ""
        law = f"{'<br/>' if not compact else ' · '}<i>Law: {_cites_html(pack, x.outcome.cites, brief=True)}</i>"
        rows.append(
            f"<tr><td valign='top' width='5%'><b>{x.ref}</b></td>"
            f"<td valign='top' width='22%'><b>{_e(x.outcome.verdict_label)}</b></td>"
            f"<td valign='top'>{_e(x.outcome.headline)}{first}{law}</td></tr>")
    grid = "tight" if compact else "grid"
    out.append(f"<table class='{grid}' width='100%' border='{GRID_BORDER}' cellspacing='0'>{''.join(rows)}</table>")
    return "".join(out)


def _outcome_block_html(pack: Pack, ref: str, via: str, outcome_text_value: str, cites: Sequence[Citation],
                        paths: Sequence[int] = ()) -> str:
    """The one plain-text outcome formatter (cli.outcome_text), laid out for print: its citations marked
    with why they need care (the reasons are printed once, under CAUTIONS_TITLE), and the paths to it.
    ``via``: where the outcome comes from, as _via_html gives it ("" for the scenario's own)."""
    lines = outcome_text_value.splitlines()
    first, rest = lines[0], lines[1:]
    verdict, _, headline = first.partition(": ")
    parts = [f"<hr/><p style='margin-top:{_m(2)}; margin-bottom:{_m(2)}'><b>{ref}. {_e(verdict)}</b> — <b>{_e(headline)}</b>"
             + via + "</p>"]
    items: list[str] = []

    def flush() -> None:
        if items:
            parts.append(f"<ul style='margin-top:0; margin-bottom:{_m(1)}'>" + "".join(items) + "</ul>")
            items.clear()

    for line in rest:
        if line.startswith("  - "):
            items.append(f"<li>{_e(line[4:])}</li>")
            continue
        flush()
        label, _, value = line.partition(": ")
        if label == "Cites":  # the citations marked, not the plain list the text formatter gives
            marked = any(caution_words(pack, c) for c in cites)
            see = f" <i>— {CAUTION_MARK}: why, under “{_e(CAUTIONS_TITLE)}” at the end</i>" if marked else ""
            parts.append(f"<p style='margin-top:{_m(6)}; margin-bottom:0'><b>{CITES}</b> {_cites_html(pack, cites)}{see}</p>")
            continue
        # space above a heading, none below it: a heading belongs to the list under it, not to the one above
        if not value and line.endswith(":"):
            parts.append(f"<p style='margin-top:{_m(6)}; margin-bottom:0'><b>{_e(line)}</b></p>")
        else:
            parts.append(f"<p style='margin-top:{_m(6)}; margin-bottom:0'><b>{_e(label)}:</b> {_e(value)}</p>")
    flush()
    if paths:
        numbers = ", ".join(str(n) for n in paths)
        parts.append(f"<p style='margin-top:{_m(6)}; margin-bottom:0'><b>{REACHED_BY}</b> "
                     f"path{'s' if len(paths) > 1 else ''} {numbers}</p>")
    return "".join(parts)


PATHS_TITLE = "Every path"  # the section of the tree of paths (_paths_html)
CONTINUED_NOTE = "continued from page {page}; the steps that lead here are repeated first"
CONTINUED_COLOUR = "#505050"  # a dark grey: the repeated steps stay legible in black and white, but read as repeats
CONTINUED_GAP_PT = 5.0  # under the repeated steps: a rule halfway


def _question_refs(o: ScenarioOutline) -> dict[tuple[str, str], str]:
    return {(q.scenario_id, q.question.node_id): q.ref for q in o.questions}


def _tree_row_html(o: ScenarioOutline, refs: Mapping[tuple[str, str], str], row: TreeRow, continued: bool = False) -> str:
    """One row of the tree of paths (see _paths_html). A ``continued`` row repeats a step above, at a
    page's top: in grey italics, without its path's number or verdict."""
    number, verdict = "", ""
    if row.last and not continued:
        x = o.outcome(row.path.outcome_ref)
        number = str(row.number)
        verdict = f"<b>{x.ref}:&nbsp;{_e(x.outcome.verdict_label).replace(' ', '&nbsp;')}</b>"
    if row.depth == len(row.path.steps):  # starts at its outcome, or repeats the path above (never, in a tree)
        return f"<tr><td valign='top'>{number}</td><td>(starts at the outcome)</td><td valign='top'>{verdict}</td></tr>"
    step, prompt = row.path.steps[row.depth], row.path.prompts[row.depth]
    question = refs.get((step.scenario_id, step.node_id)) or _e(prompt)
    text = f"{question} → <b>{_e(step.label)}</b>"
    if continued:
        text = f"<i><span style='color:{CONTINUED_COLOUR}'>{question} → {_e(step.label)}</span></i>"
    return (f"<tr><td valign='top' width='5%'>{number}</td>"
            f"<td valign='top'><p style='-qt-block-indent:{row.depth}'>{text}</p></td>"
            f"<td valign='top' width='26%' style='padding-left:{_m(TREE_COLUMN_GAP)}'>{verdict}</td></tr>")


def _paths_html(o: ScenarioOutline) -> str:
    """Every path as one tree: a path prints only the steps it does not share with the path above it,
    indented one step deeper for each step of theirs it follows, and its number and outcome on its last
    step. Each step names its question by number (the decision map gives it in full): the prompts made
    S01's handout 49 pages, and the shared steps printed again for every path 6 of its 46."""
    refs = _question_refs(o)
    rows = "".join(_tree_row_html(o, refs, row) for row in tree_rows(o.paths))
    return f"<table class='tree' width='100%' cellspacing='0'>{rows}</table>"


def _continued_html(o: ScenarioOutline, refs: Mapping[tuple[str, str], str], row: TreeRow, from_page: int) -> str:
    """What a page that starts at ``row``, inside the tree of paths, prints first: the steps it is read
    under, as the tree prints them but in grey italics, without numbers or verdicts."""
    above = "".join(_tree_row_html(o, refs, r, continued=True) for r in row.above)
    return (f"<p style='margin-top:0; margin-bottom:{_m(1)}'><b>{_e(PATHS_TITLE.upper())}</b> "
            f"<i>({_e(CONTINUED_NOTE.format(page=from_page))})</i></p>"
            f"<table class='tree' width='100%' cellspacing='0'>{above}</table>")


OUTCOME_CONTINUED_NOTE = "continued from page {page}"


def _continued_outcome_html(x: OutlineOutcome, from_page: int) -> str:
    """What a page that starts inside an outcome, below its title, prints first: the outcome, as its title."""
    return (f"<p style='margin-top:0; margin-bottom:{_m(1)}'><b>{x.ref}. {_e(x.outcome.verdict_label)}</b> — "
            f"<b>{_e(x.outcome.headline)}</b> <i>({_e(OUTCOME_CONTINUED_NOTE.format(page=from_page))})</i></p>")


def _reached_by(o: ScenarioOutline) -> dict[str, list[int]]:
    """The numbers of the paths that end at each outcome."""
    reached: dict[str, list[int]] = {}
    for n, path in enumerate(o.paths, 1):
        reached.setdefault(path.outcome_ref, []).append(n)
    return reached


def scenario_handout_html(pack: Pack, scenario_id: str, o: ScenarioOutline | None = None) -> str:
    """A scenario in full: the decision map, every path, every outcome with its citations, and the
    reasons for care about the provisions cited, each once. ``o``: its outline, when the caller has it."""
    o = o or outline(pack, scenario_id)
    pt = HANDOUT_POINT_SIZE
    out = [_header_html(pack, o, pt * 1.7),
           f"<p style='margin-top:0'>Questions are numbered Q1, Q2 and so on; outcomes are lettered A, B and so on, "
           f"skipping Q. {len(o.paths)} path{'s' if len(o.paths) != 1 else ''} lead to {len(o.outcomes)} "
           f"outcome{'s' if len(o.outcomes) != 1 else ''}. Every path is numbered and ends at its outcome; read it "
           f"from the top: a step printed once holds for every indented step under it.</p>",
           _section(DECISION_MAP_TITLE, pt * 1.1), _questions_html(pack, o, with_help=True),
           _section(PATHS_TITLE, pt * 1.1), _paths_html(o)]
    out.append(_section(OUTCOMES_TITLE, pt * 1.1))
    reached = _reached_by(o)
    cited: list[Citation] = []
    for x in o.outcomes:
        numbers = reached.get(x.ref, [])
        out.append(_outcome_block_html(pack, x.ref, _via_html(pack, x.scenario_id, x.via), outcome_text(pack, x.outcome),
                                       x.outcome.cites, numbers))
        cited += [c for c in x.outcome.cites if c not in cited]
    cautions = outcome_cautions(pack, cited)
    if cautions:
        out.append(_section(CAUTIONS_TITLE, pt * 1.1))
        out.append(f"<p style='margin-top:0; margin-bottom:{_m(2)}'>{_e(CAUTION_LEGEND)} Each reason is printed "
                   "once here, for every provision it applies to.</p>")
        out += [f"<p style='margin-top:{_m(5)}; margin-bottom:0'><b>CAUTION:</b> {_e(c)}</p>" for c in cautions]
    out.append(_disclaimer_html(pack))
    return "".join(out)


# -- PDF -------------------------------------------------------------------------------------------
def handout_line_width(device: QPagedPaintDevice) -> float:
    """The width of a line on ``device``'s paper inside the handouts' margins (set on it here), in its pixels:
    8.5 inches less the margins on US Letter, 0.23 inch less on A4."""
    device.setPageMargins(MARGINS_INCH, QPageLayout.Unit.Inch)  # a printer keeps its own where it cannot print them
    return float(device.width())


def hang_wrapped_lines(doc: QTextDocument, device: QPagedPaintDevice, starts: re.Pattern[str]) -> None:
    """Each line of ``doc`` that the page wraps goes on under its words, not under the margin: ``starts`` matches
    the start of a line (an indent, a label, a dash) that the lines it wraps onto start after. Measured in the
    line's own font on ``device``, as it prints."""
    cursor = QTextCursor(doc)
    block = doc.begin()
    while block.isValid():
        match = starts.match(block.text())
        if match is not None and match.end():
            font = block.begin().fragment().charFormat().font().resolve(doc.defaultFont())  # as it prints
            indent = QFontMetricsF(font, device).horizontalAdvance(match.group())
            hang = QTextBlockFormat(block.blockFormat())
            hang.setLeftMargin(hang.leftMargin() + indent)  # the lines it wraps onto start under its words
            hang.setTextIndent(-indent)  # its first line where it was
            cursor.setPosition(block.position())
            cursor.setBlockFormat(hang)
        block = block.next()


def print_on_pages(doc: QTextDocument, device: QPagedPaintDevice) -> int:
    """Paint ``doc`` (an answer card, a receipt) on ``device``'s pages inside the handouts' margins, and return how
    many pages it took; on more than one, each is numbered at its foot. QTextDocument.print_ laid a document out
    with 2 cm of its own inside the page's margins (1.5 inches a side in all): the bundled pack's longest answers
    ran a third of their lines onto a second page, and a receipt's SHA-256 and signature lines broke in two."""
    width = handout_line_width(device)
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    height = float(device.height())
    doc.setPageSize(QSizeF(width, height))
    footer = device.logicalDpiY() * READABLE_POINT_SIZE / 72 * 2 if doc.pageCount() > 1 else 0.0
    body = height - footer
    doc.setPageSize(QSizeF(width, body))
    pages = doc.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        return 0
    try:
        font = QFont()
        font.setPointSizeF(READABLE_POINT_SIZE)
        painter.setFont(font)
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            painter.translate(0, -page * body)
            doc.drawContents(painter, QRectF(0, page * body, width, body))
            painter.restore()
            if footer:
                painter.drawText(QRectF(0, body, width, footer),
                                 int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), f"Page {page + 1} of {pages}")
    finally:
        painter.end()
    return pages


def save_pages_as_pdf(path: str, title: str, document_for: Callable[[QPagedPaintDevice], QTextDocument]) -> bool:
    """Save a document (an answer card, a receipt: ``document_for`` lays it out for the PDF) as a PDF on the
    handouts' paper and margins (print_on_pages); whether the file was written. Raises OSError for a folder that
    is missing or read-only."""
    with open(path, "wb"):  # fails plainly (no Qt painter warning) on a missing or read-only folder
        pass
    writer = QPdfWriter(path)
    writer.setPageSize(QPageSize(PAGE_SIZE))
    writer.setTitle(title)
    writer.setCreator(APP_NAME)
    print_on_pages(document_for(writer), writer)
    del writer  # flushes and closes the file
    return Path(path).is_file() and Path(path).stat().st_size > 0


@dataclass
class _Canvas:
    writer: QPdfWriter
    painter: QPainter
    width: float
    body_height: float
    footer_height: float


def _new_writer(buffer: QBuffer, title: str) -> QPdfWriter:
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageSize(QPageSize(PAGE_SIZE))
    writer.setPageMargins(MARGINS_INCH, QPageLayout.Unit.Inch)
    writer.setTitle(title)
    writer.setCreator(APP_NAME)
    return writer


def _document(writer: QPdfWriter, body: str, point_size: float, width: float) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    font = QFont()
    font.setPointSizeF(point_size)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setIndentWidth(point_size * 1.2 * 96 / 72)  # list indent, in CSS pixels like all rich-text lengths
    doc.setDefaultStyleSheet(f"table.grid {{ border-color: #000000; border-collapse: collapse; }} "
                            f"table.grid td {{ padding: {_m(2.5)}; }} table.map td {{ padding: {_m(1.2)}; }} "
                            f"table.tight {{ border-color: #000000; border-collapse: collapse; }} "
                            f"table.tight td {{ padding: {_m(0.8)}; }} table.tree td {{ padding: {_m(0.6)}; }}")
    doc.setHtml(body)
    doc.setTextWidth(width)
    return doc


def _footer(canvas: _Canvas, name: str, pack: Pack, text_right: str) -> None:
    """A page's footer: ``name`` (what the printout is) and the pack's edition on the left, ``text_right`` (the
    page number) on the right, in one line. A name too long for the line (a situation's id may have 80
    characters) is shortened in its middle, so that the edition, which shows the printout's age, is always
    whole and never printed over the page number."""
    painter = canvas.painter
    font = QFont()
    font.setPointSizeF(FOOTER_POINT_SIZE)
    edition = f" · {_edition(pack)}"
    metrics = QFontMetricsF(font, canvas.writer)
    room = canvas.width - metrics.horizontalAdvance(f"{FOOTER_GAP}{text_right}") - metrics.horizontalAdvance(edition)
    text_left = metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, max(room, 0.0)) + edition
    painter.save()
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.black)
    top = canvas.body_height + canvas.footer_height * 0.25
    rect = QRectF(0, top, canvas.width, canvas.footer_height * 0.75)
    painter.drawLine(0, int(top), int(canvas.width), int(top))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), text_left)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), text_right)
    painter.restore()


def _canvas(writer: QPdfWriter, painter: QPainter) -> _Canvas:
    footer = writer.logicalDpiY() * FOOTER_POINT_SIZE / 72 * 2.6
    return _Canvas(writer, painter, float(writer.width()), writer.height() - footer, footer)


Bookmarks = Callable[[], Sequence[Bookmark]]  # works out a PDF's bookmarks, once its pages are drawn


@dataclass(frozen=True)
class _Drawn:
    """What a handout's drawing made: its number of pages, and what works out the bookmarks a PDF viewer lists
    in its sidebar (called by with_bookmarks, after the drawing)."""

    pages: int
    bookmarks: Bookmarks = tuple


def with_bookmarks(pdf: bytes, bookmarks: Bookmarks) -> bytes:
    """``pdf`` (as Qt wrote it) with the bookmarks ``bookmarks()`` works out. Whatever goes wrong in working them
    out or adding them (a PDF add_bookmarks cannot read, or a bug), ``pdf`` as it was, the reason and its
    traceback logged: without them it still prints and reads the same, and the trainer gets it."""
    try:
        marks = bookmarks()
        return add_bookmarks(pdf, marks) if marks else pdf
    except Exception as exc:  # not only PdfBookmarkError: an outline is never worth losing the PDF for
        log.exception("the PDF is saved without bookmarks: %s", exc)
        return pdf


def _write_pdf(path: Path, title: str, draw: Callable[[_Canvas], _Drawn]) -> int:
    ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _new_writer(buffer, title)
    painter = QPainter()
    if not painter.begin(writer):
        raise HandoutError("Qt could not start a PDF")
    try:
        drawn = draw(_canvas(writer, painter))
    finally:
        painter.end()
        buffer.close()
    try:
        write_user_file(with_bookmarks(bytes(data.data()), drawn.bookmarks), path)
    except OSError as exc:
        raise HandoutError(f"could not write {path}: {exc.strerror or exc}") from exc
    return drawn.pages


def _edition(pack: Pack) -> str:
    return f"Data version {pack.meta.data_version}, as of {format_day(pack.meta.as_of)}. Check the app for updates."


@dataclass
class _Page:
    top: float  # where the page's part of the laid-out document starts, and ends
    bottom: float
    continued: QTextDocument | None  # drawn above it: the steps of the tree of paths it starts under


def _scenario_pages(canvas: _Canvas, pack: Pack, o: ScenarioOutline, doc: QTextDocument) -> list[_Page]:
    """Each page of a laid-out scenario handout. A page that starts inside the tree of paths, below its
    first level, first repeats the steps its first row is read under (_continued_html): page 4 of S01
    started 9 steps deep, and the steps above were only on page 3. A page that starts inside an outcome, below
    its title, first names the outcome (_continued_outcome_html): 383 of the bundled handouts' 629 later pages
    started with an outcome's "Say:" or "Why:" and nothing to tell whose."""
    laid = _scan(doc)
    row_at = _tree_row_tops(doc, laid, o)
    outcomes = _outcome_spans(pack, o, doc)
    refs = _question_refs(o)
    made: dict[tuple[int, float], QTextDocument | None] = {}

    def head(page: int, top: float) -> str | None:
        row = row_at.get(top)
        if row is not None:
            return _continued_html(o, refs, row, page) if row.above else None
        inside = next((x for title_top, end, x in outcomes if title_top < top < end), None)
        return _continued_outcome_html(inside, page) if inside is not None else None

    def continued(page: int, top: float) -> QTextDocument | None:
        if (page, top) not in made:
            html_text = head(page, top) if page else None
            made[(page, top)] = None if html_text is None else _document(
                canvas.writer, html_text, HANDOUT_POINT_SIZE, canvas.width)
        return made[(page, top)]

    def reserve(page: int, top: float) -> float:
        context = continued(page, top)
        return _continued_space(canvas, context) if context is not None else 0.0

    # a step that paths branch from stays with the first of them: at a page's foot it was printed with
    # nothing under it (page 4 of S01 ended at "Q7 → A state court", its paths all on page 5, which repeats it)
    rows = sorted(row_at.items())
    under_branch = {top for (_above, row), (top, _row) in zip(rows, rows[1:], strict=False) if not row.last}
    tops = page_tops(doc, canvas.body_height, reserve, avoid=under_branch, laid=laid)
    bottoms = [*tops[1:], doc.size().height()]
    return [_Page(top, bottom, continued(page, top)) for page, (top, bottom) in enumerate(zip(tops, bottoms, strict=True))]


def _continued_space(canvas: _Canvas, context: QTextDocument) -> float:
    """The height of the steps repeated at a page's top, with the rule and the space under them."""
    return context.size().height() + canvas.writer.logicalDpiY() * CONTINUED_GAP_PT / 72


def _draw_continued(canvas: _Canvas, context: QTextDocument) -> None:
    """The steps repeated at a page's top, and a thin grey rule under them, across the steps' column."""
    painter = canvas.painter
    height = context.size().height()
    context.drawContents(painter, QRectF(0, 0, canvas.width, height))
    painter.save()
    pen = QPen(QColor(CONTINUED_COLOUR))
    pen.setWidthF(canvas.writer.logicalDpiY() * GRID_BORDER / 96)
    painter.setPen(pen)
    rule = height + (_continued_space(canvas, context) - height) / 2
    painter.drawLine(QPointF(0, rule), QPointF(canvas.width, rule))
    painter.restore()


def write_scenario_pdf(pack: Pack, scenario_id: str, path: str | Path, progress: Progress | None = None) -> int:
    """The full handout of one scenario as a PDF. Returns the number of pages."""
    scenario = pack.scenario(scenario_id)
    if scenario is None:
        raise HandoutError(f"there is no scenario {scenario_id!r} in this data pack")
    try:
        o = outline(pack, scenario_id)
        body = scenario_handout_html(pack, scenario_id, o)
    except wizard.WizardError as exc:
        raise HandoutError(str(exc)) from exc

    def draw(canvas: _Canvas) -> _Drawn:
        doc = _document(canvas.writer, body, HANDOUT_POINT_SIZE, canvas.width)
        plan = _scenario_pages(canvas, pack, o, doc)
        for n, page in enumerate(plan):
            if n:
                canvas.writer.newPage()
            canvas.painter.save()
            if page.continued is not None:
                _draw_continued(canvas, page.continued)
                canvas.painter.translate(0, _continued_space(canvas, page.continued))
            canvas.painter.translate(0, -page.top)
            doc.drawContents(canvas.painter, page_clip(page.top, page.bottom, canvas.width))
            canvas.painter.restore()
            _footer(canvas, f"{APP_NAME} · {scenario.scenario_id}", pack, f"Page {n + 1} of {len(plan)}")
            if progress:
                progress(n + 1, len(plan))
        return _Drawn(len(plan), lambda: scenario_handout_bookmarks(pack, o, doc, [page.top for page in plan]))

    return _write_pdf(Path(path), f"{scenario.title} — {APP_NAME}", draw)


def _outcome_title(x: OutlineOutcome) -> str:
    """An outcome as its heading in a scenario handout starts: "B. PERMITTED — headline"."""
    return f"{x.ref}. {x.outcome.verdict_label} — {' '.join(x.outcome.headline.split())}"


def _handout_headings(pack: Pack, o: ScenarioOutline, doc: QTextDocument) -> list[tuple[str, QTextBlock, OutlineOutcome | None]]:
    """The headings of a laid-out scenario handout, in order, each as (what its bookmark calls it, the paragraph
    that prints it, the outcome it starts or None): the decision map, every path, the outcomes, each outcome,
    the cautions, and the disclaimer (and notes from the publisher); a heading the handout has not got (no
    cautions) is left out. Each is the first paragraph after the one before that prints it (a section's title,
    whole; an outcome's, followed by where it comes from, if not the scenario)."""
    notes = f" and {NOTES_HEADING[:1].lower()}{NOTES_HEADING[1:]}" if pack.meta.notes else ""
    wanted: list[tuple[str, str, OutlineOutcome | None]] = [
        (DECISION_MAP_TITLE, DECISION_MAP_TITLE.upper(), None), (PATHS_TITLE, PATHS_TITLE.upper(), None),
        (OUTCOMES_TITLE, OUTCOMES_TITLE.upper(), None), *((_outcome_title(x), _outcome_title(x), x) for x in o.outcomes),
        (CAUTIONS_TITLE, CAUTIONS_TITLE.upper(), None),
        (DISCLAIMER_BOOKMARK + notes, " ".join(pack.meta.disclaimer.split()), None)]
    found: list[tuple[str, QTextBlock, OutlineOutcome | None]] = []
    after = doc.begin()
    for title, printed, outcome in wanted:
        block = after
        while printed and block.isValid():
            text = " ".join(block.text().split())
            if text == printed or (outcome is not None and text.startswith(printed)):
                found.append((title, block, outcome))
                after = block.next()
                break
            block = block.next()
    return found


def scenario_handout_bookmarks(pack: Pack, o: ScenarioOutline, doc: QTextDocument,
                               tops: Sequence[float]) -> tuple[Bookmark, ...]:
    """A scenario handout's bookmarks (the outline a PDF viewer lists in its sidebar): the scenario ("S08 ·
    title") at its first page, then each section at the page its heading is on (_handout_headings), as ``doc``
    is laid out and cut into pages starting at ``tops``; under the outcomes, each outcome by its letter, verdict
    and headline, as its heading prints them."""
    layout = doc.documentLayout()

    def page(block: QTextBlock) -> int:
        return bisect.bisect_right(tops, layout.blockBoundingRect(block).top()) - 1

    headings = _handout_headings(pack, o, doc)
    outcomes = tuple(Bookmark(title, page(block)) for title, block, outcome in headings if outcome is not None)
    s = o.scenario
    return (Bookmark(f"{s.scenario_id} · {s.title}", 0),
            *(Bookmark(title, page(block), outcomes if title == OUTCOMES_TITLE else ())
              for title, block, outcome in headings if outcome is None))


def _outcome_spans(pack: Pack, o: ScenarioOutline, doc: QTextDocument) -> list[tuple[float, float, OutlineOutcome]]:
    """Each outcome of a laid-out scenario handout as (where its title starts, where the outcome ends, the
    outcome): it ends where the next heading starts (an outcome's at the rule above its title)."""
    layout = doc.documentLayout()

    def start(block: QTextBlock) -> float:
        rule = block.previous()
        ruled = rule.isValid() and rule.blockFormat().hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth)
        return layout.blockBoundingRect(rule if ruled else block).top()

    headings = _handout_headings(pack, o, doc)
    ends = [start(block) for _title, block, _outcome in headings[1:]] + [doc.size().height()]
    return [(layout.blockBoundingRect(block).top(), end, outcome)
            for (_title, block, outcome), end in zip(headings, ends, strict=True) if outcome is not None]


Span = tuple[float, float]
CLIP_INSET = 0.5  # device pixels (1/600 inch): keeps a paragraph that only touches a page's edge off that page


def page_clip(top: float, bottom: float, width: float) -> QRectF:
    """What one page draws of the laid-out document: from ``top`` to ``bottom``, both edges excluded.

    Qt draws every paragraph that meets the clip, a paragraph that only touches its edge included; in a
    PDF the clipped text is still there: the lines at a page break were drawn on both pages, so text
    search, copying and screen readers met them twice. Pages start only where a paragraph or a table row
    starts (page_tops), and the clip stops short of both edges, so each paragraph is on one page."""
    return QRectF(0, top + CLIP_INSET, width, max(0.0, bottom - top - 2 * CLIP_INSET))


def _row_spans(doc: QTextDocument, table: QTextTable) -> list[Span]:
    """Where each row of a laid-out table starts and ends."""
    layout = doc.documentLayout()
    spans = []
    for row in range(table.rows()):
        cells = [table.cellAt(row, column) for column in range(table.columns())]
        top = min(layout.blockBoundingRect(c.firstCursorPosition().block()).top() for c in cells)
        bottom = max(layout.blockBoundingRect(c.lastCursorPosition().block()).bottom() for c in cells)
        spans.append((top, bottom))
    return spans


def _tree_row_tops(doc: QTextDocument, laid: _Laid, o: ScenarioOutline) -> dict[float, TreeRow]:
    """The rows of the tree of paths (_paths_html) in a laid-out handout, by where each starts."""
    rows = tree_rows(o.paths)
    heading = doc.find(PATHS_TITLE.upper(), 0, QTextDocument.FindFlag.FindCaseSensitively)
    if heading.isNull():
        return {}
    # the first table after its section's heading (the decision map's tables come before it)
    spans = next((spans for first, spans in laid.tables if first > heading.position()), None)
    if spans is None or len(spans) != len(rows):
        return {}
    return {top: row for (top, _bottom), row in zip(spans, rows, strict=True)}


@dataclass
class _Laid:
    """What the pages of a laid-out document are cut by, found in one walk over its blocks (_scan)."""

    cuts: list[float]  # sorted: where a page may end
    tables: list[tuple[int, list[Span]]]  # each table (by its first position, in order) and its rows' extents
    tails: dict[float, Span]  # each outcome's closing lines: where they start, and the outcome's extent

    @property
    def rows(self) -> list[Span]:
        """Every table row's extent, which no page may end inside."""
        return [span for _first, spans in self.tables for span in spans]


def _scan(doc: QTextDocument) -> _Laid:
    """Where a page may end in a laid-out document: between paragraphs and between table rows, never inside
    a paragraph (Qt draws a paragraph's lines above the clip too, so a paragraph cut across two pages put
    lines of it on both in the PDF's text); never right after a heading (a short bold paragraph, or an
    outcome's title), which keeps with what follows it, a paragraph or a table; nor right after a section's
    short lead-in (the line under "CAUTIONS ON THE PROVISIONS CITED" saying what ⚠ means), which keeps with
    its section's first paragraph; nor right before an outcome's "Reached by:" line, which stays with its
    outcome, nor after the rule above an outcome, which stays with its verdict, nor between the publisher's notes,
    which keep with their heading. Also each table's rows, and
    where each outcome's "Cites:" line starts (the lines that close an outcome, which a page should not start
    with), with where its outcome starts (the rule above its verdict) and ends."""
    layout = doc.documentLayout()
    cuts: list[float] = []
    tables: dict[int, list[Span]] = {}  # by their first position: Python wrappers of one table differ
    tails: dict[float, Span] = {}
    block = doc.begin()
    heading_before = section_before = False
    outcome_top: float | None = None
    cites_top: float | None = None
    outcome_title = False  # the block under an outcome's rule: its title
    in_notes = False  # the publisher's notes, under their heading: a page starting at the third said not whose
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        table = QTextCursor(block).currentTable()
        if table is not None:
            outcome_title = False
            if table.firstPosition() not in tables:
                spans = tables[table.firstPosition()] = _row_spans(doc, table)
                for row, (top, _bottom) in enumerate(spans):
                    if row or not heading_before:  # the heading above the table keeps its first row
                        cuts.append(top)
            heading_before = section_before = False
            outcome_top = cites_top = None
        else:
            text = block.text()
            lines = block.layout().lineCount()
            in_notes = text == f"{NOTES_HEADING}:" or (in_notes and block.textList() is not None)
            if not heading_before and not text.startswith(REACHED_BY) and not (in_notes and block.textList()):
                cuts.append(rect.top())
            bold = block.charFormat().fontWeight() >= QFont.Weight.DemiBold or any(
                f.format.fontWeight() >= QFont.Weight.DemiBold for f in block.textFormats()[:1])
            # an outcome's last lines ("Cites: …", "Reached by: paths 3, 4", bold at their start) are no
            # heading: the next outcome may start a page after them, its rule with it. An outcome's title (under
            # its rule) is one however many lines it takes: on three, it ended a page, its "Do:" on the next.
            short = 0 < lines <= 2 and len(text) < 200
            heading = bold and (short or outcome_title) and not text.startswith((CITES, REACHED_BY))
            ruled = block.blockFormat().hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth)
            if ruled:
                heading_before, section_before = True, False  # the rule above an outcome keeps with its verdict
            elif section_before and not heading and 0 < lines <= 3:  # a section's lead-in: kept with the heading
                heading_before, section_before = True, False
            else:
                heading_before = heading
                section_before = heading and text.isupper()  # a section's title (_section)
            outcome_title = ruled
            if ruled:
                outcome_top, cites_top = rect.top(), None  # _outcome_block_html's <hr/>
            elif outcome_top is not None and text.startswith(CITES):
                cites_top = rect.top()
                tails[cites_top] = (outcome_top, rect.bottom())
            elif outcome_top is not None and cites_top is not None and text.startswith(REACHED_BY):
                tails[cites_top] = (outcome_top, rect.bottom())
                outcome_top = cites_top = None
            elif cites_top is not None:  # the outcome ended at its citations
                outcome_top = cites_top = None
        block = block.next()
    return _Laid(sorted(set(cuts)), list(tables.items()), tails)


def page_tops(doc: QTextDocument, page_height: float, reserve: Callable[[int, float], float] | None = None,
              avoid: Collection[float] = (), laid: _Laid | None = None) -> list[float]:
    """Where each page starts, so that no page ends inside a table row or a paragraph, or just after a
    heading: a row's verdict was cut into "AC: CALL" and "SUPERVISOR" on two pages, and an outcome's title
    line ran over a page's foot. Only a row or paragraph taller than three quarters of a page is cut where
    it must be, between two of its lines (lines at that cut may then be in the PDF's text twice: see
    page_clip). ``reserve(page, top)``: the height that page (from 0), starting at ``top``, gives to what
    is drawn above its part of the document (the steps of the tree of paths it starts under). ``avoid``: row
    tops where no page starts, but where one may still end if nothing else fits (as inside a paragraph). No
    page starts with an outcome's closing "Cites:" and "Reached by:" lines (_Laid.tails). ``laid``: the
    document's _scan, where the caller has it already."""
    height = doc.size().height()
    laid = laid or _scan(doc)
    rows = laid.rows
    allowed = [c for c in laid.cuts if c not in avoid and not any(top < c < bottom for top, bottom in rows)]  # sorted
    tails = laid.tails
    tops = [0.0]

    def room() -> float:
        return page_height - (reserve(len(tops) - 1, tops[-1]) if reserve else 0.0)

    while height - tops[-1] > (space := room()):
        start = tops[-1]
        limit = start + space
        best = _last_at_or_above(allowed, limit, start)
        if best in tails:  # an outcome's "Cites:" and "Reached by:" would start the page, cut off from it:
            # the outcome goes over whole, as a table row does, unless it is taller than three quarters of a
            # page or starts near this one's top: then the paragraph above them goes over with them
            outcome_top, outcome_bottom = tails[best]
            before_outcome = _last_at_or_above(allowed, outcome_top, start)
            small = outcome_bottom - before_outcome <= space * 3 / 4 and before_outcome > start + space / 4
            best = before_outcome if small else _last_at_or_above(allowed[:bisect.bisect_left(allowed, best)], best, start)
        tops.append(best if best > start + space / 4 else _line_top_above(doc, start, limit))
    return tops


def _last_at_or_above(cuts: Sequence[float], limit: float, start: float) -> float:
    """The last of the sorted ``cuts`` that is at most ``limit`` (``start`` if there is none)."""
    index = bisect.bisect_right(cuts, limit)
    return cuts[index - 1] if index else start


def _line_top_above(doc: QTextDocument, start: float, limit: float) -> float:
    """Where a page that must end inside a paragraph or a row ends: the top of the lowest line starting
    below ``start`` and by ``limit`` that no other line crosses (a row's cells side by side), so no line of
    text is cut in half across two pages; ``limit`` if there is none."""
    layout = doc.documentLayout()
    lines: list[Span] = []
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        if rect.bottom() > start and rect.top() <= limit:
            for i in range(block.layout().lineCount()):
                line = block.layout().lineAt(i)
                lines.append((rect.top() + line.y(), rect.top() + line.y() + line.height()))
        block = block.next()
    for top in sorted({top for top, _bottom in lines if start < top <= limit}, reverse=True):
        if not any(a < top < b for a, b in lines):
            return top
    return limit


@dataclass
class _BookletFit:
    """A booklet entry laid out: its document, where each of its pages starts in it, its type size, and
    what its second and later pages print first (_continued_booklet_html)."""

    doc: QTextDocument
    tops: list[float]
    point_size: float
    header: Callable[[int], QTextDocument]  # what its page ``part`` (from 1) prints first
    row_gaps: Mapping[float, float]  # table row tops: the space above each, down from its top rule
    border: float  # a table rule's width

    def above(self, top: float) -> float:
        """The part of the document a page starting at ``top`` draws above it: a table row's top border
        and padding, which belong to the space above the row's text (its first row, on a page of its own,
        had no top rule)."""
        return self.row_gaps.get(top, 0.0)

    def end(self, bottom: float) -> float:
        """Where a page whose part ends at ``bottom`` stops drawing: at a table row's top, just under the
        rule above it (the row's padding below the rule drew the stubs of its column rules)."""
        return bottom - self.above(bottom) + self.border if bottom in self.row_gaps else bottom


def _continued_booklet_html(title: str, first_page: int, part: int, scenario_id: str = "") -> str:
    """What the booklet page ``part`` (from 1) of an entry (a scenario, or the contents) that starts on
    ``first_page`` prints first: whose it is, the page it carries on from, and (from its third page) where it
    starts. Page 6 of a scenario on pages 4 to 7 said "continued from page 4", where page 5 came between."""
    note = BOOKLET_CONTINUED_NOTE.format(page=first_page + part - 1)
    if part > 1:
        note += BOOKLET_STARTS_NOTE.format(page=first_page)
    if scenario_id:
        note = f"{scenario_id}, {note}"
    return f"<p style='margin:0'><b>{_e(title)}</b> <i>({_e(note)})</i></p>"


def _continued_booklet_space(canvas: _Canvas, fit: _BookletFit, part: int, top: float) -> float:
    """The height the booklet page ``part`` (from 1) of an entry, carrying it on from ``top``, keeps for
    its name and the rule above its first row."""
    return fit.header(part).size().height() + canvas.writer.logicalDpiY() * CONTINUED_GAP_PT / 72 + fit.above(top)


def _row_gaps(laid: _Laid, border: float) -> dict[float, float]:
    """For each table row after a table's first: the space above its first line down from its top rule, the
    middle of the space from the row before's last line (the two rows' paddings, and the rule between)."""
    gaps: dict[float, float] = {}
    for _first, spans in laid.tables:
        for (_top, bottom), (top, _bottom) in zip(spans, spans[1:], strict=False):
            gap = max(0.0, top - bottom)
            gaps[top] = min(gap, (gap + border) / 2)
    return gaps


def _fit_largest(canvas: _Canvas, body: Callable[[float], str], header: Callable[[int], str]) -> _BookletFit:
    """A booklet entry (``body`` at a type size) on as few pages as it takes in the smallest booklet type
    (never under READABLE_POINT_SIZE), in the largest type that keeps it to that many. ``header(part)``: what
    its page ``part`` (from 1) prints first. PAPER's 20 outcomes were set at 6.5 pt and then scaled down: too
    small to read on paper.

    Height only grows with the type size, so this is a binary search (a few layouts a page)."""

    def layout(size: float) -> _BookletFit:
        doc = _document(canvas.writer, body(size), size, canvas.width)
        headers: dict[int, QTextDocument] = {}

        def header_doc(part: int) -> QTextDocument:
            if part not in headers:
                headers[part] = _document(canvas.writer, header(part), size, canvas.width)
            return headers[part]

        border = canvas.writer.logicalDpiY() * GRID_BORDER / 96
        laid = _scan(doc)
        fit = _BookletFit(doc, [], size, header_doc, _row_gaps(laid, border), border)
        fit.tops = page_tops(doc, canvas.body_height,
                             lambda page, top: _continued_booklet_space(canvas, fit, page, top) if page else 0.0,
                             laid=laid)
        return fit

    best = layout(BOOKLET_POINT_SIZES[-1])
    low, high = 0, len(BOOKLET_POINT_SIZES) - 1  # sizes run from large to small
    while low < high:
        middle = (low + high) // 2
        fit = layout(BOOKLET_POINT_SIZES[middle])
        if len(fit.tops) <= len(best.tops):
            best, high = fit, middle
        else:
            low = middle + 1
    return best


def _fit_booklet_page(canvas: _Canvas, pack: Pack, scenario_id: str, pages: Mapping[str, int] | None = None,
                      used_by: Sequence[str] = ()) -> _BookletFit:
    """A scenario's booklet entry on the fewest pages in the largest readable type (_fit_largest): one page
    if it fits, else two; a scenario that needs more than FULL_PAGES_AT_MOST pages in full is printed in
    brief, if that takes fewer."""
    first_page = (pages or {}).get(scenario_id, 0)
    scenario = pack.scenario(scenario_id)
    title = scenario.title if scenario is not None else scenario_id

    def header(part: int) -> str:
        return _continued_booklet_html(title, first_page, part, scenario_id)

    def fit(compact: bool) -> _BookletFit:
        return _fit_largest(canvas, lambda size: booklet_page_html(pack, scenario_id, size, compact, pages, used_by),
                            header)

    full = fit(compact=False)
    if len(full.tops) <= FULL_PAGES_AT_MOST:
        return full
    brief = fit(compact=True)
    return brief if len(brief.tops) < len(full.tops) else full


def booklet_scenarios(pack: Pack) -> list[str]:
    """Every scenario that is not a shared step, and every shared step with a Home button that none of
    them reaches, just before the first of the situations it opens: FORCE, which only asks which of S13, S15,
    S17 and S18 is happening, had no page, though the app's Home opens it."""
    ids = [s.scenario_id for s in pack.scenarios if not s.subflow]
    reached = set(shared_steps(pack, ids))
    for s in pack.home_scenarios:
        if s.subflow and s.scenario_id not in reached:
            opened = [ids.index(sid) for sid in opened_situations(pack, s.scenario_id) if sid in ids]
            ids.insert(min(opened, default=len(ids)), s.scenario_id)
    return ids


def booklet_pages(pack: Pack, scenario_ids: Sequence[str] | None = None) -> list[str]:
    """The booklet's pages in order: each scenario (default: every one that is not a shared step),
    then each shared step they reach, so a page never repeats another page's questions."""
    ids = list(scenario_ids) if scenario_ids is not None else booklet_scenarios(pack)
    return ids + [sid for sid in shared_steps(pack, ids) if sid not in ids]


CONTENTS_TITLE = "Contents"


def booklet_contents_html(pack: Pack, order: Sequence[str], pages: Mapping[str, int], point_size: float) -> str:
    """The booklet's contents: the pack's edition and the legend of its caution mark, as the pages give them;
    each entry's id, title (as its page starts) and the page it starts on; then the pack's disclaimer and the
    publisher's notes."""
    maps = [own_map(pack, sid) for sid in order]
    legend = (f"<p style='margin-top:0; margin-bottom:{_m(4)}'>{_e(CAUTION_LEGEND)}</p>"
              if any(_marks_cautions(pack, o) for o in maps) else "")
    rows = "".join(f"<tr><td valign='top' width='13%'><b>{_e(o.scenario.scenario_id)}</b></td>"
                   f"<td valign='top'>{_e(_entry_title(o.scenario))}</td>"
                   f"<td valign='top' align='right' width='8%'><b>{pages[o.scenario.scenario_id]}</b></td></tr>"
                   for o in maps)
    return (f"<p style='margin:0'><span style='font-size:{point_size * 1.5:.1f}pt'><b>{_e(CONTENTS_TITLE)}</b></span></p>"
            f"<p style='margin-top:{_m(1)}; margin-bottom:{_m(2 if legend else 4)}'>{_e(_edition(pack))}</p>{legend}"
            f"<table class='grid' width='100%' border='{GRID_BORDER}' cellspacing='0'>{rows}</table>"
            f"{_disclaimer_html(pack)}")


def _fit_booklet_contents(canvas: _Canvas, pack: Pack, order: Sequence[str], pages: Mapping[str, int]) -> _BookletFit:
    """The contents on as few pages as they take, from page 1, in the largest readable type (_fit_largest)."""
    return _fit_largest(canvas, lambda size: booklet_contents_html(pack, order, pages, size),
                        lambda part: _continued_booklet_html(CONTENTS_TITLE, 1, part))


@dataclass
class _BookletPlan:
    """The booklet laid out: its contents, each entry's layout, the page it starts on, and the entries that a
    notes page comes before (see _booklet_plan)."""

    contents: _BookletFit
    pages: dict[str, int]
    laid: dict[str, _BookletFit]
    notes_before: set[str]

    @property
    def total(self) -> int:
        return len(self.contents.tops) + sum(len(fit.tops) for fit in self.laid.values()) + len(self.notes_before)


def _booklet_plan(canvas: _Canvas, pack: Pack, order: Sequence[str], used_by: Mapping[str, Sequence[str]],
                  progress: Progress | None = None) -> _BookletPlan:
    """The contents and each booklet entry laid out, and the page each entry starts on, after the contents. An
    entry on two pages or more starts on an even (left-hand) page, so that printed double-sided its first two
    pages face each other: where it would start on an odd page, a notes page comes before it (page 1 is a
    right-hand page). An entry on two pages moves every later one on, and the page numbers printed in the
    entries ("shared step …, page 34") and the contents can change how they wrap, and so how many pages the
    contents take: all are laid out again until the numbers they print are the numbers they get."""
    fits: dict[tuple[str, tuple[int, ...]], _BookletFit] = {}
    contents_fits: dict[tuple[int, ...], _BookletFit] = {}
    pages = {sid: n for n, sid in enumerate(order, 2)}  # first guess: a page of contents, then one page each
    # a number printed only changes an entry's layout when it gains a digit: they settle in a few rounds (and
    # one more if the contents run on to another page)
    for attempt in range(len(order) + 3):
        laid: dict[str, _BookletFit] = {}
        for n, sid in enumerate(order, 1):
            key = (sid, (pages[sid], *(pages.get(sub, 0) for sub in own_map(pack, sid).shared)))
            if key not in fits:
                fits[key] = _fit_booklet_page(canvas, pack, sid, pages, used_by.get(sid, ()))
            laid[sid] = fits[key]
            if progress and attempt == 0:
                progress(n, 2 * len(order))  # half the work: each entry is then drawn (write_booklet_pdf)
        key = tuple(pages[sid] for sid in order)
        if key not in contents_fits:
            contents_fits[key] = _fit_booklet_contents(canvas, pack, order, pages)
        contents = contents_fits[key]
        numbers: dict[str, int] = {}
        notes_before: set[str] = set()
        page = len(contents.tops) + 1
        for sid in order:
            if len(laid[sid].tops) > 1 and page % 2:
                notes_before.add(sid)
                page += 1
            numbers[sid] = page
            page += len(laid[sid].tops)
        if numbers == pages:
            return _BookletPlan(contents, pages, laid, notes_before)
        pages = numbers
    raise HandoutError("the booklet's page numbers did not settle")  # never seen


SITUATIONS_BOOKMARK = "Situations"
SHARED_STEPS_BOOKMARK = "Shared steps"


def booklet_bookmarks(pack: Pack, order: Sequence[str], pages: Mapping[str, int]) -> tuple[Bookmark, ...]:
    """The booklet's bookmarks (the outline a PDF viewer lists in its sidebar): its contents, then each entry
    ("S06 · title") at the page it starts on (``pages``, from 1), the situations and the shared steps each
    under a heading of their own, in the booklet's order."""
    situations: list[Bookmark] = []
    shared: list[Bookmark] = []
    for sid in order:
        scenario = pack.scenario(sid)
        if scenario is None:
            continue
        plain_step = scenario.subflow and not _is_router(scenario)
        (shared if plain_step else situations).append(Bookmark(f"{sid} · {scenario.title}", pages[sid] - 1))
    marks = [Bookmark(CONTENTS_TITLE, 0)]
    for heading, entries in ((SITUATIONS_BOOKMARK, situations), (SHARED_STEPS_BOOKMARK, shared)):
        if entries:
            marks.append(Bookmark(heading, entries[0].page, tuple(entries)))
    return tuple(marks)


BOOKLET_NOTES_TITLE = "Notes"
BOOKLET_NOTES_WHY = ("This page is left for notes. {scenario_id}, “{title}”, starts on the next page, so that its {pages} "
                     "face each other when printed on both sides.")
NOTES_RULE_SPACING_PT = 24.0  # a handwritten line's height
NOTES_RULE_COLOUR = "#a0a0a0"  # light: lines to write on, not to read


def _draw_notes_page(canvas: _Canvas, pack: Pack, before: str, pages: int) -> None:
    """A notes page, before a booklet entry on ``pages`` pages: its title, why it is there, and ruled lines
    to write on, down to the footer."""
    size = BOOKLET_POINT_SIZES[0]
    scenario = pack.scenario(before)
    title = scenario.title if scenario is not None else before
    why = BOOKLET_NOTES_WHY.format(scenario_id=before, title=title, pages="two pages" if pages == 2 else "first two pages")
    body = (f"<p style='margin:0'><span style='font-size:{size * 1.5:.1f}pt'><b>{_e(BOOKLET_NOTES_TITLE)}</b></span></p>"
            f"<p style='margin-top:{_m(2)}; margin-bottom:0'><i>"
            f"{_e(why)}</i></p>")
    doc = _document(canvas.writer, body, size, canvas.width)
    painter = canvas.painter
    doc.drawContents(painter, QRectF(0, 0, canvas.width, doc.size().height()))
    painter.save()
    pen = QPen(QColor(NOTES_RULE_COLOUR))
    pen.setWidthF(canvas.writer.logicalDpiY() * GRID_BORDER / 96)
    painter.setPen(pen)
    spacing = canvas.writer.logicalDpiY() * NOTES_RULE_SPACING_PT / 72
    y = doc.size().height() + spacing
    while y < canvas.body_height - spacing / 2:
        painter.drawLine(QPointF(0, y), QPointF(canvas.width, y))
        y += spacing
    painter.restore()


def write_booklet_pdf(pack: Pack, path: str | Path, scenario_ids: Sequence[str] | None = None,
                      progress: Progress | None = None) -> int:
    """The quick-reference booklet: its contents, then a page per scenario (two when it would not fit one in
    readable type, facing each other), then one per shared step they use. ``progress`` counts the scenarios and
    shared steps laid out, then drawn: it reaches its end when the last page is drawn, not when the layout is
    (half the time before). The PDF has bookmarks to the contents and each entry (booklet_bookmarks).

    Returns the number of pages."""
    ids = list(scenario_ids) if scenario_ids is not None else booklet_scenarios(pack)
    if not ids:
        raise HandoutError("there are no scenarios to put in the booklet")
    for sid in ids:
        if pack.scenario(sid) is None:
            raise HandoutError(f"there is no scenario {sid!r} in this data pack")
    order = booklet_pages(pack, ids)
    used_by: dict[str, list[str]] = {}
    for sid in order:
        for sub in own_map(pack, sid).shared:
            if (step := pack.scenario(sub)) is not None and step.subflow:  # S13 is no part of FORCE
                used_by.setdefault(sub, []).append(sid)

    def draw(canvas: _Canvas) -> _Drawn:
        plan = _booklet_plan(canvas, pack, order, used_by, progress)
        n = 0

        def next_page() -> None:
            nonlocal n
            if n:
                canvas.writer.newPage()
            n += 1

        def footer() -> None:
            _footer(canvas, f"{APP_NAME} quick reference", pack, f"Page {n} of {plan.total}")

        def draw_entry(fit: _BookletFit) -> None:
            bottoms = [*fit.tops[1:], fit.doc.size().height()]
            for part, (top, bottom) in enumerate(zip(fit.tops, bottoms, strict=True)):
                next_page()
                canvas.painter.save()
                start = top
                if part:  # the entry's name, then its part from the rule above the first row
                    header = fit.header(part)
                    header.drawContents(canvas.painter, QRectF(0, 0, canvas.width, header.size().height()))
                    start = top - fit.above(top)
                    canvas.painter.translate(0, _continued_booklet_space(canvas, fit, part, top) - fit.above(top))
                canvas.painter.translate(0, -start)
                fit.doc.drawContents(canvas.painter, page_clip(start, fit.end(bottom), canvas.width))
                canvas.painter.restore()
                footer()

        draw_entry(plan.contents)
        for drawn, sid in enumerate(order, 1):
            fit = plan.laid[sid]
            if sid in plan.notes_before:
                next_page()
                _draw_notes_page(canvas, pack, sid, len(fit.tops))
                footer()
            draw_entry(fit)
            if progress:
                progress(len(order) + drawn, 2 * len(order))
        return _Drawn(plan.total, lambda: booklet_bookmarks(pack, order, plan.pages))

    return _write_pdf(Path(path), f"Quick reference — {APP_NAME}", draw)
