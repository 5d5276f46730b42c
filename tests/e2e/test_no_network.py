"""No network, seen from outside the app: the real process (start-up, search, a walk to an outcome, a
citation: --smoke-test; and a PDF handout) run under strace makes no network system call at all, and
never loads networking code (ssl, urllib, http.client, PySide6.QtNetwork, libQt6Network; Python's socket
module only as the unused import of the standard library's logging.handlers).

This complements tests/ui/test_privacy.py (the full workout in-process, sockets patched to fail): strace
also sees what C++ (Qt) or C libraries would do. Skipped where strace is missing or ptrace is not allowed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e

NETWORK_MODULES = ("ssl", "_ssl", "urllib.request", "http.client", "ftplib", "smtplib", "PySide6.QtNetwork")
#: The socket module is imported, unused, by the standard library's logging.handlers (the error log's
#: RotatingFileHandler lives there): the check records who imports it and accepts only that.
CHECK_IMPORTS = f"""
import sys, traceback
importers = []
class Watch:
    def find_spec(self, name, path=None, target=None):
        if name in ("socket", "_socket"):
            importers.append([f.filename for f in traceback.extract_stack()])
        return None
sys.meta_path.insert(0, Watch())
from desktop.__main__ import main
code = main(["--smoke-test"])
loaded = [name for name in {NETWORK_MODULES!r} if name in sys.modules]
socket_from_elsewhere = [s[-8:] for s in importers if not any(f.endswith("logging/handlers.py") for f in s)]
maps = open("/proc/self/maps").read() if sys.platform.startswith("linux") else ""
print("RESULT", code, loaded, socket_from_elsewhere, "libQt6Network" in maps)
"""


def _env(base: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    env.update({"ENCOUNTER_GUIDE_BASEDIR": str(base), "HOME": str(base / "home")})
    return env


def test_the_app_loads_no_networking_code(tmp_path):
    result = subprocess.run([sys.executable, "-c", CHECK_IMPORTS], cwd=REPO, env=_env(tmp_path), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT"))
    assert line == "RESULT 0 [] [] False", line


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
@pytest.mark.parametrize("args", [["--smoke-test"], ["handout", "S08", "-o", "{tmp}/S08.pdf"]],
                         ids=["officer-app-smoke-test", "pdf-handout"])
def test_no_network_system_call_under_strace(tmp_path, args):
    trace = tmp_path / "network.trace"
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = subprocess.run(["strace", "-f", "-qq", "-e", "trace=%network", "-o", str(trace),
                             sys.executable, "-m", "desktop", *argv],
                            cwd=REPO, env=_env(tmp_path), capture_output=True, text=True, timeout=180)
    if result.returncode != 0 and ("ptrace" in result.stderr or "Operation not permitted" in result.stderr):
        pytest.skip(f"strace cannot trace here: {result.stderr.strip()[:200]}")
    assert result.returncode == 0, result.stderr
    calls = trace.read_text(encoding="utf-8").strip() if trace.exists() else ""
    assert calls == "", f"network system calls:\n{calls[:2000]}"
