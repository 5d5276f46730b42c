"""Publish a supervisor's edited pack: next data version, dates, the one validator, atomic write, signature."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import errno
import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import paths
from desktop.domain.codec import Tables, pack_to_tables, table_docs
from desktop.domain.model import Pack, iso_day
from desktop.domain.validation import (
    TABLES_WORDS,
    Problem,
    future_as_of,
    not_whole_words,
    validate_tables,
    value_kind,
    whole_number,
)
from desktop.storage.file_lock import NotLocked, hold_lock
from desktop.storage.history import NO_FILE, HistoryDamaged, keep_damaged, read_history, read_json
from desktop.storage.pack_file import (
    JSON_OPTIONS,
    MAX_PACK_BYTES,
    PackError,
    dump_tables,
    load_schema,
    parse_bytes,
    plain_os_error,
    read_bytes,
    read_limited,
    read_record_bytes,
    write_bytes_atomic,
)
from desktop.storage.signing import (
    KeyFileError,
    load_private_key,
    public_key_id,
    same_file,
    signature_bytes,
    signature_path,
)
from desktop.storage.user_files import check_replaceable, write_user_file, written_path
from desktop.storage.versions import VersionStore, version_number

if TYPE_CHECKING:
    from nacl.signing import SigningKey

    from desktop.storage.signing import TrustedKey


@dataclass(frozen=True)
class PublishResult:
    path: Path
    signature_path: Path
    data_version: int
    as_of: dt.date
    sha256: str
    key_id: str
    expires_after_days: int  # the pack's review period, counted from ``as_of`` (model.overdue_since)
    warnings: tuple[Problem, ...] = ()
    #: what the supervisor should know about this computer's list of versions published (_record_locked)
    record_note: str = ""


def untrusted_key_note(key_id: str, trusted: Sequence[TrustedKey]) -> str:
    """What to do when this computer does not trust ``key_id``, the key a pack was just signed with ("" when it
    does): every app without it refuses the pack, this one too. The editor's Publish and the ``publish`` command
    say it."""
    if any(key.key_id == key_id for key in trusted):
        return ""
    return (f"This computer does not trust the key that signed it (key {key_id}), so its app will not install "
            "it, nor will any other until IT adds that key. Send IT the public key file made with your "
            "private key (the .pub.json file): they add it to the trusted keys on each computer.")


def read_tables(path: Path | str) -> Tables:
    """A pack file's raw tables (strict JSON), for editing and publishing. Raises PackError."""
    path = Path(path)
    tables = parse_bytes(read_bytes(path), path.name)
    if not isinstance(tables, dict):
        raise PackError([Problem(path.name, "", "", "", f"must hold {TABLES_WORDS}, not {value_kind(tables)}")])
    return tables


def is_protected(path: Path | None) -> bool:
    """Files the editor and `publish` never write: the pack built into the app and anything in the user data folder
    (installed updates, the install history, the list of versions published). A path that cannot be resolved is
    counted as one."""
    if path is None:
        return False
    try:
        resolved = Path(path).resolve()
    except (OSError, RuntimeError):  # a link that loops: Python 3.11's resolve() raises RuntimeError
        return True
    if resolved == paths.bundled_pack().resolve():
        return True
    try:
        resolved.relative_to(paths.user_data_dir().resolve())
        return True
    except ValueError:
        return False


def source_as_of(source: Tables | Pack) -> dt.date | None:
    """The as-of date ``source`` states (what :func:`publish` keeps unless told otherwise), or None when
    its meta table holds no readable one: written YYYY-MM-DD, as `check` and --as-of read it (model.iso_day), not
    a week date ("2026-W05-2"). For the publish dialog's default."""
    if isinstance(source, Pack):
        return source.meta.as_of
    metas = table_docs(source, "meta") if isinstance(source, dict) else []
    return iso_day(metas[0][1].get("as_of")) if len(metas) == 1 and isinstance(metas[0][1], dict) else None


