"""Validation stamps skip only the passes over the bytes' shape and values (the schema, hidden characters,
numbers with a decimal point), only for the exact bytes that passed them."""

from __future__ import annotations

import json

import pytest

from desktop.domain import validation
from desktop.storage.pack_file import PackError, load_pack, stamp_path, write_stamp


def test_stamp_skips_the_schema_pass_for_the_same_bytes(mini_pack_path, monkeypatch):
    write_stamp(mini_pack_path)
    calls = []
    monkeypatch.setattr(validation, "_schema_problems", lambda *a: calls.append(a))
    load_pack(mini_pack_path, stamped=True)
    assert calls == []


def test_stamp_skips_the_walk_through_every_value_for_the_same_bytes(mini_pack_path, monkeypatch):
    """The walk for hidden characters and numbers with a decimal point reads only the bytes, as the schema pass
    does: ~4 ms of every start for the bundled pack, whose stamp vouches for it. (The pack holds a line break, an
    escape in its bytes: bytes written plainly need no walk, stamp or not.)"""
    tables = json.loads(mini_pack_path.read_text(encoding="utf-8"))
    tables["meta"]["1"]["disclaimer"] += "\nA second line."
    mini_pack_path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    write_stamp(mini_pack_path)
    calls = []
    monkeypatch.setattr(validation, "_value_problems", lambda *a: calls.append(a))
    load_pack(mini_pack_path, stamped=True)
    assert calls == []
    stamp_path(mini_pack_path).unlink()
    load_pack(mini_pack_path, stamped=True)
    assert len(calls) == 1, "without the stamp the walk runs"


def test_stamp_skips_the_look_for_words_that_show_nothing_and_a_stamp_from_before_it_does_not(mini_pack_path,
                                                                                                    monkeypatch):
    """Whether a title or answer shows nothing on screen is a property of the bytes, as hidden characters are: the
    bundled pack's stamp vouches for it (about 1 ms of every start), and a stamp made before the rule is stale, so
    an invisible title under it is still refused."""
    import hashlib

    from desktop.storage.pack_file import load_schema

    write_stamp(mini_pack_path)
    calls = []
    with monkeypatch.context() as counted:
        counted.setattr(validation, "_shows_nothing_problems", lambda *a: calls.append(a))
        load_pack(mini_pack_path, stamped=True)
        assert calls == []
        load_pack(mini_pack_path)
        assert len(calls) == 1, "a pack without the bundled pack's stamp gets the look"

    tables = json.loads(mini_pack_path.read_text())
    tables["provisions"]["1"]["title"] = "\u200b"
    raw = json.dumps(tables).encode()
    mini_pack_path.write_bytes(raw)
    before = (f"{validation.schema_fingerprint(load_schema())}\nvalues: no decimal point, none of "
              f"{validation._HIDDEN.pattern!r}, line breaks and tabs only in {sorted(validation.TEXT_BLOCK_FIELDS)}")
    old_rules = hashlib.sha256(before.encode("utf-8")).hexdigest()  # the rules a stamp vouched for before
    assert old_rules != validation.stamp_fingerprint(load_schema())
    stamp_path(mini_pack_path).write_text(json.dumps({"sha256": hashlib.sha256(raw).hexdigest(), "checks": old_rules}))
    with pytest.raises(PackError, match="shows nothing on screen"):
        load_pack(mini_pack_path, stamped=True)


def test_a_stamp_made_before_the_value_rules_does_not_vouch_for_them(mini_pack_path):
    """A stamp that proves only the schema (as stamps did before the value rules) is stale: the bytes get the
    full check, and a right-to-left override in a title is refused."""
    import hashlib

    from desktop.domain.validation import schema_fingerprint
    from desktop.storage.pack_file import load_schema

    tables = json.loads(mini_pack_path.read_text())
    tables["provisions"]["1"]["title"] += "\u202e"
    raw = json.dumps(tables).encode()
    mini_pack_path.write_bytes(raw)
    sha256 = hashlib.sha256(raw).hexdigest()
    for old in ({"sha256": sha256, "schema": schema_fingerprint(load_schema())},
                {"sha256": sha256, "checks": schema_fingerprint(load_schema())}):
        stamp_path(mini_pack_path).write_text(json.dumps(old))
        with pytest.raises(PackError, match="U\\+202E"):
            load_pack(mini_pack_path, stamped=True)


