"""Ed25519 detached signatures, trusted keys, and publishing a signed pack."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from desktop import paths
from desktop.storage import publish as publish_module
from desktop.storage.history import HistoryEntry, append_history
from desktop.storage.pack_file import PackError, dump_tables, load_pack, write_tables_atomic
from desktop.storage.publish import (
    PUBLISHED_FILE,
    highest_machine_version,
    machine_versions,
    next_data_version,
    publish,
    published_version,
    read_tables,
    source_as_of,
)
from desktop.storage.signing import (
    INVALID,
    MISSING,
    TAMPERED,
    UNKNOWN_KEY,
    KeyFileError,
    KeyFileExists,
    SignatureError,
    app_trusted_keys,
    generate_keypair,
    load_private_key,
    load_trusted_keys,
    read_signature,
    sign_file,
    signature_bytes,
    signature_path,
    signed_bytes,
    stale_signature,
    verify_file,
)
from tests.conftest import MINI_PACK
from tests.helpers import mini_tables
from tests.supervisor_helpers import flip_byte, make_key, set_verdict


@pytest.fixture
def key(tmp_path):
    return make_key(tmp_path / "keys")


@pytest.fixture
def signed(mini_pack_path, key):
    sign_file(mini_pack_path, key[0])
    return mini_pack_path


def test_keygen_writes_a_private_key_only_its_owner_can_read(tmp_path):
    trusted = generate_keypair(tmp_path / "k.pem", tmp_path / "k.pub.json", name="Legal Affairs")
    assert stat.S_IMODE((tmp_path / "k.pem").stat().st_mode) == 0o600
    assert (tmp_path / "k.pem").read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert trusted.key_id == hashlib.sha256(trusted.public_key).hexdigest()[:16]
    assert load_trusted_keys(tmp_path / "k.pub.json") == [trusted]
    entry = json.loads((tmp_path / "k.pub.json").read_text())
    assert set(entry) == {"key_id", "public_key", "name", "added"} and entry["name"] == "Legal Affairs"


def test_keygen_never_overwrites_and_never_writes_into_the_app_folder(tmp_path):
    generate_keypair(tmp_path / "k.pem", tmp_path / "k.pub.json")
    with pytest.raises(KeyFileError, match="already exists"):
        generate_keypair(tmp_path / "k.pem", tmp_path / "other.pub.json")
    inside = paths.bundle_root() / "keys" / "never.pem"
    with pytest.raises(KeyFileError, match="inside the app's folder"):
        generate_keypair(inside, tmp_path / "x.pub.json")
    assert not inside.exists()


@pytest.mark.parametrize("public", ["k.pem", "./k.pem", "sub/../k.pem"])
def test_keygen_refuses_one_file_for_both_halves_of_the_key(tmp_path, monkeypatch, public):
    """`keygen --private k.pem --public k.pem` wrote the public key over the private one, said "Private key written
    to k.pem" and left a file anyone could read holding no private key: the key was lost."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    with pytest.raises(KeyFileError, match="the same file") as refused:
        generate_keypair(tmp_path / "k.pem", public)
    assert not isinstance(refused.value, KeyFileExists)
    assert not (tmp_path / "k.pem").exists(), "nothing written"


@pytest.mark.parametrize("which", ["private", "public"])
def test_keygen_given_a_folder_says_so_and_where_a_file_would_go(tmp_path, which):
    """`keygen --private ~/keys` said "already exists; not overwriting a key": a folder is not a key."""
    folder = tmp_path / "keys"
    folder.mkdir()
    given = {"private": tmp_path / "k.pem", "public": tmp_path / "k.pub.json", which: folder}
    example = "cpd.pem" if which == "private" else "cpd.pub.json"
    with pytest.raises(KeyFileError) as refused:
        generate_keypair(given["private"], given["public"])
    assert not isinstance(refused.value, KeyFileExists)
    assert str(refused.value) == f"{folder} is a folder: give the file to write the key to in it, e.g. {folder / example}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keys"] and not any(folder.iterdir()), "nothing written"


def test_a_private_key_others_can_read_is_refused(tmp_path):
    generate_keypair(tmp_path / "k.pem", tmp_path / "k.pub.json")
    os.chmod(tmp_path / "k.pem", 0o644)
    with pytest.raises(KeyFileError, match="chmod 600"):
        load_private_key(tmp_path / "k.pem")


@pytest.mark.parametrize(("given", "what"), [
    ("public", "a public key file (key {key_id})"),
    ("signature", "a signature file"),
    ("keys", "a trusted keys file"),
    ("locked", "a private key locked with a passphrase, which the app cannot unlock"),
])
def test_a_file_mixed_up_with_the_private_key_is_named_for_what_it_is(tmp_path, key, given, what):
    """A tired publisher gave `sign --key` the .pub.json keygen wrote beside the key, and read "is not an unencrypted
    PEM private key": a wrong format to look for, where the file was the wrong one. It is called what it is."""
    private, trusted = key
    public = tmp_path / "k.pub.json"
    public.write_text(json.dumps(trusted.as_dict()))
    files = {"public": public, "keys": tmp_path / "trusted_keys.json", "signature": tmp_path / "p.json.sig",
             "locked": tmp_path / "locked.pem"}
    files["keys"].write_text(json.dumps({"keys": [trusted.as_dict()]}))
    files["signature"].write_bytes(signature_bytes(b"{}", load_private_key(private)))
    files["locked"].write_text("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqG\n"
                               "-----END ENCRYPTED PRIVATE KEY-----\n")
    path = files[given]
    os.chmod(path, 0o600)
    with pytest.raises(KeyFileError) as refused:
        load_private_key(path)
    assert str(refused.value) == (f"{path} is {what.format(key_id=trusted.key_id)}, not a private key: give the "
                                  "private key file that keygen made (its first line is -----BEGIN PRIVATE KEY-----)")


