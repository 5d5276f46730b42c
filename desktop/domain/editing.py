"""Edits to a pack's tables, each undoable: the supervisor editor's model, with no Qt.

The editor works on the raw tables (JSON-shaped dicts, exactly what is stored), so a draft the schema
rejects can still be opened, shown and fixed. Every change is a :class:`Command` made of primitive
operations on paths into the tables (set a value, insert/remove/move a list item); each primitive has an
exact inverse, so undo restores the tables exactly. Tables (``{"1": doc, "2": doc}``) are treated as
ordered lists: inserting, removing or moving a record renumbers the keys 1..n in record order, which is
how ``pack_to_tables`` writes them too.

Paths use the storage keys: ``("provisions", "3", "title")``, ``("scenarios", "2", "nodes", 4, "prompt")``.
A *focus* is the path of the record (or node) an edit is about, so the editor can show it after an undo.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from desktop.domain.codec import ID_KEYS, Tables
from desktop.domain.model import ENTER_AT_SCHEMA_VERSION, STARTER_WORDS
from desktop.domain.validation import heading_key, hidden_words, mixed_script_word, shown_safely, shows_nothing

Key = str | int
Path = tuple[Key, ...]


class _Missing:
    """Marks a dict key that is absent (before it is added, or after it is removed)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __deepcopy__(self, memo: dict[int, Any]) -> _Missing:
        return self


MISSING: Any = _Missing()

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._()\-]{0,79}$")
KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,39}$")
LIST_FIELDS = ("do", "do_not", "say", "document", "notify")


class EditError(ValueError):
    """An edit that cannot be made (a bad id, a name already in use); the message says why, plainly."""


# --- primitive operations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetValue:
    """Set ``path`` to ``new`` (``MISSING`` removes a dict key); ``old`` is what was there."""

    path: Path
    old: Any
    new: Any


@dataclass(frozen=True)
class Insert:
    """Insert ``value`` at ``index`` of the list (or table) at ``path``."""

    path: Path
    index: int
    value: Any


@dataclass(frozen=True)
class Remove:
    """Remove the item at ``index`` of the list (or table) at ``path``; ``value`` is the item removed."""

    path: Path
    index: int
    value: Any


@dataclass(frozen=True)
class Move:
    """Move the item at ``src`` of the list (or table) at ``path`` so it ends up at ``dst``."""

    path: Path
    src: int
    dst: int


Op = SetValue | Insert | Remove | Move


def get(tables: Any, path: Sequence[Key], default: Any = MISSING) -> Any:
    """The value at ``path``, or ``default`` when any step is missing."""
    node = tables
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return default
    return node


def _container(tables: Any, path: Sequence[Key]) -> Any:
    node = get(tables, path)
    if node is MISSING:
        raise EditError(f"nothing at {'/'.join(map(str, path))}")
    return node


def _numbered_keys(table: dict[str, Any]) -> list[str]:
    return sorted(table, key=lambda k: int(k) if k.isdigit() else 0)


def _as_list(container: Any, path: Sequence[Key] = ()) -> list[Any]:
    if isinstance(container, list):
        return container
    if isinstance(container, dict):
        return [container[k] for k in _numbered_keys(container)]
    where = " › ".join(map(str, path)) or "this part of the file"
    raise EditError(f"{where} is not a list, so nothing can be added to it or taken from it here: "
                    "fix it first (the Problems panel shows it)")


def _store_list(container: Any, items: list[Any]) -> None:
    if isinstance(container, list):
        container[:] = items
        return
    container.clear()
    container.update({str(i): doc for i, doc in enumerate(items, start=1)})


def apply_op(tables: Any, op: Op) -> None:
    """Apply one primitive operation in place."""
    if isinstance(op, SetValue):
        parent = _container(tables, op.path[:-1])
        last = op.path[-1]
        if op.new is MISSING:
            if isinstance(parent, dict):
                parent.pop(last, None)
            else:
                raise EditError("cannot remove a list item by setting it")
        else:
            parent[last] = copy.deepcopy(op.new)
        return
    container = _container(tables, op.path)
    items = list(_as_list(container, op.path))
    if isinstance(op, Insert):
        items.insert(op.index, copy.deepcopy(op.value))
    elif isinstance(op, Remove):
        del items[op.index]
    elif isinstance(op, Move):
        item = items.pop(op.src)
        items.insert(op.dst, item)
    _store_list(container, items)


def invert(op: Op) -> Op:
    if isinstance(op, SetValue):
        return SetValue(op.path, op.new, op.old)
    if isinstance(op, Insert):
        return Remove(op.path, op.index, op.value)
    if isinstance(op, Remove):
        return Insert(op.path, op.index, op.value)
    return Move(op.path, op.dst, op.src)


@dataclass
class Command:
    """One undoable edit: a label for the Undo menu, its operations, and where it happened."""

    label: str
    ops: list[Op]
    focus_before: Path | None = None
    focus_after: Path | None = None
    merge_key: str | None = None  # consecutive edits with the same key (typing in a field) merge

    def inverse_ops(self) -> list[Op]:
        return [invert(op) for op in reversed(self.ops)]


# --- the document: tables + undo/redo ------------------------------------------------------------------


def canonical_keys(tables: Tables) -> Tables:
    """A copy of ``tables`` whose record keys are 1..n in record order (what ``pack_to_tables`` writes)."""
    out: dict[str, Any] = {}
    for name, table in tables.items():
        if isinstance(table, dict):
            out[name] = {str(i): copy.deepcopy(table[k]) for i, k in enumerate(_numbered_keys(table), start=1)}
        else:
            out[name] = copy.deepcopy(table)
    return out


