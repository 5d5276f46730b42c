"""The supervisor commands as subprocesses: keygen, sign, verify, publish, diff, install, revert, inbox,
history, receipt. JSON on stdout, messages on stderr, exit 0 ok / 1 refused / 2 unreadable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import paths
from desktop.domain.model import SCHEMA_VERSION
from desktop.storage.pack_file import write_tables_atomic
from desktop.storage.signing import sign_file, signature_path
from tests.conftest import REPO
from tests.helpers import doc_by_id
from tests.supervisor_helpers import flip_byte, set_summary, set_verdict, tables_at

pytestmark = pytest.mark.e2e

BASE_VERSION = 1000  # above any bundled pack, so the app's own data never wins over the test's


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "desktop", *args]
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=60,
                          input=stdin if stdin is not None else "")


@pytest.fixture
def publisher(tmp_path):
    """A key made with `keygen`, trusted on this machine through the IT-managed keys file."""
    private, public = tmp_path / "keys" / "legal.pem", tmp_path / "keys" / "legal.pub.json"
    result = run("keygen", "--private", str(private), "--public", str(public), "--name", "Legal Affairs")
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stdout)
    assert entry == json.loads(public.read_text()) and entry["name"] == "Legal Affairs"
    assert "send it to IT" in result.stderr
    trusted = paths.extra_trusted_keys_file()
    trusted.parent.mkdir(parents=True, exist_ok=True)
    trusted.write_text(json.dumps({"keys": [entry]}))
    return private, public


@pytest.fixture
def base(tmp_path, publisher):
    """A signed pack at BASE_VERSION, installed as the pack in use."""
    path = tmp_path / "base.json"
    write_tables_atomic(tables_at(BASE_VERSION), path)
    signed = run("sign", str(path), "--key", str(publisher[0]))
    assert signed.returncode == 0, signed.stderr
    assert json.loads(signed.stdout)["signature"] == str(path) + ".sig"
    installed = run("install", str(path), "--force", "--yes")
    assert installed.returncode == 0, installed.stderr
    return path


def test_edit_publish_install_what_changed_revert(tmp_path, publisher, base):
    tables = tables_at(BASE_VERSION)
    set_summary(tables, "MCC-2-173-020(a)(1)", "CPD may not hold anyone for civil immigration reasons.")
    set_verdict(tables, "S08", "o_release", "refer")
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(tables))
    target = tmp_path / "out" / "PACK.json"

    published = run("publish", str(edited), "-o", str(target), "--key", str(publisher[0]), "--as-of", "2026-03-01")
    assert published.returncode == 0, published.stderr
    info = json.loads(published.stdout)
    assert (info["data_version"], info["as_of"]) == (BASE_VERSION + 1, "2026-03-01")

    verified = run("verify", str(target), "--json")
    assert verified.returncode == 0, verified.stderr
    assert json.loads(verified.stdout)["key_name"] == "Legal Affairs"
    assert "signature OK, signed by Legal Affairs" in verified.stderr

    diff = run("diff", str(base), str(target), "--json")
    assert diff.returncode == 0, diff.stderr
    [outcome] = json.loads(diff.stdout)["outcomes"]
    assert (outcome["node_id"], outcome["old_verdict"], outcome["new_verdict"]) == ("o_release", "not_permitted", "refer")

    unconfirmed = run("install", str(target))  # stdin is not a terminal: refuses without --yes
    assert unconfirmed.returncode == 1
    assert "Not installed: no confirmation (run with --yes" in unconfirmed.stderr
    assert "o_release: NOT PERMITTED → CALL SUPERVISOR" in unconfirmed.stdout  # what changed, shown first
    assert json.loads(run("history", "--json").stdout)[-1]["to_version"] == BASE_VERSION

    installed = run("install", str(target), "--yes")
    assert installed.returncode == 0, installed.stderr
    assert "Data version 1000 → 1001, as of 2 Feb 2026 → 1 Mar 2026." in installed.stdout
    assert "Changed: MCC-2-173-020(a)(1) — No stop, arrest or detention for civil immigration reasons: summary" in installed.stdout
    assert "Installed data version 1001" in installed.stderr

    whats_new = run("history", "--since", str(BASE_VERSION), "--json")
    [entry] = json.loads(whats_new.stdout)
    assert (entry["action"], entry["to_version"]) == ("install", BASE_VERSION + 1)
    assert entry["diff"]["outcomes"][0]["new_verdict"] == "refer"
    receipt = run("receipt").stdout
    assert "Data version:  1001" in receipt
    assert "What changed:\n  Data version 1000 → 1001, as of 2 Feb 2026 → 1 Mar 2026." in receipt  # what was read
    assert "o_release: NOT PERMITTED → CALL SUPERVISOR" in receipt

    reverted = run("revert", "--yes")
    assert reverted.returncode == 0, reverted.stderr
    assert "o_release: CALL SUPERVISOR → NOT PERMITTED" in reverted.stdout
    assert f"Now using data version {BASE_VERSION}" in reverted.stderr
    receipt = run("receipt").stdout
    assert "Data version:  1000" in receipt
    # what the officer just saw change (the revert), as the app's receipt says: not an older install's diff
    assert "What changed:\n  Data version 1001 → 1000" in receipt
    assert "o_release: CALL SUPERVISOR → NOT PERMITTED" in receipt
    assert run("revert", "--yes").returncode == 0  # and back again: the reverted-from pack was kept
    receipt = run("receipt").stdout
    assert "Data version:  1001" in receipt and "o_release: NOT PERMITTED → CALL SUPERVISOR" in receipt


def test_refusals_say_why(tmp_path, publisher, base):
    def signed_copy(name: str, tables) -> Path:
        path = tmp_path / name
        write_tables_atomic(tables, path)
        assert run("sign", str(path), "--key", str(publisher[0])).returncode == 0
        return path

    tampered = signed_copy("tampered.json", tables_at(BASE_VERSION + 1))
    flip_byte(tampered)
    result = run("install", str(tampered), "--yes")
    assert result.returncode == 1
    assert "Refused: tampered.json: has been changed since it was signed" in result.stderr
    assert run("verify", str(tampered)).returncode == 1

    truncated = signed_copy("truncated.json", tables_at(BASE_VERSION + 1))
    truncated.write_bytes(truncated.read_bytes()[:300])
    result = run("install", str(truncated), "--yes")
    assert result.returncode == 1 and "copied only in part" in result.stderr

    older = signed_copy("older.json", tables_at(BASE_VERSION - 1))
    result = run("install", str(older), "--yes")
    assert result.returncode == 1
    assert f"which is not newer than the data in use (data version {BASE_VERSION}" in result.stderr

    future = tmp_path / "future.json"  # `sign` refuses it too, so sign it as a newer app's tools would
    tables = tables_at(BASE_VERSION + 1)
    tables["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    write_tables_atomic(tables, future)
    refused = run("sign", str(future), "--key", str(publisher[0]))
    assert refused.returncode == 1 and "Not signed: 1 problem(s) to fix first." in refused.stderr
    sign_file(future, publisher[0])
    result = run("install", str(future), "--yes")
    assert result.returncode == 1
    assert "this pack was made for a newer version of the app" in result.stderr

    other_private, other_public = tmp_path / "other.pem", tmp_path / "other.pub.json"
    assert run("keygen", "--private", str(other_private), "--public", str(other_public)).returncode == 0
    stranger = tmp_path / "stranger.json"
    write_tables_atomic(tables_at(BASE_VERSION + 1), stranger)
    assert run("sign", str(stranger), "--key", str(other_private)).returncode == 0
    result = run("install", str(stranger), "--yes")
    assert result.returncode == 1 and "which this app does not trust" in result.stderr
    assert run("verify", str(stranger), "--trusted", str(other_public)).returncode == 0
    result = run("verify", str(base), "--trusted", str(other_public), "--json")
    assert result.returncode == 1
    assert (json.loads(result.stdout)["reason"], json.loads(result.stdout)["signature_reason"]) == (
        "signature", "unknown_key")

    result = run("install", str(tmp_path / "missing.json"), "--yes")
    assert result.returncode == 2 and "does not exist" in result.stderr

    assert json.loads(run("history", "--json").stdout)[-1]["to_version"] == BASE_VERSION  # nothing changed

    as_json = run("install", str(tampered), "--yes", "--json")  # a refusal is JSON too with --json
    assert as_json.returncode == 1
    payload = json.loads(as_json.stdout)
    assert (payload["ok"], payload["reason"], payload["signature_reason"]) == (False, "signature", "tampered")
    assert payload["message"].startswith("tampered.json: has been changed since it was signed")
    missing = run("install", str(tmp_path / "missing.json"), "--yes", "--json")
    assert missing.returncode == 2 and json.loads(missing.stdout)["reason"] == "unreadable"


@pytest.mark.parametrize("typed", ["2026-W05-2", "20260203", "2026-2-03", "", "2026-02-30", "\u0968\u0966\u0968\u096c-\u0966\u0968-\u0966\u0969",
                                   "+2026-02-03", "2026-02-03\n"])
def test_publish_takes_an_as_of_date_only_as_year_month_day(tmp_path, publisher, typed):
    """`--as-of 2026-W05-2` was read by Python as a week date and published as of 27 Jan 2026, and "20260203" passed
    too, where the help says YYYY-MM-DD: anything else is refused (as "2026-2-03" always was), nothing published.
    Hostile pass: an empty --as-of (a script's `--as-of "$DAY"` with DAY unset) was taken as no --as-of and the pack
    published as of its old day."""
    source, target = tmp_path / "source.json", tmp_path / "out.json"
    write_tables_atomic(tables_at(BASE_VERSION), source)
    result = run("publish", str(source), "-o", str(target), "--key", str(publisher[0]), "--as-of", typed, "--json")
    assert result.returncode == 2, result.stderr
    assert f"--as-of {typed!r} is not a date (YYYY-MM-DD). Nothing was published." in result.stderr
    assert (json.loads(result.stdout)["reason"], json.loads(result.stdout)["file"]) == ("bad_as_of", str(target))
    assert not target.exists()


def test_check_stamp_json_says_it_is_done(tmp_path):
    """`check --stamp --json` printed JSON only when it refused: done, stdout was empty, where every command that is
    done prints "ok" and the pack."""
    pack = tmp_path / "pack.json"
    write_tables_atomic(tables_at(BASE_VERSION), pack)
    result = run("check", "--stamp", str(pack), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"ok": True, "file": str(pack), "readable": True,
                                         "stamp": str(pack) + ".valid"}
    assert (tmp_path / "pack.json.valid").is_file()


def test_revert_json_says_why_it_refused():
    result = run("revert", "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout) == {"ok": False, "reason": "nothing_to_revert", "problems": [],
                                         "message": "There is no earlier data pack to go back to.", "file": None}


def test_revert_refused_before_its_plan_names_the_kept_pack_as_file(tmp_path, publisher, base):
    """A revert refused before it had a plan (the kept copy changed) printed JSON with no "file", where every other
    refusal of revert names the pack it would go back to: now it names that pack, and null when there is none."""
    newer = tmp_path / "newer.json"
    write_tables_atomic(tables_at(BASE_VERSION + 1), newer)
    assert run("sign", str(newer), "--key", str(publisher[0])).returncode == 0
    assert run("install", str(newer), "--yes").returncode == 0
    from desktop.storage.library import PackLibrary

    kept = PackLibrary().previous
    flip_byte(kept)
    result = run("revert", "--yes", "--json")
    assert result.returncode == 1, result.stderr
    refused = json.loads(result.stdout)
    assert (refused["reason"], refused["file"]) == ("signature", str(kept)), refused


def run_at_a_terminal(*args: str, answer: str) -> tuple[int, str]:
    """The command with a terminal as its stdin (a pseudo-terminal), typing ``answer`` and Enter: (exit, stderr)."""
    import pty

    leader, follower = pty.openpty()
    try:
        os.write(leader, answer.encode() + b"\n")
        result = subprocess.run([sys.executable, "-m", "desktop", *args], cwd=REPO, stdin=follower,
                                capture_output=True, text=True, timeout=60)
    finally:
        os.close(follower)
        os.close(leader)
    return result.returncode, result.stderr


def test_revert_asks_first_as_install_does(base, tmp_path, publisher):
    """`revert` went back without asking, where `install` asks at a terminal and needs --yes elsewhere; and
    `revert --yes` failed with the whole program's usage."""
    newer = tmp_path / "newer.json"
    write_tables_atomic(tables_at(BASE_VERSION + 1), newer)
    assert run("sign", str(newer), "--key", str(publisher[0])).returncode == 0
    assert run("install", str(newer), "--yes").returncode == 0

    def in_use() -> int:
        return json.loads(run("history", "--json").stdout)[-1]["to_version"]

    unconfirmed = run("revert")  # stdin is not a terminal: refuses without --yes, after saying what would change
    assert unconfirmed.returncode == 1 and in_use() == BASE_VERSION + 1
    assert "Not reverted: no confirmation (run with --yes to go back without asking)." in unconfirmed.stderr
    assert f"data version {BASE_VERSION}" in unconfirmed.stdout
    as_json = run("revert", "--json")
    assert as_json.returncode == 1
    refused = json.loads(as_json.stdout)  # the one refusal shape, with what going back would have changed
    assert (refused["ok"], refused["reason"], refused["problems"]) == (False, "not_confirmed", [])
    assert refused["message"] in as_json.stderr and refused["plan"]["data_version"] == BASE_VERSION
    installing = run("install", str(newer), "--force", "--json")  # install's: the same shape
    assert installing.returncode == 1
    refused = json.loads(installing.stdout)
    assert (refused["ok"], refused["reason"], refused["problems"]) == (False, "not_confirmed", [])
    assert refused["message"] in installing.stderr and refused["plan"]["data_version"] == BASE_VERSION + 1

    code, stderr = run_at_a_terminal("revert", answer="n")
    assert (code, in_use()) == (1, BASE_VERSION + 1), stderr
    assert f"Go back to data version {BASE_VERSION}? [y/N]" in stderr and "Not reverted." in stderr
    code, stderr = run_at_a_terminal("revert", answer="y")
    assert (code, in_use()) == (0, BASE_VERSION), stderr
    assert f"Now using data version {BASE_VERSION}" in stderr

    assert run("revert", "--yes").returncode == 0 and in_use() == BASE_VERSION + 1


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal and SIGINT")
def test_ctrl_c_at_the_install_question_is_a_no_not_a_traceback(base, tmp_path, publisher):
    """A tired supervisor pressed Ctrl+C at "Install data version …? [y/N]": a KeyboardInterrupt traceback, which
    did not say whether anything was installed. It is a no now, said as one."""
    import pty
    import select
    import signal

    newer = tmp_path / "newer.json"
    write_tables_atomic(tables_at(BASE_VERSION + 1), newer)
    assert run("sign", str(newer), "--key", str(publisher[0])).returncode == 0
    leader, follower = pty.openpty()
    try:
        # Ctrl+C as a terminal delivers it, even where the tests run in the background (a shell's `&` ignores
        # SIGINT for what it starts, and Python then never turns it into KeyboardInterrupt: the command waited on)
        process = subprocess.Popen([sys.executable, "-m", "desktop", "install", str(newer)], cwd=REPO, stdin=follower,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        said = b""
        while b"[y/N] " not in said:  # the question asked: the command waits for the answer
            ready, _, _ = select.select([process.stderr], [], [], 60)
            assert ready, said
            chunk = os.read(process.stderr.fileno(), 4096)
            assert chunk, said
            said += chunk
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=60)
    finally:
        os.close(follower)
        os.close(leader)
    stderr = (said + rest).decode()
    assert process.returncode == 1 and "Traceback" not in stderr, stderr
    assert stderr.endswith(f"Install data version {BASE_VERSION + 1}? [y/N] \nNot installed.\n"), stderr
    assert json.loads(run("history", "--json").stdout)[-1]["to_version"] == BASE_VERSION


def test_publish_never_writes_the_apps_own_pack_or_its_data_folder_even_with_force(tmp_path, publisher):
    """A tired supervisor gave `-o` the app's own pack (its path at hand, from `check`): with --force, publish
    replaced the data built into the app and wrote a .sig beside it, where the editor's Publish refuses that file.
    The command refuses it as the editor does, as it refuses a file in the data folder (installed updates)."""
    source = tmp_path / "draft.json"
    write_tables_atomic(tables_at(BASE_VERSION), source)
    installed = paths.user_data_dir() / "packs" / "draft.json"
    for target in (paths.bundled_pack(), installed):
        before = target.read_bytes() if target.exists() else None
        result = run("publish", str(source), "-o", str(target), "--key", str(publisher[0]), "--force", "--json")
        assert result.returncode == 2, result.stderr
        refused = json.loads(result.stdout)
        assert (refused["reason"], refused["file"]) == ("protected", str(target))
        assert f"Not published: {target} is the app's own data" in result.stderr and "even with --force" in \
            result.stderr
        assert (target.read_bytes() if target.exists() else None) == before
        assert not signature_path(target).exists()


@pytest.mark.parametrize(("command", "code"), [("check", 1), ("sign", 1), ("diff", 2)])
def test_a_key_given_as_the_pack_is_named_for_what_it_is_by_check_sign_and_diff(tmp_path, publisher, command, code):
    """`check`, `sign` and `diff` of the .pub.json keygen wrote beside the key listed the tables it lacks ("is
    missing the fields 'meta', 'provisions', 'scenarios', 'synonyms'"), as if it were a damaged pack, where verify,
    install and the watched folder say what it is. They say it too now."""
    public = publisher[1]
    more = {"check": [], "sign": ["--key", str(publisher[0])], "diff": [str(public)]}[command]
    result = run(command, str(public), *more, "--json")
    assert result.returncode == code, result.stderr
    said = (f"{public.name}: is a public key file (key {json.loads(public.read_text())['key_id']}), not a data pack: "
            "give the data pack itself (a .json file that holds meta, provisions and scenarios).")
    assert said in result.stderr.splitlines() and "is missing the fields" not in result.stderr, result.stderr
    refused = json.loads(result.stdout)
    assert refused["ok"] is False and [p["message"] for p in refused["problems"]][0] == said.split(": ", 1)[1]
    assert not signature_path(public).exists()


@pytest.mark.parametrize(("command", "code"), [("check", 2), ("sign", 1), ("diff", 2)])
def test_a_private_key_given_as_the_pack_is_named_for_what_it_is_by_check_sign_and_diff(tmp_path, publisher, command,
                                                                                       code):
    """The private key given as the pack (its name beside the .pub.json) was "is not valid JSON: Expecting value at
    line 1, column 1" to `check`, `sign` and `diff`: of all files, the one that must not be left where packs are shared
    was not named. They say what it is, as for the public key."""
    private = publisher[0]
    more = {"check": [], "sign": ["--key", str(private)], "diff": [str(private)]}[command]
    result = run(command, str(private), *more)
    assert result.returncode == code, result.stderr
    assert f"{private.name}: is a private signing key: whoever can read it can sign" in result.stderr, result.stderr
    assert "not valid JSON" not in result.stderr and "Traceback" not in result.stderr
    assert not signature_path(private).exists()


def test_ctrl_c_anywhere_else_stops_the_command_with_a_word_not_a_traceback(capsys):
    """Ctrl+C during a command (a long publish or diff) printed Python's traceback: a supervisor read it as a crash.
    The command says it was stopped, with the shell's exit code for it."""
    import argparse

    from desktop import cli

    def interrupted(_args: argparse.Namespace) -> int:
        raise KeyboardInterrupt

    assert cli.run(argparse.Namespace(func=interrupted)) == 130
    assert capsys.readouterr().err == "Stopped (Ctrl+C).\n"


@pytest.mark.parametrize(("args", "usage"), [(["revert", "--bogus"], "usage: encounter-guide revert [-h] [--yes]"),
                                             (["install", "--bogus", "x.json"], "usage: encounter-guide install"),
                                             (["check", "--bogus"], "usage: encounter-guide check")])
def test_a_wrong_option_shows_its_commands_usage(args, usage):
    """A wrong option after a command printed the whole program's usage (--temp-basedir, --present…), which
    does not say what that command takes."""
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith(usage), result.stderr
    assert "unrecognized arguments: --bogus" in result.stderr and "--present" not in result.stderr


def test_history_since_refuses_a_negative_version():
    negative = run("history", "--since", "-5")
    assert negative.returncode == 2 and "--since: must be 1 or more, not -5" in negative.stderr


def test_check_and_receipt_agree_on_the_pack_in_use_after_a_tampered_one_is_set_aside(tmp_path, publisher, base):
    from desktop.storage.library import PackLibrary

    newer = tmp_path / "newer.json"
    write_tables_atomic(tables_at(BASE_VERSION + 1), newer)
    assert run("sign", str(newer), "--key", str(publisher[0])).returncode == 0
    assert run("install", str(newer), "--yes").returncode == 0
    flip_byte(PackLibrary().current)

    check = run("check")  # the first command after the damage: it sets the pack aside and says so
    assert check.returncode == 0, check.stderr
    assert "could not be used and was set aside: pack.json: has been changed since it was signed" in check.stderr
    assert ".." not in check.stderr and "Do not use it. It was moved to" in check.stderr
    assert f"data version {BASE_VERSION}, as of" in check.stderr
    assert f"Data version:  {BASE_VERSION}" in run("receipt").stdout
    again = run("check")
    assert again.returncode == 0 and f"data version {BASE_VERSION}, as of" in again.stderr


def test_keygen_and_publish_refusals(tmp_path, publisher):
    again = run("keygen", "--private", str(publisher[0]), "--public", str(tmp_path / "x.pub.json"))
    assert again.returncode == 1 and "already exists; not overwriting a key" in again.stderr

    broken = tables_at(BASE_VERSION)
    broken["scenarios"]["1"]["start"] = "nowhere"
    source = tmp_path / "broken.json"
    source.write_text(json.dumps(broken))
    result = run("publish", str(source), "-o", str(tmp_path / "out.json"), "--key", str(publisher[0]))
    assert result.returncode == 1
    assert "points to node 'nowhere', which does not exist" in result.stderr
    assert "broken.json › scenarios › SAFETY › start: points to node 'nowhere'" in result.stderr
    assert "Not published: 4 problem(s) to fix first." in result.stderr
    assert not (tmp_path / "out.json").exists()

    assert run("sign", str(source), "--key", str(publisher[0])).returncode == 1
    good = tmp_path / "good.json"
    write_tables_atomic(tables_at(BASE_VERSION), good)
    os.chmod(publisher[0], 0o644)
    result = run("sign", str(good), "--key", str(publisher[0]))
    assert result.returncode == 1 and "can be read by other users; run: chmod 600" in result.stderr
    assert not (tmp_path / "good.json.sig").exists()
    os.chmod(good, 0o644)  # a pack given as the key, readable by all: "not a key" comes first, not "chmod 600"
    result = run("sign", str(good), "--key", str(good))
    assert result.returncode == 1 and f"{good} is a data pack, not a private key: give the private key file that " \
        "keygen made" in result.stderr
    assert "chmod" not in result.stderr


def test_publish_refuses_answers_citing_a_provision_rescinded_after_the_as_of_date(tmp_path, publisher):
    """Marking a provision rescinded and publishing without moving the as-of date (a typo fix keeps it) must
    not ship answers that rest on it: the day the rescission was recorded is no later than publishing."""
    tables = tables_at(BASE_VERSION)
    doc_by_id(tables, "provisions", "CHI-EO-2025-8")["dates"]["rescinded"] = "2026-02-03"  # the day after as_of
    source = tmp_path / "rescinded.json"
    source.write_text(json.dumps(tables))
    target = tmp_path / "v2.json"
    result = run("publish", str(source), "-o", str(target), "--key", str(publisher[0]))
    assert result.returncode == 1, result.stderr
    assert ("cites EO 2025-8, which was rescinded on 3 Feb 2026 (on or before the pack's review date"
            in result.stderr)
    assert "Not published:" in result.stderr and not target.exists()
    strict = run("check", str(source), "--strict")
    assert strict.returncode == 1 and "recorded as rescinded on 3 Feb 2026" in strict.stderr


def test_diff_shows_what_changed_in_a_draft_with_problems_and_names_them(tmp_path):
    """A draft still being fixed is compared (the supervisor sees what changed before every problem is
    fixed), and its problems are named after the changes; only a file that is no pack at all is refused."""
    old = tmp_path / "published.json"
    old.write_text(json.dumps(tables_at(BASE_VERSION)))
    tables = tables_at(BASE_VERSION)
    provision = doc_by_id(tables, "provisions", "CHI-EO-2025-8")
    provision["dates"]["rescinded"] = "2026-01-15"  # before the as-of date: every answer citing it is a problem
    provision["summary"] = "Rescinded."
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps(tables))

    result = run("diff", str(old), str(draft))
    assert result.returncode == 1, result.stderr
    assert "Changed: CHI-EO-2025-8" in result.stdout and "date rescinded (none → 15 Jan 2026)" in result.stdout
    assert f"draft.json has 2 problems: it cannot be published or installed until they are fixed. " \
        f"`check {draft}` lists them all:" in result.stderr
    assert "cites EO 2025-8, which was rescinded on 15 Jan 2026 (before the pack's as-of date 2 Feb 2026)" in result.stderr
    assert "published.json has" not in result.stderr and "Traceback" not in result.stderr

    as_json = run("diff", str(old), str(draft), "--json")
    assert as_json.returncode == 1, as_json.stderr
    out = json.loads(as_json.stdout)
    assert out["counts"]["provisions"]["changed"] == 1
    assert out["problems"]["old"] == []
    assert len(out["problems"]["new"]) == 2 and all(p["record"] == "S10" for p in out["problems"]["new"])

    clean = run("diff", str(old), str(old), "--json")
    assert clean.returncode == 0 and json.loads(clean.stdout)["problems"] == {"old": [], "new": []}

    unreadable = tmp_path / "no-pack.json"
    unreadable.write_text(json.dumps({"meta": {}}))  # valid JSON, but nothing a pack can be built from
    refused = run("diff", str(old), str(unreadable))
    assert refused.returncode == 2 and refused.stdout == ""
    assert "no-pack.json › meta: must hold exactly one document" in refused.stderr

    # a draft with a schema error: each problem names the file, the record and what is wrong, as `check` does,
    # then a sentence says nothing was compared (it ended on the problem alone, as if that were the diff's finding)
    tables = tables_at(BASE_VERSION)
    doc_by_id(tables, "provisions", "CHI-EO-2025-8")["title"] = 5
    broken = tmp_path / "broken-draft.json"
    broken.write_text(json.dumps(tables))
    refused = run("diff", str(old), str(broken))
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.splitlines() == [
        "broken-draft.json › provisions › CHI-EO-2025-8 › title: must be text, not a whole number",
        "Not compared: broken-draft.json cannot be read as a data pack (1 problem above), so no change between "
        f"published.json and broken-draft.json is listed. Fix it, then compare again (`check {broken}` lists it too)."]
    as_json = run("diff", str(old), str(broken), "--json")
    out = json.loads(as_json.stdout)
    assert as_json.returncode == 2 and (out["ok"], out["reason"], out["file"]) == (False, "unreadable", str(broken))
    assert out["message"] == refused.stderr.splitlines()[-1] and out["not_compared"] == [str(broken)]
    assert [(p["record"], p["field"]) for p in out["problems"]] == [("CHI-EO-2025-8", "title")]

    # both unreadable: both said at once (the first stopped the diff, and the second was found on the next try)
    both = run("diff", str(tmp_path / "missing.json"), str(broken))
    assert both.returncode == 2 and "missing.json: does not exist" in both.stderr
    assert both.stderr.splitlines()[-1] == (
        "Not compared: missing.json and broken-draft.json cannot be read as data packs (2 problems above), so no "
        "change between missing.json and broken-draft.json is listed. Fix them, then compare again.")


