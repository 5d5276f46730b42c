"""The note at the top of the form that shows an officer's problem report (File → Open problem report…) whole, while the
supervisor edits what it is about: their words, wrapped, and the report's data version against the pack being
edited (whether the step is still there and its words changed since). Closed with its button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from desktop.domain import problem_report as pr
from desktop.ui.editor.fields import small_button
from desktop.ui.widgets import WrapLabel, named


class ReportNote(QFrame):
    """An officer's report: what it is about, their words in full, and how it compares with the pack edited."""

    def __init__(self) -> None:
        super().__init__()
        named(self, "reportNote", "Officer's problem report")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 8)
        layout.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(6)
        self.title = WrapLabel(object_name="reportNoteTitle")
        top.addWidget(self.title, 1)
        self.close_button = small_button("Close", "reportNoteClose", "Close the officer's report")
        self.close_button.clicked.connect(self.hide)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.words = WrapLabel(object_name="reportNoteWords")
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.comparison = WrapLabel(role="muted", object_name="reportNoteComparison")
        layout.addWidget(self.words)
        layout.addWidget(self.comparison)
        self.hide()

    def show_report(self, about: str, comment: str, comparison: str) -> None:
        """Show the report about ``about`` ("step q_x of S01"): the officer's ``comment`` whole, then ``comparison``
        (problem_report.compared_with)."""
        self.title.setText(pr.printable(f"Officer's report about {about}:"))
        words = pr.printable(comment.strip()) or "(no words)"
        self.words.setText(f"“{words}”")
        self.comparison.setText(comparison)
        self.setAccessibleDescription(f"{self.title.text()} {self.words.text()} {comparison}")
        self.show()
