"""What is at the target of a publish: kept to put back if the publish fails half-way, so never read past the size
of a data pack."""

from __future__ import annotations

import datetime as dt
import errno

import pytest

from desktop.storage import publish as publish_module
from desktop.storage.publish import publish
from desktop.storage.signing import signature_path
from desktop.supervisor_cli import _cannot_write
from tests.helpers import mini_tables
from tests.supervisor_helpers import make_key


def test_publishing_over_a_file_larger_than_any_pack_is_refused_by_its_size_unread(tmp_path, monkeypatch):
    """It was read whole to keep a copy (a 2 GiB file: 2 GiB of memory), then replaced."""
    monkeypatch.setattr(publish_module, "MAX_PACK_BYTES", 3 * 1024 * 1024, raising=False)
    private, _ = make_key(tmp_path / "keys")
    target = tmp_path / "district-1.json"
    with open(target, "wb") as handle:
        handle.truncate(5 * 1024 * 1024)  # sparse: 5 MiB said, none written
    with pytest.raises(OSError) as info:
        publish(mini_tables(), target, private, today=dt.date(2026, 3, 2), user_data=tmp_path / "data")
    assert info.value.errno == errno.EFBIG and info.value.filename == str(target)
    assert target.stat().st_size == 5 * 1024 * 1024 and not signature_path(target).exists(), "nothing was written"
    assert _cannot_write(info.value, target) == (
        f"{target} could not be written: it is 5 MiB, larger than any data pack can be (at most 3 MiB), so it is not "
        "published over")
