"""What was installed or reverted on this machine, for the "What's new" screen, and the printable receipt.

``<user data>/history.json`` keeps, per install or revert: when, which data versions, the SHA-256 of the
packs, the file name it came from, the diff, and the pack's words for it (changed answers' headlines, amended
rules' words, as that version reads them). No names, no searches, nothing an officer chose: nothing about officers.
Nothing here is ever sent anywhere.
A history.json that cannot be read is never overwritten: it is moved aside (history.damaged-….json) first."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.domain.model import format_day, format_partial_date
from desktop.domain.validation import refused_characters
from desktop.storage.pack_file import (
    JSON_OPTIONS,
    LoadedPack,
    RecordTooLarge,
    read_record_bytes,
    record_text,
    write_bytes_atomic,
)

if TYPE_CHECKING:  # imported when a history entry with a diff is read: not at start-up
    from desktop.domain.diff import ItemChange, PackDiff
    from desktop.domain.model import Pack

HISTORY_FORMAT = 1
MAX_ENTRIES = 200
#: The room the entries' written-down words (HistoryEntry.words) take in history.json, at most: the newest entries
#: keep theirs, the older ones are written without (What's new reads their pack, while this computer keeps it, as for
#: an entry recorded before words were kept). An update of a 10,000-rule pack amending every rule and answer writes
#: some 2.8 MB of words: 200 such entries made a history of half a gigabyte of words, read whole at every What's new.
MAX_WORDS_BYTES = 8 * 1024 * 1024
INSTALL, REVERT = "install", "revert"


#: The longest headline and rule's words (summary) a pack can hold (data/schema.json: a "line", a provision's summary)
LONGEST_HEADLINE, LONGEST_RULE_WORDS = 2000, 600


def _words_a_pack_holds(text: object, longest: int, text_block: bool = False) -> bool:
    return isinstance(text, str) and len(text) <= longest and not refused_characters(text, text_block)


@dataclass(frozen=True)
class BroughtInWords:
    """The words officers read for a change, in the version it brought in: each changed answer's headline (by
    scenario id, then node id; a removed answer's from the version before) and each amended rule's summary (by
    provision id). Kept in the history, so that What's new shows them at once, and after that version is gone."""

    answers: dict[str, dict[str, str]]
    rules: dict[str, str]

    def headline(self, scenario_id: str, node_id: str) -> str | None:
        return self.answers.get(scenario_id, {}).get(node_id)

    def as_dict(self) -> dict[str, Any]:
        return {"answers": self.answers, "rules": self.rules}

    @classmethod
    def from_dict(cls, d: object) -> BroughtInWords | None:
        """The words ``d`` records; None for none, or for anything but words this app wrote (the pack is read
        instead, as for an entry recorded before words were kept)."""
        if not isinstance(d, dict):
            return None
        answers, rules = d.get("answers"), d.get("rules")
        if not (isinstance(answers, dict) and isinstance(rules, dict)
                and all(isinstance(k, str) and _words_a_pack_holds(v, LONGEST_RULE_WORDS, text_block=True)
                        for k, v in rules.items())
                and all(isinstance(sid, str) and isinstance(nodes, dict)
                        and all(isinstance(k, str) and _words_a_pack_holds(v, LONGEST_HEADLINE) for k, v in nodes.items())
                        for sid, nodes in answers.items())):
            # no valid pack holds them: a NUL or a right-to-left override turned words around on screen, 2 MB of
            # words froze What's new for 9 s as it opened
            return None
        return cls(answers, rules)


def words_brought_in(changes: PackDiff, pack: Pack, before: Pack | None = None) -> BroughtInWords:
    """The words officers read for ``changes`` as ``pack``, the version they brought in, reads them (a removed
    answer's headline as ``before`` read it): what an install or revert writes down in the history."""
    answers: dict[str, dict[str, str]] = {}
    for change in changes.outcomes:
        for source in (pack, before):
            scenario = source.scenario(change.scenario_id) if source is not None else None
            headline = getattr(scenario.node(change.node_id) if scenario is not None else None, "headline", None)
            if headline:
                answers.setdefault(change.scenario_id, {})[change.node_id] = str(headline)
                break
    rules = {item.id: words for item in changes.provisions if (words := amended_words(item, pack))}
    return BroughtInWords(answers, rules)


