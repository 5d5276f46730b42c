"""desktop/ui/lazy_qt.py: the ints used before the first frame are PySide6's own values, properties set
from them take effect, and the lazy ``Qt`` is PySide6's ``Qt`` once touched."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy

from desktop.ui import lazy_qt
from desktop.ui.widgets import WrapButton


@pytest.mark.parametrize(("value", "real"), [
    (lazy_qt.DISPLAY_ROLE, Qt.ItemDataRole.DisplayRole),
    (lazy_qt.TOOL_TIP_ROLE, Qt.ItemDataRole.ToolTipRole),
    (lazy_qt.ACCESSIBLE_TEXT_ROLE, Qt.ItemDataRole.AccessibleTextRole),
    (lazy_qt.USER_ROLE, Qt.ItemDataRole.UserRole),
    (lazy_qt.TEXT_WORD_WRAP, Qt.TextFlag.TextWordWrap),
    (lazy_qt.PLAIN_TEXT, Qt.TextFormat.PlainText),
    (lazy_qt.ALIGN_CENTER, Qt.AlignmentFlag.AlignCenter),
    (lazy_qt.ALIGN_LEFT, Qt.AlignmentFlag.AlignLeft),
    (lazy_qt.ALIGN_TOP_HCENTER, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter),
    (lazy_qt.SCROLL_BAR_ALWAYS_OFF, Qt.ScrollBarPolicy.ScrollBarAlwaysOff),
    (lazy_qt.NO_FOCUS, Qt.FocusPolicy.NoFocus),
])
def test_each_early_int_is_the_pyside_value(value, real):
    assert value == real.value


def test_the_lazy_namespace_is_pysides():
    assert lazy_qt.Qt.AlignmentFlag is Qt.AlignmentFlag
    assert lazy_qt.Qt.Key.Key_Escape == Qt.Key.Key_Escape
    with pytest.raises(AttributeError):
        lazy_qt.Qt.NoSuchEnum  # noqa: B018


def test_enum_properties_set_from_ints_take_effect(qtbot):
    label, area = QLabel("<b>not bold</b>"), QScrollArea()
    qtbot.addWidget(label)
    qtbot.addWidget(area)
    lazy_qt.set_enum_property(label, "textFormat", lazy_qt.PLAIN_TEXT)
    lazy_qt.set_enum_property(label, "alignment", lazy_qt.ALIGN_TOP_HCENTER)
    lazy_qt.set_enum_property(area, "horizontalScrollBarPolicy", lazy_qt.SCROLL_BAR_ALWAYS_OFF)
    lazy_qt.set_enum_property(area, "focusPolicy", lazy_qt.NO_FOCUS)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.alignment() == Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter
    assert area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert area.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_a_misspelt_property_is_an_error_not_a_silent_dynamic_property(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    with pytest.raises(AttributeError, match="textFromat"):
        lazy_qt.set_enum_property(label, "textFromat", lazy_qt.PLAIN_TEXT)
    assert label.textFormat() == Qt.TextFormat.AutoText


@pytest.mark.parametrize("part", ["text_label", "key_label"])
def test_a_press_on_a_buttons_label_clicks_the_button(qtbot, part):
    """The labels inside a WrapButton take no mouse events themselves; Qt passes them to the button."""
    button = WrapButton("Ask for the paper they are holding", "answer", key_hint="1")
    qtbot.addWidget(button)
    button.resize(420, 90)
    button.show()
    qtbot.waitExposed(button)
    with qtbot.waitSignal(button.clicked, timeout=2000):
        qtbot.mouseClick(getattr(button, part), Qt.MouseButton.LeftButton)


def test_the_key_hint_sits_centred_at_its_own_height(qtbot):
    button = WrapButton("A long answer that wraps over more than one line when the button is narrow",
                        "answer", key_hint="2")
    qtbot.addWidget(button)
    button.resize(260, 10)
    button.show()
    qtbot.waitExposed(button)
    key = button.key_label
    assert key is not None and key.sizePolicy().verticalPolicy() == QSizePolicy.Policy.Fixed
    assert key.height() == key.sizeHint().height() < button.height()
    assert abs(key.geometry().center().y() - button.text_label.geometry().center().y()) <= 1


def test_the_proxy_keeps_what_it_found():
    proxy = lazy_qt._LazyQt()
    assert "WindowType" not in vars(proxy)
    assert proxy.WindowType is Qt.WindowType
    assert vars(proxy)["WindowType"] is Qt.WindowType  # the next read does not go through __getattr__
