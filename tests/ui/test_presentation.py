"""Presentation mode: keyboard/clicker navigation, the outcome hidden until revealed, blanking,
type fitted to the screen, and the trainer's actions in the officer window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desktop.domain import walkthrough as wt
from desktop.domain import wizard
from desktop.ui import presentation_window as pw
from desktop.ui.presentation_window import PresentationWindow
from tests.conftest import BUNDLED_PACK


@pytest.fixture
def show(qtbot, mini_pack):
    def make(ids=("S08", "S10"), size=(1280, 720), title="Week 3") -> PresentationWindow:
        window = PresentationWindow(mini_pack, list(ids), title)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.setFocus()
        return window

    return make


def key(qtbot, window, k):
    qtbot.keyClick(window, k)


def test_walk_with_keys_reveals_one_thing_at_a_time(qtbot, show):
    w = show()
    assert w.stage == wt.TITLE and w.heading.text() == "ICE sends a detainer for someone about to be released"
    assert "Scenario 1 of 2" in w.kicker.text() and "Week 3" in w.kicker.text()
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.stage == wt.QUESTION and w.heading.text() == "Is anyone in immediate danger or hurt?"
    assert w.visible_choices() == [], "answers stay hidden while the room discusses"
    key(qtbot, w, Qt.Key.Key_2)
    assert w.stage == wt.QUESTION, "no answer can be picked before the answers are shown"
    key(qtbot, w, Qt.Key.Key_Space)
    assert w.visible_choices() == ["1   Yes: someone is hurt or in danger", "2   No"]
    key(qtbot, w, Qt.Key.Key_2)
    assert w.heading.text() == "Is there any reason to hold the person other than the detainer?"
    assert "Is anyone in immediate danger or hurt?  →  No" in w.slide_text(w.trail), "the path so far stays visible"
    key(qtbot, w, Qt.Key.Key_PageDown)
    key(qtbot, w, Qt.Key.Key_1)
    assert w.stage == wt.OUTCOME_HIDDEN
    assert not w.outcome_visible() and not w.verdict.isVisibleTo(w) and not w.headline.isVisibleTo(w)
    assert w.heading.text() == "What should the officer do?"
    assert "No, they are otherwise free to go" in w.slide_text(w.trail)
    key(qtbot, w, Qt.Key.Key_PageDown)
    assert w.outcome_visible()
    assert w.verdict.text() == "NOT PERMITTED" and w.verdict.property("verdict") == "not_permitted"
    assert w.headline.text() == "Do not hold the person for ICE; release as usual."
    assert "5 ILCS 805/15(a)" in w.slide_text(w.body) and "MCC 2-173-020(a)(1)(C)" in w.slide_text(w.body)
    assert "Release on the normal schedule" in w.slide_text(w.body) and "Why:" not in w.slide_text(w.body)
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.stage == wt.OUTCOME_DETAIL and w.outcome_visible() and w.verdict.text() == "NOT PERMITTED"
    assert "Why: The rule cited below decides this." in w.slide_text(w.body)
    assert "→ what to say" in w.status.text() and not w.hint.isVisibleTo(w)
    key(qtbot, w, Qt.Key.Key_Right)  # the words to say, for the room to role-play: the wizard shows them too
    outcome = w.walk.outcome
    assert w.stage == wt.OUTCOME_SAY and w.outcome_visible() and w.verdict.text() == "NOT PERMITTED"
    assert w.slide_text(w.body).startswith("What to say:") and all(
        f"“{words}”" in w.slide_text(w.body) for words in outcome.say)
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.stage == wt.TITLE and w.heading.text() == "ICE asks to stage in a City lot" and not w.slide_text(w.trail)


def test_back_undoes_one_step_at_a_time(qtbot, show):
    w = show()
    for k in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_2, Qt.Key.Key_Right, Qt.Key.Key_1, Qt.Key.Key_Right):
        key(qtbot, w, k)
    assert w.outcome_visible()
    key(qtbot, w, Qt.Key.Key_PageUp)
    assert w.stage == wt.OUTCOME_HIDDEN and not w.verdict.isVisibleTo(w)
    key(qtbot, w, Qt.Key.Key_Left)
    assert w.stage == wt.CHOICES and w.heading.text().startswith("Is there any reason")
    key(qtbot, w, Qt.Key.Key_Left)
    assert w.stage == wt.QUESTION and w.visible_choices() == []
    key(qtbot, w, Qt.Key.Key_Left)
    assert w.stage == wt.CHOICES and w.heading.text() == "Is anyone in immediate danger or hurt?"
    for _ in range(5):
        key(qtbot, w, Qt.Key.Key_PageUp)
    assert w.stage == wt.TITLE


def test_b_blanks_the_screen_and_step_keys_only_unblank(qtbot, show):
    w = show()
    key(qtbot, w, Qt.Key.Key_Right)
    with qtbot.waitSignal(w.blank_toggled, check_params_cb=lambda on: on is True):
        key(qtbot, w, Qt.Key.Key_B)
    assert w.is_blanked() and w.blank.isVisible() and not w.content.isVisible()
    key(qtbot, w, Qt.Key.Key_Right)
    assert not w.is_blanked() and w.stage == wt.QUESTION, "nothing moves while the screen is blank"
    key(qtbot, w, Qt.Key.Key_Period)  # the "blank" button of most clickers
    assert w.is_blanked()
    key(qtbot, w, Qt.Key.Key_B)
    assert not w.is_blanked() and w.content.isVisible()


def test_pointing_at_another_answer_recolours_it_without_setting_the_style_sheet_again(qtbot, show, monkeypatch):
    """Each step set the whole style sheet again, even where the type kept its size: every label re-polished,
    about 7 ms of a 19 ms slide. Now the sheet is set only when it changes, and the answer pointed at still
    takes its colours (yellow, night theme) while the one left goes back to the plain answer's."""
    w = show(ids=("S10",))
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.stage == wt.CHOICES
    sheets: list[str] = []
    set_sheet = w.setStyleSheet
    monkeypatch.setattr(w, "setStyleSheet", lambda sheet: (sheets.append(sheet), set_sheet(sheet)))

    def fill(label: QLabel):  # inside the answer's border, left of its words
        return label.grab().toImage().pixelColor(6, label.height() // 2).name()

    key(qtbot, w, Qt.Key.Key_Right)
    assert w.highlight == 1
    assert fill(w.choices[0]) == "#ffd60a" and fill(w.choices[1]) != "#ffd60a"
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.highlight == 2
    assert fill(w.choices[1]) == "#ffd60a" and fill(w.choices[0]) != "#ffd60a", "the colours follow the pointer"
    assert sheets == [], "pointing at an answer changes no size: the style sheet is not set again"
    key(qtbot, w, Qt.Key.Key_Return)
    key(qtbot, w, Qt.Key.Key_Return)
    assert w.verdict.text() == "CALL SUPERVISOR"
    assert fill(w.verdict) == "#ffd60a", "the verdict takes its own colour (refer: yellow) whatever the sheet did"


def test_clicker_next_points_at_answers_and_enter_picks(qtbot, show):
    w = show(ids=("S10",))
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.stage == wt.CHOICES and w.highlight is None
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.highlight == 1 and w.choices[0].property("highlighted") is True
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.highlight is None, "after the last answer, none: PageUp goes back again from there"
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.highlight == 1, "pointing wraps round the answers"
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_Return)
    assert w.stage == wt.OUTCOME_HIDDEN and w.walk.outcome.node_id == "o_refer"
    key(qtbot, w, Qt.Key.Key_Return)
    assert w.verdict.text() == "CALL SUPERVISOR"
    for _ in range(3):  # why and what not to do; what to say; the end
        key(qtbot, w, Qt.Key.Key_Right)
    assert w.stage == wt.END and "End of the session" in w.heading.text()
    as_of = w.pack.meta.as_of
    assert f"(as of {as_of.day} {as_of:%b} {as_of.year})." in w.detail.text(), "the date as the app writes it"
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.stage == wt.END


def test_mouse_click_on_an_answer_picks_it(qtbot, show):
    w = show(ids=("S10",))
    qtbot.mouseClick(w, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))  # click = next
    qtbot.mouseClick(w, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert w.stage == wt.CHOICES
    qtbot.mouseClick(w.choices[0], Qt.MouseButton.LeftButton)
    assert w.stage == wt.OUTCOME_HIDDEN and w.walk.outcome.node_id == "o_no"
    qtbot.mouseClick(w, Qt.MouseButton.RightButton, pos=QPoint(5, 5))  # right click = back
    assert w.stage == wt.CHOICES


def test_home_restarts_the_scenario_and_escape_closes(qtbot, show):
    w = show()
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_Home)
    assert w.stage == wt.TITLE
    key(qtbot, w, Qt.Key.Key_Escape)  # asks first (test_esc_asks_before_it_ends_the_presentation)
    with qtbot.waitSignal(w.presentation_closed):
        key(qtbot, w, Qt.Key.Key_Escape)
    assert not w.isVisible()


