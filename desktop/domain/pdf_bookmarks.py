"""Bookmarks for a finished PDF: the clickable outline a PDF viewer shows in its sidebar. Qt's PDF writer cannot
write one, so they are added to what it wrote as a standard incremental update: the PDF's bytes are kept as
they are, and after them come the outline's objects, the catalog again (its entries, with /Outlines and
/PageMode /UseOutlines), a cross-reference section for them and a trailer whose /Prev names the one before.

Bytes in, bytes out. Only what is needed is read: the cross-reference table and trailer (a classic table, as
Qt writes it, and those its /Prev names), the catalog, and the page tree for the pages in order. Anything else
raises PdfBookmarkError, so that the caller can keep the PDF as it is rather than write a broken one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeAlias


@dataclass(frozen=True, slots=True)
class Bookmark:
    """One line of the outline: its title, the page it opens (from 0), and the lines under it (shown open)."""

    title: str
    page: int
    children: tuple[Bookmark, ...] = ()


class PdfBookmarkError(ValueError):
    """A PDF this module cannot add bookmarks to (not the classic layout it reads, or damaged)."""


class Ref(NamedTuple):
    number: int
    generation: int


class Name(str):
    """A PDF name (/Type), without its slash."""


class Real(bytes):
    """A PDF real number, kept as written so that it is copied exactly."""


Value: TypeAlias = "dict[Name, Value] | list[Value] | Ref | Name | Real | bytes | int | bool | None"

WHITESPACE = b"\x00\t\n\x0c\r "
DELIMITERS = b"()<>[]{}/%"
TAIL = 1024  # "startxref" is within the last 1024 bytes of a PDF
NUMBER = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)")
MAX_DEPTH = 64  # nesting of arrays and dictionaries, and of the page tree: deeper is not a PDF Qt writes


def add_bookmarks(pdf: bytes, bookmarks: Sequence[Bookmark]) -> bytes:
    """``pdf`` with ``bookmarks`` as its outline (replacing any it had), opening with the outline shown.

    Raises PdfBookmarkError when ``pdf`` is not a PDF this module can read, or a bookmark names a page it has
    not got."""
    if not bookmarks:
        raise PdfBookmarkError("no bookmarks to add")
    try:
        reader = _Reader(pdf)
        pages = reader.pages()
    except RecursionError as exc:
        raise PdfBookmarkError("nested too deeply") from exc
    for b in _walk(bookmarks):
        if not 0 <= b.page < len(pages):
            raise PdfBookmarkError(f"bookmark {b.title!r} is for page {b.page + 1}, and the PDF has {len(pages)}")
    catalog = dict(reader.catalog)
    root_number = reader.size
    objects = _outline_objects(bookmarks, root_number, pages)
    catalog[Name("Outlines")] = Ref(root_number, 0)
    catalog[Name("PageMode")] = Name("UseOutlines")
    objects[reader.root.number] = serialize(catalog)

    out = bytearray(pdf if pdf.endswith((b"\n", b"\r")) else pdf + b"\n")
    offsets: dict[int, tuple[int, int]] = {}
    for number, body in sorted(objects.items()):
        generation = reader.root.generation if number == reader.root.number else 0
        offsets[number] = (len(out), generation)
        out += b"%d %d obj\n%s\nendobj\n" % (number, generation, body)
    xref = len(out)
    out += b"xref\n"
    for run in _runs(sorted(offsets)):
        out += b"%d %d\n" % (run[0], len(run))
        out += b"".join(b"%010d %05d n \n" % offsets[n] for n in run)
    trailer: dict[Name, Value] = {Name("Size"): max(reader.size, max(objects) + 1), Name("Root"): reader.root}
    for key in ("Info", "ID"):
        if key in reader.trailer:
            trailer[Name(key)] = reader.trailer[Name(key)]
    trailer[Name("Prev")] = reader.startxref
    out += b"trailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (serialize(trailer), xref)
    try:  # read back as the next reader will: never hand on a PDF whose pages it cannot find
        written = _Reader(bytes(out))
        same = written.pages() == pages and written.catalog.get(Name("Outlines")) == Ref(root_number, 0)
    except (PdfBookmarkError, RecursionError) as exc:
        raise PdfBookmarkError(f"the PDF with bookmarks does not read back: {exc}") from exc
    if not same:
        raise PdfBookmarkError("the PDF with bookmarks does not read back the same")
    return bytes(out)


def text_string(text: str) -> bytes:
    """``text`` as a PDF text string (a literal string in UTF-16BE with its byte order mark), for any Unicode."""
    raw = ("\ufeff" + text).encode("utf-16-be", errors="replace")
    escaped = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    # an unescaped end of line in a literal string reads as a line feed, whatever it was
    return b"(" + escaped.replace(b"\r", b"\\r").replace(b"\n", b"\\n") + b")"


def _walk(bookmarks: Sequence[Bookmark]) -> list[Bookmark]:
    """Every bookmark, each before those under it."""
    return [x for b in bookmarks for x in (b, *_walk(b.children))]


def _outline_objects(bookmarks: Sequence[Bookmark], root: int, pages: Sequence[Ref]) -> dict[int, bytes]:
    """The outline dictionary (object ``root``) and one object per bookmark after it, in order, all shown open."""
    objects: dict[int, bytes] = {}

    def numbers(siblings: Sequence[Bookmark], first: int) -> list[int]:
        starts = []
        for b in siblings:
            starts.append(first)
            first += 1 + len(_walk(b.children))
        return starts

    def items(siblings: Sequence[Bookmark], parent: int, first: int) -> None:
        own = numbers(siblings, first)
        for i, b in enumerate(siblings):
            entries = [b"/Title " + text_string(" ".join(b.title.split())), b"/Parent %d 0 R" % parent]
            if i:
                entries.append(b"/Prev %d 0 R" % own[i - 1])
            if i + 1 < len(siblings):
                entries.append(b"/Next %d 0 R" % own[i + 1])
            if b.children:
                under = numbers(b.children, own[i] + 1)
                entries += [b"/First %d 0 R" % under[0], b"/Last %d 0 R" % under[-1],
                            b"/Count %d" % len(_walk(b.children))]
                items(b.children, own[i], own[i] + 1)
            entries.append(b"/Dest [%d %d R /Fit]" % pages[b.page])
            objects[own[i]] = b"<<\n" + b"\n".join(entries) + b"\n>>"

    top = numbers(bookmarks, root + 1)
    objects[root] = b"<<\n/Type /Outlines\n/First %d 0 R\n/Last %d 0 R\n/Count %d\n>>" % (
        top[0], top[-1], len(_walk(bookmarks)))
    items(bookmarks, root, root + 1)
    return objects


def _runs(numbers: Sequence[int]) -> list[list[int]]:
    """Sorted object numbers as runs of consecutive ones (a cross-reference section's subsections)."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and runs[-1][-1] + 1 == n:
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs


# -- reading -----------------------------------------------------------------------------------------
class _Reader:
    """The parts of a PDF that adding bookmarks needs: its trailer, catalog, and where each object is."""

    def __init__(self, pdf: bytes) -> None:
        self.data = pdf
        if not pdf.startswith(b"%PDF-"):
            raise PdfBookmarkError("not a PDF (no %PDF- header)")
        at = pdf.rfind(b"startxref", max(0, len(pdf) - TAIL))
        if at < 0:
            raise PdfBookmarkError("no startxref at the end")
        self.startxref, _ = _integer(pdf, at + len(b"startxref"))
        self.offsets: dict[int, int] = {}
        self.trailer: dict[Name, Value] = {}
        seen: set[int] = set()
        section: int | None = self.startxref
        while section is not None:  # the newest section first: an object it gives is not looked up further back
            if section in seen or len(seen) >= MAX_DEPTH:
                raise PdfBookmarkError("the cross-reference sections' /Prev go round in a loop")
            seen.add(section)
            trailer = self._xref_section(section)
            for key, value in trailer.items():
                self.trailer.setdefault(key, value)
            prev = trailer.get(Name("Prev"))
            if prev is not None and not isinstance(prev, int):
                raise PdfBookmarkError("a trailer's /Prev is not an offset")
            section = prev
        size, root = self.trailer.get(Name("Size")), self.trailer.get(Name("Root"))
        if not isinstance(size, int) or not isinstance(root, Ref):
            raise PdfBookmarkError("the trailer has no /Size or /Root")
        self.size, self.root = size, root
        catalog = self.object(root)
        if not isinstance(catalog, dict) or catalog.get(Name("Type")) != "Catalog":
            raise PdfBookmarkError("/Root is not a catalog")
        self.catalog = catalog

    def _xref_section(self, offset: int) -> dict[Name, Value]:
        """Read the classic cross-reference section at ``offset`` into self.offsets; return its trailer."""
        data = self.data
        if not 0 <= offset < len(data) or not data.startswith(b"xref", offset):
            raise PdfBookmarkError(f"no classic cross-reference table at {offset} (a cross-reference stream?)")
        at = offset + len(b"xref")
        while True:
            at = _skip_space(data, at)
            if data.startswith(b"trailer", at):
                trailer, _ = _value(data, at + len(b"trailer"))
                if not isinstance(trailer, dict):
                    raise PdfBookmarkError("the trailer is not a dictionary")
                if Name("XRefStm") in trailer:
                    raise PdfBookmarkError("some objects are in cross-reference streams")
                return trailer
            first, at = _integer(data, at)
            count, at = _integer(data, at)
            for number in range(first, first + count):
                entry_offset, at = _integer(data, at)
                _generation, at = _integer(data, at)
                at = _skip_space(data, at)
                kind = data[at:at + 1]
                if kind not in (b"n", b"f"):
                    raise PdfBookmarkError(f"a cross-reference entry of object {number} is neither n nor f")
                at += 1
                if kind == b"n":
                    self.offsets.setdefault(number, entry_offset)
                else:
                    self.offsets.setdefault(number, -1)  # free here: an older section's offset no longer holds

    def object(self, ref: Value) -> Value:
        """The object ``ref`` names (its dictionary, for a stream)."""
        if not isinstance(ref, Ref):
            raise PdfBookmarkError(f"expected an object reference, found {ref!r}")
        offset = self.offsets.get(ref.number, -1)
        if offset < 0:
            raise PdfBookmarkError(f"object {ref.number} is not in the cross-reference table")
        number, at = _integer(self.data, offset)
        generation, at = _integer(self.data, at)
        at = _skip_space(self.data, at)
        if (number, generation) != ref or not self.data.startswith(b"obj", at):
            raise PdfBookmarkError(f"object {ref.number} is not where the cross-reference table says")
        value, _ = _value(self.data, at + len(b"obj"))
        return value

    def pages(self) -> list[Ref]:
        """Each page's object, in order, from the page tree."""
        pages: list[Ref] = []
        seen: set[Ref] = set()

        def visit(ref: Value, depth: int) -> None:
            if not isinstance(ref, Ref) or ref in seen or depth > MAX_DEPTH:
                raise PdfBookmarkError("the page tree is not a tree of object references")
            seen.add(ref)
            node = self.object(ref)
            if not isinstance(node, dict):
                raise PdfBookmarkError(f"page tree node {ref.number} is not a dictionary")
            kind = node.get(Name("Type"))
            if kind == "Page":
                pages.append(ref)
            elif kind == "Pages" or (kind is None and Name("Kids") in node):
                kids = node.get(Name("Kids"))
                if isinstance(kids, Ref):
                    kids = self.object(kids)
                if not isinstance(kids, list):
                    raise PdfBookmarkError(f"page tree node {ref.number} has no /Kids array")
                for kid in kids:
                    visit(kid, depth + 1)
            else:
                raise PdfBookmarkError(f"page tree node {ref.number} is neither /Pages nor /Page")

        visit(self.catalog.get(Name("Pages")), 0)
        if not pages:
            raise PdfBookmarkError("the PDF has no pages")
        return pages


def _skip_space(data: bytes, at: int) -> int:
    """The first position from ``at`` that is not white space or a comment."""
    while at < len(data):
        if data[at] in WHITESPACE:
            at += 1
        elif data[at] == ord("%"):
            while at < len(data) and data[at] not in b"\r\n":
                at += 1
        else:
            break
    return at


def _token(data: bytes, at: int) -> tuple[bytes, int]:
    """The run of regular characters (a number, a keyword) from ``at``, white space skipped first."""
    start = at = _skip_space(data, at)
    while at < len(data) and data[at] not in WHITESPACE and data[at] not in DELIMITERS:
        at += 1
    return data[start:at], at


def _integer(data: bytes, at: int) -> tuple[int, int]:
    token, end = _token(data, at)
    if not token.isdigit():
        raise PdfBookmarkError(f"expected a whole number at {at}, found {token[:20]!r}")
    return int(token), end


def _value(data: bytes, at: int, depth: int = 0) -> tuple[Value, int]:
    """The PDF object written at ``at`` (after white space), and where it ends."""
    if depth > MAX_DEPTH:
        raise PdfBookmarkError("objects nested too deeply")
    at = _skip_space(data, at)
    if at >= len(data):
        raise PdfBookmarkError("the file ends inside an object")
    if data.startswith(b"<<", at):
        result: dict[Name, Value] = {}
        at += 2
        while not data.startswith(b">>", at := _skip_space(data, at)):
            key, at = _value(data, at, depth + 1)
            if not isinstance(key, Name):
                raise PdfBookmarkError(f"a dictionary key at {at} is not a name")
            result[key], at = _value(data, at, depth + 1)
        return result, at + 2
    char = data[at:at + 1]
    if char == b"[":
        items: list[Value] = []
        at += 1
        while not data.startswith(b"]", at := _skip_space(data, at)):
            item, at = _value(data, at, depth + 1)
            items.append(item)
        return items, at + 1
    if char == b"/":
        token, end = _token(data, at + 1)
        return Name(_unescape_name(token)), end
    if char == b"(":
        return _literal_string(data, at)
    if char == b"<":
        end = data.find(b">", at)
        if end < 0:
            raise PdfBookmarkError("a hex string does not end")
        digits = bytes(c for c in data[at + 1:end] if c not in WHITESPACE)
        try:
            return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii")), end + 1
        except ValueError as exc:
            raise PdfBookmarkError(f"a bad hex string at {at}") from exc
    token, end = _token(data, at)
    keywords: dict[bytes, Value] = {b"true": True, b"false": False, b"null": None}
    if token in keywords:
        return keywords[token], end
    if token.isdigit():  # an integer, or the number of an object reference "12 0 R"
        generation, after = _token(data, end)
        if generation.isdigit():
            keyword, after = _token(data, after)
            if keyword == b"R":
                return Ref(int(token), int(generation)), after
        return int(token), end
    if NUMBER.fullmatch(token):
        return (int(token) if b"." not in token else Real(token)), end
    raise PdfBookmarkError(f"unexpected {data[at:at + 20]!r} at {at}")


def _unescape_name(token: bytes) -> str:
    out = bytearray()
    i = 0
    while i < len(token):
        if token[i] == ord("#") and _is_hex(token[i + 1:i + 3]):
            out.append(int(token[i + 1:i + 3], 16))
            i += 3
        else:
            out.append(token[i])
            i += 1
    return out.decode("latin-1")


def _is_hex(pair: bytes) -> bool:
    return len(pair) == 2 and all(c in b"0123456789abcdefABCDEF" for c in pair)


ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f",
           ord("("): b"(", ord(")"): b")", ord("\\"): b"\\"}


