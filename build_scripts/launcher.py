"""PyInstaller entry script: the frozen app runs the same entry() as `python -m desktop`."""

import sys

if "PySide6.QtCore" in sys.modules:
    # PyInstaller's runtime hook for PySide6 imported it before this script, so PySide's import wrapper would
    # look at each of the app's modules from here on: stopped now (the package and desktop.runtime are the
    # only ones it sees), as run_gui does from source.
    from desktop.runtime import stop_pyside_source_scan

    stop_pyside_source_scan()

from desktop.__main__ import entry  # noqa: E402

if __name__ == "__main__":
    entry()