def test_ctrl_shift_or_alt_with_a_key_does_what_the_key_alone_does(qtbot, show):
    """Help → Keyboard keys says Ctrl, Shift or Alt held with a key of the slides does what the key alone does: a
    trainer's Ctrl+Home, Shift+PageDown or Alt+B (the page named none of them, and they acted). Each is pressed
    as the page's table writes it."""
    from PySide6.QtGui import QKeySequence

    from desktop.ui import keys

    def press(sequence: str) -> None:
        combination = QKeySequence(sequence)[0]
        qtbot.keyClick(w, combination.key(), combination.keyboardModifiers())

    line = next(line for line in keys.SLIDES_KEYS if line.named == "Ctrl, Shift or Alt")
    ctrl_home, shift_next, alt_blank = "Ctrl+Home", f"Shift+{keys.SLIDE_NEXT[1]}", f"Alt+{keys.SLIDE_BLANK[0]}"
    assert {ctrl_home, shift_next, alt_blank} <= set(line.keys) and line.named == "Ctrl, Shift or Alt"
    w = show()
    press(shift_next)
    assert w.stage == wt.QUESTION
    press(ctrl_home)
    assert w.stage == wt.TITLE
    press(alt_blank)
    assert w.is_blanked()
    press(alt_blank)
    assert not w.is_blanked()


def test_the_keys_page_does_not_say_shift_with_a_digit_picks_an_answer(qtbot, show):
    """The page said Shift held with any key of the slides does what the key alone does, 1–9 and "." among them;
    but on a keyboard Shift with 1 types "!" (and with "." a ">"), a key the slides do not read: Shift+1 picked
    nothing. The line names Ctrl and Alt with every key, Shift with the others, and says so."""
    from PySide6.QtGui import QKeyEvent

    from desktop.ui import keys

    line = next(line for line in keys.SLIDES_KEYS if line.named == "Ctrl, Shift or Alt")
    assert {"Ctrl+1", "Alt+1", "Ctrl+.", "Shift+PgDown", "Shift+B"} <= set(line.keys)
    assert not {"Shift+1", "Shift+9", "Shift+."} & set(line.keys)
    assert line.does.endswith("the same as the key alone (not Shift with 1–9 or .)")
    w = show()
    w.next()
    assert w.stage == wt.QUESTION
    w.next()
    assert w.stage == wt.CHOICES
    shift_one = QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Exclam, Qt.KeyboardModifier.ShiftModifier, "!")
    QApplication.sendEvent(w, shift_one)  # as a keyboard sends Shift+1
    assert w.stage == wt.CHOICES, "Shift+1 picked an answer"


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768), (800, 600)])
def test_type_is_huge_and_every_slide_fits_the_screen(qtbot, show, size):
    w = show(size=size)
    sizes_seen = []
    for k in (None, Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_2, Qt.Key.Key_Right, Qt.Key.Key_2,
              Qt.Key.Key_Right, Qt.Key.Key_2, Qt.Key.Key_Right, Qt.Key.Key_Right):
        if k is not None:
            key(qtbot, w, k)
        qtbot.wait(1)  # let the layout settle after the style change
        visible = [lb for lb in w.findChildren(QLabel) if lb.isVisibleTo(w) and lb is not w.status]
        bottom = max(lb.geometry().bottom() for lb in visible)
        assert bottom <= w.status.geometry().top(), f"{w.stage}: text runs into the status line"
        assert all(lb.width() <= w.width() for lb in visible)
        sizes_seen.append(w.base_font_px)
    assert w.stage == wt.OUTCOME_DETAIL
    assert min(sizes_seen[:-2]) >= size[1] / 20, "questions are projector-sized"
    assert min(sizes_seen[-2:]) >= 14


def test_long_paths_collapse_older_answers(qtbot, show, monkeypatch):
    monkeypatch.setattr(pw, "MAX_TRAIL_STEPS", 1)
    w = show(ids=("S08",))
    for k in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_2, Qt.Key.Key_Right, Qt.Key.Key_2):
        key(qtbot, w, k)
    assert w.slide_text(w.trail).splitlines()[0] == "… 1 earlier answer"


def test_names_for_tests_and_assistive_technology(show):
    w = show()
    assert w.objectName() == "presentationWindow" and w.accessibleName() == "Presentation"
    for widget in w.findChildren(QWidget):
        if isinstance(widget, QLabel):
            assert widget.objectName() and widget.accessibleName(), widget
    assert "ICE sends a detainer" in w.accessibleDescription()


def test_unknown_scenarios_are_refused(mini_pack):
    with pytest.raises(wizard.WizardError, match="S99"):
        PresentationWindow(mini_pack, ["S99"])
    assert pw.scenario_error(mini_pack, ["S99"]) and pw.scenario_error(mini_pack, ["S08"]) is None


def test_run_presentation_opens_a_self_deleting_window(qtbot, mini_pack):
    w = pw.run_presentation(mini_pack, ["S10"], "Demo", full_screen=False)
    qtbot.waitExposed(w)
    assert w in pw._open_windows.values() and w.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    w.close()
    qtbot.waitUntil(lambda: not pw._open_windows, timeout=2000)


def test_present_main_with_a_scenario(qtbot, mini_pack_path, monkeypatch, capsys):
    import argparse

    opened = []
    monkeypatch.setattr(pw, "run_presentation", lambda pack, ids, *a, **k: opened.append(list(ids)))
    monkeypatch.setattr(pw.QApplication, "exec", lambda self: 0)
    args = argparse.Namespace(data=str(mini_pack_path), scenario="S10", present=True)
    assert pw.present_main(args) == 0 and opened == [["S10"]]
    args.scenario = "s10"  # as the quiz and handout commands take it
    assert pw.present_main(args) == 0 and opened == [["S10"], ["S10"]]
    args.scenario = "S99"
    assert pw.present_main(args) == 1
    assert "no scenario 'S99'" in capsys.readouterr().err
    args.data = str(mini_pack_path.with_name("missing.json"))
    assert pw.present_main(args) == 2


def test_training_actions_in_the_officer_window(qtbot, make_window, monkeypatch):
    window = make_window()
    actions = {a.objectName(): a for a in pw.open_training_menu_actions(window)}
    assert set(actions) == {"presentAction", "playlistAction", "quizAction", "handoutAction", "bookletAction"}
    assert actions["presentAction"].shortcut().toString() == "F5"
    assert all(a in window.actions() for a in actions.values())
    # a long scenario runs on to a second page (never under 8 pt): the tip said "One page per scenario"
    assert actions["bookletAction"].toolTip() == ("Contents, then a page per scenario (two for a long one) and per "
                                                  "shared step: key questions and outcomes")
    presented = []
    monkeypatch.setattr(pw, "run_presentation", lambda pack, ids, *a, **k: presented.append(list(ids)))
    window.start_scenario("S08")
    actions["presentAction"].trigger()
    assert presented == [["S08"]], "F5 on a scenario presents that scenario"

    window.go_home()
    actions["presentAction"].trigger()
    from desktop.ui.playlist_dialog import PlaylistDialog

    dialog = next(d for d in window.findChildren(PlaylistDialog) if d.isVisible())
    dialog.start()
    assert presented[-1] == list(dialog.model.scenario_ids())

    actions["quizAction"].trigger()
    from desktop.ui.quiz_window import QuizWindow

    assert any(q.isVisible() for q in window.findChildren(QuizWindow))


def test_a_pdf_named_without_pdf_is_saved_as_a_pdf(qtbot, make_window, monkeypatch, tmp_path):
    """Data → Training → Quick-reference booklet, named "week 3" in the save box (Linux's box adds no suffix): the
    PDF was written as "week 3", a file the trainer's PDF viewer and the print shop's did not open, and the status
    bar said "Saved …/week 3". It gets ".pdf", as the CLI's `handout -o week3` and the playlist's ".json" do."""
    from PySide6.QtWidgets import QFileDialog

    window = make_window()
    typed = tmp_path / "week 3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(typed), "PDF (*.pdf)"))
    next(a for a in window.training_actions() if a.objectName() == "bookletAction").trigger()
    saved = tmp_path / "week 3.pdf"
    assert not typed.exists() and saved.read_bytes().startswith(b"%PDF")
    assert window.statusBar().currentMessage() == f"Saved {saved}"


