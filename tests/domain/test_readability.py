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


def test_familiar_words_are_long_words_of_the_field(monkeypatch):
    """Each listed word has three or more syllables when counted letter by letter (else listing it changes
    nothing), and is written in lower case as the count looks it up."""
    listed = readability.FAMILIAR_WORDS
    monkeypatch.setattr(readability, "FAMILIAR_WORDS", frozenset())
    assert {w: syllables(w) for w in listed if syllables(w) < 3 or w != w.lower()} == {}
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
