"""Ed25519 detached signatures over the exact bytes of a data pack.

``PACK.json`` is signed by ``PACK.json.sig``, a small JSON file::

    {"key_id": "<16 hex>", "algorithm": "ed25519", "signature": "<base64>", "sha256": "<64 hex>"}

``sha256`` (of the signed bytes; absent from signature files made before it was added) is not itself
signed and never makes a pack trusted: when a signature does not match, it only tells a pack changed since
it was signed from a signature file damaged in its ``signature`` (see :func:`verify_bytes`).

``key_id`` is the first 16 hex digits of the SHA-256 of the raw 32-byte public key. The app trusts the
public keys listed in ``resources/trusted_keys.json`` (shipped with the app) and, if present, in
``trusted_keys.json`` in the user config folder (managed by IT). Both use the same format::

    {"keys": [{"key_id": "…", "public_key": "<base64 raw>", "name": "…", "added": "YYYY-MM-DD"}]}

A public key file written by :func:`generate_keypair` holds one such entry and can be used as a
trusted-keys file on its own (``verify --trusted``).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import errno
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import paths
from desktop.domain.codec import not_utf8_words
from desktop.domain.validation import Problem, Report
from desktop.storage.pack_file import (
    FILE_LOOP_WORDS,
    JSON_OPTIONS,
    FileTooLarge,
    PackError,
    SpecialFile,
    json_error_words,
    read_bytes,
    read_limited,
    read_limited_with_status,
    shown_text,
    special_file_words,
    validate_bytes,
    write_bytes_atomic,
)

if TYPE_CHECKING:  # PyNaCl is imported where a key is used: the officer app starts without it
    from nacl.signing import SigningKey

ALGORITHM = "ed25519"
SIGNATURE_SUFFIX = ".sig"
MAX_SIGNATURE_BYTES = 64 * 1024
MAX_KEYS_FILE_BYTES = 4 * 1024 * 1024  # thousands of keys
MAX_PRIVATE_KEY_BYTES = 64 * 1024  # a PEM Ed25519 key is some 120 bytes

# Why a pack's signature was refused (SignatureError.reason).
MISSING, INVALID, UNKNOWN_KEY, TAMPERED = "missing", "invalid", "unknown_key", "tampered"


class SignatureError(PackError):
    """A pack whose signature is missing, unreadable, made with an untrusted key, or does not match."""

    def __init__(self, file: str, reason: str, message: str, link_to_nothing: str | None = None) -> None:
        self.reason = reason
        self.message = message
        #: for MISSING, where the signature file links to when it is a link to nothing (else None)
        self.link_to_nothing = link_to_nothing
        super().__init__([Problem(file, "", "", "", message)])


class KeyFileError(ValueError):
    """A key file that cannot be used (missing, wrong format, wrong permissions, inside the repository). ``path``:
    the key file it is about, when one is named (keygen's refusals give it, for the "file" of its --json refusal)."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class KeyFileExists(KeyFileError):
    """A key file to be made is already there: a key is never overwritten."""


@dataclass(frozen=True, slots=True)
class TrustedKey:
    """A public key the app accepts signatures from."""

    key_id: str
    public_key: bytes  # raw 32 bytes
    name: str = ""
    added: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"key_id": self.key_id, "public_key": base64.b64encode(self.public_key).decode("ascii"),
                "name": self.name, "added": self.added}


def key_id_for(public_raw: bytes) -> str:
    """First 16 hex digits of the SHA-256 of the raw public key."""
    return hashlib.sha256(public_raw).hexdigest()[:16]


def key_name(key_id: str, trusted: Iterable[TrustedKey]) -> str:
    """The name this computer's trusted keys give ``key_id`` ('CPD Office of Legal Affairs'), '' when none does
    (a key it does not trust, or one trusted without a name)."""
    return next((key.name for key in trusted if key.key_id == key_id and key.name), "")


