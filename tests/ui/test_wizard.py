"""The scenario wizard and the outcome card, driven through the real widgets."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QTextLayout
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from desktop.cli import outcome_text
from desktop.domain.model import NOTES_HEADING
from desktop.ui import handout, outcome_card
from desktop.ui.history import HOME, PROVISION, WIZARD, Location
from desktop.ui.widgets import FOCUS_MARGIN, TOUCH_HEIGHT
from desktop.ui.wizard_page import keys_tip
from tests.conftest import BUNDLED_PACK
from tests.ui.ui_helpers import activate, cuts_through_a_line, tap_answer


def _home_button(window, label):
    return next(b for b in window.home_page.buttons if b.label() == label)


def _answer_labels(window):
    return [b.label() for b in window.wizard_page.answer_buttons]


def test_home_shows_the_common_situations_as_big_buttons(window):
    labels = [b.label() for b in window.home_page.buttons]
    assert labels == ["Detainer / hold request", "They show a warrant or paper"]  # by home rank
    for button in window.home_page.buttons:
        assert button.height() >= TOUCH_HEIGHT


def test_walk_from_home_to_an_outcome_by_clicking(qtbot, window):
    qtbot.mouseClick(_home_button(window, "Detainer / hold request"), Qt.MouseButton.LeftButton)
    wizard = window.wizard_page
    assert window.current_kind() == WIZARD
    assert wizard.prompt_label.text() == "Is anyone in immediate danger or hurt?"
    assert _answer_labels(window) == ["Yes: someone is hurt or in danger", "No"]
    assert all(b.height() >= TOUCH_HEIGHT for b in wizard.answer_buttons)
    assert not wizard.back_button.isVisible() and not wizard.restart_button.isVisible(), "nothing to go back to"

    with qtbot.waitSignal(wizard.state_changed):
        qtbot.mouseClick(wizard.answer_buttons[1], Qt.MouseButton.LeftButton)
    assert wizard.back_button.isVisible() and wizard.restart_button.isVisible()
    assert wizard.prompt_label.text() == "Is there any reason to hold the person other than the detainer?"
    assert "No" in wizard.breadcrumb.text()

    with qtbot.waitSignal(wizard.outcome_reached) as reached:
        qtbot.mouseClick(wizard.answer_buttons[0], Qt.MouseButton.LeftButton)
    assert reached.args[0] == "S08" and reached.args[1] == wizard.current_outcome().node_id
    card = wizard.card
    assert wizard.stack.currentWidget() is wizard.outcome_scroll
    assert card.verdict_label.text() == "NOT PERMITTED"
    assert card.verdict_icon.text() == "✖"
    assert card.verdict_frame.property("verdict") == "not_permitted"
    assert card.headline_label.text() == wizard.current_outcome().headline
    assert card.sections["do"].isVisibleTo(card) and card.sections["do"].items == wizard.current_outcome().do
    assert [b.label().split("  ·  ")[0] for b in card.cites.buttons] == [
        "5 ILCS 805/15(a)",
        "MCC 2-173-020(a)(1)(C)",
    ]
    assert window.history.current.answers == ("no", "no")


def test_walk_with_number_keys_back_and_restart(qtbot, window):
    window.start_scenario("S08")
    wizard = window.wizard_page
    qtbot.keyClick(wizard.answer_buttons[0], Qt.Key.Key_2)
    assert wizard.state.keys == ("no",)
    qtbot.keyClick(wizard.answer_buttons[0], Qt.Key.Key_9)  # no ninth answer: nothing happens
    assert wizard.state.keys == ("no",)
    qtbot.keyClick(wizard.answer_buttons[0], Qt.Key.Key_2)  # "They also show a warrant" → PAPER sub-flow
    assert wizard.state.at_scenario == "PAPER"
    assert "What paper are they holding?" in wizard.title_label.text()
    assert wizard.help_frame.isVisibleTo(wizard) and wizard.help_label.text() == "Look at the top of the page and the signature."
    qtbot.keyClick(wizard.answer_buttons[0], Qt.Key.Key_2)
    assert wizard.card.verdict_label.text() == "NOT PERMITTED"

    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    assert wizard.state.keys == ("no", "paper")
    assert wizard.stack.currentWidget() is wizard.question_scroll
    qtbot.keyClick(wizard.answer_buttons[0], Qt.Key.Key_1)
    assert wizard.card.verdict_label.text() == "CALL SUPERVISOR"
    assert wizard.card.verdict_icon.text() == "☎"

    qtbot.mouseClick(wizard.restart_button, Qt.MouseButton.LeftButton)
    assert wizard.state.keys == ()
    assert wizard.prompt_label.text() == "Is anyone in immediate danger or hurt?"
    assert window.history.current.answers == ()


def test_help_is_hidden_when_the_question_has_none(window):
    window.start_scenario("S08")
    assert not window.wizard_page.help_frame.isVisibleTo(window.wizard_page)


def _to_paper_question(qtbot, window):
    window.start_scenario("S08")
    wizard = window.wizard_page
    qtbot.keyClick(wizard.answer_buttons[0], Qt.Key.Key_2)
    qtbot.keyClick(wizard.answer_buttons[0], Qt.Key.Key_2)  # → "What paper are they holding?", with a hint
    assert wizard.help_label.text()
    return wizard


def _first_answer_bottom(wizard) -> int:
    """Where the first answer ends, in the question view's visible area (scrolled to the top)."""
    button = wizard.answer_buttons[0]
    viewport = wizard.question_scroll.viewport()
    return button.mapTo(viewport, button.rect().bottomLeft()).y()


def test_the_hint_folds_when_it_would_push_the_first_answer_off_the_screen(qtbot, window):
    """Large text on a short screen: the hint folds into a "How to tell" button so the first answer stays
    in sight; one press shows it (for this question); a taller window shows it again."""
    wizard = _to_paper_question(qtbot, window)
    assert wizard.help_frame.isVisible() and not wizard.help_toggle.isVisible()  # normal text: room for all
    window.set_text_step(6)
    states, folding_helped = set(), []
    for height in range(800, 379, -10):
        window.resize(1024, height)
        qtbot.wait(1)
        viewport_height = wizard.question_scroll.viewport().height()
        folded = wizard.help_toggle.isVisible()
        assert wizard.help_frame.isVisible() != folded, f"{height} px: the hint and its button"
        if not folded:
            assert _first_answer_bottom(wizard) <= viewport_height, f"{height} px: the hint hides the first answer"
        elif _first_answer_bottom(wizard) <= viewport_height:
            folding_helped.append(height)
        states.add(folded)
    assert states == {True, False} and folding_helped, "both cases happened, and folding kept an answer in sight"

    window.resize(1024, folding_helped[-1])  # the shortest window where folding keeps the first answer in sight
    qtbot.wait(1)
    assert wizard.help_toggle.isVisible() and wizard.help_toggle.height() >= 44  # the house's least touch target
    qtbot.mouseClick(wizard.help_toggle, Qt.MouseButton.LeftButton)
    assert wizard.help_frame.isVisible() and not wizard.help_toggle.isVisible()
    assert window.focusWidget() is wizard.answer_buttons[0]
    scrolled = wizard.question_scroll.verticalScrollBar().value()  # the view scrolls to show the hint and the answer
    assert _first_answer_bottom(wizard) + scrolled > wizard.question_scroll.viewport().height()  # folding was right
    window.resize(1024, folding_helped[-1] - 20)  # what the officer opened stays open
    qtbot.wait(1)
    assert wizard.help_frame.isVisible()

    qtbot.keyClick(wizard.answer_buttons[0], Qt.Key.Key_1)
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)  # the same question again: folded again
    assert wizard.help_toggle.isVisible() and not wizard.help_frame.isVisible()
    window.resize(1024, 1000)
    qtbot.wait(1)
    assert wizard.help_frame.isVisible() and not wizard.help_toggle.isVisible()


@pytest.mark.parametrize(("scenario_id", "step"), [("PAPER", 3), ("S11", 6)])
def test_the_hint_folds_where_it_would_push_the_second_answer_off_the_screen(qtbot, make_window, scenario_id, step):
    """Under an open hint only the first answer was in sight on an in-car 1024 × 600 screen: "What paper are
    they holding?" showed a court warrant and none of the six other papers, and the danger question "Yes" and
    no "No", so the question read as one to confirm. The hint folds where it would push the second answer
    off; one press shows it; with room for both, it shows as before."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(1024, 600)
    window.set_text_step(step)
    activate(qtbot, window)
    wizard = window.wizard_page
    window.start_scenario(scenario_id)
    room = wizard.question_scroll.viewport().height()
    assert [_span_in_view(wizard, b)[1] <= room for b in wizard.answer_buttons[:2]] == [True, True]
    assert wizard.help_toggle.isVisible() and not wizard.help_frame.isVisible(), "the hint folds"
    qtbot.mouseClick(wizard.help_toggle, Qt.MouseButton.LeftButton)
    assert wizard.help_frame.isVisible()
    window.resize(1280, 800)
    window.set_text_step(0)
    window.start_scenario(scenario_id)
    assert wizard.help_frame.isVisible() and not wizard.help_toggle.isVisible(), "room for both: the hint shows"


def test_scenario_list_starts_any_scenario_including_sub_flows(qtbot, window):
    tree = window.home_page.tree
    model = window.home_page.model
    index = model.index_of("SAFETY")
    title = window.data.loaded.pack.scenario("SAFETY").title
    assert index.isValid() and index.data() == title, "officers see the title alone, not our word 'shared step'"
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())
    assert window.current_kind() == WIZARD and window.wizard_page.state.scenario_id == "SAFETY"


def test_open_a_cited_provision_from_an_outcome_and_come_back(qtbot, window):
    activate(qtbot, window)
    window.start_scenario("S10")
    wizard = window.wizard_page
    qtbot.mouseClick(wizard.answer_buttons[0], Qt.MouseButton.LeftButton)
    link = wizard.card.cites.buttons[0]
    assert link.label().startswith("EO 2025-8")
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert window.current_kind() == PROVISION
    assert window.provision_page.provision.provision_id == "CHI-EO-2025-8"
    qtbot.keyClick(window.provision_page.copy_button, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_kind() == WIZARD
    assert wizard.card.verdict_label.text() == "NOT PERMITTED"
    qtbot.keyClick(wizard.back_button, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # one answer back
    assert window.current_kind() == WIZARD and wizard.state.keys == ()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_kind() == HOME


@pytest.mark.parametrize("cited", [0, 3])
def test_back_from_a_citation_shows_the_citations_where_they_were_left(qtbot, make_window, cited):
    """At the largest text on an in-car screen, Back from a provision opened from an answer showed its citation at the
    view's foot, a line of the answer cut in half at the top and "Based on (tap to read)" half-way down. Back shows
    the citations as the line under the verdict does, their heading at the top, the one opened whole below it."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(1024, 600)
    window.set_text_step(6)
    window.navigate(Location(WIZARD, "S01", answers=("no", "traffic", "hold")))
    wizard = window.wizard_page
    link = wizard.card.cites.buttons[cited]
    link.click()
    assert window.current_kind() == PROVISION
    window.back_action.trigger()
    assert window.current_kind() == WIZARD and window.focusWidget() is link
    view = wizard.outcome_scroll.viewport()
    heading_top = wizard.card.cites_heading.mapTo(view, QPoint(0, 0)).y()
    link_top, link_bottom = link.mapTo(view, QPoint(0, 0)).y(), link.mapTo(view, QPoint(0, link.height())).y()
    assert link_bottom <= view.height(), (link_top, link_bottom, view.height())
    if cited == 0:
        assert 0 <= heading_top <= 12, heading_top
    else:  # too far below the heading for both: the citation from its top, no line of the answer above it
        assert heading_top < 0 and 0 <= link_top <= FOCUS_MARGIN, (heading_top, link_top)


def test_copy_as_text_reuses_the_cli_formatter(qtbot, window):
    window.start_scenario("S10")
    wizard = window.wizard_page
    wizard.choose(2)
    qtbot.mouseClick(wizard.card.copy_button, Qt.MouseButton.LeftButton)
    expected = outcome_text(window.pack, wizard.current_outcome())
    assert QGuiApplication.clipboard().text() == expected
    assert expected.startswith("CALL SUPERVISOR:")


def test_save_as_pdf_writes_the_card(qtbot, window, tmp_path: Path, monkeypatch):
    target = tmp_path / "answer"
    monkeypatch.setattr(outcome_card, "ask_pdf_path", lambda parent, suggested: str(target))
    window.start_scenario("S10")
    wizard = window.wizard_page
    wizard.choose(1)
    with qtbot.waitSignal(wizard.card.pdf_saved) as saved:
        qtbot.mouseClick(wizard.card.pdf_button, Qt.MouseButton.LeftButton)
    pdf = Path(saved.args[0])
    assert pdf == tmp_path / "answer.pdf"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "NOT PERMITTED" in text
    assert "EO 2025-8" in text
    assert "Saved as" in window.statusBar().currentMessage()


def test_a_pdf_named_without_pdf_asks_before_replacing_the_pdf_already_there(qtbot, window, tmp_path: Path,
                                                                            monkeypatch):
    """"answer" typed in the save box, beside an "answer.pdf" kept from another stop: the box asked about replacing
    "answer" (not there, so nothing), and the card wrote over "answer.pdf" without a word. It asks; No keeps it."""
    from desktop.ui import widgets

    kept = tmp_path / "answer.pdf"
    kept.write_bytes(b"%PDF- yesterday's answer")
    monkeypatch.setattr(outcome_card, "ask_pdf_path", lambda parent, suggested: str(tmp_path / "answer"))
    asked: list[Path] = []
    monkeypatch.setattr(widgets, "ask_replace", lambda parent, path: asked.append(path) or False)
    window.start_scenario("S10")
    window.wizard_page.choose(1)
    qtbot.mouseClick(window.wizard_page.card.pdf_button, Qt.MouseButton.LeftButton)
    assert asked == [kept]
    assert kept.read_bytes() == b"%PDF- yesterday's answer", "replaced without asking"

    monkeypatch.setattr(widgets, "ask_replace", lambda parent, path: True)  # Yes: replaced
    with qtbot.waitSignal(window.wizard_page.card.pdf_saved):
        qtbot.mouseClick(window.wizard_page.card.pdf_button, Qt.MouseButton.LeftButton)
    assert kept.read_bytes() != b"%PDF- yesterday's answer"


