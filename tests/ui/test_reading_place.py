"""A new text size, or a new width, keeps the line an officer was reading at the top of an answer, a provision or
a glossary term: the scroll was kept in pixels, and A+ half-way down an answer showed another part of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWidget

from desktop.ui.data_loading import load_data
from desktop.ui.history import PROVISION, TERM, WIZARD, Location
from desktop.ui.settings import Settings
from desktop.ui.widgets import VScrollArea, WrapLabel
from tests.ui.ui_helpers import activate, settle

BUNDLED = Path(__file__).resolve().parents[2] / "data" / "encounter-guide.json"
S13_CROWD = Location(WIZARD, "S13", answers=("no", "yes", "peaceful", "crowd"))  # "Do not hold a line…"


@pytest.fixture
def officer_window(make_window, user_base):
    """The bundled pack on an in-car laptop's 800 × 600, one step below the largest text."""
    settings = Settings()
    settings.text_step = 5
    window = make_window(load_data(str(BUNDLED)), settings)
    window.resize(800, 600)
    settle()
    return window


def _words(view: VScrollArea, start: str) -> QWidget:
    """The innermost shown widget in ``view`` whose words begin with ``start``."""
    found = [w for w in view.widget().findChildren(QWidget)
             if w.isVisible() and callable(getattr(w, "text", None)) and w.text().startswith(start)]
    assert found, start
    return min(found, key=QWidget.height)


def _top_in_view(view: VScrollArea, widget: QWidget) -> int:
    return widget.mapTo(view.widget(), QPoint(0, 0)).y() - view.verticalScrollBar().value()


def _read_from(view: VScrollArea, widget: QWidget, down: int) -> None:
    """Scroll so the view's top line is ``down`` pixels into ``widget``."""
    bar = view.verticalScrollBar()
    bar.setValue(widget.mapTo(view.widget(), QPoint(0, 0)).y() + down)
    assert 0 < bar.value() < bar.maximum()
    assert _top_in_view(view, widget) == -down


def _still_at_the_top(view: VScrollArea, widget: QWidget) -> None:
    top = _top_in_view(view, widget)
    assert top <= 0 < top + widget.height(), f"{widget.text()[:40]!r} is at {top} px, not across the view's top"


def _reading_s13(window) -> tuple[VScrollArea, QWidget]:
    """S13's answer to a crowd, its view's top line 4 px into "Federal supervisor's name, agency and badge number"."""
    window.navigate(S13_CROWD)
    settle()
    view = window.wizard_page.outcome_scroll
    line = _words(view, "Federal supervisor's name, agency and badge number")
    _read_from(view, line, 4)
    return view, line


@pytest.mark.parametrize("button", ["larger_button", "smaller_button"])
def test_a_new_text_size_keeps_the_line_read_at_the_top_of_an_answer(qtbot, officer_window, button):
    window = officer_window
    view, line = _reading_s13(window)
    qtbot.mouseClick(getattr(window, button), Qt.MouseButton.LeftButton)
    settle()
    assert window.text_step == (6 if button == "larger_button" else 4)
    _still_at_the_top(view, line)
    view.verticalScrollBar().setValue(0)  # the top of the answer, its verdict, stays the top
    qtbot.mouseClick(getattr(window, button), Qt.MouseButton.LeftButton)
    settle()
    assert view.verticalScrollBar().value() == 0


@pytest.mark.parametrize(("place", "page", "start"), [
    (Location(PROVISION, "CHI-EO-2026-01"), "provision_page", "Note: Mayoral executive orders bind City departments"),
    (Location(TERM, "I-247A detainer"), "term_page", "5 ILCS 805/15(a)"),
])
def test_a_new_text_size_keeps_the_line_read_on_a_provision_and_a_glossary_term(qtbot, officer_window, place, page,
                                                                                start):
    window = officer_window
    window.navigate(place)
    settle()
    view = getattr(window, page).scroll
    line = _words(view, start)
    _read_from(view, line, 2)
    qtbot.mouseClick(window.larger_button, Qt.MouseButton.LeftButton)
    settle()
    _still_at_the_top(view, line)


