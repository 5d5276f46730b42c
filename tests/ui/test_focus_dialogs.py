"""The focus ring in the dialogs and menus the officer window opens: a tap leaves no ring in them, a key brings it;
closed, the focus is back where the officer was, ringed only if the dialog was closed by a key (Esc, Enter), not by
a tap. Input goes through each window (QTest on its QWindow), as a real tap or key does; a modal exec() is acted in
from a timer that runs inside it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.ui.widgets import focus_ring, ring_shown
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
