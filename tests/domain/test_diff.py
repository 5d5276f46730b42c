"""diff_packs: what changed between two packs, by stable id, in plain words."""

from __future__ import annotations

import copy
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.codec import pack_from_tables, pack_to_tables
from desktop.domain.diff import ADDED, CHANGED, REMOVED, PackDiff, diff_packs
from tests.helpers import doc_by_id, mini_tables, node


def packs(edit):
    old = mini_tables()
    new = copy.deepcopy(old)
    edit(new)
    return pack_from_tables(old), pack_from_tables(new)


def test_same_pack_has_no_changes():
    old, new = packs(lambda t: None)
    diff = diff_packs(old, new)
    assert diff.is_empty and not diff.meta
    assert diff.summary_lines() == ["Data version 3 → 3, as of 2 Feb 2026.",
                                    "No provision, scenario or outcome changed."]


def test_a_pack_that_differs_only_in_what_publishing_sets_says_the_same():
    """The editor's Publish dialog says "Nothing changed" for such a draft: a new version, a later as-of date
    and today's publishing date tell officers nothing new; a new disclaimer or a changed answer does."""
    def republished(t):
        t["meta"]["1"].update(data_version=9, as_of="2026-03-01", reviewed_on="2026-03-02")

    assert diff_packs(*packs(republished)).says_the_same
    assert not diff_packs(*packs(lambda t: t["meta"]["1"].update(disclaimer="Another disclaimer."))).says_the_same
    assert not diff_packs(*packs(lambda t: node(doc_by_id(t, "scenarios", "S08"), "o_release").update(verdict="refer"))).says_the_same


def test_versions_and_dates_come_first():
    def edit(t):
        meta = t["meta"]["1"]
        meta.update(data_version=4, as_of="2026-03-01", publisher="CPD Legal")

    diff = diff_packs(*packs(edit))
    lines = diff.summary_lines()
    assert lines[0] == "Data version 3 → 4, as of 2 Feb 2026 → 1 Mar 2026."
    assert lines[-1] == "Publisher: Encounter Guide tests → CPD Legal"
    assert [f.field for f in diff.meta] == ["data_version", "as_of", "publisher"]


def test_provision_added_changed_removed_with_fields_in_plain_words():
    def edit(t):
        p = doc_by_id(t, "provisions", "MCC-2-173-020(a)(1)")
        p["summary"] = "A new summary."
        p["confidence"] = "secondary"
        p["dates"]["rescinded"] = "2027-01"
        del t["provisions"][next(k for k, d in t["provisions"].items() if d["provision_id"] == "LIT-USvIL-2025")]
        added = copy.deepcopy(p)
        added.update(provision_id="NEW-1", title="A new rule")
        t["provisions"]["99"] = added

    diff = diff_packs(*packs(edit))
    by_id = {c.id: c for c in diff.provisions}
    assert by_id["NEW-1"].change == ADDED and by_id["LIT-USvIL-2025"].change == REMOVED
    changed = by_id["MCC-2-173-020(a)(1)"]
    assert changed.change == CHANGED
    assert [str(f) for f in changed.fields] == ["summary", "confidence (verified → secondary)",
                                                "date rescinded (none → 2027-01)"]
    text = "\n".join(diff.summary_lines())
    assert "Provisions: 1 added, 1 changed, 1 removed" in text
    assert "Added: NEW-1 — A new rule" in text
    assert "Removed: LIT-USvIL-2025" in text


def test_verdict_and_citation_changes_are_listed_per_outcome():
    def edit(t):
        o = node(doc_by_id(t, "scenarios", "S08"), "o_release")
        o["verdict"] = "refer"
        o["cites"] = [{"provision_id": "IL-TRUST-15a", "pinpoint": ""},
                      {"provision_id": "CHI-EO-2025-8", "pinpoint": ""}]

    old, new = packs(edit)
    diff = diff_packs(old, new)
    [change] = diff.outcomes
    assert (change.scenario_id, change.node_id, change.old_verdict, change.new_verdict) == (
        "S08", "o_release", "not_permitted", "refer")
    assert change.cites_added == (new.provision("CHI-EO-2025-8").citation(""),)
    assert change.cites_removed == ("MCC 2-173-020(a)(1)(C)",)
    line = str(change)
    assert "o_release: NOT PERMITTED → CALL SUPERVISOR" in line
    assert "no longer cites MCC 2-173-020(a)(1)(C)" in line
    # the scenario lists the same change among its fields, grouped per node
    [scenario] = diff.scenarios
    headline = old.scenario("S08").node("o_release").headline
    assert str(scenario).endswith(f"outcome “{headline}”: verdict (NOT PERMITTED → CALL SUPERVISOR), citations"), (
        "an answer is named by its words, not its id")
    # answers that change come before everything else
    assert diff.summary_lines()[1].startswith("Outcomes whose answer or citations changed (1)")


