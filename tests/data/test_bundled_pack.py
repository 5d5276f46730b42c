"""The bundled data pack is part of the product: validated, complete, honest, and its core answers pinned."""

from __future__ import annotations

import dataclasses
import re

import pytest

from desktop.domain import wizard
from desktop.domain.coverage import coverage
from desktop.domain.model import JURISDICTIONS, Question
from desktop.domain.readability import hardest
from desktop.storage.pack_file import validate_bytes
from tests.conftest import BUNDLED_PACK

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture(scope="module")
def pack(bundled):
    return bundled.pack


def test_validates_clean_without_warnings():
    report = validate_bytes(BUNDLED_PACK.read_bytes(), BUNDLED_PACK.name)
    assert report.ok, "\n".join(map(str, report.errors))
    assert not report.warnings, "\n".join(map(str, report.warnings))


def test_size_and_every_research_scenario(pack):
    assert len(pack.provisions) >= 45
    ids = {s.scenario_id for s in pack.scenarios}
    assert {f"S{i:02d}" for i in range(1, 33)} <= ids
    assert {"PAPER", "SAFETY"} <= ids
    assert len(pack.scenarios) >= 33
    assert {p.jurisdiction for p in pack.provisions} == set(JURISDICTIONS)


def test_meta_is_honest(pack):
    meta = pack.meta
    assert meta.as_of.isoformat() == "2026-02-02"
    assert meta.expires_after_days == 90
    text = meta.disclaimer.lower()
    for point in ("not legal advice", "directive", "supervisor", "body", "unverified", "contested"):
        assert point in text, point


def test_every_operative_provision_is_cited(pack):
    uncited = [row.provision_id for row in coverage(pack) if row.operative and not row.cited_by]
    assert not uncited, f"operative but cited by no outcome (cite them or mark them reference-only): {uncited}"


def test_every_outcome_is_complete_and_rests_on_an_operative_provision(pack):
    for s in pack.scenarios:
        for o in s.outcomes:
            where = f"{s.scenario_id}/{o.node_id}"
            for name in ("do", "do_not", "say", "document", "notify"):
                assert getattr(o, name), f"{where}: empty {name}"
            assert o.rationale.strip() and o.headline.strip(), where
            assert any(pack.provision(c.provision_id).operative for c in o.cites), where


def test_every_path_ends_in_a_cited_outcome(pack):
    total = 0
    for s in pack.scenarios:
        for path in wizard.enumerate_paths(pack, s.scenario_id):
            assert path.outcome.cites
            total += 1
    assert total >= 200


def test_unverified_and_contested_are_flagged(pack):
    flagged = [p for p in pack.provisions if p.needs_caution]
    assert len(flagged) >= 10
    for p in pack.provisions:
        if p.confidence == "verified":
            continue
        assert p.status_notes or p.confidence == "secondary", p.provision_id
    for p in pack.provisions:
        if not p.operative:
            assert any(n.kind == "info" and "reference only" in n.text.lower() for n in p.status_notes), p.provision_id


def test_text_is_quoted_only_when_marked_verbatim(pack):
    for p in pack.provisions:
        if p.text_is_verbatim:
            assert p.confidence in ("verified", "secondary"), p.provision_id


def test_refer_outcomes_say_whom_to_call(pack):
    refers = [o for s in pack.scenarios for o in s.outcomes if o.verdict == "refer"]
    assert len(refers) >= 20
    for o in refers:
        assert o.notify


def test_safety_critical_flows_ask_about_danger_first(pack):
    critical = [s for s in pack.scenarios if s.safety_critical]
    assert {"S13", "S14", "S16", "S17", "S18", "S23"} <= {s.scenario_id for s in critical}
    for s in critical:
        start = s.node(s.start)
        assert isinstance(start, Question) and start.topic == "danger", s.scenario_id
        assert any(c.next_scenario == "SAFETY" for c in start.choices), s.scenario_id


def test_paper_subflow_is_reused(pack):
    users = [s.scenario_id for s in pack.scenarios
             if any(c.next_scenario == "PAPER" for q in s.questions for c in q.choices)]
    assert len(users) >= 5
    paper = pack.scenario("PAPER")
    text = " ".join(q.prompt + " " + q.help + " " + " ".join(c.label for c in q.choices) for q in paper.questions)
    for needle in ("judge", "I-200", "I-205", "I-247A", "subpoena", "NCIC"):
        assert needle.lower() in text.lower(), needle