def test_publish_keeps_the_as_of_date_and_never_overwrites_or_half_writes(tmp_path, publisher):
    source = tmp_path / "edited.json"
    source.write_text(json.dumps(tables_at(BASE_VERSION)))
    key = ("--key", str(publisher[0]))
    target = tmp_path / "v2.json"

    result = run("publish", str(source), "-o", str(target), *key)  # a typo fix: the law's date stays
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["as_of"] == "2026-02-02"
    assert "as of 2 Feb 2026" in result.stderr  # as the app writes a day; the JSON keeps ISO for scripts

    again = run("publish", str(source), "-o", str(target), *key, "--as-of", "2026-03-01")
    assert again.returncode == 2
    assert f"Not published: {target} already exists" in again.stderr and "--force" in again.stderr
    assert "Traceback" not in again.stderr
    assert json.loads(run("verify", str(target), "--json").stdout)["ok"]
    forced = run("publish", str(source), "-o", str(target), *key, "--as-of", "2026-03-01", "--force")
    assert forced.returncode == 0, forced.stderr
    # a pack published over another goes above it: the same source published twice as version 1001 would
    # be two different packs with one version, and installs refuse the second as "not newer"
    assert (json.loads(forced.stdout)["as_of"], json.loads(forced.stdout)["data_version"]) == (
        "2026-03-01", BASE_VERSION + 2)
    assert f"data version {BASE_VERSION + 2}" in forced.stderr

    future = run("publish", str(source), "-o", str(tmp_path / "v3.json"), *key, "--as-of", "2999-01-01")
    assert future.returncode == 2
    assert "--as-of: the as-of date 1 Jan 2999 is later than today" in future.stderr
    assert not (tmp_path / "v3.json").exists()

    folder = run("publish", str(source), "-o", str(tmp_path / "keys"), *key)
    assert folder.returncode == 2
    assert f"Not published: {tmp_path / 'keys'} is a folder, not a file." in folder.stderr
    assert "Traceback" not in folder.stderr

    blocked = tmp_path / "v4.json"
    (tmp_path / "v4.json.sig").mkdir()  # the signature cannot be written: no unsigned pack is left
    result = run("publish", str(source), "-o", str(blocked), *key)
    assert result.returncode == 2
    assert f"Not published: {tmp_path / 'v4.json.sig'} is a folder, not a file, so the signature cannot" in result.stderr
    assert "Traceback" not in result.stderr and not blocked.exists()