class Document:
    """The working tables of a pack being edited, with undo and redo.

    ``revision`` counts every change (apply, undo, redo); ``dirty`` says whether the tables differ from
    the last saved state."""

    def __init__(self, tables: Tables) -> None:
        self.tables: Tables = canonical_keys(tables)
        # the scenario ids the pack had when opened: one deleted since is not given to a new scenario, which
        # officers would take for the one they knew (favourites, history, What's new "Changed: S32")
        self.opened_scenario_ids: tuple[str, ...] = tuple(ids(self.tables, "scenarios"))
        self._undo: list[Command] = []
        self._redo: list[Command] = []
        self._clean_depth: int | None = 0
        self._sealed = True
        self.revision = 0

    # undo stack state
    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str:
        return self._undo[-1].label if self._undo else ""

    @property
    def redo_label(self) -> str:
        return self._redo[-1].label if self._redo else ""

    @property
    def dirty(self) -> bool:
        return self._clean_depth != len(self._undo)

    def mark_clean(self) -> None:
        """The tables were just saved: this state is the clean one."""
        self._clean_depth = len(self._undo)
        self._sealed = True

    def seal(self) -> None:
        """Stop the next edit from merging into the last one (the person moved to another field)."""
        self._sealed = True

    def apply(self, command: Command | None) -> Command | None:
        """Apply and record ``command`` (None or an empty command is ignored). Returns what was recorded."""
        if command is None or not command.ops:
            return None
        for op in command.ops:
            apply_op(self.tables, op)
        self.revision += 1
        self._redo.clear()
        if self._clean_depth is not None and self._clean_depth > len(self._undo):
            self._clean_depth = None  # the saved state can no longer be reached by redo
        top = self._undo[-1] if self._undo else None
        if (
            not self._sealed
            and top is not None
            and command.merge_key is not None
            and top.merge_key == command.merge_key
            and self._clean_depth != len(self._undo)
        ):
            merged = Command(top.label, _merge_ops(top.ops, command.ops), top.focus_before, command.focus_after,
                             top.merge_key)
            self._undo[-1] = merged
            self._sealed = False
            return merged
        self._undo.append(command)
        self._sealed = command.merge_key is None
        return command

    def undo(self) -> Command | None:
        if not self._undo:
            return None
        command = self._undo.pop()
        for op in command.inverse_ops():
            apply_op(self.tables, op)
        self._redo.append(command)
        self._sealed = True
        self.revision += 1
        return command

    def redo(self) -> Command | None:
        if not self._redo:
            return None
        command = self._redo.pop()
        for op in command.ops:
            apply_op(self.tables, op)
        self._undo.append(command)
        self._sealed = True
        self.revision += 1
        return command

    def snapshot(self) -> Tables:
        """A deep copy of the working tables (for validation in another thread, saving, publishing)."""
        return copy.deepcopy(self.tables)


def _merge_ops(first: list[Op], second: list[Op]) -> list[Op]:
    """Two runs of SetValue on the same paths become one: the oldest 'old', the newest 'new'."""
    olds: dict[Path, Any] = {}
    order: list[Path] = []
    news: dict[Path, Any] = {}
    for op in [*first, *second]:
        assert isinstance(op, SetValue)
        if op.path not in olds:
            olds[op.path] = op.old
            order.append(op.path)
        news[op.path] = op.new
    return [SetValue(p, olds[p], news[p]) for p in order]


# --- reading the tables --------------------------------------------------------------------------------


def records(tables: Tables, table: str) -> list[tuple[str, dict[str, Any]]]:
    """(key, document) pairs of a table in record order."""
    t = tables.get(table)
    if not isinstance(t, dict):
        return []
    return [(k, t[k]) for k in _numbered_keys(t)]


def glossary_terms(tables: Tables) -> tuple[str, ...]:
    """The glossary's terms as they stand in ``tables`` (a draft with problems too): the words the reading
    grade counts as familiar, as readability.glossary_terms gives them for a built pack."""
    return tuple(doc["term"] for _, doc in records(tables, "glossary")
                 if isinstance(doc, dict) and isinstance(doc.get("term"), str))


def record_key(index: int) -> str:
    """The storage key of the record at ``index`` (0-based) in canonical tables."""
    return str(index + 1)


def record_index(key: str) -> int:
    return int(key) - 1


#: what a record of each table (codec.ID_KEYS) is called in words
RECORD_KINDS = {"provisions": "provision", "scenarios": "scenario", "glossary": "glossary term",
                "synonyms": "search synonym"}


def ids(tables: Tables, table: str) -> list[str]:
    id_key = ID_KEYS[table]
    return [d.get(id_key, "") for _, d in records(tables, table) if isinstance(d, dict)]


def nodes_of(tables: Tables, scenario_key: str) -> list[dict[str, Any]]:
    nodes = get(tables, ("scenarios", scenario_key, "nodes"), [])
    return [n for n in nodes if isinstance(n, dict)] if isinstance(nodes, list) else []


def node_ids(tables: Tables, scenario_key: str) -> list[str]:
    return [str(n.get("node_id", "")) for n in nodes_of(tables, scenario_key)]


def find_record(tables: Tables, table: str, ident: str) -> str | None:
    """The storage key of the record with this id, or None. Terms (glossary, synonyms) are compared as
    written, else casefolded, as the validator compares (and reports) them, hidden characters shown as [U+XXXX]."""
    id_key = ID_KEYS[table]
    for key, doc in records(tables, table):
        if isinstance(doc, dict) and doc.get(id_key) == ident:
            return key
    if id_key == "term":  # the validator names a term holding a hidden character as it shows it (shown_safely)
        return next((key for key, doc in records(tables, table)
                     if isinstance(doc, dict) and ident.casefold() in (str(doc.get("term", "")).casefold(),
                                                                       shown_safely(str(doc.get("term", ""))).casefold())),
                    None)
    return None


