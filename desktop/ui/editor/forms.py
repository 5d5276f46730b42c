"""Forms for each kind of record: pack details, a provision, a scenario, a question and an outcome.

A form shows the record at ``base`` (a path into the working tables). Every change a person makes is
applied at once as an undoable document edit; ``refresh`` puts the document's values back into the
widgets (after undo, redo or an edit elsewhere) without disturbing the field being typed in. Ids are
never typed where a record is *referred to*: targets, start nodes, citations and related provisions are
picked from lists."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import editing
from desktop.domain.editing import MISSING, Path
from desktop.domain.model import CONFIDENCES, JURISDICTIONS, NOTE_KINDS, VERDICT_LABELS, VERDICTS, join_citation
from desktop.ui.choice_box import combo_box
from desktop.ui.editor.fields import (
    FieldError,
    ListEditor,
    PartialDateEdit,
    PickerDialog,
    ReadingGrade,
    TextField,
    graded,
    line_edit,
    route_undo_keys,
    select_starter_words,
    set_line_quietly,
    small_button,
    with_note_under,
)
from desktop.ui.widgets import Stepper, ask, named

TOPICS = ("general", "danger", "paper")
TOPIC_LABELS = {"general": "General", "danger": "Danger (asked first in safety-critical flows)",
                "paper": "Paper (what document are they holding?)"}
JURISDICTION_LABELS = {j: j.capitalize() for j in JURISDICTIONS}
_CONFIDENCE_WORDS = {
    "verified": "Verified: the operative text itself was seen",
    "secondary": "Secondary: official summary or consistent reporting",
    "unverified": "Unverified: not found; from seed articles or general knowledge",
}
CONFIDENCE_LABELS = {c: _CONFIDENCE_WORDS.get(c, c.capitalize()) for c in CONFIDENCES}
NOTE_LABELS = {kind: kind.capitalize() for kind in NOTE_KINDS}
VERDICT_CHOICES = {v: f"{VERDICT_LABELS[v]} ({v})" for v in VERDICTS}
MISSING_PREFIX = "✖ missing: "
_ITEM_FIELD = re.compile(r"^(choices|cites|status_notes)\[([^\]]*)\](?:\.(\w+))?")


def fill_combo(combo: QComboBox, items: Sequence[tuple[Any, str]], current: Any) -> None:
    """Set a combo's (data, text) items and current value without emitting signals."""
    combo.blockSignals(True)
    existing = [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]
    if existing != list(items):
        combo.clear()
        for data, text in items:
            combo.addItem(text, data)
    index = next((i for i, (data, _) in enumerate(items) if data == current), -1)
    combo.setCurrentIndex(index)
    combo.blockSignals(False)


def provision_label(tables: Any, provision_id: str, pinpoint: str = "") -> str:
    key = editing.find_record(tables, "provisions", provision_id)
    if key is None:
        return f"{MISSING_PREFIX}{provision_id}{pinpoint}"
    doc = tables["provisions"][key]
    return f"{join_citation(str(doc.get('cite_as', provision_id)), pinpoint)} — {doc.get('title', '')}"


def provision_choices(tables: Any) -> list[tuple[str, str]]:
    out = []
    for _, doc in editing.records(tables, "provisions"):
        if isinstance(doc, dict):
            pid = str(doc.get("provision_id", ""))
            out.append((pid, f"{doc.get('cite_as', '')} — {doc.get('title', '')}   [{pid}]"))
    return out


def node_choices(tables: Any, scenario_key: str) -> list[tuple[str, str]]:
    """A scenario's nodes as a list offers them: (node_id, "q_paper · What paper…?" or "o_x · NOT PERMITTED: …")."""
    out = []
    for n in editing.nodes_of(tables, scenario_key):
        nid = str(n.get("node_id", ""))
        text = n.get("prompt") if n.get("type") == "question" else \
            f"{VERDICT_LABELS.get(str(n.get('verdict')), '?')}: {n.get('headline', '')}"
        out.append((nid, f"{nid} · {text}"))
    return out


