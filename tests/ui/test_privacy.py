"""No network, and no record of encounters: one full officer workout (tests/ui/workout.py) through the
real start-up (desktop.__main__.main with no arguments → run_gui), run once for this module, with

* socket.socket, socket.create_connection, socket.getaddrinfo (and friends) replaced by functions that
  record the call and raise, plus an audit hook (sys.addaudithook) recording every socket.*, urllib and
  http.client event, so even code that bypassed the patched names would be seen;
* QDesktopServices.openUrl replaced by a recorder;
* every user folder (ENCOUNTER_GUIDE_BASEDIR, HOME, the XDG folders) redirected to one temporary
  folder, and every file opened for writing by Python code recorded (audit "open" events).

What Python cannot see (Qt's C++ or a C library opening a socket) is covered by: PySide6.QtNetwork never
imported, libQt6Network never loaded, and tests/e2e/test_no_network.py, which runs the app under strace.
PySide6 itself does not import QtNetwork (checked: after QtCore, QtGui, QtWidgets, QtPrintSupport and
QtTest are imported and a window is shown, it is not in sys.modules)."""

from __future__ import annotations

import errno
import logging
import os
import re
import socket
import sys
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QLabel, QTextBrowser
from pytestqt.qtbot import QtBot

from desktop import __main__ as entry
from desktop import log, paths
from desktop.ui import outcome_card
from desktop.ui.about_dialog import AboutDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import ALLOWED_KEYS, KEY_GEOMETRY, THEMES
from tests.ui.workout import Workout, run_workout

SOCKET_NAMES = ("socket", "create_connection", "create_server", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                "gethostbyaddr", "socketpair", "fromfd")
NETWORK_EVENTS = ("socket.", "urllib.", "http.client.", "ftplib.", "smtplib.", "imaplib.", "poplib.", "nntplib.",
                  "telnetlib.", "webbrowser.")
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


@dataclass
class Recorder:
    """What the workout tried: filled by the patches and the audit hook while ``active``."""

    active: bool = False
    socket_calls: list[str] = field(default_factory=list)
    audit_events: list[str] = field(default_factory=list)
    opened_urls: list[str] = field(default_factory=list)
    python_writes: list[str] = field(default_factory=list)

    def audit(self, event: str, args: tuple) -> None:
        if not self.active:
            return
        try:
            if event.startswith(NETWORK_EVENTS):
                self.audit_events.append(f"{event} {args!r}"[:300])
            elif event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
                mode, flags = args[1], args[2]
                if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (flags and flags & _WRITE_FLAGS):
                    self.python_writes.append(os.fsdecode(args[0]))
            elif event in ("os.rename", "os.replace", "os.mkdir"):
                target = args[1] if event != "os.mkdir" else args[0]
                self.python_writes.append(f"{event}: {os.fsdecode(target)}")
        except Exception as exc:  # an audit hook must never break the code it watches
            self.audit_events.append(f"audit hook failed on {event}: {exc!r}")


RECORDER = Recorder()
sys.addaudithook(RECORDER.audit)  # audit hooks cannot be removed; this one is idle unless RECORDER.active


def _refusing(name: str):
    def refuse(*args, **kwargs):
        RECORDER.socket_calls.append(f"socket.{name}{args!r}"[:300])
        raise OSError(errno.ENETUNREACH, f"network use is forbidden in this test (socket.{name})")

    return refuse


@dataclass
class Result:
    exit_code: int
    workout: Workout
    recorder: Recorder
    base: Path
    out: Path
    files: list[Path]
    modules_after: set[str]
    maps_after: str
    external_link_labels: list[str]
    working_folder: list[str] = field(default_factory=list)  # what the folder the app was started in held after


