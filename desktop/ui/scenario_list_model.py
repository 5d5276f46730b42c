"""All scenarios grouped by category: a two-level tree model (category → scenario)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QStandardItem, QStandardItemModel

from desktop.domain.model import Pack, Scenario
from desktop.ui.lazy_qt import ACCESSIBLE_TEXT_ROLE, USER_ROLE
from desktop.ui.widgets import plain_tip

COL_TITLE = 0
COLUMN_COUNT = 1

ScenarioIdRole = USER_ROLE + 1
IsCategoryRole = USER_ROLE + 2
SubflowRole = USER_ROLE + 3

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


def _item(text: str, accessible: str, tool_tip: str, selectable: bool) -> QStandardItem:
    item = QStandardItem(text)
    item.setData(accessible, ACCESSIBLE_TEXT_ROLE)
    item.setToolTip(plain_tip(tool_tip))
    item.setEditable(False)
    item.setDragEnabled(False)
    item.setDropEnabled(False)
    item.setSelectable(selectable)
    return item


class ScenarioListModel(QStandardItemModel):
    """Top level: categories (enabled, not selectable). Children: that category's scenarios in pack order.

    Every row is a QStandardItem, so a view reads text, roles and flags in C++: no Python call per row
    painted, and none that hands a Qt enum to Python (a ``flags()`` override would build PySide's whole
    Qt namespace before the first frame, see desktop/ui/lazy_qt.py). ``set_pack`` clears the model and
    adds every category, scenarios included, in one ``rowsInserted``."""

    def __init__(self, pack: Pack | None = None, parent: object | None = None, mark_shared: bool = True) -> None:
        super().__init__(parent)
        # Trainers picking a class's scenarios see which ones are shared steps ("Add all" leaves them out);
        # officers on Home do not: a shared step's title says what it is, and "shared step" is our word.
        self._mark_shared = mark_shared
        self._places: dict[str, tuple[int, int]] = {}  # scenario id → (category row, row)
        if pack is not None:
            self.set_pack(pack)

    def set_pack(self, pack: Pack | None) -> None:
        groups: dict[str, list[Scenario]] = {}
        for scenario in pack.scenarios if pack is not None else ():
            groups.setdefault(scenario.category, []).append(scenario)
        rank = {name: i for i, name in enumerate(CATEGORY_ORDER)}
        ordered = sorted(groups, key=lambda c: (rank.get(c, len(rank)), c))
        self._places = {}
        categories: list[QStandardItem] = []
        for group_row, name in enumerate(ordered):
            items = groups[name]
            category = _item(name, name, f"{name}: {len(items)} situation(s)", selectable=False)
            category.setData(True, IsCategoryRole)
            rows = []
            for row, scenario in enumerate(items):
                sid = scenario.scenario_id
                marked = scenario.subflow and self._mark_shared
                shown = f"{scenario.title}  ·  {SUBFLOW_NOTE}" if marked else scenario.title
                spoken = scenario.title + (f" ({SUBFLOW_NOTE}, also reached from other situations)" if marked else "")
                item = _item(shown, spoken, scenario.summary, selectable=True)
                item.setData(sid, ScenarioIdRole)
                item.setData(False, IsCategoryRole)
                item.setData(scenario.subflow, SubflowRole)
                rows.append(item)
                self._places.setdefault(sid, (group_row, row))
            category.appendRows(rows)
            categories.append(category)
        self.clear()
        self.setHorizontalHeaderLabels(["Situation"])  # the one column, before any row is added
        if categories:
            self.invisibleRootItem().appendRows(categories)

    def index_of(self, scenario_id: str) -> QModelIndex:
        place = self._places.get(scenario_id)
        if place is None:
            return QModelIndex()
        return self.index(place[1], COL_TITLE, self.index(place[0], COL_TITLE))
