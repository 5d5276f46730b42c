"""An answer resting on a provision rescinded since the data was published says so, from that day, wherever it
is shown: the outcome card (and its text), the provision page, the presentation's outcome slide and the
provision's search result."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.domain import walkthrough as wt
from desktop.ui import search_results_model as results
from desktop.ui.data_loading import DataState, load_data
from desktop.ui.presentation_window import PresentationWindow
from tests.helpers import doc_by_id, mini_tables
from tests.ui.ui_helpers import search

RESCINDED_ON = dt.date(2026, 3, 1)  # after the mini pack's as-of and review dates (2 Feb 2026): check only warns
DAY_BEFORE = RESCINDED_ON - dt.timedelta(days=1)
WARNING = ("EO 2025-8 was rescinded on 1 Mar 2026. This answer rests on it and may no longer be right: "
           "call your supervisor.")


@pytest.fixture
def rescinding_data(tmp_path: Path) -> DataState:
    """The mini pack with EO 2025-8 (cited by both of S10's answers) recorded as rescinded on 1 Mar 2026."""
    tables = mini_tables()
    doc_by_id(tables, "provisions", "CHI-EO-2025-8")["dates"]["rescinded"] = RESCINDED_ON.isoformat()
    path = tmp_path / "rescinding.json"
    path.write_text(json.dumps(tables), encoding="utf-8")
    data = load_data(str(path))
    assert data.loaded is not None and not data.failed and data.loaded.path == path
    return data


def _walk_to_outcome(qtbot, window):
    window.start_scenario("S10")
    wizard = window.wizard_page
    with qtbot.waitSignal(wizard.outcome_reached):
        qtbot.mouseClick(wizard.answer_buttons[0], Qt.MouseButton.LeftButton)  # Yes: City property
    return wizard.card


@pytest.mark.parametrize("today", [RESCINDED_ON, RESCINDED_ON + dt.timedelta(days=200)])
def test_an_answer_resting_on_rescinded_law_says_so_under_its_verdict(qtbot, make_window, rescinding_data, today):
    window = make_window(data=rescinding_data, today=today)
    card = _walk_to_outcome(qtbot, window)
    assert card.verdict_label.text() == "NOT PERMITTED"
    banner = card.rescinded_banner
    assert banner.isVisibleTo(window) and banner.text() == WARNING
    assert banner.icon_label.text() == "⚠", "never told by colour alone"
    assert banner.geometry().top() < card.headline_label.geometry().top(), "near the verdict, before the answer"
    assert banner.text_label.accessibleName() == f"Caution: {WARNING}", "its sign's meaning said once, with it"
    card.copy_text()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[1] == f"⚠ {WARNING}", "the copied, printed and saved answer says so under its verdict too"
    assert f"⚠ {WARNING}" in card.document().toPlainText()


def test_before_the_day_the_answer_has_no_rescission_banner(qtbot, make_window, rescinding_data):
    window = make_window(data=rescinding_data, today=DAY_BEFORE)
    card = _walk_to_outcome(qtbot, window)
    assert not card.rescinded_banner.isVisibleTo(window)
    assert "rescinded" not in card.text()


def test_the_provision_page_says_it_is_no_longer_the_law_from_that_day(qtbot, make_window, rescinding_data):
    window = make_window(data=rescinding_data, today=RESCINDED_ON)
    window.open_provision("CHI-EO-2025-8")
    first = window.provision_page.banners[0]
    assert first.kind == "caution" and first.text().startswith("Rescinded on 1 Mar 2026: no longer the law. Answers that rest on it")


def test_before_the_day_the_provision_page_says_when_it_will_be_rescinded(qtbot, make_window, rescinding_data):
    window = make_window(data=rescinding_data, today=DAY_BEFORE)
    window.open_provision("CHI-EO-2025-8")
    first = window.provision_page.banners[0]
    assert first.kind == "info" and first.text() == "To be rescinded on 1 Mar 2026: in force until then."


@pytest.mark.parametrize(("today", "shown"), [(RESCINDED_ON, True), (DAY_BEFORE, False)])
def test_the_presentations_outcome_slide_says_so_from_that_day(qtbot, rescinding_data, today, shown):
    window = PresentationWindow(rescinding_data.loaded.pack, ["S10"], today=lambda: today)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    for k in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_1, Qt.Key.Key_Right):
        qtbot.keyClick(window, k)
    assert window.stage == wt.OUTCOME and window.outcome_visible()
    assert window.rescinded.isVisibleTo(window) is shown
    assert window.slide_text(window.rescinded) == (f"⚠ {WARNING}" if shown else "")
    if shown:
        assert window.verdict.geometry().bottom() < window.rescinded.geometry().top() < window.headline.geometry().top()


