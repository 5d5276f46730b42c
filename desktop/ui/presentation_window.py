"""Presentation mode for trainers: one scenario step at a time, full screen, projector-sized type.

Keys (keyboard or presentation clicker): the table in keys.py (SLIDE_*), which the key handler, the status line,
the hints and Help → Keyboard keys all read. With the answers shown, "next" points at each answer in turn and
Enter (a two-button clicker's back key) picks the one pointed at.
The outcome stays hidden until the trainer reveals it, so the room can discuss first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import html
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, paths
from desktop.domain import walkthrough as wt
from desktop.domain import wizard
from desktop.domain.model import (
    CAUTION_KINDS,
    CAUTION_MARK,
    VERDICT_LABELS,
    Outcome,
    Pack,
    Question,
    caution_marked,
    format_day,
    plain_spaces,
    unbroken_with_note,
)
from desktop.domain.rescission import rescinded_citations, rescission_warning
from desktop.ui.dialog_memory import save_file_name
from desktop.ui.keys import (
    END_PRESENTING,
    FULL_SCREEN,
    PLAYLIST,
    PRESENT,
    SLIDE_ANSWER_DIGITS,
    SLIDE_BACK,
    SLIDE_BLANK,
    SLIDE_CLICKER_PICK,
    SLIDE_LAW,
    SLIDE_NEXT,
    SLIDE_PICK,
    SLIDE_RESTART,
    digits,
    key_range,
    qt_key,
    qt_keys,
    shown,
)
from desktop.ui.widgets import (
    most_that_fits,
    no_main_window,
    repolish,
    room_small_px,
    room_status_px,
    said,
    without_stock_icons,
)

if TYPE_CHECKING:
    from desktop.domain.playlist import Playlist

#: keys a keyboard sends alone before the key they are held with: not "any other key" after one Esc
_MODIFIER_KEYS = frozenset({Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr})
MAX_TRAIL_STEPS = 4  # older answers collapse into "… 3 earlier answers" so the question keeps its size
MAX_CHOICES = 9

#: Relative type sizes (times the fitted base size) of each text on a slide.
WEIGHTS = {
    "presentationTrail": 0.42,
    "presentationKicker": 0.45,
    "presentationHeading": 1.0,
    "presentationDetail": 0.55,
    "choice": 0.72,
    "presentationVerdict": 1.15,
    "presentationRescinded": 0.5,
    "presentationHeadline": 0.78,
    "presentationBody": 0.5,
    "presentationHint": 0.42,
}
BOLD = {"presentationKicker", "presentationHeading", "presentationVerdict", "presentationHeadline"}
MIN_BASE_PX, SPACING_EM = 14, 0.32
SMALL_WEIGHT = 0.6  # texts weighed below this are the slide's small words, kept above a floor in _fit
MAIN_ABOVE_SMALL_PX = 2  # the main lines (question, answers, verdict, headline) at least this much above that floor
CLOSE_SIZE = 48  # the ✕ in the corner: a finger's width
#: The officer's themes whose slides change presentation.qss's white on black: black on white in the day theme
#: (for a lit room), no dim greys in high contrast. Each file is read after presentation.qss.
THEME_SHEETS = {"day": "presentation-day.qss", "contrast": "presentation-contrast.qss"}
#: The slides' words to the room while it is to talk (a question before its answers, an answer before it is
#: revealed); the keys are the trainer's, in the status line under the slide, as are what the next key shows.
#: The slides said "Discuss. Press → to show the answers.", "Press → for why, and what not to do." to the room.
DISCUSS = "Discuss."
NEXT_DOES = {wt.TITLE: "begin", wt.QUESTION: "answers", wt.CHOICES: "point", wt.OUTCOME_HIDDEN: "reveal",
             wt.OUTCOME: "why"}
BULLET = "•  "  # a slide line that starts so is a list item: its wrapped lines hang under its words
#: A list item on a slide: a bullet or an answer's number, two or three spaces, then its words.
_ITEM = re.compile(r"(•|[1-9])  {1,2}(\S.*)")


def hanging_html(text: str) -> str:
    """Plain slide text as rich text in which each list item (``BULLET``…, or an answer's "3   …") hangs:
    its wrapped lines start under its words, not under its marker. Every word is escaped: pack text is
    never read as markup.

    The officer's screens hang their lists with ``widgets.HangingList`` (a label per item, quick to lay
    out again on every wizard step); a slide keeps one label per text instead, because ``_fit`` sizes the
    type of each label to fill the screen, so its lists are one rich-text table."""
    blocks: list[str] = []
    items: list[tuple[str, str]] = []

    def words(line: str) -> str:
        return html.escape(line).replace("  ", "&nbsp; ")  # runs of spaces (around "→") kept

    def end_list() -> None:
        if items:
            rows = "".join(f"<tr><td>{marker}&nbsp;&nbsp;&nbsp;</td><td>{item}</td></tr>" for marker, item in items)
            blocks.append(f'<table cellspacing="0" cellpadding="0">{rows}</table>')
            items.clear()

    for line in text.split("\n"):
        item = _ITEM.fullmatch(line)
        if item:
            items.append((item.group(1), words(item.group(2))))
            continue
        end_list()
        blocks.append(f"<div>{words(line) or '&nbsp;'}</div>")
    end_list()
    return "".join(blocks)


def _document(rich_text: str) -> QTextDocument:
    """A slide's rich text as its label lays it out: no margin around it."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setHtml(rich_text)
    return document


def _style_sheet(theme: str = "night") -> str:
    """The slides' style: white on black, or in the officer's day theme (a lit room) black on white, and in
    high contrast white on black without dim greys."""
    folder = paths.resources_dir() / "styles"
    try:
        sheet = (folder / "presentation.qss").read_text(encoding="utf-8")
    except OSError:  # a missing style file gives Qt's default look, never a crash
        sheet = "#presentationWindow, #presentationContent, #presentationBlank { background: black; color: white; }"
    if theme in THEME_SHEETS:
        try:
            sheet += "\n" + (folder / THEME_SHEETS[theme]).read_text(encoding="utf-8")
        except OSError:
            pass  # white on black, as at night
    return sheet


def _first(keys: tuple[str, ...]) -> str:
    """The first of a line's keys of the table (keys.py), as Help → Keyboard keys writes it: the slides' hints and
    status line name their keys from the table the key handler reads, so a key changed there changes their words."""
    return shown(keys[0])


def _marked_cites(pack: Pack, outcome: Outcome) -> list[str]:
    """An outcome's citations as a slide names them, each needing care marked ⚠."""
    return [caution_marked(pack.citation_text(c)) if pack.cite_needs_caution(c) else pack.citation_text(c)
            for c in outcome.cites]


