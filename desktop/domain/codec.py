"""Convert between a pack's tables (plain JSON-shaped dicts, as stored) and domain objects."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop.domain.model import (
    Choice,
    Citation,
    Dates,
    GlossaryTerm,
    Meta,
    Outcome,
    Pack,
    Provision,
    Question,
    Scenario,
    Source,
    StatusNote,
    Synonym,
)

Tables = dict[str, dict[str, dict[str, Any]]]
#: each table of records, and the field that names a record (never TinyDB's doc_id)
ID_KEYS = {"provisions": "provision_id", "scenarios": "scenario_id", "glossary": "term", "synonyms": "term"}


UTF16_WORDS = 'is saved as UTF-16 (what Notepad calls "Unicode"), not UTF-8: open it and save it again as UTF-8'


def not_utf8_words(raw: bytes, position: int | None = None) -> str | None:
    """Why JSON bytes ``raw`` are not UTF-8 text, in words the person who saved them can act on, or None when
    they may be. UTF-16 (a byte order mark, or a zero byte beside an ASCII one: never in UTF-8 JSON) is named as
    such; ``position``, where decoding failed, is given for any other byte."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in raw[:2]:
        return UTF16_WORDS
    return None if position is None else f"is not UTF-8 text (bad byte at position {position})"


def table_docs(tables: Tables, name: str) -> list[tuple[str, dict[str, Any]]]:
    """The documents of a table in storage-key order, as (key, document) pairs."""
    table = tables.get(name) or {}
    return sorted(table.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 0)


def _meta(doc: dict[str, Any]) -> Meta:
    return Meta(
        schema_version=doc["schema_version"],
        data_version=doc["data_version"],
        title=doc["title"],
        as_of=dt.date.fromisoformat(doc["as_of"]),
        reviewed_on=dt.date.fromisoformat(doc["reviewed_on"]),
        expires_after_days=doc["expires_after_days"],
        publisher=doc["publisher"],
        disclaimer=doc["disclaimer"],
        notes=tuple(doc.get("notes", ())),
    )


def provision_from_doc(doc: dict[str, Any]) -> Provision:
    return Provision(
        provision_id=doc["provision_id"],
        title=doc["title"],
        cite_as=doc["cite_as"],
        summary=doc["summary"],
        text=doc["text"],
        text_is_verbatim=doc["text_is_verbatim"],
        jurisdiction=doc["jurisdiction"],
        source=Source(**doc["source"]),
        dates=Dates(**doc["dates"]),
        confidence=doc["confidence"],
        operative=doc["operative"],
        status_notes=tuple(StatusNote(**n) for n in doc["status_notes"]),
        tags=tuple(doc["tags"]),
        related=tuple(doc["related"]),
    )


def node_from_doc(doc: dict[str, Any]) -> Question | Outcome:
    if doc["type"] == "question":
        return Question(
            node_id=doc["node_id"],
            prompt=doc["prompt"],
            help=doc.get("help", ""),
            topic=doc.get("topic", "general"),
            choices=tuple(
                Choice(key=c["key"], label=c["label"], next=c.get("next"), next_scenario=c.get("next_scenario"),
                       enter_at=c.get("enter_at"))
                for c in doc["choices"]
            ),
        )
    return Outcome(
        node_id=doc["node_id"],
        verdict=doc["verdict"],
        headline=doc["headline"],
        do=tuple(doc["do"]),
        do_not=tuple(doc["do_not"]),
        say=tuple(doc["say"]),
        document=tuple(doc["document"]),
        notify=tuple(doc["notify"]),
        rationale=doc["rationale"],
        cites=tuple(Citation(c["provision_id"], c["pinpoint"]) for c in doc["cites"]),
    )


def scenario_from_doc(doc: dict[str, Any]) -> Scenario:
    home = doc.get("home") or {}
    return Scenario(
        scenario_id=doc["scenario_id"],
        title=doc["title"],
        category=doc["category"],
        summary=doc["summary"],
        tags=tuple(doc["tags"]),
        start=doc["start"],
        safety_critical=doc["safety_critical"],
        nodes=tuple(node_from_doc(n) for n in doc["nodes"]),
        home_label=home.get("label"),
        home_rank=home.get("rank"),
        subflow=doc.get("subflow", False),
    )


def synonym_from_doc(d: dict[str, Any]) -> Synonym:
    return Synonym(d["term"], tuple(d["expansions"]))


def glossary_term_from_doc(d: dict[str, Any]) -> GlossaryTerm:
    return GlossaryTerm(d["term"], d["definition"], tuple(d["see"]))


def pack_from_tables(tables: Tables) -> Pack:
    """Build the domain pack from schema-valid tables (run the validator first)."""
    meta_docs = table_docs(tables, "meta")
    return Pack(
        meta=_meta(meta_docs[0][1]),
        provisions=tuple(provision_from_doc(d) for _, d in table_docs(tables, "provisions")),
        scenarios=tuple(scenario_from_doc(d) for _, d in table_docs(tables, "scenarios")),
        synonyms=tuple(synonym_from_doc(d) for _, d in table_docs(tables, "synonyms")),
        glossary=tuple(glossary_term_from_doc(d) for _, d in table_docs(tables, "glossary")),
    )


