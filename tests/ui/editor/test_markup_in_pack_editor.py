"""The editor on a pack whose words are markup: its outline's, logic map's and problems' tips show the words as
written (tests/ui/test_markup_in_pack.py has the officer's window and why)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsView, QMessageBox

from desktop.ui.editor import open_editor
from desktop.ui.editor.window import EditorWindow
from desktop.ui.settings import Settings
from desktop.ui.widgets import ask_replace
from tests.hostile_cases import markup_tables
from tests.ui.test_markup_in_pack import TAG, _shown, _tip_markup_read_aloud, _tips


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
        assert not _tip_markup_read_aloud(window)  # the logic map's title was described as its tip's markup
    assert len(found) > 10, found
    for tip in found:
        assert TAG in _shown(tip), tip[:120]


def test_a_file_named_as_markup_shows_as_written_in_the_editor(make_editor: Callable[..., EditorWindow],
                                                                mini_pack_path: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A pack file a supervisor was sent, named "<b>B.json", showed in the editor's tip of its name and in its
    message boxes as rich text ("B.json", bold; an "<img src=…>" name read that picture): the IT folder's note had
    the same fault (tests/ui/test_markup_in_pack.py). Its name in the status bar was bold "B.json" too."""
    path = tmp_path / "<b>B.json"
    path.write_bytes(mini_pack_path.read_bytes())
    window = make_editor(path)
    assert _shown(window.file_label.toolTip()) == str(path)
    assert window.file_label.text() == path.name and window.file_label.textFormat() == Qt.TextFormat.PlainText

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_a, **_k: told.append(text))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or QMessageBox.StandardButton.No)
    window.warn_stale_signature(path, path.with_name(path.name + ".sig"))
    broken = tmp_path / "<b>broken.json"
    broken.write_text("{", encoding="utf-8")
    assert open_editor(None, broken, Settings(tmp_path / "settings.ini")) is None
    assert not ask_replace(window, path)
    assert len(told) == 3, told
    for text, name in zip(told, (path.name, broken.name, path.name), strict=True):
        assert _shown(text).startswith(name), text[:120]
