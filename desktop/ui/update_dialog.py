"""Data updates in the officer app: what an update (or going back) would change, why an update was refused,
and what changed since this computer last showed the data, with a receipt to sign by hand.

Everything shown comes from the storage library (InstallPlan, RevertPlan, InstallRefused, HistoryEntry) and
its PackDiff; nothing here decides anything. Verdicts are always told in words (and a symbol), never by
colour alone. Nothing is sent anywhere, and no name is asked for: the officer writes it on the receipt."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPagedPaintDevice,
    QPaintEvent,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.diff import ADDED, CHANGED, REMOVED, ItemChange, OutcomeChange, PackDiff
from desktop.domain.model import VERDICT_LABELS, Pack, format_day
from desktop.domain.validation import name_as_seen
from desktop.runtime import short_switch_interval
from desktop.storage import library as lib
from desktop.storage.history import (
    NOT_CHECKED,
    REVERT,
    BroughtInWords,
    HistoryEntry,
    amended_words,
    checked_headline,
    rule_words_checked,
)
from desktop.storage.library import InstallPlan, InstallRefused, RevertPlan
from desktop.storage.pack_file import LoadedPack, plain_os_error, shown_text
from desktop.ui.background import BackgroundJob, run_in_background
from desktop.ui.dialog_memory import open_file_name, save_file_name
from desktop.ui.outcome_card import VERDICT_ICONS
from desktop.ui.widgets import (
    Badge,
    Banner,
    Button,
    Heading,
    VScrollArea,
    WrapLabel,
    announce,
    fit_to_screen,
    named,
)

try:  # QtPrintSupport ships with PySide6-Essentials, but printing is optional on stripped builds
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    HAVE_PRINTING = True
except ImportError:  # pragma: no cover - depends on the Qt build
    HAVE_PRINTING = False

CHANGE_WORDS = {ADDED: "New", CHANGED: "Changed", REMOVED: "Removed"}
SECTIONS = (("provisions", "Rules and provisions"), ("scenarios", "Situations"),
            ("synonyms", "Search words"), ("glossary", "Glossary"))
RECEIPT_FILTERS = "PDF (*.pdf);;Text file (*.txt)"
PACK_FILTER = "Data packs (*.json)"
MAX_PROBLEMS_SHOWN = 5
#: InstallRefused.reason for an install or revert that was checked but could not be written (full disk…).
WRITE_FAILED = "write_failed"


def ask_update_file(parent: QWidget, folder: Path | None = None) -> str:
    """Which update file to install ('' when cancelled). The .sig file must sit beside it. Tests replace this."""
    start = str(folder) if folder is not None and folder.is_dir() else str(Path.home())
    path, _filter = open_file_name(parent, "Install data update", start, PACK_FILTER)
    return path


def ask_editor_copy_path(parent: QWidget, suggested: str) -> str:
    """Where to put the copy the editor opens ('' when cancelled). Tests replace this."""
    path, _filter = save_file_name(parent, "Save a copy of the data to edit", suggested, PACK_FILTER)
    return path


def write_failed(exc: OSError) -> InstallRefused:
    """An OSError while installing or reverting, as a refusal the dialog can explain."""
    words = plain_os_error(exc)  # "the disk is full": the line above it says nothing was changed, once
    return InstallRefused(WRITE_FAILED, f"{words[:1].upper()}{words[1:]}.")


def verdict_words(verdict: str | None) -> str:
    """'not_permitted' → '✖ NOT PERMITTED' (symbol and word)."""
    if not verdict:
        return "none"
    return f"{VERDICT_ICONS.get(verdict, '•')} {VERDICT_LABELS.get(verdict, verdict)}"


def format_moment(iso: str) -> str:
    """'2026-02-10T14:03:00' → '10 Feb 2026, 14:03'."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    return f"{format_day(moment.date())}, {moment:%H:%M}"


#: Space above each situation after the first in "What changed" (px).
SPACE_BETWEEN_ITEMS = 16


def _sized_to(dialog: QDialog, parent: QWidget | None, width: int, height: int) -> None:
    """Open at a comfortable size that still fits the screen and the window (1024×600 in a car)."""
    fit_to_screen(dialog, width, height, within=parent, least=(480, 360))


def scrolling(content: QWidget, object_name: str, accessible_name: str,
              area: type[VScrollArea] = VScrollArea) -> VScrollArea:
    """A vertical scroll area (``area``) whose content is exactly as tall as its wrapped text needs.

    Wrapped labels ask for their (tall, narrow) size hint as a minimum, which would leave a screen of blank
    space below the last line; letting them shrink makes the height follow the width instead."""
    for label in content.findChildren(QLabel):
        if label.wordWrap():
            policy = label.sizePolicy()
            policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)
            policy.setHeightForWidth(True)
            label.setSizePolicy(policy)
    return area(content, object_name, accessible_name)


def _button(text: str, object_name: str, accessible: str = "", primary: bool = False) -> QPushButton:
    button = named(Button(text), object_name, accessible or text.rstrip("…"))  # Enter presses the focused one
    if primary:
        button.setProperty("kind", "primary")
    button.setAutoDefault(False)
    return button


# --- the diff, grouped and in words ----------------------------------------------------------------------


