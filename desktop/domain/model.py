"""Frozen dataclasses for the data pack. Identity is always a stable string id, never a storage key."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

SCHEMA_VERSION = 2
#: The schema version a pack must declare to use an answer's ``enter_at`` (a shared step entered at a question
#: other than its first): an older app then says "update the app" rather than refusing an unknown field.
ENTER_AT_SCHEMA_VERSION = 2
VERDICTS = ("not_permitted", "permitted", "required", "refer")
VERDICT_LABELS = {
    "not_permitted": "NOT PERMITTED",
    "permitted": "PERMITTED",
    "required": "REQUIRED",
    "refer": "CALL SUPERVISOR",
}
JURISDICTIONS = ("federal", "state", "county", "city", "department")
CONFIDENCES = ("verified", "secondary", "unverified")
NOTE_KINDS = ("litigation", "contested", "unverified", "superseded", "info")
TABLES = ("meta", "provisions", "scenarios", "synonyms", "glossary")
#: A run of the characters an id may hold (the schema's id pattern), not inside a longer word: where the words
#: of a pack may name a provision by its id ("see LIT-USvIL-2025"); "(" may come before it.
_ID_RUN = re.compile(r"(?<![A-Za-z0-9._-])[A-Za-z0-9][A-Za-z0-9._()-]*")


#: A pack whose provision ids start in at most this many ways (their first three characters: 8 in the bundled
#: pack, 1 in the synthetic one) has a text looked for those before its words are read (Pack._ids_named_in).
ID_STARTS_CHECKED = 32


def _shorter_runs(runs: list[str]) -> Iterator[str]:
    """Each shorter form of ``runs`` that Pack._ids_named_in may look up: less its ending ")", "." or "-", one
    at a time."""
    for run in runs:
        while len(run) > 1 and run[-1] in ").-":
            run = run[:-1]
            yield run


@lru_cache(maxsize=4096)  # a pack repeats the same few hundred dates thousands of times
def parse_partial_date(value: str | None) -> dt.date | None:
    """The earliest day a full or partial ISO date (YYYY, YYYY-MM, YYYY-MM-DD) can mean."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(parts[0], parts[1], parts[2])


#: a day as a pack writes it, and as the schema's as_of and reviewed_on must be written
DAY_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DAY = re.compile(DAY_PATTERN)


def iso_day(value: object) -> dt.date | None:
    """``value`` as a day when it is text written YYYY-MM-DD that the calendar holds, else None. Python's
    fromisoformat also reads an ISO week date ("2026-W05-2", 27 Jan) and "20260202": a pack never holds either, so
    publish's --as-of, the source's own as-of date and the schema read the same days (one rule)."""
    if not isinstance(value, str) or not _DAY.match(value) or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_day(day: dt.date) -> str:
    """A day as the app and its printouts write it, in every locale: '2 Feb 2026'."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_partial_date(value: str | None) -> str:
    """'2025-08-30' → '30 Aug 2025'; partial dates stay partial ('Aug 2025', '2025'); None → ''.
    A value that is not a date is given back as it is."""
    if not value:
        return ""
    try:
        date = parse_partial_date(value)
    except (ValueError, TypeError):
        return value
    if date is None:
        return ""
    parts = value.split("-")
    if len(parts) == 1:
        return str(date.year)
    if len(parts) == 2:
        return f"{_MONTHS[date.month - 1]} {date.year}"
    return format_day(date)


def on_partial_date(value: str | None) -> str:
    """A (partial) date after a verb, as the app writes it: 'on 1 Sep 2026', 'in Sep 2026', 'in 2026' ('' if none)."""
    if not value:
        return ""
    return f"{'on' if value.count('-') == 2 else 'in'} {format_partial_date(value)}"


#: The status notes that make a provision need care, and how the printed materials say each
CAUTION_WORDS = {"litigation": "in litigation", "contested": "contested", "unverified": "unverified",
                 "superseded": "superseded"}


@dataclass(frozen=True, slots=True)
class StatusNote:
    """A caution shown with a provision: litigation, contested, unverified, superseded or info."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Source:
    """Where a provision's words come from: the document, its number and section, and where it was read."""

    document: str
    number: str | None
    section: str | None
    url: str | None
    retrieved: str | None


