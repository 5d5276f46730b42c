"""The command line as a subprocess: JSON shapes and exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import BUNDLED_PACK, MINI_PACK, REPO
from tests.helpers import uncited_provision

pytestmark = pytest.mark.e2e


def run(*args: str, data=MINI_PACK) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "desktop"] + (["--data", str(data)] if data else []) + list(args)
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=60)


def test_check_clean_pack():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stderr and result.stdout == ""


def test_check_gives_the_as_of_date_as_the_app_writes_it(tmp_path):
    """check's OK line ended "as of 2026-02-02", where the app, publish and the check's own problems write
    "2 Feb 2026"."""
    pack = tmp_path / "p.json"
    pack.write_text((REPO / "tests" / "fixtures" / "mini-pack.json").read_text())
    result = run("check", str(pack))
    assert result.returncode == 0, result.stderr
    assert result.stderr.rstrip().endswith("data version 3, as of 2 Feb 2026"), result.stderr


def test_check_strict_fails_on_an_operative_provision_no_outcome_cites(tmp_path):
    pack = tmp_path / "uncited.json"
    pack.write_text(json.dumps(uncited_provision(json.loads(MINI_PACK.read_text()))))
    coverage = run("coverage", data=pack)
    assert coverage.returncode == 1 and "IL-NEW-1" in coverage.stdout and "NOT CITED" in coverage.stdout
    plain = run("check", str(pack))
    assert plain.returncode == 0 and "uncited.json › provisions › IL-NEW-1 › operative: warning:" in plain.stderr
    strict = run("check", str(pack), "--strict")
    assert strict.returncode == 1 and "uncited.json: 0 problem(s), 1 warning(s)" in strict.stderr


def test_check_broken_reference(tmp_path):
    tables = json.loads(MINI_PACK.read_text())
    for doc in tables["scenarios"].values():
        if doc["scenario_id"] == "S10":
            doc["nodes"][0]["choices"][0]["next"] = "nowhere"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(tables))
    result = run("check", str(bad))
    assert result.returncode == 1
    assert "bad.json › scenarios › S10 › nodes[q_city].choices[yes].next" in result.stderr
    as_json = run("check", str(bad), "--json")
    payload = json.loads(as_json.stdout)
    assert payload["ok"] is False and payload["problems"][0]["record"] == "S10"


def test_check_unreadable(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"{ not json")
    result = run("check", str(bad))
    assert result.returncode == 2
    assert "not valid JSON" in result.stderr
    assert "cut short" not in result.stderr  # broken in the middle, not at the end


def test_check_names_a_pack_cut_short(tmp_path):
    """A pack copied only in part says so, and where it stops, without repeating words."""
    whole = MINI_PACK.read_text(encoding="utf-8")
    cut = tmp_path / "cut.json"
    cut.write_text(whole[: whole.index('"Test data.') + 5], encoding="utf-8")  # inside a string
    result = run("check", str(cut))
    assert result.returncode == 2
    assert "cut.json: is not valid JSON: Unterminated string starting at line " in result.stderr
    assert "at at" not in result.stderr
    assert "the file ends before its data does, so it was probably cut short" in result.stderr
    cut.write_text(whole[: whole.index('"provisions"')], encoding="utf-8")  # between two tables
    result = run("check", str(cut))
    assert result.returncode == 2 and "probably cut short" in result.stderr


def test_search_json():
    result = run("search", "detainer", "--json", "--limit", "3")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert 1 <= len(hits) <= 3
    assert set(hits[0]) >= {"kind", "id", "title", "score", "snippet"}
    assert hits[0]["kind"] in ("provision", "scenario", "term")


def test_search_lists_what_a_citation_cites_in_order_and_says_why_the_scores_do_not_fall():
    """A citation's provisions come first in citation order, so their scores need not fall: --help says so."""
    result = run("search", "805/15", "--json", "--limit", "6", data=BUNDLED_PACK)
    assert result.returncode == 0, result.stderr
    assert [hit["id"] for hit in json.loads(result.stdout)] == [
        "IL-TRUST-15a", "IL-TRUST-15b", "IL-TRUST-15d", "IL-TRUST-15e", "IL-TRUST-15g", "IL-TRUST-15h"]
    assert "in citation order, whatever their score" in " ".join(run("search", "--help").stdout.split())


def test_search_lists_what_a_citation_with_words_cites_and_they_find_first_and_says_so():
    """"805/15 detainer" was searched as words only; --help says how a citation with words is listed."""
    result = run("search", "805/15 detainer", "--json", "--limit", "7", data=BUNDLED_PACK)
    assert result.returncode == 0, result.stderr
    assert [hit["id"] for hit in json.loads(result.stdout)] == [
        "IL-TRUST-15d", "IL-TRUST-15a", "IL-TRUST-15e", "IL-TRUST-15b", "IL-TRUST-15g", "IL-TRUST-15h", "S08"]
    assert "then its other provisions in citation order" in " ".join(run("search", "--help").stdout.split())


