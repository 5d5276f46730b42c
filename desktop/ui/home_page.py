"""Home: big buttons for the commonest situations (one tap starts the wizard) and every situation
grouped by category."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from desktop.domain.model import Pack
from desktop.ui.scenario_list_model import ScenarioIdRole, ScenarioListModel
from desktop.ui.scenario_tree import ScenarioTree
from desktop.ui.widgets import Heading, VScrollArea, WrapButton, WrapLabel, chain_tab_order, clear_layout, named

MAX_HOME_BUTTONS = 8
HOME_COLUMNS = 2


class HomePage(QWidget):
    scenario_started = Signal(str)

    def __init__(self, pack: Pack | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "homePage", "Home")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(20, 14, 20, 16)
        outer.setSpacing(24)

        # left: the common situations, big (built first so Tab reaches them before the list)
        left = QWidget()
        left.setObjectName("homeCommon")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(12)
        left_layout.addWidget(Heading("What is happening?", object_name="homeHeading"))
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        left_layout.addLayout(self.grid)
        self.empty_label = WrapLabel("", role="muted", object_name="homeEmpty")
        left_layout.addWidget(self.empty_label)
        left_layout.addStretch(1)
        self.common_area = VScrollArea(left, "homeCommonScroll")
        outer.addWidget(self.common_area, 3)
        self.buttons: list[WrapButton] = []
        self._make_buttons(pack)

        # right: every situation by category
        right = QWidget()
        right.setObjectName("homeAll")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(8)
        right_layout.addWidget(Heading("All situations", object_name="allHeading"))
        self.model = ScenarioListModel(parent=self, mark_shared=False)
        self.tree = ScenarioTree(self.model, "scenarioList", "All situations by category")
        self.tree.header().setObjectName("scenarioListHeader")
        self.tree.header().setAccessibleName("All situations, column header")
        self.tree.clicked.connect(self._start_index)
        self.tree.activated.connect(self._start_index)
        right_layout.addWidget(self.tree, 1)
        outer.addWidget(right, 2)
        self.model.set_pack(pack)

    def set_pack(self, pack: Pack | None) -> None:
        self._make_buttons(pack)
        self.model.set_pack(pack)
        chain_tab_order([*self.buttons, self.tree])

    def _make_buttons(self, pack: Pack | None) -> None:
        clear_layout(self.grid)
        self.buttons = []
        featured = pack.home_scenarios[:MAX_HOME_BUTTONS] if pack is not None else ()
        for i, scenario in enumerate(featured):
            label = scenario.home_label or scenario.title
            button = WrapButton(label, "homeScenarioButton", kind="home", accessible_name=f"Start: {label}")
            button.setAccessibleDescription(scenario.summary)
            button.setToolTip(scenario.title)
            button.setProperty("scenario_id", scenario.scenario_id)
            button.clicked.connect(lambda _checked=False, sid=scenario.scenario_id: self.scenario_started.emit(sid))
            self.grid.addWidget(button, i // HOME_COLUMNS, i % HOME_COLUMNS)
            self.buttons.append(button)
        for column in range(HOME_COLUMNS):
            self.grid.setColumnStretch(column, 1)
        if pack is None:
            self.empty_label.setText("No data pack is loaded, so there are no situations to show.")
        elif not featured:
            self.empty_label.setText("Pick a situation from the list, or search for it.")
        else:
            self.empty_label.setText("")
        self.empty_label.setVisible(bool(self.empty_label.text()))

    def first_focus(self) -> QWidget:
        return self.buttons[0] if self.buttons else self.tree

    def _start_index(self, index: QModelIndex) -> None:
        scenario_id = index.data(ScenarioIdRole)
        if scenario_id:
            self.scenario_started.emit(str(scenario_id))
