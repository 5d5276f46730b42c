"""Names for assistive tech, keyboard reach, touch-sized targets, and a small in-car screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QPushButton,
    QTextEdit,
    QWidget,
)

from desktop.ui.data_loading import load_data
from desktop.ui.history import PROBLEMS, PROVISION, TERM, WIZARD, Location
from desktop.ui.search_results_model import IdRole, KindRole
from desktop.ui.widgets import VScrollArea
from tests.ui.ui_helpers import activate, search

INTERACTIVE = (QAbstractButton, QLineEdit, QAbstractItemView, QComboBox, QAbstractSpinBox, QTextEdit, QMenu)


def _visit_everything(qtbot, window) -> None:
    """Build every kind of dynamic widget: results, suggestions, answers, an outcome, related links."""
    search(qtbot, window, "warrant")
    search_again = window.search_field
    search_again.clear()
    search(qtbot, window, "warrx")  # suggestion buttons
    window.start_scenario("S08")
    window.wizard_page.choose(2)
    window.wizard_page.choose(1)  # an outcome with citation links
    window.open_provision("CHI-EO-2025-8")  # banners
    window.open_provision("IL-TRUST-15a")  # related links
    window.navigate(Location(TERM, "Administrative warrant"))
    window.navigate(Location(PROBLEMS))


def test_every_interactive_widget_has_an_object_name_and_an_accessible_name(qtbot, window):
    _visit_everything(qtbot, window)
    missing = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, INTERACTIVE) and not (widget.accessibleName().strip() and widget.objectName()):
            missing.append(f"{type(widget).__name__} objectName={widget.objectName()!r} parent={widget.parent()}")
    assert not missing, "\n".join(missing)


def test_the_notices_their_more_button_and_its_box_are_named_and_touch_sized(qtbot, make_window, settings):
    """The notices this window can show (an update set aside, the IT folder's note), folded to two lines with
    More, and the box More opens: the sweep above sees none of them (the window it walks has no notice)."""
    from pathlib import Path

    from desktop.storage.library import InboxResult
    from tests.ui.test_errors import _window_with_notice
    from tests.ui.ui_helpers import settle

    settings.last_pack_version = 5
    window = _window_with_notice(make_window, "The installed data pack (data version 5) could not be used and was "
                                 "set aside: bad signature. It was moved to /home/officer/.local/share/encounter-guide/"
                                 "packs/set-aside/5-20261206T081500.json.", settings)
    window._add_inbox_banner([InboxResult(Path(f"/srv/it/update-{n}-signed-by-district.json"), "ignored", "untrusted",
                                          reason="signature") for n in range(3)])
    window.resize(800, 600)
    settle()
    mores = window.findChildren(QPushButton, "noticeMoreButton")
    assert len(mores) == 2 and all(more.isVisible() for more in mores)
    qtbot.mouseClick(mores[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.notice_box.isVisible())
    missing = [f"{type(w).__name__} objectName={w.objectName()!r} parent={w.parent()}"
               for w in window.findChildren(QWidget) if isinstance(w, INTERACTIVE) and w.isVisible()
               and not (w.accessibleName().strip() and w.objectName())]
    small = [f"{b.objectName()} {b.height()}px" for b in window.findChildren(QPushButton)
             if b.isVisible() and b.height() < 44]
    window.notice_box.close()
    assert not missing, "\n".join(missing)
    assert not small


def test_visible_buttons_are_touch_sized_on_every_screen(qtbot, window):
    screens = [
        lambda: window.go_home(),
        lambda: search(qtbot, window, "warrant"),
        lambda: window.start_scenario("S08"),
        lambda: (window.wizard_page.choose(2), window.wizard_page.choose(1)),
        lambda: window.open_provision("IL-TRUST-15a"),
        lambda: (window.search_field.clear(), search(qtbot, window, "passport")),  # the words to tap instead
        lambda: (window.start_scenario("S08"), window.wizard_page.choose(2), window.wizard_page.choose(1),
                 window.wizard_page.card.cites.buttons[-1].click()),  # ◀ Back to the answer
    ]
    small = []
    for show in screens:
        show()
        small += [
            f"{window.current_kind()}: {b.objectName()} {b.height()}px"
            for b in window.findChildren(QPushButton)
            if b.isVisible() and b.height() < 44
        ]
    assert window.provision_page.back_to_answer_button.isVisible(), "the last screen is a provision from an answer"
    assert not small


def test_tab_order_on_home_goes_from_the_search_box_to_the_situations(qtbot, window):
    activate(qtbot, window)
    assert window.search_field.hasFocus()
    seen: list[str] = []
    for _ in range(20):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        seen.append(window.focusWidget().objectName())
        if window.focusWidget() is window.home_page.tree:
            break
    assert seen[:1] == ["clearSearchButton"]
    buttons = [i for i, name in enumerate(seen) if name == "homeScenarioButton"]
    assert len(buttons) == len(window.home_page.buttons)
    assert seen.index("helpButton") < buttons[0] and seen[-1] == "scenarioList"


def test_tab_order_in_the_wizard_reaches_every_answer(qtbot, window):
    activate(qtbot, window)
    window.start_scenario("S08")
    wizard = window.wizard_page
    assert window.focusWidget() is wizard.answer_buttons[0]
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.focusWidget() is wizard.answer_buttons[1]
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Space)
    assert wizard.state.keys == ("no",)


@pytest.mark.parametrize(("theme", "step"), [("day", 0), ("day", 3), ("night", 6), ("contrast", 0), ("contrast", 6)])
def test_usable_at_1024_by_600_without_horizontal_scrolling(qtbot, window, theme, step):
    """An in-car laptop's 1024-pixel-wide screen, in every theme (high contrast draws thicker borders) and
    up to the largest text."""
    window.set_theme(theme)
    window.set_text_step(step)
    window.resize(1024, 600)
    screens = [
        lambda: window.go_home(),
        lambda: search(qtbot, window, "detainer"),
        lambda: [chip.setChecked(True) for chip in window.search_page.chips.values()],  # the longest count
        lambda: window.start_scenario("S08"),
        lambda: (window.wizard_page.choose(2), window.wizard_page.choose(1)),
        lambda: window.navigate(Location(PROVISION, "LIT-USvIL-2025")),
        lambda: window.navigate(Location(PROVISION, "MCC-2-173-020(a)(1)")),
        lambda: window.navigate(Location(WIZARD, "PAPER")),
    ]
    for show in screens:
        show()
        qtbot.wait(1)
        assert window.width() == 1024 and window.height() == 600, "the window cannot shrink to 1024×600"
        assert window.minimumSizeHint().width() <= 1000, "no room left on a 1024-pixel screen for the window frame"
        page = window.stack.currentWidget()
        for area in [page, *page.findChildren(QAbstractScrollArea)]:
            if not isinstance(area, QAbstractScrollArea) or not area.isVisible():
                continue
            bar = area.horizontalScrollBar()
            assert not (bar.isVisible() and bar.maximum() > 0), f"{area.objectName()} scrolls sideways"
            content = area.widget() if hasattr(area, "widget") else None
            if content is not None:
                assert content.width() <= area.viewport().width(), f"{area.objectName()} is wider than the screen"
                if isinstance(area, VScrollArea):  # as tall as its words at this width: no blank to scroll into
                    needed = max(content.heightForWidth(content.width()), area.viewport().height())
                    assert content.height() == needed, f"{area.objectName()}: {content.height()} px for {needed}"
        for widget in page.findChildren(QWidget):
            if widget.isVisible():
                right = widget.mapTo(window, widget.rect().topRight()).x()
                assert right <= 1024, f"{widget.objectName()} sticks out to x={right}"


def test_enter_presses_the_focused_button(qtbot, window):
    button = window.home_page.buttons[0]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert window.current_kind() == WIZARD
    wizard = window.wizard_page
    assert wizard.state.scenario_id == "S08"
    wizard.answer_buttons[1].setFocus()
    qtbot.keyClick(wizard.answer_buttons[1], Qt.Key.Key_Enter)
    assert wizard.state.keys == ("no",)


def test_enter_in_the_situation_list_starts_it_and_answers_nothing(qtbot, window):
    tree = window.home_page.tree
    tree.setFocus()
    tree.setCurrentIndex(window.home_page.model.index_of("S10"))
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert window.current_kind() == WIZARD
    assert window.wizard_page.state.scenario_id == "S10" and window.wizard_page.state.keys == ()


@pytest.mark.parametrize(("theme", "step"), [("day", 0), ("contrast", 6)])
def test_data_menu_and_update_dialogs_name_every_widget_and_fit_a_small_screen(qtbot, tmp_path, user_base, theme, step):
    """Data → Install (what changes, refusal with Install anyway, invalid pack), Revert and What's new; in
    the plain theme at the usual text size, and in high contrast at the largest."""
    from desktop.domain.validation import Problem
    from desktop.storage.library import INVALID, NOT_NEWER, InstallRefused
    from desktop.ui.update_dialog import RefusedDialog, WhatChangedDialog
    from tests.ui.test_data_menu import update_dialogs_window

    window, library, plan = update_dialogs_window(qtbot, tmp_path, user_base, theme, step)
    window.data_menu.aboutToShow.emit()  # builds the trainers' submenu too
    problems = [Problem("broken.json", "scenarios", "S08", f"nodes[{i}].verdict", "must be a verdict") for i in range(7)]
    refusal = InstallRefused(INVALID, str(problems[0]), problems)
    dialogs = [
        WhatChangedDialog.for_install(plan, window),
        RefusedDialog(InstallRefused(NOT_NEWER, "update.json is data version 3. Nothing was installed."),
                      "update.json", allow_force=True, parent=window),
        RefusedDialog(refusal, "broken.json", parent=window),
    ]
    library.install(plan)
    dialogs.append(WhatChangedDialog.for_revert(library.prepare_revert(), window))
    window.reload_data(load_data(None, library))
    dialogs.append(window.show_whats_new())

    missing, small = [], []
    for widget in [window, *window.findChildren(QWidget)]:
        if isinstance(widget, INTERACTIVE) and not (widget.accessibleName().strip() and widget.objectName()):
            missing.append(f"{type(widget).__name__} objectName={widget.objectName()!r}")
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.objectName() and dialog.accessibleName(), dialog
        assert dialog.width() <= 1024 and dialog.height() <= 600, f"{dialog.objectName()} is bigger than the screen"
        for widget in dialog.findChildren(QWidget):
            if isinstance(widget, INTERACTIVE) and not (widget.accessibleName().strip() and widget.objectName()):
                missing.append(f"{dialog.objectName()}: {type(widget).__name__} objectName={widget.objectName()!r}")
            if isinstance(widget, QPushButton) and widget.isVisible() and widget.height() < 44:
                small.append(f"{dialog.objectName()}: {widget.objectName()} {widget.height()}px")
            if isinstance(widget, QAbstractScrollArea) and widget.isVisible():
                bar = widget.horizontalScrollBar()
                assert not (bar.isVisible() and bar.maximum() > 0), f"{widget.objectName()} scrolls sideways"
        dialog.close()
    assert not missing, "\n".join(missing)
    assert not small, "\n".join(small)


def test_a_window_asked_to_be_bigger_than_the_screen_fits_it(qtbot):
    from PySide6.QtCore import QSize

    from desktop.ui.widgets import SCREEN_MARGIN, fit_to_screen

    widget, parent = QWidget(), QWidget()
    qtbot.addWidget(widget)
    qtbot.addWidget(parent)
    room = widget.screen().availableGeometry()
    fit_to_screen(widget, room.width() + 500, room.height() + 500)
    assert widget.size() == QSize(room.width() - SCREEN_MARGIN, room.height() - SCREEN_MARGIN)
    fit_to_screen(widget, 300, 200)
    assert widget.size() == QSize(300, 200)
    parent.resize(500, 400)
    fit_to_screen(widget, 700, 700, within=parent)
    assert widget.size() == QSize(500 - SCREEN_MARGIN, 400 - SCREEN_MARGIN)
    fit_to_screen(widget, 100, 100, within=parent, least=(480, 360))
    assert widget.size() == QSize(480, 360)


def test_the_app_and_its_windows_open_inside_a_screen_smaller_than_their_usual_size(qtbot, mini_data, settings):
    """First launch (no size saved) on a screen smaller than 1280×800 (the offscreen test screen is
    800×800): the main window, the disclaimer, the keyboard keys, the quiz window and the playlist dialog
    open inside it, as far as their content allows; none needs more than a 1024-pixel screen's width (the
    quiz window used to grow to its longest scenario title: 1,085 px)."""
    from desktop import paths
    from desktop.storage.pack_file import load_pack
    from desktop.ui.about_dialog import AboutDialog
    from desktop.ui.main_window import MainWindow
    from desktop.ui.playlist_dialog import PlaylistDialog
    from desktop.ui.quiz_window import QuizWindow
    from desktop.ui.themes import Themes
    from desktop.ui.widgets import SCREEN_MARGIN
    from tests.ui.conftest import FRESH_DAY

    window = MainWindow(mini_data, settings, Themes(), index=None, today=FRESH_DAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    room = window.screen().availableGeometry()
    assert room.width() < 1280 and room.height() <= 800
    assert window.width() == max(room.width() - SCREEN_MARGIN, window.minimumSizeHint().width())
    assert window.height() == room.height() - SCREEN_MARGIN
    pack = load_pack(paths.bundled_pack()).pack  # the longest titles
    window.set_text_step(6)  # the window's style (and text size) reaches the windows it opens
    others = [QuizWindow(pack, parent=window), PlaylistDialog(pack, parent=window), AboutDialog(window.data, parent=window)]
    for other in others:
        qtbot.addWidget(other)
    for other in [*others, window.show_keys()]:
        assert other.width() <= room.width() - SCREEN_MARGIN, other.objectName()
        assert other.height() <= room.height() - SCREEN_MARGIN, other.objectName()
        assert other.minimumSizeHint().width() <= 1000, other.objectName()


def test_messages_in_the_status_bar_have_room_and_the_as_of_date_stays(qtbot, window):
    """A message ("Citation copied.") shows on the left while the pack's version and "as of" date stay on
    the right; the label used to take the whole bar, so messages were set but never seen."""
    window.resize(1024, 600)
    message = "There is no situation “S99” in this data pack."
    window.statusBar().showMessage(message, 4000)
    qtbot.wait(1)
    label = window.status_label
    assert "as of" in label.text() and "update due" not in label.text()
    assert label.geometry().left() >= window.statusBar().fontMetrics().horizontalAdvance(message) + 8
    window.statusBar().clearMessage()
    qtbot.wait(1)
    assert "as of" in label.text() and "update due" in label.text()


def test_the_keyboard_keys_list_every_shortcut_of_the_window(qtbot, window):
    """F5 and Shift+F5 opened a full-screen presentation the list of keys never mentioned."""
    from PySide6.QtGui import QAction

    from desktop.ui import keys

    qtbot.waitUntil(lambda: window.findChild(QAction, "presentAction") is not None, timeout=3000)
    listed = " ".join(line.named for line in keys.guide_keys()).replace("←", "Left").replace("→", "Right")
    listed = listed.replace("−", "-").replace(" ", "")
    for action in window.findChildren(QAction):
        for shortcut in action.shortcuts():
            text = shortcut.toString()
            if text not in keys.LARGER_TEXT[1:]:  # Ctrl++ without Shift, on keyboards where + needs it
                assert text in listed, f"{action.objectName()}: {text} is not in Help → Keyboard keys"


def test_the_keyboard_keys_name_the_platforms_own_back_and_forward_keys(qtbot, make_window, monkeypatch):
    """On macOS Qt's standard Back key is Cmd+[ (Ctrl+[ in Qt's portable text), which stepped back, and Help →
    Keyboard keys named Alt+← only. Given macOS's keys, the window binds them and the page names them, written as
    the platform writes them (⌘[ there); Alt+← and Alt+→ still work and are still named."""
    from PySide6.QtGui import QKeySequence

    from desktop.ui import keys
    from desktop.ui.about_dialog import KeysDialog

    macos = {QKeySequence.StandardKey.Back: "Ctrl+[", QKeySequence.StandardKey.Forward: "Ctrl+]"}
    real = QKeySequence.keyBindings
    monkeypatch.setattr(QKeySequence, "keyBindings", staticmethod(
        lambda standard: [QKeySequence(macos[standard])] if standard in macos else real(standard)))
    window = make_window()
    assert [s.toString() for s in window.back_action.shortcuts()] == ["Alt+Left", "Ctrl+["]
    assert [s.toString() for s in window.forward_action.shortcuts()] == ["Alt+Right", "Ctrl+]"]
    (line,) = [line for line in keys.guide_keys() if line.does == "Back / forward"]
    assert line.keys == ("Alt+Left", "Ctrl+[", "Alt+Right", "Ctrl+]")
    native = [QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) for key in ("Ctrl+[", "Ctrl+]")]
    assert line.named == f"Alt+←  /  Alt+→  or  {native[0]}  /  {native[1]}"
    dialog = window.show_keys()
    assert isinstance(dialog, KeysDialog)
    assert line.named in [label.text() for label in dialog.findChildren(QWidget) if hasattr(label, "text")]
    dialog.close()


def test_the_keyboard_keys_write_every_key_as_the_platform_does(qtbot, window, monkeypatch):
    """On macOS Help → Keyboard keys wrote Back / forward the Mac's way (⌘[) and every other key Qt's portable way
    (Ctrl+K, Alt+←, Shift+Tab), which a Mac's keyboard does not print. Every key of every line is written by the
    platform's writer (Qt's native text on macOS: natively), the page showing what it writes; Windows and Linux
    keep the page's own writing."""
    import re

    from desktop.ui import keys

    def marked(key: str) -> str:
        return f"<{key}>"

    monkeypatch.setattr(keys, "platform_writer", lambda: marked)  # a Mac, here: each key written by its writer
    for _heading, lines in keys.sections():
        for line in lines:
            unwritten = re.sub(r"<[^>]*>", "", line.named)
            assert not re.search(r"Ctrl|Alt|Shift|Esc|Enter|Return|Space|Tab|Home|End|Page|Pg|Select|Del|F\d|[←→↑↓−]|\d|"
                                 r"\b[A-Z]\b", unwritten), line.named
    dialog = window.show_keys()
    shown = [label.text() for label in dialog.findChildren(QWidget) if hasattr(label, "text")]
    assert "<Ctrl+K>  or  </>" in shown and "<Tab>  /  <Shift+Tab>" in shown and "<Ctrl>, <Shift> or <Alt>" in shown
    dialog.close()
    assert keys.natively("Ctrl") == "Ctrl" and keys.natively("Ctrl+K") == "Ctrl+K"  # ⌘ and ⌘K on a Mac


