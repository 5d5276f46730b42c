"""Reading packs strictly, and writing them atomically through TinyDB."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.codec import pack_to_tables
from desktop.storage import pack_file
from desktop.storage.pack_file import (
    PackError,
    dump_tables,
    load_pack,
    parse_bytes,
    read_with_tinydb,
    write_tables_atomic,
)
from tests.helpers import doc_by_id, mini_tables


def test_load_mini_pack(mini_pack_path):
    loaded = load_pack(mini_pack_path)
    assert loaded.pack.meta.data_version == 3
    assert len(loaded.sha256) == 64


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"{\"meta\": ", "is not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2, 3]", "must hold a set of named tables (meta, provisions, scenarios, …), not a list"),
        (b'{"meta": {}, "meta": {}}', "appears twice"),
        (b'{"x": NaN}', "NaN is not allowed"),
        (b"[" * 100_000, "nested too deeply"),
        # hostile pass: Python's words were "use sys.set_int_max_str_digits() to increase the limit"
        (b'{"meta": {"1": {"data_version": ' + b"9" * 5000 + b"}}}", "holds a number 5000 digits long, far longer"),
    ],
    ids=["empty", "truncated", "binary", "array", "duplicate-key", "nan", "deep", "huge-number"],
)
def test_bad_files_give_clear_errors(tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(PackError) as info:
        load_pack(path)
    assert expected in str(info.value)
    assert "bad.json" in str(info.value)
    assert "sys." not in str(info.value), "no advice to a programmer"


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(PackError, match="does not exist"):
        load_pack(tmp_path / "nope.json")
    (tmp_path / "dir.json").mkdir()
    with pytest.raises(PackError, match="is a folder"):
        load_pack(tmp_path / "dir.json")


def test_round_trip_is_deterministic_and_tinydb_readable(tmp_path, mini_pack):
    tables = pack_to_tables(mini_pack)
    target = tmp_path / "out" / "pack.json"
    written = write_tables_atomic(tables, target)
    assert written == target.read_bytes() == dump_tables(tables)
    assert load_pack(target).pack == mini_pack
    via_tinydb = read_with_tinydb(target)
    assert [d["provision_id"] for d in via_tinydb["provisions"]] == [p.provision_id for p in mini_pack.provisions]
    # writing the same pack again gives the same bytes (clean diffs for supervisors)
    assert write_tables_atomic(tables, target) == written
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("damage", [
    lambda t: t.update(meta=[t["meta"]["1"]]),  # a list where a table should be
    lambda t: t.update(meta="x" * 1000),  # text
    lambda t: t["provisions"].update({"1": None}),  # a record that is nothing
])
def test_a_draft_with_a_damaged_table_is_saved_as_it_is(tmp_path, mini_pack, damage):
    """The editor opens such a file (its problems listed) but Save raised TypeError or AttributeError inside
    TinyDB: "Something went wrong", the draft not saved, and a hidden .tmp file left beside it each time."""
    tables = pack_to_tables(mini_pack)
    damage(tables)
    target = tmp_path / "draft.json"
    written = write_tables_atomic(tables, target)
    assert written == target.read_bytes() == dump_tables(tables)
    assert json.loads(written) == tables
    assert [p.name for p in tmp_path.iterdir()] == ["draft.json"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_pack_saved_as_utf16_is_named_so(mini_pack, encoding):
    """Notepad's "Unicode" is UTF-16: "is not UTF-8 text (bad byte at position 0)" did not say what to do."""
    raw = json.dumps(pack_to_tables(mini_pack)).encode(encoding)
    with pytest.raises(PackError) as exc:
        parse_bytes(raw, "pack.json")
    assert str(exc.value) == ('pack.json: is saved as UTF-16 (what Notepad calls "Unicode"), not UTF-8: open it and '
                              "save it again as UTF-8")
    with pytest.raises(PackError, match=r"is not UTF-8 text \(bad byte at position 2\)"):
        parse_bytes(b'{"\xff": 1}', "pack.json")  # other bytes that are not UTF-8: where


