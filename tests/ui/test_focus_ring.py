"""The focus ring as a browser's :focus-visible: a tap moves the focus without its ring (on the next question's
first answer it read as an answer chosen or advised); the keys bring it back at once. In every window of the app
(the quiz, the dialogs, the editor), on buttons, lists and check boxes; a text field keeps its ring after a tap.
Input goes through the window (QTest on its QWindow), as a real tap or key does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest

from desktop.ui.history import WIZARD, Location
from desktop.ui.widgets import focus_ring, install_focus_ring, ring_shown
from tests.ui.ui_helpers import activate, settle

RINGS = {"day": "#d97706", "night": "#f0b452", "contrast": "#00ffff"}
#: the quiz's chosen answer: filled in the theme's accent, its border the fill; focused by the keys, a ring of its own
CHOSEN = {"day": "#1a56b8", "night": "#d9952f", "contrast": "#ffff00"}
CHOSEN_RINGS = {"day": "#d97706", "night": "#f4e6c8", "contrast": "#00ffff"}


def _wizard(qtbot, make_window, theme):
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)  # the bundled pack
    window.set_theme(theme)
    activate(qtbot, window)
    qtbot.waitUntil(lambda: focus_ring() is not None)  # after the first frame
    window.navigate(Location(WIZARD, "S01"))
    settle()  # laid out where a tap lands
    return window, window.wizard_page


def _tap(qtbot, window, widget, at=None) -> None:
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     widget.mapTo(window, at if at is not None else widget.rect().center()))
    activate(qtbot, window)  # (offscreen, QTest's click on the window leaves it inactive: no focus drawn at all)


def _key(window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(window.windowHandle(), key, modifiers)


def _shown(qtbot, window):
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)
    install_focus_ring()  # as at the main window's first frame (or a window started on its own): one for the app
    return window


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
    # a digit answers: the next screen's ring shows. (To the focused answer: on the window, its time is the clock's,
    # the tap's QTest's own, and the double-tap guard could take the digit for the tap's second press.)
    QTest.keyClick(window.focusWidget(), Qt.Key.Key_1)
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


def test_one_ring_for_the_whole_application_made_at_the_first_frame(qtbot, make_window):
    from PySide6.QtWidgets import QApplication

    from desktop.ui.widgets import FocusRing

    window, _wizard_page = _wizard(qtbot, make_window, "day")
    assert window.findChildren(FocusRing) == [], "not one per window"
    assert len(QApplication.instance().findChildren(FocusRing)) == 1
    install_focus_ring()
    assert len(QApplication.instance().findChildren(FocusRing)) == 1, "installed once"


@pytest.mark.parametrize("theme", ["night", "contrast"])
def test_in_the_quiz_a_tap_leaves_no_ring_and_a_key_brings_it(qtbot, make_window, theme):
    """The quiz window (its own window, its own style sheet over the officer's theme) follows the same input."""
    from desktop.ui.presentation_window import open_quiz

    window, _wizard_page = _wizard(qtbot, make_window, theme)
    quiz = open_quiz(window, window.pack)
    qtbot.waitExposed(quiz)
    activate(qtbot, quiz)
    _tap(qtbot, quiz, quiz.start_button)
    qtbot.waitUntil(lambda: quiz.quiz is not None)
    first, second = list(quiz.verdict_buttons.values())[:2]
    _tap(qtbot, quiz, first)
    qtbot.waitUntil(first.hasFocus)
    assert not ring_shown(first)
    assert _edge(first) == CHOSEN[theme], "the answer tapped looks chosen (filled), not ringed"
    assert _edge(second) != RINGS[theme]
    _key(quiz, Qt.Key.Key_F24)  # a key that moves nothing: the ring, where the focus is
    assert quiz.focusWidget() is first and ring_shown(first)
    assert _edge(first) == CHOSEN_RINGS[theme]
    _key(quiz, Qt.Key.Key_Tab)
    focused = quiz.focusWidget()
    assert focused is not first and ring_shown(focused)
    assert _edge(focused) == RINGS[theme]


@pytest.mark.parametrize("theme", ["night", "contrast"])
def test_in_a_dialog_a_tap_on_a_check_box_leaves_no_ring_but_a_text_field_keeps_its_own(qtbot, make_window, theme):
    """Help → Report a problem: the check box tapped shows no ring (its border as without the focus); the box the
    words are typed into keeps its ring after a tap, as a browser's text field does; a key rings the check box."""
    window, _wizard_page = _wizard(qtbot, make_window, theme)
    dialog = window.report_problem()
    qtbot.waitUntil(dialog.isVisible)
    activate(qtbot, dialog)
    box = dialog.include_answers
    _tap(qtbot, dialog, box)
    qtbot.waitUntil(box.hasFocus)
    assert not ring_shown(box)
    assert box.grab().toImage().pixelColor(1, box.height() // 2).name() != RINGS[theme]

    _tap(qtbot, dialog, dialog.comment)
    qtbot.waitUntil(dialog.comment.hasFocus)
    assert ring_shown(dialog.comment), "a text field shows where the words go, tapped or not"
    assert dialog.comment.grab().toImage().pixelColor(0, dialog.comment.height() // 2).name() == RINGS[theme]

    box.setFocus()  # back on the box, still after a tap: no ring until a key
    qtbot.waitUntil(box.hasFocus)
    assert not ring_shown(box)
    _key(dialog, Qt.Key.Key_Space)  # a key: the ring, where it is
    assert ring_shown(box)
    assert box.grab().toImage().pixelColor(1, box.height() // 2).name() == RINGS[theme]


def test_a_tapped_list_shows_no_ring_until_a_key(qtbot, mini_pack):
    """The trainer's playlist: a tap picks a row of the list (its border as without the focus); Down rings it."""
    from desktop.domain.playlist import Playlist
    from desktop.ui.playlist_dialog import PlaylistDialog

    dialog = _shown(qtbot, PlaylistDialog(mini_pack, Playlist("Week 3", ())))
    dialog.setStyleSheet(_theme_sheet("day"))
    view = dialog.all_view
    row = view.visualRect(view.model().index(0, 0))
    _tap(qtbot, dialog, view.viewport(), row.center())
    qtbot.waitUntil(view.hasFocus)
    assert not ring_shown(view)
    edge = view.grab().toImage().pixelColor(0, view.height() // 2).name()
    assert edge != RINGS["day"]
    _key(dialog, Qt.Key.Key_Down)
    assert ring_shown(view)
    assert view.grab().toImage().pixelColor(0, view.height() // 2).name() == RINGS["day"]


def test_back_by_its_key_rings_the_answer_it_undid_in_sight_and_a_tap_on_back_does_not(qtbot, make_window):
    """After a tap on an answer, Alt+Left (a shortcut: Qt hands the window no key press for it) is the keys used:
    the answer Back undid is ringed, and in sight. Back tapped gives it the focus without the ring."""
    window, wizard = _wizard(qtbot, make_window, "day")
    for _ in range(2):  # two answers, by taps
        keys = wizard.state.keys
        _tap(qtbot, window, wizard.answer_buttons[-1])
        qtbot.waitUntil(lambda keys=keys: wizard.state.keys != keys)
    assert not ring_shown(window.focusWidget())
    last = wizard.state.steps[-1].key
    _key(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(wizard.state.steps) == 1)
    answer = next(b for b in wizard.answer_buttons if b.property("choice_key") == last)
    qtbot.waitUntil(answer.hasFocus)
    assert ring_shown(answer), "Back by its key: the keys are in use"
    viewport = wizard.question_scroll.viewport()
    assert viewport.rect().contains(QRect(answer.mapTo(viewport, QPoint(0, 0)), answer.size())), "in sight"
    assert _edge(answer) == RINGS["day"]

    keys = wizard.state.keys
    _tap(qtbot, window, wizard.answer_buttons[-1])
    qtbot.waitUntil(lambda: wizard.state.keys != keys)
    _tap(qtbot, window, wizard.back_button)
    qtbot.waitUntil(lambda: wizard.state.keys == keys)
    focused = window.focusWidget()
    assert focused in wizard.answer_buttons and not ring_shown(focused), "Back tapped: no ring"


def _theme_sheet(theme: str) -> str:
    from desktop.ui.themes import Themes

    return Themes().style_sheet(theme)
