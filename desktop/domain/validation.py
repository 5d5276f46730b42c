"""The one validator: schema, identity, references, tree shape, citations. Used by the app, the CLI,
the editor and the tests. Every problem names the file, table, record, field and what is wrong."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from desktop.domain.codec import ID_KEYS, Tables, pack_from_tables, table_docs
from desktop.domain.coverage import coverage  # imported with the validator: before Qt, at start-up
from desktop.domain.model import (
    DAY_PATTERN,
    ENTER_AT_SCHEMA_VERSION,
    SCHEMA_VERSION,
    Outcome,
    Pack,
    Question,
    format_day,
    is_starter_words,
    on_partial_date,
    parse_partial_date,
    review_due_on,
)
from desktop.domain.rescission import last_day_rescinded, surely_rescinded, when_rescinded

ERROR = "error"
WARNING = "warning"

_LINE_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def char_escape(char: str) -> str:
    """``char`` written as its escape, ``\\u000a``: the one way a file's name (here) and a line on the command line
    (cli.terminal_text, and cli's JSON) show a character that would break or act on their line."""
    return f"\\u{ord(char):04x}"


def escaped_char(match: re.Match[str]) -> str:
    """The character ``match`` found as its escape (see char_escape), for ``re.sub``."""
    return char_escape(match.group())


def name_on_one_line(name: str) -> str:
    """A file's name with the characters that would break or act on its line (a line feed, a carriage return, a tab,
    ESC and the other controls) written as their escape, ``\\u000a``: a file named ``x.json<LF>Installed data
    version 9999`` put a line of its own choosing under it in ``check`` and ``inbox``."""
    return _LINE_BREAKING.sub(escaped_char, name)


#: The controls that reorder the words around them (Arabic letter mark, LRM/RLM, embeddings, overrides, isolates)
_REORDERING = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def name_as_seen(text: str) -> str:
    """``text`` (a file's name, or words naming files) on one line (name_on_one_line) with the controls that reorder
    text written as their escape too, as the command line prints them: in the app's dialog a pack named
    ``x<U+202E>nosj.9999 noisrev…`` read "…version 9999…" backwards over "was not installed"."""
    return _REORDERING.sub(escaped_char, name_on_one_line(text))


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a pack, in words a supervisor understands."""

    file: str
    table: str
    record: str
    field: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        # one line, the words too: they name files (a .sig, the target of a link to nothing) that may hold a line feed
        return name_on_one_line(self.text())

    def text(self, file: str | None = None) -> str:
        """This problem in words, its file named as ``file`` (default: its name as it is, for a caller that escapes
        the whole line once, as the command line does: str() escapes the line breaks of the name and the words)."""
        file = self.file if file is None else file
        where = " › ".join(part for part in (file, self.table, self.record) if part)
        if self.field:
            where += f" › {self.field}"
        prefix = "" if self.severity == ERROR else "warning: "
        return f"{where}: {prefix}{self.message}"

    def as_dict(self) -> dict[str, str]:
        return {
            "file": self.file,
            "table": self.table,
            "record": self.record,
            "field": self.field,
            "message": self.message,
            "severity": self.severity,
        }


@dataclass
class Report:
    """The result of validating a pack: its problems and, when it could be built, the pack."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    pack: Pack | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def ok(self) -> bool:
        return self.pack is not None and not self.errors


class _Collector:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, table: str, record: str, fld: str, message: str, severity: str = ERROR) -> None:
        self.problems.append(Problem(self.file, table, record, fld, message, severity))


#: Characters a pack must never put on officers' screens: C0 controls (a text block's line breaks and tabs
#: apart), DEL, C1 controls, and the bidi embeddings, overrides and isolates, which make words read differently on
#: screen than in the file (a right-to-left override turns "18 U.S.C. 111" around); and the line and paragraph
#: separators (U+2028, U+2029), which Qt draws as line breaks but most editors show as nothing at all (warned
#: about, not refused: see _breaks_only). And a lone surrogate (U+D800 to U+DFFF), half of a character that JSON
#: can write as its escape ("\\ud800") but no text holds: the search's result rows, PDFs and saved files could not
#: take it (a tag holding one crashed the results list on every keystroke that listed it).
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_DIRECTION = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SEPARATORS = "\u2028\u2029"
_LINE_BREAKS = "\n\t\r" + _SEPARATORS
#: The fields that hold a block of text (the editor's multi-line fields), where line breaks and tabs may be:
#: meta's disclaimer, a provision's summary and text, a status note's text, a scenario's summary, a question's
#: help, an outcome's rationale, a glossary definition. Every other text is one line.
TEXT_BLOCK_FIELDS = frozenset({"disclaimer", "summary", "text", "help", "rationale", "definition"})


def shown_safely(text: str) -> str:
    """``text`` with each character a pack must not hold (see _HIDDEN) written as [U+XXXX], for messages: a
    message quoting the words as they are would itself read differently on screen."""
    return _HIDDEN.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def _record_name(tables: Any, table: str, key: str) -> str:
    try:
        doc = tables[table][key]
        ident = doc.get(ID_KEYS.get(table, ""), None) if isinstance(doc, dict) else None
    except (KeyError, TypeError, AttributeError):
        ident = None
    if isinstance(ident, str) and ident:
        return shown_safely(ident)  # a glossary term or search word: free text
    return f"document {key}" if table != "meta" else ""


def _field_path(tables: Any, table: str, key: str, rest: list[Any]) -> str:
    """Readable field path; node list indexes are shown as the node's id where it has one."""
    out: list[str] = []
    node = tables.get(table, {}).get(key) if isinstance(tables, dict) and isinstance(tables.get(table), dict) else None
    for part in rest:
        if isinstance(part, int):
            label = f"[{part}]"
            try:
                item = node[part]
                if isinstance(item, dict) and isinstance(item.get("node_id"), str):
                    label = f"[{item['node_id']}]"
                elif isinstance(item, dict) and isinstance(item.get("key"), str):
                    label = f"[{item['key']}]"
            except (IndexError, KeyError, TypeError):
                pass
            if out:
                out[-1] += label
            else:
                out.append(label)
        else:
            out.append(str(part))
        try:
            node = node[part]
        except (IndexError, KeyError, TypeError):
            node = None
    return ".".join(out)


#: id(schema) -> (schema, its check); holding the schema keeps its id from being reused by another dict.
_compiled: dict[int, tuple[Any, Callable[[Any], bool]]] = {}


