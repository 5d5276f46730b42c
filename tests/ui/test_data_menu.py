"""The officer app's Data menu: install a signed update (what changes first), refusals in plain words,
going back, what's new with a receipt, the watched IT folder at start-up, the supervisors' editor on a
copy, and the trainers' submenu. Keys are made in tmp_path; every modal dialog is mocked."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import stat
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QPushButton, QWidget

from desktop.domain.model import format_day
from desktop.domain.search import SearchIndex
from desktop.storage.history import HistoryEntry
from desktop.storage.library import PackLibrary
from desktop.storage.pack_file import LoadedPack, write_tables_atomic
from desktop.storage.publish import publish
from desktop.storage.signing import signature_path
from desktop.ui import background as bg
from desktop.ui import handout
from desktop.ui import update_dialog as ud
from desktop.ui.data_loading import load_data
from desktop.ui.history import HOME, PROBLEMS
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from desktop.ui.themes import Themes
from desktop.ui.update_dialog import RefusedDialog, WhatChangedDialog, WhatsNewDialog
from tests.conftest import MINI_PACK
from tests.helpers import mini_tables
from tests.supervisor_helpers import flip_byte, make_key, set_summary, set_verdict, signed_pack, tables_at
from tests.ui.conftest import FRESH_DAY

UPDATE_DAY = dt.date(2026, 2, 9)
RELEASE = "Do not hold the person for ICE; release as usual."  # S08's o_release: what the officer reads


@pytest.fixture
def keys(tmp_path: Path):
    return make_key(tmp_path / "keys")


@pytest.fixture
def library(user_base: Path, tmp_path: Path, keys) -> PackLibrary:
    """Installed packs under the test's user folder; the mini pack is "built in"; only the test key is trusted."""
    return PackLibrary(user_base / "data", bundled=MINI_PACK, trusted_keys=[keys[1]], inbox=tmp_path / "inbox")


def publish_update(folder: Path, private: Path, verdict: str = "refer", name: str = "update.json",
                   tables: dict | None = None) -> Path:
    """The mini pack (data version 3) with S08's o_release given another verdict, published as version 4 (on
    the publisher's computer, which has no memory of the versions installed on this one)."""
    folder.mkdir(parents=True, exist_ok=True)
    source = set_verdict(tables or mini_tables(), "S08", "o_release", verdict)
    return publish(source, folder / name, private, as_of=UPDATE_DAY, today=UPDATE_DAY,
                   user_data=folder.parent / f"publisher-{folder.name}").path


def open_window(qtbot, library: PackLibrary, settings: Settings | None = None) -> MainWindow:
    data = load_data(None, library)
    window = MainWindow(data, settings if settings is not None else Settings(), Themes(),
                        index=SearchIndex(data.loaded.pack), today=FRESH_DAY, library=library)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def update_dialogs_window(qtbot, tmp_path: Path, user_base: Path, theme: str, step: int):
    """A window on the mini pack at 1024 x 600 in ``theme`` at text step ``step``, its library trusting a new key,
    and the install plan of an update published with that key: what the update dialogs' tests open them on."""
    private, trusted = make_key(tmp_path / "keys")
    library = PackLibrary(user_base / "data", bundled=MINI_PACK, trusted_keys=[trusted])
    window = open_window(qtbot, library)
    window.set_theme(theme)
    window.set_text_step(step)
    window.resize(1024, 600)
    return window, library, library.prepare_install(publish_update(tmp_path / "usb", private))


class Dialogs:
    """Stands in for exec() of the modal dialogs: records each one shown, then presses a button for real."""

    def __init__(self, qtbot, monkeypatch) -> None:
        self.qtbot = qtbot
        self.shown: list[QDialog] = []
        self.texts: list[str] = []
        self.answers: dict[type, str] = {WhatChangedDialog: "confirm_button", RefusedDialog: "close_button"}
        for cls in (WhatChangedDialog, RefusedDialog):
            monkeypatch.setattr(cls, "exec", lambda dialog: self._exec(dialog))

    def _exec(self, dialog: QDialog) -> int:
        self.shown.append(dialog)
        self.texts.append(dialog.diff_view.text() if isinstance(dialog, WhatChangedDialog) else dialog.text())
        dialog.show()
        self.qtbot.waitExposed(dialog)
        self.qtbot.mouseClick(getattr(dialog, self.answers[type(dialog)]), Qt.MouseButton.LeftButton)
        return dialog.result()


@pytest.fixture
def dialogs(qtbot, monkeypatch) -> Dialogs:
    return Dialogs(qtbot, monkeypatch)