def test_the_search_box_and_the_top_bar_name_their_keys_as_the_platform_writes_them(qtbot, make_window, monkeypatch):
    """The search box's hint, on every screen, read "Search   (Ctrl+K)" on macOS too, and the top bar's tips "Back
    (Alt+Left)", "Larger text (Ctrl++)": written by hand, not from the table the window binds, nor as a Mac writes
    them. They name the table's keys, written by the platform's writer (⌘K on macOS)."""
    from desktop.ui import keys

    monkeypatch.setattr(keys, "platform_writer", lambda: lambda key: f"<{key}>")  # a Mac, here
    window = make_window()
    assert window.search_field.placeholderText().endswith("(<Ctrl+K>)")
    tips = {button.objectName(): button.toolTip() for button in (
        window.back_button, window.forward_button, window.home_button, window.clear_button, window.smaller_button,
        window.larger_button, window.help_button)}
    assert tips == {"backButton": "Back (<Alt+Left>)", "forwardButton": "Forward (<Alt+Right>)",
                    "homeButton": "Home (<Alt+Home>)", "clearSearchButton": "Clear the search (<Esc>)",
                    "textSmallerButton": "Smaller text (<Ctrl+->)", "textLargerButton": "Larger text (<Ctrl++>)",
                    "helpButton": "About and disclaimer (<F1>), keyboard keys, report a problem with this screen"}


