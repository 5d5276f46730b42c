"""Small shared widgets: wrapping labels and buttons, banners, badges, a vertical-only scroll area."""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar, cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QSize, Signal
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model import CAUTION_MARK, plain_spaces
from desktop.ui import keys
from desktop.ui.keys import CLEAR_SEARCH, OPEN, PICK, PICK_FIVE, SEARCH, Writer, qt_key, qt_keys, shown
from desktop.ui.lazy_qt import (
    ALIGN_CENTER,
    ALIGN_LEFT,
    ALIGN_TOP_HCENTER,
    NO_FOCUS,
    PLAIN_TEXT,
    SCROLL_BAR_ALWAYS_OFF,
    TEXT_WORD_WRAP,
    Qt,
    set_enum_property,
)

if TYPE_CHECKING:  # annotations only: each type PySide6 makes costs start-up time
    from collections.abc import Callable

    from PySide6.QtGui import QContextMenuEvent, QEnterEvent, QFocusEvent, QKeyEvent, QMouseEvent, QResizeEvent
    from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QMessageBox

W = TypeVar("W", bound=QWidget)
B = TypeVar("B", "QDialogButtonBox", "QMessageBox")  # what holds standard buttons (without_stock_icons)

#: Minimum height of anything an officer taps (gloves): above the 44 px guideline.
TOUCH_HEIGHT = 56
#: Room left around a window or dialog sized to fit a screen or the window it opens over (frame, title bar).
SCREEN_MARGIN = 24


def named(widget: W, object_name: str, accessible_name: str = "", description: str = "") -> W:
    """Give a widget its objectName and accessible name (and description) in one call."""
    widget.setObjectName(object_name)
    if accessible_name:
        widget.setAccessibleName(accessible_name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def fit_to_screen(widget: QWidget, width: int, height: int, within: QWidget | None = None,
                  least: tuple[int, int] = (0, 0)) -> None:
    """Resize ``widget`` to ``width``×``height``, or less where that would not fit: the screen it opens on
    (an in-car laptop's 1024×600 has no room for 1280×800; a window frame and title bar take some too)
    and, if given, the window ``within`` that it opens over. Never below ``least``; a widget's own minimum
    size still wins over all of this."""
    screen = widget.screen()
    bounds = [screen.availableGeometry().size()] if screen is not None else []
    if within is not None and within.width() > 0:
        bounds.append(within.size())
    for room in bounds:
        width, height = min(width, room.width() - SCREEN_MARGIN), min(height, room.height() - SCREEN_MARGIN)
    widget.resize(max(width, least[0]), max(height, least[1]))


def without_stock_icons(buttons: B) -> B:
    """``buttons`` with none of the style's stock icons on its standard buttons: on a Linux desktop Qt puts a green
    tick on OK and a red cross on Cancel ("Publish", "Choose", "Make handout…"), drawn in the desktop's look, not
    the app's, and dim smudges beside the words in the night and contrast themes. The app's buttons carry words
    only."""
    from PySide6.QtGui import QIcon  # (loaded with the dialog that asks, not at start-up)

    for button in buttons.buttons():
        button.setIcon(QIcon())
    return buttons


def question_box(parent: QWidget, title: str, text: str, buttons: QMessageBox.StandardButton,
                 default: QMessageBox.StandardButton) -> QMessageBox:
    """The box ``QMessageBox.question`` shows, its buttons words only (without_stock_icons): Qt's own put the
    desktop's stock icons on Discard, Cancel, Save, Yes and No on Linux, unlike every other dialog of the app."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, parent)
    box.setDefaultButton(default)
    without_stock_icons(box)
    return box


def ask(parent: QWidget, title: str, text: str, buttons: QMessageBox.StandardButton,
        default: QMessageBox.StandardButton) -> QMessageBox.StandardButton:
    """The button chosen in a question_box, as ``QMessageBox.question`` answers (the Escape key: the box's escape
    button). Tests replace ``QMessageBox.exec``: never leave a modal open."""
    from PySide6.QtWidgets import QMessageBox

    box = question_box(parent, title, text, buttons, default)
    answer = QMessageBox.StandardButton(box.exec())
    box.deleteLater()
    return answer


def least_width(widget: QWidget) -> int:
    """The width a layout gives ``widget`` at the least, as Qt's qSmartMinSize reckons it, shown or hidden
    (a layout counts a hidden widget as nothing)."""
    if widget.minimumWidth() > 0:
        return widget.minimumWidth()
    hint = widget.minimumSizeHint().width()
    if widget.sizePolicy().horizontalPolicy().value & QSizePolicy.PolicyFlag.ShrinkFlag.value:  # (an enum & a flag crashes)
        return hint
    return max(hint, widget.sizeHint().width())


def laid_out_height(widget: QWidget, width: int) -> int:
    """``widget``'s height as a layout sizes it at ``width``: its height for the width, within its limits."""
    return min(max(widget.heightForWidth(width), widget.minimumHeight()), widget.maximumHeight())


def repolish(widget: QWidget, children: bool = True) -> None:
    """Re-apply the style sheet after a dynamic property used by a QSS selector changed: to ``widget`` and, with
    ``children``, to every widget inside it (their selectors may name the property of one they are in)."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    if children:
        for child in widget.findChildren(QWidget):
            child.style().unpolish(child)
            child.style().polish(child)
    widget.update()


def mark_changed(changed: list[QWidget]) -> None:
    """Tell every layout from the widgets in ``changed`` up to the window that their sizes changed, so the
    next layout (one running now included) asks them again. Qt tells one level per turn of the event loop."""
    seen: dict[int, QWidget] = {}  # holds the wrappers, so an id is never reused while in use here
    for widget in changed:
        while widget is not None and not widget.isWindow() and id(widget) not in seen:
            seen[id(widget)] = widget
            widget.updateGeometry()
            widget = widget.parentWidget()


def settle_layout(changed: list[QWidget]) -> None:
    """Lay the window out now, after the words in ``changed`` (nested deep in other widgets) changed.

    Qt passes a size change up one nested widget per turn of the event loop, so the first frames after
    a change would show stale heights. Invalidating every ancestor at once and handling the layout
    requests straight away gives the final layout before the next paint. The repaints the change asked
    for are marked now too, so one paint shows it all (not a second one a moment later)."""
    mark_changed(changed)
    for _ in range(4):  # a layout that grows can ask its parent again; never more than a few rounds
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateLater)


def show_added(parent: QWidget) -> None:
    """Show now the widgets just added to layouts under a shown ``parent``. Qt shows such a widget a turn of the
    event loop later (QLayout queues it), so the first frame lacked it and the page grew after it had been
    scrolled to a place. Widgets hidden on purpose stay hidden."""
    for widget in parent.findChildren(QWidget):
        if widget.isHidden() and not widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
            widget.show()


class RowOpener(QObject):
    """The keys of Help → Keyboard keys' "Enter or Space" (keys.OPEN) open a list's current row: Space as it
    presses a button (an officer on the keyboard, Tab to the list and the arrows to a row, pressed Space and
    nothing happened), Enter as Qt's lists do, from the same line of the page."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (watched is self._view and event.type() == QEvent.Type.KeyPress and event.key() in qt_keys(OPEN)
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
                and self._view.currentIndex().isValid()):
            self._view.activated.emit(self._view.currentIndex())
            return True
        return False


#: The dynamic property FocusRing sets on the focused widget while the last input was a tap or a click: the themes
#: draw a widget with it as they draw it without the focus (day.qss, night.qss, contrast.qss, at their ends).
RING_PROPERTY = "ring"


class FocusRing(QObject):
    """The keyboard's focus ring shown as a browser's :focus-visible shows it. A tap or a click still moves the
    focus (the keys work from there, a screen reader hears it), but the ring shows only once the keys are used:
    after a tap on an answer, a ring on the next question's first answer read as an answer chosen or advised.
    A key press (Tab, an arrow, a digit, a shortcut such as Alt+Left) brings it back at once. A text field keeps
    its ring after a tap, as a browser's does: the field the words go into shows.

    One for the whole application (install_focus_ring, at the first frame): the last input decides for every
    window, the dialogs, the quiz, the slides and the editor as the main window. It watches the input of the
    app's windows (their QWindows, each once, as the focus moves between them), not every event of the
    application, and marks the widget with the focus."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName("focusRing")
        self.pointer = False  # the last input was a tap or a click: no ring
        app.focusWindowChanged.connect(self._watch_windows)  # type: ignore[attr-defined] (a QApplication)
        app.focusChanged.connect(self._focus_changed)  # type: ignore[attr-defined]
        self._watch_windows()

    def _watch_windows(self, *_focus_window: object) -> None:
        """Watch the input of each window not watched yet (a dialog, the quiz, the editor as each opens)."""
        from PySide6.QtGui import QGuiApplication

        for window in QGuiApplication.topLevelWindows():
            if not window.property(_WATCHED_PROPERTY):
                window.setProperty(_WATCHED_PROPERTY, True)
                window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind in _POINTER_PRESSES:
            self._use(pointer=True)
        elif kind in _KEY_PRESSES and event.key() not in _MODIFIER_KEYS:  # type: ignore[attr-defined]
            # a shortcut (Alt+Left, Ctrl+K) reaches the window as a ShortcutOverride only, before it acts
            self._use(pointer=False)
        return False

    def _use(self, pointer: bool) -> None:
        if pointer != self.pointer:
            self.pointer = pointer
            from PySide6.QtWidgets import QApplication

            self._mark(QApplication.focusWidget())

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        self._mark(new)

    def _mark(self, widget: QWidget | None) -> None:
        if widget is None:
            return
        wanted = "off" if self.pointer and not takes_text(widget) else ""
        if (widget.property(RING_PROPERTY) or "") != wanted:
            widget.setProperty(RING_PROPERTY, wanted)
            repolish(widget, children=False)  # this widget only: its words' colours do not follow its focus


def install_focus_ring() -> FocusRing:
    """The application's FocusRing, made the first time (at the first frame: nothing of it before then)."""
    app = QCoreApplication.instance()
    ring = focus_ring()
    return ring if ring is not None else FocusRing(app)


def focus_ring() -> FocusRing | None:
    """The application's FocusRing, if it has been made."""
    app = QCoreApplication.instance()
    return app.findChild(FocusRing, "focusRing") if app is not None else None


def takes_text(widget: QWidget) -> bool:
    """Whether ``widget`` is a text field (a line, a box of text, a number to type): it keeps its focus ring
    after a tap, as a browser's :focus-visible does, where the words typed go."""
    return isinstance(widget, QLineEdit) or widget.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)


def ring_shown(widget: QWidget) -> bool:
    """Whether ``widget`` shows the focus ring: it has the focus and the keys were used last (FocusRing)."""
    return widget.hasFocus() and widget.property(RING_PROPERTY) != "off"


_MODIFIER_KEYS = frozenset({0x01000020, 0x01000021, 0x01000022, 0x01000023, 0x01001103})  # Shift, Control, Meta, Alt, AltGr
_POINTER_PRESSES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin})
_KEY_PRESSES = frozenset({QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride})
#: The dynamic property FocusRing sets on each QWindow whose input it watches
_WATCHED_PROPERTY = "focusRingWatched"


