"""All scenarios grouped by category: a two-level tree model (category → scenario)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.domain.model import Pack, Scenario

COL_TITLE = 0
COLUMN_COUNT = 1

ScenarioIdRole = Qt.ItemDataRole.UserRole + 1
IsCategoryRole = Qt.ItemDataRole.UserRole + 2
SubflowRole = Qt.ItemDataRole.UserRole + 3

#: The order officers see categories in; categories not listed follow alphabetically.
CATEGORY_ORDER = (
    "Stops and patrol",
    "Warrants and papers",
    "Custody and detainers",
    "Information and records",
    "City and public property",
    "Force, crowds and protests",
    "Other agencies and places",
    "Victims, residents and officer conduct",
)
SUBFLOW_NOTE = "shared step"
_NO_PARENT = 0  # internalId of category rows; scenario rows carry their category row + 1

Index = QModelIndex | QPersistentModelIndex


class ScenarioListModel(QAbstractItemModel):
    """Top level: categories. Children: that category's scenarios in pack order.

    An index's internalId is 0 for category rows, or the row of its category + 1 for scenario rows."""

    def __init__(self, pack: Pack | None = None, parent: object | None = None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[str, list[Scenario]]] = []
        if pack is not None:
            self.set_pack(pack)

    def set_pack(self, pack: Pack | None) -> None:
        self.beginResetModel()
        groups: dict[str, list[Scenario]] = {}
        for scenario in pack.scenarios if pack is not None else ():
            groups.setdefault(scenario.category, []).append(scenario)
        rank = {name: i for i, name in enumerate(CATEGORY_ORDER)}
        ordered = sorted(groups, key=lambda c: (rank.get(c, len(rank)), c))
        self._groups = [(name, groups[name]) for name in ordered]
        self.endResetModel()

    # -- structure ----------------------------------------------------------------------------------
    def index(self, row: int, column: int = 0, parent: Index = QModelIndex()) -> QModelIndex:
        if column != COL_TITLE or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row < len(self._groups):
                return self.createIndex(row, column, _NO_PARENT)
            return QModelIndex()
        if parent.internalId() != _NO_PARENT or parent.column() != COL_TITLE:
            return QModelIndex()
        group = parent.row()
        if group < len(self._groups) and row < len(self._groups[group][1]):
            return self.createIndex(row, column, group + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(int(index.internalId()) - 1, COL_TITLE, _NO_PARENT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != COL_TITLE or parent.internalId() != _NO_PARENT:
            return 0
        return len(self._groups[parent.row()][1])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return COLUMN_COUNT

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _NO_PARENT:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # -- data -----------------------------------------------------------------------------------------
    def scenario_at(self, index: Index) -> Scenario | None:
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return None
        return self._groups[int(index.internalId()) - 1][1][index.row()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == _NO_PARENT:
            name, items = self._groups[index.row()]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return name
            if role == IsCategoryRole:
                return True
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{name}: {len(items)} situation(s)"
            return None
        scenario = self.scenario_at(index)
        assert scenario is not None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{scenario.title}  ·  {SUBFLOW_NOTE}" if scenario.subflow else scenario.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return scenario.title + (f" ({SUBFLOW_NOTE}, also reached from other situations)" if scenario.subflow else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return scenario.summary
        if role == ScenarioIdRole:
            return scenario.scenario_id
        if role == IsCategoryRole:
            return False
        if role == SubflowRole:
            return scenario.subflow
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and section == COL_TITLE and role == Qt.ItemDataRole.DisplayRole:
            return "Situation"
        return None

    def index_of(self, scenario_id: str) -> QModelIndex:
        for group_row, (_name, items) in enumerate(self._groups):
            for row, scenario in enumerate(items):
                if scenario.scenario_id == scenario_id:
                    return self.createIndex(row, COL_TITLE, group_row + 1)
        return QModelIndex()
