"""In-memory search over provisions, scenarios and glossary terms: ranked, prefix-as-you-type,
typo-tolerant, synonym-aware, filterable, with highlighted snippets. Built once per pack."""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from desktop.domain.model import Outcome, Pack, Question

MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12
MAX_POSTINGS = 500  # per word, strongest first: enough for ranking, bounded for speed
STEM_MARK, STEM_WEIGHT = "~", 0.9  # stems live under their own prefix; a stem match counts a bit less
# An -ing/-ed form typed as the pack writes it ("guarding"): the documents holding that very form count its
# stem fully; those holding only another form of it ("Guard" in National Guard) this much, less than the word
# itself and more than a synonym (SYNONYM_WEIGHT). Not a plural: "detainers" is the word "detainer" (the
# detainer situation, which says "detainer", leads), while the word an -ing/-ed form comes from may be a noun
# of its own (guard, stage)
OTHER_FORMS_WEIGHT = 0.85
VERB_ENDS = ("ing", "ed")
# ... but a document writing another form as the verb it is, right after "to" ("asking CPD to hold them"), holds the
# verb typed as surely as one writing that very form, and counts its stem fully (SearchIndex._verb_uses): "holding him
# til ice comes" listed the transport situation (S31, tagged "holding") above the detainer situation (S08), which
# asks CPD "to hold them", 3rd. The National Guard's "Guard" follows no "to". Only "to": "not", "may" or "will" are
# as often before a noun ("not ICE", "may" the month).
VERB_MARKS = ("to ", "To ")
# ... and "not" after it is no verb ("decision to not participate"), though the stemmer files "noted" under it
NOT_A_VERB = frozenset({"not"})
# A noun made from a verb and the verb ("deportation" and "deport", "enforcement" and "enforce"): linked when
# the pack holds both, the noun's stem ends in one of these, the verb's stem has DERIVED_ROOT_SHORTEST letters
# or more, and the pack uses the verb as one (an -ing or -ed form: not "department" and "departs"). Each finds
# the other's documents at DERIVED_WEIGHT, below the word typed, its other forms and its synonyms.
DERIVED_ENDS = ("ation", "ition", "ion", "ment", "anc", "enc", "al")  # stems: "assistance" is ~assistanc
DERIVED_ROOT_SHORTEST = 5
DERIVED_WEIGHT = 0.7
# A finished word the pack does not hold, this long or more, is taken for an abbreviation ("immig", "warr",
# "transp") and matches the words it starts (ABBREVIATION_WEIGHT); a shorter one is not ("tow" in "tow truck" is
# not "toward"), nor can it be a typo (_typo_terms needs as many letters)
ABBREVIATION_SHORTEST, ABBREVIATION_WEIGHT = 4, 0.6
K1, FIELD_B = 1.2, 0.6  # BM25 saturation and per-field length normalisation
# Fields whose length is measured against the average of their kind of document only, not of all: a situation's tags
# list the officers' words for it (27 words on average in the bundled pack, a rule's 13), so against every document's
# average a situation's tag counted about a third less than a rule's same tag, and "address" listed the rule on
# answering ICE about custody (MCC 2-173-020(a)(3)) above the situation of agents asking where someone lives (S03).
KIND_AVERAGED_FIELDS = frozenset({"tags"})
SYNONYM_WEIGHT = 0.8  # an officer's word matching the data's word for it
REVERSE_SYNONYM_WEIGHT = 0.4  # the data's word matching the officer's word
PRECOMPUTE_SNIPPETS_UP_TO = 2000  # entries; larger packs find snippet positions on first need
MASK_WORDS_UP_TO = 1024  # words of a field kept as one bit each in a small pack; longer fields are scanned
COMPLETIONS = {1: 6, 2: 12}  # as-you-type completions for very short prefixes (default 24)
CORRECTION_EDITS = 2  # a query that finds nothing is searched as the word it clearly means, this many edits away
JOINED_PART_SHORTEST = 2  # letters of each of two query words read as the one word the pack writes
APART_DOCS_READ = 32  # documents holding both read to count how many write them apart (bundled pack: 9 at most)
# Words that say no to the word after them: joined to it they make another word ("no body cam" is not nobody,
# "not ICE" is not notice), so they start no joined word (SearchIndex._joined)
NEVER_JOINED_FIRST = frozenset({"no", "not"})
# Two of a query's words in a row, in its order, as a document's title or one of its tags writes them (stop words
# skipped, as a query drops them; any form of each word): "immigration hold" is a tag of the detainer situation, not
# two words anywhere in a rule. Such a document ranks higher for each such pair of the query, by ADJACENT_BONUS
# shared over its pairs (a query of two words: all of it). Only these short fields, each tag and each clause read
# apart (_ADJACENT_BREAK, and "and", "or" between two words: "detainer or civil warrant" is two things): a summary's
# sentences set side by side words that say two things ("If ICE asks about the person", in the situation of a victim
# afraid because of their immigration status, listed it above the agents asking for a status, S03).
ADJACENT_FIELDS = frozenset({"title", "tags"})
ADJACENT_BONUS = 0.1
_ADJACENT_BREAK = r"[,;:!?]|\.(?!\S)|\s[/—–]\s|\s(?:and|or|nor|but|versus|vs)(?=\s)"
# A situation's tags of two words or more are what officers call it ("immigration hold"): a query that is one word for
# word (stop words aside, any form of each word) names that situation, which ranks NAMED_BONUS higher, ahead of the
# rules tagged so too (the situation walks the officer through them). Not a tag within a longer query: "hand over"
# is a tag of the traffic stop (S01) as of the transfer situation (S31), and "hand him over to ice" means a transfer.
NAMED_BONUS = 0.1
# A query saying what someone wants, needs or asks of the officer ("ice wants the address", "help them kick the
# door": REQUEST_WORDS) tells what is happening in front of them: situations, which say what to do then, rank
# REQUEST_SITUATION_BONUS higher than the rules they cite.
REQUEST_SITUATION_BONUS = 0.2
# A query asking whether someone must do something ("do i have to help the feds", "must cpd hold him", "are we supposed
# to") asks what the rules say, whoever is asking what: rules (provisions) rank DUTY_RULE_BONUS higher, and the query is
# no request of a situation's (REQUEST_SITUATION_BONUS). "do i have to help the feds" listed the agent attacked who calls
# for help (S16) and the situations of agents asking for help first, the rule on helping them (MCC 2-173-020(a)) 17th.
# "Supposed to", "required to", "gotta", "must" say so wherever they are; "have to", "need to" and "got to" only in a
# question: after "do i", "does cpd", "have we" ("have we got to"), "if" or "whether", or before a question mark. "do i
# need to help ice" listed the agent attacked (S16) first, while "ice had to leave" and "we got to the scene", no
# question at all, ranked the rules higher.
DUTY_RULE_BONUS = 0.2
_DUTY_SUBJECT = r"\s+(?:[^\W_]+\s+){1,3}?"  # the one to three words of who must, between the question's word and its verb
# An officer under stress types "hafta", "gota", "have too", or dictates "half to"; "should i", and the Spanish "tengo
# que", "tenemos que", "debo", "debemos" (I, we have to; I, we must) ask it too, and "¿necesito...?" (do I need to).
_DUTY_VERB = r"(?:have|has|half|need|needs|got)\s+too?"
# ... and, with no question word, "need to", "have to" or "has to" first in the query or right after "i", "we" or "cpd"
# (the officer's side, not "ice needs to interview him": a request), as the Spanish "necesito" before a verb's infinitive
# does first in it ("necesito ayudar a la migra"; "necesito ayuda" is "I need help"): "need to help ice" listed the
# agent attacked (S16) first, where "do i need to help ice" lists MCC 2-173-020(a). Not "got to": "we got to the scene".
# Not "too many" either: "we have too many calls" says, not asks (the "too" of "have too" is "to" mistyped before a verb).
_DUTY_FIRST = (r"(?:^\s*|(?:i|we|cpd)\s+)(?:have|has|half|need|needs)\s+(?:to|too(?!\s+(?:many|much|few|little)(?![^\W_])))"
               r"|^\s*(?:necesito|necesitamos)\s+[^\W\d_]+[aei]r")
# ... but "what should i do at a traffic stop" asks what to do, not whether one must (it listed a rule above the
# traffic-stop situation): "should i" right after what, how, where, when, who or which asks nothing of the rules (looked
# back for only where "sh" starts: at every letter, the six looks cost 580 instructions a bench keystroke, so 180)
_NOT_ASKING_HOW = "".join(rf"(?<!{wh}\s)" for wh in ("what", "how", "where", "when", "who", "which"))
_DUTY_RE = re.compile(
    r"(?<![^\W_])(?:(?:supposed|required|obliged|obligated)\s+to|gotta|gota|hafta|haveta|must|mandatory"
    rf"|(?=sh){_NOT_ASKING_HOW}(?:should|shall)\s+(?:i|we)|(?:tengo|tenemos)\s+que|debo|debemos"
    rf"|(?:do|does|did|dont|don['’]t|doesnt|doesn['’]t|will|would|if|whether){_DUTY_SUBJECT}{_DUTY_VERB}"
    rf"|(?:have|has){_DUTY_SUBJECT}got\s+too?|{_DUTY_FIRST}"
    rf"|(?:{_DUTY_VERB}|necesito|necesitamos)(?![^\W_])[^?]*\?)"
    r"(?![^\W_])")  # matched against the query lowercased: half the instructions of re.IGNORECASE per keystroke
RESULT_LIMIT = 20  # results the search page lists at first; "Show more" adds as many again each time
SORT_CANDIDATES_UP_TO = 300  # candidates whose scores a full sort cuts at the limit; more go through heapq.nlargest
SCORED_WORDS_KEPT = 4  # queries' earlier words kept scored (a score per matching document each)
SNIPPETS_KEPT = 4096  # snippets (and fields' cuts) kept between keystrokes, at most; all dropped at once

# A "word": letters/digits, possibly joined by - / . ( ) § so that citations such as 2-173-020(a)(6),
# 805/15, I-247A and 287(g) stay one unit as well as being split into parts.
_TOKEN_RE = re.compile(r"[^\W_]+(?:[-/.()§]+[^\W_]+)*\)?", re.UNICODE)
# A word (its text), or a break between two clauses (""): one pass over a title or the tags (_adjacent_pairs)
_WORD_OR_BREAK_RE = re.compile(f"({_TOKEN_RE.pattern})|(?:{_ADJACENT_BREAK})", re.UNICODE | re.IGNORECASE)
_FIRST_PART_RE = re.compile(r"[a-z0-9]+")  # a lowercased ASCII word's first part (keys_for_word's split)
# A citation's parts, for listing provisions in citation order: runs of digits and runs of letters, so that
# "805/15(a)", "805/15a" and "805 15 a" are the same three parts. Its description, from a space and a bracket
# on ("EO 2025-6 (no joint operations)", "5 ILCS 805/15(g) [letter unverified]"), is no part of it.
_CITE_PART_RE = re.compile(r"\d+|[^\W\d_]+")
# ... but a short bracketed letter or number after a space is a part: "805/15 (b)", "EO 2025-6 (A)"
_CITE_NOTE_RE = re.compile(r"\s[(\[](?![^\W_]{1,4}\))")
_DIGIT_RE = re.compile(r"\d")  # a query without one is no citation (a digit folds to a digit: "²" → "2")
_CITE_SEP = "\x1f"  # joins a citation's parts: sorts before any part's characters
CITE_PARTS_INDEXED = 24  # parts of a citation looked up (the bundled pack's longest has 7): a bound on its runs
# A number alone is a citation from this many digits (805, 173, 720), when the pack uses it mostly in
# citations (_cite_numbers): a shorter one (5, 15, 20) is in many citations and starts longer numbers as
# they are typed, so it stays a word.
LONE_NUMBER_DIGITS = 3
_STOP = frozenset(
    "a an and are as at be but by can could do does for from had has have he her him his how i if in into "
    "is it its me my of on or our she so than that the their them then there they this to us was we were "
    "what when where which who will with would you your".split()
)
# A query's stop words also hold contractions typed without the apostrophe on a touch keyboard: "whats a
# detainer" ranked the detainer answer below three other situations. Only whole words that are nothing else:
# not a stem like "im", "don" or "haven", which would drop "im" while "agents immigration" is being typed, or the
# "haven" of "safe haven". (Only the query's: the index keeps its words, and what each typed letter lists.)
_QUERY_STOP = _STOP | frozenset(
    "whats thats theres dont doesnt didnt isnt arent wasnt werent wont wouldnt couldnt shouldnt havent hasnt "
    "hadnt cant ive youre theyre till until til".split()
)
# ... and "hes" and "shes" ("can i tell ice when hes released" looked for a word "hes"), and words that name nothing:
# "stuff" is no word of the pack, and read as a typo of "staff" it listed the school, the National Guard and the
# business's "staff only" back room first for "crowd throwing stuff at agents", as "guys" read as "guns" listed the
# criminal-warrant situation first for "whats the guys status". Only words that are nothing else.
_QUERY_STOP |= frozenset("hes shes stuff thing things something anything guy guys dude dudes".split())
# ... and words for whoever, which name no one in particular: "feds pulling guns on people" listed the protest (S18)
# and the masked grab (S13), which say "people", before force and shooting (S17), which says "someone"; "ice pulled a
# gun on someone" the other way round. Not "person" ("person in custody") nor "resident" or "public", the pack's words.
_QUERY_STOP |= frozenset("people peoples someone somebody anyone anybody everyone everybody folks".split())
# ... and the words of a question whether someone must (asks_duty), which says so for the whole query: "are we supposed
# to help ice" looked for a word "supposed" no document holds, "must i help them" for each rule saying "must"
_QUERY_STOP |= frozenset("am must gotta supposed obliged obligated".split())
# ... as are those an officer types or dictates for it ("do i hafta", "do i gota", "do i have too", "should i"), and the
# Spanish "I, we have to", "I, we must", "I, we need" ("tengo que ayudar a la migra" looked for words "tengo" and "que"
# no document holds), and "hay" ("there is": "hay migra afuera")
# ("shall" only before "i" or "we": query_terms. Elsewhere it is the law's own word, "shall not detain", and was
# dropped: "shall not" looked for "not" alone, "shall notify" for "notify" and found what says "notify ICE")
_QUERY_STOP |= frozenset("gota hafta haveta too should tengo tenemos que debo debemos necesito necesitamos hay".split())
_SHALL_ASKING = re.compile(r"\s+(?:i|we)(?![^\W_])", re.IGNORECASE)  # after "shall": it asks, as "should i" does
# ... and the Spanish "is" and "are" of "la migra está aquí" ("esta" was read as the start of "establish")
_QUERY_STOP |= frozenset("esta estan".split())
# Words that say what the officer asks, not what about: "does ICE need a warrant", "ICE wants to come in the
# house", "hold him till ICE gets here". As words of their own they listed what holds them (the agent who
# "needs assistance", the CTA situation where ICE "wants" in) above the warrant guide and the home-entry
# situation. Each still counts, at FILLER_WEIGHT (a title that says "ICE wants you to hold the driver" keeps
# its edge for "ice wants me to hold him"), but a document is not ranked down for lacking one: the share of
# a query's words a document matched counts the other words only, and what fillers alone match is not listed
# (a query of fillers only lists what holds them). "till", "until" and "til" are stop words: "till" was taken for a
# typo of "tell", and "til", a word the pack does not hold, counted as a word every document missed ("holding him til
# ice comes": each result scored four ninths of its words' score, and "til" broke "hold" and "ice" apart).
_FILLER = frozenset("need needs needed want wants wanted wanna know come comes coming came here get gets got".split())
FILLER_WEIGHT = 0.1
# A word the pack does not hold, this long or more, that clearly misspells one it holds is read as that word
# (SearchIndex._meant_words); a shorter one keeps a typo's weight: one letter off a word of 4 is most often another
# word ("beat", "bear")
MEANT_SHORTEST = 5


