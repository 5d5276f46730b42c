"""The officer app's few settings, in an INI file under the user config folder.

Only these keys are ever written: theme, text size, window geometry, disclaimer seen, last pack
version seen, and the widths of the supervisor editor's panels. One more is only read: the watched folder for updates (``data/inbox_folder``), which IT
may set. Nothing about what was searched, opened or answered. A corrupt or unreadable file never
stops the app: every value is checked and falls back to its default."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from desktop import paths
from desktop.storage.pack_file import is_special_file, open_regular, read_limited

THEMES = ("day", "night", "contrast")
DEFAULT_THEME = "day"
TEXT_STEP_MIN, TEXT_STEP_MAX, DEFAULT_TEXT_STEP = -2, 6, 0

KEY_THEME = "display/theme"
KEY_TEXT_STEP = "display/text_step"
KEY_GEOMETRY = "window/geometry"
KEY_DISCLAIMER_SEEN = "notices/disclaimer_seen"
KEY_LAST_PACK_VERSION = "notices/last_pack_version"
KEY_INBOX_FOLDER = "data/inbox_folder"  # set by IT, never written by the app
#: the supervisor editor's panels as last left (QSplitter.saveState: widths and heights only)
KEY_EDITOR_COLUMNS = "editor/columns"
KEY_EDITOR_ROWS = "editor/rows"
KEY_EDITOR_MAP_SHOWN = "editor/map_shown"  # View → Show the logic map, as last left
ALLOWED_KEYS = frozenset({KEY_THEME, KEY_TEXT_STEP, KEY_GEOMETRY, KEY_DISCLAIMER_SEEN, KEY_LAST_PACK_VERSION,
                          KEY_INBOX_FOLDER, KEY_EDITOR_COLUMNS, KEY_EDITOR_ROWS, KEY_EDITOR_MAP_SHOWN})


def clamp_text_step(step: int) -> int:
    """A text size step within TEXT_STEP_MIN..TEXT_STEP_MAX (the officer window's, the editor's, the stored one)."""
    return min(max(int(step), TEXT_STEP_MIN), TEXT_STEP_MAX)


def settings_path() -> Path:
    return paths.user_config_dir() / "settings.ini"


def _it_line(raw: bytes) -> tuple[int, str | None] | None:
    """Where IT's ``inbox_folder=`` line under ``[data]`` is in the file's lines, and the folder as IT wrote it (a
    pair of double quotes around it dropped; None when it is neither UTF-8 nor cp1252: see _folder_text), or None when
    there is no such line.

    Read here, not through QSettings: Qt reads a backslash as an escape and a comma as a list, so the
    ``C:\\Updates\\Packs`` IT writes by hand came back as ``C:pdatesacks`` and ``Updates, CPD`` as two values.
    Found after the byte-order mark Notepad and PowerShell may put first, as Qt finds it there."""
    section = b""
    for number, line in enumerate(raw.removeprefix(b"\xef\xbb\xbf").splitlines()):
        stripped = line.strip()
        if stripped.startswith(b"[") and stripped.endswith(b"]"):
            section = stripped[1:-1].strip()
        elif section == b"data" and b"=" in line:
            key, _, value = line.partition(b"=")
            if key.strip() == b"inbox_folder":
                text = _folder_text(value.strip())
                if text is None:
                    return number, None
                if len(text) >= 2 and text[0] == text[-1] == '"':
                    text = text[1:-1]
                return number, text
    return None


def _folder_text(value: bytes) -> str | None:
    """IT's folder as text: UTF-8, else the Windows "ANSI" code page of an English or Western European machine
    (cp1252), in which Notepad before Windows 10 1903, ``Out-File`` of Windows PowerShell 5 with ``-Encoding Default``
    and ``echo … >`` in cmd save it; None when it is neither. UTF-8 is tried first: a folder name in cp1252 is not
    valid UTF-8 (each letter with an accent is one byte of 0xC0 or more, followed by an ASCII one), so it is never
    read wrongly so; the other way round, ``für`` in UTF-8 would be read as ``fÃ¼r``."""
    for encoding in ("utf-8", "cp1252"):
        try:
            return value.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _as_int(value: object, default: int) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return default
    return default


def _as_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    if isinstance(value, int):
        return value != 0
    return False


#: far more than any settings.ini this app or IT writes; a larger UTF-16 file is left to Qt as it is
_MAX_UTF16_BYTES = 1024 * 1024
#: far more than any settings.ini holds (a few hundred bytes; 10 MB of junk is still read, IT's line kept): a larger
#: one is damage (a sparse file, a damaged disk). Qt reads the file whole: a 2 GiB one took 40 s and 4 GiB of memory
#: before the window opened
MAX_SETTINGS_BYTES = 16 * 1024 * 1024


def _too_large(path: Path) -> bool:
    try:
        return os.stat(path).st_size > MAX_SETTINGS_BYTES
    except (OSError, ValueError):
        return False  # not there yet, or cannot be looked at: Qt says so as it reads


def _utf16_rewritten(path: Path) -> bool | None:
    """settings.ini in UTF-16, with its byte order mark (Windows PowerShell 5 writes so with ``>`` and ``Out-File``) or
    without one: Qt read no key of it, and the app then wrote the file anew, empty, at start-up: IT's folder and the rest were
    lost for good. It is written once in UTF-8, every line as it was. Only its first two bytes are read when it is not
    UTF-16. True when it was rewritten, None when it is not UTF-16 (or cannot be read), False when it is UTF-16 and
    could not be rewritten (locked by another program, a read-only folder): Qt must not write it then, which would
    empty it."""
    try:
        with open_regular(path) as handle:  # a file swapped for a pipe since is not waited on
            parsed = os.fstat(handle.fileno())  # as Qt found it
            mark = handle.read(2)
            if mark in (b"\xff\xfe", b"\xfe\xff"):
                encoding = "utf-16"  # the mark says which byte order, and is dropped
            elif len(mark) == 2 and mark.count(0) == 1:
                # no mark (Python's "utf-16-le", an editor's "UTF-16 LE without BOM"): an INI line starts with a
                # plain letter, whose zero half says the byte order. Qt read garbage keys; the app emptied the file
                encoding = "utf-16-le" if mark[1] == 0 else "utf-16-be"
            else:
                return None
            raw = mark + handle.read(_MAX_UTF16_BYTES)
        if len(raw) > _MAX_UTF16_BYTES or (encoding != "utf-16" and not _zero_halves(raw, encoding)):
            return None
        # a file cut short at an odd byte, or in the middle of a character, could not be decoded: it was left to Qt,
        # which read no key of it, and its lines were lost
        text = raw[:len(raw) - len(raw) % 2].decode(encoding, "replace")
    except OSError:
        return None
    from desktop.storage.user_files import AS_BEFORE, write_user_file

    try:  # a link IT made stays a link, a 0600 file stays 0600
        write_user_file(text.encode("utf-8"), path, AS_BEFORE)
    except OSError:
        return False  # locked by another program, a read-only folder: kept as IT wrote it, and tried again next start
    _told_to_qt(path, parsed)
    return True


def _told_to_qt(path: Path, parsed: os.stat_result) -> None:
    """Qt keeps each settings file it parsed and reads it again only when its size or its time, to the millisecond,
    changed. A file rewritten to the same size within the same millisecond (or on a file system with coarse times:
    FAT's two seconds, some network shares) was taken for the garbage it had parsed: the app ran on without saving
    (176 of 300 fresh files of four bytes here). Its time is moved on a millisecond then."""
    try:
        now = os.stat(path)
        if now.st_size == parsed.st_size and now.st_mtime_ns // 1_000_000 == parsed.st_mtime_ns // 1_000_000:
            os.utime(path, ns=(now.st_atime_ns, parsed.st_mtime_ns + 1_000_000))
    except OSError:
        pass  # Qt then reads what it parsed: the file is left unused this session, as one not rewritten


def _zero_halves(raw: bytes, encoding: str) -> bool:
    """Whether ``raw`` reads as UTF-16 without a mark: most characters of an INI file's text are plain letters, whose
    zero half is in every character. A UTF-8 file with a stray zero byte second ("x\0=1", then IT's folder) is not
    one: read as UTF-16 it was rewritten into Chinese characters, IT's folder and the text size lost for good."""
    halves = raw[1::2] if encoding == "utf-16-le" else raw[0::2]
    return halves.count(0) * 2 >= len(halves)


def _garbled(qsettings: QSettings) -> bool:
    """Whether Qt read the file as something other than UTF-8 INI text: it reads UTF-16, with a byte order mark or
    without, into keys with a zero character between letters (and says FormatError, though not for a file cut short
    at an odd byte). Only then is settings.ini looked at by Python at start-up."""
    return qsettings.status() == QSettings.Status.FormatError or any("\0" in key for key in qsettings.allKeys())





class Settings:
    """Typed, validated access to settings.ini. Writes go to disk at once (the app may be killed)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else settings_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # read-only profile: settings simply will not stick
        #: where Qt reads and writes: settings.ini; when that is a pipe or a device (Qt waited on a pipe for a
        #: writer: the app never opened), a path below it, which can be neither read nor written. Qt then keeps
        #: changes until the app closes, as for a read-only profile, and nothing is written anywhere.
        #: One larger than any settings file (MAX_SETTINGS_BYTES) is left so too, unread and as it is.
        self._unusable = is_special_file(self.path) or _too_large(self.path)
        self._qt_path = self.path / "settings.ini" if self._unusable else self.path
        self._qsettings = QSettings(str(self._qt_path), QSettings.Format.IniFormat)
        if not self._unusable and _garbled(self._qsettings):  # read by Qt alone unless it read UTF-16 into garbage
            rewritten = _utf16_rewritten(self.path)  # None: not UTF-16, what Qt read stays (cleaned below)
            if rewritten:
                del self._qsettings  # nothing was set: nothing is written as it goes
                self._qsettings = QSettings(str(self._qt_path), QSettings.Format.IniFormat)  # the UTF-8 text now
            if rewritten is False or (rewritten and _garbled(self._qsettings)):
                # a UTF-16 file that could not be made UTF-8 (or not read again as such): Qt reads no key of it, and
                # its first write emptied it (IT's folder and the officer's text size lost for good). Left as it is,
                # as a file that cannot be written; the next start tries again
                self._unusable = True
                self._qt_path = self.path / "settings.ini"
                self._qsettings = QSettings(str(self._qt_path), QSettings.Format.IniFormat)
        #: IT's inbox_folder line exactly as written, and the folder it names (see _it_line), kept as they are. The
        #: file's bytes are read for it only when Qt found such a key (Qt finds it wherever _it_line does): without
        #: one, as on most machines, settings.ini is read once at start-up, by Qt, not twice
        self._it_line: bytes | None = None
        self._it_folder: str | None = None
        if KEY_INBOX_FOLDER in self._qsettings.allKeys():
            self._it_line, self._it_folder = self._read_it_line()
        #: True when the last change could not be written (full disk, read-only profile): it works until
        #: the app closes but will not be remembered. The window tells the officer.
        self.save_failed = self._unusable
        self._drop_unknown_keys()

    def _file_bytes(self) -> bytes | None:
        """settings.ini's bytes, for IT's line (at start-up, and after each write Qt makes): None when it cannot be
        read, or is not a file or larger than any settings file (a pipe, /dev/zero or a 3 GB file put there since Qt
        looked was waited on or read whole, the window frozen)."""
        try:
            return read_limited(self.path, MAX_SETTINGS_BYTES)
        except OSError:
            return None

    def _read_it_line(self) -> tuple[bytes | None, str | None]:
        raw = self._file_bytes()
        if raw is None:
            return None, None
        found = _it_line(raw)
        if found is None:
            return None, None
        return raw.splitlines()[found[0]], found[1]

    def _keep_it_line(self) -> None:
        """Put IT's inbox_folder line back as IT wrote it after QSettings rewrote the file: it writes back the value
        it read (``C:pdatesacks``), so a theme change lost IT's folder for good."""
        if self._it_line is None:
            return
        raw = self._file_bytes()
        if raw is None:
            return
        found = _it_line(raw)
        if found is None:
            return
        lines = raw.splitlines(keepends=True)
        line = lines[found[0]]
        if line.rstrip(b"\r\n") == self._it_line:
            return
        lines[found[0]] = self._it_line + line[len(line.rstrip(b"\r\n")):]
        from desktop.storage.user_files import AS_BEFORE, write_user_file

        try:  # a link IT made to a shared file stays a link, as QSettings leaves it; a 0600 file stays 0600
            write_user_file(b"".join(lines), self.path, AS_BEFORE)
        except OSError:
            pass  # the write QSettings made has failed the same way: save_failed says so

    def _drop_unknown_keys(self) -> None:
        """Remove keys this version never writes and values it cannot use, so a damaged file is rewritten clean."""
        keys = self._qsettings.allKeys()
        keep = {key: self._get(key) for key in keys if key in ALLOWED_KEYS and self._usable(key)}
        if len(keep) == len(keys):
            return
        self._qsettings.clear()  # not remove(key): keys mangled by bad bytes may not be removable one by one
        for key, value in keep.items():
            self._qsettings.setValue(key, value)
        self._qsettings.sync()
        self._keep_it_line()

    def _usable(self, key: str) -> bool:
        value = self._get(key)
        if key == KEY_THEME:
            return value in THEMES
        if key == KEY_TEXT_STEP:  # any whole number: read back clamped to the range
            return _as_int(value, -999) != -999
        if key == KEY_LAST_PACK_VERSION:
            return _as_int(value, -1) >= 0
        if key == KEY_INBOX_FOLDER:
            return self.inbox_folder is not None
        if key in (KEY_DISCLAIMER_SEEN, KEY_EDITOR_MAP_SHOWN):
            return isinstance(value, bool) or str(value).strip().lower() in ("true", "false", "1", "0")
        return isinstance(value, QByteArray | bytes) and len(value) > 0  # KEY_GEOMETRY, the editor's panels

    def _get(self, key: str) -> object:
        try:
            return self._qsettings.value(key)
        except Exception:  # a mangled value must never stop the app
            return None

    def _set(self, key: str, value: object) -> None:
        assert key in ALLOWED_KEYS, key
        if self.save_failed and not self._unusable:  # QSettings keeps its first error for good: a fresh one reports this try
            self._qsettings = QSettings(str(self._qt_path), QSettings.Format.IniFormat)
        self._qsettings.setValue(key, value)
        self._qsettings.sync()
        self.save_failed = self._unusable or self._qsettings.status() == QSettings.Status.AccessError
        if not self.save_failed:
            self._keep_it_line()

    @property
    def theme(self) -> str:
        value = self._get(KEY_THEME)
        return value if isinstance(value, str) and value in THEMES else DEFAULT_THEME

    @theme.setter
    def theme(self, name: str) -> None:
        if name not in THEMES:
            raise ValueError(f"unknown theme {name!r}")
        self._set(KEY_THEME, name)

    @property
    def text_step(self) -> int:
        step = _as_int(self._get(KEY_TEXT_STEP), DEFAULT_TEXT_STEP)
        return clamp_text_step(step)

    @text_step.setter
    def text_step(self, step: int) -> None:
        self._set(KEY_TEXT_STEP, clamp_text_step(step))

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._get(key)
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value
        if isinstance(value, bytes) and value:
            return QByteArray(value)
        return None

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes(KEY_GEOMETRY)

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._set(KEY_GEOMETRY, value)

    @property
    def editor_panels(self) -> tuple[QByteArray | None, QByteArray | None]:
        """The supervisor editor's column and row splitters as last left (None: never moved)."""
        return self._bytes(KEY_EDITOR_COLUMNS), self._bytes(KEY_EDITOR_ROWS)

    @editor_panels.setter
    def editor_panels(self, states: tuple[QByteArray, QByteArray]) -> None:
        self._set(KEY_EDITOR_COLUMNS, states[0])
        self._set(KEY_EDITOR_ROWS, states[1])

    @property
    def editor_map_shown(self) -> bool:
        """Whether the supervisor editor shows its logic map (View → Show the logic map): shown unless hidden."""
        value = self._get(KEY_EDITOR_MAP_SHOWN)
        return True if value is None else _as_bool(value)

    @editor_map_shown.setter
    def editor_map_shown(self, shown: bool) -> None:
        self._set(KEY_EDITOR_MAP_SHOWN, bool(shown))

    @property
    def disclaimer_seen(self) -> bool:
        return _as_bool(self._get(KEY_DISCLAIMER_SEEN))

    @disclaimer_seen.setter
    def disclaimer_seen(self, seen: bool) -> None:
        self._set(KEY_DISCLAIMER_SEEN, bool(seen))

    @property
    def last_pack_version(self) -> int | None:
        value = _as_int(self._get(KEY_LAST_PACK_VERSION), -1)
        return value if value >= 0 else None

    @last_pack_version.setter
    def last_pack_version(self, version: int) -> None:
        self._set(KEY_LAST_PACK_VERSION, int(version))

    @property
    def inbox_folder(self) -> Path | None:
        """The watched folder IT chose for this machine, or None for the default (see paths.inbox_dir)."""
        value = self._it_folder if self._it_folder is not None else self._get(KEY_INBOX_FOLDER)
        if not isinstance(value, str) or not value.strip():
            return None
        try:
            return Path(value.strip()).expanduser()
        except RuntimeError:  # "~someone/…" naming no user here: a folder that is not there, as typed
            return Path(value.strip())

    def keys(self) -> list[str]:
        return list(self._qsettings.allKeys())
