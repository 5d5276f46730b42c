"""Search everywhere: results as you type, badges, highlights, keys, filters, suggestions."""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QStyleOptionViewItem, QWidget

from desktop.runtime import BUILD_SWITCH_INTERVAL
from desktop.ui.history import HOME, PROVISION, SEARCH, TERM, WIZARD
from desktop.ui.search_results_model import BadgeRole, HitRole, IdRole, KindRole, SpansRole
from desktop.ui.search_widget import match_ranges
from tests.ui.ui_helpers import activate, search, settle, type_text


def _hits(window):
    return window.search_page.model.hits()


def test_typing_shows_provisions_scenarios_and_terms_with_badges_and_highlights(qtbot, window):
    assert window.search_field.hasFocus(), "Home starts with the search box focused"
    count = search(qtbot, window, "warrant")
    assert window.current_kind() == SEARCH
    assert count == window.search_page.model.rowCount() > 0
    kinds = {h.kind for h in _hits(window)}
    assert kinds == {"scenario", "provision", "term"}
    model = window.search_page.model
    badges = {model.index(r, 0).data(KindRole): model.index(r, 0).data(BadgeRole) for r in range(model.rowCount())}
    assert badges == {"scenario": "Situation", "provision": "Rule", "term": "Term"}
    marked = 0
    for row, hit in enumerate(_hits(window)):
        spans = model.index(row, 0).data(SpansRole)
        for start, end in spans:
            assert hit.snippet[start:end].lower().startswith("warrant")
        if spans:
            marked += 1
        else:  # matched in its title alone: the snippet shows what the title does not say
            assert "warrant" in hit.title.lower() and hit.snippet != hit.title, hit.id
    assert marked > count // 2
    assert window.search_page.count_label.text() == f"{count} results"
    provision = next(h for h in _hits(window) if h.kind == "provision")
    assert provision.citation and provision.jurisdiction


def test_results_are_debounced_into_one_search(qtbot, window):
    shown: list[int] = []
    window.search_page.results_shown.connect(shown.append)
    search(qtbot, window, "detainer")
    qtbot.wait(200)  # longer than the debounce: no late second search arrives
    assert len(shown) == 1


def test_enter_opens_the_first_result(qtbot, window):
    search(qtbot, window, "render aid")
    first = _hits(window)[0]
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.current_kind() == {"provision": PROVISION, "scenario": WIZARD, "term": TERM}[first.kind]
    assert window.history.current.key == first.id


def test_down_arrow_then_enter_opens_the_second_result(qtbot, window):
    search(qtbot, window, "detainer")
    hits = _hits(window)
    assert len(hits) >= 2
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    assert window.search_page.view.currentIndex().row() == 1
    qtbot.keyClick(window.search_field, Qt.Key.Key_Up)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Enter)
    assert window.history.current.key == hits[1].id


def test_clicking_a_provision_result_opens_the_reader(qtbot, window):
    search(qtbot, window, "staging")
    row = next(i for i, h in enumerate(_hits(window)) if h.kind == "provision")
    view = window.search_page.view
    rect = view.visualRect(window.search_page.model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_kind() == PROVISION
    assert window.provision_page.title_label.text() == "City lots may not be used as immigration staging areas"


def test_opening_a_glossary_term(qtbot, window):
    search(qtbot, window, "administrative warrant")
    row = next(i for i, h in enumerate(_hits(window)) if h.kind == "term")
    window.search_page.move_selection(row)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.current_kind() == TERM
    assert window.term_page.title_label.text() == "Administrative warrant"
    qtbot.mouseClick(window.term_page.links.buttons[0], Qt.MouseButton.LeftButton)
    assert window.history.current.key == "MCC-2-173-020(a)(1)"


def test_jurisdiction_chips_filter_results(qtbot, window):
    search(qtbot, window, "detainer")
    assert {h.jurisdiction for h in _hits(window)} > {"state"}
    with qtbot.waitSignal(window.search_page.results_shown, timeout=1000):
        qtbot.mouseClick(window.search_page.chips["state"], Qt.MouseButton.LeftButton)
    assert _hits(window) and {h.jurisdiction for h in _hits(window)} == {"state"}
    assert window.history.current.filters == ("state",)
    qtbot.mouseClick(window.search_page.chips["state"], Qt.MouseButton.LeftButton)
    assert {h.kind for h in _hits(window)} >= {"scenario", "provision"}


def test_filters_with_no_match_offer_to_clear_them(qtbot, window):
    search(qtbot, window, "staging")
    qtbot.mouseClick(window.search_page.chips["federal"], Qt.MouseButton.LeftButton)
    page = window.search_page
    assert page.model.rowCount() == 0
    assert page.stack.currentWidget() is page.empty_panel
    assert page.clear_filters_button.isVisible()
    qtbot.mouseClick(page.clear_filters_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() > 0 and not page.filters()


def test_no_results_offers_the_closest_words(qtbot, window):
    count = search(qtbot, window, "warrx")
    page = window.search_page
    assert count == 0
    assert page.stack.currentWidget() is page.empty_panel
    assert "warrx" in page.empty_title.text()
    words = [b.text() for b in page.suggestion_buttons]
    assert "warrant" in words
    button = page.suggestion_buttons[words.index("warrant")]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.search_field.text() == "warrant"
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=1000)


def test_a_word_the_guide_does_not_use_offers_words_to_tap(qtbot, window):
    """"passport" (nothing in the guide, nothing near it) ended on "Try fewer or shorter words, or a word such as
    detainer, warrant or lot": words to read and type again, with gloves, in a moving car. They are chips to tap,
    each one a word that finds something."""
    page = window.search_page
    assert search(qtbot, window, "passport") == 0
    words = [b.text() for b in page.suggestion_buttons]
    assert words and set(words) <= {"detainer", "warrant", "lot"} and "tap" in page.empty_hint.text(), words
    qtbot.mouseClick(page.suggestion_buttons[-1], Qt.MouseButton.LeftButton)
    assert window.search_field.text() == words[-1]
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=1000)


def test_a_query_that_finds_nothing_lists_what_it_clearly_meant_and_says_so(qtbot, window):
    """"warent" showed "No results" and words to tap: a tired officer had to read and tap again. It lists
    warrant's results at once, with a line saying so; a word meaning nothing clear still offers words."""
    page = window.search_page
    count = search(qtbot, window, "warent")
    assert count > 0 and page.stack.currentWidget() is page.view
    listed = [h.id for h in _hits(window)]
    assert listed == [h.id for h in window.search_index.search("warrant", limit=len(listed))]
    assert page.correction_label.isVisible()
    assert page.correction_label.text() == "No results for “warent”. Showing results for “warrant”."
    window.search_field.clear()
    assert search(qtbot, window, "warrant") > 0
    assert not page.correction_label.isVisible()
    window.search_field.clear()
    assert search(qtbot, window, "warrx") == 0
    assert not page.correction_label.isVisible() and page.suggestion_buttons


