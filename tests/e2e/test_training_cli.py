"""The trainer commands as subprocesses: quiz (no Qt) and handout (PDF, offscreen without a display)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from pypdf import PdfReader

from tests.conftest import MINI_PACK, REPO

pytestmark = pytest.mark.e2e


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "desktop", "--data", str(MINI_PACK), *args]
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=120, env=env)


def test_quiz_json_is_deterministic_and_from_the_pack():
    first = run("quiz", "--seed", "11", "--count", "3", "--json")
    assert first.returncode == 0, first.stderr
    again = run("quiz", "--seed", "11", "--count", "3", "--json")
    assert first.stdout == again.stdout
    quiz = json.loads(first.stdout)
    assert quiz["seed"] == 11 and quiz["data_version"] == 3 and len(quiz["items"]) == 3
    for item in quiz["items"]:
        answer = item["answer"]
        assert answer["verdict"] in {"not_permitted", "permitted", "required", "refer"}
        assert item["action_choices"][answer["action"]] == item["outcome"]["do"][0]
        assert item["outcome"]["citations"]
    assert "--seed 11" in first.stderr


def test_quiz_text_for_one_scenario():
    result = run("quiz", "--scenario", "S10", "--every", "--seed", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Quiz: ICE asks to stage in a City lot")
    assert "Answer key" in result.stdout and "EO 2025-8" in result.stdout
    assert result.stdout.count("Is the lot or garage City property?") == 2  # both paths, once each


def test_quiz_does_not_load_qt():
    code = ("import sys; from desktop.__main__ import main; "
            f"rc = main(['--data', {str(MINI_PACK)!r}, 'quiz', '--seed', '1', '--count', '1']); "
            "assert 'PySide6' not in sys.modules, 'quiz must stay pure'; sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_one_question_is_one_question_and_a_scenario_id_in_any_case():
    """`quiz --count 1` said "1 question(s)"; `quiz --scenario s10` was refused while `handout s10` worked."""
    result = run("quiz", "--scenario", "s10", "--count", "1", "--seed", "4")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Quiz: ICE asks to stage in a City lot") and " · 1 question\n" in result.stdout
    assert result.stderr.startswith("1 question, quiz number (seed) 4")


@pytest.mark.parametrize("seed", ["-5", "2147483648"])
def test_quiz_number_the_window_cannot_take_is_refused(seed):
    result = run("quiz", "--seed", seed, "--count", "1")
    assert result.returncode == 1 and result.stdout == ""
    assert "Cannot make a quiz: a quiz number is a whole number from 0 to 2,147,483,647" in result.stderr


def test_quiz_unknown_scenario():
    result = run("quiz", "--scenario", "S99")
    assert result.returncode == 1 and "no scenario 'S99'" in result.stderr and result.stdout == ""


def test_handout_booklet_without_a_display(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    target = tmp_path / "booklet.pdf"
    result = run("handout", "--all", "-o", str(target), env=env)
    assert result.returncode == 0, result.stderr
    assert "5 pages" in result.stderr  # the contents, two scenarios, then the two shared steps they use
    reader = PdfReader(str(target))
    assert len(reader.pages) == 5
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "NOT PERMITTED" in text and "CALL SUPERVISOR" in text and "5 ILCS 805/15(a)" in text


def test_handout_one_scenario_adds_pdf_suffix(tmp_path):
    result = run("handout", "S08", "-o", str(tmp_path / "s08"))
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(str(tmp_path / "s08.pdf")).pages) >= 1


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("handout", "S99", "-o", "x.pdf"), 1, "no scenario 'S99'"),
        (("handout", "-o", "x.pdf"), 2, "Name one scenario, or use --all"),
        (("handout", "S08", "--all", "-o", "x.pdf"), 2, "Name one scenario, or use --all"),
    ],
)
def test_handout_errors(tmp_path, args, code, message):
    args = tuple(str(tmp_path / a) if a == "x.pdf" else a for a in args)
    result = run(*args)
    assert result.returncode == code and message in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_handout_to_a_folder_that_does_not_exist_is_refused(tmp_path):
    """`handout S01 -o /nonexistent/dir/x.pdf` made the folders and said it was done: a typo in the path
    left the handout somewhere nobody would look."""
    target = tmp_path / "no-such-folder" / "deeper" / "s08.pdf"
    result = run("handout", "S08", "-o", str(target))
    assert result.returncode == 2 and "there is no folder" in result.stderr and str(target.parent) in result.stderr
    assert not (tmp_path / "no-such-folder").exists()


def test_a_handout_path_the_system_will_not_look_at_is_named_not_a_traceback(tmp_path):
    """A folder name longer than the file system allows (or one this user may not open) raised OSError from the
    path checks: the trainer got a Python traceback."""
    target = tmp_path / ("a" * 300) / "s08.pdf"
    result = run("handout", "S08", "-o", str(target))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"Cannot go on: {target}: file name too long."


def test_present_with_unknown_scenario_exits_cleanly():
    result = run("--present", "--scenario", "S99")
    assert result.returncode == 1 and "no scenario 'S99'" in result.stderr


def test_a_handout_to_a_folder_goes_into_it(tmp_path):
    """`handout S08 -o ~/Desktop` wrote ~/Desktop.pdf beside the folder, where the trainer did not look: a
    folder now gets the PDF inside it, named as the app's Save dialog names it."""
    folder = tmp_path / "Desktop"
    folder.mkdir()
    result = run("handout", "S08", "-o", str(folder))
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "Desktop.pdf").exists()
    assert str(folder / "S08-handout.pdf") in result.stderr
    assert len(PdfReader(str(folder / "S08-handout.pdf")).pages) >= 1
    result = run("handout", "--all", "-o", str(folder) + os.sep)
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(str(folder / "quick-reference-booklet.pdf")).pages) == 5


def test_a_handout_names_its_scenario_in_any_case(tmp_path):
    """`handout s08` was refused ("no scenario 's08'") though the scenario list shows S08; an id no
    scenario has says where the ids are listed."""
    result = run("handout", "s08", "-o", str(tmp_path / "s08.pdf"))
    assert result.returncode == 0, result.stderr
    assert "handout for S08" in result.stderr and (tmp_path / "s08.pdf").exists()
    result = run("handout", "S99", "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 1 and "`encounter-guide scenarios` lists them" in result.stderr


def test_a_handout_to_a_folder_named_with_a_final_slash_that_does_not_exist_is_refused(tmp_path):
    """`-o ~/Handouts/` names a folder: when there is none, the handout went to ~/Handouts.pdf beside where
    it should be, as "-o ~/Desktop" did before a folder was taken."""
    result = run("handout", "S08", "-o", str(tmp_path / "Handouts") + os.sep)
    assert result.returncode == 2, result.stderr
    assert f"there is no folder {tmp_path / 'Handouts'}" in result.stderr
    assert list(tmp_path.iterdir()) == [], "nothing written beside the folder"
