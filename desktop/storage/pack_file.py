"""Read a pack file once (exact bytes, hash, strict JSON), validate it, and write packs atomically."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from desktop import paths
from desktop.domain.codec import Tables, not_utf8_words
from desktop.domain.model import Pack
from desktop.domain.validation import Problem, Report, validate_tables, written_plainly
from desktop.runtime import collector_paused

#: Deterministic serialisation so supervisors' changes diff cleanly.
JSON_OPTIONS: dict[str, Any] = {"sort_keys": True, "indent": 2, "ensure_ascii": False}
MAX_PACK_BYTES = 64 * 1024 * 1024


class Notice(str):
    """What the officer must be told about the data in use, in words, and which installed data version it is
    about (None: no one version). The version is data, so the window can tell the news about the pack it showed
    before in one banner however the words are put."""

    data_version: int | None

    def __new__(cls, text: str, data_version: int | None = None) -> Notice:
        notice = super().__new__(cls, text)
        notice.data_version = data_version
        return notice


class PackError(Exception):
    """A pack could not be used. ``problems`` says why, naming file, table, record and field."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        #: what else the officer must be told (PackLibrary.load_active: the installed packs set aside before the
        #: bundled pack failed too)
        self.notices: list[Notice] = []
        super().__init__("\n".join(str(p) for p in problems[:20]))


class NotClean(PackError):
    """write_stamp's refusal of a pack it could read: problems or warnings found (a PackError of its own: one that
    cannot be read is not this, and `check` exits for it as for any pack it cannot read)."""


@dataclass(frozen=True)
class LoadedPack:
    """A validated pack and where it came from."""

    pack: Pack
    path: Path
    sha256: str
    raw: bytes = field(repr=False)
    warnings: tuple[Problem, ...] = ()


_schema_cache: dict[str, Any] = {}


def load_schema() -> dict[str, Any]:
    if "schema" not in _schema_cache:
        _schema_cache["schema"] = json.loads(paths.schema_file().read_text(encoding="utf-8"))
    return _schema_cache["schema"]


def _file_problem(path: Path, message: str) -> PackError:
    return PackError([Problem(path.name, "", "", "", message)])


def special_file_words(mode: int) -> str:
    """What a path that is neither a file nor a folder is, in words: "a pipe", "a device"."""
    if stat.S_ISFIFO(mode):
        return "a pipe (a FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _special(mode: int) -> bool:
    """A pipe, a device or a socket: neither a file nor a folder (reading a pipe waits for a writer)."""
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def is_special_file(path: Path | str) -> bool:
    """True when ``path`` (or the file a link there points to) is a pipe, a device or a socket; False when it is a
    file or a folder, or is not there (it is made when written; any other trouble is said then)."""
    try:
        return _special(os.stat(path).st_mode)
    except OSError:
        return False


