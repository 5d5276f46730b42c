"""PySide6 6.12.0 on CPython 3.11 drops a reference to None on every void Qt call and to True on every
signal emit, so a long session aborts the interpreter ("Fatal Python error: none_dealloc"). We pin a
release without the bug (requirements.txt; pyproject excludes 6.12.0). This test keeps it that way:
it fails on any installed PySide6 that leaks, before an officer's app would crash."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

CALLS = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication, QTextDocument
class Emitter(QObject):
    changed = Signal(int)
app = QGuiApplication([])
doc, emitter = QTextDocument(), Emitter()
emitter.changed.connect(lambda value: None)
none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(20_000):
    doc.setDocumentMargin(0)   # a void Qt call
    emitter.changed.emit(1)    # a signal emit
print(sys.getrefcount(None) - none_before, sys.getrefcount(True) - true_before)
"""


def test_installed_pyside_does_not_leak_singleton_references():
    result = subprocess.run([sys.executable, "-c", CALLS], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"PySide6 crashed the interpreter:\n{result.stderr[-2000:]}"
    none_delta, true_delta = (int(x) for x in result.stdout.split())
    assert abs(none_delta) < 100 and abs(true_delta) < 100, (none_delta, true_delta)
