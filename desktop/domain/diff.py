"""What changed between two data packs, in words a supervisor or officer understands.

Compares by stable ids (``provision_id``, ``scenario_id``, ``node_id``, ``term``), never by storage keys.
Outcomes whose verdict or citations changed are listed on their own: they change what an officer does."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.domain.codec import meta_to_doc
from desktop.domain.model import (
    VERDICT_LABELS,
    Choice,
    Citation,
    GlossaryTerm,
    Outcome,
    Pack,
    Provision,
    Question,
    Scenario,
    Synonym,
    format_partial_date,
)

ADDED, CHANGED, REMOVED = "added", "changed", "removed"

_PROVISION_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "title"),
    ("cite_as", "citation"),
    ("summary", "summary"),
    ("text", "text"),
    ("text_is_verbatim", "quoted word for word"),
    ("jurisdiction", "jurisdiction"),
    ("source", "source"),
    ("confidence", "confidence"),
    ("operative", "governs what officers do"),
    ("status_notes", "status notes (banners)"),
    ("tags", "search tags"),
    ("related", "related provisions"),
)
_DATE_LABELS = {"signed": "date signed", "effective": "date effective", "amended": "date amended",
                "rescinded": "date rescinded"}
#: Fields short enough to show as "old → new".
_SHORT = {"cite_as", "text_is_verbatim", "jurisdiction", "confidence", "operative", "start", "safety_critical",
          "subflow", "category", "data_version", "schema_version", "as_of", "reviewed_on", "expires_after_days",
          "publisher", "verdict", "topic"}

_SCENARIO_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "title"),
    ("category", "category"),
    ("summary", "summary"),
    ("tags", "search tags"),
    ("start", "first question"),
    ("safety_critical", "safety-critical"),
    ("subflow", "shared sub-flow"),
)
_OUTCOME_FIELDS: tuple[tuple[str, str], ...] = (
    ("verdict", "verdict"),
    ("headline", "headline"),
    ("do", "what to do"),
    ("do_not", "what not to do"),
    ("say", "what to say"),
    ("document", "what to document"),
    ("notify", "whom to notify"),
    ("rationale", "why"),
    ("cites", "citations"),
)
_QUESTION_FIELDS: tuple[tuple[str, str], ...] = (
    ("prompt", "wording"),
    ("help", "how-to-tell help"),
    ("topic", "topic"),
    ("choices", "answers"),
)
_META_LABELS = {
    "schema_version": "schema version",
    "data_version": "data version",
    "title": "title",
    "as_of": "as-of date",
    "reviewed_on": "published on",
    "expires_after_days": "days until review is due",
    "publisher": "publisher",
    "disclaimer": "disclaimer",
    "notes": "notes",
}


#: the pack details a publish sets itself: a pack that differs only in these says the same
PUBLISH_FIELDS = frozenset({"data_version", "as_of", "reviewed_on"})

_FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, str) and _FULL_DATE.fullmatch(value):  # as everywhere in the app: 22 Nov 2026
        day = dt.date.fromisoformat(value)
        return f"{day.day} {day:%b} {day.year}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and value in VERDICT_LABELS:
        return VERDICT_LABELS[value]
    return str(value)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One changed field. ``old``/``new`` are given for short values only (dates, enums, flags)."""

    field: str
    label: str
    old: str | None = None
    new: str | None = None

    def __str__(self) -> str:
        if self.old is None and self.new is None:
            return self.label
        return f"{self.label} ({self.old} → {self.new})"

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "label": self.label, "old": self.old, "new": self.new}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FieldChange:
        return cls(d["field"], d["label"], d.get("old"), d.get("new"))


@dataclass(frozen=True, slots=True)
class MetaChange(FieldChange):
    """A changed pack detail (the meta table), read as a line of its own: 'Published on: 22 Nov 2026 → 4 Mar
    2026', 'Disclaimer: changed'."""

    def __str__(self) -> str:
        label = self.label[:1].upper() + self.label[1:]
        if self.old is None and self.new is None:
            return f"{label}: changed"
        return f"{label}: {self.old} → {self.new}"


def _field(name: str, label: str, old: Any, new: Any, kind: type[FieldChange] = FieldChange) -> FieldChange:
    if name in _SHORT:
        return kind(name, label, _show(old), _show(new))
    return kind(name, label)


