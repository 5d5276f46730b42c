"""Run a quiz generated from the scenarios: set up, answer each item, see the right outcome, score.

Nothing about the trainee is stored: responses live in this window only, until the trainer exports
the result to a file of their choosing (text or JSON)."""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, paths
from desktop.domain import quiz as quizzes
from desktop.domain.model import VERDICT_LABELS, VERDICTS, Pack, format_day, unbroken
from desktop.domain.playlist import Playlist
from desktop.domain.quiz import Quiz, QuizError, Response
from desktop.storage.user_files import write_user_file
from desktop.ui.choice_box import combo_box
from desktop.ui.dialog_memory import save_file_name
from desktop.ui.keys import (
    QUIZ_ACTION_LETTERS,
    QUIZ_CLICKER_BACK,
    QUIZ_CLICKER_NEXT,
    QUIZ_ENTER,
    QUIZ_VERDICT_DIGITS,
    digits,
    qt_keys,
)
from desktop.ui.settings import TEXT_STEP_MAX, clamp_text_step
from desktop.ui.themes import font_sizes
from desktop.ui.widgets import (
    TOUCH_HEIGHT,
    Button,
    HangingList,
    Stepper,
    VScrollArea,
    WrapButton,
    WrapLabel,
    ask,
    chosen_save_path,
    fit_to_screen,
    named,
    repolish,
    room_small_px,
    said,
    settle_layout,
)

ACTION_KEYS = QUIZ_ACTION_LETTERS  # the keys come from where Help → Keyboard keys names them
EXPORT_FILTER = "Text (*.txt);;JSON (*.json)"
RIGHT, WRONG = quizzes.RIGHT, quizzes.WRONG
MARK_WORDS = {RIGHT: "Right", WRONG: "Wrong"}
QUESTION_MARGINS = (0, 0, 8, 0)  # the question page's content: room on the right for the scroll bar
ROOM_SIZE = (1280, 720)  # a window larger than this grows its type with its size, whether it fills a screen or not
ROOM_STEPS_PER_SCALE = 12  # text steps (10 % each) per 100 % larger than ROOM_SIZE: 1920 × 1080 is step 6


def room_text_step(width: int, height: int, fills_screen: bool = False) -> int:
    """The text size step a quiz window of this size needs to be read across a room: 0 up to ROOM_SIZE, then
    larger with the window, the largest (small words 24 px, answers 29 px) at 1920 × 1080. A window that fills
    its screen (full screen or maximised: a projector) starts at least where its small words are as large as
    the slides' (room_small_px): 18 px at 1280 × 720, 20 px at 1024 × 768; an in-car laptop's 1024 × 600
    keeps the officer's 15 px. On a 1280 × 720 or 1024 × 768 projector they were 15 px, unreadable at the back."""
    scale = min(width / ROOM_SIZE[0], height / ROOM_SIZE[1])
    step = min(TEXT_STEP_MAX, max(0, math.floor((scale - 1) * ROOM_STEPS_PER_SCALE + 1e-9)))
    if fills_screen:
        wanted = room_small_px(height)
        step = max(step, next((s for s in range(TEXT_STEP_MAX + 1) if font_sizes(s)["small"] >= wanted), TEXT_STEP_MAX))
    return step


def _style_sheet() -> str:
    try:
        return (paths.resources_dir() / "styles" / "quiz.qss").read_text(encoding="utf-8")
    except OSError:  # a missing style file leaves the inherited theme, never a crash
        return ""


def _key_range(keys: str) -> str:
    """The keys that answer, as the hint names them: "A–D", "A–C", "A or B", "A" ("" for none)."""
    if len(keys) <= 1:
        return keys
    return f"{keys[0]} or {keys[1]}" if len(keys) == 2 else f"{keys[0]}–{keys[-1]}"


def _keys_hint(actions: int) -> str:
    """The line under a question: the keys that answer it (the verdict's, the first ``actions`` action keys')
    and check it, read from the table Help → Keyboard keys shows, as the quiz's key handler reads them."""
    action_keys = _key_range(ACTION_KEYS[:actions])
    return (f"Keys: {_key_range(''.join(digits(QUIZ_VERDICT_DIGITS)))} verdict"
            f"{f', {action_keys} action' if action_keys else ''}, {QUIZ_ENTER[0]} to check.")


def _missing_hint(verdict: bool, action: bool, actions: int) -> str:
    """What Enter still waits for, said where the keys are named: with a verdict and no first action picked, Enter
    did nothing, Check answer stayed grey, and nothing said why."""
    verdicts, action_keys = _key_range("".join(digits(QUIZ_VERDICT_DIGITS))), _key_range(ACTION_KEYS[:actions])
    if verdict:
        wanted = f"the first action too ({action_keys})"
    elif action or not actions:
        wanted = f"a verdict{' too' if action else ''} ({verdicts})"
    else:
        wanted = f"a verdict ({verdicts}) and the first action ({action_keys})"
    return f"Pick {wanted}, then {QUIZ_ENTER[0]} to check."


