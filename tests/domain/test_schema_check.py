"""The pre-generated schema check matches data/schema.json (regenerate with build_scripts/gen_schema_check.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from desktop.domain import _schema_check
from desktop.domain.validation import _schema_checker, schema_fingerprint

REPO = Path(__file__).resolve().parents[2]


def test_generated_check_is_fresh():
    schema = json.loads((REPO / "data" / "schema.json").read_text(encoding="utf-8"))
    assert _schema_check.SCHEMA_FINGERPRINT == schema_fingerprint(schema), (
        "data/schema.json changed: run .venv/bin/python build_scripts/gen_schema_check.py"
    )
    sys.path.insert(0, str(REPO / "build_scripts"))
    try:
        import gen_schema_check
    finally:
        sys.path.pop(0)
    assert (REPO / "desktop" / "domain" / "_schema_check.py").read_text(encoding="utf-8") == gen_schema_check.generate()


def test_generated_check_is_used_for_the_real_schema_and_compiled_for_others():
    schema = json.loads((REPO / "data" / "schema.json").read_text(encoding="utf-8"))
    assert _schema_checker(schema) is _schema_check.validate
    other = {"type": "object", "required": ["x"]}
    assert _schema_checker(other) is not _schema_check.validate


def test_a_schema_the_compiler_cannot_check_is_checked_by_jsonschema():
    schema = {"type": "object", "properties": {"when": {"type": "string", "format": "date"}}, "not": {"required": ["x"]}}
    schema["properties"]["n"] = {"type": "array", "uniqueItems": True}
    check = _schema_checker(schema)
    assert check({"when": "2026-01-01", "n": [1, 2]}) is True
    assert check({"n": [1, 1]}) is False and check({"x": 1}) is False