def test_the_keyboard_keys_are_written_as_before_on_windows_and_linux(qtbot):
    from desktop.ui import keys

    assert keys.platform_writer(mac=True) is keys.natively and keys.platform_writer(mac=False) is keys.shown
    guide = dict((line.does, line.named) for line in keys.sections(keys.shown)[0][1])
    assert guide["Search"] == "Ctrl+K  or  /" and guide["Larger / smaller / normal text"] == "Ctrl++  /  Ctrl+−  /  Ctrl+0"
    playlist = [line.named for line in keys.sections(keys.shown)[3][1]]
    assert "Shift+↑  ↓  Home  End" in playlist


def test_the_keyboard_keys_name_every_key_that_opens_a_row_of_a_list(qtbot, window):
    """Space opened the current row of Home's situations and of the search results, as Enter does, and Help →
    Keyboard keys did not say so. Each key that opens a row of either list is named, in one line of the page."""
    from desktop.ui import keys

    activate(qtbot, window)
    candidates = {
        "Enter": (Qt.Key.Key_Return, Qt.Key.Key_Enter), "Space": (Qt.Key.Key_Space,), "Select": (Qt.Key.Key_Select,),
        "F2": (Qt.Key.Key_F2,), "→": (Qt.Key.Key_Right,), "+": (Qt.Key.Key_Plus,), "O": (Qt.Key.Key_O,),
    }

    def on_home():
        return _home_list_on(window, "S10")

    def on_results():
        search(qtbot, window, "warrant")
        view = window.search_page.view
        view.setCurrentIndex(view.model().index(0, 0))
        return view

    for place in (on_home, on_results):
        opening = set()
        for name, presses in candidates.items():
            for key in presses:
                view = place()
                view.setFocus()
                opened = []
                view.activated.connect(opened.append)
                qtbot.keyClick(view, key)
                if opened:
                    opening.add(name)
        assert {"Enter", "Space"} <= opening, f"{place.__name__}: {opening}"
        lines = [line.named.split() for line in keys.guide_keys()]
        assert any(opening <= set(words) for words in lines), f"{place.__name__}: {opening} are not named together"


