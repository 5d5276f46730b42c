"""Help → Report a problem with this screen, clicked through from a real question, answer, provision and search: the
dialog shows the whole report as it will be, live; it is saved only where the officer picks, copied only when they
press Copy, and nothing at all is written by making, copying or cancelling one."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QPlainTextEdit, QWidget

from desktop.domain import problem_report as pr
from desktop.ui import keys, report_dialog
from desktop.ui.history import PROVISION, Location
from desktop.ui.report_dialog import ReportDialog
from desktop.ui.settings import TEXT_STEP_MAX, TEXT_STEP_MIN
from tests.ui.ui_helpers import check_box_marks

WORDS = "The answer says release but the sergeant says otherwise"


def _open_by_key(qtbot, window) -> ReportDialog:
    window.activateWindow()
    qtbot.keySequence(window, QKeySequence(keys.REPORT[0]))  # the key Help → Keyboard keys names
    qtbot.waitUntil(lambda: window.findChild(ReportDialog) is not None and window.findChild(ReportDialog).isVisible())
    return window.findChild(ReportDialog)


def _at_question(qtbot, window):
    window.start_scenario("S08")
    with qtbot.waitSignal(window.wizard_page.state_changed):
        qtbot.mouseClick(window.wizard_page.answer_buttons[1], Qt.MouseButton.LeftButton)  # danger: No


def _at_answer(qtbot, window):
    _at_question(qtbot, window)
    with qtbot.waitSignal(window.wizard_page.outcome_reached):
        qtbot.mouseClick(window.wizard_page.answer_buttons[0], Qt.MouseButton.LeftButton)


def _preview(dialog: ReportDialog) -> str:
    return dialog.preview.text().replace("\u200b", "")


def test_from_a_question_the_report_shows_the_step_and_the_officers_words_as_they_type(qtbot, window, tmp_path,
                                                                                        monkeypatch):
    _at_question(qtbot, window)
    dialog = _open_by_key(qtbot, window)
    assert dialog.focusWidget() is dialog.comment
    shown = _preview(dialog)
    assert "Step: q_basis" in shown and "Is there any reason to hold the person other than the detainer?" in shown
    assert "Answers so far: not included" in shown and "Is anyone in immediate danger" not in shown
    assert pr.PRIVACY_WARNING in dialog.warning.text() and dialog.warning.isVisible()

    qtbot.keyClicks(dialog.comment, WORDS)
    assert WORDS in _preview(dialog)  # live, before anything is saved
    assert dialog.include_answers.isVisible() and not dialog.include_answers.isChecked()  # off unless ticked
    qtbot.mouseClick(dialog.include_answers, Qt.MouseButton.LeftButton)
    assert "1. Is anyone in immediate danger or hurt?" in _preview(dialog)

    target = tmp_path / "picked" / "report.txt"
    target.parent.mkdir()
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda _parent, suggested: str(target))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = target.read_text(encoding="utf-8")
    assert saved.replace("\n\n" + pr.BEGIN, "").startswith(_preview(dialog).split("\n\n" + pr.BEGIN)[0])
    report = pr.parse(saved)
    assert report.comment == WORDS and report.screen.node_id == "q_basis" and len(report.answers) == 1
    assert report.sha256 == window.data.loaded.sha256 and report.data_version == window.pack.meta.data_version
    assert not dialog.isVisible()
    assert str(target) in window.statusBar().currentMessage()


def test_from_an_answer_its_own_button_opens_the_report_and_copy_puts_it_on_the_clipboard(qtbot, window):
    _at_answer(qtbot, window)
    card = window.wizard_page.card
    assert card.report_button.height() >= 44
    qtbot.mouseClick(card.report_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(ReportDialog)
    assert dialog is not None and dialog.isVisible()
    shown = _preview(dialog)
    assert "Step: o_release" in shown and "Verdict: NOT PERMITTED" in shown and "5 ILCS 805/15(a)" in shown
    qtbot.keyClicks(dialog.comment, WORDS)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = pr.parse(QGuiApplication.clipboard().text())
    assert copied.comment == WORDS and copied.screen.kind == "outcome" and copied.answers is None
    assert window.statusBar().currentMessage() == "The report was copied."


def test_from_a_provision_and_from_search_results(qtbot, window):
    window.navigate(Location(PROVISION, "IL-TRUST-15a"))
    page = window.provision_page
    assert page.report_button.height() >= 44
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(ReportDialog)
    assert "Provision: IL-TRUST-15a" in _preview(dialog) and "Citation: 5 ILCS 805/15(a)" in _preview(dialog)
    assert not dialog.include_answers.isVisible() and not dialog.include_query.isVisible()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    qtbot.keyClicks(window.search_field, "detainer release")
    dialog = _open_by_key(qtbot, window)
    assert "detainer release" not in _preview(dialog) and "Search words: (not included)" in _preview(dialog)
    qtbot.mouseClick(dialog.include_query, Qt.MouseButton.LeftButton)
    assert "Search words: detainer release" in _preview(dialog)


def _tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
            for p in sorted(folder.rglob("*"))}


def test_making_copying_and_cancelling_a_report_writes_nothing_anywhere(qtbot, window, user_base, tmp_path,
                                                                          monkeypatch):
    """The app's data and config folders (and the home folder the Save dialog would start in) are byte for byte
    as they were: a report exists only where the officer saves it."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda *_args: pytest.fail("Save was not pressed"))
    _at_answer(qtbot, window)
    before, cwd_before = _tree(user_base), sorted(os.listdir())
    for leave in ("copy_button", "cancel_button"):
        dialog = _open_by_key(qtbot, window)
        qtbot.keyClicks(dialog.comment, WORDS)
        qtbot.mouseClick(dialog.include_answers, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(getattr(dialog, leave), Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
    assert _tree(user_base) == before
    assert sorted(os.listdir()) == cwd_before and not list(home.iterdir())
    assert WORDS not in "".join(p.read_text(errors="replace") for p in user_base.rglob("*") if p.is_file())


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_it_fits_a_small_screen_at_the_largest_text_with_touch_targets_and_names(qtbot, window, theme):
    window.resize(1024, 600)
    window.set_theme(theme)
    window.set_text_step(TEXT_STEP_MAX)
    _at_question(qtbot, window)
    dialog = _open_by_key(qtbot, window)
    qtbot.keyClicks(dialog.comment, WORDS)
    qtbot.waitUntil(lambda: dialog.scroll.widget().width() > 0)
    assert dialog.width() <= 1024 and dialog.height() <= 600
    scroll = dialog.scroll
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width(), "no sideways scrolling"
    for button in (dialog.save_button, dialog.copy_button, dialog.cancel_button):
        assert button.isVisible() and button.height() >= 44
        assert dialog.rect().contains(button.geometry()), f"{button.text()} is cut off"
    assert dialog.include_answers.height() >= 44
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, (QAbstractButton, QCheckBox, QPlainTextEdit)) and widget.isVisible():
            assert widget.accessibleName(), widget.objectName()
    assert dialog.comment.accessibleDescription() == pr.PRIVACY_WARNING  # heard with the box


@pytest.mark.parametrize("step", [TEXT_STEP_MIN, 0, TEXT_STEP_MAX])
@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_a_ticked_box_shows_a_tick_at_every_text_size(qtbot, window, theme, step):
    """"Include my answers so far" ticked was a box filled in the theme's accent, with no tick: to an officer a
    filled box may not read as "on". Ticked, it shows a tick that stands out from the fill; unticked, none."""
    window.set_theme(theme)
    window.set_text_step(step)
    _at_question(qtbot, window)
    box = _open_by_key(qtbot, window).include_answers
    unticked_box, unticked = check_box_marks(box)
    assert unticked == 0
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert box.isChecked()
    ticked_box, tick = check_box_marks(box)
    assert tick >= 0.1, f"no tick: {tick:.0%} of the box stands out from its fill"
    assert ticked_box.size() == unticked_box.size() and ticked_box.height() >= 24


def test_the_report_key_is_on_the_keyboard_keys_page_and_in_the_help_menu(window):
    assert window.report_action in window.help_menu.actions()
    assert [s.toString() for s in window.report_action.shortcuts()] == list(keys.REPORT)
    assert any(line.keys == keys.REPORT for line in keys.guide_keys())


def test_esc_closes_the_report_keeping_nothing_as_the_keys_page_says(qtbot, window, monkeypatch):
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda *_args: pytest.fail("Esc is not Save"))
    _at_answer(qtbot, window)
    dialog = _open_by_key(qtbot, window)
    qtbot.keyClicks(dialog.comment, WORDS)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    qtbot.keyClick(dialog.comment, Qt.Key.Key_Escape)  # from the box the officer writes in
    assert not dialog.isVisible()
    lines = [line.does for line in keys.guide_keys() if keys.CLOSE_DIALOG[0] in line.keys]
    assert any("problem report" in does for does in lines), lines


