"""The live problems panel: every finding of the one validator, in supervisor words; activating a row
takes the editor to the record (and node) it names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Property, QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import editing
from desktop.domain.codec import Tables
from desktop.domain.validation import ERROR, Problem
from desktop.ui.editor.fields import small_button
from desktop.ui.themes import contrast_ratio
from desktop.ui.widgets import WrapLabel, named, plain_tip

ProblemRole = Qt.ItemDataRole.UserRole + 1
SeverityRole = Qt.ItemDataRole.UserRole + 2

ERROR_GLYPH, WARNING_GLYPH = "✖", "⚠"
_PART = re.compile(r"([A-Za-z_]+)(?:\[([^\]]*)\])?")
_FIELD_WORDS = {
    "next": "leads to",
    "next_scenario": "sub-flow",
    "enter_at": "enters at",
    "start": "first question (start)",
    "safety_critical": "safety-critical",
    "do_not": "do not",
    "cite_as": "cite as",
    "provision_id": "id",
    "scenario_id": "id",
    "node_id": "id",
    "text_is_verbatim": "text is verbatim",
    "status_notes": "status notes",
    "as_of": "as of",
    "reviewed_on": "reviewed on",
    "expires_after_days": "expires after days",
    "data_version": "data version",
    "schema_version": "schema version",
}


def _node_word(tables: Tables, scenario_key: str | None, node_id: str) -> str:
    if scenario_key is not None:
        index = editing.find_node(tables, scenario_key, node_id)
        if index is not None:
            kind = editing.nodes_of(tables, scenario_key)[index].get("type")
            if kind in ("question", "outcome"):
                return f"{kind} {node_id}"
    return f"node {node_id}"


def describe_field(tables: Tables, table: str, record: str, fld: str) -> list[str]:
    """'nodes[Q3].choices[yes].next' → ['question Q3', 'answer “yes”', 'leads to']."""
    scenario_key = editing.find_record(tables, "scenarios", record) if table == "scenarios" and record else None
    words: list[str] = []
    for name, sub in _PART.findall(fld):
        if name == "nodes" and sub:
            words.append(_node_word(tables, scenario_key, sub))
        elif name == "choices" and sub:
            words.append(f"answer “{sub}”")
        elif name == "cites" and sub:
            words.append(f"citation {int(sub) + 1}" if sub.isdigit() else f"citation {sub}")
        elif name == "home":
            words.append("Home button")
        else:
            word = _FIELD_WORDS.get(name, name.replace("_", " "))
            words.append(f"{word} {int(sub) + 1}" if sub.isdigit() else word)
    return words


def describe(problem: Problem, tables: Tables) -> str:
    """'Scenario S06 › question Q3 › answer “yes” › leads to: leads to node 'Q9', which does not exist'."""
    where: list[str] = []
    if problem.table == "provisions":
        where.append(f"Provision {problem.record}" if problem.record else "Provisions")
    elif problem.table == "scenarios":
        where.append(f"Scenario {problem.record}" if problem.record else "Scenarios")
    elif problem.table == "meta":
        where.append("Pack details")
    elif problem.table:
        where.append(problem.table.capitalize() + (f" {problem.record}" if problem.record else ""))
    else:
        where.append("The whole file")
    where += describe_field(tables, problem.table, problem.record, problem.field)
    return f"{' › '.join(where)}: {problem.message}"


#: the summary while the draft is checked (at the start, and after a change to a draft that could be published)
CHECKING = "Checking…"

class ProblemsModel(QAbstractListModel):
    """One row per problem, errors first. ``ProblemRole`` gives the Problem itself."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._problems: list[Problem] = []
        self._texts: list[str] = []
        #: the words' colours for an error and a warning: the theme's (ProblemsPanel's qproperty-errorColour…)
        self.colours = {ERROR: QColor(DAY_ERROR), "warning": QColor(DAY_WARNING)}

    def set_colours(self, error: QColor, warning: QColor) -> None:
        self.colours = {ERROR: QColor(error), "warning": QColor(warning)}
        if self._problems:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._problems) - 1, 0),
                                  [Qt.ItemDataRole.ForegroundRole])

    def set_problems(self, problems: Sequence[Problem], tables: Tables) -> None:
        self.beginResetModel()
        self._problems = sorted(problems, key=lambda p: 0 if p.severity == ERROR else 1)
        self._texts = [describe(p, tables) for p in self._problems]
        self.endResetModel()

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def texts(self) -> list[str]:
        return list(self._texts)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._problems)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._problems):
            return None
        problem = self._problems[index.row()]
        is_error = problem.severity == ERROR
        if role == Qt.ItemDataRole.DisplayRole:
            glyph = ERROR_GLYPH if is_error else WARNING_GLYPH
            return f"{glyph}  {self._texts[index.row()]}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{'Error' if is_error else 'Warning'}: {self._texts[index.row()]}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(self._texts[index.row()] + "\n(Enter or click: go there)")
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(self.colours[ERROR if is_error else "warning"])
        if role == ProblemRole:
            return problem
        if role == SeverityRole:
            return problem.severity
        return None


