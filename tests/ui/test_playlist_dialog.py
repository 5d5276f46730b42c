"""The class playlist: pick and order scenarios, save and open files (bad files never crash), start."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop.domain.playlist import Playlist
from desktop.ui import widgets
from desktop.ui.playlist_dialog import PlaylistDialog, PlaylistModel
from desktop.ui.scenario_list_model import ScenarioIdRole
from tests.conftest import BUNDLED_PACK


@pytest.fixture
def dialog(qtbot, mini_pack):
    d = PlaylistDialog(mini_pack, Playlist("Week 3", ()))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def _select_in_tree(d, scenario_id):
    index = d.all_model.index_of(scenario_id)
    d.all_view.setCurrentIndex(index)
    d.all_view.selectionModel().select(index, d.all_view.selectionModel().SelectionFlag.ClearAndSelect)


def test_model_passes_the_model_tester(qtmodeltester, mini_pack):
    model = PlaylistModel(mini_pack, ("S08", "S10", "PAPER"))
    qtmodeltester.check(model, force_py=True)
    model.move(0, 1)
    model.remove(2)
    model.add("SAFETY", 0)
    qtmodeltester.check(model, force_py=True)
    assert model.scenario_ids() == ("SAFETY", "S10", "S08")
    assert model.index(0).data() == "Someone is hurt or in danger"
    assert model.index(2).data(ScenarioIdRole) == "S08"


def test_model_refuses_duplicates_and_impossible_moves(mini_pack):
    model = PlaylistModel(mini_pack, ("S08",))
    assert model.add("S08") is None
    assert model.move(0, -1) is None and model.move(0, 1) is None and not model.remove(5)


def test_pick_order_and_start(qtbot, dialog):
    assert not dialog.start_button.isEnabled()
    _select_in_tree(dialog, "S10")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    _select_in_tree(dialog, "S08")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.model.scenario_ids() == ("S10", "S08")
    assert dialog.up_button.isEnabled() and not dialog.down_button.isEnabled()  # S08, the last, is selected
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert dialog.model.scenario_ids() == ("S08", "S10")
    _select_in_tree(dialog, "S08")
    dialog.add_selected()
    assert "already" in dialog.message.text()
    with qtbot.waitSignal(dialog.presentation_requested) as blocker:
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] == Playlist("Week 3", ("S08", "S10"))
    assert dialog.result() == PlaylistDialog.DialogCode.Accepted


def test_keyboard_remove_and_add_all(qtbot, dialog):
    qtbot.mouseClick(dialog.add_all_button, Qt.MouseButton.LeftButton)
    assert dialog.model.scenario_ids() == ("S08", "S10"), "add all skips shared steps (sub-flows)"
    dialog.view.setFocus()
    dialog.view.setCurrentIndex(dialog.model.index(0))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert dialog.model.scenario_ids() == ("S10", "S08")
    qtbot.keyClick(dialog.view, Qt.Key.Key_Delete)
    assert dialog.model.scenario_ids() == ("S10",)


def test_save_and_open_round_trip(qtbot, dialog, tmp_path, monkeypatch):
    dialog.model.set_scenario_ids(("S10", "PAPER"))
    target = tmp_path / "week3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Playlists (*.json)"))
    with qtbot.waitSignal(dialog.playlist_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "week3.json"
    assert json.loads(saved.read_text(encoding="utf-8")) == {"title": "Week 3", "scenarios": ["S10", "PAPER"]}

    dialog.set_playlist(Playlist("Other", ("S08",)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), ""))
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.playlist() == Playlist("Week 3", ("S10", "PAPER"))
    assert "Opened week3.json" in dialog.message.text()


@pytest.mark.parametrize("typed", ["\u200b\u200b", "\u200f \u200e", "\u00ad\u2060"])
def test_a_title_pasted_of_invisible_characters_saves_as_the_default_title(qtbot, dialog, tmp_path, monkeypatch, typed):
    """A title of zero-width characters or direction marks was saved as it was: a blank title, and a file name of
    nothing but those characters. It is a blank title, as spaces are."""
    dialog.model.set_scenario_ids(("S08",))
    dialog.title_edit.clear()
    dialog.title_edit.insert(typed)  # as pasted (QTest cannot type characters that have no key)
    assert dialog.title_edit.text() == typed
    suggested: list[str] = []

    def save_name(_parent, _caption, start, *_a, **_k):
        suggested.append(start)
        return str(tmp_path / "class.json"), "Playlists (*.json)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    with qtbot.waitSignal(dialog.playlist_saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert Path(suggested[0]).name == "Class playlist.json"
    saved = json.loads((tmp_path / "class.json").read_text(encoding="utf-8"))
    assert saved == {"title": "Class playlist", "scenarios": ["S08"]}


def test_a_saved_class_opens_without_the_scenarios_a_data_update_took_out(qtbot, dialog, tmp_path, monkeypatch):
    """A class's playlist saved before a data update retired or renamed one of its scenarios would not open at all
    ("not in the data pack"): the trainer rebuilt the class by hand. The rest opens, and the missing one is named."""
    saved = tmp_path / "week3.json"
    saved.write_text('{"title": "Week 3", "scenarios": ["S10", "S99", "PAPER"]}', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), ""))
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.playlist() == Playlist("Week 3", ("S10", "PAPER"))
    assert dialog.message.text() == (f"Left out: S99, no longer in this data pack (version {dialog.pack.meta.data_version}). "
                                     "The other 2 opened from week3.json.")
    assert dialog.message.property("kind") == "error" and dialog.message.isVisible()


def test_cancelled_file_dialogs_change_nothing(qtbot, dialog, monkeypatch):
    dialog.model.set_scenario_ids(("S08",))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    assert not dialog.save_file() and not dialog.open_file()
    assert dialog.model.scenario_ids() == ("S08",)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{ not json", "not valid JSON"),
        (b'{"title": "x", "scenarios": ["S98", "S99"]}', "not in the data pack"),
        (b'{"title": "x"}', "\"scenarios\" list is missing"),
        (b"\x00\xff", "not UTF-8"),
        (b"", "empty"),
    ],
)
def test_bad_files_show_a_clear_message_and_keep_the_playlist(dialog, tmp_path, content, expected):
    dialog.model.set_scenario_ids(("S08",))
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    assert not dialog.open_file(bad)
    assert dialog.message.text().startswith("Could not open bad.json:")
    assert expected in dialog.message.text()
    assert dialog.model.scenario_ids() == ("S08",)


def test_missing_file_and_folder(dialog, tmp_path):
    assert not dialog.open_file(tmp_path / "nope.json")
    assert "Could not open nope.json" in dialog.message.text()
    assert not dialog.open_file(tmp_path)
    assert "folder" in dialog.message.text()


def test_unwritable_target(dialog, tmp_path):
    dialog.model.set_scenario_ids(("S08",))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert not dialog.save_file(blocker / "sub" / "p.json")
    assert dialog.message.text().startswith("Could not save p.json")


@pytest.mark.skipif(not hasattr(os, "chmod") or os.name != "posix", reason="Unix permissions")
def test_a_playlist_file_made_read_only_is_not_saved_over_and_the_trainer_is_told_why(dialog, tmp_path):
    """Saving onto a playlist the trainer had made read-only replaced it and made it writable."""
    kept = tmp_path / "week3.json"
    kept.write_text('{"title": "Week 3", "scenarios": ["S10"]}\n', encoding="utf-8")
    kept.chmod(0o444)
    dialog.model.set_scenario_ids(("S08",))
    assert not dialog.save_file(kept)
    assert dialog.message.text() == ("Could not save week3.json: it is read-only: save under another name, or make it "
                                     "writable first.")
    assert kept.read_text(encoding="utf-8") == '{"title": "Week 3", "scenarios": ["S10"]}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["week3.json"]


def test_names_and_touch_sizes(dialog):
    for button in (dialog.add_button, dialog.remove_button, dialog.up_button, dialog.down_button,
                   dialog.open_button, dialog.save_button, dialog.start_button):
        assert button.objectName() and button.accessibleName() and button.height() >= 44
    for widget in (dialog.all_view, dialog.view, dialog.title_edit):
        assert widget.objectName() and widget.accessibleName()


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.parametrize(("step", "size"), [(6, (1024, 600)), (0, (1000, 3000))])
def test_every_title_shows_in_full_in_rows_as_tall_as_their_lines(qtbot, bundled, step, size):
    """Both lists wrap long titles as Home does (the full list cut them to "Agents show an ICE …" at the
    largest text, where titles differ only at their ends; the class's list cut one to "plate-…")."""
    from PySide6.QtGui import QFontMetrics

    from desktop.ui.themes import Themes
    from tests.ui.ui_helpers import check_scenario_rows, scenario_indexes

    ids = tuple(s.scenario_id for s in bundled.pack.scenarios if not s.subflow)[:8]
    d = PlaylistDialog(bundled.pack, Playlist("Week 3", ids))
    qtbot.addWidget(d)
    d.setStyleSheet(Themes().style_sheet("night", step))
    d.resize(*size)
    d.show()
    qtbot.waitExposed(d)
    qtbot.wait(1)
    assert check_scenario_rows(d.all_view) > 30  # each row as tall as its lines
    assert check_scenario_rows(d.view) == len(ids)  # the class's list (a flat list)
    font = QFontMetrics(d.all_view.font())
    wrapped = sum(d.all_view.visualRect(i).height() > 2 * font.height() for i in scenario_indexes(d.all_view))
    assert wrapped > (5 if step == 6 else 0), "long titles take several lines"
    assert d.all_view.rootIsDecorated() is False  # categories are headings, as on Home


def test_start_is_the_main_action_and_the_full_list_reaches_the_bottom_row(qtbot, dialog):
    """Start presentation looked like Open… and Save…; under the full list was an empty band beside the
    order buttons."""
    dialog.resize(1024, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.start_button.property("kind") == "primary" and dialog.start_button.isDefault()
    full_bottom = dialog.all_view.mapTo(dialog, dialog.all_view.rect().bottomLeft()).y()
    order_bottom = dialog.up_button.mapTo(dialog, dialog.up_button.rect().bottomLeft()).y()
    assert full_bottom == order_bottom


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space], ids=["Return", "Enter", "Space"])
def test_enter_or_space_on_all_scenarios_adds_the_scenario_and_starts_nothing(qtbot, dialog, key):
    """Enter on a scenario of All scenarios added it and, the same key going on to the dialog's Start
    presentation, started presenting the class half-made; Space did nothing there. Both add it, as Enter and
    Space open a situation of Home's list, and the dialog stays open."""
    dialog.model.set_scenario_ids(("S08",))
    _select_in_tree(dialog, "S10")
    dialog.all_view.setFocus()
    started = []
    dialog.presentation_requested.connect(started.append)
    qtbot.keyClick(dialog.all_view, key)
    assert dialog.model.scenario_ids() == ("S08", "S10")
    assert dialog.isVisible() and not started


