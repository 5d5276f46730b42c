"""Handouts as PDF (Qt's own writer): a page per scenario in the booklet (two for a long one), verdict words and
citations in the text (read back with pypdf), readable without colour."""

from __future__ import annotations

import dataclasses
import io
import logging
import re
import shutil
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader

from desktop.domain import outline, wizard
from desktop.domain.model import (
    NOTES_HEADING,
    VERDICT_LABELS,
    Choice,
    Citation,
    Outcome,
    Question,
    Scenario,
    plain_spaces,
    unbroken,
)
from desktop.domain.pdf_bookmarks import Bookmark, PdfBookmarkError
from desktop.ui import handout
from desktop.ui.handout import HandoutError
from tests.conftest import BUNDLED_PACK
from tests.helpers import pdf_outline


def _joined(text: str) -> str:
    """pypdf reads a space where Qt starts a new run at a citation's word joiner ("2-173-020(a) (3)"); poppler
    and viewers read "2-173-020(a)(3)"."""
    return text.replace(") (", ")(").replace("- (", "-(")


def _pages(path) -> list[str]:
    """Each page's text, ligatures unfolded and whitespace collapsed (PDF text comes in runs)."""
    reader = PdfReader(str(path))
    return [_joined(" ".join(unicodedata.normalize("NFKC", page.extract_text()).split())) for page in reader.pages]


def test_booklet_has_one_page_per_scenario_with_verdicts_and_citations(qapp, mini_pack, tmp_path):
    target = tmp_path / "booklet.pdf"
    pages = handout.write_booklet_pdf(mini_pack, target)
    texts = _pages(target)
    scenarios = [s.scenario_id for s in mini_pack.scenarios if not s.subflow]
    order = handout.booklet_pages(mini_pack)
    assert order == scenarios + ["SAFETY", "PAPER"], "then the shared steps they use, once each"
    assert pages == len(texts) == 1 + len(order) == 5, "the contents, then a page each"
    assert _contents(texts, mini_pack, order) == {"S08": 2, "S10": 3, "SAFETY": 4, "PAPER": 5}
    texts = texts[1:]
    for text, sid in zip(texts, order, strict=True):
        assert mini_pack.scenario(sid).title in text
        assert "KEY QUESTIONS" in text and "OUTCOMES IN BRIEF" in text
        for outcome in mini_pack.scenario(sid).outcomes:
            assert outcome.verdict_label in text and outcome.headline in text
            for cite in outcome.cites:
                assert mini_pack.citation_text(cite) in text
        assert f"Data version {mini_pack.meta.data_version}" in text
    # every outcome a scenario can reach is on its page or on the page of a shared step it names
    for sid, text in zip(scenarios, texts, strict=False):
        for path in wizard.enumerate_paths(mini_pack, sid):
            page = order.index(path.outcome_scenario)
            assert path.outcome.headline in texts[page]
            if page != order.index(sid):
                assert f"page {page + 2}" in text
    assert "Is anyone in immediate danger or hurt?" in texts[0]
    assert "shared step “What paper are they holding?”, page 5" in texts[0]
    assert texts[3].startswith("Shared step: What paper are they holding?") and "part of S08" in texts[3]
    assert "EO 2025-8 ⚠" in texts[1] and "contested, in litigation, superseded, unverified or rescinded" in texts[1], "cautions are printed"
    assert target.stat().st_mode & 0o044, "a handout is an ordinary document, not a private temp file"


def test_a_handout_saved_over_a_link_is_written_where_the_link_points(qapp, mini_pack, tmp_path):
    """Saving a handout onto a link (to the copy in a shared training folder) put a file in the link's place."""
    shared = tmp_path / "shared" / "s08.pdf"
    shared.parent.mkdir()
    shared.write_bytes(b"%PDF- last month")
    link = tmp_path / "s08.pdf"
    link.symlink_to(shared)
    pages = handout.write_scenario_pdf(mini_pack, "S08", link)
    assert link.is_symlink(), "the link is kept"
    assert len(_pages(shared)) == pages, "the shared copy is the new handout"


def test_scenario_handout_has_every_path_and_outcome(qapp, mini_pack, tmp_path):
    target = tmp_path / "s08.pdf"
    pages = handout.write_scenario_pdf(mini_pack, "S08", target)
    texts = _pages(target)
    assert pages == len(texts) >= 1
    text = " ".join(texts)
    paths = wizard.enumerate_paths(mini_pack, "S08")
    assert f"{len(paths)} paths lead to 5 outcomes" in text
    for p in paths:
        for step in p.steps:
            assert step.label in text
        assert p.outcome.verdict_label in text and p.outcome.rationale in text
        for item in p.outcome.do + p.outcome.do_not:
            assert item in text
        for cite in p.outcome.cites:
            assert mini_pack.citation_text(cite) in text
    assert "Test data. Not legal advice." in text
    assert f"Page {pages} of {pages}" in texts[-1]


