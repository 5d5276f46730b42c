"""The build's data step (build_scripts/build.py), without PyInstaller: the pack it bundles must carry a stamp
that vouches for its bytes under the current rules, or the build stops before PyInstaller runs."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from desktop.storage.pack_file import stamp_path, write_stamp
from tests.conftest import MINI_PACK

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build_scripts"))
import build  # noqa: E402


@pytest.fixture
def pack(tmp_path, monkeypatch) -> Path:
    """A copy of the mini pack, stamped, bundled through EG_PACK; PyInstaller never runs."""
    target = tmp_path / "pack.json"
    shutil.copyfile(MINI_PACK, target)
    write_stamp(target)
    monkeypatch.setenv("EG_PACK", str(target))

    def no_pyinstaller(*_args, **_kwargs):
        raise AssertionError("PyInstaller ran")

    monkeypatch.setattr(build, "run_pyinstaller", no_pyinstaller)
    return target


def test_a_fresh_stamp_lets_the_build_go_on(pack):
    assert build.data_pack(release=True) == pack


def test_a_stale_stamp_stops_the_build_before_pyinstaller_and_says_how_to_stamp(pack, capsys):
    """The stamp was copied into the bundle unchecked: a stale one meant a full check at every start of the
    frozen app, silently."""
    pack.write_bytes(pack.read_bytes().replace(b'"as_of": "2026-02-02"', b'"as_of": "2026-02-01"'))
    with pytest.raises(SystemExit) as stopped:
        build.main(["--no-archive"])
    message = str(stopped.value)
    assert message.startswith(f"build: the validation stamp {stamp_path(pack)} does not match the pack and the "
                              "current rules")
    assert f"check --strict --stamp {pack}" in message and "Nothing was built." in message


def test_a_stamp_made_under_other_rules_stops_the_build(pack, monkeypatch):
    from desktop.domain import validation

    monkeypatch.setattr(validation, "stamp_fingerprint", lambda schema: "the rules of a later app")
    with pytest.raises(SystemExit, match="does not match the pack and the current rules"):
        build.data_pack(release=False)


def test_a_missing_stamp_stops_the_build(pack):
    stamp_path(pack).unlink()
    with pytest.raises(SystemExit, match=r"pack\.json\.valid is missing, so the app would check the whole pack"):
        build.data_pack(release=False)
