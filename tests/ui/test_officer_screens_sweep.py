"""Every officer screen, swept for a low-vision officer on a screen reader and one driving the in-car laptop by
keyboard: Home, search results, each step of two situations, their outcome, a provision, the top bar's settings
(theme and text size, or the Menu that holds them on an 800-pixel screen) and the About box. On each screen every
control Tab can reach has a name the accessibility layer gives a screen reader, Tab goes round every control in
the order the screen is read (top bar, banners, then the page, down each column), and the control with the keys
always shows that it has them: in sight, and painted otherwise than without the focus."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QLineEdit,
    QWidget,
)

from desktop.domain import wizard
from desktop.ui.data_loading import load_data
from desktop.ui.history import HOME, PROVISION, SEARCH, WIZARD, Location
from desktop.ui.settings import TEXT_STEP_MAX
from tests.ui.ui_helpers import activate, settle

#: Kinds of widget an officer presses, types in or picks from: each must be reachable by Tab.
CONTROLS = (QAbstractButton, QLineEdit, QAbstractItemView, QComboBox)

#: Most Tab presses one round of a screen may take (the longest provision has a few dozen links).
MOST_TABS = 300


def _name(widget: QWidget) -> str:
    """What a screen reader says a widget is called: its accessible interface's name (an accessible name set,
    else Qt's fallback: a button's or label's text)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return (interface.text(QAccessible.Text.Name) or "").strip() if interface is not None else ""


def _shown(window: QWidget, widget: QWidget) -> bool:
    return widget.isVisible() and widget.isEnabled() and widget.window() is window


def _reachable(window: QWidget) -> list[QWidget]:
    """The controls of ``window`` Tab should visit: shown, enabled, taking the focus from Tab."""
    return [w for w in window.findChildren(QWidget)
            if _shown(window, w) and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None]


def _reading_place(window: QWidget, widget: QWidget) -> QRect:
    """Where ``widget`` is on the screen as written: in the window, every view around it scrolled to its top.
    Taken before any Tab scrolls a view."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    area = widget.parentWidget()
    while area is not None and area is not window:
        if isinstance(area, QAbstractScrollArea) and area.viewport().isAncestorOf(widget):
            top_left += QPoint(area.horizontalScrollBar().value(), area.verticalScrollBar().value())
        area = area.parentWidget()
    return QRect(top_left, widget.size())


def _region(window, widget: QWidget) -> int:
    """0 the top bar, 1 the banners, 2 the page, 3 anything else (a dialog's own controls: 2 as well)."""
    for number, part in enumerate((window.top_bar, window.banner_area)):
        if part.isAncestorOf(widget):
            return number
    return 2


def _in_sight(window: QWidget, widget: QWidget) -> bool:
    """Some of ``widget`` shows: inside the window, and inside every scrolled view around it."""
    shown = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            viewport = parent.viewport()
            shown &= QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size())
        parent = parent.parentWidget()
    return not (shown & window.rect()).isEmpty()


