"""Installing signed updates: checks and refusals, what changed, revert, tampered installed packs, the
watched folder, the history, and crash safety (SIGKILL at random moments of install and revert)."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from desktop.storage import versions
from desktop.storage.history import INSTALL, HistoryDamaged, HistoryEntry, changes_bringing_in
from desktop.storage.library import (
    INBOX_IGNORED,
    INBOX_INSTALLED,
    INBOX_SEEN,
    INVALID,
    NOT_NEWER,
    NOTHING_TO_REVERT,
    SCHEMA_TOO_NEW,
    SIGNATURE,
    STALE,
    InstallRefused,
    PackLibrary,
    acknowledgment_receipt,
)
from desktop.storage.pack_file import write_tables_atomic
from desktop.storage.publish import highest_machine_version, publish, read_tables
from desktop.storage.signing import MISSING, TAMPERED, UNKNOWN_KEY, sign_file, signature_path
from tests.conftest import REPO
from tests.helpers import doc_by_id, node
from tests.supervisor_helpers import flip_byte, make_key, set_summary, set_verdict, signed_pack, tables_at


@pytest.fixture
def key(tmp_path):
    return make_key(tmp_path / "keys")


@pytest.fixture
def bundled(mini_pack_path):
    """A copy of the mini pack (data version 3) standing in for the pack built into the app."""
    return mini_pack_path


@pytest.fixture
def library(user_base, bundled, key):
    return PackLibrary(user_base / "data", bundled=bundled, trusted_keys=[key[1]])


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(library: PackLibrary, path: Path, **kwargs) -> InstallRefused:
    before = library.store.read_state()
    with pytest.raises(InstallRefused) as exc:
        library.prepare_install(path, **kwargs)
    assert library.store.read_state() == before  # nothing changed
    return exc.value


# --- the round trip -------------------------------------------------------------------------------------


def test_edit_publish_install_what_changed_revert(tmp_path, library, bundled, key):
    bundled_sha = sha(bundled)
    tables = read_tables(bundled)  # the supervisor's edit: one provision, one outcome's verdict
    set_summary(tables, "MCC-2-173-020(a)(1)", "CPD may not hold anyone for civil immigration reasons.")
    set_verdict(tables, "S08", "o_release", "refer")
    published = publish(tables, tmp_path / "out" / "PACK.json", key[0])
    assert published.data_version == 4

    plan = library.prepare_install(published.path)
    assert (plan.old_version, plan.new_version, plan.active_origin) == (3, 4, "bundled")
    assert plan.key.key_id == key[1].key_id and plan.warnings == ()
    [outcome] = plan.diff.outcomes
    assert (outcome.scenario_id, outcome.node_id, outcome.old_verdict, outcome.new_verdict) == (
        "S08", "o_release", "not_permitted", "refer")
    [provision] = plan.diff.provisions
    assert provision.id == "MCC-2-173-020(a)(1)" and [f.field for f in provision.fields] == ["summary"]
    text = "\n".join(plan.summary_lines())
    assert "PACK.json: Encounter Guide test pack, data version 4" in text
    assert "S08 ICE sends a detainer for someone about to be released › o_release: NOT PERMITTED → CALL SUPERVISOR" in text

    entry = library.install(plan)
    active = library.load_active()
    assert (active.origin, active.loaded.sha256, active.notices) == ("installed", published.sha256, [])
    assert (entry.from_version, entry.to_version, entry.source_name) == (3, 4, "PACK.json")
    assert library.current.is_file() and signature_path(library.current).is_file()
    assert library.active_path() == library.current

    whats_new = library.changes_since(3)
    assert [e.to_version for e in whats_new] == [4]
    assert whats_new[0].diff.outcomes[0].new_verdict == "refer"

    revert_plan = library.prepare_revert()
    assert revert_plan.target_origin == "bundled"
    assert revert_plan.diff.outcomes[0].new_verdict == "not_permitted"
    back = library.revert(revert_plan)
    assert (back.action, back.from_version, back.to_version) == ("revert", 4, 3)
    assert library.load_active().origin == "bundled"
    assert library.previous.is_file(), "the pack reverted from is kept"
    assert library.load_active().loaded.pack.meta.data_version == 3

    library.revert()  # and a second revert undoes the first
    assert library.load_active().loaded.sha256 == published.sha256
    assert sha(bundled) == bundled_sha, "the bundled pack is never modified"


def test_install_keeps_the_pack_in_use_as_previous(tmp_path, library, key):
    v4 = signed_pack(tables_at(4), tmp_path / "v4.json", key[0])
    v5 = signed_pack(tables_at(5), tmp_path / "v5.json", key[0])
    library.install(library.prepare_install(v4))
    library.install(library.prepare_install(v5))
    assert library.load_active().loaded.sha256 == sha(v5)
    assert library.previous.read_bytes() == v4.read_bytes()
    assert signature_path(library.previous).read_bytes() == signature_path(v4).read_bytes()
    library.revert()
    active = library.load_active()
    assert (active.origin, active.loaded.sha256) == ("installed", sha(v4))


def test_going_back_to_a_kept_copy_that_cannot_be_used_names_it_by_its_path(tmp_path, library, key):
    """The refusal named the kept copy "pack.json", as every installed version's file is called: IT could not tell
    which one, nor where it is. It names the file by its path, for a changed copy and one that is not a pack."""
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    library.install(library.prepare_install(signed_pack(tables_at(5), tmp_path / "v5.json", key[0])))
    kept = library.previous
    flip_byte(kept)
    with pytest.raises(InstallRefused) as exc:
        library.prepare_revert()
    assert (exc.value.reason, exc.value.signature_reason) == (SIGNATURE, TAMPERED)
    assert exc.value.message.startswith(f"The previous data pack cannot be used: {kept}: has been changed since ")
    assert [problem.file for problem in exc.value.problems] == [str(kept)], "its problem too (revert --json's)"
    assert exc.value.file == kept, "revert --json's \"file\""
    kept.write_text("{", encoding="utf-8")
    with pytest.raises(InstallRefused) as exc:
        library.prepare_revert()
    assert exc.value.reason == INVALID
    assert exc.value.message.startswith(f"The previous data pack cannot be used: {kept}: is not valid JSON")
    assert [problem.file for problem in exc.value.problems] == [str(kept)]
    assert exc.value.file == kept


@pytest.mark.parametrize("change", ["another signed pack", "a changed byte", "its folder removed"])
def test_a_kept_copy_changed_after_the_check_is_not_gone_back_to(tmp_path, library, key, change):
    """Between Revert's list of what changes and the supervisor's yes, the kept copy was swapped for another signed
    pack, changed or removed: the revert was recorded and the window said "Back to data version 4" while the app
    used version 6 (never shown) or stayed on 5. Now it is refused, nothing changed, nothing recorded."""
    v4 = signed_pack(tables_at(4), tmp_path / "v4.json", key[0])
    v5 = signed_pack(tables_at(5), tmp_path / "v5.json", key[0])
    library.install(library.prepare_install(v4))
    library.install(library.prepare_install(v5))
    plan = library.prepare_revert()
    assert plan.target.sha256 == sha(v4)
    kept, before, history = library.previous, library.store.read_state(), library.history()
    if change == "another signed pack":
        v6 = signed_pack(tables_at(6), tmp_path / "v6.json", key[0])
        shutil.copyfile(v6, kept)
        shutil.copyfile(signature_path(v6), signature_path(kept))
    elif change == "a changed byte":
        flip_byte(kept)
    else:
        shutil.rmtree(kept.parent)
    with pytest.raises(InstallRefused) as exc:
        library.revert(plan)
    assert exc.value.reason == {"another signed pack": STALE, "a changed byte": SIGNATURE,
                                "its folder removed": INVALID}[change]
    assert str(kept) in exc.value.message
    assert library.store.read_state() == before and library.history() == history
    active = library.load_active()
    assert (active.origin, active.loaded.sha256, active.notices) == ("installed", sha(v5), [])


def test_going_back_to_a_previous_pack_with_a_bad_signature_says_which_check_failed(tmp_path, library, key):
    """A revert to a kept pack whose .sig is gone, a link to nothing or not its own says which, as an install
    does: the refusal carried no signature reason, and the dialog read "Its signature cannot be read" for all."""
    v4 = signed_pack(tables_at(4), tmp_path / "v4.json", key[0])
    v5 = signed_pack(tables_at(5), tmp_path / "v5.json", key[0])
    library.install(library.prepare_install(v4))
    library.install(library.prepare_install(v5))
    sig = signature_path(library.previous)
    sig.unlink()
    with pytest.raises(InstallRefused) as exc:
        library.prepare_revert()
    assert (exc.value.reason, exc.value.signature_reason, exc.value.signature_link) == (SIGNATURE, MISSING, None)
    assert exc.value.message.startswith("The previous data pack cannot be used: ")
    sig.symlink_to(tmp_path / "gone" / "v4.json.sig")
    with pytest.raises(InstallRefused) as exc:
        library.prepare_revert()
    assert (exc.value.signature_reason, exc.value.signature_link) == (MISSING, str(tmp_path / "gone" / "v4.json.sig"))
    sig.unlink()
    sig.write_bytes(signature_path(v5).read_bytes())  # v5's signature beside v4's bytes
    with pytest.raises(InstallRefused) as exc:
        library.prepare_revert()
    assert (exc.value.reason, exc.value.signature_reason) == (SIGNATURE, TAMPERED)
    assert library.load_active().loaded.sha256 == sha(v5), "nothing went back"


# --- refusals -------------------------------------------------------------------------------------------


def test_a_tampered_byte_is_refused(tmp_path, library, key):
    pack = signed_pack(tables_at(4), tmp_path / "PACK.json", key[0])
    flip_byte(pack)
    exc = refused(library, pack)
    assert (exc.reason, exc.signature_reason) == (SIGNATURE, TAMPERED)
    assert exc.message == ("PACK.json: has been changed since it was signed (or was copied only in part): "
                           "its SHA-256 is not the one its signature file PACK.json.sig records. Do not use it.")


def test_a_signature_damaged_past_its_checks_is_refused_as_the_signature_file(tmp_path, library, key):
    """The pack is the one its signature file records (same SHA-256): the refusal blames the signature file
    ("Its signature cannot be read" in the app), not a change to the pack."""
    import base64

    from desktop.storage.signing import INVALID as SIGNATURE_INVALID
    from desktop.storage.signing import signature_path

    pack = signed_pack(tables_at(4), tmp_path / "PACK.json", key[0])
    sig = json.loads(signature_path(pack).read_text())
    raw = bytearray(base64.b64decode(sig["signature"]))
    raw[3] ^= 0x01
    sig["signature"] = base64.b64encode(bytes(raw)).decode("ascii")
    signature_path(pack).write_text(json.dumps(sig))
    exc = refused(library, pack)
    assert (exc.reason, exc.signature_reason) == (SIGNATURE, SIGNATURE_INVALID)
    assert "the signature in it is most likely damaged" in exc.message


def test_a_pack_signed_with_a_key_the_app_does_not_trust_is_refused(tmp_path, library):
    stranger, _ = make_key(tmp_path / "stranger", "Stranger")
    pack = signed_pack(tables_at(4), tmp_path / "PACK.json", stranger)
    exc = refused(library, pack)
    assert (exc.reason, exc.signature_reason) == (SIGNATURE, UNKNOWN_KEY)
    assert "which this app does not trust" in exc.message


def test_a_truncated_pack_is_refused(tmp_path, library, key):
    pack = signed_pack(tables_at(4), tmp_path / "PACK.json", key[0])
    pack.write_bytes(pack.read_bytes()[: len(pack.read_bytes()) // 2])
    exc = refused(library, pack)
    assert exc.signature_reason == TAMPERED and "copied only in part" in exc.message


def test_an_unsigned_pack_is_refused(tmp_path, library):
    pack = tmp_path / "PACK.json"
    write_tables_atomic(tables_at(4), pack)
    exc = refused(library, pack)
    assert exc.signature_reason == MISSING
    assert exc.message.startswith("PACK.json: is not signed: the signature file PACK.json.sig is missing.")


def test_a_signature_that_is_a_link_to_nothing_is_named_as_one_and_refused_as_missing(tmp_path, library):
    """A PACK.json.sig that is a link pointing nowhere was said to be "missing": a supervisor looking at the folder
    sees a file there. The words say what it is; the refusal is still MISSING, as for no .sig at all."""
    pack = tmp_path / "PACK.json"
    write_tables_atomic(tables_at(4), pack)
    signature_path(pack).symlink_to(tmp_path / "gone" / "PACK.json.sig")
    exc = refused(library, pack)
    assert (exc.reason, exc.signature_reason) == (SIGNATURE, MISSING)
    assert exc.message == (f"PACK.json: is not signed: the signature file PACK.json.sig is a link to "
                           f"{tmp_path / 'gone' / 'PACK.json.sig'}, which does not exist. Only install data packs "
                           "published by your department.")


def test_a_signature_linking_to_nothing_whose_target_holds_a_line_feed_is_named_on_one_line(tmp_path, library):
    """The link's target is named in the refusal's words (Install's dialog, the watched folder's note): a target
    named 'gone<LF>Signature OK, signed by CPD' put that line of its own under them. str() of the problem is one
    line, the line feed written as its escape; the refusal's message keeps the real name, escaped where it is shown
    (tests/ui/test_data_menu.py, tests/e2e/test_supervisor_cli.py)."""
    pack = tmp_path / "PACK.json"
    write_tables_atomic(tables_at(4), pack)
    signature_path(pack).symlink_to(tmp_path / "gone\nSignature OK, signed by CPD\r.sig")
    exc = refused(library, pack)
    assert (exc.reason, exc.signature_reason) == (SIGNATURE, MISSING)
    assert exc.message == (f"PACK.json: is not signed: the signature file PACK.json.sig is a link to {tmp_path}/"
                           "gone\nSignature OK, signed by CPD\r.sig, which does not exist. Only install "
                           "data packs published by your department.")
    assert str(exc.problems[0]) == exc.message.replace("\n", "\\u000a").replace("\r", "\\u000d")


def test_a_refusal_s_message_names_the_file_as_written_not_escaped_already(tmp_path, user_base, bundled, key,
                                                                            library):
    """Every refusal's message was made of str(problem), which escapes a name's line feed: the command line and the
    dialog escaped it again (a backslash before "u000a", a name no file has), and the watched folder's --json carried
    the escape as if it were part of the name. The message names the file as it is, for each caller to escape once."""
    name = "bad\nname\u202e.json"
    unsigned = tmp_path / name
    write_tables_atomic(tables_at(4), unsigned)
    assert refused(library, unsigned).message.startswith(f"{name}: is not signed: the signature file {name}.sig ")
    unreadable = tmp_path / "in" / name
    unreadable.parent.mkdir()
    unreadable.write_text("{", encoding="utf-8")
    sign_file(unreadable, key[0])
    untrusting = PackLibrary(user_base / "other", bundled=bundled, trusted_keys=[])
    invalid, unknown_key = refused(library, unreadable), refused(untrusting, unreadable)
    assert (invalid.reason, unknown_key.signature_reason) == (INVALID, UNKNOWN_KEY)
    assert invalid.message.startswith(f"{name}: is not valid JSON"), invalid.message
    assert unknown_key.message.startswith(f"{name}: "), unknown_key.message
    watching = PackLibrary(user_base / "data", bundled=bundled, trusted_keys=[key[1]], inbox=tmp_path / "in")
    [result] = watching.scan_inbox()
    assert result.as_dict()["message"].startswith(f"{name}: ")
    assert str(result).startswith("bad\\u000aname\\u202e.json: ignored: ") and "\n" not in str(result)


def test_the_inbox_decides_on_a_pack_whose_signature_links_to_nothing_as_on_an_unsigned_one(tmp_path, library, key,
                                                                                            monkeypatch):
    """The watched folder's decisions rest on the reasons, not the words: a .sig linking nowhere is ignored as not
    signed (SIGNATURE), remembered like an unsigned pack (not looked at again), and looked at once it is signed."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    monkeypatch.setenv("ENCOUNTER_GUIDE_INBOX", str(inbox))
    write_tables_atomic(tables_at(4), inbox / "a-unsigned.json")
    write_tables_atomic(tables_at(5), inbox / "b-link.json")
    signature_path(inbox / "b-link.json").symlink_to("/nonexistent/b-link.json.sig")

    first = {r.path.name: r for r in library.scan_inbox()}
    assert [(r.status, r.reason) for r in first.values()] == [(INBOX_IGNORED, SIGNATURE)] * 2
    assert "b-link.json.sig is a link to /nonexistent/b-link.json.sig, which does not exist" in first["b-link.json"].message
    assert "a-unsigned.json.sig is missing" in first["a-unsigned.json"].message
    seen = json.loads(library.inbox_seen_file.read_text())["files"]
    assert sorted((v["name"], v["status"], v["reason"]) for v in seen.values()) == [
        ("a-unsigned.json", INBOX_IGNORED, SIGNATURE), ("b-link.json", INBOX_IGNORED, SIGNATURE)]
    assert [r.status for r in library.scan_inbox()] == [INBOX_SEEN, INBOX_SEEN]

    signature_path(inbox / "b-link.json").unlink()
    sign_file(inbox / "b-link.json", key[0])
    assert {r.path.name: r.status for r in library.scan_inbox()}["b-link.json"] == INBOX_INSTALLED


