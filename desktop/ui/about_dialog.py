"""About and disclaimer: shown once at first launch, always reachable from Help → About."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop import APP_NAME, __version__
from desktop.domain.model import NOTES_HEADING, format_day
from desktop.ui.data_loading import DataState
from desktop.ui.keys import sections
from desktop.ui.themes import font_sizes
from desktop.ui.widgets import (
    HangingList,
    Heading,
    VScrollArea,
    WrapLabel,
    breakable,
    field_name,
    fit_to_screen,
    named,
)


def _reading_view(content: QWidget, object_name: str, accessible_name: str) -> VScrollArea:
    """A box's words in a view the keys can read: Tab stops on it (the theme rings it) and PageDown, the arrows,
    Home and End scroll it. At the largest text the disclaimer runs 2,000 px past an 800 × 600 screen, and with the
    focus on Close no key moved it: an officer on the keyboard or a screen reader could not read on. Home and
    End go to its top and its end, as in an answer."""
    view = VScrollArea(content, object_name, accessible_name)
    view.read_by_keys()
    return view


GENERAL_DISCLAIMER = (
    "Encounter Guide is a quick reference, not legal advice. Department directives, your supervisors and "
    "the City's lawyers prevail over anything shown here."
)


class AboutDialog(QDialog):
    def __init__(self, data: DataState, first_launch: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "aboutDialog", "About Encounter Guide")
        self.setWindowTitle("Before you start" if first_launch else f"About {APP_NAME}")
        self.setModal(True)
        fit_to_screen(self, 720, 560, within=parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        content.setObjectName("aboutContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.setSpacing(12)
        self.scroll = _reading_view(content, "aboutScroll", "About and disclaimer")
        outer.addWidget(self.scroll, 1)

        layout.addWidget(WrapLabel(APP_NAME, role="h1", object_name="aboutTitle"))
        layout.addWidget(WrapLabel(f"Program version {__version__}", role="muted", object_name="aboutVersion"))
        layout.addWidget(Heading("Please read", object_name="disclaimerHeading"))
        pack = data.loaded.pack if data.loaded else None
        disclaimer = pack.meta.disclaimer if pack else GENERAL_DISCLAIMER
        self.disclaimer_label = WrapLabel(disclaimer, role="summary", object_name="disclaimerText")
        layout.addWidget(self.disclaimer_label)

        layout.addWidget(Heading("Data pack", object_name="packHeading"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        rows: list[tuple[str, str]] = []
        if data.loaded is not None and pack is not None:
            meta = pack.meta
            rows = [
                ("Title", meta.title),
                ("Version", str(meta.data_version)),
                ("As of", format_day(meta.as_of)),
                # the day the publisher reviewed and published this pack: not a legal review (the notes say
                # whether there has been one)
                ("Published on", format_day(meta.reviewed_on)),
                ("Update due", f"{format_day(meta.expires_on)} ({meta.expires_after_days} days after “as of”)"),
                ("Publisher", meta.publisher),
                ("Source", data.describe_pack()),
                ("File", str(data.loaded.path)),
                ("SHA-256", data.loaded.sha256),
            ]
        else:
            rows = [("Status", "No data pack is loaded.")]
        self.values: dict[str, str] = {}
        for row, (name, value) in enumerate(rows):
            grid.addWidget(field_name(name, "aboutFieldName"), row, 0, Qt.AlignmentFlag.AlignTop)
            label = WrapLabel(breakable(value) if name in ("SHA-256", "File") else value, object_name=f"about_{name}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(label, row, 1)
            self.values[name] = value
        layout.addLayout(grid)
        self.notes: HangingList | None = None
        if pack is not None and pack.meta.notes:  # e.g. whether the data has had a legal review
            layout.addWidget(Heading(NOTES_HEADING, object_name="packNotesHeading"))
            self.notes = HangingList("packNotes", "packNote", "", marker_name="packNoteBullet", gap=10, selectable=True)
            self.notes.set_items([("•", note) for note in pack.meta.notes])
            layout.addWidget(self.notes)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(24, 8, 24, 16)
        buttons.addStretch(1)
        self.ok_button = named(QPushButton("I understand" if first_launch else "Close"), "aboutOkButton",
                               "I understand" if first_launch else "Close")
        self.ok_button.setProperty("kind", "primary")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.accept)
        buttons.addWidget(self.ok_button)
        outer.addLayout(buttons)


#: The keys' list's width at the normal text size; it grows with the text, as far as the screen and window allow.
KEYS_WIDTH = 640


class KeysDialog(QDialog):
    """The keyboard keys, as a list to read (they used to be one long status-bar line that did not fit)."""

    def __init__(self, parent: QWidget | None = None, text_step: int = 0) -> None:
        super().__init__(parent)
        named(self, "keysDialog", "Keyboard keys")
        self.setWindowTitle("Keyboard keys")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 16)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(24, 20, 24, 8)
        content_layout.setSpacing(12)
        content_layout.addWidget(Heading("Keyboard keys", object_name="keysHeading"))
        table = QWidget()  # the grid's own widget: a label re-measured in its theme's font re-lays the grid out (a
        table.setObjectName("keysTable")  # grid nested in the page's layout kept the heights of the unstyled font)
        grid = QGridLayout(table)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        row = 0
        for heading, lines in sections():  # the guide's keys, the quiz's, the slides' and the playlist's
            section = Heading(heading, object_name="keysSection")
            if row:
                section.setContentsMargins(0, 12, 0, 0)  # a gap above each heading but the first
            grid.addWidget(section, row, 0, 1, 2)
            row += 1
            for line in lines:
                grid.addWidget(field_name(line.named, "keysKeys"), row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(WrapLabel(line.does, object_name="keysAction"), row, 1, Qt.AlignmentFlag.AlignTop)
                row += 1
        content_layout.addWidget(table)
        content_layout.addStretch(1)
        self.scroll = _reading_view(content, "keysScroll", "Keyboard keys")
        layout.addWidget(self.scroll, 1)  # the largest text on a short screen scrolls
        buttons = QHBoxLayout()
        buttons.setContentsMargins(24, 0, 24, 0)
        buttons.addStretch(1)
        self.close_button = named(QPushButton("Close"), "keysCloseButton", "Close")
        self.close_button.setProperty("kind", "primary")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        # as wide as the text is large: 640 px at the largest text on 1024 × 600 left each key's words a column
        # of 285 px, four lines for "Open the situation or result picked, or press the button in focus"
        grown = round(KEYS_WIDTH * font_sizes(text_step)["body"] / font_sizes(0)["body"])
        fit_to_screen(self, max(KEYS_WIDTH, grown), 700, within=parent)  # four sections: as tall as the window allows
