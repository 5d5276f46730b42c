"""The trainer's and supervisor's dialogs carry words on their buttons, never the desktop's stock icons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QProxyStyle, QStyle, QWidget

from desktop.storage.publish import read_tables
from desktop.ui.editor.document import EditorDocument
from desktop.ui.editor.fields import NewIdDialog, NewScenarioDialog, PickerDialog
from desktop.ui.editor.publish_dialog import PublishDialog
from desktop.ui.editor.window import EditorWindow
from desktop.ui.quiz_window import ask_discard  # the real one: tests/ui/conftest.py replaces it for every test
from desktop.ui.widgets import ask_replace
from tests.conftest import MINI_PACK


class _DesktopLook(QProxyStyle):
    """Fusion as a Linux desktop's platform theme runs it: standard dialog buttons get stock icons."""

    def styleHint(self, hint, option=None, widget=None, data=None):  # noqa: N802 (Qt API)
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, data)


@pytest.fixture
def desktop_look(qapp):
    before = QApplication.style().name()
    QApplication.setStyle(_DesktopLook("Fusion"))
    yield
    QApplication.setStyle(before)


def test_publish_and_choose_show_no_stock_icons(qtbot, desktop_look):
    """On a Linux desktop Publish had a green tick and Cancel a red cross from the desktop's icon theme, unlike
    every other button of the app (words only) and dim beside the words in the night theme."""
    publish = PublishDialog(lambda *_args: None, 4, Path("pack-v4.json"), Path("key.pem"), dt.date(2026, 5, 1),
                            as_of=dt.date(2026, 4, 1), draft_version=3)
    picker = PickerDialog("Choose a provision", [("P1", "One"), ("P2", "Two")])
    for dialog in (publish, picker):
        qtbot.addWidget(dialog)
        buttons = dialog.buttons.buttons()
        assert len(buttons) == 2
        assert all(button.icon().isNull() for button in buttons), [b.text() for b in buttons if not b.icon().isNull()]


def test_the_new_record_dialogs_show_no_stock_icons(qtbot, desktop_look):
    """+ Provision's id and + Scenario's category are asked in dialogs of one make: "New scenario" came with the
    desktop's tick and cross on Add scenario and Cancel, where New provision beside it had words only."""
    document = EditorDocument(read_tables(MINI_PACK))
    for dialog in (NewIdDialog(document, "provisions"), NewScenarioDialog(document, "S11")):
        qtbot.addWidget(dialog)
        buttons = dialog.buttons.buttons()
        assert len(buttons) == 2 and dialog.add_button in buttons
        assert all(button.icon().isNull() for button in buttons), [b.text() for b in buttons if not b.icon().isNull()]


def test_the_handout_chooser_shows_no_stock_icons(qtbot, desktop_look, make_window):
    """Data → Training → Scenario handout: "Make handout…" and Cancel, words only (it took its icons off button by
    button before the helper, untested)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.ui import presentation_window as pw

    window = make_window()
    icons: list[bool] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert dialog is not None and dialog.objectName() == "handoutChooser"
            icons.extend(button.icon().isNull() for button in dialog.findChild(QDialogButtonBox).buttons())
        finally:
            if dialog is not None:
                dialog.reject()

    QTimer.singleShot(0, look)
    assert pw._choose_scenario(window, window.pack) is None
    assert icons == [True, True]


def test_the_questions_show_no_stock_icons(qtbot, desktop_look, monkeypatch, tmp_path):
    """"Discard the quiz's answers?", "Replace the file?" and the editor's "Unsaved changes" were Qt's own question
    box: the desktop's stock icons on Discard, Cancel, Save, Yes and No, unlike every other dialog of the app."""
    def stock(*_args, **_kwargs):
        raise AssertionError("Qt's own question box, with the desktop's icons")

    asked: list[tuple[str, list[str], list[str]]] = []

    def run(box: QMessageBox) -> QMessageBox.StandardButton:
        buttons = box.buttons()
        asked.append((box.windowTitle(), [b.text() for b in buttons], [b.text() for b in buttons if not b.icon().isNull()]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", staticmethod(stock))
    monkeypatch.setattr(QMessageBox, "exec", run)
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.document = type("Document", (), {"display_name": "draft.json"})()  # what ask_unsaved names
    assert not ask_discard(parent, 3)
    assert not ask_replace(parent, tmp_path / "week 3.pdf")
    assert EditorWindow.ask_unsaved(parent) == QMessageBox.StandardButton.Cancel  # type: ignore[arg-type]
    assert [title for title, _words, _with_icons in asked] == ["Discard the quiz's answers?", "Replace the file?",
                                                                "Unsaved changes"]
    for title, words, with_icons in asked:
        assert len(words) >= 2 and not with_icons, (title, with_icons)
