"""Help → Report a problem with this screen: the officer writes what looks wrong and sees, as they type, exactly
what the report will hold (domain.problem_report). Nothing is written anywhere unless they press Save… and pick a
file; Copy puts the text on the clipboard; Cancel leaves nothing behind. The app never sends it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.domain import problem_report as pr
from desktop.domain.model import Pack
from desktop.storage.pack_file import ReadOnlyFileError, plain_os_error
from desktop.storage.user_files import write_user_file
from desktop.ui.dialog_memory import save_file_name
from desktop.ui.lazy_qt import Qt
from desktop.ui.widgets import Banner, Heading, VScrollArea, WrapLabel, breakable_words, fit_to_screen, named

WHAT_LOOKS_WRONG = "What looks wrong?"
NOTHING_SENT = ("Nothing is sent. The report is kept only if you save it, in a file you choose, or copy it. "
                "Give it to your supervisor.")
SUGGESTED_NAME = "encounter-guide-problem-report.txt"
PREVIEW_HEADING = "The report will hold exactly this"
#: The comment box's height in lines of its text: room to write, and the rest of the dialog in sight
COMMENT_LINES = 3


def ask_report_path(parent: QWidget, suggested: str) -> str:
    """Ask where to save the report ('' when cancelled). Tests replace this."""
    path, _filter = save_file_name(parent, "Save the problem report", suggested, "Text files (*.txt)")
    return path


class RowCheckBox(QCheckBox):
    """A box ticked by a tap anywhere on its row, not only on the box and its words: a glove's target."""

    def hitButton(self, pos: QPoint) -> bool:  # noqa: N802 (Qt API)
        return self.rect().contains(pos)


class _ReportScroll(VScrollArea):
    """The box's words. Tab within them scrolls as ReportDialog.focusNextPrevChild says, not as Qt does: Qt centred
    a widget taller than the box on it, and the report Tab reached showed from its middle."""

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt API)
        return QWidget.focusNextPrevChild(self, forward)


