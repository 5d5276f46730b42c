"""Which pack is active: an installed update in the user data folder, else the bundled pack.

A corrupt, tampered or unreadable installed pack is set aside (moved, never deleted) and named in a
notice; the app then runs on the last good pack.

Updates are installed in two steps so a person can see what changes first: ``prepare_install(path)``
checks the signature, then the pack (the one validator), then that it is newer, and returns an
InstallPlan with the diff; ``install(plan)`` makes it current. ``revert()`` goes back one step.
How an install survives a crash at any moment is explained in ``desktop/storage/versions.py``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import paths
from desktop.domain.model import format_day
from desktop.domain.validation import Problem, future_as_of, name_as_seen, whole_number
from desktop.storage.pack_file import (
    JSON_OPTIONS,
    LINK_LOOP_WORDS,
    MAX_STAMP_BYTES,
    LoadedPack,
    Notice,
    PackError,
    is_link_loop,
    load_pack,
    load_pack_bytes,
    os_error_words,
    parse_bytes,
    plain_os_error,
    read_bytes,
    read_limited,
    read_record_bytes,
    shown_text,
    stamp_path,
    write_bytes_atomic,
)
from desktop.storage.versions import BUNDLED, State, StateError, VersionStore, version_number

if TYPE_CHECKING:  # the diff is computed only when an update is offered, never at start-up
    from desktop.domain.diff import PackDiff
    from desktop.domain.model import Pack
    from desktop.storage.history import HistoryEntry
    from desktop.storage.signing import TrustedKey

# Signatures and the install history are imported where they are used: the app starts on the bundled pack
# (or --data) without either, before its first frame (tests/test_startup_imports.py).


def _diff(old: Pack, new: Pack) -> PackDiff:
    from desktop.domain.diff import diff_packs

    return diff_packs(old, new)


def _amended_lines(diff: PackDiff, pack: Pack) -> list[str]:
    """history.amended_lines: an amended rule's words, as the pack a plan brings in reads them."""
    from desktop.storage.history import amended_lines

    return amended_lines(diff, pack)


#: The kept copies pack_brought_in keeps verified for the session, at most: the store keeps five versions (see
#: VersionStore.clean), the bundled pack makes six, and a few megabytes of pack bytes (a 10,000-rule pack's copy is 5.7 MB)
MAX_VERIFIED_KEPT, MAX_VERIFIED_BYTES = 6, 16 * 1024 * 1024

#: load_active(verify=...) default: check installed packs' signatures against the trusted keys.
VERIFY_SIGNATURES: object = object()


@dataclass
class ActivePack:
    """The pack the app runs on, where it came from, and what the officer must be told about it."""

    loaded: LoadedPack
    origin: str  # "installed", "previous", "bundled" or "file"
    notices: list[Notice] = field(default_factory=list)


# Why an install, revert or inbox file was refused (InstallRefused.reason).
UNREADABLE, SIGNATURE, INVALID, SCHEMA_TOO_NEW, NOT_NEWER, STALE, NOTHING_TO_REVERT = (
    "unreadable", "signature", "invalid", "schema_too_new", "not_newer", "stale", "nothing_to_revert")


class InstallRefused(Exception):
    """An update (or revert) that will not be installed, and why, in plain words.

    ``reason`` is one of the constants above; for SIGNATURE, ``signature_reason`` says which check failed
    (signing.MISSING, INVALID, UNKNOWN_KEY, TAMPERED); ``signature_link``, for MISSING, where a signature file that is
    a link to nothing points (None: there is no such file). ``problems`` lists every validator finding.

    ``message`` is as written: a file's name in it (a line feed, a right-to-left override and all) is the file's real
    name, escaped by whoever shows it (the command line's terminal_text, the app's name_as_seen; --json not at all).
    Built from str(problem), escaped already, it was escaped twice where shown: a name no file has.

    ``file``: the pack refused, where the caller did not name it (a revert's kept copy, or the pack built into the
    app); None when there is none (nothing to go back to) or the caller named it."""

    def __init__(self, reason: str, message: str, problems: Sequence[Problem] = (),
                 signature_reason: str | None = None, signature_link: str | None = None,
                 file: Path | None = None) -> None:
        self.reason = reason
        self.message = message
        self.problems = list(problems)
        self.signature_reason = signature_reason
        self.signature_link = signature_link
        self.file = file
        super().__init__(message)


@dataclass(frozen=True)
class InstallPlan:
    """A checked update, ready for a person to confirm: signature good, pack valid, diff computed."""

    source: Path
    loaded: LoadedPack  # the new pack; loaded.raw are the exact bytes that were verified
    signature: bytes  # the exact bytes of the .sig file
    key: TrustedKey
    active: LoadedPack | None  # the pack in use now (None when none could be loaded)
    active_origin: str | None
    diff: PackDiff | None  # from the pack in use to the new one
    forced: bool = False
    warnings: tuple[str, ...] = ()
    base_state: State = field(default_factory=State, repr=False)

    @property
    def new_version(self) -> int:
        return self.loaded.pack.meta.data_version

    @property
    def old_version(self) -> int | None:
        return self.active.pack.meta.data_version if self.active is not None else None

    def summary_lines(self) -> list[str]:
        from desktop.storage.signing import by_key

        meta = self.loaded.pack.meta
        lines = [f"{self.source.name}: {meta.title}, data version {meta.data_version}, as of "
                 f"{format_day(meta.as_of)}, signed {by_key(self.key.key_id, [self.key])}."]
        lines += [f"Note: {w}" for w in self.warnings]
        if self.diff is not None:
            lines += self.diff.summary_lines() + _amended_lines(self.diff, self.loaded.pack)
        else:
            lines.append("No data pack could be loaded to compare with.")
        return lines

    def as_dict(self) -> dict[str, object]:
        return {"file": str(self.source), "data_version": self.new_version, "old_version": self.old_version,
                "as_of": self.loaded.pack.meta.as_of.isoformat(), "sha256": self.loaded.sha256,
                "key_id": self.key.key_id, "key_name": self.key.name, "forced": self.forced,
                "warnings": list(self.warnings), "diff": self.diff.as_dict() if self.diff else None}


