"""The focus ring in the supervisors' editor (editor.qss and its themes): a tap on its outline or on a box of choices
leaves no ring, a key brings it; a text field keeps its ring after a tap. Input goes through the window's QWindow,
as a real tap or key does."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.ui.widgets import ring_shown
from tests.ui.test_focus_ring import _key, _shown, _tap

#: the editor's focus ring in each theme (editor-day.qss, editor-night.qss, editor-contrast.qss)
EDITOR_RINGS = {"day": "#d97706", "night": "#f0b452", "contrast": "#00ffff"}


def _editor(qtbot, mini_pack_path, theme):
    from desktop.domain import editing
    from desktop.storage.library import PackLibrary
    from desktop.ui.editor.window import EditorWindow
    from tests.conftest import MINI_PACK

    editor = EditorWindow(mini_pack_path, today=dt.date(2026, 2, 10), library=PackLibrary(bundled=MINI_PACK))
    editor.resize(1280, 800)
    _shown(qtbot, editor)
    editor.set_theme(theme)
    key = editing.find_record(editor.document.tables, "scenarios", "S01")
    editor.select(("scenarios", key))
    return editor


def _edge(widget) -> str:
    return widget.grab().toImage().pixelColor(0, widget.height() // 2).name()


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_a_tap_on_the_outline_leaves_no_ring_and_a_key_brings_it(qtbot, mini_pack_path, theme):
    editor = _editor(qtbot, mini_pack_path, theme)
    tree = editor.tree
    row = tree.visualRect(tree.model().index(0, 0))
    _tap(qtbot, editor, tree.viewport(), row.center())
    qtbot.waitUntil(tree.hasFocus)
    assert not ring_shown(tree) and _edge(tree) != EDITOR_RINGS[theme]
    _key(editor, Qt.Key.Key_F24)
    assert ring_shown(tree) and _edge(tree) == EDITOR_RINGS[theme]


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")  # the list
@pytest.mark.parametrize("theme", ["night", "contrast"])
def test_a_box_of_choices_picked_from_by_taps_shows_no_ring_until_a_key(qtbot, mini_pack_path, theme):
    """The scenario's first question: tapped open and a row tapped in its list (a popup, its own window), the box
    keeps the focus without the ring; a key rings it. A text field tapped keeps its ring."""
    editor = _editor(qtbot, mini_pack_path, theme)
    combo = editor.scenario_form.start
    _tap(qtbot, editor, combo)
    qtbot.waitUntil(combo.view().isVisible)
    view = combo.view()
    popup = view.window()
    QTest.mouseClick(popup.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.viewport().mapTo(popup, view.visualRect(view.model().index(0, 0)).center()))
    qtbot.waitUntil(lambda: not view.isVisible())
    qtbot.waitUntil(combo.hasFocus)
    assert not ring_shown(combo) and _edge(combo) != EDITOR_RINGS[theme]
    _key(editor, Qt.Key.Key_F24)
    assert ring_shown(combo) and _edge(combo) == EDITOR_RINGS[theme]

    title = editor.scenario_form.title_edit
    _tap(qtbot, editor, title)
    qtbot.waitUntil(title.hasFocus)
    assert ring_shown(title) and _edge(title) == EDITOR_RINGS[theme], "a text field keeps its ring"


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_the_logic_map_shows_the_ring_when_the_keys_reach_it_and_none_after_a_tap(qtbot, mini_pack_path, theme):
    """The logic map takes the focus (+, - and 0 zoom it) but drew no ring at all: a supervisor going through the
    editor by the keys could not see the keys were on the map, in any theme. It rings as the outline does: a key
    brings the ring, a tap keeps the focus without it."""
    from desktop.ui.editor.logic_map import LogicMapView

    editor = _editor(qtbot, mini_pack_path, theme)
    view = editor.findChild(LogicMapView)
    qtbot.waitUntil(view.isVisible)
    _tap(qtbot, editor, view.viewport(), view.viewport().rect().center())
    qtbot.waitUntil(view.hasFocus)
    assert not ring_shown(view) and _edge(view) != EDITOR_RINGS[theme]
    _key(editor, Qt.Key.Key_F24)
    assert ring_shown(view) and _edge(view) == EDITOR_RINGS[theme]