def test_a_pdf_named_without_pdf_asks_before_replacing_the_pdf_already_there(qtbot, make_window, monkeypatch,
                                                                            tmp_path):
    """The booklet named "week 3" again, a week on: the save box asked about replacing "week 3" (not there), and
    ".pdf" added after it wrote over last week's "week 3.pdf" without a word. It asks; No keeps it."""
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog

    from desktop.ui import widgets

    window = make_window()
    kept = tmp_path / "week 3.pdf"
    kept.write_bytes(b"%PDF- last week")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "week 3"), "PDF (*.pdf)"))
    asked: list[Path] = []
    monkeypatch.setattr(widgets, "ask_replace", lambda parent, path: asked.append(path) or False)
    next(a for a in window.training_actions() if a.objectName() == "bookletAction").trigger()
    assert asked == [kept] and kept.read_bytes() == b"%PDF- last week", "replaced without asking"

    monkeypatch.setattr(widgets, "ask_replace", lambda parent, path: True)
    next(a for a in window.training_actions() if a.objectName() == "bookletAction").trigger()
    assert kept.read_bytes() != b"%PDF- last week" and window.statusBar().currentMessage() == f"Saved {kept}"


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_every_bundled_scenario_fits_a_small_projector(qtbot, bundled):
    pack = bundled.pack
    ids = [s.scenario_id for s in pack.scenarios if not s.subflow]
    w = PresentationWindow(pack, ids)
    qtbot.addWidget(w)
    w.resize(1024, 768)
    w.show()
    qtbot.waitExposed(w)
    steps = 0
    while w.stage != wt.END:
        if w.stage == wt.CHOICES:
            w.choose(len(w.walk.question.choices))  # the last answer: often the longest way round
        else:
            w.next()
        qtbot.wait(1)
        visible = [lb for lb in w.findChildren(QLabel) if lb.isVisibleTo(w) and lb is not w.status]
        assert max(lb.geometry().bottom() for lb in visible) <= w.status.geometry().top(), (w.stage, w.heading.text())
        assert w.base_font_px >= 14
        # the small words (trail, how to tell, lists, hint) stay above the status line's size: the trail fell
        # to 13 px under a 15 px status line at 1280 x 720
        small = [lb for lb in visible if lb.objectName() in {
            "presentationTrail", "presentationKicker", "presentationDetail", "presentationBody", "presentationHint"}]
        assert all(w._sizes[lb.objectName()] >= w._sizes["presentationStatus"] + 2 for lb in small), w.heading.text()
        steps += 1
    assert steps > len(ids) * 4


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.parametrize(("size", "least"), [((1920, 1080), 24), ((1280, 720), 16)])
def test_no_slide_text_is_too_small_to_read_from_the_back_of_the_room(qtbot, bundled, size, least):
    """On a 1080p projector the status line (the scenario, where the class is, the keys) was set in 22 px,
    the only text on a slide under 24 px; every text is at least 24 px now (16 px at 720p), each answer
    of four scenarios walked, the last answers (often the longest way round) and the first."""
    for pick_last in (True, False):
        w = PresentationWindow(bundled.pack, ["S01", "S06", "S12", "S23"])
        qtbot.addWidget(w)
        w.resize(*size)
        w.show()
        qtbot.waitExposed(w)
        while w.stage != wt.END:
            if w.stage == wt.CHOICES:
                w.choose(len(w.walk.question.choices) if pick_last else 1)
            else:
                w.next()
            qtbot.wait(1)
            shown = {lb.objectName(): lb.fontInfo().pixelSize() for lb in w.findChildren(QLabel) if lb.isVisibleTo(w)}
            assert "presentationStatus" in shown and min(shown.values()) >= least, (w.stage, shown)
        w.close()


def test_present_main_without_a_scenario_opens_the_playlist_dialog(qtbot, mini_pack_path, monkeypatch):
    import argparse

    from desktop.ui.playlist_dialog import PlaylistDialog

    opened = []

    def fake_run(pack, ids, title="", **_k):
        opened.append((list(ids), title))
        return pw.QWidget()  # a stand-in window, with a destroyed signal

    monkeypatch.setattr(pw, "run_presentation", fake_run)

    def fake_exec(app):
        dialog = next(w for w in app.topLevelWidgets() if isinstance(w, PlaylistDialog) and w.isVisible())
        assert dialog.styleSheet(), "the dialog wears the officer theme"
        dialog.start()
        return 0

    monkeypatch.setattr(pw.QApplication, "exec", fake_exec)
    args = argparse.Namespace(data=str(mini_pack_path), scenario=None, present=True)
    assert pw.present_main(args) == 0
    assert opened == [(["S08"], "Class playlist")]


def test_the_standalone_playlist_scrolls_by_touch(qtbot, mini_pack_path, monkeypatch):
    """`--present` on its own has no main window, whose first frame touch scrolling waited for: the playlist's
    list of situations never scrolled under a trainer's finger."""
    import argparse

    from desktop.ui import widgets
    from desktop.ui.playlist_dialog import PlaylistDialog
    from desktop.ui.scenario_tree import ScenarioTree

    monkeypatch.setattr(widgets, "_touch_waiting", [])  # as at launch, whatever earlier tests did
    grabbed: list[object] = []
    monkeypatch.setattr(widgets, "_grab_touch", grabbed.append)
    seen = []

    def fake_exec(app):
        dialog = next(w for w in app.topLevelWidgets() if isinstance(w, PlaylistDialog) and w.isVisible())
        seen.append(all(tree in grabbed for tree in dialog.findChildren(ScenarioTree)) and bool(grabbed))
        dialog.reject()
        return 0

    monkeypatch.setattr(pw.QApplication, "exec", fake_exec)
    assert pw.present_main(argparse.Namespace(data=str(mini_pack_path), scenario=None, present=True)) == 0
    assert seen == [True]


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_an_answer_box_is_as_tall_as_the_lines_it_shows(qtbot, bundled):
    """An answer that fits on one line gets a one-line box, at every window width: a framed label measured
    its text half an "x" narrower than it painted it, so a line that just fitted got a two-line box."""
    from PySide6.QtGui import QTextDocument

    pack = bundled.pack
    w = PresentationWindow(pack, ["SAFETY"])  # its first question has seven answers
    qtbot.addWidget(w)
    w.show()
    while w.stage != wt.CHOICES:
        w.next()
    assert len(w.visible_choices()) == 7
    checked = 0
    for width in range(700, 1500, 6):
        w.resize(width, round(width * 0.75))
        qtbot.wait(1)
        shown = [c for c in w.choices if c.isVisibleTo(w)]
        one_line = min(c.height() for c in shown)
        for choice in shown:
            document = QTextDocument()  # the answer as the label lays it out: number, then its words
            document.setDefaultFont(choice.font())
            document.setDocumentMargin(0)
            document.setHtml(choice.text())
            fits_one_line = document.idealWidth() <= choice.contentsRect().width()
            if fits_one_line:
                assert choice.height() == one_line, f"{width} px: {choice.text()!r} got a taller box"
                checked += 1
            else:
                assert choice.height() > one_line
    assert checked > 100


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_caution_mark_never_wraps_away_from_its_citation(bundled):
    """"⚠" after a contested citation was joined by a plain space, so a slide could start a line with "⚠;"."""
    from desktop.domain.model import Outcome

    pack = bundled.pack
    bodies = [PresentationWindow._outcome_body(pack, node, detail=False)
              for scenario in pack.scenarios for node in scenario.nodes if isinstance(node, Outcome)]
    marked = [body for body in bodies if "⚠" in body]
    assert marked
    for body in marked:
        law = next(line for line in body.splitlines() if line.startswith("Law: "))
        assert "⚠" in law and " ⚠" not in law and "\u00a0⚠" in law


def test_slide_lists_hang_and_show_pack_words_literally(qtbot):
    """Bullet lines (the path so far, Do, Do not) wrap under their words, not under the bullet; the words
    are escaped, so a pack's "<b>" or "&" shows as typed and never as markup."""
    from PySide6.QtGui import QTextDocument

    text = "Do:\n•  Say <b>no</b> & call your supervisor  →  now\n•  Second\n\nLaw: 5 ILCS 805/15(a)"
    rich = pw.hanging_html(text)
    assert "<b>no</b>" not in rich and "&lt;b&gt;no&lt;/b&gt;" in rich
    document = QTextDocument()
    document.setHtml(rich)
    shown = document.toPlainText().replace("\u00a0", " ")
    assert "Say <b>no</b> & call your supervisor  →  now" in shown and "Law: 5 ILCS 805/15(a)" in shown
    assert rich.count("<tr>") == 2, "each bullet a row: its bullet in one cell, its words (and their wrapped lines) in the next"
    document.setTextWidth(120)  # narrow: the first item wraps
    assert document.size().height() > 0  # laid out
    table = next(frame for frame in document.rootFrame().childFrames())
    cells = [table.cellAt(0, 0), table.cellAt(0, 1)]
    assert cells[0].firstCursorPosition().block().text().startswith("•")
    words = cells[1].firstCursorPosition().block()
    assert words.layout().lineCount() > 1  # wrapped inside the words' cell: every line starts under the first word


def test_a_touch_screen_can_end_the_presentation(qtbot, show):
    """F5 in the officer window opens a full-screen presentation; with no Esc key (a touch screen) a tap
    only advanced the slide. A ✕ in the corner ends it, clear of the slide's words."""
    from PySide6.QtWidgets import QPushButton

    w = show(size=(1024, 768))
    close = w.findChild(QPushButton, "presentationClose")
    assert close.isVisible() and close.width() >= 44 and close.height() >= 44 and close.accessibleName()
    assert close.geometry().right() <= w.width() and close.geometry().top() >= 0
    for label in w.findChildren(QLabel):
        if label.isVisibleTo(w) and label.objectName() != "presentationStatus":
            assert not label.geometry().intersects(close.geometry()), label.objectName()
    stage = w.stage
    with qtbot.waitSignal(w.presentation_closed):
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert w.stage == stage, "the tap ended the show, it did not also advance it"


@pytest.mark.parametrize("size", [(1024, 600), (1920, 1080)])
def test_a_question_keeps_its_size_when_its_answers_appear(qtbot, bundled, size):
    """The discussion slide fitted the question alone, then the answers slide shrank it (62 px, then 40 px):
    both slides of a question now share the size that fits it with its answers."""
    w = PresentationWindow(bundled.pack, ["S01", "S22"], "")
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    w.setFocus()
    questions = 0
    for _ in range(80):
        if w.stage == wt.END:
            break
        if w.stage != wt.QUESTION:
            key(qtbot, w, Qt.Key.Key_Right)
            continue
        discussed = w.base_font_px
        key(qtbot, w, Qt.Key.Key_Right)
        assert w.stage == wt.CHOICES and w.base_font_px == discussed, w.heading.text()
        questions += 1
        key(qtbot, w, Qt.Key.Key_2 if questions % 2 else Qt.Key.Key_1)
    assert questions >= 3


def _walk_to_outcome(w: PresentationWindow, keys: list[str]) -> None:
    """From the title slide, answer ``keys`` (the answers' keys) down to the outcome, and reveal it."""
    keys = list(keys)
    while w.stage != wt.OUTCOME:
        if w.stage == wt.CHOICES:
            w.choose([c.key for c in w.walk.question.choices].index(keys.pop(0)) + 1)
        else:
            w.next()


