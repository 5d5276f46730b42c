"""A broken data pack: the app still opens, says what is wrong, and falls back to the bundled pack."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton, QScrollArea, QWidget

from desktop.domain.validation import name_as_seen
from desktop.storage.library import PackLibrary
from desktop.ui.data_loading import load_data
from desktop.ui.history import HOME, PROBLEMS

MINI = Path(__file__).resolve().parent.parent / "fixtures" / "mini-pack.json"


@pytest.fixture
def library(tmp_path: Path) -> PackLibrary:
    """An empty install folder whose 'bundled' pack is the mini pack."""
    return PackLibrary(root=tmp_path / "userdata", bundled=MINI)


def _broken_json(tmp_path: Path) -> Path:
    path = tmp_path / "broken.json"
    path.write_text('{"meta": {"1": {"title": "half a pack"', encoding="utf-8")
    return path


def _bad_record(tmp_path: Path) -> Path:
    tables = json.loads(MINI.read_text(encoding="utf-8"))
    del tables["provisions"]["2"]["summary"]
    path = tmp_path / "bad-record.json"
    path.write_text(json.dumps(tables), encoding="utf-8")
    return path


def test_corrupt_data_file_falls_back_to_the_bundled_pack(tmp_path, library):
    data = load_data(str(_broken_json(tmp_path)), library)
    assert data.failed and data.failed_file == "broken.json"
    assert "is not valid JSON" in data.problems[0].message
    assert data.loaded is not None and data.origin == "bundled"
    assert data.loaded.path == MINI


def test_window_explains_the_problem_and_continues_with_the_fallback(qtbot, tmp_path, library, make_window):
    window = make_window(data=load_data(str(_bad_record(tmp_path)), library))
    page = window.problems_page
    assert window.current_kind() == PROBLEMS
    assert "bad-record.json" in page.banner.text()
    assert any("provisions" in text and "IL-TRUST-15a" in text and "summary" in text for text in page.problem_texts)
    assert "bundled data pack" in page.fallback_label.text()
    assert "Traceback" not in " ".join(page.problem_texts)
    banner = next(b for b in window.banners if b.objectName() == "fallbackBanner")
    assert not banner.isVisible() and "bad-record.json" in banner.text()  # the page says it

    qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)
    assert window.current_kind() == HOME and banner.isVisible()
    assert window.home_page.buttons, "the fallback pack's situations are on Home"
    details = banner.findChild(type(page.continue_button), "fallbackDetailsButton")
    qtbot.mouseClick(details, Qt.MouseButton.LeftButton)
    assert window.current_kind() == PROBLEMS


def test_a_pack_that_could_not_be_loaded_is_said_once_with_continue_in_sight_at_the_largest_text(
        qtbot, tmp_path, library, make_window):
    """At the largest text on 1024 × 600 the window's banner ("… could not be loaded. Using the bundled data
    pack…"), the page's heading and its "is using the bundled data pack … instead" said the same thing three
    times, and Continue was below the fold. On the problems page the banner is away: what happened, what is used
    and what to do are said once, Continue in sight; the file and its problems below. Elsewhere the banner is
    back, with Details to this page, until OK puts it away."""
    from desktop.ui.settings import TEXT_STEP_MAX
    from tests.ui.ui_helpers import settle

    window = make_window(data=load_data(str(_bad_record(tmp_path)), library))
    window.resize(1024, 600)
    window.set_text_step(TEXT_STEP_MAX)
    settle()
    page = window.problems_page
    banner = next(b for b in window.banners if b.objectName() == "fallbackBanner")
    assert window.current_kind() == PROBLEMS and not banner.isVisible() and not window.banner_area.isVisible()
    shown = [label.text() for label in window.centralWidget().findChildren(QLabel) if label.isVisible()]
    assert sum("could not be loaded" in text for text in shown) == 1, shown
    assert sum("bundled data pack" in text for text in shown) == 1, shown
    scroll = page.findChild(QScrollArea, "problemsScroll")
    assert scroll.verticalScrollBar().value() == 0
    button = page.continue_button
    bottom = button.mapTo(scroll.viewport(), button.rect().bottomLeft()).y()
    assert button.isVisible() and bottom < scroll.viewport().height(), "Continue is in sight without scrolling"
    assert any("bad-record.json" in text for text in shown + [page.file_label.text()])
    assert page.problem_texts, "the record and its problem are still on the page"

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.current_kind() == HOME and banner.isVisible() and window.banner_area.isVisible()
    qtbot.mouseClick(banner.findChild(QPushButton, "fallbackDetailsButton"), Qt.MouseButton.LeftButton)
    assert window.current_kind() == PROBLEMS and not banner.isVisible()
    window.go_back()
    assert banner.isVisible()
    qtbot.mouseClick(banner.findChild(QPushButton, "fallbackOkButton"), Qt.MouseButton.LeftButton)
    window.go_forward()
    window.go_home()
    assert not banner.isVisible() and not window.banner_area.isVisible(), "put away, it stays away"


def test_no_usable_pack_at_all_still_opens(qtbot, tmp_path, make_window):
    library = PackLibrary(root=tmp_path / "userdata", bundled=tmp_path / "missing.json")
    data = load_data(str(_broken_json(tmp_path)), library)
    assert data.loaded is None
    window = make_window(data=data)
    assert window.current_kind() == PROBLEMS
    assert not window.problems_page.continue_button.isVisible()
    assert "No usable data pack" in window.problems_page.fallback_label.text()
    assert not window.search_field.isEnabled()
    assert "no data pack" in window.windowTitle()
    window.go_home()
    assert window.home_page.empty_label.isVisible() and not window.home_page.buttons


def test_notices_from_the_pack_library_are_shown_in_a_banner(make_window):
    from desktop.storage.library import ActivePack
    from desktop.storage.pack_file import Notice, load_pack

    notice = Notice("The installed data pack (data version 5) could not be used and was set aside: bad signature.", 5)

    class Library:
        bundled = MINI

        def load_active(self):
            return ActivePack(load_pack(MINI), "bundled", [notice])

    data = load_data(None, Library())  # type: ignore[arg-type]
    assert not data.failed and data.origin == "bundled" and data.notices == [notice]
    window = make_window(data=data)
    banner = next(b for b in window.banners if b.objectName() == "noticeBanner")
    assert banner.text() == notice and banner.isVisible()
    assert window.current_kind() == HOME


def _window_with_notice(make_window, notice: str, settings=None, data_version: int | None = 5):
    """The window over the mini pack, as the library gives it with ``notice`` about installed ``data_version``
    (e.g. an update set aside)."""
    from desktop.storage.library import ActivePack
    from desktop.storage.pack_file import Notice, load_pack

    notice = Notice(notice, data_version)

    class Library:
        bundled = MINI

        def load_active(self):
            return ActivePack(load_pack(MINI), "bundled", [notice])

    return make_window(data=load_data(None, Library()), settings=settings)  # type: ignore[arg-type]


def test_an_update_set_aside_and_the_data_going_back_are_one_banner_the_answer_first(make_window, settings):
    """The installed update this computer showed (version 5) was set aside at start-up: a warning said so and an
    info banner under it said "The data went back to version 3": one event told twice, and at the largest text
    on 1024 × 600 the first one's words were cut off by the second. One banner says both, the answer first."""
    notice = "The installed data pack (data version 5) could not be used and was set aside: bad signature."
    settings.last_pack_version = 5
    window = _window_with_notice(make_window, notice, settings)
    shown = [b for b in window.banners if b.isVisible()]
    assert [b.objectName() for b in shown] == ["noticeBanner"], [b.text() for b in shown]
    assert shown[0].text() == ("The data went back to version 3 (as of 2 Feb 2026): the installed data pack (data "
                               "version 5) could not be used and was set aside: bad signature.")
    assert shown[0].findChild(QPushButton, "noticeOkButton").isVisible()


