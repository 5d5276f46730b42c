"""Back/forward history, Home, window title, status bar and the out-of-date banner."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop.ui.data_loading import load_data
from desktop.ui.history import HOME, PROVISION, SEARCH, WIZARD, History, Location
from tests.ui.ui_helpers import activate, search, settle


def test_back_and_forward_across_screens_with_alt_arrows(qtbot, window):
    activate(qtbot, window)
    window.start_scenario("S08")
    window.wizard_page.choose(2)
    window.open_provision("IL-TRUST-15a")
    qtbot.mouseClick(window.provision_page.related.buttons[0], Qt.MouseButton.LeftButton)
    assert window.provision_page.provision.provision_id == "MCC-2-173-020(a)(1)"

    focus = window.focusWidget()
    qtbot.keyClick(focus, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.provision_page.provision.provision_id == "IL-TRUST-15a"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_kind() == WIZARD and window.wizard_page.state.keys == ("no",)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # one answer back
    assert window.current_kind() == WIZARD and window.wizard_page.state.keys == ()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_kind() == HOME
    assert not window.back_button.isEnabled() and window.forward_button.isEnabled()

    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_kind() == WIZARD and window.wizard_page.state.keys == ()
    qtbot.mouseClick(window.forward_button, Qt.MouseButton.LeftButton)
    assert window.current_kind() == WIZARD and window.wizard_page.state.keys == ("no",)
    qtbot.mouseClick(window.forward_button, Qt.MouseButton.LeftButton)
    assert window.current_kind() == PROVISION
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    assert window.current_kind() == WIZARD


def test_the_top_bar_back_and_the_wizard_back_both_take_back_one_answer(qtbot, window):
    """The top bar's ◀ (Alt+←) on the second question went straight Home, while the wizard's ◀ Back took
    back one answer: two buttons with one glyph that did different things. Each answer is now a step in
    the history, and the wizard's Back moves through the same steps (so ▶ brings the answer back)."""
    activate(qtbot, window)
    window.start_scenario("S08")
    wizard = window.wizard_page
    wizard.choose(2)
    wizard.choose(1)
    assert wizard.current_outcome() is not None and wizard.state.keys == ("no", "no")
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)  # the top bar
    assert window.current_kind() == WIZARD and wizard.state.keys == ("no",)
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)  # the wizard's own
    assert wizard.state.keys == () and window.history.current == Location(WIZARD, "S08")
    qtbot.mouseClick(window.forward_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.forward_button, Qt.MouseButton.LeftButton)
    assert wizard.state.keys == ("no", "no")
    wizard.restart()  # Restart is a step too: Back returns to where the officer was
    assert wizard.state.keys == ()
    window.go_back()
    assert wizard.state.keys == ("no", "no")
    for _ in range(3):
        window.go_back()
    assert window.current_kind() == HOME


