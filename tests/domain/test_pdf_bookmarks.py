"""Bookmarks (a PDF outline) added to a finished PDF as an incremental update: read back with pypdf, on small
PDFs written here in the classic layout Qt writes (the booklet itself: tests/ui/test_handout.py)."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from desktop.domain.pdf_bookmarks import Bookmark, PdfBookmarkError, add_bookmarks, text_string
from tests.helpers import pdf_outline


def _pdf(pages: int, kids_per_node: int | None = None, catalog_extra: bytes = b"") -> bytes:
    """A small PDF in Qt's layout: one classic cross-reference table, each page a blank page with its number
    drawn. ``kids_per_node``: the pages under intermediate /Pages nodes of that many each."""
    objects: dict[int, bytes] = {1: b"<< /Title (t) >>",
                                 2: b"<< /Type /Catalog /Pages 3 0 R " + catalog_extra + b">>",
                                 4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    page_numbers = []
    for n in range(pages):
        page, content = 10 + 2 * n, 11 + 2 * n
        stream = b"BT /F1 24 Tf 72 700 Td (Page %d) Tj ET" % (n + 1)
        objects[content] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        objects[page] = b"<< /Type /Page /Parent %%d 0 R /MediaBox [0 0 612.000000 792] /Contents %d 0 R " \
                        b"/Resources << /Font << /F1 4 0 R >> >> >>" % content
        page_numbers.append(page)
    if kids_per_node is None:
        groups = [(3, page_numbers)]
        objects[3] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
            b" ".join(b"%d 0 R" % p for p in page_numbers), pages)
    else:
        groups = []
        nodes = []
        for i in range(0, pages, kids_per_node):
            node = 5000 + i
            group = page_numbers[i:i + kids_per_node]
            objects[node] = b"<< /Type /Pages /Parent 3 0 R /Kids [%s] /Count %d >>" % (
                b" ".join(b"%d 0 R" % p for p in group), len(group))
            groups.append((node, group))
            nodes.append(node)
        objects[3] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % n for n in nodes), pages)
    for parent, group in groups:
        for p in group:
            objects[p] = objects[p] % parent
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\n")
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 00000 f \n"
    out += b"trailer\n<<\n/Size %d\n/Info 1 0 R\n/Root 2 0 R\n>>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def _outline(pdf: bytes) -> list:
    """The outline as pypdf reads it: [(title, page from 0, [children])]."""
    return pdf_outline(PdfReader(io.BytesIO(pdf), strict=True))


BOOKLET = (Bookmark("Contents", 0),
           Bookmark("Situations", 1, (Bookmark("S01 · one", 1), Bookmark("S02 · two", 3))),
           Bookmark("Shared steps", 4, (Bookmark("PAPER · paper", 4),)))


@pytest.mark.parametrize("kids_per_node", [None, 2])
def test_the_outline_lists_each_bookmark_at_its_page_nested_and_in_order(kids_per_node):
    pdf = _pdf(5, kids_per_node)
    out = add_bookmarks(pdf, BOOKLET)
    assert out.startswith(pdf), "an incremental update: the PDF as it was, then the new objects"
    assert _outline(out) == [("Contents", 0, []),
                             ("Situations", 1, [("S01 · one", 1, []), ("S02 · two", 3, [])]),
                             ("Shared steps", 4, [("PAPER · paper", 4, [])])]
    reader = PdfReader(io.BytesIO(out), strict=True)
    assert reader.page_mode == "/UseOutlines", "the viewer opens with the outline shown"
    assert len(reader.pages) == 5 and reader.metadata.title == "t", "the catalog's and trailer's entries are kept"
    outlines = reader.trailer["/Root"]["/Outlines"]
    assert outlines["/Count"] == 6, "every line, shown open"
    situations = outlines["/First"]["/Next"]
    assert situations["/Count"] == 2 and situations["/Last"]["/Title"] == "S02 · two"


def test_the_catalogs_other_entries_are_copied():
    pdf = _pdf(2, catalog_extra=b"/Names << /Dests 9 0 R >> /Lang (en-US) /ViewerPreferences << /DisplayDocTitle true >> ")
    out = add_bookmarks(pdf, [Bookmark("One", 0), Bookmark("Two", 1)])
    catalog = PdfReader(io.BytesIO(out)).trailer["/Root"]
    assert catalog["/Lang"] == "en-US" and catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert catalog.raw_get("/Names").raw_get("/Dests").idnum == 9
    assert catalog["/Pages"].indirect_reference.idnum == 3


@pytest.mark.parametrize("title", [
    "Castañon", "“Curly” quotes — and an em dash", "Kovač and Ċ (a \\ backslash)", "(unbalanced",
    "Zoë’s 😀 and 中文", "S01 · ICE wants you to hold the driver"])
def test_any_unicode_title_reads_back_as_written(title):
    """Titles are UTF-16BE text strings: "č" is U+010D, whose second byte is a carriage return, which a PDF
    reader takes for a line feed unless it is escaped."""
    out = add_bookmarks(_pdf(1), [Bookmark(title, 0)])
    assert _outline(out) == [(title, 0, [])]


def test_a_text_string_is_utf16_with_its_byte_order_mark_and_escaped():
    assert text_string("A") == b"(\xfe\xff\x00A)"
    assert text_string("č(\\") == b"(\xfe\xff\x01\\r\x00\\(\x00\\\\)"


def test_a_title_is_one_line():
    out = add_bookmarks(_pdf(1), [Bookmark("Two\nlines  and\tspaces ", 0)])
    assert _outline(out) == [("Two lines and spaces", 0, [])]


def test_bookmarks_can_be_added_again_and_replace_the_first():
    """The update's trailer names the section before it (/Prev): a second update reads through both."""
    once = add_bookmarks(_pdf(3), [Bookmark("First", 0)])
    twice = add_bookmarks(once, [Bookmark("Second", 2), Bookmark("Third", 1)])
    assert twice.startswith(once)
    assert _outline(twice) == [("Second", 2, []), ("Third", 1, [])]


