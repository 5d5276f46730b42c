"""The main window: a top bar (back, forward, home, the search box, theme, text size, data, help), banners,
and the pages. Screens are kept in a back/forward history like a browser's.

The Data menu installs a signed update, goes back to the previous data, shows what's new (with a receipt),
opens the supervisors' editor on a copy, and holds the trainers' actions in their own submenu. After the
first frame the watched folder is checked for an update in a background thread (:meth:`scan_inbox`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.domain.model import format_day
from desktop.domain.validation import name_as_seen
from desktop.runtime import collector_paused, short_switch_interval
from desktop.storage.pack_file import shown_text
from desktop.ui import keys
from desktop.ui.data_loading import DataState, load_data
from desktop.ui.history import HOME, PROBLEMS, PROVISION, SEARCH, TERM, WIZARD, History, Location
from desktop.ui.home_page import HomePage
from desktop.ui.lazy_qt import Qt
from desktop.ui.settings import TEXT_STEP_MAX, TEXT_STEP_MIN, THEMES, Settings, clamp_text_step
from desktop.ui.themes import THEME_LABELS, Themes
from desktop.ui.widgets import (
    Banner,
    BannerScroll,
    Button,
    SearchField,
    VScrollArea,
    announce,
    cut_words,
    first_frame_shown,
    fit_to_screen,
    least_width,
    named,
    plain_tip,
    set_plain_tip,
)

if TYPE_CHECKING:  # the pages are imported when first shown, to keep start-up fast
    from PySide6.QtGui import QCloseEvent, QPaintEvent, QResizeEvent
    from PySide6.QtWidgets import QMessageBox

    from desktop.domain.search import SearchIndex
    from desktop.storage.history import HistoryEntry
    from desktop.storage.library import InboxResult, InstallRefused, PackLibrary
    from desktop.ui.about_dialog import AboutDialog, KeysDialog
    from desktop.ui.editor import EditorWindow
    from desktop.ui.problems_page import ProblemsPage
    from desktop.ui.provision_page import ProvisionPage
    from desktop.ui.report_dialog import ReportDialog
    from desktop.ui.search_widget import SearchPage
    from desktop.ui.term_page import TermPage
    from desktop.ui.update_dialog import WhatsNewDialog
    from desktop.ui.wizard_page import WizardPage

THEME_GLYPHS = {"day": "☀", "night": "☾", "contrast": "◐"}
DEFAULT_SIZE = (1280, 800)
TRAINING_ACTIONS_DELAY_MS = 100
#: short enough to sit beside the pack's version and "as of" date at 800 × 600 and the largest text; no reason given
#: (a full disk, a read-only folder, a settings file left unread as a pipe or as too large)
SETTINGS_NOT_SAVED = "Not saved: works until you close the app."
#: lines of a notice from loading the data shown before its More button
NOTICE_LINES = 2
#: the banners take at most two fifths of the window's height, and scroll beyond it (BannerScroll)
BANNER_ROOM = 0.4
FROM_IT_FOLDER = " (installed from the IT folder)"
#: Why a file in the watched folder was not installed, in a few words (the full message is in the tooltip).
INBOX_REASON_WORDS = {
    "signature": "signature missing, untrusted or broken",
    "invalid": "not a valid data pack",
    "not_newer": "not newer",
    "schema_too_new": "needs a newer app",
    "unreadable": "could not be read",
    "stale": "the data changed meanwhile",
}

log = logging.getLogger(__name__)

#: The status bar's own margins and gaps beside the pack line (px): what the line may not take of the window
STATUS_MARGIN = 24


def ms_until_next_day(now: dt.datetime) -> int:
    """Milliseconds from ``now`` to a second past the next midnight (a timer may fire a little early)."""
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), now.tzinfo)
    return max(int((midnight - now).total_seconds() * 1000) + 1000, 1000)


@contextmanager
def _busy() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def _is_status_tip(popup: QWidget, message: str) -> bool:
    """Whether ``message`` is the status tip of the item ``popup`` (a menu) has just reached, hovered or arrowed to:
    the item itself is what a screen reader says there, and its tip told as well was heard as if the app had said
    something."""
    item = popup.activeAction() if isinstance(popup, QMenu) else None
    return item is not None and item.statusTip() == message


class MainWindow(QMainWindow):
    first_painted = Signal()  # the window's first frame is on screen (start-up measurement, index build)
    page_shown = Signal(str)  # the kind of the location now shown
    theme_changed = Signal(str)
    text_size_changed = Signal(int)
    data_reloaded = Signal(int)  # the window now shows another data pack (its data version; 0: none)
    inbox_scanned = Signal(object)  # list[InboxResult] from the watched folder, after any reload
    search_index_ready = Signal()  # the background build of the search index arrived and is in use

    def __init__(
        self,
        data: DataState,
        settings: Settings,
        themes: Themes,
        index: SearchIndex | None = None,
        today: dt.date | Callable[[], dt.date] | None = None,
        library: PackLibrary | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setAccessibleName(APP_NAME)
        self.data = data
        self.pack = data.loaded.pack if data.loaded else None
        self.settings = settings
        self.themes = themes
        self._given_today = today  # tests fix the day, or give a clock; otherwise current_day() follows the clock
        self._day_seen: dt.date | None = None  # the day the out-of-date notice was last checked for
        self._day_timer: QTimer | None = None  # fires after the next midnight (started after the first frame)
        self.history = History(Location(HOME))
        self._page_message = ""  # the last message about a page, cleared when another page shows
        self._told: tuple[QWidget, str, str] | None = None  # (widget, its own description, the message told it)
        self._theme = settings.theme
        self._text_step = settings.text_step
        self._painted = False
        self._library = library
        #: The data version this computer showed before this session ("What's new" starts there).
        self._seen_before = settings.last_pack_version
        self._update_note = ""  # how the data got updated, for the banner (e.g. from the IT folder)
        self.notice_box: QMessageBox | None = None  # a notice's whole words (its banner's More)
        self._scanning = False
        self._index_generation = 0  # bumped per build: a build for a pack no longer shown is dropped
        self._index_unavailable = False  # the last build failed
        self._editors_used = False
        self._training_actions: list[QAction] | None = None
        self.inbox_results: list[InboxResult] | None = None
        self.whats_new_dialog: WhatsNewDialog | None = None

        # The style sheet first: set on a window already full of widgets, it re-polishes each one (~20 ms)
        self.setProperty("theme", self._theme)
        self.setStyleSheet(self.themes.style_sheet(self._theme, self._text_step))
        central = QWidget()
        central.setObjectName("central")
        root = QVBoxLayout(central)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self._build_top_bar())
        self.banner_area = QWidget()
        self.banner_area.setObjectName("bannerArea")
        self.banner_layout = QVBoxLayout(self.banner_area)
        self.banner_layout.setContentsMargins(12, 8, 12, 0)
        self.banner_layout.setSpacing(6)
        # the banners scroll beyond two fifths of the window (BannerScroll): whole, they could push it past the screen
        self.banner_scroll = BannerScroll(self.banner_area, "bannerScroll", BANNER_ROOM)
        root.addWidget(self.banner_scroll)
        self._show_banner_area(False)  # shown with the first banner: no empty gap on a small screen
        self.banners: list[Banner] = []
        self._fallback_banner: Banner | None = None  # "… could not be loaded", until put away (_fit_fallback_banner)
        self._with_ok: list[Banner] = []  # the banners with an OK (_add_dismiss), shown or put away
        self.ok_all_button: Button | None = None  # "OK all (N)" under the banners, while two or more have an OK

        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        root.addWidget(self.stack, 1)
        self._index = index
        self.home_page = HomePage(self.pack)
        self.pages: dict[str, QWidget] = {HOME: self.home_page}
        self.stack.addWidget(self.home_page)
        self._page_factories = {
            SEARCH: self._make_search_page,
            PROVISION: self._make_provision_page,
            TERM: self._make_term_page,
            WIZARD: self._make_wizard_page,
            PROBLEMS: self._make_problems_page,
        }
        self.setCentralWidget(central)

        # The pack's version and "as of" date on the right, always; messages ("Citation copied.") on the
        # left. With a stretch the label took the whole bar and messages were set but never seen.
        self.status_label = QLabel()
        self.status_label.setObjectName("packStatus")
        self.statusBar().setObjectName("statusBar")
        self.statusBar().addPermanentWidget(self.status_label)
        self.statusBar().setSizeGripEnabled(False)
        self.statusBar().messageChanged.connect(self._fit_pack_status)
        self.statusBar().messageChanged.connect(self._tell_message)

        self._connect()
        self._build_actions()
        self._show_pack_info()
        self._apply_style()
        self._measure_top_bar()  # before the window is sized: it may be narrower than the whole bar
        self._restore_geometry()
        # off the start-up path: after the first frame and the work queued for it (search index, inbox scan)
        # (first_painted is emitted once; no Qt.ConnectionType here: nothing touches Qt before the first frame)
        self.first_painted.connect(lambda: QTimer.singleShot(TRAINING_ACTIONS_DELAY_MS, self, self._after_first_frame))
        if data.failed:
            self.problems_page.show_problems(data)
            first = Location(PROBLEMS)
            self.history = History(first)
            self._show(first)
        else:
            self._show(self.history.current)

    # -- construction --------------------------------------------------------------------------------
    def _build_top_bar(self) -> QWidget:
        bar = QFrame()
        bar.setObjectName("topBar")
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(8)
        self.top_bar, self._bar_layout = bar, layout

        def tool(text: str, name: str, accessible: str, tip: str) -> Button:
            button = named(Button(text), name, accessible)
            button.setToolTip(tip)
            button.setProperty("kind", "tool")
            layout.addWidget(button)
            return button

        key = keys.platform_writer()  # the keys of the tips, from the table the window binds: (⌘K) on macOS
        self.back_button = tool("◀", "backButton", "Back", f"Back ({key(keys.BACK[0])})")
        self.forward_button = tool("▶", "forwardButton", "Forward", f"Forward ({key(keys.FORWARD[0])})")
        self.home_button = tool("⌂  Home", "homeButton", "Home", f"Home ({key(keys.HOME[0])})")
        self.home_button.setProperty("kind", "toolText")
        self.search_field = SearchField()
        self._search_usage = self.search_field.accessibleDescription()  # said again once no result is selected
        layout.addWidget(self.search_field, 1)
        self.clear_button = tool("✕", "clearSearchButton", "Clear the search", f"Clear the search ({key(keys.CLEAR_SEARCH[0])})")
        layout.addSpacing(8)
        # Checkable, but in no exclusive group: in one, an arrow key that only moved past a button chose its
        # theme (the whole screen flipped to Day at night). set_theme checks the one in use.
        self.theme_buttons: dict[str, Button] = {}
        for name in THEMES:
            label = THEME_LABELS[name]
            button = tool(THEME_GLYPHS[name], f"theme_{name}", f"{label} theme", f"{label} theme")
            button.setCheckable(True)
            button.setProperty("kind", "toolToggle")
            self.theme_buttons[name] = button
        layout.addSpacing(8)
        self.smaller_button = tool("A−", "textSmallerButton", "Smaller text", f"Smaller text ({key(keys.SMALLER_TEXT[0])})")
        self.larger_button = tool("A+", "textLargerButton", "Larger text", f"Larger text ({key(keys.LARGER_TEXT[0])})")
        self.data_button = tool("Data", "dataButton", "Data",
                                "Data updates and what's new (also: supervisors' editor, trainers' tools)")
        self.data_button.setProperty("kind", "toolText")
        self.data_menu = named(QMenu(self.data_button), "dataMenu", "Data menu")
        self.data_menu.setToolTipsVisible(True)

        def item(name: str, text: str, tip: str) -> QAction:
            act = self.data_menu.addAction(text)
            act.setObjectName(name)
            act.setToolTip(tip)
            act.setStatusTip(tip)
            return act

        self.install_action = item("installUpdateAction", "Install data update…",
                                   "Install a signed data update from a file (shows what changes first)")
        self.revert_action = item("revertDataAction", "Revert to previous data…",
                                  "Go back to the data in use before the last update")
        self.whats_new_action = item("whatsNewAction", "What's new",
                                     "What changed in the data, and a receipt to sign")
        self.data_menu.addSeparator()
        self.edit_data_action = item("editDataAction", "Edit data (supervisors)…",
                                     "Open the data editor on a copy you choose (the data in use is never changed)")
        self.data_menu.addSeparator()
        self.train_menu = named(QMenu("Training (trainers)", self.data_menu), "trainMenu", "Training menu")
        self.train_menu.setToolTipsVisible(True)
        self.data_menu.addMenu(self.train_menu)
        self.data_button.setMenu(self.data_menu)
        self.help_button = tool("Help", "helpButton", "Help",
                                f"About and disclaimer ({key(keys.ABOUT[0])}), keyboard keys, report a problem with this screen")
        self.help_button.setProperty("kind", "toolText")
        self.help_menu = named(QMenu(self.help_button), "helpMenu", "Help menu")
        self.about_action = self.help_menu.addAction("About and disclaimer")
        self.about_action.setObjectName("aboutAction")
        self.keys_action = self.help_menu.addAction("Keyboard keys")
        self.keys_action.setObjectName("keysAction")
        # in the menu, with its key shown, and in the window, where its key works from any page (_build_actions)
        self.report_action = self.help_menu.addAction("Report a problem with this screen…")
        self.report_action.setObjectName("reportAction")
        self.help_button.setMenu(self.help_menu)
        # A window too narrow for the whole bar (an 800-pixel screen: it was 956 px wide at the least, and Data,
        # Help and the right of every page were past the screen's edge) puts the themes, Data and Help under
        # one Menu button (_fit_top_bar).
        self.menu_button = tool("Menu", "menuButton", "Menu: theme, data and help", "Theme, data updates and help")
        self.menu_button.setProperty("kind", "toolText")
        self.compact_menu = named(QMenu(self.menu_button), "compactMenu", "Menu")
        self.compact_menu.setToolTipsVisible(True)
        self.theme_actions: dict[str, QAction] = {}
        for name in THEMES:
            act = self.compact_menu.addAction(f"{THEME_GLYPHS[name]}  {THEME_LABELS[name]} theme")
            act.setObjectName(f"themeAction_{name}")
            act.setCheckable(True)
            self.theme_actions[name] = act
        self.compact_menu.addSeparator()
        self.data_menu.setTitle("Data")
        self.compact_menu.addMenu(self.data_menu)
        self.help_menu.setTitle("Help")
        self.compact_menu.addMenu(self.help_menu)
        self.menu_button.setMenu(self.compact_menu)
        self.menu_button.hide()
        self._compact_bar = False
        self._bar_widths: tuple[int, int] | None = None  # (whole bar, compact bar), for the style sheet in use
        return bar

    def _full_bar_parts(self) -> list[QWidget]:
        return [*self.theme_buttons.values(), self.data_button, self.help_button]

    def _bar_width(self, compact: bool) -> int:
        """The least width of the top bar, compact or whole, whichever it shows now (as QBoxLayout adds it up:
        its margins, each widget shown, the fixed spaces, and the spacing between widgets)."""
        layout = self._bar_layout
        margins = layout.contentsMargins()
        hidden = {id(w) for w in ([*self._full_bar_parts()] if compact else [self.menu_button])}
        total, widgets = margins.left() + margins.right(), 0
        for i in range(layout.count()):
            item = layout.itemAt(i)
            widget = item.widget()
            if widget is None:
                total += item.minimumSize().width()  # a fixed space
            elif id(widget) not in hidden:
                total += least_width(widget)
                widgets += 1
        return total + layout.spacing() * max(widgets - 1, 0)

    def _measure_top_bar(self) -> None:
        """Measure the whole and the compact bar for the style sheet in use; the window may be as narrow as the
        compact one (the whole bar's least width no longer sets the window's)."""
        self._bar_widths = (self._bar_width(compact=False), self._bar_width(compact=True))
        if self.top_bar.minimumWidth() != self._bar_widths[1]:
            self.top_bar.setMinimumWidth(self._bar_widths[1])
            # the window's least size is its layout's, set when the layout last ran: run it now, or a resize
            # to a narrow screen (fit_to_screen) still stops at the whole bar's width
            for layout in (self.centralWidget().layout(), self.layout()):
                layout.invalidate()
                layout.activate()

    def _fit_top_bar(self, width: int) -> None:
        """The whole top bar where the window has room for it, else the compact one (see _build_top_bar)."""
        if self._bar_widths is None:
            self._measure_top_bar()
        assert self._bar_widths is not None
        compact = width < self._bar_widths[0]
        if compact == self._compact_bar:
            return
        self._compact_bar = compact
        focused = QApplication.focusWidget()
        for part in self._full_bar_parts():
            part.setVisible(not compact)
        self.menu_button.setVisible(compact)
        if focused is not None and not focused.isVisible():  # Qt passed it on to the next in line: the page takes it
            self._focus_page(self.current_kind())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        self._fit_top_bar(event.size().width())
        if event.size().height() != event.oldSize().height():
            self.banner_scroll.updateGeometry()  # its room is a share of the window's height
        super().resizeEvent(event)
        self._fit_pack_status(self.statusBar().currentMessage())  # the whole pack line where it fits

    def _connect(self) -> None:
        self.back_button.clicked.connect(self.go_back)
        self.forward_button.clicked.connect(self.go_forward)
        self.home_button.clicked.connect(self.go_home)
        self.clear_button.clicked.connect(self.clear_search)
        for name, button in self.theme_buttons.items():
            button.clicked.connect(lambda _checked=False, n=name: self.set_theme(n))
        for name, act in self.theme_actions.items():
            act.triggered.connect(lambda _checked=False, n=name: self.set_theme(n))
        self.smaller_button.clicked.connect(lambda: self.change_text_size(-1))
        self.larger_button.clicked.connect(lambda: self.change_text_size(+1))
        self.about_action.triggered.connect(self.open_about)
        self.keys_action.triggered.connect(self.show_keys)
        self.install_action.triggered.connect(lambda: self.install_update())
        self.revert_action.triggered.connect(lambda: self.revert_data())
        self.whats_new_action.triggered.connect(lambda: self.show_whats_new())
        self.edit_data_action.triggered.connect(lambda: self.edit_data())
        self.data_menu.aboutToShow.connect(self.update_data_actions)

        self.search_field.textChanged.connect(self._on_search_text)
        self.search_field.returnPressed.connect(self._on_search_return)
        self.search_field.arrow_pressed.connect(self._on_search_arrow)
        self.search_field.escape_pressed.connect(self._escape_search)
        self.home_page.scenario_started.connect(self.start_scenario)

    # -- pages, built the first time they are needed (start-up stays close to a bare window) ---------------
    def page(self, kind: str) -> QWidget:
        if kind not in self.pages:
            page = self._page_factories[kind]()
            self.pages[kind] = page
            self.stack.addWidget(page)
        return self.pages[kind]

    def warm_up(self, kinds: Sequence[str] = (WIZARD, SEARCH, PROVISION)) -> None:
        """Build the pages an officer opens first, one per turn of the event loop (a tap or a key in between
        is handled between them), so the first situation, search or citation opened does not wait for its
        page: ~50 ms of CPU for the wizard's (its module, Qt's enums, the page). Pages already built are
        skipped. run_gui calls it after the first frame; never before (PERFORMANCE.md, fifteenth pass)."""
        pending = [kind for kind in kinds if kind not in self.pages]
        if pending:
            QTimer.singleShot(0, self, lambda: (self.page(pending[0]), self.warm_up(pending[1:])))

    @property
    def search_page(self) -> SearchPage:
        return self.page(SEARCH)  # type: ignore[return-value]

    @property
    def provision_page(self) -> ProvisionPage:
        return self.page(PROVISION)  # type: ignore[return-value]

    @property
    def term_page(self) -> TermPage:
        return self.page(TERM)  # type: ignore[return-value]

    @property
    def wizard_page(self) -> WizardPage:
        return self.page(WIZARD)  # type: ignore[return-value]

    @property
    def problems_page(self) -> ProblemsPage:
        return self.page(PROBLEMS)  # type: ignore[return-value]

    def _make_search_page(self) -> QWidget:
        from desktop.ui.search_widget import SearchPage

        page = SearchPage(self._index, unavailable=self._index_unavailable, pack=self.pack, today=self.current_day)
        page.result_opened.connect(self.open_result)
        page.suggestion_chosen.connect(self.search_for)
        page.filters_changed.connect(self._on_filters_changed)
        page.selection_described.connect(
            lambda words: self.search_field.setAccessibleDescription(words or self._search_usage))
        return page

    def _make_provision_page(self) -> QWidget:
        from desktop.ui.provision_page import ProvisionPage

        page = ProvisionPage(self.pack, today=self.current_day)
        page.provision_opened.connect(self._open_linked)
        page.report_requested.connect(lambda: self.report_problem())
        page.back_requested.connect(self.go_back)
        page.citation_copied.connect(lambda _text: self._say_about_page("Citation copied.", 4000))
        return page

    def _make_term_page(self) -> QWidget:
        from desktop.ui.term_page import TermPage

        page = TermPage(self.pack)
        page.provision_opened.connect(self._open_linked)
        return page

    def _make_wizard_page(self) -> QWidget:
        from desktop.ui.wizard_page import WizardPage

        page = WizardPage(self.pack, today=self.current_day)
        page.provision_opened.connect(self._open_linked)
        page.state_changed.connect(self._on_wizard_state)
        page.message_posted.connect(lambda text: self._say_about_page(text, 6000))
        page.report_requested.connect(lambda: self.report_problem())
        return page

    def _make_problems_page(self) -> QWidget:
        from desktop.ui.problems_page import ProblemsPage

        page = ProblemsPage()
        page.continued.connect(self.go_home)
        return page

    def _build_actions(self) -> None:
        def action(name: str, text: str, shortcuts: tuple[str, ...], slot: object) -> QAction:
            act = QAction(text, self)
            act.setObjectName(name)
            # in the window's default context, Qt.ShortcutContext.WindowShortcut
            act.setShortcuts([QKeySequence(key) for key in shortcuts])
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        # the keys come from where Help → Keyboard keys names them
        self.back_action = action("backAction", "Back", keys.with_platform_key(keys.BACK, "Back"), self.go_back)
        self.forward_action = action("forwardAction", "Forward", keys.with_platform_key(keys.FORWARD, "Forward"),
                                     self.go_forward)
        self.home_action = action("homeAction", "Home", keys.HOME, self.go_home)
        self.focus_search_action = action("focusSearchAction", "Search", keys.SEARCH, self.focus_search)
        self.larger_action = action("largerAction", "Larger text", keys.LARGER_TEXT, lambda: self.change_text_size(+1))
        self.smaller_action = action("smallerAction", "Smaller text", keys.SMALLER_TEXT, lambda: self.change_text_size(-1))
        self.reset_size_action = action("resetSizeAction", "Normal text size", keys.NORMAL_TEXT, lambda: self.set_text_step(0))
        self.about_shortcut = action("aboutShortcut", "About", keys.ABOUT, self.open_about)
        self.report_action.setShortcuts([QKeySequence(key) for key in keys.REPORT])
        self.report_action.triggered.connect(lambda: self.report_problem())
        self.addAction(self.report_action)

    def _show_pack_info(self) -> None:
        self.search_field.setEnabled(self.pack is not None)
        if self.pack is None:
            self.setWindowTitle(f"{APP_NAME} — no data pack")
            self._fit_pack_status(self.statusBar().currentMessage())
            return
        meta = self.pack.meta
        self.setWindowTitle(f"{APP_NAME} — data version {meta.data_version}, as of {format_day(meta.as_of)}")
        self._fit_pack_status(self.statusBar().currentMessage())
        self._day_seen = self.current_day()
        # Each banner can be put away (OK) for this session: two of them at the largest text on a 600-pixel
        # screen left room for a question but not its answers. What matters stays in the status bar.
        if meta.is_expired(self._day_seen):
            self._add_expired_banner()
        # a notice names files as written (a line feed, a right-to-left override): shown on one line, in order; a
        # folder's bytes that are not UTF-8 as the replacement character (shown_text): kept as Python keeps them, the
        # tooltip and More's description (what a screen reader says) dropped them and named another folder
        notices = [(notice, self.add_banner("warning", name_as_seen(shown_text(notice)), "noticeBanner"))
                   for notice in self.data.notices]
        if self.data.failed:
            using = f"Using {self.data.describe_pack()}."
            banner = self.add_banner("error", f"{self.data.failed_what()} could not be loaded. {using}", "fallbackBanner")
            # at most three lines: at the largest text on 800 × 600 a long name (a line feed or an override written
            # as its escape) took five, squeezed under the out-of-date banner to four and a bit, the first and last
            # cut in half. Then the words without the name, which Details, the tooltip and a screen reader give
            without = "The installed data updates" if self.data.failed_folder else "The data pack"
            banner.set_text(banner.text(), (f"{without} could not be loaded. {using}",
                                            f"{without} could not be loaded. Using {self.data.origin_words()}."),
                            lines=3)
            banner.setToolTip(plain_tip(banner.text()))
            details = banner.add_button("Details", "fallbackDetailsButton", "Show what is wrong with the data pack")
            details.clicked.connect(lambda: self.navigate(Location(PROBLEMS)))
            self._fallback_banner = banner
            self._add_dismiss(banner, "fallbackOkButton", "Put away the notice (the status bar keeps which data is in use)")
        last = self.settings.last_pack_version
        if last is not None and last != meta.data_version and not self.data.failed:
            went = "went back" if meta.data_version < last else "was updated"
            words = f"The data {went} to version {meta.data_version} (as of {format_day(meta.as_of)}){self._update_note}."
            # the note on the pack this computer showed before (set aside, or its key not trusted): that the data
            # went back and why in one banner, the answer first; two at the largest text on 1024 × 600 told one
            # event twice and cut the first one's words off. What changed stays in Data → What's new (a second
            # button left the note's words no room).
            # the notice says which version it is about as data: its words can change without splitting the banner
            told = next((b for notice, b in notices if notice.data_version == last), None)
            if told is not None:
                told.set_text(f"{words[:-1]}: {told.text()[:1].lower()}{told.text()[1:]}")
            else:
                updated = self.add_banner("info", words, "updatedBanner")
                what = updated.add_button("What changed", "whatChangedButton", "See what changed in the data")
                what.clicked.connect(lambda: self.show_whats_new())
                self._add_dismiss(updated, "updatedOkButton", "Dismiss the update notice")
        for _notice, banner in notices:
            self._fold_notice(banner)
            self._add_dismiss(banner, "noticeOkButton", "Put away the notice")
        if last != meta.data_version:
            self.settings.last_pack_version = meta.data_version

    def _fold_notice(self, banner: Banner) -> None:
        """A notice from loading the data (a pack set aside and why, where it was moved, a key not trusted) shows
        its first NOTICE_LINES lines, the answer first, and More shows the whole words in a box to read and copy.
        Whole, a set-aside notice took seven lines at the largest text on 1024 × 600 and was cut off mid-path (the
        page under it keeps its height, so a banner opened in place was cut off too)."""
        whole = banner.text()
        banner.set_text(whole, cut_words(whole), NOTICE_LINES)
        set_plain_tip(banner, whole)
        more = banner.add_button("More", "noticeMoreButton", "Show the whole notice")
        more.setAccessibleDescription(whole)  # Tab reaches the whole words, however few show
        more.clicked.connect(lambda: self._show_notice(whole, banner.kind))
        # only when words are left out: the banner's width decides, so it follows the label
        # after the resize that changed the words, not inside it: shown in the middle of the label's resizeEvent, More
        # laid the banners out again at once, resizing the next banner's label, whose More did the same: one resize
        # nested in another down all the banners, and 200 notices (set-aside versions) overflowed the stack at start-up
        banner.text_label.shown_changed.connect(
            lambda: QTimer.singleShot(0, more, lambda: more.setVisible(banner.shortened())))
        more.setVisible(banner.shortened())
        # the banner's new least height (two lines, not the whole words') passed up to the window now: left to Qt's
        # posted layout requests it arrived after start-up's show(), which had sized the window for the whole words (a
        # notice naming a 300-character user folder opened an 800 × 600 window 647 px tall at the largest text, the
        # status bar below the screen, and it stayed so)
        banner.layout().activate()
        self.banner_area.layout().activate()

    def _show_notice(self, text: str, kind: str) -> None:
        """The whole words of a notice banner, under its banner's sign: a warning, or (the IT folder's note) a note."""
        from PySide6.QtWidgets import QMessageBox

        icon, title = (QMessageBox.Icon.Information, "Note") if kind == "info" else (QMessageBox.Icon.Warning, "Notice")
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Close, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # a file's name "<img src=x.png>.json" is words, not a picture
        box.setObjectName("noticeBox")
        named(box.button(QMessageBox.StandardButton.Close), "noticeCloseButton", "Close the notice")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # a path to copy for IT
        self.notice_box = box
        box.open()

    def _add_expired_banner(self) -> Banner:
        assert self.pack is not None
        meta = self.pack.meta
        due = format_day(meta.expires_on)
        banner = self.add_banner(
            "warning",
            f"Out-of-date data: it is as of {format_day(meta.as_of)}, and an update was due {due}. "
            "Ask your supervisor for the update.",
            "expiredBanner",
            first=True,  # as at start-up: above notices shown before the day changed
            # one line of it: at the largest text on an 800 × 600 screen the whole words took three, and the
            # search results kept 218 px; the status bar under the page says OUT OF DATE, and when it was due
            shorter=(f"Out-of-date data: an update was due {due}. Ask your supervisor for it.",
                     f"Out-of-date data: the update was due {due}.", f"Out of date: update was due {due}",
                     "Out-of-date data"),
        )
        why = "The law or CPD policy may have changed since the data pack's “as of” date."
        banner.setToolTip(plain_tip(f"{banner.text()}\n{why}"))
        banner.setAccessibleDescription(why)
        ok = self._add_dismiss(banner, "expiredOkButton", "Put away the out-of-date notice (the status bar keeps it)")
        ok.setAccessibleDescription(banner.text())  # Tab reaches the warning's whole words, however few show
        return banner

    def current_day(self) -> dt.date:
        """Today, asked when an answer or provision is shown: a window left open overnight sees the new day."""
        given = self._given_today
        if given is None:
            return dt.date.today()
        return given() if callable(given) else given

    def check_day(self) -> None:
        """Follow the day while the app stays open (an in-car laptop keeps it open for days): once the day
        has changed since the last check, the status bar and the out-of-date notice say what they would say
        if the app were opened now, and search results, the answer and the provision shown are marked again. Called on each page shown, when the
        app becomes active again and after each midnight; one date comparison when nothing changed."""
        day = self.current_day()
        if day == self._day_seen:
            return
        self._day_seen = day
        self._fit_pack_status(self.statusBar().currentMessage())
        if self.pack is not None:
            expired = self.pack.meta.is_expired(day)
            shown = [b for b in self.banners if b.objectName() == "expiredBanner"]
            if expired and not shown:  # one put away with OK stays away: the status bar keeps it
                self._add_expired_banner()
            elif shown and not expired:  # the clock was set back
                for banner in shown:
                    self.banners.remove(banner)
                    self._with_ok.remove(banner)
                    self.banner_layout.removeWidget(banner)
                    banner.hide()
                    banner.deleteLater()
                if all(b.isHidden() for b in self.banners):
                    self._show_banner_area(False)
                self._fit_ok_all()
        if SEARCH in self.pages:
            self.search_page.check_day()
        if WIZARD in self.pages:  # an answer on screen across midnight: its rescission caution
            self.wizard_page.card.check_day()
        if PROVISION in self.pages:
            self.provision_page.check_day()

    def _arm_day_timer(self) -> None:
        """Check the day again just after the next midnight (by the wall clock, asked again each time)."""
        if self._day_timer is None:
            self._day_timer = QTimer(self)
            self._day_timer.setObjectName("dayTimer")
            self._day_timer.setSingleShot(True)
            self._day_timer.timeout.connect(self._on_midnight)
        self._day_timer.start(ms_until_next_day(dt.datetime.now()))

    def _on_application_state(self, _state: object) -> None:  # a method: disconnected when the window goes
        self.check_day()

    def _on_midnight(self) -> None:
        self.check_day()
        self._arm_day_timer()

    def add_banner(self, kind: str, text: str, object_name: str, first: bool = False,
                   shorter: tuple[str, ...] = ()) -> Banner:
        banner = Banner(kind, text, object_name, shorter=shorter)
        self.banner_layout.insertWidget(0 if first else -1, banner)
        self.banners.insert(0 if first else len(self.banners), banner)
        self._show_banner_area(True)
        return banner

    def _show_banner_area(self, shown: bool) -> None:
        """Show or hide the banners' area with the scroll area round it."""
        self.banner_area.setVisible(shown)
        self.banner_scroll.setVisible(shown)

    def _fit_fallback_banner(self, kind: str) -> None:
        """The banner saying the pack could not be loaded is away while the problems page shows, which says it
        itself (at the largest text on 1024 × 600 the same news was written three times, and the page's Continue
        was below the fold); on every other page it is back, with its Details, until it is put away with OK."""
        if self._fallback_banner is None:
            return
        self._fallback_banner.setVisible(kind != PROBLEMS)
        self._show_banner_area(not all(banner.isHidden() for banner in self.banners))
        self._fit_ok_all()

    def _add_dismiss(self, banner: Banner, object_name: str, accessible_name: str) -> Button:
        """An OK button that puts the banner away for this session (the last one takes the area with it)."""
        ok = banner.add_button("OK", object_name, accessible_name)
        ok.clicked.connect(lambda: self._dismiss_banner(banner))
        self._with_ok.append(banner)
        self._fit_ok_all()
        self._chain_banners()  # the OK is each banner's last button
        return ok

    def _fit_ok_all(self) -> None:
        """Where two or more banners with an OK show, "OK all (N)" under them puts them all away at once, as each
        one's OK would (26 set-aside versions were 26 notices, each with its own OK); else it is away. Made the first
        time it is needed."""
        shown = [banner for banner in self._with_ok if not banner.isHidden()]
        button = self.ok_all_button
        if len(shown) < 2:
            if button is not None and not button.isHidden():
                button.hide()
                self.banner_scroll.fit_cue_row()
            return
        if button is None:
            button = self.ok_all_button = named(Button(), "okAllButton", "OK all")
            button.setProperty("kind", "banner")
            button.clicked.connect(lambda: self._dismiss_banners([b for b in self._with_ok if not b.isHidden()]))
            self.banner_scroll.set_beside_cue(button)
            self._chain_banners()
        many = len(shown)
        button.setText(f"OK all ({many})")
        button.setAccessibleName(f"OK all ({many}): put away all {many} notices")
        # what OK means, said once for all of them: it hides; nothing is recorded
        button.setAccessibleDescription("As each notice's OK does: nothing is kept, and a notice that still holds "
                                        "when the app next opens shows again.")
        button.setToolTip(plain_tip(f"Put away all {many} notices. {button.accessibleDescription()}"))
        if button.isHidden():
            button.show()
            self.banner_scroll.fit_cue_row()

    def _chain_banners(self) -> None:
        """Tab goes from the top bar to the banners' buttons under it, then to the page, in the order they are
        seen. Qt put a banner's buttons after the widgets made before them: on Home, Tab went from the list
        of situations back up to the banner's OK, where on every other page OK came before the page."""
        previous: QWidget = self.menu_button  # the top bar's last
        for banner in self.banners:
            for button in banner.findChildren(Button):
                QWidget.setTabOrder(previous, button)
                previous = button
        for button in (self.banner_scroll.cue, self.ok_all_button):  # under the banners: after them
            if button is not None:
                QWidget.setTabOrder(previous, button)
                previous = button

    def _dismiss_banner(self, banner: Banner) -> None:
        self._dismiss_banners([banner])

    def _dismiss_banners(self, banners: list[Banner]) -> None:
        """Put ``banners`` away for this session (nothing is recorded: OK, and OK all)."""
        for banner in banners:
            if banner is self._fallback_banner:
                self._fallback_banner = None  # put away for the session, on every page
            banner.hide()
        if all(shown.isHidden() for shown in self.banners):
            self._show_banner_area(False)
        self._fit_ok_all()
        # the OK button had the focus, and Qt passed it on to the next in line, the wizard's Back: a stray
        # Enter then undid an answer. The page takes it, as after Esc in the search box
        self._focus_page(self.current_kind())

    @property
    def search_index(self) -> SearchIndex | None:
        return self._index

    def set_search_index(self, index: SearchIndex | None, unavailable: bool = False) -> None:
        self._index = index
        self._index_unavailable = index is None and unavailable
        if SEARCH in self.pages:
            self.search_page.set_index(index, self._index_unavailable)

    def build_search_index(self) -> bool:
        """Build the search index of the pack on screen in a background thread, never on the UI thread:
        ~0.1 s for the bundled pack but seconds for a pack of thousands of provisions, which would freeze
        the window. Search says "Getting search ready…" meanwhile and runs what was typed once the index
        arrives (``search_index_ready``). A build for a pack replaced meanwhile is dropped. False when
        there is no pack to index."""
        from desktop.domain.search import SearchIndex
        from desktop.ui.background import run_in_background

        self._index_generation += 1
        generation, pack = self._index_generation, self.pack
        self.set_search_index(None)
        if pack is None:
            return False

        def work(generation: int) -> tuple[int, SearchIndex | None]:
            with short_switch_interval(), collector_paused():
                index = SearchIndex(pack)
                # The pack and its index live as long as the window shows them: hundreds of thousands of objects
                # (millions for a big pack) that the collector would otherwise walk at its next collections, a
                # pause of 0.1-0.3 s each, in the middle of a keystroke or an answer. Freezing moves all that is
                # alive out of its way (an index for a pack replaced meanwhile has no cycles and is freed all the
                # same); reload_data unfreezes.
                gc.freeze()
            return generation, index

        # a stale build's result still arrives, and is dropped by its generation; a failed one arrives as None
        run_in_background(self, "search-index", [generation], work, self._search_index_built,
                          failed="building the search index failed", fallback=lambda generation: (generation, None))
        return True

    def _search_index_built(self, result: tuple[int, SearchIndex | None]) -> None:
        generation, index = result
        if generation != self._index_generation:
            return
        if index is None:  # the build failed (logged): search says so instead of "getting ready" forever
            self.set_search_index(None, unavailable=True)
            return
        self.set_search_index(index)
        self.search_index_ready.emit()

    # -- navigation --------------------------------------------------------------------------------------
    def navigate(self, location: Location) -> None:
        self._note_place()
        self.history.visit(location)
        self._show(location)

    def go_back(self) -> None:
        if self.history.can_go_back:
            self._note_place()
            self._show(self.history.back())

    def go_forward(self) -> None:
        if self.history.can_go_forward:
            self._note_place()
            self._show(self.history.forward())

    def _reading_scroll(self, kind: str) -> VScrollArea | None:
        """The scrolled words of the page of this kind, if it is built and shows some: a provision, a term, an
        answer (not a question screen, which opens on its question)."""
        page = self.pages.get(kind)
        if kind in (PROVISION, TERM) and page is not None:
            return page.scroll  # type: ignore[attr-defined]
        if kind == WIZARD and page is not None and page.stack.currentWidget() is page.outcome_scroll:  # type: ignore[attr-defined]
            return page.outcome_scroll  # type: ignore[attr-defined]
        return None

    def _note_place(self) -> None:
        """Keep where the page being left was read in its history entry: Back (or Forward) to an answer or a
        provision read half-way opened it at its top, and at the largest text on 800 × 600 "What to say" was four
        screens down again."""
        here = self.history.current
        scroll = self._reading_scroll(here.kind)
        if scroll is not None:
            self.history.replace(dataclasses.replace(here, place=scroll.reading_place()))

    def _return_to_place(self, location: Location) -> None:
        """Scroll the page just shown to where the officer left it (Location.place); a link opened from it wins
        (_focus_page has put that link in sight)."""
        scroll = self._reading_scroll(location.kind) if location.place is not None and not location.opened else None
        if scroll is not None:
            scroll.scroll_back_to(location.place)  # type: ignore[arg-type]

    def _show_history_buttons(self) -> None:
        self.back_button.setEnabled(self.history.can_go_back)
        self.forward_button.setEnabled(self.history.can_go_forward)

    def go_home(self) -> None:
        self.navigate(Location(HOME))

    def start_scenario(self, scenario_id: str) -> bool:
        if self.pack is None or self.pack.scenario(scenario_id) is None:
            self.statusBar().showMessage(f"There is no situation “{scenario_id}” in this data pack.", 8000)
            return False
        self.navigate(Location(WIZARD, scenario_id))
        return True

    def open_provision(self, provision_id: str) -> None:
        if self.pack is not None and self.pack.provision(provision_id) is not None:
            self.navigate(Location(PROVISION, provision_id))

    def _open_linked(self, provision_id: str) -> None:
        """A provision opened from a link on the page shown (an answer's citation, a related provision, a glossary
        term's): Back returns to that link, where the officer was, not to the top of the page (the next link was
        Tabs away again)."""
        here = self.history.current
        if here.kind in (WIZARD, PROVISION, TERM):
            self.history.replace(dataclasses.replace(here, opened=("provision", provision_id)))
        self.open_provision(provision_id)

    def open_result(self, kind: str, item_id: str) -> None:
        here = self.history.current
        if here.kind == SEARCH:  # Back returns to this result, not to the top of the list
            self.history.replace(dataclasses.replace(here, opened=(kind, item_id)))
        if kind == "scenario":
            self.start_scenario(item_id)
        elif kind == "provision":
            self.open_provision(item_id)
        elif kind == "term":
            self.navigate(Location(TERM, item_id))

    def _say_about_page(self, text: str, timeout: int) -> None:
        """A message about what the page shows ("Citation copied."): it goes when the officer leaves the page."""
        self._page_message = text
        self.statusBar().showMessage(text, timeout)

    def _show(self, location: Location) -> None:
        if self._page_message and self.statusBar().currentMessage() == self._page_message:
            self.statusBar().clearMessage()  # "The answer was copied as text." is not news on another screen
        self._page_message = ""
        kind = location.kind
        self.check_day()
        if kind == PROVISION:
            before = self.history.previous  # an answer this provision was opened from: Back returns to its citation
            from_answer = before is not None and before.kind == WIZARD and before.opened == ("provision", location.key)
            self.provision_page.show_provision(location.key, location.opened_id, from_answer)
        elif kind == TERM:
            self.term_page.show_term(location.key, location.opened_id)
        elif kind == WIZARD:
            self.wizard_page.replay(location.key, location.answers, location.opened_id)
        if kind == SEARCH:
            self.search_page.set_filters(location.filters)
            if self.search_field.text() != location.key:
                self._set_field_text(location.key)
            self.search_page.search_now(location.key)
            if location.opened:
                self.search_page.select_result(*location.opened)
        elif self.search_field.text():
            self._set_field_text("")
        if kind != SEARCH:  # the selected result is not on screen any more
            self.search_field.setAccessibleDescription(self._search_usage)
        self._fit_fallback_banner(kind)
        self.stack.setCurrentWidget(self.page(kind))
        self._show_history_buttons()
        self.home_button.setEnabled(kind != HOME)
        self._focus_page(kind)
        self._return_to_place(location)
        self.page_shown.emit(kind)

    def current_kind(self) -> str:
        return self.history.current.kind

    # -- search ---------------------------------------------------------------------------------------------
    def _set_field_text(self, text: str) -> None:
        self.search_field.blockSignals(True)
        self.search_field.setText(text)
        self.search_field.blockSignals(False)

    def _on_search_text(self, text: str) -> None:
        if text and not text.strip():  # blanks alone: an empty box again, so its hint shows
            self._set_field_text("")
            text = ""
        location = Location(SEARCH, text, filters=self.search_page.filters())
        if not text.strip():
            if self.current_kind() == SEARCH:
                self.history.replace(location)
                self.search_page.search_now("")
            return
        if self.current_kind() == SEARCH:
            self.history.replace(location)
        else:
            self._note_place()
            self.history.visit(location)
            self._fit_fallback_banner(SEARCH)
            self.stack.setCurrentWidget(self.search_page)
            self._show_history_buttons()
            self.home_button.setEnabled(True)
            self.page_shown.emit(SEARCH)
        self.search_page.schedule(text)

    def _on_filters_changed(self) -> None:
        if self.current_kind() == SEARCH:
            self.history.replace(Location(SEARCH, self.search_field.text(), filters=self.search_page.filters()))

    def _on_search_return(self) -> None:
        if self.current_kind() != SEARCH:
            return
        self.search_page.flush()
        self.search_page.open_current()

    def _on_search_arrow(self, delta: int) -> None:
        if self.current_kind() == SEARCH:
            self.search_page.flush()
            self.search_page.move_selection(delta)

    def search_for(self, text: str) -> None:
        self.search_field.setText(text)
        self.search_page.flush()
        self.focus_search()

    def clear_search(self) -> None:
        """Esc or ✕: empty the search box and leave the results for the screen before them. The box keeps
        the focus: the officer was typing, and a digit typed next must not answer a question behind it."""
        on_search = self.current_kind() == SEARCH
        self._set_field_text("")  # the results page stays in the history as it was, so Forward returns to it
        if on_search:
            if self.history.can_go_back:
                self.go_back()
            else:
                self.go_home()
        self.search_field.setFocus()  # Qt.FocusReason.OtherFocusReason

    def _escape_search(self) -> None:
        """Esc in the search box: the first empties it (and keeps the focus there); on an empty box, it gives
        the focus back to the page behind, where the officer had to Tab nine times to reach an answer."""
        if self.search_field.text() or self.current_kind() in (HOME, SEARCH):
            self.clear_search()
            return
        self._focus_page(self.current_kind())

    def _focus_page(self, kind: str) -> None:
        """Where the keys go on this page: the search box on Home and the results, else the page's first
        place (the wizard's answer, the link Back returns to: scrolled into sight)."""
        if kind in (HOME, SEARCH):
            self.search_field.setFocus()  # Qt.FocusReason.OtherFocusReason
        elif kind in (WIZARD, PROVISION, TERM):
            page = self.page(kind)
            page.reveal(page.first_focus())  # type: ignore[attr-defined]
        else:
            page = self.page(kind)
            (page.first_focus() if hasattr(page, "first_focus") else page).setFocus()  # OtherFocusReason

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    # -- wizard -------------------------------------------------------------------------------------------
    def _on_wizard_state(self, state: object) -> None:
        """Each answer is a step in the history, so the top bar's ◀ (Alt+←) takes back one answer, as the
        wizard's own Back does; it went to the screen before the whole situation."""
        if self.current_kind() != WIZARD:
            return
        now = Location(WIZARD, state.scenario_id, answers=state.keys)  # type: ignore[attr-defined]
        if self.wizard_page.answer_left:  # an answer left by the wizard's Back, Restart…: the part read, which wins
            # over a citation opened from it earlier (▶ showed that link and the same answer again its part read)
            left = dataclasses.replace(self.history.current, place=self.wizard_page.answer_left_at, opened=())
            self.history.replace(left)
        if self.wizard_page.going_back and self.history.previous == now:  # the step before, in the history
            self.history.back()
        elif not self.wizard_page.going_back and self.history.next == now:  # after Back, the same answer again
            self.history.forward()  # the answer as it was left, as ▶ shows it; another answer opens at its top
            self._return_to_place(self.history.current)
        else:  # an answer, Restart, or Back to a step the history does not hold
            self.history.visit(now)
        self._show_history_buttons()

    # -- appearance ------------------------------------------------------------------------------------------
    @property
    def theme(self) -> str:
        return self._theme

    @property
    def text_step(self) -> int:
        return self._text_step

    def set_theme(self, name: str) -> None:
        if name not in THEMES:
            return
        self._theme = name
        self.settings.theme = name
        self._report_unsaved_settings()
        self._apply_style()
        self.theme_changed.emit(name)

    def set_text_step(self, step: int) -> None:
        step = clamp_text_step(step)
        if step == self._text_step:
            return
        self._text_step = step
        self.settings.text_step = step
        self._report_unsaved_settings()
        self._apply_style()
        self.text_size_changed.emit(step)

    def change_text_size(self, delta: int) -> None:
        self.set_text_step(self._text_step + delta)

    def _report_unsaved_settings(self) -> None:
        if self.settings.save_failed:
            self.statusBar().showMessage(SETTINGS_NOT_SAVED, 10000)

    def _apply_style(self) -> None:
        self.setProperty("theme", self._theme)
        sheet = self.themes.style_sheet(self._theme, self._text_step)
        if sheet != self.styleSheet():
            # The line an officer was reading stays at the top: a larger text size kept the scroll in pixels,
            # and the top of an answer read half-way down showed a list above it (800 × 600, S13).
            views = [view for view in self.stack.currentWidget().findChildren(VScrollArea)
                     if view.keeps_place and view.isVisible()]
            places = [view.reading_place() for view in views]
            result = self.search_page.reading_place() if self.current_kind() == SEARCH else None
            row = self.home_page.tree.reading_place() if self.current_kind() == HOME else None
            self.setStyleSheet(sheet)
            if WIZARD in self.pages:  # new type sizes: the question's hint may now fold, or fit again
                self.wizard_page.fit_to_view(restyled=True)
            if PROVISION in self.pages:  # and a provision's title may now take the summary's size, or its own
                self.provision_page.fit_title(restyled=True)
            self._measure_top_bar()  # the themes' borders differ: measured again for the new sheet
            self._fit_top_bar(self.width())
            for view, place in zip(views, places, strict=True):
                view.return_to(place)
            if result is not None:  # the chosen result (else the top one) in sight: the rows grew or shrank
                self.search_page.return_to(result)
            self.home_page.tree.return_to(row)  # Home's list of all situations: the row read at its top
        for name, button in self.theme_buttons.items():
            button.setChecked(name == self._theme)
            self.theme_actions[name].setChecked(name == self._theme)
        focused = QApplication.focusWidget()
        self.smaller_button.setEnabled(self._text_step > TEXT_STEP_MIN)
        self.larger_button.setEnabled(self._text_step < TEXT_STEP_MAX)
        if focused in (self.smaller_button, self.larger_button) and not focused.isEnabled():
            self._focus_page(self.current_kind())  # Qt passed it on to "Data": the page takes it, so 1–9 answer

    # -- dialogs ---------------------------------------------------------------------------------------------
    def open_about(self, first_launch: bool = False) -> AboutDialog:
        from desktop.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self.data, first_launch=first_launch, parent=self)
        dialog.exec()
        return dialog

    def show_first_launch_notices(self) -> None:
        """The disclaimer, once: remembered in settings after the officer acknowledges it."""
        if self.settings.disclaimer_seen:
            return
        self.open_about(first_launch=True)
        self.settings.disclaimer_seen = True

    def _pack_status_text(self, brief: bool) -> str:
        """The status bar's words for the pack in use. ``brief`` (beside a message, so it has the room):
        only the version and "as of" date, and OUT OF DATE when it is, which stays in view once its banner
        is put away."""
        if self.pack is None:
            return "No data pack loaded"
        meta = self.pack.meta
        expired = meta.is_expired(self.current_day())
        short = f"Data version {meta.data_version}  ·  as of {format_day(meta.as_of)}" + ("  ·  OUT OF DATE" if expired else "")
        if brief:
            return short
        due = f"update {'was ' if expired else ''}due {format_day(meta.expires_on)}"
        return f"{short}  ·  {due}  ·  {self.data.origin_words()}"

    def _tell_message(self, message: str) -> None:
        """Say a message in the status bar ("Citation copied.", "Saved as …") to a screen reader. The focus stays
        on the button pressed, and a screen reader reads what has the focus, never the status bar: an officer who
        pressed Copy citation heard nothing. The words go into the focused widget's description while they show,
        as the class playlist's do; the widget told gets its own back when they go (unless it has new words).
        While a menu is open they are announced instead, and a menu item's status tip is not told at all."""
        if self._told is not None:
            widget, own, told = self._told
            self._told = None
            try:
                if widget.accessibleDescription() == told:
                    widget.setAccessibleDescription(own)
            except RuntimeError:  # the widget has gone (a page's pooled button deleted)
                pass
        if not message:
            return
        popup = QApplication.activePopupWidget()
        if popup is not None:
            # A screen reader reads the open menu, not the button under it: the app's own message then (work that
            # ended meanwhile, "Data version 4 installed.") went into the button's description unheard, or was not
            # told at all. It is announced, politely, after the item being read. An item's tip is not the app's.
            if not _is_status_tip(popup, message):
                announce(popup, message)
            return
        focus = self.focusWidget()
        if focus is not None:
            self._told = (focus, focus.accessibleDescription(), message)
            focus.setAccessibleDescription(message)

    def _fit_pack_status(self, message: str) -> None:
        """While a message shows, or where the whole line would not fit the window (an 800-pixel screen cut it
        off at "the data pack given at start-u"), the pack label keeps only the version and "as of" date (and
        OUT OF DATE); all of it again once there is room. The whole line is always its tooltip."""
        whole = self._pack_status_text(brief=False)
        room = self.width() - STATUS_MARGIN
        fits = not message and self.status_label.fontMetrics().horizontalAdvance(whole) <= room
        self.status_label.setText(whole if fits else self._pack_status_text(brief=True))
        set_plain_tip(self.status_label, whole)

    def report_problem(self) -> ReportDialog | None:
        """Help → Report a problem with this screen: a report about the screen shown, which the officer sees whole
        and saves or copies, or not. Nothing is written unless they save it (None: no data pack to report on)."""
        if self.pack is None or self.data.loaded is None:
            self.statusBar().showMessage("There is no data to report a problem with.", 6000)
            return None
        from desktop.domain import problem_report as pr
        from desktop.ui.report_dialog import ReportDialog

        here = self.history.current
        answers, query = None, ""
        if here.kind == WIZARD and self.wizard_page.state is not None:
            state = self.wizard_page.state
            screen = pr.walk_screen(self.pack, state)
            answers = pr.answers_so_far(self.pack, state)
        elif here.kind == PROVISION:
            screen = pr.provision_screen(self.pack, here.key)
        elif here.kind == SEARCH:
            query = self.search_field.text()
            screen = pr.search_screen(query, include_query=False)
        elif here.kind == TERM:
            screen = pr.Screen("term", text=here.key)
        else:
            screen = pr.Screen("home")
        dialog = ReportDialog(self.pack, self.data.loaded.sha256, screen, answers, query, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.report_saved.connect(lambda path: self._say_about_page(f"The report was saved as {path}", 8000))
        dialog.report_copied.connect(lambda: self._say_about_page("The report was copied.", 6000))
        dialog.open()  # window-modal, without a nested event loop
        dialog.comment.setFocus()
        return dialog

    def show_keys(self) -> KeysDialog:
        from desktop.ui.about_dialog import KeysDialog

        dialog = KeysDialog(self, self.text_step)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()  # not modal: the keys can be tried with the list still open
        return dialog

    # -- data: updates, going back, what's new, the editor, training -------------------------------------------
    @property
    def library(self) -> PackLibrary:
        """The installed packs and the watched folder (the folder IT set in the settings, else the default)."""
        if self._library is None:
            from desktop.storage.library import PackLibrary

            self._library = PackLibrary(inbox=self.settings.inbox_folder)
        return self._library

    def update_data_actions(self) -> None:
        """Enable what can be done now (called as the Data menu opens and after each change)."""
        self.training_actions()
        self.install_action.setEnabled(not self._scanning)
        can_revert = not self._scanning and self.library.can_revert()
        self.revert_action.setEnabled(can_revert)
        self.revert_action.setToolTip(
            "Go back to the data in use before the last update" if can_revert else
            "Checking the IT folder for an update…" if self._scanning else
            "Nothing to go back to: no update has been installed on this computer")
        self.whats_new_action.setEnabled(self.pack is not None)
        self.edit_data_action.setEnabled(self.data.loaded is not None)

    def _after_first_frame(self) -> None:
        first_frame_shown()  # the views made so far scroll by touch (QScroller builds Qt's enums: not before), the ring
        self.training_actions()
        # the day is followed from now on (the signal's enum argument is built here, not before the first frame)
        QApplication.instance().applicationStateChanged.connect(self._on_application_state)
        self._arm_day_timer()

    def training_actions(self) -> list[QAction]:
        """The trainers' actions (present F5, playlist, quiz, handouts), in Data → Training. Built once."""
        if self._training_actions is None:
            from desktop.ui.presentation_window import open_training_menu_actions

            self._training_actions = open_training_menu_actions(self, menu=self.train_menu)
        return self._training_actions

    def reload_data(self, data: DataState, index: SearchIndex | None = None) -> None:
        """Show another data pack (an update was installed or reverted): pages are rebuilt on it as they are
        next shown, the search index is rebuilt (in the background unless given), history starts again at
        Home, banners and status bar are refreshed."""
        gc.unfreeze()  # the pack being replaced can be collected again (frozen once its index was built)
        self.data = data
        self.pack = data.loaded.pack if data.loaded else None
        self._set_field_text("")
        for kind in [k for k in self.pages if k != HOME]:
            page = self.pages.pop(kind)
            self.stack.removeWidget(page)
            page.hide()
            page.deleteLater()
        self.home_page.set_pack(self.pack)
        if index is not None:
            self._index_generation += 1  # an index given with the pack wins over any build still running
            self.set_search_index(index)
        else:
            self.build_search_index()
        for banner in self.banners:
            self.banner_layout.removeWidget(banner)
            banner.hide()
            banner.deleteLater()
        self.banners = []
        self._with_ok = []
        self._fallback_banner = None
        self._show_banner_area(False)
        self._fit_ok_all()
        self._show_pack_info()
        if data.failed:
            self.problems_page.show_problems(data)
        self.history = History(Location(PROBLEMS if data.failed else HOME))
        self._show(self.history.current)
        self.update_data_actions()
        self.data_reloaded.emit(self.pack.meta.data_version if self.pack is not None else 0)

    def _reload_from_library(self, note: str = "") -> None:
        self._update_note = note
        try:
            with _busy():
                data = load_data(None, self.library)
                if data.loaded is None and self.data.loaded is not None:
                    # Nothing on disk can be used now (the built-in pack damaged too): the pack on screen, checked
                    # when it was loaded, stays, with what is wrong. It was dropped, leaving no answers at all.
                    data = dataclasses.replace(data, loaded=self.data.loaded, origin="kept")
                self.reload_data(data)
        finally:
            self._update_note = ""

    def _explain_refusal(self, exc: InstallRefused, name: str, allow_force: bool = False,
                         title: str = "Update not installed", going_back: bool = False) -> bool:
        """The plain "not installed, and why" dialog. True when the person chose Install anyway."""
        from desktop.ui.update_dialog import RefusedDialog

        dialog = RefusedDialog(exc, name, allow_force=allow_force, title=title, parent=self, going_back=going_back)
        accepted = dialog.exec() == dialog.DialogCode.Accepted
        dialog.deleteLater()
        return accepted and allow_force

    def install_update(self, path: str | Path | None = None) -> bool:
        """Data → Install data update…: check the file (signature, validity, newer), show what would change,
        install it when the person confirms, then show it. Returns True when installed."""
        from desktop.storage import library as lib
        from desktop.ui import update_dialog as ud

        if path is None:
            path = ud.ask_update_file(self, self.library.inbox_folder())
            if not path:
                return False
        source = Path(path)
        try:
            with _busy():
                plan = self.library.prepare_install(source)
        except lib.InstallRefused as exc:
            if not self._explain_refusal(exc, source.name, allow_force=exc.reason == lib.NOT_NEWER):
                return False
            try:
                with _busy():
                    plan = self.library.prepare_install(source, force=True)
            except lib.InstallRefused as again:
                self._explain_refusal(again, source.name)
                return False
        dialog = ud.WhatChangedDialog.for_install(plan, self)
        confirmed = dialog.exec() == dialog.DialogCode.Accepted
        dialog.deleteLater()
        if not confirmed:
            self.statusBar().showMessage("Nothing was installed.", 6000)
            return False
        try:
            self.library.install(plan)
        except lib.InstallRefused as exc:
            self._explain_refusal(exc, source.name)
            return False
        except OSError as exc:
            self._explain_refusal(ud.write_failed(exc), source.name)
            return False
        self._reload_from_library()
        self.statusBar().showMessage(f"Data version {plan.new_version} installed.", 8000)
        return True

    def revert_data(self) -> bool:
        """Data → Revert to previous data…: show what going back would change, then go back. True when done."""
        from desktop.storage import library as lib
        from desktop.ui import update_dialog as ud

        title = "Cannot go back"
        try:
            with _busy():
                plan = self.library.prepare_revert()
        except lib.InstallRefused as exc:
            self._explain_refusal(exc, "The previous data", title=title, going_back=True)
            return False
        dialog = ud.WhatChangedDialog.for_revert(plan, self)
        confirmed = dialog.exec() == dialog.DialogCode.Accepted
        dialog.deleteLater()
        if not confirmed:
            return False
        try:
            self.library.revert(plan)
        except lib.InstallRefused as exc:
            self._explain_refusal(exc, "The previous data", title=title, going_back=True)
            return False
        except OSError as exc:
            self._explain_refusal(ud.write_failed(exc), "The previous data", title=title, going_back=True)
            return False
        self._reload_from_library()
        self.statusBar().showMessage(f"Back to data version {plan.target.pack.meta.data_version}.", 8000)
        return True

    def whats_new_entries(self, history: list[HistoryEntry]) -> list[HistoryEntry]:
        """Of ``history``, the installs and reverts since the version this computer showed before this
        session; when there are none, the one that brought in the data in use (so the menu item always has
        something to say)."""
        from desktop.storage.history import changes_since

        if self.pack is None:
            return []
        version = self.pack.meta.data_version
        return changes_since(history, self._seen_before) or [e for e in history if e.to_version == version][-1:]

    def show_whats_new(self) -> WhatsNewDialog:
        """Data → What's new (and the banner's "What changed"): a non-modal dialog with a receipt to sign."""
        from desktop.ui.update_dialog import WhatsNewDialog

        if self.whats_new_dialog is not None:
            self.whats_new_dialog.close()
            self.whats_new_dialog.deleteLater()
        origin = self.data.origin_words() if self.data.loaded else ""
        try:
            history = self.library.history()
        except OSError:
            history = []
        dialog = WhatsNewDialog(self.whats_new_entries(history), self.data.loaded, origin, self.current_day(),
                                parent=self, history=history, kept_pack=self.library.pack_brought_in)
        self.whats_new_dialog = dialog
        dialog.show()
        return dialog

    def edit_data(self, target: str | Path | None = None) -> EditorWindow | None:
        """Data → Edit data (supervisors)…: copy the data in use to a file the person chooses and open the
        editor on that copy. The pack in use (built in or installed) is never edited in place."""
        from desktop.storage.pack_file import plain_os_error, write_bytes_atomic
        from desktop.ui import update_dialog as ud
        from desktop.ui.editor import open_editor
        from desktop.ui.editor.document import is_protected

        loaded = self.data.loaded
        if loaded is None:
            self.statusBar().showMessage("No data pack is loaded, so there is nothing to copy.", 8000)
            return None
        if target is None:
            version = loaded.pack.meta.data_version
            target = ud.ask_editor_copy_path(self, str(Path.home() / f"encounter-guide-draft-v{version}.json"))
            if not target:
                return None
        copy = Path(target)
        if not copy.suffix:
            copy = copy.with_suffix(".json")
        if is_protected(copy) or copy.resolve() == loaded.path.resolve():
            self.statusBar().showMessage(f"{copy.name} is the app's own data or an installed update; "
                                         "choose another file for the copy.", 10000)
            return None
        try:
            write_bytes_atomic(loaded.raw, copy)
        except OSError as exc:
            self.statusBar().showMessage(f"The copy could not be written: {plain_os_error(exc)}.", 10000)
            return None
        self._editors_used = True
        return open_editor(self, copy, self.settings)

    def scan_inbox(self) -> bool:
        """Check the watched (IT) folder for a signed update in a background thread; call it after the first
        frame. A newer valid update is installed and shown with a banner; files that were not installed
        are named in a quiet banner for IT. Emits ``inbox_scanned``. False if a scan is already running."""
        if self._scanning:
            return False
        from desktop.ui.background import run_in_background

        library = self.library

        def work(_: None) -> list[InboxResult]:
            with short_switch_interval():  # it validates packs: Python work, like an index build
                return library.scan_inbox()

        self._scanning = True
        run_in_background(self, "inbox-scan", [None], work, self._inbox_scanned,
                          failed="checking the watched folder failed", fallback=lambda _: [])
        return True

    def _inbox_scanned(self, results: Sequence[InboxResult]) -> None:
        from desktop.storage import library as lib

        self._scanning = False
        results = list(results)
        installed = [r for r in results if r.status == lib.INBOX_INSTALLED]
        if installed and self.data.origin == "file":
            self.add_banner("info", f"Data version {installed[-1].data_version} was installed from the IT folder. "
                            "It will be used when the app is started without a data file.", "inboxInstalledBanner")
        elif installed:
            self._reload_from_library(FROM_IT_FOLDER)
        trouble = [r for r in results if r.status in (lib.INBOX_IGNORED, lib.INBOX_FAILED)]
        if trouble:
            self._add_inbox_banner(trouble)
        self.update_data_actions()
        self.inbox_results = results
        self.inbox_scanned.emit(results)

    def _add_inbox_banner(self, trouble: Sequence[InboxResult]) -> None:
        """A quiet note for IT naming the files in the watched folder that were not installed."""
        from desktop.storage import library as lib

        def why(r: InboxResult) -> str:
            if r.status == lib.INBOX_FAILED:
                return "could not be installed"
            return INBOX_REASON_WORDS.get(r.reason or "", "not installed")

        # a name that is not UTF-8 (Qt dropped its bytes), or holding a line feed or a right-to-left override (a line
        # of its own, the words after it backwards): each shown as the update dialog shows it
        shown = [f"{name_as_seen(r.name)} ({why(r)})" for r in trouble[:3]]
        more = f" and {len(trouble) - 3} more" if len(trouble) > 3 else ""
        count = f"{len(trouble)} file{'s' if len(trouble) != 1 else ''}"
        text = f"IT folder: {count} not installed: {', '.join(shown)}{more}."
        if [r.path for r in trouble] == [self.library.inbox_folder()]:  # the folder itself (scan_inbox)
            text = f"IT folder: {name_as_seen(trouble[0].name)} could not be read, so no update in it was looked at."
        banner = self.add_banner("info", text, "inboxBanner")
        banner.layout().setContentsMargins(10, 2, 8, 2)  # quiet: it is for IT, not the officer
        # two lines and More, as a notice from loading: three long file names took seven lines at the largest
        # text on 800 × 600, cut off mid-name, and left the page under it a third of the window
        self._fold_notice(banner)
        names = "\n".join(str(r) for r in trouble)
        banner.setToolTip(plain_tip(names))
        banner.setAccessibleDescription(names)
        self._add_dismiss(banner, "inboxOkButton", "Dismiss the note about the IT folder")

    # -- window state -------------------------------------------------------------------------------------------
    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt API)
        """Tab from the top bar or a banner into a page scrolls the widget it reaches into sight, as Tab within
        the page does (Qt's scroll area scrolls only for a Tab that starts inside it): Copy citation took the
        focus at the top of a provision scrolled to its related links, 2,700 px out of sight."""
        moved = super().focusNextPrevChild(forward)
        focus = self.focusWidget()
        area = focus.parentWidget() if moved and focus is not None else None
        while area is not None and not isinstance(area, VScrollArea):
            area = area.parentWidget()
        if area is not None:
            area.show_focus(focus)
        return moved

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def _restore_geometry(self) -> None:
        geometry = self.settings.geometry
        if geometry is None or not self.restoreGeometry(geometry):
            fit_to_screen(self, *DEFAULT_SIZE)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self._editors_used:
            from desktop.ui.editor import close_editors

            if not close_editors():  # someone chose Cancel on unsaved changes in an editor
                event.ignore()
                return
        self.settings.geometry = self.saveGeometry()
        super().closeEvent(event)
