"""Files the user asked for, read back: a problem report an officer saved (storage.user_files.read_report_file)."""

from __future__ import annotations

import pytest

from desktop.domain import problem_report as pr
from desktop.storage.user_files import read_report_file


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