def choose_file(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(ud, "ask_update_file", lambda parent, folder=None: str(path))


def walk_s08_to_release(window: MainWindow) -> str:
    window.start_scenario("S08")
    window.wizard_page.choose(2)  # nobody in danger
    window.wizard_page.choose(1)  # no other reason to hold: o_release
    return window.wizard_page.card.verdict_label.text()


# --- install -------------------------------------------------------------------------------------------------


def test_install_a_signed_update_shows_what_changed_then_the_new_data(qtbot, library, keys, tmp_path, dialogs,
                                                                     monkeypatch):
    window = open_window(qtbot, library)
    assert walk_s08_to_release(window) == "NOT PERMITTED"
    old_index = window.search_index
    choose_file(monkeypatch, publish_update(tmp_path / "usb", keys[0]))

    window.update_data_actions()
    with qtbot.waitSignal(window.data_reloaded) as reloaded:
        window.install_action.trigger()

    dialog = dialogs.shown[0]
    assert isinstance(dialog, WhatChangedDialog) and dialog.heading.text() == "Install data version 4?"
    text = dialogs.texts[0]
    assert "Answers that changed (1)" in text
    assert "ICE sends a detainer for someone about to be released (S08)" in text
    assert f"✖ NOT PERMITTED  →  ☎ CALL SUPERVISOR — {RELEASE}" in text, "verdicts in words, not colour"
    badges = [b.text() for b in dialog.diff_view.findChildren(QLabel) if b.property("badge")]
    assert badges == ["✖ NOT PERMITTED", "☎ CALL SUPERVISOR"]
    assert "Situations (1)" in text and "Changed: S08" in text
    assert "signed by Test publisher" in dialog.facts[0].text()

    assert reloaded.args == [4]
    assert window.pack.meta.data_version == 4 and window.data.origin == "installed"
    assert window.status_label.text().startswith("Data version 4  ·  as of 9 Feb 2026")
    assert "version 4" in window.windowTitle()
    assert window.current_kind() == HOME and len(window.history) == 1
    if window.search_index is None:  # rebuilt for the new pack in a background thread
        qtbot.waitSignal(window.search_index_ready, timeout=10_000).wait()
    assert window.search_index is not old_index and window.search_index is not None
    updated = [b for b in window.banners if b.objectName() == "updatedBanner"]
    assert updated and "updated to version 4" in updated[0].text()
    assert walk_s08_to_release(window) == "CALL SUPERVISOR", "walking the scenario shows the new verdict"
    window.search_field.setText("detainer")
    window.search_page.flush()
    assert window.search_page.model.rowCount() > 0, "the search index follows the new data"
    assert Settings().last_pack_version == 4


def test_cancel_installs_nothing(qtbot, library, keys, tmp_path, dialogs, monkeypatch):
    window = open_window(qtbot, library)
    choose_file(monkeypatch, publish_update(tmp_path / "usb", keys[0]))
    dialogs.answers[WhatChangedDialog] = "cancel_button"
    assert window.install_update() is False
    assert window.pack.meta.data_version == 3 and not library.current.is_file()
    assert window.statusBar().currentMessage() == "Nothing was installed."


def _unsigned(path: Path) -> None:
    signature_path(path).unlink()


def _other_key(path: Path) -> None:
    private, _untrusted = make_key(path.parent / "other-keys", "Someone else")
    signed_pack(mini_tables(), path, private)  # same name, signed by a key the app does not trust


@pytest.mark.parametrize(("spoil", "headline"), [
    (flip_byte, "It was changed after it was signed."),
    (_unsigned, "It has no signature."),
    (_other_key, "It is not signed by a publisher this app trusts."),
])
def test_a_bad_signature_is_refused_with_the_reason(qtbot, library, keys, tmp_path, dialogs, monkeypatch,
                                                    spoil, headline):
    window = open_window(qtbot, library)
    path = publish_update(tmp_path / "usb", keys[0])
    spoil(path)
    choose_file(monkeypatch, path)
    assert window.install_update() is False
    [dialog] = dialogs.shown
    assert isinstance(dialog, RefusedDialog) and dialog.headline.text() == headline
    assert dialog.force_button is None, "only a pack that is not newer can be installed anyway"
    assert window.pack.meta.data_version == 3 and not library.current.is_file()


def test_a_signature_that_links_to_nothing_is_not_called_missing(qtbot, library, keys, tmp_path, dialogs, monkeypatch):
    """The .sig is next to the update but is a link to nothing: the heading and its words say so, as the detail
    does, rather than "It has no signature … must be next to the update"."""
    window = open_window(qtbot, library)
    path = publish_update(tmp_path / "usb", keys[0])
    signature_path(path).unlink()
    signature_path(path).symlink_to(tmp_path / "gone" / "update.json.sig")
    choose_file(monkeypatch, path)
    assert window.install_update() is False
    [dialog] = dialogs.shown
    assert dialog.headline.text() == "Its signature file points to nothing."
    assert dialog.headline.accessibleName() == dialog.headline.text()
    assert dialog.explanation.text().startswith("The signature file (update.json.sig) is a link to a file that is "
                                                "not there.")
    assert "is a link to" in dialog.detail.text() and "which does not exist" in dialog.detail.text()
    assert window.pack.meta.data_version == 3 and not library.current.is_file()


def test_a_refusal_names_a_file_and_a_link_s_target_holding_a_line_feed_each_on_one_line(qtbot, library, keys,
                                                                                         tmp_path, dialogs, monkeypatch):
    """A pack named 'update.json<LF>Signature OK.json' whose .sig links to 'gone<LF>Installed.sig': the dialog's
    file line and its detail showed each line feed as it was, a line of the file's choosing under the words."""
    window = open_window(qtbot, library)
    path = publish_update(tmp_path / "usb", keys[0], name="update.json\nSignature OK.json")
    signature_path(path).unlink()
    signature_path(path).symlink_to(tmp_path / "gone\nInstalled.sig")
    choose_file(monkeypatch, path)
    assert window.install_update() is False
    [dialog] = dialogs.shown
    assert dialog.headline.text() == "Its signature file points to nothing."
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["refusedFile"] == "update.json\\u000aSignature OK.json was not installed"
    assert "is a link to " + str(tmp_path) + "/gone\\u000aInstalled.sig, which does not exist" in labels["refusedDetail"]
    assert not [text for text in labels.values() if "\n" in text or "\r" in text]


def test_a_refusal_shows_a_file_named_with_a_right_to_left_override_in_the_order_written(qtbot, library, keys,
                                                                                           tmp_path, dialogs,
                                                                                           monkeypatch):
    """A pack named 'x<U+202E>nosj.9999 noisrev atad.json': the override turned '… was not installed' around in the
    dialog, which read '… data version 9999 …'. The app writes it as its escape, as the command line does."""
    window = open_window(qtbot, library)
    path = publish_update(tmp_path / "usb", keys[0], name="x\u202enosj.9999 noisrev atad\u200f.json")
    signature_path(path).unlink()
    choose_file(monkeypatch, path)
    assert window.install_update() is False
    [dialog] = dialogs.shown
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["refusedFile"] == "x\\u202enosj.9999 noisrev atad\\u200f.json was not installed"
    assert labels["refusedDetail"].startswith("x\\u202enosj.9999 noisrev atad\\u200f.json: is not signed")
    assert not [text for text in labels.values() if "\u202e" in text or "\u200f" in text]


#: a file name that tries to write a line of its own under the words and turn the words after it around
HOSTILE_NAME = "broken\nSignature OK\u202enosj.json"
HOSTILE_SHOWN = "broken\\u000aSignature OK\\u202enosj.json"


def test_a_refusal_s_every_line_shows_a_name_with_a_line_feed_and_an_override_escaped_once(qtbot, library, keys,
                                                                                             tmp_path, dialogs,
                                                                                             monkeypatch):
    """The refusal's words now name the file as written (InstallRefused.message, Problem.text()): the dialog escapes
    them once, each line it shows (the file, each problem, the detail), for an invalid pack and an unsigned one."""
    tables = tables_at(4)
    next(iter(tables["meta"].values()))["data_version"] = "four"
    invalid = signed_pack(tables, tmp_path / "usb" / HOSTILE_NAME, keys[0])
    unsigned = publish_update(tmp_path / "other", keys[0], name=HOSTILE_NAME)
    signature_path(unsigned).unlink()
    window = open_window(qtbot, library)
    for path in (invalid, unsigned):
        choose_file(monkeypatch, path)
        assert window.install_update() is False
    invalid_dialog, unsigned_dialog = dialogs.shown
    for dialog in dialogs.shown:
        labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
        assert labels["refusedFile"] == f"{HOSTILE_SHOWN} was not installed"
        assert labels["refusedDetail"].startswith(f"{HOSTILE_SHOWN}: ") or dialog is invalid_dialog, labels
        shown = [label.text() for label in dialog.findChildren(QLabel)]
        assert not [text for text in shown if "\n" in text or "\u202e" in text or "\\\\u" in text], shown
    assert invalid_dialog.problem_lines and all(line.startswith(f"{HOSTILE_SHOWN} › ")
                                                for line in invalid_dialog.problem_lines)
    assert f"the signature file {HOSTILE_SHOWN}.sig is missing" in unsigned_dialog.detail.text()


def test_the_note_for_it_shows_a_name_with_a_line_feed_and_an_override_on_one_line_in_order(qtbot, library, keys):
    """A file in the IT folder named 'broken<LF>Signature OK<U+202E>nosj.json': the note showed its line feed as a
    line break and the override turned the words after it around ("… (signature …)" backwards), in the note and its
    tip. The note, its tip and what a screen reader reads name it escaped once, as Install's dialog does."""
    inbox = library.inbox_folder()
    inbox.mkdir(parents=True)
    write_tables_atomic(tables_at(9), inbox / HOSTILE_NAME)  # not signed
    window = open_window(qtbot, library)
    with qtbot.waitSignal(window.inbox_scanned, timeout=10000):
        assert window.scan_inbox()
    note = next(b for b in window.banners if b.objectName() == "inboxBanner")
    assert f"{HOSTILE_SHOWN} (" in note.text()
    assert note.toolTip().count(HOSTILE_SHOWN) == 2, note.toolTip()  # the file, and its .sig in the words
    for text in (note.text(), note.toolTip(), note.accessibleDescription()):
        assert "\n" not in text and "\u202e" not in text and "\\\\u" not in text, text


def test_what_an_install_changes_names_a_file_with_a_line_feed_and_an_override_on_one_line_in_order(qtbot, library,
                                                                                                  keys, tmp_path):
    """What an install would change names the update's file in its first fact, and with Install anyway in a warning
    ("… is data version 4, the very pack already in use"): both showed the name's line feed as a line break and let
    the override turn the words after it around. Now escaped once, as the refusal shows it."""
    path = publish_update(tmp_path / "usb", keys[0], name=HOSTILE_NAME)
    window = open_window(qtbot, library)
    plan = library.prepare_install(path)
    first = WhatChangedDialog.for_install(plan, window)
    assert first.facts[0].text().startswith(f"From {HOSTILE_SHOWN}: "), first.facts[0].text()
    library.install(plan)
    again = WhatChangedDialog.for_install(library.prepare_install(path, force=True), window)
    assert again.warnings and again.warnings[0].text().startswith(f"{HOSTILE_SHOWN} is data version 4, the very pack"), \
        [w.text() for w in again.warnings]
    for dialog in (first, again):
        shown = [label.text() for label in dialog.findChildren(QLabel)]
        assert not [text for text in shown if "\n" in text or "\u202e" in text or "\\\\u" in text], shown


def test_an_invalid_pack_names_the_first_problems(qtbot, library, keys, tmp_path, dialogs, monkeypatch):
    tables = tables_at(4)
    scenario = next(d for d in tables["scenarios"].values() if d["scenario_id"] == "S08")
    next(n for n in scenario["nodes"] if n["node_id"] == "o_release")["verdict"] = "maybe"
    path = signed_pack(tables, tmp_path / "usb" / "broken.json", keys[0])
    choose_file(monkeypatch, path)
    window = open_window(qtbot, library)
    assert window.install_update() is False
    [dialog] = dialogs.shown
    assert dialog.headline.text() == "It is not a valid data pack."
    assert dialog.problem_lines and "broken.json" in dialog.problem_lines[0]
    assert "S08" in dialog.problem_lines[0] and "verdict" in dialog.problem_lines[0], "file, record and field"
    # the first problem once: the line under the list said it again, word for word, and pushed Close's row off a
    # 1024 × 600 screen at the largest text
    assert dialog.text().count(dialog.problem_lines[0]) == 1 and dialog.detail.isHidden(), dialog.text()


def test_a_newer_schema_asks_for_a_newer_app(qtbot, library, keys, tmp_path, dialogs, monkeypatch):
    tables = tables_at(4)
    next(iter(tables["meta"].values()))["schema_version"] = 99
    choose_file(monkeypatch, signed_pack(tables, tmp_path / "usb" / "future.json", keys[0]))
    window = open_window(qtbot, library)
    assert window.install_update() is False
    assert dialogs.shown[0].headline.text() == "It needs a newer version of the app."


def test_an_older_pack_can_be_installed_anyway(qtbot, library, keys, tmp_path, dialogs, monkeypatch):
    newer = signed_pack(tables_at(5), tmp_path / "usb" / "v5.json", keys[0])
    library.install(library.prepare_install(newer))
    choose_file(monkeypatch, publish_update(tmp_path / "usb", keys[0]))  # data version 4
    window = open_window(qtbot, library)
    assert window.pack.meta.data_version == 5
    assert window.install_update() is False, "Close on the refusal installs nothing"
    refusal = dialogs.shown[0]
    assert refusal.headline.text() == "It is not newer than the data in use."
    assert refusal.force_button is not None and refusal.force_button.text() == "Install anyway"

    dialogs.answers[RefusedDialog] = "force_button"
    assert window.install_update() is True
    confirm = dialogs.shown[-1]
    assert isinstance(confirm, WhatChangedDialog) and confirm.heading.text() == "Install data version 4?"
    assert any("installing it anyway" in w.text() for w in confirm.warnings)
    assert window.pack.meta.data_version == 4


# --- revert ----------------------------------------------------------------------------------------------------


def test_revert_is_disabled_with_a_reason_when_there_is_nothing_to_go_back_to(qtbot, library):
    window = open_window(qtbot, library)
    window.data_menu.aboutToShow.emit()
    assert not window.revert_action.isEnabled()
    assert window.revert_action.toolTip().startswith("Nothing to go back to")
    assert window.data_menu.toolTipsVisible()


def test_revert_goes_back_to_the_old_version(qtbot, library, keys, tmp_path, dialogs):
    library.install(library.prepare_install(publish_update(tmp_path / "usb", keys[0])))
    window = open_window(qtbot, library)
    assert window.pack.meta.data_version == 4
    window.data_menu.aboutToShow.emit()
    assert window.revert_action.isEnabled()

    with qtbot.waitSignal(window.data_reloaded):
        window.revert_action.trigger()
    dialog = dialogs.shown[0]
    assert dialog.heading.text() == "Go back to data version 3?"
    assert f"☎ CALL SUPERVISOR  →  ✖ NOT PERMITTED — {RELEASE}" in dialogs.texts[0]
    assert window.pack.meta.data_version == 3
    assert window.status_label.text().startswith("Data version 3")
    assert "went back to version 3" in next(b for b in window.banners if b.objectName() == "updatedBanner").text()
    assert walk_s08_to_release(window) == "NOT PERMITTED"
    window.whats_new_action.trigger()  # the receipt says what the officer just saw change, as `receipt` prints
    receipt = window.whats_new_dialog.receipt_text()
    assert "What changed:\n  Data version 4 → 3" in receipt and "o_release: CALL SUPERVISOR → NOT PERMITTED" in receipt


def test_a_revert_refused_says_nothing_changed_and_names_the_kept_copy_it_could_not_use(qtbot, library, keys,
                                                                                        tmp_path, dialogs):
    """Going back to a kept copy changed since it was installed: the Cannot go back dialog said "The previous data
    was not installed" (nothing was being installed) and named the kept copy "pack.json", a name IT cannot find
    among the installed versions. It says the data in use was not changed and names the kept copy by its path."""
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "usb" / "v4.json", keys[0])))
    library.install(library.prepare_install(signed_pack(tables_at(5), tmp_path / "usb" / "v5.json", keys[0])))
    kept = library.previous
    flip_byte(kept)
    window = open_window(qtbot, library)
    assert window.revert_data() is False
    [dialog] = dialogs.shown
    assert dialog.windowTitle() == "Cannot go back"
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["refusedFile"] == "The data in use was not changed."
    assert labels["refusedDetail"].startswith(f"The previous data pack cannot be used: {kept}: has been changed")
    assert window.pack.meta.data_version == 5
    signature_path(kept).unlink()  # the update's words named "(The previous data.sig)", to put "next to the update"
    assert window.revert_data() is False
    explanation = dialogs.shown[-1].explanation.text()
    assert explanation.startswith("The copy of the previous data kept on this computer failed its signature "
                                  "check") and ".sig" not in explanation, explanation


