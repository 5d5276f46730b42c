"""Emitting a Python signal drops a reference to True in PySide6 6.12.0 on CPython 3.11; the editor's
guard keeps long editing sessions alive. The subprocesses show the bug and the cure."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop.ui import pyside_guard
from desktop.ui.editor import bool_guard
from tests.conftest import REPO

EMITS = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
emits = sys.getrefcount(True) * 3 + 5_000  # far more than True has references
{guard}
from PySide6.QtCore import QCoreApplication, QObject, Signal
class Source(QObject):
    changed = Signal(object, str)
app = QCoreApplication([])
source = Source()
source.changed.connect(lambda command, how: None)
for _ in range(emits):
    source.changed.emit(None, "applied")
print("alive")
"""


def _run(guard: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", EMITS.format(guard=guard)], cwd=REPO, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.skipif(not pyside_guard.needed(), reason="True is immortal from CPython 3.12")
def test_many_signal_emits_survive_with_the_guard() -> None:
    result = _run("from desktop.ui.editor import bool_guard; assert bool_guard.install()")
    assert result.returncode == 0 and "alive" in result.stdout, result.stderr


def test_guard_is_still_needed_or_can_go() -> None:
    """Fails once PySide6 no longer leaks: then delete bool_guard and its callers."""
    if not pyside_guard.needed():
        pytest.skip("True is immortal from CPython 3.12")
    result = _run("")
    assert result.returncode != 0 and "bool_dealloc" in result.stderr, "PySide6 is fixed: remove bool_guard"


def test_install_is_idempotent() -> None:
    first = bool_guard.install()
    before = sys.getrefcount(True)
    assert bool_guard.install() == first
    assert abs(sys.getrefcount(True) - before) < pyside_guard.HEADROOM // 2
