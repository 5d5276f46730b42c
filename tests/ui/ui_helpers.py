"""Helpers for driving the officer app in tests."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QStyle,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.ui.main_window import MainWindow
from desktop.ui.scenario_list_model import IsCategoryRole
from desktop.ui.scenario_tree import MIN_ROW_HEIGHT, ROW_PADDING, ScenarioTree
from desktop.ui.wizard_page import WizardPage


def type_text(widget: QWidget, text: str) -> None:
    """Unicode-safe typing (qtbot.keyClicks aborts on characters such as é)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def search(qtbot, window: MainWindow, query: str) -> int:
    """Type an ASCII query into the real search field and wait for the debounced results."""
    window.search_field.setFocus()
    with qtbot.waitSignal(window.search_page.results_shown, timeout=2000) as blocker:
        qtbot.keyClicks(window.search_field, query)
    return int(blocker.args[0])


def popup_rows(combo: QComboBox) -> list[tuple[str, str, int, int, int]]:
    """Each row of ``combo``'s open list: its whole text, the words it is painted with, its height, their width
    and the row's width. Qt's menu-style list (no initStyleOption) paints its words cut in the middle and gives
    none here: it is told by its rows' height (42 px at the largest text)."""
    view = combo.view()
    rows = []
    for row in range(combo.count()):
        index = combo.model().index(row, 0)
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = view.visualRect(index)
        getattr(view.itemDelegate(), "initStyleOption", lambda *_args: None)(option, index)
        width = QFontMetrics(option.font).horizontalAdvance(option.text)
        rows.append((combo.itemText(row), option.text, option.rect.height(), width, option.rect.width()))
    return rows


def assert_cut_at_the_end(rows: list[tuple[str, str, int, int, int]], least_height: int = 44) -> None:
    """Every row of popup_rows at least ``least_height`` tall (a touch target), its words within it, and each
    shortened one its first words, cut at a word with "…" (never in the middle); at least one is. A cut keeps one
    space between words (widgets.cut_words), as "holding?  (shared step)" becomes "holding? (shared…"."""
    assert all(height >= least_height for _whole, _shown, height, _width, _room in rows), rows
    assert any(shown != whole for whole, shown, *_rest in rows), ("no row is cut", rows)
    for whole, shown, _height, width, room in rows:
        assert width <= room, (shown, width, room)
        if shown != whole:
            whole = " ".join(whole.split())
            kept = shown.removesuffix("…")
            assert kept != shown and "…" not in kept and whole.startswith(kept), (whole, shown)
            assert whole[len(kept)] in " ,;:—–-(·", (whole, shown)  # at a word


def tap_answer(qtbot, page: WizardPage, answer: QWidget) -> None:
    """Tap ``answer`` as an officer does: where the screen's edge cuts it (or it is out of sight), a finger first
    drags the question view until the answer shows whole (as little as that takes), then taps its middle. A tap
    on a cut answer only brings it into sight (WizardPage: a second tap gives it)."""
    viewport = page.question_scroll.viewport()
    top = answer.mapTo(viewport, QPoint(0, 0)).y()
    below = top + answer.height() - viewport.height()
    if top < 0 or below > 0:
        bar = page.question_scroll.verticalScrollBar()
        bar.setValue(bar.value() + (top if top < 0 or below > top else below))  # moves the answer at once
    qtbot.mouseClick(answer, Qt.MouseButton.LeftButton)


def cuts_through_a_line(label: QWidget, offset: int) -> bool:
    """Whether a view's top ``offset`` px below the top of ``label``'s words cuts one of its lines through the words:
    not at a line's start, nor in the blank above the first line's capitals (that line reads whole)."""
    metrics = label.fontMetrics()
    return (0 < offset < label.contentsRect().height() and offset % metrics.lineSpacing() != 0
            and offset > metrics.ascent() - metrics.capHeight())


def settle() -> None:
    """Run more turns of the event loop than any layout needs, so what is checked next is what stays."""
    for _ in range(10):
        QApplication.processEvents()


def activate(qtbot, window: MainWindow) -> None:
    """Window shortcuts (Alt+Left, Ctrl+K, /) only fire in the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def scenario_indexes(view: ScenarioTree):
    """Every row of a scenario tree: categories and their scenarios (or a flat list's rows)."""
    model = view.model()
    for category in range(model.rowCount()):
        parent = model.index(category, 0)
        yield parent
        for row in range(model.rowCount(parent)):
            yield model.index(row, 0, parent)


def painted_lines_height(view: QAbstractItemView, index: QModelIndex) -> int:
    """The height of the words as the view paints them: in the rectangle the style gives the text of the
    row the view laid out (item padding and text margins off); a scenario list's categories in bold."""
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = view.font()  # as the view's own options carry it (the theme's size)
    option.rect = view.visualRect(index)
    view.itemDelegate().initStyleOption(option, index)
    style = view.style()
    text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
    width = text.width() - 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, view) + 1)
    font = option.font
    font.setBold(bool(index.data(IsCategoryRole)))
    # the words as the delegate gives them to the style (a word wider than the row made breakable anywhere)
    return QFontMetrics(font).boundingRect(0, 0, width, 100_000, Qt.TextFlag.TextWordWrap, option.text).height()


def check_scenario_rows(view: ScenarioTree) -> int:
    """Every laid-out row is as tall as the lines its words paint in (and MIN_ROW_HEIGHT at least); how many."""
    checked = 0
    for index in scenario_indexes(view):
        rect = view.visualRect(index)
        if not rect.isValid():
            continue
        expected = max(MIN_ROW_HEIGHT, painted_lines_height(view, index) + ROW_PADDING)
        assert rect.height() == expected, f"{index.data()!r}: a {rect.height()} px row for {expected} px"
        checked += 1
    return checked


def check_box_marks(box: QCheckBox) -> tuple[QRect, float]:
    """A check box's box as drawn: where it is in ``box``, and the share of the inside of its border painted in a colour that
    stands out from its fill (contrast 4.5:1 or more, the fill being the box's commonest colour): a tick."""
    from collections import Counter

    from desktop.ui.themes import contrast_ratio

    option = QStyleOptionButton()
    box.initStyleOption(option)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    inside = [image.pixelColor(x, y) for x in range(rect.left() + 4, rect.right() - 3)
              for y in range(rect.top() + 4, rect.bottom() - 3)]
    fill = QColor(Counter(colour.rgb() for colour in inside).most_common(1)[0][0])
    return rect, sum(contrast_ratio(colour, fill) >= 4.5 for colour in inside) / len(inside)