@pytest.fixture(scope="module")
def workout_result(request, qapp, tmp_path_factory) -> Result:
    base = tmp_path_factory.mktemp("workout-user")
    out = tmp_path_factory.mktemp("workout-out")
    started_in = tmp_path_factory.mktemp("workout-cwd")  # the folder the officer's shortcut starts the app in
    done: list[Workout] = []
    external: list[str] = []
    logger = logging.getLogger(log.LOGGER_NAME)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(paths.BASEDIR_ENV, str(base))
        mp.chdir(started_in)
        mp.setenv("HOME", str(base / "home"))
        for var, sub in (("XDG_CONFIG_HOME", "xdg-config"), ("XDG_DATA_HOME", "xdg-data"),
                         ("XDG_CACHE_HOME", "xdg-cache"), ("XDG_STATE_HOME", "xdg-state")):
            mp.setenv(var, str(base / sub))
        for name in SOCKET_NAMES:
            mp.setattr(socket, name, _refusing(name))
        mp.setattr(urllib.request, "urlopen", _refusing("urlopen"))
        mp.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: RECORDER.opened_urls.append(str(url))))
        mp.setattr(AboutDialog, "exec", lambda dialog: 0)  # the first-launch disclaimer, acknowledged
        mp.setattr(outcome_card, "ask_pdf_path", lambda parent, suggested: str(out / "answer.pdf"))
        mp.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs the app's own

        def event_loop() -> int:  # what app.exec() would run: the officer using the window
            window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
            done.append(run_workout(QtBot(request), window, out))
            for widget in [window, *window.findChildren(QLabel), *window.findChildren(QTextBrowser)]:
                if isinstance(widget, QLabel | QTextBrowser) and widget.openExternalLinks():
                    external.append(widget.objectName() or type(widget).__name__)
            window.deleteLater()
            return 0

        mp.setattr(QApplication, "exec", staticmethod(event_loop))
        RECORDER.active = True
        try:
            code = entry.main([])  # `encounter-guide` with no arguments: the officer app
        finally:
            RECORDER.active = False
            for handler in [h for h in logger.handlers if getattr(h, "_encounter_guide", False)]:
                logger.removeHandler(handler)
                handler.close()
            logger._encounter_guide_configured = None  # type: ignore[attr-defined]
    QApplication.processEvents()
    return Result(code, done[0], RECORDER, base, out, sorted(p for p in base.rglob("*") if p.is_file()),
                  set(sys.modules), Path("/proc/self/maps").read_text() if Path("/proc/self/maps").exists() else "",
                  external, sorted(str(p.relative_to(started_in)) for p in started_in.rglob("*")))


def test_the_workout_covered_everything(workout_result):
    """The workout itself: every scenario, every path, every cited provision, searches, PDF, handout."""
    from desktop.domain import wizard
    from desktop.storage.pack_file import load_pack

    pack = load_pack(paths.bundled_pack()).pack
    w = workout_result.workout
    assert workout_result.exit_code == 0
    every_path = sum(len(wizard.enumerate_paths(pack, s.scenario_id)) for s in pack.scenarios)
    assert set(w.scenarios) == {s.scenario_id for s in pack.scenarios}
    assert w.paths_walked == every_path + len(pack.scenarios)  # all paths hidden + the first of each on screen
    cited = {c.provision_id for s in pack.scenarios for n in s.nodes if hasattr(n, "cites") for c in n.cites
             if pack.provision(c.provision_id) is not None}
    assert w.provisions_opened == cited
    assert len(w.queries) >= 6 and any(n > 0 for n in w.result_counts)
    assert all(p.read_bytes().startswith(b"%PDF") for p in w.pdfs + w.handouts)


def test_no_network_during_the_workout(workout_result):
    r = workout_result.recorder
    assert r.socket_calls == [], "a socket was attempted"
    assert r.audit_events == [], "network code ran"
    assert r.opened_urls == [], "QDesktopServices.openUrl was called"
    assert workout_result.external_link_labels == [], "a label would open links in a browser"
    assert "PySide6.QtNetwork" not in workout_result.modules_after
    assert "libQt6Network" not in workout_result.maps_after


def _settings_values(path: Path) -> dict[str, object]:
    qs = QSettings(str(path), QSettings.Format.IniFormat)
    return {key: qs.value(key) for key in qs.allKeys()}


def test_no_record_of_encounters(workout_result):
    result, w = workout_result, workout_result.workout
    names = [str(p.relative_to(result.base)) for p in result.files]
    assert names == ["config/settings.ini"], f"the app wrote more than its settings: {names}"

    values = _settings_values(result.base / "config" / "settings.ini")
    assert set(values) <= ALLOWED_KEYS
    assert values["display/theme"] in THEMES and values["display/theme"] == "night"
    assert int(values["display/text_step"]) == 1
    assert str(values["notices/disclaimer_seen"]).lower() == "true"
    assert int(values["notices/last_pack_version"]) >= 0
    assert KEY_GEOMETRY in values

    raw = {p: p.read_bytes() for p in result.files}
    for secret in w.secrets():
        for path, data in raw.items():
            for encoded in {secret.encode("utf-8"), secret.lower().encode("utf-8")}:
                assert encoded not in data and encoded not in data.lower(), f"{secret!r} found in {path}"
    settings_text = raw[result.base / "config" / "settings.ini"].decode("utf-8", errors="replace")
    without_geometry = "\n".join(line for line in settings_text.splitlines() if not line.startswith("geometry="))
    ids = {*w.scenarios, *(node_id for _, node_id in w.outcome_ids), *w.provisions_opened}
    for ident in ids:  # ids are short: whole words only, and not inside the geometry bytes
        assert not re.search(rf"(?<![A-Za-z0-9_]){re.escape(ident)}(?![A-Za-z0-9_])", without_geometry, re.I), ident

    assert result.working_folder == [], "the app wrote in the folder it was started in"


def test_python_wrote_only_the_files_asked_for(workout_result):
    """Files opened for writing by Python code: only the PDF handout the trainer asked for (the outcome
    card's PDF and the settings are written by Qt, seen by the folder listing above)."""
    out = str(workout_result.out)
    user_folders = {f"os.mkdir: {workout_result.base / kind}" for kind in ("config", "log", "data")}  # empty folders
    strays = [p for p in workout_result.recorder.python_writes if out not in p and p not in user_folders]
    assert strays == []


