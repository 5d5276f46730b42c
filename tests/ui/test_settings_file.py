"""settings.ini as a file: read once when the app starts, and written back (IT's line put back) with the permissions
it had, through a link IT made."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop.ui.settings import Settings


@pytest.fixture
def reads(monkeypatch) -> list[Path]:
    """Every read of a whole file from Python (Path.read_bytes, read_limited); Qt's own read of settings.ini is not
    counted."""
    from desktop.ui import settings as settings_module

    seen: list[Path] = []
    real, real_limited = Path.read_bytes, settings_module.read_limited

    def counted(path: Path) -> bytes:
        seen.append(path)
        return real(path)

    def counted_limited(path: Path, *args, **kwargs) -> bytes:
        seen.append(Path(path))
        return real_limited(path, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", counted)
    monkeypatch.setattr(settings_module, "read_limited", counted_limited)
    return seen


def test_settings_without_an_it_folder_are_read_once_by_qt_alone(tmp_path, reads):
    """settings.ini was read twice at start-up: once whole by Python looking for IT's inbox_folder line, once by Qt.
    Without such a line (most machines) only Qt reads it."""
    path = tmp_path / "settings.ini"
    path.write_bytes(b"[display]\ntheme=night\ntext_step=6\n\n[notices]\ndisclaimer_seen=true\n")
    settings = Settings(path)
    assert settings.theme == "night" and settings.text_step == 6 and settings.disclaimer_seen
    assert settings.inbox_folder is None
    assert [p for p in reads if p.name == "settings.ini"] == []


def test_an_it_folder_is_still_read_as_written(tmp_path, reads):
    path = tmp_path / "settings.ini"
    path.write_bytes(b"[data]\ninbox_folder=C:\\Updates\\Packs\n")
    assert Settings(path).inbox_folder == Path(r"C:\Updates\Packs"), "not Qt's C:pdatesacks"
    assert [p.name for p in reads] == ["settings.ini"]


@pytest.mark.skipif(os.name != "posix", reason="Unix permissions")
@pytest.mark.parametrize("mode", [0o600, 0o664])
def test_it_s_line_put_back_keeps_the_file_s_exact_permissions(tmp_path, mode):
    """A private 0600 settings.ini stays private when IT's line is put back after a change (not a document's 0644),
    and one IT made writable by the group stays so."""
    before = os.umask(0o022)
    try:
        path = tmp_path / "settings.ini"
        path.write_bytes(b"[data]\ninbox_folder=C:\\Updates\n")
        path.chmod(mode)
        settings = Settings(path)
        settings.theme = "night"
        assert b"inbox_folder=C:\\Updates" in path.read_bytes().splitlines() and b"theme=night" in path.read_bytes()
        assert stat.S_IMODE(path.stat().st_mode) == mode
    finally:
        os.umask(before)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="links")
def test_it_s_line_is_not_put_back_through_a_link_into_a_folder_that_is_gone(tmp_path):
    """settings.ini linked by IT into a share that is not mounted now: nothing is made on the local disk, and the app
    goes on (the change is not remembered)."""
    path = tmp_path / "settings.ini"
    shared = tmp_path / "share" / "settings.ini"
    shared.parent.mkdir()
    shared.write_bytes(b"[data]\ninbox_folder=C:\\Updates\n")
    path.symlink_to(shared)
    settings = Settings(path)
    (shared).unlink()
    shared.parent.rmdir()
    settings.theme = "night"  # never raises
    assert settings.theme == "night" and path.is_symlink() and not shared.parent.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_settings_file_that_is_a_pipe_is_never_read_and_the_app_starts_with_defaults(tmp_path):
    """settings.ini a pipe (or a link to one): Qt waited for a writer and the app never opened. It is left alone
    now: defaults, changes that work until the app closes, and save_failed so the window says they are not kept.
    Here a writer comes (so the test ends either way): the pipe was read, then replaced by a file."""
    from tests.failing_fs import pipe_with_a_writer

    path = tmp_path / "settings.ini"
    with pipe_with_a_writer(path, b"[display]\ntheme=night\n"):
        settings = Settings(path)
        assert settings.theme == "day" and settings.save_failed
        settings.theme = "contrast"
        assert settings.theme == "contrast" and settings.save_failed, "the change applies, and is said not to be kept"
        assert stat.S_ISFIFO(os.lstat(path).st_mode), "the pipe is left as it was"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.ini"]


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_an_it_folder_after_a_byte_order_mark_is_read_and_kept_as_written(tmp_path, newline):
    """settings.ini saved by Notepad or PowerShell's Out-File as UTF-8 starts with a byte-order mark, which hid the
    [data] line from the app's own reading: IT's folder came back as Qt reads it, C:pdatesacks, and the next change
    of theme wrote that into the file for good."""
    path = tmp_path / "settings.ini"
    path.write_bytes(newline.join([b"\xef\xbb\xbf[data]", b"inbox_folder=C:\\Updates\\Packs", b""]))
    settings = Settings(path)
    assert settings.inbox_folder == Path(r"C:\Updates\Packs")
    settings.theme = "night"
    assert b"inbox_folder=C:\\Updates\\Packs" in path.read_bytes().splitlines()
    assert Settings(path).inbox_folder == Path(r"C:\Updates\Packs")


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_an_it_folder_written_in_the_windows_ansi_code_page_is_read_and_kept_as_written(tmp_path, newline):
    """settings.ini written by a Windows tool in the "ANSI" code page (cp1252: Notepad before 2019, Windows
    PowerShell's Out-File -Encoding Default, cmd's echo): a folder with an accent was not UTF-8, so the app took Qt's
    reading, a garbled name (and a backslash taken for an escape). Read as cp1252 now, and the line kept byte for byte."""
    written = r"C:\Mises à jour\Données CPD"
    line = b"inbox_folder=" + written.encode("cp1252")
    path = tmp_path / "settings.ini"
    path.write_bytes(newline.join([b"[data]", line, b""]))
    settings = Settings(path)
    assert settings.inbox_folder == Path(written)
    settings.theme = "night"
    assert line in path.read_bytes().splitlines()
    assert Settings(path).inbox_folder == Path(written) and Settings(path).theme == "night"


def test_an_it_folder_in_utf8_is_never_read_as_the_ansi_code_page(tmp_path):
    """UTF-8 first: "für" in UTF-8 bytes is also valid cp1252 ("fÃ¼r"), and must stay "für"."""
    path = tmp_path / "settings.ini"
    path.write_bytes("[data]\ninbox_folder=D:\\Aktualisierungen für CPD\n".encode())
    assert Settings(path).inbox_folder == Path("D:\\Aktualisierungen für CPD")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_settings_file_in_utf16_is_read_and_its_lines_kept(tmp_path, encoding):
    """settings.ini written by Windows PowerShell 5 (``>`` or ``Out-File``: UTF-16 with a byte order mark): Qt read
    no key of it, and the app wrote the file anew, empty, as it started: IT's folder and the officer's theme gone
    for good. It is read in full now, and every line is kept (in UTF-8) after a change."""
    path = tmp_path / "settings.ini"
    written = "\ufeff[data]\r\ninbox_folder=C:\\Mises à jour\\Packs\r\n[display]\r\ntext_step=6\r\n"
    path.write_bytes(written.encode(encoding))
    settings = Settings(path)
    assert settings.inbox_folder == Path(r"C:\Mises à jour\Packs") and settings.text_step == 6
    settings.theme = "night"
    lines = path.read_bytes().splitlines()
    assert "inbox_folder=C:\\Mises à jour\\Packs".encode() in lines and b"theme=night" in lines
    again = Settings(path)
    assert (again.inbox_folder, again.text_step, again.theme) == (Path(r"C:\Mises à jour\Packs"), 6, "night")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("cut", ["at an odd byte", "inside a character"])
def test_a_settings_file_in_utf16_cut_short_keeps_its_lines(tmp_path, encoding, cut):
    """A UTF-16 settings.ini cut short (a copy stopped, a full disk) at an odd byte, or in the middle of a character
    of two halves (an emoji in a comment), could not be decoded: it was left to Qt, which read no key of it, and
    the first change wrote it anew without IT's folder or the text size. What it holds is read, the rest dropped."""
    path = tmp_path / "settings.ini"
    written = "\ufeff[data]\r\ninbox_folder=C:\\Mises à jour\\Packs\r\n[display]\r\ntext_step=6\r\n; note \U0001F600"
    raw = written.encode(encoding)
    path.write_bytes(raw[:-1] if cut == "at an odd byte" else raw[:-2])
    settings = Settings(path)
    assert settings.inbox_folder == Path(r"C:\Mises à jour\Packs") and settings.text_step == 6
    settings.theme = "night"
    again = Settings(path)
    assert (again.inbox_folder, again.text_step, again.theme) == (Path(r"C:\Mises à jour\Packs"), 6, "night")


