"""The layering contracts hold (import-linter), and the domain imports without Qt or TinyDB."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_import_contracts():
    exe = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(exe)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and " 0 broken" in result.stdout


def test_domain_runs_without_qt_or_tinydb():
    code = (
        "import sys, desktop.domain.search, desktop.domain.wizard, desktop.domain.validation;"
        "bad=[m for m in sys.modules if m.split('.')[0] in ('PySide6','shiboken6','tinydb')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_no_module_asks_for_pyside_features():
    """desktop.runtime.stop_pyside_source_scan turns off the import wrapper behind PySide6's opt-in
    ``from __feature__ import snake_case, true_property``: a module that asked for them would be ignored."""
    asks = re.compile(r"^\s*(from\s+__feature__\s+import|import\s+__feature__)", re.MULTILINE)
    asking = [str(path.relative_to(REPO)) for path in sorted((REPO / "desktop").rglob("*.py"))
              if asks.search(path.read_text(encoding="utf-8"))]
    assert not asking, f"{asking}: PySide's __feature__ switches are off in this app (desktop/ui/app.py)"
