"""Search hits as a table model: one row per hit, columns for the type, title, citation and snippet."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.domain.search import Hit

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
CitationRole = Qt.ItemDataRole.UserRole + 6
SnippetRole = Qt.ItemDataRole.UserRole + 7
JurisdictionRole = Qt.ItemDataRole.UserRole + 8

#: The type badge officers read: plain words, not the data model's names.
KIND_BADGES = {"scenario": "Situation", "provision": "Rule", "term": "Term"}

Index = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractTableModel):
    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self._hits: list[Hit] = []

    def set_hits(self, hits: Sequence[Hit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

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
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_TITLE: hit.title,
                COL_KIND: KIND_BADGES.get(hit.kind, hit.kind),
                COL_CITATION: hit.citation,
                COL_SNIPPET: hit.snippet,
            }.get(column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{KIND_BADGES.get(hit.kind, hit.kind)}: {hit.title}. {hit.citation}. {hit.snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.citation or hit.title
        if role == HitRole:
            return hit
        if role == KindRole:
            return hit.kind
        if role == IdRole:
            return hit.id
        if role == SpansRole:
            return [list(span) for span in hit.spans]
        if role == BadgeRole:
            return KIND_BADGES.get(hit.kind, hit.kind)
        if role == CitationRole:
            return hit.citation
        if role == SnippetRole:
            return hit.snippet
        if role == JurisdictionRole:
            return hit.jurisdiction
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS.get(section)
        return None