def schema_fingerprint(schema: dict[str, Any]) -> str:
    """A stable hash of a schema's content (key order and whitespace do not matter)."""
    import hashlib
    import json

    return hashlib.sha256(json.dumps(schema, sort_keys=True).encode("utf-8")).hexdigest()


def stamp_fingerprint(schema: dict[str, Any]) -> str:
    """What a validation stamp vouches for: ``schema`` and the rules on values the schema lets through (see
    _value_problems), both properties of the bytes alone. A change to either makes every stamp stale."""
    import hashlib

    rules = (f"{schema_fingerprint(schema)}\nvalues: no decimal point, none of {_HIDDEN.pattern!r}, line breaks "
             f"and tabs only in {sorted(TEXT_BLOCK_FIELDS)}; no words that show nothing ({sorted(_BLANK_LETTERS)})")
    return hashlib.sha256(rules.encode("utf-8")).hexdigest()


def _schema_checker(schema: dict[str, Any]) -> Callable[[Any], bool]:
    """The yes/no check for ``schema``: the pre-generated module when it matches (fast start-up),
    else compiled now."""
    cached = _compiled.get(id(schema))
    if cached is not None:
        return cached[1]
    from desktop.domain import _schema_check

    check: Callable[[Any], bool]
    if _schema_check.SCHEMA_FINGERPRINT == schema_fingerprint(schema):
        check = _schema_check.validate
    else:
        from desktop.domain.schema_compiler import compile_schema

        try:
            check = compile_schema(schema)
        except ValueError:  # a keyword the compiler does not know: jsonschema checks it, slower but fully
            import jsonschema

            check = jsonschema.Draft7Validator(schema).is_valid
    _compiled[id(schema)] = (schema, check)
    return check


def _fast_schema_ok(tables: Any, schema: dict[str, Any]) -> bool:
    """True when the tables satisfy the schema (the compiled check: fast, explains nothing)."""
    return bool(_schema_checker(schema)(tables))


def _schema_problems(tables: Any, schema: dict[str, Any], col: _Collector) -> None:
    """Every schema problem, each in supervisor words. The fast compiled check runs first; the slower,
    complete explanation runs only when something is wrong."""
    if _fast_schema_ok(tables, schema):
        return
    import jsonschema  # imported here: only needed to explain a failure

    validator = jsonschema.Draft7Validator(schema)
    seen: set[tuple[str, str, str]] = set()
    for error in sorted(validator.iter_errors(tables), key=lambda e: [str(p) for p in e.absolute_path]):
        path = list(error.absolute_path)
        table = str(path[0]) if path else ""
        key = str(path[1]) if len(path) > 1 else ""
        record = _record_name(tables, table, key) if key else ""
        fld = _field_path(tables, table, key, path[2:]) if key else ""
        message = _friendly(error)
        sig = (table, record, fld)
        if sig in seen:  # one message per place is enough
            continue
        seen.add(sig)
        col.add(table, record, fld, message)
    if not col.problems:  # the two validators disagree: never let that pass silently
        col.add("", "", "", "does not match the data pack schema")


#: JSON Schema's type names in a supervisor's words.
_TYPE_WORDS = {"array": "a list", "object": "a set of named fields", "string": "text", "integer": "a whole number",
               "number": "a number", "boolean": "true/false", "null": "nothing (null)"}
TABLES_WORDS = "a set of named tables (meta, provisions, scenarios, …)"


def value_kind(value: Any) -> str:
    """What kind of JSON value ``value`` is, in plain words ('text', 'a list', 'nothing (null)')."""
    if value is None:
        return _TYPE_WORDS["null"]
    if isinstance(value, bool):
        return _TYPE_WORDS["boolean"]
    if isinstance(value, int):
        return _TYPE_WORDS["integer"]
    if isinstance(value, float):
        return _TYPE_WORDS["number"]
    if isinstance(value, str):
        return _TYPE_WORDS["string"]
    if isinstance(value, list):
        return _TYPE_WORDS["array"]
    return _TYPE_WORDS["object"] if isinstance(value, dict) else "something else"


def whole_number(value: Any) -> int | None:
    """``value`` when it is a whole number as a pack writes one (``3``), else None: not ``3.0`` (JSON Schema
    counts it as an integer, but it reads "data version 3.0"), not ``"3"``, not ``true``. The one rule for
    `check`, the app and `publish`."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def not_whole_words(value: Any) -> str:
    """Why ``value`` is not a whole number (see :func:`whole_number`), in a supervisor's words."""
    if isinstance(value, float) and value.is_integer():
        return f"is {value!r}: write it as a whole number, {int(value)}, without the decimal point"
    return f"must be a whole number, not {value_kind(value)}"


def _type_message(error: Any) -> str:
    expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    depth = len(error.absolute_path)
    words = [("a table of records" if depth == 1 else TABLES_WORDS if depth == 0 else _TYPE_WORDS[t])
             if t == "object" else _TYPE_WORDS.get(t, str(t)) for t in expected]
    return f"must be {' or '.join(words)}, not {value_kind(error.instance)}"


def _friendly(error: Any) -> str:
    validator = error.validator
    value = error.instance
    if validator == "required" and isinstance(value, dict) and "enter_at" in value and "next_scenario" not in value:
        return "has 'enter_at' (where a shared step is entered) but no 'next_scenario' (which shared step)"
    if validator == "required":
        missing = [r for r in error.validator_value if not isinstance(value, dict) or r not in value]
        return f"is missing the field{'s' if len(missing) > 1 else ''} {', '.join(repr(m) for m in missing)}"
    if validator == "additionalProperties":
        return f"has a field the schema does not know ({error.message.split('(')[-1].rstrip(')')})"
    if validator == "enum":
        return f"is {value!r}, but must be one of: {', '.join(map(str, error.validator_value))}"
    if validator == "type":
        return _type_message(error)
    if validator == "pattern" and error.validator_value == DAY_PATTERN:  # "not in the expected form": which?
        return f"{str(value)[:80]!r} is not a date written YYYY-MM-DD (year, month, day: 2026-02-02)"
    if validator == "pattern":
        return f"{str(value)[:80]!r} is not in the expected form"
    if validator in ("maxLength", "minLength", "maxItems", "minItems"):
        return f"is too {'long' if validator.startswith('max') else 'short'} ({error.message[:120]})"
    if validator == "oneOf" and isinstance(value, dict) and value.get("type") in ("question", "outcome"):
        return f"is not a valid {value['type']} node (check its fields)"
    if validator == "oneOf" and isinstance(value, dict) and "key" in value:
        return "must have exactly one of 'next' (a node) or 'next_scenario' (a sub-flow)"
    return error.message[:300]


