"""Installed pack versions and the one pointer file that says which is current.

Layout under ``<user data>/packs/``::

    versions/v5-1a2b3c4d5e6f7a8b/pack.json       an installed pack, exactly as signed
    versions/v5-1a2b3c4d5e6f7a8b/pack.json.sig   its detached signature
    state.json                                   {"current": "v5-…", "previous": "v4-…" | "@bundled" | null}

Why a pointer and not ``current.json`` + ``current.json.sig`` renamed into place: two files can never be
replaced in one atomic step, so a crash between the two renames would leave a pack beside the wrong
signature. Here a version folder is written completely under a temporary name (every file fsynced), then
renamed into ``versions/`` in one step, and only then is ``state.json`` replaced atomically. That
replace is the single commit point of an install or a revert: before it the old pack is in use, after it
the new one, and a version folder that ``state.json`` names is always complete. Leftover temporary or
unreferenced folders from an interrupted install are never read and are cleaned up later.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.storage.pack_file import (
    JSON_OPTIONS,
    NotUtf8Text,
    _fsync_dir,
    read_limited,
    read_record_bytes,
    record_text,
    write_bytes_atomic,
)

#: The state value meaning "the pack bundled with the app".
BUNDLED = "@bundled"
PACK_NAME = "pack.json"
STATE_FORMAT = 1
LEFTOVER_AGE_SECONDS = 600


class StateError(ValueError):
    """state.json exists but cannot be read."""


@dataclass(frozen=True, slots=True)
class State:
    """Which installed version is current and which is kept for revert (names in versions/, or BUNDLED)."""

    current: str | None = None
    previous: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {"format": STATE_FORMAT, "current": self.current, "previous": self.previous}


def version_name(data_version: int, pack: bytes, signature: bytes) -> str:
    """A folder name that changes whenever the pack or its signature does."""
    digest = hashlib.sha256(pack).hexdigest()[:12] + hashlib.sha256(signature).hexdigest()[:4]
    return f"v{data_version}-{digest}"


def version_number(name: str | None) -> int | None:
    """``v5-…`` → 5."""
    if not name or not name.startswith("v"):
        return None
    head = name[1:].split("-", 1)[0]
    return int(head) if head.isdigit() else None


def _valid_name(name: object) -> bool:
    return name is None or name == BUNDLED or (
        isinstance(name, str) and version_number(name) is not None and "/" not in name and "\\" not in name
        and not name.startswith(".")
    )


class VersionStore:
    """The ``versions/`` folder and ``state.json`` below a packs folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @property
    def state_file(self) -> Path:
        return self.folder / "state.json"

    @property
    def versions(self) -> Path:
        return self.folder / "versions"

    def pack_path(self, name: str) -> Path:
        return self.versions / name / PACK_NAME

    def read_state(self) -> State:
        """The current state; an empty state when nothing was ever installed. Raises StateError."""
        try:
            raw = read_record_bytes(self.state_file)
        except FileNotFoundError:
            return State()
        except OSError as exc:
            raise StateError(f"cannot read {self.state_file.name}: {exc.strerror or exc}") from None
        try:
            doc = json.loads(record_text(raw))
        except NotUtf8Text as exc:
            raise StateError(f"{self.state_file.name} {str(exc).removeprefix('it ')}") from None
        except ValueError:
            raise StateError(f"{self.state_file.name} is not valid JSON") from None
        except RecursionError:  # it stopped the app with no data at all
            raise StateError(f"{self.state_file.name} is not valid: its JSON is nested too deeply") from None
        if not isinstance(doc, dict) or not all(_valid_name(doc.get(k)) for k in ("current", "previous")):
            raise StateError(f"{self.state_file.name} does not name valid versions")
        return State(doc.get("current"), doc.get("previous"))

    def write_state(self, state: State) -> None:
        """The commit point: one atomic replace of state.json."""
        write_bytes_atomic(json.dumps(state.as_dict(), **JSON_OPTIONS).encode("utf-8") + b"\n", self.state_file)

    def holds(self, name: str, pack: bytes, signature: bytes) -> bool:
        from desktop.storage.signing import signature_path  # installing only: start-up reads state.json alone

        folder = self.versions / name
        try:
            # never more than the bytes looked for (a larger file is not them), nor a pipe waited on
            return read_limited(folder / PACK_NAME, len(pack)) == pack \
                and read_limited(signature_path(folder / PACK_NAME), len(signature)) == signature
        except OSError:
            return False

    def add(self, data_version: int, pack: bytes, signature: bytes) -> str:
        """Store a pack and its signature as a complete version folder; return its name.

        Written under a temporary name (each file fsynced), then renamed into place in one step."""
        from desktop.storage.signing import signature_path

        name = version_name(data_version, pack, signature)
        final = self.versions / name
        if final.exists():
            if self.holds(name, pack, signature):
                return name
            self._discard(final)  # damaged copy of the same version: replace it
        self.versions.mkdir(parents=True, exist_ok=True)
        tmp = self.versions / f".tmp-{name}-{os.urandom(4).hex()}"
        tmp.mkdir()
        try:
            write_bytes_atomic(pack, tmp / PACK_NAME)
            write_bytes_atomic(signature, signature_path(tmp / PACK_NAME))
            os.rename(tmp, final)
        except BaseException as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            if isinstance(exc, OSError) and self.holds(name, pack, signature):
                return name  # another install (a second copy of the app, the command line) put the very same there
            raise
        _fsync_dir(self.versions)
        return name

    def names(self) -> list[str]:
        """Complete version folders, oldest modification first."""
        if not self.versions.is_dir():
            return []
        found = [p for p in self.versions.iterdir() if p.is_dir() and not p.name.startswith(".")]
        return [p.name for p in sorted(found, key=lambda p: (p.stat().st_mtime, p.name))]

    def _discard(self, folder: Path) -> None:
        """Rename first (one atomic step), then delete: a version folder either exists whole or not at all."""
        trash = folder.with_name(f".trash-{folder.name}-{os.urandom(4).hex()}")
        os.rename(folder, trash)
        shutil.rmtree(trash, ignore_errors=True)

    def clean(self, keep: set[str], keep_extra: int = 3) -> None:
        """Delete leftovers of interrupted installs and all but the newest ``keep_extra`` unreferenced versions.

        Only the app's own copies are deleted, never a file the user or IT put somewhere."""
        if not self.versions.is_dir():
            return
        cutoff = time.time() - LEFTOVER_AGE_SECONDS  # younger ones may belong to another running install
        leftovers = [p for p in self.versions.iterdir() if p.name.startswith((".tmp-", ".trash-"))]
        leftovers += [p for p in self.folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]
        for leftover in leftovers:
            try:
                if leftover.stat().st_mtime > cutoff:
                    continue
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink()
            except OSError:
                pass
        spare = [n for n in self.names() if n not in keep]
        for name in spare[: max(0, len(spare) - keep_extra)]:
            try:
                self._discard(self.versions / name)
            except OSError:
                pass
