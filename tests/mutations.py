"""Mutations of a pack's tables shared by the hostile-input and schema tests (hypothesis strategies)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

IDS = ["IL-TRUST-15a", "S08", "PAPER", "o_release", "q_basis", "GHOST", "", "danger", "SAFETY"]

json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**63), 2**63), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40), st.sampled_from(IDS), st.just("x" * 50_000),
)
json_value = st.recursive(json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)), max_leaves=12)


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if len(prefix) > 10:
        return out
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(paths(v, prefix + (k,)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(paths(v, prefix + (i,)))
    return out


def apply(tables: Any, path: tuple, op: str, new: Any) -> Any:
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
def mutated_tables(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    """``base`` after one to four random deletions, replacements, duplications or deep nestings."""
    tables: Any = json.loads(json.dumps(base))
    for _ in range(draw(st.integers(1, 4))):
        candidates = [p for p in paths(tables) if p]
        if not candidates:
            break
        path = draw(st.sampled_from(candidates))
        op = draw(st.sampled_from(["delete", "replace", "replace", "duplicate", "deep"]))
        tables = apply(tables, path, op, draw(json_value))
    return tables
