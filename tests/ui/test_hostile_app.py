"""Hostile data packs in the running app: the window always opens, says which file, record and problem
(never a traceback) and keeps working on the last good pack: the bundled one, or the previous install.

Two ways a bad pack reaches the app: given at start-up (``--data FILE``, through
desktop.ui.data_loading.load_data) and as the installed current pack, replaced on disk by a bad file
(through PackLibrary.load_active). The loader's own hypothesis run is tests/storage/test_hostile_packs.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from PySide6.QtCore import Qt

from desktop import paths
from desktop.domain.search import SearchIndex
from desktop.storage.library import PackLibrary
from desktop.storage.pack_file import load_pack
from desktop.ui.data_loading import load_data
from desktop.ui.history import HOME, PROBLEMS, PROVISION, WIZARD
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from desktop.ui.themes import Themes
from tests.hostile_cases import CASES, HostileCase, tracebacks_on_screen, write_hostile
from tests.storage.test_hostile_packs import mutated_pack_bytes
from tests.supervisor_helpers import make_key, signed_pack, tables_at
from tests.ui.conftest import FRESH_DAY
from tests.ui.ui_helpers import search

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini-pack.json"
BUNDLED_VERSION = load_pack(paths.bundled_pack()).pack.meta.data_version
WITH_SEARCH = ("wrong-type", "truncated")
#: Falling back to the previous install is the same code for every case: a few kinds are enough.
PREVIOUS_INSTALL_CASES = tuple(c for c in CASES if c.name in ("truncated", "wrong-type", "dangling-ref", "directory"))


def _banner(window: MainWindow, name: str):
    found = [b for b in window.banners if b.objectName() == name]
    assert found, f"no {name} among {[b.objectName() for b in window.banners]}"
    assert found[0].isVisible()
    return found[0]


def _still_works(qtbot, window: MainWindow, version: int, with_search: bool = False) -> None:
    """The pack in use answers: Home lists situations, a walk reaches an outcome and opens a citation;
    with ``with_search`` (a few cases only: it costs a debounce), search finds."""
    assert window.pack is not None and window.pack.meta.data_version == version
    window.go_home()
    assert window.current_kind() == HOME and window.home_page.buttons
    if with_search:
        window.set_search_index(SearchIndex(window.pack))
        assert search(qtbot, window, "detainer") > 0
        window.clear_search()
    qtbot.mouseClick(window.home_page.buttons[0], Qt.MouseButton.LeftButton)
    assert window.current_kind() == WIZARD
    wizard = window.wizard_page
    for _ in range(50):
        if wizard.current_outcome() is not None:
            break
        qtbot.mouseClick(wizard.answer_buttons[-1], Qt.MouseButton.LeftButton)
    assert wizard.current_outcome() is not None and wizard.card.headline_label.text()
    qtbot.mouseClick(wizard.card.cites.buttons[0], Qt.MouseButton.LeftButton)
    assert window.current_kind() == PROVISION and window.provision_page.title_label.text()


def _assert_problem_shown(window: MainWindow, file_name: str, case: HostileCase) -> None:
    page = window.problems_page
    assert window.current_kind() == PROBLEMS and page.isVisible()
    assert file_name in page.banner.text() and file_name in page.file_label.text()
    assert page.problem_texts, "the problems page lists nothing"
    wanted = [t for t in page.problem_texts if case.problem in t]
    assert wanted, f"{case.problem!r} not in {page.problem_texts}"
    if case.record:
        assert any(case.record in t for t in wanted), f"record {case.record} not named in {wanted}"
    else:
        assert any(t.startswith("the whole file") for t in wanted)
    assert all(len(t) < 400 for t in page.problem_texts), "a problem quotes too much of the file"


# --- --data FILE at start-up -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file_at_start_up_falls_back_to_the_bundled_pack(qtbot, tmp_path, make_window, case):
    path = write_hostile(tmp_path / f"{case.name}.json", case.build())
    data = load_data(str(path))  # what `encounter-guide --data FILE` does
    window = make_window(data=data)

    assert window.isVisible()
    assert data.origin == "bundled" and data.failed_file == path.name
    _assert_problem_shown(window, path.name, case)
    assert "bundled data pack" in window.problems_page.fallback_label.text()
    assert tracebacks_on_screen(window) == []

    qtbot.mouseClick(window.problems_page.continue_button, Qt.MouseButton.LeftButton)
    banner = _banner(window, "fallbackBanner")  # away on the problems page, which says it itself
    assert path.name in banner.text() and "bundled data pack" in banner.text()
    _still_works(qtbot, window, BUNDLED_VERSION, with_search=case.name in WITH_SEARCH)
    assert tracebacks_on_screen(window) == []


# --- the installed pack replaced by a bad file --------------------------------------------------------------


@pytest.fixture
def key(tmp_path):
    return make_key(tmp_path / "keys")


def _install(library: PackLibrary, version: int, folder: Path, private: Path) -> None:
    pack = signed_pack(tables_at(version), folder / f"pack-v{version}.json", private)
    library.install(library.prepare_install(pack))


@pytest.mark.parametrize(("installs", "case"), [
    *((1, c) for c in CASES), *((2, c) for c in PREVIOUS_INSTALL_CASES)],
    ids=[*(f"to-bundled-{c.name}" for c in CASES), *(f"to-previous-install-{c.name}" for c in PREVIOUS_INSTALL_CASES)])
def test_bad_installed_pack_is_set_aside_and_the_last_good_pack_used(qtbot, tmp_path, user_base, key,
                                                                     make_window, case, installs):
    library = PackLibrary(user_base / "data", bundled=MINI, trusted_keys=[key[1]])  # the mini pack is v3
    for version in range(4, 4 + installs):
        _install(library, version, tmp_path, key[0])
    current = library.current
    assert current.is_file()
    current.unlink()
    write_hostile(current, case.build())  # replaced on disk behind the app's back

    data = load_data(None, library)  # what the app does at start-up
    window = make_window(data=data)
    good_version = 3 if installs == 1 else 4
    assert window.isVisible() and window.current_kind() == HOME
    assert data.origin == ("bundled" if installs == 1 else "previous")
    banner = _banner(window, "noticeBanner")
    text = banner.text()
    assert f"data version {3 + installs}" in text and "set aside" in text
    assert "pack.json" in text, "the notice names the file"
    if case.record:  # the first problem, with its record; every problem is in the reason file beside it
        assert "pack.json › " in text and case.record in text
    else:
        assert case.problem in text, f"{case.problem!r} not in {text!r}"
    kept = [p for p in library.set_aside_folder.iterdir() if p.is_dir() and p.name.startswith(f"v{3 + installs}-")]
    assert kept and (kept[0] / "pack.json").exists(), "the bad file is kept for IT, not deleted"
    assert case.problem in kept[0].with_suffix(".reason.txt").read_text(encoding="utf-8")
    assert str(library.set_aside_folder) in text
    assert tracebacks_on_screen(window) == []
    _still_works(qtbot, window, good_version, with_search=case.name in WITH_SEARCH)

    again = load_data(None, library)  # the next start: the bad pack is out of the way, no notice again
    assert again.notices == [] and again.loaded.pack.meta.data_version == good_version


# --- random mutations, in the app ---------------------------------------------------------------------------


@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(data=mutated_pack_bytes())
def test_mutated_packs_never_stop_the_app(qtbot, tmp_path, data):
    """A few dozen random mutations (truncation, wrong types, duplicates, dangling references, deep
    nesting, bad bytes…) given with --data: the window opens on a usable pack every time."""
    path = tmp_path / "mutated.json"
    path.write_bytes(data)
    library = PackLibrary(tmp_path / "userdata", bundled=MINI)
    state = load_data(str(path), library)
    window = MainWindow(state, Settings(tmp_path / "settings.ini"), Themes(), today=FRESH_DAY)
    qtbot.addWidget(window)
    try:
        window.show()
        assert window.pack is not None and window.home_page.buttons
        if state.failed:
            assert state.origin == "bundled" and window.current_kind() == PROBLEMS
            assert all(p.file == path.name and p.message for p in state.problems)
            assert path.name in window.problems_page.banner.text()
        else:
            assert state.origin == "file" and window.current_kind() == HOME
        assert tracebacks_on_screen(window) == []
        window.go_home()
        if state.failed:
            assert _banner(window, "fallbackBanner")
        window.start_scenario(window.pack.scenarios[0].scenario_id)
        assert window.current_kind() == WIZARD
    finally:
        window.close()
        window.deleteLater()


def test_a_directory_tree_in_place_of_the_installed_pack_folder(qtbot, tmp_path, user_base, key, make_window):
    """The whole version folder replaced by something else (a copy gone wrong): still the bundled pack."""
    library = PackLibrary(user_base / "data", bundled=MINI, trusted_keys=[key[1]])
    _install(library, 4, tmp_path, key[0])
    folder = library.current.parent
    shutil.rmtree(folder)
    folder.write_bytes(b"not a folder")
    data = load_data(None, library)
    window = make_window(data=data)
    assert data.origin == "bundled" and window.pack.meta.data_version == 3
    assert "data version 4" in _banner(window, "noticeBanner").text()
    assert tracebacks_on_screen(window) == []


def test_a_set_aside_notice_shows_a_name_with_a_line_feed_and_an_override_escaped_once_in_order(
        tmp_path, user_base, key, make_window):
    """The notice for a kept pack set aside names its signature's target as written (_first_problem used
    str(problem), which escaped the line feed but left a right-to-left override to turn the words after it
    around); the window writes both as their escape, once: one line, in the order written (name_as_seen)."""
    from desktop.storage.signing import signature_path

    library = PackLibrary(user_base / "data", bundled=MINI, trusted_keys=[key[1]])
    _install(library, 4, tmp_path, key[0])
    sig = signature_path(library.current)
    sig.unlink()
    sig.symlink_to(tmp_path / "gone\nSignature OK\u202e.sig")
    window = make_window(data=load_data(None, library))
    banner = _banner(window, "noticeBanner")
    shown = "gone\\u000aSignature OK\\u202e.sig, which does not exist"
    for words in (banner.text(), banner.text_label.accessibleName()):
        assert shown in words and "\\\\u" not in words, words
        assert "\n" not in words and "\u202e" not in words, words


@pytest.mark.parametrize("length", [300, 1000])
def test_a_long_notice_at_start_up_does_not_make_the_window_taller_than_it_was_opened(qtbot, tmp_path, key, length):
    """A notice from loading (an installed pack set aside, naming where it was moved) folds to two lines and More, but
    its banner's new height reached the window only after start-up had shown it, sized for the whole words: with a
    user folder of 300 characters, at the largest text, an 800 × 600 window opened 647 px tall (1,000 characters: 919),
    its status bar below the screen, and it stayed so."""
    from desktop.ui.settings import TEXT_STEP_MAX
    from tests.ui.ui_helpers import settle

    folder = tmp_path
    while len(str(folder)) < length:
        folder = folder / "a folder named with a good many words in it"
    library = PackLibrary(folder / "data", bundled=MINI, trusted_keys=[key[1]])
    _install(library, 4, tmp_path, key[0])
    library.current.unlink()
    write_hostile(library.current, _good_then_cut())  # replaced behind the app's back: set aside at start-up
    settings = Settings(tmp_path / "settings.ini")
    settings.text_step = TEXT_STEP_MAX
    window = MainWindow(load_data(None, library), settings, Themes(), today=FRESH_DAY)  # as run_gui: built, then shown
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    settle()
    banner = _banner(window, "noticeBanner")
    assert str(library.set_aside_folder) in banner.text() and banner.shortened()
    assert window.size().toTuple() == (800, 600), "the window as it was opened, its status bar on the screen"


def _good_then_cut() -> bytes:
    return next(c for c in CASES if c.name == "truncated").build()


def test_a_notice_naming_a_folder_whose_name_is_not_utf8_names_it_with_its_boxes(qtbot, tmp_path, key, make_window):
    """A set-aside notice names the folder the bad pack was moved to, for IT. Under a user folder named with bytes
    that are not UTF-8 (``user<0xFF><0xFE>``), the banner kept Python's lone surrogates, and its tooltip and More's
    description (what a screen reader says), read by Qt, dropped them: ``…/user/data/packs/set-aside/…``, another
    folder. Each such byte is the replacement character in every one of them, as the Data dialogs show it."""
    import os

    from PySide6.QtWidgets import QPushButton

    library = PackLibrary(tmp_path / os.fsdecode(b"user\xff\xfe") / "data", bundled=MINI, trusted_keys=[key[1]])
    _install(library, 4, tmp_path, key[0])
    library.current.unlink()
    write_hostile(library.current, _good_then_cut())
    window = make_window(data=load_data(None, library))
    banner = _banner(window, "noticeBanner")
    more = banner.findChild(QPushButton, "noticeMoreButton")
    for text in (banner.text(), banner.toolTip(), more.accessibleDescription()):
        assert "/user\ufffd\ufffd/data/" in text and "/user/data/" not in text, text