@dataclass(frozen=True, slots=True)
class Dates:
    """A provision's dates as the pack gives them (full or partial ISO dates; None when unknown)."""

    signed: str | None
    effective: str | None
    amended: str | None
    rescinded: str | None


@dataclass(frozen=True, slots=True)
class Provision:
    """One rule from one jurisdiction, with its citation, source, dates and how sure the pack is of it."""

    provision_id: str
    title: str
    cite_as: str
    summary: str
    text: str
    text_is_verbatim: bool
    jurisdiction: str
    source: Source
    dates: Dates
    confidence: str
    operative: bool
    status_notes: tuple[StatusNote, ...]
    tags: tuple[str, ...]
    related: tuple[str, ...]

    def citation(self, pinpoint: str = "") -> str:
        """Human citation such as 'MCC 2-173-020(a)(1)(B)'."""
        return join_citation(self.cite_as, pinpoint)

    def has_note(self, kind: str) -> bool:
        return any(note.kind == kind for note in self.status_notes)

    @property
    def needs_caution(self) -> bool:
        """True when the app must show a banner, and printed material mark it: unverified, contested, in litigation,
        superseded, or recorded as rescinded (a handout or quiz outlives the day it is printed)."""
        return (self.confidence == "unverified" or bool(self.dates.rescinded)
                or any(n.kind in CAUTION_WORDS for n in self.status_notes))


# How the printed materials (handouts, quiz, slides) mark a citation whose provision needs_caution, and say why
CAUTION_MARK = "⚠"
CAUTION_KINDS = "contested, in litigation, superseded, unverified or rescinded"
CAUTION_LEGEND = f"{CAUTION_MARK} after a citation: {CAUTION_KINDS}. Check the app before relying on it."


def caution_marked(citation_text: str) -> str:
    """A citation needing care as the printed materials show it: the mark after it, kept on its line."""
    return f"{citation_text}\u00a0{CAUTION_MARK}"


#: A citation's name up to this long never wraps ("5 ILCS 805/15(h)", "18 U.S.C. § 111"); a longer one is a
#: phrase ("Mayor's Office review of 4 June 2025 incident") and wraps as words do, or it would not fit a
#: narrow window at large text. What follows the name ("(no joint operations)", ", scope: …") wraps too.
CITATION_KEPT_WHOLE = 24

#: A pinpoint's sign and the number after it ("§ 5(c)", "Art. 5", "No. 1:25-cv-12173"), never a line apart.
_PINPOINT_SIGN = re.compile(r"(§|¶|\bArts?\.|\bNo\.) (?=\d)")


def unbroken(citation: str) -> str:
    """A citation whose name never wraps inside: "Ord. O2021-117" split at its space, "Ord." left alone at
    a line's end. For text laid out in lines (the quiz's law, the outcome card's "Based on" line, the slides,
    the handouts' citations): the words exported as text and JSON are the citation's own."""
    # a pinpoint's sign stays with its number, after the name too: "P.A. 101-0019, §" and "5(c)" were two lines
    citation = _PINPOINT_SIGN.sub("\\1\u00a0", citation)
    name, rest = (re.split(r"(?= [(\[])|(?=,)", citation, maxsplit=1) + [""])[:2]
    if len(name.removesuffix(f"\u00a0{CAUTION_MARK}")) > CITATION_KEPT_WHOLE:
        return citation
    # and a word joiner where a pinpoint's parts meet: "MCC 2-173-020(a)" and "(3)" were two lines' ends
    return name.replace(" ", "\u00a0").replace(")(", ")\u2060(").replace("-(", "-\u2060(") + rest


