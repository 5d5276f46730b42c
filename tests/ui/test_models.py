"""Every item model passes Qt's model tester, empty, filled and after a reset."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from desktop.domain.search import SearchIndex
from desktop.ui.scenario_list_model import (
    COL_TITLE,
    IsCategoryRole,
    ScenarioIdRole,
    ScenarioListModel,
    SubflowRole,
)
from desktop.ui.search_results_model import (
    COL_CITATION,
    COL_KIND,
    COL_SNIPPET,
    COLUMN_COUNT,
    HitRole,
    IdRole,
    SearchResultsModel,
)


def test_scenario_list_model(qtmodeltester, mini_pack):
    model = ScenarioListModel()
    qtmodeltester.check(model)
    model.set_pack(mini_pack)
    qtmodeltester.check(model)
    categories = [model.index(r, COL_TITLE).data() for r in range(model.rowCount())]
    assert categories == [
        "Warrants and papers",
        "Custody and detainers",
        "City and public property",
        "Force, crowds and protests",
    ]
    custody = model.index(1, COL_TITLE)
    assert custody.data(IsCategoryRole) is True
    assert not custody.flags() & Qt.ItemFlag.ItemIsSelectable
    s08 = model.index(0, COL_TITLE, custody)
    assert s08.data(ScenarioIdRole) == "S08" and s08.data(SubflowRole) is False
    assert s08.parent() == custody
    paper = model.index_of("PAPER")
    assert paper.data(SubflowRole) is True
    assert paper.data() == f"{mini_pack.scenario('PAPER').title}  ·  shared step", "trainers see shared steps marked"
    assert ScenarioListModel(mini_pack, mark_shared=False).index_of("PAPER").data() == mini_pack.scenario("PAPER").title
    assert not model.index_of("NOPE").isValid()
    model.set_pack(None)
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_scenario_list_model_on_the_bundled_pack(qtmodeltester, bundled):
    model = ScenarioListModel(bundled.pack)
    qtmodeltester.check(model)
    ids = [
        model.index(r, 0, model.index(g, 0)).data(ScenarioIdRole)
        for g in range(model.rowCount())
        for r in range(model.rowCount(model.index(g, 0)))
    ]
    assert sorted(ids) == sorted(s.scenario_id for s in bundled.pack.scenarios)


def test_search_results_model(qtmodeltester, mini_pack):
    model = SearchResultsModel()
    qtmodeltester.check(model)
    hits = SearchIndex(mini_pack).search("warrant")
    model.set_hits(hits)
    qtmodeltester.check(model)
    assert model.rowCount() == len(hits) and model.columnCount() == COLUMN_COUNT
    first = model.index(0, 0)
    assert first.data(HitRole) == hits[0] and first.data(IdRole) == hits[0].id
    assert model.index(0, COL_KIND).data() in {"Situation", "Rule", "Term"}
    assert model.index(0, COL_CITATION).data() == hits[0].citation
    assert model.index(0, COL_SNIPPET).data() == hits[0].snippet
    assert model.rowCount(first) == 0 and model.columnCount(first) == 0
    assert model.data(QModelIndex()) is None
    model.set_hits([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0