def test_a_screen_reader_hears_that_the_results_are_for_the_corrected_word(qtbot, window):
    """"warent" lists warrant's results under a line saying so, but the box keeps the focus and a screen
    reader hears the selected result's description: "Result 1 of 20: …", as if the officer's word had found
    them. The line now comes first in what the selection says, and is the list's description."""
    activate(qtbot, window)
    page = window.search_page
    line = "No results for “warent”. Showing results for “warrant”."
    assert search(qtbot, window, "warent") > 0
    said = window.search_field.accessibleDescription()
    assert said.startswith(f"{line} Result 1 of "), said
    assert page.view.accessibleDescription() == line
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    assert window.search_field.accessibleDescription().startswith(f"{line} Result 2 of ")
    window.search_field.clear()
    assert search(qtbot, window, "warrant") > 0
    assert window.search_field.accessibleDescription().startswith("Result 1 of ")
    assert page.view.accessibleDescription() == ""


def test_escape_clears_the_search_and_goes_back(qtbot, window):
    search(qtbot, window, "lot")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.search_field.text() == ""
    assert window.current_kind() == HOME


def test_clear_button_clears_the_search(qtbot, window):
    search(qtbot, window, "lot")
    qtbot.mouseClick(window.clear_button, Qt.MouseButton.LeftButton)
    assert window.search_field.text() == "" and window.current_kind() == HOME


def test_blanks_alone_leave_the_box_empty_with_its_hint(qtbot, window):
    """A space typed into the empty box (a gloved thumb on the space bar) used to stay there: the hint was
    gone and the next word started after a blank. Blanks alone empty the box, on Home and on the results."""
    qtbot.keyClicks(window.search_field, "  ")
    assert window.search_field.text() == "" and window.current_kind() == HOME
    search(qtbot, window, "lot")
    window.search_field.selectAll()
    qtbot.keyClicks(window.search_field, " ")
    assert window.search_field.text() == "" and window.history.current.key == ""
    qtbot.keyClicks(window.search_field, "ice ")
    assert window.search_field.text() == "ice ", "a blank after a word is kept"


@pytest.mark.parametrize("how", ["escape", "clear button"])
def test_leaving_a_search_from_a_question_keeps_the_keys_in_the_search_box(qtbot, window, how):
    """Esc (or ✕) during a question's search went back to the question with the focus on its first answer:
    the officer's next typed digit answered it. The box keeps the focus; Forward returns to the results."""
    activate(qtbot, window)
    window.start_scenario("S08")
    wizard = window.wizard_page
    search(qtbot, window, "lot")
    if how == "escape":
        qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    else:
        qtbot.mouseClick(window.clear_button, Qt.MouseButton.LeftButton)
    assert window.current_kind() == WIZARD and window.search_field.text() == ""
    assert window.focusWidget() is window.search_field
    qtbot.keyClicks(window.search_field, "2")  # a new search, not an answer
    assert wizard.state.keys == ()
    assert window.current_kind() == SEARCH and window.search_field.text() == "2"
    window.clear_search()
    window.go_forward()
    assert window.current_kind() == SEARCH and window.search_field.text() == "2", "Forward: the results left"


