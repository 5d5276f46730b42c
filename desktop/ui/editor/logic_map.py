"""The logic map: one scenario's tree drawn as boxes and arrows, top-down by depth.

Questions are plain boxes with the prompt; outcomes are filled with their verdict's colour *and* carry
the verdict word, so nothing relies on colour alone; a jump into a shared sub-flow is a dashed box
"→ PAPER"; an answer that leads to a node that does not exist gets a dashed red "missing" box. Nodes
the validator complains about get a thick red border and a "!" badge. Rows come from
desktop.domain.flow_graph; this module only measures boxes and places them.

The map is drawn in the theme's colours (LogicMapView.mapColours, set by editor-THEME.qss): the day theme's
are DAY_MAP_COLOURS, its verdict colours those of the officer app's day theme (resources/styles/day.qss)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Property, QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import flow_graph as fg
from desktop.domain.model import VERDICT_LABELS
from desktop.ui.editor.fields import small_button
from desktop.ui.widgets import FittedLabel, cut_words, named, plain_tip, set_plain_tip

BOX_W = 230
SMALL_W = 170
PAD = 10
H_GAP = 36
V_GAP = 120
WAYPOINT_W = 24
MAX_BODY = 170
LABEL_W = 150

#: The map's colours in the day theme. The theme's style sheet gives its own (editor-THEME.qss:
#: ``qproperty-mapColours: "canvas:#1e1c19 ink:#eadcc0 …"``, any of these names), so a night map is not a white
#: page beside the night theme's dark panels.
DAY_MAP_COLOURS = {
    "canvas": "#fbfaf7", "ink": "#1b1b1b", "muted": "#555049", "arrow": "#4a4f57",
    "question": "#ffffff", "question-edge": "#1a56b8",
    "not_permitted": "#b3261e", "permitted": "#1e6b34", "required": "#0b4f9c", "refer": "#f2b705",
    "no-verdict": "#5a5a5a", "outcome-ink": "#ffffff", "refer-ink": "#1b1b1b", "outcome-edge": "#00000040",
    "flow": "#efe6fb", "flow-edge": "#6b3fa0", "missing": "#fde6e3", "missing-edge": "#b3261e",
    "label": "#ffffffee", "label-edge": "#c9c4ba", "problem": "#d00000", "badge-ink": "#ffffff",
    "selected": "#d97706",
}
VERDICT_FILL = {v: DAY_MAP_COLOURS[v] for v in ("not_permitted", "permitted", "required", "refer")}
ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 0.15, 3.0, 1.2
READABLE_ZOOM = 0.8
#: the editor's type size (px) at the normal text step: the map is drawn at life size (100 %) for it, and larger
#: by as much as the editor's type is larger (at the largest text its 12-px words were 10 px beside 22-px forms)
MAP_TEXT_PX = 14
PLACEHOLDER_WIDTH = 220  # the words shown where no scenario is selected wrap at this width (px, life size)


def _point_at_y(path: QPainterPath, y: float) -> QPointF:
    """The point of a top-down arrow closest to height ``y``."""
    best = path.pointAtPercent(0.5)
    for n in range(61):
        p = path.pointAtPercent(n / 60)
        if abs(p.y() - y) < abs(best.y() - y):
            best = p
    return best


def _font(pixels: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def _short(text: Any, limit: int = MAX_BODY) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class NodeBox(QGraphicsPathItem):
    """A box on the map. ``index`` is the node's position in the scenario (-1 for sub-flow/missing boxes)."""

    def __init__(self, node: fg.MapNode, header: str, body: str, fill: str, edge: str, ink: str,
                 dashed: bool = False, problems: list[str] | None = None, width: int = BOX_W,
                 colours: dict[str, str] | None = None) -> None:
        super().__init__()
        self.colours = colours or DAY_MAP_COLOURS
        self.ident = node.ident
        self.kind = node.kind
        self.ref = node.ref
        self.index = node.index
        self.problems = list(problems or [])
        self.header_text = header
        self.body_text = body
        self.selected_mark: QGraphicsPathItem | None = None
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self.header = QGraphicsTextItem(self)
        self.header.setFont(_font(12, bold=True))
        self.header.setDefaultTextColor(QColor(ink))
        self.header.setPlainText(header)
        self.header.setTextWidth(width - 2 * PAD - (18 if self.problems else 0))
        self.header.setPos(PAD - 4, PAD - 6)
        self.body = QGraphicsTextItem(self)
        self.body.setFont(_font(13))
        self.body.setDefaultTextColor(QColor(ink))
        self.body.setPlainText(body)
        self.body.setTextWidth(width - 2 * PAD)
        top = self.header.pos().y() + self.header.boundingRect().height() - 4
        self.body.setPos(PAD - 4, top)
        height = top + (self.body.boundingRect().height() if body else 0) + PAD + 2
        self.width, self.height = float(width), float(max(height, 44))
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, self.width, self.height), 9, 9)
        self.setPath(path)
        self.setBrush(QBrush(QColor(fill)))
        pen = QPen(QColor(edge), 2)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        tip = f"{header}\n{body}" if body else header
        if self.problems:
            tip += "\n\nProblems:\n" + "\n".join(f"• {m}" for m in self.problems)
            self._add_problem_ring()
            self._add_badge()
        self.setToolTip(plain_tip(tip))

    def _add_problem_ring(self) -> None:
        """A dashed red ring just outside the box, with a gap, so it shows on a red outcome too."""
        ring = QPainterPath()
        ring.addRoundedRect(QRectF(-7, -7, self.width + 14, self.height + 14), 14, 14)
        item = QGraphicsPathItem(ring, self)
        pen = QPen(QColor(self.colours["problem"]), 4)
        pen.setDashPattern([3, 1.5])
        item.setPen(pen)
        item.setZValue(-1)
        self.problem_ring = item

    def _add_badge(self) -> None:
        badge = QGraphicsEllipseItem(0, 0, 22, 22, self)
        badge.setBrush(QBrush(QColor(self.colours["problem"])))
        badge.setPen(QPen(QColor(self.colours["badge-ink"]), 2))
        badge.setPos(self.width - 14, -16)
        mark = QGraphicsSimpleTextItem("!", badge)
        mark.setFont(_font(15, bold=True))
        mark.setBrush(QBrush(QColor(self.colours["badge-ink"])))
        r = mark.boundingRect()
        mark.setPos(11 - r.width() / 2, 11 - r.height() / 2)
        self.badge = badge

    @property
    def has_problem(self) -> bool:
        return bool(self.problems)

    def set_selected_mark(self, on: bool) -> None:
        if on and self.selected_mark is None:
            ring = QPainterPath()
            ring.addRoundedRect(QRectF(-12, -12, self.width + 24, self.height + 24), 16, 16)
            self.selected_mark = QGraphicsPathItem(ring, self)
            self.selected_mark.setPen(QPen(QColor(self.colours["selected"]), 4))
            self.selected_mark.setZValue(-1)
        elif not on and self.selected_mark is not None:
            self.selected_mark.setParentItem(None)
            if self.scene() is not None:
                self.scene().removeItem(self.selected_mark)
            self.selected_mark = None