def test_cancelled_pdf_writes_nothing(qtbot, window, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(outcome_card, "ask_pdf_path", lambda parent, suggested: "")
    window.start_scenario("S10")
    window.wizard_page.choose(1)
    qtbot.mouseClick(window.wizard_page.card.pdf_button, Qt.MouseButton.LeftButton)
    assert not list(tmp_path.glob("*.pdf"))


def test_print_goes_through_the_print_dialog(qtbot, window, monkeypatch):
    asked: list[object] = []
    printed: list[object] = []

    def fake_ask(parent, printer):
        asked.append(printer)
        return True

    monkeypatch.setattr(outcome_card, "ask_print", fake_ask)
    monkeypatch.setattr(handout, "print_on_pages", lambda doc, printer: printed.append(doc.toPlainText()) or 1)
    window.start_scenario("S10")
    window.wizard_page.choose(1)
    qtbot.mouseClick(window.wizard_page.card.print_button, Qt.MouseButton.LeftButton)
    assert asked and printed
    assert "NOT PERMITTED" in printed[0] and window.pack.meta.disclaimer in printed[0]


def test_the_printed_answer_carries_the_publishers_notes(qtbot, make_window, mini_data, monkeypatch):
    """A printed answer leaves the car: it carried the disclaimer but not the publisher's notes (the bundled
    pack's say the data has not yet had a legal review), which only About showed."""
    notes = ("This data has not yet had a legal review.", "Sources were archived copies of public pages.")
    loaded = dataclasses.replace(mini_data.loaded, pack=dataclasses.replace(
        mini_data.loaded.pack, meta=dataclasses.replace(mini_data.loaded.pack.meta, notes=notes)))
    window = make_window(dataclasses.replace(mini_data, loaded=loaded))
    printed: list[str] = []
    monkeypatch.setattr(outcome_card, "ask_print", lambda parent, printer: True)
    monkeypatch.setattr(handout, "print_on_pages", lambda doc, printer: printed.append(doc.toPlainText()) or 1)
    window.start_scenario("S10")
    window.wizard_page.choose(1)
    qtbot.mouseClick(window.wizard_page.card.print_button, Qt.MouseButton.LeftButton)
    text = printed[0]
    assert text.index(window.pack.meta.disclaimer) < text.index(f"{NOTES_HEADING}:") < text.index(notes[0])
    assert notes[1] in text


def _printed_card(bundled, scenario_id: str, node_id: str, outcome=None) -> outcome_card.OutcomeCard:
    scenario = bundled.pack.scenario(scenario_id)
    card = outcome_card.OutcomeCard(bundled.pack, today=lambda: bundled.pack.meta.as_of)
    card.show_outcome(outcome or next(n for n in scenario.nodes if n.node_id == node_id))
    return card


def test_a_long_answer_prints_on_one_page_in_a_readable_size(qapp, bundled, tmp_path: Path, monkeypatch):
    """SAFETY's longest answer (someone hurt, agents using force) saved as a PDF ran onto a second page for its
    Notify, Why, citations, disclaimer and publisher's notes, and every other answer of the bundled pack ran on
    for the end of the notes: Qt's printing laid the card out 2 cm inside the page's own 18 mm margins. It is one
    page now, in the handouts' margins and type, nothing smaller than the handouts' smallest; printed, the same."""
    from desktop.ui.handout import READABLE_POINT_SIZE

    card = _printed_card(bundled, "SAFETY", "o_agent_force")
    target = tmp_path / "answer.pdf"
    assert card.write_pdf(str(target))
    pages = PdfReader(str(target)).pages
    assert len(pages) == 1
    text = " ".join(unicodedata.normalize("NFKC", pages[0].extract_text()).split())  # ligatures unfolded
    assert "Office of Legal Affairs" in text and "EO 2026-01" in text and "relying on them." in text
    document = card.document()
    block = document.begin()
    sizes = set()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            sizes.add(fragments.fragment().charFormat().fontPointSize())
            fragments += 1
        block = block.next()
    assert min(sizes) >= READABLE_POINT_SIZE, sizes
    printed = tmp_path / "printed.pdf"

    def to_a_file(parent, printer) -> bool:
        printer.setOutputFormat(printer.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(outcome_card, "ask_print", to_a_file)
    card.print_outcome()
    assert len(PdfReader(str(printed)).pages) == 1


def test_an_answer_longer_than_a_page_numbers_its_pages(qapp, bundled, tmp_path: Path):
    """An answer a supervisor writes longer than a page runs on, each page numbered at its foot (Qt's printing
    numbered them; the card lays its pages out itself now)."""
    longest = next(n for n in bundled.pack.scenario("SAFETY").nodes if n.node_id == "o_agent_force")
    card = _printed_card(bundled, "SAFETY", "", dataclasses.replace(longest, do=longest.do * 6))
    target = tmp_path / "answer.pdf"
    assert card.write_pdf(str(target))
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(str(target)).pages]
    assert len(pages) >= 2
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, 1)), pages


def test_unknown_scenario_is_reported_not_crashed(window):
    assert not window.start_scenario("NOPE")
    assert window.current_kind() == HOME
    assert "NOPE" in window.statusBar().currentMessage()


def test_pdf_to_an_unwritable_place_says_so(qtbot, window, tmp_path: Path, monkeypatch):
    target = tmp_path / "no-such-folder" / "answer.pdf"
    monkeypatch.setattr(outcome_card, "ask_pdf_path", lambda parent, suggested: str(target))
    window.start_scenario("S10")
    window.wizard_page.choose(1)
    qtbot.mouseClick(window.wizard_page.card.pdf_button, Qt.MouseButton.LeftButton)
    assert not target.exists()
    assert window.statusBar().currentMessage().startswith("Could not save the PDF")


def test_the_hint_folds_and_unfolds_with_the_text_size_at_the_same_window_size(qtbot, window):
    """A larger text size on the same screen folds the hint when the first answer no longer fits below it,
    and a smaller one shows it again: the window's size did not change, so no resize said so."""
    wizard = _to_paper_question(qtbot, window)
    window.resize(1024, 500)  # the hint fits at text step 0, not at 6
    qtbot.wait(1)
    assert wizard.help_frame.isVisible() and not wizard.help_toggle.isVisible()
    size = window.size()
    window.set_text_step(6)
    assert window.size() == size
    assert wizard.help_toggle.isVisible() and not wizard.help_frame.isVisible()
    assert _first_answer_bottom(wizard) <= wizard.question_scroll.viewport().height()
    window.set_text_step(0)
    assert wizard.help_frame.isVisible() and not wizard.help_toggle.isVisible()


def test_at_an_answer_the_keys_read_on_and_a_second_enter_undoes_nothing(qtbot, window):
    """The focus landed on "◀ Back": a second Enter (a gloved double press) left the answer, and PageDown
    did not scroll it. The answer itself takes the focus."""
    activate(qtbot, window)
    window.resize(1024, 600)
    window.start_scenario("S08")
    wizard = window.wizard_page
    qtbot.keyClick(wizard.answer_buttons[1], Qt.Key.Key_Return)
    qtbot.keyClick(wizard.answer_buttons[0], Qt.Key.Key_Return)
    assert wizard.current_outcome() is not None
    keys = wizard.state.keys
    assert window.focusWidget() is wizard.outcome_scroll
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert wizard.state.keys == keys and wizard.current_outcome() is not None
    bar = wizard.outcome_scroll.verticalScrollBar()
    assert bar.maximum() > 0, "the answer is longer than a 600-pixel screen"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_PageDown)
    assert bar.value() > 0