#: A bracketed note after a citation's name: " [subsection letter unverified]".
_BRACKETED_NOTE = re.compile(r" (\[[^\]]*\])")


def unbroken_with_note(citation: str) -> str:
    """``unbroken``, and a bracketed note kept whole and with the citation: on a slide "[subsection letter"
    and "unverified]" were two lines, and the note a line below its "5 ILCS 805/15(g)". For a line as wide as
    a slide: the citation and its note wrap as one."""
    return _BRACKETED_NOTE.sub(lambda note: "\u00a0" + note[1].replace(" ", "\u00a0"), unbroken(citation))


def plain_spaces(text: str) -> str:
    """``text`` without what keeps a citation on one line (unbroken, caution_marked): its no-break spaces as
    spaces and no word joiners, for words read out by a screen reader."""
    return text.replace("\u00a0", " ").replace("\u2060", "")


def join_citation(cite_as: str, pinpoint: str) -> str:
    pinpoint = pinpoint.strip()
    if not pinpoint or cite_as.endswith(pinpoint):
        return cite_as
    if pinpoint.startswith("("):
        return cite_as + pinpoint
    return f"{cite_as}, {pinpoint}"


@dataclass(frozen=True, slots=True)
class Citation:
    """An outcome's reference to a provision, with an optional pinpoint such as '(a)(1)'."""

    provision_id: str
    pinpoint: str = ""


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer to a question: it leads to another step, or into a shared scenario, at its start or, with
    ``enter_at``, at a later step (the court-warrant check, for an answer that already said "a judge signed it")."""

    key: str
    label: str
    next: str | None = None
    next_scenario: str | None = None
    enter_at: str | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """A wizard step the officer answers by picking one of its choices."""

    node_id: str
    prompt: str
    choices: tuple[Choice, ...]
    help: str = ""
    topic: str = "general"

    def choice(self, key: str) -> Choice | None:
        return next((c for c in self.choices if c.key == key), None)

    def numbered(self, number: int) -> Choice | None:
        """The answer shown with this number (1, 2, … in order, as every screen and `walk` list them)."""
        return self.choices[number - 1] if 1 <= number <= len(self.choices) else None


@dataclass(frozen=True, slots=True)
class Outcome:
    """Where a path ends: the verdict and what to do, not do, say, document and notify, with citations."""

    node_id: str
    verdict: str
    headline: str
    do: tuple[str, ...]
    do_not: tuple[str, ...]
    say: tuple[str, ...]
    document: tuple[str, ...]
    notify: tuple[str, ...]
    rationale: str
    cites: tuple[Citation, ...]

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict]


Node = Question | Outcome


@dataclass(frozen=True)
class Scenario:
    """A field situation: its question-and-outcome steps, starting at ``start``."""

    scenario_id: str
    title: str
    category: str
    summary: str
    tags: tuple[str, ...]
    start: str
    safety_critical: bool
    nodes: tuple[Node, ...]
    home_label: str | None = None
    home_rank: int | None = None
    subflow: bool = False
    _index: Mapping[str, Node] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", MappingProxyType({n.node_id: n for n in self.nodes}))

    def node(self, node_id: str) -> Node | None:
        return self._index.get(node_id)

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(n for n in self.nodes if isinstance(n, Question))

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        return tuple(n for n in self.nodes if isinstance(n, Outcome))


@dataclass(frozen=True, slots=True)
class Synonym:
    """A search term and the words it also finds."""

    term: str
    expansions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    """A term officers meet in the paperwork, its plain meaning and related terms."""

    term: str
    definition: str
    see: tuple[str, ...]


#: The words the editor puts in a new record's fields for the supervisor to write over (editing.new_*). Left as
#: they are, they would reach officers ("Why this is the answer."): the validator refuses them.
STARTER_WORDS = {
    "provision_title": "New provision",
    "provision_summary": "Say in plain words what this provision means for an officer.",
    "provision_text": "The operative text (quoted exactly), or a faithful description of it.",
    "source_document": "Source document",
    "scenario_title": "New scenario",
    "scenario_summary": "What happens in this scenario, in a sentence or two.",
    "question_prompt": "New question?",
    "outcome_headline": "Say the answer in one plain sentence.",
    "outcome_rationale": "Why this is the answer.",
    "term_definition": "Say in plain words what this means for an officer.",
}
_STARTERS = frozenset(STARTER_WORDS.values())


def is_starter_words(text: str) -> bool:
    """True when ``text`` is still the words the editor put in a new record's field (STARTER_WORDS)."""
    return text.strip() in _STARTERS