def test_enter_on_a_button_presses_that_button(qtbot, dialog):
    """Enter on ▲ Up, Remove or Save… pressed Start presentation instead (the dialog's default button), so a
    trainer on the keyboard moving a scenario started the slides. Enter presses the button in focus, as Space
    does and as Enter does in the guide; in the title it still starts."""
    dialog.model.set_scenario_ids(("S08", "S10"))
    dialog.view.setCurrentIndex(dialog.model.index(1))
    started = []
    dialog.presentation_requested.connect(started.append)
    dialog.up_button.setFocus()
    qtbot.keyClick(dialog.up_button, Qt.Key.Key_Return)
    assert dialog.model.scenario_ids() == ("S10", "S08") and dialog.isVisible() and not started
    dialog.remove_button.setFocus()
    qtbot.keyClick(dialog.remove_button, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert dialog.model.scenario_ids() == ("S08",) and dialog.isVisible() and not started
    dialog.title_edit.setFocus()
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    assert started == [Playlist("Week 3", ("S08",))]


def test_the_keys_that_remove_and_move_are_those_help_names(qtbot, mini_pack, monkeypatch):
    """Delete, Ctrl+↑ and Ctrl+↓ were written in the dialog and nowhere on Help → Keyboard keys; the dialog now
    binds the keys of the page's table (keys.PLAYLIST_KEYS), so a key changed there changes here."""
    from desktop.ui import playlist_dialog

    monkeypatch.setattr(playlist_dialog, "PLAYLIST_REMOVE", ("Backspace",))
    monkeypatch.setattr(playlist_dialog, "PLAYLIST_DOWN", ("Ctrl+Shift+Down",))
    d = PlaylistDialog(mini_pack, Playlist("Week 3", ("S08", "S10", "PAPER")))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()  # a shortcut acts in the active window only
    qtbot.waitUntil(d.isActiveWindow, timeout=2000)
    d.view.setFocus()
    d.view.setCurrentIndex(d.model.index(0))
    qtbot.keyClick(d.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert d.model.scenario_ids() == ("S10", "S08", "PAPER")
    qtbot.keyClick(d.view, Qt.Key.Key_Backspace)
    assert d.model.scenario_ids() == ("S10", "PAPER")
    qtbot.keyClick(d.view, Qt.Key.Key_Delete)
    assert d.model.scenario_ids() == ("S10", "PAPER"), "Delete is no longer named: it removes nothing"


def _press(qtbot, widget, sequence: str) -> None:
    """A key as Help → Keyboard keys' table writes it (Qt's portable text: "Shift+End")."""
    from PySide6.QtGui import QKeySequence

    combination = QKeySequence(sequence)[0]
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


def test_the_keys_that_pick_several_in_all_scenarios_do_what_help_says(qtbot, dialog):
    """Help → Keyboard keys named Shift+↑ ↓ and Select for picking several in All scenarios, and Select again, on
    another line, for pressing a button; Shift or Ctrl with Home, End, PageUp and PageDown picked or moved and were
    not named. Each line now says what its keys do there; each is pressed as the page's table writes it."""
    from desktop.ui import keys

    view = dialog.all_view
    order = [dialog.all_model.index_of(s.scenario_id) for s in dialog.pack.scenarios]
    order = [index.data(ScenarioIdRole) for index in sorted(order, key=lambda i: (i.parent().row(), i.row()))]

    def picked() -> list[str]:
        rows = sorted(view.selectionModel().selectedIndexes(), key=lambda i: (i.parent().row(), i.row()))
        return [index.data(ScenarioIdRole) for index in rows]

    _select_in_tree(dialog, order[1])
    view.setFocus()
    _press(qtbot, view, next(key for key in keys.PLAYLIST_PICK_TO if key.endswith("+End")))
    assert picked() == order[1:], "from the one picked to the last"
    _press(qtbot, view, next(key for key in keys.PLAYLIST_MOVE_ONLY if key.endswith("+Home")))
    _press(qtbot, view, next(key for key in keys.PLAYLIST_MOVE_ONLY if key.endswith("+Down")))
    while view.currentIndex().data(ScenarioIdRole) != order[0]:  # past the group's heading
        _press(qtbot, view, next(key for key in keys.PLAYLIST_MOVE_ONLY if key.endswith("+Down")))
    assert picked() == order[1:], "Ctrl moves and keeps the picks"
    _press(qtbot, view, keys.PLAYLIST_PICK_ONE[0])
    assert picked() == order, "Ctrl+Space picks the one in focus too"
    _press(qtbot, view, keys.PLAYLIST_PICK_ONE[1])
    assert picked() == order[1:], "Select unpicks it"
    _press(qtbot, view, keys.PLAYLIST_PICK_ONE[1])
    assert picked() == order, "and picks it again"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert sorted(dialog.model.scenario_ids()) == sorted(order), "Enter adds the scenarios picked"
    view.clearSelection()
    _press(qtbot, view, keys.PLAYLIST_PICK_ALL[0])
    assert picked() == order
    lines = {line.does: line for line in keys.PLAYLIST_KEYS}
    assert "Select" in lines["In All scenarios: pick the scenario in focus too, or unpick it"].named
    assert "Select presses it" in next(does for does in lines if does.startswith("As in the guide: Tab"))


def test_alt_and_an_underlined_letter_go_where_help_says(qtbot, dialog):
    """The title's, All scenarios' and This class's underlined letters (Alt+T, Alt+S, Alt+C) took the focus to
    their box and were not on Help → Keyboard keys. The table names the letters the labels underline, and each goes
    to its box."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QLabel

    from desktop.ui import keys

    dialog.activateWindow()  # a shortcut acts in the active window only
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    buddies = {QKeySequence.mnemonic(label.text()).toString(): label.buddy()
               for label in dialog.findChildren(QLabel) if label.buddy() is not None}
    assert set(buddies) == set(keys.PLAYLIST_GO_TO)
    assert [buddies[key] for key in keys.PLAYLIST_GO_TO] == [dialog.title_edit, dialog.all_view, dialog.view]
    dialog.cancel_button.setFocus()
    for key in keys.PLAYLIST_GO_TO:
        _press(qtbot, QApplication.focusWidget(), key)
        assert QApplication.focusWidget() is buddies[key], key


@pytest.mark.parametrize(("modifier", "where"), [(Qt.KeyboardModifier.NoModifier, "all_view"),
                                                 (Qt.KeyboardModifier.ShiftModifier, "up_button")])
def test_a_clickers_start_key_starts_the_presentation(qtbot, mini_pack, modifier, where):
    """A presentation clicker's start button sends F5 (Shift+F5 on some), as the officer window's Present takes
    it; in the class playlist it did nothing, wherever the focus was, and the trainer walked to the laptop to
    press Start presentation."""
    d = PlaylistDialog(mini_pack, Playlist("Week 3", ("S10", "S08")))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(d.isActiveWindow, timeout=2000)
    getattr(d, where).setFocus()
    with qtbot.waitSignal(d.presentation_requested, timeout=2000) as started:
        qtbot.keyClick(getattr(d, where), Qt.Key.Key_F5, modifier)
    assert started.args[0] == Playlist("Week 3", ("S10", "S08"))
    assert not d.isVisible()


def test_a_clickers_start_key_on_an_empty_class_says_why_it_cannot_start(qtbot, dialog):
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    with qtbot.assertNotEmitted(dialog.presentation_requested):
        qtbot.keyClick(dialog.all_view, Qt.Key.Key_F5)
    assert dialog.isVisible() and dialog.message.text().startswith("Cannot start")


def test_a_screen_reader_hears_the_messages_where_the_focus_is(qtbot, dialog, tmp_path, monkeypatch):
    """The messages ("Added …", "Cannot start: …", "Saved to …") showed in a line under the lists, which has no
    focus, so a screen reader never read them: the trainer pressed Enter in All scenarios and heard nothing. They
    are now said by the focused widget's description (what a screen reader reads as it changes), as the search
    box and the slides say theirs; the widget told before gets its own description back."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.all_view.setFocus()
    qtbot.keyClick(dialog.all_view, Qt.Key.Key_F5)  # nothing to present yet
    assert dialog.all_view.accessibleDescription().startswith("Cannot start")
    _select_in_tree(dialog, "S08")
    qtbot.keyClick(dialog.all_view, Qt.Key.Key_Return)
    assert dialog.model.scenario_ids() == ("S08",)
    assert dialog.all_view.accessibleDescription() == dialog.message.text() != ""
    own = dialog.save_button.accessibleDescription()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "week3"), ""))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert QApplication.focusWidget() is dialog.save_button
    assert dialog.save_button.accessibleDescription().startswith("Saved to ")
    assert dialog.all_view.accessibleDescription() == "", "the list no longer says the message before"
    dialog.all_view.setFocus()
    qtbot.keyClick(dialog.all_view, Qt.Key.Key_Return)  # S08 again
    assert "already" in dialog.all_view.accessibleDescription()
    assert dialog.save_button.accessibleDescription() == own


