"""What went wrong with a data pack, in plain words: the file, each record and problem. Never a traceback."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from desktop.domain.validation import Problem, name_as_seen
from desktop.storage.pack_file import shown_text
from desktop.ui.widgets import Banner, Button, Heading, VScrollArea, WrapLabel, clear_layout, named, page_layout, said

if TYPE_CHECKING:
    from desktop.ui.data_loading import DataState

MAX_SHOWN = 30


def describe(problem: Problem) -> tuple[str, str]:
    """(where, what) for one problem: 'provisions › MCC-2-173-020 › summary', 'is required'."""
    where = " › ".join(part for part in (problem.table, problem.record, problem.field) if part)
    # a record's id and the words may name files or hold what the pack holds: one line each, in order, a name's
    # bytes that are not UTF-8 as the replacement character (shown_text)
    return name_as_seen(shown_text(where)) or "the whole file", name_as_seen(shown_text(problem.message))


class ProblemsPage(QWidget):
    continued = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "problemsPage", "Data pack problems")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        content.setObjectName("problemsContent")
        outer.addWidget(VScrollArea(content, "problemsScroll"))
        layout = page_layout(content)
        self.banner = Banner("error", "The data pack could not be loaded.", "problemsBanner")
        layout.addWidget(self.banner)
        # What happened, what is used instead and what to do, then Continue, each said once and all in sight at
        # the largest text on 1024 × 600 (the window's banner saying it again is away on this page); the file
        # and its problems below
        self.fallback_label = WrapLabel("", role="summary", object_name="problemsFallback")
        layout.addWidget(self.fallback_label)
        self.continue_button = named(Button("Continue with the bundled data"), "continueButton",
                                     "Continue with the bundled data")
        self.continue_button.setProperty("kind", "primary")
        self.continue_button.clicked.connect(self.continued)
        layout.addWidget(self.continue_button)
        layout.addWidget(Heading("What is wrong", object_name="problemsHeading"))
        self.file_label = WrapLabel("", role="summary", object_name="problemsFile")
        layout.addWidget(self.file_label)
        self.list_box = QVBoxLayout()
        self.list_box.setSpacing(8)
        layout.addLayout(self.list_box)
        layout.addStretch(1)
        self.problem_texts: list[str] = []

    def show_problems(self, data: DataState) -> None:
        """What could not be loaded and why, and the pack used instead (none when nothing could be loaded)."""
        file_name, problems = data.failed_name(), data.problems
        self.banner.set_text(f"{data.failed_what()} could not be loaded.")
        self.file_label.setText(f"{'Folder' if data.failed_folder else 'File'}: {file_name}")
        if data.loaded is not None:
            self.fallback_label.setText(f"Encounter Guide is using {data.describe_pack()} instead. Tell your supervisor.")
            # after a reload that found nothing usable, the pack kept on screen is the installed update, which the
            # button said was bundled: its words come from where the pack came from, as the sentence's do
            words = data.continue_words()
            self.continue_button.setText(words)
            self.continue_button.setAccessibleName(words)
        else:
            self.fallback_label.setText(
                "No usable data pack was found, so there are no answers to show. "
                "Tell your supervisor; Encounter Guide needs to be reinstalled or updated."
            )
        self.continue_button.setVisible(data.loaded is not None)
        clear_layout(self.list_box)
        self.problem_texts = []
        for problem in list(problems)[:MAX_SHOWN]:
            where, what = describe(problem)
            frame = QFrame()
            frame.setObjectName("problemItem")
            frame_layout = QVBoxLayout(frame)
            frame_layout.setContentsMargins(12, 8, 12, 8)
            frame_layout.setSpacing(2)
            where_label = WrapLabel(where, role="fieldName", object_name="problemWhere")
            where_label.setAccessibleName(said(where))  # "provisions, S01, title": no ›, read by its Unicode name
            frame_layout.addWidget(where_label)
            frame_layout.addWidget(WrapLabel(what, object_name="problemWhat"))
            self.list_box.addWidget(frame)
            self.problem_texts.append(f"{where}: {what}")
        if len(problems) > MAX_SHOWN:
            more = WrapLabel(f"… and {len(problems) - MAX_SHOWN} more.", role="muted", object_name="problemsMore")
            self.list_box.addWidget(more)

    def first_focus(self) -> QWidget:
        return self.continue_button if self.continue_button.isVisible() else self
