"""Search hits as a table model: one row per hit, columns for the type, title, citation and snippet, and
for each hit a note that must go with it wherever it is shown (a provision rescinded by today, or to be
rescinded), in words."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.domain.rescission import NO_NOTICE, RescissionNotice
from desktop.domain.search import Hit
from desktop.ui.widgets import plain_tip, spoken_sentence

COL_TITLE = 0
COL_KIND = 1
COL_CITATION = 2
COL_SNIPPET = 3
COLUMN_COUNT = 4
HEADERS = {COL_TITLE: "Title", COL_KIND: "Type", COL_CITATION: "Citation", COL_SNIPPET: "Match"}

HitRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
IdRole = Qt.ItemDataRole.UserRole + 3
SpansRole = Qt.ItemDataRole.UserRole + 4
BadgeRole = Qt.ItemDataRole.UserRole + 5
NoteRole = Qt.ItemDataRole.UserRole + 6  # "Rescinded on 1 Mar 2026: no longer the law", "To be rescinded on …", or ""
NoteKindRole = Qt.ItemDataRole.UserRole + 7  # how loud the note is: "caution", "info" (to be rescinded), or ""

#: A hit's note: the domain's notice of its provision's rescission (how loud, and its words); none is NO_NOTE.
Note = RescissionNotice
NO_NOTE: Note = NO_NOTICE

#: The type badge officers read: plain words, not the data model's names.
KIND_BADGES = {"scenario": "Situation", "provision": "Rule", "term": "Term"}

Index = QModelIndex | QPersistentModelIndex


def _display(hit: Hit, column: int, _note: Note) -> object:
    if column == COL_TITLE:
        return hit.title
    if column == COL_KIND:
        return KIND_BADGES.get(hit.kind, hit.kind)
    if column == COL_CITATION:
        return hit.citation
    if column == COL_SNIPPET:
        return hit.snippet
    return None


def _accessible(hit: Hit, _column: int, note: Note) -> str:
    said = " ".join(filter(None, (spoken_sentence(f"{KIND_BADGES.get(hit.kind, hit.kind)}: {hit.title}"),
                                  spoken_sentence(hit.citation))))
    return f"{said} {spoken_sentence(note.text)} {hit.snippet}" if note.text else f"{said} {hit.snippet}"


#: What data() answers for each role (others: None), given the hit, the column and the hit's note.
_ROLES: dict[int, Callable[[Hit, int, Note], object]] = {
    Qt.ItemDataRole.DisplayRole: _display,
    Qt.ItemDataRole.AccessibleTextRole: _accessible,
    Qt.ItemDataRole.ToolTipRole: lambda hit, _c, note: plain_tip("\n".join(filter(None, (hit.citation or hit.title, note.text)))),
    HitRole: lambda hit, _c, _n: hit,
    KindRole: lambda hit, _c, _n: hit.kind,
    IdRole: lambda hit, _c, _n: hit.id,
    SpansRole: lambda hit, _c, _n: [list(span) for span in hit.spans],
    BadgeRole: lambda hit, _c, _n: KIND_BADGES.get(hit.kind, hit.kind),
    NoteRole: lambda _h, _c, note: note.text,
    NoteKindRole: lambda _h, _c, note: note.kind,
}


class SearchResultsModel(QAbstractTableModel):
    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self._hits: list[Hit] = []
        self._notes: list[Note] = []

    def set_hits(self, hits: Sequence[Hit], notes: Sequence[Note] = ()) -> None:
        """Show ``hits``, each with its note in ``notes`` (same order; none when empty)."""
        self.beginResetModel()
        self._hits = list(hits)
        self._notes = list(notes) or [NO_NOTE] * len(self._hits)
        assert len(self._notes) == len(self._hits)
        self.endResetModel()

    def notes(self) -> list[Note]:
        return list(self._notes)

    def note(self, row: int) -> Note:
        return self._notes[row] if 0 <= row < len(self._notes) else NO_NOTE

    def hits(self) -> list[Hit]:
        return list(self._hits)

    def hit(self, row: int) -> Hit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # The results list asks for a dozen roles of every row each time it lays out or paints (about
        # 500 calls a keystroke): one table lookup per call, no chain of comparisons.
        read = _ROLES.get(role)
        row = index.row()
        if read is None or not index.isValid() or not 0 <= row < len(self._hits):
            return None
        return read(self._hits[row], index.column(), self._notes[row])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS.get(section)
        return None
