"""A valid, signed pack at the schema's limits: the officer window at 800 × 600 and the largest text stays
readable. A word of 600 or 2,000 letters without a space (a pack may hold one) widened the provision page
and the outcome card past the window, so every line on them was cut off at the right, the warning about an
unverified rule too, with no way to scroll to the rest. Such a word now wraps anywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QClipboard, QContextMenuEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from desktop.domain import wizard
from desktop.ui.data_loading import load_data
from desktop.ui.settings import TEXT_STEP_MAX
from desktop.ui.widgets import LONGEST_WORD, WrapLabel, wrappable
from tests.hostile_cases import JOINED, LONG_WORD, STACKED, extreme_tables
from tests.ui.ui_helpers import settle


@pytest.fixture
def extreme_window(make_window, tmp_path: Path):
    path = tmp_path / "extreme.json"
    path.write_text(json.dumps(extreme_tables(), ensure_ascii=False), encoding="utf-8")
    data = load_data(str(path))
    assert data.loaded is not None and not data.failed, data
    window = make_window(data=data)
    window.resize(800, 600)
    window.set_text_step(TEXT_STEP_MAX)
    settle()
    return window


def _cut_off(window, page) -> list[str]:
    """The labels of ``page`` shown wider than the window: their words run past its right edge."""
    right = window.width()
    return [f"{label.objectName()} {label.text()[:40]!r} reaches x={label.mapTo(window, QPoint(label.width(), 0)).x()}"
            for label in page.findChildren(WrapLabel)
            if label.isVisibleTo(window) and label.text() and label.mapTo(window, QPoint(label.width(), 0)).x() > right]


def test_a_600_letter_word_leaves_the_provision_page_inside_the_window(extreme_window) -> None:
    extreme_window.open_provision("CHI-EO-2025-8")
    settle()
    page = extreme_window.provision_page
    assert any(label.text() == LONG_WORD[:600] for label in page.findChildren(WrapLabel))
    assert not _cut_off(extreme_window, page)


def test_a_2000_letter_answer_and_line_to_do_leave_the_step_and_the_card_inside_the_window(extreme_window) -> None:
    window = extreme_window
    assert window.start_scenario("S10")
    settle()
    assert not _cut_off(window, window.wizard_page)
    node = wizard.current_node(window.pack, window.wizard_page.state)
    assert node.choices[1].next == "o_no"
    QTest.keyClick(window.wizard_page, Qt.Key.Key_2)
    settle()
    card = window.wizard_page.card
    assert any(label.text() == LONG_WORD for label in card.findChildren(WrapLabel))
    assert not _cut_off(window, window.wizard_page)


def test_wrappable_breaks_only_long_runs_and_never_inside_a_letter() -> None:
    assert wrappable("Unterbringungsverweigerungsrecht is long") == "Unterbringungsverweigerungsrecht is long"
    word = "x" * (LONGEST_WORD + 1)
    assert wrappable(word).replace("\u200b", "") == word and "\u200b" in wrappable(word)
    for text in (STACKED, JOINED, "👮🏽‍♀️" * 30):
        shown = wrappable(text)
        for at, ch in enumerate(shown):
            if ch == "\u200b":  # never before an accent, a joiner or a selector, never after a joiner
                assert shown[at + 1] not in "\u200d\ufe0f" and not 0x300 <= ord(shown[at + 1]) <= 0x36F
                assert shown[at - 1] != "\u200d"


def test_wrappable_keeps_a_skin_tone_and_a_flag_with_their_emoji() -> None:
    """A zero-width space before a skin tone showed the officer emoji and a brown square apart; between a flag's
    two letters, two letters in boxes."""
    for text, parts in (("👮🏽‍♀️" * 30, 5), ("a" + "🇺🇸" * 30, 2), ("🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f" * 10, 7)):
        shown = wrappable(text)
        assert "\u200b" in shown and shown.replace("\u200b", "") == text
        start = 1 if text.startswith("a") else 0
        for piece in shown[start:].split("\u200b"):  # each piece is whole emoji
            assert len(piece) % parts == 0, [hex(ord(ch)) for ch in piece[:8]]


def _selectable_label(qtbot, text: str) -> WrapLabel:
    label = WrapLabel(text)
    label.set_selectable()
    qtbot.addWidget(label)
    label.resize(300, 400)
    label.show()
    qtbot.waitExposed(label)
    QTest.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))  # armed, with the focus
    assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    return label


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")  # the menu
def test_words_copied_from_a_wrapped_long_word_are_the_words_as_written(qtbot) -> None:
    """An officer copying a long reference (a path, a hash) from the answer pasted it with a zero-width space every
    16 letters: it looked the same and matched nothing. Astral letters before the selection move Qt's count."""
    path = r"C:\ProgramData\EncounterGuide\inbox\encounter-guide-2026-12-01-signed.json"
    text = f"𝐀𝐁 Put {path} back."
    label = _selectable_label(qtbot, text)
    assert label.text() == text and len(label.text()) > LONGEST_WORD
    shown = wrappable(text)
    assert shown != text
    start16 = len(shown[: shown.index("C:")].encode("utf-16-le")) // 2
    label.setSelection(start16, len(shown[shown.index("C:") : shown.index(" back")].encode("utf-16-le")) // 2)
    assert "\u200b" in label.selectedText()  # what shows lets the path wrap
    QApplication.clipboard().clear()
    QTest.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == path

    label.setSelection(0, len(shown.encode("utf-16-le")) // 2)

    def copy_from_menu() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        copy = next(action for action in menu.actions() if action.text().replace("&", "").startswith("Copy"))
        copy.trigger()
        menu.close()

    QApplication.clipboard().clear()
    QApplication.sendEvent(label, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(2, 2),
                                                    label.mapToGlobal(QPoint(2, 2))))
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    copy_from_menu()
    assert QApplication.clipboard().text() == text


class _X11Clipboard:
    """The clipboard of an X11 desktop, where a middle click pastes what the mouse last selected (QClipboard's
    Selection mode). Qt's offscreen platform has no such selection: this one keeps it, and Qt's own write of the
    words as shown (the xcb platform's, seen under Xvfb) is played by the test."""

    def __init__(self) -> None:
        self.texts = {QClipboard.Mode.Clipboard: "", QClipboard.Mode.Selection: ""}

    def supportsSelection(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def text(self, mode: QClipboard.Mode = QClipboard.Mode.Clipboard) -> str:
        return self.texts[mode]

    def setText(self, text: str, mode: QClipboard.Mode = QClipboard.Mode.Clipboard) -> None:  # noqa: N802 (Qt API)
        self.texts[mode] = text


def test_words_selected_from_a_wrapped_long_word_paste_by_middle_click_as_written(qtbot, monkeypatch) -> None:
    """On X11 a middle click pastes what the mouse selected: Qt puts it on the PRIMARY selection as shown, and a
    path selected in a label pasted with a zero-width space every 16 letters (only Ctrl+C and the menu's Copy gave
    the words as written). The mouse's release and double click now put the words as written there too."""
    path = r"C:\ProgramData\EncounterGuide\inbox\encounter-guide-2026-12-01-signed.json"
    text = f"Put {path} back."
    label = _selectable_label(qtbot, text)
    shown = wrappable(text)
    label.setSelection(shown.index("C:"), shown.index(" back") - shown.index("C:"))
    assert "\u200b" in label.selectedText()
    board = _X11Clipboard()
    monkeypatch.setattr(QGuiApplication, "clipboard", lambda: board)
    board.texts[QClipboard.Mode.Selection] = label.selectedText()  # what Qt's xcb platform puts there
    QTest.mouseRelease(label, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert board.text(QClipboard.Mode.Selection) == path
    assert board.text() == ""  # the clipboard itself is Ctrl+C's and Copy's
    board.texts[QClipboard.Mode.Selection] = "words another window selected since"
    QTest.mouseRelease(label, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert board.text(QClipboard.Mode.Selection) == "words another window selected since"


def test_a_screen_reader_reads_a_wrapped_long_word_as_written(qtbot) -> None:
    """The zero-width spaces that let a long word wrap were read out too (the label's name is its shown text)."""
    text = "Hash " + "0123456789abcdef" * 4
    label = WrapLabel(text)
    qtbot.addWidget(label)
    spoken = QAccessible.queryAccessibleInterface(label)
    assert spoken.text(QAccessible.Text.Name) == text
    label.setText("Short words")
    assert spoken.text(QAccessible.Text.Name) == "Short words"
    label.setAccessibleName("A name of its own")
    label.setText(text)
    assert spoken.text(QAccessible.Text.Name) == "A name of its own"


def test_words_joined_by_no_break_spaces_wrap_like_one_long_word(qtbot) -> None:
    """A no-break space joins its words, so 1,300 letters of "Do\u00a0not\u00a0hold\u00a0…" (text pasted from a
    word processor, or a pack made to do it) were one word: the label 7,349 pixels wide at its narrowest."""
    text = "Do\u00a0not\u00a0hold\u00a0" * 100
    label = WrapLabel(text)
    qtbot.addWidget(label)
    assert label.minimumSizeHint().width() < 400, label.minimumSizeHint()
    assert label.text() == text
    assert wrappable("Do not hold " * 100) == "Do not hold " * 100  # ordinary spaces: nothing added
