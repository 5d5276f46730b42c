"""The scenario wizard: one question per screen, big answer buttons (also keys 1–9), "How to tell"
help, Back, Restart and a breadcrumb of the answers so far. All tree logic is desktop.domain.wizard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import lru_cache

from PySide6.QtCore import Property, QCoreApplication, QEvent, QObject, QPoint, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QRegion,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import wizard
from desktop.domain.model import VERDICT_LABELS, Outcome, Pack, Question
from desktop.ui.keys import ANSWER_DIGITS
from desktop.ui.outcome_card import OutcomeCard
from desktop.ui.widgets import (
    FOCUS_MARGIN,
    RING_PROPERTY,
    TOUCH_HEIGHT,
    Button,
    FittedLabel,
    LayoutButton,
    ReadingPlace,
    VScrollArea,
    WrapButton,
    WrapLabel,
    cut_words,
    label_lines,
    laid_out_height,
    mark_changed,
    named,
    page_layout,
    plain_tip,
    repolish,
    ring_shown,
    set_plain_tip,
    settle_layout,
    show_first,
    speak_as_shown,
    spoken_sentence,
    tell_role_changed,
    words_width,
)

_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(ANSWER_DIGITS[0], ANSWER_DIGITS[1] + 1)}
_PRESSES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.KeyPress})
_RELEASES = frozenset({QEvent.Type.MouseButtonRelease, QEvent.Type.KeyRelease})
_STEP_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space, Qt.Key.Key_Select, *_DIGIT_KEYS})
_PAGE_KEYS = frozenset({Qt.Key.Key_PageUp, Qt.Key.Key_PageDown})
_BARE_WORDS = frozenset({"a", "an", "the"})  # an answer cut down to one of these names nothing (UndoneAnswerNote)


PROMPT_ROW_SPACING = 12  # between the question and the folded hint's button beside it
#: The "How to tell" hint folds into its button where it would push this many of the first answers off the screen.
ANSWERS_IN_SIGHT = 2
SEPARATOR = "  ›  "  # between a situation and its shared step, and between answers
SPOKEN_SEPARATOR = "; then "  # between answers, for a screen reader
#: A wizard page less tall than this is short: its header keeps the situation's title to two lines and the
#: answers so far to one, and its Back and Restart take the header's type size. The page is the window less
#: 96 px (top bar, status bar): 456 px on 1024 × 600 in a window frame (1000 × 552), 504 unframed; 600 and
#: 634 on 1366 × 768 and 1280 × 800 less a taskbar and a title bar, where the header stays as it was.
SHORT_PAGE = 560
SHORT_TITLE_LINES = 2
SHORT_TRAIL_LINES = 1
#: The answers so far keep to this many lines on a taller page, the earliest counted where the rest do not fit.
TRAIL_LINES = 2
HEADING_INSET = 8  # px the header's words sit inside their button: its 4-px focus ring (base.qss) and a gap
HEADING_RADIUS = 8  # px: the rounded corners of that ring (base.qss)
#: The most of the page the header's words take (shown whole on request, or a long title on a tall page); past
#: it they scroll within the header. Opened at the largest text on an 800 × 600 screen they took 370 of the
#: page's 480 px, and the question a line and a half; a 2,000-character title could take all of it.
HEADER_SHARE = 0.45


def trail_text(labels: Sequence[str], separator: str = SEPARATOR) -> str:
    """Every answer so far, whole: what the header's tooltip and a tap on it give. A screen reader's separator is
    SPOKEN_SEPARATOR, where "›" was read as "single right-pointing angle quotation mark"."""
    return "Your answers: " + separator.join(labels) if labels else "First question"


@lru_cache(maxsize=64)  # a situation's steps share its titles: shortened once, not at every step
def title_variants(title: str, step_title: str = "") -> tuple[str, ...]:
    """The situation's title (and its shared step's, after " › "), longest first: whole; the situation's
    title shortened at a word, the step's kept whole (it names what this question is about); then the step's
    shortened too."""
    if not step_title:
        return (title, *cut_words(title))
    shorter = cut_words(title)
    first = shorter[-1] if shorter else title
    return (title + SEPARATOR + step_title, *(words + SEPARATOR + step_title for words in shorter),
            *(first + SEPARATOR + words for words in cut_words(step_title)))


@lru_cache(maxsize=64)
def trail_variants(labels: tuple[str, ...]) -> tuple[str, ...]:
    """The answers so far, longest first, shortened from their start: the latest answers say most about
    how the officer got here. "Your answers: A › B › C", "(1 earlier) › B › C", "(2 earlier) › C",
    "Your answers: … › C", "… › C", then C shortened at a word. The only answer keeps "Your answers:": on its
    own it read as more of the situation's title above it, where "… ›" says it is the last of a trail."""
    if not labels:
        return ("First question",)
    count, last = len(labels), labels[-1]
    variants = [trail_text(labels)]
    variants += [f"Your answers: ({count - keep} earlier){SEPARATOR}" + SEPARATOR.join(labels[-keep:])
                 for keep in range(count - 1, 0, -1)]
    lead = f"…{SEPARATOR}" if count > 1 else "Your answers: "
    variants += [f"Your answers: …{SEPARATOR}{last}"] if count > 1 else []
    variants += [lead + last, *(lead + words for words in cut_words(last))]
    return tuple(dict.fromkeys(variants))


def keys_tip(count: int) -> str:
    """The keys that answer this question: "1 or 2" for two answers, not the "1–9" of a nine-answer one."""
    keys = {1: "1", 2: "1 or 2"}.get(count, f"1–{count}")
    return f"Tip: press {keys} to choose {'the answer' if count == 1 else 'an answer'}."


class HeadingLayout(QLayout):
    """The header's words, the title over the answers so far, beside a ``notch``: the corner at the top right
    that Back and Restart take (an empty size: none). The title keeps left of it; the answers so far do too
    where they start beside it, and take the whole width where they start below it."""

    def __init__(self, parent: QWidget, notch: Callable[[], QSize]) -> None:
        super().__init__(parent)
        self.notch = notch
        self._items: list[QLayoutItem] = []

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt API)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt API)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt API)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        margins = self.contentsMargins()
        return max((place.y() + place.height() for place in self._rects(QRect(0, 0, width, 0)) if place.height()),
                   default=margins.top()) + margins.bottom()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        margins = self.contentsMargins()
        width = max((item.sizeHint().width() for item in self._items), default=0) + margins.left() + margins.right()
        return QSize(width, self.heightForWidth(width))

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt API)
        margins = self.contentsMargins()
        width = max((item.minimumSize().width() for item in self._items), default=0) + margins.left() + margins.right()
        return QSize(width, margins.top() + margins.bottom())

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt API)
        super().setGeometry(rect)
        places = self._rects(rect)
        for item, place in zip(self._items, places, strict=True):
            item.setGeometry(place)
        notch = self.notch()
        button = self.parentWidget()
        if notch.isEmpty():
            button.notch_rect = QRect()
            button.clearMask()
        else:  # the corner, and the strip below it where the answers so far start beside it
            below = places[-1].width() == rect.marginsRemoved(self.contentsMargins()).width()
            height = notch.height() if below else rect.height()
            button.notch_rect = QRect(rect.right() + 1 - notch.width(), rect.top(), notch.width(), height)
            if below:
                button.setMask(QRegion(rect).subtracted(QRegion(button.notch_rect)))
            else:  # the words left of the buttons: their ring's right corners rounded as its left ones (base.qss)
                words = QPainterPath()  # its left corners past the edge: the style draws them, smoother
                words.addRoundedRect(QRectF(rect.left() - HEADING_RADIUS, rect.top(),
                                            button.notch_rect.left() - rect.left() + HEADING_RADIUS, rect.height()),
                                     HEADING_RADIUS, HEADING_RADIUS)
                button.setMask(QRegion(words.toFillPolygon().toPolygon()).intersected(rect))

    def _rects(self, rect: QRect) -> list[QRect]:
        margins, notch = self.contentsMargins(), self.notch()
        inner = rect.marginsRemoved(margins)
        whole, beside = inner.width(), max(inner.width() - notch.width(), 1) if not notch.isEmpty() else inner.width()
        rects, top = [], inner.top()
        for item in self._items:
            width = whole if top - rect.top() >= notch.height() else beside
            if item.isEmpty():  # hidden: the title, while the undone answer's note takes its place (_show_note)
                rects.append(QRect(inner.left(), top, width, 0))
                continue
            height = item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()
            rects.append(QRect(inner.left(), top, width, height))
            top += height + self.spacing()
        return rects


