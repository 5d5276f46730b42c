"""The supervisor editor driven through its real widgets: edit, pick, undo, see problems, save, publish."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFontInfo, QHelpEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolTip,
    QWidget,
)

from desktop import paths
from desktop.domain import editing, wizard
from desktop.domain.codec import pack_to_tables
from desktop.domain.model import VERDICT_LABELS
from desktop.domain.readability import grade_words
from desktop.domain.validation import Problem
from desktop.storage.file_lock import hold_lock
from desktop.storage.library import PackLibrary
from desktop.storage.pack_file import load_pack
from desktop.storage.publish import PUBLISHED_FILE, publish, read_tables
from desktop.storage.signing import SignatureError, generate_keypair, load_trusted_keys, verify_file
from desktop.ui.editor import close_editors, open_editor, open_editors, publish_dialog
from desktop.ui.editor.fields import PartialDateEdit, ReadingGrade
from desktop.ui.editor.problems import SeverityRole
from desktop.ui.editor.tree_model import FocusRole
from desktop.ui.editor.window import EditorWindow
from desktop.ui.settings import TEXT_STEP_MAX
from desktop.ui.widgets import wrappable
from tests.conftest import BUNDLED_PACK, MINI_PACK, REPO
from tests.ui.editor.conftest import wait_checked
from tests.ui.ui_helpers import painted_lines_height, type_text

# -- helpers ---------------------------------------------------------------------------------------------


def select_record(window: EditorWindow, table: str, ident: str) -> str:
    key = editing.find_record(window.document.tables, table, ident)
    assert key is not None, ident
    window.select((table, key))
    return key


def select_node(window: EditorWindow, scenario_id: str, node_id: str) -> tuple[str, int]:
    key = editing.find_record(window.document.tables, "scenarios", scenario_id)
    assert key is not None
    index = editing.find_node(window.document.tables, key, node_id)
    assert index is not None
    window.select(("scenarios", key, "nodes", index))
    return key, index


def replace_text(qtbot, edit: QLineEdit, text: str) -> None:
    """Select all and type, as a person would (non-ASCII safe)."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(edit, text)


def choose(qtbot, combo: QComboBox, data: object) -> None:
    """Pick the item carrying ``data`` with the keyboard (Home, then Down until it is current)."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data, f"{data!r} is not in the list"


def click_row(qtbot, view: QAbstractItemView, row: int) -> None:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def activate(qtbot, window: EditorWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def problem_texts(window: EditorWindow) -> list[str]:
    return window.problems.model.texts()


def write_over_starter_words(window: EditorWindow) -> None:
    """Write over the words the editor put in new provisions' fields (STARTER_WORDS), as a supervisor does
    before publishing: left as they are, they are a problem."""
    from desktop.domain.model import STARTER_WORDS

    starters = set(STARTER_WORDS.values())
    changes = {}
    for key, doc in editing.records(window.document.tables, "provisions"):
        for path in (("title",), ("cite_as",), ("summary",), ("text",), ("source", "document")):
            if editing.get(doc, path) in starters:
                changes[("provisions", key, *path)] = f"{doc['provision_id']} {path[-1]}"
    window.edit(lambda tables: editing.set_values(tables, changes, "Write the new provisions"))


def add_provision(window: EditorWindow, qtbot, ident: str = "") -> None:
    """+ Provision, as a supervisor does it: the dialog asks for the new provision's id; type ``ident`` (default: a
    free one, P1, P2…) and press Enter."""
    window.add_provision_action.trigger()
    dialog = window.new_id_dialog
    assert dialog is not None and dialog.isVisible()
    taken = editing.ids(window.document.tables, "provisions") if isinstance(window.document.tables.get("provisions"),
                                                                             dict) else []
    ident = ident or next(f"P{n}" for n in range(1, 999) if f"P{n}" not in taken)
    qtbot.keyClicks(dialog.id_edit, ident)
    qtbot.keyClick(dialog.id_edit, Qt.Key.Key_Return)
    assert window.new_id_dialog is None or not dialog.isVisible(), dialog.problem.text()


def accept_new_scenario(window: EditorWindow, qtbot, category: str | None = None) -> None:
    """+ Scenario's dialog, open: type ``category`` over the one offered (if given) and press Enter."""
    dialog = window.new_scenario_dialog
    assert dialog is not None and dialog.isVisible()
    if category is not None:
        dialog.category.clearEditText()
        qtbot.keyClicks(dialog.category.lineEdit(), category)
    qtbot.keyClick(dialog.category.lineEdit(), Qt.Key.Key_Return)
    assert window.new_scenario_dialog is None or not dialog.isVisible(), dialog.problem.text()


# -- opening ---------------------------------------------------------------------------------------------


def test_opens_a_pack_with_outline_form_map_and_no_problems(editor: EditorWindow) -> None:
    model = editor.model
    assert model.rowCount() == 5  # pack details, provisions, scenarios, glossary, search synonyms
    assert model.rowCount(model.index(1, 0)) == 5 and model.rowCount(model.index(2, 0)) == 4
    assert model.rowCount(model.index(3, 0)) == 1 and model.rowCount(model.index(4, 0)) == 2
    assert model.index(3, 0).data() == "Glossary (1)" and model.index(4, 0).data() == "Search synonyms (2)"
    assert "No problems" in editor.problems.summary.text()
    assert editor.form_stack.currentWidget().widget() is editor.meta_form
    assert not editor.document.protected and not editor.isWindowModified()


def test_tree_and_problem_models_pass_the_model_tester(qtmodeltester, editor: EditorWindow, qtbot) -> None:
    qtmodeltester.check(editor.model)
    qtmodeltester.check(editor.proxy)
    select_node(editor, "S10", "o_no")
    editor.delete_action.trigger()  # structure changes: the tree resets
    wait_checked(qtbot, editor)
    qtmodeltester.check(editor.model)
    qtmodeltester.check(editor.problems.model)
    assert editor.problems.model.rowCount() > 0


LONG_TITLE = ("Duty to render aid to anyone injured at the scene, whoever caused the injury, including people "
              "held by federal agents, until medical help arrives and takes over")


def shows_whole(view: QAbstractItemView, index) -> bool:
    """The row is as tall as the lines its words paint in at the width it gives them (no "…")."""
    return 0 < painted_lines_height(view, index) <= view.visualRect(index).height()


def test_the_outline_shows_every_title_whole_at_any_width(editor: EditorWindow, qtbot) -> None:
    """Long provision and scenario titles were cut at the contents panel's edge ("Duty to render aid to
    a…"), and at 90 characters even in their tooltips: a supervisor could not read them in the outline.
    Rows now wrap their titles over as many lines as the panel's width needs, also after the panel is
    narrowed or widened, and the tooltips give every word."""
    editor.resize(1024, 600)
    key = select_record(editor, "provisions", "IL-720-7-15")
    replace_text(qtbot, editor.provision_form.title_edit, LONG_TITLE)
    wait_checked(qtbot, editor)
    index = editor.proxy.mapFromSource(editor.model.index_of(("provisions", key)))
    assert index.data() == f"IL-720-7-15 — {LONG_TITLE}"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == f"IL-720-7-15 — {LONG_TITLE}"
    tree = editor.tree
    line = tree.fontMetrics().lineSpacing()
    assert tree.visualRect(index).height() >= 3 * line, "wrapped, not cut"
    assert shows_whole(tree, index)
    assert tree.horizontalScrollBar().maximum() == 0, "no sideways scrolling"
    heights = {}
    for width in (220, 420, 260):  # the supervisor drags the splitter: narrower, wider, narrower again
        editor.columns.setSizes([width, 480, 1024 - width - 480])
        qtbot.waitUntil(lambda w=width: tree.viewport().width() < w)
        heights[width] = tree.visualRect(index).height()
        assert shows_whole(tree, index), width
        # the selected row stays in sight (Qt's scrollTo leaves a row's last pixel, its padding, below the edge)
        assert tree.viewport().rect().adjusted(0, 0, 0, 1).contains(tree.visualRect(index)), width
    assert heights[220] > heights[260] > heights[420] >= line

    scenario = select_record(editor, "scenarios", "S08")
    replace_text(qtbot, editor.scenario_form.title_edit, "Someone is hurt and " + LONG_TITLE)
    row = editor.proxy.mapFromSource(editor.model.index_of(("scenarios", scenario)))
    assert row.data().endswith("until medical help arrives and takes over") and shows_whole(tree, row)
    key, node = select_node(editor, "SAFETY", "q_what")
    long_prompt = "What happened? " + LONG_TITLE + ", and is anyone still in danger at the scene right now?"
    replace_text(qtbot, editor.question_form.prompt, long_prompt)
    node_row = editor.proxy.mapFromSource(editor.model.index_of(("scenarios", key, "nodes", node)))
    assert node_row.data(Qt.ItemDataRole.ToolTipRole) == f"q_what  ? {long_prompt}"
    assert shows_whole(tree, node_row)


def test_the_outline_shows_questions_and_headlines_whole(editor: EditorWindow, qtbot) -> None:
    """A node's question or headline was cut at 90 characters in the contents ("…after checking with Legal
    Affairs, approved …"), whole only in its tooltip, where a supervisor reading the outline needs the end
    of the sentence. Both wrap whole now, as titles do, at the panel's width and after it changes."""
    editor.resize(1024, 600)
    prompt = ("Has your supervisor checked the warrant and, after checking with Legal Affairs, approved CPD help "
              "with this arrest?")
    headline = ("Only if your supervisor approves after checking with Legal Affairs: traffic and crowd safety for "
                "the checked federal criminal warrant, never for immigration arrests.")
    question = select_node(editor, "SAFETY", "q_what")
    replace_text(qtbot, editor.question_form.prompt, prompt)
    outcome = select_node(editor, "S10", "o_refer")
    replace_text(qtbot, editor.outcome_form.headline, headline)
    wait_checked(qtbot, editor)
    tree = editor.tree
    rows = {words: editor.proxy.mapFromSource(editor.model.index_of(("scenarios", key, "nodes", node)))
            for words, (key, node) in ((prompt, question), (headline, outcome))}
    for words, row in rows.items():
        assert len(words) > 100
        assert row.data().endswith(words) and "…" not in row.data()
        assert row.data(Qt.ItemDataRole.ToolTipRole).endswith(words)
    for width in (220, 420, 260):
        editor.columns.setSizes([width, 480, 1024 - width - 480])
        qtbot.waitUntil(lambda w=width: tree.viewport().width() < w)
        for row in rows.values():
            tree.scrollTo(row)
            assert tree.visualRect(row).height() >= 2 * tree.fontMetrics().lineSpacing(), "wrapped"
            assert shows_whole(tree, row), (width, row.data())


def test_a_title_of_one_long_word_breaks_within_it_in_the_outline(editor: EditorWindow, qtbot) -> None:
    """A scenario title without spaces (an id-like 120-character word) ran past the contents' edge and was
    cut there: the style wraps only between words. A word too long for a line breaks within it, over as
    many lines as it needs, and the row is as tall as they are."""
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    editor.resize(1024, 600)
    key = select_record(editor, "scenarios", "S08")
    word = ("Agents_show_a_judge_signed_criminal_warrant_and_ask_CPD_to_help_arrest_someone_at_the_scene_"
            "right_now_and_here_then_please")[:120]
    replace_text(qtbot, editor.scenario_form.title_edit, word)
    wait_checked(qtbot, editor)
    tree = editor.tree
    row = editor.proxy.mapFromSource(editor.model.index_of(("scenarios", key)))
    assert row.data() == f"S08 — {word}", "the model's words (searched by the filter) are as typed"
    for width in (420, 260):
        editor.columns.setSizes([width, 480, 1024 - width - 480])
        qtbot.waitUntil(lambda w=width: tree.viewport().width() < w)
        tree.scrollTo(row)
        option = QStyleOptionViewItem()
        option.initFrom(tree)
        tree.itemDelegate().initStyleOption(option, row)
        option.rect = tree.visualRect(row)
        text = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, tree)
        room = text.width() - 2 * (tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, tree) + 1)
        lines = tree.fontMetrics().boundingRect(0, 0, room, 100_000, Qt.TextFlag.TextWordWrap, option.text)
        assert lines.width() <= room, "no line runs past the edge"
        assert lines.height() >= 3 * tree.fontMetrics().lineSpacing() and lines.height() <= text.height()


def outline_rows(view: QAbstractItemView, parent=None) -> list:
    """Every row the outline has laid out (those under expanded rows), top to bottom."""
    from PySide6.QtCore import QModelIndex

    parent = parent if parent is not None else QModelIndex()
    rows = []
    for row in range(view.model().rowCount(parent)):
        index = view.model().index(row, 0, parent)
        rows.append(index)
        if view.isExpanded(index):
            rows += outline_rows(view, index)
    return rows


def test_a_new_width_measures_again_only_the_rows_whose_lines_change(make_editor, qtbot) -> None:
    """With every scenario open (the bundled pack: ~530 rows) a drag of the contents' edge took 110-140 ms a
    pixel: each row's words were read from the model and measured again at every width. A row is now
    measured again only when its words wrap into other lines at the new width, or its font changes; the
    rows are as tall as measuring them all afresh would make them."""
    editor = make_editor(BUNDLED_PACK, size=(1024, 600))
    tree = editor.tree
    tree.expandAll()
    rows = outline_rows(tree)
    assert len(rows) > 500

    def heights() -> list[int]:
        return [tree.visualRect(index).height() for index in rows]

    def afresh() -> list[int]:
        tree.row_sizes.forget()  # as the view was before: every row measured at this width
        tree.doItemsLayout()
        return heights()

    left, form, rest = editor.columns.sizes()
    steps = 0
    for width in (*range(300, 312), *range(310, 296, -4), 420, 230):  # dragged wider, back, far either way
        before, was = tree.row_sizes.measured, tree.viewport().width()
        editor.columns.setSizes([width, left + form - width, rest])
        qtbot.waitUntil(lambda w=width, b=before: tree.viewport().width() < w and tree.row_sizes.measured > b)
        measured = tree.row_sizes.measured - before
        if abs(tree.viewport().width() - was) <= 3:  # a step of a few pixels
            assert measured < len(rows) / 3, (width, measured)
            steps += 1
        shown = heights()
        assert shown == afresh(), width
    assert steps > 10 and len(set(heights())) > 3, "small steps, rows of several heights"

    before, shown = tree.row_sizes.measured, heights()
    tree.setStyleSheet("QTreeView { font-size: 19px; }")  # a bigger font: every row measured again, taller
    qtbot.waitUntil(lambda: tree.row_sizes.measured - before >= len(rows))
    qtbot.waitUntil(lambda: sum(heights()) > sum(shown))
    assert heights() == afresh()


def crowded(pack: Path, outcomes: int = 30) -> Path:
    """The pack with ``outcomes`` more outcomes in S10 that nothing leads to: a problems list longer than
    any screen."""
    tables = json.loads(pack.read_text(encoding="utf-8"))
    scenario = next(s for s in tables["scenarios"].values() if s["scenario_id"] == "S10")
    spare = next(n for n in scenario["nodes"] if n["node_id"] == "o_refer")
    scenario["nodes"] += [dict(spare, node_id=f"o_spare{i}") for i in range(outcomes)]
    pack.write_text(json.dumps(tables, ensure_ascii=False, indent=2), encoding="utf-8")
    return pack


def test_the_panels_stay_as_the_supervisor_left_them(make_editor, mini_pack_path: Path, tmp_path: Path) -> None:
    """A contents panel widened to read long titles, or a taller problems list, went back to the default
    sizes each time the editor opened. The panels' sizes are remembered (and nothing else of the editor)."""
    from desktop.ui.settings import ALLOWED_KEYS, Settings

    settings = Settings(tmp_path / "settings.ini")
    crowded(mini_pack_path)  # problems that fill the list at any height

    def open_window() -> EditorWindow:
        window = make_editor(mini_pack_path, settings=settings, size=(1280, 800))
        select_record(window, "scenarios", "S10")  # the map's column shown: it folds with no scenario selected
        return window

    first = open_window()
    default = first.columns.sizes()
    first.columns.setSizes([460, 420, 400])
    first.rows.setSizes([560, 200])
    columns, rows = first.columns.sizes(), first.rows.sizes()
    assert columns != default
    first.close()
    later = open_window()
    assert (later.columns.sizes(), later.rows.sizes()) == (columns, rows)
    later.close()
    assert set(Settings(tmp_path / "settings.ini").keys()) == {"editor/columns", "editor/rows",
                                                               "editor/map_shown"} <= ALLOWED_KEYS
    (tmp_path / "damaged.ini").write_text("[editor]\ncolumns=@ByteArray(not a state)\n")
    damaged = make_editor(mini_pack_path, settings=Settings(tmp_path / "damaged.ini"), size=(1280, 800))
    select_record(damaged, "scenarios", "S10")
    assert damaged.columns.sizes() == default, "a state it cannot read leaves the default sizes"


def test_a_problems_list_made_tall_on_a_big_screen_leaves_the_forms_room_on_a_small_one(
        qtbot, make_editor, mini_pack_path: Path, tmp_path: Path) -> None:
    """The problems list keeps its height as the window shrinks (the forms' row takes the difference): left
    560 px tall in a 1900 × 1000 window, it opened at 1024 × 600 with 137 px for the forms and the map."""
    from desktop.ui.settings import Settings

    settings = Settings(tmp_path / "settings.ini")
    crowded(mini_pack_path)  # problems that fill the list at any height

    def open_window(width: int, height: int) -> EditorWindow:
        return make_editor(mini_pack_path, settings=settings, size=(width, height))

    big = open_window(1900, 1000)
    big.rows.setSizes([400, 560])
    left = big.rows.sizes()
    assert left[1] >= 500
    big.close()
    again = open_window(1900, 1000)
    assert again.rows.sizes() == left, "on the screen it was left on, as it was left"
    again.close()
    small = open_window(1024, 600)
    work, problems = small.rows.sizes()
    assert work >= (work + problems) // 2 > 250, "half the height, at 600 px (300 px where there is more room)"
    assert problems > 130, "still taller than the default"


def problems_height(window: EditorWindow) -> int:
    return window.rows.sizes()[1]


def summary_only(window: EditorWindow) -> int:
    """The problems panel's height with its summary line alone."""
    margins = window.problems.layout().contentsMargins()
    return margins.top() + window.problems.summary.height() + margins.bottom()


def test_an_empty_problems_list_takes_one_line_and_grows_again_as_problems_appear(
        editor: EditorWindow, qtbot) -> None:
    """The problems list kept 130 px with nothing in it, taken from the forms and the map at 1024 × 600. With
    no problems the panel is its summary line alone; a few problems take the rows they need; more take the
    height the supervisor gave the list, and the list shrinks back as they are fixed."""
    editor.resize(1024, 600)
    panel = editor.problems
    qtbot.waitUntil(lambda: sum(editor.rows.sizes()) < 560)
    total = sum(editor.rows.sizes())
    assert "No problems" in panel.summary.text() and not panel.view.isVisible()
    assert problems_height(editor) == summary_only(editor) < 40
    assert editor.rows.sizes()[0] == total - summary_only(editor)

    select_node(editor, "S10", "q_city")
    prompt = editor.question_form.prompt
    prompt.setFocus()
    qtbot.keyClick(prompt, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(prompt, Qt.Key.Key_Delete)  # a question with no words: one problem
    wait_checked(qtbot, editor)
    rows = panel.model.rowCount()
    assert rows == 1 and panel.view.isVisible()
    view = panel.view
    last = view.visualRect(panel.model.index(rows - 1, 0))
    assert last.bottom() < view.viewport().height(), "every problem shows"
    assert summary_only(editor) < problems_height(editor) < 130, "and no more room than they need"

    editor.undo_action.trigger()
    select_node(editor, "S10", "o_refer")
    while panel.model.rowCount() < 8:  # more than 130 px of them
        editor.add_outcome_action.trigger()
        wait_checked(qtbot, editor)
    assert problems_height(editor) == 130, "the height the list was given, not more"
    assert view.verticalScrollBar().maximum() > 0

    while editor.document.doc.can_undo:
        editor.undo_action.trigger()
    wait_checked(qtbot, editor)
    assert panel.model.rowCount() == 0
    assert problems_height(editor) == summary_only(editor) and sum(editor.rows.sizes()) == total


def test_the_problems_list_folds_under_its_summary_to_give_the_form_its_room(
        make_editor, mini_pack_path: Path, qtbot) -> None:
    """At the largest text on 1024 × 600 the form had about 350 px and the problems list showed a problem and a
    half. Hide list (or View → Show the problems list, unticked) folds the list under its summary line, which
    stays; the form gets the list's room, F8 still goes to the next problem, and Show list brings it back at the
    height it had. For this window only: a new one shows the list."""
    editor = make_editor(mini_pack_path, size=(1024, 600))
    editor.set_text_step(TEXT_STEP_MAX)
    panel = editor.problems
    select_node(editor, "S10", "o_refer")
    for _ in range(3):
        editor.add_outcome_action.trigger()
    wait_checked(qtbot, editor)
    qtbot.waitUntil(lambda: panel.view.isVisible() and not panel.fitted)  # the problems fill the list's height
    form_before, list_height = editor.rows.sizes()
    assert panel.toggle.isVisible() and panel.toggle.text() == "Hide list"

    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    assert not panel.view.isVisible() and panel.summary.isVisible()
    assert panel.toggle.text() == "Show list" and not editor.show_problems_action.isChecked()
    folded = editor.rows.sizes()[1]
    assert folded <= max(panel.summary.height(), panel.toggle.height()) + 12
    assert editor.rows.sizes()[0] == form_before + list_height - folded, "the list's room goes to the form"
    wait_checked(qtbot, editor)  # a new check keeps it folded
    editor.next_problem_action.trigger()
    assert editor.statusBar().currentMessage().startswith("Scenario S10 › outcome")
    assert not panel.view.isVisible() and editor.rows.sizes()[1] == folded

    editor.show_problems_action.trigger()
    assert panel.view.isVisible() and panel.toggle.text() == "Hide list"
    assert editor.rows.sizes() == [form_before, list_height]


def test_a_screen_reader_hears_what_the_problems_fold_button_does_now(qtbot, make_editor, mini_pack_path: Path) -> None:
    """The button reads Hide list or Show list; a screen reader heard "Hide or show the problems list" for both,
    so a supervisor who cannot see it did not know whether the list was folded or what a press would do."""
    from PySide6.QtGui import QAccessible

    editor = make_editor(mini_pack_path)
    panel = editor.problems
    select_node(editor, "S10", "o_refer")
    editor.add_outcome_action.trigger()
    wait_checked(qtbot, editor)
    qtbot.waitUntil(lambda: panel.toggle.isVisible())

    def heard() -> str:
        return QAccessible.queryAccessibleInterface(panel.toggle).text(QAccessible.Text.Name)

    assert heard() == "Hide the problems list"
    panel.toggle.setFocus()
    qtbot.keyClick(panel.toggle, Qt.Key.Key_Space)  # from the keyboard
    assert not panel.view.isVisible() and heard() == "Show the problems list"
    qtbot.keyClick(panel.toggle, Qt.Key.Key_Space)
    assert panel.view.isVisible() and heard() == "Hide the problems list"


def test_a_problems_list_with_few_problems_keeps_the_height_the_supervisor_gave_it(
        qtbot, make_editor, mini_pack_path: Path, tmp_path: Path) -> None:
    """The list's height is the supervisor's, kept in settings.ini, even when the editor closes with no
    problems (the list then the summary line alone): it is the height problems take again."""
    from desktop.ui.settings import Settings

    settings = Settings(tmp_path / "settings.ini")

    def open_window() -> EditorWindow:
        return make_editor(mini_pack_path, settings=settings)

    def add_problems(window: EditorWindow, rows: int) -> None:
        select_node(window, "S10", "o_refer")
        while window.problems.model.rowCount() < rows:
            window.add_outcome_action.trigger()
            wait_checked(qtbot, window)

    first = open_window()
    assert problems_height(first) == summary_only(first)
    add_problems(first, 10)
    assert problems_height(first) == 130
    first.rows.setSizes([sum(first.rows.sizes()) - 220, 220])  # the supervisor makes it taller
    while first.document.doc.can_undo:
        first.undo_action.trigger()
    wait_checked(qtbot, first)
    assert problems_height(first) == summary_only(first)
    first.close()

    later = open_window()
    assert problems_height(later) == summary_only(later), "opened with no problems: one line"
    add_problems(later, 10)
    assert problems_height(later) == 220, "the height the supervisor gave it"
    later.document.doc.mark_clean()
    later.close()


def test_a_problems_list_dragged_shorter_than_its_problems_stays_so(editor: EditorWindow, qtbot) -> None:
    """Dragged shorter than its few problems need, the list keeps the supervisor's height as the pack is
    checked again after the next edit (and scrolls), rather than springing back."""
    panel = editor.problems
    for scenario, question in (("S10", "q_city"), ("SAFETY", "q_what"), ("PAPER", "q_paper")):
        select_node(editor, scenario, question)
        prompt = editor.question_form.prompt
        prompt.setFocus()
        qtbot.keyClick(prompt, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(prompt, Qt.Key.Key_Delete)  # a question with no words: one problem each
    wait_checked(qtbot, editor)
    fitted = problems_height(editor)
    assert panel.fitted and panel.model.rowCount() == 3 and panel.least_height + 12 <= fitted < 130
    handle = editor.rows.handle(1)
    middle = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.mouseMove(handle, middle + QPoint(0, 12))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=middle + QPoint(0, 12))
    dragged = problems_height(editor)
    assert dragged < fitted
    key = select_record(editor, "provisions", "IL-720-7-15")
    replace_text(qtbot, editor.provision_form.title_edit, "Duty to render aid (edited)")
    wait_checked(qtbot, editor)
    assert editor.document.tables["provisions"][key]["title"] == "Duty to render aid (edited)"
    assert panel.model.rowCount() == 3 and problems_height(editor) == dragged


# -- editing through the forms ----------------------------------------------------------------------------


def test_edit_provision_title_then_undo_and_redo_with_the_keyboard(editor: EditorWindow, qtbot) -> None:
    key = select_record(editor, "provisions", "IL-720-7-15")
    form = editor.provision_form
    assert editor.form_stack.currentWidget().widget() is form
    activate(qtbot, editor)
    replace_text(qtbot, form.title_edit, "Duty to render aid — bystanders")
    path = ("provisions", key, "title")
    assert editing.get(editor.document.tables, path) == "Duty to render aid — bystanders"
    assert editor.isWindowModified()
    tree_text = editor.model.index_of(("provisions", key)).data()
    assert "bystanders" in tree_text
    assert len(editor.document.doc._undo) == 1  # the whole typing burst is one undo step
    qtbot.keyClick(form.title_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # reaches the document
    assert editing.get(editor.document.tables, path) == "Duty to render aid"
    assert form.title_edit.text() == "Duty to render aid"
    assert not editor.isWindowModified()
    qtbot.keyClick(form.title_edit, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert form.title_edit.text() == "Duty to render aid — bystanders"


def test_outcome_verdict_from_the_combo_with_undo(editor: EditorWindow, qtbot) -> None:
    key, index = select_node(editor, "S10", "o_no")
    form = editor.outcome_form
    assert editor.form_stack.currentWidget().widget() is form
    choose(qtbot, form.verdict, "refer")
    path = ("scenarios", key, "nodes", index, "verdict")
    assert editing.get(editor.document.tables, path) == "refer"
    assert VERDICT_LABELS["refer"] in editor.model.index_of(("scenarios", key, "nodes", index)).data()
    qtbot.waitUntil(lambda: editor.map_panel.view.box("o_no").header_text.endswith(VERDICT_LABELS["refer"]))
    editor.undo_action.trigger()
    assert editing.get(editor.document.tables, path) == "not_permitted"
    assert form.verdict.currentData() == "not_permitted"
    editor.redo_action.trigger()
    assert form.verdict.currentData() == "refer"


@pytest.mark.parametrize("text_step", [0, 6])
def test_every_row_of_the_citation_picker_shows_all_its_words(make_editor, tmp_path: Path, qtbot,
                                                             text_step: int) -> None:
    """The picker's rows were measured by Qt at a wider width than their words are painted in: a row that just
    fitted two lines was painted in three and cut ("… identification rules   [CHI-…"), a sideways scroll bar
    under the list, at the normal text as at the largest."""
    pack = tmp_path / "draft.json"
    shutil.copyfile(BUNDLED_PACK, pack)
    editor = make_editor(pack, size=(1024, 600))
    editor.set_text_step(text_step)
    key = editing.find_record(editor.document.tables, "scenarios", "S06")
    nodes = editor.document.tables["scenarios"][key]["nodes"]
    editor.select(("scenarios", key, "nodes", next(i for i, n in enumerate(nodes) if n.get("type") == "outcome")))
    form = editor.outcome_form
    qtbot.mouseClick(form.cites.add_button, Qt.MouseButton.LeftButton)
    picker = form.picker
    qtbot.waitExposed(picker)
    view = picker.list
    inset = 2 * (2 + 3)  # the style sheet's item padding and Fusion's text margin, a side
    metrics = view.fontMetrics()
    for row in range(view.count()):
        rect = view.visualRect(view.model().index(row, 0))
        words = metrics.boundingRect(0, 0, rect.width() - inset, 100_000, Qt.TextFlag.TextWordWrap,
                                     view.item(row).text())
        assert rect.height() >= words.height(), view.item(row).text()
        assert rect.right() < view.viewport().width(), view.item(row).text()
    assert not view.horizontalScrollBar().isVisible()
    picker.reject()


def test_pick_a_citation_from_the_searchable_list(editor: EditorWindow, qtbot) -> None:
    key, index = select_node(editor, "S10", "o_refer")
    form = editor.outcome_form
    before = len(form.cites.items())
    qtbot.mouseClick(form.cites.add_button, Qt.MouseButton.LeftButton)
    picker = form.picker
    assert picker is not None and picker.isVisible()
    type_text(picker.filter, "render aid")
    assert picker.visible_keys() == ["IL-720-7-15"]
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    cites = editing.get(editor.document.tables, ("scenarios", key, "nodes", index, "cites"))
    assert len(cites) == before + 1 and cites[before] == {"provision_id": "IL-720-7-15", "pinpoint": ""}
    assert form.cites.current_index() == before
    replace_text(qtbot, form.cite_pinpoint, "(a)")
    assert cites[before]["pinpoint"] == "(a)"
    assert "720 ILCS 5/7-15(a)" in form.cites.list.item(before).text()


def _tooltip_shown(qtbot, widget: QWidget) -> str:
    """The tooltip a pointer resting on ``widget`` brings up ("" for none)."""
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())  # a tooltip fades out: the last one gone first
    at = QPoint(5, 5)
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, at, widget.mapToGlobal(at)))
    return QToolTip.text() if QToolTip.isVisible() else ""


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tooltip
def test_where_an_answer_leads_ends_in_an_ellipsis_when_cut_and_is_whole_in_its_tooltip(make_editor, qtbot) -> None:
    """At 1280 × 800 S06's first answer showed "q_level6 · Is it a federal or a state warran" in Leads to: cut
    mid-word at the box's edge, with nothing to say that more was hidden, nor where to read it."""
    editor = make_editor(BUNDLED_PACK)
    select_node(editor, "S06", "q_offence6")
    form = editor.question_form
    form.choices.select(0)
    combo = form.choice_target
    whole = combo.currentText()
    assert whole == "q_level6 · Is it a federal or a state warrant?"
    assert _tooltip_shown(qtbot, combo) == whole
    shown = combo.shown_text()
    assert shown.endswith("…") and whole.startswith(shown[:-1]) and len(shown) > 20
    assert combo.fontMetrics().horizontalAdvance(shown) < combo.width() - 20  # clear of the arrow
    editor.resize(1900, 800)  # room enough: the words whole, and no tooltip saying them again
    qtbot.waitUntil(lambda: combo.shown_text() == whole)
    assert _tooltip_shown(qtbot, combo) == ""
    assert _tooltip_shown(qtbot, form.topic) == ""  # "General"


