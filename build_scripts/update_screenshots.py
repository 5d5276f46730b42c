"""Screenshots of the Data menu's dialogs, to look at them as an officer would: What changed (install and
revert), the refusals, What's new, and the main window's update banners, in each theme and size.

    .venv/bin/python build_scripts/update_screenshots.py --out /tmp/update-shots
    .venv/bin/python build_scripts/update_screenshots.py --readme     # also resources/screenshots/what-changed-day.png
    .venv/bin/python build_scripts/update_screenshots.py --sizes 800x600,1024x600 --themes night,contrast \
        --text-step 6 --whats-new-reading --out /tmp/update-shots     # the largest text; What's new while it reads

Runs offscreen through the real widgets on a realistic update of the bundled pack (a few answers and a
provision changed), signed with a throw-away key; user folders are a throw-away temp folder."""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _changed_tables(tables: dict) -> dict:
    """The bundled pack with two answers' verdicts swapped, one answer's citations trimmed and a summary edited."""
    out = copy.deepcopy(tables)
    flipped = 0
    for scenario in out["scenarios"].values():
        for node in scenario["nodes"]:
            if node.get("type") == "outcome" and flipped < 2 and node["verdict"] in ("not_permitted", "permitted"):
                node["verdict"] = "refer"
                flipped += 1
            elif node.get("type") == "outcome" and flipped == 2 and len(node.get("cites", [])) > 1:
                node["cites"] = node["cites"][:1]
                flipped += 1
    provision = next(iter(out["provisions"].values()))
    provision["summary"] += " Updated after the appeal."
    return out


