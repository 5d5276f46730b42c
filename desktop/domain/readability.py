"""How hard the pack's officer-facing words are to read: sentences, words and syllables counted the same way
every time, and the Flesch–Kincaid grade they give. Advice for supervisors as they write, never a problem
that stops a pack.

The counting is a heuristic, documented so that a supervisor can check a count by hand:

* Sentences: every line is at least one (a list's lines and a "Do:" bullet have no full stop); inside a line a
  sentence ends at ".", "!" or "?" followed by a space, except after an abbreviation (a word with a full stop inside, "e.g.", "U.S.";
  a known one, "No.", "v."; a single letter). A line with no word to count is no sentence.
* Words: runs of letters, with the apostrophes, hyphens and full stops inside them ("don't", "follow-up",
  "U.S." are one word each).
  Citations, form numbers and ids are not words to count: any run of non-space characters holding a digit, an
  underscore or "§"/"¶" ("805/15(a)", "I-247A", "q_court_check", "§") is left out, and so are the citation
  abbreviations beside a number ("ILCS", "U.S.C.", "C.F.R.", "MCC").
* Syllables: groups of vowels (a, e, i, o, u, y) in each part of a word, less a silent final "e" (but not
  "-le" after a consonant, as in "able") and the "e" of "-es"/"-ed" not after a hissing sound or t/d
  ("asked" 1, "wanted" 2, "boxes" 2, "judges" 2), less a silent "e" between a vowel and consonant and the endings "-ly",
  "-ty", "-ment(s)", "-ful", "-less", "-ness" ("safety" 2, "likely" 2, "statement" 2), plus one for each pair
  of vowels said apart: "ia" not after c or t ("immediate" 4, but "special" 2), "io" not after c, g, s, t or
  x nor before "n" after a consonant ("violation" 4, "serious" 3, but "immigration" 4, "million" 2), "ua"
  not after g or q nor before a vowel ("annual" 3, but "equal" 2), "iu" ("medium" 3), and "-ing" after a
  vowel ("being" 2); a few words the rules miss are counted from a table (SYLLABLE_EXCEPTIONS: "area" 3,
  "business" 2, …). At least one a part ("don't" is one part, "follow-up" two). An all-capitals word of 2
  to 4 letters ("ICE", "DHS", "OEMC") counts as one. A word of the field that every officer reads at a
  glance counts two, as easy as a common two-syllable word, in the spirit of Dale–Chall's familiar words: a
  supervisor cannot write "immigration enforcement" more plainly, so it must not raise the grade. Those are
  FAMILIAR_WORDS ("immigration", "enforcement", "supervisor", "federal", …) and the words of the pack's own
  glossary terms (officers can look each up in the app: "anti-commandeering", "perimeter"), with their
  plurals; a shorter word of a term ("on-site", "or") counts as it is. The command line and the editor both grade by ``reading`` with the pack's glossary terms, so
  they agree for the same text and pack.
* Grade (Flesch–Kincaid): 0.39 × words per sentence + 11.8 × syllables per word − 15.59; none for a text of
  fewer than MIN_WORDS words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from desktop.domain.model import Outcome, Pack, Question

#: Plain-language practice (A2J Author among it) aims court and field text at about this grade or lower.
AIM_GRADE = 8
#: Fewer words than this are not graded. The formula was made for passages (Flesch's method scores samples of
#: about 100 words); on one line it has little to average: at n words one syllable moves the grade by 11.8 / n,
#: 2 grades at 6 words, 1.3 at 9, 1.2 at 10, so below 10 one long word decides the advice. The bundled pack
#: shows it: even with FAMILIAR_WORDS, 89 of its 1389 lines of 6 to 9 words read above grade 8, mostly plain
#: ones ("Tell hospital security about the request." 12.3), and a label fared worse ("Supervisor's approval"
#: came out at grade 26). 827 of the 916 texts above the aim have 10 words or more: the advice stays there.
MIN_WORDS = 10

_CITATION_WORDS = re.compile(r"(?<![A-Za-z])(?:ILCS|U\.S\.C\.|C\.F\.R\.|CFR|USC|MCC|Ill\. ?Comp\. ?Stat\.)(?![A-Za-z])")
_NOT_A_WORD = re.compile(r"\S*[0-9_§¶]\S*")
_WORD = re.compile(r"[A-Za-z]+(?:['’.\-][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)")
_ABBREVIATIONS = frozenset({
    "etc", "vs", "v", "no", "nos", "mr", "mrs", "ms", "dr", "st", "art", "arts", "sec", "secs",
    "ord", "gen", "ch", "para", "cf", "ill", "dept", "approx", "inc", "co", "corp", "jr", "sr",
})
_VOWEL_GROUP = re.compile(r"[aeiouy]+")

#: How many syllables a FAMILIAR_WORDS word counts: as easy as a common two-syllable word ("police", "warrant").
FAMILIAR_SYLLABLES = 2
#: The field's own words, which every officer reads at a glance however many syllables they have (the idea of
#: Dale–Chall's list of familiar words, here for this field). Each is one no plainer word can replace in
#: officer-facing text, and each has three or more syllables by this module's count (a shorter word would gain
#: nothing). A plural counts too ("officers"); so does a possessive ("supervisor's"), whose apostrophe goes.
#: Kept short on purpose: an everyday long word ("information" aside) is not listed, so it still counts.
FAMILIAR_WORDS = frozenset({
    # what the guide is about: the law officers apply and the papers they are shown
    "immigration", "enforcement", "federal", "criminal", "citizenship", "detainer", "administrative",
    "judicial", "magistrate", "subpoena", "ordinance", "custody", "detention",
    # the officer's own job: ranks, their department, the agencies and what they do
    "officer", "supervisor", "lieutenant", "commander", "department", "agency", "agencies", "operation",
    "identify", "identification", "information", "emergency", "camera",
    # the city and state they serve in
    "chicago", "illinois",
})

#: Words the syllable rules count wrong, with their count by hand (a plural is counted from its singular's).
SYLLABLE_EXCEPTIONS = {
    "area": 3, "idea": 3, "video": 3, "radio": 3, "business": 2, "anyone": 3, "whoever": 3, "people": 2,
    "create": 2, "created": 3, "creates": 2,
}
_SILENT_E = re.compile(r"(?<=[aeiouy][^aeiouy])e(?=(?:ly|ty|ments?|ful|less|ness)$)")
_SAID_APART = re.compile(r"(?<![ct])ia|(?<![cgstx])io(?!n)|(?<![gq])ua(?![aeiou])|iu|(?<=[aeiouy])ing$")


@lru_cache(maxsize=8)
def _familiar_set(glossary_terms: tuple[str, ...]) -> frozenset[str]:
    words = set(FAMILIAR_WORDS)
    for term in glossary_terms:
        for word in _counted_words(term):
            words.update(part for part in re.sub(r"['’.]", "", word.lower()).split("-") if part)
    return frozenset(words)


def familiar_words(glossary_terms: Iterable[str] = ()) -> frozenset[str]:
    """The words that count two syllables: FAMILIAR_WORDS and every word of the pack's glossary terms."""
    return _familiar_set(tuple(glossary_terms))


