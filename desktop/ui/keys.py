"""The keys of the officer's window, and Help → Keyboard keys written from them: the page names what the
window binds, so a key added to one cannot be missing from the other (Space on the lists was)."""

from __future__ import annotations

#: The window's shortcuts (QAction shortcuts, in Qt's portable text): the first of each is the one named.
SEARCH = ("Ctrl+K", "/")
BACK = ("Alt+Left",)
FORWARD = ("Alt+Right",)
HOME = ("Alt+Home",)
LARGER_TEXT = ("Ctrl++", "Ctrl+=")  # Ctrl+= too: Ctrl++ without Shift, on keyboards where + needs it
SMALLER_TEXT = ("Ctrl+-",)
NORMAL_TEXT = ("Ctrl+0",)
ABOUT = ("F1",)
#: The trainers' actions are bound with the presentation (presentation_window.open_training_menu_actions).
PRESENT = ("F5",)
PLAYLIST = ("Shift+F5",)

#: The keys that open the current row of Home's situations and of the search results (Qt's Enter, and Space:
#: widgets.SpaceOpens).
OPEN_ROW = ("Enter", "Space")
#: The digit keys that answer the question on screen: the first and the last.
ANSWER_DIGITS = (1, 9)

_SHOWN = {"Left": "←", "Right": "→", "Up": "↑", "Down": "↓", "-": "−"}


def shown(key: str) -> str:
    """How a key is written for people: Alt+← for Alt+Left, Ctrl+− (a minus sign) for Ctrl+-."""
    head, plus, last = key.rpartition("+")
    if not last:  # Ctrl++: the key is the plus itself
        return key
    return f"{head}{plus}{_SHOWN.get(last, last)}"


def either(*keys: str) -> str:
    return "  or  ".join(shown(key) for key in keys)


def both(*keys: tuple[str, ...]) -> str:
    """The first key of each, side by side: Alt+←  /  Alt+→ for Back / forward."""
    return "  /  ".join(shown(sequences[0]) for sequences in keys)


#: Help → Keyboard keys: what each key does, in the order an officer meets them.
KEYS = (
    (either(*SEARCH), "Search"),
    ("↑  ↓  then  Enter", "Pick a search result"),
    (either(*OPEN_ROW), "Open the situation or result picked in a list"),
    ("Esc", "Clear the search (the keys stay in the search box)"),
    (f"{ANSWER_DIGITS[0]} – {ANSWER_DIGITS[1]}", "Answer the question on screen"),
    ("PageDown  /  PageUp", "Read on / back in an answer or a rule"),
    (both(BACK, FORWARD), "Back / forward"),
    (shown(HOME[0]), "Home"),
    (both(LARGER_TEXT, SMALLER_TEXT, NORMAL_TEXT), "Larger / smaller / normal text"),
    (shown(ABOUT[0]), "About and disclaimer"),
    (both(PRESENT, PLAYLIST), "Present this situation / class playlist (trainers; Esc ends)"),
)
