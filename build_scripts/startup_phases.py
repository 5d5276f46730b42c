"""Where start-up time goes: launch → each phase of `python -m desktop --data PACK` → first frame, in ms,
median of interleaved runs next to the bench's hello world (see build_scripts/PERFORMANCE.md).

    .venv/bin/python build_scripts/startup_phases.py [--runs 9] [--tree DIR ...] [--plain] [--exe BUNDLE ...] [--cpu]
    .venv/bin/python build_scripts/startup_phases.py --floors [--runs 15]

--tree runs another checkout (e.g. `git archive <rev> | tar -x -C /tmp/before`) for before/after tables;
the default is this one. Each phase is stamped by a small wrapper around the real entry point; the app
itself is not changed. The wrapper imports none of the app ahead of it: it stamps a phase as run_gui
reaches it (the end of a watched module's import, a call to load_data or MainWindow), so the phases
follow run_gui's order, whatever it is. --plain: launch → first frame of the unwrapped entry point, per
tree, next to hello. --exe times frozen bundles the same way (e.g. a copy of dist/ built before a change,
and the current one).
--floors times what the target could allow at best: the hello world with only the pack read (bytes,
SHA-256, JSON), with the app's own data layer and load, and with the pack read into a plain-Qt Home (top
bar, search box, as-of line, the situations in a QListView, status bar: no Python on any widget), next to
the app itself; each as a ratio to the hello world (PERFORMANCE.md, "Tenth pass").
--cpu adds each tree's, bundle's and the hello world's median CPU time (user + sys of the whole process,
launch → exit, from the kernel's own count): far less swayed by other work on a busy machine than wall time.
The machine is shared: compare trees measured in the same run only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build_scripts"))

from bench import HELLO, PYTHON, bundled_pack_of, offscreen_platform  # noqa: E402  (the same hello world and interpreter as the bench)

WRAPPER = r'''
import atexit, os, sys, time
T0 = float(os.environ["STARTUP_T0"])
# The marks are printed as the run ends: a line written mid-start-up wakes the reader, which on a busy
# machine can take the child's core.
MARKS = []
def mark(name): MARKS.append((name, time.time()))
atexit.register(lambda: print("".join(f"PHASE {n} {(at - T0) * 1000:.1f}\n" for n, at in MARKS), end="", flush=True))
mark("interpreter")
sys.path.insert(0, os.environ["STARTUP_TREE"])

# Each phase is stamped where run_gui reaches it, in its own order: a watched module as its import ends
# (whoever imports it first), load_data and MainWindow() as they are called. The wrapper imports nothing
# of the app's itself, so run_gui's order is the only one there is.
def time_load_data(module):
    load = module.load_data
    def timed_load(*args, **kwargs):
        mark("to load_data"); result = load(*args, **kwargs); mark("load_data"); return result
    module.load_data = timed_load
def time_main_window(module):
    class Window(module.MainWindow):
        def __init__(self, *args, **kwargs):
            mark("to MainWindow()"); super().__init__(*args, **kwargs); mark("MainWindow()")
        def show(self):
            super().show(); mark("show()")
        def paintEvent(self, event):
            if not self._painted: mark("first paint starts")
            super().paintEvent(event)
    module.MainWindow = Window
WATCHED = {"desktop.ui.app": ("import desktop.ui.app", None),
           "desktop.ui.data_loading": ("import data_loading", time_load_data),
           "PySide6.QtWidgets": ("import PySide6", None),
           "desktop.ui.main_window": ("import main_window", time_main_window)}
class StampWhenImported:
    @staticmethod
    def find_spec(name, path, target=None):
        if name not in WATCHED:
            return None
        for finder in sys.meta_path:
            spec = None if finder is StampWhenImported else finder.find_spec(name, path, target)
            if spec is not None:
                break
        else:
            return None
        phase, then = WATCHED.pop(name)
        exec_module = spec.loader.exec_module
        def timed_exec(module):
            exec_module(module); mark(phase)
            if then: then(module)
        spec.loader.exec_module = timed_exec
        return spec
sys.meta_path.insert(0, StampWhenImported)
import desktop.__main__ as entry; mark("import desktop.__main__")
sys.argv = ["encounter-guide", "--data", os.path.join(os.environ["STARTUP_TREE"], "data", "encounter-guide.json")]
entry.entry()
'''

PLAIN = r'''
import os, sys
sys.path.insert(0, os.environ["STARTUP_TREE"])
sys.argv = ["encounter-guide", "--data", os.path.join(os.environ["STARTUP_TREE"], "data", "encounter-guide.json")]
from desktop.__main__ import entry
entry()
'''


# --floors: the bench's hello world with a prelude before it (PySide6 not imported yet, as in run_gui), or
# with its one line edit replaced by a plain-Qt Home built from the raw pack.
READ_RAW = """
import hashlib, json
raw = open(os.environ["STARTUP_PACK"], "rb").read()
SHA256 = hashlib.sha256(raw).hexdigest()
TABLES = json.loads(raw)
"""
APP_DATA_LAYER = """
sys.path.insert(0, os.environ["STARTUP_TREE"])
from desktop.ui.data_loading import load_data
DATA = load_data(os.environ["STARTUP_PACK"])
assert DATA.loaded is not None and not DATA.failed
"""
PLAIN_HOME = """
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget
central = QWidget()
column = QVBoxLayout(central)
top = QHBoxLayout()
column.addLayout(top)
for text in ("Home", "Back", "Search", "A-", "A+", "Day", "Night", "Contrast", "Data"):
    top.addWidget(QPushButton(text))