def test_a_wider_window_keeps_the_line_read_at_the_top_of_an_answer(officer_window):
    window = officer_window
    view, line = _reading_s13(window)
    window.resize(1024, 600)
    settle()
    _still_at_the_top(view, line)


def test_a_new_text_size_keeps_the_chosen_search_result_in_sight(qtbot, officer_window):
    """An officer picked the seventh result with the arrows from the search box, then pressed A+: the rows grew
    and the chosen one slid half below the list's edge, where Enter would open a result they could not read."""
    window = officer_window
    window.activateWindow()
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "detainer")
    window.search_page.flush()
    for _ in range(6):
        qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    view = window.search_page.view
    assert view.currentIndex().row() == 6 and view.verticalScrollBar().value() > 0

    def in_sight() -> bool:
        rect = view.visualRect(view.currentIndex())
        return 0 <= rect.top() and rect.bottom() < view.viewport().height()

    assert in_sight()
    qtbot.mouseClick(window.larger_button, Qt.MouseButton.LeftButton)
    settle()
    assert view.currentIndex().row() == 6
    assert in_sight(), f"{view.visualRect(view.currentIndex())} in a {view.viewport().height()}-px list"


def test_a_new_text_size_keeps_the_result_read_at_the_top_of_the_list(qtbot, officer_window):
    """Scrolled down the results by a drag (the chosen one, the first, out of sight): the result at the top of the
    list stays at its top."""
    window = officer_window
    window.search_for("warrant")
    window.search_page.flush()
    view = window.search_page.view
    top_row = view.model().index(5, 0)
    view.scrollTo(top_row, view.ScrollHint.PositionAtTop)
    assert view.visualRect(top_row).top() == 0 and not view.visualRect(view.currentIndex()).intersects(
        view.viewport().rect())
    qtbot.mouseClick(window.larger_button, Qt.MouseButton.LeftButton)
    settle()
    assert view.indexAt(view.viewport().rect().topLeft()).row() == 5
    assert view.visualRect(top_row).top() == 0


@pytest.mark.parametrize(("step", "height"), [(6, 500), (5, 450), (3, 1000)])
def test_a_new_height_alone_keeps_the_line_read_at_the_top_of_an_answer(officer_window, step, height):
    """The answer fits its headline and its lists to the room it has: a window made shorter or taller (the width
    kept) moved the line read, 80 px up above the view at the largest text on 800 × 500, 65 px down at 800 × 1000."""
    window = officer_window
    window.set_text_step(step)
    view, line = _reading_s13(window)
    window.resize(800, height)
    settle()
    _still_at_the_top(view, line)
    assert _top_in_view(view, line) == -4


def _change(qtbot, window, how: str) -> None:
    """A+ or A− pressed: the words of the page shown grow or shrink."""
    qtbot.mouseClick(window.larger_button if how == "larger" else window.smaller_button, Qt.MouseButton.LeftButton)
    settle()


@pytest.mark.parametrize("how", ["larger", "smaller"])
def test_a_question_scrolled_down_keeps_the_answer_read_at_its_top(qtbot, officer_window, how):
    """"What paper are they holding?" (seven answers) scrolled to its third, the view's top line 4 px into it: A+ or
    A− kept the scroll in pixels (or went back to the question's top), and the view's top showed another answer
    than the one the officer was reading."""
    window = officer_window
    window.navigate(Location(WIZARD, "PAPER"))
    settle()
    page = window.wizard_page
    view, third = page.question_scroll, page.answer_buttons[2]
    _read_from(view, third, 4)
    _change(qtbot, window, how)
    top = _top_in_view(view, third)
    assert top <= 0 < top + third.height(), f"answer 3 at {top} px, not across the view's top"


def test_home_scrolled_down_keeps_the_situation_read_at_the_top_of_the_list(qtbot, officer_window):
    """Home's list of all situations scrolled to a row (its top line 4 px into it), then A+: the list kept its
    scroll in pixels, and another row sat at its top (the rows grew)."""
    window = officer_window
    tree = window.home_page.tree
    model = tree.model()
    row = next(model.index(r, 0, model.index(c, 0)) for c in range(model.rowCount()) if model.rowCount(
        model.index(c, 0)) > 3 for r in [3])  # the fourth situation of the first category with that many
    bar = tree.verticalScrollBar()
    bar.setValue(bar.value() + tree.visualRect(row).top() + 4)
    assert 0 < bar.value() < bar.maximum() and tree.visualRect(row).top() == -4
    _change(qtbot, window, "larger")
    rect = tree.visualRect(row)
    assert rect.top() <= 0 < rect.bottom(), f"{row.data()!r} at {rect.top()} px, not across the list's top"


