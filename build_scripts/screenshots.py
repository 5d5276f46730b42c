"""Regenerate the README screenshots: Home, search, wizard, outcome and provision, in Day and Night.

    .venv/bin/python build_scripts/screenshots.py                      # bundled pack → resources/screenshots
    .venv/bin/python build_scripts/screenshots.py --size 1024x600 --themes contrast --text-step 3 --out /tmp/shots

Runs offscreen (no display needed) through the real widgets; settings go to a throw-away folder."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])  # the first paragraph, whole
    parser.add_argument("--data", help="data pack (default: the bundled data/encounter-guide.json)")
    parser.add_argument("--out", default=str(REPO / "resources" / "screenshots"), help="output folder")
    parser.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--themes", default="day,night", help="comma-separated: day, night, contrast")
    parser.add_argument("--query", default="city lot", help="the search shown in search-*.png")
    parser.add_argument("--scenario", default="S01", help="scenario for the wizard and outcome shots "
                        "(falls back to the first on Home when the pack has no such scenario)")
    parser.add_argument("--answers", default="no,traffic,hold",
                        help="comma-separated answer keys to the outcome shot (falls back to the first answers); "
                        "keys that stop at a question put that question in the wizard shot, and the outcome shot "
                        "goes on from it with the first answers")
    parser.add_argument("--provision", help="provision id for provision-*.png (default: the outcome's first cite)")
    parser.add_argument("--text-step", type=int, default=0, help="text size step (0 = normal)")
    parser.add_argument("--today", help="the date the app believes it is (default: the pack's as-of date, so the "
                        "shots show a current pack; pass a later date to show the out-of-date banner)")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ENCOUNTER_GUIDE_BASEDIR"] = tempfile.mkdtemp(prefix="eg-shots-")

    import datetime as dt

    from PySide6.QtWidgets import QApplication

    from desktop.domain import wizard
    from desktop.domain.search import SearchIndex
    from desktop.ui.data_loading import load_data
    from desktop.ui.history import PROVISION, WIZARD, Location
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings
    from desktop.ui.themes import Themes

    app = QApplication.instance() or QApplication(sys.argv[:1])
    data = load_data(args.data)  # None: the bundled pack (user folders are a throw-away temp folder)
    if data.loaded is None or data.failed:
        print("the data pack could not be loaded: " + "; ".join(str(p) for p in data.problems[:5]), file=sys.stderr)
        return 1
    pack = data.loaded.pack
    today = dt.date.fromisoformat(args.today) if args.today else pack.meta.as_of
    width, height = (int(n) for n in args.size.lower().split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    scenario_id, asked, answers = shot_answers(pack, args.scenario, tuple(a for a in args.answers.split(",") if a))
    final = wizard.replay(pack, scenario_id, answers)
    outcome = wizard.outcome(pack, final)
    provision_id = args.provision or (outcome.cites[0].provision_id if outcome and outcome.cites else pack.provisions[0].provision_id)

    index = SearchIndex(pack)
    written: list[Path] = []
    for theme in [t.strip() for t in args.themes.split(",") if t.strip()]:
        settings = Settings(Path(os.environ["ENCOUNTER_GUIDE_BASEDIR"]) / f"{theme}.ini")
        settings.theme = theme
        settings.text_step = args.text_step
        settings.disclaimer_seen = True
        window = MainWindow(data, settings, Themes(), today=today)
        window.set_search_index(index)
        window.resize(width, height)
        window.show()

        def shot(name: str, window: MainWindow = window, theme: str = theme) -> None:
            for _ in range(3):
                app.processEvents()
            path = out / f"{name}-{theme}.png"
            window.grab().save(str(path))
            written.append(path)

        shot("home")
        window.search_field.setText(args.query)
        window.search_page.flush()
        shot("search")
        window.navigate(Location(WIZARD, scenario_id, answers=asked))
        shot("wizard")
        window.navigate(Location(WIZARD, scenario_id, answers=answers))
        shot("outcome")
        window.navigate(Location(PROVISION, provision_id))
        shot("provision")
        window.close()
        window.deleteLater()
        app.processEvents()
    for path in written:
        print(path)
    return 0


def shot_answers(pack, scenario_id: str, answers: tuple[str, ...]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The situation of the wizard and outcome shots, the answers to the question in the wizard shot (none: its
    first question) and the answers to the outcome shot. Answers that stop at a question give that question
    (S31 "no": "Why is the person being held?"), and the outcome shot goes on from it with the first answers;
    answers that reach an outcome give the first question and that outcome. A situation or answers the pack
    does not have: the first situation on Home (else the pack's first) and its first answers."""
    from desktop.domain import wizard

    asked: tuple[str, ...] = ()
    try:
        state = wizard.replay(pack, scenario_id, answers)
        if wizard.outcome(pack, state) is None:
            asked = answers
    except wizard.WizardError:
        scenario_id = pack.home_scenarios[0].scenario_id if pack.home_scenarios else pack.scenarios[0].scenario_id
        state = wizard.start(pack, scenario_id)
    while wizard.outcome(pack, state) is None:  # first answer each time, down to an outcome
        node = wizard.current_node(pack, state)
        state = wizard.answer(pack, state, node.choices[0].key)  # type: ignore[union-attr]
    return scenario_id, asked, state.keys


if __name__ == "__main__":
    sys.exit(main())