def test_publish_in_a_later_run_goes_above_a_version_published_under_another_name(tmp_path, publisher):
    """Two runs of `publish` on one draft, to two files of different names: the second published the same
    data version as the first (a different pack, refused by every app that installed the first)."""
    source = tmp_path / "edited.json"
    source.write_text(json.dumps(tables_at(BASE_VERSION)))
    key = ("--key", str(publisher[0]))
    first = run("publish", str(source), "-o", str(tmp_path / "monday.json"), *key)
    assert first.returncode == 0, first.stderr
    (tmp_path / "later").mkdir()
    second = run("publish", str(source), "-o", str(tmp_path / "later" / "friday.json"), *key)
    assert second.returncode == 0, second.stderr
    versions = [json.loads(r.stdout)["data_version"] for r in (first, second)]
    assert versions == [BASE_VERSION + 1, BASE_VERSION + 2]


def test_publish_warns_when_the_pack_would_arrive_out_of_date(tmp_path, publisher):
    """Publishing kept the law's as-of date and said nothing when, with it, the pack was past its review
    period already: officers' apps showed it OUT OF DATE from the day it was installed."""
    import datetime as dt

    tables = tables_at(BASE_VERSION)
    meta = next(iter(tables["meta"].values()))
    meta["expires_after_days"] = 1  # as of 2026-02-02: an update was due on 2026-02-03
    source = tmp_path / "edited.json"
    source.write_text(json.dumps(tables))
    key = ("--key", str(publisher[0]))
    old = run("publish", str(source), "-o", str(tmp_path / "old.json"), *key)
    assert old.returncode == 0, old.stderr
    assert ("Warning: old.json is out of date on arrival: with the law as of 2 Feb 2026, an update was due on "
            "3 Feb 2026, so officers' apps will show it OUT OF DATE. If you have checked the law again, "
            "publish it again with --as-of and the day you checked it.") in old.stderr
    checked = run("publish", str(source), "-o", str(tmp_path / "checked.json"), *key,
                  "--as-of", dt.date.today().isoformat())
    assert checked.returncode == 0, checked.stderr
    assert "out of date" not in checked.stderr