def test_ctrl_k_and_slash_focus_the_search_box(qtbot, window):
    activate(qtbot, window)
    window.open_provision("IL-720-7-15")
    assert not window.search_field.hasFocus()
    qtbot.keyClick(window.provision_page.copy_button, Qt.Key.Key_Slash)
    assert window.search_field.hasFocus()
    window.provision_page.copy_button.setFocus()
    qtbot.keyClick(window.provision_page.copy_button, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_field.hasFocus()


def test_slash_inside_the_search_box_is_typed(qtbot, window):
    activate(qtbot, window)
    search(qtbot, window, "805/15")
    assert window.search_field.text() == "805/15"
    assert any(h.id == "IL-TRUST-15a" for h in _hits(window))


def test_accented_query_is_found(qtbot, window):
    window.search_field.setFocus()
    with qtbot.waitSignal(window.search_page.results_shown, timeout=2000):
        type_text(window.search_field, "détainer")
    assert window.search_field.text() == "détainer"
    assert window.search_page.model.rowCount() > 0


def test_back_to_a_search_restores_the_query(qtbot, window):
    activate(qtbot, window)
    search(qtbot, window, "render aid")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.current_kind() == PROVISION and window.search_field.text() == ""
    qtbot.keyClick(window.provision_page.copy_button, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_kind() == SEARCH
    assert window.search_field.text() == "render aid"
    assert window.search_page.model.rowCount() > 0


def test_search_waits_for_the_index_built_after_first_paint(qtbot, make_window):
    window = make_window(with_index=False)
    window.search_field.setText("detainer")
    window.search_page.flush()
    assert window.search_page.model.rowCount() == 0
    from desktop.domain.search import SearchIndex

    with qtbot.waitSignal(window.search_page.results_shown, timeout=1000):
        window.set_search_index(SearchIndex(window.pack))
    assert window.search_page.model.rowCount() > 0


def test_the_index_is_built_in_a_background_thread_and_search_runs_what_was_typed(qtbot, make_window, monkeypatch):
    import threading

    from desktop.domain import search as search_module

    built_on: list[str] = []
    release = threading.Event()

    class WatchedIndex(search_module.SearchIndex):
        def __init__(self, pack):
            built_on.append(threading.current_thread().name)
            assert release.wait(10), "the test never let the build finish"
            super().__init__(pack)

    monkeypatch.setattr(search_module, "SearchIndex", WatchedIndex)
    window = make_window(with_index=False)
    assert window.build_search_index()
    window.search_field.setText("detainer")
    window.search_page.flush()
    qtbot.wait(50)  # the window keeps handling events while the index is being built
    assert window.search_index is None and window.search_page.model.rowCount() == 0
    assert window.search_page.stack.currentWidget() is window.search_page.empty_panel
    assert window.search_page.empty_title.text() == "Getting search ready…", "a message, not an empty list"
    normal = 0.005
    assert sys.getswitchinterval() == BUILD_SWITCH_INTERVAL < normal, "the UI thread gets Python's lock back fast"
    with qtbot.waitSignal(window.search_index_ready, timeout=10_000), qtbot.waitSignal(window.search_page.results_shown):
        release.set()
    assert sys.getswitchinterval() == normal, "the default comes back when the build ends"
    assert built_on == ["search-index"], "never on the UI thread"
    assert isinstance(window.search_index, WatchedIndex)
    assert window.search_page.model.rowCount() > 0, "what was typed meanwhile is searched, without retyping"
    assert gc.get_freeze_count() > 0, "the pack and index are frozen out of the cycle collector's way"
    window.reload_data(window.data, index=window.search_index)  # an index given: no new build to race with
    assert gc.get_freeze_count() == 0, "a reload lets the pack it replaces be collected"


def test_a_build_for_a_pack_no_longer_shown_is_dropped(qtbot, make_window, monkeypatch):
    import threading

    from desktop.domain import search as search_module

    gates = [threading.Event(), threading.Event()]
    built: list[int] = []

    class GatedIndex(search_module.SearchIndex):
        def __init__(self, pack):
            number = len(built)
            built.append(number)
            assert gates[number].wait(10)
            super().__init__(pack)
            self.number = number

    monkeypatch.setattr(search_module, "SearchIndex", GatedIndex)
    window = make_window(with_index=False)
    window.build_search_index()
    qtbot.waitUntil(lambda: len(built) == 1)
    window.build_search_index()  # e.g. a new pack was installed before the first build ended
    with qtbot.waitSignal(window.search_index_ready, timeout=10_000):
        gates[1].set()
    assert window.search_index.number == 1
    assert sys.getswitchinterval() == BUILD_SWITCH_INTERVAL, "one build still runs"
    gates[0].set()  # the stale build ends later: it must not replace the current index
    qtbot.waitUntil(lambda: sys.getswitchinterval() == 0.005, timeout=5000)  # the last build out restores it
    qtbot.wait(100)
    assert window.search_index.number == 1


def test_a_failed_build_is_logged_and_search_says_it_is_not_available(qtbot, make_window, monkeypatch, caplog):
    from desktop.domain import search as search_module

    def broken(pack):
        raise MemoryError("simulated")

    monkeypatch.setattr(search_module, "SearchIndex", broken)
    window = make_window(with_index=False)
    window.build_search_index()
    window.search_field.setText("detainer")
    window.search_page.flush()
    qtbot.waitUntil(lambda: "building the search index failed" in caplog.text, timeout=5000)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: window.search_page.empty_title.text() == "Search is not available", timeout=5000)
    assert window.search_index is None and "error log" in window.search_page.empty_hint.text()


def test_match_ranges_keep_the_spans_inside_the_text_in_reading_order():
    assert match_ranges("a <b> warrant", [(6, 13), (0, 1)]) == [(0, 1), (6, 7)]
    assert match_ranges("abc", [(5, 9), (2, 1), (1, 1)]) == []  # past the end, backwards, empty
    assert match_ranges("abcdef", [[0, 4], [2, 5], [4, 6]]) == [(0, 4), (4, 2)]  # an overlap is dropped


def _row_heights(window) -> list[int]:
    view, model = window.search_page.view, window.search_page.model
    return [view.visualRect(model.index(row, 0)).height() for row in range(model.rowCount())]


def test_result_rows_are_laid_out_once_and_again_when_the_text_size_or_theme_changes(qtbot, window):
    """The list keeps each row's laid-out text between keystrokes; what it keeps must never outlive the
    words, the colours or the text size it was laid out with."""
    delegate = window.search_page.view.itemDelegate()
    search(qtbot, window, "detainer")
    window.search_page.view.viewport().repaint()  # the first time, the scroll bar appears: two widths
    kept = dict(delegate._rows)
    assert len(kept) >= window.search_page.model.rowCount() > 3
    heights = _row_heights(window)
    window.search_page.search_now("detainer")  # the same results again: nothing is laid out anew
    window.search_page.view.viewport().repaint()
    assert delegate._rows.keys() == kept.keys()
    assert all(delegate._rows[key] is row for key, row in kept.items())

    window.set_text_step(window._text_step + 3)  # bigger text: every row is laid out again, taller
    qtbot.waitUntil(lambda: sum(_row_heights(window)) > sum(heights) + 20)

    view = window.search_page.view

    def colours_on_screen() -> set[int]:
        image = view.viewport().grab().toImage()
        return {image.pixel(x, y) for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)}

    day_marks = view.color("matchBackground").rgb()
    assert day_marks in colours_on_screen()
    window.set_theme("night")
    night_marks = view.color("matchBackground").rgb()
    assert night_marks != day_marks
    window.search_field.clear()
    search(qtbot, window, "detainer")
    on_screen = colours_on_screen()  # rows keep no colours: they are painted in the theme's
    assert night_marks in on_screen and day_marks not in on_screen


def test_the_results_list_keeps_a_bounded_number_of_laid_out_rows(qtbot, window, monkeypatch):
    from desktop.ui import search_widget

    monkeypatch.setattr(search_widget, "ROWS_KEPT", 5)
    delegate = window.search_page.view.itemDelegate()
    for query in ("detainer", "warrant", "staging", "judge"):
        window.search_field.clear()
        search(qtbot, window, query)
        window.search_page.view.viewport().repaint()
        assert 0 < len(delegate._rows) <= 5


def test_rows_are_laid_out_again_at_a_new_width_and_painted_at_the_width_measured(qtbot, window):
    view = window.search_page.view
    delegate = view.itemDelegate()
    search(qtbot, window, "detainer")
    view.viewport().repaint()
    wide = _row_heights(window)
    window.resize(760, window.height())
    qtbot.waitUntil(lambda: sum(_row_heights(window)) > sum(wide) + 40)  # narrower: the words wrap more
    view.viewport().repaint()
    window.search_field.clear()
    search(qtbot, window, "warrant")
    # At 760 px (the window stayed 956 px wide before the top bar could fold) the list lays its rows out once
    # without its scroll bar and again with it: two widths, each measured and painted in turn. Once it has
    # settled, every row is measured (every row) and painted (those on screen) at one width.
    delegate._rows.clear()
    delegate._heights.clear()
    view.doItemsLayout()
    view.viewport().repaint()
    widths: dict[tuple[object, ...], set[int]] = {}
    for *words, width, _font in delegate._rows:
        widths.setdefault(tuple(words), set()).add(width)
    assert len(widths) >= window.search_page.model.rowCount() > 3
    assert all(len(found) == 1 for found in widths.values()), "each row is painted at the width it was measured at"