def test_each_message_says_what_changed_and_none_outlives_a_change(qtbot, dialog, tmp_path, monkeypatch):
    """Adding four scenarios one by one said "Added 1 scenario." four times: the same words, so a screen reader
    (which hears a description that changes) heard the first only, and nobody could tell which was added. Remove
    and the moves said nothing, and "Saved to week3.json." stayed under a list changed since, as if it were saved.
    Each message now names the scenario and the count, and a change forgets the message about the list before."""
    dialog.all_view.setFocus()
    heard = []
    for sid in ("S10", "S08"):
        _select_in_tree(dialog, sid)
        qtbot.keyClick(dialog.all_view, Qt.Key.Key_Return)
        heard.append(dialog.all_view.accessibleDescription())
    titles = [dialog.pack.scenario(sid).title for sid in ("S10", "S08")]
    assert heard == [f"Added “{titles[0]}”: 1 scenario in this class.", f"Added “{titles[1]}”: 2 scenarios in this class."]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "week3"), ""))
    monkeypatch.setattr(widgets, "ask_replace", lambda parent, path: True)  # saved again below, over week3.json
    assert dialog.save_file() and dialog.message.text().startswith("Saved to ")
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # S08, selected, goes first
    assert dialog.model.scenario_ids() == ("S08", "S10")
    assert dialog.message.text() == dialog.view.accessibleDescription() == f"“{titles[1]}” is now 1 of 2."
    qtbot.keyClick(dialog.view, Qt.Key.Key_Delete)
    assert dialog.message.text() == f"Removed “{titles[1]}”: 1 scenario in this class."
    assert dialog.save_file() and dialog.message.isVisible()
    qtbot.keyClicks(dialog.title_edit, " (B)")  # the title changed since: the file no longer holds what shows
    assert dialog.message.isHidden() and dialog.message.text() == ""


