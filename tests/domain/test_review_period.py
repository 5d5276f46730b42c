"""When a pack is out of date: one rule (desktop.domain.model.overdue_since) for the officer's app
(Meta.is_expired), the publish command's warning and the Publish dialog's note."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain.model import overdue_since, review_due_on


@pytest.mark.parametrize(("today", "overdue"), [
    (dt.date(2026, 5, 2), None),               # before the due day
    (dt.date(2026, 5, 3), None),               # on the due day the pack is still current
    (dt.date(2026, 5, 4), dt.date(2026, 5, 3)),  # from the day after, out of date since the due day
])
def test_a_pack_is_out_of_date_from_the_day_after_its_review_period_ends(today, overdue):
    as_of = dt.date(2026, 2, 2)
    assert review_due_on(as_of, 90) == dt.date(2026, 5, 3)
    assert overdue_since(as_of, 90, today) == overdue


def test_the_app_the_command_and_the_dialog_share_the_rule(mini_pack):
    meta = mini_pack.meta
    for offset in (-1, 0, 1):
        today = meta.expires_on + dt.timedelta(days=offset)
        assert meta.is_expired(today) == (overdue_since(meta.as_of, meta.expires_after_days, today) is not None)
    assert meta.expires_on == review_due_on(meta.as_of, meta.expires_after_days)
