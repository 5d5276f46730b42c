"""The focus ring in the dialogs and menus the officer window opens: a tap leaves no ring in them, a key brings it;
closed, the focus is back where the officer was, ringed only if the dialog was closed by a key (Esc, Enter), not by
a tap. Input goes through each window (QTest on its QWindow), as a real tap or key does; a modal exec() is acted in
from a timer that runs inside it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.ui.widgets import ring_shown
from tests.ui.test_focus_ring import RINGS, _edge, _key, _tap, _wizard
from tests.ui.ui_helpers import activate


def _click(window, widget) -> None:
    """A click on ``widget`` that closes its window (no activating it again afterwards, as _tap does)."""
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     widget.mapTo(window, widget.rect().center()))


def _left_edge(widget) -> str:
    return widget.grab().toImage().pixelColor(1, widget.height() // 2).name()


def _answer_ringed_by_keys(qtbot, window, wizard):
    """The first answer, focused from the keys (its ring shows): where the officer was when a dialog opened."""
    answer = wizard.answer_buttons[0]
    answer.setFocus()
    activate(qtbot, window)
    qtbot.waitUntil(answer.hasFocus)
    _key(window, Qt.Key.Key_F24)  # a key that moves nothing
    assert ring_shown(answer)
    return answer


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
@pytest.mark.parametrize("which", ["about", "keys"])
def test_a_tap_on_the_words_of_about_or_the_keys_leaves_no_ring_and_a_key_brings_it(
        qtbot, make_window, monkeypatch, theme, which):
    """Help → About and Help → Keyboard keys: their words take the focus (PageDown reads on). A tap on them (to
    scroll, to read) framed the whole box in the ring, as if the keys were in use; now only a key rings it."""
    from desktop.ui.about_dialog import AboutDialog

    window, _wizard_page = _wizard(qtbot, make_window, theme)
    if which == "about":
        monkeypatch.setattr(AboutDialog, "exec", AboutDialog.show)  # shown, not run modal: the test drives it
        dialog = window.open_about()
        words = dialog.disclaimer_label
    else:
        dialog = window.show_keys()
        words = dialog.scroll.widget()
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    _tap(qtbot, dialog, words, words.rect().topLeft() + words.rect().center() / 4)
    qtbot.waitUntil(dialog.scroll.hasFocus)
    assert not ring_shown(dialog.scroll)
    assert _left_edge(dialog.scroll) != RINGS[theme], "the words tapped are not framed in the ring"
    _key(dialog, Qt.Key.Key_F24)
    assert ring_shown(dialog.scroll) and _left_edge(dialog.scroll) == RINGS[theme], "a key: the ring, where it is"


@pytest.mark.parametrize("closed_by", ["tap", "key"])
def test_report_closed_gives_the_focus_back_ringed_only_after_a_key(qtbot, make_window, closed_by):
    """Help → Report a problem over an answer the keys had reached: Cancel tapped leaves the answer focused without
    its ring; Esc leaves it ringed (the keys are in use)."""
    window, wizard = _wizard(qtbot, make_window, "night")
    answer = _answer_ringed_by_keys(qtbot, window, wizard)
    dialog = window.report_problem()
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    with qtbot.waitSignal(dialog.finished):
        if closed_by == "tap":
            _click(dialog, dialog.cancel_button)
        else:
            _key(dialog, Qt.Key.Key_Escape)
    activate(qtbot, window)
    qtbot.waitUntil(answer.hasFocus)
    assert ring_shown(answer) == (closed_by == "key")
    assert (_edge(answer) == RINGS["night"]) == (closed_by == "key")


@pytest.mark.parametrize("closed_by", ["tap", "key"])
def test_a_notice_box_and_its_button_follow_the_last_input(qtbot, make_window, closed_by):
    """A banner's More (a QMessageBox, opened window-modal): opened by a tap, its Close button has the focus without
    the ring; a key rings it. Closed by a tap, the answer under it is focused without the ring; by Enter, ringed."""
    window, wizard = _wizard(qtbot, make_window, "contrast")
    answer = wizard.answer_buttons[0]
    _tap(qtbot, window, answer)
    qtbot.waitUntil(lambda: window.focusWidget() in wizard.answer_buttons)
    answer = window.focusWidget()
    window._show_notice("The data pack could not be checked. Ask your supervisor.", "warning")
    box = window.notice_box
    qtbot.waitExposed(box)
    activate(qtbot, box)
    close = box.button(box.StandardButton.Close)
    qtbot.waitUntil(close.hasFocus)
    assert not ring_shown(close) and _left_edge(close) != RINGS["contrast"], "opened by a tap: no ring"
    _key(box, Qt.Key.Key_F24)
    assert ring_shown(close) and _left_edge(close) == RINGS["contrast"]
    if closed_by == "tap":
        _click(box, close)
    else:
        _key(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible())
    activate(qtbot, window)
    qtbot.waitUntil(answer.hasFocus)
    assert ring_shown(answer) == (closed_by == "key")


def test_about_run_modal_closed_by_a_tap_then_opened_again_by_its_key(qtbot, make_window):
    """About and disclaimer as the officer gets it (exec(): modal, its own event loop). Closed by a tap on Close:
    the answer has the focus back without the ring. Opened again by F1, its words (the focus) are ringed (the keys
    opened it), and Esc gives the answer back ringed."""
    window, wizard = _wizard(qtbot, make_window, "day")
    answer = _answer_ringed_by_keys(qtbot, window, wizard)
    seen = {}

    def tap_close():
        dialog = QApplication.activeModalWidget()
        activate(qtbot, dialog)
        seen["first"] = ring_shown(dialog.focusWidget())
        _click(dialog, dialog.ok_button)

    QTimer.singleShot(0, tap_close)
    window.open_about()
    assert seen["first"], "opened from the keys: what has its focus is ringed"
    activate(qtbot, window)
    qtbot.waitUntil(answer.hasFocus)
    assert not ring_shown(answer), "closed by a tap: the focus is back without the ring"

    def key_close():
        dialog = QApplication.activeModalWidget()
        activate(qtbot, dialog)
        seen["again"] = (dialog.focusWidget() is dialog.scroll, ring_shown(dialog.scroll), _left_edge(dialog.scroll))
        _key(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, key_close)
    _key(window, Qt.Key.Key_F1)  # keys.ABOUT: runs the box here, until key_close presses Esc in it
    assert seen["again"] == (True, True, RINGS["day"]), "opened again by its key: its words ringed"
    activate(qtbot, window)
    qtbot.waitUntil(answer.hasFocus)
    assert ring_shown(answer) and _edge(answer) == RINGS["day"]


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")  # the menu
@pytest.mark.parametrize("picked_by", ["tap", "key"])
def test_a_menu_opened_by_a_tap_and_its_choice_decide_the_ring_of_what_it_opens(qtbot, make_window, picked_by):
    """Help (a button with a menu) tapped: the menu runs its own loop. Keyboard keys picked in it by a tap opens the
    keys' box without a ring on its focus; picked with Down and Enter, ringed: the menu's keys count."""
    window, _wizard_page = _wizard(qtbot, make_window, "night")
    menu = window.help_menu
    opened = {}

    def pick():
        qtbot.waitUntil(menu.isVisible)
        if picked_by == "tap":
            QTest.mouseClick(menu.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             menu.actionGeometry(window.keys_action).center())
        else:
            while menu.activeAction() is not window.keys_action:
                QTest.keyClick(menu.windowHandle(), Qt.Key.Key_Down)
            QTest.keyClick(menu.windowHandle(), Qt.Key.Key_Return)
        opened["done"] = True

    QTimer.singleShot(0, pick)
    _tap(qtbot, window, window.help_button)
    qtbot.waitUntil(lambda: "done" in opened)
    from desktop.ui.about_dialog import KeysDialog

    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(KeysDialog)))
    dialog = next(d for d in window.findChildren(KeysDialog) if d.isVisible())
    activate(qtbot, dialog)
    focused = dialog.focusWidget()
    assert ring_shown(focused) == (picked_by == "key")


def test_a_quiz_closed_and_opened_again_follows_the_taps_and_keys_in_its_new_window(qtbot, make_window):
    """Training → Quiz twice: each is a window of its own (a new QWindow). In the second, as in the first, a tap on
    an answer leaves it without the ring and a key rings it; closed after a tap, the officer window's answer has the
    focus back without its ring."""
    from desktop.ui.presentation_window import open_quiz

    window, wizard = _wizard(qtbot, make_window, "night")
    answer = _answer_ringed_by_keys(qtbot, window, wizard)
    first = open_quiz(window, window.pack)
    qtbot.waitExposed(first)
    activate(qtbot, first)
    first.close()
    qtbot.waitUntil(lambda: not first.isVisible())
    quiz = open_quiz(window, window.pack)
    assert quiz is not first and quiz.windowHandle() is not first.windowHandle()
    qtbot.waitExposed(quiz)
    activate(qtbot, quiz)
    _tap(qtbot, quiz, quiz.start_button)
    qtbot.waitUntil(lambda: quiz.quiz is not None)
    verdict = next(iter(quiz.verdict_buttons.values()))
    _tap(qtbot, quiz, verdict)
    qtbot.waitUntil(verdict.hasFocus)
    assert not ring_shown(verdict), "a tap in the window opened again: no ring"
    _key(quiz, Qt.Key.Key_F24)
    assert ring_shown(verdict)
    _tap(qtbot, quiz, verdict)  # the last input a tap: the officer window's answer, back in focus, not ringed
    quiz.close()
    activate(qtbot, window)
    qtbot.waitUntil(answer.hasFocus)
    assert not ring_shown(answer)


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")  # the list
@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_the_quiz_box_of_scenarios_shows_the_ring_from_the_keys_and_none_after_taps(qtbot, make_window, theme):
    """Training → Quiz's box of scenarios to ask about. From the keys it showed no ring at all (Fusion's own mark
    drew nothing in these themes): a trainer tabbing through could not see it had the focus. It is ringed in the
    theme's colour now, and tapped open and a row tapped in its list (a popup, its own window), it is not."""
    from desktop.ui.presentation_window import open_quiz

    window, _wizard_page = _wizard(qtbot, make_window, theme)
    quiz = open_quiz(window, window.pack)
    qtbot.waitExposed(quiz)
    activate(qtbot, quiz)
    combo = quiz.scenario_combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    _key(quiz, Qt.Key.Key_F24)
    assert ring_shown(combo) and _left_edge(combo) == RINGS[theme], "the keys: the box is ringed"
    _tap(qtbot, quiz, combo)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    popup = view.window()
    QTest.mouseClick(popup.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.viewport().mapTo(popup, view.visualRect(view.model().index(1, 0)).center()))
    qtbot.waitUntil(lambda: not view.isVisible())
    activate(qtbot, quiz)
    qtbot.waitUntil(combo.hasFocus)
    assert not ring_shown(combo) and _left_edge(combo) != RINGS[theme], "picked by taps: no ring"
    _key(quiz, Qt.Key.Key_F24)
    assert _left_edge(combo) == RINGS[theme]
