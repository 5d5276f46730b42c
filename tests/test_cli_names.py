"""File names the command line prints: a name with a right-to-left override or another control character is shown
escaped on the terminal, so it cannot disguise itself ("evil\\u202egnp.json" read "evilnosj.png") or rewrite the
line it is in."""

from __future__ import annotations

import json

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
