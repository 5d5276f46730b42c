"""What a screen reader hears runs as sentences: a title ending in a question mark is not given a full stop too,
which is read as "holding? dot" or as a stray pause."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from desktop.ui.data_loading import load_data
from desktop.ui.history import WIZARD, Location
from desktop.ui.search_results_model import HitRole, IdRole
from desktop.ui.widgets import spoken_sentence
from tests.ui.ui_helpers import search, settle

STRAY = re.compile(r"[?!.]\s*\.")  # "?." "!." ".." ". ."


def test_a_sentence_gets_one_full_stop():
    assert spoken_sentence("Agents show a warrant") == "Agents show a warrant."
    assert spoken_sentence("What paper are they holding?") == "What paper are they holding?"
    assert spoken_sentence("Stop!") == "Stop!"
    assert spoken_sentence("Done.") == "Done."
    assert spoken_sentence("") == ""


def test_a_sentence_closed_by_a_quote_or_in_another_script_gets_no_second_stop():
    """A pack's title is data: 'Agent asks "Where is he?"' was heard '…he?".', an Arabic question ("…؟") and a
    title ending in an ellipsis got a stray stop too. A closing bracket after no mark still gets its stop."""
    assert spoken_sentence('Agent asks "Where is he?"') == 'Agent asks "Where is he?"'
    assert spoken_sentence("هل يحمل أمرًا قضائيًا؟") == "هل يحمل أمرًا قضائيًا؟"
    assert spoken_sentence("Wait for the supervisor\u2026") == "Wait for the supervisor\u2026"
    assert spoken_sentence("(Stop!)") == "(Stop!)"
    assert spoken_sentence("Order 2025-6 (umbrella order)") == "Order 2025-6 (umbrella order)."
    assert spoken_sentence('asks CPD to be there "for safety"') == 'asks CPD to be there "for safety".'
    assert spoken_sentence("\u201d)") == "\u201d)."


def test_a_search_result_titled_as_a_question_is_heard_without_a_stray_stop(qtbot, make_window):
    window = make_window(data=load_data(None))
    search(qtbot, window, "warrant")
    model = window.search_page.model
    rows = [model.index(r, 0) for r in range(model.rowCount())]
    paper = next(i for i in rows if i.data(IdRole) == "PAPER")
    said = paper.data(Qt.ItemDataRole.AccessibleTextRole)
    assert said.startswith("Situation: What paper are they holding? PAPER"), said
    heads = [i.data(Qt.ItemDataRole.AccessibleTextRole).removesuffix(i.data(HitRole).snippet) for i in rows]
    assert not [head for head in heads if STRAY.search(head)]
    window.search_page.view.setCurrentIndex(paper)  # what the search box's description says of it
    assert "holding? PAPER" in window.search_field.accessibleDescription()


def test_the_wizard_header_at_a_question_step_is_heard_without_a_stray_stop(qtbot, make_window):
    window = make_window(data=load_data(None))
    window.navigate(Location(WIZARD, "S01", answers=("no", "traffic", "warrant")))  # on to "What paper…"
    settle()
    told = window.wizard_page.heading.accessibleName()  # the title first, then what the header is
    assert "Step: What paper are they holding?" in told, told
    assert not STRAY.search(told), told
