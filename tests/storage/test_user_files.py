"""Files the user asked for: written (storage.user_files.write_user_file), and read back: a problem report an officer
saved (storage.user_files.read_report_file)."""

from __future__ import annotations

import os
import stat

import pytest

from desktop.domain import problem_report as pr
from desktop.storage.pack_file import ReadOnlyFileError, plain_os_error
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


@pytest.mark.skipif(os.name != "posix", reason="Unix permissions")
@pytest.mark.parametrize("policy", [AS_A_DOCUMENT, AS_BEFORE])
def test_a_file_is_written_without_ever_changing_the_process_umask(tmp_path, monkeypatch, policy):
    """write_user_file set the process umask for a moment to learn it: a file another thread made meanwhile (the
    scan of the watched folder, the error log) got 0644 whatever the user's umask. The temp file is now made with
    the folder's default for a new file and given its permissions before it takes the file's place."""
    def no_umask(_mask):
        raise AssertionError("the process umask was changed")

    old = tmp_path / "old.txt"
    old.write_bytes(b"old")
    os.chmod(old, 0o664)
    before = os.umask(0o027)
    try:
        monkeypatch.setattr(os, "umask", no_umask)
        modes_at_replace: list[int] = []
        real_replace = os.replace

        def replace(src, dst):
            modes_at_replace.append(stat.S_IMODE(os.stat(src).st_mode))
            real_replace(src, dst)

        monkeypatch.setattr(os, "replace", replace)
        new = write_user_file(b"new", tmp_path / "new.txt", policy)
        write_user_file(b"again", old, policy)
    finally:
        monkeypatch.undo()
        os.umask(before)
    assert stat.S_IMODE(new.stat().st_mode) == 0o640, "the umask's default for a new file"
    assert stat.S_IMODE(old.stat().st_mode) == 0o664 and old.read_bytes() == b"again"
    assert modes_at_replace == [0o640, 0o664], "set before the file takes its place, never open to others after"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.txt", "old.txt"], "no temporary file left"


@pytest.mark.skipif(os.name != "posix", reason="Unix permissions")
@pytest.mark.parametrize(("umask", "new_mode"), [(0o077, 0o600), (0o002, 0o664), (0o022, 0o644)])
def test_a_new_document_gets_what_the_user_s_umask_allows(tmp_path, umask, new_mode):
    before = os.umask(umask)
    try:
        assert stat.S_IMODE(write_user_file(b"x", tmp_path / "handout.pdf").stat().st_mode) == new_mode
    finally:
        os.umask(before)


@pytest.mark.skipif(os.name != "posix", reason="Unix permissions")
@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555])
def test_a_document_its_owner_made_read_only_is_not_replaced(tmp_path, mode):
    """A handout, playlist or report its owner made read-only (chmod a-w, the read-only box in Explorer) was
    replaced all the same (only the folder's permissions count for a new file in its place) and came back writable:
    the protection the trainer set was gone with last month's copy. It is refused now, saying why and what to do,
    and nothing is changed. (Checked from the permissions themselves: it holds for root, whom chmod does not stop.)"""
    kept = tmp_path / "handout.pdf"
    kept.write_bytes(b"last month")
    os.chmod(kept, mode)
    link = tmp_path / "mine.pdf"
    link.symlink_to(kept)
    for path in (kept, link):
        with pytest.raises(ReadOnlyFileError) as refused:
            write_user_file(b"this month", path)
        assert plain_os_error(refused.value) == "it is read-only: save under another name, or make it writable first"
    assert kept.read_bytes() == b"last month" and stat.S_IMODE(kept.stat().st_mode) == mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.pdf", "mine.pdf"], "no temporary file left"
    os.chmod(kept, 0o644)  # made writable again: saved
    write_user_file(b"this month", kept)
    assert kept.read_bytes() == b"this month"


@pytest.mark.skipif(os.name != "posix", reason="Unix permissions")
def test_settings_made_read_only_are_still_written_as_before_and_stay_read_only(tmp_path):
    """AS_BEFORE (settings.ini, IT's line put back after Qt's write) is not refused: Qt has written the file already
    (as root, or where chmod does not stop it), and IT's line must not be left as Qt garbled it."""
    settings = tmp_path / "settings.ini"
    settings.write_bytes(b"[display]\ntheme=day\n")
    os.chmod(settings, 0o444)
    write_user_file(b"[display]\ntheme=night\n", settings, AS_BEFORE)
    assert settings.read_bytes().endswith(b"night\n") and stat.S_IMODE(settings.stat().st_mode) == 0o444
