"""Storage reads a file of bounded size one way, read_limited: the private key and a pack's signature too (each had a
copy of its open, its size check and its bounded read)."""

from __future__ import annotations

import os
import re
import stat

import pytest

from desktop.storage.signing import (
    INVALID,
    MAX_PRIVATE_KEY_BYTES,
    MAX_SIGNATURE_BYTES,
    KeyFileError,
    SignatureError,
    load_private_key,
    sign_file,
    signature_path,
    verify_file,
)
from tests.conftest import REPO
from tests.supervisor_helpers import make_key


def test_storage_reads_a_bounded_file_only_through_read_limited():
    """No module of storage but pack_file opens a file to read it itself (open_regular, open, read_bytes)."""
    own_reads = re.compile(r"open_regular\(|\bopen\([^)]*\"rb\"|\.read_bytes\(\)")
    found = [f"{path.name}:{number}" for path in sorted((REPO / "desktop" / "storage").glob("*.py"))
             if path.name != "pack_file.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if own_reads.search(line) and not line.lstrip().startswith("#")]
    assert found == []


@pytest.mark.parametrize("size", [MAX_SIGNATURE_BYTES + 1, 3 * 1024 ** 3])
def test_a_signature_file_larger_than_any_is_an_invalid_signature_not_an_error(tmp_path, mini_pack_path, size):
    """A .sig of 64 KiB and more (3 GB, sparse, here) is refused as an invalid signature, not an error: kept so when
    its reader became read_limited, which refuses a larger file by its size, unread."""
    private, public = make_key(tmp_path / "keys")
    sign_file(mini_pack_path, private)
    with open(signature_path(mini_pack_path), "r+b") as handle:
        handle.truncate(size)
    with pytest.raises(SignatureError) as exc:
        verify_file(mini_pack_path, [public])
    assert exc.value.reason == INVALID
    assert str(exc.value.problems[0]) == ("mini-pack.json: its signature file mini-pack.json.sig is not valid (it is far "
                                          "too large); the pack cannot be trusted")


def test_a_private_key_larger_than_any_is_refused_and_an_open_one_still_is(tmp_path):
    """Kept so when the key's reader became read_limited: its mode is the descriptor's, read with its bytes."""
    private, _ = make_key(tmp_path / "keys")
    pem = private.read_bytes()
    private.write_bytes(pem + b"\n" * MAX_PRIVATE_KEY_BYTES)
    with pytest.raises(KeyFileError, match=r"is far larger than a private key can be, so it is not one"):
        load_private_key(private)
    private.write_bytes(pem)
    if os.name == "posix":
        os.chmod(private, 0o644)
        with pytest.raises(KeyFileError, match=r"can be read by other users; run: chmod 600"):
            load_private_key(private)
        os.chmod(private, 0o600)
    assert stat.S_IMODE(private.stat().st_mode) in (0o600, 0o666)
    load_private_key(private)
