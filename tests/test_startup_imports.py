"""Start-up stays light (issue 8): opening the officer app imports none of the command-line tools, signing,
TinyDB or the search index before its first frame, imports the data layer before PySide6, never touches
PySide6's Qt namespace and leaves the cycle collector paused; the command line still has every subcommand."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.__main__ import build_parser, parse_args

REPO = Path(__file__).resolve().parent.parent

#: Needed later (a subcommand, an update, the first search, the first error), never for the first frame.
NOT_AT_START_UP = (
    "desktop.cli", "desktop.supervisor_cli", "desktop.training_cli", "desktop.domain.diff", "desktop.domain.quiz",
    "desktop.domain.search", "desktop.ui.presentation_window", "desktop.ui.wizard_page", "nacl", "tinydb",
    "logging.handlers", "uuid", "desktop.storage.signing", "desktop.storage.history",
    "desktop.domain.problem_report", "desktop.ui.report_dialog",  # only when the officer reports a problem
)
#: ...and with a pack given (--data), the library of installed updates as well.
NOT_WITH_A_PACK_GIVEN = ("desktop.storage.library", "desktop.storage.versions")

FIRST_FRAME_PROBE = """
import gc, sys
# The cycle collector's runs from run_gui's first import (the data layer's loader, before the pack is read and
# PySide6 imported) to the first frame
collections = []
framed = []
at_first_frame = []  # the modules imported when the first frame is printed, in import order
qt_built_at_first_frame = []  # whether PySide6 had built Qt's namespace by then (it does so on first touch)
gc.callbacks.append(lambda phase, info: phase == "start" and "desktop.ui.data_loading" in sys.modules and not framed
                    and collections.append(info["generation"]))
class Stdout:
    def write(self, text):
        if "FIRST FRAME" in text and not framed:
            framed.append(True)
            at_first_frame.extend(sys.modules)
            qt_built_at_first_frame.append("Qt" in vars(sys.modules["PySide6.QtCore"]))
        return sys.__stdout__.write(text)
    def flush(self):
        sys.__stdout__.flush()