@dataclass(frozen=True)
class HistoryEntry:
    """One install or revert."""

    action: str  # INSTALL or REVERT
    at: str  # local date and time, ISO, seconds
    from_version: int | None
    to_version: int
    to_as_of: str
    from_sha256: str | None = None
    to_sha256: str = ""
    source_name: str = ""  # file name only (a full path could name the user)
    key_id: str | None = None
    forced: bool = False
    diff: PackDiff | None = field(default=None, compare=False)
    #: the words officers read for ``diff``, as the pack brought in reads them (words_brought_in), written down when
    #: it came in; None in an entry recorded before they were (What's new then reads the pack, while it is kept)
    words: BroughtInWords | None = field(default=None, compare=False)

    def summary_lines(self) -> list[str]:
        when = self.at.replace("T", " ")
        if self.action == REVERT:
            head = f"{when}: went back to data version {self.to_version} (as of {format_partial_date(self.to_as_of)})"
        else:
            head = f"{when}: installed data version {self.to_version} (as of {format_partial_date(self.to_as_of)})"
            if self.source_name:
                head += f" from {self.source_name}"
            if self.forced:
                head += " (forced: older or same version)"
        lines = [head + "."]
        if self.diff is not None:
            lines.extend("  " + line for line in self.diff.summary_lines())
        return lines

    def as_dict(self) -> dict[str, Any]:
        return {
            "action": self.action, "at": self.at, "from_version": self.from_version, "to_version": self.to_version,
            "to_as_of": self.to_as_of, "from_sha256": self.from_sha256, "to_sha256": self.to_sha256,
            "source_name": self.source_name, "key_id": self.key_id, "forced": self.forced,
            "diff": self.diff.as_dict() if self.diff is not None else None,
            **({"words": self.words.as_dict()} if self.words is not None else {}),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> HistoryEntry:
        """The entry ``d`` records. Raises TypeError for one this app did not write: a version that is no whole
        number, a time that is no text (they stopped What's new and the ``history`` command with a traceback)."""
        from desktop.domain.diff import PackDiff

        entry = cls(
            action=d["action"], at=d["at"], from_version=d.get("from_version"), to_version=d["to_version"],
            to_as_of=d.get("to_as_of", ""), from_sha256=d.get("from_sha256"), to_sha256=d.get("to_sha256", ""),
            source_name=d.get("source_name", ""), key_id=d.get("key_id"), forced=bool(d.get("forced", False)),
            diff=PackDiff.from_dict(d["diff"]) if d.get("diff") else None,
            words=BroughtInWords.from_dict(d.get("words")),
        )
        texts = (entry.at, entry.to_as_of, entry.to_sha256, entry.source_name)
        versions = (entry.to_version, entry.from_version if entry.from_version is not None else 0)
        if (entry.action not in (INSTALL, REVERT) or not all(isinstance(t, str) for t in texts)
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in versions)
                or not all(v is None or isinstance(v, str) for v in (entry.from_sha256, entry.key_id))):
            raise TypeError("not an install or revert this app recorded")
        return entry


def now_text() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()


class HistoryDamaged(Exception):
    """history.json (or another record file, published.json) exists but cannot be read. ``kept`` is where it
    was moved (None when it could not be)."""

    def __init__(self, path: Path, why: str, kept: Path | None = None, damaged: bool = True) -> None:
        # damaged: its contents are bad. False: the file could not be opened or read (permissions, a lock,
        # a failing disk): it may be whole, so it is never moved aside or written over for that.
        self.path, self.why, self.kept, self.damaged = path, why, kept, damaged
        super().__init__(f"{path.name} could not be read: {why}")


#: what read_json gives for a file that does not exist (a file holding JSON null gives None)
NO_FILE = object()


