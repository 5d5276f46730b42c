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
    ["Data", "Revert to previous data…"] (the words after the last arrow run on: the test finds the item they start
    with, whole)."""
    text = re.sub(r"\n\s*", " ", text)  # a path wrapped onto the next line
    return [[top, *[part.strip() for part in rest.split(" → ")[1:]]] for top, rest in
            ((m.group(1), m.group(2)) for m in _MENU_PATH.finditer(text))]


#: what ends a menu item's name in the README's prose: a mark, or the end; after an item whose name ends in "…",
#: a space too ("Install data update… in the app"). A word straight after a name would be more of it: "Revert to
#: previous data…" is not the item "Revert".
_ITEM_END = re.compile(r"$|[,;:).]")


def names_item(part: str, name: str) -> bool:
    """True when ``part`` (a README's words after an arrow) starts with the whole item ``name``, not its first words."""
    rest = part[len(name):] if part.startswith(name) else None
    return rest is not None and (_ITEM_END.match(rest) is not None or (name.endswith("…") and rest.startswith(" ")))


def missing_items(path: list[str], menus: dict[str, QMenu]) -> str | None:
    """The part of ``path`` no menu holds, else None. An item matches the words that start with its whole name
    (:func:`names_item`); a submenu's title also without a closing "(…)" ("Training" for "Training (trainers)")."""
    menu: QMenu | None = menus.get(path[0])
    if menu is None:
        return path[0]
    for part in path[1:]:
        items = _items(menu)
        name = next((name for name in sorted(items, key=len, reverse=True)
                     if names_item(part, name) or (items[name] is not None and names_item(part, name.split(" (")[0]))),
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


def test_a_readme_naming_more_than_a_menu_item_is_found(qtbot):
    """The check took an item followed by more words as named: a README sending supervisors to "Data → Revert to
    previous data…" passed against a menu item "Revert", where they would look for words that are not there. The
    item's whole name must end where the README's words for it do."""
    data = QMenu()
    for text in ("Revert", "Install data update…", "What's new"):
        data.addAction(text)
    menus = {"Data": data}
    named = "Revert to previous data…, `encounter-guide revert`) goes back one step"
    assert missing_items(["Data", named], menus) == named
    assert missing_items(["Data", "Revert, `encounter-guide revert`"], menus) is None
    assert missing_items(["Data", "Install data update… in the app"], menus) is None, "its … ends an item's name"
    assert missing_items(["Data", "What's new in the data"], menus) == "What's new in the data"
    assert missing_items(["Data", "What's new, and a banner"], menus) is None
