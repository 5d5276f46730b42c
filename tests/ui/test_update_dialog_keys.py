"""Data → Install (what an update changes, or why it was refused), Revert and What's new, from the keys alone: their
words are a Tab stop, ringed, that PageDown, the arrows, Home and End scroll, as the About box's are. At the largest
text on 800 × 600 each ran 270 – 570 px past its box (a small test pack; a real update's list is longer) with the
focus on Cancel or Close and no key that moved them: a supervisor on the keyboard could not read what an update
changes before installing it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.ui.data_loading import load_data
from desktop.ui.widgets import VScrollArea, focus_ring, ring_shown
from tests.ui.test_focus_ring import RINGS, _edge, _key
from tests.ui.ui_helpers import activate

WORDS = {"whatChangedScroll", "refusedScroll", "whatsNewScroll"}  # the words of each dialog


@pytest.mark.parametrize("theme", ["day", "night", "contrast"])
def test_the_words_of_each_update_dialog_are_read_from_the_keys(qtbot, tmp_path, user_base, theme):
    from desktop.domain.validation import Problem
    from desktop.storage.library import INVALID, InstallRefused, PackLibrary
    from desktop.ui.update_dialog import RefusedDialog, WhatChangedDialog
    from tests.conftest import MINI_PACK
    from tests.supervisor_helpers import make_key
    from tests.ui.test_data_menu import open_window, publish_update

    private, trusted = make_key(tmp_path / "keys")
    library = PackLibrary(user_base / "data", bundled=MINI_PACK, trusted_keys=[trusted])
    window = open_window(qtbot, library)
    window.resize(800, 600)
    window.set_theme(theme)
    window.set_text_step(6)
    activate(qtbot, window)
    qtbot.waitUntil(lambda: focus_ring() is not None)  # after the first frame
    plan = library.prepare_install(publish_update(tmp_path / "usb", private))
    problems = [Problem("broken.json", "scenarios", "S08", f"nodes[{i}].verdict", "must be a verdict") for i in range(7)]
    dialogs = [WhatChangedDialog.for_install(plan, window),
               RefusedDialog(InstallRefused(INVALID, str(problems[0]), problems), "broken.json", parent=window)]
    library.install(plan)
    dialogs.append(WhatChangedDialog.for_revert(library.prepare_revert(), window))
    window.reload_data(load_data(None, library))
    dialogs.append(window.show_whats_new())

    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        activate(qtbot, dialog)
        name = dialog.objectName()
        area = next(a for a in dialog.findChildren(VScrollArea) if a.objectName() in WORDS)
        bar = area.verticalScrollBar()
        assert bar.maximum() > 0, f"{name}: its words run past the box"
        assert not area.hasFocus(), f"{name}: opens with the focus on its buttons, as before"
        for _ in range(6):
            if area.hasFocus():
                break
            _key(dialog, Qt.Key.Key_Tab)
        assert area.hasFocus(), f"{name}: Tab reaches its words"
        assert ring_shown(area) and _edge(area) == RINGS[theme], f"{name}: ringed"
        _key(dialog, Qt.Key.Key_Down)
        assert bar.value() > 0, f"{name}: an arrow reads on"
        _key(dialog, Qt.Key.Key_End)
        assert bar.value() == bar.maximum(), f"{name}: End goes to the end"
        _key(dialog, Qt.Key.Key_Home)
        assert bar.value() == 0, f"{name}: Home to the top"
        for _ in range(20):
            _key(dialog, Qt.Key.Key_PageDown)
        assert bar.value() == bar.maximum(), f"{name}: PageDown reads to the end"
        dialog.close()
