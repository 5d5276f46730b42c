"""Touch scrolling: on an in-car touch screen a finger or glove drags a view to scroll it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScroller

from desktop.ui.widgets import VScrollArea, touch_scroll


def _drag_up(qtbot, widget, distance: int, device) -> None:
    """A finger put down low on ``widget`` and moved up in small steps, then lifted."""
    x, y = widget.width() // 2, widget.height() - 20
    QTest.touchEvent(widget, device).press(0, QPoint(x, y), widget).commit()
    for step in range(1, 11):
        qtbot.wait(16)
        QTest.touchEvent(widget, device).move(0, QPoint(x, y - distance * step // 10), widget).commit()
    qtbot.wait(16)
    QTest.touchEvent(widget, device).release(0, QPoint(x, y - distance), widget).commit()


def test_views_on_the_first_screen_scroll_by_touch_once_it_is_painted(qtbot, window):
    """Home's views are made before the first frame; they are given a scroller after it (QScroller is not
    touched before the first frame: start-up)."""
    assert window._painted
    qtbot.waitUntil(lambda: QScroller.hasScroller(window.home_page.tree.viewport()), timeout=2000)
    for area in (window.home_page.tree, window.home_page.common_area):
        assert QScroller.hasScroller(area.viewport()), area.objectName()


def test_an_outcome_scrolls_when_dragged_with_a_finger(qtbot, window):
    window.resize(1024, 600)
    window.start_scenario("S10")
    wizard = window.wizard_page
    while wizard.stack.currentWidget() is wizard.question_scroll:
        qtbot.mouseClick(wizard.answer_buttons[0], Qt.MouseButton.LeftButton)
    scroll = wizard.outcome_scroll
    qtbot.waitUntil(lambda: QScroller.hasScroller(scroll.viewport()), timeout=2000)  # just after the first frame
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0, "the outcome is taller than the view"
    device = QTest.createTouchDevice()
    _drag_up(qtbot, scroll.viewport(), 200, device)
    qtbot.waitUntil(lambda: bar.value() > 0, timeout=2000)


def test_a_view_made_after_the_first_frame_can_scroll_by_touch_at_once(qtbot, window):
    from PySide6.QtWidgets import QLabel

    qtbot.waitUntil(lambda: QScroller.hasScroller(window.home_page.tree.viewport()), timeout=2000)  # after it
    area = VScrollArea(QLabel("words"), "lateScroll")
    qtbot.addWidget(area)
    assert QScroller.hasScroller(area.viewport())
    touch_scroll(area)  # twice is harmless
    assert QScroller.hasScroller(area.viewport())
