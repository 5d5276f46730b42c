"""Touch scrolling for a scroll area, with no click at the end of a drag.

Imported only after the first frame (``widgets.first_frame_shown``): ``QScroller`` is a type PySide builds
with its enums on first use, and grabbing a gesture hands Python a ``Qt.GestureType``.

A touch that starts on a button or a list row reaches it as a mouse press (Qt makes one from the touch the
widget does not take itself), and the scroller moves the content with the finger, so the lift landed on the
same button or row and counted as a click: dragging the question answered it, dragging the results opened
one. So while a touch is down on the area, the widget that got its press is noted; when the touch becomes a
drag, that widget is told the press ended away from it, and the rest of the touch's mouse events are
swallowed until the finger lifts. (Watching takes an application event filter, installed only while a finger
is down.)"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScroller, QWidget

_SWALLOWED = (QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick)
_AWAY = QPointF(-100_000, -100_000)


class _DragWithoutClick(QObject):
    """Watches one scroll area's touches; see the module's note."""

    def __init__(self, area: QAbstractScrollArea) -> None:
        super().__init__(area)
        self._area = area
        self._holder: QWidget | None = None  # the widget the touch's mouse press went to
        self._watching = self._swallowing = False
        self._viewport = area.viewport()  # kept: the same wrapper is compared in eventFilter
        self._viewport.installEventFilter(self)
        QScroller.scroller(self._viewport).stateChanged.connect(self._state_changed)

    def _inside(self, widget: QObject) -> bool:
        return isinstance(widget, QWidget) and (widget is self._area or self._area.isAncestorOf(widget))

    def _watch(self, on: bool) -> None:
        if on != self._watching:
            self._watching = on
            app = QApplication.instance()
            app.installEventFilter(self) if on else app.removeEventFilter(self)
        if not on:
            self._holder, self._swallowing = None, False

    def _state_changed(self, state: QScroller.State) -> None:
        if state != QScroller.State.Dragging or self._swallowing or self._holder is None:
            return
        # the press ends away from the widget that has it: a button comes up unclicked, a row unopened
        QApplication.sendEvent(self._holder, QMouseEvent(QEvent.Type.MouseButtonRelease, _AWAY, _AWAY,
                                                         Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton,
                                                         Qt.KeyboardModifier.NoModifier))
        self._swallowing = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == QEvent.Type.TouchBegin and watched is self._viewport:
            self._watch(True)  # a finger is down: note where its mouse press goes
            return False
        if not self._watching or not self._inside(watched):
            return False
        if kind == QEvent.Type.MouseButtonPress and self._holder is None:
            self._holder = watched
            return False
        # The finger's own events are those Qt makes from the touch; the scroller sends a release of its own
        # when the press turns into a drag (it does not stop the click), which is let through.
        from_finger = isinstance(event, QMouseEvent) and event.source() == Qt.MouseEventSource.MouseEventSynthesizedByQt
        if self._swallowing and kind in _SWALLOWED and from_finger:
            if kind == QEvent.Type.MouseButtonRelease:
                self._watch(False)  # the finger lifted: the touch is over
            return True
        if kind == QEvent.Type.MouseButtonRelease and from_finger:  # a tap: it clicks as it should
            self._watch(False)
        return False


def grab(area: QAbstractScrollArea) -> None:
    """Let a touch drag scroll ``area``; a drag never clicks what it started on."""
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    if area.findChild(_DragWithoutClick, options=Qt.FindChildOption.FindDirectChildrenOnly) is None:
        _DragWithoutClick(area)