def test_the_courthouse_arrest_asks_about_the_judges_paper_once(pack):
    """S24 asked "Do the agents show a warrant or order signed by a judge for this person?", and both "Yes — a
    warrant or order signed by a judge" and "They show something, but I can't tell what" led into the shared
    "What paper are they holding?", which asked again what the officer had just answered. Then one merged
    answer ("Yes, or I'm not sure — I need to check what the paper is") led there. Now "Yes — signed by a judge"
    enters the shared step at its four-point check of a court warrant, and "Not sure what the paper is" at its
    first question; an ICE form, a detainer or nothing still leads to the courthouse rules."""
    question = pack.scenario("S24").node("q_paper")
    judge, unsure = [c for c in question.choices if c.next_scenario is not None]
    assert pack.leads_to("S24", judge) == ("PAPER", "q_court_check") and judge.label == "Yes — signed by a judge"
    assert pack.leads_to("S24", unsure) == ("PAPER", "q_paper") and unsure.label == "Not sure what the paper is"
    assert _outcome(pack, "S24", ["no", "judge", "yes", "state", "arrest"]).node_id == "o_state_arrest"
    assert _outcome(pack, "S24", ["no", "judge", "dhs"]).node_id == "o_admin_warrant"
    assert _outcome(pack, "S24", ["no", "paper", "court", "yes", "state", "arrest"]).node_id == "o_state_arrest"
    assert _outcome(pack, "S24", ["no", "paper", "admin"]).node_id == "o_admin_warrant"
    assert _outcome(pack, "S24", ["no", "admin", "agents_help"]).node_id == "o_no_help_court"


#: The other questions about the paper whose "it is a judge's" and "not sure" answers were merged into one that
#: led into PAPER at its start: (scenario, question, the answers that reach it).
PAPER_QUESTIONS = [("S05", "q_doc5", ("no",)), ("S23", "q_paper", ("no", "yes")),
                   ("S26", "q_paper_entry", ("no", "entry")), ("S26", "q_paper_person", ("no", "person"))]


@pytest.mark.parametrize(("scenario_id", "node_id", "keys"), PAPER_QUESTIONS)
def test_every_question_about_the_paper_enters_the_paper_check_where_its_answer_leaves_off(
        pack, scenario_id, node_id, keys):
    """As in S24: S05's "No — a court warrant signed by a judge", S23's "A warrant signed by a judge" and S26's
    "Yes — signed by a judge" enter PAPER at its court-warrant check, not at "What paper are they holding?";
    "Not sure" (or another paper) enters it at that first question. The path on from each is PAPER's own."""
    state = wizard.replay(pack, scenario_id, keys)
    question = wizard.current_node(pack, state)
    assert question.node_id == node_id
    into_paper = {c.key: pack.leads_to(scenario_id, c) for c in question.choices if c.next_scenario is not None}
    assert into_paper == {"judge": ("PAPER", "q_court_check"), "paper": ("PAPER", "q_paper")}
    assert "judge" in question.choice("judge").label
    court = _outcome(pack, scenario_id, [*keys, "judge", "yes", "federal", "other", "serve"])
    assert court == _outcome(pack, scenario_id, [*keys, "paper", "court", "yes", "federal", "other", "serve"])


def test_an_answer_leaves_open_what_the_next_question_asks(pack):
    """S16: "The agents also want help with their own immigration arrest, transport or a perimeter" led to "What
    is the agents' own operation?", which offers immigration arrests, a criminal arrest on a judge-signed
    warrant or not sure: the answer had said immigration, and the question offered otherwise."""
    more = pack.scenario("S16").node("q_custody").choice("more")
    operation = pack.scenario("S16").node(more.next)
    assert {c.key for c in operation.choices} == {"civil", "criminal", "unknown"}
    assert "immigration" not in more.label.lower()


def test_a_stop_for_a_criminal_warrant_says_the_paper_is_checked_next(pack):
    """S01: "…have shown us a criminal warrant for someone in the car" led into "What paper are they holding?",
    which reads as asking again; the answer now says the warrant is checked next."""
    criminal = pack.scenario("S01").node("q_basis").choice("criminal")
    assert criminal.next_scenario == "PAPER" and "check" in criminal.label


