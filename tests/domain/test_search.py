"""Search: ranking, prefixes as you type, typos, synonyms, citations, filters, snippets."""

from __future__ import annotations

import dataclasses
import unicodedata
from functools import lru_cache

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desktop.domain.search import (
    _FILLER,
    ADJACENT_BONUS,
    DERIVED_WEIGHT,
    LISTED_UNDER,
    MEANT_SHORTEST,
    NAMED_BONUS,
    OTHER_FORMS_WEIGHT,
    REQUEST_SITUATION_BONUS,
    REQUEST_WORDS,
    SYNONYM_WEIGHT,
    SearchIndex,
    _uncounted,
    asks_duty,
    edit_distance,
    keys_for_word,
    query_terms,
    sounds_like,
    spelling_variants,
    stem,
    still_typed,
    tokenize,
)


@pytest.fixture(scope="module")
def index(mini_pack):
    return SearchIndex(mini_pack)


def ids(hits):
    return [h.id for h in hits]


def test_title_match_ranks_first(index):
    assert ids(index.search("staging lot"))[0] == "S10"


def test_prefix_as_you_type(index):
    for typed in ("det", "deta", "detai", "detainer"):
        assert "S08" in ids(index.search(typed))[:3], typed


def test_typo_tolerance(index):
    assert "S08" in ids(index.search("detaner"))[:3]
    assert "CHI-EO-2025-8" in ids(index.search("stagng"))[:3]


@pytest.mark.parametrize("typed", ["detainr", "detainor", "detianer", "ice detainr"])
def test_a_misspelt_word_lists_what_the_commonest_word_it_may_be_lists(bundled, typed):
    """An officer's "detainr" listed 805/15(b) and 2-173-020(a)(1) first, for "detain", and "detianer" the
    transport (S31) and relative (S19) situations, for "detainee": a rarer near miss counted for more. The
    detainer situation and the I-247A lead, as for the word spelt right."""
    index = SearchIndex(bundled.pack)
    assert ids(index.search(typed))[:2] == ["S08", "US-DETAINER-I247A"]


def test_typo_buckets_are_built_with_the_index_not_on_the_first_typo(mini_pack):
    """In the app the index is built off the UI thread; the first typo of a session must not build them
    (25 ms in the 10k pack)."""
    index = SearchIndex(mini_pack)
    assert sum(map(len, index._buckets.values())) == sum(1 for word in index._vocab if not word.isdigit())
    assert "S08" in ids(index.search("detaner"))[:3]


def test_synonym_expansion(index):
    # "feds" appears nowhere in the data; the synonyms table maps it to ICE / federal agents.
    assert index.search("feds")
    assert "S08" in ids(index.search("hold"))[:3]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("2-173-020", "MCC-2-173-020(a)(1)"), ("805/15", "IL-TRUST-15a"), ("5 ILCS 805/15(a)", "IL-TRUST-15a"),
     ("I-247A", "S08"), ("i247a", "S08"), ("EO 2025-8", "CHI-EO-2025-8")],
)
def test_citations_and_form_numbers(index, query, expected):
    assert expected in ids(index.search(query))[:3], ids(index.search(query))


def test_filter_by_jurisdiction(index):
    hits = index.search("detainer", jurisdictions={"state"})
    assert hits and all(h.jurisdiction == "state" for h in hits)
    assert "IL-TRUST-15a" in ids(hits)


def test_filter_by_kind(index):
    hits = index.search("detainer", kinds={"scenario"})
    assert hits and all(h.kind == "scenario" for h in hits)


def test_snippet_spans_point_at_matches(index):
    hit = next(h for h in index.search("detainer") if h.kind == "provision")
    assert hit.spans
    highlighted = {hit.snippet[start:end].lower() for start, end in hit.spans}
    # the query word itself, or a synonym the pack maps it to (hold ↔ detainer ↔ I-247A)
    assert highlighted <= {"detainer", "hold", "i-247a"}
    assert "detainer" in highlighted


def test_no_results_suggests_terms(index):
    assert index.search("zzzqqq") == []
    assert "detainer" in index.suggest("detainr")


def test_stop_words_only_query_still_searches(index):
    index.search("the")  # must not raise, may be empty


def test_query_normalisation():
    assert query_terms("  ICE  wants me to HOLD him ") == ["ice", "wants", "hold"]
    assert keys_for_word("2-173-020(a)(6)")[0] == "2173020a6"
    assert "247a" in keys_for_word("I-247A")


def test_edit_distance():
    assert edit_distance("detainer", "detainer", 2) == 0
    assert edit_distance("detainer", "detaienr", 2) == 1  # transposition
    assert edit_distance("abc", "xyz", 1) == 2


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
@example("warrant " * 12)  # the most words a query keeps, then a space: IndexError (_SHARE_SQUARED was a row short)
def test_any_query_is_safe(index, query):
    hits = index.search(query)
    assert len(hits) <= 20
    for h in hits:
        assert h.score > 0
        for start, end in h.spans:
            assert 0 <= start < end <= len(h.snippet)
    index.suggest(query)


def test_a_word_with_its_accent_typed_apart_finds_what_the_word_finds(bundled):
    """Hostile pass: "inmigracio\u0301n" (the accent as a character of its own, as macOS and some keyboards send
    it) was read as "inmigracio" and "n", and listed the Castañon Nava consent decree first where "inmigración"
    lists the officers' situation of agents asking about someone's status; its misspelling got no correction."""
    index = SearchIndex(bundled.pack)
    for typed in ("inmigración", "la migrá", "¿la migra está aquí?", "inmigración hold"):
        apart = unicodedata.normalize("NFD", typed)
        assert apart != typed
        assert ids(index.search(apart)) == ids(index.search(typed)), typed
        assert index.suggest(apart) == index.suggest(typed)
    misspelt = "inmigracíon"
    assert index.correction(unicodedata.normalize("NFD", misspelt)) == index.correction(misspelt)


def test_huge_and_strange_queries(index):
    for query in ("x" * 10_000, "((((", ".*+?[]{}\\", "\x00detainer", "قانون", "🚓 detainer", "a-" * 500):
        index.search(query)


def test_stems_join_word_forms(index):
    from desktop.domain.search import stem

    assert stem("asking") == stem("asks") == stem("ask")
    assert stem("warrants") == stem("warrant")
    assert stem("staging") == stem("stage")
    assert stem("detained") == stem("detain")


def test_synonym_group_members_are_not_synonyms_of_each_other(mini_pack):
    """'hold' maps to detainer and I-247A; a detainer query must not be flooded by the group's other words."""
    index = SearchIndex(mini_pack)
    expansions, _own, _forms = index._expand("detainer", True)
    assert expansions.get("detainer") == 1.0
    assert "247a" not in expansions and "i247a" not in expansions


def test_expansions_never_outweigh_the_typed_word(index):
    """A synonym of a common word must not outrank documents containing the word itself."""
    top = index.search("hold")[0]
    assert top.id == "S08"


@pytest.mark.parametrize("max_postings", [500, 5])
def test_big_pack_snippets_read_less_but_show_the_same(monkeypatch, max_postings):
    """A pack over PRECOMPUTE_SNIPPETS_UP_TO entries finds snippet matches by reading from the first match
    only; every result, snippet and highlight must be what the cached positions give. Also when common
    words keep only their strongest documents (MAX_POSTINGS 5 on this small pack): a document outside
    them does not have that word marked, on either path."""
    from desktop import paths
    from desktop.domain import search as search_module
    from desktop.storage.pack_file import load_pack

    monkeypatch.setattr(search_module, "MAX_POSTINGS", max_postings)
    pack = load_pack(paths.bundled_pack()).pack
    cached = SearchIndex(pack)
    assert bool(cached._cut_short) == (max_postings == 5)
    monkeypatch.setattr(search_module, "PRECOMPUTE_SNIPPETS_UP_TO", 0)
    scanned = SearchIndex(pack)
    assert not scanned._field_positions
    queries = ["detainer", "warrant judge", "city lot staging", "ice wants me to hold him", "tran", "subpena",
               "release date", "2-173", "I-247A", "body camera", "perimeter", "masked agents crowd", "commandeer",
               "10th amendment"]
    compared = 0
    for query in queries:
        for limit in (5, 40):
            expected = [(h.id, h.snippet, h.spans) for h in cached.search(query, limit=limit)]
            assert [(h.id, h.snippet, h.spans) for h in scanned.search(query, limit=limit)] == expected, query
            compared += len(expected)
    assert compared > 200
    assert not scanned._field_positions, "the big-pack path keeps no positions"
    # every marked word is one the document matched: a key whose postings hold it
    doc_of = {(e.kind, e.id): doc for doc, e in enumerate(cached.entries)}
    marked = 0
    for query in queries:
        for hit in cached.search(query, limit=40):
            doc = doc_of[(hit.kind, hit.id)]
            for start, end in hit.spans:
                keys = keys_for_word(hit.snippet[start:end])
                assert any(doc in cached._postings.get(key, ()) for key in keys), (query, hit.id, hit.snippet[start:end])
                marked += 1
    assert marked > 100


def test_a_big_pack_finds_the_same_snippets_from_where_a_key_first_occurs(mini_pack, monkeypatch):
    """A big pack reads a field's words from the space before the first place a key's needle() occurs.
    On words that hide their keys (a stem that is not the word's start, a word in parts, a key inside a
    longer word, accents), its snippets and highlights are the ones the small-pack word lists give."""
    import dataclasses

    from desktop.domain import search as search_module

    texts = [
        "The nonstop detail stopped at the classes. Policies on re-entry and the 2-173-020(a) check; "
        "officers flies denied, denying a policy; 21-73-020 and reen-try too. " + "Filler words about the district. " * 8
        + "An I-247A form and Stopping is noted. Agencies and an agency's reply.",
        "Café policy: the officer stopped. Nonstop re-entry, " + "more filler here. " * 12 + "I-247A detainer, élan.",
        "Plain words only: nothing about the keys at all, " + "lots of words. " * 10,
    ]
    provisions = tuple(
        dataclasses.replace(provision, summary="", text=texts[i % len(texts)])
        for i, provision in enumerate(mini_pack.provisions)
    )
    pack = dataclasses.replace(mini_pack, provisions=provisions)
    cached = SearchIndex(pack)
    monkeypatch.setattr(search_module, "PRECOMPUTE_SNIPPETS_UP_TO", 0)
    scanned = SearchIndex(pack)
    # keys a word in parts holds without their needle get its first part at build; the usual ones keep theirs
    assert {k: scanned._short_needles.get(k) for k in ("reentry", "~reentry", "2173020a", "i247a")} == {
        "reentry": "re", "~reentry": "re", "2173020a": "2", "i247a": "i"}
    assert not {"~stop", "~policy", "~deny", "~agency", "~class", "~fly", "stopped", "re"} & set(scanned._short_needles)
    # every indexed key of every word of the pack is found by the needle the scan looks for
    words = {w for e in scanned.entries for _n, t in e.fields for w in search_module._TOKEN_RE.findall(t) if w.isascii()}
    for word in words:
        for key in set(keys_for_word(word)) & scanned._postings.keys():
            assert (scanned._short_needles.get(key) or search_module.needle(key)) in word.lower(), (word, key)
    queries = ["stop", "stopping", "policies", "policy", "deny", "class", "fly", "agency", "re-entry", "entry",
               "2-173-020", "173", "I-247A", "cafe", "elan", "detainer", "district filler", "noted", "nonstop"]
    compared = 0
    for query in queries:
        expected = [(h.id, h.snippet, h.spans) for h in cached.search(query, limit=40)]
        assert [(h.id, h.snippet, h.spans) for h in scanned.search(query, limit=40)] == expected, query
        compared += sum(len(spans) for _, _, spans in expected)
    assert compared > 40


@pytest.mark.parametrize("size", ["small", "big"])
def test_typing_letter_by_letter_gives_what_a_fresh_index_gives(size, monkeypatch):
    """An index that remembers completions and snippets from earlier keystrokes answers each keystroke
    exactly as a new index would: the same results, scores, snippets and highlights; on the small-pack
    path (word positions kept) and the big-pack one (fields read from the first match)."""
    from desktop import paths
    from desktop.domain import search as search_module
    from desktop.storage.pack_file import load_pack

    if size == "big":
        monkeypatch.setattr(search_module, "PRECOMPUTE_SNIPPETS_UP_TO", 0)

    pack = load_pack(paths.bundled_pack()).pack
    typing, fresh = SearchIndex(pack), SearchIndex(pack)
    queries = ["ice wants me to hold him", "detainer", "city lot staging", "judge signed warrant", "subpena",
               "805/15 detainer", "detainer 805",
               # "come in" read as entry once "in" is typed, "section" before a number, words that are no words
               "ice wants to come in", "section 1373 tell ice", "guys saying hes ice"]
    compared = 0
    for query in queries:
        for end in range(1, len(query) + 1):
            typed = query[:end]
            fresh.forget_queries()  # as new as a new index (checked below)
            expected = [(h.as_dict(), h.spans) for h in fresh.search(typed, limit=30)]
            assert [(h.as_dict(), h.spans) for h in typing.search(typed, limit=30)] == expected, typed
            compared += len(expected)
    assert compared > 1000
    assert typing._snippets, "snippets were kept between keystrokes"
    typing.forget_queries()
    assert not typing._snippets and not typing._completions and not typing._last_word[0]


def test_the_snippets_kept_are_few_and_dropped_together(monkeypatch):
    """Snippets are kept by document, then by the query's keys it holds; past SNIPPETS_KEPT they are all
    dropped, and what is typed next is answered as a new index answers it."""
    from desktop import paths
    from desktop.domain import search as search_module
    from desktop.storage.pack_file import load_pack

    monkeypatch.setattr(search_module, "SNIPPETS_KEPT", 40)
    pack = load_pack(paths.bundled_pack()).pack
    typing, fresh = SearchIndex(pack), SearchIndex(pack)
    dropped = 0
    for query in ["ice wants me to hold him", "detainer", "judge signed warrant", "city lot staging"]:
        for end in range(1, len(query) + 1):
            before = typing._snippets_made
            fresh.forget_queries()
            expected = [(h.as_dict(), h.snippet, h.spans) for h in fresh.search(query[:end], limit=21)]
            assert [(h.as_dict(), h.snippet, h.spans) for h in typing.search(query[:end], limit=21)] == expected
            kept = sum(len(made) for made in typing._snippets.values())
            assert kept == typing._snippets_made <= 40
            dropped += typing._snippets_made < before
    assert dropped > 5


def test_a_fields_words_are_cut_once_for_the_words_it_marks(monkeypatch):
    """Two sets of a query's keys that mark the same words of a document's field ("warrant" and
    "~warrant") share one cut of its words; every keystroke still shows what a new index shows."""
    from desktop import paths
    from desktop.domain import search as search_module
    from desktop.storage.pack_file import load_pack

    cuts = []
    cut_words = search_module._cut_words
    monkeypatch.setattr(search_module, "_cut_words", lambda *args: cuts.append(args) or cut_words(*args))
    pack = load_pack(paths.bundled_pack()).pack
    typing, fresh = SearchIndex(pack), SearchIndex(pack)
    cut = 0
    for query in ["judge signed warrant", "administrative warrant", "ice wants me to hold him"]:
        for end in range(1, len(query) + 1):
            fresh.forget_queries()
            expected = [(h.as_dict(), h.snippet, h.spans) for h in fresh.search(query[:end], limit=21)]
            cuts.clear()
            assert [(h.as_dict(), h.snippet, h.spans) for h in typing.search(query[:end], limit=21)] == expected
            cut += len(cuts)
    snippets = sum(isinstance(key, frozenset) for kept in typing._snippets.values() for key in kept)
    assert snippets > 300 and cut < 0.8 * snippets, (cut, snippets)


def test_editing_an_earlier_word_is_not_answered_from_the_scores_kept_for_it(mini_pack):
    """The scores of a query's earlier words are kept while the last is typed; an officer who goes back
    and changes one of them (or adds a filter) gets the answer a new index gives, and only a few are kept."""
    from desktop.domain.search import SCORED_WORDS_KEPT

    typing, fresh = SearchIndex(mini_pack), SearchIndex(mini_pack)
    edits = ["warrant judge", "warrant jud", "detainer jud", "detainer judge", "detain judge", "lot judge",
             "lot staging city", "lot staging", "staging lot city", "warrant judge"]
    for typed in edits:
        for filters in (None, {"state"}, {"city", "federal"}):
            fresh.forget_queries()
            expected = [(h.as_dict(), h.spans) for h in fresh.search(typed, limit=30, jurisdictions=filters)]
            got = [(h.as_dict(), h.spans) for h in typing.search(typed, limit=30, jurisdictions=filters)]
            assert got == expected, (typed, filters)
        assert len(typing._scored_words) <= SCORED_WORDS_KEPT
    assert typing._scored_words
    typing.forget_queries()
    assert not typing._scored_words


def test_a_finished_word_is_added_to_the_kept_scores_of_the_words_before_it(mini_pack, monkeypatch):
    """Typing a query's third word starts from the kept scores of its first two: only the word just
    finished is scored anew, and the answer is still a new index's (the same sums, in the same order)."""
    typing, fresh = SearchIndex(mini_pack), SearchIndex(mini_pack)
    scored = []
    add_term = typing._add_term

    def spy(scores, matched, term, is_last):
        scored.append(term)
        return add_term(scores, matched, term, is_last)

    monkeypatch.setattr(typing, "_add_term", spy)
    for typed, scored_anew in [("warrant j", ["warrant"]), ("warrant judge s", ["judge"]),
                               ("warrant judge signed d", ["signed"]), ("judge signed d", ["judge", "signed"]),
                               ("warrant judge s", [])]:  # the kept scores were copied, not added to
        scored.clear()
        fresh.forget_queries()
        expected = [(h.as_dict(), h.spans) for h in fresh.search(typed, limit=30)]
        assert [(h.as_dict(), h.spans) for h in typing.search(typed, limit=30)] == expected, typed
        assert scored == scored_anew, typed


def test_typing_the_last_word_on_reads_the_words_before_from_lists_not_per_document_lookups(bundled):
    """While the last word is typed letter by letter, a keystroke ranks each document it matches by the kept
    score of the words before plus its own, times the square of the share of words matched. Those are read from
    lists made once for the words before, at the last word's first letter (_lifted), not by a dict.get of the kept
    scores and of the words matched per document; every keystroke still lists what a new index lists, scores to
    the bit."""

    class Counted(dict):
        lookups = 0

        def get(self, *args):
            Counted.lookups += 1
            return super().get(*args)

        def __getitem__(self, key):
            Counted.lookups += 1
            return super().__getitem__(key)

    typing, fresh = SearchIndex(bundled.pack), SearchIndex(bundled.pack)

    def listed(index, typed):
        return [(h.kind, h.id, h.score.hex(), h.snippet, h.spans) for h in index.search(typed, limit=21, snippets=20)]

    for query in ["judge signed warrant", "ice wants me to hold him", "administrative warrant"]:
        first = query.rfind(" ") + 2  # the last word's first letter
        typing.search(query[:first], limit=21)  # the lists are made here, once
        # the kept scores of the words before, as the keystrokes after would read them: counted
        typing._scored_words.update({terms: (Counted(scores), Counted(matched), *rest)
                                     for terms, (scores, matched, *rest) in typing._scored_words.items()})
        for end in range(first + 1, len(query) + 1):
            Counted.lookups = 0
            fresh.forget_queries()
            assert listed(typing, query[:end]) == listed(fresh, query[:end]), query[:end]
            assert Counted.lookups == 0, (query[:end], Counted.lookups)


