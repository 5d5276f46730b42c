"""Process-wide runtime helpers shared by storage and the UI (no Qt, no TinyDB)."""

from __future__ import annotations

import contextlib
import gc
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