@pytest.mark.parametrize(("today", "shown"), [(RESCINDED_ON, True), (DAY_BEFORE, False)])
def test_presenting_from_the_officer_window_takes_its_day(qtbot, make_window, rescinding_data, today, shown):
    """F5 in the officer window presents on the window's day (fixed for a demo or a test), not the clock's."""
    from desktop.ui import presentation_window as pw

    window = make_window(data=rescinding_data, today=today)
    window.start_scenario("S10")
    window.training_actions()[0].trigger()  # Present (F5)
    slides = next(iter(pw._open_windows.values()))
    try:
        qtbot.waitExposed(slides)
        for k in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_1, Qt.Key.Key_Right):
            qtbot.keyClick(slides, k)
        assert slides.stage == wt.OUTCOME and slides.outcome_visible()
        assert slides.rescinded.isVisibleTo(slides) is shown
    finally:
        slides.close()
        qtbot.waitUntil(lambda: not pw._open_windows, timeout=2000)


def _result_row(window, provision_id: str):
    model = window.search_page.model
    return next(model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data(results.IdRole) == provision_id)


def _painted_note(window, index, bold: bool | None = None) -> str:
    """The note line the results list paints under the row's citation ('' when it paints none); with ``bold``,
    only if it is (or is not) painted in bold."""
    from PySide6.QtWidgets import QStyleOptionViewItem

    view = window.search_page.view
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = view.font()
    hit = window.search_page.model.hit(index.row())
    delegate = view.itemDelegate()
    note = window.search_page.model.note(index.row())
    row = delegate._row_text(option, hit, delegate._row_key(option, hit, 600, note))
    if row.note is None or bold is not None and row.note.font().bold() != bold:
        return ""
    return row.note.text()


TO_BE_RESCINDED = "To be rescinded on 1 Mar 2026: in force until then"


@pytest.mark.parametrize(("today", "kind", "note", "mark"), [
    (RESCINDED_ON, "caution", "Rescinded on 1 Mar 2026: no longer the law", "⚠"),
    (DAY_BEFORE, "info", TO_BE_RESCINDED, "ℹ"),  # was not marked at all, though its page said so
])
def test_a_search_result_for_a_rescinded_provision_says_so_in_words(qtbot, make_window, rescinding_data, today, kind,
                                                                     note, mark):
    window = make_window(data=rescinding_data, today=today)
    search(qtbot, window, "executive order")
    row = _result_row(window, "CHI-EO-2025-8")
    said = row.data(Qt.ItemDataRole.AccessibleTextRole)
    assert f"EO 2025-8. {note}." in said, "a screen reader says it too"
    assert row.data(results.NoteRole) == note
    assert row.data(results.NoteKindRole) == kind
    assert _painted_note(window, row, bold=kind == "caution") == f"{mark} {note}", "in words after its mark, not colour alone"
    assert note in row.data(Qt.ItemDataRole.ToolTipRole)
    others = [window.search_page.model.index(r, 0) for r in range(window.search_page.model.rowCount())]
    assert [i.data(results.NoteRole) for i in others if i.row() != row.row()] == [""] * (len(others) - 1)
    window.open_provision("CHI-EO-2025-8")
    first = window.provision_page.banners[0]
    assert first.kind == kind and first.text().startswith(f"{note}."), "as its page says"


def test_results_left_on_screen_are_marked_when_the_day_comes(qtbot, make_window, rescinding_data):
    day = [DAY_BEFORE]
    window = make_window(data=rescinding_data, today=lambda: day[0])
    search(qtbot, window, "executive order")
    row = _result_row(window, "CHI-EO-2025-8")
    window.search_page.view.setCurrentIndex(row)
    assert row.data(results.NoteRole) == TO_BE_RESCINDED
    day[0] = RESCINDED_ON  # overnight, the results still on screen; the officer comes back to the app
    qtbot.waitUntil(lambda: window.findChild(object, "dayTimer") is not None, timeout=3000)
    QGuiApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    row = _result_row(window, "CHI-EO-2025-8")
    assert row.data(results.NoteRole) == "Rescinded on 1 Mar 2026: no longer the law"
    assert window.search_page.view.currentIndex().row() == row.row(), "the selected result stays selected"


class _Clock:
    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


def test_an_answer_and_a_provision_left_on_screen_across_the_day_are_marked_when_it_comes(
        qtbot, make_window, rescinding_data):
    """The in-car laptop keeps the app open overnight: the answer on screen is flagged when the window checks
    the day (a page shown, the app active again, midnight), not only when it is shown again."""
    clock = _Clock(DAY_BEFORE)
    window = make_window(data=rescinding_data, today=clock)
    card = _walk_to_outcome(qtbot, window)
    assert not card.rescinded_banner.isVisibleTo(window)
    window.open_provision("CHI-EO-2025-8")
    assert window.provision_page.banners[0].kind == "info"
    window.go_back()
    assert window.stack.currentWidget() is window.wizard_page
    clock.day = RESCINDED_ON  # midnight passes with the answer on screen
    window.check_day()
    assert card.rescinded_banner.isVisibleTo(window) and card.rescinded_banner.text() == WARNING
    first = window.provision_page.banners[0]
    assert first.kind == "caution" and first.text().startswith("Rescinded on 1 Mar 2026: no longer the law.")
