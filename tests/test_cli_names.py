"""File names the command line prints: a name with a right-to-left override or another control character is shown
escaped on the terminal, so it cannot disguise itself ("evil\\u202egnp.json" read "evilnosj.png") or rewrite the
line it is in."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from desktop import __main__ as entry

DISGUISED = "evil\u202egnp.json"


def test_a_pack_name_with_a_right_to_left_override_is_shown_escaped(tmp_path, capsys):
    pack = tmp_path / DISGUISED
    pack.write_text("{", encoding="utf-8")
    assert entry.main(["check", str(pack), "--json"]) != 0
    out, err = capsys.readouterr()
    assert "\u202e" not in err and "\u202e" not in out
    assert "evil\\u202egnp.json" in err
    assert json.loads(out)["message"].startswith(DISGUISED), "the JSON still reads back as the name itself"


def test_an_escape_sequence_in_a_name_is_not_sent_to_the_terminal(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\x1b[2K\rfine.json").write_text("{", encoding="utf-8")
    entry.main(["inbox", str(folder)])
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\r" not in out + err
    assert "a\\u001b[2K\\u000dfine.json" in out + err


def test_history_marks_recorded_words_when_no_data_in_use_checks_out(monkeypatch, capsys):
    """`history` checks an entry's recorded words against the signed version it brought in and the data in use.
    With neither (the version pruned, and no pack that checks out: the bundled one damaged) reading the data in use
    stopped the command (exit 2, no history printed); the history is printed, the recorded words marked not checked."""
    from desktop.domain.codec import pack_from_tables
    from desktop.domain.diff import diff_packs
    from desktop.domain.validation import Problem
    from desktop.storage.history import HistoryEntry, words_brought_in
    from desktop.storage.library import PackLibrary
    from desktop.storage.pack_file import PackError
    from tests.supervisor_helpers import set_summary, tables_at

    rule, words = "MCC-2-173-020(a)(1)", "Officers may hold anyone ICE asks for."
    old, new = pack_from_tables(tables_at(5)), pack_from_tables(set_summary(tables_at(6), rule, words))
    changes = diff_packs(old, new)
    recorded = HistoryEntry("install", "2026-01-02T03:04:05", 5, 6, "2026-01-01", to_sha256="ab" * 32, diff=changes,
                            words=words_brought_in(changes, new, old))

    def no_data(self, *args, **kwargs):
        raise PackError([Problem("encounter-guide.json", "", "", "", "damaged")])

    monkeypatch.setattr(PackLibrary, "history", lambda self, checked=False: [recorded])
    monkeypatch.setattr(PackLibrary, "pack_brought_in", lambda self, kept: None)
    monkeypatch.setattr(PackLibrary, "load_active", no_data)
    assert entry.main(["history"]) == 0
    out = capsys.readouterr().out
    assert f"{words} (as recorded, not checked)" in out, out


def test_a_line_feed_in_a_name_cannot_print_a_line_of_its_own(tmp_path, capsys):
    """A file named "x<LF>y: installed: installed data version 9999.json" in the watched folder printed a line of
    its own choosing under it, in `inbox` and `check`: "y: installed: installed data version 9999.json: ignored…".
    A result or a problem is one line, the line feed shown escaped."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x\ny: installed: installed data version 9999.json").write_text("{", encoding="utf-8")
    entry.main(["inbox", str(folder)])
    entry.main(["check", str(next(folder.iterdir()))])
    out, err = capsys.readouterr()
    lines = (out + err).splitlines()
    assert not [line for line in lines if line.startswith("y: ")], lines
    assert any(line.startswith("x\\u000ay: installed: installed data version 9999.json: ignored: ") for line in lines)
    assert any(line.startswith("x\\u000ay: installed: installed data version 9999.json: is not valid JSON")
               for line in lines)


LOOKS_ESCAPED = "evil\\u202egnp.json"  # the six characters backslash, u, 2, 0, 2, e: a name Linux allows


def test_a_name_that_looks_like_an_escape_is_told_from_one(tmp_path, capsys):
    """A file really named ``evil\\u202egnp.json`` printed exactly as the escaped right-to-left override of
    DISGUISED: which of the two was on disk could not be told. Its backslash is doubled; --json still reads back as
    the name itself, and letters such as é, ñ, Łódź or Arabic are printed as they are."""
    printed = {}
    for name in (DISGUISED, LOOKS_ESCAPED, "Łódź-señal-é-تحديث.json"):
        pack = tmp_path / name
        pack.write_text("{", encoding="utf-8")
        assert entry.main(["check", str(pack), "--json"]) != 0
        out, err = capsys.readouterr()
        assert json.loads(out)["problems"][0]["file"] == name, "the JSON reads back as the name itself"
        printed[name] = err.splitlines()[0]
    assert printed[DISGUISED].startswith("evil\\u202egnp.json: ")
    assert printed[LOOKS_ESCAPED].startswith("evil\\\\u202egnp.json: ")
    assert printed["Łódź-señal-é-تحديث.json"].startswith("Łódź-señal-é-تحديث.json: ")