@dataclass(frozen=True)
class RevertPlan:
    """Going back to the previous pack: which one, and what would change."""

    target: LoadedPack
    target_origin: str  # "previous" or "bundled"
    active: LoadedPack | None
    diff: PackDiff | None
    warnings: tuple[str, ...] = ()
    base_state: State = field(default_factory=State, repr=False)

    def summary_lines(self) -> list[str]:
        meta = self.target.pack.meta
        where = "the pack built into the app" if self.target_origin == "bundled" else "the previous pack"
        lines = [f"Go back to {where}: data version {meta.data_version}, as of {format_day(meta.as_of)}."]
        lines += [f"Note: {w}" for w in self.warnings]
        if self.diff is not None:
            lines += self.diff.summary_lines() + _amended_lines(self.diff, self.target.pack)
        return lines

    def as_dict(self) -> dict[str, object]:
        """What going back would change, keyed as InstallPlan.as_dict keys an install: ``file`` is the pack gone back
        to (the kept copy, or the data built into the app), as an install's is the pack installed."""
        return {"file": str(self.target.path), "origin": self.target_origin,
                "data_version": self.target.pack.meta.data_version,
                "old_version": self.active.pack.meta.data_version if self.active is not None else None,
                "as_of": self.target.pack.meta.as_of.isoformat(), "sha256": self.target.sha256,
                "warnings": list(self.warnings), "diff": self.diff.as_dict() if self.diff else None}


# What happened to a file in the watched folder (InboxResult.status).
INBOX_INSTALLED, INBOX_IGNORED, INBOX_SEEN, INBOX_FAILED = "installed", "ignored", "seen before", "failed"
#: How many files looked at in the watched folder are remembered, beyond those in it now (see PackLibrary._write_seen)
INBOX_MEMORY = 500


@dataclass(frozen=True)
class InboxResult:
    """What became of one file found in the watched inbox folder."""

    path: Path
    status: str  # INBOX_INSTALLED, INBOX_IGNORED, INBOX_SEEN or INBOX_FAILED
    message: str
    reason: str | None = None  # an InstallRefused reason when ignored
    data_version: int | None = None
    entry: HistoryEntry | None = None  # when installed

    @property
    def name(self) -> str:
        """The file's name as it can be shown and written (see pack_file.shown_text: a name that is not UTF-8)."""
        return shown_text(self.path.name)

    def __str__(self) -> str:
        # one line, in the order written (the app's note): a line feed in the file's name (and in the refusal's words
        # naming it) wrote a line of its choosing, a right-to-left override turned the words after it around
        return name_as_seen(self.line())

    def line(self) -> str:
        """What became of the file, its name as it is (for a caller that escapes the whole line once: the command
        line)."""
        message = self.message.removeprefix(f"{self.path.name}: ")  # refusals name the file themselves
        return shown_text(f"{self.path.name}: {self.status}: {message}")

    def as_dict(self) -> dict[str, object]:
        return {"file": shown_text(str(self.path)), "status": self.status, "message": shown_text(self.message),
                "reason": self.reason, "data_version": self.data_version}


def _first_problem(exc: PackError, otherwise: str) -> str:
    """A refused installed pack's first problem, for a notice's sentence (a problem may end with its own full
    stop, which the sentence's would double), or ``otherwise`` when it has none. As written, as InstallRefused's
    message is: str(problem) escaped a name's line feed already, and the command line escaped it again (a backslash
    no file name has). Whoever shows the notice escapes it once (cli._active, the window's banner)."""
    return exc.problems[0].text().rstrip(".") if exc.problems else otherwise


