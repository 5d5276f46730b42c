"""Folders and disks that refuse writes, for tests: a read-only folder tree and a full disk.

A read-only folder is made with chmod when that works. Tests often run as root (CI containers), and
chmod does not stop root: then the refusal is simulated by patching the calls that create or replace
files (os.open with O_CREAT/O_WRONLY/O_RDWR, open() and io.open() for writing, mkdir, replace, rename, unlink,
rmdir) to raise PermissionError(EACCES) for paths inside the folder. Python-level calls only: Qt's
C++ file writes (QSettings) are out of reach of the patch and are tested with a folder replaced by a
file instead (see tests/ui/test_failing_files.py)."""

from __future__ import annotations

import builtins
import contextlib
import errno
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def leftovers(root: Path) -> list[Path]:
    """Temporary files or folders an interrupted write could leave behind."""
    return [p for p in root.rglob("*") if p.name.endswith(".tmp") or p.name.startswith((".tmp-", ".trash-"))]


def tree_snapshot(root: Path) -> dict[str, bytes | None]:
    """Every path under ``root`` with its bytes (None for folders), to show that nothing changed."""
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None) for p in sorted(root.rglob("*"))}


def chmod_stops_writes(folder: Path) -> bool:
    """True when a 0o500 folder really refuses new files for this user (never for root)."""
    probe_dir = folder / ".chmod-probe"
    probe_dir.mkdir()
    try:
        probe_dir.chmod(0o500)
        try:
            (probe_dir / "x").write_bytes(b"")
        except PermissionError:
            return True
        return False
    finally:
        probe_dir.chmod(0o700)
        with contextlib.suppress(OSError):
            (probe_dir / "x").unlink()
        probe_dir.rmdir()


def _inside(path: object, roots: tuple[Path, ...]) -> bool:
    if isinstance(path, int) or path is None:
        return False
    try:
        resolved = Path(os.fsdecode(path)).absolute()
    except TypeError:
        return False
    return any(resolved == r or r in resolved.parents for r in roots)


def _denied(path: object) -> PermissionError:
    return PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path) if path is not None else None)


@contextlib.contextmanager
def read_only(monkeypatch: pytest.MonkeyPatch, *folders: Path) -> Iterator[str]:
    """Make ``folders`` (and everything below) refuse writes. Yields "chmod" or "simulated"."""
    roots = tuple(Path(f).absolute() for f in folders)
    for root in roots:
        root.mkdir(parents=True, exist_ok=True)
    if all(chmod_stops_writes(root) for root in roots):
        modes: list[tuple[Path, int]] = []
        for root in roots:
            for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
                modes.append((folder, stat.S_IMODE(folder.stat().st_mode)))
        for folder, _ in modes:
            folder.chmod(0o500)
        try:
            yield "chmod"
        finally:
            for folder, mode in reversed(modes):
                folder.chmod(mode)
        return

    real_open, real_os_open = builtins.open, os.open

    def guarded_open(file, mode="r", *args, **kwargs):
        if any(c in mode for c in "wax+") and _inside(file, roots):
            raise _denied(file)
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):
        if flags & _WRITE_FLAGS and _inside(path, roots):
            raise _denied(path)
        return real_os_open(path, flags, *args, **kwargs)

    def refuse_if_inside(real):
        def guarded(*paths, **kwargs):
            for path in paths:
                if _inside(path, roots):
                    raise _denied(path)
            return real(*paths, **kwargs)

        return guarded

    with monkeypatch.context() as m:
        m.setattr(builtins, "open", guarded_open)
        m.setattr(io, "open", guarded_open)  # what pathlib's write_text/write_bytes call
        m.setattr(os, "open", guarded_os_open)
        for name in ("mkdir", "replace", "rename", "unlink", "rmdir", "remove"):
            m.setattr(os, name, refuse_if_inside(getattr(os, name)))
        yield "simulated"


class _FullDiskFile:
    """A file object whose writes stop with ENOSPC after ``room`` bytes (some bytes do land, as on a
    real disk filling up)."""

    def __init__(self, handle, room: list[int]) -> None:
        self._handle = handle
        self._room = room

    def write(self, data) -> int:
        take = min(len(data), self._room[0])
        if take:
            self._handle.write(data[:take])
            self._room[0] -= take
        if take < len(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return take

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._handle.close()


@contextlib.contextmanager
def full_disk(monkeypatch: pytest.MonkeyPatch, room: int = 100) -> Iterator[None]:
    """Writes through os.fdopen and open() (binary or text) run out of space after ``room`` bytes in
    total, and fsync reports ENOSPC, as a full disk does."""
    left = [room]
    real_fdopen, real_open = os.fdopen, builtins.open

    def fdopen(fd, mode="r", *args, **kwargs):
        handle = real_fdopen(fd, mode, *args, **kwargs)
        return _FullDiskFile(handle, left) if any(c in mode for c in "wa+") else handle

    def open_(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        return _FullDiskFile(handle, left) if any(c in mode for c in "wax+") else handle

    def fsync(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as m:
        m.setattr(os, "fdopen", fdopen)
        m.setattr(builtins, "open", open_)
        m.setattr(io, "open", open_)
        m.setattr(os, "fsync", fsync)
        yield


@contextlib.contextmanager
def pipe_with_a_writer(path: Path, data: bytes = b"") -> Iterator[Path]:
    """A named pipe at ``path`` that a writer is waiting to fill with ``data``, so that code which wrongly opens it
    to read gets ``data`` and an end, and the test ends (opening a pipe waits for the other side). Code that never
    opens it leaves the writer waiting: it is let go on the way out."""
    import threading

    os.mkfifo(path)
    same_pipe = path.with_name(f".{path.name}.same-pipe")  # the pipe, even after the code replaced what is at path
    os.link(path, same_pipe)

    def write() -> None:
        try:
            with open(path, "wb") as handle:  # waits until someone opens the pipe to read it
                handle.write(data)
        except BrokenPipeError:
            pass  # let go unread, on the way out

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        yield path
    finally:
        while writer.is_alive():  # a reader that comes and goes: the writer may not have opened the pipe yet
            os.close(os.open(same_pipe, os.O_RDONLY | os.O_NONBLOCK))
            writer.join(0.05)
        same_pipe.unlink()
