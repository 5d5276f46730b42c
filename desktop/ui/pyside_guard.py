"""Guard against reference-count bugs in PySide6 6.12.0 on CPython 3.11.

Calls into PySide6 hand back Python's singletons without taking a reference to them: every call of a
Qt method that returns nothing (``setText``, ``setVisible``…) drops a reference to ``None``, and every
Python ``signal.emit(...)`` drops one to ``True``. After a few thousand calls the count reaches zero
and the interpreter aborts ("Fatal Python error: none_dealloc" / "bool_dealloc"). This was seen
writing the quick-reference booklet of the full pack and walking every scenario in presentation mode,
and it would hit any long officer session. From CPython 3.12 on these objects are immortal and the
bug is harmless. On 3.11 this module gives them so many references that the count cannot reach zero.
Remove it once PySide6 is fixed (tests/ui/test_pyside_guard.py says whether it is still needed)."""

from __future__ import annotations

import ctypes
import platform
import sys

#: Far more than any process makes calls (2**50 calls at a billion a second is 13 days).
HEADROOM = 1 << 50
SINGLETONS = (None, True, False)
_installed = False


def needed() -> bool:
    return platform.python_implementation() == "CPython" and sys.version_info < (3, 12)


def install() -> bool:
    """Raise the singletons' reference counts once per process (idempotent). True when active."""
    global _installed
    if _installed or not needed():
        return _installed
    for obj in SINGLETONS:
        refcount = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt: the first field of every PyObject
        refcount.value += HEADROOM
    _installed = True
    return True