def _grouped(fields: Iterable[FieldChange]) -> list[str]:
    """'outcome “…”: verdict (…)', 'outcome “…”: headline' → 'outcome “…”: verdict (…), headline'.

    A node's changes are grouped by its id (the change's ``field``, ``nodes[id].name``), not by its words:
    two nodes' words can read alike once shortened, and words can hold ": " themselves. A node added,
    removed or changed in kind is a line of its own; where two nodes' words read alike, their ids follow."""
    groups: dict[str, tuple[str, list[str]]] = {}
    for f in fields:
        node, inside, _name = f.field.partition("].")
        if f.field.startswith("nodes[") and inside:
            head, _sep, label = f.label.rpartition(": ")  # the field's own name holds no ": "
            groups.setdefault(node, (head, []))[1].append(str(FieldChange(f.field, label, f.old, f.new)))
        elif f.field.startswith("nodes["):
            groups[f.field] = ("", [f.label])
        else:
            groups.setdefault("", ("", []))[1].append(str(f))
    heads = [head for head, _items in groups.values() if head]
    lines = []
    for key, (head, items) in groups.items():
        if head and heads.count(head) > 1:
            head += f" ({key.removeprefix('nodes[')})"
        lines.append(f"{head}: {', '.join(items)}" if head else ", ".join(items))
    return lines


@dataclass(frozen=True, slots=True)
class ItemChange:
    """A provision, scenario, synonym or glossary term that was added, changed or removed."""

    kind: str  # "provision", "scenario", "synonym", "glossary term"
    id: str
    title: str
    change: str  # ADDED, CHANGED, REMOVED
    fields: tuple[FieldChange, ...] = ()

    @property
    def name(self) -> str:
        """'ID — title' (or just the id when the title adds nothing)."""
        return f"{self.id} — {self.title}" if self.title and self.title != self.id else self.id

    @property
    def summary_changed(self) -> bool:
        """A provision whose summary (what the rule means, as officers read it) was amended."""
        return self.kind == "provision" and self.change == CHANGED and any(f.field == "summary" for f in self.fields)

    def details(self) -> str:
        """What changed in it, grouped by node ('outcome o_x: verdict (…), headline'); '' unless changed."""
        return "; ".join(_grouped(self.fields)) if self.change == CHANGED else ""

    def __str__(self) -> str:
        details = self.details()
        return f"{self.name}: {details}" if details else self.name

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "title": self.title, "change": self.change,
                "fields": [f.as_dict() for f in self.fields]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ItemChange:
        return cls(d["kind"], d["id"], d.get("title", ""), d["change"],
                   tuple(FieldChange.from_dict(f) for f in d.get("fields", ())))