class PackLibrary:
    """The installed packs (packs/versions/ + packs/state.json, see versions.py), packs/set-aside/,
    the install history and the watched inbox folder.

    ``trusted_keys``: the publisher keys to accept (default: the app's, see signing.app_trusted_keys).
    ``inbox``: the watched folder (default: paths.inbox_dir(), i.e. $ENCOUNTER_GUIDE_INBOX or
    <user data>/inbox); the UI passes the folder chosen in its settings here."""

    def __init__(self, root: Path | None = None, bundled: Path | None = None,
                 trusted_keys: Sequence[TrustedKey] | None = None, inbox: Path | None = None) -> None:
        self.root = Path(root) if root is not None else paths.user_data_dir()
        self.bundled = Path(bundled) if bundled is not None else paths.bundled_pack()
        self._trusted_keys = list(trusted_keys) if trusted_keys is not None else None
        self.key_notices: list[str] = []
        self.inbox = Path(inbox) if inbox is not None else None
        self.store = VersionStore(self.folder)
        #: kept copies (and the bundled pack) pack_brought_in read and verified this session, by the exact bytes
        #: verified (see _once_a_session): What's new checked every kept copy's signature and whole pack again at
        #: each opening
        self._verified: OrderedDict[tuple[str, str, str, tuple[tuple[str, bytes], ...]], LoadedPack] = OrderedDict()
        self._verified_lock = threading.Lock()

    @property
    def folder(self) -> Path:
        return self.root / "packs"

    @property
    def trusted_keys(self) -> list[TrustedKey]:
        if self._trusted_keys is None:
            from desktop.storage.signing import app_trusted_keys

            self._trusted_keys = app_trusted_keys(self.key_notices)
        return self._trusted_keys

    def _slot_path(self, name: str | None, legacy: str) -> Path:
        if name and name != BUNDLED:
            return self.store.pack_path(name)
        return self.folder / legacy  # does not exist: nothing installed in this slot

    def _state_or_empty(self) -> State:
        try:
            return self.store.read_state()
        except StateError:
            return State()

    @property
    def current(self) -> Path:
        """The installed current pack file (it does not exist when none is installed)."""
        return self._slot_path(self._state_or_empty().current, "current.json")

    @property
    def previous(self) -> Path:
        """The pack kept for revert (it does not exist when there is none, or it is the bundled pack)."""
        return self._slot_path(self._state_or_empty().previous, "previous.json")

    @property
    def history_file(self) -> Path:
        return self.root / "history.json"

    @property
    def inbox_seen_file(self) -> Path:
        return self.root / "inbox-seen.json"

    @property
    def set_aside_folder(self) -> Path:
        return self.folder / "set-aside"

    def active_path(self) -> Path:
        """The file of the pack in use: the one :meth:`load_active` chooses (which sets aside a bad installed
        pack), so every command names the same pack. Raises PackError when not even the bundled pack loads."""
        return self.load_active().loaded.path

    def set_aside(self, path: Path, reason: str) -> Path:
        """Move a bad pack out of the way (keeping it for inspection) and write down why beside it. Returns where
        it went. Raises OSError when it was not moved: FileNotFoundError when nothing is at ``path``."""
        if not os.path.lexists(path):  # nothing to move: no empty set-aside folder left behind for it
            raise FileNotFoundError(errno.ENOENT, "is not there", str(path))
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.set_aside_folder / f"{path.stem}-{stamp}{path.suffix}"
        self.set_aside_folder.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        try:
            target.with_suffix(".reason.txt").write_text(reason + "\n", encoding="utf-8")
        except OSError:
            pass  # moved all the same: the notice names where, and why
        return target

    def load_active(self, verify: object | None = VERIFY_SIGNATURES, read_only: bool = False) -> ActivePack:
        """The newest good pack: the installed current one, else the previous one, else the bundled pack.
        The bundled pack also wins when it is newer (the app was updated with newer data).

        Installed packs that cannot be read, fail the validator or fail their signature check are set
        aside (moved with the reason, never deleted) and named in a notice. ``verify``: by default the
        signature of each installed pack is checked against the trusted keys; pass a callable (called
        with the LoadedPack, raising PackError to refuse it) to check differently, or None not to check.
        ``read_only``: only look (the editor comparing a draft with the data in use): a bad pack is skipped
        and named, never moved, and the record of installed packs is never written."""
        check: Callable[[LoadedPack], object] | None
        check = self.verify_signature if verify is VERIFY_SIGNATURES else verify  # type: ignore[assignment]
        notices: list[Notice] = []
        recovered = False
        try:
            state = self.store.read_state()
            candidates = [("installed", state.current), ("previous", state.previous)]
        except StateError as exc:  # never written half (atomic), so only outside damage gets here
            notices.append(Notice(f"The record of installed data packs was damaged ({exc}); "
                                  "using the newest installed pack that checks out."))
            recovered, state = True, State()
            found = sorted(self.store.names(), key=lambda n: version_number(n) or 0, reverse=True)
            candidates = [("installed", n) for n in found]
        chosen: ActivePack | None = None
        chosen_name: str | None = None
        dropped: set[str] = set()
        untrusted: list[str] = []  # newest first when the state is recovered
        for origin, name in candidates:
            if name is None:
                continue
            if name == BUNDLED:
                break
            try:
                loaded = load_pack(self.store.pack_path(name))
                if check is not None:
                    check(loaded)
            except PackError as exc:
                from desktop.storage.signing import UNKNOWN_KEY  # imported by the check that raised this

                if getattr(exc, "reason", None) == UNKNOWN_KEY:
                    # Nothing is wrong with the pack itself: its publisher's key is not trusted now (IT withdrew
                    # it, or the trusted keys file is damaged or missing). Moving it aside lost a good update for
                    # good; left in place, it is used again once its key is trusted again.
                    notices.append(self._untrusted_version(name, exc))
                    untrusted.append(name)
                    continue
                notices.append(self._unusable_version(name, exc) if read_only else self._set_aside_version(name, exc))
                dropped.add(name)
                continue
            chosen, chosen_name = ActivePack(loaded, origin, notices), name
            break
        if recovered and not read_only:  # a newer pack whose key is not trusted now stays current, to be used once it is again
            self._write_state_quietly(State(untrusted[0], chosen_name) if untrusted else State(chosen_name, None))
        elif dropped and not read_only:
            self._write_state_quietly(State(None if state.current in dropped else state.current,
                                            None if state.previous in dropped else state.previous))
        notices[:0] = [Notice(notice) for notice in self.key_notices]
        if chosen is not None:
            return self._prefer_newer_bundled(chosen)
        try:
            return ActivePack(load_pack(self.bundled, stamped=True), "bundled", notices)
        except PackError as exc:
            exc.notices = notices  # the installed packs set aside on the way are still news
            raise

    # --- checking installed packs -------------------------------------------------------------------

    def verify_signature(self, loaded: LoadedPack) -> TrustedKey:
        """Check an installed pack's exact bytes against its .sig file. Raises SignatureError."""
        from desktop.storage.signing import read_signature, signature_read_path, verify_bytes

        return verify_bytes(loaded.raw, read_signature(loaded.path), self.trusted_keys, loaded.path.name,
                            sig_path=signature_read_path(loaded.path))

    def _set_aside_version(self, name: str, exc: PackError) -> Notice:
        """Set an installed pack that cannot be used aside, and say in a sentence what happened: moved (and
        where), already gone (its folder removed: nothing to move), or left in place (it could not be moved)."""
        folder = self.store.versions / name
        what = f"The installed data pack (data version {version_number(name)})"
        why = _first_problem(exc, "unreadable")
        version = version_number(name)
        try:
            moved = self.set_aside(folder, "\n".join(str(p) for p in exc.problems))
        except FileNotFoundError:
            return Notice(f"{what} is no longer on this computer: its folder {folder} was removed, so there was "
                          "nothing to set aside.", version)
        except OSError as err:
            return Notice(f"{what} could not be used: {why}. It could not be moved aside, so it was left where it "
                          f"is, not used: {plain_os_error(err)}.", version)
        return Notice(f"{what} could not be used and was set aside: {why}. It was moved to {moved}.", version)

    @staticmethod
    def _unusable_version(name: str, exc: PackError) -> Notice:
        version = version_number(name)
        return Notice(f"The installed data pack (data version {version}) could not be used: "
                      f"{_first_problem(exc, 'unreadable')}.", version)

    @staticmethod
    def _untrusted_version(name: str, exc: PackError) -> Notice:
        why = _first_problem(exc, "its key is not trusted")
        version = version_number(name)
        return Notice(f"The installed data pack (data version {version}) is not used: {why}. It was left "
                      "where it is and is used again once its key is trusted.", version)

    def _write_state_quietly(self, state: State) -> None:
        try:
            self.store.write_state(state)
        except OSError:
            pass  # read-only profile: the bad pack is still skipped next time

    def _bundled_version(self) -> int | None:
        """The bundled pack's data_version from its meta table, without validating the whole pack."""
        try:
            tables = parse_bytes(read_bytes(self.bundled), self.bundled.name)
            version = next(iter(tables["meta"].values()))["data_version"]
        except (PackError, KeyError, TypeError, AttributeError, StopIteration):
            return None
        return whole_number(version)

    def _prefer_newer_bundled(self, chosen: ActivePack) -> ActivePack:
        installed = chosen.loaded.pack.meta.data_version
        bundled = self._bundled_version()
        if bundled is None or bundled <= installed:
            return chosen
        try:
            loaded = load_pack(self.bundled, stamped=True)
        except PackError:
            return chosen
        chosen.notices.append(Notice(f"The data built into this version of the app (data version {bundled}) is "
                                     f"newer than the installed update (data version {installed}), so it is used "
                                     "instead.", installed))
        return ActivePack(loaded, "bundled", chosen.notices)

    def _active_or_none(self) -> ActivePack | None:
        try:
            return self.load_active()
        except PackError:
            return None  # not even the bundled pack loads: any good signed pack is an improvement

    # --- install ------------------------------------------------------------------------------------

    def prepare_install(self, path: Path | str, force: bool = False, today: dt.date | None = None) -> InstallPlan:
        """Check an update without changing anything: signature against the trusted keys, then the pack
        (the one validator: schema, trees, citations, schema version), then that it is newer than the
        pack in use (unless ``force``). Returns the plan with the diff; raises InstallRefused. An as-of date
        later than ``today`` (default: this computer's date) is a note, not a refusal: a laptop whose clock is
        behind still takes a real update."""
        return self._prepare(Path(path), force, self._active_or_none(), today)

    def _prepare(self, path: Path, force: bool, active: ActivePack | None,
                 today: dt.date | None = None, read: tuple[bytes, bytes | None] | None = None) -> InstallPlan:
        """``read``: the pack's bytes and its signature's (None: missing) as already read, checked as they are and
        not read again (the watched folder's scan: a file still being copied had grown between two reads)."""
        from desktop.storage.signing import SignatureError, read_signature, signature_read_path, verify_bytes

        base_state = self._state_or_empty()
        try:
            raw, signature = read if read is not None else (read_bytes(path), read_signature(path))
            key = verify_bytes(raw, signature, self.trusted_keys, path.name, sig_path=signature_read_path(path))
        except SignatureError as exc:
            raise InstallRefused(SIGNATURE, exc.problems[0].text(), exc.problems, exc.reason,
                                 exc.link_to_nothing) from None
        except PackError as exc:
            raise InstallRefused(UNREADABLE, exc.problems[0].text(), exc.problems) from None
        assert signature is not None
        try:
            loaded = load_pack_bytes(raw, path)
        except PackError as exc:
            too_new = any(p.field == "schema_version" for p in exc.problems)
            first = exc.problems[0].text() if exc.problems else f"{path.name}: is not a valid data pack"
            message = first if too_new or len(exc.problems) == 1 else (
                f"{first} (and {len(exc.problems) - 1} more problem(s))")
            raise InstallRefused(SCHEMA_TOO_NEW if too_new else INVALID, message, exc.problems) from None
        new_version = loaded.pack.meta.data_version
        warnings: list[str] = []
        if active is not None:
            old_meta = active.loaded.pack.meta
            if new_version <= old_meta.data_version:
                same = loaded.sha256 == active.loaded.sha256
                text = (f"{path.name} is data version {new_version}, "
                        + ("the very pack already in use" if same else
                           f"which is not newer than the data in use (data version {old_meta.data_version}, "
                           f"as of {format_day(old_meta.as_of)})"))
                if not force:
                    raise InstallRefused(NOT_NEWER, text + ". Nothing was installed.")
                warnings.append(text + "; installing it anyway because that was asked for.")
        bundled = self._bundled_version()
        if bundled is not None and bundled > new_version:
            warnings.append(f"The data built into the app (data version {bundled}) is newer, so the app will "
                            "keep using it after this install.")
        warnings.extend(f"warning: {w}" for w in loaded.warnings)
        today = today or dt.date.today()
        if future_as_of(loaded.pack.meta.as_of, today):
            warnings.append(f"This update is as of {format_day(loaded.pack.meta.as_of)}, later than this computer's "
                            f"date ({format_day(today)}). It installs as it is, and the app shows that date. If this "
                            "computer's date is wrong, have it set right.")
        return InstallPlan(
            source=path, loaded=loaded, signature=signature, key=key,
            active=active.loaded if active else None, active_origin=active.origin if active else None,
            diff=_diff(active.loaded.pack, loaded.pack) if active else None,
            forced=force, warnings=tuple(warnings), base_state=base_state,
        )

    def _check_not_stale(self, base: State) -> State:
        state = self._state_or_empty()
        if state != base:
            raise InstallRefused(STALE, "The data pack in use changed since this was checked. Check it again.")
        return state

    def install(self, plan: InstallPlan) -> HistoryEntry:
        """Make a checked update the current pack; the pack in use becomes the one kept for revert.

        Crash-safe at every step (see versions.py); the bundled pack is never touched."""
        from desktop.storage.history import INSTALL, HistoryEntry, now_text, words_brought_in

        state = self._check_not_stale(plan.base_state)
        name = self.store.add(plan.new_version, plan.loaded.raw, plan.signature)
        active_slot = self._active_slot_of(plan)
        previous = state.previous if active_slot == name else active_slot
        self.store.write_state(State(name, previous))  # the commit point
        entry = HistoryEntry(
            action=INSTALL, at=now_text(), from_version=plan.old_version, to_version=plan.new_version,
            to_as_of=plan.loaded.pack.meta.as_of.isoformat(),
            from_sha256=plan.active.sha256 if plan.active else None, to_sha256=plan.loaded.sha256,
            source_name=plan.source.name, key_id=plan.key.key_id, forced=plan.forced, diff=plan.diff,
            words=words_brought_in(plan.diff, plan.loaded.pack, plan.active.pack if plan.active else None)
            if plan.diff is not None else None,
        )
        self._after_change(entry, {name, previous or ""})
        return entry

    def _active_slot_of(self, plan: InstallPlan) -> str | None:
        """The state value naming the pack that was in use: a version folder name, BUNDLED or None."""
        if plan.active is None:
            return None
        if plan.active_origin == "bundled":
            return BUNDLED
        return plan.active.path.parent.name

    def _after_change(self, entry: HistoryEntry, keep: set[str]) -> None:
        """Bookkeeping after the commit point; failing here never undoes the install."""
        from desktop.storage.history import append_history

        try:
            append_history(self.history_file, entry)
        except OSError:
            pass
        try:
            self.store.clean(keep)
        except OSError:
            pass

    def _is_current(self, plan: InstallPlan) -> bool:
        """Whether the installed current pack is the plan's, byte for byte, signature included."""
        current = self._state_or_empty().current
        return current not in (None, BUNDLED) and self.store.holds(current, plan.loaded.raw, plan.signature)

    # --- revert -------------------------------------------------------------------------------------

    def can_revert(self) -> bool:
        """True when an update is installed and an earlier pack is kept to go back to (reads the state only;
        prepare_revert checks that pack)."""
        state = self._state_or_empty()
        return state.previous is not None and state.current is not None

    def prepare_revert(self) -> RevertPlan:
        """Check that there is a good pack to go back to and what would change. Raises InstallRefused."""
        state = self._state_or_empty()
        if state.previous is None or state.current is None:
            raise InstallRefused(NOTHING_TO_REVERT, "There is no earlier data pack to go back to.")
        if state.previous == BUNDLED:
            try:
                target = load_pack(self.bundled, stamped=True)
            except PackError as exc:
                raise InstallRefused(INVALID, f"The pack built into the app cannot be used: {exc.problems[0].text()}",
                                     exc.problems, file=self.bundled) from None
            origin = "bundled"
        else:
            target = self._kept_copy(state.previous)
            origin = "previous"
        active = self._active_or_none()
        warnings: list[str] = []
        bundled = self._bundled_version()
        if origin == "previous" and bundled is not None and bundled > target.pack.meta.data_version:
            warnings.append(f"The data built into the app (data version {bundled}) is newer than the pack you "
                            "would go back to, so the app will use the built-in data.")
        return RevertPlan(target=target, target_origin=origin, active=active.loaded if active else None,
                          diff=_diff(active.loaded.pack, target.pack) if active else None,
                          warnings=tuple(warnings), base_state=state)

    def _kept_copy(self, name: str) -> LoadedPack:
        """The kept copy of version folder ``name``, read and its signature checked. Raises InstallRefused naming it
        by its path: every kept version's file is "pack.json", which told IT neither which nor where."""
        from desktop.storage.signing import SignatureError

        kept = self.store.pack_path(name)
        unusable = "The previous data pack cannot be used: {}"
        try:
            target = load_pack(kept)
            self.verify_signature(target)
        except SignatureError as exc:  # which check failed, as an install says it: the dialog's words follow it
            # its problems name it by its path too (revert --json's "problems" said "pack.json", as for every version)
            problems = [dataclasses.replace(p, file=str(kept)) if p.file == kept.name else p for p in exc.problems]
            raise InstallRefused(SIGNATURE, unusable.format(exc.problems[0].text(str(kept))),
                                 problems, exc.reason, exc.link_to_nothing, file=kept) from None
        except PackError as exc:  # each problem names it by its path too: the app lists them, not the message
            # ("does not exist (<the path>)" named it twice)
            problems = [dataclasses.replace(p, file=str(kept), message=p.message.removesuffix(f" ({kept})"))
                        if p.file == kept.name else p for p in exc.problems]
            raise InstallRefused(INVALID, unusable.format(problems[0].text()), problems, file=kept) from None
        return target

    def revert(self, plan: RevertPlan | None = None) -> HistoryEntry:
        """Swap the previous pack back in. The pack reverted from is kept as the previous one (so a second
        revert undoes the first); nothing is deleted. Raises InstallRefused."""
        from desktop.storage.history import REVERT, HistoryEntry, now_text, words_brought_in

        plan = plan or self.prepare_revert()
        state = self._check_not_stale(plan.base_state)
        if plan.target_origin == "previous" and state.previous is not None:
            # the kept copy is checked again: changed, removed or swapped while the supervisor read what going back
            # changes, the revert was recorded ("Back to data version 4") while the app used another pack
            again = self._kept_copy(state.previous)
            if again.sha256 != plan.target.sha256:
                raise InstallRefused(STALE, f"The previous data pack changed since it was checked: {again.path}. "
                                            "Check it again.")
        self.store.write_state(State(state.previous, state.current))  # the commit point
        meta = plan.target.pack.meta
        entry = HistoryEntry(
            action=REVERT, at=now_text(),
            from_version=plan.active.pack.meta.data_version if plan.active else None,
            to_version=meta.data_version, to_as_of=meta.as_of.isoformat(),
            from_sha256=plan.active.sha256 if plan.active else None, to_sha256=plan.target.sha256,
            diff=plan.diff, words=words_brought_in(plan.diff, plan.target.pack, plan.active.pack if plan.active else None)
            if plan.diff is not None else None,
        )
        self._after_change(entry, {state.previous or "", state.current or ""})
        return entry

    # --- what's new ---------------------------------------------------------------------------------

    def history(self, checked: bool = False) -> list[HistoryEntry]:
        """Every install and revert on this machine, oldest first. A damaged history file reads as empty
        (it is moved aside before the next entry is written); with ``checked``, it is moved aside now and
        reported: raises history.HistoryDamaged, naming where it was kept."""
        from desktop.storage import history as _history

        if checked:
            return _history.read_history_checked(self.history_file)
        return _history.read_history(self.history_file)

    def pack_brought_in(self, entry: HistoryEntry) -> LoadedPack | None:
        """The pack an install or revert of the history brought in (its exact bytes: ``entry.to_sha256``), while
        this computer still keeps it: an installed version in ``packs/versions/``, its signature checked against the
        trusted keys, or the pack built into the app. None when it is kept no more (only the current, previous and
        three other versions are: see VersionStore.clean), cannot be read or its signature does not hold: the
        history's SHA-256 is no proof (history.json is not signed, and sits beside the kept copies). A kept copy is
        verified once a session for the same bytes and signature (_verified_copy), and the bundled pack once for the same
        bytes and stamp (_checked_bundled). Only reads: nothing is moved or written."""
        sha = entry.to_sha256
        if not sha:
            return None
        try:
            kept = [self.store.pack_path(name) for name in self.store.names()
                    if name.startswith(f"v{entry.to_version}-{sha[:12]}")]
        except OSError:
            kept = []
        for path in [*kept, self.bundled]:
            try:
                raw = read_bytes(path)
                if hashlib.sha256(raw).hexdigest() == sha:
                    if path != self.bundled:  # raises SignatureError, a PackError: its words are never read
                        return self._verified_copy(path, raw, sha)
                    return self._checked_bundled(path, raw, sha)
            except PackError:
                continue
        return None

    def _verified_copy(self, path: Path, raw: bytes, sha: str) -> LoadedPack:
        """The kept copy at ``path`` (its bytes ``raw``, whose SHA-256 is ``sha``), its signature verified against
        the trusted keys and the pack checked, once a session for the same bytes: the result is kept by the path,
        the SHA-256 of the pack's and the signature's exact bytes, and the trusted keys, so a copy or signature
        replaced on disk (or a key no longer trusted) is verified again. Raises PackError (SignatureError)."""
        from desktop.storage.signing import read_signature, signature_read_path, verify_bytes

        signature = read_signature(path)
        key = (str(path), sha, hashlib.sha256(signature).hexdigest() if signature is not None else "",
               tuple((k.key_id, k.public_key) for k in self.trusted_keys))

        def verified() -> LoadedPack:
            verify_bytes(raw, signature, self.trusted_keys, path.name, sig_path=signature_read_path(path))
            return load_pack_bytes(raw, path)

        return self._once_a_session(key, verified)

    def _checked_bundled(self, path: Path, raw: bytes, sha: str) -> LoadedPack:
        """The pack built into the app (its bytes ``raw``, whose SHA-256 is ``sha``), checked with its stamp, once a
        session for the same bytes and stamp, as _verified_copy keeps a kept copy: What's new checked it again at
        each opening for an entry that went back to it. Kept by the path, the pack's SHA-256 and the stamp's bytes
        (a stamp changed or gone means the checks it stood for are made again). Raises PackError."""
        stamp = stamp_path(path)
        try:
            stamp_sha = "stamp:" + hashlib.sha256(read_limited(stamp, MAX_STAMP_BYTES)).hexdigest()
        except (OSError, ValueError):  # none, or not a file: load_pack_bytes checks the pack in full
            stamp_sha = "stamp:none"
        return self._once_a_session((str(path), sha, stamp_sha, ()),
                                    lambda: load_pack_bytes(raw, path, stamped=True))

    def _once_a_session(self, key: tuple[str, str, str, tuple[tuple[str, bytes], ...]],
                        load: Callable[[], LoadedPack]) -> LoadedPack:
        """What ``load`` gives, kept for the session under ``key`` (the bytes it checked), the least recently asked
        for dropped past MAX_VERIFIED_KEPT packs or MAX_VERIFIED_BYTES of their bytes (the newest is always kept)."""
        with self._verified_lock:
            if (known := self._verified.get(key)) is not None:
                self._verified.move_to_end(key)
                return known
        loaded = load()
        with self._verified_lock:
            self._verified[key] = loaded
            while len(self._verified) > 1 and (len(self._verified) > MAX_VERIFIED_KEPT or sum(
                    len(known.raw) for known in self._verified.values()) > MAX_VERIFIED_BYTES):
                self._verified.popitem(last=False)  # the least recently asked for
        return loaded

    def changes_since(self, last_seen_version: int | None) -> list[HistoryEntry]:
        """Installs and reverts since this machine last showed ``last_seen_version`` (the UI keeps that
        number in its settings), oldest first."""
        from desktop.storage import history as _history

        return _history.changes_since(self.history(), last_seen_version)

    # --- watched folder -----------------------------------------------------------------------------

    def inbox_folder(self) -> Path:
        return self.inbox if self.inbox is not None else paths.inbox_dir()

    def _read_seen(self) -> dict[str, dict[str, str]]:
        try:
            doc = json.loads(read_record_bytes(self.inbox_seen_file).decode("utf-8"))
            files = doc["files"]
            # only what this app writes: a value of another kind ({"at": 5}) stopped every scan in a TypeError, and
            # with it every update put in the folder; such an entry is forgotten, so its file is looked at again
            return {k: v for k, v in files.items()
                    if isinstance(v, dict) and all(isinstance(x, str) for x in v.values())} if isinstance(files, dict) \
                else {}
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return {}

    def _write_seen(self, seen: dict[str, dict[str, str]], present: Collection[str] = ()) -> None:
        """Remember the files looked at: every file in the folder now (``present``: their fingerprints), then the
        installed ones and the most recent others, up to INBOX_MEMORY. The memory was cut to the 500 highest
        fingerprints, by their hash: in a folder of more files, the update installed was forgotten at random,
        installed again at the next start after a revert, and the other files reported again at every scan."""
        # a file whose name is not UTF-8 (a share or a stick written elsewhere) stopped every scan here, with every
        # update put in the folder: its name is kept as it can be written
        seen = {k: {field: shown_text(value) for field, value in v.items()} for k, v in seen.items()}
        now = {k: v for k, v in seen.items() if k in present}
        gone = sorted((item for item in seen.items() if item[0] not in present),
                      key=lambda item: (item[1].get("status") == INBOX_INSTALLED, item[1].get("at", "")), reverse=True)
        kept = {**now, **dict(gone[:max(0, INBOX_MEMORY - len(now))])}
        doc = {"format": 1, "files": dict(sorted(kept.items()))}
        try:
            write_bytes_atomic(json.dumps(doc, **JSON_OPTIONS).encode("utf-8") + b"\n", self.inbox_seen_file)
        except OSError:
            pass

    def scan_inbox(self, folder: Path | None = None) -> list[InboxResult]:
        """Look at every ``*.json`` pack in the watched folder (its ``.sig`` beside it); install the newest
        one that is signed by a trusted key, valid and newer than the pack in use; report the others.

        Files are never moved or deleted (the folder may be a read-only share). Each file looked at is
        remembered by the SHA-256 of pack and signature, so it is not installed again after a revert and
        not reported again; files refused for reasons that may change (unknown key, newer schema, still
        being copied) are looked at again next time."""
        from desktop.storage.history import now_text
        from desktop.storage.signing import read_signature

        folder = Path(folder) if folder is not None else self.inbox_folder()
        try:
            if not folder.is_dir():
                if is_link_loop(folder):  # not "no folder, nothing to do": IT set a folder and must hear why it is not
                    return [InboxResult(folder, INBOX_FAILED, f"the folder {LINK_LOOP_WORDS}; nothing in it was "
                                        "looked at", UNREADABLE)]
                return []
            found = sorted(p for p in folder.iterdir()
                           if p.suffix == ".json" and p.is_file() and not p.name.startswith("."))
        except OSError as exc:  # a share this user may not open, a name too long: IT must hear of it
            why = "permission denied" if isinstance(exc, PermissionError) else os_error_words(exc)
            return [InboxResult(folder, INBOX_FAILED, f"the folder cannot be read: {why}; nothing in it was looked at",
                                UNREADABLE)]
        seen = self._read_seen()
        results: list[InboxResult] = []
        plans: list[tuple[InstallPlan, str]] = []
        present: set[str] = set()
        active = self._active_or_none()
        for path in found:
            try:
                # read once: the bytes remembered are the bytes checked (and installed). Read a second time to be
                # checked, a file still being copied had grown meanwhile: its first half was remembered as
                # installed, and after a revert the next scan installed the whole file again
                read = read_bytes(path), read_signature(path)
                fingerprint = hashlib.sha256(read[0]).hexdigest() + ":" + hashlib.sha256(read[1] or b"").hexdigest()
            except PackError as exc:
                results.append(InboxResult(path, INBOX_IGNORED, exc.problems[0].text(), UNREADABLE))
                continue
            present.add(fingerprint)
            if fingerprint in seen:
                before = seen[fingerprint]
                # why it was ignored, as the first scan said it: run twice, "(ignored)" alone hid that the file is a
                # public key, or a private key left in a shared folder (none recorded by an older app: the status)
                why = before.get("why", "").rstrip(".")
                # the same bytes under another name (a copy, "pack (1).json"): its why names that file, not this one
                was = before.get("name")
                as_name = f" as {was}" if isinstance(was, str) and was and was != path.name else ""
                results.append(InboxResult(path, INBOX_SEEN, f"looked at on {before.get('at', '?')[:10]}{as_name} "
                                           f"({before.get('status', '?')}{f': {why}' if why else ''}); not looked "
                                           "at again", before.get("reason") or None))
                continue
            try:
                plans.append((self._prepare(path, False, active, read=read), fingerprint))
            except InstallRefused as exc:
                results.append(InboxResult(path, INBOX_IGNORED, exc.message, exc.reason))
                if exc.reason not in (UNREADABLE, SCHEMA_TOO_NEW) and exc.signature_reason != "unknown_key":
                    seen[fingerprint] = {"name": path.name, "status": INBOX_IGNORED, "reason": exc.reason,
                                         "why": exc.message.removeprefix(f"{path.name}: "), "at": now_text()}
        if plans:
            plans.sort(key=lambda pf: pf[0].new_version)
            best, best_fp = plans[-1]
            for plan, fp in plans[:-1]:
                results.append(InboxResult(plan.source, INBOX_IGNORED,
                                           f"data version {plan.new_version}: {best.source.name} is newer "
                                           f"(data version {best.new_version})", NOT_NEWER, plan.new_version))
                seen[fp] = {"name": plan.source.name, "status": INBOX_IGNORED, "reason": NOT_NEWER,
                            "why": f"data version {plan.new_version}: {best.source.name} was newer "
                                   f"(data version {best.new_version})", "at": now_text()}
            try:
                entry = self.install(best)
            except (InstallRefused, OSError) as exc:
                if self._is_current(best):  # a second copy of the app, started at the same time, installed it first
                    results.append(InboxResult(best.source, INBOX_INSTALLED,
                                               f"installed data version {best.new_version}", None, best.new_version))
                    seen[best_fp] = {"name": best.source.name, "status": INBOX_INSTALLED, "reason": "",
                                     "at": now_text()}
                else:
                    why = plain_os_error(exc) + "; nothing was changed" if isinstance(exc, OSError) else exc
                    results.append(InboxResult(best.source, INBOX_FAILED, f"could not be installed: {why}",
                                               getattr(exc, "reason", None), best.new_version))
            else:
                results.append(InboxResult(best.source, INBOX_INSTALLED,
                                           f"installed data version {best.new_version}", None,
                                           best.new_version, entry))
                seen[best_fp] = {"name": best.source.name, "status": INBOX_INSTALLED, "reason": "",
                                 "at": now_text()}
        self._write_seen(seen, present)
        return sorted(results, key=lambda r: r.path.name)


def acknowledgment_receipt(loaded: LoadedPack, printed_on: dt.date | None = None,
                           history: Sequence[HistoryEntry] = ()) -> str:
    """Printable receipt for ``loaded`` with what changed when it came in, per this machine's ``history``
    (see storage/history.py); blank lines for the officer's name and star."""
    from desktop.storage import history as _history

    return _history.acknowledgment_receipt(loaded, printed_on, history)