def _outcome(pack, scenario_id, keys):
    state = wizard.replay(pack, scenario_id, keys)
    outcome = wizard.outcome(pack, state)
    assert outcome is not None, f"{scenario_id} {keys} does not reach an outcome"
    return outcome


def _cited(outcome):
    return {c.provision_id for c in outcome.cites}


def test_detainer_for_releasable_person_is_not_permitted(pack):
    o = _outcome(pack, "S08", ["yes", "no"])
    assert o.verdict == "not_permitted"
    assert {"IL-TRUST-15a", "MCC-2-173-020(a)(1)"} <= _cited(o)


def test_traffic_perimeter_for_ice_is_not_permitted(pack):
    o = _outcome(pack, "S15", ["no", "civil", "perimeter"])
    assert o.verdict == "not_permitted"
    assert "MCC-2-173-020(a)(6)" in _cited(o)


def test_judge_signed_federal_criminal_warrant_is_permitted_with_supervisor_approval(pack):
    o = _outcome(pack, "S06", ["no", "yes", "yes", "federal", "other", "yes", "yes"])
    assert o.verdict == "permitted"
    assert "supervisor" in " ".join(o.do + (o.headline, o.rationale)).lower()


def test_city_lot_staging_is_not_permitted(pack):
    o = _outcome(pack, "S10", ["no", "city", "staging"])
    assert o.verdict == "not_permitted"
    assert "CHI-EO-2025-8" in _cited(o)


def test_masked_people_seizing_someone_asks_danger_first(pack):
    s13 = pack.scenario("S13")
    assert s13.safety_critical and s13.node(s13.start).topic == "danger"
    o = _outcome(pack, "S13", ["yes", "injured"])
    assert o.verdict == "required" and "IL-720-7-15" in _cited(o)


def test_release_date_call_is_not_permitted(pack):
    verdicts = {p.outcome.verdict for p in wizard.enumerate_paths(pack, "S32")}
    assert "not_permitted" in verdicts
    cited = set().union(*(_cited(p.outcome) for p in wizard.enumerate_paths(pack, "S32")))
    assert {"MCC-2-173-020(a)(3)", "IL-TRUST-15h"} <= cited


def test_validation_stamp_is_fresh():
    """The stamp lets start-up skip re-checking the bundled bytes; regenerate after every data edit:
    .venv/bin/python -m desktop check --stamp data/encounter-guide.json"""
    from desktop.storage.pack_file import stamp_is_fresh

    assert stamp_is_fresh(BUNDLED_PACK), (
        "data/encounter-guide.json changed: run .venv/bin/python -m desktop check --stamp data/encounter-guide.json"
    )


def test_the_force_crowd_or_protest_button_asks_which_it_is(pack):
    """The Home button "Force, crowd or protest at a federal operation" opened only the masked-grab
    situation (S13): an officer at a protest with tear gas got the wrong questions. It now asks which of
    the four it is; each situation where someone could be hurt still asks about danger first."""
    force = next(s for s in pack.home_scenarios if s.home_label == "Force, crowd or protest at a federal operation")
    start = force.node(force.start)
    assert isinstance(start, Question)
    targets = [c.next_scenario for c in start.choices]
    assert set(targets) == {"S13", "S15", "S17", "S18"}
    for sid in ("S13", "S17", "S18"):
        target = pack.scenario(sid)
        assert target.safety_critical and target.node(target.start).topic == "danger", sid


def _all_text(outcome):
    return " ".join((outcome.headline, outcome.rationale, *outcome.do, *outcome.do_not, *outcome.say, *outcome.notify))


def test_a_state_warrant_brought_by_ice_is_cpds_own_arrest_not_help_for_ice(pack):
    """The TRUST Act's exception is for a federal criminal warrant only: S22's Illinois-warrant branch let CPD
    stand by, hold the street or help ICE in on a state warrant. It now ends where PAPER's does: CPD may make
    its own arrest, and the person stays in the state process."""
    for request in ("standby", "street", "entry"):
        with pytest.raises(wizard.WizardError):  # the state branch no longer asks what the agents want
            wizard.replay(pack, "S22", ["no", "judicial", "yes", "state", request])
    o = _outcome(pack, "S22", ["no", "judicial", "yes", "state"])
    assert o.verdict == "permitted"
    words = _all_text(o)
    assert "hand them to ICE" in words and "state process" in words and "agents' team" in words
    assert {"IL-TRUST-15h", "MCC-2-173-020(a)(5)", "MCC-AMEND-2021"} <= _cited(o)


