"""The compiled schema check says yes exactly when jsonschema's Draft 7 validator does.

jsonschema is the oracle throughout: keyword by keyword on small schemas with the awkward cases
(1 vs true, 1.0 as an integer, $ref siblings, oneOf…), on the real schema with the bundled pack, every
single deletion and type swap in the mini pack, and hypothesis mutations of it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from desktop import paths as paths_module
from desktop.domain import _schema_check
from desktop.domain.schema_compiler import compile_schema, compile_to_source
from desktop.storage.pack_file import load_schema
from tests.helpers import mini_tables
from tests.mutations import apply, mutated_tables, paths

SCHEMA = load_schema()
ORACLE = jsonschema.Draft7Validator(SCHEMA)
BASE = mini_tables()
BUNDLED = json.loads(paths_module.bundled_pack().read_text(encoding="utf-8"))

CASES = [
    ({"type": "integer"}, [1, 1.0, 1.5, True, "1", None]),
    ({"type": "number"}, [1, 2.5, True, False, "2"]),
    ({"type": ["string", "null"]}, ["", None, 0, []]),
    ({"type": "boolean"}, [True, False, 0, 1]),
    ({"enum": [1, "a", None]}, [1, 1.0, True, "a", "b", None, False]),
    ({"enum": [True]}, [True, 1, 1.0]),
    ({"const": "x"}, ["x", "y", ["x"]]),
    ({"const": 0}, [0, 0.0, False, None]),
    ({"minLength": 2, "maxLength": 3}, ["a", "ab", "abcd", "é€", 5, None]),
    ({"pattern": "b+"}, ["abba", "aaa", "", 7]),
    ({"pattern": "^[0-9]{4}$"}, ["2026", "20260", "year", None]),
    ({"minimum": 1, "maximum": 3}, [0, 1, 3, 3.5, True, "2"]),
    ({"minItems": 1, "maxItems": 2, "items": {"type": "string"}}, [[], ["a"], ["a", 1], ["a", "b", "c"], "ab"]),
    ({"required": ["a"], "properties": {"a": {"type": "string"}}}, [{"a": "x"}, {"a": 1}, {}, {"b": 1}, [], "a"]),
    ({"properties": {"a": {"type": "string"}}, "additionalProperties": False}, [{"a": "x"}, {"a": "x", "b": 1}, {}]),
    ({"properties": {"a": {}}, "additionalProperties": {"type": "integer"}}, [{"a": "x", "b": 2}, {"b": "2"}]),
    ({"additionalProperties": {"type": "integer"}}, [{"b": 2}, {"b": "2"}, {}]),
    ({"propertyNames": {"pattern": "^[a-z]+$"}}, [{"ab": 1}, {"Ab": 1}, {}, ["Ab"]]),
    ({"oneOf": [{"required": ["a"]}, {"required": ["b"]}]}, [{"a": 1}, {"b": 1}, {"a": 1, "b": 1}, {}, 5]),
    ({"anyOf": [{"type": "string"}, {"minimum": 3}]}, ["s", 4, 2, None]),
    ({"allOf": [{"type": "integer"}, {"minimum": 3}]}, [3, 2, "4"]),
    ({"not": {"type": "string"}}, ["s", 1]),
    (
        {"if": {"properties": {"t": {"const": "q"}}}, "then": {"required": ["p"]}, "else": {"required": ["v"]}},
        [{"t": "q", "p": 1}, {"t": "q"}, {"t": "o", "v": 1}, {"t": "o"}, {}, 3],
    ),
    ({"if": {"type": "string"}, "then": {"minLength": 2}}, ["a", "ab", 1]),
    ({"if": {"type": "string"}, "else": {"minimum": 2}}, ["a", 1, 3]),
    (
        {"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s", "type": "integer"},  # draft 7: siblings ignored
        ["x", 1],
    ),
    (True, [1, None]),
    (False, [1, None]),
    ({"items": False}, [[], [1], "x"]),
]


@pytest.mark.parametrize(("schema", "instances"), CASES, ids=[json.dumps(c[0])[:60] for c in CASES])
def test_each_keyword_agrees_with_jsonschema(schema, instances):
    check = compile_schema(schema if isinstance(schema, dict) else {"allOf": [schema]})
    oracle = jsonschema.Draft7Validator(schema if isinstance(schema, dict) else {"allOf": [schema]})
    for instance in instances:
        assert check(instance) == oracle.is_valid(instance), f"{schema} on {instance!r}"


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        ({"format": "date"}, "does not know the keyword"),
        ({"$defs": {"a": {"items": {"$ref": "#/$defs/a"}}}, "$ref": "#/$defs/a"}, "recursive"),
        ({"$ref": "other.json#/x"}, "only local"),
        ({"type": "decimal"}, "unknown JSON type"),
        ({"items": [{"type": "string"}]}, "tuple-form"),
    ],
)
def test_a_schema_it_cannot_check_fully_is_refused(schema, message):
    with pytest.raises(ValueError, match=message):
        compile_schema(schema)


def test_the_generated_module_is_the_compiled_real_schema():
    assert _schema_check.validate(BUNDLED) is True
    assert compile_to_source(SCHEMA) in Path(_schema_check.__file__).read_text(encoding="utf-8")
    assert compile_to_source(SCHEMA) == compile_to_source(json.loads(json.dumps(SCHEMA)))  # reproducible


def test_bundled_and_mini_packs_pass_both():
    for tables in (BUNDLED, BASE):
        assert ORACLE.is_valid(tables) and _schema_check.validate(tables)


def _swaps(value):
    if isinstance(value, str):
        return [None, 1, "", "x" * 30_000, ["a"]]
    if isinstance(value, bool):
        return [1, "true", None]
    if isinstance(value, (int, float)):
        return [True, 1.0, 1.5, 0, -1, "1", None]
    if isinstance(value, list):
        return [{}, [], [None], "list"]
    return [[], None, {}, {"unknown": 1}]


def _shape(path: tuple) -> tuple:
    """A path with record keys and list positions blurred: one representative per place in the schema."""
    return tuple("*" if isinstance(part, int) or (i == 1) else part for i, part in enumerate(path))


def test_every_single_deletion_and_type_swap_in_the_mini_pack_agrees():
    checked, shapes = 0, set()
    for path in [p for p in paths(BASE) if p]:
        if _shape(path) in shapes:
            continue
        shapes.add(_shape(path))
        parent = BASE
        for part in path:
            parent = parent[part]
        variants = [apply(json.loads(json.dumps(BASE)), path, "delete", None)]
        variants += [apply(json.loads(json.dumps(BASE)), path, "replace", new) for new in _swaps(parent)]
        for tables in variants:
            assert _schema_check.validate(tables) == ORACLE.is_valid(tables), path
            checked += 1
    assert checked > 400


@settings(
    max_examples=600 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_tables(BASE))
def test_mutated_packs_agree(tables):
    try:
        expected = ORACLE.is_valid(tables)
    except RecursionError:  # jsonschema cannot walk a 900-deep list; the compiled check has no recursion
        return
    assert _schema_check.validate(tables) == expected