def _literal_string(data: bytes, at: int) -> tuple[bytes, int]:
    """The literal string that starts at ``at`` ("("), its escapes undone, and where it ends."""
    out = bytearray()
    depth = 0
    i = at + 1
    while i < len(data):
        c = data[i]
        if c == ord("\\"):
            nxt = data[i + 1:i + 2]
            if nxt and nxt[0] in ESCAPES:
                out += ESCAPES[nxt[0]]
                i += 2
            elif nxt and nxt in b"01234567":  # up to three octal digits
                end = i + 1
                while end < min(i + 4, len(data)) and data[end] in b"01234567":
                    end += 1
                out.append(int(data[i + 1:end], 8) & 0xFF)
                i = end
            elif nxt == b"\r":  # a line continued: the end of line is no part of the string
                i += 3 if data[i + 2:i + 3] == b"\n" else 2
            else:
                i += 2 if nxt == b"\n" else 1
            continue
        if c == ord("("):
            depth += 1
        elif c == ord(")"):
            if depth == 0:
                return bytes(out), i + 1
            depth -= 1
        out.append(c)
        i += 1
    raise PdfBookmarkError("a literal string does not end")


def serialize(value: Value) -> bytes:
    """``value`` written as a PDF object."""
    if isinstance(value, dict):
        return b"<<\n" + b"".join(b"%s %s\n" % (serialize(Name(k)), serialize(v)) for k, v in value.items()) + b">>"
    if isinstance(value, list):
        return b"[" + b" ".join(serialize(v) for v in value) + b"]"
    if isinstance(value, Ref):
        return b"%d %d R" % value
    if isinstance(value, Name):
        return b"/" + b"".join(bytes([c]) if 0x21 <= c <= 0x7E and c not in DELIMITERS and c != ord("#")
                               else b"#%02X" % c for c in value.encode("latin-1"))
    if isinstance(value, Real):
        return bytes(value)
    if isinstance(value, bytes):
        return b"<" + value.hex().encode("ascii") + b">"
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int):
        return b"%d" % value
    if value is None:
        return b"null"
    raise TypeError(f"cannot write {value!r} as a PDF object")
