"""The editor's outline: Pack details, the provisions, the scenarios and each scenario's nodes, the
glossary and the search synonyms.

Rows are positions in the working tables (records carry no identity but their ids, which can be edited),
so an item's *focus* path is how the rest of the editor names it: ("meta",), ("provisions", "3"),
("scenarios", "2"), ("scenarios", "2", "nodes", 4), ("glossary", "5"), ("synonyms", "1")."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.domain import editing
from desktop.domain.codec import Tables
from desktop.domain.model import VERDICT_LABELS
from desktop.domain.validation import ERROR, Problem
from desktop.ui.editor.problems import DAY_ERROR
from desktop.ui.widgets import plain_tip

FocusRole = Qt.ItemDataRole.UserRole + 1
ProblemCountRole = Qt.ItemDataRole.UserRole + 2
KindRole = Qt.ItemDataRole.UserRole + 3

ROW_META, ROW_PROVISIONS, ROW_SCENARIOS, ROW_GLOSSARY, ROW_SYNONYMS = 0, 1, 2, 3, 4
_GROUP_TITLES = {ROW_META: "Pack details", ROW_PROVISIONS: "Provisions", ROW_SCENARIOS: "Scenarios",
                 ROW_GLOSSARY: "Glossary", ROW_SYNONYMS: "Search synonyms"}
#: the tables of records, by their group's row (each record's internalId is the row + 1)
_GROUP_TABLES = {ROW_PROVISIONS: "provisions", ROW_SCENARIOS: "scenarios", ROW_GLOSSARY: "glossary",
                 ROW_SYNONYMS: "synonyms"}
_TABLE_ROWS = {table: row for row, table in _GROUP_TABLES.items()}
# internalId of an index = which parent it hangs under
_TOP, _NODE_BASE = 0, 1000
_UNDER_SCENARIOS = ROW_SCENARIOS + 1
MAX_TEXT = 90
#: the form that edits a record of each table
RECORD_FORMS = {"provisions": "provision", "scenarios": "scenario", "glossary": "term", "synonyms": "synonym"}


def _whole(text: Any) -> str:
    return " ".join(str(text or "").split())


def _short(text: Any) -> str:
    text = _whole(text)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


class PackTreeModel(QAbstractItemModel):
    """A read-only outline over the working tables. Call :meth:`refresh` after every change."""

    def __init__(self, tables: Tables, parent: Any = None) -> None:
        super().__init__(parent)
        self._tables = tables
        self._shape = self._compute_shape(tables)
        self._problem_counts: dict[tuple[Any, ...], int] = {}
        self._problem_colour = QColor(DAY_ERROR)  # the theme's, from the window (set_problem_colour)

    def set_problem_colour(self, colour: QColor) -> None:
        """The colour of a row with problems: the theme's, as the problems list's errors."""
        if QColor(colour) != self._problem_colour:
            self._problem_colour = QColor(colour)
            self._all_data_changed()

    # -- keeping up with the document --------------------------------------------------------------------

    @staticmethod
    def _compute_shape(tables: Tables) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The number of records in each group (by row), and of nodes in each scenario."""
        scenarios = editing.records(tables, "scenarios")
        counts = tuple(len(editing.records(tables, _GROUP_TABLES[row])) if row in _GROUP_TABLES else 0
                       for row in range(len(_GROUP_TITLES)))
        return counts, tuple(len(editing.nodes_of(tables, key)) for key, _ in scenarios)

    def refresh(self, tables: Tables, touched: Iterable[tuple[Any, ...]] | None = None) -> bool:
        """Show ``tables``. ``touched``: the records/nodes whose text may have changed (None: any).
        Returns True when rows were added or removed (a model reset)."""
        shape = self._compute_shape(tables)
        if shape != self._shape or tables is not self._tables:
            self.beginResetModel()
            self._tables = tables
            self._shape = shape
            self.endResetModel()
            return True
        if touched is None:
            self._all_data_changed()
        else:
            self._rows_changed(touched)
        return False

    def set_problems(self, problems: Iterable[Problem]) -> None:
        """Mark records and nodes that have errors (a ✖ in front, and a tooltip count)."""
        counts: dict[tuple[Any, ...], int] = {}
        for p in problems:
            if p.severity != ERROR:
                continue
            where = editing.locate(self._tables, p.table, p.record, p.field)
            if where.focus is None:
                continue
            counts[where.focus] = counts.get(where.focus, 0) + 1
            if len(where.focus) == 4:
                record = where.focus[:2]
                counts[record] = counts.get(record, 0) + 1
        if counts != self._problem_counts:
            changed = {f for f in set(counts) | set(self._problem_counts)
                       if counts.get(f) != self._problem_counts.get(f)}
            self._problem_counts = counts
            self._rows_changed(changed)

    def _rows_changed(self, focuses: Iterable[tuple[Any, ...]]) -> None:
        """dataChanged for just these rows (and the group rows, whose counts may show)."""
        for focus in focuses:
            index = self.index_of(tuple(focus))
            if index.isValid():
                self.dataChanged.emit(index, index)

    def _all_data_changed(self) -> None:
        counts, nodes = self._shape
        top = self.index(0, 0)
        self.dataChanged.emit(top, self.index(len(_GROUP_TITLES) - 1, 0))
        for group, count in enumerate(counts):
            if count:
                parent = self.index(group, 0)
                self.dataChanged.emit(self.index(0, 0, parent), self.index(count - 1, 0, parent))
        scenarios_parent = self.index(ROW_SCENARIOS, 0)
        for row, count in enumerate(nodes):
            if count:
                parent = self.index(row, 0, scenarios_parent)
                self.dataChanged.emit(self.index(0, 0, parent), self.index(count - 1, 0, parent))

    # -- focus paths <-> indexes ----------------------------------------------------------------------------

    def focus_of(self, index: QModelIndex | QPersistentModelIndex) -> tuple[Any, ...] | None:
        if not index.isValid():
            return None
        parent_id = index.internalId()
        row = index.row()
        if parent_id == _TOP:
            return (_GROUP_TABLES.get(row, "meta"),)
        if parent_id - 1 in _GROUP_TABLES:
            return (_GROUP_TABLES[parent_id - 1], editing.record_key(row))
        return ("scenarios", editing.record_key(parent_id - _NODE_BASE), "nodes", row)

    def index_of(self, focus: tuple[Any, ...] | None) -> QModelIndex:
        if not focus:
            return QModelIndex()
        if focus == ("meta",):
            return self.index(ROW_META, 0)
        if len(focus) == 1 and focus[0] in _TABLE_ROWS:
            return self.index(_TABLE_ROWS[focus[0]], 0)
        if len(focus) >= 2 and focus[0] in _TABLE_ROWS and str(focus[1]).isdigit():
            group = _TABLE_ROWS[focus[0]]
            record = self.index(editing.record_index(str(focus[1])), 0, self.index(group, 0))
            if len(focus) >= 4 and focus[0] == "scenarios" and isinstance(focus[3], int) and record.isValid():
                return self.index(focus[3], 0, record)
            return record
        return QModelIndex()

    # -- QAbstractItemModel ---------------------------------------------------------------------------------

    def index(self, row: int, column: int,
              parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0 or not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        parent_id = parent.internalId()
        if parent_id == _TOP:
            if parent.row() in _GROUP_TABLES:
                return self.createIndex(row, column, parent.row() + 1)
            return QModelIndex()
        if parent_id == _UNDER_SCENARIOS:
            return self.createIndex(row, column, _NODE_BASE + parent.row())
        return QModelIndex()

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent_id = index.internalId()
        if parent_id == _TOP:
            return QModelIndex()
        if parent_id - 1 in _GROUP_TABLES:
            return self.createIndex(parent_id - 1, 0, _TOP)
        return self.createIndex(parent_id - _NODE_BASE, 0, _UNDER_SCENARIOS)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        counts, nodes = self._shape
        if not parent.isValid():
            return len(_GROUP_TITLES)
        if parent.column() != 0:
            return 0
        parent_id = parent.internalId()
        if parent_id == _TOP:
            return counts[parent.row()] if 0 <= parent.row() < len(counts) else 0
        if parent_id == _UNDER_SCENARIOS and 0 <= parent.row() < len(nodes):
            return nodes[parent.row()]
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 1

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and section == 0 and role == Qt.ItemDataRole.DisplayRole:
            return "Contents"
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        focus = self.focus_of(index)
        if focus is None:
            return None
        if role == FocusRole:
            return focus
        if role == KindRole:
            return self._kind(focus)
        count = self._problem_counts.get(focus, 0)
        if role == ProblemCountRole:
            return count
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._text(focus)
            if count:
                text = ("✖ " if role == Qt.ItemDataRole.DisplayRole else "Has problems: ") + text
            return text
        if role == Qt.ItemDataRole.ToolTipRole:  # every word, the glossary's definitions too
            text = self._text(focus, _whole)
            if count:
                text += f"\n{count} problem{'s' if count != 1 else ''}: see the Problems panel"
            return plain_tip(text)
        if role == Qt.ItemDataRole.ForegroundRole and count:
            return QBrush(self._problem_colour)
        if role == Qt.ItemDataRole.FontRole and len(focus) == 1:
            font = QFont()
            font.setBold(True)
            return font
        return None

    @staticmethod
    def _kind(focus: tuple[Any, ...]) -> str:
        if len(focus) == 1:
            return "group" if focus[0] != "meta" else "meta"
        if len(focus) == 2:
            return RECORD_FORMS[focus[0]]
        return "node"

    def _text(self, focus: tuple[Any, ...], short: Callable[[Any], str] = _short) -> str:
        """The row's words: ids, whole titles and a node's whole question or headline (the outline wraps
        them); a glossary term's definition and a synonym's words cut to ``short`` (the tooltip gives them
        whole)."""
        t = self._tables
        if len(focus) == 1:
            if focus[0] == "meta":
                return _GROUP_TITLES[ROW_META]
            return f"{_GROUP_TITLES[_TABLE_ROWS[focus[0]]]} ({len(editing.records(t, focus[0]))})"
        doc = editing.get(t, focus, {})
        if not isinstance(doc, dict):
            return "(not a valid record)"
        if len(focus) == 2 and focus[0] == "provisions":
            return f"{doc.get('provision_id', '?')} — {_whole(doc.get('title'))}"
        if len(focus) == 2 and focus[0] == "scenarios":
            return f"{doc.get('scenario_id', '?')} — {_whole(doc.get('title'))}"
        if len(focus) == 2 and focus[0] == "glossary":
            return f"{doc.get('term', '?')} — {short(doc.get('definition'))}"
        if len(focus) == 2:
            words = doc.get("expansions")
            return f"{doc.get('term', '?')} → {short(', '.join(map(str, words)) if isinstance(words, list) else '')}"
        node_id = doc.get("node_id", "?")
        if doc.get("type") == "question":
            return f"{node_id}  ? {_whole(doc.get('prompt'))}"
        verdict = VERDICT_LABELS.get(str(doc.get("verdict")), str(doc.get("verdict", "?")).upper())
        return f"{node_id}  {verdict}: {_whole(doc.get('headline'))}"