def test_citations_only_change_says_the_verdict_stayed():
    def edit(t):
        node(doc_by_id(t, "scenarios", "S08"), "o_release")["cites"][1]["pinpoint"] = "(B)"

    [change] = diff_packs(*packs(edit)).outcomes
    assert not change.verdict_changed
    assert "still NOT PERMITTED, citations changed" in str(change)
    assert change.cites_added == ("MCC 2-173-020(a)(1)(B)",) and change.cites_removed == ("MCC 2-173-020(a)(1)(C)",)


def test_wording_change_is_not_an_outcome_change():
    def edit(t):
        node(doc_by_id(t, "scenarios", "S08"), "o_release")["headline"] = "Release as usual."

    diff = diff_packs(*packs(edit))
    assert diff.outcomes == ()
    assert [f.label for f in diff.scenarios[0].fields] == ["outcome “Release as usual.”: headline"]
    assert [f.field for f in diff.scenarios[0].fields] == ["nodes[o_release].headline"], "the id stays in the field"


def test_nodes_added_and_removed_inside_a_scenario():
    def edit(t):
        s = doc_by_id(t, "scenarios", "S10")
        q = node(s, "q_city")
        refer = node(s, "o_refer")
        extra = copy.deepcopy(refer)
        extra["node_id"] = "o_extra"
        s["nodes"].append(extra)
        s["nodes"].remove(refer)
        for c in q["choices"]:
            if c.get("next") == "o_refer":
                c["next"] = "o_extra"

    diff = diff_packs(*packs(edit))
    assert {(o.node_id, o.change) for o in diff.outcomes} == {("o_refer", REMOVED), ("o_extra", ADDED)}
    labels = [f.label for f in diff.scenarios[0].fields]
    assert labels.count("outcome “Ask your supervisor whether the property is covered.” removed") == 1
    assert labels.count("outcome “Ask your supervisor whether the property is covered.” added") == 1
    assert "question “Is the lot or garage City property?”: answers" in labels


def test_scenarios_added_and_removed():
    def edit(t):
        key = next(k for k, d in t["scenarios"].items() if d["scenario_id"] == "S10")
        doc = t["scenarios"].pop(key)
        doc["scenario_id"] = "S11"
        t["scenarios"]["50"] = doc

    diff = diff_packs(*packs(edit))
    assert {(c.id, c.change) for c in diff.scenarios} == {("S10", REMOVED), ("S11", ADDED)}
    assert diff.outcomes == ()  # outcomes of whole new or removed scenarios are not repeated


def test_glossary_and_synonyms():
    def edit(t):
        t["glossary"]["1"]["definition"] = "Changed."
        t["synonyms"]["1"]["expansions"] = ["something else"]

    diff = diff_packs(*packs(edit))
    assert [str(c) for c in diff.glossary][0].endswith(": definition")
    assert diff.synonyms[0].change == CHANGED


def test_as_dict_is_json_and_round_trips():
    def edit(t):
        node(doc_by_id(t, "scenarios", "S08"), "o_release")["verdict"] = "refer"
        doc_by_id(t, "provisions", "IL-TRUST-15a")["title"] = "New title"
        t["meta"]["1"]["data_version"] = 9

    diff = diff_packs(*packs(edit))
    payload = json.loads(json.dumps(diff.as_dict()))
    assert payload["old"] == {"data_version": 3, "as_of": "2026-02-02"}
    assert payload["outcomes"][0]["new_verdict"] == "refer"
    assert payload["counts"]["provisions"] == {"added": 0, "changed": 1, "removed": 0}
    assert PackDiff.from_dict(payload) == diff
    assert PackDiff.from_dict(payload).summary_lines() == diff.summary_lines()


PROVISION_IDS = [d["provision_id"] for d in mini_tables()["provisions"].values()]


@settings(max_examples=40, deadline=None)
@given(removed=st.sets(st.sampled_from(PROVISION_IDS)), retitled=st.sets(st.sampled_from(PROVISION_IDS)))
def test_diff_reports_exactly_what_was_done_and_mirrors(removed, retitled):
    old_tables = mini_tables()
    new_tables = copy.deepcopy(old_tables)
    for key, doc in list(new_tables["provisions"].items()):
        if doc["provision_id"] in removed:
            del new_tables["provisions"][key]
        elif doc["provision_id"] in retitled:
            doc["title"] += " (amended)"
    old, new = pack_from_tables(old_tables), pack_from_tables(new_tables)
    forward, backward = diff_packs(old, new), diff_packs(new, old)
    assert {c.id for c in forward.provisions if c.change == REMOVED} == removed
    assert {c.id for c in forward.provisions if c.change == CHANGED} == retitled - removed
    assert {c.id for c in backward.provisions if c.change == ADDED} == removed
    assert forward.counts()["provisions"]["changed"] == backward.counts()["provisions"]["changed"]


