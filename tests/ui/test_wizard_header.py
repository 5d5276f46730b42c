"""The wizard header on a short screen, from review: a double tap on it, words without spaces, the only answer so far."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QGuiApplication

from desktop.ui.history import WIZARD, Location
from tests.ui.test_wizard import _press
from tests.ui.ui_helpers import activate


def _window(qtbot, make_window, size=(1000, 552), step=6, title=None):
    from desktop.ui.data_loading import load_data

    data = load_data(None)
    if title is not None:  # every situation gets this title (the schema allows any line of 1-2,000 characters)
        pack = data.loaded.pack
        object.__setattr__(pack, "_scenarios",
                           {k: dataclasses.replace(s, title=title) for k, s in pack._scenarios.items()})
    window = make_window(data=data, with_index=False)
    window.resize(*size)
    window.set_text_step(step)
    activate(qtbot, window)
    return window, window.wizard_page


def test_a_double_tap_that_closes_the_header_gives_no_answer(qtbot, make_window):
    """The header shown whole; a gloved double tap low on its words to close it. The first tap shortens the
    header by ~140 px, the answer moves up under the finger, and the second tap answers it."""
    window, wizard = _window(qtbot, make_window)
    window.navigate(Location(WIZARD, "S01", answers=("no", "traffic", "warrant", "court", "yes", "federal", "other")))
    keys = wizard.state.keys
    heading = wizard.heading
    qtbot.mouseClick(heading, Qt.MouseButton.LeftButton)  # read it whole
    assert wizard._expanded
    spot = heading.mapTo(window, QPoint(heading.width() // 2, heading.height() - 12))
    assert window.childAt(spot) in (heading, wizard.title_label, wizard.breadcrumb)
    interval = QGuiApplication.styleHints().mouseDoubleClickInterval()
    _press(heading, 20_000, window=window, spot=spot)  # closes the header
    under = window.childAt(spot)
    _press(heading, 20_000 + interval // 2, QEvent.Type.MouseButtonDblClick, window=window, spot=spot)  # the second
    assert wizard.state.keys == keys, f"the second tap of a double tap on the header answered {under.objectName()!r}"


def test_a_double_tap_on_the_shortened_header_shows_it_whole(qtbot, make_window):
    """A gloved double tap on the shortened header opens and at once closes it: nothing to see."""
    window, wizard = _window(qtbot, make_window)
    window.navigate(Location(WIZARD, "S25", answers=("no", "yes", "unsure", "court")))
    heading = wizard.heading
    interval = QGuiApplication.styleHints().mouseDoubleClickInterval()
    _press(heading, 30_000, window=window)
    _press(heading, 30_000 + interval // 2, QEvent.Type.MouseButtonDblClick, window=window)
    assert wizard._expanded, "a double tap counts as one tap, as on the answers"


@pytest.mark.parametrize("title", [
    "Immigration-and-Customs-Enforcement-Enforcement-and-Removal-Operations-administrative-warrant-I-200",
    "移民和海关执法局特工在医院或急诊室你正在看守一名被捕者或者特工在急诊科移民和海关执法局特工在医院或急诊室你正在看守一名被捕者",
])
def test_a_title_without_spaces_keeps_to_two_lines(qtbot, make_window, title):
    window, wizard = _window(qtbot, make_window, title=title)
    window.navigate(Location(WIZARD, "S08", answers=("no",)))
    label = wizard.title_label
    fm = label.fontMetrics()
    needed = fm.boundingRect(0, 0, label.contentsRect().width(), 100_000,
                             Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, label.text()).height()
    assert needed < 2.5 * fm.lineSpacing(), f"{round(needed / fm.lineSpacing())} lines: {label.text()!r}"


@pytest.mark.parametrize("screen", [("S04", ("dhs",)), ("S13", ("yes",)), ("S08", ("yes",))])
def test_the_only_answer_so_far_shows_whole_where_it_fits_a_line(qtbot, make_window, screen):
    window, wizard = _window(qtbot, make_window)
    window.navigate(Location(WIZARD, screen[0], answers=screen[1]))
    trail, answer = wizard.breadcrumb, wizard.state.steps[-1].label
    fm = trail.fontMetrics()
    assert fm.horizontalAdvance(answer) < trail.contentsRect().width(), "the answer alone fits one line"
    assert trail.text().endswith(answer), f"shown: {trail.text()!r}"