def published_version(path: Path | str) -> int | None:
    """The data version of the pack at ``path``, or None when there is no file there or it holds no
    readable data version."""
    try:
        tables = read_tables(path)
    except PackError:
        return None
    metas = table_docs(tables, "meta")
    version = metas[0][1].get("data_version") if len(metas) == 1 and isinstance(metas[0][1], dict) else None
    return whole_number(version)


def next_data_version(draft_version: int, *published: int | None) -> int:
    """The data version a publish writes: one above the draft's own and above every version already
    published that is given (None: none known). A data version is never used twice, and never goes down:
    Undo past a publish takes the draft's version back, not the next publish's."""
    return max([draft_version, *(v for v in published if v is not None)]) + 1


#: in the user data folder: the data versions published on this machine (version, file name, day), and nothing
#: else. The next publish goes above all of them, whatever file name and session each was published in.
PUBLISHED_FILE = "published.json"
PUBLISHED_FORMAT = 1
MAX_PUBLISHED = 200


def _published_file(root: Path | None) -> Path:
    return (Path(root) if root is not None else paths.user_data_dir()) / PUBLISHED_FILE


def _read_published(path: Path) -> list[dict[str, object]]:
    """The entries of published.json ([] when there is none yet). Raises HistoryDamaged (nothing moved) when
    the file cannot be read, or holds something other than the records this module writes."""
    doc = read_json(path)
    if doc is NO_FILE:
        return []
    entries = doc.get("published") if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        raise HistoryDamaged(path, "it does not hold the records in the expected form")
    return [e for e in entries if isinstance(e, dict)]


#: a data version in published.json's text, for the versions still legible in a damaged file (cut short, say)
_VERSION_TEXT = re.compile(rb'"data_version"\s*:\s*([0-9]{1,30})\b')


def _published_versions(path: Path) -> list[int]:
    """The data versions published.json records; from a damaged file, those still legible in its text (the
    file is moved aside, not lost, by the next publish); none from a file that cannot be read at all."""
    try:
        entries = _read_published(path)
    except HistoryDamaged as exc:
        if not exc.damaged:
            return []
        try:
            return [int(m) for m in _VERSION_TEXT.findall(read_record_bytes(path))]
        except OSError:
            return []
    return [v for e in entries if (v := whole_number(e.get("data_version"))) is not None]


def machine_versions(root: Path | None = None, bundled: Path | None = None) -> list[int]:
    """Every data version this machine is known to have published or installed: the version of the pack built
    into the app (``bundled``, default paths.bundled_pack(): officers' apps have it, and refuse an update that
    is not newer), the versions recorded in ``<user data>/published.json`` by each publish, the installed pack
    versions (``packs/versions/``) and those the install history names. ``root``: the user data folder
    (default: paths.user_data_dir())."""
    path = _published_file(root)
    app_version = published_version(bundled if bundled is not None else paths.bundled_pack())
    found = ([app_version] if app_version is not None else []) + _published_versions(path)
    store = VersionStore(path.parent / "packs")
    try:
        names = store.names()
    except OSError:
        names = []
    found += [v for name in names if (v := version_number(name)) is not None]
    for entry in read_history(path.parent / "history.json"):
        found += [v for v in (whole_number(entry.from_version), whole_number(entry.to_version)) if v is not None]
    return found


#: the tables whose ids officers, citations, scenario outcomes and trainers' playlists name
EARLIER_ID_TABLES = ("provisions", "scenarios")


def _ids_in(tables: object, table: str) -> set[str]:
    if not isinstance(tables, dict) or not isinstance(tables.get(table), dict):
        return set()
    id_key = "provision_id" if table == "provisions" else "scenario_id"
    return {doc[id_key] for _, doc in table_docs(tables, table)
            if isinstance(doc, dict) and isinstance(doc.get(id_key), str)}


