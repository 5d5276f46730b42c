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
