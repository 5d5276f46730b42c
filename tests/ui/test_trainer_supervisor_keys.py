"""The trainers' and supervisors' windows and dialogs with the keyboard alone, at 1024 × 600, the largest text,
high contrast: from each one's opening, Tab goes round every control once and comes back to the first; each
control it reaches shows, inside the window, with an objectName and an accessible name that holds the words it
shows (WCAG 2.5.3: a voice-control user says what is on the button); Esc closes a dialog."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QDateTimeEdit, QWidget

from tests.ui.ui_helpers import settle

CONTRAST, LARGEST = "contrast", 6


def _in_sight(top: QWidget, widget: QWidget) -> bool:
    """All of ``widget`` inside ``top`` and some of it inside every scrolled view around it."""
    whole = QRect(widget.mapTo(top, widget.rect().topLeft()), widget.size())
    if not top.rect().contains(whole):
        return False
    shown, parent = whole, widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            viewport = parent.viewport()
            shown &= QRect(viewport.mapTo(top, viewport.rect().topLeft()), viewport.size())
        parent = parent.parentWidget()
    return not shown.isEmpty()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.replace("&", "").lower())


def tab_round(qtbot, top: QWidget, most: int = 60) -> list[QWidget]:
    """Tab from the focus ``top`` opened with round to it again; every stop checked on the way."""
    top.activateWindow()
    qtbot.waitUntil(top.isActiveWindow, timeout=2000)
    first = QApplication.focusWidget()
    assert first is not None and first.window() is top, "the window opened with the focus in it"
    stops: list[QWidget] = []
    problems: list[str] = []
    for _ in range(most):
        focus = QApplication.focusWidget()
        assert focus is not None, f"the focus went nowhere after {[w.objectName() for w in stops]}"
        if stops and focus is first:
            break
        if stops and focus is stops[-1] and isinstance(focus, QDateTimeEdit):  # Tab steps day, month, year first
            QTest.keyClick(focus, Qt.Key.Key_Tab)
            settle()
            continue
        assert focus not in stops, f"Tab went round without the first stop: {[w.objectName() for w in stops]}"
        label = f"{type(focus).__name__} {focus.objectName()!r}"
        if focus.window() is not top:
            problems.append(f"{label}: in another window")
        if not (focus.isVisible() and _in_sight(top, focus)):
            problems.append(f"{label}: out of sight")
        if not focus.objectName() or not focus.accessibleName().strip():
            problems.append(f"{label}: no objectName or no accessible name")
        elif isinstance(focus, QAbstractButton) and focus.text().strip():
            shown, name = _words(focus.text()), _words(focus.accessibleName())
            if shown and not any(name[i:i + len(shown)] == shown for i in range(len(name) - len(shown) + 1)):
                problems.append(f"{label}: named {focus.accessibleName()!r}, shows {focus.text()!r}")
        stops.append(focus)
        QTest.keyClick(focus, Qt.Key.Key_Tab)
        settle()
    else:
        raise AssertionError(f"Tab never came back to the first stop: {[w.objectName() for w in stops]}")
    assert not problems, "\n".join(problems)
    back = QApplication.focusWidget()
    QTest.keyClick(back, Qt.Key.Key_Backtab)
    settle()
    assert QApplication.focusWidget() is stops[-1] or isinstance(stops[-1], QDateTimeEdit), "Shift+Tab goes back"
    return stops


@pytest.fixture
def trainer_window(make_window, settings):
    from desktop.ui.data_loading import load_data

    settings.text_step = LARGEST
    window = make_window(data=load_data(None), settings=settings)
    window.set_theme(CONTRAST)
    window.resize(1024, 600)
    return window


def test_the_handout_chooser_by_keys(qtbot, trainer_window):
    """Data → Training → Scenario handout: Qt's OK and Cancel had no objectName nor accessible name; now
    'Make handout…' (what it does) and Cancel, each reached by Tab and named with its words. Esc cancels."""
    from desktop.ui import presentation_window as pw

    stops: list[tuple[str, str]] = []  # (objectName, words): the dialog is gone when exec() returns
    closed: list[bool] = []

    def walk() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert dialog is not None and dialog.objectName() == "handoutChooser"
            assert dialog.width() <= 1024 and dialog.height() <= 600
            stops.extend((w.objectName(), getattr(w, "text", lambda: "")()) for w in tab_round(qtbot, dialog))
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
            closed.append(not dialog.isVisible())
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, walk)
    assert pw._choose_scenario(trainer_window, trainer_window.pack) is None
    assert [name for name, _words in stops] == ["handoutScenario", "handoutMake", "handoutCancel"]
    assert [words for _name, words in stops[1:]] == ["Make handout…", "Cancel"]
    assert closed == [True], "Esc cancelled the chooser"


def _opened(before: set[QWidget]) -> QWidget:
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w not in before and w.objectName()]
    assert len(shown) == 1, [w.objectName() for w in shown]
    return shown[0]


@pytest.mark.parametrize("action", ["playlistAction", "quizAction"])
def test_the_class_playlist_and_the_quiz_by_keys(qtbot, trainer_window, action):
    window = trainer_window
    qtbot.waitUntil(lambda: window._training_actions is not None, timeout=2000)  # built after the first frame
    before = set(QApplication.topLevelWidgets())
    next(a for a in window.training_actions() if a.objectName() == action).trigger()
    opened = _opened(before)
    qtbot.waitExposed(opened)
    stops = [w.objectName() for w in tab_round(qtbot, opened)]
    if action == "playlistAction":
        assert stops[0] == "playlistTitle" and stops[-2:] == ["playlistClose", "playlistStart"]
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        assert not opened.isVisible(), "Esc closed the playlist"
    else:
        assert stops == ["quizScenario", "quizCount", "quizSeed", "quizStart"]



@pytest.mark.parametrize(("theme", "ring"), [("day", "#d97706"), ("night", "#f0b452"), ("contrast", "#00ffff")])
def test_the_class_playlists_title_is_framed_and_ringed_when_tab_reaches_it(qtbot, trainer_window, theme, ring):
    """The playlist's title field, the first stop of the dialog, had no frame (its words looked like a label's) and,
    reached by the keys, only Fusion's 1-px dark-blue line: unseen in high contrast. It takes the source address's
    frame and the theme's ring, in the room of its padding."""
    window = trainer_window
    window.set_theme(theme)
    qtbot.waitUntil(lambda: window._training_actions is not None, timeout=2000)
    before = set(QApplication.topLevelWidgets())
    next(a for a in window.training_actions() if a.objectName() == "playlistAction").trigger()
    dialog = _opened(before)
    qtbot.waitExposed(dialog)
    field = dialog.title_edit
    stops = tab_round(qtbot, dialog)
    assert stops[0] is field and QApplication.focusWidget() is stops[-1]
    size = field.size()
    QTest.keyClick(stops[-1], Qt.Key.Key_Tab)  # round to the title again, by the keys
    assert QApplication.focusWidget() is field
    image = field.grab().toImage()
    assert image.pixelColor(1, field.height() // 2).name() == ring
    assert image.pixelColor(field.width() // 2, field.height() - 2).name() == ring
    assert field.size() == size, "the ring takes the padding's room: the field keeps its size"
    field.clearFocus()
    edge = field.grab().toImage().pixelColor(0, field.height() // 2).name()
    inside = field.grab().toImage().pixelColor(field.width() // 2, field.height() // 2).name()
    assert edge != inside, "a frame round the title's field, in focus or not"


def test_whats_new_and_the_update_dialogs_by_keys(qtbot, tmp_path, user_base):
    from desktop.domain.validation import Problem
    from desktop.storage.library import INVALID, NOT_NEWER, InstallRefused
    from desktop.ui.update_dialog import RefusedDialog, WhatChangedDialog
    from tests.ui.test_data_menu import update_dialogs_window

    window, library, plan = update_dialogs_window(qtbot, tmp_path, user_base, CONTRAST, LARGEST)
    problems = [Problem("broken.json", "scenarios", "S08", f"nodes[{i}].verdict", "must be a verdict") for i in range(7)]
    dialogs = [
        WhatChangedDialog.for_install(plan, window),
        RefusedDialog(InstallRefused(NOT_NEWER, "update.json is data version 3. Nothing was installed."),
                      "update.json", allow_force=True, parent=window),
        RefusedDialog(InstallRefused(INVALID, str(problems[0]), problems), "broken.json", parent=window),
    ]
    library.install(plan)
    dialogs.append(WhatChangedDialog.for_revert(library.prepare_revert(), window))
    dialogs.append(window.show_whats_new())
    seen = []
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.width() <= 1024 and dialog.height() <= 600
        seen.append([w.objectName() for w in tab_round(qtbot, dialog)])
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        assert not dialog.isVisible(), f"Esc closed {dialog.objectName()}"
    assert seen[0] == ["whatChangedCancelButton", "whatChangedConfirmButton", "whatChangedScroll"]
    assert "installAnywayButton" in seen[1] and "installAnywayButton" not in seen[2]
    assert seen[4][0] == "whatsNewCloseButton" and {"printReceiptButton", "saveReceiptButton"} <= set(seen[4])


def test_the_editor_and_its_publish_dialog_by_keys(qtbot, mini_pack_path, tmp_path):
    """The supervisors' editor at its largest text: the outline's filter, the outline, every field of a scenario's
    form and the folded map's button; then File → Publish…'s dialog. The toolbar's buttons are the menus' items
    (Alt+F, Alt+E), as a toolbar's are, and not Tab stops."""
    from desktop.domain import editing
    from desktop.storage.library import PackLibrary
    from desktop.ui.editor.window import EditorWindow
    from tests.conftest import MINI_PACK

    copy = tmp_path / "copy.json"
    shutil.copy(mini_pack_path, copy)
    editor = EditorWindow(copy, today=dt.date(2026, 2, 10), library=PackLibrary(bundled=MINI_PACK))
    qtbot.addWidget(editor)
    editor.resize(1024, 600)
    editor.show()
    qtbot.waitExposed(editor)
    editor.set_theme(CONTRAST)
    editor.set_text_step(LARGEST)
    editor.select(("scenarios", editing.find_record(editor.document.tables, "scenarios", "S10")))
    settle()
    stops = [w.objectName() for w in tab_round(qtbot, editor)]
    assert stops[:3] == ["outlineFilter", "outline", "scenarioId"]
    assert {"scenarioTitle", "scenarioSafety", "scenarioHome"} <= set(stops)
    editor.publish_action.trigger()
    dialog = editor.publish_dialog
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1024 and dialog.height() <= 600
    stops = [w.objectName() for w in tab_round(qtbot, dialog)]
    assert {"publishOk", "publishCancel"} <= set(stops)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible(), "Esc closed the publish dialog"