def show_first(widgets: list[W], count: int) -> None:
    """Show the first ``count`` widgets of a pool and hide the others, touching only those that change."""
    for i, widget in enumerate(widgets):
        if widget.isHidden() == (i < count):
            widget.setVisible(i < count)


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every item of a layout (used when a page shows new content)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


def chain_tab_order(widgets: list[QWidget]) -> None:
    """Make Tab visit ``widgets`` in this order (used after building widgets on the fly)."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


def room_status_px(height: int) -> int:
    """The size of a room's quiet words (the slides' status line) on a screen ``height`` px tall: 24 px on a
    1080p projector, 16 px at 720p."""
    return max(13, round(height / 45))


def room_small_px(height: int) -> int:
    """The least size of the small words shown to a room on a screen ``height`` px tall, read from the back of
    it: a little above the status line (18 px at 720p, 19 px at 1024 × 768, 26 px at 1080p). The slides keep
    their small words above it, and the quiz shown full screen starts its type from it."""
    return room_status_px(height) + 2


def most_that_fits(low: int, high: int, fits: Callable[[int], bool]) -> int:
    """The most from ``low`` to ``high`` that ``fits`` (true up to a point, false beyond it), by bisection;
    ``low`` itself is never asked, and is the answer when nothing above it fits."""
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


_HEIGHT_CACHE_MAX = 32
#: the words a WrapLabel keeps its measures of: the one shown and the last few shown before
_TEXTS_KEPT = 8


class _Measures:
    """What a WrapLabel measured of one text."""

    __slots__ = ("heights", "hints")

    def __init__(self) -> None:
        self.heights: dict[int, int] = {}  # width → height
        self.hints: tuple[QSize, QSize] | None = None  # size hint, minimum size hint


#: QLabel's properties that change what a WrapLabel measures, set by name past its setters (setProperty)
_MEASURED_BY = frozenset({"margin", "indent", "wordWrap", "alignment", "textFormat", "textInteractionFlags"})
MEASURE_EVENTS = frozenset({QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ContentsRectChange})


class WrapLabel(QLabel):
    """A plain-text, word-wrapped label with a QSS role (``role="h1"``, ``"summary"``, ``"muted"``…).

    Data from the pack is always shown as plain text, never interpreted as HTML.

    Its height for a width is remembered until the font or margins change: QLabel lays the whole text out
    again on every query, and layouts ask for several widths each time anything on a page changes (a wizard
    step asked each header label 20 times). So are its size hints, which QLabel forgets with its words and
    measures again (its words laid out up to five times) when they come back: the wizard gives its reused
    labels the same words again and again (the breadcrumb's "First question", the keys tip, the safety
    questions many scenarios share, and their answers). Both are kept for its last few words."""

    def __init__(self, text: str = "", role: str = "", object_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._measures: dict[str, _Measures] = {}  # words shown → what was measured of them, the latest last
        self._now = _Measures()
        self._heights = self._now.heights  # the words shown now: their height for each width
        self._stale = False  # measured through a QTextDocument (selectable): forgotten with the words
        self._measured_at_most = -1  # the maximum width the kept measures were taken under (_recall)
        self._selectable = False
        self._whole = ""
        self._own_name = ""  # the accessible name this label gave itself: its words without the zero-width spaces
        set_enum_property(self, "textFormat", PLAIN_TEXT)
        self.setWordWrap(True)
        # No automatic indent: a label with a frame (a heading's rule) indents its text by half an "x" when
        # painting it but by a whole "x" when measuring it, which gave a line that just fitted a second line.
        self.setIndent(0)
        self.setText(text)
        if role:
            self.setProperty("role", role)
        if object_name:
            self.setObjectName(object_name)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def set_selectable(self) -> None:
        """Let the officer select the words with the mouse (to copy them).

        A selectable QLabel measures and draws through a QTextDocument, several times slower than plain
        text, and the wizard re-measures its labels on every step. So the label only becomes selectable
        when the pointer reaches it, and plain again when it shows new words away from the pointer."""
        self._selectable = True

    def _arm_selection(self) -> None:
        if self._selectable and not self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def enterEvent(self, event: QEnterEvent) -> None:  # noqa: N802 (Qt API)
        self._arm_selection()
        super().enterEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        self._arm_selection()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseReleaseEvent(event)  # on X11, Qt puts the words selected on the PRIMARY selection, as shown
        self._copy_as_given(selection=True)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseDoubleClickEvent(event)  # a word selected: on the PRIMARY selection too
        self._copy_as_given(selection=True)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt API)
        if text != self._whole:
            self._show_words(text)

    def _show_words(self, text: str) -> None:
        self._whole = text
        if self._selectable and not self.underMouse():
            self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self._recall(text)
        shown = wrappable(text)
        super().setText(shown)
        if self._own_name or shown != text:
            self._name_as_given(shown != text)

    def _take_shown(self) -> None:
        """Words QLabel shows that did not come through setText (setNum, a style sheet's qproperty-text): taken as
        the words given, with their own measures, not those of the words before."""
        shown = super().text()
        if shown != wrappable(self._whole):
            self._show_words(shown)

    def clear(self) -> None:
        self.setText("")

    def setNum(self, number: float) -> None:  # noqa: N802 (Qt API)
        super().setNum(number)  # the number written as QLabel writes it
        self._take_shown()

    def setProperty(self, name: str, value: object) -> bool:  # noqa: N802 (Qt API)
        """As QObject's; words set by name are taken as shown words are (_take_shown), and a margin, indent, wrap or
        alignment set by name forgets the sizes measured before, as this label's own setters do (QLabel's C++
        setters kept them)."""
        if name == "text":  # the value's words as QLabel writes them (None as none, True as "true"), or refused
            taken = super().setProperty(name, value)
            self._take_shown()
            return taken
        if name in _MEASURED_BY:
            self._forget()
        return super().setProperty(name, value)

    def text(self) -> str:
        """The words as given (what shows may hold zero-width spaces that let a very long word wrap)."""
        return self._whole

    def _name_as_given(self, wrapped: bool) -> None:
        """A screen reader reads a label's shown text, zero-width spaces and all: where a long word got them, the
        label is named by its words as given (unless it was given a name of its own)."""
        name = self.accessibleName()
        if name and name != self._own_name:
            return
        self._own_name = self._whole if wrapped else ""
        self.setAccessibleName(self._own_name)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        super().keyPressEvent(event)
        from PySide6.QtGui import QKeySequence

        if event.matches(QKeySequence.StandardKey.Copy):
            self._copy_as_given()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt API)
        super().contextMenuEvent(event)  # pops up Qt's menu, whose Copy puts the words on the clipboard as shown
        from PySide6.QtGui import QAction
        from PySide6.QtWidgets import QMenu

        for menu in self.findChildren(QMenu):
            copy = menu.findChild(QAction, "edit-copy")
            if copy is not None and not copy.property("asGiven"):
                copy.setProperty("asGiven", True)
                copy.triggered.connect(self._copy_as_given)  # after Qt's own copy

    def _copy_as_given(self, selection: bool = False) -> None:
        """What Qt copied from the selection, zero-width spaces and all, as the words were given: a path, a hash or
        a long word pasted elsewhere (a report, a search box, Explorer) is the one the pack or file holds.
        ``selection``: X11's PRIMARY selection, which Qt sets as the mouse selects (a middle click pastes it)."""
        shown = super().text()
        if shown == self._whole or not self.hasSelectedText():
            return
        from PySide6.QtGui import QClipboard, QGuiApplication

        board = QGuiApplication.clipboard()
        mode = QClipboard.Mode.Selection if selection else QClipboard.Mode.Clipboard
        if selection and not board.supportsSelection():
            return  # Windows, macOS: no such selection
        selected = self.selectedText()
        if board.text(mode) != selected.replace("\u2029", "\n"):
            return  # the clipboard holds something else (nothing was copied)
        start = len(shown.encode("utf-16-le")[: 2 * self.selectionStart()].decode("utf-16-le", "ignore"))
        board.setText(words_as_given(shown, self._whole, start, start + len(selected)), mode)

    def _recall(self, text: str) -> None:
        """Make what was measured of ``text`` (if anything, and if still true) the measures in use. What was
        measured under another maximum width or other interaction flags is not: QLabel measures new words with
        them (a word-wrapped label's size hint is no wider than its maximum; a selectable one's words are laid out
        through a QTextDocument), and so must these."""
        if self._stale:
            self._measures.clear()
            # still selectable (the pointer on it): these words too are measured through a QTextDocument
            flags = Qt.TextInteractionFlag
            self._stale = bool(self.textInteractionFlags() & (flags.TextSelectableByMouse | flags.TextSelectableByKeyboard))
        if self.maximumWidth() != self._measured_at_most:
            self._measures.clear()
            self._measured_at_most = self.maximumWidth()
        now = self._measures.pop(text, None)  # popped and put back: the latest last
        if now is None:
            if len(self._measures) >= _TEXTS_KEPT:
                del self._measures[next(iter(self._measures))]
            now = _Measures()
        self._measures[text] = self._now = now
        self._heights = now.heights

    def _forget(self) -> None:
        """Forget every measure, of the words shown and of those shown before: the font, margins or layout of
        the words changed."""
        self._measures.clear()
        self._recall(self._whole)

    def setTextInteractionFlags(self, flags: Qt.TextInteractionFlag) -> None:  # noqa: N802 (Qt API)
        if flags != self.textInteractionFlags():  # (hovered, or made selectable by its owner)
            self._stale = True  # measured from now on through a QTextDocument, or no longer: not for other words
        super().setTextInteractionFlags(flags)

    def setTextFormat(self, text_format: Qt.TextFormat) -> None:  # noqa: N802 (Qt API)
        self._forget()
        super().setTextFormat(text_format)

    def setAlignment(self, alignment: Qt.AlignmentFlag) -> None:  # noqa: N802 (Qt API)
        self._forget()
        super().setAlignment(alignment)

    def setWordWrap(self, on: bool) -> None:  # noqa: N802 (Qt API)
        self._forget()
        super().setWordWrap(on)

    def setIndent(self, indent: int) -> None:  # noqa: N802 (Qt API)
        self._forget()
        super().setIndent(indent)

    def setMargin(self, margin: int) -> None:  # noqa: N802 (Qt API)
        self._forget()
        super().setMargin(margin)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) >= _HEIGHT_CACHE_MAX:
                self._heights.clear()
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def _hints(self) -> tuple[QSize, QSize]:
        """QLabel's size hint and minimum size hint for the words shown (it measures both at once)."""
        hints = self._now.hints
        if hints is None:
            hints = self._now.hints = (super().sizeHint(), super().minimumSizeHint())
        return hints

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(self._hints()[0])  # a copy: a caller may change it

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(self._hints()[1])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() in MEASURE_EVENTS:
            if event.type() == QEvent.Type.StyleChange:
                self._take_shown()  # a style sheet's qproperty-text
            self._forget()
        super().changeEvent(event)