#: The keys an officer or a trainer might press, in Qt's portable text, pressed in each place below: Select (a key
#: of remote controls and keypads) and the letters too, which type in the search box and jump to a row of a list.
PRESSED = ("Return", "Enter", "Space", "Select", "Esc", "Tab", "Shift+Tab", "Up", "Down", "Left", "Right", "PgUp",
           "PgDown", "Home", "End", "Backspace", "Del", "Ins", *(f"F{n}" for n in range(1, 13)), *"0123456789",
           *"ABCDEFGHIJKLMNOPQRSTUVWXYZ", ".")
#: Ctrl or Shift with the keys that go a page or to the first or last, and Alt with each letter (Alt and a label's
#: underlined letter go to its box): pressed as well in the quiz, on the slides and in the class playlist. Help →
#: Keyboard keys named none of them there, and the slides read Ctrl+Home as Home, the playlist's All scenarios
#: Shift+End as picking every scenario down to the last.
HELD = (*(f"{held}+{key}" for held in ("Ctrl", "Shift") for key in ("Home", "End", "PgUp", "PgDown")),
        *(f"Alt+{letter}" for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
#: What the search box does with a key that types or erases: the words, not a command.
TYPING = {"Space", "Backspace", "Del", *"0123456789", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "."}


def _unnamed_keys_that_act(qtbot, places, lines, what_shows, typing=lambda place, key: False,
                           pressed: tuple[str, ...] = PRESSED) -> list[str]:
    """Each key of ``pressed`` pressed in each place (a function that sets it up and gives the widget with the focus):
    those that change what ``what_shows()`` sees and are on none of ``lines`` of Help → Keyboard keys."""
    from PySide6.QtGui import QKeySequence

    def sequence(key: str) -> QKeySequence:
        return QKeySequence("Enter" if key == "Return" else key)

    named = [sequence(key) for line in lines for key in line.keys]
    missing = []
    for place in places:
        for key in pressed:
            if typing(place, key):
                continue
            for view in QApplication.allWidgets():
                if isinstance(view, QAbstractItemView):
                    view.keyboardSearch("")  # each letter starts a new jump to a row, however fast the keys come
            widget = place()
            widget.setFocus()
            shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
            before = what_shows()
            combination = QKeySequence(key)[0]
            qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())
            after = what_shows()
            if after != before and sequence(key) not in named:
                missing.append(f"{key} on {place.__name__}")
            for opened in QApplication.topLevelWidgets():
                if opened.isVisible() and opened not in shown:
                    opened.close()  # the About box, a presentation
    return missing


def _what_shows(window) -> tuple:
    """Everything a key that does something changes: the page, the focus, the search, each list's row and
    each scroll bar, and the windows open."""
    from PySide6.QtWidgets import QTreeView

    views = [(view.currentIndex(), isinstance(view, QTreeView) and view.isExpanded(view.currentIndex()))
             for view in window.findChildren(QAbstractItemView) if view.isVisible()]
    bars = [area.verticalScrollBar().value() for area in window.findChildren(QAbstractScrollArea) if area.isVisible()]
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    return (window.history.current, QApplication.focusWidget(), window.search_field.text(), views, bars, windows)


def test_every_key_that_does_something_is_on_the_keyboard_keys_page(qtbot, window, monkeypatch):
    """Help → Keyboard keys named the window's shortcuts, and wrote the others as fixed words or not at all: Tab,
    Home and End, ← and → on Home's situations did something and were not on it, nor was Space in the search
    results, nor Select (it presses an answer) or a letter (it jumps to a row of a list). Each key is pressed on
    Home's list, in the search box, in the results, on a question, in an answer and in a rule; each that changes
    something must be on a line of the page. (The question, the answer and the rule were of a scenario and a
    provision the test's pack does not hold: the keys were pressed on whatever the last page was.)"""
    from desktop.ui import keys

    monkeypatch.setattr(type(window), "open_about", lambda self, *_args: QWidget(self, Qt.WindowType.Dialog).show())
    window.resize(1024, 600)  # an answer and a rule scroll
    activate(qtbot, window)

    def home():
        return _home_list_on(window, "S10")

    def search_box():
        window.search_field.clear()
        search(qtbot, window, "warrant")
        return window.search_field

    def results():
        search_box()
        view = window.search_page.view
        view.setCurrentIndex(view.model().index(2, 0))
        return view

    def question():
        window.start_scenario("S10")
        assert window.wizard_page.stack.currentWidget() is window.wizard_page.question_scroll
        return window.wizard_page.answer_buttons[0]

    def scrolled(scroll):
        bar = scroll.verticalScrollBar()
        assert bar.maximum() > 0, "the keys that read on must have somewhere to go"
        bar.setValue(bar.maximum() // 2)
        return scroll

    def answer():
        window.start_scenario("S08")
        window.wizard_page.choose(2)
        window.wizard_page.choose(1)
        assert window.wizard_page.stack.currentWidget() is window.wizard_page.outcome_scroll
        return scrolled(window.wizard_page.outcome_scroll)

    def rule():
        window.navigate(Location(PROVISION, "MCC-2-173-020(a)(1)"))
        assert window.current_kind() == PROVISION
        return scrolled(window.page(PROVISION).scroll)

    opened = []

    def box_words():
        """The words of a box (here: why an update was refused, seven problems in a short box): a Tab stop that
        PageDown, the arrows, Home and End read (VScrollArea.read_by_keys)."""
        from desktop.domain.validation import Problem
        from desktop.storage.library import INVALID, InstallRefused
        from desktop.ui.update_dialog import RefusedDialog

        for dialog in opened:
            dialog.close()
        problems = [Problem("broken.json", "scenarios", "S08", f"nodes[{i}].verdict", "must be a verdict")
                    for i in range(7)]
        dialog = RefusedDialog(InstallRefused(INVALID, problems[0].text(), problems), "broken.json", parent=window)
        opened.append(dialog)
        dialog.resize(420, 300)
        dialog.show()
        qtbot.waitExposed(dialog)
        return scrolled(next(a for a in dialog.findChildren(VScrollArea) if a.objectName() == "refusedScroll"))

    missing = _unnamed_keys_that_act(qtbot, (home, search_box, results, question, answer, rule, box_words),
                                     keys.guide_keys(), lambda: _what_shows(window),
                                     typing=lambda place, key: place is search_box and key in TYPING)
    assert not missing, f"not on Help → Keyboard keys: {missing}"


def test_the_keyboard_keys_say_the_words_of_a_box_are_read_by_the_keys(window):
    """The words of the About box, of Install's preview or refusal, Revert, What's new and a problem report became a
    Tab stop that PageDown, the arrows, Home and End read; Help → Keyboard keys said those keys read an answer, a
    rule or a list only, so a supervisor on the keyboard did not know an update's list could be read to its end."""
    from desktop.ui import keys

    lines = keys.guide_keys()
    reading = next(line for line in lines if "PgDown" in line.keys)
    ends = next(line for line in lines if "End" in line.keys)
    assert "a box's words" in reading.does and "Tab to them first" in reading.does, reading.does
    assert keys.spaced(*keys.PICK) in reading.does, "the arrows read a line at a time"
    assert "a box's words" in ends.does, ends.does


def test_every_key_that_does_something_in_the_quiz_is_on_the_keyboard_keys_page(qtbot, mini_pack):
    """The quiz's keys (1–4, A–D, Enter) were only in its own hint, not on Help → Keyboard keys. Each key is pressed
    in the set-up, on a question (its view, and a verdict), on a checked question and on the score; each that
    changes something must be on the page's quiz lines."""
    from desktop.domain import quiz as quizzes
    from desktop.ui import keys
    from desktop.ui.quiz_window import QuizWindow

    quiz = QuizWindow(mini_pack)
    qtbot.addWidget(quiz)
    quiz.resize(900, 500)  # the question and the score scroll
    quiz.show()
    qtbot.waitExposed(quiz)
    quiz.activateWindow()
    qtbot.waitUntil(quiz.isActiveWindow, timeout=2000)

    def what_shows() -> tuple:
        bars = [area.verticalScrollBar().value() for area in quiz.findChildren(QAbstractScrollArea) if area.isVisible()]
        fields = (quiz.scenario_combo.currentIndex(), quiz.count_spin.value(), quiz.seed_spin.value())
        chosen = (quiz.verdict_group.checkedId(), quiz.action_group.checkedId())
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not quiz]
        return (quiz.isVisible(), quiz.stack.currentWidget(), quiz.index, quiz.responses.copy(), chosen, fields,
                QApplication.focusWidget(), bars, windows)

    def started(count: int = 2):
        quiz.show()
        quiz.start(quizzes.generate(mini_pack, ["S08"], seed=1, count=count))
        return quiz

    def set_up():
        quiz.show()
        quiz.stack.setCurrentWidget(quiz.setup_page)
        return quiz.start_button

    def question():
        started()
        quiz.scroll.verticalScrollBar().setValue(1)
        return quiz.scroll

    def on_a_verdict():
        started()
        return quiz.verdict_buttons[quizzes.VERDICTS[1]]

    def checked():
        started()
        quiz.answer(quiz.item.verdict, quiz.item.action_answer)
        return quiz.next_button

    def score():
        started(count=1)
        quiz.answer(quiz.item.verdict, quiz.item.action_answer)
        quiz.next_item()
        assert quiz.stack.currentWidget() is quiz.results_page
        return quiz.results_page.findChild(VScrollArea, "quizResultsScroll")

    missing = _unnamed_keys_that_act(qtbot, (set_up, question, on_a_verdict, checked, score), keys.QUIZ_KEYS, what_shows,
                                     pressed=(*PRESSED, *HELD))
    assert not missing, f"not on Help → Keyboard keys' quiz lines: {missing}"


def test_every_key_that_does_something_on_the_slides_is_on_the_keyboard_keys_page(qtbot, mini_pack):
    """The slides' keys (→, B, Home, F11, N and P of a clicker…) were only in their own status line and the code,
    not on Help → Keyboard keys. Each key is pressed on a scenario's title, a question with its answers hidden,
    shown, and one pointed at, an outcome and the end; each that changes something must be on the page's lines
    for the slides."""
    from desktop.ui import keys
    from desktop.ui.presentation_window import PresentationWindow

    slides = PresentationWindow(mini_pack, ["S08", "S10"], "Week 3")
    qtbot.addWidget(slides)
    slides.resize(1024, 600)

    def what_shows() -> tuple:
        walk = slides.walk
        return (slides.isVisible(), slides.isFullScreen(), slides.is_blanked(), walk.stage, walk.counter,
                walk.trail, slides.highlight)

    def at(*steps: str):
        if not slides.isVisible() or slides.isFullScreen():
            slides.showNormal()
            qtbot.waitExposed(slides)
        if slides.is_blanked():
            slides.toggle_blank()
        while slides.walk.can_go_back:
            slides.back()
        for step in steps:
            slides.choose(int(step)) if step.isdigit() else slides.next()
        return slides

    def title():
        return at()

    def question():
        return at("next")

    def answers():
        return at("next", "next")

    def pointed_at():
        return at("next", "next", "next")

    def outcome():
        return at("next", "next", "1", "next")

    def end():
        at()
        for _ in range(50):  # the first answer to each question, to the end
            if slides.stage == "end":
                return slides
            slides.choose(1) if slides.stage == "choices" else slides.next()
        raise AssertionError("the slides never ended")

    set_up: list = [None, None]  # the place last set up, and what showed then

    def again_if_changed(place):
        """``place`` set up again only when the key before changed what shows (walking the slides back and on is
        most of the test's time); what_shows() is all the slides' state a key can change."""
        def again():
            if set_up[0] is not place or what_shows() != set_up[1]:
                place()
                set_up[:] = [place, what_shows()]
            return slides
        again.__name__ = place.__name__
        return again

    places = tuple(again_if_changed(place) for place in (title, question, answers, pointed_at, outcome, end))
    missing = _unnamed_keys_that_act(qtbot, places, keys.SLIDES_KEYS, what_shows, pressed=(*PRESSED, *HELD))
    assert not missing, f"not on Help → Keyboard keys' lines for the slides: {missing}"


def test_every_key_that_does_something_in_the_class_playlist_is_on_the_keyboard_keys_page(qtbot, mini_pack):
    """The class playlist's keys (Delete removes a scenario, Ctrl+↑ and Ctrl+↓ move it, Enter starts, Shift+↑ ↓
    picks several to add) were in its code only. Each key, and Ctrl or Shift with the arrows, Home, End, PageUp,
    PageDown, Space and a few letters, and Alt with each letter, is pressed in All scenarios, in the class list, in
    the title and on a button; each that changes something must be on the page's lines for the playlist. (Shift+End
    picked every scenario down to the last, Ctrl+Home moved and kept the picks, and Alt+S, the underlined letter of
    All scenarios, went to it: none was named.)"""
    from desktop.domain.playlist import Playlist
    from desktop.ui import keys
    from desktop.ui.playlist_dialog import PlaylistDialog

    dialog = PlaylistDialog(mini_pack, Playlist("Week 3", ()))
    qtbot.addWidget(dialog)
    dialog.resize(1024, 600)
    started = []
    dialog.presentation_requested.connect(started.append)

    def what_shows() -> tuple:
        def picked(view) -> tuple:
            return tuple(sorted((i.parent().row(), i.row()) for i in view.selectionModel().selectedIndexes()))

        bars = [area.verticalScrollBar().value() for area in dialog.findChildren(QAbstractScrollArea) if area.isVisible()]
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not dialog]
        return (dialog.isVisible(), dialog.model.scenario_ids(), dialog.title_edit.text(), len(started),
                dialog.all_view.currentIndex(), picked(dialog.all_view), dialog.view.currentIndex(),
                picked(dialog.view), QApplication.focusWidget(), bars, windows)

    def opened():
        if not dialog.isVisible():
            dialog.show()
            qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
        dialog.title_edit.setText("Week 3")
        dialog.model.set_scenario_ids(("S08", "S10", "PAPER"))
        return dialog

    def all_scenarios():
        opened().all_view.setCurrentIndex(dialog.all_model.index_of("S10"))
        return dialog.all_view

    def class_list():
        opened().view.setCurrentIndex(dialog.model.index(1))
        return dialog.view

    def title():
        return opened().title_edit

    def a_button():
        opened().view.setCurrentIndex(dialog.model.index(1))
        return dialog.up_button

    with_keys = ("Ctrl+Up", "Ctrl+Down", "Shift+Up", "Shift+Down", "Ctrl+Space", "Ctrl+A", "Ctrl+S", "Ctrl+O")
    missing = _unnamed_keys_that_act(qtbot, (all_scenarios, class_list, title, a_button), keys.PLAYLIST_KEYS,
                                     what_shows,  # the title types a letter with Alt too (QLineEdit)
                                     typing=lambda place, key: place is title and key.removeprefix("Alt+") in TYPING,
                                     pressed=(*PRESSED, *with_keys, *HELD))
    assert not missing, f"not on Help → Keyboard keys' lines for the class playlist: {missing}"