@dataclass
class EdgeItem:
    """An answer's arrow and its label (the answer's text)."""

    source: str
    target: str
    key: str
    label: str
    path: QGraphicsPathItem
    head: QGraphicsPolygonItem
    text: QGraphicsTextItem | None


def box_for(node: fg.MapNode, scenario: dict[str, Any], titles: dict[str, str],
            problems: dict[str, list[str]], colours: dict[str, str] | None = None) -> NodeBox:
    c = colours or DAY_MAP_COLOURS
    if node.kind == fg.SUBFLOW:
        at = f" at {node.entry}" if node.entry else ""
        return NodeBox(node, f"→ {node.ref}{at}", _short(titles.get(node.ref, "(no such scenario)"), 80),
                       c["flow"], c["flow-edge"], c["ink"], dashed=True, width=SMALL_W, colours=c,
                       problems=None if node.ref in titles else [f"there is no scenario {node.ref!r}"])
    if node.kind == fg.MISSING:
        return NodeBox(node, "✖ missing node", node.ref, c["missing"], c["missing-edge"], c["ink"], dashed=True,
                       width=SMALL_W, problems=[f"no node {node.ref!r} in this scenario"], colours=c)
    doc = scenario["nodes"][node.index]
    start = " · START" if node.ref == scenario.get("start") else ""
    node_problems = problems.get(node.ref, [])
    if node.kind == fg.QUESTION:
        return NodeBox(node, f"{node.ref} · QUESTION{start}", _short(doc.get("prompt")), c["question"],
                       c["question-edge"], c["ink"], problems=node_problems, colours=c)
    verdict = str(doc.get("verdict", ""))
    word = VERDICT_LABELS.get(verdict, verdict.upper() or "NO VERDICT")
    fill = c[verdict] if verdict in VERDICT_FILL else c["no-verdict"]
    return NodeBox(node, f"{node.ref} · {word}{start}", _short(doc.get("headline")), fill, c["outcome-edge"],
                   c["refer-ink"] if verdict == "refer" else c["outcome-ink"], problems=node_problems, colours=c)


