"""Touch scrolling: on an in-car touch screen a finger or glove drags a view to scroll it, a drag never
clicks what it started on, and a tap still does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QScroller

from desktop.ui import widgets
from desktop.ui.data_loading import load_data
from desktop.ui.history import HOME, SEARCH
from desktop.ui.search_results_model import IdRole, KindRole
from desktop.ui.widgets import VScrollArea, touch_scroll
from tests.ui.ui_helpers import search


@pytest.fixture
def device():
    return QTest.createTouchDevice()


def _drag(qtbot, window, start: QPoint, distance: int, device) -> None:
    """A finger put down at ``start`` (window coordinates) and moved up in small steps, then lifted."""
    QTest.touchEvent(window, device).press(0, start, window).commit()
    for step in range(1, 11):
        qtbot.wait(16)
        QTest.touchEvent(window, device).move(0, QPoint(start.x(), start.y() - distance * step // 10), window).commit()
    qtbot.wait(16)
    QTest.touchEvent(window, device).release(0, QPoint(start.x(), start.y() - distance), window).commit()
    qtbot.wait(50)


def _tap(qtbot, window, at: QPoint, device) -> None:
    QTest.touchEvent(window, device).press(0, at, window).commit()
    qtbot.wait(30)
    QTest.touchEvent(window, device).release(0, at, window).commit()
    qtbot.wait(50)


def _ready(qtbot, area) -> None:
    qtbot.waitUntil(lambda: QScroller.hasScroller(area.viewport()), timeout=2000)  # 100 ms after the first frame


def test_no_view_scrolls_by_touch_before_the_first_frame(qtbot, make_window, monkeypatch):
    """QScroller builds Qt's enums: a view made before the first frame waits, and gets its scroller after."""
    monkeypatch.setattr(widgets, "_touch_waiting", [])  # as at launch, whatever earlier tests did
    area = VScrollArea(QLabel("words"), "earlyScroll")
    qtbot.addWidget(area)
    assert not QScroller.hasScroller(area.viewport())
    window = make_window()
    qtbot.waitUntil(lambda: window._painted, timeout=2000)
    qtbot.waitUntil(lambda: QScroller.hasScroller(area.viewport()), timeout=2000)
    for view in (window.home_page.tree, window.home_page.common_area):
        assert QScroller.hasScroller(view.viewport()), view.objectName()
    late = VScrollArea(QLabel("words"), "lateScroll")
    qtbot.addWidget(late)
    assert QScroller.hasScroller(late.viewport()), "after the first frame: at once"
    touch_scroll(late)  # twice is harmless
    assert QScroller.hasScroller(late.viewport())


def test_dragging_a_question_from_an_answer_scrolls_and_answers_nothing(qtbot, make_window, device):
    """The answer under the finger got the press, and the lift landed on it again as the content moved with
    the finger: dragging the question answered "someone is hurt"."""
    window = make_window()
    window.resize(1024, 320)  # room for the question and part of its answers: the view scrolls
    window.set_text_step(6)
    window.start_scenario("S08")
    wizard = window.wizard_page
    _ready(qtbot, wizard.question_scroll)
    bar = wizard.question_scroll.verticalScrollBar()
    assert bar.maximum() > 100, "the case this test is about"
    button = wizard.answer_buttons[0]
    _drag(qtbot, window, button.mapTo(window, QPoint(button.width() // 2, button.height() // 2)), 150, device)
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=2000)
    qtbot.wait(300)
    assert wizard.state.keys == (), "nothing answered"
    qtbot.waitUntil(lambda: QScroller.scroller(wizard.question_scroll.viewport()).state() == QScroller.State.Inactive,
                    timeout=5000)  # a touch while it still glides stops it: the tap waits for it to settle
    bar.setValue(0)
    qtbot.wait(1)
    _tap(qtbot, window, button.mapTo(window, QPoint(button.width() // 2, button.height() // 2)), device)
    assert wizard.state.keys == ("yes",), "a tap answers, as it should"


# Qt says so when a tap's gesture ends on a page that the tap itself replaced (the result opened): harmless
@pytest.mark.qt_log_ignore("QGestureManager::deliverEvents: could not find the target for gesture")
def test_dragging_the_results_or_the_situations_list_opens_nothing(qtbot, make_window, device):
    window = make_window(data=load_data(None))
    window.resize(1024, 600)
    tree = window.home_page.tree
    _ready(qtbot, tree)
    viewport = tree.viewport()
    _drag(qtbot, window, viewport.mapTo(window, QPoint(viewport.width() // 2, viewport.height() - 30)), 200, device)
    qtbot.waitUntil(lambda: tree.verticalScrollBar().value() > 0, timeout=2000)
    qtbot.wait(300)
    assert window.current_kind() == HOME, "no situation started"

    search(qtbot, window, "warrant")
    view = window.search_page.view
    _ready(qtbot, view)
    viewport = view.viewport()
    opened: list[tuple[str, str]] = []
    window.search_page.result_opened.connect(lambda *args: opened.append(args))
    _drag(qtbot, window, viewport.mapTo(window, QPoint(viewport.width() // 2, viewport.height() - 20)), 200, device)
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() > 0, timeout=2000)
    qtbot.wait(300)
    assert opened == [] and window.current_kind() == SEARCH
    # a touch while the list still glides stops it (and opens nothing): the tap waits for it to settle
    qtbot.waitUntil(lambda: QScroller.scroller(viewport).state() == QScroller.State.Inactive, timeout=5000)
    middle = viewport.rect().center()
    under = view.indexAt(middle)
    _tap(qtbot, window, viewport.mapTo(window, middle), device)
    assert opened == [(under.data(KindRole), under.data(IdRole))], "a tap opens the row under the finger"
    assert window.current_kind() != SEARCH


def test_an_outcome_scrolls_when_dragged_with_a_finger(qtbot, window, device):
    window.resize(1024, 600)
    window.start_scenario("S10")
    wizard = window.wizard_page
    while wizard.stack.currentWidget() is wizard.question_scroll:
        qtbot.mouseClick(wizard.answer_buttons[0], Qt.MouseButton.LeftButton)
    scroll = wizard.outcome_scroll
    _ready(qtbot, scroll)
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0, "the outcome is taller than the view"
    viewport = scroll.viewport()
    _drag(qtbot, window, viewport.mapTo(window, QPoint(viewport.width() // 2, viewport.height() - 20)), 200, device)
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=2000)
