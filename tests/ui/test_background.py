"""The one way the officer app works off the window's thread (desktop.ui.background): results arrive on the
receiver's thread, in order; nothing reaches a receiver destroyed or a job cancelled meanwhile; a failure is logged
and the receiver gets the caller's fallback; the thread never keeps the app from quitting."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from desktop.ui.background import BackgroundJob, run_in_background


def _receiver(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _held_job(receiver: QWidget) -> tuple[BackgroundJob[int, int], threading.Event, list[int]]:
    """A job over items 1 and 2 whose work waits for the event returned: the worker is busy until it is set. Its
    results arrive in the list returned."""
    release = threading.Event()
    arrived: list[int] = []

    def work(n: int) -> int:
        assert release.wait(10)
        return n

    job = run_in_background(receiver, "test-work", [1, 2], work, arrived.append, failed="test work failed",
                            fallback=lambda n: -n)
    return job, release, arrived


def test_each_result_arrives_on_the_receivers_thread_in_order(qtbot):
    receiver = _receiver(qtbot)
    arrived: list[tuple[int, str]] = []
    worked_on: list[str] = []

    def work(n: int) -> int:
        worked_on.append(threading.current_thread().name)
        return n * 10

    job = run_in_background(receiver, "test-work", [1, 2, 3], work,
                            lambda result: arrived.append((result, threading.current_thread().name)),
                            failed="test work failed", fallback=lambda n: -n)
    qtbot.waitUntil(lambda: len(arrived) == 3)
    assert arrived == [(10, "MainThread"), (20, "MainThread"), (30, "MainThread")]
    assert worked_on == ["test-work"] * 3, "never on the UI thread"
    assert job.thread is not None and job.thread.daemon, "quitting mid-work does not wait for it"
    job.thread.join(5)
    qtbot.waitUntil(lambda: not receiver.children(), timeout=5000)  # the finished job goes with its thread


def test_nothing_reaches_a_receiver_destroyed_meanwhile_and_the_rest_is_not_worked_on(qtbot):
    receiver = QWidget()
    release = threading.Event()
    started = threading.Event()
    arrived: list[int] = []
    worked: list[int] = []

    def work(n: int) -> int:
        worked.append(n)
        started.set()
        assert release.wait(10)
        return n

    job = run_in_background(receiver, "test-work", [1, 2], work, arrived.append, failed="test work failed",
                            fallback=lambda n: -n)
    assert started.wait(10)
    gone: list[bool] = []
    receiver.destroyed.connect(lambda *_: gone.append(True))
    receiver.deleteLater()
    qtbot.waitUntil(lambda: bool(gone))
    release.set()
    assert job.thread is not None
    job.thread.join(10)
    qtbot.wait(50)  # a result queued to the deleted receiver would be handled here
    assert arrived == [] and worked == [1], "the result in hand is dropped; the next item is not worked on"


def test_a_cancelled_job_delivers_nothing_more(qtbot):
    receiver = _receiver(qtbot)
    job, release, arrived = _held_job(receiver)
    job.cancel()
    release.set()
    assert job.thread is not None
    job.thread.join(10)
    qtbot.wait(50)
    assert arrived == [] and job.stopped


def test_a_failure_is_logged_and_the_receiver_gets_the_fallback(qtbot, caplog):
    receiver = _receiver(qtbot)
    arrived: list[int] = []

    def work(n: int) -> int:
        if n == 2:
            raise OSError("simulated")
        return n

    run_in_background(receiver, "test-work", [1, 2, 3], work, arrived.append, failed="test work failed",
                      fallback=lambda n: -n)
    qtbot.waitUntil(lambda: len(arrived) == 3)
    assert arrived == [1, -2, 3], "one failure does not stop the items after it"
    errors = [record for record in caplog.records if record.levelname == "ERROR"]
    assert [record.getMessage() for record in errors] == ["test work failed"]
    assert errors[0].exc_info is not None and "simulated" in caplog.text, "the error log has the traceback"
    assert errors[0].name.startswith("desktop."), "through the app's logger, which writes the error log"


def test_a_result_already_on_its_way_is_dropped_when_the_job_is_cancelled(qtbot):
    """What's new closed after a version was read but before the window got to show it."""
    receiver = _receiver(qtbot)
    arrived: list[int] = []
    job = run_in_background(receiver, "test-work", [1], lambda n: n, arrived.append, failed="test work failed",
                            fallback=lambda n: -n)
    assert job.thread is not None
    job.thread.join(10)  # the result is queued: no event has been handled since
    job.cancel()
    qtbot.wait(50)
    assert arrived == []


def test_a_cancelled_job_leaves_its_receiver(qtbot):
    """What's new cancels its reading on every close: each opening's job used to stay a child of the dialog."""
    receiver = _receiver(qtbot)
    job, release, arrived = _held_job(receiver)
    assert job in receiver.children()
    job.cancel()
    qtbot.waitUntil(lambda: not receiver.children(), timeout=5000)  # gone while the worker is still busy
    release.set()
    assert job.thread is not None
    job.thread.join(10)
    qtbot.wait(50)
    assert arrived == [] and job.stopped, "the worker finds the job stopped, and touches nothing deleted"
    job.cancel()  # twice, as a dialog closed again would: nothing to do, nothing raised


def test_a_job_cancelled_after_it_finished_is_left_alone(qtbot):
    """What's new closed after every version was read: its job has already gone."""
    receiver = _receiver(qtbot)
    arrived: list[int] = []
    job = run_in_background(receiver, "test-work", [1], lambda n: n, arrived.append, failed="test work failed",
                            fallback=lambda n: -n)
    qtbot.waitUntil(lambda: arrived == [1] and not receiver.children(), timeout=5000)
    job.cancel()
    qtbot.wait(20)
    assert job.stopped and arrived == [1]


def test_a_job_cancelled_after_its_receiver_was_destroyed_raises_nothing(qtbot):
    """The job goes with its receiver; a cancel after that (a holder of the job closing later) has nothing to leave.
    It asked the deleted job for its receiver and raised RuntimeError (Internal C++ object already deleted)."""
    import shiboken6

    receiver = QWidget()
    job, release, arrived = _held_job(receiver)
    shiboken6.delete(receiver)
    assert not shiboken6.isValid(job) and job.stopped, "the job went with its receiver"
    job.cancel()
    job.cancel()
    release.set()
    assert job.thread is not None
    job.thread.join(10)
    qtbot.wait(20)
    assert arrived == []
