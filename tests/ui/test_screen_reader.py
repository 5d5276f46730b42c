"""What a screen reader hears on the officer's pages: every control named, and every glyph (⚠, ✖, ▾, ›) said in
words, on Home, search, a provision, the wizard's questions and its answers, for a few situations."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QLineEdit, QWidget

from desktop.ui.data_loading import load_data
from desktop.ui.history import PROVISION, WIZARD, Location
from tests.ui.ui_helpers import activate, search

#: Glyphs that stand for words on the screen; a screen reader reads them by their Unicode names ("heavy
#: multiplication x", "single right-pointing angle quotation mark", "black down-pointing small triangle").
GLYPHS = re.compile("[⚠ℹ▾▸›✔✖✎☎⚖◀▶↺⌂◐☀☾✕•]")


def _heard(widget: QWidget) -> str:
    """What a screen reader says for ``widget``: its accessible name, else its text (Qt's fallback)."""
    text = widget.text() if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)) else ""
    return widget.accessibleName().strip() or text.strip()


def _rows(view: QAbstractItemView, parent: QModelIndex | None = None):
    model, parent = view.model(), parent if parent is not None else QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from _rows(view, index)


def _problems(window, page: str) -> list[str]:
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        where = f"{page}: {type(widget).__name__} {widget.objectName()!r}"
        heard = _heard(widget)
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not heard:
            problems.append(f"{where} takes the focus with no name and no text")
        if isinstance(widget, QLabel) and widget.text().strip() and not re.search(r"\w", heard):
            problems.append(f"{where} is heard as {heard!r}, a glyph's name, not what it means")
        for said in (widget.accessibleName(), widget.accessibleDescription()):
            if GLYPHS.search(said):
                problems.append(f"{where} says {GLYPHS.search(said).group()!r} in {said[:60]!r}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            for index in _rows(widget):
                said = str(index.data(Qt.ItemDataRole.AccessibleTextRole) or index.data() or "")
                if not said.strip() or GLYPHS.search(said):
                    problems.append(f"{where} row {index.row()} is heard as {said[:60]!r}")
    return problems


@pytest.mark.parametrize(("scenario_id", "answers"), [
    ("S01", ("no", "traffic", "hold")),  # a question, a shared step ("What paper…") and NOT PERMITTED
    ("S01", ("yes", "injured")),  # public-safety duties first: REQUIRED, and "Scene safe now?"
    ("S06", ("no", "yes", "yes", "federal", "immigration")),
    ("S25", ("no", "yes", "unsure", "court", "yes", "federal", "immigration")),  # the longest title, a shared step
])
def test_a_screen_reader_hears_every_control_and_every_glyph_in_words(qtbot, make_window, scenario_id, answers):
    """A focusable widget with neither a name nor text is read as "button"; a glyph is read by its Unicode name.
    The answer's bullets were read "heavy check mark" and "heavy multiplication x" (their empty name is no name,
    and Qt read their text), the verdict's sign the same, a banner's "warning sign" or "scales", the confidence
    badge "heavy check mark Verified", and the header's answers so far "… single right-pointing angle quotation
    mark …" between answers."""
    window = make_window(data=load_data(None))
    window.resize(1024, 600)
    activate(qtbot, window)
    problems = _problems(window, "Home")
    for query in ("detainer", "S06", "2-173-020"):
        window.search_field.clear()
        search(qtbot, window, query)
        problems += _problems(window, f"search {query!r}")
    for provision_id in ("MCC-2-173-020(a)", "LIT-USvIL-2025", "IL-TRUST-15a"):
        window.navigate(Location(PROVISION, provision_id))
        problems += _problems(window, provision_id)
    for count in range(len(answers) + 1):
        window.navigate(Location(WIZARD, scenario_id, answers=answers[:count]))
        problems += _problems(window, f"{scenario_id} {answers[:count]}")
    wizard = window.wizard_page
    assert wizard.stack.currentWidget() is wizard.outcome_scroll, "the walk ends at an answer"
    wizard.heading.click()  # the header shown whole
    problems += _problems(window, f"{scenario_id} header shown whole")
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_the_answers_sections_and_bullets_say_what_they_are(qtbot, make_window):
    """Each item of Do, Do not, Document and Notify is read after the section's name, not a glyph's."""
    window = make_window(data=load_data(None))
    window.navigate(Location(WIZARD, "S01", answers=("no", "traffic", "hold")))
    card = window.wizard_page.card
    for key, title in (("do", "Do"), ("do_not", "Do not"), ("document", "Document"), ("notify", "Notify")):
        section = card.sections[key]
        assert section.isVisible() and section.accessibleName().startswith(f"{title}: ")
        bullets = [b for b in section.findChildren(QLabel, f"bullet_{key}") if b.isVisible()]
        assert len(bullets) == len(section.items) and {_heard(b) for b in bullets} == {title}
    assert _heard(card.verdict_icon) == "NOT PERMITTED"
    assert all(_heard(b).startswith("Open ") for b in card.cites.buttons)


@pytest.mark.parametrize("verdict", ["not_permitted", "permitted", "required", "refer"])
def test_a_verdicts_pill_is_heard_as_its_verdict(qtbot, verdict):
    """The pills of "What changed" after an update (✖ NOT PERMITTED → ☎ CALL SUPERVISOR) are read as the
    verdict alone. Only ✔, ⚠, ℹ and ✖ were left out of a badge's name: "black telephone CALL SUPERVISOR" and
    "exclamation mark REQUIRED" were read."""
    from desktop.domain.model import VERDICT_LABELS
    from desktop.ui.update_dialog import verdict_words
    from desktop.ui.widgets import Badge

    badge = Badge(verdict_words(verdict), "verdict")
    qtbot.addWidget(badge)
    assert badge.text() == verdict_words(verdict) and badge.accessibleName() == VERDICT_LABELS[verdict]


def test_a_badge_of_words_is_heard_whole(qtbot):
    from desktop.ui.widgets import Badge

    for text in ("City", "Reference only", "Secondary source", "287(g) agreements"):
        badge = Badge(text, "jurisdiction")
        qtbot.addWidget(badge)
        assert badge.accessibleName() == text


def _quiz_problems(window, page: str) -> list[str]:
    """What a screen reader would hear as a glyph's name on the quiz window's ``page`` (none may be heard)."""
    problems = _problems(window, page)
    for widget in window.findChildren(QWidget):
        if widget.isVisible() and GLYPHS.search(heard := _heard(widget)):
            problems.append(f"{page}: {type(widget).__name__} {widget.objectName()!r} is heard as {heard[:60]!r}")
    return problems


def test_a_screen_reader_hears_the_quizs_marks_in_words(qtbot, bundled):
    """The quiz's lists read their markers by their glyphs' names: "bullet" before each thing to do in the
    feedback, "heavy check mark" and "heavy multiplication x" on the answers once checked and on the score
    page, where they say which half of an answer was right ("✔ NOT PERMITTED; ✖ Respond as you would…")."""
    from desktop.domain import quiz as quizzes
    from desktop.domain.model import VERDICT_LABELS, VERDICTS
    from desktop.ui.quiz_window import QuizWindow

    window = QuizWindow(bundled.pack)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    quiz = quizzes.generate(bundled.pack, ["S06"], seed=3, count=3)
    window.start(quiz)
    problems = _quiz_problems(window, "question")
    item = window.item
    wrong_verdict = next(v for v in VERDICTS if v != item.verdict)
    wrong_action = (item.action_answer + 1) % len(item.action_choices)
    window.answer(wrong_verdict, wrong_action)
    problems += _quiz_problems(window, "checked")
    bullets = [b for b in window.feedback_do.findChildren(QLabel, "quizFeedbackBullet") if b.isVisible()]
    assert len(bullets) == len(item.do) and {_heard(b) for b in bullets} == {"Do"}
    right = window.verdict_buttons[item.verdict]
    assert right.accessibleName().endswith(f"{VERDICT_LABELS[item.verdict]}, the answer")
    assert window.action_buttons[wrong_action].accessibleName().endswith(", your answer, wrong")
    for n in range(1, len(quiz.items)):
        window.next_item()
        problems += _quiz_problems(window, f"question {n + 1}")
        answers = [*window.verdict_buttons.values(), *window.action_buttons]
        assert not [b for b in answers if "answer" in b.accessibleName() or _heard(b.text_label) != b.label()]
        window.answer(quiz.items[n].verdict, quiz.items[n].action_answer)
    window.next_item()
    problems += _quiz_problems(window, "score")
    chosen = window.results_list.values[0][0]
    assert _heard(chosen) == (f"Wrong: {VERDICT_LABELS[wrong_verdict]}; "
                              f"Wrong: {item.action_choices[wrong_action]}")
    assert not problems, "\n".join(dict.fromkeys(problems))