@pytest.mark.parametrize("damage", ["cut short", "its folder removed"])
def test_a_revert_to_a_kept_copy_that_cannot_be_read_names_it_by_its_path_in_the_words_of_going_back(
        qtbot, library, keys, tmp_path, dialogs, damage):
    """A kept copy cut short or gone: the problem listed (the detail under it hidden since it repeated it) named it
    "pack.json", the path of cb8b739 unseen, and the words were an update's: "Nothing was installed… send them to
    whoever published the update". It is named by its path, once, in words about the data kept to go back to."""
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "usb" / "v4.json", keys[0])))
    library.install(library.prepare_install(signed_pack(tables_at(5), tmp_path / "usb" / "v5.json", keys[0])))
    kept = library.previous
    if damage == "cut short":
        kept.write_bytes(kept.read_bytes()[:50])
    else:
        shutil.rmtree(kept.parent)
    window = open_window(qtbot, library)
    assert window.revert_data() is False
    [dialog] = dialogs.shown
    [line] = dialog.problem_lines
    assert line.startswith(f"{kept}: ") and line.count(str(kept)) == 1, line
    explanation = dialog.explanation.text()
    assert "kept on this computer" in explanation and "published" not in explanation, explanation
    assert "installed" not in explanation, explanation
    assert window.pack.meta.data_version == 5
    words = dialog.findChild(QWidget, "refusedScroll")  # a Tab stop: a screen reader hears its name there
    assert words.accessibleName() == "Why the app cannot go back", "no update was refused"


@pytest.mark.parametrize("going_back", [False, True])
def test_an_install_or_revert_that_cannot_write_says_nothing_changed_once(qtbot, library, keys, tmp_path, dialogs,
                                                                          monkeypatch, going_back):
    """A full disk while going back: "The data in use was not changed." above the headline, the same sentence in the
    explanation and "…; nothing was changed." under it, three times in one box (twice for an install). Once now,
    and the disk's words as a sentence."""
    import errno

    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "usb" / "v4.json", keys[0])))
    full = OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(PackLibrary, "revert" if going_back else "install",
                        lambda *args, **kwargs: (_ for _ in ()).throw(full))
    choose_file(monkeypatch, signed_pack(tables_at(5), tmp_path / "usb" / "v5.json", keys[0]))
    window = open_window(qtbot, library)
    assert (window.revert_data() if going_back else window.install_update()) is False
    dialog = dialogs.shown[-1]
    assert isinstance(dialog, RefusedDialog) and dialog.headline.text() == "It could not be written."
    said = " ".join(label.text() for label in dialog.findChildren(QLabel)).lower()
    assert said.count("not changed") + said.count("nothing was changed") == 1, said
    assert dialog.detail.text() == "The disk is full.", dialog.detail.text()
    assert window.pack.meta.data_version == 4


def test_a_kept_copy_swapped_while_reading_what_going_back_changes_is_told_without_a_contradiction(
        qtbot, library, keys, tmp_path, dialogs, monkeypatch):
    """The kept copy swapped for another signed pack while the supervisor read what going back changes: the revert
    is refused (storage checks it again), and the box said "The data in use was not changed." above "The data in
    use changed meanwhile.", a contradiction, though it was the kept copy that changed. It says something changed
    while they read, that nothing was written, and names the kept copy."""
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "usb" / "v4.json", keys[0])))
    library.install(library.prepare_install(signed_pack(tables_at(5), tmp_path / "usb" / "v5.json", keys[0])))
    kept = library.previous
    v6 = signed_pack(tables_at(6), tmp_path / "usb" / "v6.json", keys[0])
    original = WhatChangedDialog.exec

    def swapped_while_read(dialog):
        shutil.copyfile(v6, kept)
        shutil.copyfile(signature_path(v6), signature_path(kept))
        return original(dialog)

    monkeypatch.setattr(WhatChangedDialog, "exec", swapped_while_read)
    window = open_window(qtbot, library)
    assert window.revert_data() is False
    refusal = dialogs.shown[-1]
    assert isinstance(refusal, RefusedDialog)
    assert refusal.headline.text() == "Something changed while you were reading."
    said = refusal.text()
    assert "changed meanwhile" not in said and "before anything was written" in said, said
    assert str(kept) in refusal.detail.text(), refusal.detail.text()
    assert window.pack.meta.data_version == 5


# --- what's new and the receipt ------------------------------------------------------------------------------