def find_node(tables: Tables, scenario_key: str, node_id: str) -> int | None:
    for i, n in enumerate(nodes_of(tables, scenario_key)):
        if n.get("node_id") == node_id:
            return i
    return None


def categories(tables: Tables, leaving_out: str | None = None) -> list[str]:
    """The scenario categories in use, in first-use order; with ``leaving_out``, those of the other scenarios."""
    out: list[str] = []
    for key, doc in records(tables, "scenarios"):
        cat = doc.get("category") if isinstance(doc, dict) and key != leaving_out else None
        if isinstance(cat, str) and cat and cat not in out:
            out.append(cat)
    return out


#: the most characters a new category may have: it is a heading on the officers' Home screen (as long as a Home
#: button's label may be)
CATEGORY_MOST = 60


def category_problem(tables: Tables, text: str, scenario_key: str | None = None) -> str:
    """Why ``text`` (spaces around it not counted) cannot be a scenario's category, in words; '' when it can: one of
    the pack's categories, or a new one that is one line of words, not too long for a heading, no word of it mixing
    alphabets whose letters look alike, and not one of the pack's written differently (validation.heading_key:
    "warrants and  papers" or "Trаffic" with a Cyrillic "а" for the pack's "Traffic" would be a second heading on the
    officers' Home screen for the same situations). ``scenario_key``: the scenario whose category is being changed
    (the editor's form): its own category, as it is, is taken, and is not one of the pack's to compare with (its
    only scenario may write it differently)."""
    name = text.strip()
    if not name:
        return "A scenario needs a category: pick one from the list or type a new one."
    own = get(tables, ("scenarios", scenario_key, "category")) if scenario_key is not None else None
    known = categories(tables, leaving_out=scenario_key)
    if name in known or name == own:  # the pack's own, as it is written: a heading officers have already
        return ""
    if shows_nothing(name):
        return "A category is a heading officers read: this one shows nothing (only spaces or invisible characters)."
    if hidden := hidden_words(name):  # as the check would say of it, tab or line break or control character
        return f"A category is one line of words: this one {hidden}."
    if len(name) > CATEGORY_MOST:
        return (f"A category is a heading on the officers' Home screen: keep it to {CATEGORY_MOST} characters "
                f"(this one has {len(name)}).")
    key = heading_key(name)
    for existing in known:
        if heading_key(existing) == key:
            return (f"The pack has this category already, written “{existing}”: pick it from the list. Written "
                    "differently, it would be a second heading on the Home screen.")
    if mixed := mixed_script_word(name):
        word, letters = mixed
        return (f"A category is a heading officers read: “{word}” mixes alphabets, with {letters} among its letters, "
                "which look alike but are not the same letters. Type the word again in one alphabet.")
    return ""