@pytest.mark.parametrize(("pdf", "reason"), [
    (b"", "not a PDF"),
    (b"hello", "not a PDF"),
    (_pdf(2)[:-40], "startxref"),
    (_pdf(2).replace(b"startxref\n", b"startxref\n1"), "no classic cross-reference table"),
    (_pdf(2).replace(b"/Root 2 0 R", b"/Root 7 0 R"), "object 7"),
    (_pdf(2).replace(b"/Type /Catalog", b"/Type /Katalog"), "not a catalog"),
    (_pdf(2).replace(b"/Kids [10 0 R", b"/Kids [03 0 R"), "page tree"),  # the tree holds itself
    (_pdf(2).replace(b"trailer\n<<", b"trailer\n<< /XRefStm 5"), "cross-reference streams"),
    (_pdf(2).replace(b"00000 n", b"00000 x", 1), "neither n nor f"),
])
def test_a_pdf_it_cannot_read_is_refused_with_the_reason(pdf, reason):
    with pytest.raises(PdfBookmarkError, match=reason):
        add_bookmarks(pdf, [Bookmark("One", 0)])


def test_a_bookmark_for_a_page_the_pdf_has_not_got_is_refused():
    with pytest.raises(PdfBookmarkError, match="page 3, and the PDF has 2"):
        add_bookmarks(_pdf(2), [Bookmark("One", 0, (Bookmark("Three", 2),))])
    with pytest.raises(PdfBookmarkError, match="no bookmarks"):
        add_bookmarks(_pdf(2), [])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_damaged_pdf_is_refused_or_gets_a_readable_outline_never_a_crash(data):
    """Whatever the bytes, adding bookmarks either refuses (PdfBookmarkError, so the caller saves the PDF as it
    was) or keeps them as they are and appends an outline after them (which it has read back itself)."""
    pdf = bytearray(_pdf(3))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(pdf) - 1))
        if data.draw(st.booleans()):
            pdf[at] = data.draw(st.integers(0, 255))
        else:
            del pdf[at:at + data.draw(st.integers(1, 40))]
    try:
        out = add_bookmarks(bytes(pdf), [Bookmark("One", 0), Bookmark("Three", 2)])
    except PdfBookmarkError:
        return
    assert out.startswith(bytes(pdf))
