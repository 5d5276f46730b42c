"""An exclusive lock across processes on a record file of the user data folder (published.json), so that two
read-modify-writes at the same instant (two editor windows, the editor and the command line) cannot lose an
entry: each reads the file only once the other has written it.

The lock is taken on a companion file (``published.json.lock``, empty, never deleted) with ``fcntl.flock`` on
POSIX and ``msvcrt.locking`` on Windows. The operating system drops either when the process that holds it ends,
however it ends, so a crash never leaves a stale lock behind. Each ``hold_lock`` opens the file anew, so two
threads of one process exclude each other as two processes do."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: How long to wait for another publish to finish with the file before going on without the lock.
WAIT_SECONDS = 15.0
_POLL_SECONDS = 0.02
#: msvcrt's byte-range locks rather than flock (a module value, so the tests can take the Windows path)
_WINDOWS = sys.platform == "win32"


@dataclass(frozen=True)
class NotLocked:
    """The lock is not held. ``busy``: another holder kept it past the wait, which ``why`` tells a supervisor.
    Else the lock file could not be opened (a read-only folder, say, which the write that follows reports) or its
    folder cannot lock files at all: the caller goes on without the lock, as before there was one, and says
    nothing of it, so there are no words (``why`` is empty)."""

    busy: bool
    why: str = ""


def lock_path(path: Path | str) -> Path:
    path = Path(path)
    return path.with_name(path.name + ".lock")


def _try_lock(fd: int) -> bool:
    """Take the lock if it is free: False when another holder has it. Raises OSError when the file cannot be
    locked at all (a network or FUSE folder without locks, say)."""
    if _WINDOWS:
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)  # msvcrt locks bytes from the current position
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EDEADLOCK):  # the byte is locked by another handle
                return False
            raise
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if _WINDOWS:
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


@contextlib.contextmanager
def hold_lock(path: Path | str, wait: float | None = None) -> Iterator[NotLocked | None]:
    """Hold the exclusive lock on ``path`` for the ``with`` block. Yields None when it is held, else NotLocked (the
    folder cannot be written, or another publish kept it past ``wait`` seconds, default WAIT_SECONDS): the caller
    goes on without it, as it did before there was a lock, rather than refuse a publish."""
    wait = WAIT_SECONDS if wait is None else wait
    target = lock_path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield NotLocked(busy=False)
        return
    try:
        deadline = time.monotonic() + wait
        try:
            while not (locked := _try_lock(fd)) and time.monotonic() < deadline:
                time.sleep(_POLL_SECONDS)
        except OSError:
            yield NotLocked(busy=False)
            return
        if not locked:
            yield NotLocked(busy=True,
                            why=f"another publish on this computer held {target.name} for more than {wait:.0f} seconds")
            return
        try:
            yield None
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