def test_a_private_key_given_as_the_trusted_keys_is_called_a_key_not_bad_json(tmp_path, key, mini_pack_path):
    """`verify --trusted key.pem` said "is not valid JSON: Expecting value at line 1, column 1", and a pack given
    there 'must hold {"keys": [...]}': each is now named for what it is."""
    with pytest.raises(KeyFileError) as refused:
        load_trusted_keys(key[0])
    assert str(refused.value) == (f"the trusted keys file {key[0]} is a key in PEM form (a private key?), not a list "
                                  "of public keys: give the public key file keygen made (.pub.json), and keep a "
                                  "private key with its owner only")
    with pytest.raises(KeyFileError) as refused:
        load_trusted_keys(mini_pack_path)
    assert str(refused.value) == (f"the trusted keys file {mini_pack_path} is a data pack, not a list of keys: give "
                                  "the public key file keygen made (.pub.json), or a trusted_keys.json")


def test_a_signature_given_as_the_trusted_keys_is_called_a_signature(tmp_path, key):
    """Hostile pass: `verify --trusted p.json.sig` said 'must hold {"keys": [...]}'. It is named for what it is."""
    sig = tmp_path / "p.json.sig"
    sig.write_bytes(signature_bytes(b"{}", load_private_key(key[0])))
    with pytest.raises(KeyFileError) as refused:
        load_trusted_keys(sig)
    assert str(refused.value) == (f"the trusted keys file {sig} is a signature file, not a list of keys: give the "
                                  "public key file keygen made (.pub.json), or a trusted_keys.json")


BESIDE = " with its signature file beside it."
PRIVATE_KEY = ("is a private signing key: whoever can read it can sign data packs in your department's name. Move it "
               "to a folder only its owner can read, and tell the key's owner it was here. It is not a data pack.")