def test_the_set_aside_notice_merges_by_its_data_version_not_by_its_words(make_window, settings):
    """The merge found the notice about the pack shown before by looking for "(data version 5)" in its words:
    a notice worded any other way split one event into two banners again. The notice carries its version."""
    settings.last_pack_version = 5
    window = _window_with_notice(make_window, "Update 5 could not be used and was set aside: bad signature.", settings)
    shown = [b for b in window.banners if b.isVisible()]
    assert [b.objectName() for b in shown] == ["noticeBanner"], [b.text() for b in shown]
    assert shown[0].text() == ("The data went back to version 3 (as of 2 Feb 2026): update 5 could not be used and "
                               "was set aside: bad signature.")


def test_a_notice_about_another_version_stays_its_own_banner(make_window, settings):
    """A notice about version 4 says nothing about leaving version 5, which this computer showed before, even when
    its words name version 5: the update banner says the data went back, and the notice stands apart."""
    settings.last_pack_version = 5
    window = _window_with_notice(make_window, "The installed data pack (data version 4) could not be used: "
                                 "it follows the data shown before (data version 5).", settings, data_version=4)
    names = sorted(b.objectName() for b in window.banners if b.isVisible())
    assert names == ["noticeBanner", "updatedBanner"]


def test_a_long_notice_shows_two_lines_and_more_shows_the_rest(qtbot, make_window, settings):
    """Merged with "The data went back…", a set-aside notice with its reason and the folder it was moved to took
    seven lines at the largest text on 1024 × 600, and the window cut it off mid-path. It shows two lines, the
    answer first; More shows the whole words, to read and copy."""
    from desktop.ui.main_window import NOTICE_LINES
    from desktop.ui.settings import TEXT_STEP_MAX
    from tests.ui.ui_helpers import settle

    notice = ("The installed data pack (data version 5) could not be used and was set aside: pack.json: is not "
              "valid JSON: Unterminated string starting at line 106, column 9; the file ends before its data does, "
              "so it was probably cut short (copied or saved only in part). It was moved to "
              "/home/officer/.local/share/encounter-guide/packs/set-aside/5-20261206T081500.json.")

    settings.last_pack_version = 5
    window = _window_with_notice(make_window, notice, settings)
    window.resize(1024, 600)
    window.set_text_step(TEXT_STEP_MAX)
    settle()
    banner = next(b for b in window.banners if b.objectName() == "noticeBanner")
    label, more = banner.text_label, banner.findChild(QPushButton, "noticeMoreButton")
    line = label.fontMetrics().lineSpacing()
    assert label.text().startswith("The data went back to version 3") and label.text().endswith("…")
    assert label.height() < (NOTICE_LINES + 1) * line, label.text()
    assert more.isVisible()
    assert banner.text().endswith("5-20261206T081500.json."), "the whole words are kept"
    assert "5-20261206T081500.json" in more.accessibleDescription()

    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    box = window.notice_box
    qtbot.waitUntil(lambda: box is not None and box.isVisible())
    assert box.text() == banner.text() and box.icon() == QMessageBox.Icon.Warning, "a warning, as its banner's ⚠"
    box.close()


def test_a_short_notice_has_no_more_button(make_window):
    """A notice that fits its two lines shows whole, with no More to press."""
    from tests.ui.ui_helpers import settle

    window = _window_with_notice(make_window, "The installed data pack (data version 5) is not used.")
    settle()
    banner = next(b for b in window.banners if b.objectName() == "noticeBanner")
    assert banner.text_label.text() == banner.text()
    assert not banner.findChild(QPushButton, "noticeMoreButton").isVisible()


def test_unexpected_loader_error_is_reported_plainly(tmp_path, library, monkeypatch):
    from desktop.ui import data_loading

    def explode(path, stamped=False):
        if Path(path) != MINI:
            raise RuntimeError("boom")
        return real(path, stamped)

    real = data_loading.load_pack
    monkeypatch.setattr(data_loading, "load_pack", explode)
    good = tmp_path / "good.json"
    shutil.copyfile(MINI, good)
    data = load_data(str(good), library)
    assert data.failed and data.loaded is not None
    assert "unexpected error" in data.problems[0].message and "boom" not in data.problems[0].message