class ReportDialog(QDialog):
    """The report about ``screen`` (for search results, ``query``: the words searched, left out unless ticked),
    with ``answers`` (the walk's answers so far, left out unless ticked; None: not on a walk)."""

    report_saved = Signal(str)  # the file's path
    report_copied = Signal()

    def __init__(self, pack: Pack, sha256: str, screen: pr.Screen, answers: tuple[pr.Answer, ...] | None = None,
                 query: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "reportDialog", "Report a problem with this screen")
        self.setWindowTitle("Report a problem with this screen")
        self._pack, self._sha256, self._screen, self._answers, self._query = pack, sha256, screen, answers, query
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        content = QWidget()
        content.setObjectName("reportContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(10)
        self.scroll = _ReportScroll(content, "reportScroll")
        outer.addWidget(self.scroll, 1)

        layout.addWidget(WrapLabel(NOTHING_SENT, role="muted", object_name="reportNothingSent"))
        self.warning = Banner("caution", pr.PRIVACY_WARNING, "reportWarning")
        layout.addWidget(self.warning)
        self.comment_label = WrapLabel(WHAT_LOOKS_WRONG, role="section", object_name="reportCommentLabel")
        layout.addWidget(self.comment_label)
        self.comment = named(QPlainTextEdit(), "reportComment", WHAT_LOOKS_WRONG, pr.PRIVACY_WARNING)
        self.comment.setTabChangesFocus(True)  # Tab goes on to the boxes and buttons, as everywhere else
        self.comment.setPlaceholderText("For example: the answer says to call a supervisor, but the directive says…")
        self.comment_label.setBuddy(self.comment)
        self.comment.setFocus()  # the officer writes first
        layout.addWidget(self.comment)
        self.include_answers = named(RowCheckBox("Include my answers so far"), "includeAnswersBox",
                                     "Include my answers so far")
        self.include_answers.setVisible(answers is not None)
        layout.addWidget(self.include_answers)
        self.include_query = named(RowCheckBox("Include my search words"), "includeQueryBox", "Include my search words")
        self.include_query.setVisible(screen.kind == "search" and bool(query.strip()))
        layout.addWidget(self.include_query)

        self.preview_heading = Heading(PREVIEW_HEADING, object_name="reportPreviewHeading")
        layout.addWidget(self.preview_heading)
        # A Tab stop (ringed) after the boxes: PageDown and the arrows then scroll the report, which runs 1,200 px
        # past the box at the largest text on 800 × 600. No key reached it: from the comment they went to the
        # words typed, from Save, Copy and Cancel (below the scrolled part) nowhere.
        frame = named(QFrame(), "reportPreview", PREVIEW_HEADING)
        frame.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.preview_frame = frame
        frame_layout = QVBoxLayout(frame)
        frame_layout.setContentsMargins(12, 8, 12, 8)
        self.preview = WrapLabel("", object_name="reportPreviewText")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        frame_layout.addWidget(self.preview)
        layout.addWidget(frame)
        layout.addStretch(1)

        # "Could not save…" in the themes' error colours and frame, the width of the dialog above the buttons: grey
        # beside them, it read as a hint, and at the largest text on 800 × 600 it took seven lines of 260 px there
        self.error_label = WrapLabel("", role="error", object_name="reportError")
        self.error_label.hide()
        error_row = QVBoxLayout()
        error_row.setContentsMargins(24, 8, 24, 0)
        error_row.addWidget(self.error_label)
        outer.addLayout(error_row)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(24, 8, 24, 12)
        buttons.setSpacing(10)
        buttons.addStretch(1)
        self.save_button = named(QPushButton("Save…"), "reportSaveButton", "Save the report to a file")
        self.save_button.setProperty("kind", "primary")
        self.copy_button = named(QPushButton("Copy"), "reportCopyButton", "Copy the report")
        self.cancel_button = named(QPushButton("Cancel"), "reportCancelButton", "Cancel: keep nothing")
        for button in (self.save_button, self.copy_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter writes a new line in the box, never saves by surprise
            buttons.addWidget(button)
        outer.addLayout(buttons)

        self.comment.textChanged.connect(self._update_preview)
        self.include_answers.toggled.connect(self._update_preview)
        self.include_query.toggled.connect(self._update_preview)
        self.save_button.clicked.connect(self.save)
        self.copy_button.clicked.connect(self.copy)
        self.cancel_button.clicked.connect(self.reject)
        self._update_preview()
        fit_to_screen(self, 760, 640, within=parent)

    def report(self) -> pr.ProblemReport:
        """The report as it stands: the officer's words, and what they chose to include."""
        screen = pr.search_screen(self._query, self.include_query.isChecked()) if self._screen.kind == "search" \
            else self._screen
        answers = self._answers if self.include_answers.isChecked() else None
        return pr.make_report(self._pack, self._sha256, screen, self.comment.toPlainText(), __version__, answers)

    def text(self) -> str:
        return pr.render(self.report())

    def _update_preview(self) -> None:
        text = self.text()
        self.preview.setText(breakable_words(text))  # a SHA-256 or a long id wraps instead of widening
        self.preview_frame.setAccessibleDescription(text)  # what a screen reader hears on reaching it

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt API)
        """Tab to the report shows it from its heading, PageDown reading on from there; to a widget in the box
        above, Tab scrolls as little as shows it (from Cancel back to the comment too, which Qt left unscrolled)."""
        moved = super().focusNextPrevChild(forward)
        focus = self.focusWidget()
        if moved and focus is not None and self.scroll.widget().isAncestorOf(focus):
            if focus is self.preview_frame:
                bar = self.scroll.verticalScrollBar()
                bar.setValue(self.preview_heading.mapTo(self.scroll.widget(), QPoint(0, 0)).y())
            else:
                self.scroll.ensureWidgetVisible(focus)
        return moved

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        # in the theme's type size, known once the window's style sheet has polished the box
        self.comment.setFixedHeight(self.comment.fontMetrics().lineSpacing() * COMMENT_LINES + 20)
        super().showEvent(event)

    def save(self) -> None:
        path = ask_report_path(self, str(Path.home() / SUGGESTED_NAME))
        if not path:
            return
        try:
            write_user_file(self.text().encode("utf-8"), path)
        except OSError as exc:
            after = "" if isinstance(exc, ReadOnlyFileError) else " Choose another folder."  # it says what to do
            self.error_label.setText(f"Could not save {Path(path).name}: {plain_os_error(exc)}.{after}")  # which one
            self.error_label.show()
            return
        self.report_saved.emit(path)
        self.accept()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self.report_copied.emit()
        self.accept()