def _s22_outcome(qtbot, bundled, size: tuple[int, int]) -> PresentationWindow:
    """S22's slides at ``size``, shown, walked to its outcome (a judge's federal warrant, CPD asked to serve it)."""
    w = PresentationWindow(bundled.pack, ["S22"], "")
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    _walk_to_outcome(w, ["no", "unsure", "court", "yes", "federal", "other", "serve"])
    return w


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_an_outcome_keeps_its_verdict_and_headline_size_across_its_slides(qtbot, bundled, size):
    """What to do, why, and what to say each show the verdict and the headline: at 1024 x 768 S22's
    PERMITTED was 24 px beside what to do and 41 px beside what to say, the slide jumping at each step."""
    w = _s22_outcome(qtbot, bundled, size)
    seen = []
    while w.stage in wt.REVEALED:
        visible = [lb for lb in w.findChildren(QLabel) if lb.isVisibleTo(w) and lb is not w.status]
        assert max(lb.geometry().bottom() for lb in visible) <= w.status.geometry().top(), w.stage
        seen.append((w.stage, w._sizes["presentationVerdict"], w._sizes["presentationHeadline"]))
        w.next()
    assert [stage for stage, *_ in seen] == [wt.OUTCOME, wt.OUTCOME_DETAIL, wt.OUTCOME_SAY]
    assert len({(verdict, headline) for _, verdict, headline in seen}) == 1, seen


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_the_answer_is_never_set_smaller_than_the_lists_under_it(qtbot, bundled):
    """At 1024 x 768 S22's headline, the answer the room is there for, was fitted to 16 px over 19 px lists of
    what to do and the law (the small words keep above the status line; the headline was let shrink)."""
    w = _s22_outcome(qtbot, bundled, (1024, 768))
    small = {"presentationTrail", "presentationBody", "presentationHint"}
    while w.stage in wt.REVEALED:
        visible = [lb for lb in w.findChildren(QLabel) if lb.isVisibleTo(w) and lb is not w.status]
        assert max(lb.geometry().bottom() for lb in visible) <= w.status.geometry().top(), w.stage
        largest_small = max(w._sizes[name] for name in small)
        for main in ("presentationHeadline", "presentationVerdict"):
            assert w._sizes[main] > largest_small, (w.stage, main, w._sizes)
        w.next()


def test_after_a_standalone_presentation_the_playlist_comes_back(qtbot, mini_pack):
    """`--present` without a scenario: Esc at the end of the slides quit the whole app, so the next class's
    list could not be run. The playlist comes back, with the list just presented."""
    from desktop.domain.playlist import Playlist

    app = pw.QApplication.instance()
    dialog = pw.standalone_playlist(mini_pack, app, full_screen=False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_playlist(Playlist("Tuesday roll call", ("S10", "S08")))
    try:
        dialog.start()
        assert not dialog.isVisible() and not app.quitOnLastWindowClosed()
        window = next(w for w in pw._open_windows.values())
        assert window.walk.scenario_ids == ("S10", "S08")
        window.close()
        qtbot.waitUntil(dialog.isVisible, timeout=2000)
        assert dialog.playlist() == Playlist("Tuesday roll call", ("S10", "S08"))
    finally:
        app.setQuitOnLastWindowClosed(True)
    assert app.quitOnLastWindowClosed(), "closing the playlist now ends the app"


def test_the_playlist_dialog_reopens_with_the_list_as_the_trainer_left_it(qtbot, make_window):
    """Shift+F5 always opened the default list: a trainer's edits were gone once the dialog closed."""
    from desktop.domain.playlist import Playlist, default_playlist

    window = make_window()
    first = pw.open_playlist_dialog(window, window.pack)
    assert first.playlist() == default_playlist(window.pack)
    edited = Playlist("Night shift", ("S10",))
    first.set_playlist(edited)
    first.close()
    again = pw.open_playlist_dialog(window, window.pack)
    assert again.playlist() == edited
    again.set_playlist(Playlist("Night shift", ()))  # emptied: nothing to present, so the default again
    again.close()
    assert pw.open_playlist_dialog(window, window.pack).playlist() == default_playlist(window.pack)


def _answer_the_handout_chooser(qtbot, window, answer):
    """Open Data → Training → Scenario handout's chooser and hand it, shown (modal), to ``answer``; returns
    what the chooser returned."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def when_open() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            answer(dialog)
        finally:
            if dialog.isVisible():  # a failed check must not leave the test waiting on a modal dialog
                dialog.reject()

    QTimer.singleShot(0, when_open)
    return pw._choose_scenario(window, window.pack)


def test_the_handout_chooser_offers_the_shared_steps_too(qtbot, make_window):
    """The booklet sends trainers to the paper check's full handout, but the app's chooser left the shared
    steps out: PAPER could only be printed from the command line."""
    from PySide6.QtWidgets import QComboBox

    window = make_window()
    offered = []

    def pick(dialog):
        combo = dialog.findChild(QComboBox, "handoutScenario")
        offered.extend(combo.itemText(i) for i in range(combo.count()))
        combo.setCurrentIndex(combo.findData("PAPER"))
        dialog.accept()

    assert _answer_the_handout_chooser(qtbot, window, pick) == "PAPER"
    situations = [s for s in window.pack.scenarios if not s.subflow]
    assert len(offered) == len(window.pack.scenarios)
    assert all("shared step" not in t for t in offered[: len(situations)]), "the situations come first"
    assert all("shared step" in t for t in offered[len(situations):])
    assert all(t.startswith(f"{s.scenario_id} · ") for t, s in zip(offered, situations, strict=False))
    assert _answer_the_handout_chooser(qtbot, window, lambda dialog: dialog.reject()) is None


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_the_handout_chooser_fits_a_small_laptop_at_a_larger_text_size(qtbot, make_window):
    """Qt's item dialog was as wide as the longest title: on a 1024 × 600 laptop, 1084 px at the first larger
    text size and 1237 px at the third, its OK and Cancel off the screen's edge. It keeps inside the window; a title
    longer than its box ends in "…", after the id that names the handout."""
    from PySide6.QtWidgets import QComboBox, QDialogButtonBox

    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(1024, 600)
    window.set_text_step(3)
    seen = {}

    def look(dialog):
        buttons = dialog.findChild(QDialogButtonBox)
        seen["dialog"], seen["buttons"] = dialog.width(), buttons.geometry().right()
        combo = dialog.findChild(QComboBox)
        combo.setCurrentIndex(combo.findData("S08"))
        seen["shown"] = getattr(combo, "shown_text", combo.currentText)()
        seen["box height"] = combo.height()
        dialog.reject()

    _answer_the_handout_chooser(qtbot, window, look)
    assert seen["dialog"] <= window.width() and seen["buttons"] < seen["dialog"], seen
    assert seen["shown"].startswith("S08 · ") and seen["shown"].endswith("…"), seen
    assert seen["box height"] >= 44, seen  # a touch target, as a button is (it was 42 px)


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing",
                           "This plugin does not support propagateSizeHints")  # the popup and the tooltip
def test_the_handout_choosers_list_cuts_long_titles_at_the_end_in_rows_a_finger_can_tap(qtbot, make_window):
    """At the largest text on a 1024 × 600 laptop, Qt's menu-style list of the chooser cut each long title in its
    middle ("S02 · Agents ask CPD to run a che…tops, join a patrol or ride along") in rows 42 px tall. Each row
    shows the id and the title's first words, cut at a word with "…" (whole in its tooltip and accessible text),
    in a row at least 44 px tall; the keys still pick a row. The box cuts the chosen title at a word too."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QAccessible, QHelpEvent
    from PySide6.QtWidgets import QApplication, QComboBox, QToolTip

    from desktop.ui.data_loading import load_data
    from desktop.ui.settings import TEXT_STEP_MAX
    from tests.ui.ui_helpers import assert_cut_at_the_end, popup_rows

    window = make_window(data=load_data(None), with_index=False)
    window.resize(1024, 600)
    window.set_text_step(TEXT_STEP_MAX)
    rows, seen = [], {}

    def look_and_pick(dialog):
        combo = dialog.findChild(QComboBox, "handoutScenario")
        combo.showPopup()
        view = combo.view()
        rows.extend(popup_rows(combo))
        second = view.visualRect(combo.model().index(1, 0)).center()
        QToolTip.hideText()
        qtbot.waitUntil(lambda: not QToolTip.isVisible())
        QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, second, view.viewport().mapToGlobal(second)))
        seen["tooltip"] = QToolTip.text() if QToolTip.isVisible() else ""
        cell = QAccessible.queryAccessibleInterface(view)
        seen["accessible"] = [cell.child(row).text(QAccessible.Text.Name) for row in range(cell.childCount())]
        view.setFocus()
        qtbot.keyClicks(view, "S08")  # type-ahead, then Enter picks
        qtbot.keyClick(view, Qt.Key.Key_Return)
        seen["popup open"] = view.isVisible()
        seen["box"] = (combo.currentText(), combo.shown_text())
        dialog.accept()

    assert _answer_the_handout_chooser(qtbot, window, look_and_pick) == "S08"
    assert not seen["popup open"]
    assert_cut_at_the_end(rows)  # the rows were 42 px, the titles cut in the middle
    assert all(shown.startswith(whole.split(" · ")[0] + " · ") for whole, shown, *_rest in rows), rows  # the id first
    second_whole, second_shown = rows[1][0], rows[1][1]
    assert second_shown != second_whole and seen["tooltip"] == second_whole, (second_shown, seen["tooltip"])
    assert [whole for whole, *_rest in rows] == [name for name in seen["accessible"] if name][: len(rows)]
    whole, shown = seen["box"]  # the box itself cut the title as its list does, at a word ("…a priso…" it was)
    kept = shown.removesuffix("…")
    assert kept != shown and whole.startswith(kept) and whole[len(kept)] in " ,;:—–-(·", seen["box"]


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing",
                           "This plugin does not support propagateSizeHints")  # the popup
