"""Pick and order the scenarios for a class, save or open the playlist file, and start presenting. Help →
Keyboard keys names its keys (keys.PLAYLIST_KEYS)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import playlist as playlists
from desktop.domain.model import Pack
from desktop.domain.playlist import Playlist, PlaylistError
from desktop.storage.user_files import write_user_file
from desktop.ui.dialog_memory import open_file_name, save_file_name
from desktop.ui.keys import PLAYLIST_CLICKER_START, PLAYLIST_DOWN, PLAYLIST_REMOVE, PLAYLIST_UP
from desktop.ui.scenario_list_model import ScenarioIdRole, ScenarioListModel
from desktop.ui.scenario_tree import ScenarioTree
from desktop.ui.widgets import Button, RowOpener, chosen_save_path, fit_to_screen, plain_tip, repolish

Index = QModelIndex | QPersistentModelIndex
FILE_FILTER = "Playlists (*.json);;All files (*)"
BUTTON_HEIGHT = 44
#: the lines of its text the class's list keeps under the intro; where it would keep fewer, the intro makes way
LIST_LINES = 6


class PlaylistModel(QAbstractListModel):
    """The scenarios of a playlist, in presentation order."""

    def __init__(self, pack: Pack, scenario_ids: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pack = pack
        self._ids: list[str] = list(scenario_ids)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        sid = self._ids[index.row()]
        scenario = self._pack.scenario(sid)
        title = scenario.title if scenario else f"{sid} (not in this data pack)"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return title
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(f"{sid}: {scenario.summary}" if scenario else sid)
        if role == ScenarioIdRole:
            return sid
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def scenario_ids(self) -> tuple[str, ...]:
        return tuple(self._ids)

    def set_scenario_ids(self, ids: tuple[str, ...] | list[str]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self.endResetModel()

    def add(self, scenario_id: str, row: int | None = None) -> int | None:
        """Insert a scenario (at the end by default). None when it is already in the playlist."""
        if scenario_id in self._ids:
            return None
        row = len(self._ids) if row is None else max(0, min(row, len(self._ids)))
        self.beginInsertRows(QModelIndex(), row, row)
        self._ids.insert(row, scenario_id)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> bool:
        if not 0 <= row < len(self._ids):
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        self.endRemoveRows()
        return True

    def move(self, row: int, delta: int) -> int | None:
        """Move one row up (delta -1) or down (+1); returns its new row, None when it cannot move."""
        target = row + delta
        if not (0 <= row < len(self._ids) and 0 <= target < len(self._ids)) or delta not in (-1, 1):
            return None
        # beginMoveRows wants the destination *before* which the row lands, in pre-move numbering.
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target + 1 if delta > 0 else target)
        self._ids.insert(target, self._ids.pop(row))
        self.endMoveRows()
        return target


def left_out_words(left_out: tuple[str, ...], data_version: int, opened: int, file_name: str) -> str:
    """What a trainer reads on opening a playlist saved before a data update took some of its scenarios out: what
    is left out first, then what opened ("Opened week3.json: 2 scenario(s). Left out, no longer in this data pack
    (data version 1): S99." said the news last, in a line styled as any other). Two lines at most at the largest
    text on an 800 × 600 screen: at three, the class's list under it showed two lines of its first title."""
    ids = left_out[0] if len(left_out) == 1 else ", ".join(left_out[:-1]) + " and " + left_out[-1]
    rest = (f"Nothing else was in {file_name}." if opened == 0
            else f"The other {'one' if opened == 1 else opened} opened from {file_name}.")
    return f"Left out: {ids}, no longer in this data pack (version {data_version}). {rest}"


def _button(text: str, name: str, accessible: str, parent: QWidget) -> QPushButton:
    button = Button(text, parent)  # Enter presses it, as in the guide, not the dialog's Start presentation
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setMinimumHeight(BUTTON_HEIGHT)
    button.setAutoDefault(False)
    return button


def _row(*buttons: QPushButton) -> QHBoxLayout:
    """Buttons side by side, each as wide as its words, left-aligned under the list they act on."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


REMOVE_ALL = "Remove all"
# Each button's name begins with the words it shows (WCAG 2.5.3, label in name): "press Add all" to voice
# control found nothing named "Add every scenario that is not a shared step", nor "Remove all" or "Start
# presentation" under "Remove every scenario…" and "Start presenting…".
REMOVE_ALL_NAME = "Remove all scenarios from this class"
PUT_BACK = "↶ Put back"


class PlaylistDialog(QDialog):
    """All scenarios on the left, the class playlist on the right; save, open, start."""

    presentation_requested = Signal(object)  # a desktop.domain.playlist.Playlist
    playlist_saved = Signal(str)  # the file written
    playlist_opened = Signal(str)  # the file read

    def __init__(self, pack: Pack, initial: Playlist | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self.path: Path | None = None
        initial = initial or playlists.default_playlist(pack)
        self.setObjectName("playlistDialog")
        self.setAccessibleName("Class playlist")
        self.setWindowTitle("Class playlist")
        fit_to_screen(self, 1100, 680, within=parent)

        self.title_edit = QLineEdit(initial.title, self)
        self.title_edit.setObjectName("playlistTitle")
        self.title_edit.setAccessibleName("Playlist title")
        self.title_edit.setMaxLength(playlists.MAX_TITLE_LENGTH)
        self.title_edit.setMinimumHeight(BUTTON_HEIGHT)
        title_label = QLabel("&Title", self)
        title_label.setBuddy(self.title_edit)
        intro = QLabel(
            "Pick scenarios on the left (double-click, Enter or Add), put them in order on the right, then start. "
            "Save the playlist to use it again with the next class.", self)
        intro.setObjectName("playlistIntro")
        intro.setWordWrap(True)
        self.intro = intro
        self.setAccessibleDescription(intro.text())  # told where the intro is left out for the lists' room

        self.all_model = ScenarioListModel(pack, self)
        self.all_view = ScenarioTree(self.all_model, "playlistAllScenarios", "All scenarios")  # titles wrap, as on Home
        self.all_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.all_view.activated.connect(lambda _index: self.add_selected())
        RowOpener(self.all_view)  # Enter or Space adds, as they open a situation on Home; Enter went on to Start too

        self.model = PlaylistModel(pack, initial.scenario_ids, self)
        # the same wrapping list as the full one: every title whole, rows as tall as their lines
        self.view = ScenarioTree(self.model, "playlistScenarios", "Scenarios in this playlist, in order")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        all_label = QLabel("All &scenarios", self)
        all_label.setBuddy(self.all_view)
        list_label = QLabel("This &class, in order", self)
        list_label.setBuddy(self.view)

        self.add_button = _button("Add →", "playlistAdd", "Add the selected scenarios to the playlist", self)
        self.add_all_button = _button("Add all", "playlistAddAll", "Add all scenarios that are not shared steps", self)
        self.remove_button = _button("Remove", "playlistRemove", "Remove the selected scenario from the playlist", self)
        # The class list opens with the default scenarios: a class of four took five Deletes. One press empties
        # it, and the same button then puts them back (until the list changes): an undo where the press was,
        # kinder than a question asked before every clear.
        self.remove_all_button = _button(REMOVE_ALL, "playlistRemoveAll", REMOVE_ALL_NAME, self)
        self._removed: tuple[str, ...] = ()  # what Remove all took, while Put back can return it
        # short words: at the largest text "Move up · Move down · Remove" took 590 px, and the full list of
        # scenarios beside it was left 160 px, too narrow to tell "Agents show an…" from "Agents show a…"
        self.up_button = _button("▲ Up", "playlistMoveUp", "Move the selected scenario up", self)
        self.down_button = _button("▼ Down", "playlistMoveDown", "Move the selected scenario down", self)
        self.open_button = _button("Open…", "playlistOpen", "Open a playlist file", self)
        self.save_button = _button("Save…", "playlistSave", "Save this playlist to a file", self)
        self.cancel_button = _button("Close", "playlistClose", "Close without presenting", self)
        self.start_button = _button("Start presentation", "playlistStart", "Start presentation of this playlist", self)
        self.start_button.setDefault(True)
        self.start_button.setProperty("kind", "primary")  # the dialog's main action, styled as Install is

        self.message = QLabel(self)
        self.message.setObjectName("playlistMessage")
        self.message.setAccessibleName("Playlist messages")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()  # until there is something to say
        #: the widget whose accessible description says the message, and its own description before (_tell)
        self._told: tuple[QWidget, str] | None = None

        # Every row fits an 800-px screen at the largest text: each button row sits under the list it acts on, and
        # Open… and Save… beside the title they save under. Three columns (Add →, Add all and Remove all between
        # the lists; Open, Save, Close and Start in one row) made the dialog 944 px wide there: off the screen's edge.
        grid = QGridLayout()
        grid.addWidget(all_label, 0, 0)
        grid.addWidget(list_label, 0, 1)
        grid.addWidget(self.all_view, 1, 0, 2, 1)  # down to the bottom of the order buttons: no empty band
        grid.addWidget(self.view, 1, 1)
        grid.addLayout(_row(self.up_button, self.down_button), 2, 1)
        grid.addLayout(_row(self.add_button, self.add_all_button), 3, 0)
        grid.addLayout(_row(self.remove_button, self.remove_all_button), 3, 1)
        grid.setColumnStretch(0, 3)  # long titles: the full list gets the room (its tooltips hold the summary)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(1, 1)  # the lists take the height, not the space around the buttons

        title_row = QHBoxLayout()
        title_row.addWidget(title_label)
        title_row.addWidget(self.title_edit, 1)
        title_row.addWidget(self.open_button)
        title_row.addWidget(self.save_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        grid.setHorizontalSpacing(12)
        layout.addLayout(title_row)
        layout.addWidget(intro)
        layout.addWidget(self.message)  # in the intro's place while it shows (_say)
        layout.addLayout(grid, 1)
        layout.addLayout(bottom)
        # Tab goes as the eye reads: the title and its file, the full list and what adds from it, the class's list
        # and what orders and empties it, then Close and Start
        order = (self.title_edit, self.open_button, self.save_button, self.all_view, self.add_button,
                 self.add_all_button, self.view, self.up_button, self.down_button, self.remove_button,
                 self.remove_all_button, self.cancel_button, self.start_button)
        for before, after in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(before, after)

        self.add_button.clicked.connect(self.add_selected)
        self.add_all_button.clicked.connect(self.add_all)
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_all_button.clicked.connect(self.remove_all_or_put_back)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.open_button.clicked.connect(lambda: self.open_file())
        self.save_button.clicked.connect(lambda: self.save_file())
        self.cancel_button.clicked.connect(self.reject)
        self.start_button.clicked.connect(self.start)
        for keys, slot in ((PLAYLIST_REMOVE, self.remove_selected),  # as Help → Keyboard keys names them
                           (PLAYLIST_UP, lambda: self.move_selected(-1)),
                           (PLAYLIST_DOWN, lambda: self.move_selected(1))):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self.view)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(slot)
        for key in PLAYLIST_CLICKER_START:  # a clicker's start key did nothing here: the trainer walked to the laptop
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(self.start)
        for changed in (self.model.rowsInserted, self.model.rowsRemoved, self.model.rowsMoved, self.model.modelReset,
                        self.title_edit.textEdited):
            changed.connect(self._forget_message)  # before the words of what changed it (_say after the change)
        for changed in (self.model.rowsInserted, self.model.rowsRemoved, self.model.rowsMoved):
            changed.connect(self._forget_removed)  # the list changed since: Put back would undo more than the clear
        self.model.rowsInserted.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.rowsMoved.connect(self._update_buttons)
        self._update_buttons()

    # -- the playlist --------------------------------------------------------------------------
    def playlist(self) -> Playlist:
        return Playlist(playlists.shown_title(self.title_edit.text()), self.model.scenario_ids())

    def set_playlist(self, playlist: Playlist) -> None:
        self.title_edit.setText(playlist.title)
        self._removed = ()  # another list: Put back would bring the last one's scenarios into it
        self.model.set_scenario_ids(playlist.scenario_ids)

    def _selected_row(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _select_row(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row))

    def add_selected(self) -> None:
        ids = [i.data(ScenarioIdRole) for i in self.all_view.selectionModel().selectedIndexes()]
        ids = [sid for sid in ids if sid]
        if not ids and self.all_view.currentIndex().data(ScenarioIdRole):
            ids = [self.all_view.currentIndex().data(ScenarioIdRole)]
        added = [row for sid in ids if (row := self.model.add(sid)) is not None]
        if added:
            self._select_row(added[-1])
            what = f"“{self._title(added[0])}”" if len(added) == 1 else f"{len(added)} scenarios"
            self._say(f"Added {what}: {self._count()}.")
        elif ids:
            self._say("That scenario is already in the playlist.")

    def add_all(self) -> None:
        count = sum(1 for s in self.pack.scenarios if not s.subflow and self.model.add(s.scenario_id) is not None)
        self._say(f"Added {count} scenario{'s' if count != 1 else ''}: {self._count()}." if count
                  else "Every scenario is already in the playlist.")

    def remove_selected(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        title = self._title(row)
        if self.model.remove(row):
            if self.model.rowCount():
                self._select_row(min(row, self.model.rowCount() - 1))
            self._say(f"Removed “{title}”: {self._count()}.")

    def remove_all_or_put_back(self) -> None:
        """Empty the class list; pressed again before the list changes, put back what it held."""
        if self._removed:
            removed = self._removed
            self.model.set_scenario_ids(removed)  # the button stays enabled throughout: it keeps the focus
            self._removed = ()
            self._update_buttons()
            self._say(f"Put back {len(removed)} scenario{'s' if len(removed) != 1 else ''}: {self._count()}.")
            return
        removed = self.model.scenario_ids()
        if not removed:
            return
        self._removed = removed  # first: the button, enabled throughout, keeps the focus
        self.model.set_scenario_ids(())
        what = f"all {len(removed)} scenarios" if len(removed) > 1 else "the one scenario"
        them = "them" if len(removed) > 1 else "it"
        self._say(f"Removed {what}: this class is empty ({PUT_BACK.split(' ', 1)[1]} returns {them}).")

    def _forget_removed(self, *_args: object) -> None:
        self._removed = ()

    def move_selected(self, delta: int) -> None:
        row = self._selected_row()
        if row is not None and (target := self.model.move(row, delta)) is not None:
            self._select_row(target)
            self._say(f"“{self._title(target)}” is now {target + 1} of {self.model.rowCount()}.")

    def _title(self, row: int) -> str:
        return str(self.model.index(row).data())

    def _count(self) -> str:
        count = self.model.rowCount()
        return f"{count} scenario{'s' if count != 1 else ''} in this class" if count else "this class is empty"

    def _forget_message(self, *_args: object) -> None:
        """The list or its title changed: a message about it before ("Saved to …", "Added …") no longer holds.
        What changed it says its own words after (add, remove, move, open)."""
        if self.message.text():
            self._say("")

    def _update_buttons(self, *_args: object) -> None:
        row = self._selected_row()
        count = self.model.rowCount()
        self.remove_button.setEnabled(row is not None)
        undo = bool(self._removed)
        self.remove_all_button.setText(PUT_BACK if undo else REMOVE_ALL)
        them = f"the {len(self._removed)} scenarios" if len(self._removed) > 1 else "the one scenario"
        self.remove_all_button.setAccessibleName(
            f"Put back {them} removed" if undo else REMOVE_ALL_NAME)
        self.remove_all_button.setEnabled(undo or count > 0)
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < count - 1)
        self.start_button.setEnabled(count > 0)
        self.save_button.setEnabled(count > 0)

    def _say(self, text: str, error: bool = False) -> None:
        """Show ``text`` in the intro's place (the instructions are back once it goes): under the lists, at the
        largest text on a 1024 × 600 screen, a two-line message squeezed the lists to two rows and the buttons
        between them over each other. A warning ("left out…") is marked as one (the themes' error colours)."""
        kind = "error" if error else "info"
        if self.message.property("kind") != kind:
            self.message.setProperty("kind", kind)
            repolish(self.message)
        self.message.setText(text)
        self.message.setAccessibleDescription(text)
        self.message.setVisible(bool(text))
        self._place_intro()
        self._tell(text)

    def _place_intro(self) -> None:
        """The instructions above the lists, unless a message stands in their place or the dialog is too short for
        them (``room_for_intro``)."""
        self.intro.setVisible(self.message.isHidden() and self.room_for_intro())

    def room_for_intro(self) -> bool:
        """Whether the class's list keeps LIST_LINES lines of its text with the intro above it, at the dialog's width:
        at the largest text on 800 × 600 the intro's three lines left it 126 px, a title and a half; there the list
        gets their room, and the dialog's accessible description still says them. (Counted in the dialog's height
        alone, the intro went at the largest text on 1280 × 800 too, where it takes two lines and the list has ten.)"""
        layout = self.layout()
        layout.activate()  # the lists' height for what shows now (a message just gone, a new font)
        height = self.view.height()
        if self.intro.isHidden():
            height -= self.intro.heightForWidth(layout.contentsRect().width()) + layout.spacing()
        return height >= LIST_LINES * self.view.fontMetrics().lineSpacing()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._place_intro()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):  # a larger text, a theme
            self._place_intro()

    def _tell(self, text: str) -> None:
        """Say ``text`` to a screen reader. The focus stays where it was (a list, a button) while the message
        shows in the line under the lists, and a screen reader reads what has the focus, never that line: the
        words go into the focused widget's description, as the search box's and the slides' do. The widget told
        before gets its own description back."""
        if self._told is not None:
            widget, own = self._told
            self._told = None
            widget.setAccessibleDescription(own)
        focus = self.focusWidget() or self
        if text:
            self._told = (focus, focus.accessibleDescription())
            focus.setAccessibleDescription(text)

    def _folder(self) -> str:
        if self.path is not None:
            return str(self.path.parent)
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    # -- files ---------------------------------------------------------------------------------
    def save_file(self, path: str | Path | None = None) -> bool:
        chosen = None
        if path is None:
            suggested = str(Path(self._folder()) / (self.playlist().title.replace("/", "-") + ".json"))
            chosen, _filter = save_file_name(self, "Save playlist", suggested, FILE_FILTER)
            if not chosen:
                return False
            path = chosen
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".json")
        if chosen is not None and chosen_save_path(self, chosen, target) is None:
            return False
        problems = [p for p in playlists.problems(self.playlist(), self.pack)]
        if problems:
            self._say("Cannot save: " + "; ".join(problems) + ".", error=True)
            return False
        try:
            write_user_file(playlists.dumps(self.playlist()).encode("utf-8"), target)
        except OSError as exc:
            self._say(f"Could not save {target.name}: {exc.strerror or exc}.", error=True)
            return False
        self.path = target
        self._say(f"Saved to {target}.")
        self.playlist_saved.emit(str(target))
        return True

    def open_file(self, path: str | Path | None = None) -> bool:
        if path is None:
            chosen, _filter = open_file_name(self, "Open playlist", self._folder(), FILE_FILTER)
            if not chosen:
                return False
            path = chosen
        source = Path(path)
        try:
            with open(source, "rb") as handle:
                raw = handle.read(playlists.MAX_PLAYLIST_BYTES + 1)
            opened, left_out = playlists.parse_known(raw, self.pack)
        except PlaylistError as exc:
            self._say(f"Could not open {source.name}: " + "; ".join(exc.problems) + ".", error=True)
            return False
        except IsADirectoryError:
            self._say(f"Could not open {source.name}: it is a folder, not a playlist file.", error=True)
            return False
        except OSError as exc:
            self._say(f"Could not open {source.name}: {exc.strerror or exc}.", error=True)
            return False
        self.set_playlist(opened)
        self.path = source
        if self.model.rowCount():
            self._select_row(0)
        count = len(opened.scenario_ids)
        if left_out:  # a data update since it was saved: the rest still opens, and what is missing is named first
            self._say(left_out_words(left_out, self.pack.meta.data_version, count, source.name), error=True)
        else:
            self._say(f"Opened {source.name}: {count} scenario{'s' if count != 1 else ''}.")
        self.playlist_opened.emit(str(source))
        return True

    def start(self) -> None:
        playlist = self.playlist()
        problems = playlists.problems(playlist, self.pack)
        if problems:
            self._say("Cannot start: " + "; ".join(problems) + ".", error=True)
            return
        self.presentation_requested.emit(playlist)
        self.accept()