def test_one_and_two_letter_completions_chosen_at_build_match_a_scan_of_the_words():
    from desktop import paths
    from desktop.domain.search import COMPLETIONS
    from desktop.storage.pack_file import load_pack

    index = SearchIndex(load_pack(paths.bundled_pack()).pack)
    prefixes = {w[:n] for w in index._vocab for n in COMPLETIONS if len(w) >= n} | {"zq", "q", "é"}
    assert len(prefixes) > 200
    for prefix in prefixes:
        scanned = index._prefix_terms(prefix, COMPLETIONS[len(prefix)])  # the scan, as for any longer prefix
        assert index._prefix_terms(prefix) == scanned, prefix
    assert index._prefix_terms("s") and len(index._prefix_terms("s")) == COMPLETIONS[1]
    one_letter_words = [w for w in index._vocab if len(w) == 1]
    assert one_letter_words, "a one-letter word sits before longer words of its letter in the vocabulary"


def test_completions_are_the_shortest_then_most_common_words_starting_with_what_is_typed():
    """A prefix's completions, taken as a slice of the sorted words and sorted by each word's place in the
    order completions are offered, are what scanning every word gives, sorted by (length, most documents,
    alphabet) when there are more than the limit, for every prefix of every word of the pack."""
    from desktop import paths
    from desktop.domain.search import COMPLETIONS
    from desktop.storage.pack_file import load_pack

    index = SearchIndex(load_pack(paths.bundled_pack()).pack)
    prefixes = {w[:n] for w in index._vocab for n in range(3, len(w) + 1)} | {"zzq", "é", "2-1", "~st"}
    assert len(prefixes) > 5000
    chosen = 0
    for prefix in sorted(prefixes):
        limit = COMPLETIONS.get(len(prefix), 24)
        words = [w for w in index._vocab if w.startswith(prefix)]
        if len(words) > limit:
            words = sorted(words, key=lambda w: (len(w), -index._df[w], w))[:limit]
            chosen += 1
        assert index._prefix_terms(prefix) == words, prefix
    assert chosen > 10


def _reference_snippet(text, found, width):
    """What a snippet is, written plainly (the spec _cut and _cut_words are checked against): about
    ``width`` characters from a third of a width before the first match, moved back to just after a space
    when one is within half a width of it; "…" where cut; the matches inside, moved with the text."""
    first = found[0][0]
    start = max(0, first - width // 3)
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and first - space < width // 2 else start
    end = min(len(text), start + width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    return prefix + text[start:end] + suffix, tuple((a + shift, b + shift) for a, b in found if a >= start and b <= end)


_WORDS = st.sampled_from(["ICE", "detainer", "detainers", "hold", "re-entry", "2-173-020(a)", "I-247A", "café",
                          "the", "x", "warrant", "warrants", "Stopping", "policies", "🚓", "—", "a.b"])


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_WORDS, min_size=1, max_size=80), gaps=st.lists(st.sampled_from([" ", "  ", ", ", "\n", ". "]),
       min_size=80, max_size=80), chosen=st.sets(st.sampled_from(["ice", "detainer", "~detainer", "detainers", "hold",
       "reentry", "entry", "re", "2173020a", "173", "i247a", "cafe", "warrant", "~warrant", "~stop", "~policy", "ab"]),
       min_size=1), width=st.sampled_from([20, 60, 160]))
def test_snippets_from_word_masks_are_the_plain_cut_of_the_matching_words(words, gaps, chosen, width):
    """The small-pack path (one bit per word, a key's words as a mask) and the big-pack path (a list of
    spans) both cut the snippet the reference does, with the same marks; a word matched by two keys
    (itself and its stem) is marked once."""
    from desktop.domain.search import _TOKEN_RE, _cut, _cut_words, word_masks

    text = "".join(word + gap for word, gap in zip(words, gaps, strict=False)).strip()
    found = [m.span() for m in _TOKEN_RE.finditer(text) if chosen & set(keys_for_word(m.group()))]
    spans, masks = word_masks(text, 10_000)
    matched = 0
    for key in chosen:
        matched |= masks.get(key, 0)
    assert bool(matched) == bool(found)
    if found:
        expected = _reference_snippet(text, found, width)
        assert _cut_words(text, spans, matched, width) == expected
        assert _cut(text, found, width) == expected


@pytest.mark.parametrize("query", ["ice", "ice wants me to hold him", "warrant judge", "city lot staging", "release"])
def test_ranking_by_sort_or_heap_gives_the_scores_the_formula_gives(monkeypatch, query):
    """Few candidates are ranked by a sort, many by heapq: the same hits either way; and each hit's score
    is the sum of its words' scores, times the square of the share of the query's words it matched (fillers,
    such as "wants", neither counted nor missed)."""
    from desktop import paths
    from desktop.domain import search as search_module
    from desktop.storage.pack_file import load_pack

    index = SearchIndex(load_pack(paths.bundled_pack()).pack)
    sorted_hits = index.search(query, limit=30)
    monkeypatch.setattr(search_module, "SORT_CANDIDATES_UP_TO", 0)
    assert index.search(query, limit=30) == sorted_hits
    terms = query_terms(query)
    per_term = [index._term_scores(term, is_last=i == len(terms) - 1)[1] for i, term in enumerate(terms)]
    doc_of = {(e.kind, e.id): doc for doc, e in enumerate(index.entries)}
    for hit in sorted_hits:
        doc = doc_of[(hit.kind, hit.id)]
        total = 0.0
        for scores in per_term:
            total = total + scores[doc] if doc in scores else total
        counted = [scores for term, scores in zip(terms, per_term, strict=True) if term not in _FILLER]
        share = sum(doc in scores for scores in counted) / len(counted) if counted else 1.0
        assert hit.score == pytest.approx(_nearer(index, terms, doc, total * share**2), rel=1e-12)
    assert [h.score for h in sorted_hits] == sorted((h.score for h in sorted_hits), reverse=True)


def _nearer(index, terms, doc, score):
    """A document's score times what its nearness to a query of two words or more gives it, written plainly: for
    each two of the query's words in a row that its title or a tag writes in a row, 1 + ADJACENT_BONUS shared over
    the query's pairs; for a situation one of whose tags the query is, 1 + NAMED_BONUS; for a situation, when the
    query says what someone wants, needs or asks, 1 + REQUEST_SITUATION_BONUS (in that order, as the index does)."""
    if len(terms) < 2:
        return score
    roots = [stem(term.partition("\x1e")[0]) for term in terms]
    for first, second in zip(roots, roots[1:], strict=False):
        if doc in index._adjacent.get(f"{first} {second}", ()):
            score *= 1 + ADJACENT_BONUS / (len(roots) - 1)
    if doc in index._named.get(tuple(roots), ()):
        score *= 1 + NAMED_BONUS
    if index.entries[doc].kind == "scenario" and REQUEST_WORDS & set(roots):
        score *= 1 + REQUEST_SITUATION_BONUS
    return score


def _reference_ranking(index, query, limit):
    """The best ``limit`` (score, tie, document) rows of a word query, written plainly: every document any
    word matched, its words' scores added in the query's order, times the square of the share of the words
    it matched (with several), all of them sorted. The last word is completed only while still typed. A misspelt
    word of MEANT_SHORTEST letters or more is read as the one word it clearly means (_misspelt). Fillers
    (_FILLER: "wants", and a word the pack does not hold a letter from one: "wnat") add their scores but are no
    words matched or missed; what only they match is not listed."""
    typing = still_typed(query)
    terms = query_terms(query, index._holds)
    if terms:
        terms = index._meant_fillers(terms, typing)
        # a word the pack does not hold, clearly a typo of one it holds, is that word ("warant": warrant)
        terms = [index._misspelt(term, typing and i == len(terms) - 1, len(terms) > 1) or term
                 if len(term) >= MEANT_SHORTEST else term
                 for i, term in enumerate(terms)]
        terms = index._phrase_terms(terms, query, typing)
    scores, matched = {}, {}
    for i, term in enumerate(terms):
        for doc, value in index._term_scores(term, is_last=typing and i == len(terms) - 1)[1].items():
            scores[doc] = scores.get(doc, 0.0) + value
            matched[doc] = matched.get(doc, 0) + (not _uncounted(term))
    n = sum(not _uncounted(term) for term in terms)
    rows = [(_nearer(index, terms, doc, score if n <= 1 and matched[doc] == n else score * (matched[doc] / n) ** 2),
             index._tie[doc], doc) for doc, score in scores.items()]
    return [row for row in sorted(rows, reverse=True) if row[0]][:limit]


@pytest.mark.parametrize("heap", [False, True])
def test_only_the_rows_that_can_rank_first_are_sorted_and_the_ranking_is_the_plain_one(mini_pack, monkeypatch, heap):
    """A keystroke sorts only the documents scoring at least the limit-th best score (found by sorting the
    bare scores, or by heapq past SORT_CANDIDATES_UP_TO), and adds the last word's scores to the kept ones
    of the words before it only for the documents it matches. Every query typed letter by letter lists what
    scoring and sorting every document gives, to the bit; also with ties at the cut-off (each provision
    twice, with the same words), and with a filter."""
    import dataclasses

    from desktop.domain import search as search_module

    if heap:
        monkeypatch.setattr(search_module, "SORT_CANDIDATES_UP_TO", 0)
    copies = tuple(dataclasses.replace(p, provision_id=p.provision_id + "-copy") for p in mini_pack.provisions)
    pack = dataclasses.replace(mini_pack, provisions=mini_pack.provisions + copies)
    index, fresh = SearchIndex(pack), SearchIndex(pack)
    queries = ["warrant judge signed", "detainer hold release", "city lot staging", "ice wants me to hold him",
               "agents", "judge warant", "stagng lot", "a b", "the of"]
    compared = tied = 0
    for query in queries:
        for end in range(1, len(query) + 1):
            typed = query[:end]
            for limit in (1, 3, 7, 21, 500):
                expected = [(index.entries[doc].id, score) for score, _, doc in _reference_ranking(fresh, typed, limit)]
                assert [(h.id, h.score) for h in index.search(typed, limit=limit)] == expected, (typed, limit)
                compared += len(expected)
                scores = [score for _, score in expected]
                tied += len(scores) - len(set(scores))
    assert compared > 2000 and tied > 500, (compared, tied)
    provisions_only = [h.id for h in index.search("warrant hold", limit=500, kinds=["provision"])]
    expected = [index.entries[doc].id for _, _, doc in _reference_ranking(fresh, "warrant hold", 500)
                if index.entries[doc].kind == "provision"]
    assert provisions_only == expected and len(expected) >= 4


@pytest.mark.parametrize("length", [99, 100, 101])
@pytest.mark.parametrize("first", [0, 10, 40, 60])
def test_a_snippet_is_marked_cut_only_where_text_was_left_out(length, first):
    """At the edges: "…" before only when the start was left out, after only when the end was (a text
    that ends exactly at the snippet's width is whole at that end)."""
    from desktop.domain.search import _cut

    text = ("word " * 30)[:length - 1] + "z"
    found = [(first, first + 4)]
    assert _cut(text, found, 60) == _reference_snippet(text, found, 60)
    assert _cut(text, found, 100) == _reference_snippet(text, found, 100)


@pytest.mark.parametrize("most", [0, 25, 40])  # the bundled pack's shortest snippet field has 20 words
def test_a_small_packs_long_fields_are_scanned_and_show_the_same_snippets(monkeypatch, most):
    """A field of more than MASK_WORDS_UP_TO words keeps no masks (they would grow with the square of its
    length) and is read as a big pack's fields are; every result, snippet and highlight stays the same."""
    from desktop import paths
    from desktop.domain import search as search_module
    from desktop.storage.pack_file import load_pack

    pack = load_pack(paths.bundled_pack()).pack
    masked = SearchIndex(pack)
    monkeypatch.setattr(search_module, "MASK_WORDS_UP_TO", most)
    mixed = SearchIndex(pack)
    fields = [field for doc in mixed._field_positions for field in doc]
    scanned = [field for field in fields if field[2] is None]
    assert scanned and (most == 0) == (len(scanned) == len(fields))
    assert mixed._snippet_keys == masked._snippet_keys
    compared = 0
    for query in ["detainer", "warrant judge", "city lot staging", "ice wants me to hold him", "tran", "2-173",
                  "I-247A", "re-entry", "release date", "masked agents crowd", "policies", "stopping"]:
        expected = [(h.id, h.snippet, h.spans) for h in masked.search(query, limit=40)]
        assert [(h.id, h.snippet, h.spans) for h in mixed.search(query, limit=40)] == expected, query
        compared += len(expected)
    assert compared > 200
    assert search_module.word_masks("one two three", 3) is not None
    assert search_module.word_masks("one two three four", 3) is None


@pytest.mark.parametrize("limit", [0, -1, -40])
def test_a_limit_below_one_lists_nothing(index, limit):
    """Whatever the ranking path (a sort slices from the end with a negative limit; heapq gives nothing)."""
    assert index.search("detainer", limit=limit) == []


def test_a_title_only_match_shows_what_the_title_does_not_say():
    """A result shows its title above its snippet; a glossary term matched by its name showed the name
    again as its snippet ("I-247A detainer" / "I-247A detainer"). It shows the start of its definition."""
    from desktop import paths
    from desktop.storage.pack_file import load_pack

    pack = load_pack(paths.bundled_pack()).pack
    index = SearchIndex(pack)
    terms = {g.term: g.definition for g in pack.glossary}
    checked = 0
    for term, definition in terms.items():
        hit = next((h for h in index.search(term, limit=40) if h.kind == "term" and h.id == term), None)
        assert hit is not None, term
        assert hit.snippet != hit.title, term
        if not hit.spans:  # matched by its name only
            assert hit.snippet.rstrip("…") and definition.startswith(hit.snippet.rstrip("…").rstrip()), term
            checked += 1
    assert checked


def test_two_forms_joined_by_a_slash_find_what_each_finds():
    """"I-200/I-205" (as officers and the pack write the pair) found nothing: the pack holds no word
    "i200i205". A slash-joined word the pack does not hold stands for its halves; a citation it holds
    ("805/15") stays whole."""
    from desktop import paths
    from desktop.storage.pack_file import load_pack

    index = SearchIndex(load_pack(paths.bundled_pack()).pack)
    pair = [h.id for h in index.search("I-200/I-205", limit=10)]
    assert pair and pair[0] == "US-ADMINWARRANT"
    assert {h.id for h in index.search("I-200 I-205", limit=10)} == set(pair)
    assert all(h.id.startswith("IL-TRUST-15") for h in index.search("805/15", limit=5))
    assert query_terms("I-200/I-205") == ["i200i205"]  # without the index: one word, as written


def test_a_hyphen_joined_phrase_the_pack_does_not_hold_finds_what_its_words_find(bundled_index):
    """Hostile pass: "la-migra", "la-migra is here" and "gun-point" (an officer's phrase joined by a hyphen, as a
    rushed thumb writes it) found nothing at all, and offered no correction: the pack holds no word "lamigra". Such a
    word stands for its parts, as one joined by a slash; one the pack holds ("I-247A", "2-173") stays whole."""
    for joined, apart in (("la-migra", "la migra"), ("la-migra is here", "la migra is here"),
                          ("where is la-migra", "where is la migra")):
        assert [h.id for h in bundled_index.search(joined)] == [h.id for h in bundled_index.search(apart)] != [], joined
    assert bundled_index.search("gun-point") != []
    assert query_terms("la-migra", bundled_index._holds) == ["la", "migra"]
    assert query_terms("I-247A", bundled_index._holds) == ["i247a"]
    assert query_terms("2-173", bundled_index._holds) == ["2173"]


def test_did_you_mean_reads_a_slash_joined_word_as_its_halves():
    from desktop import paths
    from desktop.storage.pack_file import load_pack

    index = SearchIndex(load_pack(paths.bundled_pack()).pack)
    assert index.suggest("detanerr/warrrent") == index.suggest("detanerr warrrent")
    assert "warrant" in index.suggest("detanerr/warrrent")


def test_an_officers_word_for_the_paper_step_finds_it_first():
    """"papers" (what officers say) put "What paper are they holding?" 10th, behind every rule whose
    title says warrant or detainer; the Home button now says "a warrant or papers" too."""
    from desktop import paths
    from desktop.storage.pack_file import load_pack

    index = SearchIndex(load_pack(paths.bundled_pack()).pack)
    for query in ("papers", "paper", "they show papers"):
        assert index.search(query, limit=5)[0].id == "PAPER", query


# -- citations in citation order --------------------------------------------------------------------------
TRUST_15 = ["IL-TRUST-15a", "IL-TRUST-15b", "IL-TRUST-15d", "IL-TRUST-15e", "IL-TRUST-15g", "IL-TRUST-15h"]
MCC_020 = ["MCC-2-173-020(a)", *(f"MCC-2-173-020(a)({n})" for n in range(1, 7)), "MCC-2-173-020(b)-(c)"]
MCC_2_173 = ["MCC-2-173-005", "MCC-2-173-010", *MCC_020, "MCC-2-173-030", "MCC-2-173-069"]


@pytest.fixture(scope="module")
def bundled_index(bundled):
    return SearchIndex(bundled.pack)


def test_a_citation_lists_the_provisions_it_cites_first_in_citation_order(bundled_index):
    """"805/15" listed 15(g) first (its note mentions 805/15 as well), then 15(a), (b), (d), (e), (h);
    "2-173" a glossary term first, then -010, -005, -069, -020(a). The provisions a citation cites come
    first, in the statute's order; what only mentions it comes after."""
    hits = bundled_index.search("805/15", limit=20)
    assert ids(hits)[:6] == TRUST_15
    assert {"US-DETAINER-I247A", "IL-TRUST-5"} <= set(ids(hits)[6:])  # they mention 805/15 in their text
    hits = bundled_index.search("2-173", limit=20)
    assert ids(hits)[:12] == MCC_2_173
    assert "Welcoming City Ordinance" in ids(hits)[12:]  # its definition names the chapter


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("805/1", ["IL-TRUST-10", *TRUST_15]),  # 805/10, then 805/15(a)…: numbers as numbers
        ("805/15", TRUST_15),
        ("805/15(", TRUST_15),
        ("805/15(g", ["IL-TRUST-15g"]),
        ("2-1", ["IL-720-2-13", *MCC_2_173]),  # 2-13 (720 ILCS 5/2-13) before 2-173
        ("2-17", MCC_2_173),
        ("2-173", MCC_2_173),
        ("2-173-0", MCC_2_173),
        ("2-173-02", MCC_020),
        ("2-173-020", MCC_020),
        ("2-173-020(a)", MCC_020[:-1]),  # the exact citation before its sub-sections
        ("2-173-020(a)(1)", ["MCC-2-173-020(a)(1)"]),
        ("5 ILCS", ["IL-TRUST-5", "IL-TRUST-10", *TRUST_15, "IL-TRUST-25"]),
        ("MCC 2-173", MCC_2_173),
        ("2025-6", ["CHI-EO-2025-6", *(f"CHI-EO-2025-6.{s}" for s in "ABCDE")]),  # descriptions: the pack's order
    ],
)
def test_a_citation_typed_letter_by_letter_lists_what_it_starts_in_order(bundled_index, typed, expected):
    found = ids(bundled_index.search(typed, limit=40))
    assert found[: len(expected)] == expected, found
    assert not set(found[len(expected):]) & set(expected)


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("EO 2026-1", ["CHI-EO-2026-01"]),  # leading zeros: 2026-01 was listed third, after 2025-6 and 2025-8
        ("2-173-20", MCC_020),  # found nothing at all
        ("2-173-5", ["MCC-2-173-005"]),
        ("8 USC", ["US-8USC1373", "US-8USC1644"]),  # letters with dots or without: 1644 came first
        ("8 U.S.C.", ["US-8USC1373", "US-8USC1644"]),
        ("PA 10", ["IL-KIFTA-5", "IL-WFA-2021", "IL-PA104-0440-A5", "IL-PA104-0440-A10"]),  # P.A. 101-0019, 102-…
        ("2-173-020(a)(1)(C)", ["MCC-2-173-020(a)(1)"]),  # more precise than the pack: was missing altogether
    ],
)
def test_a_citation_is_matched_as_people_write_it(bundled_index, typed, first):
    """Found by review: citations were matched part for part as written, so leading zeros, dotted
    abbreviations, and a citation more precise than the pack's lost the citation order, or every result."""
    assert ids(bundled_index.search(typed, limit=40))[: len(first)] == first