def outcome_lines(change: OutcomeChange) -> tuple[str, str]:
    """(how the answer's verdict changed, the citations that changed), in words."""
    if change.change == ADDED:
        verdict = f"New answer: {verdict_words(change.new_verdict)}"
    elif change.change == REMOVED:
        verdict = f"Answer removed (was {verdict_words(change.old_verdict)})"
    elif change.verdict_changed:
        verdict = f"{verdict_words(change.old_verdict)}  →  {verdict_words(change.new_verdict)}"
    else:
        verdict = f"Still {verdict_words(change.new_verdict)}; its citations changed"
    cites = []
    if change.cites_added and change.change == CHANGED:
        cites.append("Now cites " + "; ".join(change.cites_added) + ".")
    if change.cites_removed and change.change == CHANGED:
        cites.append("No longer cites " + "; ".join(change.cites_removed) + ".")
    return verdict, " ".join(cites)


class HeadlineLookup:
    """The words officers read in the packs of a change, the pack the change brought in first: an answer's
    headline by scenario and node id (called), from the first pack that has it; an amended provision's words
    (:meth:`summary`) from that first pack alone, as it reads them (another version's words are not what the rule
    "now reads"). A first pack of None is a version this computer keeps no more: :attr:`words_kept` is False."""

    def __init__(self, *packs: Pack | None) -> None:
        self.brought_in = packs[0] if packs else None
        self.words_kept = not packs or packs[0] is not None
        self.packs = [pack for pack in packs if pack is not None]

    def __call__(self, scenario_id: str, node_id: str) -> str | None:
        for pack in self.packs:
            scenario = pack.scenario(scenario_id)
            headline = getattr(scenario.node(node_id) if scenario is not None else None, "headline", None)
            if headline:
                return str(headline)
        return None

    def summary(self, item: ItemChange) -> str | None:
        """An amended provision's words as the pack the change brought in reads them (None: not amended, or
        that pack is not at hand)."""
        return amended_words(item, self.brought_in) if self.brought_in is not None else None

    def summary_checked(self, item: ItemChange) -> tuple[str, bool] | None:
        """:meth:`summary` and whether a signed pack at hand says those words (False: recorded, not checked)."""
        summary = self.summary(item)
        return (summary, True) if summary else None


class RecordedHeadlines(HeadlineLookup):
    """A HeadlineLookup over the words a history entry wrote down when its change came in (BroughtInWords): the
    version it brought in need not be read, nor still be kept."""

    def __init__(self, words: BroughtInWords) -> None:
        super().__init__()
        self.words = words

    def __call__(self, scenario_id: str, node_id: str) -> str | None:
        return self.words.headline(scenario_id, node_id)

    def summary(self, item: ItemChange) -> str | None:
        return self.words.rules.get(item.id) if item.summary_changed else None


class CheckedHeadlines(HeadlineLookup):
    """The words a history entry wrote down (BroughtInWords), checked against the signed pack it brought in
    (``brought_in``, read and verified; None: kept no more, or its signature does not hold) and the data in use:
    checked_headline and checked_rule_words, as `encounter-guide history` checks them. A tampered history.json
    cannot put words no signed pack says on screen unmarked (NOT_CHECKED)."""

    def __init__(self, words: BroughtInWords, brought_in: Pack | None, in_use: Pack | None) -> None:
        super().__init__(brought_in)
        self.words, self.in_use = words, in_use

    def __call__(self, scenario_id: str, node_id: str) -> str | None:
        return checked_headline(self.words, self.brought_in, self.in_use, scenario_id, node_id)

    def summary_checked(self, item: ItemChange) -> tuple[str, bool] | None:
        return rule_words_checked(item, self.words, self.brought_in, self.in_use)

    def summary(self, item: ItemChange) -> str | None:
        checked = self.summary_checked(item)
        return None if checked is None else checked[0] + ("" if checked[1] else NOT_CHECKED)


def count_words(diff: PackDiff) -> str:
    """'2 answers changed · 1 rule changed, 1 new' — the size of an update at a glance."""
    parts = []
    if diff.outcomes:
        n = len(diff.outcomes)
        parts.append(f"{n} answer{'s' if n != 1 else ''} changed")
    counts = diff.counts()
    for name, title in SECTIONS:
        c = counts[name]
        words = [f"{c[kind]} {CHANGE_WORDS[kind].lower()}" for kind in (CHANGED, ADDED, REMOVED) if c[kind]]
        if words:
            parts.append(f"{title}: " + ", ".join(words))
    return " · ".join(parts) if parts else "No rule, situation or answer changed."