class KeepColourDelegate(QStyledItemDelegate):
    """Draws the selected problem on the lists' light-blue selection background in its own error or warning
    colour: under the style sheet the selected row turned the same dark grey as any text, on a background
    hardly different from the others."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        if not option.state & QStyle.StateFlag.State_Selected:
            super().paint(painter, option, index)
            return
        # the style sheet's selection-background-color, as the list's palette carries it (editor.qss keeps it)
        highlight = option.palette.color(QPalette.ColorRole.Highlight)
        painter.fillRect(option.rect, highlight)
        ink = index.data(Qt.ItemDataRole.ForegroundRole)
        if isinstance(ink, QBrush) and contrast_ratio(ink.color(), highlight) < 3:
            # its colour would not show on this selection (high contrast's yellow error on its yellow selection):
            # the selection's own text colour, as every selected row
            super().paint(painter, option, index)
            return
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, plain, index)


#: the problems' colours until the style sheet gives the theme's (editor-day.qss's)
DAY_ERROR, DAY_WARNING = "#8f1d16", "#6b4a00"

#: the fold button's words: the list shown, folded
HIDE_LIST, SHOW_LIST = "Hide list", "Show list"
#: what a screen reader hears for it, which says what a press does as its words do
HIDE_LIST_SPOKEN, SHOW_LIST_SPOKEN = "Hide the problems list", "Show the problems list"

#: Qt's QWIDGETSIZE_MAX: no maximum height
NO_MAXIMUM = 16_777_215


class ProblemsPanel(QWidget):
    """A summary line and the list of problems. ``problem_activated`` carries the Problem.

    The panel keeps the height the supervisor gave it (``chosen_height``) while its problems need it, and
    takes only what they need when they need less (``fit_to``): with no problems it is the summary line
    alone, and the forms and the map get the rest of the height."""

    problem_activated = Signal(object)
    list_toggled = Signal(bool)  # the fold button was pressed: True to show the list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "problemsPanel", "Problems")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        # wrapped: at the largest text the structure problem's summary is wider than a 1024-pixel screen, and a
        # one-line label made the whole window that wide
        self.summary = named(WrapLabel(CHECKING, "panelTitle"), "problemsSummary", "Problems summary")
        # the list folds away, the summary line stays: at the largest text on a 1024 × 600 screen the list
        # showed a problem and a half and left the form 350 px; folded, F8 still goes from problem to problem
        self.toggle = small_button(HIDE_LIST, "problemsToggle", HIDE_LIST_SPOKEN,
                                   "Fold the list away for the form's room (F8 still goes to the next problem), "
                                   "or show it again")
        self.toggle.clicked.connect(lambda: self.list_toggled.emit(not self.list_wanted))
        self.toggle.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(8)
        top.addWidget(self.summary, 1)
        top.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.model = ProblemsModel(self)
        self.view = named(QListView(), "problemsList", "Problems list",
                          "Every problem the checker found. Press Enter on one to go to it.")
        self.view.setModel(self.model)
        self.view.setItemDelegate(KeepColourDelegate(self.view))
        self.view.setWordWrap(True)
        # the rows wrap at the list's width: at a large text a row a few pixels wider (a long word at a line's end)
        # put a sideways scroll bar over the second problem
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setUniformItemSizes(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.clicked.connect(self._activate)
        self.view.activated.connect(self._activate)
        self.summary.setBuddy(self.view)
        layout.addWidget(self.view, 1)
        self.least_height = 90
        self.setMinimumHeight(self.least_height)
        #: the height the supervisor gave the panel (the splitter's share), which it takes when its problems
        #: need it
        self.chosen_height = 130
        #: True while the panel is held to the height its few problems need (less than ``chosen_height``)
        self.fitted = False
        self.report_shown = False
        #: False while the supervisor has folded the list away (for this window only)
        self.list_wanted = True

    def _error_colour(self) -> QColor:
        return self.model.colours[ERROR]

    def _set_error_colour(self, colour: QColor) -> None:
        self.model.set_colours(colour, self.model.colours["warning"])

    def _warning_colour(self) -> QColor:
        return self.model.colours["warning"]

    def _set_warning_colour(self, colour: QColor) -> None:
        self.model.set_colours(self.model.colours[ERROR], colour)

    #: the theme's colours for errors and warnings (editor-THEME.qss: qproperty-errorColour, …): the dark red
    #: of the day theme could not be read on the night theme's dark grey
    errorColour = Property(QColor, _error_colour, _set_error_colour)  # noqa: N815
    warningColour = Property(QColor, _warning_colour, _set_warning_colour)  # noqa: N815

    def show_report(self, problems: Sequence[Problem], tables: Tables, pack_built: bool) -> None:
        self.model.set_problems(problems, tables)
        self._show_list()  # none: the summary line says so, alone
        self.report_shown = True
        errors = sum(1 for p in problems if p.severity == ERROR)
        warnings = len(problems) - errors
        if errors:
            text = f"✖ {errors} problem{'s' if errors != 1 else ''} to fix before publishing"
            if warnings:
                text += f", and {warnings} warning{'s' if warnings != 1 else ''}"
            if not pack_built:
                text += " (the file's structure must be fixed first; further checks run after that)"
            state = "error"
        elif warnings:
            text = f"⚠ No problems; {warnings} warning{'s' if warnings != 1 else ''} (publishing is allowed)"
            state = "warning"
        else:
            text = "✔ No problems: ready to publish"
            state = "ok"
        self.summary.setText(text)
        self._keep_summary_whole()
        self.summary.setProperty("state", state)
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)

    def show_checking(self) -> None:
        """The draft changed since the summary was written: a summary that said it could be published says it is
        being checked again, until the next report. After marking a provision rescinded it still said "✔ No
        problems: ready to publish" (for the debounce and the check, 0.3 s and more on a big pack) while the
        answers citing it were about to be refused. A count of problems stays: it is not a promise."""
        if self.summary.property("state") not in ("ok", "warning"):
            return
        self.summary.setText(CHECKING)
        self._keep_summary_whole()
        self.summary.setProperty("state", "")
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)

    def show_list(self, shown: bool) -> None:
        """Show the list of problems, or fold it away leaving the summary line (``list_wanted``)."""
        self.list_wanted = shown
        self._show_list()

    def _show_list(self) -> None:
        has_problems = self.model.rowCount() > 0
        self.view.setVisible(has_problems and self.list_wanted)
        self.toggle.setVisible(has_problems)
        self.toggle.setText(HIDE_LIST if self.list_wanted else SHOW_LIST)
        self.toggle.setAccessibleName(HIDE_LIST_SPOKEN if self.list_wanted else SHOW_LIST_SPOKEN)
        self._keep_summary_whole()

    def _summary_width(self) -> int:
        """The summary line's width in the panel, beside the fold button when it shows."""
        margins = self.layout().contentsMargins()
        width = self.width() - margins.left() - margins.right()
        if not self.toggle.isHidden():
            width -= self.toggle.sizeHint().width() + 8
        return max(1, width)

    def needed_height(self, most: int) -> int:
        """The height that shows the summary line and every problem whole, or ``most`` where that is less."""
        layout = self.layout()
        margins = layout.contentsMargins()
        top = self.summary.heightForWidth(self._summary_width())
        if not self.toggle.isHidden():
            top = max(top, self.toggle.sizeHint().height())
        height = margins.top() + margins.bottom() + top
        rows = self.model.rowCount() if not self.view.isHidden() else 0
        if rows:
            layout.activate()  # the list's width, which its rows wrap at
            self.view.doItemsLayout()
            height += layout.spacing() + 2 * self.view.frameWidth()
            for row in range(rows):
                height += self.view.visualRect(self.model.index(row, 0)).height()
                if height >= most:
                    return most
        return min(height, most)

    def fit_to(self, height: int | None) -> None:
        """Hold the panel to ``height`` (what its problems need), or None: let it take the height it is given."""
        self.fitted = height is not None
        if height is None:
            self.setMinimumHeight(self.least_height)
            self.setMaximumHeight(NO_MAXIMUM)
        else:
            self.setMinimumHeight(min(self.least_height, height))
            self.setMaximumHeight(height)

    def _keep_summary_whole(self) -> None:
        """The summary's lines all show at the panel's width: the list, not the summary, gives up height."""
        self.summary.setMinimumHeight(self.summary.heightForWidth(self._summary_width()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._keep_summary_whole()
        if not self.fitted:  # a height given by the splitter: the supervisor's (or the one restored)
            self.chosen_height = self.height()

    def _activate(self, index: QModelIndex) -> None:
        problem = index.data(ProblemRole)
        if problem is not None:
            self.problem_activated.emit(problem)
