"""Opening Data → What's new with past versions kept: a throw-away library gets ``--versions`` signed installs of
the bundled pack, each amending two rules' words, and What's new is opened over all of them ``--rounds`` times
(nothing in use, so every version's words are read). Prints the median, lowest and highest wall ms until the window
is shown, and until every entry shows its words (the same figure when the versions are read on the window's thread).
With ``--theme``, What's new opens over a 1280 x 800 window styled as the officer window is, at ``--text-step`` (6: the
largest text); without it, in Qt's own look. Installs write down the words they bring in (HistoryEntry.words), so
What's new shows them as it opens and reads no pack; ``--without-words`` times entries recorded as an earlier app did,
without them, whose versions are read.

    .venv/bin/python build_scripts/time_whats_new.py --versions 5 --rounds 9
    .venv/bin/python build_scripts/time_whats_new.py --versions 5 --rounds 9 --theme night --text-step 6
    .venv/bin/python build_scripts/time_whats_new.py --versions 5 --rounds 9 --without-words
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--versions", type=int, default=5, help="installs kept (the library keeps five at most)")
    parser.add_argument("--rounds", type=int, default=9, help="times What's new is opened")
    parser.add_argument("--theme", default="", help="day, night or contrast (default: Qt's own look, no style sheet)")
    parser.add_argument("--text-step", type=int, default=0, help="text size step with --theme (6 = the largest)")
    parser.add_argument("--without-words", action="store_true",
                        help="the installs recorded as an earlier app did, without their words: the versions are read")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ENCOUNTER_GUIDE_BASEDIR"] = tempfile.mkdtemp(prefix="eg-whats-new-")
    sys.path.insert(0, str(REPO))

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.storage.library import PackLibrary
    from desktop.storage.publish import publish, read_tables
    from desktop.storage.signing import generate_keypair
    from desktop.ui.themes import Themes
    from desktop.ui.update_dialog import WhatsNewDialog

    app = QApplication.instance() or QApplication(sys.argv[:1])
    host = None
    if args.theme:  # the officer window's style sheet, set on the window What's new opens over (as the app does)
        host = QWidget()
        host.setStyleSheet(Themes().style_sheet(args.theme, args.text_step))
        host.resize(1280, 800)
    root = Path(os.environ["ENCOUNTER_GUIDE_BASEDIR"])
    private = root / "publisher.pem"
    trusted = generate_keypair(private, root / "publisher.pub.json", name="time_whats_new")
    bundled = REPO / "data" / "encounter-guide.json"
    library = PackLibrary(root / "user", bundled=bundled, trusted_keys=[trusted], inbox=root / "inbox")
    tables = read_tables(bundled)
    amended = sorted(doc["provision_id"] for doc in tables["provisions"].values())[:2]
    for n in range(args.versions):
        for doc in tables["provisions"].values():
            if doc["provision_id"] in amended:
                doc["summary"] = f"Amended words, update {n + 1}."
        published = publish(tables, root / f"update-{n + 1}.json", private, user_data=root / "publisher")
        tables = read_tables(published.path)
        library.install(library.prepare_install(published.path))
    if args.without_words:
        import json

        stored = json.loads(library.history_file.read_text(encoding="utf-8"))
        for entry in stored["entries"]:
            entry.pop("words", None)
        library.history_file.write_text(json.dumps(stored), encoding="utf-8")
    history = library.history()

    shown, complete = [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        dialog = WhatsNewDialog(history, None, parent=host, history=history, kept_pack=library.pack_brought_in)
        dialog.show()
        app.processEvents()
        shown.append((time.perf_counter() - start) * 1000)
        if getattr(dialog, "reading", False):
            loop = QEventLoop()
            dialog.words_read.connect(loop.quit)
            if dialog.reading:
                loop.exec()  # idle between events, as the app's own loop is
        complete.append((time.perf_counter() - start) * 1000)
        dialog.close()
        dialog.deleteLater()
        app.processEvents()

    def spread(values: list[float]) -> str:
        return f"median {statistics.median(values):.0f} ms (lowest {min(values):.0f}, highest {max(values):.0f})"

    look = f", {args.theme} at text step {args.text_step}" if args.theme else ""
    words = ", recorded without their words" if args.without_words else ""
    print(f"What's new over {len(history)} installs{words}, {args.rounds} opens{look}")
    print(f"window shown after:          {spread(shown)}")
    print(f"every entry's words shown:   {spread(complete)}")
    if len(complete) > 1:  # the kept copies verified at the first opening are not verified again (same bytes)
        print(f"  first opening {complete[0]:.0f} ms; the openings after it: {spread(complete[1:])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
