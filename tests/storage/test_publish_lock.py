"""published.json is read, added to and written again by each publish: two at the same instant (two editor
windows, the editor and the command line) each read the list before the other wrote it, and the second write
lost the first one's entry. The read-modify-write now holds a lock across processes (storage/file_lock.py)."""

from __future__ import annotations

import datetime as dt
import errno
import json
import multiprocessing
import os
import sys
import threading
import types
from pathlib import Path

import pytest

from desktop.storage import file_lock
from desktop.storage import publish as publish_module
from desktop.storage.file_lock import NotLocked, hold_lock, lock_path
from desktop.storage.publish import (
    PUBLISHED_FILE,
    PublishBusy,
    PublishMoved,
    PublishResult,
    publish,
)
from tests.helpers import mini_tables
from tests.supervisor_helpers import make_key

TODAY = dt.date(2026, 3, 2)
#: how long a thread that has read the list waits for the other to have read it too (without the lock both do;
#: with it the other is waiting for the lock, and this one goes on when the wait is over)
BOTH_READ_WAIT = 3.0


def _publish(folder: Path, name: str, data: Path) -> PublishResult:
    """A publish of the mini pack to ``folder/name``, noted in ``data``'s list of versions, as the editor and the
    command line publish (a key is made in ``folder`` the first time)."""
    key = folder / "keys" / "test-publisher.pem"
    if not key.exists():
        make_key(key.parent)
    return publish(mini_tables(), folder / name, key, today=TODAY, user_data=data)


def _recorded(data: Path) -> list[int]:
    return sorted(e["data_version"] for e in json.loads((data / PUBLISHED_FILE).read_text())["published"])


def _wait_for_the_other(barrier: threading.Barrier) -> None:
    try:
        barrier.wait(timeout=BOTH_READ_WAIT)
    except threading.BrokenBarrierError:
        pass  # the other one is waiting for the lock (or has been through): go on


def _run_together(*targets) -> None:
    errors: list[BaseException] = []

    def guarded(target):
        try:
            target()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


def test_two_publishes_noting_their_versions_at_the_same_instant_keep_both(tmp_path, monkeypatch):
    """Both read the list before either wrote it (the barrier makes sure of it without the lock): the second
    write lost the first entry, and the next publish here could reuse its version."""
    data = tmp_path / "data"
    make_key(tmp_path / "keys")  # before the threads: each would make it
    real_read = publish_module._read_published
    both_read = threading.Barrier(2)

    def read_then_wait(path):
        entries = real_read(path)
        _wait_for_the_other(both_read)
        return entries

    monkeypatch.setattr(publish_module, "_read_published", read_then_wait)
    notes: list[str] = []
    _run_together(*(lambda name=name: notes.append(_publish(tmp_path, name, data).record_note)
                    for name in ("district-1.json", "district-2.json")))
    assert _recorded(data) == [4, 5]
    assert notes == ["", ""]


def test_two_publishes_at_the_same_instant_get_different_data_versions(tmp_path, monkeypatch, user_base):
    """Two supervisors' publishes of the same draft at once both chose data version 4 (each before the other
    noted its version): two different packs with one version, and officers' apps would refuse the second."""
    private, _ = make_key(tmp_path / "keys")
    real_highest = publish_module.highest_machine_version
    both_chose = threading.Barrier(2)

    def choose_then_wait(root=None):
        highest = real_highest(root)
        _wait_for_the_other(both_chose)
        return highest

    monkeypatch.setattr(publish_module, "highest_machine_version", choose_then_wait)
    results: list[PublishResult] = []
    _run_together(*(lambda name=name: results.append(publish(mini_tables(), tmp_path / name, private, today=TODAY))
                    for name in ("district-1.json", "district-2.json")))
    assert sorted(r.data_version for r in results) == [4, 5]
    assert _recorded(user_base / "data") == [4, 5]


def test_a_publish_that_will_not_wait_is_told_the_lock_is_busy_and_writes_nothing(tmp_path):
    """The editor publishes with wait_for_lock=False and tries again from its event loop: waiting in the lock
    froze its window for up to WAIT_SECONDS."""
    private, _ = make_key(tmp_path / "keys")
    data = tmp_path / "data"
    with hold_lock(data / PUBLISHED_FILE) as not_locked:
        assert not_locked is None
        with pytest.raises(PublishBusy):
            publish(mini_tables(), tmp_path / "district-1.json", private, today=TODAY, user_data=data,
                    wait_for_lock=False)
    assert not (tmp_path / "district-1.json").exists() and not (data / PUBLISHED_FILE).exists()
    result = publish(mini_tables(), tmp_path / "district-1.json", private, today=TODAY, user_data=data,
                     wait_for_lock=False)
    assert result.data_version == 4 and _recorded(data) == [4] and not result.record_note


def test_a_version_published_meanwhile_is_found_under_the_lock_and_nothing_is_written(tmp_path):
    """The editor's dialog says which version it will write. It checked for a publish elsewhere before taking
    the lock, so one landing between the check and the lock gave the pack another version than the dialog
    said, in a file named for the old one. The check is now made under the lock (expect_version)."""
    private, _ = make_key(tmp_path / "keys")
    data = tmp_path / "data"
    assert not _publish(tmp_path, "other-window.json", data).record_note  # another window published 4
    with pytest.raises(PublishMoved):
        publish(mini_tables(), tmp_path / "district-v4.json", private, today=TODAY, user_data=data, expect_version=4)
    assert not (tmp_path / "district-v4.json").exists() and _recorded(data) == [4]
    result = publish(mini_tables(), tmp_path / "district-v5.json", private, today=TODAY, user_data=data,
                     expect_version=5)
    assert result.data_version == 5 and _recorded(data) == [4, 5]