def test_a_settings_file_in_utf16_that_cannot_be_rewritten_is_never_emptied(tmp_path, monkeypatch):
    """The one rewrite of a UTF-16 settings.ini in UTF-8 failed (the file held open by another program, a read-only
    folder): Qt read no key of it, and the first change the officer made wrote it anew with that key alone, IT's
    folder and the text size gone for good. The file is left as IT wrote it now, changes are kept until the app
    closes (save_failed, as for a read-only profile), and the next start reads it in full."""
    from desktop.storage import user_files

    path = tmp_path / "settings.ini"
    written = "\ufeff[data]\r\ninbox_folder=C:\\Updates\\Packs\r\n[display]\r\ntext_step=6\r\n".encode("utf-16-le")
    path.write_bytes(written)
    real = user_files.write_user_file

    def locked(data, target, permissions=user_files.AS_A_DOCUMENT):
        if Path(target) == path:
            raise PermissionError(13, "The process cannot access the file", str(target))
        return real(data, target, permissions)

    monkeypatch.setattr(user_files, "write_user_file", locked)
    settings = Settings(path)
    settings.theme = "night"
    settings.text_step = 2
    assert settings.theme == "night" and settings.save_failed
    assert path.read_bytes() == written
    monkeypatch.setattr(user_files, "write_user_file", real)
    again = Settings(path)
    assert (again.inbox_folder, again.text_step, again.save_failed) == (Path(r"C:\Updates\Packs"), 6, False)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_settings_file_in_utf16_without_a_byte_order_mark_is_read_not_emptied(tmp_path, encoding):
    """settings.ini saved as UTF-16 with no byte order mark (Python's "utf-16-le", an editor's "UTF-16 LE without
    BOM"): Qt read garbage keys, and the app emptied the file as it
    started, IT's folder and the officer's text size lost for good. It is read as UTF-16 now, every line kept."""
    path = tmp_path / "settings.ini"
    path.write_bytes("[data]\r\ninbox_folder=C:\\Mises à jour\\Packs\r\n[display]\r\ntext_step=6\r\n".encode(encoding))
    settings = Settings(path)
    assert settings.inbox_folder == Path(r"C:\Mises à jour\Packs") and settings.text_step == 6
    assert "inbox_folder=C:\\Mises à jour\\Packs".encode() in path.read_bytes().splitlines(), "written once, UTF-8"
    settings.theme = "night"
    again = Settings(path)
    assert (again.inbox_folder, again.text_step, again.theme) == (Path(r"C:\Mises à jour\Packs"), 6, "night")


