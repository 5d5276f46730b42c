"""Opening a rule (PERFORMANCE.md, fifteenth pass): CPU time per provision opened and the widgets each open
creates, in the window as run_gui leaves it (index built, first pages warmed up), each rule of the bundled
pack opened in turn ``--rounds`` times, in ``--processes`` fresh processes. Prints the median CPU ms per open
of each process and of all, and the widgets created per open (after one rule was shown).

    .venv/bin/python build_scripts/time_rule_opens.py --processes 5 --rounds 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import BUNDLED, INDEX_READY, run_in_window  # noqa: E402

BODY = """
from PySide6.QtWidgets import QWidget
from desktop.ui.history import PROVISION
window.warm_up()
while PROVISION not in window.pages:
    app.processEvents()
    time.sleep(0.005)
pack = data.loaded.pack
ids = [p.provision_id for p in pack.provisions]
window.open_provision(ids[-1]); window.repaint(); app.processEvents()
page = window.provision_page
times, created = [], []
for _ in range({rounds}):
    for pid in ids:
        before = page.findChildren(QWidget)
        t = time.process_time()
        window.open_provision(pid)
        window.repaint()
        app.processEvents()
        times.append((time.process_time() - t) * 1000)
        created.append(sum(1 for w in page.findChildren(QWidget) if all(w is not b for b in before)))
        del before
print(len(ids), statistics.median(times), sum(created), len(created), max(created))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    medians, created, opens, most = [], 0, 0, 0
    for _ in range(args.processes):
        words = run_in_window(BUNDLED, INDEX_READY + "import statistics\n" + BODY.format(rounds=args.rounds))
        rules, median, made, n, top = words[-5:]
        medians.append(float(median))
        created, opens, most = created + int(made), opens + int(n), max(most, int(top))
        print(f"{rules} rules x {args.rounds}: median {float(median):.1f} ms CPU per open", flush=True)
    print(f"median of the {args.processes} processes' medians: {statistics.median(medians):.1f} ms CPU per open; "
          f"widgets created per open: {created / opens:.1f} on average, {most} at most")


if __name__ == "__main__":
    main()
