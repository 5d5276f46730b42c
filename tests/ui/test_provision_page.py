"""The provision reader: answer first, honest labels, loud caution banners, no network."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QLineEdit, QScrollArea, QWidget

from desktop.ui.history import PROVISION
from tests.ui.ui_helpers import settle

UI_SOURCES = Path(__file__).resolve().parents[2] / "desktop" / "ui"


def _open(window, provision_id):
    window.open_provision(provision_id)
    assert window.current_kind() == PROVISION
    return window.provision_page


def test_title_summary_and_description_label(window):
    page = _open(window, "MCC-2-173-020(a)(1)")
    assert page.title_label.text() == "No stop, arrest or detention for civil immigration reasons"
    assert page.citation_label.text() == "MCC 2-173-020(a)(1)"
    assert page.summary_label.text().startswith("CPD may not stop, arrest or hold anyone")
    assert page.text_heading.text() == "What it says (description, not a quotation)"
    layout = page.title_label.parentWidget().layout()
    assert layout.indexOf(page.title_label) < layout.indexOf(page.summary_label) < layout.indexOf(page.text_frame)
    assert page.detail_values["Document"] == "Municipal Code of Chicago, Welcoming City Ordinance"
    assert page.detail_values["Section"] == "(a)(1)(A)-(C)"
    assert page.detail_values["Amended"] == "27 Jan 2021"
    assert not page.banners, "a verified, operative provision needs no caution banner"
    badges = {b.objectName(): b.text() for b in page.findChildren(QLabel) if b.property("badge") and b.isVisible()}
    assert badges == {"jurisdictionBadge": "City", "confidenceBadge": "✔ Verified"}


def test_verbatim_text_is_labelled_as_a_quotation(qtbot, mini_pack):
    import dataclasses

    from desktop.ui.provision_page import ProvisionPage

    provisions = tuple(
        dataclasses.replace(p, text_is_verbatim=True) if p.provision_id == "IL-TRUST-15a" else p
        for p in mini_pack.provisions
    )
    page = ProvisionPage(dataclasses.replace(mini_pack, provisions=provisions))
    qtbot.addWidget(page)
    assert page.show_provision("IL-TRUST-15a")
    assert page.text_heading.text() == "Quoted text"
    assert page.text_frame.property("verbatim") is True


def test_a_provision_named_by_id_in_its_words_is_named_by_citation_and_one_tap_away(qtbot, mini_pack):
    """A banner read "… no appeal ruling was found (see LIT-USvIL-2025)": the pack's id for the suit, which an
    officer cannot look up, and no link to it. The words name its citation, and it is among the related
    provisions, one tap away; a quotation is left as it is."""
    import dataclasses

    from desktop.domain.model import StatusNote
    from desktop.ui.provision_page import ProvisionPage

    see = "DOJ appealed (see LIT-USvIL-2025)."
    provisions = tuple(
        dataclasses.replace(p, status_notes=(StatusNote("litigation", see),), text=p.text + " " + see, related=())
        if p.provision_id == "MCC-2-173-020(a)(1)" else p
        for p in mini_pack.provisions
    )
    page = ProvisionPage(dataclasses.replace(mini_pack, provisions=provisions))
    qtbot.addWidget(page)
    assert page.show_provision("MCC-2-173-020(a)(1)")
    assert [b.text() for b in page.banners] == ["In litigation: DOJ appealed (see N.D. Ill. 1:25-cv-01285)."]
    assert page.text_label.text().endswith("DOJ appealed (see N.D. Ill. 1:25-cv-01285).")
    assert [b.label() for b in page.related.buttons] == [
        "N.D. Ill. 1:25-cv-01285  ·  " + mini_pack.provision("LIT-USvIL-2025").title]
    with qtbot.wait_signal(page.provision_opened) as opened:
        qtbot.mouseClick(page.related.buttons[0], Qt.MouseButton.LeftButton)
    assert opened.args == ["LIT-USvIL-2025"]

    quoted = tuple(dataclasses.replace(p, text_is_verbatim=True) for p in provisions)
    page.set_pack(dataclasses.replace(mini_pack, provisions=quoted))
    assert page.show_provision("MCC-2-173-020(a)(1)")
    assert page.text_label.text().endswith(see)


def test_source_url_is_plain_text_never_a_link(window):
    page = _open(window, "MCC-2-173-020(a)(1)")
    assert isinstance(page.url_field, QLineEdit) and page.url_field.isReadOnly()
    assert page.url_field.text().startswith("https://codelibrary.amlegal.com/")
    for label in page.findChildren(QLabel):
        assert not label.openExternalLinks()
        assert "<a " not in label.text().lower()


def test_a_third_rule_with_a_source_address_opens(qtbot, make_window):
    """A rule with a source address shown after another deleted the address box (clear_layout took it with the
    rest, deleteLater), so the next rule, once the window had run, failed to open: "Internal C++ object
    (AddressField) already deleted"."""
    from PySide6.QtCore import QEvent

    from desktop.ui.data_loading import load_data
    from desktop.ui.history import Location

    window = make_window(data=load_data(None))
    with_address = [p for p in window.pack.provisions if p.source.url][:3]
    for provision in with_address:
        window.navigate(Location(PROVISION, provision.provision_id))
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # what the running window does
        assert window.page(PROVISION).url_field.text() == provision.source.url
        assert window.page(PROVISION).url_field.isVisible()