def _open_list_cut_at_a_word(qtbot, combo: QComboBox, whole: str) -> tuple[str, str]:
    """Open ``combo``'s list and check its rows (each within its row, a long one cut at a word with "…"); return the
    row ``whole`` as shown and the tooltip a pointer resting on it brings up."""
    from tests.ui.ui_helpers import assert_cut_at_the_end, popup_rows

    combo.showPopup()
    view = combo.view()
    try:
        rows = popup_rows(combo)
        assert_cut_at_the_end(rows, least_height=combo.fontMetrics().height())
        index = combo.model().index(combo.findText(whole), 0)
        view.scrollTo(index)
        QToolTip.hideText()
        qtbot.waitUntil(lambda: not QToolTip.isVisible())
        at = view.visualRect(index).center()
        QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at)))
        return next(shown for text, shown, *_rest in rows if text == whole), QToolTip.text() if QToolTip.isVisible() else ""
    finally:
        combo.hidePopup()


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")  # the list
def test_the_start_and_leads_to_lists_cut_a_long_node_at_a_word_whole_in_its_tooltip(make_editor, qtbot) -> None:
    """S22's outcome o_perimeter_ok reads "CALL SUPERVISOR: Only if your supervisor approves after checking with
    Legal Affairs: traffic and …", wider than a screen: the open lists of Starts at and Leads to cut it in the
    middle of a word, as Qt does. Each row shows the node's id and its first words, cut at a word with "…", the
    whole in its tooltip."""
    editor = make_editor(BUNDLED_PACK, size=(1024, 600))
    select_record(editor, "scenarios", "S22")
    start = editor.scenario_form.start
    whole = start.itemText(start.findData("o_perimeter_ok"))
    assert whole.startswith("o_perimeter_ok · CALL SUPERVISOR: ")
    shown, tooltip = _open_list_cut_at_a_word(qtbot, start, whole)
    assert shown.startswith("o_perimeter_ok · ") and shown.endswith("…") and tooltip == whole, (shown, tooltip)
    select_node(editor, "S22", "q_request")
    target = editor.question_form.choice_target
    assert target.itemText(target.findText(whole)) == whole
    shown, tooltip = _open_list_cut_at_a_word(qtbot, target, whole)
    assert shown.startswith("o_perimeter_ok · ") and shown.endswith("…") and tooltip == whole, (shown, tooltip)


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")  # the list
def test_a_long_category_in_the_open_list_is_cut_at_a_word_whole_in_its_tooltip(make_editor, qtbot) -> None:
    """The Category list (a box the supervisor types in) is as wide as its box: at 1024 × 600 Qt cut "Victims,
    residents and officer conduct" mid-word ("…officer co…"), and a longer category typed in worse. A row too long
    for the list ends at a word with "…", the whole in its tooltip."""
    editor = make_editor(BUNDLED_PACK, size=(1024, 600))
    key = select_record(editor, "scenarios", "S22")
    category = editor.scenario_form.category
    long_one = "Requests to help agents hold a street, a building or a perimeter during a federal operation"
    # one a pack may have (the schema takes it), longer than a category typed may be: put in the pack, not typed
    editor.document.apply(editing.set_value(editor.document.tables, ("scenarios", key, "category"), long_one, "Set"))
    select_record(editor, "scenarios", "S21")  # another scenario's list: every category, the new one with them
    assert category.findText(long_one) >= 0
    shown, tooltip = _open_list_cut_at_a_word(qtbot, category, long_one)
    assert shown.endswith("…") and tooltip == long_one, (shown, tooltip)


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")  # the list
def test_the_category_list_opens_as_wide_as_its_longest_category_inside_the_window(make_editor, qtbot) -> None:
    """The Category list (a box the supervisor types in) opened only as wide as its box: at 1024 × 600 "Victims,
    residents and officer conduct" read "Victims, residents and officer…" with the window's room beside it, where
    the editor's other lists open as wide as their longest row. It opens as wide as its longest category, whole,
    and no further right than the window; a category longer than that room is cut at a word (above); typing a new
    one still sets it."""
    from tests.ui.ui_helpers import popup_rows

    editor = make_editor(BUNDLED_PACK, size=(1024, 600))
    select_record(editor, "scenarios", "S22")
    category = editor.scenario_form.category
    victims = "Victims, residents and officer conduct"
    assert category.findText(victims) >= 0 and category.isEditable()
    category.showPopup()
    try:
        rows = popup_rows(category)
        popup = category.view().parentWidget()
        assert [shown for _whole, shown, *_rest in rows] == [whole for whole, *_rest in rows], rows
        assert popup.width() > category.width()
        right = editor.mapToGlobal(QPoint(editor.width(), 0)).x()
        assert popup.mapToGlobal(QPoint(popup.width(), 0)).x() <= right
    finally:
        category.hidePopup()
    replace_text(qtbot, category.lineEdit(), "Courts and court buildings")
    assert editing.get(editor.document.tables, editor.scenario_form.base)["category"] == "Courts and court buildings"


def test_pick_where_an_answer_leads_from_nodes_and_sub_flows(editor: EditorWindow, qtbot) -> None:
    key, index = select_node(editor, "S10", "q_city")
    form = editor.question_form
    form.choices.select(0)
    assert form.choice_label.text() == editing.get(editor.document.tables,
                                                   ("scenarios", key, "nodes", index, "choices", 0, "label"))
    targets = [form.choice_target.itemData(i) for i in range(form.choice_target.count())]
    assert (editing.NODE, "o_refer") in targets and (editing.SUBFLOW, "PAPER") in targets
    assert (editing.NODE, "q_city") not in targets  # never itself
    choose(qtbot, form.choice_target, (editing.NODE, "o_refer"))
    choice = editing.get(editor.document.tables, ("scenarios", key, "nodes", index, "choices", 0))
    assert choice["next"] == "o_refer"
    choose(qtbot, form.choice_target, (editing.SUBFLOW, "PAPER"))
    choice = editing.get(editor.document.tables, ("scenarios", key, "nodes", index, "choices", 0))
    assert choice.get("next_scenario") == "PAPER" and "next" not in choice
    assert "→ sub-flow PAPER" in form.choices.list.item(0).text()
    wait_checked(qtbot, editor)
    boxes = editor.map_panel.view.boxes
    assert "s:PAPER" in boxes and boxes["s:PAPER"].header_text == "→ PAPER"


def test_partial_dates_are_checked_before_they_are_taken(editor: EditorWindow, qtbot) -> None:
    key = select_record(editor, "provisions", "IL-720-7-15")
    field: PartialDateEdit = editor.provision_form.date_fields["effective"]
    path = ("provisions", key, "dates", "effective")
    replace_text(qtbot, field.edit, "2025-02-31")
    assert field.error.isVisible() and "calendar" in field.error.text()
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert editing.get(editor.document.tables, path) == "2021-07-01"
    assert field.edit.text() == "2021-07-01" and "not changed" in field.error.text()
    replace_text(qtbot, field.edit, "2025-08")
    assert not field.error.isVisible()
    assert editing.get(editor.document.tables, path) == "2021-07-01"  # taken on Enter, not on the way
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert editing.get(editor.document.tables, path) == "2025-08"
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert editing.get(editor.document.tables, path) is None
    editor.undo_action.trigger()
    assert field.edit.text() == "2025-08"


def test_outcome_lines_add_edit_move_delete(editor: EditorWindow, qtbot) -> None:
    key, index = select_node(editor, "S10", "o_no")
    do = editor.outcome_form.lists["do"]
    path = ("scenarios", key, "nodes", index, "do")
    original = list(editing.get(editor.document.tables, path))
    type_text(do.entry, "Écrivez le numéro du rapport")
    qtbot.keyClick(do.entry, Qt.Key.Key_Return)
    assert editing.get(editor.document.tables, path) == [*original, "Écrivez le numéro du rapport"]
    assert do.current_index() == len(original)
    qtbot.mouseClick(do.up_button, Qt.MouseButton.LeftButton)
    assert editing.get(editor.document.tables, path)[-2] == "Écrivez le numéro du rapport"
    assert do.current_index() == len(original) - 1
    qtbot.mouseClick(do.delete_button, Qt.MouseButton.LeftButton)
    assert editing.get(editor.document.tables, path) == original
    while editor.document.doc.can_undo:
        editor.undo_action.trigger()
    assert editing.get(editor.document.tables, path) == original


