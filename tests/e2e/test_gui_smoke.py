"""The officer app's --smoke-test, run as a real process (as CI and the packaged app do)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the smoke test must go offscreen by itself
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )


def test_smoke_test_on_the_mini_pack():
    result = _run("--smoke-test", "--data", "tests/fixtures/mini-pack.json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "SMOKE OK"
    assert "Traceback" not in result.stderr


def test_smoke_test_on_the_bundled_pack():
    result = _run("--smoke-test")
    assert result.returncode == 0, result.stderr
    assert "SMOKE OK" in result.stdout


def test_smoke_test_fails_loudly_on_a_broken_pack(tmp_path: Path):
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    result = _run("--smoke-test", "--data", str(broken))
    assert result.returncode != 0
    assert "SMOKE OK" not in result.stdout
    assert "SMOKE FAILED" in result.stderr and "broken.json" in result.stderr
    assert "Traceback" not in result.stderr


def test_smoke_test_tells_a_bundle_that_compiles_pyside_support_at_start(monkeypatch):
    import types

    from desktop.ui import smoke

    # This venv's shiboken6 compiles its support from the source it embeds, as a bundle without
    # shiboken6/files.dir would: the frozen --smoke-test fails on that ...
    assert smoke._pyside_support_compiled_here()
    # ... and passes on bytecode loaded from files.dir, as the spec ships it.
    loader = types.ModuleType("shibokensupport.signature.loader")
    loader.__file__ = "/opt/encounter-guide/_internal/shiboken6/files.dir/shibokensupport/signature/loader.pyc"
    monkeypatch.setitem(sys.modules, loader.__name__, loader)
    assert not smoke._pyside_support_compiled_here()