def test_opening_a_rule_reuses_the_pages_widgets(qtbot, make_window):
    """Each rule opened threw away and rebuilt its banners, badges and detail rows (~17 new widgets, each
    polished by the style sheet: most of an opening's 14-35 ms of CPU). Once the page has shown every rule, a
    rule opened again (none has more rows than the most shown) creates no widget, and shows what it did."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None))
    ids = [p.provision_id for p in window.pack.provisions]
    page = _open(window, ids[0])
    for provision_id in ids[1:]:
        _open(window, provision_id)
    for provision_id in [*ids[::-1], *ids]:  # the rules with fewest rows after those with most, and the reverse
        before = page.findChildren(QWidget)
        _open(window, provision_id)
        created = [w.objectName() for w in page.findChildren(QWidget) if all(w is not b for b in before)]
        assert not created, f"{provision_id} created {created}"


def test_a_reused_banner_badge_and_detail_row_show_the_new_rule(window):
    page = _open(window, "LIT-USvIL-2025")  # In litigation, two notes; reference only; no section, no address
    assert page.reference_badge.isVisible()
    page = _open(window, "CHI-EO-2025-8")  # one caution
    assert [(b.kind, b.property("banner"), b.icon_label.text()) for b in page.banners] == [("caution", "caution", "⚠")]
    assert [b for b in page.findChildren(QFrame, "provisionBanner") if b.isVisible()] == page.banners
    assert not page.reference_badge.isVisible()
    page = _open(window, "MCC-2-173-020(a)(1)")  # verified, with a section and an address; no banner
    assert not [b for b in page.findChildren(QFrame, "provisionBanner") if b.isVisible()]
    assert page.confidence_badge.property("badge") == "verified"
    assert page.confidence_badge.accessibleName() == "Verified"
    shown = {label.objectName(): label.text() for label in page.findChildren(QLabel) if label.isVisible()}
    assert shown["detailSection"] == "(a)(1)(A)-(C)" and page.url_field.isVisible()
    page = _open(window, "LIT-USvIL-2025")
    assert not page.findChild(QLabel, "detailSection").isVisible() and not page.url_field.isVisible()
    assert [b.kind for b in page.banners] == ["litigation", "info", "info"]


def test_the_app_never_opens_the_network():
    for source in UI_SOURCES.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        for forbidden in ("QDesktopServices", "openUrl", "setOpenExternalLinks(True)", "QtNetwork", "QWebEngine"):
            assert forbidden not in text, f"{source.name} uses {forbidden}"


def test_unverified_provision_shows_a_caution_banner(window):
    page = _open(window, "CHI-EO-2025-8")
    texts = [b.text() for b in page.banners]
    assert texts == ["Not verified: Section numbers of the order were not seen."]
    assert page.banners[0].icon_label.text() == "⚠" and page.banners[0].isVisible()


def test_litigation_and_reference_only_banners(window):
    page = _open(window, "LIT-USvIL-2025")
    kinds = [b.kind for b in page.banners]
    assert kinds == ["litigation", "info", "info"]
    assert page.banners[0].text().startswith("In litigation: Notice of appeal")
    assert page.banners[-1].text().startswith("Reference only")
    assert page.findChild(QLabel, "referenceBadge").isVisible()
    assert "Section" not in page.detail_values and "Address" not in page.detail_values
    assert not page.url_field.isVisible()


def test_what_it_is_comes_before_the_cautions_on_a_small_screen(qtbot, window):
    """Title, citation, badges and summary first; then the (compact) caution banners; then the text."""
    window.resize(1024, 600)
    page = _open(window, "LIT-USvIL-2025")
    qtbot.wait(1)

    def top(widget):
        return widget.mapTo(page, widget.rect().topLeft()).y()

    assert len(page.banners) == 3
    assert top(page.title_label) < top(page.citation_label) < top(page.summary_label)
    assert top(page.copy_button) < top(page.summary_label)
    summary_bottom = top(page.summary_label) + page.summary_label.height()
    assert summary_bottom <= min(top(b) for b in page.banners)
    assert max(top(b) + b.height() for b in page.banners) <= top(page.text_heading)
    viewport = page.scroll.viewport()
    title_on_screen = page.title_label.mapTo(viewport, page.title_label.rect().bottomLeft()).y()
    assert 0 < title_on_screen < viewport.height(), "the title is the first thing on screen"
    assert all(b.height() < 120 for b in page.banners), "banners are compact"


def test_copy_citation(qtbot, window):
    page = _open(window, "IL-TRUST-15a")
    with qtbot.waitSignal(page.citation_copied):
        qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == (
        "5 ILCS 805/15(a): No detention on a detainer or civil immigration warrant (Illinois TRUST Act)"
    )
    assert window.statusBar().currentMessage() == "Citation copied."


def test_related_provisions_are_links(qtbot, window):
    page = _open(window, "IL-TRUST-15a")
    assert [b.label() for b in page.related.buttons] == [
        "MCC 2-173-020(a)(1)  ·  No stop, arrest or detention for civil immigration reasons"
    ]
    qtbot.mouseClick(page.related.buttons[0], Qt.MouseButton.LeftButton)
    assert page.provision.provision_id == "MCC-2-173-020(a)(1)"
    assert len(window.history) == 3


def _wholly_in_sight(scroll: QScrollArea, widget: QWidget) -> bool:
    viewport = scroll.viewport()
    top = widget.mapTo(viewport, widget.rect().topLeft()).y()
    return 0 <= top and top + widget.height() <= viewport.height()


def test_back_from_a_related_provision_gives_the_focus_to_its_link(qtbot, make_window):
    """From the keyboard: Tab to the fifth related provision, Enter, then Alt+←. The focus went to Copy citation
    at the top of the page, and the next related link was a dozen Tabs away again; it goes to the link the
    officer opened, scrolled into sight, as Back does for an answer's citation and a search's result."""
    from desktop.ui.data_loading import load_data
    from tests.ui.ui_helpers import activate

    window = make_window(data=load_data(None), with_index=False)
    window.resize(1024, 600)
    activate(qtbot, window)
    page = _open(window, "MCC-2-173-020(a)")
    assert window.focusWidget() is page.copy_button
    link = page.related.buttons[4]
    while window.focusWidget() is not link:
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    target = link.property("target")
    qtbot.keyClick(link, Qt.Key.Key_Return)
    assert page.provision.provision_id == target
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.provision.provision_id == "MCC-2-173-020(a)"
    assert window.focusWidget() is link and link.property("target") == target
    settle()  # where the page's layout has settled
    assert _wholly_in_sight(page.scroll, link), "the link is in sight"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.provision.provision_id == target and window.focusWidget() is page.copy_button


def test_back_from_a_glossary_terms_provision_gives_the_focus_to_its_link(qtbot, make_window):
    """A glossary term (TRUST Act) lists seven provisions. Back from the fifth gave the focus to the first link,
    four Tabs from where the officer was; it goes to the link opened, scrolled into sight, as Back does for a
    related provision, an answer's citation and a search's result. On a first visit the term's words stay in
    sight above its first link."""
    from desktop.ui.data_loading import load_data
    from desktop.ui.history import TERM, Location
    from tests.ui.ui_helpers import activate

    window = make_window(data=load_data(None), with_index=False)
    window.resize(776, 576)
    window.set_text_step(6)
    activate(qtbot, window)
    window.navigate(Location(TERM, "TRUST Act"))
    page = window.term_page
    scroll = page.findChild(QScrollArea, "termScroll")
    assert window.focusWidget() is page.links.buttons[0]
    assert scroll.verticalScrollBar().value() == 0, "the term's words first"
    link = page.links.buttons[4]
    while window.focusWidget() is not link:
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    target = link.property("target")
    qtbot.keyClick(link, Qt.Key.Key_Return)
    assert window.current_kind() == PROVISION and window.provision_page.provision.provision_id == target
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_kind() == TERM and window.focusWidget() is link
    settle()  # where the page's layout has settled
    assert _wholly_in_sight(scroll, link), "the link is in sight"
    window.go_home()
    window.navigate(Location(TERM, "TRUST Act"))  # a new visit: the top of the page, the first link again
    assert window.focusWidget() is page.links.buttons[0]
    assert scroll.verticalScrollBar().value() == 0, "the term's words first, not where the last visit left off"


@pytest.mark.parametrize(("size", "text_step"), [((1024, 600), 0), ((1600, 1000), -2)])
def test_the_links_have_their_width_in_the_first_frame(qtbot, make_window, size, text_step):
    """Opened from Home or from another provision, the page's scroll bar appeared a turn of the event loop
    late (Qt shows or hides it through a queued call): the related links were laid out 976 px wide at 1024 ×
    600, then 960 beside the bar, and where a long provision led to a short one the bar went away a frame
    later. The bar is decided before the page's first frame, in every frame painted from then on."""
    from PySide6.QtCore import QEvent, QObject

    from desktop.ui.data_loading import load_data
    from desktop.ui.history import Location

    window = make_window(data=load_data(None), with_index=False)
    window.resize(*size)
    window.set_text_step(text_step)
    page = window.provision_page
    painted: list[list[int]] = []

    class PaintSpy(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt API)
            if event.type() == QEvent.Type.Paint and watched is page.scroll.viewport():
                painted.append([link.width() for link in page.related.buttons])
            return False

    spy = PaintSpy()
    QApplication.instance().installEventFilter(spy)
    checked = 0
    try:
        for from_home in (True, False):
            for provision in window.pack.provisions:
                if not provision.related:
                    continue
                if from_home:
                    window.go_home()
                    settle()
                painted.clear()
                window.navigate(Location(PROVISION, provision.provision_id))
                at_once = [link.width() for link in page.related.buttons]
                settle()
                final = [link.width() for link in page.related.buttons]
                assert at_once == final, f"{provision.provision_id}: the links' width changed after the first frame"
                assert all(widths == final for widths in painted), f"{provision.provision_id}: a frame painted {painted}"
                checked += 1
    finally:
        QApplication.instance().removeEventFilter(spy)
    assert checked > 40