def test_a_playlist_named_without_json_asks_before_replacing_the_one_there(qtbot, dialog, tmp_path, monkeypatch):
    """Next week's class saved as "week3" again: the save box asked about replacing "week3" (not there), and the
    ".json" added after it wrote over last week's "week3.json" without a word. It asks; No keeps it."""
    kept = tmp_path / "week3.json"
    kept.write_text("last week", encoding="utf-8")
    dialog.all_view.setFocus()
    _select_in_tree(dialog, "S08")
    qtbot.keyClick(dialog.all_view, Qt.Key.Key_Return)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "week3"), ""))
    asked: list[Path] = []
    monkeypatch.setattr(widgets, "ask_replace", lambda parent, path: asked.append(path) or False)
    assert not dialog.save_file()
    assert asked == [kept] and kept.read_text(encoding="utf-8") == "last week", "replaced without asking"

    monkeypatch.setattr(widgets, "ask_replace", lambda parent, path: True)
    assert dialog.save_file() and dialog.path == kept
    assert "S08" in kept.read_text(encoding="utf-8")


def test_remove_all_empties_the_class_list_and_the_same_button_puts_it_back(qtbot, mini_pack):
    """The list opens with the default scenarios: a class of four meant five Deletes. Remove all, next to Remove
    under the class's list and reached by Tab from it, empties the list in one press; pressed again before the list changes, the
    same button puts back what it held. A change to the list since makes it Remove all again."""
    default = ("S08", "S10", "PAPER")  # as the bundled pack's default list opens, with several
    d = PlaylistDialog(mini_pack, Playlist("Week 3", default))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(d.isActiveWindow, timeout=2000)
    assert d.model.scenario_ids() == default
    button = d.remove_all_button
    assert button.objectName() and button.height() >= 44 and button.text() == "Remove all"
    d.view.setCurrentIndex(d.model.index(0))  # Remove enabled: a disabled button takes no focus
    d.remove_button.setFocus()
    qtbot.keyClick(d.remove_button, Qt.Key.Key_Tab)
    assert d.focusWidget() is button
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert d.model.scenario_ids() == ()
    assert button.text() == "↶ Put back" and button.isEnabled() and d.focusWidget() is button
    assert button.accessibleName() == f"Put back the {len(default)} scenarios removed"
    assert d.message.text() == f"Removed all {len(default)} scenarios: this class is empty (Put back returns them)."
    assert not d.start_button.isEnabled()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert d.model.scenario_ids() == default and button.text() == "Remove all"
    assert d.message.text() == f"Put back {len(default)} scenarios: {len(default)} scenarios in this class."
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    _select_in_tree(d, default[0])
    qtbot.mouseClick(d.add_button, Qt.MouseButton.LeftButton)  # a class of one, begun
    assert d.model.scenario_ids() == (default[0],)
    assert button.text() == "Remove all", "the list changed: putting back would undo more than the clear"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert d.model.scenario_ids() == () and button.text() == "↶ Put back"
    d.set_playlist(Playlist("Week 4", ()))  # another list opened: nothing of this one to put back
    assert button.text() == "Remove all" and not button.isEnabled()