def by_key(key_id: str, trusted: Iterable[TrustedKey], with_id: bool = True) -> str:
    """Whose key signed, named as verify and install name it, to follow "signed": 'by CPD Office of Legal Affairs
    (key 5d08cfa106df491b)', or without the id 'by CPD Office of Legal Affairs'. A key with no name on this
    computer (not trusted here, or trusted without one) has only its id to go by: 'with key 5d08cfa106df491b'."""
    name = key_name(key_id, trusted)
    if not name:
        return f"with key {key_id}"
    return f"by {name} (key {key_id})" if with_id else f"by {name}"


def signature_path(pack: Path | str) -> Path:
    """``PACK.json`` → ``PACK.json.sig``."""
    pack = Path(pack)
    return pack.with_name(pack.name + SIGNATURE_SUFFIX)


# An Ed25519 private key in PKCS#8 DER is this fixed prefix followed by the 32-byte seed (RFC 8410), so
# keys are standard PEM files that OpenSSL reads too (`openssl pkey -in key.pem -pubout`).
_PKCS8_ED25519_PREFIX = bytes.fromhex("302e020100300506032b657004220420")
_PEM_BEGIN, _PEM_END = "-----BEGIN PRIVATE KEY-----", "-----END PRIVATE KEY-----"


def _private_pem(key: SigningKey) -> bytes:
    der = _PKCS8_ED25519_PREFIX + bytes(key)
    body = base64.b64encode(der).decode("ascii")
    return f"{_PEM_BEGIN}\n{body}\n{_PEM_END}\n".encode("ascii")


def _what_else(data: bytes) -> str | None:
    """What a file given as a private key holds instead, in a few words ('a public key file (key 5d08cfa106df491b)'),
    for the files a tired publisher mixes up with it; None when it is none of them."""
    text = data.decode("utf-8-sig", errors="replace").strip()
    if text.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----"):
        return "a private key locked with a passphrase, which the app cannot unlock"
    if text.startswith("-----BEGIN PUBLIC KEY-----"):
        return "a public key"
    if text.startswith("-----BEGIN"):  # a PEM private key, or another PEM whose parts keygen never writes
        return None
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(doc, dict):
        return None
    if "public_key" in doc:
        key_id = doc.get("key_id")
        return f"a public key file{f' (key {key_id})' if isinstance(key_id, str) and key_id.isalnum() else ''}"
    if "keys" in doc:
        return "a trusted keys file"
    if "signature" in doc:
        return "a signature file"
    if "meta" in doc:
        return "a data pack"
    # the records the app keeps in its user data folder, copied to a shared folder by mistake
    if isinstance(doc.get("entries"), list) and "format" in doc:
        return "the app's install history (history.json)"
    if isinstance(doc.get("published"), list) and "format" in doc:
        return "the app's list of data versions published on a computer (published.json)"
    if isinstance(doc.get("files"), dict) and "format" in doc:
        return "the app's list of files looked at in the watched folder (inbox-seen.json)"
    return None


#: what a file given as a data pack is when it is a private key: said first, as it is the one file that must not be
#: where packs are shared (whoever can read it can sign packs every officer's app trusts)
PRIVATE_KEY_WORDS = ("a private signing key: whoever can read it can sign data packs in your department's name. "
                     "Move it to a folder only its owner can read, and tell the key's owner it was here. It is not "
                     "a data pack")


def _is_private_pem(data: bytes) -> bool:
    return data.lstrip().startswith((b"-----BEGIN PRIVATE KEY-----", b"-----BEGIN ENCRYPTED PRIVATE KEY-----",
                                     b"-----BEGIN OPENSSH PRIVATE KEY-----", b"-----BEGIN EC PRIVATE KEY-----",
                                     b"-----BEGIN RSA PRIVATE KEY-----"))