def earlier_ids(root: Path | None = None, bundled: Path | None = None,
                beside: Path | None = None) -> dict[str, frozenset[str]]:
    """The provision and scenario ids (``EARLIER_ID_TABLES`` → ids) every earlier version of the pack this machine
    knows of used: the pack built into the app (``bundled``, default paths.bundled_pack()), each installed version
    (``packs/versions/``), each item the install history's diffs name (removed ones too), and each pack
    published here (published.json names its file) that is still in the folder ``beside`` (the draft's own).
    Citations, officers' problem reports, trainers' playlists and "what changed" name these ids: a new record must
    not take one. A file that cannot be read adds nothing. ``root``: the user data folder."""
    path = _published_file(root)
    found: dict[str, set[str]] = {table: set() for table in EARLIER_ID_TABLES}
    packs = [bundled if bundled is not None else paths.bundled_pack()]
    store = VersionStore(path.parent / "packs")
    try:
        packs += [store.pack_path(name) for name in store.names()]
    except OSError:
        pass
    if beside is not None:
        try:
            names = {str(e.get("file")) for e in _read_published(path) if isinstance(e.get("file"), str)}
        except HistoryDamaged:
            names = set()
        packs += [beside / name for name in sorted(names) if Path(name).name == name]
    for pack in packs:
        try:
            tables = read_tables(pack)
        except (PackError, OSError, RecursionError):
            continue
        for table in EARLIER_ID_TABLES:
            found[table] |= _ids_in(tables, table)
    for entry in read_history(path.parent / "history.json"):
        if entry.diff is not None:
            found["provisions"] |= {item.id for item in entry.diff.provisions}
            found["scenarios"] |= {item.id for item in entry.diff.scenarios}
    return {table: frozenset(ids) for table, ids in found.items()}


def highest_machine_version(root: Path | None = None) -> int | None:
    """The highest data version this machine has published or installed (see :func:`machine_versions`),
    or None when it knows of none."""
    return max(machine_versions(root), default=None)


def _lock_note(not_locked: NotLocked | None) -> str | None:
    if not_locked is None or not not_locked.busy:
        return None  # a folder that cannot be written: the write that follows says so
    return (f"This computer's list of the data versions published here was changed without waiting: {not_locked.why}. "
            "Check that the two publishes did not get the same data version.")


def _join_notes(*notes: str | None) -> str | None:
    return " ".join(n for n in notes if n) or None


def _record_locked(result: PublishResult, today: dt.date, path: Path, not_locked: NotLocked | None) -> str | None:
    """Add a publish to ``<user data>/published.json`` (its data version, file name and day), for a caller inside
    hold_lock(``path``), which yielded ``not_locked``: a publish elsewhere on this computer at the same instant
    cannot lose this entry, nor this one that. Returns None, or what the supervisor should know, in a sentence:
    that it could not be added (the pack is published all the same), that a damaged file was moved aside
    (published.damaged-….json), never written over, or that the lock was not waited for. A file that cannot be
    read just now (it may be whole) is left as it is."""
    return _join_notes(_record(result, today, path), _lock_note(not_locked))