@pytest.mark.parametrize(("theme", "ring"), [("day", "#d97706"), ("night", "#f0b452"), ("contrast", "#00ffff")])
def test_the_answer_shows_a_focus_ring_and_tells_a_screen_reader_its_verdict(qtbot, window, theme, ring):
    """The answer takes the focus when it shows; it showed no ring (the Back button it replaced had one)
    and a screen reader heard only "The answer"."""
    activate(qtbot, window)
    window.set_theme(theme)
    window.start_scenario("S08")
    wizard = window.wizard_page
    wizard.choose(2)
    wizard.choose(1)
    scroll = wizard.outcome_scroll
    assert window.focusWidget() is scroll
    outcome = wizard.current_outcome()
    assert outcome.headline in scroll.accessibleDescription() and "NOT PERMITTED" in scroll.accessibleDescription()
    activate(qtbot, window)  # the offscreen window can lose activation while events run, and :focus with it
    assert scroll.hasFocus()
    image = scroll.grab().toImage()
    assert image.pixelColor(scroll.width() // 2, 1).name() == ring


def test_the_keys_tip_names_the_keys_this_question_takes(qtbot, window):
    """"Tip: press 1–9" on a two-answer question named seven keys that do nothing."""
    assert [keys_tip(n) for n in (1, 2, 4)] == [
        "Tip: press 1 to choose the answer.", "Tip: press 1 or 2 to choose an answer.",
        "Tip: press 1–4 to choose an answer."]
    window.start_scenario("S10")
    wizard = window.wizard_page
    assert wizard.keys_hint.text() == keys_tip(len(wizard.answer_buttons))
    qtbot.mouseClick(wizard.answer_buttons[0], Qt.MouseButton.LeftButton)
    if wizard.answer_buttons and wizard.stack.currentWidget() is wizard.question_scroll:
        assert wizard.keys_hint.text() == keys_tip(len(wizard.answer_buttons))


def _tip_shown(wizard) -> bool:
    return wizard.keys_hint.isVisibleTo(wizard)


@pytest.mark.parametrize("how", ["tap", "digit", "enter"])
def test_the_keys_tip_goes_once_the_officer_answers_with_a_digit_or_a_tap(qtbot, window, how):
    """On a touch screen "Tip: press 1 or 2…" stayed under every question, a line for keys the officer never
    uses. A tap or click on an answer, or a digit key (the tip learnt), takes it away for good; Enter on an
    answer (a keyboard user who has not met the digits) keeps it. Help → Keyboard keys still lists them."""
    activate(qtbot, window)
    window.start_scenario("S08")
    wizard = window.wizard_page
    assert _tip_shown(wizard)
    first = wizard.answer_buttons[1]  # "No": to the next question
    if how == "tap":
        qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    elif how == "digit":
        qtbot.keyClick(first, Qt.Key.Key_2)
    else:
        first.setFocus()
        qtbot.keyClick(first, Qt.Key.Key_Return)
    assert wizard.state.keys == ("no",) and wizard.stack.currentWidget() is wizard.question_scroll
    assert _tip_shown(wizard) == (how == "enter")
    wizard.restart()
    assert _tip_shown(wizard) == (how == "enter"), "for good, not for one question"


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.parametrize("size", [(1024, 600), (800, 600)])
def test_the_keys_tip_shows_whole_or_not_at_all(qtbot, make_window, size):
    """At the largest text the tip under the answers was cut at the screen's edge: it shows only where it fits
    whole without scrolling, at every first question; at the normal text on a big screen, it shows."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    wizard = window.wizard_page
    firsts = [s.scenario_id for s in window.pack.scenarios if not s.subflow]
    window.start_scenario(firsts[0])
    qtbot.waitUntil(lambda: wizard.keys_hint.height() > 0)
    assert _tip_shown(wizard), "at 1280 x 800 and the normal text, there is room"
    window.resize(*size)
    window.set_text_step(6)
    view = wizard.question_scroll.viewport()
    hidden = 0
    for scenario_id in firsts:
        window.start_scenario(scenario_id)
        qtbot.waitUntil(lambda: wizard.prompt_label.height() > 0)
        scrolled = wizard.question_scroll.verticalScrollBar().value()  # within the top margin: the last answer whole
        assert scrolled == 0 or (scrolled <= wizard._question_layout.contentsMargins().top() and not _tip_shown(wizard))
        if _tip_shown(wizard):
            bottom = wizard.keys_hint.mapTo(view, wizard.keys_hint.rect().bottomLeft()).y()
            assert bottom < view.height(), f"{scenario_id}: the tip ends {bottom - view.height() + 1} px below the edge"
        else:
            hidden += 1
    assert hidden, "some first questions have no room for it at the largest text"


def test_once_the_scene_is_safe_one_press_goes_on_with_the_situation(qtbot, window):
    """A public-safety answer said "go back to the flow you came from and start it again", and only Restart
    led there. A press now goes on with the situation at its next question; Back returns to the answer."""
    window.start_scenario("S08")
    wizard = window.wizard_page
    qtbot.keyClick(wizard.answer_buttons[0], Qt.Key.Key_1)  # yes: someone is hurt or in danger
    qtbot.keyClick(wizard.answer_buttons[0], Qt.Key.Key_1)  # injured
    assert wizard.state.at_scenario == "SAFETY" and wizard.current_outcome() is not None
    assert wizard.resume_button.isVisible()
    assert wizard.resume_button.label() == "▸  Scene safe now? Go on with the situation"
    qtbot.mouseClick(wizard.resume_button, Qt.MouseButton.LeftButton)
    assert wizard.state.keys == ("no",) and wizard.state.at_node == "q_basis"
    assert wizard.stack.currentWidget() is wizard.question_scroll
    window.go_back()  # the top bar's ◀: the history step before, the public-safety answer
    assert wizard.state.keys == ("yes", "injured") and wizard.resume_button.isVisible()
    qtbot.mouseClick(wizard.resume_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)  # the wizard's Back: one answer back
    assert wizard.state.keys == () and wizard.answer_buttons, "the danger question, to answer again"
    qtbot.keyClick(wizard.answer_buttons[1], Qt.Key.Key_2)  # no
    qtbot.keyClick(wizard.answer_buttons[0], Qt.Key.Key_1)
    assert wizard.current_outcome() is not None and not wizard.resume_button.isVisible(), "only at safety answers"


def test_at_the_largest_text_on_a_short_screen_the_first_answer_is_in_sight(qtbot, make_window):
    """1024 × 600 at text step 6 with the out-of-date banner: the header (a four-line title beside greyed-out
    Back and Restart) took 214 px and left a third of the first answer in sight. The header now grows half as
    fast as the content, and Back and Restart wait for an answer."""
    from desktop.ui.data_loading import load_data
    from desktop.ui.themes import font_sizes

    assert font_sizes(6)["header"] < font_sizes(6)["body"] and font_sizes(0)["header"] == font_sizes(0)["body"]
    assert font_sizes(-2)["header"] == font_sizes(-2)["body"], "below the default: never larger than the words"
    from desktop.ui.themes import Themes

    sheet = Themes().style_sheet("day", 6)  # only the wizard's header: the update dialog's headings keep body size
    assert f'QLabel[role="wizardTitle"] {{\n    font-size: {font_sizes(6)["header"]}px' in sheet
    assert f'QLabel[role="scenarioTitle"] {{\n    font-size: {font_sizes(6)["body"]}px' in sheet
    data = load_data(None)
    window = make_window(data=data, today=data.loaded.pack.meta.expires_on + dt.timedelta(days=30))
    window.resize(1024, 600)
    window.set_text_step(6)
    window.start_scenario("S17")
    wizard = window.wizard_page
    qtbot.wait(1)
    assert window.banners and wizard.answer_buttons
    assert _first_answer_bottom(wizard) <= wizard.question_scroll.viewport().height()


def test_the_document_list_has_no_boxes_that_look_tickable(qtbot, window):
    """☐ before each thing to document looked like a checkbox on a touch screen, and could not be ticked."""
    window.start_scenario("S10")
    wizard = window.wizard_page
    while wizard.stack.currentWidget() is wizard.question_scroll:
        qtbot.mouseClick(wizard.answer_buttons[0], Qt.MouseButton.LeftButton)
    section = wizard.card.sections["document"]
    assert section.items, "this outcome lists what to document"
    markers = [m.text() for m in section.list.findChildren(QLabel, "bullet_document") if m.isVisibleTo(window)]
    assert markers == ["✎"] * len(section.items)


def test_do_and_do_not_go_one_under_the_other_where_side_by_side_they_run_past_the_screen(qtbot, make_window):
    """At the largest text on 1024 × 600, "Do" ran two screens down beside "Do not": the officer read to the
    end of what to do, then had to scroll back up to find what not to do. There each list goes under the
    other, Do first, at the card's whole width; where both fit on the screen side by side, they stay so."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None))  # the bundled pack: the detainer answer's lists
    window.navigate(Location(WIZARD, "S08", answers=("yes", "no")))
    qtbot.wait(1)
    card = window.wizard_page.card
    room = window.wizard_page.outcome_scroll.viewport()

    def side_by_side() -> bool:
        pairs = [(card.sections[a], card.sections[b]) for a, b in (("do", "do_not"), ("document", "notify"))]
        beside = [first.y() == second.y() and second.x() > first.geometry().right() for first, second in pairs]
        under = [first.x() == second.x() and second.y() > first.geometry().bottom() and first.width() == card.width()
                 for first, second in pairs]
        assert all(beside) or all(under), (beside, under)
        return all(beside)

    assert side_by_side()  # 1280 × 800, normal text: as in the README's screenshot
    window.resize(1024, 600)
    window.set_text_step(6)
    qtbot.wait(1)
    assert not side_by_side()
    column = (card.width() - 28) // 2  # why: beside each other, a list ran past the screen
    assert max(card.sections[key].heightForWidth(column) for key in ("do", "do_not")) > room.height()
    window.set_text_step(0)
    qtbot.wait(1)
    assert side_by_side()
    window.set_text_step(6)
    window.resize(1280, 800)
    qtbot.wait(1)
    assert side_by_side()  # a larger window: room again


def test_the_verdict_line_fits_an_answer_where_nothing_was_asked(qtbot, make_window):
    """"CPD may not do what is asked" sat over "Don't help and don't block" where the agents asked CPD for
    nothing. Each verdict's line now reads right whether or not something was asked."""
    from desktop.ui.data_loading import load_data

    assert set(outcome_card.VERDICT_HINTS) == set(outcome_card.VERDICT_ICONS)
    window = make_window(data=load_data(None), with_index=False)
    window.start_scenario("S01")
    wizard = window.wizard_page
    for number in (2, 1, 5):  # no danger; our own traffic stop; the agents take the driver themselves
        wizard.choose(number)
    card = wizard.card
    assert wizard.current_outcome().node_id == "o_agents_take"
    assert card.verdict_label.text() == "NOT PERMITTED"
    assert "asked" not in card.verdict_hint.text() and card.verdict_hint.text().startswith("CPD may not")


def _press(widget, at: int, kind=None, window=None, spot=None) -> None:
    """A press and release on the middle of ``widget`` at the event time ``at`` (ms), as a finger makes. With
    ``window``, each goes to the widget under that spot of the window (``spot``, window coordinates, else the
    middle of ``widget``) at that moment: a tap that moves what is under the finger (QApplication passes an
    ignored press on to the parent)."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    if window is not None and spot is None:
        spot = widget.mapTo(window, widget.rect().center())
    for event_type, offset in ((kind or QEvent.Type.MouseButtonPress, 0), (QEvent.Type.MouseButtonRelease, 60)):
        target = window.childAt(spot) if window is not None else widget
        middle = QPointF(target.mapFrom(window, spot)) if window is not None else QPointF(
            widget.width() / 2, widget.height() / 2)
        buttons = Qt.MouseButton.NoButton if event_type == QEvent.Type.MouseButtonRelease else Qt.MouseButton.LeftButton
        event = QMouseEvent(event_type, middle, target.mapToGlobal(middle), Qt.MouseButton.LeftButton, buttons,
                            Qt.KeyboardModifier.NoModifier)
        event.setTimestamp(at + offset)
        QApplication.sendEvent(target, event)


def test_a_double_tap_makes_one_step_not_two(qtbot, window):
    """A gloved double tap on "No — no one is in danger" went on to answer the next question, unseen, with
    whatever answer sat under the finger; so did Enter pressed twice. Presses within the double-click
    interval of the step are dropped; a press after it, or a step the app makes, is not held back."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    interval = QGuiApplication.styleHints().mouseDoubleClickInterval()
    window.start_scenario("S08")
    wizard = window.wizard_page
    _press(wizard.answer_buttons[1], 10_000)
    assert wizard.state.keys == ("no",)
    _press(wizard.answer_buttons[0], 10_060 + interval - 100, QEvent.Type.MouseButtonDblClick)  # the second tap
    _press(wizard.answer_buttons[0], 10_060 + interval - 1)
    assert wizard.state.keys == ("no",), "the question after the tapped one was answered unseen"
    _press(wizard.answer_buttons[0], 10_060 + interval + 200)
    assert len(wizard.state.keys) == 2, "a deliberate press after the interval is taken"

    def key(widget, key, at, repeat=False):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, "", repeat)
            event.setTimestamp(at)
            QApplication.sendEvent(widget, event)

    wizard.go_back()  # a step made by the app: the next press is not held back
    key(wizard.answer_buttons[0], Qt.Key.Key_Return, 50_000)
    assert len(wizard.state.keys) == 2
    key(wizard.back_button, Qt.Key.Key_Return, 60_000)
    key(wizard.answer_buttons[0], Qt.Key.Key_Return, 60_000 + interval // 2)  # Enter twice: Back, then…
    assert wizard.state.keys == ("no",), "the second Enter answered the question Back had just shown"
    key(wizard.answer_buttons[0], Qt.Key.Key_2, 70_000, repeat=True)  # a held digit key repeating
    assert wizard.state.keys == ("no",)

    # a step the app makes is not held back, even right after a pressed step whose key was released late
    window.start_scenario("S08")
    key(wizard.answer_buttons[0], Qt.Key.Key_2, 80_000)  # pressed (a step) and released at 80_000
    assert wizard.state.keys == ("no",)
    wizard.go_back()  # made by the app, not by a press
    key(wizard.answer_buttons[0], Qt.Key.Key_1, 80_000 + interval // 2)
    assert wizard.state.keys == ("yes",), "a press after a step the app made was dropped"


def test_the_folded_hint_sits_beside_the_question_or_else_below_the_answers(qtbot, make_window):
    """Folded under the question, "How to tell" pushed the first answer off a short screen at large text; put
    always below the answers, a seven-answer question hid it. It sits beside the question when the question
    keeps its lines there, else below the answers; Tab meets it where it is shown."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(1024, 600)
    window.set_text_step(5)
    activate(qtbot, window)
    window.start_scenario("PAPER")  # "What paper are they holding?": short, room beside it
    wizard = window.wizard_page
    qtbot.wait(1)
    toggle = wizard.help_toggle
    assert toggle.isVisible() and toggle.objectName() == "howToTellToggle", "at this size the hint folds"
    assert toggle.y() == wizard.prompt_label.y() and toggle.x() > wizard.prompt_label.geometry().right()
    activate(qtbot, window)
    assert QGuiApplication.focusObject() is wizard.answer_buttons[0]
    qtbot.keyClick(wizard.answer_buttons[0], Qt.Key.Key_Backtab)
    assert QGuiApplication.focusObject() is toggle, "Shift+Tab from the first answer: the hint beside the question"

    # S01's "Does the warrant show all four: …?" at the largest text on 800 × 600: too long to share its row with
    # the first two answers in sight
    window.resize(800, 600)
    window.set_text_step(6)
    window.navigate(Location(WIZARD, "S01", answers=("no", "traffic", "warrant", "court")))
    toggle = wizard.help_toggle
    assert toggle.isVisible() and toggle.objectName() == "howToTellToggleBelow"
    assert not wizard.findChild(QWidget, "howToTellToggle").isVisible()
    last = wizard.answer_buttons[-1]
    assert toggle.geometry().top() > last.geometry().bottom()
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_Tab)
    assert QGuiApplication.focusObject() is toggle, "Tab from the last answer: the hint below them"
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert wizard.help_frame.isVisible() and wizard.help_frame.geometry().bottom() < wizard.answer_buttons[0].y()
    assert not toggle.isVisible()


@pytest.mark.parametrize(("size", "walks"), [
    ((800, 600), [("S01", ()), ("S01", ("no",))]),  # the danger question, then "Why did you stop the car?"
    ((1024, 600), [("S03", ("no", "none"))]),  # "What do they want to know?" (no paper)
])
def test_the_folded_hint_shows_with_the_first_answers_at_the_largest_text(qtbot, make_window, size, walks):
    """At the largest text on 800 × 600, S01's first question ("Is anyone hurt or in danger…") showed both
    answers and, below them, half the "How to tell" button: the officer could not see there was a hint (71 of
    the 86 folded hints on that screen, 34 of 80 on 1024 × 600). Where below the answers it would not show, the
    button sits beside the question (at its answers' size where that is what keeps the answers in sight)."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(*size)
    window.set_text_step(6)
    activate(qtbot, window)
    for scenario, answers in walks:
        window.navigate(Location(WIZARD, scenario, answers=answers))
        wizard = window.wizard_page
        qtbot.waitUntil(lambda wizard=wizard: wizard.help_toggle.isVisible())
        viewport = wizard.question_scroll.viewport()
        assert wizard.question_scroll.verticalScrollBar().value() == 0
        for widget in (wizard.help_toggle, *wizard.answer_buttons[:2]):
            bottom = widget.mapTo(viewport, widget.rect().bottomLeft()).y()
            assert bottom < viewport.height(), f"{widget.objectName()} ends {bottom - viewport.height()} px below the edge"
        assert wizard.help_toggle.height() >= 44
    qtbot.mouseClick(wizard.help_toggle, Qt.MouseButton.LeftButton)
    assert wizard.help_frame.isVisible() and not wizard.help_toggle.isVisible()


@pytest.mark.parametrize("size", [(800, 600), (1024, 600)])
def test_opening_the_folded_hint_keeps_the_question_s_size_and_an_answer_in_sight(qtbot, make_window, size):
    """At the largest text on 800 × 600, S01's first question sat at its answers' size beside "How to tell"; a tap
    on it grew the question from 34 to 45 px and the hint pushed both answers below the screen's edge. The
    question keeps its size, and the view shows the whole hint with the first answer, and the question from a whole
    line (at 1024 × 600 the view's top cut one in half)."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(*size)
    window.set_text_step(6)
    activate(qtbot, window)
    window.navigate(Location(WIZARD, "S01"))
    wizard = window.wizard_page
    qtbot.waitUntil(lambda: wizard.help_toggle.isVisible())
    size_before = wizard.prompt_label.font().pixelSize()
    qtbot.mouseClick(wizard.help_toggle, Qt.MouseButton.LeftButton)
    assert wizard.help_frame.isVisible()
    assert wizard.prompt_label.font().pixelSize() == size_before, "the question kept its type size"
    height = wizard.question_scroll.viewport().height()
    in_sight = [_span_in_view(wizard, w) for w in (wizard.help_frame, *wizard.answer_buttons)]
    assert 0 <= in_sight[0][0] and in_sight[0][1] <= height, f"the hint at {in_sight[0]} in {height} px"
    shown = sum(0 <= top and end <= height for top, end in in_sight[1:])
    assert shown >= 1, f"answers at {in_sight[1:]} in a {height}-px view"
    prompt_top, prompt_end = _span_in_view(wizard, wizard.prompt_label)
    # the view's top cuts the question at a line (or the blank above its first line's words), not through one
    assert not cuts_through_a_line(wizard.prompt_label, -prompt_top), (prompt_top, prompt_end)
    assert window.focusWidget() is wizard.answer_buttons[0]


def test_the_folded_hint_keeps_its_place_when_the_situation_is_started_again_from_home(qtbot, make_window):
    """Started from Home a second time, S31's first question put its folded hint's button below the answers
    (off a 1024 × 600 screen at the largest text), where the first time it sat beside the question: measured
    while Home showed, the page found its scroll bar hidden with it and took the bar's width off twice."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(1024, 600)
    window.set_text_step(6)
    activate(qtbot, window)
    wizard = window.wizard_page
    places = []
    for _ in range(2):
        qtbot.mouseClick(window.home_button, Qt.MouseButton.LeftButton)
        assert window.current_kind() == HOME
        window.start_scenario("S31")  # from the list of every situation
        assert wizard.state.scenario_id == "S31" and not wizard.state.keys
        places.append(wizard.help_toggle.objectName() if wizard.help_toggle.isVisible() else "open")
    assert places == ["howToTellToggle", "howToTellToggle"], "beside the question, both times"


def _span_in_view(wizard, widget) -> tuple[int, int]:
    """Where ``widget`` starts and ends (exclusive) in the question view's visible area, as scrolled now."""
    top = widget.mapTo(wizard.question_scroll.viewport(), widget.rect().topLeft()).y()
    return top, top + widget.height()


def _question_and_answer_fit(wizard, answer) -> bool:
    """Whether the question's top and the whole of ``answer`` fit in the question view at once."""
    return _span_in_view(wizard, answer)[1] - _span_in_view(wizard, wizard.prompt_label)[0] <= (
        wizard.question_scroll.viewport().height())


def _question_screen_problems(wizard) -> list[str]:
    """What an officer would miss on the question screen as shown: the question's top (its first line, or half
    of it, above the view), or the focused answer (out of view where it fits with the question; else its top
    edge, at least, below the question)."""
    room = wizard.question_scroll.viewport().height()
    focused = QGuiApplication.focusObject()
    if focused not in wizard.answer_buttons:
        return [f"the focus is on {focused!r}, not an answer"]
    problems = []
    if _span_in_view(wizard, wizard.prompt_label)[0] < 0:
        problems.append(f"the question's top is {-_span_in_view(wizard, wizard.prompt_label)[0]} px above the view")
    top, bottom = _span_in_view(wizard, focused)
    if _question_and_answer_fit(wizard, focused) and (top < 0 or bottom > room):
        problems.append(f"the focused answer ({top}–{bottom} px) is not all in the view ({room} px), though it fits")
    elif not 0 <= top < room:
        problems.append(f"the focused answer's top ({top} px) is out of the view ({room} px)")
    return problems


@pytest.mark.parametrize("height", [552, 480, 400])
@pytest.mark.parametrize("step", [5, 6])
def test_on_every_question_at_large_text_the_question_and_the_focused_answer_are_in_sight(qtbot, make_window, step,
                                                                                          height):
    """At text step 6 on a 1000 × 552 screen (1024 × 600 less a title bar), the focused first answer sat
    below the screen's edge on 50 of the 251 question screens: the officer saw a sliver of focus ring, or
    nothing. Scrolled down to it, the view then cut off the question's first line (or half of it) on 13 of the
    310 question screens at step 6 and 5 at step 5: "…a judge's or magistrate's signature…" without "Does
    the warrant show all four: a". The question now keeps its top; the answer shows whole where both fit,
    else from its top edge down. Since the header keeps to a few lines on a short screen, 1000 × 552 needs
    little scrolling, and since a long question takes its answers' size where its first two answers would
    not fit, 480 px (a taskbar as well, or a notice) none at step 5; 400 px still needs it."""
    from desktop.domain import wizard as flow
    from desktop.domain.model import Question
    from desktop.ui.data_loading import load_data

    data = load_data(None)
    pack = data.loaded.pack
    window = make_window(data=data, with_index=False)
    window.resize(1000, height)
    window.set_text_step(step)
    activate(qtbot, window)
    screens = []  # every walk to a question: the header above it (title, answers so far) differs by walk
    for scenario in pack.scenarios:
        todo = [flow.start(pack, scenario.scenario_id)]
        while todo:
            state = todo.pop()
            node = flow.current_node(pack, state)
            if isinstance(node, Question):
                screens.append((scenario.scenario_id, state.keys))
                todo.extend(flow.answer(pack, state, choice.key) for choice in node.choices)
    assert len(screens) > 250
    page = window.wizard_page
    missed, scrolled = [], 0
    for scenario_id, keys in screens:
        window.navigate(Location(WIZARD, scenario_id, answers=keys))
        missed += [(scenario_id, keys, problem) for problem in _question_screen_problems(page)]
        scrolled += page.question_scroll.verticalScrollBar().value() > 0
    assert not missed, missed
    assert scrolled or height > 400, "some questions are too tall for the first answer at the top: this walk tests the scrolling"


_WARRANT_CHECK = ("S01", ("no", "traffic", "warrant", "court"))  # "Does the warrant show all four: a court's…?"


def _shorten_to(window, screen, case) -> int:
    """Show ``screen`` (scenario id, answers) on a 1000-pixel-wide window a few pixels shorter each time from
    552 px, until ``case()`` holds: the case under test. Since the header keeps to a few lines on a short
    screen, some cases no longer arise at 1000 × 552; a page a little shorter (a taskbar, a notice) shows
    them. Returns the height."""
    for height in range(552, 300, -2):
        window.resize(1000, height)
        window.navigate(Location(WIZARD, screen[0], answers=screen[1]))
        if case():
            return height
    pytest.fail("no window height shows the case under test")


def _at_the_warrant_check(qtbot, make_window):
    """The wizard at _WARRANT_CHECK at the largest text, on a window just short enough that the question and
    its first answer do not both fit (_shorten_to), and the answers that led there."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.set_text_step(6)
    activate(qtbot, window)
    wizard = window.wizard_page
    _shorten_to(window, _WARRANT_CHECK, lambda: not _question_and_answer_fit(wizard, wizard.answer_buttons[0]))
    return wizard, _WARRANT_CHECK[1]


def test_a_long_question_keeps_its_first_line_in_sight_above_the_focused_answer(qtbot, make_window):
    """The largest text on 1000 × 552: the question and its first answer do not both fit. The view scrolled to
    the answer and "Does the warrant show all four: a" was above the screen. The question now shows from its
    first line, the answer (with the focus) starts below it, and Back onto the question shows it the same way."""
    wizard, keys = _at_the_warrant_check(qtbot, make_window)
    assert wizard.prompt_label.text().startswith("Does the warrant show all four")
    first = wizard.answer_buttons[0]
    assert QGuiApplication.focusObject() is first
    assert not _question_and_answer_fit(wizard, first), "this screen is too short for both: the case under test"
    assert _span_in_view(wizard, wizard.prompt_label)[0] == 0, "the question's first line at the top, whole"
    assert 0 < _span_in_view(wizard, first)[0] < wizard.question_scroll.viewport().height() - 40
    assert wizard.help_toggle.objectName() == "howToTellToggleBelow", "the folded hint keeps its place"

    qtbot.keyClick(first, Qt.Key.Key_Return)  # "Yes, all four are there"
    assert wizard.state.keys == (*keys, "yes")
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    assert wizard.state.keys == keys and QGuiApplication.focusObject() is first, "Back: the undone answer"
    assert _question_screen_problems(wizard) == []
    assert _span_in_view(wizard, wizard.prompt_label)[0] == 0

    wizard.choose(3)  # "Something is missing": Back to an answer that cannot show below the whole question
    wizard.go_back()
    third = wizard.answer_buttons[2]
    assert QGuiApplication.focusObject() is third, "the focus is still on the answer Back undid"
    assert _span_in_view(wizard, wizard.prompt_label)[0] >= 0, "but the question comes first"
    qtbot.keyClick(third, Qt.Key.Key_Backtab)  # Tab and Shift+Tab still bring the answer they reach into sight
    second = wizard.answer_buttons[1]
    assert QGuiApplication.focusObject() is second
    top, bottom = _span_in_view(wizard, second)
    assert 0 <= top and bottom <= wizard.question_scroll.viewport().height()


def test_where_the_question_and_its_answer_fit_the_answer_shows_whole(qtbot, make_window):
    """Where the question and the focused answer fit only scrolled a little, the view scrolls as little as
    shows the whole answer and no more: the question's top stays. After A+ the answer had slid below the
    screen's edge (the view kept its place for the smaller words), or the question's top had slid above it."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.set_text_step(6)
    activate(qtbot, window)
    wizard = window.wizard_page
    _shorten_to(window, ("S05", ("no", "paper", "court")),  # the warrant check, in S05
                lambda: wizard.question_scroll.verticalScrollBar().value() > 0)
    first = wizard.answer_buttons[0]
    room = wizard.question_scroll.viewport().height()
    assert QGuiApplication.focusObject() is first and _question_and_answer_fit(wizard, first)
    assert wizard.question_scroll.verticalScrollBar().value() > 0, "both fit only scrolled: the case under test"
    assert _span_in_view(wizard, wizard.prompt_label)[0] >= 0 and _span_in_view(wizard, first)[1] == room

    for scenario_id, keys in [("S05", ("no", "paper", "court")), _WARRANT_CHECK, ("S03", ("no", "other", "court"))]:
        window.set_text_step(5)
        window.navigate(Location(WIZARD, scenario_id, answers=keys))
        window.change_text_size(+1)  # Ctrl++ on the question screen: the focus stays on the answer
        assert window.text_step == 6 and QGuiApplication.focusObject() is wizard.answer_buttons[0]
        assert _question_screen_problems(wizard) == [], (scenario_id, keys)
    window.set_text_step(5)
    qtbot.mouseClick(window.larger_button, Qt.MouseButton.LeftButton)  # A+ takes the focus, and gives it back
    assert window.text_step == 6 and QGuiApplication.focusObject() is wizard.answer_buttons[0]
    assert _question_screen_problems(wizard) == []


def test_enter_on_an_answer_below_the_screen_shows_it_and_gives_nothing(qtbot, make_window):
    """Back below a long question at the largest text keeps the question's top, so the undone answer, which
    keeps the focus, can be below the screen's edge: Enter gave it again unseen. Now Enter (or Space) there
    scrolls it into sight and gives nothing; Enter again gives it, though not as the second of a double press."""
    wizard, keys = _at_the_warrant_check(qtbot, make_window)
    room = wizard.question_scroll.viewport().height()
    first, third = wizard.answer_buttons[0], wizard.answer_buttons[2]
    assert 0 < _span_in_view(wizard, first.text_label)[0] < room, "the first answer's words start on the screen"
    qtbot.keyClick(first, Qt.Key.Key_Return)  # its words are in sight: Enter gives it at once
    assert wizard.state.keys == (*keys, "yes")
    wizard.go_back()

    wizard.choose(3)
    wizard.go_back()
    assert QGuiApplication.focusObject() is third and _span_in_view(wizard, third)[0] >= room, "the case under test"
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Space):
        wizard.question_scroll.verticalScrollBar().setValue(0)
        qtbot.keyClick(third, key)
        assert wizard.state.keys == keys, f"{key.name} gave an answer the officer could not see"
        top, bottom = _span_in_view(wizard, third)
        assert 0 <= top and bottom <= room, f"{key.name} did not bring the answer into sight"

    interval = QGuiApplication.styleHints().mouseDoubleClickInterval()
    wizard.question_scroll.verticalScrollBar().setValue(0)
    _enter(third, 90_000)
    _enter(third, 90_000 + interval // 2)  # Enter twice: the first showed the answer, the second is dropped
    assert wizard.state.keys == keys
    _enter(third, 90_000 + interval + 200)  # seen, and pressed again
    assert wizard.state.keys == (*keys, "missing")


def _enter(widget, at: int) -> None:
    """Enter pressed and released on ``widget`` at the event time ``at`` (ms)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
        event.setTimestamp(at)
        QApplication.sendEvent(widget, event)


def _on_criminal_paper(qtbot, make_window, step: int, size=(1000, 552)):
    """The wizard at S01's "what kind of criminal paper" question, at ``size`` and text ``step``."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(*size)
    window.set_text_step(step)
    activate(qtbot, window)
    window.navigate(Location(WIZARD, "S01", answers=("no", "criminal")))
    return window, window.wizard_page


def test_the_dropped_second_press_of_a_double_enter_leaves_the_new_question_as_shown(qtbot, make_window):
    """The second Enter of a double press is dropped. Where it landed on the next question's first answer,
    whose words were below the screen's edge, it scrolled to that answer and cut off the question's top."""
    window, wizard = _on_criminal_paper(qtbot, make_window, 6)
    after = ("S01", ("no", "criminal", "court"))
    room = wizard.question_scroll.viewport
    _shorten_to(window, after, lambda: _span_in_view(wizard, wizard.answer_buttons[0].text_label)[0] > room().height())
    window.navigate(Location(WIZARD, "S01", answers=("no", "criminal")))
    court = next(b for b in wizard.answer_buttons if b.property("choice_key") == "court")
    wizard.reveal(court)
    _enter(court, 50_000)
    assert wizard.state.keys == after[1]
    first = QGuiApplication.focusObject()
    assert first is wizard.answer_buttons[0] and _span_in_view(wizard, first.text_label)[0] > room().height()
    shown = _span_in_view(wizard, wizard.prompt_label)[0], wizard.question_scroll.verticalScrollBar().value()
    _enter(first, 50_000 + QGuiApplication.styleHints().mouseDoubleClickInterval() // 3)
    assert wizard.state.keys == ("no", "criminal", "court")
    assert (_span_in_view(wizard, wizard.prompt_label)[0], wizard.question_scroll.verticalScrollBar().value()) == shown


def test_enter_gives_an_answer_taller_than_the_view_once_its_first_line_shows(qtbot, make_window):
    """A label may run to 2,000 characters. Enter scrolled an answer taller than the view with Qt's
    ensureWidgetVisible, which centres it: its first line stayed above the view and every Enter was eaten."""
    from desktop.ui.widgets import settle_layout

    window, wizard = _on_criminal_paper(qtbot, make_window, 6, size=(400, 200))  # the window's smallest
    third = wizard.answer_buttons[2]
    third.set_label("Criminal: " + "they say the person is wanted on a criminal warrant signed by a judge " * 3)
    settle_layout([third.text_label])
    assert third.height() > wizard.question_scroll.viewport().height(), "the case under test"
    wizard.reveal(third)
    wizard.question_scroll.verticalScrollBar().setValue(0)
    _enter(third, 10_000)  # below the screen: shown from its first line
    assert wizard.state.keys == ("no", "criminal")
    assert _span_in_view(wizard, third)[0] == 0
    key = third.property("choice_key")
    _enter(third, 15_000)
    assert wizard.state.keys == ("no", "criminal", key)


@pytest.mark.parametrize("cut", [1, 3, 5])
def test_enter_gives_an_answer_dragged_a_few_pixels_above_the_view(qtbot, make_window, cut):
    """Dragged so the focused answer's label starts a few pixels above the view, its words (which start
    below the label's top) still read whole: Enter gives it."""
    window, wizard = _on_criminal_paper(qtbot, make_window, 4)
    answer = wizard.answer_buttons[0]
    words = answer.text_label
    assert QGuiApplication.focusObject() is answer
    wizard.question_scroll.verticalScrollBar().setValue(
        words.mapTo(wizard.question_scroll.widget(), words.rect().topLeft()).y() + cut)
    assert _span_in_view(wizard, words)[0] == -cut
    key = answer.property("choice_key")
    _enter(answer, 0)
    assert wizard.state.keys == ("no", "criminal", key)


def test_a_new_theme_keeps_where_the_officer_scrolled_on_a_question(qtbot, make_window):
    """A new theme (same type sizes) scrolled the question screen back to the question and the focused answer,
    and threw away where the officer had scrolled to read the last answers. A new text size keeps the answer read
    at the top of the view there too (it went back to the question, as a theme did)."""
    window, wizard = _on_criminal_paper(qtbot, make_window, 4)
    bar = wizard.question_scroll.verticalScrollBar()
    assert bar.maximum() > 100
    bar.setValue(bar.maximum())
    qtbot.mouseClick(window.theme_buttons["night"], Qt.MouseButton.LeftButton)
    assert bar.value() == bar.maximum(), "a colour change moved the page back up"
    place = wizard.question_scroll.reading_place()
    assert place is not None
    window.set_text_step(5)
    top, end = _span_in_view(wizard, wizard.question_scroll.placed_widget(place))  # across the top, or as far below
    assert (top <= 0 < end) if not place.gap else top == place.gap, (place, top, end)


def test_back_gives_the_focus_to_the_answer_it_undid(qtbot, window):
    """After Back the focus went to the first answer: Enter then gave a different answer from the one the
    officer had just undone. It now sits on the undone answer, so the officer sees what they chose."""
    activate(qtbot, window)
    window.start_scenario("S08")
    wizard = window.wizard_page
    wizard.choose(2)
    wizard.go_back()
    assert wizard.state.keys == ()
    assert QGuiApplication.focusObject() is wizard.answer_buttons[1]
    wizard.restart()
    wizard.choose(1)  # a restart or a new question still starts at the first answer
    assert QGuiApplication.focusObject() is wizard.first_focus()


@pytest.mark.parametrize(("size", "step"), [((1024, 600), 6), ((776, 576), 3)])
def test_after_back_the_hint_folds_where_it_hides_the_undone_answer(qtbot, make_window, size, step):
    """At large text, Back onto a question with its hint open kept the question's top and the first
    answer in sight, and the answer Back undid (with the focus) below the screen's edge: the officer saw the
    question but not what they had chosen (180 of 1,193 Backs at 1024 × 600). The hint now folds into its
    "How to tell" button where that brings the undone answer into sight below the question."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(*size)
    window.set_text_step(step)
    activate(qtbot, window)
    wizard = window.wizard_page
    room = wizard.question_scroll.viewport().height
    scenario_id, keys, number = "S02", ("no", "yes"), 3  # the hint open above the first two of its three answers
    window.navigate(Location(WIZARD, scenario_id, answers=keys[:-1]))
    step = next(b for b in wizard.answer_buttons if b.property("choice_key") == keys[-1])
    tap_answer(qtbot, wizard, step)  # the question reached as an officer reaches it
    assert wizard.state.keys == keys and wizard.help_frame.isVisible(), "the question opens with its hint"
    undone = wizard.answer_buttons[number - 1]
    assert _span_in_view(wizard, undone)[1] > room(), "with the hint open the answer is below the screen's edge"
    tap_answer(qtbot, wizard, undone)
    assert len(wizard.state.keys) == len(keys) + 1
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    assert wizard.state.keys == keys and QGuiApplication.focusObject() is undone
    assert not wizard.help_frame.isVisible() and wizard.help_toggle.isVisible(), "the hint folds"
    assert _span_in_view(wizard, wizard.prompt_label)[0] >= 0, "the question shows from its top"
    assert _span_in_view(wizard, undone)[1] <= room(), "and the answer Back undid, whole"
    assert _question_screen_problems(wizard) == []
    window.resize(size[0], size[1] - 2)  # a resize keeps the hint folded for the answer Back undid
    assert not wizard.help_frame.isVisible()
    qtbot.mouseClick(wizard.help_toggle, Qt.MouseButton.LeftButton)  # one press shows the hint again
    assert wizard.help_frame.isVisible()
    assert QGuiApplication.focusObject() is undone, "the focus goes back to the undone answer: Enter gives it again"
    window.resize(*size)
    wizard.go_back()
    tap_answer(qtbot, wizard, step)
    assert wizard.help_frame.isVisible(), "reached afresh, the question opens its hint as before"


def test_the_top_bars_back_gives_the_focus_to_the_answer_it_undid(qtbot, make_window):
    """The top bar's ◀ (and Alt+←) takes back one answer as the wizard's Back does, but put the focus on the
    first answer: Enter then gave another answer than the one the officer had chosen, and at the largest text
    the chosen one could sit below the screen's edge. It now goes to the undone answer, in sight, as Back's."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(1024, 600)
    window.set_text_step(6)
    activate(qtbot, window)
    wizard = window.wizard_page
    window.start_scenario("FORCE")
    qtbot.mouseClick(wizard.answer_buttons[1], Qt.MouseButton.LeftButton)  # "A protest at the operation…"
    room = wizard.question_scroll.viewport().height
    undone = wizard.answer_buttons[1]
    qtbot.mouseClick(undone, Qt.MouseButton.LeftButton)  # "No — no one is hurt…"
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    assert wizard.state.keys == ("protest",) and QGuiApplication.focusObject() is undone
    assert _span_in_view(wizard, wizard.prompt_label)[0] >= 0 and _span_in_view(wizard, undone)[1] <= room()
    qtbot.keyClick(undone, Qt.Key.Key_Return)  # Enter gives the answer chosen before
    assert wizard.state.keys == ("protest", "no")
    qtbot.keyClick(QGuiApplication.focusObject(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert wizard.state.keys == ("protest",) and QGuiApplication.focusObject() is undone, "Alt+← too"
    window.go_forward()
    window.go_back()  # Back to the question again, after Forward
    assert QGuiApplication.focusObject() is undone
    window.go_back()  # the first question: its answer was "A protest at the operation…"
    assert wizard.state.keys == () and QGuiApplication.focusObject() is wizard.answer_buttons[1]
    window.go_home()
    window.go_back()  # back to the same screen (no answer undone): the first answer, as on any screen
    assert wizard.state.keys == () and QGuiApplication.focusObject() is wizard.answer_buttons[0]


# After Back at the largest text: the question keeps its top, and where the question and its answers are taller
# than the view, the answer Back undid (with the focus) sits below the screen's edge (size → screen, its number)
_UNDONE_BELOW = {(776, 576): (("S16", ("yes",)), 4), (1024, 600): (("S01", ("no", "criminal")), 5)}


def _back_onto(qtbot, make_window, size, screen, number, step=6):
    """The wizard at ``size`` and text ``step``: ``screen`` (scenario id, answers) reached, its answer ``number``
    given with a tap, and undone with a tap on Back, as an officer does. Returns the window, the page and that
    answer's button."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(*size)
    window.set_text_step(step)
    activate(qtbot, window)
    wizard = window.wizard_page
    window.navigate(Location(WIZARD, screen[0], answers=screen[1]))
    tap_answer(qtbot, wizard, wizard.answer_buttons[number - 1])
    assert len(wizard.state.keys) == len(screen[1]) + 1
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    undone = wizard.answer_buttons[number - 1]
    assert wizard.state.keys == screen[1] and QGuiApplication.focusObject() is undone
    return window, wizard, undone


@pytest.mark.parametrize("size", [(776, 576), (1024, 600)])
def test_after_back_a_note_in_the_header_names_the_undone_answer_below_the_screen(qtbot, make_window, size):
    """Where the question and its answers are taller than the view, Back kept the question's top and the answer
    it undid, with the focus, below the screen's edge: the officer could not see which answer they had given.
    A note in the header, beside Back where the title was, now names it, by its number and words ("▾  You had
    answered: 4 — A crash…", or its number alone where no word fits), whole for a screen reader and in its
    tooltip; a tap on it shows the answer, with the focus."""
    screen, number = _UNDONE_BELOW[size]
    window, wizard, undone = _back_onto(qtbot, make_window, size, screen, number)
    room = wizard.question_scroll.viewport().height()
    note = wizard.undone_note
    assert _span_in_view(wizard, undone)[0] >= room, "the undone answer is below the screen's edge: the case under test"
    assert note.isVisible() and note.objectName() == "undoneAnswerNote"
    assert _span_in_view(wizard, wizard.prompt_label)[0] >= 0, "the question keeps its top"
    assert wizard.header.isAncestorOf(note) and not wizard.title_label.isVisible(), "in the header, in the title's place"
    back = wizard.back_button
    assert note.y() == back.y() and note.height() == back.height() and note.x() < back.x(), "beside Back, as tall"
    assert note.mapTo(window, note.rect().bottomLeft()).y() < wizard.question_scroll.mapTo(window, QPoint(0, 0)).y()
    assert wizard.breadcrumb.isVisible(), "the answers so far stay, under it"
    label = undone.label()
    shown = note.text_label.text()
    lead = f"▾  You had answered: {number}"
    assert shown == lead or (shown.startswith(f"{lead} — ") and _whole_words(shown.removeprefix(f"{lead} — "), label)
                             and shown.endswith("…")), shown
    assert _lines(note.text_label) == 1, "one line, shortened at a word"
    assert label in note.accessibleName() and str(number) in note.accessibleName()
    assert f"You had answered: {number} — {label}" in note.toolTip()
    assert _span_in_view(wizard, wizard.answer_buttons[0])[0] < room, "the first answer still starts on the screen"

    qtbot.mouseClick(note, Qt.MouseButton.LeftButton)
    top, bottom = _span_in_view(wizard, undone)
    room = wizard.question_scroll.viewport().height()  # the title back in the header
    assert 0 <= top and bottom <= room, "the tap shows the answer, whole"
    assert QGuiApplication.focusObject() is undone and not note.isVisible()
    assert wizard.state.keys == screen[1], "and gives no answer"
    key = undone.property("choice_key")
    qtbot.keyClick(undone, Qt.Key.Key_Return)  # Enter gives the answer shown
    assert wizard.state.keys == (*screen[1], key)
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)  # the top bar's ◀ undoes it as Back does
    assert wizard.state.keys == screen[1] and QGuiApplication.focusObject() is undone
    assert note.isVisible() and note.text_label.text() == shown
    qtbot.mouseClick(note, Qt.MouseButton.LeftButton)
    assert wizard.title_label.isVisible() and not note.isVisible(), "once the note goes, the title is back"


def test_the_undone_answers_note_never_names_an_answer_by_a_bare_a_or_the(qtbot, make_window):
    """At the largest text on an 800 × 600 screen, beside Back and Restart, the note for S16's answer 4 ("A crash,
    fire or medical emergency") read "You had answered: 4 — A…": four of its answers start "A", and "A" reads like
    a letter answer. Where no more than an article fits, the note gives the number alone."""
    size = (776, 576)
    screen, number = _UNDONE_BELOW[size]
    window, wizard, undone = _back_onto(qtbot, make_window, size, screen, number)
    note = wizard.undone_note
    assert note.isVisible() and undone.label().startswith("A "), "the case under test"
    shown = note.text_label.text()
    assert not shown.endswith((" A…", " An…", " The…")), shown
    assert shown.startswith(f"▾  You had answered: {number}") and _lines(note.text_label) == 1, shown


def _whole_in_sight(widget) -> bool:
    """Whether all of ``widget`` shows: nothing of it cut off by the edge of a view it scrolls in."""
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


@pytest.mark.parametrize(("size", "step"), [((776, 576), 6), ((1024, 600), 0)])
def test_after_every_back_the_note_and_the_first_answer_are_in_sight_where_the_screen_holds_them(qtbot, make_window,
                                                                                                   size, step):
    """Back onto each question of the bundled situations, from its last answer (the one furthest down). The note
    under the question fell below the screen's edge where the question filled it (3 Backs at 776 × 576, largest
    text), and in others pushed answer 1 off the screen where the question and answer 1 fit without it (48).
    The note now takes the title's place beside Back: always in sight, and answer 1 stays in sight wherever the
    question and it fit on the screen reached going forward."""
    from desktop.domain import wizard as engine
    from desktop.domain.model import Outcome
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(*size)
    window.set_text_step(step)
    activate(qtbot, window)
    wizard, pack = window.wizard_page, window.pack
    seen, noted, wrong = set(), 0, []
    for scenario in pack.scenarios:
        states = [engine.start(pack, scenario.scenario_id)]
        while states:
            state = states.pop()
            node = engine.current_node(pack, state)
            if isinstance(node, Outcome):
                continue
            states.extend(engine.answer(pack, state, choice.key) for choice in node.choices)
            if (state.at_scenario, node.node_id) in seen or len(node.choices) < 2:
                continue
            seen.add((state.at_scenario, node.node_id))
            window.navigate(Location(WIZARD, scenario.scenario_id, answers=state.keys))
            first, prompt = wizard.answer_buttons[0], wizard.prompt_label
            # going forward: the question's top and answer 1 on the screen at once, or not
            content = wizard.question_scroll.widget()
            fits = (first.mapTo(content, QPoint(0, first.height())).y() - prompt.mapTo(content, QPoint(0, 0)).y()
                    <= wizard.question_scroll.viewport().height())
            tap_answer(qtbot, wizard, wizard.answer_buttons[-1])
            qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
            assert wizard.state.keys == state.keys
            if wizard.undone_note.isHidden():
                continue
            noted += 1
            where = f"{scenario.scenario_id} {'/'.join(state.keys) or '(first)'}"
            if not _whole_in_sight(wizard.undone_note):
                wrong.append(f"{where}: the note is out of sight")
            if fits and not (_whole_in_sight(first) and prompt.visibleRegion().boundingRect().top() == 0):
                wrong.append(f"{where}: answer 1 (or the question's top) is out of sight, where both fit")
    assert noted or size == (1024, 600), "no Back showed the note: the case under test"
    assert not wrong, "\n".join(wrong)


def test_the_undone_answers_note_shows_only_where_that_answer_is_out_of_sight(qtbot, make_window):
    """The note is for an answer Back undid and left below the screen's edge: not on a question reached going
    forward, not after Back to an answer in sight, not at the usual text size where the answer fits."""
    (screen, number), size = _UNDONE_BELOW[(776, 576)], (776, 576)
    window, wizard, undone = _back_onto(qtbot, make_window, size, screen, 1)  # Back to the first answer, in sight
    room = wizard.question_scroll.viewport().height()
    assert _span_in_view(wizard, undone)[1] <= room and wizard.undone_note.isHidden()
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)  # the question before…
    again = next(b for b in wizard.answer_buttons if b.property("choice_key") == screen[1][-1])
    tap_answer(qtbot, wizard, again)  # …and forward again: the first answer has the focus, no note
    assert wizard.state.keys == screen[1] and wizard.undone_note.isHidden()
    assert _span_in_view(wizard, wizard.answer_buttons[number - 1])[0] >= room, "its answer 4 is out of sight"
    window.set_text_step(0)
    wizard.choose(number)
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    words = wizard.answer_buttons[number - 1].text_label
    assert _span_in_view(wizard, words)[0] < room - 30 and wizard.undone_note.isHidden(), "its words show"
    # the hint folds where that brings the undone answer into sight (FORCE, 1024 × 600): no note is needed
    window, wizard, undone = _back_onto(qtbot, make_window, (1024, 600), ("FORCE", ("protest",)), 2)
    assert wizard.help_toggle.isVisible()
    assert _span_in_view(wizard, undone)[1] <= wizard.question_scroll.viewport().height()
    assert wizard.undone_note.isHidden()


def test_where_the_undone_answers_note_would_push_the_first_answer_off_the_screen_the_hint_folds(qtbot, make_window):
    """The note takes room under the question: where the question, the note, the hint and the first answer do
    not fit (776 × 576 at the usual text size: the federal warrant's "What are they asking CPD to do?", Back
    from answer 5, in a window made shorter), the hint folds into its "How to tell" button, as it does where
    the hint alone would push the first answer off."""
    from desktop.ui.data_loading import load_data

    screen, (width, height) = ("PAPER", ("court", "yes", "federal", "other")), (776, 576)
    window = make_window(data=load_data(None), with_index=False)
    window.resize(width, height)
    activate(qtbot, window)
    wizard = window.wizard_page
    window.navigate(Location(WIZARD, screen[0], answers=screen[1]))
    assert wizard.help_frame.isVisible(), "reached going forward, the question shows its hint"
    wizard.choose(5)
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    undone, room = wizard.answer_buttons[4], wizard.question_scroll.viewport().height
    assert wizard.undone_note.isVisible() and QGuiApplication.focusObject() is undone
    while wizard.help_frame.isVisible() and height > 400:  # room for the note, the hint and the first answer
        assert _span_in_view(wizard, wizard.answer_buttons[0])[1] <= room(), f"{height} px: the first answer"
        height -= 2
        window.resize(width, height)
    assert not wizard.help_frame.isVisible() and wizard.help_toggle.isVisible(), "the hint folds"
    assert _span_in_view(wizard, wizard.answer_buttons[0])[1] <= room(), "the first answer shows whole"
    qtbot.mouseClick(wizard.help_toggle, Qt.MouseButton.LeftButton)  # one press shows the hint
    assert wizard.help_frame.isVisible() and QGuiApplication.focusObject() is undone


def test_the_undone_answers_note_goes_once_its_answer_is_in_sight_or_another_is_given(qtbot, make_window):
    """Scrolled down until the answer's words show, the note goes, and what is on the screen stays where it
    was (the view scrolls by as much as the header changes when the title takes the note's place); a taller
    window does the same; and the next answer takes the note away."""
    size = (776, 576)
    screen, number = _UNDONE_BELOW[size]
    window, wizard, undone = _back_onto(qtbot, make_window, size, screen, number)
    note, bar = wizard.undone_note, wizard.question_scroll.verticalScrollBar()
    assert note.isVisible()
    while note.isVisible():
        assert bar.value() < bar.maximum(), "scrolled to the end with the note still there"
        before = undone.mapTo(window, QPoint(0, 0)).y() - 4
        bar.setValue(bar.value() + 4)  # a slow drag, 4 px at a time
        assert undone.mapTo(window, QPoint(0, 0)).y() == before, "the answer stays under the finger"
    assert wizard.undone_note.isHidden() and _span_in_view(wizard, undone)[0] < wizard.question_scroll.viewport().height()
    bar.setValue(0)
    assert note.isHidden(), "gone for this screen"

    wizard.go_back()
    wizard.choose(1)
    wizard.choose(number)
    wizard.go_back()
    assert note.isVisible()
    window.resize(size[0], 1000)  # a taller window brings the answer into sight
    assert note.isHidden()
    window.resize(*size)
    wizard.choose(number)
    wizard.go_back()
    assert note.isVisible()
    key = wizard.answer_buttons[1].property("choice_key")
    qtbot.keyClick(undone, Qt.Key.Key_2)  # another answer: the next screen has no note
    assert wizard.state.keys == (*screen[1], key) and note.isHidden()


def test_a_taller_window_takes_the_note_away_where_back_would_have_shown_none(qtbot, make_window):
    """The note takes room under the question: a window made taller, where the answer would be in sight without
    the note, kept the note, which alone kept the answer below the edge. Each size now shows what Back shows at
    that size."""
    width, height = 776, 576
    screen, number = _UNDONE_BELOW[(width, height)]
    window, wizard, undone = _back_onto(qtbot, make_window, (width, height), screen, number)
    seen = set()
    while wizard.undone_note.isVisible() and height < 1000:
        height += 2
        window.resize(width, height)
        kept = wizard.undone_note.isVisible()
        wizard.choose(number)
        wizard.go_back()  # Back at this size
        assert wizard.undone_note.isVisible() == kept, (
            f"at {width} × {height} the taller window {'kept the' if kept else 'had no'} note, Back shows {'none' if kept else 'one'}")
        seen.add(kept)
    assert seen == {True, False}, "the window grew to where no note shows"


def test_the_undone_answers_note_is_reached_with_tab_and_pressed_with_enter(qtbot, make_window):
    """From the keyboard the note comes after the header's buttons, before the answers, and Enter on it shows
    the answer it names, with the focus. The tap moves what is under the finger (the answers, the title back in the
    note's place): a double tap's second press, on whatever is now there, does nothing."""
    from PySide6.QtCore import QEvent

    size = (776, 576)
    screen, number = _UNDONE_BELOW[size]
    window, wizard, undone = _back_onto(qtbot, make_window, size, screen, number)
    note = wizard.undone_note
    wizard.restart_button.setFocus()
    for _ in range(4):
        qtbot.keyClick(QGuiApplication.focusObject(), Qt.Key.Key_Tab)
        if QGuiApplication.focusObject() is note:
            break
    assert QGuiApplication.focusObject() is note, "Tab reaches the note"
    qtbot.keyClick(note, Qt.Key.Key_Return)
    room = wizard.question_scroll.viewport().height()
    top, bottom = _span_in_view(wizard, undone)
    assert QGuiApplication.focusObject() is undone and 0 <= top and bottom <= room and note.isHidden()
    assert wizard.state.keys == screen[1]

    wizard.choose(number)
    wizard.go_back()
    assert note.isVisible()
    interval = QGuiApplication.styleHints().mouseDoubleClickInterval()
    spot = note.mapTo(window, note.rect().center())
    _press(note, 40_000, window=window, spot=spot)
    under = window.childAt(spot)
    assert wizard.header.isAncestorOf(under) and note.isHidden(), "the header's words are under the finger now"
    expanded = wizard.heading.expanded
    _press(note, 40_060 + interval // 2, QEvent.Type.MouseButtonDblClick, window=window, spot=spot)
    assert wizard.state.keys == screen[1], "the second tap of a double tap gave an answer"
    assert wizard.heading.expanded == expanded, "or opened the header's words"
    assert QGuiApplication.focusObject() is undone


def test_the_note_going_with_the_focus_on_it_leaves_the_focus_on_the_answer_it_named(qtbot, make_window):
    """A widget hidden with the focus passes it to the next in line, here the first answer: Tabbed to the note
    and scrolled down with PageDown until the named answer showed, the note went and the focus was on answer 1,
    so Enter gave an answer the officer had not chosen. The focus goes to the answer the note named, and a
    press on the note moves it there without passing through another answer on the way (a screen reader
    says each)."""
    size = (776, 576)
    screen, number = _UNDONE_BELOW[size]
    window, wizard, undone = _back_onto(qtbot, make_window, size, screen, number)
    note = wizard.undone_note
    note.setFocus(Qt.FocusReason.TabFocusReason)
    assert QGuiApplication.focusObject() is note
    for _ in range(20):
        qtbot.keyClick(note, Qt.Key.Key_PageDown)
        if note.isHidden():
            break
    assert note.isHidden() and wizard._words_in_sight(undone), "PageDown scrolled the named answer into sight"
    assert QGuiApplication.focusObject() is undone, f"the focus went to answer {wizard.answer_buttons.index(QGuiApplication.focusObject()) + 1}"
    qtbot.keyClick(undone, Qt.Key.Key_Return)
    assert wizard.state.keys == (*screen[1], undone.property("choice_key")), "Enter gives the answer named"

    wizard.go_back()
    assert note.isVisible()
    note.setFocus(Qt.FocusReason.TabFocusReason)
    focused = []
    app = QGuiApplication.instance()
    app.focusObjectChanged.connect(focused.append)
    try:
        qtbot.keyClick(note, Qt.Key.Key_Return)
    finally:
        app.focusObjectChanged.disconnect(focused.append)
    assert focused == [undone] and note.isHidden(), [wizard.answer_buttons.index(w) + 1 for w in focused
                                                     if w in wizard.answer_buttons]


def test_back_from_a_citation_returns_to_that_citation(qtbot, window):
    """Back from a provision opened from an answer showed the answer's top with the focus on it: the place
    was lost, and the next citation was four Tabs away again. The opened citation now takes the focus, in
    sight."""
    activate(qtbot, window)
    window.resize(1024, 600)
    window.start_scenario("S08")
    wizard = window.wizard_page
    wizard.choose(2)
    wizard.choose(1)
    links = wizard.card.cites.buttons
    assert len(links) >= 2
    last = links[-1]
    wizard.reveal(last)
    qtbot.keyClick(last, Qt.Key.Key_Return)
    assert window.current_kind() == PROVISION and window.history.current.key == last.property("target")
    window.go_back()
    assert window.current_kind() == WIZARD
    assert QGuiApplication.focusObject() is last
    viewport = wizard.outcome_scroll.viewport()
    top = last.mapTo(viewport, last.rect().topLeft()).y()
    assert 0 <= top and top + last.height() <= viewport.height(), "the citation is in sight"
    assert wizard.outcome_scroll.verticalScrollBar().value() > 0
    window.go_forward()
    window.go_back()
    assert QGuiApplication.focusObject() is last, "again after Forward"
    wizard.restart()
    wizard.choose(2)
    wizard.choose(1)
    assert QGuiApplication.focusObject() is wizard.outcome_scroll, "a new walk to the answer starts at its top"


def test_opening_the_folded_hint_below_the_answers_shows_the_hint(qtbot, make_window):
    """Opened from its place below a seven-answer question, the hint appeared above the answers with the
    view left at the answers: it was entirely above the screen. The view now moves to the hint."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(800, 600)  # the button beside the question would push the second answer off this screen
    window.set_text_step(6)
    activate(qtbot, window)
    window.navigate(Location(WIZARD, "S01", answers=("no", "traffic", "warrant", "court")))
    wizard = window.wizard_page
    toggle = wizard.help_toggle
    assert toggle.objectName() == "howToTellToggleBelow" and toggle.isVisible()
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    frame = wizard.help_frame
    assert frame.isVisible()
    viewport = wizard.question_scroll.viewport()
    top = frame.mapTo(viewport, frame.rect().topLeft()).y()
    assert 0 <= top < viewport.height(), "the hint's first lines are in sight"


def test_the_page_keeps_the_keys_when_a_top_bar_button_goes_away(qtbot, make_window):
    """A+ at the largest size disabled itself and Qt passed its focus to "Data", so 1–9 answered nothing;
    OK on the out-of-date notice passed it to the wizard's Back, so a stray Enter undid an answer."""
    from desktop.ui.data_loading import load_data

    data = load_data(None)
    window = make_window(data=data, today=data.loaded.pack.meta.expires_on + dt.timedelta(days=30))
    activate(qtbot, window)
    window.start_scenario("S08")
    wizard = window.wizard_page
    window.set_text_step(5)
    window.larger_button.setFocus()
    qtbot.mouseClick(window.larger_button, Qt.MouseButton.LeftButton)  # to the largest: it disables itself
    assert not window.larger_button.isEnabled()
    assert QGuiApplication.focusObject() is wizard.answer_buttons[0]
    qtbot.mouseClick(wizard.answer_buttons[1], Qt.MouseButton.LeftButton)
    ok = next(b for b in window.findChildren(QWidget, "expiredOkButton"))
    ok.setFocus()
    qtbot.keyClick(ok, Qt.Key.Key_Return)
    assert not ok.isVisible()
    assert QGuiApplication.focusObject() is wizard.first_focus() and QGuiApplication.focusObject() is not wizard.back_button


# -- the header on a short screen ----------------------------------------------------------------------------
_HOSPITAL_PAPER = ("S25", ("no", "yes", "unsure", "court"))  # the longest title, "› What paper are they holding?"
_HOSPITAL_TITLE = ("ICE at a hospital or ER: you're guarding an arrestee, or agents are in the emergency department"
                   "  ›  What paper are they holding?")


def _header_window(qtbot, make_window, size, step=6, theme="night"):
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.set_theme(theme)
    window.resize(*size)
    window.set_text_step(step)
    activate(qtbot, window)
    window.navigate(Location(WIZARD, *_HOSPITAL_PAPER))
    return window, window.wizard_page


def _lines(label) -> int:
    return round((label.height() + label.fontMetrics().leading()) / label.fontMetrics().lineSpacing())


def _whole_words(shown: str, whole: str) -> bool:
    """Whether ``shown`` is ``whole`` less some words, with "…" (or "(2 earlier)") where they went: no word
    cut in two."""
    import re

    words = set(whole.split())
    shown = re.sub(r"\(\d+ earlier\)", "", shown)
    return all(word in words or word == "…" or (word.endswith("…") and word[:-1] in {w.rstrip(",;:") for w in words})
               for word in shown.split())


def test_shortened_words_end_at_a_word_and_keep_what_says_most():
    from desktop.ui.wizard_page import cut_words, title_variants, trail_variants

    assert cut_words("A court warrant, signed") == ["A court warrant…", "A court…", "A…"]
    assert cut_words("ER: you're") == ["ER…"] and cut_words("One") == []
    title = title_variants("ICE at a hospital or ER: you're guarding", "What paper are they holding?")
    assert title[0] == "ICE at a hospital or ER: you're guarding  ›  What paper are they holding?"
    assert title[1] == "ICE at a hospital or ER: you're…  ›  What paper are they holding?", "the shared step whole"
    assert "ICE at a hospital or ER…  ›  What paper are they holding?" in title
    assert title[-1] == "ICE…  ›  What…"
    trail = trail_variants(("No", "Yes — CPD arrestee", "They show a paper", "A court warrant signed by a judge"))
    assert list(trail[:4]) == [
        "Your answers: No  ›  Yes — CPD arrestee  ›  They show a paper  ›  A court warrant signed by a judge",
        "Your answers: (1 earlier)  ›  Yes — CPD arrestee  ›  They show a paper  ›  A court warrant signed by a judge",
        "Your answers: (2 earlier)  ›  They show a paper  ›  A court warrant signed by a judge",
        "Your answers: (3 earlier)  ›  A court warrant signed by a judge"]
    assert list(trail[4:7]) == ["Your answers: …  ›  A court warrant signed by a judge",
                                "…  ›  A court warrant signed by a judge",
                                "…  ›  A court warrant signed by a…"], "the earliest answers go first, the latest last"
    # the only answer so far keeps "Your answers:": on its own, "A protest at the operation: tear gas…" under
    # "Force… › Protest at a federal operation: tear gas, pepper…" read as more of the title
    assert trail_variants(("No",)) == ("Your answers: No",) and trail_variants(()) == ("First question",)
    assert trail_variants(("Released without charges",)) == (
        "Your answers: Released without charges", "Your answers: Released without…", "Your answers: Released…")
    for variants in (title, trail):
        assert all(_whole_words(shown, variants[0]) for shown in variants)


@pytest.mark.parametrize("size", [(1000, 552), (1024, 600)])
def test_on_a_short_screen_the_header_keeps_to_three_lines_and_the_latest_answer(qtbot, make_window, size):
    """At the largest text on 1000 × 552 the header (a four-line title, three lines of answers, Back and
    Restart beside them) took 202 of the page's 456 px, and a four-line question showed one answer, cut. On a
    short page the title keeps to two lines (the situation's shortened at a word, the shared step's whole),
    the answers so far to one (the latest whole), with every word in the tooltips and for a screen reader."""
    from desktop.ui.wizard_page import SHORT_PAGE

    window, wizard = _header_window(qtbot, make_window, size)
    assert wizard.height() < SHORT_PAGE
    header = wizard.findChild(QFrame, "wizardHeader")
    title, trail = wizard.title_label, wizard.breadcrumb
    assert header.height() <= 104, f"{header.height()} px"
    assert _lines(title) == 2 and _lines(trail) == 1
    assert title.text() != _HOSPITAL_TITLE and title.text().endswith("…  ›  What paper are they holding?")
    assert title.text().startswith("ICE at a hospital or ER: you're guarding"), "the situation: its first words"
    spoken_title = _HOSPITAL_TITLE.replace("  ›  ", ". Step: ")  # a screen reader read "›" by its name
    assert title.toolTip() == _HOSPITAL_TITLE and title.accessibleName() == spoken_title
    # described as it is named (Qt would describe it by its tip, "›" and all): a screen reader does not read a
    # description that is its name again
    assert title.accessibleDescription() == spoken_title
    labels = [step.label for step in wizard.state.steps]
    whole, spoken = "Your answers: " + "  ›  ".join(labels), "Your answers: " + "; then ".join(labels)
    assert trail.text() == "Your answers: (3 earlier)  ›  A court warrant signed by a judge or magistrate", "the latest"
    assert trail.toolTip() == whole and trail.accessibleDescription() == spoken
    assert trail.accessibleName() == "Answers so far"
    assert _whole_words(title.text(), _HOSPITAL_TITLE) and _whole_words(trail.text(), whole)
    assert wizard.heading.accessibleDescription() == spoken  # the title is the start of its name, heard once
    assert wizard.heading.accessibleName() == f"{spoken_title} Situation and answers so far: press to show them whole"
    # nothing overlaps, and every target is a finger's: the words span the header, the answers so far below
    # Back and Restart, which the words' button leaves out (its mask)
    back, restart, heading = wizard.back_button, wizard.restart_button, wizard.heading

    def rect(widget):
        return widget.rect().translated(widget.mapTo(header, widget.rect().topLeft()))

    assert rect(title).right() < back.geometry().left() < back.geometry().right() < restart.geometry().left()
    assert rect(trail).top() > restart.geometry().bottom() and rect(trail).right() > back.geometry().left()
    assert not heading.mask().intersects(QRect(heading.mapFrom(header, back.geometry().topLeft()),
                                               heading.mapFrom(header, restart.geometry().bottomRight())))
    assert restart.geometry().right() <= header.contentsRect().right()
    assert max(w.geometry().bottom() for w in (heading, back, restart)) < header.height()
    assert min(w.height() for w in (heading, back, restart)) >= 44
    from desktop.ui.themes import font_sizes

    assert back.font().pixelSize() == restart.font().pixelSize() == font_sizes(6)["header"], "Back grows half as fast"
    view = wizard.question_scroll.viewport().height()
    assert view >= wizard.height() - 104, f"the question has {view} of {wizard.height()} px"


@pytest.mark.parametrize("size", [(1280, 800), (1366, 698)])  # 1366 × 768 less a taskbar and a title bar
def test_on_a_taller_screen_the_header_is_as_it_was(qtbot, make_window, size):
    """From 1280 × 800 (and 1366 × 768 less a frame) the page has room: the header shows the whole title and
    the answers in two lines (the earliest counted where they do not fit), Back and Restart at the text's size.
    A short window shortens it, and a taller one shows it whole again."""
    from desktop.ui.themes import font_sizes
    from desktop.ui.wizard_page import SHORT_PAGE

    window, wizard = _header_window(qtbot, make_window, size)
    assert wizard.height() >= SHORT_PAGE
    title, trail = wizard.title_label, wizard.breadcrumb
    labels = [step.label for step in wizard.state.steps]
    header = wizard.findChild(QFrame, "wizardHeader")

    kept = {1280: 2, 1366: 3}[size[0]]

    def as_before():
        assert title.text() == _HOSPITAL_TITLE
        # the latest answers that fit two lines: the last three at 1366 px, two at 1280 (as before)
        assert trail.text() == f"Your answers: ({len(labels) - kept} earlier)  ›  " + "  ›  ".join(labels[-kept:])
        assert _lines(trail) == 2
        assert wizard.back_button.font().pixelSize() == font_sizes(6)["body"]
        # the words where they were: 20 px in and 10 down, the buttons 10 down, 10 px below the taller
        assert title.mapTo(header, title.rect().topLeft()).toTuple() == (20, 10)
        assert wizard.back_button.y() == 10
        words = trail.mapTo(header, trail.rect().bottomLeft()).y() + 1
        assert header.contentsRect().bottom() + 1 == max(words, wizard.back_button.geometry().bottom() + 1) + 10

    as_before()
    assert _lines(title) >= 2 and trail.text().startswith("Your answers:")
    window.resize(1000, 552)  # the new heights reach the header in a few turns of the event loop
    qtbot.waitUntil(lambda: header.height() <= 104)
    assert wizard.height() < SHORT_PAGE and _lines(title) == 2 and _lines(trail) == 1
    window.resize(*size)
    qtbot.waitUntil(lambda: header.height() > 104)
    as_before()


@pytest.mark.parametrize(("step", "screen", "whole"), [
    (0, ("S03", ("no", "other", "none", "unclear")), True),  # 123 characters in one line: counted "(2 earlier)"
    (6, ("S01", ("no", "traffic", "run")), False),  # two long answers: three lines, never shortened
])
def test_on_a_taller_screen_the_answers_so_far_keep_to_two_lines_by_the_same_rule(qtbot, make_window, step, screen,
                                                                                   whole):
    """A taller page shortened the answers so far by counting characters (over 110: the last two answers),
    a short one by what fits its line: a trail that fit one line lost its earliest answers, and two long
    answers took three lines at the largest text. Both now keep the latest answers that fit, in two lines
    here, one on a short page."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(1280, 800)
    window.set_text_step(step)
    activate(qtbot, window)
    window.navigate(Location(WIZARD, *screen))
    wizard = window.wizard_page
    trail = wizard.breadcrumb
    full = "Your answers: " + "  ›  ".join(step.label for step in wizard.state.steps)
    assert _lines(trail) <= 2 and trail.text().startswith("Your answers: ") and _whole_words(trail.text(), full)
    assert (trail.text() == full) == whole and wizard.heading.active != whole, "a tap shows what is shortened"


def test_a_tap_on_the_shortened_header_shows_it_whole_until_the_next_screen(qtbot, make_window):
    """Shortened, the header's words are a button: a tap (or Enter on it, reached with Tab) shows the whole
    title and every answer, another shortens them again. The tap leaves the keyboard's focus on the answer.
    Where nothing is shortened they take no presses and no focus."""
    window, wizard = _header_window(qtbot, make_window, (1000, 552))
    heading, title, trail = wizard.heading, wizard.title_label, wizard.breadcrumb
    header = wizard.findChild(QFrame, "wizardHeader")
    short = header.height()
    answer = QGuiApplication.focusObject()
    assert answer is wizard.answer_buttons[0] and heading.focusPolicy() == Qt.FocusPolicy.TabFocus
    assert "show them whole" in heading.accessibleName()
    qtbot.mouseClick(heading, Qt.MouseButton.LeftButton)
    assert title.text() == _HOSPITAL_TITLE and trail.text() == trail.toolTip()
    assert header.height() > short + 60 and QGuiApplication.focusObject() is answer
    assert "shorten" in heading.accessibleName()
    qtbot.mouseClick(heading, Qt.MouseButton.LeftButton)
    assert header.height() == short and title.text() != _HOSPITAL_TITLE

    qtbot.keyClick(answer, Qt.Key.Key_Backtab)  # Shift+Tab: Restart, Back, the header's words
    qtbot.keyClick(QGuiApplication.focusObject(), Qt.Key.Key_Backtab)
    qtbot.keyClick(QGuiApplication.focusObject(), Qt.Key.Key_Backtab)
    assert QGuiApplication.focusObject() is heading
    qtbot.keyClick(heading, Qt.Key.Key_Return)
    assert title.text() == _HOSPITAL_TITLE and wizard.state.keys == _HOSPITAL_PAPER[1], "Enter answered nothing"
    wizard.choose(2)  # the next screen: shortened again
    assert title.text() != title.toolTip() and header.height() <= short

    window.navigate(Location(WIZARD, "S08", answers=("no",)))  # a short title and one answer: nothing to show
    assert not title.shortened() and not trail.shortened()
    assert heading.focusPolicy() == Qt.FocusPolicy.NoFocus and "whole" not in heading.accessibleName()
    height = header.height()
    qtbot.mouseClick(heading, Qt.MouseButton.LeftButton)
    assert header.height() == height and not title.shortened()


@pytest.mark.parametrize(("theme", "ring"), [("day", "#d97706"), ("night", "#f0b452"), ("contrast", "#00ffff")])
def test_the_header_words_show_a_focus_ring_only_with_the_focus(qtbot, make_window, theme, ring):
    window, wizard = _header_window(qtbot, make_window, (1000, 552), theme=theme)
    heading = wizard.heading
    header = wizard.findChild(QFrame, "wizardHeader")

    def ring_colour() -> str:  # the ring's top edge, on the header (the words' button has no colour of its own)
        return header.grab().toImage().pixelColor(heading.mapTo(header, QPoint(heading.width() // 2, 1))).name()

    background = header.grab().toImage().pixelColor(header.width() - 2, 2).name()
    notch = heading.notch_rect  # Back and Restart: the words span the header, the ring goes round the buttons
    assert not notch.isEmpty(), "the words keep left of the buttons: the case under test is gone"

    def inner_edge() -> str:  # the ring's edge beside Back, on the header
        spot = heading.mapTo(header, QPoint(notch.left() - 2, notch.height() // 2))
        return header.grab().toImage().pixelColor(spot).name()

    assert ring_colour() == background and inner_edge() == background
    heading.setFocus()
    activate(qtbot, window)
    assert heading.hasFocus()
    assert ring_colour() == ring and inner_edge() == ring


@pytest.mark.parametrize(("theme", "ring"), [("day", "#d97706"), ("night", "#f0b452"), ("contrast", "#00ffff")])
def test_the_focus_ring_left_of_back_has_rounded_corners(qtbot, make_window, theme, ring):
    """Where the header's words keep left of Back and Restart on a short page, the ring's corners beside Back
    were square: the ring's top and bottom edges ran on into them, while its left corners are rounded."""
    window, wizard = _header_window(qtbot, make_window, (1024, 600), step=2, theme=theme)
    heading = wizard.heading
    header = wizard.findChild(QFrame, "wizardHeader")
    notch = heading.notch_rect
    assert not notch.isEmpty() and notch.height() == heading.height(), "the words beside the buttons: gone"
    heading.setFocus()
    activate(qtbot, window)
    assert heading.hasFocus()
    image = header.grab().toImage()

    def colour(x: int, y: int) -> str:
        return image.pixelColor(heading.mapTo(header, QPoint(x, y))).name()

    background = image.pixelColor(header.width() - 2, 2).name()
    right = notch.left() - 1  # the ring's outermost column beside Back
    middle = heading.height() // 2
    assert colour(right, middle) == ring and colour(0, middle) == ring
    assert colour(0, 0) == background, "the left corners are rounded"
    assert colour(right, 0) == background and colour(right, heading.height() - 1) == background


def test_the_provisions_an_answer_rests_on_show_under_its_verdict(qtbot, window):
    """Which provision says so was the card's last part, below Do, Do not, what to say, Document, Notify and
    Why: several screens down at the largest text on 1024 × 600. A line under the verdict and the answer names
    them, and a press on it brings the citations into view with the first focused, so Enter opens it."""
    activate(qtbot, window)
    window.set_text_step(6)
    window.resize(1000, 552)
    window.start_scenario("S08")
    wizard = window.wizard_page
    qtbot.mouseClick(wizard.answer_buttons[1], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.answer_buttons[0], Qt.MouseButton.LeftButton)
    card, view = wizard.card, wizard.outcome_scroll.viewport()
    cites = card.cites.buttons
    assert len(cites) == 2 and cites[0].mapTo(view, cites[0].rect().topLeft()).y() > view.height(), "far below"
    line = card.findChild(QWidget, "citesSummaryButton")
    assert line is not None and line.isVisible(), "no line under the verdict names the provisions"
    assert line.label() == "Based on 5\u00a0ILCS\u00a0805/15(a) and MCC\u00a02-173-020(a)\u2060(1)\u2060(C)\u00a0\u00a0▾"
    assert line.accessibleName() == "Based on 5 ILCS 805/15(a); MCC 2-173-020(a)(1)(C). Press to go to them"
    headline_bottom = card.headline_label.mapTo(view, card.headline_label.rect().bottomLeft()).y()
    top = line.mapTo(view, line.rect().topLeft()).y()
    assert headline_bottom < top and top + line.height() // 2 < view.height(), "the line is not under the answer, in sight"

    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    assert window.focusWidget() is cites[0]
    first = cites[0].mapTo(view, cites[0].rect().topLeft()).y()
    assert 0 <= first and first + cites[0].height() <= view.height(), "the first citation is not in sight"
    qtbot.keyClick(cites[0], Qt.Key.Key_Return)
    assert window.current_kind() == PROVISION and window.provision_page.provision.provision_id == "IL-TRUST-15a"


@pytest.mark.parametrize(("size", "scenario", "answers"), [
    ((1024, 600), "SAFETY", ("violence",)),
    ((1024, 600), "SAFETY", ("crowd",)),
    ((1024, 600), "S23", ("no", "yes", "i205", "entering")),
    ((800, 600), "PAPER", ("admin",)),
    ((800, 600), "S01", ("no", "traffic", "hold")),
    # what to do itself ran below the edge on 800 × 600 in 47 of 220 answers (the verdict's line kept): these
    # by 96, 81, 57 and 32 px
    ((800, 600), "S22", ("no", "judicial", "yes", "federal_other", "entry")),
    ((800, 600), "S10", ("no", "sister")),
    ((800, 600), "PAPER", ("court", "yes", "federal", "other", "street")),
    ((800, 600), "S17", ("hurt", "yes")),
])
def test_what_to_do_shows_whole_under_the_verdict_at_the_largest_text(qtbot, make_window, size, scenario, answers):
    """The line naming the provisions sat between the verdict and the answer's first line, what to do: at the
    largest text on 1024 × 600 that line was cut at the screen's edge in 165 of 218 answers (214 on 800 × 600),
    and an officer tapping through saw the verdict and the law's name, not what to do first. On 800 × 600 what
    to do itself, 5 to 7 lines, still ran below the edge: it takes the lists' type size there, the verdict and
    its line of explanation kept."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(*size)
    window.set_text_step(6)
    window.navigate(Location(WIZARD, scenario, answers=answers))
    card, view = window.wizard_page.card, window.wizard_page.outcome_scroll.viewport()
    qtbot.waitUntil(lambda: card.isVisible() and card.headline_label.height() > 0)
    bottom = card.headline_label.mapTo(view, card.headline_label.rect().bottomLeft()).y()
    assert window.wizard_page.outcome_scroll.verticalScrollBar().value() == 0
    assert bottom <= view.height(), f"what to do ends {bottom - view.height()} px below the screen's edge"
    assert card.verdict_hint.isVisible() and card.verdict_hint.text()


def test_what_to_do_keeps_its_own_size_where_it_fits(qtbot, make_window):
    """Only an answer that would run below the screen's edge is typed smaller: on 1024 × 600 the longest keeps
    its size, and on 800 × 600 it takes it back when the text is made smaller."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(1024, 600)
    window.set_text_step(6)
    window.navigate(Location(WIZARD, "S22", answers=("no", "judicial", "yes", "federal_other", "entry")))
    card = window.wizard_page.card
    qtbot.waitUntil(lambda: card.isVisible() and card.headline_label.height() > 0)
    large = card.headline_label.font().pixelSize()
    assert card.headline_label.property("fit") != "small"
    window.resize(800, 600)
    qtbot.waitUntil(lambda: card.headline_label.property("fit") == "small")
    assert card.headline_label.font().pixelSize() < large
    window.set_text_step(3)
    qtbot.waitUntil(lambda: card.headline_label.property("fit") != "small")


def test_the_line_under_the_verdict_counts_the_citations_it_does_not_name():
    assert outcome_card.cites_up_front(["A"]) == "Based on A\u00a0\u00a0▾"
    assert outcome_card.cites_up_front(["A", "B", "C", "D"]) == "Based on A, B and 2 more\u00a0\u00a0▾"


def _laid_out_lines(label) -> list[str]:
    """``label``'s words, line by line, as a text layout as wide as the label breaks them."""
    layout = QTextLayout(label.text(), label.font())
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(label.contentsRect().width())
        lines.append(label.text()[line.textStart():line.textStart() + line.textLength()])
    layout.endLayout()
    return lines


def test_the_line_under_the_verdict_keeps_each_citations_name_on_one_line(qtbot, window):
    """At the largest text on an 800-pixel screen the line read "Based on 5 ILCS 805/15(a), 5 ILCS" over
    "805/15(b) and 4 more": a citation's name broke at its space, as the quiz's score page no longer does."""
    assert outcome_card.cites_up_front(["5 ILCS 805/15(a)", "5 ILCS 805/15(b)", "MCC 2-173-020(a)(1)"]) == (
        "Based on 5\u00a0ILCS\u00a0805/15(a), 5\u00a0ILCS\u00a0805/15(b) and 1 more\u00a0\u00a0▾")
    window.set_text_step(6)
    window.resize(776, 576)
    window.navigate(Location(WIZARD, "S08", answers=("no", "no")))
    label = window.wizard_page.card.cites_summary.text_label
    qtbot.waitUntil(lambda: label.width() < label.fontMetrics().horizontalAdvance(label.text()))  # it wraps
    ends = [line.rstrip() for line in _laid_out_lines(label)]
    assert len(ends) > 1 and not any(end.endswith(("ILCS", "MCC")) for end in ends), ends


def test_the_line_under_the_verdict_never_leaves_its_arrow_alone_on_a_line(qtbot, make_window):
    """At the largest text on 1024 × 600 the traffic-stop answer's line read "Based on 5 ILCS 805/15(a), 5 ILCS
    805/15(b) and 4 more" over a line holding only "▾": the arrow that says a tap shows them stays with its word."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(1024, 600)
    window.set_text_step(6)
    window.navigate(Location(WIZARD, "S01", answers=("no", "traffic", "hold")))
    label = window.wizard_page.card.cites_summary.text_label
    qtbot.waitUntil(lambda: label.width() < label.fontMetrics().horizontalAdvance(label.text()))  # it wraps
    lines = [line.strip(" \u00a0") for line in _laid_out_lines(label)]
    assert len(lines) > 1 and lines[-1] != "▾" and lines[-1].endswith("more\u00a0\u00a0▾"), lines


def test_a_double_tap_on_the_line_under_the_verdict_opens_no_citation(qtbot, make_window):
    """The first tap brings the citations up under the finger; the second, within the double-click interval,
    opened the one that came to lie there, unread."""
    from PySide6.QtCore import QEvent

    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)  # six citations: one comes under the finger
    window.set_text_step(6)
    window.resize(1024, 600)
    window.navigate(Location(WIZARD, "S01", answers=("no", "traffic", "hold")))
    line = window.wizard_page.card.cites_summary
    spot = line.mapTo(window, line.rect().center())
    interval = QGuiApplication.styleHints().mouseDoubleClickInterval()
    _press(line, 40_000, window=window, spot=spot)
    under = window.childAt(spot)
    assert window.focusWidget() is window.wizard_page.card.cites.buttons[0]
    assert under.objectName() in ("linkButton", "buttonText"), "no citation came under the finger: a test that cannot fail"
    _press(line, 40_000 + interval // 2, QEvent.Type.MouseButtonDblClick, window=window, spot=spot)
    assert window.current_kind() == WIZARD, "the second tap opened a citation"
    _press(line, 40_000 + interval + 200, window=window, spot=spot)
    assert window.current_kind() == PROVISION, "a deliberate tap after the interval opens it"


def test_the_judges_warrant_at_the_courthouse_goes_straight_to_the_four_point_check_and_back(qtbot, make_window):
    """S24: "Yes — signed by a judge" opens PAPER's four-point check of a court warrant, not "What paper are
    they holding?" (asked again what the officer had just said); Back returns to S24's question."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.start_scenario("S24")
    wizard = window.wizard_page
    with qtbot.waitSignal(wizard.state_changed):
        qtbot.mouseClick(wizard.answer_buttons[1], Qt.MouseButton.LeftButton)  # No — nobody is hurt
    asked = wizard.prompt_label.text()
    assert asked == "Do the agents show a warrant or order signed by a judge for this person?"
    judge = next(b for b in wizard.answer_buttons if b.label() == "Yes — signed by a judge")
    with qtbot.waitSignal(wizard.state_changed):
        qtbot.mouseClick(judge, Qt.MouseButton.LeftButton)
    assert (wizard.state.at_scenario, wizard.state.at_node) == ("PAPER", "q_court_check")
    assert wizard.prompt_label.text().startswith("Does the warrant show all four:")
    assert "Yes — signed by a judge" in wizard.breadcrumb.text()
    assert window.history.current.answers == ("no", "judge")
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    assert wizard.prompt_label.text() == asked and wizard.state.keys == ("no",)


def test_after_back_the_question_keeps_its_size_where_a_small_scroll_shows_the_answer_undone(qtbot, make_window):
    """At the largest text on 1024 × 600, "Why is the person being held?" (S31) showed at its own size going
    forward and at its answers' smaller size after Back from its third answer, to keep that answer in sight: a
    scroll of a few pixels (less than the page's top margin) shows it whole with the question at its own size."""
    from desktop.ui.data_loading import load_data
    from desktop.ui.settings import TEXT_STEP_MAX

    window = make_window(data=load_data(None), with_index=False)
    window.resize(1024, 600)
    window.set_text_step(TEXT_STEP_MAX)
    activate(qtbot, window)
    wizard = window.wizard_page
    window.navigate(Location(WIZARD, "S31", answers=("no",)))
    assert wizard.prompt_label.text() == "Why is the person being held?"
    size = wizard.prompt_label.font().pixelSize()
    wizard.choose(3)  # "A judge-signed criminal warrant": an answer
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    answer = wizard.answer_buttons[2]
    assert answer.hasFocus() and wizard.prompt_label.text() == "Why is the person being held?"
    assert wizard.prompt_label.font().pixelSize() == size, "the question at the size it had going forward"
    view = wizard.question_scroll.viewport()
    top = wizard.prompt_label.mapTo(view, QPoint(0, 0)).y()
    bottom = answer.mapTo(view, QPoint(0, answer.height())).y()
    assert 0 <= top and bottom <= view.height(), "the question from its top, and the answer undone whole"
