"""Back/forward history across screens, like a browser. Pure Python: locations are small value objects."""

from __future__ import annotations

from dataclasses import dataclass, field

HOME, SEARCH, PROVISION, TERM, WIZARD, PROBLEMS = "home", "search", "provision", "term", "wizard", "problems"


@dataclass(frozen=True, slots=True)
class Location:
    """One screen: its kind and what it shows (a query, a provision id, a scenario and its answers…)."""

    kind: str
    key: str = ""
    answers: tuple[str, ...] = ()
    filters: tuple[str, ...] = ()
    # the thing opened from this screen (kind, id), focused again on Back: a search's result, an answer's citation,
    # a provision's related provision, a glossary term's provision
    opened: tuple[str, ...] = ()
    # where the officer was reading this screen when they left it (VScrollArea.reading_place: the words at its top,
    # not pixels, which a new text size moves), shown again on Back or Forward; not part of what the screen is, so
    # the same screen scrolled elsewhere is still the same place
    place: object = field(default=None, compare=False)

    @property
    def opened_id(self) -> str:
        """The id of the thing opened from this screen, or ""."""
        return self.opened[1] if self.opened else ""


class History:
    """A list of locations and a cursor. ``visit`` drops the forward part, as browsers do."""

    def __init__(self, first: Location, limit: int = 100) -> None:
        self._items = [first]
        self._index = 0
        self._limit = limit

    @property
    def current(self) -> Location:
        return self._items[self._index]

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def previous(self) -> Location | None:
        """Where Back would go, if anywhere."""
        return self._items[self._index - 1] if self._index > 0 else None

    @property
    def next(self) -> Location | None:
        """Where Forward would go, if anywhere."""
        return self._items[self._index + 1] if self.can_go_forward else None

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._items) - 1

    def visit(self, location: Location) -> None:
        if location == self.current:
            return
        del self._items[self._index + 1 :]
        self._items.append(location)
        if len(self._items) > self._limit:
            del self._items[0]
        self._index = len(self._items) - 1

    def replace(self, location: Location) -> None:
        """Update the current screen in place (typing a query, answering a question)."""
        self._items[self._index] = location

    def back(self) -> Location:
        if self.can_go_back:
            self._index -= 1
        return self.current

    def forward(self) -> Location:
        if self.can_go_forward:
            self._index += 1
        return self.current

    def __len__(self) -> int:
        return len(self._items)