def test_the_handout_choosers_open_list_keeps_within_its_window_at_the_largest_text(qtbot, make_window):
    """At the largest text Qt's open list of the chooser was as wide as its longest title: on a 1024 px laptop
    it filled the screen from edge to edge, past the chooser and the window under it. It reaches no further
    right than the chooser, and its rows show each title's first words, cut at a word with "…"."""
    from PySide6.QtWidgets import QComboBox

    from desktop.ui.data_loading import load_data
    from desktop.ui.settings import TEXT_STEP_MAX
    from tests.ui.ui_helpers import assert_cut_at_the_end, popup_rows

    window = make_window(data=load_data(None), with_index=False)
    window.resize(1024, 600)
    window.set_text_step(TEXT_STEP_MAX)
    seen = {}

    def look(dialog):
        combo = dialog.findChild(QComboBox, "handoutScenario")
        combo.showPopup()
        popup = combo.view().window()
        seen["popup"], seen["chooser"] = popup.frameGeometry(), dialog.geometry()
        seen["box left"] = combo.mapToGlobal(combo.rect().topLeft()).x()
        seen["rows"] = popup_rows(combo)
        combo.hidePopup()
        dialog.reject()

    _answer_the_handout_chooser(qtbot, window, look)
    popup, chooser = seen["popup"], seen["chooser"]
    assert popup.left() == seen["box left"] and popup.right() <= chooser.right(), (popup, chooser)
    assert popup.width() <= window.width(), (popup, window.geometry())
    assert_cut_at_the_end(seen["rows"])
    assert all(room < popup.width() for *_rest, room in seen["rows"]), seen["rows"]


def test_a_two_button_clicker_points_with_pagedown_and_picks_with_pageup(qtbot, show):
    """A clicker with only PageDown and PageUp could point at an answer but never pick it (that took Enter
    or a number): the trainer walked back to the laptop at every question. PageUp now picks the answer
    pointed at; with none pointed at, it goes back as before."""
    w = show(ids=("S10",))
    key(qtbot, w, Qt.Key.Key_PageDown)
    key(qtbot, w, Qt.Key.Key_PageDown)
    assert w.stage == wt.CHOICES and "→ point" in w.status.text()
    key(qtbot, w, Qt.Key.Key_PageUp)  # nothing pointed at: back to the question alone
    assert w.stage == wt.QUESTION
    key(qtbot, w, Qt.Key.Key_PageDown)
    key(qtbot, w, Qt.Key.Key_PageDown)
    key(qtbot, w, Qt.Key.Key_PageDown)
    assert w.highlight == 2 and "Enter or PageUp pick" in w.status.text()
    key(qtbot, w, Qt.Key.Key_PageUp)  # picks answer 2
    assert w.stage == wt.OUTCOME_HIDDEN and w.walk.outcome.node_id == "o_refer"
    key(qtbot, w, Qt.Key.Key_PageUp)  # and PageUp undoes that pick, as back does
    assert w.stage == wt.CHOICES
    key(qtbot, w, Qt.Key.Key_PageDown)
    assert w.highlight == 1
    key(qtbot, w, Qt.Key.Key_Left)
    assert w.stage == wt.QUESTION, "← stays back, even with an answer pointed at"


def test_a_clicker_that_sends_n_and_p_points_with_n_and_picks_with_p(qtbot, show):
    """Some clickers send N and P rather than PageDown and PageUp: N pointed at each answer in turn, but P only
    went back, so the trainer had to walk to the laptop to pick. P now picks the answer pointed at, as PageUp
    does; with none pointed at, it goes back as before."""
    w = show(ids=("S10",))
    key(qtbot, w, Qt.Key.Key_N)
    key(qtbot, w, Qt.Key.Key_N)
    assert w.stage == wt.CHOICES and w.highlight is None
    key(qtbot, w, Qt.Key.Key_P)  # nothing pointed at: back to the question alone
    assert w.stage == wt.QUESTION
    for _ in range(3):
        key(qtbot, w, Qt.Key.Key_N)
    assert w.highlight == 2
    key(qtbot, w, Qt.Key.Key_P)  # picks answer 2
    assert w.stage == wt.OUTCOME_HIDDEN and w.walk.outcome.node_id == "o_refer"
    key(qtbot, w, Qt.Key.Key_P)  # and undoes that pick, as back does
    assert w.stage == wt.CHOICES


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_citation_on_a_slide_is_never_split_across_lines(qtbot, bundled):
    """At 1920 × 1080 the Law line of S06's answer on records broke "8 U.S.C. §" from "1373", a line apart."""
    from desktop.domain.model import Outcome, unbroken_with_note

    pack = bundled.pack
    for scenario in pack.scenarios:  # every citation short enough to keep whole is kept whole
        for node in scenario.nodes:
            if isinstance(node, Outcome):
                law = next(line for line in PresentationWindow._outcome_body(pack, node, detail=False).splitlines()
                           if line.startswith("Law: "))
                for cite in node.cites:
                    assert unbroken_with_note(pack.citation_text(cite)) in law, (scenario.scenario_id, node.node_id, cite)
    w = PresentationWindow(pack, ["S06"])
    qtbot.addWidget(w)
    w.resize(1920, 1080)
    w.show()
    w.next()
    for key in ("no", "no", "court", "yes", "federal", "other", "info"):
        w.next()  # the answers shown
        w.choose(next(n for n, c in enumerate(w.walk.question.choices, 1) if c.key == key))
    w.next()  # the outcome revealed
    assert w.stage == wt.OUTCOME and "8 U.S.C. § 1373" in w.slide_text(w.body)
    law = [line.replace("\u00a0", " ") for line in _laid_out_lines(w.body) if "ILCS" in line or "U.S.C." in line]
    assert law and not [line for line in law if line.rstrip().endswith(("§", "U.S.C.", "ILCS", "MCC", "Ord."))], law


def _laid_out_lines(label: QLabel) -> list[str]:
    """The lines of a rich-text label's words as the label lays them out."""
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    document.setHtml(label.text())
    document.setTextWidth(label.contentsRect().width())
    document.size()  # laid out
    lines = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        lines += [block.text()[layout.lineAt(i).textStart():][:layout.lineAt(i).textLength()]
                  for i in range(layout.lineCount())]
        block = block.next()
    return lines


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_a_citations_bracketed_note_stays_whole_and_with_its_citation(qtbot, bundled, size, theme):
    """At 1280 × 720 S31's answer on lockups showed "5 ILCS 805/15(g)" at a line's end and "[subsection letter
    unverified]" starting the next; at 1920 × 1080 S04's answer on database checks split "[subsection letter"
    from "unverified]". The citation and its note wrap as one."""
    for scenario_id, path in (("S31", (2, 1, 3)), ("S04", (1, 1, 4))):
        w = PresentationWindow(bundled.pack, [scenario_id], theme=theme)
        qtbot.addWidget(w)
        w.resize(*size)
        w.show()
        w.next()
        for number in path:
            w.next()  # the answers shown
            w.choose(number)
        w.next()  # the outcome revealed
        assert w.stage == wt.OUTCOME and "[subsection letter unverified]" in w.slide_text(w.body)
        lines = [line.strip() for line in _laid_out_lines(w.body)]
        assert [line for line in lines if "805/15(" in line]
        assert not [line for line in lines if line.count("[") != line.count("]") or line.startswith("[")], lines


def _background(window: PresentationWindow):
    window.repaint()
    return window.grab().toImage().pixelColor(3, window.height() - 3)  # a corner of the slide, clear of words


def test_in_the_day_theme_the_slides_are_black_on_white_for_a_lit_room(qtbot, mini_pack):
    """The slides were white on black whatever the officer's theme. In a lit room a projector's black is the
    wall's grey, and white words on it wash out: in the day theme they are now dark words on white."""
    from PySide6.QtGui import QPalette

    from desktop.ui.settings import Settings

    officer = QWidget()
    qtbot.addWidget(officer)
    looks = {}
    for theme in ("day", "night", "contrast"):
        officer.theme = theme
        w = pw.run_presentation(mini_pack, ["S10"], "Demo", near=officer, full_screen=False)  # deleted on close
        w.resize(1024, 768)
        qtbot.waitExposed(w)
        w.heading.ensurePolished()
        words = w.heading.palette().color(QPalette.ColorRole.WindowText)
        looks[theme] = (_background(w).lightness(), words.lightness())
        w.toggle_blank()
        assert _background(w).lightness() == 0, "a blanked screen stays black, in a lit room too"
        w.close()
    assert looks["day"][0] == 255 and looks["day"][1] < 40, looks
    assert looks["night"] == looks["contrast"] and looks["night"][0] == 0 and looks["night"][1] == 255, looks
    Settings().theme = "night"  # shown without the officer window (--present): the theme saved in its settings
    w = pw.run_presentation(mini_pack, ["S10"], full_screen=False)
    qtbot.waitExposed(w)
    assert w.theme == "night" and _background(w).lightness() == 0
    w.close()