def test_a_row_laid_out_in_another_font_is_not_reused(qtbot, window):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QStyleOptionViewItem

    search(qtbot, window, "detainer")
    view = window.search_page.view
    delegate = view.itemDelegate()
    hit = window.search_page.model.hit(0)
    options = []
    for family in ("DejaVu Sans", "DejaVu Serif"):
        option = QStyleOptionViewItem()
        option.font = QFont(family)
        option.font.setPixelSize(18)
        option.palette = view.palette()
        options.append(option)
    first, second = (delegate._row_text(option, hit, delegate._row_key(option, hit, 600)) for option in options)
    assert first is not second
    assert first.snippet.font().family() != second.snippet.font().family()
    small, big = QStyleOptionViewItem(), QStyleOptionViewItem()
    small.font, big.font = QFont("DejaVu Sans"), QFont("DejaVu Sans")
    small.font.setPixelSize(12)
    big.font.setPixelSize(30)
    assert delegate._fonts_for(big.font).badge_width > delegate._fonts_for(small.font).badge_width


def _row_layouts(delegate) -> list:
    return [layout for row in delegate._rows.values() for layout in (row.title, row.meta, row.note, row.snippet)
            if layout is not None]


def test_a_row_keeps_the_glyphs_of_its_words_for_every_paint(qtbot, window):
    """A row's words are shaped once, when it is laid out: a QTextLayout throws its glyphs away at endLayout
    unless told to keep them, and each keystroke's paint shaped the rows on screen again (PERFORMANCE.md,
    twenty-seventh pass)."""
    search(qtbot, window, "detainer")
    window.search_page.view.viewport().repaint()
    layouts = _row_layouts(window.search_page.view.itemDelegate())
    assert len(layouts) > 3
    assert all(layout.cacheEnabled() for layout in layouts)


@pytest.mark.parametrize("query", ["detainer", "judge signed warrant"])
def test_rows_keeping_their_glyphs_paint_what_rows_shaped_again_painted(qtbot, window, monkeypatch, query):
    """Kept glyphs change no pixel: the results typed letter by letter (rows kept from keystroke to keystroke, the
    first one selected) look exactly as the same rows laid out afresh by layouts that throw their glyphs away."""
    from PySide6.QtGui import QTextLayout

    from desktop.ui import search_widget

    view = window.search_page.view
    search(qtbot, window, query)
    view.viewport().repaint()
    kept = view.viewport().grab().toImage()

    class Forgetful(QTextLayout):
        def setCacheEnabled(self, enable: bool) -> None:  # noqa: N802 (Qt API)
            pass

    monkeypatch.setattr(search_widget, "QTextLayout", Forgetful)
    delegate = view.itemDelegate()
    delegate._rows.clear()
    delegate._heights.clear()
    view.doItemsLayout()
    view.viewport().repaint()
    assert not any(layout.cacheEnabled() for layout in _row_layouts(delegate))
    assert view.viewport().grab().toImage() == kept


def test_rows_measured_and_painted_again_make_no_font(qtbot, window, monkeypatch):
    """The fonts a row is drawn in (its title's, its badge's, its note's) are made once for the list's font, not
    again for each row at each keystroke's layout and paint: the badge font was made twice a paint (PERFORMANCE.md,
    twenty-eighth pass)."""
    from desktop.ui import search_widget

    view = window.search_page.view
    search(qtbot, window, "detainer")
    view.viewport().repaint()
    made = []

    class Counted(QFont):
        def __init__(self, *args) -> None:
            made.append(args)
            super().__init__(*args)

    monkeypatch.setattr(search_widget, "QFont", Counted)
    painted = view.viewport().grab().toImage()
    view.doItemsLayout()  # every row measured again, as each keystroke does
    view.viewport().repaint()
    assert view.viewport().grab().toImage() == painted
    assert made == []


def test_a_row_painted_a_keystroke_ago_is_kept_while_new_rows_are_laid_out(qtbot, window):
    """The rows kept are the ones used last, not the ones laid out first: a row still on screen after many new
    rows were laid out is not laid out again to be painted."""
    from desktop.ui.search_widget import ROWS_KEPT

    view = window.search_page.view
    search(qtbot, window, "detainer")
    view.viewport().repaint()
    delegate = view.itemDelegate()
    first = window.search_page.model.hit(0)
    [key] = [key for key in delegate._rows if (key.title, key.snippet) == (first.title, first.snippet)]
    kept = delegate._rows[key]
    option = _view_option(view)
    for n in range(2 * ROWS_KEPT):  # other rows laid out, and the first row painted after each few, as keystrokes do
        other = first._replace(title=f"{first.title} {n}")
        delegate._row_text(option, other, delegate._row_key(option, other, view.viewport().width()))
        if n % 8 == 0:
            view.viewport().repaint()
    assert len(delegate._rows) == ROWS_KEPT
    assert delegate._rows.get(key) is kept


@pytest.mark.parametrize("change", ["text size", "theme"])
def test_rows_painted_after_a_text_size_or_theme_change_are_as_new_rows_paint(qtbot, window, change):
    """What the delegate keeps from the list's font and the theme's colours is made again when they change: the
    rows on screen then look exactly as rows laid out and painted with nothing kept."""
    view = window.search_page.view
    search(qtbot, window, "judge signed warrant")
    view.viewport().repaint()
    before = view.viewport().grab().toImage()
    if change == "text size":
        window.set_text_step(6)
    else:
        window.set_theme("night" if window.theme != "night" else "day")
    qtbot.waitUntil(lambda: view.viewport().grab().toImage() != before)
    view.viewport().repaint()
    shown = view.viewport().grab().toImage()
    delegate = view.itemDelegate()
    for kept in (delegate._rows, delegate._heights, delegate._fonts):
        kept.clear()
    delegate._last_fonts = delegate._marks = None
    view.doItemsLayout()
    view.viewport().repaint()
    assert view.viewport().grab().toImage() == shown


