"""settings.ini as a file: written back (IT's line put back) with the permissions it had, through a link IT made."""

from __future__ import annotations

import os
import stat

import pytest

from desktop.ui.settings import Settings


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
