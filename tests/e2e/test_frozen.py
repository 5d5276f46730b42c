"""The packaged app (PyInstaller bundle): the same checks as build_scripts/smoke_test.py.

Runs only when DESKTOP_EXE points at a built executable, e.g.
    python build_scripts/build.py && DESKTOP_EXE=dist/encounter-guide/encounter-guide pytest -m frozen
build_scripts/frozen_check.sh runs the script directly in CI.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = [pytest.mark.e2e, pytest.mark.frozen]

EXE = os.environ.get("DESKTOP_EXE", "")


def _smoke_test_module():
    spec = importlib.util.spec_from_file_location("smoke_test", REPO / "build_scripts" / "smoke_test.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not EXE, reason="DESKTOP_EXE is not set (build the bundle with build_scripts/build.py)")
def test_frozen_app_passes_the_smoke_test():
    exe = Path(EXE) if Path(EXE).is_absolute() else REPO / EXE
    report = _smoke_test_module().run(str(exe), runs=0)
    assert not report.failures, "\n\n".join(report.failures)
    assert "--smoke-test prints SMOKE OK" in report.passed
