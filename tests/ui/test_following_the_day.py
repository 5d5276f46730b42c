"""The officer window follows the real day while it stays open (an in-car laptop keeps it open for days): the
out-of-date notice and the status bar's OUT OF DATE come on the day the update is due, not only at start-up."""

from __future__ import annotations

import datetime as dt
import gc
import weakref

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from desktop.domain.model import format_day
from desktop.ui import main_window
from desktop.ui.main_window import MainWindow
from desktop.ui.themes import Themes

DUE = dt.date(2026, 5, 3)  # the mini pack's update is due 3 May 2026: out of date from the 4th
OUT_OF_DATE = DUE + dt.timedelta(days=1)


class Clock:
    """A day the test moves on, given to the window as its clock."""

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


def _expired_banners(window):
    return [b for b in window.banners if b.objectName() == "expiredBanner"]


def _after_first_frame(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.findChild(object, "dayTimer") is not None, timeout=3000)


def test_the_out_of_date_notice_comes_on_the_due_day_with_the_app_left_open(qtbot, make_window):
    clock = Clock(DUE)
    window = make_window(today=clock)
    assert not _expired_banners(window) and "OUT OF DATE" not in window.status_label.text()
    clock.day = OUT_OF_DATE  # overnight, the app still open
    window.open_provision("CHI-EO-2025-8")  # the next screen the officer opens
    [banner] = _expired_banners(window)
    assert banner.isVisible() and window.banner_area.isVisible()
    assert banner.text().startswith("Out-of-date data: it is as of 2 Feb 2026, and an update was due 3 May 2026.")
    assert window.banners[0] is banner, "first, as when the app starts on an out-of-date pack"
    status = window.status_label.text()
    assert "OUT OF DATE" in status and "update was due 3 May 2026" in status


def test_the_day_is_checked_again_when_the_app_becomes_active(qtbot, make_window):
    clock = Clock(DUE)
    window = make_window(today=clock)
    _after_first_frame(qtbot, window)
    clock.day = OUT_OF_DATE
    QGuiApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert [b.isVisible() for b in _expired_banners(window)] == [True]
    assert "OUT OF DATE" in window.status_label.text()


def test_the_day_is_checked_again_after_midnight(qtbot, make_window):
    clock = Clock(DUE)
    window = make_window(today=clock)
    _after_first_frame(qtbot, window)
    timer = window.findChild(object, "dayTimer")
    assert timer.isActive() and timer.isSingleShot() and 0 < timer.remainingTime() <= 86_401_000
    clock.day = OUT_OF_DATE
    timer.timeout.emit()
    assert [b.isVisible() for b in _expired_banners(window)] == [True]
    assert "OUT OF DATE" in window.status_label.text()
    assert timer.isActive(), "armed again for the midnight after"


def test_a_notice_put_away_stays_away_on_later_days(qtbot, make_window):
    clock = Clock(OUT_OF_DATE)
    window = make_window(today=clock)
    [banner] = _expired_banners(window)
    qtbot.mouseClick(banner.findChild(QPushButton, "expiredOkButton"), Qt.MouseButton.LeftButton)
    clock.day += dt.timedelta(days=1)
    window.open_provision("CHI-EO-2025-8")
    assert _expired_banners(window) == [banner] and not banner.isVisible() and not window.banner_area.isVisible()
    assert "OUT OF DATE" in window.status_label.text(), "the status bar keeps it"


def test_a_clock_set_back_takes_the_notice_away(qtbot, make_window):
    clock = Clock(OUT_OF_DATE)
    window = make_window(today=clock)
    assert _expired_banners(window)
    clock.day = DUE
    window.open_provision("CHI-EO-2025-8")
    assert not _expired_banners(window) and not window.banner_area.isVisible()
    assert "OUT OF DATE" not in window.status_label.text()


@pytest.mark.parametrize(("now", "ms"), [
    (dt.datetime(2026, 5, 3, 23, 59, 59, 500_000), 1_500),
    (dt.datetime(2026, 5, 3, 0, 0, 0), 86_401_000),
    (dt.datetime(2026, 5, 3, 12, 0, 0), 43_201_000),
])
def test_the_midnight_timer_fires_just_after_midnight(now, ms):
    assert main_window.ms_until_next_day(now) == ms


def test_the_receipt_of_whats_new_is_dated_the_day_it_is_printed(qtbot, make_window):
    clock = Clock(DUE)
    window = make_window(today=clock)
    clock.day = OUT_OF_DATE
    window.whats_new_action.trigger()
    assert f"Printed on:    {format_day(OUT_OF_DATE)}" in window.whats_new_dialog.receipt_text()


def test_a_window_closed_for_good_is_not_kept_alive_by_the_application(qtbot, mini_data, settings):
    """The app's state signal (the day checked when the app becomes active) lets the window go with it."""
    window = MainWindow(mini_data, settings, Themes(), today=DUE)
    window.show()
    qtbot.waitExposed(window)
    _after_first_frame(qtbot, window)
    gone = weakref.ref(window)
    window.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(gone()), timeout=3000)  # its C++ side deleted
    del window
    gc.collect()
    assert gone() is None
