"""Process-wide runtime helpers shared by storage and the UI (no Qt, no TinyDB)."""

from __future__ import annotations

import builtins
import contextlib
import gc
import sys
import threading
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a big, acyclic structure is built (a pack, a search index).

    Such a build makes hundreds of thousands of new, long-lived objects; every 700 new objects would
    otherwise start a collection, and the full ones walk every survivor again (hundreds of ms on a
    10,000-provision pack, with the interpreter lock held). Collection resumes as it was when the
    build ends or fails."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: Python's thread switch interval while a background build runs (the default is 5 ms).
BUILD_SWITCH_INTERVAL = 0.0005
_NORMAL_SWITCH_INTERVAL = sys.getswitchinterval()
_switch_lock = threading.Lock()
_builds_running = 0


@contextlib.contextmanager
def short_switch_interval() -> Iterator[None]:
    """Hand Python's interpreter lock back to the UI thread quickly while a background thread works.

    The build holds the lock, so every call from Qt into Python on the UI thread (a paint, a layout asking
    a label's height) waits up to the switch interval for it: 5 ms each, hundreds per screen, a window that
    stalls for most of a second at a time on a big pack. A short interval makes each wait a fraction of a
    millisecond; the default comes back when the last build ends."""
    global _builds_running
    with _switch_lock:
        _builds_running += 1
        sys.setswitchinterval(BUILD_SWITCH_INTERVAL)
    try:
        yield
    finally:
        with _switch_lock:
            _builds_running -= 1
            if not _builds_running:
                sys.setswitchinterval(_NORMAL_SWITCH_INTERVAL)


def stop_pyside_source_scan() -> None:
    """Give Python its own import back from PySide6's wrapper, which after every import reads the new
    module's whole source to see whether it says "PySide6" (for PySide's opt-in ``from __feature__ import``,
    which this app never uses: tests/test_architecture.py). That read cost 10-20 ms of CPU on the way to the
    first frame, more on the first open of each page, and kept every source in memory (PERFORMANCE.md,
    fifteenth pass). Call it after PySide6 is imported; a PySide6 without the wrapper is left as it is."""
    wrapped = getattr(builtins, "__orig_import__", None)
    if wrapped is not None and getattr(builtins.__import__, "__name__", "") == "__feature_import__":
        builtins.__import__ = wrapped
