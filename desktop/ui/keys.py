"""The keys of the officer's window, the quiz, the slides and the class playlist, and Help → Keyboard keys written
from them: the page names what each window binds and what its lists, search box and pages handle, so a key added to
one cannot be missing from the other (Space on the lists, PageUp and PageDown, Tab and Esc were; Select, a letter in
a list and Esc in a dialog too; the quiz's and the slides' keys were only on their own screens, the playlist's
nowhere)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from desktop.domain.model import VERDICTS

#: Every key in Qt's portable text (QKeySequence), the first of each group the one named first.
#: The window's shortcuts (QAction shortcuts).
SEARCH = ("Ctrl+K", "/")
BACK = ("Alt+Left",)
FORWARD = ("Alt+Right",)
HOME = ("Alt+Home",)
LARGER_TEXT = ("Ctrl++", "Ctrl+=")  # Ctrl+= too: Ctrl++ without Shift, on keyboards where + needs it
SMALLER_TEXT = ("Ctrl+-",)
NORMAL_TEXT = ("Ctrl+0",)
ABOUT = ("F1",)
REPORT = ("Ctrl+Shift+R",)  # Help → Report a problem with this screen
#: The trainers' actions are bound with the presentation (presentation_window.open_training_menu_actions);
#: END_PRESENTING ends it (presentation_window.PresentationWindow.keyPressEvent).
PRESENT = ("F5",)
PLAYLIST = ("Shift+F5",)
END_PRESENTING = ("Esc",)

#: The search box's keys (widgets.SearchField): the result above or below, five above or below, and empty the box.
PICK = ("Up", "Down")
PICK_FIVE = ("PgUp", "PgDown")
CLEAR_SEARCH = ("Esc",)
#: The keys that open the current row of Home's situations and of the search results (widgets.RowOpener),
#: and press the button with the focus (widgets.Button's Enter, Qt's Space).
OPEN = ("Enter", "Space")
#: The digit keys that answer the question on screen: the first and the last.
ANSWER_DIGITS = (1, 9)
#: Keys Qt handles itself: an answer or a rule scrolls a page (QAbstractScrollArea; ↑ ↓ a line), a list moves
#: its current row to the first or last, and up to a situation's group heading or back into it (QTreeView; the
#: groups are always open), Tab moves the focus (QWidget).
READ = ("PgDown", "PgUp")
FIRST_LAST = ("Home", "End")
GROUP = ("Left", "Right")
NEXT_PREVIOUS = ("Tab", "Shift+Tab")
#: Qt's too: Select (a keypad's or remote's key) presses the button in focus as Space does, but opens no row of a
#: list; a letter typed in a list goes to the next line that starts with it (the letters typed in quick succession,
#: QAbstractItemView.keyboardSearch); Esc closes a dialog (QDialog: About, these keys, a problem report).
SELECT = ("Select",)
LETTERS = ("A", "Z")
CLOSE_DIALOG = ("Esc",)

#: The quiz's keys (quiz_window.QuizWindow): a verdict's number, an action's letter, and Enter to check the answer,
#: then for the next question (in the set-up, to start the quiz).
QUIZ_VERDICT_DIGITS = (1, len(VERDICTS))
QUIZ_ACTION_LETTERS = "ABCD"
QUIZ_ENTER = ("Enter",)
#: A presentation clicker's next and back keys on a question: read on / back, and at the question's foot, next does
#: what Enter does (a clicker has no Enter: the trainer at the front could not move past a checked answer).
QUIZ_CLICKER_NEXT, QUIZ_CLICKER_BACK = READ[:1], READ[1:]
#: Qt's: the arrows move the focus between buttons (QAbstractButton), and scroll the question a line.
QUIZ_ARROWS = ("Left", "Right", "Up", "Down")
#: Qt's: in the set-up, Alt with a label's underlined letter (&Scenarios, &Questions, Quiz &number) goes to its box.
QUIZ_GO_TO = ("Alt+S", "Alt+Q", "Alt+N")
#: Qt's: in a window too short for what happened and the verdicts together, Alt+W (Show / Hide &what happened)
#: opens or folds what happened (quiz_window.QuizWindow._fold).
QUIZ_SITUATION = ("Alt+W",)

#: The slides' keys (presentation_window.PresentationWindow.keyPressEvent), a keyboard's or a presentation
#: clicker's (which sends PageDown and PageUp, or N and P).
#: A two-button clicker's next key, one of SLIDE_NEXT: with the answers shown, it points at each in turn.
SLIDE_CLICKER_POINT = ("PgDown",)
SLIDE_NEXT = ("Right", *SLIDE_CLICKER_POINT, "Space", "Down", "N")
SLIDE_BACK = ("Left", "PgUp", "Backspace", "Up", "P")
SLIDE_PICK = ("Enter",)
#: With an answer pointed at, a two-button clicker's back key picks it (it has no Enter): PageDown points, PageUp
#: picks; a clicker that sends N and P instead points with N (one of SLIDE_NEXT) and picks with P.
SLIDE_CLICKER_PICK = ("PgUp", "P")
SLIDE_ANSWER_DIGITS = ANSWER_DIGITS
SLIDE_BLANK = ("B", ".")
#: On an answer's slides: the law it cites, each citation with its provision's title (a trainee asks "what is 15(h)?")
SLIDE_LAW = ("L",)
SLIDE_RESTART = ("Home",)
FULL_SCREEN = ("F11",)
#: The slides read the key alone: one of their keys held with Ctrl, Shift or Alt does what it does alone (Ctrl+Home
#: starts the scenario again, as Home does); but Shift with a digit or "." types another character (Shift+1 is "!"),
#: which the slides do not read.
HELD = ("Ctrl", "Shift", "Alt")


def held(*keys: str) -> tuple[str, ...]:
    """Each of ``keys`` with Ctrl, with Shift and with Alt held (Qt's portable text): Ctrl+Home, Shift+Home…; not
    Shift with a key that types a character other than a letter (a digit, "."): Shift makes it another one."""
    return tuple(f"{modifier}+{key}" for modifier in HELD for key in keys
                 if modifier != "Shift" or len(key) > 1 or key.isalpha())


#: The class playlist's keys (playlist_dialog.PlaylistDialog): in its class's list, remove the scenario picked and
#: move it up or down. Enter or Space in All scenarios adds those picked (widgets.RowOpener, OPEN).
PLAYLIST_REMOVE = ("Del",)
PLAYLIST_UP = ("Ctrl+Up",)
PLAYLIST_DOWN = ("Ctrl+Down",)
#: Qt's: Enter in the title or the class's list presses the dialog's default button, Start presentation (QDialog).
PLAYLIST_START = ("Enter",)
#: A presentation clicker's "start the show" key (F5, or Shift+F5 on some), as in the officer window.
PLAYLIST_CLICKER_START = (*PRESENT, *PLAYLIST)
#: Qt's, in All scenarios (QAbstractItemView's extended selection): Shift with a key that moves picks every scenario
#: from the one picked to where it lands; Ctrl with it moves and leaves the picks as they are, then Ctrl+Space or
#: Select picks the scenario in focus, or unpicks it; Ctrl+A picks them all. (In the class list, which holds one
#: pick, Shift or Ctrl with Home, End, PageUp or PageDown moves as the key alone does.)
PLAYLIST_MOVES = ("Up", "Down", "Home", "End", "PgUp", "PgDown")
PLAYLIST_PICK_TO = tuple(f"Shift+{key}" for key in PLAYLIST_MOVES)
PLAYLIST_MOVE_ONLY = tuple(f"Ctrl+{key}" for key in PLAYLIST_MOVES)
PLAYLIST_PICK_ONE = ("Ctrl+Space", *SELECT)
PLAYLIST_PICK_ALL = ("Ctrl+A",)
#: Qt's: Alt with a label's underlined letter (&Title, All &scenarios, This &class) goes to its box or list.
PLAYLIST_GO_TO = ("Alt+T", "Alt+S", "Alt+C")

_SHOWN = {"Left": "←", "Right": "→", "Up": "↑", "Down": "↓", "-": "−", "PgUp": "PageUp", "PgDown": "PageDown",
          "Del": "Delete"}


def shown(key: str) -> str:
    """How a key is written for people: Alt+← for Alt+Left, Ctrl+− (a minus sign) for Ctrl+-, PageDown."""
    head, plus, last = key.rpartition("+")
    if not last:  # Ctrl++: the key is the plus itself
        return key
    return f"{head}{plus}{_SHOWN.get(last, last)}"


#: How a line of Help → Keyboard keys writes a key: shown (Windows, Linux) or natively (macOS).
Writer = Callable[[str], str]


def natively(key: str) -> str:
    """A key as the platform writes it (Qt's native text): ⌘K on macOS for Ctrl+K, ⌥← for Alt+Left, ⌘ for Ctrl
    alone; Ctrl+K elsewhere. Enter, either Enter key, is written as Return, the key a Mac's keyboard has (↩)."""
    from PySide6.QtGui import QKeySequence

    if key in HELD:  # a modifier alone, as the platform writes it before a key: ⌘, Ctrl
        return natively(f"{key}+A")[:-1].rstrip("+")
    text = QKeySequence("Return" if key == "Enter" else key).toString(QKeySequence.SequenceFormat.NativeText)
    return text or key


def platform_writer(mac: bool = sys.platform == "darwin") -> Writer:
    """How this platform's Help → Keyboard keys writes a key: as macOS writes it (natively: ⌘K, ⌥←), or as the
    page always has on Windows and Linux (shown: Ctrl+K, Alt+←)."""
    return natively if mac else shown


def either(*keys: str, write: Writer = shown) -> str:
    return "  or  ".join(write(key) for key in keys)


def both(*keys: tuple[str, ...], write: Writer = shown) -> str:
    """The first key of each, side by side: Alt+←  /  Alt+→ for Back / forward."""
    return "  /  ".join(write(sequences[0]) for sequences in keys)


def listed(*keys: str, write: Writer = shown) -> str:
    """Keys that each do the same, in a list: →, PageDown, Space or N."""
    names = [write(key) for key in keys]
    return f"{', '.join(names[:-1])} or {names[-1]}" if len(names) > 1 else "".join(names)


def spaced(*keys: str, write: Writer = shown) -> str:
    """Keys that each do their part of one thing, side by side: ↑  ↓."""
    return "  ".join(write(key) for key in keys)


def modified(modifier: str, *keys: str, write: Writer = shown) -> str:
    """Keys each held with ``modifier``, the modifier written once, before the first: Shift+↑  ↓  Home  End."""
    return spaced(f"{modifier}+{keys[0]}", *keys[1:], write=write)


@cache
def qt_key(key: str) -> int:
    """``key`` (without modifiers) as the code a key handler is given (QKeyEvent.key())."""
    from PySide6.QtGui import QKeySequence  # on the first key pressed, never before the first frame

    return QKeySequence(key)[0].key().value


@cache  # asked at every key a window's handler is given
def qt_keys(keys: tuple[str, ...]) -> frozenset[int]:
    """The codes of ``keys``; "Enter" is both Enter keys, Return on the keyboard and Enter on the keypad."""
    return frozenset(qt_key(name) for key in keys for name in (("Return", "Enter") if key == "Enter" else (key,)))


def digits(first_last: tuple[int, int]) -> tuple[str, ...]:
    """The digit keys from the first to the last: ("1", …, "9")."""
    return tuple(str(n) for n in range(first_last[0], first_last[1] + 1))


def letters(first_last: tuple[str, str]) -> tuple[str, ...]:
    """The letter keys from the first to the last: ("A", …, "Z")."""
    return tuple(chr(code) for code in range(ord(first_last[0]), ord(first_last[1]) + 1))


def key_range(keys: tuple[str, ...], write: Writer = shown) -> str:
    """The first and last of keys in a row, as the page writes them: 1 – 9."""
    return f"{write(keys[0])} – {write(keys[-1])}"


@dataclass(frozen=True)
class KeysLine:
    """A line of Help → Keyboard keys: every key that does it (Qt's portable text, for the page's test), how the
    page writes them, and what they do."""

    keys: tuple[str, ...]
    named: str
    does: str


def platform_key(standard: str) -> str:
    """The platform's own key for one of Qt's standard keys ("Back", "Forward"), in Qt's portable text: the first
    of its keys (QKeySequence.keyBindings), the one a QKeySequence of it holds: Ctrl+[ on macOS (⌘[), Alt+Left on
    Windows and Linux; "" where it has none. Asked of the application's platform, once there is one."""
    from PySide6.QtGui import QKeySequence

    bindings = QKeySequence.keyBindings(getattr(QKeySequence.StandardKey, standard))
    return bindings[0].toString(QKeySequence.SequenceFormat.PortableText) if bindings else ""


def with_platform_key(own: tuple[str, ...], standard: str) -> tuple[str, ...]:
    """``own`` keys and the platform's own key for ``standard`` where it is another: what the window binds and
    Help → Keyboard keys names (macOS's Cmd+[ stepped back, and the page named Alt+← only)."""
    key = platform_key(standard)
    return own + ((key,) if key and key not in own else ())


def _back_forward(write: Writer) -> KeysLine:
    """Back / forward: Alt+← / Alt+→, and the platform's own pair where it has another (⌘[ / ⌘] on macOS)."""
    back, forward = with_platform_key(BACK, "Back"), with_platform_key(FORWARD, "Forward")
    named = both(BACK, FORWARD, write=write)
    if back[len(BACK):] or forward[len(FORWARD):]:
        named += "  or  " + "  /  ".join(natively(keys[-1]) for keys in (back, forward))
    return KeysLine(back + forward, named, "Back / forward")


def guide_keys(write: Writer = shown) -> tuple[KeysLine, ...]:
    """Help → Keyboard keys' lines for the guide: what each key does, in the order an officer meets them."""
    return (
        KeysLine(SEARCH, either(*SEARCH, write=write), "Search"),
        KeysLine((*PICK, OPEN[0]), f"{spaced(*PICK, write=write)}  then  {write(OPEN[0])}",
                 "Pick a search result or a situation"),
        KeysLine(OPEN, either(*OPEN, write=write), "Open the situation or result picked, or press the button in focus"),
        KeysLine(CLEAR_SEARCH, write(CLEAR_SEARCH[0]), "Clear the search; pressed again, back to the page"),
        KeysLine(digits(ANSWER_DIGITS), key_range(digits(ANSWER_DIGITS), write), "Answer the question on screen"),
        KeysLine(SELECT, write(SELECT[0]), "Press the button in focus, as Space does (a keypad's Select key)"),
        # a box's words (About, an update's changes or refusal, Revert, What's new, a problem report) are a Tab stop
        # that these keys and the arrows read (widgets.VScrollArea.read_by_keys)
        KeysLine((*READ, *PICK_FIVE), both(READ[:1], READ[1:], write=write),
                 "Read on / back in an answer, a rule, a list or a box's words (Tab to them first; "
                 f"{spaced(*PICK, write=write)} a line)"),
        KeysLine(FIRST_LAST, both(FIRST_LAST[:1], FIRST_LAST[1:], write=write),
                 "First / last in a list; the top / end of an answer, a rule or a box's words"),
        KeysLine(GROUP, spaced(*GROUP, write=write),
                 "In the list of situations: up to the heading of its group / back into it"),
        KeysLine(letters(LETTERS), key_range(letters(LETTERS), write),
                 "In a list: go to the next line that starts with the letters typed"),
        KeysLine(NEXT_PREVIOUS, both(NEXT_PREVIOUS[:1], NEXT_PREVIOUS[1:], write=write),
                 "Next / previous button, box or list"),
        _back_forward(write),
        KeysLine(HOME, write(HOME[0]), "Home"),
        KeysLine(LARGER_TEXT + SMALLER_TEXT + NORMAL_TEXT, both(LARGER_TEXT, SMALLER_TEXT, NORMAL_TEXT, write=write),
                 "Larger / smaller / normal text"),
        KeysLine(ABOUT, write(ABOUT[0]), "About and disclaimer"),
        KeysLine(REPORT, write(REPORT[0]), "Report a problem with this screen"),
        KeysLine(CLOSE_DIALOG, write(CLOSE_DIALOG[0]),
                 "Close the About box, this list of keys or a problem report (kept nowhere)"),
        KeysLine((*PRESENT, *PLAYLIST, *END_PRESENTING), both(PRESENT, PLAYLIST, write=write),
                 f"Present this situation / class playlist (trainers; {write(END_PRESENTING[0])} ends)"),
    )


def quiz_keys(write: Writer = shown) -> tuple[KeysLine, ...]:
    """The quiz's lines: its own keys, and those it shares with the guide."""
    return (
        KeysLine(digits(QUIZ_VERDICT_DIGITS), key_range(digits(QUIZ_VERDICT_DIGITS), write), "Pick the verdict"),
        KeysLine(tuple(QUIZ_ACTION_LETTERS), key_range(tuple(QUIZ_ACTION_LETTERS), write), "Pick the first thing to do"),
        KeysLine(QUIZ_ENTER, write(QUIZ_ENTER[0]),
                 "Check the answer; then, the next question (in the set-up: start; on the score: press the button in focus)"),
        KeysLine((*NEXT_PREVIOUS, OPEN[1], *SELECT), spaced(NEXT_PREVIOUS[0], OPEN[1], *SELECT, write=write),
                 "As in the guide: next button, press it"),
        KeysLine((*QUIZ_CLICKER_NEXT, *QUIZ_CLICKER_BACK), both(QUIZ_CLICKER_NEXT, QUIZ_CLICKER_BACK, write=write),
                 f"Read on / back; at the foot of a question, {write(QUIZ_CLICKER_NEXT[0])} does what "
                 f"{write(QUIZ_ENTER[0])} does (a presentation clicker's keys)"),
        KeysLine(QUIZ_ARROWS, spaced(*QUIZ_ARROWS, write=write),
                 "Next / previous answer or button; in the question, a line up / down"),
        KeysLine(QUIZ_GO_TO, spaced(*QUIZ_GO_TO, write=write),
                 "In the set-up: to Scenarios, Questions or Quiz number (the letter underlined)"),
        KeysLine(QUIZ_SITUATION, write(QUIZ_SITUATION[0]),
                 "In a short window: show or hide what happened"),
        KeysLine(LARGER_TEXT + SMALLER_TEXT + NORMAL_TEXT, both(LARGER_TEXT, SMALLER_TEXT, NORMAL_TEXT, write=write),
                 "As in the guide: larger / smaller / normal text (a projector shown from the back of the room)"),
    )


def slides_keys(write: Writer = shown) -> tuple[KeysLine, ...]:
    """The slides' lines (trainers presenting)."""
    return (
        KeysLine(SLIDE_NEXT, listed(*SLIDE_NEXT, write=write),
                 "Next: the answers, the outcome, the next scenario; with the answers shown, point at the next answer"),
        KeysLine((*SLIDE_PICK, *SLIDE_CLICKER_PICK), write(SLIDE_PICK[0]),
                 f"Pick the answer pointed at, else next (a two-button clicker: {listed(*SLIDE_CLICKER_PICK, write=write)}"
                 " picks)"),
        KeysLine(SLIDE_BACK, listed(*SLIDE_BACK, write=write), "Back one step"),
        KeysLine(digits(SLIDE_ANSWER_DIGITS), key_range(digits(SLIDE_ANSWER_DIGITS), write), "Pick that answer"),
        KeysLine(SLIDE_BLANK, either(*SLIDE_BLANK, write=write), "Blank the screen, or show it again"),
        KeysLine(SLIDE_RESTART, write(SLIDE_RESTART[0]), "Start this scenario again"),
        KeysLine(SLIDE_LAW, write(SLIDE_LAW[0]),
                 "On an answer: the law it cites, each with its title; again (or a key that steps) back to the answer"),
        KeysLine(FULL_SCREEN, write(FULL_SCREEN[0]), "Full screen on or off"),
        KeysLine(END_PRESENTING, write(END_PRESENTING[0]),
                 "End the presentation: the first press asks, the second ends (any other key goes on); on the end "
                 "slide, one press"),
        KeysLine(held(*SLIDE_NEXT, *SLIDE_BACK, *SLIDE_PICK, *digits(SLIDE_ANSWER_DIGITS), *SLIDE_BLANK, *SLIDE_RESTART,
                      *SLIDE_LAW, *FULL_SCREEN, *END_PRESENTING),
                 listed(*HELD, write=write), "Held with any of these keys: the same as the key alone (not Shift with 1–9 or .)"),
    )


def playlist_keys(write: Writer = shown) -> tuple[KeysLine, ...]:
    """The class playlist's lines (trainers picking and ordering a class's scenarios)."""
    others = listed(*PLAYLIST_MOVES[4:], write=write)
    return (
        KeysLine(OPEN, either(*OPEN, write=write), "In All scenarios: add the scenarios picked"),
        # the page names PageUp and PageDown in the words: six keys after Shift+ took half the page's width
        KeysLine(PLAYLIST_PICK_TO, modified("Shift", *PLAYLIST_MOVES[:4], write=write),
                 f"In All scenarios: pick every scenario from the one picked to there ({others} too)"),
        KeysLine(PLAYLIST_MOVE_ONLY, modified("Ctrl", *PLAYLIST_MOVES[:4], write=write),
                 f"In All scenarios: move, and keep the picks ({others} too)"),
        KeysLine(PLAYLIST_PICK_ONE, either(*PLAYLIST_PICK_ONE, write=write),
                 "In All scenarios: pick the scenario in focus too, or unpick it"),
        KeysLine(PLAYLIST_PICK_ALL, write(PLAYLIST_PICK_ALL[0]), "In All scenarios: pick them all"),
        KeysLine(PLAYLIST_REMOVE, write(PLAYLIST_REMOVE[0]), "In the class list: remove the scenario picked"),
        KeysLine(PLAYLIST_UP + PLAYLIST_DOWN, both(PLAYLIST_UP, PLAYLIST_DOWN, write=write),
                 "In the class list: move it up / down"),
        KeysLine(PLAYLIST_START, write(PLAYLIST_START[0]), "In the title or the class list: start the presentation"),
        KeysLine(PLAYLIST_CLICKER_START, either(*PLAYLIST_CLICKER_START, write=write),
                 "Anywhere in it: start the presentation (a presentation clicker's start key)"),
        KeysLine(PLAYLIST_GO_TO, spaced(*PLAYLIST_GO_TO, write=write),
                 "To the title, All scenarios or This class (the letter underlined)"),
        KeysLine(CLOSE_DIALOG, write(CLOSE_DIALOG[0]), "Close without presenting"),
        KeysLine((*NEXT_PREVIOUS, OPEN[1], *SELECT), spaced(NEXT_PREVIOUS[0], OPEN[1], *SELECT, write=write),
                 f"As in the guide: {write(NEXT_PREVIOUS[0])} to the next button, box or list; on a button, "
                 f"{write(OPEN[1])} or {write(SELECT[0])} presses it ({write(OPEN[0])} too)"),
        KeysLine((*PICK, *GROUP, *READ), spaced(*PICK, *GROUP, *READ, write=write),
                 "As in the guide: move in a list or between buttons; read on / back"),
        KeysLine((*FIRST_LAST, *letters(LETTERS)),
                 f"{spaced(*FIRST_LAST, write=write)}  {key_range(letters(LETTERS), write)}",
                 "As in the guide: first / last in a list; a line by its letters"),
    )


#: The quiz's, the slides' and the class playlist's lines as Windows and Linux write them (their windows bind the
#: lines' keys).
QUIZ_KEYS, SLIDES_KEYS, PLAYLIST_KEYS = quiz_keys(), slides_keys(), playlist_keys()


def sections(write: Writer | None = None) -> tuple[tuple[str, tuple[KeysLine, ...]], ...]:
    """Help → Keyboard keys, section by section: a heading and its lines, every key written as ``write`` writes
    it (by default, as this platform does: platform_writer)."""
    write = write or platform_writer()
    return (("In the guide", guide_keys(write)), ("In the quiz", quiz_keys(write)),
            ("Presenting the slides (trainers)", slides_keys(write)),
            ("The class playlist (trainers)", playlist_keys(write)))
