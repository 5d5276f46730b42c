"""A signed pack whose words are markup: every word shows as written, nothing it names is read.

Qt shows a label, a tool tip or a message box as rich text when a tag starts its first line ("<b>",
"<img src=…>"). Labels were already plain; tool tips were not: a scenario's title "<img src=/path/x.png> …"
read that file as the pointer rested on its Home button, and showed the picture (on Windows a share's
path, //server/x.png, goes to the network). See build_scripts/HOSTILE.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractListModel, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QImage, QTextDocument
from PySide6.QtGui import Qt as QtGui
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QPushButton, QToolTip, QWidget

from desktop.domain import wizard
from desktop.ui.data_loading import load_data
from desktop.ui.widgets import plain_tip, set_plain_tip
from tests.hostile_cases import markup_tables

TAG = "<b>B</b>"  # in every word of the pack (tests/hostile_cases.py: markup_tables)


def _markup_pack(tmp_path: Path, image: Path) -> Path:
    path = tmp_path / "markup.json"
    path.write_text(json.dumps(markup_tables(f"<img src={image}>"), ensure_ascii=False), encoding="utf-8")
    return path


def _picture(tmp_path: Path) -> Path:
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    path = tmp_path / "probe.png"
    assert image.save(str(path))
    return path


def _row_tips(model: Any, parent: Any, tips: list[str]) -> None:
    columns = 1 if isinstance(model, QAbstractListModel) else max(1, model.columnCount(parent))
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            tips.append(model.index(row, column, parent).data(Qt.ItemDataRole.ToolTipRole) or "")
        _row_tips(model, model.index(row, 0, parent), tips)


def _tips(root: QWidget) -> list[str]:
    """Every tool tip ``root`` can show that holds the pack's words: its widgets' own and its item views' rows'."""
    tips = [w.toolTip() for w in [root, *root.findChildren(QWidget)]]
    for view in root.findChildren(QAbstractItemView):
        if view.model() is not None:
            _row_tips(view.model(), view.rootIndex(), tips)
    return [t for t in tips if isinstance(t, str) and (TAG in t or "&lt;b&gt;" in t)]


def _shown(tip: str) -> str:
    """The words a tip shows: itself, or the text of the rich text Qt makes of it (no tag of the pack in it)."""
    if not QtGui.mightBeRichText(tip):
        return tip
    assert "<img" not in tip.casefold() and TAG not in tip, f"shown as markup: {tip[:120]!r}"
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def _sweep(window, found: list[str]) -> None:
    found += _tips(window)
    for label in window.findChildren(QLabel):
        if TAG in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, (label.objectName(), label.text()[:80])


def test_markup_in_every_word_shows_as_written_in_every_tip(make_window, tmp_path: Path) -> None:
    """Home, every scenario walked to each outcome, every provision, search: each tip holding the pack's words
    shows them as written, "<b>B</b>" and all."""
    data = load_data(str(_markup_pack(tmp_path, _picture(tmp_path))))
    assert data.loaded is not None and not data.failed
    window = make_window(data=data)
    pack = window.pack
    found: list[str] = []
    _sweep(window, found)
    for scenario in pack.scenarios:
        for path in wizard.enumerate_paths(pack, scenario.scenario_id):
            assert window.start_scenario(scenario.scenario_id)
            for key in path.keys:
                node = wizard.current_node(pack, window.wizard_page.state)
                QTest.keyClick(window.wizard_page, getattr(Qt.Key, f"Key_{[c.key for c in node.choices].index(key) + 1}"))
                _sweep(window, found)
    for provision in pack.provisions:
        window.open_provision(provision.provision_id)
        _sweep(window, found)
    assert len(found) > 20, found  # the titles on Home, in the list, above each step, the answers so far
    for tip in found:
        assert TAG in _shown(tip), tip[:120]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tooltip, offscreen
def test_a_tip_naming_a_picture_does_not_show_it(make_window, qtbot, tmp_path: Path) -> None:
    """The pointer resting on a Home button whose title is "<img src=…> …": the tip is one line of words, not
    the 400 × 300 picture read from the disk."""
    data = load_data(str(_markup_pack(tmp_path, _picture(tmp_path))))
    window = make_window(data=data)
    button = window.home_page.buttons[0]
    assert "<img src=" in button.toolTip() or "&lt;img src=" in button.toolTip()
    centre = QPoint(button.width() // 2, button.height() // 2)
    QApplication.sendEvent(button, QHelpEvent(QHelpEvent.Type.ToolTip, centre, button.mapToGlobal(centre)))
    tips = []
    qtbot.waitUntil(lambda: bool(tips.extend(w for w in QApplication.topLevelWidgets()
                                             if w.inherits("QTipLabel") and w.isVisible()) or tips))
    tip = tips[0]
    QToolTip.hideText()
    assert tip.height() < 150, tip.size()  # the picture alone is 300 pixels high
    assert "<img src=" in _shown(tip.text())


def test_plain_tip_keeps_words_without_markup_as_they_are() -> None:
    assert plain_tip("Detainer (I-247A)\nsecond line") == "Detainer (I-247A)\nsecond line"
    assert _shown(plain_tip("<qt>a</qt> &lt; 1 & 2\nnext")) == "<qt>a</qt> &lt; 1 & 2\nnext"


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the notice box, offscreen
def test_a_file_named_as_markup_in_the_it_folder_shows_as_written(make_window, qtbot, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Anyone who can drop a file in the watched folder names it: "<img src=probe.png><b>bold….json" (a name holds
    no slash, so the picture is one beside the app's working folder). The IT note's tip and the box its More
    opens show the name as written; the box drew the picture before."""
    from desktop.storage.library import InboxResult

    monkeypatch.chdir(tmp_path)
    _picture(tmp_path)
    name = "<img src=probe.png><b>bold update-signed-by-district-with-a-long-name.json"  # no "/": no "</b>"
    window = make_window()
    window._add_inbox_banner([InboxResult(tmp_path / f"{n}{name}", "ignored", "untrusted", reason="signature")
                              for n in range(3)])
    window.resize(800, 600)
    banner = next(b for b in window.banners if b.objectName() == "inboxBanner")
    assert "<img src=probe.png><b>bold" in _shown(banner.toolTip())
    more = next(b for b in banner.findChildren(QPushButton, "noticeMoreButton"))
    qtbot.waitUntil(more.isVisible)
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.notice_box is not None and window.notice_box.isVisible())
    label = window.notice_box.findChild(QLabel, "qt_msgbox_label")
    assert "<img src=probe.png><b>bold" in label.text() and label.textFormat() == Qt.TextFormat.PlainText
    window.notice_box.close()