def test_an_unexpected_error_with_the_installed_updates_still_opens_on_the_bundled_pack(qtbot, library,
                                                                                         monkeypatch):
    """It blamed the bundled pack and left the officer with no data at all ("No data pack loaded"), though the
    bundled pack was whole: the installed update is named, and the window opens on the bundled pack."""
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings
    from desktop.ui.themes import Themes

    def explode(self, verify=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(PackLibrary, "load_active", explode)
    data = load_data(None, library)
    assert (data.loaded.path, data.origin) == (MINI, "bundled")
    assert data.failed_file == "packs" and data.failed_folder  # nothing installed: the updates' folder
    assert "unexpected error" in data.problems[0].message and "boom" not in data.problems[0].message
    window = MainWindow(data, Settings(library.root / "settings.ini"), Themes())
    qtbot.addWidget(window)
    assert window.current_kind() == PROBLEMS and window.pack is not None
    assert window.problems_page.fallback_label.text().startswith("Encounter Guide is using the bundled data pack")
    assert window.problems_page.continue_button.text() == "Continue with the bundled data"
    # it read "The data pack packs could not be loaded", the folder's name taken for a pack's
    assert window.problems_page.banner.text() == "The installed data updates (folder packs) could not be loaded."
    assert window.problems_page.file_label.text() == "Folder: packs"
    banner = next(b for b in window.banners if b.objectName() == "fallbackBanner")
    assert banner.text().startswith("The installed data updates (folder packs) could not be loaded. Using the bundled")


@pytest.mark.parametrize(("origin", "button"), [
    ("bundled", "Continue with the bundled data"),
    ("installed", "Continue with the installed update"),
    ("previous", "Continue with the previous update"),
    ("file", "Continue with the data pack given at start-up"),
    ("kept", "Continue with the data already on screen"),
])
def test_the_continue_button_names_where_the_pack_in_use_came_from(qtbot, origin, button, monkeypatch):
    """The button's words were cut out of the sentence describe_pack makes (up to " ("): a change of that
    sentence's wording would have changed the button. They come from the pack's origin."""
    from desktop.domain.validation import Problem
    from desktop.storage.pack_file import load_pack
    from desktop.ui.data_loading import DataState
    from desktop.ui.problems_page import ProblemsPage

    data = DataState(load_pack(MINI), origin, failed_file="broken.json",
                     problems=[Problem("broken.json", "", "", "", "is not valid JSON")])
    monkeypatch.setattr(DataState, "describe_pack", lambda self: "Pack in use (origin: somewhere), version 1")
    page = ProblemsPage()
    qtbot.addWidget(page)
    page.show_problems(data)
    assert page.continue_button.text() == button == page.continue_button.accessibleName()
    assert "Pack in use (origin: somewhere), version 1" in page.fallback_label.text()


def test_a_data_file_named_with_a_line_feed_or_an_override_is_one_line_in_the_fallback_banner(
        qtbot, tmp_path, library, make_window):
    """``--data`` given a file named ``x.json<LF>Using the approved data.<U+202E>…`` put its name into the fallback
    banner as it is: the line feed broke the banner's sentence into a line of the file's choosing, the override
    turned the rest of it around. The name is escaped once where shown (as the Data dialogs and the command line
    show names), readable, on one line; the problems page names it the same way."""
    name = "x.json\nUsing the approved data.\u202enosj"
    path = tmp_path / name
    path.write_text('{"meta": {"1": {"title": "half a pack"', encoding="utf-8")
    window = make_window(data=load_data(str(path), library))
    page = window.problems_page
    shown = "x.json\\u000aUsing the approved data.\\u202enosj"
    for text in (page.banner.text(), page.file_label.text()):
        assert shown in text and "\n" not in text and "\u202e" not in text, text
        assert "\\\\u" not in text, "escaped once, not twice"
    assert all("\n" not in text and "\u202e" not in text for text in page.problem_texts), page.problem_texts
    qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)
    banner = next(b for b in window.banners if b.objectName() == "fallbackBanner")
    assert banner.isVisible()
    assert banner.text() == f"The data pack {shown} could not be loaded. Using {window.data.describe_pack()}."
    assert "\n" not in banner.text_label.text() and "\u202e" not in banner.text_label.text()


@pytest.mark.parametrize("name", ["x.json\nUsing the approved data.\u202enosj", "broken-update-v2.json"])
def test_the_fallback_banner_is_never_cut_at_the_largest_text_on_800_by_600(qtbot, tmp_path, library, make_window,
                                                                             name):
    """At the largest text on 800 × 600 the fallback banner with a long name (its line feed and override written
    as their escapes) took five lines; under the out-of-date banner it was given four and a bit, its first and
    last lines cut in half. It shows at most three lines now: without the name when the whole words do not fit
    (Details, the tooltip and a screen reader still give them), every line whole."""
    from desktop.ui.settings import TEXT_STEP_MAX
    from tests.ui.ui_helpers import settle

    path = tmp_path / name
    path.write_text('{"meta": ', encoding="utf-8")
    window = make_window(data=load_data(str(path), library), today=dt.date(2027, 1, 1))  # out of date too
    window.resize(800, 600)
    window.set_text_step(TEXT_STEP_MAX)
    qtbot.mouseClick(window.problems_page.continue_button, Qt.MouseButton.LeftButton)
    settle()
    banner = next(b for b in window.banners if b.objectName() == "fallbackBanner")
    label = banner.text_label
    assert banner.isVisible() and any(b.objectName() == "expiredBanner" and b.isVisible() for b in window.banners)
    assert label.height() >= label.heightForWidth(label.width()), "every line of the banner whole"
    assert label.heightForWidth(label.width()) < 4 * label.fontMetrics().lineSpacing()
    assert "could not be loaded" in label.text() and "\n" not in label.text()
    assert banner.text().startswith(f"The data pack {name_as_seen(name)} could not be loaded")


def test_a_data_file_named_with_bytes_that_are_not_utf8_is_named_so_not_as_another_file(
        qtbot, tmp_path, library, make_window):
    """``--data`` given ``bad<0xFF><0xFE>.json`` (a name that is not UTF-8, as a USB stick from another system can
    hold): the fallback banner kept Python's lone surrogates, shown as two boxes, but its tooltip, read by Qt,
    dropped them and named ``bad.json``, another file, which may well be beside it. Every place names it as the
    Data dialogs do: each byte that is not UTF-8 as the replacement character."""
    path = tmp_path / os.fsdecode(b"bad\xff\xfe.json")
    path.write_text('{"meta": ', encoding="utf-8")
    window = make_window(data=load_data(str(path), library))
    page = window.problems_page
    shown = "bad\ufffd\ufffd.json"
    assert shown in page.banner.text() and page.file_label.text() == f"File: {shown}"
    qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)
    banner = next(b for b in window.banners if b.objectName() == "fallbackBanner")
    for text in (banner.text(), banner.text_label.text(), banner.toolTip()):
        assert f"The data pack {shown} could not be loaded" in text, text
    assert "bad.json" not in banner.toolTip()
    assert all(t.encode("utf-8") for t in (banner.text(), banner.toolTip(), page.file_label.text(),
                                            *page.problem_texts))