@dataclass(frozen=True, slots=True)
class Reading:
    """The counts of one text and the Flesch–Kincaid grade they give (None: fewer than MIN_WORDS words)."""

    sentences: int
    words: int
    syllables: int

    @property
    def grade(self) -> float | None:
        if self.words < MIN_WORDS:
            return None
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59


def syllables(word: str, familiar: frozenset[str] = FAMILIAR_WORDS) -> int:
    """The syllables of one word, by the heuristic in the module's docstring (a ``familiar`` word counts 2)."""
    if 1 < len(word) <= 4 and word.isupper():  # an initialism or short acronym: ICE, DHS, CPD, OEMC
        return 1
    return sum(_part_syllables(part, familiar) for part in re.sub(r"['’.]", "", word.lower()).split("-") if part)


def _familiar(part: str, familiar: frozenset[str]) -> bool:
    """Whether a word (or a part of a hyphenated one) is ``familiar``, as it is or as a plural."""
    return part in familiar or (part.endswith("s") and part[:-1] in familiar)


def _part_syllables(part: str, familiar: frozenset[str]) -> int:
    """A familiar word counts FAMILIAR_SYLLABLES at most: a short word of a glossary term ("on-site", "or")
    counts as it is."""
    count = _counted_syllables(part)
    return min(count, FAMILIAR_SYLLABLES) if _familiar(part, familiar) else count


def _counted_syllables(part: str) -> int:
    if len(part) <= 3:
        return 1
    known = SYLLABLE_EXCEPTIONS.get(part) or SYLLABLE_EXCEPTIONS.get(part[:-1] if part.endswith("s") else "")
    if known:
        return known
    apart = len(_SAID_APART.findall(part))
    if part.endswith("ed") and part[-3] not in "td":
        part = part[:-2]
    elif part.endswith("es") and not re.search(r"(?:[sxzcg]|ch|sh)es$", part):
        part = part[:-2]
    elif part.endswith("e") and not (part.endswith("le") and part[-3] not in "aeiouy"):
        part = part[:-1]
    part = _SILENT_E.sub("", part)
    return max(1, len(_VOWEL_GROUP.findall(part)) + apart)


def _counted_words(line: str) -> list[str]:
    line = _CITATION_WORDS.sub(" ", line)
    return _WORD.findall(_NOT_A_WORD.sub(" ", line))


