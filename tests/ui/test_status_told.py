"""A message in the status bar ("Citation copied.", "The answer was copied as text.") is said to a screen reader
through the focused widget's description while it shows: the focus stays on the button pressed, and a screen
reader reads what has the focus, never the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.data_loading import load_data
from tests.ui.test_focus_ring import _key
from tests.ui.ui_helpers import activate, settle


def test_copy_citation_and_copy_as_text_are_heard_then_the_button_says_its_own_words_again(qtbot, make_window):
    window = make_window(data=load_data(None), with_index=False)
    window.resize(1024, 600)
    activate(qtbot, window)
    window.open_provision("IL-TRUST-15a")
    settle()
    copy = window.provision_page.findChild(type(window.back_button), "copyCitationButton")
    copy.setFocus(Qt.FocusReason.TabFocusReason)
    own = copy.accessibleDescription()
    _key(window, Qt.Key.Key_Space)
    assert window.statusBar().currentMessage() == "Citation copied."
    assert window.focusWidget() is copy and copy.accessibleDescription() == "Citation copied."
    window.statusBar().clearMessage()  # its time is up
    assert copy.accessibleDescription() == own

    window.start_scenario("S08")
    window.wizard_page.choose(2)
    window.wizard_page.choose(1)
    settle()
    as_text = window.wizard_page.findChild(type(window.back_button), "copyOutcomeButton")
    as_text.setFocus(Qt.FocusReason.TabFocusReason)
    own = as_text.accessibleDescription()
    _key(window, Qt.Key.Key_Space)
    assert as_text.accessibleDescription() == "The answer was copied as text."
    window.go_home()  # another page takes the message away
    assert window.statusBar().currentMessage() == ""
    assert as_text.accessibleDescription() == own