def test_home_s_buttons_scrolled_down_keep_the_one_read_at_the_top(qtbot, officer_window):
    """Home's buttons for the common situations, scrolled so the view's top line is 4 px into the fourth: A+ kept
    the scroll in pixels, and the fourth slid down out of the view's top."""
    window = officer_window
    view, button = window.home_page.common_area, window.home_page.buttons[3]
    _read_from(view, button, 4)
    _change(qtbot, window, "larger")
    top = _top_in_view(view, button)
    assert top <= 0 < top + button.height(), f"button 4 at {top} px, not across the view's top"


@pytest.mark.parametrize("leave", ["home", "search"])
def test_back_to_an_answer_read_half_way_shows_the_part_read_not_its_top(qtbot, officer_window, leave):
    """Half-way down an answer (its "Document" list, three screens down at this size on 800 × 600), the officer
    taps Home or searches for something else, then ◀: the answer opened at its verdict again, and the part they
    were reading was three screens of scrolling away. Back shows the line they left at the top."""
    window = officer_window
    view, _ = _reading_s13(window)
    if leave == "home":
        qtbot.mouseClick(window.home_button, Qt.MouseButton.LeftButton)
    else:
        qtbot.keyClicks(window.search_field, "warrant")
        window.search_page.flush()
    settle()
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    settle()
    assert window.current_kind() == WIZARD and window.wizard_page.outcome_scroll.isVisible()
    _still_at_the_top(view, _words(view, "Federal supervisor's name, agency and badge number"))


def test_back_and_forward_to_a_provision_read_half_way_show_the_part_read(qtbot, officer_window):
    """A provision read half-way, Home, then ◀, opened at its title again; and ◀ then ▶ back to it did too.
    Both show the line the officer left at the top."""
    window = officer_window
    window.navigate(Location(PROVISION, "CHI-EO-2026-01"))
    settle()
    view = window.provision_page.scroll
    start = "Note: Mayoral executive orders bind City departments"
    _read_from(view, _words(view, start), 2)
    qtbot.mouseClick(window.home_button, Qt.MouseButton.LeftButton)
    settle()
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    settle()
    assert window.current_kind() == PROVISION
    _still_at_the_top(view, _words(view, start))

    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)  # Home, then forward again
    settle()
    qtbot.mouseClick(window.forward_button, Qt.MouseButton.LeftButton)
    settle()
    assert window.current_kind() == PROVISION
    _still_at_the_top(view, _words(view, start))


def test_back_to_a_provision_s_related_links_puts_the_focus_on_one_in_sight(qtbot, officer_window):
    """Back to the related links at a provision's end shows them, and the keys are on the first one in sight,
    not on Copy citation scrolled out of view above (Space would copy unseen, Tab would jump up)."""
    window = officer_window
    window.navigate(Location(PROVISION, "CHI-EO-2026-01"))
    settle()
    view = window.provision_page.scroll
    link = window.provision_page.related.buttons[1]
    _read_from(view, link, 0)
    qtbot.mouseClick(window.home_button, Qt.MouseButton.LeftButton)
    settle()
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    settle()
    assert _top_in_view(view, window.provision_page.related.buttons[1]) == 0
    focus = window.focusWidget()
    assert focus in window.provision_page.related.buttons and view._in_sight(focus)