def test_whats_new_lists_the_change_and_the_receipt_has_version_date_and_sha256(qtbot, library, keys, tmp_path,
                                                                               dialogs, monkeypatch):
    window = open_window(qtbot, library)
    choose_file(monkeypatch, publish_update(tmp_path / "usb", keys[0], name="cpd-update.json"))
    assert window.install_update()

    window.whats_new_action.trigger()
    dialog = window.whats_new_dialog
    assert isinstance(dialog, WhatsNewDialog) and dialog.isVisible() and not dialog.isModal()
    assert len(dialog.entries) == 1
    assert f"✖ NOT PERMITTED  →  ☎ CALL SUPERVISOR — {RELEASE}" in dialog.text()
    assert dialog.findChild(type(dialog.status), "whatsNewEntry").text().startswith("Data version 4 installed on")

    target = tmp_path / "receipts" / "receipt.txt"
    target.parent.mkdir()
    monkeypatch.setattr(ud, "ask_receipt_path", lambda parent, suggested: (str(target), "Text file (*.txt)"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    receipt = target.read_text(encoding="utf-8")
    sha = window.data.loaded.sha256
    assert "Data version:  4" in receipt and "As of:         9 Feb 2026" in receipt
    assert f"Printed on:    {format_day(FRESH_DAY)}" in receipt
    sha_line = next(line for line in receipt.splitlines() if line.startswith("SHA-256:"))
    assert "".join(sha_line.split(":", 1)[1].split()) == sha
    assert "CALL SUPERVISOR" in receipt, "the receipt says what changed"
    assert "Officer name (print):  ____" in receipt, "the name is written by hand, never asked for"
    assert str(target) in dialog.status.text()

    pdf = tmp_path / "receipts" / "receipt"  # no suffix: the PDF filter adds .pdf
    monkeypatch.setattr(ud, "ask_receipt_path", lambda parent, suggested: (str(pdf), "PDF (*.pdf)"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    from pypdf import PdfReader

    pages = PdfReader(str(pdf) + ".pdf").pages
    text = "".join("".join(page.extract_text().split()) for page in pages)
    assert "ACKNOWLEDGMENT" in text and f"SHA-256:{sha}" in text and "Printedon:10Feb2026" in text
    # Laid out on the handouts' page (handout.print_on_pages): Qt's own printing put 2 cm inside the margins, and
    # the SHA-256 and the lines to sign on broke in two. Each is one line of the PDF, as it is of the receipt.
    pdf_lines = [" ".join(line.split()) for page in pages for line in page.extract_text().splitlines()]
    for line in (sha_line, next(line for line in receipt.splitlines() if line.startswith("Officer name"))):
        assert " ".join(line.split()) in pdf_lines

    printed = []
    monkeypatch.setattr(ud, "ask_print", lambda parent, printer: True)
    monkeypatch.setattr(handout, "print_on_pages", lambda doc, printer: printed.append(doc.toPlainText()) or 1)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert printed and "Data version:  4" in printed[0]


@pytest.mark.parametrize("paper", ["Letter", "A4", "A5"])
def test_the_printed_receipt_keeps_its_sha256_on_one_line_on_letter_and_a4(qtbot, bundled, tmp_path, monkeypatch,
                                                                         paper):
    """On A4, narrower than US Letter, the receipt's SHA-256 line (86 characters at 10 pt) broke before its last
    group, which went on a line of its own under the labels and read as part of "Printed on". Its type is the
    handouts' 10 pt, or as little smaller as the fingerprint needs to fit the paper whole (A4: 9.75 pt); on paper
    too narrow even at the handouts' smallest (A5), the SHA-256 goes on under its first group, not the labels.
    Measured on the printed layout: no line is wider than the page."""
    from PySide6.QtGui import QPageSize

    from desktop.ui.handout import HANDOUT_POINT_SIZE

    dialog = ud.WhatsNewDialog([], bundled, today=FRESH_DAY)
    qtbot.addWidget(dialog)
    printed = []

    def to_a_file(parent, printer) -> bool:
        printer.setOutputFormat(printer.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / f"receipt-{paper}.pdf"))
        printer.setPageSize(QPageSize(getattr(QPageSize.PageSizeId, paper)))
        return True

    def print_on_pages(doc, printer) -> int:
        printed.append((doc, printer))
        return real_print_on_pages(doc, printer)

    real_print_on_pages = handout.print_on_pages
    monkeypatch.setattr(ud, "ask_print", to_a_file)
    monkeypatch.setattr(handout, "print_on_pages", print_on_pages)
    assert dialog.print_receipt()
    [(doc, printer)] = printed
    width = printer.width()  # inside the handouts' margins, in the printer's pixels
    block, lines = doc.begin(), {}
    while block.isValid():
        layout = block.layout()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            assert line.x() + line.naturalTextWidth() <= width, f"{block.text()!r} runs past the page on {paper}"
        lines[block.text().split(":")[0]] = (block, layout)
        block = block.next()
    sha, layout = lines["SHA-256"]
    if paper == "A5":
        assert layout.lineCount() == 2
        value_x = layout.lineAt(0).cursorToX(len("SHA-256:       "))
        value_x = value_x[0] if isinstance(value_x, tuple) else value_x
        assert abs(layout.lineAt(1).x() - value_x) < 1, "the SHA-256 goes on under its value"
        assert layout.lineAt(1).textStart() % 9 == len("SHA-256:       ") % 9, "between groups of 8"
    else:
        assert layout.lineCount() == 1, f"the SHA-256 is one line on {paper}"
    if paper == "Letter":
        assert doc.defaultFont().pointSizeF() == HANDOUT_POINT_SIZE, "Letter keeps the handouts' size"


def test_whats_new_is_offered_once_after_the_version_changes(qtbot, library, keys, tmp_path):
    first = open_window(qtbot, library)  # this computer has now shown data version 3
    first.close()
    library.install(library.prepare_install(publish_update(tmp_path / "usb", keys[0])))

    second = open_window(qtbot, library)
    [banner] = [b for b in second.banners if b.objectName() == "updatedBanner"]
    assert "updated to version 4" in banner.text()
    what = banner.findChild(type(second.help_button), "whatChangedButton")
    qtbot.mouseClick(what, Qt.MouseButton.LeftButton)
    dialog = second.whats_new_dialog
    assert dialog.isVisible() and "☎ CALL SUPERVISOR" in dialog.text()
    second.close()

    third = open_window(qtbot, library)
    assert not [b for b in third.banners if b.objectName() == "updatedBanner"], "only once"
    third.whats_new_action.trigger()
    assert "☎ CALL SUPERVISOR" in third.whats_new_dialog.text(), "still in the menu any time"


def test_whats_new_shows_each_past_update_the_words_it_brought_in(qtbot, library, keys, tmp_path):
    """Two updates amended one rule, one after the other. What's new showed under each "Now reads: …" with the
    words of the data in use, so the first update's entry read as the second amendment: a supervisor checking
    the trail was misled. Each entry now reads the version it brought in (kept in packs/versions/), and where
    that version is kept no more it says so instead of showing other words."""
    rule = "IL-720-7-15"
    first_words, second_words = "First amended words for a drill.", "Second amended words for a drill."
    open_window(qtbot, library).close()  # this computer has shown data version 3
    for version, words in ((4, first_words), (5, second_words)):
        tables = set_summary(tables_at(version), rule, words)
        library.install(library.prepare_install(signed_pack(tables, tmp_path / f"v{version}.json", keys[0])))
    _recorded_without_words(library)  # as an earlier app recorded them: the versions are read

    window = open_window(qtbot, library)

    def now_reads() -> list[str]:
        window.whats_new_action.trigger()
        dialog = window.whats_new_dialog
        qtbot.waitUntil(lambda: not dialog.reading)  # the versions are read in the background
        assert [e.to_version for e in reversed(dialog.entries)] == [5, 4], "newest first"
        return [next(label.text() for label in view.findChildren(QLabel)
                     if label.objectName() in ("diffNewSummary", "diffSummaryNotKept")) for view in dialog.views]

    assert now_reads() == [f"Now reads: {second_words}", f"Now reads: {first_words}"]

    [kept] = [p for p in library.store.versions.iterdir() if p.name.startswith("v4-")]
    shutil.rmtree(kept)  # as VersionStore.clean prunes an old version
    assert now_reads() == [f"Now reads: {second_words}",
                           "Its words in data version 4 are no longer kept on this computer."]


def test_whats_new_reads_a_past_version_only_for_words_it_shows_and_once(qtbot, library, keys, tmp_path):
    """Reading a kept version checks the whole pack (10-80 ms on the window's thread): What's new reads one only
    for an entry with words to show (an amended rule, a changed answer), and each version once."""
    for version in (4, 5):  # only the pack details change
        library.install(library.prepare_install(signed_pack(tables_at(version), tmp_path / f"v{version}.json",
                                                            keys[0])))
    library.revert()
    entries = library.history()
    asked = []
    dialog = WhatsNewDialog(entries, None, kept_pack=lambda entry: asked.append(entry) or library.pack_brought_in(entry))
    qtbot.addWidget(dialog)
    assert asked == [] and len(dialog.views) == 3 and not dialog.reading
    amended = set_summary(tables_at(6), "IL-720-7-15", "Amended words for a drill.")
    library.install(library.prepare_install(signed_pack(amended, tmp_path / "v6.json", keys[0])))
    library.revert()
    library.revert()  # back to 6: two entries bring in the same version
    _recorded_without_words(library)  # as an earlier app recorded them: the versions are read
    dialog = WhatsNewDialog(library.history()[-3:], None, kept_pack=lambda entry: asked.append(entry) or
                            library.pack_brought_in(entry))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.reading)
    assert [e.to_version for e in asked] == [6, 4], "each version once"
    assert dialog.findChild(QLabel, "diffNewSummary").text() == "Now reads: Amended words for a drill."


def _amending_updates(library: PackLibrary, keys, tmp_path: Path, versions: Sequence[int] = (4, 5),
                      words_written_down: bool = False) -> None:
    """These data versions installed, each amending one rule's words ("Words of version N."); recorded as an
    earlier app did, without their words (What's new reads the versions), unless ``words_written_down``."""
    for version in versions:
        tables = set_summary(tables_at(version), "IL-720-7-15", f"Words of version {version}.")
        library.install(library.prepare_install(signed_pack(tables, tmp_path / f"v{version}.json", keys[0])))
    if not words_written_down:
        _recorded_without_words(library)


def _recorded_without_words(library: PackLibrary) -> None:
    """The history as an app that did not write down an update's words (HistoryEntry.words) recorded it."""
    stored = json.loads(library.history_file.read_text())
    for entry in stored["entries"]:
        entry.pop("words", None)
    library.history_file.write_text(json.dumps(stored))


def _reads_when_released(library: PackLibrary) -> tuple[threading.Event, list[threading.Thread], Callable]:
    """A stand-in for library.pack_brought_in that waits for the test to release it and notes the thread it ran on."""
    release, readers, real = threading.Event(), [], library.pack_brought_in

    def kept_pack(entry: HistoryEntry) -> LoadedPack | None:
        readers.append(threading.current_thread())
        release.wait(5)  # a bound, so a read on the window's thread (the bug) fails the test instead of hanging it
        return real(entry)

    return release, readers, kept_pack


def test_whats_new_opens_at_once_and_reads_past_versions_off_the_windows_thread(qtbot, library, keys, tmp_path):
    """What's new read every past version it shows the words of on the window's thread (20-80 ms each, up to five
    kept): the window stalled before it opened. It opens at once, each such entry saying it is reading, and the
    versions are read in a thread; each entry then shows its own version's words."""
    _amending_updates(library, keys, tmp_path)
    release, readers, kept_pack = _reads_when_released(library)
    dialog = WhatsNewDialog(library.history(), None, kept_pack=kept_pack)
    qtbot.addWidget(dialog)
    assert threading.main_thread() not in readers, "no version is read on the window's thread"
    dialog.show()
    qtbot.waitExposed(dialog)
    reading = [label.text() for label in dialog.findChildren(QLabel, "whatsNewReading") if label.isVisible()]
    assert reading == ["Reading what data version 5 says…", "Reading what data version 4 says…"]
    assert dialog.reading and dialog.views == []
    with qtbot.waitSignal(dialog.words_read):
        release.set()
    assert threading.main_thread() not in readers and len(readers) == 2
    assert not [label for label in dialog.findChildren(QLabel, "whatsNewReading") if label.isVisible()]
    assert [label.text() for label in dialog.findChildren(QLabel, "diffNewSummary")] == [
        "Now reads: Words of version 5.", "Now reads: Words of version 4."]


class _Paints(QObject):
    """Counts the paint events of the widget it watches."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_whats_new_reads_past_versions_once_its_first_frame_is_drawn(qtbot, library, keys, tmp_path, monkeypatch):
    """The reading thread started while What's new was still being built and shown: the thread and the window took
    turns at Python's lock, and the window came up after 40-80 ms where it took 11 (time_whats_new.py, five versions).
    The reading starts once the window's first frame is drawn; a window not shown reads at once (the test above)."""
    _amending_updates(library, keys, tmp_path)
    started_after_paints: list[int] = []
    paints: list[_Paints] = []  # the dialog's, once it is built
    real = ud.run_in_background

    def run_in_background(*args, **kwargs):
        started_after_paints.append(paints[0].count if paints else 0)
        return real(*args, **kwargs)

    monkeypatch.setattr(ud, "run_in_background", run_in_background)
    dialog = WhatsNewDialog(library.history(), None, kept_pack=library.pack_brought_in)
    qtbot.addWidget(dialog)
    paints.append(_Paints(dialog))
    dialog.show()
    assert started_after_paints == [], "nothing is read while the window is being built and shown"
    qtbot.waitUntil(lambda: not dialog.reading)
    assert len(started_after_paints) == 1 and started_after_paints[0] >= 1, "read once, after the first frame"
    assert [label.text() for label in dialog.findChildren(QLabel, "diffNewSummary")] == [
        "Now reads: Words of version 5.", "Now reads: Words of version 4."]


def test_what_changed_words_become_selectable_under_the_pointer(qtbot, library, keys, tmp_path):
    """Every line of What changed was made selectable when it was built, and a selectable label is laid out through
    a text document of its own: five past versions' worth took most of What's new's time to open. A line becomes
    selectable when the pointer reaches it, as an answer's words do, and can still be selected and copied."""
    _amending_updates(library, keys, tmp_path)
    dialog = WhatsNewDialog(library.history(), None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    selectable = Qt.TextInteractionFlag.TextSelectableByMouse
    labels = [label for view in dialog.views for label in view.findChildren(QLabel)
              if label.objectName().startswith("diff")]  # its lines (the headings never were selectable)
    assert {"diffCounts", "diffItem", "diffItemDetails"} <= {label.objectName() for label in labels}
    assert not [label.objectName() for label in labels if label.textInteractionFlags() & selectable]
    for label in labels:
        dialog.scroll.ensureWidgetVisible(label)
        qtbot.mousePress(label, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
        qtbot.mouseRelease(label, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
        assert label.textInteractionFlags() & selectable, label.objectName()


def test_words_arriving_in_whats_new_move_nothing_under_them_and_are_announced(qtbot, library, keys, tmp_path,
                                                                               monkeypatch):
    """A past version's words filled in under "Reading what data version N says…" and pushed everything under it
    down (the receipt note jumped a whole screen at the largest text), and a screen reader was not told they had
    come. The room they take is kept while they are read, and each arrival is announced."""
    open_window(qtbot, library).close()  # this computer has shown data version 3
    _amending_updates(library, keys, tmp_path, (4, 5, 6))
    release, readers, kept_pack = _reads_when_released(library)
    monkeypatch.setattr(library, "pack_brought_in", kept_pack)
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(ud, "announce", lambda widget, message: said.append((widget.objectName(), message)))
    window = open_window(qtbot, library)  # 6 is in use: 5 and 4 are read
    dialog = window.show_whats_new()
    qtbot.waitExposed(dialog)
    note = dialog.findChild(QLabel, "receiptNote")

    def note_at() -> int:
        return note.mapTo(dialog.scroll.widget(), note.rect().topLeft()).y()

    reading = [label for label in dialog.findChildren(QLabel, "whatsNewReading") if label.isVisible()]
    assert len(reading) == 2 and reading[0].height() < 100, "the words say they are being read, at the top"
    before = note_at()
    with qtbot.waitSignal(dialog.words_read):
        release.set()
    qtbot.waitUntil(lambda: note.isVisible() and dialog.scroll.widget().layout().geometry().height() > 0)
    QApplication.processEvents()
    assert note_at() == before, "the words took the room kept for them"
    assert said == [("whatsNewDiff", "What changed in data version 5 is shown."),
                    ("whatsNewDiff", "What changed in data version 4 is shown.")]


def test_whats_new_shows_the_words_an_update_brought_in_at_once_where_they_will_stay(qtbot, library, keys, tmp_path,
                                                                                    monkeypatch):
    """The room kept for a past version's words while they were read was measured on today's words: longer past
    words then pushed everything under them down as they arrived (the receipt note 68 px, night, largest text).
    The words are written down when an update comes in, so What's new shows them as it opens and keeps no room;
    they stay once that version is no longer kept, marked as not checked against it (history.json is not signed)."""
    open_window(qtbot, library).close()  # this computer has shown data version 3
    long_words = "Words of version 4, " + "much longer than the words of today, " * 12 + "for a drill."
    library.install(library.prepare_install(signed_pack(set_summary(tables_at(4), "IL-720-7-15", long_words),
                                                        tmp_path / "v4.json", keys[0])))
    _amending_updates(library, keys, tmp_path, (5,), words_written_down=True)
    [kept] = [p for p in library.store.versions.iterdir() if p.name.startswith("v4-")]
    shutil.rmtree(kept)  # as VersionStore.clean prunes an old version
    release, readers, kept_pack = _reads_when_released(library)
    monkeypatch.setattr(library, "pack_brought_in", kept_pack)
    window = open_window(qtbot, library)  # 5 is in use
    dialog = window.show_whats_new()
    qtbot.waitExposed(dialog)
    assert not dialog.findChildren(QWidget, "whatsNewReadingSpace"), "no room kept: the words are at hand"
    assert [label.text() for label in dialog.findChildren(QLabel, "diffNewSummary")] == [
        "Now reads: Words of version 5.", f"Now reads: {long_words}"]
    with qtbot.waitSignal(dialog.words_read):
        release.set()
    assert [label.text() for label in dialog.findChildren(QLabel, "diffNewSummary")] == [
        "Now reads: Words of version 5.", f"Now reads (as recorded, not checked): {long_words}"]


def test_a_tampered_history_cannot_put_words_in_whats_new_that_no_signed_pack_says(qtbot, library, keys, tmp_path):
    """What's new showed the words history.json recorded for a past update before those of the signed pack it
    brought in: history.json is not signed, so an edited one made What's new say an amended rule and an answer
    read as no published pack ever did. The recorded words show first; once the kept signed pack is read and its
    signature checked, its words replace them where they differ, and where it is not kept they are marked."""
    open_window(qtbot, library).close()  # this computer has shown data version 3
    _amending_updates(library, keys, tmp_path, (4, 5), words_written_down=True)
    stored = json.loads(library.history_file.read_text())
    [four] = [entry for entry in stored["entries"] if entry["to_version"] == 4]
    assert four["words"]["rules"] == {"IL-720-7-15": "Words of version 4."}
    four["words"]["rules"]["IL-720-7-15"] = "Officers may hold anyone ICE asks for."
    library.history_file.write_text(json.dumps(stored))
    window = open_window(qtbot, library)  # 5 is in use: 4's words are checked against its kept signed pack

    def now_reads() -> list[str]:
        dialog = window.show_whats_new()
        qtbot.waitUntil(lambda: not dialog.reading)
        return [label.text() for label in dialog.findChildren(QLabel, "diffNewSummary")]

    assert now_reads() == ["Now reads: Words of version 5.", "Now reads: Words of version 4."], \
        "the signed pack's words, not the edited history's"
    [kept] = [p for p in library.store.versions.iterdir() if p.name.startswith("v4-")]
    shutil.rmtree(kept)  # as VersionStore.clean prunes an old version
    assert now_reads() == ["Now reads: Words of version 5.",
                           "Now reads (as recorded, not checked): Officers may hold anyone ICE asks for."]
    assert "not checked" in window.whats_new_dialog.text()


def test_whats_new_verifies_a_kept_copy_once_a_session_unless_its_bytes_change(qtbot, library, keys, tmp_path,
                                                                               monkeypatch):
    """What's new verified every kept copy's signature and read the whole pack again at each opening (some 60 ms a
    copy). A copy is verified once a session for the same bytes: by the SHA-256 of the pack and of its signature,
    so a signature swapped on disk between two openings is verified again, and the words it no longer vouches for
    are marked; the first signature put back is the bytes verified already."""
    from desktop.storage import signing

    open_window(qtbot, library).close()  # this computer has shown data version 3
    _amending_updates(library, keys, tmp_path, (4, 5), words_written_down=True)
    stored = json.loads(library.history_file.read_text())
    [four] = [entry for entry in stored["entries"] if entry["to_version"] == 4]
    four["words"]["rules"]["IL-720-7-15"] = "Officers may hold anyone ICE asks for."
    library.history_file.write_text(json.dumps(stored))
    window = open_window(qtbot, library)  # 5 is in use: 4's words are checked against its kept signed pack
    verified: list[str] = []  # the SHA-256 of each pack verified from now on
    real_verify = signing.verify_bytes
    monkeypatch.setattr(signing, "verify_bytes", lambda data, sig, *args, **kwargs: (
        verified.append(hashlib.sha256(data).hexdigest()), real_verify(data, sig, *args, **kwargs))[1])

    def now_reads() -> list[str]:
        dialog = window.show_whats_new()
        qtbot.waitUntil(lambda: not dialog.reading)
        return [label.text() for label in dialog.findChildren(QLabel, "diffNewSummary")]

    signed_words = ["Now reads: Words of version 5.", "Now reads: Words of version 4."]
    assert now_reads() == signed_words and verified == [four["to_sha256"]]
    assert now_reads() == signed_words and len(verified) == 1, "the same bytes are not verified again"
    [kept] = [p / "pack.json" for p in library.store.versions.iterdir() if p.name.startswith("v4-")]
    first_signature = signature_path(kept).read_bytes()
    signing.sign_file(kept, make_key(tmp_path / "other-keys", "Someone else")[0])  # a key the app does not trust
    assert now_reads() == ["Now reads: Words of version 5.",
                           "Now reads (as recorded, not checked): Officers may hold anyone ICE asks for."]
    assert len(verified) == 2, "the signature swapped on disk was verified"
    signature_path(kept).write_bytes(first_signature)
    assert now_reads() == signed_words and len(verified) == 2, "the bytes verified at the first opening"


def test_the_mark_on_words_not_checked_comes_before_a_long_rule_at_the_largest_text(qtbot, library, keys, tmp_path):
    """"(as recorded, not checked)" came after the rule's words: a rule of 600 characters, the longest a pack holds,
    runs taller than What's new's view at 800 x 600 at the largest text, so with the rule's first words in view the
    mark was not. It now opens the line ("Now reads (as recorded, not checked): …"), in view with the first words."""
    from desktop.ui.settings import TEXT_STEP_MAX
    from tests.ui.ui_helpers import settle

    open_window(qtbot, library).close()  # this computer has shown data version 3
    longest = ("Words of version 4, " + "kept only as the history wrote them down, " * 14)[:597] + "..."
    library.install(library.prepare_install(signed_pack(set_summary(tables_at(4), "IL-720-7-15", longest),
                                                        tmp_path / "v4.json", keys[0])))
    _amending_updates(library, keys, tmp_path, (5,), words_written_down=True)
    [kept] = [p for p in library.store.versions.iterdir() if p.name.startswith("v4-")]
    shutil.rmtree(kept)  # as VersionStore.clean prunes an old version
    window = open_window(qtbot, library)  # 5 is in use
    window.resize(800, 600)
    window.set_text_step(TEXT_STEP_MAX)
    dialog = window.show_whats_new()
    qtbot.waitUntil(lambda: not dialog.reading)
    settle()
    marked = dialog.findChildren(QLabel, "diffNewSummary")[-1]
    assert len(longest) == 600 and marked.height() > dialog.scroll.viewport().height(), \
        (marked.height(), dialog.scroll.viewport().height())
    assert marked.text() == f"Now reads (as recorded, not checked): {longest}"
    assert "Now reads (as recorded, not checked): " + longest in dialog.text(), "copied as shown"


def test_an_announcement_reaches_qt_s_accessibility(qtbot, monkeypatch):
    """What's new tells a screen reader through Qt (6.8+): an announcement event, said politely."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QWidget

    sent: list[tuple[str, object]] = []
    monkeypatch.setattr(QAccessible, "updateAccessibility",
                        lambda event: sent.append((event.message(), event.politeness())))
    widget = QWidget()
    qtbot.addWidget(widget)
    ud.announce(widget, "What changed in data version 5 is shown.")
    assert sent == [("What changed in data version 5 is shown.", QAccessible.AnnouncementPoliteness.Polite)]


def test_closing_whats_new_while_it_reads_stops_the_reading_safely(qtbot, library, keys, tmp_path, monkeypatch):
    """Closed, then deleted (as the window does when What's new is opened again), while a past version is being
    read: the version in hand goes to no dialog, the rest are not read, no error is raised, and What's new opened
    again reads them all."""
    open_window(qtbot, library).close()  # this computer has shown data version 3
    _amending_updates(library, keys, tmp_path, (4, 5, 6))
    release, readers, kept_pack = _reads_when_released(library)
    monkeypatch.setattr(library, "pack_brought_in", kept_pack)
    window = open_window(qtbot, library)  # 6 is in use: 5 and 4 are read
    dialog = window.show_whats_new()
    qtbot.waitUntil(lambda: len(readers) == 1)  # the reader is inside the first version
    reader = dialog._reading_job.thread
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    gone = []
    dialog.destroyed.connect(lambda *_: gone.append(True))
    monkeypatch.undo()
    again = window.show_whats_new()  # deletes the one closed
    qtbot.waitUntil(lambda: bool(gone))
    release.set()
    qtbot.waitUntil(lambda: not reader.is_alive())
    assert len(readers) == 1, "the versions not yet read are not read"

    qtbot.waitUntil(lambda: not again.reading)
    assert [label.text() for label in again.findChildren(QLabel, "diffNewSummary")] == [
        "Now reads: Words of version 6.", "Now reads: Words of version 5.", "Now reads: Words of version 4."]


def test_whats_new_without_any_install(qtbot, library):
    window = open_window(qtbot, library)
    dialog = window.show_whats_new()
    assert dialog.entries == [] and dialog.findChild(type(dialog.status), "whatsNewNothing") is not None
    assert dialog.save_button.isEnabled(), "a receipt for the data in use can still be printed"


# --- the watched IT folder ---------------------------------------------------------------------------------


def test_inbox_scan_installs_a_newer_signed_pack_and_names_an_unsigned_one(qtbot, library, keys, tmp_path):
    inbox = library.inbox_folder()
    publish_update(inbox, keys[0], name="cpd-update.json")
    write_tables_atomic(tables_at(9), inbox / "unsigned.json")  # newer, but nobody signed it
    window = open_window(qtbot, library)
    with qtbot.waitSignal(window.inbox_scanned, timeout=10000) as scanned:
        assert window.scan_inbox()
    statuses = {r.path.name: r.status for r in scanned.args[0]}
    assert statuses == {"cpd-update.json": "installed", "unsigned.json": "ignored"}
    assert window.pack.meta.data_version == 4
    updated = next(b for b in window.banners if b.objectName() == "updatedBanner")
    assert "version 4" in updated.text() and "installed from the IT folder" in updated.text()
    assert updated.findChild(type(window.help_button), "whatChangedButton") is not None
    inbox_note = next(b for b in window.banners if b.objectName() == "inboxBanner")
    assert "unsigned.json" in inbox_note.text() and "signature" in inbox_note.text()
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()], "no modal"


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="file names there are always Unicode")
def test_a_file_named_in_another_encoding_installs_the_update_beside_it_and_is_named_for_it(qtbot, library, keys):
    """A file in the IT folder whose name is not UTF-8 stopped the scan (the update beside it installed, the scan's
    result lost to the error log, no note); Qt would have dropped the name's odd bytes. Both are now shown."""
    inbox = library.inbox_folder()
    publish_update(inbox, keys[0], name="cpd-update.json")
    Path(os.fsdecode(bytes(inbox) + b"/Mise\xe0jour.json")).write_bytes(b"{}")
    window = open_window(qtbot, library)
    with qtbot.waitSignal(window.inbox_scanned, timeout=10000) as scanned:
        assert window.scan_inbox()
    assert sorted(r.status for r in scanned.args[0]) == ["ignored", "installed"]
    inbox_note = next(b for b in window.banners if b.objectName() == "inboxBanner")
    assert "Mise\ufffdjour.json (" in inbox_note.text()


def test_an_it_folder_that_cannot_be_read_is_named_in_the_note_for_it(qtbot, library, monkeypatch):
    """The scan raised PermissionError: logged, and IT was told nothing (no note, no install, ever)."""
    inbox = library.inbox_folder()
    inbox.mkdir(parents=True, exist_ok=True)
    real_iterdir = Path.iterdir
    monkeypatch.setattr(Path, "iterdir", lambda path: (_ for _ in ()).throw(PermissionError(13, "Permission denied"))
                        if path == inbox else real_iterdir(path))
    window = open_window(qtbot, library)
    with qtbot.waitSignal(window.inbox_scanned, timeout=10000) as scanned:
        assert window.scan_inbox()
    assert [r.status for r in scanned.args[0]] == ["failed"]
    note = next(b for b in window.banners if b.objectName() == "inboxBanner")
    assert note.text() == f"IT folder: {inbox.name} could not be read, so no update in it was looked at."
    assert "the folder cannot be read: permission denied" in note.toolTip()


def _note_for_it_at_the_largest_text(qtbot, window, size: tuple[int, int]):
    """The IT folder's note for five files with long names, at the largest text on a ``size`` screen."""
    from desktop.storage.library import InboxResult
    from desktop.ui.settings import TEXT_STEP_MAX
    from tests.ui.ui_helpers import activate, settle

    activate(qtbot, window)
    window.resize(*size)
    window.set_text_step(TEXT_STEP_MAX)
    window._add_inbox_banner([InboxResult(Path(f"/srv/it/cpd-update-2026-12-0{n}-signed-by-district.json"), "ignored",
                                          "untrusted", reason="signature") for n in range(5)])
    settle()
    return next(b for b in window.banners if b.objectName() == "inboxBanner")


@pytest.mark.parametrize("size", [(1024, 600), (800, 600)])
def test_the_note_for_it_shows_two_lines_and_more_shows_the_rest(qtbot, window, size):
    """Three long file names and their reasons took seven lines at the largest text on 800 × 600, cut off
    mid-name, and left the officer's page under it a third of the window. The note shows two lines, as a notice
    from loading does; More (named for Tab and a screen reader with the whole words) shows the rest."""
    from desktop.ui.main_window import NOTICE_LINES

    note = _note_for_it_at_the_largest_text(qtbot, window, size)
    label, more = note.text_label, note.findChild(QPushButton, "noticeMoreButton")
    assert label.height() < (NOTICE_LINES + 1) * label.fontMetrics().lineSpacing(), label.text()
    assert more.isVisible() and more.height() >= 44 and more.accessibleDescription().endswith("cpd-update-2026-12-02-signed-by-district.json (signature missing, untrusted or broken) and 2 more.")
    assert "signed-by-district.json: ignored" in note.toolTip(), "IT's details stay in the tip"
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.notice_box.isVisible())
    assert window.notice_box.text() == note.text()
    # the IT folder's note is information (its banner's ℹ), not a warning, in its box too
    assert window.notice_box.icon() == QMessageBox.Icon.Information and window.notice_box.windowTitle() == "Note"
    window.notice_box.close()


def test_a_note_cut_within_a_long_file_name_keeps_its_words_as_written(qtbot, window):
    """A note cut inside a word longer than its line (a file name) read "not installed : cpd-update-…": the
    colon the shorter words had dropped was put back as a word of its own, after a space."""
    note = _note_for_it_at_the_largest_text(qtbot, window, (800, 600))
    shown = note.text_label.text()
    assert shown.endswith("…") and note.text().startswith(shown.removesuffix("…")), shown


def test_inbox_with_nothing_new_changes_nothing(qtbot, library):
    window = open_window(qtbot, library)
    with qtbot.waitSignal(window.inbox_scanned, timeout=10000) as scanned:
        window.scan_inbox()
    assert scanned.args == [[]] and window.pack.meta.data_version == 3 and not window.banners


def test_start_up_scans_the_it_folder_after_the_first_frame(qtbot, tmp_path, user_base, keys, monkeypatch):
    """The real start-up (run_gui): the folder from ENCOUNTER_GUIDE_INBOX, the publisher key added by IT."""
    import sys

    from desktop import paths
    from desktop.__main__ import build_parser
    from desktop.ui import app as gui_app
    from desktop.ui.about_dialog import AboutDialog

    private, _trusted = keys
    paths.extra_trusted_keys_file().parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(private.with_name(f"{private.stem}.pub.json"), paths.extra_trusted_keys_file())
    inbox = tmp_path / "it-share"
    publish_update(inbox, private, name="cpd-update.json")  # data version 4, newer than the built-in data
    write_tables_atomic(tables_at(9), inbox / "unsigned.json")
    monkeypatch.setenv("ENCOUNTER_GUIDE_INBOX", str(inbox))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: 0)
    painted_when_scanned = []
    real_scan = MainWindow.scan_inbox
    monkeypatch.setattr(MainWindow, "scan_inbox",
                        lambda self: painted_when_scanned.append(self._painted) or real_scan(self))
    built: list[MainWindow] = []

    def fake_exec() -> int:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        qtbot.addWidget(window)
        built.append(window)
        qtbot.waitUntil(lambda: window.inbox_results is not None, timeout=10000)
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert gui_app.run_gui(build_parser().parse_args([])) == 0
    window = built[0]
    assert painted_when_scanned == [True], "never before the first frame"
    assert window.pack.meta.data_version == 4 and window.data.origin == "installed"
    assert "installed from the IT folder" in next(b for b in window.banners if b.objectName() == "updatedBanner").text()
    assert "unsigned.json" in next(b for b in window.banners if b.objectName() == "inboxBanner").text()


# --- the supervisors' editor and the trainers' menu --------------------------------------------------------


def test_edit_data_opens_the_editor_on_a_copy_and_unsaved_edits_hold_the_window_open(qtbot, library, tmp_path,
                                                                                   monkeypatch):
    from desktop.domain import editing
    from desktop.ui.editor import open_editors

    window = open_window(qtbot, library)
    copy = tmp_path / "drafts" / "my-draft"
    copy.parent.mkdir()
    monkeypatch.setattr(ud, "ask_editor_copy_path", lambda parent, suggested: str(copy))
    window.edit_data_action.trigger()
    [editor] = open_editors()
    qtbot.addWidget(editor)
    assert editor.document.path == copy.with_suffix(".json") and not editor.document.protected
    assert copy.with_suffix(".json").read_bytes() == window.data.loaded.raw
    assert MINI_PACK.read_bytes() == window.data.loaded.raw, "the data in use is untouched"

    meta_key = editing.records(editor.document.tables, "meta")[0][0]
    editor.apply(editing.set_values(editor.document.tables, {("meta", meta_key, "title"): "Draft"}, "title"))
    assert editor.document.dirty
    answers = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(type(editor), "ask_unsaved", lambda self: answers[0])
    assert not window.close(), "Cancel on the editor's unsaved changes keeps the app open"
    assert window.isVisible() and editor.isVisible()
    answers[0] = QMessageBox.StandardButton.Discard
    assert window.close()
    assert not open_editors()


def test_edit_data_never_writes_the_pack_in_use(qtbot, library, monkeypatch):
    from desktop.ui.editor import open_editors

    window = open_window(qtbot, library)
    before = MINI_PACK.read_bytes()
    monkeypatch.setattr(ud, "ask_editor_copy_path", lambda parent, suggested: str(MINI_PACK))
    assert window.edit_data() is None and not open_editors()
    assert "choose another file" in window.statusBar().currentMessage()
    assert MINI_PACK.read_bytes() == before


def test_training_submenu_opens_the_presentation(qtbot, library, monkeypatch):
    from desktop.ui import presentation_window as pw

    window = open_window(qtbot, library)
    qtbot.waitUntil(lambda: window._training_actions is not None, timeout=2000)  # built after the first frame
    names = [a.objectName() for a in window.train_menu.actions() if not a.isSeparator()]
    assert names == ["presentAction", "playlistAction", "quizAction", "handoutAction", "bookletAction"]
    assert window.train_menu.menuAction() in window.data_menu.actions(), "trainers' items in their own menu"
    assert window.training_actions()[0].shortcut().toString() == "F5"

    window.start_scenario("S08")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F5)
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, pw.PresentationWindow) and w.isVisible()]
    assert len(shown) == 1 and shown[0].heading.text() == window.pack.scenario("S08").title
    shown[0].close()
    qtbot.waitUntil(lambda: not pw._open_windows, timeout=2000)


def test_data_menu_sits_next_to_help_and_is_touch_sized(qtbot, library):
    window = open_window(qtbot, library)
    bar = window.help_button.parentWidget().layout()
    assert bar.indexOf(window.data_button) == bar.indexOf(window.help_button) - 1
    assert window.data_button.height() >= 44 and window.data_button.accessibleName() == "Data"
    assert window.data_button.menu() is window.data_menu
    texts = [a.text() for a in window.data_menu.actions() if not a.isSeparator()]
    assert texts[:4] == ["Install data update…", "Revert to previous data…", "What's new", "Edit data (supervisors)…"]
    window.resize(1024, 600)
    qtbot.wait(1)
    assert window.width() == 1024 and window.help_button.mapTo(window, window.help_button.rect().topRight()).x() <= 1024


def test_the_it_folder_can_be_set_in_the_settings_by_it(qtbot, tmp_path, make_window):
    from desktop.ui.settings import settings_path

    share = tmp_path / "it share"
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(f"[data]\ninbox_folder={share}\n", encoding="utf-8")
    window = make_window(settings=Settings())
    assert window.settings.inbox_folder == share
    assert window.library.inbox_folder() == share
    window.set_theme("night")  # writing other keys keeps IT's
    assert Settings().inbox_folder == share


@pytest.mark.parametrize("written", [r"C:\Updates\Packs", r"\\cpd-share\updates", "/mnt/share/Updates, CPD",
                                     "D:\\Aktualisierungen für CPD"])
@pytest.mark.parametrize("damaged", [False, True], ids=["clean", "with-a-damaged-value"])
def test_the_it_folder_is_read_as_written_and_never_rewritten(qtbot, make_window, written, damaged):
    """Qt reads a backslash in an INI value as an escape and a comma as a list: IT's hand-written C:\\Updates\\Packs
    was watched as "C:pdatesacks" (and written back so at the officer's first change of theme, IT's line lost for
    good), and a folder with a comma in its name was dropped from the file as a value the app cannot use."""
    from desktop.ui.settings import settings_path

    line = f"inbox_folder={written}".encode()
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_bytes(b"[data]\n" + line + b"\n" + (b"[display]\ntheme=sepia\n" if damaged else b""))
    window = make_window(settings=Settings())
    assert window.library.inbox_folder() == Path(written)
    window.set_theme("night")
    window.set_theme("day")
    assert line in settings_path().read_bytes().splitlines(), settings_path().read_bytes()
    assert Settings().inbox_folder == Path(written) and Settings().theme == "day"


def test_it_s_line_put_back_keeps_a_linked_settings_file_a_link_and_its_permissions(qtbot, tmp_path, make_window):
    """Putting IT's line back must not replace a settings.ini that IT links to a shared file with a private copy (the
    temporary file's 0600), which QSettings itself writes through."""
    from desktop.ui.settings import settings_path

    shared = tmp_path / "it" / "settings.ini"
    shared.parent.mkdir()
    shared.write_bytes(b"[data]\ninbox_folder=C:\\Updates\n")
    shared.chmod(0o644)
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().symlink_to(shared)
    window = make_window(settings=Settings())
    window.set_theme("night")
    assert settings_path().is_symlink() and settings_path().resolve() == shared
    assert b"inbox_folder=C:\\Updates" in shared.read_bytes().splitlines() and b"theme=night" in shared.read_bytes()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644


def test_an_it_folder_under_a_user_this_computer_does_not_have_leaves_the_data_menu_working(qtbot, make_window):
    """IT's "~someone/updates" for a user not on this computer raised RuntimeError ("Could not determine home
    directory") from ``library``: the start-up check of the folder stopped with a traceback, and so did every
    opening of the Data menu after it. It is a folder that is not there, like any other mistyped one."""
    from desktop.ui.settings import settings_path

    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("[data]\ninbox_folder=~no-such-user-here/updates\n", encoding="utf-8")
    window = make_window(settings=Settings())
    assert window.library.inbox_folder() == Path("~no-such-user-here/updates")
    window.update_data_actions()  # what opening the Data menu runs
    assert window.install_action.isEnabled()


def test_each_situation_in_what_changed_starts_with_space_above_it(qtbot):
    """Answers grouped by situation: every situation after the first has air above its title, so the last
    answer of one does not read as part of the next (the review saw them run together)."""
    from desktop.domain.codec import pack_from_tables
    from desktop.domain.diff import diff_packs

    old = mini_tables()
    new = set_verdict(set_verdict(mini_tables(), "S08", "o_release", "refer"), "S10", "o_no", "permitted")
    view = ud.DiffView(diff_packs(pack_from_tables(old), pack_from_tables(new)))
    qtbot.addWidget(view)
    titles = [w for w in view.findChildren(QLabel) if w.objectName() == "diffScenario"]
    assert len(titles) == 2
    assert [w.contentsMargins().top() for w in titles] == [0, ud.SPACE_BETWEEN_ITEMS]


def test_a_reload_that_finds_no_usable_pack_keeps_the_one_on_screen(qtbot, user_base, tmp_path, keys):
    """The installed update and the built-in pack both damaged on disk while the app runs: the next reload
    (after a revert, an install from the IT folder) left the window with no data at all. It keeps the pack it
    shows, checked when it was loaded, and says which file is wrong."""
    bundled = tmp_path / "app" / "encounter-guide.json"
    bundled.parent.mkdir()
    bundled.write_bytes(MINI_PACK.read_bytes())
    library = PackLibrary(user_base / "data", bundled=bundled, trusted_keys=[keys[1]], inbox=tmp_path / "inbox")
    library.install(library.prepare_install(publish_update(tmp_path / "usb", keys[0])))
    window = open_window(qtbot, library)
    assert (window.data.origin, window.pack.meta.data_version) == ("installed", 4)
    flip_byte(library.current)
    bundled.write_text('{"meta": {"1": {"title": "half a pack"')
    with qtbot.waitSignal(window.data_reloaded) as reloaded:
        window._reload_from_library()
    assert reloaded.args == [4] and window.pack.meta.data_version == 4
    assert window.current_kind() == PROBLEMS
    assert window.data.failed_file == "encounter-guide.json"
    assert "probably cut short" in window.data.problems[0].message
    assert window.data.notices[0].startswith("The installed data pack (data version 4) could not be used and was set "
                                             "aside: pack.json: has been changed since it was signed")
    assert window.problems_page.fallback_label.text().startswith("Encounter Guide is using the data already on "
                                                                 "screen (version 4")
    assert window.problems_page.continue_button.text() == "Continue with the data already on screen"  # not "bundled"
    assert walk_s08_to_release(window) == "CALL SUPERVISOR"  # the update's answer, still there to give


def test_an_amended_rule_shows_its_new_words_in_whats_new_and_going_back_its_old_ones(qtbot, library, keys,
                                                                                      tmp_path, dialogs, monkeypatch):
    """A supervisor's update amended one provision's summary; the install dialog and What's new said only
    "What changed: summary", so the officer signing that they had read the changes had to hunt for the words.
    The provision's summary now follows, as it reads in the data: the new words, and after a revert the old."""
    tables = mini_tables()
    key = next(k for k, p in tables["provisions"].items() if p["provision_id"] == "IL-720-7-15")
    old_words = tables["provisions"][key]["summary"]
    tables["provisions"][key]["summary"] = "Amended words for a training exercise."
    window = open_window(qtbot, library)
    choose_file(monkeypatch, publish_update(tmp_path / "usb", keys[0], tables=tables))
    assert window.install_update()
    assert "Now reads: Amended words for a training exercise." in dialogs.texts[0]

    window.whats_new_action.trigger()
    dialog = window.whats_new_dialog
    shown = dialog.findChild(QLabel, "diffNewSummary")
    assert shown is not None and shown.isVisible()
    assert shown.text() == "Now reads: Amended words for a training exercise."
    assert window.revert_data()
    assert f"Now reads: {old_words}" in dialogs.texts[1]


def test_whats_new_closed_mid_read_while_a_second_one_reads_leaves_the_second_whole(qtbot, library, keys, tmp_path,
                                                                                  monkeypatch):
    """Two What's new dialogs reading past versions at once (one from the menu, one built beside it): the first
    closed mid-read gets nothing more and stops reading; the second, still open, is not cancelled with it and shows
    every version's words; nothing goes to the error log."""
    open_window(qtbot, library).close()  # this computer has shown data version 3
    _amending_updates(library, keys, tmp_path, (4, 5, 6))
    release, readers, kept_pack = _reads_when_released(library)
    monkeypatch.setattr(library, "pack_brought_in", kept_pack)
    errors: list[str] = []
    monkeypatch.setattr(bg.log, "error", lambda message, *a, **k: errors.append(message))
    window = open_window(qtbot, library)  # 6 is in use: 5 and 4 are read
    first = window.show_whats_new()
    qtbot.waitUntil(lambda: len(readers) == 1)  # the first dialog's reader is inside version 5
    second = WhatsNewDialog(first.entries, window.data.loaded, parent=window, history=first.history,
                            kept_pack=kept_pack)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: len(readers) == 2)  # both read at once
    first_reader, second_reader = first._reading_job.thread, second._reading_job.thread
    qtbot.mouseClick(first.close_button, Qt.MouseButton.LeftButton)
    assert not first.isVisible() and second.isVisible()
    with qtbot.waitSignal(second.words_read):
        release.set()
    qtbot.waitUntil(lambda: not first_reader.is_alive() and not second_reader.is_alive())
    assert [t.name for t in readers].count("whats-new-versions") == 4 - 1, "the closed one read no further version"
    assert first.reading and len(first.views) == 1, "only the entry of the version in use: nothing reached it closed"
    assert [label.text() for label in second.findChildren(QLabel, "diffNewSummary")] == [
        "Now reads: Words of version 6.", "Now reads: Words of version 5.", "Now reads: Words of version 4."]
    assert errors == []