class LogicMapView(QGraphicsView):
    """Zoomable (Ctrl+wheel, + and −, 0 to fit) map of one scenario. Clicking a box reports it."""

    node_clicked = Signal(int)  # index of the node in the scenario's node list
    subflow_clicked = Signal(str)  # scenario_id of a sub-flow box
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "logicMapView", "Logic map",
              "The selected scenario drawn as boxes and arrows. Plus and minus zoom, 0 fits the map.")
        self.setScene(QGraphicsScene(self))
        self.colours = dict(DAY_MAP_COLOURS)
        self.scene().setBackgroundBrush(QBrush(QColor(self.colours["canvas"])))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.boxes: dict[str, NodeBox] = {}
        self.edges: list[EdgeItem] = []
        self.layout_result: fg.FlowLayout | None = None
        self.scenario_key: str | None = None
        self.selected_node: str | None = None
        self._zoom = 1.0
        self.text_factor = 1.0  # the editor's type size against MAP_TEXT_PX: what life size (100 %) means
        self._rows: list[tuple[float, float]] = []  # (top, bottom) of each row of boxes

    def _map_colours(self) -> str:
        return " ".join(f"{name}:{colour}" for name, colour in self.colours.items())

    def _set_map_colours(self, text: str) -> None:
        """``"canvas:#1e1c19 ink:#eadcc0 …"``: the theme's colours over the day's; the next drawing uses them."""
        colours = dict(DAY_MAP_COLOURS)
        for pair in str(text).split():
            name, _, colour = pair.partition(":")
            if name in colours and QColor(colour).isValid():
                colours[name] = colour
        self.colours = colours

    #: the map's colours, from the theme's style sheet (editor-THEME.qss)
    mapColours = Property(str, _map_colours, _set_map_colours)  # noqa: N815

    # -- drawing -----------------------------------------------------------------------------------------

    def show_scenario(self, scenario: dict[str, Any] | None, scenario_key: str | None, titles: dict[str, str],
                      problems: dict[str, list[str]], selected: str | None = None,
                      entries: Sequence[str] = ()) -> None:
        """Draw ``scenario`` (raw document); fit it to the view when it is a different scenario. ``entries``:
        the nodes other scenarios' answers enter it at (see flow_graph.layout_scenario)."""
        new_scenario = scenario_key != self.scenario_key
        self.scenario_key = scenario_key
        scene = self.scene()
        scene.clear()
        scene.setBackgroundBrush(QBrush(QColor(self.colours["canvas"])))
        self.boxes, self.edges = {}, []
        self.layout_result = None
        if scenario is None:
            # wrapped, at life size: on one line, zoomed as the last map was, it ran past a 1024 × 600 editor's
            # map panel ("Select a scenario or one of its nodes to see it")
            note = scene.addText("Select a scenario or one of its nodes to see its logic map.", _font(14))
            note.setTextWidth(PLACEHOLDER_WIDTH)
            note.setDefaultTextColor(QColor(self.colours["muted"]))
            self.set_zoom(1.0)
            scene.setSceneRect(note.boundingRect().adjusted(-20, -20, 20, 20))
            self.setAccessibleDescription("No scenario selected.")
            return
        layout = fg.layout_scenario(scenario, entries=entries)
        self.layout_result = layout
        for node in layout.boxes():
            box = box_for(node, scenario, titles, problems, self.colours)
            scene.addItem(box)
            self.boxes[node.ident] = box
        positions = self._place(layout)
        self._draw_edges(layout, positions)
        self._draw_unreachable_band(layout)
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-30, -30, 30, 30))
        self.selected_node = None
        self.select_node(selected)
        questions = sum(1 for b in self.boxes.values() if b.kind == fg.QUESTION)
        outcomes = sum(1 for b in self.boxes.values() if b.kind == fg.OUTCOME)
        marked = sum(1 for b in self.boxes.values() if b.has_problem)
        self.setAccessibleDescription(
            f"{questions} questions, {outcomes} outcomes, {len(self.edges)} answers; "
            f"{marked} boxes marked with problems.")
        if new_scenario:
            self.fit_width()
            box = self.boxes.get(f"n:{selected}") if selected else None
            if box is not None:  # the selected box in sight, not only the map's top middle
                self.ensureVisible(box.sceneBoundingRect(), 20, 20)

    def _place(self, layout: fg.FlowLayout) -> dict[str, QRectF]:
        """x by barycentre sweeps with order kept; y row by row, each row as tall as its tallest box."""
        width = {i: (self.boxes[i].width if i in self.boxes else WAYPOINT_W) for i in layout.nodes}
        height = {i: (self.boxes[i].height if i in self.boxes else 0.0) for i in layout.nodes}
        ups: dict[str, list[str]] = {}
        downs: dict[str, list[str]] = {}
        for e in layout.edges:
            if e.loops_back:
                continue
            chain = [e.source, *e.waypoints, e.target]
            for a, b in zip(chain, chain[1:], strict=False):
                downs.setdefault(a, []).append(b)
                ups.setdefault(b, []).append(a)
        x: dict[str, float] = {}
        for row in layout.layers:
            total = sum(width[i] for i in row) + H_GAP * max(0, len(row) - 1)
            cursor = -total / 2
            for i in row:
                x[i] = cursor + width[i] / 2
                cursor += width[i] + H_GAP

        def settle(row: list[str], want: dict[str, float]) -> None:
            # keep order and spacing, stay close to the wanted centres: the mean of a pass that pushes
            # right and one that pushes left keeps every gap (both passes do)
            def sep(a: str, b: str) -> float:
                return width[a] / 2 + H_GAP + width[b] / 2

            fwd: list[float] = []
            for n, i in enumerate(row):
                fwd.append(want[i] if not n else max(want[i], fwd[-1] + sep(row[n - 1], i)))
            bwd: list[float] = [0.0] * len(row)
            for n in range(len(row) - 1, -1, -1):
                i = row[n]
                bwd[n] = want[i] if n == len(row) - 1 else min(want[i], bwd[n + 1] - sep(i, row[n + 1]))
            for n, i in enumerate(row):
                x[i] = (fwd[n] + bwd[n]) / 2

        for sweep in range(8):
            rows = layout.layers[1:] if sweep % 2 == 0 else list(reversed(layout.layers[:-1]))
            links = ups if sweep % 2 == 0 else downs
            for row in rows:
                if not row:
                    continue
                want = {}
                for i in row:
                    linked = [x[j] for j in links.get(i, ()) if j in x]
                    want[i] = sum(linked) / len(linked) if linked else x[i]
                settle(row, want)

        rects: dict[str, QRectF] = {}
        y = 0.0
        self._rows = []
        for row in layout.layers:
            tallest = max((height[i] for i in row), default=0.0)
            self._rows.append((y, y + tallest))
            for i in row:
                rects[i] = QRectF(x[i] - width[i] / 2, y, width[i], height[i] if i in self.boxes else tallest)
                if i in self.boxes:
                    self.boxes[i].setPos(rects[i].topLeft())
            y += tallest + V_GAP
        return rects

    def _draw_edges(self, layout: fg.FlowLayout, rect: dict[str, QRectF]) -> None:
        scene = self.scene()
        pen = QPen(QColor(self.colours["arrow"]), 1.6)
        # spread arrows along the bottom of their source and the top of their target, in left-right order
        outgoing: dict[str, list[fg.MapEdge]] = {}
        incoming: dict[str, list[fg.MapEdge]] = {}
        for e in layout.edges:
            if e.loops_back:
                continue
            outgoing.setdefault(e.source, []).append(e)
            incoming.setdefault(e.target, []).append(e)

        def first_hop(e: fg.MapEdge) -> float:
            return rect[(e.waypoints or (e.target,))[0]].center().x()

        def last_hop(e: fg.MapEdge) -> float:
            return rect[(e.waypoints[-1] if e.waypoints else e.source)].center().x()

        start_x: dict[int, float] = {}
        end_x: dict[int, float] = {}
        for source, edges in outgoing.items():
            r = rect[source]
            for n, e in enumerate(sorted(edges, key=first_hop)):
                start_x[id(e)] = r.left() + r.width() * (n + 1) / (len(edges) + 1)
        for target, edges in incoming.items():
            r = rect[target]
            for n, e in enumerate(sorted(edges, key=last_hop)):
                end_x[id(e)] = r.left() + r.width() * (n + 1) / (len(edges) + 1)

        labels: list[QGraphicsTextItem] = []
        by_gap: dict[int, list[tuple[QGraphicsTextItem, QPainterPath]]] = {}
        for e in layout.edges:
            if e.loops_back:
                self._draw_loop(e, rect, labels)
                continue
            points = [QPointF(start_x[id(e)], rect[e.source].bottom())]
            for w in e.waypoints:
                points.append(QPointF(rect[w].center().x(), rect[w].top()))
                points.append(QPointF(rect[w].center().x(), rect[w].bottom()))
            points.append(QPointF(end_x[id(e)], rect[e.target].top() - 2))
            path = QPainterPath(points[0])
            for a, b in zip(points, points[1:], strict=False):
                dy = (b.y() - a.y()) / 2
                if abs(a.x() - b.x()) < 0.5 or dy <= 0:
                    path.lineTo(b)
                else:
                    path.cubicTo(QPointF(a.x(), a.y() + dy), QPointF(b.x(), b.y() - dy), b)
            item = scene.addPath(path, pen)
            item.setZValue(-2)
            head = self._arrow_head(points[-1])
            row = layout.nodes[e.source].layer
            label = self._label(e.label, _point_at_y(path, self._gap_middle(row)))
            labels.append(label)
            by_gap.setdefault(row, []).append((label, path))
            self.edges.append(EdgeItem(e.source, e.target, e.key, e.label, item, head, label))
        for row, placed in by_gap.items():
            self._stack_labels(row, placed)
        self._separate(labels)

    def _gap_middle(self, row: int) -> float:
        top, bottom = self._rows[row]
        next_top = self._rows[row + 1][0] if row + 1 < len(self._rows) else bottom + V_GAP
        return (bottom + next_top) / 2

    def _stack_labels(self, row: int, placed: list[tuple[QGraphicsTextItem, QPainterPath]]) -> None:
        """Answer labels below one row: each on its own arrow, moved up or down the gap until it is clear
        of the labels already placed (left to right)."""
        bottom = self._rows[row][1]
        next_top = self._rows[row + 1][0] if row + 1 < len(self._rows) else bottom + V_GAP
        done: list[QRectF] = []
        for label, path in sorted(placed, key=lambda lp: lp[0].pos().x()):
            h = label.boundingRect().height()
            w = label.boundingRect().width()
            lo, hi = bottom + 4 + h / 2, next_top - 12 - h / 2
            mid = (lo + hi) / 2
            candidates = [mid, lo, hi, (lo + mid) / 2, (mid + hi) / 2] if hi > lo else [mid]
            for y in candidates:
                at = _point_at_y(path, y)
                box = QRectF(at.x() - w / 2, y - h / 2, w, h)
                if not any(box.adjusted(-3, -2, 3, 2).intersects(other) for other in done):
                    break
            label.setPos(box.topLeft())
            done.append(box)

    def _draw_loop(self, e: fg.MapEdge, rect: dict[str, QRectF], labels: list[QGraphicsTextItem]) -> None:
        a, b = rect[e.source], rect[e.target]
        start = QPointF(a.right(), a.center().y())
        end = QPointF(b.right() + 2, b.center().y())
        bulge = max(a.right(), b.right()) + 70
        path = QPainterPath(start)
        path.cubicTo(QPointF(bulge, start.y()), QPointF(bulge, end.y()), end)
        pen = QPen(QColor(self.colours["arrow"]), 1.6, Qt.PenStyle.DashLine)
        item = self.scene().addPath(path, pen)
        item.setZValue(-2)
        head = self._arrow_head(end, pointing_left=True)
        label = self._label(f"{e.label} (loops back)", path.pointAtPercent(0.5))
        labels.append(label)
        self.edges.append(EdgeItem(e.source, e.target, e.key, e.label, item, head, label))

    def _arrow_head(self, tip: QPointF, pointing_left: bool = False) -> QGraphicsPolygonItem:
        if pointing_left:
            poly = QPolygonF([tip, QPointF(tip.x() + 10, tip.y() - 5), QPointF(tip.x() + 10, tip.y() + 5)])
        else:
            poly = QPolygonF([tip, QPointF(tip.x() - 5, tip.y() - 10), QPointF(tip.x() + 5, tip.y() - 10)])
        arrow = QColor(self.colours["arrow"])
        head = self.scene().addPolygon(poly, QPen(arrow, 1), QBrush(arrow))
        head.setZValue(-1)
        return head

    def _label(self, text: str, at: QPointF) -> QGraphicsTextItem:
        label = QGraphicsTextItem()
        label.setFont(_font(12))
        label.setDefaultTextColor(QColor(self.colours["ink"]))
        label.setPlainText(_short(text, 90))
        label.setToolTip(plain_tip(text))
        label.setTextWidth(-1)
        if label.boundingRect().width() > LABEL_W:
            label.setTextWidth(LABEL_W)
        r = label.boundingRect()
        back = QGraphicsRectItem(r.adjusted(1, 2, -1, -2), label)
        back.setBrush(QBrush(QColor(self.colours["label"])))
        back.setPen(QPen(QColor(self.colours["label-edge"]), 1))
        back.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        label.setPos(at.x() - r.width() / 2, at.y() - r.height() / 2)
        label.setZValue(1)
        self.scene().addItem(label)
        return label

    @staticmethod
    def _separate(labels: list[QGraphicsTextItem]) -> None:
        """Push overlapping answer labels apart sideways so each stays readable."""
        for _ in range(12):
            moved = False
            ordered = sorted(labels, key=lambda item: item.pos().x())
            for i, a in enumerate(ordered):
                ra = a.sceneBoundingRect()
                for b in ordered[i + 1:]:
                    rb = b.sceneBoundingRect()
                    if not ra.intersects(rb):
                        continue
                    overlap = ra.right() - rb.left() + 4
                    a.moveBy(-overlap / 2, 0)
                    b.moveBy(overlap / 2, 0)
                    ra = a.sceneBoundingRect()
                    moved = True
            if not moved:
                break

    def _draw_unreachable_band(self, layout: fg.FlowLayout) -> None:
        if layout.first_unreachable_layer is None:
            return
        row = layout.layers[layout.first_unreachable_layer]
        tops = [self.boxes[i].pos().y() for i in row if i in self.boxes]
        if not tops:
            return
        y = min(tops) - V_GAP / 2
        rect = self.scene().itemsBoundingRect()
        line = self.scene().addLine(rect.left(), y, rect.right(), y, QPen(QColor(self.colours["problem"]), 1.5,
                                                                          Qt.PenStyle.DashLine))
        line.setZValue(-3)
        note = self.scene().addText("Below: nodes no answer reaches (unreachable)", _font(12, bold=True))
        note.setDefaultTextColor(QColor(self.colours["problem"]))
        note.setPos(rect.left(), y - 22)

    # -- selection ---------------------------------------------------------------------------------------

    def select_node(self, node_id: str | None) -> None:
        if self.selected_node == node_id:
            return
        for box in self.boxes.values():
            box.set_selected_mark(False)
        self.selected_node = node_id
        box = self.boxes.get(f"n:{node_id}") if node_id else None
        if box is not None:
            box.set_selected_mark(True)
            self.ensureVisible(box.sceneBoundingRect(), 40, 40)

    def box(self, node_id: str) -> NodeBox | None:
        return self.boxes.get(f"n:{node_id}")

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        item = self.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, NodeBox):
            item = item.parentItem()
        if isinstance(item, NodeBox) and event.button() == Qt.MouseButton.LeftButton:
            if item.index >= 0:
                self.node_clicked.emit(item.index)
            elif item.kind == fg.SUBFLOW:
                self.subflow_clicked.emit(item.ref)
            event.accept()
            return
        super().mousePressEvent(event)

    # -- zoom ----------------------------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, factor: float) -> None:
        """Zoom to ``factor`` of life size, life size being the map's words as large as the editor's own."""
        factor = max(ZOOM_MIN, min(ZOOM_MAX, factor))
        self.resetTransform()
        self.scale(factor * self.text_factor, factor * self.text_factor)
        self._zoom = factor
        self.zoom_changed.emit(factor)

    def _follow_text_size(self) -> None:
        """Life size follows the editor's type (its style sheet's font size, in pixels), at the same zoom."""
        pixels = self.font().pixelSize()
        factor = pixels / MAP_TEXT_PX if pixels > 0 else 1.0
        if abs(factor - self.text_factor) > 1e-6:
            self.text_factor = factor
            self.set_zoom(self._zoom)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a text size's or a theme's type
            self._follow_text_size()

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / ZOOM_STEP)

    def fit(self) -> None:
        """Show the whole map, but never larger than life size."""
        rect = self.scene().sceneRect()
        view = self.viewport().rect()
        if rect.isEmpty() or view.isEmpty():
            self.set_zoom(1.0)
            return
        life = self.text_factor
        self.set_zoom(min(view.width() / (rect.width() * life), view.height() / (rect.height() * life), 1.0))
        self.centerOn(rect.center())

    def fit_width(self) -> None:
        """As wide as the view (between READABLE_ZOOM and life size), starting at the top where the
        scenario starts: how a new map is first shown, so its words can be read without zooming."""
        rect = self.scene().sceneRect()
        view = self.viewport().rect()
        if rect.isEmpty() or view.isEmpty():
            self.set_zoom(1.0)
            return
        life = self.text_factor
        self.set_zoom(max(READABLE_ZOOM, min(view.width() / (rect.width() * life), 1.0)))
        self.centerOn(rect.center().x(), rect.top() + view.height() / (2 * self._zoom * life))

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.angleDelta().y() > 0:
                self.zoom_in()
            elif event.angleDelta().y() < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif event.key() in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif event.key() == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)