#: what ends a sentence already, in the pack's languages too: the ellipsis, Arabic and Urdu marks, full-width ones
_SENTENCE_ENDS = frozenset(".?!\u2026\u203c\u2047\u2048\u2049\u061f\u06d4\u3002\uff0e\uff1f\uff01")
#: what may close a sentence after its mark: quotes and brackets ('asks "Where is he?"')
_CLOSERS = "\"')]}\u2019\u201d\u00bb\u203a"


def spoken_sentence(words: str) -> str:
    """``words`` ended as a sentence for a screen reader: a full stop, unless they end in one already or in a
    question or exclamation mark ("What paper are they holding?." was read with a stray "dot"), before any closing
    quotes or brackets, or in another script's (Arabic "؟")."""
    words = words.rstrip()
    return words if not words or words.rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS else words + "."


def plain_tip(text: str) -> str:
    """``text`` as a tool tip (or a message box Qt makes) shows it: as written, never as markup.

    Qt shows a tip as rich text when a tag starts its first line, so a pack's title "<img src=…>" in a tip read
    that file (a share's, on Windows: the network) and showed it, and "<b>" made bold. Words holding "<" or "&"
    go to Qt escaped, as a paragraph that keeps their line breaks; others as they are."""
    if "<" not in text and "&" not in text:
        return text
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<p style='white-space:pre-wrap'>{escaped}</p>"


def set_plain_tip(widget: QWidget, text: str, spoken: str | None = None) -> None:
    """``widget``'s tool tip, ``text`` as written (plain_tip). A screen reader reads a widget's tip as its
    description where it has none of its own: it is given ``text`` there (:func:`said`, its marks in words), not
    the tip's escaped markup ("<p style='white-space:pre-wrap'>ICE &amp; …"); or ``spoken``, where the widget says
    the words its own way (the wizard's title: its name, which a screen reader does not read twice)."""
    tip = plain_tip(text)
    widget.setToolTip(tip)
    ours = widget.property("describedByTip")
    # the wizard's "Agents ask …  ›  Someone is hurt" was heard with the ›'s Unicode name
    spoken = said(text) if spoken is None else spoken
    own = tip != text or spoken != text  # the tip is not the words a screen reader should hear
    if ours or (own and not widget.accessibleDescription()):
        widget.setAccessibleDescription(spoken if own else "")  # "": the tip again, as words
        widget.setProperty("describedByTip", own)


#: what a text shortened at a word loses from its end before its "…": a comma, colon, dash or middle dot left there
CUT_TRAILING = " ,;:—–-(·"


def cut_words(text: str) -> list[str]:
    """``text`` less its last word, then less two, … down to its first word, each ending in "…": never
    a word cut in two. A comma, colon, dash or middle dot left at the end goes too ("ER:" → "ER…")."""
    words = text.split()
    shorter = (" ".join(words[:keep]).rstrip(CUT_TRAILING) for keep in range(len(words) - 1, 0, -1))
    return [words + "…" for words in dict.fromkeys(shorter) if words]


def first_that_fits(variants: Sequence[str], fits: Callable[[str], bool]) -> int:
    """The index of the first of ``variants`` (each no longer than the one before, as ``[text, *cut_words(text)]``)
    that ``fits``, or of the last if none does: the first is tried first, as it most often fits; the rest by
    halves."""
    if fits(variants[0]):
        return 0
    low, high = min(1, len(variants) - 1), len(variants) - 1
    while low < high:
        middle = (low + high) // 2
        if fits(variants[middle]):
            high = middle
        else:
            low = middle + 1
    return low


class FittedLabel(WrapLabel):
    """A wrapping label that shows the first of its texts (the longest, each shortened at a word with "…")
    that fits in ``max_lines`` lines at its width, or the last if none does; with no ``max_lines``, the
    first. A word longer than a line, where the next text would start, is cut within (_cut_in_word). Its
    height for a width is that of the text it would show there, so a layout gives it the right height before
    it shows it."""

    shown_changed = Signal()

    def __init__(self, role: str, object_name: str) -> None:
        super().__init__("", role=role, object_name=object_name)
        self.full_text = ""
        self._variants = [""]
        self._max_lines: int | None = None
        self._fitted: dict[int, str] = {}  # width → the text shown at that width
        # (text, width) → its width and height: a layout asks a step's heights at several widths, a search
        # measures each
        self._measured: dict[tuple[str, int], tuple[int, int]] = {}
        self._line_heights: tuple[int, int] | None = None  # the height of max_lines lines, and of one more

    def set_texts(self, variants: Sequence[str], max_lines: int | None = None, full: str = "") -> None:
        """Show the first of ``variants`` that fits in ``max_lines`` lines (all of the first, if None).
        ``full``: the whole text, when even the first variant is shortened (default: the first variant)."""
        variants = list(variants) or [""]
        self.full_text = full or variants[0]
        if variants != self._variants or max_lines != self._max_lines:
            if max_lines != self._max_lines:
                self._line_heights = None  # measured for the old number of lines
            self._variants, self._max_lines = variants, max_lines
            self._fitted.clear()
        self._show(self._text_for(self.width()))

    def shortened(self) -> bool:
        return self.text() != self.full_text

    def _text_for(self, width: int) -> str:
        if self._max_lines is None or width <= 0:
            return self._variants[0]
        text = self._fitted.get(width)
        if text is None:
            last = len(self._variants) - 1
            low = first_that_fits(self._variants, lambda variant: self._fits(variant, width))
            text = self._variants[low] if low == 0 else self._cut_in_word(self._variants[low - 1], self._variants[low], width)
            if low == last and not self._fits(text, width):
                # no space to cut at (one long word, or a script written without spaces): one line, with "…"
                text = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, self._inner_width(width))
            if len(self._fitted) >= 32:
                self._fitted.clear()
            self._fitted[width] = text
        return text

    def _inner_width(self, width: int) -> int:
        """The width QLabel measures the words at for ``width``: less its margins, and less the indent it measures
        with (a framed label with no indent of its own, as the logic map's title: an "x"), where it draws them half
        an "x" in. Left out, words measured on two lines were laid out on three, the label given three lines' height."""
        margins = self.contentsMargins()
        indent = self.indent()
        if indent < 0 and self.frameWidth():
            indent = self.fontMetrics().horizontalAdvance("x") - 2 * self.margin()
        return max(width - margins.left() - margins.right() - 2 * self.margin() - max(indent, 0), 1)

    def _text_size(self, text: str, width: int) -> tuple[int, int]:
        """The width and height of ``text``'s lines at this label's ``width``, as QLabel measures and draws them: with
        the breaks setText gives a run longer than LONGEST_WORD (wrappable). Measured as given, a file name with no
        space wider than a line was one line past the edge, and words that fit were dropped for shorter ones."""
        size = self._measured.get((text, width))
        if size is None:
            flags = ALIGN_LEFT | TEXT_WORD_WRAP  # ints: the out-of-date banner fits its words before the first frame
            if len(self._measured) >= 256:
                self._measured.clear()
            rect = self.fontMetrics().boundingRect(0, 0, self._inner_width(width), 100_000, flags, wrappable(text))
            size = self._measured[text, width] = (rect.width(), rect.height())
        return size

    def _fits(self, text: str, width: int) -> bool:
        """Whether ``text`` lies on max_lines lines at ``width``, none of them wider: Qt breaks a word longer than
        a line at a hyphen, but one with none (an id with underscores) runs past the edge."""
        assert self._max_lines is not None
        if self._line_heights is None:
            lines = ["X"] * self._max_lines
            self._line_heights = (self._text_size("\n".join(lines), 10_000)[1],
                                  self._text_size("\n".join([*lines, "X"]), 10_000)[1])
        most, more = self._line_heights
        text_width, height = self._text_size(text, width)
        # less than half a line over: a line made taller by a glyph from a fallback font is no extra line
        return height < (most + more) / 2 and text_width <= self._inner_width(width)

    def _cut_in_word(self, longer: str, shorter: str, width: int) -> str:
        """``shorter`` (the longest text that fits), or, where the words ``longer`` (which does not fit) adds to it
        come to one wider than a line (an id-like name), as much of that word as fits, then "…": the word was
        dropped whole, and "Agents show an…" left the title's second line empty."""
        kept = shorter.removesuffix("…")
        rest = longer.removesuffix("…")
        if kept == shorter or not rest.startswith(kept):
            return shorter
        room, words = self._inner_width(width), list(re.compile(r"\S+").finditer(rest, len(kept)))
        wide = next((match for match in words if self.fontMetrics().horizontalAdvance(match[0]) > room), None)
        if wide is None:
            return shorter
        # the words before it as written: rejoined, a colon cut_words had dropped read "installed : cpd-…"
        before, word = rest[:wide.start()], wide[0]
        letters = most_that_fits(0, len(word) - 1, lambda n: self._fits(before + word[:n] + "…", width))
        return (before + word[:letters]).rstrip(CUT_TRAILING) + "…" if letters else shorter

    def _show(self, text: str) -> None:
        if text != self.text():
            self.setText(text)
            self.shown_changed.emit()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        text = self._text_for(width)
        if text == self.text():
            return super().heightForWidth(width)
        margins = self.contentsMargins()
        return self._text_size(text, width)[1] + margins.top() + margins.bottom() + 2 * self.margin()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        self._show(self._text_for(event.size().width()))
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() in MEASURE_EVENTS:
            self._fitted.clear()
            self._measured.clear()
            self._line_heights = None
            self._show(self._text_for(self.width()))