def test_failed_write_leaves_old_file_intact(tmp_path, mini_pack, monkeypatch):
    target = tmp_path / "pack.json"
    target.write_text(json.dumps({"old": True}))

    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pack_file.os, "replace", disk_full)
    with pytest.raises(OSError, match="disk is full"):
        write_tables_atomic(pack_to_tables(mini_pack), target)
    assert json.loads(target.read_text()) == {"old": True}
    assert [p.name for p in tmp_path.iterdir()] == ["pack.json"]


def test_a_key_that_appears_twice_is_found_by_line_column_and_record():
    """"the key 'summary' appears twice in one JSON object" named nothing else in a 19,000-line file: the
    supervisor could not find it. The message now gives the second copy's line and column and the record's
    id when the object has one."""
    from tests.conftest import BUNDLED_PACK

    text = BUNDLED_PACK.read_text(encoding="utf-8")
    at = text.index('"summary": "The Mayor')
    doubled = text[:at] + '"summary": "x",\n      ' + text[at:]
    line = doubled.count("\n", 0, at) + 2  # the original copy, now one line further down
    with pytest.raises(PackError) as caught:
        parse_bytes(doubled.encode("utf-8"), "dupkey.json")
    message = str(caught.value.problems[0])
    assert "'summary' appears twice" in message and f"at line {line}, column 7" in message
    assert "provision_id is 'CHI-EO-2025-6'" in message
    nested = b'{"a": {"k": "x\\"\\\\ \\"k\\": ", "b": {"k": 1}, "k": 2}}'  # a key in a string, and in an inner object
    column = nested.rindex(b'"k"') + 1
    with pytest.raises(PackError) as caught:
        parse_bytes(nested, "b.json")
    assert f"at line 1, column {column}" in str(caught.value.problems[0])


def test_a_duplicate_in_a_very_large_file_is_named_without_its_place(monkeypatch):
    """Locating the duplicate parses the file again in pure Python: past LOCATE_UP_TO characters only the
    key is named, so a huge hostile file cannot keep `check` or the inbox busy."""
    monkeypatch.setattr(pack_file, "LOCATE_UP_TO", 10)
    with pytest.raises(PackError) as caught:
        parse_bytes(b'{"meta": {}, "meta": {}}', "big.json")
    message = str(caught.value.problems[0])
    assert "'meta' appears twice" in message and "at line" not in message


def test_a_line_break_in_a_one_line_field_is_a_warning_so_a_pack_signed_before_the_rule_still_loads(
        mini_pack_path):
    """A line break or tab in a title or a "do" line was allowed until the check for hidden characters came; as an
    error it made a signed update holding one unusable after the app's upgrade (set aside on officers' laptops, the
    older bundled data used instead), though it hides nothing. It is a warning (`check --strict` refuses it); a
    control or text-direction character beside it is still refused."""
    from desktop.storage.pack_file import PackError, load_pack
    from tests.helpers import doc_by_id, node

    tables = json.loads(mini_pack_path.read_text(encoding="utf-8"))
    node(doc_by_id(tables, "scenarios", "S08"), "o_release")["do"] = ["Note the time\tand the place", "Line\r\nbreak"]
    mini_pack_path.write_text(json.dumps(tables), encoding="utf-8")
    loaded = load_pack(mini_pack_path)
    assert [p.field for p in loaded.warnings] == ["nodes[o_release].do[0]", "nodes[o_release].do[1]"]
    doc_by_id(tables, "scenarios", "S08")["title"] += "\u202e"
    mini_pack_path.write_text(json.dumps(tables), encoding="utf-8")
    with pytest.raises(PackError, match="U\\+202E"):
        load_pack(mini_pack_path)