def test_errors(qapp, mini_pack, tmp_path):
    with pytest.raises(HandoutError, match="no scenario 'S99'"):
        handout.write_scenario_pdf(mini_pack, "S99", tmp_path / "x.pdf")
    with pytest.raises(HandoutError, match="no scenario"):
        handout.write_booklet_pdf(mini_pack, tmp_path / "x.pdf", ["S08", "NOPE"])
    with pytest.raises(HandoutError, match="no scenarios"):
        handout.write_booklet_pdf(mini_pack, tmp_path / "x.pdf", [])
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(HandoutError, match="could not write"):
        handout.write_booklet_pdf(mini_pack, blocker / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def _huge_scenario(scenario_id: str) -> Scenario:
    """Nine questions of nine answers each: 81 long outcomes, far more than a page holds at any size."""
    nodes: list = [Question("q0", "Which of these happened first? " * 3,
                            tuple(Choice(f"k{i}", f"Answer {i} with a fairly long label", next=f"q{i}")
                                  for i in range(1, 10)))]
    for i in range(1, 10):
        nodes.append(Question(f"q{i}", f"Follow-up question number {i}, worded at some length?",
                              tuple(Choice(f"k{j}", f"Sub-answer {i}.{j}", next=f"o{i}{j}") for j in range(1, 10))))
        for j in range(1, 10):
            nodes.append(Outcome(f"o{i}{j}", ("refer", "permitted", "not_permitted", "required")[j % 4],
                                 f"Outcome {i}.{j}: a headline long enough to wrap onto a second line on the page.",
                                 (f"Do the thing for {i}.{j}",), (), (), (), (), "Because.",
                                 (Citation("IL-TRUST-15a", "(a)"),)))
    return Scenario(scenario_id, f"Huge scenario {scenario_id}", "Stress", "Too big for one page.", (), "q0",
                    False, tuple(nodes))


def test_booklet_runs_a_huge_scenario_on_in_brief_at_a_readable_size(qapp, mini_pack, tmp_path):
    """81 outcomes: far more than two pages in full, so in brief, on as many pages as it takes, never in
    type under the readable size (it was squeezed onto one page, drawn scaled down)."""
    pack = dataclasses.replace(mini_pack, scenarios=mini_pack.scenarios + (_huge_scenario("BIG"),))
    target = tmp_path / "big.pdf"
    progress = []
    pages = handout.write_booklet_pdf(pack, target, progress=lambda done, total: progress.append((done, total)))
    texts = _pages(target)
    assert pages == len(texts) > 6  # the contents, S08, S10, BIG on several pages, then the shared steps
    assert progress == [(n, 10) for n in range(1, 11)], "each scenario and shared step laid out, then drawn"
    # after the contents, S08 and S10, BIG starts on page 4, a left-hand page: no notes page comes first
    assert not any(text.startswith("Notes ") for text in texts)
    big = [n for n, text in enumerate(texts) if text.startswith("Huge scenario BIG")]
    assert big == list(range(3, 3 + len(big))) and len(big) > 2
    assert _contents(texts, pack, handout.booklet_pages(pack))["BIG"] == 4
    assert "Large scenario, in brief" in texts[big[0]] and "Outcome 9.9" in texts[big[-1]]
    assert texts[big[1]].startswith("Huge scenario BIG (BIG, continued from page 4)"), texts[big[1]][:80]
    for n in big[2:]:  # each names the page before it, and where BIG starts (it named page 4 on each)
        assert texts[n].startswith(f"Huge scenario BIG (BIG, continued from page {n}; it starts on page 4)"), texts[n][:80]
    assert min(_type_sizes(target)) >= handout.READABLE_POINT_SIZE - PIXEL_PT
    _check_page_numbers(texts)


def test_the_booklet_opens_with_contents_giving_the_page_each_entry_starts_on(qapp, mini_pack, tmp_path):
    """A booklet of some fifty pages had no contents: a trainer or officer holding it could not find a
    situation. Its first page lists every entry, in the booklet's order, by id and title, with the page it
    starts on (an entry run on over several pages, and the notes page before it, counted), under the pack's
    edition and the caution mark's legend, as the pages give them, and above the pack's disclaimer."""
    pack = dataclasses.replace(mini_pack, scenarios=(*mini_pack.scenarios[:3], _huge_scenario("BIG"),
                                                     *mini_pack.scenarios[3:]))  # after S08, before S10
    order = handout.booklet_pages(pack)
    assert order == ["S08", "BIG", "S10", "SAFETY", "PAPER"]
    target = tmp_path / "booklet.pdf"
    pages = handout.write_booklet_pdf(pack, target)
    texts = _pages(target)
    contents = _contents(texts, pack, order)
    assert texts[2].startswith("Notes ") and texts[-2].startswith("Shared step: ")
    assert contents == {"S08": 2, "BIG": 4, "S10": pages - 2, "SAFETY": pages - 1, "PAPER": pages}
    assert not texts[1].startswith(handout.CONTENTS_TITLE), "one page of contents"
    assert handout.CAUTION_LEGEND in texts[0]
    assert " ".join(pack.meta.disclaimer.split()) in texts[0]
    assert _type_sizes(target, pages=1) == [pytest.approx(handout.BOOKLET_POINT_SIZES[0], abs=PIXEL_PT)], \
        "a short contents in the booklet's largest type"
    _check_page_numbers(texts)


def test_contents_on_two_pages_still_give_the_pages_entries_start_on(qapp, mini_pack, tmp_path):
    """Thirty more situations with long titles need two pages of contents: every entry moves on one more
    page, and the contents, the page numbers each page prints ("shared step …, page N"), the "continued
    from page N" notes of a scenario run on over several pages and the footers all agree."""
    base = mini_pack.scenario("S10")
    extra = tuple(dataclasses.replace(base, scenario_id=f"X{n:02d}", title=f"Extra situation {n}: agents ask for help "
                                      "with something long enough to need two lines of contents at any size")
                  for n in range(30))
    pack = dataclasses.replace(mini_pack, scenarios=(*mini_pack.scenarios, *extra[:14], _huge_scenario("BIG"), *extra[14:]))
    order = handout.booklet_pages(pack)
    assert order[:3] == ["S08", "S10", "X00"] and order.index("BIG") == 16
    target = tmp_path / "booklet.pdf"
    pages = handout.write_booklet_pdf(pack, target)
    texts = _pages(target)
    assert pages == len(texts)
    contents = _contents(texts, pack, order)
    assert contents[order[0]] == 3, "after two pages of contents"
    big = contents["BIG"]
    assert big % 2 == 0 and texts[big - 2].startswith("Notes "), "a left-hand page, a notes page before it"
    assert texts[big].startswith(f"Huge scenario BIG (BIG, continued from page {big})")
    assert texts[big + 1].startswith(f"Huge scenario BIG (BIG, continued from page {big + 1}; it starts on page {big})")
    assert min(_type_sizes(target, pages=2)) >= handout.READABLE_POINT_SIZE - PIXEL_PT
    _check_page_numbers(texts)


def test_ensure_gui_application_reuses_the_running_one(qapp):
    assert handout.ensure_gui_application() is qapp


PIXEL_PT = 72 / handout.RESOLUTION  # Qt sets type in whole device pixels: 8 pt prints as 7.92 pt


def _type_sizes(path, pages: int | None = None) -> list[float]:
    """The size, in points, of the type of each page's text as printed (the footer left out); of the first
    ``pages`` only, if given."""
    sizes = []
    for page in PdfReader(str(path)).pages[:pages]:
        found: list[float] = []

        def visit(text, cm, tm, _font, size, found=found):
            words = " ".join(text.split())
            if not words or words.startswith("Encounter Guide") or re.fullmatch(r"Page \d+ of \d+", words):
                return
            # the font's size, scaled by the text matrix and then the page's (a page drawn scaled down)
            scale = ((tm[2] * cm[0] + tm[3] * cm[2]) ** 2 + (tm[2] * cm[1] + tm[3] * cm[3]) ** 2) ** 0.5
            found.append(size * scale)

        page.extract_text(visitor_text=visit)
        sizes.append(min(found))
    return sizes


def _footer_sizes(path) -> list[float]:
    """The size, in points, of each footer's type as printed (see _type_sizes)."""
    found: list[float] = []
    for page in PdfReader(str(path)).pages:

        def visit(text, cm, tm, _font, size):
            words = " ".join(text.split())
            if words.startswith("Encounter Guide") or re.fullmatch(r"Page \d+ of \d+", words):
                found.append(size * ((tm[2] * cm[0] + tm[3] * cm[2]) ** 2 + (tm[2] * cm[1] + tm[3] * cm[3]) ** 2) ** 0.5)

        page.extract_text(visitor_text=visit)
    return found


def test_footers_are_set_no_smaller_than_the_text_and_fit_their_line(qapp, mini_pack, tmp_path):
    """The footers, with the data version and "as of" date that show a printout's age, were set in 7 pt,
    under the 8 pt the text above them is never set below. They are 8 pt now, and still fit one line."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QFont, QFontMetricsF

    handout.write_booklet_pdf(mini_pack, tmp_path / "booklet.pdf")
    handout.write_scenario_pdf(mini_pack, "S08", tmp_path / "s08.pdf")
    for name in ("booklet.pdf", "s08.pdf"):
        sizes = _footer_sizes(tmp_path / name)
        assert len(sizes) >= 2 and min(sizes) >= handout.READABLE_POINT_SIZE - PIXEL_PT, (name, sizes)
    # the longest footer there is: a long data version, hundreds of pages
    buffer = QBuffer(QByteArray())
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = handout._new_writer(buffer, "test")
    font = QFont()
    font.setPointSizeF(handout.FOOTER_POINT_SIZE)
    metrics = QFontMetricsF(font, writer)
    long_pack = dataclasses.replace(mini_pack, meta=dataclasses.replace(mini_pack.meta, data_version=99999))
    left = f"Encounter Guide quick reference · {handout._edition(long_pack)}"
    right = "Page 999 of 999"
    assert metrics.horizontalAdvance(left) + metrics.horizontalAdvance(f"  {right}") <= writer.width()


def _footer_runs(path, page: int = 0) -> tuple[tuple[float, str], tuple[float, str]]:
    """A page's footer as printed: where its left words start and what they say, and the same of its page
    number (x in the writer's units, as QFontMetricsF(font, writer) measures)."""
    runs: list[tuple[float, str]] = []

    def visit(text, _cm, tm, _font, _size):
        words = " ".join(text.split())
        if words.startswith("Encounter Guide") or re.fullmatch(r"Page \d+ of \d+", words):
            runs.append((tm[4], words))

    PdfReader(str(path)).pages[page].extract_text(visitor_text=visit)
    left, right = sorted(runs)
    return left, right


def test_a_long_situation_id_is_shortened_in_the_footer_never_printed_over_the_page_number(qapp, tmp_path):
    """A situation's id may have 80 characters. "Encounter Guide · <its id> · Data version …, as of …" then ran
    under "Page 1 of 3", and in 8 pt the "as of" date that shows a printout's age was printed over. The id is
    shortened in its middle where the line would not fit; the data version and its date are always whole."""
    import json

    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QFont, QFontMetricsF

    from desktop.domain.codec import pack_from_tables
    from tests.helpers import mini_tables

    long_id = "CPD-IMMIGRATION-DETAINER-RELEASE-FROM-CUSTODY-WITHOUT-A-JUDICIAL-WARRANT-2026-08"
    assert len(long_id) == 80, "the longest id data/schema.json allows"
    tables = json.loads(json.dumps(mini_tables()).replace('"S08"', json.dumps(long_id)))
    tables["meta"]["1"]["data_version"] = 99999
    pack = pack_from_tables(tables)
    handout.write_scenario_pdf(pack, long_id, tmp_path / "long.pdf")
    buffer = QBuffer(QByteArray())
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    font = QFont()
    font.setPointSizeF(handout.FOOTER_POINT_SIZE)
    metrics = QFontMetricsF(font, handout._new_writer(buffer, "test"))
    (left_x, left), (right_x, right) = _footer_runs(tmp_path / "long.pdf")
    assert right.startswith("Page 1 of ")
    assert left_x + metrics.horizontalAdvance(left) < right_x, f"{left!r} runs under {right!r}"
    assert left.endswith(f" · {handout._edition(pack)}"), "the data version and its date, whole"
    assert left.startswith("Encounter Guide · "), left
    head, tail = left.removeprefix("Encounter Guide · ").removesuffix(f" · {handout._edition(pack)}").split("…")
    assert head and tail and long_id.startswith(head) and long_id.endswith(tail), "the id's start and end"


def _check_page_numbers(texts: list[str]) -> None:
    """Each page's footer numbers it, and every page a booklet page sends the reader to starts with what
    it names: a shared step or situation, or the start of the scenario a page carries on."""
    for n, text in enumerate(texts, 1):
        assert f"Page {n} of {len(texts)}" in text

    def starts_with_title(page: str, title: str) -> bool:  # a line may break after a hyphen ("public- safety")
        bare = "".join(texts[int(page) - 1].split())
        return bare.startswith(("".join(f"Shared step: {title}".split()), "".join(title.split())))

    checked = 0
    for n, text in enumerate(texts, 1):
        for title, page in re.findall(r"(?:shared step|situation [A-Z0-9]+) “([^”]+)”, page (\d+)", text):
            assert starts_with_title(page, title), (title, page)
            checked += 1
        for match in re.finditer(r"^(.+?) \(([A-Z0-9]+), continued from page (\d+)(?:; it starts on page (\d+))?\)", text):
            title, sid, page, start = match.groups()
            assert int(page) == n - 1, "it carries on from the page before it"
            if start is not None:  # the page before carries it on too, from where it starts
                assert texts[int(page) - 1].startswith(f"{title} ({sid}, continued from page "), (title, page)
                page = start
            assert starts_with_title(page, title), (title, page)
            assert f"{sid} · " in texts[int(page) - 1]
            checked += 1
    assert checked


def _unhyphened(text: str) -> str:
    """A line broken after a hyphen reads "public- safety" in the PDF's text."""
    return re.sub(r"(?<=\w-) (?=\w)", "", text)


def _contents(texts: list[str], pack, order: list[str]) -> dict[str, int]:
    """The page each booklet entry starts on, as the contents at the booklet's front list it: every entry in
    ``order``, in that order, by id and title. Checks that each of those pages starts with its entry, and
    that each page of the contents after the first says whose it is and where it carries on from."""
    count = next(n for n, text in enumerate(texts) if not text.startswith(handout.CONTENTS_TITLE))
    assert count >= 1, "the contents come first"
    assert texts[0].startswith(f"{handout.CONTENTS_TITLE} {handout._edition(pack)}"), texts[0][:120]
    for n in range(1, count):
        starts = "" if n == 1 else "; it starts on page 1"
        assert texts[n].startswith(f"{handout.CONTENTS_TITLE} (continued from page {n}{starts})"), texts[n][:80]
    text = _unhyphened(" ".join(texts[:count]))
    found: dict[str, int] = {}
    at = 0
    for sid in order:
        title = _unhyphened(pack.scenario(sid).title)
        match = re.compile(rf"\b{re.escape(sid)} (?:Shared step: )?{re.escape(title)} (\d+)\b").search(text, at)
        assert match, f"{sid} is in the contents, after the entry before it"
        found[sid] = int(match.group(1))
        at = match.end()
    for sid, page in found.items():
        start = "".join(texts[page - 1].split())
        title = "".join(pack.scenario(sid).title.split())
        assert start.startswith((title, f"Sharedstep:{title}")), (sid, page, texts[page - 1][:80])
        assert f"{sid} · " in texts[page - 1], (sid, page)
    assert list(found.values()) == sorted(found.values())
    return found


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_bundled_booklet_is_set_in_readable_type_and_its_page_numbers_hold(qapp, bundled, tmp_path):
    """PAPER's 20 outcomes were set at 6.5 pt, then drawn scaled down: too small to read on paper. No
    page is set under the readable size now; a scenario that needs smaller type runs on to another page,
    named at its top, and the pages after it, the footers and every "page N" move with it."""
    pack = bundled.pack
    target = tmp_path / "booklet.pdf"
    order = handout.booklet_pages(pack)
    pages = handout.write_booklet_pdf(pack, target)
    texts = _pages(target)
    assert min(_type_sizes(target)) >= handout.READABLE_POINT_SIZE - PIXEL_PT
    assert pages == len(texts) > len(order), "some scenarios take two pages"
    starts = [n for n, text in enumerate(texts)
              if "continued from page" not in text.split(" · ")[0] and not text.startswith(("Notes ", "Contents "))]
    assert len(starts) == len(order)
    assert _contents(texts, pack, order) == {sid: n + 1 for sid, n in zip(order, starts, strict=True)}
    for n, sid in zip(starts, order, strict=True):
        scenario = pack.scenario(sid)
        text = texts[n]
        assert text.startswith(("Shared step: " + scenario.title, scenario.title)) and f"{sid} · " in text
        following = [t for t in texts[n + 1:] if t.startswith(f"{scenario.title} ({sid}, continued from page {n + 1})")]
        assert len(following) <= 1, "at most one more page in full"
        whole = " ".join([text, *following])
        assert all(o.verdict_label in whole and o.headline in whole for o in scenario.outcomes), sid
    paper = order.index("PAPER")
    assert texts[starts[paper] + 1].startswith("What paper are they holding? (PAPER, continued from page")
    _check_page_numbers(texts)


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_booklet_entry_on_two_pages_starts_on_a_left_hand_page(qapp, bundled, tmp_path):
    """S06, S11, S12, S22 and S23 started on odd pages, right-hand pages printed double-sided: their second
    page was on the back of the first. Each starts on an even page now, facing its second; a notes page,
    saying so, comes before it where it would have started on an odd page, and nowhere else."""
    target = tmp_path / "booklet.pdf"
    handout.write_booklet_pdf(bundled.pack, target)
    texts = _pages(target)
    continued = {int(page) for text in texts for page in re.findall(r"^.+? \([A-Z0-9]+, continued from page (\d+)\)", text)}
    assert len(continued) >= 5
    assert all(page % 2 == 0 for page in continued), sorted(continued)
    notes = [n for n, text in enumerate(texts, 1) if text.startswith("Notes ")]
    assert notes and all(n + 1 in continued for n in notes), (notes, sorted(continued))
    for n in notes:
        sid = re.search(r"This page is left for notes\. ([A-Z0-9]+), ", texts[n - 1]).group(1)
        assert f"{sid} · " in texts[n], "the entry it names starts on the next page"
    _check_page_numbers(texts)


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_reason_for_care_is_printed_once_for_the_citations_that_share_it(bundled):
    """One lawsuit noted word for word on four sections of the ordinance was printed four times, a page
    of repeats; it is printed once, naming the four."""
    pack = bundled.pack
    outcome = next(x.outcome for x in handout.outline(pack, "S08").outcomes if x.ref == "A")
    cautions = handout.outcome_cautions(pack, outcome.cites)
    reasons = [caution.split(": ", 1)[1] for caution in cautions]
    assert len(reasons) == len(set(reasons)), "a reason printed twice"
    shared = next(c for c in cautions
                  if c.startswith(f"{unbroken('MCC 2-173-020(a)(1)(C)')}, {unbroken('MCC 2-173-020(a)(3)')}"))
    assert " are in litigation: " in shared and f" and {unbroken('MCC 2-173-020(a)(5)')} are " in shared
    # the suit by its citation, as on the provision's page, not by the pack's id for it ("see LIT-USvIL-2025")
    assert shared.endswith("(see U.S. v. Illinois, No. 1:25-cv-01285 (N.D. Ill.)). The ordinance remains in force.")
    named = " ".join(cautions)
    for cite in outcome.cites:  # every citation that needs care is still named, whole on its line
        if handout.caution_words(pack, cite):
            assert unbroken(pack.citation_text(cite)) in named, cite


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_an_outcome_heading_sits_with_the_list_under_it(qapp, bundled):
    """"Do:" had a blank line under it and none above, so it read as the end of the list before it."""
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(handout.scenario_handout_html(bundled.pack, "S08"))
    document.setTextWidth(600)
    layout = document.documentLayout()
    blocks, block = [], document.begin()
    while block.isValid():
        blocks.append((block.text(), layout.blockBoundingRect(block)))
        block = block.next()
    heading = next(i for i, (text, _) in enumerate(blocks) if text == "Do not:")
    above = blocks[heading][1].top() - blocks[heading - 1][1].bottom()
    below = blocks[heading + 1][1].top() - blocks[heading][1].bottom()
    assert below < above, (above, below)


#: The labels over an outcome's lists (wizard.outcome_text)
_LIST_LABELS = frozenset(f"{title}:" for title in ("Do", "Do not", "Say", "Document", "Notify"))


def _heading_extents(doc) -> list[tuple[float, float]]:
    """Each heading's extent in a laid-out handout, found by its words: a section's title (in capitals, with
    the short lead-in under it), an outcome's title ("C. REQUIRED — Stop the attack …", with where it comes
    from) and the labels over an outcome's lists ("Do:")."""
    from PySide6.QtGui import QTextCursor

    layout = doc.documentLayout()
    extents: list[tuple[float, float]] = []
    under_section = False
    block = doc.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        text = plain_spaces(block.text())
        in_table = QTextCursor(block).currentTable() is not None
        if under_section and text and not in_table:  # the section's lead-in
            extents[-1] = (extents[-1][0], rect.bottom())
        under_section = False
        if not in_table and (text in _LIST_LABELS or re.match(r"[A-Z]+\. [A-Z ]+ — ", text) or text.isupper()):
            extents.append((rect.top(), rect.bottom()))
            under_section = text.isupper()
        block = block.next()
    return extents


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_no_page_ends_inside_a_path_row_or_after_a_heading(qapp, bundled, tmp_path):
    """S01's handout cut path 56's verdict into "AC: CALL" at a page's foot and "SUPERVISOR" at the next
    page's head, and an outcome's title line ran over a page's end (pdftotext printed it twice). Pages now
    end between rows or paragraphs, never right after a heading (a section's title kept its table,
    an outcome's title its lists); and the paths name their questions by number. An outcome's title on three
    lines (S01's G, with the shared step it comes from in S31's and FORCE's) ended a page, its "Do:" list
    on the next."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    pack = bundled.pack
    buffer = QBuffer(QByteArray())
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = handout._new_writer(buffer, "test")
    checked_headings = 0
    for scenario_id in ("S01", "S11", "S23"):
        doc = handout._document(writer, handout.scenario_handout_html(pack, scenario_id), handout.HANDOUT_POINT_SIZE,
                                float(writer.width()))
        laid = handout._scan(doc)
        cuts, rows, headings = laid.cuts, laid.rows, _heading_extents(doc)
        assert len(rows) > 10 and headings
        for share, reserved in [(0.6, 0), (0.73, 0), (0.81, 0), (0.9, 0), (1.0, 0), (0.81, 0.1), (1.0, 0.3)]:
            # page heights that put the page ends in different places; some pages with room kept at the top
            page_height = writer.height() * share

            def reserve(page, _top, page_height=page_height, reserved=reserved):
                return page_height * reserved if page % 2 else 0.0

            tops = handout.page_tops(doc, page_height, reserve)
            assert len(tops) > 3
            for page, (top, bottom) in enumerate(zip(tops, [*tops[1:], doc.size().height()], strict=True)):
                assert bottom - top <= page_height - reserve(page, top) + 0.5
            for top in tops[1:]:
                assert top in cuts, "a page starts where a paragraph, a line or a row starts"
                assert not any(r_top < top < r_bottom for r_top, r_bottom in rows), "inside a table row"
                # what follows a heading starts within a few pixels of its foot: never a page's top there
                assert not any(h_top < top <= h_bottom + 30 for h_top, h_bottom in headings), (scenario_id, share)
            checked_headings += len(headings)
    assert checked_headings > 50
    html = handout.scenario_handout_html(pack, "S01")
    assert "Q1 → <b>" in html and html.count(pack.scenario("S01").node("danger").prompt) <= 2


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_the_scenario_handout_writes_every_page(qapp, bundled, tmp_path):
    target = tmp_path / "s01.pdf"
    pages = handout.write_scenario_pdf(bundled.pack, "S01", target)
    texts = _pages(target)
    assert pages == len(texts) and f"Page {pages} of {pages}" in texts[-1]
    whole = " ".join(texts)
    for outcome in bundled.pack.scenario("S01").outcomes:
        assert outcome.headline[:40] in whole


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_every_outcome_the_map_points_to_shows_its_verdict(bundled):
    """S01's decision map ended an answer with a bare "→ Q": outcome Q, printed like a question with its
    number missing and without its verdict. Outcomes skip Q, and every outcome target carries its verdict."""
    pack = bundled.pack
    html = handout._questions_html(pack, handout.outline(pack, "S01"), with_help=True)  # the decision map
    assert html in handout.scenario_handout_html(pack, "S01")
    targets = re.findall(r"→ <b>([^<]*)</b>", html)
    assert len(targets) > 40
    for target in targets:
        assert re.fullmatch(r"Q[0-9]+", target) or re.fullmatch(r"[A-PR-Z]+ \([A-Z ]+\)", target), target
    assert "Join a wider operation mixing criminal and immigration arrests → <b>R (CALL SUPERVISOR)</b>" in html


def _page_lines(path) -> list[list[str]]:
    """Each page's lines of text, the footer left out."""
    pages = []
    for page in PdfReader(str(path)).pages:
        lines = (" ".join(unicodedata.normalize("NFKC", line).split()) for line in page.extract_text().splitlines())
        pages.append([line for line in lines if line and not line.startswith(("Encounter Guide", "Page "))])
    return pages


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_each_line_is_in_the_pdf_once_not_on_both_sides_of_a_page_break(qapp, bundled, tmp_path):
    """The lines at a page break were drawn on both pages ("Do not:" at the foot of page 9 and the head of
    page 10), clipped out of sight but still in the PDF's text: search, copy and screen readers met them
    twice. Qt draws a whole paragraph that meets a page's clip, and lines of it above the clip too."""
    for scenario_id in ("S01", "S11", "S23"):
        target = tmp_path / f"{scenario_id}.pdf"
        handout.write_scenario_pdf(bundled.pack, scenario_id, target)
        # the steps of the tree of paths repeated at a page's top, on purpose, are left out (each checked)
        pages = [lines for _row, _repeated, lines in _continued_pages(bundled.pack, scenario_id, target)]
        assert len(pages) > 3
        for n, (page, following) in enumerate(zip(pages, pages[1:], strict=False), 1):
            assert page and following
            for k in range(1, 4):
                assert page[-k:] != following[:k], (scenario_id, n, following[:k])
            assert page[-1] not in following[:3], (scenario_id, n, page[-1])
        # and nothing is lost at a break: every outcome's last "Notify" line is still printed
        text = "\n".join(line for page in pages for line in page)
        for outcome in bundled.pack.scenario(scenario_id).outcomes:
            for item in outcome.notify[-1:] + outcome.do[:1]:
                assert " ".join(item.split())[:50] in " ".join(text.split()), (scenario_id, item)


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_page_that_starts_inside_an_outcome_names_it_first(qapp, bundled, tmp_path):
    """Most later pages of the bundled handouts started inside an outcome, with its "Why:" or a line to say, and
    nothing to tell whose (383 of 629): page 2 of S08's began "Why: A detainer is a request…", outcome A's title
    on page 1. Such a page now starts with the outcome's title and the page it carries on from; every other
    page starts with a heading, a question or a row of the tree of paths."""
    target = tmp_path / "s08.pdf"
    handout.write_scenario_pdf(bundled.pack, "S08", target)
    a = next(x for x in handout.outline(bundled.pack, "S08").outcomes if x.ref == "A")
    assert _pages(target)[1].startswith(f"A. NOT PERMITTED — {a.outcome.headline} (continued from page 1) Why: ")
    verdicts = "|".join(re.escape(label) for label in VERDICT_LABELS.values())
    starts = re.compile(rf"([A-Z]{{1,2}}\. ({verdicts}) — |EVERY PATH|OUTCOMES|CAUTIONS|CAUTION:|Q\d+ |\d+ Q\d+ |"
                        rf"{re.escape(bundled.pack.meta.disclaimer[:30])}|{re.escape(NOTES_HEADING)}:)")
    for scenario_id in ("S01", "S23", "PAPER"):
        target = tmp_path / f"{scenario_id}.pdf"
        handout.write_scenario_pdf(bundled.pack, scenario_id, target)
        for n, text in enumerate(_pages(target)[1:], 2):
            assert starts.match(text), (scenario_id, n, text[:80])
            if re.match(rf"[A-Z]{{1,2}}\. ({verdicts}) — ", text) and "(continued from page" in text[:400]:
                assert f"(continued from page {n - 1})" in text[:400], (scenario_id, n, text[:400])


def test_a_page_draws_only_its_own_paragraphs(qapp):
    """The clip of a page stops short of both of its edges: a paragraph that ends where the page starts,
    or starts where it ends, belongs to the other page."""
    clip = handout.page_clip(100.0, 900.0, 500.0)
    assert clip.top() > 100.0 and clip.bottom() < 900.0 and clip.width() == 500.0
    assert clip.top() - 100.0 < 1 and 900.0 - clip.bottom() < 1


def test_a_paragraph_taller_than_a_page_is_cut_between_its_lines(qapp):
    """Pages no longer end inside a paragraph, so one taller than three quarters of a page (a long
    rationale: the schema allows 20,000 characters) was cut at the page's foot wherever that fell,
    through a line of text: its top half printed on one page, its bottom half on the next."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    buffer = QBuffer(QByteArray())
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = handout._new_writer(buffer, "test")
    long_text = "The officer must weigh the facts of the stop and the ordinance before acting. " * 250
    body = f"<p>Why this matters.</p><p>Short.</p><p><b>Why:</b> {long_text}</p><p>After.</p>"
    doc = handout._document(writer, body, handout.HANDOUT_POINT_SIZE, float(writer.width()))
    layout = doc.documentLayout()
    lines, block = [], doc.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        for i in range(block.layout().lineCount()):
            line = block.layout().lineAt(i)
            lines.append((top + line.y(), top + line.y() + line.height()))
        block = block.next()
    for share in (0.5, 0.61, 0.77, 0.9, 1.0):  # page heights that put the page ends in different places
        page_height = writer.height() * share
        tops = handout.page_tops(doc, page_height)
        assert len(tops) > 2
        for top, bottom in zip(tops, [*tops[1:], doc.size().height()], strict=True):
            assert 0 < bottom - top <= page_height + 0.5
        for top in tops[1:]:
            assert not any(l_top < top < l_bottom for l_top, l_bottom in lines), (share, top)


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_provisions_caution_is_printed_once_and_marked_at_every_citation(bundled):
    """The same CAUTION about a provision was printed again in every outcome citing it (EO 2025-6's two
    notes in a dozen of S01's outcomes). Each reason is printed once, under its own heading at the end,
    and every outcome marks each citation needing care with why, so none reads more certain than it is."""
    pack = bundled.pack
    for scenario_id in ("S01", "S08", "S11"):
        o = handout.outline(pack, scenario_id)
        html = handout.scenario_handout_html(pack, scenario_id)
        cited = list(dict.fromkeys(c for x in o.outcomes for c in x.outcome.cites))
        cautions = handout.outcome_cautions(pack, cited)
        assert cautions and html.count("<b>CAUTION:</b>") == len(cautions)
        section = html.split(handout.CAUTIONS_TITLE.upper(), 1)[1]
        for caution in cautions:
            assert html.count(handout._e(caution)) == 1 and handout._e(caution) in section
        for cite in cited:  # every reason for care of every cited provision is there
            provision = pack.provision(cite.provision_id)
            for _word, note in handout._reasons_for_care(provision):
                assert handout._e(pack.spelt_out(note)) in section, (scenario_id, cite)  # ids named by citation
        for x in o.outcomes:
            via = handout._via_html(pack, x.scenario_id, x.via)
            block = handout._outcome_block_html(pack, x.ref, via, handout.outcome_text(pack, x.outcome), x.outcome.cites)
            assert block in html
            for cite in x.outcome.cites:
                words = handout.caution_words(pack, cite)
                if words:
                    marked = f"{handout._e(unbroken(pack.citation_text(cite)))}&nbsp;⚠&nbsp;{', '.join(words)}"
                    assert marked in block and handout.CAUTIONS_TITLE in block, (scenario_id, x.ref, cite)


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_the_s01_handout_is_shorter_and_still_leads_to_every_outcome(qapp, bundled, tmp_path):
    """S01's handout was 46 pages: 6 of paths each repeating its whole prefix, and the same cautions in
    outcome after outcome. Every path is still numbered with its outcome, and each outcome names the
    paths that reach it."""
    pack = bundled.pack
    target = tmp_path / "s01.pdf"
    pages = handout.write_scenario_pdf(pack, "S01", target)
    assert pages <= 34, pages
    o = handout.outline(pack, "S01")
    html = handout.scenario_handout_html(pack, "S01")
    reached: dict[str, list[int]] = {}
    for n, path in enumerate(o.paths, 1):
        reached.setdefault(path.outcome_ref, []).append(n)
        x = o.outcome(path.outcome_ref)
        label = x.outcome.verdict_label.replace(" ", "&nbsp;")
        assert re.search(rf"<td valign='top' width='5%'>{n}</td>.*?<b>{x.ref}:&nbsp;{label}</b>", html), n
    for x in o.outcomes:
        numbers = reached[x.ref]
        assert f"<b>Reached by:</b> path{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}</p>" in html
    text = " ".join(" ".join(p) for p in _page_lines(target))
    assert handout.CAUTIONS_TITLE.upper() in text and "Reached by: paths 12, 37" in text


def _handout_plan(pack, scenario_id):
    """The outline, laid-out document and pages of a scenario handout, as write_scenario_pdf makes them."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPainter

    buffer = QBuffer(QByteArray())
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = handout._new_writer(buffer, "test")
    canvas = handout._canvas(writer, QPainter())
    o = handout.outline(pack, scenario_id)
    doc = handout._document(writer, handout.scenario_handout_html(pack, scenario_id), handout.HANDOUT_POINT_SIZE,
                            canvas.width)
    return o, canvas, doc, handout._scenario_pages(canvas, pack, o, doc)


def _step_text(o, step) -> str:
    refs = {(q.scenario_id, q.question.node_id): q.ref for q in o.questions}
    return f"{refs[(step.scenario_id, step.node_id)]} → {step.label}"


def _continued_pages(pack, scenario_id, target):
    """Each page of a written handout as (the tree row it starts at or None, the lines repeating the steps
    above that row, the page's other lines), after checking the repeated lines: a page that starts at a
    row below the tree's first level begins with "EVERY PATH (continued from page N…)" and the steps of
    that row's path above it, outermost first, then the row itself; no other page repeats anything."""
    o, canvas, doc, plan = _handout_plan(pack, scenario_id)
    texts = _page_lines(target)
    assert len(plan) == len(texts)
    row_tops = [top for top, _bottom in handout._scan(doc).tables[-1][1]]
    rows = dict(zip(row_tops, outline.tree_rows(o.paths), strict=True))  # the tree: the handout's last table
    out = []
    for n, (page, lines) in enumerate(zip(plan, texts, strict=True)):
        # nothing drawn runs into the footer, the repeated steps included
        space = handout._continued_space(canvas, page.continued) if page.continued else 0.0
        assert space + page.bottom - page.top <= canvas.body_height + 0.5, (scenario_id, n + 1)
        row = rows.get(page.top) if n else None
        steps = row.path.steps[:row.depth] if row is not None else ()
        inside = next((x for top, end, x in handout._outcome_spans(pack, o, doc) if top < page.top < end), None)
        if not steps and (inside is None or not n):
            assert page.continued is None and not any("(continued from page" in line for line in lines)
            out.append((row, [], lines))
            continue
        if not steps:  # a page inside an outcome names it first (checked in its own test)
            expected = f"{handout._outcome_title(inside)} (continued from page {n})"
            taken = next(k for k in range(1, len(lines) + 1) if len(" ".join(lines[:k])) >= len(expected))
            assert " ".join(lines[:taken]) == expected, (scenario_id, n + 1, lines[:taken + 2])
            out.append((row, lines[:taken], lines[taken:]))
            continue
        expected = " ".join([f"EVERY PATH (continued from page {n}; the steps that lead here are repeated first)",
                             *(_step_text(o, step) for step in steps)])
        taken = 0
        while taken < len(lines) and len(" ".join(lines[:taken])) < len(expected):
            taken += 1
        assert " ".join(lines[:taken]) == expected, (scenario_id, n + 1, lines[:taken + 2])
        first = f"{row.number} " if row.last else ""
        assert " ".join(lines[taken:]).startswith(f"{first}{_step_text(o, row.path.steps[row.depth]).split(' → ')[0]} →")
        out.append((row, lines[:taken], lines[taken:]))
    return out


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_page_that_starts_inside_the_tree_of_paths_repeats_the_steps_above_it(qapp, bundled, tmp_path):
    """Page 4 of S01's handout started at path 22's "Q10 → See, phone or interview…", nine steps deep;
    the steps it follows were only on page 3, so a trainer holding page 4 could not tell which branch it
    was. It begins with those steps now, marked as repeated."""
    target = tmp_path / "s01.pdf"
    handout.write_scenario_pdf(bundled.pack, "S01", target)
    page_4 = " ".join(_page_lines(target)[3])
    assert page_4.startswith(
        "EVERY PATH (continued from page 3; the steps that lead here are repeated first) Q1 → No — everyone is safe for now "
        "Q3 → A traffic or criminal violation that has nothing to do with immigration "
        "Q4 → They say they have a warrant or other paper Q5 → A court warrant signed by a judge or magistrate "
        "Q6 → Yes, all four are there Q7 → A state court (for example the Circuit Court of Cook County) "
        "22 Q10 → See, phone or interview someone in CPD custody"), page_4[:400]
    pages = _continued_pages(bundled.pack, "S01", target)  # and every other page, S11's and S23's: see above
    assert [n for n, (row, repeated, _lines) in enumerate(pages, 1) if repeated and row] == [4, 5]


def test_a_page_break_anywhere_in_the_tree_of_paths_repeats_the_steps_above(qapp, mini_pack, tmp_path):
    """A scenario's summary made longer and longer moves the page break through its tree of paths: at
    every row below the first level the next page repeats that row's steps above; at a first-level row,
    or anywhere else, nothing."""
    scenario = mini_pack.scenario("S08")
    starts: set[int] = set()
    for sentences in range(80):
        summary = "A summary long enough to push the tree of paths down the page. " * sentences
        changed = dataclasses.replace(scenario, summary=summary)
        pack = dataclasses.replace(mini_pack, scenarios=tuple(changed if s is scenario else s
                                                               for s in mini_pack.scenarios))
        _o, _canvas, doc, plan = _handout_plan(pack, "S08")
        tree = handout._scan(doc).tables[-1][1]
        if not any(top == page.top for page in plan[1:] for top, _bottom in tree):
            continue  # the break is not in the tree: only the pages that are need writing
        target = tmp_path / f"{sentences}.pdf"
        handout.write_scenario_pdf(pack, "S08", target)
        starts |= {row.depth for row, _repeated, _lines in _continued_pages(pack, "S08", target) if row}
    assert starts == {0, 1, 2}, "pages start at rows of every depth of the tree"


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_no_page_ends_at_a_step_whose_paths_are_all_on_the_next_page(qapp, bundled):
    """Page 4 of S01's handout ended at "Q7 → A state court", a step paths branch from, with none of them
    under it: they were all on page 5, which repeats that step above them. A page now ends only after a
    path's last step (its number and verdict), and the step moves to the next page with its paths."""
    checked = 0
    for scenario_id in ("S01", "FORCE", "PAPER", "S13"):
        o, _canvas, doc, plan = _handout_plan(bundled.pack, scenario_id)
        spans = handout._scan(doc).tables[-1][1]
        rows = outline.tree_rows(o.paths)
        tops = [top for top, _bottom in spans]
        for n, page in enumerate(plan[1:], 2):
            if page.top in tops[1:]:
                before = rows[tops.index(page.top) - 1]
                assert before.last, (scenario_id, n, _step_text(o, before.path.steps[before.depth]))
                checked += 1
    assert checked >= 5


def test_a_booklet_page_letters_its_outcomes_as_the_scenarios_handout_does(qapp, mini_pack, tmp_path):
    """S08's booklet page called its release outcome "A" and its handout, which letters the shared step's
    outcomes first, "C": the same letter meant two outcomes on two sheets a trainer hands out together."""
    handout.write_booklet_pdf(mini_pack, tmp_path / "booklet.pdf", ["S08"])
    handout.write_scenario_pdf(mini_pack, "S08", tmp_path / "s08.pdf")
    page = _pages(tmp_path / "booklet.pdf")[1]  # after the contents
    full = " ".join(_pages(tmp_path / "s08.pdf"))
    release = mini_pack.scenario("S08").node("o_release")
    assert f"C. {release.verdict_label} — {release.headline}" in full
    assert f"C {release.verdict_label} {release.headline}" in page
    assert "→ C (NOT PERMITTED)" in page and "No → Q3" in page
    assert handout.SKIPPED_REFS_NOTE in page


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_situation_a_router_opens_is_not_called_a_shared_step(qapp, bundled, tmp_path):
    """FORCE's handout marked every question and outcome of S13, S15, S17 and S18 "(shared step: …)":
    they are whole situations, each with its own handout and booklet page. A shared step is still one."""
    pack = bundled.pack
    handout.write_scenario_pdf(pack, "FORCE", tmp_path / "force.pdf")
    text = " ".join(_pages(tmp_path / "force.pdf"))
    for sid in ("S13", "S15", "S17", "S18"):
        title = pack.scenario(sid).title
        assert f"(situation {sid}: {title})" in text and f"(shared step: {title})" not in text
    assert f"(shared step: {pack.scenario('SAFETY').title})" in text
    handout.write_scenario_pdf(pack, "S01", tmp_path / "s01.pdf")
    s01 = " ".join(_pages(tmp_path / "s01.pdf"))
    assert f"(shared step: {pack.scenario('PAPER').title})" in s01 and "(situation " not in s01


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_the_booklet_has_a_page_for_the_home_button_that_only_asks_which_situation_it_is(qapp, bundled, tmp_path):
    """FORCE, a Home button, only asks which of S13, S15, S17 and S18 is happening; being a shared step
    that no scenario enters, it had no booklet page, so a trainer with the booklet had nothing to follow
    the app's Home with. Its page comes just before S13's: the question, how to tell, and each answer's
    situation and page; no outcomes of its own, and it is no "shared step" nor a part of S13."""
    pack = bundled.pack
    order = handout.booklet_pages(pack)
    assert order.index("FORCE") == order.index("S13") - 1
    target = tmp_path / "booklet.pdf"
    handout.write_booklet_pdf(pack, target)
    texts = _pages(target)
    force = pack.scenario("FORCE")
    page = next(n for n, text in enumerate(texts) if text.startswith(force.title))
    text = texts[page]
    assert f"FORCE · {force.category} · Home button “{force.home_label}”" in text
    question = force.node(force.start)
    assert f"Q1 {question.prompt} How to tell: {question.help}" in text
    for choice in question.choices:
        opened = pack.scenario(choice.next_scenario)
        assert f"{choice.label} → situation {opened.scenario_id} “{opened.title}”, page " in text
    assert "OUTCOMES IN BRIEF" not in text and "Shared step" not in text and "shared step" not in text
    assert handout.SKIPPED_REFS_NOTE not in text, "Q1 is its own: no number is skipped"
    assert texts[page + 1].startswith(pack.scenario("S13").title) and "part of FORCE" not in texts[page + 1]
    _check_page_numbers(texts)  # each answer's page starts with its situation


def test_a_home_router_gets_a_booklet_page_before_the_first_situation_it_opens(qapp, mini_pack, tmp_path):
    """Any shared step with a Home button that no scenario enters gets a page, before the first situation
    it opens; a shared step that scenarios enter keeps its one page among the shared steps."""
    router = Scenario("WHICH", "Which is it?", "Custody and detainers", "Pick what is happening.", (), "q",
                      False, (Question("q", "What is happening?", (
                          Choice("lot", "They want the lot", next_scenario="S10"),
                          Choice("detainer", "A detainer came", next_scenario="S08"))),),
                      home_label="Lot or detainer", home_rank=1, subflow=True)
    pack = dataclasses.replace(mini_pack, scenarios=(*mini_pack.scenarios, router))
    assert handout.booklet_pages(pack) == ["WHICH", "S08", "S10", "SAFETY", "PAPER"]
    target = tmp_path / "booklet.pdf"
    assert handout.write_booklet_pdf(pack, target) == 6
    texts = _pages(target)
    assert _contents(texts, pack, handout.booklet_pages(pack)) == {"WHICH": 2, "S08": 3, "S10": 4, "SAFETY": 5,
                                                                   "PAPER": 6}
    assert "They want the lot → situation S10 “" in texts[1] and "”, page 4" in texts[1]
    assert "A detainer came → situation S08 “" in texts[1] and "”, page 3" in texts[1]
    _check_page_numbers(texts)
    assert "part of WHICH" not in " ".join(texts)


def test_a_booklet_page_that_carries_on_a_table_has_its_rules(qapp, mini_pack):
    """A scenario run on to the next page started it at its next row's first line: the row had no top rule,
    and the page before ended with the stubs of that row's column rules under its last rule. Each part is
    now drawn from its first row's top rule, and the part before it to the foot of that rule."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter

    buffer = QBuffer(QByteArray())
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = handout._new_writer(buffer, "test")
    canvas = handout._canvas(writer, QPainter())
    pack = dataclasses.replace(mini_pack, scenarios=mini_pack.scenarios + (_huge_scenario("BIG"),))
    fit = handout._fit_booklet_page(canvas, pack, "BIG")
    doc = fit.doc
    width = int(canvas.width)

    def dark_share(top: float, bottom: float) -> list[float]:
        """Each pixel row of the drawn stretch: its share of dark pixels."""
        image = QImage(width, max(1, round(bottom - top)), QImage.Format.Format_RGB32)
        image.fill(0xFFFFFF)
        painter = QPainter(image)
        painter.translate(0, -top)
        doc.drawContents(painter, handout.page_clip(top, bottom, width))
        painter.end()
        return [sum(image.pixelColor(x, y).lightness() < 128 for x in range(0, width, 7)) / len(range(0, width, 7))
                for y in range(image.height())]

    rows = [top for top in fit.tops[1:] if top in fit.row_gaps]
    assert len(rows) >= 2, "parts that start at a table row"
    for top in rows:
        start = top - fit.above(top)
        drawn = dark_share(start, top)
        assert max(drawn[: round(fit.border) + 1]) > 0.9, "the row's top rule, across the table"
        assert max(drawn[round(fit.border) + 1:], default=0) < 0.1, "under it only the column rules"
        end = fit.end(top)
        assert end < top
        last = dark_share(end - 3 * fit.border, end)
        assert max(last[-round(fit.border) - 1:]) > 0.9, "the part before ends at the foot of that rule"


def test_a_provision_recorded_as_rescinded_is_marked_with_its_day_in_handouts_and_the_quiz(qapp, tmp_path):
    """Paper outlives the day it is printed: a handout printed before an announced rescission was used after it
    with the citation unmarked. A recorded rescission, past or to come, is a caution like litigation."""
    from desktop.domain import quiz
    from desktop.domain.codec import pack_from_tables
    from tests.helpers import doc_by_id, mini_tables

    tables = mini_tables()
    doc_by_id(tables, "provisions", "IL-720-7-15")["dates"]["rescinded"] = "2026-09-01"  # no other caution on it
    pack = pack_from_tables(tables)
    target = tmp_path / "safety.pdf"
    handout.write_scenario_pdf(pack, "SAFETY", target)
    text = " ".join(_pages(target))
    assert "720 ILCS 5/7-15 ⚠ recorded as rescinded" in text
    assert ("720 ILCS 5/7-15 is recorded as rescinded: on 1 Sep 2026, as this data records (it may be still to come "
            "when this is printed). From then, the answers resting on it may no longer be right.") in text
    q = quiz.generate(pack, ["SAFETY"], count=None, seed=1)
    assert q.items and all(item.needing_care == ("720 ILCS 5/7-15",) for item in q.items)


def _split_citations(pack, text: str) -> list[str]:
    """The citations (short enough to be kept whole) that ``text`` prints across a line break."""
    squashed, where = [], []  # the text without spaces or line breaks, and where each character came from
    for index, char in enumerate(text):
        if not char.isspace():
            squashed.append(char)
            where.append(index)
    flat = "".join(squashed)
    split = []
    for citation in {pack.citation_text(c) for s in pack.scenarios for o in s.outcomes for c in o.cites}:
        if unbroken(citation).startswith(citation):  # a long name (a phrase) may wrap as words do
            continue
        name = plain_spaces(unbroken(citation).split(" ", 1)[0])
        key = "".join(name.split())
        start = flat.find(key)
        while start >= 0:
            if "\n" in text[where[start]:where[start + len(key) - 1]]:
                split.append(name)
            start = flat.find(key, start + 1)
    return split


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_citation_is_printed_whole_on_its_line_and_its_mark_beside_it(qapp, bundled, tmp_path):
    """Handouts and the booklet broke citations across lines ("5 ILCS" / "805/15(a)", "Ord." / "O2021-117",
    "8 U.S.C. §" / "1373"), and the booklet began a line with a citation's ⚠ ("⚠; MCC 2-173-020(a)")."""
    pack = bundled.pack
    handout.write_scenario_pdf(pack, "S01", tmp_path / "s01.pdf")
    handout.write_booklet_pdf(pack, tmp_path / "booklet.pdf")
    for name in ("s01.pdf", "booklet.pdf"):
        pages = [_joined(unicodedata.normalize("NFKC", page.extract_text()).replace("\t", " "))
                 for page in PdfReader(str(tmp_path / name)).pages]
        # the notes under "Cautions" at the end are the data's own prose, which may name a law in passing
        # ("(720 ILCS 5/2-13)"): they wrap as words do
        ends = [n for n, text in enumerate(pages) if handout.CAUTIONS_TITLE.upper() in text][:1]
        for n in ends:
            pages[n:] = [pages[n].split(handout.CAUTIONS_TITLE.upper())[0]]
        for number, text in enumerate(pages, 1):
            assert not _split_citations(pack, text), (name, number, _split_citations(pack, text))
            assert not [line for line in text.splitlines() if line.lstrip().startswith("⚠;")], (name, number)


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_an_outcomes_last_line_and_the_cautions_first_stay_with_their_paragraphs(qapp, bundled, tmp_path):
    """S22's page 29 ended with "CAUTIONS ON THE PROVISIONS CITED" and the line under it saying what ⚠ means,
    every caution on page 30; S11's pages 11 and 13 and S26's 17, 23 and 29 began with an outcome's lone
    "Reached by: paths …", the outcome on the page before."""
    intro_end = "for every provision it applies to."
    for scenario_id in ("S22", "S11", "S26"):
        target = tmp_path / f"{scenario_id}.pdf"
        handout.write_scenario_pdf(bundled.pack, scenario_id, target)
        pages = [[line for line in unicodedata.normalize("NFKC", page.extract_text()).replace("\t", " ").splitlines()
                  if line.strip() and not line.startswith("Encounter Guide ·") and not line.startswith("Page ")]
                 for page in PdfReader(str(target)).pages]
        assert sum(intro_end in " ".join(page) for page in pages) == 1
        for number, page in enumerate(pages, 1):
            assert not page[0].startswith("Reached by:"), (scenario_id, number, page[0])
            if intro_end in " ".join(page):
                assert any(line.startswith("CAUTION:") for line in page), (scenario_id, number, "cautions")


def test_the_footer_gives_the_as_of_date_as_the_app_writes_it(qapp, mini_pack, tmp_path):
    """Every page's footer said "as of 2026-02-02", where the app says "2 Feb 2026": one way of writing the
    day that shows a printout's age, on screen and on paper."""
    handout.write_scenario_pdf(mini_pack, "S08", tmp_path / "s08.pdf")
    (_, left), _ = _footer_runs(tmp_path / "s08.pdf")
    assert left.endswith("Data version 3, as of 2 Feb 2026. Check the app for updates."), left


def _block_at(doc, top: float):
    """The paragraph a page starting at ``top`` of the laid-out ``doc`` starts with, and the one before it."""
    layout, block, before = doc.documentLayout(), doc.begin(), None
    while block.isValid() and layout.blockBoundingRect(block).top() < top - 0.01:
        before, block = block, block.next()
    return block, before


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_no_handout_page_starts_with_an_outcomes_closing_lines(qapp, bundled, tmp_path, monkeypatch):
    """Once "Reached by:" kept with the line above it, 62 of the 35 handouts' 630 pages began with an outcome's
    "Cites:" and "Reached by:" lines together, the outcome on the page before (S22 page 17). The outcome now goes
    over whole, or (taller than three quarters of a page) with its last paragraph; nor does a page end with the
    rule above an outcome, its verdict overleaf."""
    from PySide6.QtGui import QTextFormat

    plans = []
    real = handout._scenario_pages

    def recorded(canvas, pack, o, doc):
        plan = real(canvas, pack, o, doc)
        plans.append((o.scenario.scenario_id, doc, plan))
        return plan

    monkeypatch.setattr(handout, "_scenario_pages", recorded)
    for scenario in bundled.pack.scenarios:
        handout.write_scenario_pdf(bundled.pack, scenario.scenario_id, tmp_path / "handout.pdf")
    assert len(plans) == len(bundled.pack.scenarios) == 35
    rule = QTextFormat.Property.BlockTrailingHorizontalRulerWidth
    closing, rule_at_foot, ruled = [], [], 0
    for scenario_id, doc, plan in plans:
        for number, page in enumerate(plan[1:], 2):
            block, before = _block_at(doc, page.top)
            if block.text().startswith(("Cites:", "Reached by:")):
                closing.append((scenario_id, number, block.text()[:40]))
            if before.blockFormat().hasProperty(rule):
                rule_at_foot.append((scenario_id, number - 1))
            ruled += block.blockFormat().hasProperty(rule)
    assert not closing, f"{len(closing)} pages start with an outcome's closing lines: {closing}"
    assert not rule_at_foot, f"{len(rule_at_foot)} pages end with an outcome's rule: {rule_at_foot}"
    assert ruled > 50, "pages that start with a whole outcome"


def test_the_handout_and_the_booklets_contents_carry_the_publishers_notes(qapp, bundled, tmp_path):
    """The bundled pack's notes say the data has not yet had a legal review. About showed them, but the
    printed handouts, which leave the room with trainees, carried only the disclaimer: a scenario handout
    ends with the notes under the disclaimer, and the booklet's contents give them once for the booklet."""
    pack = bundled.pack
    notes = [" ".join(note.split()) for note in pack.meta.notes]
    assert any("legal review" in note for note in notes)
    handout.write_scenario_pdf(pack, "S01", tmp_path / "s01.pdf")
    text = " ".join(_pages(tmp_path / "s01.pdf"))
    disclaimer = " ".join(pack.meta.disclaimer.split())
    assert f"{disclaimer} {NOTES_HEADING}:" in text
    assert all(note in text.partition(NOTES_HEADING)[2] for note in notes), "every note, after the heading"

    pages = handout.write_booklet_pdf(pack, tmp_path / "booklet.pdf")
    texts = _pages(tmp_path / "booklet.pdf")
    contents = [n for n, page in enumerate(texts) if page.startswith(handout.CONTENTS_TITLE)]
    assert contents == list(range(len(contents))), "the booklet opens with its contents"
    last = texts[contents[-1]]  # the notes end the contents, however many pages they run to
    assert f"{disclaimer} {NOTES_HEADING}:" in last and all(note in last for note in notes)
    assert sum(page.count(NOTES_HEADING) for page in texts) == 1, "once in the booklet, not on every page"
    assert pages == len(texts)
    _check_page_numbers(texts)


def test_a_pack_without_notes_prints_no_notes_heading(qapp, mini_pack, tmp_path):
    assert not mini_pack.meta.notes
    handout.write_scenario_pdf(mini_pack, "S08", tmp_path / "s08.pdf")
    assert NOTES_HEADING not in " ".join(_pages(tmp_path / "s08.pdf"))


def _bookmarks(path) -> list[tuple[str, int, list]]:
    """The PDF's outline (bookmarks) as a viewer lists it: [(title, page from 1, [the lines under it])]."""
    reader = PdfReader(str(path), strict=True)
    assert reader.page_mode == "/UseOutlines", "the viewer opens with its bookmarks shown"
    return pdf_outline(reader, first_page=1)


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_the_booklet_has_bookmarks_to_its_contents_and_each_entry(qapp, bundled, tmp_path):
    """The 49-page booklet had no outline: in a PDF viewer a trainer scrolled to find a situation. Its bookmarks
    are its contents, then each situation (FORCE among them, where its page is) and each shared step, under a
    heading each, at the pages the contents give."""
    pack = bundled.pack
    target = tmp_path / "booklet.pdf"
    handout.write_booklet_pdf(pack, target)
    order = handout.booklet_pages(pack)
    starts = _contents(_pages(target), pack, order)
    shared = [sid for sid in order if sid in ("SAFETY", "PAPER")]
    situations = [sid for sid in order if sid not in shared]
    assert len(situations) > 30 and "FORCE" in situations and shared

    def entries(ids: list[str]) -> list:
        return [(f"{sid} · {pack.scenario(sid).title}", starts[sid], []) for sid in ids]

    assert _bookmarks(target) == [
        (handout.CONTENTS_TITLE, 1, []),
        (handout.SITUATIONS_BOOKMARK, starts[situations[0]], entries(situations)),
        (handout.SHARED_STEPS_BOOKMARK, starts[shared[0]], entries(shared)),
    ]


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
@pytest.mark.parametrize("scenario_id", ["S08", "S01"])
def test_a_scenario_handout_has_bookmarks_to_its_sections_and_outcomes(qapp, bundled, tmp_path, scenario_id):
    """A scenario's handout (S01's has 32 pages) had no outline, where the booklet had one: a trainer scrolled to
    find outcome M or the cautions. It lists the scenario, then each section and, under the outcomes, each
    outcome by its letter, verdict and headline, each at the first page that prints its heading."""
    pack = bundled.pack
    target = tmp_path / "handout.pdf"
    handout.write_scenario_pdf(pack, scenario_id, target)
    pages = _pages(target)
    o = handout.outline(pack, scenario_id)
    cautions = handout.outcome_cautions(pack, [c for x in o.outcomes for c in x.outcome.cites])
    assert cautions and pack.meta.notes, "every section is there to be found"

    def starts(printed: str) -> int:  # the page (from 1) its heading is first printed on
        return next(n for n, text in enumerate(pages, 1) if printed in text)

    outcomes = [(f"{x.ref}. {x.outcome.verdict_label} — {x.outcome.headline}",
                 starts(f"{x.ref}. {x.outcome.verdict_label} — {' '.join(x.outcome.headline.split()[:4])}"), [])
                for x in o.outcomes]
    assert _bookmarks(target) == [
        (f"{scenario_id} · {o.scenario.title}", 1, []),
        ("Decision map", starts("DECISION MAP"), []),
        ("Every path", starts("EVERY PATH"), []),
        ("Outcomes", starts("OUTCOMES"), outcomes),
        ("Cautions on the provisions cited", starts("CAUTIONS ON THE PROVISIONS CITED"), []),
        ("Disclaimer and notes from the publisher", starts(" ".join(pack.meta.disclaimer.split()[:8])), []),
    ]
    assert len({page for _title, page, _under in outcomes}) > (3 if scenario_id == "S01" else 1), "on many pages"


def test_a_handout_without_cautions_or_notes_has_no_bookmarks_for_them(qapp, mini_pack, tmp_path):
    sure = tuple(dataclasses.replace(p, status_notes=(), confidence="verified") for p in mini_pack.provisions)
    pack = dataclasses.replace(mini_pack, provisions=sure, meta=dataclasses.replace(mini_pack.meta, notes=()))
    target = tmp_path / "handout.pdf"
    handout.write_scenario_pdf(pack, "S10", target)
    assert handout.CAUTIONS_TITLE.upper() not in " ".join(_pages(target))
    titles = [title for title, _page, _under in _bookmarks(target)]
    assert titles[1:] == ["Decision map", "Every path", "Outcomes", "Disclaimer"]


def _rendered(pdf: bytes, folder) -> list[bytes]:
    """Each page drawn by poppler (as a PDF viewer or a printer would), as PNG bytes."""
    folder.mkdir()
    (folder / "in.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(folder / "in.pdf"), str(folder / "page")], check=True,
                   capture_output=True, timeout=120)
    return [png.read_bytes() for png in sorted(folder.glob("page-*.png"))]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_bookmarks_change_nothing_printed_and_any_title_reads_as_written(qapp, mini_pack, tmp_path, monkeypatch):
    """The bookmarks are appended to what Qt wrote (an incremental update): every page draws as it did, and a
    title in any script, with curly quotes and dashes, is the title the viewer lists."""
    title = "Castañon’s “stop” — Kovač (at 5 a.m.) \\ 中文"
    pack = dataclasses.replace(mini_pack, scenarios=tuple(
        dataclasses.replace(s, title=title) if s.scenario_id == "S10" else s for s in mini_pack.scenarios))
    written: list[bytes] = []
    add = handout.add_bookmarks
    monkeypatch.setattr(handout, "add_bookmarks", lambda pdf, marks: written.append(pdf) or add(pdf, marks))
    target = tmp_path / "booklet.pdf"
    pages = handout.write_booklet_pdf(pack, target)
    saved = target.read_bytes()
    assert len(written) == 1 and saved.startswith(written[0]) and len(saved) > len(written[0])
    situations = _bookmarks(target)[1][2]
    assert situations == [("S08 · " + pack.scenario("S08").title, 2, []), (f"S10 · {title}", 3, [])]
    before, after = _rendered(written[0], tmp_path / "qt"), _rendered(saved, tmp_path / "saved")
    assert len(before) == len(after) == pages == 5
    assert before == after, "every page's pixels are the same"


def test_a_pdf_bookmarks_cannot_be_added_to_is_saved_as_it_was_and_why_logged(qapp, mini_pack, tmp_path, caplog):
    booklet = tmp_path / "booklet.pdf"
    handout.write_booklet_pdf(mini_pack, booklet)
    qt = booklet.read_bytes()[:booklet.read_bytes().index(b"%%EOF") + 6]  # as Qt wrote it, before the bookmarks
    xref = qt.rindex(b"startxref")
    marks = [Bookmark("Contents", 0)]
    for damaged in (b"not a PDF", qt[:len(qt) // 2], qt[:xref] + b"startxref\n12\n%%EOF\n"):
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger="desktop.ui.handout"):
            assert handout.with_bookmarks(damaged, lambda: marks) == damaged
        assert "saved without bookmarks: " in caplog.text, caplog.text
    assert PdfReader(io.BytesIO(handout.with_bookmarks(qt, lambda: marks))).outline, "Qt's own, undamaged, gets them"


def test_the_booklet_is_saved_without_bookmarks_when_they_cannot_be_added(qapp, mini_pack, tmp_path, monkeypatch):
    def refuse(pdf: bytes, marks) -> bytes:
        raise PdfBookmarkError("not what was expected")

    monkeypatch.setattr(handout, "add_bookmarks", refuse)
    target = tmp_path / "booklet.pdf"
    assert handout.write_booklet_pdf(mini_pack, target) == 5
    reader = PdfReader(str(target), strict=True)
    assert len(reader.pages) == 5 and not reader.outline
    assert target.read_bytes().count(b"%%EOF") == 1, "Qt's PDF, as it wrote it"


@pytest.mark.parametrize("broken", ["add_bookmarks", "booklet_bookmarks", "scenario_handout_bookmarks"])
def test_a_bug_in_the_bookmarks_still_saves_the_pdf_and_only_the_error_log_says_why(qapp, tmp_path, monkeypatch,
                                                                                  capsys, fresh_log, broken):
    """Only PdfBookmarkError was caught: any other error in working out or adding the outline (a bug) stopped the
    save, and the trainer got no PDF, only a traceback. The PDF is saved as Qt wrote it, the error and its
    traceback go to the error log, and the trainer is told only that it was written."""
    from desktop import log
    from desktop.__main__ import main
    from tests.conftest import MINI_PACK

    def bug(*_args) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(handout, broken, bug)
    booklet = broken != "scenario_handout_bookmarks"
    target = tmp_path / "out.pdf"
    code = main(["--data", str(MINI_PACK), "handout", *(["--all"] if booklet else ["S08"]), "-o", str(target)])
    out, err = capsys.readouterr()
    assert code == 0 and not out and err.startswith("Wrote the ") and err.count("\n") == 1, err
    reader = PdfReader(str(target), strict=True)
    assert len(reader.pages) == (5 if booklet else 3) and not reader.outline
    assert target.read_bytes().count(b"%%EOF") == 1, "Qt's PDF, as it wrote it"
    logged = log.log_file().read_text(encoding="utf-8")
    assert "saved without bookmarks: 'a bug'" in logged and "Traceback" in logged, logged


def test_a_booklet_page_sends_an_answer_entering_a_shared_step_part_way_to_that_step(qapp, bundled):
    """S24's "Yes — signed by a judge" enters the paper check at its court-warrant check: the booklet page says
    at which of the shared step's own questions, and "Not sure" goes to the shared step as before."""
    pack = bundled.pack
    paper = handout.own_map(pack, "PAPER")
    [check] = [q for q in paper.questions if q.question.node_id == "q_court_check"]
    html = handout.booklet_page_html(pack, "S24", 10, pages={"PAPER": 48})
    assert (f"Yes — signed by a judge → <b>shared step “What paper are they holding?” at its {check.ref}, page 48"
            in html)
    assert "Not sure what the paper is → <b>shared step “What paper are they holding?”, page 48" in html


def _tree_gaps(doc) -> list[tuple[float, str]]:
    """Each row of the tree of paths in a laid-out handout: the room between the right end of its step's words
    (the widest line) and the left of its outcome's letter and verdict, with the step's words."""
    from PySide6.QtGui import QTextCursor

    layout = doc.documentLayout()
    tables, block = [], doc.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None and table.columns() == 3 and all(table != t for t in tables):
            tables.append(table)
        block = block.next()
    gaps = []
    for table in tables:
        for row in range(table.rows()):
            step, outcome = table.cellAt(row, 1), table.cellAt(row, 2)
            verdict = outcome.firstCursorPosition().block()
            if not verdict.text().strip():
                continue
            right, b = 0.0, step.firstCursorPosition().block()
            while b.isValid() and b.position() <= step.lastCursorPosition().position():
                rect = layout.blockBoundingRect(b)
                for n in range(b.layout().lineCount()):
                    line = b.layout().lineAt(n)
                    right = max(right, rect.x() + line.x() + line.naturalTextWidth())
                b = b.next()
            left = layout.blockBoundingRect(verdict).x() + verdict.layout().lineAt(0).x()
            gaps.append((left - right, step.firstCursorPosition().block().text()))
    return gaps


@pytest.mark.skipif(not BUNDLED_PACK.exists(), reason="no bundled pack")
def test_a_paths_last_step_never_runs_into_its_outcome(qapp, bundled):
    """S05's handout printed path 9 as "Q4 → Hold someone CPD already has, at a stop or in custodyI: NOT
    PERMITTED": a step that filled its column ended 1.8 pt from its outcome's letter (a space is 2.8 pt). Every
    path's words end at least TREE_COLUMN_GAP (6 pt) before its outcome now."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPainter

    buffer = QBuffer(QByteArray())
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = handout._new_writer(buffer, "test")
    canvas = handout._canvas(writer, QPainter())
    least = 6.0 * handout.RESOLUTION / 72 * 0.9  # 6 pt in device pixels, less what rounding to CSS pixels takes
    for scenario_id in ("S05", "S01", "S13", "S22"):
        doc = handout._document(writer, handout.scenario_handout_html(bundled.pack, scenario_id),
                                handout.HANDOUT_POINT_SIZE, canvas.width)
        gaps = _tree_gaps(doc)
        assert len(gaps) == len(handout.outline(bundled.pack, scenario_id).paths)
        assert min(gaps) >= (least, ""), (scenario_id, min(gaps))


def test_a_pdf_not_saved_names_its_file_as_written(qtbot, mini_pack, tmp_path, monkeypatch):
    """'PDF not saved' names the file it could not write; a folder named "<b>B" showed as bold "B" (markup)."""
    from PySide6.QtGui import Qt as QtGui
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QMessageBox, QWidget

    from desktop.ui.presentation_window import export_pdf

    parent = QWidget()
    qtbot.addWidget(parent)
    blocker = tmp_path / "<b>B"
    blocker.write_text("x")  # a file, where the PDF's folder should be
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *_a, **_k: told.append(text))
    assert export_pdf(parent, mini_pack, None, str(blocker / "booklet.pdf")) is None
    assert len(told) == 1
    shown = told[0]
    if QtGui.mightBeRichText(shown):
        document = QTextDocument()
        document.setHtml(shown)
        shown = document.toPlainText()
    assert str(blocker / "booklet.pdf") in shown, shown
