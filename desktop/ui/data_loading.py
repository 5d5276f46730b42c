"""Which data pack the window shows, and what went wrong on the way. Never raises: a broken pack
becomes a list of problems and the bundled pack is used instead."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import paths
from desktop.domain.model import format_day
from desktop.domain.validation import Problem, name_as_seen
from desktop.storage.pack_file import LoadedPack, Notice, PackError, load_pack, shown_text

if TYPE_CHECKING:  # a pack given with --data needs no library (installed updates) to start
    from desktop.storage.library import PackLibrary

log = logging.getLogger(__name__)

ORIGIN_WORDS = {
    "file": "the data pack given at start-up",
    "installed": "the installed update",
    "previous": "the previous update",
    "bundled": "the bundled data pack",
    "kept": "the data already on screen",  # a reload found nothing usable on disk (MainWindow._reload_from_library)
}


@dataclass
class DataState:
    """The pack in use (or None), where it came from, and anything the officer must be told."""

    loaded: LoadedPack | None
    origin: str = ""
    notices: list[Notice] = field(default_factory=list)
    failed_file: str = ""
    problems: list[Problem] = field(default_factory=list)
    failed_folder: bool = False  # failed_file is the installed updates' folder: no one pack file could be named

    @property
    def failed(self) -> bool:
        return bool(self.problems)

    def origin_words(self) -> str:
        """Where the pack in use came from, in a few words: "the installed update", "no data pack"."""
        return ORIGIN_WORDS.get(self.origin, "a data pack") if self.loaded is not None else "no data pack"

    def continue_words(self) -> str:
        """The problems page's button: "Continue with the bundled data", "… with the data already on screen"."""
        words = self.origin_words()
        return f"Continue with {words.removesuffix(' pack') if words.endswith(' data pack') else words}"

    def failed_name(self) -> str:
        """The file (or folder) that could not be loaded, named as shown: on one line and in the order written
        (name_as_seen). ``failed_file`` is the name as it is; a ``--data`` file named ``x<LF>Using the bundled…``
        broke the fallback banner's line, and one holding U+202E turned the sentence around. Bytes that are not UTF-8
        show as the replacement character (shown_text, as the Data dialogs show them): kept as Python keeps them, the
        banner's tooltip dropped them and named another file ("bad.json" for bad<0xFF>.json)."""
        return name_as_seen(shown_text(self.failed_file))

    def failed_what(self) -> str:
        """What could not be loaded, as a sentence starts: "The data pack broken.json" (its name escaped once, as
        shown: failed_name)."""
        if self.failed_folder:
            return f"The installed data updates (folder {self.failed_name()})"
        return f"The data pack {self.failed_name()}"

    def describe_pack(self) -> str:
        if self.loaded is None:
            return self.origin_words()
        meta = self.loaded.pack.meta
        return f"{self.origin_words()} (version {meta.data_version}, as of {format_day(meta.as_of)})"


def _unexpected(path: Path | str, exc: BaseException) -> list[Problem]:
    log.error("unexpected error while loading %s", path, exc_info=exc)
    return [Problem(Path(path).name, "", "", "", "could not be read because of an unexpected error (written to the error log)")]


def _problems(path: Path | str, exc: Exception) -> list[Problem]:
    """Why ``path`` could not be loaded: the pack's problems, or an unexpected error (logged)."""
    return list(exc.problems) if isinstance(exc, PackError) else _unexpected(path, exc)


def _is_bundled(data_file: str, bundled: Path) -> bool:
    """Whether ``data_file`` is the app's own bundled pack (the same file, however it is named)."""
    try:
        return Path(data_file).resolve() == bundled.resolve()
    except (OSError, RuntimeError):  # a path the system will not look at (a symlink loop): not the bundled pack
        return False


def load_data(data_file: str | None, library: PackLibrary | None = None) -> DataState:
    """Load ``data_file`` if given, else the active pack. Falls back to the bundled pack on failure."""
    state = DataState(None)
    if data_file:
        bundled = library.bundled if library is not None else paths.bundled_pack()
        try:
            # the app's own bundled pack named with --data (as the bench and trainers start it) is still the
            # bundled pack: its stamp vouches for it, as at any start; beside any other file a stamp is not read
            return DataState(load_pack(data_file, stamped=_is_bundled(data_file, bundled)), "file")
        except Exception as exc:  # never a traceback for an officer
            state.failed_file, state.problems = Path(data_file).name, _problems(data_file, exc)
        try:
            state.loaded, state.origin = load_pack(bundled, stamped=True), "bundled"
        except PackError as exc:
            state.notices.append(Notice("The bundled data pack could not be loaded either: " + exc.problems[0].text()))
        except Exception as exc:
            state.notices.append(Notice(str(_unexpected(bundled, exc)[0])))
        return state
    if library is None:
        from desktop.storage.library import PackLibrary

        library = PackLibrary()
    try:
        active = library.load_active()
        return DataState(active.loaded, active.origin, list(active.notices))
    except PackError as exc:
        state.failed_file, state.problems, state.notices = library.bundled.name, list(exc.problems), exc.notices
    except Exception as exc:
        # Something unforeseen about the installed updates (the bundled pack is read last): it named the bundled
        # pack and left the officer with no data at all. The installed update (or the updates' folder) is named,
        # the bundled pack used.
        installed, state.failed_folder = _installed_file(library)
        state.failed_file, state.problems = installed, _unexpected(installed, exc)
        try:
            state.loaded, state.origin = load_pack(library.bundled, stamped=True), "bundled"
        except Exception as bundled_exc:
            state.failed_file, state.problems = library.bundled.name, _problems(library.bundled, bundled_exc)
            state.failed_folder = False
    return state


def _installed_file(library: PackLibrary) -> tuple[str, bool]:
    """The installed update's file below the user data folder, as far as it can be told, else the updates'
    folder; and whether it is the folder."""
    try:
        current = library.current
        if current.is_file():
            return current.relative_to(library.root).as_posix(), False
    except Exception:
        pass
    return library.folder.name, True