def test_a_short_bracketed_part_after_a_space_is_part_of_the_citation(mini_pack):
    """"805/15 (b)" was split at " (" as if "(b)" were a description, so its sub-sections were listed in
    the pack's order, not the statute's, and "805/15(b" was no citation match."""
    import dataclasses

    written = ["5 ILCS 805/15 (h)", "5 ILCS 805/15 (b)", "5 ILCS 805/15 (a) [letter unverified]"]
    provisions = [dataclasses.replace(p, cite_as=c) for p, c in zip(mini_pack.provisions, written, strict=False)]
    pack = dataclasses.replace(mini_pack, provisions=(*provisions, *mini_pack.provisions[len(written):]))
    index = SearchIndex(pack)
    in_order = [provisions[2].provision_id, provisions[1].provision_id, provisions[0].provision_id]
    assert ids(index.search("805/15", limit=40))[:3] == in_order
    assert ids(index.search("805/15(b", limit=40))[:1] == [provisions[1].provision_id]


def test_a_long_citation_indexes_a_bounded_number_of_runs(mini_pack):
    """A citation may run to 2,000 characters; every run of its parts was kept as text, so one such
    citation of 1,000 parts kept ~1 MB and twenty took 165 MB to build. Only its first parts are looked up."""
    import dataclasses

    from desktop.domain.search import CITE_PARTS_INDEXED

    long_cite = " ".join(f"{n} a" for n in range(1, 1000))[:1999]
    first = dataclasses.replace(mini_pack.provisions[0], cite_as=long_cite)
    index = SearchIndex(dataclasses.replace(mini_pack, provisions=(first, *mini_pack.provisions[1:])))
    assert sum(len(text) for text in index._cite_texts) < 20 * CITE_PARTS_INDEXED ** 2
    assert ids(index.search("1 a 2 a", limit=5))[:1] == [first.provision_id]


def test_citation_order_compares_numbers_as_numbers_and_puts_a_citation_before_its_sub_sections():
    from desktop.domain.search import citation_parts, natural_key

    written = ["2-173-069", "2-173-020(a)(1)", "2-173-005", "2-173-020", "2-173-020(a)", "2-173-010",
               "805/15(h)", "805/15(b)", "805/15", "805/15(a)", "805/5", "805/10", "805/25", "9" * 5000]
    assert sorted(written, key=lambda c: natural_key(citation_parts(c))) == [
        "2-173-005", "2-173-010", "2-173-020", "2-173-020(a)", "2-173-020(a)(1)", "2-173-069",
        "805/5", "805/10", "805/15", "805/15(a)", "805/15(b)", "805/15(h)", "805/25", "9" * 5000]
    assert citation_parts("5 ILCS 805/15a") == citation_parts("5 ilcs 805 15(A)") == ["5", "ilcs", "805", "15", "a"]


def test_a_citation_keeps_the_filters_and_shows_more_results_in_the_same_order(bundled_index):
    assert not [h for h in bundled_index.search("805/15", limit=40, jurisdictions={"city"})
                if h.id.startswith("IL-TRUST")]
    assert all(h.kind == "scenario" for h in bundled_index.search("2-173", limit=40, kinds={"scenario"}))
    for query in ("805/1", "2-17", "2-173", "805/15", "5 ILCS", "805", "805/15 detainer", "2-173 warrant",
                  "detainer 805"):
        full = bundled_index.search(query, limit=40)
        for limit in range(1, 16):  # the search page asks for one more than it lists, then more
            assert bundled_index.search(query, limit=limit) == full[:limit], (query, limit)


def test_a_provision_cited_but_not_reached_by_the_words_is_listed_with_a_score(bundled_index):
    """"2-13" found nothing: the pack's word is "5/2-13" (key 5213). Its citation holds 2-13."""
    hits = bundled_index.search("2-13")
    assert ids(hits) == ["IL-720-2-13"] and hits[0].score > 0


def test_word_queries_list_what_they_listed_before_citations_came_first(bundled_index):
    """The bundled pack's first results for three word queries, as they were before a citation query
    listed the provisions it cites first."""
    assert ids(bundled_index.search("detainer", limit=8)) == [
        "S08", "US-DETAINER-I247A", "IL-TRUST-15d", "IL-TRUST-15a", "IL-TRUST-10", "I-247A detainer",
        "MCC-2-173-020(a)(1)", "IL-TRUST-25"]
    # S05 (an administrative warrant shown) 3rd since a situation's tags are measured against situations' (KIND_AVERAGED_FIELDS)
    assert ids(bundled_index.search("warrant", limit=5)) == ["PAPER", "S06", "S05", "S22", "US-ADMINWARRANT"]
    assert ids(bundled_index.search("lot", limit=5)) == ["S11", "S10", "CHI-EO-2025-8", "S26", "staging area"]


@pytest.mark.parametrize("query", ["detainer", "warrant", "lot", "ice wants me to hold him", "city lot staging",
                                   "judge signed warrant", "2025", "15", "1373", "hold 48 hours", "masked agents crowd",
                                   "release date bond", "staging 2025"])
def test_words_and_numbers_the_pack_uses_otherwise_rank_by_score_as_before(bundled_index, monkeypatch, query):
    """Only a query that is or holds a citation is looked up as one; words, and numbers that are no citation
    alone (2025 is mostly a year in the pack, 15 too short, 1373 mostly mentioned), rank as they did."""
    for end in range(1, len(query) + 1):
        typed = query[:end]
        hits = bundled_index.search(typed, limit=30)
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True), typed
        with monkeypatch.context() as patched:
            patched.setattr(SearchIndex, "_find_citation", lambda _index, _query: None)
            assert bundled_index.search(typed, limit=30) == hits, typed


TRUST = ["IL-TRUST-5", "IL-TRUST-10", *TRUST_15, "IL-TRUST-25"]


@pytest.mark.parametrize(("typed", "expected"), [("805", [*TRUST, "MCC-2-173-010", "TRUST Act"]), ("0805", TRUST),
                                                 ("173", [*MCC_2_173, "MCC-AMEND-2021"])])
def test_a_number_the_pack_uses_mostly_in_citations_is_a_citation_alone(bundled_index, typed, expected):
    """"805" listed the TRUST Act by score (805/10, 805/5, 805/25, 805/15(a)…): it is 5 ILCS 805, listed in
    order, then what mentions it by score."""
    assert ids(bundled_index.search(typed, limit=40))[: len(expected)] == expected


# -- a citation with other words ---------------------------------------------------------------------------
EO_2025_6 = ["CHI-EO-2025-6", *(f"CHI-EO-2025-6.{s}" for s in "ABCDE")]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # what 805/15 says about detainers, best first; its other paragraph; then the rest about detainers
        # (805/15(g) and (h) say no "detainer": found only through "ice" of "ice hold", the pack's word for a detainer,
        # until a wording of two words counted only where both are, they came before (b))
        ("805/15 detainer", ["IL-TRUST-15d", "IL-TRUST-15a", "IL-TRUST-15e", "IL-TRUST-15b", "IL-TRUST-15g",
                             "IL-TRUST-15h", "S08", "US-DETAINER-I247A", "IL-TRUST-10"]),
        ("detainer 805/15", ["IL-TRUST-15d", "IL-TRUST-15a", "IL-TRUST-15e", "IL-TRUST-15b", "IL-TRUST-15g",
                             "IL-TRUST-15h", "US-DETAINER-I247A", "S08", "IL-TRUST-10"]),
        ("805 detainer", ["IL-TRUST-15d", "IL-TRUST-15a", "IL-TRUST-10", "IL-TRUST-25", "IL-TRUST-15e", "IL-TRUST-5",
                          "IL-TRUST-15b", "IL-TRUST-15g", "IL-TRUST-15h", "MCC-2-173-010"]),
        # (b)-(c) says "report", a synonym's back link of "records" (the officer's "my report" is a CPD record)
        ("2-173-020 records", ["MCC-2-173-020(a)(1)", "MCC-2-173-020(b)-(c)", *MCC_020[:1], *MCC_020[2:-1],
                               "MCC-2-173-005", "MCC-AMEND-2021"]),
        ("2-173 warrant", ["MCC-2-173-020(a)(1)", "MCC-2-173-030", "MCC-2-173-010", "MCC-2-173-069"]),
        # no paragraph of EO 2025-6 says staging: its paragraphs in order, then the rest (EO 2025-8 first)
        ("EO 2025-6 staging", [*EO_2025_6, "CHI-EO-2025-8", "S11"]),
        ("staging EO 2025-6", [*EO_2025_6, "CHI-EO-2025-8", "S11"]),
        ("805/15 qqqzzz", TRUST_15),  # words that find nothing: what the citation cites, no fewer
        ("they have an i-200", ["US-ADMINWARRANT", "S05", "I-200"]),  # stop words only: likewise, then the rest
    ],
)
def test_a_citation_with_words_lists_first_what_it_cites_that_the_words_find(bundled_index, typed, expected):
    """"805/15 detainer" and "detainer 805/15" were searched as words only: the citation part was ignored
    ("2-173-020 records" listed 2-173-005 second, "2-173 warrant" a glossary term first, then warrant
    scenarios). What the citation cites that the words find comes first, by the words; then what else it
    cites, in citation order; then the rest by score."""
    assert ids(bundled_index.search(typed, limit=40))[: len(expected)] == expected


@pytest.mark.parametrize("typed", ["8 usc 1357", "8 U.S.C. 1357(g)", "detainer 8 usc 1357", "8 usc 135", "805 99",
                                   "5 ILCS 805/99"])
def test_a_number_after_a_citations_start_that_the_pack_lacks_is_no_citation_and_words(bundled_index, monkeypatch,
                                                                                        typed):
    """"8 USC 1357" (287(g)) listed 8 U.S.C. 1373 and 1644 first, then the 287(g) agreement: "8 USC" was read as a
    citation and 1357 as another word. A number after a citation's start where the pack's citations go on with one
    carries it on: the query is a citation the pack does not hold, ranked by its words as before."""
    hits = bundled_index.search(typed, limit=40)
    with monkeypatch.context() as patched:
        patched.setattr(SearchIndex, "_find_citation", lambda _index, _query: None)
        assert bundled_index.search(typed, limit=40) == hits, typed
    if "1357" in typed:
        assert ids(hits)[0] == "287(g) / 1357(g) agreement"


@pytest.mark.parametrize(("typed", "expected"), [("the 805", TRUST), ("what is 805", TRUST), ("805 of the", TRUST),
                                                 ("in 2-173", MCC_2_173), ("is 173", MCC_2_173)])
def test_stop_words_around_a_citation_do_not_reorder_what_it_cites(bundled_index, typed, expected):
    """"the 805" listed 805/25 first and "what is 805" 805/15(e): the provisions cited were ranked by the stop
    words, searched alone. A query with a citation has more than stop words, so they are dropped, as in any
    query: what it cites comes in citation order, as for the citation alone."""
    assert ids(bundled_index.search(typed, limit=40))[: len(expected)] == expected


def test_a_number_after_a_citation_that_goes_on_otherwise_is_another_word(bundled_index):
    assert set(ids(bundled_index.search("805/15 48 hours"))[: len(TRUST_15)]) == set(TRUST_15)
    assert ids(bundled_index.search("8 usc 1373 detainer"))[0] == "US-8USC1373"
    assert ids(bundled_index.search("8 usc 1373 1644"))[0] == "US-8USC1373"


@pytest.mark.parametrize(("words", "citation"), [("detainer", "805/15"), ("warrant", "2-173"), ("records", "2-173-020"),
                                               ("staging", "EO 2025-6")])
def test_typing_a_citation_and_words_keeps_what_it_cites_on_top(bundled, bundled_index, words, citation):
    """Typing a citation then words, or words then a citation, letter by letter: once the citation is one,
    each keystroke lists first what the citation typed so far cites (805/15 d: 805/15(d), a citation
    itself), reordered by the words typed so far; the list is narrowed, never swapped for another."""
    for query, at in [(f"{citation} {words}", 0), (f"{words} {citation}", len(words) + 1)]:
        for end in range(at + 1, len(query) + 1):
            typed = query[:end]
            citation_so_far = typed[at:at + len(citation)]
            # the whole query may be a citation itself (805/15 d); else what the citation so far cites, if any
            cited = _reference_cited(bundled.pack, typed) or _reference_cited(bundled.pack, citation_so_far)
            found = ids(bundled_index.search(typed, limit=40))
            assert set(found[: len(cited)]) == set(cited), (typed, found)


@pytest.mark.parametrize("typed", ["detainer 2-173-020(a)(1)(C)", "records MCC 2-173-020(a)(1)(C)",
                                   "2-173-020(a)(1)(C) detainer", "detainer 2-173-020 (a)(1)(C)"])
def test_a_citation_more_precise_than_the_packs_among_words_lists_what_it_names_first(bundled_index, typed):
    """"detainer 2-173-020(a)(1)(C)" listed the I-247A, S08 and the TRUST Act first and 2-173-020(a)(1) not at
    all: only a citation alone was matched as the longest one the pack holds that it starts with. Among words,
    the citation whose last word goes past the pack's is that one too, ranked as any citation with words."""
    hits = bundled_index.search(typed, limit=40)
    assert ids(hits)[0] == "MCC-2-173-020(a)(1)", ids(hits)
    assert hits[0].score > 0


def test_a_word_after_a_whole_citation_is_a_word_not_more_precision(bundled_index):
    """"2-173-020(a) records" lists what 2-173-020(a) cites, its paragraph on records first, as before: the
    word after the citation is searched, not taken as going on past the pack's 2-173-020(a)."""
    assert ids(bundled_index.search("2-173-020(a) records", limit=40))[:7] == [
        "MCC-2-173-020(a)(1)", "MCC-2-173-020(a)", *MCC_020[2:7]]


@pytest.mark.parametrize("typed", ["S06", "s06", "s6", "S06 warrant", "warrant s06", "what is S06"])
def test_a_situations_id_lists_that_situation_first(bundled_index, typed):
    """"S06" listed CPD S06-14-03 first (its citation starts with S06), then situation S06: a situation's id
    is looked up as a citation is, whole from its start, and comes before the citation it starts."""
    assert ids(bundled_index.search(typed, limit=40))[:2] == ["S06", "CPD-S06-14-03"]


def test_a_situation_result_names_its_id_beside_its_category(bundled_index):
    """Handouts, the booklet and the trainer name situations by id ("S06"); a situation's result row read
    only "Warrants and papers", so an officer who typed S06 could not tell from the row that it was S06."""
    hit = bundled_index.search("S06", limit=5)[0]
    assert (hit.kind, hit.citation) == ("scenario", "S06 · Warrants and papers")
    assert hit.as_dict()["citation"] == "S06 · Warrants and papers"


def test_a_situations_id_keeps_the_filters_and_leaves_other_citations_as_they_were(bundled_index, monkeypatch):
    assert ids(bundled_index.search("S06", limit=40, kinds={"provision"}))[0] == "CPD-S06-14-03"
    assert ids(bundled_index.search("CPD S06", limit=40))[0] == "CPD-S06-14-03"
    assert "S06" not in ids(bundled_index.search("S06-14", limit=40))[:1]
    assert ids(bundled_index.search("S1", limit=40))[:11] == ["S01", *(f"S{n}" for n in range(10, 20))]
    typed_zero = bundled_index.search("S0", limit=40)  # no id (S01 is matched as S1): by score, as before
    monkeypatch.setattr(SearchIndex, "_find_citation", lambda _index, _query: None)
    assert bundled_index.search("S0", limit=40) == typed_zero


