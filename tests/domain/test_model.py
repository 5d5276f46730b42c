"""The domain model's small rules for how its words are shown."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import model
from desktop.domain.model import CAUTION_MARK, plain_spaces, unbroken, unbroken_with_note


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


def test_a_slides_citation_keeps_its_bracketed_note_whole_and_with_it():
    """A slide split "[subsection letter" from "unverified]", and the note from "5 ILCS 805/15(g)"."""
    assert unbroken_with_note("5 ILCS 805/15(g) [subsection letter unverified]\u00a0⚠") == (
        "5\u00a0ILCS\u00a0805/15(g)\u00a0[subsection\u00a0letter\u00a0unverified]\u00a0⚠")
    assert unbroken_with_note("EO 2025-6 (no joint operations)") == unbroken("EO 2025-6 (no joint operations)")


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


def _ids_walked_word_by_word(pack, text: str) -> list[tuple[int, int, str]]:
    """Pack._ids_named_in as it was: every run of an id's characters looked up, one match at a time."""
    found = []
    for match in model._ID_RUN.finditer(text):
        run = match.group()
        while run not in pack._provisions and len(run) > 1 and run[-1] in ").-":
            run = run[:-1]
        if run in pack._provisions:
            found.append((match.start(), match.start() + len(run), run))
    return found


def test_ids_are_found_where_the_word_by_word_walk_found_them(bundled):
    """Words are looked up together before any is walked alone: the same ids at the same places, for every
    text of the pack and for an id found only once two of the marks after it are dropped."""
    pack = bundled.pack
    texts = [text for p in pack.provisions for text in (p.summary, p.text, *(n.text for n in p.status_notes))]
    texts += ["(see MCC-2-173-020(a)).", "MCC-2-173-020(a))- and US-8USC1373.).", "LIT-USvIL-2025-- x", ")-.", "a"]
    assert any(_ids_walked_word_by_word(pack, text) for text in texts)
    for text in texts:
        assert list(pack._ids_named_in(text)) == _ids_walked_word_by_word(pack, text), text
    object.__setattr__(pack, "_id_starts", None)  # as a pack whose ids start in too many ways: words read first
    try:
        for text in texts:
            assert list(pack._ids_named_in(text)) == _ids_walked_word_by_word(pack, text), text
    finally:
        object.__setattr__(pack, "_id_starts", type(pack)(pack.meta, pack.provisions, pack.scenarios)._id_starts)
    assert pack.spelt_out("(see MCC-2-173-020(a)).") == "(see MCC 2-173-020(a))."


@given(st.lists(st.one_of(st.sampled_from(["MCC-2-173-020(a)", "US-8USC1373", "LIT-USvIL-2025", "CPD", "IL-",
                                           "US-", "X"]),
                          st.text(alphabet=" ().-,;:aZ9\u00a0\u2060\u26a0\u0301é", max_size=3)), max_size=8))
@settings(max_examples=300, deadline=None)
def test_ids_are_found_where_the_word_by_word_walk_found_them_in_any_words(bundled, parts):
    """Ids, parts of ids and marks run together any way (parentheses, dots and dashes after an id, no-break spaces,
    word joiners, a ⚠, an accent): the ids found, with and without the check of the ids' first characters, are
    those the word-by-word walk found."""
    pack = bundled.pack
    text = "".join(parts)
    walked = _ids_walked_word_by_word(pack, text)
    assert list(pack._ids_named_in(text)) == walked
    starts = pack._id_starts
    object.__setattr__(pack, "_id_starts", None)
    try:
        assert list(pack._ids_named_in(text)) == walked
    finally:
        object.__setattr__(pack, "_id_starts", starts)


class _CountedRuns:
    """model._ID_RUN, counting the words it hands out one match at a time."""

    def __init__(self, pattern) -> None:
        self.pattern, self.walked = pattern, 0

    def findall(self, text: str) -> list[str]:
        return self.pattern.findall(text)

    def finditer(self, text: str):
        for match in self.pattern.finditer(text):
            self.walked += 1
            yield match


def test_words_that_name_no_id_are_not_walked_one_by_one(bundled, monkeypatch):
    """A big pack's search spells out each provision it shows for the first time (Pack.spelt_out); a match
    object per word of its summary and text was a third of such a keystroke's search. Texts naming no id are
    looked up in one go; one that names one is walked as before."""
    pack = bundled.pack
    counted = _CountedRuns(model._ID_RUN)
    monkeypatch.setattr(model, "_ID_RUN", counted)
    texts = [text for p in pack.provisions for text in (p.summary, p.text) if not pack.provisions_named_in(text)]
    assert sum(len(text.split()) for text in texts) > 1000
    counted.walked = 0
    assert [pack.spelt_out(text) for text in texts] == texts
    assert counted.walked == 0
    assert pack.spelt_out("see LIT-USvIL-2025.") == "see U.S. v. Illinois, No. 1:25-cv-01285 (N.D. Ill.)."
    assert counted.walked == 2


def test_a_scenario_id_typed_in_any_case_is_the_packs_own(bundled):
    """One reading of a typed scenario id for every command and the slides: "s08" is S08; what no scenario is
    named, or two are but for case, comes back as typed, for the caller to refuse."""
    assert bundled.pack.scenario_id_as_typed("S08") == "S08"
    assert bundled.pack.scenario_id_as_typed("s08") == "S08"
    assert bundled.pack.scenario_id_as_typed("paper") == "PAPER"
    assert bundled.pack.scenario_id_as_typed("s99") == "s99"
