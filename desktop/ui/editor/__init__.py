"""The supervisor editor: edit a data pack with live checking, a logic map, undo, save and publish.

Entry points: ``encounter-guide --edit [FILE]`` (:func:`run_editor`) and, from the officer app's
Data → Edit… menu, :func:`open_editor`. Before the main window closes it should call
:func:`close_editors` and stay open if that returns False (someone chose Cancel on unsaved changes)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.storage.pack_file import PackError
from desktop.ui.editor.window import EditorWindow
from desktop.ui.settings import Settings
from desktop.ui.widgets import plain_tip

__all__ = ["EditorWindow", "close_editors", "open_editor", "open_editors", "run_editor"]

_open: list[EditorWindow] = []


def open_editors() -> list[EditorWindow]:
    """The editor windows open now."""
    return list(_open)


def _cannot_open(parent: QWidget | None, path: str | Path | None, exc: PackError) -> None:
    lines = "\n".join(f"• {p.message}" for p in exc.problems[:8])
    QMessageBox.warning(parent, "Cannot open the data pack",  # a file named "<img src=x.png>.json" is words
                        plain_tip(f"{Path(path).name if path else 'The data pack'} cannot be edited:\n{lines}"))


def open_editor(parent_window: QWidget | None, path: str | Path | None = None,
                settings: Settings | None = None) -> EditorWindow | None:
    """Open the editor in its own window on ``path`` (None: a copy of the built-in pack) and return it.
    ``settings``: where the panels' sizes are remembered (None: the settings file in the user config folder).

    The window is top-level (so it keeps the editor's desk-size look, not the officer app's sizes) and is
    kept alive here until it closes. It shows the officer window's theme and text size, and a change in one
    window is made in the other. Returns None, after telling the person why, if the file cannot be read."""
    try:
        window = EditorWindow(path, settings=settings if settings is not None else Settings(),
                              themes=getattr(parent_window, "themes", None))
    except PackError as exc:
        _cannot_open(parent_window, path, exc)
        return None
    _follow_each_other(window, parent_window)
    _open.append(window)
    window.closed.connect(lambda: _open.remove(window) if window in _open else None)
    if parent_window is not None:
        center = parent_window.frameGeometry().center()
        geometry = window.frameGeometry()
        geometry.moveCenter(center)
        window.move(geometry.topLeft())
    window.show()
    if QApplication.platformName() != "offscreen":  # nothing to raise without a screen (tests, CI)
        window.raise_()
    window.activateWindow()
    return window


def _follow_each_other(window: EditorWindow, officer_window: QWidget | None) -> None:
    """The editor and the officer window it was opened from show the same theme and text size: a change in
    either is made in the other (each ignores a change to what it already shows)."""
    for name, set_it in (("theme", "set_theme"), ("text_step", "set_text_step")):
        value = getattr(officer_window, name, None)
        if value is not None:  # the officer window's own, which may not be written yet (a read-only profile)
            getattr(window, set_it)(value)
    for signal, slot in (("theme_changed", "set_theme"), ("text_size_changed", "set_text_step")):
        officer_signal, officer_slot = getattr(officer_window, signal, None), getattr(officer_window, slot, None)
        if officer_signal is None or officer_slot is None:
            continue
        officer_signal.connect(getattr(window, slot))
        getattr(window, signal).connect(officer_slot)
        window.closed.connect(lambda s=officer_signal, w=window, n=slot: s.disconnect(getattr(w, n)))


def close_editors() -> bool:
    """Close every editor window, asking about unsaved changes; False if one of them stayed open."""
    for window in list(_open):
        if not window.close():
            return False
    return True


def run_editor(path: str | None) -> int:
    """`encounter-guide --edit [FILE]`: run the editor on its own. Returns the exit code."""
    from desktop import APP_NAME, __version__
    from desktop.log import install_excepthook, setup_logging
    from desktop.ui.app import qt_arguments, set_window_icon, show_plain_message
    from desktop.ui.widgets import no_main_window

    setup_logging()  # errors only, to the rotating log in the user log folder
    app = QApplication.instance() or QApplication(qt_arguments())
    no_main_window()
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("encounter-guide")
    app.setStyle("Fusion")
    set_window_icon(app)
    window = open_editor(None, path or None)
    if window is None:
        return 1
    install_excepthook(show_plain_message)  # a plain message, never a traceback; details in the log
    return int(app.exec())
