"""Search before/after: two or more checkouts typing the bench's queries, side by side (PERFORMANCE.md).

    .venv/bin/python build_scripts/search_ab.py --rev 680d5b5 --tree . [--pack 10k] [--rounds 9]
    .venv/bin/python build_scripts/search_ab.py --rev 680d5b5 --tree . --window      # in the real window
    .venv/bin/python build_scripts/search_ab.py --rev 680d5b5 --tree . --instructions  # callgrind counts
    .venv/bin/python build_scripts/search_ab.py --rev 680d5b5 --tree . --window --instructions  # both
    .venv/bin/python build_scripts/search_ab.py --rev 680d5b5 --tree . --phrasing      # phrasing cases' ranks

Each round runs every checkout in a new process (a new session: nothing remembered from another round),
one after the other, so a change in the machine's load hits all of them. A process loads the pack,
builds the index, types three warm-up keystrokes the bench does not measure, then types every bench
query letter by letter, asking for results as the search page does (one more than it lists). Reported:
p50 and p95 per keystroke over all rounds, and whether every checkout gave the same results (ids, scores,
snippets, highlights of the results the page lists) for every keystroke.

--window times keystroke → results listed and painted in the real window instead, painted as the app
paints them (as bench.py does since the sixteenth pass; before it, the whole window was repainted).
--instructions counts instructions per keystroke with valgrind's callgrind (a run that types minus a run
that does not), which the machine's load does not move; and, from a third run that marks each keystroke
(callgrind dumps its counts at each mark), their p50 and p95 over the keystrokes, the slowest first: the
p95 the bench reads in milliseconds, without the noise. Slow (about two minutes per checkout, bundled).
With --window too, it counts keystroke → results listed and painted in the real window (several minutes
per checkout). Callgrind counts from the end of the set-up (pack loaded, index built, window shown): the 10k
pack's index took a quarter of an hour to build while counted, and is built uncounted now (at valgrind's
bare speed, a few minutes), so `--pack 10k --window --instructions` is a run of minutes, not hours. The
request to start counting is a two-line C library built with `cc` from valgrind's own header.
--phrasing lists, per checkout, the place at which each of this tree's phrasing cases
(tests/data/search_cases.json) lists the first scenario it expects (">20" past the first twenty), and
which cases moved up or down from the first checkout's places.
--rev REV takes a commit of this repository (extracted with git archive); --tree DIR a checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build_scripts"))

from bench import (  # noqa: E402
    BUNDLED,
    INDEX_READY,
    PAINTS,
    PYTHON,
    QUERIES,
    SYNTH_QUERIES,
    WINDOW_PREAMBLE,
    keystrokes,
    percentile,
)

#: The timed part, after either a window (bench.py's own preamble and index wait) or a bare index.
TYPE = r'''
typed = [q[:i] for q in QUERIES for i in range(1, len(q) + 1)]
if COUNTER:  # callgrind --instr-atstart=no: count from here, the set-up done
    import ctypes
    ctypes.CDLL(COUNTER).start_counting()
for q in ["o", "of", "off"]:  # warm-up; no bench query starts with "o"
    keystroke(q)
if MODE == "marked":  # callgrind --dump-before=time_sleep: one dump per keystroke (and one for the setup)
    for q in typed:
        time.sleep(0)
        keystroke(q)
    time.sleep(0)
elif MODE != "setup-only":
    import hashlib, json
    times, digest = [], hashlib.sha256()
    for q in typed:
        start = time.perf_counter()
        hits = keystroke(q)
        times.append((time.perf_counter() - start) * 1000)
        digest.update(json.dumps([q, hits]).encode())
    print("RESULT", json.dumps({"times": times, "digest": digest.hexdigest()}))
'''
WINDOW = r'''
page = window.search_page
def keystroke(q):
    window.search_field.setText(q); page.flush(); PAINT
    return [(h.kind, h.id, h.snippet, list(h.spans)) for h in page.model.hits()]
'''
INDEX = r'''
import gc, sys, time
sys.path.insert(0, {root!r})
from desktop.domain import search
from desktop.storage.pack_file import load_pack
index = search.SearchIndex(load_pack({pack!r}).pack)
gc.freeze()  # as the app does once the index is built
limit = getattr(search, "RESULT_LIMIT", 30)  # the search page's count (30 before it was a constant)
# as the page asks: one more than it lists, to know whether to offer more; no snippet for that one where
# search can skip it (the thirtieth pass). Compared: the results the page lists.
import inspect
asked = {{"limit": limit + 1}}
if "snippets" in inspect.signature(search.SearchIndex.search).parameters:
    asked["snippets"] = limit
def keystroke(q):
    return [(h.kind, h.id, round(h.score, 9), h.snippet, list(h.spans)) for h in index.search(q, **asked)[:limit]]
'''


PHRASING = r'''
import json, sys
sys.path.insert(0, {root!r})
from desktop.domain import search
from desktop.storage.pack_file import load_pack
index = search.SearchIndex(load_pack({pack!r}).pack)
places = []
for case in json.loads(open({cases!r}, encoding="utf-8").read()):
    expected = case["expect"] if isinstance(case["expect"], list) else [case["expect"]]
    listed = [h.id for h in index.search(case["query"], limit=20)]
    places.append(next((place for place, found in enumerate(listed, 1) if found in expected), 21))
print("RESULT", json.dumps(places))
'''
CASES = ROOT / "tests" / "data" / "search_cases.json"


def phrasing_table(trees: dict[str, Path], env: dict[str, str]) -> int:
    """Print each phrasing case's place in every checkout (this tree's cases, the bundled pack of each)."""
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    places = {}
    for name, tree in trees.items():
        code = PHRASING.format(root=str(tree), pack=str(tree / "data" / "encounter-guide.json"), cases=str(CASES))
        places[name] = run_once([PYTHON, "-P", "-c", code], env)
    names = list(trees)
    shown = lambda place: ">20" if place > 20 else str(place)  # noqa: E731
    print(" | ".join(["query", *names, "wanted", "moved"]))
    worse = better = 0
    for i, case in enumerate(cases):
        row = [places[name][i] for name in names]
        moved = "up" if row[-1] < row[0] else "DOWN" if row[-1] > row[0] else ""
        better += moved == "up"
        worse += moved == "DOWN"
        print(" | ".join([case["query"], *map(shown, row), f"<= {case.get('rank', 3)}", moved]))
    print(f"{len(cases)} cases: {better} moved up, {worse} moved down from {names[0]} to {names[-1]}")
    return 1 if worse else 0


def extract(rev: str, into: Path) -> Path:
    target = into / rev.replace("/", "_")
    target.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def add_checkout_arguments(parser: argparse.ArgumentParser) -> None:
    """--rev and --tree, the checkouts an A/B script compares (this one and wizard_ab.py)."""
    parser.add_argument("--rev", action="append", default=[], help="a commit to measure (repeat to compare)")
    parser.add_argument("--tree", action="append", type=Path, default=[], help="a checkout to measure")


def checkouts(parser: argparse.ArgumentParser, args: argparse.Namespace, into: Path) -> dict[str, Path]:
    """The checkouts named by --rev (extracted into ``into``) and --tree, by name, in that order."""
    trees = {rev: extract(rev, into) for rev in args.rev}
    trees.update({str(tree): tree.resolve() for tree in args.tree})
    if not trees:
        parser.error("give at least one --rev or --tree")
    return trees


def child_env() -> dict[str, str]:
    """The children's environment: Qt's platform chatter off, bytecode written (as bench.py's children)."""
    env = dict(os.environ, QT_LOGGING_RULES="qt.qpa.*=false")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def child(tree: Path, pack: Path, queries: list[str], mode: str, window: bool = False,
          counter: Path | None = None) -> list[str]:
    """The command that runs one checkout once: ``mode`` is "window" (timed in the window), "search",
    "setup-only" or "marked"; ``window``: the last two in the real window rather than on a bare index;
    ``counter``: the library (counting_library) whose call starts callgrind's count after the set-up."""
    if mode == "window" or window:
        setup = WINDOW_PREAMBLE.format(root=str(tree), pack=str(pack)) + INDEX_READY + WINDOW.replace("PAINT", PAINTS["painted"])
    else:
        setup = INDEX.format(root=str(tree), pack=str(pack))
    code = setup + f"QUERIES, MODE, COUNTER = {queries!r}, {mode!r}, {str(counter) if counter else None!r}\n" + TYPE
    return [PYTHON, "-P", "-c", code]


def run_once(cmd: list[str], env: dict[str, str]) -> dict:
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tempfile.gettempdir())
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    line = next(row for row in out.stdout.splitlines() if row.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


COUNTER_SOURCE = "#include <valgrind/callgrind.h>\nvoid start_counting(void) { CALLGRIND_START_INSTRUMENTATION; }\n"


def counting_library(into: Path) -> Path:
    """A shared library whose ``start_counting()`` makes callgrind start counting (run with
    ``--instr-atstart=no``): the children call it once their set-up is done."""
    source, library = into / "start_counting.c", into / "libstart_counting.so"
    source.write_text(COUNTER_SOURCE)
    subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", str(library), str(source)], check=True)
    return library


def instructions(cmd: list[str], env: dict[str, str]) -> int:
    out = subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file=/dev/null", *cmd],
                         capture_output=True, text=True, env=env, cwd=tempfile.gettempdir())
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return int(next(row for row in out.stderr.splitlines() if "Collected" in row).split()[-1])


