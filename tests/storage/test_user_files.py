"""Files the user asked for: written (storage.user_files.write_user_file), and read back: a problem report an officer
saved (storage.user_files.read_report_file)."""

from __future__ import annotations

import os
import stat

import pytest

from desktop.domain import problem_report as pr
from desktop.storage.user_files import AS_A_DOCUMENT, AS_BEFORE, read_report_file, write_user_file


def test_a_huge_text_file_is_refused_as_too_long_not_as_not_text(tmp_path):
    """Read up to its limit, a long file of accented text was cut inside a character and called "not text"."""
    huge = tmp_path / "notes.txt"
    huge.write_text("é" * (pr.MAX_REPORT_CHARS * 2 + 1), encoding="utf-8")  # two bytes each: cut mid-character
    with pytest.raises(pr.ReportError, match=f"notes.txt cannot be read as a problem report: {pr.TOO_LONG}"):
        read_report_file(huge)


def test_a_binary_file_is_not_text(tmp_path):
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    with pytest.raises(pr.ReportError, match="photo.jpg is not a problem report"):
        read_report_file(binary)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="links need symlink support")
def test_a_file_written_over_a_link_is_written_where_the_link_points(tmp_path):
    """A trainer's handout.pdf linked to the copy in a shared folder was replaced by a file of its own: the link was
    gone and the shared copy stayed last month's. The link stays, and the file it points to gets the new bytes; a
    loop of links is refused plainly, and nothing is written."""
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "handout.pdf").write_bytes(b"last month")
    link = tmp_path / "handout.pdf"
    link.symlink_to(shared / "handout.pdf")
    assert write_user_file(b"this month", link) == (shared / "handout.pdf").resolve()
    assert link.is_symlink() and os.readlink(link) == str(shared / "handout.pdf")
    assert (shared / "handout.pdf").read_bytes() == b"this month"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.pdf", "shared"], "no temporary file left"

    loop = tmp_path / "loop.pdf"
    loop.symlink_to(tmp_path / "loop.pdf")
    with pytest.raises(OSError):
        write_user_file(b"x", loop)
    assert loop.is_symlink() and sorted(p.name for p in tmp_path.iterdir()) == ["handout.pdf", "loop.pdf", "shared"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="links need symlink support")
def test_a_link_into_a_folder_that_does_not_exist_is_refused_not_made(tmp_path):
    """A handout linked into a shared folder that is not mounted now: the write made the missing folders on the local
    disk and left the handout there, said to be saved. It is refused, and nothing is made."""
    link = tmp_path / "handout.pdf"
    link.symlink_to(tmp_path / "share" / "training" / "handout.pdf")
    with pytest.raises(FileNotFoundError, match="the link points into a folder that does not exist"):
        write_user_file(b"this month", link)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.pdf"] and link.is_symlink()
    (tmp_path / "share" / "training").mkdir(parents=True)
    write_user_file(b"this month", link)  # a link to a file not yet made, in a folder that is there: written
    assert (tmp_path / "share" / "training" / "handout.pdf").read_bytes() == b"this month"


@pytest.mark.skipif(os.name != "posix", reason="Unix permissions")
def test_a_file_written_again_keeps_what_it_allowed(tmp_path):
    """Trainers share handouts in a folder, each file writable by the group (0664): saving one, through a link or
    not, made it 0644 and the next trainer could no longer save it. The file keeps its permissions; a new file, or
    one that was a temp file's 0600, gets a document's (0644 under umask 022)."""
    before = os.umask(0o022)
    try:
        shared = tmp_path / "handout.pdf"
        shared.write_bytes(b"last month")
        os.chmod(shared, 0o664)
        link = tmp_path / "mine.pdf"
        link.symlink_to(shared)
        write_user_file(b"this month", link)
        write_user_file(b"this week", shared)
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664
        old = tmp_path / "old.sig"
        old.write_bytes(b"x")
        os.chmod(old, 0o600)
        write_user_file(b"y", old)
        assert stat.S_IMODE(old.stat().st_mode) == 0o644
        assert stat.S_IMODE(write_user_file(b"z", tmp_path / "new.pdf").stat().st_mode) == 0o644
    finally:
        os.umask(before)


@pytest.mark.skipif(os.name != "posix", reason="Unix permissions")
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o644])
def test_as_before_keeps_the_exact_permissions_a_private_file_stays_private(tmp_path, mode):
    """The app's settings.ini written again (IT's line put back): a 0600 file stays 0600, not a document's 0644, and a
    group-writable one stays group-writable; a new file gets a document's."""
    before = os.umask(0o022)
    try:
        settings = tmp_path / "settings.ini"
        settings.write_bytes(b"[display]\ntheme=day\n")
        os.chmod(settings, mode)
        assert write_user_file(b"[display]\ntheme=night\n", settings, AS_BEFORE) == settings
        assert stat.S_IMODE(settings.stat().st_mode) == mode and settings.read_bytes().endswith(b"night\n")
        assert stat.S_IMODE(write_user_file(b"x", tmp_path / "new.ini", AS_BEFORE).stat().st_mode) == 0o644
        widened = tmp_path / "widened.ini"
        widened.write_bytes(b"x")
        os.chmod(widened, mode)
        write_user_file(b"y", widened, AS_A_DOCUMENT)
        assert stat.S_IMODE(widened.stat().st_mode) == 0o644 | mode, "a document: the default, plus what it allowed"
    finally:
        os.umask(before)


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="links and Unix permissions")
def test_as_before_through_a_link_keeps_the_link_and_writes_its_target(tmp_path):
    shared = tmp_path / "it" / "settings.ini"
    shared.parent.mkdir()
    shared.write_bytes(b"old")
    os.chmod(shared, 0o600)
    link = tmp_path / "settings.ini"
    link.symlink_to(shared)
    assert write_user_file(b"new", link, AS_BEFORE) == shared.resolve()
    assert link.is_symlink() and shared.read_bytes() == b"new" and stat.S_IMODE(shared.stat().st_mode) == 0o600
    assert sorted(p.name for p in shared.parent.iterdir()) == ["settings.ini"], "no temporary file left"

    missing = tmp_path / "gone.ini"
    missing.symlink_to(tmp_path / "not mounted" / "settings.ini")
    with pytest.raises(FileNotFoundError):
        write_user_file(b"new", missing, AS_BEFORE)
    assert not (tmp_path / "not mounted").exists() and missing.is_symlink()


def test_an_unknown_permissions_policy_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(ValueError, match="unknown permissions policy"):
        write_user_file(b"x", tmp_path / "a.txt", "0600")
    assert not (tmp_path / "a.txt").exists()
