"""Publish…: where to write the next data version, which private key signs it, and the as-of date; and,
before the supervisor confirms, what the draft changes against the data in use on this computer."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QBrush, QFontInfo, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.diff import PackDiff, diff_packs
from desktop.domain.model import Pack, format_day, iso_day, overdue_since
from desktop.domain.validation import future_as_of
from desktop.storage.file_lock import WAIT_SECONDS
from desktop.storage.library import PackLibrary
from desktop.storage.pack_file import PackError
from desktop.storage.publish import PublishBusy
from desktop.ui.dialog_memory import open_file_name, save_file_name
from desktop.ui.editor.fields import FieldError, line_edit, small_button
from desktop.ui.themes import EDITOR_SIZES
from desktop.ui.update_dialog import DiffView, HeadlineLookup, as_seen, scrolling
from desktop.ui.widgets import (
    FOCUS_MARGIN,
    SCREEN_MARGIN,
    VScrollArea,
    WrapLabel,
    fit_to_screen,
    named,
    plain_tip,
    without_stock_icons,
)

#: publish(target, private key, as_of) → None on success, else what went wrong in plain words; raises
#: PublishBusy while another publish on this computer is being written (the dialog tries again)
PublishFn = Callable[[Path, Path, dt.date], str | None]
#: how often the dialog tries again while another publish is being written, and for how long in all (as long as
#: the command line waits for it)
RETRY_MS = 250
RETRY_FOR_SECONDS = WAIT_SECONDS
BUSY_TEXT = "Another publish on this computer is being written; trying again…"
#: the dialog's width, and its height at most, when the screen and the editor window have room
WIDTH, MOST_HEIGHT = 720, 760
#: where the data in use on this computer came from (library.ActivePack.origin), in words
ORIGIN_WORDS = {"installed": "an update installed on this computer",
                "previous": "the update installed before the latest, which could not be used",
                "bundled": "the data built into the app"}
NOTHING_CHANGED = ("Nothing changed: no rule, situation, answer, search word or glossary term differs from the "
                   "data in use. Publishing gives officers a new data version with the same contents.")
NO_COMPARISON = "Could not read the data in use to compare with; you can still publish."


#: the as-of date as the app writes every day ("7 Dec 2026"), its month in English whatever the computer's language
DAY_FORMAT = "d MMM yyyy"
DAY_LOCALE = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


class DayEdit(QDateEdit):
    """A day shown as the app writes it, "7 Dec 2026", never "2026-12-07" or a locale's "12/7/26" (which is 7 Dec
    or 12 Jul?). Typed as easily as before: the day, then the month by name ("Dec") or by number ("12"), then the
    year; a whole date pasted (2026-12-07 or 7 Dec 2026) is taken at once. Alt+Down opens a calendar."""

    def __init__(self) -> None:
        super().__init__()
        self.setLocale(DAY_LOCALE)
        self.setDisplayFormat(DAY_FORMAT)
        self.setCalendarPopup(True)
        self._month_digits = ""  # a month being typed by number: "1" may become 1, 10, 11 or 12
        # the weekdays' row on the theme's own background: Qt paints it light, and the night theme's pale words
        # on it could not be read
        header = QTextCharFormat()
        header.setBackground(QBrush(Qt.GlobalColor.transparent))
        self.calendarWidget().setHeaderTextFormat(header)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._month_digits = ""
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        text = event.text()
        if event.key() == Qt.Key.Key_F4 or (event.key() == Qt.Key.Key_Down
                                            and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.open_calendar()  # as a drop-down list opens: Qt opens the calendar for the mouse only
            return
        if event.matches(QKeySequence.StandardKey.Paste) and self.paste_day(QGuiApplication.clipboard().text()):
            return
        if self.currentSection() == QDateTimeEdit.Section.MonthSection and len(text) == 1 and text.isdigit() \
                and text.isascii():
            self._type_month(text)
            return
        self._month_digits = ""
        super().keyPressEvent(event)

    def open_calendar(self) -> None:
        """Open the calendar, as a click on the field's arrow does (Qt has no call for it)."""
        option = QStyleOptionComboBox()
        option.initFrom(self)
        option.editable = True
        option.subControls = QStyle.SubControl.SC_All
        arrow = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxArrow, self)
        where = QPointF(arrow.center() if arrow.isValid() else QPoint(self.width() - 4, self.height() // 2))
        for kind in (QEvent.Type.MouseMove, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
            buttons = Qt.MouseButton.LeftButton if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton
            QApplication.sendEvent(self, QMouseEvent(kind, where, self.mapToGlobal(where), button, buttons,
                                                     Qt.KeyboardModifier.NoModifier))

    def _type_month(self, digit: str) -> None:
        """The month typed by its number, as the day and the year are typed: Qt's month by name took no digits."""
        digits = self._month_digits + digit
        if not 1 <= int(digits) <= 12:  # "13": the second digit starts the month again
            digits = digit
        month = int(digits)
        if month >= 1:
            self._set_month(month)
        done = len(digits) == 2 or month > 1  # "1" may become 10, 11 or 12; "0" waits for its digit
        self._month_digits = "" if done else digits
        if done:  # on to the year, selected to be typed over, as Qt goes on from a day typed in full
            self.setSelectedSection(QDateTimeEdit.Section.YearSection)

    def _set_month(self, month: int) -> None:
        day = self.date()
        first = QDate(day.year(), month, 1)
        wanted = QDate(day.year(), month, min(day.day(), first.daysInMonth()))
        self.setDate(min(max(wanted, self.minimumDate()), self.maximumDate()))
        self.setSelectedSection(QDateTimeEdit.Section.MonthSection)

    def paste_day(self, text: str) -> bool:
        """Take a whole date pasted (Ctrl+V, Shift+Insert): YYYY-MM-DD, or as the app writes it ("7 Dec 2026"). False
        (and nothing changed) when ``text`` is neither, or a day the field does not take (later than today): Qt moved
        "2099-01-01" to today, and "0001-01-01" to 14 Sep 1752, without a word, a date nobody gave."""
        text = " ".join(text.split())
        day = iso_day(text)
        if day is None:
            parsed = DAY_LOCALE.toDate(text, DAY_FORMAT)
            day = parsed.toPython() if parsed.isValid() else None
        if day is None:
            return False
        given = QDate(day.year, day.month, day.day)
        if not self.minimumDate() <= given <= self.maximumDate():
            return False
        self.setDate(given)
        return True


class PageScroll(VScrollArea):
    """The dialog's page above its buttons. Tab to a part taller than the page (a long list of changes) shows
    its top, where Qt's scroll area showed its middle."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 (Qt API)
        if not QWidget.focusNextPrevChild(self, next):
            return False
        focused = self.window().focusWidget()  # (the application's is None while another window is active)
        if focused is not None and self.widget().isAncestorOf(focused):
            if focused.height() + FOCUS_MARGIN > self.viewport().height():
                self.verticalScrollBar().setValue(focused.mapTo(self.widget(), QPoint(0, 0)).y())
            else:
                self.show_focus(focused)
        return True


@dataclass(frozen=True)
class Comparison:
    """What the draft changes against the data in use on this computer, for the dialog to show."""

    diff: PackDiff | None  # None: the data in use could not be read
    #: the data compared with, in words ('data version 3, as of 1 Feb 2026: the data built into the app'), or,
    #: with no diff, why it could not be read
    words: str
    headlines: HeadlineLookup | None = None


def compare_with_data_in_use(draft: Pack, library: PackLibrary) -> Comparison:
    """What publishing ``draft`` changes for officers: compared with the pack this computer's app runs on (an
    installed update, else the data built into the app), looked at read-only: a damaged installed pack is
    skipped, never moved, and no file is written."""
    # the words as the Data dialogs show a problem: Problem.text() (the file's name and the record's id as they
    # are) escaped once (as_seen). str(problem) escaped the line feeds only: a right-to-left override in a name
    # or a record id turned the tooltip's words around
    try:
        active = library.load_active(read_only=True)
    except PackError as exc:
        return Comparison(None, as_seen(exc.problems[0].text()) if exc.problems else "it could not be read")
    before = active.loaded.pack
    words = (f"data version {before.meta.data_version}, as of {format_day(before.meta.as_of)}: "
             f"{ORIGIN_WORDS.get(active.origin) or as_seen(active.loaded.path.name)}")
    return Comparison(diff_packs(before, draft), words, HeadlineLookup(draft, before))


class PublishDialog(QDialog):
    """Collects the publish settings and runs ``publish_fn``; stays open showing the error if it fails."""

    def __init__(self, publish_fn: PublishFn, next_version: int, target: Path, key: Path | None,
                 today: dt.date, parent: QWidget | None = None, as_of: dt.date | None = None,
                 draft_version: int | None = None, expires_after_days: int | None = None,
                 comparison: Comparison | None = None) -> None:
        """``as_of``: the date the pack's law is current as of now, which publishing keeps unless changed
        (it defaulted to today, so fixing a typo re-dated the law and restarted the review clock).
        ``draft_version``: the draft's own data version; when ``next_version`` is more than one above it
        (a later version was published already), the dialog says why. ``expires_after_days``: the pack's
        review period; when the as-of date is so old that officers' apps would show the pack out of date from
        the day it arrives, the dialog says so under the date. ``comparison``: what the draft changes against
        the data in use, shown under the fields (scrolling when long), or that it could not be compared."""
        super().__init__(parent)
        named(self, "publishDialog", "Publish the data pack")
        self.setWindowTitle("Publish the data pack")
        self.publish_fn = publish_fn
        layout = QVBoxLayout(self)
        # everything above the buttons scrolls as one page: at the largest text on 1024 × 600 the intro lost its
        # first and last lines and the list of changes kept two lines, the buttons taking the rest
        self.page = QWidget()
        self.page.setObjectName("publishPage")
        page = QVBoxLayout(self.page)
        page.setContentsMargins(0, 0, 0, 0)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setObjectName("publishIntro")
        page.addWidget(self.intro)
        form = self.form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.target = line_edit("publishTarget", "Publish to file")
        self.propose(next_version, target, draft_version)
        form.addRow(self._label("Publish to", self.target), self._with_browse(self.target, "publishTargetBrowse",
                                                                             self._browse_target))
        self.key = line_edit("publishKey", "Private key file", "the .pem file only you can read")
        if key is not None:
            self.key.setText(str(key))
        form.addRow(self._label("Signing key", self.key), self._with_browse(self.key, "publishKeyBrowse",
                                                                           self._browse_key))
        self.as_of = named(DayEdit(), "publishAsOf", "Law current as of")
        # as wide as the date: stretched across the dialog, "7 Dec 2026" sat at the far left of an empty box
        self.as_of.setSizePolicy(QSizePolicy.Policy.Fixed, self.as_of.sizePolicy().verticalPolicy())
        kept = as_of or today
        self.as_of.setMaximumDate(QDate(today.year, today.month, today.day))  # never a date still to come
        self.as_of.setDate(QDate(kept.year, kept.month, kept.day))
        form.addRow(self._label("Law current as of", self.as_of), self.as_of)
        page.addLayout(form)
        self.today = today
        self.expires_after_days = expires_after_days
        self.stale_note = QLabel()
        self.stale_note.setObjectName("publishStaleNote")
        self.stale_note.setWordWrap(True)
        self.stale_note.setTextFormat(Qt.TextFormat.PlainText)
        page.addWidget(self.stale_note)
        # A draft as of a day still to come: the field cannot hold it and showed today, with no word, while the
        # Problems list said "publish refuses it". The dialog says it refused it, until another date is set.
        self.refused_as_of = kept if future_as_of(kept, today) else None
        self.future_note = QLabel()
        self.future_note.setObjectName("publishFutureNote")
        self.future_note.setWordWrap(True)
        self.future_note.setTextFormat(Qt.TextFormat.PlainText)
        page.addWidget(self.future_note)
        self.as_of.dateChanged.connect(lambda _d: self._update_stale_note())
        self._update_stale_note()
        self.diff_view: DiffView | None = None
        self.changes_box: QFrame | None = None
        if comparison is not None:
            self._add_changes(page, comparison)
        page.addStretch(1)  # room left when a note hides goes below the last line
        self.page_scroll = scrolling(self.page, "publishScroll", "Publish the data pack", PageScroll)
        layout.addWidget(self.page_scroll, 1)
        self.busy_note = QLabel()
        self.busy_note.setObjectName("publishBusyNote")
        self.busy_note.setWordWrap(True)
        self.busy_note.hide()
        layout.addWidget(self.busy_note)
        self.error = FieldError("publishError")
        layout.addWidget(self.error)
        # another publish holds the lock: try again from the event loop, the window answering meanwhile (waiting
        # in publish froze it for up to WAIT_SECONDS)
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self._attempt)
        self.finished.connect(self.retry_timer.stop)  # Cancel while waiting publishes nothing
        self._request: tuple[Path, Path, dt.date] | None = None
        self._give_up_at = 0.0
        self.buttons = without_stock_icons(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel))
        self.buttons.setObjectName("publishButtons")
        self.publish_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.publish_button.setText("Publish")
        named(self.publish_button, "publishOk", "Publish")
        named(self.buttons.button(QDialogButtonBox.StandardButton.Cancel), "publishCancel", "Cancel")
        self.buttons.accepted.connect(self.try_publish)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._fit_height(self._width())

    def _width(self) -> int:
        """WIDTH at the editor's normal text size, wider with a larger text as far as the editor window and the
        screen allow: at the largest text on 1024 × 600 the intro and the date's note took eight lines of
        720 px, and the list of changes showed two lines between them and the buttons."""
        self.ensurePolished()  # the editor's type (its style sheet), not Qt's default
        width = round(WIDTH * max(1.0, QFontInfo(self.font()).pixelSize() / EDITOR_SIZES["desk"]))
        parent, screen = self.parentWidget(), self.screen()
        for room in ([parent.size()] if parent is not None and parent.width() > 0 else []) + \
                ([screen.availableGeometry().size()] if screen is not None else []):
            width = min(width, room.width() - SCREEN_MARGIN)
        return width

    def _add_changes(self, layout: QVBoxLayout, comparison: Comparison) -> None:
        """What publishing changes, under a heading: the existing "What changed" view, in a box under the
        fields; or, plainly, that nothing changed, or that there was nothing to compare with."""
        self.changes_heading = self._line("What this changes for officers", "publishChangesHeading",
                                          "formSection")
        layout.addWidget(self.changes_heading)
        diff = comparison.diff
        if diff is None:
            self.no_comparison = self._line(NO_COMPARISON, "publishNoComparison")
            self.no_comparison.setToolTip(plain_tip(comparison.words))
            self.no_comparison.setAccessibleDescription(comparison.words)
            layout.addWidget(self.no_comparison)
            return
        self.compared_with = self._line(f"Compared with the data in use on this computer, {comparison.words}.",
                                        "publishComparedWith", "muted")
        layout.addWidget(self.compared_with)
        if diff.says_the_same:
            self.nothing_changed = self._line(NOTHING_CHANGED, "publishNothingChanged")
            layout.addWidget(self.nothing_changed)
            return
        self.diff_view = DiffView(diff, "publishDiff", comparison.headlines)
        self.diff_view.layout().setContentsMargins(8, 6, 8, 6)  # clear of the list's border
        # in a box that scrolls with the page (a list scrolling inside a page that scrolls showed two lines). Tab
        # reaches it after the date, and the arrow and page keys scroll the page: a supervisor at a desk reads a
        # long list without the mouse
        self.changes_box = named(QFrame(), "publishChanges", "What this changes for officers")
        self.changes_box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        box = QVBoxLayout(self.changes_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.diff_view)
        layout.addWidget(self.changes_box)

    @staticmethod
    def _line(text: str, object_name: str, role: str = "") -> WrapLabel:
        label = WrapLabel(text, role, object_name)  # no indent: a heading's rule below it indented its words
        label.setAccessibleName(text)
        return label

    def _fit_height(self, width: int, at_least: int = 0) -> None:
        """Tall enough for all the words at this width, up to MOST_HEIGHT and within the screen and the editor
        window: the page above the buttons scrolls where they do not fit, the buttons stay in sight."""
        self.ensurePolished()  # the editor's type in every label, and the layouts' sizes measured again with it
        layout = self.layout()
        for stale in (self.form, self.page.layout(), layout):  # (measured before the type was the editor's)
            stale.invalidate()
        margins = layout.contentsMargins()
        page = self.page.layout().totalHeightForWidth(width - margins.left() - margins.right())
        # the rest: the buttons, and a note or an error shown (with no wrapped label shown, no height for a width)
        whole = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
        height = max(whole - self.page_scroll.sizeHint().height() + page + 2 * self.page_scroll.frameWidth(),
                     at_least)
        fit_to_screen(self, width, min(height, MOST_HEIGHT), within=self.parentWidget())

    def propose(self, next_version: int, target: Path, draft_version: int | None) -> None:
        """Say which data version publishing writes (and why it is above the draft's) and offer ``target``."""
        skipped = ""
        if draft_version is not None and next_version > draft_version + 1:
            skipped = (f"The draft says data version {draft_version}, but version {next_version - 1} has been "
                       f"published or installed on this computer already, so this one is {next_version}: a data "
                       "version is never used twice. ")
        self.intro.setText(
            f"Publishing writes data version {next_version} to a new file and signs it with your department's "
            f"private key (a .sig file is written next to it). {skipped}Officers' apps install only signed "
            "packs. Change the date the law is current as of only when you have checked the law again.")
        self.target.setText(str(target))
        if hasattr(self, "buttons"):  # proposed again, with the dialog open: its words may need another line
            self._fit_height(self.width(), self.height())

    def _update_stale_note(self) -> None:
        """Say when the as-of date makes the pack out of date on arrival (the review period counts from it), and,
        while the field holds the today it showed in its place, that the draft's date still to come was refused."""
        text = ""
        if self.expires_after_days is not None:
            as_of = self.as_of_date()
            due = overdue_since(as_of, self.expires_after_days, self.today)
            if due is not None:
                text = (f"⚠ Officers' apps will show this pack as OUT OF DATE from the day it arrives: with the law "
                        f"as of {format_day(as_of)}, an update was due on "
                        f"{format_day(due)}. If you have checked the law again, set the day you "
                        "checked it.")
        self.stale_note.setText(text)
        self.stale_note.setAccessibleName(text)
        self.stale_note.setVisible(bool(text))
        refused = ""
        if self.refused_as_of is not None and self.as_of_date() == self.today:
            why = future_as_of(self.refused_as_of, self.today)
            refused = (f"⚠ Publishing refuses the draft's date: {why}. Today is filled in instead: set the day "
                       "you last checked the law.")
        self.future_note.setText(refused)
        self.future_note.setAccessibleName(refused)
        self.future_note.setVisible(bool(refused))

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _with_browse(self, edit: QLineEdit, name: str, handler: Callable[[], None]) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        button = small_button("Browse…", name, f"Browse for the {edit.accessibleName().lower()}")
        button.clicked.connect(handler)
        row.addWidget(button)
        box.setFocusProxy(edit)
        return box

    def _browse_target(self) -> None:
        name, _ = save_file_name(self, "Publish to", self.target.text(), "Data packs (*.json)")
        if name:
            self.target.setText(name)

    def _browse_key(self) -> None:
        name, _ = open_file_name(self, "Private signing key", self.key.text() or str(Path.home()),
                                              "Private keys (*.pem *.key);;All files (*)")
        if name:
            self.key.setText(name)

    def as_of_date(self) -> dt.date:
        d = self.as_of.date()
        return dt.date(d.year(), d.month(), d.day())

    def try_publish(self) -> None:
        target, key = self.target.text().strip(), self.key.text().strip()
        if not target:
            self.error.show_error("Choose the file to publish to.")
            self.target.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if not key:
            self.error.show_error("Choose the private key file that signs the pack.")
            self.key.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.error.show_error("")
        self._request = (Path(target).expanduser(), Path(key).expanduser(), self.as_of_date())
        self._give_up_at = time.monotonic() + RETRY_FOR_SECONDS
        self._attempt()

    def _attempt(self) -> None:
        """Publish what Publish was pressed for; while another publish is being written, say so and try again
        in RETRY_MS, for RETRY_FOR_SECONDS in all."""
        assert self._request is not None
        try:
            problem = self.publish_fn(*self._request)
        except PublishBusy:
            if time.monotonic() < self._give_up_at:
                self._show_busy(BUSY_TEXT)
                self.retry_timer.start()
                return
            problem = (f"Another publish on this computer was still being written after {RETRY_FOR_SECONDS:.0f} "
                       "seconds, so this pack was not published. Press Publish to try again.")
        self._show_busy("")
        if problem:
            self.error.show_error(problem)
            self._fit_height(self.width(), self.height())  # two lines of it squeezed the fields
            return
        self.accept()

    def _show_busy(self, text: str) -> None:
        self.busy_note.setText(text)
        self.busy_note.setAccessibleName(text)
        self.busy_note.setVisible(bool(text))
        self.publish_button.setEnabled(not text)