def test_bytes_written_plainly_are_not_walked_value_by_value(mini_pack_path, monkeypatch):
    """The walk through every value for hidden characters and decimal points was a sixth of the 10,000-provision
    pack's load, though no such value can be in bytes that write no float and every character as itself (no escape
    but \\" \\\\ \\/, nothing but printable characters beyond ASCII): told by the bytes in C, and such bytes are not
    walked. Bytes that may hold one still are."""
    from desktop.domain import validation

    calls = []
    monkeypatch.setattr(validation, "_value_problems", lambda *a: calls.append(a))
    tables = json.loads(mini_pack_path.read_text(encoding="utf-8"))
    tables["glossary"]["1"]["definition"] = "A form “signed” by an officer — § 5/10."  # printable, not ASCII
    mini_pack_path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    load_pack(mini_pack_path)
    assert calls == []
    plainly = json.dumps(tables, ensure_ascii=False)
    for written in (json.dumps(tables), plainly.replace('"data_version": 3', '"data_version": 3.0', 1)):  # an escape; a float
        assert written != plainly
        mini_pack_path.write_text(written, encoding="utf-8")
        load_pack(mini_pack_path)
    assert len(calls) == 2


def test_every_hidden_character_in_the_bytes_raw_or_escaped_sends_them_to_the_walk():
    """written_plainly may wrongly say "look closer", never "nothing there": each character the walk refuses or warns
    about, written as itself (where JSON allows it) and as its escape, makes it say look."""
    from desktop.domain.validation import _HIDDEN, written_plainly

    hidden = [chr(c) for c in range(0x110000) if _HIDDEN.match(chr(c))]
    assert len(hidden) > 2000
    missed = []
    for ch in hidden:
        ways = [json.dumps(ch).encode("ascii")]  # "\\u202e", "\\n", "\\ud800"
        if ch >= " " and not "\ud800" <= ch <= "\udfff":  # JSON holds no raw control; UTF-8 no lone surrogate
            ways.append(json.dumps(ch, ensure_ascii=False).encode("utf-8"))
        missed += [f"U+{ord(ch):04X} as {way!r}" for way in ways if written_plainly(b'{"t": "a' + way[1:-1] + b'b"}')]
    assert missed == []
    assert written_plainly('{"t": "“a” — § 5/10 \\" \\\\ \\/"}'.encode())
    assert not written_plainly('\ufeff{"t": "a"}'.encode())  # a byte order mark: not printable, so looked at


@pytest.mark.parametrize(
    ("written", "plainly"),
    [
        (rb"\\\u202e", False), (rb"\\\\\\\n", False), (rb"a\\\\\\\u0000", False),  # an escape after escaped backslashes
        (rb"\\u202e", True), (rb"\\\\n", True), (rb"\\\"\\\\\/u202e", True),  # a backslash, then letters
    ],
)
def test_an_escape_after_escaped_backslashes_is_read_as_an_escape(written, plainly):
    """\\\\ is one backslash written: the backslash after it starts an escape (\\\\\\u202e holds a U+202E), and a
    letter after it is a letter (\\\\u202e holds a backslash and "u202e"). A pattern that took a backslash after
    a backslash for part of one escape passed every other test while calling U+202E plain."""
    from desktop.domain.validation import _clean, written_plainly

    raw = b'{"t": "' + written + b'"}'
    assert written_plainly(raw) is plainly
    assert _clean(json.loads(raw)) is plainly, "the walk agrees"


@given(st.text(alphabet=st.sampled_from('\\"/au\n\t\x7f\x85\xa0é“\u2028\u202e\u2066\ufeff\U0001f600'), max_size=12),
       st.booleans())
