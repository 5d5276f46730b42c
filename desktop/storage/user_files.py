"""Files the user asked for (handouts, playlists, exported quiz results, problem reports): written atomically, with the
permissions any document of theirs would get (not the private 0600 of a temp file)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.storage.pack_file import (
    FILE_LOOP_WORDS,
    FileTooLarge,
    ReadOnlyFileError,
    SpecialFile,
    read_limited,
    special_file_words,
    write_bytes_atomic,
)

if TYPE_CHECKING:
    from desktop.domain.problem_report import ProblemReport


def check_replaceable(path: str | Path) -> None:
    """Raise OSError, naming ``path``, when a file written there would take the place of something that is not a file:
    a folder (IsADirectoryError), a pipe, a device or a socket, or a loop of links (each said in words). Nothing there,
    a file, or a link to a file passes: writing it says what else is wrong, if anything. Publish and sign look before
    they write a pack or its .sig (sign replaced a pipe, a loop of links or a link to /dev/zero where publish refused)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OSError(errno.ELOOP, FILE_LOOP_WORDS, str(path)) from None
        return  # not there yet (or not to be looked at): writing it says why, if it cannot be
    except ValueError:  # a NUL in the name: no such file; writing it says so
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    if not stat.S_ISREG(mode):  # a pipe: the copy kept for a failed publish waited for a writer, for ever
        raise OSError(errno.EINVAL, f"is {special_file_words(mode)}, not a file", str(path))


def written_path(path: str | Path) -> Path:
    """The file a write to ``path`` replaces: ``path`` itself or, when it is a link, the file the link points to
    (the link stays). Raises OSError for a loop of links, or a link into a folder that does not exist."""
    target = Path(path)
    if target.is_symlink():
        try:
            target = target.resolve()
        except RuntimeError:  # a loop of links (Python 3.13 raises OSError itself)
            raise OSError(errno.ELOOP, "too many levels of symbolic links", str(path)) from None
        if not target.parent.is_dir():  # a share not mounted: the file would go to the local disk, folders made for it
            raise FileNotFoundError(errno.ENOENT, "the link points into a folder that does not exist", str(path))
    return target


#: A file written the way any document of the user's is: the umask's default, plus what the replaced file allowed
#: (a shared copy writable by the group stays so)
AS_A_DOCUMENT = "document"
#: The replaced file's exact permissions (a private 0600 settings.ini stays private); a new file gets the umask's default
AS_BEFORE = "as before"


def write_user_file(data: bytes, path: str | Path, permissions: str = AS_A_DOCUMENT) -> Path:
    """Write ``data`` to ``path`` in one step (never half-written) and return the file written. A ``path`` that is a
    link stays a link: the file it points to is written, as a word processor does (a trainer's handouts.pdf linked
    into a shared folder was replaced by a file of its own, and the shared copy kept last month's). ``permissions``
    says what the file allows after: AS_A_DOCUMENT or AS_BEFORE, never the 0600 of the temp file written first.
    Raises OSError (a folder, a pipe, a device, a socket or a loop of links there or where a link there points: see
    check_replaceable; a link into a folder that does not exist), ReadOnlyFileError (AS_A_DOCUMENT
    over a file made read-only; settings.ini, AS_BEFORE, is written as Qt writes it)."""
    if permissions not in (AS_A_DOCUMENT, AS_BEFORE):
        raise ValueError(f"unknown permissions policy {permissions!r}")
    check_replaceable(path)  # through a link to /dev/null, run as root, the device itself was replaced
    target = written_path(path)
    try:
        before: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        before = None  # a new file
    if permissions == AS_A_DOCUMENT and before is not None and not before & stat.S_IWUSR:
        # a handout or playlist its owner made read-only was replaced all the same (a new file takes the place of
        # the old one: only the folder's permissions count), and made writable: a careful editor refuses, and says so
        raise ReadOnlyFileError(target)

    def mode(as_made_here: int) -> int:
        if permissions == AS_BEFORE and before is not None:
            return before
        return as_made_here | (before or 0)

    write_bytes_atomic(data, target, mode)
    return target


def read_report_file(path: str | Path) -> ProblemReport:
    """The problem report an officer saved (domain.problem_report), read back; a file that cannot be read, is too
    big, is not UTF-8 or is not a report raises ReportError saying why in plain words."""
    from desktop.domain.problem_report import MAX_REPORT_CHARS, TOO_LONG, ReportError, parse

    target = Path(path)
    try:
        raw = read_limited(target, MAX_REPORT_CHARS * 4)  # UTF-8: at most 4 bytes a character; a pipe hung the command
    except SpecialFile as exc:
        raise ReportError(f"{target.name} is {special_file_words(exc.mode)}, not a problem report") from None
    except FileNotFoundError:
        raise ReportError(f"{target.name} does not exist") from None
    except IsADirectoryError:
        raise ReportError(f"{target.name} is a folder, not a problem report") from None
    except FileTooLarge:  # said before decoding: cut at the limit, a character was "not text"
        raise ReportError(f"{target.name} cannot be read as a problem report: {TOO_LONG}") from None
    except OSError as exc:
        raise ReportError(f"{target.name} cannot be read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportError(f"{target.name} is not a problem report (it is not text)") from None
    try:
        return parse(text)
    except ReportError as exc:
        raise ReportError(f"{target.name} cannot be read as a problem report: {exc}") from None