def _window_with_two_notices_out_of_date(make_window, settings):
    """The window over the mini pack out of date, with two notices from the library (an update set aside and moved,
    a trusted keys file that could not be read)."""
    from desktop.storage.pack_file import Notice

    return _window_with_notices(make_window, settings, [
        Notice("The installed data pack (data version 5) could not be used and was set aside: bad signature. "
               "It was moved to /home/officer/.local/share/encounter-guide/packs/set-aside/"
               "5-20261206T081500.json.", 5),
        Notice("The trusted keys file /etc/encounter-guide/trusted_keys.json could not be read: it is not "
               "JSON.", None)])


def _window_with_notices(make_window, settings, notices):
    """The window over the mini pack out of date, on 1 Jan 2031, with ``notices`` from the library, as one start-up
    gives them."""
    from desktop.storage.library import ActivePack
    from desktop.storage.pack_file import load_pack

    class Library:
        bundled = MINI

        def load_active(self):
            return ActivePack(load_pack(MINI), "bundled", notices)

    return make_window(data=load_data(None, Library()), settings=settings,  # type: ignore[arg-type]
                       today=dt.date(2031, 1, 1))


@pytest.mark.parametrize("step", [0, 6])
def test_the_out_of_date_banner_and_two_notices_fit_the_window_and_no_line_is_cut(qtbot, make_window, settings, step):
    """At the largest text on 800 × 600 the out-of-date banner and two notices took 253 px: the window grew past
    600 px and the notices were still given 4 px less than their two lines (the last line's underscores cut). The
    banners take at most two fifths of the window, whole banners only, and scroll beyond that: the window keeps to
    the screen, every banner's words are whole, the third is scrolled to, and Home keeps room for its lists."""
    from tests.ui.ui_helpers import settle

    window = _window_with_two_notices_out_of_date(make_window, settings)
    height = 600 if step else 700  # at the smallest text, 700 px high: all three and "OK all" fit in two fifths
    window.resize(800, height)
    window.set_text_step(step)
    settle()
    assert window.height() == height and window.minimumSizeHint().height() <= height
    banners = [b for b in window.banners if not b.isHidden()]
    assert [b.objectName() for b in banners] == ["expiredBanner", "noticeBanner", "noticeBanner"]
    for banner in banners:
        label = banner.text_label
        assert label.height() >= label.heightForWidth(label.width()), f"{label.text()!r} cut"
        assert banner.height() >= banner.heightForWidth(banner.width())
    scroll = window.banner_scroll
    assert scroll.height() <= 0.4 * window.height()
    in_sight = [b for b in banners if b.mapTo(scroll.viewport(), b.rect().bottomLeft()).y() <= scroll.viewport().height()]
    assert in_sight == banners[:len(in_sight)] and in_sight, "whole banners in sight, the first at least"
    if step == 0:
        assert in_sight == banners and not scroll.verticalScrollBar().isVisible(), "all of them, as before"
    else:
        assert scroll.verticalScrollBar().isVisible(), "the rest a scroll away"
        scroll.ensureWidgetVisible(banners[-1], 0, 0)
        last = banners[-1]
        assert last.mapTo(scroll.viewport(), last.rect().bottomLeft()).y() <= scroll.viewport().height()
    tree = window.home_page.tree
    assert tree.isVisible() and tree.viewport().height() >= 3 * tree.fontMetrics().lineSpacing(), "Home's list kept"


@pytest.mark.parametrize("step", [0, 6])
def test_banners_out_of_sight_are_told_by_a_cue_that_scrolls_to_them(qtbot, make_window, settings, step):
    """At the largest text on 800 × 600 the third banner was out of sight, a thin scroll bar the only sign of it. A
    cue under the banners says how many are below; tapping it (or Enter on it) scrolls the next one into sight
    with the focus on its first button, and then says what is above. Where all of them fit there is no cue."""
    from tests.ui.ui_helpers import settle

    window = _window_with_two_notices_out_of_date(make_window, settings)
    window.resize(800, 600 if step else 700)  # at the smallest text, 700 px high: all three and "OK all" fit
    window.set_text_step(step)
    settle()
    scroll = window.banner_scroll
    cue = scroll.cue
    if step == 0:
        assert cue is None or not cue.isVisible(), "everything fits: no cue"
        return
    banners = [b for b in window.banners if not b.isHidden()]
    viewport = scroll.viewport()

    def in_sight() -> list[QWidget]:
        return [b for b in banners if b.mapTo(viewport, QPoint(0, 0)).y() >= 0
                and b.mapTo(viewport, b.rect().bottomLeft()).y() <= viewport.height()]

    def told_as_seen() -> None:  # whole banners only, and the cue counts those out of sight, on the side they are
        for banner in banners:
            top = banner.mapTo(viewport, QPoint(0, 0)).y()
            assert banner in in_sight() or top >= viewport.height() or top + banner.height() <= 0, \
                f"a banner cut at the area's edge: {top} to {top + banner.height()} in {viewport.height()} px"
        shown = in_sight()
        above, below = banners[: banners.index(shown[0])], banners[banners.index(shown[-1]) + 1 :]
        out = len(below or above)
        assert f"{out} more notice{'' if out == 1 else 's'} {'below' if below else 'above'}" in cue.text()

    out = len(banners) - len(in_sight())
    assert out >= 1 and cue is not None and cue.isVisible()
    below = f"{out} more notice{'' if out == 1 else 's'} below"
    assert below in cue.text() and below in cue.accessibleName()
    assert cue.height() >= cue.sizeHint().height() and cue.width() >= cue.sizeHint().width(), "the cue whole"
    central = window.centralWidget()
    cue_top = cue.mapTo(central, QPoint(0, 0)).y()
    assert scroll.geometry().bottom() < cue_top and cue_top + cue.height() <= window.stack.geometry().top(), \
        "under the banners, above the page"
    assert window.stack.geometry().top() - scroll.geometry().top() <= 0.4 * window.height(), "in the banners' room"
    cue.setFocus()
    qtbot.keyClick(cue, Qt.Key.Key_Return)
    settle()
    assert banners[-1] in in_sight(), "the next banner scrolled into sight"
    focused = QApplication.focusWidget()
    assert focused is not None and banners[-1].isAncestorOf(focused), "the focus on its first button"
    assert cue.isVisible() and "above" in cue.text()
    told_as_seen()
    qtbot.mouseClick(cue, Qt.MouseButton.LeftButton)
    settle()
    assert banners[0] in in_sight() and "below" in cue.text()
    told_as_seen()
    window.resize(800, 700)
    window.set_text_step(0)
    settle()
    assert not cue.isVisible() and not scroll.verticalScrollBar().isVisible(), "all fit again: the cue away"


