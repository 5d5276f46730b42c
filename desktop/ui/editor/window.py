"""The supervisor editor window: outline, form, logic map and live problems over one data pack.

Left: the outline (pack details, provisions, scenarios and their nodes) with a filter. Middle: the form
for the selected record. Right: the logic map of the selected scenario (folded to a button at the right edge
with no scenario selected, or no room for it). Bottom: every problem the one
validator finds, re-checked 300 ms after each edit. Save writes a draft (problems allowed); Publish…
needs zero problems, shows what the draft changes against the data in use, and signs the result."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, paths
from desktop.domain import editing
from desktop.domain.validation import Problem
from desktop.storage.library import PackLibrary
from desktop.storage.pack_file import MAX_PACK_BYTES, PackError, read_limited
from desktop.storage.publish import (
    PublishMoved,
    earlier_ids,
    highest_machine_version,
    next_data_version,
    publish,
    published_version,
    read_tables,
    source_as_of,
    untrusted_key_note,
)
from desktop.storage.signing import KeyFileError, by_key, signature_path, signed_bytes, stale_signature
from desktop.ui.dialog_memory import open_file_name, save_file_name
from desktop.ui.editor.document import REDONE, UNDONE, EditorDocument, is_protected
from desktop.ui.editor.fields import ListEditor, NewIdDialog, NewScenarioDialog, line_edit
from desktop.ui.editor.forms import (
    EmptyForm,
    MetaForm,
    OutcomeForm,
    ProvisionForm,
    QuestionForm,
    RecordForm,
    ScenarioForm,
    SynonymForm,
    TermForm,
)
from desktop.ui.editor.logic_map import FoldedContentsButton, FoldedMapButton, LogicMapPanel
from desktop.ui.editor.problems import ProblemsPanel, describe
from desktop.ui.editor.publish_dialog import PublishDialog, compare_with_data_in_use
from desktop.ui.editor.report_note import ReportNote
from desktop.ui.editor.tree_model import RECORD_FORMS, FocusRole, PackTreeModel
from desktop.ui.settings import (
    DEFAULT_TEXT_STEP,
    DEFAULT_THEME,
    TEXT_STEP_MAX,
    TEXT_STEP_MIN,
    THEMES,
    Settings,
    clamp_text_step,
)
from desktop.ui.themes import THEME_LABELS, Themes
from desktop.ui.update_dialog import as_seen
from desktop.ui.widgets import ask, fit_to_screen, least_width, named, plain_tip

TITLE = f"{APP_NAME} — data editor"
DEFAULT_SIZE = (1280, 800)
#: the forms' and the map's row keeps at least this much (or half the height) when the editor opens with a
#: problems list made taller on a bigger screen
MIN_WORK_HEIGHT = 300
MAP_REDRAW_MS = 150
DEFAULT_COLUMNS = (290, 480, 510)  # the contents', the form's and the map's widths at first
#: what a status bar keeps beside its message (its margins and the gap to a label beside it), in pixels
STATUS_MESSAGE_MARGIN = 24
#: how long a status message stays (an error a little longer), unless a later action replaces or ends it first
MESSAGE_MS, ERROR_MS = 8000, 10000
#: the columns' least widths: the form's grows to what its form needs (at a large text size), the contents' gives
#: way to it (three columns at the largest text fit a 1024-pixel screen)
CONTENTS_MIN_WIDTH, FORM_MIN_WIDTH = 160, 380
#: the characters of a node's line that the contents need to be read beside the map (at 160 px and the largest
#: text, a word a line): below that, the map folds to the window's edge
CONTENTS_LINE_CHARS = 22
#: the map's column at its narrowest where the window has room for it beside the contents' and the form's least
MAP_MIN_WIDTH = 300


def touched_rows(command: editing.Command | None) -> set[editing.Path] | None:
    """The outline rows whose text a command may change; None when it could be any (a reorder)."""
    if command is None:
        return None
    rows: set[editing.Path] = set()
    for op in command.ops:
        if isinstance(op, editing.Move) and op.path in (("provisions",), ("scenarios",)):
            return None
        if isinstance(op, editing.Move) and len(op.path) == 3 and op.path[2] == "nodes":
            rows.update((*op.path, i) for i in range(min(op.src, op.dst), max(op.src, op.dst) + 1))
            continue
        focus = editing.record_focus(op.path)
        if focus is not None:
            rows.add(focus)
    return rows


#: the kinds of form that show a whole record of a table (provisions, scenarios, glossary, synonyms)
RECORD_FORM_KINDS = frozenset(RECORD_FORMS.values())
#: what the status bar says once a record is added
_ADDED = {
    "provisions": "Added a provision: give it its title, citation, text and source.",
    "scenarios": "Added a scenario with one question and two outcomes: fill them in and cite provisions.",
    "glossary": "Added a glossary term: fill in its words.",
    "synonyms": "Added a search synonym: fill in its words.",
}


def _wrapped_lines(text: str, font: QFont, line_width: float) -> list[tuple[int, int, float]]:
    """``text`` wrapped at word boundaries to ``line_width`` as the style's layout wraps it: each line's
    start, length (with its trailing spaces) and the width its words take."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout = QTextLayout(text, font)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(line_width)
        lines.append((line.textStart(), line.textLength(), line.naturalTextWidth()))
    layout.endLayout()
    return lines


class SameLines:
    """Where one text's wrapped lines change as its width does (its font fixed)."""

    def __init__(self, text: str, font: QFont) -> None:
        self.text, self.font = text, font
        self._word_ends: dict[int, int] | None = None
        self._whole: QTextLayout | None = None

    def _x(self, position: int) -> float:
        """How far into the text, laid out on one line, this position is (in the words' own shaping)."""
        if self._whole is None:
            self._whole = QTextLayout(self.text, self.font)
            self._whole.beginLayout()
            self._whole.createLine().setLineWidth(1 << 20)
            self._whole.endLayout()
        x = self._whole.lineAt(0).cursorToX(position)
        return float(x[0] if isinstance(x, tuple) else x)

    def _word_end(self, start: int) -> int:
        """The end of the word (spaces after it left out) that a line can start with at ``start``."""
        if self._word_ends is None:  # every place a line can break: the lines at a width nothing fits
            self._word_ends = {}
            for begin, length, _ in _wrapped_lines(self.text, self.font, 1):
                self._word_ends[begin] = begin + len(self.text[begin:begin + length].rstrip())
        return self._word_ends.get(start, start)  # (not a place to break: the range ends at this width)

    def range_at(self, line_width: int) -> tuple[float, float]:
        """The line widths (lowest, highest) at which the text wraps into the same lines as at
        ``line_width``: from the widest of its lines, up to the least that lets a line take the next word.
        (line_width, line_width) when a word is wider than the line."""
        lines = _wrapped_lines(self.text, self.font, line_width)
        lowest = max((width for _, _, width in lines), default=0.0)
        if lowest > line_width:
            return line_width, line_width
        highest = float("inf")
        for (start, _, _), (next_start, _, _) in zip(lines, lines[1:], strict=False):
            highest = min(highest, self._x(self._word_end(next_start)) - self._x(start))
        return lowest, highest


#: a word longer than this (more than the contents' narrowest line holds) may break between any two letters
LONG_WORD = 24


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their text wrapped to the width the row leaves it (the column less its indent).

    QTreeView measures every row at each new width (its per-pixel scroll bar adds up all their heights),
    and measuring read each row's words and font from the model twice over: with the bundled pack open
    (~530 rows) a splitter dragged by a pixel took 110-140 ms. Each row's style option is now read once and
    kept until the model says the row changed, with its size and the range of row widths over which its
    words wrap into the same lines (:class:`SameLines`). :meth:`rows_resized` names the rows whose
    height a new width changes, which the view measures again alone. :meth:`forget` drops it all (the rows
    were replaced, a new font or style)."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        #: per row (proxy row, internalId: unique under one parent): its initialised option, depth, index,
        #: and its size with the row widths (lowest, highest) it holds for
        self._rows: dict[tuple[int, int], _KeptRow] = {}
        #: every row the view laid out since the last forget() is kept
        self.complete = False
        #: how many sizes the style has measured (what was not kept)
        self.measured = 0

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        # the style wraps only between words: a word too long for a line (an id-like title) ran past the
        # panel's edge and was cut there; such a word may break anywhere (a zero-width space between letters)
        if any(len(word) > LONG_WORD for word in option.text.split(" ")):
            option.text = " ".join("\N{ZERO WIDTH SPACE}".join(word) if len(word) > LONG_WORD else word
                                   for word in option.text.split(" "))

    def forget(self, *_args: Any) -> None:
        """Measure every row again (the model's rows were replaced or moved, or the font or style changed)."""
        self._rows.clear()
        self.complete = False

    def forget_rows(self, top_left: QModelIndex, bottom_right: QModelIndex, *_roles: Any) -> None:
        """Measure these rows again (their words or marks changed)."""
        if top_left.parent() != bottom_right.parent():
            self.forget()
            return
        for row in range(top_left.row(), bottom_right.row() + 1):
            self._rows.pop((row, top_left.internalId()), None)

    def rows_resized(self, viewport_width: int, indentation: int) -> list[QModelIndex] | None:
        """The kept rows whose size changes at this viewport width; None when not every row is kept."""
        if not self.complete:
            return None
        resized = []
        for kept in self._rows.values():
            width = max(viewport_width - indentation * (kept.depth + 1), 40)
            if not kept.lowest <= width <= kept.highest and kept.index.isValid():
                resized.append(QModelIndex(kept.index))
        return resized

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        view = self.parent()
        if not isinstance(view, QTreeView) or not index.isValid():
            return super().sizeHint(option, index)
        key = (index.row(), index.internalId())
        kept = self._rows.get(key)
        if kept is None:
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            kept = self._rows[key] = _KeptRow(opt, depth, QPersistentModelIndex(index))
        # the row: the viewport less the branch indicators' column and one indent per level
        width = max(view.viewport().width() - view.indentation() * (kept.depth + 1), 40)
        if not kept.lowest <= width <= kept.highest:
            kept.measure(view, width)
            self.measured += 1
        return QSize(kept.size)