# Every keystroke of bench.py's queries, as the search page asks for them (ids, scores, snippets, highlights),
# hashed per query on the bundled pack: search changes must leave them as they are. Pinned at 2c110ec (before
# citations more precise than the pack's among words and situation ids were looked up), and pinned again
# when the pack's words change (a change to the data changes scores: the court cases' notes on their dates
# in 8138e10 moved two results at places 16-21 of "release date bond" and "judge signed warrant"; "[subsection
# letter unverified]" in two citations, for "[letter unverified]", moved none; S24's paper question giving one
# answer into the paper check, not two, moved S24 a place or two among places 6-21 of six queries; S05's, S23's
# and S26's the same, S01's and S16's answers reworded, moved S05, S26 and S24 among places 1-21 of six). Pinned
# again (with those data changes) when a plural or
# an -ing/-ed form came to count as its word ("wants", "signed", "masked", "staging"): the finished queries list
# the same first results; places 3-8 of some of their keystrokes moved. And when a synonym came to be found
# from its officer's word's other forms: "maske" (stem "mask") lists the city's legal guide at 4. Pinned again
# when S05's, S23's, S24's and S26's merged "Yes, or I'm not sure" answers were split back into a judge's
# warrant (entering the paper check at its court-warrant check) and "Not sure": every finished query lists the
# same first five; "judge signed warrant" lists S05 a place higher (7, not 9), and the keystroke "m" no longer
# finds S26, S05 and S24 by "I'm".
# And when a document holding only another form than an -ing/-ed form typed came to count a little less
# ("staging", "signed", "masked"): "masked" lists the masked-people situation (S13) first; places 8-21 of some
# keystrokes moved. (Both changes re-pinned once on the merged tree: against the split answers' pins, only
# "city lot staging", "judge signed warrant" and "masked agents crowd" moved, the three -ing/-ed queries.)
# And when the data audit noted on MCC 2-173-020(a)(1) that older material may cite 2-173-042: the longer text
# lowers that provision's scores, so "judge signed warrant" lists S22 4th and it 5th (they swapped); keystrokes
# of 11 queries moved at places 4-21. (The audit's added citations and reworded outcomes changed no hash.)
# And when S31's rationale and 5 ILCS 805/15's note on its list stopped naming "the researcher": every score
# moved a little (the pack's words are fewer); no result moved at any keystroke of the twelve queries.
# And when the words of a request ("need", "wants", "come", "get", "here": _FILLER) came to count a tenth of a
# word and no longer in the share of words matched: only "ice wants me to hold him" moved. Finished, it lists
# S01 first as before; the detainer situation (S08) and the I-247A rule come 2nd and 3rd, where the perimeter
# (S15) and transport (S31) situations were (S31 is 4th). Keystrokes from "ice want" on moved at places 1-21:
# with "wants" a tenth of a word, "ice wants me to h", "...ho" and "...hol" list what "ice h", "ice ho" and
# "ice hol" list (S01 was first at "...h" and "...hol"). No case of tests/data/search_cases.json lists what it
# expects lower than before.
# And when the pack's synonyms took officers' "cuff", "take", "down", "wait" and "house": "cuff" → detain
# links back from "detain", so the keystroke "transport detain" scores S13 (which says "cuff") a little higher;
# no result moved at any keystroke of the twelve queries.
# And when the pack's synonyms of two words or more came to be read from the officer's words to the pack's where
# the query holds them in a row, from the last word's first letter on ("officer d": _phrase_terms): only the
# keystrokes "ice w" and "ice wa" of "ice wants me to hold him" moved (places 1-21), "w" and "wa" starting
# "warrant" of the phrase "ice warrant" (administrative warrant, I-200, I-205); "ice wan" on lists what it did.
# And when the word ending a phrase came to count the better of its own score and the pack's wording's, not both
# added: again only "ice w" and "ice wa" moved, back to what they listed before phrases in their first 5 and 15
# places (US-18USC111 first), no longer lifting what says both "warrant" and "administrative warrant".
# And when two of a query's words in a row in a title or tag came to rank a document a tenth higher, a query that is
# a situation's tag that situation, and a query holding a word of the request (wants, help...) every situation a fifth
# higher: nine queries moved, as meant. "ice wants me to hold him": from "ice want" S01 first (S30 was), S01 and S08
# still 1st and 2nd when typed whole, situations (S31, S05, S15) before the I-247A rule. "administrative warrant":
# the situation tagged so (S05) first, the rule 3rd (was 1st). "city lot staging": the executive order and S10 above
# S11 from "city lot sta". "judge signe".."judge signed warran": S06 (a judge's warrant) before the administrative
# warrant rule. "release date": S32 (tagged "release date") above the rule on release dates. "masked agents": the
# rule, the order and the situation tagged "masked agents" (IL-BILLS-MASK, CHI-EO-2025-6.C, FORCE) above S13, which
# says "masked" and "agents" apart; "masked agents crowd" whole lists S13 first as before. "plate reader": S04
# (tagged so) above the plate-reader law. "perimeter traffic control": scores only, no place moved.
# And when S13 (masked people grabbing someone) was tagged "masked agents": from "masked agents" S13 first (was 4th),
# from "mas" S13 above S29; the word "agents" a little less rare, every score moved a little, and only places 6-21 of
# "ic", "ice" and "ice wants me to hold" moved besides.
# And when a snippet named a provision by its citation, not the pack's id ("see LIT-USvIL-2025"): snippets only in 6
# of the 13 (the same kinds, ids and scores at every letter typed).
# And when a result's "Listed under:" line stopped naming tags whose matched words its title or citation line shows:
# snippets only in 5 of the 12 (ids and scores the same at every keystroke of the bench and phrasing queries).
# And when words for whoever ("people", "someone": no one in particular) became a query's stop words: S31's title
# "transport someone they detained" writes "transport" and "detained" in a row as a query reads them, and S31, first
# already, scores a tenth higher at "transport detain" and "transport detaine"; no other keystroke or place moved.
# And when the records request (S04) was tagged "police report" and "give reports" (the officers' words for what is
# asked of them; "can i give them my report" listed the victim's report, S27, first): every situation's tags a little
# longer on average, so every score moved a little. Places moved at 18 keystrokes, 13 of them at places 7-21 only:
# "ice wants me to hold hi" lists PAPER, then S07 (S07 was first; "...hold him" lists S01 first as before), "judge
# signed war" swaps places 5 and 6, "pl" and "pla" list S04 4th (was 3rd), "plate re" S04 first (was 3rd).
# And when a one-word synonym's wording of two words or more ("take": hand over; "ice": Immigration and Customs
# Enforcement; "perimeter": traffic control) came to count only in the documents holding all its words (scored as its
# words were): 7 of the 12 hashes changed, "masked agents crowd" in scores only; the last keystroke of the other six
# lists its first six as before. At the top: "ice w" lists MCC 2-173-020(a) first (18 U.S.C. § 111 was: "ice" found
# it by "agents" alone, of "immigration agents"), "ice wa" the I-247A rule (was 2nd); "release date b" the rule on
# release dates first (the KIFTA rule was).
# And when the records request (S04) was tagged "incident report", "show reports", "send reports" and "copy of a report"
# ("feds want the incident report" listed S04 6th, "can i show them the report" past the 8th): every situation's tags a
# little longer on average, so every score moved a little. Places moved at 11 keystrokes: S04 itself, which ranks a
# little lower for each of its longer list of tags, two places down at most ("release d" 5th, was 3rd; "release dat"
# 4th, was 2nd), and "masked", "masked ", "masked a", "masked agents c" at places 6-9.
BENCH_RESULTS_BEFORE = {
    "ice wants me to hold him": "0b85f0c2c368dc51",
    "detainer": "fdb989226fa354df",
    "administrative warrant": "74d3972e6e84844f",
    "city lot staging": "8a9391c74f09eb54",
    "I-247A": "9f1366558bd2a1e4",
    "2-173-020": "fbcdcc22e53cd83b",
    "perimeter traffic control": "61a40db3ce468a72",
    "judge signed warrant": "8d5f7e4d7043f24b",
    "release date bond": "12b7bb9e9f4e3f66",
    "masked agents crowd": "8734822c12634ef3",
    "plate reader data": "24c3486d5b7916a1",
    "transport detainee": "e317e4505372bd5a",
}


def test_the_queries_the_bench_types_list_what_they_listed_before(bundled):
    """Precise citations among words and situation ids change no other query: the bench's, typed letter by
    letter, list the same results, scores, snippets and highlights as before them."""
    import hashlib
    import json
    import sys
    from pathlib import Path

    from desktop.domain.search import RESULT_LIMIT

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "build_scripts"))
    import bench

    index = SearchIndex(bundled.pack)  # a new session, as the bench types in
    assert set(bench.QUERIES) == set(BENCH_RESULTS_BEFORE)
    for query in bench.QUERIES:
        listed = [[(h.kind, h.id, round(h.score, 9), h.snippet, h.spans) for h in index.search(query[:end],
                                                                                             limit=RESULT_LIMIT + 1)]
                  for end in range(1, len(query) + 1)]
        assert hashlib.sha256(json.dumps(listed).encode()).hexdigest()[:16] == BENCH_RESULTS_BEFORE[query], query


@lru_cache(maxsize=4)
def _lone_citation_numbers(pack) -> frozenset[str]:
    """Numbers of LONE_NUMBER_DIGITS or more (as matched) that a provision's citation has as a part, held
    by at least as many provisions whose citation has it as by other documents, written plainly."""
    import re

    from desktop.domain.search import LONE_NUMBER_DIGITS, _entries, _matching_parts, citation_parts, tokenize

    entries = _entries(pack)
    citing: dict[str, set[int]] = {}
    for doc, entry in enumerate(entries):
        if entry.kind == "provision":
            written = re.split(r"\s[(\[](?![^\W_]{1,4}\))", entry.citation, maxsplit=1)[0]
            for part in _matching_parts(citation_parts(written)):
                if part.isdecimal() and len(part) >= LONE_NUMBER_DIGITS:
                    citing.setdefault(part, set()).add(doc)
    holding = {number: sum(number in tokenize(" ".join(text for _, text in e.fields)) for e in entries)
               for number in citing}
    # a section number ("§ 1373") in one provision's citation alone, the query's only number, names it too
    sections: dict[str, set[int]] = {}
    for doc, entry in enumerate(entries):
        if entry.kind == "provision":
            for number in re.findall(r"§\s*0*(\d+)", entry.citation):
                if len(number) >= LONE_NUMBER_DIGITS:
                    sections.setdefault(number, set()).add(doc)
    return frozenset(number for number, docs in citing.items() if 2 * len(docs) >= holding[number]) | {
        number for number, docs in sections.items() if len(docs) == 1}


def _reference_cited(pack, query, shorter=True, shortest=1):
    """The provisions a query cites, in citation order, written plainly: every provision whose citation
    (without its bracketed description, short bracketed parts kept) has the query's parts in a row, the last
    as a start; parts compared as matched (numbers without leading zeros, single letters run together), a
    last part of zeros after a number standing for any next part; a lone number, when the pack uses it mostly
    in citations, as a whole part. A situation's id of two parts or more, one a number (S06), is a citation
    whose parts are only looked up from its first. Where none has (and ``shorter``), those whose citation
    ends with the longest run of the query's first parts (two or more, more than ``shortest``) that one does."""
    import re

    from desktop.domain.search import CITE_PARTS_INDEXED, _matching_parts, citation_parts, natural_key

    if not any(ch.isdecimal() for ch in query):
        return []
    asked = _matching_parts(citation_parts(query))
    lone = len(asked) == 1
    if not asked or lone and asked[0] not in _lone_citation_numbers(pack):
        return []
    any_next = asked[-1] == "0" and asked[-2].isdecimal()
    asked = asked[:-1] if any_next else asked
    cites = []
    for doc, provision in enumerate(pack.provisions):
        written = re.split(r"\s[(\[](?![^\W_]{1,4}\))", provision.cite_as, maxsplit=1)[0]
        parts = _matching_parts(citation_parts(written))[:CITE_PARTS_INDEXED]
        cites.append((doc, provision.provision_id, parts, natural_key(citation_parts(written))))
    situations = set()
    for doc, scenario in enumerate(pack.scenarios, len(pack.provisions)):
        parts = _matching_parts(citation_parts(scenario.scenario_id))
        if len(parts) > 1 and any(part.isdecimal() for part in parts):
            situations.add(doc)
            cites.append((doc, scenario.scenario_id, parts, natural_key(citation_parts(scenario.scenario_id))))

    def numbered(run):  # a run the index keeps: from a part at or before the citation's last number
        return any(part.isdecimal() for part in run)

    found = []
    for doc, pid, parts, whole in cites:
        n = len(asked)
        starts = range(min(1, len(parts) - n + 1)) if doc in situations else range(len(parts) - n + 1)
        runs = [natural_key(parts[i:]) for i in starts if numbered(parts[i:])
                and parts[i:i + n - 1] == asked[:-1] and (
                    parts[i + n - 1] == asked[-1] and len(parts) > i + n if any_next
                    else parts[i + n - 1] == asked[-1] if lone else parts[i + n - 1].startswith(asked[-1]))]
        if runs:
            found.append((min(runs), whole, doc, pid))
    longest = len(asked) if any_next else len(asked) - 1
    for k in range(longest, max(shortest, 1), -1) if shorter else ():
        if found:
            break
        for doc, pid, parts, whole in cites:
            if (len(parts) == k if doc in situations else len(parts) >= k) and parts[-k:] == asked[:k] and numbered(
                    parts[-k:]):
                found.append((natural_key(parts[-k:]), whole, doc, pid))
    return [pid for *_, pid in sorted(found)]


def _reference_cited_more_precisely(pack, words, last_word):
    """What ``words`` cite (_reference_cited, written plainly), when they name a citation and go on past it in
    their last word (``last_word``): "2-173-020(a)(1)(C)" cites 2-173-020(a)(1). Nothing when a citation starts
    with all of them (they are a citation, or its start) or the citation ends before their last word."""
    from desktop.domain.search import _matching_parts, citation_parts

    if _reference_cited(pack, words, shorter=False):
        return []
    ahead = len(_matching_parts(citation_parts(words[: len(words) - len(last_word)])))
    return _reference_cited(pack, words, shortest=ahead)


def _reference_runs_on(pack, citation, after):
    """Whether the word after a citation among words carries it on, written plainly: its first part is a
    number, and some provision's citation has the citation's parts in a row (as matched, whole, a last part of
    zeros after a number dropped), then a number written in digits 0-9."""
    import re

    from desktop.domain.search import CITE_PARTS_INDEXED, _matching_parts, citation_parts

    after_parts = citation_parts(after)
    if not after_parts or not after_parts[0].isdecimal():
        return False
    asked = _matching_parts(citation_parts(citation))
    if len(asked) > 1 and asked[-1] == "0" and asked[-2].isdecimal():
        asked = asked[:-1]
    for provision in pack.provisions:
        written = re.split(r"\s[(\[](?![^\W_]{1,4}\))", provision.cite_as, maxsplit=1)[0]
        parts = _matching_parts(citation_parts(written))[:CITE_PARTS_INDEXED]
        if any(parts[i:i + len(asked)] == asked and parts[i + len(asked)][0] in "0123456789"
               for i in range(len(parts) - len(asked))):
            return True
    return False


def _more_than_stop_words(index, words):
    """Whether words around a citation are more than stop words (which a query holding more drops)."""
    from desktop.domain.search import _STOP

    return any(term not in _STOP for term in query_terms(words, index._holds))


def _reference_first(pack, index, query):
    """What a query lists first, written plainly: what it cites, if it is a citation (_reference_cited, whole);
    else, if it holds one (its longest run of whole words that cites something, the first of the longest,
    not carried on by a number the pack's citations would go on with: _reference_runs_on; or that names a
    citation and goes on past it in its last word: _reference_cited_more_precisely),
    what that cites that the other words, unless only stop words, find (searched alone: their scores), best
    first, ties in citation order, then what else it cites, in citation order; else what the longest citation
    the whole query starts with cites (_reference_cited's shorter runs), as the engine's _find_citation."""
    from desktop.domain.search import _TOKEN_RE

    cited = _reference_cited(pack, query, shorter=False)
    if cited:
        return cited
    words = [match.span() for match in _TOKEN_RE.finditer(query)]
    spans = sorted(((last - first, -first) for first in range(len(words)) for last in range(first, len(words))),
                   reverse=True)  # the longest first, then the first of them
    for length, minus_first in spans:
        first, last = -minus_first, -minus_first + length
        cited = _reference_cited(pack, query[words[first][0]:words[last][1]], shorter=False)
        if not cited:  # "detainer 2-173-020(a)(1)(C)": more precise than the pack's, and no word carries it on
            cited = _reference_cited_more_precisely(pack, query[words[first][0]:words[last][1]],
                                                    query[words[last][0]:words[last][1]])
        elif last + 1 < len(words) and _reference_runs_on(
                pack, query[words[first][0]:words[last][1]], query[words[last + 1][0]:words[last + 1][1]]):
            continue
        if cited:
            others = query[:words[first][0]] + " " + query[words[last][1]:]
            with pytest.MonkeyPatch.context() as patched:  # searched as words, whatever they hold
                patched.setattr(SearchIndex, "_find_citation", lambda _index, _query: None)
                by_words = {h.id: h.score for h in index.search(others, limit=len(index.entries))
                            } if _more_than_stop_words(index, others) else {}
            return sorted((pid for pid in cited if pid in by_words), key=lambda pid: -by_words[pid]) + [
                pid for pid in cited if pid not in by_words]
    # none among its words either: the longest citation the whole query starts with ("S8A [A", with a
    # situation S08 and a provision cited "S8A [A": the provision, its words as written, not S08)
    return _reference_cited(pack, query)


# derandomize: the same 300 examples on every run. With a fresh example database, hypothesis 6.170 failed this test
# with FlakyStrategyDefinition ("the second run stopped drawing earlier") for 1 seed in 40 (`--hypothesis-seed=24`,
# at 12fdda1 as now), though the same citation always makes the same draws; drawing a fixed number of values instead
# failed 3 seeds in 60. The cause is not found; a fixed set of examples keeps the check and cannot fail CI by chance.
@settings(max_examples=300, deadline=None, derandomize=True)
@given(data=st.data())
def test_any_citation_or_its_start_lists_what_it_cites_first_then_the_rest_by_score(bundled, bundled_index, data):
    import re

    from desktop.domain.search import citation_parts

    pack = bundled.pack
    cite = data.draw(st.sampled_from([p.cite_as for p in pack.provisions] + [s.scenario_id for s in pack.scenarios]))
    parts = citation_parts(re.split(r"\s[(\[](?![^\W_]{1,4}\))", cite, maxsplit=1)[0]) or ["x"]
    start = data.draw(st.integers(0, len(parts) - 1))
    end = data.draw(st.integers(start + 1, len(parts)))
    typed = parts[start]
    for part in parts[start + 1:end]:
        typed += data.draw(st.sampled_from(["-", "/", " ", "(", ".", "§ "])) + part.upper()
    typed = typed[: data.draw(st.integers(1, len(typed)))]
    expected = _reference_first(pack, bundled_index, typed)[:40]  # "s-V-ILLINOIS NO-1": No. 1:25-cv-01285
    hits = bundled_index.search(typed, limit=40)
    assert ids(hits)[: len(expected)] == expected, typed
    rest = hits[len(expected):]
    assert [h.score for h in rest] == sorted((h.score for h in rest), reverse=True), typed
    assert all(h.score > 0 for h in hits)


@settings(max_examples=150, deadline=None)
@given(cite=st.text(st.sampled_from("5 ILCS 805/15(a)-[é]§.,ⅷ٣²Ab\u2003"), min_size=1, max_size=40), cut=st.integers(1, 40))
@example(cite="S8A [A", cut=6)  # typed whole: that provision, not situation S08, which the query starts with
def test_any_written_citation_is_indexed_and_found_by_what_starts_it(mini_pack, cite, cut):
    """Whatever a provision's citation says (brackets, accents, other scripts' digits), the index builds,
    and typing the citation, or its start, lists first the provisions it cites, as written plainly."""
    import dataclasses

    first = dataclasses.replace(mini_pack.provisions[0], cite_as=cite)
    pack = dataclasses.replace(mini_pack, provisions=(first, *mini_pack.provisions[1:]))
    index = SearchIndex(pack)
    typed = cite[:cut]
    expected = _reference_first(pack, index, typed)[:40]
    hits = index.search(typed, limit=40)
    assert ids(hits)[: len(expected)] == expected, typed
    assert all(h.score > 0 for h in hits)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_citation_with_words_lists_what_it_cites_that_they_find_then_what_else_it_cites_then_the_rest(
        bundled, bundled_index, data):
    """A citation (or its start) with words before or after it: first what it cites that the words alone
    find, by their score (ties in citation order); then what else it cites, in citation order; then the
    rest, as the same query searched as words only ranks them."""
    import re

    from desktop.domain.search import citation_parts

    pack = bundled.pack
    drawn = data.draw(st.sampled_from(pack.provisions))
    cite = drawn.cite_as
    parts = citation_parts(re.split(r"\s[(\[](?![^\W_]{1,4}\))", cite, maxsplit=1)[0])
    numbers = [i for i, part in enumerate(parts) if part.isdecimal()] or [0]
    start = data.draw(st.integers(0, numbers[-1]))  # from a part at or before a number, to one after it
    citation = parts[start]
    for part in parts[start + 1:data.draw(st.integers(min(i for i in numbers if i >= start) + 1, len(parts)))]:
        citation += data.draw(st.sampled_from(["-", "/", " ", "(", "."])) + part.upper()
    citation += data.draw(st.sampled_from(["", "", "(C)", "(z)(9)", "-4"]))  # more precise than the pack's, or not
    words = " ".join(data.draw(st.lists(st.sampled_from(
        ["detainer", "warrant", "records", "staging", "release", "judge", "ice", "de", "wa", "the"]), min_size=1,
        max_size=2)))
    query = data.draw(st.sampled_from([f"{citation} {words}", f"{words} {citation}"]))
    cited = _reference_cited(pack, citation)
    if _reference_cited(pack, query) or not cited:  # the query is a citation itself, or holds none
        return
    if drawn.provision_id not in cited:
        # the start of the drawn citation, made more precise, reads as another's: "S-06 14(C)", from CPD S06-14-03,
        # is situation S06's id run on (a shorter run), which no words around it make a citation among words
        return
    # words before the citation are finished: not completed ("wa 805" is not "warrant 805")
    alone = words if query.endswith(words) else words + " "
    by_words = {h.id: h.score for h in bundled_index.search(alone, limit=len(bundled_index.entries))
                } if _more_than_stop_words(bundled_index, words) else {}
    first = sorted((pid for pid in cited if pid in by_words), key=lambda pid: -by_words[pid]) + [
        pid for pid in cited if pid not in by_words]  # sorted() is stable: ties stay in citation order
    assert _reference_first(pack, bundled_index, query) == first, query  # the citation found is the one typed
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(SearchIndex, "_find_citation", lambda _index, _query: None)
        rest = [pid for pid in ids(bundled_index.search(query, limit=80)) if pid not in set(cited)]
    assert ids(bundled_index.search(query, limit=40)) == (first + rest)[:40], query


