"""The editor on a pack whose words are markup: its outline's, logic map's and problems' tips show the words as
written (tests/ui/test_markup_in_pack.py has the officer's window and why)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QGraphicsView

from desktop.ui.editor.window import EditorWindow
from tests.hostile_cases import markup_tables
from tests.ui.test_markup_in_pack import TAG, _shown, _tips


def test_editor_tips_show_markup_as_written(make_editor: Callable[..., EditorWindow], tmp_path: Path) -> None:
    tables = markup_tables()
    next(iter(tables["provisions"].values()))["summary"] = ""  # a problem, so the problems panel has a row
    path = tmp_path / "markup.json"
    path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    window = make_editor(path)
    found = _tips(window)
    for key, scenario in tables["scenarios"].items():
        window.select(("scenarios", key))
        found += _tips(window)
        for view in window.findChildren(QGraphicsView):
            found += [i.toolTip() for i in view.scene().items() if TAG in i.toolTip() or "&lt;b&gt;" in i.toolTip()]
        assert any(scenario["title"].removeprefix("<img src=//example.invalid/x.png>") in _shown(t) for t in found)
    assert len(found) > 10, found
    for tip in found:
        assert TAG in _shown(tip), tip[:120]
