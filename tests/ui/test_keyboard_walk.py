"""An officer's whole path with the keyboard alone: Home, three searches, a result, its provision, a related one and
Back, Home, a situation answered to its outcome, a citation and Back, then Restart. After every key the focus is
somewhere: on a widget in sight, on the page shown or the top bar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from desktop.ui.data_loading import load_data
from desktop.ui.history import HOME, PROVISION, SEARCH, WIZARD, Location
from tests.ui.ui_helpers import activate

ALT, SHIFT = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ShiftModifier


def _in_sight(window, widget: QWidget) -> bool:
    """Some of ``widget`` shows: inside the window, and inside every scrolled view around it."""
    shown = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            viewport = parent.viewport()
            shown &= QRect(viewport.mapTo(window, viewport.rect().topLeft()), viewport.size())
        parent = parent.parentWidget()
    return not (shown & window.rect()).isEmpty()


def _key(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> QWidget:
    for _ in range(times):
        qtbot.keyClick(window.focusWidget(), key, modifier)
        focus = window.focusWidget()
        assert focus is not None and focus.isVisible(), f"the focus went nowhere after {key!r}"
        page = window.stack.currentWidget()
        on_screen = (page, window.top_bar, window.banner_area)
        assert any(part.isAncestorOf(focus) for part in on_screen), f"{focus.objectName()} is off the page"
        assert _in_sight(window, focus), f"{focus.objectName()} has the focus out of sight"
    return window.focusWidget()


def _tab_to(qtbot, window, wanted, backwards: bool = False, most: int = 40) -> QWidget:
    for _ in range(most):
        if wanted(window.focusWidget()):
            return window.focusWidget()
        _key(qtbot, window, Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab)
    raise AssertionError("Tab never reached it")


@pytest.mark.parametrize(("size", "theme", "step"), [((1024, 600), "night", 0), ((776, 576), "contrast", 6),
                                                    ((776, 576), "day", 3)])
def test_an_officers_path_with_the_keyboard_alone(qtbot, make_window, size, theme, step):
    window = make_window(data=load_data(None))
    window.resize(*size)
    window.set_theme(theme)
    window.set_text_step(step)
    activate(qtbot, window)
    assert window.focusWidget() is window.search_field, "Home: the search box has the keys"
    for query in ("detainer", "S06", "2-173-020"):
        _key(qtbot, window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(window.search_field, query)
        window.search_page.flush()
        assert window.current_kind() == SEARCH and window.focusWidget() is window.search_field
    _key(qtbot, window, Qt.Key.Key_Down)  # the first result: 2-173-020's provision
    _key(qtbot, window, Qt.Key.Key_Return)
    assert window.current_kind() == PROVISION
    page = window.provision_page
    opened = page.provision.provision_id
    link = _tab_to(qtbot, window, lambda w: w in page.related.buttons[2:])
    target = link.property("target")
    _key(qtbot, window, Qt.Key.Key_Space)
    assert page.provision.provision_id == target
    _key(qtbot, window, Qt.Key.Key_Left, ALT)
    assert page.provision.provision_id == opened and window.focusWidget() is link, "Back: the link opened"
    _key(qtbot, window, Qt.Key.Key_Home, ALT)
    assert window.current_kind() == HOME and window.focusWidget() is window.search_field
    situation = _tab_to(qtbot, window, lambda w: w in window.home_page.buttons)
    _key(qtbot, window, Qt.Key.Key_Return)
    wizard = window.wizard_page
    assert window.current_kind() == WIZARD and window.focusWidget() is wizard.answer_buttons[0], situation.text()
    while wizard.current_outcome() is None:  # the last answer each time: Tab to it, then Enter
        _tab_to(qtbot, window, lambda w: w is wizard.answer_buttons[-1])
        _key(qtbot, window, Qt.Key.Key_Return)
    assert window.focusWidget() is wizard.outcome_scroll, "the answer, to read on with PageDown"
    _key(qtbot, window, Qt.Key.Key_PageDown, times=2)
    citation = _tab_to(qtbot, window, lambda w: w in wizard.card.cites.buttons)
    _key(qtbot, window, Qt.Key.Key_Return)
    assert window.current_kind() == PROVISION and page.provision.provision_id == citation.property("target")
    _key(qtbot, window, Qt.Key.Key_Left, ALT)
    assert window.current_kind() == WIZARD and window.focusWidget() is citation, "Back: the citation opened"
    _key(qtbot, window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is window.search_field
    _key(qtbot, window, Qt.Key.Key_Escape)  # on an empty box: the keys go back to the page, where they were
    assert window.current_kind() == WIZARD and window.focusWidget() is citation
    _tab_to(qtbot, window, lambda w: w is wizard.restart_button, backwards=True)
    _key(qtbot, window, Qt.Key.Key_Space)
    assert wizard.state.keys == () and window.focusWidget() is wizard.answer_buttons[0]


def _out_of_date_window(qtbot, make_window, theme: str):
    """At 776 × 576 (an 800 × 600 screen) at the largest text, with the out-of-date banner and its OK."""
    import datetime as dt

    from desktop.ui.settings import TEXT_STEP_MAX

    window = make_window(data=load_data(None), today=dt.date(2026, 6, 1))
    window.resize(776, 576)
    window.set_theme(theme)
    window.set_text_step(TEXT_STEP_MAX)
    activate(qtbot, window)
    assert window.findChild(QWidget, "expiredOkButton").isVisible()
    return window


@pytest.mark.parametrize("theme", ["day", "contrast"])
def test_tab_goes_from_the_top_bar_to_the_banner_then_the_page(qtbot, make_window, theme):
    """On Home, Tab went from the top bar to the situations, and from their list back up to the banner's OK; on
    the other pages OK came first. The keys go down the screen as it is read, on every page."""
    from desktop.ui.history import Location

    window = _out_of_date_window(qtbot, make_window, theme)
    for location in (Location(HOME), Location(SEARCH, "warrant"), Location(PROVISION, "MCC-2-173-020(a)")):
        window.navigate(location)
        _tab_to(qtbot, window, lambda w: w is window.menu_button)
        ok = _key(qtbot, window, Qt.Key.Key_Tab)
        assert ok.objectName() == "expiredOkButton", f"{location.kind}: {ok.objectName()} after the top bar"
        after = _key(qtbot, window, Qt.Key.Key_Tab)
        assert window.stack.currentWidget().isAncestorOf(after), f"{location.kind}: {after.objectName()} after OK"


@pytest.mark.parametrize("theme", ["day", "contrast"])
def test_tab_into_a_scrolled_page_brings_the_widget_into_sight(qtbot, make_window, theme):
    """A provision read down to its related links, then Tab through the top bar: Copy citation took the focus
    2,700 px above the screen, and nothing showed where the keys were. Tab from the top bar or a banner into
    a page scrolls to the widget, as Tab within it does; at the page's top, the title above it shows too."""
    from desktop.ui.history import Location

    window = _out_of_date_window(qtbot, make_window, theme)
    window.navigate(Location(PROVISION, "MCC-2-173-020(a)"))
    page = window.provision_page
    _tab_to(qtbot, window, lambda w: w is page.related.buttons[-1])
    _tab_to(qtbot, window, lambda w: w.objectName() == "expiredOkButton")
    assert _key(qtbot, window, Qt.Key.Key_Tab) is page.copy_button
    assert page.scroll.verticalScrollBar().value() == 0, "the title above Copy citation shows"
    _tab_to(qtbot, window, lambda w: w is window.back_button, backwards=True)
    last = _key(qtbot, window, Qt.Key.Key_Backtab)  # the chain goes round to the page's last button
    assert last is page.report_button  # "Report a problem with this provision…", below the last link
    viewport = page.scroll.viewport()
    top = last.mapTo(viewport, last.rect().topLeft()).y()
    assert 0 <= top and top + last.height() <= viewport.height(), "all of the link shows"