def test_no_error_log_and_nothing_in_it(workout_result):
    log_dir = workout_result.base / "log"
    logs = list(log_dir.glob("errors.log*")) if log_dir.exists() else []
    for path in logs:  # none expected; if an error was logged, it holds no query or answer
        text = path.read_text(encoding="utf-8", errors="replace")
        for secret in workout_result.workout.secrets():
            assert secret not in text
    assert logs == []


@pytest.fixture
def qt_user_settings(tmp_path):
    """Qt's own user settings (QtProject.conf, where its file dialogs keep their folders) redirected to a folder of
    the test's: Qt fixes their place at the first use, so the XDG variables the other tests set do not move it."""
    from desktop.ui.dialog_memory import _qt_settings

    old = str(Path(_qt_settings().fileName()).parent)
    folder = tmp_path / "qt-user-settings"
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, old)


def _answer_the_next_file_dialog(target: Path) -> None:
    """Choose ``target`` in the real QFileDialog about to open (it is modal: its own loop runs this)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QFileDialog

    def answer() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(10, answer)
            return
        dialog.selectFile(str(target))
        dialog.accept()

    QTimer.singleShot(0, answer)


def _save_the_answer_through_the_real_dialog(qtbot, window: MainWindow, folder: Path) -> Path:
    from PySide6.QtCore import Qt

    window.start_scenario("S10")
    window.wizard_page.choose(1)
    _answer_the_next_file_dialog(folder / "answer.pdf")
    card = window.wizard_page.card
    with qtbot.waitSignal(card.pdf_saved, timeout=10_000) as saved:
        qtbot.mouseClick(card.pdf_button, Qt.MouseButton.LeftButton)
    return Path(saved.args[0])


def test_qt_keeps_no_record_of_the_folder_an_answer_was_saved_to(qtbot, window, tmp_path, qt_user_settings):
    """Qt's file dialog wrote the folder an officer saved an answer to (history, lastVisited) into
    ~/.config/QtProject.conf, found by a real run under strace (the workout replaces the dialog, so it never saw it)."""
    folder = tmp_path / "stop 4417 case folder"
    folder.mkdir()
    assert _save_the_answer_through_the_real_dialog(qtbot, window, folder).parent == folder
    assert [p for p in qt_user_settings.rglob("*") if p.is_file()] == [], "a file Qt made for the dialog alone"


def test_qt_s_own_settings_from_before_are_left_as_they_were(qtbot, window, tmp_path, qt_user_settings):
    """What other Qt programs keep there (their dialogs' view, say) is put back, not removed with the folders."""
    from desktop.ui.dialog_memory import _qt_settings

    before = {"FileDialog/viewMode": "List", "FileDialog/lastVisited": "file:///home/officer/Documents",
              "Other/key": "kept"}
    store = _qt_settings()
    for key, value in before.items():
        store.setValue(key, value)
    store.sync()
    folder = tmp_path / "stop 4417 case folder"
    folder.mkdir()
    _save_the_answer_through_the_real_dialog(qtbot, window, folder)
    after = _qt_settings()
    assert {key: after.value(key) for key in after.allKeys()} == before
    assert b"4417" not in Path(after.fileName()).read_bytes()


def test_qt_keeps_no_record_of_the_folder_a_problem_report_was_saved_to(qtbot, window, tmp_path, qt_user_settings):
    from desktop.ui import report_dialog

    folder = tmp_path / "stop 4417 case folder"
    folder.mkdir()
    _answer_the_next_file_dialog(folder / "report.txt")
    assert Path(report_dialog.ask_report_path(window, str(tmp_path / report_dialog.SUGGESTED_NAME))).parent == folder
    assert [p for p in qt_user_settings.rglob("*") if p.is_file()] == []


def test_qt_keeps_no_record_of_the_folder_an_update_was_installed_from(qtbot, window, tmp_path, qt_user_settings):
    """Data → Install data update… kept its folder in Qt's settings, as the answer's Save as PDF had (review11)."""
    from desktop.ui import update_dialog

    folder = tmp_path / "updates 4417"
    folder.mkdir()
    (folder / "update.json").write_text("{}", encoding="utf-8")
    _answer_the_next_file_dialog(folder / "update.json")
    assert Path(update_dialog.ask_update_file(window, folder)).parent == folder
    assert [p for p in qt_user_settings.rglob("*") if p.is_file()] == []


def test_every_file_dialog_of_the_app_opens_through_the_one_that_forgets_its_folders():
    """Each QFileDialog call (officer, trainer, supervisor, editor) goes through dialog_memory, so none keeps the
    folders it visited in Qt's settings."""
    import desktop

    root = Path(desktop.__file__).parent
    direct = [f"{path.relative_to(root)}:{number}" for path in root.rglob("*.py") if path.name != "dialog_memory.py"
              for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
              if "QFileDialog.get" in line]
    assert direct == []
