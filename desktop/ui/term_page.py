"""A glossary term: its plain definition and the provisions that use it."""

from __future__ import annotations

from PySide6.QtCore import Signal
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
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        content.setObjectName("termContent")
        outer.addWidget(VScrollArea(content, "termScroll"))
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

    def show_term(self, term: str) -> bool:
        if self._pack is None:
            return False
        found = next((g for g in self._pack.glossary if g.term == term), None)
        if found is None:
            return False
        self.term = found
        self.title_label.setText(found.term)
        self.definition_label.setText(found.definition)
        links = []
        for provision_id in found.see:
            p = self._pack.provision(provision_id)
            if p is not None:
                links.append((provision_id, f"{p.citation()}  ·  {p.title}", f"Open {p.citation()}: {p.title}"))
        self.links.set_links(links)
        self.see_heading.setVisible(bool(links))
        return True

    def first_focus(self) -> QWidget:
        return self.links.buttons[0] if self.links.buttons else self
