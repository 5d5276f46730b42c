"""Guard against the other half of the PySide6 6.12.0 reference-count bug on CPython 3.11.

``desktop.ui.pyside_guard`` covers void Qt calls, which drop a reference to ``None``. Emitting a
Python-declared signal (``SignalInstance.emit``) returns ``True`` the same way, without a reference:
each emit lowers ``True``'s count by one, and after a few hundred edits in the editor (every keystroke
emits several signals) the interpreter aborts with "Fatal Python error: bool_dealloc". This gives
``True`` and ``False`` the same headroom pyside_guard gives ``None``. It belongs in pyside_guard; until
it is folded in there, the editor installs it itself."""

from __future__ import annotations

import ctypes

from desktop.ui import pyside_guard

_installed = False


def install() -> bool:
    """Raise True's and False's reference counts once per process (idempotent). True when active."""
    global _installed
    if _installed or not pyside_guard.needed():
        return _installed
    for value in (True, False):
        refcount = ctypes.c_ssize_t.from_address(id(value))  # ob_refcnt is the first field of a PyObject
        refcount.value += pyside_guard.HEADROOM
    _installed = True
    return True