# -- words as a tired officer types them: plurals, -ing/-ed forms, other spellings ----------------------------
@pytest.mark.parametrize(("typed", "word"), [
    ("detainers", "detainer"), ("detained", "detain"), ("courthouses", "courthouse"), ("hospitals", "hospital"),
    ("lawyers", "lawyer"),
])
def test_a_plural_or_an_ing_ed_form_lists_first_what_the_word_lists_first(bundled_index, typed, word):
    """"detainers" listed the detainer situation (S08) nowhere in its first four, while "detainer" lists it
    first: the plural, rarer in the pack, counted for more than its stem, and ranked the few documents that
    say "detainers" (reports) first."""
    assert ids(bundled_index.search(typed))[:1] == ids(bundled_index.search(word))[:1]


def test_a_plural_counts_no_more_than_its_stem(bundled_index):
    expansions, own, _forms = bundled_index._expand("detainers", False)
    assert expansions["detainers"] == expansions["~detainer"] == 1.0
    assert set(own) == {"detainers", "~detainer"}
    assert bundled_index._expand("notice", False)[1] is None  # stem() cuts only its "e": no other form


@pytest.mark.parametrize("typed", ["addr", "addre", "addres"])
def test_a_word_being_typed_counts_a_longer_word_holding_one_it_starts_no_more_than_that_one(bundled_index, typed):
    """"addres" listed 8 U.S.C. § 1373 first, which says "addresses" (3 documents), where "address" lists the rule on
    answering ICE about custody (MCC 2-173-020(a)(3)), tagged "address" (7 documents): each word it starts counted at
    its own rarity. Now "addresses" counts as "address" typed whole would find it (a form of it), and "warrantless" no
    more than "warrant", as a typo counts no more than the commonest word it may be."""
    assert ids(bundled_index.search(typed))[:1] == ids(bundled_index.search("address"))[:1]
    expansions = bundled_index._expand("warran", True)[0]
    idf = bundled_index._idf
    assert expansions["warrant"] * idf["warrant"] >= expansions["warrantless"] * idf["warrantless"]
    assert expansions["warrant"] * idf["warrant"] > expansions["warrants"] * idf["warrants"]


@pytest.mark.parametrize("typed", ["address", "adress", "address ", "addres"])
def test_a_situations_tags_count_as_a_rules_same_tags_do(bundled_index, typed):
    """A situation's tags list the officers' words for it (27 words on average, a rule's 13): measured against every
    document's average, its tag counted about a third less than a rule's same tag, and "address" listed the rule on
    answering ICE about custody (MCC 2-173-020(a)(3)) above the situation tagged "address" (S03)."""
    assert ids(bundled_index.search(typed))[0] == "S03"


def test_til_is_a_stop_word_as_till_and_until_are(bundled_index):
    """"holding him til ice comes": "til", a word the pack does not hold, counted as a word every document missed;
    "till" and "until" were stop words already."""
    assert query_terms("holding him til ice comes") == query_terms("holding him until ice comes") == [
        "holding", "ice", "comes"]
    assert ids(bundled_index.search("hold him til")) == ids(bundled_index.search("hold him till"))


@pytest.mark.parametrize(("typed", "first"), [("guarding", "S25"), ("detained", "IL-TRUST-15b"), ("detainers", "S08")])
def test_an_ing_ed_form_lists_first_what_holds_that_very_form(bundled_index, typed, first):
    """"guarding" listed the hospital situation where an officer guards an arrestee (S25) 4th, after three
    National Guard rules: the stem "guard" counted the noun as fully as the word typed. A document holding only
    another form of an -ing/-ed form counts a little less, more than a synonym; a plural is its word."""
    assert ids(bundled_index.search(typed))[0] == first
    expansions, _own, forms = bundled_index._expand("guarding", True)
    assert expansions["~guard"] == OTHER_FORMS_WEIGHT > SYNONYM_WEIGHT == expansions["military"]
    assert forms == ["guarding"]
    assert bundled_index._expand("detainers", True)[2] is None


@pytest.mark.parametrize("query", ["holding him til ice comes", "holding him", "holding"])
def test_a_verb_written_after_to_counts_as_the_ing_form_typed(bundled_index, query):
    """"holding him til ice comes" listed the transport situation (S31, tagged "holding") first and the detainer
    situation (S08) 3rd, though S08 asks CPD "to hold them": a document holding only another form than the -ing form
    typed counted 0.85 of it, as the National Guard's "Guard" does for "guarding". A form written after "to" is the
    verb typed, and counts fully; "Guard" never follows "to" (guarding still lists S25 first)."""
    assert ids(bundled_index.search(query))[0] == "S08"
    docs = {e.id: doc for doc, e in enumerate(bundled_index.entries)}
    assert {docs["S08"], docs["S01"]} <= bundled_index._verb_uses("~hold")
    guard = bundled_index._verb_uses("~guard")
    assert not guard & {docs["S28"], docs["LIT-ILvTRUMP"], docs["CHI-EO-2025-6.A"]}
    assert ids(bundled_index.search("guarding"))[0] == "S25"


def test_not_after_to_is_no_verb_for_noted(bundled_index):
    """The stemmer files "noted" under "not", and the verb after "to" counted fully: "noted" listed U.S. v. Illinois
    second, for "decision to not participate", whose "not" is no verb and was never typed."""
    docs = {e.id: doc for doc, e in enumerate(bundled_index.entries)}
    assert docs["LIT-USvIL-2025"] not in bundled_index._verb_uses("~not")
    assert "LIT-USvIL-2025" not in ids(bundled_index.search("noted"))[:3]


@pytest.mark.parametrize(("word", "others"), [
    ("protestors", ["protesters"]), ("offence", ["offense"]), ("authorised", ["authorized"]),
    ("behaviour", ["behavior"]), ("judgement", ["judgment"]), ("cancelled", ["canceled"]),
])
def test_spelling_variants(word, others):
    assert set(others) <= set(spelling_variants(word))
    assert all(word in spelling_variants(other) for other in others)
    assert spelling_variants("minor") == spelling_variants("2-173") == []  # short, or no plain word


@pytest.mark.parametrize(("typed", "other"), [("protestors", "protesters"), ("offense", "offence")])
def test_a_spelling_finds_what_the_other_spelling_finds(bundled_index, typed, other):
    """"protestors" found one court case (whose quote spells it so) and not the protest situation (S18),
    which "protesters" lists first; "offense" missed the five documents saying "offence"."""
    assert set(ids(bundled_index.search(typed))) == set(ids(bundled_index.search(other)))
    assert ids(bundled_index.search("protestors"))[0] == "S18"
    assert ids(bundled_index.search("licence"))[0] == ids(bundled_index.search("license"))[0] == "IL-ALPR-2023"


@pytest.mark.parametrize(("typed", "first"), [("holds", "S08"), ("ice holds", "S08")])
def test_a_synonym_is_found_from_the_officers_word_in_another_form(bundled_index, typed, first):
    """"hold" → detainer listed the detainer situation first; "holds" listed ICE's removal office (ERO),
    for the word alone: a synonym was looked up only as the pack spells its officer's word."""
    assert ids(bundled_index.search(typed))[0] == first
    warrants, _own, _forms = bundled_index._expand("warrants", False)
    assert {"i200", "i205"} <= set(warrants)  # "warrant" → I-200, I-205
    assert "cbp" in bundled_index._expand("fed", False)[0]  # "feds" → CBP


def test_an_officers_house_is_the_packs_home(bundled_index):
    """"house" found only what says house (or housing): not the administrative-warrant situation (S05), whose
    home entry the pack writes "home", nor the I-205 and final-order terms. The pack's synonyms now say so."""
    found = ids(bundled_index.search("house", limit=20))
    assert {"S05", "I-205"} <= set(found)
    assert "S23" in found[:2]  # what says "house" still leads


@pytest.mark.parametrize(("typed", "meant"), [("warent", "warrant"), ("supena", "subpoena"), ("the warent", "warrant")])
def test_a_query_that_finds_nothing_is_corrected_to_the_word_it_clearly_means(bundled_index, typed, meant):
    """"warent" found nothing ("Try: warrant, warrants, …"): two edits from warrant, past the typo match."""
    assert bundled_index.search(typed) == []
    assert bundled_index.correction(typed) == meant


def test_search_or_corrected_lists_the_corrected_query_only_for_a_query_that_finds_nothing(bundled_index):
    """What the window and the command line list: the corrected query's results, named, for "warent"; a query
    that finds something, or nothing and has no clear correction, as search() lists it, with no correction."""
    assert bundled_index.search_or_corrected("warent", limit=5) == (bundled_index.search("warrant", limit=5), "warrant")
    assert bundled_index.search_or_corrected("warrant", limit=5) == (bundled_index.search("warrant", limit=5), None)
    assert bundled_index.search_or_corrected("defense") == ([], None)


@pytest.mark.parametrize("typed", ["defense", "warxyz", "tow", "interpreter", "warrant", "hospitalized", "lwyr"])
def test_no_correction_without_a_clear_word(bundled_index, typed):
    """Not for a word two changes from a rare one ("defense" is not "defines"), nor far from any, nor one the
    pack does not hold ("tow", "interpreter"), nor a query that finds something, nor a word of 4 letters
    ("lwyr" is two edits from lower and from lawyer; the commoner led)."""
    assert bundled_index.correction(typed) is None



def test_only_the_word_still_being_typed_matches_the_words_it_starts(bundled_index):
    """"tow truck" listed the Illinois Bivens Act, for "toward": a finished word that the pack does not hold
    matched the words it starts. The pack has nothing on towing: no results, and no "toward" to tap. The word
    still being typed (the last, no space after it) is still completed."""
    assert bundled_index.search("tow truck") == bundled_index.search("tow ") == []
    assert "toward" not in bundled_index.suggest("tow truck") + bundled_index.suggest("tow ")
    assert bundled_index.search_or_corrected("tow truck") == ([], None)
    assert ids(bundled_index.search("tow")) == ["IL-PA104-0440-A5"]  # "tow…" may still become "toward"
    assert still_typed("tow") and not still_typed("tow ") and not still_typed("tow\t")


@pytest.mark.parametrize("typed", ["tow truck", "truck", "warxyz", "defense"])
def test_did_you_mean_offers_no_word_that_only_shares_the_first_letters(bundled_index, typed):
    """"tow truck" found nothing and offered "Did you mean: trust": truck's first three letters and two of its
    five changed. A stressed officer paid a tap and got a wrong page. The word still being typed is offered
    only the words whose start is within its typo reach (typo_reach: 1 edit under 8 letters)."""
    assert bundled_index.search(typed) == []
    assert bundled_index.suggest(typed) == []


@pytest.mark.parametrize("typed", ["need an interpreter", "i want a translator", "come here passport"])
def test_did_you_mean_offers_no_word_of_the_request(bundled_index, typed):
    """"need an interpreter" finds nothing (what "need" alone matches is not listed) and offered "Did you mean:
    need", "i want a translator" want, wait and went: a tap on one listed what the filler alone matches, the
    noise the search had just left out. The empty page offers the example words instead, as for "interpreter"."""
    assert bundled_index.search(typed) == []
    assert bundled_index.suggest(typed) == []


@pytest.mark.parametrize(("typed", "meant"), [("warent", "warrant"), ("detianer", "detainer"), ("supena", "subpoena"),
                                              ("detainr", "detainer"), ("warrx", "warrant"), ("kidnp", "kidnapping")])
def test_did_you_mean_keeps_the_guesses_close_to_what_was_typed(bundled_index, typed, meant):
    """A typo (detianer), a letter or two left out (warent, supena) and a word cut short with a slip at its
    end (warrx, kidnp: a near miss of the start of warrant, kidnapping) are still offered what they meant."""
    assert bundled_index.suggest(typed)[0] == meant


@pytest.mark.parametrize(("typed", "offered"), [("subpe", ["subject", "subpoena", "subsection"]),
                                                ("kidnp", ["kidnapping"]), ("warrx", ["warrant", "warrantless"])])
def test_did_you_mean_offers_one_form_of_a_word(bundled_index, typed, offered):
    """"subpe" offered subpoena and subpoenas, "kidnp" kidnapping and kidnapped: each pair finds the same, and the
    second took a chip's room and a tired officer's choice. One form of each word, the commonest."""
    assert bundled_index.suggest(typed) == offered


@pytest.mark.parametrize(("typed", "first"), [("immig officer", "S06"), ("warr signed by judge", "US-ADMINWARRANT"),
                                              ("transp detainee", "S31")])
def test_a_finished_abbreviation_still_finds_the_words_it_starts(bundled_index, typed, first):
    """An officer abbreviates ("immig", "warr", "transp"): once only the word still being typed completed,
    "immig officer" listed the peace-officer definitions first (immig matched nothing) and "warr signed by judge"
    the TRUST Act's definitions. A finished word of 4 letters or more the pack does not hold matches the words
    it starts; "tow" (3) in "tow truck" still does not match "toward"."""
    assert ids(bundled_index.search(typed))[0] == first
    assert "immigration" in bundled_index._expand("immig", False)[0]
    assert bundled_index.search("tow truck") == []


def test_a_noun_made_from_a_verb_and_the_verb_find_each_other(bundled_index):
    """"obstruction" missed the DOJ warning to officials who "obstruct"; "requirement" what says "require",
    "protection" "protect" (a word being typed finds only the longer words it starts). They are linked when the pack holds both and
    uses the verb as one (an -ing/-ed form), its stem 5 letters or more: not "department" and "departs",
    "exception" and "except", "nationality" and "national". A link counts below the word and its synonyms."""
    derived = bundled_index._derived
    for verb, noun in (("~deport", "~deportation"), ("~obstruct", "~obstruction"), ("~enforc", "~enforcement"),
                       ("~assist", "~assistanc"), ("~remov", "~removal"), ("~protect", "~protection")):
        assert noun in derived[verb] and verb in derived[noun], verb
    for word in ("~depart", "~department", "~except", "~exception", "~national", "~nationality", "~stat",
                 "~station", "~statement", "~act", "~action", "~detain", "~detainer"):
        assert word not in derived, word
    assert all(key in derived[other] for key, linked in derived.items() for other in linked)
    # "obstruction" finds the DOJ warning to officials who obstruct; "obstruct " (finished: no completions)
    # what says "obstruction"; each word's own documents first
    listed = ids(bundled_index.search("obstruction", limit=20))
    assert "US-DOJ-BONDI-2025" in listed[1:] and listed[0] == "CPD-SUPT-2025"
    listed = ids(bundled_index.search("obstruct ", limit=20))
    assert {"S12", "anti-commandeering"} <= set(listed[1:]) and listed[0] == "US-DOJ-BONDI-2025"
    assert bundled_index._expand("obstruct", True)[0]["~obstruction"] == DERIVED_WEIGHT < SYNONYM_WEIGHT


@pytest.mark.parametrize(("filled", "meant"), [("does ice need a warrant", "PAPER"),
                                               ("do they need a warrant", "PAPER"),
                                               ("ice wants to come in the house", "S23"),
                                               ("they want us to hold him till ice gets here", "S01")])
def test_words_of_the_request_do_not_outrank_what_it_is_about(bundled_index, filled, meant):
    """"does ice need a warrant" listed the task force (S20) and the agent who "needs assistance" (S16) first,
    no warrant result in the first five; "ice wants to come in the house" the CTA situation, where ICE "wants"
    in. A filler ("need", "wants", "come", "gets", "here") adds a little to what holds it; what the rest of the
    query finds leads as it would alone, and what only a filler matches is not listed. "till" is no word."""
    assert meant in ids(bundled_index.search(filled))[:3]
    words = {key for key in query_terms(filled) if key not in _FILLER}
    for hit in bundled_index.search(filled, limit=50):
        doc = next(doc for doc, e in enumerate(bundled_index.entries) if (e.kind, e.id) == (hit.kind, hit.id))
        assert any(doc in bundled_index._term_scores(word, is_last=False)[1] for word in words), hit.id
    assert "till" not in query_terms("hold him till ice gets here")  # it was read as a typo of "tell"


def test_a_query_of_fillers_alone_still_lists_what_holds_them(bundled_index):
    assert bundled_index.search("need")
    assert ids(bundled_index.search("agents need")) == ids(bundled_index.search("agents need "))


@pytest.mark.parametrize(("typed", "word"), [("court house", "courthouse"), ("lock up", "lockup"),
                                             ("body cam", "bodycam"), ("check point", "checkpoint")])
def test_two_words_the_pack_writes_as_one_find_what_it_finds(bundled_index, typed, word):
    """"court house" listed the home-entry situation (S22) first and the courthouse situation (S24) nowhere
    in its first four: each half was matched alone."""
    assert ids(bundled_index.search(typed)) == ids(bundled_index.search(word))


def test_two_words_are_not_joined_into_a_hyphenated_word_nor_with_a_letter_being_typed(bundled_index):
    assert bundled_index._joined(["judge", "signed"]) == ["judge", "signed"]  # the pack's judge-signed
    assert bundled_index._joined(["release", "d"]) == ["release", "d"]  # not yet "released"
    assert bundled_index._joined(["city", "lot", "s"]) == ["city", "lot", "s"]


def test_two_words_the_pack_writes_apart_more_often_than_as_one_are_not_joined(bundled_index):
    """"hand him over to ice" was read as "handover", which only the hospital situation (S25) says: the transfer
    rule and the situations that say "hand over" (nine documents) were not in the first five."""
    assert bundled_index._joined(query_terms("hand him over to ice")) == ["hand", "over", "ice"]
    assert ids(bundled_index.search("hand him over to ice"))[0] == "MCC-2-173-020(a)(5)"
    assert bundled_index._joined(["body", "cam"]) == ["bodycam"]  # written apart once, as one word twice


def test_a_pair_written_apart_is_looked_for_in_a_bounded_number_of_documents(bundled, monkeypatch):
    """A big pack's common pair was read in every document holding both words (500 each: 64 ms at a keystroke);
    now in APART_DOCS_READ of them, and no further than _joined needs."""
    from desktop.domain import search as search_module

    monkeypatch.setattr(search_module, "APART_DOCS_READ", 1)
    index = SearchIndex(bundled.pack)
    assert index._written_apart("hand", "over") == 1  # one document read of the nine
    assert index._joined(["hand", "over"]) == ["handover"]