def _count(n: int, word: str) -> str:
    """'1 question', '2 questions'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def section(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "formSection")
    label.setObjectName("formSection")
    label.setWordWrap(True)  # "Dates (partial dates allowed; empty when unknown)" held the form wider than the panel
    return label


class RecordForm(QWidget):
    """Common plumbing: the record's base path, bindings from widgets to fields, refresh."""

    error = Signal(str)  # an edit that was refused, in plain words (shown in the status bar)

    def __init__(self, document: Any, object_name: str, title: str) -> None:
        super().__init__()
        named(self, object_name, title)
        self.document = document
        self.base: Path | None = None
        self._refreshers: list[Callable[[], None]] = []
        self._lists: list[tuple[ListEditor, tuple[Any, ...]]] = []
        self._field_widgets: dict[str, QWidget] = {}  # field name (as the validator names it) → widget
        self.picker: PickerDialog | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 12)
        outer.setSpacing(8)
        self.heading = QLabel(title)
        self.heading.setObjectName("formHeading")
        self.heading.setProperty("role", "formHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        outer.addWidget(self.heading)
        self.outer = outer
        self.form = self.new_form()

    def new_form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(6)
        self.outer.addLayout(form)
        return form

    @property
    def tables(self) -> Any:
        return self.document.tables

    def value(self, rel: Sequence[Any], default: Any = None) -> Any:
        if self.base is None:
            return default
        v = editing.get(self.tables, (*self.base, *rel))
        return default if v is MISSING else v

    def apply(self, command: editing.Command | None) -> bool:
        try:
            self.document.apply(command)
        except editing.EditError as exc:
            self.error.emit(str(exc))
            return False
        return True

    def show_record(self, base: Path) -> None:
        if base != self.base:
            self.document.seal()
        self.base = base
        self.refresh()

    def refresh(self) -> None:
        if self.base is None:
            return
        words = self.heading_words()
        if words is not None:
            self.heading.setText(words)
        for refresher in self._refreshers:
            refresher()

    def heading_words(self) -> str | None:
        """The heading for the record shown (None: the form's title stays)."""
        return None

    def add_provision_to(self, editor: ListEditor, field: str, at: int, title: str, label: str,
                         exclude: Sequence[str] = ()) -> None:
        """Pick a provision (none already in the list, none in ``exclude``) and insert its id at ``at`` in
        the record's list ``field``: a provision's related ones, a glossary term's "see"."""
        taken = {*editor.items(), *exclude}
        items = [(pid, text) for pid, text in provision_choices(self.tables) if pid not in taken]
        base = self.base

        def chosen(pid: str) -> None:
            if base is not None and base == self.base:
                self.apply(editing.insert_item(self.tables, (*base, field), at, pid, label))
                editor.refresh(select=at)

        self.open_picker(title, items, None, chosen)

    def add_row(self, label: str, widget: QWidget, form: QFormLayout | None = None) -> QLabel:
        text = QLabel(label)
        text.setObjectName("fieldLabel")
        buddy = widget.edit if isinstance(widget, PartialDateEdit) else (widget.focusProxy() or widget)
        text.setBuddy(buddy)
        (form or self.form).addRow(text, widget)
        return text

    # -- bindings ----------------------------------------------------------------------------------------

    def bind_line(self, name: str, label: str, rel: tuple[Any, ...], nullable: bool = False,
                  placeholder: str = "", form: QFormLayout | None = None, reading: bool = False) -> QLineEdit:
        """A one-line field bound to ``rel``; ``reading``: officer-facing words, with their reading grade under."""
        edit = line_edit(name, label, placeholder)
        select_starter_words(edit)
        grade = self._add_graded_row(label, edit, name, form) if reading else None
        if grade is None:
            self.add_row(label, edit, form)

        def edited(text: str) -> None:
            value: Any = text
            if nullable and not text.strip():
                value = None
            self.apply(editing.set_value(self.tables, (*self.base, *rel), value, f"Edit {label.lower()}"))

        edit.textEdited.connect(edited)
        edit.editingFinished.connect(self.document.seal)

        def refresh() -> None:
            value = self.value(rel, "")
            set_line_quietly(edit, "" if value is None else str(value))
            if grade is not None:
                grade.show_grade(edit.text())

        self._refreshers.append(refresh)
        self.register(rel, edit)
        return edit

    def bind_text(self, name: str, label: str, rel: tuple[Any, ...], lines: int = 3, optional: bool = False,
                  form: QFormLayout | None = None, single_line: bool = False, reading: bool = False) -> TextField:
        """A text field bound to ``rel``; ``reading``: officer-facing words, with their reading grade under."""
        edit = TextField(name, label, lines, single_line=single_line)
        select_starter_words(edit)
        grade = self._add_graded_row(label, edit, name, form) if reading else None
        if grade is None:
            self.add_row(label, edit, form)

        def edited() -> None:
            text = edit.toPlainText()
            path = (*self.base, *rel)
            if optional:
                command = editing.set_optional_text(self.tables, path, text, f"Edit {label.lower()}")
            else:
                command = editing.set_value(self.tables, path, text, f"Edit {label.lower()}")
            self.apply(command)

        edit.textChanged.connect(edited)
        edit.focus_left.connect(self.document.seal)

        def refresh() -> None:
            edit.set_text_quietly(str(self.value(rel, "") or ""))
            if grade is not None:
                grade.show_grade(edit.toPlainText())

        self._refreshers.append(refresh)
        self.register(rel, edit)
        return edit

    def _add_graded_row(self, label: str, edit: QLineEdit | TextField, name: str,
                        form: QFormLayout | None = None) -> ReadingGrade:
        box, grade = graded(edit, name, self.document)
        self.add_row(label, box, form)
        return grade

    def bind_combo(self, name: str, label: str, rel: tuple[Any, ...], choices: dict[str, str],
                   form: QFormLayout | None = None) -> QComboBox:
        combo = combo_box(name, label)
        self.add_row(label, combo, form)

        def picked(index: int) -> None:
            value = combo.itemData(index)
            if value is not None:
                self.apply(editing.set_value(self.tables, (*self.base, *rel), value, f"Change {label.lower()}"))

        combo.activated.connect(picked)

        def refresh() -> None:
            current = self.value(rel)
            items = list(choices.items())
            if current not in choices:
                items.insert(0, (current, f"{MISSING_PREFIX}{current!r}"))
            fill_combo(combo, items, current)

        self._refreshers.append(refresh)
        self.register(rel, combo)
        return combo

    def bind_check(self, name: str, text: str, rel: tuple[Any, ...], omit_false: bool = False,
                   form: QFormLayout | None = None, detail: str = "") -> QCheckBox:
        """A check box for a true/false field; ``detail``, what it means, goes in a wrapped line below it (a
        check box's own text never wraps, and a long one held the form wider than its panel)."""
        box = named(QCheckBox(text), name, text, detail)
        (form or self.form).addRow(box)
        if detail:
            note = QLabel(detail)
            note.setObjectName(f"{name}Detail")
            note.setProperty("role", "muted")
            note.setWordWrap(True)
            indent = box.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, box) + \
                box.style().pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, box)
            note.setContentsMargins(indent, 0, 0, 0)
            (form or self.form).addRow(note)
        box.toggled.connect(lambda on: self.apply(
            editing.set_flag(self.tables, (*self.base, *rel), on, f"Change “{text}”", omit_false)))

        def refresh() -> None:
            box.blockSignals(True)
            box.setChecked(bool(self.value(rel, False)))
            box.blockSignals(False)

        self._refreshers.append(refresh)
        self.register(rel, box)
        return box

    def bind_date(self, name: str, label: str, rel: tuple[Any, ...], form: QFormLayout | None = None) -> PartialDateEdit:
        date = PartialDateEdit(name, label)
        self.add_row(label, date, form)
        date.date_edited.connect(lambda value: self.apply(
            editing.set_value(self.tables, (*self.base, *rel), value, f"Edit {label.lower()}")))
        date.edit.editingFinished.connect(self.document.seal)
        self._refreshers.append(lambda: date.set_value(self.value(rel)))
        self.register(rel, date.edit)
        return date

    def bind_id(self, name: str, label: str, rename: Callable[[str], editing.Command | None],
                current: Callable[[], str], table: str | None = None) -> QLineEdit:
        """An id is renamed (with every reference to it) when the person leaves the field or presses Enter. The id
        of a ``table`` record that an earlier version of the pack published (or a new id one used) is renamed only
        once the person has read what that changes outside this pack and said yes."""
        edit = line_edit(name, label)
        edit.setAccessibleDescription("Changing the id also updates everything that points to it.")
        error = FieldError(name + "Error")
        self.add_row(label, with_note_under(edit, error, name + "Box"))

        asking = False

        def commit() -> None:
            nonlocal asking
            text = edit.text().strip()
            if asking or self.base is None or text == current():
                if not asking:
                    error.show_error("")
                return
            try:
                command = rename(text)
            except editing.EditError as exc:
                error.show_error(f"{exc}; the id was not changed")
                set_line_quietly(edit, current())
                return
            note = editing.rename_note(table, current(), text, self.document.earlier_ids[table]) if table else ""
            if note:
                asking = True  # the question takes the focus: the field's editingFinished must not ask again
                try:
                    # the question first, its ids whole on their lines (at the largest text "CHI-" ended one
                    # line and "EO-2025-6-NEW?" began the next), under it what the rename changes
                    whole = str.maketrans("-", "\N{NON-BREAKING HYPHEN}")
                    answer = ask(
                        self.window(), "Rename a published id?",
                        f"Rename {current().translate(whole)} to {text.translate(whole)}?\n\n{note}",
                        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
                finally:
                    asking = False
                if answer != QMessageBox.StandardButton.Yes:
                    error.show_error("")
                    set_line_quietly(edit, current())
                    edit.setModified(False)
                    return
            error.show_error("")
            self.apply(command)

        edit.editingFinished.connect(commit)

        def refresh() -> None:
            if not edit.hasFocus() or not edit.isModified():
                set_line_quietly(edit, current())
                edit.setModified(False)

        self._refreshers.append(refresh)
        for id_field in ("provision_id", "scenario_id", "node_id"):
            self.register((id_field,), edit)
        return edit

    def bind_list(self, editor: ListEditor, rel: tuple[Any, ...], label: str, form: QFormLayout | None = None) -> None:
        self.add_row(label, editor, form)
        editor.error.connect(self.error)
        self._lists.append((editor, rel))
        self._refreshers.append(lambda: editor.set_path((*self.base, *rel)))
        self.register(rel, editor.list)

    def register(self, rel: Sequence[Any], widget: QWidget) -> None:
        self._field_widgets.setdefault(".".join(str(r) for r in rel), widget)

    def focus_field(self, fld: str) -> QWidget | None:
        """Put the cursor in the field a validator problem names ('title', 'dates.effective',
        'choices[yes].next', 'cites[0]'); returns the widget (to scroll to), or None."""
        match = _ITEM_FIELD.match(fld)
        if match:
            widget = self.focus_item(match.group(1), match.group(2), match.group(3) or "")
        else:
            name = re.sub(r"\[[^\]]*\]", "", fld)
            widget = self._field_widgets.get(name) or self._field_widgets.get(name.split(".")[0])
        if widget is not None and widget.isEnabled():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return widget

    def focus_item(self, list_name: str, token: str, rest: str) -> QWidget | None:
        """A problem about one item of a list (an answer, a citation, a note): select that item."""
        return self._field_widgets.get(list_name)

    def open_picker(self, title: str, items: Sequence[tuple[str, str]], current: str | None,
                    chosen: Callable[[str], None]) -> PickerDialog:
        """Open the searchable picker (window-modal, without blocking); ``chosen`` gets the picked key."""
        if self.picker is not None:
            self.picker.close()
        self.picker = PickerDialog(title, items, current, self.window())
        self.picker.picked.connect(chosen)
        self.picker.finished.connect(self._picker_closed)
        self.picker.open()
        return self.picker

    def _picker_closed(self) -> None:
        if self.picker is not None:
            self.picker.deleteLater()
            self.picker = None


class MetaForm(RecordForm):
    """The pack's title, publisher, disclaimer, expiry and notes. Version and dates are set by Publish."""

    def __init__(self, document: Any) -> None:
        super().__init__(document, "metaForm", "Pack details")
        self.info = QLabel()
        self.info.setObjectName("metaVersion")
        self.info.setProperty("role", "muted")
        self.info.setWordWrap(True)
        self.outer.insertWidget(1, self.info)
        self.bind_line("metaTitle", "Title", ("title",))
        self.bind_line("metaPublisher", "Publisher", ("publisher",))
        self.bind_text("metaDisclaimer", "Disclaimer", ("disclaimer",), lines=4)
        spin = named(QSpinBox(), "metaExpires", "Expires after (days)")
        spin.setRange(1, 3650)
        spin.setSuffix(" days after “as of”")
        # between − and + buttons: the spin box's own arrows, under the editor's styled border, were slivers
        stepper = Stepper(spin, "One day fewer", "One day more", height=0)
        self.add_row("Expires after", stepper)
        spin.valueChanged.connect(lambda v: self.apply(editing.set_value(
            self.tables, (*self.base, "expires_after_days"), int(v), "Change expiry")))

        def refresh_spin() -> None:
            spin.blockSignals(True)
            value = self.value(("expires_after_days",), 90)
            spin.setValue(value if isinstance(value, int) else 90)
            spin.blockSignals(False)
            stepper.show_limits()  # the signal it follows was blocked

        self._refreshers.append(refresh_spin)
        self.register(("expires_after_days",), spin)
        self.notes = ListEditor(document, "metaNotes", "notes", entry_hint="Type a note, press Enter")
        self.bind_list(self.notes, ("notes",), "Notes")
        self.outer.addStretch(1)
        self._refreshers.append(self._refresh_info)

    def show_record(self, base: Path) -> None:
        key = editing.records(self.tables, "meta")
        super().show_record(("meta", key[0][0]) if key else ("meta", "1"))

    def _refresh_info(self) -> None:
        v = lambda name: self.value((name,), "?")  # noqa: E731
        self.info.setText(
            f"Schema version {v('schema_version')} · data version {v('data_version')} · law as of {v('as_of')} · "
            f"reviewed on {v('reviewed_on')}. Publish sets the version and dates."
        )


class ProvisionForm(RecordForm):
    def __init__(self, document: Any) -> None:
        super().__init__(document, "provisionForm", "Provision")
        self.id_edit = self.bind_id(
            "provisionId", "Id", lambda new: editing.rename_provision(self.tables, self.base[1], new),
            lambda: str(self.value(("provision_id",), "")), table="provisions")
        self.title_edit = self.bind_line("provisionTitle", "Title", ("title",))
        self.bind_line("provisionCiteAs", "Cite as", ("cite_as",), placeholder="e.g. MCC 2-173-020(a)(6)")
        self.bind_text("provisionSummary", "Summary", ("summary",), lines=3)
        self.bind_text("provisionText", "Text", ("text",), lines=5)
        self.bind_check("provisionVerbatim", "The text is an exact quotation", ("text_is_verbatim",))
        self.jurisdiction = self.bind_combo("provisionJurisdiction", "Jurisdiction", ("jurisdiction",),
                                            JURISDICTION_LABELS)
        self.confidence = self.bind_combo("provisionConfidence", "Confidence", ("confidence",), CONFIDENCE_LABELS)
        # what it means on a wrapped line below: the check box's own words never wrap, and at the largest text
        # "Operative (governs what an officer does)" held the form 504 px wide, the contents a word a line at 800 px
        self.bind_check("provisionOperative", "Operative", ("operative",), detail="It governs what an officer does.")

        self.outer.addWidget(section("Source"))
        source = self.new_form()
        self.bind_line("sourceDocument", "Document", ("source", "document"), form=source)
        self.bind_line("sourceNumber", "Number", ("source", "number"), nullable=True, form=source)
        self.bind_line("sourceSection", "Section", ("source", "section"), nullable=True, form=source)
        self.bind_line("sourceUrl", "Web address", ("source", "url"), nullable=True, form=source)
        self.bind_date("sourceRetrieved", "Retrieved", ("source", "retrieved"), form=source)

        self.outer.addWidget(section("Dates (partial dates allowed; empty when unknown)"))
        dates = self.new_form()
        self.date_fields = {
            name: self.bind_date(f"date{name.capitalize()}", name.capitalize(), ("dates", name), form=dates)
            for name in ("signed", "effective", "amended", "rescinded")
        }

        self.outer.addWidget(section("Status notes, tags and related provisions"))
        more = self.new_form()
        self.notes = ListEditor(document, "statusNotes", "status notes",
                                item_text=lambda n: f"[{NOTE_LABELS.get(n.get('kind'), n.get('kind'))}] {n.get('text', '')}"
                                if isinstance(n, dict) else str(n),
                                strings=False, on_add=self._add_note, add_label="Add note")
        self.bind_list(self.notes, ("status_notes",), "Status notes", form=more)
        self.note_kind = combo_box("statusNoteKind", "Kind of the selected note")
        self.note_text = TextField("statusNoteText", "Text of the selected note", lines=2)
        self.add_row("Note kind", self.note_kind, more)
        self.add_row("Note text", self.note_text, more)
        self.note_kind.activated.connect(self._note_kind_picked)
        self.note_text.textChanged.connect(self._note_text_edited)
        self.note_text.focus_left.connect(self.document.seal)
        self.notes.current_changed.connect(lambda _row: self._refresh_note())
        self._refreshers.append(self._refresh_note)

        self.tags = ListEditor(document, "provisionTags", "tags", entry_hint="Type a tag, press Enter")
        self.bind_list(self.tags, ("tags",), "Tags", form=more)
        self.related = ListEditor(document, "related", "related provisions",
                                  item_text=lambda pid: provision_label(self.tables, str(pid)),
                                  strings=False, on_add=self._add_related, add_label="Add…")
        self.bind_list(self.related, ("related",), "Related", form=more)
        self.outer.addStretch(1)

    def heading_words(self) -> str:
        return f"Provision {self.value(('provision_id',), '')}"

    def focus_item(self, list_name: str, token: str, rest: str) -> QWidget | None:
        if list_name == "status_notes" and token.isdigit():
            self.notes.select(int(token))
            return self.note_text
        return super().focus_item(list_name, token, rest)

    def _note_path(self) -> Path | None:
        row = self.notes.current_index()
        if self.base is None or row < 0 or row >= len(self.notes.items()):
            return None
        return (*self.base, "status_notes", row)

    def _refresh_note(self) -> None:
        path = self._note_path()
        note = editing.get(self.tables, path) if path else None
        enabled = isinstance(note, dict)
        self.note_kind.setEnabled(enabled)
        self.note_text.setEnabled(enabled)
        kind = note.get("kind") if enabled else None
        fill_combo(self.note_kind, list(NOTE_LABELS.items()), kind)
        self.note_text.set_text_quietly(str(note.get("text", "")) if enabled else "")

    def _note_kind_picked(self, index: int) -> None:
        path = self._note_path()
        if path is not None:
            self.apply(editing.set_value(self.tables, (*path, "kind"), self.note_kind.itemData(index),
                                         "Change note kind"))

    def _note_text_edited(self) -> None:
        path = self._note_path()
        if path is not None:
            self.apply(editing.set_value(self.tables, (*path, "text"), self.note_text.toPlainText(),
                                         "Edit note text"))

    def _add_note(self, at: int) -> editing.Command:
        return editing.insert_item(self.tables, (*self.base, "status_notes"), at,
                                   {"kind": "info", "text": "Describe what the officer must know."},
                                   "Add status note")

    def _add_related(self, at: int) -> None:
        self.add_provision_to(self.related, "related", at, "Add a related provision", "Add related provision",
                              exclude=[str(self.value(("provision_id",), ""))])


class TermForm(RecordForm):
    """A glossary term: the word, what it means for an officer, and the provisions on it ("see")."""

    def __init__(self, document: Any) -> None:
        super().__init__(document, "termForm", "Glossary term")
        self.term_edit = self.bind_line("glossaryTerm", "Term", ("term",), placeholder="e.g. administrative warrant")
        self.bind_text("glossaryDefinition", "Definition", ("definition",), lines=4, reading=True)
        self.see = ListEditor(document, "glossarySee", "provisions to see",
                              item_text=lambda pid: provision_label(self.tables, str(pid)),
                              strings=False, on_add=self._add_see, add_label="Add…")
        self.bind_list(self.see, ("see",), "See")
        self.outer.addStretch(1)

    def heading_words(self) -> str:
        return f"Glossary term “{self.value(('term',), '')}”"

    def _add_see(self, at: int) -> None:
        self.add_provision_to(self.see, "see", at, "Add a provision to see", "Add a provision to see")


class SynonymForm(RecordForm):
    """A search synonym: a word officers type, and the words a search for it also looks for."""

    def __init__(self, document: Any) -> None:
        super().__init__(document, "synonymForm", "Search synonym")
        self.term_edit = self.bind_line("synonymTerm", "Officers type", ("term",), placeholder="e.g. hold")
        self.expansions = ListEditor(document, "synonymExpansions", "words also searched for",
                                     entry_hint="Type a word or phrase, press Enter")
        self.bind_list(self.expansions, ("expansions",), "Also search for")
        self.outer.addStretch(1)

    def heading_words(self) -> str:
        return f"Search synonym “{self.value(('term',), '')}”"


class ScenarioForm(RecordForm):
    def __init__(self, document: Any) -> None:
        super().__init__(document, "scenarioForm", "Scenario")
        self.bind_id("scenarioId", "Id", lambda new: editing.rename_scenario(self.tables, self.base[1], new),
                     lambda: str(self.value(("scenario_id",), "")), table="scenarios")
        self.title_edit = self.bind_line("scenarioTitle", "Title", ("title",), reading=True)
        # a category the supervisor types can be long: its list's rows cut at a word (whole in their tooltips),
        # where Qt cut them at the box's edge mid-word ("Victims, residents and officer condu…" at 1024 × 600)
        self.category = combo_box("scenarioCategory", "Category", cut_rows=True)
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        route_undo_keys(self.category.lineEdit())
        self.category.lineEdit().setAccessibleName("Category")
        self._category_before: Any = None  # the category before the typing in the box began
        # why a category typed is not taken, under the box, as New scenario says it (editing.category_problem)
        self.category_error = FieldError("scenarioCategoryError")
        self.add_row("Category", with_note_under(self.category, self.category_error, "scenarioCategoryBox"))
        self.category.lineEdit().textEdited.connect(self._category_typed)
        self.category.lineEdit().editingFinished.connect(self._category_left)
        self.category.activated.connect(lambda i: self._set_category(self.category.itemText(i)))
        self.register(("category",), self.category)
        self._refreshers.append(self._refresh_category)
        self.bind_text("scenarioSummary", "Summary", ("summary",), lines=3, reading=True)
        self.tags = ListEditor(document, "scenarioTags", "tags", entry_hint="Type a tag, press Enter")
        self.bind_list(self.tags, ("tags",), "Tags")
        # its rows are nodes with their prompts and headlines, some wider than a screen: cut at a word, not Qt's
        # "…" in the middle of one
        self.start = combo_box("scenarioStart", "First question (start)", cut_rows=True)
        self.add_row("Starts at", self.start)
        self.start.activated.connect(self._start_picked)
        self.register(("start",), self.start)
        self._refreshers.append(self._refresh_start)
        self.bind_check("scenarioSafety", "Safety-critical", ("safety_critical",),
                        detail="Its first question must ask about danger.")
        self.bind_check("scenarioSubflow", "Shared sub-flow", ("subflow",), omit_false=True,
                        detail="Other scenarios jump into it.")

        self.outer.addWidget(section("Home screen"))
        home = self.new_form()
        # short: a check box's words never wrap, and at the largest text "Show as a big button on the Home screen"
        # held the form 514 px wide (the section's title says where)
        self.home_check = named(QCheckBox("Show on the Home screen"), "scenarioHome", "Show on the Home screen")
        home.addRow(self.home_check)
        self.home_label = line_edit("scenarioHomeLabel", "Home button label")
        self.home_label.setMaxLength(60)
        self.add_row("Button label", self.home_label, home)
        self.home_rank = named(QSpinBox(), "scenarioHomeRank", "Home button position")
        self.home_rank.setRange(1, 99)
        self.add_row("Position", self.home_rank, home)
        self.home_check.toggled.connect(self._home_toggled)
        self.register(("home",), self.home_check)
        self.home_label.textEdited.connect(lambda _t: self._home_edited())
        self.home_label.editingFinished.connect(self.document.seal)
        self.home_rank.valueChanged.connect(lambda _v: self._home_edited())
        self._refreshers.append(self._refresh_home)
        self.nodes_info = QLabel()
        self.nodes_info.setObjectName("scenarioNodesInfo")
        self.nodes_info.setProperty("role", "muted")
        self.nodes_info.setWordWrap(True)
        self.outer.addWidget(self.nodes_info)
        self.outer.addStretch(1)

    def heading_words(self) -> str:
        return f"Scenario {self.value(('scenario_id',), '')}"

    def refresh(self) -> None:
        super().refresh()
        if self.base is None:
            return
        nodes = editing.nodes_of(self.tables, self.base[1])
        q = sum(1 for n in nodes if n.get("type") == "question")
        self.nodes_info.setText(
            f"{_count(len(nodes), 'node')}: {_count(q, 'question')} and {_count(len(nodes) - q, 'outcome')}. Pick a "
            "node in the outline or the logic map to edit it; add nodes with Add question / Add outcome.")

    def _category_typed(self, text: str) -> None:
        self._set_category(text)

    def _set_category(self, text: str) -> None:
        """Take ``text`` as the scenario's category (spaces around it dropped) if editing.category_problem accepts it,
        as New scenario does; else say why under the box and leave the pack's as it was."""
        if self._category_before is None:
            self._category_before = self.value(("category",), "")
        problem = editing.category_problem(self.tables, text, self.base[1])
        self.category_error.show_error(problem)
        if not problem:
            self.apply(editing.set_value(self.tables, (*self.base, "category"), text.strip(), "Change category"))

    def _category_left(self) -> None:
        """Leaving the box with a category it refused: the scenario keeps the category it had before this typing
        (not the last one taken on the way, "traffi" of a refused "traffic"), the box shows it, and the reason stays
        under it."""
        before, self._category_before = self._category_before, None
        if self.base is None or not self.category_error.isVisible() or before is None:
            self.document.seal()
            return
        reason = self.category_error.accessibleName()
        self.apply(editing.set_value(self.tables, (*self.base, "category"), before, "Change category"))
        self.document.seal()
        set_line_quietly(self.category.lineEdit(), str(before))
        self.category_error.show_error(f"{reason} The category stays “{before}”.")

    def show_record(self, base: Path) -> None:
        if base != self.base:
            self._category_before = None
            self.category_error.show_error("")
        super().show_record(base)

    def _refresh_category(self) -> None:
        current = str(self.value(("category",), ""))
        cats = editing.categories(self.tables)
        items = [(c, c) for c in cats]
        if current and current not in cats:
            items.append((current, current))
        line = self.category.lineEdit()
        if line.hasFocus() and line.text().strip() == current:
            return
        fill_combo(self.category, items, current)
        if line.text() != current:
            set_line_quietly(line, current)
            self.category_error.show_error("")  # another scenario, or an undo: what was refused is gone

    def node_items(self) -> list[tuple[str, str]]:
        return node_choices(self.tables, self.base[1])

    def _refresh_start(self) -> None:
        items = self.node_items()
        current = self.value(("start",))
        if current not in [k for k, _ in items]:
            items.insert(0, (current, f"{MISSING_PREFIX}{current}"))
        fill_combo(self.start, items, current)

    def _start_picked(self, index: int) -> None:
        value = self.start.itemData(index)
        if isinstance(value, str) and not self.start.itemText(index).startswith(MISSING_PREFIX):
            self.apply(editing.set_value(self.tables, (*self.base, "start"), value, "Change the first question"))

    def _refresh_home(self) -> None:
        home = self.value(("home",))
        on = isinstance(home, dict)
        for w in (self.home_check, self.home_label, self.home_rank):
            w.blockSignals(True)
        self.home_check.setChecked(on)
        self.home_label.setEnabled(on)
        self.home_rank.setEnabled(on)
        if on:
            set_line_quietly(self.home_label, str(home.get("label", "")))
            rank = home.get("rank")
            self.home_rank.setValue(rank if isinstance(rank, int) else 1)
        for w in (self.home_check, self.home_label, self.home_rank):
            w.blockSignals(False)

    def _home_toggled(self, on: bool) -> None:
        if on:
            title = str(self.value(("title",), "Scenario"))[:60]
            ranks = [d.get("home", {}).get("rank", 0) for _, d in editing.records(self.tables, "scenarios")
                     if isinstance(d, dict) and isinstance(d.get("home"), dict)]
            rank = max([r for r in ranks if isinstance(r, int)], default=0) + 1
            self.apply(editing.set_home(self.tables, self.base[1], self.home_label.text().strip() or title,
                                        min(rank, 99)))
        else:
            self.apply(editing.set_home(self.tables, self.base[1], None, None))

    def _home_edited(self) -> None:
        if not self.home_check.isChecked():
            return
        label = self.home_label.text()
        if not label.strip():
            self.error.emit("A Home button needs a label.")
            return
        self.apply(editing.set_home(self.tables, self.base[1], label, self.home_rank.value()))


class NodeForm(RecordForm):
    """What questions and outcomes share: the id, where the node is reached from, changing its type."""

    kind = ""

    def __init__(self, document: Any, object_name: str, title: str) -> None:
        super().__init__(document, object_name, title)
        self.bind_id(f"{self.kind}Id", "Id",
                     lambda new: editing.rename_node(self.tables, self.base[1], self.base[3], new),
                     lambda: str(self.value(("node_id",), "")))
        self.reached = QLabel()
        self.reached.setObjectName(f"{self.kind}ReachedFrom")
        self.reached.setProperty("role", "muted")
        self.reached.setWordWrap(True)
        self.reached.setTextFormat(Qt.TextFormat.PlainText)
        self.outer.insertWidget(1, self.reached)
        other = "outcome" if self.kind == "question" else "question"
        self.convert = small_button(f"Turn into an {other}" if other == "outcome" else f"Turn into a {other}",
                                    f"{self.kind}Convert", f"Turn this {self.kind} into {'an' if other == 'outcome' else 'a'} {other}")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.convert)
        self.outer.insertLayout(2, row)
        self.convert.clicked.connect(lambda: self.apply(
            editing.change_node_type(self.tables, self.base[1], self.base[3], other)))

    def refresh(self) -> None:
        super().refresh()
        if self.base is None:
            return
        scenario = editing.get(self.tables, self.base[:2], {})
        node_id = self.value(("node_id",), "")
        word = "Question" if self.kind == "question" else "Outcome"
        self.heading.setText(f"{word} {node_id} · scenario {scenario.get('scenario_id', '')}")
        incoming = []
        if scenario.get("start") == node_id:
            incoming.append("the start of the scenario")
        for n in editing.nodes_of(self.tables, self.base[1]):
            for c in n.get("choices", []) if isinstance(n.get("choices"), list) else []:
                if isinstance(c, dict) and c.get("next") == node_id:
                    incoming.append(f"{n.get('node_id')} (answer “{c.get('label', c.get('key'))}”)")
        for path in editing.node_references(self.tables, self.base[1], node_id):
            if path[-1] == "enter_at":  # an answer of another scenario entering this one (a sub-flow) here
                c = editing.get(self.tables, path[:-1])
                sid = editing.get(self.tables, path[:2] + ("scenario_id",))
                asked = editing.get(self.tables, path[:4] + ("node_id",))
                incoming.append(f"{sid} {asked} (answer “{c.get('label', c.get('key'))}”, entering here)")
        self.reached.setText("Reached from: " + ("; ".join(incoming) if incoming else "nothing — no answer leads here"))