FEDERAL_WARRANT_HELP = {
    ("S22", ("no", "judicial", "yes", "federal_other", "standby")),
    ("S22", ("no", "judicial", "yes", "federal_other", "entry")),
    ("S06", ("no", "yes", "yes", "federal", "other", "yes", "yes")),
    ("PAPER", ("court", "yes", "federal", "other", "serve")),
}


@pytest.mark.parametrize(("scenario_id", "keys"), sorted(FEDERAL_WARRANT_HELP))
def test_help_on_a_federal_criminal_warrant_waits_for_legal_affairs(pack, scenario_id, keys):
    """The research rates this exception medium-to-low and says to confirm with the Law Department (S06,
    S22): the permitted outcomes make Legal Affairs a step before CPD helps, not a call "if in doubt"."""
    o = _outcome(pack, scenario_id, list(keys))
    assert o.verdict == "permitted"
    assert "Legal Affairs" in o.headline
    assert any("Legal Affairs" in item and "before CPD helps" in item for item in o.notify)
    assert "if in doubt" not in _all_text(o) and "if anything is in doubt" not in _all_text(o)


def test_a_perimeter_for_a_federal_warrant_is_for_the_supervisor_and_legal_affairs(pack):
    """S15 calls the perimeter ban's fit with the state exception unsettled; S22 said "permitted" for the same
    street. Both now send it to the supervisor."""
    o = _outcome(pack, "S22", ["no", "judicial", "yes", "federal_other", "street"])
    assert o.verdict == "refer" and "Legal Affairs" in o.headline
    assert _outcome(pack, "S15", ["no", "criminal"]).verdict == "refer"


def test_no_outcome_lets_a_supervisor_alone_allow_force_against_federal_agents(pack):
    """Physical intervention against federal agents needs the Law Department (research C.2 item 8, S17)."""
    for scenario in pack.scenarios:
        for outcome in scenario.outcomes:
            for item in (*outcome.do_not, outcome.headline):
                lowered = item.lower()
                if "federal agents" in lowered and ("grab" in lowered or "physically" in lowered):
                    assert "supervisor or the law department" not in lowered, (scenario.scenario_id, item)
    force = pack.scenario("SAFETY").node("o_agent_force")
    assert "Law Department" in force.headline and "supervisor or" not in force.headline


def test_a_stop_agents_ask_for_on_a_criminal_case_goes_to_the_paper_check(pack):
    """Only an immigration stop is a pretext stop (S02); a criminal case or warrant is checked on paper (S06)."""
    q = pack.scenario("S01").node("q_basis")
    assert {c.key: c.next_scenario for c in q.choices}["criminal"] == "PAPER"
    assert "criminal warrant" in q.choice("criminal").label
    pretext = _outcome(pack, "S01", ["no", "for_ice"])
    assert pretext.verdict == "not_permitted" and "no criminal warrant" in q.choice("for_ice").label
    assert any("end the stop now" in item for item in pretext.do), "asked without a warrant: the stop ends"


@pytest.mark.parametrize("scenario_id", ["S02", "S03", "S07", "S10"])
def test_street_encounters_ask_about_danger_first(pack, scenario_id):
    """Research C.3: the public-safety question first in every flow; S03 and S07 happen on the street."""
    s = pack.scenario(scenario_id)
    assert s.safety_critical and s.node(s.start).topic == "danger"


STATE_WARRANT_ARREST = {
    ("S22", ("no", "judicial", "yes", "state")),
    ("S06", ("no", "yes", "yes", "state")),
    ("PAPER", ("court", "yes", "state", "arrest")),
}


