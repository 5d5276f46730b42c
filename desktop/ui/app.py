"""GUI entry: build the QApplication and the main window from the command-line arguments."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

from desktop import APP_NAME, __version__, paths

log = logging.getLogger("desktop")

#: Set (to anything) to print "FIRST FRAME <ms>" and quit once the window is first painted (build_scripts/bench.py).
EXIT_AFTER_FIRST_FRAME_ENV = "ENCOUNTER_GUIDE_EXIT_AFTER_FIRST_FRAME"

UNEXPECTED_ERROR_TEXT = (
    "Something went wrong inside Encounter Guide. The details were written to the error log for IT. "
    "You can keep using the app; if it misbehaves, close it and open it again."
)


def _setup_error_log() -> None:
    """Errors only, to a file under the user log folder. Never what was searched or answered."""
    if any(isinstance(h, logging.FileHandler) for h in log.handlers):
        return
    try:
        folder = paths.user_log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(folder / "errors.log", encoding="utf-8", delay=True)
    except OSError:
        return
    handler.setLevel(logging.ERROR)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.ERROR)


def _officer_safe_excepthook() -> Callable[..., None]:
    """Log unexpected errors and show a plain message, never a traceback."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: types.TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None:
            QMessageBox.warning(None, APP_NAME, UNEXPECTED_ERROR_TEXT)

    return hook


def _note_unbuilt_modes(args: argparse.Namespace) -> None:
    if getattr(args, "present", False):
        print("encounter-guide: --present is not available from this entry point; opening the officer app.",
              file=sys.stderr)
    if getattr(args, "edit", None) is not None:
        print("encounter-guide: --edit is not available from this entry point; opening the officer app.",
              file=sys.stderr)


def run_gui(args: argparse.Namespace) -> int:
    """Open the officer app. Returns the process exit code."""
    started = time.perf_counter()
    _note_unbuilt_modes(args)
    smoke = bool(getattr(args, "smoke_test", False))
    if smoke:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _setup_error_log()

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from desktop.domain.search import SearchIndex
    from desktop.ui.data_loading import load_data
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings
    from desktop.ui.themes import Themes

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("encounter-guide")
    icon = paths.resources_dir() / "icons" / "encounter-guide-256.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))

    data = load_data(getattr(args, "data", None))
    if smoke:
        import tempfile

        from desktop.ui.smoke import run_smoke_test

        with tempfile.TemporaryDirectory(prefix="encounter-guide-smoke-") as tmp:
            settings = Settings(Path(tmp) / "settings.ini")
            return run_smoke_test(app, data, settings, Themes(), started)

    settings = Settings()
    window = MainWindow(data, settings, Themes())
    scenario = getattr(args, "scenario", None)
    if scenario and data.loaded is not None and not data.failed:
        window.start_scenario(scenario)
    def after_first_frame() -> None:
        if os.environ.get(EXIT_AFTER_FIRST_FRAME_ENV):
            print(f"FIRST FRAME {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
            app.quit()
            return
        if data.loaded is not None:  # ~90 ms for the bundled pack: after the first paint
            window.set_search_index(SearchIndex(data.loaded.pack))
        window.show_first_launch_notices()

    window.first_painted.connect(lambda: QTimer.singleShot(0, after_first_frame), Qt.ConnectionType.SingleShotConnection)
    window.show()
    sys.excepthook = _officer_safe_excepthook()
    return int(app.exec())