def test_home_and_end_go_to_the_top_and_the_end_of_an_answer(qtbot, make_window):
    """At the largest text on 800 × 600 an answer runs 2,500 px; Home and End did nothing there, and back to its
    verdict took seven PageUps. End shows its end and Home its top, the focus staying on the answer; Alt+Home is
    still the way Home."""
    from desktop.ui.settings import TEXT_STEP_MAX

    window = make_window(data=load_data(None))
    window.resize(776, 576)
    window.set_text_step(TEXT_STEP_MAX)
    activate(qtbot, window)
    window.navigate(Location(WIZARD, "S08", answers=("no",)))
    wizard = window.wizard_page
    assert window.focusWidget() is wizard.outcome_scroll
    bar = wizard.outcome_scroll.verticalScrollBar()
    assert bar.maximum() > 3 * wizard.outcome_scroll.viewport().height(), "a long answer"
    _key(qtbot, window, Qt.Key.Key_End)
    assert bar.value() == bar.maximum() and window.focusWidget() is wizard.outcome_scroll
    _key(qtbot, window, Qt.Key.Key_Home)
    assert bar.value() == 0 and window.current_kind() == WIZARD
    _key(qtbot, window, Qt.Key.Key_Home, ALT)
    assert window.current_kind() == HOME


def _wholly_in_sight(area: QAbstractScrollArea, widget: QWidget) -> bool:
    top = widget.mapTo(area.viewport(), widget.rect().topLeft()).y()
    return top >= 0 and top + widget.height() <= area.viewport().height()


def test_home_and_end_from_a_button_leave_the_focus_in_sight(qtbot, make_window):
    """A provision opens with Copy citation in focus; End scrolled 2,600 px down at the largest text on 800 × 600 and
    left the focus ringed out of sight, for Space or Enter to press a button the officer cannot see. In an answer,
    Home from a "Based on" button read at its end did the same. The focus now goes to what shows: the last control
    in sight after End, the first after Home, and the answer's words themselves, which take the focus."""
    from desktop.ui.settings import TEXT_STEP_MAX

    data = load_data(None)
    window = make_window(data=data)
    window.resize(776, 576)
    window.set_text_step(TEXT_STEP_MAX)
    activate(qtbot, window)
    window.navigate(Location(PROVISION, data.loaded.pack.provisions[0].provision_id))
    scroll = window.provision_page.scroll
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 3 * scroll.viewport().height(), "a long provision"
    assert scroll.isAncestorOf(window.focusWidget()), "a button of the provision has the focus"
    _key(qtbot, window, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    assert scroll.isAncestorOf(window.focusWidget()) and _wholly_in_sight(scroll, window.focusWidget())
    _key(qtbot, window, Qt.Key.Key_Home)
    assert bar.value() == 0
    assert scroll.isAncestorOf(window.focusWidget()) and _wholly_in_sight(scroll, window.focusWidget())

    window.navigate(Location(WIZARD, "S08", answers=("no",)))
    answer = window.wizard_page.outcome_scroll
    button = _key(qtbot, window, Qt.Key.Key_Tab)  # from the answer's words to its first button
    assert answer.isAncestorOf(button) and button is not answer
    _key(qtbot, window, Qt.Key.Key_End)
    assert answer.verticalScrollBar().value() == answer.verticalScrollBar().maximum()
    assert window.focusWidget() is answer, "the answer's words, which PageUp reads back from"