def test_the_slides_follow_a_theme_changed_while_they_are_shown(qtbot, mini_pack):
    """The slides took the officer's theme when they opened and kept it: a trainer who turned the officer window
    to Day as the room's lights came on still had white words on a projector's grey "black"."""
    from PySide6.QtCore import Signal

    class Officer(QWidget):
        theme_changed = Signal(str)
        theme = "night"

    officer = Officer()
    qtbot.addWidget(officer)
    w = pw.run_presentation(mini_pack, ["S10"], "Demo", near=officer, full_screen=False)  # deleted on close
    w.resize(1024, 768)
    qtbot.waitExposed(w)
    w.next()
    size = w.base_font_px
    assert _background(w).lightness() == 0
    officer.theme = "day"
    officer.theme_changed.emit("day")
    assert w.theme == "day" and _background(w).lightness() == 255
    assert w.base_font_px == size, "the words keep the size fitted to the screen"
    officer.theme = "contrast"
    officer.theme_changed.emit("contrast")
    assert _background(w).lightness() == 0
    w.close()


def test_in_the_high_contrast_theme_the_slides_have_no_dim_grey(qtbot, mini_pack):
    """The high-contrast theme's slides were the night theme's: an answer not pointed at was framed in #5a5a5a
    (2.9:1 on black, under the 3:1 a frame needs), the status line grey. They are white, as the officer's
    high-contrast frames are; the night theme keeps its quieter greys."""
    from PySide6.QtGui import QPalette

    frames, status = {}, {}
    for theme in ("night", "contrast"):
        w = PresentationWindow(mini_pack, ["S10"], "Demo", theme=theme)
        qtbot.addWidget(w)
        w.resize(1024, 768)
        w.show()
        qtbot.waitExposed(w)
        w.next()
        w.next()  # the answers shown, none pointed at
        assert w.stage == wt.CHOICES and w.highlight is None
        choice = next(c for c in w.choices if c.isVisible())
        edge = choice.mapTo(w, QPoint(1, choice.height() // 2))  # on its 3-px frame
        w.repaint()
        frames[theme] = w.grab().toImage().pixelColor(edge).lightness()
        w.status.ensurePolished()
        status[theme] = w.status.palette().color(QPalette.ColorRole.WindowText).lightness()
    assert frames["contrast"] == 255 and status["contrast"] == 255, (frames, status)
    assert frames["night"] < 128 and status["night"] < 200, (frames, status)


def test_the_status_line_names_the_keys_of_the_table(qtbot, show, monkeypatch):
    """The status line's keys ("→ next   ← back   1–9 answer   B blank   Esc end") were written out by hand
    beside the table the slides' key handler and Help → Keyboard keys read: a key changed there would have left
    the line naming the old one. The line is made from the table: the first key of each."""
    w = show()
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.status.text().endswith("→ answers   ← back   B blank   Esc end")
    monkeypatch.setattr(pw, "SLIDE_NEXT", ("PgDown", "Right"))
    monkeypatch.setattr(pw, "SLIDE_BLANK", (".", "B"))
    key(qtbot, w, Qt.Key.Key_PageDown)
    assert w.stage == wt.CHOICES
    assert w.status.text().endswith("PageDown point   ← back   1 – 2 answer   . blank   Esc end")


def _status_keys(w) -> str:
    """The keys the status line names, after the scenario and where the class is."""
    return w.status.text().split("     ", 1)[1]


def test_the_status_line_names_only_the_keys_that_do_something_on_the_slide(qtbot, show):
    """The status line named every key on every slide: "1 – 9 answer" and "L law" on the end slide, where neither
    does anything, "← back" on the first slide, "1 – 9" on a question with two answers. Each slide's line names
    the keys that do something there."""
    w = show(ids=("S10",))
    assert _status_keys(w) == "→ begin   B blank   Esc end"
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.stage == wt.QUESTION and _status_keys(w) == "→ answers   ← back   B blank   Esc end"
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.stage == wt.CHOICES and _status_keys(w) == "→ point   ← back   1 – 2 answer   B blank   Esc end"
    key(qtbot, w, Qt.Key.Key_1)
    assert w.stage == wt.OUTCOME_HIDDEN and _status_keys(w) == "→ reveal   ← back   B blank   Esc end"
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.stage == wt.OUTCOME and _status_keys(w) == "→ why   ← back   L law   B blank   Esc end"
    key(qtbot, w, Qt.Key.Key_L)
    assert _status_keys(w) == "L or → answer   B blank   Esc end"
    key(qtbot, w, Qt.Key.Key_L)
    assert w.verdict.isVisibleTo(w) and _status_keys(w) == "→ why   ← back   L law   B blank   Esc end"
    while w.stage != wt.END:
        key(qtbot, w, Qt.Key.Key_Right)
    assert w.status.text() == "1 of 1     ← back   B blank   Esc end"


def test_the_clicker_key_that_picks_is_the_table_s(qtbot, show, monkeypatch):
    """PageUp picked the answer pointed at through a key written in the handler, the one key of the slides not
    read from the table Help → Keyboard keys is written from; a key changed there now changes what picks."""
    monkeypatch.setattr(pw, "SLIDE_CLICKER_PICK", ("P",))
    w = show(ids=("S10",))
    for _ in range(4):
        key(qtbot, w, Qt.Key.Key_PageDown)
    assert w.stage == wt.CHOICES and w.highlight == 2
    key(qtbot, w, Qt.Key.Key_PageUp)  # no longer picks: back, as PageUp does with nothing pointed at
    assert w.stage == wt.QUESTION
    for _ in range(3):
        key(qtbot, w, Qt.Key.Key_PageDown)
    key(qtbot, w, Qt.Key.Key_P)
    assert w.stage == wt.OUTCOME_HIDDEN and w.walk.outcome.node_id == "o_refer"


def test_the_slides_hints_name_the_keys_of_the_table(qtbot, show, monkeypatch):
    """The hint under each slide ("Press → to begin.", "… or point with → and pick with Enter (a clicker: PgDn
    points, PgUp picks)", "Press Esc to close, or ← to go back.") wrote its keys by hand, after the status line
    under it and Help → Keyboard keys were made from the table: a key changed there left the hint naming the old
    one, and the hint said PgDn and PgUp where the line under it and Help say PageDown and PageUp."""
    w = show(ids=("S10",))
    assert _status_keys(w).startswith("→ begin   ")
    for _ in range(3):  # to an answer pointed at: the status line names the keys that pick it (not PgUp, PgDn)
        key(qtbot, w, Qt.Key.Key_Right)
    assert w.stage == wt.CHOICES and "→ point   Enter or PageUp pick   " in w.status.text(), w.status.text()
    monkeypatch.setattr(pw, "SLIDE_NEXT", ("PgDown", "Right"))
    monkeypatch.setattr(pw, "SLIDE_CLICKER_PICK", ("P",))
    monkeypatch.setattr(pw, "SLIDE_PICK", ("Space",))
    key(qtbot, w, Qt.Key.Key_Home)  # this scenario again: its title slide, its hint made anew
    assert w.stage == wt.TITLE and _status_keys(w).startswith("PageDown begin   "), w.status.text()
    key(qtbot, w, Qt.Key.Key_PageDown)
    assert w.slide_text(w.hint) == "Discuss." and _status_keys(w).startswith("PageDown answers   ")
    key(qtbot, w, Qt.Key.Key_PageDown)
    key(qtbot, w, Qt.Key.Key_PageDown)
    assert "PageDown point   Space or P pick   " in w.status.text(), w.status.text()


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_lines_to_role_play_take_the_room_their_slide_leaves(qtbot, bundled, size):
    """An outcome's lists were set to fit its fullest slide (what to do and the law): at 1280 x 720 S22's two lines
    to say, for the room to role-play, were 18 px, the smallest words on a slide half empty. Each slide's lists now
    take the room it leaves, always under the headline, whose size (and the verdict's) the slides share."""
    w = _s22_outcome(qtbot, bundled, size)
    body = {}
    while w.stage in wt.REVEALED:
        visible = [lb for lb in w.findChildren(QLabel) if lb.isVisibleTo(w) and lb is not w.status]
        assert max(lb.geometry().bottom() for lb in visible) <= w.status.geometry().top(), w.stage
        assert w.body.fontInfo().pixelSize() < w.headline.fontInfo().pixelSize(), w.stage
        body[w.stage] = w.body.fontInfo().pixelSize()
        w.next()
    assert body[wt.OUTCOME_SAY] >= body[wt.OUTCOME] * 1.4, body


def test_back_on_the_first_slide_says_it_is_the_first(qtbot, show):
    """A clicker's PageUp on the first slide did nothing, and nothing on the screen said why: the trainer pressed
    it again, or wondered whether the clicker had lost the window. The hint says it is the first slide."""
    w = show()
    before = w.slide_text(w.hint)
    key(qtbot, w, Qt.Key.Key_PageUp)
    assert w.stage == wt.TITLE and w.slide_text(w.heading) == "ICE sends a detainer for someone about to be released"
    assert w.slide_text(w.hint) == "This is the first slide. Press → to begin." != before
    assert w.hint.isVisibleTo(w)
    key(qtbot, w, Qt.Key.Key_PageDown)
    key(qtbot, w, Qt.Key.Key_PageUp)  # back to the first slide: its own hint again
    assert w.stage == wt.TITLE and w.slide_text(w.hint) == before


def _fits_above_the_status_line(w) -> bool:
    visible = [lb for lb in w.findChildren(QLabel) if lb.isVisibleTo(w) and lb is not w.status]
    return max(lb.geometry().bottom() for lb in visible) <= w.status.geometry().top()


def test_l_shows_the_law_an_answer_cites_and_goes_back_to_it(qtbot, show, mini_pack):
    """A trainee asks what "5 ILCS 805/15(a)" is: the slides named only citations, and the way to the provisions
    was to end the presentation, which starts again at the first slide. L on an answer shows each citation with
    its provision's title; L again, or a step key, goes back to the answer, where it was. Before the answer is
    revealed L says so and gives nothing away."""
    w = show()
    for k in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_2, Qt.Key.Key_Right, Qt.Key.Key_1):
        key(qtbot, w, k)
    assert w.stage == wt.OUTCOME_HIDDEN
    key(qtbot, w, Qt.Key.Key_L)
    assert w.stage == wt.OUTCOME_HIDDEN and "805/15" not in w.accessibleDescription()
    assert w.slide_text(w.hint) == "The law shows with the answer: press L on it."
    key(qtbot, w, Qt.Key.Key_PageDown)
    assert w.stage == wt.OUTCOME and w.verdict.isVisibleTo(w)
    key(qtbot, w, Qt.Key.Key_L)
    title = mini_pack.provision("IL-TRUST-15a").title
    assert w.stage == wt.OUTCOME and not w.verdict.isVisibleTo(w)
    assert f"5 ILCS 805/15(a): {title}" in w.slide_text(w.body)
    assert w.slide_text(w.kicker) == "The law cited  ·  NOT PERMITTED"
    assert w.slide_text(w.heading) == "Do not hold the person for ICE; release as usual."
    assert "805/15(a)" in w.accessibleDescription()
    qtbot.waitUntil(lambda: _fits_above_the_status_line(w))
    key(qtbot, w, Qt.Key.Key_PageDown)  # back to the answer, not on past it
    assert w.stage == wt.OUTCOME and w.verdict.isVisibleTo(w) and "Do:" in w.slide_text(w.body)
    key(qtbot, w, Qt.Key.Key_L)
    key(qtbot, w, Qt.Key.Key_L)
    assert w.stage == wt.OUTCOME and w.verdict.isVisibleTo(w) and "Do:" in w.slide_text(w.body)
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.stage == wt.OUTCOME_DETAIL


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_the_law_of_every_bundled_answer_fits_a_small_projector(qtbot, bundled):
    pack = bundled.pack
    w = PresentationWindow(pack, [s.scenario_id for s in pack.scenarios if not s.subflow])
    qtbot.addWidget(w)
    w.resize(1024, 768)
    w.show()
    qtbot.waitExposed(w)
    shown = 0
    while w.stage != wt.END:
        if w.stage == wt.OUTCOME:
            w.toggle_law()
            qtbot.waitUntil(lambda: _fits_above_the_status_line(w), timeout=2000)
            assert all(w._sizes[name] >= w._sizes["presentationStatus"] + 2
                       for name in ("presentationKicker", "presentationBody", "presentationHint"))
            assert w.slide_text(w.body).count("•") == len(w.walk.outcome.cites)
            w.toggle_law()
            shown += 1
        if w.stage == wt.CHOICES:
            w.choose(len(w.walk.question.choices))
        else:
            w.next()
    assert shown > 20


def test_a_key_held_down_steps_once(qtbot, show):
    """A key held on the laptop, or a clicker's button pressed long, repeats: → held on a question ran through its
    answers and past the hidden outcome the room was to discuss. Each press is one step; its repeats do nothing."""
    from PySide6.QtGui import QKeyEvent

    w = show()
    for auto_repeat in (False, True, True, True):
        QApplication.sendEvent(w, QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier,
                                            "", auto_repeat))
    assert w.stage == wt.QUESTION
    for auto_repeat in (False, True):
        QApplication.sendEvent(w, QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_B, Qt.KeyboardModifier.NoModifier,
                                            "b", auto_repeat))
    assert w.is_blanked(), "a held B blanks once, not on and off again"