def test_publish_says_when_this_computer_could_not_note_the_version(tmp_path, publisher, user_base):
    """Where the user data folder should be there is a file: the pack is published, but the list of versions
    published here could not be kept, so a later publish may use this version again; the command said nothing."""
    source = tmp_path / "edited.json"
    source.write_text(json.dumps(tables_at(BASE_VERSION)))
    user_base.mkdir(parents=True, exist_ok=True)
    (user_base / "data").write_text("not a folder")
    result = run("publish", str(source), "-o", str(tmp_path / "out.json"), "--key", str(publisher[0]))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["data_version"] == BASE_VERSION + 1
    assert f"Warning: {user_base / 'data' / 'published.json'} could not be read" in result.stderr
    assert f"could not note that data version {BASE_VERSION + 1} is used" in result.stderr


def test_history_says_when_it_is_empty_or_could_not_be_read(tmp_path, user_base):
    result = run("history")
    assert (result.returncode, result.stdout) == (0, "No installs or reverts on this machine yet.\n")
    history = paths.user_data_dir() / "history.json"
    history.parent.mkdir(parents=True, exist_ok=True)
    history.write_text('{"format": 1, "entries": [{"action": "inst')  # cut short
    result = run("history")
    assert result.returncode == 1 and result.stdout == ""
    [kept] = history.parent.glob("history.damaged-*.json")
    assert f"The install history {history} could not be read: it is not valid JSON" in result.stderr
    assert f"It was kept as {kept}; a new history starts with the next install or revert." in result.stderr
    assert "Traceback" not in result.stderr