#: what each look of a box means, short enough for two lines under the map at 1024 × 600 (four, in whole
#: sentences); each item keeps to one line
LEGEND = ("Plain: question", "coloured: outcome", "dashed purple: another flow", "red ring, !: problem")
LEGEND_WHOLE = ("Plain boxes (white in the day theme) are questions. Coloured boxes are outcomes, with the verdict written on them. A dashed "
                "purple box jumps to another flow (a shared step or a situation). A dashed red ring and ! mark a box "
                "with a problem.")


#: the most lines the map's key takes in a column with room for the map (logic map folded without it)
KEY_LINES = 3


class LegendLabel(QLabel):
    """The map's key: each item on one line (its spaces no-break), but one wider than the label, which then wraps
    within it: at the largest text the map's column (300 px) was narrower than "dashed purple: another flow",
    and its last word ran past the window's edge."""

    def __init__(self, items: tuple[str, ...]) -> None:
        super().__init__()
        self.items = items
        self.setWordWrap(True)
        self._fit()

    def _fit(self) -> None:
        width, metrics = self.contentsRect().width(), self.fontMetrics()
        text = " · ".join(item if metrics.horizontalAdvance(item) > width else item.replace(" ", "\N{NO-BREAK SPACE}")
                          for item in self.items)
        if text != self.text():
            self.setText(text)

    def least_width(self, lines: int) -> int:
        """The least width (margins included) at which the key takes at most ``lines`` lines, each item whole on
        its line, in the label's font."""
        metrics = self.fontMetrics()
        widths = [metrics.horizontalAdvance(item) for item in self.items]
        joint = metrics.horizontalAdvance(" · ")
        count = len(widths)

        def line(first: int, end: int) -> int:  # items first…end-1 on one line, ending " ·" but for the last
            return sum(widths[first:end]) + joint * (end - first - 1) + (joint if end < count else 0)

        def lines_at(width: int) -> int:
            taken, first = 0, 0
            while first < count:
                end = first + 1
                while end < count and line(first, end + 1) <= width:
                    end += 1
                taken, first = taken + 1, end
            return taken

        candidates = sorted({line(first, end) for first in range(count) for end in range(first + 1, count + 1)})
        width = next((w for w in candidates if lines_at(w) <= lines), candidates[-1])
        margins = self.contentsMargins()
        return width + margins.left() + margins.right() + 2 * self.margin()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a theme's or a text size's type
            self._fit()