def test_the_address_reached_with_tab_shows_its_start(qtbot, make_window):
    """Tab selected the whole address (to copy) with the cursor at its end, so the field showed the end of a long
    address ("cago/latest/chicago_il/0-0-0-2605272") and not whose site it is. All of it is still selected."""
    from desktop.ui.data_loading import load_data
    from tests.ui.ui_helpers import activate

    window = make_window(data=load_data(None), with_index=False)
    window.resize(776, 576)
    activate(qtbot, window)
    page = _open(window, "MCC-2-173-020(a)")
    field = page.url_field
    assert field.fontMetrics().horizontalAdvance(field.text()) > field.width(), "too long for the field"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.focusWidget() is field
    assert field.selectedText() == field.text() and field.cursorPosition() == 0
    assert field.cursorRect().left() < field.width() // 4, "the field shows the address's start"


def _first_citation_at_the_largest_text_on_800(qtbot, make_window, scenario_id: str, answers: tuple[str, ...],
                                               provision_id: str):
    """The answer's first citation opened at the largest text on 800 × 600; its summary's first two lines show."""
    from desktop.ui.data_loading import load_data
    from desktop.ui.history import WIZARD, Location
    from desktop.ui.settings import TEXT_STEP_MAX

    window = make_window(data=load_data(None), with_index=False)
    window.resize(800, 600)
    window.set_text_step(TEXT_STEP_MAX)
    window.navigate(Location(WIZARD, scenario_id, answers=answers))
    card = window.wizard_page.card
    qtbot.mouseClick(card.cites_summary, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(card.cites.buttons[0], Qt.MouseButton.LeftButton)
    page = window.provision_page
    assert window.current_kind() == PROVISION and page.provision.provision_id == provision_id
    view, summary = page.scroll.viewport(), page.summary_label
    qtbot.waitUntil(lambda: summary.isVisible() and summary.height() > 0)
    second_line = summary.mapTo(view, summary.rect().topLeft()).y() + 2 * summary.fontMetrics().lineSpacing()
    assert second_line <= view.height(), f"what it means ends {second_line - view.height()} px below the edge"
    return window, page


def test_a_cited_provision_opens_on_what_it_means_at_the_largest_text_on_a_small_screen(qtbot, make_window):
    """At the largest text on 800 × 600, the rule an I-200 answer rests on (MCC 2-173-020(a)(1)) opened on its
    five-line title, its citation and its badges: what it means began 43 px below the screen's edge, as it did
    for 17 of the 67 provisions. A title that would push the summary off the screen takes the summary's size."""
    window, page = _first_citation_at_the_largest_text_on_800(qtbot, make_window, "S05", ("no", "yes", "arrest"),
                                                               "MCC-2-173-020(a)(1)")
    summary = page.summary_label
    assert page.title_label.font().pixelSize() < page.citation_label.font().pixelSize() * 2, "still a title"
    assert page.title_label.font().bold()

    window.set_text_step(0)  # room again: the title takes its own size
    assert page.title_label.property("fit") != "small"
    assert page.title_label.font().pixelSize() > summary.font().pixelSize()


def test_copy_citation_goes_up_beside_back_to_the_answer_where_the_summary_would_not_show(qtbot, make_window):
    """Opened from an answer at the largest text on 800 × 600, 5 ILCS 805/15(h) began its summary at the screen's
    edge even with its title at the summary's size: "Back to the answer" took a row, and the citation ran to
    three lines beside Copy citation. Copy citation goes up into that row; the citation takes the page's width."""
    window, page = _first_citation_at_the_largest_text_on_800(
        qtbot, make_window, "PAPER", ("court", "yes", "federal", "immigration"), "IL-TRUST-15h")
    assert page.copy_button.isVisible() and page.copy_button.parentWidget() is page.back_row
    assert page.back_to_answer_button.geometry().right() < page.copy_button.geometry().left(), "side by side"
    page.back_to_answer_button.setFocus()
    qtbot.keyClick(page.back_to_answer_button, Qt.Key.Key_Tab)
    assert window.focusWidget() is page.copy_button, "Tab still goes from Back to the answer to Copy citation"
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text().startswith(page.provision.citation())

    window.set_text_step(0)  # room again: the button is back beside the citation
    assert page.copy_button.isVisible() and page.copy_button.parentWidget() is not page.back_row


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_the_source_address_is_a_touch_target_at_every_text_size(window, theme):
    """The source address is there to be tapped and copied; at the smallest text it was 31 px high (night), a
    gloved finger's miss beside the 44-px buttons. It is at least 44 px at every size, in every theme."""
    window.set_theme(theme)
    page = _open(window, "MCC-2-173-020(a)(1)")
    for step in (-2, 0, 6):
        window.set_text_step(step)
        settle()
        assert page.url_field.isVisible()
        assert page.url_field.height() >= 44, f"step {step}: {page.url_field.height()} px"