def test_search_lists_what_a_misspelt_word_clearly_means_and_says_so():
    """"warent" said "No results. Try: warrant, …": the officer had to type again. It lists warrant's results,
    stderr saying so; --json stays what the query itself finds (nothing), and --help says both."""
    result = run("search", "warent", "--limit", "3", data=BUNDLED_PACK)
    assert result.returncode == 0, result.stderr
    assert result.stderr == 'No results for "warent". Showing results for "warrant".\n'
    assert result.stdout == run("search", "warrant", "--limit", "3", data=BUNDLED_PACK).stdout != ""
    assert run("search", "warent", "--json", data=BUNDLED_PACK).stdout.strip() == "[]"
    assert "clearly misspells a word" in " ".join(run("search", "--help").stdout.split())


@pytest.mark.parametrize("limit", ["0", "-1", "three"])
def test_search_refuses_a_limit_that_is_not_a_count(limit):
    result = run("search", "detainer", "--limit", limit)
    assert result.returncode == 2 and result.stdout == ""
    assert "--limit" in result.stderr and ("1 or more" in result.stderr or "not a whole number" in result.stderr)


def test_scenarios_json():
    rows = json.loads(run("scenarios", "--json").stdout)
    assert {"id": "S08", "title": "ICE sends a detainer for someone about to be released",
            "category": "Custody and detainers", "subflow": False} in rows


def test_scenarios_text_keeps_its_titles_in_one_column():
    """A category longer than the fixed 34 columns ("Victims, residents and officer conduct" in the bundled
    pack) pushed its row's title out of line."""
    bundled = run("--data", str(BUNDLED_PACK), "scenarios").stdout.splitlines()
    rows = json.loads(run("--data", str(BUNDLED_PACK), "scenarios", "--json").stdout)
    assert any(len(r["category"]) > 34 for r in rows)
    starts = {line.index(r["title"]) for line, r in zip(bundled, rows, strict=True)}
    assert len(starts) == 1


def test_walk_question_then_outcome():
    question = json.loads(run("walk", "S08", "--json").stdout)
    assert question["type"] == "question" and question["topic"] == "danger"
    assert [c["key"] for c in question["choices"]] == ["yes", "no"]
    outcome = json.loads(run("walk", "S08", "--answer", "no", "--answer", "no", "--json").stdout)
    assert outcome["type"] == "outcome" and outcome["verdict"] == "not_permitted"
    assert {"provision_id": "MCC-2-173-020(a)(1)", "pinpoint": "(C)",
            "citation": "MCC 2-173-020(a)(1)(C)"} in outcome["cites"]


def test_walk_and_paths_take_a_scenario_id_in_any_case():
    """`walk s08` said there was no such scenario, though `handout s08` and `quiz --scenario s08` take it."""
    assert json.loads(run("walk", "s08", "--json").stdout)["scenario_id"] == "S08"
    assert json.loads(run("paths", "s08", "--json").stdout) == json.loads(run("paths", "S08", "--json").stdout)


def test_walk_tells_an_answer_rests_on_a_provision_rescinded_by_today(tmp_path):
    data = json.loads(MINI_PACK.read_text())
    meta = data["meta"]["1"]
    # the day after the data was reviewed: only a warning to check, and long past when the test runs
    day = max(dt.date.fromisoformat(meta["as_of"]), dt.date.fromisoformat(meta["reviewed_on"])) + dt.timedelta(days=1)
    assert day <= dt.date.today()
    provision = next(p for p in data["provisions"].values() if p["provision_id"] == "MCC-2-173-020(a)(1)")
    provision["dates"]["rescinded"] = day.isoformat()
    pack = tmp_path / "rescinded.json"
    pack.write_text(json.dumps(data))
    result = run("walk", "S08", "--answer", "no", "--answer", "no", data=pack)
    assert result.returncode == 0, result.stderr
    verdict, caution = result.stdout.splitlines()[:2]
    assert verdict.startswith("NOT PERMITTED")
    assert caution.startswith("⚠ MCC 2-173-020(a)(1)(C) was rescinded on ") and "call your supervisor" in caution
    as_json = json.loads(run("walk", "S08", "--answer", "no", "--answer", "no", "--json", data=pack).stdout)
    assert as_json["caution"] == caution.removeprefix("⚠ "), "--json carries the caution the text prints"
    [listed] = as_json["rescinded"]
    assert listed["citation"] == "MCC 2-173-020(a)(1)(C)" and listed["provision_id"] == "MCC-2-173-020(a)(1)"
    assert listed["when"].startswith(f"on {day.day} ") and listed["when"] in caution
    plain = json.loads(run("walk", "S08", "--answer", "no", "--answer", "no", "--json").stdout)
    assert plain["caution"] == "" and plain["rescinded"] == []