#: What About, the printed card and the handouts call ``Meta.notes`` (e.g. whether the data has had a legal
#: review).
NOTES_HEADING = "Notes from the publisher"


@dataclass(frozen=True, slots=True)
class Meta:
    """The pack's version, 'as of' date, review period, publisher and disclaimer."""

    schema_version: int
    data_version: int
    title: str
    as_of: dt.date
    reviewed_on: dt.date
    expires_after_days: int
    publisher: str
    disclaimer: str
    notes: tuple[str, ...] = ()

    @property
    def expires_on(self) -> dt.date:
        """Counted from ``as_of`` (how current the law in the pack is), not from when it was edited."""
        return review_due_on(self.as_of, self.expires_after_days)

    def is_expired(self, today: dt.date) -> bool:
        return overdue_since(self.as_of, self.expires_after_days, today) is not None


def review_due_on(as_of: dt.date, expires_after_days: int) -> dt.date:
    """The day a pack whose law is current as of ``as_of`` is due for an update: its review period counts
    from ``as_of`` (how current the law is), not from when the pack was edited or published."""
    return as_of + dt.timedelta(days=expires_after_days)


def overdue_since(as_of: dt.date, expires_after_days: int, today: dt.date) -> dt.date | None:
    """The day the update was due when a pack as of ``as_of`` is out of date on ``today`` (officers' apps
    show it OUT OF DATE), else None: the one rule for the app, ``publish`` and the Publish dialog."""
    due = review_due_on(as_of, expires_after_days)
    return due if today > due else None


