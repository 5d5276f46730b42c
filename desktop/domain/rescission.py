"""Which of an answer's provisions have been rescinded by a given day, and how to tell the officer.

A pack may be published with a rescission still to come (an announced one: ``check`` only warns). From
that day on, every answer resting on the provision must say so wherever it is shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.domain.model import (
    CAUTION_MARK,
    Citation,
    Outcome,
    Pack,
    Provision,
    format_partial_date,
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
    value = provision.dates.rescinded or ""
    if not value:
        return ""
    return f"{'on' if value.count('-') == 2 else 'in'} {format_partial_date(value)}"


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
            found.append(RescindedCitation(pack.citation_text(cite), provision, day))
    return tuple(found)


def rescission_warning(rescinded: Iterable[RescindedCitation], mark: bool = True) -> str:
    """What the officer is told near the verdict when an answer rests on rescinded law ('' when none)."""
    items = list(rescinded)
    if not items:
        return ""
    start = f"{CAUTION_MARK} " if mark else ""
    if len(items) == 1:
        first = items[0]
        return (f"{start}{first.citation} was rescinded {first.when}. This answer rests on it and may no longer "
                "be right: call your supervisor.")
    names = [f"{item.citation} ({item.when})" for item in items]
    listed = ", ".join(names[:-1]) + f" and {names[-1]}"
    return (f"{start}{listed} have been rescinded. This answer rests on them and may no longer be right: "
            "call your supervisor.")
