"""Field widgets for the editor's forms: text fields bound to a path in the working tables, partial dates,
editable lists with add / duplicate / delete / move, and a searchable picker."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFontInfo, QFontMetrics, QKeyEvent, QKeySequence, QResizeEvent, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import editing
from desktop.domain.model import is_starter_words, parse_partial_date
from desktop.domain.readability import grade_words
from desktop.ui.choice_box import combo_box
from desktop.ui.scenario_tree import TEXT_MARGIN
from desktop.ui.themes import EDITOR_SIZES
from desktop.ui.widgets import fit_to_screen, named, without_stock_icons, wrappable

DATE_PATTERN = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")
DATE_HINT = "YYYY, YYYY-MM or YYYY-MM-DD; leave empty if unknown"


class UndoKeysToWindow(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z reach the editor's Undo/Redo even while a text field has focus, so
    there is one undo history (the document's), not one per field."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            combo = event.keyCombination().toCombined()
            for seq in (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo):
                if any(k[0].toCombined() == combo for k in QKeySequence.keyBindings(seq)):
                    event.ignore()
                    return True
        return False


_undo_filter: UndoKeysToWindow | None = None


def route_undo_keys(widget: QWidget) -> None:
    global _undo_filter
    if _undo_filter is None:
        _undo_filter = UndoKeysToWindow()
    widget.installEventFilter(_undo_filter)


class SelectStarterWords(QObject):
    """A field still holding the words the editor put in a new record ("Say the answer in one plain sentence.")
    has them all selected when it gets the focus, by a click, Tab or a jump to its problem: typing replaces them.
    They were real text with the cursor where the click put it, so a supervisor who clicked and typed got
    "…sentence.Officers may…". Kept as text rather than a placeholder: the draft saved and the problem
    ("still has the editor's starter words") say what the field shows."""

    def __init__(self) -> None:
        super().__init__()
        self._clicked: set[int] = set()  # fields given the focus by a press whose release is still to come

    @staticmethod
    def _text(edit: QLineEdit | QPlainTextEdit) -> str:
        return edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        edit = watched if isinstance(watched, (QLineEdit, QPlainTextEdit)) else watched.parent()
        if not isinstance(edit, (QLineEdit, QPlainTextEdit)):
            return False
        if event.type() == QEvent.Type.FocusIn and watched is edit and isinstance(event, QFocusEvent):
            if event.reason() == Qt.FocusReason.MouseFocusReason:
                # selected now, the press (inside the selection) would start a drag and its release drop the
                # selection for a cursor: selected on the release
                self._clicked.add(id(edit))
            elif is_starter_words(self._text(edit)):
                edit.selectAll()
        elif event.type() == QEvent.Type.FocusOut and watched is edit:
            self._clicked.discard(id(edit))
        elif (event.type() == QEvent.Type.MouseButtonPress and edit.hasFocus() and is_starter_words(self._text(edit))
              and (edit.selectedText() if isinstance(edit, QLineEdit) else edit.textCursor().selectedText())
              == self._text(edit)):
            # given the focus with its starter words selected (a new provision's title), then clicked: the click
            # put the cursor in them, and what was typed went after them
            self._clicked.add(id(edit))
        elif event.type() == QEvent.Type.MouseButtonRelease and id(edit) in self._clicked:
            self._clicked.discard(id(edit))
            selected = edit.hasSelectedText() if isinstance(edit, QLineEdit) else edit.textCursor().hasSelection()
            if not selected and is_starter_words(self._text(edit)):  # a drag that chose some words keeps them
                edit.selectAll()
        return False


_starter_selector: SelectStarterWords | None = None


def select_starter_words(edit: QLineEdit | QPlainTextEdit) -> None:
    """Select ``edit``'s words when it gets the focus while they are a new record's starter words."""
    global _starter_selector
    if _starter_selector is None:
        _starter_selector = SelectStarterWords()
    edit.installEventFilter(_starter_selector)
    if isinstance(edit, QPlainTextEdit):
        edit.viewport().installEventFilter(_starter_selector)  # its mouse events go to the viewport


def line_edit(object_name: str, accessible_name: str, placeholder: str = "") -> QLineEdit:
    edit = named(QLineEdit(), object_name, accessible_name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    route_undo_keys(edit)
    return edit


class TextField(QPlainTextEdit):
    """Multi-line plain text, as tall as its wrapped words (at least ``lines`` lines, at most ``MAX_LINES``, then
    it scrolls), refitted as they are typed and as its width changes: at a fixed height a rationale at the largest
    text showed two and a half lines with a scroll bar of its own inside the scrolling form. Tab moves on (it never
    inserts a tab); leaving the field is reported."""

    MAX_LINES = 8
    focus_left = Signal()

    def __init__(self, object_name: str, accessible_name: str, lines: int = 3, single_line: bool = False) -> None:
        super().__init__()
        named(self, object_name, accessible_name)
        # one line of words (a question, a headline) shown wrapped over ``lines`` rows: Enter types nothing
        # and pasted line breaks become spaces (the pack's "line" fields hold no line break)
        self._single_line = single_line
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._lines = lines
        self._fit_height()
        self.document().contentsChanged.connect(self._fit_height)  # also while the owner sets it quietly
        route_undo_keys(self)

    def _words_height(self) -> float:
        """The height of the words wrapped at the field's width with no scroll bar, laid out as the field lays
        them out (stops counting past ``MAX_LINES`` lines)."""
        margin = self.document().documentMargin()
        width = max(20.0, self.contentsRect().width() - 2 * margin)
        option = self.document().defaultTextOption()
        cap = self.fontMetrics().lineSpacing() * self.MAX_LINES
        height = 0.0
        block = self.document().begin()
        while block.isValid() and height <= cap:
            layout = QTextLayout(block.text(), self.font())
            layout.setTextOption(option)
            layout.beginLayout()
            while height <= cap:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLeadingIncluded(True)
                line.setLineWidth(width)
                height += line.height()
            layout.endLayout()
            block = block.next()
        return height

    def _fit_height(self) -> None:
        """Tall enough for its words in the font the style sheet gives it: ``lines`` to ``MAX_LINES`` lines."""
        margins = self.contentsMargins()
        extra = 2 * self.document().documentMargin() + margins.top() + margins.bottom() + 4
        line = self.fontMetrics().lineSpacing()
        words = self._words_height()
        # no scroll bar while the words fit: shown, it narrowed them to a line more than the box was fitted to
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if words > line * self.MAX_LINES
                                        else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        height = int(max(line * self._lines, min(words, line * self.MAX_LINES)) + extra + 0.999)
        if (self.minimumHeight(), self.maximumHeight()) != (height, height):
            self.setFixedHeight(height)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_height()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        # narrower, its words wrap to more lines; refitted once Qt has handled the resize (see _FittedList)
        if isinstance(event, QResizeEvent) and event.size().width() != event.oldSize().width():
            self._fit_height()
        return handled

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        super().focusOutEvent(event)
        self.focus_left.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if self._single_line and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # as in a one-line field: the dialog or form may use it
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt API)
        if self._single_line and source.hasText():
            self.insertPlainText(re.sub(r"[ \t]*[\r\n\u2028\u2029]+[ \t]*", " ", source.text()))
            return
        super().insertFromMimeData(source)

    def set_text_quietly(self, text: str) -> None:
        if self.toPlainText() == text:
            return
        self.blockSignals(True)
        cursor = self.textCursor().position()
        self.setPlainText(text)
        c = self.textCursor()
        c.setPosition(min(cursor, len(text)))
        self.setTextCursor(c)
        self.blockSignals(False)


def set_line_quietly(edit: QLineEdit, text: str) -> None:
    if edit.text() == text:
        return
    edit.blockSignals(True)
    pos = edit.cursorPosition()
    edit.setText(text)
    edit.setCursorPosition(min(pos, len(text)))
    edit.blockSignals(False)


class FieldNote(QLabel):
    """A short wrapped line of plain text under a field, in the style sheet's ``role``; hidden until it has words."""

    def __init__(self, object_name: str, role: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setProperty("role", role)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()


class FieldError(FieldNote):
    """A short message under a field that explains why a value was not taken. Hidden when empty."""

    def __init__(self, object_name: str) -> None:
        super().__init__(object_name, "fieldError")

    def show_error(self, text: str) -> None:
        self.setText(f"✖ {text}" if text else "")
        self.setAccessibleName(text)
        self.setVisible(bool(text))


class ReadingGrade(FieldNote):
    """How hard the officer-facing words of the field above it are to read, kept current as they are typed:
    "Reads at grade 9 — aim for 8 or lower". Advice, in muted words; hidden while there are too few words to
    grade. The words of the draft's glossary terms (``document``) count as familiar, as in the readability
    command."""

    def __init__(self, object_name: str, document: Any) -> None:
        super().__init__(object_name, "muted")
        self.document = document

    def show_grade(self, text: str, what: str = "") -> None:
        words = grade_words(text, editing.glossary_terms(self.document.tables), what=what)
        self.setText(words)
        self.setAccessibleName(words)
        self.setVisible(bool(words))


def with_note_under(field: QWidget, note: QWidget, object_name: str = "") -> QWidget:
    """``field`` with ``note`` (its error, its reading grade) just under it, in a box that gives ``field`` the focus
    (for a form row)."""
    box = QWidget()
    if object_name:
        box.setObjectName(object_name)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(note)
    box.setFocusProxy(field)
    return box


def graded(edit: QLineEdit | QPlainTextEdit, name: str, document: Any) -> tuple[QWidget, ReadingGrade]:
    """``edit`` with its ReadingGrade under it, in a box that gives ``edit`` the focus (for a form row). The
    grade follows what is typed; an owner that sets the text quietly (signals blocked) calls show_grade."""
    grade = ReadingGrade(name + "Grade", document)
    box = with_note_under(edit, grade)
    text = edit.text if isinstance(edit, QLineEdit) else edit.toPlainText
    edit.textChanged.connect(lambda *_: grade.show_grade(text()))
    return box, grade


def partial_date_error(text: str) -> str:
    """'' when ``text`` is empty or a real full/partial date, else what is wrong."""
    if not text:
        return ""
    if not DATE_PATTERN.match(text):
        return f"not a date in the form {DATE_HINT}"
    try:
        parse_partial_date(text)
    except ValueError:
        return "not a real calendar date"
    return ""


class PartialDateEdit(QWidget):
    """A full or partial ISO date, or empty (unknown). Checked as it is typed; taken when the person
    presses Enter or leaves the field (so "2025" is not stored on the way to "2025-08-30").
    ``date_edited`` carries only valid values (a string, or None for unknown)."""

    date_edited = Signal(object)  # str or None

    def __init__(self, object_name: str, accessible_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name + "Box")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = line_edit(object_name, accessible_name, DATE_HINT)
        self.edit.setAccessibleDescription(DATE_HINT)
        self.error = FieldError(object_name + "Error")
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self.setFocusProxy(self.edit)
        self._stored: str | None = None
        self.edit.textEdited.connect(self._edited)
        self.edit.editingFinished.connect(self._finished)

    def set_value(self, value: str | None) -> None:
        self._stored = value
        if not self.edit.isModified():
            set_line_quietly(self.edit, value or "")
            self.error.show_error("")

    def _edited(self, text: str) -> None:
        self.error.show_error(partial_date_error(text.strip()))

    def _finished(self) -> None:
        text = self.edit.text().strip()
        self.edit.setModified(False)
        problem = partial_date_error(text)
        if problem:
            set_line_quietly(self.edit, self._stored or "")
            self.error.show_error(f"“{text}” is {problem}; the date was not changed")
            return
        self.error.show_error("")
        if (text or None) != self._stored:
            self.date_edited.emit(text or None)


def small_button(text: str, object_name: str, accessible_name: str, tip: str = "") -> QPushButton:
    button = named(QPushButton(text), object_name, accessible_name)
    button.setProperty("kind", "small")
    button.setToolTip(tip or accessible_name)
    return button


class _WrappedLines(QStyledItemDelegate):
    """Each line measured at the width its words are painted in. Qt's own measure left the style sheet's
    item padding (editor.qss: 2 px a side) and the style's text margin (Fusion: 3 px a side) on the width,
    so a line that just fitted was measured as one line, painted as two and cut ("…being …")."""

    INSET_X = 2 * (2 + TEXT_MARGIN)
    PADDING_Y = 2 * 3

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = max(40, self._view.viewport().width() - self.INSET_X)
        words = QFontMetrics(opt.font).boundingRect(0, 0, width, 100_000, Qt.TextFlag.TextWordWrap, opt.text)
        return QSize(width, words.height() + self.PADDING_Y)


def wrap_rows(view: QListWidget) -> None:
    """Rows that wrap at the list's width, each as tall as its words painted there, measured again when the
    width changes; never a sideways scroll bar."""
    view.setWordWrap(True)
    view.setItemDelegate(_WrappedLines(view))
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setResizeMode(QListWidget.ResizeMode.Adjust)


class _FittedList(QListWidget):
    """A list that says when its width changed, once it has handled the resize: a height set while Qt handles it
    is not passed on to the viewport (QAbstractScrollArea ignores a resize inside a resize), which then kept
    the old height, taller or shorter than the list."""

    width_changed = Signal()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if isinstance(event, QResizeEvent) and event.size().width() != event.oldSize().width():
            self.width_changed.emit()
        return handled


class ListEditor(QWidget):
    """A list inside a record (answers, citations, lines of advice, tags…) with Add, Duplicate, Delete,
    Move up and Move down. Plain string lists are edited in place (F2 or double-click) and added to from
    the entry line below; structured lists use ``on_add`` and a detail area the owner provides.

    The list lives at ``path`` in the document's tables; every change is a document edit (undoable)."""

    current_changed = Signal(int)
    error = Signal(str)

    def __init__(
        self,
        document: Any,
        name: str,
        title: str,
        item_text: Callable[[Any], str] = str,
        strings: bool = True,
        on_add: Callable[[int], editing.Command | None] | None = None,
        on_duplicate: Callable[[int], editing.Command | None] | None = None,
        add_label: str = "Add",
        entry_hint: str = "",
        max_visible: int = 5,
        graded: bool = False,
    ) -> None:
        super().__init__()
        self.document = document
        self.path: editing.Path | None = None
        self.title = title
        self.item_text = item_text
        self.strings = strings
        self.on_add = on_add
        self.on_duplicate = on_duplicate
        self.setObjectName(name + "Editor")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.list = named(_FittedList(), name + "List", title,
                          "F2 edits a line, Delete removes it, Ctrl+Up and Ctrl+Down move it" if strings
                          else "Delete removes the selected item, Ctrl+Up and Ctrl+Down move it")
        wrap_rows(self.list)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            if strings else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self._max_visible = max_visible
        self.list.itemChanged.connect(self._item_changed)
        self.list.currentRowChanged.connect(self._row_changed)
        self.list.installEventFilter(self)
        self.list.width_changed.connect(self._fit_height)  # narrower, its lines wrap to more rows
        layout.addWidget(self.list)

        row = QHBoxLayout()
        row.setSpacing(4)
        self.entry: QLineEdit | None = None
        self.add_button = small_button(add_label, name + "Add", f"{add_label} ({title})")
        if strings:  # the new line gets a row of its own, as wide as the list
            entry_row = QHBoxLayout()
            entry_row.setSpacing(4)
            self.entry = line_edit(name + "Entry", f"New line for {title}", entry_hint or "Type a new line, press Enter")
            self.entry.returnPressed.connect(self._add_clicked)
            entry_row.addWidget(self.entry, 1)
            entry_row.addWidget(self.add_button)
            layout.addLayout(entry_row)
        # officer-facing lines: the grade of the line being typed, else of the selected line
        self.grade = ReadingGrade(name + "Grade", document) if graded and strings else None
        if self.grade is not None:
            assert self.entry is not None
            layout.addWidget(self.grade)
            self.entry.textChanged.connect(lambda _text: self._show_grade())
            self.current_changed.connect(lambda _row: self._show_grade())
        if not strings:
            row.addWidget(self.add_button)
        self.dup_button = small_button("Duplicate", name + "Duplicate", f"Duplicate the selected item ({title})")
        self.delete_button = small_button("Delete", name + "Delete", f"Delete the selected item ({title})")
        self.up_button = small_button("↑", name + "Up", f"Move the selected item up ({title})")
        self.down_button = small_button("↓", name + "Down", f"Move the selected item down ({title})")
        for b in (self.dup_button, self.delete_button, self.up_button, self.down_button):
            row.addWidget(b)
        row.addStretch(1)
        self.add_button.clicked.connect(self._add_clicked)
        self.dup_button.clicked.connect(self._duplicate)
        self.delete_button.clicked.connect(self._delete)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        layout.addLayout(row)
        self._items: list[Any] = []
        self._update_buttons()

    # -- data ------------------------------------------------------------------------------------------------

    def set_path(self, path: editing.Path | None) -> None:
        if path != self.path:
            self.path = path
            self.refresh(select=0)
        else:
            self.refresh()

    def items(self) -> list[Any]:
        if self.path is None:
            return []
        value = editing.get(self.document.tables, self.path, [])
        return value if isinstance(value, list) else []

    def refresh(self, select: int | None = None) -> None:
        items = self.items()
        current = self.list.currentRow() if select is None else select
        texts = [self.item_text(it) for it in items]
        if texts != [self.list.item(i).text() for i in range(self.list.count())]:
            self.list.blockSignals(True)
            self.list.clear()
            for text in texts:
                item = QListWidgetItem(text)
                if self.strings:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                self.list.addItem(item)
            self.list.blockSignals(False)
        self._items = [editing.get(self.document.tables, (*self.path, i)) for i in range(len(items))] \
            if self.path is not None else []
        if items:
            row = max(0, min(current, len(items) - 1))
            if self.list.currentRow() != row:
                self.list.setCurrentRow(row)
        self._fit_height()
        self._update_buttons()
        self.current_changed.emit(self.list.currentRow())

    def _show_grade(self) -> None:
        if self.grade is None or self.entry is None:
            return
        if self.entry.text().strip():
            self.grade.show_grade(self.entry.text(), "New line")
            return
        row = self.list.currentRow()
        self.grade.show_grade(self.list.item(row).text() if 0 <= row < self.list.count() else "", "Selected line")

    def _fit_height(self) -> None:
        """As tall as its first ``max_visible`` rows, each as many lines as its words wrap to at the list's
        width: counted as one line each, a one-line list whose line wrapped showed its first line only."""
        count = self.list.count()
        rows = max(1, min(count, self._max_visible))
        line = self.list.fontMetrics().lineSpacing()
        least = rows * (line + 8) + 10 + (line if count > 1 else 0)
        shown = sum(self.list.sizeHintForRow(row) for row in range(min(count, self._max_visible)))
        frame = 2 * (self.list.frameWidth() + 2)  # the border, a pixel wider a side when focused (editor.qss)
        self.list.setFixedHeight(max(least, shown + frame + (line if count > 1 else 0)))

    def current_index(self) -> int:
        return self.list.currentRow()

    def select(self, index: int) -> None:
        if 0 <= index < self.list.count():
            self.list.setCurrentRow(index)

    def _update_buttons(self) -> None:
        row, n = self.list.currentRow(), self.list.count()
        has = 0 <= row < n
        enabled = self.path is not None
        self.add_button.setEnabled(enabled)
        self.dup_button.setEnabled(enabled and has)
        self.delete_button.setEnabled(enabled and has)
        self.up_button.setEnabled(enabled and has and row > 0)
        self.down_button.setEnabled(enabled and has and row < n - 1)
        if self.entry is not None:
            self.entry.setEnabled(enabled)

    # -- edits ---------------------------------------------------------------------------------------------

    def _apply(self, command: editing.Command | None, select: int | None = None) -> None:
        try:
            self.document.apply(command)
        except editing.EditError as exc:
            self.error.emit(str(exc))
            return
        if select is not None:
            self.refresh(select=select)

    def _row_changed(self, row: int) -> None:
        self._update_buttons()
        self.current_changed.emit(row)

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self.path is None or not self.strings:
            return
        row = self.list.row(item)
        text = item.text().strip()
        if not text:
            self.error.emit(f"A line of {self.title} cannot be empty; use Delete to remove it.")
            QTimer.singleShot(0, self.refresh)
            return
        self._apply(editing.set_value(self.document.tables, (*self.path, row), text, f"Edit {self.title}",
                                      merge=False))

    def typed_line(self) -> editing.Command | None:
        """The edit that adds the line typed in the new-line box and not added yet (no Enter, no Add), or None.
        The window makes it before the supervisor leaves the record, saves, publishes or closes: the words
        were lost, or added to the next record picked when Enter was pressed there (the box kept them)."""
        if not self.strings or self.entry is None or self.path is None or not self.entry.text().strip():
            return None
        return editing.insert_item(self.document.tables, self.path, len(self.items()), self.entry.text().strip(),
                                   f"Add to {self.title}")

    def _add_clicked(self) -> None:
        if self.path is None:
            return
        at = self.list.currentRow() + 1 if self.list.currentRow() >= 0 else self.list.count()
        if self.strings:
            assert self.entry is not None
            text = self.entry.text().strip()
            if not text:
                self.entry.setFocus()
                self.error.emit(f"Type the new line of {self.title} first, then press Enter.")
                return
            at = self.list.count()
            self._apply(editing.insert_item(self.document.tables, self.path, at, text, f"Add to {self.title}"),
                        select=at)
            self.entry.clear()
            return
        if self.on_add is not None:
            command = self.on_add(at)
            if command is not None:
                self._apply(command, select=at)

    def _duplicate(self) -> None:
        row = self.list.currentRow()
        if self.path is None or row < 0:
            return
        if self.on_duplicate is not None:
            command = self.on_duplicate(row)
        else:
            command = editing.duplicate_item(self.document.tables, self.path, row, f"Duplicate in {self.title}")
        self._apply(command, select=row + 1)

    def _delete(self) -> None:
        row = self.list.currentRow()
        if self.path is None or row < 0:
            return
        self._apply(editing.remove_item(self.document.tables, self.path, row, f"Delete from {self.title}"),
                    select=max(0, row - 1) if row >= self.list.count() - 1 else row)

    def _move(self, delta: int) -> None:
        row = self.list.currentRow()
        if self.path is None or row < 0:
            return
        command = editing.move_item(self.document.tables, self.path, row, delta, f"Reorder {self.title}")
        if command is not None:
            self._apply(command, select=row + delta)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.list and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if self.list.state() == QAbstractItemView.State.EditingState:
                return False
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if event.key() == Qt.Key.Key_Delete:
                self._delete()
                return True
            if ctrl and event.key() == Qt.Key.Key_Up:
                self._move(-1)
                return True
            if ctrl and event.key() == Qt.Key.Key_Down:
                self._move(1)
                return True
        return False


def fit_dialog(dialog: QDialog, width: int, height: int) -> None:
    """Size ``dialog`` at ``width`` × ``height`` for the editor's normal text, larger in proportion to a larger
    text, as far as the window it opens over and the screen allow (it can still be resized): at a fixed 560 × 520
    the citation picker showed a few rows at the largest text, each wrapped over several lines."""
    dialog.ensurePolished()  # the editor's type (its style sheet), not Qt's default
    scale = max(1.0, QFontInfo(dialog.font()).pixelSize() / EDITOR_SIZES["desk"])
    fit_to_screen(dialog, round(width * scale), round(height * scale), within=dialog.parentWidget())


class PickerDialog(QDialog):
    """Choose one item from a long list by typing part of its name. ``picked`` carries the item's key."""

    picked = Signal(str)

    def __init__(self, title: str, items: Sequence[tuple[str, str]], current: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "pickerDialog", title)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        label = QLabel("Type part of an id, a citation or a title:")
        layout.addWidget(label)
        self.filter = line_edit("pickerFilter", "Filter the list")
        label.setBuddy(self.filter)
        layout.addWidget(self.filter)
        self.list = named(QListWidget(), "pickerList", title)
        # measured by Qt at a wider width than they were painted in, rows were cut ("… rules   [CHI-…")
        wrap_rows(self.list)
        for key, text in items:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.list.addItem(item)
            if key == current:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        layout.addWidget(self.list, 1)
        self.buttons = without_stock_icons(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel))
        self.buttons.setObjectName("pickerButtons")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        named(ok, "pickerOk", "Choose")
        ok.setText("Choose")
        named(self.buttons.button(QDialogButtonBox.StandardButton.Cancel), "pickerCancel", "Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self.accept)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.filter.installEventFilter(self)
        self.filter.setFocus()
        fit_dialog(self, 560, 520)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        first_visible = -1
        for i in range(self.list.count()):
            item = self.list.item(i)
            hay = (item.text() + " " + str(item.data(Qt.ItemDataRole.UserRole))).casefold()
            hidden = not all(w in hay for w in words)
            item.setHidden(hidden)
            if not hidden and first_visible < 0:
                first_visible = i
        current = self.list.currentItem()
        if (current is None or current.isHidden()) and first_visible >= 0:
            self.list.setCurrentRow(first_visible)

    def visible_keys(self) -> list[str]:
        return [str(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())
                if not self.list.item(i).isHidden()]

    def selected_key(self) -> str | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return str(item.data(Qt.ItemDataRole.UserRole))

    def accept(self) -> None:
        key = self.selected_key()
        if key is None:
            return
        super().accept()
        self.picked.emit(key)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.filter and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                # arrow keys in the filter move the list's selection
                QApplication.sendEvent(self.list, QKeyEvent(event.type(), event.key(), event.modifiers()))
                return True
        return False


def add_or_cancel(dialog: QDialog, text: str, name: str) -> tuple[QDialogButtonBox, QPushButton]:
    """The Add and Cancel buttons of a dialog that asks for a new record (``text`` on Add; objectNames ``name`` +
    "Ok" / "Cancel"), words only, at the foot of its layout: the box and its Add button."""
    buttons = without_stock_icons(
        QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel))
    add = buttons.button(QDialogButtonBox.StandardButton.Ok)
    add.setText(text)
    named(add, f"{name}Ok", text)
    named(buttons.button(QDialogButtonBox.StandardButton.Cancel), f"{name}Cancel", "Cancel")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    dialog.layout().addWidget(buttons)
    return buttons, add