def test_an_older_or_equal_version_is_refused_unless_forced(tmp_path, library, key):
    library.install(library.prepare_install(signed_pack(tables_at(5), tmp_path / "v5.json", key[0])))
    older = signed_pack(tables_at(4), tmp_path / "v4.json", key[0])
    exc = refused(library, older)
    assert exc.reason == NOT_NEWER
    assert exc.message == ("v4.json is data version 4, which is not newer than the data in use "
                           "(data version 5, as of 2 Feb 2026). Nothing was installed.")
    again = refused(library, tmp_path / "v5.json")
    assert "the very pack already in use" in again.message

    plan = library.prepare_install(older, force=True)
    assert plan.forced and "installing it anyway" in plan.warnings[0]
    library.install(plan)
    assert library.load_active().loaded.pack.meta.data_version == 4


def test_a_schema_from_the_future_is_refused(tmp_path, library, key):
    tables = tables_at(4)
    tables["meta"]["1"]["schema_version"] = 99
    pack = signed_pack(tables, tmp_path / "PACK.json", key[0])
    exc = refused(library, pack)
    assert exc.reason == SCHEMA_TOO_NEW
    assert "this pack was made for a newer version of the app" in exc.message
    assert "Update the app before installing this pack." in exc.message


def test_a_signed_pack_with_broken_trees_is_refused(tmp_path, library, key):
    tables = set_verdict(tables_at(4), "S08", "o_release", "maybe")
    tables["scenarios"]["1"]["start"] = "nowhere"
    exc = refused(library, signed_pack(tables, tmp_path / "PACK.json", key[0]))
    assert exc.reason == INVALID and len(exc.problems) >= 1
    assert exc.message.startswith("PACK.json › scenarios")


