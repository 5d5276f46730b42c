"""A control's name for assistive tech holds the words it shows (WCAG 2.5.3, label in name): an officer using
voice control says what is on the button ("press Copy as text"), and a screen reader user working beside a
sighted colleague hears the words the colleague sees."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QWidget

from desktop.ui.history import PROVISION, TERM, WIZARD, Location
from tests.ui.ui_helpers import search, settle

#: Where the words shown are the content, not the control's purpose (none now: the wizard's header, named for
#: what a press does, is named with the title it shows first).
CONTENT_SHOWN: set[str] = set()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _shown(widget: QWidget, iface: QAccessible) -> str:
    """The words a control shows: a push button's text, else its labels' (a WrapButton's children)."""
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.text()
    children = (iface.child(i) for i in range(iface.childCount()))
    return " ".join(c.text(QAccessible.Text.Name) for c in children if c and c.role() == QAccessible.Role.StaticText)


def _within(part: list[str], whole: list[str]) -> bool:
    return any(whole[i:i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def _labels_not_in_names(window) -> list[str]:
    """Each control in sight whose name holds neither its first words shown nor is itself part of them (as
    'Report a problem with this answer' is of 'Something wrong here? Report a problem with this answer…').
    The first five words: 'Based on 5 ILCS 805/15(a), … and 4 more' is named by the whole list."""
    wrong = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.objectName() in CONTENT_SHOWN:
            continue
        iface = QAccessible.queryAccessibleInterface(widget)
        shown, name = _words(_shown(widget, iface)), _words(iface.text(QAccessible.Text.Name))
        if not [w for w in shown if not w.isdigit()] or len(shown) == 1 and len(shown[0]) == 1:
            continue  # a glyph or 'A+' alone (◀, ✕, ☀): its name says what it does
        if not (_within(shown[:5], name) or _within(name, shown)):
            wrong.append(f"{widget.objectName()}: shows {_shown(widget, iface)!r}, named {iface.text(QAccessible.Text.Name)!r}")
    return wrong


def test_every_control_in_sight_is_named_with_the_words_it_shows(qtbot, window):
    window.resize(800, 600)
    window.set_text_step(6)
    wrong: list[str] = []
    search(qtbot, window, "warrant")
    wrong += _labels_not_in_names(window)
    window.search_field.clear()
    search(qtbot, window, "warrx")  # the words offered to tap
    wrong += _labels_not_in_names(window)
    window.start_scenario("S08")
    settle()
    wrong += _labels_not_in_names(window)  # a question, its answers, How to tell
    window.wizard_page.choose(2)
    window.wizard_page.choose(1)  # an outcome: its citations, Copy as text, Print…, Save as PDF…
    settle()
    assert window.wizard_page.findChild(QAbstractButton, "copyOutcomeButton").isVisible()
    wrong += _labels_not_in_names(window)
    window.wizard_page.findChildren(QAbstractButton, "linkButton")[0].click()  # ◀ Back to the answer
    settle()
    assert window.current_kind() == PROVISION
    wrong += _labels_not_in_names(window)
    window.navigate(Location(PROVISION, "IL-TRUST-15a"))  # Copy citation, related links
    settle()
    wrong += _labels_not_in_names(window)
    window.navigate(Location(TERM, "Administrative warrant"))
    settle()
    assert window.current_kind() == TERM and window.term_page.links.buttons
    wrong += _labels_not_in_names(window)
    window.go_home()
    settle()
    wrong += _labels_not_in_names(window)  # the situations
    assert not wrong, "\n".join(dict.fromkeys(wrong))


def test_the_wizard_header_shortened_or_whole_is_named_with_the_title_it_shows_first(qtbot, make_window):
    """On a short screen the wizard's header is a button (a press shows it whole, another shortens it): it was named
    "Situation and answers so far: press to show them whole", words it does not show, while it shows the situation's
    title (read only in its description). Its name now starts with that title; what a press does ends it."""
    from desktop.ui.data_loading import load_data

    window = make_window(data=load_data(None), with_index=False)
    window.resize(800, 600)
    window.set_text_step(6)
    window.navigate(Location(WIZARD, "S25", answers=("no", "yes", "unsure", "court")))  # the longest title
    settle()
    heading = window.wizard_page.heading
    assert heading.active and not heading.expanded, "shortened: a button"
    name = QAccessible.queryAccessibleInterface(heading).text(QAccessible.Text.Name)
    assert name.startswith("ICE at a hospital or ER: you're guarding") and name.endswith("press to show them whole")
    wrong = _labels_not_in_names(window)
    heading.click()
    settle()
    assert heading.expanded
    name = QAccessible.queryAccessibleInterface(heading).text(QAccessible.Text.Name)
    assert name.startswith("ICE at a hospital or ER: you're guarding") and name.endswith("press to shorten them")
    wrong += _labels_not_in_names(window)
    assert not wrong, "\n".join(dict.fromkeys(wrong))
    described = QAccessible.queryAccessibleInterface(heading).text(QAccessible.Text.Description)
    assert described.startswith("Your answers: ") and "ICE at a hospital" not in described, "the title heard once"
