"""A glossary term: its plain definition and the provisions that use it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.domain.model import GlossaryTerm, Pack
from desktop.ui.widgets import Heading, LinkRow, VScrollArea, WrapLabel, named, page_layout


class TermPage(QWidget):
    provision_opened = Signal(str)

    def __init__(self, pack: Pack | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "termPage", "Glossary term")
        self._pack = pack
        self.term: GlossaryTerm | None = None
        self._opened = ""  # while Back shows this term again: the provision opened from it
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        content.setObjectName("termContent")
        self.scroll = VScrollArea(content, "termScroll", "The glossary term")
        self.scroll.keeps_place = True
        outer.addWidget(self.scroll)
        layout = page_layout(content)
        layout.addWidget(WrapLabel("Glossary", role="muted", object_name="termKind"))
        self.title_label = WrapLabel("", role="h1", object_name="termTitle")
        layout.addWidget(self.title_label)
        self.definition_label = WrapLabel("", role="summary", object_name="termDefinition")
        layout.addWidget(self.definition_label)
        self.see_heading = Heading("See", object_name="termSeeHeading")
        layout.addWidget(self.see_heading)
        self.links = LinkRow("termLinks")
        self.links.link_activated.connect(self.provision_opened)
        layout.addWidget(self.links)
        layout.addStretch(1)

    def set_pack(self, pack: Pack | None) -> None:
        self._pack = pack

    def show_term(self, term: str, opened: str = "") -> bool:
        """Show a glossary term. ``opened``: the provision opened from it, whose link takes the focus again (Back
        from it)."""
        if self._pack is None:
            return False
        found = next((g for g in self._pack.glossary if g.term == term), None)
        if found is None:
            return False
        self.term = found
        self._opened = opened
        self.title_label.setText(found.term)
        self.definition_label.setText(found.definition)
        links = []
        for provision_id in found.see:
            p = self._pack.provision(provision_id)
            if p is not None:
                links.append((provision_id, f"{p.citation()}  ·  {p.title}", f"Open {p.citation()}: {p.title}"))
        self.links.set_links(links)
        self.see_heading.setVisible(bool(links))
        self.scroll.verticalScrollBar().setValue(0)  # its words first, not where the last term was left
        return True

    def first_focus(self) -> QWidget:
        # Back from a provision: its link, where the officer was, not the first one
        return self.links.button_for(self._opened) or (self.links.buttons[0] if self.links.buttons else self)

    def reveal(self, widget: QWidget) -> None:
        """Give ``widget`` the focus. The link Back returns to is scrolled into sight (it may be below the screen's
        edge); on a first visit the term's words stay in sight above its first link."""
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if widget is self.links.button_for(self._opened):
            self.scroll.bring_into_sight(widget)