@settings(max_examples=400, deadline=None)
def test_bytes_called_plain_never_hold_what_the_walk_finds(text, ascii_only):
    """Whatever a text holds, written as json writes it (escaped to ASCII or not), bytes written_plainly calls
    plain are bytes whose values the walk finds clean."""
    from desktop.domain.validation import _clean, written_plainly

    raw = json.dumps({"t": text}, ensure_ascii=ascii_only).encode("utf-8")
    if written_plainly(raw):
        assert _clean(json.loads(raw)), raw


@pytest.mark.parametrize(
    ("place", "written"),
    [
        ("title", "Do not \u202eassist"), ("title", "Do not \\u202eassist"), ("title", "DEL\x7f"),
        ("title", "NUL\\u0000"), ("title", "half \\ud800"), ("title", "tab\\t"),
        ("title", "line\u2028separator"), ("title", "no-break\u00a0space\u0085"),
        ("data_version", "3.0"), ("data_version", "3e0"), ("data_version", "30E-1"),
    ],
)
def test_a_value_the_walk_finds_is_still_refused_in_the_same_words_from_the_bytes(mini_pack_path, place, written):
    """Loading bytes gives the words the walk through the parsed tables gives, for each kind of value it finds."""
    from desktop.domain.validation import validate_tables

    raw = mini_pack_path.read_text(encoding="utf-8")
    if place == "title":
        raw = raw.replace('"title": "', f'"title": "{written} ', 1)
    else:
        raw = raw.replace('"data_version": 3', f'"data_version": {written}', 1)
    assert raw != mini_pack_path.read_text(encoding="utf-8")
    walked = validate_tables(parse_bytes(raw.encode("utf-8"), mini_pack_path.name), pack_file.load_schema(),
                             file=mini_pack_path.name)
    expected = sorted(str(p) for p in walked.problems)
    assert expected, "the walk finds it"
    from_bytes = pack_file.validate_bytes(raw.encode("utf-8"), mini_pack_path.name)
    assert sorted(str(p) for p in from_bytes.problems) == expected


