"""Scenarios in a tree whose long titles wrap in full: Home's "All situations" by category
(``ScenarioListModel``), and the playlist dialog's full list and its class's list (a flat list) alike."""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QPoint, QSize
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from desktop.ui.lazy_qt import DISPLAY_ROLE, SCROLL_BAR_ALWAYS_OFF, TEXT_WORD_WRAP, set_enum_property
from desktop.ui.scenario_list_model import IsCategoryRole
from desktop.ui.widgets import RUN_LETTER, breakable_anywhere, named, touch_scroll

ROW_PADDING = 14  # vertical padding of a list row, in pixels (the QSS ::item padding plus a margin)
MIN_ROW_HEIGHT = 46
ITEM_PADDING_X = 6  # the theme's padding either side of a row (base.qss, QAbstractItemView[scenarioList]::item)
TEXT_MARGIN = 3  # the style's margin either side of an item's words (Fusion: its focus-frame margin + 1)
#: What a row's words lose of its width. Fixed, not asked of the style: from Python that costs 5 ms of
#: start-up (PySide builds QStyle and its enums). The app runs the Fusion style everywhere (app.py), and
#: tests/ui/test_scenario_tree.py checks every row against what the style paints.
TEXT_INSET = 2 * (ITEM_PADDING_X + TEXT_MARGIN)


def _words_broken_to_fit(text: str, font: QFont, width: int) -> str:
    """``text`` with each word wider than ``width`` in ``font`` made breakable anywhere (see breakable_anywhere): Qt
    wraps a row's words at spaces and hyphens only, and cut such a word with "…" (a category of 60 letters with no
    space read "WWWWWWWWWWW…" on Home at the largest text on 800 × 600). Words that fit are left whole."""
    metrics = QFontMetrics(font)

    def wider(run: str) -> bool:
        return metrics.horizontalAdvance(run) > width

    def fitted(run: str) -> str:
        if not wider(run):
            return run
        return "".join(breakable_anywhere(part) if wider(part) else part for part in _AFTER_HYPHEN.split(run))

    return _RUN.sub(lambda match: fitted(match.group()), text)


#: a word, as a line breaks
_RUN = re.compile(RUN_LETTER + "+")
#: where a line may break inside a run: after a hyphen or a dash ("immigration-related")
_AFTER_HYPHEN = re.compile("(?<=[-\u2010\u2013\u2014])")


class _CategoryDelegate(QStyledItemDelegate):
    """Category rows in bold, with the view's own (themed) font size; long titles wrap in full
    (each row measured at the width its words are painted in, indentation included)."""

    def __init__(self, view: ScenarioTree) -> None:
        super().__init__(view)
        self._view = view
        self._rows: dict[tuple[str, str, int], tuple[str, int]] = {}  # (words, font key, width) → _row's

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        if index.data(IsCategoryRole):
            option.font.setBold(True)
        if option.text and option.rect.width() > 0:  # painting: its words, as sizeHint measured them
            option.text = self._row(option.text, option.font, option.rect.width() - TEXT_INSET)[0]

    def _row(self, text: str, font: QFont, width: int) -> tuple[str, int]:
        """The row's words as painted and measured, and its height, kept: rows are measured and painted again and
        again. Its words are measured wrapped at ``width`` once; only where a line comes out wider than the row (a
        word Qt could not wrap) are they measured word by word (_words_broken_to_fit) and again: looking at every
        word of every title cost Home's list half as much again to lay out, at every start."""
        key = (text, font.key(), width)
        row = self._rows.get(key)
        if row is None:
            metrics = QFontMetrics(font)
            shown, rect = text, metrics.boundingRect(0, 0, width, 100_000, TEXT_WORD_WRAP, text)
            if rect.width() > width:
                shown = _words_broken_to_fit(text, font, width)
                rect = metrics.boundingRect(0, 0, width, 100_000, TEXT_WORD_WRAP, shown)
            row = self._rows[key] = (shown, max(MIN_ROW_HEIGHT, rect.height() + ROW_PADDING))
        return row

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        if not self._view.isVisible():  # measured again once shown at its real width
            return QSize(self._view.viewport_width, MIN_ROW_HEIGHT)
        is_category = bool(index.data(IsCategoryRole))
        indent = self._view.indentation() if index.parent().isValid() else 0  # a category's scenarios are indented
        width = max(80, self._view.viewport_width - indent - TEXT_INSET)
        text = str(index.data(DISPLAY_ROLE) or "")
        font = QFont(option.font)
        font.setBold(is_category)
        return QSize(width, self._row(text, font, width)[1])


class ScenarioTree(QTreeView):
    """Scenarios under their categories; each title wraps to the width and is re-measured whenever the
    width changes."""

    #: The viewport's width, kept from its resize events: asking for viewport() during start-up makes
    #: PySide load every widget class to find the viewport's type (~15 ms before the first frame).
    viewport_width = 0

    def __init__(self, model: QAbstractItemModel, object_name: str, accessible_name: str) -> None:
        super().__init__()
        named(self, object_name, accessible_name)
        self.setProperty("scenarioList", True)  # the themes style every list of scenarios alike (rows' padding…)
        self.setModel(model)
        self.setItemDelegate(_CategoryDelegate(self))
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)  # categories are headings, always open, not folders
        self.setItemsExpandable(False)
        self.setExpandsOnDoubleClick(False)
        self.setIndentation(18)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        set_enum_property(self, "horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        model.rowsInserted.connect(self.expandAll)  # a new pack's categories open (clear() then new rows)
        self.expandAll()
        touch_scroll(self)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API; a scroll area gets its viewport's)
        self.viewport_width = event.size().width()
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.scheduleDelayedItemsLayout()

    def reading_place(self) -> tuple[QPersistentModelIndex, float] | None:
        """The row at the top of the list and how far down it the list's top line is, as a share of its height, to
        come back to after the rows change height (return_to): a new text size or theme. None at the top,
        which stays the top."""
        if self.verticalScrollBar().value() <= 0:
            return None
        index = self.indexAt(QPoint(self.indentation() + 1, 0))
        if not index.isValid():
            return None
        rect = self.visualRect(index)
        return QPersistentModelIndex(index), -rect.top() / max(rect.height(), 1)

    def return_to(self, place: tuple[QPersistentModelIndex, float] | None) -> None:
        """The rows laid out at their new heights, the list scrolled back to ``place`` (reading_place)."""
        if place is None or not place[0].isValid():
            return
        index = self.model().index(place[0].row(), place[0].column(), place[0].parent())
        self.doItemsLayout()
        bar = self.verticalScrollBar()
        rect = self.visualRect(index)
        bar.setValue(min(max(bar.value() + rect.top() + round(place[1] * rect.height()), 0), bar.maximum()))