def test_walk_takes_an_answer_s_number_as_listed_or_its_key():
    listed = run("walk", "S08", "--answer", "no").stdout
    second = next(line for line in listed.splitlines() if line.strip().startswith("2."))
    key = second.split("[")[1].split("]")[0]
    by_number = run("walk", "S08", "--answer", "2", "--answer", "2", "--json")
    assert by_number.returncode == 0, by_number.stderr
    by_key = run("walk", "S08", "--answer", "no", "--answer", key, "--json")
    assert json.loads(by_number.stdout) == json.loads(by_key.stdout)
    out_of_range = run("walk", "S08", "--answer", "3")
    assert out_of_range.returncode == 1 and "'3' is not an answer to this question (answers: yes, no)" in out_of_range.stderr
    for odd in ("²", "١"):  # digits to str.isdigit(), not to int(): a traceback, where a message is due
        result = run("walk", "S08", "--answer", odd)
        assert result.returncode == 1 and f"'{odd}' is not an answer" in result.stderr and "Traceback" not in result.stderr


def test_walk_bad_answer():
    result = run("walk", "S08", "--answer", "maybe")
    assert result.returncode == 1 and "not an answer" in result.stderr


def test_paths_json():
    paths = json.loads(run("paths", "S08", "--json").stdout)
    assert len(paths) == 5
    for p in paths:
        assert p["verdict"] in ("not_permitted", "permitted", "required", "refer")
        assert p["cites"] and all("citation" in c for c in p["cites"])


def test_human_output_and_pipe_safety():
    result = run("paths", "S08")
    assert "NOT PERMITTED" in result.stdout
    result = run("walk", "S08")
    assert "immediate danger" in result.stdout.lower()


def test_check_without_a_file_reads_the_pack_in_use_once(monkeypatch, capsys):
    """`check` with no FILE checks the pack in use in full, from the bytes read to choose it (it read the
    file a second time)."""
    import builtins
    from pathlib import Path

    from desktop.__main__ import main
    from desktop.paths import bundled_pack

    bundled, opened = bundled_pack().resolve(), []

    def counting(real_open):
        def counting_open(file, *args, **kwargs):
            if isinstance(file, (str, Path)) and Path(file).resolve() == bundled:
                opened.append(file)
            return real_open(file, *args, **kwargs)
        return counting_open

    monkeypatch.setattr(builtins, "open", counting(builtins.open))
    monkeypatch.setattr(os, "open", counting(os.open))  # packs are opened without waiting on a pipe (open_regular)
    assert main(["check"]) == 0
    assert "OK" in capsys.readouterr().err and len(opened) == 1