def test_a_screen_reader_hears_the_report_itself_not_a_name_over_it(qtbot, window):
    """Named "The report will hold exactly this", the preview was heard as its heading again, never its words."""
    from PySide6.QtGui import QAccessible

    _at_question(qtbot, window)
    dialog = _open_by_key(qtbot, window)
    qtbot.keyClicks(dialog.comment, WORDS)
    heard = QAccessible.queryAccessibleInterface(dialog.preview).text(QAccessible.Text.Name).replace("\u200b", "")
    assert WORDS in heard and "Step: q_basis" in heard


@pytest.mark.parametrize("what", ["pipe", "read-only", "link to a device"])
def test_a_report_not_saved_names_the_file_and_why_and_keeps_the_officers_words(qtbot, window, tmp_path, monkeypatch,
                                                                                  what):
    """Saved onto a pipe, a read-only file or a link to a device, the report said "Could not save the report: is a
    pipe (a FIFO), not a file." (the report read as the pipe, and which file was refused was not said). It names
    the file chosen now; the dialog stays open with the officer's words, and what was there is as it was."""
    _at_question(qtbot, window)
    dialog = _open_by_key(qtbot, window)
    qtbot.keyClicks(dialog.comment, WORDS)
    target = tmp_path / "report to IT.txt"
    if what == "pipe":
        os.mkfifo(target)
    elif what == "read-only":
        target.write_text("kept", encoding="utf-8")
        monkeypatch.setattr(os, "stat", _read_only_stat(target))
    else:
        target.symlink_to("/dev/null")
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda _parent, suggested: str(target))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    said = dialog.error_label.text()
    assert said.startswith("Could not save report to IT.txt: ") and dialog.error_label.isVisible(), said
    assert dialog.isVisible() and dialog.comment.toPlainText() == WORDS
    if what == "read-only":
        assert target.read_text(encoding="utf-8") == "kept"


