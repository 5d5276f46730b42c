"""GUI entry: build the QApplication and the main window from the command-line arguments."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import APP_NAME, __version__, paths
from desktop.log import install_excepthook, setup_logging
from desktop.runtime import collector_paused, stop_pyside_source_scan

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication

#: Set (to anything) to print "FIRST FRAME <ms>" and quit once the window is first painted (build_scripts/bench.py).
EXIT_AFTER_FIRST_FRAME_ENV = "ENCOUNTER_GUIDE_EXIT_AFTER_FIRST_FRAME"


def import_qt() -> None:
    """Import PySide6 and stop its import wrapper (desktop.runtime.stop_pyside_source_scan) before any window
    module is imported: by run_gui, and by desktop.__main__ before the editor's and the presentation's modules,
    which import PySide6 at their top (stopped in their own entries, it had read 28 and 7 of our sources)."""
    import PySide6.QtCore  # noqa: F401 (the wrapper comes with PySide6's first import)

    stop_pyside_source_scan()


def qt_arguments(program: str | None = None) -> list[str]:
    """The QApplication's command line: the program's name, and the Fusion style on every system. The
    themes (QSS) are drawn and measured on top of Fusion, so Windows and macOS look and lay out as Linux
    does (ScenarioTree's rows count on Fusion's text margins); set here, it costs nothing at start-up."""
    return [program if program is not None else sys.argv[0], "-style", "fusion"]


def show_plain_message(message: str) -> None:
    """The crash handler's message for the officer (desktop.log.install_excepthook): plain words, no traceback."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        raise RuntimeError("no QApplication")  # install_excepthook then prints the message to stderr
    QMessageBox.warning(None, APP_NAME, message)


def set_window_icon(app: QGuiApplication) -> None:
    """The app's icon on every window (the taskbar, the window switcher), when the resources hold it."""
    from PySide6.QtGui import QIcon

    icon = paths.resources_dir() / "icons" / "encounter-guide-256.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))


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
    # No cycle collection before the first frame: start-up makes tens of thousands of objects that live as
    # long as the app (modules, classes, Qt wrappers, the pack) and next to no garbage, and the collector
    # walked them again and again on the way. At the first frame they are frozen (moved out of the
    # collector's way for good, as the search index build does with the pack and its index right after),
    # and collection resumes for what is made from then on (PERFORMANCE.md, thirteenth pass).
    with contextlib.ExitStack() as start_up:
        start_up.enter_context(collector_paused())
        start_up.callback(gc.freeze)  # runs first: nothing made so far is walked when collection resumes
        return _open_window(args, started, start_up)


def _open_window(args: argparse.Namespace, started: float, start_up: contextlib.ExitStack) -> int:
    """run_gui's work; ``start_up.close()`` freezes what start-up made and lets the cycle collector run again."""
    _note_unbuilt_modes(args)
    smoke = bool(getattr(args, "smoke_test", False))
    if smoke:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # The data layer (domain + storage, no Qt) and the pack before PySide6, and PySide6's source scan stopped
    # before the window's modules (tests/test_startup_imports.py); the library imports what it needs for an
    # installed update only when there is one.
    from desktop.ui.data_loading import load_data

    setup_logging()  # errors only, to the rotating log in the user log folder (desktop/log.py)
    data = load_data(getattr(args, "data", None))

    import_qt()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings
    from desktop.ui.themes import Themes

    app = QApplication.instance() or QApplication(qt_arguments())
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("encounter-guide")
    set_window_icon(app)

    if smoke:
        import tempfile

        from desktop.ui.smoke import run_smoke_test

        start_up.close()
        with tempfile.TemporaryDirectory(prefix="encounter-guide-smoke-") as tmp:
            settings = Settings(Path(tmp) / "settings.ini")
            return run_smoke_test(app, data, settings, Themes(), started)

    settings = Settings()
    window = MainWindow(data, settings, Themes())
    scenario = getattr(args, "scenario", None)
    if scenario and data.loaded is not None and not data.failed:
        window.start_scenario(scenario)

    def after_first_frame() -> None:
        start_up.close()
        if os.environ.get(EXIT_AFTER_FIRST_FRAME_ENV):
            print(f"FIRST FRAME {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
            app.quit()
            return
        if window.pack is not None:  # in a background thread, after the first paint
            window.build_search_index()
            window.warm_up()
        window.scan_inbox()  # the IT folder, in a background thread: never before the first frame
        window.show_first_launch_notices()

    window.first_painted.connect(lambda: QTimer.singleShot(0, after_first_frame))  # emitted once
    window.show()
    install_excepthook(show_plain_message)
    # From here the window holds the pack in use; this frame lives until the app quits, and an update installed
    # meanwhile would leave the pack it replaced held here for good
    del data
    return int(app.exec())