def test_keyboard_keys_open_as_a_list_to_read(qtbot, window):
    """The guide's keys, then the quiz's, the slides' and the class playlist's, each under its heading."""
    from desktop.ui.about_dialog import KeysDialog
    from desktop.ui.keys import sections

    window.keys_action.trigger()
    dialog = window.findChild(KeysDialog)
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    shown = [label.text() for label in dialog.findChildren(QWidget) if hasattr(label, "text")]
    assert [heading for heading, _lines in sections()] == ["In the guide", "In the quiz", "Presenting the slides (trainers)",
                                                         "The class playlist (trainers)"]
    for heading, lines in sections():
        assert heading in shown
        assert all(line.named in shown and line.does in shown for line in lines)
    assert dialog.close_button.accessibleName() == "Close" and dialog.width() <= 1024
    dialog.close_button.click()
    qtbot.waitUntil(lambda: window.findChild(KeysDialog) is None)


def test_esc_closes_the_about_box_and_the_keys_and_the_page_says_so(qtbot, window):
    """Esc closed the About box and the list of keys (Qt's dialogs), and the page named Esc only for the search
    and the slides."""
    from desktop.ui import keys
    from desktop.ui.about_dialog import AboutDialog

    about = AboutDialog(window.data, parent=window)  # as open_about shows it, without its exec()
    about.show()
    for dialog in (about, window.show_keys()):
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible(), type(dialog).__name__
    lines = [line.does for line in keys.guide_keys() if keys.CLOSE_DIALOG[0] in line.keys]
    assert any("About" in does and "keys" in does for does in lines), lines


