"""Help → Report a problem, from the keys alone: the report it will hold (below the comment) is a Tab stop, ringed,
that PageDown and the arrows scroll, and a screen reader hears its words there. At the largest text on 800 × 600 it
ran 1,200 px past the box and no key reached it: an officer on the keyboard saved a report they could not read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFrame

from desktop.ui.data_loading import load_data
from desktop.ui.widgets import focus_ring, ring_shown
from tests.ui.test_focus_ring import RINGS, _edge, _key, _tap
from tests.ui.ui_helpers import activate


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_tab_reaches_the_report_and_pagedown_reads_it_to_its_end(qtbot, make_window, theme):
    window = make_window(data=load_data(None), with_index=False)
    window.resize(800, 600)
    window.set_theme(theme)
    window.set_text_step(6)
    activate(qtbot, window)
    qtbot.waitUntil(lambda: focus_ring() is not None)  # after the first frame
    window.open_provision("IL-TRUST-15a")
    dialog = window.report_problem()
    qtbot.waitExposed(dialog)
    activate(qtbot, dialog)
    qtbot.waitUntil(dialog.comment.hasFocus)
    bar = dialog.scroll.verticalScrollBar()
    frame = dialog.findChild(QFrame, "reportPreview")  # the report it will hold, as the officer sees it
    assert bar.maximum() > 0, "the report runs past the box: there is something to scroll to"

    for _ in range(4):  # the comment, (its boxes, none here), the report
        if frame.hasFocus():
            break
        _key(dialog, Qt.Key.Key_Tab)
    assert frame.hasFocus(), "Tab reaches the report"
    viewport = dialog.scroll.viewport()
    top = frame.mapTo(viewport, QPoint(0, 0)).y()
    assert 0 <= top < viewport.height(), "scrolled to its top"
    assert ring_shown(frame) and _edge(frame) == RINGS[theme]
    assert frame.accessibleName() == "The report will hold exactly this"
    assert frame.accessibleDescription() == dialog.text(), "a screen reader hears what it holds"

    before = bar.value()
    _key(dialog, Qt.Key.Key_Down)
    assert bar.value() > before, "an arrow reads on"
    for _ in range(10):
        _key(dialog, Qt.Key.Key_PageDown)
    assert bar.value() == bar.maximum(), "PageDown reads to the report's end"
    assert frame.hasFocus()
    _key(dialog, Qt.Key.Key_Tab)
    assert dialog.save_button.hasFocus(), "then Save, Copy and Cancel, as before"

    frame.setFocus()
    _tap(qtbot, dialog, dialog.preview.parentWidget(), QPoint(40, 40))
    qtbot.waitUntil(lambda: not ring_shown(frame))
    assert _edge(frame) != RINGS[theme], "a tap on the report frames it in no ring"
    with qtbot.waitSignal(dialog.finished):
        QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_Escape)
