"""Which of an answer's provisions have been rescinded by a given day, and how to tell the officer.

A pack may be published with a rescission still to come (an announced one: ``check`` only warns). From
that day on, every answer resting on the provision must say so wherever it is shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from desktop.domain.model import (
    CAUTION_MARK,
    Citation,
    Outcome,
    Pack,
    Provision,
    on_partial_date,
    parse_partial_date,
)


def rescinded_on(provision: Provision) -> dt.date | None:
    """The first day ``provision`` may be rescinded (the earliest a partial date can mean), or None."""
    try:
        return parse_partial_date(provision.dates.rescinded)
    except (ValueError, TypeError):  # the validator refuses such a pack; never fail an answer over it
        return None


def when_rescinded(provision: Provision) -> str:
    """When ``provision`` is recorded as rescinded, in words: 'on 1 Sep 2026', 'in Sep 2026', 'in 2026' ('' if never)."""
    return on_partial_date(provision.dates.rescinded)


def _last_day(value: str) -> dt.date | None:
    """The last day a (partial) date can mean: '2026-09' → 30 Sep 2026, '2026' → 31 Dec 2026."""
    first = parse_partial_date(value)
    if first is None:
        return None
    parts = value.count("-")
    if parts == 2:
        return first
    if parts == 1:
        following = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(first.year, 12, 31)


def last_day_rescinded(provision: Provision) -> dt.date | None:
    """The last day ``provision``'s rescission date can mean ('2026-09' → 30 Sep 2026), or None (none, or unreadable)."""
    try:
        return _last_day(provision.dates.rescinded or "")
    except (ValueError, TypeError):
        return None


def surely_rescinded(provision: Provision, today: dt.date) -> bool:
    """True when ``provision`` was rescinded by ``today`` whatever day its date means: a full date on or
    before it, or a partial one ('2026-12') whose month or year has ended. From the first day a partial date
    can mean it is told as recorded, not as done (see rescission_status)."""
    last = last_day_rescinded(provision)
    return last is not None and last <= today


def rescission_status(provision: Provision, today: dt.date) -> str:
    """A provision rescinded by ``today``, in a few words for a result or a page: 'Rescinded on 1 Mar 2026: no
    longer the law', or, for a partial date whose month or year has not ended, 'Recorded as rescinded in Dec
    2026 (no day given): it may no longer be the law'. '' when it is not rescinded by then."""
    if not is_rescinded(provision, today):
        return ""
    if surely_rescinded(provision, today):
        return f"Rescinded {when_rescinded(provision)}: no longer the law"
    return f"Recorded as rescinded {when_rescinded(provision)} (no day given): it may no longer be the law"


class RescissionNotice(NamedTuple):
    """What is told of a provision's recorded rescission on a day, and how loudly."""

    kind: str  # "caution" from the day it may be rescinded, "info" before it, "" when none is recorded
    text: str  # without a final full stop: a result shows it as it is, a page adds to it


NO_NOTICE = RescissionNotice("", "")


def rescission_notice(provision: Provision, today: dt.date) -> RescissionNotice:
    """What a provision's page and its search result say of its recorded rescission on ``today``: from its day,
    a caution (rescission_status: 'Rescinded on 1 Mar 2026: no longer the law'); before it, for information,
    'To be rescinded on 1 Mar 2026: in force until then'; nothing when none is recorded."""
    status = rescission_status(provision, today)
    if status:
        return RescissionNotice("caution", status)
    if not provision.dates.rescinded:
        return NO_NOTICE
    return RescissionNotice("info", f"To be rescinded {when_rescinded(provision)}: in force until then")


def is_rescinded(provision: Provision, today: dt.date) -> bool:
    """True when ``provision`` has been rescinded on or before ``today``."""
    day = rescinded_on(provision)
    return day is not None and day <= today


@dataclass(frozen=True, slots=True)
class RescindedCitation:
    """A citation of an answer whose provision has been rescinded by the day asked about."""

    citation: str  # as the answer cites it, pinpoint included ("EO 2025-8", "5 ILCS 805/15(a)")
    provision: Provision
    on: dt.date
    sure: bool = True  # False for a partial date ('2026-12') whose month or year had not ended by the day asked

    @property
    def when(self) -> str:
        """'on 1 Sep 2026', or 'in Sep 2026' / 'in 2026' for a partial date."""
        return when_rescinded(self.provision)


def rescinded_citations(pack: Pack, cites: Outcome | Iterable[Citation], today: dt.date) -> tuple[RescindedCitation, ...]:
    """The citations of an outcome (or the citations given) whose provision was rescinded on or before
    ``today``, in the order cited, each provision once. A provision missing from the pack is left out."""
    found: list[RescindedCitation] = []
    seen: set[str] = set()
    for cite in cites.cites if isinstance(cites, Outcome) else cites:
        provision = pack.provision(cite.provision_id)
        if provision is None or provision.provision_id in seen:
            continue
        day = rescinded_on(provision)
        if day is not None and day <= today:
            seen.add(provision.provision_id)
            found.append(RescindedCitation(pack.citation_text(cite), provision, day,
                                           surely_rescinded(provision, today)))
    return tuple(found)


def rescission_warning(rescinded: Iterable[RescindedCitation], mark: bool = True) -> str:
    """What the officer is told near the verdict when an answer rests on rescinded law ('' when none)."""
    items = list(rescinded)
    if not items:
        return ""
    start = f"{CAUTION_MARK} " if mark else ""
    if len(items) == 1:
        first = items[0]
        done = f"was rescinded {first.when}" if first.sure else f"is recorded as rescinded {first.when} (no day given)"
        return f"{start}{first.citation} {done}. This answer rests on it and may no longer be right: call your supervisor."
    names = [f"{item.citation} ({item.when})" for item in items]
    listed = ", ".join(names[:-1]) + f" and {names[-1]}"
    return (f"{start}{listed} are recorded as rescinded. This answer rests on them and may no longer be right: "
            "call your supervisor.")
