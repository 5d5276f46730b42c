"""Regenerate the supervisor editor's screenshots: the editor window and a logic map, at 1280×800.

    .venv/bin/python build_scripts/editor_screenshots.py               # bundled pack → resources/screenshots
    .venv/bin/python build_scripts/editor_screenshots.py --scenario PAPER --zoom 0.6 --out /tmp/shots
    .venv/bin/python build_scripts/editor_screenshots.py --size 1024x600 --publish --out /tmp/shots
    .venv/bin/python build_scripts/editor_screenshots.py --theme night --text-step 6 --out /tmp/shots
    .venv/bin/python build_scripts/editor_screenshots.py --size 800x600 --select provision --out /tmp/shots
    .venv/bin/python build_scripts/editor_screenshots.py --publish --published 40 --text-step 6 --out /tmp/shots

With --publish, also publish.png (the Publish dialog over the editor window, listing what a draft with a few
edits changes against the data in use) and publish-unchanged.png (the same for a draft with no edit).

Runs offscreen through the real widgets, on a copy of the pack in a throw-away folder. Both shots show a
live problem on purpose, so the problems panel and the map's red marking are visible: editor.png has a
new outcome that nothing leads to yet; in logic-map.png one outcome's citations were removed."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def draw_map(tables, scenario_id: str, problem_node: str, theme: str, text_step: int, size: tuple[int, int]):
    """The logic map of ``scenario_id`` as the editor draws it (its problems marked, its entry points, enter_at,
    counted as reached), with ``problem_node``'s citations removed so that a problem shows. A shown panel."""
    from desktop.domain import editing
    from desktop.domain.validation import validate_tables
    from desktop.storage.pack_file import load_schema
    from desktop.ui.editor.logic_map import LogicMapPanel
    from desktop.ui.themes import Themes

    map_key = editing.find_record(tables, "scenarios", scenario_id)
    broken = editing.find_node(tables, map_key, problem_node)
    if broken is not None:
        tables["scenarios"][map_key]["nodes"][broken]["cites"] = []
    report = validate_tables(tables, load_schema(), "draft")
    problems = editing.node_problem_ids(report.problems, scenario_id)
    panel = LogicMapPanel()
    panel.setStyleSheet(Themes().editor_style_sheet(theme, text_step))
    panel.resize(*size)
    panel.show()
    titles = {str(d.get("scenario_id")): str(d.get("title", "")) for _, d in editing.records(tables, "scenarios")}
    panel.show_scenario(editing.get(tables, ("scenarios", map_key)), map_key, titles, problems,
                        entries=editing.entry_nodes(tables, scenario_id))
    return panel


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])  # the first paragraph, whole
    parser.add_argument("--data", default=str(REPO / "data" / "encounter-guide.json"), help="data pack")
    parser.add_argument("--out", default=str(REPO / "resources" / "screenshots"), help="output folder")
    parser.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--scenario", default="S06", help="scenario shown in editor.png")
    parser.add_argument("--node", default="q_offence6", help="node selected in editor.png")
    parser.add_argument("--map-scenario", default="S01", help="scenario shown in logic-map.png")
    parser.add_argument("--problem-node", default="o_agents_take",
                        help="outcome of the map scenario whose citations are removed (marked as a problem)")
    parser.add_argument("--map-as-opened", action="store_true",
                        help="logic-map.png as a new map first shows (as wide as the panel, at a readable size, from "
                             "its top), not the whole map fitted")
    parser.add_argument("--theme", default="day", choices=("day", "night", "contrast"),
                        help="the officer's theme, which the editor follows")
    parser.add_argument("--text-step", type=int, default=0,
                        help="the officer's text size step (-2 … 6), which the editor follows")
    parser.add_argument("--publish", action="store_true",
                        help="also publish.png and publish-unchanged.png: the Publish dialog over the editor, "
                             "with what a few edits change and with none")
    parser.add_argument("--published", type=int, metavar="VERSION",
                        help="with --publish: a later data version already published on this computer, so the "
                             "dialog says why it skips to the one after it")
    parser.add_argument("--select", default="node", choices=("node", "outcome", "provision", "nothing"),
                        help="what editor.png shows selected: --node of --scenario, its first outcome, its first "
                             "cited provision, or nothing (the Provisions heading: no record's form)")
    parser.add_argument("--report", help="an officer's problem report to open (File → Open problem report…) before "
                                         "editor.png, instead of selecting --node")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="eg-editor-shots-"))
    os.environ["ENCOUNTER_GUIDE_BASEDIR"] = str(tmp / "user")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.domain import editing
    from desktop.ui.editor.window import EditorWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    width, height = (int(n) for n in args.size.lower().split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def settle(condition=lambda: True, limit_ms: int = 10000) -> None:
        waited = 0
        while waited < limit_ms:
            app.processEvents()
            if condition():
                break
            loop_timer = QTimer()
            loop_timer.setSingleShot(True)
            loop_timer.start(20)
            while loop_timer.isActive():
                app.processEvents()
            waited += 20
        app.processEvents()

    draft = tmp / "encounter-guide-draft.json"
    shutil.copyfile(args.data, draft)
    window = EditorWindow(draft)
    window.set_theme(args.theme)
    window.set_text_step(args.text_step)
    window.resize(width, height)
    window.show()
    tables = window.document.tables
    key = editing.find_record(tables, "scenarios", args.scenario)
    if key is None:
        print(f"no scenario {args.scenario!r} in the pack", file=sys.stderr)
        return 1
    window.select(("scenarios", key))
    window.add_outcome_action.trigger()  # a live problem: an outcome nothing leads to, citing nothing yet
    index = editing.find_node(tables, key, args.node)
    nodes = editing.nodes_of(tables, key)
    if args.select == "outcome":
        index = next((i for i, node in enumerate(nodes) if node.get("type") == "outcome"), index)
    window.select(("scenarios", key, "nodes", index if index is not None else 0))
    if args.select == "provision":
        cited = next((c.get("provision_id") for node in nodes for c in node.get("cites", []) or []), None)
        found = editing.find_record(tables, "provisions", str(cited)) if cited else None
        window.select(("provisions", found if found is not None else editing.records(tables, "provisions")[0][0]))
    elif args.select == "nothing":
        window.select(("provisions",))
    settle(lambda: window.document.report_is_current)
    window.problems.view.setCurrentIndex(window.problems.model.index(0, 0))
    if args.report and not window.open_report(Path(args.report)):
        print(f"{args.report}: {window.statusBar().currentMessage()}", file=sys.stderr)
        return 1
    settle()
    window.grab().save(str(out / "editor.png"))
    window.document.doc.mark_clean()
    window.close()

    if editing.find_record(tables, "scenarios", args.map_scenario) is None:
        print(f"no scenario {args.map_scenario!r} in the pack", file=sys.stderr)
        return 1
    panel = draw_map(tables, args.map_scenario, args.problem_node, args.theme, args.text_step, (width, height))
    settle()
    if not args.map_as_opened:
        panel.view.fit()
    panel.view.setFocus()
    settle()
    panel.grab().save(str(out / "logic-map.png"))
    print(f"wrote {out / 'editor.png'} and {out / 'logic-map.png'}")
    if args.publish:
        from desktop.storage.library import PackLibrary

        library = PackLibrary(tmp / "user", bundled=Path(args.data))  # the data in use: the pack given
        for name, edit in (("publish.png", True), ("publish-unchanged.png", False)):
            shutil.copyfile(args.data, draft)
            window = EditorWindow(draft, library=library)
            window.set_theme(args.theme)
            window.set_text_step(args.text_step)
            window.resize(width, height)
            window.show()
            if edit:
                _edit_for_publish(window, args.scenario)
            if args.published is not None:
                window.published_version = args.published
            settle(lambda shown=window: shown.document.report_is_current)
            window.publish_action.trigger()
            dialog = window.publish_dialog
            settle()
            if dialog is None:
                print("the draft has problems: no Publish dialog", file=sys.stderr)
                return 1
            dialog.move(window.mapToGlobal(window.rect().center()) - dialog.rect().center())
            settle()
            _over(window, dialog).save(str(out / name))
            dialog.reject()
            window.document.doc.mark_clean()
            window.close()
        print(f"wrote {out / 'publish.png'} and {out / 'publish-unchanged.png'}")
    return 0


def _edit_for_publish(window, scenario_id: str) -> None:
    """A few edits a supervisor might make: a provision's title and an announced rescission, an answer's verdict,
    and a scenario copied (a new one)."""
    from desktop.domain import editing

    tables = window.document.tables
    _key, provision = editing.records(tables, "provisions")[0]
    scenario_key = editing.find_record(tables, "scenarios", scenario_id)
    nodes = tables["scenarios"][scenario_key]["nodes"]
    outcome = next(i for i, n in enumerate(nodes) if n.get("type") == "outcome")
    changes = {("provisions", _key, "title"): provision["title"] + " (amended)",
               ("provisions", _key, "dates", "rescinded"): "2099-01-01",
               ("scenarios", scenario_key, "nodes", outcome, "verdict"):
                   "refer" if nodes[outcome].get("verdict") != "refer" else "permitted"}
    window.edit(lambda t: editing.set_values(t, changes, "Edits for the screenshot"))
    window.select(("scenarios", scenario_key))
    window.duplicate_action.trigger()


def _over(window, dialog):
    """The editor window with the dialog drawn where it sits over it (each is its own top-level window)."""
    from PySide6.QtGui import QPainter

    shot = window.grab()
    painter = QPainter(shot)
    painter.drawPixmap(dialog.geometry().topLeft() - window.geometry().topLeft(), dialog.grab())
    painter.end()
    return shot


if __name__ == "__main__":
    sys.exit(main())