def test_tags_related_and_status_notes(editor: EditorWindow, qtbot) -> None:
    key = select_record(editor, "provisions", "IL-720-7-15")
    form = editor.provision_form
    type_text(form.tags.entry, "aid")
    qtbot.keyClick(form.tags.entry, Qt.Key.Key_Return)
    assert "aid" in editing.get(editor.document.tables, ("provisions", key, "tags"))
    qtbot.mouseClick(form.related.add_button, Qt.MouseButton.LeftButton)
    assert "IL-720-7-15" not in form.picker.visible_keys()  # never itself
    type_text(form.picker.filter, "staging")
    qtbot.mouseClick(form.picker.buttons.button(form.picker.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert editing.get(editor.document.tables, ("provisions", key, "related")) == ["CHI-EO-2025-8"]
    qtbot.mouseClick(form.notes.add_button, Qt.MouseButton.LeftButton)
    choose(qtbot, form.note_kind, "contested")
    notes = editing.get(editor.document.tables, ("provisions", key, "status_notes"))
    assert notes[-1]["kind"] == "contested"


# -- structure: add, duplicate, delete, move ----------------------------------------------------------------


def test_toolbar_structure_edits_and_undo_all(editor: EditorWindow, qtbot) -> None:
    original = json.loads(json.dumps(editor.document.tables))
    select_record(editor, "provisions", "IL-TRUST-15a")
    add_provision(editor, qtbot, "CHI-EO-2026-02")
    assert editor.focus == ("provisions", "3")
    assert editor.provision_form.id_edit.text() == "CHI-EO-2026-02"
    editor.move_up_action.trigger()
    assert editor.focus == ("provisions", "2")
    editor.duplicate_action.trigger()
    assert editor.document.tables["provisions"]["3"]["provision_id"] == "CHI-EO-2026-02-copy"
    select_record(editor, "scenarios", "S10")
    editor.add_question_action.trigger()
    assert editor.form_stack.currentWidget().widget() is editor.question_form
    editor.add_outcome_action.trigger()
    editor.move_up_action.trigger()
    editor.delete_action.trigger()
    editor.add_scenario_action.trigger()
    accept_new_scenario(editor, qtbot)
    assert editor.focus[0] == "scenarios" and len(editor.focus) == 2
    while editor.document.doc.can_undo:
        editor.undo_action.trigger()
    assert editor.document.tables == original
    assert not editor.isWindowModified()


def test_every_toolbar_button_fits_a_1024_pixel_screen_and_save_comes_first(editor: EditorWindow, qtbot) -> None:
    """At 1024 px the last buttons (Save and Publish among them) went behind the toolbar's » menu, drawn
    as an empty 12-pixel box: a supervisor could not see how to save."""
    editor.resize(1024, 600)
    qtbot.wait(1)
    bar = editor.toolbar
    assert bar.sizeHint().width() <= 1000, "no room left for a window frame"
    actions = [a for a in bar.actions() if not a.isSeparator()]
    assert actions[:2] == [editor.save_action, editor.publish_action]
    for action in actions:
        button = bar.widgetForAction(action)
        assert button.isVisible(), f"{action.text()} is hidden behind the toolbar's menu"
        assert button.width() >= 44, f"{action.text()} is {button.width()} px wide"  # "▲" too
        assert button.accessibleName() and action.toolTip()  # "▲" says "Move up" to a screen reader


def test_renaming_an_id_updates_references(editor: EditorWindow, qtbot, prompts) -> None:
    prompts.unsaved_answer = QMessageBox.StandardButton.Yes  # yes, rename the published id
    key = select_record(editor, "provisions", "IL-TRUST-15a")
    edit = editor.provision_form.id_edit
    replace_text(qtbot, edit, "IL-TRUST-15(a)")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert editor.document.tables["provisions"][key]["provision_id"] == "IL-TRUST-15(a)"
    assert "'IL-TRUST-15a'" not in repr(editor.document.tables)
    replace_text(qtbot, edit, "MCC-2-173-020(a)(1)")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    error = editor.provision_form.findChild(QLabel, "provisionIdError")
    assert error.isVisible() and "already" in error.text()
    assert edit.text() == "IL-TRUST-15(a)"


# -- problems: live, clickable, and marked in the map ---------------------------------------------------


def test_dangling_answer_shows_up_is_clickable_and_clears_when_fixed(editor: EditorWindow, qtbot) -> None:
    key, q_index = select_node(editor, "S10", "q_city")
    select_node(editor, "S10", "o_refer")
    editor.delete_action.trigger()  # the answer "unsure" now leads nowhere
    wait_checked(qtbot, editor)
    texts = problem_texts(editor)
    assert any("question q_city › answer “unsure” › leads to" in t and "does not exist" in t for t in texts), texts
    assert "✖" in editor.problems.summary.text()
    assert editor.model.index_of(("scenarios", key)).data().startswith("✖")
    select_record(editor, "provisions", "IL-720-7-15")  # look elsewhere, then click the problem
    row = next(i for i, t in enumerate(texts) if "does not exist" in t)
    click_row(qtbot, editor.problems.view, row)
    assert editor.focus == ("scenarios", key, "nodes", q_index)
    assert editor.form_stack.currentWidget().widget() is editor.question_form
    assert editor.question_form.choices.current_index() == 1  # the answer "unsure"
    assert editor.focusWidget() is editor.question_form.choice_target  # ready to pick a new target
    assert editor.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == editor.focus
    view = editor.map_panel.view
    missing = [b for b in view.boxes.values() if b.kind == "missing"]
    assert len(missing) == 1 and missing[0].has_problem
    assert view.box("q_city").has_problem
    activate(qtbot, editor)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # put the outcome back
    wait_checked(qtbot, editor)
    assert problem_texts(editor) == []
    assert "No problems" in editor.problems.summary.text()
    assert not any(b.has_problem for b in editor.map_panel.view.boxes.values())


def test_unreachable_node_is_listed_and_marked(editor: EditorWindow, qtbot) -> None:
    select_node(editor, "S10", "o_refer")
    editor.add_outcome_action.trigger()
    wait_checked(qtbot, editor)
    new_id = editing.get(editor.document.tables, editor.focus)["node_id"]
    assert any(f"outcome {new_id}" in t and "unreachable" in t for t in problem_texts(editor))
    box = editor.map_panel.view.box(new_id)
    assert box is not None and box.has_problem and not editor.map_panel.view.layout_result.nodes[box.ident].reachable
    assert editor.map_panel.view.layout_result.first_unreachable_layer is not None


def test_going_to_a_problem_says_where_it_is(editor: EditorWindow, qtbot) -> None:
    """F8 (or a click in the Problems panel) went to the problem and put its bare message in the status
    bar, "no answer leads to this node (unreachable)", which named no scenario or node; it now says where,
    as the panel does. And a new scenario's form said "1 questions"."""
    select_record(editor, "scenarios", "S10")
    editor.add_scenario_action.trigger()
    accept_new_scenario(editor, qtbot)
    assert editor.scenario_form.nodes_info.text().startswith("3 nodes: 1 question and 2 outcomes.")
    select_node(editor, "S11", "O1")
    editor.add_outcome_action.trigger()  # O3: nothing leads to it
    wait_checked(qtbot, editor)
    select_record(editor, "provisions", "IL-720-7-15")
    activate(qtbot, editor)
    unreachable = next(i for i, t in enumerate(problem_texts(editor)) if "unreachable" in t)
    for _ in range(unreachable + 1):
        qtbot.keyClick(editor.tree, Qt.Key.Key_F8)
    assert editor.statusBar().currentMessage() == \
        "Scenario S11 › outcome O3: no answer leads to this node (unreachable)"
    assert editor._focus_kind(editor.focus) == "outcome"
    editor.select(("scenarios", editor.focus[1]))
    assert editor.scenario_form.nodes_info.text().startswith("4 nodes: 1 question and 3 outcomes.")
    editor.go_to_problem(Problem("mini-pack.json", "", "", "", "is not a data pack"))
    assert editor.statusBar().currentMessage() == \
        "✖ mini-pack.json: is not a data pack (this problem is about the whole file)"


def test_a_change_is_never_called_ready_to_publish_before_it_is_checked(editor: EditorWindow, qtbot) -> None:
    """Marking a cited provision rescinded (before the as-of date) left the summary saying "✔ No problems: ready
    to publish" until the check caught up (its 0.3 s wait, then the check itself): a supervisor who looked then
    was told the draft could go out while every answer citing it was about to be refused. A change to a draft
    that could be published says "Checking…" until its report is in; then the problems."""
    from desktop.ui.editor.problems import CHECKING

    wait_checked(qtbot, editor)
    assert editor.problems.summary.text() == "✔ No problems: ready to publish"
    select_record(editor, "provisions", "IL-720-7-15")  # cited by S10's answers
    rescinded = editor.provision_form.date_fields["rescinded"]
    replace_text(qtbot, rescinded.edit, "2026-01-15")  # before the pack's as-of date, 2 Feb 2026
    qtbot.keyClick(rescinded.edit, Qt.Key.Key_Return)
    assert not editor.document.report_is_current
    assert editor.problems.summary.text() == CHECKING, "not ready to publish: not checked yet"
    wait_checked(qtbot, editor)
    assert editor.problems.summary.text().startswith("✖ ")
    assert any("rescinded" in text for text in problem_texts(editor))


def test_a_rescinded_citation_is_named_by_its_citation_and_its_dates_as_the_app_writes_them(
        editor: EditorWindow, qtbot) -> None:
    """The problem a supervisor read after marking a cited provision rescinded gave its dates as ISO
    ("rescinded on 2026-01-15 (before the pack's as-of date 2026-02-02)"), where the app writes "15 Jan 2026"
    everywhere else; it names the provision as the answer cites it, and the place by the outcome."""
    select_record(editor, "provisions", "IL-720-7-15")  # cited by SAFETY's answer as 720 ILCS 5/7-15
    rescinded = editor.provision_form.date_fields["rescinded"]
    replace_text(qtbot, rescinded.edit, "2026-01-15")
    qtbot.keyClick(rescinded.edit, Qt.Key.Key_Return)
    wait_checked(qtbot, editor)
    said = [text for text in problem_texts(editor) if "rescinded" in text]
    assert said and all(text.startswith("Scenario SAFETY › outcome o_") for text in said)
    assert all("cites 720 ILCS 5/7-15, which was rescinded on 15 Jan 2026 (before the pack's as-of date "
               "2 Feb 2026)" in text for text in said), said
    assert not any("2026-" in text or "IL-720-7-15" in text for text in said)


def test_a_save_straight_after_a_change_says_the_problems_the_change_made(editor: EditorWindow, qtbot) -> None:
    """Ctrl+S straight after marking a cited provision rescinded said "Saved mini-pack.json.", as if the draft
    were clean: the message counted the problems of the last report, made before the change. The draft saved is
    checked first; one problem is "fix it", not "fix them"."""
    wait_checked(qtbot, editor)
    select_record(editor, "provisions", "IL-720-7-15")  # cited by S10's answers
    rescinded = editor.provision_form.date_fields["rescinded"]
    replace_text(qtbot, rescinded.edit, "2026-01-15")  # before the pack's as-of date
    qtbot.keyClick(rescinded.edit, Qt.Key.Key_Return)
    qtbot.keyClick(editor.tree, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    count = len(editor.document.report.errors)
    assert count > 1 and editor.document.report_is_current
    assert editor.statusBar().currentMessage() == \
        f"Saved a draft to {editor.document.path.name} with {count} problems; fix them before publishing."
    select_record(editor, "provisions", "IL-720-7-15")
    replace_text(qtbot, rescinded.edit, "")
    qtbot.keyClick(rescinded.edit, Qt.Key.Key_Return)
    select_record(editor, "provisions", "CHI-EO-2025-8")
    replace_text(qtbot, editor.provision_form.title_edit, "")
    qtbot.keyClick(editor.provision_form.title_edit, Qt.Key.Key_Backspace)
    editor.save_action.trigger()
    assert len(editor.document.report.errors) == 1
    assert editor.statusBar().currentMessage().endswith("with 1 problem; fix it before publishing.")


def test_schema_problem_names_the_record(editor: EditorWindow, qtbot) -> None:
    key = select_record(editor, "provisions", "CHI-EO-2025-8")
    replace_text(qtbot, editor.provision_form.title_edit, "")
    qtbot.keyClick(editor.provision_form.title_edit, Qt.Key.Key_Backspace)
    wait_checked(qtbot, editor)
    texts = problem_texts(editor)
    assert texts and texts[0].startswith("Provision CHI-EO-2025-8 › title")
    select_record(editor, "provisions", "IL-720-7-15")
    click_row(qtbot, editor.problems.view, 0)
    assert editor.focus == ("provisions", key)
    assert editor.focusWidget() is editor.provision_form.title_edit


# -- the logic map -------------------------------------------------------------------------------------------


def test_logic_map_one_box_per_node_one_arrow_per_answer(editor: EditorWindow, qtbot) -> None:
    for sid in ("S08", "PAPER", "S10"):
        key = select_record(editor, "scenarios", sid)
        scenario = editor.document.tables["scenarios"][key]
        view = editor.map_panel.view
        real = [b for b in view.boxes.values() if b.kind in ("question", "outcome")]
        assert len(real) == len(scenario["nodes"])
        assert len(view.edges) == sum(len(n.get("choices", [])) for n in scenario["nodes"])
        for node in scenario["nodes"]:
            box = view.box(node["node_id"])
            if node["type"] == "outcome":
                assert VERDICT_LABELS[node["verdict"]] in box.header_text  # never colour alone
            else:
                assert box.body_text == node["prompt"]
        labels = sorted(e.text.toPlainText() for e in view.edges)
        assert labels == sorted(c["label"] for n in scenario["nodes"] for c in n.get("choices", []))
    select_record(editor, "scenarios", "S08")
    subflows = {b.ref for b in editor.map_panel.view.boxes.values() if b.kind == "subflow"}
    assert subflows == {"SAFETY", "PAPER"}


def test_clicking_a_box_selects_its_node(editor: EditorWindow, qtbot) -> None:
    key = select_record(editor, "scenarios", "S10")
    view = editor.map_panel.view
    view.set_zoom(1.0)
    box = view.box("o_refer")
    view.centerOn(box)
    point: QPoint = view.mapFromScene(box.sceneBoundingRect().center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    index = editing.find_node(editor.document.tables, key, "o_refer")
    assert editor.focus == ("scenarios", key, "nodes", index)
    assert editor.form_stack.currentWidget().widget() is editor.outcome_form
    assert view.box("o_refer").selected_mark is not None


def test_the_map_title_takes_two_lines_at_most_and_keeps_every_word_for_tooltips_and_screen_readers(
        editor: EditorWindow, qtbot) -> None:
    """At 1024 × 600 the title beside the zoom buttons ("Logic map · S06 — Agents show a judge-signed
    criminal warrant…") wrapped to five lines, taken from the map. It is shortened at a word to two lines;
    its tooltip and accessible name keep it whole, and a wider panel shows more of it."""
    editor.resize(1024, 600)
    select_record(editor, "scenarios", "S08")
    words = "Agents show a judge-signed criminal warrant and ask CPD to help arrest someone at the scene"
    replace_text(qtbot, editor.scenario_form.title_edit, words)
    title = editor.map_panel.title
    whole = f"Logic map · S08 — {words}"
    qtbot.waitUntil(lambda: "S08 — Agents" in title.text())  # the map is redrawn after typing stops
    line = title.fontMetrics().lineSpacing()
    assert title.heightForWidth(title.width()) < 3 * line
    qtbot.waitUntil(lambda: title.height() < 3 * line)
    assert title.toolTip() == whole and title.accessibleName() == whole
    shown = title.text()
    assert shown.endswith("…") and whole.startswith(shown[:-1])
    assert whole[len(shown) - 1] == " ", "cut between words"
    assert title.heightForWidth(title.width()) > 1.5 * line, "using both lines"

    editor.columns.setSizes([200, 100, 1000])  # the map panel widened
    qtbot.waitUntil(lambda: len(title.text()) > len(shown))
    assert title.heightForWidth(title.width()) < 3 * line
    select_record(editor, "scenarios", "S10")
    assert title.text() == title.toolTip() == "Logic map · S10 — ICE asks to stage in a City lot", "short: whole"


@pytest.mark.parametrize("size", [(1024, 600), (1280, 800)])
def test_a_map_title_of_one_long_word_is_shortened_with_an_ellipsis(editor: EditorWindow, qtbot, size) -> None:
    """A title without spaces (an id-like 120-character word) was not shortened: it ran past the title's
    edge and was cut there, mid-letter. It is shortened within the word, "…" after as much as fits, on two
    lines at most; the tooltip and accessible name keep it whole."""
    editor.resize(*size)
    select_record(editor, "scenarios", "S08")
    word = ("Agents_show_a_judge_signed_criminal_warrant_and_ask_CPD_to_help_arrest_someone_at_the_scene_"
            "right_now_and_here_then_please")[:120]
    assert len(word) == 120 and " " not in word
    replace_text(qtbot, editor.scenario_form.title_edit, word)
    title = editor.map_panel.title
    whole = f"Logic map · S08 — {word}"
    qtbot.waitUntil(lambda: title.toolTip() == whole)
    assert title.accessibleName() == whole
    shown = title.text()
    assert shown.endswith("…") and whole.startswith(shown[:-1])
    assert "Agents_show" in shown, "as much of the word as fits, not the words before it alone"
    width = title.contentsRect().width()
    lines = title.fontMetrics().boundingRect(0, 0, width, 100_000, Qt.TextFlag.TextWordWrap, wrappable(shown))
    assert lines.width() <= width, "no line runs past the edge"
    assert lines.height() < 3 * title.fontMetrics().lineSpacing()
    assert title.height() < 3 * title.fontMetrics().lineSpacing()
    # the height QLabel lays the words out in (measured a whole "x" in, as the title is framed): two lines too
    assert title.heightForWidth(title.width()) < 3 * title.fontMetrics().lineSpacing()


def test_the_map_key_takes_two_lines_at_most_and_names_every_look_in_words(editor: EditorWindow, qtbot) -> None:
    """Under the map at 1024 × 600 its key ("White: question · coloured: outcome (verdict written on it) ·
    dashed purple: jump to another flow…") wrapped to four lines, taken from the map. It is shorter, on two
    lines, each of its items on one; the whole sentences are in its tooltip and for screen readers."""
    editor.resize(1024, 600)
    select_record(editor, "scenarios", "S08")
    legend = editor.map_panel.legend
    qtbot.waitUntil(lambda: legend.width() < 400)
    line = legend.fontMetrics().lineSpacing()
    assert legend.heightForWidth(legend.width()) < 3 * line
    assert legend.height() < 3 * line
    shown = legend.text().replace("\N{NO-BREAK SPACE}", " ")
    for look, meaning in (("Plain", "question"), ("coloured", "outcome"), ("dashed purple", "another flow"),
                          ("red ring, !", "problem")):
        assert f"{look}: {meaning}" in shown
        assert look.split(",")[0].lower() in legend.toolTip().lower()
    for words in ("verdict", "shared step or a situation", "dashed red ring"):
        assert words in legend.toolTip() and words in legend.accessibleDescription()
    for item in legend.text().split(" · "):
        assert " " not in item, "an item is not split over two lines"


def test_at_the_largest_text_the_map_key_wraps_within_its_column(make_editor, mini_pack_path, tmp_path) -> None:
    """At the largest text on 1024 × 600 the map's column is 300 px, narrower than "dashed purple: another flow"
    on one line: its last word ran past the window's edge. An item wider than the key wraps within it; the others
    keep to one line. (The map folds there for want of room: shown all the same, from its folded button.)"""
    window = _largest_text_editor(make_editor, tmp_path, mini_pack_path)
    select_record(window, "scenarios", "S10")
    window.folded_map_button.click()
    QApplication.processEvents()
    assert window.map_panel.isVisible()
    legend = window.map_panel.legend
    width = legend.contentsRect().width()
    needed = legend.fontMetrics().boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap),
                                               legend.text()).width()
    assert needed <= width, f"the key's words need {needed} px of its {width}"
    assert legend.mapTo(window, legend.rect().topRight()).x() < window.width()
    items = legend.text().split(" · ")
    assert any("\N{NO-BREAK SPACE}" in item for item in items), "the items that fit stay on one line"


def test_a_draft_deep_in_folders_leaves_the_status_bar_room_for_its_messages(make_editor, tmp_path: Path,
                                                                           qtbot) -> None:
    """The status bar named the draft by its whole path: in a few folders (Documents/Encounter Guide drafts/
    District 1 (Central)/…) it was wider than a 1024 × 600 screen, cut at the edge, and every message the
    editor gives there (published, deleted, where a problem is) had no room and was not shown. It names the
    file; the tooltip gives the folder."""
    folder = tmp_path / "Documents" / "Encounter Guide drafts" / "District 1 (Central)" / "2026 spring review"
    folder.mkdir(parents=True)
    draft = folder / "district-1-draft.json"
    draft.write_bytes(MINI_PACK.read_bytes())
    editor = make_editor(draft, size=(1024, 600))
    label, bar = editor.file_label, editor.statusBar()
    assert label.text() == draft.name and label.toolTip() == str(draft)
    qtbot.waitUntil(lambda: label.width() > 0)
    assert label.width() < bar.width() / 2, (label.width(), bar.width())


def test_the_map_s_words_with_no_scenario_selected_fit_a_small_editor(editor: EditorWindow, qtbot) -> None:
    """With a provision selected at 1024 × 600, "Select a scenario or one of its nodes to see its logic map."
    ran on one line past the map panel's edge ("…to see it"), more so zoomed in on the last map."""
    editor.resize(1024, 600)
    select_record(editor, "scenarios", "S08")
    view = editor.map_panel.view
    view.set_zoom(2.0)
    select_record(editor, "provisions", "IL-720-7-15")
    editor.folded_map_button.click()  # folded with no scenario to show: shown on the supervisor's click
    qtbot.waitUntil(lambda: not view.boxes)
    note = next(item for item in view.scene().items() if hasattr(item, "toPlainText"))
    shown = view.mapFromScene(note.sceneBoundingRect()).boundingRect()
    assert "Select a scenario" in note.toPlainText()
    assert shown.width() <= view.viewport().width(), (shown, view.viewport().rect())


def test_map_zooms_with_keys_and_buttons(editor: EditorWindow, qtbot) -> None:
    select_record(editor, "scenarios", "PAPER")
    view = editor.map_panel.view
    view.set_zoom(1.0)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom == pytest.approx(1.2)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom == pytest.approx(1 / 1.2)
    qtbot.mouseClick(editor.map_panel.zoom_in_button, Qt.MouseButton.LeftButton)
    assert view.zoom == pytest.approx(1.0)
    assert editor.map_panel.zoom_label.text() == "100 %"


# -- files -----------------------------------------------------------------------------------------------


def test_save_writes_what_load_pack_accepts_and_the_codec_would_write(editor: EditorWindow, qtbot,
                                                                    mini_pack_path: Path) -> None:
    key = select_record(editor, "provisions", "IL-720-7-15")
    replace_text(qtbot, editor.provision_form.title_edit, "Duty to render aid (edited)")
    select_node(editor, "S10", "o_no")
    choose(qtbot, editor.outcome_form.verdict, "refer")
    type_text(editor.outcome_form.lists["notify"].entry, "Your supervisor")
    qtbot.keyClick(editor.outcome_form.lists["notify"].entry, Qt.Key.Key_Return)
    editor.save_action.trigger()
    assert not editor.isWindowModified()
    loaded = load_pack(mini_pack_path)
    assert loaded.pack.provision("IL-720-7-15").title == "Duty to render aid (edited)"
    assert json.loads(mini_pack_path.read_text(encoding="utf-8")) == pack_to_tables(loaded.pack)
    assert json.loads(mini_pack_path.read_text(encoding="utf-8")) == editor.document.tables
    assert editor.document.tables["provisions"][key]["title"] == "Duty to render aid (edited)"


def test_saving_over_a_signed_pack_says_its_signature_no_longer_matches(make_editor, qtbot, prompts,
                                                                        tmp_path: Path) -> None:
    """A Save over a published PACK.json leaves PACK.json.sig beside it made for other bytes: installing the
    pair is refused as changed since it was signed. The editor says so (once in a box, then in the status
    bar), deletes nothing, and a publish over the file signs it again."""
    generate_keypair(tmp_path / "keys" / "p.pem", tmp_path / "keys" / "p.pub.json")
    key, trusted = tmp_path / "keys" / "p.pem", load_trusted_keys(tmp_path / "keys" / "p.pub.json")
    pack = tmp_path / "PACK.json"
    publish(read_tables(MINI_PACK), pack, key)
    sig = pack.with_name("PACK.json.sig")
    signature = sig.read_bytes()
    editor = make_editor(pack)
    assert "out of date" not in editor.file_label.text()

    select_record(editor, "provisions", "IL-720-7-15")
    replace_text(qtbot, editor.provision_form.title_edit, "Edited")
    editor.undo_action.trigger()
    editor.save_action.trigger()  # the same bytes again: the signature still speaks for them
    assert prompts.warnings == [] and "out of date" not in editor.statusBar().currentMessage()
    assert verify_file(pack, trusted)

    replace_text(qtbot, editor.provision_form.title_edit, "Edited")
    editor.save_action.trigger()
    [warning] = prompts.warnings
    assert "PACK.json is saved, but its signature file PACK.json.sig" in warning
    assert "Nothing was deleted" in warning and "Publish…" in warning
    assert sig.read_bytes() == signature, "the signature file is kept as it was"
    with pytest.raises(SignatureError):
        verify_file(pack, trusted)
    assert "Its signature PACK.json.sig is out of date" in editor.statusBar().currentMessage()
    assert editor.file_label.text() == "PACK.json · ⚠ PACK.json.sig out of date"
    assert "Publish… signs a new version" in editor.file_label.toolTip()
    assert editor.file_label.property("state") == "warning"

    replace_text(qtbot, editor.provision_form.title_edit, "Edited twice")
    editor.save_action.trigger()  # said already: no second box, but the status bar says it again
    assert len(prompts.warnings) == 1
    assert "Its signature PACK.json.sig is out of date" in editor.statusBar().currentMessage()

    later = make_editor(pack)  # opened again: the status bar still says it
    assert "PACK.json.sig out of date" in later.file_label.text()
    later.close()

    publish_through_the_dialog(editor, qtbot, key, pack)  # over the file itself: signed again
    assert verify_file(pack, trusted) and editor.file_label.text() == pack.name
    assert editor.file_label.property("state") == ""


def test_a_signature_file_that_records_no_checksum_stays_out_of_date_after_later_saves(
        make_editor, qtbot, prompts, tmp_path: Path) -> None:
    """A signature file made before signatures recorded the SHA-256 is told out of date by the bytes before a
    save. After the first save parted the file from it, the second said so again in a box, and a save of the
    same bytes took the warning away, though the signature still spoke for the bytes first published."""
    generate_keypair(tmp_path / "keys" / "p.pem", tmp_path / "keys" / "p.pub.json")
    key, trusted = tmp_path / "keys" / "p.pem", load_trusted_keys(tmp_path / "keys" / "p.pub.json")
    pack = tmp_path / "PACK.json"
    publish(read_tables(MINI_PACK), pack, key)
    sig = pack.with_name("PACK.json.sig")
    doc = json.loads(sig.read_text(encoding="utf-8"))
    del doc["sha256"]  # as signed before the SHA-256 was recorded
    sig.write_text(json.dumps(doc), encoding="utf-8")
    assert verify_file(pack, trusted)
    editor = make_editor(pack)

    select_record(editor, "provisions", "IL-720-7-15")
    replace_text(qtbot, editor.provision_form.title_edit, "Edited")
    editor.save_action.trigger()
    assert len(prompts.warnings) == 1 and editor.file_label.text() == "PACK.json · ⚠ PACK.json.sig out of date"
    replace_text(qtbot, editor.provision_form.title_edit, "Edited twice")
    editor.save_action.trigger()
    assert len(prompts.warnings) == 1, "said once, at the save that parted the file from its signature"
    editor.save_action.trigger()  # the same bytes again
    with pytest.raises(SignatureError):
        verify_file(pack, trusted)
    assert editor.file_label.text() == "PACK.json · ⚠ PACK.json.sig out of date", "still out of date"
    assert "Its signature PACK.json.sig is out of date" in editor.statusBar().currentMessage()
    publish_through_the_dialog(editor, qtbot, key)  # to a new file: PACK.json and its signature still differ
    assert load_pack(tmp_path / "PACK-v5.json").pack.meta.data_version == 5
    assert editor.file_label.text() == "PACK.json · ⚠ PACK.json.sig out of date", "a publish elsewhere took it away"


def test_the_bundled_pack_is_never_saved_in_place(make_editor, qtbot, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    before = BUNDLED_PACK.read_bytes()
    window = make_editor(None)
    assert window.document.protected and "built-in" in window.windowTitle()
    key = select_record(window, "provisions", "IL-720-7-15")
    replace_text(qtbot, window.provision_form.title_edit, "Changed")
    target = tmp_path / "my-draft.json"
    asked: list[str] = []

    def save_dialog(_parent, _title, suggestion, _filter):
        asked.append(suggestion)
        return str(target), ""

    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", save_dialog)
    window.save_action.trigger()
    assert asked and BUNDLED_PACK.read_bytes() == before
    assert window.document.path == target and not window.document.protected
    assert json.loads(target.read_text(encoding="utf-8"))["provisions"][key]["title"] == "Changed"
    replace_text(qtbot, window.provision_form.title_edit, "Changed again")
    window.save_action.trigger()  # now a normal save, no dialog
    assert len(asked) == 1


def test_save_as_refuses_the_bundled_file(editor: EditorWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda *_a: (str(BUNDLED_PACK), ""))
    assert editor.save_as() is False
    assert "choose another file" in editor.statusBar().currentMessage()


def test_unsaved_changes_prompt_blocks_close_on_cancel(editor: EditorWindow, qtbot, prompts,
                                                       mini_pack_path: Path) -> None:
    select_record(editor, "provisions", "IL-720-7-15")
    replace_text(qtbot, editor.provision_form.title_edit, "Unsaved")
    prompts.unsaved_answer = QMessageBox.StandardButton.Cancel
    assert editor.close() is False
    assert editor.isVisible() and len(prompts.questions) == 1
    prompts.unsaved_answer = QMessageBox.StandardButton.Save
    assert editor.close() is True
    assert load_pack(mini_pack_path).pack.provision("IL-720-7-15").title == "Unsaved"


def test_discard_closes_without_writing(editor: EditorWindow, qtbot, prompts, mini_pack_path: Path) -> None:
    before = mini_pack_path.read_bytes()
    select_record(editor, "provisions", "IL-720-7-15")
    replace_text(qtbot, editor.provision_form.title_edit, "Thrown away")
    prompts.unsaved_answer = QMessageBox.StandardButton.Discard
    assert editor.close() is True
    assert mini_pack_path.read_bytes() == before


def test_open_another_file_asks_about_unsaved_changes(editor: EditorWindow, qtbot, prompts, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "other.json"
    other.write_bytes(MINI_PACK.read_bytes())
    select_record(editor, "provisions", "IL-720-7-15")
    replace_text(qtbot, editor.provision_form.title_edit, "Pending")
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName", lambda *_a: (str(other), ""))
    prompts.unsaved_answer = QMessageBox.StandardButton.Cancel
    editor.open_action.trigger()
    assert editor.document.path != other
    prompts.unsaved_answer = QMessageBox.StandardButton.Discard
    editor.open_action.trigger()
    assert editor.document.path == other and not editor.document.doc.can_undo
    assert editor.focus == ("meta",)


# -- publishing --------------------------------------------------------------------------------------------


def test_publish_round_trip_with_a_new_key(editor: EditorWindow, qtbot, tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.mkdir()
    generate_keypair(keys / "publisher.pem", keys / "publisher.pub.json", name="Test publisher")
    select_record(editor, "provisions", "IL-720-7-15")
    replace_text(qtbot, editor.provision_form.title_edit, "Render aid (v2)")
    old_version = editing.records(editor.document.tables, "meta")[0][1]["data_version"]
    source_as_of = editing.records(editor.document.tables, "meta")[0][1]["as_of"]
    editor.publish_action.trigger()
    dialog = editor.publish_dialog
    assert dialog is not None and dialog.isVisible()
    # the law's date stays the pack's own (it defaulted to today: a typo fix re-dated the law), and can
    # never be set after today
    assert dialog.as_of_date().isoformat() == source_as_of != editor.today.isoformat()
    assert dialog.as_of.maximumDate().toPython() == editor.today
    target = tmp_path / "published.json"
    replace_text(qtbot, dialog.target, str(target))
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    assert "private key" in dialog.error.text()  # the key is still missing
    replace_text(qtbot, dialog.key, str(keys / "publisher.pem"))
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.publish_dialog is None, timeout=5000)
    loaded = load_pack(target)
    assert loaded.pack.meta.data_version == old_version + 1
    assert loaded.pack.meta.as_of.isoformat() == source_as_of
    assert loaded.pack.meta.reviewed_on == editor.today, "published today"
    assert loaded.pack.provision("IL-720-7-15").title == "Render aid (v2)"
    key_id = verify_file(target, load_trusted_keys(keys / "publisher.pub.json"))
    assert key_id in editor.statusBar().currentMessage()
    meta = editing.records(editor.document.tables, "meta")[0][1]
    assert meta["data_version"] == old_version + 1  # the next publish goes one higher again


def publish_through_the_dialog(editor: EditorWindow, qtbot, key: Path, target: Path | None = None) -> tuple[str, str]:
    """Open Publish…, keep the proposed file (or type ``target``), give the key, press Publish; returns the
    dialog's intro text and the file it proposed."""
    editor.publish_action.trigger()
    dialog = editor.publish_dialog
    assert dialog is not None
    intro = dialog.findChild(QLabel, "publishIntro").text(), dialog.target.text()
    if target is not None:
        replace_text(qtbot, dialog.target, str(target))
    replace_text(qtbot, dialog.key, str(key))
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.publish_dialog is None, timeout=5000)
    return intro


def test_publish_leaves_the_supervisor_where_they_were(editor: EditorWindow, qtbot, tmp_path: Path) -> None:
    """Publishing writes the new version into the pack's details, and the editor jumped there: the provision
    just edited left the form and the contents, to be found again among the rest. It stays, and so does it
    after Undo of the publish."""
    generate_keypair(tmp_path / "keys" / "p.pem", tmp_path / "keys" / "p.pub.json")
    key = select_record(editor, "provisions", "IL-720-7-15")
    replace_text(qtbot, editor.provision_form.title_edit, "Render aid (v2)")
    publish_through_the_dialog(editor, qtbot, tmp_path / "keys" / "p.pem")
    assert "Published data version" in editor.statusBar().currentMessage()
    assert editor.focus == ("provisions", key)
    assert editor.provision_form.title_edit.text() == "Render aid (v2)"
    editor.undo_action.trigger()  # the publish's new version
    assert editor.focus == ("provisions", key)


def test_undo_past_a_publish_never_takes_the_next_publish_back_to_a_version_already_used(
        make_editor, mini_pack_path: Path, qtbot, tmp_path: Path) -> None:
    """Publish, Undo past it, publish again: the second pack must be a higher version than the first (an
    install refuses one that is not newer), in this window and from the same draft in a later one."""
    generate_keypair(tmp_path / "keys" / "p.pem", tmp_path / "keys" / "p.pub.json")
    key = tmp_path / "keys" / "p.pem"
    editor = make_editor(mini_pack_path)
    draft_version = editing.records(editor.document.tables, "meta")[0][1]["data_version"]
    select_record(editor, "provisions", "IL-720-7-15")
    replace_text(qtbot, editor.provision_form.title_edit, "Render aid (v2)")
    publish_through_the_dialog(editor, qtbot, key)
    first = tmp_path / f"mini-pack-v{draft_version + 1}.json"
    assert load_pack(first).pack.meta.data_version == draft_version + 1

    editor.undo_action.trigger()  # the publish's new version
    editor.undo_action.trigger()  # and the title: back past the publish
    assert editing.records(editor.document.tables, "meta")[0][1]["data_version"] == draft_version
    select_record(editor, "provisions", "IL-720-7-15")
    replace_text(qtbot, editor.provision_form.title_edit, "Render aid (v3)")
    intro, _ = publish_through_the_dialog(editor, qtbot, key)
    second = tmp_path / f"mini-pack-v{draft_version + 2}.json"
    assert load_pack(second).pack.meta.data_version == draft_version + 2
    assert f"The draft says data version {draft_version}, but version {draft_version + 1} has been published or " \
        "installed on this computer already" in intro
    assert load_pack(first).pack.provision("IL-720-7-15").title == "Render aid (v2)", "the first is kept"

    editor.undo_action.trigger()
    editor.undo_action.trigger()
    elsewhere = tmp_path / "elsewhere.json"  # a file name of the supervisor's own: the version still goes up
    publish_through_the_dialog(editor, qtbot, key, elsewhere)
    assert load_pack(elsewhere).pack.meta.data_version == draft_version + 3

    later = make_editor(mini_pack_path)  # another session on the same draft, still at its own version
    assert editing.records(later.document.tables, "meta")[0][1]["data_version"] == draft_version
    intro, proposed = publish_through_the_dialog(later, qtbot, key, elsewhere)
    # no version published on this machine is proposed again, whatever the file it went to (elsewhere.json
    # holds draft_version + 3, which the names beside the draft do not tell)
    assert proposed == str(tmp_path / f"mini-pack-v{draft_version + 4}.json")
    assert f"data version {draft_version + 4} to a new file" in intro
    # and a pack published over another goes above it
    assert load_pack(elsewhere).pack.meta.data_version == draft_version + 4


def test_a_later_session_never_proposes_a_version_published_under_another_name(
        make_editor, mini_pack_path: Path, qtbot, tmp_path: Path) -> None:
    """Publish… proposed the draft's version + 1 unless a file of that very name lay beside the draft, so a
    version published earlier to a file of the supervisor's own naming, in a window since closed, was
    proposed and written again: two different packs with one version, the second refused by every app that
    had installed the first. It now knows the versions this machine published or installed."""
    generate_keypair(tmp_path / "keys" / "p.pem", tmp_path / "keys" / "p.pub.json")
    key = tmp_path / "keys" / "p.pem"
    draft_version = editing.records(read_tables(mini_pack_path), "meta")[0][1]["data_version"]
    monday = make_editor(mini_pack_path)
    (tmp_path / "sent").mkdir()
    publish_through_the_dialog(monday, qtbot, key, tmp_path / "sent" / "for-district-1.json")
    assert load_pack(tmp_path / "sent" / "for-district-1.json").pack.meta.data_version == draft_version + 1
    monday.close()

    friday = make_editor(mini_pack_path)  # the draft on disk still says draft_version
    assert editing.records(friday.document.tables, "meta")[0][1]["data_version"] == draft_version
    intro, proposed = publish_through_the_dialog(friday, qtbot, key)
    assert proposed == str(tmp_path / f"mini-pack-v{draft_version + 2}.json")
    assert (f"version {draft_version + 1} has been published or installed on this computer already, so this one "
            f"is {draft_version + 2}") in intro
    assert load_pack(Path(proposed)).pack.meta.data_version == draft_version + 2


def test_publish_says_when_the_pack_would_arrive_out_of_date(qtbot, mini_pack_path: Path, tmp_path: Path) -> None:
    """A monthly publish kept the law's as-of date (as it should, unless the law was checked again), and
    nothing said that with it the pack was past its review period already: every officer's app showed the
    new pack OUT OF DATE from the day it was installed. The dialog now says so under the date, until a date
    that keeps the pack current is set."""
    from PySide6.QtCore import QDate

    generate_keypair(tmp_path / "keys" / "p.pem", tmp_path / "keys" / "p.pub.json")
    today = dt.date(2026, 12, 5)  # the mini pack is as of 2 Feb 2026, reviewed every 90 days: due 3 May 2026
    editor = EditorWindow(mini_pack_path, today=today, library=PackLibrary(bundled=MINI_PACK))
    qtbot.addWidget(editor)
    editor.show()
    wait_checked(qtbot, editor)
    editor.publish_action.trigger()
    dialog = editor.publish_dialog
    qtbot.waitExposed(dialog)
    note = dialog.findChild(QLabel, "publishStaleNote")
    assert note.isVisible()
    assert note.text() == ("⚠ Officers' apps will show this pack as OUT OF DATE from the day it arrives: with the "
                           "law as of 2 Feb 2026, an update was due on 3 May 2026. If you have checked the law "
                           "again, set the day you checked it.")
    assert note.height() >= note.heightForWidth(note.width()), "every line of it in sight"
    dialog.as_of.setFocus()
    dialog.as_of.setDate(QDate(2026, 12, 1))  # the law checked again on 1 Dec
    assert not note.isVisible()
    dialog.as_of.setDate(QDate(2026, 9, 6))  # 90 days before today: still current today
    assert not note.isVisible()
    dialog.as_of.setDate(QDate(2026, 9, 5))
    assert note.isVisible() and "an update was due on 4 Dec 2026" in note.text()
    dialog.reject()
    fresh = EditorWindow(mini_pack_path, today=dt.date(2026, 2, 10), library=PackLibrary(bundled=MINI_PACK))
    qtbot.addWidget(fresh)
    fresh.publish_action.trigger()
    assert not fresh.publish_dialog.findChild(QLabel, "publishStaleNote").isVisibleTo(fresh.publish_dialog)
    fresh.publish_dialog.reject()


def test_a_version_published_while_the_dialog_is_open_is_not_written_under_the_old_name(
        make_editor, mini_pack_path: Path, qtbot, tmp_path: Path) -> None:
    """Two editor windows (or the command) on one computer: the dialog proposed mini-pack-v4.json for version
    4, another window published version 4 meanwhile, and Publish wrote version 5 into mini-pack-v4.json: a
    file whose name gives a version it does not hold, next to a dialog that said 4."""
    generate_keypair(tmp_path / "keys" / "p.pem", tmp_path / "keys" / "p.pub.json")
    key = tmp_path / "keys" / "p.pem"
    editor = make_editor(mini_pack_path)
    editor.publish_action.trigger()
    dialog = editor.publish_dialog
    assert dialog.target.text() == str(tmp_path / "mini-pack-v4.json")
    (tmp_path / "other").mkdir()
    assert publish(read_tables(mini_pack_path), tmp_path / "other" / "district-2.json", key).data_version == 4

    replace_text(qtbot, dialog.key, str(key))
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    assert editor.publish_dialog is dialog, "it stays open, saying why"
    assert not (tmp_path / "mini-pack-v4.json").exists()
    assert dialog.target.text() == str(tmp_path / "mini-pack-v5.json")
    assert "so this pack is version 5, to mini-pack-v5.json. Press Publish again." in dialog.error.text()
    assert "version 4 has been published or installed on this computer already, so this one is 5" in \
        dialog.intro.text()
    assert dialog.intro.height() >= dialog.intro.heightForWidth(dialog.intro.width())
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.publish_dialog is None, timeout=5000)
    assert load_pack(tmp_path / "mini-pack-v5.json").pack.meta.data_version == 5


def test_a_publish_this_computer_could_not_note_is_told_to_the_supervisor(
        editor: EditorWindow, qtbot, tmp_path: Path, user_base: Path, prompts) -> None:
    """The list of versions published here could not be written (a file where the user data folder should
    be): the pack was published, but the next Publish… may propose this version again, and nothing said so."""
    generate_keypair(tmp_path / "keys" / "p.pem", tmp_path / "keys" / "p.pub.json")
    user_base.mkdir(parents=True, exist_ok=True)
    (user_base / "data").write_text("not a folder")
    publish_through_the_dialog(editor, qtbot, tmp_path / "keys" / "p.pem")
    assert len(prompts.warnings) == 1
    assert "Data version 4 was published to mini-pack-v4.json." in prompts.warnings[0]
    assert "could not note that data version 4 is used" in prompts.warnings[0]


def test_publish_while_another_is_being_written_tries_again_without_freezing(
        editor: EditorWindow, qtbot, tmp_path: Path, user_base: Path) -> None:
    """Another publish on this computer held the lock on its list of versions: Publish waited in the lock for up
    to 15 seconds on the window's thread, and the window froze. It says so and tries again from the event loop."""
    generate_keypair(tmp_path / "keys" / "p.pem", tmp_path / "keys" / "p.pub.json")
    editor.publish_action.trigger()
    dialog = editor.publish_dialog
    target = Path(dialog.target.text())
    replace_text(qtbot, dialog.key, str(tmp_path / "keys" / "p.pem"))
    with hold_lock(paths.user_data_dir() / PUBLISHED_FILE) as not_locked:
        assert not_locked is None
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
        # back in the event loop while the lock is held: the dialog says why it waits, nothing is written yet
        assert editor.publish_dialog is dialog and dialog.isVisible()
        assert dialog.busy_note.isVisibleTo(dialog) and dialog.busy_note.text() == publish_dialog.BUSY_TEXT
        assert not dialog.publish_button.isEnabled() and not target.exists()
        qtbot.waitSignal(dialog.retry_timer.timeout).wait()  # a try again, still busy
        assert editor.publish_dialog is dialog and not target.exists()
    qtbot.waitUntil(lambda: editor.publish_dialog is None, timeout=5000)
    assert load_pack(target).pack.meta.data_version == 4


def test_publish_gives_up_plainly_when_another_publish_keeps_the_lock(
        editor: EditorWindow, qtbot, tmp_path: Path, user_base: Path, monkeypatch) -> None:
    generate_keypair(tmp_path / "keys" / "p.pem", tmp_path / "keys" / "p.pub.json")
    monkeypatch.setattr(publish_dialog, "RETRY_FOR_SECONDS", 0)
    editor.publish_action.trigger()
    dialog = editor.publish_dialog
    qtbot.waitExposed(dialog)
    target = Path(dialog.target.text())
    replace_text(qtbot, dialog.key, str(tmp_path / "keys" / "p.pem"))
    with hold_lock(paths.user_data_dir() / PUBLISHED_FILE):
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    assert editor.publish_dialog is dialog and not target.exists()
    assert "Another publish on this computer was still being written after 0 seconds, so this pack was not " \
           "published. Press Publish to try again." in dialog.error.text()
    assert dialog.publish_button.isEnabled() and not dialog.busy_note.isVisibleTo(dialog)
    assert not dialog.retry_timer.isActive()
    for field in (dialog.target, dialog.key, dialog.as_of, dialog.publish_button):  # the words took their room
        assert field.height() >= field.sizeHint().height(), field.objectName()
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)  # the other publish is done now
    qtbot.waitUntil(lambda: editor.publish_dialog is None, timeout=5000)
    assert load_pack(target).pack.meta.data_version == 4


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing",
                           "This plugin does not support propagateSizeHints")  # the calendar, offscreen