def test_no_or_not_starts_no_joined_word(bundled_index):
    """"no body cam" was read as "nobody cam" (the body-camera rules left the first five) and "not ice" as
    "notice" (ICE On Notice and the trust act's definitions first, the ICE rules gone): "no" and "not" say no to
    the next word, and joined to it they make another word."""
    assert bundled_index._joined(query_terms("no body cam")) == ["no", "bodycam"]
    assert bundled_index._joined(query_terms("agents not ice")) == ["agents", "not", "ice"]
    # the same four (their order: "no" is a word those documents hold, some more than others)
    assert set(ids(bundled_index.search("no body cam"))[:4]) == set(ids(bundled_index.search("body cam"))[:4])
    assert ids(bundled_index.search("not ice"))[0] == ids(bundled_index.search("ice"))[0]


def test_a_correction_measures_only_the_few_words_that_may_be_it(bundled, monkeypatch):
    """The correction read every known word of about the word's length twice (search's typo match again,
    then two edits away): 280 distances for "supena" in the bundled pack, 0.4 s in the 10k pack. It reuses
    the search's typo match and measures only longer words holding the word's letters."""
    import desktop.domain.search as search_module

    index = SearchIndex(bundled.pack)
    measured = []
    distance = search_module.edit_distance
    monkeypatch.setattr(search_module, "edit_distance", lambda a, b, limit: measured.append(b) or distance(a, b, limit))
    for typed, meant in (("supena", "subpoena"), ("warent", "warrant")):
        assert index.search(typed) == []
        measured.clear()
        assert index.correction(typed) == meant
        assert len(measured) <= 5, typed


@pytest.mark.parametrize(("typed", "meant"), [("deportashun", "deportation"), ("imigrashun", "immigration"),
                                              ("ofisser", "officer"), ("fone", "phone"), ("vehical", "vehicle"),
                                              ("lootenant", "lieutenant"), ("survalence", "surveillance")])
def test_a_word_spelled_by_sound_is_corrected_and_offered(bundled_index, typed, meant):
    """"deportashun" found nothing and offered nothing: three letters from deportation, past any typo reach. Officers
    spell by sound (sh for -tion, f for ph, one letter for a doubled one, -al for -le, another vowel): a word
    the pack does not hold stands for the known word that sounds the same, as a letter left out does."""
    assert bundled_index.search(typed) == []
    assert bundled_index.correction(typed) == meant
    assert bundled_index.suggest(typed)[0] == meant
    assert sounds_like(typed) == sounds_like(meant)


@pytest.mark.parametrize("typed", ["tow truck", "interpreter", "passport", "frisk", "defense", "lwyr"])
def test_sounding_alike_brings_back_no_far_guess(bundled_index, typed):
    """Words the pack does not cover, an officer's own, still offer nothing rather than a wrong page."""
    assert bundled_index.search_or_corrected(typed) == ([], None)
    assert bundled_index.suggest(typed) == []


@pytest.mark.parametrize("typed", ["kill", "killed", "feeling", "quick", "please", "valuation", "garden", "money",
                                   "rich", "pool", "possession"])
def test_a_real_word_is_not_taken_for_another_that_sounds_roughly_alike(bundled_index, typed):
    """With every vowel one sound, an officer's own word the pack does not hold was "corrected" to another:
    "kill" listed the results for call, "feeling" for failing, "valuation" for violation, "garden" for guardian
    (about a thousand such English words). Spelling by sound mixes the later vowels, not the first. And it
    leaves letters out more than it adds them: "possession", two letters longer, listed the results for position."""
    assert bundled_index.search_or_corrected(typed) == ([], None)
    assert bundled_index.suggest(typed) == []


@pytest.mark.parametrize(("typed", "offered"), [("deportaton", "deportation"), ("lisense", "license"),
                                                ("comandeering", "commandeering")])
def test_did_you_mean_offers_a_word_not_the_word_it_was_part_of(bundled_index, typed, offered):
    """"deportaton" offered "removal/deportation" (the pack first writes the word inside an I-205's name),
    "lisense" "license-plate-reader": the word meant is offered as itself."""
    assert bundled_index.suggest(typed)[0] == offered


def test_a_contraction_s_ending_is_no_word_of_the_query():
    """ "what's a detainer" was "s" and "detainer": the apostrophe split the word, and "s" had to match too."""
    assert query_terms("what's a detainer") == ["detainer"]
    assert query_terms("what\u2019s a detainer") == ["detainer"]
    assert query_terms("whats a detainer") == ["detainer"]
    assert query_terms("don't hold him") == ["hold"]
    assert query_terms("the judge's warrant") == ["judge", "warrant"]
    assert query_terms("O'Hare") == ["o", "hare"], "a name's apostrophe is no contraction"


def test_a_contractions_stem_is_a_word_when_typed_as_one():
    """Contractions' stems as stop words dropped "im" while "agents immigration" was typed (the keystroke "agents
    im" listed what "agents" lists), and "haven" from "safe haven". Only a contraction goes: "don't", "can't" and
    "I'm" are no words of a query; "im", "don" and "haven" are still looked up as typed."""
    assert query_terms("agents im")[-1] == "im"
    assert "haven" in query_terms("safe haven")
    assert query_terms("won't hold") == query_terms("can't hold") == ["hold"]
    assert query_terms("I'm holding him") == query_terms("holding him")
    assert query_terms("wont hold") == query_terms("dont hold") == ["hold"]


@pytest.mark.parametrize(("typo", "meant"), [("ice wnat me to hold him", "ice want me to hold him"),
                                             ("does ice ned a warrant", "does ice need a warrant"),
                                             ("feds wnat to use our lot", "feds want to use our lot")])
def test_a_misspelt_word_of_the_request_counts_as_the_filler_it_is(bundled_index, typo, meant):
    """"wnat" and "ned" are no words of the pack, a letter from "want" and "need": they counted as whole words,
    found what a typo finds and ranked down every document lacking them ("ice wnat me to hold him" listed S01
    15th). They now list what the words meant list; "wait", a word of the pack's synonyms, stays itself."""
    assert [(h.id, h.score) for h in bundled_index.search(typo)] == [(h.id, h.score) for h in bundled_index.search(meant)]
    assert bundled_index._filler_typo("wait", False) is None


def test_a_phrases_wordings_are_scored_with_the_index_not_while_its_last_word_is_typed(bundled, monkeypatch):
    """What a phrase's wordings find is the pack's, not the query's: the index scores them as it is built (off the
    UI thread in the app), and typing "officer down" letter by letter (and again) never does ("ice w" was the
    bench's slowest keystroke, 3.5 M instructions scoring "ice warrant"'s wordings at each keystroke, then 1.8 M
    scoring them at the first); the results are those of a new index."""
    index, fresh = SearchIndex(bundled.pack), SearchIndex(bundled.pack)
    assert set(index._phrase_found) == set(index._phrases) >= {"officer down", "ice warrant"}
    made = []
    monkeypatch.setattr(index, "_phrase_scores", lambda name: made.append(name))
    for _ in range(2):
        listed = [index.search("officer down"[:end]) for end in range(1, len("officer down") + 1)]
    assert made == []
    assert listed == [fresh.search("officer down"[:end]) for end in range(1, len("officer down") + 1)]


@pytest.mark.parametrize("query", ["ice w", "ice warrant", "officer d", "get out", "when does he get out"])
def test_a_word_of_a_phrase_scored_from_the_word_alone_lists_what_a_new_session_lists(bundled, query):
    """A word before a phrase's last one ("ice" in "ice w") is scored from what the keystroke before kept of it
    alone ("ice "), plus what the phrase finds: the same results, scores and snippets as a session that did not
    type that keystroke first."""
    typed, fresh = SearchIndex(bundled.pack), SearchIndex(bundled.pack)
    for end in range(1, len(query) + 1):
        typed.search(query[:end])
    assert typed.search(query) == fresh.search(query)


@pytest.mark.parametrize("wordings", [("federal warrant",), ("zzqx plonk",), ()])
def test_a_phrase_whose_wordings_the_pack_does_not_hold_is_searched_as_its_words(mini_pack, wordings):
    """A supervisor's synonym of two words whose wordings are the phrase itself, words the pack does not hold, or
    none: typing it raised KeyError at every keystroke from its last word's first letter ("federal w"), as the
    index marked the phrase with no wordings to score. It finds what its words find, as any two words do."""
    from desktop.domain.model import Synonym

    plain = SearchIndex(mini_pack)
    index = SearchIndex(dataclasses.replace(
        mini_pack, synonyms=(*mini_pack.synonyms, Synonym(term="federal warrant", expansions=wordings))))
    assert plain.search("federal warrant"), "the words are the pack's"
    for end in range(1, len("federal warrant") + 1):
        assert index.search("federal warrant"[:end]) == plain.search("federal warrant"[:end])


@pytest.mark.parametrize("word", ["jet", "god"])
def test_a_real_word_a_letter_from_a_word_of_the_request_lists_nothing_the_pack_does_not_hold(bundled_index, word):
    """"jet" and "god" are words, not "get" and "got" misspelt: read as those fillers, each listed what says get or
    got (a query of fillers only lists what holds them). The pack holds neither: they list nothing."""
    assert bundled_index.search(word) == []


@pytest.mark.parametrize(("typed", "meant"), [("wnat", "want"), ("gte", "get"), ("ned", "need"), ("konw", "know"),
                                              ("wantt", "want"), ("gest", "gets"), ("hire", None), ("jet", None),
                                              ("god", None), ("nee", None), ("ant", None), ("gent", None),
                                              ("wabt", None)])
def test_only_a_swap_or_a_double_letter_reads_a_word_as_one_of_the_request(bundled_index, typed, meant):
    """Fast typing swaps two letters ("wnat"), types a double letter once ("ned") or a letter twice ("wantt"): read
    as the word of the request. One letter changed, added or left out otherwise most often makes another word
    ("hire", "jet", "god", "ant", "gent"), which the officer meant: it stays a word of the query."""
    assert bundled_index._filler_typo(typed, False) == meant
    words = ["ice", typed, "warrant"]
    assert bundled_index._meant_fillers(words, False) == (words if meant is None else ["ice", meant, "warrant"])


@pytest.mark.parametrize("words", ["when does he get out", "kick the door", "officer down", "ice wnat the address",
                                   "block the street"])
@pytest.mark.parametrize("citation", ["2-173", "805"])
def test_the_words_beside_a_citation_order_what_it_cites_as_they_would_alone(bundled_index, citation, words):
    """A citation with words lists the provisions it cites that the words find first, best first by the words'
    score: the words read as any query's are (an officer's phrase, a misspelt word of the request). They were read
    word by word, so "2-173 when does he get out" listed 2-173-020(a) above (a)(3), the rule on release dates that
    "when does he get out" lists first of the 2-173 rules."""
    start, end, _ = bundled_index._find_citation(citation)
    cites = {bundled_index.entries[doc].id for doc in bundled_index._cited(start, end, None, None)}
    alone = [h.id for h in bundled_index.search(words, limit=100) if h.id in cites]
    assert alone
    listed = [h.id for h in bundled_index.search(f"{citation} {words}", limit=len(alone))]
    assert listed == alone


def test_a_query_that_finds_nothing_is_corrected_to_an_officers_phrase_it_misspells(bundled_index):
    """"la migra" is an officer's phrase, no word of the pack: "la mirga" found nothing and offered no correction
    ("migra" is no word of the pack to correct to). It is read as "la migra", and lists what that lists."""
    hits, corrected = bundled_index.search_or_corrected("la mirga")
    assert corrected == "la migra"
    assert [h.id for h in hits] == [h.id for h in bundled_index.search("la migra")] != []
    assert bundled_index.correction("la migra") is None


# officers' phrases (the pack's synonyms of two words), their words alone, a misspelt word of the request, two words
# the pack writes joined, a citation: typed letter by letter, a phrase's first word is scored from the word alone
_TYPED = ("ice hold", "la migra", "officer down", "get out of jail", "bond out", "kick the door", "ice wnat the address",
          "court house", "2-173 ice hold", "ice hold out", "ice", "hold", "get", "out", "warrant",
          # words in a row of a title or a tag, a situation's own tag, a word of the request lifting every situation
          "immigration hold", "masked agents", "hand him over to ice", "help them kick the door", "ice asks i-247a")
_EDITS = st.lists(st.one_of(
    st.tuples(st.just("type"), st.sampled_from(_TYPED), st.sampled_from(["", " "])),
    st.tuples(st.just("backspace"), st.integers(1, 6), st.just("")),
    st.tuples(st.just("insert"), st.integers(0, 60), st.sampled_from(list(" aeiost'"))),  # in the middle
    st.tuples(st.just("delete"), st.integers(0, 60), st.just("")),
    st.tuples(st.just("paste"), st.sampled_from(_TYPED), st.sampled_from(["", " "])),
), min_size=1, max_size=8)


@settings(max_examples=80, deadline=None)
@given(edits=_EDITS)
# a phrase starting with a word of the request ("get "), scored from the word alone at the next keystroke; a phrase's
# last word alone ("hold "), then scored from it before another word ("ice hold o"), then alone again
@example(edits=[("type", "get out of jail", " "), ("paste", "hold", " "), ("type", "ice hold out", ""),
                ("paste", "hold", " "), ("backspace", 6, ""), ("type", "get", " "), ("type", "ice hold", " ")])
def test_any_sequence_of_edits_lists_at_each_keystroke_what_a_new_session_lists(bundled, edits):
    """What a keystroke keeps for the next (the words before the last scored once, a phrase's word scored from the
    word alone, the last word's scores, completions, snippets) never changes an answer: typed letter by letter,
    backspaced, edited in the middle or pasted whole, each query lists, scores, offers and highlights exactly what a
    new session does for it."""
    session, fresh = _sessions(bundled.pack)
    session.forget_queries()
    query = ""
    for kind, what, tail in edits:
        typed = []
        if kind == "type":  # after a space
            text = f"{query} {what}{tail}" if query and not query.endswith(" ") else f"{query}{what}{tail}"
            typed = [text[:end] for end in range(len(query) + 1, len(text) + 1)]
        elif kind == "backspace":
            typed = [query[:-count] for count in range(1, min(what, len(query)) + 1)]
        elif kind == "insert":
            at = min(what, len(query))
            typed = [query[:at] + tail + query[at:]]
        elif kind == "delete" and query:
            at = min(what, len(query) - 1)
            typed = [query[:at] + query[at + 1:]]
        elif kind == "paste":
            typed = [what + tail]
        for query in typed:
            fresh.forget_queries()
            assert (session.search(query, limit=30), session.correction(query)) == \
                (fresh.search(query, limit=30), fresh.correction(query)), query


_SESSIONS: dict[int, tuple[SearchIndex, SearchIndex]] = {}


def _sessions(pack) -> tuple[SearchIndex, SearchIndex]:
    """Two indexes of the bundled pack, built once for every example of the property above."""
    if id(pack) not in _SESSIONS:
        _SESSIONS.clear()
        _SESSIONS[id(pack)] = (SearchIndex(pack), SearchIndex(pack))
    return _SESSIONS[id(pack)]


def _provisions_titled(mini_pack, *titles, tags=()):
    """The mini pack's first provision copied once per title (ids ``P0``, ``P1``…, in that order), with ``tags``:
    the same words but the title's, so that a score differs only by where the title puts them."""
    first = mini_pack.provisions[0]
    made = tuple(dataclasses.replace(first, provision_id=f"P{i}", cite_as=f"Zed {i}", title=title, tags=tuple(tags),
                                     summary="Quux.", text="Quux.", related=())
                 for i, title in enumerate(titles))
    return SearchIndex(dataclasses.replace(mini_pack, provisions=made, scenarios=(), glossary=(), synonyms=()))


def test_two_words_in_a_row_in_a_title_rank_above_the_same_words_apart(mini_pack):
    """"immigration hold" listed the rules that say immigration and hold anywhere (a TRUST Act rule, the I-247A rule)
    above the detainer situation, whose tag is "immigration hold". A document writing two of the query's words in a
    row, in its order, in its title or a tag ranks higher: here the title writing them so comes first, though the
    pack lists the other first and both hold the same words as often (a tie, which went to the earlier one)."""
    index = _provisions_titled(mini_pack, "Hold request zyx immigration", "Zyx immigration hold request")
    assert ids(index.search("immigration hold")) == ["P1", "P0"]
    assert ids(index.search("hold immigration")) == ["P0", "P1"], "in the query's order"
    assert ids(index.search("immigration holds")) == ["P1", "P0"], "any form of each word"


@pytest.mark.parametrize("title", ["Zyx immigration, hold request", "Zyx immigration or hold request",
                                   "Zyx immigration. Hold request", "Zyx immigration / hold request"])
def test_words_in_a_row_are_read_within_a_tag_or_a_clause_only(mini_pack, title):
    """A comma between two tags, a sentence's end, a slash between two words or an "or" between them ("a detainer or
    a civil warrant": two things) part two words that would otherwise be in a row: no bonus."""
    index = _provisions_titled(mini_pack, "Hold request zyx immigration", title)
    assert ids(index.search("immigration hold")) == ["P0", "P1"]
    tagged = _provisions_titled(mini_pack, "Zyx", "Zyx", tags=("ice", "immigration", "hold"))
    assert "immigration hold" not in tagged._adjacent and "ice immigr" not in tagged._adjacent
    assert "immigration hold" in _provisions_titled(mini_pack, "Zyx", tags=("immigration hold",))._adjacent


@pytest.mark.parametrize(("scenario_id", "first", "second"), [
    ("S08", "custody", "detainer"), ("S01", "stop", "agents"), ("S04", "data", "request"),
    ("S15", "control", "perimeter"), ("S31", "lockup", "agents")])
def test_words_in_a_row_are_not_read_across_a_situations_title_and_its_home_label(bundled_index, scenario_id,
                                                                                  first, second):
    """A situation's title and its label on the home screen are two names, searched as one field: the last word of
    one and the first of the other ("…from CPD custody" and "Detainer / hold request", S08) were read as two words in
    a row, and "custody detainer" ranked S08 a tenth higher than "detainer custody" did. Both orders score it alike."""
    def score(query: str) -> float:
        return next(h.score for h in bundled_index.search(query, limit=100) if h.id == scenario_id)

    assert score(f"{first} {second}") == score(f"{second} {first}")


def test_a_query_that_is_a_situations_tag_lists_that_situation_first(bundled_index):
    """"immigration hold" is word for word a tag of the detainer situation (S08), which came 3rd below the I-247A
    rule and a TRUST Act rule; the rule is tagged so too, and the situation that walks the officer through it now
    leads. A tag within a longer query names nothing: "hand him over to ice" still lists the transfer rule first, not
    the traffic stop (S01), which is tagged "hand over" as the transfer situation is."""
    assert ids(bundled_index.search("immigration hold", limit=2)) == ["S08", "US-DETAINER-I247A"]
    assert ids(bundled_index.search("immigration holds", limit=1)) == ["S08"]
    assert ids(bundled_index.search("hand him over to ice", limit=1)) == ["MCC-2-173-020(a)(5)"]


@pytest.mark.parametrize("query", ["ice wants the address", "ice wnat the address"])
def test_a_query_saying_what_agents_want_lists_the_situation_before_the_rule(bundled_index, query):
    """"ice wants the address" listed the rule on custody and contact details first and the situation of agents
    asking where someone lives (S03) 2nd: the query says what is happening in front of the officer, which a
    situation answers (and cites the rule). A query holding a word of the request (wants, needs, asks, help; a
    slip of one, "wnat") lists situations a fifth higher."""
    assert ids(bundled_index.search(query, limit=2)) == ["S03", "MCC-2-173-020(a)(3)"]