class DiffView(QWidget):
    """One PackDiff: the answers that changed first (grouped by situation), then rules, situations, search
    words and glossary (grouped by new / changed / removed). ``lines`` keeps the words shown, in order."""

    def __init__(self, diff: PackDiff | None, object_name: str = "diffView", headlines: HeadlineLookup | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, object_name, "What changed")
        self.diff = diff
        self._headlines = headlines or HeadlineLookup()
        self.lines: list[str] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        if diff is None:
            self._label("There was no data to compare with.", "muted", "diffNothing")
            return
        self._label(count_words(diff), "summary", "diffCounts")
        if diff.outcomes:
            self._heading(f"Answers that changed ({len(diff.outcomes)})", "answersHeading")
            by_scenario: dict[str, list[OutcomeChange]] = {}
            for change in diff.outcomes:
                by_scenario.setdefault(change.scenario_id, []).append(change)
            for number, changes in enumerate(by_scenario.values()):
                first = changes[0]
                # air above each situation after the first, so it does not read as part of the one before
                self._label(f"{first.scenario_title} ({first.scenario_id})", "scenarioTitle", "diffScenario",
                            space_above=SPACE_BETWEEN_ITEMS if number else 0)
                for change in changes:
                    verdict, cites = outcome_lines(change)
                    answer = self._headlines(change.scenario_id, change.node_id) or f"Answer {change.node_id}"
                    self._verdict_row(change, f"{verdict} — {answer}")
                    self._label(answer, "", "diffAnswer", indent=True, record=False)
                    if cites:
                        self._label(cites, "muted", "diffCitations", indent=True)
        for name, title in SECTIONS:
            items: tuple[ItemChange, ...] = getattr(diff, name)
            if not items:
                continue
            self._heading(f"{title} ({len(items)})", f"{name}Heading")
            for kind in (CHANGED, ADDED, REMOVED):
                for item in (i for i in items if i.change == kind):
                    self._label(f"{CHANGE_WORDS[kind]}: {item.name}", "scenarioTitle", "diffItem", space_above=6)
                    if item.details():
                        self._label("What changed: " + item.details(), "muted", "diffItemDetails", indent=True)
                    self._new_summary(name, item)
        other = [f for f in diff.meta if f.field not in ("data_version", "as_of")]
        if other:
            self._heading("Pack details", "metaHeading")
            self._label(", ".join(str(f) for f in other), "muted", "diffMeta")

    def _new_summary(self, section: str, item: ItemChange) -> None:
        """Under a provision whose summary changed, its words as the version this change brought in reads them:
        "What changed: summary" alone sent the officer who had to acknowledge an amended rule looking for it.
        Where that version is kept no more, it says so: today's words under a past update misled."""
        if not item.summary_changed:
            return
        checked = self._headlines.summary_checked(item)
        if checked:  # a mark after a rule's words (600 characters: 15 lines at the largest text) fell out of view
            self._label(f"Now reads: {checked[0]}" if checked[1] else f"Now reads{NOT_CHECKED}: {checked[0]}", "",
                        "diffNewSummary", indent=True)
        elif not self._headlines.words_kept and self.diff is not None:
            self._label(f"Its words in data version {self.diff.new_version} are no longer kept on this computer.",
                        "muted", "diffSummaryNotKept", indent=True)

    def _heading(self, text: str, object_name: str) -> None:
        self._layout.addWidget(Heading(text, object_name=object_name))
        self.lines.append(text)

    def _label(self, text: str, role: str, object_name: str, indent: bool = False, record: bool = True,
               space_above: int = 0) -> WrapLabel:
        label = WrapLabel(text, role=role, object_name=object_name)
        label.setAccessibleName(text)
        label.set_selectable()
        if indent or space_above:
            label.setContentsMargins(24 if indent else 0, space_above, 0, 0)
        self._layout.addWidget(label)
        if record:
            self.lines.append(text)
        return label

    def _verdict_row(self, change: OutcomeChange, text: str) -> None:
        """The verdict change as words in pills (✖ NOT PERMITTED → ☎ CALL SUPERVISOR); ``text`` says it all, for
        the copied text. A screen reader hears the pills and the answer under them: the row has no name of its
        own, which said them all again, and its glyphs by their names."""
        row = QWidget()
        row.setObjectName("diffVerdictRow")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(24, 8, 0, 0)  # a little air above each answer: it starts a new item
        layout.setSpacing(8)
        items: list[QWidget] = []
        if change.change == ADDED:
            items += [WrapLabel("New answer:", object_name="verdictNote"),
                      Badge(verdict_words(change.new_verdict), "verdict", "newVerdictBadge")]
        elif change.change == REMOVED:
            items += [WrapLabel("Answer removed, was", object_name="verdictNote"),
                      Badge(verdict_words(change.old_verdict), "verdict", "oldVerdictBadge")]
        elif change.verdict_changed:
            arrow = WrapLabel("→", object_name="verdictArrow")
            arrow.setAccessibleName("changed to")
            items += [Badge(verdict_words(change.old_verdict), "verdict", "oldVerdictBadge"), arrow,
                      Badge(verdict_words(change.new_verdict), "verdict", "newVerdictBadge")]
        else:
            items += [Badge(verdict_words(change.new_verdict), "verdict", "sameVerdictBadge"),
                      WrapLabel("same answer; its citations changed", role="muted", object_name="verdictNote")]
        for item in items:
            layout.addWidget(item, 1 if isinstance(item, WrapLabel) and item.objectName() == "verdictNote" else 0,
                             Qt.AlignmentFlag.AlignVCenter)
        layout.addStretch(1)
        self._layout.addWidget(row)
        self.lines.append(text)

    def text(self) -> str:
        return "\n".join(self.lines)


# --- confirming an install or a revert ---------------------------------------------------------------------