class ResultRows(QWidget):
    """The score page's list: each question's mark and number, its scenario, and under it what was chosen,
    the answer and the law, each after its name. A wrapped line hangs under its own words (the scenario's,
    or the value's after its name), not at the list's left edge, where it read as a new line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "quizResultList", "Each question's result")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(4)
        self._grid.setColumnStretch(2, 1)
        self.titles: list[WrapLabel] = []
        self.names: list[list[QLabel]] = []
        self.values: list[list[WrapLabel]] = []

    def set_rows(self, rows: list[tuple[str, str, list[tuple[str, str]]]]) -> None:
        """``rows``: (mark and number, the scenario's title, [(a field's name, its value)…]) each."""
        while self._grid.count():
            item = self._grid.takeAt(0)
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.titles, self.names, self.values = [], [], []
        top = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
        row = 0
        for n, (marker, title, fields) in enumerate(rows):
            if n:
                self._grid.addItem(QSpacerItem(0, 14, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed), row, 0)
                row += 1
            mark = QLabel(marker)
            mark.setObjectName("quizResultMark")
            mark.setAccessibleName(said(marker, MARK_WORDS))
            self._grid.addWidget(mark, row, 0, top)
            heading = WrapLabel(title, object_name="quizResultTitle")
            heading.set_selectable()
            self._grid.addWidget(heading, row, 1, 1, 2)
            self.titles.append(heading)
            row += 1
            names, values = [], []
            for name, value in fields:
                name_label = QLabel(name)
                name_label.setObjectName("quizResultFieldName")
                value_label = WrapLabel(value, object_name="quizResultValue")
                value_label.set_selectable()
                value_label.setAccessibleName(said(value, MARK_WORDS))
                self._grid.addWidget(name_label, row, 1, top)
                self._grid.addWidget(value_label, row, 2)
                names.append(name_label)
                values.append(value_label)
                row += 1
            self.names.append(names)
            self.values.append(values)

    def text(self) -> str:
        """The list as plain lines (what a screen reader or a test reads)."""
        lines = []
        for title, names, values in zip(self.titles, self.names, self.values, strict=True):
            lines.append(title.text())
            lines += [f"{name.text()} {value.text()}" for name, value in zip(names, values, strict=True)]
        return "\n".join(lines)


def ask_discard(parent: QWidget, answered: int) -> bool:
    """Whether to throw away ``answered`` answers not exported (a seam tests replace: never leave a modal open)."""
    from PySide6.QtWidgets import QMessageBox

    answers = "1 answer" if answered == 1 else f"{answered} answers"
    buttons = QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    answer = ask(parent, "Discard the quiz's answers?",
                 f"This quiz's {answers} will be lost: nothing is saved unless you export. Discard them?",
                 buttons, QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Discard


def _tall(widget: QWidget, width: int) -> int:
    """How tall ``widget`` is at ``width``: its height for that width where its words wrap, else its size hint's."""
    height = widget.heightForWidth(width)
    return height if height > 0 else widget.sizeHint().height()


def _forget_heights(layout: QLayout) -> None:
    """Drop the heights ``layout`` and the layouts in it keep for each width. Qt drops a nested layout's only when
    the widget is shown: folded, what happened measured the last shown question's rows (question 10 of quiz 7 at
    900 x 672, largest text: 252 px for 412), unfolded, and left the verdicts 212 px below the window's edge."""
    layout.invalidate()
    for index in range(layout.count()):
        inner = layout.itemAt(index).layout()
        if inner is not None:
            _forget_heights(inner)


def _button(text: str, name: str, accessible: str = "") -> QPushButton:
    button = named(Button(text), name, accessible or text)  # Enter presses it too, as in the guide
    button.setMinimumHeight(TOUCH_HEIGHT)
    return button


