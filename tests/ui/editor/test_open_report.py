"""File → Open problem report…: the editor selects the step, outcome or provision an officer's report is about."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop.domain import editing, wizard
from desktop.domain import problem_report as pr
from desktop.storage.pack_file import load_pack
from desktop.storage.user_files import write_user_file
from tests.conftest import MINI_PACK


def _saved(tmp_path, screen_of, name="report.txt", comment="The headline looks wrong"):
    loaded = load_pack(MINI_PACK)
    report = pr.make_report(loaded.pack, loaded.sha256, screen_of(loaded.pack), comment, "0.1.0")
    return write_user_file(pr.render(report).encode(), tmp_path / name)


def test_a_report_about_an_answer_selects_that_outcome_in_the_contents(qtbot, editor, tmp_path, monkeypatch):
    saved = _saved(tmp_path, lambda pack: pr.walk_screen(pack, wizard.replay(pack, "S08", ["no", "no"])))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(saved), ""))
    editor.open_report_action.trigger()  # File → Open problem report…
    key = editing.find_record(editor.document.tables, "scenarios", "S08")
    assert editor.focus == ("scenarios", key, "nodes", editing.find_node(editor.document.tables, key, "o_release"))
    assert editor.tree.currentIndex().data() and "o_release" in str(editor.tree.currentIndex().data())
    assert "o_release of S08" in editor.statusBar().currentMessage()
    assert "The headline looks wrong" in editor.statusBar().currentMessage()


def test_a_report_about_a_question_or_a_provision_selects_it(editor, tmp_path):
    question = _saved(tmp_path, lambda pack: pr.walk_screen(pack, wizard.replay(pack, "S10", [])), "q.txt")
    assert editor.open_report(question)
    key = editing.find_record(editor.document.tables, "scenarios", "S10")
    assert editor.focus == ("scenarios", key, "nodes", editing.find_node(editor.document.tables, key, "q_city"))
    provision = _saved(tmp_path, lambda pack: pr.provision_screen(pack, "CHI-EO-2025-8"), "p.txt")
    assert editor.open_report(provision)
    assert editor.focus == ("provisions", editing.find_record(editor.document.tables, "provisions", "CHI-EO-2025-8"))


def test_a_report_about_a_glossary_term_selects_it(editor, tmp_path):
    """A report from a glossary term's page said "There is nothing in the data to select": the editor has the term."""
    saved = _saved(tmp_path, lambda pack: pr.Screen("term", text="Administrative warrant"), comment="Wrong meaning")
    assert editor.open_report(saved)
    assert editor.focus == ("glossary", editing.find_record(editor.document.tables, "glossary", "Administrative warrant"))
    assert "glossary term Administrative warrant" in editor.statusBar().currentMessage()
    assert "Wrong meaning" in editor.statusBar().currentMessage()
    gone = _saved(tmp_path, lambda pack: pr.Screen("term", text="Gone term"), "gone.txt")
    assert not editor.open_report(gone)
    assert "not in this file" in editor.statusBar().currentMessage()


def test_a_report_about_something_removed_or_a_file_that_is_not_a_report_says_so(editor, tmp_path):
    before = editor.focus
    gone = _saved(tmp_path, lambda pack: dataclasses.replace(pr.provision_screen(pack, "CHI-EO-2025-8"),
                                                            provision_id="GONE-1"))
    assert not editor.open_report(gone)
    assert "provision GONE-1" in editor.statusBar().currentMessage()
    assert "not in this file" in editor.statusBar().currentMessage()
    junk = tmp_path / "junk.txt"
    junk.write_text("hello")
    assert not editor.open_report(junk)
    assert "junk.txt cannot be read as a problem report" in editor.statusBar().currentMessage()
    assert editor.focus == before


def test_the_officers_words_are_shown_whole_over_the_step_with_the_reports_version(make_editor, mini_pack_path,
                                                                                   tmp_path):
    """The officer's words were only in the status bar, cut when long. At the largest text they show whole in a note
    at the top of the form of the step selected, with the report's data version and whether the step's words
    changed since; Close puts the note away."""
    from desktop.ui.settings import TEXT_STEP_MAX, Settings
    from desktop.ui.widgets import settle_layout

    settings = Settings(tmp_path / "settings.ini")
    settings.text_step = TEXT_STEP_MAX
    editor = make_editor(mini_pack_path, settings=settings, size=(1024, 600))
    words = ("The question asks about a court case number, but the paper the agent showed me had a file number at the "
             "top and no court name at all. I could not tell which answer to pick and the agent was waiting.")

    def older(pack):
        screen = pr.walk_screen(pack, wizard.replay(pack, "S10", []))
        return dataclasses.replace(screen, text="An older question")

    assert editor.open_report(_saved(tmp_path, older, comment=words))
    note = editor.report_note
    settle_layout([note])
    assert note.isVisible() and editor.question_form.isAncestorOf(note)
    assert words in note.words.text()
    assert note.words.height() >= note.words.heightForWidth(note.words.width())  # every line of it, not cut
    version = load_pack(MINI_PACK).pack.meta.data_version
    assert f"data version {version}, the one you are on" in note.comparison.text()
    assert "q_city of S10 still exists; its words have changed" in note.comparison.text()
    note.close_button.click()
    assert not note.isVisible()