def shown_text(text: str) -> str:
    """``text`` with the bytes of a file name that are not UTF-8 (which Python keeps as lone surrogates, U+DC80 to
    U+DCFF) shown as the replacement character: such a name could be neither written to a UTF-8 file nor printed."""
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def is_link_loop(path: Path | str) -> bool:
    """True when ``path`` is a link that leads, link after link, back to itself, never to a file or a folder
    (``Path.exists`` and ``is_dir`` say False for it, as for a path that is not there)."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    except ValueError:  # a NUL in the name (a damaged settings.ini): no such file, as Path.exists says
        return False
    return False


#: What a loop of links is, in words to follow its name
LINK_LOOP_WORDS = "is a loop of links: each link points to another that leads back to it, never to a folder"
#: The same, for a path where a file should be
FILE_LOOP_WORDS = "is a loop of links: each link points to another that leads back to it, never to a file"


#: The most one of the app's own record files (state.json, history.json, inbox-seen.json, published.json) holds:
#: 200 entries of history are a few MiB at most
MAX_RECORD_BYTES = MAX_PACK_BYTES


class SpecialFile(OSError):
    """A path that is a pipe, a device or a socket when opened (``mode`` says which): left unread."""

    def __init__(self, path: Path | str, mode: int) -> None:
        super().__init__(errno.EINVAL, f"it is {special_file_words(mode)}, not a file", str(path))
        self.mode = mode


class FileTooLarge(OSError):
    """A file larger than the most its kind can hold (``size`` bytes at least, ``limit`` the most): left unread."""

    def __init__(self, path: Path | str, size: int, limit: int, words: str) -> None:
        super().__init__(errno.EFBIG, f"it is {size // (1024 * 1024)} MiB, {words}", str(path))
        self.size = size
        self.limit = limit


class RecordTooLarge(FileTooLarge):
    """A record file larger than any this app writes (MAX_RECORD_BYTES): damage, left unread."""


#: Opening a pipe for reading waits for a writer unless asked not to (POSIX); Windows has no such flag
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def open_regular(path: Path | str) -> BinaryIO:
    """``path`` opened for reading in binary, only when what was opened is a regular file: the opened descriptor is
    looked at, not the name, so a file swapped for a pipe after any check of its name is still refused (SpecialFile,
    an OSError), never waited on. A folder raises IsADirectoryError; anything else as os.open does."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        # a socket cannot be opened at all: "No such device or address" (ENXIO) sent IT looking for a missing disk
        if exc.errno == errno.ENXIO and is_special_file(path):
            raise SpecialFile(path, os.stat(path).st_mode) from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
        if not stat.S_ISREG(mode):
            raise SpecialFile(path, mode)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(path: Path | str, limit: int, too_large: type[FileTooLarge] = FileTooLarge,
                 words: str = "larger than any file of its kind") -> bytes:
    """The bytes of the regular file at ``path`` (see open_regular), never more than ``limit`` of them: a larger file
    raises ``too_large`` unread, by its size first, and a file grown past the limit since is not read past it."""
    return read_limited_with_status(path, limit, too_large, words)[0]


def read_limited_with_status(path: Path | str, limit: int, too_large: type[FileTooLarge] = FileTooLarge,
                             words: str = "larger than any file of its kind") -> tuple[bytes, os.stat_result]:
    """read_limited's bytes, and the status of the descriptor they were read from (its mode: a private key's
    permissions are those of the file read, not of whatever has the name since)."""
    with open_regular(path) as handle:
        status = os.fstat(handle.fileno())
        raw = handle.read(limit + 1) if status.st_size <= limit else b""  # +1: it may have grown
    if status.st_size > limit or len(raw) > limit:
        raise too_large(path, max(status.st_size, len(raw)), limit, words)
    return raw, status


def read_record_bytes(path: Path | str) -> bytes:
    """The bytes of one of the app's own record files. Raises OSError (SpecialFile for a pipe, a device or a socket,
    FileNotFoundError, IsADirectoryError), and RecordTooLarge for one larger than any record this app writes: a 2 GiB
    history.json was read whole (4 GiB of memory and 21 s on the window's thread for What's new; state.json is read
    at every start), not one byte of it a record."""
    return read_limited(path, MAX_RECORD_BYTES, RecordTooLarge, "larger than any record this app writes")


class NotUtf8Text(ValueError):
    """A record file's bytes are not UTF-8 text; the words say so (and that it is UTF-16, when it is)."""


