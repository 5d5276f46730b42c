"""What a screen reader hears on the officer's pages: every control named, and every glyph (⚠, ✖, ▾, ›) said in
words, on Home, search, a provision, the wizard's questions and its answers, for a few situations."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAbstractItemView, QLabel, QWidget

from desktop.ui.data_loading import load_data
from desktop.ui.history import PROVISION, WIZARD, Location
from tests.ui.ui_helpers import activate, search

#: Glyphs that stand for words on the screen; a screen reader reads them by their Unicode names ("heavy
#: multiplication x", "single right-pointing angle quotation mark", "black down-pointing small triangle").
GLYPHS = re.compile("[⚠ℹ▾▸›✔✖✎☎⚖◀▶↺⌂◐☀☾✕•]")


#: Roles a screen reader reads as their name alone, not the labels that make them up.
CONTROLS = {QAccessible.Role.Button, QAccessible.Role.PushButton, QAccessible.Role.CheckBox,
            QAccessible.Role.RadioButton, QAccessible.Role.ButtonMenu, QAccessible.Role.ComboBox,
            QAccessible.Role.EditableText, QAccessible.Role.List, QAccessible.Role.Tree, QAccessible.Role.Table}


def _heard(widget: QWidget) -> str:
    """What a screen reader says for ``widget``: the name its accessible interface gives (its accessible name, else
    a label's or button's text: Qt's fallback)."""
    return (QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name) or "").strip()


def _read(widget: QWidget) -> bool:
    """Whether a screen reader reads ``widget`` at all: shown, and not left out of the accessibility tree."""
    return widget.isVisible() and not QAccessible.queryAccessibleInterface(widget).state().invisible


def _reading(interface: QAccessibleInterface, containers: tuple[str, ...] = ()):
    """What a screen reader says reading ``interface`` through, in order: (what it says, its object, the names of
    the containers it sits in) for each thing shown. A control (a button, a field, a list) is read as its name, so
    the labels inside it are not read on their own."""
    for i in range(interface.childCount()):
        child = interface.child(i)
        if child is None or child.state().invisible:
            continue
        said = (child.text(QAccessible.Text.Name) or "").strip()
        yield said, child.object(), containers
        if child.role() not in CONTROLS:
            yield from _reading(child, (*containers, said) if said else containers)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _says_again(earlier: str, later: str, within: bool) -> bool:
    """Whether ``later`` says again what ``earlier`` said: the same words, or them as its lead ("Note" before
    "Note: …"), or (``within`` a container that said it all) words ``earlier`` already held."""
    first, then = _words(earlier), _words(later)
    if not first or not then:
        return False
    lead = earlier.strip().rstrip(":").casefold() + ":"
    return then == first or later.casefold().startswith(lead) or (within and f" {then} " in f" {first} ")


def _doubles(window: QWidget, page: str) -> list[str]:
    """The words a screen reader says twice reading ``window`` through: a thing and the one read just before it,
    or a container and a thing in it, saying the same."""
    problems, before = [], ""
    for said, obj, containers in _reading(QAccessible.queryAccessibleInterface(window)):
        where = f"{page}: {type(obj).__name__} {obj.objectName()!r}"
        if _says_again(before, said, within=False):
            problems.append(f"{where} says {said[:50]!r} just after {before[:50]!r}")
        for container in containers:
            if _says_again(container, said, within=True):
                problems.append(f"{where} says {said[:50]!r} in a container that said {container[:50]!r}")
        before = said or before
    return problems


def _rows(view: QAbstractItemView, parent: QModelIndex | None = None):
    model, parent = view.model(), parent if parent is not None else QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from _rows(view, index)


