"""Home's big situation buttons on small screens and large text, through the real window."""

from __future__ import annotations

import pytest

from desktop.ui.data_loading import load_data
from desktop.ui.history import PROVISION, Location
from desktop.ui.settings import TEXT_STEP_MAX, TEXT_STEP_MIN


def _assert_whole_words(window) -> None:
    """No word of Home's buttons is too wide for the line it is laid out in (Qt would break it in two)."""
    broken = []
    for button in window.home_page.buttons:
        label = button.text_label
        room = label.contentsRect().width()
        broken += [f"{word!r}: {label.fontMetrics().horizontalAdvance(word)} px in {room}"
                   for word in label.text().split() if label.fontMetrics().horizontalAdvance(word) > room]
    assert not broken, f"{window.width()} px wide, text size {window.text_step}: {broken}"


def _bundled_window(make_window, size, settings=None):
    window = make_window(data=load_data(None), settings=settings, with_index=False)  # the real pack's labels
    window.resize(*size)
    return window


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
@pytest.mark.parametrize("size", [(776, 576), (1024, 600), (1366, 768)])
def test_no_word_on_a_home_button_is_broken_at_any_text_size(qtbot, make_window, settings, size, theme):
    """At 776 px and the larger text sizes the two columns were too narrow for "information" ("informat"
    over "ion"): the buttons take one column there."""
    settings.theme = theme
    window = _bundled_window(make_window, size, settings)
    assert window.theme == theme
    for step in range(TEXT_STEP_MIN, TEXT_STEP_MAX + 1):
        window.set_text_step(step)
        qtbot.waitUntil(lambda: _assert_whole_words(window))  # noqa: B023 (used at once)
        assert window.width() == size[0], "the window kept its width"


def _side_by_side(window) -> bool:
    first, second = window.home_page.buttons[:2]
    return first.y() == second.y() and first.x() < second.x()


def test_home_takes_two_columns_again_on_a_wider_window(qtbot, make_window):
    window = _bundled_window(make_window, (776, 576))
    window.set_text_step(TEXT_STEP_MAX)
    qtbot.waitUntil(lambda: _assert_whole_words(window))
    assert not _side_by_side(window)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: _side_by_side(window))
    _assert_whole_words(window)


def test_in_one_column_the_buttons_leave_the_list_of_situations_half_the_page(qtbot, make_window):
    """At the larger text on 800 × 600 the buttons take one column, and kept 3/5 of the page they needed for
    two: the list of every situation beside them was 294 px wide, a title in up to eight lines, two in sight.
    In one column they share the page evenly; in two, on a wider window, they take their 3/5 again."""
    window = _bundled_window(make_window, (800, 600))
    window.set_text_step(TEXT_STEP_MAX)
    home = window.home_page
    qtbot.waitUntil(lambda: not _side_by_side(window))
    qtbot.waitUntil(lambda: home.tree.width() >= home.common_area.width() - 12)
    _assert_whole_words(window)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: _side_by_side(window))
    qtbot.waitUntil(lambda: home.common_area.width() > home.tree.width() * 1.3)


def test_a_text_size_chosen_on_another_page_reflows_home(qtbot, make_window):
    window = _bundled_window(make_window, (776, 576))
    qtbot.waitUntil(lambda: _side_by_side(window))
    window.navigate(Location(PROVISION, window.pack.provisions[0].provision_id))
    window.set_text_step(TEXT_STEP_MAX)
    window.go_home()
    qtbot.waitUntil(lambda: _assert_whole_words(window))


def test_a_larger_text_size_reflows_home_when_its_buttons_fit_the_page(qtbot, window):
    """Two buttons (the small pack's) leave the page its height whatever the text size: only the new size
    of the words tells Home to take one column."""
    window.resize(720, 576)
    qtbot.waitUntil(lambda: _side_by_side(window))
    window.set_text_step(TEXT_STEP_MAX)
    qtbot.waitUntil(lambda: _assert_whole_words(window))


def test_left_and_right_in_the_list_go_up_to_a_groups_heading_and_back_into_it(qtbot, window):
    """Help → Keyboard keys said ← / → "close / open a group of situations"; the groups are headings, always
    open (ScenarioTree), and ← / → go up to a situation's heading and back into its group, as Qt's trees do.
    The page now says what they do."""
    from PySide6.QtCore import Qt

    from desktop.ui import keys

    tree = window.home_page.tree
    model = tree.model()
    heading = model.index(0, 0)
    situation = model.index(0, 0, heading)
    tree.setCurrentIndex(situation)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Left)
    assert tree.currentIndex() == heading and tree.isExpanded(heading), "up to its heading; the group stays open"
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    assert tree.currentIndex() == situation
    (said,) = [line.does for _title, lines in keys.sections() for line in lines if line.keys == keys.GROUP]
    assert "heading" in said and "close" not in said