def _request_typos() -> dict[str, str]:
    """Misspellings of the words of the request (_FILLER) read as them, each to the shortest it may be: two
    letters next to each other swapped ("wnat", "gte"), a double letter typed once ("ned") or a letter typed twice
    ("wantt"). Not a letter changed, added or left out otherwise: one letter off a short word is most often another
    word ("hire", "jet", "god", "ant", "now", "gent"), which the officer typed as it is, and read as "here", "get",
    "got" it counted as no word of the query."""
    typos: dict[str, str] = {}
    for word in sorted(_FILLER, key=lambda word: (len(word), word)):
        spelt = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1) if word[i] != word[i + 1]}
        spelt |= {word[:i] + word[i + 1:] for i in range(len(word) - 1) if word[i] == word[i + 1]}
        spelt |= {word[:i + 1] + word[i:] for i in range(len(word))}
        for typo in spelt - _FILLER:
            typos.setdefault(typo, word)
    return typos


_REQUEST_TYPOS = _request_typos()
# The pack's synonyms of two words or more are an officer's phrases ("officer down", "bond out", "la migra"). A
# phrase goes to what the pack says for it only where the query holds its words in a row (stop words skipped), never
# from one of its words alone. Its words are marked with it (PHRASE_MARK: SearchIndex._phrase_terms): the last one
# also finds what the pack's wordings for it find, as a synonym does, the better of the two counting (never both:
# SearchIndex._add_phrases); the words before
# it count as matched in the documents those find (PHRASE_LEADS), without adding to their score. A word of a phrase
# is no filler ("get out"). While the last word is typed, a phrase it starts counts from its first letter
# ("officer d", "officer do"): what the officer means leads at every keystroke, and does not move as they type on.
PHRASE_MARK, PHRASE_LEADS = "\x1e", "+"  # neither is ever part of a word's key
# A negative contraction is a word of no use to a search ("don't hold him" is "hold him"), and any other
# contraction's or possessive's ending after its apostrophe ("what's", "I'm", "the agent's") leaves its stem: in a
# query "what's a detainer" looked for "s" beside "detainer" and found no detainer at all
_NEGATION = re.compile(r"(?<![^\W_])[^\W\d_]+n['’]t(?![^\W_])", re.IGNORECASE)
_CLITIC = re.compile(r"(?<=[^\W\d_])['’](?:s|re|ve|ll|d|m)(?![^\W_])", re.IGNORECASE)

_FIELD_WEIGHTS = {"id": 6.0, "title": 4.0, "cite": 5.0, "tags": 3.0, "summary": 2.0, "body": 1.0, "deep": 0.5}
# Not the title: a result shows its title above its snippet, so a title-only match shows the summary's
# first words rather than the title twice (a glossary term read "I-247A detainer" / "I-247A detainer").
_SNIPPET_FIELDS = ("summary", "body", "deep")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


_DOUBLE_KEEP = frozenset("lsz")


@lru_cache(maxsize=65536)  # each keystroke stems the query's words again (SearchIndex._phrase_terms, _expand)
def stem(word: str) -> str:
    """A light English stem so that ask/asks/asking/asked and warrant/warrants meet (lowercase input)."""
    if len(word) < 4 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix, shortest in (("ing", 6), ("ed", 5)):
        if word.endswith(suffix) and len(word) >= shortest:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in _DOUBLE_KEEP:
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


# The words a query saying what someone wants of the officer holds (REQUEST_SITUATION_BONUS), as stems: the request's
REQUEST_WORDS = frozenset(map(stem, _FILLER | {"ask", "help"}))


def inflected(word: str, root: str) -> bool:
    """Whether ``word`` (lowercase) is a plural or an -ing/-ed form of ``root``, its stem() ("detainers",
    "arrested"), rather than a word stem() only cut an "e" from ("notice")."""
    return root != word and not (word[-1] == "e" and root == word[:-1])


# Spellings of one word that officers and the pack's sources mix (US and UK, -or and -er): the ends of a
# word that may stand for each other. A pack word is linked to another only when both are in it (SearchIndex).
_SPELLING_ENDS = (
    ("or", "er"), ("ors", "ers"), ("our", "or"), ("ours", "ors"),
    ("ence", "ense"), ("ences", "enses"), ("gement", "gment"), ("gements", "gments"),
    ("ise", "ize"), ("ises", "izes"), ("ised", "ized"), ("ising", "izing"), ("isation", "ization"),
    ("elled", "eled"), ("elling", "eling"), ("tre", "ter"), ("tres", "ters"),
)
_SPELLING_SWAPS: dict[str, list[str]] = defaultdict(list)
for _a, _b in _SPELLING_ENDS:
    _SPELLING_SWAPS[_a].append(_b)
    _SPELLING_SWAPS[_b].append(_a)
_SPELLING_TAILS = tuple(_SPELLING_SWAPS)
SPELLING_SHORTEST = 6  # shorter words are left alone: minor/miner, honor/honer are other words


def spelling_variants(word: str) -> list[str]:
    """The other spellings of a lowercase word by _SPELLING_ENDS ("protestors" → protesters,
    "offence" → offense, "authorised" → authorized); most are no word at all."""
    if len(word) < SPELLING_SHORTEST or not word.isalpha() or not word.endswith(_SPELLING_TAILS):
        return []
    return [word[: -len(tail)] + other for tail, others in _SPELLING_SWAPS.items() if word.endswith(tail)
            for other in others]


@lru_cache(maxsize=65536)
def keys_for_word(word: str) -> tuple[str, ...]:
    """Index keys of one word: the whole word without punctuation, plus its parts (≥ 2 chars)."""
    folded = _fold(word)
    parts = [p for p in re.split(r"[^\w]+|_", folded) if p]
    whole = "".join(parts)
    keys = [whole] if whole else []
    if len(parts) > 1:
        keys.extend(p for p in parts if len(p) >= 2 and p != whole)
    if len(whole) >= 3 and whole.isalpha():
        keys.append(STEM_MARK + stem(whole))  # a separate key space: never completed or typo-matched
    return tuple(keys)


def needle(key: str) -> str:
    """Text that every word with this index key holds, lowercased: the key itself, or for a stem key the
    stem without a final "y" (stem() only cuts a word's end, or turns "ies" into "y"). Not so for the
    whole key of a word in parts ("2-173-020" → 2173020) and its stem: SearchIndex notes shorter ones."""
    if key.startswith(STEM_MARK):
        root = key[len(STEM_MARK):]
        return root[:-1] if root.endswith("y") else root
    return key


def tokenize(text: str) -> list[str]:
    out: list[str] = []
    for match in _TOKEN_RE.finditer(text):
        out.extend(keys_for_word(match.group()))
    return out


def query_terms(query: str, known: Callable[[str], bool] | None = None) -> list[str]:
    """Normalised query terms (whole words only, stop words dropped unless nothing else is left). With
    ``known`` (does the pack hold this key?), a word joined by "/" that it does not hold stands for its
    halves: "I-200/I-205" found nothing, while "805/15" (a citation) stays whole. So does one of letters joined by
    hyphens: "la-migra" and "gun-point" found nothing ("2-13", a citation's, stays whole)."""
    query = query.replace("\x00", " ")[:MAX_QUERY_CHARS]
    if "'" in query or "’" in query:  # a contraction or possessive: both need an apostrophe
        query = _CLITIC.sub("", _NEGATION.sub(" ", query))
    terms: list[str] = []
    for match in _TOKEN_RE.finditer(query):
        word = match.group()
        keys = keys_for_word(word)
        if not keys:
            continue
        if keys[0] == "shall" and _SHALL_ASKING.match(query, match.end()):
            keys = ("should",)  # "shall i", "shall we": a question's words, as "should i"
        parts = "/" if "/" in word else "-" if "-" in word and not any(ch.isdigit() for ch in word) else ""
        if known is not None and parts and not known(keys[0]):
            terms.extend(half[0] for half in map(keys_for_word, word.split(parts)) if half)
        else:
            terms.append(keys[0])
    if len(terms) > 1 and not _ENTERING.isdisjoint(terms):
        terms = _entered(terms)
    kept = [t for t in terms if t not in _QUERY_STOP]
    return (kept or terms)[:MAX_QUERY_TERMS]


# "Come in" is to enter, but both its words go as a query's (a filler and a stop word): "ice wants to come in" was
# "ice" alone, and listed the traffic stop and the school first. A verb of coming and the stop word "in" or "into"
# right after it stand for the pack's word "entry" ("ice wants entry": the home-entry situations and the I-205 memo).
# Not "get in", which is most often "get in the way" (the pack's words for obstructing agents).
_ENTERING = frozenset("come comes coming came".split())
_INTO = frozenset({"in", "into"})
# ... but a paper that "came in" arrived: "a detainer came in" listed the home-entry situations first, the detainer
# situation and its form in none of the first five (they were first and fifth before "came in" was entry)
_ARRIVING = frozenset("detainer detainers warrant warrants request requests fax faxes email emails call calls letter "
                      "letters order orders subpoena subpoenas paper papers paperwork form forms notice notices "
                      "document documents message messages".split())
# ... looked for past stop words ("the detainer for him came in", "a detainer has come in"), but never past one that
# starts the coming again: a person who comes ("a warrant when they came in") or "to" ("does ice need a warrant to come
# in" was read as a warrant that arrived, and listed the NCIC hit first, the home-entry situations third and after)
_COMER = frozenset("i you he she we they who to theyre youre".split())


def _comer(before: list[str]) -> str:
    """The word that says who or what comes, of the words ``before`` a verb of coming: the last that is no stop word,
    or "" when a person or "to" comes first (_COMER)."""
    for word in reversed(before):
        if word in _COMER:
            return ""
        if word not in _QUERY_STOP:
            return word
    return ""


def _entered(terms: list[str]) -> list[str]:
    """A query's words, each verb of coming followed by "in" or "into" read as the one word "entry", unless the word
    before the verb, stop words aside, is a paper (_ARRIVING: "a detainer came in", "the detainer for him came in", "a
    detainer has come in" are no entry; only the word right before the verb was looked at, and "him" or "has" made
    them entries). A person or "to" before the verb ends the look (_COMER): "need a warrant to come in" is entry."""
    out: list[str] = []
    for term in terms:
        if term in _INTO and out and out[-1] in _ENTERING and _comer(out[:-1]) not in _ARRIVING:
            out[-1] = "entry"
        else:
            out.append(term)
    return out


# "section 1373", "sec. 111", "§ 1373": a number after one of these is a section of the pack's citations, though the
# pack writes that number in more documents than cite it (1373 in the case about it and the rules naming it), which
# keeps it from being a citation alone (_cite_numbers): "section 1373" listed the case, § 1644 and the TRUST Act's
# purpose above 8 U.S.C. § 1373, whose text never says "section".
# A section number in a provision's citation: "8 U.S.C. § 1373", "18 U.S.C. § 111" (SearchIndex._section_numbers)
_SECTION_NUMBER_RE = re.compile(r"(?:§+|(?<![^\W_])(?:sections?|sec|sect)\.?)\s*(\d+)(?![^\W_])", re.IGNORECASE)
_NUMBER_RE = re.compile(r"\d+")
_SECTION_MARK_RE = re.compile(r"(?:(?<![^\W_])(?:sections?|sec|sect)\.?|§+)\s*$", re.IGNORECASE)


def _section_mark(before: str) -> int | None:
    """Where the word saying that the number after ``before`` is a section starts in it ("section", "§"), or None."""
    match = _SECTION_MARK_RE.search(before)
    return None if match is None else match.start()


def composed(query: str) -> str:
    """``query`` with each letter and its accents as one character (NFC): "inmigracio\u0301n", its accent typed apart
    (as macOS and some keyboards send it), was read as the words "inmigracio" and "n", and listed other results than
    "inmigración"."""
    return query if query.isascii() else unicodedata.normalize("NFC", query)


# The verb of such a question ("need" of "do i need to", "got" of "have we got to") says what is asked, not what about,
# as "have" of "do i have to" (a stop word) does: a filler, "need" found the agent who "needs assistance" (S16) and
# listed it above the rule on helping. Dropped from a query asking whether someone must, where it is followed by "to".
_DUTY_VERB_RE = re.compile(r"(?<![^\W_])(need|needs|got|half)\s+too?(?![^\W_])")


def without_duty_verb(terms: list[str], query: str) -> list[str]:
    """A duty question's words (asks_duty) without the verb that asks it ("need" of "do i need to", "half" of "do i half
    to", as dictated): _DUTY_VERB_RE, within what _DUTY_RE matched. Only that word, not the same word elsewhere in the
    query: "have we got to tell ice when he got out" lost the "got" of "got out" (the pack's words for a release)."""
    lowered = _duty_text(query)
    asking: dict[str, set[int]] = {}  # per verb, which of its places in the query (0 for its first) asks
    for asked in _DUTY_RE.finditer(lowered):
        verb = _DUTY_VERB_RE.search(lowered, asked.start(), asked.end())
        if verb is not None:
            word = verb.group(1)
            before = sum(1 for match in _TOKEN_RE.finditer(lowered, 0, verb.start()) if match.group() == word)
            asking.setdefault(word, set()).add(before)
    if not asking:
        return terms
    kept: list[str] = []
    seen: dict[str, int] = {}
    for term in terms:
        places = asking.get(term)
        if places is not None:
            place = seen[term] = seen.get(term, -1) + 1
            if place in places:
                continue
        kept.append(term)
    return kept or terms


def asks_duty(query: str) -> bool:
    """Whether a query asks whether someone must do something ("do i have to", "do i need to", "have we got to",
    "must", "supposed to"), not says what someone had to do ("ice had to leave"): _DUTY_RE."""
    return _DUTY_RE.search(_duty_text(query)) is not None


def _duty_text(query: str) -> str:
    """``query`` as _DUTY_RE reads it: lowercased, and beyond ASCII folded as its words are (_fold), so "ｎｅｅｄ ｔｏ
    ｈｅｌｐ ｉｃｅ" (full-width letters, an East Asian keyboard's) and "İ need to" ask as "need to help ice" does: their
    words were searched as those, but the question went unseen, and the agent attacked (S16) was listed first."""
    text = query[:MAX_QUERY_CHARS]
    return text.lower() if text.isascii() else _fold(text)


def still_typed(query: str) -> bool:
    """Whether the query's last word is still being typed: nothing but letters or marks after it, no space.
    Only such a word matches the words it starts ("tow" is not "toward", nor "tow " or "tow truck")."""
    return not query[:MAX_QUERY_CHARS][-1:].isspace()


def citation_parts(text: str) -> list[str]:
    """The parts of a citation as typed or written: casefolded runs of digits or of letters."""
    return _CITE_PART_RE.findall(text.lower() if text.isascii() else _fold(text))


def _matching_parts(parts: list[str]) -> list[str]:
    """Parts as citations are matched: a number without its leading zeros ("EO 2026-1" finds EO 2026-01),
    and single letters run together ("8 USC" finds 8 U.S.C., "PA 10" P.A. 101-0019)."""
    out: list[str] = []
    letters = False  # the last part out was made of single letters
    for part in parts:
        if part.isdecimal():
            out.append(part.lstrip("0") or "0")
            letters = False
        elif len(part) == 1 and letters:
            out[-1] += part
        else:
            out.append(part)
            letters = len(part) == 1
    return out


@lru_cache(maxsize=65536)  # a pack's citations repeat the same few parts (MCC, 2, 173, ILCS, a)
def _part_key(part: str) -> str:
    if part.isdecimal():  # by length, then digits (not int(): a part may be any length), then as written
        number = part.lstrip("0")
        return f"0{len(number):09d}{number}\x01{part}"
    return "1" + part


def natural_key(parts: Iterable[str]) -> str:
    """A text whose order is citation order: numbers as numbers (5 < 10 < 15, 005 < 010 < 069), before
    letters; a citation before its sub-sections (15 < 15(a) < 15(a)(1) < 15(b)). (One text, not a tuple
    of each part's: a big pack sorts tens of thousands of them as its index is built.)"""
    return "\x00".join(map(_part_key, parts))