@pytest.mark.parametrize(("scenario_id", "keys"), sorted(STATE_WARRANT_ARREST))
def test_cpds_own_arrest_on_a_state_warrant_is_ordinary_police_work_with_its_reading_flagged(
        pack, scenario_id, keys):
    """CPD's own arrest on an Illinois warrant keeps the person in the state process: not civil enforcement,
    so it waits for the supervisor and normal warrant channels, not for Legal Affairs (B.0 Q3: "call the Law
    Department if in doubt"); the research rates the reading of the 2021 amendment Low, and the answer says so."""
    o = _outcome(pack, scenario_id, list(keys))
    assert o.verdict == "permitted" and "supervisor approval" in o.headline and "Legal Affairs" not in o.headline
    assert "low-confidence" in o.rationale
    assert "Office of Legal Affairs, if in doubt" in o.notify
    assert any("hand them to ICE" in item or "hand the person to ICE" in item for item in o.do_not)


def test_standing_by_or_holding_the_street_for_a_federal_warrant_found_through_the_paper_check(pack):
    """Through PAPER a perimeter could only be answered as "help arrest"; now standing by is S22's answer
    (permitted once Legal Affairs confirms) and holding the street goes to the supervisor, as in S22 and S15."""
    standby = _outcome(pack, "PAPER", ["court", "yes", "federal", "other", "standby"])
    assert standby.verdict == "permitted" and "Legal Affairs" in standby.headline
    s22 = _outcome(pack, "S22", ["no", "judicial", "yes", "federal_other", "standby"])
    assert dataclasses.replace(standby, node_id=s22.node_id) == s22, "the same answer as S22's"
    street = _outcome(pack, "PAPER", ["court", "yes", "federal", "other", "street"])
    assert street.verdict == "refer" and "Legal Affairs" in street.headline


#: CPD's own arrest on an Illinois warrant is not help for ICE: Legal Affairs only if in doubt (B.0 Q3).
OWN_ARRESTS = {("S22", "o_state_own"), ("S06", "o_state6"), ("PAPER", "o_state_arrest")}


def test_no_criminal_warrant_help_waits_on_doubt_alone(pack):
    """Legal Affairs is a step before help on a criminal warrant, in every flow: "if in doubt" or "if needed"
    gave a supervisor without doubts a way round it."""
    for scenario in pack.scenarios:
        for outcome in scenario.outcomes:
            if (scenario.scenario_id, outcome.node_id) in OWN_ARRESTS:
                continue
            items = [outcome.headline, *outcome.do, *outcome.do_not, *outcome.notify,
                     *re.split(r"(?<=[.;])\s", outcome.rationale)]
            for item in items:
                if "Legal Affairs" in item or "Law Department" in item:
                    assert not re.search(r"\b(if|when|is still) (in doubt|needed)|any doubt|anything is in doubt|"
                                         r"the supervisor is in doubt", item), (scenario.scenario_id, outcome.node_id, item)


def test_the_one_clarifying_question_is_allowed_without_calling_it_the_only_contact(pack):
    """MCC 2-173-020(a)(3) bars answering ICE about custody, release or contact details and allows asking
    whether a matter is purely civil; it does not make that the only contact CPD may ever have."""
    texts = [pack.provision("MCC-2-173-020(a)(3)").summary, pack.scenario("S32").summary]
    texts += [_all_text(o) for s in pack.scenarios for o in s.outcomes]
    for text in texts:
        for phrase in ("CPD may contact ICE only", "ask ICE only whether", "The one thing you may ask ICE",
                       "The only permitted contact", "the agency only whether"):
            assert phrase not in text, phrase


def test_the_rule_on_force_against_people_who_may_be_agents_reads_the_same_wherever_it_is_given(pack):
    """S14, S23 and SAFETY's unverified takers gave three different rules for the same facts."""
    places = [("S14", "o_claims_refuse"), ("S23", "o_verify_identity"), ("SAFETY", "o_unverified_takers")]
    rules = {next(item for item in pack.scenario(sid).node(nid).do_not if item.startswith("Do not use force"))
             for sid, nid in places}
    assert len(rules) == 1, rules
    [rule] = rules
    assert "unless your supervisor directs it" in rule and "life is in immediate danger, protect it" in rule


