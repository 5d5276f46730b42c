"""PyInstaller runtime hook, run before PyInstaller's own (custom hooks come first): import the officer app's
Qt-free data layer before PySide6's runtime hook imports PySide6.QtCore, as `python -m desktop` does.

PySide6's import hook reads the source of every module imported after PySide6.QtCore (see
tests/test_startup_imports.py); without this, the bundle imported the data layer's ~40 modules after it."""

import desktop.ui.data_loading  # noqa: F401