def test_row_heights_are_remembered_per_words_width_and_font(qtbot, window, monkeypatch):
    """A row still listed a keystroke later is not laid out again; another font or width is."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QStyleOptionViewItem

    search(qtbot, window, "detainer")
    view = window.search_page.view
    delegate = view.itemDelegate()
    index = window.search_page.model.index(0, 0)
    laid_out = []
    real = delegate._row_text
    monkeypatch.setattr(delegate, "_row_text", lambda *args: laid_out.append(args[2]) or real(*args))
    option = QStyleOptionViewItem()
    option.font = QFont("DejaVu Sans")
    option.font.setPixelSize(18)
    option.palette = view.palette()
    height = delegate.sizeHint(option, index).height()
    assert delegate.sizeHint(option, index).height() == height
    assert len(laid_out) == 1
    option.font.setPixelSize(30)
    assert delegate.sizeHint(option, index).height() > height  # bigger words, taller row
    assert len(laid_out) == 2
    window.search_page.search_now("detainer")  # the list is rebuilt; its first row is the same
    option.font.setPixelSize(18)
    assert delegate.sizeHint(option, window.search_page.model.index(0, 0)).height() == height
    assert len(laid_out) == 2


def test_a_result_row_is_laid_out_in_three_blocks_with_the_matches_in_bold(qapp):
    from PySide6.QtGui import QFont

    from desktop.domain.search import Hit
    from desktop.ui.search_widget import _RowText

    font = QFont("DejaVu Sans")
    font.setPixelSize(18)
    hit = Hit("provision", "P1", "Detainers", "MCC 2-173-042", "city", 1.0,
              "A detainer is a request; a detainer is not a warrant.", ((2, 10), (26, 34)))
    row = _RowText(hit, font, 600)
    assert row.title.text() == "Detainers" and row.title.font().bold()
    assert row.title.font().pixelSize() == round(18 * 1.15)
    assert row.meta is not None and row.meta.text() == "MCC 2-173-042 · City"
    assert [(f.start, f.length, f.format.fontWeight()) for f in row.snippet.formats()] == [
        (2, 8, QFont.Weight.Bold), (26, 8, QFont.Weight.Bold)]
    narrow = _RowText(hit, font, 150)
    assert narrow.height > row.height  # the words wrap over more lines
    term = _RowText(Hit("term", "T1", "detainer", "", "", 1.0, "A request to hold someone.", ()), font, 600)
    assert term.meta is None and term.height < row.height  # no empty citation line
    long_word = _RowText(hit._replace(snippet="x" * 400, spans=()), font, 200)
    lines = [long_word.snippet.lineAt(i) for i in range(long_word.snippet.lineCount())]
    assert len(lines) == 2 and all(line.naturalTextWidth() <= 200 for line in lines)  # broken inside the word
    assert long_word.snippet.text().endswith("x…")  # and cut, as any snippet past SNIPPET_LINES


def test_at_the_largest_text_on_800_by_600_with_the_out_of_date_banner_a_whole_result_shows(qtbot, make_window):
    """776 × 576 (an 800 × 600 screen), the largest text, the out-of-date banner: the banner (three lines) and the
    filters above the list left it 218 px, and the first result (386 px, its snippet six lines) showed half.
    The banner keeps to one line, a short page's margins shrink and a snippet keeps to two lines: the first
    result shows whole (298 px of list, 284 px of result), and the start of the next one below it."""
    import datetime as dt

    from desktop.domain.search import SearchIndex
    from desktop.ui.data_loading import load_data
    from desktop.ui.settings import TEXT_STEP_MAX

    data = load_data(None)
    window = make_window(data=data, today=dt.date(2026, 6, 1))
    window.set_search_index(SearchIndex(data.loaded.pack))
    window.resize(776, 576)
    window.set_text_step(TEXT_STEP_MAX)
    assert window.findChild(QWidget, "expiredBanner").isVisible(), "the case under test: the banner shows"
    assert search(qtbot, window, "detainer") > 2
    view = window.search_page.view
    room = view.viewport().height()
    first, second = (view.visualRect(view.model().index(row, 0)) for row in (0, 1))
    assert first.top() >= 0 and first.bottom() < room, f"the first result ({first.height()} px) in {room} px of list"
    assert second.top() < room, "and the start of the next one"
    assert room >= window.height() // 2, f"the list has {room} of {window.height()} px"


def _bundled_window_at_the_largest_text(make_window, width: int = 1024, height: int = 600):
    from desktop.domain.search import SearchIndex
    from desktop.ui.data_loading import load_data
    from desktop.ui.settings import TEXT_STEP_MAX

    data = load_data(None)
    window = make_window(data=data)
    window.set_search_index(SearchIndex(data.loaded.pack))
    window.resize(width, height)
    window.set_text_step(TEXT_STEP_MAX)
    return window


def _one_line_high(label) -> bool:
    return label.height() < 2 * label.fontMetrics().lineSpacing()


@pytest.mark.parametrize("filtered", [False, True])
def test_at_the_largest_text_on_1024_by_600_the_filters_and_the_count_keep_to_one_row(qtbot, make_window, filtered):
    """At the largest text on a 1024 × 600 screen "Only rules from:" and "Top 20 results" each took two lines
    beside the chips (the row 56 px high, the chips 48). The label says "Only:" there and the count keeps to
    its number (the chips show the filters; its tooltip has every word): one row, as high as the chips. (A word
    that finds more than 20 rules: "detainer" finds 15 since its synonyms of two words count only together.)"""
    window = _bundled_window_at_the_largest_text(make_window)
    assert search(qtbot, window, "immigration") > 2
    page = window.search_page
    if filtered:
        for chip in page.chips.values():
            qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
        assert "department rules" in page.count_label.toolTip()
    settle()
    chip_height = max(chip.height() for chip in page.chips.values())
    assert not page.filters_wrapped
    assert page.filter_box.height() <= chip_height, f"the filter row is {page.filter_box.height()} px high"
    assert page.filter_label.text() == "Only:" and page.count_label.text() == "Top 20 results"
    for label in (page.filter_label, page.count_label):
        assert _one_line_high(label), f"{label.objectName()} is {label.height()} px high"
        assert label.mapTo(window, label.rect().topRight()).x() < window.width()

    window.resize(1280, 800)  # room for every word: the label and the count whole again
    settle()
    assert page.filter_label.text() == "Only rules from:" and not page.filters_wrapped
    assert page.count_label.text() == "Top 20 results"  # with the filters' names in its tooltip


def test_at_the_largest_text_on_1024_by_600_two_whole_results_show(qtbot, make_window):
    """At the largest text on a 1024 × 600 screen the list showed one whole result and half the next: the badge
    column (183 px) left the words 746 px and "ICE sends a detainer (I-247A) for a prisoner about to be
    released from CPD custody" took three lines. Where the column beside the badge is that narrow, the badge
    starts the citation line and the words take the row's width; with the filters' row on one line two
    whole results show. At the normal size the badge stays beside the words."""
    window = _bundled_window_at_the_largest_text(make_window)
    assert search(qtbot, window, "detainer") > 2
    settle()
    view = window.search_page.view
    room = view.viewport().height()
    rects = [view.visualRect(view.model().index(row, 0)) for row in range(view.model().rowCount())]
    whole = [rect for rect in rects if rect.top() >= 0 and rect.bottom() < room]
    assert len(whole) >= 2, f"{len(whole)} whole result(s) in {room} px: {[r.height() for r in rects[:3]]}"
    delegate = view.itemDelegate()
    first = view.model().index(0, 0)
    hit = view.model().hit(0)
    assert delegate._row_key(_view_option(view), hit, view.viewport().width()).badge != (0, 0)  # on the citation line

    window.set_text_step(0)
    settle()
    assert delegate._row_key(_view_option(view), hit, view.viewport().width()).badge == (0, 0)  # beside the words
    assert view.visualRect(first).height() < rects[0].height()


def _view_option(view):
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = view.font()
    return option


def test_a_long_snippet_keeps_to_two_lines_through_its_first_match(qapp):
    """At the largest text on an 800 × 600 screen a result's snippet took six lines, and not one result showed
    whole in the list. A snippet now keeps to two lines, cut at a word with "…", or down to the line of its first
    match where that is further down; the matches after the cut are no longer marked."""
    from desktop.domain.search import Hit
    from desktop.ui.search_widget import SNIPPET_LINES, _RowText

    font = QFont("DejaVu Sans")
    font.setPixelSize(18)
    words = "An officer reads the paper before anything else and calls a supervisor at once " * 5
    hit = Hit("provision", "P1", "Detainers", "MCC 2-173-042", "city", 1.0, words, ((3, 10), (230, 236)))
    row = _RowText(hit, font, 300)
    snippet = row.snippet.text()
    assert SNIPPET_LINES == 2 and row.snippet.lineCount() == 2
    assert snippet.endswith("…") and words.startswith(snippet[:-1]) and words[len(snippet) - 1] == " ", snippet
    assert [(f.start, f.length) for f in row.snippet.formats()] == [(3, 7)], "the match past the cut is unmarked"
    late = _RowText(hit._replace(spans=((230, 236),)), font, 300)  # its one match several lines down
    assert late.snippet.lineCount() > 2 and late.snippet.text().endswith("…")
    assert [(f.start, f.length) for f in late.snippet.formats()] == [(230, 6)], "the first match shows, marked"
    assert late.snippet.lineCount() == late.snippet.lineForTextPosition(230).lineNumber() + 1


def test_a_cut_snippet_ends_at_a_word_not_at_a_bracket_or_a_dot(qapp):
    """A snippet cut to two lines ends as a shortened title does (widgets.cut_words): a "(" or "·" left before its
    "…" goes with the space, where the snippet's own list of trailing marks showed "…calls the watch (…"."""
    from desktop.domain.search import Hit
    from desktop.ui.search_widget import _RowText

    font = QFont("DejaVu Sans")
    font.setPixelSize(18)
    for mark in ("(", "·"):
        words = f"The officer calls the watch {mark} " + "y" * 300  # the word after it runs past two lines
        row = _RowText(Hit("provision", "P1", "Detainers", "MCC 2-173-042", "city", 1.0, words, ((4, 7),)), font, 300)
        assert row.snippet.text() == "The officer calls the watch…", row.snippet.text()


