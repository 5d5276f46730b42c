"""The domain model's small rules for how its words are shown."""

from __future__ import annotations

import dataclasses
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.model import CAUTION_MARK, plain_spaces, unbroken


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


def test_a_pinpoint_after_a_citations_name_keeps_its_sign_with_its_number():
    """What follows a name wraps as words do, and the FORCE handout printed "P.A. 101-0019, §" at a line's end and
    "5(c)" at the next's start; "§", "Art." and "No." now stay with their number, in a long citation too."""
    assert unbroken("P.A. 101-0019, § 5(c)") == "P.A.\u00a0101-0019, §\u00a05(c)"
    assert unbroken("P.A. 104-0440, Art. 5\u00a0⚠") == "P.A.\u00a0104-0440, Art.\u00a05\u00a0⚠"
    assert unbroken("P.A. 104-0440, Arts. 15, 20, 25") == "P.A.\u00a0104-0440, Arts.\u00a015, 20, 25"
    long = "Chicago Headline Club v. Noem, No. 1:25-cv-12173 (N.D. Ill.)"
    assert unbroken(long) == long.replace("No. 1", "No.\u00a01"), "the name wraps, but not inside its number"
    assert unbroken("EO 2025-8, scope: City-owned or City-controlled lots") == (
        "EO\u00a02025-8, scope: City-owned or City-controlled lots"), "words without a number wrap as before"


def test_plain_spaces_gives_back_the_words_unbroken_kept_on_one_line():
    """What a screen reader is told (the quiz's law, the slides): the citation as written, with plain spaces."""
    for citation in ("MCC 2-173-020(a)(3)", "MCC 2-173-020(b)-(c)", "P.A. 101-0019, § 5(c)", "18 U.S.C. § 111",
                     "EO 2025-6 (no joint operations)"):
        assert plain_spaces(unbroken(citation)) == citation
        assert plain_spaces(unbroken(f"{citation}\u00a0{CAUTION_MARK}")) == f"{citation} {CAUTION_MARK}"


def test_provisions_named_by_id_in_words_are_found_and_spelt_out_as_citations(bundled):
    """The pack's notes say "see LIT-USvIL-2025"; an officer reads the suit's citation. The longest id wins
    ("MCC-2-173-020(a)(1)", not "MCC-2-173-020(a)" and "(1)"), the ")" or "." after an id is not part of it,
    and an id inside a longer word is no id."""
    pack = bundled.pack
    text = ("was found (see LIT-USvIL-2025). Read MCC-2-173-020(a)(1) and US-8USC1373 (and MCC-2-173-020(a)), "
            "not XLIT-USvIL-2025.")
    assert pack.provisions_named_in(text, "again LIT-USvIL-2025") == [
        "LIT-USvIL-2025", "MCC-2-173-020(a)(1)", "US-8USC1373", "MCC-2-173-020(a)"]
    assert pack.spelt_out(text) == ("was found (see U.S. v. Illinois, No. 1:25-cv-01285 (N.D. Ill.)). Read "
                                    "MCC 2-173-020(a)(1) and 8 U.S.C. § 1373 (and MCC 2-173-020(a)), "
                                    "not XLIT-USvIL-2025.")
    assert pack.spelt_out("no id here") == "no id here"


def test_spelling_out_ids_moves_the_marks_with_their_words(bundled):
    """A search's highlights stay on their words where an id before them became a longer citation; one
    within an id marks the whole citation."""
    pack = bundled.pack
    text = "detainers (see LIT-USvIL-2025). Log every detainer"
    spans = ((0, 9), (19, 24), (42, 50))  # "detainers", "USvIL" within the id, "detainer"
    spelt, moved = pack.spelt_out_marked(text, spans)
    assert [spelt[a:b] for a, b in moved] == ["detainers", "U.S. v. Illinois, No. 1:25-cv-01285 (N.D. Ill.)", "detainer"]
    assert pack.spelt_out_marked("no id", ((0, 2),)) == ("no id", ((0, 2),))



_IDS = ("LIT-USvIL-2025", "MCC-2-173-020(a)", "MCC-2-173-020(a)(1)", "MCC-2-173-020(b)-(c)", "CHI-EO-2025-6.A",
        "US-8USC1373", "a_b.c", "X")
_ID_TEXTS = st.lists(st.one_of(st.sampled_from(_IDS), st.sampled_from(list(" ()._-xX1aA.")),
                               st.text(alphabet="ab1_.()-", max_size=4)), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_ID_TEXTS)
def test_the_quick_pass_over_a_text_never_misses_an_id_it_names(mini_pack, text):
    """A search index spells out only the snippets of documents whose words may name a provision by id, as
    found in one pass in C over each (Pack.names_an_id: each run less a trailing ")", "." or "-", against the
    ids so trimmed). It must never pass over one that names an id: with the ")" or "." after it, an id that
    ends in ")", one inside another's run."""
    template = mini_pack.provisions[0]
    pack = dataclasses.replace(mini_pack, provisions=tuple(dataclasses.replace(template, provision_id=i) for i in _IDS))
    assert pack.names_an_id(text) or not pack.provisions_named_in(text)
    assert pack.names_an_id(text) == any(run.rstrip(").-") in {i.rstrip(").-") for i in _IDS}
                                         for run in re.findall(r"(?<![A-Za-z0-9._-])[A-Za-z0-9][A-Za-z0-9._()-]*", text))
