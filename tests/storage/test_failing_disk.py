"""Installing, reverting and scanning the watched folder when the disk is full or the user data folder
is read-only: a plain message, nothing half-written (no temporary files left), the pack in use unchanged
and still usable. The app's side (settings, start-up) is tests/ui/test_failing_files.py."""

from __future__ import annotations

import errno
import json
import shutil

import pytest

from desktop import __main__ as entry
from desktop import paths
from desktop.storage.library import INBOX_FAILED, INBOX_INSTALLED, PackLibrary
from tests.conftest import MINI_PACK
from tests.failing_fs import full_disk, leftovers, read_only, tree_snapshot
from tests.supervisor_helpers import make_key, signed_pack, tables_at

BASE = 1000  # above the bundled pack's data version, so the bundled pack never wins


@pytest.fixture
def key(tmp_path):
    """A publisher key, trusted on this machine through the IT-managed keys file (for the CLI)."""
    private, trusted = make_key(tmp_path / "keys")
    entry_file = next((tmp_path / "keys").glob("*.pub.json"))
    target = paths.extra_trusted_keys_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"keys": [json.loads(entry_file.read_text())]}), encoding="utf-8")
    return private, trusted


@pytest.fixture
def library(key):
    return PackLibrary()  # the redirected user data folder, the real bundled pack, the trusted keys file


@pytest.fixture
def installed(tmp_path, library, key):
    """Data version BASE installed and in use; returns a signed BASE + 1 ready to install."""
    first = signed_pack(tables_at(BASE), tmp_path / "in-use.json", key[0])
    library.install(library.prepare_install(first))
    return signed_pack(tables_at(BASE + 1), tmp_path / "update.json", key[0])


def _in_use(library: PackLibrary) -> int:
    return library.load_active().loaded.pack.meta.data_version


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    code = entry.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("room", [0, 100, 5000], ids=["nothing-fits", "a-little-fits", "most-fits"])
def test_install_on_a_full_disk_changes_nothing(library, installed, monkeypatch, room):
    plan = library.prepare_install(installed)
    before = tree_snapshot(library.root)
    with full_disk(monkeypatch, room=room), pytest.raises(OSError) as failure:
        library.install(plan)
    assert failure.value.errno == errno.ENOSPC
    assert leftovers(library.root) == []
    assert tree_snapshot(library.root) == before, "a failed install changed the user data folder"
    assert _in_use(library) == BASE
    library.install(library.prepare_install(installed))  # once there is room again, it installs
    assert _in_use(library) == BASE + 1


def test_install_into_a_read_only_data_folder_changes_nothing(library, installed, monkeypatch):
    """chmod 0o500 on the user data folder; as root (CI) chmod stops nothing, so the refusal is simulated
    by patching file creation and replacement to raise PermissionError(EACCES) (see tests/failing_fs.py)."""
    plan = library.prepare_install(installed)
    before = tree_snapshot(library.root)
    with read_only(monkeypatch, library.root), pytest.raises(PermissionError):
        library.install(plan)
    assert leftovers(library.root) == []
    assert tree_snapshot(library.root) == before
    assert _in_use(library) == BASE


@pytest.mark.parametrize("trouble", ["full-disk", "read-only"])
def test_cli_install_and_revert_report_plainly(capsys, library, installed, monkeypatch, trouble):
    failing = full_disk(monkeypatch) if trouble == "full-disk" else read_only(monkeypatch, library.root)
    before = tree_snapshot(library.root)
    with failing:
        code, out, err = _cli(capsys, "install", "--yes", str(installed))
    assert code == 1
    assert "Traceback" not in err and "Errno" not in err, err
    assert "Not installed" in err and ("disk is full" in err if trouble == "full-disk" else "permission" in err)
    assert f"still data version {BASE}" in err
    assert leftovers(library.root) == [] and tree_snapshot(library.root) == before

    code, _, _ = _cli(capsys, "install", "--yes", str(installed))
    assert code == 0 and _in_use(library) == BASE + 1
    before = tree_snapshot(library.root)
    with full_disk(monkeypatch) if trouble == "full-disk" else read_only(monkeypatch, library.root):
        code, out, err = _cli(capsys, "revert", "--yes")
    assert code == 1 and "Traceback" not in err and "Errno" not in err, err
    assert "Not reverted" in err and f"still data version {BASE + 1}" in err
    assert leftovers(library.root) == [] and tree_snapshot(library.root) == before
    assert _in_use(library) == BASE + 1


def test_inbox_on_a_full_disk_reports_and_tries_again_later(tmp_path, library, installed, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(installed, inbox / installed.name)
    shutil.copy(installed.with_name(installed.name + ".sig"), inbox / (installed.name + ".sig"))
    with full_disk(monkeypatch):
        results = library.scan_inbox(inbox)
    assert [r.status for r in results] == [INBOX_FAILED]
    assert "disk is full" in results[0].message and "Errno" not in results[0].message
    assert leftovers(library.root) == [] and _in_use(library) == BASE
    assert [r.status for r in library.scan_inbox(inbox)] == [INBOX_INSTALLED], "not remembered as done"
    assert _in_use(library) == BASE + 1


def test_start_up_with_a_read_only_data_folder_and_a_bad_installed_pack(library, installed, monkeypatch):
    """The bad pack cannot be moved aside (read-only): it is skipped and named, every start, and the app
    runs on the bundled pack. Nothing is written."""
    library.install(library.prepare_install(installed))
    library.current.write_bytes(b"{ not json")
    before = tree_snapshot(library.root)
    with read_only(monkeypatch, library.root):
        active = library.load_active()
        again = library.load_active()
    assert active.origin == "previous" and active.loaded.pack.meta.data_version == BASE
    assert any(f"data version {BASE + 1}" in n and "is not valid JSON" in n for n in active.notices)
    assert again.notices == active.notices
    assert tree_snapshot(library.root) == before


def test_full_disk_helper_really_fails_writes(tmp_path, monkeypatch):
    """The simulation itself: writes land partly, then ENOSPC; reads are untouched."""
    target = tmp_path / "f.bin"
    with full_disk(monkeypatch, room=3), pytest.raises(OSError) as failure:
        with open(target, "wb") as handle:
            handle.write(b"abcdef")
    assert failure.value.errno == errno.ENOSPC and target.read_bytes() == b"abc"
    assert MINI_PACK.read_bytes()
