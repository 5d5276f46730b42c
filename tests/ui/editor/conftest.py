"""Fixtures for the supervisor editor: a window on a copy of the mini pack; modal prompts are mocked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.storage.library import PackLibrary
from desktop.ui.editor.window import EditorWindow
from desktop.ui.settings import Settings
from tests.conftest import MINI_PACK

TODAY = dt.date(2026, 2, 10)


class Prompts:
    """Records the message boxes the editor shows and answers them."""

    def __init__(self) -> None:
        self.unsaved_answer = QMessageBox.StandardButton.Discard
        self.questions: list[str] = []
        self.warnings: list[str] = []

    def question(self, _parent: Any, _title: str, text: str, *_args: Any, **_kwargs: Any) -> Any:
        self.questions.append(text)
        return self.unsaved_answer

    def warning(self, _parent: Any, _title: str, text: str, *_args: Any, **_kwargs: Any) -> Any:
        self.warnings.append(text)
        return QMessageBox.StandardButton.Ok


@pytest.fixture(autouse=True)
def prompts(monkeypatch: pytest.MonkeyPatch) -> Iterator[Prompts]:
    """No real modal box ever opens in a test (it would wait for a click forever). At the end, while the boxes
    are still mocked, every editor left open is closed with its changes discarded: a test that answered the
    last question with anything but Save or Discard (e.g. Yes, to rename an id) left its editor refusing to
    close, and the real "Unsaved changes" box then opened when a later teardown closed the windows left open
    (an abort when the test ran in a smaller selection than the whole suite)."""
    recorder = Prompts()
    monkeypatch.setattr(QMessageBox, "question", recorder.question)
    # the app's own questions (widgets.ask) build the box and run it
    monkeypatch.setattr(QMessageBox, "exec", lambda box: recorder.question(box.parent(), box.windowTitle(), box.text()))
    monkeypatch.setattr(QMessageBox, "warning", recorder.warning)
    yield recorder
    recorder.unsaved_answer = QMessageBox.StandardButton.Discard
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, EditorWindow) and widget.isVisible():
            widget.close()


@pytest.fixture
def make_editor(qtbot) -> Callable[..., EditorWindow]:
    def make(path: Path | None, settings: Settings | None = None,
             size: tuple[int, int] | None = (1280, 800), library: PackLibrary | None = None) -> EditorWindow:
        """The editor on ``path``, shown at ``size`` (None: its own default size), checked; ``settings``
        for a test of what it remembers between sessions. ``library``: the data in use that Publish… compares
        with (default: the mini pack standing in for the data built into the app)."""
        window = EditorWindow(path, today=TODAY, settings=settings,
                              library=library if library is not None else PackLibrary(bundled=MINI_PACK))
        qtbot.addWidget(window)
        if size is not None:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        wait_checked(qtbot, window)
        return window

    return make


@pytest.fixture
def editor(make_editor: Callable[..., EditorWindow], mini_pack_path: Path) -> EditorWindow:
    return make_editor(mini_pack_path)


def wait_checked(qtbot, window: EditorWindow) -> None:
    """Wait until the problems panel shows a check of the current tables (debounced, in a thread)."""
    qtbot.waitUntil(lambda: window.document.report_is_current, timeout=10000)