def test_the_publish_dialog_shows_its_date_as_the_app_writes_days_and_takes_it_typed_or_picked(
        editor: EditorWindow, qtbot) -> None:
    """The law's date read "2026-02-02", stretched across the dialog, under words that write it "2 Feb 2026". It
    reads "2 Feb 2026" now (English months, whatever the computer's language), as wide as a date; the month is
    typed by number as well as by name, a whole date pasted is taken, and F4 or Alt+Down opens the calendar."""
    from PySide6.QtCore import QDate, QLocale
    from PySide6.QtWidgets import QDateTimeEdit

    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        editor.publish_action.trigger()
    finally:
        QLocale.setDefault(QLocale.c())
    dialog = editor.publish_dialog
    qtbot.waitExposed(dialog)
    field = dialog.as_of
    assert field.text() == "2 Feb 2026" and dialog.as_of_date() == dt.date(2026, 2, 2)
    assert field.accessibleName() == "Law current as of"
    assert field.width() < dialog.target.width() // 2, "as wide as a date, not the dialog"

    field.setDate(QDate(2025, 6, 15))
    field.setFocus()
    field.setCurrentSection(QDateTimeEdit.Section.MonthSection)
    qtbot.keyClicks(field, "11")  # November, by its number
    assert field.text() == "15 Nov 2025" and field.currentSection() == QDateTimeEdit.Section.YearSection
    qtbot.keyClicks(field, "2024")  # then the year, over the one shown
    assert dialog.as_of_date() == dt.date(2024, 11, 15)
    field.setCurrentSection(QDateTimeEdit.Section.MonthSection)
    qtbot.keyClicks(field, "3")  # March: no month 30 and up, so no second digit is waited for
    assert field.text() == "15 Mar 2024" and field.currentSection() == QDateTimeEdit.Section.YearSection
    field.setSelectedSection(QDateTimeEdit.Section.MonthSection)
    qtbot.keyClicks(field, "Jul")  # by name, as Qt took it
    assert field.text() == "15 Jul 2024"

    assert field.paste_day("2025-11-05") and dialog.as_of_date() == dt.date(2025, 11, 5)
    assert field.paste_day(" 7 Dec 2025 ") and dialog.as_of_date() == dt.date(2025, 12, 7)
    assert not field.paste_day("2025-W05-2") and dialog.as_of_date() == dt.date(2025, 12, 7)
    # hostile pass: a day the field does not take is not taken (Qt set today, or 14 Sep 1752, in its place)
    for later_or_before_any in ("2099-01-01", "0001-01-01", (dt.date.today() + dt.timedelta(days=1)).isoformat()):
        assert not field.paste_day(later_or_before_any) and dialog.as_of_date() == dt.date(2025, 12, 7)

    calendar = field.calendarWidget()
    for key, modifier in ((Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)):
        field.setFocus()
        qtbot.keyClick(field, key, modifier)
        qtbot.waitUntil(calendar.isVisible)
        qtbot.keyClick(calendar, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not calendar.isVisible())
    dialog.reject()


def test_the_publish_dialog_is_tall_enough_for_its_words_and_fields(editor: EditorWindow, qtbot) -> None:
    """The intro wraps to five lines when it says why a version was skipped; the dialog opened too short
    for four, with its first and last lines and the fields squeezed out of sight."""
    editor.published_version = 7
    editor.publish_action.trigger()
    dialog = editor.publish_dialog
    qtbot.waitExposed(dialog)
    intro = dialog.findChild(QLabel, "publishIntro")
    assert "version 7 has been published or installed on this computer already, so this one is 8" in intro.text()
    assert intro.height() >= intro.heightForWidth(intro.width())
    for field in (dialog.target, dialog.key, dialog.as_of, dialog.publish_button):
        assert field.height() >= field.sizeHint().height(), field.objectName()
    dialog.reject()


def test_a_delete_says_what_it_leaves_pointing_nowhere(editor: EditorWindow, qtbot) -> None:
    """Deleting a provision that outcomes cite said only "Deleted provision IL-TRUST-15a. Undo (Ctrl+Z) brings
    it back." while its citations became problems (40 with the bundled pack's), nothing linking the two."""
    select_record(editor, "provisions", "IL-TRUST-15a")
    editor.delete_action.trigger()
    assert editor.statusBar().currentMessage() == (
        "Deleted provision IL-TRUST-15a: 3 citations and 1 link now point nowhere. Undo (Ctrl+Z) brings it back.")
    wait_checked(qtbot, editor)
    assert sum("'IL-TRUST-15a'" in t for t in problem_texts(editor)) == 4, problem_texts(editor)
    editor.undo()
    select_node(editor, "S10", "o_refer")
    editor.delete_action.trigger()
    assert editor.statusBar().currentMessage() == (
        "Deleted outcome o_refer: 1 answer now points nowhere. Undo (Ctrl+Z) brings it back.")
    editor.undo()
    select_record(editor, "provisions", "LIT-USvIL-2025")  # named nowhere
    editor.delete_action.trigger()
    assert editor.statusBar().currentMessage() == "Deleted provision LIT-USvIL-2025. Undo (Ctrl+Z) brings it back."


def test_publish_needs_zero_problems(editor: EditorWindow, qtbot, prompts) -> None:
    select_node(editor, "S10", "o_refer")
    editor.delete_action.trigger()
    editor.publish_action.trigger()
    assert editor.publish_dialog is None
    assert prompts.warnings and "problem" in prompts.warnings[0]


def test_publish_reports_a_bad_key_in_the_dialog(editor: EditorWindow, qtbot, tmp_path: Path) -> None:
    bad = tmp_path / "not-a-key.pem"
    bad.write_text("nope", encoding="utf-8")
    bad.chmod(0o600)
    editor.publish_action.trigger()
    dialog = editor.publish_dialog
    replace_text(qtbot, dialog.target, str(tmp_path / "out.json"))
    replace_text(qtbot, dialog.key, str(bad))
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "PEM" in dialog.error.text()
    assert not (tmp_path / "out.json").exists()


def click_tool(qtbot, editor: EditorWindow, action) -> None:
    """Press the toolbar button of ``action``, as a supervisor would."""
    button = editor.toolbar.widgetForAction(action)
    assert button is not None and button.isVisible(), action.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def in_sight(widget: QWidget, within: QWidget) -> bool:
    """Whether all of ``widget`` is inside ``within``'s rectangle on screen (and shown)."""
    top_left = widget.mapToGlobal(QPoint(0, 0))
    corner = within.mapToGlobal(QPoint(0, 0))
    return (widget.isVisible() and top_left.x() >= corner.x() and top_left.y() >= corner.y()
            and top_left.x() + widget.width() <= corner.x() + within.width()
            and top_left.y() + widget.height() <= corner.y() + within.height())


def test_publish_shows_what_the_draft_changes_before_the_supervisor_confirms(
        make_editor, mini_pack_path: Path, qtbot, tmp_path: Path, prompts) -> None:
    """The Publish dialog said nothing of what the draft changes against the pack it replaces: a supervisor had
    to run the `diff` command to see it. It now lists it, as officers see it in "What changed", under the
    fields; a long list scrolls and Publish and Cancel stay in sight on a 1024×600 screen."""
    editor = make_editor(mini_pack_path, size=(1024, 600))
    generate_keypair(tmp_path / "keys" / "p.pem", tmp_path / "keys" / "p.pub.json")
    select_record(editor, "provisions", "IL-720-7-15")
    replace_text(qtbot, editor.provision_form.title_edit, "Render aid (v2)")
    rescinded = editor.provision_form.date_fields["rescinded"]
    replace_text(qtbot, rescinded.edit, "2026-09-01")  # announced: after the as-of date
    qtbot.keyClick(rescinded.edit, Qt.Key.Key_Return)
    select_record(editor, "scenarios", "S10")
    click_tool(qtbot, editor, editor.duplicate_action)  # a new scenario, its answers cited already
    for _ in range(8):  # enough new provisions that the list must scroll
        add_provision(editor, qtbot)
    write_over_starter_words(editor)
    wait_checked(qtbot, editor)
    click_tool(qtbot, editor, editor.publish_action)
    dialog = editor.publish_dialog
    assert dialog is not None, problem_texts(editor)
    qtbot.waitExposed(dialog)
    compared = dialog.findChild(QLabel, "publishComparedWith")
    assert compared.text() == ("Compared with the data in use on this computer, data version 3, as of 2 Feb 2026: "
                               "the data built into the app.")
    lines = dialog.diff_view.lines
    assert "Changed: IL-720-7-15 — Render aid (v2)" in lines
    assert any("date rescinded (none → 1 Sep 2026)" in line for line in lines), lines
    assert [line for line in lines if line.startswith("New: S10")] == ["New: S10-copy — ICE asks to stage in a City lot (copy)"]
    assert lines[0] == "Rules and provisions: 1 changed, 8 new · Situations: 1 new", lines[0]
    assert dialog.findChild(QLabel, "publishNothingChanged") is None
    scroll = dialog.page_scroll
    assert scroll.verticalScrollBar().maximum() > 0, "the long list scrolls"
    assert dialog.height() <= editor.height()
    for widget in (dialog.publish_button, dialog.buttons.button(dialog.buttons.StandardButton.Cancel), dialog.key,
                   dialog.intro):
        assert in_sight(widget, dialog), widget.objectName()
    assert scroll.height() >= 3 * dialog.fontMetrics().lineSpacing(), "room for the list to be read"
    dialog.as_of.setFocus()
    for _ in range(4):  # and it is read from the keyboard too: Tab goes through the date's day, month and year
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        if dialog.focusWidget() is not dialog.as_of:
            break
    assert dialog.focusWidget() is dialog.changes_box  # the list scrolls with the page now, not on its own
    scroll.verticalScrollBar().setValue(0)
    qtbot.keyClick(dialog.changes_box, Qt.Key.Key_PageDown)
    assert scroll.verticalScrollBar().value() > 0
    replace_text(qtbot, dialog.key, str(tmp_path / "keys" / "p.pem"))
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.publish_dialog is None, timeout=5000)
    assert "Published data version 4" in editor.statusBar().currentMessage()


def test_publish_says_plainly_when_the_draft_changes_nothing(editor: EditorWindow, qtbot) -> None:
    """A draft that says what the data in use says: the dialog says nothing changed, before Publish is pressed."""
    click_tool(qtbot, editor, editor.publish_action)
    dialog = editor.publish_dialog
    qtbot.waitExposed(dialog)
    note = dialog.findChild(QLabel, "publishNothingChanged")
    assert note is not None and note.isVisible()
    assert note.text() == publish_dialog.NOTHING_CHANGED
    assert note.height() >= note.heightForWidth(note.width()), "every line of it in sight"
    assert dialog.diff_view is None and dialog.changes_box is None
    dialog.reject()


def test_publish_works_when_the_data_in_use_cannot_be_read(
        make_editor, mini_pack_path: Path, qtbot, tmp_path: Path, user_base: Path) -> None:
    """The pack the draft is compared with is damaged: one line says the changes cannot be shown, and Publish
    still works. Only looking at the data in use moves no pack aside and writes nothing in the data folder."""
    damaged = tmp_path / "built-in.json"
    damaged.write_text('{"meta": ', encoding="utf-8")
    library = PackLibrary(user_base / "data", bundled=damaged)
    editor = make_editor(mini_pack_path, library=library)
    generate_keypair(tmp_path / "keys" / "p.pem", tmp_path / "keys" / "p.pub.json")
    click_tool(qtbot, editor, editor.publish_action)
    dialog = editor.publish_dialog
    qtbot.waitExposed(dialog)
    notice = dialog.findChild(QLabel, "publishNoComparison")
    assert notice is not None and notice.isVisible() and notice.text() == publish_dialog.NO_COMPARISON
    assert "built-in.json" in notice.toolTip()  # why, for whoever looks closer
    assert notice.heightForWidth(notice.width()) < 2 * notice.fontMetrics().lineSpacing(), "one line"
    assert dialog.diff_view is None
    assert damaged.read_text(encoding="utf-8") == '{"meta": ' and not (user_base / "data").exists()
    target = tmp_path / "out.json"
    replace_text(qtbot, dialog.target, str(target))
    replace_text(qtbot, dialog.key, str(tmp_path / "keys" / "p.pem"))
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.publish_dialog is None, timeout=5000)
    assert load_pack(target).pack.meta.data_version == 4


HOSTILE_NAME = "built-in.json\nCompared: nothing changed.\u202enosj"
HOSTILE_RECORD = "P-1\n\u202e1-P"


def _hostile_problem() -> Problem:
    return Problem(HOSTILE_NAME, "provisions", HOSTILE_RECORD, "title", "is required")


def test_the_data_in_use_that_could_not_be_read_is_named_as_the_data_dialogs_name_it(
        make_editor, mini_pack_path: Path, qtbot, tmp_path: Path, monkeypatch) -> None:
    """Publish…'s "could not compare" note gave why from str(problem): the line feeds in a file's name and a
    record's id escaped, a right-to-left override left as it was, turning the tooltip's words around; the Data
    dialogs show Problem.text() escaped once (as_seen). Both show it the one way now, and so does a publish the
    pack refused: "\u000a" and "\u202e" once each, never "\\u", never the characters themselves."""
    from desktop.storage.pack_file import PackError
    from desktop.ui.update_dialog import as_seen

    problem = _hostile_problem()
    shown = as_seen(problem.text())
    assert "\\u000a" in shown and "\\u202e" in shown  # (the Data dialogs' way, as a reference)

    def unreadable(*_args, **_kwargs):
        raise PackError([problem])

    library = PackLibrary(tmp_path / "data", bundled=MINI_PACK)
    monkeypatch.setattr(library, "load_active", unreadable)
    comparison = publish_dialog.compare_with_data_in_use(load_pack(mini_pack_path).pack, library)
    assert comparison.diff is None and comparison.words == shown
    editor = make_editor(mini_pack_path, library=library)
    generate_keypair(tmp_path / "keys" / "p.pem", tmp_path / "keys" / "p.pub.json")
    click_tool(qtbot, editor, editor.publish_action)
    dialog = editor.publish_dialog
    notice = dialog.findChild(QLabel, "publishNoComparison")
    assert notice.accessibleDescription() == shown and "\u202e" not in notice.toolTip()

    def refused(*_args, **_kwargs):
        raise PackError([problem])

    monkeypatch.setattr("desktop.ui.editor.window.publish", refused)
    replace_text(qtbot, dialog.target, str(tmp_path / "out.json"))
    replace_text(qtbot, dialog.key, str(tmp_path / "keys" / "p.pem"))
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.text().endswith(f"The pack was refused: {shown}")
    assert "\n" not in dialog.error.text() and "\u202e" not in dialog.error.text()


# -- keyboard and accessibility --------------------------------------------------------------------------


INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit, QAbstractSpinBox)


@pytest.mark.parametrize("where", ["meta", "provision", "scenario", "question", "outcome"])
def test_every_interactive_widget_is_named(editor: EditorWindow, where: str) -> None:
    if where == "provision":
        select_record(editor, "provisions", "IL-720-7-15")
    elif where == "scenario":
        select_record(editor, "scenarios", "S08")
    elif where == "question":
        select_node(editor, "S08", "q_basis")
    elif where == "outcome":
        select_node(editor, "S08", "o_release")
    unnamed = []
    for widget in editor.findChildren(INTERACTIVE[0].__mro__[-2]):  # every QObject-derived child
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(editor):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
            continue  # the edit inside a combo or spin box is named by its owner
        if widget.objectName().startswith("qt_") or widget.parent().objectName().startswith("qt_"):
            continue  # Qt's own internals (scroll bar buttons, tool bar extension)
        if not widget.objectName() or not widget.accessibleName():
            unnamed.append(f"{type(widget).__name__} {widget.objectName()!r} {widget.accessibleName()!r}")
    assert unnamed == []


def test_outline_keyboard_delete_and_move(editor: EditorWindow, qtbot) -> None:
    select_record(editor, "provisions", "IL-720-7-15")
    activate(qtbot, editor)
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert editor.document.tables["provisions"]["2"]["provision_id"] == "IL-720-7-15"
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)
    assert "IL-720-7-15" not in editing.ids(editor.document.tables, "provisions")
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.document.tables["provisions"]["2"]["provision_id"] == "IL-720-7-15"


def test_f6_moves_between_panes(editor: EditorWindow, qtbot) -> None:
    """Contents → form → map → problems → contents; with no problems the list is hidden and F6 skips it
    (it stopped on the map: the hidden list could not take the focus)."""

    def panes_seen(count: int) -> list[QWidget | None]:
        select_record(editor, "scenarios", "S08")
        activate(qtbot, editor)
        editor.tree.setFocus()
        seen = []
        for _ in range(count):
            editor.next_pane_action.trigger()
            seen.append(QApplication.focusWidget())
        return seen

    assert not editor.problems.view.isVisible()
    form, on_map, back = panes_seen(3)
    assert form.objectName() == "scenarioId" and on_map is editor.map_panel.view and back is editor.tree
    select_node(editor, "S10", "o_no")
    editor.delete_action.trigger()
    wait_checked(qtbot, editor)
    form, on_map, problems, back = panes_seen(4)
    assert form.objectName() == "scenarioId" and on_map is editor.map_panel.view
    assert problems is editor.problems.view and back is editor.tree


def test_filter_narrows_the_outline(editor: EditorWindow, qtbot) -> None:
    type_text(editor.filter_edit, "staging")
    proxy = editor.proxy
    groups = {proxy.index(r, 0).data().split(" (")[0]: proxy.index(r, 0) for r in range(proxy.rowCount())}
    assert set(groups) == {"Provisions", "Scenarios"}  # "Pack details" does not match
    assert proxy.rowCount(groups["Provisions"]) == 1 and proxy.rowCount(groups["Scenarios"]) == 1
    select_record(editor, "provisions", "IL-720-7-15")  # hidden by the filter: the filter is cleared
    assert editor.filter_edit.text() == ""
    assert editor.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == editor.focus


# -- entry points ------------------------------------------------------------------------------------------


def test_open_editor_and_close_editors(qtbot, mini_pack_path: Path, prompts) -> None:
    window = open_editor(None, mini_pack_path)
    assert window is not None
    qtbot.addWidget(window)
    wait_checked(qtbot, window)
    assert window in open_editors()
    select_record(window, "provisions", "IL-720-7-15")
    replace_text(qtbot, window.provision_form.title_edit, "x")
    prompts.unsaved_answer = QMessageBox.StandardButton.Cancel
    assert close_editors() is False
    prompts.unsaved_answer = QMessageBox.StandardButton.Discard
    assert close_editors() is True
    assert open_editors() == []


def test_open_editor_explains_an_unreadable_file(qtbot, tmp_path: Path, prompts) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert open_editor(None, broken) is None
    assert prompts.warnings and "not valid JSON" in prompts.warnings[0]


def test_edit_option_runs_the_editor(monkeypatch: pytest.MonkeyPatch, mini_pack_path: Path) -> None:
    from desktop import __main__ as entry

    seen: list[str | None] = []
    monkeypatch.setattr("desktop.ui.editor.run_editor", lambda path: seen.append(path) or 0)
    assert entry.main(["--edit", str(mini_pack_path)]) == 0
    assert entry.main(["--edit"]) == 0
    assert seen == [str(mini_pack_path), None]