class Button(QPushButton):
    """A push button that Enter presses as well as Space (Qt buttons outside dialogs ignore Enter)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() in qt_keys(OPEN[:1]) and not event.isAutoRepeat():  # Enter, as keys.OPEN names it
            event.accept()
            self.click()
            return
        super().keyPressEvent(event)


class LayoutButton(Button):
    """A button as big as the layout of the words inside it (never below ``least_height``), whose height
    follows its width: wrapped words take more lines on a narrower button."""

    def least_height(self) -> int:
        return self.minimumHeight()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        return max(self.least_height(), self.layout().totalHeightForWidth(width))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = self.layout().sizeHint()
        return QSize(hint.width(), max(self.least_height(), hint.height()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = self.layout().minimumSize()
        return QSize(min(hint.width(), 160), self.least_height())


class WrapButton(LayoutButton):
    """A big button whose label wraps over several lines instead of widening the window.

    ``key_hint`` shows a keyboard number in front of the label (wizard answers)."""

    def __init__(
        self,
        text: str,
        object_name: str,
        key_hint: str = "",
        kind: str = "",
        accessible_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, object_name, accessible_name or text)
        if kind:
            self.setProperty("kind", kind)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(14)
        self.key_label: QLabel | None = None
        if key_hint:
            self.key_label = QLabel(key_hint)
            self.key_label.setObjectName("keyHint")
            set_enum_property(self.key_label, "alignment", ALIGN_CENTER)
            # its own height, centred in the row (a layout centres a widget that cannot grow)
            self.key_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            layout.addWidget(self.key_label, 0)
        self.text_label = WrapLabel(text, object_name="buttonText")
        layout.addWidget(self.text_label, 1)
        # A press on either label reaches the button: a QLabel without text interaction ignores mouse
        # events and Qt hands them to the parent (tests/ui/test_lazy_qt.py clicks on the labels).
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumHeight(TOUCH_HEIGHT)

    def label(self) -> str:
        return self.text_label.text()

    def set_label(self, text: str, accessible_name: str = "") -> None:
        """Show new words on a button that is reused (cheaper than building a new one)."""
        self.text_label.setText(text)
        self.setAccessibleName(accessible_name or text)

    def least_height(self) -> int:
        return TOUCH_HEIGHT

    def whole_words_width(self) -> int:
        """The least width at which every word of the label fits on a line: a narrower button breaks its
        longest word in two ("informat" over "ion")."""
        label = self.text_label
        words = label.text().split()
        widest = max(map(label.fontMetrics().horizontalAdvance, words)) + 1 if words else 0  # +1: it rounds
        frame, inside, own = label.contentsMargins(), self.layout().contentsMargins(), self.contentsMargins()
        extra = (frame.left() + frame.right() + 2 * label.margin() + inside.left() + inside.right()
                 + own.left() + own.right())
        if self.key_label is not None and not self.key_label.isHidden():
            extra += self.key_label.sizeHint().width() + self.layout().spacing()
        return widest + extra


def without_glyph(text: str) -> str:
    """``text`` less a leading glyph and its space, for a screen reader, which reads a glyph by its Unicode name:
    "✔ Verified" → "Verified", "☎ CALL SUPERVISOR" → "CALL SUPERVISOR"; words are kept whole."""
    first, _, rest = text.partition(" ")
    return rest.lstrip() if rest.strip() and not any(c.isalnum() for c in first) else text


class Sign(QLabel):
    """A glyph shown beside words that say what it means (✖ beside NOT PERMITTED, ⚠ beside a caution): seen, and
    left out of what a screen reader reads. Named, it was read twice ("NOT PERMITTED, NOT PERMITTED"; "Note, Note:
    …"); unnamed, Qt reads a label's text, the glyph's Unicode name ("heavy multiplication x"). Each Sign's
    accessible interface is a nameless graphic marked invisible, which the platforms' bridges leave out (AT-SPI:
    not showing; macOS: ignored); what it means goes into its words' name (:func:`said_with`)."""

    def __init__(self, glyph: str = "", object_name: str = "sign", parent: QWidget | None = None) -> None:
        super().__init__(glyph, parent)
        self.setObjectName(object_name)
        if _first_frame_up():  # else at the first frame (first_frame_shown)
            _silence_signs()


_signs_silenced = False
#: The classes of buttons that are buttons only at times (an ``active`` attribute says when): the wizard's header
#: (wizard_page.HeadingButton) opens only where its words are shortened. A screen reader hears the others as a group.
BUTTONS_AT_TIMES = frozenset({"HeadingButton"})


