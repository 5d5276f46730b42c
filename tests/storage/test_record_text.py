"""The app's own record files (state.json, history.json, published.json) saved again as UTF-16 without a byte order
mark (PowerShell's and Python's "utf-16-le"): named so, not "not valid JSON" nor "cut short"."""

from __future__ import annotations

import json

import pytest

from desktop.storage.history import HistoryDamaged, read_json
from desktop.storage.versions import StateError, VersionStore


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_state_file_in_utf16_is_named_not_utf8_text(tmp_path, encoding):
    store = VersionStore(tmp_path)
    store.state_file.parent.mkdir(parents=True, exist_ok=True)
    store.state_file.write_bytes(json.dumps({"current": None, "previous": None}).encode(encoding))
    with pytest.raises(StateError) as info:
        store.read_state()
    assert str(info.value) == "state.json is not UTF-8 text (it is saved as UTF-16)"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_history_in_utf16_is_named_not_utf8_text(tmp_path, encoding):
    history = tmp_path / "history.json"
    history.write_bytes(json.dumps({"entries": []}).encode(encoding))
    with pytest.raises(HistoryDamaged) as info:
        read_json(history)
    assert str(info.value) == "history.json could not be read: it is not UTF-8 text (it is saved as UTF-16)"
    assert history.read_bytes() == json.dumps({"entries": []}).encode(encoding), "left as it was"


def test_a_record_with_a_byte_that_is_not_utf8_says_where(tmp_path):
    history = tmp_path / "published.json"
    history.write_bytes(b'{"published": ["\xff"]}')
    with pytest.raises(HistoryDamaged, match=r"published.json could not be read: it is not UTF-8 text \(bad byte at "
                       r"position 16\)"):
        read_json(history)
