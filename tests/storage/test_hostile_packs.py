"""Hostile input: mutated packs always end in a specific PackError (file, record, field, problem),
never in an unhandled exception. A few hundred examples here; 2,000+ with HYPOTHESIS_PROFILE=long:

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/storage/test_hostile_packs.py -q
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.storage.pack_file import PackError, validate_bytes
from tests.helpers import mini_tables
from tests.mutations import apply, mutated_tables, paths

settings.register_profile("default_hostile", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=2500, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = "long" if os.environ.get("HYPOTHESIS_PROFILE") == "long" else "default_hostile"

BASE = mini_tables()
ALL_PATHS = [p for p in paths(BASE) if p]


@st.composite
def mutated_pack_bytes(draw: st.DrawFn) -> bytes:
    tables = draw(mutated_tables(BASE))
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
    tables = apply(tables, path, "delete", None)
    report = validate_bytes(json.dumps(tables).encode(), "hostile.json")
    for problem in report.errors:
        assert problem.message
