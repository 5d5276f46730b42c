"""Themes live in QSS files under resources/styles: base.qss (layout and sizes, shared) plus one colour
file per theme (day.qss, night.qss, contrast.qss). Text size scales the @token@ font sizes of base.qss.
The supervisors' editor uses the same colour file with editor.qss (desk sizes, scaled by the same text size)
and editor-THEME.qss (its own widgets' colours)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import paths
from desktop.ui.settings import DEFAULT_TEXT_STEP, THEMES

if TYPE_CHECKING:
    from PySide6.QtGui import QColor

THEME_LABELS = {"day": "Day", "night": "Night", "contrast": "High contrast"}

#: Font sizes in pixels at the default text size. Content scales 10 % per step; the top bar ("chrome")
#: stays put so it can never push the window wider than a small in-car screen.
BASE_SIZES = {
    "small": 15,
    "body": 18,
    "large": 21,
    "h1": 26,
    "prompt": 28,
    "headline": 26,
    "verdict": 30,
}
CHROME_SIZES = {"chrome": 16, "chrome_glyph": 22}
#: The supervisors' editor (editor.qss) is used at a desk with a mouse: smaller type, scaled by the same setting.
EDITOR_SIZES = {"desk_small": 13, "desk": 14, "desk_large": 15, "desk_title": 19}
_TOKEN = re.compile(r"@([a-z0-9_]+)@")
#: Where a theme's url() names an image in resources/icons (the checked box's tick): the folder's path
ICONS_TOKEN = "@icons@"


def contrast_ratio(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two colours (1: the same, 21: black on white)."""
    def luminance(colour: QColor) -> float:
        channels = [c / 255 for c in (colour.red(), colour.green(), colour.blue())]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def styles_dir() -> Path:
    return paths.resources_dir() / "styles"


def icons_dir() -> Path:
    return paths.resources_dir() / "icons"


def _scaled(sizes: dict[str, int], step: int) -> dict[str, int]:
    factor = 1.0 + 0.1 * step
    return {name: max(10, round(size * factor)) for name, size in sizes.items()}


def editor_font_sizes(step: int) -> dict[str, int]:
    """The editor's type sizes in pixels at a text size step: 10 % a step, as the officer window's content."""
    return _scaled(EDITOR_SIZES, step)


def font_sizes(step: int) -> dict[str, int]:
    sizes = _scaled(BASE_SIZES, step)
    sizes.update(CHROME_SIZES)
    # The wizard's header (the situation's title and the answers so far) grows half as fast: it says where
    # the officer is, and at the largest text it took 40 % of a 600 px screen from the question and answers.
    # Below the default it shrinks as the content does: never larger than the words under it.
    half = 1.0 + (0.05 if step > 0 else 0.1) * step
    sizes["header"] = max(10, round(BASE_SIZES["body"] * half))
    sizes["header_small"] = max(10, round(BASE_SIZES["small"] * half))
    # The menus (Menu, Data, Help) pop up over the page, so they can grow with the text without widening the
    # window: at the largest text they kept the top bar's 16 px while the page beside them was at 29.
    sizes["menu"] = max(CHROME_SIZES["chrome"], round(CHROME_SIZES["chrome"] * (1.0 + 0.1 * step)))
    # A field's name (small, bold) sits this much lower than the top of its value (body size) beside it, so
    # both first lines share a baseline: the difference of their ascents, about 0.93 em in the UI fonts.
    sizes["field_name_lead"] = round((sizes["body"] - sizes["small"]) * 0.93)
    # a check box's box: a key hint's 24 px, and as the answers' words grow, as large as they are
    sizes["check"] = max(24, sizes["large"])
    return sizes


class Themes:
    """Reads the QSS files once and builds the style sheet for a theme and text size."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else styles_dir()
        self._files: dict[str, str] = {}

    def _read(self, name: str) -> str:
        if name not in self._files:
            try:
                text = (self.folder / f"{name}.qss").read_text(encoding="utf-8")
            except OSError:
                text = ""  # a missing style file leaves Qt's default look, never a crash
            # a style sheet's url() is read from the working folder: the icons' own folder, wherever the app is
            self._files[name] = text.replace(ICONS_TOKEN, icons_dir().as_posix())
        return self._files[name]

    def style_sheet(self, theme: str, step: int = DEFAULT_TEXT_STEP) -> str:
        if theme not in THEMES:
            raise ValueError(f"unknown theme {theme!r}")
        sizes = font_sizes(step)
        base = _TOKEN.sub(lambda m: str(sizes.get(m.group(1), BASE_SIZES["body"])), self._read("base"))
        return base + "\n" + self._read(theme)

    def editor_style_sheet(self, theme: str, step: int = DEFAULT_TEXT_STEP) -> str:
        """The supervisors' editor's style sheet: the theme's colours (the same file the officer window uses),
        editor.qss's desk sizes at the text size ``step``, and editor-THEME.qss for the editor's own widgets."""
        if theme not in THEMES:
            raise ValueError(f"unknown theme {theme!r}")
        sizes = editor_font_sizes(step)
        layout = _TOKEN.sub(lambda m: str(sizes.get(m.group(1), EDITOR_SIZES["desk"])), self._read("editor"))
        return "\n".join((self._read(theme), layout, self._read(f"editor-{theme}")))
