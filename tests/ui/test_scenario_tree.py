"""Home's "All situations": every title wraps in full, and each row is as tall as the lines it paints, no
blank line below (the playlist's lists: tests/ui/test_playlist_dialog.py)."""

from __future__ import annotations

import pytest

from desktop.ui.data_loading import load_data
from tests.conftest import BUNDLED_PACK
from tests.ui.ui_helpers import check_scenario_rows


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.parametrize(("theme", "step", "width"), [("day", 6, 1024), ("contrast", -2, 1024), ("night", 0, 1366)])
def test_home_rows_are_as_tall_as_their_lines(qtbot, make_window, theme, step, width):
    window = make_window(data=load_data(str(BUNDLED_PACK)))
    window.set_theme(theme)
    window.set_text_step(step)
    window.resize(width, 600)
    qtbot.wait(1)
    tree = window.home_page.tree
    tree.setFixedHeight(5000)  # every row laid out, not only those on screen
    qtbot.wait(1)
    assert check_scenario_rows(tree) > 30
