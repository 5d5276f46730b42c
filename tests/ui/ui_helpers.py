"""Helpers for driving the officer app in tests."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.ui.main_window import MainWindow


def type_text(widget: QWidget, text: str) -> None:
    """Unicode-safe typing (qtbot.keyClicks aborts on characters such as é)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def search(qtbot, window: MainWindow, query: str) -> int:
    """Type an ASCII query into the real search field and wait for the debounced results."""
    window.search_field.setFocus()
    with qtbot.waitSignal(window.search_page.results_shown, timeout=2000) as blocker:
        qtbot.keyClicks(window.search_field, query)
    return int(blocker.args[0])


def activate(qtbot, window: MainWindow) -> None:
    """Window shortcuts (Alt+Left, Ctrl+K, /) only fire in the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