def test_the_standalone_editor_scrolls_by_touch(monkeypatch: pytest.MonkeyPatch, mini_pack_path: Path,
                                                tmp_path: Path) -> None:
    """`--edit` on its own has no main window, whose first frame touch scrolling waited for: the Publish
    dialog's list of changes (a scroll area made once the editor runs) never scrolled under a finger."""
    import shutil
    import sys

    from desktop.ui import widgets
    from desktop.ui.editor import run_editor

    monkeypatch.setattr(widgets, "_touch_waiting", [])  # as at launch, whatever earlier tests did
    grabbed: list[object] = []
    monkeypatch.setattr(widgets, "_grab_touch", grabbed.append)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_editor puts in its own: the test's comes back
    draft = tmp_path / "draft.json"
    shutil.copy(mini_pack_path, draft)
    seen = []

    def fake_exec(_app: QApplication) -> int:
        area = widgets.VScrollArea(QWidget(), "publishChanges")  # as the Publish dialog makes its list
        seen.append(area in grabbed)
        area.deleteLater()
        close_editors()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert run_editor(str(draft)) == 0
    assert seen == [True]


def test_a_broken_draft_still_opens_and_every_record_can_be_shown(make_editor, qtbot, tmp_path: Path) -> None:
    tables = json.loads(MINI_PACK.read_text(encoding="utf-8"))
    first_provision = tables["provisions"]["1"]
    del first_provision["title"]
    first_provision["dates"]["effective"] = "2025-13"
    first_provision["status_notes"] = [{"kind": "rumour", "text": 5}]
    scenario = tables["scenarios"]["1"]
    scenario["nodes"][0].pop("prompt", None)
    scenario["nodes"][0]["choices"][0] = {"key": "Bad Key", "label": "x"}
    scenario["nodes"].append({"node_id": "half", "type": "outcome"})
    scenario["start"] = "nowhere"
    tables["scenarios"]["2"]["nodes"] = "not a list"
    draft = tmp_path / "broken-draft.json"
    draft.write_text(json.dumps(tables), encoding="utf-8")
    window = make_editor(draft)
    assert "✖" in window.problems.summary.text() and "structure" in window.problems.summary.text()
    model = window.model
    for group in (1, 2):
        parent = model.index(group, 0)
        for row in range(model.rowCount(parent)):
            record = model.index(row, 0, parent)
            window.select(record.data(Qt.ItemDataRole.UserRole + 1))
            for node_row in range(model.rowCount(record)):
                window.select(model.index(node_row, 0, record).data(Qt.ItemDataRole.UserRole + 1))
    for row in range(window.problems.model.rowCount()):
        click_row(qtbot, window.problems.view, row)
    window.document.doc.mark_clean()


def test_a_question_and_a_headline_show_their_words_on_two_rows_and_stay_one_line(editor: EditorWindow, qtbot) -> None:
    """A one-line field cut them ("Don't help until your supervisor has checked th…"); they now wrap over two
    rows, and Enter or pasted line breaks cannot put a line break into the pack's one-line fields."""
    from PySide6.QtCore import QMimeData

    key, index = select_node(editor, "S10", "o_no")
    form = editor.outcome_form
    headline = form.headline
    assert isinstance(headline, QPlainTextEdit) and headline.height() >= 2 * headline.fontMetrics().lineSpacing()
    activate(qtbot, editor)
    headline.setFocus()
    headline.selectAll()
    qtbot.keyClicks(headline, "Decline")
    qtbot.keyClick(headline, Qt.Key.Key_Return)
    pasted = QMimeData()
    pasted.setText(" politely,\nand\r\n call a supervisor.")
    headline.insertFromMimeData(pasted)
    path = ("scenarios", key, "nodes", index, "headline")
    assert editing.get(editor.document.tables, path) == "Decline politely, and call a supervisor."
    q_key, q_index = select_node(editor, "S10", "q_city")
    prompt = editor.question_form.prompt
    assert isinstance(prompt, QPlainTextEdit)
    assert prompt.toPlainText() == editing.get(editor.document.tables, ("scenarios", q_key, "nodes", q_index, "prompt"))


def test_every_line_of_an_outcome_list_shows_in_full_as_the_form_narrows(make_editor, qtbot) -> None:
    """A line was measured as one row and painted on two, cut ("Do not hold anyone while it is being …"),
    after the form narrowed under it. Each row is now as tall as the lines it paints at every width."""
    editor = make_editor(BUNDLED_PACK)
    select_node(editor, "S06", "o_check6")
    checked = 0
    for editor_list in editor.outcome_form.lists.values():
        view = editor_list.list
        for width in range(560, 260, -6):  # narrower and narrower, as a form gains a scroll bar or a panel grows
            view.setFixedWidth(width)
            qtbot.wait(1)
            for row in range(view.count()):
                index = view.model().index(row, 0)
                assert view.visualRect(index).height() >= painted_lines_height(view, index), (width, index.data())
                checked += 1
    assert checked >= 100


def test_no_form_is_wider_than_its_panel_on_a_small_screen(make_editor, qtbot) -> None:
    """At 1024 × 600 the scenario form was held wider than its panel by a check box's long text
    ("Safety-critical (first question must ask about danger)"), and the provision form by a section title
    ("Dates (partial dates allowed; empty when unknown)"): with no sideways scrolling, their right edges
    (the tags' Add button, the ends of the fields and their words) were cut off. Every form now fits its
    panel, also at the narrowest the splitter allows; what a check box means wraps below it. The answers'
    buttons were squeezed instead ("ld answ", "uplica"): a row too narrow for them now goes below its label."""
    editor = make_editor(BUNDLED_PACK)
    editor.resize(1024, 600)
    tables = editor.document.tables
    scenario = editing.find_record(tables, "scenarios", "S08")
    focuses = [("meta",), ("provisions", editing.find_record(tables, "provisions", "CHI-EO-2025-8")),
               ("scenarios", scenario), ("scenarios", scenario, "nodes", 0), ("scenarios", scenario, "nodes", 3),
               ("glossary", "1"), ("synonyms", "1")]
    for sizes in ([290, 480, 254], [290, 0, 1024]):  # as opened, and the form's column as narrow as it goes
        editor.columns.setSizes(sizes)
        for focus in focuses:
            editor.select(focus)
            page = editor.form_stack.currentWidget()
            # the form's right edge is the panel's: never wider (there is no sideways scrolling)
            qtbot.waitUntil(lambda p=page: p.widget().width() <= p.viewport().width(), timeout=2000)
            for button in page.widget().findChildren(QPushButton):  # and no button's words squeezed ("ld answ")
                if button.isVisibleTo(page) and button.text():
                    words = button.fontMetrics().horizontalAdvance(button.text()) + 2 * 8 + 2  # padding, border
                    assert button.width() >= words, (sizes, focus, button.text())
    editor.select(("scenarios", scenario))
    detail = editor.scenario_form.findChild(QLabel, "scenarioSafetyDetail")
    assert detail.isVisible() and detail.text() == "Its first question must ask about danger."
    assert detail.wordWrap()


def test_adding_to_a_scenario_whose_nodes_are_not_a_list_says_why(make_editor, qtbot, tmp_path: Path) -> None:
    """"+ Question" on a scenario whose nodes were not a list raised inside the edit's building, before the
    guard around applying it: the supervisor got the crash dialog. The status bar now says what is wrong."""
    tables = json.loads(MINI_PACK.read_text(encoding="utf-8"))
    tables["scenarios"]["2"]["nodes"] = "not a list"
    draft = tmp_path / "broken-draft.json"
    draft.write_text(json.dumps(tables), encoding="utf-8")
    window = make_editor(draft)
    window.select(("scenarios", "2"))
    before = json.dumps(window.document.tables, sort_keys=True)
    for action in (window.add_question_action, window.add_outcome_action):
        action.trigger()  # an exception here is what reached the crash dialog
        message = window.statusBar().currentMessage()
        assert message.startswith("✖") and "scenarios › 2 › nodes is not a list" in message
    assert json.dumps(window.document.tables, sort_keys=True) == before
    tables["provisions"] = "oops"  # adding a provision cannot be done: no "Added a provision" over the error
    draft.write_text(json.dumps(tables), encoding="utf-8")
    window.document.doc.mark_clean()
    other = make_editor(draft)
    other.select(("provisions",))
    add_provision(other, qtbot)
    message = other.statusBar().currentMessage()
    assert message.startswith("✖") and "Added" not in message
    other.document.doc.mark_clean()


def test_expires_after_steps_with_buttons_a_finger_can_hit(editor: EditorWindow, qtbot) -> None:
    """Under the editor's styled border, the spin box's own arrows were slivers a pixel or two wide. It sits
    between − and + buttons now; both work while the value can move, and each press is one undoable edit."""
    key = editing.records(editor.document.tables, "meta")[0][0]
    editor.select(("meta", key))
    spin = editor.findChild(QAbstractSpinBox, "metaExpires")
    less = editor.findChild(QAbstractButton, "metaExpiresLess")
    more = editor.findChild(QAbstractButton, "metaExpiresMore")
    assert spin.value() == editing.records(editor.document.tables, "meta")[0][1]["expires_after_days"] > 1
    assert less.isEnabled() and more.isEnabled(), "the limits follow the value shown, not the field's start"
    assert less.width() >= 30 and less.height() >= spin.height() - 2
    start = spin.value()
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    assert editing.records(editor.document.tables, "meta")[0][1]["expires_after_days"] == start + 1
    qtbot.mouseClick(less, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(less, Qt.MouseButton.LeftButton)
    assert editing.records(editor.document.tables, "meta")[0][1]["expires_after_days"] == start - 1
    editor.undo()
    assert editing.records(editor.document.tables, "meta")[0][1]["expires_after_days"] == start
    editor.document.doc.mark_clean()



def test_the_glossary_and_the_search_synonyms_are_edited_like_the_rest(editor: EditorWindow, qtbot, prompts) -> None:
    """The editor showed only pack details, provisions and scenarios: a supervisor adding an order could not
    add its glossary term or the words officers type for it without editing the JSON by hand."""
    select_record(editor, "glossary", "Administrative warrant")
    assert editor.form_stack.currentWidget().widget() is editor.term_form
    assert editor.term_form.heading.text() == "Glossary term “Administrative warrant”"
    form = editor.term_form
    qtbot.mouseClick(form.see.add_button, Qt.MouseButton.LeftButton)
    assert "MCC-2-173-020(a)(1)" not in form.picker.visible_keys(), "never one it already lists"
    type_text(form.picker.filter, "staging")
    qtbot.mouseClick(form.picker.buttons.button(form.picker.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert editing.get(editor.document.tables, ("glossary", "1", "see")) == ["MCC-2-173-020(a)(1)", "CHI-EO-2025-8"]
    replace_text(qtbot, editor.term_form.term_edit, "administrative warrant (I-200)")
    editor.document.seal()
    key = editing.find_record(editor.document.tables, "glossary", "administrative warrant (I-200)")
    assert key is not None

    editor.add_synonym_action.trigger()
    assert editor.focus == ("synonyms", "3") and editor.form_stack.currentWidget().widget() is editor.synonym_form
    wait_checked(qtbot, editor)
    assert "No problems" in editor.problems.summary.text(), "a new synonym is a valid record"
    editor.undo()
    select_record(editor, "glossary", "administrative warrant (I-200)")
    editor.add_term_action.trigger()
    added = editing.records(editor.document.tables, "glossary")
    assert [d["term"] for _, d in added] == ["administrative warrant (I-200)", "new term"]
    assert editor.focus == ("glossary", "2") and "Added a glossary term" in editor.statusBar().currentMessage()
    wait_checked(qtbot, editor)
    assert problem_texts(editor) == ["Glossary new term › definition: still has the editor's starter words "
                                     "(“Say in plain words what this means for an officer.”): write what officers "
                                     "should read here"], "a new term is a valid record, its definition left to write"
    editor.duplicate_action.trigger()
    assert [d["term"] for _, d in editing.records(editor.document.tables, "glossary")][-1] == "new term (copy)"
    assert editor.focus == ("glossary", "3"), "the copy is selected, not the original"
    assert editor.term_form.term_edit.text() == "new term (copy)"
    editor.move_up_action.trigger()
    assert [d["term"] for _, d in editing.records(editor.document.tables, "glossary")][1] == "new term (copy)"
    assert editor.focus == ("glossary", "2") and editor.term_form.term_edit.text() == "new term (copy)"
    editor.move_up_action.trigger()  # a second press moves the same term again
    assert [d["term"] for _, d in editing.records(editor.document.tables, "glossary")][0] == "new term (copy)"
    editor.undo()
    assert editor.focus == ("glossary", "2") and editor.term_form.term_edit.text() == "new term (copy)"

    select_record(editor, "synonyms", "feds")
    assert editor.form_stack.currentWidget().widget() is editor.synonym_form
    words = editor.synonym_form.expansions
    assert words.items() == ["ICE", "federal agents"]
    entry = words.findChild(QLineEdit)
    entry.setFocus()
    type_text(entry, "DHS")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert editing.records(editor.document.tables, "synonyms")[1][1]["expansions"] == ["ICE", "federal agents", "DHS"]
    editor.delete_action.trigger()
    assert [d["term"] for _, d in editing.records(editor.document.tables, "synonyms")] == ["hold"]
    assert "Deleted search synonym feds" in editor.statusBar().currentMessage()
    editor.undo()
    assert [d["term"] for _, d in editing.records(editor.document.tables, "synonyms")] == ["hold", "feds"]
    editor.document.doc.mark_clean()


def test_a_glossary_term_that_is_not_a_record_is_not_copied_and_a_twice_defined_term_is_found(
        make_editor, qtbot, tmp_path: Path) -> None:
    """Duplicating a glossary entry that is not a record reached the crash dialog; a term defined twice in
    different case was reported but its problem went nowhere (the checker names terms casefolded)."""
    tables = json.loads(MINI_PACK.read_text(encoding="utf-8"))
    broken = json.loads(json.dumps(tables))
    broken["glossary"]["2"] = "not a record"
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps(broken), encoding="utf-8")
    window = make_editor(draft)
    window.select(("glossary", "2"))
    window.duplicate_action.trigger()
    message = window.statusBar().currentMessage()
    assert message.startswith("✖") and "not a valid record" in message
    window.document.doc.mark_clean()

    tables["synonyms"]["3"] = {"term": "HOLD", "expansions": ["keep"]}  # "hold" already has one
    draft.write_text(json.dumps(tables), encoding="utf-8")
    window = make_editor(draft)
    texts = window.problems.model.texts()
    row = next(i for i, t in enumerate(texts) if "more than once" in t)
    click_row(qtbot, window.problems.view, row)
    assert window.focus in (("synonyms", "1"), ("synonyms", "3"))
    window.document.doc.mark_clean()


def test_a_glossary_problem_goes_to_its_term(make_editor, qtbot, tmp_path: Path) -> None:
    """A glossary term that points to a provision that does not exist is listed in the Problems panel;
    activating it shows that term's form (it went nowhere: the outline had no glossary)."""
    tables = json.loads(MINI_PACK.read_text(encoding="utf-8"))
    tables["glossary"]["1"]["see"].append("NO-SUCH-RULE")
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps(tables), encoding="utf-8")
    window = make_editor(draft)
    texts = window.problems.model.texts()
    row = next(i for i, t in enumerate(texts) if "NO-SUCH-RULE" in t)
    click_row(qtbot, window.problems.view, row)
    assert window.focus == ("glossary", "1") and window.form_stack.currentWidget().widget() is window.term_form
    window.document.doc.mark_clean()


def test_a_selected_problem_keeps_its_colour_on_a_visible_selection(make_editor, tmp_path, qtbot) -> None:
    """The style sheet's selection colour turned a selected error row dark grey on a near-white row: the
    selected problem must stay red (amber for a warning) on the lists' light-blue selection."""
    window = make_editor(_problem_draft(tmp_path))
    view = window.problems.view
    severities = [view.model().index(r, 0).data(SeverityRole) for r in range(view.model().rowCount())]
    assert "error" in severities and "warning" in severities

    def selected_row_pixels(row: int) -> tuple[int, QColor]:
        view.setCurrentIndex(view.model().index(row, 0))
        qtbot.waitUntil(lambda: view.selectionModel().isRowSelected(row))
        image = view.viewport().grab().toImage()
        rect = view.visualRect(view.model().index(row, 0))
        inked = [image.pixelColor(x, y) for y in range(rect.top() + 2, rect.bottom() - 1)
                 for x in range(rect.left() + 4, min(rect.right(), 500))]
        coloured = sum(1 for c in inked if c.red() - c.blue() > 60)  # red or amber ink, not grey or black
        return coloured, image.pixelColor(rect.right() - 6, rect.center().y())

    for severity in ("error", "warning"):
        coloured, background = selected_row_pixels(severities.index(severity))
        assert coloured > 20, f"the selected {severity} lost its colour"
        assert background.name() == "#dce7fa", f"the selected {severity}'s row is {background.name()}"

    # the selection's colour is the style sheet's (editor.qss), not a second copy of it in the code
    window.setStyleSheet(window.styleSheet() + "\nQListView { selection-background-color: #fde2b8; }")
    view.clearSelection()
    _coloured, background = selected_row_pixels(severities.index("error"))
    assert background.name() == "#fde2b8", f"the selected row is {background.name()}, not the style sheet's colour"


# -- the officer's theme and text size ---------------------------------------------------------------------------


def _problem_draft(tmp_path: Path) -> Path:
    """The mini pack with an outcome that cites nothing and says nothing to do (an error and a warning)."""
    tables = json.loads(MINI_PACK.read_text(encoding="utf-8"))
    scenario = next(s for s in tables["scenarios"].values() if s["scenario_id"] == "S10")
    outcome = next(n for n in scenario["nodes"] if n["node_id"] == "o_no")
    outcome["cites"], outcome["do"] = [], []
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(tables), encoding="utf-8")
    return path


def _largest_text_editor(make_editor, tmp_path: Path, pack: Path | None = None):
    """The editor at the largest text size on a 1024 × 600 screen, on ``pack`` (None: a copy of the bundled
    pack), its settings in ``tmp_path``."""
    from desktop.ui.settings import TEXT_STEP_MAX, Settings

    settings = Settings(tmp_path / "settings.ini")
    settings.text_step = TEXT_STEP_MAX
    if pack is None:
        pack = tmp_path / "draft.json"
        shutil.copyfile(BUNDLED_PACK, pack)
    return make_editor(pack, settings=settings, size=(1024, 600))


def test_at_the_largest_text_a_list_is_as_tall_as_the_lines_of_its_rows(make_editor, tmp_path) -> None:
    """At the largest text on a 1024 × 600 screen S04's database-check outcome's one "notify" line wrapped to two
    lines and its list showed the first ("Your sergeant or lieutenant or"): a list was one line tall a row.
    Each list is as tall as its rows' lines (up to the rows it shows before it scrolls), as its width changes."""
    from desktop.ui.widgets import settle_layout

    editor = _largest_text_editor(make_editor, tmp_path)
    select_node(editor, "S04", "o_query4")
    notify = editor.outcome_form.lists["notify"].list
    assert notify.count() == 1 and notify.sizeHintForRow(0) > 1.5 * notify.fontMetrics().lineSpacing(), "wrapped"
    checked = 0
    for width in (None, 420, 300):  # as opened, and narrower as a panel grows
        for editor_list in editor.outcome_form.lists.values():
            view = editor_list.list
            if width is not None:
                view.setFixedWidth(width)
            settle_layout([view])  # laid out at its width, then refitted to its rows' lines
            rows = range(min(view.count(), 4))  # the outcome's lists show four rows before they scroll
            assert view.viewport().height() >= sum(view.sizeHintForRow(row) for row in rows), (width, view.objectName())
            checked += 1
    assert checked == 3 * len(editor.outcome_form.lists)


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_a_ticked_box_shows_a_tick_and_an_unticked_one_its_border(make_editor, tmp_path, theme) -> None:
    """The scenario's "Show as a big button on the Home screen" ticked was a filled box with no tick (and grew
    to the tick's size), unticked a borderless square: white on the day theme's grey, dark on the night's."""
    from PySide6.QtWidgets import QCheckBox

    from desktop.ui.settings import Settings
    from desktop.ui.themes import contrast_ratio
    from tests.ui.ui_helpers import check_box_marks

    settings = Settings(tmp_path / "settings.ini")
    settings.theme = theme
    editor = make_editor(BUNDLED_PACK, settings=settings)
    select_record(editor, "scenarios", "S08")
    home, safety = (editor.scenario_form.findChild(QCheckBox, name) for name in ("scenarioHome", "scenarioSafety"))
    assert home.isChecked() and not safety.isChecked()
    (ticked_box, tick), (unticked_box, unticked) = check_box_marks(home), check_box_marks(safety)
    assert tick >= 0.1 and unticked == 0, (tick, unticked)
    assert ticked_box.size() == unticked_box.size()
    image, middle = safety.grab().toImage(), unticked_box.center().y()
    border, beside = image.pixelColor(unticked_box.left() + 1, middle), image.pixelColor(unticked_box.left() - 3, middle)
    assert contrast_ratio(border, beside) >= 3, (border.name(), beside.name())


def test_the_editor_opens_in_the_officers_theme_and_text_size(make_editor, tmp_path) -> None:
    """A supervisor who reads the officer app in the night theme at the largest text got the editor in day colours
    at 14 px: it follows the settings both windows share, with the officer theme's colour file."""
    from desktop.ui.settings import TEXT_STEP_MAX, Settings
    from desktop.ui.themes import editor_font_sizes

    settings = Settings(tmp_path / "settings.ini")
    settings.theme, settings.text_step = "night", TEXT_STEP_MAX
    window = make_editor(_problem_draft(tmp_path), settings=settings)
    select_record(window, "provisions", "IL-TRUST-15a")
    field = window.provision_form.findChild(QLineEdit, "provisionTitle")
    assert field is not None and field.isVisible()
    background = field.palette().color(field.backgroundRole())
    assert background.lightness() < 60, f"a field is {background.name()} in the night theme"
    assert window.palette().color(window.backgroundRole()).name() == "#171614"  # night.qss's, not a copy
    label = window.provision_form.findChild(QLabel, "fieldLabel")
    assert QFontInfo(label.font()).pixelSize() == editor_font_sizes(TEXT_STEP_MAX)["desk"] == 22
    # the problems' words in the theme's colours: the day's dark red could not be read on the night's grey
    error_ink = window.problems.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).color()
    assert error_ink.name() == "#ff9f92"
    scenario = editing.find_record(window.document.tables, "scenarios", "S10")
    outline_ink = window.model.index_of(("scenarios", scenario)).data(Qt.ItemDataRole.ForegroundRole)
    assert outline_ink.color().name() == "#ff9f92"


def test_view_changes_the_theme_and_text_size_and_remembers_them(make_editor, tmp_path) -> None:
    from desktop.ui.settings import Settings

    settings = Settings(tmp_path / "settings.ini")
    window = make_editor(_problem_draft(tmp_path), settings=settings)
    assert window.theme == "day" and window.theme_actions["day"].isChecked()
    window.theme_actions["contrast"].trigger()
    assert window.palette().color(window.backgroundRole()).name() == "#000000"
    assert window.theme_actions["contrast"].isChecked() and not window.theme_actions["day"].isChecked()
    window.larger_text_action.trigger()
    window.larger_text_action.trigger()
    label = window.meta_form.findChild(QLabel, "fieldLabel")
    assert QFontInfo(label.font()).pixelSize() == 17  # 14 px, 20 % larger
    assert (Settings(tmp_path / "settings.ini").theme, Settings(tmp_path / "settings.ini").text_step) == ("contrast", 2)
    window.normal_text_action.trigger()
    assert QFontInfo(label.font()).pixelSize() == 14 and not window.normal_text_action.isEnabled()


def test_the_editor_and_the_officer_window_follow_each_other(qtbot, mini_pack_path, tmp_path) -> None:
    """Opened from the officer window (Data → Edit data), the editor shows its theme and text size, and a change
    in either window is made in the other."""
    from PySide6.QtCore import Signal

    from desktop.ui.settings import Settings

    class OfficerWindow(QWidget):
        theme_changed = Signal(str)
        text_size_changed = Signal(int)

        def __init__(self) -> None:
            super().__init__()
            self.theme, self.text_step = "night", 1

        def set_theme(self, name: str) -> None:
            self.theme = name
            self.theme_changed.emit(name)

        def set_text_step(self, step: int) -> None:
            self.text_step = step
            self.text_size_changed.emit(step)

    officer = OfficerWindow()
    qtbot.addWidget(officer)
    window = open_editor(officer, mini_pack_path, Settings(tmp_path / "settings.ini"))
    assert window is not None
    qtbot.addWidget(window)
    assert (window.theme, window.text_step) == ("night", 1)
    officer.set_theme("contrast")
    assert window.theme == "contrast" and window.palette().color(window.backgroundRole()).name() == "#000000"
    window.larger_text_action.trigger()
    assert officer.text_step == 2
    window.theme_actions["day"].trigger()
    assert officer.theme == "day"
    window.close()
    officer.set_theme("night")  # the editor closed: nothing follows, nothing breaks
    assert window.theme == "day"


def test_a_selected_problem_can_be_read_in_high_contrast(make_editor, tmp_path, qtbot) -> None:
    """High contrast's errors are yellow, as its selection: the selected error was yellow on yellow. It is written
    in the selection's black."""
    from desktop.ui.settings import Settings

    settings = Settings(tmp_path / "settings.ini")
    settings.theme = "contrast"
    window = make_editor(_problem_draft(tmp_path), settings=settings)
    view = window.problems.view
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.waitUntil(lambda: view.selectionModel().isRowSelected(0))
    image = view.viewport().grab().toImage()
    rect = view.visualRect(view.model().index(0, 0))
    inked = [image.pixelColor(x, y) for y in range(rect.top() + 2, rect.bottom() - 1)
             for x in range(rect.left() + 4, min(rect.right(), 500))]
    assert image.pixelColor(rect.right() - 6, rect.center().y()).name() == "#ffff00"
    dark = sum(1 for c in inked if c.lightness() < 100)
    assert dark > 40, "the selected error's words cannot be seen on the selection"