def not_a_pack(data: bytes, name: str) -> Problem | None:
    """The one problem to name when ``data``, given as a data pack, is another file the app knows (a key, a
    signature, a trusted keys file, the app's own records), else None: `check`, `sign` and `diff` of a .pub.json
    listed the four tables it lacks ("is missing the fields 'meta', 'provisions', …"), not what it is."""
    if _is_private_pem(data):
        return Problem(name, "", "", "", f"is {PRIVATE_KEY_WORDS}.")
    what = _what_else(data) if len(data) <= MAX_KEYS_FILE_BYTES else None
    if what is None or what == "a data pack":
        return None
    return Problem(name, "", "", "", f"is {what}, not a data pack: give the data pack itself (a .json file that "
                                     "holds meta, provisions and scenarios).")


def validate_as_pack(raw: bytes, name: str, today: dt.date | None = None) -> Report:
    """validate_bytes, for `check`, `sign` and `diff`: a file the app knows that is not a data pack (not_a_pack) is
    named for what it is, its one problem, whether it was JSON (a .pub.json: not its missing tables) or not (a private
    key: "is not valid JSON" said nothing of the one file that must not be left where packs are shared)."""
    try:
        report = validate_bytes(raw, name, today=today)
    except PackError:
        if (other := not_a_pack(raw, name)) is not None:
            raise PackError([other]) from None
        raise
    if report.pack is None and (other := not_a_pack(raw, name)) is not None:
        report.problems = [other]
    return report


def _key_from_pem(data: bytes, path: Path) -> SigningKey:
    try:
        text = data.decode("ascii")
        start, end = text.index(_PEM_BEGIN) + len(_PEM_BEGIN), text.index(_PEM_END)
        der = base64.b64decode("".join(text[start:end].split()), validate=True)
    except (UnicodeDecodeError, ValueError, binascii.Error):
        # "is not an unencrypted PEM private key" sent a publisher who gave the .pub.json to look for a wrong format
        if (what := _what_else(data)) is not None:
            raise KeyFileError(f"{path} is {what}, not a private key: give the private key file that keygen made "
                               f"(its first line is {_PEM_BEGIN})") from None
        raise KeyFileError(f"{path} is not an unencrypted PEM private key") from None
    if len(der) != len(_PKCS8_ED25519_PREFIX) + 32 or not der.startswith(_PKCS8_ED25519_PREFIX):
        raise KeyFileError(f"{path} is not an Ed25519 key")
    from nacl.signing import SigningKey

    return SigningKey(der[len(_PKCS8_ED25519_PREFIX):])


def _raw_public(key: SigningKey) -> bytes:
    return bytes(key.verify_key)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def generate_keypair(private_path: Path | str, public_path: Path | str, name: str = "") -> TrustedKey:
    """Make a new signing key. The private key (PEM, readable by its owner only) must live outside the
    app's folder and repository; the public key file holds the entry to add to the trusted keys."""
    private_path, public_path = Path(private_path), Path(public_path)
    for target in (private_path, public_path):
        if target.is_symlink():  # a loop of links stopped keygen with a traceback; a dangling one was replaced
            raise KeyFileError(f"{target} is a link (to {os.readlink(target)}); give the file's own path, not a "
                               "link: a key is never written through one", target)
    if same_file(private_path, public_path):
        # the public half was written over the private one: the key was lost, and "Private key written to" said not
        raise KeyFileError(f"--private and --public are the same file, {public_path}: the public key would be written "
                           "over the private one. Give each its own file, e.g. cpd.pem and cpd.pub.json", public_path)
    if _inside(private_path, paths.bundle_root()):
        raise KeyFileError(f"{private_path} is inside the app's folder; keep private keys elsewhere "
                           "(never in the repository or the installed app)", private_path)
    for target, example in ((private_path, "cpd.pem"), (public_path, "cpd.pub.json")):
        if target.is_dir():  # "already exists; not overwriting a key" sent the publisher looking for a key there
            raise KeyFileError(f"{target} is a folder: give the file to write the key to in it, e.g. "
                               f"{target / example}", target)
        if target.exists():
            raise KeyFileExists(f"{target} already exists; not overwriting a key", target)
    from nacl.signing import SigningKey

    key = SigningKey.generate()
    pem = _private_pem(key)
    raw = _raw_public(key)
    trusted = TrustedKey(key_id_for(raw), raw, name, dt.date.today().isoformat())
    write_bytes_atomic(pem, private_path)  # the temp file is created 0600 and keeps that mode
    try:
        os.chmod(private_path, 0o600)
        write_bytes_atomic(json.dumps(trusted.as_dict(), **JSON_OPTIONS).encode("utf-8") + b"\n", public_path)
        os.chmod(public_path, 0o644)
    except OSError:
        # a private key without its public half could sign nothing anyone trusts, and stood in the way of the next
        # try ("already exists"): it was never used, so it goes
        private_path.unlink(missing_ok=True)
        raise
    return trusted


