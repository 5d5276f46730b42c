"""Qt's file dialogs keep the folders they visit (their history and the last folder) in Qt's own user settings
(``~/.config/QtProject.conf`` on Linux, the registry on Windows), where the folder an officer saved an answer or a
problem report to stayed after the app closed: a record of what they did, beside a settings file that promises
none. ``folders_forgotten()`` puts those settings back as they were once the dialog is closed; every file dialog of
the app (officer, trainer, supervisor, editor) opens through ``save_file_name`` or ``open_file_name``, which do."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

#: the group QFileDialog writes when it closes (history, lastVisited, shortcuts, the view's state)
GROUP = "FileDialog"


def _qt_settings() -> QSettings:
    return QSettings(QSettings.Scope.UserScope, "QtProject")


def _is_file(name: str) -> bool:
    try:
        return Path(name).is_file()  # on Windows the name is the registry key's: never a file
    except OSError:
        return False


@contextlib.contextmanager
def folders_forgotten() -> Iterator[None]:
    """Around a QFileDialog: what Qt keeps of the folders it visited is put back as it was before it opened (a file
    Qt made for them alone is removed)."""
    before = _qt_settings()
    file_before = _is_file(before.fileName())
    kept = {key: before.value(key) for key in before.allKeys() if key.startswith(GROUP + "/")}
    del before
    try:
        yield
    finally:
        after = _qt_settings()
        after.remove(GROUP)
        for key, value in kept.items():
            after.setValue(key, value)
        after.sync()
        name = after.fileName()
        if not file_before and not after.allKeys() and _is_file(name):
            del after
            with contextlib.suppress(OSError):
                Path(name).unlink()


def save_file_name(parent: QWidget | None, caption: str, suggested: str, filters: str) -> tuple[str, str]:
    """QFileDialog.getSaveFileName (the name chosen, '' when cancelled, and its filter), leaving Qt no record of
    the folder."""
    from PySide6.QtWidgets import QFileDialog

    with folders_forgotten():
        return QFileDialog.getSaveFileName(parent, caption, suggested, filters)


def open_file_name(parent: QWidget | None, caption: str, start: str, filters: str) -> tuple[str, str]:
    """QFileDialog.getOpenFileName, leaving Qt no record of the folder."""
    from PySide6.QtWidgets import QFileDialog

    with folders_forgotten():
        return QFileDialog.getOpenFileName(parent, caption, start, filters)
