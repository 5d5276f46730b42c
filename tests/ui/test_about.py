"""The disclaimer once at first launch (remembered), and Help → About with the pack's identity."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QDialog, QWidget

from desktop.ui.about_dialog import AboutDialog
from desktop.ui.data_loading import load_data
from desktop.ui.settings import Settings


def _fake_exec(shown):
    def exec_(dialog):
        shown.append(dialog)
        return QDialog.DialogCode.Accepted

    return exec_


def test_disclaimer_is_shown_once_and_remembered(qtbot, make_window, monkeypatch):
    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", _fake_exec(shown))
    window = make_window()
    window.show_first_launch_notices()
    assert len(shown) == 1
    dialog = shown[0]
    assert dialog.disclaimer_label.text() == "Test data. Not legal advice."
    assert dialog.ok_button.text() == "I understand"
    assert Settings().disclaimer_seen
    window.close()

    again = make_window(settings=Settings())
    again.show_first_launch_notices()
    assert len(shown) == 1, "the disclaimer is not shown a second time"


def test_help_about_shows_version_date_and_sha256(qtbot, window, monkeypatch, mini_data):
    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", _fake_exec(shown))
    window.help_menu.actions()[0].trigger()
    dialog = shown[0]
    assert dialog.values["Version"] == "3"
    assert dialog.values["As of"] == "2 Feb 2026"
    assert dialog.values["SHA-256"] == mini_data.loaded.sha256 and len(dialog.values["SHA-256"]) == 64
    assert dialog.disclaimer_label.text() == "Test data. Not legal advice."
    assert dialog.ok_button.text() == "Close"


def test_f1_opens_about(qtbot, window, monkeypatch):
    from tests.ui.ui_helpers import activate

    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", _fake_exec(shown))
    activate(qtbot, window)
    qtbot.keyClick(window.search_field, Qt.Key.Key_F1)
    assert len(shown) == 1


def test_about_without_a_pack_still_has_the_general_disclaimer(qtbot, window):
    from desktop.ui.data_loading import DataState

    dialog = AboutDialog(DataState(None))
    qtbot.addWidget(dialog)
    assert "not legal advice" in dialog.disclaimer_label.text()
    assert dialog.values == {"Status": "No data pack is loaded."}


@pytest.mark.parametrize("step", [-2, 0, 6])
def test_field_names_sit_on_the_baseline_of_their_values(qtbot, make_window, step):
    """A name in small bold type, top-aligned beside its value in body type, sat 3 px above the value's line."""
    from PySide6.QtWidgets import QGridLayout, QLabel

    from desktop.ui.about_dialog import KeysDialog

    window = make_window()
    window.set_text_step(step)
    checked = 0
    for dialog in (AboutDialog(window.data, parent=window), KeysDialog(window)):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)

        def baseline(label: QLabel, dialog=dialog) -> int:
            return label.mapTo(dialog, label.contentsRect().topLeft()).y() + label.fontMetrics().ascent()

        for grid in dialog.findChildren(QGridLayout):
            for row in range(grid.rowCount()):
                name, value = (grid.itemAtPosition(row, column) for column in (0, 1))
                if name is None or value is None or not isinstance(value.widget(), QLabel):
                    continue
                name, value = name.widget(), value.widget()
                if name is value:  # a section's heading (the quiz's keys, the slides'), across both columns
                    continue
                assert name.property("role") == "fieldName" and name.property("beside") is True
                assert abs(baseline(name) - baseline(value)) <= 1, f"{name.text()}: {baseline(name)} vs {baseline(value)}"
                checked += 1
    assert checked > 10


def test_a_field_name_not_beside_a_value_has_no_lead(qtbot, make_window):
    """The lead lines a name up with the value beside it; a name above its value (a data problem's place)
    or centred beside a field (a provision's address) has none."""
    from desktop.ui.widgets import WrapLabel, field_name

    window = make_window()
    beside, alone = field_name("As of", "x"), WrapLabel("Where", role="fieldName")
    for label in (beside, alone):
        window.home_page.layout().addWidget(label)
    qtbot.wait(1)
    assert beside.contentsMargins().top() > 0 and alone.contentsMargins().top() == 0