def test_back_to_a_provision_read_where_no_control_shows_leaves_no_focus_out_of_sight(qtbot, officer_window):
    """Back to the middle of a long provision's words, where no button or link shows, left the keys on Copy citation
    scrolled out of sight above: Space or Enter copied unseen. The keys are on the words' view, where PageDown and
    the arrows read on."""
    window = officer_window
    window.activateWindow()
    window.navigate(Location(PROVISION, "CHI-EO-2025-8"))
    settle()
    view, bar = window.provision_page.scroll, window.provision_page.scroll.verticalScrollBar()
    controls = [w for w in view.widget().findChildren(QWidget)
                if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    for value in range(0, bar.maximum(), 40):
        bar.setValue(value)
        if not any(view._in_sight(w) for w in controls):
            break
    else:
        pytest.fail("no place in CHI-EO-2025-8 without a control in sight")
    left = bar.value()
    qtbot.mouseClick(window.home_button, Qt.MouseButton.LeftButton)
    settle()
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    settle()
    assert bar.value() == left
    focus = window.focusWidget()
    assert focus is view, f"the focus on {focus.objectName()}, out of sight" if focus else "no focus"
    assert view.accessibleName() == "The provision", "a screen reader names what has the keys"
    qtbot.keyClick(focus, Qt.Key.Key_PageDown)
    assert bar.value() > left, "PageDown reads on"


def test_a_provision_opened_anew_still_opens_at_its_title(qtbot, officer_window):
    """The place kept is the history entry's: the same provision opened again from search starts at its top."""
    window = officer_window
    window.navigate(Location(PROVISION, "CHI-EO-2026-01"))
    settle()
    view = window.provision_page.scroll
    _read_from(view, _words(view, "Note: Mayoral executive orders bind City departments"), 2)
    qtbot.mouseClick(window.home_button, Qt.MouseButton.LeftButton)
    window.open_provision("CHI-EO-2026-01")
    settle()
    assert view.verticalScrollBar().value() == 0 and window.focusWidget() is window.provision_page.copy_button


def _walking_to_s13(qtbot, window) -> VScrollArea:
    """S13's answer to a crowd reached answer by answer, as an officer does, read from its "Document" list."""
    window.start_scenario("S13")
    for key in S13_CROWD.answers:
        settle()
        button = next(b for b in window.wizard_page.answer_buttons if b.property("choice_key") == key)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle()
    assert window.history.current == S13_CROWD
    view = window.wizard_page.outcome_scroll
    _read_from(view, _words(view, "Federal supervisor's name, agency and badge number"), 4)
    return view


@pytest.mark.parametrize("again", ["forward", "same answer"])
def test_the_wizard_s_back_then_forward_to_the_same_answer_shows_the_part_read(qtbot, officer_window, again):
    """Half-way down an answer, the wizard's own ◀ Back to its question, then the window's ▶ (or the same answer
    given again with Enter): the answer opened at its verdict, the part read three screens of scrolling away. It
    shows the line left at the top, the keys on the answer's words in sight."""
    window = officer_window
    activate(qtbot, window)
    wizard = window.wizard_page
    view = _walking_to_s13(qtbot, window)
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    settle()
    assert wizard.stack.currentWidget() is wizard.question_scroll and window.forward_button.isEnabled()
    if again == "forward":
        qtbot.mouseClick(window.forward_button, Qt.MouseButton.LeftButton)
    else:
        undone = window.focusWidget()
        assert undone in wizard.answer_buttons and undone.property("choice_key") == "crowd"
        qtbot.keyClick(undone, Qt.Key.Key_Return)
    settle()
    assert wizard.stack.currentWidget() is view and window.history.current == S13_CROWD
    _still_at_the_top(view, _words(view, "Federal supervisor's name, agency and badge number"))
    focus = window.focusWidget()
    assert focus is view or (view.widget().isAncestorOf(focus) and view._in_sight(focus)), focus
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)  # the window's ◀ and ▶ keep it too
    settle()
    qtbot.mouseClick(window.forward_button, Qt.MouseButton.LeftButton)
    settle()
    _still_at_the_top(view, _words(view, "Federal supervisor's name, agency and badge number"))


def test_the_wizard_s_back_then_another_answer_opens_it_at_its_top(qtbot, officer_window):
    """The place kept is the answer's: after the wizard's Back, another answer starts at its verdict, and the
    first answer given again (now a new step in the history) too."""
    window = officer_window
    wizard = window.wizard_page
    view = _walking_to_s13(qtbot, window)
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    settle()
    other = next(b for b in wizard.answer_buttons if b.property("choice_key") != "crowd")
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)
    settle()
    assert wizard.stack.currentWidget() is view and view.verticalScrollBar().value() == 0
    assert not window.forward_button.isEnabled()
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    settle()
    crowd = next(b for b in wizard.answer_buttons if b.property("choice_key") == "crowd")
    qtbot.mouseClick(crowd, Qt.MouseButton.LeftButton)
    settle()
    assert window.history.current == S13_CROWD and view.verticalScrollBar().value() == 0