def future_as_of(as_of: dt.date, today: dt.date) -> str | None:
    """Why ``as_of`` cannot be a pack's as-of date on ``today`` (it is later), or None when it can: the one rule
    for `publish` (which refuses it), `check` (which warns) and install (which notes it)."""
    if as_of <= today:
        return None
    # the days as the app writes them everywhere else ("2 Feb 2026"): this one message said "2026-02-02"
    return (f"the as-of date {format_day(as_of)} is later than today ({format_day(today)}): the law can only be "
            "stated as of a day that has already come")


def validate_tables(tables: Any, schema: dict[str, Any], file: str = "pack", schema_checked: bool = False,
                    today: dt.date | None = None, plain_values: bool = False) -> Report:
    """Validate raw pack tables; build the pack when the structure allows it.

    ``schema_checked`` skips only the passes over the bytes' own shape and values (the schema; _value_problems:
    hidden characters, numbers with a decimal point; _shows_nothing_problems), for bytes already proven to pass them
    (see storage's validation stamp and stamp_fingerprint); every other check still runs. ``today``: warn about an as-of date
    later than that day (`check`); without it, no check depends on the day it runs. ``plain_values``: the tables
    were parsed from bytes that write no number with a decimal point or an exponent and are written_plainly, so
    _value_problems could find nothing and is skipped."""
    col = _Collector(file)
    report = Report(file=file)
    if not isinstance(tables, dict):
        col.add("", "", "", f"the file must hold {TABLES_WORDS}, not {value_kind(tables)}")
        report.problems = col.problems
        return report
    meta_table = tables.get("meta")
    if isinstance(meta_table, dict):
        docs = list(meta_table.values())
        if len(docs) != 1:
            col.add("meta", "", "", f"must hold exactly one document, not {len(docs)}")
        version = docs[0].get("schema_version") if docs and isinstance(docs[0], dict) else None
        if isinstance(version, int) and version > SCHEMA_VERSION:
            col.add(
                "meta",
                "",
                "schema_version",
                f"is {version}: this pack was made for a newer version of the app, which knows only "
                f"schema version {SCHEMA_VERSION}. Update the app before installing this pack.",
            )
            report.problems = col.problems
            return report
    if not schema_checked:
        _schema_problems(tables, schema, col)
    if col.problems:
        report.problems = col.problems
        return report
    meta = table_docs(tables, "meta")[0][1]
    for name in ("as_of", "reviewed_on"):
        try:
            dt.date.fromisoformat(meta[name])
        except ValueError:
            col.add("meta", "", name, "is not a real calendar date")
    if not col.problems:
        try:  # the app counts the review date from as_of on every start: it must be a date the calendar holds
            review_due_on(dt.date.fromisoformat(meta["as_of"]), meta["expires_after_days"])
        except OverflowError:
            col.add("meta", "", "as_of", f"is {meta['as_of']}: its review would fall due "
                    f"{meta['expires_after_days']} days later, after the last date the app can count to "
                    "(31 Dec 9999). Check the year")
    _check_partial_dates(tables, col)
    if col.problems:
        report.problems = col.problems
        return report
    pack = pack_from_tables(tables)
    if not schema_checked:  # ~5 ms for the bundled pack at every start: its stamp vouches for it
        if not plain_values:
            _value_problems(tables, col)
        _shows_nothing_problems(pack, col)
    if today is not None and (why := future_as_of(pack.meta.as_of, today)):
        # a warning, not a refusal: an officer's laptop whose clock is behind must still take a real update
        col.add("meta", "", "as_of", f"{why}. Check the date, or this computer's clock: publish refuses it, and "
                "officers' apps show it as it is", WARNING)
    col.problems.extend(semantic_problems(pack, file))
    report.problems = col.problems
    report.pack = pack
    return report


def _check_partial_dates(tables: Tables, col: _Collector) -> None:
    for _, doc in table_docs(tables, "provisions"):
        for name, value in doc["dates"].items():
            try:
                parse_partial_date(value)
            except ValueError:
                col.add("provisions", doc["provision_id"], f"dates.{name}", f"{value!r} is not a real calendar date")


def _clean(value: Any) -> bool:
    """True when nothing in ``value`` (a record, walked whole) needs a closer look: no number written with a
    decimal point, no character of _HIDDEN (not even a line break). Fast: most records are clean, and only a
    record that is not is walked again, for names and for where line breaks are allowed.

    Every character of _HIDDEN is one ``str.isprintable`` refuses (a control, format or separator character, a
    surrogate), and that test runs in C at a few times the speed of the pattern's search, so the pattern reads
    only the rare text that is not printable (a no-break space, a soft hyphen…)."""
    cls = value.__class__
    if cls is str:
        return value.isprintable() or _HIDDEN.search(value) is None
    if cls is dict:
        items: Iterable[Any] = value.values()
    elif cls is list:
        items = value
    else:
        return cls is not float
    for item in items:  # text tested here, not in a call of its own: most items are text
        kind = item.__class__
        if kind is str:
            if not item.isprintable() and _HIDDEN.search(item) is not None:
                return False
        elif kind is dict or kind is list:
            if not _clean(item):
                return False
        elif kind is float:
            return False
    return True


#: Matches JSON bytes holding an escape that may stand for a character ``str.isprintable`` refuses: any but \" \\
#: and \/. Read from the start, an escape at a time, so the second backslash of \\ does not begin one.
_ESCAPE_OF_ANOTHER = re.compile(rb'(?:[^\\]++|\\["\\/])*+\\[^"\\/]')
_ASCII_BYTES = bytes(range(128))


def written_plainly(raw: bytes) -> bool:
    """True when no text in JSON bytes ``raw`` (bytes the strict parse took) can hold a character of _HIDDEN:
    they write every character as itself, none an escape but \\" \\\\ and \\/, and every one that is not ASCII
    is one ``str.isprintable`` takes (as every character of _HIDDEN is not). Of ASCII, the parse lets a text hold
    only DEL, looked for, and the printable ones. False means only: read the values (_value_problems).

    A few passes in C over the bytes, where the value walk is a Python loop over every text of every record: a
    sixth of the 10,000-provision pack's load (PERFORMANCE.md, thirty-fourth pass)."""
    if b"\x7f" in raw or (b"\\" in raw and _ESCAPE_OF_ANOTHER.match(raw) is not None):
        return False
    if raw.isascii():
        return True
    try:  # the bytes of every character that is not ASCII, in their order; a byte order mark is one of them
        return raw.translate(None, _ASCII_BYTES).decode("utf-8").isprintable()
    except UnicodeDecodeError:
        return False


