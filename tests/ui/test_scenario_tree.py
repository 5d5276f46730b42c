"""Home's "All situations": every title wraps in full, and each row is as tall as the lines it paints, no
blank line below (the playlist's lists: tests/ui/test_playlist_dialog.py)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QFontMetrics

from desktop.ui.data_loading import load_data
from desktop.ui.scenario_tree import ROW_PADDING
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
def test_a_category_of_sixty_letters_with_no_space_shows_whole_at_the_largest_text(qtbot, make_window, tmp_path,
                                                                                     monkeypatch):
    """A category may be 60 characters (editing.CATEGORY_MOST), one word if the supervisor typed it so: at the largest
    text on 800 × 600 Home's list showed "WWWWWWWWWWW…", the rest cut off. A word wider than the list breaks where it
    must, every letter painted (the style cuts with "…" a line wider than its room); other words still break at
    spaces only. Only a row with such a word is looked at word by word: looking at every word of every row cost the
    list's layout half as much again, at every start."""
    from PySide6.QtGui import QTextLayout, QTextOption
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    from desktop.domain.editing import CATEGORY_MOST
    from desktop.storage.pack_file import load_pack
    from desktop.ui import scenario_tree
    from desktop.ui.data_loading import DataState
    from desktop.ui.scenario_list_model import IsCategoryRole
    from desktop.ui.settings import TEXT_STEP_MAX

    long_one = "W" * CATEGORY_MOST
    looked_at: list[str] = []
    word_by_word = scenario_tree._words_broken_to_fit
    monkeypatch.setattr(scenario_tree, "_words_broken_to_fit",
                        lambda text, *rest: looked_at.append(text) or word_by_word(text, *rest))
    tables = json.loads(BUNDLED_PACK.read_text(encoding="utf-8"))
    for scenario in tables["scenarios"].values():
        if scenario["category"] == "Stops and patrol":
            scenario["category"] = long_one
    pack = tmp_path / "pack.json"
    pack.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    window = make_window(data=DataState(load_pack(pack)), with_index=False)
    window.set_text_step(TEXT_STEP_MAX)
    window.resize(800, 600)
    tree = window.home_page.tree
    model = tree.model()
    index = next(model.index(row, 0) for row in range(model.rowCount()) if model.index(row, 0).data() == long_one)
    assert index.data(IsCategoryRole)
    tree.scrollTo(index)
    qtbot.waitUntil(lambda: tree.visualRect(index).height() > 0)

    option = QStyleOptionViewItem()
    option.initFrom(tree)
    option.font = tree.font()
    option.rect = tree.visualRect(index)
    tree.itemDelegate().initStyleOption(option, index)
    room = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, tree).width() - 2 * (
        tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, tree) + 1)
    assert QFontMetrics(option.font).horizontalAdvance(long_one) > room, "the test's word is wider than the list"
    layout = QTextLayout(option.text, option.font)  # as the style lays out a row's words (word wrap)
    text_option = QTextOption()
    text_option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(text_option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(room)
        lines.append((line.textStart(), line.textLength(), line.naturalTextWidth()))
    layout.endLayout()
    assert len(lines) > 1 and all(width <= room for *_span, width in lines), (room, lines)
    assert option.text.replace("\u200b", "") == long_one, "every letter, nothing added that shows"
    assert tree.visualRect(index).height() >= layout.boundingRect().height() + ROW_PADDING, "every line in the row"
    assert check_scenario_rows(tree) > 30  # the other rows as tall as their lines still
    assert set(looked_at) == {long_one}, "only the row with a word wider than the list, looked at word by word"

    words = "Victims, residents and officer conduct"  # words that fit: not broken inside
    assert tree.itemDelegate()._view is tree
    assert word_by_word(words, option.font, room) == words