def _away_and_changed(qtbot, window, change: str) -> None:
    """Home, then the text size, the window's size or the theme changed there, then ◀ back."""
    qtbot.mouseClick(window.home_button, Qt.MouseButton.LeftButton)
    settle()
    if change == "larger":
        _change(qtbot, window, "larger")
    elif change == "smaller":
        _change(qtbot, window, "smaller")
    elif change == "wider":
        window.resize(1024, 600)
    else:
        qtbot.mouseClick(window.theme_buttons["night"], Qt.MouseButton.LeftButton)
    settle()
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    settle()


@pytest.mark.parametrize("change", ["larger", "smaller", "wider", "night"])
def test_back_to_an_answer_after_a_new_text_size_shows_the_same_words_at_the_top(qtbot, officer_window, change):
    """The place Back returns to was kept in pixels: half-way down S13's answer to a crowd, Home, A+ there, then ◀
    showed another part of the answer at the top (the words are taller, so the same pixels are higher up). The
    same words are at the top, whatever changed while the officer was away."""
    window = officer_window
    view, _ = _reading_s13(window)
    _away_and_changed(qtbot, window, change)
    assert window.current_kind() == WIZARD and view.isVisible()
    _still_at_the_top(view, _words(view, "Federal supervisor's name, agency and badge number"))