def test_asked_to_help_kick_in_a_door_on_an_i205_lists_the_situation_after_the_form_it_cites(bundled_index):
    """"i-205 help them kick the door" listed the I-205 memo above the situation of agents with an administrative
    warrant asking for help (S05), 3rd: "help" is a word of the request. The rule the citation names stays first."""
    assert ids(bundled_index.search("i-205 help them kick the door", limit=3)) == [
        "US-ADMINWARRANT", "S05", "S23"]


@pytest.mark.parametrize("query", ["immigration hold", "ice wants the address", "help them kick the door"])
def test_words_in_a_row_list_at_each_keystroke_what_a_new_session_lists(bundled, query):
    """The bonuses read the whole query at each keystroke and keep nothing: typed letter by letter, each keystroke
    lists, scores and highlights what a new session lists for it."""
    typed, fresh = SearchIndex(bundled.pack), SearchIndex(bundled.pack)
    for end in range(1, len(query) + 1):
        fresh.forget_queries()
        assert typed.search(query[:end]) == fresh.search(query[:end]), query[:end]


@pytest.mark.parametrize("query", ["gest", "ice gest", "when he gest out", "gest zqxv"])
def test_a_slip_of_a_word_of_the_request_is_never_offered_as_another_word(bundled_index, query):
    """"gest" is "gets" with its last two letters swapped, a fast-typing slip: search reads it as gets, a word of the
    request. "Did you mean" read it as a word of its own and offered "get", one letter off (a letter added is no
    such slip) and a word of the request, which it never offers: nothing for it now."""
    assert bundled_index._filler_typo("gest", False) == "gets"
    assert not {"get", "gets"} & set(bundled_index.suggest(query))


def test_a_snippet_names_a_provision_by_its_citation_as_the_provision_page_does():
    """A result's words read as its page shows them: "see U.S. v. Illinois, No. 1:25-cv-01285 (N.D. Ill.)", not the
    pack's own id "see LIT-USvIL-2025" (the page spells it out, Pack.spelt_out); a quotation stays as it is."""
    from desktop import paths
    from desktop.storage.pack_file import load_pack

    pack = load_pack(paths.bundled_pack()).pack
    index = SearchIndex(pack)
    citation = pack.provision("LIT-USvIL-2025").citation()
    hits = [hit for hit in index.search("7th circuit appeal ruling", limit=30) if hit.id != "LIT-USvIL-2025"]
    naming = [hit for hit in hits if "see " + citation[:20] in hit.snippet]
    assert naming, [hit.snippet for hit in hits]
    assert not any("LIT-USvIL" in hit.snippet for hit in hits), [hit.snippet for hit in hits if "LIT-" in hit.snippet]
    for hit in naming:  # the words marked are still the words searched for
        marked = [hit.snippet[a:b].lower() for a, b in hit.spans]
        assert "7th" in marked and "circuit" in marked, (hit.snippet, hit.spans)
        assert all(word.startswith(("7th", "circuit", "appeal", "ruling")) for word in marked), marked
    assert [hit.id for hit in index.search("LIT-USvIL-2025")][:1] == ["LIT-USvIL-2025"], "found by its id, as before"


@pytest.mark.parametrize(("typed", "read"), [("ice wants to come in", ["ice", "wants", "entry"]),
                                             ("they came into the house", ["entry", "house"]),
                                             ("ice has come in", ["ice", "entry"]),
                                             ("dont get in the way", ["get", "way"]),
                                             ("come here", ["come", "here"]),
                                             ("does ice need a warrant to come in", ["ice", "need", "warrant", "entry"]),
                                             ("no warrant but they came in", ["no", "warrant", "entry"])])
def test_coming_in_is_read_as_entry(typed, read):
    """"Come in" is both a filler and a stop word: "ice wants to come in" was "ice" alone and listed the traffic
    stop and the school first. A verb of coming with "in" or "into" after it is the pack's "entry"; "get in" is not
    (the pack's "get in the way" is obstructing agents)."""
    assert query_terms(typed) == read


def test_coming_in_lists_the_entry_situations_first(bundled_index):
    assert ids(bundled_index.search("ice wants to come in"))[0] in {"S22", "S23", "S05"}


@pytest.mark.parametrize("typed", ["does ice need a warrant to come in", "no warrant but they came in"])
def test_a_warrant_to_come_in_is_entry_not_a_paper_that_came(bundled_index, typed):
    """The paper that "came in" is the word before the verb, stop words aside, but not past a person coming or "to":
    "does ice need a warrant to come in" was read as a warrant that arrived ("warrant come") and listed the NCIC hit
    (S07) first, the home-entry situations after it."""
    assert "entry" in query_terms(typed)
    assert ids(bundled_index.search(typed))[0] in {"S22", "S23", "S05"}, ids(bundled_index.search(typed))


@pytest.mark.parametrize("typed", ["a detainer came in", "detainer comes in", "ice detainer came in today",
                                   "the detainer for him came in", "a detainer has come in"])
def test_a_paper_that_came_in_is_no_entry(bundled_index, typed):
    """"Came in" after a paper is that it arrived: "a detainer came in" was read "detainer entry" and listed the
    home-entry situations first, the detainer situation (S08) and the I-247A form in none of the first five. The paper
    is the word before the verb, stop words aside: "the detainer for him came in" was an entry ("him" before "came")."""
    assert "entry" not in query_terms(typed)
    assert {"S08", "US-DETAINER-I247A"} & set(ids(bundled_index.search(typed))[:3]), ids(bundled_index.search(typed))


@pytest.mark.parametrize("word", ["hes", "shes", "stuff", "things", "guys"])
def test_words_that_name_nothing_are_no_word_of_the_query(word):
    """"stuff" read as a typo of "staff" listed the school first for "crowd throwing stuff at agents", "guys" as "guns"
    the criminal-warrant situation for "whats the guys status"; "hes" (he's without its apostrophe) was a word."""
    assert query_terms(f"crowd {word} agents") == ["crowd", "agents"]


def test_a_form_of_come_is_a_word_of_the_request():
    """"hold him till ice comes" listed the NCIC hit, the detainer rule and the school above the hold situations:
    "comes" counted as a word the detainer log's "comes in" holds. S01 (hold the driver) is now in the first three."""
    assert {"comes", "came", "coming", "wanted", "needed"} <= _FILLER


@pytest.mark.parametrize(("typed", "cited"), [("section 1373", "US-8USC1373"), ("is section 1373 still law", "US-8USC1373"),
                                              ("sec 1373", "US-8USC1373"),
                                              ("section 1373 share status", "US-8USC1373")])
def test_a_number_said_to_be_a_section_is_a_citation(bundled_index, typed, cited):
    """1373 is written in more documents than cite it (the case about it, the TRUST Act's purpose, § 1644), so alone it
    is no citation; "section 1373" listed those three above 8 U.S.C. § 1373, whose text never says "section" ("sec 1373": § 1644, whose
    title says "section", first). After
    "section", "sec." or "§" a number is a section of the pack's citations: the provision citing it comes first."""
    assert ids(bundled_index.search(typed))[0] == cited


@pytest.mark.parametrize(("typed", "meant"), [("judical warrant", "judicial warrant"),
                                              ("adminstrative warrant", "administrative warrant"),
                                              ("agents askng for his adress", "agents asking for his address")])
def test_a_word_clearly_misspelt_lists_what_the_word_lists(bundled_index, typed, meant):
    """Read at a typo's weight, "judical" counted for less than "warrant": "judical warrant" listed the
    administrative-warrant rule first and no judicial-warrant situation in the first five, "adminstrative warrant"
    the administrative-warrant situation (S05) 4th. A word the pack does not hold, one letter from one word it holds
    and from no other as common, is read as that word: the same results, scores and marks."""
    assert bundled_index.search(typed) == bundled_index.search(meant)


@pytest.mark.parametrize(("typed", "meant"), [("agents at the schol", "agents at the school"),
                                              ("crowd controll", "crowd control"),
                                              ("crowd controll ", "crowd control "),
                                              ("feds at my stopp", "feds at my stop")])
def test_a_double_letter_slipped_lists_what_the_word_lists_while_it_is_typed(bundled_index, typed, meant):
    """"schol" starts "scholars" (one document) and "controll" is the stem of "controlled": while the word was typed,
    "agents at the schol" listed what says scholars until "school" was whole, and "crowd controll", typed or
    finished, what "controlled" finds, the crowd-control situation (S15) 5th. A word a double letter of a word the
    pack holds slipped (typed once or twice), far commoner than any word it starts, lists what that word lists."""
    assert bundled_index.search(typed) == bundled_index.search(meant)


def test_a_word_typed_on_past_a_double_letter_slip_lists_its_completions_again(bundled_index):
    """Not every start of a longer word is a slip: "schola" is on its way to "scholars", and "commandeer" (to
    "commandeering", four documents) is no slip of "commander" (seven), not twice as common."""
    assert bundled_index._misspelt("schola", typed=True) is None
    assert bundled_index._misspelt("commandeer", typed=True) is None
    assert bundled_index._misspelt("schol", typed=True) == "school"


@pytest.mark.parametrize("query", ["commandeer ", "can ice commandeer my officers"])
def test_a_word_the_pack_holds_inside_a_longer_word_is_not_read_as_another_word(bundled_index, query):
    """"commandeer" is a form of "anti-commandeering" (the doctrine that bars making local police enforce federal
    law); its stem key is dropped as the word's own, and the finished word was read as "commander": the list led
    with the situations about a commander (S09, S08), not the anti-commandeering rule. It lists what it starts."""
    assert bundled_index._misspelt("commandeer", typed=False) is None
    assert "US-10A-ANTICOMMANDEER" in [hit.id for hit in bundled_index.search(query)[:2]]


@pytest.mark.parametrize("query", ["commandeer", "commandeer ", "can ice commandeer my officers"])
def test_a_word_the_pack_holds_inside_a_longer_word_is_not_offered_as_another_word(bundled_index, query):
    """The no-result path (the command line with a filter that leaves nothing: search commandeer --kind scenario)
    offered the chip "commander" for "commandeer", which search reads as the anti-commandeering rule's word. A word
    the pack holds only inside a longer one is offered no word of another stem, as it is read as none; a slip of
    one's own form still is ("licenc": licence)."""
    assert "commander" not in bundled_index.suggest(query)
    assert "licence" in bundled_index.suggest("licenc")
    assert "commander" in bundled_index.suggest("comandeer")  # a real slip, two letters off commander: offered


def test_a_word_offered_or_named_carries_no_bracket_it_does_not_open(bundled_index):
    """The pack's first "control" is in "(crowd control)": a no-result search for "crowd controll " offered the chip
    "control)" (and "ncic)", "masks)", "refusal)" and 54 more words so written), and a correction would have named
    it so. A word as written ends with no bracket it does not open; "287(g)" keeps its own."""
    assert "control" in bundled_index.suggest("crowd controll ")
    written = [bundled_index._as_written(key) for key in bundled_index._surface if key[0] != "~"]
    assert [word for word in written if word.endswith(")") and "(" not in word] == []
    assert "287(g)" in written


def test_a_subsection_offered_is_written_with_its_first_bracket(bundled_index):
    """"2-173-020(a)(1)(a)-(c)" left the word "a)(1)(a)-(c)" as its subsection was written, its first "(" taken for
    punctuation: "a1ac " offered that chip. A word offered or named opens every bracket it closes."""
    assert bundled_index.suggest("a1ac ") == ["(a)(1)(a)-(c)"]
    written = [bundled_index._as_written(key) for key in bundled_index._surface if key[0] != "~"]
    assert [word for word in written if word.count("(") != word.count(")")] == []


def test_a_section_number_alone_among_words_names_the_provision_citing_it(bundled_index):
    """1373 is in seven documents and one provision's citation (8 U.S.C. § 1373): too many to be a citation alone,
    and "is 1373 still law" listed the TRUST Act's purpose and the Sessions case above it. A section number (after
    "§") that one provision's citation has, the query's only number, names that provision; 805, in nine citations,
    lists the TRUST Act's sections as before, and two numbers name no one provision."""
    assert bundled_index.search("is 1373 still law")[0].id == "US-8USC1373"
    assert bundled_index.search("1373", limit=1)[0].id == "US-8USC1373"
    assert bundled_index.search("805", limit=1)[0].id.startswith("IL-TRUST")
    assert bundled_index.search("1373 and 1644", limit=1)[0].id != "US-8USC1373"


def test_a_word_spelled_by_sound_beside_others_lists_what_the_word_lists(bundled_index):
    """"detane" is two letters off detain, past its typo reach: "can i detane him for ice" found nothing for it and
    listed what "ice" alone finds. Beside other words, a word the pack does not hold that sounds as one word it holds
    is read as that word; alone it is still the correction's, which the window says it shows."""
    assert bundled_index.search("can i detane him for ice") == bundled_index.search("can i detain him for ice")
    assert bundled_index.search("deportashun") == []


def test_a_small_pack_is_spelt_out_while_its_index_is_built_not_at_a_sessions_first_keystrokes(bundled, monkeypatch):
    """A provision's snippet names the provisions it cites by their citations (Pack.spelt_out). For a small pack
    that is done while the index is built (off the UI thread in the app): done on each provision's first snippet, a
    new session's first letters paid for it, "a" the slowest keystroke the bench typed (ten times a keystroke)."""
    import sys
    from pathlib import Path

    from desktop.domain.search import RESULT_LIMIT

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "build_scripts"))
    import bench

    index = SearchIndex(bundled.pack)
    spelt: list[str] = []
    monkeypatch.setattr(type(bundled.pack), "spelt_out", lambda _pack, text: spelt.append(text) or text)
    for query in bench.QUERIES:
        for end in range(1, len(query) + 1):
            index.search(query[:end], limit=RESULT_LIMIT + 1)
    assert spelt == []


def test_a_snippet_cut_from_its_fields_start_marks_the_fields_own_spans():
    """A snippet that starts where its field starts marks its words with the spans word_masks made for the field,
    not with new pairs of the same numbers: fewer objects made, and kept, at each keystroke for the cycle collector to
    walk through."""
    from desktop.domain.search import _cut_words, word_masks

    text = "ICE asks for the detainer. The detainer is an ICE form, not a warrant signed by a judge."
    spans, masks = word_masks(text, 1024)
    snippet, marked = _cut_words(text, spans, masks["detainer"] | masks["ice"], 160)
    assert snippet == text and [text[a:b] for a, b in marked] == ["ICE", "detainer", "detainer", "ICE"]
    assert all(any(span is own for own in spans) for span in marked)
    cut, moved = _cut_words(text, spans, masks["judge"], 40)  # cut before: the spans move with it
    assert cut.startswith("…") and [cut[a:b] for a, b in moved] == ["judge"]


def test_results_past_those_listed_get_no_snippet_and_the_listed_ones_the_same(bundled):
    """The search page asks for one result more than it lists, only to know whether to offer more. That one's
    snippet was made at every keystroke and never shown (a twenty-first of a heavy keystroke's snippet work). With
    ``snippets``, results past that many carry none and none is made for them; the ones listed are the same."""
    import sys
    from pathlib import Path

    from desktop.domain.search import RESULT_LIMIT

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "build_scripts"))
    import bench

    every, listed = SearchIndex(bundled.pack), SearchIndex(bundled.pack)  # two sessions typing the same keys
    made_for: list[int] = []
    make = listed._snippet
    listed._snippet = lambda doc, keys: made_for.append(doc) or make(doc, keys)  # type: ignore[method-assign]
    more_found = 0
    for query in bench.QUERIES:
        for end in range(1, len(query) + 1):
            made_for.clear()
            whole = every.search(query[:end], limit=RESULT_LIMIT + 1)
            shown = listed.search(query[:end], limit=RESULT_LIMIT + 1, snippets=RESULT_LIMIT)
            assert shown[:RESULT_LIMIT] == whole[:RESULT_LIMIT], query[:end]
            assert [(h.kind, h.id, h.score) for h in shown] == [(h.kind, h.id, h.score) for h in whole]
            assert len(made_for) == min(len(shown), RESULT_LIMIT)
            if len(shown) > RESULT_LIMIT:
                more_found += 1
                assert (shown[RESULT_LIMIT].snippet, shown[RESULT_LIMIT].spans) == ("", ())
                assert whole[RESULT_LIMIT].snippet, "the case this test is about"
    assert more_found > 100, "the case this test is about: keystrokes with more results than listed"
    corrected = listed.search_or_corrected("warent", limit=RESULT_LIMIT + 1, snippets=RESULT_LIMIT)
    assert corrected[1] == "warrant" and corrected[0][:RESULT_LIMIT] == every.search("warrant", limit=RESULT_LIMIT)
    assert corrected[0][RESULT_LIMIT].snippet == ""


@pytest.mark.parametrize(("query", "doc", "named"), [
    ("commandeer", "US-10A-ANTICOMMANDEER", ["anti-commandeering"]),
    ("10th amendment", "US-10A-ANTICOMMANDEER", ["10th", "Amendment"]),  # not its title's "Tenth Amendment" again
])
def test_a_result_found_only_through_its_tags_names_the_tags_it_was_found_by(bundled, query, doc, named):
    """"commandeer" listed the anti-commandeering rule second with a snippet from its summary marking no word: the
    pack writes the word only in its tags, which a result does not show. A result whose shown words hold none of
    the words it matched now starts its snippet with the tags (or a situation's home label) it was found by,
    those words marked, then its summary."""
    hit = next(h for h in SearchIndex(bundled.pack).search(query) if h.id == doc)
    assert hit.snippet.startswith("Listed under: ")
    assert [hit.snippet[start:end] for start, end in hit.spans] == named
    summary = bundled.pack.provision(doc).summary
    assert hit.snippet.partition(". ")[2][:40] == summary[:40], "the summary still follows"


def test_a_situation_found_only_through_its_home_label_names_it(mini_pack):
    """A situation's home-screen label is searched with its title, but a result shows the title alone."""
    index = SearchIndex(mini_pack)
    for entry in index.entries:
        fields = dict(entry.fields)
        if entry.kind != "scenario" or "; " not in fields["title"]:
            continue
        label = fields["title"].split("; ", 1)[1]
        shown = " ".join(text for name, text in entry.fields if name not in ("title", "tags"))
        word = next((w for w in label.split() if w.isalpha() and len(w) > 3
                     and w.lower() not in (shown + " " + entry.title + " " + fields["tags"]).lower()), None)
        if word is None:
            continue
        hit = next(h for h in index.search(word, limit=100) if h.id == entry.id)
        assert hit.snippet.startswith(f"Listed under: {label}."), hit.snippet
        assert [hit.snippet[a:b] for a, b in hit.spans] == [word]
        return
    pytest.fail("no situation of the mini pack has a home label word written nowhere else")


def test_a_result_whose_snippet_marks_a_word_names_no_tags(bundled):
    """Only a result its shown words cannot explain gets the line: one whose summary or text marks a word does not."""
    for hit in SearchIndex(bundled.pack).search("commandeer"):
        assert hit.snippet.startswith("Listed under: ") == (hit.id == "US-10A-ANTICOMMANDEER"), hit.id


