"""Trainer playlists: an ordered list of scenarios for a class, stored as a small JSON file.

The file is ``{"title": "...", "scenarios": ["S08", "S10"]}``. Opening one never crashes: every
problem (bad JSON, wrong shape, unknown or repeated scenario ids) becomes a PlaylistError whose
``problems`` say plainly what is wrong."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from desktop.domain.codec import not_utf8_words
from desktop.domain.model import Pack
from desktop.domain.outline import opened_situations
from desktop.domain.validation import shows_nothing

#: A playlist is a few dozen ids; anything much larger is not a playlist file.
MAX_PLAYLIST_BYTES = 1024 * 1024
MAX_TITLE_LENGTH = 200
DEFAULT_TITLE = "Class playlist"


class PlaylistError(ValueError):
    """A playlist file that cannot be used. ``problems`` lists every reason, in plain words."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True, slots=True)
class Playlist:
    title: str
    scenario_ids: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "scenarios": list(self.scenario_ids)}


def default_playlist(pack: Pack) -> Playlist:
    """The Home-screen flows in rank order, else every scenario that is not a sub-flow. A shared step on
    Home that only asks which situation it is (FORCE) stands for the situations it opens."""
    featured: list[str] = []
    for s in pack.home_scenarios:
        if not s.subflow:
            opened = [s.scenario_id]
        else:
            opened = opened_situations(pack, s.scenario_id)
        featured.extend(sid for sid in opened if sid not in featured)
    ids = featured or [s.scenario_id for s in pack.scenarios if not s.subflow]
    return Playlist(DEFAULT_TITLE, tuple(ids))


def problems(playlist: Playlist, pack: Pack) -> list[str]:
    """Everything that stops this playlist from being presented with this pack (empty when usable)."""
    found: list[str] = []
    if shows_nothing(playlist.title):  # spaces, zero-width or direction marks only: a blank title on the class's screen
        found.append("the title is empty")
    if not playlist.scenario_ids:
        found.append("it lists no scenarios")
    unknown = [sid for sid in playlist.scenario_ids if pack.scenario(sid) is None]
    if unknown:
        found.append(
            f"{'these scenarios are' if len(unknown) > 1 else 'this scenario is'} not in the data pack "
            f"(data version {pack.meta.data_version}): {', '.join(unknown)}"
        )
    repeated = _repeated(playlist.scenario_ids)
    if repeated:
        found.append(f"listed more than once: {', '.join(repeated)}")
    return found


def _repeated(ids: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for sid in ids:
        if sid in seen and sid not in out:
            out.append(sid)
        seen.add(sid)
    return out


def parse(raw: bytes | str, pack: Pack) -> Playlist:
    """Read playlist file contents and check them against the pack. Raises PlaylistError."""
    return from_dict(_json(raw), pack)


def parse_known(raw: bytes | str, pack: Pack) -> tuple[Playlist, tuple[str, ...]]:
    """As parse, but the scenarios no longer in the pack (a data update retired or renamed them) are left out and
    returned, so a class's saved playlist still opens with the rest; refused only when none of them is left.
    Raises PlaylistError."""
    playlist = _shape(_json(raw))
    missing = tuple(sid for sid in playlist.scenario_ids if pack.scenario(sid) is None)
    if missing and len(missing) < len(playlist.scenario_ids):
        playlist = Playlist(playlist.title, tuple(sid for sid in playlist.scenario_ids if sid not in missing))
    else:
        missing = ()
    found = problems(playlist, pack)
    if found:
        raise PlaylistError(found)
    return playlist, tuple(dict.fromkeys(missing))


def _json(raw: bytes | str) -> Any:
    """The JSON in playlist file contents. Raises PlaylistError."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_PLAYLIST_BYTES:
            raise PlaylistError([f"the file is {len(raw) // 1024} KiB, far larger than any playlist"])
        if utf16 := not_utf8_words(raw):  # without a byte order mark, UTF-16 decodes as UTF-8: "not valid JSON"
            raise PlaylistError([f"the file {utf16}"])
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PlaylistError([f"the file {not_utf8_words(raw, exc.start)}"]) from None
    if not raw.strip():
        raise PlaylistError(["the file is empty"])
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise PlaylistError([f"the file is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"]) from None
    except (ValueError, RecursionError):
        raise PlaylistError(["the file is not valid JSON"]) from None
    return data


def from_dict(data: Any, pack: Pack) -> Playlist:
    """A playlist from already-parsed JSON, checked against the pack. Raises PlaylistError."""
    playlist = _shape(data)
    found = problems(playlist, pack)
    if found:
        raise PlaylistError(found)
    return playlist


def _shape(data: Any) -> Playlist:
    """A playlist from already-parsed JSON, its shape checked (not its scenarios). Raises PlaylistError."""
    if not isinstance(data, dict):
        raise PlaylistError([f"a playlist must be a JSON object with \"title\" and \"scenarios\", not a {_json_type(data)}"])
    found: list[str] = []
    title = data.get("title", DEFAULT_TITLE)
    if not isinstance(title, str):
        found.append(f"\"title\" must be text, not a {_json_type(title)}")
        title = DEFAULT_TITLE
    elif len(title) > MAX_TITLE_LENGTH:
        found.append(f"\"title\" is longer than {MAX_TITLE_LENGTH} characters")
    if "scenarios" not in data:
        found.append("the \"scenarios\" list is missing")
        ids: list[str] = []
    elif not isinstance(data["scenarios"], list):
        found.append(f"\"scenarios\" must be a list of scenario ids, not a {_json_type(data['scenarios'])}")
        ids = []
    else:
        ids = []
        for position, item in enumerate(data["scenarios"], start=1):
            if isinstance(item, str) and item.strip():
                ids.append(item.strip())
            else:
                found.append(f"entry {position} of \"scenarios\" must be a scenario id such as \"S08\", not {item!r:.40}")
    if found:
        raise PlaylistError(found)
    return Playlist(shown_title(title), tuple(ids))


def shown_title(title: str) -> str:
    """The title as a playlist keeps it: trimmed, and DEFAULT_TITLE when it would show nothing (only spaces or
    invisible characters: zero-width, direction marks; see validation.shows_nothing), as a pack's titles may not."""
    return DEFAULT_TITLE if shows_nothing(title) else title.strip()


def dumps(playlist: Playlist) -> str:
    """Deterministic JSON for a playlist file (diffs cleanly, survives a round trip through parse)."""
    return json.dumps(playlist.as_dict(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false value"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__