@pytest.fixture
def never_open_a_pipe_or_device(monkeypatch):
    """Fail, instead of hanging, when a read opens a pipe (it waits for a writer) or a device (/dev/zero never
    ends): the very thing the fix stops."""
    import io
    import stat

    from desktop.storage import pack_file, signing, user_files

    real_open = io.open

    def guarded(file, *args, **kwargs):
        if isinstance(file, str | Path) and not stat.S_ISREG(os.stat(file).st_mode) \
                and not stat.S_ISDIR(os.stat(file).st_mode):
            raise AssertionError(f"opened {file}, which is not a file: this read would never end")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(pack_file, "open", guarded, raising=False)
    monkeypatch.setattr(signing, "open", guarded, raising=False)
    monkeypatch.setattr(user_files, "open", guarded, raising=False)
    monkeypatch.setattr(Path, "open", lambda self, mode="r", *a, **k: guarded(self, mode, *a, **k))
    real_os_open = os.open

    def guarded_os_open(file, flags, *args, **kwargs):  # open_regular: never waits, then looks at what it opened
        if not flags & getattr(os, "O_NONBLOCK", 0) and os.path.exists(file) \
                and not stat.S_ISREG(os.stat(file).st_mode) and not stat.S_ISDIR(os.stat(file).st_mode):
            raise AssertionError(f"opened {file}, which is not a file, waiting for a writer: this read would never end")
        return real_os_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_os_open)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_or_a_device_given_as_a_pack_is_named_not_read_forever(tmp_path, never_open_a_pipe_or_device):
    """`check FIFO`, `--data FIFO` and `check /dev/zero` hung (the pipe waits for a writer, the device never ends,
    filling memory): a pack is a file, and anything else is refused before it is opened."""
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    with pytest.raises(PackError) as info:
        load_pack(pipe)
    assert str(info.value.problems[0]) == "pipe.json: is a pipe (a FIFO), not a data pack file"
    with pytest.raises(PackError) as info:
        load_pack(Path(os.devnull))
    assert str(info.value.problems[0]) == f"{Path(os.devnull).name}: is a device, not a data pack file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_in_place_of_a_signature_file_is_refused_not_read_forever(mini_pack_path,
                                                                         never_open_a_pipe_or_device):
    """A `.sig` that is a pipe on the watched share stopped the inbox scan for good (its read waited for a writer)."""
    from desktop.storage.signing import INVALID, SignatureError, read_signature, signature_path

    os.mkfifo(signature_path(mini_pack_path))
    with pytest.raises(SignatureError) as info:
        read_signature(mini_pack_path)
    assert info.value.reason == INVALID
    assert str(info.value.problems[0]) == ("mini-pack.json: its signature file mini-pack.json.sig is a pipe (a FIFO), "
                                           "not a file; the pack cannot be trusted")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_in_place_of_the_trusted_keys_file_is_named_not_read_forever(tmp_path, never_open_a_pipe_or_device):
    """IT's trusted_keys.json as a pipe held the app before its window (the keys are read to check an installed
    update's signature)."""
    from desktop.storage.signing import KeyFileError, load_trusted_keys

    keys = tmp_path / "trusted_keys.json"
    os.mkfifo(keys)
    with pytest.raises(KeyFileError) as info:
        load_trusted_keys(keys)
    assert str(info.value) == (f"the trusted keys file {keys} is a pipe (a FIFO), not a file: IT should put the keys "
                               "file in its place")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_given_as_a_problem_report_is_named_not_read_forever(tmp_path, never_open_a_pipe_or_device):
    """`encounter-guide report FIFO` (and File → Open problem report… in the editor) waited for a writer for good."""
    from desktop.domain.problem_report import ReportError
    from desktop.storage.user_files import read_report_file

    report = tmp_path / "report.txt"
    os.mkfifo(report)
    with pytest.raises(ReportError, match=r"^report.txt is a pipe \(a FIFO\), not a problem report$"):
        read_report_file(report)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_or_a_device_given_as_the_private_key_is_named_not_read_forever(tmp_path, mini_pack_path,
                                                                              never_open_a_pipe_or_device):
    """`sign --key FIFO` and `publish --key FIFO` waited for a writer for good (`--key /dev/zero` filled memory):
    the private key is refused as the packs, signatures and trusted keys are, before it is opened."""
    from desktop.storage.publish import publish
    from desktop.storage.signing import KeyFileError, sign_file, signature_path

    pipe = tmp_path / "publisher.pem"
    os.mkfifo(pipe)
    words = f"the private key {pipe} is a pipe (a FIFO), not a file"
    with pytest.raises(KeyFileError) as info:
        sign_file(mini_pack_path, pipe)
    assert str(info.value) == words
    target = tmp_path / "published.json"
    with pytest.raises(KeyFileError) as info:
        publish(pack_to_tables(load_pack(mini_pack_path).pack), target, pipe, user_data=tmp_path / "user")
    assert str(info.value) == words
    with pytest.raises(KeyFileError) as info:
        sign_file(mini_pack_path, os.devnull)
    assert str(info.value) == f"the private key {os.devnull} is a device, not a file"
    assert not target.exists() and not signature_path(mini_pack_path).exists(), "nothing was written"


def test_a_pack_that_grows_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    """The size is checked before the read, and the read itself never takes more than a pack can be."""
    from desktop.storage import pack_file

    monkeypatch.setattr(pack_file, "MAX_PACK_BYTES", 10)
    path = tmp_path / "growing.json"
    path.write_bytes(b"{}")
    real_fstat = os.fstat
    looks: list[int] = []

    def grown(fd):
        looks.append(fd)
        info = real_fstat(fd)
        if len(looks) == 2:  # the size was looked at: written to before the read
            path.write_bytes(b"{" * 100)
        return info

    monkeypatch.setattr(os, "fstat", grown)
    with pytest.raises(PackError, match="growing.json: is 0 MiB, larger than any real data pack"):
        load_pack(path)
    assert len(looks) == 2