def test_back_to_a_provision_after_a_new_text_size_shows_the_same_line_of_a_paragraph(qtbot, officer_window):
    """In a paragraph of many lines, the place is its line at the top, not a share of the paragraph's height nor
    pixels: Home, A+, ◀ shows the line holding the word that began the line read (it wraps elsewhere now) at the
    top."""
    from desktop.ui.widgets import label_lines  # how Qt wraps the paragraph's lines at its width now

    window = officer_window
    window.navigate(Location(PROVISION, "CHI-EO-2025-8"))
    settle()
    view = window.provision_page.scroll
    paragraph = max((w for w in view.widget().findChildren(WrapLabel) if w.isVisible()), key=QWidget.height)
    _read_from(view, paragraph, paragraph.height() // 2)
    place = view.reading_place()
    assert place is not None and place.start > 0, "the top line is inside the paragraph"
    word = paragraph.text()[place.start:].split()[0]
    _away_and_changed(qtbot, window, "larger")
    assert window.current_kind() == PROVISION
    top = _top_in_view(view, paragraph)
    starts = [start for start, line_top, height in label_lines(paragraph) if top + line_top <= 0]
    after = [start for start, line_top, height in label_lines(paragraph) if top + line_top > 0]
    assert starts and starts[-1] <= place.start < (after[0] if after else len(paragraph.text())), (
        f"the line at the top is {paragraph.text()[starts[-1]:][:40]!r}, not the one holding {word!r}")


@pytest.mark.parametrize("again", ["forward", "same answer"])
def test_after_a_citation_the_wizard_s_back_then_the_same_answer_or_forward_agree_on_the_part_read(
        qtbot, officer_window, again):
    """A citation opened from an answer, ◀ back to the answer, the officer reads on (its "Document" list), then the
    wizard's own Back: ▶ showed the citation (the link opened, kept in the history) and the same answer again
    showed the verdict, two places for one answer. Both show the part the officer was reading when they left."""
    window = officer_window
    activate(qtbot, window)
    wizard = window.wizard_page
    view = _walking_to_s13(qtbot, window)
    link = wizard.card.cites.buttons[0]
    view.bring_into_sight(link)
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    settle()
    assert window.current_kind() == PROVISION
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    settle()
    assert wizard.stack.currentWidget() is view and window.history.current.opened
    line = "Federal supervisor's name, agency and badge number"
    _read_from(view, _words(view, line), 4)
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    settle()
    assert wizard.stack.currentWidget() is wizard.question_scroll
    if again == "forward":
        qtbot.mouseClick(window.forward_button, Qt.MouseButton.LeftButton)
    else:
        crowd = next(b for b in wizard.answer_buttons if b.property("choice_key") == "crowd")
        qtbot.mouseClick(crowd, Qt.MouseButton.LeftButton)
    settle()
    assert wizard.stack.currentWidget() is view and window.history.current == S13_CROWD
    _still_at_the_top(view, _words(view, line))
    focus = window.focusWidget()
    assert focus is view or (view.widget().isAncestorOf(focus) and view._in_sight(focus)), focus


@pytest.mark.parametrize("change", ["larger", "smaller"])
def test_back_to_an_answer_left_between_two_of_its_sections_shows_the_next_section_where_it_was(
        qtbot, officer_window, change):
    """The view's top in the gap just above "Notify" (between two of the answer's sections) was kept as a share of
    the whole answer's height: after Home, A+, ◀ the heading was 118 px down the view, the end of the section before
    it at the top. The section below the gap is kept, and shows as far down as it was."""
    window = officer_window
    window.navigate(S13_CROWD)
    settle()
    view = window.wizard_page.outcome_scroll
    heading = view.widget().findChild(QWidget, "heading_notify")
    assert heading is not None and heading.isVisible()
    view.verticalScrollBar().setValue(heading.mapTo(view.widget(), QPoint(0, 0)).y() - 4)
    assert _top_in_view(view, heading) == 4
    _away_and_changed(qtbot, window, change)
    assert window.current_kind() == WIZARD and view.isVisible()
    assert _top_in_view(view, heading) == 4, "the heading as far down the view as it was"


class _Clock:
    def __init__(self, day) -> None:
        self.day = day

    def __call__(self):
        return self.day


def test_back_to_a_provision_after_its_rescission_day_shows_the_banner_read_not_the_one_above(qtbot, make_window,
                                                                                              tmp_path, user_base):
    """The top line across a banner's sign (⚠) was kept as 'the third ⚠ on the page': Back after the day a recorded
    rescission is reached showed one ⚠ more (its 'To be rescinded' ℹ became 'Rescinded' ⚠), and the third ⚠ was
    the banner above the one read. The place is now the banner's words beside the sign, which no day changes."""
    import datetime as dt
    import json

    from tests.helpers import doc_by_id, mini_tables

    rescinded_on = dt.date(2026, 3, 1)
    tables = mini_tables()
    order = doc_by_id(tables, "provisions", "CHI-EO-2025-8")
    order["dates"]["rescinded"] = rescinded_on.isoformat()
    long = " ".join(["The order's sections were read from a press release, not from the signed text."] * 3)
    order["status_notes"] += [{"kind": "info", "text": f"First note. {long}"},
                              {"kind": "contested", "text": f"First dispute. {long}"},
                              {"kind": "contested", "text": f"Second dispute. {long}"}]
    path = tmp_path / "notes.json"
    path.write_text(json.dumps(tables), encoding="utf-8")
    clock = _Clock(rescinded_on - dt.timedelta(days=1))
    settings = Settings()
    settings.text_step = 6
    window = make_window(load_data(str(path)), settings, today=clock)
    window.resize(800, 600)
    settle()
    window.open_provision("CHI-EO-2025-8")
    settle()
    page = window.provision_page
    assert [b.icon_label.text() for b in page.banners] == ["ℹ", "⚠", "ℹ", "⚠", "⚠"]
    second_dispute = page.banners[-1]
    assert second_dispute.text().startswith("Contested: Second dispute.")
    view = page.scroll
    _read_from(view, second_dispute, 6)  # the view's top line across its sign and its first line of words
    window.open_provision("IL-TRUST-15a")
    settle()
    clock.day = rescinded_on  # midnight passes on another page
    window.go_back()
    settle()
    assert [b.icon_label.text() for b in page.banners] == ["⚠", "⚠", "ℹ", "⚠", "⚠"]
    assert page.banners[-1].text().startswith("Contested: Second dispute.")
    top = _top_in_view(view, page.banners[-1])
    assert top <= 0 < top + page.banners[-1].height(), (top, _top_in_view(view, page.banners[-2]))
