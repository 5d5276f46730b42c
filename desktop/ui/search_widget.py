"""Search everywhere: the one search field (in the top bar) and the results page it drives.

Results come as you type (lightly debounced), mixed provisions, scenarios and glossary terms, each with
a type badge, its citation and a snippet with the matching words highlighted. A query that finds nothing
but clearly misspells one known word lists that word's results, a line above them saying so; otherwise
no results offers the closest known words instead of a dead end."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from math import ceil
from typing import NamedTuple

from PySide6.QtCore import (
    Property,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model import JURISDICTIONS, Pack
from desktop.domain.rescission import rescission_notice
from desktop.domain.search import RESULT_LIMIT, Hit, SearchIndex
from desktop.ui.search_results_model import KIND_BADGES, NO_NOTE, IdRole, KindRole, Note, SearchResultsModel
from desktop.ui.widgets import (
    BANNER_ICONS,
    CUT_TRAILING,
    MEASURE_EVENTS,
    Button,
    Heading,
    RowOpener,
    WrapLabel,
    clear_layout,
    least_width,
    named,
    page_layout,
    touch_scroll,
)

DEBOUNCE_MS = 120
ROWS_KEPT = 64  # laid-out result rows kept: two keystrokes of results
HEIGHTS_KEPT = 2048  # row heights kept (a few numbers each): dropped together when full
MIN_ROW_HEIGHT = 56  # px: a result row is never shorter (a touch target)
#: A result's snippet shows this many lines at most (more where its first match is further down), ending in
#: "…": at the largest text on an 800 × 600 screen a six-line snippet made a result 386 px tall, taller than
#: the list, so not one result showed whole.
SNIPPET_LINES = 2
#: Where the column beside the type badge would hold fewer characters than this a line (the largest text on a
#: 1024-pixel screen: a badge column of 183 px left 746 for the words, and one title took three lines), the
#: badge starts the citation line under the title instead, and the words take the row's whole width.
LEAST_CHARS_BESIDE_BADGE = 55
#: A page shorter than this (px: a 600-pixel-high screen, the in-car laptop's 1024 × 600 or 800 × 600) keeps
#: smaller margins and gaps round the filters, and the results list takes the room.
SHORT_PAGE = 540
#: Words offered where a query finds nothing the guide holds, and named as examples in the empty box's hint
EXAMPLE_WORDS = ("detainer", "warrant", "lot")
_EXAMPLES_NAMED = f"{', '.join(EXAMPLE_WORDS[:-1])} or {EXAMPLE_WORDS[-1]}"
#: The filters' label, and its short words for a row with room for the chips and a short label only (the
#: largest text on a 1024-pixel screen: "Only rules from:" and "Top 20 results" each took two lines there).
FILTER_LABEL = "Only rules from:"
FILTER_LABEL_SHORT = "Only:"
JURISDICTION_LABELS = {
    "federal": "Federal",
    "state": "State",
    "county": "County",
    "city": "City",
    "department": "Department",
}


def match_ranges(text: str, spans: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """The (start, length) of each (start, end) span that lies inside ``text``, in reading order; spans
    that overlap an earlier one, are empty or run past the end are dropped (spans may be unsorted)."""
    out: list[tuple[int, int]] = []
    cursor = 0
    for start, end in sorted((int(a), int(b)) for a, b in spans):
        if start < cursor or end <= start or end > len(text):
            continue
        out.append((start, end - start))
        cursor = end
    return out


_HTML_SPACE = " \t\n\f\r"  # what HTML folds: ASCII white space (a no-break space stays one)
_SPACING_TO_FOLD = re.compile(r"[\t\n\f\r]|  ")


def fold_spacing(text: str, ranges: Sequence[tuple[int, int]] = ()) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each run of white space (line breaks, tabs, several spaces) shown as one space, as the
    HTML rows showed them, and the (start, length) ``ranges`` moved to the same words."""
    if ("  " not in text and text.isprintable()) or _SPACING_TO_FOLD.search(text) is None:  # the usual case
        return text, list(ranges)
    out: list[str] = []
    where = [0] * (len(text) + 1)  # where each character of ``text`` lands in the folded text
    in_space = False
    for i, char in enumerate(text):
        where[i] = len(out)
        if char in _HTML_SPACE:
            if not in_space:
                out.append(" ")
            in_space = True
        else:
            out.append(char)
            in_space = False
    where[len(text)] = len(out)
    return "".join(out), [(where[start], where[start + length] - where[start]) for start, length in ranges]


