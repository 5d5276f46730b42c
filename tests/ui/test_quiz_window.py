"""The quiz window: a full run with some answers right and some wrong, the score, and export.
Nothing about the trainee is written anywhere unless the trainer exports."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QLineEdit, QPushButton, QWidget

from desktop.domain import quiz as quizzes
from desktop.domain.model import VERDICT_LABELS, VERDICTS
from desktop.ui import quiz_window as quiz_module
from desktop.ui import widgets
from desktop.ui.quiz_window import QuizWindow, unbroken
from tests.conftest import BUNDLED_PACK


@pytest.fixture
def window(qtbot, mini_pack):
    w = QuizWindow(mini_pack)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _files_under(folder) -> set[str]:
    return {os.path.join(root, f) for root, _dirs, files in os.walk(folder) for f in files}


def _wrong_verdict(item) -> str:
    return next(v for v in VERDICTS if v != item.verdict)


def _feedback_text(window) -> str:
    """The feedback's right-or-wrong lines as shown, each mark before its words."""
    marks = [m for m in window.feedback_result.findChildren(QLabel, "quizFeedbackMark") if m.isVisibleTo(window)]
    return "\n".join(f"{m.text()} {line.text()}" for m, line in zip(marks, window.feedback_result.labels, strict=True))


def test_full_quiz_with_scoring(qtbot, window, user_base):
    before = _files_under(user_base)
    window.scenario_combo.setCurrentIndex(0)
    window.count_spin.setValue(3)
    window.seed_spin.setValue(7)
    with qtbot.waitSignal(window.quiz_started):
        qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    quiz = window.quiz
    assert quiz == quizzes.generate(window.pack, seed=7, count=3), "the window runs the generated quiz"
    assert window.progress.text() == "Question 1 of 3"
    assert window.scenario_label.text() == quiz.items[0].scenario_title
    steps = quiz.items[0].steps
    shown = window.situation.labels
    assert [label.text() for label in shown] == [f"{s.prompt}  →  {s.answer}" for s in steps]
    numbers = [m for m in window.situation.findChildren(QLabel, "quizSituationNumber") if m.isVisibleTo(window)]
    assert [m.text() for m in numbers] == [f"{n}." for n in range(1, len(steps) + 1)]
    for number, words in zip(numbers, shown, strict=True):  # a wrapped line hangs under the words
        assert words.x() > number.x() + number.width() and words.y() == number.y()
    assert not window.check_button.isEnabled() and not window.feedback.isVisible()

    # 1: all right, by clicking (2 points)
    first = quiz.items[0]
    qtbot.mouseClick(window.verdict_buttons[first.verdict], Qt.MouseButton.LeftButton)
    assert not window.check_button.isEnabled(), "the action must be chosen too"
    qtbot.mouseClick(window.action_buttons[first.action_answer], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.item_answered) as blocker:
        qtbot.mouseClick(window.check_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [0, True]
    assert window.feedback.isVisible()
    assert _feedback_text(window).startswith("✔")
    assert window.feedback_answer.text() == f"{first.verdict_label}: {first.headline}"
    assert window.feedback_law.text().startswith("; ".join(unbroken(c) for c in first.marked_citations))
    assert window.feedback_why.text() == first.rationale
    assert first.do, "the mini pack's first item says what to do"
    do_items = window.feedback_do.labels
    assert [label.text() for label in do_items] == list(first.do)
    bullets = [m for m in window.feedback_do.findChildren(QLabel, "quizFeedbackBullet") if m.isVisibleTo(window)]
    assert [m.text() for m in bullets] == ["•"] * len(first.do)
    for bullet, words in zip(bullets, do_items, strict=True):  # a wrapped line hangs under the words
        assert words.x() > bullet.x() + bullet.width() and words.y() == bullet.y()
    assert window.action_buttons[first.action_answer].label().startswith("✔")
    assert not window.verdict_buttons[first.verdict].isEnabled(), "answers are locked once checked"
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)

    # 2: wrong verdict, right action (1 point)
    second = quiz.items[1]
    window.answer(_wrong_verdict(second), second.action_answer)
    assert _feedback_text(window).startswith("✖ Verdict wrong") and "✔ First action right" in _feedback_text(window)
    assert window.verdict_buttons[second.verdict].label().startswith("✔")
    assert window.verdict_buttons[_wrong_verdict(second)].label().startswith("✖")
    window.next_item()

    # 3: both wrong (0 points)
    third = quiz.items[2]
    window.answer(_wrong_verdict(third), (third.action_answer + 1) % len(third.action_choices))
    assert window.next_button.text() == "See the score"
    with qtbot.waitSignal(window.quiz_finished) as finished:
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    score = finished.args[0]
    assert (score.points, score.possible, score.items_right) == (3, 6, 1)
    assert window.score_label.text() == "Score: 3 of 6 points (50%)"
    assert window.results_summary.text() == "1 of 3 questions fully right."
    assert window.stack.currentWidget() is window.results_page
    assert _files_under(user_base) == before, "nothing about the trainee is stored"


def test_keyboard_run(qtbot, window, mini_pack):
    window.start(quizzes.generate(mini_pack, ["S10"], seed=1, count=1))
    item = window.quiz.items[0]
    page = window.question_page
    window.verdict_buttons[VERDICTS[0]].setFocus()
    qtbot.keyClick(page, str(VERDICTS.index(item.verdict) + 1))
    qtbot.keyClick(page, "ABCD"[item.action_answer])
    assert window.check_button.isEnabled()
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert window.feedback.isVisible() and _feedback_text(window).startswith("✔")
    qtbot.keyClick(page, "A")  # ignored once checked
    assert window.responses[0].action == item.action_answer
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.results_page
    assert window.score_label.text() == "Score: 2 of 2 points (100%)"
    # on the score, Enter presses the button in focus, as Space and Select do and as everywhere in the guide
    window.again_button.setFocus()
    qtbot.keyClick(window.again_button, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.setup_page


def test_export_text_and_json(qtbot, window, mini_pack, tmp_path, monkeypatch):
    window.start(quizzes.generate(mini_pack, seed=4, count=2))
    item = window.quiz.items[0]
    window.answer(item.verdict, item.action_answer)
    window.next_item()
    window.answer(_wrong_verdict(window.item), window.item.action_answer)
    window.next_item()

    target = tmp_path / "result"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "JSON (*.json)"))
    with qtbot.waitSignal(window.result_exported):
        qtbot.mouseClick(window.export_button, Qt.MouseButton.LeftButton)
    data = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert data["score"] == {"points": 3, "possible": 4, "percent": 75, "items_right": 1, "items": 2, "answered": 2}
    assert data["seed"] == 4 and data["items"][0]["verdict_right"] is True

    text_path = window.export_result(tmp_path / "result.txt")
    text = text_path.read_text(encoding="utf-8")
    assert "Score: 3 of 4 points (75%)" in text and item.citations[0] in text
    assert "Exported to" in window.export_message.text()


def test_a_result_named_without_a_suffix_asks_before_replacing_the_one_there(window, mini_pack, monkeypatch,
                                                                             tmp_path):
    """A result exported as "result" again: the save box asked about "result" (not there), and the ".txt" added
    after it wrote over an earlier trainee's "result.txt" without a word. It asks; No keeps it."""
    window.start(quizzes.generate(mini_pack, seed=4, count=1))
    kept = tmp_path / "result.txt"
    kept.write_text("an earlier trainee", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "result"), "Text (*.txt)"))
    asked: list[Path] = []
    monkeypatch.setattr(widgets, "ask_replace", lambda parent, path: asked.append(path) or False)
    assert window.export_result() is None
    assert asked == [kept] and kept.read_text(encoding="utf-8") == "an earlier trainee", "replaced without asking"

    monkeypatch.setattr(widgets, "ask_replace", lambda parent, path: True)
    assert window.export_result() == kept and "Score:" in kept.read_text(encoding="utf-8")


def test_cancelled_export_writes_nothing(window, mini_pack, monkeypatch, tmp_path):
    window.start(quizzes.generate(mini_pack, seed=4, count=1))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert window.export_result() is None


def test_single_scenario_setup_and_new_quiz(qtbot, mini_pack):
    w = QuizWindow(mini_pack, scenario_id="S10")
    qtbot.addWidget(w)
    assert w.scenario_combo.currentData() == "S10"
    w.count_spin.setValue(50)
    w.start_from_setup()
    assert {i.scenario_id for i in w.quiz.items} == {"S10"} and len(w.quiz.items) == 2
    w.new_quiz()
    assert w.stack.currentWidget() is w.setup_page and w.quiz is None and w.responses == {}