def test_the_update_date_says_what_it_counts_from(qtbot, make_window):
    """"Reviewed 22 Nov 2026" above "Review due 3 May 2026" read as a contradiction: the due date counts
    from the law's "as of" date, not from the last check, and now says so."""
    window = make_window()
    dialog = AboutDialog(window.data, parent=window)
    qtbot.addWidget(dialog)
    meta = window.pack.meta
    assert "Update due" in dialog.values and "Review due" not in dialog.values
    assert f"{meta.expires_after_days} days after “as of”" in dialog.values["Update due"]
    assert "Published on" in dialog.values and "Checked on" not in dialog.values, "not read as a legal review"
    banner_words = [b.text() for b in make_window(today=meta.expires_on + dt.timedelta(days=1)).banners]
    assert any("it is as of" in words and "an update was due" in words for words in banner_words)


def test_the_publishers_notes_are_shown_among_them_whether_there_was_a_legal_review(qtbot, make_window):
    """The pack's notes say whether the data has had a legal review; an officer sees them under the pack's details."""
    window = make_window(data=load_data(None))  # the bundled pack (the mini pack has no notes)
    dialog = AboutDialog(window.data, parent=window)
    qtbot.addWidget(dialog)
    notes = window.pack.meta.notes
    assert notes and any("legal review" in note for note in notes)
    assert dialog.notes is not None and [label.text() for label in dialog.notes.labels] == list(notes)


def test_a_pack_without_notes_shows_no_notes_heading(qtbot, make_window):
    window = make_window()
    dialog = AboutDialog(window.data, parent=window)
    qtbot.addWidget(dialog)
    assert not window.pack.meta.notes and dialog.notes is None
    assert dialog.findChild(QWidget, "packNotesHeading") is None


def test_the_keys_list_grows_with_the_text_on_a_small_screen(qtbot, make_window):
    """At the largest text on a 1024 × 600 screen Help → Keyboard keys opened 640 px wide, as at the normal size:
    what each key does had a column of 285 px, and "Open the situation or result picked, or press the button in
    focus" took four lines. It grows with the text (1.6 times at the largest), as far as the screen and the window
    allow; at the normal size it is as it was."""
    from desktop.ui.widgets import SCREEN_MARGIN

    window = make_window()
    window.resize(1024, 600)
    room = min(window.screen().availableGeometry().width(), window.width()) - SCREEN_MARGIN
    for step, width in ((0, 640), (6, min(1024, room))):
        window.set_text_step(step)
        dialog = window.show_keys()
        qtbot.waitExposed(dialog)
        assert dialog.width() == width, (step, dialog.width())
        dialog.close()


@pytest.mark.parametrize("box", ["about", "keys"])
def test_the_keys_read_the_about_box_and_the_keys_list_at_the_largest_text(qtbot, make_window, monkeypatch, box):
    """At the largest text on 800 × 600 the disclaimer ran 2,000 px below the box, and the keys' list too; Close
    had the focus and no key scrolled them. Their words take the focus first (Tab stops on them, ringed), PageDown
    and ↓ read on, End and Home go to the end and the top, and Enter still closes the box."""
    from desktop.ui.settings import TEXT_STEP_MAX

    monkeypatch.setattr(AboutDialog, "exec", AboutDialog.show)  # shown, not run modal: the test drives it
    window = make_window()
    window.set_text_step(TEXT_STEP_MAX)
    window.resize(776, 576)
    dialog = window.open_about() if box == "about" else window.show_keys()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    words = dialog.findChild(QAbstractScrollArea, f"{box}Scroll")
    bar = words.verticalScrollBar()
    assert bar.maximum() > 0, "the words run past the box"
    assert dialog.focusWidget() is words and words.accessibleName()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_PageDown)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)
    assert bar.value() > 0
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Home)
    assert bar.value() == 0
    ringed = words.grab().toImage()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is not words
    assert words.grab().toImage() != ringed, "the ring shows where the keys are"
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is words, "Tab comes back to the words"
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert not dialog.isVisible()
