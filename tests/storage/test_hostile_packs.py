"""Hostile input: mutated packs always end in a specific PackError (file, record, field, problem),
never in an unhandled exception. A few hundred examples here; 2,000+ with HYPOTHESIS_PROFILE=long:

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/storage/test_hostile_packs.py -q
"""

from __future__ import annotations

import json
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.storage.pack_file import PackError, validate_bytes
from tests.helpers import mini_tables

settings.register_profile("default_hostile", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=2500, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = "long" if os.environ.get("HYPOTHESIS_PROFILE") == "long" else "default_hostile"

BASE = mini_tables()
IDS = ["IL-TRUST-15a", "S08", "PAPER", "o_release", "q_basis", "GHOST", "", "danger", "SAFETY"]

json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**63), 2**63), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40), st.sampled_from(IDS), st.just("x" * 50_000),
)
json_value = st.recursive(json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)), max_leaves=12)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if len(prefix) > 10:
        return out
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(_paths(v, prefix + (k,)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_paths(v, prefix + (i,)))
    return out


ALL_PATHS = [p for p in _paths(BASE) if p]


def _apply(tables: Any, path: tuple, op: str, new: Any) -> Any:
    if not path:
        return new
    parent = tables
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if op == "delete":
        del parent[last]
    elif op == "replace":
        parent[last] = new
    elif op == "duplicate" and isinstance(parent, list):
        parent.append(json.loads(json.dumps(parent[last])))
    elif op == "duplicate" and isinstance(parent, dict):
        parent[str(len(parent) + 100)] = json.loads(json.dumps(parent[last]))
    elif op == "deep":
        deep: Any = "x"
        for _ in range(900):
            deep = [deep]
        parent[last] = deep
    return tables


@st.composite
def mutated_pack_bytes(draw: st.DrawFn) -> bytes:
    tables = json.loads(json.dumps(BASE))
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(tables) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        op = draw(st.sampled_from(["delete", "replace", "replace", "duplicate", "deep"]))
        tables = _apply(tables, path, op, draw(json_value))
    data = json.dumps(tables, ensure_ascii=False).encode("utf-8")
    byte_op = draw(st.sampled_from(["none", "none", "truncate", "flip", "utf8", "array", "empty", "garbage", "deep"]))
    if byte_op == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif byte_op == "flip":
        i = draw(st.integers(0, len(data) - 1))
        data = data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1:]
    elif byte_op == "utf8":
        i = draw(st.integers(0, len(data)))
        data = data[:i] + b"\xc3\x28\xff" + data[i:]
    elif byte_op == "deep":
        data = b"[" * 5000 + data + b"]" * 5000
    elif byte_op == "array":
        data = b"[" + data + b"]"
    elif byte_op == "empty":
        data = draw(st.sampled_from([b"", b"   ", b"\n"]))
    elif byte_op == "garbage":
        data = draw(st.binary(max_size=200))
    return data


@settings(settings.get_profile(PROFILE))
@given(mutated_pack_bytes())
def test_mutated_packs_fail_cleanly(data: bytes):
    try:
        report = validate_bytes(data, "hostile.json")
    except PackError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == "hostile.json" and problem.message
        return
    for problem in report.problems:
        assert problem.file == "hostile.json" and problem.message
        assert str(problem).startswith("hostile.json")
    if report.ok:
        assert report.pack is not None


@settings(settings.get_profile(PROFILE))
@given(st.sampled_from(ALL_PATHS))
def test_every_single_deletion_is_reported_or_harmless(path):
    tables = json.loads(json.dumps(BASE))
    tables = _apply(tables, path, "delete", None)
    report = validate_bytes(json.dumps(tables).encode(), "hostile.json")
    for problem in report.errors:
        assert problem.message