def test_the_logic_map_is_drawn_in_the_theme(make_editor, tmp_path) -> None:
    """The map was a white page with white boxes beside the night theme's dark panels (and in high contrast): its
    page, question boxes, words and arrows take the theme's colours, from the style sheet."""
    from desktop.ui.settings import Settings

    window = make_editor(_problem_draft(tmp_path), settings=Settings(tmp_path / "settings.ini"))
    select_record(window, "scenarios", "S10")
    view = window.map_panel.view

    def drawn() -> tuple[str, str, str]:
        question = next(box for box in view.boxes.values() if box.kind == "question")
        return (view.scene().backgroundBrush().color().name(), question.brush().color().name(),
                question.body.defaultTextColor().name())

    assert drawn() == ("#fbfaf7", "#ffffff", "#1b1b1b")
    window.theme_actions["night"].trigger()
    assert drawn() == ("#1e1c19", "#2a2824", "#eadcc0")
    window.theme_actions["contrast"].trigger()
    assert drawn() == ("#000000", "#000000", "#ffffff")
    image = view.viewport().grab().toImage()
    corner = image.pixelColor(2, 2)
    assert corner.name() == "#000000", f"the map's page shows {corner.name()} in high contrast"


def test_at_the_largest_text_on_a_small_screen_the_forms_are_whole(make_editor, tmp_path) -> None:
    """At the largest text on a 1024 × 600 screen the question form was cut at its right edge (its fields and
    "Turn into an outcome" ran under the map). The form's column takes what its form needs from the contents'
    column; the map keeps its buttons whole and the window its width (the map folds there for want of room:
    shown all the same, from its folded button)."""
    window = _largest_text_editor(make_editor, tmp_path)
    window.folded_map_button.click()
    panel = window.map_panel
    assert panel.isVisible()
    for focus in (("scenarios", "S06", "q_offence6"), ("scenarios", "S06", None), ("provisions", "IL-TRUST-15a", None)):
        table, ident, node = focus
        if node:
            select_node(window, ident, node)
        else:
            select_record(window, table, ident)
        QApplication.processEvents()
        page = window.form_stack.currentWidget()
        viewport = page.viewport()
        assert page.widget().width() <= viewport.width(), f"the {focus} form is cut at its right edge"
        for child in page.widget().findChildren(QWidget):
            if child.isVisible() and child.isWindow() is False and child.width() > 0:
                right = child.mapTo(viewport, child.rect().topRight()).x()
                assert right <= viewport.width(), f"{child.objectName()} runs past the form's edge"
        fit = panel.fit_button
        assert fit.mapTo(panel, fit.rect().topRight()).x() < panel.width(), "the map's Fit button is cut"
        assert panel.title.width() >= panel.title.minimumWidth(), "the map's title is squeezed"
    assert window.width() == 1024 and window.minimumSizeHint().width() <= 1024


def test_at_the_largest_text_the_problems_list_has_no_sideways_scroll_bar(make_editor, tmp_path, qtbot) -> None:
    """At the largest text on 1024 × 600 a problem's row came out a few pixels wider than the list (its words wrap at
    the list's width), and a sideways scroll bar covered the second problem."""
    window = _largest_text_editor(make_editor, tmp_path)
    select_record(window, "scenarios", "S06")
    window.add_outcome_action.trigger()  # three problems and three warnings, as in the editor's screenshot
    wait_checked(qtbot, window)
    view = window.problems.view
    assert view.model().rowCount() >= 3
    qtbot.waitUntil(lambda: view.isVisible() and view.viewport().width() > 0)
    assert not view.horizontalScrollBar().isVisible()


def test_a_question_just_added_stays_in_sight_in_the_contents(make_editor, tmp_path, qtbot) -> None:
    """+ Question on a pack with no problems: the new question was picked at the foot of the contents, then its two
    problems came, the problems list grew under the contents, and the new question was left below its edge."""
    import shutil

    path = tmp_path / "draft.json"
    shutil.copyfile(BUNDLED_PACK, path)
    window = make_editor(path)
    assert not window.problems.view.isVisible()  # no problems: the list is the summary line alone
    select_node(window, "S06", "q_offence6")
    tree = window.tree
    tree.scrollTo(tree.currentIndex(), QAbstractItemView.ScrollHint.PositionAtBottom)
    height = tree.viewport().height()
    window.add_question_action.trigger()
    wait_checked(qtbot, window)
    qtbot.waitUntil(lambda: window.problems.view.isVisible() and tree.viewport().height() < height)
    current = tree.currentIndex()
    assert current.data(FocusRole) == window.focus and "New question" in current.data()
    # whole (Qt's scrollTo leaves a row's last pixel, its padding, below the edge)
    assert tree.viewport().rect().adjusted(0, 0, 0, 1).contains(tree.visualRect(current)), "the new question is out of sight"


def test_a_line_typed_and_not_added_is_kept_when_the_supervisor_moves_on_or_saves(editor: EditorWindow,
                                                                                 prompts) -> None:
    """A "Do" line typed in its new-line box without Enter or Add was lost on picking another record (and added
    to that record on a later Enter: the box kept it), and Save and closing left it out without a word. It is
    added to the record it was typed for, an edit Undo takes back."""
    key, index = select_node(editor, "S10", "o_no")
    do = editor.outcome_form.lists["do"]
    before = list(editing.get(editor.document.tables, ("scenarios", key, "nodes", index, "do")))
    do.entry.setFocus()
    type_text(do.entry, "Call the watch commander")
    other = editor.proxy.mapFromSource(editor.model.index_of(("scenarios", key, "nodes", 0)))
    editor.tree.setCurrentIndex(other)  # a click on another row of the contents
    assert editor.focus == ("scenarios", key, "nodes", 0), "the row clicked is shown"
    assert editing.get(editor.document.tables, ("scenarios", key, "nodes", index, "do")) == \
        [*before, "Call the watch commander"]
    assert do.entry.text() == ""
    editor.undo()
    assert editing.get(editor.document.tables, ("scenarios", key, "nodes", index, "do")) == before

    # typed, then Save (Ctrl+S, the focus still in the box)
    select_node(editor, "S10", "o_no")
    do.entry.setFocus()
    type_text(do.entry, "Write it in the report")
    assert not editor.document.protected and editor.save()
    saved = read_tables(editor.document.path)
    assert saved["scenarios"][key]["nodes"][index]["do"] == [*before, "Write it in the report"]

    # typed, then the window closed: the unsaved line is asked about, as any change
    type_text(do.entry, "One more thing")
    assert not prompts.questions
    editor.close()
    assert len(prompts.questions) == 1 and "not saved" in prompts.questions[0]


def test_an_id_typed_and_saved_from_its_field_is_saved(editor: EditorWindow, qtbot, prompts) -> None:
    """An id is renamed (with everything that points to it) on leaving its field or Enter: Ctrl+S from the field
    saved the old id, and the window closed without asking, the new id lost."""
    key = select_record(editor, "provisions", "IL-TRUST-15a")
    field = editor.provision_form.findChild(QLineEdit, "provisionId")
    replace_text(qtbot, field, "IL-TRUST-15A")
    assert field.hasFocus()
    prompts.unsaved_answer = QMessageBox.StandardButton.Yes  # yes, rename the published id
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(prompts.questions) == 1 and "published" in prompts.questions[0]
    saved = read_tables(editor.document.path)
    assert saved["provisions"][key]["provision_id"] == "IL-TRUST-15A"
    cited = [c["provision_id"] for s in saved["scenarios"].values() for n in s["nodes"] for c in n.get("cites", [])]
    assert "IL-TRUST-15A" in cited and "IL-TRUST-15a" not in cited, "what cites it follows"

    replace_text(qtbot, field, "IL-TRUST-15-A")
    prompts.unsaved_answer = QMessageBox.StandardButton.Discard
    editor.close()
    assert len(prompts.questions) == 2 and "not saved" in prompts.questions[1], "closing asks about the id typed"


def test_adding_a_question_or_outcome_says_how_to_reach_it(editor: EditorWindow) -> None:
    """+ Question and + Outcome said nothing, and the new node's first problem was that no answer leads to it:
    the status bar names it and says where an answer is made to lead to it."""
    select_node(editor, "S10", "o_no")
    editor.add_question_action.trigger()
    node = editing.get(editor.document.tables, (*editor.focus, "node_id"))
    message = editor.statusBar().currentMessage()
    assert f"Added question {node} to S10" in message and "Leads to" in message
    editor.add_outcome_action.trigger()
    node = editing.get(editor.document.tables, (*editor.focus, "node_id"))
    assert f"Added outcome {node} to S10" in editor.statusBar().currentMessage()


def test_a_status_message_ends_with_the_next_edit_or_record(editor: EditorWindow, qtbot) -> None:
    """The status bar kept "Added outcome …", "Saved …" or "Undid: …" for its 8 seconds after later actions:
    typing after a save still said "Saved", and a Redo left "Undid: …" on screen. A message now ends with the
    next edit, Undo or Redo (which say what they did) or a move to another record, else it times out."""
    bar = editor.statusBar()
    select_node(editor, "S10", "o_no")
    editor.add_outcome_action.trigger()
    assert bar.currentMessage().startswith("Added outcome")
    select_node(editor, "S10", "o_refer")
    assert bar.currentMessage() == ""

    editor.save_action.trigger()
    assert bar.currentMessage().startswith("Saved")
    replace_text(qtbot, editor.outcome_form.headline, "Call your supervisor now.")
    assert bar.currentMessage() == ""

    editor.undo_action.trigger()
    undid = bar.currentMessage()
    assert undid.startswith("Undid: ")
    editor.redo_action.trigger()
    assert bar.currentMessage() == "Redid: " + undid.removeprefix("Undid: ")