def readable_parts(tables: Tables) -> tuple[Pack | None, frozenset[str]]:
    """What a draft that still has problems can say about itself: the pack of its records that can be read,
    and the ids of those that cannot (a field missing or of the wrong kind), left out of it, or the name of a
    table that cannot be read at all (text or a list where its records should be). None for the pack when its
    meta (its data version, dates, …) cannot be read."""
    unreadable: set[str] = set()

    def read(name: str, build: Any) -> tuple[Any, ...]:
        if not isinstance(tables.get(name) or {}, dict):  # the editor opens such a draft, its problems listed
            unreadable.add(name)
            return ()
        out = []
        for key, doc in table_docs(tables, name):
            try:
                out.append(build(doc))
            except (KeyError, TypeError, ValueError, AttributeError):
                ident = doc.get(ID_KEYS[name]) if isinstance(doc, dict) else None
                unreadable.add(ident if isinstance(ident, str) else key)
        return tuple(out)

    try:
        meta = _meta(table_docs(tables, "meta")[0][1])
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return None, frozenset()
    pack = Pack(meta=meta, provisions=read("provisions", provision_from_doc),
                scenarios=read("scenarios", scenario_from_doc),
                synonyms=read("synonyms", synonym_from_doc), glossary=read("glossary", glossary_term_from_doc))
    return pack, frozenset(unreadable)


def provision_to_doc(p: Provision) -> dict[str, Any]:
    return {
        "provision_id": p.provision_id,
        "title": p.title,
        "cite_as": p.cite_as,
        "summary": p.summary,
        "text": p.text,
        "text_is_verbatim": p.text_is_verbatim,
        "jurisdiction": p.jurisdiction,
        "source": {
            "document": p.source.document,
            "number": p.source.number,
            "section": p.source.section,
            "url": p.source.url,
            "retrieved": p.source.retrieved,
        },
        "dates": {
            "signed": p.dates.signed,
            "effective": p.dates.effective,
            "amended": p.dates.amended,
            "rescinded": p.dates.rescinded,
        },
        "confidence": p.confidence,
        "operative": p.operative,
        "status_notes": [{"kind": n.kind, "text": n.text} for n in p.status_notes],
        "tags": list(p.tags),
        "related": list(p.related),
    }


def node_to_doc(node: Question | Outcome) -> dict[str, Any]:
    if isinstance(node, Question):
        doc: dict[str, Any] = {"node_id": node.node_id, "type": "question", "prompt": node.prompt, "choices": []}
        if node.help:
            doc["help"] = node.help
        if node.topic != "general":
            doc["topic"] = node.topic
        for c in node.choices:
            choice: dict[str, Any] = {"key": c.key, "label": c.label}
            if c.next_scenario:
                choice["next_scenario"] = c.next_scenario
                if c.enter_at is not None:
                    choice["enter_at"] = c.enter_at
            else:
                choice["next"] = c.next
            doc["choices"].append(choice)
        return doc
    return {
        "node_id": node.node_id,
        "type": "outcome",
        "verdict": node.verdict,
        "headline": node.headline,
        "do": list(node.do),
        "do_not": list(node.do_not),
        "say": list(node.say),
        "document": list(node.document),
        "notify": list(node.notify),
        "rationale": node.rationale,
        "cites": [{"provision_id": c.provision_id, "pinpoint": c.pinpoint} for c in node.cites],
    }


def scenario_to_doc(s: Scenario) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "scenario_id": s.scenario_id,
        "title": s.title,
        "category": s.category,
        "summary": s.summary,
        "tags": list(s.tags),
        "start": s.start,
        "safety_critical": s.safety_critical,
        "nodes": [node_to_doc(n) for n in s.nodes],
    }
    if s.home_rank is not None and s.home_label:
        doc["home"] = {"label": s.home_label, "rank": s.home_rank}
    if s.subflow:
        doc["subflow"] = True
    return doc


def meta_to_doc(m: Meta) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema_version": m.schema_version,
        "data_version": m.data_version,
        "title": m.title,
        "as_of": m.as_of.isoformat(),
        "reviewed_on": m.reviewed_on.isoformat(),
        "expires_after_days": m.expires_after_days,
        "publisher": m.publisher,
        "disclaimer": m.disclaimer,
    }
    if m.notes:
        doc["notes"] = list(m.notes)
    return doc


def _numbered(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(i): d for i, d in enumerate(docs, start=1)}


def pack_to_tables(pack: Pack) -> Tables:
    """Tables for storage; document keys are renumbered 1..n in record order (they carry no identity)."""
    tables: Tables = {
        "meta": _numbered([meta_to_doc(pack.meta)]),
        "provisions": _numbered([provision_to_doc(p) for p in pack.provisions]),
        "scenarios": _numbered([scenario_to_doc(s) for s in pack.scenarios]),
        "synonyms": _numbered([{"term": s.term, "expansions": list(s.expansions)} for s in pack.synonyms]),
    }
    if pack.glossary:
        tables["glossary"] = _numbered(
            [{"term": g.term, "definition": g.definition, "see": list(g.see)} for g in pack.glossary]
        )
    return tables