def test_a_file_written_where_a_folder_is_names_the_file_not_the_temp_file(tmp_path, capsys):
    """`sign` with a folder where PACK.json.sig goes said "Not signed: …/.pack.json.sig.2cv3w9zk.tmp could not be
    written: is a directory": a temp file the supervisor never made, and no word of the folder in the way."""
    from desktop import __main__ as entry
    from desktop.storage.pack_file import write_bytes_atomic
    from tests.conftest import MINI_PACK
    from tests.supervisor_helpers import make_key

    folder = tmp_path / "pack.json.sig"
    folder.mkdir()
    with pytest.raises(IsADirectoryError) as info:
        write_bytes_atomic(b"{}", folder)
    assert (info.value.filename, info.value.strerror) == (str(folder), "is a folder, not a file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.json.sig"] and not any(folder.iterdir())

    private, _ = make_key(tmp_path / "keys")
    pack = tmp_path / "pack.json"
    pack.write_bytes(MINI_PACK.read_bytes())
    assert entry.main(["sign", str(pack), "--key", str(private)]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"Not signed: {folder} could not be written: is a folder, not a file. Any signature that was there before is "
        "as it was.")


@pytest.mark.parametrize("escape", ["\\ud800", "\\udcff", "\\ude00"])
def test_half_a_character_written_as_its_json_escape_is_refused_by_record_and_field(tmp_path, escape):
    """JSON may write a lone surrogate as its escape, and json.loads keeps it: a pack whose tag held one loaded, and
    a search listing that provision crashed the results list (UTF-16 cannot hold it); a PDF or a saved draft could
    not either. It is refused, named by record and field, and the message itself holds only text."""
    tables = mini_tables()
    doc_by_id(tables, "provisions", "IL-TRUST-15a")["tags"].append("detainer X hold")
    path = tmp_path / "half.json"
    path.write_bytes(json.dumps(tables, ensure_ascii=False).replace("detainer X", f"detainer {escape}").encode())
    with pytest.raises(PackError) as caught:
        load_pack(path)
    words = [p.text() for p in caught.value.problems]
    code = escape[2:].upper()
    assert any("IL-TRUST-15a" in w and "tags[" in w and f"a broken character (U+{code})" in w
               and "half of a character" in w for w in words), words
    assert all(w.encode("utf-8") for w in words), "no lone surrogate in the message"


def test_a_pair_written_as_json_escapes_is_one_character_and_loads(tmp_path):
    """Both halves, in order, are one character (an emoji): not refused."""
    tables = mini_tables()
    doc_by_id(tables, "provisions", "IL-TRUST-15a")["tags"].append("detainer X hold")
    path = tmp_path / "pair.json"
    path.write_bytes(json.dumps(tables, ensure_ascii=False).replace("detainer X", "detainer \\ud83d\\ude93").encode())
    assert "detainer \U0001f693 hold" in load_pack(path).pack.provision("IL-TRUST-15a").tags


def test_a_draft_holding_half_a_character_is_saved_with_it_written_as_its_escape(tmp_path):
    """A draft read from a file writing a lone surrogate as its JSON escape holds it (the check refuses it, and the
    editor lists the problem), but Save crashed the editor: TinyDB writes UTF-8, which cannot hold it. It is written
    back as the escape it was read from: the file is UTF-8 and reads back to the same draft."""
    tables = mini_tables()
    doc_by_id(tables, "provisions", "IL-TRUST-15a")["tags"].append("detainer \ud800 hold")
    target = tmp_path / "draft.json"
    data = write_tables_atomic(tables, target)
    assert target.read_bytes() == data and b"detainer \\ud800 hold" in data
    assert json.loads(data.decode("utf-8")) == tables
    assert [p.name for p in tmp_path.iterdir()] == ["draft.json"], "no temporary file left"
