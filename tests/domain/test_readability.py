"""Readability of the officer-facing words: counts checked by hand, the grade, which texts are graded."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import readability
from desktop.domain.model import Outcome, Pack
from desktop.domain.readability import Reading, grade_words, hardest, officer_texts, reading, syllables


@pytest.mark.parametrize(("word", "count"), [
    ("cat", 1), ("asked", 1), ("wanted", 2), ("boxes", 2), ("table", 2), ("make", 1), ("person", 2),
    ("retainer", 3), ("supervising", 4), ("integration", 4), ("don't", 1), ("follow-up", 3), ("ICE", 1),
    ("OEMC", 1), ("U.S", 1), ("policies", 3), ("database", 3),
    # the field's familiar words count two, plural and possessive too, each part of a hyphenated word alone
    ("detainer", 2), ("supervisor", 2), ("immigration", 2), ("agencies", 2), ("officers", 2),
    ("supervisor's", 2), ("Chicago", 2), ("law-enforcement", 3),
])
def test_syllables_counted_by_hand(word, count):
    assert syllables(word) == count


#: Common words of the pack's officer-facing text, each counted by hand (a dictionary's syllable breaks).
FIELD_WORDS = {
    "safety": 2, "officer": 3, "federal": 3, "judge": 1, "vehicle": 3, "release": 2, "signed": 1,
    "immigration": 4, "courthouse": 2, "supervisor": 4, "notice": 2, "arrested": 3, "agency": 3, "required": 2,
    "warrant": 2, "police": 2, "agent": 2, "detainer": 3, "custody": 3, "statement": 2, "evidence": 3,
    "hospital": 3, "business": 2, "license": 2, "whether": 2, "someone": 2, "anyone": 3, "area": 3, "video": 3,
    "people": 2, "serious": 3, "violation": 4, "immediately": 5, "being": 2, "annual": 3, "likely": 2,
    "citizenship": 4, "decision": 3, "services": 3, "judges": 2, "situation": 4, "continued": 3, "special": 2,
    "public-safety": 4, "security": 4, "property": 3, "attorney": 3, "ordinance": 3, "sergeant": 2,
    "department": 3, "interpreter": 4, "safely": 2,
}


@pytest.mark.parametrize(("word", "count"), FIELD_WORDS.items())
def test_common_field_words_counted_as_by_hand(word, count):
    """The heuristic itself, familiar words counted letter by letter ("safety" was 3, "judges" 1, "area" 2)."""
    assert syllables(word, frozenset()) == count


def test_the_pack_s_glossary_terms_are_familiar_words():
    # commandeering(4) is a glossary term's word: it counts 2, as the field's own words do; "perimeter" too
    text = "Anti-commandeering means the city need not help with the perimeter here at all."
    plain = reading(text)
    with_glossary = reading(text, ["anti-commandeering", "traffic perimeter / on-site support"])
    assert plain.syllables - with_glossary.syllables == (4 - 2) + (4 - 2)
    assert grade_words(text, ["anti-commandeering"]) != grade_words(text)
    assert readability.familiar_words(["CPD-31.110 log"]) == readability.FAMILIAR_WORDS | {"log"}
    # a short word of a term is not made longer: "on-site" is still 2, "or" 1
    assert reading("on-site or not", ["traffic perimeter / on-site support", "sensitive or protected areas"]) \
        == Reading(sentences=1, words=3, syllables=4)


def test_the_command_line_grades_with_the_pack_s_glossary(mini_pack):
    """officer_texts (the readability command) counts the pack's own glossary terms as familiar, as the editor
    does: the same text gets the same grade from both."""
    pack = replace(mini_pack, glossary=(replace(mini_pack.glossary[0], term="anti-commandeering"),
                                        *mini_pack.glossary[1:]))
    line = "Tell the sergeant about anti-commandeering and wait with the person until the sergeant comes."
    graded = next(t for t in officer_texts(_with_long_outcome_lines(pack, line)) if t.text == line)
    assert graded.reading == reading(line, [g.term for g in pack.glossary])
    assert graded.reading.syllables == reading(line).syllables - 2, "commandeering counts 2, not 4"


def test_a_plain_sentence():
    # The cat sat on the mat and the dog sat too: 1 sentence, 11 words of 1 syllable
    counts = reading("The cat sat on the mat and the dog sat too.")
    assert counts == Reading(sentences=1, words=11, syllables=11)
    assert counts.grade == pytest.approx(0.39 * 11 + 11.8 * 1 - 15.59)


def test_citations_form_numbers_and_ids_are_not_words():
    # "Do not hold a person on an detainer." 8 words, 10 syllables (detainer, a familiar word, 2); "See" 1
    # and 1; "I-247A", "5", "ILCS", "805/15(a)" are not words, and the id q_court_check neither
    counts = reading("Do not hold a person on an I-247A detainer. See 5 ILCS 805/15(a) q_court_check.")
    assert counts == Reading(sentences=2, words=9, syllables=11)
    assert reading("18 U.S.C. § 111; MCC 2-173-020(a)(1)(B)") == Reading(0, 0, 0)


def test_list_lines_and_bullets_are_sentences():
    # Call your supervisor (1+1+2, a familiar word) / Write the report number (1+1+2+2): no full stops, two
    # sentences
    assert reading("Call your supervisor\nWrite the report number") == Reading(sentences=2, words=7, syllables=10)
    assert reading("Do: call your supervisor").sentences == 1


def test_abbreviations_end_no_sentence():
    # U.S.(1) Marshals(2) may ask for help(1 each) / Call your supervisor now (1+1+2+1, a familiar word)
    assert reading("U.S. Marshals may ask for help. Call your supervisor now.") == Reading(2, 10, 12)
    assert reading("Show the order, e.g. a warrant signed by a judge.").sentences == 1
    assert reading("See No. 5 and Art. 3 first.").sentences == 1


def test_grade_words():
    # Officers(2, familiar) must not facilitate(4) the apprehension(4) of individuals(4) whose removability(6)
    # is determined(3) administratively(7): 13 words, 36 syllables: 0.39 × 13 + 11.8 × 36 / 13 − 15.59 = 22.2
    hard = ("Officers must not facilitate the apprehension of individuals whose removability is determined "
            "administratively.")
    assert reading(hard) == Reading(1, 13, 36)
    assert grade_words(hard) == "Reads at grade 22 — aim for 8 or lower"
    # Ask the agent to show you the warrant and read who signed it before you decide anything at all: 7.3
    assert grade_words("Ask the agent to show you the warrant and read who signed it before you decide "
                       "anything at all.") == "Reads at grade 7"
    assert grade_words("The cat sat on the mat and the dog sat too.") == "Reads below grade 1"
    assert grade_words("Supervisor's approval") == "", "too few words to grade"
    assert grade_words("Tell hospital security about the request now.") == "", "7 words: too few to grade"


@pytest.mark.parametrize(("line", "counts"), [
    # Identify(2) the federal(2) supervisor(2) on camera(2): 6 words, 10 syllables (16 counted letter by letter)
    ("Identify the federal supervisor on camera.", Reading(1, 6, 10)),
    # Does the operation(2) involve(2) immigration(2) enforcement(2): 6 words, 10 syllables (was 16)
    ("Does the operation involve immigration enforcement?", Reading(1, 6, 10)),
    # CPD(1) can't(1) assist(2) with civil(2) immigration(2) enforcement(2): 7 words, 11 syllables (was 15)
    ("CPD can't assist with civil immigration enforcement.", Reading(1, 7, 11)),
])
def test_short_plain_lines_of_the_field_are_not_flagged(line, counts):
    """They read at grades 18.2, 18.2 and 12.4 when the field's own words counted letter by letter: too short to
    grade, and plain by their counts (6.4, 6.4 and 5.7) all the same."""
    assert reading(line) == counts
    assert 0.39 * counts.words + 11.8 * counts.syllables / counts.words - 15.59 < readability.AIM_GRADE
    assert grade_words(line) == ""


def test_the_fields_words_do_not_raise_a_long_lines_grade():
    # Tell the federal(2) officers(2) that the department(2) cannot(2) assist(2) with immigration(2)
    # enforcement(2): 12 words, 19 syllables: 0.39 × 12 + 11.8 × 19 / 12 − 15.59 = 7.8 (was 14.7 at 26)
    line = "Tell the federal officers that the department cannot assist with immigration enforcement."
    assert reading(line) == Reading(1, 12, 19)
    assert grade_words(line) == "Reads at grade 8"


def test_familiar_words_are_long_words_of_the_field():
    """Each listed word has three or more syllables when counted letter by letter (else listing it changes
    nothing), and is written in lower case (the count looks words up in lower case)."""
    listed = readability.FAMILIAR_WORDS
    assert {w: syllables(w, frozenset()) for w in listed if syllables(w, frozenset()) < 3 or w != w.lower()} == {}
    assert grade_words("") == ""


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_never_raises_and_counts_agree(text):
    counts = reading(text)
    assert 0 <= counts.sentences <= counts.words <= counts.syllables
    assert (counts.grade is None) == (counts.words < readability.MIN_WORDS)
    assert isinstance(grade_words(text), str)


def _with_long_outcome_lines(pack: Pack, line: str) -> Pack:
    """``pack`` with its first scenario's outcomes' do lines and rationale set to ``line`` (the test pack's are
    shorter than MIN_WORDS)."""
    scenario = pack.scenarios[0]
    nodes = tuple(replace(n, do=(line,), rationale=line) if isinstance(n, Outcome) else n for n in scenario.nodes)
    return replace(pack, scenarios=(replace(scenario, nodes=nodes), *pack.scenarios[1:]))


def test_officer_texts_are_the_words_officers_read(mini_pack):
    long_line = "Call your sergeant and wait with the person until the sergeant comes to you."
    texts = officer_texts(_with_long_outcome_lines(mini_pack, long_line))
    fields = {t.field.split(" ")[0] for t in texts}
    assert {"prompt", "headline", "do", "rationale", "definition"} <= fields
    assert "My supervisor is on the way." not in {t.text for t in texts}, "6 words: too few to grade"
    law = {p.text for p in mini_pack.provisions} | {p.summary for p in mini_pack.provisions}
    assert not [t for t in texts if t.text in law], "the provisions' law is not graded"
    assert all(t.grade is not None for t in texts)


def test_hardest_first_with_where_they_are(mini_pack):
    ranked = hardest(mini_pack)
    grades = [t.grade for t in ranked]
    assert grades == sorted(grades, reverse=True)
    over = hardest(mini_pack, over=8)
    assert over == [t for t in ranked if t.grade > 8]
    top = ranked[0]
    assert top.where.startswith(top.scenario) and top.as_dict()["grade"] == round(top.grade, 1)
