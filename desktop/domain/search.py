"""In-memory search over provisions, scenarios and glossary terms: ranked, prefix-as-you-type,
typo-tolerant, synonym-aware, filterable, with highlighted snippets. Built once per pack."""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.domain.model import Outcome, Pack, Question

MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12

# A "word": letters/digits, possibly joined by - / . ( ) § so that citations such as 2-173-020(a)(6),
# 805/15, I-247A and 287(g) stay one unit as well as being split into parts.
_TOKEN_RE = re.compile(r"[^\W_]+(?:[-/.()§]+[^\W_]+)*\)?", re.UNICODE)
_STOP = frozenset(
    "a an and are as at be but by can could do does for from had has have he her him his how i if in into "
    "is it its me my of on or our she so than that the their them then there they this to us was we were "
    "what when where which who will with would you your".split()
)

_FIELD_WEIGHTS = {"id": 6.0, "title": 4.0, "cite": 5.0, "tags": 3.0, "summary": 2.0, "body": 1.0, "deep": 0.5}
_SNIPPET_FIELDS = ("summary", "body", "title", "deep")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def keys_for_word(word: str) -> list[str]:
    """Index keys of one word: the whole word without punctuation, plus its parts (≥ 2 chars)."""
    folded = _fold(word)
    parts = [p for p in re.split(r"[^\w]+|_", folded) if p]
    whole = "".join(parts)
    keys = [whole] if whole else []
    if len(parts) > 1:
        keys.extend(p for p in parts if len(p) >= 2 and p != whole)
    return keys


def tokenize(text: str) -> list[str]:
    out: list[str] = []
    for match in _TOKEN_RE.finditer(text):
        out.extend(keys_for_word(match.group()))
    return out


