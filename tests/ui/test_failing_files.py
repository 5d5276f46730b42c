"""Files and folders that fail under the running app: a corrupt settings file, settings that cannot be
saved (full disk, read-only profile), a read-only user data folder, and the data pack replaced while
the app is open. Each is reported plainly, nothing is half-written, the pack in use keeps working.

Settings are written by Qt (QSettings, C++, through a temporary file and a rename), out of reach of a
Python patch. "Cannot be saved" is therefore made real: the settings folder replaced by a plain file
(any user, root included, gets an error), and a genuinely full disk (a 64 KiB tmpfs, filled up) where
mounting is allowed; that test skips elsewhere."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings, Qt

from desktop.domain.search import SearchIndex
from desktop.storage.library import PackLibrary
from desktop.storage.pack_file import PackError
from desktop.ui.data_loading import load_data
from desktop.ui.history import HOME, PROBLEMS, PROVISION, WIZARD
from desktop.ui.main_window import SETTINGS_NOT_SAVED
from desktop.ui.settings import ALLOWED_KEYS, DEFAULT_TEXT_STEP, DEFAULT_THEME, THEMES, Settings, settings_path
from tests.failing_fs import leftovers, read_only, tree_snapshot
from tests.hostile_cases import tracebacks_on_screen
from tests.supervisor_helpers import make_key, signed_pack, tables_at
from tests.ui.ui_helpers import search

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini-pack.json"

GARBAGE = [
    b"\x00\xff\xfe[[[=\n==\x89PNG\r\n\x1a\n",
    b"[display]\ntheme=../../etc/passwd\ntext_step=banana\n[window]\ngeometry=@ByteArray(\\xzz)\n"
    b"[notices]\ndisclaimer_seen=perhaps\nlast_pack_version=-5\n[search]\nlast_query=detainer at the courthouse\n",
    b"[display\ntheme==night=\n" + b"=" * 10_000,
    bytes(range(256)) * 20,
]


def _settings_file_is_clean(path: Path) -> None:
    """Only known keys with usable values, readable back without a format error."""
    check = QSettings(str(path), QSettings.Format.IniFormat)
    assert check.status() == QSettings.Status.NoError, path.read_bytes()[:200]
    assert set(check.allKeys()) <= ALLOWED_KEYS, check.allKeys()
    values = {key: check.value(key) for key in check.allKeys()}
    assert values.get("display/theme", DEFAULT_THEME) in THEMES
    int(values.get("display/text_step", 0))  # a whole number (read back clamped to the range)
    assert int(values.get("notices/last_pack_version", 0)) >= 0
    assert str(values.get("notices/disclaimer_seen", "false")).lower() in ("true", "false")


def _drive(qtbot, window) -> None:
    """The pack in memory answers: search, a walk to an outcome, a citation."""
    assert search(qtbot, window, "detainer") > 0
    window.clear_search()
    window.go_home()
    qtbot.mouseClick(window.home_page.buttons[0], Qt.MouseButton.LeftButton)
    wizard = window.wizard_page
    while wizard.current_outcome() is None:
        qtbot.mouseClick(wizard.answer_buttons[-1], Qt.MouseButton.LeftButton)
    assert window.current_kind() == WIZARD
    qtbot.mouseClick(wizard.card.cites.buttons[0], Qt.MouseButton.LeftButton)
    assert window.current_kind() == PROVISION and window.provision_page.title_label.text()


# --- a corrupt settings file --------------------------------------------------------------------------------


@pytest.mark.parametrize("garbage", GARBAGE, ids=["binary", "bad-values", "broken-section", "all-bytes"])
def test_corrupt_settings_file_starts_with_defaults_and_is_rewritten(qtbot, make_window, garbage, capfd):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(garbage)
    window = make_window(settings=Settings())
    assert window.isVisible() and window.current_kind() == HOME
    assert window.theme == DEFAULT_THEME and window.text_step == DEFAULT_TEXT_STEP
    assert not window.settings.disclaimer_seen
    assert tracebacks_on_screen(window) == []
    _settings_file_is_clean(path)  # rewritten at start-up (the pack version seen is stored)
    assert b"last_query" not in path.read_bytes() and b"courthouse" not in path.read_bytes()
    window.set_theme("night")
    assert Settings(path).theme == "night"
    assert "Traceback" not in capfd.readouterr().err


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(garbage=st.binary(max_size=600) | st.text(alphabet="[]=\\@\"\n #;%x0é\x00", max_size=300).map(str.encode))
def test_any_settings_bytes_give_usable_settings(qapp, tmp_path, garbage):
    path = tmp_path / "fuzz" / "settings.ini"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(garbage)
    loaded = Settings(path)
    assert loaded.theme in THEMES and -2 <= loaded.text_step <= 6
    assert loaded.last_pack_version is None or loaded.last_pack_version >= 0
    assert isinstance(loaded.disclaimer_seen, bool)
    loaded.last_pack_version = 7
    _settings_file_is_clean(path)
    QSettings(str(path), QSettings.Format.IniFormat).sync()
    shutil.rmtree(path.parent)


# --- settings that cannot be saved ---------------------------------------------------------------------------


def test_settings_folder_unwritable_the_app_runs_and_says_changes_will_not_stick(qtbot, user_base, make_window):
    """The config folder replaced by a plain file: Qt cannot write settings.ini (root or not)."""
    folder = settings_path().parent
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_bytes(b"a file where the settings folder should be")
    window = make_window(settings=Settings())
    assert window.isVisible() and window.theme == DEFAULT_THEME
    qtbot.mouseClick(window.theme_buttons["night"], Qt.MouseButton.LeftButton)
    assert window.theme == "night", "the change still applies now"
    assert window.statusBar().currentMessage() == SETTINGS_NOT_SAVED
    qtbot.mouseClick(window.larger_button, Qt.MouseButton.LeftButton)
    assert window.text_step == 1 and window.statusBar().currentMessage() == SETTINGS_NOT_SAVED
    assert folder.read_bytes() == b"a file where the settings folder should be"
    assert leftovers(user_base) == []
    assert tracebacks_on_screen(window) == []

    folder.unlink()  # IT fixes the profile: the next change is saved and nothing is said
    folder.mkdir()
    window.statusBar().clearMessage()
    qtbot.mouseClick(window.theme_buttons["contrast"], Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == "" and not window.settings.save_failed
    assert Settings(settings_path()).theme == "contrast"


@contextlib.contextmanager
def _tiny_tmpfs(where: Path):
    where.mkdir()
    try:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(where)],
                                 capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        mounted = None
    if mounted is None or mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN); see the folder-as-file test")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, timeout=10)


def _fill(folder: Path) -> None:
    with open(folder / "filler", "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 1024)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def test_settings_on_a_really_full_disk(qtbot, tmp_path, make_window):
    with _tiny_tmpfs(tmp_path / "disk") as disk:
        path = disk / "config" / "settings.ini"
        first = Settings(path)
        first.theme, first.text_step, first.disclaimer_seen = "night", 2, True
        good = path.read_bytes()
        _fill(disk)
        window = make_window(settings=Settings(path))
        assert window.theme == "night" and window.text_step == 2
        qtbot.mouseClick(window.theme_buttons["contrast"], Qt.MouseButton.LeftButton)
        assert window.theme == "contrast" and window.statusBar().currentMessage() == SETTINGS_NOT_SAVED
        window.close()  # saving the window geometry fails too, quietly
        assert path.read_bytes() == good, "the old settings file is intact (never half-written)"
        assert sorted(p.name for p in path.parent.iterdir()) == ["settings.ini"], "no temporary file left"
        assert tracebacks_on_screen(window) == []


def test_read_only_user_folders_the_app_still_opens_and_runs(qtbot, user_base, monkeypatch, make_window):
    """Every user folder read-only (chmod 0o500; as root, where chmod stops nothing, simulated by
    patching Python's file creation to raise PermissionError(EACCES), see tests/failing_fs.py): the app
    starts on the bundled pack and answers; nothing is written."""
    for kind in ("data", "config", "log"):
        (user_base / kind).mkdir(exist_ok=True)
    before = tree_snapshot(user_base)
    with read_only(monkeypatch, user_base / "data", user_base / "log"):
        data = load_data(None)
        window = make_window(data=data, settings=Settings())
        assert data.origin == "bundled" and not data.failed and window.current_kind() == HOME
        window.set_search_index(SearchIndex(window.pack))
        _drive(qtbot, window)
    assert tree_snapshot(user_base / "data") == before_subset(before, "data")
    assert leftovers(user_base) == []


def before_subset(snapshot: dict[str, bytes | None], prefix: str) -> dict[str, bytes | None]:
    return {k[len(prefix) + 1:]: v for k, v in snapshot.items() if k.startswith(prefix + os.sep)}


# --- the pack replaced while the app is open ----------------------------------------------------------------


@pytest.mark.parametrize("replacement", ["newer-pack", "garbage", "deleted", "folder"])
def test_data_file_replaced_while_open(qtbot, tmp_path, make_window, replacement):
    """`--data FILE`: the app keeps the pack it loaded (in memory); the next start sees the new file."""
    path = tmp_path / "pack.json"
    shutil.copyfile(MINI, path)
    library = PackLibrary(tmp_path / "userdata", bundled=MINI)
    window = make_window(data=load_data(str(path), library))
    assert window.pack.meta.data_version == 3

    path.unlink()
    if replacement == "newer-pack":
        signed_pack(tables_at(9), path, make_key(tmp_path / "keys")[0])
    elif replacement == "garbage":
        path.write_bytes(b'{"meta": {"1": {"title": "half')
    elif replacement == "folder":
        path.mkdir()

    _drive(qtbot, window)  # still the pack it loaded
    assert window.pack.meta.data_version == 3 and window.data.loaded.path == path
    assert tracebacks_on_screen(window) == []

    reloaded = load_data(str(path), library)  # the next start (or reload) reads the file again
    if replacement == "newer-pack":
        assert not reloaded.failed and reloaded.loaded.pack.meta.data_version == 9
        return
    assert reloaded.failed and reloaded.origin == "bundled" and reloaded.failed_file == "pack.json"
    expected = {"garbage": "is not valid JSON", "deleted": "does not exist", "folder": "is a folder"}[replacement]
    assert expected in reloaded.problems[0].message
    second = make_window(data=reloaded)
    assert second.current_kind() == PROBLEMS and tracebacks_on_screen(second) == []


def test_update_installed_while_open(qtbot, tmp_path, user_base, make_window):
    """An update installed (from the CLI or the watched folder) while the window is open: the window
    keeps the pack it loaded; the next start uses the update and says so; the old version file can go
    away without harming the open window."""
    private, trusted = make_key(tmp_path / "keys")
    library = PackLibrary(user_base / "data", bundled=MINI, trusted_keys=[trusted])
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", private)))
    window = make_window(data=load_data(None, library))
    assert window.pack.meta.data_version == 4
    old_file = library.current

    library.install(library.prepare_install(signed_pack(tables_at(5), tmp_path / "v5.json", private)))
    library.install(library.prepare_install(signed_pack(tables_at(6), tmp_path / "v6.json", private)))
    shutil.rmtree(old_file.parent, ignore_errors=True)  # even if the version folder is cleaned away
    _drive(qtbot, window)
    assert window.pack.meta.data_version == 4

    restarted = make_window(data=load_data(None, library), settings=window.settings)
    assert restarted.pack.meta.data_version == 6
    updated = [b for b in restarted.banners if b.objectName() == "updatedBanner"]
    assert updated and "version 6" in updated[0].text()
    assert leftovers(user_base) == []


def test_pack_file_unreadable_mid_session_is_reported_at_next_load(tmp_path, monkeypatch):
    """A file that cannot be read (permission, I/O error) at the next load: a plain PackError."""
    path = tmp_path / "pack.json"
    shutil.copyfile(MINI, path)
    real_open, real_os_open = open, os.open

    def failing_open(file, mode="r", *args, **kwargs):
        if Path(os.fsdecode(file)) == path:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", failing_open)
    monkeypatch.setattr(os, "open", lambda file, *args, **kwargs: failing_open(file) if Path(os.fsdecode(file)) == path
                        else real_os_open(file, *args, **kwargs))  # packs are opened by open_regular
    with pytest.raises(PackError) as failure:
        from desktop.storage.pack_file import load_pack

        load_pack(path)
    assert "cannot be read" in str(failure.value) and "pack.json" in str(failure.value)


def test_the_settings_not_saved_message_fits_beside_the_as_of_date_at_800_by_600(qtbot, user_base, make_window):
    """At 800 × 600 and the largest text the message ran under the pack's version and "as of" date ("…close the
    app, b"), and it gave a reason (a full disk, a read-only folder) that is wrong for a settings file left unread
    as a pipe or one too large: it says what the officer needs, whole."""
    folder = settings_path().parent
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_bytes(b"a file where the settings folder should be")
    window = make_window(settings=Settings(), today=dt.date(2036, 2, 10))  # the pack long out of date: its longest line
    window.resize(800, 600)
    window.set_text_step(6)
    qtbot.mouseClick(window.theme_buttons["night"], Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == SETTINGS_NOT_SAVED
    qtbot.wait(1)
    label = window.status_label
    assert label.isVisible() and "as of" in label.text() and "OUT OF DATE" in label.text()
    assert label.geometry().left() >= window.statusBar().fontMetrics().horizontalAdvance(SETTINGS_NOT_SAVED) + 8