def _problems(window, page: str) -> list[str]:
    problems = []
    for widget in window.findChildren(QWidget):
        if not _read(widget):
            continue
        where = f"{page}: {type(widget).__name__} {widget.objectName()!r}"
        heard = _heard(widget)
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not heard:
            problems.append(f"{where} takes the focus with no name and no text")
        if isinstance(widget, QLabel) and widget.text().strip() and not re.search(r"\w", heard):
            problems.append(f"{where} is heard as {heard!r}, a glyph's name, not what it means")
        # Qt reads a widget's tip as its description where it has none of its own: the wizard's title was described
        # "… single right-pointing angle quotation mark Someone is hurt …" at a shared step
        described = QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Description) or ""
        for said in (widget.accessibleName(), widget.accessibleDescription(), described):
            if GLYPHS.search(said):
                problems.append(f"{where} says {GLYPHS.search(said).group()!r} in {said[:60]!r}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            for index in _rows(widget):
                said = str(index.data(Qt.ItemDataRole.AccessibleTextRole) or index.data() or "")
                if not said.strip() or GLYPHS.search(said):
                    problems.append(f"{where} row {index.row()} is heard as {said[:60]!r}")
    return problems + _doubles(window, page)


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
    """Each item of Do, Do not, Document and Notify is read after the section's heading, once, and never a glyph:
    the section said all its items before the heading and the items said them again, each bullet said "Do not"
    before its item, and the verdict's sign said NOT PERMITTED beside the words NOT PERMITTED."""
    window = make_window(data=load_data(None))
    window.navigate(Location(WIZARD, "S01", answers=("no", "traffic", "hold")))
    card = window.wizard_page.card
    for key, title in (("do", "Do"), ("do_not", "Do not"), ("document", "Document"), ("notify", "Notify")):
        section = card.sections[key]
        assert section.isVisible() and _heard(section) == "" and _heard(section.heading) == title
        bullets = [b for b in section.findChildren(QLabel, f"bullet_{key}") if b.isVisible()]
        assert len(bullets) == len(section.items) and not [b for b in bullets if _read(b)]
        assert [_heard(label) for label in section.labels] == list(section.items)
    assert not _read(card.verdict_icon) and _heard(card.verdict_label) == "Verdict: NOT PERMITTED"
    assert _heard(card.verdict_frame) == ""
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


#: The quiz's marks, and the arrow between each question of what happened and its answer ("rightwards arrow")
QUIZ_GLYPHS = re.compile(f"{GLYPHS.pattern}|→")


def _quiz_problems(window, page: str) -> list[str]:
    """What a screen reader would hear as a glyph's name on the quiz window's ``page`` (none may be heard)."""
    problems = _problems(window, page)
    for widget in window.findChildren(QWidget):
        interface = QAccessible.queryAccessibleInterface(widget)
        heard = f"{_heard(widget)} {interface.text(QAccessible.Text.Description) or ''}"
        if _read(widget) and QUIZ_GLYPHS.search(heard):
            problems.append(f"{page}: {type(widget).__name__} {widget.objectName()!r} is heard as {heard[:60]!r}")
    return problems


def test_a_screen_reader_hears_the_quizs_marks_in_words(qtbot, bundled, monkeypatch):
    """The quiz's lists read their markers by their glyphs' names: "bullet" before each thing to do in the
    feedback, "heavy check mark" and "heavy multiplication x" on the answers once checked and on the score
    page, where they say which half of an answer was right ("✔ NOT PERMITTED; ✖ Respond as you would…")."""
    from desktop.domain import quiz as quizzes
    from desktop.domain.model import VERDICT_LABELS, VERDICTS
    from desktop.ui import widgets
    from desktop.ui.quiz_window import QuizWindow

    # A quiz opens from the officer window after its first frame, or from --present (no_main_window): the Signs
    # are left out by then. Run alone, this test saw them still waiting for a first frame no test had shown.
    monkeypatch.setattr(widgets, "_touch_waiting", [])  # as at launch, whatever earlier tests did
    widgets.first_frame_shown()
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
    assert len(bullets) == len(item.do) and not [b for b in bullets if _read(b)]  # "Do", above them, is
    assert [_heard(label) for label in window.feedback_do.labels] == list(item.do)
    marks = [m for m in window.feedback_result.findChildren(QLabel, "quizFeedbackMark") if m.isVisible()]
    assert marks and not [m for m in marks if _read(m)]  # its lines say "Verdict wrong: …"
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


def test_a_lists_marks_are_heard_in_words_whatever_the_list(qtbot):
    """Each list that hangs its lines under their markers says the marks in its words as words, with or without
    what its markers mean: a citation needing care was "warning sign" in a list without marker words (only the quiz's
    feedback had its ⚠ said, after the list had named it), and "Any paper?  →  A detainer" was "rightwards arrow"."""
    from desktop.ui.widgets import HangingList

    plain = HangingList("plainList", "plainItem", "list", marker_name="plainBullet")
    numbered = HangingList("numberedList", "numberedItem", "list", marker_name="plainNumber")
    meaning = HangingList("meaningList", "meaningItem", "list", marker_name="meaningMark",
                          marker_words={"✔": "Right", "✖": "Wrong"})
    for widget in (plain, numbered, meaning):
        qtbot.addWidget(widget)
        widget.show()
    cited = "Rests on 5\u00a0ILCS\u00a0805/15(h)\u00a0⚠"
    plain.set_items([("•", cited), ("•", "Give aid and call EMS.")])
    assert [_heard(label) for label in plain.labels] == ["Rests on 5 ILCS 805/15(h) caution", "Give aid and call EMS."]
    numbered.set_items([("1.", "Any paper?  →  A detainer"), ("2.", "Where?  →  On the street")])
    assert [_heard(label) for label in numbered.labels] == ["1. Any paper? A detainer", "2. Where? On the street"]
    meaning.set_items([("✖", f"Respond as usual ({cited})")])
    assert _heard(meaning.labels[0]) == "Wrong: Respond as usual (Rests on 5 ILCS 805/15(h) caution)"
    plain.set_items([("•", "Words without marks")])  # a row used again is heard as its new words
    assert _heard(plain.labels[0]) == "Words without marks"


def test_a_mark_or_separator_with_nothing_on_one_side_is_heard_without_a_stray_pause():
    """A quiz mark alone on its line was heard "Right:" waiting for words that never came, and a line starting with a
    separator ("  ›  Someone is hurt", a situation's first step on a line of its own) began with a comma's pause."""
    from desktop.ui.quiz_window import MARK_WORDS
    from desktop.ui.widgets import said

    assert said("✔", MARK_WORDS) == "Right" and said("✖\u00a0", MARK_WORDS) == "Wrong"
    assert said("✔\n✖ Refuse outright.", MARK_WORDS) == "Right\nWrong: Refuse outright."
    assert said("✔\u00a03.", MARK_WORDS) == "Right: 3."  # as before: the mark's word, then what it marks
    assert said("Agents ask\n  ›  Someone is hurt") == "Agents ask\nSomeone is hurt"
    assert said("  →  An I-247A") == "An I-247A"
    assert said("Agents ask  ›  Someone is hurt") == "Agents ask, Someone is hurt"  # a pause between, as before


def test_the_slides_say_a_citations_caution_in_a_word(qtbot, bundled):
    """The slides' words are what a screen reader hears of them (the window's description): an answer resting on a
    provision needing care said "warning sign" after its citation and before the line saying what ⚠ means."""
    from desktop.domain import walkthrough as wt
    from desktop.ui.presentation_window import PresentationWindow

    slides = PresentationWindow(bundled.pack, ["S02"], "Week 3")
    qtbot.addWidget(slides)
    slides.resize(1280, 720)
    slides.show()
    for _ in range(30):  # the first answer to each question, to the first answer's slide
        if slides.stage == wt.OUTCOME:
            break
        slides.choose(1) if slides.stage == wt.CHOICES else slides.next()
    assert slides.stage == wt.OUTCOME and "⚠" in slides.slide_text(slides.body)
    described = slides.accessibleDescription()
    # "Law: 720 ILCS 5/7-15; EO 2026-01 caution", then what ⚠ means, after "caution"
    assert "⚠" not in described and re.search(r"\w caution\ncaution contested, in litigation", described), described


def test_the_problems_page_says_where_each_problem_is_in_words(qtbot):
    """Where a problem is ("provisions › IL-TRUST-15a › summary") was heard with the ›'s Unicode name between its
    parts."""
    from desktop.domain.validation import Problem
    from desktop.storage.pack_file import load_pack
    from desktop.ui.data_loading import DataState
    from desktop.ui.problems_page import ProblemsPage
    from tests.conftest import MINI_PACK

    data = DataState(load_pack(MINI_PACK), "bundled", failed_file="broken.json",
                     problems=[Problem("broken.json", "provisions", "IL-TRUST-15a", "summary", "is required")])
    page = ProblemsPage()
    qtbot.addWidget(page)
    page.show_problems(data)
    page.show()
    where = [label for label in page.findChildren(QLabel, "problemWhere") if label.isVisible()]
    assert where and all("›" in label.text() for label in where)
    assert [_heard(label) for label in where] == ["provisions, IL-TRUST-15a, summary"]


def test_what_changed_says_each_answer_once(qtbot):
    """What changed after an update: each changed answer is heard as its verdicts' pills, then the answer, once.
    The row of pills was named with all of it ("NOT PERMITTED → CALL SUPERVISOR — the answer"), so a screen
    reader said the verdicts twice and the answer twice."""
    from desktop.domain.codec import pack_from_tables
    from desktop.domain.diff import diff_packs
    from desktop.ui.update_dialog import DiffView
    from tests.helpers import mini_tables
    from tests.supervisor_helpers import set_verdict

    old = mini_tables()
    new = set_verdict(set_verdict(mini_tables(), "S08", "o_release", "refer"), "S10", "o_no", "permitted")
    view = DiffView(diff_packs(pack_from_tables(old), pack_from_tables(new)))
    qtbot.addWidget(view)
    view.show()
    said = [words for words, _obj, _containers in _reading(QAccessible.queryAccessibleInterface(view)) if words]
    assert "CALL SUPERVISOR" in said and not GLYPHS.search(" ".join(said))
    problems = _problems(view, "What changed")
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_signs_made_before_the_first_frame_are_left_out_once_it_is_up(qtbot, monkeypatch):
    """Leaving Signs out costs QAccessible's types (~3.5 ms): a Sign made before the first frame (the out-of-date
    banner's) waits for it, as touch scrolling does; one made after it is left out at once. Nothing is asked of
    QAccessible before the first frame: asking whether a screen reader is on cost 2.8 ms, and none can be yet."""
    from desktop.ui import widgets

    installs: list[str] = []
    monkeypatch.setattr(widgets, "_silence_signs", lambda: installs.append("installed"))
    monkeypatch.setattr(widgets, "_touch_waiting", [])  # as at launch, whatever earlier tests did
    qtbot.addWidget(widgets.Sign("⚠"))
    assert installs == []
    widgets.first_frame_shown()
    assert installs == ["installed"]
    qtbot.addWidget(widgets.Sign("✖"))
    assert installs == ["installed"] * 2