def test_one_question_quiz_scores_in_the_singular_and_takes_the_command_lines_numbers(qtbot, window, mini_pack):
    """"1 of 1 questions fully right."; and the quiz number box took 0 to 2,147,483,647 while `quiz --seed`
    took any number, so a printed quiz could not always be made again here: both now take the same."""
    assert (window.seed_spin.minimum(), window.seed_spin.maximum()) == (0, quizzes.MAX_SEED)
    window.count_spin.setValue(1)
    window.seed_spin.setValue(quizzes.MAX_SEED)
    window.start_from_setup()
    item = window.quiz.items[0]
    assert window.quiz.seed == quizzes.MAX_SEED
    window.answer(item.verdict, item.action_answer)
    with qtbot.waitSignal(window.quiz_finished):
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.results_summary.text() == "1 of 1 question fully right."


def test_names_for_tests_and_assistive_technology(window, mini_pack):
    window.start(quizzes.generate(mini_pack, seed=2, count=1))
    shown = window.action_buttons[:len(window.quiz.items[0].action_choices)]  # the small pack's item may offer 3
    assert len(shown) >= 3 and all(b.isHidden() for b in window.action_buttons[len(shown):])
    for widget in (window, *window.verdict_buttons.values(), *shown, window.check_button,
                   window.next_button, window.export_button, window.scenario_combo, window.count_spin,
                   window.seed_spin):
        assert widget.objectName() and widget.accessibleName(), widget
    assert all(isinstance(b, QWidget) and b.height() >= 44 for b in window.verdict_buttons.values())


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_the_question_count_reads_from_the_back_of_the_room(qtbot, window, mini_pack, theme):
    """"Question 1 of 3" was the small grey of a footnote: on a 1920 × 1080 projector the class could not
    read how far the quiz had gone. It is now as large as the situation under it, bold, in the text's colour."""
    from PySide6.QtGui import QFontInfo

    from desktop.ui.themes import Themes

    window.setStyleSheet(Themes().style_sheet(theme, 6) + "\n" + window._own_sheet)  # as restyle sets it
    window.start(quizzes.generate(mini_pack, seed=2, count=3))
    qtbot.waitUntil(lambda: window.progress.isVisible())
    step = window.findChildren(QLabel, "quizSituationStep")[0]
    for label in (window.progress, step, window.scenario_label):
        label.ensurePolished()
    assert window.progress.text() == "Question 1 of 3"
    assert QFontInfo(window.progress.font()).pixelSize() >= QFontInfo(step.font()).pixelSize()
    assert window.progress.font().bold()
    color = window.progress.palette().color(window.progress.foregroundRole())
    assert color == window.scenario_label.palette().color(window.scenario_label.foregroundRole())