def load_private_key(private_key_path: Path | str) -> SigningKey:
    """Read a PEM Ed25519 private key. Refuses a key other users can read (POSIX)."""
    path = Path(private_key_path)
    try:  # a pipe waited for a writer (sign and publish hung); never more than a key can be is read
        data, status = read_limited_with_status(path, MAX_PRIVATE_KEY_BYTES)
    except SpecialFile as exc:
        raise KeyFileError(f"the private key {path} is {special_file_words(exc.mode)}, not a file") from None
    except FileTooLarge:  # a data pack, most often: said "not an unencrypted PEM private key", as for a wrong format
        raise KeyFileError(f"{path} is far larger than a private key can be, so it is not one (a data pack?): give "
                           f"the private key file that keygen made (its first line is {_PEM_BEGIN})") from None
    except OSError as exc:
        raise KeyFileError(f"cannot read the private key {path}: {exc.strerror or exc}") from None
    mode = status.st_mode  # of the file read (its descriptor), not of whatever has the name since
    if not data.strip():  # was "not an unencrypted PEM private key": the publisher looked for a wrong format
        raise KeyFileError(f"the private key file {path} is empty: it holds no key (a copy that did not finish, or "
                           "the wrong file)")
    key = _key_from_pem(data, path)  # not a key at all is said first: "chmod 600" on a pack was no help
    if os.name == "posix" and mode & 0o077:
        raise KeyFileError(f"the private key {path} can be read by other users; run: chmod 600 {path}")
    return key


def public_key_id(key: SigningKey) -> str:
    """The key_id of a private key's public half."""
    return key_id_for(_raw_public(key))


def signature_document(data: bytes, key: SigningKey) -> dict[str, str]:
    """The JSON document of a detached signature over ``data``."""
    return {
        "key_id": public_key_id(key),
        "algorithm": ALGORITHM,
        "signature": base64.b64encode(key.sign(data).signature).decode("ascii"),
        "sha256": hashlib.sha256(data).hexdigest(),  # a hint for the message when they do not match
    }


def signature_bytes(data: bytes, key: SigningKey) -> bytes:
    return json.dumps(signature_document(data, key), **JSON_OPTIONS).encode("utf-8") + b"\n"


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file (a hard link, "./k.pem", another case of its name where names ignore it)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # either is missing (or cannot be looked at): the same when they resolve to one name
        try:
            return os.path.normcase(a.resolve()) == os.path.normcase(b.resolve())
        except (OSError, RuntimeError):  # a link that loops: Python 3.11's resolve() raises RuntimeError
            return False


def sign_file(pack: Path | str, private_key_path: Path | str) -> Path:
    """Sign the exact bytes of ``pack``; writes ``pack.sig`` atomically and returns its path."""
    pack = Path(pack)
    key = load_private_key(private_key_path)
    return write_signature(read_bytes(pack), key, pack, private_key_path)