class _KeptRow:
    """A row's option (its words and font) and its size over a range of row widths."""

    __slots__ = ("depth", "highest", "index", "lines", "lowest", "option", "size")

    def __init__(self, option: QStyleOptionViewItem, depth: int, index: QPersistentModelIndex) -> None:
        self.option, self.depth, self.index = option, depth, index
        self.size = QSize()
        self.lowest, self.highest = 1, 0  # no width yet
        self.lines: SameLines | None = None

    def measure(self, view: QTreeView, width: int) -> None:
        """The size at this row width, as the style gives it, and the widths it holds for."""
        style, opt = view.style(), self.option
        # the text gets the row less the item's padding (editor.qss), which the style adds to the hint but
        # does not wrap within; the style's layout leaves a margin either side of the text
        opt.rect = QRect(0, 0, width, 1 << 20)
        text_width = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, view).width()
        opt.rect = QRect(0, 0, max(text_width, 40), 1 << 20)
        self.size = style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, opt, QSize(), view)
        self.lowest = self.highest = width
        line_width = text_width - 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, opt, view) + 1)
        if text_width > 40 and line_width > 0:
            if self.lines is None:
                self.lines = SameLines(opt.text, opt.font)
            lowest, highest = self.lines.range_at(line_width)
            # in row widths, a pixel or two inside either end (the layout's fractional widths): outside, measure again
            extra = width - line_width
            self.lowest = min(width, max(math.ceil(lowest) + 1 + extra, 41 + width - text_width))
            if highest != float("inf"):  # else one line: any wider row holds it
                self.highest = max(width, math.floor(highest) - 2 + extra)
            else:
                self.highest = 1 << 30