def unique_id(base: str, taken: Iterable[str], max_length: int = 80) -> str:
    """``base`` if free, else ``base-2``, ``base-3``… (kept within the id length limit)."""
    taken = set(taken)
    if base not in taken:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = base[: max_length - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        n += 1


def record_focus(path: Sequence[Key]) -> Path | None:
    """The record (or node) an edit at ``path`` is about."""
    if len(path) >= 4 and path[0] == "scenarios" and path[2] == "nodes" and isinstance(path[3], int):
        return tuple(path[:4])
    if len(path) >= 2 and path[0] in ID_KEYS:
        return tuple(path[:2])
    if path and path[0] == "meta":
        return ("meta",)
    return None


# --- edit commands (each returns a Command for Document.apply, or None when nothing changes) -----------


def set_value(tables: Tables, path: Path, value: Any, label: str, merge: bool = True) -> Command | None:
    """Set one field. Typing into the same field again merges into this one undo step."""
    return set_values(tables, {path: value}, label, merge_key=("set:" + repr(path)) if merge else None)


def set_values(tables: Tables, changes: dict[Path, Any], label: str, merge_key: str | None = None) -> Command | None:
    ops: list[Op] = []
    for path, value in changes.items():
        old = get(tables, path)
        if old is MISSING and value is MISSING:
            continue
        if old is not MISSING and value is not MISSING and old == value and type(old) is type(value):
            continue
        ops.append(SetValue(tuple(path), copy.deepcopy(old), copy.deepcopy(value)))
    if not ops:
        return None
    focus = record_focus(next(iter(changes)))
    return Command(label, ops, focus, focus, merge_key)


def _seq_len(tables: Tables, path: Path) -> int:
    return len(_as_list(_container(tables, path), path))


def _item_focus(list_path: Path, index: int) -> Path | None:
    if len(list_path) == 1 and list_path[0] in ID_KEYS:  # a record of a table, glossary and synonyms too
        return (list_path[0], record_key(index))
    if len(list_path) == 3 and list_path[0] == "scenarios" and list_path[2] == "nodes":
        return (*list_path, index)
    return record_focus(list_path)


def insert_item(tables: Tables, list_path: Path, index: int, value: Any, label: str) -> Command:
    length = _seq_len(tables, list_path)
    index = max(0, min(index, length))
    return Command(label, [Insert(tuple(list_path), index, copy.deepcopy(value))],
                   record_focus(list_path) or _item_focus(list_path, max(0, index - 1)),
                   _item_focus(list_path, index))


def remove_item(tables: Tables, list_path: Path, index: int, label: str) -> Command:
    items = _as_list(_container(tables, list_path), list_path)
    if not 0 <= index < len(items):
        raise EditError("there is no such item to delete")
    after = index - 1 if index >= len(items) - 1 else index
    focus_after = _item_focus(list_path, after) if len(items) > 1 else record_focus(list_path)
    return Command(label, [Remove(tuple(list_path), index, copy.deepcopy(items[index]))],
                   _item_focus(list_path, index), focus_after)


def move_item(tables: Tables, list_path: Path, index: int, delta: int, label: str) -> Command | None:
    length = _seq_len(tables, list_path)
    dst = index + delta
    if not 0 <= index < length or not 0 <= dst < length or delta == 0:
        return None
    return Command(label, [Move(tuple(list_path), index, dst)], _item_focus(list_path, index),
                   _item_focus(list_path, dst))


def duplicate_item(tables: Tables, list_path: Path, index: int, label: str,
                   transform: Callable[[Any], Any] | None = None) -> Command:
    items = _as_list(_container(tables, list_path), list_path)
    if not 0 <= index < len(items):
        raise EditError("there is no such item to duplicate")
    value = copy.deepcopy(items[index])
    if transform is not None:
        value = transform(value)
    return Command(label, [Insert(tuple(list_path), index + 1, value)], _item_focus(list_path, index),
                   _item_focus(list_path, index + 1))


# --- records: provisions and scenarios -----------------------------------------------------------------


def new_provision(tables: Tables, provision_id: str | None = None) -> dict[str, Any]:
    """A blank provision the schema accepts, with the id the supervisor gave (:func:`new_id_problem` says whether
    it can be used), else a placeholder; the supervisor fills it in."""
    return {
        "provision_id": provision_id or unique_id("NEW-PROVISION", ids(tables, "provisions")),
        "title": STARTER_WORDS["provision_title"],
        "cite_as": STARTER_WORDS["provision_title"],
        "summary": STARTER_WORDS["provision_summary"],
        "text": STARTER_WORDS["provision_text"],
        "text_is_verbatim": False,
        "jurisdiction": "city",
        "source": {"document": STARTER_WORDS["source_document"], "number": None, "section": None, "url": None, "retrieved": None},
        "dates": {"signed": None, "effective": None, "amended": None, "rescinded": None},
        "confidence": "unverified",
        "operative": True,
        "status_notes": [],
        "tags": [],
        "related": [],
    }


def new_outcome(node_id: str) -> dict[str, Any]:
    return {
        "node_id": node_id,
        "type": "outcome",
        "verdict": "refer",
        "headline": STARTER_WORDS["outcome_headline"],
        "do": [],
        "do_not": [],
        "say": [],
        "document": [],
        "notify": [],
        "rationale": STARTER_WORDS["outcome_rationale"],
        "cites": [],
    }


def new_question(node_id: str) -> dict[str, Any]:
    return {"node_id": node_id, "type": "question", "prompt": STARTER_WORDS["question_prompt"], "choices": []}


def next_numbered_id(taken: Iterable[str], prefix: str, fallback: str) -> str:
    """The id after the highest ``prefix`` + number in ``taken``, as wide as theirs ("S32" → "S33"); ``fallback``
    (made unique) when none is numbered so. Officers see a scenario's id in What's new, on the receipt and in
    their problem reports: a new one named "NEW-SCENARIO" reached them so, as nothing asked to rename it."""
    taken = list(taken)
    # only ASCII digits after the prefix, in a string: a pack open with problems may hold a number, or "S²"
    numbered = [i for i in taken if isinstance(i, str) and re.fullmatch(re.escape(prefix) + "[0-9]+", i)]
    if not numbered:
        return unique_id(fallback, taken)
    width = max(len(i) - len(prefix) for i in numbered)
    number = max(int(i[len(prefix):]) for i in numbered) + 1
    return f"{prefix}{number:0{width}d}"


def next_scenario_id(tables: Tables, retired: Iterable[str] = ()) -> str:
    """The id a new scenario gets: numbered after the pack's own and the ``retired`` ids (deleted or renamed since
    the pack was opened), as officers see the id."""
    return next_numbered_id([*ids(tables, "scenarios"), *retired], "S", "NEW-SCENARIO")


def new_scenario(tables: Tables, retired: Iterable[str] = (), category: str | None = None) -> dict[str, Any]:
    """A blank scenario, numbered by :func:`next_scenario_id`, in ``category`` (the supervisor's choice, which
    :func:`category_problem` checks), else the pack's first."""
    cats = categories(tables)
    return {
        "scenario_id": next_scenario_id(tables, retired),
        "title": STARTER_WORDS["scenario_title"],
        "category": category.strip() if category and category.strip() else cats[0] if cats else "General",
        "summary": STARTER_WORDS["scenario_summary"],
        "tags": [],
        "start": "Q1",
        "safety_critical": False,
        "nodes": [
            {"node_id": "Q1", "type": "question", "prompt": STARTER_WORDS["question_prompt"], "choices": [
                {"key": "yes", "label": "Yes", "next": "O1"},
                {"key": "no", "label": "No", "next": "O2"},
            ]},
            new_outcome("O1"),
            new_outcome("O2"),
        ],
    }


def add_provision(tables: Tables, index: int | None = None) -> Command:
    return add_record(tables, "provisions", index)


def add_scenario(tables: Tables, index: int | None = None) -> Command:
    return add_record(tables, "scenarios", index)


def _free_term(base: str, taken: Iterable[str]) -> str:
    """``base`` if no record of the table uses it (whatever the case), else ``base 2``, ``base 3``…"""
    used = {str(t).casefold() for t in taken}
    candidate, n = base, 2
    while candidate.casefold() in used:
        candidate, n = f"{base} {n}", n + 1
    return candidate


def new_term(tables: Tables) -> dict[str, Any]:
    """A blank glossary term the schema accepts: a word officers meet, what it means, the rules on it."""
    return {"term": _free_term("new term", ids(tables, "glossary")),
            "definition": STARTER_WORDS["term_definition"], "see": []}


def new_synonym(tables: Tables) -> dict[str, Any]:
    """A blank search synonym: a word officers type, and the words a search for it also looks for."""
    return {"term": _free_term("new word", ids(tables, "synonyms")), "expansions": ["another word"]}


def add_record(tables: Tables, table: str, index: int | None = None, retired: Iterable[str] = (),
               ident: str | None = None, category: str | None = None) -> Command:
    """A new blank record of ``table`` (provisions, scenarios, glossary, synonyms) at ``index`` (at the end
    when None); a new scenario's number also passes the ``retired`` scenario ids. ``ident``: a new provision's
    id, as the supervisor typed it (refused, EditError, when :func:`new_id_problem` finds one). ``category``: a
    new scenario's, as the supervisor chose it (refused, EditError, when :func:`category_problem` finds one)."""
    if ident is not None and table == "provisions" and (problem := new_id_problem(tables, table, ident)):
        raise EditError(problem)
    if category is not None and table == "scenarios" and (problem := category_problem(tables, category)):
        raise EditError(problem)
    make = {"provisions": lambda t: new_provision(t, ident),
            "scenarios": lambda t: new_scenario(t, retired, category),
            "glossary": new_term, "synonyms": new_synonym}[table]
    n = len(records(tables, table))
    return insert_item(tables, (table,), n if index is None else index, make(tables), f"Add {RECORD_KINDS[table]}")


def delete_record(tables: Tables, table: str, key: str) -> Command:
    """Delete a record, named by its id in the command's label ("Undid: Delete provision IL-TRUST-15a")."""
    ident = get(tables, (table, key, ID_KEYS[table]), "")
    return remove_item(tables, (table,), record_index(key), f"Delete {RECORD_KINDS[table]} {ident}".rstrip())


def move_record(tables: Tables, table: str, key: str, delta: int) -> Command | None:
    return move_item(tables, (table,), record_index(key), delta,
                     f"Move {RECORD_KINDS[table]} {'up' if delta < 0 else 'down'}")


def duplicate_record(tables: Tables, table: str, key: str) -> Command:
    id_key = ID_KEYS[table]
    taken = ids(tables, table)

    def fresh(doc: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(doc, dict):
            raise EditError(f"this {RECORD_KINDS[table]} is not a valid record, so it cannot be copied: "
                            "fix it first (the Problems panel shows it)")
        if id_key == "term":  # words, not ids: "hold (copy)", then "hold (copy) 2"
            doc[id_key] = _free_term(f"{doc.get(id_key, 'term')} (copy)", taken)
            return doc
        doc[id_key] = unique_id(f"{doc.get(id_key, 'COPY')}-copy", taken)
        if isinstance(doc.get("title"), str):
            doc["title"] = (doc["title"] + " (copy)")[:2000]
        doc.pop("home", None)  # a Home button rank must stay unique
        return doc

    return duplicate_item(tables, (table,), record_index(key), f"Duplicate {RECORD_KINDS[table]}", fresh)


def check_id(value: str, what: str) -> None:
    if not ID_PATTERN.match(value):
        raise EditError(f"{what} must start with a letter or digit and use only letters, digits and . _ ( ) - "
                        "(no spaces, at most 80 characters)")


def new_id_problem(tables: Tables, table: str, ident: str) -> str:
    """Why ``ident`` cannot be the id of a new record of ``table`` (provisions, scenarios) in ``tables``, in a
    sentence, or "" when it can."""
    kind = RECORD_KINDS[table]
    if not ident:
        return f"Type the {kind}'s id."
    try:
        check_id(ident, f"A {kind} id")
    except EditError as exc:
        return f"{exc}."
    if ident in ids(tables, table):
        return f"Another {kind} already has the id {ident}."
    return ""


def earlier_id_note(table: str, ident: str, earlier: Iterable[str]) -> str:
    """What to know when ``ident`` was the id of a record of ``table`` in an earlier version of the pack (``earlier``:
    their ids), in a sentence, or "": officers' history, citations, trainers' playlists and "what changed" name it."""
    if ident not in set(earlier):
        return ""
    kind = RECORD_KINDS[table]
    readers = ("What's new, officers' problem reports and trainers' playlists" if table == "scenarios"
               else "What's new and officers' problem reports")
    return (f"An earlier version of the pack had a {kind} {ident}. Use this id only to bring that same {kind} "
            f"back: {readers} would take a new one for the old one.")


def rename_note(table: str, old_id: str, new_id: str, earlier: Iterable[str]) -> str:
    """What renaming ``old_id`` to ``new_id`` changes beyond this pack, in sentences, or "" when the old id was
    never published (a draft's own id is renamed freely). ``earlier``: the ids earlier versions used."""
    earlier = set(earlier)
    if old_id not in earlier:
        return earlier_id_note(table, new_id, earlier)
    follows = "every citation and link to it in this pack follows" if table == "provisions" \
        else "every answer that leads to it in this pack follows"
    outside = "officers' problem reports" + (", trainers' playlists" if table == "scenarios" else "")
    note = (f"{old_id} is in a published version of the pack. If you rename it, {follows}, but What's new will "
            f"show {old_id} removed and {new_id} added, and what names {old_id} outside this pack ({outside}) "
            f"will no longer find it.")
    return " ".join(filter(None, (note, earlier_id_note(table, new_id, earlier))))


def provision_references(tables: Tables, provision_id: str) -> list[Path]:
    """Where ``provision_id`` is named: each citation's, related link's and glossary entry's field."""
    found: list[Path] = []
    for pkey, doc in records(tables, "provisions"):
        for i, rel in enumerate(doc.get("related", []) if isinstance(doc, dict) else []):
            if rel == provision_id:
                found.append(("provisions", pkey, "related", i))
    for skey, _ in records(tables, "scenarios"):
        for ni, node in enumerate(nodes_of(tables, skey)):
            for ci, cite in enumerate(node.get("cites", []) if isinstance(node.get("cites"), list) else []):
                if isinstance(cite, dict) and cite.get("provision_id") == provision_id:
                    found.append(("scenarios", skey, "nodes", ni, "cites", ci, "provision_id"))
    for gkey, doc in records(tables, "glossary"):
        for i, ref in enumerate(doc.get("see", []) if isinstance(doc, dict) else []):
            if ref == provision_id:
                found.append(("glossary", gkey, "see", i))
    return found


def scenario_references(tables: Tables, scenario_id: str) -> list[Path]:
    """Where ``scenario_id`` is named: each answer's sub-flow jump to it."""
    found: list[Path] = []
    for skey, _ in records(tables, "scenarios"):
        for ni, node in enumerate(nodes_of(tables, skey)):
            for ci, choice in enumerate(node.get("choices", []) if isinstance(node.get("choices"), list) else []):
                if isinstance(choice, dict) and choice.get("next_scenario") == scenario_id:
                    found.append(("scenarios", skey, "nodes", ni, "choices", ci, "next_scenario"))
    return found


def node_references(tables: Tables, scenario_key: str, node_id: str) -> list[Path]:
    """Where ``node_id`` is named: its scenario's start, each answer of the scenario that leads to it, and each
    answer elsewhere that enters the scenario (a sub-flow) there (``enter_at``)."""
    base: Path = ("scenarios", scenario_key)
    found: list[Path] = [(*base, "start")] if get(tables, (*base, "start")) == node_id else []
    for ni, node in enumerate(nodes_of(tables, scenario_key)):
        for ci, choice in enumerate(node.get("choices", []) if isinstance(node.get("choices"), list) else []):
            if isinstance(choice, dict) and choice.get("next") == node_id:
                found.append((*base, "nodes", ni, "choices", ci, "next"))
    scenario_id = get(tables, (*base, "scenario_id"))
    entries = entry_references(tables, scenario_id) if isinstance(scenario_id, str) else []
    found.extend(path for path in entries if get(tables, path) == node_id)  # answers elsewhere entering here
    return found


def entry_nodes(tables: Tables, scenario_id: str) -> list[str]:
    """The nodes of the sub-flow ``scenario_id`` that answers elsewhere enter it at (``enter_at``), once each: the
    logic map counts them reached, as the validator does, though no answer of the sub-flow leads there."""
    return list(dict.fromkeys(str(get(tables, path)) for path in entry_references(tables, scenario_id)))


def entry_references(tables: Tables, scenario_id: str) -> list[Path]:
    """Each answer's ``enter_at`` into the sub-flow ``scenario_id``: where it enters other than at its start."""
    entries = [(*path[:-1], "enter_at") for path in scenario_references(tables, scenario_id)]
    return [path for path in entries if isinstance(get(tables, path), str)]


def references(tables: Tables, focus: Path) -> list[Path]:
    """Where the provision, scenario or node at ``focus`` is named, outside itself (what a delete of it
    leaves pointing nowhere); nothing names a glossary term or a search synonym."""
    if len(focus) == 2 and focus[0] == "provisions":
        found = provision_references(tables, get(tables, (*focus, "provision_id"), ""))
    elif len(focus) == 2 and focus[0] == "scenarios":
        found = scenario_references(tables, get(tables, (*focus, "scenario_id"), ""))
    elif len(focus) == 4 and focus[0] == "scenarios" and focus[2] == "nodes":
        found = node_references(tables, str(focus[1]), get(tables, (*focus, "node_id"), ""))
    else:
        return []
    return [path for path in found if tuple(path[: len(focus)]) != tuple(focus)]


def rename_provision(tables: Tables, key: str, new_id: str) -> Command | None:
    """Change a provision's id and every citation, related link and glossary entry that points to it."""
    old_id = get(tables, ("provisions", key, "provision_id"))
    if new_id == old_id:
        return None
    check_id(new_id, "A provision id")
    if new_id in ids(tables, "provisions"):
        raise EditError(f"another provision already has the id {new_id!r}")
    ops: list[Op] = [SetValue(("provisions", key, "provision_id"), old_id, new_id)]
    ops.extend(SetValue(path, old_id, new_id) for path in provision_references(tables, old_id))
    focus = ("provisions", key)
    return Command("Rename provision", ops, focus, focus)


def rename_scenario(tables: Tables, key: str, new_id: str) -> Command | None:
    """Change a scenario's id and every sub-flow jump that leads to it."""
    old_id = get(tables, ("scenarios", key, "scenario_id"))
    if new_id == old_id:
        return None
    check_id(new_id, "A scenario id")
    if new_id in ids(tables, "scenarios"):
        raise EditError(f"another scenario already has the id {new_id!r}")
    ops: list[Op] = [SetValue(("scenarios", key, "scenario_id"), old_id, new_id)]
    ops.extend(SetValue(path, old_id, new_id) for path in scenario_references(tables, old_id))
    focus = ("scenarios", key)
    return Command("Rename scenario", ops, focus, focus)


def rename_node(tables: Tables, scenario_key: str, index: int, new_id: str) -> Command | None:
    """Change a node's id and the scenario's start and every answer that leads to it or enters there."""
    old_id = get(tables, ("scenarios", scenario_key, "nodes", index, "node_id"))
    if new_id == old_id:
        return None
    check_id(new_id, "A node id")
    if new_id in node_ids(tables, scenario_key):
        raise EditError(f"another node of this scenario already has the id {new_id!r}")
    base: Path = ("scenarios", scenario_key)
    ops: list[Op] = [SetValue((*base, "nodes", index, "node_id"), old_id, new_id)]
    ops.extend(SetValue(path, old_id, new_id) for path in node_references(tables, scenario_key, old_id))
    focus = (*base, "nodes", index)
    return Command("Rename node", ops, focus, focus)


# --- nodes ---------------------------------------------------------------------------------------------


def _next_node_id(tables: Tables, scenario_key: str, prefix: str) -> str:
    taken = set(node_ids(tables, scenario_key))
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def add_node(tables: Tables, scenario_key: str, kind: str, index: int | None = None) -> Command:
    """Add a new question or outcome to a scenario (after ``index``, else at the end)."""
    nodes_path: Path = ("scenarios", scenario_key, "nodes")
    length = _seq_len(tables, nodes_path)
    at = length if index is None else min(index + 1, length)
    if kind == "question":
        doc = new_question(_next_node_id(tables, scenario_key, "Q"))
    else:
        doc = new_outcome(_next_node_id(tables, scenario_key, "O"))
    return insert_item(tables, nodes_path, at, doc, f"Add {kind}")


def delete_node(tables: Tables, scenario_key: str, index: int) -> Command:
    """Delete a scenario's node, named in the command's label ("Delete node N3 of S08")."""
    node_id = get(tables, ("scenarios", scenario_key, "nodes", index, "node_id"), "")
    scenario_id = get(tables, ("scenarios", scenario_key, "scenario_id"), "")
    label = f"Delete node {node_id} of {scenario_id}" if node_id and scenario_id else "Delete node"
    return remove_item(tables, ("scenarios", scenario_key, "nodes"), index, label)


def move_node(tables: Tables, scenario_key: str, index: int, delta: int) -> Command | None:
    return move_item(tables, ("scenarios", scenario_key, "nodes"), index, delta,
                     f"Move node {'up' if delta < 0 else 'down'}")


def duplicate_node(tables: Tables, scenario_key: str, index: int) -> Command:
    taken = node_ids(tables, scenario_key)

    def fresh(doc: dict[str, Any]) -> dict[str, Any]:
        doc["node_id"] = unique_id(f"{doc.get('node_id', 'N')}-copy", taken)
        return doc

    return duplicate_item(tables, ("scenarios", scenario_key, "nodes"), index, "Duplicate node", fresh)


# --- answers (choices) ---------------------------------------------------------------------------------


NODE, SUBFLOW = "node", "subflow"


def choice_target(choice: dict[str, Any]) -> tuple[str, str] | None:
    """(NODE, node_id) or (SUBFLOW, scenario_id) or None."""
    if isinstance(choice.get("next_scenario"), str):
        return (SUBFLOW, choice["next_scenario"])
    if isinstance(choice.get("next"), str):
        return (NODE, choice["next"])
    return None


def set_choice_target(tables: Tables, choice_path: Path, target: tuple[str, str]) -> Command | None:
    """Point an answer at a node of the same scenario or at a sub-flow (exactly one of the two). Its entry
    into a sub-flow (``enter_at``) goes with the sub-flow it names: kept while the answer stays in it."""
    kind, ident = target
    if kind == NODE:
        changes = {(*choice_path, "next"): ident, (*choice_path, "next_scenario"): MISSING}
    else:
        changes = {(*choice_path, "next_scenario"): ident, (*choice_path, "next"): MISSING}
    if choice_target(get(tables, choice_path, {})) != (SUBFLOW, ident):
        changes[(*choice_path, "enter_at")] = MISSING
    return set_values(tables, changes, "Change where an answer leads", merge_key="target:" + repr(choice_path))


def set_choice_entry(tables: Tables, choice_path: Path, node_id: str | None) -> Command | None:
    """Where an answer into a sub-flow enters it: ``node_id``, or None for its start. An entry needs schema
    version 2 (see model.ENTER_AT_SCHEMA_VERSION), set in the same step where the pack says less."""
    changes: dict[Path, Any] = {(*choice_path, "enter_at"): MISSING if node_id is None else node_id}
    meta = records(tables, "meta")
    version = meta[0][1].get("schema_version") if meta and isinstance(meta[0][1], dict) else None
    if node_id is not None and isinstance(version, int) and version < ENTER_AT_SCHEMA_VERSION:
        changes[("meta", meta[0][0], "schema_version")] = ENTER_AT_SCHEMA_VERSION
    return set_values(tables, changes, "Change where an answer enters a shared step")


def _default_target(tables: Tables, scenario_key: str, node_index: int) -> str:
    nodes = nodes_of(tables, scenario_key)
    own = nodes[node_index].get("node_id") if 0 <= node_index < len(nodes) else None
    outcomes = [n.get("node_id") for n in nodes if n.get("type") == "outcome"]
    others = [n.get("node_id") for n in nodes if n.get("node_id") != own]
    for candidate in (*outcomes, *others, own, "O1"):
        if isinstance(candidate, str) and ID_PATTERN.match(candidate):
            return candidate
    return "O1"


def new_choice(tables: Tables, scenario_key: str, node_index: int) -> dict[str, Any]:
    choices = get(tables, ("scenarios", scenario_key, "nodes", node_index, "choices"), [])
    taken = {c.get("key") for c in choices if isinstance(c, dict)}
    n = len(choices) + 1
    while f"answer-{n}" in taken:
        n += 1
    return {"key": f"answer-{n}", "label": "New answer", "next": _default_target(tables, scenario_key, node_index)}


def add_choice(tables: Tables, scenario_key: str, node_index: int, index: int | None = None) -> Command:
    path: Path = ("scenarios", scenario_key, "nodes", node_index, "choices")
    length = _seq_len(tables, path)
    at = length if index is None else min(index + 1, length)
    return insert_item(tables, path, at, new_choice(tables, scenario_key, node_index), "Add answer")


def duplicate_choice(tables: Tables, scenario_key: str, node_index: int, index: int) -> Command:
    path: Path = ("scenarios", scenario_key, "nodes", node_index, "choices")
    taken = [c.get("key", "") for c in _as_list(_container(tables, path), path) if isinstance(c, dict)]

    def fresh(doc: dict[str, Any]) -> dict[str, Any]:
        doc["key"] = unique_id(f"{doc.get('key', 'answer')}-copy", taken, max_length=40)
        return doc

    return duplicate_item(tables, path, index, "Duplicate answer", fresh)


def set_choice_key(tables: Tables, choice_path: Path, key: str) -> Command | None:
    if not KEY_PATTERN.match(key):
        raise EditError("an answer key uses only lower-case letters, digits, _ and - (no spaces, at most 40)")
    siblings = get(tables, choice_path[:-1], [])
    if any(isinstance(c, dict) and c.get("key") == key for i, c in enumerate(siblings) if i != choice_path[-1]):
        raise EditError(f"another answer of this question already has the key {key!r}")
    return set_value(tables, (*choice_path, "key"), key, "Change answer key", merge=False)


# --- scenario details ----------------------------------------------------------------------------------


def set_home(tables: Tables, scenario_key: str, label: str | None, rank: int | None) -> Command | None:
    """Show a scenario on the Home screen (label + rank) or, with ``label=None``, take it off."""
    path: Path = ("scenarios", scenario_key, "home")
    value: Any = MISSING if label is None else {"label": label, "rank": rank if rank is not None else 1}
    return set_value(tables, path, value, "Change Home button", merge=label is not None)


def set_optional_text(tables: Tables, path: Path, text: str, label: str) -> Command | None:
    """Optional text fields (a question's help) are left out of the document when empty."""
    return set_value(tables, path, text if text else MISSING, label)


def set_topic(tables: Tables, node_path: Path, topic: str) -> Command | None:
    return set_value(tables, (*node_path, "topic"), MISSING if topic == "general" else topic, "Change topic")


def set_flag(tables: Tables, path: Path, on: bool, label: str, omit_false: bool = False) -> Command | None:
    return set_value(tables, path, MISSING if (omit_false and not on) else on, label, merge=False)


def change_node_type(tables: Tables, scenario_key: str, index: int, kind: str) -> Command | None:
    """Turn a question into an outcome or back; the node keeps its id (and so every link to it)."""
    path: Path = ("scenarios", scenario_key, "nodes", index)
    node = get(tables, path)
    if not isinstance(node, dict) or node.get("type") == kind:
        return None
    node_id = node.get("node_id", "N1")
    doc = new_question(node_id) if kind == "question" else new_outcome(node_id)
    return Command(f"Make the node {'a question' if kind == 'question' else 'an outcome'}",
                   [SetValue(path, copy.deepcopy(node), doc)], path, path)


# --- where a validator problem points --------------------------------------------------------------------

_NODE_IN_FIELD = re.compile(r"nodes\[([^\]]+)\]")
_DOCUMENT_KEY = re.compile(r"^document (\S+)$")


@dataclass(frozen=True)
class Location:
    """Where in the tables a validator problem is: a record (and node), and the field named."""

    focus: Path | None
    field: str = ""
    node_id: str | None = None


def locate(tables: Tables, table: str, record: str, fld: str) -> Location:
    """Turn a validator problem's table/record/field into a focus path in the tables."""
    if table == "meta":
        return Location(("meta",), fld)
    if table not in ID_KEYS:
        return Location(None, fld)
    key = find_record(tables, table, record) if record else None
    if key is None:
        match = _DOCUMENT_KEY.match(record or "")
        if match and match.group(1) in (tables.get(table) or {}):
            key = match.group(1)
    if key is None:
        return Location(None, fld)
    if table == "scenarios":
        match = _NODE_IN_FIELD.search(fld)
        if match:
            token = match.group(1)
            index = find_node(tables, key, token)
            if index is None and token.isdigit():
                index = int(token)
            if index is not None and 0 <= index < len(nodes_of(tables, key)):
                rest = fld[match.end():].lstrip(".")
                return Location(("scenarios", key, "nodes", index), rest, token)
    return Location((table, key), fld)


def node_problem_ids(problems: Iterable[Any], scenario_id: str) -> dict[str, list[str]]:
    """node_id → the messages of the problems that name it, for one scenario."""
    out: dict[str, list[str]] = {}
    for p in problems:
        if p.table != "scenarios" or p.record != scenario_id:
            continue
        match = _NODE_IN_FIELD.search(p.field)
        if match:
            out.setdefault(match.group(1), []).append(p.message)
    return out


def with_label(command: Command | None, label: str) -> Command | None:
    return None if command is None else replace(command, label=label)