@pytest.mark.parametrize(("given", "what"), [
    ("p.json.sig", "is a signature file, not a data pack: give the data pack itself (p.json)," + BESIDE),
    ("k.pub.json", "is a public key file (key {key_id}), not a data pack: give the data pack itself," + BESIDE),
    ("k.pem", PRIVATE_KEY),
    # the same files given another name (a watched folder looks at every .json): said for what they hold
    ("key.json", PRIVATE_KEY),
    ("openssl.pub.json", "is a public key, not a data pack: give the data pack itself," + BESIDE),
    ("keys.json", "is a trusted keys file, not a data pack: give the data pack itself," + BESIDE),
    ("history.json", "is the app's install history (history.json), not a data pack: give the data pack itself,"
     + BESIDE),
    ("published.json", "is the app's list of data versions published on a computer (published.json), not a data "
     "pack: give the data pack itself," + BESIDE),
    ("cert.json", "is a key or certificate in PEM form, not a data pack: give the data pack itself," + BESIDE),
])
def test_a_signature_or_key_given_as_the_pack_is_named_for_what_it_is(tmp_path, key, given, what):
    """Hostile pass: `verify p.json.sig` (or install it, or a key file) said "is not signed: the signature file
    p.json.sig.sig is missing", sending the supervisor to look for a file that never was. It is named for what it
    is, the pack it belongs with named when it is a signature. A private key (in the watched folder, say) was "a key
    in PEM form (a private key?)": it is said to be one, and that it must not stay where others can read it."""
    private, trusted = key
    files = {"p.json.sig": signature_bytes(b"{}", load_private_key(private)),
             "k.pub.json": json.dumps(trusted.as_dict()).encode(), "k.pem": private.read_bytes(),
             "key.json": private.read_bytes(),
             "openssl.pub.json": b"-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n",
             "keys.json": json.dumps({"keys": [trusted.as_dict()]}).encode(),
             "history.json": b'{"entries": [], "format": 1}',
             "published.json": b'{"format": 1, "published": [{"data_version": 3, "file": "v3.json"}]}',
             "cert.json": b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"}
    path = tmp_path / given
    path.write_bytes(files[given])
    with pytest.raises(SignatureError) as refused:
        verify_file(path, [trusted])
    assert refused.value.reason == MISSING
    assert str(refused.value.problems[0].message) == what.format(key_id=trusted.key_id)


@pytest.mark.parametrize("content", [b"", b"\n", b"  \r\n\t\n"])
def test_an_empty_private_key_file_is_called_empty(tmp_path, content):
    """An empty key file (a copy that did not finish) was "not an unencrypted PEM private key": the publisher looked
    for a wrong format. It is said to be empty, before anything about who may read it."""
    empty = tmp_path / "k.pem"
    empty.write_bytes(content)
    os.chmod(empty, 0o644)
    with pytest.raises(KeyFileError) as refused:
        load_private_key(empty)
    assert str(refused.value) == (f"the private key file {empty} is empty: it holds no key (a copy that did not "
                                  "finish, or the wrong file)")


def test_sign_then_verify(signed, key):
    sig = json.loads(signature_path(signed).read_text())
    assert set(sig) == {"key_id", "algorithm", "signature", "sha256"}
    assert sig["algorithm"] == "ed25519" and len(base64.b64decode(sig["signature"])) == 64
    assert sig["sha256"] == hashlib.sha256(signed.read_bytes()).hexdigest()
    assert verify_file(signed, [key[1]]) == key[1].key_id == sig["key_id"]


def test_a_changed_byte_is_refused(signed, key):
    flip_byte(signed)
    with pytest.raises(SignatureError) as exc:
        verify_file(signed, [key[1]])
    assert exc.value.reason == TAMPERED
    assert str(exc.value) == ("mini-pack.json: has been changed since it was signed (or was copied only in part): "
                              "its SHA-256 is not the one its signature file mini-pack.json.sig records. Do not use it.")


def test_a_signature_damaged_past_its_checks_is_told_from_a_changed_pack(signed, key):
    """A flipped bit in the signature's first half passes every check of its form, and to the key it looks
    like a changed pack; the SHA-256 the file records tells them apart (verify could not)."""
    sig = json.loads(signature_path(signed).read_text())
    raw = bytearray(base64.b64decode(sig["signature"]))
    raw[5] ^= 0x10
    sig["signature"] = base64.b64encode(bytes(raw)).decode("ascii")
    signature_path(signed).write_text(json.dumps(sig))
    with pytest.raises(SignatureError) as exc:
        verify_file(signed, [key[1]])
    assert exc.value.reason == INVALID, "refused all the same, as a signature file that cannot be used"
    assert str(exc.value) == (
        "mini-pack.json: does not match its signature file mini-pack.json.sig. The pack's SHA-256 is the one that "
        "file records, so the signature in it is most likely damaged, or was not made with the publisher's key. "
        "Ask the publisher for the signature file again, and do not use the pack until it verifies.")


@pytest.mark.parametrize("stated", [None, "not hex", "AB" * 32, 7])
def test_a_signature_file_without_a_usable_sha256_gets_the_old_message(signed, key, stated):
    """Signature files made before the SHA-256 was recorded (or with it unreadable) still verify, and a
    mismatch names both possible causes."""
    sig = json.loads(signature_path(signed).read_text())
    if stated is None:
        del sig["sha256"]
    else:
        sig["sha256"] = stated
    signature_path(signed).write_text(json.dumps(sig))
    assert verify_file(signed, [key[1]]) == key[1].key_id
    flip_byte(signed)
    with pytest.raises(SignatureError) as exc:
        verify_file(signed, [key[1]])
    assert str(exc.value) == ("mini-pack.json: has been changed since it was signed (or was copied only in part), "
                              "or its signature file mini-pack.json.sig was: they do not match. Do not use it.")


def test_a_damaged_signature_file_is_named_as_such(signed, key):
    sig = json.loads(signature_path(signed).read_text())
    raw = base64.b64decode(sig["signature"])
    sig["signature"] = base64.b64encode(raw[:63] + b"\xff").decode("ascii")  # no key makes such a signature
    signature_path(signed).write_text(json.dumps(sig))
    with pytest.raises(SignatureError) as exc:
        verify_file(signed, [key[1]])
    assert exc.value.reason == INVALID
    assert str(exc.value) == ("mini-pack.json: its signature file mini-pack.json.sig is not valid (the signature is "
                              "damaged: no key could have made it); the pack cannot be trusted")


def test_a_truncated_pack_is_refused(signed, key):
    signed.write_bytes(signed.read_bytes()[:-40])
    with pytest.raises(SignatureError, match="changed since it was signed") as exc:
        verify_file(signed, [key[1]])
    assert exc.value.reason == TAMPERED


def test_a_key_the_app_does_not_trust_is_refused(signed, tmp_path):
    _, other = make_key(tmp_path / "other", "Someone else")
    with pytest.raises(SignatureError) as exc:
        verify_file(signed, [other])
    assert exc.value.reason == UNKNOWN_KEY
    assert "which this app does not trust" in str(exc.value)


def test_a_missing_signature_is_refused(mini_pack_path, key):
    with pytest.raises(SignatureError) as exc:
        verify_file(mini_pack_path, [key[1]])
    assert exc.value.reason == MISSING
    assert str(exc.value).startswith("mini-pack.json: is not signed: the signature file mini-pack.json.sig is missing")


@pytest.mark.parametrize("content, why", [
    (b"not json", "it is not JSON"),
    (b"[]", "it is not a JSON object"),
    (b'{"key_id": "x", "algorithm": "rsa", "signature": ""}', "the algorithm must be 'ed25519'"),
    (b'{"key_id": "x", "algorithm": "ed25519", "signature": "%%%"}', "the signature is not base64"),
    (b'{"key_id": "x", "algorithm": "ed25519", "signature": "AAAA"}', "the signature has the wrong length"),
    (b'{"algorithm": "ed25519", "signature": "AAAA"}', "it names no key_id"),
])
def test_an_invalid_signature_file_is_refused(signed, key, content, why):
    signature_path(signed).write_bytes(content)
    with pytest.raises(SignatureError) as exc:
        verify_file(signed, [key[1]])
    assert exc.value.reason == INVALID
    assert f"its signature file mini-pack.json.sig is not valid ({why}" in str(exc.value)


def test_a_signature_error_is_a_pack_error_naming_the_file(signed, tmp_path):
    with pytest.raises(PackError) as exc:
        verify_file(signed, [])
    assert exc.value.problems[0].file == "mini-pack.json"


def test_trusted_keys_file_shipped_with_the_app_is_valid():
    assert load_trusted_keys(paths.trusted_keys_file()) == []  # real keys are added by the department


def test_it_managed_keys_in_the_user_config_folder_are_trusted_too(key):
    extra = paths.extra_trusted_keys_file()
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_text(json.dumps({"keys": [key[1].as_dict()]}))
    assert key[1] in app_trusted_keys()


def test_a_damaged_keys_file_trusts_nothing_from_it_and_says_so(key):
    extra = paths.extra_trusted_keys_file()
    extra.parent.mkdir(parents=True, exist_ok=True)
    entry = key[1].as_dict() | {"key_id": "0000000000000000"}
    extra.write_text(json.dumps({"keys": [entry]}))
    notices: list[str] = []
    assert key[1] not in app_trusted_keys(notices)
    assert "does not match its public key" in notices[0]


@pytest.mark.parametrize(("content", "words"), [
    ("[" * 100_000 + "]" * 100_000, "is not a list of keys: its JSON is nested too deeply"),  # was a RecursionError
    (b'{"keys": [\xff]}', "is not UTF-8 text (bad byte at position 10)"),  # was "'utf-8' codec can't decode byte…"
    ('{"keys": []}'.encode("utf-16"), 'is saved as UTF-16 (what Notepad calls "Unicode"), not UTF-8: open it and save '
     "it again as UTF-8"),  # was "is not UTF-8 text (bad byte at position 0)"
    ('{"keys": [', "is not valid JSON: Expecting value at line 1, column 11; the file ends before its data does, so "
     "it was probably cut short (copied or saved only in part)"),  # was "…(char 10)"
    ('{"keys": [\n  {"public_key', "is not valid JSON: Unterminated string starting at line 2, column 4; the file "
     "ends before its data does, so it was probably cut short (copied or saved only in part)"),  # "at at"
    ('{"keys": [}', "is not valid JSON: Expecting value at line 1, column 11"),  # a fault, not an end
    ('{"keys": [' + "9" * 5000 + "]}", "is not a list of keys: a number in it is thousands of digits long"),  # not
    # "nested too deeply": Python reads no integer of more than 4,300 digits (ValueError)
])
def test_a_keys_file_that_is_not_json_says_why_in_plain_words(content, words):
    extra = paths.extra_trusted_keys_file()
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_bytes(content if isinstance(content, bytes) else content.encode())
    notices: list[str] = []
    assert app_trusted_keys(notices) == []
    assert notices == [f"The trusted keys file {extra} {words}"]


def test_a_folder_where_the_keys_file_should_be_is_named(key):
    """It was passed over without a word: the packs its keys signed were then refused as untrusted."""
    extra = paths.extra_trusted_keys_file()
    extra.mkdir(parents=True)
    notices: list[str] = []
    assert app_trusted_keys(notices) == []
    assert notices == [f"The trusted keys file {extra} is a folder, not a file: IT should put the keys file in its "
                       "place"]


def test_a_keys_file_that_cannot_be_read_is_named_not_passed_over(key, monkeypatch):
    """A link that loops, or a folder this user may not open, made ``exists()`` say no file (or raise
    PermissionError): the packs its keys signed were refused as untrusted, with no word of the keys file."""
    extra = paths.extra_trusted_keys_file()
    extra.parent.mkdir(parents=True)
    extra.symlink_to(extra.name)  # a link to itself: "Too many levels of symbolic links"
    notices: list[str] = []
    assert app_trusted_keys(notices) == []
    assert notices == [f"Cannot read the trusted keys file {extra}: Too many levels of symbolic links"]

    extra.unlink()
    extra.write_text(json.dumps({"keys": [key[1].as_dict()]}))

    def locked(real):
        def call(path, *args, **kwargs):
            if Path(path) == extra:
                raise PermissionError(13, "Permission denied")
            return real(path, *args, **kwargs)
        return call

    monkeypatch.setattr(Path, "stat", locked(Path.stat))
    monkeypatch.setattr(Path, "read_bytes", locked(Path.read_bytes))
    monkeypatch.setattr(os, "open", locked(os.open))  # the file is opened, then looked at
    notices.clear()
    assert app_trusted_keys(notices) == []
    assert notices == [f"Cannot read the trusted keys file {extra}: Permission denied"]


def test_a_keys_file_saved_with_a_byte_order_mark_is_read(key):
    """IT edits this file by hand; Notepad may save it as "UTF-8 with BOM". It was refused ("Unexpected UTF-8
    BOM (decode using utf-8-sig)"), so every pack its keys signed was refused as untrusted."""
    extra = paths.extra_trusted_keys_file()
    extra.parent.mkdir(parents=True)
    extra.write_bytes(b"\xef\xbb\xbf" + json.dumps({"keys": [key[1].as_dict()]}).encode())
    notices: list[str] = []
    assert key[1] in app_trusted_keys(notices)
    assert notices == []


def test_a_folder_where_the_keys_file_should_be_is_called_a_folder_on_windows_too(key, monkeypatch):
    """Windows refuses to read a folder as a file with "Permission denied" (EACCES), where Linux says "Is a
    directory": the notice sent IT to check the file's permissions, for a file that was not there."""
    extra = paths.extra_trusted_keys_file()
    extra.mkdir(parents=True)
    real_read_text = Path.read_text

    def as_windows_reads(self, *args, **kwargs):
        if self == extra:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", as_windows_reads)
    notices: list[str] = []
    assert app_trusted_keys(notices) == []
    assert len(notices) == 1 and "is a folder, not a file" in notices[0] and "Permission denied" not in notices[0]


def test_a_signature_file_is_out_of_date_once_the_pack_beside_it_changes(tmp_path, key):
    """What the editor's Save tells a supervisor: the signature beside a saved pack no longer matches it."""
    pack = tmp_path / "PACK.json"
    write_tables_atomic(mini_tables(), pack)
    assert signed_bytes(pack) is None and stale_signature(pack, pack.read_bytes()) is None  # nothing signed
    sig = sign_file(pack, key[0])
    signed = signed_bytes(pack)
    assert signed == pack.read_bytes() and stale_signature(pack, signed) is None
    changed = write_tables_atomic(set_verdict(mini_tables(), "S08", "o_release", "refer"), pack)
    assert stale_signature(pack, changed, signed) == sig
    with pytest.raises(SignatureError):  # what an install would say
        verify_file(pack, [key[1]])

    doc = json.loads(sig.read_text())
    del doc["sha256"]  # a signature file made before the SHA-256 was recorded: told by the bytes before
    sig.write_text(json.dumps(doc))
    assert stale_signature(pack, changed, signed) == sig
    assert stale_signature(pack, changed, changed) is None
    assert stale_signature(pack, changed) == sig  # not known what it was made for
    sig.write_text("not a signature")
    assert stale_signature(pack, changed, signed) == sig and stale_signature(pack, changed, changed) is None


# --- publish --------------------------------------------------------------------------------------------


def test_publish_bumps_the_version_sets_dates_validates_writes_and_signs(tmp_path, key):
    tables = set_verdict(mini_tables(), "S08", "o_release", "refer")
    target = tmp_path / "out" / "PACK.json"
    result = publish(tables, target, key[0], as_of=dt.date(2026, 3, 1), today=dt.date(2026, 3, 4))
    assert (result.data_version, result.as_of) == (4, dt.date(2026, 3, 1))
    loaded = load_pack(target)
    assert loaded.sha256 == result.sha256
    meta = loaded.pack.meta
    assert (meta.data_version, meta.as_of, meta.reviewed_on) == (4, dt.date(2026, 3, 1), dt.date(2026, 3, 4))
    assert verify_file(target, [key[1]]) == key[1].key_id == result.key_id
    assert tables["meta"]["1"]["data_version"] == 3  # the caller's tables are not changed


def test_publish_keeps_the_source_as_of_date_and_accepts_a_pack(tmp_path, key, mini_pack):
    """A typo fix must not re-date the law: without ``as_of`` the pack keeps the date it states."""
    result = publish(mini_pack, tmp_path / "p.json", key[0], today=dt.date(2026, 12, 5))
    assert result.as_of == mini_pack.meta.as_of == dt.date(2026, 2, 2)
    assert result.data_version == mini_pack.meta.data_version + 1
    assert load_pack(tmp_path / "p.json").pack.meta.reviewed_on == dt.date(2026, 12, 5)
    assert verify_file(tmp_path / "p.json", [key[1]])
    assert source_as_of(mini_tables()) == source_as_of(mini_pack) == dt.date(2026, 2, 2)  # the dialog's default
    assert source_as_of({"meta": {"1": {"as_of": "not a date"}}}) is None
    # what Python's fromisoformat reads but `check`, publish and --as-of refuse: the dialog offered 27 Jan 2026
    for not_yyyy_mm_dd in ("2026-W05-2", "20260202", "2026-02-02\n", "2026-02-30"):
        assert source_as_of({"meta": {"1": {"as_of": not_yyyy_mm_dd}}}) is None, not_yyyy_mm_dd


def test_publish_refuses_an_as_of_date_later_than_today(tmp_path, key):
    target = tmp_path / "p.json"
    with pytest.raises(PackError) as exc:
        publish(mini_tables(), target, key[0], as_of=dt.date(2026, 3, 5), today=dt.date(2026, 3, 4))
    assert "p.json › meta › as_of: the as-of date 5 Mar 2026 is later than today (4 Mar 2026)" in str(exc.value)
    assert not target.exists() and not signature_path(target).exists()
    assert publish(mini_tables(), target, key[0], as_of=dt.date(2026, 3, 4), today=dt.date(2026, 3, 4)).as_of == (
        dt.date(2026, 3, 4))


def test_publish_refuses_a_source_whose_own_as_of_date_is_a_week_date_naming_the_source(tmp_path, key):
    """The source's own as-of date follows --as-of's rule (YYYY-MM-DD only), and the refusal says which file,
    which field and which form, not "not in the expected form"."""
    tables = mini_tables()
    tables["meta"]["1"]["as_of"] = "2026-W05-2"
    target = tmp_path / "p.json"
    with pytest.raises(PackError) as exc:
        publish(tables, target, key[0], today=dt.date(2026, 3, 4), source_name="draft.json")
    assert [p.text() for p in exc.value.problems] == [
        "draft.json › meta › as_of: '2026-W05-2' is not a date written YYYY-MM-DD (year, month, day: 2026-02-02)"]
    assert not target.exists() and not signature_path(target).exists()


def test_publish_refuses_a_source_whose_own_as_of_date_is_later_than_today(tmp_path, key):
    """Without ``as_of`` the source's date is kept: a hand-edited 2099 was signed, and officers' apps would never
    have shown the pack OUT OF DATE."""
    tables = mini_tables()
    tables["meta"]["1"]["as_of"] = "2099-01-01"
    target = tmp_path / "p.json"
    with pytest.raises(PackError) as exc:
        publish(tables, target, key[0], today=dt.date(2026, 3, 4))
    assert "p.json › meta › as_of: the as-of date 1 Jan 2099 is later than today (4 Mar 2026)" in str(exc.value)
    assert not target.exists() and not signature_path(target).exists()


def test_publish_leaves_nothing_half_published_when_the_signature_cannot_be_written(tmp_path, key):
    target = tmp_path / "p.json"
    signature_path(target).mkdir()  # the .sig cannot be written: no pack without its signature
    with pytest.raises(IsADirectoryError) as exc:
        publish(mini_tables(), target, key[0])
    assert exc.value.filename == str(signature_path(target))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keys", "p.json.sig"]

    with pytest.raises(IsADirectoryError):  # a folder given as the target
        publish(mini_tables(), tmp_path / "keys", key[0])
    assert sorted(p.name for p in (tmp_path / "keys").iterdir()) == ["test-publisher.pem", "test-publisher.pub.json"]


def test_publish_removes_the_new_pack_when_its_signature_cannot_be_put_in_place(tmp_path, key, monkeypatch):
    target = tmp_path / "p.json"
    real_replace = os.replace

    def failing_replace(src, dst):
        if str(dst) == str(signature_path(target)):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        publish(mini_tables(), target, key[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keys"]  # no unsigned pack, no temporary file


@pytest.fixture
def umask_022():
    """The usual umask, whatever the one running the tests (under 077 a document's mode is a temp file's 0600, and a
    test of "0644, not 0600" could not fail)."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_publish_serialises_the_pack_once_and_signs_the_bytes_it_writes(tmp_path, key, monkeypatch, umask_022):
    """publish made the pack's JSON three times (once to sign, once through TinyDB, once more to check TinyDB's
    layout): one serialisation now serves the signature and the file, and the file is byte for byte the
    canonical layout the signature covers."""
    real_dumps = json.dumps
    packs_made = []

    def counting_dumps(obj, *args, **kwargs):
        if isinstance(obj, dict) and {"meta", "provisions", "scenarios"} <= set(obj):
            packs_made.append(obj)
        return real_dumps(obj, *args, **kwargs)

    target = tmp_path / "p.json"
    monkeypatch.setattr(json, "dumps", counting_dumps)
    result = publish(mini_tables(), target, key[0])
    monkeypatch.setattr(json, "dumps", real_dumps)
    assert len(packs_made) == 1, "the pack is serialised once"
    written = target.read_bytes()
    assert written == dump_tables(read_tables(target)), "the canonical layout, as TinyDB writes it"
    assert hashlib.sha256(written).hexdigest() == result.sha256
    assert verify_file(target, [key[1]]) == key[1].key_id
    assert stat.S_IMODE(target.stat().st_mode) == 0o644, "readable as TinyDB's file was, not a temp's 0600"


def test_a_published_or_signed_signature_is_as_readable_as_its_pack(tmp_path, key, umask_022):
    """`publish` and `sign` wrote the pack 0644 (umask 022) and its .sig 0600, a temporary file's mode: an officer's
    app running as another user beside a shared folder could read the update but not its signature, and refused it."""
    target = tmp_path / "p.json"
    publish(mini_tables(), target, key[0])
    assert stat.S_IMODE(signature_path(target).stat().st_mode) == 0o644
    signature_path(target).unlink()
    assert stat.S_IMODE(sign_file(target, key[0]).stat().st_mode) == 0o644


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="links need symlink support")
def test_publish_onto_a_link_signs_the_file_the_link_points_to(tmp_path, key):
    """Publishing onto a link to the pack in a shared folder wrote the new pack there (through the link) but its
    signature beside the link: the shared pack kept the last version's .sig, and every officer's app refused it as
    changed since it was signed. The signature goes beside the file written, and both verify."""
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "update.json"
    publish(mini_tables(), real, key[0], user_data=tmp_path / "user")
    link = tmp_path / "update.json"
    link.symlink_to(real)
    result = publish(mini_tables(), link, key[0], user_data=tmp_path / "user")
    assert link.is_symlink(), "the link stays a link"
    assert result.signature_path == signature_path(real)
    assert hashlib.sha256(real.read_bytes()).hexdigest() == result.sha256, "the new pack is where the link points"
    assert verify_file(real, [key[1]]) == key[1].key_id
    assert not signature_path(link).exists(), "no second signature beside the link"
    assert sorted(p.name for p in shared.iterdir()) == ["update.json", "update.json.sig"], "no temporary file left"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="links need symlink support")
def test_a_pack_read_through_a_link_verifies_by_the_signature_beside_the_file_it_points_to(tmp_path, key):
    """Publish puts the signature beside the file a link points to (above); a pack then checked or installed through
    the link looked for its .sig beside the link, found none, and was refused as unsigned. The signature beside the
    file itself is found; one beside the link still counts where there is none there (a .sig linked with its pack)."""
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "update.json"
    link = tmp_path / "update.json"
    link.symlink_to(real)
    publish(mini_tables(), link, key[0], user_data=tmp_path / "user")
    assert verify_file(link, [key[1]]) == key[1].key_id
    assert read_signature(link) == signature_path(real).read_bytes()
    beside = tmp_path / "linked.json"
    beside.symlink_to(real)
    signature_path(real).rename(shared / "kept.sig")
    signature_path(beside).symlink_to(shared / "kept.sig")  # the pair linked side by side
    assert verify_file(beside, [key[1]]) == key[1].key_id
    with pytest.raises(SignatureError):
        verify_file(link, [key[1]])  # no signature beside either: still refused


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="links need symlink support")
def test_publish_onto_a_link_that_fails_half_way_leaves_the_shared_pack_as_it_was(tmp_path, key, monkeypatch):
    """When the signature could not be put in place, the pack written through the link stayed (unsigned by what
    was beside it) and the link was replaced by a file holding the old pack. Both or neither, through a link too."""
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "update.json"
    publish(mini_tables(), real, key[0], user_data=tmp_path / "user")
    before = real.read_bytes()
    link = tmp_path / "update.json"
    link.symlink_to(real)
    real_replace = os.replace

    def failing_replace(src, dst):
        if str(dst).endswith(".sig"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        publish(mini_tables(), link, key[0], user_data=tmp_path / "user")
    monkeypatch.undo()
    assert link.is_symlink() and real.read_bytes() == before
    assert verify_file(real, [key[1]]) == key[1].key_id
    assert sorted(p.name for p in shared.iterdir()) == ["update.json", "update.json.sig"], "no temporary file left"


def test_publish_replaces_an_existing_file_only_when_allowed(tmp_path, key):
    target = tmp_path / "p.json"
    first = publish(mini_tables(), target, key[0])
    with pytest.raises(FileExistsError):
        publish(set_verdict(mini_tables(), "S08", "o_release", "refer"), target, key[0], overwrite=False)
    assert load_pack(target).sha256 == first.sha256 and verify_file(target, [key[1]])
    second = publish(set_verdict(mini_tables(), "S08", "o_release", "refer"), target, key[0])  # the default
    assert load_pack(target).sha256 == second.sha256 != first.sha256 and verify_file(target, [key[1]])
    assert (first.data_version, second.data_version) == (4, 5), "a pack replacing another is newer than it"


@pytest.mark.parametrize("target", ["key", "key.sig-of"])
def test_publish_never_writes_over_its_own_private_key_even_when_told_to_replace(tmp_path, key, target):
    """`publish -o cpd.pem --key cpd.pem --force` wrote the pack over the private key, which was lost, and said
    "Published cpd.pem"; so did -o cpd (its signature cpd.sig) with a key named cpd.sig."""
    private = key[0]
    if target == "key.sig-of":
        private = private.rename(private.with_name("cpd.sig"))
        target_path = private.with_name("cpd")
    else:
        target_path = private.parent / "." / private.name
    before = private.read_bytes()
    with pytest.raises(KeyFileError, match="the private key that signs it"):
        publish(mini_tables(), target_path, private, overwrite=True, user_data=tmp_path / "user")
    assert private.read_bytes() == before
    assert load_private_key(private)


def test_publish_goes_above_every_version_already_published(tmp_path, key):
    """Undo in the editor takes the draft's data version back past a publish; the next publish must still
    be newer than the pack already published (installs refuse one that is not)."""
    elsewhere = tmp_path / "another-machine"  # whose memory of versions published this one does not share
    assert publish(mini_tables(), tmp_path / "a.json", key[0], newer_than=7, user_data=elsewhere).data_version == 8
    assert publish(mini_tables(), tmp_path / "b.json", key[0], newer_than=2).data_version == 4  # the draft's 3 + 1
    assert published_version(tmp_path / "a.json") == 8
    assert publish(mini_tables(), tmp_path / "a.json", key[0]).data_version == 9  # over version 8
    for nothing in ("missing.json", "keys"):  # no file, a folder
        assert published_version(tmp_path / nothing) is None
    (tmp_path / "c.json").write_text('{"meta": {"1": {"data_version": true}}}')
    assert published_version(tmp_path / "c.json") is None
    assert publish(mini_tables(), tmp_path / "c.json", key[0], user_data=tmp_path / "a-third").data_version == 4
    assert next_data_version(3) == 4 and next_data_version(3, None, 9, 5) == 10


def test_publish_goes_above_every_version_this_machine_published_in_an_earlier_session(tmp_path, key,
                                                                                      user_base):
    """Publish remembered only the pack at its target and the versions of its own editor window, so a
    version published under another file name in an earlier session was used again by the next publish
    (and refused by every app that had installed the first). Each publish now leaves its version in the
    user data folder, which a later session (fresh objects, same folders) reads, with the versions installed
    here."""
    first = publish(mini_tables(), tmp_path / "monday" / "pack-for-district-1.json", key[0])
    assert first.data_version == 4
    (tmp_path / "monday" / "pack-for-district-1.json").unlink()  # moved away, sent, deleted: no matter
    # a later session: nothing in memory, another folder, another name, the same draft
    later = publish(mini_tables(), tmp_path / "friday" / "encounter-guide.json", key[0])
    assert later.data_version == 5, "version 4 was published on this machine already"
    assert highest_machine_version() == 5 == highest_machine_version(user_base / "data")
    recorded = json.loads((user_base / "data" / PUBLISHED_FILE).read_text())["published"]
    assert [(e["data_version"], e["file"]) for e in recorded] == [(4, "pack-for-district-1.json"),
                                                                  (5, "encounter-guide.json")]
    assert all(set(e) == {"data_version", "file", "on"} for e in recorded), "versions only: nothing else"


def test_publish_goes_above_the_versions_installed_on_this_machine(tmp_path, key, user_base):
    """A pack installed here (its version folder, or only the install history after the folder was cleaned
    away) is a version used already."""
    data = user_base / "data"
    assert highest_machine_version(data) == published_version(paths.bundled_pack())  # nothing installed yet
    (data / "packs" / "versions" / "v11-0123456789abcdef").mkdir(parents=True)
    assert publish(mini_tables(), tmp_path / "a.json", key[0]).data_version == 12
    shutil.rmtree(data / "packs")
    (data / PUBLISHED_FILE).unlink()
    append_history(data / "history.json", HistoryEntry(action="install", at="2026-02-01T10:00:00",
                                                       from_version=20, to_version=21, to_as_of="2026-01-01"))
    assert machine_versions(data) == [published_version(paths.bundled_pack()), 20, 21]  # the app's own, first
    assert publish(mini_tables(), tmp_path / "b.json", key[0]).data_version == 22
    (data / PUBLISHED_FILE).write_text("not json")  # a damaged memory is not a reason to refuse a publish:
    assert publish(mini_tables(), tmp_path / "c.json", key[0]).data_version == 22  # the history still says 21
    assert json.loads((data / PUBLISHED_FILE).read_text())["published"][0]["data_version"] == 22


def test_publish_goes_above_the_version_of_the_pack_built_into_the_app(tmp_path, key, monkeypatch):
    """A draft saved before the app was updated with newer data: its version + 1 was at or below the data
    built into the app, which officers' apps keep in preference to an update that is not newer."""
    bundled = tmp_path / "app" / "encounter-guide.json"
    bundled.parent.mkdir()
    tables = mini_tables()
    next(iter(tables["meta"].values()))["data_version"] = 30
    write_tables_atomic(tables, bundled)
    monkeypatch.setattr(paths, "bundled_pack", lambda: bundled)
    assert highest_machine_version() == 30
    assert publish(mini_tables(), tmp_path / "a.json", key[0]).data_version == 31  # the draft says 3
    bundled.unlink()  # no pack built in (a checkout without data): nothing to go above
    assert machine_versions(tmp_path / "elsewhere") == []


def test_a_damaged_list_of_versions_published_is_kept_and_its_versions_still_count(tmp_path, key, user_base):
    """published.json cut short (a full disk, a crash in an editor that was not this one): publish read it as
    empty, proposed the draft's version + 1 again and wrote a new list over it, so the versions it held were
    gone for good. Those still legible count; the file is kept aside for a person, and the supervisor is told."""
    data = user_base / "data"
    data.mkdir(parents=True)
    whole = json.dumps({"format": 1, "published": [{"data_version": v, "file": f"p{v}.json", "on": "2026-01-05"}
                                                   for v in (40, 41)]}, indent=2, sort_keys=True)
    cut = whole[: whole.rindex('"file"') + 3].encode()  # version 41 is in it, the file is not whole
    (data / PUBLISHED_FILE).write_bytes(cut)
    assert highest_machine_version(data) == 41
    result = publish(mini_tables(), tmp_path / "a.json", key[0])
    assert result.data_version == 42
    kept = sorted(data.glob("published.damaged-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == cut, "the damaged list is kept as it was"
    assert [e["data_version"] for e in json.loads((data / PUBLISHED_FILE).read_text())["published"]] == [42]
    line = cut.count(b"\n") + 1  # json's own words, "Unterminated string starting at", read "at at line"
    assert result.record_note == (
        "published.json, this computer's list of the data versions published here, could not be read: it is not "
        f"valid JSON (Unterminated string at line {line}); it may have been cut short. It was kept as "
        f"{kept[0].name} and a new list started.")
    assert publish(mini_tables(), tmp_path / "b.json", key[0]).record_note == ""  # the new list reads
    # JSON nested past Python's limit is damaged too: it stopped every publish with a RecursionError
    (data / PUBLISHED_FILE).write_text("[" * 100_000 + "]" * 100_000)
    deep = publish(mini_tables(), tmp_path / "c.json", key[0])
    assert "nested too deeply" in deep.record_note and len(list(data.glob("published.damaged-*.json"))) == 2


def test_a_publish_this_computer_could_not_note_says_so(tmp_path, key, user_base, monkeypatch):
    """A user data folder that cannot be written, or a list of versions that cannot be read just now: the
    pack is published all the same, but the next publish may not know its version, and nobody was told."""
    data = user_base / "data"
    real_write = publish_module.write_bytes_atomic

    def read_only_folder(blob, path):
        if Path(path).parent == data:
            raise PermissionError(13, "Permission denied", str(path))
        return real_write(blob, path)

    with monkeypatch.context() as patched:
        patched.setattr(publish_module, "write_bytes_atomic", read_only_folder)
        result = publish(mini_tables(), tmp_path / "a.json", key[0])
    assert result.data_version == 4 and load_pack(tmp_path / "a.json").pack.meta.data_version == 4
    assert "published.json could not be written: permission denied" in result.record_note
    assert "could not note that data version 4 is used" in result.record_note

    memory = data / PUBLISHED_FILE
    memory.write_text(json.dumps({"format": 1, "published": [{"data_version": 9, "file": "x.json",
                                                             "on": "2026-01-05"}]}))
    before = memory.read_bytes()
    from desktop.storage import history

    real_read = history.read_record_bytes

    def unreadable(path):
        if Path(path) == memory:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path)

    monkeypatch.setattr(history, "read_record_bytes", unreadable)
    result = publish(mini_tables(), tmp_path / "b.json", key[0])
    assert result.data_version == 4  # its 9 could not be known
    assert memory.read_bytes() == before, "a list that may be whole is never written over"
    assert "could not be read (permission denied) and was left as it was" in result.record_note
    assert not list(data.glob("published.damaged-*"))


def test_publish_refuses_a_pack_with_errors_and_writes_nothing(tmp_path, key):
    tables = read_tables(MINI_PACK)
    tables["scenarios"]["1"]["start"] = "nowhere"
    target = tmp_path / "p.json"
    with pytest.raises(PackError) as exc:
        publish(tables, target, key[0])
    assert "points to node 'nowhere', which does not exist" in str(exc.value)
    assert not target.exists() and not signature_path(target).exists()


def test_publish_refuses_without_a_usable_key(tmp_path):
    with pytest.raises(KeyFileError, match="cannot read the private key"):
        publish(mini_tables(), tmp_path / "p.json", tmp_path / "missing.pem")
    assert not (tmp_path / "p.json").exists()


def test_read_tables_says_in_plain_words_what_the_file_holds_instead(tmp_path):
    source = tmp_path / "edited.json"
    source.write_text("[1, 2]")
    with pytest.raises(PackError) as exc:
        read_tables(source)
    assert str(exc.value) == ("edited.json: must hold a set of named tables (meta, provisions, scenarios, …), "
                              "not a list")


@pytest.mark.parametrize("fail_at", [1, 2, 3, 4])
@pytest.mark.parametrize("before_state", ["nothing", "pack", "signature", "both"])
def test_publishing_onto_a_file_that_then_fails_gives_the_old_file_back(tmp_path, key, monkeypatch, fail_at,
                                                                        before_state):
    """Publishing over an existing file (the editor publishes onto the draft it edits) removed the new pack
    when its signature could not be put in place, and the file that had been there was gone with it. With
    a file move failing at any step, what was there before (pack, signature, both or neither) is there
    after, byte for byte, and nothing else."""
    target = tmp_path / "draft.json"
    if before_state in ("pack", "both"):
        write_tables_atomic(mini_tables(), target)
    if before_state in ("signature", "both"):
        signature_path(target).write_bytes(b'{"old": "signature"}')
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    real_replace = os.replace
    calls = []

    def failing_replace(src, dst):
        if Path(dst).parent != tmp_path:  # the user data folder's memory of versions published
            real_replace(src, dst)
            return
        calls.append(dst)
        if len(calls) == fail_at:
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    try:
        publish(set_verdict(mini_tables(), "S08", "o_release", "refer"), target, key[0])
    except PermissionError:
        after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
        assert after == before, (fail_at, before_state)
    else:  # fewer moves than fail_at: it published, signed
        monkeypatch.undo()
        assert len(calls) < fail_at and verify_file(target, [key[1]])


def test_keygen_that_cannot_write_the_public_key_leaves_no_private_key(tmp_path):
    """The public key file could not be written (a file where its folder should be): the private key was left
    alone, a key pair's half that can sign nothing anyone trusts, and the next try said it "already exists"."""
    (tmp_path / "a-file").write_text("not a folder")
    private = tmp_path / "keys" / "legal.pem"
    with pytest.raises(OSError):
        generate_keypair(private, tmp_path / "a-file" / "legal.pub.json")
    assert not private.exists()
    generate_keypair(private, tmp_path / "keys" / "legal.pub.json")  # the next try makes the pair
    assert private.is_file()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("pipe_at", ["pack", "signature"])
def test_publish_onto_a_pipe_is_refused_before_anything_is_read_or_written(tmp_path, key, pipe_at):
    """`publish -o PIPE --force` (and the editor's Publish onto one) waited for good: the copy of the file replaced,
    kept to put back if publishing fails half-way, was read from the pipe, which waits for a writer. Here a writer
    comes (so the test ends either way): the pipe was read, then replaced by the pack."""
    from tests.failing_fs import pipe_with_a_writer

    target = tmp_path / "update.json"
    pipe = target if pipe_at == "pack" else signature_path(target)
    with pipe_with_a_writer(pipe, b"what was there"):
        with pytest.raises(OSError, match=r"is a pipe \(a FIFO\), not a file") as exc:
            publish(mini_tables(), target, key[0], user_data=tmp_path / "user")
        assert exc.value.filename == str(pipe)
        assert stat.S_ISFIFO(os.lstat(pipe).st_mode), "the pipe is left as it was"
        written = sorted(p.name for p in tmp_path.iterdir() if p.name not in ("user", f".{pipe.name}.same-pipe"))
        assert written == sorted(["keys", pipe.name]), "nothing written"


def test_a_pack_published_under_a_name_of_undecodable_bytes_is_recorded_by_that_name(tmp_path, key):
    """`publish … -o $'p\\xff.json'`: the pack and its signature were written, then the list of versions published
    here (published.json) could not be (UTF-8 cannot hold the name's byte as Python keeps it): a traceback, and
    version 4 never noted. The name is written as its escape and reads back to the file, whose ids count."""
    folder = tmp_path / "out"
    target = folder / os.fsdecode(b"p\xff.json")
    result = publish(mini_tables(), target, key[0], today=dt.date(2026, 3, 4), user_data=tmp_path / "user")
    assert result.record_note is None or "could not" not in result.record_note, result.record_note
    record = tmp_path / "user" / "published.json"
    [entry] = json.loads(record.read_bytes().decode("utf-8"))["published"]
    assert os.fsencode(entry["file"]) == b"p\xff.json" and entry["data_version"] == 4
    assert (folder / entry["file"]).is_file()