def _second_tables(tables: dict) -> dict:
    """A later update: the first one with another provision's summary edited."""
    out = copy.deepcopy(tables)
    provision = list(out["provisions"].values())[1]
    provision["summary"] += " Clarified for officers."
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])  # the first paragraph, whole
    parser.add_argument("--out", default="/tmp/update-shots", help="output folder")
    parser.add_argument("--sizes", default="1024x600,1280x800")
    parser.add_argument("--themes", default="day,night")
    parser.add_argument("--text-step", type=int, default=0, help="text size step (0 = normal, 6 = the largest)")
    parser.add_argument("--whats-new-reading", action="store_true",
                        help="install a second update first, then also shoot What's new while it reads the words of "
                             "the first, no longer in use (whats-new-reading-*.png), as for updates recorded by an "
                             "earlier app, without their words: the reading is held until the shot is taken")
    parser.add_argument("--readme", action="store_true",
                        help="also save resources/screenshots/what-changed-day.png (1280x800, Day)")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    base = Path(tempfile.mkdtemp(prefix="eg-update-shots-"))
    os.environ["ENCOUNTER_GUIDE_BASEDIR"] = str(base / "user")

    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

    from desktop import paths
    from desktop.domain.search import SearchIndex
    from desktop.domain.validation import Problem
    from desktop.storage.library import INVALID, NOT_NEWER, SIGNATURE, InstallRefused, PackLibrary
    from desktop.storage.publish import publish, read_tables
    from desktop.storage.signing import generate_keypair
    from desktop.ui.data_loading import load_data
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings
    from desktop.ui.themes import Themes
    from desktop.ui.update_dialog import RefusedDialog, WhatChangedDialog

    app = QApplication.instance() or QApplication(sys.argv[:1])
    private = base / "keys" / "publisher.pem"
    private.parent.mkdir(parents=True)
    trusted = generate_keypair(private, base / "keys" / "publisher.pub.json", name="CPD Office of Legal Affairs")
    import datetime as dt

    bundled = read_tables(paths.bundled_pack())
    as_of = dt.date.fromisoformat(next(iter(bundled["meta"].values()))["as_of"]) + dt.timedelta(days=30)
    update = publish(_changed_tables(bundled), base / "usb" / "cpd-data-update.json", private, as_of=as_of,
                     today=as_of).path
    second_update = None
    if args.whats_new_reading:
        later = as_of + dt.timedelta(days=30)
        second_update = publish(_second_tables(read_tables(update)), base / "usb" / "cpd-data-update-2.json", private,
                                as_of=later, today=later).path
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def settle() -> None:
        for _ in range(4):
            app.processEvents()

    def save(widget: QWidget, name: str) -> Path:
        settle()
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)
        return path

    for size in args.sizes.split(","):
        width, height = (int(n) for n in size.lower().split("x"))
        for theme in [t.strip() for t in args.themes.split(",") if t.strip()]:
            root = base / f"lib-{size}-{theme}"
            library = PackLibrary(root, trusted_keys=[trusted], inbox=base / "inbox")
            settings = Settings(base / f"{size}-{theme}.ini")
            settings.theme = theme
            settings.disclaimer_seen = True
            settings.text_step = args.text_step
            if args.whats_new_reading:  # this computer showed the built-in data before: both updates are new
                settings.last_pack_version = next(iter(bundled["meta"].values()))["data_version"]
            data = load_data(None, library)
            window = MainWindow(data, settings, Themes(), index=SearchIndex(data.loaded.pack),
                                today=data.loaded.pack.meta.as_of, library=library)
            window.resize(width, height)
            window.show()
            tag = f"{theme}-{width}x{height}"

            plan = library.prepare_install(update)
            dialog = WhatChangedDialog.for_install(plan, window)
            dialog.show()
            shot = save(dialog, f"what-changed-{tag}")
            if args.readme and theme == "day" and (width, height) == (1280, 800):
                shutil.copyfile(shot, REPO / "resources" / "screenshots" / "what-changed-day.png")
            dialog.scroll.verticalScrollBar().setValue(dialog.scroll.verticalScrollBar().maximum())
            save(dialog, f"what-changed-end-{tag}")
            dialog.close()

            refusals = {
                "tampered": InstallRefused(SIGNATURE, "cpd-data-update.json: the pack was changed after it was "
                                           "signed (its bytes do not match the signature)", signature_reason="tampered"),
                "not-newer": InstallRefused(NOT_NEWER, "cpd-data-update.json is data version 1, which is not newer "
                                            "than the data in use (data version 2, as of 2026-02-02). Nothing was "
                                            "installed."),
                "invalid": InstallRefused(INVALID, "", [
                    Problem("cpd-data-update.json", "scenarios", "S08", f"nodes[{i}].verdict",
                            "must be one of not_permitted, permitted, required, refer") for i in range(7)]),
            }
            for name, exc in refusals.items():
                refused = RefusedDialog(exc, "cpd-data-update.json", allow_force=True, parent=window)
                refused.show()
                save(refused, f"refused-{name}-{tag}")
                refused.close()

            library.install(plan)
            revert = WhatChangedDialog.for_revert(library.prepare_revert(), window)
            revert.show()
            save(revert, f"revert-{tag}")
            revert.close()

            if args.whats_new_reading:  # a second update: What's new reads the first one's words, no longer in use
                library.install(library.prepare_install(second_update))
                # recorded as an earlier app did, without the words each update brought in: they are read
                stored = json.loads(library.history_file.read_text(encoding="utf-8"))
                for entry in stored["entries"]:
                    entry.pop("words", None)
                library.history_file.write_text(json.dumps(stored), encoding="utf-8")
            window.reload_data(load_data(None, library))
            trouble_inbox = base / "inbox"
            trouble_inbox.mkdir(exist_ok=True)
            (trouble_inbox / "unsigned-update.json").write_text(json.dumps({"meta": {}}), encoding="utf-8")
            window.scan_inbox()
            while window.inbox_results is None:
                app.processEvents()
            save(window, f"banners-{tag}")
            shutil.rmtree(trouble_inbox)
            release = threading.Event()
            if args.whats_new_reading:  # the past version is read only once the shot of its "Reading…" is taken
                read = library.pack_brought_in

                def held(entry, read=read, release=release):  # bound now, not at the call
                    release.wait(60)
                    return read(entry)

                library.pack_brought_in = held
            whats_new = window.show_whats_new()
            bar = whats_new.scroll.verticalScrollBar()
            if args.whats_new_reading:
                save(whats_new, f"whats-new-reading-{tag}")
                reading = whats_new.findChild(QLabel, "whatsNewReading")
                if reading is not None:  # scrolled to the entry being read, then its words at the same place
                    bar.setValue(reading.mapTo(whats_new.scroll.widget(), QPoint(0, 0)).y() - 120)
                    save(whats_new, f"whats-new-reading-entry-{tag}")
                release.set()
                while whats_new.reading:
                    app.processEvents()
                save(whats_new, f"whats-new-arrived-entry-{tag}")
                bar.setValue(0)
            while whats_new.reading:  # the words arrived: every shot below shows them, never "Reading…"
                app.processEvents()
            save(whats_new, f"whats-new-{tag}")
            bar.setValue(bar.maximum())
            save(whats_new, f"whats-new-end-{tag}")
            whats_new.close()

            window.update_data_actions()
            window.data_menu.popup(window.data_button.mapToGlobal(window.data_button.rect().bottomLeft()))
            save(window.data_menu, f"data-menu-{tag}")
            window.data_menu.hide()
            window.close()
            window.deleteLater()
            settle()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
