"""The wizard header on a short screen, from review: a double tap on it, words without spaces, the only answer so far."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QGuiApplication

from desktop.ui.history import WIZARD, Location
from tests.ui.test_wizard import _press
from tests.ui.ui_helpers import activate


def _window(qtbot, make_window, size=(1000, 552), step=6, title=None, hints=True):
    from desktop.domain.model import Question
    from desktop.ui.data_loading import load_data

    data = load_data(None)
    pack = data.loaded.pack
    if title is not None:  # every situation gets this title (the schema allows any line of 1-2,000 characters)
        object.__setattr__(pack, "_scenarios",
                           {k: dataclasses.replace(s, title=title) for k, s in pack._scenarios.items()})
    if not hints:  # no question has a "How to tell" hint (its folded button can sit beside the question)
        object.__setattr__(pack, "_scenarios", {k: dataclasses.replace(s, nodes=tuple(
            dataclasses.replace(n, help="") if isinstance(n, Question) else n for n in s.nodes))
            for k, s in pack._scenarios.items()})
    window = make_window(data=data, with_index=False)
    window.resize(*size)
    window.set_text_step(step)
    activate(qtbot, window)
    return window, window.wizard_page


def test_a_double_tap_that_closes_the_header_gives_no_answer(qtbot, make_window):
    """The header shown whole; a gloved double tap low on its words to close it. The first tap shortens the
    header by ~100 px, an answer moves up under the finger, and the second tap answered it. (A one-line question
    with no hint: the folded hint's button beside it would take it to two lines, and keep the answers lower.)"""
    window, wizard = _window(qtbot, make_window, hints=False)
    window.navigate(Location(WIZARD, "S01", answers=("no", "traffic", "warrant", "court", "yes", "federal", "other")))
    keys = wizard.state.keys
    heading = wizard.heading
    qtbot.mouseClick(heading, Qt.MouseButton.LeftButton)  # read it whole
    assert wizard._expanded
    shown = heading.visibleRegion().boundingRect()  # the words scroll within the header past HEADER_SHARE
    spot = heading.mapTo(window, QPoint(shown.center().x(), shown.bottom() - 12))
    assert window.childAt(spot) in (heading, wizard.title_label, wizard.breadcrumb)
    interval = QGuiApplication.styleHints().mouseDoubleClickInterval()
    _press(heading, 20_000, window=window, spot=spot)  # closes the header
    under = window.childAt(spot)
    assert any(b is under or b.isAncestorOf(under) for b in wizard.answer_buttons), "an answer is under the finger"
    _press(heading, 20_000 + interval // 2, QEvent.Type.MouseButtonDblClick, window=window, spot=spot)  # the second
    assert wizard.state.keys == keys, f"the second tap of a double tap on the header answered {under.objectName()!r}"


def test_a_double_tap_on_the_shortened_header_shows_it_whole(qtbot, make_window):
    """A gloved double tap on the shortened header opens and at once closes it: nothing to see."""
    window, wizard = _window(qtbot, make_window)
    window.navigate(Location(WIZARD, "S25", answers=("no", "yes", "unsure", "court")))
    heading = wizard.heading
    interval = QGuiApplication.styleHints().mouseDoubleClickInterval()
    _press(heading, 30_000, window=window)
    _press(heading, 30_000 + interval // 2, QEvent.Type.MouseButtonDblClick, window=window)
    assert wizard._expanded, "a double tap counts as one tap, as on the answers"


@pytest.mark.parametrize("title", [
    "Immigration-and-Customs-Enforcement-Enforcement-and-Removal-Operations-administrative-warrant-I-200",
    "移民和海关执法局特工在医院或急诊室你正在看守一名被捕者或者特工在急诊科移民和海关执法局特工在医院或急诊室你正在看守一名被捕者",
])
def test_a_title_without_spaces_keeps_to_two_lines(qtbot, make_window, title):
    window, wizard = _window(qtbot, make_window, title=title)
    window.navigate(Location(WIZARD, "S08", answers=("no",)))
    label = wizard.title_label
    fm = label.fontMetrics()
    needed = fm.boundingRect(0, 0, label.contentsRect().width(), 100_000,
                             Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, label.text()).height()
    assert needed < 2.5 * fm.lineSpacing(), f"{round(needed / fm.lineSpacing())} lines: {label.text()!r}"


def test_a_word_longer_than_a_line_is_cut_with_an_ellipsis_not_run_past_the_edge(qtbot, make_window):
    """A title with a word longer than the header's line (a form's id-like name) was shortened before that word:
    "Agents show an…", the title's second line left empty. It is shortened within the word, "…" after as much of
    it as fits on the title's two lines, as the editor's logic map title is (both are a FittedLabel)."""
    word = "Immigration-and-Customs-Enforcement-Enforcement-and-Removal-Operations-administrative-warrant-I-200"
    window, wizard = _window(qtbot, make_window, title=f"Agents show an {word} form")
    window.navigate(Location(WIZARD, "S08", answers=("no",)))
    label = wizard.title_label
    shown, width = label.text(), label.contentsRect().width()
    lines = label.fontMetrics().boundingRect(0, 0, width, 100_000,
                                             Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, shown)
    assert lines.width() <= width, f"a line runs past the edge: {shown!r}"
    assert lines.height() < 2.5 * label.fontMetrics().lineSpacing(), shown
    assert shown.startswith("Agents show an Immigration-and-") and shown.endswith("…"), "as much of the word as fits"


@pytest.mark.parametrize("screen", [("S04", ("dhs",)), ("S13", ("yes",)), ("S08", ("yes",)), ("FORCE", ("protest",))])
def test_the_only_answer_so_far_shows_after_its_label(qtbot, make_window, screen):
    """On a short screen at the largest text the only answer so far showed on its own, without "Your
    answers:": under "Force… › Protest at a federal operation: tear gas, pepper…" the line "A protest at the
    operation: tear gas…" read as more of the title. It keeps its label, and its words are cut at a word."""
    window, wizard = _window(qtbot, make_window)
    window.navigate(Location(WIZARD, screen[0], answers=screen[1]))
    trail, answer = wizard.breadcrumb, wizard.state.steps[-1].label
    shown = trail.text()
    assert shown.startswith("Your answers: "), f"shown: {shown!r}"
    words = shown.removeprefix("Your answers: ")
    assert words == answer or (words.endswith("…") and answer.startswith(words[:-1].rstrip())), f"shown: {shown!r}"
    assert trail.toolTip() == "Your answers: " + answer, "whole in its tooltip"
    assert wizard.heading.active == (trail.shortened() or wizard.title_label.shortened()), "and on a tap"
    fm = trail.fontMetrics()
    assert fm.height() <= trail.height() < 2 * fm.lineSpacing(), "one line"


_SEVEN_ANSWERS = ("S01", ("no", "traffic", "warrant", "court", "yes", "federal", "other"))
_LONG_TITLE = " ".join(["ICE agents at a hospital emergency department ask the officer guarding an arrestee to"] * 8)


def _header_words_in_sight(wizard) -> bool:
    view = wizard.heading_scroll.viewport()
    trail = wizard.breadcrumb
    return trail.mapTo(view, trail.rect().bottomLeft()).y() < view.height()


@pytest.mark.parametrize(("size", "title"), [((1000, 552), None), ((776, 576), None), ((776, 576), _LONG_TITLE)],
                         ids=["1000x552", "800x600 screen", "long title"])
def test_the_opened_header_leaves_the_question_most_of_the_page(qtbot, make_window, size, title):
    """Opened at the largest text, S01's header after seven answers took 244 of the page's 456 px on
    1000 × 552 and 370 of 480 on an 800 × 600 screen, where the question kept a line and a half; a long
    title took more. The words scroll within the header, at most under half the page: every word still
    there, PageDown on them reaches the last answer, and the question, the answer with the focus and the
    view's place stay as they were."""
    from PySide6.QtWidgets import QFrame

    window, wizard = _window(qtbot, make_window, size=size, title=title)
    window.navigate(Location(WIZARD, *_SEVEN_ANSWERS))
    header, view = wizard.findChild(QFrame, "wizardHeader"), wizard.question_scroll
    answer, place = QGuiApplication.focusObject(), view.verticalScrollBar().value()
    assert answer is wizard.answer_buttons[0]
    qtbot.mouseClick(wizard.heading, Qt.MouseButton.LeftButton)
    assert wizard._expanded
    assert wizard.title_label.text() == wizard.title_label.toolTip(), "the title whole"
    assert wizard.breadcrumb.text() == wizard.breadcrumb.toolTip(), "every answer"
    page = wizard.height()
    assert header.height() <= page / 2, f"the opened header takes {header.height()} of the page's {page} px"
    assert QGuiApplication.focusObject() is answer and view.verticalScrollBar().value() == place
    prompt = wizard.prompt_label
    top = prompt.mapTo(view.viewport(), prompt.rect().topLeft()).y()
    bottom = answer.mapTo(view.viewport(), answer.rect().bottomLeft()).y()
    assert 0 <= top and bottom < view.viewport().height(), "the question and its first answer are not in sight"

    assert not _header_words_in_sight(wizard), "nothing to scroll: the case under test is gone"
    bar = wizard.heading_scroll.verticalScrollBar()
    for _ in range(20):  # a page of the header's words at a time, to their end
        qtbot.keyClick(wizard.heading, Qt.Key.Key_PageDown)
    assert bar.value() == bar.maximum() and _header_words_in_sight(wizard), "the last answer cannot be reached"
    assert wizard.state.keys == _SEVEN_ANSWERS[1] and wizard._expanded, "PageDown answered or closed"

    qtbot.mouseClick(wizard.heading, Qt.MouseButton.LeftButton)  # shortened again, and opened at its start
    assert not wizard._expanded and wizard.heading_scroll.verticalScrollBar().value() == 0
    qtbot.mouseClick(wizard.heading, Qt.MouseButton.LeftButton)
    assert wizard.heading_scroll.verticalScrollBar().value() == 0


def test_a_long_title_on_a_tall_page_leaves_the_question_most_of_it(qtbot, make_window):
    """From 1366 × 768 the header shows the whole title without a tap: a long one took 352 of the page's 602 px."""
    from PySide6.QtWidgets import QFrame

    window, wizard = _window(qtbot, make_window, size=(1366, 698), step=0, title=_LONG_TITLE)
    window.navigate(Location(WIZARD, *_SEVEN_ANSWERS))
    header = wizard.findChild(QFrame, "wizardHeader")
    assert not wizard._expanded and wizard.title_label.text().startswith(_LONG_TITLE)
    assert header.height() <= wizard.height() / 2, f"{header.height()} of {wizard.height()} px"


def test_below_back_and_restart_the_answers_so_far_take_the_whole_width(qtbot, make_window):
    """At the largest text on an 800 × 600 screen the answers so far, a line below Back and Restart, were laid
    out beside them, 407 of the header's 728 px: "… › Someone is injured or needs…". Below the buttons they
    take the whole width, by the same rule (the latest answers that fit); the title keeps left of the buttons,
    and the header's words take no press there."""
    from PySide6.QtWidgets import QFrame

    window, wizard = _window(qtbot, make_window, size=(776, 576))
    window.navigate(Location(WIZARD, "S01", answers=("yes", "injured")))  # the page's first show
    header, trail, title = wizard.findChild(QFrame, "wizardHeader"), wizard.breadcrumb, wizard.title_label
    back, restart = wizard.back_button, wizard.restart_button

    def rect(widget):
        return widget.rect().translated(widget.mapTo(header, widget.rect().topLeft()))

    assert rect(trail).top() >= rect(restart).bottom() + 1 and rect(trail).width() == 728, "the whole width"
    assert trail.text() == "Your answers: (1 earlier)  ›  Someone is injured or needs medical help"
    assert trail.toolTip() == "Your answers: Yes — someone is hurt or in danger  ›  " + wizard.state.steps[-1].label
    assert rect(title).right() < rect(back).left() < rect(back).right() < rect(restart).left()
    assert header.height() <= 104 and wizard.heading.active
    for button in (back, restart):
        centre = button.mapTo(window, button.rect().center())
        assert window.childAt(centre) is button, "Back and Restart take their presses"
        assert not wizard.heading.mask().contains(wizard.heading.mapFrom(window, centre)), "nor do the words"


@pytest.mark.parametrize("step", [0, 6])
@pytest.mark.parametrize("place", [("S01", ()), ("S01", ("yes",)), ("S01", ("yes", "injured")),  # a first question,
                                   ("S25", ("no", "yes", "unsure", "court"))])  # a question, an answer, a long title
def test_a_page_made_short_lays_its_header_out_at_once(qtbot, make_window, place, step):
    """The page is short (SHORT_PAGE) by its height, known only when it is laid out. Decided in its resizeEvent,
    after Qt's layout had placed the header at the new height: opened at S01's first answer on an 800 × 600
    screen, the header kept the height of the words before they were shortened, 121 px until the next turn of
    the event loop and 103 after it, where its words take 82. Also when the window is made that short, and
    taller again (Back and Restart grow back: the title beside them takes more lines)."""
    from PySide6.QtWidgets import QApplication

    window, wizard = _window(qtbot, make_window, size=(776, 576), step=step)
    header = wizard.header

    def heights():
        return header.height(), header.heightForWidth(header.width())

    window.navigate(Location(WIZARD, place[0], answers=place[1]))  # the page's first show: it is short
    at_once = heights()
    for _ in range(3):
        QApplication.processEvents()
    assert wizard._short and heights() == at_once and at_once[0] == at_once[1]
    window.resize(1280, 800)
    for size in ((776, 576), (1280, 800), (1024, 600)):
        window.resize(*size)
        at_once = heights()
        for _ in range(3):
            QApplication.processEvents()
        assert heights() == at_once and at_once[0] == at_once[1], f"at {size}"


def test_a_screen_reader_hears_the_header_as_a_button_only_where_it_opens_something(qtbot, make_window):
    """Where nothing in the header is shortened, a screen reader heard a button that did nothing ("Situation and
    answers so far, button"): it is a group of the words then, with nothing to press; a button where a tap shows
    them whole, or shortens them again."""
    from PySide6.QtGui import QAccessible, QAccessibleActionInterface

    from desktop.ui.widgets import focus_ring

    window, wizard = _window(qtbot, make_window)
    qtbot.waitUntil(lambda: focus_ring() is not None)  # after the first frame, as a screen reader
    heading = wizard.heading
    press = QAccessibleActionInterface.pressAction()

    def heard():
        face = QAccessible.queryAccessibleInterface(heading)
        return face.role(), face.text(QAccessible.Text.Name), face.actionInterface().actionNames()

    window.navigate(Location(WIZARD, "S08", answers=("no",)))  # a short title and one answer: nothing shortened
    assert not heading.active
    role, name, actions = heard()
    assert role == QAccessible.Role.Grouping and press not in actions
    assert name == "" and QAccessible.queryAccessibleInterface(heading).text(QAccessible.Text.Description) == "", (
        "a group with no name: the title and the answers so far are read in it, each once")
    QAccessible.queryAccessibleInterface(heading).actionInterface().doAction(press)  # a press does nothing
    assert not wizard._expanded

    window.navigate(Location(WIZARD, "S25", answers=("no", "yes", "unsure", "court")))  # shortened
    assert heading.active
    role, name, actions = heard()
    assert role == QAccessible.Role.Button and name.endswith("press to show them whole") and press in actions
    QAccessible.queryAccessibleInterface(heading).actionInterface().doAction(press)
    assert wizard._expanded, "pressed by a screen reader, it shows the words whole"
    role, name, actions = heard()
    assert role == QAccessible.Role.Button and name.endswith("press to shorten them") and press in actions
