"""Work off the window's thread: the one way the officer app runs something slow (building the search index,
checking the watched folder, reading past data versions for What's new) without freezing the window.

:func:`run_in_background` runs the work in a daemon thread (quitting mid-work exits at once) and hands each result
to the receiver on the thread the receiver lives on, through a queued signal. A result is dropped, never delivered,
once the receiver is destroyed, the job is cancelled or the app is quitting. Work that raises is logged (the error
log has it, the officer never sees a traceback) and the receiver gets the fallback the caller chose instead."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.ui.lazy_qt import Qt

log = logging.getLogger(__name__)

Item = TypeVar("Item")
Result = TypeVar("Result")


class BackgroundJob(QObject, Generic[Item, Result]):
    """One run of :func:`run_in_background`: a child of its receiver, so it goes when the receiver goes."""

    _arrived = Signal(object)

    def __init__(self, receiver: QObject, deliver: Callable[[Result], None]) -> None:
        super().__init__(receiver)
        self._deliver = deliver
        #: set when the job is cancelled or its receiver destroyed: nothing more is delivered or worked on
        self._stopped = threading.Event()
        #: held while a result is handed over, and while the job is stopped: a receiver being destroyed waits for a
        #: hand-over in progress, and no hand-over starts after it (an emit on a deleted relay is never attempted)
        self._handing_over = threading.Lock()
        self.thread: threading.Thread | None = None
        self._left = False
        #: set when the receiver is destroyed: the job went with it (a Qt object no more, nothing to leave)
        self._receiver_gone = threading.Event()
        stopped, lock, gone = self._stopped, self._handing_over, self._receiver_gone

        def receiver_destroyed(*_: object) -> None:  # no reference to the job: it is being deleted with the receiver
            with lock:
                stopped.set()
            gone.set()

        self._receiver_destroyed = receiver_destroyed
        receiver.destroyed.connect(receiver_destroyed)
        self._arrived.connect(self._hand_over, Qt.ConnectionType.QueuedConnection)

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def cancel(self) -> None:
        """Deliver nothing more and work on no further item (the item in hand is finished, then dropped). The job
        then leaves its receiver: a dialog that reads in the background and is cancelled on every close would
        otherwise gather one stopped job per opening for as long as it lives. Call it on the receiver's thread."""
        with self._handing_over:
            self._stopped.set()
        self._leave_receiver()

    def _leave_receiver(self) -> None:
        """Out of the receiver's children and its destroyed signal, deleted once back in the event loop (a result
        queued meanwhile goes with it). The worker only reads the job's Python state from then on. Once only: a job
        cancelled after it finished, or twice, has left already; one whose receiver was destroyed went with it (asked
        for its parent, the deleted job raised RuntimeError)."""
        if self._left or self._receiver_gone.is_set():
            return
        self._left = True
        receiver = self.parent()
        if receiver is not None:
            receiver.destroyed.disconnect(self._receiver_destroyed)
        self.deleteLater()

    def _send(self, result: Result) -> bool:
        """From the worker thread: queue ``result`` for the receiver's thread. False when it was dropped."""
        with self._handing_over:
            if self._stopped.is_set() or _quitting():
                return False
            try:
                self._arrived.emit(result)
            except RuntimeError:  # deleted all the same (e.g. by Qt at exit, without its destroyed signal)
                self._stopped.set()
                return False
        return True

    def _hand_over(self, result: Result) -> None:  # on the receiver's thread
        if result is _FINISHED:  # every item done and delivered: the job is not needed any more
            self._leave_receiver()
        elif not self._stopped.is_set():
            self._deliver(result)


_FINISHED = object()


def _quitting() -> bool:
    app = QCoreApplication.instance()
    return app is None or QCoreApplication.closingDown()


def run_in_background(receiver: QObject, name: str, items: Iterable[Item], work: Callable[[Item], Result],
                      deliver: Callable[[Result], None], *, failed: str,
                      fallback: Callable[[Item], Result]) -> BackgroundJob[Item, Result]:
    """Call ``work(item)`` for each of ``items`` in turn in a daemon thread named ``name``, and ``deliver`` each result
    on ``receiver``'s thread, in order. An item whose work raises is logged as ``failed`` and delivers
    ``fallback(item)``. Nothing is delivered to a destroyed receiver, after :meth:`BackgroundJob.cancel` or while the
    app quits; the items not yet worked on are then skipped. Call it on the receiver's thread."""
    job: BackgroundJob[Item, Result] = BackgroundJob(receiver, deliver)
    todo = list(items)

    def run() -> None:
        for item in todo:
            if job._stopped.is_set():
                return
            try:
                result = work(item)
            except Exception as exc:  # never a traceback for an officer; the error log has it
                log.error(failed, exc_info=exc)
                result = fallback(item)
            if not job._send(result):
                return
        job._send(_FINISHED)

    job.thread = threading.Thread(target=run, name=name, daemon=True)
    job.thread.start()
    return job