def _publish_many(folder: str, data: str, names: list[str]) -> None:
    for name in names:
        note = _publish(Path(folder), name, Path(data)).record_note
        assert not note, note


def test_two_processes_recording_at_once_lose_no_entry(tmp_path):
    """The lock holds across processes, as for the editor and the command line publishing at once."""
    data = tmp_path / "data"
    spawn = multiprocessing.get_context("spawn")
    make_key(tmp_path / "keys")  # before the processes: each would make it
    writers = [spawn.Process(target=_publish_many,
                             args=(str(tmp_path), str(data), [f"{who}-{n}.json" for n in range(20)]))
               for who in ("editor", "command-line")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    assert [w.exitcode for w in writers] == [0, 0]
    assert _recorded(data) == list(range(4, 44))


def _take_the_lock_and_die(path: str) -> None:
    with hold_lock(path) as not_locked:
        assert not_locked is None
        os._exit(3)  # a crash while holding it: no clean-up runs


def test_a_lock_left_by_a_process_that_died_does_not_hold_up_the_next_publish(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    crashed = multiprocessing.get_context("spawn").Process(target=_take_the_lock_and_die,
                                                            args=(str(data / PUBLISHED_FILE),))
    crashed.start()
    crashed.join()
    assert crashed.exitcode == 3 and lock_path(data / PUBLISHED_FILE).exists()
    monkeypatch.setattr(file_lock, "WAIT_SECONDS", 0)  # no waiting: a stale lock would be reported at once
    assert not _publish(tmp_path, "district-1.json", data).record_note
    assert _recorded(data) == [4]


def test_a_lock_held_too_long_is_named_and_the_version_still_noted(tmp_path, monkeypatch):
    """A publish that hangs while holding the lock does not stop the next: it goes on and says so."""
    data = tmp_path / "data"
    monkeypatch.setattr(file_lock, "WAIT_SECONDS", 0)
    with hold_lock(data / PUBLISHED_FILE) as not_locked:
        assert not_locked is None
        note = _publish(tmp_path, "district-1.json", data).record_note
    assert "another publish on this computer held published.json.lock" in note
    assert "Check that the two publishes did not get the same data version" in note
    assert _recorded(data) == [4]


def test_a_lock_file_that_cannot_be_made_does_not_stop_the_version_being_noted(tmp_path, monkeypatch):
    """A lock file that cannot be created (a folder where only the list may be written, say): the publish goes on
    unlocked, as before there was a lock, rather than refuse."""
    data = tmp_path / "data"
    real_open = os.open

    def no_lock_file(path, *args, **kwargs):
        if Path(path).name == "published.json.lock":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(file_lock.os, "open", no_lock_file)
    with hold_lock(data / PUBLISHED_FILE) as not_locked:
        assert not_locked == NotLocked(busy=False)  # not a busy lock, nothing to tell a supervisor
    assert not _publish(tmp_path, "district-1.json", data).record_note
    assert _recorded(data) == [4]


def test_a_folder_that_cannot_lock_files_does_not_stop_the_version_being_noted(tmp_path, monkeypatch):
    """flock fails with ENOLCK or EOPNOTSUPP on some network and FUSE folders: the publish goes on unlocked, as
    when the lock file cannot be made. The error escaped, and the editor refused the publish with "Could not
    write district-1.json: No locks available", naming a file that could be written."""
    import fcntl

    def no_locks(_fd, _operation):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    data = tmp_path / "data"
    with hold_lock(data / PUBLISHED_FILE) as not_locked:
        assert not_locked == NotLocked(busy=False)
    assert not _publish(tmp_path, "district-1.json", data).record_note
    assert _recorded(data) == [4]


class _FakeMsvcrt(types.ModuleType):
    """msvcrt's byte-range locks as Windows keeps them: per open handle (so two opens of one file in one process
    exclude each other), from the handle's current position; a byte locked by another handle is EACCES."""

    LK_UNLCK, LK_LOCK, LK_NBLCK = 0, 1, 2

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.held: dict[tuple[int, int], int] = {}  # (file, byte) → the fd holding it
        self.fail_with: int | None = None

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        if self.fail_with is not None:
            raise OSError(self.fail_with, os.strerror(self.fail_with))
        assert nbytes == 1
        byte = (os.fstat(fd).st_ino, os.lseek(fd, 0, os.SEEK_CUR))
        if mode == self.LK_NBLCK:
            if byte in self.held:
                raise OSError(errno.EACCES, "Permission denied")
            self.held[byte] = fd
        elif mode == self.LK_UNLCK:
            if self.held.get(byte) != fd:  # not this handle's lock (another byte, say): Windows refuses
                raise OSError(errno.EACCES, "Permission denied")
            del self.held[byte]
        else:  # pragma: no cover - the lock never waits in msvcrt (it would retry 10 times, then EDEADLOCK)
            raise AssertionError(mode)


def test_the_windows_lock_excludes_a_second_holder_and_is_let_go(tmp_path, monkeypatch):
    """The msvcrt path, which no Linux run took: it locks and unlocks the same byte (the first, wherever the
    handle was), a second holder waits and is told, and an error other than a held lock is not taken for one (it
    was waited out for 15 s, then called "another publish ... held it")."""
    fake = _FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(file_lock, "_WINDOWS", True)
    path = tmp_path / "data" / PUBLISHED_FILE
    with hold_lock(path) as first:
        assert first is None and len(fake.held) == 1
        with hold_lock(path, wait=0) as second:
            assert second is not None and second.busy
    assert fake.held == {}  # let go, so the next holder gets it
    with hold_lock(path, wait=0) as third:
        assert third is None
    fake.fail_with = errno.EBADF
    with hold_lock(path) as broken:
        assert broken == NotLocked(busy=False)