def test_a_report_opened_mid_edit_is_compared_with_what_the_draft_has(editor, tmp_path):
    """The comparison needed a draft without problems: mid-edit (a title emptied, a date half typed) the supervisor
    learnt only the report's version. The draft's readable records say whether the step is there and its words
    changed; a draft whose About this data cannot be read says why it cannot be compared yet."""
    tables = editor.document.tables
    other = editing.find_record(tables, "scenarios", "S08")
    editor.document.apply(editing.set_value(tables, ("scenarios", other, "title"), "", "Edit title"))
    assert editor.document.validate_now().pack is None, "the test needs a draft with problems"

    def older(pack):
        return dataclasses.replace(pr.walk_screen(pack, wizard.replay(pack, "S10", [])), text="An older question")

    assert editor.open_report(_saved(tmp_path, older))
    assert editor.report_note.comparison.text().endswith(": the step q_city of S10 still exists; its words have changed.")
    meta = editing.records(tables, "meta")[0][0]
    editor.document.apply(editing.set_value(tables, ("meta", meta, "as_of"), "2026-0", "Edit as of"))
    assert editor.open_report(_saved(tmp_path, older, "again.txt"))
    assert "cannot be compared with your draft yet: fix the problems in About this data" in \
        editor.report_note.comparison.text()


def test_a_record_the_draft_cannot_read_yet_is_said_to_have_problems(mini_pack):
    from desktop.domain.codec import pack_to_tables, readable_parts

    tables = pack_to_tables(mini_pack)
    key = next(k for k, d in tables["scenarios"].items() if d["scenario_id"] == "S10")
    del tables["scenarios"][key]["nodes"]
    pack, unreadable = readable_parts(tables)
    assert unreadable == {"S10"} and pack is not None and pack.scenario("S10") is None
    report = pr.make_report(mini_pack, "ab" * 32, pr.walk_screen(mini_pack, wizard.replay(mini_pack, "S10", [])),
                            "", "1")
    assert pr.compared_with(report, pack, "ab" * 32, unreadable).endswith(
        ": the situation S10 has problems to fix before it can be compared (see Problems).")


@pytest.mark.parametrize("damaged", ["text", [1, 2]])
def test_a_report_about_a_table_the_draft_cannot_read_is_said_to_have_problems(mini_pack, damaged):
    """A draft whose scenarios are text or a list (the editor opens it, its problems listed): opening a report
    stopped with AttributeError ('str' object has no attribute 'items') instead of comparing."""
    from desktop.domain.codec import pack_to_tables, readable_parts

    tables = pack_to_tables(mini_pack)
    tables["scenarios"] = damaged
    pack, unreadable = readable_parts(tables)
    assert unreadable == {"scenarios"} and pack is not None and not pack.scenarios and pack.provisions
    report = pr.make_report(mini_pack, "ab" * 32, pr.walk_screen(mini_pack, wizard.replay(mini_pack, "S10", [])),
                            "", "1")
    assert pr.compared_with(report, pack, "ab" * 32, unreadable).endswith(
        ": the situation S10 has problems to fix before it can be compared (see Problems).")


def test_a_report_opened_after_the_pack_file_became_a_pipe_does_not_wait_on_it(editor, tmp_path):
    """Opening a problem report hashes the pack file as last opened, to tell a report made on that very file: it was
    read whole by name, so a file swapped since for a pipe froze the editor waiting for a writer (and a device never
    ended). It is read as every pack is now (open_regular): not that file, and nothing waited on."""
    from tests.failing_fs import pipe_with_a_writer

    path = tmp_path / "opened.json"
    path.write_bytes(MINI_PACK.read_bytes())
    assert editor.load(path)
    assert editor._file_sha256() != ""
    path.unlink()
    with pipe_with_a_writer(path, MINI_PACK.read_bytes()):
        assert editor._file_sha256() == "", "the pipe was read"