def _value_problems(tables: Tables, col: _Collector) -> None:
    """Values the schema lets through that officers must not see: a whole number written with a decimal point
    (``data_version: 1.0``; the schema has no field for other numbers, so any is one of these), and text holding
    a control or text-direction character (see _HIDDEN; line breaks and tabs only in TEXT_BLOCK_FIELDS)."""
    for table, docs in tables.items():
        for key, doc in docs.items():
            if not _clean(doc):
                _explain_values(tables, table, key, doc, [], col)


def _explain_values(tables: Tables, table: str, key: str, value: Any, path: list[Any], col: _Collector) -> None:
    if isinstance(value, dict):
        for name, item in value.items():
            _explain_values(tables, table, key, item, [*path, name], col)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _explain_values(tables, table, key, item, [*path, i], col)
    elif isinstance(value, float):
        col.add(table, _record_name(tables, table, key), _field_path(tables, table, key, path), not_whole_words(value))
    elif isinstance(value, str):
        names = [part for part in path if isinstance(part, str)]
        text_block = bool(names) and names[-1] in TEXT_BLOCK_FIELDS
        hidden = _hidden(value, text_block)
        if hidden:
            # a line break or tab in a one-line field, or a line separator anywhere, shows as a break or a gap,
            # nothing hidden from officers: a warning, so an update signed before this rule, holding one, is not set
            # aside on officers' laptops for it (text pasted from a word processor often holds U+2028)
            words, breaks_only = hidden
            col.add(table, _record_name(tables, table, key), _field_path(tables, table, key, path), words,
                    WARNING if breaks_only else ERROR)


def _characters_words(chars: list[str]) -> str:
    """'a tab (U+0009)', 'text-direction characters (right-to-left override, U+202E; pop directional
    formatting, U+202C)': each kind once, its characters named as U+XXXX."""
    kinds: dict[str, list[str]] = {}
    for ch in chars:
        code = f"U+{ord(ch):04X}"
        if ch in _DIRECTION:
            kinds.setdefault("text-direction character", []).append(f"{unicodedata.name(ch).lower()}, {code}")
        else:
            kind = {"\x00": "NUL character", "\n": "line break", "\r": "carriage return", "\t": "tab",
                    "\u2028": "line separator", "\u2029": "paragraph separator"}.get(
                ch, "broken character" if _SURROGATES.match(ch) else "control character")
            kinds.setdefault(kind, []).append(code)
    parts = [f"a {kind} ({codes[0]})" if len(codes) == 1 else f"{kind}s ({('; ' if ',' in codes[0] else ', ').join(codes)})"
             for kind, codes in kinds.items()]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _unwanted(text: str, text_block: bool) -> dict[str, int]:
    """Each character of _HIDDEN that ``text`` must not hold, with where it first is. ``text_block``: a field of
    several lines (TEXT_BLOCK_FIELDS), where line breaks (also as CR LF) and tabs are allowed."""
    found: dict[str, int] = {}
    for match in _HIDDEN.finditer(text):
        ch, at = match.group(), match.start()
        if text_block and (ch in "\n\t" or text.startswith("\r\n", at)):
            continue
        found.setdefault(ch, at)
    return found


def _breaks_only(found: Iterable[str], text_block: bool) -> bool:
    """True when every character ``found`` shows on officers' screens as a line break or a gap, nothing hidden: a
    line break or tab in a one-line field, a line or paragraph separator (U+2028, U+2029) in any field."""
    allowed = _SEPARATORS if text_block else _LINE_BREAKS
    return all(ch in allowed for ch in found)


def hidden_words(text: str, text_block: bool = False) -> str | None:
    """Why ``text`` cannot go to officers as it is, in a supervisor's words, or None when it can: it holds a
    control character or a text-direction (bidi) embedding, override or isolate, named as U+XXXX with where it
    first is; or a line break a one-line field cannot show as one, or a line or paragraph separator, which the
    file's reader does not see. ``text_block``: a field of several lines (TEXT_BLOCK_FIELDS), where line breaks
    (also as CR LF) and tabs are allowed."""
    hidden = _hidden(text, text_block)
    return hidden[0] if hidden else None


def refused_characters(text: str, text_block: bool = False) -> bool:
    """True when a pack holding ``text`` would be refused for its characters (a control character, NUL, a
    text-direction override...: see hidden_words), not just warned about: words no valid pack can hold."""
    hidden = _hidden(text, text_block)
    return hidden is not None and not hidden[1]


def _hidden(text: str, text_block: bool) -> tuple[str, bool] | None:
    """hidden_words' words for ``text``, and whether all it found shows as a line break or a gap (_breaks_only):
    then a warning, else a refusal. None when ``text`` can go to officers."""
    found = _unwanted(text, text_block)
    if not found:
        return None
    first = min(found.values())
    named = _characters_words(list(found))
    near = text[max(0, first - 20):first + 21]
    if text_block:  # its allowed line breaks are not what is wrong: shown as spaces, to keep the words readable
        near = re.sub("\r?\n|\t", " ", near)
    where = f"at character {first + 1} (“{shown_safely(near).strip()}”)" if len(found) == 1 else (
        f"(the first at character {first + 1}: “{shown_safely(near).strip()}”)")
    it = "it" if len(found) == 1 else "them"
    if _breaks_only(found, text_block):
        if not text_block:
            return f"has {named} {where}, but this field is one line: put a space instead", True
        return (f"has {named} {where}: officers' screens start a new line there, but most editors show nothing, so "
                f"the file does not read as the screen does. Put an ordinary line break (Enter) instead"), True
    why = ("it makes the words read differently on screen than in the file" if any(ch in _DIRECTION for ch in found)
           else f"{'it is' if it == 'it' else 'they are'} half of a character (a lone surrogate), not text: screens, "
                f"PDFs and files cannot hold {it}" if all(_SURROGATES.match(ch) for ch in found)
           else f"officers' screens do not show {it}, and {'it' if it == 'it' else 'they'} can hide or cut off words")
    return f"has {named} {where}: {why}. Delete {it}", False


#: letters of the Cyrillic and Greek alphabets that draw as a Latin one (in either case, or in the case written):
#: a heading typed or pasted with one ("Trаffic" with a Cyrillic "а") reads as the Latin word. A small fold of
#: Unicode's confusables, not all of it: the letters officers would take for A, B, C, E, H… in a heading.
_LOOKS_LATIN = str.maketrans({
    # Cyrillic capitals, then small letters
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "У": "Y",
    "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ү": "Y", "Һ": "H", "Ԛ": "Q", "Ԝ": "W",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "һ": "h",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "ү": "y",
    # Greek capitals, then small letters
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Υ": "Y", "Χ": "X",
    "α": "a", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "υ": "u", "χ": "x",
    # Latin letters drawn as plain ones (a Latin alpha, a script g, a dotless i or j), and Armenian o, u, h
    "ɑ": "a", "ɡ": "g", "ı": "i", "ȷ": "j", "օ": "o", "ս": "u", "հ": "h",
})