def test_long_words_are_cut_at_a_word_and_a_colon_in_them_keeps_its_group():
    def edit(t):
        o = node(doc_by_id(t, "scenarios", "S08"), "o_release")
        o["headline"] = "Hold off: CPD does nothing for this warrant until your supervisor has checked it and approved."
        o["verdict"] = "refer"

    [scenario] = diff_packs(*packs(edit)).scenarios
    assert scenario.details() == ("outcome “Hold off: CPD does nothing for this warrant until your…”: "
                                  "verdict (NOT PERMITTED → CALL SUPERVISOR), headline")


def test_full_dates_are_shown_as_the_app_shows_them():
    def edit(t):
        t["meta"][next(iter(t["meta"]))]["reviewed_on"] = "2026-03-04"

    old, new = packs(edit)
    [change] = [f for f in diff_packs(old, new).meta if f.field == "reviewed_on"]
    day = old.meta.reviewed_on
    line = f"Published on: {day.day} {day:%b} {day.year} → 4 Mar 2026"  # as the About box and the receipt name it
    assert str(change) == line and diff_packs(old, new).summary_lines()[-1] == line
    kept = PackDiff.from_dict(diff_packs(old, new).as_dict())  # as the install history keeps it
    assert kept.summary_lines()[-1] == line
    old_label = PackDiff.from_dict({**kept.as_dict(), "meta": [dict(kept.as_dict()["meta"][0], label="published on")]})
    assert old_label.summary_lines()[-1] == line  # a history written before reads the same


def test_two_nodes_whose_words_read_alike_and_nodes_added_with_colons_stay_apart():
    """Grouped by their words, two outcomes shortened alike read as one ("…: why, why"), and a node added
    with ": " in its words was split there. Grouped by id, each reads whole, with its id where words match."""
    long = "Yes, once your supervisor approves after checking with Legal Affairs: more words follow here"

    def edit(t):
        s = doc_by_id(t, "scenarios", "S10")
        for nid in ("o_no", "o_refer"):
            node(s, nid)["headline"] = long + " " + nid
            node(s, nid)["rationale"] = "Changed."
        extra = copy.deepcopy(node(s, "o_no"))
        extra["node_id"], extra["headline"] = "o_extra", "No: CPD does not transport: ever."
        s["nodes"].append(extra)

    old, new = packs(edit)
    [scenario] = diff_packs(old, new).scenarios
    lines = scenario.details().split("; ")
    assert sum(line.endswith("(o_no): headline, why") for line in lines) == 1, lines
    assert sum(line.endswith("(o_refer): headline, why") for line in lines) == 1, lines
    assert "outcome “No: CPD does not transport: ever.” added" in lines


def test_an_answer_entering_a_shared_step_part_way_is_a_change_that_says_where():
    """Giving "A warrant signed by a judge" an entry into PAPER at its court check changes where it leads,
    and "what changed" says from where to where, not only that the answers changed: in the words an officer saw
    (the answer, the shared step's title and the question it enters at), as the rest of "what changed" does;
    it said "where answer judge leads (shared step PAPER at q_paper → …)", ids an officer never sees."""
    from tests.helpers import with_court_check

    def edit(t):
        with_court_check(t)
        node(doc_by_id(t, "scenarios", "S08"), "q_basis")["choices"][1]["enter_at"] = "q_paper"

    before, after = packs(edit)
    after_tables = pack_to_tables(after)
    node(doc_by_id(after_tables, "scenarios", "S08"), "q_basis")["choices"][1]["enter_at"] = "q_court_check"
    diff = diff_packs(after, pack_from_tables(after_tables))
    [change] = [f for f in diff.scenarios[0].fields if f.field == "nodes[q_basis].choices[judge]"]
    paper = "shared step “What paper are they holding?” at its question"
    assert (change.old, change.new) == (f"{paper} “Is it signed by a judge, with a court caption?”",
                                        f"{paper} “Does it name a court?”")
    assert any(f"where answer “A warrant signed by a judge” leads ({change.old} → {change.new})" in line
               for line in diff.summary_lines()), diff.summary_lines()
    assert before != after
    # an answer now leading to a question of its own scenario, or into the shared step at its start
    no_entry = pack_to_tables(after)
    basis = node(doc_by_id(no_entry, "scenarios", "S08"), "q_basis")
    del basis["choices"][1]["enter_at"]
    basis["choices"][0] = {**basis["choices"][0], "next": "danger"}
    fields = {f.field: f for f in diff_packs(after, pack_from_tables(no_entry)).scenarios[0].fields}
    assert fields["nodes[q_basis].choices[judge]"].new == "shared step “What paper are they holding?”"
    assert fields["nodes[q_basis].choices[no]"].new == "question “Is anyone in immediate danger or hurt?”"
