"""What stands where a pack's .sig is to be written: `sign` refuses what `publish` refuses (a pipe, a device, a folder,
a socket, a loop of links), with the one check (user_files.check_replaceable), and leaves it as it was."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from desktop import __main__ as entry
from desktop.storage.publish import publish
from desktop.storage.signing import sign_file, signature_path
from tests.helpers import mini_tables
from tests.supervisor_helpers import make_key

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pipes, sockets and /dev/zero are POSIX")

#: what stands at the .sig, and the words that name it
KINDS = {
    "pipe": "is a pipe (a FIFO), not a file",
    "loop": "is a loop of links: each link points to another that leads back to it, never to a file",
    "link to /dev/zero": "is a device, not a file",
    "link to a folder": "is a folder, not a file",
    "socket": "is a socket, not a file",
}


@pytest.fixture(autouse=True)
def nothing_written_outside(tmp_path, monkeypatch):
    """No file is made or replaced outside tmp_path: run as root, a write through the link to /dev/zero (the code this
    file tests, broken) replaced the system's /dev/zero with a signature."""
    real_open, real_replace = os.open, os.replace
    inside = str(tmp_path.resolve()) + os.sep

    def outside(path) -> bool:
        return not os.path.abspath(os.fspath(path)).startswith(inside)

    def guarded_open(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and outside(path):
            raise PermissionError(13, "the test writes nothing outside its folder", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    def guarded_replace(src, dst, *args, **kwargs):
        if outside(dst) or outside(src):
            raise PermissionError(13, "the test writes nothing outside its folder", os.fspath(dst))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    monkeypatch.setattr(os, "replace", guarded_replace)


def put(kind: str, where: Path) -> os.stat_result:
    """Make ``kind`` at ``where`` (the current folder is where's, so a socket's name stays short); its lstat."""
    if kind == "pipe":
        os.mkfifo(where)
    elif kind == "loop":
        other = where.with_name("other.sig")
        where.symlink_to(other)
        other.symlink_to(where)
    elif kind == "link to /dev/zero":
        where.symlink_to("/dev/zero")
    elif kind == "link to a folder":
        (where.parent / "folder").mkdir()
        where.symlink_to(where.parent / "folder")
    else:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(where.name)
    return os.lstat(where)


def left_as_it_was(where: Path, before: os.stat_result) -> bool:
    after = os.lstat(where)
    return (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


@pytest.mark.parametrize("kind", KINDS)
def test_sign_refuses_what_publish_refuses_at_the_sig_and_leaves_it(tmp_path, monkeypatch, capsys, mini_pack_path,
                                                                    kind):
    """`encounter-guide sign PACK` replaced a pipe, a loop of links or a link to /dev/zero, a folder or a socket found
    at PACK.sig (publish refused them): it says which it is, exits 2, and leaves it as it was."""
    monkeypatch.chdir(tmp_path)
    private, _ = make_key(tmp_path / "keys")
    sig = signature_path(mini_pack_path)
    before = put(kind, sig)
    assert entry.main(["sign", str(mini_pack_path), "--key", str(private)]) == 2
    err = capsys.readouterr().err
    assert err == (f"Not signed: {sig} could not be written: {KINDS[kind]}. Any signature that was there before is as "
                   "it was.\n")
    assert left_as_it_was(sig, before)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["keys", mini_pack_path.name, sig.name]
                                                               + (["other.sig"] if kind == "loop" else [])
                                                               + (["folder"] if kind == "link to a folder" else []))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("writer", ["sign_file", "publish"])
def test_storage_refuses_each_the_same_way(tmp_path, monkeypatch, mini_pack_path, kind, writer):
    """sign_file and publish go through the one check; publish replaced a loop of links at the .sig by its signature."""
    monkeypatch.chdir(tmp_path)
    private, _ = make_key(tmp_path / "keys")
    sig = signature_path(mini_pack_path)
    before = put(kind, sig)
    pack_before = mini_pack_path.read_bytes()
    with pytest.raises(OSError) as exc:
        if writer == "sign_file":
            sign_file(mini_pack_path, private)
        else:
            publish(mini_tables(), mini_pack_path, private, user_data=tmp_path / "user")
    assert (exc.value.filename, exc.value.strerror) == (str(sig), KINDS[kind])
    assert left_as_it_was(sig, before) and mini_pack_path.read_bytes() == pack_before


def test_sign_writes_a_signature_readable_by_all_as_its_pack(tmp_path, capsys, mini_pack_path):
    """The command's .sig kept a temp file's 0600 (sign_file and publish had been fixed, not `sign`): an officer's app
    running as another user could read an update on a shared folder but not its signature."""
    private, _ = make_key(tmp_path / "keys")
    old = os.umask(0o022)
    try:
        assert entry.main(["sign", str(mini_pack_path), "--key", str(private)]) == 0
    finally:
        os.umask(old)
    capsys.readouterr()
    assert stat.S_IMODE(os.stat(signature_path(mini_pack_path)).st_mode) == 0o644


def test_an_empty_signature_file_and_a_loop_of_links_are_named_as_such(tmp_path, mini_pack_path):
    """A .sig of 0 bytes was "not valid (it is not JSON)", a loop of links as the pack or its .sig "cannot be read: Too
    many levels of symbolic links": each is said in words, and the pack is refused all the same."""
    from desktop.storage.pack_file import PackError
    from desktop.storage.signing import INVALID, SignatureError, verify_file

    _, public = make_key(tmp_path / "keys")
    sig = signature_path(mini_pack_path)
    sig.write_bytes(b"")
    with pytest.raises(SignatureError) as empty:
        verify_file(mini_pack_path, [public])
    assert (empty.value.reason, str(empty.value.problems[0])) == (INVALID, (
        "mini-pack.json: its signature file mini-pack.json.sig is not valid (it is empty: a copy that did not finish, "
        "or the wrong file); the pack cannot be trusted"))
    sig.unlink()
    put("loop", sig)
    with pytest.raises(SignatureError) as looped:
        verify_file(mini_pack_path, [public])
    assert (looped.value.reason, str(looped.value.problems[0])) == (INVALID, (
        f"mini-pack.json: its signature file mini-pack.json.sig {KINDS['loop']}; the pack cannot be trusted"))
    pack = tmp_path / "elsewhere" / "looped.json"
    pack.parent.mkdir()
    put("loop", pack)
    with pytest.raises(PackError) as pack_looped:
        verify_file(pack, [public])
    assert str(pack_looped.value.problems[0]) == f"looped.json: {KINDS['loop']}"


@pytest.mark.parametrize("kind", ["pipe", "loop", "link to /dev/zero", "link to a folder", "socket"])
def test_a_document_is_never_written_onto_what_is_not_a_file(tmp_path, monkeypatch, kind):
    """write_user_file (handouts, playlists, quiz results, problem reports, signatures) went through a link to a device:
    run as root, a handout saved as a link to /dev/zero replaced the device itself; a pipe or a socket was replaced by a
    file. Each is refused in words (the windows show them: "Could not save the report: is a device, not a file")."""
    from desktop.storage.user_files import write_user_file

    monkeypatch.chdir(tmp_path)
    handout = tmp_path / "handout.pdf"
    before = put(kind, handout)
    with pytest.raises(OSError) as exc:
        write_user_file(b"%PDF-1.4", handout)
    assert (exc.value.filename, exc.value.strerror) == (str(handout), KINDS[kind])
    assert left_as_it_was(handout, before)


def test_a_link_that_loops_is_no_file_to_compare_and_no_file_to_publish_to(tmp_path):
    """Python 3.11's Path.resolve() raises RuntimeError, not OSError, on a link that loops: same_file and
    is_protected crashed on one (sign or publish given it as the signature or the pack to write)."""
    from desktop.storage.publish import is_protected
    from desktop.storage.signing import same_file

    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    assert not same_file(loop, tmp_path / "key.pem")
    assert is_protected(loop)  # a path that cannot be resolved is never written
