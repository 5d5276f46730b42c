"""The provision reader: title, citation and plain summary first (so the officer knows what it is
before anything else), then compact status banners saying when it is unverified, contested, in
litigation or reference-only, then the operative text, the source details and related provisions.
The source URL is text only: the app never opens the network."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model import Pack, Provision, format_partial_date
from desktop.domain.rescission import rescission_notice
from desktop.ui import keys
from desktop.ui.search_widget import JURISDICTION_LABELS
from desktop.ui.widgets import (
    Badge,
    Banner,
    Button,
    Heading,
    LinkRow,
    VScrollArea,
    WrapButton,
    WrapLabel,
    chain_tab_order,
    field_name,
    named,
    page_layout,
    repolish,
    settle_layout,
    show_added,
    show_first,
    words_width,
)

CONFIDENCE_BADGES = {
    "verified": ("✔ Verified", "verified", "The operative text itself was checked."),
    "secondary": ("Secondary source", "secondary", "Checked against an official summary or consistent reporting."),
    "unverified": ("⚠ Unverified", "unverified", "The operative text was not found; treat with care."),
}
NOTE_BANNERS = {
    "litigation": ("litigation", "In litigation"),
    "contested": ("caution", "Contested"),
    "unverified": ("caution", "Not verified"),
    "superseded": ("caution", "Superseded"),
    "info": ("info", "Note"),
}
REFERENCE_ONLY_TEXT = (
    "Reference only: this explains the background. It does not decide what you do; the situations' "
    "answers cite the rules that do."
)
#: The source's details, in the order shown, each with its words for a provision ("" when it has none); a rule
#: shows those it has (then its address, if it has one).
DETAILS: tuple[tuple[str, Callable[[Provision], str]], ...] = (
    ("Document", lambda p: p.source.document),
    ("Number", lambda p: p.source.number or ""),
    ("Section", lambda p: p.source.section or ""),
    ("Signed", lambda p: format_partial_date(p.dates.signed)),
    ("Effective", lambda p: format_partial_date(p.dates.effective)),
    ("Amended", lambda p: format_partial_date(p.dates.amended)),
    ("Rescinded", lambda p: format_partial_date(p.dates.rescinded)),
    ("Retrieved", lambda p: format_partial_date(p.source.retrieved)),
)
UNVERIFIED_TEXT = "Unverified: the wording of this provision was not seen. Treat it with care and ask a supervisor."


def citation_for_copy(provision: Provision) -> str:
    """What "Copy citation" puts on the clipboard: the citation, its title and its source."""
    return f"{provision.citation()}: {provision.title} ({provision.source.document})"


class AddressField(QLineEdit):
    """The source address, read-only. Reached with Tab it is all selected (to copy), showing its start: Qt put
    the cursor at its end, so a long address showed "cago/latest/chicago_il/0-0-0-2605272", not whose site."""

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        super().focusInEvent(event)
        if self.hasSelectedText() and self.selectedText() == self.text():
            self.setSelection(len(self.text()), -len(self.text()))  # all of it, the cursor at its start


class ProvisionPage(QWidget):
    provision_opened = Signal(str)
    citation_copied = Signal(str)
    report_requested = Signal()  # "Report a problem with this provision…" was pressed
    back_requested = Signal()  # "Back to the answer" was pressed

    def __init__(self, pack: Pack | None, parent: QWidget | None = None,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        named(self, "provisionPage", "Provision")
        self._pack = pack
        self._today = today
        self.provision: Provision | None = None
        self._opened = ""  # while Back shows this provision again: the related provision opened from it
        self._tab_chain: list[QWidget] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        # Opened from an answer's "Based on": one labelled way back to that answer, above the page so it stays in
        # sight however far the officer reads (the top bar's ◀ alone, beside the wizard's "◀ Back" that undoes an
        # answer, did not say where it went). It steps back in the window's history, as ◀ does.
        self.back_row = QWidget()
        self.back_row.setObjectName("provisionBackRow")
        back_layout = QHBoxLayout(self.back_row)
        back_layout.setContentsMargins(24, 12, 24, 0)
        self.back_to_answer_button = named(Button("◀  Back to the answer"), "backToAnswerButton", "Back to the answer")
        self.back_to_answer_button.setToolTip(f"Back to the answer ({keys.platform_writer()(keys.BACK[0])})")
        self.back_to_answer_button.clicked.connect(self.back_requested)
        back_layout.addWidget(self.back_to_answer_button)
        back_layout.addStretch(1)
        self._back_layout = back_layout
        outer.addWidget(self.back_row)
        self.back_row.hide()
        content = QWidget()
        content.setObjectName("provisionContent")
        self.scroll = VScrollArea(content, "provisionScroll", "The provision")  # has the keys where no control shows
        self.scroll.home_and_end = True
        self.scroll.keeps_place = True
        outer.addWidget(self.scroll)
        self.scroll.viewport().installEventFilter(self)  # a new size may fit the title at its own size, or not
        layout = page_layout(content)
        self._layout = layout

        self.title_label = WrapLabel("", role="h1", object_name="provisionTitle")
        layout.addWidget(self.title_label)

        citation_row = QHBoxLayout()
        citation_row.setSpacing(12)
        self.citation_label = WrapLabel("", role="citation", object_name="provisionCitation")
        self.citation_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        citation_row.addWidget(self.citation_label, 1)
        self.copy_button = named(Button("Copy citation"), "copyCitationButton", "Copy citation")
        self.copy_button.clicked.connect(self.copy_citation)
        citation_row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        self._citation_row = citation_row
        layout.addLayout(citation_row)
        # The badges, banners and detail rows are kept and refilled from rule to rule, as the link buttons are:
        # new widgets, each polished by the style sheet, made every opening slow
        self.badge_box = QHBoxLayout()
        self.badge_box.setSpacing(8)
        self.jurisdiction_badge = Badge("", "jurisdiction", "jurisdictionBadge")
        self.confidence_badge = Badge("", "secondary", "confidenceBadge")
        self.reference_badge = Badge("Reference only", "reference", "referenceBadge")
        for badge in (self.jurisdiction_badge, self.confidence_badge, self.reference_badge):
            self.badge_box.addWidget(badge)
        self.badge_box.addStretch(1)
        layout.addLayout(self.badge_box)

        self.summary_label = WrapLabel("", role="summary", object_name="provisionSummary")
        layout.addWidget(self.summary_label)

        self.banner_box = QVBoxLayout()  # after the summary: what it is first, then how far to trust it
        self.banner_box.setSpacing(4)
        layout.addLayout(self.banner_box)
        self._banner_pool: list[Banner] = []
        self.banners: list[Banner] = []  # those shown

        self.text_heading = Heading("", object_name="provisionTextHeading")
        layout.addWidget(self.text_heading)
        self.text_frame = QFrame()
        self.text_frame.setObjectName("provisionTextFrame")
        frame_layout = QVBoxLayout(self.text_frame)
        frame_layout.setContentsMargins(16, 12, 16, 12)
        self.text_label = WrapLabel("", role="operative", object_name="provisionText")
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        frame_layout.addWidget(self.text_label)
        layout.addWidget(self.text_frame)

        layout.addWidget(Heading("Source", object_name="provisionSourceHeading"))
        self.details = QGridLayout()
        self.details.setHorizontalSpacing(16)
        self.details.setVerticalSpacing(6)
        self.details.setColumnStretch(1, 1)
        layout.addLayout(self.details)
        self._detail_rows: dict[str, tuple[QWidget, WrapLabel]] = {}
        for row, (name, _value) in enumerate(DETAILS):
            value_label = WrapLabel("", object_name=f"detail{name}")
            value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._detail_rows[name] = (field_name(name, "detailName"), value_label)
            self.details.addWidget(self._detail_rows[name][0], row, 0, Qt.AlignmentFlag.AlignTop)
            self.details.addWidget(value_label, row, 1)
        self.address_name = WrapLabel("Address", role="fieldName", object_name="detailName")
        self.url_field = named(AddressField(), "sourceUrl", "Source address (text only, not a link)")
        self.url_field.setReadOnly(True)
        self.url_field.setToolTip("Shown as text only. Encounter Guide never goes online.")
        self.details.addWidget(self.address_name, len(DETAILS), 0, Qt.AlignmentFlag.AlignVCenter)
        self.details.addWidget(self.url_field, len(DETAILS), 1)

        self.related_heading = Heading("Related", object_name="relatedHeading")
        layout.addWidget(self.related_heading)
        self.related = LinkRow("relatedLinks")
        self.related.link_activated.connect(self.provision_opened)
        layout.addWidget(self.related)
        # Quiet, where the reading ends: a link, not a button beside Copy citation
        self.report_button = WrapButton("Something wrong here? Report a problem with this provision…",
                                        "reportProblemButton", kind="quiet",
                                        accessible_name="Report a problem with this provision")
        self.report_button.setToolTip("Write what looks wrong; you see the whole report, and nothing is sent")
        self.report_button.clicked.connect(self.report_requested)
        layout.addWidget(self.report_button)
        layout.addStretch(1)
        self.detail_values: dict[str, str] = {}

    def set_pack(self, pack: Pack | None) -> None:
        self._pack = pack

    def show_provision(self, provision_id: str, opened: str = "", from_answer: bool = False) -> bool:
        """Show a provision. ``opened``: the related provision opened from it, whose link takes the focus again
        (Back from it). ``from_answer``: it was opened from an answer's citations, so "Back to the answer" shows."""
        provision = self._pack.provision(provision_id) if self._pack is not None else None
        if provision is None:
            return False
        self.provision = provision
        self._opened = opened
        self.back_row.setVisible(from_answer)
        self._fill(provision)
        self.fit_title()
        self.scroll.verticalScrollBar().setValue(0)
        return True

    def fit_title(self, restyled: bool = False) -> bool:
        """Type the title at the summary's size where at its own the summary's first two lines, what the rule
        means, would be below the screen's edge: at the largest text on 800 × 600, 17 of the bundled pack's 67
        provisions opened on a title of up to five lines, the citation and the badges, and not a word of what
        it says. Where even then they would not, and "Back to the answer" takes a row above the page, Copy
        citation goes up into that row, beside it, and the citation takes the page's width: opened from an
        answer, 2 provisions (IL-TRUST-15h, LIT-ILvTRUMP) still began their summary at the screen's edge, the
        citation in three or four lines beside the button. ``restyled``: new type sizes, laid out first. True
        when that changed the title's size or the button's place."""
        if restyled:
            settle_layout([self.title_label, self.citation_label, self.summary_label])
        small = self.title_label.property("fit") == "small"
        if small:
            self.title_label.setProperty("fit", "")
            repolish(self.title_label)
        room = self.scroll.viewport().height()
        too_tall = self._height_to_summary(copy_beside=True) > room
        if too_tall:
            self.title_label.setProperty("fit", "small")
            repolish(self.title_label)
        copy_up = (too_tall and not self.back_row.isHidden()
                   and self._height_to_summary(copy_beside=True) > room >= self._height_to_summary(copy_beside=False))
        moved = copy_up != self.copy_up
        if moved:
            self._place_copy_button(copy_up)
        if small != too_tall or moved:
            settle_layout([self.title_label, self.citation_label])
        return small != too_tall or moved

    @property
    def copy_up(self) -> bool:
        """Whether Copy citation sits in the row of "Back to the answer" (fit_title), not beside the citation."""
        return self.copy_button.parentWidget() is self.back_row

    def _place_copy_button(self, up: bool) -> None:
        focused = self.copy_button.hasFocus()
        if up:
            self._citation_row.removeWidget(self.copy_button)
            self._back_layout.addWidget(self.copy_button)
        else:
            self._back_layout.removeWidget(self.copy_button)
            self._citation_row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        self.copy_button.show()  # a widget given a new parent is hidden until shown
        chain_tab_order(self._tab_chain)  # and is put at the end of the focus chain
        if focused:
            self.copy_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _height_to_summary(self, copy_beside: bool) -> int:
        """The height from the page's top to the end of the summary's second line, as its layout sizes them,
        with Copy citation beside the citation or not."""
        width = words_width(self.scroll)
        spacing = self._layout.spacing()
        if copy_beside:
            copy = self.copy_button.sizeHint().width() + spacing
            citation = max(self.citation_label.heightForWidth(width - copy), self.copy_button.sizeHint().height())
        else:
            citation = self.citation_label.heightForWidth(width)
        badges = max(badge.sizeHint().height() for badge in (self.jurisdiction_badge, self.confidence_badge))
        summary = min(self.summary_label.heightForWidth(width), 2 * self.summary_label.fontMetrics().lineSpacing())
        return (self._layout.contentsMargins().top() + self.title_label.heightForWidth(width) + citation + badges
                + summary + 3 * spacing)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Resize and watched is self.scroll.viewport() and self.provision is not None:
            self.fit_title()
        return super().eventFilter(watched, event)

    def check_day(self) -> None:
        """The day changed with a provision on screen: its banners say what they would if it were opened now
        (a rescission reached overnight); the reader's place is kept."""
        if self.provision is not None:
            bar = self.scroll.verticalScrollBar()
            place = bar.value()
            self._fill(self.provision)
            bar.setValue(place)

    def _fill(self, p: Provision) -> None:
        # the provisions its words name by the pack's id ("see LIT-USvIL-2025"), found once: named by their
        # citations in its words (_spelt_out, nothing to do for most) and one tap away in its links
        named = self._pack.provisions_named_in(p.summary, p.text, *(n.text for n in p.status_notes)) if self._pack else []
        spelt = self._spelt_out if named else (lambda text: text)
        notices = self._notices(p, spelt)
        while len(self._banner_pool) < len(notices):
            banner = Banner("info", "", "provisionBanner")
            banner.layout().setContentsMargins(10, 4, 8, 4)  # compact: several can stack on a small screen
            self.banner_box.addWidget(banner)
            self._banner_pool.append(banner)
        for banner, (kind, text) in zip(self._banner_pool, notices, strict=False):
            banner.set_kind(kind)
            banner.set_text(text)
        show_first(self._banner_pool, len(notices))
        self.banners = self._banner_pool[: len(notices)]

        self.title_label.setText(p.title)
        self.citation_label.setText(p.citation())
        self.jurisdiction_badge.set_badge(JURISDICTION_LABELS.get(p.jurisdiction, p.jurisdiction), "jurisdiction")
        text, kind, explanation = CONFIDENCE_BADGES.get(p.confidence, (p.confidence, "secondary", ""))
        self.confidence_badge.set_badge(text, kind)
        self.confidence_badge.setToolTip(explanation)
        self.confidence_badge.setAccessibleDescription(explanation)
        self.reference_badge.setVisible(not p.operative)

        self.summary_label.setText(spelt(p.summary))
        self.text_heading.setText("Quoted text" if p.text_is_verbatim else "What it says (description, not a quotation)")
        if self.text_frame.property("verbatim") != p.text_is_verbatim:
            self.text_frame.setProperty("verbatim", p.text_is_verbatim)
            repolish(self.text_frame)  # its QSS depends on the "verbatim" property
        self.text_label.setText(p.text if p.text_is_verbatim else spelt(p.text))  # a quotation as it is

        values = {name: value(p) for name, value in DETAILS}
        self.detail_values = {name: value for name, value in values.items() if value}
        for name, (name_label, value_label) in self._detail_rows.items():
            value_label.setText(values[name])
            name_label.setVisible(bool(values[name]))
            value_label.setVisible(bool(values[name]))
        if p.source.url:
            self.detail_values["Address"] = p.source.url
            self.url_field.setText(p.source.url)
            self.url_field.setCursorPosition(0)
        self.address_name.setVisible(bool(p.source.url))
        self.url_field.setVisible(bool(p.source.url))

        links = []
        for related_id in dict.fromkeys([*p.related, *(i for i in named if i != p.provision_id)]):
            other = self._pack.provision(related_id) if self._pack is not None else None
            if other is None:
                continue
            links.append((related_id, f"{other.citation()}  ·  {other.title}", f"Open {other.citation()}: {other.title}"))
        self.related.set_links(links)
        self.related_heading.setVisible(bool(links))
        self.related.setVisible(bool(links))
        self._tab_chain = [self.back_to_answer_button, self.copy_button, *([self.url_field] if p.source.url else []),
                           *self.related.buttons, self.report_button]
        chain_tab_order(self._tab_chain)
        show_added(self.scroll.widget())  # a banner or link button added now, in the first frame, not the next

    def _spelt_out(self, text: str) -> str:
        """``text`` with the provisions it names by id named by their citations (Pack.spelt_out)."""
        return self._pack.spelt_out(text) if self._pack is not None else text

    def _notices(self, p: Provision, spelt: Callable[[str], str]) -> list[tuple[str, str]]:
        """The banners ``p`` gets today, (kind, words) each, in order; a note's words ``spelt`` (_spelt_out)."""
        notices = []
        # first: whatever else is said of it, it may no longer be the law
        rescission = rescission_notice(p, self._today())
        if rescission.kind == "caution":
            notices.append(("caution", f"{rescission.text}. Answers that rest on it may no longer be right: call your "
                                       "supervisor."))
        elif rescission.kind:
            notices.append((rescission.kind, f"{rescission.text}."))
        if p.confidence == "unverified" and not p.has_note("unverified"):
            notices.append(("caution", UNVERIFIED_TEXT))
        for note in p.status_notes:
            kind, word = NOTE_BANNERS.get(note.kind, ("info", "Note"))
            notices.append((kind, f"{word}: {spelt(note.text)}"))
        if not p.operative:
            notices.append(("info", REFERENCE_ONLY_TEXT))
        return notices

    def copy_citation(self) -> None:
        if self.provision is None:
            return
        text = citation_for_copy(self.provision)
        QGuiApplication.clipboard().setText(text)
        self.citation_copied.emit(text)

    def first_focus(self) -> QWidget:
        # Back from a related provision: its link, where the officer was, not Copy citation at the top (the
        # next related link was a dozen Tabs away again)
        return self.related.button_for(self._opened) or self.copy_button

    def reveal(self, widget: QWidget) -> None:
        """Give ``widget`` the focus and scroll it into sight (a related link may be below the screen's edge)."""
        self.scroll.settle_scroll_bar()  # just filled and shown: its first frame has the bar and the links' width
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if widget is not self.copy_button:
            self.scroll.bring_into_sight(widget)  # the page was just filled (new banners and details) and shown