def _record(result: PublishResult, today: dt.date, path: Path) -> str | None:
    missed = (f"This computer could not note that data version {result.data_version} is used, so a later publish "
              "here may not know it: check that the version it proposes is higher.")
    try:
        entries = _read_published(path)
    except HistoryDamaged as exc:
        if not exc.damaged:
            return f"{path} could not be read ({exc.why}) and was left as it was. {missed}"
        if (kept := keep_damaged(path, exc.why).kept) is None:
            return f"{path} could not be read ({exc.why}) and could not be moved aside. {missed}"
        entries = []  # the versions still legible in it were counted: this one is above them all
        note = (f"{path.name}, this computer's list of the data versions published here, could not be read: "
                f"{exc.why}. It was kept as {kept.name} and a new list started.")
    else:
        note = None
    entries.append({"data_version": result.data_version, "file": result.path.name, "on": today.isoformat()})
    doc = {"format": PUBLISHED_FORMAT, "published": entries[-MAX_PUBLISHED:]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(_undecodable_escaped(json.dumps(doc, **JSON_OPTIONS)).encode("utf-8") + b"\n", path)
    except OSError as exc:
        return f"{path} could not be written: {plain_os_error(exc)}. {missed}"
    return note


#: the bytes of a file name that are not UTF-8, as Python keeps them (lone surrogates): in JSON only inside a string
_UNDECODABLE = re.compile("[\udc80-\udcff]")


def _undecodable_escaped(text: str) -> str:
    """JSON ``text`` with each lone surrogate written as its escape (``\\udcff``), which json.loads reads back as the
    same character: a pack published as ``p<0xFF>.json`` crashed publish (UTF-8 cannot hold it) after the pack and its
    signature were written, and its name must read back to that file to find its ids (earlier_ids)."""
    return _UNDECODABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


class PublishBusy(Exception):
    """Another publish on this computer holds the list of versions published here, and the caller asked not to
    wait for it (publish's ``wait_for_lock``): nothing was written."""


class PublishMoved(Exception):
    """A version at or above the one the caller expected (publish's ``expect_version``) was published on this
    computer meanwhile (another editor window, the command line): nothing was written."""


def publish(source: Tables | Pack, target_path: Path | str, private_key_path: Path | str,
            as_of: dt.date | None = None, today: dt.date | None = None,
            source_name: str | None = None, overwrite: bool = True,
            newer_than: int | None = None, user_data: Path | None = None,
            wait_for_lock: bool = True, expect_version: int | None = None) -> PublishResult:
    """Write ``source`` as the next data version to ``target_path`` and sign it.

    data_version becomes one more than the highest of the source's, ``newer_than`` (the highest version
    already published from this draft, e.g. earlier in an editor session, before an Undo), the pack the
    target holds, if any (a pack published over another never repeats or lowers its version: installs
    refuse a version that is not newer), and every version this machine has published or installed, under
    any file name and in any session (:func:`machine_versions`; ``user_data``: the user data folder, default
    paths.user_data_dir()). A successful publish is added to that memory (what went
    wrong with it is in the result's ``record_note``). reviewed_on becomes today. as_of stays the source's own
    (the date the law in the pack is current as of: fixing a typo does not move it) unless ``as_of`` is given; an
    as-of date (given or kept) later than today is refused. Refuses (PackError listing every problem) a pack the validator
    rejects; nothing is written then. Problems name ``source_name`` (the file the supervisor edits) when
    given, else the target file.

    A publish elsewhere on this computer that holds the list of versions is waited for (file_lock.WAIT_SECONDS);
    with ``wait_for_lock`` false, PublishBusy is raised at once instead, before anything is written (the editor
    tries again from its event loop rather than freeze its window). With ``expect_version`` (the version the
    editor's dialog said), PublishMoved is raised, before anything is written, when this computer has published
    or installed that version or a higher one meanwhile: checked under the lock, so no publish can land between.

    Raises OSError when the pack or its signature cannot be written (IsADirectoryError when either path
    is a folder; FileExistsError when the target exists and ``overwrite`` is false); nothing is left
    half-published then: never a new pack without its signature."""
    target = Path(target_path)
    name = source_name or target.name
    today = today or dt.date.today()
    tables = pack_to_tables(source) if isinstance(source, Pack) else copy.deepcopy(source)
    key = load_private_key(private_key_path)  # fail before writing anything
    for written in (target, signature_path(target)):  # -o the key itself, with --force, wrote the pack over it
        if same_file(written, Path(private_key_path)):
            raise KeyFileError(f"Not published: {written} is the private key that signs it, which publish never "
                               "writes over, even with --force (the key would be lost). Publish to a new file. Nothing was written.",
                               written)
    if as_of is not None and (why := future_as_of(as_of, today)):
        raise PackError([Problem(name, "meta", "", "as_of", why)])
    metas = table_docs(tables, "meta") if isinstance(tables, dict) else []
    if len(metas) != 1 or not isinstance(metas[0][1], dict):
        raise PackError([Problem(name, "meta", "", "", "must hold exactly one document")])
    meta = metas[0][1]
    old_version = whole_number(meta.get("data_version"))
    if old_version is None:  # the validator's own words: check and publish agree
        raise PackError([Problem(name, "meta", "", "data_version", not_whole_words(meta.get("data_version")))])
    # From choosing the version to noting it, this computer's list of versions published is locked: a publish
    # elsewhere here at the same instant (another editor, the command line) waits, then goes above this one.
    memory = _published_file(user_data)
    with hold_lock(memory, wait=None if wait_for_lock else 0) as not_locked:
        if not wait_for_lock and not_locked is not None and not_locked.busy:
            raise PublishBusy  # the editor's dialog says so in its own words, and tries again
        machine = highest_machine_version(user_data)
        if expect_version is not None and machine is not None and machine >= expect_version:
            raise PublishMoved
        meta["data_version"] = next_data_version(old_version, newer_than, published_version(target), machine)
        if as_of is not None:
            meta["as_of"] = as_of.isoformat()
        meta["reviewed_on"] = today.isoformat()
        report = validate_tables(tables, load_schema(), file=name)
        if report.errors or report.pack is None:
            raise PackError(report.errors or [Problem(name, "", "", "", "could not be read as a data pack")])
        if why := future_as_of(report.pack.meta.as_of, today):  # the source's own date, kept: checked the same
            raise PackError([Problem(name, "meta", "", "as_of", why)])
        data, sig_path = _write_signed(tables, target, key, overwrite)
        result = PublishResult(
            path=target,
            signature_path=sig_path,
            data_version=report.pack.meta.data_version,
            as_of=report.pack.meta.as_of,
            sha256=hashlib.sha256(data).hexdigest(),
            key_id=public_key_id(key),
            expires_after_days=report.pack.meta.expires_after_days,
            warnings=tuple(report.warnings),
        )
        note = _record_locked(result, today, memory, not_locked)
    return dataclasses.replace(result, record_note=note or "")


def _write_signed(tables: Tables, target: Path, key: SigningKey, overwrite: bool) -> tuple[bytes, Path]:
    """Write the pack and its signature, both or neither. The signature is staged beside the target first;
    the pack then replaces the target in one step, and the signature its own. If that last step fails, the
    file that was at the target comes back as it was (its bytes are kept for that), or, with none before,
    the new pack goes: never a pack without its signature, never a lost draft (the editor publishes onto
    the draft it edits). A ``target`` that is a link is written where it points, and the signature beside that
    file: the pack a link shares gets its own signature, not a stale one. Returns the bytes written and the
    signature's path."""
    target = written_path(target)
    sig_path = signature_path(target)
    for path in (target, sig_path):
        check_replaceable(path)
    if not overwrite and target.exists():
        raise FileExistsError(errno.EEXIST, "already exists", str(target))
    data = dump_tables(tables)  # one serialisation for the signature and the file: TinyDB's own layout
    try:  # kept to put back if the last step fails; refused by its size first, never read whole
        before: bytes | None = read_limited(target, MAX_PACK_BYTES, words=f"larger than any data pack can be (at "
                                            f"most {MAX_PACK_BYTES // (1024 * 1024)} MiB), so it is not published over")
    except FileNotFoundError:
        before = None
    staged = sig_path.with_name(f".{sig_path.name}.{os.getpid()}.{os.urandom(3).hex()}.new")
    write_user_file(signature_bytes(data, key), staged)  # readable by all, as the pack: a 0600 .sig was unreadable
    replaced = False
    try:
        write_user_file(data, target)  # the bytes signed (writing the tables made them twice more), readable by all
        replaced = True
        os.replace(staged, sig_path)
    except BaseException:
        staged.unlink(missing_ok=True)
        if replaced:
            _put_back(target, before)
        raise
    return data, sig_path


def _put_back(target: Path, before: bytes | None) -> None:
    """The file that was at ``target`` before a publish that failed half-way (none: the new pack goes).
    When even that cannot be written, its bytes are kept beside it (TARGET.before-publish), never lost."""
    try:
        if before is None:
            target.unlink(missing_ok=True)
        else:
            write_bytes_atomic(before, target)
    except OSError:
        if before is not None:
            try:
                write_bytes_atomic(before, target.with_name(target.name + ".before-publish"))
            except OSError:
                pass