def write_signature(data: bytes, key: SigningKey, pack: Path | str, key_path: Path | str | None = None) -> Path:
    """Sign ``data`` (the exact bytes of ``pack``) and write ``pack.sig`` in one step, readable by all as the pack it
    speaks for; returns its path. Raises OSError, nothing written, when a folder, a pipe, a device, a socket or a loop
    of links is where the .sig goes (user_files.check_replaceable, as publish refuses them), or it cannot be written;
    KeyFileError when it is ``key_path``, the private key file ``key`` was read from."""
    from desktop.storage.user_files import write_user_file

    target = signature_path(pack)
    if key_path is not None and same_file(target, Path(key_path)):  # a key named cpd.sig signing cpd: lost
        raise KeyFileError(f"Not signed: the signature {target} would be written over the private key that makes it "
                           "(the key would be lost). Rename the key, e.g. cpd.pem. Nothing was written.", target)
    write_user_file(signature_bytes(data, key), target)  # refuses them (check_replaceable) before writing
    return target


def signed_bytes(pack: Path | str) -> bytes | None:
    """The bytes now in ``pack`` when a signature file is beside it (what that signature may speak for),
    else None: no signature file, or no readable pack."""
    pack = Path(pack)
    if not signature_path(pack).exists():
        return None
    try:
        return read_bytes(pack)
    except PackError:
        return None


def stale_signature(pack: Path | str, data: bytes, before: bytes | None = None) -> Path | None:
    """The signature file beside ``pack`` when it was not made for ``data`` (the bytes now in ``pack``), so
    the pair would be refused as changed since it was signed; None when there is no signature file or it
    was made for these bytes. Told by the SHA-256 the signature file records (a match does not make it
    trusted: only :func:`verify_bytes` does). For a signature file that records none (made before it was
    added) or cannot be read, by whether ``data`` differs from ``before``, the bytes ``pack`` held before
    they were written (None: no file there, or not known)."""
    target = signature_path(pack)
    try:
        sig = read_signature(pack)
    except SignatureError:
        sig = b""
    if sig is None:
        return None
    try:
        stated = json.loads(sig.decode("utf-8")).get("sha256")
    except (UnicodeDecodeError, ValueError, AttributeError, RecursionError):
        stated = None
    if isinstance(stated, str) and len(stated) == 64:
        return None if stated == hashlib.sha256(data).hexdigest() else target
    return None if before is not None and before == data else target


# --- trusted keys ---------------------------------------------------------------------------------------


def _key_from_entry(entry: Any, where: str) -> TrustedKey:
    if not isinstance(entry, dict):
        raise KeyFileError(f"{where}: each key must be an object")
    try:
        raw = base64.b64decode(str(entry["public_key"]), validate=True)
    except KeyError:
        raise KeyFileError(f"{where}: a key has no 'public_key'") from None
    except (binascii.Error, ValueError):
        raise KeyFileError(f"{where}: a 'public_key' is not valid base64") from None
    if len(raw) != 32:
        raise KeyFileError(f"{where}: a 'public_key' is not a 32-byte Ed25519 key")
    key_id = key_id_for(raw)
    stated = entry.get("key_id")
    if stated is not None and stated != key_id:
        raise KeyFileError(f"{where}: key_id {stated!r} does not match its public key (expected {key_id})")
    return TrustedKey(key_id, raw, str(entry.get("name", "")), str(entry.get("added", "")))


