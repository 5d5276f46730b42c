"""Readability of the officer-facing words: counts checked by hand, the grade, which texts are graded."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import readability
from desktop.domain.readability import Reading, grade_words, hardest, officer_texts, reading, syllables


@pytest.mark.parametrize(("word", "count"), [
    ("cat", 1), ("asked", 1), ("wanted", 2), ("boxes", 2), ("table", 2), ("make", 1), ("person", 2),
    ("detainer", 3), ("supervisor", 4), ("immigration", 4), ("don't", 1), ("follow-up", 3), ("ICE", 1),
    ("OEMC", 1), ("U.S", 1), ("agencies", 3), ("database", 3),
])
def test_syllables_counted_by_hand(word, count):
    assert syllables(word) == count


def test_a_plain_sentence():
    # The(1) cat(1) sat(1) on(1) the(1) mat(1): 1 sentence, 6 words, 6 syllables
    counts = reading("The cat sat on the mat.")
    assert counts == Reading(sentences=1, words=6, syllables=6)
    assert counts.grade == pytest.approx(0.39 * 6 + 11.8 * 1 - 15.59)


def test_citations_form_numbers_and_ids_are_not_words():
    # "Do not hold a person on an detainer." 8 words, 11 syllables; "See" 1 and 1; "I-247A", "5", "ILCS",
    # "805/15(a)" are not words, and the id q_court_check neither
    counts = reading("Do not hold a person on an I-247A detainer. See 5 ILCS 805/15(a) q_court_check.")
    assert counts == Reading(sentences=2, words=9, syllables=12)
    assert reading("18 U.S.C. § 111; MCC 2-173-020(a)(1)(B)") == Reading(0, 0, 0)


def test_list_lines_and_bullets_are_sentences():
    # Call your supervisor (1+1+4) / Write the report number (1+1+2+2): no full stops, two sentences
    assert reading("Call your supervisor\nWrite the report number") == Reading(sentences=2, words=7, syllables=12)
    assert reading("Do: call your supervisor").sentences == 1


def test_abbreviations_end_no_sentence():
    # U.S.(1) Marshals(2) may ask for help(1 each) / Call your supervisor now (1+1+4+1)
    assert reading("U.S. Marshals may ask for help. Call your supervisor now.") == Reading(2, 10, 14)
    assert reading("Show the order, e.g. a warrant signed by a judge.").sentences == 1
    assert reading("See No. 5 and Art. 3 first.").sentences == 1


def test_grade_words():
    # The ordinance(3) bars giving(2) federal(3) agencies(3) direct(2) database(3) access(2): 9 words,
    # 20 syllables: 0.39 × 9 + 11.8 × 20 / 9 − 15.59 = 14.1
    hard = "The ordinance bars giving federal agencies direct database access."
    assert reading(hard) == Reading(1, 9, 20)
    assert grade_words(hard) == "Reads at grade 14 — aim for 8 or lower"
    # Ask the agent to show you the warrant and read who signed it before you decide anything at all: 7.3
    assert grade_words("Ask the agent to show you the warrant and read who signed it before you decide "
                       "anything at all.") == "Reads at grade 7"
    assert grade_words("The cat sat on the mat.") == "Reads below grade 1"
    assert grade_words("Supervisor's approval") == "", "too few words to grade"
    assert grade_words("") == ""


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_never_raises_and_counts_agree(text):
    counts = reading(text)
    assert 0 <= counts.sentences <= counts.words <= counts.syllables
    assert (counts.grade is None) == (counts.words < readability.MIN_WORDS)
    assert isinstance(grade_words(text), str)


def test_officer_texts_are_the_words_officers_read(mini_pack):
    texts = officer_texts(mini_pack)
    fields = {t.field.split(" ")[0] for t in texts}
    assert {"prompt", "headline", "do", "rationale", "definition"} <= fields
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