@pytest.mark.parametrize("stray", [b"x\0=1\n", b"\0x=1\n"])
def test_a_utf8_settings_file_with_a_stray_zero_byte_is_not_rewritten_as_utf16(tmp_path, stray):
    """A UTF-8 settings.ini with a zero byte second (a damaged line "x\\0=1" first) was taken for UTF-16 without a
    byte order mark and rewritten as such: Chinese characters, IT's folder and the text size lost for good. It is
    UTF-16 only when the zero halves of its characters say so; here Qt's reading stays, the other lines kept."""
    path = tmp_path / "settings.ini"
    lines = b"[data]\ninbox_folder=C:\\Updates\\Packs\n[display]\ntext_step=6\n"
    path.write_bytes(stray + lines)
    settings = Settings(path)
    assert settings.inbox_folder == Path(r"C:\Updates\Packs") and settings.text_step == 6
    assert b"inbox_folder=C:\\Updates\\Packs" in path.read_bytes()
    again = Settings(path)
    assert (again.inbox_folder, again.text_step) == (Path(r"C:\Updates\Packs"), 6)


def test_a_utf8_settings_file_is_opened_by_qt_alone_at_start_up(tmp_path, monkeypatch):
    """settings.ini was opened twice as the app started: two bytes by Python, looking for UTF-16, then by Qt. Python
    looks only when Qt read it into garbage keys (UTF-16: see the tests above, which read it in full)."""
    import builtins

    path = tmp_path / "settings.ini"
    path.write_bytes(b"[display]\ntext_step=6\ntheme=night\n")
    opened: list[str] = []
    real_os_open, real_open = os.open, builtins.open

    def counted(real):
        def call(file, *args, **kwargs):
            if isinstance(file, str | os.PathLike) and Path(file) == path:
                opened.append(str(file))
            return real(file, *args, **kwargs)
        return call

    monkeypatch.setattr(os, "open", counted(real_os_open))
    monkeypatch.setattr(builtins, "open", counted(real_open))
    settings = Settings(path)
    monkeypatch.undo()
    assert (settings.text_step, settings.theme) == (6, "night")
    assert opened == [], "only Qt opened settings.ini"