def record_text(raw: bytes) -> str:
    """The text of one of the app's own record files. Raises NotUtf8Text: "it is not UTF-8 text (it is saved as
    UTF-16)", or where the first bad byte is. UTF-16 of plain letters, with no byte order mark, is valid UTF-8 with
    a zero byte after each letter: it was read on as JSON and named "not valid JSON", "cut short"."""
    if not_utf8_words(raw) is not None:
        raise NotUtf8Text("it is not UTF-8 text (it is saved as UTF-16)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotUtf8Text(f"it is not UTF-8 text (bad byte at position {exc.start})") from None


def read_bytes(path: Path) -> bytes:
    """The exact bytes of a pack file, or a PackError saying plainly why not."""
    try:
        return read_limited(path, MAX_PACK_BYTES)  # read-only: the app never writes a pack in place
    except SpecialFile as exc:  # a pipe waits for a writer, a device never ends: the app hung
        raise _file_problem(path, f"is {special_file_words(exc.mode)}, not a data pack file") from None
    except FileTooLarge as exc:
        raise _file_problem(path, f"is {exc.size // (1024 * 1024)} MiB, larger than any real data pack "
                            f"(at most {MAX_PACK_BYTES // (1024 * 1024)} MiB)") from None
    except IsADirectoryError:
        raise _file_problem(path, "is a folder, not a data pack file") from None
    except FileNotFoundError:
        raise _file_problem(path, f"does not exist ({path})") from None
    except PermissionError:
        if path.is_dir():  # Windows opens no folder: "permission denied" sent people to the folder's rights
            raise _file_problem(path, "is a folder, not a data pack file") from None
        raise _file_problem(path, "cannot be read: permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # "cannot be read: Too many levels of symbolic links"
            raise _file_problem(path, FILE_LOOP_WORDS) from None
        raise _file_problem(path, f"cannot be read: {exc.strerror or exc}") from None


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)  # built in C; a shorter dict means a key came twice (the slow search runs only then)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"the key {key!r} appears twice in one JSON object (one copy would be lost)")
            seen.add(key)
    return out


_ID_FIELDS = ("provision_id", "scenario_id", "node_id", "term", "key")
LOCATE_UP_TO = 8 * 1024 * 1024  # characters: larger files name the duplicate key without its place


class _Duplicate(Exception):
    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


def _duplicate_where(text: str) -> str:
    """Where the first key that appears twice in one object is: its line and column, and the record's id
    when the object has one. Parses again in pure Python (slow), so only once a duplicate is known."""
    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], strict: bool, scan_once: Any, hook: Any, pairs_hook: Any,
                     memo: Any = None) -> tuple[dict[str, Any], int]:
        s, start = s_and_end
        pairs, end = json.decoder.JSONObject(s_and_end, strict, scan_once, None, list, memo)  # type: ignore[attr-defined]
        seen: set[str] = set()
        duplicate = next((key for key, _ in pairs if key in seen or seen.add(key)), None)  # type: ignore[func-returns-value]
        if duplicate is not None:
            at = _nth_key_at(s, start, end, duplicate, 2)
            line = s.count("\n", 0, at) + 1
            column = at - (s.rfind("\n", 0, at) + 1) + 1
            ident = next((f" (in the record whose {name} is {value!r})" for name, value in pairs
                          if name in _ID_FIELDS and isinstance(value, str)), "")
            raise _Duplicate(f"at line {line}, column {column}{ident}")
        return dict(pairs), end

    decoder.parse_object = parse_object  # type: ignore[assignment]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        decoder.decode(text)
    except _Duplicate as found:
        return found.where
    except (ValueError, RecursionError):
        pass
    return ""


def _nth_key_at(text: str, start: int, end: int, key: str, n: int) -> int:
    """The position of the ``n``-th time ``key`` is a key of the object that runs from ``start`` to ``end``
    (not of an object inside it): strings are skipped whole, depth is counted."""
    depth, i, seen = 0, start, 0
    while i < end:
        c = text[i]
        if c == '"':
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            k = j + 1
            while k < end and text[k] in " \t\r\n":
                k += 1
            if depth == 0 and k < end and text[k] == ":" and json.loads(text[i:j + 1]) == key:
                seen += 1
                if seen == n:
                    return i
            i = j + 1
            continue
        if c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
        i += 1
    return start


def _whole_number(number: str) -> int:
    """A whole number the JSON writes; one too long for Python to read is named for what it is: Python's words
    said "use sys.set_int_max_str_digits() to increase the limit", advice to a programmer, to a supervisor."""
    try:
        return int(number)
    except ValueError:
        raise ValueError(f"it holds a number {len(number.lstrip('-'))} digits long, far longer than any number a data "
                         "pack holds (a damaged or wrong file?)") from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a data pack")


def json_error_words(exc: json.JSONDecodeError) -> str:
    """Where the JSON breaks, and, when the text stops before its data is complete, that it was cut short."""
    what = exc.msg.removesuffix(" at")  # "Unterminated string starting at" names the place itself
    words = f"is not valid JSON: {what} at line {exc.lineno}, column {exc.colno}"
    if what.startswith("Unterminated string") or not exc.doc[exc.pos:].strip():
        words += "; the file ends before its data does, so it was probably cut short (copied or saved only in part)"
    return words


def parse_bytes(raw: bytes, name: str) -> Any:
    """Strict JSON: UTF-8 only, no duplicate keys, no NaN/Infinity."""
    return _parse(raw, name)[0]


