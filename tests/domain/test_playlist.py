"""Playlists: parse, validate against the pack, serialise; bad files give clear errors, never crash."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain import playlist
from desktop.domain.playlist import Playlist, PlaylistError


def test_round_trip(mini_pack):
    original = Playlist("Week 3: detainers", ("S10", "S08", "PAPER"))
    text = playlist.dumps(original)
    assert json.loads(text) == {"scenarios": ["S10", "S08", "PAPER"], "title": "Week 3: detainers"}
    assert playlist.parse(text.encode("utf-8"), mini_pack) == original


def test_dumps_is_deterministic():
    p = Playlist("Ünïcode title", ("S08",))
    assert playlist.dumps(p) == playlist.dumps(p)
    assert "Ünïcode" in playlist.dumps(p)  # not escaped: diffs cleanly


def test_title_defaults_when_missing(mini_pack):
    assert playlist.parse('{"scenarios": ["S08"]}', mini_pack).title == playlist.DEFAULT_TITLE


INVISIBLE_TITLES = ("\u200b\u200d", "\u200f\u200e ", "\ufeff\u00ad", "\u3164", " \u0301 ")


@pytest.mark.parametrize("blank", INVISIBLE_TITLES)
def test_a_title_that_shows_nothing_is_the_default_title_and_a_blank_one_is_a_problem(mini_pack, blank):
    """Spaces, zero-width characters, direction marks, a Hangul filler or a lone accent show nothing on the class's
    screen: a file with such a title opens under the default title, as one with an empty title did; a pack's titles may
    not be blank either (validation.shows_nothing)."""
    raw = json.dumps({"title": blank, "scenarios": ["S08"]})
    assert playlist.parse(raw, mini_pack).title == playlist.DEFAULT_TITLE
    assert playlist.parse_known(raw, mini_pack)[0].title == playlist.DEFAULT_TITLE
    assert "the title is empty" in playlist.problems(Playlist(blank, ("S08",)), mini_pack)
    shown = "\u200bWeek 3\u200f"  # invisible characters beside words that show stay as written
    assert playlist.parse(json.dumps({"title": shown, "scenarios": ["S08"]}), mini_pack).title == shown


def test_default_playlist_uses_home_flows(mini_pack):
    default = playlist.default_playlist(mini_pack)
    assert default.scenario_ids and all(not mini_pack.scenario(s).subflow for s in default.scenario_ids)


def test_parse_known_leaves_out_scenarios_no_longer_in_the_pack(mini_pack):
    raw = b'{"title": "Week 3", "scenarios": ["S99", "S10", "S99", "GONE", "S08"]}'
    assert playlist.parse_known(raw, mini_pack) == (Playlist("Week 3", ("S10", "S08")), ("S99", "GONE"))
    assert playlist.parse_known(b'{"title": "x", "scenarios": ["S08"]}', mini_pack) == (Playlist("x", ("S08",)), ())
    for refused, words in ((b'{"title": "x", "scenarios": ["S98", "S99"]}', "not in the data pack"),
                           (b'{"title": "x", "scenarios": ["S08", "S08", "S99"]}', "more than once"),
                           (b"{not json", "not valid JSON")):
        with pytest.raises(PlaylistError) as info:
            playlist.parse_known(refused, mini_pack)
        assert any(words in problem for problem in info.value.problems), info.value.problems


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[1, 2]", "JSON object"),
        (b'"S08"', "JSON object"),
        (b'{"title": "x"}', "\"scenarios\" list is missing"),
        (b'{"title": "x", "scenarios": "S08"}', "must be a list"),
        (b'{"title": 5, "scenarios": ["S08"]}', "\"title\" must be text"),
        (b'{"title": "x", "scenarios": [1]}', "entry 1"),
        (b'{"title": "x", "scenarios": []}', "lists no scenarios"),
        (b'{"title": "x", "scenarios": ["S08", "S99", "NOPE"]}', "not in the data pack"),
        (b'{"title": "x", "scenarios": ["S08", "S08"]}', "more than once"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    ],
)
def test_bad_files_raise_clear_errors(mini_pack, raw, expected):
    with pytest.raises(PlaylistError) as info:
        playlist.parse(raw, mini_pack)
    assert any(expected in problem for problem in info.value.problems), info.value.problems


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_playlist_saved_as_utf16_is_named_so(mini_pack, encoding):
    """As a pack or a keys file: saved as UTF-16 without a byte order mark (PowerShell's and Python's "utf-16-le"),
    the trainer read "the file is not valid JSON: Expecting property name…", nothing about what to do."""
    with pytest.raises(PlaylistError) as info:
        playlist.parse('{"title": "Class", "scenarios": ["S08"]}'.encode(encoding), mini_pack)
    assert info.value.problems == ['the file is saved as UTF-16 (what Notepad calls "Unicode"), not UTF-8: open it '
                                   "and save it again as UTF-8"]


def test_unknown_ids_are_all_named(mini_pack):
    with pytest.raises(PlaylistError) as info:
        playlist.parse('{"title": "x", "scenarios": ["S99", "S08", "ZZ"]}', mini_pack)
    assert "S99" in str(info.value) and "ZZ" in str(info.value)
    assert "data version 3" in str(info.value)


def test_oversized_file(mini_pack):
    with pytest.raises(PlaylistError, match="larger than any playlist"):
        playlist.parse(b" " * (playlist.MAX_PLAYLIST_BYTES + 1), mini_pack)


@given(st.binary(max_size=300))
def test_any_bytes_parse_or_raise_playlist_error(mini_pack, raw):
    try:
        result = playlist.parse(raw, mini_pack)
    except PlaylistError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
    else:
        assert all(mini_pack.scenario(sid) for sid in result.scenario_ids)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(deadline=None)  # a busy CI core can take over 200 ms on one example: the property is not about speed
@given(st.dictionaries(st.sampled_from(["title", "scenarios", "extra"]), json_values, max_size=3))
def test_any_json_object_parses_or_raises_playlist_error(mini_pack, data):
    try:
        playlist.from_dict(data, mini_pack)
    except PlaylistError as exc:
        assert exc.problems


def test_a_home_step_that_asks_which_situation_stands_for_the_situations_it_opens(bundled):
    """FORCE (on Home) only asks which situation it is; as a shared step it was left out of the class
    playlist, and with it the force, crowd and protest situations. They come in its place, once each."""
    ids = playlist.default_playlist(bundled.pack).scenario_ids
    assert ids == ("S01", "S08", "S04", "S10", "S13", "S18", "S17", "S15", "S31")
    assert len(ids) == len(set(ids))
    assert not any(bundled.pack.scenario(sid).subflow for sid in ids)
