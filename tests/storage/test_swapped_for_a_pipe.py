"""A file swapped for a pipe (a FIFO) between a look at its name and its open: every read of a pack, a record, a key,
a signature, a stamp, a report or settings.ini opens without waiting for a writer and looks at what it opened."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.domain.problem_report import ReportError
from desktop.storage import pack_file
from desktop.storage.pack_file import PackError, read_bytes, read_record_bytes
from desktop.storage.signing import KeyFileError, SignatureError, load_private_key, load_trusted_keys, read_signature
from desktop.storage.user_files import read_report_file

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


@pytest.fixture
def swapped(tmp_path, monkeypatch) -> Iterator[Callable[..., None]]:
    """``swap(path)`` makes ``path`` a pipe that os.stat still says is a regular file (as if it were swapped after
    the look). A writer waits on the pipe: a reader that opened it as a file got its bytes, instead of hanging the
    test for ever; the writer is let go at the end."""
    regular = tmp_path / "regular-file-looked-at"
    regular.write_bytes(b"{}")
    pipes: list[Path] = []
    writers: list[threading.Thread] = []
    real_stat = os.stat

    def lying_stat(path, *args, **kwargs):
        if any(os.fspath(path) == os.fspath(pipe) for pipe in pipes):
            return real_stat(regular)
        return real_stat(path, *args, **kwargs)

    def write(pipe: Path, content: bytes) -> None:
        try:
            with open(pipe, "wb") as handle:  # waits for a reader
                handle.write(content)
        except BrokenPipeError:
            pass

    def swap(path: Path, content: bytes = b"bytes from a pipe") -> None:
        os.mkfifo(path)
        pipes.append(path)
        writer = threading.Thread(target=write, args=(path, content), daemon=True)
        writer.start()
        writers.append(writer)

    monkeypatch.setattr(os, "stat", lying_stat)
    yield swap
    monkeypatch.undo()
    for pipe, writer in zip(pipes, writers, strict=True):
        fd = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # lets a writer still waiting go
        try:
            writer.join()
        finally:
            os.close(fd)


def test_a_stamp_swapped_for_a_pipe_is_not_taken_as_valid(tmp_path, swapped):
    from desktop.domain.validation import stamp_fingerprint

    stamp = tmp_path / "encounter-guide.json.valid"
    swapped(stamp, json.dumps({"sha256": "0" * 64, "checks": stamp_fingerprint({})}).encode())
    assert pack_file._stamp_matches(stamp, "0" * 64, {}) is False, "what a pipe said was never taken for a stamp"


@pytest.mark.parametrize(("name", "read", "refusal", "words"), [
    ("state.json", read_record_bytes, OSError, "it is a pipe (a FIFO), not a file"),
    ("encounter-guide.json", read_bytes, PackError, "encounter-guide.json: is a pipe (a FIFO), not a data pack file"),
    ("trusted-keys.json", load_trusted_keys, KeyFileError, "trusted-keys.json is a pipe (a FIFO), not a file"),
    ("publisher.pem", load_private_key, KeyFileError, "publisher.pem is a pipe (a FIFO), not a file"),
    ("report.txt", read_report_file, ReportError, "report.txt is a pipe (a FIFO), not a problem report"),
], ids=["record", "pack", "trusted-keys", "private-key", "problem-report"])
def test_a_file_swapped_for_a_pipe_is_refused_not_read(tmp_path, swapped, name, read, refusal, words):
    path = tmp_path / name
    swapped(path)
    with pytest.raises(refusal) as info:
        read(path)
    assert words in str(info.value)


def test_a_signature_swapped_for_a_pipe_is_refused(tmp_path, swapped):
    pack = tmp_path / "update.json"
    pack.write_bytes(b"{}")
    swapped(tmp_path / "update.json.sig")
    with pytest.raises(SignatureError, match=r"its signature file update.json.sig is a pipe \(a FIFO\), not a file"):
        read_signature(pack)




def test_a_socket_in_a_file_s_place_is_named_a_socket(tmp_path):
    """A socket cannot be opened: a pack, a record or a signature in its place was reported "cannot be read: No such
    device or address", which sent IT looking for a missing disk. It is named for what it is, as a pipe is."""
    import socket

    place = tmp_path / "s.json"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(place))
        with pytest.raises(PackError) as exc:
            read_bytes(place)
        assert str(exc.value.problems[0]) == "s.json: is a socket, not a data pack file"
        with pytest.raises(OSError, match="it is a socket, not a file"):
            read_record_bytes(place)
        (tmp_path / "p.json").write_bytes(b"{}")
        os.symlink(place, tmp_path / "p.json.sig")
        with pytest.raises(SignatureError, match="its signature file p.json.sig is a socket, not a file"):
            read_signature(tmp_path / "p.json")
