"""Wizard step before/after: two or more checkouts walking the bench's wizard paths, side by side (PERFORMANCE.md).

    .venv/bin/python build_scripts/wizard_ab.py --rev 2f5ed9f --tree . [--paths 6] [--rounds 5]
    .venv/bin/python build_scripts/wizard_ab.py --rev 2f5ed9f --tree . --instructions [--paths 1] [--walks 16]

Each checkout walks the first --paths paths of every scenario in the real window (bench.py's own walk), each
answer painted as the app paints it (bench.py's "painted" way), after a warm-up walk of three scenarios.

By default each round runs every checkout in a new process, one after the other, so a change in the machine's
load hits all of them; reported: wall and CPU time per step, p50 and p95 over all rounds, and the median of
the rounds' p95s. --instructions counts instructions per step with valgrind's callgrind instead (it dumps its
counts at each step), which the machine's load does not move: the sum, p50, p95 and largest over the steps,
and the scenarios' starts apart. Slow (about three minutes per checkout for 16 walks of one path).
Every checkout must walk the same steps: in time, the wizard's state (scenario and answers) after each
answer, the same in every round; with --instructions, as many steps in each walk. Otherwise it exits 1
(after printing its figures).
--rev REV takes a commit of this repository (extracted with git archive); --tree DIR a checkout.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build_scripts"))

from bench import BUNDLED, INDEX_READY, PAINTS, PYTHON, WINDOW_PREAMBLE, WIZARD_WALK, percentile  # noqa: E402
from search_ab import add_checkout_arguments, checkouts, child_env, marked_counts  # noqa: E402

#: After the walk's set-up: a warm-up, then the walk timed ("timed") or marked for callgrind ("marked": one
#: dump per scenario's start and per step, in the walk's order, then one at the end).
WALK = r'''
import hashlib, json
measured = walks[:WALKS] if WALKS else list(walks)
walks[:] = measured[:3]  # the warm-up: each screen's first build is not a step's
walk(lambda scenario_id, number: (window.wizard_page.choose(number), app.processEvents()))
walks[:] = measured
shown = hashlib.sha256()
def screen():
    state = window.wizard_page.state
    shown.update(json.dumps([state.scenario_id, state.at_scenario, [s.key for s in state.steps]]).encode())
if MODE == "marked":
    def step(scenario_id, number):
        window.wizard_page.choose(number)
        PAINT
        time.sleep(0)
    time.sleep(0)
    walk(step, started=lambda: time.sleep(0))
    print("RESULT", json.dumps({"walks": [len(keys) for _, keys in walks]}))
else:
    wall, cpu = [], []
    def step(scenario_id, number):
        t, c = time.perf_counter(), time.thread_time()
        window.wizard_page.choose(number)
        PAINT
        cpu.append((time.thread_time() - c) * 1000)
        wall.append((time.perf_counter() - t) * 1000)
        screen()
    walk(step)
    print("RESULT", json.dumps({"wall": wall, "cpu": cpu, "digest": shown.hexdigest()}))
'''


def child(tree: Path, paths: int, walks: int, mode: str) -> list[str]:
    """The command that walks one checkout once: ``mode`` is "timed" or "marked"."""
    code = (WINDOW_PREAMBLE.format(root=str(tree), pack=str(tree / BUNDLED.relative_to(ROOT)))
            + INDEX_READY + WIZARD_WALK.format(paths=paths)
            + f"WALKS, MODE = {walks!r}, {mode!r}\n" + WALK.replace("PAINT", PAINTS["painted"]))
    return [PYTHON, "-P", "-c", code]


def result(out: subprocess.CompletedProcess) -> dict:
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    line = next(row for row in out.stdout.splitlines() if row.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def instructions_each(cmd: list[str], env: dict[str, str]) -> tuple[list[int], list[int]]:
    """Instructions of each step and of each scenario's start, in walking order."""
    with tempfile.TemporaryDirectory(prefix="wizard-ab-cg-") as tmp:
        out = subprocess.run(["valgrind", "--tool=callgrind", "--dump-before=time_sleep",
                              f"--callgrind-out-file={tmp}/cg", *cmd],
                             capture_output=True, text=True, env=env, cwd=tempfile.gettempdir())
        return split_marks(result(out)["walks"], marked_counts(Path(tmp) / "cg"))


def split_marks(lengths: list[int], counts: list[int]) -> tuple[list[int], list[int]]:
    """The steps' counts and the starts', from the dumps' counts of walks of ``lengths`` steps: each walk
    made one dump at its start and one per step, after the set-up's (and the index's waits), which are left."""
    marks = [kind for n in lengths for kind in ["start"] + ["step"] * n]
    if len(counts) < len(marks):
        raise RuntimeError(f"{len(counts)} dumps for {len(marks)} marks")
    ours = counts[len(counts) - len(marks):]
    steps = [count for kind, count in zip(marks, ours, strict=True) if kind == "step"]
    starts = [count for kind, count in zip(marks, ours, strict=True) if kind == "start"]
    return steps, starts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_checkout_arguments(parser)
    parser.add_argument("--paths", type=int, default=6, help="paths per scenario (bench.py walks 6)")
    parser.add_argument("--walks", type=int, default=0, help="walk only the first N of them (0: all)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--instructions", action="store_true", help="count instructions with callgrind")
    args = parser.parse_args()
    env = child_env()
    with tempfile.TemporaryDirectory(prefix="wizard-ab-") as tmp:
        trees = checkouts(parser, args, Path(tmp))
        if args.instructions:
            walked = set()
            for name, tree in trees.items():
                steps, starts = instructions_each(child(tree, args.paths, args.walks, "marked"), env)
                walked.add(len(steps))
                print(f"{name}: {len(steps)} steps, {sum(steps) / 1e6:,.1f} M instructions;"
                      f" per step p50 {percentile(steps, 50) / 1e6:.2f} M, p95 {percentile(steps, 95) / 1e6:.2f} M,"
                      f" largest {max(steps) / 1e6:.2f} M; {len(starts)} starts, {sum(starts) / 1e6:,.1f} M")
            return 0 if len(walked) == 1 else 1
        wall: dict[str, list[float]] = {name: [] for name in trees}
        cpu: dict[str, list[float]] = {name: [] for name in trees}
        digests: dict[str, set[str]] = {name: set() for name in trees}
        for _ in range(args.rounds):
            for name, tree in trees.items():
                run = result(subprocess.run(child(tree, args.paths, args.walks, "timed"), capture_output=True,
                                            text=True, env=env, cwd=tempfile.gettempdir()))
                wall[name].append(run["wall"])
                cpu[name].append(run["cpu"])
                digests[name].add(run["digest"])
    print(f"wizard step, answer → screen painted, {args.rounds} rounds of {len(wall[name][0])} steps:")
    for name in trees:
        every, every_cpu = sum(wall[name], []), sum(cpu[name], [])
        print(f"  {name:32} wall p50 {percentile(every, 50):6.2f} ms  p95 {percentile(every, 95):6.2f} ms"
              f" (median of round p95s {statistics.median(percentile(r, 95) for r in wall[name]):.2f});"
              f"  CPU p50 {percentile(every_cpu, 50):6.2f}  p95 {percentile(every_cpu, 95):6.2f}")
    same = len(set().union(*digests.values())) == 1
    print("steps: " + ("the same answers walked to the same states in every checkout" if same else "DIFFERENT between checkouts"))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
