"""Boxes of choices that keep their words readable: the chosen item and (optionally) the list's rows cut at
a word with "…", whole in their tooltips. Used by the editor's forms, the trainers' handout chooser and the
quiz's list of scenarios (outside the editor's package, which the quiz should not import)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, Qt
from PySide6.QtGui import QFontMetrics, QHelpEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QStylePainter,
    QToolTip,
)

from desktop.ui.scenario_tree import TEXT_MARGIN
from desktop.ui.widgets import cut_words, first_that_fits, named, plain_tip


def words_that_fit(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text``, or as much of it as fits on one line ``width`` wide, cut at a word with "…" (a word too long for
    the line alone, as much of it as fits)."""
    variants = [text, *cut_words(text)]
    shown = variants[first_that_fits(variants, lambda words: metrics.horizontalAdvance(words) <= width)]
    return shown if metrics.horizontalAdvance(shown) <= width else metrics.elidedText(shown, Qt.TextElideMode.ElideRight, width)


class ElidingComboBox(QComboBox):
    """A combo whose chosen item, when longer than the box, is cut at a word and ends in "…", and is given
    whole in its tooltip. The style cut it at the box's edge mid-word ("q_level6 · Is it a federal or a state
    warran" in an answer's Leads to), with nothing to say more was hidden."""

    def shown_text(self) -> str:
        """The chosen item's words as the box shows them (shortened with "…" when they do not fit)."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        if not option.currentIcon.isNull():
            field.setLeft(field.left() + option.iconSize.width() + 4)
        # the styles draw the words 1 px inside the field either side
        return words_that_fit(option.currentText, self.fontMetrics(), field.width() - 2)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        if self.isEditable():
            super().paintEvent(event)
            return
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def showPopup(self) -> None:  # noqa: N802 (Qt API)
        """As Qt's; with its rows cut at a word (WordCutRows), the open list reaches no further right than the
        box's window. Qt made it as wide as the longest row: at the largest text, the handout chooser's list
        filled a 1024 px screen from edge to edge, past the chooser and the window under it."""
        if isinstance(self.itemDelegate(), WordCutRows):
            window = self.window()
            room = window.mapToGlobal(QPoint(window.width(), 0)).x() - self.mapToGlobal(QPoint(0, 0)).x()
            container = self.view().parentWidget()
            container.setMaximumWidth(max(self.width(), room))  # Qt's list keeps within it
            # Qt widens a typed-in box's list to none of its rows (only a pick-only box's, to the longest): the
            # editor's Category list stayed as narrow as its box, "Victims, residents and officer…" cut on a
            # 1024 px screen with the window's room beside it. It is as wide as its longest row, as those are.
            container.setMinimumWidth(min(self._rows_width(), container.maximumWidth()) if self.isEditable() else 0)
        super().showPopup()

    def _rows_width(self) -> int:
        """How wide the open list must be to show its longest row whole: the rows, the list's frame and the scroll
        bar it shows when its rows are more than it holds."""
        view = self.view()
        width = view.sizeHintForColumn(0) + 2 * view.frameWidth()
        if self.count() > self.maxVisibleItems():
            width += view.verticalScrollBar().sizeHint().width()
        container = view.parentWidget()
        margins = container.layout().contentsMargins() if container.layout() is not None else None
        return width + (margins.left() + margins.right() if margins is not None else 0)

    def event(self, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent) and not self.toolTip():
            if not self.isEditable() and self.shown_text() != self.currentText():
                QToolTip.showText(event.globalPos(), plain_tip(self.currentText()), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


class WordCutRows(QStyledItemDelegate):
    """A combo's list whose rows show as much of their words as fits, cut at the end at a word with "…" (whole in
    the row's tooltip; its accessible text is the item's, whole). Qt's menu-style list ignores the view's elide
    mode and cut a long item in its middle ("S02 · Agents ask CPD to run a che…tops, join a patrol or ride
    along"). Unlike that list's, these rows take the style sheet's ``QComboBox QAbstractItemView::item`` (its
    height, padding and colours)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        """As Qt's, and with a row's rect known (painting, not measuring), its words cut to fit the row."""
        super().initStyleOption(option, index)
        if option.rect.isEmpty() or not option.text:
            return
        style = option.widget.style() if option.widget is not None else QApplication.style()
        room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget).width()
        room -= 2 * TEXT_MARGIN
        option.text = words_that_fit(option.text, QFontMetrics(option.font), room)

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,  # noqa: N802
                  index: QModelIndex | QPersistentModelIndex) -> bool:
        if event.type() != QEvent.Type.ToolTip or not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return super().helpEvent(event, view, option, index)
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        whole = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if shown.text != whole:
            QToolTip.showText(event.globalPos(), plain_tip(whole), view)
        else:
            QToolTip.hideText()
        return True


def combo_box(object_name: str, accessible_name: str, cut_rows: bool = False) -> QComboBox:
    """A combo that never widens its form to fit its longest item (prompts can be long): a chosen item longer
    than the box ends in "…", whole in its tooltip. With ``cut_rows``, its list's rows too (WordCutRows)."""
    combo = named(ElidingComboBox(), object_name, accessible_name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideRight)
    if cut_rows:
        combo.setItemDelegate(WordCutRows(combo.view()))
    return combo
