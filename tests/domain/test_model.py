"""The domain model's small rules for how its words are shown."""

from __future__ import annotations

from desktop.domain.model import unbroken


def test_a_citation_keeps_its_name_on_one_line():
    """The score page split "Ord. O2021-117" at its space and "MCC 2-173-020(a)(3)" between "(a)" and "(3)".
    A citation's name is kept whole; a long phrase and what follows the name wrap as words do."""
    assert unbroken("Ord. O2021-117\u00a0⚠") == "Ord.\u00a0O2021-117\u00a0⚠"
    assert unbroken("18 U.S.C. § 111") == "18\u00a0U.S.C.\u00a0§\u00a0111"
    assert unbroken("MCC 2-173-020(a)(3)") == "MCC\u00a02-173-020(a)\u2060(3)"
    assert unbroken("MCC 2-173-020(b)-(c)") == "MCC\u00a02-173-020(b)-\u2060(c)"
    assert unbroken("EO 2025-6 (no joint operations)\u00a0⚠") == "EO\u00a02025-6 (no joint operations)\u00a0⚠"
    assert unbroken("EO 2025-8, scope: City-owned") == "EO\u00a02025-8, scope: City-owned"
    long = "Mayor's Office review of 4 June 2025 incident\u00a0⚠"
    assert unbroken(long) == long, "a phrase this long must wrap, or it would not fit a narrow window"