def load_trusted_keys(path: Path | str) -> list[TrustedKey]:
    """Keys from a trusted-keys file ({"keys": [...]}) or a single public key file. Raises KeyFileError."""
    path = Path(path)
    try:
        is_folder = path.is_dir()
    except OSError:  # not even its kind can be known (no permission): reading it below says why
        is_folder = False
    if is_folder:  # Windows reads a folder as "Permission denied", which would send IT to the file's rights
        raise KeyFileError(f"the trusted keys file {path} is a folder, not a file: IT should put the keys file in "
                           "its place")
    try:
        raw = read_limited(path, MAX_KEYS_FILE_BYTES)  # a pipe waited for a writer: the app hung before its window
    except SpecialFile as exc:
        raise KeyFileError(f"the trusted keys file {path} is {special_file_words(exc.mode)}, not a file: IT should "
                           "put the keys file in its place") from None
    except FileTooLarge:
        raise KeyFileError(f"the trusted keys file {path} is far larger than a list of keys") from None
    except OSError as exc:
        raise KeyFileError(f"cannot read the trusted keys file {path}: {exc.strerror or exc}") from None
    if raw.lstrip().startswith(b"-----BEGIN"):  # "is not valid JSON: Expecting value at line 1, column 1"
        raise KeyFileError(f"the trusted keys file {path} is a key in PEM form (a private key?), not a list of public "
                           "keys: give the public key file keygen made (.pub.json), and keep a private key with its "
                           "owner only")
    if utf16 := not_utf8_words(raw):
        raise KeyFileError(f"the trusted keys file {path} {utf16}")
    try:
        doc = json.loads(raw.decode("utf-8-sig"))  # Notepad may save it with a BOM
    except UnicodeDecodeError as exc:
        raise KeyFileError(f"the trusted keys file {path} {not_utf8_words(raw, exc.start)}") from None
    except json.JSONDecodeError as exc:
        raise KeyFileError(f"the trusted keys file {path} {json_error_words(exc)}") from None
    except RecursionError:  # nested past Python's limit: it stopped the app with no data at all
        raise KeyFileError(f"the trusted keys file {path} is not a list of keys: its JSON is nested too deeply"
                           ) from None
    except ValueError:  # an integer of more digits than Python reads (4,300)
        raise KeyFileError(f"the trusted keys file {path} is not a list of keys: a number in it is thousands of "
                           "digits long") from None
    if isinstance(doc, dict) and "public_key" in doc:
        return [_key_from_entry(doc, path.name)]
    if not isinstance(doc, dict) or not isinstance(doc.get("keys"), list):
        if isinstance(doc, dict) and "keys" not in doc and (what := _what_else(raw)) is not None:
            raise KeyFileError(f"the trusted keys file {path} is {what}, not a list of keys: give the public key file "
                               "keygen made (.pub.json), or a trusted_keys.json")  # a pack, a .sig: 'must hold…'
        raise KeyFileError(f"the trusted keys file {path} must hold {{\"keys\": [...]}}")
    return [_key_from_entry(entry, path.name) for entry in doc["keys"]]


def app_trusted_keys(notices: list[str] | None = None) -> list[TrustedKey]:
    """The keys shipped with the app plus the IT-managed file in the user config folder, if any.

    A damaged file is skipped (its keys are not trusted) and reported in ``notices``, as is a folder where the
    file should be, a link that loops or a file this user may not read (each was skipped without a word, and the
    packs its keys signed were refused as untrusted)."""
    keys: list[TrustedKey] = []
    for path in (paths.trusted_keys_file(), paths.extra_trusted_keys_file()):
        try:
            path.stat()
        except (FileNotFoundError, NotADirectoryError):  # no file there, so no keys from it
            continue
        except OSError:  # there, but unreadable (a link that loops, no permission): load_trusted_keys says how
            pass
        try:
            keys.extend(load_trusted_keys(path))
        except KeyFileError as exc:
            if notices is not None:
                text = str(exc)
                notices.append(text[:1].upper() + text[1:])  # a banner of its own in the window
    return keys


# --- verification ---------------------------------------------------------------------------------------