@pytest.mark.parametrize("query", ["not signed by a judge", "warrent not signed by judge", "its not signed"])
def test_a_warrant_not_signed_by_a_judge_is_not_the_judge_signed_warrant(bundled, query):
    """"not signed by a judge" listed the judge-signed criminal warrant (S06) first: "not" matched nothing of it.
    "not signed" is an officer's phrase for the administrative warrant (search-only synonym): the rule telling the
    two apart and the paper chooser lead, S06 is not in the first three; "signed by a judge" still lists it first."""
    index = SearchIndex(bundled.pack)
    top = ids(index.search(query, limit=3))
    assert "S06" not in top and {"US-ADMINWARRANT", "S05", "PAPER"} & set(top), top
    assert ids(index.search("signed by a judge", limit=1)) == ["S06"]


@pytest.mark.parametrize("big", [False, True], ids=["small pack", "big pack"])
@pytest.mark.parametrize(("query", "doc", "line"), [
    ("national", "S28", None),
    ("castanon nava", "LIT-CASTANON", None),
    ("supervisor", "CPD-ADV-2024", None),
    ("tear gas at the press", "LIT-CHCvNOEM", ("Listed under: tear gas.", ["tear", "gas"])),
    ("national", "S02", ("Listed under: National Guard.", ["National"])),
])
def test_a_result_names_no_tag_its_title_already_shows(monkeypatch, bundled, query, doc, line, big):
    """A result found through its tags named every tag holding a word it matched, also where its row's title, shown
    in full above the snippet, says it: "national" listed S28, titled "National Guard or military troops ask CPD …",
    as "Listed under: National Guard." before its summary, and the Castañon Nava case "Listed under: Castañon Nava.";
    "tear gas at the press" named the Headline Club case's "protest, tear gas, press", its title saying "press,
    protesters". A tag is named now only for a word the title and citation line do not show, by its stem too ("Supervisors'
    advisory" is not "Listed under: supervisor."): S02, whose title does not say National Guard, still names it; on
    either snippet path."""
    from desktop.domain import search as search_module

    if big:
        monkeypatch.setattr(search_module, "PRECOMPUTE_SNIPPETS_UP_TO", 0)
    index = SearchIndex(bundled.pack)
    assert bool(index._field_positions) != big
    hit = next(h for h in index.search(query, limit=40) if h.id == doc)
    if line is None:
        assert not hit.snippet.startswith(LISTED_UNDER), hit.snippet
    else:
        assert hit.snippet.startswith(f"{line[0]} "), hit.snippet
        assert [hit.snippet[a:b] for a, b in hit.spans] == line[1]


def test_an_officers_phrase_finds_only_what_holds_one_of_its_wordings_whole(bundled_index):
    """"not signed" and "no judge" are officers' phrases for the administrative warrant (wordings "administrative
    warrant", "civil immigration warrant"). A wording counted in every document holding any one of its words, at the
    square of the share held: "he has not signed anything" found 101 of the 127 documents, every one saying "warrant"
    or "civil immigration". Now a wording finds the documents holding all its words."""
    index = bundled_index
    wordings = [{"administrative", "warrant"}, {"civil", "immigration", "warrant"}]
    for phrase in ("not signed", "no judge"):
        found = {index.entries[doc].id for doc in index._phrase_found[phrase]}
        for hit in index.search(f"{phrase} ", limit=200):
            entry = next(entry for entry in index.entries if entry.id == hit.id)
            held = {key for _name, text in entry.fields for key in tokenize(text)}
            assert any(wording <= held for wording in wordings) or {"not", "signed", "no", "judge"} & held, hit.id
        assert "S06" not in found  # a judge-signed criminal warrant: says "warrant", no wording whole
    assert ids(index.search("not signed by a judge", limit=3))[0] == "US-ADMINWARRANT"


@pytest.mark.parametrize("query", ["migra", "la migra", "migra is here", "la migra is here"])
def test_an_officers_word_the_pack_does_not_hold_counts_its_rarer_synonyms_no_more_than_the_commonest(bundled_index,
                                                                                                   query):
    """"migra" and "la migra" (ICE, CBP, immigration agents) are no word of the pack: with no word of their own to
    count no more than, their rarest synonym counted most, and the glossary's CBP, a term of two lines titled CBP, was
    first for each; "la migra is here" listed it first and the resident asking whether ICE is here (S19) 20th. Now they
    count no more than their commonest wording (ICE), as a held word's synonyms count no more than it: "la migra is
    here" lists what "ice is here" lists first."""
    listed = ids(bundled_index.search(query, limit=3))
    assert "CBP" not in listed, listed
    if query.endswith("here"):
        assert listed[0] == ids(bundled_index.search("ice is here", limit=1))[0] == "S19"


def test_a_question_whether_the_officer_must_lists_the_rules_first(bundled_index):
    """"do i have to help the feds" asks what the rules say: it listed the agent attacked who calls for help (S16) and
    four situations of agents asking CPD for help first, the rule on helping civil immigration enforcement (MCC
    2-173-020(a)) 17th. A question whether someone must (have to, has to, got to, gotta, must, supposed to) ranks the
    rules higher, and is no request of a situation's; "ice wants me to help" still is one."""
    assert asks_duty("do i have to help the feds") and asks_duty("are we SUPPOSED to") and asks_duty("must i")
    assert not asks_duty("ice wants me to help") and not asks_duty("they have a warrant") and not asks_duty("mustang")
    for query in ("do i have to help the feds", "do we have to help ice", "are we supposed to help ice",
                  "must i help the feds", "do i gotta help ice"):
        assert bundled_index.search(query, limit=1)[0].kind == "provision", query
        assert {"MCC-2-173-020(a)", "IL-TRUST-15h"} & set(ids(bundled_index.search(query, limit=2))), query
    assert bundled_index.search("ice wants me to help", limit=1)[0].kind == "scenario"


@pytest.mark.parametrize(("query", "have_to"), [("do i need to help ice", "do i have to help ice"),
                                               ("do we need to help the feds", "do we have to help the feds"),
                                               ("does cpd need to help ice", "does cpd have to help ice"),
                                               ("have i got to help them", "do i have to help them"),
                                               ("do i need to help ice?", "do i have to help ice?")])
def test_need_to_and_got_to_in_a_question_ask_whether_one_must_as_have_to_does(bundled_index, query, have_to):
    """"do i need to help ice" listed the agent attacked who calls for help (S16) first, while "do i have to help the
    feds" lists the rules on helping (805/15(h), MCC 2-173-020(a)): "need to" was no question whether one must, and
    "need", a filler, found the agent who "needs assistance". In a question it is one, and its verb is no word of the
    query, as "have" is not: it lists what "have to" lists, a rule first."""
    assert asks_duty(query)
    listed = ids(bundled_index.search(query))
    assert listed == ids(bundled_index.search(have_to))
    assert bundled_index.search(query, limit=1)[0].kind == "provision", listed[:3]


@pytest.mark.parametrize("query", ["do i hafta help ice", "do i gota help ice", "do i have too help ice",
                                   "do i half to help ice", "should i help ice", "tengo que ayudar a ice",
                                   "debo ayudar a ice", "¿necesito ayudar a ice?"])
def test_a_duty_question_typed_dictated_or_in_spanish_lists_what_do_i_have_to_lists(bundled_index, query):
    """"do i hafta help ice" looked for a word "hafta" (and "have too" for "too", "half to" for "half", "should i" for
    "should", "tengo que" for "tengo" and "que"), none a word of what is asked, and listed the resident asking for help
    (S19) or the agent attacked (S16) first, not as a question whether one must. Each is one now, its words no words of
    the query: it lists a rule first, as "do i have to help ice" does."""
    assert asks_duty(query)
    assert bundled_index.search(query, limit=1)[0].kind == "provision", ids(bundled_index.search(query, limit=3))
    if "ayudar" not in query:
        assert ids(bundled_index.search(query)) == ids(bundled_index.search("do i have to help ice"))


def test_a_synonym_of_several_words_counts_where_a_document_holds_them_all(bundled_index):
    """A one-word synonym's wording of two words or more ("take": hand over, turn over, transfer) was scored word by
    word: every document saying "over" counted for "take", as if it said "hand over" (seven of the bundled pack's, the
    I-205 memo and the shooting situation S17 among them). It counts as a wording now, where a document holds all its words:
    those saying "over" alone are not found by "take"; those saying "hand over" (S04, S06) still are, and score what
    its words gave, the best of them at the synonym's weight shared over its words."""
    found = {hit.id: hit.score for hit in bundled_index.search("take ", limit=200)}
    saying = {entry.id: set(tokenize(" ".join(text for _name, text in entry.fields))) for entry in bundled_index.entries}
    over_alone = [doc for doc, words in saying.items() if "over" in words and not words & {"hand", "turn", "take",
                                                                                              "~tak", "transfer"}]
    assert over_alone and not set(over_alone) & found.keys(), over_alone
    hand_over = [doc for doc, words in saying.items() if {"hand", "over"} <= words and not words & {"~tak", "transfer"}]
    assert hand_over and set(hand_over) <= found.keys()
    doc = next(d for d, entry in enumerate(bundled_index.entries) if entry.id == hand_over[0])
    ceiling = bundled_index._idf["take"]
    wording = max(SYNONYM_WEIGHT / 2 * min(bundled_index._idf[key], ceiling) * bundled_index._postings[key][doc]
                  for key in ("hand", "over"))
    assert found[hand_over[0]] == pytest.approx(wording)


def test_a_words_synonyms_of_several_words_are_scored_with_the_index_not_at_the_keystroke(bundled):
    """The keystroke finishing "administrative warrant" scored what "warrant"'s four wordings of two words or more find
    (judicial warrant, criminal warrant, …): +58 % instructions on it. They are scored with the index now, for each word
    typed as the pack's synonyms write it, as a keystroke would score them: typing scores none, and lists the same."""
    index = SearchIndex(bundled.pack)
    built = dict(index._wordings_found)
    assert any(wording == ("judicial", "warrant") for wording, _weight, _ceiling in built)
    queries = ["administrative warrant", "ice ", "take ", "do i have to let ice take him"]
    typed = [index.search(query) for query in queries]
    assert index._wordings_found == built, "a keystroke scored a wording the index had not"
    queries.append("lawyers")  # another form of the word ("lawyer"'s): scored at the keystroke, as before
    typed.append(index.search("lawyers"))
    index._wordings_found.clear()  # scored as the keystrokes scored them before: the same scores, the same results
    assert [index.search(query) for query in queries] == typed
    assert {key: index._wordings_found[key] for key in index._wordings_found.keys() & built.keys()} == \
        {key: built[key] for key in index._wordings_found.keys() & built.keys()}


@pytest.mark.parametrize(("statement", "question"), [("need to help ice", "do i need to help ice"),
                                                       ("we need to help the feds", "do we need to help the feds"),
                                                       ("i have to help ice", "do i have to help ice"),
                                                       ("cpd has to help ice", "does cpd have to help ice"),
                                                       ("necesito ayudar a la migra", "¿necesito ayudar a la migra?")])
def test_need_to_said_first_or_of_the_officers_side_asks_as_the_question_does(bundled_index, statement, question):
    """"need to help ice", with no question word and no question mark, listed the agent attacked (S16) first, where "do i
    need to help ice" lists the rule on helping (MCC 2-173-020(a)). Typed first in the query, or right after "i", "we" or
    "cpd", "need to", "have to" and "has to" ask as the question does ("necesito" before a verb, in Spanish): it lists
    what the question lists. "ice needs to interview him" is still a request, "necesito ayuda" (I need help) no duty."""
    assert asks_duty(statement)
    assert ids(bundled_index.search(statement)) == ids(bundled_index.search(question))
    assert bundled_index.search(statement, limit=1)[0].kind == "provision"
    assert not asks_duty("ice needs to interview him") and not asks_duty("necesito ayuda")
    assert not asks_duty("we got to the scene") and not asks_duty("agents need to leave")


@pytest.mark.parametrize("typed", ["ｎｅｅｄ ｔｏ ｈｅｌｐ ｉｃｅ", "ｄｏ ｉ ｎｅｅｄ ｔｏ ｈｅｌｐ ｉｃｅ", "İ need to help ice",
                                   "ＭＵＳＴ Ｉ ＨＥＬＰ ＩＣＥ"])
def test_a_duty_question_in_full_width_or_other_cased_letters_asks_as_it_does_in_ascii(bundled_index, typed):
    """(Hostile pass.) Full-width letters (an East Asian keyboard's) and a dotted capital I were searched as the words
    they fold to, but the question went unseen: "ｎｅｅｄ ｔｏ ｈｅｌｐ ｉｃｅ" listed the agent attacked (S16) first, where
    "need to help ice" lists the rule on helping. Folded as the words are, it asks as in ASCII."""
    ascii_words = unicodedata.normalize("NFKD", typed.casefold()).replace("\u0307", "")
    assert ascii_words.isascii() and asks_duty(ascii_words)
    assert asks_duty(typed)
    assert ids(bundled_index.search(typed)) == ids(bundled_index.search(ascii_words))
    assert bundled_index.search(typed, limit=1)[0].kind == "provision"


def test_too_many_after_i_or_we_says_and_does_not_ask(bundled_index):
    """"we have too many calls" and "i have too much on" read as "we have to", "i have to" (a duty question: its rules
    first), where the "too" is the word's own. "i have too help ice", "to" mistyped, still asks."""
    for statement in ("we have too many calls", "i have too much going on", "cpd has too few officers",
                      "we need too many forms"):
        assert not asks_duty(statement), statement
    assert asks_duty("i have too help ice") and asks_duty("we need too call ice")
    assert ids(bundled_index.search("i have too help ice")) == ids(bundled_index.search("do i have to help ice"))


@pytest.mark.parametrize(("query", "words"), [
    ("have we got to tell ice when he got out", ["tell", "ice", "got", "out"]),
    ("do i need to help them if they need backup", ["help", "need", "backup"]),
    ("do i half to tell ice half of it", ["tell", "ice", "half"]),
])
def test_a_duty_question_drops_only_the_verb_that_asks_it(bundled_index, query, words):
    """In a duty question the verb that asks it ("got" of "have we got to") is no word of the query; the same word
    elsewhere is: "have we got to tell ice when he got out" dropped the "got" of "got out" too (the pack's words for a
    release), and found the release situations by "out" alone."""
    from desktop.domain.search import without_duty_verb

    assert asks_duty(query)
    assert without_duty_verb(query_terms(query), query) == words
    if "got out" in query:
        assert ids(bundled_index.search(query, limit=2))[0] in {"S32", "S08"}
        assert bundled_index.search(query)[0].score == pytest.approx(
            bundled_index.search("have we got to tell ice when he gets out")[0].score, rel=0.3)


def test_the_laws_word_shall_is_searched_unless_it_asks(bundled_index):
    """"shall" was a stop word of every query (for "shall i", as "should i"), so "shall not" looked for "not" alone
    (its first three results, a situation and a memo among them, say "not", none "shall not") and "shall share" for
    "share". It is the law's own word: searched, unless "i" or "we" comes next ("shall i help ice" asks as "should i")."""
    assert query_terms("shall not detain") == ["shall", "not", "detain"]
    assert query_terms("what shall we do") == query_terms("what should we do")
    for query in ("shall not", "shall share", "shall not detain"):
        for hit in bundled_index.search(query, limit=3):
            assert hit.kind == "provision", (query, hit.id)
            entry = next(e for e in bundled_index.entries if e.id == hit.id)
            assert "shall" in " ".join(text for _name, text in entry.fields).lower(), (query, hit.id)
    assert ids(bundled_index.search("shall i help ice")) == ids(bundled_index.search("should i help ice"))
    assert ids(bundled_index.search("what shall i do at a traffic stop with ice", limit=1)) == ["S01"]


@pytest.mark.parametrize(("query", "same_words"), [
    ("what should i do at a traffic stop with ice", "what do i do at a traffic stop with ice"),
    ("what should i tell the family", "what do i tell the family"),
    ("how should we handle a detainer", "how do we handle a detainer"),
])
def test_what_or_how_should_i_asks_what_to_do_not_whether_one_must(bundled_index, query, same_words):
    """"should i help ice" asks whether one must, but "what should i do at a traffic stop with ice" asks what to do:
    read as a duty question it listed a rule (MCC 2-173-020(a)(1)) first and the traffic-stop situation (S01) third,
    where it was first, and "what should i tell the family" the umbrella order above the family's 911 call (S23). A
    "should i" after what, how, where, when, who or which asks nothing of the rules: it lists what its words list."""
    assert not asks_duty(query) and asks_duty("should i help ice") and asks_duty("ice is here, should i help them")
    assert ids(bundled_index.search(query)) == ids(bundled_index.search(same_words))
    if "traffic" in query:
        assert ids(bundled_index.search(query, limit=1)) == ["S01"]


@pytest.mark.parametrize(("statement", "same_words"), [("ice had to leave", "ice leave"),
                                                       ("we got to the scene", "we got the scene"),
                                                       ("ice needs to interview him", "ice needs interview him"),
                                                       ("agents had to go to the hospital", "agents go hospital")])
def test_had_to_or_got_to_in_a_statement_asks_nothing_of_the_rules(bundled_index, statement, same_words):
    """"ice had to leave" and "we got to the scene" say what happened, and ranked the rules higher as if asking whether
    someone must (DUTY_RULE_BONUS). Only a question does ("do i have to", "have i got to", "must i"): a statement lists
    what its words list."""
    assert not asks_duty(statement)
    assert ids(bundled_index.search(statement)) == ids(bundled_index.search(same_words))


def test_words_for_whoever_name_no_one_in_particular(bundled_index):
    """"feds pulling guns on people" listed the protest (S18), the masked grab (S13) and the 'kidnapping' call (S14),
    which say "people", above force and shooting (S17), which says "someone": a document lacking a word that names
    no one in particular was ranked down for it. Such words are a query's stop words now, as "guys" and "stuff" are."""
    assert query_terms("feds pulling guns on people") == ["feds", "pulling", "guns"]
    assert query_terms("ice took someone off the bus") == ["ice", "took", "off", "bus"]
    assert query_terms("people") == ["people"]  # alone, still looked for
    for query in ("feds pulling guns on people", "agents pulling guns on people", "feds pulled guns on everyone"):
        assert ids(bundled_index.search(query, limit=1)) == ["S17"], query


def test_agents_said_to_be_here_list_the_resident_asking_whether_they_are(bundled_index):
    """"la migra showed up" listed the rule on a warrant that "shows up" in NCIC first, "la migra is outside" the
    review of an incident whose traffic control was "outside", "la migra esta aqui" the ordinance's purpose ("esta"
    read as the start of "establish"), none of them the resident asking whether ICE is nearby (S19), which "ice is
    here" lists first. "aquí", "show up" and "pull up" are officers' words for the pack's "nearby" and "around",
    "outside" for "nearby" (its synonyms), and the Spanish "esta", "estan" a query's stop words. Where the agents are showing up
    still leads: the school (S26), the traffic stop (S01)."""
    assert query_terms("la migra esta aqui") == ["la", "migra", "aqui"]
    for query in ("la migra showed up", "la migra is outside", "la migra esta aqui", "la migra está aquí",
                  "ice showed up", "ice pulled up"):
        assert ids(bundled_index.search(query, limit=1)) == ["S19"], query
    assert ids(bundled_index.search("ice showed up at the school", limit=1)) == ["S26"]
    assert ids(bundled_index.search("ice showed up at my traffic stop", limit=1)) == ["S01"]
