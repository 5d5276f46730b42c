"""The scenarios by category (Home's "All situations" and the playlist's full list): every title wraps in
full, and each row is as tall as the lines it paints, no blank line below."""

from __future__ import annotations

import pytest

from desktop.domain.playlist import Playlist
from desktop.ui.data_loading import load_data
from desktop.ui.playlist_dialog import PlaylistDialog
from desktop.ui.themes import Themes
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


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_playlist_rows_are_as_tall_as_their_lines(qtbot, bundled):
    ids = tuple(s.scenario_id for s in bundled.pack.scenarios if not s.subflow)[:8]
    dialog = PlaylistDialog(bundled.pack, Playlist("Week 3", ids))
    qtbot.addWidget(dialog)
    dialog.setStyleSheet(Themes().style_sheet("night", 0))
    dialog.resize(1000, 3000)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(1)
    assert check_scenario_rows(dialog.all_view) > 30
    assert check_scenario_rows(dialog.view) == len(ids)  # the class's list (a flat list)
