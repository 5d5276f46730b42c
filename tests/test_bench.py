"""The benchmark's own parts still work (the bench itself is a separate, minutes-long command): its
statistics, the keystroke generator, and its measurements on the small test pack. No timing is asserted."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build_scripts"))
import bench  # noqa: E402

MINI = ROOT / "tests" / "fixtures" / "mini-pack.json"


def test_percentile_and_keystrokes():
    assert bench.percentile([5.0, 1.0, 3.0], 50) == 3.0
    assert bench.percentile([1.0, 2.0], 100) == 2.0
    assert math.isnan(bench.percentile([], 95))
    assert bench.keystrokes(["ice", "lot"]) == ["i", "ic", "ice", "l", "lo", "lot"]


def test_search_bench_reports_both_sides_on_a_real_pack():
    results: dict = {}
    bench.bench_search(MINI, ["detainer", "warrant"], "mini", results, peer_queries=6)
    for key in ("search_mini_p50_ms", "search_mini_p95_ms", "tinydb_scan_mini_p95_ms", "search_mini_speedup_p95"):
        assert results[key] > 0, key
    assert results["search_mini_p50_ms"] <= results["search_mini_p95_ms"]


def test_the_index_build_measurement_runs_the_real_window():
    results: dict = {}
    bench.bench_build_stall(MINI, "mini", results)
    assert results["index_build_in_app_mini_s"] > 0
    assert results["index_build_ui_stall_max_mini_ms"] >= results["index_build_ui_tick_p95_mini_ms"] > 0


def test_the_search_keystroke_measurement_types_into_the_real_window():
    results: dict = {}
    bench.bench_search_window(MINI, ["detainer", "lot", "qzx"], "mini", results)  # "qzx": no results, painted too
    assert results["search_window_mini_keystrokes"] == len("detainer") + len("lot") + len("qzx")
    assert 0 < results["search_window_mini_p50_ms"] <= results["search_window_mini_p95_ms"]
    assert 0 < results["search_window_mini_whole_window_p50_ms"] <= results["search_window_mini_whole_window_p95_ms"]


def test_the_first_opens_are_timed_in_a_window_left_as_run_gui_leaves_it():
    results: dict = {}
    bench.bench_first_open(1, results)  # the body checks that each screen opened (the search with results)
    assert all(results[f"first_{what}_open_ms"] > 0 for what in bench.FIRST_OPENS), results


def test_search_ab_compares_checkouts_and_checks_their_results(tmp_path):
    """build_scripts/search_ab.py (before/after figures in PERFORMANCE.md) runs each checkout in fresh
    processes and says whether every checkout gave the same results."""
    import shutil
    import subprocess

    for part in ("desktop", "data", "resources"):  # a checkout: code, its schema and data
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    out = subprocess.run([sys.executable, str(ROOT / "build_scripts" / "search_ab.py"), "--tree", str(ROOT),
                          "--tree", str(tmp_path), "--rounds", "1"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.count(" p95 ") == 2
    assert "the same for every keystroke in every checkout" in out.stdout


def test_search_ab_reads_callgrinds_dumps_at_each_mark_in_order(tmp_path):
    """--instructions reads one count per keystroke from the dumps callgrind makes at each mark, in the order
    they were made (2 before 10), and not the dump it makes as the program ends."""
    from search_ab import marked_counts

    for number, count in [(1, 900), (2, 50), (10, 70), (3, 60)]:
        (tmp_path / f"cg.{number}").write_text(f"version: 1\ncmd: python\nsummary: {count}\n\nfn=x\n")
    (tmp_path / "cg").write_text("version: 1\ntotals: 5\n")
    assert marked_counts(tmp_path / "cg") == [900, 50, 60, 70]


def test_search_ab_counts_instructions_from_the_end_of_the_set_up(tmp_path):
    """--instructions runs callgrind with counting off and starts it once the pack is loaded, the index built and
    the window shown (the 10k pack's index took a quarter of an hour to build while counted): the child calls
    the small library's start_counting() before its first keystroke, a call that does nothing outside valgrind."""
    import ctypes
    import shutil

    import pytest
    from search_ab import child, counting_library

    if shutil.which("cc") is None:
        pytest.skip("no C compiler to build the library with")
    if not any((Path(folder) / "valgrind" / "callgrind.h").is_file() for folder in ("/usr/include", "/usr/local/include")):
        pytest.skip("no valgrind headers to build the library with (the Debian package valgrind has them)")
    library = counting_library(tmp_path)
    ctypes.CDLL(str(library)).start_counting()  # outside valgrind: nothing happens, nothing breaks
    code = child(ROOT, tmp_path / "pack.json", ["ab"], "marked", window=True, counter=library)[-1]
    assert code.index("start_counting()") > code.index("build_search_index()")
    assert code.index("start_counting()") < code.index('for q in ["o", "of", "off"]')
    assert "QUERIES, MODE, COUNTER = ['ab'], 'search', None\n" in child(ROOT, tmp_path / "pack.json", ["ab"], "search")[-1]


def test_startup_floors_each_reach_a_first_frame(tmp_path):
    """startup_phases.py --floors (PERFORMANCE.md, tenth pass): every contender is a real script that reaches
    its first frame on the bundled pack, and the plain-Qt Home lists every situation of the pack."""
    import json
    import os
    import subprocess

    import startup_phases

    pack = ROOT / "data" / "encounter-guide.json"
    env = dict(os.environ, QT_QPA_PLATFORM=bench.offscreen_platform(tmp_path), QT_LOGGING_RULES="qt.qpa.*=false",
               ENCOUNTER_GUIDE_BASEDIR=str(tmp_path), ENCOUNTER_GUIDE_EXIT_AFTER_FIRST_FRAME="1",
               STARTUP_TREE=str(ROOT), STARTUP_PACK=str(pack))
    scripts = startup_phases.floor_scripts()
    assert len(scripts) == 5
    for number, script in enumerate(scripts.values()):
        path = tmp_path / f"floor{number}.py"
        path.write_text(script)
        out = subprocess.run([sys.executable, str(path)], env=env, capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert out.returncode == 0 and "FIRST FRAME" in out.stdout, out.stderr[-2000:]
    home = next(s for name, s in scripts.items() if "plain-Qt Home" in name)
    probe = home.replace("window.show()", "print('ROWS', model.rowCount(), flush=True)\nwindow.show()")
    (tmp_path / "home.py").write_text(probe)
    out = subprocess.run([sys.executable, str(tmp_path / "home.py")], env=env, capture_output=True, text=True, cwd=ROOT,
                         timeout=60)
    scenarios = json.loads(pack.read_text(encoding="utf-8"))["scenarios"]
    assert f"ROWS {len(scenarios)}" in out.stdout, out.stderr[-2000:]


def test_startup_phases_wrapper_follows_run_gui(tmp_path):
    """startup_phases.py stamps each phase where the app reaches it and imports nothing ahead of it: a
    wrapped start-up imports the same modules in the same order as the unwrapped one, and its phases
    come in run_gui's order (the pack is loaded before PySide6 is imported). It writes them only after
    the first frame."""
    import os
    import subprocess
    import time

    import startup_phases

    env = dict(os.environ, QT_QPA_PLATFORM=bench.offscreen_platform(tmp_path), QT_LOGGING_RULES="qt.qpa.*=false",
               ENCOUNTER_GUIDE_BASEDIR=str(tmp_path), ENCOUNTER_GUIDE_EXIT_AFTER_FIRST_FRAME="1",
               STARTUP_TREE=str(ROOT), STARTUP_T0=repr(time.time()))
    listing = "import atexit, sys\natexit.register(lambda: print('LOADED', *sys.modules, flush=True))\n"
    orders, phases = {}, []
    for name, script in (("plain", startup_phases.PLAIN), ("wrapped", startup_phases.WRAPPER)):
        path = tmp_path / f"{name}.py"
        path.write_text(listing + script)
        out = subprocess.run([sys.executable, str(path)], env=env, capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert out.returncode == 0 and "FIRST FRAME" in out.stdout, out.stderr[-2000:]
        orders[name] = out.stdout.split("LOADED", 1)[1].split()
        if name == "wrapped":  # its marks are written as the run ends: no line wakes the reader before the frame
            assert out.stdout.index("FIRST FRAME") < out.stdout.index("PHASE "), out.stdout
            phases = [line.split(" ", 1)[1].rsplit(" ", 1)[0] for line in out.stdout.splitlines()
                      if line.startswith("PHASE ")]
    assert orders["wrapped"] == orders["plain"]
    assert sorted(phases) == sorted(["interpreter", "import desktop.__main__", "import desktop.ui.app",
                                     "import data_loading", "to load_data", "load_data", "import PySide6",
                                     "import main_window", "to MainWindow()", "MainWindow()", "show()",
                                     "first paint starts"])
    assert phases.index("load_data") < phases.index("import PySide6")  # as run_gui does (test_startup_imports.py)


def test_startup_phases_reports_the_childs_own_cpu_time(tmp_path):
    """--cpu (PERFORMANCE.md, fourteenth pass): run() reads the child's CPU time as the kernel counted it,
    which holds at least what the child counted itself, and the table reports it for each contender."""
    import os
    import subprocess

    import startup_phases

    script = tmp_path / "busy.py"
    script.write_text("import time\nwhile time.process_time() < 0.2:\n    pass\n"
                      "print('PHASE busy', time.process_time() * 1000)\nprint('FIRST FRAME', flush=True)\n")
    marks = startup_phases.run([sys.executable, str(script)], dict(os.environ), tmp_path)
    assert marks[startup_phases.CPU] >= marks["busy"] >= 200
    out = subprocess.run([sys.executable, str(ROOT / "build_scripts" / "startup_phases.py"), "--runs", "1", "--plain",
                          "--cpu"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert ", CPU " in out.stdout.splitlines()[0] and "CPU, user + sys, launch → exit: " in out.stdout, out.stdout


def test_each_pass_of_performance_md_the_code_cites_is_there():
    """A docstring or comment that sends the reader to a pass of PERFORMANCE.md finds it there: the import
    wrapper's stop and the pages' warm-up cited a fifteenth pass that was never written."""
    import re

    passes = {heading.casefold() for heading in re.findall(r"^# (\w+(?:-\w+)?) pass\b", (ROOT / "build_scripts" / "PERFORMANCE.md")
                                                            .read_text(encoding="utf-8"), re.MULTILINE)}
    cited = re.compile(r"PERFORMANCE\.md,[\s#]*[\"“]?(\w+(?:-\w+)?) pass", re.IGNORECASE)
    missing = []
    for path in sorted([*(ROOT / "desktop").rglob("*.py"), *(ROOT / "build_scripts").glob("*.py"),
                        *(ROOT / "tests").rglob("*.py")]):
        missing += [f"{path.relative_to(ROOT)}: {name} pass" for name in cited.findall(path.read_text(encoding="utf-8"))
                    if name.casefold() not in passes]
    assert passes >= {"second", "fourteenth"} and not missing, missing


def test_time_rule_opens_opens_every_rule_and_counts_what_it_makes():
    import re
    import subprocess

    out = subprocess.run([sys.executable, str(ROOT / "build_scripts" / "time_rule_opens.py"), "--processes", "1",
                          "--rounds", "1"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert re.search(r"^\d+ rules x 1: median [\d.]+ ms CPU per open$", out.stdout, re.M), out.stdout
    made = re.search(r"widgets created per open: ([\d.]+) on average, (\d+) at most", out.stdout)
    assert made and float(made.group(1)) < 1, out.stdout  # the page is refilled, not rebuilt


def test_the_wizard_step_is_timed_to_the_screen_painted_both_ways():
    results: dict = {}
    bench.bench_wizard(results, MINI, paths_per_scenario=2)  # the body fails on a step whose screen was not painted
    assert results["wizard_steps_measured"] > 0
    assert 0 < results["wizard_step_p50_ms"] <= results["wizard_step_p95_ms"]
    assert 0 < results["wizard_step_whole_window_p50_ms"] <= results["wizard_step_whole_window_p95_ms"]


def test_wizard_ab_walks_a_checkout_through_the_same_steps_each_time():
    import wizard_ab

    runs = [wizard_ab.result(subprocess.run(wizard_ab.child(ROOT, 1, 2, "timed"), capture_output=True, text=True))
            for _ in range(2)]
    assert len(runs[0]["wall"]) == len(runs[0]["cpu"]) > 0
    assert all(cpu > 0 for cpu in runs[0]["cpu"])
    assert runs[0]["digest"] == runs[1]["digest"]


def test_wizard_ab_keeps_the_dumps_of_the_walks_and_tells_steps_from_starts():
    import wizard_ab

    # the set-up's two dumps, then a walk of two steps and one of one
    steps, starts = wizard_ab.split_marks([2, 1], [900, 800, 10, 21, 22, 11, 23])
    assert steps == [21, 22, 23]
    assert starts == [10, 11]
    with pytest.raises(RuntimeError):
        wizard_ab.split_marks([2, 1], [21, 22, 23])


def test_time_whats_new_opens_whats_new_over_kept_versions():
    import re

    out = subprocess.run([sys.executable, str(ROOT / "build_scripts" / "time_whats_new.py"), "--versions", "2",
                          "--rounds", "1"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "What's new over 2 installs, 1 opens" in out.stdout
    for what in ("window shown after", "every entry's words shown"):
        assert re.search(rf"^{what}: +median \d+ ms \(lowest \d+, highest \d+\)$", out.stdout, re.M), out.stdout


def test_time_whats_new_opens_it_styled_as_the_officer_window_is():
    out = subprocess.run([sys.executable, str(ROOT / "build_scripts" / "time_whats_new.py"), "--versions", "1",
                          "--rounds", "1", "--theme", "night", "--text-step", "6"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "What's new over 1 installs, 1 opens, night at text step 6" in out.stdout


def test_update_screenshots_shoots_whats_new_reading_and_arrived_at_a_text_size(tmp_path):
    """update_screenshots.py could not show What's new while it read a past version (the read was over before the
    shot) nor take a text size: --whats-new-reading holds the read until the "Reading…" shot is taken, and the words
    arrived are shot at the same place; --text-step sets the officer's text size."""
    from PySide6.QtGui import QImage

    out = subprocess.run([sys.executable, str(ROOT / "build_scripts" / "update_screenshots.py"), "--sizes", "800x600",
                          "--themes", "night", "--text-step", "6", "--whats-new-reading", "--out", str(tmp_path)],
                         capture_output=True, text=True, cwd=ROOT, timeout=300,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr[-2000:]
    reading, arrived = (QImage(str(tmp_path / f"whats-new-{what}-entry-night-800x600.png")) for what in
                        ("reading", "arrived"))
    assert not reading.isNull() and not arrived.isNull()
    assert reading != arrived, "the words arrived where the shot had said they were being read"
    assert (tmp_path / "whats-new-reading-night-800x600.png").is_file()