def grow_for_words(dialog: QDialog) -> None:
    """``dialog`` taller where the reason or the note under its field needs it: a top-level dialog does not grow for
    wrapped words, and the three lines of a note at the largest text hid the last line of the words above the field."""
    layout = dialog.layout()
    layout.activate()
    needed = layout.totalHeightForWidth(dialog.width())
    if needed > dialog.height():
        fit_to_screen(dialog, dialog.width(), needed)


class NewIdDialog(QDialog):
    """Ask for the id of a new provision (or scenario) before it is added: what citations and outcomes name it by,
    for good once it is published. ``chosen`` carries the id; Add is offered only for an id that can be used,
    and an id an earlier version of the pack used is pointed out."""

    chosen = Signal(str)

    def __init__(self, document: Any, table: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.table = document, table
        kind = editing.RECORD_KINDS[table]
        named(self, "newIdDialog", f"New {kind}")
        self.setWindowTitle(f"New {kind}")
        layout = QVBoxLayout(self)
        examples = ", ".join(pack_style_examples(editing.ids(document.tables, table)))
        intro = QLabel(f"Give the new {kind} its id. Citations and scenario outcomes name it by its id, and it "
                       f"stays the same once published. Write it as the pack's own ids are written"
                       f"{f', e.g. {examples}' if examples else ''}: letters, digits and . _ ( ) - only.")
        intro.setObjectName("newIdIntro")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        self.id_edit = line_edit("newId", f"Id of the new {kind}")
        intro.setBuddy(self.id_edit)
        layout.addWidget(self.id_edit)
        self.problem = FieldError("newIdError")
        layout.addWidget(self.problem)
        self.note = FieldNote("newIdNote", "")
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.buttons, self.add_button = add_or_cancel(self, f"Add {kind}", "newId")
        self.id_edit.textChanged.connect(self._check)
        self._check("")
        self.id_edit.setFocus()
        fit_dialog(self, 520, 0)
        # as tall as its words at that width, and two lines more for a reason under the field
        self.resize(self.width(), layout.totalHeightForWidth(self.width()) + 2 * self.fontMetrics().lineSpacing())

    def _check(self, _text: str) -> None:
        ident = self.id_edit.text().strip()
        problem = editing.new_id_problem(self.document.tables, self.table, ident)
        self.add_button.setEnabled(not problem)
        self.problem.show_error(problem if ident else "")  # nothing typed yet is no error
        note = "" if problem else editing.earlier_id_note(self.table, ident, self.document.earlier_ids[self.table])
        self.note.setText(f"⚠ {note}" if note else "")
        self.note.setAccessibleName(note)
        self.note.setVisible(bool(note))
        grow_for_words(self)

    def accept(self) -> None:
        ident = self.id_edit.text().strip()
        if editing.new_id_problem(self.document.tables, self.table, ident):
            return  # Enter in the field with an id that cannot be used: the message under it says why
        super().accept()
        self.chosen.emit(ident)


class NewScenarioDialog(QDialog):
    """Ask for the category of a new scenario before it is added: the heading officers find it under on the Home
    screen. One of the pack's categories is picked from the list (the selected scenario's is offered first) or a
    new one typed; Add is offered only for one editing.category_problem accepts, and why not is said under the
    box. ``chosen`` carries the category."""

    chosen = Signal(str)

    def __init__(self, document: Any, scenario_id: str, offered: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        named(self, "newScenarioDialog", "New scenario")
        self.setWindowTitle("New scenario")
        layout = QVBoxLayout(self)
        intro = QLabel(f"The new scenario will be {scenario_id}, with one question and two outcomes to fill in. "
                       "Choose the category officers find it under on the Home screen: one of the pack's, or type a "
                       "new one.")
        intro.setObjectName("newScenarioIntro")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        label = QLabel("&Category")
        label.setObjectName("newScenarioCategoryLabel")
        layout.addWidget(label)
        self.category = combo_box("newScenarioCategory", "Category of the new scenario", cut_rows=True)
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.category.lineEdit().setAccessibleName("Category of the new scenario")
        self.category.lineEdit().setObjectName("newScenarioCategoryText")
        cats = editing.categories(document.tables)
        self.category.addItems(cats)
        self.category.setCurrentIndex(cats.index(offered) if offered in cats else 0 if cats else -1)
        self.category.setAccessibleDescription(
            f"{len(cats)} categories in the pack; the arrow keys go through them, or type a new one.")
        label.setBuddy(self.category)
        layout.addWidget(self.category)
        self.problem = FieldError("newScenarioError")
        layout.addWidget(self.problem)
        self.note = FieldNote("newScenarioNote", "muted")
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.buttons, self.add_button = add_or_cancel(self, "Add scenario", "newScenario")
        self.category.currentTextChanged.connect(self._check)
        # Enter in the box adds (the combo keeps the key from the dialog's default button)
        self.category.lineEdit().returnPressed.connect(self.accept)
        self._check(self.category.currentText())
        self.category.setFocus()
        self.category.lineEdit().selectAll()  # typing writes a new one over the category offered
        fit_dialog(self, 520, 0)
        self.resize(self.width(), layout.totalHeightForWidth(self.width()) + 2 * self.fontMetrics().lineSpacing())

    def _check(self, text: str) -> None:
        problem = editing.category_problem(self.document.tables, text)
        self.add_button.setEnabled(not problem)
        self.problem.show_error(problem if text else "")  # nothing typed yet is no error (spaces are)
        name = text.strip()
        new = not problem and name not in editing.categories(self.document.tables)
        note = f"A new category: “{name}” will be a heading of its own on the Home screen." if new else ""
        self.note.setText(wrappable(note))  # 60 letters with no space widened the dialog by half as they were typed
        self.note.setAccessibleName(note)
        self.note.setVisible(bool(note))
        grow_for_words(self)

    def accept(self) -> None:
        text = self.category.currentText()
        if not self.isVisible() or editing.category_problem(self.document.tables, text):
            return  # Enter with a category that cannot be used: the message under the box says why (or added)
        super().accept()
        self.chosen.emit(text.strip())


def pack_style_examples(ids: Sequence[str], most: int = 3) -> list[str]:
    """A few of ``ids`` to show how the pack writes its ids: for each place a source comes from (what comes before
    the first "-", as CHI, MCC, IL, in the order the pack first has them), the last id of its commonest kind of
    source (what comes before the first digit, as CHI-EO-, MCC-, IL-TRUST-): an executive order's, a code
    section's, a statute section's, not a one-off such as a guide's."""
    kinds: dict[str, dict[str, list[str]]] = {}
    for ident in ids:
        if isinstance(ident, str) and ident:
            kind = re.split(r"[0-9]", ident, maxsplit=1)[0]
            kinds.setdefault(ident.split("-")[0], {}).setdefault(kind, []).append(ident)
    return [max(by_kind.values(), key=len)[-1] for by_kind in kinds.values()][:most]