class WhatChangedDialog(QDialog):
    """Show what installing (or going back) would change, before it happens. Accepted means go ahead."""

    def __init__(self, title: str, heading: str, facts: Sequence[str], warnings: Sequence[str],
                 diff: PackDiff | None, confirm_text: str, parent: QWidget | None = None,
                 headlines: HeadlineLookup | None = None) -> None:
        super().__init__(parent)
        named(self, "whatChangedDialog", title)
        self.setWindowTitle(title)
        self.setModal(True)
        _sized_to(self, parent, 820, 640)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        content = QWidget()
        content.setObjectName("whatChangedContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.setSpacing(10)
        self.heading = WrapLabel(heading, role="h1", object_name="whatChangedHeading")
        layout.addWidget(self.heading)
        self.facts = [WrapLabel(f, role="muted", object_name="whatChangedFact") for f in facts]
        for label in self.facts:
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        self.warnings = [Banner("caution", w, "whatChangedWarning") for w in warnings]
        for banner in self.warnings:
            layout.addWidget(banner)
        self.diff_view = DiffView(diff, headlines=headlines)
        layout.addWidget(self.diff_view)
        layout.addStretch(1)
        self.scroll = scrolling(content, "whatChangedScroll", "What changed")
        self.scroll.read_by_keys()  # what an update changes runs past the box at the largest text
        outer.addWidget(self.scroll, 1)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(24, 10, 24, 16)
        buttons.setSpacing(12)
        buttons.addStretch(1)
        self.cancel_button = _button("Cancel", "whatChangedCancelButton", "Cancel: change nothing")
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        self.confirm_button = _button(confirm_text, "whatChangedConfirmButton", confirm_text, primary=True)
        self.confirm_button.clicked.connect(self.accept)
        buttons.addWidget(self.confirm_button)
        outer.addLayout(buttons)
        self.cancel_button.setFocus()

    @classmethod
    def for_install(cls, plan: InstallPlan, parent: QWidget | None = None) -> WhatChangedDialog:
        meta = plan.loaded.pack.meta
        facts = [f"From {as_seen(plan.source.name)}: {meta.title}, as of {format_day(meta.as_of)}, "
                 f"signed by {plan.key.name or 'a trusted publisher'} (key {plan.key.key_id})."]
        if plan.old_version is not None:
            facts.append(f"In use now: data version {plan.old_version}.")
        # the file's name is in a warning too ("x.json is data version 4, the very pack already in use; installing
        # it anyway…"): escaped once, as the refusal shows it, or its line feed broke the line and an override
        # turned the words after it around
        return cls("Install data update", f"Install data version {plan.new_version}?", facts,
                   [as_seen(w) for w in plan.warnings], plan.diff, f"Install version {plan.new_version}", parent,
                   HeadlineLookup(plan.loaded.pack, plan.active.pack if plan.active else None))

    @classmethod
    def for_revert(cls, plan: RevertPlan, parent: QWidget | None = None) -> WhatChangedDialog:
        meta = plan.target.pack.meta
        where = "the data built into the app" if plan.target_origin == "bundled" else "the previous data"
        facts = [f"Go back to {where}: {meta.title}, as of {format_day(meta.as_of)}."]
        if plan.active is not None:
            facts.append(f"In use now: data version {plan.active.pack.meta.data_version}. It is kept: going "
                         "back again returns to it.")
        return cls("Revert to previous data", f"Go back to data version {meta.data_version}?", facts,
                   list(plan.warnings), plan.diff, f"Go back to version {meta.data_version}", parent,
                   HeadlineLookup(plan.target.pack, plan.active.pack if plan.active else None))


# --- why an update was refused ---------------------------------------------------------------------------

_SIGNATURE_WORDS = {
    "missing": ("It has no signature.",
                "The signature file ({name}.sig) must be next to the update. Without it the app cannot tell "
                "whether the data came from the Department. Ask IT for both files."),
    "tampered": ("It was changed after it was signed.",
                 "The file may be damaged or altered. Do not use it: ask IT for a fresh copy."),
    "unknown_key": ("It is not signed by a publisher this app trusts.",
                    "Only updates signed by the Department's publishing key are installed. Ask IT."),
    "invalid": ("Its signature cannot be read.",
                "The signature file is damaged or is not a signature. Ask IT for a fresh copy."),
}
#: a signature file that is there but is a link to nothing (InstallRefused.signature_link): "It has no signature…
#: must be next to the update" was not true of the file the supervisor sees next to it
_LINK_TO_NOTHING_WORDS = ("Its signature file points to nothing.",
                          "The signature file ({name}.sig) is a link to a file that is not there. Without the "
                          "signature the app cannot tell whether the data came from the Department. Ask IT for "
                          "both files, as files, not links.")

#: going back to a kept copy whose signature fails: the update's words named "The previous data.sig" and asked for a
#: file to put next to an update the supervisor never chose
_KEPT_COPY_UNTRUSTED = ("The copy of the previous data kept on this computer failed its signature check, so "
                        "the app will not use it. To go back, install that update again.")


#: going back to a kept copy that cannot be read as a pack: an update's words asked the publisher of an update
_KEPT_COPY_UNREADABLE = ("The data kept on this computer to go back to cannot be read as a data pack, so the app "
                         "will not use it. The problems found are listed below; tell IT.")


#: going back, the data checked again before anything is written, and changed since the supervisor read what going
#: back changes (the kept copy swapped, or the data in use): "The data in use changed meanwhile." under "The data in
#: use was not changed." read as a contradiction, and it may have been the kept copy that changed
_CHANGED_WHILE_READING = ("Something changed while you were reading.",
                          "Going back was stopped before anything was written. Choose Revert again to see what going "
                          "back changes now.")

#: an install or a revert that could not write the data folder
_FOLDER_NOT_WRITTEN = "The data folder cannot be written: the disk may be full or the folder read-only."


def as_seen(text: str) -> str:
    """Words naming files as the refusal shows them: undecodable bytes as the replacement character (shown_text), on
    one line and in the order written (name_as_seen)."""
    return name_as_seen(shown_text(text))


def _going_back_words(reason: str, headline: str) -> tuple[str, str] | None:
    """For a refused revert, (headline, explanation) where an update's words would not be true of going back: None
    where they are."""
    return {
        lib.SIGNATURE: (headline, _KEPT_COPY_UNTRUSTED),  # an update's: "({name}.sig) must be next to…"
        lib.INVALID: (headline, _KEPT_COPY_UNREADABLE),  # "Nothing was installed… whoever published the update"
        WRITE_FAILED: (headline, f"{_FOLDER_NOT_WRITTEN} Tell IT."),  # the line above says nothing changed
        lib.STALE: _CHANGED_WHILE_READING,
    }.get(reason)


def refusal_words(exc: InstallRefused, name: str, going_back: bool = False) -> tuple[str, str]:
    """(headline, plain explanation) for a refused update or, ``going_back``, revert."""
    if going_back:
        words = _going_back_words(exc.reason, refusal_words(exc, name)[0])
        if words is not None:
            return words
    if exc.reason == lib.SIGNATURE:
        head, body = (_LINK_TO_NOTHING_WORDS if exc.signature_link is not None else
                      _SIGNATURE_WORDS.get(exc.signature_reason or "invalid", _SIGNATURE_WORDS["invalid"]))
        return head, body.format(name=name)
    if exc.reason == lib.INVALID:
        return ("It is not a valid data pack.",
                "Nothing was installed. The first problems found are listed below; send them to whoever "
                "published the update.")
    if exc.reason == lib.NOT_NEWER:
        return ("It is not newer than the data in use.",
                "Installing older data is only for going back after a mistake. If your supervisor asked you "
                "to, choose Install anyway; otherwise close this.")
    if exc.reason == lib.SCHEMA_TOO_NEW:
        return ("It needs a newer version of the app.",
                "This update uses a data format this version of Encounter Guide does not know. Ask IT to "
                "update the app first, then install the data again.")
    if exc.reason == lib.STALE:
        return ("The data in use changed meanwhile.", "Nothing was changed. Try again.")
    if exc.reason == WRITE_FAILED:
        return ("It could not be written.", f"{_FOLDER_NOT_WRITTEN} The data in use was not changed. Tell IT.")
    if exc.reason == lib.NOTHING_TO_REVERT:
        return ("There is nothing to go back to.", "No update has been installed on this computer.")
    return ("The file could not be read.", "Check that the file is complete and not still being copied.")


class RefusedDialog(QDialog):
    """An update that will not be installed, and why, in plain words. For a pack that is not newer, the
    person may choose "Install anyway" (the dialog is then accepted)."""

    def __init__(self, exc: InstallRefused, name: str, allow_force: bool = False, title: str = "Update not installed",
                 parent: QWidget | None = None, going_back: bool = False) -> None:
        super().__init__(parent)
        named(self, "refusedDialog", title)
        self.setWindowTitle(title)
        self.setModal(True)
        self.reason = exc.reason
        # the file's name and the words naming it (a .sig, where a link to nothing points) each on their line and in
        # their order: a name holding a line feed put a line of its choosing ("Signature OK…") under them, and a
        # right-to-left override turned the words after it around
        name = as_seen(name)
        _sized_to(self, parent, 760, 600)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        content.setObjectName("refusedContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.setSpacing(10)
        headline, explanation = refusal_words(exc, name, going_back)
        # going back installs nothing: "The previous data was not installed" read as if an update had been refused
        first = ("Nothing to go back to" if exc.reason == lib.NOTHING_TO_REVERT else
                 "The data in use was not changed." if going_back else f"{name} was not installed")
        layout.addWidget(WrapLabel(first, role="muted", object_name="refusedFile"))
        self.headline = WrapLabel(headline, role="h1", object_name="refusedHeadline")
        self.headline.setAccessibleName(headline)
        layout.addWidget(self.headline)
        self.explanation = WrapLabel(explanation, role="summary", object_name="refusedExplanation")
        layout.addWidget(self.explanation)
        self.problem_lines = [as_seen(p.text()) for p in exc.problems[:MAX_PROBLEMS_SHOWN]] if exc.reason == lib.INVALID else []
        if self.problem_lines:
            more = len(exc.problems) - len(self.problem_lines)
            layout.addWidget(Heading("Problems found" + (f" (first {len(self.problem_lines)} of "
                                                         f"{len(exc.problems)})" if more else ""),
                                     object_name="refusedProblemsHeading"))
            for line in self.problem_lines:
                label = WrapLabel("•  " + line, object_name="refusedProblem")
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                layout.addWidget(label)
        # the problems listed say it all: the message under them repeated the first word for word (and pushed Close's
        # row off a 1024 x 600 screen at the largest text)
        self.detail = WrapLabel("" if self.problem_lines else as_seen(exc.message), role="muted",
                                object_name="refusedDetail")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setVisible(not self.problem_lines)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        # a Tab stop (read_by_keys): a screen reader hears this name on reaching the words
        reasons = scrolling(content, "refusedScroll", "Why the app cannot go back" if going_back
                            else "Why the update was not installed")
        reasons.read_by_keys()  # seven problems run past the box at the largest text
        outer.addWidget(reasons, 1)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(24, 10, 24, 16)
        buttons.setSpacing(12)
        buttons.addStretch(1)
        self.force_button: QPushButton | None = None
        if allow_force and exc.reason == lib.NOT_NEWER:
            self.force_button = _button("Install anyway", "installAnywayButton", "Install anyway")
            self.force_button.clicked.connect(self.accept)
            buttons.addWidget(self.force_button)
        self.close_button = _button("Close", "refusedCloseButton", "Close", primary=True)
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        outer.addLayout(buttons)
        self.close_button.setFocus()
        needed = layout.totalHeightForWidth(self.width() - 20) + buttons.sizeHint().height() + 8
        self.resize(self.width(), max(240, min(self.height(), needed)))  # no screen of blank space

    def text(self) -> str:
        return "\n".join(line for line in [self.headline.text(), self.explanation.text(), *self.problem_lines,
                                            self.detail.text()] if line)


# --- what's new on this computer, and the receipt ---------------------------------------------------------


def ask_print(parent: QWidget, printer: object) -> bool:
    """The system print dialog (a seam tests replace: never leave a modal open in tests)."""
    dialog = QPrintDialog(printer, parent)  # type: ignore[arg-type]
    dialog.setObjectName("printDialog")
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def ask_receipt_path(parent: QWidget, suggested: str) -> tuple[str, str]:
    """Where to save the receipt, and the chosen filter ('' when cancelled). Tests replace this."""
    return save_file_name(parent, "Save receipt", suggested, RECEIPT_FILTERS)


#: a receipt's line whose value is a fingerprint, hex digits in groups ("SHA-256:       0d14e22f 8d32700b …")
_FINGERPRINT = re.compile(r"[^:\n]+:\s+[0-9a-fA-F]{4,}(?: [0-9a-fA-F]{4,})*\s*")
#: where a receipt line's words start, to go on under them: after its indent, and after a label with the spaces
#: that line the values up ("Pack:          ", "    Changed: ")
_VALUE_COLUMN = re.compile(r"\s*(?:[^:\s][^:\n]{0,30}:\s+(?=\S))?")


def receipt_document(text: str, device: QPagedPaintDevice) -> QTextDocument:
    """The receipt as a printable document for ``device``'s paper: the plain text in a fixed-width font so the
    lines line up, at the handouts' size or as little smaller as its fingerprint lines (the SHA-256, 86
    characters) need to fit the paper's width whole: on A4, narrower than Letter, its last group went onto a
    line of its own under the labels, where it read as part of the next line. A line the page is too narrow
    for all the same goes on under its value (its words, for an indented line), not under the labels."""
    from desktop.ui.handout import BOOKLET_POINT_SIZES, handout_line_width, hang_wrapped_lines  # printing only

    width = handout_line_width(device)
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    fingerprints = [line for line in text.splitlines() if _FINGERPRINT.fullmatch(line)]

    def fits(size: float) -> bool:
        font.setPointSizeF(size)
        metrics = QFontMetricsF(font, device)
        return all(metrics.horizontalAdvance(line.rstrip()) <= width for line in fingerprints)

    font.setPointSizeF(next((size for size in BOOKLET_POINT_SIZES if fits(size)), BOOKLET_POINT_SIZES[-1]))
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setPlainText(text)
    hang_wrapped_lines(doc, device, _VALUE_COLUMN)
    return doc


def write_receipt(text: str, path: str) -> None:
    """Write the receipt as a PDF (for a .pdf path) or as plain UTF-8 text. Raises OSError."""
    if not path.lower().endswith(".pdf"):
        Path(path).write_text(text, encoding="utf-8")
        return
    from desktop.ui.handout import save_pages_as_pdf  # printing only

    if not save_pages_as_pdf(path, "Encounter Guide: data pack acknowledgment",
                             lambda pdf: receipt_document(text, pdf)):
        raise OSError(f"the PDF could not be written to {path}")


def _shows_words(entry: HistoryEntry) -> bool:
    """Whether an entry's diff shows words of the version it brought in (an amended rule, a changed answer)."""
    return entry.diff is not None and bool(
        entry.diff.outcomes or any(item.summary_changed for item in entry.diff.provisions))


class _Reading(QWidget):
    """An entry's place while the version it brought in is read: "Reading what data version N says…" at the top of
    the room its words will take, so that nothing under it moves when they arrive. The room is measured on ``stand_in``,
    the same changes in the words at hand (today's), never shown: the words that arrive differ only in wording."""

    def __init__(self, entry: HistoryEntry, stand_in: DiffView) -> None:
        super().__init__()
        self.setObjectName("whatsNewReadingSpace")
        # no layout: a layout's own height for a width would be asked instead of this widget's (Qt's QWidgetItem)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.label = WrapLabel(f"Reading what data version {entry.to_version} says…", role="muted",
                               object_name="whatsNewReading", parent=self)
        self._stand_in = stand_in
        self._heights: dict[int, int] = {}
        stand_in.setParent(self)  # styled as the words will be (the window's text size and theme), never shown
        stand_in.hide()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        # remembered for each width (layouts ask again and again, and the stand-in's answer is its whole layout's)
        # until the text size or theme changes
        height = self._heights.get(width)
        if height is None:
            self._stand_in.ensurePolished()
            height = self._heights[width] = max(self.label.heightForWidth(width), self._stand_in.heightForWidth(width))
        return height

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._heights.clear()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = self.label.sizeHint()
        return QSize(hint.width(), self.heightForWidth(hint.width()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(self.label.minimumSizeHint().width(), 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        width = event.size().width()
        self.label.setGeometry(0, 0, width, self.label.heightForWidth(width))
        super().resizeEvent(event)


class WhatsNewDialog(QDialog):
    """The installs and reverts since this computer last showed the data (newest first), and a receipt
    to print or save and sign by hand. Non-modal: the officer can keep it open beside the app."""

    #: every past version whose words the dialog shows has been read (or found no longer kept), and shown
    words_read = Signal()

    def __init__(self, entries: Sequence[HistoryEntry], loaded: LoadedPack | None, origin_words: str = "",
                 today: dt.date | None = None, parent: QWidget | None = None,
                 history: Sequence[HistoryEntry] = (),
                 kept_pack: Callable[[HistoryEntry], LoadedPack | None] | None = None) -> None:
        """Each entry shows the words of its own version, not today's: those it wrote down when it came in
        (HistoryEntry.words), at once; for an entry an earlier app recorded without them, ``kept_pack`` finds the pack
        it brought in, while this computer keeps it (PackLibrary.pack_brought_in). Those packs are
        read in a background thread (a pack is read and checked: some 20-80 ms each, up to five kept) once the window's
        first frame is drawn, so the window opens at once; an entry says it is reading until its words arrive
        (``words_read`` when all have)."""
        super().__init__(parent)
        named(self, "whatsNewDialog", "What's new")
        self.setWindowTitle("What's new in the data")
        self.entries = list(entries)
        self.history = tuple(history)  # every install and revert on this machine, for the receipt
        self.loaded = loaded
        self.today = today or dt.date.today()
        _sized_to(self, parent, 820, 640)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        content = QWidget()
        content.setObjectName("whatsNewContent")
        layout = self._layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.setSpacing(10)
        layout.addWidget(WrapLabel("What's new", role="h1", object_name="whatsNewHeading"))
        if loaded is not None:
            meta = loaded.pack.meta
            now = (f"In use: data version {meta.data_version}, as of {format_day(meta.as_of)}"
                   + (f" ({origin_words})" if origin_words else "") + ".")
        else:
            now = "No data pack is loaded."
        layout.addWidget(WrapLabel(now, role="summary", object_name="whatsNewCurrent"))
        if not self.entries:
            layout.addWidget(WrapLabel("No update has been installed on this computer since it last showed "
                                       "this data.", role="muted", object_name="whatsNewNothing"))
        # each entry's words from the version it brought in: read once a version, and only for an entry whose
        # diff has words to show
        in_use: dict[str, Pack] = {loaded.sha256: loaded.pack} if loaded is not None else {}
        self._shown: list[tuple[HistoryEntry, QWidget]] = []  # newest first: its DiffView, or "Reading…" meanwhile
        self._unchecked: set[int] = set()  # places in _shown of recorded words shown until their pack is read
        to_read: dict[str, HistoryEntry] = {}
        for entry in reversed(self.entries):
            shown: QWidget
            title = WrapLabel(self.entry_title(entry), role="citation", object_name="whatsNewEntry")
            title.setAccessibleName(title.text())
            layout.addWidget(title)
            if entry.words is not None and entry.to_sha256 not in in_use:
                # written down when it came in: shown at once, in its own room (nothing moves under it while the
                # signed pack agrees); history.json is not signed, so the words are then checked against that pack
                if kept_pack is not None and _shows_words(entry):
                    to_read.setdefault(entry.to_sha256, entry)
                    self._unchecked.add(len(self._shown))
                    shown = DiffView(entry.diff, "whatsNewDiff", RecordedHeadlines(entry.words))
                else:  # nothing to check them against: marked
                    shown = self._checked_view(entry, None)
            elif kept_pack is not None and entry.to_sha256 not in in_use and _shows_words(entry):
                to_read.setdefault(entry.to_sha256, entry)
                shown = _Reading(entry, self._diff_view(entry, loaded.pack if loaded is not None else None))
            else:
                shown = self._diff_view(entry, in_use.get(entry.to_sha256))
            layout.addWidget(shown)
            self._shown.append((entry, shown))
        #: whether past versions are still being read (their entries say "Reading…", or show their recorded words
        #: until they are checked)
        self.reading = bool(to_read)
        self._pending = set(to_read)  # the SHA-256 of each version still to be read
        self._reading_job: BackgroundJob | None = None
        note = WrapLabel("A receipt shows this data version, its date and its fingerprint (SHA-256), with blank "
                         "lines for your name, star number and signature, written by hand. The app does not ask "
                         "for your name or keep it, and sends nothing anywhere.", role="muted",
                         object_name="receiptNote")
        layout.addWidget(note)
        layout.addStretch(1)
        self.scroll = scrolling(content, "whatsNewScroll", "What changed")
        self.scroll.read_by_keys()  # what an update changes runs past the box at the largest text
        outer.addWidget(self.scroll, 1)

        self.status = WrapLabel("", role="muted", object_name="receiptStatus")
        self.status.setContentsMargins(24, 6, 24, 0)
        self.status.hide()
        outer.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(24, 10, 24, 16)
        buttons.setSpacing(12)
        self.print_button = _button("Print receipt…", "printReceiptButton", "Print receipt")
        self.print_button.clicked.connect(self.print_receipt)
        self.print_button.setVisible(HAVE_PRINTING)
        buttons.addWidget(self.print_button)
        self.save_button = _button("Save receipt…", "saveReceiptButton", "Save receipt")
        self.save_button.clicked.connect(self.save_receipt)
        buttons.addWidget(self.save_button)
        for button in (self.print_button, self.save_button):
            button.setEnabled(loaded is not None)
        buttons.addStretch(1)
        self.close_button = _button("Close", "whatsNewCloseButton", "Close", primary=True)
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.close_button)
        outer.addLayout(buttons)
        self.close_button.setFocus()
        #: the versions to read, until the reading starts: after the window's first frame, so that the reading
        #: thread does not hold up the window's own work on the way to it (it made opening twice as slow)
        self._to_read = list(to_read.values()) if kept_pack is not None else []
        self._kept_pack = kept_pack
        if self._to_read:
            QTimer.singleShot(0, self, self._start_reading_unless_showing)

    def _diff_view(self, entry: HistoryEntry, brought_in: Pack | None) -> DiffView:
        return DiffView(entry.diff, "whatsNewDiff",
                        HeadlineLookup(brought_in, self.loaded.pack if self.loaded else None))

    def _checked_view(self, entry: HistoryEntry, brought_in: Pack | None) -> DiffView:
        """``entry``'s recorded words checked against the signed pack it brought in (None: not at hand)."""
        assert entry.words is not None
        return DiffView(entry.diff, "whatsNewDiff",
                        CheckedHeadlines(entry.words, brought_in, self.loaded.pack if self.loaded else None))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        if self._to_read:  # the first frame is being drawn: read once it is on screen
            QTimer.singleShot(0, self, self._start_reading)

    def _start_reading_unless_showing(self) -> None:
        """A window not shown (yet) reads at once; one being shown waits for its first frame (paintEvent)."""
        if not self.isVisible():
            self._start_reading()

    def _start_reading(self) -> None:
        if self._to_read and self._kept_pack is not None:
            wanted, self._to_read = self._to_read, []
            self._read_in_background(wanted, self._kept_pack)

    def _read_in_background(self, wanted: list[HistoryEntry], kept_pack: Callable[[HistoryEntry], LoadedPack | None]
                            ) -> None:
        """Read the versions ``wanted`` brought in, newest first, in a thread; each arrives in _show_version. Closing
        the dialog stops the reading after the version in hand; a dialog deleted meanwhile is never called."""
        def read(entry: HistoryEntry) -> tuple[str, Pack | None]:
            with short_switch_interval():  # it checks packs: Python work that would hold up the window's paints
                kept = kept_pack(entry)
            return entry.to_sha256, kept.pack if kept is not None else None

        self._reading_job = run_in_background(
            self, "whats-new-versions", wanted, read, self._show_version,
            failed="reading a past data version for What's new failed", fallback=lambda entry: (entry.to_sha256, None))

    def _show_version(self, result: tuple[str, Pack | None]) -> None:
        """A past version has been read: the entries that brought it in show what changed, in its words."""
        sha, pack = result
        for n, (entry, shown) in enumerate(self._shown):
            if entry.to_sha256 != sha:
                continue
            if n in self._unchecked:  # recorded words: replaced where the signed pack's differ, or marked
                self._unchecked.discard(n)
                view = self._checked_view(entry, pack)
                if isinstance(shown, DiffView) and view.lines == shown.lines:
                    view.deleteLater()  # the signed pack says what was recorded: nothing moves
                    continue
                message = (f"What changed in data version {entry.to_version} is shown as its signed data reads it."
                           if pack is not None else f"Words of data version {entry.to_version} could not be "
                           "checked against its signed data: they are marked as recorded, not checked.")
            elif not isinstance(shown, DiffView):
                view = self._diff_view(entry, pack)
                message = f"What changed in data version {entry.to_version} is shown."
            else:
                continue
            self._layout.replaceWidget(shown, view)
            shown.hide()
            shown.setParent(None)  # out of the dialog now (findChildren), deleted once back in the event loop
            shown.deleteLater()
            self._shown[n] = (entry, view)
            announce(view, message)
        self._pending.discard(sha)
        if self.reading and not self._pending:
            self.reading = False
            self.words_read.emit()

    def done(self, result: int) -> None:
        self._to_read = []  # closed before its first frame: nothing to read
        if self._reading_job is not None:
            self._reading_job.cancel()  # closed: the versions not yet read are not needed
        super().done(result)

    @property
    def views(self) -> list[DiffView]:
        """What changed in each entry, newest first (an entry still being read has none yet)."""
        return [shown for _, shown in self._shown if isinstance(shown, DiffView)]

    @staticmethod
    def entry_title(entry: HistoryEntry) -> str:
        when = format_moment(entry.at)
        if entry.action == REVERT:
            return f"Went back to data version {entry.to_version} on {when}"
        source = f" from {entry.source_name}" if entry.source_name else ""
        return f"Data version {entry.to_version} installed on {when}{source}"

    def text(self) -> str:
        return "\n".join(view.text() for view in self.views)

    def receipt_text(self) -> str:
        """acknowledgment_receipt for the data in use, with what changed when it came in: the same receipt
        as the supervisors' `receipt` command prints."""
        assert self.loaded is not None
        return lib.acknowledgment_receipt(self.loaded, self.today, self.history)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    def save_receipt(self) -> str | None:
        if self.loaded is None:
            return None
        version = self.loaded.pack.meta.data_version
        suggested = str(Path.home() / f"encounter-guide-receipt-v{version}.pdf")
        path, chosen = ask_receipt_path(self, suggested)
        if not path:
            return None
        if not Path(path).suffix:
            path += ".txt" if "txt" in chosen else ".pdf"
        try:
            write_receipt(self.receipt_text(), path)
        except OSError as exc:
            self._say(f"The receipt could not be saved: {exc.strerror or exc}. Choose another folder.")
            return None
        self._say(f"Receipt saved as {path}. Print it, sign it by hand and hand it in.")
        return path

    def print_receipt(self) -> bool:
        if self.loaded is None or not HAVE_PRINTING:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if not ask_print(self, printer):
            return False
        from desktop.ui.handout import print_on_pages

        if not print_on_pages(receipt_document(self.receipt_text(), printer), printer):
            self._say("Could not print the receipt. Check the printer and try again.")
            return False
        self._say("The receipt was sent to the printer.")
        return True