#: characters that draw nothing in a heading (Unicode's default-ignorable ones: zero-width space and joiners, word
#: joiner, byte-order mark, soft hyphen, direction marks, variation selectors, the combining grapheme joiner, Hangul
#: fillers, tag characters): "Traffic" with a U+200B inside reads as "Traffic" on the officers' Home screen
_DRAWS_NOTHING = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\U0001bca0-\U0001bca3\U000e0000-\U000e0fff]")

#: the alphabets whose letters draw alike (see _LOOKS_LATIN): one word written in two of them is a lookalike
_LOOKALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def heading_key(text: str) -> str:
    """``text`` as officers read it as a heading: two categories with the same key are one heading to them, written
    differently. Compatibility forms as the letters they draw (NFKC: a full-width "Ｗ", a pasted "ﬁ", an accent
    typed apart), Cyrillic and Greek letters that look Latin as the Latin ones, case, spacing and characters that draw
    nothing (a zero-width space, a soft hyphen, a variation selector) not counted. The one rule for "the same
    heading": the editor's New scenario dialog and scenario form (editing.category_problem) and the check (a pack's
    categories) compare by it."""
    if text.isascii():  # the usual category: nothing to compose or fold but case and spacing
        return " ".join(text.casefold().split())
    drawn = _DRAWS_NOTHING.sub("", unicodedata.normalize("NFKC", text))
    return " ".join(drawn.translate(_LOOKS_LATIN).casefold().split())


def mixed_script_word(text: str) -> tuple[str, str] | None:
    """The first word of ``text`` written in two of the alphabets whose letters look alike (Latin, Cyrillic, Greek),
    and the letters in the word that are not in its commonest alphabet, as "“а” (Cyrillic, U+0430)"; None when every
    word keeps to one. Other alphabets (a word in Japanese mixes its own scripts) are not looked at."""
    for word in unicodedata.normalize("NFKC", text).split():
        scripts: dict[str, list[str]] = {}
        for ch in word:
            if ch.isalpha():
                script = unicodedata.name(ch, "").split(" ")[0]
                if script in _LOOKALIKE_SCRIPTS:
                    scripts.setdefault(script, []).append(ch)
        if len(scripts) > 1:
            main = max(scripts, key=lambda name: len(scripts[name]))
            odd = [ch for name, chars in scripts.items() if name != main for ch in dict.fromkeys(chars)]
            return word, ", ".join(
                f"“{ch}” ({unicodedata.name(ch).split(' ')[0].capitalize()}, U+{ord(ch):04X})" for ch in odd[:3])
    return None


def _category_problems(pack: Pack, col: _Collector) -> None:
    """Categories officers would read as one heading (heading_key) but written differently: two headings on the Home
    screen that read the same, the pack's situations split between them. A warning, not an error: every answer is
    still right and found, and an error would make the officers' app refuse the whole pack over a heading's spelling;
    check --strict (and Publish's review) still stops it."""
    spellings: dict[str, list[str]] = {}  # heading key → its spellings, in first-use order
    scenarios: dict[str, list[str]] = {}  # spelling → its scenarios' ids
    for s in pack.scenarios:
        if s.category not in scenarios:
            spellings.setdefault(heading_key(s.category), []).append(s.category)
        scenarios.setdefault(s.category, []).append(s.scenario_id)
    for found in (found for found in spellings.values() if len(found) > 1):
        # the spelling asked for: the first written plainly, never a lookalike ("Trаffic", "Ｗarrants") used first
        first = next((spelling for spelling in found if _plainly_written(spelling)), found[0])
        for other in (spelling for spelling in found if spelling != first):
            col.add("scenarios", scenarios[other][0], "category",
                    f"category “{shown_safely(other)}” ({_ids_words(scenarios[other])}) reads as "
                    f"“{shown_safely(first)}” ({_ids_words(scenarios[first])}){_told_apart(other, first)}: officers "
                    "would see two headings on the Home screen that read as one, the situations split between them. "
                    f"Write it “{shown_safely(first)}” (or make the two plainly different)", WARNING)


def _plainly_written(category: str) -> bool:
    """Whether ``category`` is written as a heading should be: single spaces, no compatibility form (NFKC: a
    full-width "Ｗ", a "ﬁ"), and each word in one alphabet (mixed_script_word)."""
    return (" ".join(category.split()) == category and unicodedata.normalize("NFKC", category) == category
            and mixed_script_word(category) is None)


def _ids_words(ids: list[str], most: int = 4) -> str:
    """'scenario S1', 'scenarios S1, S4 and S7', 'scenarios S1, S2, S3, S4 and 3 more'."""
    if len(ids) == 1:
        return f"scenario {ids[0]}"
    if len(ids) <= most:
        return f"scenarios {', '.join(ids[:-1])} and {ids[-1]}"
    return f"scenarios {', '.join(ids[:most])} and {len(ids) - most} more"


def _told_apart(other: str, first: str) -> str:
    """What makes ``other`` another spelling of ``first`` where the eye cannot see it: its letters not in ``first``
    that are not plain ASCII, named (a Cyrillic "а", a full-width "Ｗ", a no-break space)."""
    odd = [ch for ch in dict.fromkeys(other) if ch not in first and not (" " <= ch <= "~")]
    if not odd:
        return ""
    named = ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed').lower()}" for ch in odd[:3])
    return f"; it has {named}"