def test_standing_by_is_being_present_not_holding_the_street(pack):
    """Standing by is permitted once Legal Affairs confirms; traffic posts and perimeters are the contested
    'hold the street' (research C.2 #6), which refers: the standby answer says it is not that."""
    for sid, keys in (("S22", ["no", "judicial", "yes", "federal_other", "standby"]),
                      ("PAPER", ["court", "yes", "federal", "other", "standby"])):
        o = _outcome(pack, sid, keys)
        assert any(item.startswith("Be present only: no traffic posts, perimeter") for item in o.do), sid


def test_the_publishers_notes_are_in_words_an_officer_reads(pack):
    """About shows the pack's notes to officers: "as_of" and "source.retrieved is null" were field names."""
    assert pack.meta.notes
    for note in pack.meta.notes:
        for jargon in ("as_of", "source.retrieved", "null", "_"):
            assert jargon not in note, (jargon, note)


@pytest.mark.parametrize(("scenario_id", "keys"), [
    ("S13", ["no", "yes", "peaceful", "none"]),
    ("S14", ["no", "verified", "arrest"]),
    ("S12", ["no", "cta", "arrest"]),
    ("S11", ["no", "city", "arrest"]),
    ("S01", ["no", "traffic", "taking"]),
])
def test_agents_making_their_own_arrest_get_one_verdict_wherever_it_happens(pack, scenario_id, keys):
    """S13 said PERMITTED (stay and keep the peace) where S14 said NOT PERMITTED for the same facts; a quiz
    marked one of them wrong. Helping is what is not permitted; staying to keep the peace is in the lists."""
    o = _outcome(pack, scenario_id, keys)
    assert o.verdict == "not_permitted", (scenario_id, o.node_id)
    assert re.search(r"(?i)\bdo(?:n't| not) help\b", o.headline), o.headline
    assert re.search(r"(?i)\b(block|stop)\b", o.headline), o.headline


def test_the_old_detainer_section_is_flagged_as_unverified(pack):
    """Research §0 #5 and C.1 #1: 2-173-042 (detainers) was the pre-2021 layout, and whether it still exists
    is UNVERIFIED. The pack was silent, so an officer shown an old cite had nothing to check it against."""
    notes = pack.provision("MCC-2-173-020(a)(1)").status_notes
    assert any(n.kind == "unverified" and "2-173-042" in n.text for n in notes)


@pytest.mark.parametrize(("scenario_id", "node_id", "provision_ids"), [
    # "until it is, CPD's directive and the TRUST Act definitions are used" (research A.2 MCC-2-173-010)
    ("S02", "o_unknown_purpose", {"CPD-S06-14-03", "IL-TRUST-10"}),
    ("PAPER", "o_no_paper_unclear", {"CPD-S06-14-03", "IL-TRUST-10"}),
    # "Bills on officer masks and identification were introduced in October 2025" (research IL-BILLS-MASK)
    ("S29", "o_no_mask", {"IL-BILLS-MASK"}),
    # "Log the warrant on CPD-31.110": the log is CPD S06-14-03's (research B S05)
    ("S05", "o_hold5", {"CPD-S06-14-03"}),
    ("S05", "o_entry5", {"CPD-S06-14-03"}),
    ("S05", "o_perimeter5", {"CPD-S06-14-03"}),
])
def test_an_outcome_cites_what_its_words_rest_on(pack, scenario_id, node_id, provision_ids):
    """These outcomes told the officer something from a provision they did not cite, so the officer could
    not open it from the answer."""
    assert provision_ids <= _cited(pack.scenario(scenario_id).node(node_id))


def _sentences(text):
    return re.split(r"(?<=\.)\s+", text)


def test_the_judges_warrant_exception_is_the_chief_judges_not_caspas(pack):
    """Research A.2 COOK-GAO-2025-10 and IL-PA104-0440 Art. 10: the Chief Judge's order covers arrests made
    without a judicial warrant or order; CASPA's exceptions were not reviewed (C.1 #5). Two S24 answers gave
    CASPA the judge's-warrant exception too."""
    for o in pack.scenario("S24").outcomes:
        for sentence in _sentences(o.rationale):
            if re.search(r"judge's warrant|judicial warrant", sentence):
                assert not re.search(r"CASPA|Court Access|state law", sentence), (o.node_id, sentence)