def test_a_settings_file_larger_than_any_is_never_read_and_left_as_it_is(tmp_path):
    """Qt reads settings.ini whole: a 2 GiB one (a sparse file, a damaged disk) took 40 s and 4 GiB of memory before
    the window opened, then was written anew. One larger than any settings file is left unread and unchanged now, as
    a pipe is: defaults, changes that work until the app closes, and save_failed so the window says they are not
    kept."""
    size = 17 * 1024 * 1024  # more than MAX_SETTINGS_BYTES, 16 MiB
    path = tmp_path / "settings.ini"
    with open(path, "wb") as handle:
        handle.write(b"[display]\ntheme=night\n")
        handle.truncate(size)  # sparse: no room taken on disk
    settings = Settings(path)
    assert settings.theme == "day" and settings.save_failed
    settings.theme = "contrast"
    assert settings.theme == "contrast" and settings.save_failed, "the change applies, and is said not to be kept"
    with open(path, "rb") as handle:
        assert handle.read(23) == b"[display]\ntheme=night\n" + b"\0"
    assert path.stat().st_size == size, "left as it was"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.ini"]


def test_a_settings_file_rewritten_to_the_same_size_in_the_same_millisecond_is_read_again(tmp_path, monkeypatch):
    """Qt keeps each settings file it parsed and reads it again only when its size or its time (to the millisecond)
    changed. Garbage read as UTF-16 and rewritten as UTF-8 of the same size ("\\0=[\\0", four bytes either way) within
    the same millisecond was taken for what Qt had parsed: the app ran on without saving (176 of 300 fresh files
    here; the fuzz test in test_failing_files.py failed now and then). The rewrite keeps the time here, as the
    same millisecond or a file system with coarse times would."""
    from PySide6.QtCore import QSettings

    from desktop.storage import user_files

    real_write = user_files.write_user_file

    def same_time(data, path, *args, **kwargs):
        before = os.stat(path)
        real_write(data, path, *args, **kwargs)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

    monkeypatch.setattr(user_files, "write_user_file", same_time)
    path = tmp_path / "settings.ini"
    path.write_bytes(b"\x00=[\x00")
    settings = Settings(path)
    assert not settings.save_failed
    settings.text_step = 3
    assert Settings(path).text_step == 3
    assert not [key for key in QSettings(str(path), QSettings.Format.IniFormat).allKeys() if "\0" in key]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("swapped_for", ["a pipe", "a file larger than any settings file"])
def test_it_s_line_is_never_read_from_a_pipe_or_a_huge_file_put_there_since_qt_read_it(tmp_path, monkeypatch,
                                                                                       swapped_for):
    """IT's line was read with a plain read_bytes once Qt had found it: a settings.ini swapped since for a pipe was
    waited on (here a writer comes, so the test ends), /dev/zero or a 3 GB file read whole, the window not yet open.
    It goes through read_limited now: the folder Qt read is used, and what was put there is left as it is."""
    from contextlib import ExitStack

    from desktop.ui import settings as settings_module
    from tests.failing_fs import pipe_with_a_writer

    path = tmp_path / "settings.ini"
    path.write_bytes(b"[data]\ninbox_folder=/srv/updates\n")
    planted = b"[data]\ninbox_folder=/tmp/planted\n"
    monkeypatch.setattr(settings_module, "MAX_SETTINGS_BYTES", 64)  # the real 16 MiB, smaller
    real_garbled = settings_module._garbled

    def swap_after_qt_read(qsettings):  # called once Qt has parsed the file, before IT's line is looked for
        path.unlink()
        if swapped_for == "a pipe":
            stack.enter_context(pipe_with_a_writer(path, planted))
        else:
            path.write_bytes(planted + b"#" * 100)
        return real_garbled(qsettings)

    monkeypatch.setattr(settings_module, "_garbled", swap_after_qt_read)
    with ExitStack() as stack:
        settings = Settings(path)
        assert settings.inbox_folder == Path("/srv/updates"), "the folder Qt read, not what was put there"
        assert stat.S_ISFIFO(os.lstat(path).st_mode) == (swapped_for == "a pipe")