def _has_digit(query: str) -> bool:
    """Whether the query holds a digit: without one it is no citation, nor holds one (one C call)."""
    return _DIGIT_RE.search(query if query.isascii() else _fold(query)) is not None


def _run_text(parts: list[str]) -> str:
    """Parts as matched (_matching_parts), as the text the citations' runs they start begin with."""
    if len(parts) > 1 and parts[-1] == "0" and parts[-2].isdecimal():  # "2-173-0": a section still being
        return _CITE_SEP.join(parts[:-1]) + _CITE_SEP  # typed, whose leading zeros are not matched: any next part
    return _CITE_SEP.join(parts)


def citation_query(query: str) -> str | None:
    """The query as a citation to look up (its parts joined by _CITE_SEP), when it may be one: a number
    and at least one other part ("805/15", "2-17", "I-247A", "MCC 2-173"). None for a query of words only
    or a lone number. (SearchIndex also finds a citation among words, and a lone number the pack uses
    mostly in citations: _find_citation.)"""
    query = query[:MAX_QUERY_CHARS]
    if not _has_digit(query):
        return None
    parts = _matching_parts(citation_parts(query))
    if len(parts) < 2:
        return None
    return _run_text(parts)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau–Levenshtein (optimal string alignment) distance, or limit + 1 once it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        best = cur[0]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            best = min(best, v)
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def typo_reach(word: str) -> int:
    """The edits a typo of ``word`` may hold and still be taken for a known word: 1, or 2 from 8 letters."""
    return 1 if len(word) < 8 else 2


# Spellings of one sound, as an officer who spells by sound mixes them: each rewritten, in this order, to one
# spelling (sounds_like). "sh" and the "sh" of -tion, -sion, -cial; ph and f; ck, q and a hard c; a soft c and s;
# z and s; a final "-le" and "-al" (vehicle, vehical); a silent final e; the "oo" of lieutenant; a doubled letter.
_SOUND_RULES = tuple((re.compile(pattern), spelling) for pattern, spelling in (
    (r"(?:s?s|t|c)i(?=[aeiou])|sh", "x"), (r"ph", "f"), (r"ck|q", "k"), (r"c(?=[eiy])", "s"), (r"c", "k"),
    (r"z", "s"), (r"(?<=[^aeiouy])le$", "al"), (r"(?<=..[^aeiouy])e$", ""), (r"ieu", "oo"), (r"(.)\1+", r"\1"),
))
# Then every run of vowels after the first is one (deportashun, deportation), the sounds spelling mixes most. The
# first is kept: it tells words apart that differ only there ("kill" is not call, "feeling" not failing).
_VOWELS = re.compile(r"[aeiouy]+")
# The first letters a word may start with for its sound to start with this one (others: the letter itself)
_SOUND_FIRST = {"k": "ckq", "s": "csz", "f": "fp", "x": "cst"}
SOUND_SHORTEST = 4  # letters of a word guessed by its sound ("fone": phone)
SOUND_LONGER = 2  # a known word sounding like a word typed is at most this many letters longer ("fone": phone)
# and at most this many shorter: spelling by sound leaves letters out more than it adds them, and a word typed
# two letters longer than a known one is another word ("possession" is not position)
SOUND_SHORTER = 1


@lru_cache(maxsize=65536)
def sounds_like(word: str) -> str:
    """A lowercase word as it sounds, roughly: sound-alike spellings of one word ("deportashun", "deportation";
    "ofisser", "officer"; "fone", "phone") give the same text (_SOUND_RULES). For guessing what a word the
    pack does not hold meant, never for matching."""
    for pattern, spelling in _SOUND_RULES:
        word = pattern.sub(spelling, word)
    first = _VOWELS.search(word)
    return word if first is None else word[:first.end()] + _VOWELS.sub("a", word[first.end():])


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # "provision", "scenario" or "term"
    id: str
    title: str
    citation: str
    jurisdiction: str
    source: str
    fields: tuple[tuple[str, str], ...]


class Hit(NamedTuple):
    """One result. A named tuple, not a frozen dataclass: a search makes up to 30 of them per keystroke,
    and a tuple is built about three times faster (frozen dataclasses set each field through a call)."""

    kind: str
    id: str
    title: str
    citation: str
    jurisdiction: str
    score: float
    snippet: str
    spans: tuple[tuple[int, int], ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "id": self.id,
            "title": self.title,
            "citation": self.citation,
            "jurisdiction": self.jurisdiction,
            "score": round(self.score, 4),
            "snippet": self.snippet,
        }


def _entries(pack: Pack) -> list[Entry]:
    entries: list[Entry] = []
    for p in pack.provisions:
        entries.append(
            Entry(
                kind="provision",
                id=p.provision_id,
                title=p.title,
                citation=p.cite_as,
                jurisdiction=p.jurisdiction,
                source=p.source.document,
                fields=(
                    ("id", p.provision_id),
                    ("cite", " ".join(filter(None, (p.cite_as, p.source.number, p.source.section)))),
                    ("title", p.title),
                    ("tags", ", ".join(p.tags)),  # a comma between tags: no two words in a row across two
                    ("summary", p.summary),
                    ("body", p.text + " " + " ".join(n.text for n in p.status_notes)),
                ),
            )
        )
    for s in pack.scenarios:
        deep: list[str] = []
        for node in s.nodes:
            if isinstance(node, Question):
                deep.append(node.prompt)
                deep.extend(c.label for c in node.choices)
            elif isinstance(node, Outcome):
                deep.append(node.headline)
        entries.append(
            Entry(
                kind="scenario",
                id=s.scenario_id,
                title=s.title,
                citation=f"{s.scenario_id} · {s.category}" if s.category else s.scenario_id,
                jurisdiction="",
                source="",
                fields=(
                    ("id", s.scenario_id),
                    # a break between the two: no words in a row across them (_adjacent_pairs)
                    ("title", s.title + (f"; {s.home_label}" if s.home_label else "")),
                    ("tags", ", ".join(s.tags)),
                    ("summary", s.summary),
                    ("deep", " ".join(deep)),
                ),
            )
        )
    for g in pack.glossary:
        entries.append(
            Entry(
                kind="term",
                id=g.term,
                title=g.term,
                citation="Glossary",
                jurisdiction="",
                source="",
                fields=(("title", g.term), ("summary", g.definition)),
            )
        )
    return entries


def _shown_words(pack: Pack, provision_id: str) -> dict[str, str]:
    """A provision's snippet fields as its page shows them: the provisions they name by the pack's id ("see
    LIT-USvIL-2025") named by their citations (Pack.spelt_out), a quotation as it is. A snippet showed the id."""
    p = pack.provision(provision_id)
    if p is None:
        return {}
    spelt = pack.spelt_out
    return {"summary": spelt(p.summary),
            "body": (p.text if p.text_is_verbatim else spelt(p.text)) + " " + " ".join(spelt(n.text) for n in p.status_notes)}


LISTED_UNDER = "Listed under:"  # a snippet's first words when a result was found only through words it does not show


#: The phrases a document is listed under, each with its words' spans and keys (_listed_words).
_Listed = tuple[tuple[str, tuple[tuple[int, int, frozenset[str]], ...]], ...]


def _listed_words(entry: Entry) -> _Listed:
    """The phrases a document is listed under that its result does not show, its tags and a situation's
    home-screen label (its title field holds "title; label", the result shows the title), with each word's
    span in its phrase and its keys."""
    fields = dict(entry.fields)
    listed = [tag for tag in fields.get("tags", "").split(", ") if tag]
    title = fields.get("title", "")
    if entry.kind == "scenario" and title.startswith(f"{entry.title}; "):
        listed.append(title[len(entry.title) + 2:])
    return tuple((phrase, tuple((*match.span(), frozenset(keys_for_word(match.group())))
                                for match in _TOKEN_RE.finditer(phrase))) for phrase in listed)


def _row_keys(entry: Entry) -> frozenset[str]:
    """The keys of the words a result's row shows above its snippet, in full: its title and citation line. A phrase
    it is listed under holding only such words is not named again (_listed_line)."""
    return frozenset(key for text in (entry.title, entry.citation) for match in _TOKEN_RE.finditer(text)
                     for key in keys_for_word(match.group()))


def _listed_line(listed: _Listed, keys: AbstractSet[str],
                 unshown: AbstractSet[str]) -> tuple[str, tuple[tuple[int, int], ...]] | None:
    """'Listed under: anti-commandeering.', naming the phrases of ``listed`` that hold any of ``unshown`` (the
    matched keys the row's title and citation line do not show), and the spans of their words holding any of
    ``keys``; None when none does."""
    line = LISTED_UNDER
    spans: list[tuple[int, int]] = []
    for phrase, words in listed:
        joined = f"{line}, " if spans else f"{line} "
        at = len(joined)
        found = [(at + start, at + end) for start, end, held in words if not held.isdisjoint(keys)]
        if found and any(not held.isdisjoint(unshown) for *_span, held in words):
            line = joined + phrase
            spans.extend(found)
    if not spans:
        return None
    return f"{line}.", tuple(spans)


def _positions(fields: Iterable[tuple[str, str]]) -> tuple[tuple[_Field, ...], frozenset[str]]:
    """A document's snippet fields with their words' spans (word_masks; a very long field none: scanned when a
    snippet needs it, as in a big pack), and every key they hold."""
    found: list[_Field] = []
    held: set[str] = set()
    for _name, text in fields:
        words = word_masks(text, MASK_WORDS_UP_TO)
        if words is None:
            found.append((text, (), None))
            held.update(tokenize(text))
        else:
            found.append((text, *words))
            held.update(words[1])
    return tuple(found), frozenset(held)


def word_masks(text: str, most: int) -> tuple[tuple[tuple[int, int], ...], dict[str, int]] | None:
    """The words of ``text`` (their spans, in reading order) and, per index key, which of them hold it:
    bit i set for word i. A word holding a key twice (itself and its stem) is one bit, once. None for a
    text of more than ``most`` words: a key's mask is as long as the text up to its last word, so masks
    would take memory and time growing with the square of the text's length."""
    spans: list[tuple[int, int]] = []
    masks: dict[str, int] = {}
    for i, match in enumerate(_TOKEN_RE.finditer(text)):
        if i == most:
            return None
        spans.append(match.span())
        bit = 1 << i
        for key in keys_for_word(match.group()):
            masks[key] = masks.get(key, 0) | bit
    return tuple(spans), masks


def _window(text: str, first: int, width: int) -> tuple[str, int, int]:
    """About ``width`` characters of ``text`` from a little before ``first`` (at a word start), with "…"
    where it was cut; how far a position in ``text`` moves in it (0 when nothing was cut before); and
    where the shown part ends in ``text``. (Each case builds its string in one go: this runs for every
    result a keystroke has not shown before.)"""
    start = first - width // 3
    if start <= 0:
        return (f"{text[:width]}…", 0, width) if width < len(text) else (text, 0, len(text))
    space = text.rfind(" ", 0, start)
    if space >= 0 and first - space < width // 2:
        start = space + 1
    end = start + width
    if end < len(text):
        return f"…{text[start:end]}…", 1 - start, end  # 1: the "…" before
    return f"…{text[start:]}", 1 - start, len(text)