def test_a_plan_made_before_another_install_is_refused(tmp_path, library, key):
    plan4 = library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0]))
    library.install(library.prepare_install(signed_pack(tables_at(5), tmp_path / "v5.json", key[0])))
    with pytest.raises(InstallRefused) as exc:
        library.install(plan4)
    assert exc.value.reason == STALE and "Check it again" in exc.value.message


def test_nothing_to_revert(library):
    with pytest.raises(InstallRefused) as exc:
        library.revert()
    assert exc.value.reason == NOTHING_TO_REVERT
    assert exc.value.file is None
    assert exc.value.message == "There is no earlier data pack to go back to."


# --- installed packs are checked at every start ---------------------------------------------------------


def _v4_then_a_tampered_v5(tmp_path, library, key):
    """Versions 4 and 5 installed, 5's file changed since it was signed: v4's source file and 5's installed file."""
    v4 = signed_pack(tables_at(4), tmp_path / "v4.json", key[0])
    v5 = signed_pack(tables_at(5), tmp_path / "v5.json", key[0])
    library.install(library.prepare_install(v4))
    library.install(library.prepare_install(v5))
    installed = library.current
    flip_byte(installed)
    return v4, installed


def test_a_tampered_installed_pack_is_set_aside_and_named(tmp_path, library, key):
    v4, installed = _v4_then_a_tampered_v5(tmp_path, library, key)
    active = library.load_active()
    assert (active.origin, active.loaded.sha256) == ("previous", sha(v4))
    [notice] = active.notices
    assert notice.startswith("The installed data pack (data version 5) could not be used and was set aside: "
                             "pack.json: has been changed since it was signed")
    assert notice.data_version == 5, "the version it is about, as data: the window merges by it, not by the words"
    moved = list(library.set_aside_folder.iterdir())
    assert any(p.is_dir() and p.name.startswith("v5-") for p in moved), "kept for inspection, not deleted"
    assert any(p.name.endswith(".reason.txt") for p in moved)
    assert str(library.set_aside_folder) in notice
    again = library.load_active()  # the next start is quiet and still on the good pack
    assert (again.origin, again.loaded.sha256, again.notices) == ("previous", sha(v4), [])


def test_an_installed_pack_whose_folder_is_gone_is_named_as_missing_not_as_set_aside(tmp_path, library, key):
    """The notice said "could not be used and was set aside", naming nowhere it went: nothing had been moved."""
    v4, _ = _v4_then_a_tampered_v5(tmp_path, library, key)
    folder = library.current.parent
    shutil.rmtree(folder)
    active = library.load_active()
    assert (active.origin, active.loaded.sha256) == ("previous", sha(v4))
    assert active.notices == [f"The installed data pack (data version 5) is no longer on this computer: its folder "
                              f"{folder} was removed, so there was nothing to set aside."]
    assert not library.set_aside_folder.exists(), "nothing was moved, so no set-aside folder"


def test_an_installed_pack_that_cannot_be_moved_aside_is_named_as_left_in_place(tmp_path, library, key, monkeypatch):
    _v4_then_a_tampered_v5(tmp_path, library, key)
    folder = library.current.parent

    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(src))

    monkeypatch.setattr(os, "replace", refuse)
    [notice] = library.load_active(read_only=False).notices
    assert notice.startswith("The installed data pack (data version 5) could not be used: pack.json: has been "
                             "changed since it was signed")
    assert notice.endswith("It could not be moved aside, so it was left where it is, not used: permission denied "
                           "(the folder is read-only for this user).")
    assert "was set aside" not in notice and folder.is_dir()


def test_looking_read_only_leaves_a_tampered_installed_pack_and_the_record_where_they_are(tmp_path, library, key):
    """The editor compares a draft with the data in use: only looking must not move a bad pack aside or
    rewrite the record of installed packs (the officer app, at its next start, does that and says so)."""
    v4, installed = _v4_then_a_tampered_v5(tmp_path, library, key)
    state = library.store.state_file.read_bytes()
    active = library.load_active(read_only=True)
    assert (active.origin, active.loaded.sha256) == ("previous", sha(v4))
    [notice] = active.notices
    assert notice.startswith("The installed data pack (data version 5) could not be used: pack.json: has been "
                             "changed since it was signed")
    assert installed.is_file() and not library.set_aside_folder.exists()
    assert library.store.state_file.read_bytes() == state
    assert library.load_active().origin == "previous"  # the officer app's own load still sets it aside
    assert not installed.exists()


def test_an_installed_pack_whose_key_was_withdrawn_is_not_used(tmp_path, user_base, bundled, library, key):
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    _, other = make_key(tmp_path / "other", "Other")
    active = PackLibrary(library.root, bundled=bundled, trusted_keys=[other]).load_active()
    assert active.origin == "bundled"
    assert "which this app does not trust" in active.notices[0]
    assert active.notices[0].data_version == 4


def test_the_app_s_own_newer_data_wins_over_an_older_installed_update(tmp_path, library, bundled, key):
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    write_tables_atomic(tables_at(7), bundled)  # the app was updated and ships data version 7
    active = library.load_active()
    assert (active.origin, active.loaded.pack.meta.data_version) == ("bundled", 7)
    assert "is newer than the installed update (data version 4)" in active.notices[0]
    assert active.notices[0].data_version == 4, "about the installed update left unused"


def test_a_damaged_state_file_falls_back_to_the_newest_good_installed_pack(tmp_path, library, key):
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    library.install(library.prepare_install(signed_pack(tables_at(5), tmp_path / "v5.json", key[0])))
    library.store.state_file.write_text("{ not json")
    active = library.load_active()
    assert (active.origin, active.loaded.pack.meta.data_version) == ("installed", 5)
    assert "record of installed data packs was damaged" in active.notices[0]
    assert library.load_active().notices == []  # repaired


def test_load_active_without_verification_keeps_the_old_behaviour(tmp_path, library, key):
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    signature_path(library.current).unlink()
    assert library.load_active(verify=None).origin == "installed"
    assert library.load_active().origin == "bundled"


# --- history, what's new, receipt -----------------------------------------------------------------------


def test_changes_since_the_version_last_seen(tmp_path, library, key):
    for version in (4, 5, 6):
        library.install(library.prepare_install(signed_pack(tables_at(version), tmp_path / f"v{version}.json", key[0])))
    assert [e.to_version for e in library.changes_since(4)] == [5, 6]
    assert [e.to_version for e in library.changes_since(6)] == []
    assert [e.to_version for e in library.changes_since(None)] == [6]
    library.revert()
    assert [(e.action, e.to_version) for e in library.changes_since(6)] == [("revert", 5)]
    stored = json.loads(library.history_file.read_text())
    assert stored["entries"][0]["source_name"] == "v4.json"  # a name only: no folders, no user names
    assert str(tmp_path) not in library.history_file.read_text()
    assert library.history()[0].summary_lines()[0].endswith("installed data version 4 (as of 2 Feb 2026) from v4.json.")


def test_an_install_and_a_revert_write_down_the_words_officers_read_for_what_they_changed(tmp_path, library, key):
    """What's new read each past version's pack again to show its words (and could not once it was pruned),
    keeping room for them meanwhile that today's words measured: a past version's longer words then moved
    everything under them. The words are written down when the change comes in, with the rest of the entry; a
    hand-edited "words" that this app did not write is left out (the pack is read, as for an older entry)."""
    v4 = set_verdict(set_summary(tables_at(4), "IL-720-7-15", "Words of version 4."), "S08", "o_release", "refer")
    library.install(library.prepare_install(signed_pack(v4, tmp_path / "v4.json", key[0])))
    library.revert()
    installed, reverted = library.history()
    assert installed.words is not None and installed.words.rules == {"IL-720-7-15": "Words of version 4."}
    headline = node(doc_by_id(v4, "scenarios", "S08"), "o_release")["headline"]
    assert installed.words.answers == {"S08": {"o_release": headline}}
    assert reverted.words is not None and reverted.words.rules["IL-720-7-15"] != "Words of version 4."

    stored = json.loads(library.history_file.read_text())
    stored["entries"][0]["words"] = {"answers": {"S08": {"o_release": 7}}, "rules": {}}
    del stored["entries"][1]["words"]
    library.history_file.write_text(json.dumps(stored))
    assert [entry.words for entry in library.history()] == [None, None]