def read_json(path: Path) -> object:
    """The JSON document in a record file of the user data folder (history.json, published.json); NO_FILE
    when there is no such file. Raises HistoryDamaged (nothing moved): ``damaged`` False when the file could not
    be read (it may be whole), True when what it holds is not JSON text."""
    try:
        text = record_text(read_record_bytes(path))
    except FileNotFoundError:
        return NO_FILE
    except RecordTooLarge as exc:  # damage: moved aside like any (a rename, nothing read)
        raise HistoryDamaged(path, exc.strerror or str(exc)) from None
    except OSError as exc:
        why = exc.strerror or str(exc)  # "Permission denied" → "permission denied"; "a pipe (a FIFO)" kept
        raise HistoryDamaged(path, why[:1].lower() + why[1:], damaged=False) from None
    except ValueError as exc:  # NotUtf8Text
        raise HistoryDamaged(path, str(exc)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        # json's "Unterminated string starting at" expects a position: "… starting at at line 1" read badly
        why = f"it is not valid JSON ({exc.msg.removesuffix(' starting at')} at line {exc.lineno}); it may have " \
            "been cut short"
    except RecursionError:
        why = "it is not a record this app wrote (its JSON is nested too deeply)"
    except ValueError:  # an integer of more digits than Python reads (4,300)
        why = "it is not a record this app wrote (a number in it is thousands of digits long)"
    raise HistoryDamaged(path, why)


def _load(path: Path) -> list[HistoryEntry]:
    """Entries oldest first; [] when there is no history yet. Raises HistoryDamaged (nothing moved)."""
    doc = read_json(path)
    if doc is NO_FILE:
        return []
    try:
        entries = doc["entries"]  # type: ignore[index]
        # the app writes MAX_ENTRIES at most: a hand-made history of 10,000 had What's new build 60,000 labels on the
        # window's thread (a minute frozen). Only the newest are read; the file is left as it is
        return [HistoryEntry.from_dict(e) for e in entries[-MAX_ENTRIES:]]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise HistoryDamaged(path, "it does not hold the records in the expected form") from None


def keep_damaged(path: Path, why: str) -> HistoryDamaged:
    """Move a damaged history (or other record) file aside, next to it (history.damaged-YYYYMMDD-HHMMSS.json),
    so that a new one can start without losing the old records. Returns the HistoryDamaged to report, naming where the
    file was kept (None when it could not be moved)."""
    path = Path(path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.damaged-{stamp}-{n}{path.suffix}")
    try:
        os.replace(path, target)
    except OSError:
        return HistoryDamaged(path, why)
    return HistoryDamaged(path, why, target)


def read_history_checked(path: Path) -> list[HistoryEntry]:
    """Entries oldest first; [] when there is none yet. A file that exists but cannot be read is moved
    aside (see keep_damaged) and reported: raises HistoryDamaged."""
    try:
        return _load(path)
    except HistoryDamaged as exc:
        if not exc.damaged:
            raise  # unreadable for now, not damaged: left as it is
        raise keep_damaged(path, exc.why) from None


def read_history(path: Path) -> list[HistoryEntry]:
    """Entries oldest first. A missing or damaged history reads as an empty one (it is only a convenience;
    a damaged file is left in place and moved aside before the next entry is written)."""
    try:
        return _load(path)
    except HistoryDamaged:
        return []


def _same_change(a: HistoryEntry, b: HistoryEntry) -> bool:
    """Whether ``a`` and ``b`` record one change: the same action from the same bytes to the same bytes. Two such
    entries in a row would say the update came in twice."""
    return (a.action, a.from_sha256, a.to_sha256, a.to_version) == (b.action, b.from_sha256, b.to_sha256, b.to_version)


def append_history(path: Path, entry: HistoryEntry) -> HistoryDamaged | None:
    """Add ``entry``. A damaged history file is moved aside first (never overwritten) and returned. An entry that
    records the very change the last one does (two copies of the app installing one update at the same moment:
    both commit the same state) is not written twice."""
    damaged = None
    try:
        entries = read_history_checked(path)
    except HistoryDamaged as exc:
        if exc.kept is None:  # unreadable for now (it may be whole), or it could not be moved aside
            raise OSError(f"{Path(path).name} could not be read ({exc.why}); it was left unchanged") from None
        damaged, entries = exc, []
    if entries and _same_change(entries[-1], entry):
        return damaged
    entries = _words_within_room(entries[-(MAX_ENTRIES - 1):] + [entry])
    doc = {"format": HISTORY_FORMAT, "entries": [e.as_dict() for e in entries]}
    write_bytes_atomic(json.dumps(doc, **JSON_OPTIONS).encode("utf-8") + b"\n", Path(path))
    return damaged


def _words_within_room(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    """``entries`` with their words, newest first, while those fit in MAX_WORDS_BYTES; the older ones without."""
    room = MAX_WORDS_BYTES
    out = list(entries)
    for place in range(len(out) - 1, -1, -1):
        words = out[place].words
        if words is None:
            continue
        room -= len(json.dumps(words.as_dict(), ensure_ascii=False).encode("utf-8"))
        if room < 0:
            out[place] = replace(out[place], words=None)
    return out


def changes_since(entries: list[HistoryEntry], last_seen_version: int | None) -> list[HistoryEntry]:
    """The installs and reverts since this machine last showed data version ``last_seen_version``, oldest
    first. With no version seen yet, only the latest entry."""
    if not entries:
        return []
    if last_seen_version is None:
        return entries[-1:]
    last_at = max((i for i, e in enumerate(entries) if e.to_version == last_seen_version), default=None)
    if last_at is None:
        return [e for e in entries if e.to_version > last_seen_version]
    return entries[last_at + 1:]


def changes_bringing_in(entries: Sequence[HistoryEntry], sha256: str) -> PackDiff | None:
    """What changed when the pack with this SHA-256 last became the one in use on this machine: the diff of
    the latest install or revert that brought in these exact bytes (a revert's diff is what the officer saw
    change). None when the history has no record of them (the bundled pack, a ``--data`` file) or when that
    entry has no diff (the first install); an older entry for the same bytes is not used instead."""
    for entry in reversed(entries):
        if entry.to_sha256 == sha256:
            return entry.diff
    return None


def amended_words(item: ItemChange, pack: Pack) -> str | None:
    """An amended rule's words (its summary) as ``pack`` reads them: the pack the change brought in, never
    another version's. None when ``item`` is not a provision whose summary changed, or ``pack`` lacks them."""
    return _rule_words(pack, item.id) if item.summary_changed else None


#: after words a history entry wrote down that no signed pack at hand says (history.json is not signed)
NOT_CHECKED = " (as recorded, not checked)"


def pack_headline(pack: Pack | None, scenario_id: str, node_id: str) -> str | None:
    """The headline of an answer (by scenario and node id) as ``pack`` reads it; None without one."""
    scenario = pack.scenario(scenario_id) if pack is not None else None
    headline = getattr(scenario.node(node_id) if scenario is not None else None, "headline", None)
    return str(headline) if headline else None


def _checked(recorded: str | None, signed: str | None, current: str | None) -> tuple[str, bool] | None:
    """Recorded words, checked: (the words, whether a signed pack at hand says them). The signed pack's words
    (``signed``) wherever it has them; else the recorded words when the data in use says them too (``current``);
    else the recorded words, not checked. None with no words at all."""
    if signed:
        return signed, True
    if recorded is None or recorded == current:
        return (current, True) if current else None
    return recorded, False


def _marked(checked: tuple[str, bool] | None) -> str | None:
    return None if checked is None else checked[0] + ("" if checked[1] else NOT_CHECKED)


def checked_headline(words: BroughtInWords, brought_in: Pack | None, in_use: Pack | None,
                     scenario_id: str, node_id: str) -> str | None:
    """An answer's headline a history entry wrote down (``words``), checked: as ``brought_in`` reads it (the
    signed pack the entry brought in, verified; None: kept no more, or its signature does not hold) wherever it
    has it; else the recorded words when ``in_use`` (verified as it loaded) says them too; else the recorded words
    marked NOT_CHECKED. What's new and `encounter-guide history` both show them this way."""
    return _marked(_checked(words.headline(scenario_id, node_id), pack_headline(brought_in, scenario_id, node_id),
                            pack_headline(in_use, scenario_id, node_id)))


def checked_rule_words(item: ItemChange, words: BroughtInWords, brought_in: Pack | None,
                       in_use: Pack | None) -> str | None:
    """An amended rule's words a history entry wrote down (``words``), checked as checked_headline checks a
    headline: ``brought_in``'s words, else the recorded words ``in_use`` says too, else them marked NOT_CHECKED.
    None when the rule's words did not change, or neither pack nor record has them."""
    return _marked(rule_words_checked(item, words, brought_in, in_use))


def rule_words_checked(item: ItemChange, words: BroughtInWords, brought_in: Pack | None,
                       in_use: Pack | None) -> tuple[str, bool] | None:
    """checked_rule_words as (the words, whether a signed pack at hand says them), unmarked: What's new puts its
    mark before the words, where a rule of 600 characters cannot push it out of view."""
    signed = amended_words(item, brought_in) if brought_in is not None else None
    recorded = words.rules.get(item.id) if item.summary_changed else None
    return _checked(recorded, signed, _rule_words(in_use, item.id) if recorded else None)


def _rule_words(pack: Pack | None, provision_id: str) -> str | None:
    provision = pack.provision(provision_id) if pack is not None else None
    return provision.summary if provision is not None and provision.summary else None


def checked_words_dict(words: BroughtInWords, brought_in: Pack | None, in_use: Pack | None) -> dict[str, Any]:
    """Every word a history entry wrote down (``words``), checked as What's new checks them (checked_headline,
    checked_rule_words), for `history --json`: ``{"answers": {scenario id: {node id: {"words": …, "checked": …}}},
    "rules": {provision id: {"words": …, "checked": …}}}``. "words" are the signed pack's where it has them;
    "checked" is False for recorded words no signed pack at hand says (shown "(as recorded, not checked)")."""
    def item(checked: tuple[str, bool]) -> dict[str, Any]:
        return {"words": checked[0], "checked": checked[1]}

    answers: dict[str, dict[str, dict[str, Any]]] = {}
    for scenario_id, nodes in words.answers.items():
        for node_id, recorded in nodes.items():
            checked = _checked(recorded, pack_headline(brought_in, scenario_id, node_id),
                               pack_headline(in_use, scenario_id, node_id))
            if checked is not None:
                answers.setdefault(scenario_id, {})[node_id] = item(checked)
    rules = {provision_id: item(checked) for provision_id, recorded in words.rules.items()
             if (checked := _checked(recorded, _rule_words(brought_in, provision_id),
                                     _rule_words(in_use, provision_id))) is not None}
    return {"answers": answers, "rules": rules}


def recorded_words_checked(words: BroughtInWords, checked: dict[str, Any]) -> bool:
    """Whether every word a history entry wrote down (``words``) is what a signed pack at hand says, as ``checked``
    (checked_words_dict of them) found: False for a word no signed pack says, or one the signed pack says otherwise."""
    def holds(found: object, recorded: str) -> bool:
        return found == {"words": recorded, "checked": True}

    return (all(holds(checked["rules"].get(pid), recorded) for pid, recorded in words.rules.items())
            and all(holds(checked["answers"].get(sid, {}).get(nid), recorded)
                    for sid, nodes in words.answers.items() for nid, recorded in nodes.items()))


def amended_lines(changes: PackDiff, pack: Pack | None, written_down: BroughtInWords | None = None,
                  in_use: Pack | None = None) -> list[str]:
    """The rules ``changes`` amended, in the words of ``pack``, the version the change brought in (or in the words
    ``written_down`` when it came in, checked against ``pack`` and ``in_use``: checked_rule_words): a blank line, a
    heading and a line per rule ("  MCC-… — title: words"); [] when no rule's words changed. Neither at hand: that
    version is kept no more, and one line says so rather than give another version's words. The receipt, the
    install and revert plans, `diff` and `history` all list them this way."""
    amended = [item for item in changes.provisions if item.summary_changed]
    if not amended:
        return []
    if written_down is not None:
        words = [f"  {item.name}: {summary}" for item in amended
                 if (summary := checked_rule_words(item, written_down, pack, in_use))]
        return ["", "Rules amended, as this version reads them:", *words] if words else []
    if pack is None:
        return ["", f"Rules amended: their words in data version {changes.new_version} are no longer kept on this "
                "computer."]
    words = [f"  {item.name}: {summary}" for item in amended if (summary := amended_words(item, pack))]
    return ["", "Rules amended, as this version reads them:", *words] if words else []


def acknowledgment_receipt(loaded: LoadedPack, printed_on: dt.date | None = None,
                           history: Sequence[HistoryEntry] = ()) -> str:
    """A plain-text receipt an officer signs by hand to say they saw this pack version, with what changed
    when it came in (:func:`changes_bringing_in` over this machine's ``history``).

    The app never asks for or keeps the officer's name or star number: those lines are left blank."""
    changes = changes_bringing_in(history, loaded.sha256)
    meta = loaded.pack.meta
    sha = loaded.sha256
    grouped = " ".join(sha[i:i + 8] for i in range(0, len(sha), 8))
    lines = [
        "ENCOUNTER GUIDE: DATA PACK ACKNOWLEDGMENT",
        "",
        f"Pack:          {meta.title}",
        f"Data version:  {meta.data_version}",
        f"As of:         {format_day(meta.as_of)}",
        f"Published on:  {format_day(meta.reviewed_on)}",  # as the About box says
        f"Publisher:     {meta.publisher}",
        f"SHA-256:       {grouped}",
        f"Printed on:    {format_day(printed_on or dt.date.today())}",
    ]
    if changes is not None:
        lines += ["", "What changed:"] + [f"  {line}" for line in changes.summary_lines()]
        lines += amended_lines(changes, loaded.pack)  # "What changed: summary" alone is no rule one has read
    lines += [
        "",
        "I have read the changes in this version of the Encounter Guide data pack.",
        "",
        "Officer name (print):  ______________________________________",
        "",
        "Star no.:              ______________",
        "",
        "Signature:             ______________________________________",
        "",
        "Date:                  ______________",
    ]
    return "\n".join(lines) + "\n"
