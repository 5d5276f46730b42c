"""build_scripts/screenshots.py: which question and which answer its wizard and outcome shots show."""

from __future__ import annotations

import importlib.util

from desktop.domain import wizard
from tests.conftest import REPO


def _script():
    spec = importlib.util.spec_from_file_location("screenshots", REPO / "build_scripts" / "screenshots.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


def test_answers_that_stop_at_a_question_put_it_in_the_wizard_shot(bundled):
    """--scenario S31 --answers no: the wizard shot shows "Why is the person being held?" (a later question was
    not to be had: answers short of an outcome were dropped, and the shot showed the first question), and the
    outcome shot goes on from there with the first answers."""
    pack = bundled.pack
    shot_answers = _script().shot_answers
    scenario_id, asked, answers = shot_answers(pack, "S31", ("no",))
    assert (scenario_id, asked) == ("S31", ("no",))
    assert wizard.current_node(pack, wizard.replay(pack, "S31", asked)).prompt == "Why is the person being held?"
    assert answers[:1] == ("no",) and wizard.outcome(pack, wizard.replay(pack, "S31", answers)) is not None
    # answers that reach an outcome: the first question, and that outcome (as before)
    assert shot_answers(pack, "S01", ("no", "traffic", "hold")) == ("S01", (), ("no", "traffic", "hold"))
    # a situation the pack does not have: the first on Home, its first answers
    first = pack.home_scenarios[0].scenario_id
    scenario_id, asked, answers = shot_answers(pack, "NO-SUCH", ("no",))
    assert (scenario_id, asked) == (first, ()) and wizard.outcome(pack, wizard.replay(pack, first, answers))