def test_whats_new_replaced_while_its_save_receipt_dialog_is_open_saves_nothing_and_raises_nothing(
        qtbot, library, keys, tmp_path, monkeypatch):
    """What's new reading, its Save receipt file dialog open (a second dialog, modal, with its own event loop), and
    What's new replaced meanwhile (the window opens a new one and deletes the old): the file dialog goes with it and
    is taken as cancelled, nothing is saved, nothing is raised, and the new What's new reads every version."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QFileDialog

    open_window(qtbot, library).close()
    _amending_updates(library, keys, tmp_path, (4, 5, 6))
    release, readers, kept_pack = _reads_when_released(library)
    monkeypatch.setattr(library, "pack_brought_in", kept_pack)
    monkeypatch.setenv("HOME", str(tmp_path))
    window = open_window(qtbot, library)
    first = window.show_whats_new()
    qtbot.waitUntil(lambda: len(readers) == 1)
    replaced: list[WhatsNewDialog] = []
    file_dialogs: list[QFileDialog] = []

    def replace_once_the_file_dialog_is_up() -> None:
        up = [w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()]
        if not up:
            QTimer.singleShot(10, replace_once_the_file_dialog_is_up)
            return
        file_dialogs.extend(up)
        replaced.append(window.show_whats_new())  # deletes the old What's new, and its file dialog with it
        release.set()

    QTimer.singleShot(0, replace_once_the_file_dialog_is_up)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, caption, start, filters: _non_native_save(
        parent, caption, start, filters))
    assert first.save_receipt() is None, "taken as cancelled"
    assert replaced and file_dialogs
    qtbot.waitUntil(lambda: not replaced[0].reading)
    assert not list(tmp_path.glob("encounter-guide-receipt*"))
    assert [label.text() for label in replaced[0].views[0].findChildren(QLabel, "diffNewSummary")] == [
        "Now reads: Words of version 6."]


def _non_native_save(parent, caption, start, filters) -> tuple[str, str]:
    """QFileDialog.getSaveFileName as Qt's own dialog (not the platform's), run modally as the static one is."""
    import shiboken6
    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog(parent, caption, start, filters)  # Qt's static function guards it as QAutoPointer does
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
    if not shiboken6.isValid(dialog) or not accepted:
        return "", ""
    return dialog.selectedFiles()[0], dialog.selectedNameFilter()
