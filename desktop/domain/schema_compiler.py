"""Compile a JSON Schema (draft-07, the subset data/schema.json uses) to one plain Python function.

The function answers one question, fast: does this document satisfy the schema? It returns True or
False and explains nothing; when it says False, the validator asks ``jsonschema`` for every problem in
supervisor words. Being a yes/no check is what makes it fast: every ``$ref`` is inlined into one
function body (no call per nested object, no path strings built on the way), and a whole object's
required and allowed keys are two set comparisons. On a 10,000-provision pack it is several times
faster than fastjsonschema's generated code.

Semantics follow ``jsonschema.Draft7Validator``, which the tests check on real and mutated packs:
integers may be written as integral floats, booleans are never numbers, ``$ref`` ignores its siblings,
``pattern`` is a regex search, and each keyword applies only to the JSON types it names.
A keyword this compiler does not know raises ValueError, so an extended schema cannot be checked
silently less than it says.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Keywords that say nothing about validity.
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples", "$defs"})
_KNOWN = _ANNOTATIONS | {
    "$ref", "type", "enum", "const", "properties", "required", "additionalProperties", "propertyNames",
    "items", "minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum", "pattern", "oneOf",
    "anyOf", "allOf", "not", "if", "then", "else",
}  # fmt: skip

_TYPE_TESTS = {
    "object": "{v}.__class__ is dict",
    "array": "{v}.__class__ is list",
    "string": "{v}.__class__ is str",
    "boolean": "{v}.__class__ is bool",
    "null": "{v} is None",
    "integer": "({v}.__class__ is int or ({v}.__class__ is float and {v}.is_integer()))",
    "number": "{v}.__class__ in (int, float)",
}


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.lines: list[str] = []
        self.consts: list[str] = []
        self.helpers: list[str] = []
        self.const_names: dict[str, str] = {}
        self.counter = 0
        self.expanding: list[str] = []

    # -- names ---------------------------------------------------------------------------------------
    def name(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def const(self, value: Any) -> str:
        """A module-level constant (sets written sorted, so the generated source is reproducible)."""
        return self._constant(f"frozenset({sorted(value)!r})" if isinstance(value, frozenset) else repr(value), "_C")

    def regex(self, pattern: str) -> str:
        return self._constant(f"_re.compile({pattern!r})", "_R")

    def _constant(self, text: str, prefix: str) -> str:
        if text not in self.const_names:
            self.const_names[text] = self.name(prefix)
            self.consts.append(f"{self.const_names[text]} = {text}")
        return self.const_names[text]

    def capture(self, emit: Callable[[], None]) -> list[str]:
        """The lines ``emit`` writes, taken aside instead of added to the function being written."""
        outer, self.lines = self.lines, []
        emit()
        captured, self.lines = self.lines, outer
        return captured

    def block(self, header: str, depth: int, body: Callable[[], None]) -> None:
        """``header`` followed by what ``body`` emits at ``depth + 1``; nothing at all when that is empty."""
        lines = self.capture(body)
        if lines:
            self.lines += ["    " * depth + header, *lines]

    # -- schema walking -----------------------------------------------------------------------------
    def resolve(self, ref: str) -> dict[str, Any]:
        if not ref.startswith("#/"):
            raise ValueError(f"only local $ref is supported, not {ref!r}")
        node: Any = self.root
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def helper(self, schema: Any) -> str:
        """A module-level function ``name(v) -> bool`` for a sub-schema needed as a value."""
        name = self.name("_s")
        body = self.capture(lambda: self.emit(schema, "v", 1))
        self.helpers.append("\n".join([f"def {name}(v):", *body, "    return True"]))
        return name

    def emit(self, schema: Any, v: str, depth: int) -> None:
        """Lines that ``return False`` unless the value named ``v`` satisfies ``schema``."""
        pad = "    " * depth
        out = self.lines.append
        if schema is True or schema == {}:
            return
        if schema is False:
            out(f"{pad}return False")
            return
        if not isinstance(schema, dict):
            raise ValueError(f"a schema must be an object or a boolean, not {schema!r}")
        unknown = set(schema) - _KNOWN
        if unknown:
            raise ValueError(f"the schema compiler does not know the keyword(s) {sorted(unknown)}")
        if "$ref" in schema:  # draft-07: $ref's siblings are ignored
            ref = schema["$ref"]
            if ref in self.expanding:
                raise ValueError(f"recursive $ref {ref!r} cannot be inlined")
            self.expanding.append(ref)
            self.emit(self.resolve(ref), v, depth)
            self.expanding.pop()
            return
        known = None  # the one JSON type ``v`` is known to have, once checked
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            unknown_types = set(types) - set(_TYPE_TESTS)
            if unknown_types:
                raise ValueError(f"unknown JSON type(s) {sorted(unknown_types)}")
            out(f"{pad}if not ({' or '.join(_TYPE_TESTS[t].format(v=v) for t in types)}): return False")
            if len(types) == 1:
                known = types[0]
        for allowed in ([schema["const"]] if "const" in schema else None, schema.get("enum")):
            if allowed is None:
                continue
            if all(isinstance(a, str) for a in allowed):  # the common case, in one set lookup
                out(f"{pad}if not ({v}.__class__ is str and {v} in {self.const(frozenset(allowed))}): return False")
            else:
                out(f"{pad}if not _in({v}, {self.const(list(allowed))}): return False")
        for sub in schema.get("allOf", ()):
            self.emit(sub, v, depth)
        if "anyOf" in schema:
            names = [self.helper(s) for s in schema["anyOf"]]
            out(f"{pad}if not ({' or '.join(f'{n}({v})' for n in names)}): return False")
        if "oneOf" in schema:
            names = [self.helper(s) for s in schema["oneOf"]]
            out(f"{pad}if ({' + '.join(f'{n}({v})' for n in names)}) != 1: return False")
        if "not" in schema:
            out(f"{pad}if {self.helper(schema['not'])}({v}): return False")
        if "if" in schema and ("then" in schema or "else" in schema):
            cond = self.helper(schema["if"])
            then = self.capture(lambda: self.emit(schema.get("then", True), v, depth + 1))
            other = self.capture(lambda: self.emit(schema.get("else", True), v, depth + 1))
            if then:
                self.lines += [f"{pad}if {cond}({v}):", *then]
                if other:
                    self.lines += [f"{pad}else:", *other]
            elif other:  # nothing to check when it holds: test only the other branch
                self.lines += [f"{pad}if not {cond}({v}):", *other]
        self.emit_string(schema, v, depth, known)
        self.emit_number(schema, v, depth, known)
        self.emit_array(schema, v, depth, known)
        self.emit_object(schema, v, depth, known)

    def guarded(self, checks: list[str], depth: int, guard: str | None) -> None:
        if checks:
            condition = " or ".join(checks)
            if guard:
                condition = f"{guard} and ({condition})"
            self.lines.append(f"{'    ' * depth}if {condition}: return False")

    def emit_string(self, schema: dict[str, Any], v: str, depth: int, known: str | None) -> None:
        checks = []
        if "minLength" in schema:
            checks.append(f"len({v}) < {int(schema['minLength'])}")
        if "maxLength" in schema:
            checks.append(f"len({v}) > {int(schema['maxLength'])}")
        if "pattern" in schema:
            checks.append(f"{self.regex(schema['pattern'])}.search({v}) is None")
        self.guarded(checks, depth, None if known == "string" else f"{v}.__class__ is str")

    def emit_number(self, schema: dict[str, Any], v: str, depth: int, known: str | None) -> None:
        checks = []
        if "minimum" in schema:
            checks.append(f"{v} < {schema['minimum']!r}")
        if "maximum" in schema:
            checks.append(f"{v} > {schema['maximum']!r}")
        guard = None if known in ("number", "integer") else f"{v}.__class__ in (int, float)"
        self.guarded(checks, depth, guard)

    def emit_array(self, schema: dict[str, Any], v: str, depth: int, known: str | None) -> None:
        items = schema.get("items", True)
        if isinstance(items, list):
            raise ValueError("tuple-form 'items' is not supported")
        checks = []
        if "minItems" in schema:
            checks.append(f"len({v}) < {int(schema['minItems'])}")
        if "maxItems" in schema:
            checks.append(f"len({v}) > {int(schema['maxItems'])}")

        def body(level: int) -> None:
            self.guarded(checks, level, None)
            item = self.name("i")
            self.block(f"for {item} in {v}:", level, lambda: self.emit(items, item, level + 1))

        if known == "array":
            body(depth)
        else:
            self.block(f"if {v}.__class__ is list:", depth, lambda: body(depth + 1))

    def emit_object(self, schema: dict[str, Any], v: str, depth: int, known: str | None) -> None:
        props: dict[str, Any] = schema.get("properties", {})
        required = schema.get("required", [])
        extra = schema.get("additionalProperties", True)
        names = schema.get("propertyNames", True)

        def body(level: int) -> None:
            pad = "    " * level
            out = self.lines.append
            if required:
                out(f"{pad}if not {v}.keys() >= {self.const(frozenset(required))}: return False")
            if extra is False:
                out(f"{pad}if not {v}.keys() <= {self.const(frozenset(props))}: return False")
            elif not (extra is True or extra == {}):
                value = self.name("x")
                if props:
                    key = self.name("k")
                    known_names = self.const(frozenset(props))
                    header = f"for {key}, {value} in {v}.items():"

                    def extra_body() -> None:
                        self.lines.append(f"{pad}    if {key} in {known_names}: continue")
                        self.emit(extra, value, level + 1)

                    self.block(header, level, extra_body)
                else:
                    self.block(f"for {value} in {v}.values():", level, lambda: self.emit(extra, value, level + 1))
            if not (names is True or names == {}):
                key = self.name("k")
                self.block(f"for {key} in {v}:", level, lambda: self.emit(names, key, level + 1))
            for prop, sub in props.items():
                if sub is True or sub == {}:
                    continue
                value = self.name("p")
                if prop in required:
                    out(f"{pad}{value} = {v}[{prop!r}]")
                    self.emit(sub, value, level)
                else:
                    self.block(
                        f"if {prop!r} in {v}:",
                        level,
                        lambda: (self.lines.append(f"{pad}    {value} = {v}[{prop!r}]"), self.emit(sub, value, level + 1)),  # noqa: B023
                    )

        if known == "object":
            body(depth)
        else:
            self.block(f"if {v}.__class__ is dict:", depth, lambda: body(depth + 1))


_PRELUDE = '''import re as _re


def _in(value, allowed):
    """JSON equality, as jsonschema's enum and const use it: 1 and true are different values."""
    for candidate in allowed:
        if value.__class__ is candidate.__class__ and value == candidate:
            return True
        if (
            value.__class__ in (int, float)
            and candidate.__class__ in (int, float)
            and value == candidate
        ):
            return True
    return False
'''


def compile_to_source(schema: dict[str, Any]) -> str:
    """Python source defining ``validate(data) -> bool`` for ``schema``."""
    compiler = _Compiler(schema)
    compiler.emit(schema, "data", 1)
    body = "\n".join(["def validate(data):", *compiler.lines, "    return True"])
    parts = [_PRELUDE, "\n".join(compiler.consts), *compiler.helpers, body]
    return "\n\n\n".join(p for p in parts if p) + "\n"


def compile_schema(schema: dict[str, Any]) -> Callable[[Any], bool]:
    """The check for ``schema`` as a function (compiled now: for schemas without a pre-generated module)."""
    namespace: dict[str, Any] = {}
    exec(compile(compile_to_source(schema), "<schema check>", "exec"), namespace)  # noqa: S102 - our own code
    return namespace["validate"]