class LogicMapPanel(QWidget):
    """The map with its title and zoom buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "logicMapPanel", "Logic map")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        bar = QHBoxLayout()
        self.title = FittedLabel(role="panelTitle", object_name="logicMapTitle")
        self.title.setIndent(-1)  # Qt's own indent, as before (WrapLabel sets none): the words stay where they were
        self.title.setMinimumWidth(120)
        self._set_title("Logic map")
        bar.addWidget(self.title, 1)
        self.zoom_label = QLabel("100 %")
        self.zoom_label.setObjectName("logicMapZoom")
        self.zoom_label.setProperty("role", "muted")
        self.zoom_out_button = small_button("−", "mapZoomOut", "Zoom out", "Zoom out (−, or Ctrl+wheel)")
        self.zoom_in_button = small_button("+", "mapZoomIn", "Zoom in", "Zoom in (+, or Ctrl+wheel)")
        self.fit_button = small_button("Fit", "mapFit", "Fit the map to the window", "Fit the whole map (0)")
        for w in (self.zoom_label, self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.addWidget(w)
        layout.addLayout(bar)
        self._bar = bar
        self.view = LogicMapView(self)
        layout.addWidget(self.view, 1)
        self.legend = LegendLabel(LEGEND)
        self.legend.setToolTip(LEGEND_WHOLE)
        self.legend.setAccessibleName("Key to the logic map")
        self.legend.setAccessibleDescription(LEGEND_WHOLE)
        self.legend.setObjectName("logicMapLegend")
        self.legend.setProperty("role", "muted")
        layout.addWidget(self.legend)
        self.zoom_in_button.clicked.connect(self.view.zoom_in)
        self.zoom_out_button.clicked.connect(self.view.zoom_out)
        self.fit_button.clicked.connect(self.view.fit)
        self.view.zoom_changed.connect(lambda f: self.zoom_label.setText(f"{round(f * 100)} %"))

    def roomy_width(self) -> int:
        """The width the map's column needs to be read: its title and zoom buttons, and its key on
        KEY_LINES lines at most (at four, an item a line, it took a third of the map's height)."""
        self.ensurePolished()  # in the style sheet's type, hidden or not
        margins = self.layout().contentsMargins()
        sides = margins.left() + margins.right()
        # the bar's widgets one by one: a hidden panel's layouts keep the sizes of the type they were last laid out in
        bar = [self._bar.itemAt(i).widget() for i in range(self._bar.count())]
        title_bar = sum(max(w.minimumWidth(), w.minimumSizeHint().width()) for w in bar if w is not None) \
            + self._bar.spacing() * (len(bar) - 1)
        return max(self.minimumWidth(), title_bar + sides, self.legend.least_width(KEY_LINES) + sides)

    def _set_title(self, text: str) -> None:
        """The title, on two lines at most at any width: a longer one is shortened at a word ("…"), or within a
        word longer than a line. Its tooltip and accessible name keep every word. Beside the zoom buttons at
        1024 × 600, "Logic map · S06 — Agents show a judge-signed criminal warrant…" took five lines of the map's
        height."""
        self.title.set_texts([text, *cut_words(text)], max_lines=2)
        set_plain_tip(self.title, text)
        self.title.setAccessibleName(text)

    def show_scenario(self, scenario: dict[str, Any] | None, scenario_key: str | None, titles: dict[str, str],
                      problems: dict[str, list[str]], selected: str | None = None,
                      entries: Sequence[str] = ()) -> None:
        if scenario is None:
            self._set_title("Logic map")
        else:
            self._set_title(f"Logic map · {scenario.get('scenario_id', '')} — {scenario.get('title', '')}")
        self.view.show_scenario(scenario, scenario_key, titles, problems, selected, entries)


#: the folded map's button: its words, and what it says to a screen reader and in its tooltip
FOLDED_MAP_TEXT = "Show the logic map"
FOLDED_MAP_NOTE = ("No room for the logic map beside the contents and the form at this text size. It comes back "
                   "in a wider window or at a smaller text; or click to show it now.")
#: what it says when the map is folded for want of a scenario to show (the form has its room meanwhile)
FOLDED_IDLE_NOTE = ("The logic map shows the scenario selected. It comes back when you select a scenario or one of "
                    "its steps; or click to show it now.")


class FoldedMapButton(QPushButton):
    """The logic map folded to the window's right edge: a button as tall as its words, written down the edge
    (read top to bottom, as a side panel's tab), that shows the map."""

    #: room around the words: across the button (each side) and along it (each end), in pixels
    ACROSS, ALONG = 10, 14

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "foldedMapButton", FOLDED_MAP_TEXT, FOLDED_MAP_NOTE)
        self.words = FOLDED_MAP_TEXT
        self.setToolTip(FOLDED_MAP_NOTE)

    def set_reason(self, room: bool) -> None:
        """Say why the map is folded: no scenario to show (``room``), or no room for it at this text size."""
        note = FOLDED_IDLE_NOTE if room else FOLDED_MAP_NOTE
        if note != self.toolTip():
            self.setToolTip(note)
            self.setAccessibleDescription(note)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        self.ensurePolished()
        metrics = self.fontMetrics()
        return QSize(max(44, metrics.height() + 2 * self.ACROSS),  # a finger wide
                     metrics.horizontalAdvance(self.words) + 2 * self.ALONG)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return self.sizeHint()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)  # the theme's frame, hover and focus, without words
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)
        painter.translate(self.width(), 0)
        painter.rotate(90)  # the words down the edge, their tops toward it
        painter.drawItemText(QRect(0, 0, self.height(), self.width()), Qt.AlignmentFlag.AlignCenter, option.palette,
                             self.isEnabled(), self.words, QPalette.ColorRole.ButtonText)


#: the folded contents' button (the map has their place): its words, and what it says to a screen reader and in its tooltip
FOLDED_CONTENTS_TEXT = "Show the contents"
FOLDED_CONTENTS_NOTE = ("The logic map has the contents' place: there is no room for the contents, the form and the map "
                        "side by side at this text size. Click to show the contents again (the map folds to the right "
                        "edge).")


class FoldedContentsButton(FoldedMapButton):
    """The contents folded to the window's left edge while the map has their place: a button that shows them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "foldedContentsButton", FOLDED_CONTENTS_TEXT, FOLDED_CONTENTS_NOTE)
        self.words = FOLDED_CONTENTS_TEXT
        self.setToolTip(FOLDED_CONTENTS_NOTE)