def test_inbox_installs_a_newer_signed_pack_and_ignores_an_unsigned_one(tmp_path, publisher, base, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    monkeypatch.setenv("ENCOUNTER_GUIDE_INBOX", str(inbox))
    newer = inbox / "newer.json"
    write_tables_atomic(tables_at(BASE_VERSION + 5), newer)
    assert run("sign", str(newer), "--key", str(publisher[0])).returncode == 0
    write_tables_atomic(tables_at(BASE_VERSION + 9), inbox / "unsigned.json")

    result = run("inbox", "--json")
    assert result.returncode == 0, result.stderr
    by_name = {Path(r["file"]).name: r for r in json.loads(result.stdout)}
    assert by_name["newer.json"]["status"] == "installed"
    assert by_name["unsigned.json"]["status"] == "ignored" and "is not signed" in by_name["unsigned.json"]["message"]
    assert f"Data version:  {BASE_VERSION + 5}" in run("receipt").stdout
    assert sorted(p.name for p in inbox.iterdir()) == ["newer.json", "newer.json.sig", "unsigned.json"]

    write_tables_atomic(tables_at(BASE_VERSION + 8), inbox / "later.json")  # not seen before
    again = run("inbox", str(inbox))  # each file named once
    assert "later.json: ignored: is not signed: the signature file later.json.sig is missing." in again.stdout


def test_inbox_refuses_a_missing_folder_or_a_file(tmp_path, monkeypatch):
    missing = run("inbox", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert missing.stderr == f"The folder {tmp_path / 'nowhere'} does not exist. Nothing was looked at.\n"
    pack = tmp_path / "pack.json"
    write_tables_atomic(tables_at(BASE_VERSION), pack)
    a_file = run("inbox", str(pack))
    assert a_file.returncode == 2
    assert f"{pack} is a file, not a folder: give the folder that holds the data packs" in a_file.stderr
    monkeypatch.setenv("ENCOUNTER_GUIDE_INBOX", str(tmp_path / "not-made"))
    default = run("inbox")
    assert default.returncode == 2 and f"The watched folder {tmp_path / 'not-made'} does not exist" in default.stderr


def test_inbox_names_a_loop_of_links_instead_of_saying_the_folder_does_not_exist(tmp_path, monkeypatch):
    """`inbox LOOP` said the folder "does not exist": IT looked for a missing share that was there, a link in a loop."""
    loop = tmp_path / "updates"
    loop.symlink_to(tmp_path / "updates-2")
    (tmp_path / "updates-2").symlink_to(loop)
    given = run("inbox", str(loop), "--json")
    assert given.returncode == 2
    assert given.stderr == (f"The folder {loop} is a loop of links: each link points to another that leads back to "
                            "it, never to a folder. Nothing was looked at.\n")
    monkeypatch.setenv("ENCOUNTER_GUIDE_INBOX", str(loop))
    watched = run("inbox")
    assert watched.returncode == 2 and watched.stderr.startswith(f"The watched folder {loop} is a loop of links")


def test_sign_says_when_the_as_of_date_is_later_than_today(tmp_path, publisher):
    """`sign` signed a pack as of a day still to come without a word (publish refuses one). It signs it, as an
    officer's laptop whose clock is behind must take it, and says so, as `check` does."""
    tables = tables_at(BASE_VERSION + 1)
    tables["meta"]["1"]["as_of"] = "9000-01-01"
    path = tmp_path / "future.json"
    write_tables_atomic(tables, path)
    signed = run("sign", str(path), "--key", str(publisher[0]))
    assert signed.returncode == 0, signed.stderr
    assert "future.json › meta › as_of: warning: the as-of date 1 Jan 9000 is later than today (" in signed.stderr
    assert signature_path(path).is_file()


REFUSAL_KEYS = {"ok", "reason", "message", "problems"}


@pytest.mark.parametrize(("args", "code", "reason"), [
    (["check", "{missing}"], 2, "unreadable"),
    (["check", "{broken}"], 1, "problems"),
    (["check", "--stamp", "{broken}"], 1, "not_stamped"),
    (["check", "--stamp", "{missing}"], 2, "unreadable"),  # hostile pass: 1 and "not_stamped", unlike check alone
    (["--data", "{missing}", "search", "warrant"], 2, "unreadable"),
    (["--data", "{missing}", "scenarios"], 2, "unreadable"),
    (["--data", "{missing}", "coverage"], 2, "unreadable"),
    (["readability", "{missing}"], 2, "unreadable"),
    (["walk", "NO-SUCH-SCENARIO"], 1, "cannot_walk"),
    (["paths", "NO-SUCH-SCENARIO"], 1, "cannot_walk"),
    (["quiz", "--scenario", "NO-SUCH-SCENARIO"], 1, "cannot_make_quiz"),
    (["diff", "{missing}", "{broken}"], 2, "unreadable"),
    (["verify", "{broken}"], 1, "signature"),
    (["verify", "{missing}"], 2, "unreadable"),
    (["install", "{broken}", "--yes"], 1, "signature"),
    (["install", "{missing}", "--yes"], 2, "unreadable"),
    (["revert"], 1, "nothing_to_revert"),
    (["inbox", "{missing}"], 2, "no_folder"),
    (["inbox", "{broken}"], 2, "not_a_folder"),
    (["history"], 1, "history_damaged"),
])
def test_every_json_refusal_has_one_shape(tmp_path, args, code, reason):
    """`install --json` and `revert --json` refused in different shapes (installed/reverted/refused, a plan or
    not), `verify`, `check` and `history` in three more, and `diff`, `walk`, `paths`, `inbox`, `quiz` or a pack that
    cannot be read printed no JSON at all: a script had to know each. Now every one is an object with ok false, a
    fixed reason, the message stderr gives, and the problems found (README, "Command line")."""
    broken = tmp_path / "broken.json"  # a readable pack with a problem, and no signature
    tables = json.loads((REPO / "tests" / "fixtures" / "mini-pack.json").read_text())
    tables["provisions"]["1"]["title"] = "Control\x01 character"
    broken.write_text(json.dumps(tables))
    history = paths.user_data_dir() / "history.json"
    history.parent.mkdir(parents=True, exist_ok=True)
    history.write_text('{"entries": 7}')
    named = {"missing": str(tmp_path / "missing.json"), "broken": str(broken)}
    result = run(*[a.format(**named) for a in args], "--json")
    assert result.returncode == code, result.stderr
    refused = json.loads(result.stdout)
    assert REFUSAL_KEYS <= set(refused) and (refused["ok"], refused["reason"]) == (False, reason), refused
    assert refused["message"] and refused["message"] in result.stderr
    if args[0] in ("check", "verify", "install", "revert"):  # each names the pack it is about (revert: none here)
        pack = next((a.format(**named) for a in args[1:] if a.startswith("{")), None)
        assert "file" in refused and refused["file"] == pack, refused
    assert isinstance(refused["problems"], list) and all(
        set(p) == {"file", "table", "record", "field", "message", "severity"} for p in refused["problems"])
    if reason in ("problems", "not_stamped"):
        assert any("U+0001" in p["message"] for p in refused["problems"])


@pytest.mark.parametrize(("args", "code", "reason"), [
    (["keygen", "--private", "{key}", "--public", "{new}.pub.json"], 1, "file_exists"),
    (["keygen", "--private", "{app}/stray.pem", "--public", "{new}.pub.json"], 1, "key_refused"),
    (["keygen", "--private", "{new}.pem", "--public", "{file}/under-a-file.pub.json"], 2, "write_failed"),
    (["sign", "{missing}", "--key", "{key}"], 2, "unreadable"),
    (["sign", "{broken}", "--key", "{key}"], 1, "invalid"),
    (["sign", "{good}", "--key", "{missing}"], 1, "key_refused"),
    (["sign", "{good}", "--key", "{open_key}"], 1, "key_refused"),
    (["sign", "{sig_folder}", "--key", "{key}"], 2, "write_failed"),
    (["publish", "{missing}", "-o", "{new}.json", "--key", "{key}"], 2, "unreadable"),
    (["publish", "{good}", "-o", "{new}.json", "--key", "{key}", "--as-of", "March"], 2, "bad_as_of"),
    (["publish", "{good}", "-o", "{new}.json", "--key", "{key}", "--as-of", "2999-01-01"], 2, "bad_as_of"),
    (["publish", "{good}", "-o", "{new}.json", "--key", "{missing}"], 1, "key_refused"),
    (["publish", "{broken}", "-o", "{new}.json", "--key", "{key}"], 1, "invalid"),
    (["publish", "{good}", "-o", "{good}", "--key", "{key}"], 2, "file_exists"),
    (["publish", "{good}", "-o", "{folder}", "--key", "{key}"], 2, "write_failed"),
    (["publish", "{good}", "-o", "{sig_folder}", "--key", "{key}", "--force"], 2, "write_failed"),
    (["publish", "{good}", "-o", "{file}/under-a-file.json", "--key", "{key}"], 2, "write_failed"),
    # hostile pass: the key written over (and lost) by its own public half, the pack it published, its signature
    (["keygen", "--private", "{new}.pem", "--public", "{new}.pem"], 1, "key_refused"),
    (["publish", "{good}", "-o", "{key}", "--key", "{key}", "--force"], 1, "key_refused"),
    (["sign", "{cpd}", "--key", "{cpd}.sig"], 1, "key_refused"),
])
def test_keygen_sign_and_publish_refuse_in_the_one_json_shape(tmp_path, publisher, args, code, reason):
    """`keygen`, `sign` and `publish` took no --json (a script got argparse's usage, exit 2), and refused in words
    on stderr only, while every other command printed its refusal as one JSON object. Each way they refuse now
    prints that object with --json, with the exit code it had (1 refused, 2 a file not read or written), and
    nothing is left behind: no pack, no signature, no half of a key pair."""
    good, broken = tmp_path / "good.json", tmp_path / "broken.json"
    write_tables_atomic(tables_at(BASE_VERSION), good)
    tables = tables_at(BASE_VERSION)
    tables["scenarios"]["1"]["start"] = "nowhere"
    broken.write_text(json.dumps(tables))
    open_key = tmp_path / "open.pem"
    open_key.write_bytes(publisher[0].read_bytes())
    open_key.chmod(0o644)
    sig_folder = tmp_path / "sig-folder.json"
    write_tables_atomic(tables_at(BASE_VERSION), sig_folder)
    signature_path(sig_folder).mkdir()
    (tmp_path / "a-file").write_text("not a folder")
    (tmp_path / "folder").mkdir()
    named = {"key": str(publisher[0]), "new": str(tmp_path / "new"), "app": str(REPO), "file": str(tmp_path / "a-file"),
             "missing": str(tmp_path / "missing.json"), "broken": str(broken), "good": str(good),
             "open_key": str(open_key), "sig_folder": str(sig_folder), "folder": str(tmp_path / "folder"),
             "cpd": str(tmp_path / "cpd")}
    write_tables_atomic(tables_at(BASE_VERSION), tmp_path / "cpd")  # a pack named cpd, its key named cpd.sig
    (tmp_path / "cpd.sig").write_bytes(publisher[0].read_bytes())
    (tmp_path / "cpd.sig").chmod(0o600)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    contents = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = run(*[a.format(**named) for a in args], "--json")
    assert result.returncode == code, result.stderr
    refused = json.loads(result.stdout)
    assert REFUSAL_KEYS <= set(refused) and (refused["ok"], refused["reason"]) == (False, reason), refused
    assert refused["message"] and refused["message"] in result.stderr and "Traceback" not in result.stderr
    if args[0] in ("sign", "publish"):  # the pack signed, or published (-o): a missing one's JSON had no "file"
        assert refused.get("file") == args[1 if args[0] == "sign" else 3].format(**named), refused
    if args[0] == "keygen":  # the key file refused (the public one, where it could not be written): there was none
        refused_file = args[4 if reason == "write_failed" else 2].format(**named)
        assert refused.get("file") == refused_file and refused_file in refused["message"], refused
    if reason == "invalid":
        assert any("points to node 'nowhere'" in p["message"] for p in refused["problems"])
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before, "nothing left behind"
    assert {p: p.read_bytes() for p in contents} == contents, "nothing written over"


def test_install_revert_diff_and_history_give_an_amended_rules_words(tmp_path, publisher, base):
    """A supervisor at the terminal confirmed an install (or a revert) that amended a rule seeing only "…:
    summary": the app's own dialog gives its words ("Now reads: …"), the command did not, nor did `diff` or
    `history`. Each now lists the rules amended in the words of the version it brings in, and `history` each
    entry's own words (the first amendment's under the first install), as written down when it came in, so also
    once that version is pruned; for an entry an earlier app recorded without them, it says the version is kept no
    more."""
    rule, first, second = "MCC-2-173-020(a)(1)", "First words for a drill.", "Second words for a drill."
    packs = []
    for version, words in ((BASE_VERSION + 1, first), (BASE_VERSION + 2, second)):
        path = tmp_path / f"v{version}.json"
        write_tables_atomic(set_summary(tables_at(version), rule, words), path)
        assert run("sign", str(path), "--key", str(publisher[0])).returncode == 0
        packs.append(path)
    amended = "Rules amended, as this version reads them:\n  MCC-2-173-020(a)(1) — No stop, arrest or detention for " \
        "civil immigration reasons: {}"
    assert amended.format(second) in run("diff", *map(str, packs)).stdout
    unconfirmed = run("install", str(packs[0]))
    assert unconfirmed.returncode == 1 and amended.format(first) in unconfirmed.stdout, "shown before it is asked"
    assert run("install", str(packs[0]), "--yes").returncode == 0
    assert run("install", str(packs[1]), "--yes").returncode == 0
    asked = run("revert")
    assert asked.returncode == 1 and amended.format(first) in asked.stdout, "going back: the words gone back to"

    history = run("history").stdout
    first_entry, second_entry = history.split(f"installed data version {BASE_VERSION + 2}")[0:2]
    assert first in first_entry.split(f"installed data version {BASE_VERSION + 1}")[1] and second not in first_entry
    assert second in second_entry
    [kept] = (paths.user_data_dir() / "packs" / "versions").glob(f"v{BASE_VERSION + 1}-*")
    for file in kept.iterdir():  # as an old version is pruned
        file.unlink()
    kept.rmdir()
    history = run("history").stdout
    assert first in history.split(f"installed data version {BASE_VERSION + 2}")[0], "written down when it came in"
    recorded = paths.user_data_dir() / "history.json"
    stored = json.loads(recorded.read_text())
    for entry in stored["entries"]:  # as an earlier app recorded them, without their words
        entry.pop("words", None)
    recorded.write_text(json.dumps(stored))
    history = run("history").stdout
    assert f"Rules amended: their words in data version {BASE_VERSION + 1} are no longer kept on this computer." in \
        history and first not in history


def test_history_checks_the_words_it_recorded_as_whats_new_does(tmp_path, publisher, base):
    """`history` printed an amended rule's words as history.json recorded them, unchecked: history.json is not
    signed, and words no signed pack says ("Officers may hold anyone ICE asks for.") were printed as the rule's. It
    now checks them as What's new does (history.checked_rule_words): the signed kept version's words while it is
    kept; once pruned, the recorded words marked "(as recorded, not checked)" unless the data in use says them."""
    rule, words, forged = "MCC-2-173-020(a)(1)", "First words for a drill.", "Officers may hold anyone ICE asks for."
    path = tmp_path / "v1.json"
    write_tables_atomic(set_summary(tables_at(BASE_VERSION + 1), rule, words), path)
    assert run("sign", str(path), "--key", str(publisher[0])).returncode == 0
    assert run("install", str(path), "--yes").returncode == 0
    recorded = paths.user_data_dir() / "history.json"
    stored = json.loads(recorded.read_text())
    entry = stored["entries"][-1]  # the newest
    assert entry["to_version"] == BASE_VERSION + 1 and entry["words"]["rules"] == {rule: words}
    entry["words"]["rules"][rule] = forged
    recorded.write_text(json.dumps(stored))

    history = run("history").stdout
    assert words in history and forged not in history, "the signed version kept says what the rule reads"
    [kept] = (paths.user_data_dir() / "packs" / "versions").glob(f"v{BASE_VERSION + 1}-*")
    signature_path(kept / "pack.json").write_text("{}")  # that version's signature no longer holds
    history = run("history").stdout
    assert f"{rule} — No stop, arrest or detention for civil immigration reasons: {forged} (as recorded, not " \
        "checked)" in history, history


def test_history_json_says_whether_the_words_it_recorded_were_checked(tmp_path, publisher, base):
    """`history --json` gave the words history.json recorded raw, with no sign of whether a signed pack says them: a
    forged entry read as the rule's words. Each entry keeps its keys as they were ("words" as recorded) and adds
    "checked_words" (checked as What's new checks them) and "words_checked"."""
    rule, words, forged = "MCC-2-173-020(a)(1)", "First words for a drill.", "Officers may hold anyone ICE asks for."
    path = tmp_path / "v1.json"
    write_tables_atomic(set_summary(tables_at(BASE_VERSION + 1), rule, words), path)
    assert run("sign", str(path), "--key", str(publisher[0])).returncode == 0
    assert run("install", str(path), "--yes").returncode == 0

    def newest() -> dict:
        result = run("history", "--json")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)[-1]

    entry = newest()
    assert entry["words"]["rules"] == {rule: words}
    assert entry["checked_words"]["rules"] == {rule: {"words": words, "checked": True}}
    assert entry["words_checked"] is True
    recorded = paths.user_data_dir() / "history.json"
    stored = json.loads(recorded.read_text())
    assert set(entry) == set(stored["entries"][-1]) | {"checked_words", "words_checked"}, "the recorded keys kept"
    stored["entries"][-1]["words"]["rules"][rule] = forged
    recorded.write_text(json.dumps(stored))
    entry = newest()
    assert entry["words"]["rules"] == {rule: forged}, "as recorded, for the readers of old"
    assert entry["checked_words"]["rules"] == {rule: {"words": words, "checked": True}}, "the signed pack's words"
    assert entry["words_checked"] is False
    [kept] = (paths.user_data_dir() / "packs" / "versions").glob(f"v{BASE_VERSION + 1}-*")
    signature_path(kept / "pack.json").write_text("{}")  # that version's signature no longer holds
    entry = newest()
    assert entry["checked_words"]["rules"] == {rule: {"words": forged, "checked": False}}
    assert entry["words_checked"] is False


def test_keygen_onto_a_link_is_refused_in_words_and_writes_nothing(tmp_path):
    """A loop of links given as --private stopped keygen with a traceback (pathlib's "Symlink loop"); a link to
    a file not made yet was replaced by the private key, the link lost. Both are refused, naming the link."""
    loop_a, loop_b = tmp_path / "a.pem", tmp_path / "b.pem"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    dangling = tmp_path / "new.pem"
    dangling.symlink_to(tmp_path / "shared" / "new.pem")
    for link in (loop_a, dangling):
        result = run("keygen", "--private", str(link), "--public", str(tmp_path / "k.pub.json"))
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr and f"{link} is a link" in result.stderr
    assert dangling.is_symlink() and not (tmp_path / "shared").exists() and not (tmp_path / "k.pub.json").exists()


def test_publish_with_a_key_this_computer_does_not_trust_says_what_to_do(tmp_path, publisher):
    """The editor's Publish said so, but `publish` on the command line said only "Published …, signed with key …"
    for a first key that IT had not yet added: `verify` and `install` then refused the pack ("Ask IT") and nothing
    had said what IT needs. With the key trusted it says nothing more."""
    source = tmp_path / "edited.json"
    source.write_text(json.dumps(tables_at(BASE_VERSION)))
    trusted = paths.extra_trusted_keys_file()
    keys_file = trusted.read_text()
    trusted.write_text(json.dumps({"keys": []}))
    first = run("publish", str(source), "-o", str(tmp_path / "first.json"), "--key", str(publisher[0]))
    assert first.returncode == 0, first.stderr
    key_id = json.loads(first.stdout)["key_id"]
    assert (f"Warning: This computer does not trust the key that signed it (key {key_id}), so its app will not "
            "install it, nor will any other until IT adds that key. Send IT the public key file made with your "
            "private key (the .pub.json file)") in first.stderr
    assert f"signed with key {key_id}." in first.stderr and json.loads(first.stdout)["key_name"] == ""
    trusted.write_text(keys_file)
    again = run("publish", str(source), "-o", str(tmp_path / "again.json"), "--key", str(publisher[0]))
    assert again.returncode == 0, again.stderr
    assert "does not trust" not in again.stderr


def test_publish_and_sign_name_the_key_as_verify_does(tmp_path, publisher):
    """`publish` said "signed with key 5d08cfa106df491b" and `sign` "with key 5d08…", a hex id the supervisor had
    to match against the keys file by eye, where `verify` and `install` say "signed by Legal Affairs". Both now name
    the key by the name this computer trusts it under, its id after it; the JSON gives both, as verify's does."""
    source = tmp_path / "edited.json"
    source.write_text(json.dumps(tables_at(BASE_VERSION)))
    published = run("publish", str(source), "-o", str(tmp_path / "v2.json"), "--key", str(publisher[0]))
    assert published.returncode == 0, published.stderr
    info = json.loads(published.stdout)
    key_id = info["key_id"]
    assert len(key_id) == 16 and info["key_name"] == "Legal Affairs"
    assert f"as of 2 Feb 2026, signed by Legal Affairs (key {key_id})." in published.stderr
    signed = run("sign", str(source), "--key", str(publisher[0]))
    assert signed.returncode == 0, signed.stderr
    assert (json.loads(signed.stdout)["key_id"], json.loads(signed.stdout)["key_name"]) == (key_id, "Legal Affairs")
    assert f"Signed edited.json by Legal Affairs (key {key_id}): edited.json.sig" in signed.stderr


def test_verify_and_install_name_the_key_as_publish_and_sign_do(tmp_path, publisher):
    """publish and sign said "signed by Legal Affairs (key 5d08…)", while verify and install, which they were meant
    to match, said "signed by Legal Affairs (5d08…)", and for a key trusted without a name "signed by key (5d08…)".
    All four name it one way now (signing.by_key): by name, then "key" and its id; "with key 5d08…" when nameless."""
    pack = tmp_path / "v2.json"
    published = run("publish", str(_source(tmp_path)), "-o", str(pack), "--key", str(publisher[0]))
    assert published.returncode == 0, published.stderr
    key_id = json.loads(published.stdout)["key_id"]
    named = f"signed by Legal Affairs (key {key_id})"
    assert named in published.stderr
    assert f"v2.json: signature OK, {named}" in run("verify", str(pack)).stderr
    installed = run("install", str(pack), "--force", "--yes")
    assert installed.returncode == 0, installed.stderr
    assert f"as of 2 Feb 2026, {named}." in installed.stdout  # what the install changes, before it is done
    nameless = tmp_path / "nameless.json"
    nameless.write_text(json.dumps({"keys": [{**json.loads(publisher[1].read_text()), "name": ""}]}))
    verified = run("verify", str(pack), "--trusted", str(nameless))
    assert verified.returncode == 0, verified.stderr
    assert verified.stderr.rstrip().endswith(f"v2.json: signature OK, signed with key {key_id}"), verified.stderr


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "source.json"
    source.write_text(json.dumps(tables_at(BASE_VERSION)))
    return source


def test_a_refusal_s_json_message_reads_back_as_the_line_stderr_shows(tmp_path):
    """--json of install, verify and check refusing a pack named with a line feed carried its name escaped twice:
    "bad\\\\u000aname.json" in the JSON text, read back as a name holding a backslash. json.loads gives back the
    message as written, and stderr's line is that message escaped once, on one line."""
    from desktop.cli import terminal_text

    pack = tmp_path / "bad\nname.json"
    write_tables_atomic(tables_at(BASE_VERSION), pack)
    refused = {"install": ("Refused: ", "bad\nname.json: is not signed: the signature file bad\nname.json.sig is "
                           "missing. Only install data packs published by your department."),
               "verify": ("", "bad\nname.json: is not signed: the signature file bad\nname.json.sig is missing. "
                          "Only install data packs published by your department.")}
    for command, (prefix, message) in refused.items():
        result = run(command, str(pack), "--json", *(["--yes"] if command == "install" else []))
        assert result.returncode == 1, result.stderr
        assert json.loads(result.stdout)["message"] == message
        assert result.stderr == prefix + terminal_text(message, one_line=True) + "\n"
    pack.write_text("{", encoding="utf-8")
    checked = run("check", str(pack), "--json")
    assert checked.returncode == 2, checked.stderr
    message = json.loads(checked.stdout)["message"]
    assert message.startswith("bad\nname.json: is not valid JSON")
    assert checked.stderr == terminal_text(message, one_line=True) + "\n"


def test_check_says_ok_on_one_line_whatever_the_file_is_named(tmp_path):
    """check's OK line printed a line feed in the file's name as it was: "bad", then "name.json: OK — …" on a
    line of its own, as if it were another file's."""
    pack = tmp_path / "bad\nname.json"
    write_tables_atomic(tables_at(BASE_VERSION), pack)
    result = run("check", str(pack))
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("bad\\u000aname.json: OK — ") and result.stderr.count("\n") == 1, result.stderr


def test_verify_and_install_name_a_signature_that_links_to_nothing(tmp_path):
    """A .sig that is a link pointing nowhere was said to be "missing" while a supervisor saw a file there."""
    pack = tmp_path / "PACK.json"
    write_tables_atomic(tables_at(BASE_VERSION), pack)
    signature_path(pack).symlink_to(tmp_path / "share" / "PACK.json.sig")
    words = (f"PACK.json: is not signed: the signature file PACK.json.sig is a link to {tmp_path}/share/PACK.json.sig,"
             " which does not exist. Only install data packs published by your department.")
    for command, prefix in (("verify", ""), ("install", "Refused: ")):
        result = run(command, str(pack), "--json")
        assert result.returncode == 1, result.stderr
        assert result.stderr == prefix + words + "\n"
        refusal = json.loads(result.stdout)
        assert (refusal["message"], refusal["reason"], refusal["signature_reason"]) == (words, "signature", "missing")


def test_a_signature_linking_to_a_name_with_a_line_feed_is_one_line_on_stderr_and_read_back_by_json(tmp_path):
    """The refusal's words name where the link points; stderr shows it on one line, --json gives the real name."""
    pack = tmp_path / "PACK.json"
    write_tables_atomic(tables_at(BASE_VERSION), pack)
    target = tmp_path / "gone\nSignature OK\u202e.sig"
    signature_path(pack).symlink_to(target)
    words = (f"PACK.json: is not signed: the signature file PACK.json.sig is a link to {target}, which does not "
             "exist. Only install data packs published by your department.")
    for command in ("verify", "install"):
        result = run(command, str(pack), "--json")
        assert result.returncode == 1, result.stderr
        assert result.stderr.count("\n") == 1 and "gone\\u000aSignature OK\\u202e.sig" in result.stderr
        assert json.loads(result.stdout)["message"] == words


def test_a_name_with_a_line_feed_and_an_override_is_escaped_once_by_install_verify_and_inbox(tmp_path, monkeypatch):
    """Refusals' messages were made of str(problem), which escapes a name's line feed; the command line escaped
    them again. as_written undid it for install's and verify's --json by replacing text, which the watched folder's
    report missed: `inbox` printed "broken\\\\u000a…" (a backslash no file name has) and its --json carried the
    escape as part of the name. Messages now name files as written; each output escapes them once: stderr and
    `inbox`'s lines one line each, the override written as its escape; --json as written."""
    from desktop.cli import terminal_text

    name = "broken\nSignature OK\u202enosj.json"
    shown = "broken\\u000aSignature OK\\u202enosj.json"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    monkeypatch.setenv("ENCOUNTER_GUIDE_INBOX", str(inbox))
    pack = inbox / name
    write_tables_atomic(tables_at(BASE_VERSION), pack)  # not signed
    words = (f"{name}: is not signed: the signature file {name}.sig is missing. Only install data packs published by "
             "your department.")
    for command, prefix in (("verify", ""), ("install", "Refused: ")):
        result = run(command, str(pack), "--json")
        assert result.returncode == 1, result.stderr
        assert json.loads(result.stdout)["message"] == words
        assert result.stderr == prefix + terminal_text(words, one_line=True) + "\n"
        assert result.stderr.count(shown) == 2 and "\\\\u" not in result.stderr, result.stderr
    listed = run("inbox", "--json")
    [ignored] = json.loads(listed.stdout)
    assert (ignored["status"], ignored["message"]) == ("ignored", words)
    again = run("inbox")  # seen before now: looked at once
    assert again.stdout == f"{shown}: seen before: looked at on {again.stdout.split(' on ')[1][:10]} (ignored: is " \
                           f"not signed: the signature file {shown}.sig is missing. Only install data packs published " \
                           "by your department); not looked at again\n", again.stdout
    pack.with_name(name + ".sig").write_bytes(b"not a signature")  # looked at again: it changed
    changed = run("inbox")
    assert changed.stdout.startswith(f"{shown}: ignored: its signature file {shown}.sig is not valid") and \
        changed.stdout.count("\n") == 1, changed.stdout
    assert "\\\\u" not in changed.stdout and "\u202e" not in changed.stdout


def test_a_kept_pack_set_aside_is_named_in_the_notice_escaped_once(tmp_path, base):
    """The notice for an installed pack that fails its signature check names the signature's target. It was made of
    str(problem), which escapes the line feed already: stderr printed "gone\\\\u000a…", a backslash no file name
    has. Now the notice is as written and escaped once, on stderr, on one line."""
    [kept] = (paths.user_data_dir() / "packs" / "versions").glob("v*/pack.json")
    sig = signature_path(kept)
    sig.unlink()
    sig.symlink_to(tmp_path / "gone\nSignature OK\u202e.sig")
    result = run("scenarios")
    assert result.returncode == 0, result.stderr
    [notice] = [line for line in result.stderr.splitlines() if "set aside" in line]
    assert "a link to " + str(tmp_path) + "/gone\\u000aSignature OK\\u202e.sig, which does not exist" in notice, notice
    assert "\\\\u" not in result.stderr and "\u202e" not in result.stderr, result.stderr


def test_install_s_plan_and_history_show_a_name_with_a_line_feed_on_its_own_line(tmp_path, publisher, base):
    """What an install would change (shown before asking) and `history` name the update's file: a name with a line
    feed printed a line of its choosing under it ("Installed OK…" as if the app said so), and a right-to-left
    override was escaped but the line feed was not. Each line is now printed on one line, escaped once."""
    name = "new\nInstalled OK\u202enosj.json"
    shown = "new\\u000aInstalled OK\\u202enosj.json"
    path = tmp_path / name
    write_tables_atomic(tables_at(BASE_VERSION + 1), path)
    assert run("sign", str(path), "--key", str(publisher[0])).returncode == 0
    asked = run("install", str(path))  # not confirmed: the plan is shown, nothing installed
    assert asked.returncode == 1, asked.stderr
    first = asked.stdout.splitlines()[0]
    assert first.startswith(f"{shown}: Encounter Guide test pack, data version {BASE_VERSION + 1}"), asked.stdout
    assert not any(line.startswith("Installed OK") for line in asked.stdout.splitlines()), asked.stdout
    assert run("install", str(path), "--yes").returncode == 0
    history = run("history").stdout.splitlines()
    assert any(line.endswith(f"installed data version {BASE_VERSION + 1} (as of 2 Feb 2026) from {shown}.")
               for line in history), history
    assert not any(line.startswith("Installed OK") for line in history), history


def test_install_s_json_refusals_name_the_pack_as_verify_s_and_check_s_do(tmp_path, publisher, base):
    """`install --json` refused without a "file" key, while `verify --json` and `check --json` refusing the same
    pack named it: a script reading several refusals could not tell which pack install meant but by parsing
    the message. Every way install refuses (not signed, not there, not newer, not confirmed) now carries the pack
    as given, the name as written (a line feed and an override read back whole), as verify's and check's do."""
    name = "update\nInstalled OK\u202enosj.json"
    unsigned = tmp_path / name
    write_tables_atomic(tables_at(BASE_VERSION + 1), unsigned)
    broken = tmp_path / "broken.json"
    broken.write_text('{"meta": ', encoding="utf-8")
    older = tmp_path / "older.json"
    write_tables_atomic(tables_at(BASE_VERSION - 1), older)
    assert run("sign", str(older), "--key", str(publisher[0])).returncode == 0
    newer = tmp_path / "newer.json"
    write_tables_atomic(tables_at(BASE_VERSION + 2), newer)
    assert run("sign", str(newer), "--key", str(publisher[0])).returncode == 0
    missing = tmp_path / "missing.json"
    for pack, args, reason in ((unsigned, ["--yes"], "signature"), (missing, ["--yes"], "unreadable"),
                               (older, ["--yes"], "not_newer"), (newer, [], "not_confirmed")):
        result = run("install", str(pack), *args, "--json")
        assert result.returncode != 0, result.stderr
        refused = json.loads(result.stdout)
        assert (refused["ok"], refused["reason"], refused["file"]) == (False, reason, str(pack)), refused
    for command in (["verify", str(unsigned)], ["check", str(broken)]):
        assert json.loads(run(*command, "--json").stdout)["file"] == str(unsigned if command[0] == "verify" else broken)
    assert json.loads(run("install", str(newer), "--yes", "--json").stdout)["file"] == str(newer)  # done: the plan's


def test_every_done_json_says_ok_and_names_its_file_revert_as_install_does(tmp_path, publisher, base):
    """`revert --json` printed the history entry alone: no "file", and "to_version" where `install --json` says
    "data_version" (and "as_of", "sha256", "old_version"), so a script reading what either did had to know each;
    `sign` and `publish` said no "ok". Every command done prints "ok": true and the pack it is about as "file";
    install and revert print the plan in the same keys, with "installed" or "reverted", and revert keeps the history
    entry's keys it gave before. Its refusals name the pack it would go back to too."""
    newer = tmp_path / "newer.json"
    write_tables_atomic(tables_at(BASE_VERSION + 1), newer)
    signed = run("sign", str(newer), "--key", str(publisher[0]), "--json")
    published = run("publish", str(newer), "-o", str(tmp_path / "v3.json"), "--key", str(publisher[0]), "--json")
    checked = run("check", str(newer), "--json")
    verified = run("verify", str(newer), "--json")
    installed = run("install", str(newer), "--yes", "--json")
    unconfirmed = run("revert", "--json")
    reverted = run("revert", "--yes", "--json")
    done = {"sign": signed, "publish": published, "check": checked, "verify": verified, "install": installed,
            "revert": reverted}
    for name, result in done.items():
        assert result.returncode == 0, (name, result.stderr)
        payload = json.loads(result.stdout)
        assert payload["ok"] is True, name
        assert Path(payload["file"]).is_file(), (name, payload.get("file"))
    installed_json, reverted_json = json.loads(installed.stdout), json.loads(reverted.stdout)
    assert installed_json["file"] == str(newer) and installed_json["installed"] is True
    plan_keys = {"file", "data_version", "old_version", "as_of", "sha256", "warnings", "diff"}
    assert plan_keys <= set(installed_json) and plan_keys <= set(reverted_json)
    assert reverted_json["reverted"] is True
    assert (reverted_json["data_version"], reverted_json["old_version"]) == (BASE_VERSION, BASE_VERSION + 1)
    assert json.loads(Path(reverted_json["file"]).read_text())["meta"]["1"]["data_version"] == BASE_VERSION
    assert (reverted_json["action"], reverted_json["to_version"]) == ("revert", BASE_VERSION)  # as it gave before
    refused = json.loads(unconfirmed.stdout)
    assert unconfirmed.returncode == 1 and refused["reason"] == "not_confirmed"
    assert refused["file"] == refused["plan"]["file"] == reverted_json["file"]