@pytest.mark.parametrize("theme", ["day", "contrast"])
def test_numbers_are_set_with_big_minus_and_plus_buttons(qtbot, window, theme):
    """A spin box's own arrows are 12 pixels tall: too small for a finger or a trainer at a projector.
    Each number sits between − and + buttons, which stop at its limits; its label is level with it."""
    from desktop.ui.themes import Themes

    window.setStyleSheet(Themes().style_sheet(theme, 6))
    window.resize(900, 700)
    qtbot.wait(1)
    for spin, less, more in (
        (window.count_spin, "quizCountLess", "quizCountMore"),
        (window.seed_spin, "quizSeedLess", "quizSeedMore"),
    ):
        less_button = window.findChild(QPushButton, less)
        more_button = window.findChild(QPushButton, more)
        for button in (less_button, more_button):
            assert button.isVisible() and button.height() >= 44 and button.width() >= 44
            assert button.accessibleName()
        # the number itself shows: a styled border once left Qt a one-pixel-wide field for it
        assert spin.findChild(QLineEdit).width() > spin.width() // 2
        spin.setValue(5)
        qtbot.mouseClick(more_button, Qt.MouseButton.LeftButton)
        assert spin.value() == 6
        qtbot.mouseClick(less_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(less_button, Qt.MouseButton.LeftButton)
        assert spin.value() == 4
        spin.setValue(spin.minimum())
        assert not less_button.isEnabled() and more_button.isEnabled()
        spin.setValue(spin.maximum())
        assert less_button.isEnabled() and not more_button.isEnabled()
        label = next(lab for lab in window.findChildren(QLabel) if lab.buddy() is spin)

        def middle(widget):
            return widget.mapTo(window, widget.rect().center()).y()

        assert abs(middle(label) - middle(spin)) <= 1, f"{label.text()} sits above its field"
    qtbot.keyClick(window.count_spin, Qt.Key.Key_Down)  # the keys still count
    assert window.count_spin.value() == window.count_spin.maximum() - 1


def _first_verdict_chosen(qtbot, make_window, theme):
    """A quiz opened from the officer window in ``theme``, started, its first verdict chosen."""
    from desktop.ui.presentation_window import open_quiz

    officer = make_window()
    officer.set_theme(theme)
    quiz = open_quiz(officer, officer.pack)
    qtbot.waitExposed(quiz)
    qtbot.mouseClick(quiz.start_button, Qt.MouseButton.LeftButton)
    button = next(iter(quiz.verdict_buttons.values()))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return quiz, button


@pytest.mark.parametrize(("theme", "fill"), [("day", "#1a56b8"), ("night", "#d9952f"), ("contrast", "#ffff00")])
def test_the_chosen_answer_is_filled_in_the_theme_accent(qtbot, make_window, theme, fill):
    """Qt's default highlight (#308cc6 under white text, 3.7:1) was the chosen answer's colour in every
    theme, the only colour off the high-contrast palette."""
    _quiz, button = _first_verdict_chosen(qtbot, make_window, theme)
    qtbot.wait(1)
    image = button.grab().toImage()
    assert image.pixelColor(button.width() - 12, button.height() // 2).name() == fill


def test_the_question_page_is_as_tall_as_its_content(qtbot, window):
    """The page was kept as tall as at its narrowest (every line wrapped the most): scrolled to the end
    there was 230 px of nothing below the feedback, and the answer buttons were stretched."""
    window.resize(900, 576)
    window.count_spin.setValue(3)
    window.seed_spin.setValue(12424)
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    item = window.quiz.items[0]
    qtbot.mouseClick(window.verdict_buttons[item.verdict], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.action_buttons[item.action_answer], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.check_button, Qt.MouseButton.LeftButton)
    qtbot.wait(1)
    content, viewport = window.scroll.widget(), window.scroll.viewport()
    assert content.height() == max(viewport.height(), content.heightForWidth(content.width()))
    for button in [*window.verdict_buttons.values(), *window.action_buttons]:
        if button.isVisible():
            assert button.height() == max(button.heightForWidth(button.width()), button.minimumHeight())


def test_the_results_scroll_from_the_keyboard(qtbot, window):
    """The results are words only: their scroll area takes the focus, so PageDown reads a long result."""
    from desktop.ui.widgets import VScrollArea

    scroll = window.findChild(VScrollArea, "quizResultsScroll")
    window.stack.setCurrentWidget(scroll.parentWidget())
    window.resize(800, 500)
    window.results_summary.setText("\n".join(f"{n}. ✔ a scenario and its answer" for n in range(1, 101)))
    qtbot.wait(1)
    assert scroll.focusPolicy() & Qt.FocusPolicy.TabFocus
    scroll.setFocus()
    qtbot.keyClick(scroll, Qt.Key.Key_PageDown)
    assert scroll.verticalScrollBar().value() > 0


@pytest.mark.parametrize(("theme", "ring"), [("day", "#d97706"), ("night", "#f4e6c8"), ("contrast", "#00ffff")])
def test_the_chosen_answer_still_shows_the_focus_ring(qtbot, make_window, theme, ring):
    quiz, button = _first_verdict_chosen(qtbot, make_window, theme)
    button.setFocus()
    quiz.activateWindow()
    qtbot.waitUntil(button.hasFocus, timeout=2000)
    qtbot.wait(1)
    image = button.grab().toImage()
    assert image.pixelColor(button.width() // 2, 1).name() == ring  # the top border


def test_feedback_without_anything_to_do_hides_its_do_part(window, mini_pack):
    """An item with nothing listed to do shows no empty "Do" name; why and the law still show."""
    quiz = quizzes.generate(mini_pack, seed=4, count=2)
    item = dataclasses.replace(quiz.items[0], do=())
    window.start(dataclasses.replace(quiz, items=(item, *quiz.items[1:])))
    window.answer(item.verdict, item.action_answer)
    assert not window.feedback_parts["Do"].isVisibleTo(window)
    assert window.feedback_parts["Why"].isVisibleTo(window) and window.feedback_why.text() == item.rationale
    window.next_item()
    window.answer(window.item.verdict, window.item.action_answer)
    assert window.feedback_parts["Do"].isVisibleTo(window) == bool(window.item.do)


def test_feedback_taller_than_the_view_shows_its_top(qtbot, window):
    """Qt centres a widget taller than the view: right-or-wrong and the right answer were scrolled off the
    top. The feedback's first line is now at the top of the view."""
    window.resize(700, 420)
    quiz = quizzes.generate(window.pack, seed=4, count=2)
    item = dataclasses.replace(quiz.items[0], rationale=" ".join(["A long reason why."] * 300))
    window.start(dataclasses.replace(quiz, items=(item, *quiz.items[1:])))
    window.answer(item.verdict, item.action_answer)
    qtbot.waitUntil(lambda: window.scroll.verticalScrollBar().value() > 0, timeout=2000)
    qtbot.wait(50)  # every layout pass done
    viewport = window.scroll.viewport()
    assert window.feedback.height() > viewport.height(), "the case this test is about"
    top = window.feedback_result.mapTo(viewport, QPoint(0, 0)).y()
    assert 10 <= top <= 20, top  # under the frame's border and margin


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_the_feedback_in_view_never_cuts_the_row_above_it(qtbot, bundled):
    """At 1920 × 1080 the feedback was scrolled to the view's foot, and the answer above it was cut in half at
    the view's top. The view now starts at a whole row (or at the feedback), and the feedback shows whole."""
    from desktop.ui.themes import Themes

    themes = Themes()
    window = QuizWindow(bundled.pack, style_sheet=lambda step: themes.style_sheet("night", step))
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    window.start(quizzes.generate(bundled.pack, seed=7, count=6))
    scroll_bar, viewport = window.scroll.verticalScrollBar(), window.scroll.viewport()
    for _ in range(6):
        window.answer(window.item.verdict, window.item.action_answer)
        qtbot.waitUntil(lambda: scroll_bar.value() > 0, timeout=2000)  # scrolled to the feedback
        feedback = window.feedback.geometry().translated(window.feedback.parentWidget().mapTo(viewport, QPoint(0, 0)))
        assert feedback.top() >= 0 and feedback.bottom() < viewport.height(), "the feedback shows whole"
        rows = [window.scenario_label, window.verdict_prompt, *window.verdict_buttons.values(), window.action_prompt,
                *window.action_buttons]
        cut = [row.objectName() for row in rows if row.isVisibleTo(window)
               and row.mapTo(viewport, QPoint(0, 0)).y() < 0 < row.mapTo(viewport, QPoint(0, row.height())).y()]
        assert not cut, (window.index, cut)
        window.next_item()


def test_the_keys_line_says_what_enter_does_now(qtbot, window):
    window.start(quizzes.generate(window.pack, seed=4, count=2))
    assert "Enter to check" in window.question_hint.text()
    window.answer(window.item.verdict, window.item.action_answer)
    assert window.question_hint.text() == "Keys: Enter for “Next question”."
    window.next_item()
    assert "Enter to check" in window.question_hint.text()


@pytest.mark.parametrize("page", ["setup", "question", "results"])
def test_every_page_fits_a_600_px_screen_at_large_text(qtbot, mini_pack, page):
    """At text step 6 the set-up page wanted 690 px: on a 1024 × 600 screen "Start quiz" was below it.
    Each page's words scroll, its buttons stay in sight."""
    from desktop.ui.themes import Themes

    w = QuizWindow(mini_pack)
    qtbot.addWidget(w)
    w.setStyleSheet(Themes().style_sheet("night", 6) + w.styleSheet())
    if page != "setup":
        w.start(quizzes.generate(mini_pack, seed=4, count=1))
        if page == "results":
            w.answer(w.item.verdict, w.item.action_answer)
            w.next_item()
    w.show()
    qtbot.waitExposed(w)
    assert w.minimumSizeHint().height() <= 560, w.minimumSizeHint()


def test_a_quiz_that_cannot_be_made_says_so_in_sight(qtbot, mini_pack, monkeypatch):
    """The set-up's words scroll: its message, below the fields, could be out of sight at large text, and
    "Start quiz" then seemed to do nothing."""
    from desktop.ui.themes import Themes

    w = QuizWindow(mini_pack)
    qtbot.addWidget(w)
    w.setStyleSheet(Themes().style_sheet("night", 6) + w.styleSheet())
    w.resize(1024, 420)
    w.show()
    qtbot.waitExposed(w)

    def refuse(*_args, **_kwargs):
        raise quizzes.QuizError("a quiz needs at least one question")

    monkeypatch.setattr(quizzes, "generate", refuse)
    qtbot.mouseClick(w.start_button, Qt.MouseButton.LeftButton)
    viewport = w.setup_scroll.viewport()
    message = w.setup_message

    def in_sight() -> bool:
        top = message.mapTo(viewport, QPoint(0, 0)).y()
        return message.isVisible() and top >= 0 and top + message.height() <= viewport.height()

    qtbot.waitUntil(in_sight, timeout=2000)
    assert "Cannot make a quiz" in message.text()


def test_enter_in_a_set_up_field_starts_the_quiz(qtbot, window):
    """The window is not a dialog, so "Start quiz" being the default button did nothing: Enter in the
    number of questions did not start the quiz."""
    window.activateWindow()
    window.count_spin.setValue(2)
    window.count_spin.setFocus()
    qtbot.keyClick(window.count_spin, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.question_page and len(window.quiz.items) == 2


@pytest.mark.parametrize(("size", "columns"), [((1280, 720), 4), ((1024, 600), 2)])
def test_a_new_question_looks_unanswered_and_its_verdicts_fit(qtbot, window, size, columns):
    """At each question the first verdict had the focus ring, so NOT PERMITTED looked already chosen; and
    on a 1280 × 720 projector the verdicts took two rows and pushed all but the first action off screen.
    The verdicts now sit in one row where their words fit, else two, never cutting a word."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.themes import Themes

    window.setStyleSheet(Themes().style_sheet("day", 0))  # the app's type sizes and paddings
    window.resize(*size)
    window.activateWindow()
    window.count_spin.setValue(2)
    window.start_button.click()
    qtbot.wait(1)
    focused = QApplication.focusWidget()
    assert focused is window.scroll and focused not in window.verdict_buttons.values()
    rows = {button.y() for button in window.verdict_buttons.values()}
    assert len(rows) == 4 // columns
    for button in window.verdict_buttons.values():
        label = button.text_label
        assert max(label.fontMetrics().horizontalAdvance(w) for w in label.text().split()) <= label.width()
    qtbot.keyClick(window.scroll, Qt.Key.Key_2)  # the keys still answer
    assert window.verdict_buttons[VERDICTS[1]].isChecked()


def test_the_law_shown_after_an_answer_marks_the_citations_that_need_care(qtbot, window):
    """The feedback's "Law" and the score page listed contested and litigated provisions as plainly as
    settled ones (the handouts and slides mark them "⚠"): each is marked now, with what the mark means."""
    pack = window.pack
    quiz = quizzes.generate(pack, count=None, seed=3)

    def needing_care(item) -> list[str]:
        outcome = pack.scenario(item.outcome_scenario).node(item.outcome_node)
        return [pack.citation_text(c) for c in outcome.cites if pack.provision(c.provision_id).needs_caution]

    careful = next(n for n, item in enumerate(quiz.items) if needing_care(item))
    plain = next(n for n, item in enumerate(quiz.items) if not needing_care(item))
    window.start(quiz)
    for n, item in enumerate(quiz.items):
        qtbot.mouseClick(window.verdict_buttons[item.verdict], Qt.MouseButton.LeftButton)
        if item.action_choices:
            qtbot.mouseClick(window.action_buttons[item.action_answer], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(window.check_button, Qt.MouseButton.LeftButton)
        law = window.feedback_law.text()
        if n == careful:
            flagged = needing_care(item)[0]
            assert f"{unbroken(flagged)}\u00a0⚠" in law and law.endswith("Check the app before relying on it."), law
        if n == plain:
            assert "⚠" not in law and law == "; ".join(unbroken(c) for c in item.citations)
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.results_page
    results = window.results_list.text()
    assert f"{unbroken(needing_care(quiz.items[careful])[0])}\u00a0⚠" in results
    assert window.results_legend.isVisibleTo(window)
    assert window.results_legend.text().startswith("⚠ after a citation: contested, in litigation, superseded, unverified or rescinded.")


def test_the_keys_line_names_the_action_keys_there_are_and_a_short_list_says_why(qtbot, window, mini_pack):
    """The keys line said "A–D action" over three actions (the mini pack has too few others that are clearly
    wrong for "Render aid"), and the short list came without a word: it looked like a fault, or a hint. The
    line names the keys there are, and a note under the question says why there are fewer."""
    quiz = quizzes.generate(mini_pack, seed=1, count=None)
    four = next(item for item in quiz.items if len(item.action_choices) == 4)
    right = four.action_choices[four.action_answer]
    # the mini pack's do-not lines now give every item four; a pack with fewer clearly wrong gives three
    three = dataclasses.replace(four, action_choices=(right, *[c for c in four.action_choices if c != right][:2]),
                                action_answer=0)
    two = dataclasses.replace(three, action_choices=(right, three.action_choices[three.action_answer - 1]),
                              action_answer=0)
    none = dataclasses.replace(three, action_choices=(), action_answer=None)
    window.start(dataclasses.replace(quiz, items=(four, three, two, none)))
    expected = [("Keys: 1–4 verdict, A–D action, Enter to check.", None),
                ("Keys: 1–4 verdict, A–C action, Enter to check.", "Only 3 actions to choose from"),
                ("Keys: 1–4 verdict, A or B action, Enter to check.", "Only 2 actions to choose from"),
                ("Keys: 1–4 verdict, Enter to check.", "No first-action question here")]
    for n, (hint, note) in enumerate(expected):
        item = window.item
        assert window.question_hint.text() == hint, n
        shown = [b for b in window.action_buttons if b.isVisibleTo(window)]
        assert len(shown) == len(item.action_choices)
        assert window.action_note.isVisibleTo(window) == (note is not None), n
        if note is not None:
            assert window.action_note.text().startswith(note)
            assert window.action_note.text() == quizzes.fewer_actions_note(item)
        window.answer(item.verdict, item.action_answer)
        window.next_item()
    assert window.stack.currentWidget() is window.results_page


@pytest.mark.parametrize("size", [(1280, 720), (800, 600)])
def test_the_score_page_hangs_wrapped_lines_under_their_words(qtbot, window, mini_pack, size):
    """The score page was one block of text: a "Chosen:" or "Law:" line that wrapped went on at the page's
    left edge, under the marks and numbers, and read as a new line. Each scenario now hangs under its own
    first word, and each value under its own, after its name; citations keep their names whole."""
    from desktop.ui.themes import Themes

    window.setStyleSheet(Themes().style_sheet("day", 6) + window.styleSheet())
    window.resize(*size)
    quiz = quizzes.generate(mini_pack, seed=1, count=None)
    long_answer = "Do this first and then that, " * 12
    first = dataclasses.replace(quiz.items[0], do=(long_answer, *quiz.items[0].do[1:]),
                                action_choices=tuple(long_answer if n == quiz.items[0].action_answer else c
                                                     for n, c in enumerate(quiz.items[0].action_choices)))
    quiz = dataclasses.replace(quiz, items=(first, *quiz.items[1:]))
    window.start(quiz)
    for item in quiz.items:
        window.answer(item.verdict, item.action_answer)
        window.next_item()
    qtbot.wait(1)
    rows = window.results_list
    assert rows.isVisible() and len(rows.titles) == len(quiz.items)
    marks = rows.findChildren(QLabel, "quizResultMark")
    assert sorted(m.text() for m in marks) == sorted(f"✔\u00a0{n}." for n in range(1, len(quiz.items) + 1))
    left = {title.x() for title in rows.titles}
    assert len(left) == 1 and left.pop() > max(m.x() + m.width() for m in marks)
    names = [name for row in rows.names for name in row]
    values = [value for row in rows.values for value in row]
    assert [name.text() for name in rows.names[0]] == ["Chosen:", "Answer:", "Law:"]
    value_left = {value.x() for value in values}
    assert len(value_left) == 1 and value_left.pop() > max(name.x() + name.width() for name in names)
    chosen = rows.values[0][0]
    assert chosen.height() > 2 * chosen.fontMetrics().height(), "the case this test is about: it wraps"
    assert rows.width() <= window.findChild(QWidget, "quizResultsScroll").viewport().width()
    for item, row in zip(quiz.items, rows.values, strict=True):
        assert row[-1].text() == "; ".join(unbroken(c) for c in item.marked_citations)


def _smallest_type(window: QWidget) -> int:
    return min(label.fontInfo().pixelSize() for label in window.findChildren(QLabel) if label.isVisibleTo(window))


def test_a_quiz_shown_on_a_projector_is_set_for_the_back_of_the_room(qtbot, make_window, mini_pack):
    """On a 1080p projector the quiz was set as on a laptop: its small words 15 px, what to do and why
    18 px, unreadable from the back of a room. Shown that large, its type now grows with the window (its
    smallest words 24 px), in the officer's theme; at 1280 × 720 or less it keeps the officer's text size."""
    from desktop.ui import presentation_window as pw
    from desktop.ui.themes import Themes

    officer = make_window()
    quiz = pw.open_quiz(officer, mini_pack)
    quiz.count_spin.setValue(2)
    quiz.start_button.click()
    quiz.answer(quiz.item.verdict, 0)
    quiz.check()
    quiz.resize(1920, 1080)
    qtbot.waitUntil(lambda: quiz.feedback.isVisible())
    assert _smallest_type(quiz) >= 24 and quiz.text_step == 6
    officer.set_theme("contrast")  # the quiz follows the officer's theme
    assert quiz.styleSheet().startswith(Themes().style_sheet("contrast", 6))
    assert _smallest_type(quiz) >= 24

    quiz.resize(1280, 720)
    assert quiz.text_step == 0 and _smallest_type(quiz) == 15, "the officer's sizes, from the officer window"
    assert not quiz.styleSheet().startswith(Themes().style_sheet("contrast", 0))
    officer.set_text_step(2)  # never smaller than the officer's
    assert quiz.text_step == 2 and _smallest_type(quiz) == 18
    with qtbot.waitSignal(quiz.destroyed):
        quiz.close()
    officer.set_text_step(3)  # a closed quiz is restyled no more


@pytest.mark.parametrize(("size", "step"), [((900, 760), 0), ((1280, 720), 0), ((1366, 768), 0), ((1600, 900), 3),
                                            ((1920, 1080), 6), ((1920, 1200), 6), ((3840, 2160), 6), ((1024, 600), 0)])
def test_the_room_text_step_grows_with_the_window(size, step):
    from desktop.ui.quiz_window import room_text_step

    assert room_text_step(*size) == step


@pytest.mark.parametrize(("size", "step"), [((1024, 600), 0), ((1280, 720), 2), ((1024, 768), 3), ((1366, 768), 3),
                                            ((1600, 900), 5), ((1920, 1080), 6)])
def test_a_window_filling_its_screen_starts_at_the_slides_small_words(size, step):
    """Full screen or maximised (a projector), the quiz's small words are at least the slides' (room_small_px)."""
    from desktop.ui.quiz_window import room_text_step
    from desktop.ui.themes import font_sizes
    from desktop.ui.widgets import room_small_px

    assert room_text_step(*size, fills_screen=True) == step
    assert step == 6 or font_sizes(step)["small"] >= room_small_px(size[1]) > font_sizes(step - 1)["small"]


def test_the_feedback_names_what_was_chosen_and_the_right_answer(qtbot, window, mini_pack):
    """After a wrong answer the feedback said only "✖ Verdict: wrong; first action: wrong.": the marked buttons
    were above it, scrolled out of sight at 1024 × 768, so which action was right was not on screen."""
    quiz = quizzes.generate(mini_pack, seed=7, count=3)
    item = next(i for i in quiz.items if len(i.action_choices) > 1)
    wrong_action = (item.action_answer + 1) % len(item.action_choices)
    window.start(dataclasses.replace(quiz, items=(item, item)))
    window.answer(_wrong_verdict(item), wrong_action)
    verdict_line, action_line = _feedback_text(window).splitlines()
    assert verdict_line == (f"✖ Verdict wrong: you chose {VERDICT_LABELS[_wrong_verdict(item)]}, "
                            f"the answer is {item.verdict_label}.")
    assert action_line == (f"✖ First action wrong: the answer is {'ABCD'[item.action_answer]}, “{item.right_action}” "
                           f"You chose {'ABCD'[wrong_action]}, “{item.action_choices[wrong_action]}”")
    # each line said once, without its mark, whose words say right or wrong
    said = [label.accessibleName() or label.text() for label in window.feedback_result.labels]
    assert said == _feedback_text(window).replace("✖ ", "").splitlines()
    assert " ".join(said) in window.feedback.accessibleDescription()
    window.next_item()
    window.answer(item.verdict, item.action_answer)
    assert _feedback_text(window) == (f"✔ Verdict right: {item.verdict_label}.\n"
                                             f"✔ First action right: {'ABCD'[item.action_answer]}.")


def test_the_score_page_marks_which_half_of_an_answer_was_wrong(qtbot, window, mini_pack):
    """A question with the verdict right and the action wrong showed "✖ 3." and what was chosen, with nothing
    to say which of the two was wrong; each half of "Chosen:" now carries its own mark."""
    quiz = quizzes.generate(mini_pack, seed=7, count=3)
    item = next(i for i in quiz.items if len(i.action_choices) > 1)
    wrong_action = (item.action_answer + 1) % len(item.action_choices)
    window.start(dataclasses.replace(quiz, items=(item, item)))
    window.answer(item.verdict, wrong_action)
    window.next_item()
    window.answer(_wrong_verdict(item), item.action_answer)
    window.next_item()
    chosen = [row[0].text() for row in window.results_list.values]
    assert chosen == [f"✔\u00a0{item.verdict_label}; ✖\u00a0{item.action_choices[wrong_action]}",
                      f"✖\u00a0{VERDICT_LABELS[_wrong_verdict(item)]}; ✔\u00a0{item.right_action}"]


def test_a_quiz_with_fewer_paths_than_questions_set_up_says_so(qtbot, window, mini_pack):
    """A scenario with 3 paths made a quiz of 3 questions when 10 were set up, without a word: "Question 1 of 3"
    looked like a fault in the count."""
    window.scenario_combo.setCurrentIndex(window.scenario_combo.findData("S08"))
    window.count_spin.setValue(10)
    window.start_from_setup()
    count = len(window.quiz.items)
    assert count < 10
    assert window.progress.text() == f"Question 1 of {count} (only {count} paths to ask about, not 10)"
    window.new_quiz()
    window.count_spin.setValue(count)
    window.start_from_setup()
    assert window.progress.text() == f"Question 1 of {count}", "as many as set up: nothing to explain"
    one = dataclasses.replace(window.quiz, items=window.quiz.items[:1])  # a situation with one path (an edited pack)
    window.start(one, asked_for=10)
    assert window.progress.text() == "Question 1 of 1 (only 1 path to ask about, not 10)", "not “1 paths”"



def _x_of_each_line_and_of(label: QLabel, index: int) -> tuple[list[float], float]:
    """Where ``label`` starts each line of the lines after the one holding letter ``index``, and where that
    letter is, as x in the label's parent; the label's words laid out at its width as it lays them out."""
    from PySide6.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(label.text().replace("\n", "\u2028"), label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    left = label.x() + label.contentsRect().left()
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(label.contentsRect().width())
        lines.append(line)
    layout.endLayout()
    holding = max(n for n, line in enumerate(lines) if line.textStart() <= index)
    x_of_letter = left + lines[holding].cursorToX(index)[0]
    return [left + line.cursorToX(line.textStart())[0] for line in lines[holding + 1:]], x_of_letter


@pytest.mark.parametrize(("theme", "step"), [("day", 0), ("night", 0), ("contrast", 0), ("night", 6)])
def test_a_wrapped_feedback_line_hangs_under_its_first_word(qtbot, make_window, theme, step):
    """At 1024 × 768 "✖ First action wrong: you chose A, the answer is B, “…”" wrapped under its ✖: the
    continuation now starts under "First", in every theme and text size."""
    from desktop.ui.presentation_window import open_quiz

    officer = make_window()
    officer.set_theme(theme)
    officer.set_text_step(step)
    window = open_quiz(officer, officer.pack)
    window.resize(1024, 768)
    qtbot.waitExposed(window)
    quiz = quizzes.generate(officer.pack, seed=7, count=2)
    item = next(i for i in quiz.items if len(i.action_choices) > 1)
    long_action = " ".join(["Call a supervisor to the scene and keep the peace until one arrives."] * 3)
    choices = tuple(long_action if n == item.action_answer else c for n, c in enumerate(item.action_choices))
    item = dataclasses.replace(item, action_choices=choices)
    window.start(dataclasses.replace(quiz, items=(item,)))
    window.answer(_wrong_verdict(item), (item.action_answer + 1) % len(item.action_choices))
    qtbot.wait(1)  # the feedback laid out
    label = next(w for w in window.feedback.findChildren(QLabel) if "First action wrong" in w.text())
    continued, first_word = _x_of_each_line_and_of(label, label.text().index("First action wrong"))
    assert continued, "the case this test is about: the line wraps"
    assert all(abs(x - first_word) < 1 for x in continued), (first_word, continued)
    # bold as a section's name, without its rule and the room for it under each line
    assert label.contentsRect().bottom() == label.rect().bottom()


def test_a_quiz_on_the_class_playlist(qtbot, make_window):
    """After presenting the class's scenarios, the trainer could quiz the room on one scenario or on every
    one; a quiz on the class's could be had only from the command line (--scenario for each). The playlist
    kept this session is offered, and chosen."""
    from desktop.domain.playlist import Playlist
    from desktop.ui import presentation_window as pw

    window = make_window()
    window._trainer_playlist = Playlist("Week 3", ("S10",))
    quiz_window = pw.open_quiz(window, window.pack)  # the officer window's child: it goes with it
    combo = quiz_window.scenario_combo
    assert combo.currentText() == "This class: Week 3 (S10)"
    assert combo.itemText(0) == "All scenarios" and combo.findText("This class: Week 3 (S10)") == 1
    quiz_window.seed_spin.setValue(4)
    with qtbot.waitSignal(quiz_window.quiz_started):
        qtbot.mouseClick(quiz_window.start_button, Qt.MouseButton.LeftButton)
    assert quiz_window.quiz == quizzes.generate(window.pack, ["S10"], seed=4, count=quizzes.DEFAULT_COUNT,
                                                title="Quiz: Week 3")
    assert {item.scenario_id for item in quiz_window.quiz.items} == {"S10"}

    window.start_scenario("S08")  # a quiz opened on a scenario asks about that one, as before
    on_one = pw.open_quiz(window, window.pack)
    assert on_one.scenario_combo.currentData() == "S08"
    long_class = QuizWindow(window.pack, playlist=Playlist("Week 4", ("S08", "S10", "PAPER", "SAFETY", "S01")))
    qtbot.addWidget(long_class)
    assert long_class.scenario_combo.itemText(1) == "This class: Week 4 (5 scenarios)", "the box has one line"
    window._trainer_playlist = Playlist("Old class", ("S99",))  # a pack without its scenarios: not offered
    assert pw.open_quiz(window, window.pack).scenario_combo.findText("This class", Qt.MatchFlag.MatchStartsWith) == -1


def test_a_quiz_on_the_class_playlist_is_titled_by_the_class(qtbot, make_window):
    """A quiz on the class's scenarios was titled "Quiz: <the guide's title>", as a quiz on every scenario is: its
    window, printed sheet and results said it covered the whole guide, and its quiz number, made again on every
    scenario, gave another quiz. It is titled by the class."""
    from desktop.domain.playlist import Playlist
    from desktop.ui import presentation_window as pw

    window = make_window()
    window._trainer_playlist = Playlist("Week 3", ("S08", "S10"))
    quiz_window = pw.open_quiz(window, window.pack)
    with qtbot.waitSignal(quiz_window.quiz_started):
        qtbot.mouseClick(quiz_window.start_button, Qt.MouseButton.LeftButton)
    quiz = quiz_window.quiz
    assert quiz.title == "Quiz: Week 3" and quiz.scenario_ids == ("S08", "S10")
    assert quiz_window.windowTitle().startswith("Quiz: Week 3 (quiz number")
    assert quizzes.quiz_text(quiz).splitlines()[0] == "Quiz: Week 3"
    quiz_window.scenario_combo.setCurrentIndex(0)  # every scenario: titled by the guide, as before
    quiz_window.new_quiz()
    with qtbot.waitSignal(quiz_window.quiz_started):
        qtbot.mouseClick(quiz_window.start_button, Qt.MouseButton.LeftButton)
    assert quiz_window.quiz.title == f"Quiz: {window.pack.meta.title}"


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")  # the popup
def test_the_scenario_list_cuts_long_titles_at_the_end_in_rows_a_finger_can_tap(qtbot, make_window):
    """At the largest text on a 1024 × 600 laptop, Qt's menu-style list of scenarios to ask about cut each long
    title in its middle ("Agents ask CPD to run a checkpoin…tops, join a patrol or ride along") in rows 42 px
    tall. Each row shows the title's first words, cut at a word with "…", in a row at least 44 px tall; typing a
    title's first words and Enter still pick it."""
    from desktop.ui.data_loading import load_data
    from desktop.ui.presentation_window import open_quiz
    from desktop.ui.settings import TEXT_STEP_MAX
    from tests.ui.ui_helpers import assert_cut_at_the_end, popup_rows

    officer = make_window(data=load_data(None), with_index=False)
    officer.resize(1024, 600)
    officer.set_text_step(TEXT_STEP_MAX)
    quiz = open_quiz(officer, officer.pack)
    quiz.resize(1024, 600)
    quiz.show()
    qtbot.waitExposed(quiz)
    combo = quiz.scenario_combo
    combo.showPopup()
    assert_cut_at_the_end(popup_rows(combo))
    view = combo.view()
    view.setFocus()
    qtbot.keyClicks(view, "Your NCIC")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert not view.isVisible()
    assert combo.currentText().startswith("Your NCIC or LEADS check")


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")  # the popup
def test_the_scenario_box_and_its_open_list_keep_within_the_window_at_the_largest_text(qtbot, make_window):
    """At the largest text Qt's open list of scenarios was as wide as the longest title: wider than the quiz
    window, from the screen's edge over the labels beside the box. It opens under the box and reaches no further
    right than the window, its rows cut at a word; the box shows a chosen title too long for it cut at a word
    with "…" (Qt cut it at the box's edge, mid-word), whole in its tooltip."""
    from desktop.ui.data_loading import load_data
    from desktop.ui.presentation_window import open_quiz
    from desktop.ui.settings import TEXT_STEP_MAX
    from tests.ui.ui_helpers import assert_cut_at_the_end, popup_rows

    officer = make_window(data=load_data(None), with_index=False)
    officer.resize(1024, 600)
    officer.set_text_step(TEXT_STEP_MAX)
    quiz = open_quiz(officer, officer.pack)
    quiz.resize(quiz.minimumSizeHint().width(), 600)
    quiz.show()
    qtbot.waitExposed(quiz)
    combo = quiz.scenario_combo
    combo.setCurrentIndex(combo.findData("S02"))
    whole = combo.currentText()
    shown = combo.shown_text()
    kept = shown.removesuffix("…")
    assert kept != shown and whole.startswith(kept) and whole[len(kept)] == " ", (whole, shown)
    combo.showPopup()
    popup, box_left = combo.view().window().frameGeometry(), combo.mapToGlobal(QPoint(0, 0)).x()
    assert popup.left() == box_left and popup.right() <= quiz.geometry().right(), (popup, quiz.geometry())
    assert_cut_at_the_end(popup_rows(combo))
    combo.hidePopup()


def test_the_keys_line_names_the_keys_of_the_table(qtbot, window, mini_pack, monkeypatch):
    """The line under a question wrote "1–4" and "Enter" by hand beside the table the quiz's key handler and
    Help → Keyboard keys read: a key changed there left the line naming the old one."""
    monkeypatch.setattr(quiz_module, "QUIZ_VERDICT_DIGITS", (1, 3))
    monkeypatch.setattr(quiz_module, "QUIZ_ENTER", ("Space",))
    quiz = quizzes.generate(mini_pack, seed=1, count=None)
    four = next(item for item in quiz.items if len(item.action_choices) == 4)
    window.start(dataclasses.replace(quiz, items=(four,)))
    assert window.question_hint.text() == "Keys: 1–3 verdict, A–D action, Space to check."


def test_alt_and_an_underlined_letter_in_the_set_up_go_where_help_says(qtbot, window):
    """Scenarios, Questions and Quiz number underline a letter (Alt+S, Alt+Q, Alt+N take the focus to their box),
    and Help → Keyboard keys did not name them. The table names the letters the labels underline; each goes there."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QApplication

    from desktop.ui import keys

    window.activateWindow()  # a shortcut acts in the active window only
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    buddies = {QKeySequence.mnemonic(label.text()).toString(): label.buddy()
               for label in window.setup_page.findChildren(QLabel) if label.buddy() is not None}
    assert [buddies.get(key) for key in keys.QUIZ_GO_TO] == [window.scenario_combo, window.count_spin, window.seed_spin]
    assert set(buddies) == set(keys.QUIZ_GO_TO)
    window.start_button.setFocus()
    for key in keys.QUIZ_GO_TO:
        combination = QKeySequence(key)[0]
        qtbot.keyClick(QApplication.focusWidget(), combination.key(), combination.keyboardModifiers())
        assert QApplication.focusWidget() is buddies[key], key


def test_a_clicker_s_pagedown_reads_on_checks_and_goes_to_the_next_question(qtbot, window, mini_pack):
    """A presentation clicker sends PageDown and PageUp, and has no Enter. On a question PageDown only scrolled,
    and once the answer was checked (the focus on Next question, outside the scrolled view) it did nothing: the
    trainer in front of the room walked to the laptop for every question. It reads on while any of the question
    is below the view, then does what Enter does; every press shows something new, none is lost."""
    window.resize(900, 500)  # the question and its feedback are taller than the view
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.start(quizzes.generate(mini_pack, ["S08"], seed=1, count=2))
    bar = window.scroll.verticalScrollBar()

    def state():
        return window.stack.currentWidget(), window.index, window._checked, bar.value()

    for n in range(2):
        item = window.item
        page = window.question_page
        qtbot.keyClick(page, str(VERDICTS.index(item.verdict) + 1))  # the room calls its answer
        qtbot.keyClick(page, "ABCD"[item.action_answer])
        presses = 0
        while window.stack.currentWidget() is window.question_page and window.index == n:
            before = state()
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown)
            assert state() != before, f"PageDown did nothing on question {n + 1} ({before})"
            presses += 1
            assert presses < 20
        assert window.responses[n] == quizzes.Response(item.verdict, item.action_answer)
    assert window.stack.currentWidget() is window.results_page
    assert window.score_label.text() == "Score: 4 of 4 points (100%)"


def test_ctrl_plus_in_the_quiz_makes_its_type_larger_as_in_the_guide(qtbot, make_window, mini_pack):
    """A 1280 × 720 quiz window keeps the officer's text size, 15 px at the back of a room. Ctrl++ made it larger only in the officer window behind it: in the quiz, the trainer's window, it did nothing.
    Ctrl++, Ctrl+− and Ctrl+0 now change it there too, as Help → Keyboard keys says they do in the guide."""
    from desktop.ui import presentation_window as pw

    officer = make_window()
    quiz = pw.open_quiz(officer, mini_pack)
    quiz.resize(1280, 720)
    quiz.start(quizzes.generate(mini_pack, seed=4, count=1))
    quiz.activateWindow()
    qtbot.waitUntil(quiz.isActiveWindow, timeout=2000)
    assert _smallest_type(quiz) == 15
    for _ in range(3):
        qtbot.keyClick(quiz.verdict_buttons[VERDICTS[0]], Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert officer.text_step == 3 and quiz.text_step == 3 and _smallest_type(quiz) > 15
    qtbot.keyClick(quiz.verdict_buttons[VERDICTS[0]], Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert quiz.text_step == 2
    qtbot.keyClick(quiz.verdict_buttons[VERDICTS[0]], Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert quiz.text_step == 0 and _smallest_type(quiz) == 15


@pytest.mark.parametrize(("key", "text", "size"), [(Qt.Key.Key_PageDown, "", (1280, 900)), (Qt.Key.Key_Return, "\r", None)],
                         ids=["clicker PageDown", "Enter"])
def test_a_key_held_down_on_a_checked_answer_steps_once(qtbot, window, mini_pack, key, text, size):
    """A clicker's button pressed long repeats its PageDown, and Enter held on the laptop repeats too: on a
    checked answer a repeat went on to the next question, and the room lost the feedback it was reading. One step
    a press."""
    from PySide6.QtTest import QTest

    if size:
        window.resize(*size)  # the whole question in view: PageDown does what Enter does
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.start(quizzes.generate(mini_pack, ["S08"], seed=1, count=2))
    window.answer(window.item.verdict, window.item.action_answer)
    assert window._checked
    focus = QApplication.focusWidget()
    QTest.simulateEvent(focus, True, key, Qt.KeyboardModifier.NoModifier, text, True)  # a repeat
    assert window.index == 0 and window._checked, "a repeated key went on past the feedback"
    QTest.simulateEvent(focus, True, key, Qt.KeyboardModifier.NoModifier, text, False)
    assert window.index == 1


@pytest.mark.parametrize(("size", "smallest"), [((1280, 720), 18), ((1024, 768), 20)])
def test_a_quiz_full_screen_on_a_small_projector_starts_readable_from_the_back(qtbot, make_window, mini_pack,
                                                                               size, smallest):
    """The quiz's type grew only above 1280 × 720: full screen on a 1280 × 720 or 1024 × 768 projector its small
    words were 15 px, unreadable at the back of a room, where the slides' are 18 px and 19 px. Filling its screen,
    it now starts at least as large as the slides' small words; Ctrl++, Ctrl+− and Ctrl+0 go on from there; the
    same size as a window on the officer's laptop keeps the officer's 15 px; and nothing is wider than the window."""
    from desktop.ui import presentation_window as pw

    officer = make_window()
    quiz = pw.open_quiz(officer, mini_pack)
    quiz.start(quizzes.generate(mini_pack, seed=4, count=1))
    quiz.resize(*size)
    assert _smallest_type(quiz) == 15, "a window on the laptop: the officer's size"
    quiz.setWindowState(Qt.WindowState.WindowFullScreen)
    quiz.resize(*size)  # the screen's size (the offscreen screen is smaller than a projector)
    quiz.activateWindow()
    qtbot.waitUntil(quiz.isActiveWindow, timeout=2000)
    room = quiz.text_step
    assert room > 0 and _smallest_type(quiz) >= smallest
    button = quiz.verdict_buttons[VERDICTS[0]]
    qtbot.keyClick(button, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert quiz.text_step == room + 1 and _smallest_type(quiz) > smallest
    qtbot.keyClick(button, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(button, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert quiz.text_step == room - 1
    qtbot.keyClick(button, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert quiz.text_step == room and _smallest_type(quiz) >= smallest
    quiz.answer(quiz.item.verdict, quiz.item.action_answer)
    qtbot.waitUntil(quiz.feedback.isVisible)
    content = quiz.scroll.widget()
    assert content.width() <= quiz.scroll.viewport().width(), "no words cut at the right"
    for label in content.findChildren(QLabel):
        if label.isVisibleTo(quiz) and label.wordWrap():
            longest = max((label.fontMetrics().horizontalAdvance(w) for w in label.text().split()), default=0)
            assert longest <= label.contentsRect().width(), (label.objectName(), label.text())
    quiz.setWindowState(Qt.WindowState.WindowNoState)
    quiz.resize(*size)
    assert quiz.text_step == 0 and _smallest_type(quiz) == 15


def test_a_class_result_not_exported_is_not_lost_to_close_or_new_quiz(qtbot, window, mini_pack, tmp_path,
                                                                    monkeypatch):
    """Close or New quiz on the score (or the window's ✕) threw the class's answers away without a word before
    they were exported. It asks first: Cancel keeps the score on screen; once exported, nothing is asked."""
    asked: list[int] = []
    answer = {"discard": False}
    monkeypatch.setattr(quiz_module, "ask_discard", lambda parent, answered: asked.append(answered) or answer["discard"])
    window.start(quizzes.generate(mini_pack, seed=4, count=2))
    window.answer(window.item.verdict, window.item.action_answer)
    window.next_item()
    window.answer(_wrong_verdict(window.item), window.item.action_answer)
    window.next_item()
    assert window.stack.currentWidget() is window.results_page

    qtbot.mouseClick(window.close_button, Qt.MouseButton.LeftButton)
    assert asked == [2] and window.isVisible(), "Cancel keeps the window open"
    qtbot.mouseClick(window.again_button, Qt.MouseButton.LeftButton)
    assert asked == [2, 2] and window.stack.currentWidget() is window.results_page, "and the score on screen"
    assert window.score_label.text() == "Score: 3 of 4 points (75%)"

    window.export_result(tmp_path / "week3.txt")
    qtbot.mouseClick(window.close_button, Qt.MouseButton.LeftButton)
    assert asked == [2, 2] and not window.isVisible(), "exported: closes without a question"


def test_a_quiz_closed_mid_way_asks_and_discard_lets_it_go(qtbot, window, mini_pack, monkeypatch):
    asked: list[int] = []
    monkeypatch.setattr(quiz_module, "ask_discard", lambda parent, answered: asked.append(answered) or True)
    window.start(quizzes.generate(mini_pack, seed=4, count=2))
    window.close()
    assert asked == [] and not window.isVisible(), "nothing answered: nothing to ask"
    window.show()
    window.answer(window.item.verdict, window.item.action_answer)
    window.close()
    assert asked == [1] and not window.isVisible()


def test_a_wrong_pick_the_outcome_forbids_is_told_the_guidances_own_words(qtbot, window, mini_pack):
    """A wrong first action made from the right outcome's do-not line: the feedback's line for it quotes that line,
    the law it rests on listed under it."""
    quiz = quizzes.generate(mini_pack, ["S08"], seed=3, count=None)
    item = next(i for i in quiz.items if i.item_id == "S08:no/no")
    window.start(dataclasses.replace(quiz, items=(item,)))
    forbidden = item.action_choices.index("Obstruct federal agents.")
    window.answer(item.verdict, forbidden)
    shown = [label.text() for label in window.feedback_result.labels if label.isVisibleTo(window)]
    assert shown[-1].endswith(f" You chose {'ABCD'[forbidden]}, “Obstruct federal agents.” The guidance forbids it. "
                              "(The law is cited below.)")
    assert window.feedback_law.text() == "; ".join(unbroken(c) for c in item.marked_citations)


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_wrong_pick_borrowed_from_another_situation_is_told_its_words_and_where_they_are(qtbot, bundled):
    """A wrong first action made from another situation's do-not line (S07's own ran short; this one is S08's, taken
    as it starts "Tell" as the right answer does): the trainee who clicks it reads that line and the situation it
    comes from, and the law under it is still this answer's (not pointed at as that line's)."""
    quiz = quizzes.generate(bundled.pack, seed=0, count=10)
    item = next(i for i in quiz.items if i.item_id == "S07:no/criminal/yes")
    picked = item.action_choices.index("Tell ICE release details the criminal warrant process doesn't require.")
    w = QuizWindow(bundled.pack)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.start(dataclasses.replace(quiz, items=(item,)))
    qtbot.mouseClick(w.verdict_buttons[item.verdict], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w.action_buttons[picked], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.feedback.isVisible())
    shown = [label.text() for label in w.feedback_result.labels if label.isVisibleTo(w)]
    assert shown[-1].endswith(
        "Tell ICE release details the criminal warrant process doesn't require.” It "
        "is wrong here too: the guidance for “ICE sends a detainer (I-247A) for a prisoner about to be "
        "released from CPD custody” forbids it."), shown[-1]
    assert shown[-1].startswith(f"First action wrong: the answer is {'ABCD'[item.action_answer]}, “{item.right_action}” "
                                f"({unbroken(item.marked_citations[0])})")
    assert "the guidance for “ICE sends a detainer" in w.feedback.accessibleDescription()
    assert w.feedback_law.text().startswith("; ".join(unbroken(c) for c in item.marked_citations))


def _shown_in(widget: QWidget, scroll) -> bool:
    """Whether all of ``widget`` is in sight in the scroll area ``scroll``."""
    viewport = scroll.viewport()
    top = widget.mapTo(viewport, widget.rect().topLeft()).y()
    return widget.isVisible() and top >= 0 and top + widget.height() <= viewport.height()


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.parametrize("theme", ["day", "contrast"])
@pytest.mark.parametrize("size", [(800, 600), (1024, 600)], ids=["800x600", "1024x600"])
def test_at_the_largest_text_on_a_laptop_the_verdicts_are_in_sight_and_what_happened_a_touch_away(
        qtbot, bundled, theme, size):
    """On 800 × 600 at the largest text what happened took the screen: the verdicts began 450 to 1,360 px down a
    430 px view. Split into a pane of its own above the question, it left two small scrolls, a step of what happened
    in one and a row of verdicts in the other (quiz4). In a window that short what happened now folds behind "Show
    what happened (N answers)", a touch target under the scenario's title: the verdict question and the first
    verdicts are in sight without scrolling, on every question. A touch, Enter on the button or Alt+W opens what
    happened above them in the one scroll, its first step in sight; the choice holds for the next question."""
    from desktop.ui.themes import Themes

    w = QuizWindow(bundled.pack)
    qtbot.addWidget(w)
    w.setStyleSheet(Themes().style_sheet(theme, 6) + w.styleSheet())
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    quiz = quizzes.generate(bundled.pack, seed=7, count=12)
    w.start(quiz)
    toggle = w.situation_toggle
    folded = 0
    for n, item in enumerate(quiz.items):
        assert w.index == n
        qtbot.wait(1)  # the question laid out as it is painted
        verdicts = list(w.verdict_buttons.values())
        assert w.scroll.verticalScrollBar().value() == 0
        assert _shown_in(w.verdict_prompt, w.scroll) and _shown_in(verdicts[0], w.scroll), f"question {n + 1}"
        assert _shown_in(w.scenario_label, w.scroll)
        if w.folded:
            folded += 1
            assert _shown_in(toggle, w.scroll) and toggle.height() >= 44 and not w.situation.isVisible()
            assert toggle.text().replace("&", "").startswith("Show what happened") and not toggle.isChecked()
            how = n % 3
            if how == 0:  # a touch
                qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
            elif how == 1:  # Tab to it, then Enter (the page's Enter checks an answer elsewhere)
                toggle.setFocus()
                qtbot.keyClick(toggle, Qt.Key.Key_Return)
                assert not w._checked
            else:  # its underlined letter
                qtbot.keyClick(w.focusWidget(), Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
            qtbot.waitUntil(lambda: w.situation.isVisible())
            step = w.situation.labels[0]
            assert _shown_in(step, w.scroll), f"question {n + 1}: the first step in sight"
            assert toggle.text().replace("&", "") == "Hide what happened"
            toggle.click()  # folded again for the next question
            assert not w.situation.isVisible()
        else:
            assert not toggle.isVisible() and w.situation.isVisible()
        w.answer(item.verdict, item.action_answer)
        w.next_item()
    assert folded >= len(quiz.items) // 2, "the case this test is about: most questions fold"
    w.start(quiz)
    assert w.folded
    toggle.click()
    w.answer(quiz.items[0].verdict, quiz.items[0].action_answer)
    w.next_item()
    assert toggle.isChecked() and w.situation.isVisible(), "shown once, what happened stays shown"


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.parametrize("size", [(800, 600), (1024, 600)], ids=["800x600", "1024x600"])
def test_a_wrong_first_action_is_told_in_its_own_words_with_the_answer_first(qtbot, bundled, size):
    """At the largest text on a laptop the feedback said "you chose D, the answer is C, “…”": the view had scrolled
    to the feedback and D's words were out of sight above it, so what was wrong in D was not on the screen. The
    feedback's line now says the answer first, then the words chosen: both in sight with the feedback."""
    from desktop.ui.themes import Themes

    w = QuizWindow(bundled.pack)
    qtbot.addWidget(w)
    w.setStyleSheet(Themes().style_sheet("night", 6) + w.styleSheet())
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    quiz = quizzes.generate(bundled.pack, seed=7, count=3)
    item = next(i for i in quiz.items if i.action_answer is not None and i.action_answer != 3)
    w.start(dataclasses.replace(quiz, items=(item,)))
    if w.folded:
        w.situation_toggle.click()  # what happened shown too: the choices further down
    qtbot.mouseClick(w.verdict_buttons[item.verdict], Qt.MouseButton.LeftButton)
    picked = w.action_buttons[3]
    qtbot.mouseClick(picked, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.feedback.isVisible() and _shown_in(w.feedback_result, w.scroll))
    assert not _shown_in(picked, w.scroll), "the case this test is about: D scrolled out of sight"
    line = next(label for label in w.feedback_result.labels if label.text().startswith("First action wrong"))
    assert _shown_in(line, w.scroll)
    assert line.text().startswith(f"First action wrong: the answer is {'ABCD'[item.action_answer]}, “{item.right_action}” "
                                  f"You chose D, “{item.action_choices[3]}”"), line.text()
    assert item.action_choices[3] in w.feedback.accessibleDescription()


def test_the_key_that_shows_what_happened_is_on_the_keyboard_keys_page(qtbot, mini_pack):
    """Alt+W opens and folds what happened in a short window, but Help → Keyboard keys did not say so: the key is on
    the quiz's lines, and it is the letter the button underlines, shown or hidden."""
    from PySide6.QtGui import QKeySequence

    from desktop.ui import keys

    w = QuizWindow(mini_pack)
    qtbot.addWidget(w)
    w.start(quizzes.generate(mini_pack, seed=7, count=2))
    on_page = [line for line in keys.quiz_keys() if line.keys == keys.QUIZ_SITUATION]
    assert on_page and "what happened" in on_page[0].does
    for shown in (False, True):
        w.situation_toggle.setChecked(shown)
        assert QKeySequence.mnemonic(w.situation_toggle.text()) == QKeySequence(keys.QUIZ_SITUATION[0])


def test_on_a_projector_what_happened_stays_on_the_question_s_page(qtbot, make_window, bundled):
    """At 1920 × 1080 the situation and the verdicts fit together: the page is as it was, one scroll."""
    from desktop.ui import presentation_window as pw

    officer = make_window()
    w = pw.open_quiz(officer, bundled.pack)
    w.resize(1920, 1080)
    w.show()
    qtbot.waitExposed(w)
    quiz = quizzes.generate(bundled.pack, seed=7, count=12)
    w.start(quiz)
    assert w.text_step == 6
    for item in quiz.items:
        assert not w.folded and not w.situation_toggle.isVisible() and w.situation.isVisible()
        assert w.scenario_label.property("fit") in (None, "")
        w.answer(item.verdict, item.action_answer)
        w.next_item()
    w._settled = True


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_at_the_largest_text_on_800x600_the_score_page_s_note_takes_one_line(qtbot, window, mini_pack, theme):
    """Beside Export result…, New quiz and Close, at the largest text on 800 × 600, "Nothing is saved unless you
    export." was a column a word wide and five lines tall, and the results above it lost those lines. It has its own
    line now, the buttons whole under it."""
    from desktop.ui.themes import Themes

    window.setStyleSheet(Themes().style_sheet(theme, 6) + window.styleSheet())
    window.resize(800, 600)
    quiz = quizzes.generate(mini_pack, seed=1, count=2)
    window.start(quiz)
    for item in quiz.items:
        window.answer(item.verdict, item.action_answer)
        window.next_item()
    qtbot.wait(1)
    note = window.findChild(QLabel, "quizPrivacyNote")
    assert note.isVisible() and note.height() < 2 * note.fontMetrics().height(), "one line"
    buttons = (window.export_button, window.again_button, window.close_button)
    for button in buttons:
        assert button.width() >= button.minimumSizeHint().width() and button.height() >= 44
        assert window.rect().contains(button.geometry().translated(button.parentWidget().mapTo(window, QPoint(0, 0))))
    assert note.mapTo(window, QPoint(0, note.height())).y() <= buttons[0].mapTo(window, QPoint(0, 0)).y()


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_window_made_taller_shows_what_happened_only_with_the_verdicts_still_in_sight(qtbot, bundled):
    """Folded in a short window, what happened opens by itself once the window is tall enough for it and the
    first verdicts together (900 × 650, a window between a laptop's and a projector's). It opened too early: at
    900 × 672 on question 10 of this quiz the verdicts were 212 px below the window's edge, unscrolled, not even
    "What is the verdict?" in sight (folded, its rows were measured at the heights the last question shown had).
    Every question, the window made taller 6 px at a time at two widths: whenever what happened shows, so do the
    verdict question and the first verdict, whole."""
    from desktop.ui.themes import Themes

    w = QuizWindow(bundled.pack)
    qtbot.addWidget(w)
    w.setStyleSheet(Themes().style_sheet("night", 6) + w.styleSheet())
    w.resize(900, 600)
    w.show()
    qtbot.waitExposed(w)
    quiz = quizzes.generate(bundled.pack, seed=7, count=12)
    w.start(quiz)
    opened, hidden = 0, []
    for n, item in enumerate(quiz.items):
        for width in (900, 1100):
            for height in range(600, 820, 6):
                w.resize(width, height)
                qtbot.wait(1)
                first_verdict = next(iter(w.verdict_buttons.values()))
                if not w.folded:
                    opened += 1
                    assert w.situation.isVisible()
                    if not (_shown_in(w.verdict_prompt, w.scroll) and _shown_in(first_verdict, w.scroll)):
                        below = first_verdict.mapTo(w.scroll.viewport(), QPoint(0, first_verdict.height())).y()
                        hidden.append((n + 1, width, height, below - w.scroll.viewport().height()))
        w.resize(900, 600)
        w.answer(item.verdict, item.action_answer)
        w.next_item()
    assert opened, "the case this test is about: what happened opens as the window grows"
    assert hidden == [], "(question, window size, px below) where what happened showed and the verdicts did not"


def test_folded_what_happened_is_heard_from_its_button(qtbot, mini_pack):
    """Folded, what happened is hidden, and a hidden widget is not in what a screen reader reads: an officer
    hearing the quiz got "Show what happened (2 answers)" and none of the answers, even after pressing it (the
    focus stays on the button). The button describes what happened while it is folded; shown, the words are on
    the page to be read, and the button says only "Hide what happened"."""
    w = QuizWindow(mini_pack)
    qtbot.addWidget(w)
    quiz = quizzes.generate(mini_pack, seed=7, count=2)
    w.start(quiz)
    toggle = w.situation_toggle
    for n, item in enumerate(quiz.items):
        described = toggle.accessibleDescription()
        assert described and described == w.situation.accessibleDescription(), f"question {n + 1}"
        for step in item.steps:
            assert step.prompt in described and step.answer in described
        toggle.setChecked(True)
        assert toggle.accessibleName() == "Hide what happened" and toggle.accessibleDescription() == ""
        toggle.setChecked(False)
        assert toggle.accessibleDescription() == described
        w.answer(item.verdict, item.action_answer)
        w.next_item()


def test_enter_before_both_answers_are_picked_says_what_is_missing(qtbot, window, mini_pack):
    """A trainee picked the verdict and pressed Enter: nothing happened, Check answer stayed grey, and nothing
    said the first action was still to pick. The keys line says what Enter waits for, and goes back to naming the
    keys once a choice is made; Enter then checks."""
    window.start(quizzes.generate(mini_pack, ["S10"], seed=1, count=1))
    item = window.quiz.items[0]
    page = window.question_page
    window.verdict_buttons[VERDICTS[0]].setFocus()
    keys_line = window.question_hint.text()
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert not window._checked
    assert window.question_hint.text() == "Pick a verdict (1–4) and the first action (A–D), then Enter to check."
    qtbot.keyClick(page, str(VERDICTS.index(item.verdict) + 1))
    assert window.question_hint.text() == keys_line
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert not window._checked and window.question_hint.isVisible()
    assert window.question_hint.text() == "Pick the first action too (A–D), then Enter to check."
    qtbot.keyClick(page, "ABCD"[item.action_answer])
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert window.feedback.isVisible() and _feedback_text(window).startswith("✔")


def test_enter_with_an_action_and_no_verdict_asks_for_the_verdict(qtbot, window, mini_pack):
    window.start(quizzes.generate(mini_pack, ["S10"], seed=1, count=1))
    page = window.question_page
    window.verdict_buttons[VERDICTS[0]].setFocus()
    qtbot.keyClick(page, "A")
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert not window._checked and window.question_hint.text() == "Pick a verdict too (1–4), then Enter to check."