def _tip_markup_read_aloud(root: QWidget) -> list[str]:
    """The widgets of ``root`` whose screen-reader description is their tip's escaped markup (Qt reads a widget's
    tip as its description where it has none of its own)."""
    from PySide6.QtGui import QAccessible

    said = []
    for widget in [root, *root.findChildren(QWidget)]:
        if plain_tip(widget.toolTip()) == widget.toolTip():
            continue  # a tip without markup
        spoken = QAccessible.queryAccessibleInterface(widget)
        description = spoken.text(QAccessible.Text.Description) if spoken is not None else ""
        if "white-space" in description or "&lt;" in description:
            said.append(f"{type(widget).__name__} {widget.objectName()}: {description[:80]}")
    return said


def test_a_screen_reader_reads_a_tip_s_words_not_its_markup(make_window, tmp_path: Path) -> None:
    """plain_tip escapes a tip holding "<" or "&" (a title "Agents at the door & no warrant"): the wizard's title,
    the pack's line in the status bar, a folded notice, where they had no description of their own, were described
    to a screen reader as "<p style='white-space:pre-wrap'>Agents at the door &amp; no warrant</p>"."""
    data = load_data(str(_markup_pack(tmp_path, _picture(tmp_path))))
    window = make_window(data=data)
    pack = window.pack
    said = _tip_markup_read_aloud(window)
    scenario = pack.scenarios[0]
    path = wizard.enumerate_paths(pack, scenario.scenario_id)[0]
    assert window.start_scenario(scenario.scenario_id)
    said += _tip_markup_read_aloud(window)
    for key in path.keys:
        node = wizard.current_node(pack, window.wizard_page.state)
        QTest.keyClick(window.wizard_page, getattr(Qt.Key, f"Key_{[c.key for c in node.choices].index(key) + 1}"))
        said += _tip_markup_read_aloud(window)
    assert not said, said
    from PySide6.QtGui import QAccessible

    title = window.wizard_page.title_label
    assert TAG in QAccessible.queryAccessibleInterface(title).text(QAccessible.Text.Description)
    set_plain_tip(title, "Words without markup")  # the tip is read as the description again, as before
    assert QAccessible.queryAccessibleInterface(title).text(QAccessible.Text.Description) == "Words without markup"
    own = QLabel()
    own.setAccessibleDescription("A description of its own")
    set_plain_tip(own, "ICE & CBP")
    assert own.accessibleDescription() == "A description of its own"