ASK_TO_END = "Press Esc again to end — any other key goes on."


def test_esc_asks_before_it_ends_the_presentation(qtbot, show):
    """Esc (a clicker's "stop" button, or a key hit by mistake) ended the slides at once, and reopening starts at the
    first slide: the trainer lost the room's place. The first Esc asks; any other key goes on, doing what it does,
    and the answer pointed at stays pointed at."""
    w = show()
    for k in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Right):
        key(qtbot, w, k)
    assert w.stage == wt.CHOICES and w.highlight == 1
    before = w.slide_text(w.hint)
    key(qtbot, w, Qt.Key.Key_Escape)
    assert w.isVisible() and w.stage == wt.CHOICES and w.slide_text(w.hint) == ASK_TO_END
    assert w.hint.isVisibleTo(w) and w.choices[0].property("highlighted") is True
    key(qtbot, w, Qt.Key.Key_Right)  # goes on: points at the next answer, the question gone
    assert w.isVisible() and w.highlight == 2 and w.choices[1].property("highlighted") is True
    assert w.slide_text(w.hint) == before
    key(qtbot, w, Qt.Key.Key_Escape)
    key(qtbot, w, Qt.Key.Key_B)  # blanks, as B does; the next Esc asks again, on the slide shown again
    assert w.is_blanked() and w.isVisible()
    key(qtbot, w, Qt.Key.Key_Escape)
    assert not w.is_blanked() and w.isVisible() and w.slide_text(w.hint) == ASK_TO_END
    with qtbot.waitSignal(w.presentation_closed):
        key(qtbot, w, Qt.Key.Key_Escape)
    assert not w.isVisible()


def test_esc_held_down_or_over_the_law_does_not_end_the_slides(qtbot, show):
    """A held Esc repeats: it must not answer its own question. Over the law an answer cites, the question shows
    over the law, and L after it goes back to the answer as it does there."""
    from PySide6.QtGui import QKeyEvent

    w = show()
    for k in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_2, Qt.Key.Key_Right, Qt.Key.Key_1, Qt.Key.Key_Right):
        key(qtbot, w, k)
    key(qtbot, w, Qt.Key.Key_L)
    assert w.stage == wt.OUTCOME and not w.verdict.isVisibleTo(w)
    law = w.slide_text(w.body)
    for auto_repeat in (False, True, True):
        QApplication.sendEvent(w, QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier,
                                            "", auto_repeat))
    assert w.isVisible() and w.slide_text(w.hint) == ASK_TO_END and w.slide_text(w.body) == law
    key(qtbot, w, Qt.Key.Key_L)
    assert w.stage == wt.OUTCOME and w.verdict.isVisibleTo(w) and "Do:" in w.slide_text(w.body)


def test_on_the_end_slide_one_esc_ends_and_a_click_goes_on(qtbot, show):
    """On the end slide one Esc ends (its status line says "Esc end", as before "Press Esc to close" did). Elsewhere a
    click after Esc goes on."""
    w = show(ids=("S10",))
    key(qtbot, w, Qt.Key.Key_Escape)
    qtbot.mouseClick(w, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert w.isVisible() and w.stage == wt.QUESTION and w.slide_text(w.hint) != ASK_TO_END
    for _ in range(10):
        w.choose(1) if w.stage == wt.CHOICES else w.next()
    assert w.stage == wt.END and not w.hint.isVisibleTo(w) and _status_keys(w) == "← back   B blank   Esc end"
    with qtbot.waitSignal(w.presentation_closed):
        key(qtbot, w, Qt.Key.Key_Escape)
    assert not w.isVisible()


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_a_question_s_answers_show_without_a_line_of_keys_to_the_room(qtbot, show, size):
    """Under every question's answers the room read a large yellow line, "Press 1 – 2 to choose, or point with → and
    pick with Enter (a clicker: PageDown points, PageUp picks)": the trainer's instructions, brighter than the
    answers. The keys are the status line's, quiet under the slide and whole on a small projector's width: the
    answers' numbers, → to point, and once one is pointed at, Enter or a clicker's PageUp to pick it."""
    from PySide6.QtGui import QFontMetrics

    w = show(ids=("S10",), size=size)
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.stage == wt.CHOICES and not w.hint.isVisibleTo(w)
    assert _status_keys(w) == "→ point   ← back   1 – 2 answer   B blank   Esc end"
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.highlight == 1 and not w.hint.isVisibleTo(w)
    assert _status_keys(w) == "→ point   Enter or PageUp pick   ← back   1 – 2 answer   B blank   Esc end"
    w.status.ensurePolished()
    assert QFontMetrics(w.status.font()).horizontalAdvance(w.status.text()) <= w.status.contentsRect().width()


def test_the_room_sees_no_keys_on_a_slide_and_the_status_line_says_what_next_shows(qtbot, show):
    """After the question's answers lost their yellow line of keys, every other slide still told the room the
    trainer's keys: "Press → to begin.", "Discuss. Press → to show the answers.", "Discuss, then press → to reveal
    the answer.", "Press → for why, and what not to do.", "Press → for the next scenario.", "Press Esc to close, or
    ← to go back.", over the law "Press L or → to go back to the answer.". The room now reads "Discuss." where it is
    to talk (a question before its answers, an answer before it is revealed) and nothing else of the kind; what the
    next key shows is the status line's, under the slide, for the trainer, whole on a 1024 × 768 projector."""
    from PySide6.QtGui import QFontMetrics

    w = show(ids=("S10", "S08"), size=(1024, 768))
    seen = []
    while w.stage != wt.END:
        w.status.ensurePolished()
        assert QFontMetrics(w.status.font()).horizontalAdvance(w.status.text()) <= w.status.contentsRect().width()
        hint = w.slide_text(w.hint) if w.hint.isVisibleTo(w) else ""
        assert hint == ("Discuss." if w.stage in (wt.QUESTION, wt.OUTCOME_HIDDEN) else ""), (w.stage, hint)
        seen.append((w.stage, _status_keys(w).split("   ")[0]))
        if w.stage == wt.OUTCOME:
            key(qtbot, w, Qt.Key.Key_L)
            assert not w.hint.isVisibleTo(w) and _status_keys(w).startswith("L or → answer   ")
            key(qtbot, w, Qt.Key.Key_L)
        key(qtbot, w, Qt.Key.Key_1) if w.stage == wt.CHOICES else key(qtbot, w, Qt.Key.Key_Right)
    assert not w.hint.isVisibleTo(w)
    nexts = dict.fromkeys(seen)
    assert (wt.TITLE, "→ begin") in nexts and (wt.QUESTION, "→ answers") in nexts and (wt.CHOICES, "→ point") in nexts
    assert (wt.OUTCOME_HIDDEN, "→ reveal") in nexts and (wt.OUTCOME, "→ why") in nexts
    assert seen[-1][1] == "→ finish", seen
    assert any(does == "→ next scenario" for stage, does in seen if stage in (wt.OUTCOME_DETAIL, wt.OUTCOME_SAY)), seen


def test_a_screen_reader_hears_what_a_key_says_in_the_hints_place(qtbot, show):
    """"Press Esc again to end", "This is the first slide" and "The law shows with the answer" took the hint's
    place on the screen while the window's description, which a screen reader reads as the focus stays on the
    window, still said the slide before: a trainer using one heard nothing after the first Esc."""
    w = show()
    key(qtbot, w, Qt.Key.Key_Left)  # on the first slide
    assert "This is the first slide" in w.accessibleDescription()
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_L)  # before the answer is revealed
    assert "The law shows with the answer" in w.accessibleDescription()
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_Right)  # the answers, the first pointed at
    assert w.stage == wt.CHOICES and w.highlight == 1
    key(qtbot, w, Qt.Key.Key_Escape)
    assert ASK_TO_END in w.accessibleDescription()
    key(qtbot, w, Qt.Key.Key_Right)  # goes on (points at the next answer): the ask is gone from what is heard too
    assert w.highlight == 2 and ASK_TO_END not in w.accessibleDescription()
    assert w.slide_text(w.choices[1]) in w.accessibleDescription()


