"""The logic map as a supervisor reads it: its boxes apart, their words inside them, and words that grow with the
text size as the rest of the editor's do (at the largest text they stayed 10-12 px beside 22-px forms)."""

from __future__ import annotations

import pytest

from desktop.domain import editing
from desktop.storage.publish import read_tables
from desktop.ui.editor.logic_map import LogicMapPanel
from desktop.ui.settings import TEXT_STEP_MAX
from desktop.ui.themes import Themes
from tests.conftest import BUNDLED_PACK

#: the first scenario, the one with the most boxes of the bundled pack's situations and one of the last
SCENARIOS = ("S01", "S08", "S31")


def _panel(qtbot, theme: str, step: int, size: tuple[int, int] = (620, 520)) -> LogicMapPanel:
    panel = LogicMapPanel()
    qtbot.addWidget(panel)
    panel.setStyleSheet(Themes().editor_style_sheet(theme, step))
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _draw(panel: LogicMapPanel, scenario_id: str) -> None:
    tables = read_tables(BUNDLED_PACK)
    key = editing.find_record(tables, "scenarios", scenario_id)
    titles = {str(d.get("scenario_id")): str(d.get("title", "")) for _, d in editing.records(tables, "scenarios")}
    panel.show_scenario(editing.get(tables, ("scenarios", key)), key, titles, {},
                        entries=editing.entry_nodes(tables, scenario_id))


def _word_pixels(panel: LogicMapPanel) -> float:
    """How tall a box's words are on the screen as the map first shows: their type times the view's scale."""
    box = next(iter(panel.view.boxes.values()))
    return box.body.font().pixelSize() * panel.view.transform().m11()


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_map_words_grow_with_the_text_size(qtbot, theme):
    normal, largest = _panel(qtbot, theme, 0), _panel(qtbot, theme, TEXT_STEP_MAX)
    for panel in (normal, largest):
        _draw(panel, "S01")
    grown = _word_pixels(largest) / _word_pixels(normal)
    type_grown = largest.view.font().pixelSize() / normal.view.font().pixelSize()
    assert grown == pytest.approx(type_grown, rel=0.02)  # 1.0 before: the map's words kept their size
    assert largest.zoom_label.text() == normal.zoom_label.text()  # 100 % is life size at the text size
    # and the whole map still fits the view with Fit
    largest.view.fit()
    shown = largest.view.mapFromScene(largest.view.sceneRect()).boundingRect()
    assert largest.view.viewport().rect().adjusted(-2, -2, 2, 2).contains(shown)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_map_boxes_apart_and_their_words_inside(qtbot, scenario_id):
    panel = _panel(qtbot, "contrast", TEXT_STEP_MAX)
    _draw(panel, scenario_id)
    boxes = list(panel.view.boxes.values())
    assert len(boxes) >= 3
    rects = [box.sceneBoundingRect() for box in boxes]
    for n, rect in enumerate(rects):
        assert not any(rect.intersects(other) for other in rects[n + 1:]), boxes[n].ident
    for box in boxes:
        for words in (box.header, box.body):
            # QGraphicsTextItem's document margin (4 px) lies outside the words themselves
            assert box.sceneBoundingRect().contains(words.sceneBoundingRect().adjusted(4, 4, -4, -4)), box.ident
    labels = [edge.text.sceneBoundingRect().adjusted(1, 2, -1, -2) for edge in panel.view.edges if edge.text]
    for n, label in enumerate(labels):
        assert not any(label.intersects(other) for other in labels[n + 1:])
        assert not any(label.intersects(rect) for rect in rects)
