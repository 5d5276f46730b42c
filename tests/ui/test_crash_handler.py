"""The crash handler and the error log, through the real start-up (run_gui): an exception inside a slot
shows the officer a plain message (a mocked QMessageBox) and writes the traceback only to the rotating
errors.log in the (redirected) platform log folder, never what was searched or answered."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_NAME, log, paths
from desktop.__main__ import build_parser
from desktop.ui import app as gui_app
from desktop.ui.about_dialog import AboutDialog
from desktop.ui.data_loading import load_data
from desktop.ui.main_window import MainWindow
from tests.hostile_cases import TRACEBACK_TEXT
from tests.ui.ui_helpers import search

MINI = str(Path(__file__).resolve().parent.parent / "fixtures" / "mini-pack.json")
QUERY = "zanzibar quokka detainer"  # typed before the crash: must never reach the log


@pytest.fixture
def shown(monkeypatch) -> list[tuple]:
    """QMessageBox.warning, mocked: the calls it got."""
    calls: list[tuple] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *args: calls.append(args)))
    return calls


@pytest.mark.qt_no_exception_capture  # the app's own excepthook must see the exception, not pytest-qt's
def test_exception_in_a_slot_shows_a_plain_message_and_logs_the_traceback(qtbot, monkeypatch, capfd, fresh_log,
                                                                          shown, user_base):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: 0)

    def broken_slot(self, delta: int) -> None:
        raise RuntimeError("text size handler exploded")

    monkeypatch.setattr(MainWindow, "change_text_size", broken_slot)
    seen: dict[str, object] = {}

    def event_loop() -> int:  # instead of app.exec(): drive the window run_gui built, then return
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.search_index is not None, timeout=3000)
        search(qtbot, window, QUERY)
        window.start_scenario("S08")
        window.wizard_page.choose(2)
        qtbot.mouseClick(window.larger_button, Qt.MouseButton.LeftButton)  # the slot raises
        seen["still_running"] = window.isVisible() and window.current_kind() == "wizard"
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(event_loop))
    assert gui_app.run_gui(build_parser().parse_args(["--data", MINI])) == 0
    assert seen["still_running"]

    assert len(shown) == 1, shown
    parent, title, message = shown[0]
    assert parent is None and title == APP_NAME
    assert "Something went wrong" in message and "still running" in message
    assert not TRACEBACK_TEXT.search(message) and "exploded" not in message

    log_path = paths.user_log_dir() / "errors.log"
    assert log_path == log.log_file() and str(log_path).startswith(str(user_base))
    text = log_path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "RuntimeError: text size handler exploded" in text
    assert "zanzibar" not in text and "quokka" not in text and "S08" not in text

    err = capfd.readouterr().err
    assert "Traceback" not in err and "exploded" not in err, "the traceback went to the terminal"
    handlers = [h for h in fresh_log.handlers if getattr(h, "_encounter_guide", False)]
    assert [type(h).__name__ for h in handlers] == ["RotatingFileHandler"], "one error log, rotating"


def test_app_has_one_error_log_implementation():
    source = Path(gui_app.__file__).read_text(encoding="utf-8")
    assert "FileHandler" not in source and "excepthook" not in source.replace("install_excepthook", "")


def test_unexpected_loader_error_goes_to_the_same_log(tmp_path, monkeypatch, fresh_log):
    """data_loading's own logger (desktop.ui.data_loading) reaches the rotating file too."""
    from desktop.ui import data_loading

    log.setup_logging()
    real = data_loading.load_pack

    def explode(path, stamped=False):
        if Path(path).name == "good.json":
            raise RuntimeError("loader exploded")
        return real(path, stamped)

    monkeypatch.setattr(data_loading, "load_pack", explode)
    good = tmp_path / "good.json"
    good.write_bytes(Path(MINI).read_bytes())
    state = load_data(str(good))
    assert state.failed and "unexpected error" in state.problems[0].message
    assert "exploded" not in state.problems[0].message
    text = log.log_file().read_text(encoding="utf-8")
    assert "RuntimeError: loader exploded" in text and "Traceback" in text


