"""The menus the README sends supervisors and trainers to ("Data → Install data update…", "File → Open problem
report…") are the windows' own, word for word, so a reader finds the item they were told to click."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QMenu

from tests.conftest import MINI_PACK, REPO
from tests.ui.editor.conftest import make_editor  # noqa: F401  (the editor's fixture)

#: A menu's title, then each submenu after an arrow (a few words, straight before the next arrow), then the item after
#: the last arrow, up to the next arrow or the next menu path.
_MENUS = r"\b(?:Data|Help|File|Edit|View) →"
_MENU_PATH = re.compile(rf"\b(Data|Help|File|Edit|View)((?: → [A-Z][^→,.;:`()]{{0,40}}?(?= →))*"
                        rf"(?: → (?:(?! →|{_MENUS})[^→])+))")


def _items(menu: QMenu) -> dict[str, QMenu | None]:
    """A menu's items by their words (without the & of a shortcut letter): a submenu, else None."""
    return {action.text().replace("&", ""): action.menu() for action in menu.actions() if action.text()}


def readme_menu_paths(text: str) -> list[list[str]]:
    """Each menu path the text names, as the words after each arrow: "Data → Revert to previous data…" →
    ["Data", "Revert to previous data…"] (the words after the last arrow run on: the test finds an item they start
    with)."""
    text = re.sub(r"\n\s*", " ", text)  # a path wrapped onto the next line
    return [[top, *[part.strip() for part in rest.split(" → ")[1:]]] for top, rest in
            ((m.group(1), m.group(2)) for m in _MENU_PATH.finditer(text))]


def missing_items(path: list[str], menus: dict[str, QMenu]) -> str | None:
    """The part of ``path`` no menu holds, else None. An item matches the words that start with it; a submenu's
    title also without a closing "(…)" ("Training" for "Training (trainers)")."""
    menu: QMenu | None = menus.get(path[0])
    if menu is None:
        return path[0]
    for part in path[1:]:
        items = _items(menu)
        name = next((name for name in sorted(items, key=len, reverse=True)
                     if part.startswith(name) or (items[name] is not None and part.startswith(name.split(" (")[0]))),
                    None)
        if name is None:
            return part
        if items[name] is None:
            return None
        menu = items[name]
    return None


def test_every_menu_item_the_readme_names_is_in_the_windows(qtbot, make_window, make_editor):  # noqa: F811
    window = make_window()
    window.training_actions()  # built after the first frame
    editor = make_editor(MINI_PACK)
    menus = {"Data": window.data_menu, "Help": window.help_menu}
    menus.update((action.text().replace("&", ""), action.menu()) for action in editor.menuBar().actions())
    paths = readme_menu_paths((REPO / "README.md").read_text(encoding="utf-8"))
    assert len(paths) >= 8
    assert [" → ".join(path)[:80] for path in paths if missing_items(path, menus)] == []


def test_a_menu_item_the_windows_do_not_have_is_found(qtbot, make_window):
    window = make_window()
    window.training_actions()
    menus = {"Data": window.data_menu}
    assert missing_items(["Data", "Revert, `encounter-guide revert`"], menus) == "Revert, `encounter-guide revert`"
    assert missing_items(["Data", "Training", "Scenario handout, which"], menus) == "Scenario handout, which"
    assert missing_items(["Data", "Training", "Scenario handout (PDF)…, which"], menus) is None