def _parse_signature(sig: bytes, sig_name: str, pack_name: str) -> tuple[str, bytes, str | None]:
    """The signing key's id, the raw signature and the signed bytes' SHA-256 as the file states it (None
    when it states none, or not as 64 hex digits). Raises SignatureError (INVALID)."""
    def invalid(why: str) -> SignatureError:
        return SignatureError(pack_name, INVALID,
                              f"its signature file {sig_name} is not valid ({why}); the pack cannot be trusted")

    if len(sig) > MAX_SIGNATURE_BYTES:
        raise invalid("it is far too large")
    if not sig.strip():  # was "it is not JSON": the publisher looked for a wrong format, not a copy cut off
        raise invalid("it is empty: a copy that did not finish, or the wrong file")
    try:
        doc = json.loads(sig.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise invalid("it is not JSON") from None
    except RecursionError:  # JSON nested past Python's limit: it stopped the app with no data at all
        raise invalid("it is not a signature: its JSON is nested too deeply") from None
    if not isinstance(doc, dict):
        raise invalid("it is not a JSON object")
    if doc.get("algorithm") != ALGORITHM:
        raise invalid(f"the algorithm must be {ALGORITHM!r}, not {doc.get('algorithm')!r}")
    key_id, signature = doc.get("key_id"), doc.get("signature")
    if not isinstance(key_id, str) or not key_id:
        raise invalid("it names no key_id")
    try:
        raw = base64.b64decode(str(signature), validate=True)
    except (binascii.Error, ValueError):
        raise invalid("the signature is not base64") from None
    if len(raw) != 64:
        raise invalid("the signature has the wrong length")
    if int.from_bytes(raw[32:], "little") >= _ED25519_ORDER:
        raise invalid("the signature is damaged: no key could have made it")
    stated = doc.get("sha256")
    hex_digits = isinstance(stated, str) and len(stated) == 64 and all(c in "0123456789abcdef" for c in stated)
    return key_id, raw, stated if hex_digits else None


#: Every Ed25519 signature's second half is a number below this (RFC 8032 5.1.7); one that is not was
#: damaged after signing, whatever the pack holds.
_ED25519_ORDER = 2**252 + 27742317777372353535851937790883648493


def link_to_nothing(sig_path: Path | str | None) -> str | None:
    """Where a signature file that could not be read links to, when it is a link that points nowhere (a supervisor
    sees it as a file in the folder): the link followed as far as it goes. None when it is not a link."""
    if sig_path is not None:
        try:
            if os.path.islink(sig_path):
                return os.path.realpath(sig_path)
        except (OSError, ValueError):
            pass
    return None


def absent_signature_words(target: str | None) -> str:
    """What a signature file that could not be found is, in words to follow its name: "is missing", or, for a link
    that points nowhere (``target``, as link_to_nothing gives it; a supervisor sees it as a file in the folder), "is
    a link to /x/y, which does not exist". Only the words differ: either way the pack is not signed (MISSING)."""
    return "is missing" if target is None else f"is a link to {shown_text(target)}, which does not exist"


def verify_bytes(data: bytes, sig: bytes | None, trusted_keys: Iterable[TrustedKey], name: str = "pack",
                 sig_name: str | None = None, sig_path: Path | str | None = None) -> TrustedKey:
    """Check a detached signature over exact bytes; return the key that signed. Raises SignatureError.
    ``sig_path``: where the signature was looked for, to say what is there when ``sig`` is None (see
    absent_signature_words); its name is ``sig_name`` when that is not given."""
    sig_name = sig_name or (Path(sig_path).name if sig_path is not None else name + SIGNATURE_SUFFIX)
    if sig is None:
        if _is_private_pem(data):
            raise SignatureError(name, MISSING, f"is {PRIVATE_KEY_WORDS}.")
        what = _what_else(data) if len(data) <= MAX_KEYS_FILE_BYTES else None
        if what is None and data.lstrip().startswith(b"-----BEGIN"):
            what = "a key or certificate in PEM form"
        if what not in (None, "a data pack"):
            # a .sig or a key given as the pack was "not signed: the signature file p.json.sig.sig is missing"
            beside = f" ({name.removesuffix(SIGNATURE_SUFFIX)})" if name.endswith(SIGNATURE_SUFFIX) else ""
            raise SignatureError(name, MISSING, f"is {what}, not a data pack: give the data pack itself{beside}, "
                                                "with its signature file beside it.")
        target = link_to_nothing(sig_path)  # looked at once: the words and the refusal's link say the same
        raise SignatureError(name, MISSING, f"is not signed: the signature file {sig_name} "
                                            f"{absent_signature_words(target)}. "
                                            "Only install data packs published by your department.", target)
    key_id, raw_sig, stated_sha256 = _parse_signature(sig, sig_name, name)
    key = next((k for k in trusted_keys if k.key_id == key_id), None)
    if key is None:
        raise SignatureError(name, UNKNOWN_KEY, f"was signed with key {key_id}, which this app does not trust. "
                                                "Ask IT whether this publisher's key should be added.")
    from nacl.exceptions import BadSignatureError
    from nacl.signing import VerifyKey

    try:
        VerifyKey(key.public_key).verify(data, raw_sig)
    except BadSignatureError:
        # the signature file, not the pack, is what is wrong when the pack's SHA-256 is the one it records
        damaged = stated_sha256 is not None and stated_sha256 == hashlib.sha256(data).hexdigest()
        raise SignatureError(name, INVALID if damaged else TAMPERED,
                             _mismatch(stated_sha256, damaged, sig_name)) from None
    return key


def _mismatch(stated_sha256: str | None, damaged: bool, sig_name: str) -> str:
    """Why a signature does not match, as far as the signature file's unsigned SHA-256 can tell: a change to
    the pack and a change to the signature's bytes look alike to the key (the cheap cases of a damaged
    signature are caught in _parse_signature). Either way the pack is refused."""
    if stated_sha256 is None:  # a signature file made before the SHA-256 was recorded in it
        return ("has been changed since it was signed (or was copied only in part), "
                f"or its signature file {sig_name} was: they do not match. Do not use it.")
    if not damaged:
        return ("has been changed since it was signed (or was copied only in part): its SHA-256 is not the one "
                f"its signature file {sig_name} records. Do not use it.")
    # the recorded SHA-256 is not signed: it can be written by whoever changed the file, so it is named as
    # what the file says, and the pack is refused as firmly
    return (f"does not match its signature file {sig_name}. The pack's SHA-256 is the one that file records, so "
            "the signature in it is most likely damaged, or was not made with the publisher's key. Ask the "
            "publisher for the signature file again, and do not use the pack until it verifies.")


def signature_read_path(pack: Path | str) -> Path:
    """Where ``pack``'s signature is read from: ``pack.sig``, or, for a pack reached through a link with no
    ``.sig`` beside the link, the one beside the file it points to, where publish puts it."""
    pack = Path(pack)
    target = signature_path(pack)
    if pack.is_symlink() and not os.path.lexists(target):
        try:
            return signature_path(pack.resolve(strict=True))
        except (OSError, RuntimeError):  # a dangling link or a loop of links: reading the pack will say so
            pass
    return target


def read_signature(pack: Path | str) -> bytes | None:
    """The bytes of ``pack.sig`` (see signature_read_path), or None when there is none."""
    target = signature_read_path(pack)
    try:
        return read_limited(target, MAX_SIGNATURE_BYTES)  # a pipe or a device hung the read
    except FileTooLarge:  # left unread: an invalid signature ("it is far too large", _parse_signature), not an error
        return b"\0" * (MAX_SIGNATURE_BYTES + 1)
    except SpecialFile as exc:
        raise SignatureError(Path(pack).name, INVALID, f"its signature file {target.name} is "
                             f"{special_file_words(exc.mode)}, not a file; the pack cannot be trusted") from None
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # "cannot be read: Too many levels of symbolic links"
            raise SignatureError(Path(pack).name, INVALID, f"its signature file {target.name} {FILE_LOOP_WORDS}; the "
                                 "pack cannot be trusted") from None
        raise SignatureError(Path(pack).name, INVALID,
                             f"its signature file {target.name} cannot be read: {exc.strerror or exc}") from None


def verify_file(pack: Path | str, trusted_keys: Sequence[TrustedKey]) -> str:
    """Check ``pack`` against ``pack.sig``; return the signing key's id. Raises SignatureError (or
    PackError when the pack itself cannot be read)."""
    pack = Path(pack)
    data = read_bytes(pack)
    return verify_bytes(data, read_signature(pack), trusted_keys, pack.name, sig_path=signature_read_path(pack)).key_id