def test_readability_lists_the_hardest_officer_facing_texts_first_with_where_they_are():
    result = run("readability", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and [r["grade"] for r in rows] == sorted((r["grade"] for r in rows), reverse=True)
    assert {"scenario", "step", "field", "text", "grade", "words"} <= set(rows[0])
    assert "officer-facing texts read above grade 8" in result.stderr and "Advice only" in result.stderr

    # --over 5, not 8: no text of the test pack long enough to grade (10 words) reads above 8
    over = json.loads(run("readability", "--json", "--over", "5").stdout)
    assert over and all(r["grade"] > 5 for r in over) and len(over) < len(rows)
    text = run("readability", "--limit", "1")
    first = rows[0]
    assert text.stdout.splitlines()[0] == f"grade {first['grade']:4.1f}  {first['scenario']} · {first['step']} · " \
                                          f"{first['field']}"
    assert text.stdout.splitlines()[1].strip() == first["text"] and len(text.stdout.splitlines()) == 2


def test_check_strict_is_not_failed_by_hard_words(tmp_path):
    """Readability is advice: a pack whose words read at a high grade still passes `check --strict`."""
    pack = tmp_path / "hard.json"
    tables = json.loads(MINI_PACK.read_text(encoding="utf-8"))
    scenario = next(iter(tables["scenarios"].values()))
    scenario["summary"] = ("Notwithstanding jurisdictional considerations, interagency administrative "
                           "authorizations necessitate comprehensive institutional documentation.")
    pack.write_text(json.dumps(tables), encoding="utf-8")
    assert json.loads(run("readability", "--json", data=pack).stdout)[0]["field"] == "summary"
    assert run("check", "--strict", str(pack)).returncode == 0


def _saved_report(tmp_path, data_version=3):
    """A report about S08's answer o_release of the mini pack, saved as the officer's app saves it."""
    import dataclasses

    from desktop.domain import problem_report as pr
    from desktop.domain import wizard
    from desktop.storage.pack_file import load_pack
    from desktop.storage.user_files import write_user_file

    loaded = load_pack(MINI_PACK)
    state = wizard.replay(loaded.pack, "S08", ["no", "no"])
    report = pr.make_report(loaded.pack, loaded.sha256, pr.walk_screen(loaded.pack, state),
                            "The headline says release; my sergeant says otherwise.", "0.1.0")
    return write_user_file(pr.render(dataclasses.replace(report, data_version=data_version)).encode(),
                           tmp_path / "report.txt")


def test_report_prints_the_report_and_whether_its_screen_is_in_the_pack_given(tmp_path):
    saved = _saved_report(tmp_path, data_version=1)
    result = run("report", str(saved), "--data", str(MINI_PACK), data=None)
    assert result.returncode == 0, result.stderr
    assert "The headline says release; my sergeant says otherwise." in result.stdout
    assert "Step: o_release" in result.stdout and "Answers so far: not included" in result.stdout
    assert result.stdout.rstrip().endswith(
        "This report is about data version 1; you are on 3: the step o_release of S08 still exists.")
    assert "For the supervisors' tools" not in result.stdout  # the block is for the tools, not to read

    before = run("report", str(saved))  # --data before the command, as for every command
    assert before.stdout == result.stdout

    bundled = run("report", str(saved), "--data", str(BUNDLED_PACK), data=None)
    assert bundled.returncode == 0
    assert "you are on" in bundled.stdout and "the step o_release was removed from S08." in bundled.stdout


@pytest.mark.parametrize("content", [b"", b"not a report", b"\xff\xfe\x00junk", None])
def test_report_refuses_a_file_that_is_not_a_report_in_words(tmp_path, content):
    target = tmp_path / "report.txt"
    if content is None:
        target.mkdir()
    else:
        target.write_bytes(content)
    result = run("report", str(target))
    assert result.returncode == 2
    assert "report.txt" in result.stderr and "Traceback" not in result.stderr and not result.stdout


def test_check_warns_about_an_as_of_date_later_than_today_and_strict_refuses_it(tmp_path):
    """It passed `check` without a word; `publish` alone refused it."""
    tables = json.loads(MINI_PACK.read_text())
    tables["meta"]["1"]["as_of"] = "9000-01-01"
    pack = tmp_path / "future.json"
    pack.write_text(json.dumps(tables))
    plain = run("check", str(pack))
    assert plain.returncode == 0, plain.stderr
    assert "future.json › meta › as_of: warning: the as-of date 1 Jan 9000 is later than today (" in plain.stderr
    assert "OK" in plain.stderr and "data version 3, as of 1 Jan 9000, 1 warning(s)" in plain.stderr
    assert run("check", "--strict", str(pack)).returncode == 1


def test_check_warns_about_a_line_separator_by_its_code_and_strict_refuses_it(tmp_path):
    """U+2028 (a line break on officers' screens, nothing in most editors) passed `check` without a word."""
    tables = json.loads(MINI_PACK.read_text())
    tables["glossary"]["1"]["term"] = "Administrative\u2028warrant"
    pack = tmp_path / "separator.json"
    pack.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    plain = run("check", str(pack))
    assert plain.returncode == 0, plain.stderr
    assert ("separator.json › glossary › Administrative[U+2028]warrant › term: warning: has a line separator "
            "(U+2028) at character 15") in plain.stderr and "\u2028" not in plain.stderr
    strict = run("check", "--strict", str(pack))
    assert strict.returncode == 1 and "separator.json: 0 problem(s), 1 warning(s)" in strict.stderr


@pytest.mark.parametrize("json_output", [False, True], ids=["text", "json"])
def test_output_to_a_stream_that_cannot_write_every_character_is_never_a_traceback(json_output):
    """Piped on Windows (the ANSI code page) or under a C locale (ASCII), a "…" in a search snippet stopped `search`
    with UnicodeEncodeError and a traceback. The character is written as its escape, which JSON reads back whole."""
    import os

    env = {**os.environ, "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"}
    cmd = [sys.executable, "-m", "desktop", "search", "detainer"] + (["--json"] if json_output else [])
    result = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=60, env=env, encoding="ascii")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "\\u2026" in result.stdout
    if json_output:
        assert any("\u2026" in hit["snippet"] for hit in json.loads(result.stdout))