class HeadingButton(LayoutButton):
    """The wizard header's words: the situation's title over the answers so far. Where either is
    shortened, it is a button: a tap (or Enter, or Space) shows both whole, and another shortens them again.
    Where nothing is shortened it takes neither presses nor the focus, and a screen reader hears a group of the
    words, not a button (widgets.BUTTONS_AT_TIMES).

    On a short page it spans the header, Back and Restart in its top right corner (``notch``): it takes no
    presses and draws nothing there, and its focus ring goes round them."""

    def __init__(self, title: FittedLabel, trail: FittedLabel, notch: Callable[[], QSize] = QSize) -> None:
        super().__init__()
        self.setObjectName("wizardHeading")
        speak_as_shown()  # a screen reader hears a button only while it opens something (widgets.BUTTONS_AT_TIMES)
        self.active = False
        self.expanded = False
        self.title = ""  # the situation's title as a screen reader hears it (set_title)
        self._ring_colour = QColor("#d97706")  # the theme's (qproperty-ringColour)
        self.notch_rect = QRect()  # where Back and Restart are, in its coordinates (HeadingLayout sets it)
        layout = HeadingLayout(self, notch)
        layout.setContentsMargins(HEADING_INSET, HEADING_INSET, HEADING_INSET, HEADING_INSET)
        layout.setSpacing(2)
        layout.addWidget(title)
        layout.addWidget(trail)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.set_active(False, expanded=False)

    def _get_ring_colour(self) -> QColor:
        return self._ring_colour

    def _set_ring_colour(self, colour: QColor) -> None:
        self._ring_colour = QColor(colour)

    ringColour = Property(QColor, _get_ring_colour, _set_ring_colour)  # noqa: N815 (set by the theme's QSS)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        notch = self.notch_rect
        if ring_shown(self) and not notch.isEmpty():  # the ring round the corner the mask leaves out
            ring, radius = 4, HEADING_RADIUS  # base.qss: QPushButton#wizardHeading's border
            painter = QPainter(self)
            if notch.bottom() < self.height() - ring:  # below it the answers so far: an inner corner
                painter.fillRect(notch.left() - ring, 0, ring, notch.bottom() + 1 + ring, self._ring_colour)
                painter.fillRect(notch.left() - ring, notch.bottom() + 1, self.width() - notch.left() + ring, ring,
                                 self._ring_colour)
            else:  # the buttons' whole height: the ring's right edge, its corners rounded as the others
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setClipRect(notch.left() - ring - radius, 0, ring + radius, self.height())
                painter.setPen(QPen(self._ring_colour, ring))
                painter.drawRoundedRect(QRectF(ring / 2, ring / 2, notch.left() - ring, self.height() - ring),
                                        radius - ring / 2, radius - ring / 2)
            painter.end()

    def set_active(self, active: bool, expanded: bool) -> None:
        role_changes = active != self.active
        self.active, self.expanded = active, expanded
        if role_changes:  # a button only while it opens something (widgets.BUTTONS_AT_TIMES)
            tell_role_changed(self)
        # Tab reaches it; a tap leaves the focus on the answer it had (Enter there still gives that answer)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus if active else Qt.FocusPolicy.NoFocus)
        self._name()

    def set_title(self, title: str) -> None:
        """The situation's title (and its step's) in words, whole: the start of the name while it is a button."""
        self.title = title
        self._name()

    def _name(self) -> None:
        # a button: named first with the title it shows (WCAG 2.5.3, label in name: "Situation and answers so far:
        # press…" named words it does not show), then what a press does; its description is the answers so far
        said = spoken_sentence(self.title) + " " if self.title else ""
        if self.expanded:
            self.setAccessibleName(f"{said}Situation and answers so far, shown whole: press to shorten them")
            self.setToolTip("Shorten the situation and the answers so far")
        elif self.active:
            self.setAccessibleName(f"{said}Situation and answers so far: press to show them whole")
            self.setToolTip("Show the whole situation and every answer so far")
        else:
            # nothing to press: heard as a group with no name of its own (widgets.ButtonAtTimes), the title and the
            # answers so far read in it (in "Situation questions", the page)
            self.setAccessibleName(f"{said}Situation and answers so far")
            self.setToolTip("")

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if self.active:
            super().mousePressEvent(event)
        else:
            event.ignore()  # nothing to show: no pressed look, no click

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if self.active:
            super().mouseReleaseEvent(event)
        else:
            event.ignore()


class UndoneAnswerNote(LayoutButton):
    """After Back, where the answer Back undid is below the screen's edge: one line in the header, beside Back,
    that names it ("▾  You had answered: 5 — Got away"), shortened at a word (or to its number), whole in its
    tooltip and for a screen reader. A tap (or Enter, or Space) scrolls to the answer and gives it the focus."""

    def __init__(self) -> None:
        super().__init__()
        named(self, "undoneAnswerNote", "The answer you had given")  # set_answer names it
        self.setProperty("kind", "link")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 4, 16, 4)  # one line in the header, as tall as Back beside it (TOUCH_HEIGHT)
        self.text_label = FittedLabel(role="", object_name="buttonText")
        layout.addWidget(self.text_label, 1, Qt.AlignmentFlag.AlignVCenter)  # its one line, in the middle of Back's height
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumHeight(TOUCH_HEIGHT)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a tap gives the focus to the answer, not to the note
        self.hide()

    def set_answer(self, number: int, label: str) -> None:
        whole = f"You had answered: {number} — {label}"
        lead = f"▾  You had answered: {number} — "
        # beside Back and Restart, at the largest text, the number alone where not even a word fits, or where the
        # only word that fits is "A" or "The": "4 — A…" said nothing (four of S16's answers start "A"), and read
        # like a letter answer
        said = [words for words in cut_words(label) if words.removesuffix("…").casefold() not in _BARE_WORDS]
        self.text_label.set_texts([lead + label, *(lead + words for words in said), f"▾  You had answered: {number}"],
                                  1, full=whole)
        set_plain_tip(self, f"{whole}\nPress to scroll down to that answer")
        self.setAccessibleName(f"You had answered {number}: {label}. Press to show that answer, further down")


class HeadingScroll(VScrollArea):
    """The header's words in a view as tall as they are, up to ``limit`` (HEADER_SHARE of the page): past
    it they scroll within the header (a drag, the wheel, or PageDown with the focus on them), and the page
    keeps the rest for the question. The header's layout asks it the words' height for a width, as it asked
    the words."""

    def __init__(self, heading: HeadingButton) -> None:
        super().__init__(heading, "wizardHeadingScroll")
        self.heading = heading
        self.limit = 1 << 24  # no limit until the page has a height
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_limit(self, limit: int) -> None:
        if limit != self.limit:
            self.limit = limit
            self.updateGeometry()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        return min(self.heading.heightForWidth(width), self.limit)


class PageLayout(QVBoxLayout):
    """The wizard page's layout. A page's new height decides its header's words (short or not: SHORT_PAGE), so
    it tells the page the height before it lays the header out at it. Qt hands a resize to a widget's layout
    before its resizeEvent: decided there, on a page first shown short the header kept the words' height
    before they were shortened (121 px, not 82, at 776 × 576) until the next turn of the event loop."""

    def __init__(self, page: QWidget, fit_height: Callable[[int], None]) -> None:
        super().__init__(page)
        self._fit_height = fit_height

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt API)
        self._fit_height(rect.height())
        super().setGeometry(rect)


class ViewRing(QWidget):
    """The focus ring of a scroll view, drawn over its words' edge: the view's size, and so every line and answer in it,
    stays where it is with the focus or without (a border of its own, as the answer's view has, would take 3 px
    off each side and move every question). Shown as the theme's rings are (ring_shown), in its colour
    (qproperty-ringColour); presses go through it to the view."""

    WIDTH = 3  # as the answer's view's ring (the themes' QScrollArea#outcomeScroll:focus)

    def __init__(self, view: QWidget, object_name: str) -> None:
        super().__init__(view)
        self.setObjectName(object_name)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._view = view
        self._ring_colour = QColor("#d97706")  # the theme's (qproperty-ringColour)
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)  # round the words only: the scroll bar, on top, hid its right edge

    def _get_ring_colour(self) -> QColor:
        return self._ring_colour

    def _set_ring_colour(self, colour: QColor) -> None:
        self._ring_colour = QColor(colour)
        self.update()

    ringColour = Property(QColor, _get_ring_colour, _set_ring_colour)  # noqa: N815 (set by the theme's QSS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == QEvent.Type.Resize:
            self.setGeometry(self._view.viewport().geometry())
            self.raise_()
        elif watched is self._view and kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut,
                                                 QEvent.Type.DynamicPropertyChange):
            self.update()  # the focus came or went, or a tap or a key changed whether the ring shows
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        if not ring_shown(self._view):
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self._ring_colour, self.WIDTH))
        half = self.WIDTH / 2
        painter.drawRoundedRect(QRectF(half, half, self.width() - self.WIDTH, self.height() - self.WIDTH), 6, 6)
        painter.end()