def test_a_new_records_starter_words_are_replaced_by_what_is_typed(editor: EditorWindow, qtbot) -> None:
    """A new outcome's headline ("Say the answer in one plain sentence.") was real text with the cursor where
    the click put it: a supervisor who clicked into it and typed got "…sentence.Officers may…". Clicked, or
    reached with Tab, a field still holding its starter words has them selected, so typing replaces them; a
    field with the supervisor's own words is left as a click leaves it."""
    activate(qtbot, editor)
    select_node(editor, "S10", "o_no")
    editor.add_outcome_action.trigger()
    form = editor.outcome_form
    qtbot.mouseClick(form.headline.viewport(), Qt.MouseButton.LeftButton,
                     pos=form.headline.viewport().rect().center())
    assert form.headline.hasFocus()
    type_text(form.headline, "Do not help with the arrest.")
    assert editing.get(editor.document.tables, (*editor.focus, "headline")) == "Do not help with the arrest."
    qtbot.mouseClick(form.headline.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(2, 2))  # own words: a cursor
    assert not form.headline.textCursor().hasSelection()

    rationale = editor.findChild(QWidget, "outcomeRationale")
    rationale.setFocus(Qt.FocusReason.TabFocusReason)
    type_text(rationale, "The law says so.")
    assert editing.get(editor.document.tables, (*editor.focus, "rationale")) == "The law says so."

    add_provision(editor, qtbot)  # a one-line field (a QLineEdit), clicked
    title = editor.provision_form.title_edit
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton, pos=QPoint(title.width() // 2, title.height() // 2))
    type_text(title, "Duty to report")
    assert editing.get(editor.document.tables, (*editor.focus, "title")) == "Duty to report"


def _publish_with_changes(editor: EditorWindow, qtbot, provisions: int):
    """The Publish dialog, opened on a draft with a duplicated scenario and ``provisions`` new provisions."""
    select_record(editor, "scenarios", "S10")
    editor.duplicate_action.trigger()  # (at the largest text the tool bar's last buttons are behind its » menu)
    for _ in range(provisions):
        add_provision(editor, qtbot)
    write_over_starter_words(editor)
    wait_checked(qtbot, editor)
    editor.publish_action.trigger()
    dialog = editor.publish_dialog
    assert dialog is not None, problem_texts(editor)
    qtbot.waitExposed(dialog)
    return dialog


def test_at_the_largest_text_the_publish_dialog_widens_so_its_changes_can_be_read(
        make_editor, mini_pack_path: Path, qtbot, tmp_path: Path) -> None:
    """At the largest text on 1024 × 600 the Publish dialog kept its 720 px: its intro and the date's note took
    eight lines, and its list of changes showed two lines above the buttons. It widens with the text, within the
    editor window; at the normal size it is as it was."""
    from desktop.ui.editor.publish_dialog import WIDTH

    editor = _largest_text_editor(make_editor, tmp_path, mini_pack_path)
    dialog = _publish_with_changes(editor, qtbot, provisions=4)
    assert WIDTH < dialog.width() <= editor.width()
    line = dialog.fontMetrics().lineSpacing()
    assert dialog.page_scroll.viewport().height() >= 4 * line, "room for the list to be read"
    for widget in (dialog.publish_button, dialog.intro):
        assert in_sight(widget, dialog), widget.objectName()
    dialog.reject()
    editor.set_text_step(0)
    editor.publish_action.trigger()
    assert editor.publish_dialog.width() == WIDTH
    editor.publish_dialog.reject()


@pytest.mark.parametrize("screen", [(1024, 600), (800, 600)])
def test_at_the_largest_text_every_word_of_the_publish_dialog_can_be_read(
        make_editor, mini_pack_path: Path, qtbot, tmp_path: Path, screen: tuple[int, int]) -> None:
    """With a later version published already the intro says why it is skipped. At the largest text on 1024 × 600
    the intro then got 106 px of the 182 it needs (its first and last lines cut) and the list of changes two
    lines. Everything above the buttons now scrolls as one page, each label at its whole height, the buttons in
    sight."""
    editor = _largest_text_editor(make_editor, tmp_path, mini_pack_path)
    editor.resize(*screen)
    editor.published_version = 7
    dialog = _publish_with_changes(editor, qtbot, provisions=12)  # a list longer than the page
    assert "so this one is 8" in dialog.intro.text()
    scrolls = dialog.findChildren(QScrollArea)
    for label in dialog.findChildren(QLabel):
        if label.isVisibleTo(dialog) and label.wordWrap():
            assert label.height() >= label.heightForWidth(label.width()), (label.objectName(), label.text())
            assert in_sight(label, dialog) or any(s.widget().isAncestorOf(label) for s in scrolls), label.objectName()
    assert dialog.height() <= editor.height()
    for button in (dialog.publish_button, dialog.buttons.button(dialog.buttons.StandardButton.Cancel)):
        assert in_sight(button, dialog), button.objectName()
    line = dialog.fontMetrics().lineSpacing()
    for scroll in scrolls:  # a page of words between the fields and the buttons, and every one of them reached
        assert scroll.viewport().height() >= 8 * line, scroll.objectName()
        content = scroll.widget()
        assert content.height() >= content.heightForWidth(content.width()), scroll.objectName()
    page, box = dialog.page_scroll, dialog.changes_box
    dialog.as_of.setFocus()
    while dialog.focusWidget() is dialog.as_of:  # Tab goes through the date's day, month and year, then the list
        qtbot.keyClick(dialog.as_of, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is box
    assert page.verticalScrollBar().value() == box.mapTo(page.widget(), QPoint(0, 0)).y(), "the list's top shows"
    qtbot.keyClick(box, Qt.Key.Key_PageDown)
    assert page.verticalScrollBar().value() > box.mapTo(page.widget(), QPoint(0, 0)).y(), "page down reads on"
    dialog.reject()


def _row_lines(window: EditorWindow) -> int:
    """How many lines the contents' selected row takes."""
    tree = window.tree
    return tree.visualRect(tree.currentIndex()).height() // tree.fontMetrics().lineSpacing()


def _map_shown(window: EditorWindow) -> bool:
    """The map's column shown (View's tick, the zoom keys on), its folded button not."""
    QApplication.processEvents()  # the columns laid out again
    shown = window.map_panel.isVisible()
    assert window.show_map_action.isChecked() == shown and window.fit_action.isEnabled() == shown
    return shown


def test_the_logic_map_folds_where_the_columns_have_no_room_and_comes_back_with_room(make_editor, tmp_path,
                                                                                    qtbot) -> None:
    """At the largest text on 1024 × 600 the contents kept 190 px beside the form and the map: a word a line (the
    question q_offence6 on nine), and the map's key an item a line; View → Show the logic map was the only remedy.
    Where the three columns have no room at the text size the map folds by itself to a button at the right edge
    that shows it, its width given to the contents; it comes back in a wider window or at a smaller text."""

    from desktop.ui.settings import TEXT_STEP_MAX

    window = _largest_text_editor(make_editor, tmp_path)
    select_node(window, "S06", "q_offence6")
    button = window.folded_map_button

    def folded() -> bool:
        shown = _map_shown(window)
        assert window.folded_map.isVisible() == (not shown), "folded for room: its button in sight"
        return not shown

    assert folded()
    assert _row_lines(window) <= 3, "the question on a few lines, not a word a line"
    assert button.width() >= 44 and button.height() >= button.sizeHint().height(), "its words whole, a finger wide"
    assert button.mapTo(window, button.rect().topRight()).x() < window.width()
    assert window.form_stack.width() >= window.form_stack.minimumWidth()
    activate(qtbot, window)
    window.tree.setFocus()
    window.next_pane_action.trigger()
    window.next_pane_action.trigger()
    assert QApplication.focusWidget() is button, "F6 reaches it where the map would be"
    window.resize(1280, 800)
    assert not folded(), "a wider window has room for it"
    legend = window.map_panel.legend
    assert legend.height() <= 3 * legend.fontMetrics().lineSpacing() + 8, "the key on three lines at most"
    assert _row_lines(window) <= 4
    window.resize(1024, 600)
    assert folded(), "narrower again: folded again"
    window.set_text_step(0)
    assert not folded(), "a smaller text has room for it"
    window.set_text_step(TEXT_STEP_MAX)
    assert folded(), "and a larger one not"
    button.click()
    assert _map_shown(window) and not window.folded_map.isVisible(), "shown, squeezed, as the supervisor asked"
    window.resize(1000, 600)
    assert _map_shown(window), "it stays shown: the supervisor asked for it"
    window.resize(1280, 800)
    window.resize(1024, 600)
    assert folded(), "once it had room, folded again when the room goes"
    window.show_map_action.trigger()
    assert _map_shown(window), "View → Show the logic map shows it too"


def test_a_logic_map_hidden_from_view_stays_hidden_with_room(make_editor, tmp_path) -> None:
    """The map folds for room only where the supervisor wants it: hidden from View → Show the logic map, it stays
    hidden in a wider window and at a smaller text (no folded button either), and is remembered hidden; folded for
    room when the editor closes, it is remembered shown, as the supervisor left it."""

    from desktop.ui.settings import TEXT_STEP_MAX, Settings

    window = _largest_text_editor(make_editor, tmp_path)
    path = window.document.path  # the copy of the bundled pack it opened, opened again below
    assert not _map_shown(window) and window.folded_map.isVisible()
    window.close()
    assert Settings(tmp_path / "settings.ini").editor_map_shown, "folded for room is not hidden by the supervisor"
    window = make_editor(path, settings=Settings(tmp_path / "settings.ini"), size=(1280, 800))
    select_node(window, "S06", "q_offence6")  # a scenario to show (with none it folds)
    assert _map_shown(window), "shown again where it has room"
    window.show_map_action.trigger()
    assert not _map_shown(window) and not window.folded_map.isVisible()
    window.resize(1920, 1080)
    window.set_text_step(0)
    assert not _map_shown(window) and not window.folded_map.isVisible(), "the supervisor hid it: it stays hidden"
    window.close()
    assert not Settings(tmp_path / "settings.ini").editor_map_shown
    window = make_editor(path, settings=Settings(tmp_path / "settings.ini"), size=(1920, 1080))
    assert not _map_shown(window) and not window.folded_map.isVisible(), "hidden the next time, with room"
    select_node(window, "S06", "q_offence6")
    window.show_map_action.trigger()
    assert _map_shown(window)
    window.set_text_step(TEXT_STEP_MAX)
    window.resize(1024, 600)
    assert not _map_shown(window) and window.folded_map.isVisible(), "shown again, it folds for room again"


def test_a_long_message_at_the_largest_text_is_not_cut_by_the_file_name(make_editor, tmp_path, qtbot) -> None:
    """At the largest text on 1024 × 600, "Added outcome O1 to S06: pick it in an answer's “Leads to” to reach it."
    ended at "to r": the file's name beside it took the rest of the line. The name steps aside while such a
    message shows (it is in the title), and is back once the message goes."""
    draft = _problem_draft(tmp_path).rename(tmp_path / "encounter-guide-draft-v1.json")  # as Data → Edit data names it
    window = _largest_text_editor(make_editor, tmp_path, draft)
    bar, label = window.statusBar(), window.file_label
    message = "Added outcome O1 to S06: pick it in an answer’s “Leads to” to reach it."
    room = bar.width() - label.sizeHint().width()
    assert bar.fontMetrics().horizontalAdvance(message) > room, "the message and the name do not fit side by side"
    window.show_message(message)
    assert not label.isVisible() and bar.currentMessage() == message
    assert bar.fontMetrics().horizontalAdvance(message) <= bar.width(), "alone, the message fits the line"
    assert label.text() in window.windowTitle().replace("[*]", "")
    window.show_message("Saved.")
    assert label.isVisible(), "a short message leaves the name where it was"
    bar.clearMessage()
    assert label.isVisible()


def test_a_hidden_logic_map_stays_hidden_the_next_time(make_editor, mini_pack_path: Path, tmp_path: Path) -> None:
    """View → Show the logic map, unticked on a small screen at a large text, came back ticked at the next opening,
    and the contents a word a line again; and the map's column was remembered as none, so that the map came back
    squeezed to its least width, the contents as wide as without it (the second reviewer). It is remembered
    hidden, the contents with its width; shown again, the columns are as the supervisor left them with it."""
    from desktop.ui.settings import Settings

    first = make_editor(mini_pack_path, settings=Settings(tmp_path / "settings.ini"))
    select_record(first, "scenarios", "S10")  # the map shown: it folds with no scenario selected
    first.columns.setSizes([260, 420, 560])
    with_map = first.columns.sizes()
    first.show_map(False)
    first.close()
    later = make_editor(mini_pack_path, settings=Settings(tmp_path / "settings.ini"))
    assert later.map_panel.isHidden() and not later.show_map_action.isChecked()
    assert later.columns.sizes()[0] > with_map[0], "the contents keep the map's width"
    later.show_map_action.trigger()

    def as_left(sizes: list[int]) -> bool:  # within the hidden column's handle, which the others share out
        return all(abs(size - left) <= 2 * later.columns.handleWidth() for size, left in zip(sizes, with_map, strict=True))

    assert not later.map_panel.isHidden() and as_left(later.columns.sizes()), (later.columns.sizes(), with_map)
    later.close()
    assert Settings(tmp_path / "settings.ini").editor_map_shown
    shown = make_editor(mini_pack_path, settings=Settings(tmp_path / "settings.ini"))
    select_record(shown, "scenarios", "S10")
    assert not shown.map_panel.isHidden() and as_left(shown.columns.sizes()), shown.columns.sizes()


def test_an_answer_into_a_shared_step_is_given_where_it_enters_and_saved(editor: EditorWindow, qtbot,
                                                                         mini_pack_path: Path) -> None:
    """An answer that leads into a sub-flow offers "Enters at": the sub-flow's start (the default) or another of
    its steps. Picking one writes enter_at (and schema version 2, which it needs), the answer's row says it,
    and Save writes a pack that walks there; an answer to a node of its own scenario offers no entry."""
    key, index = select_node(editor, "S08", "q_basis")
    form = editor.question_form
    form.choices.select(1)  # "They also show a warrant" → PAPER
    assert form.choice_entry.isVisibleTo(editor) and form.choice_entry.currentData() is None
    assert form.choice_entry.currentText().startswith("q_paper · ") and "(its start)" in form.choice_entry.currentText()
    assert form.choice_entry.accessibleName() == "Enters the shared step at"
    choose(qtbot, form.choice_entry, "o_judicial")
    choice_path = ("scenarios", key, "nodes", index, "choices", 1)
    assert editing.get(editor.document.tables, choice_path)["enter_at"] == "o_judicial"
    assert editing.get(editor.document.tables, ("meta", "1", "schema_version")) == 2
    assert form.choices.list.item(1).text().endswith("→ sub-flow PAPER at o_judicial")
    editor.save_action.trigger()
    assert not editor.isWindowModified()
    saved = load_pack(mini_pack_path).pack
    assert saved.scenario("S08").node("q_basis").choice("paper").enter_at == "o_judicial"
    assert wizard.outcome(saved, wizard.replay(saved, "S08", ["no", "paper"])).node_id == "o_judicial"

    choose(qtbot, form.choice_entry, None)  # back to the start: no enter_at
    assert "enter_at" not in editing.get(editor.document.tables, choice_path)
    form.choices.select(0)  # "No" → o_release, in S08 itself
    assert not form.choice_entry.isVisibleTo(editor)


def test_an_entry_that_is_no_step_of_its_shared_step_is_a_problem_that_opens_enters_at(editor: EditorWindow,
                                                                                      qtbot) -> None:
    key, q_index = select_node(editor, "S08", "q_basis")
    choice_path = ("scenarios", key, "nodes", q_index, "choices", 1)
    editor.document.apply(editing.set_choice_entry(editor.document.tables, choice_path, "q_gone"))
    wait_checked(qtbot, editor)
    texts = problem_texts(editor)
    row = next(i for i, t in enumerate(texts) if "enters at" in t)
    assert "at node 'q_gone', which does not exist there" in texts[row]
    select_record(editor, "provisions", "IL-720-7-15")  # look elsewhere, then click the problem
    click_row(qtbot, editor.problems.view, row)
    assert editor.question_form.choices.current_index() == 1
    assert editor.focusWidget() is editor.question_form.choice_entry  # ready to pick a step that exists
    assert editor.question_form.choice_entry.currentText() == "✖ missing: q_gone"


def test_a_step_an_answer_enters_a_shared_step_at_says_it_is_reached_from_there(editor: EditorWindow) -> None:
    key, q_index = select_node(editor, "S08", "q_basis")
    choice_path = ("scenarios", key, "nodes", q_index, "choices", 1)
    editor.document.apply(editing.set_choice_entry(editor.document.tables, choice_path, "o_judicial"))
    select_node(editor, "PAPER", "o_judicial")
    assert editor.outcome_form.reached.text() == ("Reached from: q_paper (answer “Yes: court caption and a judge's signature”); "
                                                  "S08 q_basis (answer “They also show a warrant”, entering here)")


def test_a_shared_steps_node_an_answer_enters_at_is_reached_on_its_map(editor: EditorWindow, qtbot) -> None:
    """A new outcome of PAPER that only S08's answer enters at: no problem, and on PAPER's map not below the
    line for nodes no answer reaches."""
    select_node(editor, "PAPER", "o_admin")
    editor.add_outcome_action.trigger()
    new_id = editing.get(editor.document.tables, editor.focus)["node_id"]
    key, q_index = select_node(editor, "S08", "q_basis")
    editor.document.apply(editing.set_choice_entry(editor.document.tables,
                                                   ("scenarios", key, "nodes", q_index, "choices", 1), new_id))
    select_node(editor, "PAPER", new_id)
    wait_checked(qtbot, editor)
    assert not any(f"outcome {new_id}" in t and "unreachable" in t for t in problem_texts(editor))
    layout = editor.map_panel.view.layout_result
    assert layout.nodes[f"n:{new_id}"].reachable and layout.first_unreachable_layer is None


# -- reading grade ---------------------------------------------------------------------------------------------

HARD_WORDS = ("Notwithstanding jurisdictional considerations, interagency administrative authorizations "
              "necessitate comprehensive institutional documentation.")
PLAIN_WORDS = "Ask the agent to show you the paper and read who signed it."


def _grade_of(form: QWidget, name: str) -> QLabel:
    label = form.findChild(QLabel, f"{name}Grade")
    assert label is not None, name
    return label


def test_the_grade_of_officer_facing_words_shows_beside_the_field_as_they_are_typed(editor, qtbot):
    """Supervisors write the words officers read under stress: the editor says how hard they read, live."""
    select_node(editor, "S08", "danger")
    form = editor.question_form
    grade = _grade_of(form, "questionPrompt")
    form.prompt.setFocus()
    form.prompt.selectAll()
    type_text(form.prompt, HARD_WORDS)
    assert grade.isVisible() and grade.text().startswith("Reads at grade ")
    assert grade.text().endswith(" — aim for 8 or lower") and grade.accessibleName() == grade.text()
    form.prompt.selectAll()
    type_text(form.prompt, PLAIN_WORDS)
    assert grade.text() == "Reads at grade 3"  # 13 words, 15 syllables: 5.07 + 13.62 − 15.59 = 3.1
    form.prompt.selectAll()
    type_text(form.prompt, "Is anyone hurt?")
    assert not grade.isVisible(), "too few words to grade: nothing said"
    # another record's words, set without typing, are graded too
    select_node(editor, "S08", "q_basis")
    assert grade.text() == grade_words(form.prompt.toPlainText(), ["Administrative warrant"])


def test_the_grade_counts_the_draft_s_glossary_terms_as_familiar_words(editor, qtbot):
    """A word of the pack's glossary (officers can look it up) reads as easy as the field's own words, in the
    editor as in the readability command: the draft's terms, as they are typed."""
    text = "Anti-commandeering means the city does not have to help the agents with this."
    select_record(editor, "glossary", "Administrative warrant")
    replace_text(qtbot, editor.term_form.term_edit, "anti-commandeering")
    select_node(editor, "S08", "danger")
    grade = _grade_of(editor.question_form, "questionPrompt")
    editor.question_form.prompt.setFocus()
    editor.question_form.prompt.selectAll()
    type_text(editor.question_form.prompt, text)
    assert grade.text() == grade_words(text, ["anti-commandeering"]) == "Reads at grade 6"
    assert grade_words(text) == "Reads at grade 8", "commandeering counts 2 syllables, not 4"


def test_an_outcome_s_lines_show_the_grade_of_the_line_typed_or_selected(editor, qtbot):
    select_node(editor, "S08", "o_release")
    do = editor.outcome_form.lists["do"]
    grade = _grade_of(editor.outcome_form, "outcome_do")
    assert do.entry is not None
    do.entry.setFocus()
    type_text(do.entry, HARD_WORDS)
    assert grade.isVisible() and grade.text().startswith("New line reads at grade ")
    do.entry.clear()
    selected = do.list.currentItem().text()
    assert grade.text() == grade_words(selected, ["Administrative warrant"], what="Selected line")
    assert _grade_of(editor.outcome_form, "outcomeHeadline").text() == grade_words(
        editor.outcome_form.headline.toPlainText(), ["Administrative warrant"])


def test_the_law_and_the_ids_get_no_grade(editor):
    """Only the officer-facing words are graded: a provision's quoted or summarised law is not."""
    select_record(editor, "provisions", "MCC-2-173-020(a)(1)")
    assert editor.provision_form.findChildren(ReadingGrade) == []
    select_record(editor, "glossary", "Administrative warrant")
    assert editor.term_form.findChildren(ReadingGrade)


def test_the_grade_reads_whole_at_the_largest_text_on_a_small_screen(make_editor, tmp_path, qtbot):
    window = _largest_text_editor(make_editor, tmp_path)
    select_node(window, "S06", "o_state6")
    grade = _grade_of(window.outcome_form, "outcomeHeadline")
    assert grade.isVisible() and "aim for 8 or lower" in grade.text()
    assert grade.height() >= grade.heightForWidth(grade.width()), "cut at the bottom"
    right = grade.mapTo(window, grade.rect().topRight()).x()
    form = window.outcome_form
    assert right <= form.mapTo(window, form.rect().topRight()).x(), "past the form's edge"


def test_the_screenshot_script_draws_the_map_with_its_entry_points_as_the_editor_does(qtbot):
    """build_scripts/editor_screenshots.py drew a sub-flow's map without the steps other scenarios' answers
    enter it at (enter_at): a step reached only that way sat in the "not reached" band the editor does not draw."""
    import importlib.util

    from desktop.domain import flow_graph as fg

    spec = importlib.util.spec_from_file_location("editor_screenshots", REPO / "build_scripts" / "editor_screenshots.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    tables = json.loads(BUNDLED_PACK.read_text(encoding="utf-8"))
    key = editing.find_record(tables, "scenarios", "PAPER")
    assert "q_court_check" in editing.entry_nodes(tables, "PAPER")
    for node in tables["scenarios"][key]["nodes"]:  # the court-warrant check reached only by entering there
        for choice in node.get("choices", []):
            if choice.get("next") == "q_court_check":
                choice["next"] = "q_no_paper"
    panel = script.draw_map(tables, "PAPER", "", "day", 0, (1280, 800))
    qtbot.addWidget(panel)
    layout = panel.view.layout_result
    assert layout is not None
    assert [n.reachable for n in layout.nodes.values() if n.kind == fg.QUESTION and n.ref == "q_court_check"] == [True]
    assert layout.first_unreachable_layer is None


def _words_height(edit) -> float:
    """The height of ``edit``'s words as its own document lays them out at its width, margins included."""
    document, height = edit.document(), 0.0
    block = document.begin()
    while block.isValid():
        height += document.documentLayout().blockBoundingRect(block).height()
        block = block.next()
    return height + 2 * document.documentMargin()


def test_at_the_largest_text_a_text_box_is_as_tall_as_its_words_and_grows_as_they_are_typed(make_editor, tmp_path):
    """At the largest text on a 1024 × 600 screen a question, a rationale or a "How to tell" showed two and a half
    lines with a scroll bar of its own, inside the scrolling form. Each box is as tall as its wrapped words (up to
    8 lines, TextField.MAX_LINES), as its width changes, and grows when a line is typed."""
    from desktop.ui.editor.fields import TextField
    from desktop.ui.widgets import settle_layout

    editor = _largest_text_editor(make_editor, tmp_path)
    checked = 0
    for scenario_id, node_id, form in (("S04", "o_query4", editor.outcome_form), ("S06", "q_offence6", editor.question_form)):
        select_node(editor, scenario_id, node_id)
        for width in (None, 300):  # as opened, and narrower
            for edit in form.findChildren(TextField):
                if not edit.isVisibleTo(editor) or not edit.toPlainText():
                    continue
                if width is not None:
                    edit.setFixedWidth(width)
                settle_layout([edit])
                line = edit.fontMetrics().lineSpacing()
                if _words_height(edit) > line * 8:
                    continue  # a long text scrolls in a box of MAX_LINES lines
                assert edit.viewport().height() >= _words_height(edit), (scenario_id, width, edit.objectName())
                assert edit.verticalScrollBar().maximum() == 0, (scenario_id, width, edit.objectName())
                checked += 1
    assert checked >= 6
    prompt = editor.question_form.prompt
    before = prompt.height()
    prompt.setFocus()
    prompt.moveCursor(prompt.textCursor().MoveOperation.End)
    type_text(prompt, " Look at the top of the first page, then at the bottom.")
    settle_layout([prompt])
    assert prompt.height() > before
    assert prompt.viewport().height() >= _words_height(prompt)


def test_a_structure_problem_at_the_largest_text_keeps_the_window_within_a_small_screen(make_editor, tmp_path, qtbot):
    """With a problem in the file's structure (a title emptied), the Problems summary, "✖ 1 problem to fix before
    publishing (the file's structure must be fixed first; …)", was one line 1347 pixels wide at the largest text:
    the editor window grew past a 1024 × 600 screen, its right side out of sight. The summary wraps, whole."""
    from desktop.ui.widgets import settle_layout

    pack = tmp_path / "mini.json"
    shutil.copyfile(MINI_PACK, pack)
    editor = _largest_text_editor(make_editor, tmp_path, pack)
    key = editing.find_record(editor.document.tables, "scenarios", "S08")
    editor.edit(lambda tables: editing.set_value(tables, ("scenarios", key, "title"), "", "Edit title"))
    wait_checked(qtbot, editor)
    summary = editor.problems.summary
    assert "the file's structure must be fixed first" in summary.text()
    settle_layout([summary])
    assert editor.minimumSizeHint().width() <= 1024 and editor.width() <= 1024
    assert summary.height() >= summary.heightForWidth(summary.width()), "every line of the summary shows"


def test_a_text_direction_character_typed_into_a_term_is_a_problem_that_leads_back_to_it(qtbot, editor):
    """A right-to-left override passed the check; now the panel names it as U+202E (never printing it, which would
    turn the line round) and clicking it goes back to the term, though its name there is written differently."""
    select_record(editor, "glossary", "Administrative warrant")
    replace_text(qtbot, editor.term_form.term_edit, "Admin\u202e warrant")
    editor.document.seal()
    wait_checked(qtbot, editor)
    [text] = problem_texts(editor)
    assert text.startswith("Glossary Admin[U+202E] warrant › term: has a text-direction character (right-to-left "
                           "override, U+202E) at character 6") and "\u202e" not in text
    editor.select(("meta",))
    click_row(qtbot, editor.problems.view, 0)
    qtbot.keyClick(editor.problems.view, Qt.Key.Key_Return)
    assert editor.focus == ("glossary", "1") and editor.term_form.term_edit.text() == "Admin\u202e warrant"


def test_an_as_of_date_later_than_today_is_warned_about_in_the_problems_list_as_check_warns(
        make_editor, qtbot, tmp_path: Path) -> None:
    """`check` warned about an as-of date still to come and Publish refused it, but the editor's Problems list said
    nothing: the supervisor learnt of it only at Publish. It is the same warning, from the same validator, and
    leads to the pack's details."""
    from desktop.domain.validation import future_as_of
    from tests.ui.editor.conftest import TODAY

    tables = json.loads(MINI_PACK.read_text(encoding="utf-8"))
    tables["meta"]["1"]["as_of"] = "2026-02-11"  # the day after the editor's today
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps(tables), encoding="utf-8")
    window = make_editor(draft)
    why = future_as_of(dt.date(2026, 2, 11), TODAY)
    assert why is not None
    [text] = problem_texts(window)
    assert text.startswith(f"Pack details › as of: {why}. Check the date"), text
    assert window.problems.model.index(0, 0).data(SeverityRole) == "warning"
    select_record(window, "provisions", "IL-720-7-15")
    click_row(qtbot, window.problems.view, 0)
    assert window.form_stack.currentWidget().widget() is window.meta_form


def test_publish_says_it_refuses_a_draft_as_of_date_later_than_today(make_editor, qtbot, tmp_path: Path) -> None:
    """The Problems list warns that "publish refuses" an as-of date still to come, but the editor's Publish
    dialog showed today in its place without a word (its field cannot go past today): the supervisor published
    a date they had not chosen. The dialog now says it refused the draft's date, in the validator's words,
    until another date is set."""
    from PySide6.QtCore import QDate

    from desktop.domain.validation import future_as_of
    from tests.ui.editor.conftest import TODAY

    tables = json.loads(MINI_PACK.read_text(encoding="utf-8"))
    tables["meta"]["1"]["as_of"] = "2026-02-11"  # the day after the editor's today
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps(tables), encoding="utf-8")
    window = make_editor(draft)
    [warning] = problem_texts(window)
    assert "publish refuses it" in warning
    window.publish_action.trigger()
    dialog = window.publish_dialog
    qtbot.waitExposed(dialog)
    assert dialog.as_of_date() == TODAY
    note = dialog.findChild(QLabel, "publishFutureNote")
    assert note.isVisible() and note.text() == (
        f"⚠ Publishing refuses the draft's date: {future_as_of(dt.date(2026, 2, 11), TODAY)}. Today is filled in "
        "instead: set the day you last checked the law.")
    assert note.accessibleName() == note.text()
    assert note.height() >= note.heightForWidth(note.width()), "every line of it in sight"
    dialog.as_of.setDate(QDate(2026, 2, 2))  # the day the law was checked
    assert not note.isVisible()
    dialog.reject()


def test_a_new_scenario_is_numbered_after_the_packs_own(editor: EditorWindow, qtbot) -> None:
    """+ Scenario named the new situation "NEW-SCENARIO", and nothing asked to rename it: a supervisor's first
    scenario reached officers' What's new and the signed receipt as "New: NEW-SCENARIO — …". It is numbered
    after the pack's own (the mini pack has S08 and S10), as every other one officers see."""
    select_record(editor, "scenarios", "S10")
    qtbot.mouseClick(editor.toolbar.widgetForAction(editor.add_scenario_action), Qt.MouseButton.LeftButton)
    accept_new_scenario(editor, qtbot)
    id_field = editor.scenario_form.findChild(QLineEdit, "scenarioId")
    assert id_field.isVisible() and id_field.text() == "S11"
    qtbot.mouseClick(editor.toolbar.widgetForAction(editor.add_scenario_action), Qt.MouseButton.LeftButton)
    accept_new_scenario(editor, qtbot)
    assert id_field.text() == "S12"
    assert "NEW-SCENARIO" not in json.dumps(editor.document.tables)


def test_a_category_typed_on_a_scenario_s_form_is_checked_as_new_scenario_checks_it(editor: EditorWindow,
                                                                                       qtbot) -> None:
    """New scenario refused a blank category, one over a heading's length, one with a tab, or one of the pack's
    written differently; the Category box of a scenario already in the pack took any of them, a second heading on the
    officers' Home screen. It now asks editing.category_problem too, and says why under the box in the dialog's words;
    leaving the box with one refused, the scenario keeps the category it had before the typing (not "warrants and
    paper", the last taken on the way). Its own category in other case is its heading renamed, and taken."""
    key = select_record(editor, "scenarios", "S08")
    form = editor.scenario_form
    line = form.category.lineEdit()
    path = ("scenarios", key, "category")
    replace_text(qtbot, line, "Warrants and  papers")  # PAPER's, written differently
    assert editing.get(editor.document.tables, path) != "Warrants and  papers", "not taken"
    assert form.category_error.isVisible()
    assert form.category_error.text() == f"✖ {editing.category_problem(editor.document.tables, 'Warrants and  papers', key)}"
    assert "written “Warrants and papers”: pick it from the list" in form.category_error.text()
    assert form.category_error.accessibleName().startswith("The pack has this category already")
    qtbot.keyClick(line, Qt.Key.Key_Tab)  # leaves the box
    assert editing.get(editor.document.tables, path) == "Custody and detainers"
    assert line.text() == "Custody and detainers"
    assert form.category_error.text().endswith("The category stays “Custody and detainers”.")
    assert "Custody and detainers" in editing.categories(editor.document.tables)
    replace_text(qtbot, line, "warrants and papers")  # other case only: leaving the box, Qt picks the pack's, as
    qtbot.keyClick(line, Qt.Key.Key_Tab)  # the list would (its match is not case-sensitive)
    assert editing.get(editor.document.tables, path) == "Warrants and papers" and not form.category_error.isVisible()
    replace_text(qtbot, line, "Custody and detainers")

    for typed, reason in (("x" * (editing.CATEGORY_MOST + 1), f"keep it to {editing.CATEGORY_MOST} characters"),
                          ("Tr\u0430ffic stops", "mixes alphabets, with “\u0430” (Cyrillic, U+0430)"),
                          ("Custody and det\u0430iners", "“det\u0430iners” mixes alphabets"),
                          ("CUSTODY AND DETAINERS", None)):  # its own in capitals: only its heading, renamed
        replace_text(qtbot, line, typed)
        if reason is None:
            assert not form.category_error.isVisible() and editing.get(editor.document.tables, path) == typed
            continue
        assert reason in form.category_error.text(), form.category_error.text()
        assert editing.get(editor.document.tables, path) != typed

    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    assert "needs a category" in form.category_error.text()
    replace_text(qtbot, line, "  Schools and hospitals ")
    assert not form.category_error.isVisible()
    assert editing.get(editor.document.tables, path) == "Schools and hospitals"

    # the dialog says the same of the same words, the same way (a message under the box)
    editor.add_scenario_action.trigger()
    dialog = editor.new_scenario_dialog
    qtbot.waitExposed(dialog)
    dialog.category.clearEditText()
    qtbot.keyClicks(dialog.category.lineEdit(), "WARRANTS AND PAPERS")
    select_text = dialog.problem.text()
    dialog.reject()
    replace_text(qtbot, line, "WARRANTS AND PAPERS")
    assert form.category_error.text() == select_text
    assert type(form.category_error) is type(dialog.problem)


def test_a_new_scenario_is_asked_for_its_category_from_the_packs_or_a_new_one(editor: EditorWindow, qtbot) -> None:
    """+ Scenario put every new situation in the pack's first category, whatever it was about, with nothing to say
    so: a supervisor had to find the Category box afterwards, and one who did not published it under the wrong
    heading. The category is asked for first, in a box that lists the pack's (the selected scenario's offered) and
    takes a new one typed; a blank one, or one of the pack's written differently (a second heading on Home for the
    same situations), is refused with the reason under the box, and Cancel adds nothing."""
    select_record(editor, "scenarios", "S08")
    offered = editing.get(editor.document.tables, (*editor.focus[:2], "category"))
    before = len(editing.records(editor.document.tables, "scenarios"))
    editor.add_scenario_action.trigger()
    dialog = editor.new_scenario_dialog
    qtbot.waitExposed(dialog)
    box = dialog.category
    assert box.isEditable() and dialog.focusWidget() in (box, box.lineEdit()) and box.currentText() == offered
    assert [box.itemText(i) for i in range(box.count())] == editing.categories(editor.document.tables)
    assert box.accessibleName() == box.lineEdit().accessibleName() == "Category of the new scenario"
    assert dialog.findChild(QLabel, "newScenarioCategoryLabel").buddy() is box
    assert "S11" in dialog.findChild(QLabel, "newScenarioIntro").text()

    box.clearEditText()
    assert not dialog.add_button.isEnabled() and not dialog.problem.isVisible(), "nothing typed is no error yet"
    qtbot.keyClicks(box.lineEdit(), "   ")
    assert not dialog.add_button.isEnabled() and "needs a category" in dialog.problem.text()
    box.clearEditText()
    qtbot.keyClicks(box.lineEdit(), f"  {offered.upper()} ")
    assert not dialog.add_button.isEnabled()
    assert f"written “{offered}”: pick it from the list" in dialog.problem.text()
    assert dialog.problem.accessibleName().startswith("The pack has this category already")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)  # refused: the dialog stays, nothing added
    assert dialog.isVisible() and len(editing.records(editor.document.tables, "scenarios")) == before
    box.clearEditText()
    qtbot.keyClicks(box.lineEdit(), "x" * (editing.CATEGORY_MOST + 1))
    assert not dialog.add_button.isEnabled() and f"keep it to {editing.CATEGORY_MOST} characters" in dialog.problem.text()

    box.clearEditText()
    qtbot.keyClicks(box.lineEdit(), "  Schools and hospitals ")
    assert dialog.add_button.isEnabled() and not dialog.problem.isVisible()
    assert "A new category: “Schools and hospitals”" in dialog.note.text()
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert editor.focus is not None
    assert editing.get(editor.document.tables, (*editor.focus[:2], "category")) == "Schools and hospitals"
    assert editing.get(editor.document.tables, (*editor.focus[:2], "scenario_id")) == "S11"
    assert editor.scenario_form.category.currentText() == "Schools and hospitals"
    assert editor.focusWidget() is editor.scenario_form.title_edit, "the next thing to write"

    editor.add_scenario_action.trigger()  # the new one is in the list now; the arrow keys go through them
    dialog = editor.new_scenario_dialog
    qtbot.waitExposed(dialog)
    assert dialog.category.currentText() == "Schools and hospitals", "the selected scenario's category offered"
    cats = editing.categories(editor.document.tables)
    at = cats.index("Schools and hospitals")
    qtbot.keyClick(dialog.category, Qt.Key.Key_Up if at else Qt.Key.Key_Down)
    assert dialog.category.currentText() == cats[at - 1 if at else 1]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(editing.records(editor.document.tables, "scenarios")) == before + 1, "Cancel adds nothing"


def test_a_new_category_of_letters_with_no_space_keeps_the_dialog_s_width(editor: EditorWindow, qtbot) -> None:
    """Hostile pass: 60 letters typed with no space (the longest a category may be) widened the New scenario dialog
    from 520 px to 746 px as they were typed, for the note "A new category: “WWW…” will be a heading…". The note
    wraps the run, as a banner does; its words for a screen reader are as typed."""
    select_record(editor, "scenarios", "S08")
    editor.add_scenario_action.trigger()
    dialog = editor.new_scenario_dialog
    qtbot.waitExposed(dialog)
    dialog.category.clearEditText()
    qtbot.keyClicks(dialog.category.lineEdit(), "Schools")  # a new category's note shown, in words
    assert dialog.note.isVisible()
    width = dialog.width()
    dialog.category.clearEditText()
    typed = "W" * editing.CATEGORY_MOST
    qtbot.keyClicks(dialog.category.lineEdit(), typed)
    assert dialog.add_button.isEnabled() and dialog.note.isVisible()
    assert dialog.width() < width + dialog.fontMetrics().horizontalAdvance("W"), f"{width} px wide, now {dialog.width()}"
    assert dialog.note.accessibleName() == f"A new category: “{typed}” will be a heading of its own on the Home screen."
    label = dialog.note
    assert label.height() >= label.heightForWidth(label.width()), "every line of the note whole"
    dialog.reject()


def test_a_new_scenario_never_takes_the_id_of_one_deleted_since_the_pack_was_opened(editor: EditorWindow,
                                                                                     qtbot) -> None:
    """Numbered after the pack's own, a scenario added after deleting the last (S10) took its id: officers would
    have read "Changed: S10" for a new situation, and their favourites and history of S10 opened it."""
    select_record(editor, "scenarios", "S10")
    editor.delete_action.trigger()
    select_record(editor, "scenarios", "S08")
    qtbot.mouseClick(editor.toolbar.widgetForAction(editor.add_scenario_action), Qt.MouseButton.LeftButton)
    accept_new_scenario(editor, qtbot)
    assert editor.scenario_form.findChild(QLineEdit, "scenarioId").text() == "S11"


def test_publishing_with_a_key_this_computer_does_not_trust_says_what_to_do(
        make_editor, mini_pack_path: Path, qtbot, tmp_path: Path, prompts) -> None:
    """A supervisor's first key, made with `keygen`, is trusted nowhere until IT adds it. Publish said only
    "Published data version 4 …, signed with key …"; installing the pack, here or on an officer's computer, was
    then refused as "not signed by a publisher this app trusts. Ask IT.", and nothing had said what IT needs.
    Publish now says so, naming the key and the public key file; with the key trusted it says nothing more."""
    from tests.supervisor_helpers import make_key

    private, public = make_key(tmp_path / "keys")
    editor = make_editor(mini_pack_path, library=PackLibrary(bundled=MINI_PACK, trusted_keys=[]))
    select_record(editor, "provisions", "IL-720-7-15")
    replace_text(qtbot, editor.provision_form.title_edit, "Render aid (v2)")
    publish_through_the_dialog(editor, qtbot, private)
    [warning] = prompts.warnings
    assert warning.startswith("Data version 4 was published to mini-pack-v4.json.")
    assert f"does not trust the key that signed it (key {public.key_id})" in warning
    assert ".pub.json" in warning and "IT" in warning

    trusting = make_editor(tmp_path / "mini-pack-v4.json",
                           library=PackLibrary(bundled=MINI_PACK, trusted_keys=[public]))
    select_record(trusting, "provisions", "IL-720-7-15")
    replace_text(qtbot, trusting.provision_form.title_edit, "Render aid (v3)")
    publish_through_the_dialog(trusting, qtbot, private)
    assert len(prompts.warnings) == 1, prompts.warnings
    assert "signed by Test publisher" in trusting.statusBar().currentMessage()


def test_the_publish_message_names_the_key_as_install_does_with_its_id_in_the_tooltip(
        make_editor, mini_pack_path: Path, qtbot, tmp_path: Path) -> None:
    """Publish said "…, signed with key 5d08cfa106df491b (mini-pack-v4.json.sig)": a hex id to match against IT's
    keys file by eye, where Install says "signed by CPD Office of Legal Affairs". The key is named as this computer
    trusts it; its whole id is in the status bar's tooltip (and its description), until the next message. A key
    with no name here keeps its id."""
    from tests.supervisor_helpers import make_key

    private, public = make_key(tmp_path / "keys", "Legal Affairs")
    editor = make_editor(mini_pack_path, library=PackLibrary(bundled=MINI_PACK, trusted_keys=[public]))
    select_record(editor, "provisions", "IL-720-7-15")
    replace_text(qtbot, editor.provision_form.title_edit, "Render aid (v2)")
    publish_through_the_dialog(editor, qtbot, private)
    bar = editor.statusBar()
    assert bar.currentMessage() == \
        "Published data version 4 to mini-pack-v4.json, signed by Legal Affairs (mini-pack-v4.json.sig)."
    assert public.key_id not in bar.currentMessage()
    assert f"signed by Legal Affairs (key {public.key_id})" in bar.toolTip()
    assert f"(key {public.key_id})" in bar.accessibleDescription()
    editor.show_message("Something else.")
    assert bar.toolTip() == "" and bar.accessibleDescription() == "", "the detail goes with its message"

    unnamed = make_editor(tmp_path / "mini-pack-v4.json", library=PackLibrary(bundled=MINI_PACK, trusted_keys=[]))
    select_record(unnamed, "provisions", "IL-720-7-15")
    replace_text(qtbot, unnamed.provision_form.title_edit, "Render aid (v3)")
    publish_through_the_dialog(unnamed, qtbot, private)
    assert f"signed with key {public.key_id}" in unnamed.statusBar().currentMessage()