def _read_only_stat(target: Path):
    """os.stat, with ``target`` read-only (as root, chmod stops no write: the check of its mode is what is tried)."""
    real = os.stat

    def stat(path, *args, **kwargs):
        result = real(path, *args, **kwargs)
        if str(path) == str(target):
            return os.stat_result((result.st_mode & ~0o222, *tuple(result)[1:]))
        return result

    return stat


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_a_report_not_saved_says_so_in_the_themes_error_colours_across_the_dialog(qtbot, window, tmp_path, monkeypatch,
                                                                                  theme):
    """The report's "Could not save…" was grey like a hint (role "muted"), and beside the buttons at the largest text
    on 800 × 600 it took six lines 260 px wide. It is now in the error colours the officer window's error banners
    use (the same rule of the theme, not a copy), readable on its background (contrast at least 4.5:1, measured
    from the palette), and across the dialog above the buttons: three lines."""
    from PySide6.QtGui import QPalette

    from desktop.ui.themes import contrast_ratio
    from desktop.ui.widgets import Banner

    window.set_theme(theme)
    window.resize(800, 600)
    window.set_text_step(TEXT_STEP_MAX)
    _at_question(qtbot, window)
    dialog = _open_by_key(qtbot, window)
    target = tmp_path / "encounter-guide-problem-report.txt"
    os.mkfifo(target)
    monkeypatch.setattr(report_dialog, "ask_report_path", lambda _parent, suggested: str(target))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    label = dialog.error_label
    qtbot.waitUntil(label.isVisible)
    banner = Banner("error", "An error banner, for its colours", parent=dialog)
    banner.ensurePolished()
    banner.text_label.ensurePolished()
    error = banner.text_label.palette().color(QPalette.ColorRole.WindowText)
    words = label.palette().color(label.foregroundRole())
    assert words == error, f"{words.name()} is not the error banner's {error.name()}"
    ground = label.palette().color(label.backgroundRole())
    assert contrast_ratio(words, ground) >= 4.5, (words.name(), ground.name())
    lines = round((label.contentsRect().height() - 2 * label.margin()) / label.fontMetrics().lineSpacing())
    assert lines <= 3 and label.width() >= dialog.width() // 2, (lines, label.width(), dialog.width())