def test_white_space_runs_show_as_one_space_and_the_matches_move_with_their_words():
    from desktop.ui.search_widget import fold_spacing

    text = "ends here.\r\nSecond\tparagraph  with detainer"
    start = text.index("detainer")
    folded, ranges = fold_spacing(text, [(start, 8)])
    assert folded == "ends here. Second paragraph with detainer"
    assert [folded[s:s + n] for s, n in ranges] == ["detainer"]
    assert fold_spacing("plain words", [(0, 5)]) == ("plain words", [(0, 5)])
    assert fold_spacing("§\xa02-173") == ("§\xa02-173", [])  # a no-break space is kept, as HTML kept it


def test_match_positions_are_given_to_qt_in_utf16_units():
    from desktop.ui.search_widget import utf16_ranges

    text = "Stop 𝟙 𝟚: a detainer"
    start = text.index("detainer")
    assert utf16_ranges(text, [(start, 8)]) == [(start + 2, 8)]  # two characters outside the BMP before it
    assert utf16_ranges("a detainer", [(2, 8)]) == [(2, 8)]


def test_right_to_left_words_are_laid_out_right_to_left_and_right_aligned(qapp):
    from PySide6.QtGui import QFont

    from desktop.domain.search import Hit
    from desktop.ui.search_widget import _RowText, is_right_to_left

    assert is_right_to_left("…قانون الهجرة") and not is_right_to_left("12 ICE قانون") and not is_right_to_left("…")
    font = QFont("DejaVu Sans")
    font.setPixelSize(18)
    row = _RowText(Hit("provision", "P", "قانون الهجرة", "C", "state", 1.0, "Stop 𝟙: a detainer", ((10, 18),)), font, 600)
    title_line = row.title.lineAt(0)
    assert row.title.textOption().textDirection() == Qt.LayoutDirection.RightToLeft
    assert title_line.naturalTextRect().right() > 590  # against the right edge of its 600 px
    assert row.snippet.lineAt(0).naturalTextRect().left() < 10  # a left-to-right block stays on the left
    assert [(f.start, f.length) for f in row.snippet.formats()] == [(11, 8)]  # 𝟙 is two UTF-16 units


@pytest.mark.parametrize(("width", "step"), [(1024, 0), (1024, 6), (1366, 0), (1920, 0)])
def test_the_search_hint_is_never_cut_short(qtbot, window, width, step):
    """At 1024 px the hint read "Search: detainer, w…": its "(Ctrl+K)" was never seen. The box shows the
    longest hint that fits, and every hint names the key."""
    from desktop.ui.widgets import SEARCH_HINT_PADDING, SEARCH_HINTS

    window.set_text_step(step)
    window.resize(width, 700)
    qtbot.wait(1)
    field = window.search_field
    hint = field.placeholderText()
    assert hint in SEARCH_HINTS and "(Ctrl+K)" in hint
    assert field.fontMetrics().horizontalAdvance(hint) <= field.width() - SEARCH_HINT_PADDING or hint == SEARCH_HINTS[-1]
    longer = SEARCH_HINTS[: SEARCH_HINTS.index(hint)]
    assert all(field.fontMetrics().horizontalAdvance(h) > field.width() - SEARCH_HINT_PADDING for h in longer)


def test_back_from_an_opened_result_selects_it_again(qtbot, window):
    """Reading results one by one (open, Back, the next): Back put the selection on the first result."""
    activate(qtbot, window)
    assert search(qtbot, window, "warrant") > 3
    page = window.search_page
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    chosen = page.view.currentIndex()
    assert chosen.row() >= 1, "not the first result"
    wanted = (chosen.data(KindRole), chosen.data(IdRole))
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.current_kind() != SEARCH
    window.go_back()
    assert window.current_kind() == SEARCH
    current = page.view.currentIndex()
    assert (current.data(KindRole), current.data(IdRole)) == wanted
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)  # and on to the next one
    assert page.view.currentIndex().row() == chosen.row() + 1