def test_a_provision_opened_from_an_answer_has_one_labelled_way_back_to_it(qtbot, window):
    """A citation opened from an answer's "Based on (tap to read)" had only the top bar's ◀ back, beside the
    wizard's own "◀ Back" that undoes an answer: the page now says "Back to the answer" (44 px, reached with
    Shift+Tab from Copy citation), and it steps back in the window's history to that citation. Opened from
    search, Home or a related link, the page has no such button: the top bar's ◀ is right there."""
    activate(qtbot, window)
    window.start_scenario("S08")
    wizard = window.wizard_page
    wizard.choose(2)
    wizard.choose(1)
    assert wizard.current_outcome() is not None
    citation = wizard.card.cites.buttons[-1]
    qtbot.mouseClick(citation, Qt.MouseButton.LeftButton)
    assert window.current_kind() == PROVISION
    page = window.provision_page
    cited = page.provision.provision_id
    back = page.back_to_answer_button
    assert back.isVisible() and back.text().endswith("Back to the answer") and back.accessibleName()
    assert back.height() >= 44
    assert window.focusWidget() is page.copy_button
    qtbot.keyClick(page.copy_button, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert window.focusWidget() is back
    qtbot.keyClick(back, Qt.Key.Key_Return)
    assert window.current_kind() == WIZARD and wizard.state.keys == ("no", "no"), "one screen back, the answer kept"
    assert window.focusWidget() is citation, "where the officer left: the citation opened"
    assert window.history.current.opened_id == cited and window.history.can_go_forward, "the window's history"

    window.go_forward()  # the same provision again, from the same answer
    assert back.isVisible()
    qtbot.mouseClick(page.related.buttons[0], Qt.MouseButton.LeftButton)  # a related provision: ◀ goes to the first
    assert not back.isVisible()
    window.go_home()
    window.open_provision("IL-TRUST-15a")  # from Home (or a search result): the top bar's ◀ goes back there
    assert not back.isVisible()


def test_visiting_a_new_screen_drops_the_forward_history(window):
    window.open_provision("IL-TRUST-15a")
    window.go_back()
    assert window.forward_button.isEnabled()
    window.start_scenario("S10")
    assert not window.forward_button.isEnabled()


def test_home_button_and_alt_home(qtbot, window):
    activate(qtbot, window)
    window.open_provision("IL-TRUST-15a")
    assert window.home_button.isEnabled()
    qtbot.mouseClick(window.home_button, Qt.MouseButton.LeftButton)
    assert window.current_kind() == HOME and not window.home_button.isEnabled()
    assert window.search_field.hasFocus()
    window.open_provision("IL-TRUST-15a")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert window.current_kind() == HOME


def test_typing_a_search_is_one_history_entry(qtbot, window):
    search(qtbot, window, "detainer")
    assert len(window.history) == 2 and window.current_kind() == SEARCH
    assert window.history.current.key == "detainer"


def test_title_and_status_bar_show_the_pack_version_and_date(window):
    assert "data version 3" in window.windowTitle() and "2 Feb 2026" in window.windowTitle()
    status = window.status_label.text()
    assert "Data version 3" in status and "as of 2 Feb 2026" in status and "update due 3 May 2026" in status


def test_no_expiry_banner_while_the_pack_is_fresh(window):
    assert not [b for b in window.banners if b.objectName() == "expiredBanner"]


def test_expired_pack_shows_a_warning_banner(make_window):
    window = make_window(today=dt.date(2026, 5, 4))
    banner = next(b for b in window.banners if b.objectName() == "expiredBanner")
    assert banner.isVisible()
    assert "Out-of-date" in banner.text() and "3 May 2026" in banner.text()
    assert banner.icon_label.text() == "⚠"


def test_the_out_of_date_banner_keeps_to_one_line_on_a_small_screen_and_its_words_stay_whole(make_window):
    """At the largest text on an 800 × 600 screen the out-of-date banner's words took three lines (130 px of
    576), and the search results under it kept 218 px. It now shows the longest of its wordings that fits on
    one line ("Out of date: update was due 3 May 2026"); the whole words stay its accessible name, its tooltip,
    and the description of its OK, which Tab reaches. With room, the whole words show."""
    from desktop.ui.settings import TEXT_STEP_MAX

    window = make_window(data=load_data(None), today=dt.date(2026, 6, 1))
    banner = next(b for b in window.banners if b.objectName() == "expiredBanner")
    whole = banner.text()
    assert banner.text_label.text() == whole, "1280 × 800: the whole words"
    window.resize(776, 576)
    window.set_text_step(TEXT_STEP_MAX)
    settle()
    label = banner.text_label
    lines = round(label.height() / label.fontMetrics().lineSpacing())
    assert label.text() != whole and lines == 1, f"{lines} lines: {label.text()!r}"
    assert "Out" in label.text() and "date" in label.text() and "3 May 2026" in label.text()
    assert whole in banner.text_label.accessibleName() and banner.toolTip().startswith(whole)  # heard whole
    assert "3 May 2026" in whole and "Ask your supervisor" in whole and "2 Feb 2026" in whole
    ok = banner.findChild(QPushButton, "expiredOkButton")
    assert ok.isVisible() and ok.accessibleDescription() == whole
    assert window.banner_area.height() <= 80


def test_banners_can_be_put_away_and_the_status_bar_keeps_what_matters(qtbot, make_window, mini_pack_path, tmp_path):
    """Out-of-date data and a data file that could not be loaded: each banner has an OK that puts it away
    (two of them at the largest text on a 600-pixel screen left no room for a question's answers); the
    status bar still says the data is out of date, and which data is in use, with its "as of" date."""
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    window = make_window(data=load_data(str(broken)), today=dt.date(2026, 5, 4))
    expired = next(b for b in window.banners if b.objectName() == "expiredBanner")
    fallback = next(b for b in window.banners if b.objectName() == "fallbackBanner")
    window.go_home()  # the problems page says it itself: the banner is away there (test_errors)
    assert expired.isVisible() and fallback.isVisible() and window.banner_area.isVisible()
    qtbot.mouseClick(expired.findChild(QPushButton, "expiredOkButton"), Qt.MouseButton.LeftButton)
    assert not expired.isVisible() and fallback.isVisible() and window.banner_area.isVisible()
    qtbot.mouseClick(fallback.findChild(QPushButton, "fallbackOkButton"), Qt.MouseButton.LeftButton)
    assert not fallback.isVisible() and not window.banner_area.isVisible()
    status = window.status_label.text()
    assert "OUT OF DATE" in status and "update was due 3 May 2026" in status and "bundled data pack" in status
    window.statusBar().showMessage("Citation copied.")
    assert "OUT OF DATE" in window.status_label.text() and "as of" in window.status_label.text()


@pytest.mark.parametrize("step", [-2, 0, 6])
def test_a_banner_icon_sits_beside_its_first_line_and_the_words_face_the_button(qtbot, make_window, tmp_path, step):
    """One line next to a taller OK: the words are centred on the button and the icon beside them (it was
    stuck to the top while the words sat in the middle); several lines: the icon beside the first."""
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    window = make_window(data=load_data(str(broken)), today=dt.date(2026, 5, 4))
    window.go_home()  # off the problems page, which says it itself
    window.set_text_step(step)
    for width in (1280, 700):
        window.resize(width, 800)
        qtbot.wait(1)
        for banner in window.banners:
            icon, words = banner.icon_label, banner.text_label
            button = next(b for b in banner.findChildren(QPushButton) if b.isVisible())

            def top(widget, banner=banner):
                return widget.mapTo(banner, widget.rect().topLeft()).y()

            assert top(icon) == top(words), f"{banner.objectName()} at {width} px, text step {step}"
            lines = words.height() // words.fontMetrics().lineSpacing()
            if words.height() < button.height():
                middle = top(words) + words.height() / 2
                assert abs(middle - (top(button) + button.height() / 2)) <= 1, f"{banner.objectName()}: {lines} line(s)"
            # no blank inside the words' box: as tall as its lines, or as the icon beside one line
            assert words.height() == max(words.heightForWidth(words.width()), icon.sizeHint().height())


def test_history_model():
    history = History(Location(HOME))
    history.visit(Location(PROVISION, "a"))
    history.visit(Location(PROVISION, "a"))  # the same screen twice is one entry
    assert len(history) == 2
    history.replace(Location(PROVISION, "b"))
    assert history.back() == Location(HOME)
    assert history.back() == Location(HOME)
    assert history.forward() == Location(PROVISION, "b")
    history.back()
    history.visit(Location(SEARCH, "x"))
    assert not history.can_go_forward and len(history) == 2
    small = History(Location(HOME), limit=3)
    for n in range(10):
        small.visit(Location(PROVISION, str(n)))
    assert len(small) == 3 and small.current.key == "9"


def test_home_lists_every_category_open_and_again_after_a_new_pack(window):
    tree, model = window.home_page.tree, window.home_page.model
    categories = [model.index(row, 0) for row in range(model.rowCount())]
    assert len(categories) > 1 and all(tree.isExpanded(index) for index in categories)
    window.home_page.set_pack(window.pack)
    categories = [model.index(row, 0) for row in range(model.rowCount())]
    assert categories and all(tree.isExpanded(index) for index in categories)


def test_a_message_about_a_page_goes_when_the_officer_leaves_it(qtbot, window):
    """"The answer was copied as text." stayed in the status bar on the next screen; a message about the
    window itself ("Data version … installed") is not a page's and stays for its time."""
    window.start_scenario("S10")
    wizard = window.wizard_page
    wizard.choose(1)
    wizard.card.copy_button.click()
    assert window.statusBar().currentMessage() == "The answer was copied as text."
    window.go_home()
    assert window.statusBar().currentMessage() == ""
    window.statusBar().showMessage("Data version 4 installed.", 8000)
    window.open_provision("IL-TRUST-15a")
    assert window.statusBar().currentMessage() == "Data version 4 installed."


def test_restart_after_one_answer_is_a_step_not_a_back(qtbot, window):
    """Restart after a single answer lands where Back would; it was taken for Back, so the top bar's ◀
    then skipped the answer and went Home."""
    window.start_scenario("S08")
    wizard = window.wizard_page
    wizard.choose(2)
    wizard.restart()
    assert wizard.state.keys == ()
    window.go_back()
    assert window.current_kind() == WIZARD and wizard.state.keys == ("no",)


def test_warm_up_builds_the_first_pages_one_per_turn_and_leaves_the_officer_where_they_are(qtbot, window):
    """The pages an officer opens first are built after the first frame, one per turn of the event loop, so
    the first situation or search opens without waiting for its page; the screen and the focus stay put."""
    activate(qtbot, window)
    window.search_field.setFocus()
    window.page(SEARCH)  # already built (the officer typed early): skipped, not rebuilt
    search_page = window.pages[SEARCH]
    built: list[str] = []
    for kind, factory in list(window._page_factories.items()):
        window._page_factories[kind] = lambda kind=kind, factory=factory: (built.append(kind), factory())[1]
    window.warm_up()
    assert set(window.pages) == {HOME, SEARCH}  # nothing built in the call itself
    qtbot.waitUntil(lambda: PROVISION in window.pages)
    assert built == [WIZARD, PROVISION]
    assert window.pages[SEARCH] is search_page
    assert window.current_kind() == HOME and window.focusWidget() is window.search_field
    window.start_scenario("S08")  # the built page serves the first situation
    assert window.current_kind() == WIZARD and window.wizard_page.state.scenario_id == "S08"