class TapAgainNote(WrapLabel):
    """What a first tap on a cut answer says ("▼  Tap again to choose it."), in that answer, above its words, where
    the officer's eyes are: in the answer's type, in its number's colours (the theme's QLabel#tapAgainNote). In the
    status bar's small type alone, an officer at night with gloves did not see it. The answer makes room for it
    (its words move down by as much) while it shows: laid over the answer above, it hid whole lines of that answer's
    words. It is part of the answer: a tap on it is a tap on the answer and gives it, as the note says (a press on it
    only took it away, and the gloved officer who tapped the note got nothing); a drag begun on it scrolls."""

    GAP = 6  # px between the note and the answer's words under it

    def __init__(self, parent: QWidget) -> None:
        super().__init__("", object_name="tapAgainNote", parent=parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # the answer under it takes its taps
        self.answer: WrapButton | None = None  # the answer it is in while it shows
        self.room = 0  # px the answer grew by to hold it
        self.hide()

    def show_in(self, answer: WrapButton, words: Sequence[str], said: str) -> None:
        """Show ``words`` (sentences: on one line where they fit, else one to a line) at the top of ``answer``, lined
        up with its words, as wide as they need up to theirs, a glyph pointing down to them; the answer grows by the
        note's height (laid out now). A screen reader hears ``said``."""
        if self.answer is not answer:
            self.take_away()
            self.setParent(answer)
            self.answer = answer
        words_label = answer.text_label
        layout = answer.layout()
        margins = layout.contentsMargins()
        self.ensurePolished()
        frame, metrics = self.width() - self.contentsRect().width(), self.fontMetrics()
        room = answer.width() - words_label.x() - margins.right()
        lines = [f"▼  {words[0]}", *words[1:]]
        if metrics.horizontalAdvance("  ".join(lines)) + frame < room:
            lines = ["  ".join(lines)]
        self.setText("\n".join(lines))
        self.setAccessibleName(said)
        width = min(max(map(metrics.horizontalAdvance, lines)) + frame + 1, room)
        height = self.heightForWidth(width)
        top = margins.top() - self.room  # the answer's own margin above its words
        self.setGeometry(words_label.x(), top, width, height)
        if height + self.GAP != self.room:
            margins.setTop(top + height + self.GAP)
            self.room = height + self.GAP
            layout.setContentsMargins(margins)
            settle_layout([words_label])
        self.show()
        self.raise_()

    def take_away(self) -> int:
        """Hide the note and give its room back to the answer (laid out now): the pixels the answer shrank by."""
        answer, room = self.answer, self.room
        self.hide()
        self.room = 0
        if answer is None or not room:
            return 0
        layout = answer.layout()
        margins = layout.contentsMargins()
        margins.setTop(margins.top() - room)
        layout.setContentsMargins(margins)
        settle_layout([answer.text_label])
        return room


class WizardPage(QWidget):
    state_changed = Signal(object)  # the new wizard.WizardState
    outcome_reached = Signal(str, str)  # scenario id where the outcome lives, outcome node id
    provision_opened = Signal(str)
    message_posted = Signal(str)
    report_requested = Signal()  # the answer's "Report a problem…" was pressed

    def __init__(self, pack: Pack | None, parent: QWidget | None = None,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        named(self, "wizardPage", "Situation questions")
        # the opened hint's title (made first: the event filter below asks whether an event is its)
        self._help_title = WrapLabel("How to tell", role="helpTitle", object_name="howToTellTitle")
        self._pack = pack
        self.state: wizard.WizardState | None = None
        self.answer_buttons: list[WrapButton] = []  # the answers now shown, in order
        self.going_back = False  # True while the state changes because of Back
        self._answer_pool: list[WrapButton] = []
        # A gloved double tap, or Enter pressed twice, made two steps: the second press answered a question
        # the officer never saw. Presses on the step buttons within the double-click interval of the input
        # that made the last step are ignored (times are the events' own, in ms; 0 means not known).
        self._input_at = 0  # the time of a press let through, then of its release, until a step takes it
        self._step_at = 0  # the input time of the last step made by a press (0: the app made it)
        self._shown_font = QFont()  # the question's font when its screen was last scrolled (_show_with_question)
        self._undone_key = ""  # while Back (the wizard's or the history's) shows a question again: the answer it undid
        self._undone_answer: WrapButton | None = None  # after Back, the answer it undid, kept in sight with the question (None: the first)
        self._note_due = False  # the undone answer is still to be shown for the first time: is it in sight?
        self._opened = ""  # while Back shows an answer again: the provision opened from it
        self._tap_again_said = False  # a tap on a cut answer said "Tap answer N again…" (taken away at the next step)
        # where the answer on screen was read (VScrollArea.reading_place) as the last step left it, for the window's
        # history to keep (Back, then Forward or the same answer again, shows that part); answer_left: the step left
        # an answer (answer_left_at None: at its top)
        self.answer_left = False
        self.answer_left_at: ReadingPlace | None = None

        outer = PageLayout(self, self._fit_height)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        self.header = QFrame()
        self.header.setObjectName("wizardHeader")
        header_layout = QGridLayout(self.header)
        # the words sit HEADING_INSET px inside their button, inside its focus ring: 20 px in, 10 down, as before
        header_layout.setContentsMargins(20 - HEADING_INSET, 10 - HEADING_INSET, 20, 10 - HEADING_INSET)
        header_layout.setHorizontalSpacing(10 - HEADING_INSET)
        header_layout.setColumnStretch(0, 1)
        header_layout.setVerticalSpacing(0)  # the answers so far right under the undone answer's note, where it shows
        self._header_layout = header_layout
        self.title_label = FittedLabel(role="wizardTitle", object_name="scenarioTitle")
        self.breadcrumb = FittedLabel(role="breadcrumb", object_name="breadcrumb")
        self.breadcrumb.setAccessibleName("Answers so far")
        self._heading_span = 1  # the header's columns its words take: 2 on a short page (_place_heading)
        self._heading_row = 0  # 1 while the undone answer's note takes the title's place beside Back (_show_note)
        self._noted = False  # the undone answer's note shows
        self._note_saves = 0  # px the header is shorter with the note than without it (its view that much taller)
        self.heading = HeadingButton(self.title_label, self.breadcrumb, self._notch)
        self.heading.clicked.connect(self._toggle_heading)
        self.heading_scroll = HeadingScroll(self.heading)
        # as tall as the row: beside Back, short words spread as before; on a short page the whole row (_notch)
        header_layout.addWidget(self.heading_scroll, 0, 0)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, HEADING_INSET, 0, HEADING_INSET)
        buttons.setSpacing(10)
        self.back_button = named(Button("◀  Back"), "wizardBackButton", "Back one answer")
        self.back_button.setToolTip("Back one answer")
        self.back_button.clicked.connect(self.go_back)
        buttons.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        self.restart_button = named(Button("↺  Restart"), "wizardRestartButton", "Restart this situation")
        self.restart_button.setToolTip("Start this situation again from the first question")
        self.restart_button.clicked.connect(self.restart)
        buttons.addWidget(self.restart_button, 0, Qt.AlignmentFlag.AlignTop)
        header_layout.addLayout(buttons, 0, 1)
        self._buttons_layout = buttons
        outer.addWidget(self.header)
        # On a short page the header gives the question room: the title in two lines at most, the answers so far
        # in one, the latest kept (SHORT_PAGE). At the largest text on 1000 × 552 it took up to 202 of 456 px.
        self._short = False
        self._expanded = False  # the officer asked to see the header's words whole (until the next screen)
        self._titles = ("", "")  # the situation's title, and its shared step's (or "")
        self._trail: list[str] = []
        self.title_label.shown_changed.connect(self._update_heading)
        self.breadcrumb.shown_changed.connect(self._update_heading)
        self.back_button.installEventFilter(self)
        self.restart_button.installEventFilter(self)
        self.heading.installEventFilter(self)  # its tap moves the answers: a double tap's second press is dropped

        self.stack = QStackedWidget()
        self.stack.setObjectName("wizardStack")
        outer.addWidget(self.stack, 1)

        question = QWidget()
        question.setObjectName("questionView")
        q_layout = page_layout(question, margins=24, spacing=16)
        self.prompt_label = WrapLabel("", role="prompt", object_name="questionPrompt")
        # When the hint would push the first two answers off the screen (large text, a small screen), it folds
        # into a "How to tell" button: the answers stay in sight, and one press shows the hint. The button
        # sits beside the question, where the officer sees there is a hint, unless the question would take
        # more lines beside it; then below the answers. Under the question, the button itself pushed the
        # first answer off a short screen; below the answers always, a seven-answer question hid it.
        prompt_row = QHBoxLayout()
        prompt_row.setSpacing(PROMPT_ROW_SPACING)
        prompt_row.addWidget(self.prompt_label, 1)
        self._toggle_beside = self._make_help_toggle("howToTellToggle")
        self._toggle_beside.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        prompt_row.addWidget(self._toggle_beside, 0, Qt.AlignmentFlag.AlignTop)
        q_layout.addLayout(prompt_row)
        # Its bottom margin: blank room between the question and the opened hint, there only while the hint opened
        # needs it so that the second answer starts at the screen's edge instead of being cut by it (_open_help)
        self._prompt_row = prompt_row
        self._room_above_hint_for = 0  # the view's height the room was set for (0: no room)
        # After Back below a question taller than the screen, the question keeps its top and the answer Back
        # undid, with the focus, can sit below the screen's edge: this note names it, and one press shows it.
        # It goes on the next screen, or once the answer comes into sight. It takes the title's place in the
        # header, beside Back, the answers so far under it: under the question it fell below the screen's edge
        # where the question filled it, and pushed the first answer off in others (largest text, 800 × 600).
        self.undone_note = UndoneAnswerNote()
        self.undone_note.clicked.connect(self._show_undone_answer)
        self.undone_note.installEventFilter(self)  # its tap moves the answers: a double tap's second press is dropped
        self._buttons_layout.insertWidget(0, self.undone_note, 1)  # the row of Back and Restart spans the header then
        self.help_toggle = self._toggle_beside  # the place the folded hint's button takes now
        self._help_opened = False  # the officer opened the folded hint (for this question only)
        self.help_frame = QFrame()
        self.help_frame.setObjectName("howToTell")
        help_layout = QVBoxLayout(self.help_frame)
        help_layout.setContentsMargins(16, 10, 16, 12)
        help_layout.setSpacing(2)
        # Where the opened hint leaves no room for the first answer (the largest text: 7 questions on 800 × 600, 1 on
        # 1024 × 600), the screen showed the question, a blank band and the hint, and nothing said answers follow.
        # This button, on the hint's first line, says so; one press shows them (_show_answers_below).
        self.answers_below = WrapButton("Answers below  ▾", "answersBelowButton", kind="link",
                                        accessible_name="Answers below: show the answers to this question")
        self.answers_below.setToolTip("Show the answers below the hint")
        self.answers_below.clicked.connect(self._show_answers_below)
        self.answers_below.installEventFilter(self)  # its tap moves the answers: a double tap's second press is dropped
        self.answers_below.hide()
        help_layout.addWidget(self._help_title)
        # on the title's line, at its right end: not in a box of its own within the hint's (such a box kept the
        # height it first worked out for the title, before its type size, and the hint's fit measured it short)
        self.answers_below.setParent(self.help_frame)
        self._help_title.installEventFilter(self)  # placed where the title is, each time it moves or resizes
        self.help_label = WrapLabel("", role="help", object_name="howToTellText")
        help_layout.addWidget(self.help_label)
        q_layout.addWidget(self.help_frame)
        self.answers_box = QVBoxLayout()
        self.answers_box.setSpacing(10)
        q_layout.addLayout(self.answers_box)
        # Blank room above the folded hint's button below the answers, where it cannot show whole there: the
        # button then starts at the screen's edge, a thing to scroll to, not cut in half (_fit_gap_above_toggle)
        self._gap_above_toggle = QWidget()
        self._gap_above_toggle.setObjectName("gapAboveHowToTell")
        self._gap_above_toggle.hide()
        q_layout.addWidget(self._gap_above_toggle)
        self._toggle_below = self._make_help_toggle("howToTellToggleBelow")
        q_layout.addWidget(self._toggle_below)
        # The keys' tip shows until the officer has answered with a digit (learnt) or a tap or click (touch or
        # mouse: no keys wanted), and only where it shows whole without scrolling (_fit_keys_tip): on a touch
        # screen it stayed on every question, and at the largest text it was cut at the screen's edge. Help →
        # Keyboard keys lists the keys for good.
        self.keys_hint = WrapLabel("Tip: press 1–9 to choose an answer.", role="muted", object_name="keysHint")
        self._keys_tip_spent = False
        q_layout.addWidget(self.keys_hint)
        q_layout.addStretch(1)
        # Blank room below the answers, shown only while the opened hint needs the view to scroll further than the
        # answers reach, so that the question shows from a whole line and the answers below the hint show whole
        # (_open_help). Without it the view stopped short and went back a line: at the largest text on 1024 × 600
        # S01's "No — everyone is safe for now" was cut 25 px at the screen's edge.
        self._room_below = QWidget()
        self._room_below.setObjectName("roomBelowAnswers")
        self._room_below.hide()
        q_layout.addWidget(self._room_below)
        self._question_layout = q_layout
        # named: it takes the focus where no answer shows (the hint opened), and a screen reader says its name
        self.question_scroll = VScrollArea(question, "questionScroll", "The question and its answers")
        # scrolled down a long question, a new text size, theme or width keeps the line read at the top (at the
        # top, the question and the answer in focus are shown again: fit_to_view); the scroll in pixels showed
        # another answer
        self.question_scroll.keeps_place = True
        # with the focus (the hint opened, no answer in sight), a ring over its edge says where the keys go
        self.question_ring = ViewRing(self.question_scroll, "questionScrollRing")
        self._question_viewport = self.question_scroll.viewport()
        self._question_viewport.installEventFilter(self)  # a new size may fold or unfold the hint
        self.tap_again_note = TapAgainNote(question)  # a first tap on a cut answer: in it (it scrolls with it)
        self.question_scroll.verticalScrollBar().valueChanged.connect(self._check_undone_note)
        self.stack.addWidget(self.question_scroll)
        QWidget.setTabOrder(self._toggle_beside, self.undone_note)  # now in one window: the header and the question
        QWidget.setTabOrder(self.undone_note, self.answers_below)  # above the answers, so before them (it came last)

        outcome_content = QWidget()
        outcome_content.setObjectName("outcomeView")
        o_layout = page_layout(outcome_content, margins=24, spacing=0)
        self.card = OutcomeCard(pack, today=today)
        self.card.provision_opened.connect(self.provision_opened)
        self.card.message_posted.connect(self.message_posted)
        self.card.report_requested.connect(self.report_requested)
        self.card.citations_requested.connect(self._show_citations)
        self.card.cites_summary.installEventFilter(self)  # its press scrolls: a double tap's second is dropped
        # measured again when first shown: the words of a card never shown yet tell no height for a width (Qt
        # counts them hidden), and the first answer opened from Home kept its headline's size and ran off the
        # screen. Once shown, they keep telling it (the next answers cost no second measure).
        self.card.installEventFilter(self)
        o_layout.addWidget(self.card)
        # At a public-safety answer reached from a situation's danger question: once the scene is safe, one
        # press goes on with that situation (its danger question answered "no"), where the officer had to
        # find their way back to it. Below the answer, where its reading ends: above it, it pushed the verdict
        # off a short screen at large text.
        self.resume_box = QWidget()
        self.resume_box.setObjectName("resumeWhenSafe")
        resume_layout = QVBoxLayout(self.resume_box)
        resume_layout.setContentsMargins(0, 16, 0, 0)
        self.resume_button = WrapButton("", "resumeWhenSafeButton", kind="link",
                                        accessible_name="Scene safe now: go on with the situation")
        self.resume_button.clicked.connect(self._resume)
        self.resume_button.installEventFilter(self)
        resume_layout.addWidget(self.resume_button)
        self.resume_box.hide()
        self._resume_state: wizard.WizardState | None = None
        o_layout.addWidget(self.resume_box)
        self.outcome_scroll = VScrollArea(outcome_content, "outcomeScroll", "The answer")
        self.outcome_scroll.home_and_end = True
        self.outcome_scroll.keeps_place = True
        self._outcome_viewport = self.outcome_scroll.viewport()
        self._outcome_viewport.installEventFilter(self)  # a new size may put Do and Do not side by side, or not
        # It takes the focus when an answer shows: PageDown and the arrows read on, and a second press of
        # Enter (a gloved double tap) does nothing, where on the Back button it undid the answer.
        self.outcome_scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack.addWidget(self.outcome_scroll)

    def set_pack(self, pack: Pack | None) -> None:
        self._pack = pack
        self.card.set_pack(pack)

    # -- state ------------------------------------------------------------------------------------------
    def start(self, scenario_id: str) -> bool:
        if self._pack is None:
            return False
        try:
            state = wizard.start(self._pack, scenario_id)
        except wizard.WizardError:
            return False
        self._set_state(state)
        return True

    def replay(self, scenario_id: str, answers: tuple[str, ...], opened: str = "") -> bool:
        """Show the wizard at the position reached by these answers (history navigation). ``opened``: the
        provision opened from this answer, whose citation takes the focus again (Back from it)."""
        if self._pack is None:
            return False
        try:
            state = wizard.replay(self._pack, scenario_id, answers)
        except wizard.WizardError:
            return self.start(scenario_id)
        # Back one answer in the history (the top bar's ◀, Alt+←) undoes an answer as the wizard's Back does:
        # that answer takes the focus, where the first one did and Enter gave another than the officer's
        shown = self.state.keys if self.state is not None and self.state.scenario_id == scenario_id else ()
        undone = shown[len(answers)] if len(shown) > len(answers) and shown[:len(answers)] == answers else ""
        self._undone_key = undone
        try:
            self._set_state(state, announce=False, opened=opened, focus=False)  # the window focuses the page shown
        finally:
            self._undone_key = ""
        return True

    def choose(self, number: int) -> bool:
        """Pick the answer shown with this number (1-based). False when there is no such answer."""
        if self.state is None or self._pack is None:
            return False
        node = wizard.current_node(self._pack, self.state)
        choice = node.numbered(number) if isinstance(node, Question) else None
        if choice is None:
            return False
        self._set_state(wizard.answer(self._pack, self.state, choice.key))
        return True

    def go_back(self) -> None:
        if self.state is not None and self._pack is not None and self.state.steps:
            self.going_back = True  # read by state_changed's receivers: Back, not Restart to the same place
            self._undone_key = self.state.steps[-1].key  # its answer takes the focus, not the first one
            try:
                self._set_state(wizard.back(self._pack, self.state))
            finally:
                self.going_back = False
                self._undone_key = ""

    def restart(self) -> None:
        if self.state is not None and self._pack is not None:
            self._set_state(wizard.restart(self._pack, self.state))

    def current_outcome(self) -> Outcome | None:
        if self.state is None or self._pack is None:
            return None
        return wizard.outcome(self._pack, self.state)

    def _set_state(self, state: wizard.WizardState, announce: bool = True, opened: str = "", focus: bool = True) -> None:
        assert self._pack is not None
        in_sight = self.isVisible()
        self.answer_left = self.state is not None and self.stack.currentWidget() is self.outcome_scroll
        self.answer_left_at = self.outcome_scroll.reading_place() if self.answer_left else None
        self.state = state
        self._opened = opened
        self._step_at, self._input_at = self._input_at, 0  # 0: a step made by the app, not by a press
        node = wizard.current_node(self._pack, state)
        scenario = self._pack.scenario(state.scenario_id)
        step_title = ""
        if state.at_scenario != state.scenario_id:
            sub = self._pack.scenario(state.at_scenario)
            step_title = sub.title if sub else state.at_scenario
        self._titles = (scenario.title if scenario else state.scenario_id, step_title)
        self._trail = [step.label for step in state.steps]
        self._expanded = False
        self._fit_header()
        # At the first question there is nothing to go back to: the buttons make room for the title instead
        # of standing there greyed out (they took 378 px of a 1024 px header at the largest text).
        self.back_button.setVisible(bool(state.steps))
        self.restart_button.setVisible(bool(state.steps))
        self._place_heading()
        margins = self._header_layout.contentsMargins()  # Restart ends 20 px from the edge, or else the words do
        margins.setRight(20 if state.steps else 20 - HEADING_INSET)
        self._header_layout.setContentsMargins(margins)
        self._show_note(False)  # a new screen: it named an answer on the last one
        self._take_tap_again_away()  # "Tap answer 3 again…" was for the last screen's answer
        if isinstance(node, Question):
            self._show_question(node)
            changed = [self.prompt_label, self.help_label, *(button.text_label for button in self.answer_buttons)]
        else:
            self._offer_resume(state)
            self.card.show_outcome(node)
            # what a screen reader says when the answer takes the focus: the verdict and what to do
            self.outcome_scroll.setAccessibleDescription(f"{VERDICT_LABELS[node.verdict]}. {node.headline}")
            self.stack.setCurrentWidget(self.outcome_scroll)
            self._fit_columns()
            self.outcome_scroll.verticalScrollBar().setValue(0)
            changed = self.card.text_widgets()
        # In sight, each label given new words asks its layout again, and settle_layout's rounds carry that up
        # to the window before the paint: marking every widget from the question's or card's words up, as for a
        # page out of sight (whose requests stop at its hidden edge), laid out again all that had not changed,
        # 7 % of an answer's instructions (PERFORMANCE.md, sixteenth pass). The header's words are still marked:
        # without, a header 3 px short kept its scroll bar (PAPER at 1280 x 800).
        settle_layout([self.title_label, self.breadcrumb, *([] if in_sight else changed)])
        self.heading_scroll.settle_scroll_bar()  # the header grew past its words or fell short: its bar now
        if announce:
            self.state_changed.emit(state)
        if isinstance(node, Outcome):
            self.outcome_reached.emit(state.at_scenario, node.node_id)
        if focus and self.isVisible():
            self.reveal(self.first_focus())

    # -- header ---------------------------------------------------------------------------------------
    def _fit_header(self) -> None:
        """Give the header's labels their words for the page as it is: short or not, shown whole or not."""
        title, step_title = self._titles
        whole_title = title + SEPARATOR + step_title if step_title else title
        whole_trail = trail_text(self._trail)
        if self._expanded:
            self.title_label.set_texts([whole_title])
            self.breadcrumb.set_texts([whole_trail])
        elif self._short:
            self.title_label.set_texts(title_variants(title, step_title), SHORT_TITLE_LINES)
            self.breadcrumb.set_texts(trail_variants(tuple(self._trail)), SHORT_TRAIL_LINES)
        else:
            self.title_label.set_texts([whole_title])
            self.breadcrumb.set_texts(trail_variants(tuple(self._trail)), TRAIL_LINES)
        # the whole words, wherever they are shortened: on hover, and for a screen reader (in words, not "›")
        spoken_title = f"{title}. Step: {step_title}" if step_title else title
        set_plain_tip(self.title_label, whole_title, spoken_title)  # described as named: not heard twice
        self.title_label.setAccessibleName(spoken_title)  # whole, though shortened on the screen: read once
        self.breadcrumb.setToolTip(plain_tip(whole_trail))
        spoken_trail = trail_text(self._trail, SPOKEN_SEPARATOR)
        self.breadcrumb.setAccessibleDescription(spoken_trail)
        self.heading.set_title(spoken_title)  # its name starts with the title: the description need not say it again
        self.heading.setAccessibleDescription(spoken_trail)
        self._place_heading()
        self._update_heading()

    def _notch(self) -> QSize:
        """On a short page with Back and Restart, the header's words span the header, and these buttons take
        its top right corner: the answers so far, one line below them, take the whole width (at the largest
        text on an 800 × 600 screen, 407 of 728 px beside them gave "… › Someone is injured or needs…"). The
        corner is the buttons and the gap before them, in the words' coordinates (empty: no corner): the
        ring round it runs in the blank above the line's letters."""
        if self._heading_span == 1 or self._noted:  # under the note, the words have the whole width
            return QSize()
        hint = self._buttons_layout.sizeHint()
        gap = self._header_layout.horizontalSpacing()
        return QSize(hint.width() + gap, hint.height() - self._buttons_layout.contentsMargins().bottom())

    def _place_heading(self) -> None:
        """The words span the header on a short page, shortened, with Back and Restart; else they keep left
        of the buttons (shown whole, they scroll within the header: a corner would scroll with them)."""
        noted = self._noted
        span = 2 if noted or (self._short and not self._expanded and not self.back_button.isHidden()) else 1
        row = 1 if noted else 0
        if (span, row) != (self._heading_span, self._heading_row):
            if row != self._heading_row:  # the note's row (with Back and Restart) spans the header, or they sit right
                self._header_layout.removeItem(self._buttons_layout)
                self._header_layout.addLayout(self._buttons_layout, 0, 0 if noted else 1, 1, 2 if noted else 1)
            self._heading_span, self._heading_row = span, row
            self._header_layout.removeWidget(self.heading_scroll)
            self._header_layout.addWidget(self.heading_scroll, row, 0, 1, span)
            for button in (self.back_button, self.restart_button):
                button.raise_()
            self.heading.layout().invalidate()

    def _update_heading(self) -> None:
        """The header's words are a button while something in them is shortened, or shown whole on request."""
        active = self._expanded or self.title_label.shortened() or self.breadcrumb.shortened()
        if (active, self._expanded) != (self.heading.active, self.heading.expanded):
            self.heading.set_active(active, self._expanded)
        if not active and self.heading.hasFocus():  # a taller window showed everything: Tab has nothing here
            self.first_focus().setFocus(Qt.FocusReason.OtherFocusReason)

    def _toggle_heading(self) -> None:
        if not self.heading.active:
            return
        self._expanded = not self._expanded
        # the header grows or shrinks and the answers move under the finger: a step, for the double-tap guard
        self._step_at, self._input_at = self._input_at, 0
        self._fit_header()
        settle_layout([self.title_label, self.breadcrumb])

    def _set_short(self, short: bool) -> None:
        """A short page: its header's words keep to a few lines, and Back and Restart take the header's type
        size (base.qss), leaving the title more of the width."""
        self._short = short
        self._expanded = False
        self.header.setProperty("short", short)
        for button in (self.back_button, self.restart_button):
            repolish(button)
        self._buttons_layout.invalidate()  # their new size: the corner they take (_notch) is its size hint
        self._fit_header()

    def _fit_height(self, height: int) -> None:
        """The header for a page this tall: short or not, and the most its words take (PageLayout calls it
        before it lays the page out at that height)."""
        short = 0 < height < SHORT_PAGE
        margins = self._header_layout.contentsMargins()
        limit = round(HEADER_SHARE * height) - margins.top() - margins.bottom()
        if short == self._short and limit == self.heading_scroll.limit:
            return
        if short != self._short:
            self._set_short(short)
        self.heading_scroll.set_limit(limit)
        mark_changed([self.title_label, self.breadcrumb])  # the header's height for the layout running now

    def _offer_resume(self, state: wizard.WizardState) -> None:
        assert self._pack is not None
        self._resume_state = wizard.resume_when_safe(self._pack, state)
        if self._resume_state is not None:
            situation = self._pack.scenario(self._resume_state.at_scenario)
            title = situation.title if situation else self._resume_state.at_scenario
            # the header names the situation: one short line here, above the verdict it must not crowd
            self.resume_button.set_label("▸  Scene safe now? Go on with the situation",
                                         f"Scene safe now: go on with the situation {title}")
            self.resume_button.setToolTip("Answers that no one is hurt or in danger now, and goes on")
        self.resume_box.setVisible(self._resume_state is not None)

    def _show_citations(self) -> None:
        """The "Based on" line was pressed: the citations at the top of the view, the first one focused
        (Enter opens it, Tab goes on to the next)."""
        buttons = self.card.cites.buttons
        if not buttons:
            return
        # the view moves under the finger: a step, for the double-tap guard (a second tap opened a citation)
        self._step_at, self._input_at = self._input_at, 0
        for button in buttons:
            button.installEventFilter(self)
        self._show_citation(buttons[0])
        buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_citation(self, button: QWidget) -> None:
        """Scroll the answer to its citations, their heading at the top of the view, where ``button`` (one of
        them) then shows whole; else from ``button``'s top. (Back from a citation opened here showed it at the
        view's foot, a line of the answer cut in half at the top, the heading half-way down.)"""
        content = self.outcome_scroll.widget()
        heading = self.card.cites_heading
        top = heading.mapTo(content, heading.rect().topLeft()).y() - 12
        bottom = button.mapTo(content, button.rect().bottomLeft()).y() + 1
        if bottom - top > self.outcome_scroll.viewport().height():
            top = button.mapTo(content, button.rect().topLeft()).y() - FOCUS_MARGIN
        bar = self.outcome_scroll.verticalScrollBar()
        bar.setValue(min(max(top, 0), bar.maximum()))

    def _resume(self) -> None:
        if self._resume_state is not None:
            self._set_state(self._resume_state)

    def _show_question(self, node: Question) -> None:
        self.prompt_label.setText(node.prompt)
        self.help_label.setText(node.help)
        self._help_opened = False
        self._show_answers_below_button(False)
        choices = node.choices
        while len(self._answer_pool) < len(choices):
            self._add_answer_button()
        for number, (button, choice) in enumerate(zip(self._answer_pool, choices, strict=False), 1):
            button.set_label(choice.label, f"{number}: {choice.label}")
            button.setAccessibleDescription(f"Answer {number} of {len(choices)} to: {node.prompt}")
            button.setProperty("choice_key", choice.key)
        show_first(self._answer_pool, len(choices))
        self.answer_buttons = self._answer_pool[: len(choices)]
        if not self._room_below.isHidden():
            self._room_below.hide()
        self._set_room_above_hint(0)
        self.keys_hint.setText(keys_tip(len(choices)))
        undone = next((number for number, choice in enumerate(choices)
                       if self._undone_key and choice.key == self._undone_key), None)
        self._undone_answer = self.answer_buttons[undone] if undone is not None else None
        self._note_due = undone is not None
        self._fit_help()
        self.stack.setCurrentWidget(self.question_scroll)
        self.question_scroll.verticalScrollBar().setValue(0)

    def _make_help_toggle(self, name: str) -> WrapButton:
        toggle = WrapButton("▸  How to tell", name, kind="link")
        toggle.setAccessibleName("How to tell: show the hint for this question")
        toggle.setToolTip("Show the hint for this question")
        toggle.clicked.connect(self._open_help)
        toggle.hide()
        return toggle

    def _fit_prompt(self) -> bool:
        """Type the question at its answers' size where at its own the first two answers would not fit on the
        screen below it, the hint folded: at the largest text on 1024 × 600, S05's five-line question about the
        paper showed "Yes: it is an ICE form…" and no other answer, and S24's about court no "No". True when
        that changed the question's size."""
        small = self.prompt_label.property("fit") == "small"
        if small:
            self.prompt_label.setProperty("fit", "")
            repolish(self.prompt_label)
        first = max(min(ANSWERS_IN_SIGHT, len(self.answer_buttons)) - 1, 0)
        top, room = self._question_layout.contentsMargins().top(), self._question_viewport.height()
        too_tall = top + self._height_down_to(first, False) > room
        # The hint opened from its button: a question at its answers' size keeps it while the hint, opened under it,
        # would push the first answers off at its own (S01's "Is anyone hurt or in danger…" at the largest text on
        # 800 × 600 grew from 34 to 45 px at the tap, and both answers went below the screen's edge).
        opened = small and self._help_opened and bool(self.help_label.text())
        too_tall = too_tall or (opened and top + self._height_down_to(first, True) > room)
        if too_tall:
            self.prompt_label.setProperty("fit", "small")
            repolish(self.prompt_label)
        return small != too_tall

    def _fit_help(self) -> bool:
        """Show the hint, or fold it into its button when the first two answers would not fit on the screen
        below the question and the hint; after Back (of an answer after the first), when the first would not,
        or the answer Back undid would fit below the question only without the hint. The question first takes
        its size (_fit_prompt). True when that changed what is shown."""
        was_small = self.prompt_label.property("fit") == "small"
        self._fit_prompt()
        has_help = bool(self.help_label.text())
        room = self._question_viewport.height()
        top = self._question_layout.contentsMargins().top()  # the first answers show unscrolled; Back's may scroll
        kept = self.answer_buttons.index(self._undone_answer) if self._undone_answer is not None else 0  # Back's
        # Two: with only the first in sight, "What paper are they holding?" showed a court warrant and the hint,
        # and the six other papers were below the edge; a danger question showed "Yes" and no "No". After Back,
        # the answer it undid is the one kept in sight (below).
        first = 0 if kept else max(min(ANSWERS_IN_SIGHT, len(self.answer_buttons)) - 1, 0)
        folded = has_help and not self._help_opened and (
            top + self._height_down_to(first, True) > room
            or (kept > 0 and self._height_down_to(kept, True) > room >= self._height_down_to(kept, False)))
        shown = (self.help_frame, self._toggle_beside, self._toggle_below)
        before = [w.isHidden() for w in shown]
        if folded:
            self.help_toggle = self._place_toggle(max(first, kept), back=kept > 0)
        self.help_frame.setVisible(has_help and not folded)
        for toggle in (self._toggle_beside, self._toggle_below):
            toggle.setVisible(folded and toggle is self.help_toggle)
        gap_changed = self._fit_gap_above_toggle()
        tip_changed = self._fit_keys_tip()
        resized = was_small != (self.prompt_label.property("fit") == "small")
        return resized or tip_changed or gap_changed or before != [w.isHidden() for w in shown]

    def _fit_gap_above_toggle(self) -> bool:
        """The folded hint's button below the answers shows whole on the screen, or starts at its edge (blank room
        above it): at the largest text on 800 × 600 the first question of S22, S23, S25, S26, S28 and S30 showed it
        cut in half at the edge, which looked broken. True when that changed what is shown."""
        now = None  # the room's height; None: no room
        if not self._toggle_below.isHidden():
            spacing = self._question_layout.spacing()
            room = self._question_viewport.height()
            top = (self._question_layout.contentsMargins().top()
                   + self._height_down_to(len(self.answer_buttons) - 1, False) + spacing)
            if top < room < top + laid_out_height(self._toggle_below, self._content_width()):
                now = max(room - top - spacing, 0)  # the room adds a spacing of its own above the button
        was = None if self._gap_above_toggle.isHidden() else self._gap_above_toggle.height()
        if was == now:
            return False
        if now is None:
            self._gap_above_toggle.hide()
        else:
            self._gap_above_toggle.setFixedHeight(now)
            self._gap_above_toggle.show()
        return True

    def _place_toggle(self, last: int, back: bool = False) -> WrapButton:
        """Where the folded hint's button goes: beside the question where it keeps its number of lines there;
        else below the answers where it shows there without scrolling; else beside the question where the
        answers down to the ``last``-th (0-based: the first two, or the one Back undid) still show below it (the
        one ``back`` undid: with the view scrolled by at most its top margin, the question's first line whole);
        else the same with the question at its answers' size. (At the largest text on 1024 × 600, S31's "Why is
        the person being held?" shrank to its answers' size after Back from its third answer, which a 9-px scroll
        showed whole: the same question read at two sizes, one going forward and one coming back.) Below the answers, where it fell below the screen's
        edge (71 of the 86 folded hints at the largest text on 800 × 600, the first question of S01 among them:
        "Is anyone hurt or in danger…" showed both answers and half the button), the officer could not see there
        was a hint. Where nothing shows it with the answers, below them."""
        if self._fits_beside():
            return self._toggle_beside
        room = self._question_viewport.height() - self._question_layout.contentsMargins().top()

        def below_in_sight() -> bool:
            below = self._question_layout.spacing() + laid_out_height(self._toggle_below, self._content_width())
            return self._height_down_to(len(self.answer_buttons) - 1, False) + below <= room

        def beside_in_sight() -> bool:
            return self._height_down_to(last, False, beside=True) <= (self._question_viewport.height() if back else room)

        if below_in_sight():
            return self._toggle_below
        if beside_in_sight():
            return self._toggle_beside
        if self.prompt_label.property("fit") != "small":
            self.prompt_label.setProperty("fit", "small")
            repolish(self.prompt_label)
            if self._fits_beside() or beside_in_sight():
                return self._toggle_beside
            if below_in_sight():
                return self._toggle_below
            self.prompt_label.setProperty("fit", "")
            repolish(self.prompt_label)
        return self._toggle_below

    def _fit_keys_tip(self) -> bool:
        """Show the keys' tip while it is worth its line: not once the officer has answered with a digit or a
        tap, and only where it fits whole on the screen below the answers (else it was cut at the screen's
        edge, or sat below it). True when that changed what is shown."""
        wanted = not self._keys_tip_spent and bool(self.answer_buttons)
        if wanted:
            width, spacing = self._content_width(), self._question_layout.spacing()
            margins = self._question_layout.contentsMargins()
            below = [*([self._toggle_below] if not self._toggle_below.isHidden() else []), self.keys_hint]
            down_to_last = self._height_down_to(len(self.answer_buttons) - 1, not self.help_frame.isHidden(),
                                                beside=not self._toggle_beside.isHidden())
            needed = (margins.top() + down_to_last
                      + sum(spacing + laid_out_height(widget, width) for widget in below) + margins.bottom())
            wanted = needed <= self._question_viewport.height()
        changed = self.keys_hint.isHidden() == wanted
        self.keys_hint.setVisible(wanted)
        return changed

    def _spend_keys_tip(self) -> None:
        """The officer answered with a digit or a tap: the tip has nothing more to tell them."""
        self._keys_tip_spent = True
        self.keys_hint.hide()

    def _fits_beside(self) -> bool:
        """Whether the question keeps its number of lines with the folded hint's button beside it."""
        width = self._content_width()
        narrow = width - self._toggle_beside.sizeHint().width() - PROMPT_ROW_SPACING
        return narrow > 0 and self.prompt_label.heightForWidth(narrow) <= self.prompt_label.heightForWidth(width)

    def _content_width(self, scroll: VScrollArea | None = None) -> int:
        """The question page's (or another page's ``scroll``) width for its words, as if the scroll bar showed
        (see _height_down_to). Whether it shows is asked of the view, not the screen: a question set while Home
        is showing found the bar hidden with the page, took its width off a view it had already narrowed, and
        put the folded hint's button below the answers, where from Home the first time it sat beside the
        question."""
        return words_width(scroll or self.question_scroll)

    def _fit_columns(self) -> bool:
        """The answer's lists side by side, or one under the other, and its headline at its size or smaller,
        for the outcome view as it is now."""
        width, room = self._content_width(self.outcome_scroll), self._outcome_viewport.height()
        top = self.outcome_scroll.widget().layout().contentsMargins().top()
        headline = self.card.fit_headline(width, room - top)
        return self.card.fit_columns(width, room) or headline

    def _height_down_to(self, index: int, with_help: bool, beside: bool = False) -> int:
        """The height from the question's top to the bottom of its ``index``-th answer (0-based), with the
        hint between them or without it (``beside``: the folded hint's button beside the question). Measured as
        if the scroll bar showed, whether it does or not: folding can hide the bar and widen the words, and a
        measure that followed the bar could then unfold, and fold again, on every resize."""
        width = self._content_width()

        def height(widget: QWidget) -> int:
            return laid_out_height(widget, width)

        shown = [*([self.help_frame] if with_help else [])]
        if beside:
            narrow = width - self._toggle_beside.sizeHint().width() - PROMPT_ROW_SPACING
            prompt = max(laid_out_height(self.prompt_label, narrow), self._toggle_beside.sizeHint().height())
        else:
            prompt = height(self.prompt_label)
        answers = self.answer_buttons[: index + 1]
        spacing = self._question_layout.spacing()
        return (prompt + sum(map(height, shown)) + spacing * len(shown)
                + (spacing + sum(map(height, answers)) + self.answers_box.spacing() * (len(answers) - 1)
                   if answers else 0))

    def _open_help(self) -> None:
        self._help_opened = True
        self._fit_help()
        settle_layout([self.help_label])
        if self.answer_buttons:  # the button that had the focus is gone: the answer kept in sight (Back's) has it
            self._answer_in_focus().setFocus(Qt.FocusReason.OtherFocusReason)
        room = self._question_viewport.height()
        self._scroll_to_opened_help()
        if self.answer_buttons and self.answer_buttons[0].mapTo(self._question_viewport, QPoint(0, 0)).y() >= room:
            # no answer in sight: the hint's first line says they are below, and the view is placed again for the
            # hint as tall as it is with that button (the question cut at a line, the hint whole where it fits)
            self._show_answers_below_button(True)
            self._set_room_above_hint(0)
            self._room_below.hide()
            settle_layout([self._help_title, self.help_label])
            self._scroll_to_opened_help()
        # the first answer, given the focus above, may now start at the screen's edge: ringed out of sight, Space or
        # Enter chose an answer the officer could not see (S01's 'no' at the largest text on 800 x 600). The view takes
        # it (PageDown reads on, Tab brings that answer into sight); an answer Back undid keeps it (the header names it)
        first = self.answer_buttons[0] if self.answer_buttons and self._undone_answer is None else None
        if (first is not None and self.window().focusWidget() is first
                and first.mapTo(self._question_viewport, QPoint(0, 0)).y() >= room):
            self.question_scroll.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_answers_below_button(self, shown: bool) -> None:
        """'Answers below' on the hint's title line (or not): the title's line as tall as the button, its words
        stopping short of it."""
        if shown == self.answers_below.isVisibleTo(self.help_frame):
            return
        self.answers_below.setVisible(shown)
        self._fit_answers_below_line()

    def _fit_answers_below_line(self) -> None:
        """The hint's title line made room for 'Answers below' as big as it is now (none when it is hidden): sized
        once when the hint opened, A+ with it shown left it 20 px narrower than its words, cut and wrapped."""
        shown, hint = not self.answers_below.isHidden(), self.answers_below.sizeHint()
        self._help_title.setContentsMargins(0, 0, hint.width() + PROMPT_ROW_SPACING if shown else 0, 0)
        self._help_title.setMinimumHeight(hint.height() if shown else 0)
        self._place_answers_below()

    def _place_answers_below(self) -> None:
        if self.answers_below.isHidden():
            return
        title, hint = self._help_title.geometry(), self.answers_below.sizeHint()
        self.answers_below.setGeometry(title.right() + 1 - hint.width(), title.top(), hint.width(), hint.height())
        self.answers_below.raise_()

    def _show_answers_below(self) -> None:
        """'Answers below' was pressed: the first answers whole in sight (the view scrolls as little as it can, the
        hint's end above them), the first with the focus."""
        if not self.answer_buttons:
            return
        # the view moves under the finger: a step, for the double-tap guard (a second tap gave an answer)
        self._step_at, self._input_at = self._input_at, 0
        first = self.answer_buttons[0]
        self._scroll_to_show(first, self.answer_buttons[min(ANSWERS_IN_SIGHT, len(self.answer_buttons)) - 1])
        # the hint's end from a whole line: the view's top cut "check someone's status, …" in half (S01 'no', the
        # largest text on 800 x 600). The next line's start, where the first answer still shows from its top.
        self._place_view_top(self.question_scroll.verticalScrollBar().value(),
                             first.mapTo(self.question_scroll.widget(), QPoint(0, 0)).y(), self.help_label)
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _place_view_top(self, scroll: int, lowest: int, label: QWidget | None = None) -> bool:
        """Scroll the question view to ``scroll`` (its top, in its content's pixels), or near it where that cuts one of
        ``label``'s lines (the question's by default) through its words: down to the next line's start where that is
        no lower than ``lowest`` (what must show whole below still does), else up to the cut line's start. A top that
        cuts only the blank above the first line's words stays: the line reads whole. (The next line from there took
        the question's first line off the screen, and with it what the question is about.) Blank room below the
        answers lets the view scroll that far. The cut answer's tap, the opened hint and 'Answers below' all place
        the view here. True where ``label``'s first line shows whole."""
        label = label if label is not None else self.prompt_label
        box = label.contentsRect()
        top = label.mapTo(self.question_scroll.widget(), QPoint(0, box.top())).y()
        line, offset = label.fontMetrics().lineSpacing(), scroll - top
        blank = self._blank_above_words(label)
        if 0 < offset < box.height() and offset % line and not offset <= blank:
            start = top + offset // line * line
            scroll = start + line if start + line <= lowest else start
        bar = self.question_scroll.verticalScrollBar()
        if scroll > bar.maximum():  # the answers end too soon for the view to scroll that far: room below them
            self._room_below.setFixedHeight(scroll - bar.maximum() + (0 if self._room_below.isHidden()
                                                                      else self._room_below.height()))
            self._room_below.show()
            settle_layout([self._room_below])
        bar.setValue(scroll)
        return bar.value() - top <= blank

    @staticmethod
    def _blank_above_words(label: QWidget) -> int:
        """The pixels at the top of ``label``'s first line above its words' ink (accents and tall letters included)."""
        lines = label_lines(label)
        if not lines:
            return 0
        first = QLabel.text(label)[: lines[1][0]] if len(lines) > 1 else QLabel.text(label)
        metrics = label.fontMetrics()
        ink = max(metrics.leading(), 0) + metrics.ascent() + metrics.tightBoundingRect(first).top()
        return max(0, ink - 1) if first.strip() else 0

    def _scroll_to_opened_help(self) -> None:
        """The hint just opened: scroll the view to it and the answers below it (see the comments within)."""
        # the officer asked to read the hint: opened from below the answers, the view stayed at them and
        # the hint sat above the screen. As little scroll as shows the whole hint and, below it, the answers it
        # helps to choose from: the first two (or the one Back undid), else the one in focus, else the hint alone
        # (the question above it too, where there is room); else the hint from its top. Scrolled to the hint
        # alone, S01's first question at the largest text on 800 × 600 showed neither answer.
        content, spacing = self.question_scroll.widget(), self._question_layout.spacing()
        top = self.help_frame.mapTo(content, QPoint(0, 0)).y() - spacing
        room = self._question_viewport.height()
        ends = [self.help_frame]
        if self.answer_buttons:
            focused = self._answer_in_focus()
            first = self.answer_buttons[min(ANSWERS_IN_SIGHT, len(self.answer_buttons)) - 1]
            ends[:0] = [focused] if self.answer_buttons.index(focused) >= ANSWERS_IN_SIGHT else [first, focused]
        bottoms = [end.mapTo(content, QPoint(0, end.height())).y() + (spacing if end is self.help_frame else 1)
                   for end in ends]
        # the hint whole: the view's top at most at the hint's own top (the space above it may go)
        scroll = next((max(0, bottom - room) for bottom in bottoms if bottom - room <= top + spacing), top)
        if scroll == top and bottoms[-1] - spacing - room <= top + spacing:  # the hint fits, not with the room below
            scroll = bottoms[-1] - spacing - room  # it: its end at the screen's (PAPER's court check, 'Answers below')
        # the question shown from a whole line: at 1024 × 600 the view's top cut "violence or a crime…" in half. The
        # next line, where the hint still shows whole; else the one before.
        self._place_view_top(scroll, top + spacing)
        if not self._push_cut_answer_off(self.answer_buttons[:ANSWERS_IN_SIGHT] if len(ends) > 2 else [], room):
            # the hint and the first answer alone do not fit (the largest text: 6 questions on 800 × 600, 1 on
            # 1024 × 600): the first answer starts at the edge below the whole hint, not cut under a gloved finger
            self._push_cut_answer_off([self.help_frame, *self.answer_buttons[:1]], room)

    def _push_cut_answer_off(self, widgets: list[QWidget], room: int) -> bool:
        """The hint just opened, the view scrolled: where the first of ``widgets`` (an answer, or the hint) shows whole
        and the last (an answer) is cut by the screen's edge (they do not fit together, and the question's lines leave
        no place to stop between), blank room above the hint moves the hint and the answers down until the cut one
        starts at the edge: the screen ends with a whole answer or the whole hint, and the scroll bar shows there is
        more. At the largest text on 1024 × 600, 8 of the 80 hints opened showed the second answer's top 1-19 px above
        the edge, its frame cut, which looked broken. The question's top line stays where it was. True if it did."""
        if len(widgets) < 2:
            return False
        viewport = self._question_viewport
        first, last = widgets[0], widgets[-1]
        top = last.mapTo(viewport, QPoint(0, 0)).y()
        if first.mapTo(viewport, QPoint(0, first.height())).y() <= room and top < room < top + last.height():
            self._set_room_above_hint(room - top)
            return True
        return False

    def _set_room_above_hint(self, height: int) -> None:
        """Blank room of ``height`` px between the question and the opened hint (0: none), for the view's height now
        (another height, or another text size, takes it away: fit_to_view)."""
        self._room_above_hint_for = self._question_viewport.height() if height else 0
        margins = self._prompt_row.contentsMargins()
        if margins.bottom() != height:
            margins.setBottom(height)
            self._prompt_row.setContentsMargins(margins)
            settle_layout([self.prompt_label])

    def fit_to_view(self, restyled: bool = False) -> None:
        """Fold or unfold the hint (on an answer: put its lists side by side, or each under the other) for the
        view as it is now: after a resize, or (``restyled``) a new text size or theme, whose new type sizes are
        first laid out (the view may not change size at all)."""
        if self.stack.currentWidget() is self.outcome_scroll:
            if restyled:
                settle_layout(self.card.text_widgets())
            if self._fit_columns():
                settle_layout(self.card.text_widgets())
            return
        if self.stack.currentWidget() is not self.question_scroll:
            return
        if restyled:
            self._take_tap_again_away()  # placed by the answer as its type was
            self._fit_answers_below_line()  # its type size, and so its size, may be new
            settle_layout([self.title_label, self.breadcrumb, self.prompt_label, self.help_label])
        # the room is for this view's height and text size; a theme alone keeps it (day to night at dusk, the hint
        # open, cut the second answer at the edge again)
        if self._room_above_hint_for and (self._room_above_hint_for != self._question_viewport.height()
                                          or restyled and self.prompt_label.font() != self._shown_font):
            self._set_room_above_hint(0)
        if self._fit_help():
            settle_layout([self.prompt_label, self.help_label, self._toggle_beside, self._toggle_below])
        self._check_undone_note()
        if restyled and self.prompt_label.font() != self._shown_font:
            self._show_question_again()  # larger words pushed the answer down, or the question up (not a theme)
        if (not self.answers_below.isHidden() and self.answer_buttons
                and self.answer_buttons[0].mapTo(self._question_viewport, QPoint(0, 0)).y() < self._question_viewport.height()):
            # an answer in sight (smaller text, a taller window): 'Answers below' would say what is not so
            self._show_answers_below_button(False)

    def _show_question_again(self) -> None:
        """After the words around them moved: the question's top, and the focused (else the first) answer."""
        if self.stack.currentWidget() is self.question_scroll and self.answer_buttons:
            focused = self.window().focusWidget()
            self._show_with_question(focused if focused in self.answer_buttons else self.answer_buttons[0])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if (watched is self.undone_note and kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and Qt.Key(event.key()) in _PAGE_KEYS):  # in the header, the note pages the question view, as before
            QCoreApplication.sendEvent(self.question_scroll, event)
            return True
        # each event on an answer comes here (some 85 a step, most of them moves and resizes): one test of its kind
        # each for the tap and the focus leaving, not three
        if kind == QEvent.Type.MouseButtonPress:
            if watched in self.answer_buttons:
                self._spend_keys_tip()  # a finger or the mouse: the keys are not how this officer answers
        elif kind == QEvent.Type.FocusOut and watched in self.answer_buttons and watched is not QApplication.focusWidget():
            self._take_tap_again_away(QApplication.focusWidget())  # a tap or the keys moved on from the answer it is in
        if kind in _PRESSES or kind in _RELEASES:
            if self._too_soon(event, kind in _PRESSES):
                return True  # the second press of a double tap: dropped without a trace, the view included
            if kind == QEvent.Type.MouseButtonPress and watched in self.answer_buttons:
                if watched is not self.tap_again_note.answer:  # (a tap on the note is one on its answer: it stays)
                    self._take_tap_again_away(watched)  # the note was for the last tap
                return self._cut_at_the_edge(watched, event)
            return kind == QEvent.Type.KeyPress and watched in self.answer_buttons and self._out_of_sight(watched, event)
        if watched is self._help_title and kind in (QEvent.Type.Move, QEvent.Type.Resize):
            self._place_answers_below()
        if kind == QEvent.Type.Show and watched is self.card:
            self.card.removeEventFilter(self)
            self.fit_to_view()
        if kind == QEvent.Type.Resize and watched in (self._question_viewport, self._outcome_viewport):
            if watched is self._question_viewport:
                self._take_tap_again_away()  # its words fitted to the answer's width as it was
            self.fit_to_view()
        return super().eventFilter(watched, event)

    def _add_answer_button(self) -> None:
        """One more answer button for the pool; the pool only grows (shown and hidden, never rebuilt)."""
        number = len(self._answer_pool) + 1
        button = WrapButton("", "answerButton", key_hint=str(number) if number <= 9 else "", kind="answer")
        button.clicked.connect(lambda _checked=False, n=number: self.choose(n))
        self.answers_box.addWidget(button)
        # the folded hint's button beside the question, the note under it and the opened hint's 'Answers below' come
        # before the answers, the hint's button below them after (hidden, Tab passes them by)
        QWidget.setTabOrder(self._answer_pool[-1] if self._answer_pool else self.answers_below, button)
        button.installEventFilter(self)
        self._answer_pool.append(button)

    def _too_soon(self, event: QEvent, press: bool) -> bool:
        """Whether to drop this press on a step button (or digit key): the second press of a double tap.
        Releases, and presses let through, are noted as the input a step may come from."""
        if isinstance(event, QKeyEvent):
            if Qt.Key(event.key()) not in _STEP_KEYS:
                return False  # Tab, the arrows…: they move, they make no step
            if press and event.isAutoRepeat():
                return True  # a held key repeats: one step per press
        at = event.timestamp()  # type: ignore[attr-defined]
        if not at:  # a made-up event with no time (tests' key presses): nothing to measure against
            return False
        if press:
            if self._step_at and 0 <= at - self._step_at < QGuiApplication.styleHints().mouseDoubleClickInterval():
                return True
            self._input_at = at
        elif self._input_at:  # the release of a press let through: the step it makes (if any) comes now
            self._input_at = at
            QTimer.singleShot(0, self._forget_input)  # no step on this release: the press is spent
        return False

    def _out_of_sight(self, answer: WrapButton, event: QEvent) -> bool:
        """Whether a key that would give ``answer`` finds its first line of words off the screen: the key then
        scrolls it into sight and gives nothing. After Back below a long question at large text, the undone answer
        keeps the focus off the screen's edge (the question keeps its top), and Enter gave it again unseen.
        A second press within the double-click interval is dropped, as after a step."""
        if not isinstance(event, QKeyEvent) or Qt.Key(event.key()) not in _STEP_KEYS or Qt.Key(event.key()) in _DIGIT_KEYS:
            return False
        if self._words_in_sight(answer):
            return False
        if not event.isAutoRepeat():
            self._scroll_to_show(answer, answer)
            self._step_at = event.timestamp()
        return True

    def _cut_at_the_edge(self, answer: WrapButton, event: QEvent) -> bool:
        """Whether a tap on ``answer`` finds some of its words off the screen: the tap then scrolls it whole into
        sight, gives it the focus (its ring), says "Tap answer N again to choose it." and shows a note saying so in
        it, above its words; it gives nothing (a second tap, on its words or on the note, gives it). At the largest
        text on 800 × 600, S23's third answer to 'What paper do the agents have…' showed 'Nothing shown, or they
        refuse to' cut through at the screen's edge, and a tap there gave an answer whose end the officer had not
        read. An answer taller than the view is shown from its top, and a tap with its top in sight gives it (no
        scroll could show it whole)."""
        words, room = answer.text_label, self._question_viewport.height()
        top = words.mapTo(self._question_viewport, QPoint(0, 0)).y()
        if top >= 0 and (top + words.height() <= room or words.height() > room):
            return False
        self._step_at = event.timestamp()  # type: ignore[attr-defined] (the view moves under the finger: a step)
        answer.setFocus(Qt.FocusReason.OtherFocusReason)
        # ringed, though a tap hides the ring (FocusRing): the one a second tap, or Enter, gives
        answer.setProperty(RING_PROPERTY, "")
        repolish(answer, children=False)
        number = self.answer_buttons.index(answer) + 1
        said = f"Tap answer {number} again to choose it."
        # the note first (the answer grows by it), then as little scroll as shows the two whole, the question's first
        # line kept where they fit; else from a whole line, and the note says where the question is
        self.tap_again_note.show_in(answer, ["Tap again to choose it."], said)
        if not self._show_cut_answer(answer):
            said = f"{said} The question starts above."
            self.tap_again_note.show_in(answer, ["Tap again to choose it.", "▲ The question is above."], said)
            self._show_cut_answer(answer)  # (two lines of note where one was: as tall again)
        self.message_posted.emit(said)  # in the status bar too: a screen reader hears it on the answer
        self._tap_again_said = True
        return True

    def _show_cut_answer(self, answer: WrapButton) -> bool:
        """Scroll as little as shows ``answer`` whole (from its top, where it is taller than the view), the question's
        first line kept where the two fit; else from a whole line. True where the question's first line shows."""
        content, bar = self.question_scroll.widget(), self.question_scroll.verticalScrollBar()
        top = answer.mapTo(content, QPoint(0, 0)).y()
        room = self._question_viewport.height()
        return self._place_view_top(min(max(bar.value(), top + answer.height() - room), top), top)

    def _take_tap_again_away(self, keep: QWidget | None = None) -> None:
        """The note "Tap answer N again…" goes (and its words from the status bar): the answer was chosen, or another
        tapped (or reached with the keys), or the view changed size or shows another screen. The room the answer
        made for it goes too, and nothing moves under a finger: where ``keep`` (the answer tapped now) or all that is
        in sight is below that room, the view scrolls up by as much."""
        if self._tap_again_said:
            self._tap_again_said = False
            self.message_posted.emit("")
        note, answer = self.tap_again_note, self.tap_again_note.answer
        if not note.room or answer is None:  # (it shows only with its room)
            return
        content, bar = self.question_scroll.widget(), self.question_scroll.verticalScrollBar()
        value, end = bar.value(), answer.mapTo(content, QPoint(0, note.room)).y()  # the room's end, in the content
        kept = keep is not None and content.isAncestorOf(keep) and keep.mapTo(content, QPoint(0, 0)).y() >= end
        gone = note.take_away()
        if end <= value or kept and end < value + self._question_viewport.height():
            bar.setValue(max(0, value - gone))
            if QScroller.hasScroller(self._question_viewport):  # a finger dragging: its scroller learns the new place
                QScroller.scroller(self._question_viewport).resendPrepareEvent()

    def _words_in_sight(self, answer: WrapButton, top: int = 0) -> bool:
        """Whether ``answer``'s first line of words is on the screen, from the top of its capitals to its baseline
        (``top``: were the view's top edge that many pixels lower)."""
        words = answer.text_label
        baseline = words.mapTo(self._question_viewport, words.rect().topLeft()).y() + words.fontMetrics().ascent()
        return baseline - words.fontMetrics().capHeight() >= top and baseline <= self._question_viewport.height()

    def _offer_undone_note(self, answer: WrapButton) -> None:
        """Back has just shown its question: where the answer it undid is below the screen's edge, the note in
        the header, in the title's place, names it. The header's height changes with it (the view's with it): the
        hint folds where the first answer would go off."""
        if self._words_in_sight(answer):
            return
        self.undone_note.set_answer(self.answer_buttons.index(answer) + 1, answer.label())
        before = self.header.height()
        self._show_note(True)
        settle_layout([self.undone_note.text_label, self.title_label, self.breadcrumb])
        self._note_saves = before - self.header.height()
        if self._fit_help():
            settle_layout([self.prompt_label, self.help_label, self._toggle_beside, self._toggle_below])
        self._scroll_to_show(self.prompt_label, answer)
        self._check_undone_note()  # a folded hint may have brought the answer up into sight

    def _check_undone_note(self) -> None:
        """The note goes once the answer it names comes into sight (scrolled to, a taller window, smaller text),
        or would without the note: the room it takes must not keep it there."""
        answer = self._undone_answer
        if self.undone_note.isHidden() or answer is None:
            return
        # Without the note the title is back, and the header as much taller (or shorter) as the note saved: the
        # view's top edge moves by that. What is on the screen stays where it is (the view scrolls by as much),
        # so the answer must be in sight below that new edge
        bar = self.question_scroll.verticalScrollBar()
        value, grows = bar.value(), self._note_saves
        if not self._words_in_sight(answer, top=max(0, grows)):
            return
        self._hide_undone_note()
        settle_layout([self.title_label, self.breadcrumb, self.prompt_label])
        bar.setValue(max(0, value + grows))
        if QScroller.hasScroller(self._question_viewport):  # a finger dragging: its scroller learns the new place
            QScroller.scroller(self._question_viewport).resendPrepareEvent()

    def _show_undone_answer(self) -> None:
        """The note was pressed: the answer it names, whole in sight (the view scrolls as little as it can), with
        the focus: Enter gives it again."""
        answer = self._undone_answer
        if answer is None:
            return
        # the view moves under the finger: a step, for the double-tap guard (a second tap gave an answer)
        self._step_at, self._input_at = self._input_at, 0
        self._hide_undone_note()
        settle_layout([self.title_label, self.breadcrumb, self.prompt_label])  # the header as it is without the note
        self._scroll_to_show(answer, answer)
        answer.setFocus(Qt.FocusReason.OtherFocusReason)

    def _hide_undone_note(self) -> None:
        """Take the note away; with the focus on it, the answer it named takes the focus. (Hidden with the focus, the
        note passed it to the next in line, the first answer: Enter then gave an answer the officer had not given.)"""
        if self.undone_note.hasFocus() and self._undone_answer is not None:
            self._undone_answer.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_note(False)

    def _show_note(self, shown: bool) -> None:
        """The undone answer's note in the header, beside Back in the title's place, the answers so far under
        it; the title comes back when it goes (a screen reader has it whole in the header's description)."""
        if shown == self._noted:
            return
        self._noted = shown
        self.undone_note.setVisible(shown)
        self.title_label.setVisible(not shown)
        self._place_heading()

    def _forget_input(self) -> None:
        self._input_at = 0

    # -- keyboard ---------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        number = _DIGIT_KEYS.get(Qt.Key(event.key()))
        if number is not None and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            if self._too_soon(event, True) or self.choose(number):
                self._spend_keys_tip()
                event.accept()
                return
        super().keyPressEvent(event)

    def reveal(self, widget: QWidget) -> None:
        """Give ``widget`` the focus and scroll it into sight: a focus ring below the screen's edge shows
        nothing (a new question, Back, a citation half-way down an answer). Every way the app hands the focus
        to the page comes here; Tab scrolls by itself, and a press must not (a finger may be dragging). On a
        question screen the question keeps its top in sight before the answer (_show_with_question)."""
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        scroll = self.stack.currentWidget()
        # a page just shown has layouts still to run at its new size: run them, invalidating nothing
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        if widget is not scroll and isinstance(scroll, VScrollArea):
            if scroll is self.question_scroll:
                self._show_with_question(widget)
            elif widget in self.card.cites.buttons:  # Back from a citation opened here: where reading stopped
                self._show_citation(widget)
            else:
                scroll.ensureWidgetVisible(widget, 0, FOCUS_MARGIN)

    def _show_with_question(self, answer: QWidget) -> None:
        """Scroll the question view as little as shows ``answer`` whole, but never past the question's top.
        Scrolled to a focused answer below a long question at large text on a short screen, the view cut
        off the question's first line (or half of it): read without it, a question can read as another.
        Where the two do not fit, the question keeps its top and the answer shows as much as fits below it.
        Where the question and every answer fit (the view scrolled by no more than the page's top margin), every
        answer shows: going forward at the largest text on 1024 × 600, S31's "Why is the person being held?"
        showed its last answer 4-8 px past the screen's edge, its frame cut (93 questions in all at 800 × 600 and
        1024 × 600, every text size), where Back from that answer scrolled as much and showed it whole."""
        self._shown_font = self.prompt_label.font()
        last = self.answer_buttons[-1] if answer in self.answer_buttons else answer
        content = self.question_scroll.widget()
        every = (last.mapTo(content, last.rect().bottomLeft()).y() + 1
                 - self.prompt_label.mapTo(content, QPoint(0, 0)).y() <= self._question_viewport.height())
        self._scroll_to_show(self.prompt_label, last if every else answer)
        if self._note_due and answer is self._undone_answer:  # Back's question, shown for the first time
            self._note_due = False
            self._offer_undone_note(answer)

    def _scroll_to_show(self, first: QWidget, last: QWidget) -> None:
        """Scroll the question view as little as shows ``first`` to ``last`` whole, but never past the top of
        ``first``: where they do not fit, ``first`` shows from its top. (Qt's ensureWidgetVisible centres a
        widget taller than the view, which leaves its first line above the view.)"""
        content = self.question_scroll.widget()
        top = first.mapTo(content, first.rect().topLeft()).y()
        bottom = last.mapTo(content, last.rect().bottomLeft()).y() + 1
        bar = self.question_scroll.verticalScrollBar()
        bar.setValue(min(max(bar.value(), bottom - self._question_viewport.height()), top))

    def first_focus(self) -> QWidget:
        if self._opened and self.stack.currentWidget() is self.outcome_scroll:
            # Back from a provision opened here: its citation, where reading stopped, not the top of the answer
            return self.card.cites.button_for(self._opened) or self.outcome_scroll
        if self.stack.currentWidget() is self.question_scroll and self.answer_buttons:
            # after Back, the answer given before: Enter gives it again, the arrows or Tab move on from it
            return self._answer_in_focus()
        return self.outcome_scroll  # at an outcome: the answer itself, to read on with the keys

    def _answer_in_focus(self) -> QWidget:
        """The answer a question screen gives the focus: after Back, the one given before, else the first."""
        return self._undone_answer if self._undone_answer is not None else self.answer_buttons[0]
