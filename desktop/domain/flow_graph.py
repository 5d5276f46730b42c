"""A scenario's tree as layers for the editor's logic map: which box sits in which row and in what order.

Works on the raw scenario document (as stored), so a draft with broken links can still be drawn: an
answer that leads nowhere gets a "missing" box, a jump to a sub-flow gets a "sub-flow" box, and nodes no
answer reaches sit in rows below the rest. Rows follow the longest path from the start (so every arrow
points down, except ones that loop back); long arrows pass through invisible waypoints so the ordering
can keep them clear of other boxes; the order inside a row is improved by barycentre sweeps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

QUESTION, OUTCOME, SUBFLOW, MISSING, WAYPOINT = "question", "outcome", "subflow", "missing", "waypoint"


@dataclass
class MapNode:
    ident: str  # unique in the map: "n:Q1", "s:PAPER", "s:PAPER@q_court_check", "x:Q9", "w:3"
    kind: str  # QUESTION, OUTCOME, SUBFLOW, MISSING or WAYPOINT
    ref: str  # node_id, sub-flow scenario_id or the missing id ("" for waypoints)
    layer: int = 0
    order: int = 0
    reachable: bool = True
    index: int = -1  # position of a real node in the scenario's node list
    entry: str = ""  # of a sub-flow box: the node an answer enters it at (enter_at), "" for its start


@dataclass(frozen=True)
class MapEdge:
    source: str  # ident of the question
    key: str  # the answer's key
    label: str
    target: str  # ident of the box the answer leads to
    waypoints: tuple[str, ...] = ()
    loops_back: bool = False
    choice_index: int = -1


@dataclass
class FlowLayout:
    nodes: dict[str, MapNode] = field(default_factory=dict)
    layers: list[list[str]] = field(default_factory=list)
    edges: list[MapEdge] = field(default_factory=list)
    first_unreachable_layer: int | None = None

    def boxes(self) -> list[MapNode]:
        """Every visible box (waypoints left out)."""
        return [n for n in self.nodes.values() if n.kind != WAYPOINT]


def _node_ident(node_id: str) -> str:
    return f"n:{node_id}"


def layout_scenario(scenario: dict[str, Any], sweeps: int = 6, entries: Sequence[str] = ()) -> FlowLayout:
    """Rows and order of the boxes of one scenario's logic map. ``entries``: for a sub-flow, the nodes answers
    of other scenarios enter it at (enter_at): reached, as the validator counts them, though not from its start."""
    out = FlowLayout()
    raw_nodes = scenario.get("nodes") if isinstance(scenario.get("nodes"), list) else []
    real: list[tuple[int, dict[str, Any]]] = [
        (i, n) for i, n in enumerate(raw_nodes) if isinstance(n, dict) and isinstance(n.get("node_id"), str)
    ]
    for i, n in real:
        ident = _node_ident(n["node_id"])
        if ident in out.nodes:  # a duplicate id: draw the first; the validator names the rest
            continue
        kind = QUESTION if n.get("type") == "question" else OUTCOME
        out.nodes[ident] = MapNode(ident, kind, n["node_id"], index=i)

    raw_edges: list[tuple[str, str, str, str, int]] = []  # (source, key, label, target ident, choice index)
    for i, n in real:
        src = _node_ident(n["node_id"])
        if out.nodes[src].index != i:
            continue
        choices = n.get("choices") if n.get("type") == "question" and isinstance(n.get("choices"), list) else []
        for ci, c in enumerate(choices):
            if not isinstance(c, dict):
                continue
            key, label = str(c.get("key", "")), str(c.get("label", ""))
            if isinstance(c.get("next_scenario"), str):
                entry = c["enter_at"] if isinstance(c.get("enter_at"), str) else ""
                target = f"s:{c['next_scenario']}" + (f"@{entry}" if entry else "")
                out.nodes.setdefault(target, MapNode(target, SUBFLOW, c["next_scenario"], entry=entry))
            elif isinstance(c.get("next"), str) and _node_ident(c["next"]) in out.nodes:
                target = _node_ident(c["next"])
            else:
                missing = str(c.get("next", "")) or "?"
                target = f"x:{n['node_id']}:{key}"
                out.nodes[target] = MapNode(target, MISSING, missing)
            raw_edges.append((src, key, label, target, ci))

    succ: dict[str, list[str]] = {ident: [] for ident in out.nodes}
    for src, _, _, target, _ in raw_edges:
        succ[src].append(target)

    start = scenario.get("start")
    start_ident = _node_ident(start) if isinstance(start, str) else ""
    roots = [i for i in dict.fromkeys([start_ident, *(_node_ident(e) for e in entries)]) if i in out.nodes]
    reachable = set().union(*(_reach(root, succ) for root in roots))
    back = _back_edges(roots, succ)
    order_real = [ident for ident in out.nodes if out.nodes[ident].kind in (QUESTION, OUTCOME)]
    back |= _back_edges([i for i in order_real if i not in reachable], succ, skip=reachable)

    layer = _longest_path_layers(out.nodes, succ, back, start_ident, reachable)
    unreachable_real = [i for i in order_real if i not in reachable]
    for ident, node in out.nodes.items():
        node.reachable = ident in reachable or (node.kind in (SUBFLOW, MISSING) and any(
            t == ident and s in reachable for s, _, _, t, _ in raw_edges))
        node.layer = layer.get(ident, 0)
    if unreachable_real:
        out.first_unreachable_layer = min(out.nodes[i].layer for i in unreachable_real)

    # waypoints for arrows that skip rows
    waypoint_count = 0
    for src, key, label, target, ci in raw_edges:
        a, b = out.nodes[src].layer, out.nodes[target].layer
        is_back = (src, target) in back or b <= a
        chain: list[str] = []
        if not is_back:
            for lay in range(a + 1, b):
                waypoint_count += 1
                w = MapNode(f"w:{waypoint_count}", WAYPOINT, "", layer=lay)
                out.nodes[w.ident] = w
                chain.append(w.ident)
        out.edges.append(MapEdge(src, key, label, target, tuple(chain), is_back, ci))

    depth = max((n.layer for n in out.nodes.values()), default=-1) + 1
    out.layers = [[] for _ in range(depth)]
    for ident in _initial_order(out, start_ident):
        out.layers[out.nodes[ident].layer].append(ident)
    _reduce_crossings(out, sweeps)
    for row in out.layers:
        for pos, ident in enumerate(row):
            out.nodes[ident].order = pos
    return out


def _reach(start: str, succ: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    stack = [start]
    while stack:
        cur = stack.pop()
        if cur in seen:
            continue
        seen.add(cur)
        stack.extend(succ.get(cur, ()))
    return seen


def _back_edges(roots: list[str], succ: dict[str, list[str]], skip: set[str] | None = None) -> set[tuple[str, str]]:
    """Edges that close a loop, found by depth-first search from ``roots`` (iterative)."""
    skip = skip or set()
    state: dict[str, int] = {}
    back: set[tuple[str, str]] = set()
    for root in roots:
        if root in state or root in skip:
            continue
        state[root] = 1
        stack: list[tuple[str, list[str]]] = [(root, list(succ.get(root, ())))]
        while stack:
            cur, todo = stack[-1]
            if todo:
                nxt = todo.pop(0)
                if nxt in skip:
                    continue
                s = state.get(nxt, 0)
                if s == 0:
                    state[nxt] = 1
                    stack.append((nxt, list(succ.get(nxt, ()))))
                elif s == 1:
                    back.add((cur, nxt))
            else:
                state[cur] = 2
                stack.pop()
    return back


def _longest_path_layers(nodes: dict[str, MapNode], succ: dict[str, list[str]], back: set[tuple[str, str]],
                         start: str, reachable: set[str]) -> dict[str, int]:
    forward = {s: [t for t in ts if (s, t) not in back] for s, ts in succ.items()}
    layer: dict[str, int] = {}

    def run(group: set[str], base: int) -> None:
        local_in = {i: sum(1 for s in group for t in forward[s] if t == i) for i in group}
        queue = [i for i in nodes if i in group and local_in[i] == 0]
        for i in queue:
            layer.setdefault(i, base)
        while queue:
            cur = queue.pop(0)
            for t in forward[cur]:
                if t not in group:
                    continue
                layer[t] = max(layer.get(t, base), layer[cur] + 1)
                local_in[t] -= 1
                if local_in[t] == 0:
                    queue.append(t)
        for i in group:  # anything left (should not happen once back edges are removed)
            layer.setdefault(i, base)

    reach_group = set(reachable)
    if reach_group:
        run(reach_group, 0)
    base = max(layer.values(), default=-1) + 1
    rest = {i for i in nodes if i not in reach_group}
    if rest:
        run(rest, base)
    return layer


def _initial_order(out: FlowLayout, start: str) -> list[str]:
    """Breadth-first from the start, following answers in their order, so the first picture reads like
    the questions do; then everything else in document order."""
    order: list[str] = []
    seen: set[str] = set()
    by_source: dict[str, list[MapEdge]] = {}
    for e in out.edges:
        by_source.setdefault(e.source, []).append(e)
    queue = [start] if start in out.nodes else []
    while queue:
        cur = queue.pop(0)
        if cur in seen:
            continue
        seen.add(cur)
        order.append(cur)
        for e in by_source.get(cur, ()):
            for step in (*e.waypoints, e.target):
                if step not in seen and step not in queue:
                    queue.append(step)
    rest = sorted((n for n in out.nodes.values() if n.ident not in seen),
                  key=lambda n: (n.index if n.index >= 0 else 10**6, n.ident))
    order.extend(n.ident for n in rest)
    return order


def _segments(out: FlowLayout) -> list[tuple[str, str]]:
    segs: list[tuple[str, str]] = []
    for e in out.edges:
        if e.loops_back:
            continue
        chain = [e.source, *e.waypoints, e.target]
        segs.extend(zip(chain, chain[1:], strict=False))
    return segs


def _reduce_crossings(out: FlowLayout, sweeps: int) -> None:
    segs = _segments(out)
    ups: dict[str, list[str]] = {}
    downs: dict[str, list[str]] = {}
    for a, b in segs:
        downs.setdefault(a, []).append(b)
        ups.setdefault(b, []).append(a)
    best = [list(r) for r in out.layers]
    best_cross = crossings(out.layers, segs)
    for sweep in range(sweeps):
        rows = range(1, len(out.layers)) if sweep % 2 == 0 else range(len(out.layers) - 2, -1, -1)
        neighbours = ups if sweep % 2 == 0 else downs
        for r in rows:
            ref_row = out.layers[r - 1] if sweep % 2 == 0 else out.layers[r + 1]
            pos = {ident: i for i, ident in enumerate(ref_row)}
            current = out.layers[r]

            def key(ident: str, current: list[str] = current, pos: dict[str, int] = pos,
                    neighbours: dict[str, list[str]] = neighbours) -> tuple[float, int]:
                linked = [pos[n] for n in neighbours.get(ident, ()) if n in pos]
                return (sum(linked) / len(linked) if linked else float(current.index(ident)), current.index(ident))

            out.layers[r] = sorted(current, key=key)
        c = crossings(out.layers, segs)
        if c < best_cross:
            best, best_cross = [list(r) for r in out.layers], c
    out.layers = best


def crossings(layers: list[list[str]], segs: list[tuple[str, str]]) -> int:
    """How many pairs of arrow segments between neighbouring rows cross."""
    where: dict[str, tuple[int, int]] = {}
    for r, row in enumerate(layers):
        for i, ident in enumerate(row):
            where[ident] = (r, i)
    by_row: dict[int, list[tuple[int, int]]] = {}
    for a, b in segs:
        (ra, ia), (rb, ib) = where[a], where[b]
        if rb == ra + 1:
            by_row.setdefault(ra, []).append((ia, ib))
    total = 0
    for pairs in by_row.values():
        for i, (a1, b1) in enumerate(pairs):
            for a2, b2 in pairs[i + 1:]:
                if (a1 - a2) * (b1 - b2) < 0:
                    total += 1
    return total