def announce(widget: QWidget, message: str) -> None:
    """Have a screen reader say ``message`` politely (after what it is saying), about ``widget``: Qt's announcement
    (6.8+; pyproject asks for the release the app is tested on), for words that are not what has the focus (a
    message shown while a menu is open, what a dialog shows)."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, message))


def tell_role_changed(widget: QWidget) -> None:
    """Tell a screen reader listening that ``widget``'s role changed (a BUTTONS_AT_TIMES one became a button or
    stopped being one). None can listen before the first frame."""
    if _first_frame_up():
        from PySide6.QtGui import QAccessible, QAccessibleEvent

        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.RoleChanged))


def speak_as_shown() -> None:
    """Have a screen reader hear Signs and BUTTONS_AT_TIMES as they are (now, or at the first frame)."""
    if _first_frame_up():
        _silence_signs()


def _silence_signs() -> None:
    """Have Qt give every Sign the accessible interface of a thing not there (once: Qt keeps the factory, and asks
    it only when something reads the accessibility tree, never for a window no screen reader looks at). Its
    QAccessible types cost ~3.5 ms, so a Sign made before the first frame (the out-of-date banner's) leaves it to
    first_frame_shown: nothing asks for the Sign's interface before then. A screen reader cannot be reading yet
    either: Qt turns accessibility on from the event loop (AT-SPI's answer on Linux, the first WM_GETOBJECT on
    Windows), which has not run when the window is built; asking QAccessible.isActive() cost 2.8 ms itself.
    Windows started on their own (--present, --edit) have no first frame to wait for (no_main_window)."""
    global _signs_silenced
    if _signs_silenced:
        return
    from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleInterface
    from PySide6.QtWidgets import QAccessibleWidget

    class Unsaid(QAccessibleWidget):
        def __init__(self, sign: QWidget) -> None:
            super().__init__(sign, QAccessible.Role.Graphic)

        def text(self, _kind: QAccessible.Text) -> str:
            return ""

        def state(self) -> QAccessible.State:
            state = super().state()
            state.invisible = True
            return state

    class ButtonAtTimes(QAccessibleWidget):
        """A button only while it opens something (its ``active``), else a group of the words inside it, read each
        on its own: Qt's button interface made it a button that did nothing where its words were whole."""

        def __init__(self, button: QPushButton) -> None:
            super().__init__(button, QAccessible.Role.Button)

        def role(self) -> QAccessible.Role:
            return QAccessible.Role.Button if self.widget().active else QAccessible.Role.Grouping

        def text(self, kind: QAccessible.Text) -> str:
            if not self.widget().active and kind in (QAccessible.Text.Name, QAccessible.Text.Description):
                return ""  # a group with no name: the words in it are read each on its own, not said before them
            return super().text(kind)

        def state(self) -> QAccessible.State:
            state = super().state()
            state.pressed = self.widget().active and self.widget().isDown()
            return state

        def actionNames(self) -> list[str]:  # noqa: N802 (Qt API)
            press = [QAccessibleActionInterface.pressAction()] if self.widget().active else []
            return press + [name for name in super().actionNames() if name not in press]

        def doAction(self, name: str) -> None:  # noqa: N802 (Qt API)
            if name == QAccessibleActionInterface.pressAction():
                if self.widget().active:
                    self.widget().click()
                return
            super().doAction(name)

    def interface(class_name: str, obj: QObject) -> QAccessibleInterface | None:
        if class_name == "Sign":
            return Unsaid(obj)  # type: ignore[arg-type]
        return ButtonAtTimes(obj) if class_name in BUTTONS_AT_TIMES else None  # type: ignore[arg-type]

    QAccessible.installFactory(interface)
    _signs_silenced = True


#: What a screen reader says for a mark shown among words, whatever the screen: it read each by its Unicode name
#: ("warning sign" for a citation needing care, "single right-pointing angle quotation mark" and "rightwards arrow"
#: between a situation and its step or a question and its answer, "bullet" before a line).
MARKS_SAID = {CAUTION_MARK: "caution"}
#: "provisions › S01 › title", "A situation  ›  its step", "A question?  →  its answer" (a → not set apart by two
#: spaces is a key's name: "Press → to go on")
_SEPARATORS = re.compile("([^\u00a0 ]?)[\u00a0 ]+(?:›|[\u00a0 ]→[\u00a0 ])[\u00a0 ]+")
_LEADING_BULLET = re.compile("^•[\u00a0 ]+", re.MULTILINE)
_ANY_MARK = re.compile(f"[{CAUTION_MARK}›→•\u00a0\u2060]")


def _pause(separator: re.Match[str]) -> str:
    """A separator as a pause: a comma, or the mark that ends the words before it ("Any paper? An I-247A")."""
    before = separator[1]
    if not before.strip():  # none: the line starts with it ("  ›  Someone is hurt"), and no pause is said first
        return before
    return f"{before} " if before in "?.!:;," else f"{before}, "


def said(text: str, marks: Mapping[str, str] | None = None) -> str:
    """``text`` as a screen reader should hear it, on every screen: ⚠ as "caution", a separator ("  ›  ",
    "  →  ") as a pause, a bullet starting a line left out, and each of ``marks`` (what a mark means here:
    {"✔": "Right", "✖": "Wrong"} in the quiz) as its word before the words it marks ("Wrong: NOT PERMITTED").
    Without the no-break spaces and word joiners that keep a citation on one line. Words without marks come
    back as they are, at the cost of one search: the outcome card's lists ask on every wizard step."""
    if marks:
        # "✔ 3." is "Right: 3.", a mark alone on its line "Right", not "Right: " with nothing after it
        text = re.sub(f"({'|'.join(map(re.escape, marks))})[\u00a0 ]*(?=(.?))",
                      lambda match: f"{marks[match[1]]}: " if match[2] else marks[match[1]], text)
    if not _ANY_MARK.search(text):
        return text
    text = _LEADING_BULLET.sub("", _SEPARATORS.sub(_pause, text))
    for mark, words in MARKS_SAID.items():
        text = text.replace(mark, words)
    return plain_spaces(text)


def said_with(meaning: str, words: str) -> str:
    """``words`` as a screen reader should hear them beside a :class:`Sign` meaning ``meaning``: "Caution: …" for
    "Caution" and "This answer rests on…", but "Note: …" alone, and "Verdict right: …" alone for "Right", where
    the words already say it."""
    if not meaning or re.search(rf"\b{re.escape(meaning)}\b", words, re.IGNORECASE):
        return words
    return f"{meaning}: {words}" if words else meaning


class Badge(QLabel):
    """A small pill: jurisdiction, confidence, result type. Its ``kind`` picks the QSS colours."""

    def __init__(self, text: str, kind: str, object_name: str = "badge", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_enum_property(self, "textFormat", PLAIN_TEXT)
        self.setObjectName(object_name)
        self.setProperty("badge", kind)
        self.set_badge(text, kind)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def set_badge(self, text: str, kind: str) -> None:
        """New words and kind on a badge that is reused; its colours are polished again only if its kind changed."""
        self.setText(text)
        self.setAccessibleName(without_glyph(text))  # "Verified", not "heavy check mark Verified"
        if self.property("badge") != kind:
            self.setProperty("badge", kind)
            repolish(self)


#: Glyph shown in a banner of each kind, so a banner never relies on colour alone.
BANNER_ICONS = {"error": "✖", "warning": "⚠", "caution": "⚠", "litigation": "⚖", "info": "ℹ", "ok": "✔"}
#: What the glyph means, for a screen reader (which read "warning sign", "scales" or "information source").
BANNER_WORDS = {"error": "Error", "warning": "Warning", "caution": "Caution", "litigation": "In litigation",
                "info": "Note", "ok": "Done"}


class Banner(QFrame):
    """A full-width notice (icon + words + colour). Optional action buttons sit on the right. Given ``shorter``
    words (shortest last), it shows the first of its words that fit on one line: on a small screen at large
    text the whole words took three lines of it and left the page little room. The whole words stay what a
    screen reader hears and its tooltip's first line."""

    def __init__(self, kind: str, text: str, object_name: str = "banner", parent: QWidget | None = None,
                 shorter: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)  # unnamed: its words say it once (a named frame was read before them)
        self.setProperty("banner", kind)
        self.kind = kind
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 10, 8)
        layout.setSpacing(12)
        # The icon sits beside the first line of the words, and the words are centred on the row when a
        # button is taller than they are: stretches above and below them (alignment flags would build
        # PySide6's Qt namespace, and an out-of-date banner is built before the first frame).
        body = QVBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        words = QHBoxLayout()
        words.setContentsMargins(0, 0, 0, 0)
        words.setSpacing(12)
        self.icon_label = Sign(BANNER_ICONS.get(kind, "ℹ"), "bannerIcon")
        set_enum_property(self.icon_label, "alignment", ALIGN_TOP_HCENTER)
        words.addWidget(self.icon_label, 0)
        self.text_label = FittedLabel(role="", object_name="bannerText")
        self.set_text(text, shorter)
        words.addWidget(self.text_label, 1)
        body.addStretch(1)
        body.addLayout(words)
        body.addStretch(1)
        layout.addLayout(body, 1)
        self._layout = layout

    def set_kind(self, kind: str) -> None:
        """Another kind on a banner that is reused: its sign, and its colours polished again (if it changed)."""
        if kind != self.kind:
            self.kind = kind
            self.setProperty("banner", kind)
            self.icon_label.setText(BANNER_ICONS.get(kind, "ℹ"))
            repolish(self)

    def text(self) -> str:
        """The whole words, however many of them show."""
        return self.text_label.full_text

    def set_text(self, text: str, shorter: Sequence[str] = (), lines: int = 1) -> None:
        """New words (and shorter ones, the first that fits in ``lines`` lines is shown) on a banner that is reused;
        the same words again change nothing. The whole words are heard after what the banner's sign means
        ("Caution: …") unless they say so themselves."""
        self.text_label.set_texts([text, *shorter], lines if shorter else None)
        self.text_label.setAccessibleName(said_with(BANNER_WORDS.get(self.kind, "Note"), text) if text else "")

    def shortened(self) -> bool:
        return self.text_label.shortened()

    def add_button(self, text: str, object_name: str, accessible_name: str = "") -> Button:
        button = named(Button(text), object_name, accessible_name or text)
        button.setProperty("kind", "banner")
        # no alignment given: a fixed-height button is centred in the row anyway, and an out-of-date banner
        # (with its OK) is built before the first frame, when nothing may touch PySide6's Qt namespace
        self._layout.addWidget(button, 0)
        return button


# -- touch scrolling -----------------------------------------------------------------------------------------
# On an in-car touch screen a finger or a gloved thumb drags a view to scroll it: QScroller on touch events
# (the mouse still clicks, selects and drags the scroll bar as before, and a tap still presses a button).
# Grabbing needs QScroller, a type PySide builds with its enums on first use, so nothing grabs before the
# first frame is on screen: views made before it wait for ``first_frame_shown``.
_touch_waiting: list[QAbstractScrollArea] | None = []


def _first_frame_up() -> bool:
    """Whether the main window's first frame is on screen (first_frame_shown has run)."""
    return _touch_waiting is None


def touch_scroll(area: QAbstractScrollArea) -> None:
    """Let a touch drag scroll ``area`` (now, or once the first frame is on screen)."""
    if _first_frame_up():
        _grab_touch(area)
    else:
        _touch_waiting.append(area)


def no_main_window() -> None:
    """For a window started on its own (--present, --edit): there is no main window whose first frame to keep
    light, so what waits for that frame (touch scrolling, Signs left out of what a screen reader reads) is done
    from now on; before, a trainer's standalone playlist never scrolled by touch."""
    first_frame_shown()


def first_frame_shown() -> None:
    """The main window's first frame is on screen: the views made before it can scroll by touch now, the
    Signs made before it are left out of what a screen reader reads, and the focus ring follows the input
    (FocusRing, one for every window)."""
    global _touch_waiting
    waiting, _touch_waiting = _touch_waiting or [], None
    _silence_signs()  # for the Signs made before it
    install_focus_ring()  # a tap moves the focus without its ring, in every window (the keys bring it back)
    for area in waiting:
        try:
            _grab_touch(area)
        except RuntimeError:  # deleted before the first frame (a window built and thrown away)
            pass


def _grab_touch(area: QAbstractScrollArea) -> None:
    from desktop.ui import touch  # QScroller: never before the first frame

    touch.grab(area)


#: Room kept above or below a widget scrolled into sight for the focus (px), as Back's link and Tab's widget get.
FOCUS_MARGIN = 24


class ReadingPlace(NamedTuple):
    """Where an officer is reading in a VScrollArea (VScrollArea.reading_place), as words, not pixels: the same page
    built again (Back, Forward) at another text size, width or theme shows the same words at the top."""

    words: str  # the words (a label's, a button's) of the innermost widget across the view's top line ("": none)
    name: str  # that widget's objectName
    nth: int  # which of the shown widgets with these words and name, in the page's order
    start: int  # in a wrapped label: where the line at the top starts in its words (-1: not a label)
    share: float  # how far down that line (or the widget) the view's top is, as a share of its height
    gap: int  # or, between two widgets, how far above the one below it is, in pixels


def _words_of(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    words = text() if callable(text) else ""
    return words if isinstance(words, str) else ""


def label_lines(label: QLabel) -> list[tuple[int, float, float]]:
    """Each line of a word-wrapped plain-text ``label`` as it lays out at its width: (where it starts in its words,
    its top in the label, its height)."""
    from PySide6.QtGui import QFontMetricsF, QTextLayout, QTextOption

    rect = label.contentsRect()
    layout = QTextLayout(QLabel.text(label), label.font())
    layout.setTextOption(QTextOption(label.alignment()))
    option = layout.textOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    leading = QFontMetricsF(label.font()).leading()
    lines: list[tuple[int, float, float]] = []
    y = float(rect.top())
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(rect.width())
        y += max(leading, 0.0)
        lines.append((line.textStart(), y, line.height()))
        y += line.height()
    layout.endLayout()
    return lines


def _is_wrapped_label(widget: QWidget) -> bool:
    return (isinstance(widget, QLabel) and widget.wordWrap() and widget.textFormat() == Qt.TextFormat.PlainText
            and bool(QLabel.text(widget)))


class VScrollArea(QScrollArea):
    """A frameless scroll area that only ever scrolls vertically: content wraps to the width."""

    def __init__(self, content: QWidget, object_name: str, accessible_name: str = "") -> None:
        super().__init__()
        named(self, object_name, accessible_name)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        set_enum_property(self, "horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)
        set_enum_property(self, "focusPolicy", NO_FOCUS)
        self.home_and_end = False  # True where Home and End go to the top and the end of its words (keyPressEvent)
        self.keeps_place = False  # True where a new text size or theme keeps the line read at the top (reading_place)
        viewport = QWidget()  # our own: asking Qt for its viewport makes PySide load every widget class (~15 ms)
        viewport.setObjectName("scrollViewport")
        self.setViewport(viewport)
        # Its height is the content's height for the viewport's width. Qt would otherwise keep it at least
        # the content's minimum size hint, which is its height at its narrowest (every line wrapped the most):
        # blank space below the last line, and a scroll bar where everything fits.
        content.setSizePolicy(content.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Ignored)
        self.setWidget(content)
        content.setAutoFillBackground(False)  # the theme paints it (base.qss), not the palette on top of that
        touch_scroll(self)

    def read_by_keys(self) -> None:
        """Make the words a Tab stop (the theme rings it) that PageDown, the arrows, Home and End scroll, for words
        with no control among them: else, with the focus on the buttons under them, no key moved them."""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.home_and_end = True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        """Where ``home_and_end`` is set, Home and End (keys.FIRST_LAST), as they come up from the focus unused: the
        top and the end of the words. An answer runs 2,500 px at the largest text on 800 × 600; back to its verdict
        took seven PageUps."""
        first, last = (qt_key(key) for key in keys.FIRST_LAST)
        if self.home_and_end and event.key() in (first, last) and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                                   Qt.KeyboardModifier.KeypadModifier):
            bar = self.verticalScrollBar()
            bar.setValue(bar.minimum() if event.key() == first else bar.maximum())
            self._keep_focus_in_sight(at_end=event.key() == last)
            event.accept()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        """Where ``keeps_place``, a new size (the window restored or maximised) keeps the line read at the top: the
        words rewrap, and the same scroll in pixels showed another part of the answer. A new height alone too: an
        answer fits its headline and its lists to the room (WizardPage.fit_to_view, on the viewport's resize), and
        at the largest text on 800 × 500 the line read went 80 px up, above the view. The place is taken before Qt
        resizes the viewport (QAbstractScrollArea.event), where that fitting runs, not in resizeEvent, after it."""
        if event.type() != QEvent.Type.Resize or not self.keeps_place:
            return super().event(event)
        old, new = cast("QResizeEvent", event).oldSize(), cast("QResizeEvent", event).size()
        resized = old.width() > 0 and old != new
        place = self.reading_place() if resized else None
        handled = super().event(event)
        self.return_to(place)
        return handled

    def _in_sight(self, widget: QWidget) -> bool:
        top = widget.mapTo(self.viewport(), QPoint(0, 0)).y()
        return top >= 0 and top + widget.height() <= self.viewport().height()

    def _keep_focus_in_sight(self, at_end: bool) -> None:
        """After Home or End from a button inside the words: the focus on what now shows, never left out of sight.
        A provision opens with Copy citation in focus; End scrolled 2,600 px down at the largest text and left it
        there, ringed out of sight, for Space or Enter to press unseen. The focus goes to the words themselves where
        they take it (an answer, the About box), else to the first (Home) or last (End) control in sight."""
        focus = self.window().focusWidget()
        content = self.widget()
        if focus is None or content is None or not content.isAncestorOf(focus):
            return
        if self._in_sight(focus):
            return
        if self.focusPolicy() & Qt.FocusPolicy.TabFocus:
            self.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        chain, widget, steps = [], content.nextInFocusChain(), 0
        while widget is not None and widget is not content and steps < 10_000:  # the window's focus chain, once
            steps += 1
            if (content.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus and self._in_sight(widget)):
                chain.append(widget)
            widget = widget.nextInFocusChain()
        if chain:
            (chain[-1] if at_end else chain[0]).setFocus(Qt.FocusReason.OtherFocusReason)
        else:  # only words in sight (Back to the middle of a long provision): the view, where PageDown reads on
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _shown_widgets(self) -> list[QWidget]:
        content = self.widget()
        return [w for w in content.findChildren(QWidget) if w.height() > 0 and w.isVisible()] if content else []

    def reading_place(self) -> ReadingPlace | None:
        """The words at the top of the view, to come back to after they change size (return_to) or on the page built
        again (Back, Forward: scroll_back_to): the innermost widget across the top line, and in a wrapped label the
        line there; between two widgets, the one below and the gap above it. None at the top, which stays the top.
        Kept in pixels, the place moved with a new text size: Back showed another part of the answer."""
        bar, content = self.verticalScrollBar(), self.widget()
        if content is None or bar.value() <= bar.minimum():
            return None
        line = bar.value()
        shown = self._shown_widgets()
        across: tuple[bool, int, QWidget] | None = None  # (wordless, height, widget): the smallest with words wins
        below: tuple[int, QWidget] | None = None  # (top, widget): the nearest wins
        for widget in shown:
            height = widget.height()
            top = widget.mapTo(content, QPoint(0, 0)).y()
            if top <= line < top + height:
                # a sign (a bullet, a banner's ⚠) or a frame is found again by its rank among its like only, which
                # a page built again can change: a rescission reached overnight made a banner's ℹ a ⚠, and Back
                # showed the banner above the one read. The words beside it name the place instead.
                candidate = (re.search(r"\w", _words_of(widget)) is None, height, widget)
                if across is None or candidate[:2] < across[:2]:
                    across = candidate
            elif top > line and (below is None or top < below[0]):
                below = (top, widget)
        if across is not None and below is not None and across[2].isAncestorOf(below[1]):
            # between two parts of a widget (an answer's sections): the part below and the gap above it, as between
            # two widgets; a share of the whole answer's height put another part at the top after A+ (100 px off)
            across = None
        if across is None and below is None:
            return None
        widget = across[2] if across is not None else below[1]  # type: ignore[index]
        words, name = _words_of(widget), widget.objectName()
        nth = sum(1 for w in shown[: shown.index(widget)] if w.objectName() == name and _words_of(w) == words)
        top = widget.mapTo(content, QPoint(0, 0)).y()
        if across is None:
            return ReadingPlace(words, name, nth, -1, 0.0, top - line)
        into = line - top
        if _is_wrapped_label(widget):
            for start, line_top, height in reversed(label_lines(widget)):  # type: ignore[arg-type]
                if line_top <= into:
                    return ReadingPlace(words, name, nth, start, min((into - line_top) / height, 1.0) if height else 0.0, 0)
        return ReadingPlace(words, name, nth, -1, into / widget.height(), 0)

    def placed_widget(self, place: ReadingPlace) -> QWidget | None:
        """The shown widget ``place`` names (reading_place), if the page shows it."""
        found = [w for w in self._shown_widgets() if w.objectName() == place.name and _words_of(w) == place.words]
        return found[place.nth] if place.nth < len(found) else (found[-1] if found else None)

    def return_to(self, place: ReadingPlace | None) -> None:
        """Scroll back to ``place`` (reading_place): its words at the top, laid out at their size now."""
        widget = self.placed_widget(place) if place is not None else None
        if place is None or widget is None:
            return
        settle_layout([widget])
        content, bar = self.widget(), self.verticalScrollBar()
        top = widget.mapTo(content, QPoint(0, 0)).y()
        into = round(place.share * widget.height())
        if place.start >= 0 and _is_wrapped_label(widget):
            lines = label_lines(widget)  # type: ignore[arg-type]
            line_top, height = next(((t, h) for s, t, h in reversed(lines) if s <= place.start), (0.0, 0.0))
            into = math.ceil(line_top + place.share * height)  # rounded down, the line above was at the top
        bar.setValue(min(max(top + into - place.gap, bar.minimum()), bar.maximum()))

    def scroll_back_to(self, place: ReadingPlace) -> None:
        """Scroll to ``place``, where the officer left this page (Back, Forward), on the page just filled and
        shown; the focus moves onto what shows where it was left above (Copy citation at a provision's top)."""
        self.settle_scroll_bar()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.return_to(place)
        self._keep_focus_in_sight(at_end=False)

    def bring_into_sight(self, widget: QWidget) -> None:
        """Scroll ``widget`` into sight on a page just filled and shown: its layout first, else ``widget`` moved
        down below the screen's edge after it was scrolled to."""
        settle_layout([widget])
        self.ensureWidgetVisible(widget, 0, FOCUS_MARGIN)

    def show_focus(self, widget: QWidget) -> None:
        """Scroll ``widget``, which Tab has just moved the focus to, into sight: the content from its top where
        all of it above ``widget`` fits too (a page's title above its first button), else as little as shows
        ``widget``, with FOCUS_MARGIN below it."""
        bottom = widget.mapTo(self.widget(), QPoint(0, widget.height())).y()
        if bottom + FOCUS_MARGIN <= self.viewport().height():
            self.verticalScrollBar().setValue(0)
        else:
            self.ensureWidgetVisible(widget, 0, FOCUS_MARGIN)

    def settle_scroll_bar(self) -> None:
        """Show or hide the scroll bar now, for the content just shown. Qt decides it a turn of the event loop
        later (the bar's rangeChanged reaches the area through a queued call), so the first frame laid the
        content out the whole width and the next one narrower, beside the bar that had appeared."""
        for _ in range(3):  # the content's height for its width, then the bar, then the content beside it
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)  # the queued show or hide of the bar


class BannerScroll(VScrollArea):
    """The banners under the top bar, as tall as they are up to a ``share`` of the window's height (its room), and
    scrolled beyond it, showing whole banners only. Laid out whole, the out-of-date banner and two notices took
    253 px at the largest text on 800 × 600: the window grew past the screen and the notices' last lines were cut.
    The window calls updateGeometry when its height changes.

    Banners out of sight are told under it by a cue, "▼ 1 more notice below" (a thin scroll bar was the only sign
    of the third at the largest text on 800 × 600): a button that scrolls the next one into sight and takes the
    focus to its first button, where that is in sight. It is made the first time the banners do not fit, and shows only while they do not.
    Its row under the area may hold one more button at its right end (set_beside_cue: the window's "OK all"), and
    shows while either does; its height is taken from the room then.

    Scrolled, it stops only where a banner's top is at its top (the cue, the wheel, the keys, Tab), and it is as tall
    as the whole banners from that one which fit: fitted from the first banner only, the end showed the second of
    three cut in half above the area at the largest text on 800 × 600, under a cue that counted it out of sight.
    A banner taller than the room keeps to it, and the wheel, the keys and a drag scroll through its words."""

    def __init__(self, content: QWidget, object_name: str, share: float) -> None:
        super().__init__(content, object_name)
        self.share = share
        self.cue: Button | None = None  # "▼ 1 more notice below", under the area in its parent's layout
        self._cue_row: QWidget | None = None  # the cue's row (made with the cue, or the button beside it)
        self._beside: QWidget | None = None  # the button at the row's right end (set_beside_cue)
        self._top: QWidget | None = None  # the banner scrolled to the top (None: the first)
        self._placing = False  # True while it scrolls itself to a banner (_scroll_to)
        self._clamping = False  # True while Qt brings the scroll into a new, shorter range (not a move of the officer's)
        self._tabbing = False  # True while Tab moves the focus (focusNextPrevChild): its banner is scrolled to
        self._watching_touch = False  # whether a touch scroll's end is watched (_touch_moving)
        content.installEventFilter(self)  # a banner added, hidden or reworded: its height asked again
        # its height follows its width: said by its size policy, which Qt reads itself, not by a hasHeightForWidth
        # in Python that every layout pass of the window (each wizard step) called over and over
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(self._on_range_changed)  # the banners outgrew the area, or fit again
        bar.valueChanged.connect(self._on_scrolled)  # scrolled: to a banner's top, and what is out of sight changed

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt API)
        super().setVisible(visible)
        self._fit_cue()  # the area put away with its last banner takes the cue with it

    @property
    def room(self) -> int:
        """The most height it takes before it scrolls: the window's height is known before it first shows (resize)."""
        return int(self.window().height() * self.share)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        whole, room = self._rows(width), self.room
        beside = self._beside is not None and not self._beside.isHidden()
        if whole[-1] <= room - (self._cue_room() if beside else 0):  # all of them, and "OK all" under them, in the room
            return whole[-1]
        # too tall: a scroll bar, the banners beside it, and as many whole banners as fit in the room from the one at
        # the top (one at least), the cue under them in the room too
        rows = self._rows(width - self.verticalScrollBar().sizeHint().width())
        # never past the room: a banner taller than it (the whole of a long note at the largest text) scrolls within
        # it; shown whole, one grew the window to 763 px on an 800 × 600 screen and took the search box's room
        return min(self._whole_from(rows, self._top_index(), room - self._cue_room())[0], room - self._cue_room())

    def _whole_from(self, rows: list[int], first: int, room: int) -> tuple[int, int]:
        """The height that shows the banner ``first`` (an index into _rows) at the top and as many whole banners after
        it as fit in ``room`` (one at least), and the index of the last of them."""
        start = self._stop(rows, first)
        ends = [end - start for end in rows[first + 1 :]]  # down to each banner's end from the top, and the whole
        fitting = [i for i, end in enumerate(ends) if end <= room] or [0]
        last = fitting[-1]
        return ends[last], min(first + last, len(rows) - 3)

    def _stop(self, rows: list[int], index: int) -> int:
        """Where the area is scrolled to with the banner ``index`` (into _rows) at its top (_gap_above)."""
        return 0 if index == 0 else rows[index] + max(self.widget().layout().spacing(), 0) - self._gap_above()

    def _gap_above(self) -> int:
        """The room kept above a banner scrolled to the top: the margin above the first, or less where the gap between
        two banners is less (the one above showed a line of its border)."""
        layout = self.widget().layout()
        return min(layout.contentsMargins().top(), max(layout.spacing(), 0))

    def _shown_banners(self) -> list[QWidget]:
        layout = self.widget().layout()
        shown = (layout.itemAt(i).widget() for i in range(layout.count()))
        return [widget for widget in shown if widget is not None and not widget.isHidden()]

    def _top_index(self) -> int:
        top = self._top
        if top is None:
            return 0
        banners = self._shown_banners()
        return banners.index(top) if top in banners else 0

    def _cue_room(self) -> int:
        """The height the cue's row takes under the area, with the gap above it (nothing before it is made)."""
        if self._cue_row is None:
            return 0
        return self._cue_row.sizeHint().height() + max(self.parentWidget().layout().spacing(), 0)

    def _scroll_to(self, banner: QWidget | None) -> None:
        """Scroll ``banner`` (None: the first) to the top, the area as tall as the whole banners from it that fit: its
        height first (the scroll's end may be short of the banner till then), then the scroll."""
        self._top = None if banner is None or banner is next(iter(self._shown_banners()), None) else banner
        self._placing = True
        try:
            self.updateGeometry()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            bar = self.verticalScrollBar()
            stop = 0 if self._top is None else self._top.y() - self._gap_above()
            bar.setValue(min(max(stop, bar.minimum()), bar.maximum()))
        finally:
            self._placing = False
        self._fit_cue()

    def _on_range_changed(self) -> None:
        """The banners or the area changed height (one put away, a new text size or window): back to the top banner's
        top, or the first's where it is gone, never part of one."""
        bar = self.verticalScrollBar()
        self._clamping = bar.value() > bar.maximum()  # Qt clamps the scroll into the new range just after this
        if not self._placing:
            if self._top is not None and self._top not in self._shown_banners():
                self._top = None
                self.updateGeometry()
            stop = 0 if self._top is None else self._top.y() - self._gap_above()
            if bar.value() != stop and bar.minimum() <= stop <= bar.maximum():
                self._placing = True
                try:
                    bar.setValue(stop)
                finally:
                    self._placing = False
        self._fit_cue()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        """A new height can show more banners or fewer with the scroll's range unchanged (the banners' height changed
        as much): the cue counted 16 notices below where 24 were, from a height the area had on the way."""
        super().resizeEvent(event)
        self._fit_cue()

    def _touch_moving(self) -> bool:
        """Whether a finger (or its flick after) is scrolling the banners: where it stops, it goes on to a banner's top
        then; each step of the drag taken there jumped a whole banner a pixel or two after the finger."""
        if "desktop.ui.touch" not in sys.modules:  # (touch scrolling is set up after the first frame only)
            return False
        from PySide6.QtWidgets import QScroller

        viewport = self.viewport()
        if not QScroller.hasScroller(viewport):
            return False
        scroller = QScroller.scroller(viewport)
        if scroller.state() == QScroller.State.Inactive:
            return False
        if not self._watching_touch:
            self._watching_touch = True
            scroller.stateChanged.connect(self._on_touch_state)
        return True

    def _on_touch_state(self, state: object) -> None:
        from PySide6.QtWidgets import QScroller

        if state == QScroller.State.Inactive:
            self._on_scrolled(self.verticalScrollBar().value())

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 (Qt API)
        self._tabbing = True
        try:
            return super().focusNextPrevChild(next)
        finally:
            self._tabbing = False

    def _on_scrolled(self, value: int) -> None:
        """Scrolled by the wheel, the keys, Tab or a drag: on to the next banner's top in that direction (or, for Tab,
        the one the focus went into), never part of one."""
        if self._placing or self._clamping or self._touch_moving():
            self._clamping = False
            self._fit_cue()
            return
        banners = self._shown_banners()
        if not banners:
            return
        stops = [0, *(banner.y() - self._gap_above() for banner in banners[1:])]
        now = self._top_index()
        if value == stops[now] or self._within(banners[now], value):
            self._fit_cue()
            return
        if value > stops[now]:
            to = next((i for i, stop in enumerate(stops) if stop >= value), len(stops) - 1)
        else:
            to = max([0, *(i for i, stop in enumerate(stops) if stop <= value)])
        focus = self.window().focusWidget() if self._tabbing else None
        holder = next((i for i, banner in enumerate(banners) if focus is not None and banner.isAncestorOf(focus)), None)
        if holder is not None:  # Tab went to a button: its banner whole in sight
            rows = self._rows(self.width() - self.verticalScrollBar().sizeHint().width())
            last = self._whole_from(rows, to, self.room - self._cue_room())[1]
            if not to <= holder <= last:
                to = holder
        self._scroll_to(banners[to])

    def _within(self, banner: QWidget, value: int) -> bool:
        """Whether the area scrolled to ``value`` shows part of ``banner`` only because it is taller than the area:
        the wheel, the keys and a drag scroll through its words, as through a page's."""
        seen, top = self.viewport().height(), banner.y()
        above = self.widget().layout().contentsMargins().top()  # the first's stop is 0, the others' a gap above them
        return banner.height() > seen and top - above <= value <= top + banner.height() - seen

    def _out_of_sight(self) -> tuple[list[QWidget], list[QWidget]]:
        """The shown banners not wholly in sight: above the area's top, and below its bottom."""
        content, seen = self.widget(), self.viewport().height()
        top = self.verticalScrollBar().value()
        above: list[QWidget] = []
        below: list[QWidget] = []
        shown = [child for child in content.children() if isinstance(child, QWidget) and not child.isHidden()]
        for child in sorted(shown, key=lambda widget: widget.y()):
            if self._within(child, top):
                continue  # taller than the area, and scrolled through: in sight
            if child.y() < top:
                above.append(child)
            elif child.y() + child.height() > top + seen:
                below.append(child)
        return above, below

    def _fit_cue(self) -> None:
        """Show the cue with the words for what is out of sight, or hide it when all is in sight."""
        if self.cue is None:  # (nothing to do until the banners first do not fit: no scroll range)
            if self.isHidden() or self.verticalScrollBar().maximum() <= 0 or not self._out_of_sight()[1]:
                self.fit_cue_row()  # (the button beside it, if any)
                return
            self.cue = self._make_cue()
        above, below = self._out_of_sight() if not self.isHidden() else ([], [])
        hidden = below or above
        if hidden:
            many = f"{len(hidden)} more notice{'' if len(hidden) == 1 else 's'}"
            self.cue.setText(f"▼  {many} below" if below else f"▲  {many} above")
            self.cue.setAccessibleName(f"{many} {'below' if below else 'above'}: show the next one")
        if self.cue.isHidden() == bool(hidden):
            self.cue.setVisible(bool(hidden))
        self.fit_cue_row()

    def fit_cue_row(self) -> None:
        """Show the cue's row while the cue or the button beside it shows (and the area does), else hide it."""
        row = self._cue_row
        if row is None:
            return
        shown = not self.isHidden() and any(w is not None and not w.isHidden() for w in (self.cue, self._beside))
        if row.isHidden() == shown:
            row.setVisible(shown)
            self.updateGeometry()  # the row takes its room from the banners', or gives it back

    def set_beside_cue(self, button: QWidget) -> None:
        """Put ``button`` at the right end of the cue's row (made now if need be): shown while it is (fit_cue_row)."""
        self._beside = button
        self._make_cue_row().layout().addWidget(button)
        self.fit_cue_row()

    def _make_cue_row(self) -> QWidget:
        if self._cue_row is None:
            row = QWidget()  # lined up with the banners, in the margins of theirs (the area's content)
            row.setObjectName("bannerCueRow")
            row.hide()
            margins = self.widget().layout().contentsMargins()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(margins.left(), 4, margins.right(), 0)
            row_layout.addStretch(1)  # the cue on its left, the button beside it on its right
            layout = self.parentWidget().layout()
            layout.insertWidget(layout.indexOf(self) + 1, row)
            self._cue_row = row
        return self._cue_row

    def _make_cue(self) -> Button:
        cue = named(Button(), "bannerCue", "More notices")
        cue.setProperty("kind", "banner")
        cue.clicked.connect(self._show_next)
        self._make_cue_row().layout().insertWidget(0, cue)
        buttons = self.widget().findChildren(Button)
        if buttons:  # Tab reaches it after the banners' buttons, before the page
            QWidget.setTabOrder(buttons[-1], cue)
        return cue

    def _show_next(self) -> None:
        """Scroll the next banner out of sight below to the top (or back to the first), the focus on its first button
        where that is in sight: a banner taller than the area has it below the edge (the focus stays on the cue)."""
        above, below = self._out_of_sight()
        target = below[0] if below else (above[0] if above else None)
        if target is None:
            return
        self._scroll_to(target)
        button = next((b for b in target.findChildren(Button) if b.isVisibleTo(target)), None)
        if button is not None and self._wholly_in_sight(button):
            button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _wholly_in_sight(self, widget: QWidget) -> bool:
        top = widget.mapTo(self.viewport(), QPoint(0, 0)).y()
        return 0 <= top and top + widget.height() <= self.viewport().height()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(self.width()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(super().minimumSizeHint().width(), self.heightForWidth(self.width()))

    def _rows(self, width: int) -> list[int]:
        """The content's height down to the end of each shown banner at ``width`` (the margin above first), and its
        whole height last."""
        layout = self.widget().layout()
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        tops = [margins.top()]
        for i in range(layout.count()):
            widget = layout.itemAt(i).widget()
            if widget is not None and not widget.isHidden():
                gap = layout.spacing() if len(tops) > 1 else 0
                height = widget.heightForWidth(inner) if widget.hasHeightForWidth() else -1
                tops.append(tops[-1] + gap + (height if height >= 0 else widget.sizeHint().height()))
        return [*tops, tops[-1] + margins.bottom()]


#: A run of more letters than this without a space (no word of the pack's languages is so long: a pack's
#: 2,000 letters, a path, a hash) may wrap anywhere in a WrapLabel, instead of widening the page past the window.
LONGEST_WORD = 40
_MARKS = frozenset("\u200c\u200d\ufe0e\ufe0f")  # joiners and the emoji/text selectors: they belong to the letter before
_REGIONAL = range(0x1F1E6, 0x1F200)  # two of these letters make one flag


def wrappable(text: str) -> str:
    """``text`` with a zero-width space every 16 letters of each run longer than LONGEST_WORD, never inside a
    letter and its accents or an emoji's joined parts."""
    if len(text) <= LONGEST_WORD:
        return text
    return _LONG_RUN.sub(lambda match: _break_every(match.group(), 16), text)


def words_as_given(shown: str, whole: str, start: int, end: int) -> str:
    """The words of ``whole`` shown as ``shown[start:end]``, where ``shown`` is ``wrappable(whole)``: without the
    zero-width spaces it added."""
    at: list[int] = []  # for each character shown, where it is in whole (an added space: where the next is)
    j, length = 0, len(whole)
    for ch in shown:
        at.append(j)
        if j < length and ch == whole[j]:
            j += 1
    at.append(j)
    return whole[at[start] : at[end]]


def breakable_anywhere(word: str) -> str:
    """``word`` with a zero-width space between its letters, so a line may break anywhere in it (never inside a letter
    and its accents or an emoji's joined parts): for a word wider than the line it is in."""
    return _break_every(word, 1)


def _break_every(run: str, every: int) -> str:
    import unicodedata

    out: list[str] = []
    since = 0
    regional = 0  # regional letters in a row just before: a flag's second letter follows an odd count
    for i, ch in enumerate(run):
        code = ord(ch)
        if (since >= every and unicodedata.category(ch)[0] != "M" and ch not in _MARKS
                and run[i - 1] != "\u200d" and not (regional % 2 and code in _REGIONAL)
                and not 0x1F3FB <= code <= 0x1F3FF and not 0xE0020 <= code <= 0xE007F):  # a skin tone, a flag's tag
            out.append("\u200b")
            since = 0
        regional = regional + 1 if code in _REGIONAL else 0
        out.append(ch)
        since += 1
    return "".join(out)


#: a letter of a run (a word, as a line breaks): no space a line may break at, so anything but a space, or a
#: no-break space (NBSP, figure space, narrow NBSP), which joins: 1,300 letters of "Do\u00a0not\u00a0hold…" were
#: one word 7,349 pixels wide
RUN_LETTER = "[\\S\u00a0\u2007\u202f]"
_LONG_RUN = re.compile(rf"{RUN_LETTER}{{{LONGEST_WORD + 1},}}")


def breakable(text: str) -> str:
    """Let a long hash or path wrap instead of widening its window (zero-width spaces every 16 characters)."""
    return "\u200b".join(text[i : i + 16] for i in range(0, len(text), 16))


def breakable_words(text: str) -> str:
    """``text`` with each word longer than 16 characters made breakable (a SHA-256, a long id)."""
    return re.sub(r"\S{17,}", lambda match: breakable(match.group()), text)


def words_width(scroll: QScrollArea) -> int:
    """The width ``scroll``'s page gives its words, as if its scroll bar showed, whether it does or not: a
    measure that followed the bar could change what fits, and so the bar, and change again, on every resize."""
    bar = scroll.verticalScrollBar()
    margins = scroll.widget().layout().contentsMargins()
    shown = bar.isVisibleTo(scroll)
    return scroll.viewport().width() - (0 if shown else bar.sizeHint().width()) - margins.left() - margins.right()


def ask_replace(parent: QWidget, path: Path) -> bool:
    """Whether to replace ``path``, a file already there (a seam tests replace: never leave a modal open)."""
    from PySide6.QtWidgets import QMessageBox

    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = ask(parent, "Replace the file?", plain_tip(f"{path.name} is already in {path.parent}. Replace it?"),
                 buttons, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def chosen_save_path(parent: QWidget, chosen: str, path: Path) -> Path | None:
    """``path``, the file to be written for the name ``chosen`` typed in a save box (with a suffix added). The box
    asked before replacing the name typed, not this one, so a file already there under this name is asked about
    here; None when it is to be kept ("week 3" silently replaced last week's "week 3.pdf")."""
    if str(path) != chosen and path.exists() and not ask_replace(parent, path):
        return None
    return path


def chosen_pdf_path(parent: QWidget, chosen: str) -> str | None:
    """Where to write the PDF named ``chosen`` in a save box: with .pdf added when typed without it
    (with_pdf_suffix), asked about if that file is already there (chosen_save_path)."""
    from desktop.domain.outline import with_pdf_suffix

    path = chosen_save_path(parent, chosen, with_pdf_suffix(Path(chosen)))
    return None if path is None else str(path)


def page_layout(widget: QWidget, margins: int = 24, spacing: int = 14) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(margins, margins - 6, margins, margins)
    layout.setSpacing(spacing)
    return layout


def field_name(text: str, object_name: str) -> WrapLabel:
    """A field's name in a grid, on the baseline of the value beside it (its smaller bold type, top-aligned
    with the value's, sat higher: base.qss gives it the difference of the ascents as a lead)."""
    label = WrapLabel(text, role="fieldName", object_name=object_name)
    label.setProperty("beside", True)
    return label


class Heading(WrapLabel):
    """A section heading (role ``section``); announced as a heading name to screen readers."""

    def __init__(self, text: str, object_name: str = "sectionHeading", parent: QWidget | None = None) -> None:
        super().__init__(text, role="section", object_name=object_name, parent=parent)
        self.setAccessibleName(text)


class HangingList(QWidget):
    """Items one under another, each after its marker (a bullet, a number) with wrapped lines hanging under
    the item's first word; or, with no ``marker_name``, without markers (quotations).

    The rows are kept and reused: plain labels in sub-layouts measure far faster than a rich-text table,
    and the outcome card lays its lists out again on every wizard step."""

    def __init__(self, object_name: str, item_name: str, item_role: str, marker_name: str = "",
                 gap: int = 16, selectable: bool = False, marker_words: Mapping[str, str] | None = None,
                 marker_role: str = "", parent: QWidget | None = None) -> None:
        """The markers are Signs, never read: a number is read before its item's words, and ``marker_words``,
        what each marker means ({"✔": "Right", "✖": "Wrong"}), before words that do not say it already (a
        heading above the list says what its bullets mean). ``marker_role``: the markers' QSS role, where they
        must be in their words' font to stand on their first line."""
        super().__init__(parent)
        self.setObjectName(object_name)
        self._marker_words, self._marker_role = marker_words, marker_role
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._item_name, self._item_role, self._marker_name = item_name, item_role, marker_name
        self._gap, self._selectable = gap, selectable
        self._pool: list[tuple[Sign | None, WrapLabel]] = []
        self.labels: list[WrapLabel] = []  # the item labels now shown

    def _add_row(self) -> None:
        text = WrapLabel(object_name=self._item_name, role=self._item_role)
        if self._selectable:
            text.set_selectable()
        if not self._marker_name:
            self._layout.addWidget(text)
            self._pool.append((None, text))
            return
        marker = Sign(object_name=self._marker_name)
        if self._marker_role:
            marker.setProperty("role", self._marker_role)
        row = QHBoxLayout()
        row.setSpacing(self._gap)
        row.addWidget(marker, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(text, 1)
        self._layout.addLayout(row)
        self._pool.append((marker, text))

    def set_items(self, items: Sequence[tuple[str, str]]) -> None:
        """``items``: (marker, words) each; the marker is ignored by a list without markers."""
        while len(self._pool) < len(items):
            self._add_row()
        for (marker, text), (marker_text, words) in zip(self._pool, items, strict=False):
            text.setText(words)
            if marker is not None:
                marker.setText(marker_text)  # a Sign: what it means is heard with the words, once
                meaning = (self._marker_words or {}).get(marker_text, "")
                if re.search(r"\w", marker_text):  # a number ("9."): read as it is, before its words
                    text.setAccessibleName(said(f"{marker_text} {words}"))
                else:
                    spoken = said(words)  # its marks in words: "caution" for a citation's ⚠, not "warning sign"
                    text.setAccessibleName(said_with(meaning, spoken) if meaning else spoken if spoken != words else "")
            else:
                spoken = said(words)
                text.setAccessibleName(spoken if spoken != words else "")
        show_first([text for _marker, text in self._pool], len(items))
        markers = [marker for marker, _text in self._pool if marker is not None]
        show_first(markers, len(items))
        for marker, (marker_text, _words) in zip(markers, items, strict=False):
            if not marker_text:  # an item without a marker starts where the others' words do not: no gap
                marker.hide()
        if len({marker_text for marker_text, _words in items}) > 1:  # "9." and "10.": one column for all
            widest = max(marker.sizeHint().width() for marker in markers[: len(items)])
            for marker in markers:
                marker.setMinimumWidth(widest)
        self.labels = [text for _marker, text in self._pool[: len(items)]]


class LinkRow(QWidget):
    """A vertical list of link buttons (citations, related provisions). Emits the target id."""

    link_activated = Signal(str)

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.buttons: list[WrapButton] = []
        self._pool: list[WrapButton] = []  # built once, reused: new widgets cost far more than new words
        self._targets: list[str] = []

    def set_links(self, links: list[tuple[str, str, str]]) -> None:
        """``links``: (target id, visible text, accessible name)."""
        while len(self._pool) < len(links):
            button = WrapButton("", "linkButton", kind="link")
            button.clicked.connect(lambda _checked=False, i=len(self._pool): self.link_activated.emit(self._targets[i]))
            self._layout.addWidget(button)
            if self._pool:
                QWidget.setTabOrder(self._pool[-1], button)
            self._pool.append(button)
        self._targets = [target for target, _text, _accessible in links]
        for button, (target, text, accessible) in zip(self._pool, links, strict=False):
            button.set_label(text, accessible)
            button.setProperty("target", target)
        show_first(self._pool, len(links))
        self.buttons = self._pool[: len(links)]

    def button_for(self, target: str) -> WrapButton | None:
        """The link shown to ``target`` (a provision's id), if any: Back from it gives it the focus again."""
        return next((b for b in self.buttons if target and b.property("target") == target), None)


def search_hints(write: Writer = shown) -> tuple[str, ...]:
    """The search box's hint, longest first, its key (keys.SEARCH) written by ``write``: (Ctrl+K), (⌘K) on macOS.
    The box shows the longest that fits (SearchField.resizeEvent)."""
    key = f"   ({write(SEARCH[0])})"
    return tuple(words + key for words in ("Search: detainer, warrant, lot, 287(g)…", "Search: detainer, warrant…",
                                           "Search: detainer…", "Search"))


#: The search box's hint as Windows and Linux write it.
SEARCH_HINTS = search_hints()
SEARCH_HINT_PADDING = 40  # the box's padding (base.qss, 14 px a side) and Qt's text margins


class SearchField(QLineEdit):
    """The one search box. Up/Down move through the results; Escape clears."""

    arrow_pressed = Signal(int)
    escape_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "searchField", "Search", "Search rules, situations and terms. Results appear as you type.")
        self.hints = search_hints(keys.platform_writer())
        self.setPlaceholderText(self.hints[0])
        self.setMaxLength(200)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        """The longest hint that fits: on a 1024-pixel screen the full one was cut to "Search: detainer, w…"
        and the Ctrl+K it ends with was never seen."""
        super().resizeEvent(event)
        room = event.size().width() - SEARCH_HINT_PADDING
        metrics = self.fontMetrics()
        hint = next((h for h in self.hints if metrics.horizontalAdvance(h) <= room), self.hints[-1])
        if hint != self.placeholderText():
            self.setPlaceholderText(hint)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        """Left, the box shows the start of its words: a query longer than the box showed its end ("…the
        lot at 5th district"), and the officer could not tell what was searched. What is searched is unchanged;
        a menu or popup opened from the box leaves the cursor where it was."""
        super().focusOutEvent(event)
        # an empty box (as before the first frame, which must not build the Qt namespace) has no start to show
        if self.text() and event.reason() != Qt.FocusReason.PopupFocusReason:
            self.setCursorPosition(0)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        """Back in the box, typing goes on at the end of the query, where focusOutEvent had put the cursor at its
        start: given the focus back without a click or Tab (Esc on the results, the window active again), the
        next letters went before it ("ant" after "warr" made "antwarr"). Tab selects all, a click places the
        cursor, as Qt does."""
        super().focusInEvent(event)
        if self.text() and self.cursorPosition() == 0 and not self.hasSelectedText() \
                and event.reason() != Qt.FocusReason.PopupFocusReason:
            self.end(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        """The keys Help → Keyboard keys names for the search box (keys.PICK, PICK_FIVE and CLEAR_SEARCH)."""
        (up, down), (page_up, page_down) = PICK, PICK_FIVE
        steps = {qt_key(up): -1, qt_key(down): 1, qt_key(page_up): -5, qt_key(page_down): 5}
        key = event.key()
        if key in steps:
            self.arrow_pressed.emit(steps[key])
        elif key in qt_keys(CLEAR_SEARCH):
            self.escape_pressed.emit()
        else:
            super().keyPressEvent(event)


class Stepper(QWidget):
    """A number field between big − and + buttons (a spin box's own arrows are 12 pixels tall: too small
    for a finger, or for a trainer at a projector). Typing, the arrow keys and the wheel still work."""

    def __init__(self, spin: QSpinBox, less: str, more: str, height: int = TOUCH_HEIGHT) -> None:
        """``height``: the row's least height (a finger's, by default; 0 in the supervisors' editor)."""
        super().__init__()
        self.spin = spin
        self.setFocusProxy(spin)  # a label's buddy, or a focus given to the row, lands in the field
        name = spin.objectName()
        # Its own arrows are styled away (base.qss), not removed: a spin box with no buttons and a styled
        # border (high contrast) gets a one-pixel-wide field from Qt's style sheets, and its number vanishes.
        spin.setProperty("stepper", True)
        spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        spin.setMinimumHeight(height)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.less_button = named(QPushButton("−"), f"{name}Less", less)
        self.more_button = named(QPushButton("+"), f"{name}More", more)
        for button, step in ((self.less_button, spin.stepDown), (self.more_button, spin.stepUp)):
            button.setProperty("kind", "stepper")
            button.setMinimumHeight(height)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)  # as tall as the field
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field takes the keys; Tab need not stop here
            button.setAutoRepeat(True)  # held down, it keeps counting
            button.clicked.connect(step)
        layout.addWidget(self.less_button)
        layout.addWidget(spin, 1)
        layout.addWidget(self.more_button)
        spin.valueChanged.connect(self.show_limits)
        self.show_limits()

    def show_limits(self) -> None:
        value = self.spin.value()
        self.less_button.setEnabled(value > self.spin.minimum())
        self.more_button.setEnabled(value < self.spin.maximum())