def _duplicates(ids: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    dups: list[str] = []
    for i in ids:
        if i in seen and i not in dups:
            dups.append(i)
        seen.add(i)
    return dups


def semantic_problems(pack: Pack, file: str = "pack") -> list[Problem]:
    """Every problem the schema cannot see: identity, references, tree shape and citations."""
    col = _Collector(file)
    for dup in _duplicates(p.provision_id for p in pack.provisions):
        col.add("provisions", dup, "provision_id", "is used by more than one provision")
    for dup in _duplicates(s.scenario_id for s in pack.scenarios):
        col.add("scenarios", dup, "scenario_id", "is used by more than one scenario")
    for dup in _duplicates(s.term.casefold() for s in pack.synonyms):
        col.add("synonyms", dup, "term", "is listed more than once")
    for dup in _duplicates(g.term.casefold() for g in pack.glossary):
        col.add("glossary", dup, "term", "is defined more than once")

    for p in pack.provisions:
        amended = parse_partial_date(p.dates.amended)
        if amended is not None and amended > pack.meta.as_of:
            col.add("provisions", p.provision_id, "dates.amended",
                    f"was amended {on_partial_date(p.dates.amended)}, after the pack's as-of date {format_day(pack.meta.as_of)}: "
                    "officers would read the amended words as the law of that earlier day. Once the whole pack is "
                    "checked against the law of today, move the as-of date on (Publish's “Law current as of”, publish --as-of)",
                    WARNING)
        for rel in p.related:
            if pack.provision(rel) is None:
                col.add("provisions", p.provision_id, "related", f"points to provision {rel!r}, which does not exist")
            elif rel == p.provision_id:
                col.add("provisions", p.provision_id, "related", "lists the provision itself")
    for g in pack.glossary:
        for ref in g.see:
            if pack.provision(ref) is None:
                col.add("glossary", g.term, "see", f"points to provision {ref!r}, which does not exist")

    ranks = [s.home_rank for s in pack.scenarios if s.home_rank is not None]
    for dup in _duplicates(str(r) for r in ranks):
        col.add("scenarios", "", "home.rank", f"Home button rank {dup} is used twice", WARNING)

    for scenario in pack.scenarios:
        _scenario_problems(pack, scenario, col)
    _enter_at_version_problems(pack, col)
    _cycle_problems(pack, col)
    _uncited_problems(pack, col)
    _starter_word_problems(pack, col)
    _category_problems(pack, col)
    return col.problems


#: Characters that draw nothing on their own, beyond spaces and the format characters (category Cf: zero-width space
#: and joiners, marks of text direction, soft hyphen…) and lone combining marks (Mn, Me): Hangul fillers and the
#: blank Braille pattern, which fonts draw as empty space.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def shows_nothing(text: str) -> bool:
    """True when ``text`` would show officers nothing at all: only spaces, zero-width or format characters, lone
    combining marks. Such a title or headline passed the schema's "at least one character" and left a blank
    citation button, a blank answer or a blank search result."""
    for ch in text:
        if not ch.isspace() and ch not in _BLANK_LETTERS and unicodedata.category(ch) not in ("Cf", "Mn", "Me", "Cc"):
            return False
    return True


def _blank(text: str) -> bool:
    """shows_nothing, fast for the usual text: one that starts with a letter or a digit shows (a Hangul filler is a
    letter that draws nothing)."""
    first = text[:1]
    return not (first.isalnum() and first not in _BLANK_LETTERS) and shows_nothing(text)


def _any_blank(pack: Pack) -> bool:
    """Whether any text _shows_nothing_problems looks at shows nothing: one quick pass over the pack (at every start),
    the words and fields named only when there is one."""
    meta = pack.meta
    if _blank(meta.title) or _blank(meta.publisher) or _blank(meta.disclaimer):
        return True
    for p in pack.provisions:
        if (_blank(p.title) or _blank(p.cite_as) or _blank(p.summary) or _blank(p.text) or _blank(p.source.document)
                or any(_blank(note.text) for note in p.status_notes)):
            return True
    for scenario in pack.scenarios:
        if _blank(scenario.title) or _blank(scenario.summary) or (
                scenario.home_label is not None and _blank(scenario.home_label)):
            return True
        for node in scenario.nodes:
            if isinstance(node, Question):
                if _blank(node.prompt) or any(_blank(choice.label) for choice in node.choices):
                    return True
            elif (_blank(node.headline) or _blank(node.rationale)
                  or any(_blank(line) for lines in (node.do, node.do_not, node.say, node.document, node.notify)
                         for line in lines)):
                return True
    return any(_blank(syn.term) or any(_blank(words) for words in syn.expansions) for syn in pack.synonyms) or any(
        _blank(g.term) or _blank(g.definition) for g in pack.glossary)


def _shows_nothing_problems(pack: Pack, col: _Collector) -> None:
    """Words officers read (or type to find) that show nothing on screen: see shows_nothing."""
    if not _any_blank(pack):
        return
    message = ("shows nothing on screen: it holds only spaces or invisible characters (zero-width, direction "
               "marks, lone accents). Write the words officers should read here")

    def check(table: str, record: str, fld: str, text: str) -> None:
        if shows_nothing(text):
            col.add(table, record, fld, message)

    meta = pack.meta
    for fld, text in (("title", meta.title), ("publisher", meta.publisher), ("disclaimer", meta.disclaimer)):
        check("meta", "", fld, text)
    for p in pack.provisions:
        for fld, text in (("title", p.title), ("cite_as", p.cite_as), ("summary", p.summary), ("text", p.text),
                          ("source.document", p.source.document)):
            check("provisions", p.provision_id, fld, text)
        for i, note in enumerate(p.status_notes):
            check("provisions", p.provision_id, f"status_notes[{i}].text", note.text)
    for scenario in pack.scenarios:
        sid = scenario.scenario_id
        check("scenarios", sid, "title", scenario.title)
        check("scenarios", sid, "summary", scenario.summary)
        if scenario.home_label is not None:
            check("scenarios", sid, "home.label", scenario.home_label)
        for node in scenario.nodes:
            where = f"nodes[{node.node_id}]"
            if isinstance(node, Question):
                check("scenarios", sid, f"{where}.prompt", node.prompt)
                for choice in node.choices:
                    check("scenarios", sid, f"{where}.choices[{choice.key}].label", choice.label)
            else:
                check("scenarios", sid, f"{where}.headline", node.headline)
                check("scenarios", sid, f"{where}.rationale", node.rationale)
                for name in ("do", "do_not", "say", "document", "notify"):
                    for i, line in enumerate(getattr(node, name)):
                        check("scenarios", sid, f"{where}.{name}[{i}]", line)
    for syn in pack.synonyms:
        check("synonyms", _term_name(syn.term), "term", syn.term)
        for i, words in enumerate(syn.expansions):
            check("synonyms", _term_name(syn.term), f"expansions[{i}]", words)
    for g in pack.glossary:
        check("glossary", _term_name(g.term), "term", g.term)
        check("glossary", _term_name(g.term), "definition", g.definition)


def _term_name(term: str) -> str:
    """A search word or glossary term as a message names its record: a term that shows nothing, by its characters
    (“[U+200B]”), so the message does not name a blank."""
    return "".join(f"[U+{ord(ch):04X}]" for ch in term) if shows_nothing(term) else term


def _starter_word_problems(pack: Pack, col: _Collector) -> None:
    """A field still holding the words the editor put in a new record (STARTER_WORDS): officers would read them."""
    def check(table: str, record: str, fld: str, text: str) -> None:
        if is_starter_words(text):
            col.add(table, record, fld, f"still has the editor's starter words (“{text.strip()}”): write what "
                                        "officers should read here")

    for p in pack.provisions:
        for fld, text in (("title", p.title), ("cite_as", p.cite_as), ("summary", p.summary), ("text", p.text),
                          ("source.document", p.source.document)):
            check("provisions", p.provision_id, fld, text)
    for scenario in pack.scenarios:
        sid = scenario.scenario_id
        check("scenarios", sid, "title", scenario.title)
        check("scenarios", sid, "summary", scenario.summary)
        for node in scenario.nodes:
            where = f"nodes[{node.node_id}]"
            if isinstance(node, Question):
                check("scenarios", sid, f"{where}.prompt", node.prompt)
            else:
                check("scenarios", sid, f"{where}.headline", node.headline)
                check("scenarios", sid, f"{where}.rationale", node.rationale)
    for g in pack.glossary:
        check("glossary", g.term, "definition", g.definition)


def _uncited_problems(pack: Pack, col: _Collector) -> None:
    """An operative provision that no outcome cites: the `coverage` command's NOT CITED, as a warning."""
    for row in coverage(pack):
        if row.operative and not row.cited_by:
            col.add("provisions", row.provision_id, "operative",
                    "governs what officers do, but no outcome cites it: cite it from the outcomes it governs, "
                    "or mark it as reference only", WARNING)


def _enter_at_version_problems(pack: Pack, col: _Collector) -> None:
    """An answer entering a shared step part-way needs a pack that says so: an app that knows only schema
    version 1 then tells the officer to update the app, where it would refuse an unknown field."""
    if pack.meta.schema_version >= ENTER_AT_SCHEMA_VERSION:
        return
    for s in pack.scenarios:
        for q in s.questions:
            for c in q.choices:
                if c.next_scenario is not None and c.enter_at is not None:
                    col.add("scenarios", s.scenario_id, f"nodes[{q.node_id}].choices[{c.key}].enter_at",
                            f"enters {c.next_scenario!r} at {c.enter_at!r}, which needs schema version "
                            f"{ENTER_AT_SCHEMA_VERSION}: set the pack's schema version to {ENTER_AT_SCHEMA_VERSION} "
                            "so that older apps ask to be updated instead of refusing the pack")


def _scenario_problems(pack: Pack, s: Any, col: _Collector) -> None:
    sid = s.scenario_id
    for dup in _duplicates(n.node_id for n in s.nodes):
        col.add("scenarios", sid, f"nodes[{dup}]", "node id is used by more than one node")
    start = s.node(s.start)
    if start is None:
        col.add("scenarios", sid, "start", f"points to node {s.start!r}, which does not exist")
    elif s.safety_critical and not (isinstance(start, Question) and start.topic == "danger"):
        col.add(
            "scenarios",
            sid,
            "start",
            "this flow is marked safety-critical, so its first question must ask whether anyone is in "
            "immediate danger (a question with topic 'danger')",
        )
    for node in s.nodes:
        where = f"nodes[{node.node_id}]"
        if isinstance(node, Question):
            if len(node.choices) == 0:
                col.add("scenarios", sid, where, "question has no answers: the officer would be stuck here")
            elif len(node.choices) < 2:
                col.add("scenarios", sid, where, "question has only one answer; a question needs at least two")
            for dup in _duplicates(c.key for c in node.choices):
                col.add("scenarios", sid, f"{where}.choices[{dup}]", "answer key is used twice in this question")
            _asked_again_problems(pack, sid, node, col)
            for c in node.choices:
                cw = f"{where}.choices[{c.key}]"
                if c.next_scenario is not None:
                    target = pack.scenario(c.next_scenario)
                    if target is None:
                        col.add(
                            "scenarios", sid, f"{cw}.next_scenario",
                            f"leads to scenario {c.next_scenario!r}, which does not exist",
                        )
                    elif c.enter_at is not None and target.node(c.enter_at) is None:
                        col.add(
                            "scenarios", sid, f"{cw}.enter_at",
                            f"answer {c.key!r} enters scenario {c.next_scenario!r} at node {c.enter_at!r}, "
                            "which does not exist there",
                        )
                elif c.next is not None and s.node(c.next) is None:
                    col.add("scenarios", sid, f"{cw}.next", f"leads to node {c.next!r}, which does not exist")
        else:
            _outcome_problems(pack, sid, node, col)
    reachable = _reachable(s, pack.entries(sid))
    for node in s.nodes:
        if node.node_id not in reachable:
            col.add("scenarios", sid, f"nodes[{node.node_id}]", "no answer leads to this node (unreachable)")


def _asked_again_problems(pack: Pack, sid: str, question: Question, col: _Collector) -> None:
    """Two answers of one question that enter the same sub-flow at the same step, so what they told apart is
    asked again there ("Yes — a warrant signed by a judge" and "Not sure", both then asked "What paper are they
    holding?"). Answers entering it at different steps (``enter_at``) are told apart. A warning, as a Home rank
    used twice is: the pack still works, and the supervisor may keep the answers apart on purpose;
    `check --strict` (the bundled pack's) refuses it."""
    into: dict[tuple[str, str], list[str]] = {}
    for c in question.choices:
        if c.next_scenario is not None:
            into.setdefault(pack.leads_to(sid, c), []).append(c.key)
    for (target, node_id), keys in into.items():
        if len(keys) > 1:
            named = ", ".join(f"'{k}'" for k in keys[:-1]) + f" and '{keys[-1]}'"
            sub = pack.scenario(target)
            where = "at its first question" if sub is not None and sub.start == node_id else f"at {node_id!r}"
            col.add("scenarios", sid, f"nodes[{question.node_id}].choices[{keys[1]}]",
                    f"answers {named} {'both' if len(keys) == 2 else 'all'} lead into {target!r} {where}, "
                    "so the officer is asked there again what they told apart: make them one answer, or enter "
                    "the shared step where each answer leaves off",
                    WARNING)


def _outcome_problems(pack: Pack, sid: str, node: Outcome, col: _Collector) -> None:
    where = f"nodes[{node.node_id}]"
    if not node.cites:
        col.add("scenarios", sid, f"{where}.cites", "outcome cites no provision: every answer must say what it rests on")
    as_of = pack.meta.as_of
    # A rescission on or before the day the data was last reviewed (publish sets it to the day of
    # publishing) is known to have happened, even when the as-of date was left earlier.
    known_on = max(as_of, pack.meta.reviewed_on)
    for i, c in enumerate(node.cites):
        p = pack.provision(c.provision_id)
        cw = f"{where}.cites[{i}]"
        if p is None:
            col.add("scenarios", sid, cw, f"cites provision {c.provision_id!r}, which does not exist")
            continue
        rescinded = parse_partial_date(p.dates.rescinded)
        # the dates as the app writes them ("15 Jan 2026", "in Dec 2025"), where the check said "2026-01-15"
        when = when_rescinded(p) if rescinded is not None else ""
        # A month or a year ("2026-02") that holds the as-of (or review) date may mean a day before it or after it:
        # "rescinded in Feb 2026 (before … 2 Feb 2026)" read as a contradiction. Such a date is told as what it is.
        if rescinded is not None and rescinded <= as_of and not surely_rescinded(p, as_of):
            col.add(
                "scenarios", sid, cw,
                f"cites {p.citation(c.pinpoint)}, recorded as rescinded {when} with no day given, so it may already "
                f"be rescinded by the pack's as-of date {format_day(as_of)}: officers would be told an answer that "
                "may rest on a rescinded provision. Give the day it was rescinded if it is known, cite the provision "
                "that replaced it, or remove the citation and fix the answer",
            )
        elif rescinded is not None and rescinded <= as_of:
            # "on 2 Feb 2026 (before the pack's as-of date 2 Feb 2026)" was no clearer: the same day is "on" it,
            # a month ending on it ("in Jan 2026", as of 31 Jan 2026) "by" it
            by = ("on the pack's as-of date" if rescinded == as_of
                  else "by the pack's as-of date" if last_day_rescinded(p) == as_of else "before the pack's as-of date")
            col.add(
                "scenarios", sid, cw,
                f"cites {p.citation(c.pinpoint)}, which was rescinded {when} "
                f"({by} {format_day(as_of)}): officers would be told an answer that rests on "
                "a rescinded provision. Cite the provision that replaced it, or remove the citation and fix the answer",
            )
        elif rescinded is not None and rescinded <= known_on and not surely_rescinded(p, known_on):
            col.add(
                "scenarios", sid, cw,
                f"cites {p.citation(c.pinpoint)}, recorded as rescinded {when} with no day given, so it may be "
                f"rescinded by the pack's review date {format_day(known_on)}, though not by its as-of date "
                f"{format_day(as_of)}: give the day it was rescinded if it is known, remove the citation, or move the "
                "as-of date on and fix the answer",
            )
        elif rescinded is not None and rescinded <= known_on:
            col.add(
                "scenarios", sid, cw,
                f"cites {p.citation(c.pinpoint)}, which was rescinded {when} "
                f"(on or before the pack's review date {format_day(known_on)}, though after its as-of "
                f"date {format_day(as_of)}): remove the citation, or move the as-of date on and fix the answer",
            )
        elif rescinded is not None:
            col.add(
                "scenarios", sid, cw,
                f"cites {p.citation(c.pinpoint)}, recorded as rescinded {when} (after the pack's "
                "as-of and review dates): from that day the app shows this answer with a caution that it rests "
                "on a rescinded provision, and tells the officer to call a supervisor",
                WARNING,
            )
        effective = parse_partial_date(p.dates.effective)
        if effective is not None and effective > as_of:
            col.add(
                "scenarios", sid, cw,
                f"cites {p.citation(c.pinpoint)}, which takes effect only {on_partial_date(p.dates.effective)} "
                f"(after the pack's as-of date {format_day(as_of)})",
            )
    if node.verdict == "refer" and not node.notify:
        col.add("scenarios", sid, f"{where}.notify", "a 'call supervisor' outcome must say whom to call")
    for name in ("do", "document", "notify"):
        if not getattr(node, name):
            col.add("scenarios", sid, f"{where}.{name}", "is empty: every outcome should fill it in", WARNING)


def _reachable(s: Any, entries: Iterable[str] = ()) -> set[str]:
    """The nodes a walk reaches from the start, or from a step other scenarios' answers enter at."""
    seen: set[str] = set()
    stack = [s.start, *entries]
    while stack:
        nid = stack.pop()
        if nid in seen:
            continue
        node = s.node(nid)
        if node is None:
            continue
        seen.add(nid)
        if isinstance(node, Question):
            stack.extend(c.next for c in node.choices if c.next is not None)
    return seen


def _cycle_problems(pack: Pack, col: _Collector) -> None:
    """Find cycles in the graph of (scenario, node), sub-flow jumps included."""
    white, grey, black = 0, 1, 2
    color: dict[tuple[str, str], int] = {}
    reported: set[frozenset[tuple[str, str]]] = set()

    def successors(sid: str, nid: str) -> list[tuple[str, str]]:
        s = pack.scenario(sid)
        node = s.node(nid) if s else None
        if not isinstance(node, Question):
            return []
        out: list[tuple[str, str]] = []
        for c in node.choices:
            if c.next_scenario is not None:
                target = pack.scenario(c.next_scenario)
                entry = pack.leads_to(sid, c)[1]
                if target is not None and target.node(entry) is not None:
                    out.append((target.scenario_id, entry))
            elif c.next is not None and s is not None and s.node(c.next) is not None:
                out.append((sid, c.next))
        return out

    for s in pack.scenarios:
        for n in s.nodes:
            root = (s.scenario_id, n.node_id)
            if color.get(root, white) != white:
                continue
            path: list[tuple[str, str]] = []
            stack: list[tuple[tuple[str, str], list[tuple[str, str]]]] = [(root, successors(*root))]
            color[root] = grey
            path.append(root)
            while stack:
                current, succ = stack[-1]
                if succ:
                    nxt = succ.pop()
                    state = color.get(nxt, white)
                    if state == white:
                        color[nxt] = grey
                        path.append(nxt)
                        stack.append((nxt, successors(*nxt)))
                    elif state == grey:
                        cycle = path[path.index(nxt):] + [nxt]
                        key = frozenset(cycle)
                        if key not in reported:
                            reported.add(key)
                            loop = " → ".join(f"{a}:{b}" if a != nxt[0] else b for a, b in cycle)
                            col.add(
                                "scenarios", nxt[0], f"nodes[{nxt[1]}]",
                                f"answers loop back here ({loop}): the officer could go round in circles",
                            )
                else:
                    color[current] = black
                    path.pop()
                    stack.pop()

