"""Screenshots of the Data menu's dialogs, to look at them as an officer would: What changed (install and
revert), the refusals, What's new, and the main window's update banners, in each theme and size.

    .venv/bin/python build_scripts/update_screenshots.py --out /tmp/update-shots
    .venv/bin/python build_scripts/update_screenshots.py --readme     # also resources/screenshots/what-changed-day.png

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])  # the first paragraph, whole
    parser.add_argument("--out", default="/tmp/update-shots", help="output folder")
    parser.add_argument("--sizes", default="1024x600,1280x800")
    parser.add_argument("--themes", default="day,night")
    parser.add_argument("--readme", action="store_true",
                        help="also save resources/screenshots/what-changed-day.png (1280x800, Day)")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    base = Path(tempfile.mkdtemp(prefix="eg-update-shots-"))
    os.environ["ENCOUNTER_GUIDE_BASEDIR"] = str(base / "user")

    from PySide6.QtWidgets import QApplication, QWidget

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

            window.reload_data(load_data(None, library))
            trouble_inbox = base / "inbox"
            trouble_inbox.mkdir(exist_ok=True)
            (trouble_inbox / "unsigned-update.json").write_text(json.dumps({"meta": {}}), encoding="utf-8")
            window.scan_inbox()
            while window.inbox_results is None:
                app.processEvents()
            save(window, f"banners-{tag}")
            shutil.rmtree(trouble_inbox)
            whats_new = window.show_whats_new()
            save(whats_new, f"whats-new-{tag}")
            whats_new.scroll.verticalScrollBar().setValue(whats_new.scroll.verticalScrollBar().maximum())
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