def test_matches_in_the_selected_row_are_underlined_not_shaded(qtbot, window):
    """Night's match colour sat on a selection of nearly the same brown: the matches vanished in the row
    the officer was about to open. There they are bold and underlined instead."""
    from desktop.ui.search_widget import match_format

    search(qtbot, window, "city lot")
    view = window.search_page.view
    plain, chosen = match_format(view, False), match_format(view, True)
    assert plain.background().color() == view.color("matchBackground") and not plain.fontUnderline()
    assert chosen.fontUnderline() and chosen.background().style() == Qt.BrushStyle.NoBrush
    assert plain.fontWeight() == chosen.fontWeight() == QFont.Weight.Bold


def test_the_first_results_are_listed_and_more_are_one_press_away(qtbot, make_window):
    """A keystroke lists the best RESULT_LIMIT results; "Show more" lists as many again, selecting the first
    new one, until there are no more; new words start again from the first results."""
    from desktop.domain.search import RESULT_LIMIT
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None))  # the bundled pack: enough results for several pages
    page = window.search_page
    search(qtbot, window, "warrant")
    everything = page._index.search("warrant", limit=1000)
    assert len(everything) > 2 * RESULT_LIMIT, "the case this test is about"
    bar = page.view.verticalScrollBar()

    def read_to_the_end() -> None:
        bar.setValue(bar.maximum())
        qtbot.wait(1)

    assert page.model.rowCount() == RESULT_LIMIT
    assert page.count_label.text() == f"Top {RESULT_LIMIT} results"
    assert [h.id for h in page.model.hits()] == [h.id for h in everything[:RESULT_LIMIT]]
    assert bar.maximum() > 0 and not page.more_button.isVisible(), "no room taken from the results above"
    read_to_the_end()
    assert page.more_button.isVisible(), "offered once the list is read to its end"
    qtbot.mouseClick(page.more_button, Qt.MouseButton.LeftButton)
    assert [h.id for h in page.model.hits()] == [h.id for h in everything[: 2 * RESULT_LIMIT]]
    assert page.view.currentIndex().row() == RESULT_LIMIT, "the first new result is selected"
    read_to_the_end()
    while page.more_button.isVisible():
        page.more_button.click()
        read_to_the_end()
    assert page.model.rowCount() == len(everything)
    assert page.count_label.text() == f"{len(everything)} results"
    qtbot.keyClicks(window.search_field, "s")
    page.flush()
    assert page.model.rowCount() <= RESULT_LIMIT, "new words: the first results again"


def test_a_result_past_those_listed_gets_its_snippet_when_show_more_lists_it(qtbot, make_window):
    """The page asks for one result more than it lists (to know whether to offer more) and makes no snippet for
    it; "Show more" lists it, and the ones after it, with the words and marks a search for all of them shows."""
    from desktop.domain.search import RESULT_LIMIT, SearchIndex
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None))  # the bundled pack: more than twice RESULT_LIMIT results for "warrant"
    page = window.search_page
    search(qtbot, window, "warran")
    index = page._index
    made_for: list[str] = []
    make = index._snippet
    index._snippet = lambda doc, keys: made_for.append(index.entries[doc].id) or make(doc, keys)
    qtbot.keyClicks(window.search_field, "t")
    page.flush()
    everything = SearchIndex(index._pack).search("warrant", limit=3 * RESULT_LIMIT)  # a new session
    assert len(everything) > 2 * RESULT_LIMIT, "the case this test is about"
    listed = [h.id for h in page.model.hits()]
    assert listed == [h.id for h in everything[:RESULT_LIMIT]]
    assert sorted(made_for) == sorted(listed), "a snippet for each result listed, none for the one more asked"
    page.show_more()
    assert page.model.rowCount() == 2 * RESULT_LIMIT
    assert page.model.hits() == everything[: 2 * RESULT_LIMIT], "the same words and marks as a search for them all"
    rows = [page.model.index(row, 0) for row in (RESULT_LIMIT, 2 * RESULT_LIMIT - 1)]
    assert all(row.data(HitRole).snippet and row.data(SpansRole) for row in rows)


def test_no_more_button_when_everything_is_listed(qtbot, window):
    search(qtbot, window, "quokka")
    assert not window.search_page.more_button.isVisible()
    window.search_field.clear()
    search(qtbot, window, "detainer")
    page = window.search_page
    assert 0 < page.model.rowCount() < 20 and not page.more_button.isVisible()


def test_back_to_a_result_opened_from_beyond_the_first_ones_selects_it(qtbot, make_window):
    """Back rebuilt the list with the first 20 results: a result opened after "Show more" was lost, and the
    first row selected. The list now grows until the opened result is in it; the keys stay on the list."""
    from desktop.domain.search import RESULT_LIMIT
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None))
    page = window.search_page
    search(qtbot, window, "warrant")
    page.more_button.setFocus()
    page.more_button.click()
    assert page.view.hasFocus(), "the keys stay on the results, not on the top bar"
    target = page.model.index(RESULT_LIMIT + 3, 0)
    wanted = (target.data(KindRole), target.data(IdRole))
    page.view.setCurrentIndex(target)
    page.open_current()
    assert window.current_kind() != SEARCH
    window.go_back()
    current = page.view.currentIndex()
    assert (current.data(KindRole), current.data(IdRole)) == wanted and current.row() == RESULT_LIMIT + 3


def test_a_second_escape_on_the_empty_box_gives_the_focus_back_to_the_question(qtbot, window):
    """After Esc had emptied the box, more Esc did nothing: the officer had to Tab nine times to reach an
    answer again. Esc on the empty box hands the focus to the page behind it, at its first answer."""
    activate(qtbot, window)
    window.start_scenario("S08")
    wizard = window.wizard_page
    search(qtbot, window, "ncic")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.focusWidget() is window.search_field, "the first Esc keeps the focus (a digit must not answer)"
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.current_kind() == WIZARD and window.focusWidget() is wizard.answer_buttons[0]
    window.go_home()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.focusWidget() is window.search_field, "on Home the box is the page's own first place"