def test_the_words_written_down_in_the_history_are_bounded_newest_kept(tmp_path, library, key, monkeypatch):
    """Every install wrote its words into history.json with no bound but the 200 entries: an update of a 10,000-rule
    pack amending every rule and answer writes some 2.8 MB of them (synth_pack.py), so the history could hold half a
    gigabyte of words, read whole at every What's new. The newest entries keep theirs within MAX_WORDS_BYTES; an
    older one is written without, and What's new reads its pack, as for an entry recorded before words were kept."""
    from desktop.storage import history

    v4 = set_summary(tables_at(4), "IL-720-7-15", "Words of version 4.")
    library.install(library.prepare_install(signed_pack(v4, tmp_path / "v4.json", key[0])))
    [first] = library.history()
    assert first.words is not None
    one = len(json.dumps(first.words.as_dict(), ensure_ascii=False).encode("utf-8"))
    monkeypatch.setattr(history, "MAX_WORDS_BYTES", one + one // 2, raising=False)  # room for one entry's words
    v5 = set_summary(tables_at(5), "IL-720-7-15", "Words of version 5, a little longer.")
    library.install(library.prepare_install(signed_pack(v5, tmp_path / "v5.json", key[0])))
    older, newest = library.history()
    assert older.words is None and older.diff is not None, "the older entry keeps its diff, not its words"
    assert newest.words is not None and newest.words.rules == {"IL-720-7-15": "Words of version 5, a little longer."}
    assert "Words of version 4." not in library.history_file.read_text(encoding="utf-8")


def test_a_damaged_history_is_kept_aside_not_overwritten(tmp_path, library, key):
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    earlier = library.history_file.read_bytes()
    library.history_file.write_bytes(earlier[: len(earlier) // 2])  # cut short
    assert library.history() == []  # the app's "What's new" reads it as empty, and moves nothing
    library.install(library.prepare_install(signed_pack(tables_at(5), tmp_path / "v5.json", key[0])))
    assert [e.to_version for e in library.history()] == [5]  # a new history
    [kept] = library.root.glob("history.damaged-*.json")
    assert kept.read_bytes() == earlier[: len(earlier) // 2]  # the earlier records, as they were

    library.history_file.write_text('{"entries": 7}')
    with pytest.raises(HistoryDamaged) as exc:
        library.history(checked=True)
    assert exc.value.kept is not None and exc.value.kept.read_text() == '{"entries": 7}'
    assert exc.value.why == "it does not hold the records in the expected form"
    assert not library.history_file.exists() and library.history(checked=True) == []


def test_a_history_holding_a_number_too_long_to_read_is_damaged_like_any_other(tmp_path, library, key):
    """An integer of more than 4,300 digits is a ValueError in Python's json, which the record files' reader let
    through (it caught a nesting past the recursion limit, not this): the officer app's "What's new" and every
    publish (the versions this machine knows) stopped with a traceback."""
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    library.history_file.write_text('{"entries": [{"to_version": ' + "9" * 5000 + "}]}")
    assert library.changes_since(None) == []  # read as empty, moved nowhere
    assert highest_machine_version(library.root) == 4
    with pytest.raises(HistoryDamaged) as exc:
        library.history(checked=True)
    assert exc.value.why == "it is not a record this app wrote (a number in it is thousands of digits long)"
    assert exc.value.kept is not None


def test_a_history_of_more_entries_than_the_app_writes_reads_only_the_newest(tmp_path, library, key):
    """The app keeps 200 entries; a hand-made history.json of 10,000 (11 MB) was read whole, and What's new built
    60,000 labels for it on the window's thread: 33 s of CPU, a minute frozen. Only the newest MAX_ENTRIES are read
    now, and the file is left as it is."""
    from desktop.storage.history import MAX_ENTRIES

    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    stored = json.loads(library.history_file.read_text())
    [entry] = stored["entries"]
    stored["entries"] = [{**entry, "at": f"2026-01-01T00:00:{n:06d}"} for n in range(MAX_ENTRIES + 300)]
    library.history_file.write_text(json.dumps(stored))
    before = library.history_file.read_bytes()
    entries = library.history(checked=True)
    assert len(entries) == MAX_ENTRIES
    assert entries[-1].at == f"2026-01-01T00:00:{MAX_ENTRIES + 299:06d}", "the newest kept"
    assert len(library.changes_since(3)) == MAX_ENTRIES
    assert library.history_file.read_bytes() == before


def _sparse(path: Path, size: int) -> None:
    """``path`` a file of ``size`` bytes that takes no room on disk (a 2 GiB history.json, hand-made or damaged)."""
    with open(path, "wb") as handle:
        handle.truncate(size)


def test_a_record_file_larger_than_any_this_app_writes_is_not_read_into_memory(tmp_path, library, key):
    """history.json, state.json and inbox-seen.json were read whole, however large: a 2 GiB history.json took 4 GiB
    of memory and 21 s on the window's thread as What's new opened (state.json is read at every start). One larger
    than any record this app writes is damage now, named so, and read no further: the history is moved aside as any
    damaged one is, the state falls back to the newest good installed pack, the folder's memory starts anew."""
    import tracemalloc

    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    size = 300 * 1024 * 1024
    _sparse(library.history_file, size)
    _sparse(library.inbox_seen_file, size)
    _sparse(library.root / "published.json", size)
    tracemalloc.start()
    try:
        assert library.history() == []
        with pytest.raises(HistoryDamaged) as exc:
            library.history(checked=True)
        assert library._read_seen() == {}
        _sparse(library.store.state_file, size)
        with pytest.raises(versions.StateError, match="larger than any record"):
            library.store.read_state()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert exc.value.why == "it is 300 MiB, larger than any record this app writes"
    assert exc.value.kept is not None and exc.value.kept.stat().st_size == size  # kept, not lost
    assert peak < size // 10, f"{peak // (1024 * 1024)} MiB read into memory"
    assert highest_machine_version(library.root) == 4  # published.json: none legible, and not read whole
    active = library.load_active()
    assert (active.origin, active.loaded.pack.meta.data_version) == ("installed", 4)
    assert "state.json" in active.notices[0] and "larger than any record this app writes" in active.notices[0]


@pytest.mark.parametrize("words", ["Shown \u202eKCOLC 111 .C.S.U 81", "A NUL\x00 in the words", "A bell \x07",
                                   "Words " * 400_000])
def test_history_words_no_pack_can_hold_are_left_out(tmp_path, library, key, words):
    """What's new shows an update's words from history.json, which anyone can edit: a right-to-left override
    turned them around on screen ("18 U.S.C. 111" read backwards), a NUL cut them off, 2 MB of words froze it for 9 s
    as it opened. No valid pack holds such characters or so many words (check refuses them), so such words are not
    this app's: left out, and the pack is read instead."""
    v4 = set_verdict(set_summary(tables_at(4), "IL-720-7-15", "Words of version 4."), "S08", "o_release", "refer")
    library.install(library.prepare_install(signed_pack(v4, tmp_path / "v4.json", key[0])))
    stored = json.loads(library.history_file.read_text())
    recorded = stored["entries"][0]["words"]
    for where in (lambda: recorded["rules"].__setitem__("IL-720-7-15", words),
                  lambda: recorded["answers"]["S08"].__setitem__("o_release", words)):
        kept = json.loads(json.dumps(recorded))
        where()
        library.history_file.write_text(json.dumps(stored))
        assert library.history()[0].words is None
        recorded.clear()
        recorded.update(kept)
    library.history_file.write_text(json.dumps(stored))
    assert library.history()[0].words is not None  # the words this app wrote are kept


def test_the_longest_history_words_kept_are_the_longest_a_pack_holds():
    from desktop.storage.history import LONGEST_HEADLINE, LONGEST_RULE_WORDS, BroughtInWords

    schema = json.loads((REPO / "data" / "schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["line"]["maxLength"] == LONGEST_HEADLINE
    assert schema["$defs"]["provision"]["properties"]["summary"]["maxLength"] == LONGEST_RULE_WORDS
    longest = {"answers": {"S08": {"o_release": "h" * LONGEST_HEADLINE}}, "rules": {"P": "w" * LONGEST_RULE_WORDS}}
    assert BroughtInWords.from_dict(longest) == BroughtInWords(longest["answers"], longest["rules"])


@pytest.mark.parametrize("change", [{"to_version": None}, {"to_version": "7"}, {"to_version": True}, {"at": 5},
                                    {"from_version": "4"}, {"action": "delete"}, {"to_as_of": [2026]},
                                    {"to_sha256": None}, {"key_id": 7}])
def test_a_history_entry_of_the_wrong_kind_is_damage_not_a_traceback(tmp_path, library, key, change):
    """A hand-edited history ({"to_version": null}, a time written as a number) was read as entries, and What's
    new and `history --since` stopped with a TypeError comparing versions, `history` with an AttributeError."""
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    doc = json.loads(library.history_file.read_text(encoding="utf-8"))
    doc["entries"][0].update(change)
    library.history_file.write_text(json.dumps(doc), encoding="utf-8")
    assert library.changes_since(3) == [] and library.history() == []  # read as empty, moved nowhere
    with pytest.raises(HistoryDamaged) as exc:
        library.history(checked=True)
    assert exc.value.why == "it does not hold the records in the expected form"
    assert json.loads(exc.value.kept.read_text(encoding="utf-8")) == doc


def test_a_history_that_cannot_be_opened_for_now_is_left_as_it_is(tmp_path, library, key, monkeypatch):
    """Any error opening history.json (a permission, a Windows sharing lock, a failing disk) was taken as
    damage: `history` moved a whole file aside and the next install started a new one, losing the records.
    Only bad contents are damage; a file that cannot be read now is left untouched and not written over."""
    from pathlib import Path

    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    earlier = library.history_file.read_bytes()
    from desktop.storage import history

    real_read = history.read_record_bytes

    def locked(path):
        if Path(path) == library.history_file:
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(history, "read_record_bytes", locked)
    with pytest.raises(HistoryDamaged) as exc:
        library.history(checked=True)
    assert exc.value.kept is None and not exc.value.damaged and "permission denied" in exc.value.why
    library.install(library.prepare_install(signed_pack(tables_at(5), tmp_path / "v5.json", key[0])))
    assert library.history_file.read_bytes() == earlier, "not written over while it could not be read"
    assert not list(library.root.glob("history.damaged-*.json"))
    monkeypatch.undo()
    assert [e.to_version for e in library.history()] == [4]


def test_a_forced_install_says_so_in_the_history(tmp_path, library, key):
    library.install(library.prepare_install(signed_pack(tables_at(5), tmp_path / "v5.json", key[0])))
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0]), force=True))
    head = library.history()[-1].summary_lines()[0]
    assert head.endswith("installed data version 4 (as of 2 Feb 2026) from v4.json (forced: older or same version).")
    assert "forced" not in library.history()[0].summary_lines()[0]


def test_the_receipt_says_what_changed_when_these_very_bytes_came_in(tmp_path, library, key):
    """The supervisors' `receipt` command took the latest *install* of these bytes, so after a revert it
    printed that old install's changes; the app took the latest entry of the same data version. One rule
    (changes_bringing_in) now serves both: the latest install or revert that brought in these bytes."""
    def receipt() -> str:
        return acknowledgment_receipt(library.load_active().loaded, history=library.history())

    assert "What changed" not in receipt(), "the built-in pack: nothing on record"
    for version in (4, 5):
        library.install(library.prepare_install(signed_pack(tables_at(version), tmp_path / f"v{version}.json", key[0])))
    assert "What changed:\n  Data version 4 → 5" in receipt()
    library.revert()
    assert "What changed:\n  Data version 5 → 4" in receipt(), "what the officer just saw change, not the old install"
    library.revert()
    assert "What changed:\n  Data version 4 → 5" in receipt()


def test_pack_brought_in_is_the_entrys_exact_bytes_while_kept(library, key, tmp_path):
    """What's new reads a past entry's words from the pack it brought in: an installed version kept in
    packs/versions/, or the built-in pack a revert went back to; never other bytes of the same version."""
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    library.revert()
    install, revert = library.history()
    assert library.pack_brought_in(install).sha256 == install.to_sha256 == sha(library.previous)
    assert library.pack_brought_in(revert).path == library.bundled
    flip_byte(library.previous)  # the kept copy is no longer the bytes installed
    assert library.pack_brought_in(install) is None
    assert library.pack_brought_in(revert).pack.meta.data_version == 3


def test_pack_brought_in_checks_the_bundled_pack_once_a_session_for_the_same_bytes_and_stamp(library, key, tmp_path,
                                                                                              monkeypatch):
    """What's new checked the pack built into the app again at each opening for an entry that went back to it (some
    25-50 ms), while kept copies were kept checked for the session. It is checked once for the same bytes and the
    same stamp; a stamp changed or gone is checked again, and other bytes are not the entry's pack at all."""
    from desktop.storage import library as lib
    from desktop.storage.pack_file import stamp_path, write_stamp

    write_stamp(library.bundled)
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    library.revert()
    revert = library.history()[1]
    checked: list[Path] = []
    real_load = lib.load_pack_bytes
    monkeypatch.setattr(lib, "load_pack_bytes", lambda raw, path, **kw: (checked.append(path), real_load(raw, path, **kw))[1])

    first = library.pack_brought_in(revert)
    assert first.path == library.bundled and library.pack_brought_in(revert) is first and checked == [library.bundled]
    stamp_path(library.bundled).unlink()  # the checks the stamp stood for are made again
    assert library.pack_brought_in(revert).pack.meta.data_version == 3 and len(checked) == 2
    assert library.pack_brought_in(revert) is not first and len(checked) == 2
    flip_byte(library.bundled)
    assert library.pack_brought_in(revert) is None and len(checked) == 2


def test_the_checked_copies_kept_for_the_session_stay_under_their_byte_limit_the_newest_always_kept(
        library, key, tmp_path, monkeypatch):
    """The copies pack_brought_in keeps checked hold at most MAX_VERIFIED_BYTES of pack bytes: past it the least
    recently asked for is dropped (and checked again when asked for), but the one just asked for is always kept, even
    alone over the limit (tried by hand: one 15 MiB kept copy under the 16 MiB limit stays, What's new opening in
    70-90 ms instead of 1.6 s; two of them each push the other out, and both are checked at every opening)."""
    from desktop.storage import library as lib

    for version in (4, 5, 6):
        library.install(library.prepare_install(signed_pack(tables_at(version), tmp_path / f"v{version}.json", key[0])))
    four, five, _ = library.history()
    size = len(library.pack_brought_in(four).raw)
    kept = library._verified
    assert [k[1] for k in kept] == [four.to_sha256]
    monkeypatch.setattr(lib, "MAX_VERIFIED_BYTES", size + size // 2)  # room for one copy, not two
    library.pack_brought_in(five)
    assert [k[1] for k in kept] == [five.to_sha256], "the least recently asked for is dropped"
    monkeypatch.setattr(lib, "MAX_VERIFIED_BYTES", size // 2)  # not even one
    assert library.pack_brought_in(four) is library.pack_brought_in(four), "the one asked for is kept, alone"
    assert [k[1] for k in kept] == [four.to_sha256]


def test_pack_brought_in_is_a_kept_copy_whose_signature_holds(library, key, tmp_path):
    """history.json is not signed and sits beside the kept copies: a kept copy rewritten with other words, and the
    entry's SHA-256 edited to match, was read as the version the update brought in, and What's new showed its words
    as a signed pack's. A kept copy is read only while its signature holds against the trusted keys."""
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    library.install(library.prepare_install(signed_pack(tables_at(5), tmp_path / "v5.json", key[0])))
    install = library.history()[0]
    [kept] = [p for p in library.store.versions.iterdir() if p.name.startswith("v4-")]
    assert library.pack_brought_in(install) is not None, "a kept, signed copy is read"
    forged = set_summary(tables_at(4, json.loads((kept / "pack.json").read_bytes())), "IL-720-7-15",
                         "Words no signed pack says.")
    write_tables_atomic(forged, kept / "pack.json")
    forged_sha = hashlib.sha256((kept / "pack.json").read_bytes()).hexdigest()
    kept.rename(kept.with_name(f"v4-{forged_sha[:12]}0000"))  # named as the store names that copy
    tampered = HistoryEntry(INSTALL, install.at, 3, 4, install.to_as_of, to_sha256=forged_sha)
    assert library.pack_brought_in(tampered) is None


def test_changes_bringing_in_takes_the_latest_entry_for_those_bytes_only():
    def entry(sha: str, diff: object) -> HistoryEntry:
        return HistoryEntry(INSTALL, "2026-02-02T10:00:00", None, 4, "2026-02-02", to_sha256=sha, diff=diff)

    older, newer = object(), object()
    assert changes_bringing_in([entry("a", older), entry("b", newer)], "a") is older
    assert changes_bringing_in([entry("a", older), entry("a", None)], "a") is None, "not an older entry's diff"
    assert changes_bringing_in([entry("a", older)], "c") is None


def test_the_receipt_gives_an_amended_rules_words_as_the_version_signed_for_reads_them(library, key, tmp_path):
    """What's new shows an amended rule's new words ("Now reads: …"), but the receipt the officer signs said only
    "What changed: summary": they signed for having read a rule the paper did not hold. It now prints it, as the
    version the receipt is for reads it (after a revert, the words gone back to)."""
    def receipt() -> str:
        return acknowledgment_receipt(library.load_active().loaded, history=library.history())

    amended = "CPD may not hold anyone for civil immigration reasons."
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    before = library.load_active().loaded.pack.provision("MCC-2-173-020(a)(1)").summary
    tables = set_summary(tables_at(5), "MCC-2-173-020(a)(1)", amended)
    library.install(library.prepare_install(signed_pack(tables, tmp_path / "v5.json", key[0])))
    text = receipt()
    assert "Rules amended, as this version reads them:\n  MCC-2-173-020(a)(1)" in text
    assert f": {amended}\n" in text
    library.revert()
    assert f": {before}\n" in receipt() and amended not in receipt()


def test_acknowledgment_receipt(library):
    loaded = library.load_active().loaded
    receipt = acknowledgment_receipt(loaded)
    assert "Data version:  3" in receipt and "As of:         2 Feb 2026" in receipt
    assert "Published on:  2 Feb 2026" in receipt and "Reviewed on" not in receipt  # as the About box says
    assert " ".join(loaded.sha256[i:i + 8] for i in range(0, 64, 8)) in receipt
    assert "Officer name (print):  ____" in receipt and "Star no.:              ____" in receipt


# --- the watched folder ---------------------------------------------------------------------------------


def test_inbox_installs_the_newest_signed_pack_and_ignores_the_rest(tmp_path, library, key, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    monkeypatch.setenv("ENCOUNTER_GUIDE_INBOX", str(inbox))
    signed_pack(tables_at(4), inbox / "a-v4.json", key[0])
    newest = signed_pack(tables_at(6), inbox / "b-v6.json", key[0])
    write_tables_atomic(tables_at(9), inbox / "c-unsigned.json")
    tampered = signed_pack(tables_at(8), inbox / "d-tampered.json", key[0])
    flip_byte(tampered)
    before = {p.name: p.read_bytes() for p in inbox.iterdir()}

    results = {r.path.name: r for r in library.scan_inbox()}
    assert results["b-v6.json"].status == INBOX_INSTALLED
    assert results["a-v4.json"].status == INBOX_IGNORED and results["a-v4.json"].reason == NOT_NEWER
    assert results["c-unsigned.json"].status == INBOX_IGNORED and "is not signed" in results["c-unsigned.json"].message
    assert results["d-tampered.json"].reason == SIGNATURE
    assert "changed since it was signed" in results["d-tampered.json"].message
    assert library.load_active().loaded.sha256 == sha(newest)
    assert {p.name: p.read_bytes() for p in inbox.iterdir()} == before, "IT's files are never moved or changed"

    library.revert()  # a deliberate revert is not undone by the next start
    again = {r.path.name: r for r in library.scan_inbox()}
    assert again["b-v6.json"].status == INBOX_SEEN
    assert library.load_active().origin == "bundled"

    sign_file(inbox / "c-unsigned.json", key[0])  # once signed it is a new file and is looked at
    after = {r.path.name: r for r in library.scan_inbox()}
    assert after["c-unsigned.json"].status == INBOX_INSTALLED
    assert library.load_active().loaded.pack.meta.data_version == 9


def test_a_copy_in_the_inbox_of_a_file_looked_at_says_under_which_name(tmp_path, library):
    """A pack dropped twice ("update.json", "update (1).json"), unsigned: the copy was "seen before: looked at on …
    (ignored: is not signed: the signature file update.json.sig is missing)", the other file's signature named as its
    own, in the very scan that first looked at both. It says the name its bytes were looked at under."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_tables_atomic(tables_at(5), inbox / "update.json")
    shutil.copy(inbox / "update.json", inbox / "update (1).json")
    for scan in library.scan_inbox(inbox), library.scan_inbox(inbox):  # looked at in name order: "update (1)" first
        copy = {r.path.name: r for r in scan}["update.json"]
        day = copy.message.split(" on ")[1][:10]
        assert (copy.status, copy.message) == (INBOX_SEEN, (
            f"looked at on {day} as update (1).json (ignored: is not signed: the signature file update (1).json.sig "
            "is missing. Only install data packs published by your department); not looked at again"))


def test_a_file_in_the_inbox_that_is_no_pack_is_said_for_what_it_is_at_every_scan(tmp_path, library, key):
    """The watched folder's key files (the public key IT was sent, a private key copied there by mistake) are named
    for what they are; and at the next scan too: run twice, each line read "seen before: … (ignored)", the why
    gone, and a private key left in a shared folder was no longer mentioned. Older memories (no why) keep their
    words."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(key[0], inbox / "legal-key.json")
    shutil.copy(key[0].with_name(key[0].stem + ".pub.json"), inbox / "legal.pub.json")
    signed_pack(tables_at(2), inbox / "older.json", key[0])
    signed_pack(tables_at(5), inbox / "newer.json", key[0])
    signed_pack(tables_at(4), inbox / "middle.json", key[0])
    first = {r.path.name: r.message for r in library.scan_inbox(inbox)}
    assert first["legal-key.json"].startswith("legal-key.json: is a private signing key: whoever can read it can "
                                              "sign data packs in your department's name. Move it")
    assert first["legal.pub.json"].startswith(f"legal.pub.json: is a public key file (key {key[1].key_id}), not a "
                                              "data pack")
    again = {r.path.name: r for r in library.scan_inbox(inbox)}
    assert {r.status for r in again.values()} == {INBOX_SEEN}
    day = again["legal-key.json"].message.split(" on ")[1][:10]
    assert again["legal-key.json"].message == (
        f"looked at on {day} (ignored: is a private signing key: whoever can read it can sign data packs in your "
        "department's name. Move it to a folder only its owner can read, and tell the key's owner it was here. It is "
        "not a data pack); not looked at again")
    assert again["legal.pub.json"].message.startswith(f"looked at on {day} (ignored: is a public key file (key ")
    assert again["middle.json"].message == (f"looked at on {day} (ignored: data version 4: newer.json was newer "
                                            "(data version 5)); not looked at again")
    assert again["older.json"].message.startswith(f"looked at on {day} (ignored: older.json is data version 2, which "
                                                  "is not newer than the data in use")
    assert again["newer.json"].message == f"looked at on {day} (installed); not looked at again"


def test_a_pack_that_grows_while_the_scan_reads_it_is_remembered_by_the_bytes_checked(tmp_path, library, key,
                                                                                      monkeypatch):
    """A pack still being copied into the watched folder, its copy finishing while the scan looked at it: the scan read
    it twice, once for the memory of files looked at (half the file) and once to check it (the whole file, signed and
    newer: installed). Half the file was remembered as installed, so after a deliberate revert the next scan took the
    whole file for one never seen and installed it again. It is read once now: half a file is "not valid JSON" and
    not remembered, the whole file is installed at the next scan, and a revert then stays."""
    from desktop.storage import library as lib

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    whole = signed_pack(tables_at(4), tmp_path / "v4.json", key[0]).read_bytes()
    shutil.copy(signature_path(tmp_path / "v4.json"), inbox / "v4.json.sig")
    growing = inbox / "v4.json"
    growing.write_bytes(whole[: len(whole) // 2])
    real_read = lib.read_bytes

    def read_while_the_copy_goes_on(path):
        raw = real_read(path)
        if path == growing and growing.stat().st_size < len(whole):
            growing.write_bytes(whole)  # the copy finishes just after this read
        return raw

    monkeypatch.setattr(lib, "read_bytes", read_while_the_copy_goes_on)
    installs = []
    for _ in range(3):
        [result] = library.scan_inbox(inbox)
        installs.append(result.status == INBOX_INSTALLED)
        if result.status == INBOX_INSTALLED:
            library.revert()  # a deliberate revert: the next scans must not undo it
    assert installs.count(True) == 1, installs
    assert library.load_active().origin == "bundled"


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="file names there are always Unicode")
def test_a_file_whose_name_is_not_utf8_stops_no_scan_of_the_watched_folder(tmp_path, library, key):
    """A file named in another encoding (a share or a USB stick written by an older system: b"Mise\xe0jour.json")
    stopped every scan in a UnicodeEncodeError when its name was remembered: the update beside it was installed but
    never remembered, `inbox` printed a traceback, and the app's scan ended in the error log. Its name is shown with
    the replacement character, remembered, and printed."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    odd = Path(os.fsdecode(bytes(inbox) + b"/Mise\xe0jour.json"))
    odd.write_bytes(b"{}")
    update = signed_pack(tables_at(4), inbox / "v4.json", key[0])
    results = {r.name: r for r in library.scan_inbox(inbox)}
    assert results["Mise\ufffdjour.json"].status == INBOX_IGNORED
    assert str(results["Mise\ufffdjour.json"]).startswith("Mise\ufffdjour.json: ignored: is not signed")
    assert json.dumps(results["Mise\ufffdjour.json"].as_dict(), ensure_ascii=False).encode("utf-8")
    assert results["v4.json"].status == INBOX_INSTALLED
    assert library.load_active().loaded.sha256 == sha(update)
    again = {r.name: r.status for r in library.scan_inbox(inbox)}
    assert again == {"Mise\ufffdjour.json": INBOX_SEEN, "v4.json": INBOX_SEEN}, "both remembered"


def test_a_memory_of_the_inbox_holding_values_of_the_wrong_kind_stops_no_update(tmp_path, library, key):
    """inbox-seen.json naming a file with {"at": 5} made every scan stop in a TypeError: in the officer app the scan
    ended quietly in the error log, so no update put in the folder was ever installed; `inbox` printed a traceback."""
    from desktop.storage.signing import signature_path

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    update = signed_pack(tables_at(4), inbox / "v4.json", key[0])
    fingerprint = sha(update) + ":" + sha(signature_path(update))
    library.inbox_seen_file.parent.mkdir(parents=True, exist_ok=True)
    library.inbox_seen_file.write_text(json.dumps({"format": 1, "files": {
        fingerprint: {"name": "v4.json", "status": ["seen before"], "reason": 7, "at": 5}}}), encoding="utf-8")
    [result] = library.scan_inbox(inbox)
    assert (result.path.name, result.status) == ("v4.json", INBOX_INSTALLED)
    assert library.load_active().loaded.pack.meta.data_version == 4


@pytest.mark.parametrize("moment", ["before-the-check", "while-the-folder-is-renamed"])
def test_an_update_a_second_copy_of_the_app_installs_at_the_same_moment_is_installed(tmp_path, library, key,
                                                                                     monkeypatch, moment):
    """Two copies of the app started together (a double tap on a slow laptop) scan the folder together. Of 30 such
    starts in real processes, 11 told IT 'v4.json: failed: could not be installed: directory not empty; nothing was
    changed' and 2 'The data pack in use changed since this was checked', of an update that was installed, and that
    copy went on with the old data. Here the other copy installs at either moment, one at a time."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    update = signed_pack(tables_at(4), inbox / "v4.json", key[0])
    other = PackLibrary(library.root, bundled=library.bundled, trusted_keys=library.trusted_keys)

    def other_copy_installs() -> None:
        other.install(other.prepare_install(update))

    if moment == "before-the-check":
        real_install = library.install
        monkeypatch.setattr(library, "install", lambda plan: (other_copy_installs(), real_install(plan))[1])
    else:
        real_rename, renamed = os.rename, []

        def rename(source, target):
            if not renamed:
                renamed.append(target)
                other_copy_installs()  # its own rename comes first; this one then finds the folder there
            return real_rename(source, target)

        monkeypatch.setattr(versions.os, "rename", rename)
    [result] = library.scan_inbox(inbox)
    assert (result.status, result.message) == (INBOX_INSTALLED, "installed data version 4")
    assert library.load_active().loaded.sha256 == sha(update)
    assert library.scan_inbox(inbox)[0].status == INBOX_SEEN
    # recorded once: both copies commit the same state, and What's new and `history` listed the update twice
    assert [(e.action, e.from_version, e.to_version) for e in library.history()] == [(INSTALL, 3, 4)]


def test_a_version_folder_another_install_puts_in_place_during_the_rename_is_taken_as_added(tmp_path, monkeypatch):
    """The other copy's folder is complete (renamed in whole) and holds the same bytes: the rename onto it failing
    with 'directory not empty' is no failure of the install."""
    store = versions.VersionStore(tmp_path / "packs")
    real_rename = os.rename

    def rename(source, target):
        monkeypatch.setattr(versions.os, "rename", real_rename)
        assert versions.VersionStore(tmp_path / "packs").add(4, b"{}", b"sig") == Path(target).name
        return real_rename(source, target)

    monkeypatch.setattr(versions.os, "rename", rename)
    name = store.add(4, b"{}", b"sig")
    assert store.holds(name, b"{}", b"sig") and store.names() == [name]
    assert not [p for p in store.versions.iterdir() if p.name.startswith(".")], "no temporary folder left"


def test_inbox_that_does_not_exist_is_nothing_to_do(tmp_path, library):
    assert library.scan_inbox(tmp_path / "nowhere") == []


def test_an_inbox_that_cannot_be_read_is_reported_not_a_crash(tmp_path, library, monkeypatch):
    """A share this user may not open raised PermissionError out of scan_inbox: the app logged it and said
    nothing, and the `inbox` command stopped with a traceback. The folder is now one result saying why."""
    from desktop.storage.library import INBOX_FAILED, UNREADABLE

    inbox = tmp_path / "share"
    inbox.mkdir()
    real_iterdir = Path.iterdir

    def locked(path):
        if path == inbox:
            raise PermissionError(13, "Permission denied", str(path))
        return real_iterdir(path)

    monkeypatch.setattr(Path, "iterdir", locked)
    [result] = library.scan_inbox(inbox)
    assert (result.path, result.status, result.reason) == (inbox, INBOX_FAILED, UNREADABLE)
    assert str(result) == "share: failed: the folder cannot be read: permission denied; nothing in it was looked at"


def test_a_watched_folder_that_is_a_loop_of_links_is_reported_not_taken_for_no_folder(tmp_path, library):
    """IT's watched folder a link to a link back to it: scan_inbox said nothing, as for no folder at all, and no
    update in the real share was ever installed. It is one failed result naming the loop."""
    from desktop.storage.library import INBOX_FAILED, UNREADABLE

    (tmp_path / "share").symlink_to(tmp_path / "share-2")
    (tmp_path / "share-2").symlink_to(tmp_path / "share")
    [result] = library.scan_inbox(tmp_path / "share")
    assert (result.path, result.status, result.reason) == (tmp_path / "share", INBOX_FAILED, UNREADABLE)
    assert str(result) == ("share: failed: the folder is a loop of links: each link points to another that leads "
                           "back to it, never to a folder; nothing in it was looked at")
    assert library.scan_inbox(tmp_path / "not-made") == []  # no folder: nothing to say, as before
    assert library.scan_inbox(tmp_path / "nul\x00in-the-name") == []  # from a damaged settings.ini: nor here


def test_inbox_looks_again_at_packs_from_a_key_added_later(tmp_path, user_base, bundled, key):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    late_private, late_key = make_key(tmp_path / "late", "Added later")
    signed_pack(tables_at(4), inbox / "v4.json", late_private)
    first = PackLibrary(user_base / "data", bundled=bundled, trusted_keys=[key[1]], inbox=inbox).scan_inbox()
    assert first[0].status == INBOX_IGNORED
    second = PackLibrary(user_base / "data", bundled=bundled, trusted_keys=[key[1], late_key], inbox=inbox).scan_inbox()
    assert second[0].status == INBOX_INSTALLED


# --- crash safety ---------------------------------------------------------------------------------------

#: kills each of the two workers makes at least, and how many of them land in the middle of writing an install or
#: revert; each goes on until it has both (counted, not timed: under load it takes longer, it never proves less), and
#: fails past KILLS_AT_MOST. An 8-second run made about 300 kills, 150 mid-write, on a quiet machine, and failed
#: once under heavy load with 111 kills, only 8 mid-write, when it needed 50 and 15.
KILLS_EACH, MID_WRITE_EACH, KILLS_AT_MOST = 100, 30, 2000


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs POSIX fork and SIGKILL")
def test_killing_install_or_revert_at_any_moment_leaves_the_old_or_the_new_pack(tmp_path, bundled, key, monkeypatch):
    """Child processes install and revert in a loop; each is SIGKILLed at a random moment, then the
    library must load one of the two packs, installed and verified, with no notice: never a broken pack,
    never the bundled fallback. (install_loop.py forks the children, so a kill costs milliseconds.)

    Every other kill comes at a random moment after the child is ready (in its checks, its writing or between);
    the others just after it says it starts writing, so that enough kills land mid-write however slow the machine
    is. Each worker goes on until it has KILLS_EACH kills and MID_WRITE_EACH of them mid-write."""
    private, trusted = key
    public = private.with_name(f"{private.stem}.pub.json")
    pack_a = signed_pack(tables_at(10), tmp_path / "a.json", private)
    pack_b = signed_pack(set_verdict(tables_at(11), "S08", "o_release", "refer"), tmp_path / "b.json", private)
    good = {sha(pack_a), sha(pack_b)}
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def worker(n: int) -> tuple[int, int, list[str]]:
        root = tmp_path / f"worker{n}"
        library = PackLibrary(root, bundled=bundled, trusted_keys=[trusted])
        library.install(library.prepare_install(pack_a))
        library.install(library.prepare_install(pack_b))
        rng = random.Random(n)
        kills = mid_write = 0
        failures: list[str] = []
        cmd = [sys.executable, "-m", "tests.storage.install_loop", str(root), str(bundled), str(public),
               str(pack_a), str(pack_b)]
        with subprocess.Popen(cmd, cwd=REPO, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, bufsize=1) as server:

            def failed_on_its_own() -> AssertionError:
                server.stdin.close()  # the helper ends, and with it its stderr
                return AssertionError(f"an install or revert failed on its own:\n{server.stderr.read()}")

            def next_line() -> str:
                line = server.stdout.readline()
                if not line:
                    raise failed_on_its_own()
                return line.strip()

            while kills < KILLS_EACH or mid_write < MID_WRITE_EACH:
                assert kills < KILLS_AT_MOST, f"only {mid_write} of {kills} kills landed in the middle of writing"
                server.stdin.write(f"{rng.randrange(1 << 30)}\n")
                server.stdin.flush()
                ready = next_line().split()
                assert ready and ready[0] == "ready", (ready, server.stderr.read() if server.poll() else "")
                markers: list[str] = []
                if kills % 2:  # just after it says it starts writing (an install or a revert)
                    while (line := next_line()) != "start":
                        if line.startswith("dead"):
                            raise failed_on_its_own()
                        markers.append(line)
                    markers.append(line)
                    time.sleep(rng.uniform(0.0, 0.005))
                else:  # at any moment
                    time.sleep(rng.uniform(0.0, 0.04))
                try:
                    os.kill(int(ready[1]), signal.SIGKILL)
                except ProcessLookupError:  # it stopped by itself: an install or revert failed
                    raise failed_on_its_own() from None
                while not (line := next_line()).startswith("dead"):
                    markers.append(line)
                status = int(line.split()[1])
                assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, server.stderr.read()
                kills += 1
                mid_write += bool(markers) and markers[-1] == "start"
                active = PackLibrary(root, bundled=bundled, trusted_keys=[trusted]).load_active()
                if active.origin != "installed" or active.loaded.sha256 not in good or active.notices:
                    failures.append(f"kill {kills}: {active.origin} {active.loaded.sha256[:12]} {active.notices}")
            server.stdin.close()
        monkeypatch.setattr(versions, "LEFTOVER_AGE_SECONDS", -1)
        library = PackLibrary(root, bundled=bundled, trusted_keys=[trusted])
        library.install(library.prepare_install(pack_a, force=True))  # still usable, and it tidies up
        assert not [p for p in library.store.versions.iterdir() if p.name.startswith(".")]
        return kills, mid_write, failures

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(worker, range(2)))
    kills = sum(r[0] for r in results)
    mid_write = sum(r[1] for r in results)
    failures = [f for r in results for f in r[2]]
    print(f"\n{kills} kills, {mid_write} in the middle of writing an install or revert")
    assert not failures, failures  # (each worker's loop already ends only with its kills counted in full)


def test_an_installed_pack_whose_key_is_not_trusted_now_is_left_in_place_for_when_it_is_again(
        tmp_path, user_base, bundled, library, key):
    """IT's trusted keys file damaged (or the key withdrawn, then restored): the good update was moved to set-aside
    at the next start and stayed lost once the file was fixed, the app on the older data built into it."""
    v4 = signed_pack(tables_at(4), tmp_path / "v4.json", key[0])
    library.install(library.prepare_install(v4))
    installed = library.current
    untrusting = PackLibrary(library.root, bundled=bundled, trusted_keys=[]).load_active()
    assert untrusting.origin == "bundled"
    assert untrusting.notices == [
        "The installed data pack (data version 4) is not used: pack.json: was signed with key "
        f"{key[1].key_id}, which this app does not trust. Ask IT whether this publisher's key should be added. "
        "It was left where it is and is used again once its key is trusted."]
    assert installed.is_file() and not library.set_aside_folder.exists()
    again = PackLibrary(library.root, bundled=bundled, trusted_keys=[]).load_active()
    assert again.notices == untrusting.notices, "said at every start while it lasts, not only the first"
    trusted_again = library.load_active()
    assert (trusted_again.origin, trusted_again.loaded.sha256, trusted_again.notices) == ("installed", sha(v4), [])


#: JSON nested past Python's recursion limit: json.loads raises RecursionError, which no reader caught
DEEP_JSON = "[" * 30_000 + "]" * 30_000  # within a signature file's 64 KiB


def test_json_nested_too_deeply_in_the_state_file_is_damage_not_a_crash(tmp_path, library, key):
    """It went up to the window as an unexpected error: the app started with no data at all, blaming the
    bundled pack, and every command stopped with a traceback."""
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    library.store.state_file.write_text(DEEP_JSON)
    active = library.load_active()
    assert (active.origin, active.loaded.pack.meta.data_version) == ("installed", 4)
    assert active.notices == ["The record of installed data packs was damaged (state.json is not valid: its JSON "
                              "is nested too deeply); using the newest installed pack that checks out."]


def test_json_nested_too_deeply_in_an_installed_signature_sets_the_pack_aside(tmp_path, library, key):
    library.install(library.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    signature_path(library.current).write_text(DEEP_JSON)
    active = library.load_active()
    assert active.origin == "bundled"
    assert active.notices[0].startswith(
        "The installed data pack (data version 4) could not be used and was set aside: pack.json: its signature "
        "file pack.json.sig is not valid (it is not a signature: its JSON is nested too deeply)")


def test_json_nested_too_deeply_in_the_inbox_memory_is_forgotten_not_a_crash(tmp_path, user_base, bundled, key):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    signed_pack(tables_at(4), inbox / "v4.json", key[0])
    library = PackLibrary(user_base / "data", bundled=bundled, trusted_keys=[key[1]], inbox=inbox)
    library.root.mkdir(parents=True, exist_ok=True)
    library.inbox_seen_file.write_text(DEEP_JSON)
    [result] = library.scan_inbox()
    assert (result.status, result.data_version) == (INBOX_INSTALLED, 4)


def test_a_pack_whose_key_is_not_trusted_stays_current_when_the_record_of_installed_packs_is_rebuilt(
        tmp_path, user_base, bundled, library, key):
    """state.json damaged as well: the record rebuilt at start-up named only the pack used (version 4), so the
    newer one, left in place for when its key is trusted again, was never used again once it was."""
    other = make_key(tmp_path / "other-keys", name="Other publisher")
    both = PackLibrary(library.root, bundled=bundled, trusted_keys=[key[1], other[1]])
    both.install(both.prepare_install(signed_pack(tables_at(4), tmp_path / "v4.json", key[0])))
    both.install(both.prepare_install(signed_pack(tables_at(5), tmp_path / "v5.json", other[0])))
    library.store.state_file.write_text("{ not json")
    active = library.load_active()  # the other publisher's key not trusted now
    assert (active.origin, active.loaded.pack.meta.data_version) == ("installed", 4)
    assert "(data version 5) is not used" in active.notices[1] and "used again once its key is trusted" in active.notices[1]
    again = library.load_active()
    assert (again.loaded.pack.meta.data_version, len(again.notices)) == (4, 1), "repaired, version 5 still named"
    trusted_again = both.load_active()
    assert (trusted_again.origin, trusted_again.loaded.pack.meta.data_version, trusted_again.notices) == (
        "installed", 5, [])


def test_publish_refuses_a_data_version_written_with_a_decimal_point_in_the_check_s_words(tmp_path, key):
    """`check` passed data_version 1.0 and `publish` refused it as not a whole number: they now say the same."""
    from desktop.domain.validation import validate_tables
    from desktop.storage.pack_file import PackError, load_schema

    tables = tables_at(4)
    tables["meta"]["1"]["data_version"] = 4.0
    [checked] = validate_tables(json.loads(json.dumps(tables)), load_schema(), file="draft.json").errors
    with pytest.raises(PackError) as refused_publish:
        publish(tables, tmp_path / "PACK.json", key[0], source_name="draft.json", user_data=tmp_path / "data")
    assert [str(p) for p in refused_publish.value.problems] == [str(checked)] == [
        "draft.json › meta › data_version: is 4.0: write it as a whole number, 4, without the decimal point"]
    assert not (tmp_path / "PACK.json").exists()


def test_an_update_as_of_a_day_later_than_this_computer_s_date_installs_with_a_note(tmp_path, library, key):
    """A laptop whose clock is behind must still take a real update (refusing it would lock the officer out), and
    the officer is told plainly which date the update states and that the computer's date may be wrong."""
    import datetime as dt

    tables = tables_at(4)
    tables["meta"]["1"]["as_of"] = "2026-03-01"
    plan = library.prepare_install(signed_pack(tables, tmp_path / "v4.json", key[0]), today=dt.date(2026, 2, 20))
    assert plan.warnings == ("This update is as of 1 Mar 2026, later than this computer's date (20 Feb 2026). It "
                             "installs as it is, and the app shows that date. If this computer's date is wrong, have "
                             "it set right.",)
    library.install(plan)
    meta = library.load_active().loaded.pack.meta
    assert (meta.data_version, meta.as_of, meta.is_expired(dt.date(2026, 2, 20))) == (4, dt.date(2026, 3, 1), False)
    assert not library.prepare_install(signed_pack(tables_at(5, tables), tmp_path / "v5.json", key[0]),
                                       today=dt.date(2026, 3, 1)).warnings, "as of today: nothing to say"


def test_a_watched_folder_of_many_files_does_not_forget_the_update_it_installed(tmp_path, library, key, monkeypatch):
    """The memory of files looked at was cut to the 500 highest fingerprints (by hash): in a folder of more files,
    the update installed was forgotten at random, so a deliberate revert was undone at the next start, and the files
    forgotten were checked and reported again at every scan. Here the 520 other files all hash higher than it."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    monkeypatch.setenv("ENCOUNTER_GUIDE_INBOX", str(inbox))
    update = signed_pack(tables_at(6), inbox / "update-v6.json", key[0])
    mark = hashlib.sha256(update.read_bytes()).hexdigest()
    made, n = 0, 0
    while made < 520:
        n += 1
        junk = json.dumps({"not": "a pack", "n": n}).encode()
        if hashlib.sha256(junk).hexdigest() > mark:
            (inbox / f"other-{n:05}.json").write_bytes(junk)
            made += 1

    first = {r.path.name: r for r in library.scan_inbox()}
    assert first["update-v6.json"].status == INBOX_INSTALLED
    assert sum(r.status == INBOX_IGNORED for r in first.values()) == 520
    library.revert()
    again = {r.path.name: r for r in library.scan_inbox()}
    assert again["update-v6.json"].status == INBOX_SEEN, "a revert is not undone by the next scan"
    assert library.load_active().origin == "bundled"
    assert {r.status for r in again.values()} == {INBOX_SEEN}, "no file is looked at (and reported) twice"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("record", ["state", "history", "inbox memory"])
def test_a_record_file_that_is_a_pipe_is_not_read_and_the_app_goes_on(tmp_path, library, key, monkeypatch, record):
    """state.json, history.json or inbox-seen.json a pipe (or a link to one): reading it waited for a writer, so
    the app never opened (state.json is read at every start), or `history` and every scan of the watched folder
    hung. Each is now taken as a file that cannot be read. Here a writer comes (so the test ends either way)."""
    from tests.failing_fs import pipe_with_a_writer

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    monkeypatch.setenv("ENCOUNTER_GUIDE_INBOX", str(inbox))
    update = signed_pack(tables_at(6), inbox / "update-v6.json", key[0])
    path = {"state": library.store.state_file, "history": library.history_file,
            "inbox memory": library.inbox_seen_file}[record]
    path.parent.mkdir(parents=True, exist_ok=True)
    written = json.dumps({"format": 1, "current": None, "previous": None}).encode()
    if record == "inbox memory":  # read, it would say the update was looked at already
        fingerprint = f"{sha(update)}:{hashlib.sha256(signature_path(update).read_bytes()).hexdigest()}"
        written = json.dumps({"format": 1, "files": {fingerprint: {"name": update.name, "status": INBOX_IGNORED,
                                                                   "reason": NOT_NEWER, "at": "2026-01-01"}}}).encode()
    with pipe_with_a_writer(path, written):
        if record == "history":
            with pytest.raises(HistoryDamaged) as exc:
                library.history(checked=True)
            assert exc.value.why == "it is a pipe (a FIFO), not a file" and not exc.value.damaged
        elif record == "state":
            with pytest.raises(versions.StateError, match=r"cannot read state.json: it is a pipe \(a FIFO\)"):
                library.store.read_state()
            assert library.load_active().origin == "bundled"
        else:
            [result] = library.scan_inbox()
            assert result.path.name == "update-v6.json" and result.status == INBOX_INSTALLED
            assert library.load_active().loaded.pack.meta.data_version == 6
        # the install history is the supervisors' record: left as it is; the app's own state and memory of the
        # folder are written anew, as a file
        assert stat.S_ISFIFO(os.lstat(path).st_mode) == (record == "history")