def test_a_stamp_made_before_line_separators_were_looked_for_does_not_vouch_for_them(mini_pack_path, monkeypatch):
    """The rules grew (U+2028 and U+2029 are warned about): a stamp made under the rules before must be stale, so
    the bundled pack's bytes get the full check and the warning is not skipped."""
    import hashlib

    from desktop.storage.pack_file import load_schema, validate_bytes

    tables = json.loads(mini_pack_path.read_text())
    tables["provisions"]["1"]["title"] += "\u2028"
    raw = json.dumps(tables, ensure_ascii=False).encode()
    mini_pack_path.write_bytes(raw)
    with monkeypatch.context() as before:
        before.setattr(validation, "_HIDDEN", validation.re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"))
        old_rules = validation.stamp_fingerprint(load_schema())
    assert old_rules != validation.stamp_fingerprint(load_schema())
    stamp_path(mini_pack_path).write_text(json.dumps({"sha256": hashlib.sha256(raw).hexdigest(), "checks": old_rules}))
    report = validate_bytes(raw, mini_pack_path.name, stamp_path(mini_pack_path))
    assert [w.message[:29] for w in report.warnings] == ["has a line separator (U+2028)"]


def test_changed_bytes_get_the_full_check(mini_pack_path, monkeypatch):
    write_stamp(mini_pack_path)
    tables = json.loads(mini_pack_path.read_text())
    tables["provisions"]["1"]["jurisdiction"] = "galactic"
    mini_pack_path.write_text(json.dumps(tables))
    with pytest.raises(PackError, match="galactic"):
        load_pack(mini_pack_path, stamped=True)


def test_forged_stamp_on_broken_pack_still_fails_cleanly(mini_pack_path):
    """A hand-made stamp for broken bytes must not let them through (or crash the loader)."""
    import hashlib

    tables = json.loads(mini_pack_path.read_text())
    del tables["provisions"]["1"]["title"]
    raw = json.dumps(tables).encode()
    mini_pack_path.write_bytes(raw)
    from desktop.domain.validation import stamp_fingerprint
    from desktop.storage.pack_file import load_schema

    stamp_path(mini_pack_path).write_text(json.dumps(
        {"sha256": hashlib.sha256(raw).hexdigest(), "checks": stamp_fingerprint(load_schema())}))
    with pytest.raises(PackError, match="title"):
        load_pack(mini_pack_path, stamped=True)


def test_unclean_pack_is_not_stamped(mini_pack_path):
    tables = json.loads(mini_pack_path.read_text())
    tables["scenarios"]["4"]["nodes"][0]["choices"][0]["next"] = "nowhere"
    mini_pack_path.write_text(json.dumps(tables))
    with pytest.raises(PackError):
        write_stamp(mini_pack_path)
    assert not stamp_path(mini_pack_path).exists()


def test_forged_stamp_does_not_let_a_duplicate_key_through(mini_pack_path):
    """The stamp skips only the schema pass: the strict parse (no key twice) runs for stamped bytes too."""
    import hashlib

    from desktop.domain.validation import stamp_fingerprint
    from desktop.storage.pack_file import load_schema

    text = mini_pack_path.read_text(encoding="utf-8")
    raw = text.replace('\n  "meta": {', '\n  "meta": {},\n  "meta": {', 1).encode("utf-8")
    assert raw != text.encode("utf-8")
    mini_pack_path.write_bytes(raw)
    stamp_path(mini_pack_path).write_text(json.dumps(
        {"sha256": hashlib.sha256(raw).hexdigest(), "checks": stamp_fingerprint(load_schema())}))
    with pytest.raises(PackError, match="appears twice"):
        load_pack(mini_pack_path, stamped=True)


def test_a_stamped_pack_is_hashed_once(mini_pack_path, monkeypatch):
    """Checking the stamp and naming the loaded pack use one SHA-256 of its bytes (~0.5 ms each, at start-up)."""
    import hashlib

    from desktop.storage import pack_file

    write_stamp(mini_pack_path)
    size = mini_pack_path.stat().st_size
    hashed, real = [], hashlib.sha256

    def counting(data: bytes = b""):
        hashed.append(len(data))
        return real(data)

    monkeypatch.setattr(pack_file.hashlib, "sha256", counting)
    loaded = load_pack(mini_pack_path, stamped=True)
    assert hashed.count(size) == 1 and loaded.sha256 == real(mini_pack_path.read_bytes()).hexdigest()


def test_a_stamp_nested_too_deeply_means_a_full_check_not_a_crash(mini_pack_path):
    """A damaged stamp is a missing one; JSON nested past Python's limit raised RecursionError instead."""
    stamp_path(mini_pack_path).write_text("[" * 100_000 + "]" * 100_000)
    assert load_pack(mini_pack_path, stamped=True).pack.meta.data_version >= 1


def _forged_stamp_over_hidden_text(pack_path):
    """A right-to-left override in a title, and beside the pack a stamp made for those bytes by hand (a stamp is
    a hash: anyone can write one)."""
    import hashlib

    from desktop.domain.validation import stamp_fingerprint
    from desktop.storage.pack_file import load_schema

    tables = json.loads(pack_path.read_text())
    tables["provisions"]["1"]["title"] = "\u202e" + tables["provisions"]["1"]["title"]
    raw = json.dumps(tables).encode()
    pack_path.write_bytes(raw)
    stamp_path(pack_path).write_text(json.dumps(
        {"sha256": hashlib.sha256(raw).hexdigest(), "checks": stamp_fingerprint(load_schema())}))


def test_a_stamp_beside_any_pack_but_the_bundled_one_is_not_read(mini_pack_path):
    """Only the app's own bundled pack is loaded with its stamp: one written beside an update, an installed pack
    or a --data file let a right-to-left override reach the officer's screen past the value checks."""
    from desktop.ui.data_loading import load_data

    _forged_stamp_over_hidden_text(mini_pack_path)
    with pytest.raises(PackError, match="U\\+202E"):
        load_pack(mini_pack_path)
    state = load_data(str(mini_pack_path))  # --data FILE: refused, the bundled pack used
    assert state.origin == "bundled" and any("U+202E" in str(p) for p in state.problems)


def test_the_library_reads_the_bundled_packs_stamp(tmp_path, mini_pack_path, monkeypatch):
    """The bundled pack keeps its fast start: its stamp still vouches for its bytes."""
    from desktop.storage.library import PackLibrary

    write_stamp(mini_pack_path)
    calls = []
    monkeypatch.setattr(validation, "_value_problems", lambda *a: calls.append(a))
    active = PackLibrary(root=tmp_path / "user", bundled=mini_pack_path, trusted_keys=[]).load_active()
    assert active.origin == "bundled" and calls == []


def test_the_bundled_pack_named_with_data_is_still_read_with_its_stamp(tmp_path, mini_pack_path, monkeypatch):
    """`--data` naming the app's own bundled pack (as the bench starts it) is the bundled pack: its stamp vouches
    for it. Without this, each such start walked every value again (~4 ms, and the schema pass). A copy of it
    elsewhere, with its stamp copied too, is any other file: read whole."""
    import shutil

    from desktop.storage.library import PackLibrary
    from desktop.ui.data_loading import load_data

    tables = json.loads(mini_pack_path.read_text(encoding="utf-8"))
    tables["meta"]["1"]["disclaimer"] += "\nA second line."  # an escape: bytes written plainly are not walked at all
    mini_pack_path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    write_stamp(mini_pack_path)
    library = PackLibrary(root=tmp_path / "user", bundled=mini_pack_path, trusted_keys=[])
    calls = []
    monkeypatch.setattr(validation, "_value_problems", lambda *a: calls.append(a))
    assert load_data(str(mini_pack_path), library).origin == "file" and calls == []
    copy = tmp_path / "copy" / mini_pack_path.name
    copy.parent.mkdir()
    shutil.copyfile(mini_pack_path, copy)
    shutil.copyfile(stamp_path(mini_pack_path), stamp_path(copy))
    assert load_data(str(copy), library).origin == "file" and len(calls) == 1