def test_a_screen_reader_hears_the_result_the_arrows_select(qtbot, window):
    """The search box keeps the focus while ↑/↓ move the selection in the list, so a screen reader said
    nothing as the highlight moved. The box's description now names the selected result and its place."""
    activate(qtbot, window)
    usage = window.search_field.accessibleDescription()
    count = search(qtbot, window, "detainer")
    assert count >= 2
    page = window.search_page
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    row = page.view.currentIndex().row()
    assert row >= 1
    said = window.search_field.accessibleDescription()
    title = page.model.index(row, 0).data(HitRole).title
    assert said.startswith(f"Result {row + 1} of {page.model.rowCount()}") and title in said
    window.clear_search()
    assert window.search_field.accessibleDescription() == usage


def test_a_screen_reader_hears_that_nothing_was_found_and_the_words_to_tap(qtbot, window):
    """The box keeps the focus while the officer types, so a screen reader hears the page through the box's
    description. On a word the guide does not hold it heard the box's usage again: nothing of "No results" nor
    of the words under it to tap instead."""
    activate(qtbot, window)
    usage = window.search_field.accessibleDescription()
    assert search(qtbot, window, "passport") == 0
    said = window.search_field.accessibleDescription()
    assert said.startswith("No results for “passport”. Try fewer or shorter words, or tap one of these:"), said
    assert all(button.text() in said for button in window.search_page.suggestion_buttons)
    window.search_field.clear()
    assert search(qtbot, window, "warrx") == 0  # a word near one the guide holds
    assert window.search_field.accessibleDescription().startswith("No results for “warrx”. Did you mean")
    window.search_field.clear()  # the empty box: its usage again
    qtbot.waitUntil(lambda: window.search_field.accessibleDescription() == usage)
    assert search(qtbot, window, "warrant") > 0
    assert window.search_field.accessibleDescription().startswith("Result 1 of ")


@pytest.mark.parametrize("query", ["what's a detainer", "whats a detainer", "what\u2019s a detainer"])
def test_a_question_with_a_contraction_finds_what_it_asks_about(qtbot, make_window, query):
    """Typed as an officer asks it, "what's a detainer" looked for "s" beside "detainer" (the apostrophe split the
    word) and listed six provisions without the detainer answer; "whats a detainer" ranked three other situations
    above it. The ending after an apostrophe goes, and so do contractions typed without one, as other stop words."""
    from desktop.domain.search import SearchIndex
    from desktop.ui.data_loading import load_data

    data = load_data(None)
    window = make_window(data=data)
    window.set_search_index(SearchIndex(data.loaded.pack))
    window.search_field.setFocus()
    with qtbot.waitSignal(window.search_page.results_shown, timeout=2000):
        type_text(window.search_field, query)
    model = window.search_page.model
    assert model.rowCount() > 0
    assert model.index(0, 0).data(IdRole) == "S08", [model.index(row, 0).data(IdRole) for row in range(5)]
    qtbot.mouseClick(window.search_page.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.search_page.view.visualRect(model.index(0, 0)).center())
    assert window.current_kind() == WIZARD and window.wizard_page.state.scenario_id == "S08"


def test_a_long_query_shows_from_its_start_once_the_box_is_left(qtbot, window):
    """An unfocused box showed the end of a long query ("…the lot after a traffic stop"): its first words, what
    the officer searched for, were out of sight. Left, the box shows their start; what is searched is the same."""
    activate(qtbot, window)
    query = "officer asked to hold someone in the parking lot after a traffic stop"
    search(qtbot, window, query)
    field = window.search_field
    assert field.cursorPosition() == len(query)  # typing: the cursor at its end
    window.home_button.setFocus(Qt.FocusReason.TabFocusReason)
    assert not field.hasFocus()
    assert field.cursorPosition() == 0 and field.text() == query
    assert window.history.current.key == query
    assert field.cursorRect().left() < field.width() // 2, "the first letters show"


@pytest.mark.parametrize("reason", [Qt.FocusReason.OtherFocusReason, Qt.FocusReason.ActiveWindowFocusReason])
def test_typing_goes_on_at_the_end_when_the_focus_comes_back(qtbot, window, reason):
    """Left, the box shows its query's start (the cursor at 0); given the focus back without a click or Tab
    (Esc on the results, the window active again), the officer's next letters went before the query."""
    activate(qtbot, window)
    search(qtbot, window, "warr")
    field = window.search_field
    window.home_button.setFocus(reason)
    assert field.cursorPosition() == 0
    field.setFocus(reason)
    type_text(field, "ant")
    assert field.text() == "warrant"


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_a_selected_rows_type_badge_keeps_its_shape_in_every_theme(qtbot, window, theme):
    """High contrast paints a Rule badge and a selected row in the same yellow: the selected rule's badge was
    its word alone. A selected row's badge is outlined in the selection's text colour."""
    window.set_theme(theme)
    search(qtbot, window, "detainer")
    view, model = window.search_page.view, window.search_page.model
    rules = [row for row in range(model.rowCount()) if model.data(model.index(row, 0), KindRole) == "provision"]
    first = model.index(rules[0], 0)
    view.setCurrentIndex(first)
    delegate = view.itemDelegate()
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(first)
    delegate.initStyleOption(option, first)
    hit = model.hit(first.row())
    key = delegate._row_key(option, hit, option.rect.width(), model.note(first.row()))
    inner = option.rect.adjusted(delegate.PAD, delegate.PAD, -delegate.PAD, -delegate.PAD)
    badge = delegate.badge_rect(inner, option.font, delegate._row_text(option, hit, key), key)
    image = view.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    edge = image.pixelColor(int(badge.left() * ratio), int(badge.center().y() * ratio))
    assert edge.rgb() == view.palette().highlightedText().color().rgb()


def test_a_result_found_through_its_tags_alone_shows_them_with_the_words_in_bold(qtbot, make_window):
    """"commandeer": the anti-commandeering rule's snippet marked nothing (the word is in its tags, which a row does
    not show). Its row now starts "Listed under: anti-commandeering." with the word in bold, as any match."""
    from desktop.ui.data_loading import load_data
    from desktop.ui.search_widget import _RowText

    window = make_window(data=load_data(None))
    search(qtbot, window, "commandeer")
    model = window.search_page.model
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(IdRole) == "US-10A-ANTICOMMANDEER")
    hit = model.index(row, 0).data(HitRole)
    assert hit.snippet.startswith("Listed under: anti-commandeering.")
    assert [hit.snippet[a:b] for a, b in model.index(row, 0).data(SpansRole)] == ["anti-commandeering"]
    laid = _RowText(hit, window.search_page.view.font(), 600)
    assert [(f.start, f.length, f.format.fontWeight()) for f in laid.snippet.formats()] == [
        (len("Listed under: "), len("anti-commandeering"), QFont.Weight.Bold)]