def _parse(raw: bytes, name: str) -> tuple[Any, bool]:
    """parse_bytes, and whether the JSON writes a number with a decimal point or an exponent (a float)."""
    floats: list[str] = []

    def parse_float(number: str) -> float:
        floats.append(number)
        return float(number)

    if not raw.strip():
        raise PackError([Problem(name, "", "", "", "is empty")])
    if utf16 := not_utf8_words(raw):  # mostly valid UTF-8 (NUL bytes), then "not valid JSON", saying nothing
        raise PackError([Problem(name, "", "", "", utf16)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackError([Problem(name, "", "", "", f"is not UTF-8 text (bad byte at position {exc.start})")]) from None
    try:
        tables = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_reject_constant,
                            parse_float=parse_float, parse_int=_whole_number)
    except json.JSONDecodeError as exc:
        raise PackError([Problem(name, "", "", "", json_error_words(exc))]) from None
    except ValueError as exc:
        # located by a second, pure-Python parse: several times slower, so only for files of a usual size
        where = _duplicate_where(text) if "appears twice" in str(exc) and len(text) <= LOCATE_UP_TO else ""
        raise PackError([Problem(name, "", "", "", f"is not a valid data pack: {exc}{', ' + where if where else ''}")]
                        ) from None
    except RecursionError:
        raise PackError([Problem(name, "", "", "", "is nested too deeply to be a data pack")]) from None
    return tables, bool(floats)


def validate_bytes(raw: bytes, name: str, stamp: Path | None = None, sha256: str | None = None,
                   today: dt.date | None = None) -> Report:
    """Parse and validate pack bytes. Raises PackError only when the bytes are not JSON at all. ``today``: warn
    about an as-of date later than that day (see validate_tables).

    With ``stamp`` (a validation stamp file), the schema and value passes are skipped when the stamp proves
    these exact bytes already passed these exact rules; a missing, stale or damaged stamp means a full check. The
    strict parse is never skipped, so a forged stamp cannot let duplicate keys through. ``sha256``: the
    bytes' hex digest, when the caller has it already (each costs ~0.5 ms for the bundled pack)."""
    with collector_paused():  # hundreds of thousands of acyclic objects: no collection midway
        return _validate_bytes(raw, name, stamp, sha256, today)


def _validate_bytes(raw: bytes, name: str, stamp: Path | None, sha256: str | None, today: dt.date | None) -> Report:
    tables, floats = _parse(raw, name)
    schema = load_schema()
    proven = stamp is not None and _stamp_matches(stamp, sha256 or hashlib.sha256(raw).hexdigest(), schema)
    # no float and no character the value walk could find, told by the bytes in C: the walk is skipped
    plain = not proven and not floats and written_plainly(raw)
    try:
        return validate_tables(tables, schema, file=name, schema_checked=proven, today=today, plain_values=plain)
    except RecursionError:
        raise PackError([Problem(name, "", "", "", "is nested too deeply to be a data pack")]) from None
    except (KeyError, TypeError, ValueError, AttributeError):
        if not proven:
            raise
        return validate_tables(tables, schema, file=name, today=today)  # a forged stamp: check everything


# -- validation stamps -----------------------------------------------------------------------------------
# The bundled pack's exact bytes are validated on every CI run; its stamp records their SHA-256 and the
# schema and value rules they passed (stamp_fingerprint), so start-up need not repeat the schema pass
# (~30-60 ms) and the walk through every value (~4 ms) for those same bytes.
STAMP_SUFFIX = ".valid"
MAX_STAMP_BYTES = 64 * 1024  # a stamp is a few hundred bytes


def stamp_path(pack: Path) -> Path:
    return pack.with_name(pack.name + STAMP_SUFFIX)


def _stamp_matches(stamp: Path, sha256: str, schema: dict[str, Any]) -> bool:
    """Whether ``stamp`` records bytes with this hex SHA-256 as clean under this schema and value rules."""
    from desktop.domain.validation import stamp_fingerprint

    try:
        doc = json.loads(read_limited(stamp, MAX_STAMP_BYTES).decode("utf-8"))  # a pipe there hung start-up
        return (
            isinstance(doc, dict)
            and doc.get("sha256") == sha256
            and doc.get("checks") == stamp_fingerprint(schema)
        )
    except (OSError, ValueError, RecursionError):
        return False


def stamp_is_fresh(pack: Path) -> bool:
    """Whether the stamp beside ``pack`` vouches for its bytes as they are now, under the current schema and value
    rules: else the app checks the whole pack at every start. Raises PackError when ``pack`` cannot be read."""
    return _stamp_matches(stamp_path(pack), hashlib.sha256(read_bytes(pack)).hexdigest(), load_schema())


def write_stamp(pack: Path) -> Path:
    """Validate ``pack`` fully and, when it is clean, write its stamp. Raises NotClean when it is not, PackError
    when it cannot be read."""
    from desktop.domain.validation import stamp_fingerprint

    raw = read_bytes(pack)
    report = validate_bytes(raw, pack.name)
    if not report.ok or report.warnings:
        raise NotClean(report.problems or [Problem(pack.name, "", "", "", "could not be validated")])
    doc = {"sha256": hashlib.sha256(raw).hexdigest(), "checks": stamp_fingerprint(load_schema())}
    target = stamp_path(pack)
    write_bytes_atomic(json.dumps(doc, **JSON_OPTIONS).encode("utf-8") + b"\n", target)
    return target


def load_pack(path: Path | str, stamped: bool = False) -> LoadedPack:
    """Read, hash and validate a pack. Raises PackError listing every problem. ``stamped``: ``path`` is the
    app's own bundled pack, whose validation stamp beside it may vouch for its bytes (see validate_bytes)."""
    path = Path(path)
    return load_pack_bytes(read_bytes(path), path, stamped)


def load_pack_bytes(raw: bytes, path: Path | str, stamped: bool = False) -> LoadedPack:
    """Validate bytes already read from ``path`` (e.g. after checking their signature). Raises PackError.

    A stamp is read only when ``stamped`` (the bundled pack, shipped with its stamp inside the app): a stamp is a
    hash anyone can write, and one beside an update, an installed pack or a --data file would let text with
    hidden characters past the checks it skips."""
    path = Path(path)
    stamp = stamp_path(path) if stamped else None
    sha256 = hashlib.sha256(raw).hexdigest()
    report = validate_bytes(raw, path.name, stamp if stamp is not None and stamp.is_file() else None, sha256)
    if not report.ok or report.pack is None:
        raise PackError(report.errors or [Problem(path.name, "", "", "", "could not be read as a data pack")])
    return LoadedPack(
        pack=report.pack,
        path=path,
        sha256=sha256,
        raw=raw,
        warnings=tuple(report.warnings),
    )


def dump_tables(tables: Tables) -> bytes:
    """The canonical bytes of a pack, exactly as TinyDB's JSONStorage writes them with JSON_OPTIONS (but for half a
    character: see _canonical)."""
    return _canonical(tables)[0]


def _canonical(tables: Tables) -> tuple[bytes, bool]:
    """dump_tables's bytes, and whether they hold half a character (a lone surrogate, which a draft read from its
    JSON escape "\\ud800" holds: the check refuses it) written back as that escape, which json.loads reads as the
    same: UTF-8 cannot hold it (nor TinyDB, which writes UTF-8), and Save on such a draft crashed the editor."""
    text = json.dumps(tables, **JSON_OPTIONS)
    try:
        return text.encode("utf-8"), False
    except UnicodeEncodeError:
        return re.sub("[\ud800-\udfff]", lambda match: f"\\u{ord(match.group()):04x}", text).encode("utf-8"), True


class ReadOnlyFileError(PermissionError):
    """The file to be replaced was made read-only (no write permission for its owner): it is not
    replaced (storage.user_files)."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EACCES, "it is read-only: save under another name, or make it writable first",
                         str(path))


def plain_os_error(exc: OSError) -> str:
    """Why a file could not be written, in words for a supervisor (no errno numbers, no temp file names)."""
    if isinstance(exc, ReadOnlyFileError):  # the file, not the folder, is read-only
        return os_error_words(exc)
    if isinstance(exc, FileTooLarge):  # our own words, sizes in MiB as written
        return str(exc.strerror)
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied (the folder is read-only for this user)"
    return os_error_words(exc)


def os_error_words(exc: OSError) -> str:
    """The system's own words for ``exc``, to follow a colon: "file name too long", "permission denied"."""
    words = (exc.strerror or str(exc)).rstrip(".")
    return words[:1].lower() + words[1:]  # "Permission denied" follows a colon; "a pipe (a FIFO)" keeps its capitals


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temp_file_as_made_here(target: Path) -> tuple[int, str]:
    """A new temp file beside ``target``, open for writing, made with the permissions any new file gets in that
    folder (0666 less the umask, or what the folder's default ACL says), as tempfile.mkstemp does but for its 0600."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = str(target.parent / f".{target.name}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(target.parent))


def write_bytes_atomic(data: bytes, target: Path, permissions: Callable[[int], int] | None = None) -> None:
    """Temp file in the target folder → fsync → close → os.replace → fsync folder. Never half-written.

    ``permissions``: None leaves the file private to its owner (0600: packs, keys, the app's records); else it is
    given the permissions a new file gets in that folder (the umask's default) and returns those the file is to
    have, set before the file takes ``target``'s place. The process umask is never changed to learn it (that would
    change it for a moment for every other thread making a file)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if permissions is None:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    else:
        fd, tmp_name = _temp_file_as_made_here(target)
    try:
        if permissions is not None:
            _set_permissions(fd, tmp_name, permissions)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.replace(tmp_name, target)
        except OSError as exc:  # said of the temp file ("Not signed: .x.json.sig.2cv3w9zk.tmp could not be written:
            if exc.filename != tmp_name:  # is a directory"): the file it was to become is named, and what is wrong
                raise
            why = "is a folder, not a file" if isinstance(exc, IsADirectoryError) else exc.strerror
            raise type(exc)(exc.errno, why, str(target)) from None
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    _fsync_dir(target.parent)


def _set_permissions(fd: int, name: str, permissions: Callable[[int], int]) -> None:
    try:
        mode = permissions(stat.S_IMODE(os.fstat(fd).st_mode)) & 0o777
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        else:  # Windows before Python 3.13: only the read-only flag, by name
            os.chmod(name, mode)
    except OSError:
        pass  # a file system without Unix permissions (FAT, some shares): the file is written, that is what matters


def write_tables_atomic(tables: Tables, target: Path) -> bytes:
    """Write a pack through TinyDB into a temp file beside the target, then atomically replace it.

    Returns the bytes written (what a signature must cover)."""
    from tinydb import TinyDB  # writing only: the app reads packs with json, and starts without TinyDB
    from tinydb.storages import JSONStorage
    from tinydb.table import Document

    target = Path(target)
    # a draft with a damaged table (text, a list, a null record), or holding half a character (TinyDB writes UTF-8,
    # which cannot hold it): kept as it is
    canonical, lone_halves = _canonical(tables)  # one serialisation: the check below compares TinyDB's with it
    if not _tinydb_can_hold(tables) or lone_halves:
        write_bytes_atomic(canonical, target)
        return canonical
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()  # TinyDB creates it
        with TinyDB(tmp, storage=JSONStorage, encoding="utf-8", **JSON_OPTIONS) as db:
            db.drop_tables()
            for name in sorted(tables):
                docs = [Document(doc, doc_id=int(key)) for key, doc in tables[name].items()]
                if docs:
                    db.table(name, cache_size=0).insert_multiple(docs)
                else:
                    db.storage.write({**(db.storage.read() or {}), name: {}})
        data = tmp.read_bytes()
        if data != canonical:  # TinyDB's layout must equal the canonical one
            data = canonical
            write_bytes_atomic(data, tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            raise OSError(exc.errno, f"the disk is full; {target.name} was not changed") from exc
        raise
    _fsync_dir(target.parent)
    return data


def _tinydb_can_hold(tables: Tables) -> bool:
    """Whether every table is a set of records under whole-number keys, the only shape TinyDB writes."""
    return all(isinstance(table, dict) and all(isinstance(doc, dict) and key.isdecimal() for key, doc in table.items())
               for table in tables.values())


def read_with_tinydb(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Open a pack read-only with TinyDB and return each table's documents (for tools and tests)."""
    from tinydb import TinyDB

    with TinyDB(path, access_mode="r", encoding="utf-8") as db:
        return {name: [dict(doc) for doc in db.table(name).all()] for name in sorted(db.tables())}