class QuestionForm(NodeForm):
    kind = "question"

    def __init__(self, document: Any) -> None:
        super().__init__(document, "questionForm", "Question")
        # wrapped over two rows: a one-line field showed "Does it name a criminal offence and give a…"
        self.prompt = self.bind_text("questionPrompt", "Question", ("prompt",), lines=2, single_line=True,
                                     reading=True)
        self.bind_text("questionHelp", "How to tell (help)", ("help",), lines=3, optional=True, reading=True)
        self.topic = combo_box("questionTopic", "Topic")
        self.add_row("Topic", self.topic)
        self.topic.activated.connect(lambda i: self.apply(
            editing.set_topic(self.tables, self.base, self.topic.itemData(i))))
        self.register(("topic",), self.topic)
        self._refreshers.append(lambda: fill_combo(self.topic, list(TOPIC_LABELS.items()),
                                                   self.value(("topic",), "general")))

        self.outer.addWidget(section("Answers"))
        answers = self.new_form()
        self.choices = ListEditor(
            document, "choices", "answers", item_text=self._choice_text, strings=False,
            on_add=lambda at: editing.add_choice(self.tables, self.base[1], self.base[3], at - 1),
            on_duplicate=lambda row: editing.duplicate_choice(self.tables, self.base[1], self.base[3], row),
            add_label="Add answer", max_visible=6)
        self.bind_list(self.choices, ("choices",), "Answers", form=answers)
        detail = QFrame()
        detail.setObjectName("choiceDetail")
        detail_form = QFormLayout(detail)
        detail_form.setContentsMargins(8, 6, 8, 6)
        self.choice_label = line_edit("choiceLabel", "Answer text")
        self.choice_grade = self._add_graded_row("Answer text", self.choice_label, "choiceLabel", detail_form)
        self.choice_target = combo_box("choiceTarget", "Leads to", cut_rows=True)  # as the start's rows
        self.add_row("Leads to", self.choice_target, detail_form)
        # where an answer into a shared step enters it: its start, or a later step the answer already settles
        self.choice_entry = combo_box("choiceEntry", "Enters the shared step at", cut_rows=True)
        self.choice_entry.setAccessibleDescription(
            "Where this answer enters the shared step: at its first question, or at a later step when the "
            "answer has already said what the first question asks")
        self.choice_entry_label = self.add_row("Enters at", self.choice_entry, detail_form)
        self.choice_key = line_edit("choiceKey", "Answer key")
        self.choice_key.setAccessibleDescription("A short stable name for the answer: lower-case letters, digits, - and _")
        self.choice_key_error = FieldError("choiceKeyError")
        self.add_row("Key", with_note_under(self.choice_key, self.choice_key_error), detail_form)
        answers.addRow(detail)
        self.choice_label.textEdited.connect(self._label_edited)
        self.choice_label.editingFinished.connect(self.document.seal)
        self.choice_target.activated.connect(self._target_picked)
        self.choice_entry.activated.connect(self._entry_picked)
        self.choice_key.editingFinished.connect(self._key_finished)
        self.choices.current_changed.connect(lambda _row: self._refresh_choice())
        self._refreshers.append(self._refresh_choice)
        self.outer.addStretch(1)

    def focus_item(self, list_name: str, token: str, rest: str) -> QWidget | None:
        if list_name != "choices":
            return super().focus_item(list_name, token, rest)
        keys = [c.get("key") if isinstance(c, dict) else None for c in self.choices.items()]
        if token in keys:
            self.choices.select(keys.index(token))
        elif token.isdigit():
            self.choices.select(int(token))
        if rest in ("next", "next_scenario"):
            return self.choice_target
        if rest == "enter_at":
            return self.choice_entry
        return self.choice_key if rest == "key" else self.choice_label

    def _choice_text(self, c: Any) -> str:
        if not isinstance(c, dict):
            return str(c)
        target = editing.choice_target(c)
        if target is None:
            where = "✖ leads nowhere"
        elif target[0] == editing.SUBFLOW:
            where = f"→ sub-flow {target[1]}"
            if isinstance(c.get("enter_at"), str):
                where += f" at {c['enter_at']}"
        else:
            where = f"→ {target[1]}"
            if self.base is not None and editing.find_node(self.tables, self.base[1], target[1]) is None:
                where = f"✖ → {target[1]} (missing)"
        return f"{c.get('label', '')}  {where}"

    def _choice_path(self) -> Path | None:
        row = self.choices.current_index()
        if self.base is None or row < 0 or row >= len(self.choices.items()):
            return None
        return (*self.base, "choices", row)

    def target_items(self) -> list[tuple[tuple[str, str], str]]:
        """Every place an answer can lead: this scenario's other nodes, then the shared sub-flows."""
        own_key = self.base[1]
        own_id = self.value(("node_id",))
        items: list[tuple[tuple[str, str], str]] = [
            ((editing.NODE, nid), text) for nid, text in node_choices(self.tables, own_key) if nid != own_id]
        own_scenario = editing.get(self.tables, ("scenarios", own_key, "scenario_id"))
        for _, doc in editing.records(self.tables, "scenarios"):
            if isinstance(doc, dict) and doc.get("subflow") and doc.get("scenario_id") != own_scenario:
                sid = str(doc.get("scenario_id"))
                items.append(((editing.SUBFLOW, sid), f"→ sub-flow: {sid} · {doc.get('title', '')}"))
        return items

    def _refresh_choice(self) -> None:
        path = self._choice_path()
        choice = editing.get(self.tables, path) if path else None
        enabled = isinstance(choice, dict)
        for w in (self.choice_label, self.choice_target, self.choice_key):
            w.setEnabled(enabled)
        self._refresh_entry(choice if enabled else None)
        if not enabled:
            set_line_quietly(self.choice_label, "")
            self.choice_grade.show_grade("")
            set_line_quietly(self.choice_key, "")
            fill_combo(self.choice_target, [], None)
            return
        set_line_quietly(self.choice_label, str(choice.get("label", "")))
        self.choice_grade.show_grade(self.choice_label.text())
        if not self.choice_key.hasFocus():
            set_line_quietly(self.choice_key, str(choice.get("key", "")))
        items = self.target_items()
        current = editing.choice_target(choice)
        if current not in [k for k, _ in items]:
            if current is None:
                items.insert(0, (("", ""), "✖ leads nowhere: pick a node or a sub-flow"))
                current = ("", "")
            elif current[0] == editing.SUBFLOW and editing.find_record(self.tables, "scenarios", current[1]):
                doc = self.tables["scenarios"][editing.find_record(self.tables, "scenarios", current[1])]
                items.append((current, f"→ scenario: {current[1]} · {doc.get('title', '')}"))
            else:
                items.insert(0, (current, f"{MISSING_PREFIX}{current[1]}"))
        fill_combo(self.choice_target, items, current)

    def _refresh_entry(self, choice: Any) -> None:
        """The "Enters at" row, shown for an answer into a sub-flow: the sub-flow's start (the default, no
        ``enter_at``) and its other steps."""
        target = editing.choice_target(choice) if isinstance(choice, dict) else None
        sub_key = editing.find_record(self.tables, "scenarios", target[1]) \
            if target is not None and target[0] == editing.SUBFLOW else None
        for w in (self.choice_entry, self.choice_entry_label):
            w.setVisible(sub_key is not None)
        if sub_key is None:
            fill_combo(self.choice_entry, [], None)
            return
        start = editing.get(self.tables, ("scenarios", sub_key, "start"))
        items: list[tuple[Any, str]] = []
        for nid, text in node_choices(self.tables, sub_key):
            if nid == start:
                items.insert(0, (None, f"{text} (its start)"))
            else:
                items.append((nid, text))
        current = choice.get("enter_at") if choice.get("enter_at") != start else None
        if current is not None and current not in [k for k, _ in items]:
            items.insert(0, (current, f"{MISSING_PREFIX}{current}"))
        fill_combo(self.choice_entry, items, current)

    def _entry_picked(self, index: int) -> None:
        path = self._choice_path()
        if path is None or self.choice_entry.itemText(index).startswith(MISSING_PREFIX):
            return
        self.apply(editing.set_choice_entry(self.tables, path, self.choice_entry.itemData(index)))

    def _label_edited(self, text: str) -> None:
        path = self._choice_path()
        if path is not None:
            self.apply(editing.set_value(self.tables, (*path, "label"), text, "Edit answer text"))

    def _target_picked(self, index: int) -> None:
        path = self._choice_path()
        target = self.choice_target.itemData(index)
        if path is None or not target or not target[0] or self.choice_target.itemText(index).startswith(MISSING_PREFIX):
            return
        self.apply(editing.set_choice_target(self.tables, path, tuple(target)))

    def _key_finished(self) -> None:
        path = self._choice_path()
        if path is None:
            return
        text = self.choice_key.text().strip()
        current = str(editing.get(self.tables, (*path, "key"), ""))
        if text == current:
            self.choice_key_error.show_error("")
            return
        try:
            command = editing.set_choice_key(self.tables, path, text)
        except editing.EditError as exc:
            self.choice_key_error.show_error(f"{exc}; the key was not changed")
            set_line_quietly(self.choice_key, current)
            return
        self.choice_key_error.show_error("")
        self.apply(command)