def test_error_log_rotates(fresh_log):
    logger = log.setup_logging()
    line = "x" * 1000
    for _ in range((log.MAX_BYTES // 1000) * (log.BACKUPS + 2)):
        logger.error("a data pack could not be read: %s", line)
    files = sorted(p.name for p in log.log_file().parent.iterdir())
    assert files == ["errors.log", *(f"errors.log.{n}" for n in range(1, log.BACKUPS + 1))]
    for name in files:
        assert (log.log_file().parent / name).stat().st_size <= log.MAX_BYTES + 2000


def test_log_follows_the_log_folder(tmp_path, monkeypatch, fresh_log):
    first = log.setup_logging()
    first.error("one")
    monkeypatch.setenv(paths.BASEDIR_ENV, str(tmp_path / "elsewhere"))
    log.setup_logging().error("two")
    assert "two" in (tmp_path / "elsewhere" / "log" / "errors.log").read_text(encoding="utf-8")


def test_crash_handler_without_a_window_prints_the_plain_message(monkeypatch, capsys, fresh_log):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)

    def no_window(message: str) -> None:
        raise RuntimeError("no QApplication")

    log.install_excepthook(no_window)
    try:
        raise ValueError("deep inside")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    err = capsys.readouterr().err
    assert "Something went wrong" in err and "Traceback" not in err
    assert "ValueError: deep inside" in log.log_file().read_text(encoding="utf-8")


def test_an_error_log_that_cannot_be_written_says_so_in_a_line_and_keeps_the_errors(fresh_log, capfd):
    """A folder where errors.log should be (or a full disk) made logging print its own "--- Logging error ---" with
    a traceback of the logging module on the terminal, for every error, and the error itself was lost."""
    log.log_file().mkdir(parents=True)
    logger = log.setup_logging()
    try:
        raise RuntimeError("the first error")
    except RuntimeError:
        logger.exception("unexpected error while loading x.json")
    logger.error("the second error")
    err = capfd.readouterr().err
    assert "Logging error" not in err and "logging/__init__.py" not in err
    assert err.count(f"Encounter Guide could not write its error log {log.log_file()}: ") == 1, err
    assert "unexpected error while loading x.json" in err and "RuntimeError: the first error" in err
    assert "the second error" in err


#: what the officer is shown for an error when the error log does not hold it
PLAIN_MESSAGE = ("Something went wrong inside Encounter Guide. The app is still running. If it happens again, "
                 "tell your supervisor.")


def _error_in_a_slot() -> list[str]:
    """What the officer is shown for an error raised inside a slot, with the app's excepthook installed."""
    shown: list[str] = []
    log.install_excepthook(shown.append)
    try:
        raise RuntimeError("inside a slot")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    return shown


def test_the_plain_message_names_the_log_only_when_it_was_written(fresh_log, monkeypatch, capfd):
    """With the log file unwritable, "details were written to …/errors.log" sent a supervisor to a file that does not
    hold them."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    log.log_file().mkdir(parents=True)
    assert _error_in_a_slot() == [PLAIN_MESSAGE]
    assert "RuntimeError: inside a slot" in capfd.readouterr().err


def test_a_log_call_whose_arguments_do_not_fit_leaves_the_error_log_in_use(fresh_log, capfd):
    """Any failure to log was taken for a log that cannot be written: one call with a wrong number of arguments (a
    bug in that call, not in the file) sent every later error to stderr alone, where nobody reads it in the app,
    and said 'could not write its error log'."""
    logger = log.setup_logging()
    logger.error("a call with %s and %s", "one argument")
    logger.error("the next error")
    err = capfd.readouterr().err
    assert "could not write its error log" not in err
    assert "the next error" in log.log_file().read_text(encoding="utf-8")


def test_the_plain_message_does_not_name_a_log_that_stopped_taking_errors(fresh_log, monkeypatch, capfd):
    """A log file that was written before and then cannot be (the disk full) is still there: the message named it
    as holding details it never got."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    logger = log.setup_logging()
    logger.error("an earlier error")  # the file is there from now on
    [handler] = [h for h in logger.handlers if getattr(h, "_encounter_guide", False)]

    class FullDisk:
        def write(self, _text: str) -> None:
            raise OSError(28, "No space left on device")

        def flush(self) -> None:
            pass

        def seek(self, *_args: int) -> int:  # the rotating log asks where it is first
            return 0

        tell = seek

    real_stream, handler.stream = handler.stream, FullDisk()
    try:
        shown = _error_in_a_slot()
    finally:
        real_stream.close()
    assert log.log_file().is_file()
    assert shown == [PLAIN_MESSAGE]
    assert "RuntimeError: inside a slot" in capfd.readouterr().err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_an_error_log_that_is_a_pipe_is_not_written_and_the_errors_go_to_stderr(fresh_log, capfd):
    """errors.log a pipe (or a link to one): opening it to write waited for a reader, so the first error froze the
    window for good. Here a reader is there (so the test ends either way): the errors went into the pipe, unseen."""
    log.log_file().parent.mkdir(parents=True)
    os.mkfifo(log.log_file())
    reader = os.open(log.log_file(), os.O_RDONLY | os.O_NONBLOCK)
    try:
        logger = log.setup_logging()
        logger.error("the first error")
        logger.error("the second error")
        err = capfd.readouterr().err
        assert err.count(f"Encounter Guide could not write its error log {log.log_file()}: it is a pipe") == 1, err
        assert "the first error" in err and "the second error" in err
        assert os.read(reader, 100) == b"", "nothing was written into the pipe"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(log.log_file()).st_mode)