def instructions_each(cmd: list[str], env: dict[str, str], typed: int) -> list[int]:
    """Instructions of each of the ``typed`` keystrokes, in typing order (``cmd`` in "marked" mode): the last
    dumps, one a mark (the set-up before them may make more than one: the window's waits for its index)."""
    with tempfile.TemporaryDirectory(prefix="search-ab-cg-") as tmp:
        out = subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no", "--dump-before=time_sleep",
                              f"--callgrind-out-file={tmp}/cg", *cmd],
                             capture_output=True, text=True, env=env, cwd=tempfile.gettempdir())
        if out.returncode != 0:
            raise RuntimeError(out.stderr[-3000:])
        return marked_counts(Path(tmp) / "cg")[-typed:]


def marked_counts(out_file: Path) -> list[int]:
    """The instructions of each dump callgrind made at a mark (``OUT.1``, ``OUT.2``…, in that order; the
    dump it makes when the program ends, ``OUT`` itself, is not one)."""
    counts = []
    for dump in sorted(out_file.parent.glob(out_file.name + ".*"), key=lambda path: int(path.suffix[1:])):
        totals = next(row for row in dump.read_text().splitlines() if row.startswith(("summary:", "totals:")))
        counts.append(int(totals.split()[1]))
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_checkout_arguments(parser)
    parser.add_argument("--pack", choices=["bundled", "10k"], default="bundled")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--window", action="store_true", help="keystrokes in the real window, listed and painted")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--instructions", action="store_true", help="count instructions with callgrind")
    mode.add_argument("--phrasing", action="store_true", help="the phrasing cases' places in each checkout")
    args = parser.parse_args()
    env = child_env()
    with tempfile.TemporaryDirectory(prefix="search-ab-") as tmp:
        trees = checkouts(parser, args, Path(tmp))
        if args.phrasing:
            return phrasing_table(trees, env)
        if args.pack == "10k":
            pack = Path(tmp) / "synth-10k.json"
            subprocess.run([PYTHON, str(ROOT / "build_scripts" / "synth_pack.py"), "-o", str(pack)], check=True)
            queries = SYNTH_QUERIES
        else:
            pack, queries = BUNDLED, QUERIES
        mode_name = "window" if args.window else "search"
        typed = len(keystrokes(queries))
        if args.instructions:
            counter = counting_library(Path(tmp))
            for name, tree in trees.items():
                typing = instructions(child(tree, pack, queries, mode_name, counter=counter), env)
                setup = instructions(child(tree, pack, queries, "setup-only", args.window, counter), env)
                print(f"{name}: {(typing - setup) / typed:,.0f} instructions per keystroke ({typed} keystrokes)")
                each = instructions_each(child(tree, pack, queries, "marked", args.window, counter), env, typed)
                if len(each) != typed:
                    raise RuntimeError(f"{len(each)} keystrokes marked, {typed} typed")
                slowest = sorted(zip(each, keystrokes(queries), strict=True), reverse=True)[:3]
                print(f"  each keystroke: mean {sum(each) / typed:,.0f}   p50 {percentile(each, 50):,.0f}   p95 {percentile(each, 95):,.0f}   slowest "
                      + ", ".join(f"{q!r} {count:,}" for count, q in slowest))
            return 0
        times: dict[str, list[float]] = {name: [] for name in trees}
        digests: dict[str, set[str]] = {name: set() for name in trees}
        for _ in range(args.rounds):
            for name, tree in trees.items():
                result = run_once(child(tree, pack, queries, mode_name), env)
                times[name].extend(result["times"])
                digests[name].add(result["digest"])
    what = "keystroke → results painted in the window" if args.window else "search per keystroke"
    print(f"{what}, {args.pack} pack, {args.rounds} rounds of {typed} keystrokes:")
    for name, values in times.items():
        print(f"  {name:40} p50 {percentile(values, 50):7.3f} ms   p95 {percentile(values, 95):7.3f} ms"
              f"   (median of round p95s {statistics.median(percentile(values[i:i + typed], 95) for i in range(0, len(values), typed)):.3f})")
    same = len(set().union(*digests.values())) == 1
    print("results: " + ("the same for every keystroke in every checkout" if same else
                         "DIFFERENT between checkouts (or between rounds): " + json.dumps({n: sorted(d) for n, d in digests.items()})))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
