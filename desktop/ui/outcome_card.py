"""The outcome card: the verdict first (icon + word + colour), the headline, then what to do, not do,
say, document and notify, why, and the citations as links. Copy as text, print, save as PDF."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model import NOTES_HEADING, Outcome, Pack, format_day, unbroken
from desktop.domain.rescission import rescinded_citations, rescission_warning
from desktop.domain.wizard import outcome_text
from desktop.ui.dialog_memory import save_file_name
from desktop.ui.widgets import (
    Banner,
    Button,
    HangingList,
    Heading,
    LinkRow,
    Sign,
    WrapButton,
    WrapLabel,
    chain_tab_order,
    chosen_pdf_path,
    laid_out_height,
    named,
    repolish,
)

#: A verdict is never told by colour alone: each has its own symbol and word.
VERDICT_ICONS = {"not_permitted": "✖", "permitted": "✔", "required": "!", "refer": "☎"}
VERDICT_HINTS = {
    "not_permitted": "CPD may not do this, or help with it.",
    "permitted": "CPD may do this, on the conditions below.",
    "required": "CPD must do this.",
    "refer": "This is unclear or contested: call your supervisor.",
}
SECTION_TITLES = {
    "do": "Do",
    "do_not": "Do not",
    "say": "What to say",
    "document": "Document",
    "notify": "Notify",
}
#: The lists shown side by side where there is room: Do beside Do not, Document beside Notify.
SIDE_BY_SIDE = (("do", "do_not"), ("document", "notify"))
REPORT_WORDS = "Something wrong here? Report a problem with this answer…"
#: How many citations the "Based on" line under the answer names before "and N more".
CITES_NAMED_UP_FRONT = 2
# "document" is a pencil, not a box: a ☐ on a touch screen looks like it can be ticked, and it cannot
BULLETS = {"do": "✔", "do_not": "✖", "document": "✎", "notify": "•"}

try:  # QtPrintSupport ships with PySide6-Essentials, but printing is optional on stripped builds
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    HAVE_PRINTING = True
except ImportError:  # pragma: no cover - depends on the Qt build
    HAVE_PRINTING = False


def ask_print(parent: QWidget, printer: object) -> bool:
    """Show the system print dialog (a seam tests replace: never leave a modal open in tests)."""
    dialog = QPrintDialog(printer, parent)  # type: ignore[arg-type]
    dialog.setObjectName("printDialog")
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def ask_pdf_path(parent: QWidget, suggested: str) -> str:
    """Ask where to save the PDF ('' when cancelled). Tests replace this."""
    path, _filter = save_file_name(parent, "Save as PDF", suggested, "PDF files (*.pdf)")
    return path


def cites_up_front(citations: list[str]) -> str:
    """The line under the verdict: which provisions say so, the first ones by name ("Based on 5 ILCS 805/15(a),
    MCC 2-173-020(a)(1)(C) and 4 more")."""
    named_ = [unbroken(c) for c in citations[:CITES_NAMED_UP_FRONT]]  # "5 ILCS" and "805/15(b)" were two lines
    more = len(citations) - len(named_)
    arrow = "\u00a0\u00a0▾"  # with its word: alone on a line it read as a stray mark under the citations
    if more:
        return f"Based on {', '.join(named_)} and {more} more{arrow}"
    return f"Based on {' and '.join(named_)}{arrow}"


class _Section(QWidget):
    """A heading and its list (each item after its bullet, wrapped lines hanging under the first word);
    hidden when the list is empty. A screen reader hears the heading, then each item as its own line: the
    section has no name of its own (it said them all again), and its bullets are Signs (the heading says them)."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"section_{key}")
        self.key = key
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.heading = Heading(SECTION_TITLES[key], object_name=f"heading_{key}")
        self.heading.setProperty("section", key)
        self._layout.addWidget(self.heading)
        say = key == "say"  # quotations, one under the other, without bullets
        self.list = HangingList(f"list_{key}", f"item_{key}", "say" if say else "list",
                                marker_name="" if say else f"bullet_{key}", selectable=True)
        if not say:  # as the rich-text table these rows replaced: 3 px cell padding
            self.list.layout().setContentsMargins(3, 3, 0, 3)
        else:
            self.list.layout().setSpacing(0)
        self._layout.addWidget(self.list)
        self._layout.addStretch(1)
        self.items: tuple[str, ...] = ()

    @property
    def labels(self) -> list[WrapLabel]:
        """The item labels now shown."""
        return self.list.labels

    def set_items(self, items: tuple[str, ...]) -> None:
        self.items = items
        if self.key == "say":
            self.list.set_items([("", f"“{item}”") for item in items])
        else:
            self.list.set_items([(BULLETS[self.key], item) for item in items])
        self.setVisible(bool(items))


class OutcomeCard(QWidget):
    provision_opened = Signal(str)
    message_posted = Signal(str)
    citations_requested = Signal()  # the "Based on" line was pressed: show the citations
    pdf_saved = Signal(str)
    report_requested = Signal()  # "Report a problem with this answer…" was pressed

    def __init__(self, pack: Pack | None, parent: QWidget | None = None,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        named(self, "outcomeCard", "Outcome")
        self._pack = pack
        self._today = today  # asked each time an answer is shown: a rescission shows from its day, app open or not
        self.outcome: Outcome | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)

        self.verdict_frame = QFrame()
        self.verdict_frame.setObjectName("verdictBanner")
        verdict_layout = QHBoxLayout(self.verdict_frame)
        verdict_layout.setContentsMargins(18, 12, 18, 12)
        verdict_layout.setSpacing(16)
        self.verdict_icon = Sign(object_name="verdictIcon")
        self.verdict_icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        verdict_layout.addWidget(self.verdict_icon, 0)
        words = QVBoxLayout()
        words.setSpacing(0)
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("verdictWord")
        words.addWidget(self.verdict_label)
        self.verdict_hint = WrapLabel("", object_name="verdictHint")
        words.addWidget(self.verdict_hint)
        verdict_layout.addLayout(words, 1)
        layout.addWidget(self.verdict_frame)
        # An answer resting on a provision rescinded since the data was published says so under its verdict
        self.rescinded_banner = Banner("caution", "", "rescindedBanner")
        self.rescinded_banner.hide()
        layout.addWidget(self.rescinded_banner)
        self.headline_label = WrapLabel("", role="headline", object_name="outcomeHeadline")
        self.headline_label.set_selectable()
        layout.addWidget(self.headline_label)

        # Which provisions say so, under the answer: the citations came last, below Do, Do not, What to say,
        # Document, Notify and Why (five screens down at the largest text on 1024 × 600). A press goes to them.
        # Between the verdict and the answer, it pushed what to do below the screen's edge in 165 of 218 answers
        # at the largest text on 1024 × 600 (214 on 800 × 600): the officer read the law's name, not what to do.
        self.cites_summary = WrapButton("", "citesSummaryButton", kind="link")
        self.cites_summary.setToolTip("Go to the provisions this answer rests on")
        self.cites_summary.clicked.connect(self.citations_requested)
        layout.addWidget(self.cites_summary)

        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(28)
        self._grid.setVerticalSpacing(16)
        self.sections = {key: _Section(key) for key in SECTION_TITLES}
        self.stacked = False  # each list under the other (fit_columns), or Do beside Do not and so on
        self._place_sections(stacked=False)
        layout.addLayout(self._grid)

        layout.addWidget(Heading("Why", object_name="heading_why"))
        self.rationale_label = WrapLabel("", object_name="outcomeRationale")
        self.rationale_label.set_selectable()
        layout.addWidget(self.rationale_label)

        self.cites_heading = Heading("Based on (tap to read)", object_name="heading_cites")
        layout.addWidget(self.cites_heading)
        self.cites = LinkRow("citationLinks")
        self.cites.link_activated.connect(self.provision_opened)
        layout.addWidget(self.cites)
        self.missing_cites = WrapLabel("", role="muted", object_name="missingCites")
        layout.addWidget(self.missing_cites)

        actions = QHBoxLayout()
        actions.setSpacing(10)
        # named with the words they show, as voice control hears them said ("press Copy as text"); what they
        # act on is their description
        self.copy_button = named(Button("Copy as text"), "copyOutcomeButton", "Copy as text")
        self.copy_button.setAccessibleDescription("Copy the answer as text")
        self.copy_button.clicked.connect(self.copy_text)
        actions.addWidget(self.copy_button)
        self.print_button = named(Button("Print…"), "printButton", "Print the answer")
        self.print_button.clicked.connect(self.print_outcome)
        self.print_button.setVisible(HAVE_PRINTING)
        actions.addWidget(self.print_button)
        self.pdf_button = named(Button("Save as PDF…"), "savePdfButton", "Save as PDF")
        self.pdf_button.setAccessibleDescription("Save the answer as a PDF file")
        self.pdf_button.clicked.connect(self.save_pdf)
        actions.addWidget(self.pdf_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        # Quiet, below the answer's own actions: a link, not a fourth button beside them
        self.report_button = WrapButton(REPORT_WORDS, "reportProblemButton", kind="quiet",
                                        accessible_name="Report a problem with this answer")
        self.report_button.setToolTip("Write what looks wrong; you see the whole report, and nothing is sent")
        self.report_button.clicked.connect(self.report_requested)
        layout.addWidget(self.report_button)
        layout.addStretch(1)

    def set_pack(self, pack: Pack | None) -> None:
        self._pack = pack

    def check_day(self) -> None:
        """The caution for an answer resting on a provision rescinded by today, for the answer shown: at each
        answer, and when the day changes with the answer on screen (the main window's check_day)."""
        if self._pack is None or self.outcome is None:
            return
        warning = rescission_warning(rescinded_citations(self._pack, self.outcome, self._today()), mark=False)
        self.rescinded_banner.set_text(warning)  # heard "Caution: …"
        self.rescinded_banner.setVisible(bool(warning))

    def show_outcome(self, outcome: Outcome) -> None:
        assert self._pack is not None
        self.outcome = outcome
        self.verdict_icon.setText(VERDICT_ICONS.get(outcome.verdict, "•"))  # a Sign: never heard
        self.verdict_label.setText(outcome.verdict_label)
        self.verdict_label.setAccessibleName(f"Verdict: {outcome.verdict_label}")  # once (the frame has no name)
        self.verdict_hint.setText(VERDICT_HINTS.get(outcome.verdict, ""))
        self.check_day()
        if self.verdict_frame.property("verdict") != outcome.verdict:  # re-styling costs ~1 ms: only on a change
            self.verdict_frame.setProperty("verdict", outcome.verdict)
            repolish(self.verdict_frame)
        self.headline_label.setText(outcome.headline)
        for key, section in self.sections.items():
            section.set_items(getattr(outcome, key))
        self.rationale_label.setText(outcome.rationale)
        links, missing, cited = [], [], []
        for cite in outcome.cites:
            text = self._pack.citation_text(cite)
            provision = self._pack.provision(cite.provision_id)
            if provision is None:
                missing.append(text)
                continue
            links.append((cite.provision_id, f"{text}  ·  {provision.title}", f"Open {text}: {provision.title}"))
            cited.append(text)
        self.cites.set_links(links)
        self.cites_summary.set_label(cites_up_front(cited) if cited else "",
                                     "Based on " + "; ".join(cited) + ". Press to go to them" if cited else "")
        self.cites_summary.setVisible(bool(cited))
        chain_tab_order([self.cites_summary, *self.cites.buttons, self.copy_button, self.print_button, self.pdf_button,
                         self.report_button])
        self.missing_cites.setText("Not in this data pack: " + "; ".join(missing) if missing else "")
        self.missing_cites.setVisible(bool(missing))

    def fit_headline(self, width: int, room: int) -> bool:
        """Type what to do (the headline) at the size of the lists' words where at its own it would end below
        a screen ``room`` px tall under the verdict: at the largest text on 800 × 600, 47 of 220 answers cut it
        at the screen's edge, the verdict and its line of explanation above it (PAPER's "court … street" by
        57 px, S22's entry by 96). The question's words shrink so too (wizard_page._fit_prompt). True when that
        changed its size."""
        small = self.headline_label.property("fit") == "small"
        if small:
            self.headline_label.setProperty("fit", "")
            repolish(self.headline_label)
        spacing = self.layout().spacing()
        above = [self.verdict_frame, *([self.rescinded_banner] if not self.rescinded_banner.isHidden() else [])]
        needed = (sum(laid_out_height(widget, width) + spacing for widget in above)
                  + laid_out_height(self.headline_label, width))
        too_tall = needed > room
        if too_tall:
            self.headline_label.setProperty("fit", "small")
            repolish(self.headline_label)
        return small != too_tall

    def fit_columns(self, width: int, room: int) -> bool:
        """Do beside Do not, and Document beside Notify, where each pair's longer list fits on a screen
        ``room`` px tall at half the card's ``width``; else each list under the other, Do first. Side by side
        at the largest text on 1024 × 600, "Do" ran two screens down past the end of "Do not": the officer read
        to the end of what to do, then had to scroll back up to find what not to do. True when that changed
        the layout."""
        column = (width - self._grid.horizontalSpacing()) // 2
        stacked = any(self.sections[key].items and self.sections[key].heightForWidth(column) > room
                      for pair in SIDE_BY_SIDE for key in pair)
        if stacked == self.stacked:
            return False
        self._place_sections(stacked)
        return True

    def _place_sections(self, stacked: bool) -> None:
        self.stacked = stacked
        for section in self.sections.values():
            self._grid.removeWidget(section)
        if stacked:
            for row, section in enumerate(self.sections.values()):  # SECTION_TITLES' order: do, do not, say, …
                self._grid.addWidget(section, row, 0)
        else:
            (do, do_not), (document, notify) = SIDE_BY_SIDE
            self._grid.addWidget(self.sections[do], 0, 0)
            self._grid.addWidget(self.sections[do_not], 0, 1)
            self._grid.addWidget(self.sections["say"], 1, 0, 1, 2)
            self._grid.addWidget(self.sections[document], 2, 0)
            self._grid.addWidget(self.sections[notify], 2, 1)
        self._grid.setColumnStretch(0, 1)
        self._grid.setColumnStretch(1, 0 if stacked else 1)

    def text_widgets(self) -> list[QWidget]:
        """The widgets whose words show_outcome changes (for settle_layout)."""
        return [self.verdict_label, self.verdict_hint, self.rescinded_banner.text_label, self.cites_summary.text_label, self.headline_label,
                self.rationale_label, self.missing_cites,
                *(label for section in self.sections.values() for label in section.labels), *(b.text_label for b in self.cites.buttons)]

    # -- output -----------------------------------------------------------------------------------------
    def text(self) -> str:
        assert self._pack is not None and self.outcome is not None
        return outcome_text(self._pack, self.outcome, self._today())

    def copy_text(self) -> None:
        if self.outcome is None:
            return
        QGuiApplication.clipboard().setText(self.text())
        self.message_posted.emit("The answer was copied as text.")

    def document(self) -> QTextDocument:
        """The printable card: the same text as "Copy as text", with the pack's date, its disclaimer and the
        publisher's notes (e.g. whether the data has had a legal review), in the handouts' type: the answer at
        their size, the date, the disclaimer and the notes at the smallest they print (handout.print_on_pages)."""
        from desktop.ui.handout import HANDOUT_POINT_SIZE, READABLE_POINT_SIZE

        assert self._pack is not None and self.outcome is not None
        meta = self._pack.meta
        first, _, rest = self.text().partition("\n")
        small = f"font-size:{READABLE_POINT_SIZE:g}pt;color:#444"
        notes = "".join(f"<li>{html.escape(note)}</li>" for note in meta.notes)
        doc = QTextDocument()  # not the card's: laid out on a printer or a PDF that is gone once printed
        doc.setHtml(
            f'<p style="{small}">{html.escape(meta.title)} · data version {meta.data_version}'
            f" · as of {format_day(meta.as_of)}</p>"
            f'<h2 style="font-size:{HANDOUT_POINT_SIZE * 1.4:g}pt">{html.escape(first)}</h2>'
            f'<pre style="font-family:sans-serif;font-size:{HANDOUT_POINT_SIZE:g}pt;white-space:pre-wrap">'
            f'{html.escape(rest)}</pre>'
            f'<p style="{small}">{html.escape(meta.disclaimer)}</p>'
            + (f'<p style="{small};margin-bottom:0"><b>{NOTES_HEADING}:</b></p><ul style="{small};margin-top:0">{notes}</ul>'
               if notes else "")
        )
        return doc

    def print_outcome(self) -> None:
        if self.outcome is None or not HAVE_PRINTING:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if not ask_print(self, printer):
            return
        from desktop.ui.handout import print_on_pages  # printing only: not on the way to the window

        if print_on_pages(self.document(), printer):
            self.message_posted.emit("The answer was sent to the printer.")
        else:
            self.message_posted.emit("Could not print the answer. Check the printer and try again.")

    def write_pdf(self, path: str) -> bool:
        """Write the card as a PDF. Raises OSError when the file cannot be written."""
        from desktop.ui.handout import save_pages_as_pdf  # printing only: not on the way to the window

        return save_pages_as_pdf(path, self.outcome.headline if self.outcome else "Encounter Guide",
                                 lambda _pdf: self.document())

    def save_pdf(self) -> None:
        if self.outcome is None:
            return
        path = ask_pdf_path(self, str(Path.home() / "encounter-guide-answer.pdf"))
        if not path:
            return
        path = chosen_pdf_path(self, path)
        if path is None:
            return
        try:
            ok = self.write_pdf(path)
        except OSError as exc:
            self.message_posted.emit(f"Could not save the PDF: {exc.strerror or exc}")
            return
        if ok:
            self.message_posted.emit(f"Saved as {path}")
            self.pdf_saved.emit(path)
        else:
            self.message_posted.emit(f"Could not save the PDF to {path}. Choose another folder.")

    def first_focus(self) -> QWidget:
        return self.cites.buttons[0] if self.cites.buttons else self.copy_button
