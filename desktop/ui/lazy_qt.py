"""``Qt``, the Qt namespace, built on first use instead of at import.

PySide6 builds the whole namespace (93 Python enums, about 1,200 members) the first time anything touches
``PySide6.QtCore.Qt``: 15-25 ms on the CI machine, a tenth of the start-up time. The modules on the
start-up path import ``Qt`` from here and nothing touches it before the first frame
(tests/test_startup_imports.py); after that, ``Qt.AlignmentFlag.AlignCenter`` and the rest behave exactly
as PySide6's own. Values needed before the first frame are plain ints here, each checked against PySide6
in tests/ui/test_lazy_qt.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtCore import Qt as RealQt


class _LazyQt:
    """Forwards every attribute to PySide6.QtCore.Qt, importing it the first time. Each attribute found
    is kept on the proxy, so later reads (a key handler's Qt.Key.Key_Down) are plain attribute reads."""

    def __getattr__(self, name: str) -> Any:  # only for names not yet kept
        from PySide6.QtCore import Qt as real

        value = getattr(real, name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return "<lazy PySide6.QtCore.Qt>"


Qt = cast("type[RealQt]", _LazyQt())  # type checkers see PySide6's own Qt, and check each use

# Values read before the first frame, as the ints PySide6 passes and accepts (tests/ui/test_lazy_qt.py).
DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
TOOL_TIP_ROLE = 3  # Qt.ItemDataRole.ToolTipRole
ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole
USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole
TEXT_WORD_WRAP = 0x1000  # Qt.TextFlag.TextWordWrap
PLAIN_TEXT = 0  # Qt.TextFormat.PlainText
ALIGN_CENTER = 0x84  # Qt.AlignmentFlag.AlignCenter
ALIGN_LEFT = 0x1  # Qt.AlignmentFlag.AlignLeft
ALIGN_TOP_HCENTER = 0x24  # Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter
SCROLL_BAR_ALWAYS_OFF = 1  # Qt.ScrollBarPolicy.ScrollBarAlwaysOff
NO_FOCUS = 0  # Qt.FocusPolicy.NoFocus


def set_enum_property(obj: QObject, name: str, value: int) -> None:
    """``obj.setProperty(name, value)`` for a Qt enum property given as its int (Qt converts it), which
    needs no Python enum. Raises AttributeError when ``obj`` has no such property: Qt would otherwise
    add a dynamic property of that name and nothing would change."""
    meta = obj.metaObject()
    if meta.indexOfProperty(name) < 0 or not obj.setProperty(name, value):
        raise AttributeError(f"{meta.className()} has no writable property {name!r}")
