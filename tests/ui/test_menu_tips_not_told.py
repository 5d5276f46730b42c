"""A menu item's status tip shows in the status bar while the item is hovered or arrowed to, but it is not a
message the app says: it must not go into the focused widget's description (which is how the app's own
messages, "Citation copied.", are heard; tests/ui/test_status_told.py), and the Data button keeps its own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.ui_helpers import activate, settle


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")  # the menus
def test_arrowing_through_the_data_and_training_menus_tells_the_focused_button_nothing(qtbot, make_window):
    window = make_window()
    window.resize(1024, 600)
    activate(qtbot, window)
    qtbot.waitUntil(lambda: window._training_actions is not None, timeout=2000)  # built after the first frame
    button = window.data_button
    button.setFocus(Qt.FocusReason.TabFocusReason)
    own = button.accessibleDescription()
    window.statusBar().showMessage("Data version 4 installed.", 60000)  # a message the app says on purpose
    assert button.accessibleDescription() == "Data version 4 installed."
    walked: list[tuple[str, str, str]] = []  # (item, status bar, the button's description)

    def walk(menu, steps: int) -> None:
        for _ in range(steps):
            QTest.keyClick(menu, Qt.Key.Key_Down)
            item = menu.activeAction()
            walked.append((item.text() if item else "", window.statusBar().currentMessage(), button.accessibleDescription()))

    def in_the_menu() -> None:
        data = QApplication.activePopupWidget()
        assert data is window.data_menu
        walk(data, len([a for a in data.actions() if not a.isSeparator()]) - 1)
        assert data.activeAction() is window.train_menu.menuAction()
        QTest.keyClick(data, Qt.Key.Key_Right)  # into Training
        training = QApplication.activePopupWidget()
        assert training is window.train_menu
        walk(training, len([a for a in training.actions() if not a.isSeparator()]))
        QTest.keyClick(training, Qt.Key.Key_Escape)
        QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)

    QTimer.singleShot(0, in_the_menu)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Space)  # Space on the Data button opens its menu
    settle()
    tips = [tip for _item, tip, _said in walked if tip]
    assert len(tips) >= 5, ("the walk reached the items and their tips showed", walked)
    assert [said for *_shown, said in walked] == [own] * len(walked), walked
    assert QApplication.activePopupWidget() is None and window.focusWidget() is button
    assert button.accessibleDescription() == own
    window.statusBar().showMessage("Nothing was installed.", 60000)  # the app's own messages are still heard
    assert button.accessibleDescription() == "Nothing was installed."


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")  # the menu
def test_a_message_after_an_item_chosen_with_the_keys_is_still_heard(qtbot, tmp_path, user_base, monkeypatch):
    """Data → Install data update… chosen with Enter, its what-changes dialog cancelled: 'Nothing was installed.' is
    shown once the menu has closed, and the Data button, which has the focus again, says it."""
    from desktop.storage.library import PackLibrary
    from desktop.ui import update_dialog as ud
    from tests.conftest import MINI_PACK
    from tests.supervisor_helpers import make_key
    from tests.ui.test_data_menu import open_window, publish_update

    private, trusted = make_key(tmp_path / "keys")
    library = PackLibrary(user_base / "data", bundled=MINI_PACK, trusted_keys=[trusted])
    update = publish_update(tmp_path / "usb", private)
    monkeypatch.setattr(ud, "ask_update_file", lambda parent, folder: str(update))
    monkeypatch.setattr(ud.WhatChangedDialog, "exec", lambda dialog: ud.WhatChangedDialog.DialogCode.Rejected)
    window = open_window(qtbot, library)
    activate(qtbot, window)
    button = window.data_button
    button.setFocus(Qt.FocusReason.TabFocusReason)
    own = button.accessibleDescription()

    def in_the_menu() -> None:
        menu = QApplication.activePopupWidget()
        assert menu is window.data_menu
        QTest.keyClick(menu, Qt.Key.Key_Down)
        assert menu.activeAction() is window.install_action
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, in_the_menu)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Space)
    settle()
    assert window.statusBar().currentMessage() == "Nothing was installed."
    assert window.focusWidget() is button and button.accessibleDescription() == "Nothing was installed."
    window.statusBar().clearMessage()
    assert button.accessibleDescription() == own


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")  # the menu
def test_a_message_the_app_shows_while_a_menu_is_open_is_announced_and_the_items_tips_are_not(
        qtbot, make_window, monkeypatch):
    """The app's own message shown while the Data menu is open (work that ended meanwhile: "Data version 4
    installed.") was never told: the menu, not the Data button, is what a screen reader reads then, so it was kept
    out of the button's description with the items' tips, and nothing else said it. It is announced politely, at
    once, through Qt's accessibility (6.8+); the tips of the items arrowed to are still not told."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    announced: list[tuple[str, object]] = []
    real = QAccessible.updateAccessibility

    def update(event) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            announced.append((event.message(), event.politeness()))
        real(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", update)
    window = make_window()
    window.resize(1024, 600)
    activate(qtbot, window)
    button = window.data_button
    button.setFocus(Qt.FocusReason.TabFocusReason)
    own = button.accessibleDescription()
    seen: list[str] = []

    def in_the_menu() -> None:
        menu = QApplication.activePopupWidget()
        assert menu is window.data_menu
        for _ in range(2):
            QTest.keyClick(menu, Qt.Key.Key_Down)
            seen.append(window.statusBar().currentMessage())  # an item's tip
        window.statusBar().showMessage("Data version 4 installed.", 60000)
        seen.append(button.accessibleDescription())
        QTest.keyClick(menu, Qt.Key.Key_Escape)

    QTimer.singleShot(0, in_the_menu)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_Space)  # Space on the Data button opens its menu
    settle()
    tips, said = seen[:2], seen[2]
    assert all(tips), ("the items' tips showed", seen)
    assert announced == [("Data version 4 installed.", QAccessible.AnnouncementPoliteness.Polite)], announced
    assert said == own, "not put into the button under the menu"
    assert QApplication.activePopupWidget() is None and button.accessibleDescription() == own