@dataclass(frozen=True)
class Pack:
    """Everything the app shows: meta, provisions, scenarios, synonyms and glossary, looked up by id."""

    meta: Meta
    provisions: tuple[Provision, ...]
    scenarios: tuple[Scenario, ...]
    synonyms: tuple[Synonym, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()
    _provisions: Mapping[str, Provision] = field(init=False, repr=False, compare=False, hash=False)
    _scenarios: Mapping[str, Scenario] = field(init=False, repr=False, compare=False, hash=False)
    _entries: Mapping[str, tuple[str, ...]] = field(init=False, repr=False, compare=False, hash=False)
    _id_starts: tuple[str, ...] | None = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_provisions", MappingProxyType({p.provision_id: p for p in self.provisions}))
        object.__setattr__(self, "_scenarios", MappingProxyType({s.scenario_id: s for s in self.scenarios}))
        entries: dict[str, list[str]] = {}
        for s in self.scenarios:
            for q in s.questions:
                for c in q.choices:
                    if c.next_scenario is not None and c.enter_at is not None:
                        entries.setdefault(c.next_scenario, []).append(c.enter_at)
        object.__setattr__(self, "_entries", MappingProxyType(
            {sid: tuple(dict.fromkeys(nodes)) for sid, nodes in entries.items()}))
        starts = tuple(sorted({pid[:3] for pid in self._provisions}))
        object.__setattr__(self, "_id_starts", starts if len(starts) <= ID_STARTS_CHECKED else None)

    def _ids_named_in(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Where ``text`` names a provision by its id: (start, end, id). Each run of an id's characters is
        looked up, less the ")", "." or "-" that end it in a sentence: a lookup per run, whatever the pack's size.
        Most texts name no id: a text holding none of the ids' first three characters is passed at once; else
        the runs, and each shorter form the walk below may try, are looked up together (in C), and only a text
        that names an id is walked word by word (a big pack's search spells out
        each provision shown for the first time: one match object per word made it a third of such a keystroke's
        search)."""
        if self._id_starts is not None and not any(start in text for start in self._id_starts):
            return  # no id's first three characters: no id (a substring search each, in C)
        runs = _ID_RUN.findall(text)
        ids = self._provisions.keys()
        if ids.isdisjoint(runs) and ids.isdisjoint(_shorter_runs([run for run in runs if run[-1] in ").-"])):
            return
        for match in _ID_RUN.finditer(text):
            run = match.group()
            while run not in self._provisions and len(run) > 1 and run[-1] in ").-":
                run = run[:-1]
            if run in self._provisions:
                yield match.start(), match.start() + len(run), run

    def provisions_named_in(self, *texts: str) -> list[str]:
        """The ids of this pack's provisions that ``texts`` name by id ("see LIT-USvIL-2025"), in order, once each."""
        return list(dict.fromkeys(named for text in texts for _start, _end, named in self._ids_named_in(text)))

    def spelt_out(self, text: str) -> str:
        """``text`` with each provision it names by id named by its citation instead: an officer reads "see
        U.S. v. Illinois, No. 1:25-cv-01285 (N.D. Ill.)", not the pack's "see LIT-USvIL-2025"."""
        parts, done = [], 0
        for start, end, named in self._ids_named_in(text):
            parts += [text[done:start], self._provisions[named].citation()]
            done = end
        return "".join(parts) + text[done:] if parts else text

    def provision(self, provision_id: str) -> Provision | None:
        return self._provisions.get(provision_id)

    def scenario(self, scenario_id: str) -> Scenario | None:
        return self._scenarios.get(scenario_id)

    def scenario_id_as_typed(self, given: str) -> str:
        """The pack's spelling of a scenario id someone typed: "s08" is S08, as the app's lists have it. An id no
        scenario has (or two have, but for case) comes back as given, for the caller to refuse."""
        if given in self._scenarios:
            return given
        same = [sid for sid in self._scenarios if sid.casefold() == given.casefold()]
        return same[0] if len(same) == 1 else given

    def entries(self, scenario_id: str) -> tuple[str, ...]:
        """The nodes of a shared scenario that answers elsewhere enter it at (``enter_at``), beside its start:
        the walks, the validator's reachability and the handouts' pages start from each."""
        return self._entries.get(scenario_id, ())

    def leads_to(self, scenario_id: str, choice: Choice) -> tuple[str, str]:
        """(scenario id, node id) where ``choice``, an answer of a question of ``scenario_id``, leads: its
        ``next`` in the same scenario, or the shared scenario's ``enter_at`` or start ("" for an unknown one)."""
        if choice.next_scenario is None:
            return scenario_id, choice.next or ""
        if choice.enter_at is not None:
            return choice.next_scenario, choice.enter_at
        target = self.scenario(choice.next_scenario)
        return choice.next_scenario, target.start if target else ""

    def cite_needs_caution(self, citation: Citation) -> bool:
        """Whether a citation is marked needing care: its provision needs_caution, or is not in the pack."""
        provision = self.provision(citation.provision_id)
        return provision is None or provision.needs_caution

    def citation_text(self, citation: Citation) -> str:
        provision = self.provision(citation.provision_id)
        if provision is None:
            return f"{citation.provision_id}{citation.pinpoint} (missing)"
        return provision.citation(citation.pinpoint)

    @property
    def home_scenarios(self) -> tuple[Scenario, ...]:
        featured = [s for s in self.scenarios if s.home_rank is not None]
        return tuple(sorted(featured, key=lambda s: (s.home_rank, s.scenario_id)))
