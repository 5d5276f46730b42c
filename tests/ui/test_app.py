"""run_gui: the command-line options reach the window; the event loop is replaced by a check."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop.__main__ import build_parser
from desktop.ui import app as gui_app
from desktop.ui.about_dialog import AboutDialog
from desktop.ui.history import HOME, PROBLEMS, PROVISION, SEARCH, WIZARD
from desktop.ui.main_window import MainWindow

MINI = str(Path(__file__).resolve().parent.parent / "fixtures" / "mini-pack.json")


@pytest.fixture
def run(qapp, qtbot, monkeypatch):
    """Run run_gui with these arguments; return the window it built (the event loop is not entered)."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own; put pytest's back
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: 0)
    built: list[MainWindow] = []

    def fake_exec() -> int:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        qtbot.addWidget(window)
        built.append(window)
        if window.pack is not None:  # the index is built right after the first frame
            qtbot.waitUntil(lambda: window.search_index is not None, timeout=3000)
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))

    def go(*argv: str) -> MainWindow:
        assert gui_app.run_gui(build_parser().parse_args(list(argv))) == 0
        return built[-1]

    return go


def test_scenario_option_opens_the_wizard(run):
    window = run("--data", MINI, "--scenario", "S08")
    assert window.current_kind() == WIZARD
    assert window.wizard_page.state.scenario_id == "S08"


def test_search_index_is_built_after_the_first_frame(run):
    window = run("--data", MINI)
    window.search_page.search_now("detainer")
    assert window.search_page.model.rowCount() > 0


def test_the_pages_an_officer_opens_first_are_built_after_the_first_frame(run, qtbot):
    window = run("--data", MINI)
    qtbot.waitUntil(lambda: {WIZARD, SEARCH, PROVISION} <= set(window.pages))
    assert window.current_kind() == HOME


def test_broken_data_option_shows_the_problems(run, tmp_path: Path):
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    window = run("--data", str(broken))
    assert window.current_kind() == PROBLEMS
    assert window.data.origin == "bundled" and window.pack is not None


def test_present_and_edit_are_noted_not_built(run, capsys):
    window = run("--data", MINI, "--present")
    assert "--present is not available" in capsys.readouterr().err
    assert window.isVisible()


def test_the_app_icon_is_set_for_every_window(run, qapp):
    before = qapp.windowIcon()
    qapp.setWindowIcon(QIcon())
    try:
        window = run("--data", MINI)
        icon = qapp.windowIcon()
        assert not icon.isNull() and icon.availableSizes()
        assert window.windowIcon().cacheKey() == icon.cacheKey()
    finally:
        qapp.setWindowIcon(before)


def test_every_window_is_drawn_in_the_fusion_style_on_every_system():
    """The themes are drawn and measured on Fusion (the scenario lists' rows count on its text margins),
    so the app asks for it rather than taking Windows' or macOS' own style."""
    code = ("import sys; from PySide6.QtWidgets import QApplication; from desktop.ui.app import qt_arguments; "
            "app = QApplication(qt_arguments('encounter-guide')); print(app.style().name(), app.arguments())")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "windows"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.split()[0] == "fusion", out  # even where the system asks for another style


def test_the_cycle_collector_runs_again_when_the_event_loop_ends_before_a_first_frame(qapp, qtbot, monkeypatch):
    """run_gui pauses the collector until the first frame; an event loop that ends without one (the window
    never painted) must not leave the process without it."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: 0)  # the first launch's notice, once it paints later
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    assert gc.isenabled()
    assert gui_app.run_gui(build_parser().parse_args(["--data", MINI])) == 0
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
    qtbot.addWidget(window)
    assert not window._painted and gc.isenabled()


def test_the_pack_an_update_replaces_while_the_app_runs_is_freed(qapp, qtbot, monkeypatch):
    """run_gui's frame lives until the app quits: it held the start-up's data, and so did the first frame's work,
    which the window keeps, so an update installed while the app ran left the pack it replaced in memory for good
    (for a pack of thousands of provisions, tens of MB more at each update)."""
    import weakref

    from PySide6.QtCore import QEvent

    from desktop import paths
    from desktop.domain.search import SearchIndex
    from desktop.ui.data_loading import load_data

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: 0)
    freed: list[bool] = []

    def fake_exec() -> int:  # the app runs: its first frame, then an update comes in
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.search_index is not None, timeout=3000)  # built after the first frame
        started_on = weakref.ref(window.pack)
        update = load_data(str(paths.bundled_pack()))
        window.reload_data(update, SearchIndex(update.loaded.pack))
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        freed.append(started_on() is None)
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert gui_app.run_gui(build_parser().parse_args(["--data", MINI])) == 0
    assert freed == [True], "the pack the app started on is still held"