field = QLineEdit()
column.addWidget(field)
meta = next(iter(TABLES["meta"].values()))
column.addWidget(QLabel(f"Data as of {meta['as_of']} (version {meta['data_version']})"))
model = QStandardItemModel()
for doc in sorted(TABLES["scenarios"].values(), key=lambda d: d["scenario_id"]):
    model.appendRow(QStandardItem(f"{doc['scenario_id']}  {doc['title']}"))
view = QListView()
view.setWordWrap(True)
view.setModel(model)
column.addWidget(view)
window.setCentralWidget(central)
window.statusBar().showMessage(f"Bundled data pack, as of {meta['as_of']}")
"""


def floor_scripts() -> dict[str, str]:
    """The --floors contenders: name → script (each prints FIRST FRAME as the hello world does)."""
    one_field = "field = QLineEdit()\nwindow.setCentralWidget(field)\n"
    if one_field not in HELLO:
        raise RuntimeError("the bench's hello world changed: update --floors")
    head = "import os, sys\n"
    return {
        "hello world": HELLO,
        "hello + read the pack (bytes, SHA-256, JSON)": head + READ_RAW + HELLO,
        "hello + the app's data layer and load_data": head + APP_DATA_LAYER + HELLO,
        "hello + read the pack + a plain-Qt Home": head + READ_RAW + HELLO.replace(one_field, PLAIN_HOME.lstrip()),
        "the app (python -m desktop)": PLAIN,
    }


def floors(runs: int, env: dict[str, str], tmp: Path) -> int:
    env = dict(env, STARTUP_TREE=str(ROOT), STARTUP_PACK=str(ROOT / "data" / "encounter-guide.json"))
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "desktop")], env=env, check=True)
    commands = {}
    for number, (name, script) in enumerate(floor_scripts().items()):
        path = tmp / f"floor{number}.py"
        path.write_text(script)
        commands[name] = [PYTHON, str(path)]
    for cmd in commands.values():  # warm-up, discarded; each must reach its first frame
        run(cmd, env, ROOT)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved
        for name, cmd in commands.items():
            samples[name].append(run(cmd, env, ROOT)["FIRST FRAME printed"])
    hello = statistics.median(samples["hello world"])
    print(f"launch → first frame, median of {runs} interleaved runs")
    for name, values in samples.items():
        frame = statistics.median(values)
        print(f"  {name:48} {frame:7.1f} ms  {frame / hello:5.2f}×")
    return 0


#: run()'s CPU time of the whole child process (user + sys, launch → exit), kept apart from the phases.
CPU = "cpu"


def run(cmd: list[str], env: dict[str, str], cwd: Path) -> dict[str, float]:
    """Run one contender to its first frame: its phase marks and "FIRST FRAME printed" in ms since
    launch, and its CPU time (``CPU``)."""
    start = time.time()
    env = dict(env, STARTUP_T0=repr(start))
    marks: dict[str, float] = {}
    with subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=cwd) as proc:
        assert proc.stdout is not None
        for raw in proc.stdout:
            line = raw.decode(errors="replace")
            if line.startswith("PHASE "):
                _, name_value = line.split(" ", 1)
                name, value = name_value.rsplit(" ", 1)
                marks[name] = float(value)
            elif line.startswith("FIRST FRAME"):
                marks["FIRST FRAME printed"] = (time.time() - start) * 1000
        _, status, usage = os.wait4(proc.pid, 0)  # the child's own CPU time, as the kernel counted it
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or "FIRST FRAME printed" not in marks:
        raise RuntimeError(f"{cmd} failed")
    marks[CPU] = (usage.ru_utime + usage.ru_stime) * 1000
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--tree", action="append", type=Path, help="a checkout to measure (repeat to compare)")
    parser.add_argument("--plain", action="store_true", help="first frame only, no phase wrapper")
    parser.add_argument("--exe", action="append", type=Path, default=[],
                        help="a frozen app (dist/encounter-guide/encounter-guide) to time as well (repeat to compare)")
    parser.add_argument("--floors", action="store_true",
                        help="the hello world with only the pack read, the data layer, or a plain-Qt Home, and the app")
    parser.add_argument("--cpu", action="store_true",
                        help="also the median CPU time (user + sys) of each contender's whole run, launch → exit "
                             "(not with --floors)")
    args = parser.parse_args()
    trees = [t.resolve() for t in args.tree] if args.tree else ([] if args.exe else [ROOT])
    with tempfile.TemporaryDirectory(prefix="startup-phases-") as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM=offscreen_platform(tmp), QT_LOGGING_RULES="qt.qpa.*=false",
                   ENCOUNTER_GUIDE_BASEDIR=tmp, ENCOUNTER_GUIDE_EXIT_AFTER_FIRST_FRAME="1")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure with bytecode, as installed
        if args.floors:
            return floors(args.runs, env, Path(tmp))
        wrapper, hello = Path(tmp) / "wrapper.py", Path(tmp) / "hello.py"
        wrapper.write_text(PLAIN if args.plain else WRAPPER)
        hello.write_text(HELLO)
        for tree in trees:
            subprocess.run([PYTHON, "-m", "compileall", "-q", str(tree / "desktop")], env=env, check=True)
        contenders = {str(t): ([PYTHON, str(wrapper)], dict(env, STARTUP_TREE=str(t))) for t in trees}
        for exe in args.exe:  # launch → first frame, like --plain (a bundle has no phase wrapper)
            contenders[str(exe.resolve())] = ([str(exe.resolve()), "--data", str(bundled_pack_of(exe.resolve()))], env)
        contenders["hello"] = ([PYTHON, str(hello)], env)
        samples: dict[str, list[dict[str, float]]] = {name: [] for name in contenders}
        for cmd, cenv in contenders.values():  # warm-up, discarded
            run(cmd, cenv, ROOT)
        for _ in range(args.runs):  # interleaved: drifting load hits every contender alike
            for name, (cmd, cenv) in contenders.items():
                samples[name].append(run(cmd, cenv, ROOT))
    hello_rows = samples.pop("hello")
    hello_frame = statistics.median(m["FIRST FRAME printed"] for m in hello_rows)
    hello_cpu = statistics.median(m.pop(CPU) for m in hello_rows)
    print(f"hello world: first frame {hello_frame:.1f} ms (median of {args.runs})"
          + (f", CPU {hello_cpu:.1f} ms" if args.cpu else ""))
    for name, rows in samples.items():
        cpu = statistics.median(m.pop(CPU) for m in rows)
        print(f"\n{name}")
        phases = sorted(rows[0], key=lambda k: statistics.median(r[k] for r in rows))
        previous = 0.0
        for phase in phases:
            value = statistics.median(r[phase] for r in rows)
            print(f"  {phase:36} {value:7.1f} ms  (+{value - previous:5.1f})")
            previous = value
        print(f"  ratio to hello world: {previous / hello_frame:.2f}")
        if args.cpu:
            print(f"  CPU, user + sys, launch → exit: {cpu:.1f} ms ({cpu / hello_cpu:.2f}× the hello world's)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
