"""Home: big buttons for the commonest situations (one tap starts the wizard) and every situation
grouped by category."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from desktop.domain.model import Pack
from desktop.ui.scenario_list_model import ScenarioIdRole, ScenarioListModel
from desktop.ui.scenario_tree import ScenarioTree
from desktop.ui.widgets import (
    MEASURE_EVENTS,
    Heading,
    RowOpener,
    VScrollArea,
    WrapButton,
    WrapLabel,
    chain_tab_order,
    clear_layout,
    named,
    plain_tip,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

MAX_HOME_BUTTONS = 8
HOME_COLUMNS = 2
#: The buttons' share of the page's width beside the list's (ALL_SHARE), by their number of columns. In one
#: column (the larger text on an 800-pixel screen) they need half the room of two, and at 3 : 2 the list beside
#: them was 294 px wide: at the largest text a situation's title took up to eight lines, two in sight.
COMMON_SHARE = {1: 2, 2: 3}
ALL_SHARE = 2


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
        self.columns = HOME_COLUMNS
        self._common = left
        left.installEventFilter(self)  # its width is the scroll area's: the columns follow it
        self.empty_label = WrapLabel("", role="muted", object_name="homeEmpty")
        left_layout.addWidget(self.empty_label)
        left_layout.addStretch(1)
        self.common_area = VScrollArea(left, "homeCommonScroll")
        self.common_area.keeps_place = True  # a new text size, theme or width keeps the button read at the top
        outer.addWidget(self.common_area, COMMON_SHARE[HOME_COLUMNS])
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
        RowOpener(self.tree)
        right_layout.addWidget(self.tree, 1)
        outer.addWidget(right, ALL_SHARE)
        self._outer = outer
        self._all = right
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
            button.setToolTip(plain_tip(scenario.title))
            button.setProperty("scenario_id", scenario.scenario_id)
            button.clicked.connect(lambda _checked=False, sid=scenario.scenario_id: self.scenario_started.emit(sid))
            self.grid.addWidget(button, i // self.columns, i % self.columns)
            self.buttons.append(button)
        self._arrange_buttons()
        if pack is None:
            self.empty_label.setText("No data pack is loaded, so there are no situations to show.")
        elif not featured:
            self.empty_label.setText("Pick a situation from the list, or search for it.")
        else:
            self.empty_label.setText("")
        self.empty_label.setVisible(bool(self.empty_label.text()))

    def _arrange_buttons(self) -> None:
        """Two columns of buttons where each button has room for its longest word on a line, else one: at
        the larger text sizes on an 800-pixel screen a column was too narrow for "information", which
        Qt broke in two ("informat" over "ion")."""
        if not self._common.isVisible():  # measured when shown: its fonts and width are known then
            return
        columns = HOME_COLUMNS
        if self.buttons:
            # the width the buttons would have in two columns, whatever share they have now
            shared = self.common_area.width() + self._all.width()
            share = COMMON_SHARE[HOME_COLUMNS] / (COMMON_SHARE[HOME_COLUMNS] + ALL_SHARE)
            width = round(shared * share) - (self.common_area.width() - self._common.width())
            room = width - self.grid.horizontalSpacing() * (HOME_COLUMNS - 1)
            if max(button.whole_words_width() for button in self.buttons) * HOME_COLUMNS > room:
                columns = 1
        for column in range(HOME_COLUMNS):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        if columns == self.columns:
            return
        self.columns = columns
        self._outer.setStretch(0, COMMON_SHARE[columns])
        for button in self.buttons:
            self.grid.removeWidget(button)
        for i, button in enumerate(self.buttons):
            self.grid.addWidget(button, i // columns, i % columns)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self._common and event.type() == QEvent.Type.Resize:
            self._arrange_buttons()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() in MEASURE_EVENTS:  # a new text size: the words are wider or narrower
            self._arrange_buttons()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self._arrange_buttons()  # the text size may have changed while another page was shown

    def first_focus(self) -> QWidget:
        return self.buttons[0] if self.buttons else self.tree

    def _start_index(self, index: QModelIndex) -> None:
        scenario_id = index.data(ScenarioIdRole)
        if scenario_id:
            self.scenario_started.emit(str(scenario_id))