class QuizWindow(QWidget):
    """Setup → one item at a time (verdict, first action, then the answer) → score and export."""

    quiz_started = Signal(object)  # the Quiz
    item_answered = Signal(int, bool)  # item index, all right
    quiz_finished = Signal(object)  # the Score
    result_exported = Signal(str)  # the file written

    def __init__(self, pack: Pack, parent: QWidget | None = None, scenario_id: str | None = None,
                 style_sheet: Callable[[int], str] | None = None, text_step: Callable[[], int] = lambda: 0,
                 playlist: Playlist | None = None) -> None:
        """``style_sheet(step)``: the officer theme's style sheet at a text size step, and ``text_step()``
        the officer's step; with them, the window's type grows with it (room_text_step) when it is shown
        large or fills its screen, on a projector, the officer's step on top. ``playlist``: the class's scenarios
        (the trainer's playlist this session), offered to ask about together, and chosen unless
        ``scenario_id`` is."""
        super().__init__(parent)
        self._theme_sheet = style_sheet
        self._officer_step = text_step
        self._own_sheet = _style_sheet()
        self.setWindowFlag(Qt.WindowType.Window, True)
        named(self, "quizWindow", "Quiz")
        self.setWindowTitle(f"Quiz — {APP_NAME}")
        fit_to_screen(self, 900, 760)
        self.pack = pack
        self.quiz: Quiz | None = None
        self.index = 0
        self.responses: dict[int, Response] = {}
        self._checked = False
        self._asked_for: int | None = None  # the number of questions set up (see start)
        self._settled = False  # the answers given were exported, or the trainer let them go: closing loses nothing

        self.setStyleSheet(self._own_sheet)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("quizPages")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self._build_setup(scenario_id, playlist)
        self._build_question()
        self._build_results()
        self.stack.setCurrentWidget(self.setup_page)

    # -- pages ---------------------------------------------------------------------------------
    def _page(self, name: str, accessible: str) -> tuple[QWidget, QVBoxLayout]:
        page = named(QWidget(), name, accessible)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(14)
        return page, layout

    def _build_setup(self, scenario_id: str | None, playlist: Playlist | None = None) -> None:
        page, page_layout = self._page("quizSetup", "Set up a quiz")
        # the words and fields scroll, "Start quiz" stays in sight: at large text the page was taller than a
        # 600 px screen, and the window with it
        content = QWidget()
        content.setObjectName("quizSetupContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(14)
        self.setup_scroll = VScrollArea(content, "quizSetupScroll", "Quiz set-up")
        page_layout.addWidget(self.setup_scroll, 1)
        layout.addWidget(WrapLabel("Quiz from the scenarios", role="h1", object_name="quizSetupHeading"))
        meta = self.pack.meta
        layout.addWidget(WrapLabel(
            "Each question is one path through a scenario, taken from the data pack in use "
            f"(data version {meta.data_version}, as of {format_day(meta.as_of)}). The trainee reads what happened, "
            "then picks the verdict and the first thing to do. Nothing about the trainee is saved unless you "
            "export the result at the end.", role="summary", object_name="quizSetupIntro"))
        form = QGridLayout()  # not a QFormLayout: it keeps each label at the top of its row, above the words
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        form.setColumnStretch(1, 1)
        # its list's long titles cut at the end at a word, in rows a touch target tall (Qt's cut them in the middle),
        # the list no wider than the window; the box as wide as the window allows, not as the longest title (which
        # made the window wider than a screen), the chosen title cut at a word too
        self.scenario_combo = combo_box("quizScenario", "Scenarios to ask about", cut_rows=True)
        self.scenario_combo.setMinimumContentsLength(20)
        self.scenario_combo.addItem("All scenarios", None)
        if playlist is not None and playlist.scenario_ids:
            # the scenarios just presented to the class: one quiz on them all could only be had from the
            # command line (--scenario for each); the window asked about one scenario or every one
            ids = playlist.scenario_ids
            which = ", ".join(ids) if len(ids) <= 4 else f"{len(ids)} scenarios"  # the box has one line
            self.scenario_combo.addItem(f"This class: {playlist.title} ({which})", playlist)
            self.scenario_combo.setCurrentIndex(1)
        for s in quizzes.quiz_scenarios(self.pack):
            self.scenario_combo.addItem(s.title, s.scenario_id)
        if scenario_id is not None and (row := self.scenario_combo.findData(scenario_id)) >= 0:
            self.scenario_combo.setCurrentIndex(row)
        self.scenario_combo.setMinimumHeight(TOUCH_HEIGHT)
        self.count_spin = named(QSpinBox(), "quizCount", "Number of questions")
        self.count_spin.setRange(1, 100)
        self.count_spin.setValue(quizzes.DEFAULT_COUNT)
        self.seed_spin = named(QSpinBox(), "quizSeed", "Quiz number (the same number gives the same quiz)")
        self.seed_spin.setRange(0, quizzes.MAX_SEED)  # the command line's bound: a printed quiz can be made here
        self.seed_spin.setValue(random.SystemRandom().randint(1, 99_999))
        rows = [
            ("&Scenarios", self.scenario_combo, self.scenario_combo),
            ("&Questions", Stepper(self.count_spin, "One question fewer", "One question more"), self.count_spin),
            ("Quiz &number", Stepper(self.seed_spin, "Previous quiz number", "Next quiz number"), self.seed_spin),
        ]
        for row_number, (text, field, buddy) in enumerate(rows):
            label = QLabel(text)
            label.setBuddy(buddy)  # Alt + the underlined letter goes to the field
            form.addWidget(label, row_number, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            form.addWidget(field, row_number, 1)
        layout.addLayout(form)
        layout.addWidget(WrapLabel("The same quiz number gives the same questions in the same order, "
                                   "as long as the data pack is the same.", role="muted", object_name="quizSeedHelp"))
        self.setup_message = WrapLabel("", role="error", object_name="quizSetupMessage")
        self.setup_message.hide()
        layout.addWidget(self.setup_message)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.start_button = _button("Start quiz", "quizStart")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_from_setup)
        row.addWidget(self.start_button)
        page_layout.addLayout(row)
        self.setup_page = page
        self.stack.addWidget(page)

    def _build_question(self) -> None:
        page, layout = self._page("quizQuestion", "Quiz question")
        # read from the back of a room: the situation's size and colour, bold (quiz.qss), not small and grey
        self.progress = WrapLabel("", role="summary", object_name="quizProgress")
        layout.addWidget(self.progress)
        content = QWidget()
        content.setObjectName("quizQuestionContent")
        body = QVBoxLayout(content)
        body.setContentsMargins(*QUESTION_MARGINS)
        self._question_body = body
        body.setSpacing(12)
        self.scenario_label = WrapLabel("", role="h1", object_name="quizScenarioTitle")
        # each answer so far on its own numbered line; a long one wraps under its words, not under its number
        self.situation = HangingList("quizSituation", "quizSituationStep", "summary",
                                     marker_name="quizSituationNumber", gap=10)
        self.situation.setAccessibleName("What happened")
        # the scenario and what happened, at the top of the question's one scroll; in a window too short for them
        # and the verdicts together, what happened folds behind this button (_fold), the verdicts in sight
        self.situation_toggle = _button("", "quizSituationToggle")
        self.situation_toggle.setCheckable(True)
        self.situation_toggle.toggled.connect(self._situation_toggled)
        self.situation_toggle.hide()
        toggle_row = QHBoxLayout()
        toggle_row.setContentsMargins(0, 0, 0, 0)
        toggle_row.addWidget(self.situation_toggle)
        toggle_row.addStretch(1)
        self.situation_box = QWidget()
        self.situation_box.setObjectName("quizSituationBox")
        box_layout = QVBoxLayout(self.situation_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(12)
        box_layout.addWidget(self.scenario_label)
        box_layout.addLayout(toggle_row)
        box_layout.addWidget(self.situation)
        body.addWidget(self.situation_box)

        self.verdict_prompt = WrapLabel(quizzes.VERDICT_QUESTION, role="section",
                                        object_name="quizVerdictPrompt")
        body.addWidget(self.verdict_prompt)
        self.verdict_group = QButtonGroup(self)
        self.verdict_group.setExclusive(True)
        # one row of four where the words fit (on a 1280 × 720 projector two rows pushed all but the first
        # action below the screen), else two by two: verdict words are long and must never be cut
        self.verdict_grid = QGridLayout()
        self.verdict_grid.setSpacing(10)
        self.verdict_buttons: dict[str, WrapButton] = {}
        for n, verdict in enumerate(VERDICTS, 1):
            button = WrapButton(VERDICT_LABELS[verdict], f"quizVerdict_{verdict}", key_hint=str(n), kind="answer",
                                accessible_name=f"Verdict {n}: {VERDICT_LABELS[verdict]}")
            button.setCheckable(True)
            self.verdict_group.addButton(button, n - 1)
            self.verdict_buttons[verdict] = button
            self.verdict_grid.addWidget(button, (n - 1) // 2, (n - 1) % 2)
            # equal columns, whatever each button's words: by their lengths, "PERMITTED" got too little
            button.setSizePolicy(QSizePolicy.Policy.Ignored, button.sizePolicy().verticalPolicy())
        for column in range(2):
            self.verdict_grid.setColumnStretch(column, 1)
        self._verdict_columns = 2
        body.addLayout(self.verdict_grid)

        self.action_prompt = WrapLabel(quizzes.ACTION_QUESTION, role="section", object_name="quizActionPrompt")
        body.addWidget(self.action_prompt)
        # a small pack may offer fewer actions, or none: said, so the short list reads as no fault and no hint
        self.action_note = WrapLabel("", role="muted", object_name="quizActionNote")
        self.action_note.hide()
        body.addWidget(self.action_note)
        self.action_group = QButtonGroup(self)
        self.action_group.setExclusive(True)
        self.action_buttons: list[WrapButton] = []
        for i, key in enumerate(ACTION_KEYS):
            button = WrapButton("", f"quizAction{i}", key_hint=key, kind="answer")
            button.setCheckable(True)
            self.action_group.addButton(button, i)
            self.action_buttons.append(button)
            body.addWidget(button)

        self.feedback = QFrame()
        named(self.feedback, "quizFeedback", "The right answer")
        self.feedback.setFrameShape(QFrame.Shape.StyledPanel)
        feedback_layout = QVBoxLayout(self.feedback)
        feedback_layout.setContentsMargins(16, 12, 16, 12)
        # right or wrong, a line each for the verdict and the first action; a line that wraps hangs under its
        # first word, not under its mark (quiz.qss keeps the section's rule off each line)
        self.feedback_result = HangingList("quizFeedbackResult", "quizFeedbackLine", "section",
                                           marker_name="quizFeedbackMark", marker_role="section", gap=6,
                                           selectable=True, marker_words=MARK_WORDS)
        self.feedback_result.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)  # its rule drawn (quiz.qss)
        self.feedback_result.layout().setContentsMargins(0, 6, 0, 5)  # the section's margin above, room for the rule
        self.feedback_answer = WrapLabel("", role="headline", object_name="quizFeedbackAnswer")
        # what to do, one under another, wrapped lines hanging under each item's words (as on the outcome card);
        # then why, and the law it rests on, each under its own small name
        self.feedback_do = HangingList("quizFeedbackDo", "quizFeedbackDoItem", "", marker_name="quizFeedbackBullet",
                                       gap=10, selectable=True)  # its bullets are not read: "Do" is, above them
        self.feedback_why = WrapLabel("", object_name="quizFeedbackWhy")
        self.feedback_law = WrapLabel("", object_name="quizFeedbackLaw")
        for label in (self.feedback_why, self.feedback_law):
            label.set_selectable()
        feedback_layout.addWidget(self.feedback_result)
        feedback_layout.addWidget(self.feedback_answer)
        self.feedback_parts: dict[str, QWidget] = {}
        for name, widget in (("Do", self.feedback_do), ("Why", self.feedback_why), ("Law", self.feedback_law)):
            part = QWidget()
            part.setObjectName(f"quizFeedback{name}Part")
            part_layout = QVBoxLayout(part)
            part_layout.setContentsMargins(0, 8, 0, 0)
            part_layout.setSpacing(4)
            part_layout.addWidget(WrapLabel(name, role="fieldName", object_name=f"quizFeedback{name}Name"))
            part_layout.addWidget(widget)
            feedback_layout.addWidget(part)
            self.feedback_parts[name] = part
        self.feedback.hide()
        body.addWidget(self.feedback)
        body.addStretch(1)

        # as tall as its words at its width: a plain scroll area kept it as tall as at its narrowest, and
        # scrolled into 230 px of nothing below the feedback
        self.scroll = VScrollArea(content, "quizScroll", "The situation and its answers")  # "Quiz question, Question"
        # a new question gives it the focus (PageDown reads on; the keys still answer): on the first verdict,
        # the focus ring made "NOT PERMITTED" look chosen before anyone had answered
        self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scroll.viewport().installEventFilter(self)
        self.folded = False  # a short window: what happened behind situation_toggle (_fold)
        self._title_growth = 0  # how much taller the title is at the h1 size than folded (_fold)
        self._folding = False
        layout.addWidget(self.scroll, 1)

        row = QHBoxLayout()
        self.question_hint = WrapLabel(_keys_hint(len(ACTION_KEYS)), role="muted", object_name="quizKeysHint")
        row.addWidget(self.question_hint, 1)
        self.check_button = _button("Check answer", "quizCheck")
        self.next_button = _button("Next question", "quizNext")
        row.addWidget(self.check_button)
        row.addWidget(self.next_button)
        layout.addLayout(row)
        self.check_button.clicked.connect(self.check)
        self.next_button.clicked.connect(self.next_item)
        for group in (self.verdict_group, self.action_group):
            group.buttonToggled.connect(self._mark_chosen)
            group.buttonToggled.connect(self._update_buttons)

        for digit, verdict in zip(digits(QUIZ_VERDICT_DIGITS), VERDICTS, strict=True):
            self._shortcut(page, digit, lambda v=verdict: self._pick_verdict(v))
        for i, key in enumerate(ACTION_KEYS):
            self._shortcut(page, key, lambda i=i: self._pick_action(i))
        for code in qt_keys(QUIZ_ENTER):  # Return and the keypad's Enter; one step a press, as PageDown
            self._shortcut(page, code, self._enter).setAutoRepeat(False)
        for code in qt_keys(QUIZ_CLICKER_NEXT):  # one step a press: held, it checked and went on past the feedback
            self._shortcut(page, code, self._read_on).setAutoRepeat(False)
        for code in qt_keys(QUIZ_CLICKER_BACK):
            self._shortcut(page, code, self._read_back)
        self.question_page = page
        self.stack.addWidget(page)

    def _shortcut(self, page: QWidget, key: str | int, slot: object) -> QShortcut:
        shortcut = QShortcut(QKeySequence(key), page)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)  # type: ignore[arg-type]
        return shortcut

    def _build_results(self) -> None:
        page, layout = self._page("quizResults", "Quiz score")
        self.score_label = WrapLabel("", role="h1", object_name="quizScore")
        layout.addWidget(self.score_label)
        self.results_summary = WrapLabel("", object_name="quizResultSummary")
        self.results_list = ResultRows()
        self.results_legend = WrapLabel(quizzes.CAUTION_LEGEND, object_name="quizResultLegend")
        self.results_legend.setAccessibleName(said(quizzes.CAUTION_LEGEND))
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setSpacing(14)
        for widget in (self.results_summary, self.results_list, self.results_legend):
            content_layout.addWidget(widget)
        content_layout.addStretch(1)
        results = VScrollArea(content, "quizResultsScroll", "Results")
        results.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # nothing in it takes the keys: PageDown reads on
        layout.addWidget(results, 1)
        self.export_message = WrapLabel("", role="muted", object_name="quizExportMessage")
        layout.addWidget(self.export_message)
        # the note on its own line: beside the three buttons, at the largest text on 800 × 600, it was a column
        # one word wide and five lines tall, and the results above it lost those lines
        layout.addWidget(WrapLabel("Nothing is saved unless you export.", role="muted", object_name="quizPrivacyNote"))
        row = QHBoxLayout()
        row.addStretch(1)
        self.export_button = _button("Export result…", "quizExport", "Export the result to a file")
        self.again_button = _button("New quiz", "quizNew")
        self.close_button = _button("Close", "quizClose")
        for b in (self.export_button, self.again_button, self.close_button):
            row.addWidget(b)
        layout.addLayout(row)
        self.export_button.clicked.connect(lambda: self.export_result())
        self.again_button.clicked.connect(self.new_quiz)
        self.close_button.clicked.connect(self.close)
        self.results_page = page
        self.stack.addWidget(page)

    # -- running -------------------------------------------------------------------------------
    def start_from_setup(self) -> None:
        chosen = self.scenario_combo.currentData()  # None (all), a scenario's id, or the class's playlist
        # a class's quiz is titled by the class: as "Quiz: <the guide's title>" its sheet and results read as a
        # quiz on every scenario, whose quiz number makes another quiz
        ids, title = (chosen.scenario_ids, f"Quiz: {chosen.title}") if isinstance(chosen, Playlist) else (
            [chosen] if chosen else None, None)
        try:
            quiz = quizzes.generate(self.pack, ids, seed=self.seed_spin.value(), count=self.count_spin.value(),
                                    title=title)
        except QuizError as exc:
            self.setup_message.setText(f"Cannot make a quiz: {exc}.")
            self.setup_message.show()
            # below the fields at large text: brought into view, or "Start quiz" seemed to do nothing
            QTimer.singleShot(0, lambda: self.setup_scroll.ensureWidgetVisible(self.setup_message))
            return
        self.start(quiz, asked_for=self.count_spin.value())

    def start(self, quiz: Quiz, asked_for: int | None = None) -> None:
        """Run ``quiz``; ``asked_for``: the number of questions set up (the quiz may have fewer)."""
        self._asked_for = asked_for
        self.quiz = quiz
        self.index = 0
        self.responses = {}
        self._settled = False
        self.setWindowTitle(f"{quiz.title} (quiz number {quiz.seed}) — {APP_NAME}")
        self.stack.setCurrentWidget(self.question_page)
        self._show_item()
        self.quiz_started.emit(quiz)

    def new_quiz(self) -> None:
        if not self._may_discard():
            return
        self.quiz = None
        self.responses = {}
        self.seed_spin.setValue(random.SystemRandom().randint(1, 99_999))
        self.setup_message.hide()
        self.export_message.setText("")
        self.stack.setCurrentWidget(self.setup_page)

    @property
    def item(self) -> quizzes.QuizItem:
        assert self.quiz is not None
        return self.quiz.items[self.index]

    def _show_item(self) -> None:
        assert self.quiz is not None
        item = self.item
        self._checked = False
        count = len(self.quiz.items)
        # a scenario with 3 paths gives 3 questions however many were set up: said, not left to look like a fault
        paths = f"{count} path{'' if count == 1 else 's'}"
        fewer = f" (only {paths} to ask about, not {self._asked_for})" if count < (self._asked_for or 0) else ""
        self.progress.setText(f"Question {self.index + 1} of {count}{fewer}")
        self.scenario_label.setText(item.scenario_title)
        steps = [(f"{n}.", f"{step.prompt}  →  {step.answer}") for n, step in enumerate(item.steps, 1)]
        steps = steps or [("", "(The scenario starts at its answer.)")]
        self.situation.set_items(steps)
        self.situation.setAccessibleDescription(said(" ".join(f"{n} {words}".strip() for n, words in steps)))
        self._name_situation_toggle()
        for group in (self.verdict_group, self.action_group):
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
                button.setEnabled(True)
                button.setProperty("result", "")
            group.setExclusive(True)
        for answer in (*self.verdict_buttons.values(), *self.action_buttons):
            answer.text_label.setAccessibleName("")  # its words again, without the last question's mark
        for n, (verdict, button) in enumerate(self.verdict_buttons.items(), 1):
            button.set_label(VERDICT_LABELS[verdict], f"Verdict {n}: {VERDICT_LABELS[verdict]}")
            repolish(button)
        has_actions = bool(item.action_choices)
        self.action_prompt.setVisible(has_actions)
        note = quizzes.fewer_actions_note(item)
        self.action_note.setText(note or "")
        self.action_note.setVisible(note is not None)
        for i, button in enumerate(self.action_buttons):
            if i < len(item.action_choices):
                text = item.action_choices[i]
                button.text_label.setText(text)
                button.setAccessibleName(f"Action {ACTION_KEYS[i]}: {text}")
                repolish(button)
                button.show()
            else:
                button.hide()
        self.feedback.hide()
        self._question_body.setContentsMargins(*QUESTION_MARGINS)  # without the room the last feedback was given
        self.next_button.setText("Next question" if self.index + 1 < len(self.quiz.items) else "See the score")
        self._update_buttons()
        settle_layout([self.situation_box])
        self._fold()
        self.scroll.verticalScrollBar().setValue(0)
        self.scroll.setFocus()

    def _arrange_verdicts(self) -> None:
        """Four verdicts in one row when each fits its words in a quarter of the width, else two by two."""
        buttons = list(self.verdict_buttons.values())
        width = self.scroll.viewport().width() - 8  # the content's right margin

        def needs(button: WrapButton) -> int:  # its longest word on a line (a word cannot wrap), and its frame
            label = button.text_label
            chrome = button.sizeHint().width() - label.sizeHint().width()
            return chrome + max(label.fontMetrics().horizontalAdvance(w) for w in label.text().split())

        columns = 4 if max(map(needs, buttons)) * 4 + self.verdict_grid.spacing() * 3 <= width else 2
        if columns == self._verdict_columns:
            return
        self._verdict_columns = columns
        for button in buttons:
            self.verdict_grid.removeWidget(button)
        for n, button in enumerate(buttons):
            self.verdict_grid.addWidget(button, n // columns, n % columns)
        for column in range(4):
            self.verdict_grid.setColumnStretch(column, 1 if column < columns else 0)

    @property
    def text_step(self) -> int:
        """The text size step the window's type is set at: the room's for its size (room_text_step), and the
        officer's step on top of it, so Ctrl++, Ctrl+− and Ctrl+0 go on from the room's size (0 for a window
        without the officer's style sheets, set as its own style sheet says)."""
        if not self._theme_sheet:
            return 0
        fills_screen = self.isFullScreen() or self.isMaximized()
        return clamp_text_step(room_text_step(self.width(), self.height(), fills_screen) + self._officer_step())

    def restyle(self, *_args: object) -> None:
        """Set the type for the window's size and the officer's theme and text size (called when they change).
        On a 1080p projector the quiz was set as on a laptop: its small words 15 px, what to do 18 px."""
        if self._theme_sheet is None:  # a window on its own: its type is what its style sheet says
            return
        step = self.text_step
        sheet = self._own_sheet  # the officer window's sheet, inherited, sets the type
        if step != self._officer_step():
            sheet = self._theme_sheet(step) + "\n" + self._own_sheet
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)
            self._arrange_verdicts()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.restyle()

    def _may_discard(self) -> bool:
        """Whether the answers given may go: none given, exported, or the trainer says so. Close and New quiz on
        the score, or the window's ✕, threw a class's answers away without a word, before the export."""
        if not self.responses or self._settled:
            return True
        self._settled = ask_discard(self, len(self.responses))
        return self._settled

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if not self._may_discard():
            event.ignore()
            return
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange:  # full screen or maximised: shown to a room
            self.restyle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Resize and watched is self.scroll.viewport():
            self._arrange_verdicts()
            self._fold()
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        # Enter in a set-up field starts the quiz, as in a dialog (a plain window has no default button);
        # the fields pass Enter on, and an open list takes it itself
        if self.stack.currentWidget() is self.setup_page and event.key() in qt_keys(QUIZ_ENTER):
            self.start_from_setup()
            event.accept()
            return
        super().keyPressEvent(event)

    @staticmethod
    def _mark_chosen(button: QAbstractButton, checked: bool) -> None:
        button.setProperty("chosen", checked)
        repolish(button)

    def _pick_verdict(self, verdict: str) -> None:
        if not self._checked:
            self.verdict_buttons[verdict].setChecked(True)

    def _pick_action(self, index: int) -> None:
        if not self._checked and index < len(self.item.action_choices):
            self.action_buttons[index].setChecked(True)

    def _enter(self) -> None:
        if self.situation_toggle.hasFocus():  # the page's Enter would check: on the button it opens what happened
            self.situation_toggle.toggle()
        elif self._checked:
            self.next_item()
        elif self.check_button.isEnabled():
            self.check()
        elif self.quiz is not None:
            self.question_hint.setText(_missing_hint(self._chosen_verdict() is not None,
                                                     self._chosen_action() is not None, len(self.item.action_choices)))

    def _read_on(self) -> None:
        """PageDown, a presentation clicker's next key: the question reads on while any of it is below the view,
        then does what Enter does (checks the answer, then goes to the next question). It only scrolled, and
        not at all once the answer was checked (the focus on Next question, outside the scrolled view), so a
        trainer with a clicker walked to the laptop for every question."""
        content, viewport, bar = self.scroll.widget(), self.scroll.viewport(), self.scroll.verticalScrollBar()
        foot = content.mapTo(viewport, QPoint(0, content.childrenRect().bottom())).y()  # hidden rows are not counted
        if foot >= viewport.height() and bar.value() < bar.maximum():  # words below, not just the room under them
            bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
        else:
            self._enter()

    def _read_back(self) -> None:
        """PageUp, a clicker's back key: the question back up."""
        self.scroll.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderPageStepSub)

    def _fold(self, *_args: object) -> None:
        """In a window too short to show what happened and the first verdicts together (800 × 600 at the largest
        text: the verdicts began 450 to 1,360 px down a 430 px view), what happened folds behind "Show what
        happened", under the scenario's title in the situation's size, and the verdict question and its first
        verdicts are in sight as soon as the question is. Shown, it opens above them in the one scroll (the
        choice holds for the next questions). It was split off into a pane of its own above the question: two
        small scrolls, each showing a step or a row of verdicts. Where everything up to the first verdicts fits
        (a projector), nothing folds."""
        if self.stack.currentWidget() is not self.question_page or self.quiz is None or self._folding:
            return  # (the layout it settles resizes the view, which asks again: decided once, here)
        self._folding = True
        try:
            self._arrange_fold()
        finally:
            self._folding = False

    def _arrange_fold(self) -> None:
        spacing = self._question_body.spacing()
        room = self.scroll.viewport().height()
        width = self.scroll.viewport().width() - QUESTION_MARGINS[2]
        first_verdict = next(iter(self.verdict_buttons.values()))
        content = self.scroll.widget()
        laid_out = (first_verdict.mapTo(content, QPoint(0, first_verdict.height())).y()
                    - self.verdict_prompt.mapTo(content, QPoint(0, 0)).y())  # the prompt's rule and the grid's margin
        answers = max(laid_out, _tall(self.verdict_prompt, width) + spacing + _tall(first_verdict, width // 2)) + spacing
        # the title's growth back to h1 counted while folded: else the smaller title fits, the page unfolds, and
        # the larger one folds it again, on every resize
        if self.situation.isHidden():  # folded: its rows' heights as the new question's words make them
            _forget_heights(self.situation.layout())
        needed = (_tall(self.scenario_label, width) + spacing + _tall(self.situation, width) + spacing + answers
                  + (self._title_growth if self.folded else 0))
        folded = needed > room
        if folded != self.folded:
            self.folded = folded
            if folded:
                before = _tall(self.scenario_label, width)
                self._fit_title("small")
                self._title_growth = max(0, before - _tall(self.scenario_label, width))
            else:
                small = _tall(self.scenario_label, width)
                self._fit_title("")
                growth = max(0, _tall(self.scenario_label, width) - small)
                # the growth counted was measured on the question and at the width the page folded at: this
                # question's title, at this width, may grow more (question 7 of quiz 7 at 1100 x 726: unfolded, its
                # title a line taller than counted, the verdicts 35 px below the window's edge)
                if needed - self._title_growth + growth > room:
                    self.folded = True
                    self._fit_title("small")
                self._title_growth = growth
            self.situation_toggle.setVisible(self.folded)
        self.situation.setVisible(not self.folded or self.situation_toggle.isChecked())
        settle_layout([self.situation_box])

    def _name_situation_toggle(self) -> None:
        shown = self.situation_toggle.isChecked()
        steps = len(self.item.steps) if self.quiz is not None else 0
        answers = "1 answer" if steps == 1 else f"{steps} answers"
        text = "Hide &what happened" if shown else f"Show &what happened ({answers})"
        self.situation_toggle.setText(text)
        self.situation_toggle.setAccessibleName(text.replace("&", ""))
        # folded, what happened is out of a screen reader's reach (hidden widgets are not read): the button says it
        self.situation_toggle.setAccessibleDescription("" if shown else self.situation.accessibleDescription())

    def _situation_toggled(self, shown: bool) -> None:
        """What happened shown or folded again in a short window, the view at its top to read it from."""
        self._name_situation_toggle()
        if self.folded:
            self.situation.setVisible(shown)
            settle_layout([self.situation_box])
            self.scroll.settle_scroll_bar()
            self.scroll.verticalScrollBar().setValue(0)

    def _fit_title(self, fit: str) -> None:
        if self.scenario_label.property("fit") != fit:
            self.scenario_label.setProperty("fit", fit)
            repolish(self.scenario_label)
            settle_layout([self.scenario_label])

    def _chosen_verdict(self) -> str | None:
        button_id = self.verdict_group.checkedId()
        return VERDICTS[button_id] if button_id >= 0 else None

    def _chosen_action(self) -> int | None:
        button_id = self.action_group.checkedId()
        return button_id if button_id >= 0 else None

    def _update_buttons(self, *_args: object) -> None:
        if self.quiz is None:
            return
        ready = self._chosen_verdict() is not None and (
            not self.item.action_choices or self._chosen_action() is not None)
        self.check_button.setEnabled(ready and not self._checked)
        self.check_button.setVisible(not self._checked)
        self.next_button.setVisible(self._checked)
        if self._checked:
            self.question_hint.setText(f"Keys: {QUIZ_ENTER[0]} for “{self.next_button.text()}”.")
            self.next_button.setDefault(True)
        else:
            self.question_hint.setText(_keys_hint(len(self.item.action_choices)))
            self.check_button.setDefault(True)

    def answer(self, verdict: str, action: int | None = None) -> None:
        """Choose and check in one go (keyboard users and tests)."""
        self._pick_verdict(verdict)
        if action is not None:
            self._pick_action(action)
        self.check()

    def check(self) -> None:
        verdict = self._chosen_verdict()
        if self.quiz is None or self._checked or verdict is None:
            return
        item = self.item
        action = self._chosen_action() if item.action_choices else None
        if item.action_choices and action is None:
            return
        response = Response(verdict, action)
        self.responses[self.index] = response
        mark = quizzes.mark(item, response)
        self._checked = True
        for n, (v, button) in enumerate(self.verdict_buttons.items(), 1):
            button.setEnabled(False)
            if v == item.verdict:
                self._mark_answer(button, RIGHT, f"Verdict {n}", VERDICT_LABELS[v])
            elif v == verdict:
                self._mark_answer(button, WRONG, f"Verdict {n}", VERDICT_LABELS[v])
        for i, button in enumerate(self.action_buttons[:len(item.action_choices)]):
            button.setEnabled(False)
            if i == item.action_answer:
                self._mark_answer(button, RIGHT, f"Action {ACTION_KEYS[i]}", item.action_choices[i])
            elif i == action:
                self._mark_answer(button, WRONG, f"Action {ACTION_KEYS[i]}", item.action_choices[i])
        for button in (*self.verdict_buttons.values(), *self.action_buttons):
            repolish(button)
        lines = quizzes.feedback_lines(item, response)
        self.feedback_result.set_items(lines)  # its words say right or wrong; a citation's ⚠ is heard "caution"
        self.feedback_answer.setText(f"{item.verdict_label}: {item.headline}")
        self.feedback_do.set_items([("•", d) for d in item.do])
        self.feedback_parts["Do"].setVisible(bool(item.do))  # a quiz item may have nothing listed to do
        self.feedback_why.setText(item.rationale)
        law = "; ".join(unbroken(c) for c in item.marked_citations)
        self.feedback_law.setText(f"{law}\n{quizzes.CAUTION_LEGEND}" if item.needing_care else law)
        self.feedback.setAccessibleDescription(said(" ".join([*(words for _mark, words in lines),
                                                             self.feedback_answer.text()]), MARK_WORDS))
        self.feedback_law.setAccessibleName(said(self.feedback_law.text()))
        self.feedback.show()
        self._update_buttons()
        self.next_button.setFocus()
        QTimer.singleShot(0, self._scroll_to_feedback)  # once the layout has made room for it
        self.item_answered.emit(self.index, mark.all_right)

    @staticmethod
    def _mark_answer(button: WrapButton, mark: str, name: str, words: str) -> None:
        """Mark an answer's button right (the answer) or wrong (the one chosen), for the eye and the ear."""
        button.set_label(f"{mark} {words}", f"{name}: {words}, {'the answer' if mark == RIGHT else 'your answer, wrong'}")
        button.text_label.setAccessibleName(said(button.label(), MARK_WORDS))
        button.setProperty("result", "right" if mark == RIGHT else "wrong")

    def _scroll_to_feedback(self) -> None:
        """Bring the feedback into view whole, the view starting at a whole row above it (an answer, a prompt)
        or at the feedback; when it is taller than the view, its top (right or wrong, and the right answer) at
        the top: Qt centres a widget that does not fit, which hid the verdict above. Showing just the feedback's
        foot cut the answer above it in half at the view's top (at 1920 × 1080)."""
        if not self.feedback.isVisible():
            return
        settle_layout([self.feedback])  # its final height: a line of it may still be wrapping to the width
        content, view = self.scroll.widget(), self.scroll.viewport().height()
        gap = self._question_body.spacing() // 2  # a row's border shows whole, under the view's top edge
        top = self.feedback.mapTo(content, QPoint(0, 0)).y() - gap
        if self.feedback.height() + gap > view:
            self.scroll.verticalScrollBar().setValue(top + gap)
            return
        needed = top + gap + self.feedback.height() - view  # the least that shows the feedback's foot
        rows = [*self.situation.labels, self.scenario_label, self.verdict_prompt, *self.verdict_buttons.values(),
                self.action_prompt, self.action_note, *self.action_buttons]
        starts = [row.mapTo(content, QPoint(0, 0)).y() - gap for row in rows if row.isVisibleTo(content)]
        start = min((y for y in (*starts, top) if needed <= y <= top), default=top)
        room = start + view - content.height()  # below the feedback, for the view to start at a row
        if room > 0:
            margins = self._question_body.contentsMargins()
            margins.setBottom(margins.bottom() + room)
            self._question_body.setContentsMargins(margins)
            settle_layout([content])
            self.scroll.settle_scroll_bar()
        self.scroll.verticalScrollBar().setValue(max(0, start))

    def next_item(self) -> None:
        if self.quiz is None or not self._checked:
            return
        if self.index + 1 < len(self.quiz.items):
            self.index += 1
            self._show_item()
        else:
            self._show_results()

    def score(self) -> quizzes.Score:
        assert self.quiz is not None
        return quizzes.score(self.quiz, self.responses)

    def _show_results(self) -> None:
        assert self.quiz is not None
        score = self.score()
        self.score_label.setText(f"Score: {score.points} of {score.possible} points ({score.percent}%)")
        self.score_label.setAccessibleName(self.score_label.text())
        self.results_summary.setText(f"{score.items_right} of {quizzes.questions(score.items)} fully right.")
        rows = []
        for n, item in enumerate(self.quiz.items):
            response = self.responses.get(n)
            mark = quizzes.mark(item, response) if response else None
            fields = []
            if response is not None and mark is not None:
                # each half marked: a question half right showed ✖ with nothing to say which half was wrong
                chosen = f"{RIGHT if mark.verdict_right else WRONG}\u00a0{VERDICT_LABELS.get(response.verdict, response.verdict)}"
                if response.action is not None and item.action_choices:
                    chosen += f"; {RIGHT if mark.action_right else WRONG}\u00a0{item.action_choices[response.action]}"
                fields.append(("Chosen:", chosen))
            answer = item.verdict_label + (f"; {item.right_action}" if item.right_action else "")
            fields.append(("Answer:", answer))
            fields.append(("Law:", "; ".join(unbroken(c) for c in item.marked_citations)))
            rows.append((f"{RIGHT if mark and mark.all_right else WRONG}\u00a0{n + 1}.", item.scenario_title, fields))
        self.results_list.set_rows(rows)
        self.results_legend.setVisible(any(item.needing_care for item in self.quiz.items))
        self.stack.setCurrentWidget(self.results_page)
        self.export_button.setFocus()
        self.quiz_finished.emit(score)

    # -- export (the only way anything about a trainee leaves this window) ----------------------
    def export_result(self, path: str | Path | None = None) -> Path | None:
        if self.quiz is None:
            return None
        if path is None:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            suggested = str(Path(folder) / f"quiz-{self.quiz.seed}-{dt.date.today().isoformat()}.txt")
            chosen, chosen_filter = save_file_name(self, "Export quiz result", suggested, EXPORT_FILTER)
            if not chosen:
                return None
            path = chosen
            if not Path(chosen).suffix:
                path = chosen + (".json" if "json" in chosen_filter.lower() else ".txt")
                if chosen_save_path(self, chosen, Path(path)) is None:
                    return None
        target = Path(path)
        if target.suffix.lower() == ".json":
            data = json.dumps(quizzes.result_dict(self.quiz, self.responses), ensure_ascii=False, indent=2) + "\n"
        else:
            data = quizzes.result_text(self.quiz, self.responses)
        try:
            write_user_file(data.encode("utf-8"), target)
        except OSError as exc:
            self.export_message.setText(f"Could not export to {target.name}: {exc.strerror or exc}.")
            return None
        self.export_message.setText(f"Exported to {target}.")
        self._settled = True
        self.result_exported.emit(str(target))
        return target
