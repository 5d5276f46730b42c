"""Theme and text size switch, persist across windows; settings hold nothing about what was done."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from desktop.ui import themes
from desktop.ui.settings import ALLOWED_KEYS, TEXT_STEP_MAX, Settings, settings_path
from desktop.ui.themes import BASE_SIZES, CHROME_SIZES, Themes
from tests.ui.ui_helpers import activate, search


def test_theme_buttons_switch_and_persist_across_a_new_window(qtbot, make_window):
    window = make_window()
    assert window.theme == "day" and window.theme_buttons["day"].isChecked()
    day_sheet = window.styleSheet()
    qtbot.mouseClick(window.theme_buttons["night"], Qt.MouseButton.LeftButton)
    assert window.theme == "night" and window.theme_buttons["night"].isChecked()
    assert window.styleSheet() != day_sheet and "#171614" in window.styleSheet()
    window.close()

    again = make_window(settings=Settings())
    assert again.theme == "night" and again.theme_buttons["night"].isChecked()
    assert again.styleSheet() == Themes().style_sheet("night", 0)
    qtbot.mouseClick(again.theme_buttons["contrast"], Qt.MouseButton.LeftButton)
    assert Settings().theme == "contrast"


def test_arrow_keys_move_past_the_theme_buttons_without_choosing_one(qtbot, window):
    """In an exclusive group, an arrow key on a theme button chose the next theme: arrowing past the buttons
    at night flipped the screen to Day and on to High contrast. The arrows choose nothing now, and a press
    on the theme in use leaves it in use and shown as in use."""
    activate(qtbot, window)
    window.set_theme("night")
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Down, Qt.Key.Key_Up):
        for button in window.theme_buttons.values():
            button.setFocus()
            qtbot.keyClick(button, key)
            assert window.theme == "night", (key, button.objectName())
    qtbot.mouseClick(window.theme_buttons["night"], Qt.MouseButton.LeftButton)
    assert window.theme == "night"
    assert [b.isChecked() for b in window.theme_buttons.values()] == [n == "night" for n in window.theme_buttons]
    qtbot.keyClick(window.theme_buttons["day"], Qt.Key.Key_Space)
    assert window.theme == "day" and window.theme_buttons["day"].isChecked()
    assert not window.theme_buttons["night"].isChecked()


def _without_comments(qss: str) -> str:
    return re.sub(r"/\*.*?\*/", "", qss, flags=re.S)


def test_night_theme_has_no_pure_white():
    night = _without_comments((themes.styles_dir() / "night.qss").read_text(encoding="utf-8")).lower()
    assert not re.search(r"#fff\b|#ffffff|\bwhite\b", night)


def test_every_size_token_in_the_base_sheet_is_known():
    base = _without_comments((themes.styles_dir() / "base.qss").read_text(encoding="utf-8"))
    tokens = set(re.findall(r"@([a-z0-9_]+)@", base))
    assert tokens and tokens <= set(themes.font_sizes(0))
    assert set(BASE_SIZES) | set(CHROME_SIZES) <= set(themes.font_sizes(0))
    assert "@" not in Themes().style_sheet("day", 0)


def test_text_size_keys_and_buttons_persist(qtbot, make_window):
    window = make_window()
    activate(qtbot, window)
    prompt_size = window.wizard_page.prompt_label.font().pixelSize()
    qtbot.keyClick(window.search_field, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.text_step == 2
    window.start_scenario("S08")
    assert window.wizard_page.prompt_label.font().pixelSize() > prompt_size
    qtbot.mouseClick(window.smaller_button, Qt.MouseButton.LeftButton)
    assert window.text_step == 1
    window.close()

    again = make_window(settings=Settings())
    assert again.text_step == 1
    activate(qtbot, again)
    qtbot.keyClick(again.search_field, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert again.text_step == 0 and Settings().text_step == 0


def test_text_size_stops_at_its_limits(make_window):
    window = make_window()
    for _ in range(20):
        window.change_text_size(+1)
    assert window.text_step == TEXT_STEP_MAX and not window.larger_button.isEnabled()


def test_window_geometry_is_remembered(qtbot, make_window):
    window = make_window()
    window.resize(800, 560)  # the offscreen screen is 800×800; the window's minimum width is just under 800
    window.close()
    saved = Settings().geometry
    assert saved is not None
    from desktop.ui.main_window import MainWindow

    restored = MainWindow(window.data, Settings(), Themes())
    qtbot.addWidget(restored)
    assert restored.height() == 560 and abs(restored.width() - 800) <= 4


def test_a_corrupt_settings_file_does_not_stop_the_app(qtbot, make_window):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00\xff\xfe[display\ntheme=@ByteArray(zz\n[[[\ntext_step=banana\n\x01\x02")
    settings = Settings()
    assert settings.theme == "day" and settings.text_step == 0 and settings.geometry is None
    window = make_window(settings=settings)
    qtbot.mouseClick(window.theme_buttons["night"], Qt.MouseButton.LeftButton)
    assert Settings().theme == "night"


def test_out_of_range_values_fall_back(user_base):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[display]\ntheme=purple\ntext_step=99\n[window]\ngeometry=hello\n", encoding="utf-8")
    settings = Settings()
    assert settings.theme == "day" and settings.text_step == TEXT_STEP_MAX and settings.geometry is None


def test_settings_never_record_searches_or_answers(qtbot, make_window):
    window = make_window()
    search(qtbot, window, "detainer")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    window.start_scenario("S08")
    window.wizard_page.choose(2)
    window.wizard_page.choose(1)
    window.close()
    assert set(Settings().keys()) <= ALLOWED_KEYS
    text = settings_path().read_text(encoding="utf-8", errors="replace").lower()
    assert "detainer" not in text and "s08" not in text


def test_unknown_keys_are_dropped(user_base):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[history]\nlast_query=detainer\n[display]\ntheme=night\n", encoding="utf-8")
    settings = Settings()
    assert settings.keys() == ["display/theme"]
    assert "detainer" not in path.read_text(encoding="utf-8")