class OutcomeForm(NodeForm):
    kind = "outcome"

    LIST_TITLES = {"do": "Do", "do_not": "Do not", "say": "Say", "document": "Document", "notify": "Notify"}

    def __init__(self, document: Any) -> None:
        super().__init__(document, "outcomeForm", "Outcome")
        self.verdict = self.bind_combo("outcomeVerdict", "Verdict", ("verdict",), VERDICT_CHOICES)
        self.headline = self.bind_text("outcomeHeadline", "Headline", ("headline",), lines=3, single_line=True,
                                       reading=True)
        self.headline.setPlaceholderText("The answer in one plain sentence")
        self.lists: dict[str, ListEditor] = {}
        for name, title in self.LIST_TITLES.items():
            editor = ListEditor(document, f"outcome_{name}", title.lower(),
                                entry_hint=f"Type a new “{title.lower()}” line, press Enter", max_visible=4,
                                graded=True)
            self.bind_list(editor, (name,), title)
            self.lists[name] = editor
        self.bind_text("outcomeRationale", "Rationale", ("rationale",), lines=4, reading=True)

        self.outer.addWidget(section("Citations"))
        cites = self.new_form()
        self.cites = ListEditor(document, "cites", "citations", item_text=self._cite_text, strings=False,
                                on_add=self._add_cite, add_label="Add…")  # as the other lists that pick a provision
        self.bind_list(self.cites, ("cites",), "Cites", form=cites)
        detail = QFrame()
        detail.setObjectName("citeDetail")
        detail_form = QFormLayout(detail)
        detail_form.setContentsMargins(8, 6, 8, 6)
        provision_row = QWidget()
        row = QHBoxLayout(provision_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.cite_provision = QLabel()
        self.cite_provision.setObjectName("citeProvision")
        self.cite_provision.setWordWrap(True)
        self.cite_provision.setTextFormat(Qt.TextFormat.PlainText)
        self.cite_change = small_button("Change…", "citeChange", "Change the cited provision")
        row.addWidget(self.cite_provision, 1)
        row.addWidget(self.cite_change)
        self.add_row("Provision", provision_row, detail_form)
        provision_row.setFocusProxy(self.cite_change)
        self.cite_pinpoint = line_edit("citePinpoint", "Pinpoint", "e.g. (B) — added to the citation")
        self.add_row("Pinpoint", self.cite_pinpoint, detail_form)
        cites.addRow(detail)
        self.cite_change.clicked.connect(self._change_cite)
        self.cite_pinpoint.textEdited.connect(self._pinpoint_edited)
        self.cite_pinpoint.editingFinished.connect(self.document.seal)
        self.cites.current_changed.connect(lambda _row: self._refresh_cite())
        self._refreshers.append(self._refresh_cite)
        self.outer.addStretch(1)

    def focus_item(self, list_name: str, token: str, rest: str) -> QWidget | None:
        if list_name == "cites" and token.isdigit():
            self.cites.select(int(token))
            return self.cite_pinpoint if rest == "pinpoint" else self.cite_change
        return super().focus_item(list_name, token, rest)

    def _cite_text(self, c: Any) -> str:
        if not isinstance(c, dict):
            return str(c)
        return provision_label(self.tables, str(c.get("provision_id", "")), str(c.get("pinpoint", "")))

    def _cite_path(self) -> Path | None:
        row = self.cites.current_index()
        if self.base is None or row < 0 or row >= len(self.cites.items()):
            return None
        return (*self.base, "cites", row)

    def _refresh_cite(self) -> None:
        path = self._cite_path()
        cite = editing.get(self.tables, path) if path else None
        enabled = isinstance(cite, dict)
        self.cite_change.setEnabled(enabled)
        self.cite_pinpoint.setEnabled(enabled)
        if not enabled:
            self.cite_provision.setText("Add a citation: every outcome must say what it rests on.")
            set_line_quietly(self.cite_pinpoint, "")
            return
        self.cite_provision.setText(provision_label(self.tables, str(cite.get("provision_id", ""))))
        set_line_quietly(self.cite_pinpoint, str(cite.get("pinpoint", "")))

    def _add_cite(self, at: int) -> None:
        base = self.base

        def chosen(pid: str) -> None:
            if base == self.base:
                self.apply(editing.insert_item(self.tables, (*base, "cites"), at,
                                               {"provision_id": pid, "pinpoint": ""}, "Add citation"))
                self.cites.refresh(select=at)

        self.open_picker("Cite a provision", provision_choices(self.tables), None, chosen)

    def _change_cite(self) -> None:
        path = self._cite_path()
        if path is None:
            return
        current = editing.get(self.tables, (*path, "provision_id"))

        def chosen(pid: str) -> None:
            if editing.get(self.tables, path, None) is not None:
                self.apply(editing.set_value(self.tables, (*path, "provision_id"), pid, "Change cited provision",
                                             merge=False))

        self.open_picker("Cite a provision", provision_choices(self.tables), current, chosen)

    def _pinpoint_edited(self, text: str) -> None:
        path = self._cite_path()
        if path is not None:
            self.apply(editing.set_value(self.tables, (*path, "pinpoint"), text, "Edit pinpoint"))


class EmptyForm(QWidget):
    def __init__(self) -> None:
        super().__init__()
        named(self, "emptyForm", "Nothing selected")
        layout = QVBoxLayout(self)
        label = QLabel("Pick a provision, a scenario or one of its nodes in the outline on the left.\n\n"
                       "Every change is checked as you type; the Problems panel below lists what must be "
                       "fixed before the pack can be published.")
        label.setWordWrap(True)
        label.setProperty("role", "muted")
        layout.addWidget(label)
        layout.addStretch(1)