class OutlineView(QTreeView):
    """The editor's contents: every title, question and headline whole, wrapped over as many lines as it
    needs (a long provision or scenario title was cut at the panel's edge, and at 90 characters even in its
    tooltip; a question or headline at 90 characters)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row_sizes = _WrappingDelegate(self)
        self._model_connections: list[tuple[Any, Callable[..., None]]] = []
        self._laid_out_width = -1
        self.setItemDelegate(self.row_sizes)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)  # rows of many lines

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 (Qt API)
        for signal, slot in self._model_connections:
            signal.disconnect(slot)
        self._model_connections = []
        self.row_sizes.forget()
        if model is not None:  # the delegate's kept rows go when the rows they stand for change, before
            forget = self.row_sizes.forget  # the view measures them again (slots run in connection order)
            self._model_connections = [(signal, forget) for signal in (
                model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved, model.rowsMoved)]
            self._model_connections.append((model.dataChanged, self.row_sizes.forget_rows))
            for signal, slot in self._model_connections:
                signal.connect(slot)
        super().setModel(model)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.row_sizes.forget()  # before the view lays its rows out again in the new font
        super().changeEvent(event)

    def doItemsLayout(self) -> None:  # noqa: N802 (Qt API)
        super().doItemsLayout()
        self.row_sizes.complete = True  # per-pixel scrolling measured every row laid out

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        keep_in_sight = False
        if event.type() == QEvent.Type.Resize and isinstance(event, QResizeEvent) \
                and event.size().height() < event.oldSize().height():
            # shorter (the problems list grew under it as the new question's problems came): the row picked stays
            # in sight, as it was; a question just added was left below the edge
            current = self.currentIndex()
            rect = self.visualRect(current) if current.isValid() else QRect()
            keep_in_sight = rect.isValid() and rect.top() < event.oldSize().height() \
                and rect.bottom() >= event.size().height()
        handled = super().viewportEvent(event)
        if keep_in_sight:
            self.scrollTo(self.currentIndex())
        # the viewport's width, not the view's: a scroll bar coming or going changes it too
        if event.type() == QEvent.Type.Resize and self.viewport().width() != self._laid_out_width:
            self._laid_out_width = self.viewport().width()
            current = self.currentIndex()
            in_sight = current.isValid() and self.viewport().rect().intersects(self.visualRect(current))
            # wrapped rows change height with the width: only the rows whose lines change are measured
            # again (QTreeView's dataChanged re-measures a row), or all of them when they are not all kept
            resized = self.row_sizes.rows_resized(self._laid_out_width, self.indentation())
            if resized is None:
                self.doItemsLayout()
            else:
                for index in resized:
                    self.dataChanged(index, index)
            if in_sight:  # the selected row stays in sight, whole, as rows above it grow or shrink
                self.scrollTo(current)
        return handled


def _left_pointing_nowhere(paths: list[editing.Path]) -> str:
    """What a delete leaves pointing nowhere, to say after it (": 29 citations and 11 links now point
    nowhere"), or "" when nothing named what was deleted. Short: the status bar has one line."""
    if not paths:
        return ""
    start = sum(1 for path in paths if path[-1] == "start")
    cites = sum(1 for path in paths if "cites" in path)
    answers = sum(1 for path in paths if "choices" in path)
    links = len(paths) - start - cites - answers  # a provision's related list, a glossary term's "see"
    parts = ["the scenario's start"] if start else []
    parts += [f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((cites, "citation"), (answers, "answer"),
                                                                 (links, "link")) if n]
    named = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    return f": {named} now {'points' if len(paths) == 1 else 'point'} nowhere"


def _rail(name: str, button: QWidget, margins: tuple[int, int, int, int]) -> QWidget:
    """A folded column: ``button`` at the top of a thin rail at the window's edge, hidden until something folds."""
    rail = QWidget()
    rail.setObjectName(name)
    layout = QVBoxLayout(rail)
    layout.setContentsMargins(*margins)
    layout.addWidget(button)
    layout.addStretch(1)
    rail.hide()
    return rail


class EditorColumns(QSplitter):
    """The contents, the form and the map side by side. The map's least width is not the window's: a window made
    narrower than the three columns' least widths folds the map (EditorWindow._fit_map) rather than staying
    wider. Resized at once from 1280 to 800 px at the largest text, the window stayed 972 px wide (the map's
    300 px in its least width when the resize came, the map folding only after it), and 800 at a second try."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().minimumSizeHint()
        last = self.widget(self.count() - 1) if self.count() > 1 else None
        if last is not None and not last.isHidden():
            hint.setWidth(hint.width() - least_width(last) - self.handleWidth())
        return hint


class EditorWindow(QMainWindow):
    """Edit one data pack. ``path`` None opens the pack built into the app as a copy (Save asks where)."""

    pack_saved = Signal(str)
    pack_published = Signal(str)
    closed = Signal()
    #: the supervisor chose a theme or a text size in View (also written to the settings)
    theme_changed = Signal(str)
    text_size_changed = Signal(int)

    def __init__(self, path: str | Path | None = None, today: dt.date | None = None,
                 parent: QWidget | None = None, settings: Settings | None = None,
                 library: PackLibrary | None = None, themes: Themes | None = None) -> None:
        """``settings``: the officer's theme and text size, which the editor follows, and where the panels'
        sizes are remembered from one session to the next (None: the day theme at the normal size, nothing
        remembered). ``library``: this computer's data packs, whose pack in use Publish… compares the draft
        with (None: the app's own, PackLibrary()). ``themes``: the style sheets (None: read from resources)."""
        super().__init__(parent)
        self.settings = settings
        self.library = library
        self.themes = themes if themes is not None else Themes()
        self.theme = settings.theme if settings is not None else DEFAULT_THEME
        self.text_step = settings.text_step if settings is not None else DEFAULT_TEXT_STEP
        self._rows_restored = False
        #: View → Show the logic map as the supervisor left it (remembered): unticked, the map stays hidden
        self._map_wanted = True
        #: shown by the supervisor where it has no room (View or the folded map's button), until it has room
        self._map_forced = False
        self._opened = False  # shown once: the columns are laid out as remembered, and the map fitted to them
        named(self, "editorWindow", TITLE)
        self.today = today or dt.date.today()
        source = Path(path) if path else paths.bundled_pack()
        self.document = EditorDocument(read_tables(source), source, protected=not path or is_protected(source),
                                       parent=self, today=self.today)  # checked as `check` checks it, this day
        self._read_earlier_ids()
        self.focus: editing.Path | None = None
        self._syncing = False
        self.publish_dialog: PublishDialog | None = None
        self.new_id_dialog: NewIdDialog | None = None  # + Provision's question: the new provision's id
        self.new_scenario_dialog: NewScenarioDialog | None = None  # + Scenario's question: its category
        #: the highest data version published from this window: the next publish goes above it, even when
        #: Undo has taken the draft's own data version back past that publish
        self.published_version: int | None = None
        self._publish_version = 0  # what the open Publish dialog writes (or more, over a newer pack)
        self._publish_target = Path()  # the file it proposed
        self._expanded: set[str] = set()
        self._columns_with_map: list[int] | None = None  # the columns' widths as the map was hidden
        #: the signature file beside the document's file when it no longer matches the file (a Save over a
        #: published pack): shown in the status bar until a publish signs the file again
        self.stale_signature: Path | None = None

        self.model = PackTreeModel(self.document.tables, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setAutoAcceptChildRows(True)

        self._build_forms()
        self._build_layout()
        self._build_actions()
        self._apply_style()
        fit_to_screen(self, *DEFAULT_SIZE)  # 1280 × 800 ran off an 800 × 600 or 1024 × 600 screen
        self._restore_panels()
        self._limit_map_minimum()

        QApplication.instance().focusChanged.connect(self._focus_moved)
        self.document.changed.connect(self._document_changed)
        self.document.validated.connect(self._validated)
        self.document.dirty_changed.connect(self._update_title)
        self.document.file_changed.connect(self._update_title)
        self._check_signature()
        self._update_title()
        self._update_actions()
        self.select(("meta",))
        self.document.schedule_validation()

    # -- construction ------------------------------------------------------------------------------------

    def _build_forms(self) -> None:
        d = self.document
        self.meta_form = MetaForm(d)
        self.provision_form = ProvisionForm(d)
        self.scenario_form = ScenarioForm(d)
        self.question_form = QuestionForm(d)
        self.outcome_form = OutcomeForm(d)
        self.term_form = TermForm(d)
        self.synonym_form = SynonymForm(d)
        self.empty_form = EmptyForm()
        self.forms = {"meta": self.meta_form, "provision": self.provision_form, "scenario": self.scenario_form,
                      "question": self.question_form, "outcome": self.outcome_form, "term": self.term_form,
                      "synonym": self.synonym_form, "empty": self.empty_form}
        # an officer's report (File → Open problem report…) at the top of the form shown, scrolled with it: over the
        # form, at the largest text on a 1024 × 600 screen it left the form no room and was itself cut
        self.report_note = ReportNote()
        self.form_stack = named(QStackedWidget(), "formStack", "Edit the selected record")
        self._form_pages: dict[str, QScrollArea] = {}
        for kind, form in self.forms.items():
            scroll = QScrollArea()
            scroll.setObjectName(f"{kind}FormScroll")
            scroll.setWidgetResizable(True)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setWidget(form)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.form_stack.addWidget(scroll)
            self._form_pages[kind] = scroll
            if hasattr(form, "error"):
                form.error.connect(self.show_error)

    def _build_layout(self) -> None:
        self.work_area = QWidget()  # the columns and the folded map: the width the three columns could have
        left = self.outline_panel = QWidget()
        left.setObjectName("outlinePanel")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 4, 4)
        left_layout.setSpacing(4)
        outline_title = QLabel("Contents")
        outline_title.setProperty("role", "panelTitle")
        left_layout.addWidget(outline_title)
        self.filter_edit = line_edit("outlineFilter", "Filter the contents", "Filter: id, title, words…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter_changed)
        left_layout.addWidget(self.filter_edit)
        self.tree = named(OutlineView(), "outline", "Contents of the data pack",
                          "Provisions, scenarios and their nodes. Delete removes, Ctrl+Up and Ctrl+Down move.")
        self.tree.setModel(self.proxy)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.selectionModel().currentChanged.connect(self._tree_current_changed)
        self.tree.expanded.connect(lambda i: self._remember_expanded(i, True))
        self.tree.collapsed.connect(lambda i: self._remember_expanded(i, False))
        self.tree.installEventFilter(self)
        left_layout.addWidget(self.tree, 1)
        outline_title.setBuddy(self.tree)

        self.map_panel = LogicMapPanel()
        self._map_timer = QTimer(self)
        self._map_timer.setSingleShot(True)
        self._map_timer.setInterval(MAP_REDRAW_MS)
        self._map_timer.timeout.connect(self._draw_map)
        self.map_panel.view.node_clicked.connect(self._map_node_clicked)
        self.map_panel.view.subflow_clicked.connect(self._map_subflow_clicked)

        self.columns = EditorColumns(Qt.Orientation.Horizontal)
        self.columns.setObjectName("editorColumns")
        self.columns.addWidget(left)
        self.columns.addWidget(self.form_stack)
        self.columns.addWidget(self.map_panel)
        self.columns.setStretchFactor(0, 0)
        self.columns.setStretchFactor(1, 1)
        self.columns.setStretchFactor(2, 1)
        left.setMinimumWidth(CONTENTS_MIN_WIDTH)
        self.form_stack.setMinimumWidth(FORM_MIN_WIDTH)
        self.map_panel.setMinimumWidth(MAP_MIN_WIDTH)
        self.columns.setSizes(list(DEFAULT_COLUMNS))
        self.columns.setChildrenCollapsible(False)
        # the map folded to the right edge where the three columns have no room at the text size (_fit_map)
        self.folded_map_button = FoldedMapButton()
        self.folded_map_button.clicked.connect(lambda: self.show_map(True))
        self.folded_map = _rail("foldedMap", self.folded_map_button, (0, 4, 4, 4))
        # the contents folded to the left edge where the map, shown from its button, takes their place (_fit_map)
        self.folded_contents_button = FoldedContentsButton()
        self.folded_contents_button.clicked.connect(self.show_contents)
        self.folded_contents = _rail("foldedContents", self.folded_contents_button, (4, 4, 0, 4))
        self.work_area.setObjectName("editorWorkArea")
        work = QHBoxLayout(self.work_area)
        work.setContentsMargins(0, 0, 0, 0)
        work.setSpacing(0)
        work.addWidget(self.folded_contents)
        work.addWidget(self.columns, 1)
        work.addWidget(self.folded_map)
        self.work_area.installEventFilter(self)

        self.problems = ProblemsPanel()
        self.problems.problem_activated.connect(self.go_to_problem)
        self.rows = QSplitter(Qt.Orientation.Vertical)
        self.rows.setObjectName("editorRows")
        self.rows.addWidget(self.work_area)
        self.rows.addWidget(self.problems)
        self.rows.setStretchFactor(0, 1)
        self.rows.setStretchFactor(1, 0)
        self.rows.setSizes([630, self.problems.chosen_height])
        self.rows.splitterMoved.connect(self._problems_height_chosen)
        self.rows.setChildrenCollapsible(False)
        self.setCentralWidget(self.rows)

        self.file_label = QLabel()
        self.file_label.setObjectName("editorFile")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)  # a file's name, "<b>B.json", is words
        self.statusBar().setObjectName("editorStatus")
        self.statusBar().addPermanentWidget(self.file_label)
        self.statusBar().setSizeGripEnabled(False)
        self.statusBar().messageChanged.connect(self._fit_file_label)
        self._message_detail: tuple[str, str] | None = None  # the message shown and its detail (show_message)
        self.statusBar().messageChanged.connect(self._drop_message_detail)

    def _action(self, text: str, name: str, slot: Any, shortcut: Any = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text.replace("&", ""))
        action.setStatusTip(tip or text.replace("&", ""))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.open_action = a("&Open…", "openAction", self.open_file, QKeySequence.StandardKey.Open,
                             "Open another data pack file")
        self.open_builtin_action = a("Open the &built-in data (as a copy)", "openBuiltinAction",
                                     self.open_builtin, None, "Start from the pack that ships with the app")
        self.open_report_action = a("Open problem &report…", "openReportAction", lambda: self.open_report(), None,
                                    "Go to the question, answer, provision or glossary term an officer's problem "
                                    "report is about")
        self.save_action = a("&Save", "saveAction", self.save, QKeySequence.StandardKey.Save,
                             "Save the draft (problems are allowed in a draft)")
        self.save_as_action = a("Save &as…", "saveAsAction", self.save_as, QKeySequence("Ctrl+Shift+S"),
                                "Save the draft to a new file")
        self.publish_action = a("&Publish…", "publishAction", self.publish, QKeySequence("Ctrl+Shift+P"),
                                "Write the next data version and sign it (needs zero problems)")
        self.close_action = a("&Close", "closeAction", self.close, QKeySequence.StandardKey.Close)
        self.undo_action = a("&Undo", "undoAction", self.undo, [QKeySequence("Ctrl+Z")])
        self.redo_action = a("&Redo", "redoAction", self.redo, [QKeySequence("Ctrl+Shift+Z"),
                                                               QKeySequence("Ctrl+Y")])
        self.add_provision_action = a("Add &provision", "addProvisionAction", self.add_provision, None,
                                      "Add a new provision after the selected one")
        self.add_scenario_action = a("Add s&cenario", "addScenarioAction", self.add_scenario, None,
                                     "Add a new scenario after the selected one")
        self.add_term_action = a("Add glossary &term", "addTermAction", lambda: self.add_record("glossary"), None,
                                 "Add a glossary term after the selected one")
        self.add_synonym_action = a("Add search s&ynonym", "addSynonymAction", lambda: self.add_record("synonyms"),
                                    None, "Add a search synonym after the selected one")
        self.add_question_action = a("Add &question", "addQuestionAction", lambda: self.add_node("question"),
                                     None, "Add a question to the selected scenario")
        self.add_outcome_action = a("Add &outcome", "addOutcomeAction", lambda: self.add_node("outcome"),
                                    None, "Add an outcome to the selected scenario")
        self.duplicate_action = a("&Duplicate", "duplicateAction", self.duplicate_selected,
                                  QKeySequence("Ctrl+D"), "Duplicate the selected provision, scenario or node")
        self.delete_action = a("De&lete", "deleteAction", self.delete_selected, None,
                               "Delete the selected provision, scenario or node (Undo brings it back)")
        self.move_up_action = a("Move &up", "moveUpAction", lambda: self.move_selected(-1),
                                QKeySequence("Ctrl+Shift+Up"), "Move the selected item up")
        self.move_down_action = a("Move do&wn", "moveDownAction", lambda: self.move_selected(1),
                                  QKeySequence("Ctrl+Shift+Down"), "Move the selected item down")
        self.find_action = a("&Filter the contents", "findAction", self._focus_filter, QKeySequence.StandardKey.Find)
        self.next_problem_action = a("&Next problem", "nextProblemAction", self.next_problem, QKeySequence("F8"))
        self.next_pane_action = a("Next &pane", "nextPaneAction", self.next_pane, QKeySequence("F6"),
                                  "Move between the contents, the form, the map and the problems")
        self.zoom_in_action = a("Zoom &in on the map", "zoomInAction", self.map_panel.view.zoom_in,
                                QKeySequence("Ctrl+="))
        self.zoom_out_action = a("Zoom &out of the map", "zoomOutAction", self.map_panel.view.zoom_out,
                                 QKeySequence("Ctrl+-"))
        self.fit_action = a("&Fit the map", "fitAction", self.map_panel.view.fit, QKeySequence("Ctrl+0"))
        self.show_map_action = a("Show the logic &map", "showMapAction", self.show_map, None,
                                 "Show or hide the map. Where it has no room at the text size, it folds to the "
                                 "window's right edge by itself")
        self.show_map_action.setCheckable(True)
        self.show_map_action.setChecked(True)
        self.show_problems_action = a("Show the &problems list", "showProblemsAction", self.show_problems_list, None,
                                      "Show the problems list, or fold it away under its summary line for the "
                                      "form's room (this window only; F8 still goes to the next problem)")
        self.show_problems_action.setCheckable(True)
        self.show_problems_action.setChecked(True)
        self.problems.list_toggled.connect(self.show_problems_list)

        menu = self.menuBar()
        menu.setObjectName("editorMenu")
        file_menu = menu.addMenu("&File")
        for act in (self.open_action, self.open_builtin_action, self.open_report_action, None, self.save_action, self.save_as_action,
                    self.publish_action, None, self.close_action):
            file_menu.addSeparator() if act is None else file_menu.addAction(act)
        edit_menu = menu.addMenu("&Edit")
        for act in (self.undo_action, self.redo_action, None, self.add_provision_action, self.add_scenario_action,
                    self.add_question_action, self.add_outcome_action, self.add_term_action,
                    self.add_synonym_action, None, self.duplicate_action,
                    self.delete_action, self.move_up_action, self.move_down_action):
            edit_menu.addSeparator() if act is None else edit_menu.addAction(act)
        view_menu = menu.addMenu("&View")
        for act in (self.find_action, self.next_problem_action, self.next_pane_action, None, self.show_map_action,
                    self.show_problems_action, self.zoom_in_action, self.zoom_out_action, self.fit_action):
            view_menu.addSeparator() if act is None else view_menu.addAction(act)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        theme_menu.setObjectName("editorThemeMenu")
        themes = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name in THEMES:
            act = a(THEME_LABELS[name], f"{name}ThemeAction", lambda _checked=False, n=name: self.set_theme(n), None,
                    f"{THEME_LABELS[name]} colours, here and in the officer app")
            act.setCheckable(True)
            themes.addAction(act)
            theme_menu.addAction(act)
            self.theme_actions[name] = act
        # no keys: Ctrl++, Ctrl+− and Ctrl+0 zoom the map here
        self.larger_text_action = a("&Larger text", "largerTextAction", lambda: self.set_text_step(self.text_step + 1),
                                    None, "Larger text, here and in the officer app")
        self.smaller_text_action = a("&Smaller text", "smallerTextAction",
                                     lambda: self.set_text_step(self.text_step - 1), None,
                                     "Smaller text, here and in the officer app")
        self.normal_text_action = a("&Normal text size", "normalTextAction",
                                    lambda: self.set_text_step(DEFAULT_TEXT_STEP), None,
                                    "The normal text size, here and in the officer app")
        for act in (self.larger_text_action, self.smaller_text_action, self.normal_text_action):
            view_menu.addAction(act)

        bar = QToolBar("Editing")
        bar.setObjectName("editorToolbar")
        bar.setAccessibleName("Editing tools")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # Save and Publish first: in a window narrower than the toolbar, the last buttons go behind its » menu
        for act in (self.save_action, self.publish_action, None, self.undo_action, self.redo_action, None,
                    self.add_provision_action, self.add_scenario_action, self.add_question_action,
                    self.add_outcome_action, None, self.duplicate_action, self.delete_action, self.move_up_action,
                    self.move_down_action):
            if act is None:
                bar.addSeparator()
                continue
            bar.addAction(act)
            button = bar.widgetForAction(act)
            button.setObjectName(act.objectName().replace("Action", "Button"))
            button.setAccessibleName(act.text().replace("&", ""))
        for act, short in ((self.add_provision_action, "+ Provision"), (self.add_scenario_action, "+ Scenario"),
                           (self.add_question_action, "+ Question"), (self.add_outcome_action, "+ Outcome"),
                           (self.publish_action, "Publish…"), (self.move_up_action, "▲"),
                           (self.move_down_action, "▼")):
            act.setIconText(short)
        self.addToolBar(bar)
        self.toolbar = bar

    # -- theme and text size -------------------------------------------------------------------------------

    def set_theme(self, name: str) -> None:
        """Show the editor in the theme ``name`` (day, night, contrast) and remember it for the officer app too."""
        if name not in THEMES or name == self.theme:
            self._apply_style()  # the menu's tick back on the theme in use
            return
        self.theme = name
        if self.settings is not None:
            self.settings.theme = name
        self._apply_style()
        self.theme_changed.emit(name)

    def set_text_step(self, step: int) -> None:
        """Set the text size ``step`` (as the officer app's, whose setting it is too)."""
        step = clamp_text_step(step)
        if step == self.text_step:
            return
        self.text_step = step
        if self.settings is not None:
            self.settings.text_step = step
        self._apply_style()
        self.text_size_changed.emit(step)

    def _apply_style(self) -> None:
        sheet = self.themes.editor_style_sheet(self.theme, self.text_step)
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)
            self.problems.ensurePolished()  # its problem colours (qproperty) are the new theme's
            self.model.set_problem_colour(self.problems.errorColour)
            self.map_panel.view.ensurePolished()  # and the map's
            self._draw_map()
            if self.focus is not None and self.isVisible():  # the form's lists fit their rows in the new type
                form = self.current_form()
                if hasattr(form, "refresh"):
                    form.refresh()
                self.form_stack.setMinimumWidth(FORM_MIN_WIDTH)  # what the new type needs, from here on
                self._fit_form_column()
                self.fit_problems()
            self._fit_map(settle=True)  # a larger text may leave the map no room, a smaller one give it back
        for name, act in self.theme_actions.items():
            act.setChecked(name == self.theme)
        self.larger_text_action.setEnabled(self.text_step < TEXT_STEP_MAX)
        self.smaller_text_action.setEnabled(self.text_step > TEXT_STEP_MIN)
        self.normal_text_action.setEnabled(self.text_step != DEFAULT_TEXT_STEP)

    # -- title, actions, status ---------------------------------------------------------------------------

    def _update_title(self, *_args: Any) -> None:
        d = self.document
        name = d.display_name
        if d.protected:
            name += " (built-in data: Save asks for a new file)" if d.path == paths.bundled_pack() else \
                " (protected: Save asks for a new file)"
        self.setWindowTitle(f"{name}[*] — {TITLE}")
        self.setWindowModified(d.dirty)
        # the file's name, its folder in the tooltip: the status bar's messages share the line, and a draft in
        # a folder of a few levels left them no room (the path alone was wider than a 1024 × 600 screen)
        self.file_label.setText(d.path.name if d.path else "not saved yet")
        self.file_label.setToolTip(plain_tip(str(d.path)) if d.path else "")  # a name may read as markup
        stale = self.stale_signature if d.path is not None else None
        if stale is not None:
            self.file_label.setText(f"{d.path.name} · ⚠ {stale.name} out of date")
            self.file_label.setToolTip(plain_tip(f"{d.path}\nIts signature file {stale.name} was made for other "
                                                 "bytes, so an officer's app would refuse the pair. Publish… signs a "
                                                 "new version."))
        self.file_label.setProperty("state", "warning" if stale is not None else "")
        self.file_label.style().unpolish(self.file_label)
        self.file_label.style().polish(self.file_label)

    def _check_signature(self) -> None:
        """Note whether a signature file beside the document's file was made for what the file holds now."""
        path = self.document.path
        data = signed_bytes(path) if path is not None else None
        # already known out of date (a save in this window): a signature file recording no SHA-256 cannot say
        known_stale = path is not None and self.stale_signature == signature_path(path)
        self.stale_signature = (stale_signature(path, data, None if known_stale else data)
                                if path is not None and data is not None else None)

    def _update_actions(self) -> None:
        doc = self.document.doc
        self.undo_action.setEnabled(doc.can_undo)
        self.redo_action.setEnabled(doc.can_redo)
        self.undo_action.setText(f"&Undo {doc.undo_label}".rstrip())
        self.redo_action.setText(f"&Redo {doc.redo_label}".rstrip())
        self.undo_action.setIconText("Undo")  # the tool bar stays short; the menu says what
        self.redo_action.setIconText("Redo")
        self.undo_action.setToolTip(f"Undo: {doc.undo_label} (Ctrl+Z)" if doc.undo_label else "Nothing to undo")
        self.redo_action.setToolTip(f"Redo: {doc.redo_label} (Ctrl+Shift+Z)" if doc.redo_label else "Nothing to redo")
        focus = self.focus
        kind = self._focus_kind(focus)
        in_scenario = bool(focus and focus[0] == "scenarios" and len(focus) >= 2)
        self.add_question_action.setEnabled(in_scenario)
        self.add_outcome_action.setEnabled(in_scenario)
        movable = kind in RECORD_FORM_KINDS or kind in ("question", "outcome")
        for act in (self.duplicate_action, self.delete_action, self.move_up_action, self.move_down_action):
            act.setEnabled(movable)

    def _fit_file_label(self, message: str) -> None:
        """While a message shows that the file's name would cut (at the largest text on a 1024-pixel screen,
        "…pick it in an answer's “Leads to” to r"), the name steps aside; it is back when the message goes, and
        it is in the window's title all along."""
        bar = self.statusBar()
        room = bar.width() - self.file_label.sizeHint().width() - STATUS_MESSAGE_MARGIN
        self.file_label.setVisible(not message or bar.fontMetrics().horizontalAdvance(message) <= room)

    def _fitting(self, first: str, *more: str) -> str:
        """``first``, and as many of the ``more`` details after it as the status bar shows in one line, with a full
        stop: at the largest text the publish message was cut mid-word ("…signed with key 5d08cfa106df491b (e")."""
        bar = self.statusBar()
        room = bar.width() - STATUS_MESSAGE_MARGIN
        text = first
        for detail in more:
            if bar.fontMetrics().horizontalAdvance(text + detail + ".") > room:
                break
            text += detail
        return text + "."

    def show_error(self, text: str) -> None:
        self.statusBar().showMessage(f"✖ {text}", ERROR_MS)

    def show_message(self, text: str, detail: str = "") -> None:
        """Say ``text`` in the status bar until it times out, another message replaces it, or the supervisor
        edits the draft or moves to another record (end_message): "Saved …" or "Added outcome …" then no longer
        spoke of what is on screen. ``detail``: what the message leaves out (the publishing key's id), in the
        status bar's tooltip and what a screen reader is told of it while the message shows."""
        bar = self.statusBar()
        bar.showMessage(text, MESSAGE_MS)
        self._message_detail = (text, detail) if detail else None
        bar.setToolTip(plain_tip(detail) if detail else "")
        bar.setAccessibleDescription(detail)

    def _drop_message_detail(self, message: str) -> None:
        """A message's detail goes with it: the next message, or none, never has the last one's tooltip."""
        if self._message_detail is not None and message != self._message_detail[0]:
            self._message_detail = None
            self.statusBar().setToolTip("")
            self.statusBar().setAccessibleDescription("")

    def end_message(self) -> None:
        """A later action ends the message about an earlier one; one with something to say then says it."""
        self.statusBar().clearMessage()

    # -- selection -------------------------------------------------------------------------------------------

    def _focus_kind(self, focus: editing.Path | None) -> str:
        if not focus:
            return "empty"
        if focus == ("meta",):
            return "meta"
        if len(focus) == 1:
            return "empty"
        if len(focus) == 2:
            return RECORD_FORMS.get(str(focus[0]), "empty")
        node = editing.get(self.document.tables, focus, {})
        return "question" if isinstance(node, dict) and node.get("type") == "question" else "outcome"

    def _valid_focus(self, focus: editing.Path | None) -> editing.Path | None:
        if not focus:
            return None
        if focus[0] == "meta" or len(focus) == 1:
            return tuple(focus[:1])
        if editing.get(self.document.tables, focus[:2]) is editing.MISSING:
            n = len(editing.records(self.document.tables, focus[0]))
            return (focus[0], editing.record_key(n - 1)) if n else (focus[0],)
        if len(focus) >= 4:
            nodes = editing.nodes_of(self.document.tables, str(focus[1]))
            if not nodes:
                return tuple(focus[:2])
            return (*focus[:3], min(int(focus[3]), len(nodes) - 1))
        return tuple(focus[:2])

    def select(self, focus: editing.Path | None) -> None:
        """Show the record (or node) at ``focus`` in the outline, the form and the map."""
        focus = self._valid_focus(focus)
        source = self.model.index_of(focus)
        index = self.proxy.mapFromSource(source)
        if source.isValid() and not index.isValid() and self.filter_edit.text():
            self.filter_edit.clear()  # the filter hides it: show everything
            index = self.proxy.mapFromSource(self.model.index_of(focus))
        self._syncing = True
        try:
            if index.isValid():
                parent = index.parent()
                while parent.isValid():
                    self.tree.expand(parent)
                    parent = parent.parent()
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
        finally:
            self._syncing = False
        self._show_focus(focus)

    def _tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing:
            return
        focus = current.data(FocusRole) if current.isValid() else None
        if self.commit_typing(going_to=focus):
            return  # the edit showed ``focus``
        self._show_focus(focus)

    def commit_typing(self, going_to: editing.Path | None = None) -> bool:
        """Make the edits typed and not yet made, before the supervisor leaves the record (for ``going_to``, which
        the edit then shows), saves, publishes or closes: an id typed in its field (made on leaving it or Enter:
        Ctrl+S from the field saved the old id, and closing did not ask), and the lines typed in the form's
        new-line boxes (Do, Do not, tags…) without Enter or Add, each an edit Undo takes back. True when a line
        was added."""
        typing = QApplication.focusWidget()
        if isinstance(typing, QLineEdit) and typing.isModified() and self.current_form().isAncestorOf(typing):
            typing.editingFinished.emit()  # as on leaving the field: an id is renamed (with what points to it)
        added = False
        for editor in self.current_form().findChildren(ListEditor):
            command = editor.typed_line()
            if command is None:
                continue
            if going_to is not None:
                command = dataclasses.replace(command, focus_after=going_to)
            assert editor.entry is not None
            editor.entry.clear()
            added = self.apply(command) or added
        return added

    def _show_focus(self, focus: editing.Path | None) -> None:
        previous_scenario = self.focus[1] if self.focus and self.focus[0] == "scenarios" and len(self.focus) > 1 \
            else None
        if focus != self.focus:
            self.end_message()
        self.focus = focus
        kind = self._focus_kind(focus)
        form = self.forms[kind]
        if kind != "empty":
            form.show_record(focus)  # type: ignore[union-attr]
            self._put_report_note_on(form)  # type: ignore[arg-type]
        self.form_stack.setCurrentWidget(self._form_pages[kind])
        self._fit_form_column()
        scenario_key = focus[1] if focus and focus[0] == "scenarios" and len(focus) > 1 else None
        if self._fit_map():  # shown as a scenario is selected (folded with none), and drawn
            pass
        elif scenario_key != previous_scenario or scenario_key is None:
            self._draw_map()
        else:
            self.map_panel.view.select_node(self._selected_node_id())
        self._update_actions()

    def _put_report_note_on(self, form: RecordForm) -> None:
        """Move the officer's report, open or closed, to the top of ``form`` (under its heading)."""
        if self.report_note.parent() is not form:
            shown = self.report_note.isVisibleTo(self.report_note.parentWidget()) \
                if self.report_note.parentWidget() is not None else False
            form.outer.insertWidget(1, self.report_note)
            self.report_note.setVisible(shown)

    def _fit_form_column(self) -> None:
        """The form's column is as wide as its form needs, scroll bar included: at the largest text on a
        1024 × 600 screen the question form was cut at its right edge (its fields, "Turn into an outcome")."""
        if not self.isVisible():  # not yet in the style sheet's type: measured when shown
            return
        # laid out first at the column's width: a form's rows whose label and field do not fit side by side go
        # one under the other (QFormLayout.WrapLongRows), and before that it asks for both side by side
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        page = self._form_pages[self._focus_kind(self.focus)]
        needed = (page.widget().minimumSizeHint().width() + 2 * page.frameWidth()
                  + page.verticalScrollBar().sizeHint().width())
        if needed > self.form_stack.minimumWidth():  # never narrower again: the columns would jump at each record
            self.form_stack.setMinimumWidth(needed)
            self._limit_map_minimum()
            self._fit_map()

    def _selected_node_id(self) -> str | None:
        if self.focus and len(self.focus) >= 4:
            node = editing.get(self.document.tables, self.focus, {})
            return node.get("node_id") if isinstance(node, dict) else None
        return None

    def current_form(self) -> QWidget:
        return self.forms[self._focus_kind(self.focus)]

    def _focus_moved(self, _old: QWidget | None, _new: QWidget | None) -> None:
        """Typing in one field is one undo step; moving to another field starts the next one."""
        self.document.seal()

    def _remember_expanded(self, proxy_index: QModelIndex, expanded: bool) -> None:
        focus = proxy_index.data(FocusRole)
        if focus and len(focus) == 1 and focus[0] in ("glossary", "synonyms"):  # opened or closed by the user
            (self._expanded.add if expanded else self._expanded.discard)(f"group:{focus[0]}")
        if focus and len(focus) == 2 and focus[0] == "scenarios":
            sid = editing.get(self.document.tables, (*focus, "scenario_id"), "")
            (self._expanded.add if expanded else self._expanded.discard)(str(sid))

    def _restore_expanded(self) -> None:
        self._syncing = True
        try:
            for group in (1, 2):
                self.tree.expand(self.proxy.mapFromSource(self.model.index(group, 0)))
            for table in ("glossary", "synonyms"):  # a new or removed term resets the tree: keep them open
                if f"group:{table}" in self._expanded:
                    self.tree.expand(self.proxy.mapFromSource(self.model.index_of((table,))))
            for key, doc in editing.records(self.document.tables, "scenarios"):
                if isinstance(doc, dict) and doc.get("scenario_id") in self._expanded:
                    self.tree.expand(self.proxy.mapFromSource(self.model.index_of(("scenarios", key))))
        finally:
            self._syncing = False

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if text.strip():
            self.tree.expandAll()
        else:
            self._restore_expanded()
        index = self.proxy.mapFromSource(self.model.index_of(self.focus))
        if index.isValid():
            self._syncing = True
            self.tree.setCurrentIndex(index)
            self._syncing = False

    def _focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    # -- reacting to the document -------------------------------------------------------------------------

    def _document_changed(self, command: editing.Command | None, how: str) -> None:
        self.end_message()
        reset = self.model.refresh(self.document.tables, touched_rows(command))
        if reset:
            self._restore_expanded()
        if self.document.report is not None:
            self.model.set_problems(self.document.report.problems)
        if not self.document.report_is_current:  # (a change that changed nothing keeps the report it had)
            self.problems.show_checking()
        target = None
        if command is not None:
            target = command.focus_before if how == UNDONE else command.focus_after
        if target is None:
            target = self.focus if command is not None else ("meta",)
        valid = self._valid_focus(target)
        if reset or valid != self.focus or self._focus_kind(valid) != self._focus_kind(self.focus):
            self.select(valid)
        else:
            form = self.current_form()
            if hasattr(form, "refresh"):
                form.refresh()
        if self._map_affected(command):
            self._map_timer.start()  # redrawing a big map per keystroke would make typing lag
        self._update_actions()
        if how in (UNDONE, REDONE) and command is not None:
            self.show_message(f"{'Undid' if how == UNDONE else 'Redid'}: {command.label}")

    def _validated(self, report: Any) -> None:
        self.problems.show_report(report.problems, self.document.tables, report.pack is not None)
        self.fit_problems()
        self.model.set_problems(report.problems)
        self._draw_map()

    def _map_affected(self, command: editing.Command | None) -> bool:
        focus = self.focus
        if command is None or not focus or focus[0] != "scenarios" or len(focus) < 2:
            return False
        for op in command.ops:
            if op.path[:2] == ("scenarios", focus[1]) or len(op.path) < 2 or op.path[2:3] == ("title",):
                return True
        return False

    def show_map(self, shown: bool) -> None:
        """View → Show the logic map, or the folded map's button: the supervisor's choice, which the editor
        remembers. Unticked, the map's column goes and its width goes to the contents; it stays hidden, the next
        times too. Ticked, it shows, even where it has no room (squeezed) until the window has room for it."""
        self._map_wanted = self._map_forced = shown
        self._fit_map()

    def show_contents(self) -> None:
        """The folded contents' button: the contents back in their column, the map folded again for want of room."""
        self._map_forced = False
        self._fit_map()
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _contents_give_way(self) -> bool:
        """Whether the map, shown from its button where the three columns have no room, takes the contents' place
        (their column folded to a button at the left edge) because the form and the map have room side by side.
        At the largest text on 1024 × 600 it was squeezed beside them instead: 300 px, its key on four lines, a
        corner of one box in sight, and the contents a word a line."""
        if not self._opened or not self.isVisible() or not (self._map_wanted and self._map_forced):
            return False
        if self._map_fits():
            return False
        button = self.folded_contents_button.sizeHint().width() + 4  # its rail's margin
        return (self.form_stack.minimumWidth() + self.map_panel.roomy_width() + self.columns.handleWidth() + button
                <= self.work_area.width())

    def _fold_contents(self, folded: bool) -> None:
        """The contents' column folded to its button at the left edge, its width to the map (the form keeps its
        least), or back (the columns then shared out by _fit_map)."""
        if folded == self.outline_panel.isHidden():
            return
        self.outline_panel.setVisible(not folded)
        self.folded_contents.setVisible(folded)
        self.work_area.layout().activate()
        if folded:
            form = self.form_stack.minimumWidth()
            self.columns.setSizes([0, form, self.columns.width() - self.columns.handleWidth() - form])
            self.show_message("The logic map has the contents' place; the button at the left edge shows them again.")
    def _map_fits(self) -> bool:
        """Whether the contents, the form and the map each have the width they need to be read at this text size
        (at the largest text on 1024 × 600 the contents were a word a line, the map's key an item a line)."""
        handles = 2 * self.columns.handleWidth()
        return (self._contents_roomy_width() + self.form_stack.minimumWidth() + self.map_panel.roomy_width()
                + handles <= self.work_area.width())

    def _contents_roomy_width(self) -> int:
        """The contents' width with CONTENTS_LINE_CHARS characters on a node's line (three indents in)."""
        self.tree.ensurePolished()
        panel = self.tree.parentWidget()
        margins = panel.layout().contentsMargins() if panel is not None and panel.layout() is not None else None
        sides = margins.left() + margins.right() if margins is not None else 0
        return (self.tree.fontMetrics().averageCharWidth() * CONTENTS_LINE_CHARS + 3 * self.tree.indentation()
                + self.tree.verticalScrollBar().sizeHint().width() + 2 * self.tree.frameWidth() + sides)

    def _limit_map_minimum(self) -> None:
        """The map's column never holds the window wider than it is, nor wider than its screen: its least width is
        what the contents' and the form's least widths leave (MAP_MIN_WIDTH at most). At the largest text the
        three columns' least widths (the map's 300 px among them) took the window to 961 px on an 800-px
        screen, its right side out of sight; the map shown from its folded button did the same."""
        screen = self.screen()
        room = min(self.width(), screen.availableGeometry().width()) if screen is not None else self.width()
        contents = (self.folded_contents_button.sizeHint().width() + 4 if self.outline_panel.isHidden()
                    else least_width(self.outline_panel))
        others = (contents + self.form_stack.minimumWidth()
                  + 2 * self.columns.handleWidth())
        least = max(1, min(MAP_MIN_WIDTH, room - others))
        if least != self.map_panel.minimumWidth():
            self.map_panel.setMinimumWidth(least)
            # the layouts around it reckon their least widths again now (a hidden window's are not told)
            for widget in (self.columns, self.work_area, self.rows):
                widget.updateGeometry()

    def _fit_map(self, settle: bool = False) -> bool:
        """The map shown where the supervisor wants it, a scenario is selected and the window has room for it at the
        text size. With no room, folded to the right edge (a button that shows it), its width given to the contents,
        and back by itself once there is room (a wider window, a smaller text); with no scenario selected (the pack's
        details, a provision, a glossary term), folded the same, its width given to the form, and back as a scenario
        or one of its nodes is selected. Never shown against the supervisor's choice: unticked, it stays hidden, and
        not folded either; shown from its button, it stays until it would show by itself.
        ``settle`` (the editor opening, a new text size): the contents get their width beside the map too.
        True when the map was drawn. Shown from its button where the form and the map have room but not the contents
        too, the map takes the contents' place (see _contents_give_way)."""
        give_way = self._contents_give_way()
        if not give_way:
            self._fold_contents(False)
        drawn = self._fit_map_column(settle)
        if give_way:
            self._fold_contents(True)
        return drawn

    def _fit_map_column(self, settle: bool) -> bool:
        """_fit_map for the map's own column: shown, folded to its button or hidden. True when the map was drawn."""
        self._limit_map_minimum()
        if not self._opened or not self.isVisible():  # the columns are not laid out yet: fitted when shown
            return False
        fits, subject = self._map_fits(), self._map_has_scenario()
        if fits and subject:
            self._map_forced = False  # from now on folded again when the room or the scenario goes
        shown = self._map_wanted and ((fits and subject) or self._map_forced)
        self.show_map_action.setChecked(shown)
        for act in (self.zoom_in_action, self.zoom_out_action, self.fit_action):
            act.setEnabled(shown)
        folded = self._map_wanted and not shown
        self.folded_map_button.set_reason(fits)
        with_map = self.columns.sizes()
        hiding = not shown and not self.map_panel.isHidden()
        if hiding:  # before the folded button shows: the two side by side held the window wider than its screen
            self.map_panel.hide()
        if folded != (not self.folded_map.isHidden()):
            self.folded_map.setVisible(folded)
            self.work_area.layout().activate()  # the columns' width with or without it, before they are shared out
            if folded and not fits:
                self.show_message("No room for the logic map at this text size: it is folded at the right edge.")
        if hiding:
            self._map_column(False, with_map, to_form=self._map_wanted and fits)  # folded with no scenario to show
            return False
        if shown == (not self.map_panel.isHidden()):
            if shown and settle:
                self._give_contents_room()
            return False
        self._map_column(shown)
        if shown:
            self._give_contents_room()
            self._draw_map()
        return shown

    def _map_has_scenario(self) -> bool:
        """Whether a scenario or one of its nodes is selected: what the map shows."""
        return bool(self.focus and self.focus[0] == "scenarios" and len(self.focus) >= 2)

    def _give_contents_room(self) -> None:
        """The contents as wide as they need to be read beside the map, from what the form and then the map have
        over what they need (at the largest text on 1280 × 800 they kept the first 290 px: three words a line)."""
        if self._map_forced:  # squeezed on purpose: each column keeps what it has
            return
        contents, form, map_width = self.columns.sizes()
        short = self._contents_roomy_width() - contents
        from_form = max(0, min(short, form - self.form_stack.minimumWidth()))
        from_map = max(0, min(short - from_form, map_width - self.map_panel.roomy_width()))
        if from_form or from_map:
            self.columns.setSizes([contents + from_form + from_map, form - from_form, map_width - from_map])

    def _map_column(self, shown: bool, with_map: list[int] | None = None, to_form: bool = False) -> None:
        """The map's column and the columns' widths, without drawing the map (closing remembers the widths).
        Hidden: ``with_map`` the widths as they were with it (None: as they are); ``to_form``, its width goes to the
        form (nothing for the map to show: the form is what the supervisor works on), else to the contents."""
        if not shown:
            contents, form, map_width = with_map or self.columns.sizes()
            # as they were, to go back to; none when the map had no width (remembered by an older version)
            if map_width <= 0 or contents > 0:  # (none while the map had the contents' place: as before it)
                self._columns_with_map = [contents, form, map_width] if map_width > 0 else None
            self.map_panel.hide()
            # the form has the width it needs already; the contents take the rest (sizes read as the editor opens,
            # before the columns' first layout, add up to less than their width)
            if to_form:
                rest = self.columns.width() - self.columns.handleWidth() - contents
                self.columns.setSizes([contents, max(form + map_width, rest), 0])
            else:
                rest = self.columns.width() - self.columns.handleWidth() - form
                self.columns.setSizes([max(contents + map_width, rest), form, 0])
            return
        self.map_panel.show()
        self.columns.setSizes(self._columns_with_map or list(DEFAULT_COLUMNS))

    def _draw_map(self) -> None:
        self._map_timer.stop()
        if self.map_panel.isHidden():  # drawn when shown again
            return
        focus = self.focus
        tables = self.document.tables
        if not focus or focus[0] != "scenarios" or len(focus) < 2:
            self.map_panel.show_scenario(None, None, {}, {})
            return
        scenario = editing.get(tables, focus[:2], None)
        if not isinstance(scenario, dict):
            self.map_panel.show_scenario(None, None, {}, {})
            return
        titles = {str(d.get("scenario_id")): str(d.get("title", "")) for _, d in editing.records(tables, "scenarios")
                  if isinstance(d, dict)}
        report = self.document.report
        problems = editing.node_problem_ids(report.problems, str(scenario.get("scenario_id"))) if report else {}
        entries = editing.entry_nodes(tables, str(scenario.get("scenario_id")))
        self.map_panel.show_scenario(scenario, str(focus[1]), titles, problems, self._selected_node_id(), entries)

    def _map_node_clicked(self, index: int) -> None:
        if self.focus and self.focus[0] == "scenarios" and len(self.focus) >= 2:
            self.commit_typing()
            self.select(("scenarios", self.focus[1], "nodes", index))

    def _map_subflow_clicked(self, scenario_id: str) -> None:
        key = editing.find_record(self.document.tables, "scenarios", scenario_id)
        if key is not None:
            self.commit_typing()
            self.select(("scenarios", key))

    def go_to_problem(self, problem: Problem) -> None:
        self.commit_typing()
        where = editing.locate(self.document.tables, problem.table, problem.record, problem.field)
        if where.focus is None:
            self.show_error(f"{self.document.display_name}: {problem.message} (this problem is about the whole file)")
            return
        self.select(where.focus)
        kind = self._focus_kind(self.focus)
        form = self.forms[kind]
        widget = form.focus_field(where.field) if where.field and hasattr(form, "focus_field") else None
        if widget is not None:
            self._form_pages[kind].ensureWidgetVisible(widget, 20, 40)
        # where, as the Problems panel says it: the message alone ("no answer leads to this node") named no record
        self.show_message(describe(problem, self.document.tables))

    def next_problem(self) -> None:
        view = self.problems.view
        count = self.problems.model.rowCount()
        if not count:
            self.show_message("No problems.")
            return
        row = (view.currentIndex().row() + 1) % count
        index = self.problems.model.index(row, 0)
        view.setCurrentIndex(index)
        problem = index.data(Qt.ItemDataRole.UserRole + 1)
        if problem is not None:
            self.go_to_problem(problem)

    def next_pane(self) -> None:
        """F6: contents → form → map → problems → contents."""
        form_page = self.form_stack.currentWidget()
        panes: list[QWidget] = [self.tree, form_page]
        if not self.map_panel.isHidden():
            panes.append(self.map_panel.view)
        elif not self.folded_map.isHidden():
            panes.append(self.folded_map_button)
        if self.problems.view.isVisible():  # hidden while there are no problems
            panes.append(self.problems.view)
        focus = QApplication.focusWidget()
        current = next((i for i, pane in enumerate(panes) if focus is not None
                        and (focus is pane or pane.isAncestorOf(focus))), -1)
        target = panes[(current + 1) % len(panes)]
        if target is form_page:
            form = self.current_form()
            target = form.nextInFocusChain() if form.focusPolicy() == Qt.FocusPolicy.NoFocus else form
            for child in form.findChildren(QWidget):
                if child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.isVisible() and child.isEnabled():
                    target = child
                    break
        target.setFocus(Qt.FocusReason.TabFocusReason)

    # -- edits from the toolbar and menus -------------------------------------------------------------

    def apply(self, command: editing.Command | None) -> bool:
        """Apply an edit; one the document refuses is said in the status bar (False)."""
        try:
            self.document.apply(command)
        except editing.EditError as exc:
            self.show_error(str(exc))
            return False
        return True

    def edit(self, build: Callable[..., editing.Command | None], *args: object) -> bool:
        """Build an edit from the tables as they are and apply it; False when it could not be made. An edit
        that cannot be built (a list in the file that is not a list) is said in the status bar; it reached
        the crash dialog."""
        try:
            command = build(self.document.tables, *args)
        except editing.EditError as exc:
            self.show_error(str(exc))
            return False
        return self.apply(command)

    def undo(self) -> None:
        self.document.undo()

    def redo(self) -> None:
        self.document.redo()

    def _record_index(self, table: str) -> int | None:
        if self.focus and self.focus[0] == table and len(self.focus) >= 2:
            return editing.record_index(str(self.focus[1]))
        return None

    def add_provision(self) -> None:
        self.add_record("provisions")

    def add_scenario(self) -> None:
        self.add_record("scenarios")

    def add_record(self, table: str) -> None:
        """A new record of ``table`` after the selected one of it (else at the end); the edit selects it. A new
        provision's id is asked for first (NewIdDialog), as citations name it: one added as NEW-PROVISION was
        published so when nothing asked to rename it. A new scenario's category is asked for first
        (NewScenarioDialog)."""
        at = self._record_index(table)
        index = None if at is None else at + 1
        if table == "provisions":
            if self.new_id_dialog is not None:
                self.new_id_dialog.close()
            self.new_id_dialog = NewIdDialog(self.document, table, self)
            self.new_id_dialog.chosen.connect(lambda ident: self._add_named(table, index, ident))
            self.new_id_dialog.finished.connect(self._new_id_dialog_closed)
            self.new_id_dialog.open()
            return
        retired = (*self.document.doc.opened_scenario_ids, *self.document.earlier_ids["scenarios"])
        if table == "scenarios":
            # its category is asked for first: it was the pack's first, whatever the situation, and the supervisor
            # had to find the Category box to move it
            if self.new_scenario_dialog is not None:
                self.new_scenario_dialog.close()
            here = str(editing.get(self.document.tables, (*self.focus[:2], "category"), "")) if at is not None else ""
            self.new_scenario_dialog = NewScenarioDialog(
                self.document, editing.next_scenario_id(self.document.tables, retired), here, self)
            self.new_scenario_dialog.chosen.connect(lambda category: self._add_scenario_in(index, category))
            self.new_scenario_dialog.finished.connect(self._new_scenario_dialog_closed)
            self.new_scenario_dialog.open()
            return
        if self.edit(editing.add_record, table, index, retired):
            self.show_message(_ADDED[table])

    def _add_scenario_in(self, index: int | None, category: str) -> None:
        if index is not None and index > len(editing.records(self.document.tables, "scenarios")):
            index = None  # the draft changed under the dialog (an Undo): at the end
        retired = (*self.document.doc.opened_scenario_ids, *self.document.earlier_ids["scenarios"])
        if self.edit(editing.add_record, "scenarios", index, retired, None, category):
            self.show_message(_ADDED["scenarios"])
            self.scenario_form.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)  # the next thing to write

    def _new_scenario_dialog_closed(self) -> None:
        if self.new_scenario_dialog is not None:
            self.new_scenario_dialog.deleteLater()
            self.new_scenario_dialog = None

    def _add_named(self, table: str, index: int | None, ident: str) -> None:
        if index is not None and index > len(editing.records(self.document.tables, table)):
            index = None  # the draft changed under the dialog (an Undo): at the end
        if self.edit(editing.add_record, table, index, (), ident):
            self.show_message(_ADDED[table])
            # the next thing to write, its starter words selected: typing writes over them (it stayed in the
            # contents, and the supervisor went looking for the title with the mouse)
            self.provision_form.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _new_id_dialog_closed(self) -> None:
        if self.new_id_dialog is not None:
            self.new_id_dialog.deleteLater()
            self.new_id_dialog = None

    def add_node(self, kind: str) -> None:
        focus = self.focus
        if not focus or focus[0] != "scenarios" or len(focus) < 2:
            return
        after = int(focus[3]) if len(focus) >= 4 else None
        if self.edit(editing.add_node, str(focus[1]), kind, after) and self.focus is not None and len(self.focus) >= 4:
            # the new node's first problem says no answer leads to it: say where that is made
            node = editing.get(self.document.tables, (*self.focus, "node_id"), "")
            scenario = editing.get(self.document.tables, (*self.focus[:2], "scenario_id"), "")
            self.show_message(f"Added {kind} {node} to {scenario}: pick it in an answer's “Leads to” to reach it.")

    def duplicate_selected(self) -> None:
        focus, kind = self.focus, self._focus_kind(self.focus)
        if kind in RECORD_FORM_KINDS:
            self.edit(editing.duplicate_record, focus[0], str(focus[1]))
        elif kind in ("question", "outcome"):
            self.edit(editing.duplicate_node, str(focus[1]), int(focus[3]))

    def delete_selected(self) -> None:
        focus, kind = self.focus, self._focus_kind(self.focus)
        if kind in RECORD_FORM_KINDS:
            what = f"{editing.RECORD_KINDS[focus[0]]} {editing.get(self.document.tables, (*focus, editing.ID_KEYS[focus[0]]), '')}"
            build: Callable[..., editing.Command | None] = editing.delete_record
            args: tuple[object, ...] = (focus[0], str(focus[1]))
        elif kind in ("question", "outcome"):
            what = f"{kind} {editing.get(self.document.tables, (*focus, 'node_id'), '')}"
            build, args = editing.delete_node, (str(focus[1]), int(focus[3]))
        else:
            return
        left = _left_pointing_nowhere(editing.references(self.document.tables, focus))
        if self.edit(build, *args):
            self.show_message(f"Deleted {what}{left}. Undo (Ctrl+Z) brings it back.")

    def move_selected(self, delta: int) -> None:
        focus, kind = self.focus, self._focus_kind(self.focus)
        if kind in RECORD_FORM_KINDS:
            self.edit(editing.move_record, focus[0], str(focus[1]), delta)
        elif kind in ("question", "outcome"):
            self.edit(editing.move_node, str(focus[1]), int(focus[3]), delta)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.work_area and event.type() == QEvent.Type.Resize:
            self._fit_map()  # a narrower window may leave the map no room, a wider one give it back
        if watched is self.tree and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if event.key() == Qt.Key.Key_Delete:
                self.delete_selected()
                return True
            if ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_selected(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)

    # -- files -----------------------------------------------------------------------------------------------

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        """Save / Discard / Cancel for unsaved changes (tests replace QMessageBox.exec)."""
        return ask(
            self, "Unsaved changes",
            f"{self.document.display_name} has changes that are not saved. Save them first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current tables (saved, discarded or unchanged)."""
        self.commit_typing()
        if not self.document.dirty:
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def save(self) -> bool:
        self.commit_typing()
        d = self.document
        if d.path is None or d.protected:
            return self.save_as()
        return self._write(d.path)

    def save_as(self) -> bool:
        self.commit_typing()
        d = self.document
        suggestion = d.path if d.path is not None and not d.protected else Path.home() / "encounter-guide-draft.json"
        name, _ = save_file_name(self, "Save the data pack as", str(suggestion), "Data packs (*.json)")
        if not name:
            return False
        target = Path(name)
        if target.suffix == "":
            target = target.with_suffix(".json")
        if is_protected(target):
            self.show_error(f"{target.name} is the app's own data or an installed update; choose another file.")
            return False
        return self._write(target)

    def _write(self, target: Path) -> bool:
        before = signed_bytes(target)  # what a signature file beside the target was made for, perhaps
        # known out of date already (an earlier save): the bytes before are not what it was made for, which a
        # signature file recording no SHA-256 cannot tell by itself
        known_stale = self.stale_signature is not None and self.stale_signature == signature_path(target)
        try:
            data = self.document.save_to(target)
        except OSError as exc:
            self.show_error(f"Could not save {target.name}: {exc.strerror or exc}")
            return False
        was_stale = before is not None and (known_stale or stale_signature(target, before, before) is not None)
        self.stale_signature = (stale_signature(target, data, None if known_stale else before)
                                if before is not None else None)
        self._update_title()
        # the draft as saved, checked: the last report may be of the draft before the last change (saved within the
        # check's 0.3 s wait, a rescission just made said "Saved …" as if the draft were clean); ~40 ms for the
        # bundled pack, as Publish… checks it
        report = self.document.report if self.document.report_is_current else self.document.validate_now()
        errors = len(report.errors) if report is not None else 0
        if errors:
            message = (f"Saved a draft to {target.name} with {errors} problem{'s' if errors != 1 else ''}; "
                       f"fix {'them' if errors != 1 else 'it'} before publishing.")
        else:
            message = f"Saved {target.name}."
        stale = self.stale_signature
        if stale is not None:
            message += f" Its signature {stale.name} is out of date: Publish… signs it again."
        self.show_message(message)
        if stale is not None and not was_stale:  # this save is what parted the file from its signature
            self.warn_stale_signature(target, stale)
        self.pack_saved.emit(str(target))
        return True

    def warn_stale_signature(self, target: Path, signature: Path) -> None:
        """Say once, when a Save changes a signed pack, that its signature no longer matches it."""
        QMessageBox.warning(
            self, "The signature no longer matches", plain_tip(
                f"{target.name} is saved, but its signature file {signature.name}, beside it, was made for the file "
                "as it was before. The two no longer match, so an officer's app would refuse them as changed since "
                f"signed.\n\nNothing was deleted: {signature.name} is kept as it was. To send this version to "
                "officers, use Publish… (Ctrl+Shift+P): it writes the next data version and signs it."))

    def open_file(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.document.path.parent) if self.document.path else str(Path.home())
        name, _ = open_file_name(self, "Open a data pack", start, "Data packs (*.json)")
        if name:
            self.load(Path(name))

    def open_report(self, path: Path | None = None) -> bool:
        """File → Open problem report…: select the scenario step, outcome, provision or glossary term an officer's
        report (Help → Report a problem with this screen) is about, and show their words. False when the file is not
        a readable report or what it is about is not in this pack."""
        from desktop.domain.codec import readable_parts
        from desktop.domain.problem_report import SCREEN_WORDS, ReportError, compared_with
        from desktop.storage.user_files import read_report_file

        if path is None:
            name, _ = open_file_name(self, "Open a problem report", str(Path.home()),
                                                  "Problem reports (*.txt);;All files (*)")
            if not name:
                return False
            path = Path(name)
        try:
            report = read_report_file(path)
        except ReportError as exc:
            self.show_error(str(exc))
            return False
        screen, tables = report.screen, self.document.tables
        focus: editing.Path | None = None
        if screen.kind in ("question", "outcome"):
            key = editing.find_record(tables, "scenarios", screen.scenario_id)
            index = editing.find_node(tables, key, screen.node_id) if key is not None else None
            focus = ("scenarios", key, "nodes", index) if key is not None and index is not None else None
            what = f"step {screen.node_id} of {screen.scenario_id}"
        elif screen.kind == "provision":
            key = editing.find_record(tables, "provisions", screen.provision_id)
            focus = ("provisions", key) if key is not None else None
            what = f"provision {screen.provision_id}"
        elif screen.kind == "term":
            key = editing.find_record(tables, "glossary", screen.text)
            focus = ("glossary", key) if key is not None else None
            what = f"glossary term {screen.text}"
        else:
            what = SCREEN_WORDS.get(screen.kind, screen.kind).lower()
        words = " ".join(report.comment.split()) or "(no words)"
        about = f"Report on data version {report.data_version} about {what}: “{words}”"
        if focus is None:
            self.show_error(f"{about}. It is not in this file (removed or renamed?)" if screen.kind in (
                "question", "outcome", "provision", "term") else f"{about}. There is nothing in the data to select")
            return False
        self.commit_typing()
        self.select(focus)
        self.show_message(about)
        pack = self.document.validate_now().pack
        unreadable: frozenset[str] = frozenset()
        if pack is None:  # mid-edit, with problems: compare with what the draft has
            pack, unreadable = readable_parts(self.document.tables)
        comparison = compared_with(report, pack, self._file_sha256(), unreadable)
        self.report_note.show_report(what, report.comment, comparison)
        return True

    def _file_sha256(self) -> str:
        """The SHA-256 of the pack file as last opened or saved ("" when there is none), to tell a report made on
        that very file from one made on another file of the same data version."""
        path = self.document.path
        try:  # the one reader: a file swapped since for a pipe (waited on for a writer) or a device is not read
            return hashlib.sha256(read_limited(path, MAX_PACK_BYTES)).hexdigest() \
                if path is not None and not self.document.dirty else ""
        except OSError:
            return ""

    def open_builtin(self) -> None:
        if self.maybe_save():
            self.load(paths.bundled_pack(), protected=True)

    def load(self, path: Path, protected: bool = False) -> bool:
        try:
            tables = read_tables(path)
        except PackError as exc:
            self.show_error(f"{path.name} cannot be opened: {exc.problems[0].message if exc.problems else exc}")
            return False
        self._expanded.clear()
        self.focus = None
        self.report_note.hide()  # about the pack closed
        self.document.replace_tables(tables, path, protected)
        self._read_earlier_ids()
        self._check_signature()
        self._update_title()
        self.model.refresh(self.document.tables)
        self._restore_expanded()
        self.select(("meta",))
        return True

    def _read_earlier_ids(self) -> None:
        """Note the provision and scenario ids of every earlier version of the pack this computer knows of (the
        app's own, those installed, those published from the draft's folder): + Scenario never numbers a new
        situation with one, and a published id is not renamed without saying what that changes."""
        library = self.library or PackLibrary()
        beside = self.document.path.parent if self.document.path is not None else None
        self.document.earlier_ids = earlier_ids(library.root, library.bundled, beside)

    # -- publishing ------------------------------------------------------------------------------------------

    def publish(self) -> None:
        self.commit_typing()
        report = self.document.validate_now()
        if report.errors or report.pack is None:
            count = len(report.errors)
            QMessageBox.warning(
                self, "Fix the problems first",
                f"This pack has {count} problem{'s' if count != 1 else ''}. Publishing needs none: they are "
                "listed in the Problems panel (F8 goes to the next one). You can save a draft meanwhile.")
            return
        draft_version, version, target = self._publish_proposal()
        self._publish_version, self._publish_target = version, target
        comparison = compare_with_data_in_use(report.pack, self.library or PackLibrary())
        self.publish_dialog = PublishDialog(self._publish_to, version, target, None, self.today, self,
                                            as_of=source_as_of(self.document.tables), draft_version=draft_version,
                                            expires_after_days=report.pack.meta.expires_after_days,
                                            comparison=comparison)
        self.publish_dialog.finished.connect(self._publish_dialog_closed)
        self.publish_dialog.open()

    def _publish_proposal(self) -> tuple[int, int, Path]:
        """The draft's data version, the version Publish… proposes and the file it proposes for it."""
        draft_version = int(editing.records(self.document.tables, "meta")[0][1].get("data_version", 0))
        # above every version published from this window and every one this machine has published (under any
        # file name, in any session) or installed: a data version is never used twice
        version = next_data_version(draft_version, self.published_version, highest_machine_version())
        folder = self.document.path.parent if self.document.path and not self.document.protected else Path.home()
        stem = (self.document.path.stem if self.document.path else "encounter-guide").split("-v")[0]
        target = folder / f"{stem}-v{version}.json"
        while target.exists():  # published from this draft before (in an earlier session, say): go above it
            version = next_data_version(version, published_version(target))
            target = folder / f"{stem}-v{version}.json"
        return draft_version, version, target

    def _publish_dialog_closed(self) -> None:
        if self.publish_dialog is not None:
            self.publish_dialog.deleteLater()
            self.publish_dialog = None

    def _publish_to(self, target: Path, key: Path, as_of: dt.date) -> str | None:
        """Run the publish API; on success carry the new version into the working copy."""
        if is_protected(target):
            return f"{target.name} is the app's own data or an installed update; choose another file."
        try:
            result = publish(self.document.doc.snapshot(), target, key, as_of=as_of, today=self.today,
                             newer_than=self._publish_version - 1, wait_for_lock=False,  # PublishBusy: the dialog retries
                             expect_version=self._publish_version if self.publish_dialog is not None else None)
        except PublishMoved:
            # published from another editor window, or with the command, since the dialog opened: the pack
            # would be a version the dialog did not say, in a file whose name gives the old one
            draft_version, version, proposed = self._publish_proposal()
            was_proposed = target == self._publish_target  # a name the supervisor typed is kept
            self._publish_version, self._publish_target = version, proposed
            if self.publish_dialog is not None:  # always, as the version is expected only from the dialog
                self.publish_dialog.propose(version, proposed if was_proposed else target, draft_version)
            return (f"Data version {version - 1} was published on this computer (from another window, or the "
                    f"command) while this dialog was open, so this pack is version {version}"
                    f"{f', to {proposed.name}' if was_proposed else ''}. Press Publish again.")
        except KeyFileError as exc:
            return str(exc)
        except PackError as exc:
            # each problem as the Data dialogs and the comparison show it: its text escaped once (as_seen)
            return "The pack was refused: " + "; ".join(as_seen(p.text()) for p in exc.problems[:3])
        except OSError as exc:
            return f"Could not write {target.name}: {exc.strerror or exc}"
        self.published_version = max(result.data_version, self.published_version or 0)
        published = read_tables(result.path)
        self.document.earlier_ids = {  # the version just published is one of them now
            table: ids | set(editing.ids(published, table)) for table, ids in self.document.earlier_ids.items()}
        meta_key = editing.records(self.document.tables, "meta")[0][0]
        new_meta = editing.records(published, "meta")[0][1]
        changes = {("meta", meta_key, name): new_meta[name] for name in ("data_version", "as_of", "reviewed_on")}
        here = self.focus

        def new_version(tables: Any) -> editing.Command | None:
            # the supervisor stays where they were (and Undo brings them back there): the edit is to the pack's
            # details, which the editor jumped to, so the provision just edited had to be found again
            command = editing.set_values(tables, changes, f"Publish data version {result.data_version}")
            return command and dataclasses.replace(command, focus_before=here, focus_after=here)

        self.edit(new_version)
        if self.document.path is not None and target.resolve() == self.document.path.resolve():
            if self.document.tables == published:
                self.document.doc.mark_clean()
                self.document._notify_dirty()
        self._check_signature()  # a publish over the document's own file signs it again
        self._update_title()
        # the key by the name this computer trusts it under, as Install names it ("signed by CPD Office of Legal
        # Affairs"), where it read "signed with key 5d08cfa106df491b"; its id and the signature file in the tooltip
        trusted = (self.library or PackLibrary()).trusted_keys
        self.show_message(self._fitting(f"Published data version {result.data_version} to {result.path.name}",
                                        f", signed {by_key(result.key_id, trusted, with_id=False)}",
                                        f" ({result.signature_path.name})"),
                          detail=f"Data version {result.data_version} was published to {result.path}, signed "
                                 f"{by_key(result.key_id, trusted)}. Its signature is {result.signature_path.name}.")
        # the next publish may not know this version is used; the pack will be refused where its key is not
        # trusted: say so, not in passing
        notes = [note for note in (result.record_note, untrusted_key_note(result.key_id, trusted)) if note]
        if notes:
            QMessageBox.warning(self, "Published, with a warning", plain_tip(
                f"Data version {result.data_version} was published to {result.path.name}.\n\n" + "\n\n".join(notes)))
        self.pack_published.emit(str(result.path))
        return None

    # -- the panels' sizes -----------------------------------------------------------------------------------

    def fit_problems(self) -> None:
        """The problems list takes the height the supervisor gave it when its problems fill it, and only what
        they need when they need less (the summary line alone when there are none): the forms and the map get
        the rest. It grows again, up to the supervisor's height, as problems appear."""
        panel = self.problems
        if not self.isVisible() or not panel.report_shown:
            return
        if self._rows_restored:  # at the final layout: the status bar grows a few pixels after the first show
            self._rows_restored = False
            self._keep_half_for_the_forms()
            panel.chosen_height = self.rows.sizes()[1]
        total = sum(self.rows.sizes())
        needed = panel.needed_height(most=panel.chosen_height)
        panel.fit_to(needed if needed < panel.chosen_height else None)
        if total > 0:
            self.rows.setSizes([total - needed, needed])

    def show_problems_list(self, shown: bool) -> None:
        """Show the problems list, or fold it under its summary line: its room goes to the forms and the map."""
        self.show_problems_action.setChecked(shown)
        if shown == self.problems.list_wanted:
            return
        if not shown and self.problems.view.hasFocus():
            self.problems.toggle.setFocus()  # the focus stays on the panel, on the button that folded it
        self.problems.show_list(shown)
        self.fit_problems()

    def _keep_half_for_the_forms(self) -> None:
        """As the editor opens, the forms' and the map's row keeps at least half the height (MIN_WORK_HEIGHT
        where there is more room): the problems list keeps its pixels as the window shrinks, so one left tall
        on a bigger screen took the forms' room."""
        work, problems = self.rows.sizes()
        least = min(MIN_WORK_HEIGHT, (work + problems) // 2)
        if work < least:
            self.rows.setSizes([least, work + problems - least])

    def _problems_height_chosen(self) -> None:
        """The supervisor dragged the splitter: that is the list's height from now on (smaller than its
        problems need, or larger when they fill it)."""
        self.problems.chosen_height = self.rows.sizes()[1]

    def _remembered_rows(self) -> QByteArray:
        """The rows' state with the height the supervisor chose for the problems list, not the one its few
        problems took."""
        panel = self.problems
        if panel.fitted:
            total = sum(self.rows.sizes())
            chosen = panel.chosen_height
            panel.fit_to(None)
            self.rows.setSizes([total - chosen, chosen])
            state = self.rows.saveState()
            self.fit_problems()
            return state
        return self.rows.saveState()

    # -- closing ---------------------------------------------------------------------------------------------

    def _restore_panels(self) -> None:
        """The panels as the supervisor last left them (a wider contents panel, a taller problems list)."""
        if self.settings is None:
            return
        columns, rows = self.settings.editor_panels
        if columns is not None:
            self.columns.restoreState(columns)  # a state it cannot read is ignored: the default sizes stay
        if rows is not None:
            self._rows_restored = self.rows.restoreState(rows)
        # hidden on a small screen: hidden again once shown (the columns laid out as remembered, with the map)
        self._map_wanted = self.settings.editor_map_shown

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt API)
        if visible:  # at the size it was given while hidden (a resize then reaches no event filter before the layout)
            self._limit_map_minimum()
        super().setVisible(visible)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self._rows_restored:  # at the size the window opens at (and again with the first check's report)
            self._keep_half_for_the_forms()
        if not self.problems.fitted:
            self.problems.chosen_height = self.rows.sizes()[1]
        self.fit_problems()
        self._fit_form_column()
        self._opened = True
        self._fit_map(settle=True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if not self.maybe_save():
            event.ignore()
            return
        if self.settings is not None:
            hidden = self.map_panel.isHidden()
            if hidden:  # the widths as the supervisor left them with the map, to go back to when it is shown
                self._map_column(True)  # not drawn: the window is closing
            self.settings.editor_panels = (self.columns.saveState(), self._remembered_rows())
            self.settings.editor_map_shown = self._map_wanted  # not the map folded for room
        self.document.shutdown()
        try:
            QApplication.instance().focusChanged.disconnect(self._focus_moved)
        except (RuntimeError, TypeError):
            pass
        event.accept()
        self.closed.emit()