def query_terms(query: str) -> list[str]:
    """Normalised query terms (whole words only, stop words dropped unless nothing else is left)."""
    query = query.replace("\x00", " ")[:MAX_QUERY_CHARS]
    words = [keys_for_word(m.group()) for m in _TOKEN_RE.finditer(query)]
    terms = [k[0] for k in words if k]
    kept = [t for t in terms if t not in _STOP]
    return (kept or terms)[:MAX_QUERY_TERMS]


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


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # "provision", "scenario" or "term"
    id: str
    title: str
    citation: str
    jurisdiction: str
    source: str
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Hit:
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
                    ("tags", " ".join(p.tags)),
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
                citation=s.category,
                jurisdiction="",
                source="",
                fields=(
                    ("id", s.scenario_id),
                    ("title", s.title + " " + (s.home_label or "")),
                    ("tags", " ".join(s.tags)),
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


class SearchIndex:
    """An inverted index with field weights, built once; queries never touch storage."""

    def __init__(self, pack: Pack) -> None:
        self.entries = _entries(pack)
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        self._surface: dict[str, str] = {}
        lengths: list[float] = []
        for doc, entry in enumerate(self.entries):
            length = 0.0
            for name, text in entry.fields:
                weight = _FIELD_WEIGHTS[name]
                for match in _TOKEN_RE.finditer(text):
                    word = match.group()
                    for key in keys_for_word(word):
                        if key in _STOP:
                            continue
                        bucket = postings[key]
                        bucket[doc] = bucket.get(doc, 0.0) + weight
                        if key not in self._surface:
                            self._surface[key] = word.lower()
                    length += 1
            lengths.append(length)
        n = max(len(self.entries), 1)
        avg = (sum(lengths) / n) or 1.0
        self._norm = [0.5 + 0.5 * (ln / avg) for ln in lengths]
        self._postings = {k: tuple(v.items()) for k, v in postings.items()}
        self._idf = {k: math.log(1 + (n - len(v) + 0.5) / (len(v) + 0.5)) for k, v in self._postings.items()}
        self._vocab = sorted(self._postings)
        self._by_length: dict[int, list[str]] | None = None
        self._synonyms: dict[str, list[list[str]]] = defaultdict(list)
        for syn in pack.synonyms:
            sources = [syn.term, *syn.expansions]
            folded = [[t for t in query_terms(s)] for s in sources]
            for i, head in enumerate(folded):
                if len(head) != 1:
                    continue
                for j, other in enumerate(folded):
                    if i != j and other and other not in self._synonyms[head[0]]:
                        self._synonyms[head[0]].append(other)

    # -- term expansion ------------------------------------------------------------------------
    def _prefix_terms(self, term: str, limit: int = 60) -> list[str]:
        i = bisect_left(self._vocab, term)
        out: list[str] = []
        while i < len(self._vocab) and self._vocab[i].startswith(term) and len(out) < limit:
            out.append(self._vocab[i])
            i += 1
        return out

    def _typo_terms(self, term: str) -> list[tuple[str, int]]:
        if len(term) < 4 or term.isdigit():
            return []
        limit = 1 if len(term) < 8 else 2
        if self._by_length is None:
            by_length: dict[int, list[str]] = defaultdict(list)
            for word in self._vocab:
                by_length[len(word)].append(word)
            self._by_length = by_length
        found: list[tuple[str, int]] = []
        for length in range(len(term) - limit, len(term) + limit + 1):
            for word in self._by_length.get(length, ()):
                if word[0] != term[0] and (len(word) < 2 or word[1] != term[0]):
                    continue
                d = edit_distance(term, word, limit)
                if d <= limit:
                    found.append((word, d))
        return found

    def _expand(self, term: str, is_last: bool) -> dict[str, float]:
        """Index keys a query term matches, with how much each counts (exact 1.0 … typo 0.5)."""
        matches: dict[str, float] = {}
        if term in self._postings:
            matches[term] = 1.0
        if is_last or len(term) >= 3:
            for key in self._prefix_terms(term):
                if key != term:
                    matches.setdefault(key, 0.85 if is_last else 0.6)
        if not matches:
            for key, dist in self._typo_terms(term):
                matches[key] = 0.65 if dist == 1 else 0.45
        for phrase in self._synonyms.get(term, ()):
            for key in phrase:
                if key in self._postings:
                    matches.setdefault(key, 0.8 / len(phrase))
        return matches

    # -- queries --------------------------------------------------------------------------------
    def search(
        self,
        query: str,
        limit: int = 20,
        jurisdictions: Iterable[str] | None = None,
        kinds: Iterable[str] | None = None,
        source: str | None = None,
    ) -> list[Hit]:
        terms = query_terms(query)
        if not terms:
            return []
        allowed_j = set(jurisdictions) if jurisdictions else None
        allowed_k = set(kinds) if kinds else None
        scores: dict[int, float] = defaultdict(float)
        matched: dict[int, int] = defaultdict(int)
        hit_keys: dict[int, set[str]] = defaultdict(set)
        for position, term in enumerate(terms):
            expansions = self._expand(term, position == len(terms) - 1)
            best: dict[int, float] = {}
            for key, factor in expansions.items():
                idf = self._idf[key]
                for doc, weight in self._postings[key]:
                    value = factor * idf * (weight * 2.2) / (weight + 1.2 * self._norm[doc])
                    if value > best.get(doc, 0.0):
                        best[doc] = value
                    hit_keys[doc].add(key)
            for doc, value in best.items():
                scores[doc] += value
                matched[doc] += 1
        ranked: list[tuple[float, int]] = []
        for doc, score in scores.items():
            entry = self.entries[doc]
            if allowed_k is not None and entry.kind not in allowed_k:
                continue
            if allowed_j is not None and entry.jurisdiction not in allowed_j:
                continue
            if source is not None and source.casefold() not in entry.source.casefold():
                continue
            coverage = matched[doc] / len(terms)
            ranked.append((score * coverage * coverage, doc))
        ranked.sort(key=lambda item: (-item[0], self.entries[item[1]].kind != "scenario", item[1]))
        return [self._hit(doc, score, hit_keys[doc]) for score, doc in ranked[:limit]]

    def _hit(self, doc: int, score: float, keys: set[str]) -> Hit:
        entry = self.entries[doc]
        snippet, spans = self._snippet(entry, keys)
        return Hit(entry.kind, entry.id, entry.title, entry.citation, entry.jurisdiction, score, snippet, spans)

    def _snippet(self, entry: Entry, keys: set[str], width: int = 160) -> tuple[str, tuple[tuple[int, int], ...]]:
        fields = dict(entry.fields)
        for name in _SNIPPET_FIELDS:
            text = fields.get(name)
            if not text:
                continue
            found = [
                (m.start(), m.end()) for m in _TOKEN_RE.finditer(text) if any(k in keys for k in keys_for_word(m.group()))
            ]
            if not found:
                continue
            first = found[0][0]
            start = max(0, first - width // 3)
            if start > 0:
                space = text.rfind(" ", 0, start)
                start = space + 1 if space >= 0 and first - space < width // 2 else start
            end = min(len(text), start + width)
            prefix = "…" if start > 0 else ""
            suffix = "…" if end < len(text) else ""
            shift = len(prefix) - start
            spans = tuple((a + shift, b + shift) for a, b in found if a >= start and b <= end)
            return prefix + text[start:end] + suffix, spans
        summary = fields.get("summary", "")
        return (summary[:width] + ("…" if len(summary) > width else "")), ()

    def suggest(self, query: str, limit: int = 5) -> list[str]:
        """Closest known words to the query's words, for a 'did you mean' instead of a dead end."""
        out: list[str] = []
        for term in query_terms(query):
            candidates = [(d, -len(self._postings[w]), w) for w, d in self._typo_terms(term)]
            if not candidates and len(term) >= 3:
                prefix = term[:3]
                candidates = [(3, -len(self._postings[w]), w) for w in self._prefix_terms(prefix, 10)]
            for _, _, word in sorted(candidates)[:limit]:
                surface = self._surface.get(word, word)
                if surface not in out:
                    out.append(surface)
        return out[:limit]
