"""The focus ring as a browser's :focus-visible: a tap moves the focus without its ring (on the next question's
first answer it read as an answer chosen or advised); the keys bring it back at once. Input goes through the
window (QTest on its QWindow), as a real tap or key does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest

from desktop.ui.history import WIZARD, Location
from desktop.ui.widgets import FocusRing, ring_shown
from tests.ui.ui_helpers import activate, settle

RINGS = {"day": "#d97706", "night": "#f0b452", "contrast": "#00ffff"}


def _wizard(qtbot, make_window, theme):
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)  # the bundled pack
    window.set_theme(theme)
    activate(qtbot, window)
    qtbot.waitUntil(lambda: window.findChild(FocusRing) is not None)  # after the first frame
    window.navigate(Location(WIZARD, "S01"))
    settle()  # laid out where a tap lands
    return window, window.wizard_page


def _tap(qtbot, window, widget) -> None:
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     widget.mapTo(window, widget.rect().center()))
    activate(qtbot, window)  # (offscreen, QTest's click on the window leaves it inactive: no focus drawn at all)


def _edge(button) -> str:
    """The colour of ``button``'s left border, half-way down (where its corners do not round it)."""
    return button.grab().toImage().pixelColor(1, button.height() // 2).name()


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_a_tap_moves_the_focus_but_not_the_ring_and_a_key_brings_it_back(qtbot, make_window, theme):
    window, wizard = _wizard(qtbot, make_window, theme)
    keys = wizard.state.keys
    _tap(qtbot, window, wizard.answer_buttons[0])
    qtbot.waitUntil(lambda: wizard.state.keys != keys)
    first, second = wizard.answer_buttons[:2]
    qtbot.waitUntil(first.hasFocus)  # the keys still work from here
    assert QAccessible.queryAccessibleInterface(first).state().focused, "a screen reader hears the focus move"
    assert not ring_shown(first)
    assert _edge(first) == _edge(second) != RINGS[theme], "the first answer looks as the others: none is advised"

    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Tab)  # the keys: the ring where they are, at once
    focused = window.focusWidget()
    assert focused is not first and ring_shown(focused)
    assert focused is second, "Tab goes on to the next answer"
    assert _edge(second) == RINGS[theme]

    keys = wizard.state.keys
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_1)  # a digit answers: the next screen's ring shows
    qtbot.waitUntil(lambda: wizard.state.keys != keys)
    focused = window.focusWidget()
    assert focused is wizard.first_focus() and ring_shown(focused)


def test_the_ring_comes_back_on_the_answer_the_tap_left_the_focus_on(qtbot, make_window):
    """A key that moves nothing (Shift alone is no use of the keys; Down is) rings the answer the focus is on."""
    window, wizard = _wizard(qtbot, make_window, "day")
    _tap(qtbot, window, wizard.answer_buttons[0])
    qtbot.waitUntil(lambda: wizard.answer_buttons[0].hasFocus() and not ring_shown(wizard.answer_buttons[0]))
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Shift)
    assert not ring_shown(window.focusWidget())
    QTest.keyPress(window.windowHandle(), Qt.Key.Key_Control)
    assert not ring_shown(window.focusWidget()), "a modifier alone is not the keys used"
    QTest.keyRelease(window.windowHandle(), Qt.Key.Key_Control)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_F24)  # no shortcut: the focus stays
    assert window.focusWidget() is wizard.answer_buttons[0] and ring_shown(wizard.answer_buttons[0])
    assert _edge(wizard.answer_buttons[0]) == RINGS["day"]


def test_before_any_tap_the_ring_shows_as_it_did(qtbot, make_window):
    window, wizard = _wizard(qtbot, make_window, "day")
    wizard.answer_buttons[0].setFocus()
    activate(qtbot, window)
    qtbot.waitUntil(wizard.answer_buttons[0].hasFocus)
    assert ring_shown(wizard.answer_buttons[0]) and _edge(wizard.answer_buttons[0]) == RINGS["day"]
