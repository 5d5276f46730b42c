"""A fixed sample of hostile data pack files, each with what the officer must be told about it.

Built from the mini pack, so record-level cases name records the tests can look for. The hypothesis
strategy that mutates packs at random lives in tests/storage/test_hostile_packs.py."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from tests.helpers import doc_by_id, mini_tables, node

DIRECTORY = b"<a folder, not a file>"  # marker: write_hostile makes a folder at the path


@dataclass(frozen=True)
class HostileCase:
    name: str
    build: Callable[[], bytes]
    record: str  # the record the problem must name ("" when the whole file is at fault)
    problem: str  # words the problem must contain


def _dump(tables: dict[str, Any]) -> bytes:
    text = json.dumps(tables, ensure_ascii=False)  # a lone surrogate written as its JSON escape, as a file can hold it
    return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8")


def _mutate(change: Callable[[dict[str, Any]], None]) -> Callable[[], bytes]:
    def build() -> bytes:
        tables = mini_tables()
        change(tables)
        return _dump(tables)

    return build


def _wrong_type(t: dict[str, Any]) -> None:
    doc_by_id(t, "provisions", "IL-TRUST-15a")["summary"] = 42


def _duplicate_id(t: dict[str, Any]) -> None:
    t["provisions"]["99"] = json.loads(json.dumps(doc_by_id(t, "provisions", "IL-TRUST-15a")))


def _dangling(t: dict[str, Any]) -> None:
    node(doc_by_id(t, "scenarios", "S08"), "o_release")["cites"][0]["provision_id"] = "GHOST-9"


def _cycle(t: dict[str, Any]) -> None:
    node(doc_by_id(t, "scenarios", "S08"), "q_basis")["choices"][0]["next"] = "danger"


def _huge_string(t: dict[str, Any]) -> None:
    doc_by_id(t, "provisions", "IL-TRUST-15a")["summary"] = "x" * 2_000_000


def _invisible_title(t: dict[str, Any]) -> None:
    doc_by_id(t, "provisions", "IL-TRUST-15a")["title"] = "\u200b\u200d\u200f"  # zero-width space, joiner, RTL mark


def _lone_surrogate(t: dict[str, Any]) -> None:
    # JSON may write half of a character as its escape ("\\ud800"): json.loads keeps it, a lone surrogate. The pack
    # loaded with it, and a search listing the provision crashed the results list (UTF-16 cannot hold it)
    doc_by_id(t, "provisions", "IL-TRUST-15a")["tags"].append("detainer \ud800 hold")


def _good() -> bytes:
    return _dump(mini_tables())


CASES: tuple[HostileCase, ...] = (
    HostileCase("truncated", lambda: _good()[: len(_good()) // 2], "", "is not valid JSON"),
    HostileCase("wrong-type", _mutate(_wrong_type), "IL-TRUST-15a", "must be text, not a whole number"),
    HostileCase("duplicate-id", _mutate(_duplicate_id), "IL-TRUST-15a", "more than one provision"),
    HostileCase("dangling-ref", _mutate(_dangling), "S08", "GHOST-9"),
    HostileCase("cycle", _mutate(_cycle), "S08", "loop"),
    HostileCase("invisible-title", _mutate(_invisible_title), "IL-TRUST-15a", "shows nothing on screen"),
    HostileCase("huge-string", _mutate(_huge_string), "IL-TRUST-15a", "too long"),
    HostileCase("lone-surrogate", _mutate(_lone_surrogate), "IL-TRUST-15a", "broken character (U+D800)"),
    HostileCase("deep-nesting", lambda: _good().replace(b'"related": [', b'"related": [' + b"[" * 5000 + b"]" * 5000 + b",", 1),
                "", "nested too deeply"),
    HostileCase("invalid-utf8", lambda: _good().replace(b"Illinois", b"Ill\xff\xfeinois", 1), "", "not UTF-8"),
    HostileCase("non-json", lambda: b"PK\x03\x04\x14\x00\x08\x00" + b"word/document.xml" * 20, "", "is not valid JSON"),
    HostileCase("json-array", lambda: b"[" + _good() + b"]", "", "must hold a set of named tables (meta, provisions, scenarios, …), not a list"),
    HostileCase("empty", lambda: b"", "", "is empty"),
    HostileCase("directory", lambda: DIRECTORY, "", "is a folder"),
    # a number longer than Python reads (4,300 digits): its refusal said "use sys.set_int_max_str_digits()"
    HostileCase("huge-number", lambda: re.sub(rb'"data_version": \d+', b'"data_version": ' + b"9" * 5000, _good(), count=1),
                "", "holds a number 5000 digits long"),
)


#: Fields whose words an officer, a trainer or a supervisor reads: markup_tables puts markup in each.
WORD_FIELDS = frozenset({"title", "summary", "text", "cite_as", "prompt", "label", "headline", "do", "do_not", "say",
                         "notify", "document", "rationale", "category", "definition", "disclaimer", "publisher",
                         "status_notes", "pinpoint"})


def markup_tables(markup: str = "<img src=//example.invalid/x.png>") -> dict[str, Any]:
    """The mini pack, valid and checkable, with ``markup`` and "<b>B</b>" before every word an officer reads
    (a Home button's short label gets "<b>B</b>" alone: it may hold only 40 characters)."""
    def mark(value: Any) -> Any:
        if isinstance(value, list):
            return [mark(v) for v in value]
        return f"{markup}<b>B</b> {value}" if isinstance(value, str) and value else value

    def walk(record: Any) -> None:
        if isinstance(record, list):
            for item in record:
                walk(item)
        elif isinstance(record, dict):
            for key, value in record.items():
                if key == "home" and isinstance(value, dict):
                    value["label"] = "<b>B</b> " + value["label"][:20]
                elif key in WORD_FIELDS:
                    record[key] = mark(value)
                else:
                    walk(value)

    tables = mini_tables()
    walk(tables)
    return tables


#: Words a valid pack may hold that no real one does (each within the schema's limits).
LONG_WORD = ("Unterbringungsverweigerungsrecht" * 63)[:2000]  # 2,000 letters, no space
RTL_MIXED = "هل يحمل الضابط أمرًا قضائيًا؟ 5 ILCS 805/15(a) و 18 U.S.C. 111 "  # Arabic around section numbers
STACKED = "A" + "\u0301\u0302\u0303\u0304" * 50 + " warrant"  # 200 accents on one letter
JOINED = "Detain" + "\u200d" * 500 + "er?"  # 500 zero-width joiners inside a word
EMOJI = "🚓👮🏽‍♀️📄⚖️ " * 20


def extreme_tables() -> dict[str, Any]:
    """The mini pack, valid, with the longest and strangest words it may hold: S10's title and every answer a
    2,000-letter word, right-to-left Arabic around section numbers, 200 stacked accents, 500 joiners, emoji, a
    summary, rationale and provision text of 20,000 characters, 48 lines to do, and provision CHI-EO-2025-8's
    summary one word of 600 letters."""
    tables = mini_tables()
    s10 = doc_by_id(tables, "scenarios", "S10")
    s10["title"] = LONG_WORD[:1990]
    s10["summary"] = ("Long summary sentence with words. " * 600)[:20000]
    question, outcome = s10["nodes"][0], s10["nodes"][1]
    question["prompt"] = f"{JOINED} {STACKED}"
    question["help"] = RTL_MIXED * 24
    words = (LONG_WORD, (RTL_MIXED * 40)[:2000], EMOJI, STACKED, JOINED)
    question["choices"] = [{"key": f"k{i}", "label": words[i % 5], "next": "o_no" if i % 2 else "o_refer"}
                           for i in range(9)]
    outcome["headline"] = EMOJI + STACKED
    outcome["rationale"] = ("A very long rationale. " * 1000)[:20000]
    outcome["do"] = [LONG_WORD, (RTL_MIXED * 40)[:2000], STACKED] * 16
    provision = doc_by_id(tables, "provisions", "CHI-EO-2025-8")
    provision["title"] = f"{STACKED} {RTL_MIXED * 4}"
    provision["summary"] = LONG_WORD[:600]
    provision["text"] = ((RTL_MIXED * 8 + LONG_WORD[:500] + " ") * 20)[:20000]
    return tables


def write_hostile(path: Path, data: bytes) -> Path:
    """Put the hostile content at ``path`` (a folder for DIRECTORY)."""
    if data == DIRECTORY:
        path.mkdir(parents=True)
        (path / "not-a-pack.txt").write_text("a folder where the pack should be\n", encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


#: What must never reach an officer's screen: a Python traceback or the name of an exception class.
TRACEBACK_TEXT = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+|"
                            r"\b(?:[A-Z][a-z]+)+(?:Error|Exception)\b")


def screen_texts(window: QWidget) -> list[str]:
    """Every piece of text a widget tree can show or read aloud: labels, buttons, fields, titles, tips."""
    texts = [window.windowTitle()]
    for widget in [window, *window.findChildren(QWidget)]:
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
    return [t for t in texts if t]


def tracebacks_on_screen(window: QWidget) -> list[str]:
    return [t for t in screen_texts(window) if TRACEBACK_TEXT.search(t)]
