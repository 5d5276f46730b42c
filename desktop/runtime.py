"""Process-wide runtime helpers shared by storage and the UI (no Qt, no TinyDB)."""

from __future__ import annotations

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
