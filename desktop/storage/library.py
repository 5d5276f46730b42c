"""Which pack is active: an installed update in the user data folder, else the bundled pack.

A corrupt, tampered or unreadable installed pack is set aside (moved, never deleted) and named in a
notice; the app then runs on the last good pack."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from desktop import paths
from desktop.storage.pack_file import LoadedPack, PackError, load_pack


@dataclass
class ActivePack:
    loaded: LoadedPack
    origin: str  # "installed", "previous", "bundled" or "file"
    notices: list[str] = field(default_factory=list)


class PackLibrary:
    """The installed-pack folder: packs/current.json, packs/previous.json, packs/set-aside/."""

    def __init__(self, root: Path | None = None, bundled: Path | None = None) -> None:
        self.root = Path(root) if root is not None else paths.user_data_dir()
        self.bundled = Path(bundled) if bundled is not None else paths.bundled_pack()

    @property
    def folder(self) -> Path:
        return self.root / "packs"

    @property
    def current(self) -> Path:
        return self.folder / "current.json"

    @property
    def previous(self) -> Path:
        return self.folder / "previous.json"

    @property
    def set_aside_folder(self) -> Path:
        return self.folder / "set-aside"

    def active_path(self) -> Path:
        return self.current if self.current.is_file() else self.bundled

    def set_aside(self, path: Path, reason: str) -> Path | None:
        """Move a bad pack out of the way (keeping it for inspection) and write down why."""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.set_aside_folder / f"{path.stem}-{stamp}{path.suffix}"
        try:
            self.set_aside_folder.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
            target.with_suffix(".reason.txt").write_text(reason + "\n", encoding="utf-8")
            return target
        except OSError:
            return None

    def load_active(self, verify: "object | None" = None) -> ActivePack:
        """The newest good pack: current, else previous, else bundled. Bad installed packs are set aside.

        ``verify`` (optional) is called with a LoadedPack and raises PackError when its signature is bad."""
        notices: list[str] = []
        for origin, path in (("installed", self.current), ("previous", self.previous)):
            if not path.exists():
                continue
            try:
                loaded = load_pack(path)
                if verify is not None:
                    verify(loaded)  # type: ignore[operator]
                return ActivePack(loaded, origin, notices)
            except PackError as exc:
                first = exc.problems[0] if exc.problems else None
                reason = str(first) if first else "unreadable"
                moved = self.set_aside(path, "\n".join(str(p) for p in exc.problems))
                where = f" It was moved to {moved}." if moved else ""
                notices.append(f"The installed data pack {path.name} could not be used and was set aside: {reason}.{where}")
        loaded = load_pack(self.bundled)
        return ActivePack(loaded, "bundled", notices)
