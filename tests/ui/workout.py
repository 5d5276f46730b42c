"""A full officer workout through the real widgets, written once for the no-network and no-record tests
(tests/ui/test_privacy.py): searches typed into the search field, every path of every scenario of the
pack answered with the keys 1–9 and the wizard's Back button, every cited provision opened from its
outcome card, an outcome saved as PDF through the card's "Save as PDF…" button (file dialog mocked), a
scenario handout exported, theme and text size changed, the window closed.

Timing: with the window on screen each answer costs ~35 ms of layout (the outcome card is laid out on
every switch), ~80 s for the bundled pack's 779 paths (833 since FORCE, 918 since the danger-first questions of S02, S03, S07 and S10). So the window is on screen for the searches, the
first path of every scenario, every citation and the PDF; the exhaustive walk runs with the window
hidden (~5 ms an answer): the same widgets, key events and slots, only nothing is painted."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from desktop.domain import wizard
from desktop.domain.model import Outcome, Pack
from desktop.ui import handout
from desktop.ui.history import HOME, PROVISION, SEARCH, WIZARD
from desktop.ui.main_window import MainWindow

#: What an officer might type, including a marker no pack contains and non-ASCII text.
QUERIES = ("detainer", "administrative warrant", "courthouse", "quokka7731 zanzibar", "I-247A",
           "Ausländerbehörde détenu ñ")


@dataclass
class Workout:
    queries: list[str] = field(default_factory=list)
    result_counts: list[int] = field(default_factory=list)
    scenarios: list[str] = field(default_factory=list)
    scenario_titles: set[str] = field(default_factory=set)
    paths_walked: int = 0
    answers_given: int = 0
    answer_labels: set[str] = field(default_factory=set)
    outcome_ids: set[tuple[str, str]] = field(default_factory=set)
    headlines: set[str] = field(default_factory=set)
    provisions_opened: set[str] = field(default_factory=set)
    provision_titles: set[str] = field(default_factory=set)
    pdfs: list[Path] = field(default_factory=list)
    handouts: list[Path] = field(default_factory=list)

    def secrets(self) -> list[str]:
        """Text that would show what an officer did: it must be in no file the app keeps."""
        long_labels = {label for label in self.answer_labels if len(label) >= 20}
        return sorted({*self.queries, *self.headlines, *self.provision_titles, *self.scenario_titles, *long_labels})


def type_text(widget: QWidget, text: str) -> None:
    """Unicode-safe typing (qtbot.keyClicks aborts on characters such as é)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def _search(bot, window: MainWindow, record: Workout, query: str) -> None:
    window.focus_search()
    with bot.waitSignal(window.search_page.results_shown, timeout=3000) as shown:
        if query.isascii():
            bot.keyClicks(window.search_field, query)
        else:
            type_text(window.search_field, query)
    assert window.current_kind() == SEARCH and window.search_field.text() == query
    record.queries.append(query)
    record.result_counts.append(int(shown.args[0]))


def _press_answer(page, number: int) -> None:
    QTest.keyClick(page, getattr(Qt.Key, f"Key_{number}"))


def _answer(pack: Pack, window: MainWindow, record: Workout, key: str) -> None:
    page = window.wizard_page
    node = wizard.current_node(pack, page.state)
    keys = [c.key for c in node.choices]
    number = keys.index(key) + 1
    assert number <= 9, "keys 1–9 reach every answer of this pack"
    record.answer_labels.add(node.choices[number - 1].label)
    before = len(page.state.steps)
    _press_answer(page, number)
    assert len(page.state.steps) == before + 1 and page.state.keys[-1] == key
    record.answers_given += 1


def _at_outcome(pack: Pack, window: MainWindow, record: Workout, path: wizard.Path, visible: bool) -> None:
    page = window.wizard_page
    outcome: Outcome | None = page.current_outcome()
    assert outcome is not None and page.state.keys == path.keys
    assert page.card.headline_label.text() == path.outcome.headline == outcome.headline
    record.paths_walked += 1
    record.outcome_ids.add((path.outcome_scenario, outcome.node_id))
    record.headlines.add(outcome.headline)
    for button in list(page.card.cites.buttons):
        target = button.property("target")
        if target in record.provisions_opened:
            continue
        if visible:
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        else:
            button.click()
        assert window.current_kind() == PROVISION, target
        provision = pack.provision(target)
        assert window.provision_page.title_label.text() == provision.title
        record.provisions_opened.add(target)
        record.provision_titles.add(provision.title)
        if visible:
            QTest.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
        else:
            window.back_button.click()
        assert window.current_kind() == WIZARD and window.wizard_page.state.keys == path.keys


def _walk(pack: Pack, window: MainWindow, record: Workout, scenario_id: str, paths: list[wizard.Path],
          visible: bool) -> None:
    assert window.start_scenario(scenario_id) and window.current_kind() == WIZARD
    page = window.wizard_page
    previous: tuple[str, ...] = ()
    for path in paths:
        common = 0
        while common < min(len(path.keys), len(previous)) and path.keys[common] == previous[common]:
            common += 1
        for _ in range(len(previous) - common):
            page.back_button.click()  # "change my last answer"
        assert page.state.keys == path.keys[:common]
        for key in path.keys[common:]:
            _answer(pack, window, record, key)
        _at_outcome(pack, window, record, path, visible)
        previous = path.keys


def run_workout(bot, window: MainWindow, out_dir: Path) -> Workout:
    """Drive ``window`` (built by the real start-up, on the bundled pack) through everything an officer does."""
    pack = window.pack
    assert pack is not None
    record = Workout()
    bot.waitUntil(lambda: window.search_index is not None, timeout=5000)

    # searches, typed; Enter opens the first result; Esc goes back
    for query in QUERIES:
        _search(bot, window, record, query)
        window.clear_search()
    _search(bot, window, record, "detainer")
    QTest.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.current_kind() != SEARCH
    window.go_home()
    assert window.current_kind() == HOME

    # appearance: theme and text size (the only things settings may keep)
    QTest.mouseClick(window.theme_buttons["night"], Qt.MouseButton.LeftButton)
    QTest.mouseClick(window.larger_button, Qt.MouseButton.LeftButton)

    # a situation from Home, by tapping; then every scenario's first path on screen, citations opened
    QTest.mouseClick(window.home_page.buttons[0], Qt.MouseButton.LeftButton)
    assert window.current_kind() == WIZARD
    all_paths = {s.scenario_id: wizard.enumerate_paths(pack, s.scenario_id) for s in pack.scenarios}
    for scenario in pack.scenarios:
        record.scenarios.append(scenario.scenario_id)
        record.scenario_titles.add(scenario.title)
        _walk(pack, window, record, scenario.scenario_id, all_paths[scenario.scenario_id][:1], visible=True)

    # the outcome card's "Save as PDF…" (its file dialog is mocked by the caller to answer out_dir/…)
    card = window.wizard_page.card
    with bot.waitSignal(card.pdf_saved, timeout=10_000) as saved:
        QTest.mouseClick(card.pdf_button, Qt.MouseButton.LeftButton)
    record.pdfs.append(Path(saved.args[0]))

    # every path of every scenario, window hidden (see the module docstring)
    window.hide()
    for scenario in pack.scenarios:
        _walk(pack, window, record, scenario.scenario_id, all_paths[scenario.scenario_id], visible=False)
    window.show()
    bot.waitExposed(window)

    # a trainer's handout of one scenario (desktop.ui.handout), then close the app
    target = out_dir / "handout-S08.pdf"
    handout.write_scenario_pdf(pack, "S08", target)
    record.handouts.append(target)
    window.go_home()
    window.close()
    return record