@pytest.mark.parametrize(("theme", "active", "inactive"), [("day", "#1a56b8", "#ece9e3"), ("night", "#d9952f", "#1d1c19"),
                                                          ("contrast", "#ffff00", "#000000")])
def test_start_presentation_looks_unavailable_while_the_class_list_is_empty(qtbot, make_window, theme, active,
                                                                           inactive):
    """With the class list emptied, Start presentation could not be pressed yet kept the primary colours (the
    primary rule outweighed :disabled in every theme), so it looked ready. It takes the theme's disabled look."""
    from desktop.ui.presentation_window import open_playlist_dialog

    window = make_window()
    window.set_theme(theme)
    d = open_playlist_dialog(window, window.pack, ("S08",))
    qtbot.waitExposed(d)
    button = d.start_button

    def fill() -> str:
        return button.grab().toImage().pixelColor(6, button.height() // 2).name()

    assert button.isEnabled() and fill() == active
    d.remove_all_or_put_back()
    assert not button.isEnabled()
    assert d.message.text() == "Removed the one scenario: this class is empty (Put back returns it)."  # not "all 1"
    assert fill() == inactive


def test_put_back_names_one_scenario_as_one(qtbot, mini_pack):
    """A class of one emptied: a screen reader named the button "Put back the 1 scenarios removed"."""
    d = PlaylistDialog(mini_pack, Playlist("Week 3", ("S08",)))
    qtbot.addWidget(d)
    d.remove_all_or_put_back()
    assert d.remove_all_button.accessibleName() == "Put back the one scenario removed"


def _opened_at_the_largest_text(qtbot, pack, theme: str, size: tuple[int, int], folder, scenarios: list[str]):
    """The dialog at the largest text in ``theme`` and ``size``, a class of S08 shown, then week3.json opened: a
    playlist saved before a data update, of ``scenarios``."""
    from desktop.ui.themes import Themes

    d = PlaylistDialog(pack, Playlist("Week 3", ("S08",)))
    qtbot.addWidget(d)
    d.setStyleSheet(Themes().style_sheet(theme, 6))
    d.resize(*size)
    d.show()
    qtbot.waitExposed(d)
    saved = folder / "week3.json"
    saved.write_text(json.dumps({"title": "Week 3", "scenarios": scenarios}), encoding="utf-8")
    assert d.open_file(saved)
    QApplication.processEvents()
    return d


@pytest.mark.parametrize(("theme", "border"), [("day", "#b3261e"), ("night", "#b5473d"), ("contrast", "#ffff00")])
def test_at_the_largest_text_what_a_data_update_left_out_shows_first_and_crowds_nothing(qtbot, mini_pack, tmp_path,
                                                                                       theme, border):
    """A trainer opening a playlist saved before a data update, at the largest text in the 1000 × 576 a 1024 × 600
    window gives the dialog: "Opened week3.json: 2 scenario(s). Left out, no longer …" took two lines under the
    lists, in the same plain type as "Saved to …", and squeezed them to two rows and Add →, Add all and Remove
    all over each other. What is left out is said first, marked as a warning in each theme, in the intro's place;
    the buttons keep their height, apart. The intro is back once the list changes."""
    d = _opened_at_the_largest_text(qtbot, mini_pack, theme, (1000, 576), tmp_path, ["S10", "S99", "PAPER", "S42"])
    message = d.message
    assert message.text().startswith("Left out: S99 and S42, no longer in this data pack"), message.text()
    assert message.text().endswith("The other 2 opened from week3.json.")
    assert message.isVisible() and not d.intro.isVisible(), "in the intro's place"
    assert message.grab().toImage().pixelColor(1, message.height() // 2).name() == border, "marked as a warning"
    assert message.margin() > 2, "its words inside the frame, not against its border"
    buttons = (d.add_button, d.add_all_button, d.remove_all_button)
    for one, other in zip(buttons, buttons[1:], strict=False):
        assert not one.geometry().intersects(other.geometry()), f"{one.text()} over {other.text()}"
    for button in (*buttons, d.up_button, d.start_button):
        assert button.height() >= button.minimumSizeHint().height(), f"{button.text()} squeezed"
    d.model.set_scenario_ids(("S10",))
    assert not message.isVisible(), "gone once the list changes"
    # the instructions come back where the dialog has room for them; not here, where the lists get their lines
    assert d.intro.isVisible() == d.room_for_intro() and not d.room_for_intro()


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
@pytest.mark.parametrize("screen", [(800, 600), (1024, 600)], ids=["800x600", "1024x600"])
def test_at_the_largest_text_the_dialog_fits_a_small_laptop_with_every_button_whole_and_on_the_tab_path(
        qtbot, mini_pack, theme, screen):
    """A trainer preparing a class on an 800 × 600 laptop at the largest text: the dialog was 944 px wide at its
    least (Add →, Add all and Remove all in a column between the lists; Open, Save, Close and Start in one row),
    so its right edge, Start presentation with it, was off the screen. It fits now, and every button shows whole,
    a touch target tall, and Tab reaches it."""
    from PySide6.QtWidgets import QPushButton

    from desktop.ui.themes import Themes

    d = PlaylistDialog(mini_pack, Playlist("Week 3", ("S08", "S10")))
    qtbot.addWidget(d)
    d.setStyleSheet(Themes().style_sheet(theme, 6))
    least = d.minimumSizeHint()
    assert least.width() <= 800 and least.height() <= 600 - 40, f"{least} does not fit 800 × 600 under a title bar"
    d.resize(screen[0], screen[1] - 40)
    d.show()
    qtbot.waitExposed(d)
    assert d.width() <= screen[0] and d.height() <= screen[1]
    d.view.setCurrentIndex(d.model.index(1))  # every order button enabled: the disabled are left out of Tab
    buttons = d.findChildren(QPushButton)
    assert len(buttons) == 10
    for button in buttons:
        box = button.geometry().translated(button.parentWidget().mapTo(d, button.parentWidget().rect().topLeft()))
        assert button.isVisible() and d.rect().contains(box), f"{button.text()} not whole in the dialog"
        assert button.height() >= 44 and button.width() >= button.minimumSizeHint().width(), f"{button.text()} cut"
        for other in buttons:
            assert other is button or not box.intersects(other.geometry()), f"{button.text()} over {other.text()}"
    d.activateWindow()
    qtbot.waitUntil(d.isActiveWindow, timeout=2000)
    d.title_edit.setFocus()
    reached = set()
    for _ in range(30):
        qtbot.keyClick(d.focusWidget(), Qt.Key.Key_Tab)
        reached.add(d.focusWidget())
    assert {b for b in buttons if b.isEnabled()} <= reached
    assert {b for b in buttons if b.isEnabled()} == {b for b in buttons if b is not d.down_button}


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_at_800_by_600_and_the_largest_text_what_was_left_out_leaves_the_class_list_a_whole_title(
        qtbot, tmp_path, theme):
    """In the 776 × 576 an 800 × 600 window gives the dialog, at the largest text, "S99 and S42 are no longer in
    this data pack (data version 1), so they are left out. The other 3 scenarios opened from week3.json." took three
    lines, and the class's list under it showed two lines of its first title, the third cut through. Said in two
    lines, the first title shows whole."""
    from desktop.storage.pack_file import load_pack

    d = _opened_at_the_largest_text(qtbot, load_pack(BUNDLED_PACK).pack, theme, (776, 576), tmp_path,
                                    ["S10", "S99", "PAPER", "S42", "S08"])
    message = d.message
    lines = message.fontMetrics().lineSpacing()
    words = message.contentsRect().adjusted(message.margin(), message.margin(), -message.margin(), -message.margin())
    assert message.heightForWidth(message.width()) <= 2 * lines + (message.height() - words.height()) + 2, \
        "at most two lines"
    first = d.view.visualRect(d.model.index(0))
    assert d.view.viewport().rect().contains(first), (first, d.view.viewport().rect())
    assert d.width() <= 776 and d.height() <= 576
    assert message.text().startswith("Left out: S99 and S42"), "what is left out first"


def _eight_scenarios_shown(qtbot, bundled, theme: str, step: int, size: tuple[int, int]) -> PlaylistDialog:
    """The class playlist of the bundled pack's first eight scenarios, in ``theme`` at text ``step``, shown at
    ``size``."""
    from desktop.ui.themes import Themes

    ids = tuple(s.scenario_id for s in bundled.pack.scenarios if not s.subflow)[:8]
    d = PlaylistDialog(bundled.pack, Playlist("Week 3", ids))
    qtbot.addWidget(d)
    d.setStyleSheet(Themes().style_sheet(theme, step))
    d.resize(*size)
    d.show()
    qtbot.waitExposed(d)
    return d


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.parametrize("theme", ["day", "night"])
def test_at_the_largest_text_on_800_by_600_the_class_list_gets_the_intros_room(qtbot, bundled, theme):
    """At the largest text on 800 × 600 the intro's three lines left the class's list 126 px: one title and half of
    the next. There the intro makes way (its words stay the dialog's accessible description), and the list shows
    two titles; with room for it, at the normal text, the intro is there."""
    sizes = {}
    for step in (6, 0):
        d = _eight_scenarios_shown(qtbot, bundled, theme, step, (800, 600))
        sizes[step] = d.view.viewport().height()
        assert d.intro.isVisible() == (step == 0)
        assert d.accessibleDescription() == d.intro.text()
        if step == 6:
            lines = sizes[step] / d.view.fontMetrics().lineSpacing()
            assert lines >= 6, f"{sizes[step]} px, {lines:.1f} lines"
            assert d.view.visualRect(d.model.index(1, 0)).top() < sizes[step] // 2, "the second title shows"
        d.close()


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_at_the_largest_text_on_a_larger_screen_the_intro_stays(qtbot, bundled):
    """The intro makes way on a small screen only: at the largest text on 1280 × 800 it went too (the dialog was
    counted fewer lines tall than 800 × 600 needs), where it takes two lines and the class's list keeps ten with it."""
    from desktop.ui.playlist_dialog import LIST_LINES

    d = _eight_scenarios_shown(qtbot, bundled, "night", 6, (1256, 776))
    assert d.intro.isVisible(), "the instructions shown where there is room for them"
    assert d.view.viewport().height() >= LIST_LINES * d.view.fontMetrics().lineSpacing(), "the list keeps its lines"


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_new_text_size_while_open_gives_or_takes_the_intro_s_room(qtbot, bundled):
    """The trainer makes the text larger with the playlist open on 800 × 600: the intro makes way then, as it does
    for a dialog opened at that size, and comes back at the normal size."""
    from desktop.ui.themes import Themes

    d = _eight_scenarios_shown(qtbot, bundled, "day", 0, (776, 576))
    assert d.intro.isVisible()
    d.setStyleSheet(Themes().style_sheet("day", 6))
    qtbot.waitUntil(lambda: not d.intro.isVisible())
    d.setStyleSheet(Themes().style_sheet("day", 0))
    qtbot.waitUntil(d.intro.isVisible)