sys.stdout = Stdout()
from desktop.__main__ import main
code = main(sys.argv[1:])
# Work after the first frame (a timer, a thread) may import more, or touch Qt's namespace, before the app exits
# on a busy machine: not start-up's, so both are read as the first frame is printed
print("LOADED", " ".join(at_first_frame))  # in import order
print("QT NAMESPACE BUILT", *qt_built_at_first_frame)
import linecache
print("SOURCES READ", sorted(name for name in linecache.cache if "desktop" in name))  # by PySide6's import scan
print("COLLECTIONS BEFORE THE FIRST FRAME", len(collections))
print("AFTER IT", "enabled" if gc.isenabled() else "disabled", "frozen", gc.get_freeze_count())
sys.exit(code)
"""


@pytest.mark.parametrize(("argv", "not_needed"), [([], NOT_AT_START_UP),
                                                   (["--data", "data/encounter-guide.json"],
                                                    NOT_AT_START_UP + NOT_WITH_A_PACK_GIVEN)],
                         ids=["active pack", "--data"])
def test_the_first_frame_needs_none_of_the_tools(argv, not_needed, tmp_path):
    result, in_order = _start_to_first_frame(argv, tmp_path)
    loaded = set(in_order)
    early = [name for name in not_needed if any(m == name or m.startswith(name + ".") for m in loaded)]
    assert not early, f"imported before the first frame: {early}"
    assert "desktop.domain.model" in loaded and "desktop.storage.pack_file" in loaded  # the check checks something
    # PySide6 builds all of Qt's namespace enums (93, about 1,200 members; 15-25 ms) on the first touch of
    # PySide6.QtCore.Qt; the start-up path uses desktop/ui/lazy_qt.py instead and touches it later.
    assert "QT NAMESPACE BUILT False" in result.stdout, "something touched PySide6.QtCore.Qt before the first frame"
    # The cycle collector does not walk start-up's objects (about 45 runs otherwise): paused until the first
    # frame, which freezes them; it runs again from there on.
    # PySide6 wraps Python's import to read the source of every module imported after it (for its opt-in
    # __feature__ syntax, which the app never uses): stopped before the window's modules (10-20 ms of CPU).
    assert "SOURCES READ []" in result.stdout, [line for line in result.stdout.splitlines() if "SOURCES" in line]
    assert "COLLECTIONS BEFORE THE FIRST FRAME 0" in result.stdout, result.stdout.splitlines()[-2:]
    after = result.stdout.split("AFTER IT ", 1)[1].split()
    assert after[0] == "enabled" and int(after[2]) > 10_000, after


def test_the_gui_path_parses_without_the_subcommands():
    args = parse_args(["--data", "pack.json", "--scenario", "S08"])
    assert args.command is None and args.data == "pack.json" and args.scenario == "S08"
    assert parse_args([]).command is None


def test_subcommands_still_parse():
    args = parse_args(["--data", "pack.json", "search", "detainer", "--limit", "3"])
    assert args.command == "search" and args.query == "detainer" and args.limit == 3
    assert parse_args(["check", "x.json", "--strict"]).command == "check"
    assert build_parser().parse_args(["paths", "S08"]).scenario_id == "S08"


def test_help_and_mistakes_name_the_subcommands(capsys):
    with pytest.raises(SystemExit) as done:
        parse_args(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "check" in out and "search" in out and "quiz" in out
    with pytest.raises(SystemExit) as done:
        parse_args(["chekc"])
    assert done.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def _start_to_first_frame(argv: list[str], base: Path) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Start the app with ``argv`` and user folders under ``base`` until its first frame: the run and the
    modules it imported, in order. Checks that the Qt-free layers were all imported before PySide6."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ENCOUNTER_GUIDE_BASEDIR=str(base),
               ENCOUNTER_GUIDE_EXIT_AFTER_FIRST_FRAME="1")
    result = subprocess.run([sys.executable, "-c", FIRST_FRAME_PROBE, *argv], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FIRST FRAME" in result.stdout
    in_order = result.stdout.split("LOADED", 1)[1].split()
    # Until run_gui stops it, PySide6's import wrapper reads the source of every module imported after
    # PySide6.QtCore (about 20 ms for the data layer's 40 modules), so the Qt-free layers come before it.
    after_qt = in_order[in_order.index("PySide6.QtCore"):]
    late = [m for m in after_qt if m.startswith(("desktop.domain", "desktop.storage"))]
    assert not late, f"imported after PySide6, each paying its source read: {late}"
    return result, in_order


def test_an_installed_update_is_verified_before_pyside6_is_imported(tmp_path, monkeypatch):
    """With an update installed, start-up checks its signature (signing, the library) before PySide6, as
    the bundled pack is read: the signing modules imported only when needed must still come before it."""
    import json
    import shutil

    from desktop import paths
    from desktop.storage.library import PackLibrary
    from tests.supervisor_helpers import make_key, signed_pack, tables_at

    monkeypatch.setenv(paths.BASEDIR_ENV, str(tmp_path))
    private, key = make_key(tmp_path / "keys")
    paths.extra_trusted_keys_file().parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(private.with_name(f"{private.stem}.pub.json"), paths.extra_trusted_keys_file())
    bundled = json.loads(paths.bundled_pack().read_text(encoding="utf-8"))
    version = next(iter(bundled["meta"].values()))["data_version"] + 1
    library = PackLibrary(trusted_keys=[key])
    library.install(library.prepare_install(signed_pack(tables_at(version, bundled), tmp_path / "next.json", private)))
    assert PackLibrary().load_active().loaded.pack.meta.data_version == version  # the app will start on it

    _result, in_order = _start_to_first_frame([], tmp_path)
    assert "desktop.storage.signing" in in_order and "desktop.storage.library" in in_order  # it was verified


ENTRY_PROBE = """
import builtins, importlib.util, sys
ENTRIES = {"desktop.ui.presentation_window": "present_main", "desktop.ui.editor": "run_editor"}
seen = []
class StandIn:
    # imported in place of the presentation's or the editor's module: notes what that module would find as it
    # is imported (not when its entry is called: an import_qt between the two would hide a late stop)
    def find_spec(self, name, path=None, target=None):
        return importlib.util.spec_from_loader(name, self) if name in ENTRIES else None
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        seen.append(("PySide6.QtCore" in sys.modules, builtins.__import__.__name__ != "__feature_import__"))
        setattr(module, ENTRIES[module.__name__], lambda *_args: 0)
sys.meta_path.insert(0, StandIn())
from desktop.__main__ import main
main(sys.argv[1:])
print("SEEN", seen)
"""


@pytest.mark.parametrize("argv", [["--present"], ["--edit"], ["--edit", "draft.json"]])
def test_the_presentation_and_the_editor_are_imported_with_pyside6_in_and_its_import_scan_stopped(argv):
    """PySide6's import wrapper reads the source of every module imported after PySide6 (PERFORMANCE.md,
    fifteenth pass). The presentation's and the editor's modules import PySide6 at their top: stopped in their
    own entry functions, it had read 7 and 28 of our modules by then."""
    result = subprocess.run([sys.executable, "-c", ENTRY_PROBE, *argv], capture_output=True, text=True, cwd=REPO,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "SEEN [(True, True)]" in result.stdout, result.stdout  # PySide6 imported, its wrapper stopped


def test_with_the_scan_stopped_importing_the_presentation_and_the_editor_reads_no_source_of_ours():
    code = ("from desktop.ui.app import import_qt; import_qt()\n"
            "import desktop.ui.presentation_window, desktop.ui.editor, linecache\n"
            "print('SOURCES READ', sorted(name for name in linecache.cache if 'desktop' in name))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "SOURCES READ []" in result.stdout, result.stdout


def test_the_trainers_windows_do_not_import_the_supervisors_editor():
    """The quiz and the slides are opened by trainers on an officer's app; their boxes of choices come from
    desktop.ui.choice_box, not from the editor's package, whose import brings in the whole editor."""
    code = ("import sys, desktop.ui.quiz_window, desktop.ui.presentation_window, desktop.ui.choice_box\n"
            "print('EDITOR', sorted(m for m in sys.modules if m.startswith('desktop.ui.editor')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "EDITOR []" in result.stdout, result.stdout