def test_a_banner_with_a_name_longer_than_a_line_is_measured_as_it_is_drawn(qtbot):
    """A banner's label measured its words as given, but draws them with a break every 16 letters of a run longer
    than 40 (wrappable): a file name with no space wider than the line was taken for one line running past the edge,
    so words that fit in the banner's three lines were dropped for the shorter ones, and the height asked for a
    width where they were chosen was that of a line too few. Measured as drawn, the name shows where it fits."""
    from desktop.ui.widgets import Banner, wrappable
    from tests.ui.ui_helpers import settle

    name = "encounter_guide_" * 7 + "v2.json"  # 119 letters, no space
    whole, short = f"The data pack {name} could not be loaded.", "The data pack could not be loaded."
    banner = Banner("error", "")
    qtbot.addWidget(banner)
    banner.resize(600, 300)
    banner.show()
    banner.set_text(whole, (short,), lines=3)
    settle()
    label = banner.text_label

    def drawn(width: int, text: str) -> int:  # the height of the lines QLabel draws ``text`` in at ``width``
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        return label.fontMetrics().boundingRect(0, 0, label._inner_width(width), 100_000, flags, wrappable(text)).height()

    line = label.fontMetrics().lineSpacing()
    assert label.fontMetrics().horizontalAdvance(name) > label._inner_width(label.width()), "wider than a line"
    assert drawn(label.width(), whole) < 3.5 * line, "the whole words fit in three lines as drawn: the case under test"
    assert label.text() == whole, "the name dropped though it fits"
    assert label.height() >= drawn(label.width(), whole)
    banner.resize(200, 300)  # too narrow for the name in three lines: the shorter words
    settle()
    assert label.text() == short
    wide = 600 - (banner.width() - label.width())
    assert label.heightForWidth(wide) >= drawn(wide, whole), "the height asked for a width where the name shows"


def test_the_fallback_banner_names_a_long_file_name_with_no_space_where_it_fits(qtbot, tmp_path, library, make_window):
    """``--data encounter_guide_update_2026_02_02_final_signed_by_supervisor_v2.json``, refused, at 800 × 600: the
    fallback banner said "The data pack could not be loaded" without its name, in two lines, where the whole words
    fit in its three (its label measured the name as one line past the edge; it draws it broken every 16 letters)."""
    from tests.ui.ui_helpers import settle

    name = "encounter_guide_update_2026_02_02_final_signed_by_supervisor_v2.json"
    path = tmp_path / name
    path.write_text('{"meta": ', encoding="utf-8")
    window = make_window(data=load_data(str(path), library))
    window.resize(800, 600)
    qtbot.mouseClick(window.problems_page.continue_button, Qt.MouseButton.LeftButton)
    settle()
    banner = next(b for b in window.banners if b.objectName() == "fallbackBanner")
    label = banner.text_label
    assert banner.isVisible() and label.text() == banner.text() and name in label.text(), label.text()
    assert label.height() >= label.heightForWidth(label.width()), "every line of it whole"
    assert label.heightForWidth(label.width()) < 4 * label.fontMetrics().lineSpacing(), "three lines at most"


def test_the_banners_room_follows_the_window_and_the_banners_shown(qtbot, make_window, settings):
    """The banners' area is as tall as its banners up to two fifths of the window: it must be asked again when the
    window's height changes (a larger window shows them all, a smaller one scrolls) and when a banner is put away
    (the area shrinks to the banners left, no blank band above the page)."""
    from PySide6.QtWidgets import QPushButton

    from tests.ui.ui_helpers import settle

    window = _window_with_two_notices_out_of_date(make_window, settings)
    window.resize(800, 600)
    window.set_text_step(6)
    settle()
    scroll = window.banner_scroll
    assert scroll.verticalScrollBar().isVisible(), "at the largest text on 800 × 600 they scroll: the case under test"
    window.resize(800, 800)
    settle()
    assert not scroll.verticalScrollBar().isVisible() and scroll.height() > 0.4 * 600, "all of them, whole"
    assert scroll.height() == scroll.heightForWidth(scroll.width())
    window.resize(800, 600)
    settle()
    assert scroll.verticalScrollBar().isVisible() and scroll.height() <= 0.4 * 600, "back to two fifths"

    window.resize(800, 700)  # all three and "OK all" in two fifths at the smallest text
    window.set_text_step(0)
    settle()
    before = scroll.height()
    assert not scroll.verticalScrollBar().isVisible()
    qtbot.mouseClick(window.findChild(QPushButton, "expiredOkButton"), Qt.MouseButton.LeftButton)
    settle()
    assert scroll.height() < before and scroll.height() == scroll.heightForWidth(scroll.width()), "no blank band"


def _window_with_many_notices(make_window, settings, count: int):
    """The window over the mini pack out of date, with ``count`` set-aside versions from the library (a bad key made
    every installed update unusable), as one start-up gives them."""
    from desktop.storage.pack_file import Notice

    return _window_with_notices(make_window, settings, [
        Notice(f"The installed data pack (data version {version}) could not be used and was set aside: bad "
               f"signature. It was moved to /home/officer/.local/share/encounter-guide/packs/set-aside/"
               f"{version}-20261206T081500.json.", version) for version in range(5, 5 + count)])


def _settings_now(settings) -> dict[str, object]:
    settings._qsettings.sync()
    return {key: settings._qsettings.value(key) for key in settings._qsettings.allKeys()}


