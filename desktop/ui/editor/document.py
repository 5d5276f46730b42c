"""The pack being edited: working tables + undo (desktop.domain.editing), its file, and live validation.

Validation runs the one validator on a copy of the current tables, 300 ms after the last edit, in a
worker thread: a draft with schema errors takes the validator about a second to explain on the full
pack, and typing must never stall for that."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.domain import editing
from desktop.domain.codec import Tables
from desktop.domain.validation import Report, validate_tables
from desktop.storage.pack_file import load_schema, write_tables_atomic
from desktop.storage.publish import is_protected, read_tables

DEBOUNCE_MS = 300
APPLIED, UNDONE, REDONE, LOADED = "applied", "undone", "redone", "loaded"
POLL_MS = 20


class EditorDocument(QObject):
    """Working tables with undo/redo, the file they came from, and the latest validation report.

    ``path`` is where Save writes; ``protected`` means Save must ask for a new file (Save as…). ``today``: the
    day the check runs for, as `check` is run (an as-of date later than it is warned about; None: today)."""

    changed = Signal(object, str)  # the Command (None after loading) and how: APPLIED, UNDONE, REDONE, LOADED
    validated = Signal(object)  # a Report for the current tables
    dirty_changed = Signal(bool)
    file_changed = Signal()

    def __init__(self, tables: Tables, path: Path | None = None, protected: bool = False,
                 parent: QObject | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.doc = editing.Document(tables)
        self.path = Path(path) if path is not None else None
        self.protected = protected or is_protected(self.path)
        #: table → the ids earlier versions of the pack used (storage.publish.earlier_ids), set by the window
        self.earlier_ids: dict[str, frozenset[str]] = {"provisions": frozenset(), "scenarios": frozenset()}
        self.report: Report | None = None
        self.report_revision = -1
        self._was_dirty = False
        self._executor: ThreadPoolExecutor | None = None
        self._future: Future[Report] | None = None
        self._future_revision = -1
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._start_validation)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_validation)

    @classmethod
    def open(cls, path: Path | str, parent: QObject | None = None) -> EditorDocument:
        """Read a pack file's tables (strict JSON; schema problems are shown, not refused). Raises PackError."""
        path = Path(path)
        return cls(read_tables(path), path, parent=parent)

    # -- reading ----------------------------------------------------------------------------------------

    @property
    def tables(self) -> Tables:
        return self.doc.tables

    @property
    def dirty(self) -> bool:
        return self.doc.dirty

    @property
    def display_name(self) -> str:
        if self.path is None:
            return "Untitled data pack"
        return self.path.name

    # -- editing ----------------------------------------------------------------------------------------

    def apply(self, command: editing.Command | None) -> editing.Command | None:
        recorded = self.doc.apply(command)
        if recorded is not None:
            self._after_change(recorded, APPLIED)
        return recorded

    def undo(self) -> editing.Command | None:
        command = self.doc.undo()
        if command is not None:
            self._after_change(command, UNDONE)
        return command

    def redo(self) -> editing.Command | None:
        command = self.doc.redo()
        if command is not None:
            self._after_change(command, REDONE)
        return command

    def seal(self) -> None:
        self.doc.seal()

    def _after_change(self, command: editing.Command | None, how: str) -> None:
        self.changed.emit(command, how)
        self._notify_dirty()
        self.schedule_validation()

    def _notify_dirty(self) -> None:
        if self.doc.dirty != self._was_dirty:
            self._was_dirty = self.doc.dirty
            self.dirty_changed.emit(self._was_dirty)

    # -- saving -----------------------------------------------------------------------------------------

    def save_to(self, path: Path) -> bytes:
        """Write the tables atomically to ``path`` (a draft may have problems; publishing may not)."""
        data = write_tables_atomic(self.doc.snapshot(), path)
        self.doc.mark_clean()
        if self.path != path or self.protected:
            self.path = Path(path)
            self.protected = is_protected(self.path)
            self.file_changed.emit()
        self._notify_dirty()
        return data

    # -- validation -------------------------------------------------------------------------------------

    def schedule_validation(self) -> None:
        self._debounce.start()

    def validate_now(self) -> Report:
        """Validate the current tables in this thread (before publishing) and publish the report."""
        self._debounce.stop()
        report = validate_tables(self.doc.snapshot(), load_schema(), file=self.display_name, today=self.today)
        self._set_report(report, self.doc.revision)
        return report

    @property
    def report_is_current(self) -> bool:
        return self.report is not None and self.report_revision == self.doc.revision

    def _start_validation(self) -> None:
        if self._future is not None:  # one at a time; the result will trigger another run if stale
            return
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pack-validator")
        schema = load_schema()
        self._future_revision = self.doc.revision
        self._future = self._executor.submit(validate_tables, self.doc.snapshot(), schema, self.display_name,
                                             today=self.today)
        self._poll.start()

    def _check_validation(self) -> None:
        future = self._future
        if future is None or not future.done():
            return
        self._poll.stop()
        self._future = None
        try:
            report = future.result()
        except Exception as exc:  # the validator must never take the editor down
            from desktop.domain.validation import Problem

            report = Report(self.display_name, [Problem(self.display_name, "", "", "",
                                                        f"could not be checked: {exc}")])
        if self._future_revision == self.doc.revision:
            self._set_report(report, self._future_revision)
        elif not self._debounce.isActive():
            self._start_validation()

    def _set_report(self, report: Report, revision: int) -> None:
        self.report = report
        self.report_revision = revision
        self.validated.emit(report)

    def shutdown(self) -> None:
        """Stop validating (the window is closing)."""
        self._debounce.stop()
        self._poll.stop()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        self._future = None

    def replace_tables(self, tables: Tables, path: Path | None, protected: bool = False) -> None:
        """Start over on other tables (File → Open): a fresh undo history."""
        self.doc = editing.Document(tables)
        self.path = Path(path) if path is not None else None
        self.protected = protected or is_protected(self.path)
        self.report = None
        self.report_revision = -1
        self.file_changed.emit()
        self._after_change(None, LOADED)