def test_a_handover_to_agents_is_barred_by_each_law_not_allowed_by_either(pack):
    """S16 said a transfer is barred "unless a federal criminal warrant is presented (5 ILCS 805/15) or it is
    not for civil enforcement (MCC 2-173-020(a)(5))", as if a non-civil purpose alone lifted the state bar.
    Research A.2 IL-TRUST-15h: without a federal criminal warrant or a federal-law requirement, no transfer."""
    rationale = pack.scenario("S16").node("o_handover_refer").rationale
    assert "not for civil enforcement" not in rationale
    assert "unless a federal criminal warrant is presented or federal law requires it" in rationale


def test_transport_in_the_state_list_is_said_to_be_unverified(pack):
    """Research A.2 IL-TRUST-15h: transport in the list is the researcher's unverified recollection; S31
    said the list "is understood to cover" it."""
    rationale = pack.scenario("S31").node("o_no_transport").rationale
    assert "understood to cover" not in rationale
    [sentence] = [s for s in _sentences(rationale) if "transport" in s]
    assert "not yet verified" in sentence and "researcher" not in rationale, "said to the officer, not of a researcher"


@pytest.mark.parametrize(("scenario_id", "node_id", "inline_cites"), [
    ("S13", "o_keep_peace", ["EO 2025-6; Right to Protest order", "EO 2026-01", "MCC 2-173-020(a)", "18 U.S.C. §111"]),
    ("S20", "o_civil_part_no", ["EO 2025-6", "MCC 2-173-020(a); 5 ILCS 805/15", "MCC 2-173-020(a)(6)",
                                "MCC 2-173-020(a)(1)(B)"]),
])
def test_reworded_rationales_keep_every_inline_citation_in_short_sentences(pack, scenario_id, node_id, inline_cites):
    """These two carried their inline citations in one long sentence each (grade 17 and 15); reworded in
    short sentences, every citation stays exactly as it was."""
    rationale = pack.scenario(scenario_id).node(node_id).rationale
    assert sorted(re.findall(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)", rationale)) == sorted(inline_cites)
    for sentence in re.split(r"(?<=\.)\s+(?=[A-Z])", rationale):
        assert len(sentence.split()) <= 22, sentence


def test_no_officer_facing_text_reads_above_grade_15(pack):
    """The readability report's worst texts (grade 15 to 18: one long sentence each, facts strung with
    'and' and ';') were split into short sentences with every fact kept. The aim is 8; this stops the worst
    coming back."""
    over = [(t.scenario, t.step, t.field, round(t.grade, 1)) for t in hardest(pack, over=15.0)]
    assert not over, over


def test_no_line_an_officer_reads_has_two_asides_in_a_row(pack):
    """S19's notify line read "Your sergeant or lieutenant (ask them to come to the scene) (if a crime or injury is
    reported)": two brackets in a row, the condition lost after the request. One aside a line."""
    doubled = [
        (scenario.scenario_id, outcome.node_id, line)
        for scenario in pack.scenarios
        for outcome in scenario.outcomes
        for line in (outcome.headline, *outcome.do, *outcome.do_not, *outcome.say, *outcome.document, *outcome.notify)
        if re.search(r"\)\s+\(", line)  # a citation's "(a)(1)" is one
    ]
    assert doubled == []


def test_the_violence_answer_says_where_a_law_still_requires_a_status_check(pack):
    """SAFETY's violence answer said "Do not call ICE to check the immigration status of anyone you arrest." and
    "Do not ask victims, witnesses or suspects about immigration status or place of birth", resting on TRUST Act
    15(e) alone: 15(e) covers people in custody or stopped, and keeps consular-notification duties and
    firearms-law status checks (research A.2 IL-TRUST-15e). The lines name those exceptions, and victims and
    witnesses not stopped rest on MCC 2-173-030(a)(1), which bars asking anyone unless a law requires it."""
    outcome = pack.scenario("SAFETY").node("o_violence")
    [ask] = [line for line in outcome.do_not if line.startswith("Do not ask victims, witnesses or suspects")]
    [check] = [line for line in outcome.do_not if line.startswith("Do not call ICE to check")]
    assert "consular notification" in ask and "firearms-law status check" in ask
    assert "firearms-law status check" in check
    cited = {(c.provision_id, c.pinpoint) for c in outcome.cites}
    assert {("IL-TRUST-15e", ""), ("MCC-2-173-030", "(a)(1)")} <= cited