def test_each_key_on_the_keyboard_keys_page_is_shown_whole(qtbot, window):
    """The page's lines that wrap were cut to their first line and a half: the grid, nested in the page's layout,
    kept the heights its labels had before the theme's font reached them."""
    from desktop.ui.about_dialog import KeysDialog
    from desktop.ui.widgets import WrapLabel

    window.keys_action.trigger()
    dialog = window.findChild(KeysDialog)
    qtbot.waitExposed(dialog)
    labels = [label for label in dialog.findChildren(WrapLabel) if label.objectName() in ("keysKeys", "keysAction")]
    assert any(label.heightForWidth(label.width()) > label.fontMetrics().height() * 1.5 for label in labels), "one wraps"
    cut = [label.text() for label in labels if label.height() < label.heightForWidth(label.width())]
    assert not cut, f"cut: {cut}"
    dialog.close()


def test_a_screen_reader_hears_the_question_with_each_answer(qtbot, window):
    """The focus goes to the first answer, and the question itself cannot take it: a screen reader read the
    answers but never what was asked."""
    window.start_scenario("S08")
    wizard = window.wizard_page
    prompt = wizard.prompt_label.text()
    count = len(wizard.answer_buttons)
    for number, button in enumerate(wizard.answer_buttons, 1):
        assert button.accessibleDescription() == f"Answer {number} of {count} to: {prompt}"
    wizard.choose(2)
    assert wizard.answer_buttons[0].accessibleDescription().endswith(wizard.prompt_label.text())