def _cut(text: str, found: list[tuple[int, int]], width: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet around the first of ``found`` (spans of matches, in reading order), with the matches
    inside it moved to the snippet's positions."""
    cut, shift, end = _window(text, found[0][0], width)
    if not shift:  # nothing cut before: positions stay
        return cut, tuple(found) if found[-1][1] <= end else tuple([span for span in found if span[1] <= end])
    return cut, tuple([(a + shift, b + shift) for a, b in found if b <= end])


def _cut_words(text: str, spans: tuple[tuple[int, int], ...], matched: int, width: int,
               ) -> tuple[str, tuple[tuple[int, int], ...]]:
    """_cut for the words of ``text`` (``spans``, as word_masks gives them) whose bits ``matched`` sets; ``matched``
    is never 0 (the callers cut a field only where a word matched)."""
    low = matched & -matched
    span = spans[low.bit_length() - 1]
    cut, shift, end = _window(text, span[0], width)
    found = []
    while span[1] <= end:  # word by word in reading order, up to the first that ends past the snippet
        # nothing cut before (shift 0): the field's own span, not a new pair (fewer objects for the collector)
        found.append((span[0] + shift, span[1] + shift) if shift else span)
        matched ^= low
        if not matched:
            break
        low = matched & -matched  # the lowest bit is found once per word (the first word's was found above)
        span = spans[low.bit_length() - 1]
    return cut, tuple(found)


#: A snippet field: its text, and in a small pack its words' spans and which words hold each key
#: (word_masks), or no masks when it is scanned instead (every field of a big pack; a very long one).
_Field = tuple[str, tuple[tuple[int, int], ...], dict[str, int] | None]

#: A snippet: its text, and where the words it marks are in it.
_Snippet = tuple[str, tuple[tuple[int, int], ...]]

#: A query's first words, scored: per document, its score and how many of the words it matched; each word's
#: keys; and per document, the score it ranks by when the word after them does not match it (_words_before).
_Scored = tuple[dict[int, float], dict[int, int], tuple[dict[str, float], ...], dict[int, float]]

#: The square of the share of a query's words a document matched, by number of words and of words matched:
#: a document ranks by its score times it. (A table: a keystroke ranks a hundred documents or more.) One row
#: past the longest query: _words_before scores its words for one word more still to come.
_SHARE_SQUARED = [[(matched / words) ** 2 for matched in range(words + 1)] for words in range(1, MAX_QUERY_TERMS + 2)]
_SHARE_SQUARED.insert(0, [1.0])  # a query of fillers only (_FILLER): no word counted, none missed


def _counted(terms: Iterable[str]) -> int:
    """The words of a query that count in the share of them a document matched: all but fillers."""
    return sum(term not in _FILLER for term in terms) - sum(
        PHRASE_MARK in term and term.partition(PHRASE_MARK)[0] in _QUERY_STOP for term in terms)


def _uncounted(term: str) -> bool:
    """Whether a query's word counts in the share of them a document matched: not a filler (_FILLER), nor a stop
    word kept only as the start of a phrase's last word being typed ("officer do": SearchIndex._phrase_terms)."""
    if term in _FILLER:
        return True
    return PHRASE_MARK in term and term.partition(PHRASE_MARK)[0] in _QUERY_STOP


class SearchIndex:
    """An inverted index with field weights, built once; queries never touch storage."""

    def __init__(self, pack: Pack) -> None:
        self.entries = _entries(pack)
        # Ties in score go to situations first, then to the earlier document: one int per document
        # that orders the same way, so ranking compares plain tuples in C (no Python key per candidate).
        count = len(self.entries)
        self._tie = [(count if e.kind == "scenario" else 0) + count - doc for doc, e in enumerate(self.entries)]
        # BM25F: a word's weight in a document sums its counts in each field, each scaled by the field's
        # weight and normalised by that field's length against the field's average length, so a long
        # field (a scenario's every prompt and answer) does not drown a hit in a short one (its title).
        self._cache_positions = count <= PRECOMPUTE_SNIPPETS_UP_TO  # small packs keep every word's spans
        self._surface: dict[str, str] = {}
        # A big pack's snippets (and a small pack's longest fields) find where a key can first occur with
        # str.find (_scan), looking for its needle(). A word in parts (2-173-020, re-entry) holds its whole
        # key and that key's stem without their needles: for those keys the needle is the shortest first
        # part of such a word ("2", "re"), which starts both the key and every word holding it.
        self._short_needles: dict[str, str] = {}
        key_cache: dict[str, tuple[str, ...]] = {}
        field_counts: list[list[tuple[str, str, int, dict[str, int]]]] = []
        totals: dict[str, float] = defaultdict(float)
        seen: dict[str, int] = defaultdict(int)
        for entry in self.entries:
            per_field = []
            for name, text in entry.fields:
                words = _TOKEN_RE.findall(text)
                counts: dict[str, int] = {}
                for word in words:
                    keys = key_cache.get(word)
                    if keys is None:
                        keys = key_cache[word] = tuple(k for k in keys_for_word(word) if k not in _STOP)
                        lowered = word.lower()
                        for key in keys:
                            self._surface.setdefault(key, lowered)
                        # a plain word's keys are itself and its stem, whose needles it holds; only a word
                        # in parts can hold a key without its needle
                        if not word.isalnum() and word.isascii():
                            self._note_short_needles(lowered, keys)
                    for key in keys:
                        counts[key] = counts.get(key, 0) + 1
                group = f"{entry.kind} {name}" if name in KIND_AVERAGED_FIELDS else name
                per_field.append((name, group, len(words), counts))
                totals[group] += len(words)
                seen[group] += 1
            field_counts.append(per_field)
        average = {group: (totals[group] / seen[group]) or 1.0 for group in totals}
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        for doc in range(len(field_counts)):
            # each document's counts are let go as soon as they are used: a big pack would otherwise free
            # millions of objects at once at the end, holding the interpreter lock all that time
            per_field, field_counts[doc] = field_counts[doc], []
            for name, group, length, counts in per_field:
                scale = _FIELD_WEIGHTS[name] / (1 - FIELD_B + FIELD_B * length / average[group])
                for key, count in counts.items():
                    bucket = postings[key]
                    bucket[doc] = bucket.get(doc, 0.0) + count * scale
        n = max(len(self.entries), 1)
        # Impact-ordered postings, each entry pre-scored (saturated like BM25), so a query only adds
        # numbers; very common words keep their strongest MAX_POSTINGS documents. Raw weights are let go
        # key by key, for the same reason as the counts above.
        self._idf: dict[str, float] = {}
        self._df: dict[str, int] = {}
        self._postings: dict[str, dict[int, float]] = {}
        self._cut_short: set[str] = set()  # keys whose postings keep only their strongest documents
        # A provision listed for its citation (_cited) that the query's words did not reach scores what the
        # strongest word of its citation gives it: every hit matched the query, and says how much.
        self._cite_scores: dict[int, float] = {}
        cited_by, cited_by_number, sections_cited = self._build_citations(key_cache)
        for key in list(postings):
            docs = postings.pop(key)
            df = self._df[key] = len(docs)
            self._idf[key] = math.log(1 + (n - df + 0.5) / (df + 0.5))
            scored = {d: (w * (K1 + 1)) / (w + K1) for d, w in docs.items()}
            for doc in cited_by.get(key, ()):  # before common words keep only their strongest documents
                self._cite_scores[doc] = max(self._cite_scores.get(doc, 0.0), self._idf[key] * scored[doc])
            if len(scored) > MAX_POSTINGS:
                scored = dict(heapq.nlargest(MAX_POSTINGS, scored.items(), key=lambda item: item[1]))
                self._cut_short.add(key)
            self._postings[key] = scored
        # The numbers that are a citation alone (805: the TRUST Act, 5 ILCS 805): long enough, and held by at
        # least as many provisions citing them as other documents (2025 is mostly a year, in dates and text).
        self._cite_numbers = frozenset(
            number for number, docs in cited_by_number.items() if 2 * len(docs) >= self._df.get(number, 0))
        # ... and, as a query's only number, one that a single provision's citation has as its section ("is 1373
        # still law": 8 U.S.C. § 1373), though the pack writes it in more documents (the rules and the case naming it)
        self._section_numbers = frozenset(
            number for number, docs in sections_cited.items() if len(docs) == 1) - self._cite_numbers
        self._vocab = sorted(self._postings)
        self._adjacent, self._named = self._adjacent_pairs()
        self._situations = frozenset(doc for doc, entry in enumerate(self.entries) if entry.kind == "scenario")
        self._rules = frozenset(doc for doc, entry in enumerate(self.entries) if entry.kind == "provision")
        # Two spellings of one word that the pack both holds ("protesters" in a situation, "protestors" in a
        # court case's quote; "offence" and "offense"), and their stems: a query for either finds both as one.
        self._variants: dict[str, list[str]] = defaultdict(list)
        for key in self._vocab:
            for other in spelling_variants(key):
                if other in self._postings:
                    self._variants[key].append(other)
                    stems = STEM_MARK + stem(key), STEM_MARK + stem(other)
                    if stems[0] != stems[1] and stems[0] in self._postings and stems[1] in self._postings:
                        self._variants[stems[0]].append(stems[1])
        self._variants.default_factory = None
        self._derived = self._derived_words()
        # The completions of one- and two-letter prefixes, the first keystrokes of every query: in a big
        # pack each spans thousands of words (12,000 start with "s" in the 10k pack), so they are chosen
        # here once instead of on every query's first keystroke.
        self._short_completions: dict[str, list[str]] = {}
        for size, limit in COMPLETIONS.items():
            start = 0
            while start < len(self._vocab):
                prefix = self._vocab[start][:size]
                if len(prefix) < size:  # a word shorter than the prefix: the words after it may be longer
                    start += 1
                    continue
                end = bisect_left(self._vocab, prefix + "\U0010ffff", start)
                self._short_completions[prefix] = self._choose_completions(self._vocab[start:end], limit)
                start = end
        # Words by length and first letter, for typos: built here (off the UI thread in the app), not on
        # a session's first typo, which took 25 ms in the 10k pack.
        self._buckets: dict[tuple[int, str], list[str]] = defaultdict(list)
        for word in self._vocab:
            if not word.isdigit():
                self._buckets[(len(word), word[0])].append(word)
        self._buckets.default_factory = None
        self._completions: dict[str, list[str]] = {}
        self._verb_docs: dict[str, frozenset[int]] = {}  # _verb_uses's: the pack's, kept for good
        self._apart: dict[tuple[str, str], int] = {}  # _written_apart's counts: the pack's, kept for good
        self._misspellings: dict[tuple[str, bool], str | None] = {}  # _misspelt's words
        self._scored_words: dict[tuple[str, ...], _Scored] = {}
        # per words before the last, their scores and shares as lists by document (_lifted)
        self._lifted_words: dict[tuple[str, ...], tuple[list[float], list[float], list[float]]] = {}
        self._last_word: tuple[str, tuple[dict[str, float], dict[int, float]]] = ("", ({}, {}))
        # Per document, the fields a snippet may come from, in the order it tries them, then the summary
        # it falls back to (so a result does not rebuild a dict of its fields).
        self._snippet_fields: list[tuple[tuple[tuple[str, str], ...], str]] = []
        for entry in self.entries:
            fields = dict(entry.fields)
            tried = tuple((name, fields[name]) for name in _SNIPPET_FIELDS if fields.get(name))
            self._snippet_fields.append((tried, fields.get("summary", "")))
        # Small packs: every key each document's snippet fields hold. Any pack: the snippets already made,
        # by document and the keys of the query it holds. Typing a query letter by letter changes the
        # words matched by the last one, not what most results hold, so most snippets are made once.
        self._snippet_keys: list[frozenset[str]] = []
        self._snippets: dict[int, dict[object, _Snippet]] = {}
        self._snippets_made = 0
        self._field_positions: list[tuple[_Field, ...]] = []
        # Small packs: per document, the keys of the words it is listed under that a result does not show (its
        # tags, a situation's home-screen label): a result found through them alone names them (_listed_line).
        self._listed: list[_Listed] = []
        self._listed_keys: list[frozenset[str]] = []
        self._row_keys: list[frozenset[str]] = []  # per document, the keys of its row's title and citation line
        if self._cache_positions:
            for fields, _ in self._snippet_fields:
                found, held = _positions(fields)
                self._field_positions.append(found)
                self._snippet_keys.append(held)
            self._listed = [_listed_words(entry) for entry in self.entries]
            self._listed_keys = [frozenset().union(*(held for _phrase, words in listed for *_span, held in words))
                                 for listed in self._listed]
            self._row_keys = [_row_keys(entry) for entry in self.entries]
        # A provision's snippet reads as its page does: the provisions its words name by the pack's id named by
        # their citations (_shown_words). A small pack's are spelt out here, off the UI thread in the app (67
        # provisions, 9-20 ms): on their first snippet, a new session's first letters paid for them ("a" made
        # 5.9 M instructions, ten times a keystroke's, the slowest of the bench's keystrokes). A big pack's are
        # spelt out on their first snippet (10,000 provisions would add seconds to the build).
        self._pack = pack
        self._to_spell = bytearray(entry.kind == "provision" for entry in self.entries)
        if self._cache_positions:
            for doc, to_spell in enumerate(self._to_spell):
                if to_spell:
                    self._spell_out(doc)
        # Synonyms go from the officer's word to the words in the data ("hold" → detainer, I-247A), with a
        # weaker link back to that word only: members of one group ("papers" → warrant, subpoena,
        # detainer) are not synonyms of each other.
        self._synonyms: dict[str, list[tuple[list[str], float]]] = defaultdict(list)
        by_stem: dict[str, list[tuple[list[str], float]]] = defaultdict(list)
        # An officer's phrase of two words or more ("officer down", "bond out", "la migra") goes to the data's
        # words only where the query holds its words in a row (_phrase_terms): not from any one of its words,
        # as a one-word synonym would ("down" alone listed the agent attacked for "calm the crowd down").
        self._phrases: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        self._phrase_starts: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)
        for syn in pack.synonyms:
            head = query_terms(syn.term)
            expansions = [query_terms(e) for e in syn.expansions]
            if len(head) > 1:
                name = " ".join(head)
                for phrase in expansions:
                    keys = tuple(dict.fromkeys(filter(None, map(self._wording_key, phrase))))
                    if keys and phrase != head:
                        if name not in self._phrases:  # a phrase none of whose wordings the pack holds leads nowhere
                            self._phrase_starts[tuple(map(stem, head[:-1]))].append((head[-1], name))
                        self._phrases[name].append(keys)
            if len(head) == 1:
                for phrase in expansions:
                    if phrase and phrase != head:
                        self._synonyms[head[0]].append((phrase, SYNONYM_WEIGHT))
                        if head[0].isalpha():
                            by_stem[STEM_MARK + stem(head[0])].append((phrase, SYNONYM_WEIGHT))
            for phrase in expansions:
                if len(phrase) == 1 and head and phrase != head:
                    self._synonyms[phrase[0]].append((head, REVERSE_SYNONYM_WEIGHT))
        # ... and from the officer's word's other forms, by its stem ("warrants", "fed" for "feds", "deported"):
        # looked up when the word typed is no synonym's own (stem keys start with STEM_MARK, which no word does)
        self._synonyms.update(by_stem)
        self._synonyms.default_factory = None
        self._phrases.default_factory = self._phrase_starts.default_factory = None
        self._phrase_firsts = frozenset(start[0] for start in self._phrase_starts)  # the roots phrases start with
        # A phrase's wordings never count for more than the phrase itself would, as for any other word (_term_scores):
        # by the documents holding all its words ("ice hold": I-247A must not outrank what says ICE and hold just
        # for being rarer).
        self._phrase_idf: dict[str, float] = {}
        for name in self._phrases:
            held = [self._postings.get(word) or self._postings.get(STEM_MARK + stem(word)) for word in name.split()]
            if all(held):
                df = len(set(held[0]).intersection(*held[1:]))
                if df:
                    self._phrase_idf[name] = math.log(1 + (n - df + 0.5) / (df + 0.5))
                    continue
            # ... and one it does not hold ("la migra") no more than the commonest of its wordings (ICE, not CBP)
            commonest = self._commonest_wording_idf(self._phrases[name])
            if commonest is not None:
                self._phrase_idf[name] = commonest
        # So too an officer's word the pack does not hold ("migra": ICE, CBP, immigration agents): its synonyms count no
        # more than the commonest of them, as a held word's count no more than it (_term_scores). Each counted as much
        # as it is rare, and "la migra is here" listed the glossary's CBP and the situations tagged CBP first, the
        # resident asking whether ICE is here (S19, which "ice is here" lists first) 20th.
        self._synonym_idf = {
            word: idf for word, synonyms in self._synonyms.items()
            if word not in self._postings and (idf := self._commonest_wording_idf(
                [key for key in phrase if key in self._postings] for phrase, _weight in synonyms)) is not None}
        # What each phrase's wordings find (_phrase_scores), scored here (off the UI thread in the app): the first
        # keystroke starting a phrase scored them, "ice w" 1.8 M instructions for "ice warrant"'s
        self._phrase_found = {name: self._phrase_scores(name) for name in self._phrases}
        # What a one-word synonym's wording of two words or more finds, per its keys, weight and ceiling (_wording_found):
        # scored here for each word that has such synonyms, as typed (off the UI thread in the app): the keystroke
        # finishing "administrative warrant" scored "warrant"'s four, +58 % instructions on it
        self._wordings_found: dict[tuple[tuple[str, ...], float, float | None], dict[int, float]] = {}
        for word in self._synonyms:
            if word.startswith(STEM_MARK):
                continue
            ceiling = self._ceiling(word, self._expand(word, False)[1])
            for filler in (True, False) if word in _FILLER else (True,):
                for wording, weight in self._synonym_wordings(word, filler):
                    self._wording_found(wording, weight, ceiling)

    def _adjacent_pairs(self) -> tuple[dict[str, set[int]], dict[tuple[str, ...], set[int]]]:
        """Per two words in a row in a document's ADJACENT_FIELDS (each word's stem, joined by a space; stop words
        skipped; not across a tag or a clause: _ADJACENT_BREAK), the documents writing them so; and per situation's
        tag of two words or more (its words' stems), the situations it names. Built once (off the UI thread)."""
        pairs: dict[str, set[int]] = defaultdict(set)
        named: dict[tuple[str, ...], set[int]] = defaultdict(set)
        root_of: dict[str, str] = {}  # per word as written, its first key's stem ("" for a stop word)
        for doc, entry in enumerate(self.entries):
            for name, text in entry.fields:
                if name not in ADJACENT_FIELDS:
                    continue
                roots: list[str] = []
                for word in _WORD_OR_BREAK_RE.findall(text + ","):  # a break ("") after each clause, and the last
                    if word:
                        root = root_of.get(word)
                        if root is None:
                            key = keys_for_word(word)[0]  # the word as a query reads it (query_terms)
                            root = root_of[word] = "" if key in _QUERY_STOP else stem(key)
                        if root and (not roots or roots[-1] != root):
                            roots.append(root)
                        continue
                    if len(roots) > 1:
                        for pair in map(" ".join, zip(roots, roots[1:], strict=False)):
                            pairs[pair].add(doc)
                        if name == "tags" and entry.kind == "scenario":
                            named[tuple(roots)].add(doc)
                    roots = []
        return dict(pairs), dict(named)

    def _nearness(self, terms: list[str], ranks: dict[int, float], duty: bool = False) -> None:
        """Rank higher (``ranks``, of a query of two words or more, changed in place) the documents writing two of its
        words in a row, in its order (ADJACENT_BONUS); the situations one of whose tags it is (NAMED_BONUS); and, for a
        query saying what someone wants, needs or asks of the officer, every situation (REQUEST_SITUATION_BONUS), unless
        it asks whether someone must (``duty``: asks_duty)."""
        roots = [stem(term.partition(PHRASE_MARK)[0]) for term in terms]
        factor = 1 + ADJACENT_BONUS / (len(roots) - 1)
        adjacent, held = self._adjacent, ranks.keys()
        for pair in map(" ".join, zip(roots, roots[1:], strict=False)):
            docs = adjacent.get(pair)
            if docs:
                for doc in held & docs:  # in C, over the fewer
                    ranks[doc] *= factor
        named = self._named.get(tuple(roots))
        if named:
            for doc in held & named:
                ranks[doc] *= 1 + NAMED_BONUS
        if not duty and not REQUEST_WORDS.isdisjoint(roots):
            for doc in held & self._situations:
                ranks[doc] *= 1 + REQUEST_SITUATION_BONUS

    def _commonest_wording_idf(self, wordings: Iterable[Iterable[str]]) -> float | None:
        """The idf of the commonest of ``wordings`` (each keys the pack holds), by the documents holding all of a
        wording's keys; None when no document holds all of any."""
        most = 0
        for wording in wordings:
            docs = [self._postings[key].keys() for key in wording]
            if docs:
                most = max(most, len(set(docs[0]).intersection(*docs[1:])))
        if not most:
            return None
        return math.log(1 + (len(self.entries) - most + 0.5) / (most + 0.5))

    def _derived_words(self) -> dict[str, list[str]]:
        """The stems of nouns made from verbs and of those verbs, each linked to the other (DERIVED_ENDS)."""
        postings = self._postings
        derived: dict[str, list[str]] = defaultdict(list)
        vocab = self._vocab
        for key in vocab[bisect_left(vocab, STEM_MARK):bisect_left(vocab, STEM_MARK + "\U0010ffff")]:
            noun = key[len(STEM_MARK):]
            if not noun.endswith(DERIVED_ENDS) or not noun.isalpha():
                continue
            for end in DERIVED_ENDS:  # "communication": not "communic" (-ation), "communicat" (-ion)
                root = stem(noun[: -len(end)]) if noun.endswith(end) else ""
                verb = STEM_MARK + root
                if len(root) < DERIVED_ROOT_SHORTEST or verb == key or verb not in postings:
                    continue
                # used as a verb: an -ed or -ing form of it, its last letter doubled or not (stem() undoes both)
                if any(stem(form) == root for ending in VERB_ENDS
                       for form in (root + ending, root + root[-1] + ending) if form in postings):
                    derived[key].append(verb)
                    derived[verb].append(key)
                    break
        return dict(derived)

    def _build_citations(self, key_cache: dict[str, tuple[str, ...]],
                         ) -> tuple[dict[str, list[int]], dict[str, set[int]], dict[str, set[int]]]:
        """The provisions' citations, for looking a query up as one (_find_citation): every run of a
        citation's parts as matched (_matching_parts; at most CITE_PARTS_INDEXED of them) from one part to
        its end that holds a number ("5 ILCS 805/15(a)": from 5, ilcs, 805 and 15), and situations' ids
        holding a number as one run ("S06"),
        as text in one sorted list, so that the runs a query starts are one slice of it; each with its rank
        in citation order (by the run, then the whole citation, then the pack's order). Returns, per index
        key of a citation's words (``key_cache``: the build's keys of each word), the provisions whose
        citation holds it (for their _cite_scores); and per number of LONE_NUMBER_DIGITS or more that is a
        part of a citation, the provisions whose citation it is a part of (for _cite_numbers); and per such number
        after a section mark ("§ 1373"), the provisions whose citation has it as a section (for _section_numbers)."""
        runs = []
        sections_cited: dict[str, set[int]] = defaultdict(set)
        cited_by: dict[str, list[int]] = defaultdict(list)
        cited_by_number: dict[str, set[int]] = defaultdict(set)
        for doc, entry in enumerate(self.entries):
            if entry.kind == "scenario":
                # a situation's id holding a number ("S06") is looked up as a citation is, whole from its start
                # only: "S06" lists situation S06 first, before the citation CPD S06-14-03 it starts
                parts = _matching_parts(citation_parts(entry.id))[:CITE_PARTS_INDEXED]
                if len(parts) > 1 and any(part.isdecimal() for part in parts):
                    runs.append((natural_key(parts), natural_key(citation_parts(entry.id)), doc, _CITE_SEP.join(parts)))
                    for key in {key for word in _TOKEN_RE.findall(entry.id) for key in key_cache[word]}:
                        cited_by[key].append(doc)
                continue
            if entry.kind != "provision":
                continue
            citation = _CITE_NOTE_RE.split(entry.citation, maxsplit=1)[0]
            written = citation_parts(citation)
            whole = natural_key(written)
            parts = _matching_parts(written)[:CITE_PARTS_INDEXED]
            # a run without a number cannot be a query's (citation_query): the runs from the last number on
            last = next((i for i in range(len(parts) - 1, -1, -1) if parts[i].isdecimal()), -1)
            for start in range(last + 1):
                runs.append((natural_key(parts[start:]), whole, doc, _CITE_SEP.join(parts[start:])))
                if len(parts[start]) >= LONE_NUMBER_DIGITS and parts[start].isdecimal():
                    cited_by_number[parts[start]].add(doc)
            for number in _SECTION_NUMBER_RE.findall(citation):
                number = number.lstrip("0")
                if len(number) >= LONE_NUMBER_DIGITS:
                    sections_cited[number].add(doc)
            for key in {key for word in _TOKEN_RE.findall(citation) for key in key_cache[word]}:
                cited_by[key].append(doc)
        runs.sort()
        by_text = sorted(range(len(runs)), key=lambda rank: runs[rank][3])
        self._cite_texts = [runs[rank][3] for rank in by_text]
        self._cite_ranks = by_text
        self._cite_docs = [run[2] for run in runs]  # by rank
        return cited_by, cited_by_number, sections_cited

    def _runs(self, text: str, whole: bool = False) -> tuple[int, int]:
        """The runs (a slice of _cite_texts) that start with ``text``: its last part as the start of a part
        still being typed, or with ``whole``, as a whole part ("805" and not 8050)."""
        texts = self._cite_texts
        start = bisect_left(texts, text)
        return start, bisect_left(texts, text + (_CITE_SEP if whole else "") + "\U0010ffff", start)

    def _find_citation(self, query: str) -> tuple[int, int, str] | None:
        """The citation a query is or holds, as the runs it starts (a slice of _cite_texts), with the query's
        other words ("" for none); None when it holds none. The query is a citation (citation_query) when a
        citation starts with it; a lone number when the pack uses it mostly in citations (_cite_numbers).
        Otherwise its citation is its longest run of whole words that is one ("805/15 detainer",
        "EO 2025-6 staging", "detainer 805"), the first of the longest; or, if none, the longest citation
        the query starts with ("2-173-020(a)(1)(C)", more precise than the pack's)."""
        query = query[:MAX_QUERY_CHARS]
        if not self._cite_texts or not _has_digit(query):
            return None
        text = citation_query(query)
        if text is not None:
            start, end = self._runs(text)
            if start < end:
                return start, end, ""
        found = self._citation_within(query)
        if found is not None or text is None:
            return found
        exact = self._cited_exactly(text.split(_CITE_SEP), 1)
        return None if exact is None else (*exact, "")

    def _cited_exactly(self, parts: list[str], shortest: int) -> tuple[int, int] | None:
        """The runs that are exactly the longest citation ``parts`` (as matched) start with, of two parts or
        more and more than ``shortest``, short of all of them: a citation more precise than the pack's
        ("2-173-020(a)(1)(C)": 2-173-020(a)(1)). None when there is none."""
        texts = self._cite_texts
        for k in range(len(parts) - 1, max(shortest, 1), -1):
            shorter = _CITE_SEP.join(parts[:k])
            start = bisect_left(texts, shorter)
            end = bisect_right(texts, shorter, start)
            if start < end:
                return start, end
        return None

    def _citation_within(self, query: str) -> tuple[int, int, str] | None:
        """_find_citation's longest run of the query's words that is a citation, and the words around it."""
        words = [match.span() for match in _TOKEN_RE.finditer(query)]
        found = None
        most = 0  # words in the longest citation found
        for first in range(len(words)):
            before = 0  # parts of the words from first to the one before last
            for last in range(first, len(words)):
                parts = _matching_parts(citation_parts(query[words[first][0]:words[last][1]]))
                start, end = self._runs(_run_text(parts))
                if start == end:  # no citation starts with these words: none starts with more of them
                    # but the last of them may go on past one, more precise than the pack's ("detainer
                    # 2-173-020(a)(1)(C)"): that citation, ending in that word, as for a citation alone
                    exact = self._cited_exactly(parts, before) if last - first + 1 > most else None
                    if exact is not None:
                        found = *exact, query[:words[first][0]] + " " + query[words[last][1]:]
                        most = last - first + 1
                    break
                before = len(parts)
                if last - first + 1 <= most or not any(part.isdecimal() for part in parts):
                    continue
                before_run = words[first][0]
                if len(parts) == 1:  # a lone number
                    marked = _section_mark(query[:before_run])
                    start, end = self._runs(parts[0], whole=True) \
                        if parts[0] in self._cite_numbers or marked is not None \
                        or parts[0] in self._section_numbers and len(_NUMBER_RE.findall(query)) == 1 else (0, 0)
                    if marked is not None:  # "section" is the citation's, not a word to search
                        before_run = marked
                if start < end and last + 1 < len(words) and self._runs_on(parts, query[slice(*words[last + 1])]):
                    continue
                if start < end:
                    found = start, end, query[:before_run] + " " + query[words[last][1]:]
                    most = last - first + 1
        return found

    def _runs_on(self, parts: list[str], after: str) -> bool:
        """Whether the word ``after`` a run of a query's words that is a citation (``parts``) carries it on:
        it starts with a number, as the pack's citations holding the run go on with one (in digits 0-9). The
        query is then a citation the pack does not hold ("8 USC 1357": its 8 U.S.C. are 1373 and 1644), not
        one and words."""
        after_parts = citation_parts(after)
        if not after_parts or not after_parts[0].isdecimal():
            return False
        text = _run_text(parts).rstrip(_CITE_SEP) + _CITE_SEP
        return bisect_left(self._cite_texts, text + "0") < bisect_left(self._cite_texts, text + ":")

    def _cited(self, start: int, end: int, limit: int | None, allowed: Callable[[int], bool] | None) -> list[int]:
        """The provisions of the runs from ``start`` to ``end`` (_find_citation), in citation order, each once
        (a provision the query cites twice, "I-20": I-200 / I-205), at most ``limit``."""
        docs = self._cite_docs
        found: list[int] = []
        seen: set[int] = set()
        for rank in sorted(self._cite_ranks[start:end]):
            doc = docs[rank]
            if doc not in seen and (allowed is None or allowed(doc)):
                seen.add(doc)
                found.append(doc)
                if len(found) == limit:
                    break
        return found

    # -- term expansion ------------------------------------------------------------------------
    def _choose_completions(self, candidates: list[str], limit: int) -> list[str]:
        """The ``limit`` words of ``candidates`` (in alphabetical order) to offer first: shortest, then most
        common, then alphabetical. (Two stable sorts by keys in C, no Python key per word.)"""
        if len(candidates) > limit:
            chosen = sorted(candidates, key=self._df.__getitem__, reverse=True)  # equals stay alphabetical
            chosen.sort(key=len)  # equals stay most common first
            return chosen[:limit]
        return candidates

    def _prefix_terms(self, term: str, limit: int | None = None) -> list[str]:
        """Known words starting with ``term``, shortest (most likely meant) first; cached per prefix."""
        if limit is None and len(term) in COMPLETIONS:
            return self._short_completions.get(term, [])
        limit = limit or COMPLETIONS.get(len(term), 24)
        cache_key = f"{limit}:{term}"
        cached = self._completions.get(cache_key)
        if cached is not None:
            return cached
        start = bisect_left(self._vocab, term)  # the words starting with it are one slice (keys hold no U+10FFFF)
        candidates = self._choose_completions(self._vocab[start:bisect_left(self._vocab, term + "\U0010ffff", start)], limit)
        if len(self._completions) > 4096:
            self._completions.clear()
        self._completions[cache_key] = candidates
        return candidates

    def _typo_terms(self, term: str, limit: int | None = None, longer: bool = False) -> list[tuple[str, int]]:
        """Known words (not numbers) within ``limit`` edits of a word of 4 letters or more, with their
        distance: by default 1, or 2 from 8 letters. With ``longer``, only words longer than it, holding all
        its letters but as many as the edits their extra letters leave (a test in C before the distance)."""
        if len(term) < 4 or term.isdigit():
            return []
        if limit is None:
            limit = typo_reach(term)
        letters = set(term) if longer else None
        found: list[tuple[str, int]] = []
        for length in range(len(term) + 1 if longer else len(term) - limit, len(term) + limit + 1):
            spare = limit - (length - len(term))  # edits left for changed letters, in a longer word
            # same first letter, or the first two letters swapped
            for first in {term[0], term[1]}:
                for word in self._buckets.get((length, first), ()):
                    if first != term[0] and not (len(word) > 1 and word[1] == term[0]):
                        continue
                    if letters is not None and len(letters.difference(word)) > spare:
                        continue
                    d = edit_distance(term, word, limit)
                    if d <= limit:
                        found.append((word, d))
        return found

    def _expand(self, term: str, is_last: bool, filler: bool = True,
                ) -> tuple[dict[str, float], list[str] | None, list[str] | None]:
        """Index keys a query term matches, with how much each counts (exact 1.0 … typo 0.45; a word of the
        request a tenth of that, unless ``filler`` is false: a word of an officer's phrase, "get out"); the word's
        own keys when it has other forms or spellings (None when it has not); and for an -ing/-ed form the pack
        writes, the keys of that form as typed (and its spellings), whose documents count the stem fully (None
        otherwise: the stem counts fully, or as STEM_WEIGHT). Of its synonyms, those of one word (those of two words or
        more are wordings: _synonym_wordings).

        The word being typed (the last, with no space after it: still_typed) also matches the words it starts
        (completions); a finished word matches exactly, or else as an abbreviation of 4 letters or more
        (ABBREVIATION_SHORTEST: "immig officer"), or else with a typo: "tow truck" found "toward"."""
        matches: dict[str, float] = {}
        postings = self._postings
        # The word's own keys, each a form or spelling of it (the word, the stem of a plural or an -ing/-ed
        # form, their other spellings): each counts fully, and no more than the commonest of them, so that
        # "detainers" finds what "detainer" finds and "protestors" what "protesters" does (a rare form or
        # spelling was worth more than the common one, and ranked the few documents using it first).
        # A document holding only another form than the -ing/-ed form typed counts a little less
        # (OTHER_FORMS_WEIGHT): "guarding" lists the hospital-guard situation before the National Guard's rules.
        own = forms = None
        typed = term in postings
        verb = typed and term.endswith(VERB_ENDS)
        if typed:
            matches[term] = 1.0
        root = stem(term)
        stemmed = STEM_MARK + root
        if stemmed in postings:
            if inflected(term, root):
                matches.setdefault(stemmed, OTHER_FORMS_WEIGHT if verb else 1.0)
                own = [stemmed]
                forms = [term] if verb else None
            else:
                matches.setdefault(stemmed, STEM_WEIGHT)
        variants = self._variants
        if variants and (term in variants or stemmed in variants):
            own = own or []
            for key in (term, stemmed):
                for other in variants.get(key, ()):  # a key with variants is the pack's: matched above
                    matches.setdefault(other, matches[key])
                    own.append(other)
                    if forms is not None and key == term:
                        forms.append(other)
        if own is not None and typed:
            own.append(term)
        derived = self._derived.get(stemmed)
        if derived:
            for key in derived:
                matches.setdefault(key, DERIVED_WEIGHT)
        if is_last:
            # still typing: completions count, but less when what is typed is already a known word
            completion = 0.5 if matches else 0.85
            # a word it starts that holds a shorter one it starts ("addresses", "warrantless") counts no more than
            # that word, never more for being rarer, and a form of it (its stem's) as that word's other forms do
            # (STEM_WEIGHT): "addres" listed 8 U.S.C. § 1373, which says "addresses" (3 documents), above the
            # situation tagged "address" (7), which "address" lists first
            idf, held = self._idf, ""  # held: the completion before, in alphabetical order, that the next ones hold
            for key in sorted(self._prefix_terms(term)):  # a word holding another comes right after the words it holds
                if not held or not key.startswith(held):
                    held = key
                    matches.setdefault(key, completion)
                else:
                    weight = STEM_WEIGHT if stem(key) == stem(held) else 1.0
                    matches.setdefault(key, completion * weight * min(idf[key], idf[held]) / idf[key])
        elif not matches and len(term) >= ABBREVIATION_SHORTEST:  # "immig officer": immigration
            for key in self._prefix_terms(term, 8):
                matches.setdefault(key, ABBREVIATION_WEIGHT)
        if not matches:
            # A near miss counts as much as the commonest word it may be, never more for being rarer: the one
            # most likely meant ("detainr" → detainer, not detain; "detianer" → detainer, not detainee) leads.
            typos = self._typo_terms(term)
            common = min((self._idf[key] for key, _dist in typos), default=0.0)
            for key, dist in typos:
                matches[key] = (0.65 if dist == 1 else 0.45) * common / self._idf[key]
        for phrase, weight in self._synonyms.get(term) or self._synonyms.get(stemmed, ()):
            if len(phrase) == 1 and phrase[0] in postings:
                matches.setdefault(phrase[0], weight)
        if filler and term in _FILLER:
            matches = {key: factor * FILLER_WEIGHT for key, factor in matches.items()}
        return matches, own, forms

    def _synonym_wordings(self, term: str, filler: bool = True) -> list[tuple[tuple[str, ...], float]]:
        """A query word's synonyms of two words or more ("take": hand over, turn over), each with how much it counts
        (a word of the request's a tenth, unless ``filler`` is false, as in _expand), those whose every word the pack
        holds: scored as a wording (_wording_found), not word by word."""
        synonyms = self._synonyms
        found = synonyms.get(term) or synonyms.get(STEM_MARK + stem(term), ())
        factor = FILLER_WEIGHT if filler and term in _FILLER else 1.0
        postings = self._postings
        return [(tuple(phrase), weight * factor) for phrase, weight in found
                if len(phrase) > 1 and all(key in postings for key in phrase)]

    # -- queries --------------------------------------------------------------------------------
    def _term_scores(self, term: str, is_last: bool) -> tuple[dict[str, float], dict[int, float]]:
        """The index keys one query word matches (with how much each counts), and each document's score
        for the word: its best-scoring key. The last word's are kept, never changed: a query holding a
        citation and other words scores its last word twice (_cited_first)."""
        if is_last and self._last_word[0] == term:
            return self._last_word[1]
        word, marked, phrases = term.partition(PHRASE_MARK)  # a word of an officer's phrase (_phrase_terms)
        if marked and not is_last and word not in _FILLER:
            # the word alone, as the keystroke before scored it ("ice " before "ice w"): its scores, and the phrase's
            kept = self._scored_words.get((word,))
            if kept is not None:
                expansions, best = kept[2][0].copy(), kept[0].copy()
                best = self._add_phrases(phrases.split(PHRASE_MARK), expansions, best)
                return expansions, best
        if marked and word in _QUERY_STOP:  # a stop word typed, kept only as the start of the phrase's last word
            expansions, own, forms, wordings = {}, None, None, []
        else:
            expansions, own, forms = self._expand(word, is_last, filler=not marked)
            wordings = self._synonym_wordings(word, filler=not marked) if self._synonyms else []
        best: dict[int, float] = {}
        # An expansion (synonym, stem, completion, typo) never counts for more than the typed word
        # itself: "ice" → "HSI" must not outrank documents that say ICE just because HSI is rarer. A word
        # with other forms or spellings counts no more than the commonest of them (_expand).
        ceiling = self._ceiling(word, own)
        for key, factor in expansions.items():
            idf = self._idf[key] if ceiling is None else min(self._idf[key], ceiling)
            scale = factor * idf
            postings = self._postings[key]
            if not best:
                best = {doc: scale * impact for doc, impact in postings.items()}
                continue
            for doc, impact in postings.items():
                value = scale * impact
                if value > best.get(doc, 0.0):
                    best[doc] = value
        if forms and own and ceiling is not None:  # the documents holding the form typed count its stems fully,
            # and those writing another form of it after "to" (_verb_uses)
            stem_keys = [key for key in own if key[0] == STEM_MARK]
            stems = [(self._postings[key], min(self._idf[key], ceiling)) for key in stem_keys]
            for docs in [*map(self._postings.__getitem__, forms), *map(self._verb_uses, stem_keys)]:
                for doc in docs:
                    for stem_postings, idf in stems:
                        value = idf * stem_postings.get(doc, 0.0)
                        if value > best[doc]:
                            best[doc] = value
        for wording, weight in wordings:  # a synonym of two words or more: the better of it and the word's own
            for doc, value in self._wording_found(wording, weight, ceiling).items():
                if value > best.get(doc, 0.0):
                    best[doc] = value
            for key in wording:  # marked in snippets as the word's other keys are
                expansions.setdefault(key, weight / len(wording))
        if marked:
            best = self._add_phrases(phrases.split(PHRASE_MARK), expansions, best)
        if is_last:
            self._last_word = (term, (expansions, best))
        return expansions, best

    def _ceiling(self, word: str, own: list[str] | None) -> float | None:
        """What any key of a query word counts at most (_term_scores): the word's own, or the commonest of its own
        keys (``own``, from _expand); for a word the pack does not hold, its synonyms' commonest; None when none."""
        ceiling = self._idf.get(word) if own is None else min(map(self._idf.__getitem__, own))
        if ceiling is None and self._synonym_idf:  # a word the pack does not hold: its synonyms' commonest
            ceiling = self._synonym_idf.get(word) or self._synonym_idf.get(STEM_MARK + stem(word))
        return ceiling

    def _wording_found(self, wording: tuple[str, ...], weight: float, ceiling: float | None) -> dict[int, float]:
        """Per document holding every word of a one-word synonym's wording of two words or more ("take": hand over;
        "ice": immigration agents), the wording's score: the best of its words' scores (each capped at ``ceiling``, as
        any key of the word typed is), times ``weight`` shared over its words, as when each word was a key of its own.
        As keys of their own, a document holding "over" alone counted for "take", and one holding "immigration" alone
        for "ice". (Their average, times ``weight``, counted a wording as much as a one-word synonym: "lawyers" then
        listed the rule naming Corporation Counsel above S19, which says "lawyer" and which "lawyer" lists first.)
        Kept (the pack's)."""
        cache_key = (wording, weight, ceiling)
        found = self._wordings_found.get(cache_key)
        if found is None:
            postings, idf = self._postings, self._idf
            docs = set(postings[wording[0]]).intersection(*(postings[key] for key in wording[1:]))
            scales = [weight / len(wording) * (idf[key] if ceiling is None else min(idf[key], ceiling))
                      for key in wording]
            found = {doc: max(scale * postings[key][doc] for key, scale in zip(wording, scales, strict=True))
                     for doc in docs}
            if len(self._wordings_found) >= SNIPPETS_KEPT:
                self._wordings_found.clear()
            self._wordings_found[cache_key] = found
        return found

    def _add_phrases(self, phrases: list[str], expansions: dict[str, float], best: dict[int, float],
                     ) -> dict[int, float]:
        """Add to one query word's keys (changed in place) and scores (returned: ``best`` or a new dict) what the
        officer's phrases it is a word of find (_phrase_terms). Each of the pack's wordings for a phrase scores a
        document holding all its words as that wording typed would (its words' scores added; one word of "civil
        immigration warrant" is not the wording, and "not signed" found 101 of the bundled pack's 127 documents),
        times SYNONYM_WEIGHT, its words counting for no more than the phrase would (the documents
        holding all its words: "ice hold" does not list I-247A's rule above the detainer situation for the rarity
        of "I-247A"). The word
        ending the phrase counts, in each document, the better of its own score and the best wording's, as a word
        and its synonym do (_term_scores): the query reads as typed or as the pack words it ("officer down" or
        "agent attacked"), never as both. Added, a document holding both the officer's word and the pack's counted
        them twice: "ice hold on traffic stop" listed the rule naming hold and detainer above the traffic-stop
        situation (S01), which says hold. The words before it count the documents found as matched (PHRASE_LEADS),
        adding nothing."""
        for mark in phrases:
            name = mark.removesuffix(PHRASE_LEADS)
            found = self._phrase_found[name]
            for wording in self._phrases[name]:
                for key in wording:
                    expansions.setdefault(key, SYNONYM_WEIGHT)
            if mark is not name:  # the documents found, matched at no score; what the word found keeps its own
                best = {**dict.fromkeys(found, 0.0), **best}
            elif len(best) < len(found):  # the better of the two, looping over the fewer (a copy and a merge in C)
                best, own = found.copy(), best
                for doc, value in own.items():
                    if value > best.get(doc, 0.0):
                        best[doc] = value
            else:
                for doc, value in found.items():
                    if value > best.get(doc, 0.0):
                        best[doc] = value
        return best

    def _phrase_scores(self, name: str) -> dict[int, float]:
        """Per document, the score of the best of a phrase's wordings (_add_phrases): the pack's, kept for good."""
        postings, idf = self._postings, self._idf
        ceiling = self._phrase_idf.get(name)
        found: dict[int, float] = {}
        for wording in self._phrases[name]:
            scores: dict[int, float] = {}
            held: dict[int, int] = {}
            for key in wording:
                scale = SYNONYM_WEIGHT * (idf[key] if ceiling is None else min(idf[key], ceiling))
                for doc, impact in postings[key].items():
                    scores[doc] = scores.get(doc, 0.0) + scale * impact
                    held[doc] = held.get(doc, 0) + 1
            whole = len(wording)
            for doc, value in scores.items():
                if held[doc] == whole and value > found.get(doc, 0.0):  # a wording is all its words, not one of them
                    found[doc] = value
        return found

    def _wording_key(self, word: str) -> str | None:
        """The key a word of the pack's wording for a phrase is found by: its stem, so that "agent attacked" finds
        what says "attack" too; the word itself when it has no stem key; None when the pack holds neither."""
        if word in _FILLER:  # "needs" in "officer needs help": a word of a request, not what it is about
            return None
        stemmed = STEM_MARK + stem(word) if word.isalpha() and len(word) >= 3 else None
        if stemmed is not None and stemmed in self._postings:
            return stemmed
        return word if word in self._postings else None

    def _add_term(self, scores: dict[int, float], matched: dict[int, int], term: str, is_last: bool,
                  ) -> tuple[dict[int, float], dict[int, int], dict[str, float]]:
        """Add one query word's scores to ``scores`` and ``matched`` (changed in place, unless empty:
        then the word's own are returned, not to be changed); returns them and the word's keys."""
        expansions, best = self._term_scores(term, is_last)
        step = 0 if _uncounted(term) else 1  # a filler adds to the score, not to the words matched
        if not scores:
            return best, dict.fromkeys(best, step), expansions
        for doc, value in best.items():
            scores[doc] = scores.get(doc, 0.0) + value
            matched[doc] = matched.get(doc, 0) + step
        return scores, matched, expansions

    def _words_before(self, terms: tuple[str, ...]) -> _Scored:
        """The scores of a query's words before the last one (none of them still being typed), kept:
        typing the last word letter by letter leaves them as they are. Never changed once made."""
        state = self._scored_words.get(terms)
        if state is None:
            scores: dict[int, float] = {}
            matched: dict[int, int] = {}
            used: list[dict[str, float]] = []
            added = terms
            # from the longest run of its first words kept ("ice wants" for "ice wants hold"): the words after
            # them are added to a copy of their scores, the same sums in the same order
            for kept in range(len(terms) - 1, 0, -1):
                first = self._scored_words.get(terms[:kept])
                if first is not None:
                    scores, matched, used, added = first[0].copy(), first[1].copy(), list(first[2]), terms[kept:]
                    break
            for term in added:
                scores, matched, expansions = self._add_term(scores, matched, term, is_last=False)
                used.append(expansions)
            share = _SHARE_SQUARED[_counted(terms) + 1]
            unmatched_last = {doc: score * share[matched[doc]] for doc, score in scores.items()}
            if len(self._scored_words) >= SCORED_WORDS_KEPT:
                self._scored_words.clear()
            state = self._scored_words[terms] = (scores, matched, tuple(used), unmatched_last)
        return state

    def search(
        self,
        query: str,
        limit: int = 20,
        jurisdictions: Iterable[str] | None = None,
        kinds: Iterable[str] | None = None,
        source: str | None = None,
        snippets: int | None = None,
    ) -> list[Hit]:
        """The query's best ``limit`` results, best first. With ``snippets``, only the first that many carry a
        snippet; the rest an empty one, for a caller that asks for more than it lists only to know whether
        there are more (the search page asks one more than it shows)."""
        query = composed(query)
        terms = query_terms(query, self._holds)
        if not terms or limit <= 0:
            return []
        allowed_j = set(jurisdictions) if jurisdictions else None
        allowed_k = set(kinds) if kinds else None
        typing = still_typed(query)
        duty = asks_duty(query)
        if duty:
            terms = without_duty_verb(terms, query)
        terms = self._read(terms, query, typing)
        ranks, used = self._ranks(terms, typing, duty)
        allowed: Callable[[int], bool] | None = None
        if allowed_k is not None or allowed_j is not None or source is not None:
            def allowed_doc(doc: int) -> bool:
                entry = self.entries[doc]
                return (
                    (allowed_k is None or entry.kind in allowed_k)
                    and (allowed_j is None or entry.jurisdiction in allowed_j)
                    and (source is None or source.casefold() in entry.source.casefold())
                )

            allowed = allowed_doc
            ranks = {doc: rank for doc, rank in ranks.items() if allowed_doc(doc)}
        top = self._top(ranks, limit)
        # Every key the query matched; each snippet marks those of them its document matched (_snippet).
        keys = set().union(*used)
        entries, snippet = self.entries, self._snippet
        new_hit = tuple.__new__  # what Hit() does, without its Python-level __new__ per result
        hits = []
        citation = self._find_citation(query)
        if citation is not None:
            top = self._cited_first(citation, top, ranks, limit, allowed)
        with_snippet = len(top) if snippets is None else snippets
        for place, (score, _, doc) in enumerate(top):
            entry = entries[doc]
            text, spans = snippet(doc, keys) if place < with_snippet else ("", ())
            hits.append(new_hit(Hit, (entry.kind, entry.id, entry.title, entry.citation, entry.jurisdiction, score,
                                      text, spans)))
        return hits

    def _read(self, terms: list[str], query: str, typing: bool) -> list[str]:
        """A query's words (query_terms) as every search reads them: two the pack writes as one joined (_joined),
        a misspelt word of the request read as it (_meant_fillers), an officer's phrase marked (_phrase_terms). One
        reading for the whole query, the words beside a citation in it (_cited_first) and the correction offered
        for a query that finds nothing (correction): "2-173 ice hold" orders the 2-173 rules by what "ice hold"
        means, as "ice hold" alone does."""
        if not terms:
            return terms
        return self._phrase_terms(self._meant_words(self._meant_fillers(self._joined(terms), typing), typing),
                                  query, typing)

    def _meant_words(self, terms: list[str], typing: bool) -> list[str]:
        """The query's words, each the pack does not hold (no form, spelling or synonym of it) that clearly misspells
        one word it does hold (_misspelt) read as that word: "judical warrant" as "judicial warrant",
        "adminstrative warrant" as "administrative warrant". Read at a typo's weight, "judical" counted for less than
        "warrant" and listed the administrative-warrant rule first (S06, the judicial-warrant situation, not in the
        first six). Past its typo reach, a word beside others is read as the one word of the pack that sounds as it
        does ("can i detane him for ice": detain, two letters off, found nothing and "ice" alone listed anything about
        ICE); a word alone is the correction's, which the window says it shows (search_or_corrected)."""
        out = None
        for place, term in enumerate(terms):
            if len(term) < MEANT_SHORTEST or term in self._postings:  # most words: held as typed
                continue
            meant = self._misspelt(term, typing and place == len(terms) - 1, beside=len(terms) > 1)
            if meant is not None:
                if out is None:
                    out = list(terms)
                out[place] = meant
        return terms if out is None else out

    def _misspelt(self, term: str, typed: bool, beside: bool = False) -> str | None:
        """The one word of the pack a word it does not hold clearly stands for (_clear_match: the closest, no rival
        half as common), within its typo reach (_typo_terms), or with ``beside`` (other words in the query) and
        none within it, that sounds as it does (_sound_alikes); None when there is none, the word has a form,
        spelling or synonym the pack holds, is a number, or is still being typed (``typed``) into words the pack
        holds ("judic": judicial), unless it slips a double letter of a far commoner word ("schol": _typed_slip).
        A word that is its own stem and doubles a letter of a word the pack holds is no form of another word
        ("controll": control, though "controlled" has the stem "controll"). Nor is a word whose forms the pack holds
        only inside longer words, with no stem key of their own, read as another word ("commandeer", of
        "anti-commandeering", is not commander), only as one of its forms ("licenc": licence). Found once per word
        (the pack's, kept)."""
        if typed and self._prefix_terms(term, 1):
            return self._typed_slip(term, beside)
        key = (term, beside)
        found = self._misspellings.get(key)
        if found is None and key not in self._misspellings:  # not looked at yet (None: looked at, no word meant)
            root = stem(term)
            stemmed = STEM_MARK + root
            if term.isalpha() and (stemmed not in self._postings or root == term and self._double_slip(term) is not None) \
                    and term not in self._synonyms and stemmed not in self._synonyms and term not in self._variants \
                    and term not in _FILLER:
                found = self._clear_match(term, self._typo_terms(term) or (self._sound_alikes(term) if beside else []))
                if found is not None and stem(found) != root and self._held_inside(term):
                    found = None  # a form the pack holds, its stem key dropped as the word's own: not a slip
            if len(self._misspellings) >= SNIPPETS_KEPT:
                self._misspellings.clear()
            self._misspellings[key] = found
        return found

    def _held_inside(self, term: str) -> bool:
        """Whether the pack holds a form of a word only inside longer words, with no stem key of its own: a word it
        starts has its stem ("commandeering", of "anti-commandeering", for "commandeer"). Such a word is no slip of
        a word of another stem (commander), to read it as (_misspelt) or to offer (suggest)."""
        root = stem(term)
        return STEM_MARK + root not in self._postings and any(stem(word) == root for word in self._prefix_terms(term))

    def _double_slip(self, term: str) -> str | None:
        """The word of the pack a word it does not hold clearly misspells by a double letter, as fast typing does:
        typed once ("schol": school, "adress": address) or a letter typed twice ("controll": control); or None."""
        postings = self._postings
        found = [(word, 1) for word in (term[:at + 1] + term[at:] for at in range(len(term))) if word in postings]
        found += [(word, 1) for word in (term[:at] + term[at + 1:] for at in range(1, len(term))
                                         if term[at] == term[at - 1]) if word in postings]
        return self._clear_match(term, found) if found else None

    def _typed_slip(self, term: str, beside: bool) -> str | None:
        """The word a word still being typed that starts words of the pack stands for, or None: the word it slips a
        double letter of (_double_slip), read so once finished too (_misspelt), when it is not one of the words it
        starts and is more than twice as common as each of them. "agents at the schol" listed what says "scholars"
        (one document) until "school" was typed whole (six); "crowd controll" what "controlled" finds, not
        "control". Typed on past the slip, it reads as its completions again ("schola": scholars)."""
        meant = self._double_slip(term)
        if meant is None:
            return None
        starts = self._prefix_terms(term)
        if meant in starts or 2 * max(map(self._df.__getitem__, starts)) >= self._df[meant]:
            return None
        return meant if self._misspelt(term, False, beside) == meant else None

    def _meant_fillers(self, terms: list[str], typing: bool) -> list[str]:
        """The query's words, each that the pack does not hold but is a word of the request misspelt by one
        letter as fast typing does ("wnat", "ned", "gte": _filler_typo) read as that word, which counts as the filler it is: a typo
        of "want" counted as a whole word, found "want" and "wait" at a typo's weight, and ranked down every
        document lacking them."""
        if _REQUEST_TYPOS.keys().isdisjoint(terms):  # no misspelt word of the request: most queries
            return terms
        out = None
        for place, term in enumerate(terms):
            meant = self._filler_typo(term, typing and place == len(terms) - 1)
            if meant is not None:
                if out is None:
                    out = list(terms)
                out[place] = meant
        return terms if out is None else out

    def _filler_typo(self, term: str, typed: bool) -> str | None:
        """The word of the request (_FILLER) a word the pack does not hold stands for, misspelt as fast typing does
        (_REQUEST_TYPOS: "wnat", not "hire"); None when there is none, the word is an officer's word of the pack's
        synonyms ("wait": hold), or it is still being typed (``typed``) into one the pack holds ("nee": needle)."""
        meant = _REQUEST_TYPOS.get(term)
        if meant is None or term in self._postings \
                or term in self._synonyms or STEM_MARK + stem(term) in self._synonyms:  # "wait" is a synonym's
            return None
        if typed and self._prefix_terms(term):
            return None
        return meant

    def _phrase_terms(self, terms: list[str], query: str, typing: bool) -> list[str]:
        """The query's words, those of an officer's phrase the query holds in a row (the pack's synonyms of two
        words or more: "officer down") marked with it (PHRASE_MARK), for _term_scores: "officer" then finds what
        "officer" finds and what the pack says for "officer down". The last word still being typed may be the
        start of a phrase's last word ("officer d"), even a stop word the query drops ("officer do": kept here,
        as the word being typed)."""
        starts = self._phrase_starts
        if self._phrase_firsts.isdisjoint(map(stem, terms)):  # no word starts a phrase: most queries
            return terms
        words = terms
        if typing and len(terms) < MAX_QUERY_TERMS:
            last = query[:MAX_QUERY_CHARS].rsplit(None, 1)[-1:]
            keys = keys_for_word(last[0]) if last else ()
            if keys and keys[0] in _QUERY_STOP and keys[0] != terms[-1]:
                words = [*terms, keys[0]]  # a stop word being typed: kept only if it starts a phrase's word
        roots = list(map(stem, words))
        found: dict[int, list[str]] = {}
        for first in range(len(words) - 1):
            for end in range(first + 1, len(words)):
                heads = starts.get(tuple(roots[first:end]))
                if heads is None:
                    continue
                started = typing and end == len(words) - 1
                for last, name in heads:
                    if roots[end] == stem(last) or (started and last.startswith(words[end])):
                        for place in range(first, end):
                            found.setdefault(place, []).append(name + PHRASE_LEADS)
                        found.setdefault(end, []).append(name)
        if not found:
            return terms
        if len(words) > len(terms) and len(terms) not in found:
            words = terms  # the stop word being typed starts no phrase's word: dropped, as ever
        return [PHRASE_MARK.join([word, *found[place]]) if place in found else word
                for place, word in enumerate(words)]

    def _joined(self, terms: list[str]) -> list[str]:
        """The query's words, two that the pack writes as one plain word standing for it ("court house" for
        courthouse, "lock up" for lockup, "body cam" for bodycam). Not a word written with a hyphen, whose
        parts the pack holds anyway ("judge signed" is not only judge-signed), nor with a part shorter than
        JOINED_PART_SHORTEST letters (one being typed: "release d" is not "released"), nor after "no" or "not",
        which say no to the next word ("no body cam" lists the body-camera rules, not "nobody"), nor where the
        pack writes the two words apart in more documents than it writes the one word: "hand him over" read as
        "handover" listed the hospital situation that says it once, not the transfer rule and the situations that
        say "hand over" (_written_apart). Nor two words that are an officer's phrase (the pack's synonyms): "pick up"
        is to take into custody, which the pack says for it, not the school's "pickup" time."""
        if len(terms) < 2:
            return terms
        surface, starts = self._surface, self._phrase_starts
        out = [terms[0]]
        for term in terms[1:]:
            before = out[-1]
            if len(before) >= JOINED_PART_SHORTEST and len(term) >= JOINED_PART_SHORTEST \
                    and before not in NEVER_JOINED_FIRST \
                    and not any(stem(last) == stem(term) for last, _name in starts.get((stem(before),), ())):
                joined = surface.get(before + term)
                if joined is not None and joined.isalpha() \
                        and self._written_apart(before, term) <= self._df[before + term]:
                    out[-1] = before + term
                    continue
            out.append(term)
        return out

    def _written_apart(self, first: str, second: str) -> int:
        """How many documents write these two words one after the other (stop words between them skipped, as
        a query drops them), looked for in the documents holding both: up to one more than the documents
        holding the word they make (all _joined needs to know), in at most APART_DOCS_READ of them (a big
        pack's common pair stalled a keystroke 64 ms, 8 ms with 32 read). Counted once per pair (the pack's, kept)."""
        pair = (first, second)
        found = self._apart.get(pair)
        if found is None:
            postings = self._postings
            enough = self._df.get(first + second, 0) + 1
            both = postings.get(first, {}).keys() & postings.get(second, {}).keys()
            found = 0
            for doc in sorted(both)[:APART_DOCS_READ]:
                for _name, text in self.entries[doc].fields:
                    lowered = _fold(text)
                    if first not in lowered or second not in lowered:  # the words' keys are in their folded text
                        continue
                    words = [keys[0] for keys in map(keys_for_word, _TOKEN_RE.findall(text))
                             if keys and keys[0] not in _STOP]
                    if any(a == first and b == second for a, b in zip(words, words[1:], strict=False)):
                        found += 1
                        break
                if found >= enough:
                    break
            self._apart[pair] = found
        return found

    def _ranks(self, terms: list[str], typing: bool = True, duty: bool = False,
               ) -> tuple[dict[int, float], tuple[dict[str, float], ...]]:
        """_word_ranks; for a query asking whether someone must (``duty``: asks_duty), the rules ranked DUTY_RULE_BONUS
        higher (a new dict: the word ranks may be kept)."""
        ranks, used = self._word_ranks(terms, typing, duty)
        if duty:
            ranks = ranks.copy()
            for doc in ranks.keys() & self._rules:
                ranks[doc] *= 1 + DUTY_RULE_BONUS
        return ranks, used

    def _word_ranks(self, terms: list[str], typing: bool, duty: bool,
                    ) -> tuple[dict[int, float], tuple[dict[str, float], ...]]:
        """The score each document matching the query's words ranks by (not to be changed), and each word's
        keys. A document's score is the sum of its words' scores; with several words, times the square of
        the share of them it matched. The words before the last are scored once while the last is typed
        letter by letter (cached): a keystroke adds the last word's scores to theirs, for the documents the
        last word matches. With ``typing`` (still_typed), the last word is one still being typed; without,
        every word is finished, and scored as the words before the next one will be (kept for it)."""
        if not typing:
            scores, matched, used, _ranks = self._words_before(tuple(terms))
            share = _SHARE_SQUARED[_counted(terms)]
            ranks = {doc: score * share[matched[doc]] for doc, score in scores.items()}
            if len(terms) > 1:
                self._nearness(terms, ranks, duty)
            return ranks, used
        expansions, best = self._term_scores(terms[-1], is_last=True)
        if len(terms) == 1:
            return best, (expansions,)
        scores, matched, before, ranks = self._words_before(tuple(terms[:-1]))
        share = _SHARE_SQUARED[_counted(terms)]
        if _uncounted(terms[-1]):  # ranks were made for a last word that counts: this one does not
            ranks = {doc: score * share[matched[doc]] for doc, score in scores.items()}
            get_score, get_matched = scores.get, matched.get
            ranks.update({doc: (get_score(doc, 0.0) + value) * share[get_matched(doc, 0)]
                          for doc, value in best.items()})
            self._nearness(terms, ranks, duty)
            return ranks, (*before, expansions)
        ranks = ranks.copy()
        if not scores:  # the words before matched nothing: the last word's scores alone, matched by one word
            ranks.update({doc: value * share[1] for doc, value in best.items()})
        else:
            base, lift = self._lifted(tuple(terms[:-1]), scores, matched, share)
            ranks.update({doc: (base[doc] + value) * lift[doc] for doc, value in best.items()})
        self._nearness(terms, ranks, duty)
        return ranks, (*before, expansions)

    def _lifted(self, before: tuple[str, ...], scores: dict[int, float], matched: dict[int, int],
                share: list[float]) -> tuple[list[float], list[float]]:
        """Per document (a list, by its number): its score for the words before the last, and the square of the
        share of the query's words it matched should the last word match it too. A keystroke ranks each document
        the last word matches by (score + the last word's) × that share (_ranks): two list look-ups, where two
        dict.get calls a document cost more (a hundred documents at "judge signed warrant": 47 k instructions).
        Made at the last word's first letter, kept while it is typed (SCORED_WORDS_KEPT of them, as the scores); the
        same floats as scores.get(doc, 0.0) and share[matched.get(doc, 0) + 1], so the sums are the same to the bit."""
        kept = self._lifted_words.get(before)
        if kept is None or kept[0] is not share:
            count = len(self.entries)
            base, lift = [0.0] * count, [share[1]] * count
            for doc, score in scores.items():
                base[doc] = score
                lift[doc] = share[matched.get(doc, 0) + 1]
            if len(self._lifted_words) >= SCORED_WORDS_KEPT:
                self._lifted_words.clear()
            kept = self._lifted_words[before] = (share, base, lift)
        return kept[1], kept[2]

    def _top(self, ranks: dict[int, float], limit: int) -> list[tuple[float, int, int]]:
        """(score, tie, document) of the ``limit`` documents that rank first, best first, none scoring 0 (what
        fillers alone match). Only those whose score is at least the ``limit``-th best are made into rows and
        sorted (no two rows are equal: each carries its document): the floats are sorted in C, or by heapq past
        a few hundred candidates."""
        tie = self._tie
        if len(ranks) > limit:
            values = ranks.values()
            best = sorted(values, reverse=True) if len(ranks) <= SORT_CANDIDATES_UP_TO else heapq.nlargest(limit, values)
            cutoff = best[limit - 1]
            rows = [(rank, tie[doc], doc) for doc, rank in ranks.items() if rank >= cutoff]
        else:
            rows = [(rank, tie[doc], doc) for doc, rank in ranks.items()]
        rows.sort(reverse=True)
        del rows[limit:]
        while rows and not rows[-1][0]:  # matched by fillers only (_FILLER): not listed
            rows.pop()
        return rows

    def _cited_first(self, citation: tuple[int, int, str], top: list[tuple[float, int, int]],
                     ranks: dict[int, float], limit: int, allowed: Callable[[int], bool] | None,
                     ) -> list[tuple[float, int, int]]:
        """The results of a query that is or holds a citation (_find_citation): the provisions it cites
        first, then the rest of ``top`` (the query's results by score), such as those that only mention it.
        A citation alone lists them in citation order. With other words ("805/15 detainer"), those of them
        the other words find (searched alone) come first, best first by those words' score, then the others
        in citation order. Each cited provision shows what the whole query's words gave it, as every other
        result does, else what its citation does."""
        start, end, words = citation
        # stop words go, as in any query holding more than them: "the 805" is 805
        word_terms = [term for term in query_terms(words, self._holds) if term not in _QUERY_STOP] if words else []
        if word_terms:
            cited = self._cited(start, end, None, allowed)  # all of them: any may hold the words
            typing = still_typed(words)  # "wa 805": wa is finished
            duty = asks_duty(words)
            if duty:
                word_terms = without_duty_verb(word_terms, words)
            by_words, _ = self._ranks(self._read(word_terms, words, typing), typing, duty)
            cited.sort(key=lambda doc: -by_words.get(doc, 0.0))  # stable: the rest stay in citation order
            del cited[limit:]
        else:
            cited = self._cited(start, end, limit, allowed)
        if not cited:
            return top
        first = set(cited)
        return [(ranks.get(doc) or self._cite_scores[doc], 0, doc) for doc in cited] + [
            row for row in top if row[2] not in first][: limit - len(cited)]

    def _verb_uses(self, stemmed: str) -> frozenset[int]:
        """The documents writing a form of a stem key's word as a verb, right after "to" (VERB_MARKS): "to hold
        them" for ~hold. Read once per stem, in the documents holding it (the pack's, kept): found with str.find,
        then the word after the mark read, as a keystroke may pay for it (a regex over every field holding the stem
        took "judge signed" from 0.7 M to 17.6 M instructions)."""
        found = self._verb_docs.get(stemmed)
        if found is None:
            root = stemmed[len(STEM_MARK):]
            marks = [mark + needle(stemmed) for mark in VERB_MARKS]
            found = self._verb_docs[stemmed] = frozenset(
                doc for doc in self._postings.get(stemmed, ())
                if any(self._verb_after(text, mark, root) for _name, text in self.entries[doc].fields for mark in marks
                       if mark in text))
        return found

    @staticmethod
    def _verb_after(text: str, mark: str, root: str) -> bool:
        """Whether ``text`` writes ``mark`` (one of VERB_MARKS, then a stem's needle) after no letter or digit, the word
        after "to" being a form of ``root`` in lower case (a verb, not a name: "to Guard units")."""
        at = text.find(mark)
        while at >= 0:
            if at == 0 or not text[at - 1].isalnum():  # "to", not "into"
                word = _TOKEN_RE.match(text, at + 3)  # past "to "
                if word is not None and word.group().islower() and word.group() not in NOT_A_VERB \
                        and stem(word.group()) == root:
                    return True
            at = text.find(mark, at + 1)
        return False

    def _holds(self, key: str) -> bool:
        """Whether the pack holds this key, or words that start with it (it is still being typed)."""
        return key in self._postings or bool(self._prefix_terms(key))

    def _note_short_needles(self, lowered: str, keys: tuple[str, ...]) -> None:
        """For the keys a word in parts (lowercased, ASCII) holds without their needle: its first part,
        if shorter than the one noted. Every first part is the start of the whole key, and shorter than
        a stem's needle (else the word would hold that needle), so the shortest starts them all."""
        first_part = _FIRST_PART_RE.match(lowered)
        if first_part is None:
            return
        part = first_part.group()
        for key in keys:
            if needle(key) not in lowered:
                noted = self._short_needles.get(key)
                if noted is None or len(part) < len(noted):
                    self._short_needles[key] = part

    def _scan(self, text: str, keys: AbstractSet[str], needles: Iterable[str], width: int) -> list[tuple[int, int]]:
        """The spans of words matching ``keys`` in one field of a big pack (or a small pack's very long
        field), in order, read from the first match to a snippet's width past it (enough for the snippet,
        and no cache of every word of every document it ever showed). In plain (ASCII) text, the words are
        read from the space before the first place any of the keys' ``needles`` occurs, which is at or
        before the first match; no needle, no match."""
        start = 0
        if text.isascii():
            lowered = text.lower()
            first = len(text)
            for needle_text in needles:
                at = lowered.find(needle_text, 0, first)
                if at >= 0:
                    first = at
            if first == len(text):
                return []
            start = text.rfind(" ", 0, first) + 1  # words never hold a space: the words from here are the same
        found: list[tuple[int, int]] = []
        stop = len(text)
        for match in _TOKEN_RE.finditer(text, start):
            if match.start() >= stop:
                break
            if not keys.isdisjoint(keys_for_word(match.group())):
                if not found:
                    stop = match.start() + width  # no later match can fall inside the snippet
                found.append(match.span())
        return found

    def forget_queries(self) -> None:
        """Drop what earlier queries left behind (completions, scores, snippets), as a new session starts.
        The typo buckets and the word → keys cache (both filled by the build) stay: they hold the pack's
        words, not the queries'."""
        self._completions.clear()
        self._scored_words.clear()
        self._lifted_words.clear()
        self._last_word = ("", ({}, {}))
        self._misspellings.clear()
        self._snippets.clear()
        self._snippets_made = 0

    def _snippet(self, doc: int, keys: set[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
        """The snippet of one result, marking the query keys the document matched: those whose postings
        hold it. (A word in more than MAX_POSTINGS documents keeps only its strongest ones, so a document
        can hold such a word without having matched it; both snippet paths leave those words unmarked.)"""
        postings = self._postings
        if self._cache_positions:  # the keys its fields hold, less any whose cut-short postings lack it
            held = self._snippet_keys[doc] & keys
            if not self._cut_short.isdisjoint(held):
                held = frozenset(key for key in held if key not in self._cut_short or doc in postings[key])
            if not held:  # found through words a result does not show: the snippet names them (_listed_line)
                held = self._listed_keys[doc] & keys
                if held:  # and those its title or citation line shows (named no more), as a big pack's postings give
                    held |= self._row_keys[doc] & keys
                if not self._cut_short.isdisjoint(held):
                    held = frozenset(key for key in held if key not in self._cut_short or doc in postings[key])
        else:  # a big pack keeps no word list per document: the postings say which keys it holds
            held = frozenset(key for key in keys if doc in postings[key])
        made = self._snippets.get(doc)  # by document, then by the keys it holds (no pair made to look it up)
        found = None if made is None else made.get(held)
        if found is None:
            if self._snippets_made + 2 > SNIPPETS_KEPT:  # a snippet adds two at most: itself, and its field's cut
                self._snippets.clear()
                self._snippets_made = 0
                made = None
            if made is None:
                made = self._snippets[doc] = {}
            found = made[held] = self._make_snippet(doc, held, made)
            self._snippets_made += 1
        return found

    def _spell_out(self, doc: int) -> None:
        """A provision's snippet fields as its page shows them (_shown_words), once: the index's words stay the
        pack's (what a result is found by), only what it shows changes."""
        self._to_spell[doc] = 0
        shown = _shown_words(self._pack, self.entries[doc].id)
        tried, summary = self._snippet_fields[doc]
        spelt = tuple((name, shown.get(name, text)) for name, text in tried)
        if spelt == tried and shown.get("summary", summary) == summary:
            return
        self._snippet_fields[doc] = (spelt, shown.get("summary", summary))
        if self._cache_positions:
            self._field_positions[doc] = _positions(spelt)[0]

    def _make_snippet(self, doc: int, keys: AbstractSet[str], made: dict[object, _Snippet] | None = None,
                      width: int = 160) -> _Snippet:
        """The words around the first field's first match (fields in _SNIPPET_FIELDS order), matches marked.
        A field's words are cut once per set of words marked, kept in ``made`` (the document's snippets):
        other keys of a query often mark the same words ("warrant", "warrants" and "~warrant")."""
        if self._to_spell[doc]:
            self._spell_out(doc)
        if self._cache_positions:
            fields: Iterable[_Field] = self._field_positions[doc]
        else:
            fields = [(text, (), None) for _name, text in self._snippet_fields[doc][0]]
        needles = None
        for place, (text, spans, masks) in enumerate(fields):
            if masks is not None:
                # ``keys`` are the few the document holds: looked up, not intersected with every word
                matched = 0
                for key in keys:
                    mask = masks.get(key)
                    if mask:  # not OR-ing a 0 into a mask of hundreds of bits: a new int each time
                        matched |= mask
                if matched:
                    if made is None:
                        return _cut_words(text, spans, matched, width)
                    marked = matched * len(_SNIPPET_FIELDS) + place  # the field and its words marked, as one int
                    found = made.get(marked)
                    if found is None:
                        found = made[marked] = _cut_words(text, spans, matched, width)
                        self._snippets_made += 1
                    return found
                continue
            if needles is None:
                short = self._short_needles
                needles = {short.get(key) or needle(key) for key in keys}
            found = self._scan(text, keys, needles, width)
            if found:
                return _cut(text, found, width)
        summary = self._snippet_fields[doc][1]
        listed = None
        # found through words the row does not show (not in its title or citation line, shown in full above): the
        # phrases holding them, named (a big pack keeps no phrases or keys per document: read on need)
        # ("supervisor" is shown by a title's "Supervisors'": the same stem)
        row = (self._row_keys[doc] if self._row_keys else _row_keys(self.entries[doc])) if keys else frozenset()
        unshown = {key for key in keys if key not in row and not (
            key.isalpha() and len(key) >= 3 and STEM_MARK + stem(key) in row)}
        if unshown:
            listed = _listed_line(self._listed[doc] if self._listed else _listed_words(self.entries[doc]), keys,
                                  unshown)
        if listed is None:
            return _window(summary, 0, width)[0], ()
        line, spans = listed
        return (f"{line} {_window(summary, 0, max(width - len(line), width // 2))[0]}" if summary else line), spans

    def search_or_corrected(self, query: str, limit: int = 20, jurisdictions: Iterable[str] | None = None,
                            kinds: Iterable[str] | None = None,
                            snippets: int | None = None) -> tuple[list[Hit], str | None]:
        """The query's results, and None; or, for a query that finds nothing but clearly misspells a word
        (correction: "warent"), the corrected query's results and the corrected query, which the window and
        the command line say they show. Only a query that finds nothing pays for the correction."""
        hits = self.search(query, limit=limit, jurisdictions=jurisdictions, kinds=kinds, snippets=snippets)
        corrected = None if hits or not query.strip() else self.correction(query)
        if corrected is None:
            return hits, None
        fixed = self.search(corrected, limit=limit, jurisdictions=jurisdictions, kinds=kinds, snippets=snippets)
        return (fixed, corrected) if fixed else (hits, None)

    def correction(self, query: str) -> str | None:
        """The query as the officer most likely meant it, for a query that finds nothing ("warent" →
        "warrant"): each of its words that matches nothing stands for the one known word clearly closest to
        it (_clear_match); None when a word has none, or every word matches something. For the no-result
        path only: it reads the known words a little longer than such a word, with its first letter. The words
        are read as search() reads them (_read); a word of an officer's phrase misspelt, beside the phrase's other
        words, stands for that word ("la mirga": la migra, which the pack's words for it find)."""
        query = composed(query)
        typing = still_typed(query)
        terms = self._read(query_terms(query, self._holds), query, typing)
        words = [term.partition(PHRASE_MARK)[0] for term in terms]
        changed = False
        for place, term in enumerate(terms):
            meant = None if PHRASE_MARK in term else self._phrase_word(words, place)
            if meant is not None:
                words[place] = meant
                changed = True
        if changed:
            terms = self._phrase_terms(words, " ".join(words), typing)
        for place, term in enumerate(terms):
            # (the query's last word's keys are those search() kept: not looked for again)
            if self._term_scores(term, is_last=typing and place == len(terms) - 1)[0]:
                words[place] = self._as_written(words[place])
                continue
            meant = self._clear_match(words[place])
            if meant is None:
                return None
            words[place] = self._as_written(meant)
            changed = True
        return " ".join(words) if changed else None

    def _phrase_word(self, words: list[str], place: int) -> str | None:
        """The word of an officer's phrase (the pack's synonyms of two words or more) that the query's word at
        ``place`` misspells within its typo reach, where the words around it are the phrase's others, in a row:
        "mirga" in "la mirga" (la migra). None when there is none."""
        word = words[place]
        if len(word) < 4 or not word.isalpha():
            return None
        for name in self._phrases:
            parts = name.split()
            for at, part in enumerate(parts):
                first = place - at
                if part == word or first < 0 or first + len(parts) > len(words) \
                        or edit_distance(word, part, typo_reach(part)) > typo_reach(part):
                    continue
                if all(stem(words[first + other]) == stem(parts[other]) for other in range(len(parts)) if other != at):
                    return part
        return None

    def _as_written(self, key: str) -> str:
        """A known word as the pack writes it ("2-173-020"), to offer or name: a word's part as itself, not
        as the first word it was part of ("deportation", not "removal/deportation")."""
        written = self._surface.get(key, key)
        if written.count(")") > written.count("("):  # its "(" left before the word: "(crowd control)", "(a)(3)"
            written = "(" + written if "(" in written else written[:-1]  # "(a)(3)" whole; "control", not "control)"
        return written if keys_for_word(written)[:1] == (key,) else key

    def _past_typo_reach(self, term: str) -> list[tuple[str, int]]:
        """Known words a word past its typo reach may still mean, with their distance: a letter or two left
        out, or the same sound spelled another way."""
        # A word that matches nothing has no known word within its typo reach (_typo_terms): one edit under
        # 8 letters, two from 8. Past it, up to CORRECTION_EDITS, only with a letter left out, as fast typing
        # does ("warent": warrant, "supena": subpoena), not two changed ("defense", which the pack does not
        # hold, is not "defines"): longer words only, which also keeps the scan short in a big pack. Not for
        # a word of 4 letters, two edits being half of it ("lwyr" is as near lower as lawyer).
        found = self._typo_terms(term, CORRECTION_EDITS, longer=True) if 5 <= len(term) < 8 else []
        return found + [near for near in self._sound_alikes(term) if near not in found]

    def _sound_alikes(self, term: str) -> list[tuple[str, int]]:
        """Known words that sound as a word the pack does not hold does, spelled another way (sounds_like:
        "deportashun" is deportation, three letters changed), with their distance. Officers spell by sound."""
        if len(term) < SOUND_SHORTEST or not term.isalpha():
            return []
        sound = sounds_like(term)
        found: list[tuple[str, int]] = []
        for length in range(max(len(term) - SOUND_SHORTER, len(sound)), len(term) + SOUND_LONGER + 1):
            for first in _SOUND_FIRST.get(sound[0], sound[0]):
                for word in self._buckets.get((length, first), ()):
                    if sounds_like(word) == sound:
                        found.append((word, edit_distance(term, word, max(len(term), length))))
        return found

    def _clear_match(self, term: str, found: list[tuple[str, int]] | None = None) -> str | None:
        """The known word a word that matches nothing clearly stands for: the closest, the commonest of the
        closest; clear when no other word as close (but another form of it: warrant, warrants) is half as
        common or more. None when there is none. ``found``: the known words it may mean, with their distance
        (by default those past its typo reach)."""
        if found is None:
            found = self._past_typo_reach(term)
        if not found:
            return None
        closest = min(distance for _word, distance in found)
        ranked = sorted((-self._df[word], word) for word, distance in found if distance == closest)
        best = ranked[0][1]
        root = stem(best)
        rivals = [-df for df, word in ranked[1:] if stem(word) != root]
        return best if not rivals or 2 * rivals[0] < self._df[best] else None

    def suggest(self, query: str, limit: int = 5) -> list[str]:
        """Closest known words to the query's words, for a 'did you mean' instead of a dead end: near misses,
        the words a letter or two left out may mean ("warent": warrant), or for the word still being typed
        (still_typed), words whose start is a near miss of it ("tow truck" offered "toward": tow is a finished
        word; then "trust", which only starts with truck's first three letters: a guess that far costs a
        stressed officer a tap and a wrong page). One form of a word: "subpoenas" beside "subpoena" found the
        same, and took a chip's room. Never for a word of the request (_FILLER), nor a slip of one as search() reads
        it (_meant_fillers): what it alone matches is not listed, so "need an interpreter" offered "need", "i want a
        translator" want, wait and went, and "gest" (gets, two letters swapped) "get"."""
        query = composed(query)
        out: list[str] = []
        offered: set[str] = set()  # the stems of the words offered
        typing = still_typed(query)
        # a slip of a word of the request is read as that word, as search() reads it ("gest": gets), never offered
        # as a word it is one letter from ("get": a letter added is no fast-typing slip, and get is a filler too)
        terms = self._meant_fillers(query_terms(query, self._holds), typing)
        for place, term in enumerate(terms):
            if term in _FILLER:
                continue
            candidates = [(d, -self._df[w], w) for w, d in self._typo_terms(term) or self._past_typo_reach(term)]
            if candidates and self._held_inside(term):  # "commandeer" is no slip of "commander"
                root = stem(term)
                candidates = [candidate for candidate in candidates if stem(candidate[2]) == root]
            if not candidates and len(term) >= 3 and typing and place == len(terms) - 1:
                reach = typo_reach(term)
                candidates = [(3, -self._df[w], w) for w in self._prefix_terms(term[:3], 10)
                              if edit_distance(term, w[:len(term)], reach) <= reach]
            for _, _, word in sorted(candidates)[:limit]:
                surface = self._as_written(word)
                if surface not in out and stem(word) not in offered:
                    out.append(surface)
                    offered.add(stem(word))
        return out[:limit]