@dataclass(frozen=True, slots=True)
class OutcomeChange:
    """An outcome whose verdict or citations changed (or that was added to or removed from a scenario)."""

    scenario_id: str
    scenario_title: str
    node_id: str
    change: str  # ADDED, CHANGED, REMOVED
    old_verdict: str | None
    new_verdict: str | None
    cites_added: tuple[str, ...] = ()
    cites_removed: tuple[str, ...] = ()

    @property
    def verdict_changed(self) -> bool:
        return self.old_verdict != self.new_verdict

    def __str__(self) -> str:
        where = f"{self.scenario_id} {self.scenario_title} › {self.node_id}"
        if self.change == ADDED:
            text = f"{where}: new outcome, {_show(self.new_verdict)}"
        elif self.change == REMOVED:
            text = f"{where}: outcome removed (was {_show(self.old_verdict)})"
        elif self.verdict_changed:
            text = f"{where}: {_show(self.old_verdict)} → {_show(self.new_verdict)}"
        else:
            text = f"{where}: still {_show(self.new_verdict)}, citations changed"
        parts = []
        if self.cites_added and self.change == CHANGED:
            parts.append("now cites " + "; ".join(self.cites_added))
        if self.cites_removed and self.change == CHANGED:
            parts.append("no longer cites " + "; ".join(self.cites_removed))
        return text + (f" ({'; '.join(parts)})" if parts else "")

    def as_dict(self) -> dict[str, Any]:
        return {"scenario_id": self.scenario_id, "scenario_title": self.scenario_title, "node_id": self.node_id,
                "change": self.change, "old_verdict": self.old_verdict, "new_verdict": self.new_verdict,
                "cites_added": list(self.cites_added), "cites_removed": list(self.cites_removed)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> OutcomeChange:
        return cls(d["scenario_id"], d.get("scenario_title", ""), d["node_id"], d["change"], d.get("old_verdict"),
                   d.get("new_verdict"), tuple(d.get("cites_added", ())), tuple(d.get("cites_removed", ())))


@dataclass(frozen=True, slots=True)
class PackDiff:
    """Everything that changed from ``old`` to ``new``. Build it with :func:`diff_packs`."""

    old_version: int
    new_version: int
    old_as_of: str
    new_as_of: str
    meta: tuple[MetaChange, ...] = ()
    outcomes: tuple[OutcomeChange, ...] = ()
    provisions: tuple[ItemChange, ...] = ()
    scenarios: tuple[ItemChange, ...] = ()
    synonyms: tuple[ItemChange, ...] = ()
    glossary: tuple[ItemChange, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when the packs say the same things (meta aside)."""
        return not (self.outcomes or self.provisions or self.scenarios or self.synonyms or self.glossary)

    @property
    def says_the_same(self) -> bool:
        """True when nothing an officer reads changed: no provision, scenario, answer, search word or glossary
        term, and no pack detail but its data version and the dates a publish sets (as-of, published on)."""
        return self.is_empty and all(f.field in PUBLISH_FIELDS for f in self.meta)

    def counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for name in ("provisions", "scenarios", "synonyms", "glossary", "outcomes"):
            items: Sequence[ItemChange | OutcomeChange] = getattr(self, name)
            out[name] = {kind: sum(1 for i in items if i.change == kind) for kind in (ADDED, CHANGED, REMOVED)}
        return out

    def summary_lines(self) -> list[str]:
        """Plain-language lines, most important first: versions, changed answers, then everything else."""
        lines = [f"Data version {self.old_version} → {self.new_version}"
                 + (f", as of {format_partial_date(self.old_as_of)} → {format_partial_date(self.new_as_of)}"
                    if self.old_as_of != self.new_as_of else f", as of {format_partial_date(self.new_as_of)}") + "."]
        if self.is_empty:
            lines.append("No provision, scenario or outcome changed.")
        if self.outcomes:
            lines.append(f"Outcomes whose answer or citations changed ({len(self.outcomes)}):")
            lines.extend(f"  {o}" for o in self.outcomes)
        for name, title in (("provisions", "Provisions"), ("scenarios", "Scenarios"),
                            ("synonyms", "Search synonyms"), ("glossary", "Glossary")):
            items: tuple[ItemChange, ...] = getattr(self, name)
            if not items:
                continue
            counts = self.counts()[name]
            lines.append(f"{title}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items() if n))
            for item in items:
                lines.append(f"  {item.change.capitalize()}: {item}")
        lines.extend(str(f) for f in self.meta if f.field not in ("data_version", "as_of"))  # 'Publisher: A → B'
        return lines

    def as_dict(self) -> dict[str, Any]:
        return {
            "old": {"data_version": self.old_version, "as_of": self.old_as_of},
            "new": {"data_version": self.new_version, "as_of": self.new_as_of},
            "meta": [f.as_dict() for f in self.meta],
            "outcomes": [o.as_dict() for o in self.outcomes],
            "provisions": [i.as_dict() for i in self.provisions],
            "scenarios": [i.as_dict() for i in self.scenarios],
            "synonyms": [i.as_dict() for i in self.synonyms],
            "glossary": [i.as_dict() for i in self.glossary],
            "counts": self.counts(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PackDiff:
        """Rebuild a diff saved with :meth:`as_dict` (the install history keeps them)."""
        return cls(
            old_version=d["old"]["data_version"],
            new_version=d["new"]["data_version"],
            old_as_of=d["old"]["as_of"],
            new_as_of=d["new"]["as_of"],
            meta=tuple(MetaChange.from_dict(f) for f in d.get("meta", ())),
            outcomes=tuple(OutcomeChange.from_dict(o) for o in d.get("outcomes", ())),
            provisions=tuple(ItemChange.from_dict(i) for i in d.get("provisions", ())),
            scenarios=tuple(ItemChange.from_dict(i) for i in d.get("scenarios", ())),
            synonyms=tuple(ItemChange.from_dict(i) for i in d.get("synonyms", ())),
            glossary=tuple(ItemChange.from_dict(i) for i in d.get("glossary", ())),
        )


def _compare_fields(old: object, new: object, fields: Iterable[tuple[str, str]], prefix: str = "",
                    label_prefix: str = "") -> list[FieldChange]:
    out = []
    for name, label in fields:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            change = _field(name, label_prefix + label, a, b)
            out.append(FieldChange(prefix + change.field, change.label, change.old, change.new))
    return out


def _provision_fields(old: Provision, new: Provision) -> list[FieldChange]:
    changes = _compare_fields(old, new, _PROVISION_FIELDS)
    for name, label in _DATE_LABELS.items():
        a, b = getattr(old.dates, name), getattr(new.dates, name)
        if a != b:
            changes.append(FieldChange(f"dates.{name}", label, _show(a), _show(b)))
    return changes


def _node_kind(node: Question | Outcome) -> str:
    return "question" if isinstance(node, Question) else "outcome"


NODE_WORDS_MAX = 60


def _node_name(node: Question | Outcome) -> str:
    """'question “Is anyone hurt…”', 'outcome “Release on the normal schedule…”': the words an officer saw,
    not the node's id (kept in the change's ``field``)."""
    return f"{_node_kind(node)} “{_short_words(node.prompt if isinstance(node, Question) else node.headline)}”"


def _short_words(text: str) -> str:
    """``text`` on one line, cut at a word after NODE_WORDS_MAX characters ("…")."""
    words = " ".join(text.split())
    if len(words) > NODE_WORDS_MAX:
        cut = words[: NODE_WORDS_MAX + 1].rsplit(" ", 1)[0] if " " in words[:NODE_WORDS_MAX] else words[:NODE_WORDS_MAX]
        words = cut.rstrip(" ,;:—-") + "…"
    return words


def _scenario_fields(old: Scenario, new: Scenario, old_pack: Pack, new_pack: Pack) -> list[FieldChange]:
    changes = _compare_fields(old, new, _SCENARIO_FIELDS)
    if (old.home_label, old.home_rank) != (new.home_label, new.home_rank):
        changes.append(FieldChange("home", "Home button"))
    new_ids = {n.node_id for n in new.nodes}
    old_ids = {n.node_id for n in old.nodes}
    for node in old.nodes:
        if node.node_id not in new_ids:
            changes.append(FieldChange(f"nodes[{node.node_id}]", f"{_node_name(node)} removed"))
    for node in new.nodes:
        nid = node.node_id
        if nid not in old_ids:
            changes.append(FieldChange(f"nodes[{nid}]", f"{_node_name(node)} added"))
            continue
        before = old.node(nid)
        assert before is not None
        if before == node:
            continue
        if type(before) is not type(node):
            changes.append(FieldChange(f"nodes[{nid}]", f"{_node_name(before)} became {_node_name(node)}"))
            continue
        fields = _OUTCOME_FIELDS if isinstance(node, Outcome) else _QUESTION_FIELDS
        if isinstance(node, Question) and isinstance(before, Question):
            changes.extend(_question_changes(old_pack, new_pack, new.scenario_id, before, node))
        else:
            changes.extend(_compare_fields(before, node, fields, prefix=f"nodes[{nid}].",
                                           label_prefix=f"{_node_name(node)}: "))
    return changes


def _leads(pack: Pack, scenario_id: str, choice: Choice) -> str:
    """Where an answer of ``scenario_id`` leads, in the words an officer saw (the ids are in the change's field):
    'question “What is being asked of you?”', 'shared step “What paper are they holding?”', and into a shared
    step part-way, 'shared step “What paper are they holding?” at its question “Does the warrant show…”'."""
    if choice.next_scenario is None:
        here = pack.scenario(scenario_id)
        node = here.node(choice.next or "") if here is not None else None
        return _node_name(node) if node is not None else choice.next or "nowhere"
    sub = pack.scenario(choice.next_scenario)
    step = f"shared step “{_short_words(sub.title)}”" if sub is not None else f"shared step {choice.next_scenario}"
    if choice.enter_at is None:
        return step
    entered = sub.node(choice.enter_at) if sub is not None else None
    return f"{step} at its {_node_name(entered) if entered is not None else choice.enter_at}"


def _question_changes(old_pack: Pack, new_pack: Pack, scenario_id: str, before: Question,
                      node: Question) -> list[FieldChange]:
    """A question's changed fields, and for each answer kept (by key) that now leads elsewhere, where it led
    and where it leads: "answers: changed" hid that "Yes — signed by a judge" now enters PAPER part-way."""
    name = _node_name(node)
    changes = _compare_fields(before, node, _QUESTION_FIELDS, prefix=f"nodes[{node.node_id}].",
                              label_prefix=f"{name}: ")
    for c in node.choices:
        old = before.choice(c.key)
        if old is not None and (old.next, old.next_scenario, old.enter_at) != (c.next, c.next_scenario, c.enter_at):
            changes.append(FieldChange(f"nodes[{node.node_id}].choices[{c.key}]",
                                       f"{name}: where answer “{_short_words(c.label)}” leads",
                                       _leads(old_pack, scenario_id, old), _leads(new_pack, scenario_id, c)))
    return changes


def _cite_texts(pack: Pack, cites: Iterable[Citation]) -> list[str]:
    return [pack.citation_text(c) for c in cites]


def _outcome_changes(old_pack: Pack, new_pack: Pack, old: Scenario, new: Scenario) -> list[OutcomeChange]:
    out: list[OutcomeChange] = []
    old_outcomes = {o.node_id: o for o in old.outcomes}
    new_outcomes = {o.node_id: o for o in new.outcomes}
    for nid in [o.node_id for o in old.outcomes if o.node_id not in new_outcomes]:
        o = old_outcomes[nid]
        out.append(OutcomeChange(new.scenario_id, new.title, nid, REMOVED, o.verdict, None,
                                 cites_removed=tuple(_cite_texts(old_pack, o.cites))))
    for n in new.outcomes:
        before = old_outcomes.get(n.node_id)
        if before is None:
            out.append(OutcomeChange(new.scenario_id, new.title, n.node_id, ADDED, None, n.verdict,
                                     cites_added=tuple(_cite_texts(new_pack, n.cites))))
            continue
        added = [c for c in n.cites if c not in before.cites]
        removed = [c for c in before.cites if c not in n.cites]
        if before.verdict != n.verdict or added or removed:
            out.append(OutcomeChange(new.scenario_id, new.title, n.node_id, CHANGED, before.verdict, n.verdict,
                                     tuple(_cite_texts(new_pack, added)), tuple(_cite_texts(old_pack, removed))))
    return out


def _items(kind: str, old: Sequence[Any], new: Sequence[Any], key: Callable[[Any], str],
           title: Callable[[Any], str], fields: Callable[[Any, Any], list[FieldChange]]) -> list[ItemChange]:
    old_by = {key(x): x for x in old}
    new_by = {key(x): x for x in new}
    out = [ItemChange(kind, key(x), title(x), REMOVED) for x in old if key(x) not in new_by]
    for x in new:
        before = old_by.get(key(x))
        if before is None:
            out.append(ItemChange(kind, key(x), title(x), ADDED))
        elif before != x:
            out.append(ItemChange(kind, key(x), title(x), CHANGED, tuple(fields(before, x))))
    return out


def _synonym_fields(old: Synonym, new: Synonym) -> list[FieldChange]:
    return [FieldChange("expansions", "words searched")]


def _glossary_fields(old: GlossaryTerm, new: GlossaryTerm) -> list[FieldChange]:
    return _compare_fields(old, new, (("definition", "definition"), ("see", "see also")))


def _meta_changes(old: Pack, new: Pack) -> list[FieldChange]:
    a, b = meta_to_doc(old.meta), meta_to_doc(new.meta)
    return [_field(name, label, a.get(name), b.get(name), MetaChange) for name, label in _META_LABELS.items()
            if a.get(name) != b.get(name)]


def diff_packs(old: Pack, new: Pack) -> PackDiff:
    """Compare two packs by stable ids."""
    outcomes: list[OutcomeChange] = []
    old_scenarios = {s.scenario_id: s for s in old.scenarios}
    for s in new.scenarios:
        before = old_scenarios.get(s.scenario_id)
        if before is not None and before != s:
            outcomes.extend(_outcome_changes(old, new, before, s))
    return PackDiff(
        old_version=old.meta.data_version,
        new_version=new.meta.data_version,
        old_as_of=old.meta.as_of.isoformat(),
        new_as_of=new.meta.as_of.isoformat(),
        meta=tuple(_meta_changes(old, new)),
        outcomes=tuple(outcomes),
        provisions=tuple(_items("provision", old.provisions, new.provisions, lambda p: p.provision_id,
                                lambda p: p.title, _provision_fields)),
        scenarios=tuple(_items("scenario", old.scenarios, new.scenarios, lambda s: s.scenario_id,
                               lambda s: s.title, lambda a, b: _scenario_fields(a, b, old, new))),
        synonyms=tuple(_items("synonym", old.synonyms, new.synonyms, lambda s: s.term, lambda s: s.term,
                              _synonym_fields)),
        glossary=tuple(_items("glossary term", old.glossary, new.glossary, lambda g: g.term, lambda g: g.term,
                              _glossary_fields)),
    )