def _image(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def _tab_round(qtbot, window: QWidget, screen: str, regions: Callable[[QWidget], int]) -> list[str]:
    """Tab once round ``window`` from its focus; the problems met on the way."""
    problems: list[str] = []
    expected = _reachable(window)
    places = {id(w): _reading_place(window, w) for w in expected}
    assert expected, f"{screen}: nothing to press"
    for widget in expected:
        if not _name(widget):
            problems.append(f"{screen}: {type(widget).__name__} {widget.objectName()!r} has no name a screen reader says")
    unreachable = [w for w in window.findChildren(QWidget) if isinstance(w, CONTROLS) and _shown(window, w)
                   and not w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None
                   and getattr(w, "active", True)]  # the wizard's heading takes presses only with words cut short
    problems += [f"{screen}: {type(w).__name__} {w.objectName()!r} ({_name(w)!r}) can be tapped but never reached "
                 "with Tab" for w in unreachable]
    for view in window.findChildren(QAbstractScrollArea):
        if (_shown(window, view) and view.verticalScrollBar().maximum() > 0 and view not in expected
                and not any(view.isAncestorOf(w) for w in expected)):
            problems.append(f"{screen}: {view.objectName()!r} runs past the screen and no key reaches it to scroll it")
    start = window.focusWidget()
    assert start is not None, f"{screen}: nothing has the keys"
    seen: list[QWidget] = []
    for _ in range(MOST_TABS):
        before = window.focusWidget()
        unfocused = None
        qtbot.keyClick(before, Qt.Key.Key_Tab)
        focus = window.focusWidget()
        if focus is before and expected == [before]:
            break  # one control alone: Tab stays on it
        if focus is None or focus is before:
            problems.append(f"{screen}: Tab from {before.objectName()!r} went nowhere")
            break
        if focus is start or focus in seen:
            break
        seen.append(focus)
        where = f"{screen}: {type(focus).__name__} {focus.objectName()!r} ({_name(focus)[:40]!r})"
        if not _in_sight(window, focus):
            problems.append(f"{where} has the keys out of sight")
        if isinstance(focus, QAbstractItemView):
            continue  # a list shows the keys on its current row, drawn by its delegate (test_accessibility)
        focused = _image(focus)
        focus.clearFocus()
        unfocused = _image(focus)
        focus.setFocus(Qt.FocusReason.TabFocusReason)
        if focused == unfocused:
            problems.append(f"{where} looks the same with the keys as without them")
    else:
        problems.append(f"{screen}: Tab went round {MOST_TABS} times without coming back")
    seen = [start, *seen] if start in expected else seen
    missed = [w for w in expected if w not in seen]
    problems += [f"{screen}: Tab never reaches {type(w).__name__} {w.objectName()!r} ({_name(w)[:40]!r})" for w in missed]
    # reading order: the top bar, the banners, the page; within a region, never back up a column
    order = [w for w in seen if id(w) in places]
    runs = [regions(w) for w in order]
    first = next(i for i, run in enumerate(runs) if run == min(runs) and runs[i - 1] != run) if len(set(runs)) > 1 else 0
    rotated = runs[first:] + runs[:first]
    if rotated != sorted(rotated):
        problems.append(f"{screen}: Tab goes between the top bar, the banners and the page out of order: {rotated}")
    for a, b in zip(order, order[1:], strict=False):
        pa, pb = places[id(a)], places[id(b)]
        same_column = pa.left() < pb.right() and pb.left() < pa.right()
        if regions(a) == regions(b) and same_column and pb.bottom() < pa.top():
            problems.append(f"{screen}: Tab goes up from {a.objectName()!r} ({_name(a)[:30]!r}) to "
                            f"{b.objectName()!r} ({_name(b)[:30]!r})")
    return problems


def _answers_to_outcome(pack, scenario_id: str, first: tuple[str, ...]) -> tuple[str, ...]:
    state = wizard.replay(pack, scenario_id, first)
    while wizard.outcome(pack, state) is None:
        state = wizard.answer(pack, state, wizard.current_node(pack, state).choices[0].key)
    return state.keys


@pytest.mark.parametrize(("size", "theme", "step"), [((1024, 600), "night", TEXT_STEP_MAX),
                                                    ((776, 576), "contrast", TEXT_STEP_MAX),
                                                    ((1280, 800), "day", 0)])
def test_every_officer_screen_is_named_reached_by_tab_in_reading_order_and_shows_the_focus(
        qtbot, make_window, monkeypatch, size, theme, step):
    from desktop.ui.about_dialog import AboutDialog

    monkeypatch.setattr(AboutDialog, "exec", AboutDialog.show)  # shown, not run modal: the test drives it
    data = load_data(None)
    pack = data.loaded.pack
    window = make_window(data=data, today=pack.meta.as_of)
    window.set_theme(theme)
    window.set_text_step(step)
    window.resize(*size)
    activate(qtbot, window)

    def regions(widget: QWidget) -> int:
        return _region(window, widget)

    problems: list[str] = []

    def sweep(screen: str) -> None:
        settle()
        activate(qtbot, window)  # the focus shows, and Tab works, in the active window only
        page = window.stack.currentWidget()
        if window.focusWidget() is None or not window.focusWidget().isVisible():
            page.setFocus()
        problems.extend(_tab_round(qtbot, window, screen, regions))

    window.navigate(Location(HOME))
    sweep("Home")
    window.navigate(Location(SEARCH, "warrant"))
    window.search_page.flush()
    sweep("Search results")
    for scenario_id, first in (("S01", ("no",)), ("S08", ())):
        answers = _answers_to_outcome(pack, scenario_id, first)
        for done in range(len(answers)):
            window.navigate(Location(WIZARD, scenario_id, answers=answers[:done]))
            sweep(f"{scenario_id} step {done + 1}")
        window.navigate(Location(WIZARD, scenario_id, answers=answers))
        sweep(f"{scenario_id} outcome")
        cited = window.wizard_page.card.cites.buttons[0].property("target")
    window.navigate(Location(PROVISION, cited))
    sweep(f"Provision {cited}")
    assert window.current_kind() == PROVISION

    # Settings: the theme and text-size buttons of the top bar, or on a narrow screen the Menu holding the themes
    compact = window.menu_button.isVisible()
    settings = [window.smaller_button, window.larger_button,
                *([window.menu_button] if compact else window.theme_buttons.values())]
    for control in settings:
        if control.isEnabled() and not _name(control):
            problems.append(f"Settings: {control.objectName()!r} has no name")
    if compact:
        menu = window.compact_menu
        problems += [f"Settings: the Menu's {act.objectName()!r} has no words" for act in menu.actions()
                     if not act.isSeparator() and not (act.text() or (act.menu() and act.menu().title())).strip()]

    for box in (window.open_about(), window.show_keys()):
        qtbot.waitExposed(box)
        box.activateWindow()
        qtbot.waitUntil(box.isActiveWindow, timeout=2000)
        problems.extend(_tab_round(qtbot, box, box.windowTitle(), lambda widget: 2))
        box.close()
    assert not problems, "\n".join(problems)