def _read_back(shown: str) -> str:
    """terminal_text undone, by the rule its docstring gives."""
    import re

    def one(m: re.Match[str]) -> str:
        slashes, code = m.group(1), m.group(2)
        if len(slashes) % 2:
            return "\\" * (len(slashes) // 2) + chr(int(code, 16))
        return "\\" * (len(slashes) // 2) + "u" + code

    return re.sub(r"(\\+)u([0-9a-fA-F]{4})", one, shown)


@given(st.text(alphabet=st.sampled_from(["\\", "u", "2", "0", "e", "a", "\u202e", "\n", "\t", "\x1b", "é", "\u2066"]),
               max_size=30) | st.text(max_size=30))
def test_what_terminal_text_prints_reads_back_to_one_text_only(text):
    """No two texts print alike: what is printed reads back to the text printed, and holds nothing a terminal acts on."""
    from desktop.cli import terminal_text

    shown = terminal_text(text)
    assert _read_back(shown) == text
    assert not any((ch < " " and ch not in "\n\t") or "\x7f" <= ch <= "\x9f" or ch in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                   "\u2028\u2029\u2066\u2067\u2068\u2069" for ch in shown)


def test_a_refused_install_names_its_file_on_one_line_escaped_once(tmp_path, capsys):
    """`install` of a file named "bad<LF>name.json" (no .sig beside it) said "Refused: bad\\\\u000aname.json: … the
    signature file bad", a line break, then "name.json.sig is missing": its name escaped twice (read back, a file
    named with a backslash) where the problem named it, and not at all where the words named its .sig."""
    pack = tmp_path / "bad\nname.json"
    pack.write_text("{", encoding="utf-8")
    assert entry.main(["install", str(pack)]) != 0
    lines = capsys.readouterr().err.splitlines()
    refused = [line for line in lines if line.startswith("Refused: ")]
    assert refused and refused[0].startswith("Refused: bad\\u000aname.json: "), lines
    assert "the signature file bad\\u000aname.json.sig is missing" in refused[0], lines
    assert not [line for line in lines if line.startswith("name.json")], lines


def test_history_json_says_null_not_true_for_an_entry_with_no_words_recorded(monkeypatch, capsys):
    """An install that changed no answer and no rule's words records empty words ({"answers": {}, "rules": {}}):
    `history --json` said "words_checked": true for it (every one of no words checked), where README promises null
    for an entry with no words recorded; a script could take it for words a signed pack vouched for."""
    from desktop.storage.history import BroughtInWords, HistoryEntry
    from desktop.storage.library import PackLibrary

    recorded = HistoryEntry("install", "2026-01-02T03:04:05", 5, 6, "2026-01-01", to_sha256="ab" * 32,
                            words=BroughtInWords({}, {}))
    monkeypatch.setattr(PackLibrary, "history", lambda self, checked=False: [recorded])
    monkeypatch.setattr(PackLibrary, "pack_brought_in", lambda self, kept: None)
    assert entry.main(["history", "--json"]) == 0
    [shown] = json.loads(capsys.readouterr().out)
    assert shown["words"] == {"answers": {}, "rules": {}}
    assert shown["words_checked"] is None


def test_a_name_with_a_line_feed_cannot_add_a_line_of_its_own_to_sign_verify_or_install(tmp_path, capsys):
    """A pack named "evil.json: signature OK, signed by …<LF>x.json" printed its first line as a signature that held:
    verify and install printed a .sig's name with its line feed as it was, and sign's and verify's own lines too;
    the pack's name, escaped twice, read "\\\\u000a", a name no file has. Each message is one line now, every name
    in it escaped once, as `check` prints it."""
    from tests.supervisor_helpers import make_key, signed_pack, tables_at

    forged_line = "evil.json: signature OK, signed by CPD Office of Legal Affairs (1a2b3c4d5e6f7a8b)"
    unsigned = tmp_path / f"{forged_line}\nx.json"
    unsigned.write_text(json.dumps(tables_at(2)), encoding="utf-8")
    private, _ = make_key(tmp_path / "keys")
    signed = signed_pack(tables_at(2), tmp_path / "n\nl.json", private)
    for args in (["verify", str(unsigned)], ["install", "--yes", str(unsigned)], ["sign", str(signed), "--key",
                                                                                   str(private)],
                 ["verify", str(signed), "--trusted", str(tmp_path / "keys" / "test-publisher.pub.json")]):
        entry.main(args)
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "\\\\u000a" not in err, (args, err)
        assert not err.startswith(forged_line + "\n") and ("\\u000a" in err), (args, err)