def test_a_message_s_detail_goes_when_the_message_times_out_or_an_error_replaces_it(editor: EditorWindow) -> None:
    """The publish message's detail (the key's id) is the status bar's tooltip and description while it shows: the
    message timing out (or ended by the next edit) or an error shown over it leaves a bare status bar, never a
    tooltip about a message no longer there."""
    bar = editor.statusBar()
    for end in (bar.clearMessage, lambda: editor.show_error("Could not save.")):
        editor.show_message("Published data version 4.", detail="Signed by Legal Affairs (key 5d08cfa106df491b).")
        assert "5d08cfa106df491b" in bar.toolTip() and "5d08cfa106df491b" in bar.accessibleDescription()
        end()
        assert bar.toolTip() == "" and bar.accessibleDescription() == "", bar.currentMessage()


def test_a_new_scenario_never_takes_an_id_an_earlier_version_of_the_pack_used(make_editor, mini_pack_path: Path,
                                                                              qtbot) -> None:
    """A scenario deleted in an earlier session left no trace in the draft, so + Scenario numbered a new situation
    with its id: "what changed" and trainers' playlists, which name scenario ids, would have pointed at another
    situation. The ids of every earlier version this computer knows count: one installed (S14), one published from
    the draft's folder (S20) and one the install history says was removed (S30)."""
    from desktop.domain.diff import REMOVED, ItemChange, PackDiff
    from desktop.storage.history import INSTALL, HistoryEntry, append_history
    from desktop.storage.versions import VersionStore

    library = PackLibrary(bundled=MINI_PACK)

    def pack_with(scenario_id: str) -> dict:
        tables = read_tables(MINI_PACK)
        first = next(iter(tables["scenarios"].values()))
        tables["scenarios"]["99"] = {**first, "scenario_id": scenario_id}
        return tables

    VersionStore(library.folder).add(3, json.dumps(pack_with("S14")).encode(), b"signature")
    (mini_pack_path.parent / "mini-pack-v4.json").write_text(json.dumps(pack_with("S20")), encoding="utf-8")
    (library.root / PUBLISHED_FILE).write_text(json.dumps(
        {"format": 1, "published": [{"data_version": 4, "file": "mini-pack-v4.json", "on": "2026-02-01"}]}),
        encoding="utf-8")
    removed = ItemChange("scenario", "S30", "Gone", REMOVED)
    append_history(library.history_file, HistoryEntry(INSTALL, "2026-02-02T10:00:00", 4, 5, "2026-02-01",
                                                      diff=PackDiff(4, 5, "2026-02-01", "2026-02-01",
                                                                    scenarios=(removed,))))
    editor = make_editor(mini_pack_path, library=library)
    select_record(editor, "scenarios", "S10")
    qtbot.mouseClick(editor.toolbar.widgetForAction(editor.add_scenario_action), Qt.MouseButton.LeftButton)
    accept_new_scenario(editor, qtbot)
    assert editor.scenario_form.findChild(QLineEdit, "scenarioId").text() == "S31"


def test_a_new_provision_is_asked_for_its_id(editor: EditorWindow, qtbot) -> None:
    """+ Provision named the new provision NEW-PROVISION, and nothing asked to change it: a supervisor adding a new
    executive order could publish it so, and every citation of it would say NEW-PROVISION. Its id is asked for
    first; an id that cannot be used is refused with the reason under the field, one an earlier version of the
    pack used is pointed out, and Cancel adds nothing."""
    before = json.dumps(editor.document.tables, sort_keys=True)
    select_record(editor, "provisions", "IL-TRUST-15a")
    editor.add_provision_action.trigger()
    dialog = editor.new_id_dialog
    assert dialog is not None and dialog.isVisible() and dialog.focusWidget() is dialog.id_edit
    assert not dialog.add_button.isEnabled() and not dialog.problem.isVisible()  # nothing typed is no error yet
    qtbot.keyClicks(dialog.id_edit, "EO 2026 02")
    assert not dialog.add_button.isEnabled() and "no spaces" in dialog.problem.text()
    qtbot.keyClick(dialog.id_edit, Qt.Key.Key_Return)
    assert dialog.isVisible(), "Enter with an id that cannot be used keeps the question open"
    dialog.id_edit.clear()
    qtbot.keyClicks(dialog.id_edit, "MCC-2-173-020(a)(1)")
    assert not dialog.add_button.isEnabled() and "already" in dialog.problem.text()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.new_id_dialog is None)
    assert json.dumps(editor.document.tables, sort_keys=True) == before

    editor.add_provision_action.trigger()
    dialog = editor.new_id_dialog
    qtbot.keyClicks(dialog.id_edit, "CHI-EO-2026-02")
    assert dialog.add_button.isEnabled() and not dialog.problem.isVisible() and not dialog.note.isVisible()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert editor.focus == ("provisions", "3") and editor.provision_form.id_edit.text() == "CHI-EO-2026-02"
    assert "NEW-PROVISION" not in json.dumps(editor.document.tables)


def test_an_id_an_earlier_version_used_is_pointed_out_for_a_new_provision(editor: EditorWindow, qtbot) -> None:
    """A provision deleted from the draft was published (the app's data has it): adding a new one under its id
    would make What's new and officers' problem reports take the new one for the old one. The dialog says so, and
    still lets the supervisor bring that same provision back."""
    select_record(editor, "provisions", "IL-720-7-15")
    editor.delete_action.trigger()
    editor.add_provision_action.trigger()
    dialog = editor.new_id_dialog
    qtbot.keyClicks(dialog.id_edit, "IL-720-7-15")
    assert dialog.note.isVisible() and "earlier version" in dialog.note.text() and "same provision" in dialog.note.text()
    assert dialog.add_button.isEnabled()
    dialog.reject()


def test_renaming_a_published_id_asks_first_and_a_drafts_own_does_not(editor: EditorWindow, qtbot, prompts) -> None:
    """A published provision's id was renamed as freely as a draft's: citations in the pack followed, but What's
    new would show it removed and another added, and what names it outside the pack would no longer find it.
    Renaming it asks, saying so (No keeps the id); the id of a provision added in this draft is renamed freely."""
    key = select_record(editor, "provisions", "IL-TRUST-15a")
    edit = editor.provision_form.id_edit
    replace_text(qtbot, edit, "IL-TRUST-15(a)")
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # the mocked question answers Discard: not yes
    [question] = prompts.questions
    assert "published version" in question and "IL-TRUST-15a removed" in question
    # the question first (it came after nine lines of why at the largest text), its ids never broken at a hyphen
    first, _, why = question.partition("\n\n")
    assert first == "Rename IL\N{NON-BREAKING HYPHEN}TRUST\N{NON-BREAKING HYPHEN}15a to " \
                    "IL\N{NON-BREAKING HYPHEN}TRUST\N{NON-BREAKING HYPHEN}15(a)?", first
    assert why.startswith("IL-TRUST-15a is in a published version of the pack.")
    assert editor.document.tables["provisions"][key]["provision_id"] == "IL-TRUST-15a"
    assert edit.text() == "IL-TRUST-15a"

    add_provision(editor, qtbot, "CHI-EO-2026-02")
    replace_text(qtbot, editor.provision_form.id_edit, "CHI-EO-2026-03")
    qtbot.keyClick(editor.provision_form.id_edit, Qt.Key.Key_Return)
    assert len(prompts.questions) == 1
    assert editing.get(editor.document.tables, (*editor.focus, "provision_id")) == "CHI-EO-2026-03"


def test_the_citation_picker_grows_with_the_text_and_fits_the_window(make_editor, tmp_path: Path, qtbot) -> None:
    """The citation picker opened at a fixed 560 × 520 whatever the text size: at the largest text its rows
    wrapped over several lines and it showed a few citations at a time. It is as much larger as the text is, as
    far as the editor window and the screen allow."""
    pack = tmp_path / "draft.json"
    shutil.copyfile(BUNDLED_PACK, pack)
    editor = make_editor(pack, size=(1280, 800))
    s10 = editor.document.tables["scenarios"][editing.find_record(editor.document.tables, "scenarios", "S10")]
    select_node(editor, "S10", next(n["node_id"] for n in s10["nodes"] if n["type"] == "outcome"))

    def open_picker():
        qtbot.mouseClick(editor.outcome_form.cites.add_button, Qt.MouseButton.LeftButton)
        picker = editor.outcome_form.picker
        qtbot.waitExposed(picker)
        return picker

    picker = open_picker()
    normal = picker.size()
    picker.reject()
    editor.set_text_step(TEXT_STEP_MAX)
    picker = open_picker()
    assert picker.width() > normal.width() and picker.height() > normal.height()
    assert picker.width() <= editor.width() and picker.height() <= editor.height()
    picker.reject()
    editor.resize(1024, 600)
    qtbot.waitUntil(lambda: editor.height() <= 600)
    picker = open_picker()
    assert picker.height() <= editor.height() and picker.width() <= editor.width(), "within the window on 1024 × 600"
    picker.reject()


def test_the_new_id_dialog_shows_ids_of_the_kinds_a_supervisor_adds() -> None:
    """The examples were the last id from each place (CHI-LAW-GUIDE-2025, MCC-PROP-2023, IL-BILLS-MASK): one-offs,
    not the style of an executive order or a code or statute section, which is what a supervisor adds."""
    from desktop.ui.editor.fields import pack_style_examples

    ids = ["CHI-EO-2025-6", "CHI-EO-2026-01", "CHI-LAW-GUIDE-2025", "MCC-2-173-005", "MCC-2-173-030", "MCC-PROP-2023",
           "IL-TRUST-5", "IL-TRUST-25", "IL-BILLS-MASK"]
    assert pack_style_examples(ids) == ["CHI-EO-2026-01", "MCC-2-173-030", "IL-TRUST-25"]


def test_after_its_id_a_new_provisions_title_is_ready_to_write(editor: EditorWindow, qtbot) -> None:
    """Once the id was given, the keyboard stayed in the contents: the supervisor had to find the title with the
    mouse and select "New provision" to write over it. The title has the cursor, its starter words selected."""
    add_provision(editor, qtbot, "CHI-EO-2026-02")
    title = editor.provision_form.title_edit
    assert editor.focusWidget() is title and title.selectedText() == "New provision"
    qtbot.keyClicks(title, "Notice of federal operations")
    assert editing.get(editor.document.tables, (*editor.focus, "title")) == "Notice of federal operations"


def test_the_publish_message_is_whole_at_the_largest_text(make_editor, mini_pack_path: Path, qtbot,
                                                            tmp_path: Path) -> None:
    """At the largest text on 1024 × 600 the status bar cut the publish message mid-word ("…signed with key
    5d08cfa106df491b (e"): the details that do not fit are left out, never cut."""
    from tests.supervisor_helpers import make_key

    private, public = make_key(tmp_path / "keys")
    editor = make_editor(mini_pack_path, size=(1024, 600),
                         library=PackLibrary(bundled=MINI_PACK, trusted_keys=[public]))
    editor.set_text_step(TEXT_STEP_MAX)
    select_record(editor, "provisions", "IL-720-7-15")
    replace_text(qtbot, editor.provision_form.title_edit, "Render aid (v2)")
    publish_through_the_dialog(editor, qtbot, private)
    bar = editor.statusBar()
    message = bar.currentMessage()
    assert message.startswith("Published data version 4 to mini-pack-v4.json") and message.endswith(".")
    assert bar.fontMetrics().horizontalAdvance(message) <= bar.width() - 24, message


def test_the_new_id_dialog_grows_for_its_note_at_the_largest_text(editor: EditorWindow, qtbot) -> None:
    """At the largest text the three lines of the note about an earlier version's id took the room of the last line
    of the words above the field, which was hidden: the dialog grows to show them all."""
    editor.set_text_step(TEXT_STEP_MAX)
    select_record(editor, "provisions", "IL-720-7-15")
    editor.delete_action.trigger()
    editor.add_provision_action.trigger()
    dialog = editor.new_id_dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.id_edit, "IL-720-7-15")
    assert dialog.note.isVisible()
    intro = dialog.findChild(QLabel, "newIdIntro")
    for label in (intro, dialog.note):
        assert label.height() >= label.heightForWidth(label.width()), label.text()
    dialog.reject()


def _form_fields(window: EditorWindow) -> list[QWidget]:
    """Every field and button of the form shown: what the supervisor types in or presses."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QPlainTextEdit, QTextEdit

    kinds = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractButton, QAbstractSpinBox, QAbstractItemView)
    form = window.form_stack.currentWidget().widget()
    return [child for child in form.findChildren(QWidget) if isinstance(child, kinds) and child.isVisibleTo(form)]


def test_at_the_largest_text_the_editor_fits_an_800_by_600_screen_and_every_field_is_reached(make_editor,
                                                                                          tmp_path) -> None:
    """At the largest text the editor window was 961 px wide on an 800 × 600 screen (965 in a supervisor's
    report), its right edge and whatever was there out of sight: the map's column kept its 300 px while the form
    grew to what its form needs, and the window grew to hold both before the map folded. It opened at 1280 × 800
    on any screen too. It fits now, the map shown from its folded button included, and every field of the record
    selected can be scrolled to inside the window."""
    from desktop.ui.settings import Settings

    settings = Settings(tmp_path / "settings.ini")
    settings.text_step = TEXT_STEP_MAX
    pack = tmp_path / "draft.json"
    shutil.copyfile(BUNDLED_PACK, pack)
    window = make_editor(pack, settings=settings, size=None)  # at the size it opens at by itself
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height(), window.size()
    window.resize(800, 600)
    tables = window.document.tables
    s06 = editing.find_record(tables, "scenarios", "S06")
    outcome = next(i for i, node in enumerate(editing.nodes_of(tables, s06)) if node.get("type") == "outcome")
    records = [("meta",), ("provisions",), ("provisions", editing.records(tables, "provisions")[0][0]),
               ("scenarios", s06), ("scenarios", s06, "nodes", 0), ("scenarios", s06, "nodes", outcome),
               ("glossary", editing.records(tables, "glossary")[0][0]),
               ("synonyms", editing.records(tables, "synonyms")[0][0])]
    for focus in records:
        window.select(focus)
        QApplication.processEvents()
        QApplication.processEvents()
        assert window.width() <= 800 and window.minimumSizeHint().width() <= 800, (focus, window.width())
        assert window.height() <= 600 and window.minimumSizeHint().height() <= 600, (focus, window.height())
        page = window.form_stack.currentWidget()
        fields = _form_fields(window)
        assert fields or focus == ("provisions",), f"no fields in the form of {focus}"
        for field in fields:
            page.ensureWidgetVisible(field, 0, 0)
            QApplication.processEvents()
            left = field.mapTo(window, QPoint(0, 0))
            inside = QRect(left, field.size()).intersected(page.viewport().rect().translated(
                page.viewport().mapTo(window, QPoint(0, 0))))
            assert not inside.isEmpty() and inside.left() == left.x(), f"{field.objectName()} of {focus} not in sight"
            assert inside.right() < 800 and left.x() >= 0, f"{field.objectName()} of {focus} past the window's edge"
    window.folded_map_button.click()
    QApplication.processEvents()
    assert window.map_panel.isVisible(), "shown from its button, as the supervisor asked"
    assert window.width() <= 800 and window.minimumSizeHint().width() <= 800, window.width()


def test_with_no_scenario_selected_the_map_folds_and_the_form_gets_its_width(make_editor, tmp_path, qtbot) -> None:
    """The logic map's column took a third of the window with nothing to show (the pack's details, a provision):
    "Select a scenario or one of its nodes to see its logic map." beside a cramped form. It folds to its button at
    the right edge there, its width given to the form, and is back as a scenario or one of its nodes is selected;
    the button still shows it with a provision selected, as the supervisor asks."""
    from desktop.ui.editor.logic_map import FOLDED_IDLE_NOTE

    pack = tmp_path / "draft.json"
    shutil.copyfile(BUNDLED_PACK, pack)
    window = make_editor(pack, size=(1280, 800))  # room for the map at the normal text
    button = window.folded_map_button
    select_node(window, "S06", "q_offence6")
    assert _map_shown(window) and not window.folded_map.isVisible()
    contents, form_with_map, _ = window.columns.sizes()
    for table, ident in (("provisions", "IL-TRUST-15a"), ("meta", None)):
        if ident:
            select_record(window, table, ident)
        else:
            window.select(("meta",))
        assert not _map_shown(window) and window.folded_map.isVisible(), f"the map folded with {table} selected"
        assert button.toolTip() == FOLDED_IDLE_NOTE == button.accessibleDescription()
        sizes = window.columns.sizes()
        assert sizes[0] == contents and sizes[1] > form_with_map + 300, ("the form gets the map's width", sizes)
        assert button.mapTo(window, button.rect().topRight()).x() < window.width(), "its button in sight"
    select_record(window, "scenarios", "S06")
    assert _map_shown(window) and window.columns.sizes()[:2] == [contents, form_with_map], "back as it was"
    select_record(window, "provisions", "IL-TRUST-15a")
    assert not _map_shown(window)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert _map_shown(window), "one click shows it"
    select_record(window, "provisions", "IL-720-7-15")
    assert _map_shown(window), "shown from its button, it stays while the supervisor goes on"
    select_node(window, "S06", "q_offence6")
    select_record(window, "provisions", "IL-TRUST-15a")
    assert not _map_shown(window), "once a scenario shows in it, it folds again with none"


def test_at_the_largest_text_no_check_box_holds_a_form_wider_than_the_contents_can_spare(make_editor,
                                                                                      tmp_path) -> None:
    """A check box's words never wrap: at the largest text "Operative (governs what an officer does)" held the
    provision form 528 px wide and "Show as a big button on the Home screen" the scenario form 538, so that on an
    800 × 600 screen the contents beside them had 193 px, a word a line ("participatio" cut at the edge). The
    check boxes' words are short, what they mean wrapped below."""
    window = _largest_text_editor(make_editor, tmp_path)
    tables = window.document.tables
    s06 = editing.find_record(tables, "scenarios", "S06")
    outcome = next(i for i, node in enumerate(editing.nodes_of(tables, s06)) if node.get("type") == "outcome")
    for focus in (("provisions", editing.records(tables, "provisions")[0][0]), ("scenarios", s06),
                  ("scenarios", s06, "nodes", outcome)):
        window.select(focus)
        QApplication.processEvents()
        form = window.form_stack.currentWidget().widget()
        assert form.minimumSizeHint().width() <= 480, (focus, form.minimumSizeHint().width())
    assert window.provision_form.findChild(QLabel, "provisionOperativeDetail").wordWrap()


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_the_rename_question_has_touch_size_buttons(editor: EditorWindow, qtbot, monkeypatch, theme) -> None:
    """"Rename a published id?" asked with Qt's own buttons, about 30 px tall: below the 44 px touch target the
    rest of the app keeps. The real box, with the window as its parent, shown as widgets.ask runs it."""
    editor.set_theme(theme)
    shown: list[tuple[str, QRect]] = []

    def run(box: QMessageBox) -> QMessageBox.StandardButton:
        box.show()
        qtbot.waitExposed(box)
        shown.extend((button.text(), button.geometry()) for button in box.buttons())
        box.close()
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "exec", run)
    select_record(editor, "provisions", "IL-TRUST-15a")
    replace_text(qtbot, editor.provision_form.id_edit, "IL-TRUST-15(a)")
    qtbot.keyClick(editor.provision_form.id_edit, Qt.Key.Key_Return)
    assert len(shown) == 2, shown  # Yes and No
    for words, geometry in shown:
        assert geometry.height() >= 44 and geometry.width() >= 44, (words, geometry)
    assert editor.provision_form.id_edit.text() == "IL-TRUST-15a"  # No kept the id


class _WideScreen:
    """A 1280 × 800 screen (the offscreen one is 800 px wide, and the window never outgrew it)."""

    def availableGeometry(self) -> QRect:  # noqa: N802 (Qt API)
        return QRect(0, 0, 1280, 800)


def test_at_the_largest_text_one_resize_to_800_wide_gives_800(make_editor, tmp_path, monkeypatch) -> None:
    """On a 1280 × 800 screen with a step of a scenario selected and its map shown, one resize of the editor to
    800 × 600 at the largest text gave 972 px (912 with the scenario itself; a second resize reached 800): the
    map's least width was in the window's before it folded for want of room, and the window could not be narrower."""
    from desktop.ui.settings import Settings

    settings = Settings(tmp_path / "settings.ini")
    settings.text_step = TEXT_STEP_MAX
    pack = tmp_path / "draft.json"
    shutil.copyfile(BUNDLED_PACK, pack)
    window = make_editor(pack, settings=settings, size=None)
    monkeypatch.setattr(window, "screen", _WideScreen)
    tables = window.document.tables
    s06 = editing.find_record(tables, "scenarios", "S06")
    for focus in (("scenarios", s06, "nodes", 0), ("scenarios", s06)):
        window.resize(1280, 800)
        window.select(focus)
        assert _map_shown(window), "room for the map at 1280 px"
        window.resize(800, 600)
        QApplication.processEvents()
        assert window.width() <= 800, (focus, window.width())
        assert not _map_shown(window) and window.folded_map.isVisible(), "folded for want of room"
        assert window.minimumSizeHint().width() <= 800


def test_at_1024_by_600_and_the_largest_text_the_map_shown_takes_the_contents_place(make_editor, tmp_path,
                                                                                     qtbot) -> None:
    """At the largest text on 1024 × 600 the map folds for want of room with a scenario's step selected (as
    before). Shown from its button it was squeezed beside the contents and the form: 300 px, its key on four lines,
    a corner of one box in sight, the contents a word a line. There is room for the form and the map side by side:
    the map takes the contents' place, they fold to a button at the left edge, and that button brings them back
    (the map folded again). At 800 px there is no room for the two either: the map is squeezed as before."""
    from desktop.ui.editor.logic_map import FOLDED_CONTENTS_TEXT

    window = _largest_text_editor(make_editor, tmp_path)
    select_node(window, "S06", "q_offence6")
    assert not _map_shown(window) and window.folded_map.isVisible(), "folded for want of room, as before"
    qtbot.mouseClick(window.folded_map_button, Qt.MouseButton.LeftButton)
    assert _map_shown(window)
    assert not window.outline_panel.isVisible() and window.folded_contents.isVisible()
    button = window.folded_contents_button
    assert button.accessibleName() == FOLDED_CONTENTS_TEXT and button.width() >= 44
    assert window.width() <= 1024
    map_panel, form = window.map_panel, window.form_stack
    assert map_panel.width() >= map_panel.roomy_width(), (map_panel.width(), map_panel.roomy_width())
    assert form.width() >= form.minimumWidth()
    right = map_panel.mapTo(window, map_panel.rect().topRight()).x()
    assert right < window.width() and form.mapTo(window, QPoint(0, 0)).x() > button.mapTo(window, QPoint(0, 0)).x()
    assert window.map_panel.legend.height() <= 3 * window.map_panel.legend.fontMetrics().lineSpacing() + 4
    view = window.map_panel.view
    selected = view.mapFromScene(view.box("q_offence6").sceneBoundingRect()).boundingRect()
    assert view.viewport().rect().intersects(selected), "the step selected in sight"

    # a click on a box goes on in the form beside it; the map keeps the contents' place
    select_node(window, "S06", "q_sig6")
    assert _map_shown(window) and not window.outline_panel.isVisible()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.outline_panel.isVisible() and not window.folded_contents.isVisible()
    assert not _map_shown(window) and window.folded_map.isVisible(), "the map folded again"
    assert window.columns.sizes()[0] >= window._contents_roomy_width() - 2

    window.resize(800, 600)
    QApplication.processEvents()
    qtbot.mouseClick(window.folded_map_button, Qt.MouseButton.LeftButton)
    assert _map_shown(window) and window.outline_panel.isVisible(), "no room for the form and the map alone"
    assert window.width() <= 800


def test_a_draft_holding_half_a_character_is_saved_with_its_problem_named(qtbot, make_editor, tmp_path):
    """A draft whose file writes a lone surrogate as its JSON escape opens, its Problems panel naming it; Ctrl+S
    raised UnicodeEncodeError out of the editor (TinyDB writes UTF-8, which cannot hold it) and saved nothing. It is
    saved, the half character written back as its escape, and the message counts the problem."""
    tables = json.loads(MINI_PACK.read_text(encoding="utf-8"))
    provision = next(d for d in tables["provisions"].values() if d["provision_id"] == "IL-TRUST-15a")
    provision["tags"].append("detainer X hold")
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(tables, ensure_ascii=False).replace("detainer X", "detainer \\ud800"), encoding="utf-8")
    editor = make_editor(path)
    wait_checked(qtbot, editor)
    assert any("broken character (U+D800)" in p.message for p in editor.document.report.errors)
    qtbot.keyClick(editor.tree, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.statusBar().currentMessage() == \
        "Saved a draft to draft.json with 1 problem; fix it before publishing."
    assert b"detainer \\ud800 hold" in path.read_bytes() and not editor.document.doc.dirty


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing",
                           "This plugin does not support propagateSizeHints")  # the calendar, offscreen
@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_the_publish_dates_arrows_stand_out_in_every_theme(editor: EditorWindow, qtbot, theme: str) -> None:
    """The calendar's month arrows were Qt's dark ones whatever the theme: dark on dark at night and in high
    contrast; the field's own arrow a 7-px grey mark. Each stands out from its background as a graphic must (WCAG:
    3 to 1), the field's as wide as a box of choices' chevron."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QToolButton

    from desktop.ui.themes import contrast_ratio

    editor.set_theme(theme)
    editor.publish_action.trigger()
    dialog = editor.publish_dialog
    qtbot.waitExposed(dialog)
    field = dialog.as_of
    # the field's own arrow, which opens the calendar: a mark as wide as a box of choices' (Qt's was 7 px), standing out
    image = field.grab().toImage()
    inside = image.pixelColor(image.width() - 5, 4)  # the field's background, right of the mark
    marked = [x for x in range(image.width() - 30, image.width() - 3)
              if any(contrast_ratio(image.pixelColor(x, y), inside) >= 3 for y in range(4, image.height() - 4))]
    assert len(marked) >= 10, f"the field's arrow in {theme}: {len(marked)} px wide standing out"
    field.setDate(field.maximumDate().addMonths(-2))  # both arrows enabled
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_F4)
    calendar = field.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    for name in ("qt_calendar_prevmonth", "qt_calendar_nextmonth"):
        button = calendar.findChild(QToolButton, name)
        image = button.grab().toImage()
        background = image.pixelColor(1, 1)
        colours = {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}
        best = max(contrast_ratio(QColor.fromRgb(pixel), background) for pixel in colours)
        assert best >= 3, f"{name} in {theme}: its arrow {best:.1f} to 1 against its background"
    qtbot.keyClick(calendar, Qt.Key.Key_Escape)
    dialog.reject()