def _sentences_of(line: str) -> Iterator[str]:
    """The sentences of one line: split where a sentence ends, not after an abbreviation."""
    start = 0
    for end in _SENTENCE_END.finditer(line):
        before = re.search(r"([A-Za-z.]+)$", line[start:end.start()])
        if end.group().startswith(".") and before and (
                before.group(1).lower() in _ABBREVIATIONS or len(before.group(1)) == 1 or "." in before.group(1)):
            continue
        yield line[start:end.end()]
        start = end.end()
    yield line[start:]


def reading(text: str, glossary_terms: Iterable[str] = ()) -> Reading:
    """Sentences, words and syllables of ``text`` (any string: it never raises), the words of the pack's
    ``glossary_terms`` counted as familiar."""
    familiar = familiar_words(glossary_terms)
    sentences = words = syls = 0
    for line in text.splitlines():
        for sentence in _sentences_of(line):
            found = _counted_words(sentence)
            if found:
                sentences += 1
                words += len(found)
                syls += sum(syllables(w, familiar) for w in found)
    return Reading(sentences, words, syls)


def grade(text: str, glossary_terms: Iterable[str] = ()) -> float | None:
    """The Flesch–Kincaid grade of ``text``; None when it has fewer than MIN_WORDS words to count."""
    return reading(text, glossary_terms).grade


def grade_words(text: str, glossary_terms: Iterable[str] = (), aim: int = AIM_GRADE, what: str = "") -> str:
    """What the editor shows beside a field: "Reads at grade 9 — aim for 8 or lower", "Reads at grade 6",
    "" for a field with too few words to grade. ``what`` names the text read ("Selected line reads at …")."""
    value = grade(text, glossary_terms)
    if value is None:
        return ""
    shown = round(value)
    verb = f"{what} reads" if what else "Reads"
    if shown < 1:
        return f"{verb} below grade 1"
    return f"{verb} at grade {shown}" + (f" — aim for {aim} or lower" if shown > aim else "")


@dataclass(frozen=True, slots=True)
class PackText:
    """One officer-facing text of a pack, where it is (scenario, step, field) and how hard it reads."""

    scenario: str
    step: str
    field: str
    text: str
    reading: Reading

    @property
    def grade(self) -> float | None:
        return self.reading.grade

    @property
    def where(self) -> str:
        return " · ".join(part for part in (self.scenario, self.step, self.field) if part)

    def as_dict(self) -> dict[str, object]:
        value = self.grade
        return {"scenario": self.scenario, "step": self.step, "field": self.field, "text": self.text,
                "grade": None if value is None else round(value, 1), "sentences": self.reading.sentences,
                "words": self.reading.words, "syllables": self.reading.syllables}


OUTCOME_LISTS = ("do", "do_not", "say", "document", "notify")


def _texts(pack: Pack) -> Iterator[tuple[str, str, str, str]]:
    for scenario in pack.scenarios:
        sid = scenario.scenario_id
        yield sid, "", "title", scenario.title
        yield sid, "", "summary", scenario.summary
        for node in scenario.nodes:
            nid = node.node_id
            if isinstance(node, Question):
                yield sid, nid, "prompt", node.prompt
                yield sid, nid, "help", node.help
                for choice in node.choices:
                    yield sid, nid, f"answer {choice.key}", choice.label
            elif isinstance(node, Outcome):
                yield sid, nid, "headline", node.headline
                for name in OUTCOME_LISTS:
                    for i, line in enumerate(getattr(node, name), start=1):
                        yield sid, nid, f"{name} {i}", line
                yield sid, nid, "rationale", node.rationale
    for term in pack.glossary:
        yield "glossary", term.term, "definition", term.definition


def glossary_terms(pack: Pack) -> tuple[str, ...]:
    """The pack's glossary terms, whose words the grade counts as familiar."""
    return tuple(term.term for term in pack.glossary)


def officer_texts(pack: Pack) -> list[PackText]:
    """Every officer-facing text of ``pack`` long enough to grade: scenario titles and summaries, questions,
    their help and answers, outcomes' headline, lines to do, not do, say, document and notify, and why
    (rationale), and glossary definitions. Not the provisions' quoted or summarised law."""
    out = []
    terms = glossary_terms(pack)
    for sid, step, field, text in _texts(pack):
        counts = reading(text, terms)
        if counts.grade is not None:
            out.append(PackText(sid, step, field, text, counts))
    return out


def hardest(pack: Pack, over: float | None = None) -> list[PackText]:
    """The officer-facing texts, hardest first (ties in pack order); with ``over``, only those above it."""
    texts = officer_texts(pack)
    if over is not None:
        texts = [t for t in texts if t.grade is not None and t.grade > over]
    return sorted(texts, key=lambda t: -(t.grade or 0.0))
