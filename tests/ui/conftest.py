"""Fixtures for the officer app: a main window on the small test pack, settings in a temp folder."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.search import SearchIndex
from desktop.ui.data_loading import DataState, load_data
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from desktop.ui.themes import Themes

#: A day inside the mini pack's review period (reviewed 2026-02-02, 90 days).
FRESH_DAY = dt.date(2026, 2, 10)


@pytest.fixture(autouse=True, scope="session")
def _qt_own_settings_kept_apart(tmp_path_factory):
    """Qt's own user settings (QtProject.conf, where file dialogs keep folders; every dialog of the app puts them
    back as they were) live in a folder of the run's, never the real profile's."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                      str(tmp_path_factory.mktemp("qt-user-settings")))


@pytest.fixture(autouse=True)
def _quiz_answers_may_go(monkeypatch):
    """A quiz closed with answers not exported asks first (quiz_window.ask_discard): a modal no test answers.
    Here it lets them go, as at every window's close when a test ends; tests of the question replace it."""
    from desktop.ui import quiz_window

    monkeypatch.setattr(quiz_window, "ask_discard", lambda parent, answered: True)


@pytest.fixture(autouse=True)
def _unfreeze_after_test():
    """The window freezes what is alive when its search index arrives; later tests must not inherit it."""
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def _keys_used_last():
    """The focus ring is the application's (widgets.FocusRing): a tap in one test must not hide it in the next."""
    yield
    from desktop.ui.widgets import focus_ring

    ring = focus_ring()
    if ring is not None:
        ring.pointer = False


@pytest.fixture(autouse=True)
def _close_windows_left_open():
    """Every window still shown when a test ends is closed: qtbot closes the widgets a test gave it, not the
    windows they opened, and a quiz opened from the officer window stayed shown and active into the next tests,
    where its 1 – 4 took the digits pressed on the slides (tests/ui/test_windows_left_open.py)."""
    yield
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()


@pytest.fixture
def mini_data(mini_pack_path: Path) -> DataState:
    data = load_data(str(mini_pack_path))
    assert data.loaded is not None and not data.failed
    return data


@pytest.fixture
def settings(user_base: Path) -> Settings:
    return Settings()


@pytest.fixture
def make_window(qtbot, mini_data: DataState) -> Callable[..., MainWindow]:
    def make(
        data: DataState | None = None,
        settings: Settings | None = None,
        today: dt.date = FRESH_DAY,
        with_index: bool = True,
    ) -> MainWindow:
        data = data if data is not None else mini_data
        index = SearchIndex(data.loaded.pack) if with_index and data.loaded is not None else None
        window = MainWindow(data, settings if settings is not None else Settings(), Themes(), index=index, today=today)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    return make_window()