def test_each_listed_thing_is_read_as_its_own_sentence(qtbot, window):
    """The Document list was read as one run-on sentence: "…and to which agency Watch commander notified
    Your report…". Each thing is its own label, read as it is; the section says nothing of its own (it said
    them all again before them)."""
    window.start_scenario("S10")
    wizard = window.wizard_page
    while wizard.stack.currentWidget() is wizard.question_scroll:
        wizard.choose(1)
    section = wizard.card.sections["document"]
    assert section.items and not section.accessibleName()
    assert [label.accessibleName() or label.text() for label in section.labels] == list(section.items)


@pytest.mark.parametrize(("theme", "ring"), [("day", "#d97706"), ("night", "#f0b452"), ("contrast", "#00ffff")])
def test_the_situations_list_shows_a_focus_ring_without_moving_its_rows(qtbot, window, theme, ring):
    """Tab reached "All situations" with only Fusion's thin grey dotted row to show it; every other control
    has a 3 px ring in the theme's focus colour."""
    activate(qtbot, window)
    window.set_theme(theme)
    tree = next(w for w in window.home_page.findChildren(QAbstractItemView) if w.property("scenarioList"))
    before = tree.viewport().geometry()
    tree.setFocus()
    activate(qtbot, window)
    assert tree.hasFocus()
    image = tree.grab().toImage()
    assert image.pixelColor(tree.width() // 2, 1).name() == ring
    assert tree.viewport().geometry() == before, "the ring must not move or re-wrap the rows"


@pytest.mark.parametrize(("theme", "ring"), [("day", "#d97706"), ("night", "#f0b452"), ("contrast", "#00ffff")])
def test_the_source_address_shows_the_focus_ring(qtbot, make_window, theme, ring):
    """Tab from "Copy citation" reaches the provision's source address: Day and Night showed Fusion's 1-px blue
    line round it, High contrast its white frame unchanged (only the selected words said where the keys were).
    It shows the theme's ring, in the room of the padding: the field keeps its size."""
    window = make_window(data=load_data(None), with_index=False)
    window.set_theme(theme)
    activate(qtbot, window)
    window.navigate(Location(PROVISION, "MCC-2-173-020(a)"))
    page = window.provision_page
    field = page.url_field
    assert window.focusWidget() is page.copy_button
    size = field.size()
    qtbot.keyClick(page.copy_button, Qt.Key.Key_Tab)
    assert window.focusWidget() is field
    image = field.grab().toImage()
    assert image.pixelColor(1, field.height() // 2).name() == ring
    assert image.pixelColor(field.width() // 2, field.height() - 2).name() == ring
    assert field.size() == size, "the ring takes the padding's room: the field keeps its size"


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")  # the popup
@pytest.mark.parametrize("theme", ["day", "contrast"])
def test_an_800_pixel_screen_keeps_the_top_bar_inside_it(qtbot, window, theme):
    """An 800 × 600 screen leaves a window 776 px wide in its frame. The top bar needed 956 px (978 in high
    contrast), so the window stayed wider than the screen: A+, Data and Help, and the right of every page, were
    past its edge. There the themes, Data and Help fold into one Menu; a wider window shows them again."""
    activate(qtbot, window)
    window.set_theme(theme)
    window.resize(776, 576)
    qtbot.wait(1)
    assert window.width() == 776, "the window cannot shrink to an 800-pixel screen"
    for screen in (lambda: window.go_home(), lambda: search(qtbot, window, "detainer"),
                   lambda: window.start_scenario("S08")):
        screen()
        qtbot.wait(1)
        assert window.width() == 776
        for widget in [*window.top_bar.findChildren(QWidget), *window.stack.currentWidget().findChildren(QWidget)]:
            if widget.isVisible():
                right = widget.mapTo(window, widget.rect().topRight()).x()
                assert right < 776, f"{widget.objectName()} sticks out to x={right}"
    assert window.menu_button.isVisible() and window.larger_button.isVisible()
    assert not any(b.isVisible() for b in [*window.theme_buttons.values(), window.data_button, window.help_button])
    assert window.menu_button.height() >= 44 and window.menu_button.accessibleName().startswith("Menu")
    menu = window.menu_button.menu()
    assert [a.menu() for a in menu.actions() if a.menu()] == [window.data_menu, window.help_menu]

    def pick_night() -> None:  # in the menu the button opened: the Night theme, by the keys
        popup = QApplication.activePopupWidget()
        popup.setActiveAction(window.theme_actions["night"])
        qtbot.keyClick(popup, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick_night)
    qtbot.mouseClick(window.menu_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.theme == "night")
    assert window.theme_actions["night"].isChecked() and not window.theme_actions[theme].isChecked()

    window.resize(1024, 600)
    qtbot.wait(1)
    assert not window.menu_button.isVisible()
    assert all(b.isVisible() for b in [*window.theme_buttons.values(), window.data_button, window.help_button])
    assert window.theme_buttons["night"].isChecked()


@pytest.mark.parametrize("step", [2, 6])
def test_the_search_filters_take_two_lines_on_an_800_pixel_screen(qtbot, window, step):
    """"Only rules from:", the five chips and the count on one row needed up to 961 px at the largest text, so
    after a search the window stayed wider than an 800-pixel screen from the second size up. There the labels
    take a line above the chips (at the second size "Only:" and the count's number fit beside them); a wider
    window has them on one row again."""
    activate(qtbot, window)
    window.set_text_step(step)
    window.resize(776, 576)
    search(qtbot, window, "detainer")
    page = window.search_page
    for chip in page.chips.values():
        qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)  # every filter named in the count: its longest words
    qtbot.wait(1)
    assert window.width() == 776, "the window cannot shrink to an 800-pixel screen"
    for widget in [page.filter_label, page.count_label, *page.chips.values()]:
        right = widget.mapTo(window, widget.rect().topRight()).x()
        assert right < 776, f"{widget.objectName()} sticks out to x={right}"
    chips_top = page.chips["federal"].mapTo(page, page.chips["federal"].rect().topLeft()).y()
    if step == 2:
        assert not page.filters_wrapped and page.filter_label.text() == "Only:"
    else:
        assert page.filter_label.mapTo(page, page.filter_label.rect().bottomLeft()).y() < chips_top
        assert page.count_label.mapTo(page, page.count_label.rect().bottomLeft()).y() < chips_top

    window.resize(1280, 800)
    qtbot.wait(1)
    federal = page.chips["federal"]
    assert abs(page.filter_label.geometry().center().y() - federal.geometry().center().y()) <= 1, "one row again"
    assert page.filter_label.mapTo(page, page.filter_label.rect().topRight()).x() < federal.mapTo(page, federal.rect().topLeft()).x()


def test_the_pack_line_in_the_status_bar_is_never_cut_off_on_a_narrow_window(qtbot, window):
    """At 776 px (an 800 × 600 screen) the status bar's pack line ran past the window's edge ("the data pack
    given at start-u"). Where the whole line does not fit it keeps the version, the "as of" date and OUT OF
    DATE; the whole line comes back on a wide window, and is always the tooltip."""
    label = window.status_label
    whole = label.toolTip()
    assert "update due" in whole and label.text() == whole, "a wide window shows all of it"
    window.resize(776, 576)
    qtbot.wait(1)
    assert window.width() == 776
    assert label.text().startswith("Data version") and "as of" in label.text() and label.text() != whole
    assert label.mapTo(window, label.rect().topLeft()).x() + label.fontMetrics().horizontalAdvance(label.text()) < 776
    assert label.toolTip() == whole
    window.resize(1280, 800)
    qtbot.wait(1)
    assert label.text() == whole


def test_space_opens_the_current_row_of_the_situations_and_the_results(qtbot, window):
    """Enter opened a list's row, and Space (which presses every button) did nothing: an officer who had Tabbed
    to the situations or the results and picked a row with the arrows pressed Space, as on a button, in vain."""
    activate(qtbot, window)
    tree = window.home_page.tree
    tree.setFocus()
    tree.setCurrentIndex(window.home_page.model.index_of("S10"))
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert window.current_kind() == WIZARD and window.wizard_page.state.scenario_id == "S10"
    assert window.wizard_page.state.keys == (), "and answers nothing"
    search(qtbot, window, "warrant")
    view = window.search_page.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    kind, item = view.currentIndex().data(KindRole), view.currentIndex().data(IdRole)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert window.current_kind() == {"provision": PROVISION, "scenario": WIZARD, "term": TERM}[kind]
    assert window.history.current.key == item


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_a_button_reached_with_tab_shows_the_ring_alone(qtbot, make_window, theme):
    """Tab to a related provision drew, inside the theme's ring, Fusion's own focus box too: a light blue frame
    5 px off the words' left edge, over their first letters. Past the words, the button looks focused as it
    looks unfocused, ring aside."""
    window = make_window(data=load_data(None), with_index=False)
    window.set_theme(theme)
    window.resize(1024, 600)
    activate(qtbot, window)
    window.navigate(Location(PROVISION, "MCC-2-173-020(a)"))
    link = next(b for b in window.provision_page.related.buttons if "287(g)" in b.label())  # one short line
    spot = (link.width() - 24, link.height() // 2)  # past its words, inside the ring
    unfocused = link.grab().toImage().pixelColor(*spot)
    while window.focusWidget() is not link:
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert link.grab().toImage().pixelColor(*spot) == unfocused


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_a_main_button_reached_with_tab_shows_a_ring(qtbot, tmp_path, make_window, theme):
    """The problems page's Continue with the bundled data (a main button, as Install and Start presentation are)
    showed no ring in high contrast when Tab reached it: its yellow border rule, after the ring's, won."""
    from tests.ui.test_errors import _bad_record

    window = make_window(data=load_data(str(_bad_record(tmp_path)), None))
    window.set_theme(theme)
    window.resize(1024, 600)
    activate(qtbot, window)
    button = window.problems_page.continue_button
    edge = (2, button.height() // 2)  # on its border
    window.problems_page.setFocus()
    unfocused = button.grab().toImage().pixelColor(*edge)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.focusWidget() is button
    assert button.grab().toImage().pixelColor(*edge) != unfocused


def _home_list_on(window, scenario_id: str):
    """Home's list of situations, on screen, with ``scenario_id`` its current row."""
    window.go_home()
    tree = window.home_page.tree
    tree.setCurrentIndex(window.home_page.model.index_of(scenario_id))
    return tree