@pytest.mark.parametrize("modifier", [(Qt.Key.Key_Shift, Qt.KeyboardModifier.ShiftModifier),
                                      (Qt.Key.Key_Control, Qt.KeyboardModifier.ControlModifier),
                                      (Qt.Key.Key_Alt, Qt.KeyboardModifier.AltModifier)])
def test_esc_pressed_twice_with_a_modifier_held_ends_the_slides(qtbot, show, modifier):
    """A key held with Ctrl, Shift or Alt does what it does alone: Shift+Esc twice ends, as Esc twice does. A
    keyboard sends the modifier's own press first, and that press counted as "any other key": it took the question
    away, so the second Shift+Esc asked again and the slides never ended."""
    from PySide6.QtGui import QKeyEvent

    modifier_key, flag = modifier
    w = show()
    for _ in range(2):
        QApplication.sendEvent(w, QKeyEvent(QKeyEvent.Type.KeyPress, modifier_key, flag))
        qtbot.keyClick(w, Qt.Key.Key_Escape, flag)
        if w.isVisible():
            assert w.slide_text(w.hint) == ASK_TO_END
    assert not w.isVisible()


def _number_pressed_on_the_question(qtbot, show, number: Qt.Key):
    """The slides on their first question, its answers not shown yet, and ``number`` pressed: nothing is answered."""
    w = show()
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.stage == wt.QUESTION
    key(qtbot, w, number)
    assert w.stage == wt.QUESTION and not w.walk.trail
    return w


def test_an_answers_number_where_no_such_answer_shows_says_why(qtbot, show):
    """The room calls out "2!" and the trainer presses 2 on the question, before its answers show: nothing
    happened, nor for 5 under a question of 2 answers; the trainer pressed again, then reached for the laptop.
    The hint's place now says why (as ← on the first slide and L before the answer do), and a screen reader hears
    it; the next key shows the slide as it goes on."""
    w = _number_pressed_on_the_question(qtbot, show, Qt.Key.Key_2)
    assert w.slide_text(w.hint) == "The answers show first: press →, then 2."
    assert "The answers show first" in w.accessibleDescription()
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.stage == wt.CHOICES and len(w.visible_choices()) == 2 and w.slide_text(w.hint) == ""
    key(qtbot, w, Qt.Key.Key_5)
    assert w.stage == wt.CHOICES and w.slide_text(w.hint) == "There is no answer 5: pick 1 – 2."
    key(qtbot, w, Qt.Key.Key_2)
    assert [step.answer for step in w.walk.trail] == ["No"]


def test_a_number_past_the_last_answer_pressed_on_the_question_says_there_is_no_such_answer(qtbot, show):
    """5 pressed on a question of 2 answers, before they show, said "press →, then 5": the trainer pressed →, then
    5, and met a second key that did nothing. It says there is no answer 5 and which numbers there are."""
    w = _number_pressed_on_the_question(qtbot, show, Qt.Key.Key_5)
    assert w.slide_text(w.hint) == "There is no answer 5: press →, then pick 1 – 2."
    assert "There is no answer 5" in w.accessibleDescription()


def test_after_the_safety_steps_next_goes_on_with_the_situation(qtbot, show):
    """"Once the scene is safe, go back to the situation you came from": → went to the next scenario's title
    instead, and the trainer stepped back through every slide to answer the danger question "No"."""
    w = show()
    for k in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_1, Qt.Key.Key_Right, Qt.Key.Key_1):
        key(qtbot, w, k)  # someone is hurt; someone is injured
    assert w.stage == wt.OUTCOME_HIDDEN
    last = wt.OUTCOME_SAY if w.walk.outcome.say else wt.OUTCOME_DETAIL
    while w.stage != last:
        key(qtbot, w, Qt.Key.Key_Right)
    assert "→ scene safe: go on" in w.status.text()
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.stage == wt.QUESTION and w.heading.text() == "Is there any reason to hold the person other than the detainer?"
    assert "Is anyone in immediate danger or hurt?  →  No" in w.slide_text(w.trail)
    assert w.status.text().startswith("S08  ·  1 of 2")


def test_a_keys_words_go_when_the_trainer_points_at_the_answers(qtbot, show):
    """9 pressed under two answers said "There is no answer 9: pick 1 – 2.", and L "The law shows with the answer":
    the words stayed under the answers while → pointed at each in turn, and after B twice, until an answer was
    picked, so the room read the trainer's slip as part of the slide. The next key shows the slide without them."""
    w = show()
    for k in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_9):
        key(qtbot, w, k)
    assert w.stage == wt.CHOICES and w.slide_text(w.hint) == "There is no answer 9: pick 1 – 2."
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.highlight == 1 and not w.hint.isVisibleTo(w) and w.slide_text(w.hint) == ""
    assert "There is no answer" not in w.accessibleDescription()
    key(qtbot, w, Qt.Key.Key_L)
    assert w.slide_text(w.hint) == "The law shows with the answer: press L on it."
    key(qtbot, w, Qt.Key.Key_B)
    key(qtbot, w, Qt.Key.Key_B)
    assert not w.is_blanked() and w.slide_text(w.hint) == "" and w.highlight == 1, "pointed at answer 1 still"
    key(qtbot, w, Qt.Key.Key_9)
    key(qtbot, w, Qt.Key.Key_Escape)  # asks before ending; any other key goes on, without the 9's words
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.isVisible() and w.stage == wt.CHOICES and w.highlight == 2 and w.slide_text(w.hint) == ""


def test_an_answers_number_on_a_title_or_an_answered_slide_says_why_nothing_moved(qtbot, show):
    """The room calls out "2!" on a scenario's title, or after the answer is picked and revealed: the key did
    nothing and nothing said why. The hint's place says what to press; the slide itself stays as it was."""
    w = show()
    key(qtbot, w, Qt.Key.Key_2)
    assert w.stage == wt.TITLE and w.slide_text(w.hint) == "No question yet: press → to begin."
    for k in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_2, Qt.Key.Key_Right, Qt.Key.Key_1):
        key(qtbot, w, k)
    assert w.stage == wt.OUTCOME_HIDDEN
    key(qtbot, w, Qt.Key.Key_2)
    assert w.stage == wt.OUTCOME_HIDDEN and not w.verdict.isVisibleTo(w), "gives nothing away"
    assert w.slide_text(w.hint) == "The answer is picked: ← steps back to its question."
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.stage == wt.OUTCOME and w.verdict.isVisibleTo(w)
    key(qtbot, w, Qt.Key.Key_3)
    assert w.stage == wt.OUTCOME and w.slide_text(w.hint) == "The answer is picked: ← steps back to its question."
    assert "← steps back" in w.accessibleDescription()
    key(qtbot, w, Qt.Key.Key_Left)
    key(qtbot, w, Qt.Key.Key_Left)
    assert w.stage == wt.CHOICES and "the person other than the detainer" in w.heading.text()