def utf16_ranges(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``ranges`` (start, length) in Python's characters, as QTextLayout counts: UTF-16 units, in which a
    character outside the Basic Multilingual Plane (an emoji, 𝟙) takes two."""
    if not ranges or text.isascii() or len(text.encode("utf-16-le")) == 2 * len(text):
        return ranges
    def units(end: int) -> int:
        return len(text[:end].encode("utf-16-le")) // 2
    return [(units(start), units(start + length) - units(start)) for start, length in ranges]


def is_right_to_left(text: str) -> bool:
    """Whether ``text`` reads right to left, by its first strongly directional character (as Qt decides
    a paragraph's direction)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def _line_width(label: QWidget, text: str) -> int:
    """The width ``label`` needs to show ``text`` on one line."""
    margins = label.contentsMargins()
    return label.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right() + 1  # +1: it rounds


def _format_range(start: int, length: int, char_format: QTextCharFormat) -> QTextLayout.FormatRange:
    found = QTextLayout.FormatRange()
    found.start, found.length, found.format = start, length, char_format
    return found


def rescission_note(pack: Pack | None, hit: Hit, today: dt.date) -> Note:
    """What a result must say of itself on ``today``, as the provision page does (rescission_notice): a
    caution, "Rescinded on 1 Mar 2026: no longer the law", for a provision rescinded by then; for one whose
    recorded rescission is still to come, "To be rescinded on 1 Mar 2026: in force until then"; else none."""
    if hit.kind != "provision" or pack is None:
        return NO_NOTE
    provision = pack.provision(hit.id)
    return NO_NOTE if provision is None else rescission_notice(provision, today)


class _Fonts:
    """What a row's layout and paint take from the list's font, made once for each font (a text-size change brings
    another): the title's, the notes' and the badges' fonts, the badges' sizes, the bold of a match. Each was made
    again for every row measured or painted, with a ``QFont.key()`` (about 8 µs) to look the row up by."""

    __slots__ = ("font", "key", "title", "caution", "info", "bold", "line_height", "badge", "badge_small",
                 "badge_width", "badge_height", "inline_badge", "least_beside")

    def __init__(self, font: QFont) -> None:
        self.font = QFont(font)
        self.key = font.key()
        self.title = QFont(font)
        self.title.setBold(True)
        self.title.setPixelSize(round(font.pixelSize() * 1.15) if font.pixelSize() > 0 else 20)
        self.caution, self.info = QFont(font), QFont(font)
        self.caution.setBold(True)
        self.caution.setItalic(False)
        self.info.setBold(False)
        self.info.setItalic(True)  # quieter than a caution, yet set apart from the snippet
        self.bold = QTextCharFormat()
        self.bold.setFontWeight(QFont.Weight.Bold)
        self.line_height = QFontMetricsF(font).height()
        self.badge, self.badge_small = badge_font(font), badge_font(font, small=True)
        self.badge_width = _badge_width(self.badge)
        self.badge_height = QFontMetrics(self.badge).height() + 8
        #: the badge's room where it starts the citation line: width with its gap, height
        self.inline_badge = (_badge_width(self.badge_small) + ResultDelegate.BADGE_GAP // 2,
                             QFontMetrics(self.badge_small).height() + 4)
        self.least_beside = QFontMetrics(font).averageCharWidth() * LEAST_CHARS_BESIDE_BADGE


def _badge_width(font: QFont) -> int:
    """The width of a type badge in ``font``: the widest of the three, so that they line up."""
    metrics = QFontMetrics(font)
    return max(metrics.horizontalAdvance(word) for word in ("Situation", "Rule", "Term")) + 20


class _RowText:
    """One result's words laid out at one width: the title (bold, larger), the citation line, its note (after
    the mark of its kind's banner: a caution in bold after ⚠, a rescission still to come in italics after ℹ)
    and the snippet (matches in bold), each a QTextLayout with its top, and the height of them all. A
    QTextDocument built from HTML did the same at about 2.5 times the cost a row, and every keystroke lays out
    its new rows. Colours are not part of it: they are the painter's, at paint time (theme, selection)."""

    __slots__ = ("title", "meta", "badge_top", "note", "caution", "snippet", "matches", "height", "drawn")

    def __init__(self, hit: Hit, font: QFont | _Fonts, width: int, note: Note = NO_NOTE,
                 badge: tuple[int, int] = (0, 0)) -> None:
        """``badge``: the room (width with its gap, height) of the type badge where it starts the citation line,
        under the title (a narrow list: the largest text on a 1024-pixel screen); (0, 0) where it stands beside
        the words."""
        fonts = font if isinstance(font, _Fonts) else _Fonts(font)
        font, bold = fonts.font, fonts.bold
        #: the snippet's matches as painted, with the format they were made for (the theme's, the selection's)
        self.drawn: tuple[QTextCharFormat, list[QTextLayout.FormatRange]] | None = None
        snippet, matches = fold_spacing(hit.snippet, match_ranges(hit.snippet, hit.spans))
        self.matches = utf16_ranges(snippet, matches)
        jurisdiction = JURISDICTION_LABELS.get(hit.jurisdiction, "")
        top = 0.0
        self.title, top = _lay_out(fold_spacing(hit.title)[0], fonts.title, width, top)
        meta = fold_spacing(" · ".join(part for part in (hit.citation, jurisdiction) if part))[0]
        self.meta: QTextLayout | None = None
        badge_room, badge_height = badge
        self.badge_top = 0.0  # where the badge's top is, from the title's
        if badge_room:
            line_height = fonts.line_height
            block = max(line_height, badge_height)  # the badge and the citation's first line, centred on each other
            self.badge_top = top + (block - badge_height) / 2
            bottom = top + block
            if meta:
                self.meta, bottom = _lay_out(meta, font, width - badge_room, top + (block - line_height) / 2,
                                             left=badge_room)
            top = max(bottom, top + block)
        elif meta:
            self.meta, top = _lay_out(meta, font, width, top)
        self.note: QTextLayout | None = None
        kind, words = note
        self.caution = kind == "caution"
        if words:
            self.note, top = _lay_out(f"{BANNER_ICONS.get(kind, BANNER_ICONS['info'])} {words}",
                                      fonts.caution if self.caution else fonts.info, width, top + 2)
        snippet_top = top + 2
        self.snippet, top = _lay_out(snippet, font, width, snippet_top,
                                     [_format_range(start, length, bold) for start, length in self.matches])
        if self.snippet.lineCount() > SNIPPET_LINES:
            self.snippet, top = self._cut_snippet(snippet, font, width, snippet_top, bold)
        self.height = ceil(top)

    def _cut_snippet(self, snippet: str, font: QFont, width: int, top: float,
                     bold: QTextCharFormat) -> tuple[QTextLayout, float]:
        """The snippet down to SNIPPET_LINES lines, or to the line of its first match, cut at a word with "…"
        (the matches after the cut no longer marked)."""
        layout = self.snippet
        first = self.matches[0][0] if self.matches else 0
        keep = max(SNIPPET_LINES, layout.lineForTextPosition(first).lineNumber() + 1)
        if keep >= layout.lineCount():
            return layout, top + sum(layout.lineAt(i).height() for i in range(layout.lineCount()))
        line = layout.lineAt(keep - 1)
        end = line.textStart() + line.textLength()  # in UTF-16 units, as the matches are
        text = snippet.encode("utf-16-le")[: 2 * end].decode("utf-16-le", "ignore").rstrip()
        while True:
            cut = f"{text.rstrip(CUT_TRAILING)}…"  # as cut_words ends a title: no "(…" or "·…"
            units = len(cut.encode("utf-16-le")) // 2 - 1  # before the "…"
            self.matches = [(start, length) for start, length in self.matches if start + length <= units]
            shown, bottom = _lay_out(cut, font, width, top,
                                     [_format_range(start, length, bold) for start, length in self.matches])
            if shown.lineCount() <= keep or not text:
                return shown, bottom
            space = text.rfind(" ")  # the "…" took a line of its own: one word less (a letter, in a long word)
            text = text[:space] if space > 0 else text[:-1]


def _lay_out(text: str, font: QFont, width: int, top: float,
             formats: list[QTextLayout.FormatRange] | None = None, left: float = 0) -> tuple[QTextLayout, float]:
    """``text`` wrapped at ``width`` (at word boundaries, or anywhere in a word too long for a line), its
    lines from ``top`` down and ``left`` across, right-aligned when it reads right to left; returns the layout and where the
    next block starts. The layout keeps its shaped glyphs: without that, Qt throws them away at endLayout and
    shapes the words again each time the row is painted (about 8 % of a keystroke's instructions in the window)."""
    layout = QTextLayout(text, font)
    layout.setCacheEnabled(True)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    if is_right_to_left(text):
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight)
    layout.setTextOption(option)
    if formats:
        layout.setFormats(formats)
    layout.beginLayout()
    y = top
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        line.setPosition(QPointF(left, y))
        y += line.height()
    layout.endLayout()
    return layout, y


class ResultsView(QListView):
    """The results list. Its colours for badges and highlights come from the theme's QSS
    (``qproperty-badgeSituation`` and so on), so no colour is hard-coded here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colors = {
            "badgeSituation": QColor("#1f5fbf"),
            "badgeRule": QColor("#5a3d8a"),
            "badgeTerm": QColor("#2f6b4f"),
            "badgeText": QColor("#ffffff"),
            "matchBackground": QColor("#ffe08a"),
            "matchText": QColor("#000000"),
            "mutedText": QColor("#555555"),
            "cautionText": QColor("#7a4300"),
        }
        self.colors_version = 0

    def color(self, name: str) -> QColor:
        return self._colors[name]

    def _getter(name: str):  # type: ignore[no-untyped-def]  # noqa: N805
        return lambda self: self._colors[name]

    def _setter(name: str):  # type: ignore[no-untyped-def]  # noqa: N805
        def set_color(self: ResultsView, value: QColor) -> None:
            self._colors[name] = QColor(value)
            self.colors_version += 1  # what the delegate made from the colours is made again
            self.viewport().update()

        return set_color

    badgeSituation = Property(QColor, _getter("badgeSituation"), _setter("badgeSituation"))  # noqa: N815
    badgeRule = Property(QColor, _getter("badgeRule"), _setter("badgeRule"))  # noqa: N815
    badgeTerm = Property(QColor, _getter("badgeTerm"), _setter("badgeTerm"))  # noqa: N815
    badgeText = Property(QColor, _getter("badgeText"), _setter("badgeText"))  # noqa: N815
    matchBackground = Property(QColor, _getter("matchBackground"), _setter("matchBackground"))  # noqa: N815
    matchText = Property(QColor, _getter("matchText"), _setter("matchText"))  # noqa: N815
    mutedText = Property(QColor, _getter("mutedText"), _setter("mutedText"))  # noqa: N815
    cautionText = Property(QColor, _getter("cautionText"), _setter("cautionText"))  # noqa: N815
    del _getter, _setter


_BADGE_COLORS = {"scenario": "badgeSituation", "provision": "badgeRule"}  # the rest: "badgeTerm"


class _RowKey(NamedTuple):
    """What a row's text layout depends on: its words, the width left beside the badge, and the font."""

    title: str
    citation: str
    jurisdiction: str
    note: Note
    snippet: str
    spans: tuple[tuple[int, int], ...]
    width: int
    font: str  # QFont.key()
    badge: tuple[int, int]  # the badge's room on the citation line (width with its gap, height); (0, 0) beside


class ResultDelegate(QStyledItemDelegate):
    """Paints one hit: a type badge, then title, citation line and highlighted snippet, wrapped."""

    PAD = 12
    BADGE_GAP = 14

    def __init__(self, view: ResultsView, model: SearchResultsModel) -> None:
        super().__init__(view)
        self._view = view
        self._model = model
        # Laid-out rows by what they are made from (words, width, font): a keystroke sizes every result
        # row, and most rows were already there a keystroke ago. Their heights are kept longer.
        self._rows: dict[_RowKey, _RowText] = {}
        self._heights: dict[_RowKey, int] = {}
        self._fonts: dict[str, _Fonts] = {}  # by QFont.key()
        self._last_fonts: _Fonts | None = None
        self._marks: tuple[int, QTextCharFormat, QTextCharFormat] | None = None  # colours' version, plain, selected

    def _fonts_for(self, font: QFont) -> _Fonts:
        """What rows take from ``font``: the last font's, when ``font`` equals it (a fraction of a microsecond,
        where its ``key()`` took about 8)."""
        fonts = self._last_fonts
        if fonts is None or fonts.font != font:
            key = font.key()
            fonts = self._fonts.get(key)
            if fonts is None:
                fonts = self._fonts[key] = _Fonts(font)
            self._last_fonts = fonts
        return fonts

    def _row_key(self, option: QStyleOptionViewItem, hit: Hit, total: int, note: Note = NO_NOTE) -> _RowKey:
        fonts = self._fonts_for(option.font)
        beside = total - 2 * self.PAD - fonts.badge_width - self.BADGE_GAP
        if beside >= fonts.least_beside:
            return _RowKey(hit.title, hit.citation, hit.jurisdiction, note, hit.snippet, hit.spans, max(120, beside),
                           fonts.key, (0, 0))
        return _RowKey(hit.title, hit.citation, hit.jurisdiction, note, hit.snippet, hit.spans,
                       max(120, total - 2 * self.PAD), fonts.key, fonts.inline_badge)

    def _row_text(self, option: QStyleOptionViewItem, hit: Hit, key: _RowKey) -> _RowText:
        rows = self._rows
        row = rows.pop(key, None)  # taken out and put back last: the rows painted a keystroke ago are kept longest
        if row is None:
            if len(rows) >= ROWS_KEPT:
                del rows[next(iter(rows))]  # the one used longest ago
            row = _RowText(hit, self._fonts_for(option.font), key.width, key.note, key.badge)
        rows[key] = row
        return row

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        # The list sizes every row on each keystroke. The view's own option carries the font the rows are
        # drawn in (the model sets no font), and a row's height depends only on its words, width and font:
        # remembered, so a row still listed a keystroke later is not laid out again.
        total = self._view.viewport().width() or 800
        hit = self._model.hit(index.row())
        if hit is None:
            return QSize(total, MIN_ROW_HEIGHT)
        key = self._row_key(option, hit, total, self._model.note(index.row()))
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= HEIGHTS_KEPT:
                self._heights.clear()
            height = self._heights[key] = self._row_text(option, hit, key).height
        return QSize(total, max(MIN_ROW_HEIGHT, height + 2 * self.PAD))

    def badge_rect(self, rect: QRect, font: QFont, row: _RowText, key: _RowKey) -> QRectF:
        """Where a row's type badge is, in ``rect`` (the row less its padding), for the list's ``font``."""
        if key.badge != (0, 0):
            return QRectF(rect.left(), rect.top() + row.badge_top, key.badge[0] - self.BADGE_GAP // 2, key.badge[1])
        fonts = self._fonts_for(font)
        return QRectF(rect.left(), rect.top(), fonts.badge_width, fonts.badge_height)

    def _match_formats(self) -> tuple[QTextCharFormat, QTextCharFormat]:
        """match_format's two formats (plain, selected), made again only when the theme's colours change."""
        version = self._view.colors_version
        marks = self._marks
        if marks is None or marks[0] != version:
            marks = self._marks = (version, match_format(self._view, False), match_format(self._view, True))
        return marks[1], marks[2]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        opt.text = ""
        style = self._view.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, self._view)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = opt.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        hit = self._model.hit(index.row())
        if hit is None:
            painter.restore()
            return
        # the width the row was measured at (sizeHint), so the words wrap as they were measured
        key = self._row_key(opt, hit, opt.rect.width(), self._model.note(index.row()))
        row = self._row_text(opt, hit, key)
        # the type badge: beside the words, or starting the citation line under the title (key.badge)
        inline = key.badge != (0, 0)
        fonts = self._fonts_for(opt.font)
        painter.setFont(fonts.badge_small if inline else fonts.badge)
        badge = self.badge_rect(rect, opt.font, row, key)
        color_name = _BADGE_COLORS.get(hit.kind, "badgeTerm")
        path = QPainterPath()
        path.addRoundedRect(badge, 6, 6)
        painter.fillPath(path, self._view.color(color_name))
        if selected:  # a badge the colour of the selection (high contrast's yellow Rule) keeps its shape
            painter.strokePath(path, QPen(opt.palette.highlightedText().color(), 2))
        painter.setPen(self._view.color("badgeText"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, KIND_BADGES.get(hit.kind, hit.kind))
        # the text block
        text_left = rect.left() if inline else badge.right() + self.BADGE_GAP
        painter.translate(text_left, rect.top())
        view = self._view
        text_color = opt.palette.highlightedText().color() if selected else opt.palette.text().color()
        painter.setPen(text_color)
        origin = QPointF(0, 0)
        row.title.draw(painter, origin)
        if row.meta is not None:
            painter.setPen(text_color if selected else view.color("mutedText"))
            row.meta.draw(painter, origin)
        if row.note is not None:  # in words after ⚠ or ℹ, never by its colour alone
            painter.setPen(view.color("cautionText") if row.caution and not selected else text_color)
            row.note.draw(painter, origin)
        painter.setPen(text_color)
        marked = self._match_formats()[selected]
        drawn = row.drawn
        if drawn is None or drawn[0] is not marked:
            drawn = row.drawn = (marked, [_format_range(start, length, marked) for start, length in row.matches])
        row.snippet.draw(painter, origin, drawn[1])
        painter.restore()
        if opt.state & QStyle.StateFlag.State_HasFocus:
            painter.save()
            pen_color = self._view.color("badgeSituation")
            painter.setPen(pen_color)
            painter.drawRect(opt.rect.adjusted(1, 1, -2, -2))
            painter.restore()


def badge_font(font: QFont, small: bool = False) -> QFont:
    """The type badge's font: ``font`` in bold; ``small``, where the badge starts the citation line, so as to
    sit in the line's height, at 85 % of its size."""
    bold = QFont(font)
    bold.setBold(True)
    if small:
        if font.pixelSize() > 0:
            bold.setPixelSize(max(1, round(font.pixelSize() * 0.85)))
        else:
            bold.setPointSizeF(font.pointSizeF() * 0.85)
    return bold


def match_format(view: ResultsView, selected: bool) -> QTextCharFormat:
    """How a matched word is drawn: bold on the theme's match colour; in the selected row bold and
    underlined, since on the selection's colour the match's own background vanished (night)."""
    marked = QTextCharFormat()
    marked.setFontWeight(QFont.Weight.Bold)
    if selected:
        marked.setFontUnderline(True)
    else:
        marked.setBackground(view.color("matchBackground"))
        marked.setForeground(view.color("matchText"))
    return marked


class SearchPage(QWidget):
    """Results for the current query, with jurisdiction chips and a helpful 'no results' panel."""

    result_opened = Signal(str, str)  # kind ("provision", "scenario", "term"), id
    results_shown = Signal(int)  # how many hits the last search found
    suggestion_chosen = Signal(str)
    filters_changed = Signal()
    #: the selected result in words, for a screen reader: the search box keeps the focus while ↑/↓ move
    #: the selection, so the list itself is never read out ("" when nothing is selected)
    selection_described = Signal(str)

    def __init__(
        self, index: SearchIndex | None = None, parent: QWidget | None = None, unavailable: bool = False,
        pack: Pack | None = None, today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        named(self, "searchPage", "Search results")
        self._index = index
        self._pack = pack  # the pack searched: its provisions' rescission dates mark the results
        self._today = today  # asked at each search (and check_day): a rescission shows from its day
        self._unavailable = unavailable  # the index could not be built: say so instead of "getting ready"
        self._query = ""
        self._pending: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)

        layout = page_layout(self, margins=20, spacing=10)
        self._margins = (layout.contentsMargins(), layout.spacing())  # as on a page that is not short
        self.short = False
        # The labels and the chips share a row where it fits; on a narrow window (an 800-pixel screen, larger
        # text) the labels take a line above the chips, which alone set the page's least width
        # (_fit_filter_rows): on one row they held the window at up to 961 px, past the screen's edge.
        self.filter_box = QWidget()
        self.filter_box.setObjectName("searchFilters")
        rows = QVBoxLayout(self.filter_box)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(6)
        self._labels_row = QHBoxLayout()
        self._labels_row.setSpacing(8)
        rows.addLayout(self._labels_row)
        chips_row = QHBoxLayout()
        chips_row.setSpacing(8)
        self._chips_row = chips_row
        # Both labels wrap rather than widen the window: at the largest text, or with every filter named
        # in the count ("… in federal, state, county, city, department rules"), one line would not fit
        # an in-car laptop's 1024-pixel screen.
        self.filter_label = WrapLabel(FILTER_LABEL, role="muted", object_name="filterLabel")
        chips_row.addWidget(self.filter_label, 0)
        self.chips: dict[str, Button] = {}
        for jurisdiction in JURISDICTIONS:
            label = JURISDICTION_LABELS[jurisdiction]
            chip = named(
                Button(label), f"chip_{jurisdiction}", f"Filter: {label}",
                f"Show only {label.lower()} rules",
            )
            chip.setCheckable(True)
            chip.setProperty("kind", "chip")
            chip.toggled.connect(self._on_chip_toggled)
            chips_row.addWidget(chip)
            self.chips[jurisdiction] = chip
        chips_row.addStretch(1)
        self.count_label = WrapLabel("", role="muted", object_name="resultCount")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count_label.setAccessibleName("Result count")
        self._count_text = ""  # the whole count; the label may show it without the filters' names
        chips_row.addWidget(self.count_label, 0)
        rows.addLayout(chips_row)
        layout.addWidget(self.filter_box)
        self.filters_wrapped = False  # the labels on their own line above the chips
        self._chips_width: int | None = None  # the chips' least width, for the type sizes in use

        # A query that finds nothing but clearly means one known word ("warent") lists that word's results at
        # once, this line saying so: a tired officer gets answers, not a suggestion to tap.
        self.correction_label = WrapLabel("", object_name="searchCorrection")
        self.correction_label.hide()
        layout.addWidget(self.correction_label)

        self.stack = QStackedWidget()
        self.stack.setObjectName("searchStack")
        self.model = SearchResultsModel(self)
        self.view = named(ResultsView(), "searchResults", "Search results list")
        self.view.setModel(self.model)
        self.view.setItemDelegate(ResultDelegate(self.view, self.model))
        self.view.setUniformItemSizes(False)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(True)
        self.view.clicked.connect(self._open_index)
        self.view.activated.connect(self._open_index)
        RowOpener(self.view)
        self.view.selectionModel().currentChanged.connect(self._describe_selection)
        touch_scroll(self.view)
        self.stack.addWidget(self.view)

        self.empty_panel = QWidget()
        self.empty_panel.setObjectName("noResultsPanel")
        empty_layout = QVBoxLayout(self.empty_panel)
        empty_layout.setContentsMargins(4, 12, 4, 4)
        empty_layout.setSpacing(12)
        self.empty_title = Heading("No results", object_name="noResultsTitle")
        empty_layout.addWidget(self.empty_title)
        self.empty_hint = WrapLabel("", role="muted", object_name="noResultsHint")
        empty_layout.addWidget(self.empty_hint)
        self.suggestion_row = QHBoxLayout()
        self.suggestion_row.setSpacing(8)
        empty_layout.addLayout(self.suggestion_row)
        self.suggestion_buttons: list[Button] = []
        self.clear_filters_button = named(Button("Clear the filters"), "clearFiltersButton", "Clear the filters")
        self.clear_filters_button.clicked.connect(self.clear_filters)
        empty_layout.addWidget(self.clear_filters_button, 0, Qt.AlignmentFlag.AlignLeft)
        empty_layout.addStretch(1)
        self.stack.addWidget(self.empty_panel)
        layout.addWidget(self.stack, 1)
        # The first results are the best ones: a keystroke lists RESULT_LIMIT of them (an officer reads three
        # to six rows on an in-car screen, and narrows the words rather than scroll far); the rest are one
        # press away, RESULT_LIMIT more at a time.
        self._shown = RESULT_LIMIT
        self._more_exist = False
        self.more_button = named(Button(f"Show {RESULT_LIMIT} more results"), "moreResultsButton",
                                 f"Show {RESULT_LIMIT} more results")
        self.more_button.clicked.connect(self.show_more)
        self.more_button.hide()
        # shown once the list is read to its end, so it takes no room from the results above it
        bar = self.view.verticalScrollBar()
        bar.valueChanged.connect(self._offer_more)
        bar.rangeChanged.connect(self._offer_more)
        layout.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.setTabOrder(list(self.chips.values())[-1], self.view)
        self.setTabOrder(self.view, self.more_button)

    # -- inputs --------------------------------------------------------------------------------------
    def _measure_filters(self) -> int:
        """The least width of the chips on one row (as QBoxLayout adds them up), measured once for the type
        sizes in use."""
        if self._chips_width is None:
            chips = [least_width(chip) for chip in self.chips.values()]
            self._chips_width = sum(chips) + self._chips_row.spacing() * (len(chips) - 1)
            if self.filter_box.minimumWidth() != self._chips_width:
                self.filter_box.setMinimumWidth(self._chips_width)  # the page may be narrower than the one row
        return self._chips_width

    def _fit_filter_rows(self) -> None:
        """The labels beside the chips, each on one line, where the row has room for them (in fewer words where
        only those fit: the count without the filters the chips show, then "Only:"), else on a line above in
        full (see __init__)."""
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right() - self._measure_filters() - 2 * self._chips_row.spacing()
        count = self._count_text
        short_count = count.split(" in ", 1)[0]
        fits = [(label, words) for label, words in ((FILTER_LABEL, count), (FILTER_LABEL, short_count),
                                                    (FILTER_LABEL_SHORT, short_count))
                if _line_width(self.filter_label, label) + _line_width(self.count_label, words) <= room]
        wrapped = not fits
        label, words = fits[0] if fits else (FILTER_LABEL, count)
        self.filter_label.setText(label)
        self.count_label.setText(words)
        self.count_label.setToolTip(count if words != count else "")
        if wrapped == self.filters_wrapped:
            return
        self.filters_wrapped = wrapped
        if wrapped:
            self._labels_row.addWidget(self.filter_label, 0)
            self._labels_row.addStretch(1)
            self._labels_row.addWidget(self.count_label, 0)
        else:
            while self._labels_row.count():
                self._labels_row.takeAt(0)  # the stretch goes; the labels move back to the chips' row
            self._chips_row.insertWidget(0, self.filter_label, 0)
            self._chips_row.addWidget(self.count_label, 0)

    def _set_count(self, text: str) -> None:
        self._count_text = text
        self._fit_filter_rows()  # its longest word may no longer fit beside the chips

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fit_filter_rows()
        self._fit_margins()

    def _fit_margins(self) -> None:
        """Smaller margins and gaps on a short page (SHORT_PAGE), the usual ones again on a taller one."""
        short = 0 < self.height() < SHORT_PAGE
        if short == self.short:
            return
        self.short = short
        margins, spacing = self._margins
        layout = self.layout()
        if short:
            layout.setContentsMargins(margins.left(), 8, margins.right(), 8)
            layout.setSpacing(6)
        else:
            layout.setContentsMargins(margins)
            layout.setSpacing(spacing)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() in MEASURE_EVENTS:  # new type sizes: the chips are measured again
            self._chips_width = None
            self._fit_filter_rows()

    def set_index(self, index: SearchIndex | None, unavailable: bool = False) -> None:
        """Search this index from now on; None while a new one is being built ("Getting search ready…"),
        or, with ``unavailable``, when it could not be built."""
        self._index = index
        self._unavailable = unavailable
        if self._query:
            self._run(self._query)

    @property
    def query(self) -> str:
        return self._query

    def filters(self) -> tuple[str, ...]:
        return tuple(j for j, chip in self.chips.items() if chip.isChecked())

    def set_filters(self, filters: tuple[str, ...]) -> None:
        for jurisdiction, chip in self.chips.items():
            chip.blockSignals(True)
            chip.setChecked(jurisdiction in filters)
            chip.blockSignals(False)

    def clear_filters(self) -> None:
        self.set_filters(())
        self._on_chip_toggled()

    def schedule(self, query: str) -> None:
        """Search for ``query`` after a short pause in typing."""
        self._pending = query
        self._timer.start()

    def flush(self) -> None:
        """Run a scheduled search now (Enter pressed, or the pause is over)."""
        self._timer.stop()
        if self._pending is not None:
            query, self._pending = self._pending, None
            self._run(query)

    def search_now(self, query: str) -> None:
        self._pending = None
        self._timer.stop()
        self._run(query)

    def _on_chip_toggled(self, _checked: bool = False) -> None:
        self.filters_changed.emit()
        if self._query:
            self._run(self._query)

    def show_more(self) -> None:
        """List RESULT_LIMIT more results of the same search; the first new one is selected."""
        if self._index is None or not self._query.strip():
            return
        first_new = self.model.rowCount()
        self.view.setFocus()  # the button hides itself next: the focus stays with the results, not the top bar
        self._list_more()
        if self.model.rowCount() > first_new:
            self.view.setCurrentIndex(self.model.index(first_new, 0))
            self.view.scrollTo(self.model.index(first_new, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    def _list_more(self) -> None:
        self._shown += RESULT_LIMIT
        self._run(self._query, more=True)

    def _offer_more(self, *_args: object) -> None:
        """Show "Show more" once the list has been read to its end, and keep it for these results: hiding it
        again on scrolling up would grow the list, move its end, and flicker."""
        bar = self.view.verticalScrollBar()
        if self._more_exist and not self.more_button.isVisibleTo(self) and bar.value() >= bar.maximum():
            self.more_button.show()

    def _run(self, query: str, more: bool = False) -> None:
        if not more:  # a new search (words, filters, pack) starts with the first results again
            self._shown = RESULT_LIMIT
        self._query = query
        self._more_exist = False
        self.more_button.hide()
        if self._index is None:
            self.model.set_hits([])  # results of a pack no longer shown must not stay clickable
            self._set_count("")
            self.stack.setCurrentWidget(self.empty_panel)
            if self._unavailable:
                self.empty_title.setText("Search is not available")
                self.empty_hint.setText(
                    "The rules could not be indexed for searching. Use Home and the list of situations, or "
                    "restart the app; the error log has the details for IT."
                )
            else:
                self.empty_title.setText("Getting search ready…")
                self.empty_hint.setText("The rules are being indexed. What you typed is searched as soon as it is ready.")
            self._set_suggestions([])
            self.clear_filters_button.hide()
            self._show_correction(query, None)
            return
        filters = self.filters()
        # one more than it lists, to know whether there are more to offer (no snippet made for that one)
        found, corrected = self._index.search_or_corrected(query, limit=self._shown + 1, jurisdictions=filters or None,
                                                           snippets=self._shown) \
            if query.strip() else ([], None)
        self._show_correction(query, corrected)
        hits, more_exist = found[: self._shown], len(found) > self._shown
        self.model.set_hits(hits, self._notes(hits))
        if hits:
            self._more_exist = more_exist  # before the selection, whose description says "of 20 or more"
            self.stack.setCurrentWidget(self.view)
            self.view.setCurrentIndex(self.model.index(0, 0))
            self.view.scrollToTop()
            where = f" in {', '.join(JURISDICTION_LABELS[f].lower() for f in filters)} rules" if filters else ""
            count = f"Top {len(hits)} results" if more_exist else f"{len(hits)} result{'s' if len(hits) != 1 else ''}"
            self._set_count(count + where)
            self._offer_more()
        else:
            self._show_no_results(query, filters)
        self.results_shown.emit(len(hits))

    def _show_correction(self, query: str, corrected: str | None) -> None:
        """Say that the results listed are for ``corrected``, what the officer's ``query`` clearly meant (it
        found nothing); hide the line for None."""
        if corrected is None:
            if not self.correction_label.isHidden():
                self.correction_label.hide()
                self.view.setAccessibleDescription("")
            return
        text = f"No results for “{query.strip()}”. Showing results for “{corrected}”."
        self.correction_label.setText(text)
        self.correction_label.setAccessibleName(text)
        # a screen reader hears the line with the list and with the selected result: the box keeps the focus,
        # and what it says is the selection's description (_describe_selection), not the line above the list
        self.view.setAccessibleDescription(text)
        self.correction_label.show()

    def _notes(self, hits: Sequence[Hit]) -> list[Note]:
        today = self._today()
        return [rescission_note(self._pack, hit, today) for hit in hits]

    def check_day(self) -> None:
        """Mark the results listed again for today (the day changed while they were shown), keeping the
        selected one."""
        hits = self.model.hits()
        notes = self._notes(hits)
        if notes == self.model.notes():
            return
        row = self.view.currentIndex().row()
        self.model.set_hits(hits, notes)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.scrollTo(self.model.index(row, 0))

    def _show_no_results(self, query: str, filters: tuple[str, ...]) -> None:
        assert self._index is not None
        self.stack.setCurrentWidget(self.empty_panel)
        self._set_count("")
        if not query.strip():
            self.empty_title.setText("Type to search")
            self.empty_hint.setText(f"Search rules, situations and terms: a word such as {_EXAMPLES_NAMED}.")
            self._set_suggestions([])
            self.clear_filters_button.hide()
            self.selection_described.emit("")  # the box's own usage again
            return
        self.empty_title.setText(f"No results for “{query.strip()}”")
        unfiltered = self._index.search(query, limit=1) if filters else []
        suggestions = [] if unfiltered else self._index.suggest(query)
        if unfiltered:
            self.empty_hint.setText("There are results, but not with these filters on.")
        elif suggestions:
            self.empty_hint.setText("Did you mean one of these? Tap one to search for it.")
        else:
            # a word the guide does not use ("interpreter", "passport"): words that find something, to tap
            # (gloves, a moving car), not to read and type again
            suggestions = [word for word in EXAMPLE_WORDS if self._index.search(word, limit=1, jurisdictions=filters or None)]
            self.empty_hint.setText("Try fewer or shorter words, or tap one of these:"
                                    if suggestions else "Try fewer or shorter words.")
        self.clear_filters_button.setVisible(bool(filters))
        self._set_suggestions(suggestions)
        # the box keeps the focus, so a screen reader hears the page through its description, as a result's:
        # it heard the box's usage and nothing of "No results" or the words offered to tap under it
        offered = f" {', '.join(suggestions)}." if suggestions else ""
        self.selection_described.emit(f"{self.empty_title.text()}. {self.empty_hint.text()}{offered}")

    def _set_suggestions(self, words: list[str]) -> None:
        clear_layout(self.suggestion_row)
        self.suggestion_buttons = []
        for word in words:
            button = named(Button(word), "suggestionButton", f"Search for {word}")
            button.setProperty("kind", "chip")
            button.clicked.connect(lambda _checked=False, w=word: self.suggestion_chosen.emit(w))
            self.suggestion_row.addWidget(button)
            self.suggestion_buttons.append(button)
        self.suggestion_row.addStretch(1)

    # -- keyboard and opening -------------------------------------------------------------------------
    def _describe_selection(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        if not current.isValid():
            self.selection_described.emit("")
            return
        count = f"{self.model.rowCount()}{' or more' if self._more_exist else ''}"
        words = current.data(Qt.ItemDataRole.AccessibleTextRole)
        corrected = "" if self.correction_label.isHidden() else self.correction_label.text() + " "
        self.selection_described.emit(f"{corrected}Result {current.row() + 1} of {count}: {words}")

    def move_selection(self, delta: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        current = self.view.currentIndex().row()
        row = 0 if current < 0 else min(max(current + delta, 0), rows - 1)
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.scrollTo(self.model.index(row, 0))

    def reading_place(self) -> tuple[QPersistentModelIndex, bool] | None:
        """The result to keep in sight when the rows change size (return_to): the chosen one where it shows, else
        the one at the top of the list (None at the list's top, which stays the top). True: the chosen one."""
        view = self.view
        current = view.currentIndex()
        if current.isValid() and view.visualRect(current).intersects(view.viewport().rect()):
            return QPersistentModelIndex(current), True
        top = view.indexAt(view.viewport().rect().topLeft())
        if top.isValid() and view.verticalScrollBar().value() > 0:
            return QPersistentModelIndex(top), False
        return None

    def return_to(self, place: tuple[QPersistentModelIndex, bool] | None) -> None:
        """After a new text size: the rows laid out at their new heights, the result ``place`` names in sight
        again (the chosen one as little scrolled as shows it, the top one at the top)."""
        if place is None or not place[0].isValid():
            return
        index, chosen = self.model.index(place[0].row(), 0), place[1]
        self.view.doItemsLayout()
        hint = QAbstractItemView.ScrollHint.EnsureVisible if chosen else QAbstractItemView.ScrollHint.PositionAtTop
        self.view.scrollTo(index, hint)

    def select_result(self, kind: str, item_id: str) -> bool:
        """Select this result and bring it into view (the one opened before Back), listing more results
        when it was opened from beyond the first ones ("Show more")."""
        while True:
            for row in range(self.model.rowCount()):
                index = self.model.index(row, 0)
                if index.data(KindRole) == kind and index.data(IdRole) == item_id:
                    self.view.setCurrentIndex(index)
                    self.view.scrollTo(index)
                    return True
            if not self._more_exist:
                return False
            self._list_more()

    def open_current(self) -> bool:
        """Open the selected hit (the first when none is selected). False when there is none."""
        index = self.view.currentIndex()
        if not index.isValid():
            index = self.model.index(0, 0)
        if not index.isValid():
            return False
        self._open_index(index)
        return True

    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self.result_opened.emit(str(index.data(KindRole)), str(index.data(IdRole)))