@pytest.mark.parametrize(("theme", "step"), [("night", 6), ("day", 0)])
def test_many_notices_are_put_away_at_once_with_ok_all_from_the_keys(qtbot, make_window, settings, theme, step):
    """26 set-aside versions were 26 notices under the out-of-date one, each with its own OK: 27 presses (and 27
    scrolls) before Home was clear. Under them "OK all (27)" puts them all away at once: whole on the screen, in the
    banners' buttons' colours, reached with Tab after the banners and the cue, pressed with Enter, named for a screen
    reader with what it does; the page then has the focus, as after OK."""
    from desktop.ui.history import HOME
    from tests.ui.ui_helpers import activate, settle

    window = _window_with_many_notices(make_window, settings, 26)
    window.resize(800, 600)
    window.set_theme(theme)
    window.set_text_step(step)
    settle()
    activate(qtbot, window)
    button = window.ok_all_button
    assert button is not None and button.isVisible() and button.text() == "OK all (27)"
    assert "put away all 27 notices" in button.accessibleName() and button.accessibleName().startswith("OK all (27)")
    assert "shows again" in button.accessibleDescription(), "what OK means, told"
    assert button.width() >= button.sizeHint().width() and button.height() >= button.sizeHint().height(), "whole"
    central = window.centralWidget()
    top = button.mapTo(central, QPoint(0, 0))
    assert top.x() + button.width() <= central.width() and top.y() + button.height() <= window.stack.geometry().top()
    cue = window.banner_scroll.cue
    assert cue is not None and cue.isVisible(), "the cue beside it: the case under test"
    assert button.property("kind") == cue.property("kind") == "banner"
    colours = button.grab().toImage().pixelColor(button.width() // 2, 3).name()
    assert colours == cue.grab().toImage().pixelColor(cue.width() // 2, 3).name(), "the banners' buttons' colours"
    ok = [b for b in window.banners[-1].findChildren(QPushButton) if b.objectName() == "noticeOkButton"][0]
    assert ok.nextInFocusChain() is cue and cue.nextInFocusChain() is button, "Tab: the last OK, the cue, OK all"
    before = _settings_now(settings)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    settle()
    assert all(banner.isHidden() for banner in window.banners) and not window.banner_scroll.isVisible()
    assert not button.isVisible() and (cue is None or not cue.isVisible())
    assert window.current_kind() == HOME and window.focusWidget() is window.search_field, "Home's, as after OK"
    assert _settings_now(settings) == before, "nothing recorded, as after each OK"


def test_many_notices_do_not_lay_each_other_out_inside_a_resize(qtbot, make_window, settings, monkeypatch):
    """Hostile pass: 200 set-aside versions crashed the app at start-up (a segmentation fault) at the largest text.
    A notice's words, shortened inside its label's resize, showed its More there and then, which laid the banners
    out again at once and resized the next notice's label, whose More did the same: one resize nested in another
    down all the banners, until the stack ran out. Each More now follows after the resize: no resize of a notice
    is nested in another's, however many there are, and OK all still puts them all away."""
    from desktop.ui import widgets
    from tests.ui.ui_helpers import settle

    depth, deepest = [0], [0]
    resize = widgets.FittedLabel.resizeEvent

    def counted(label, event):
        depth[0] += 1
        deepest[0] = max(deepest[0], depth[0])
        try:
            resize(label, event)
        finally:
            depth[0] -= 1

    monkeypatch.setattr(widgets.FittedLabel, "resizeEvent", counted)
    window = _window_with_many_notices(make_window, settings, 40)
    window.resize(800, 600)
    window.set_theme("night")
    window.set_text_step(6)
    window.show()
    settle()
    assert deepest[0] == 1, f"a notice's resize nested {deepest[0]} deep"
    mores = [b for b in window.findChildren(QPushButton) if b.objectName() == "noticeMoreButton"]
    assert len(mores) == 40 and all(more.isVisibleTo(window) for more in mores), "each notice shortened, with More"
    assert window.ok_all_button is not None and window.ok_all_button.text() == "OK all (41)"
    window.set_text_step(0)
    settle()
    assert deepest[0] == 1
    qtbot.mouseClick(window.ok_all_button, Qt.MouseButton.LeftButton)
    settle()
    assert not any(banner.isVisible() for banner in window.banners)


def test_ok_all_shows_for_two_notices_or_more_and_counts_those_left(qtbot, make_window, settings):
    """One notice has its OK and no OK all; three have "OK all (3)", which counts down as each OK is pressed and goes
    at one."""
    from tests.ui.ui_helpers import settle

    window = _window_with_notice(make_window, "Update 7 could not be used and was set aside: bad signature.",
                                 settings, data_version=7)
    settle()
    assert [b.objectName() for b in window.banners if b.isVisible()] == ["noticeBanner"]
    assert window.ok_all_button is None or not window.ok_all_button.isVisible(), "one notice: its own OK"
    window = _window_with_many_notices(make_window, settings, 2)  # and the out-of-date one: three
    window.resize(1280, 800)
    settle()
    button = window.ok_all_button
    assert button is not None and button.isVisible() and button.text() == "OK all (3)"
    oks = [b for b in window.findChildren(QPushButton) if b.objectName().endswith("OkButton") and b.isVisible()]
    qtbot.mouseClick(oks[0], Qt.MouseButton.LeftButton)
    settle()
    assert button.isVisible() and button.text() == "OK all (2)"
    qtbot.mouseClick(oks[1], Qt.MouseButton.LeftButton)
    settle()
    assert not button.isVisible() and window.banner_scroll.isVisible(), "one left, with its own OK"
    assert not window.findChild(QWidget, "bannerCueRow").isVisible(), "no empty row under it"


def test_notices_put_away_with_ok_all_show_again_at_the_next_start_as_after_ok(qtbot, make_window, settings):
    """OK puts a notice away for the time the app is open: nothing is recorded, and a notice the next start gives
    again shows again. OK all means the same for each of them."""
    from tests.ui.ui_helpers import settle

    first = _window_with_many_notices(make_window, settings, 3)
    settle()
    shown = [b.text() for b in first.banners if b.isVisible()]
    assert len(shown) == 4
    qtbot.mouseClick(first.ok_all_button, Qt.MouseButton.LeftButton)
    settle()
    assert not any(b.isVisible() for b in first.banners)
    first.close()
    again = _window_with_many_notices(make_window, settings, 3)  # the next start: the library says the same
    settle()
    assert [b.text() for b in again.banners if b.isVisible()] == shown
    assert again.ok_all_button is not None and again.ok_all_button.text() == "OK all (4)"


def _cut_banners(scroll) -> list[QWidget]:
    """The shown banners partly in sight in ``scroll``: cut at its top or bottom edge."""
    viewport = scroll.viewport()
    cut = []
    for banner in (b for b in scroll.widget().findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                   if not b.isHidden()):
        top = banner.mapTo(viewport, QPoint(0, 0)).y()
        if top < viewport.height() and top + banner.height() > 0 and (top < 0 or top + banner.height() > viewport.height()):
            cut.append(banner)
    return cut


def test_ok_all_s_row_is_counted_in_the_banners_two_fifths(qtbot, make_window, settings):
    """At the smallest text on 800 × 600 the out-of-date banner and two notices fit in two fifths of the window, but
    not with "OK all (3)" under them: banners and row took 260 px of the 240, the row left out of the count. It is
    counted: the banners that fit with it show whole, and the cue beside it tells the rest."""
    from tests.ui.ui_helpers import settle

    window = _window_with_two_notices_out_of_date(make_window, settings)
    window.resize(800, 600)
    window.set_text_step(0)
    settle()
    scroll, button = window.banner_scroll, window.ok_all_button
    assert button is not None and button.isVisible() and button.text() == "OK all (3)"
    assert scroll.widget().height() <= 0.4 * window.height(), "the banners alone fit: the case under test"
    assert window.stack.geometry().top() - scroll.geometry().top() <= 0.4 * window.height(), "with OK all's row too"
    assert not _cut_banners(scroll)
    cue = scroll.cue
    assert cue is not None and cue.isVisible() and "1 more notice below" in cue.text()


@pytest.mark.parametrize("step", [0, 6])
def test_the_wheel_and_the_keys_scroll_the_banners_to_whole_banners_only(qtbot, make_window, settings, step):
    """The wheel, the arrow keys and Tab scrolled the banners by the pixel: 26 notices at 800 × 600 showed one cut in
    half at the area's top or bottom. Each stops with a banner's top at the area's top, and the cue counts what is
    out of sight; Tab brings the banner of the button it goes to whole into sight."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    from tests.ui.ui_helpers import settle

    window = _window_with_many_notices(make_window, settings, 26)
    window.resize(800, 600)
    window.set_text_step(step)
    settle()
    scroll = window.banner_scroll
    bar, viewport = scroll.verticalScrollBar(), scroll.viewport()

    def wheel(notches: int) -> None:
        middle = QPointF(viewport.width() / 2, viewport.height() / 2)
        event = QWheelEvent(middle, viewport.mapToGlobal(middle), QPoint(0, 0), QPoint(0, 120 * notches),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(viewport, event)
        settle()

    seen = set()
    qtbot.mouseClick(scroll.cue, Qt.MouseButton.LeftButton)  # the focus in a banner: the wheel scrolls away from it
    settle()
    for notches in (-1, -1, -1, 1, -2, 2):
        before = bar.value()
        wheel(notches)
        assert (bar.value() > before) == (notches < 0) and bar.value() != before, "scrolled the way turned"
        assert not _cut_banners(scroll), f"a banner cut at {bar.value()} px"
        seen.add(bar.value())
    shown = [b for b in window.banners if not b.isHidden()]
    for banner in shown:
        ok = next(b for b in banner.findChildren(QPushButton) if b.objectName().endswith("OkButton"))
        ok.setFocus()
        qtbot.keyClick(ok, Qt.Key.Key_Down)  # an arrow key on a banner's button: the area scrolls
        settle()
        assert not _cut_banners(scroll), f"a banner cut at {bar.value()} px after Down"
    first_ok = next(b for b in shown[0].findChildren(QPushButton) if b.objectName().endswith("OkButton"))
    first_ok.setFocus()
    bar.setValue(0)
    settle()
    for _ in range(12):  # Tab through the banners' buttons
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        settle()
        focus = QApplication.focusWidget()
        if not scroll.widget().isAncestorOf(focus):
            break
        holder = next(b for b in shown if b.isAncestorOf(focus))
        assert holder not in _cut_banners(scroll) and 0 <= holder.mapTo(viewport, QPoint(0, 0)).y() < viewport.height()
        assert not _cut_banners(scroll), f"a banner cut at {bar.value()} px after Tab"
    assert len(seen) >= 3, "the wheel moved from banner to banner"
    top = next(b for b in shown if b.mapTo(viewport, QPoint(0, 0)).y() >= 0)
    qtbot.mouseClick(next(b for b in top.findChildren(QPushButton) if b.objectName().endswith("OkButton")),
                     Qt.MouseButton.LeftButton)  # the banner at the top put away
    settle()
    assert top.isHidden() and not _cut_banners(scroll), "put away, the banners after it whole"
    for size, text_step in (((800, 500), step), ((800, 600), 6 - step)):  # a new window, a new text size
        window.resize(*size)
        window.set_text_step(text_step)
        settle()
        assert not _cut_banners(scroll), f"a banner cut at {bar.value()} px at step {text_step} on {size}"


def test_a_touch_scroll_of_the_banners_comes_to_rest_at_a_banner_s_top(qtbot, make_window, settings):
    """A drag or a flick on the banners moves them with the finger, and where it stops they go on to a banner's top:
    none is left cut at the area's edge, and none jumped while the finger moved."""
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QScroller

    from desktop.ui import widgets
    from tests.ui.ui_helpers import settle

    window = _window_with_many_notices(make_window, settings, 26)
    window.resize(800, 600)
    window.set_text_step(6)
    settle()
    widgets.first_frame_shown()  # touch scrolling set up, as after the first frame
    scroll = window.banner_scroll
    scroller = QScroller.scroller(scroll.viewport())
    values: list[int] = []
    scroll.verticalScrollBar().valueChanged.connect(values.append)
    scroller.scrollTo(QPointF(0, 150), 200)  # as a flick does: the scroller moves the content step by step
    qtbot.waitUntil(lambda: scroller.state() == QScroller.State.Inactive, timeout=5000)
    settle()
    assert values and values == sorted(values), f"moved with the scroller, one way, then on to a banner: {values}"
    assert not _cut_banners(scroll), f"a banner cut at {scroll.verticalScrollBar().value()} px"


@pytest.mark.parametrize(("size", "step"), [((1280, 800), 0), ((800, 600), 6)])
def test_the_cue_counts_the_notices_out_of_sight_at_start(qtbot, make_window, settings, size, step):
    """27 banners at start on 1280 × 800: three in sight, and the cue said "16 more notices below", counted at a
    height the area had on the way to its own (its scroll's range the same at both)."""
    from tests.ui.ui_helpers import settle

    window = _window_with_many_notices(make_window, settings, 26)
    window.resize(*size)
    window.set_text_step(step)
    settle()
    scroll = window.banner_scroll
    viewport = scroll.viewport()
    shown = [b for b in window.banners if not b.isHidden()]
    below = [b for b in shown if b.mapTo(viewport, QPoint(0, b.height())).y() > viewport.height()]
    assert len(below) == 27 - len(shown[: shown.index(below[0])]) and not _cut_banners(scroll)
    assert scroll.cue is not None and f"▼  {len(below)} more notices below" == scroll.cue.text()


def test_one_banner_taller_than_the_room_keeps_to_it_and_scrolls_through_its_words(qtbot, make_window, settings):
    """A banner whose whole words are taller than the banners' two fifths (a long note unfolded, at the largest text
    on 800 × 600) was shown whole: the window grew to 763 px, past the screen, with the page under it. It keeps to
    its room, the window to its size and Home's search box in sight; the wheel scrolls through its words (it does
    not jump past them to a banner's top), and no cue counts it as another notice out of sight."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    from tests.ui.ui_helpers import settle

    window = make_window(settings=settings)
    banner = window.add_banner("info", "Data version 7 was installed from the IT folder. " * 12, "inboxInstalledBanner")
    window.resize(800, 600)
    window.set_theme("night")
    window.set_text_step(6)
    settle()
    scroll = window.banner_scroll
    assert banner.height() > 0.4 * window.height(), "taller than the room: the case under test"
    assert window.height() == 600 and scroll.height() <= 0.4 * window.height()
    assert window.search_field.isVisible() and window.stack.geometry().top() >= scroll.geometry().bottom()
    assert scroll.cue is None or not scroll.cue.isVisible(), "one notice, in sight: nothing more to tell"
    viewport, bar = scroll.viewport(), scroll.verticalScrollBar()
    seen = []
    for _ in range(3):
        centre = QPointF(50, 50)
        QApplication.sendEvent(viewport, QWheelEvent(
            centre, QPointF(viewport.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, -120),
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False))
        settle()
        seen.append(bar.value())
    assert 0 < seen[0] < seen[1] < seen[2] <= bar.maximum(), f"scrolled through its words: {seen}"
    assert scroll.cue is None or not scroll.cue.isVisible()


def test_the_cue_above_is_on_the_screen_whenever_it_says_it_is_visible(qtbot, make_window, settings):
    """With a last banner taller than the room (a long note unfolded, at the largest text on 800 × 600) the area
    showed it whole and the window grew to 761 px, past the screen; scrolled to it, the cue still said "▼ 1 more
    notice below" of the banner in sight, and never told the two above. Scrolled to it, the cue says what is above,
    the window keeps to the screen, and the cue is whole in it, between the banners and the page."""
    from tests.ui.ui_helpers import settle

    window = _window_with_two_notices_out_of_date(make_window, settings)
    window.add_banner("info", "Data version 7 was installed from the IT folder. " * 12, "inboxInstalledBanner")
    window.resize(800, 600)
    window.set_text_step(6)
    settle()
    scroll = window.banner_scroll
    cue = scroll.cue
    assert cue is not None and cue.isVisible()
    for _ in range(len(window.banners)):
        qtbot.mouseClick(cue, Qt.MouseButton.LeftButton)
        settle()
        if "above" in cue.text():
            break
    assert cue.isVisible() and "above" in cue.text(), "scrolled to the last: the case under test"
    assert window.height() == 600, "the window keeps to the screen"
    central = window.centralWidget()
    top = cue.mapTo(central, QPoint(0, 0)).y()
    assert scroll.geometry().bottom() < top and top + cue.height() <= window.stack.geometry().top() <= central.height()
    assert cue.visibleRegion().boundingRect() == cue.rect(), "the cue whole where it says it is"


def test_the_cue_takes_the_focus_to_a_tall_banners_button_only_where_it_is_in_sight(qtbot, make_window, settings):
    """The cue scrolls the next banner's top into sight and gives its first button the focus. A banner taller than
    the room (a long notice at the largest text on 800 × 600) has its OK below the area's edge then: the focus went
    to a button no one could see, and Enter put away a notice whose end was never shown. The focus stays on the cue
    then, in sight; Shift+Tab reaches the OK, scrolled into sight through the banner's words."""
    from tests.ui.ui_helpers import settle

    window = make_window(settings=settings)
    short = window.add_banner("info", "A short notice.", "shortBanner")
    window._add_dismiss(short, "shortOk", "OK, short notice")
    tall = window.add_banner("info", "Data version 7 was installed from the IT folder. " * 12, "inboxInstalledBanner")
    tall_ok = window._add_dismiss(tall, "tallOk", "OK, data installed")
    window.resize(800, 600)
    window.set_text_step(6)
    settle()
    scroll = window.banner_scroll
    viewport, cue = scroll.viewport(), scroll.cue
    assert tall.height() > viewport.height() and cue is not None and cue.isVisible(), "the case under test"

    def wholly_seen(widget: QWidget) -> bool:
        if not (widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()):
            return False
        if not viewport.isAncestorOf(widget):  # the cue, under the banners' area
            return True
        top = widget.mapTo(viewport, QPoint(0, 0)).y()
        return 0 <= top <= top + widget.height() <= viewport.height()

    cue.setFocus()
    qtbot.keyClick(cue, Qt.Key.Key_Return)
    settle()
    assert tall.mapTo(viewport, QPoint(0, 0)).y() >= 0, "the banner's top in sight"
    focused = QApplication.focusWidget()
    assert focused is not None and wholly_seen(focused), f"the focus on {focused.objectName()}, out of sight"
    assert focused is cue and not wholly_seen(tall_ok)
    qtbot.keyClick(cue, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    settle()
    assert QApplication.focusWidget() is tall_ok and wholly_seen(tall_ok), "Shift+Tab: the OK, in sight"
