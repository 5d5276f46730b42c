"""PyInstaller entry script: the frozen app runs the same entry() as `python -m desktop`."""

from desktop.__main__ import entry

if __name__ == "__main__":
    entry()