def _label(name: str, accessible: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setTextFormat(Qt.TextFormat.PlainText)  # pack text is never interpreted as HTML
    label.setWordWrap(True)
    label.setIndent(0)  # measured as painted (see WrapLabel); the QSS padding makes the room
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


class PresentationWindow(QWidget):
    """A standalone top-level window that walks a playlist of scenarios for a room."""

    slide_changed = Signal(str)  # the stage now shown (see desktop.domain.walkthrough.STAGES)
    blank_toggled = Signal(bool)
    presentation_closed = Signal()

    def __init__(self, pack: Pack, scenario_ids: Sequence[str], title: str = "",
                 parent: QWidget | None = None, today: Callable[[], dt.date] = dt.date.today,
                 theme: str = "night") -> None:
        """``theme``: the officer's theme; in the day theme (a lit room) the slides are black on white."""
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.walk = wt.Walkthrough(pack, list(scenario_ids))  # raises WizardError for unknown ids
        self.pack = pack
        self.title = title
        self._today = today  # asked at each outcome slide: an answer resting on rescinded law says so that day
        self.highlight: int | None = None
        self._blanked = False
        self._law_shown = False  # the law an answer cites, over its slide (toggle_law)
        #: Esc pressed once: the slide as it was before "Press Esc again to end" took the hint's place (end_presenting)
        self._ending: tuple[dict[QLabel, str], bool] | None = None
        #: a key's words in the hint's place (_say): the slide as it was before them, shown again by the next key
        self._unsaid: dict[QLabel, str] | None = None
        self._sizes: dict[str, int] = {}
        self._sheet = ""  # the style sheet last set (sizes and theme): setting it again re-polishes every label
        self._polished: dict[QLabel, object] = {}  # the [verdict] and [highlighted] values the labels show
        self.theme = theme
        self._base_qss = _style_sheet(theme)

        self.setObjectName("presentationWindow")
        self.setAccessibleName("Presentation")
        self.setWindowTitle(f"{title or 'Presentation'} — {APP_NAME}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

        self._stack = QStackedLayout(self)
        self.content = QWidget(self)
        self.content.setObjectName("presentationContent")
        self.content.setAccessibleName("Slide")
        self.content.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.blank = QWidget(self)
        self.blank.setObjectName("presentationBlank")
        self.blank.setAccessibleName("Blank screen")
        self.blank.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._stack.addWidget(self.content)
        self._stack.addWidget(self.blank)

        layout = QVBoxLayout(self.content)
        self._layout = layout
        # The slide is fitted to the window, never the other way round: no minimum size from the text.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._stack.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.trail = _label("presentationTrail", "Answers so far", self.content)
        self.kicker = _label("presentationKicker", "Scenario", self.content)
        self.heading = _label("presentationHeading", "Question", self.content)
        self.detail = _label("presentationDetail", "Detail", self.content)
        self.choices = []
        for n in range(1, MAX_CHOICES + 1):
            choice = _label(f"presentationChoice{n}", f"Answer {n}", self.content)
            choice.setProperty("choice", True)
            choice.setProperty("highlighted", False)
            choice.installEventFilter(self)
            self.choices.append(choice)
        self.verdict = _label("presentationVerdict", "Verdict", self.content)
        self.verdict.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Minimum)
        self.rescinded = _label("presentationRescinded", "Caution", self.content)
        self.headline = _label("presentationHeadline", "Outcome", self.content)
        self.body = _label("presentationBody", "What to do, and the law", self.content)
        self.hint = _label("presentationHint", "What happens next", self.content)
        self._lists = (self.trail, self.body, *self.choices)  # shown as hanging lists (hanging_html)
        for label in self._lists:
            label.setTextFormat(Qt.TextFormat.RichText)
        self._plain: dict[QLabel, str] = {}  # each text as set (slide_text: as plain words, for screen readers)
        self.status = _label("presentationStatus", "Where we are", self.content)
        self.status.setWordWrap(False)
        for widget in (self.trail, self.kicker, self.heading, self.detail, *self.choices):
            layout.addWidget(widget)
        layout.addWidget(self.verdict, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (self.rescinded, self.headline, self.body, self.hint):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.status)
        self._fitted = [self.trail, self.kicker, self.heading, self.detail, *self.choices,
                        self.verdict, self.rescinded, self.headline, self.body, self.hint]
        # The way out on a touch screen, where there is no Esc key (F5 in the officer window, a tap on a
        # laptop's trackpad): in a corner, out of the slide's layout, dim until pointed at.
        self.close_button = QPushButton("✕", self.content)
        self.close_button.setObjectName("presentationClose")
        self.close_button.setAccessibleName("End the presentation")
        self.close_button.setToolTip("End the presentation (Esc)")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the slides
        self.close_button.setFixedSize(CLOSE_SIZE, CLOSE_SIZE)
        self.close_button.clicked.connect(self.close)
        self.setStyleSheet(self._base_qss)
        self._render()

    # -- state ---------------------------------------------------------------------------------
    @property
    def stage(self) -> str:
        return self.walk.stage

    def is_blanked(self) -> bool:
        return self._blanked

    def outcome_visible(self) -> bool:
        return self.verdict.isVisibleTo(self) and self.stage in wt.REVEALED

    def visible_choices(self) -> list[str]:
        return [self.slide_text(c) for c in self.choices if c.isVisibleTo(self)]

    # -- actions -------------------------------------------------------------------------------
    def next(self) -> None:
        if self._unblank():
            return
        if self.stage == wt.CHOICES and self.walk.question is not None:
            # 1, 2, … the last, then none (where PageUp goes back again), then 1 again
            count = len(self.walk.question.choices)
            self.highlight = 1 if self.highlight is None else (self.highlight + 1 if self.highlight < count else None)
            self._show_highlight()
            return
        if self.walk.next():
            self._render()

    def back(self) -> None:
        if self._unblank():
            return
        if self.walk.back():
            self._render()
        else:  # a clicker's back key on the first slide did nothing the room or the trainer could see: say why
            self._say(f"This is the first slide. Press {_first(SLIDE_NEXT)} to begin.")

    def toggle_law(self) -> None:
        """On an answer's slides, the law it cites: each citation with its provision's title, for the trainee who
        asks what "5 ILCS 805/15(h)" is (the slides showed only citations, and the way to the provisions was to
        end the presentation, which starts again at the first slide). Again, or a step key, back to the answer.
        Never before the answer is revealed: the law would give it away."""
        if self._unblank():
            return
        if self.stage not in wt.REVEALED:
            self._say(f"The law shows with the answer: press {_first(SLIDE_LAW)} on it.")
            return
        self._show_texts(self._law_texts())
        self._law_shown = True
        self._show_status()
        self.setAccessibleDescription(self._spoken_summary())
        self._fit()

    def end_presenting(self) -> None:
        """Esc: on the end slide, or pressed again, end the presentation; else first ask, the slide as it is. A
        clicker's Esc ("stop") or a key hit by mistake ended it at once, and reopening starts at the first slide:
        the trainer lost the room's place. Any other key goes on (it does what it does); the ✕ ends at once."""
        if self.stage == wt.END or self._ending is not None:
            self.close()
            return
        if self._blanked:  # the question must be seen
            self.toggle_blank()
        before = (dict(self._unsaid or self._plain), self._law_shown)  # without an earlier key's words
        self._say(f"Press {_first(END_PRESENTING)} again to end — any other key goes on.")
        self._law_shown, self._ending = before[1], before

    def _keep_presenting(self) -> None:
        """A key or click after one Esc: the slide as it was, without "Press Esc again to end"."""
        if self._ending is not None:
            texts, law_shown = self._ending
            self._show_texts(texts)
            self._law_shown = law_shown
            self.setAccessibleDescription(self._spoken_summary())
            self._fit()

    def _say(self, words: str) -> None:
        """Say ``words`` in the hint's place, the slide as it is (a key that has nothing to do here). A screen
        reader hears them too: the focus stays on the window, so its description is what changes."""
        if self.hint.text() != words:
            unsaid = self._unsaid or dict(self._plain)
            self._show_texts({**self._plain, self.hint: words})
            self._unsaid = unsaid
            self.setAccessibleDescription(self._spoken_summary())
            self._fit()

    def _unsay(self) -> None:
        """The next key after a key's words (_say): the slide without them. → pointing at the answers, or B
        twice, left "There is no answer 9: pick 1 – 7." under the answers while the trainer went on."""
        if self._unsaid is not None:
            law_shown = self._law_shown
            self._show_texts(self._unsaid)
            self._law_shown = law_shown
            self.setAccessibleDescription(self._spoken_summary())
            self._fit()

    def choose(self, number: int) -> None:
        """A digit: pick that answer. Where none shows with that number, say why (the key did nothing the trainer
        could see: 2 called out by the room and pressed on the question, before its answers, or 5 of 2 answers)."""
        if self._unblank():
            return
        question = self.walk.question
        if self.walk.choose(number):
            self._render()
        elif self.stage in (wt.QUESTION, wt.CHOICES) and question is not None:
            count = len(question.choices[:MAX_CHOICES])
            answers = key_range(digits((1, count)))
            if self.stage == wt.CHOICES:
                self._say(f"There is no answer {number}: pick {answers}.")
            elif number <= count:
                self._say(f"The answers show first: press {_first(SLIDE_NEXT)}, then {number}.")
            else:  # "press →, then 7" under a question of 2 answers sent the trainer to a second dead key
                self._say(f"There is no answer {number}: press {_first(SLIDE_NEXT)}, then pick {answers}.")
        elif self.stage == wt.TITLE:  # 1 pressed on a scenario's title, as the room called out an answer
            self._say(f"No question yet: press {_first(SLIDE_NEXT)} to begin.")
        elif self.stage == wt.OUTCOME_HIDDEN or self.stage in wt.REVEALED:  # a late answer called out: change it
            self._say(f"The answer is picked: {_first(SLIDE_BACK)} steps back to its question.")
        elif self.stage == wt.END:
            self._say(f"The session is over: press {_first(END_PRESENTING)} to close the slides.")

    def confirm(self) -> None:
        """Enter: pick the answer pointed at, else the same as next."""
        if self.stage == wt.CHOICES and self.highlight is not None and not self._blanked:
            self.choose(self.highlight)
        else:
            self.next()

    def restart_scenario(self) -> None:
        if self._unblank():
            return
        if self.walk.restart_scenario():
            self._render()

    def toggle_blank(self) -> None:
        self._blanked = not self._blanked
        self._stack.setCurrentWidget(self.blank if self._blanked else self.content)
        self.setAccessibleDescription("Screen blanked" if self._blanked else self._spoken_summary())
        self.blank_toggled.emit(self._blanked)

    def _unblank(self) -> bool:
        """Any step key while blanked, or over the law an answer cites, only brings the slide back (nothing moves
        unseen)."""
        if self._blanked:
            self.toggle_blank()
            return True
        if self._law_shown:
            self._render()
            return True
        return False

    # -- events --------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        """The keys Help → Keyboard keys names for the slides (keys.SLIDES_KEYS), one step a press: a key held, or a
        clicker's button pressed long, repeats, and ran past the slide the room was to discuss (the hidden answer)."""
        if event.isAutoRepeat():
            event.accept()
            return
        key = event.key()
        if key not in qt_keys(END_PRESENTING) and key not in _MODIFIER_KEYS:  # Shift+Esc twice ends, as Esc twice
            self._keep_presenting()
            self._unsay()
        numbers = {qt_key(digit): int(digit) for digit in digits(SLIDE_ANSWER_DIGITS)}
        if key in numbers:
            self.choose(numbers[key])
        elif key in qt_keys(SLIDE_PICK):
            self.confirm()
        elif key in qt_keys(SLIDE_NEXT):
            self.next()
        elif key in qt_keys(SLIDE_CLICKER_PICK) and self.stage == wt.CHOICES and self.highlight is not None:
            # a two-button clicker (PageDown and PageUp, or N and P) has no Enter: its next key points, its back key picks
            self.confirm()
        elif key in qt_keys(SLIDE_BACK):
            self.back()
        elif key in qt_keys(SLIDE_BLANK):
            self.toggle_blank()
        elif key in qt_keys(SLIDE_RESTART):
            self.restart_scenario()
        elif key in qt_keys(SLIDE_LAW):
            self.toggle_law()
        elif key in qt_keys(FULL_SCREEN):
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        elif key in qt_keys(END_PRESENTING):
            self.end_presenting()
        elif key == Qt.Key.Key_F5:
            pass  # clickers send F5 to "start the show": we are already presenting
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        self._keep_presenting()
        self._unsay()
        if event.button() == Qt.MouseButton.LeftButton:
            self.next()
        elif event.button() == Qt.MouseButton.RightButton:
            self.back()
        event.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (event.type() == QEvent.Type.MouseButtonPress and watched in self.choices
                and isinstance(event, QMouseEvent) and event.button() == Qt.MouseButton.LeftButton
                and self.stage == wt.CHOICES):
            self.choose(self.choices.index(watched) + 1)  # type: ignore[arg-type]
            return True
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.close_button.move(self.width() - CLOSE_SIZE - 8, 8)
        self.close_button.raise_()
        self._fit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.presentation_closed.emit()
        super().closeEvent(event)

    # -- drawing -------------------------------------------------------------------------------
    def _trail_text(self) -> str:
        steps = self.walk.trail
        lines = []
        if len(steps) > MAX_TRAIL_STEPS:
            hidden = len(steps) - MAX_TRAIL_STEPS
            lines.append(f"… {hidden} earlier answer{'s' if hidden > 1 else ''}")
            steps = steps[-MAX_TRAIL_STEPS:]
        lines.extend(f"{BULLET}{s.prompt}  →  {s.answer}" for s in steps)
        return "\n".join(lines)

    @staticmethod
    def _outcome_body(pack: Pack, outcome: Outcome, detail: bool, say: bool = False) -> str:
        """First slide: what to do and the law. Second (``detail``): what not to do, and why. Third
        (``say``): the words to say, which the room role-plays."""
        if say:
            return "What to say:\n" + "\n".join(f"{BULLET}“{item}”" for item in outcome.say)
        parts = []
        if not detail:
            if outcome.do:
                parts.append("Do:\n" + "\n".join(f"{BULLET}{item}" for item in outcome.do))
            cites = _marked_cites(pack, outcome)
            law = "Law: " + "; ".join(unbroken_with_note(c) for c in cites)  # "8 U.S.C. §" and "1373" were two lines
            if any(c.endswith(CAUTION_MARK) for c in cites):
                law += f"\n{CAUTION_MARK} {CAUTION_KINDS}: check the app before relying on it."
            parts.append(law)
        else:
            if outcome.do_not:
                parts.append("Do not:\n" + "\n".join(f"{BULLET}{item}" for item in outcome.do_not))
            parts.append(f"Why: {outcome.rationale}")
        return "\n\n".join(parts)

    def _law_texts(self) -> dict[QLabel, str]:
        """The law slide over an answer: its verdict and headline, then each citation with its provision's title."""
        outcome = self.walk.outcome
        assert outcome is not None
        lines, cites = [], _marked_cites(self.pack, outcome)
        for cite, marked in zip(outcome.cites, cites, strict=True):
            provision = self.pack.provision(cite.provision_id)
            lines.append(f"{BULLET}{unbroken_with_note(marked)}" + (f": {provision.title}" if provision else ""))
        if any(marked.endswith(CAUTION_MARK) for marked in cites):
            lines.append(f"{CAUTION_MARK} {CAUTION_KINDS}: check the app before relying on it.")
        return {self.kicker: f"The law cited  ·  {VERDICT_LABELS[outcome.verdict]}", self.heading: outcome.headline,
                self.rescinded: rescission_warning(rescinded_citations(self.pack, outcome, self._today())),
                self.body: "\n".join(lines)}

    def _show_texts(self, texts: dict[QLabel, str]) -> None:
        """Show ``texts`` on the slide, each label not in it hidden (then _fit sizes them); the answer pointed at
        stays pointed at."""
        self._law_shown = False
        self._ending = None
        self._unsaid = None
        self._plain = {label: texts.get(label, "") for label in self._fitted}
        for label, text in self._plain.items():
            label.setText(hanging_html(text) if label in self._lists and text else text)
            label.setVisible(bool(text))
            if label.property("choice"):
                label.setProperty("highlighted", self.choices.index(label) + 1 == self.highlight)

    def _render(self) -> None:
        walk, stage = self.walk, self.walk.stage
        scenario = walk.scenario
        self.highlight = None
        texts: dict[QLabel, str] = {}
        walking = (wt.QUESTION, wt.CHOICES, wt.OUTCOME_HIDDEN, *wt.REVEALED)
        texts[self.trail] = self._trail_text() if stage in walking else ""
        if stage == wt.TITLE:
            texts[self.kicker] = f"Scenario {walk.counter}" + (f"  ·  {self.title}" if self.title else "")
            texts[self.heading] = scenario.title
            texts[self.detail] = scenario.summary
        elif stage in (wt.QUESTION, wt.CHOICES):
            question = walk.question
            assert question is not None
            texts[self.heading] = question.prompt
            texts[self.detail] = f"How to tell: {question.help}" if question.help else ""
            if stage == wt.QUESTION:
                texts[self.hint] = DISCUSS  # for the room; the key that shows the answers is the status line's
            else:
                texts.update(self._answer_texts(question))
        elif stage == wt.OUTCOME_HIDDEN:
            texts[self.heading] = "What should the officer do?"
            texts[self.hint] = DISCUSS
        elif stage in wt.REVEALED:
            assert walk.outcome is not None
            self.verdict.setProperty("verdict", walk.outcome.verdict)
            texts.update(self._revealed_texts(stage))
        elif stage == wt.END:
            texts[self.kicker] = self.title or "Presentation"
            texts[self.heading] = "End of the session."
            texts[self.detail] = (f"{len(walk.scenario_ids)} scenario{'s' if len(walk.scenario_ids) > 1 else ''} "
                                  f"from data version {self.pack.meta.data_version} "
                                  f"(as of {format_day(self.pack.meta.as_of)}).")
        self._show_texts(texts)
        self._show_status()
        self.setAccessibleDescription(self._spoken_summary())
        self._fit()
        self.slide_changed.emit(stage)

    def _show_status(self) -> None:
        """The status line: the scenario, where the class is, and the keys that do something on the slide shown."""
        walk = self.walk
        where = f"{walk.scenario.scenario_id}  ·  {walk.counter}" if walk.stage != wt.END else walk.counter
        self.status.setText(f"{where}     {self._key_help()}")

    def _key_help(self) -> str:
        """The keys that do something on the slide shown, the first of each in the table the key handler and
        Help → Keyboard keys read: → next   ← back   1 – 2 answer   L law   B blank   Esc end. The line named every
        key on every slide: "1 – 9 answer" and "L law" on the end slide, "← back" on the first."""
        stage, law_shown = self.stage, self._law_shown
        question = self.walk.question if stage == wt.CHOICES else None
        answers = key_range(digits((1, len(question.choices[:MAX_CHOICES])))) if question is not None else ""
        return "   ".join(f"{named} {does}" for named, does, does_something in (
            # what next shows (the slides' "Press → for why, and what not to do." said it to the room); with the answers
            # shown, next points at each in turn, and with one pointed at, Enter (a clicker's back key) picks it
            (_first(SLIDE_NEXT), self._next_does(), stage != wt.END and not law_shown),
            (f"{_first(SLIDE_PICK)} or {_first(SLIDE_CLICKER_PICK)}", "pick", question is not None and self.highlight is not None),
            (_first(SLIDE_BACK), "back", self.walk.can_go_back and not law_shown),
            (answers, "answer", question is not None),
            # L again, or a step key, back to the answer (the slide said "Press L or → to go back to the answer.")
            (f"{_first(SLIDE_LAW)} or {_first(SLIDE_NEXT)}" if law_shown else _first(SLIDE_LAW),
             "answer" if law_shown else "law", stage in wt.REVEALED),
            (_first(SLIDE_BLANK), "blank", True),
            (_first(END_PRESENTING), "end", True)) if does_something)

    def _next_does(self) -> str:
        """What the next key does on the slide shown, in the status line's words: begin, answers, point, reveal,
        why, what to say, scene safe: go on (after the public-safety steps), next scenario, finish."""
        walk, stage = self.walk, self.walk.stage
        if stage == wt.OUTCOME_DETAIL and walk.outcome is not None and walk.outcome.say:
            return "what to say"
        if stage in (wt.OUTCOME_DETAIL, wt.OUTCOME_SAY):
            if walk.resumes_when_safe is not None:
                return "scene safe: go on"
            return "finish" if walk.position.index + 1 >= len(walk.scenario_ids) else "next scenario"
        return NEXT_DOES.get(stage, "next")

    def _revealed_texts(self, stage: str) -> dict[QLabel, str]:
        """The outcome's slide at ``stage`` (one of walkthrough.REVEALED), without the trail of answers."""
        outcome = self.walk.outcome
        assert outcome is not None
        return {
            self.verdict: VERDICT_LABELS[outcome.verdict],
            self.rescinded: rescission_warning(rescinded_citations(self.pack, outcome, self._today())),
            self.headline: outcome.headline,
            self.body: self._outcome_body(self.pack, outcome, detail=stage == wt.OUTCOME_DETAIL,
                                          say=stage == wt.OUTCOME_SAY),
        }

    def _answer_texts(self, question: Question) -> dict[QLabel, str]:
        """The answers of a question, numbered, and no hint: the keys that pick one are the status line's (the room
        read a large yellow "Press 1 – 2 to choose, or point with → and pick with Enter (a clicker: PageDown points,
        PageUp picks)" under every question's answers, the trainer's instructions louder than the answers)."""
        texts = {self.choices[n - 1]: f"{n}   {choice.label}" for n, choice in enumerate(question.choices[:MAX_CHOICES], 1)}
        texts[self.hint] = ""
        return texts

    def _slides_to_fit(self) -> list[dict[QLabel, str]]:
        """The slide shown and, while its question is discussed, the same question with its answers: one type
        size for both, so the question does not shrink when its answers appear (62 px, then 40 px). An
        outcome's slides (what to do, why, what to say) share one size too: its verdict and headline, shown on
        each, kept their place and size as the trainer stepped through them (at 1024 × 768 S22's PERMITTED
        was 24 px beside what to do and 41 px beside what to say)."""
        shown = {label: text for label, text in self._plain.items() if text}
        stage = self.walk.stage
        if self._law_shown:
            return [shown]
        if stage in wt.REVEALED:
            stages = [wt.OUTCOME, wt.OUTCOME_DETAIL] + ([wt.OUTCOME_SAY] if self.walk.outcome.say else [])
            return [{**shown, **{lb: t for lb, t in self._revealed_texts(s).items() if t}} for s in stages]
        question = self.walk.question if stage == wt.QUESTION else None
        if question is None:
            return [shown]
        return [shown, {lb: t for lb, t in {**shown, **self._answer_texts(question)}.items() if t}]

    def _spoken_summary(self) -> str:
        """The slide as a screen reader hears it: a citation's ⚠ as "caution" (it read "warning sign"), without the
        bullets before its lines."""
        return " ".join(said(self.slide_text(label)) for label in self._fitted if label.isVisibleTo(self))

    def slide_text(self, label: QLabel) -> str:
        """What ``label`` shows now, as plain words (without the no-break spaces and word joiners that keep a
        citation on one line)."""
        return plain_spaces(self._plain.get(label, label.text()))

    def _show_highlight(self) -> None:
        for n, label in enumerate(self.choices, 1):
            label.setProperty("highlighted", n == self.highlight)
        self._show_status()  # Enter (a clicker's back key) picks the answer pointed at
        self._apply_sizes()  # re-polishes, so the highlighted answer picks up its QSS colours

    # -- fitting the type to the screen --------------------------------------------------------
    def _text_height(self, label: QLabel, px: int, width: int, text: str,
                     document: QTextDocument | None = None) -> int:
        """How tall ``label`` is with ``text`` (plain words; a list's are laid out as it shows them) at ``px``."""
        font = QFont(self.font())
        font.setPixelSize(max(1, px))
        font.setBold(label.objectName() in BOLD)
        margins = label.contentsMargins()
        inner = max(50, width - margins.left() - margins.right())
        if label in self._lists:  # rich text: measured as the label lays it out (a document, no margin)
            document = document or _document(hanging_html(text))
            document.setDefaultFont(font)
            document.setTextWidth(inner)
            height = round(document.size().height())
        else:
            height = QFontMetrics(font).boundingRect(QRect(0, 0, inner, 1_000_000), Qt.TextFlag.TextWordWrap,
                                                     text).height()
        return height + margins.top() + margins.bottom()

    @staticmethod
    def _weight(label: QLabel) -> float:
        return WEIGHTS["choice" if label.property("choice") else label.objectName()]

    def _fit(self) -> None:
        """The largest type that fits the whole slide on screen (projectors cannot scroll)."""
        width, height = max(self.width(), 320), max(self.height(), 240)
        margin = max(16, round(min(width, height) * 0.04))
        status_px = room_status_px(height)
        right = max(margin, CLOSE_SIZE + 16)  # no words under the ✕ in the corner
        self._layout.setContentsMargins(margin, margin, right, round(margin / 2))
        slides = self._slides_to_fit()
        available = height - margin * 1.5 - status_px * 2.6
        inner_width = width - margin - right
        low, high = MIN_BASE_PX, max(MIN_BASE_PX, round(min(height / 9, width / 16)))

        # each rich-text list read once, then measured at every size the search tries
        # (the shown slide's lists are already rich text in their labels: not made again)
        documents = {(lb, text): _document(lb.text() if self._plain.get(lb) == text else hanging_html(text))
                     for slide in slides for lb, text in slide.items() if lb in self._lists}

        # Small words (the trail of answers, the hint, "How to tell", the outcome's lists) never go below the
        # status line's size and a little: fitted with the rest, the trail fell to 13 px at 1280 × 720,
        # smaller than the 15 px status line; the question shrinks a little more instead.
        # The main lines keep above the small words: fitted alone, S22's headline (the answer) was 16 px at
        # 1024 × 768 under 19 px lists of what to do, the smallest words on its slide.
        floor = room_small_px(height)

        def px(label: QLabel, base: int) -> int:
            weight = self._weight(label)
            return max(floor if weight < SMALL_WEIGHT else floor + MAIN_ABOVE_SMALL_PX, round(base * weight))

        def fits(base: int) -> bool:
            spacing = round(base * SPACING_EM)
            for slide in slides:
                total = sum(self._text_height(lb, px(lb, base), inner_width, text, documents.get((lb, text)))
                            for lb, text in slide.items())
                if total + spacing * len(slide) > available * 0.96:
                    return False
            return True

        low = most_that_fits(low, high, fits)
        self._layout.setSpacing(round(low * SPACING_EM))
        sizes = {"presentationStatus": status_px}
        for label in self._fitted:
            sizes[label.objectName()] = max(10, px(label, low))
        if self.walk.stage in wt.REVEALED:
            # the verdict and headline keep one size across the outcome's slides; the lists under them (what to
            # do and the law, why, what to say; the law cited) take the room the slide shown leaves, set under the
            # headline: fitted to the fullest slide, S22's lines to role-play were 18 px at 1280 × 720, half empty
            shown = {lb: text for lb, text in {**self._plain, **({} if self._law_shown else self._revealed_texts(
                self.walk.stage))}.items() if text}
            body = shown.get(self.body, "")
            spacing = round(low * SPACING_EM)
            rest = spacing * len(shown) + sum(
                self._text_height(lb, sizes[lb.objectName()], inner_width, text, documents.get((lb, text)))
                for lb, text in shown.items() if lb is not self.body)

            def body_fits(size: int) -> bool:
                height = self._text_height(self.body, size, inner_width, body, documents.get((self.body, body)))
                return rest + height <= available * 0.96

            least = sizes[self.body.objectName()]
            if body:
                sizes[self.body.objectName()] = most_that_fits(
                    least, max(least, sizes[self.headline.objectName()] - MAIN_ABOVE_SMALL_PX), body_fits)
        if sizes != self._sizes:
            self._sizes = sizes
        self._apply_sizes()

    def set_theme(self, theme: str) -> None:
        """Show the slides in the officer's ``theme`` from now on (black on white in the day theme)."""
        if theme != self.theme:
            self.theme = theme
            self._base_qss = _style_sheet(theme)
            self._apply_sizes()

    def _apply_sizes(self) -> None:
        """Set the fitted sizes in the theme's style sheet, and show the verdict's and the answers' colours.

        The sheet is set only when it changes (new sizes, another theme): setting it re-polishes every label of the
        window, about 7 ms a slide, on every step even where the type kept its size. Otherwise only the labels whose
        [verdict] or [highlighted] property changed since they were last polished are polished again."""
        rules = "\n".join(f"#{name} {{ font-size: {px}px; }}" for name, px in self._sizes.items())
        sheet = self._base_qss + "\n" + rules
        shown = {label: label.property(name) for label, name in ((self.verdict, "verdict"),
                                                                 *((c, "highlighted") for c in self.choices))}
        if sheet != self._sheet:
            self._sheet = sheet
            self.setStyleSheet(sheet)
        else:
            for label, value in shown.items():
                if self._polished.get(label) != value:
                    repolish(label, children=False)
        self._polished = shown

    @property
    def base_font_px(self) -> int:
        """The fitted size of the main line (the question): bigger is better on a projector."""
        return self._sizes.get("presentationHeading", 0)


#: Open presentation windows by id: they have no parent, so something must keep them alive.
_open_windows: dict[int, PresentationWindow] = {}


def _forget(key: int, *_args: object) -> None:
    _open_windows.pop(key, None)


def _bring_to_front(window: QWidget) -> None:
    if QGuiApplication.platformName() != "offscreen":  # offscreen (tests, CI) cannot raise windows
        window.raise_()
        window.activateWindow()


def _presentation_screen(near: QWidget | None):
    """With a projector attached, present on the screen the trainer's window is not on."""
    screens = QGuiApplication.screens()
    own = near.screen() if near is not None else QGuiApplication.primaryScreen()
    others = [s for s in screens if s is not own]
    return others[0] if others else own


def run_presentation(pack: Pack, scenario_ids: Sequence[str], title: str = "",
                     near: QWidget | None = None, full_screen: bool = True,
                     today: Callable[[], dt.date] | None = None, theme: str | None = None) -> PresentationWindow:
    """Open the presentation full screen (on the projector when there is one) and return the window.
    ``today`` gives the day (default: the officer window ``near``'s, else the clock's), ``theme`` the look
    (default: the officer window's theme, else the one saved in the officer's settings).

    The window deletes itself when closed; a module-level set keeps it alive until then."""
    window = PresentationWindow(pack, scenario_ids, title, today=today or _day_of(near),
                                theme=theme or _theme_of(near))
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    if theme is None and (theme_changed := getattr(near, "theme_changed", None)) is not None:
        theme_changed.connect(window.set_theme)  # the room's light changed: the slides follow the officer's theme
    key = id(window)
    _open_windows[key] = window
    window.destroyed.connect(functools.partial(_forget, key))
    screen = _presentation_screen(near)
    if screen is not None:
        window.setGeometry(screen.geometry())
    if full_screen:
        window.showFullScreen()
    else:
        window.show()
    _bring_to_front(window)
    window.setFocus(Qt.FocusReason.OtherFocusReason)
    return window


def ensure_application(argv: Sequence[str] | None = None) -> QApplication:
    """The running QApplication, or a new one (for `--present`, which starts without the main window)."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    if app is not None:
        raise RuntimeError("a QGuiApplication without widgets is already running")
    QApplication.setApplicationName(APP_NAME)
    from desktop.ui.app import qt_arguments

    return QApplication([*qt_arguments(argv[0]), *argv[1:]] if argv else qt_arguments())


def _load_pack(args: argparse.Namespace) -> Pack:
    from desktop.storage.library import PackLibrary
    from desktop.storage.pack_file import load_pack

    if getattr(args, "data", None):
        return load_pack(Path(args.data)).pack
    return PackLibrary().load_active().loaded.pack


def _officer_style() -> str:
    """The officer app's theme and text size (read from its settings), for windows shown without it."""
    from desktop.ui.settings import Settings
    from desktop.ui.themes import Themes

    settings = Settings()
    try:
        return Themes().style_sheet(settings.theme, settings.text_step)
    except ValueError:
        return ""


def present_main(args: argparse.Namespace) -> int:
    """`encounter-guide --present [--scenario ID]`: the presentation alone, without the officer window.

    With --scenario, present that scenario; without, pick and order scenarios in the playlist dialog."""
    from desktop.storage.pack_file import PackError

    try:
        pack = _load_pack(args)
    except PackError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    scenario_id = getattr(args, "scenario", None)
    if scenario_id:
        scenario_id = pack.scenario_id_as_typed(scenario_id)
    if scenario_id and pack.scenario(scenario_id) is None:
        print(f"There is no scenario {scenario_id!r} in this data pack. "
              f"Try `encounter-guide scenarios` for the list.", file=sys.stderr)
        return 1
    app = ensure_application()
    no_main_window()
    full_screen = os.environ.get("QT_QPA_PLATFORM", "") != "offscreen"
    if scenario_id:
        run_presentation(pack, [scenario_id], full_screen=full_screen)
        return app.exec()
    standalone_playlist(pack, app, full_screen).show()
    return app.exec()


def standalone_playlist(pack: Pack, app: QApplication, full_screen: bool) -> QWidget:
    """`--present` without a scenario: the playlist dialog, which comes back (with its list) when a
    presentation ends, so the next class's list can run; Esc at the end used to quit the whole app."""
    from desktop.ui.playlist_dialog import PlaylistDialog

    dialog = PlaylistDialog(pack)
    dialog.setStyleSheet(_officer_style())

    def present(playlist: object) -> None:
        app.setQuitOnLastWindowClosed(False)  # the dialog hides while the slides show, and comes back
        window = run_presentation(pack, playlist.scenario_ids, playlist.title,  # type: ignore[attr-defined]
                                  full_screen=full_screen)
        window.destroyed.connect(lambda *_: back(playlist))

    def back(playlist: object) -> None:
        dialog.set_playlist(playlist)  # type: ignore[arg-type]
        dialog.show()
        _bring_to_front(dialog)
        app.setQuitOnLastWindowClosed(True)  # closing the dialog now ends the app

    dialog.presentation_requested.connect(present)
    return dialog


def scenario_error(pack: Pack, scenario_ids: Sequence[str]) -> str | None:
    """Why these ids cannot be presented, in words (None when they can)."""
    try:
        wt.Walkthrough(pack, list(scenario_ids))
    except wizard.WizardError as exc:
        return str(exc)
    return None


# -- the trainer's actions in the officer window ---------------------------------------------------
PackSource = Pack | Callable[[], "Pack | None"]


def _current_scenario(main_window: QWidget) -> str | None:
    """The scenario the officer window is walking, if any (duck-typed: history.current.kind/key)."""
    location = getattr(getattr(main_window, "history", None), "current", None)
    if location is not None and getattr(location, "kind", "") == "wizard" and getattr(location, "key", ""):
        return str(location.key)
    return None


def _day_of(main_window: QWidget | None) -> Callable[[], dt.date]:
    """The officer window's today (``current_day``: fixed in tests and demos, else the clock), or the clock's."""
    current_day = getattr(main_window, "current_day", None)
    return current_day if callable(current_day) else dt.date.today


def _theme_of(main_window: QWidget | None) -> str:
    """The officer window's theme, or (slides shown without it) the one saved in the officer's settings."""
    theme = getattr(main_window, "theme", None)
    if isinstance(theme, str):
        return theme
    from desktop.ui.settings import Settings

    return Settings().theme


def _keep(owner: QWidget, window: QWidget) -> QWidget:
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    window.show()
    _bring_to_front(window)
    return window


def _class_playlist(main_window: QWidget, pack: Pack) -> Playlist | None:
    """The playlist the trainer left in Class playlist this session, if this pack still has its scenarios."""
    from desktop.domain.playlist import Playlist, problems

    kept = getattr(main_window, "_trainer_playlist", None)
    return kept if isinstance(kept, Playlist) and not problems(kept, pack) else None


def open_playlist_dialog(main_window: QWidget, pack: Pack, initial_ids: Sequence[str] = ()) -> QWidget:
    from desktop.domain.playlist import Playlist, default_playlist
    from desktop.ui.playlist_dialog import PlaylistDialog

    if initial_ids:
        initial = Playlist("Class playlist", tuple(initial_ids))
    else:  # the list as the trainer left it, for this session only (never written unless they save it)
        initial = _class_playlist(main_window, pack) or default_playlist(pack)
    dialog = PlaylistDialog(pack, initial, parent=main_window)
    dialog.presentation_requested.connect(
        lambda playlist: run_presentation(pack, playlist.scenario_ids, playlist.title, near=main_window))
    # closed, cancelled or started: reopening showed the default list again, and the edits were gone
    dialog.finished.connect(lambda _result: setattr(main_window, "_trainer_playlist", dialog.playlist()))
    return _keep(main_window, dialog)


def open_quiz(main_window: QWidget, pack: Pack) -> QWidget:
    from desktop.ui.quiz_window import QuizWindow

    themes = getattr(main_window, "themes", None)  # duck-typed: the officer window's themes, theme and text size
    style = (lambda step: themes.style_sheet(main_window.theme, step)) if themes is not None else None  # type: ignore[attr-defined]
    window = QuizWindow(pack, parent=main_window, scenario_id=_current_scenario(main_window), style_sheet=style,
                        text_step=lambda: getattr(main_window, "text_step", 0), playlist=_class_playlist(main_window, pack))
    for changed in ("theme_changed", "text_size_changed"):
        if (signal := getattr(main_window, changed, None)) is not None:
            signal.connect(window.restyle)
    # Ctrl++, Ctrl+− and Ctrl+0 in the quiz, as in the guide: its type follows the officer's text size, whose keys
    # worked only in the officer window behind it, so a quiz on a 1280 × 720 projector stayed in laptop type
    for name in ("larger_action", "smaller_action", "reset_size_action"):
        if (text_size := getattr(main_window, name, None)) is not None:
            window.addAction(text_size)
    return _keep(main_window, window)


def _choose_scenario(main_window: QWidget, pack: Pack) -> str | None:
    """Ask which scenario to print a handout of (the one on screen first); None when cancelled.

    The box of titles is as wide as the window allows, each title longer than it ending in "…" (whole in
    its tooltip): Qt's own item dialog was as wide as the longest title, 1084 px at the first larger text
    size, so on a 1024 × 600 laptop its OK and Cancel were off the screen's edge. Its list's rows, a touch
    target tall, show as much of each title as fits, cut at a word (whole in the row's tooltip)."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

    from desktop.ui.choice_box import combo_box
    from desktop.ui.widgets import fit_to_screen, named

    # the shared steps too, after the situations: the booklet sends trainers to PAPER's full handout
    scenarios = [s for s in pack.scenarios if not s.subflow] + [s for s in pack.scenarios if s.subflow]
    current = _current_scenario(main_window)
    dialog = QDialog(main_window)
    dialog.setObjectName("handoutChooser")
    dialog.setWindowTitle("Scenario handout")
    layout = QVBoxLayout(dialog)
    combo = combo_box("handoutScenario", "Scenario", cut_rows=True)
    for s in scenarios:
        # the id first, as handouts and the booklet name it: cut short, a title kept its words and lost its id
        combo.addItem(f"{s.scenario_id} · {s.title}{'  (shared step)' if s.subflow else ''}", s.scenario_id)
    combo.setCurrentIndex(next((i for i, s in enumerate(scenarios) if s.scenario_id == current), 0))
    label = QLabel("&Scenario:")
    label.setBuddy(combo)
    buttons = without_stock_icons(
        QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel))
    # named for what they do, as the editor's choosers' are: Qt's bare "OK" and "Cancel" had no objectName and
    # no accessible name
    make, cancel = buttons.button(QDialogButtonBox.StandardButton.Ok), buttons.button(QDialogButtonBox.StandardButton.Cancel)
    make.setText("Make handout…")
    named(make, "handoutMake", "Make handout", "Then choose where to save the PDF")
    named(cancel, "handoutCancel", "Cancel")
    buttons.setObjectName("handoutButtons")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    for widget in (label, combo, buttons):
        layout.addWidget(widget)
    fit_to_screen(dialog, 760, dialog.sizeHint().height(), within=main_window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return str(combo.currentData())


def export_pdf(main_window: QWidget, pack: Pack, scenario_id: str | None, path: str | None = None) -> str | None:
    """Save a scenario handout (or, with scenario_id None, the booklet) to a PDF the trainer picks."""
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QMessageBox, QProgressDialog

    from desktop.domain.outline import handout_file_name
    from desktop.ui import handout
    from desktop.ui.widgets import chosen_pdf_path, plain_tip

    if path is None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = handout_file_name(scenario_id)
        path, _filter = save_file_name(main_window, "Save PDF", str(Path(folder) / name), "PDF (*.pdf)")
        if not path:
            return None
        # a name typed without .pdf ("week3") was written as it was, a file no viewer opened from its folder
        path = chosen_pdf_path(main_window, path)
        if path is None:
            return None
    progress = QProgressDialog("Making the PDF…", "", 0, 0, main_window)
    progress.setObjectName("pdfProgress")
    progress.setCancelButton(None)
    progress.setMinimumDuration(300)
    progress.setWindowModality(Qt.WindowModality.WindowModal)

    def step(done: int, total: int) -> None:
        progress.setMaximum(total)
        progress.setValue(done)
        QApplication.processEvents()

    try:
        if scenario_id:
            handout.write_scenario_pdf(pack, scenario_id, path, progress=step)
        else:
            handout.write_booklet_pdf(pack, path, progress=step)
    except handout.HandoutError as exc:
        progress.close()
        QMessageBox.warning(main_window, "PDF not saved", plain_tip(f"The PDF could not be made: {exc}."))  # a path
        return None
    progress.close()
    status = getattr(main_window, "statusBar", None)
    if callable(status):
        status().showMessage(f"Saved {path}", 6000)
    return path


def open_training_menu_actions(main_window: QWidget, pack: PackSource | None = None,
                               menu: object | None = None) -> list:
    """The trainer's actions for the officer window: present (F5), playlist, quiz, handout, booklet.

    ``pack`` is the pack or a callable returning the current one (default: ``main_window.pack``), so
    the actions follow a data update. The actions are added to ``main_window`` (their shortcuts work
    anywhere in it) and, when given, to ``menu`` (a QMenu) after a separator."""
    from PySide6.QtGui import QAction, QKeySequence

    def current_pack() -> Pack | None:
        if pack is None:
            return getattr(main_window, "pack", None)
        return pack() if callable(pack) else pack

    def with_pack(slot: Callable[[Pack], object]) -> Callable[[], None]:
        def run() -> None:
            p = current_pack()
            if p is None:
                status = getattr(main_window, "statusBar", None)
                if callable(status):
                    status().showMessage("No data pack is loaded.", 6000)
                return
            slot(p)
        return run

    def present(p: Pack) -> None:
        sid = _current_scenario(main_window)
        if sid and p.scenario(sid) is not None:
            run_presentation(p, [sid], near=main_window)
        else:
            open_playlist_dialog(main_window, p)

    def handout_for_one(p: Pack) -> None:
        sid = _choose_scenario(main_window, p)
        if sid:
            export_pdf(main_window, p, sid)

    specs = [  # the keys come from where Help → Keyboard keys names them
        ("presentAction", "Present (trainers)", PRESENT, present,
         "Present the current scenario full screen, or pick scenarios for a class"),
        ("playlistAction", "Class playlist…", PLAYLIST, lambda p: open_playlist_dialog(main_window, p),
         "Pick, order, save and open the scenarios for a class"),
        ("quizAction", "Quiz…", (), lambda p: open_quiz(main_window, p),
         "A quiz generated from the scenarios"),
        ("handoutAction", "Scenario handout (PDF)…", (), handout_for_one,
         "Every path and outcome of one scenario, with citations"),
        ("bookletAction", "Quick-reference booklet (PDF)…", (), lambda p: export_pdf(main_window, p, None),
         "Contents, then a page per scenario (two for a long one) and per shared step: key questions and outcomes"),
    ]
    actions = []
    for name, text, keys, slot, tip in specs:
        action = QAction(text, main_window)
        action.setObjectName(name)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(with_pack(slot))
        main_window.addAction(action)
        actions.append(action)
    if menu is not None:
        menu.addSeparator()  # type: ignore[attr-defined]
        menu.addActions(actions)  # type: ignore[attr-defined]
    return actions
