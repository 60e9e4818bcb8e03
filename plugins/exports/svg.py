"""The referral graph as inline SVG, for the ``html`` export: a layered forest, no library.

Each referral chain is a tree drawn left to right (the referrer on the left, one column per step
of referral distance), on its own light panel; people who referred nobody and were referred by
nobody are left out. Trees are packed into at most :data:`MAX_LANES` columns so a big vault
stays about as wide as the page (only a chain deeper than that makes it wider, and the page
lets it scroll); a referral cycle (A referred B who referred A) is drawn as a
tree plus a dashed arrow back. Every text is escaped; long names are cut with an ellipsis and
shown whole in a ``<title>`` tooltip. The ``<svg>`` element and its arrowhead are the package
data file ``referrals.svg`` (:mod:`infoview.plugins.exports.assets`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html import escape

from infoview.plugins.exports.assets import template
from infoview.plugins.exports.records import printable
from infoview.plugins.referrals.graph import Person, roots

NODE_W = 164
NODE_H = 26
GAP_X = 42
LEVEL_W = NODE_W + GAP_X
ROW_H = 34
PANEL_PAD = 10
PANEL_RADIUS = 8
TREE_GAP = 14
BACK_ROOM = 16
"""Extra room under a tree whose chain loops back (for the dashed arrow)."""
MAX_LANES = 5
TARGET_HEIGHT = 640
"""Trees are packed into more columns (up to :data:`MAX_LANES`) until the drawing is this low."""
MAX_PEOPLE = 500
"""The biggest chains are drawn until this many people; the rest are only listed."""
FONT_PX = 12.5
LABEL_ROOM = NODE_W - 22


def esc(value: object) -> str:
    """Text made safe for HTML and SVG text and attribute values: control characters (NUL,
    ESC...) dropped, as HTML does not allow them, and markup characters escaped."""
    return escape(printable(str(value)), quote=True)


@dataclass(slots=True)
class Tree:
    """One referral chain: its people placed on (level, row), and where it sits on the page."""

    root: str
    order: list[tuple[str, int]]
    """``(path, level)`` in depth-first order."""
    kids: dict[str, list[str]]
    row: dict[str, float]
    level: dict[str, int]
    rows: int
    depth: int
    loops: bool = False
    lane: int = 0
    top: float = 0.0

    @property
    def size(self) -> int:
        return len(self.order)

    @property
    def height(self) -> float:
        return max(bottom for _top, bottom in self.profile())

    @property
    def width(self) -> float:
        return 2 * PANEL_PAD + self.depth * LEVEL_W + NODE_W

    def profile(self) -> list[tuple[float, float]]:
        """For each level, the top and bottom of its panel column, from the tree's top.

        A column spans the rows of that level's people and of the people they referred; the
        panel is the staircase of its columns, so the room under a chain's few deep people is
        left for other chains. A chain that loops back gets one plain rectangle (the dashed
        arrow runs under it).
        """
        full = 2 * PANEL_PAD + (self.rows - 1) * ROW_H + NODE_H
        if self.loops:
            return [(0.0, full + BACK_ROOM)] * (self.depth + 1)
        low = [float(self.rows)] * (self.depth + 1)
        high = [0.0] * (self.depth + 1)
        for path, level in self.order:
            low[level] = min(low[level], self.row[path])
            high[level] = max(high[level], self.row[path])
        for level in range(self.depth):  # a column also spans the fan out to the next one
            low[level] = min(low[level], low[level + 1])
            high[level] = max(high[level], high[level + 1])
        return [(lo * ROW_H, hi * ROW_H + NODE_H + 2 * PANEL_PAD)
                for lo, hi in zip(low, high, strict=True)]

    def footprint(self) -> list[tuple[float, float]]:
        """Per lane, the span the tree takes there: a column and the gap on its right that leads
        to the next column (where the arrows run)."""
        cols = self.profile()
        return [(min(top, cols[i + 1][0]), max(bottom, cols[i + 1][1])) if i + 1 < len(cols)
                else (top, bottom) for i, (top, bottom) in enumerate(cols)]

    def outline(self, radius: float) -> str:
        """The panel's staircase outline, inset by ``radius`` (drawn with a round stroke)."""
        x0 = float(self.lane * LEVEL_W)
        cols = self.profile()
        edges = [x0] + [x0 + level * LEVEL_W + 2 * PANEL_PAD + NODE_W
                        for level in range(len(cols))]
        edges[0] += radius
        edges[-1] -= radius
        points = []
        for i, (top, _bottom) in enumerate(cols):
            points += [(edges[i], self.top + top + radius), (edges[i + 1], self.top + top + radius)]
        for i, (_top, bottom) in reversed(list(enumerate(cols))):
            points += [(edges[i + 1], self.top + bottom - radius),
                       (edges[i], self.top + bottom - radius)]
        kept = [p for i, p in enumerate(points) if p != points[i - 1]]
        return "M" + " L".join(f"{_n(x)},{_n(y)}" for x, y in kept) + " Z"


@dataclass(slots=True)
class Layout:
    """The drawn trees (placed), the chains left undrawn, and the picture's size."""

    trees: list[Tree]
    hidden: list[Tree] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0


def forest(people: Mapping[str, Person], parent: Mapping[str, str]) -> list[Tree]:
    """Every referral chain as a tree (cycles broken at the root :func:`roots` picks)."""
    placed: set[str] = set()
    starts = [p.path for p in roots(dict(people), dict(parent))]
    involved = sorted(set(parent) | set(parent.values()),
                      key=lambda path: (people[path].name.lower(), path))
    trees = []
    for start in [*starts, *involved]:  # the second list only catches what roots() missed
        if start not in placed:
            trees.append(_grow(start, people, parent, placed))
    return trees


def _grow(start: str, people: Mapping[str, Person], parent: Mapping[str, str],
          placed: set[str]) -> Tree:
    """Depth-first from ``start`` (iterative: a chain may be longer than Python's stack)."""
    order: list[tuple[str, int]] = []
    kids: dict[str, list[str]] = {}
    placed.add(start)
    stack = [(start, 0)]
    while stack:
        path, level = stack.pop()
        order.append((path, level))
        mine = [c.path for c in people[path].referred if c.path not in placed]
        placed.update(mine)
        kids[path] = mine
        stack.extend((child, level + 1) for child in reversed(mine))
    row: dict[str, float] = {}
    leaves = 0
    for path, _level in order:  # leaves take the rows in reading order
        if not kids[path]:
            row[path] = leaves
            leaves += 1
    for path, _level in reversed(order):  # a referrer sits level with the middle of its people
        if kids[path]:
            row[path] = (row[kids[path][0]] + row[kids[path][-1]]) / 2
    members = set(kids)
    loops = any(child in members and parent[child] in members and child not in kids[parent[child]]
                for child in members if child in parent)
    return Tree(start, order, kids, row, dict(order), leaves, max(lv for _p, lv in order), loops)


def layout(people: Mapping[str, Person], parent: Mapping[str, str]) -> Layout:
    """Place every chain: tallest first, each at the highest free spot of the columns."""
    trees = sorted(forest(people, parent),
                   key=lambda t: (-t.rows, -t.size, people[t.root].name.lower(), t.root))
    drawn: list[Tree] = []
    hidden: list[Tree] = []
    count = 0
    for tree in sorted(trees, key=lambda t: (-t.size, people[t.root].name.lower(), t.root)):
        if count + tree.size <= MAX_PEOPLE:
            drawn.append(tree)
            count += tree.size
        else:
            hidden.append(tree)
    rank = {tree.root: i for i, tree in enumerate(trees)}
    drawn.sort(key=lambda t: rank[t.root])
    if not drawn:
        return Layout([], hidden)
    need = max(t.depth for t in drawn) + 1
    height = 0.0
    for lanes in range(need, max(need, MAX_LANES) + 1):
        height = _pack(drawn, lanes)
        if height <= TARGET_HEIGHT:
            break
    width = max(t.lane * LEVEL_W + t.width for t in drawn)
    return Layout(drawn, hidden, width, height - TREE_GAP)


def _pack(trees: list[Tree], lanes: int) -> float:
    """Skyline packing into ``lanes`` columns of one level each; returns the height used."""
    sky = [0.0] * lanes
    for tree in trees:
        shape = tree.footprint()
        top, lane = min((max(0.0, *(sky[s + i] - high for i, (high, _low) in enumerate(shape))), s)
                        for s in range(lanes - len(shape) + 1))
        tree.lane, tree.top = lane, top
        for i, (_top, bottom) in enumerate(shape):
            sky[lane + i] = max(sky[lane + i], top + bottom + TREE_GAP)
    return max(sky)


def _corner(tree: Tree, path: str) -> tuple[float, float]:
    return (tree.lane * LEVEL_W + PANEL_PAD + tree.level[path] * LEVEL_W,
            tree.top + PANEL_PAD + tree.row[path] * ROW_H)


def _char_width(char: str) -> float:
    """A rough advance width in ems (no font metrics at hand; errs on the wide side)."""
    if unicodedata.combining(char) or char in "\u200d\ufe0f\ufe0e":
        return 0.0
    if unicodedata.east_asian_width(char) in "WF" or unicodedata.category(char) == "So":
        return 1.05
    if char in "iljtfrI.,:;'|! ":
        return 0.32
    if char in "mwMW@":
        return 0.9
    return 0.72 if char.isupper() or char.isdigit() else 0.58


def fit(name: str, room: float = LABEL_ROOM, font_px: float = FONT_PX) -> str:
    """``name`` cut to about ``room`` pixels with an ellipsis, never inside a character cluster."""
    name = " ".join(name.split())
    if sum(_char_width(c) for c in name) * font_px <= room:
        return name
    budget = room / font_px - _char_width("…")
    used = 0.0
    cut = 0
    for i, char in enumerate(name):
        used += _char_width(char)
        if used > budget:
            break
        cut = i + 1
    while 0 < cut < len(name) and (unicodedata.combining(name[cut]) or name[cut] in "\u200d\ufe0f"
                                   or name[cut - 1] == "\u200d"):
        cut -= 1
    space = name.rfind(" ", 0, cut + 1)
    if space > max(cut - 7, cut // 2):  # end on a whole word when that loses little
        cut = space
    return name[:cut].rstrip() + "…"


def render_svg(people: Mapping[str, Person], parent: Mapping[str, str], placed: Layout,
               status_of: Callable[[str], str], anchor_of: Callable[[str], str | None]) -> str:
    """The ``<svg>`` element: panels, edges (``class="edge"``), nodes (``class="node"``).

    ``status_of(path)`` gives the status class suffix (``interviewed``, ``other``);
    ``anchor_of(path)`` the page anchor of the person's row in the contacts table, if any.
    """
    width, height = round(placed.width), round(placed.height)
    drawn = {path for tree in placed.trees for path in tree.row}
    edges = sum(1 for child, referrer in parent.items() if child in drawn and referrer in drawn)
    label = (f"Referral graph: {len(drawn)} people, {edges} referral{'s' if edges != 1 else ''}; "
             "arrows go from the referrer to the person referred")
    out = []
    for tree in placed.trees:
        out.append(f'<path class="panel" d="{tree.outline(PANEL_RADIUS)}" '
                   f'stroke-width="{2 * PANEL_RADIUS}" stroke-linejoin="round"/>')
    for tree in placed.trees:
        out.extend(_edges(tree, parent, people))
    for tree in placed.trees:
        for path, _level in tree.order:
            out.append(_node(tree, people[path], status_of(path), anchor_of(path)))
    return template("referrals.svg").substitute(
        width=width, height=height, label=esc(label),
        drawing="".join(line + "\n" for line in out)).removesuffix("\n")


def _edges(tree: Tree, parent: Mapping[str, str], people: Mapping[str, Person]) -> list[str]:
    out = []
    members = tree.row
    for child in sorted(members, key=lambda p: (people[p].name.lower(), p)):
        referrer = parent.get(child)
        if referrer is None or referrer not in members:
            continue
        title = esc(f"{people[referrer].name} referred {people[child].name}")
        x1, y1 = _corner(tree, referrer)
        x2, y2 = _corner(tree, child)
        if child in tree.kids[referrer]:  # forward: right side of the referrer to the left side
            sx, sy, ex, ey = x1 + NODE_W, y1 + NODE_H / 2, x2 - 2, y2 + NODE_H / 2
            mid = (sx + ex) / 2
            d = f"M{_n(sx)},{_n(sy)} C{_n(mid)},{_n(sy)} {_n(mid)},{_n(ey)} {_n(ex)},{_n(ey)}"
            out.append(f'<path class="edge" d="{d}" marker-end="url(#iv-arrow)">'
                       f"<title>{title}</title></path>")
        else:  # the step that closes a cycle: under the nodes, back to the left
            sx, sy = x1 + NODE_W / 2, y1 + NODE_H
            ex, ey = x2 + NODE_W / 2, y2 + NODE_H + 2
            low = tree.top + tree.height - 4
            d = (f"M{_n(sx)},{_n(sy)} C{_n(sx)},{_n(low)} {_n(ex)},{_n(low)} "
                 f"{_n(ex)},{_n(ey)}")
            out.append(f'<path class="edge back" d="{d}" marker-end="url(#iv-arrow)">'
                       f"<title>{title} (a referral loop)</title></path>")
    return out


def _node(tree: Tree, person: Person, status: str, anchor: str | None) -> str:
    x, y = _corner(tree, person.path)
    talks = person.conversations
    tip = f"{person.name} · {status.replace('-', ' ')}"
    if talks:
        tip += f" · {talks} conversation{'s' if talks != 1 else ''}"
    shape = (f'<g class="node s-{status}" transform="translate({_n(x)} {_n(y)})">'
             f"<title>{esc(tip)}</title>"
             f'<rect class="box" width="{NODE_W}" height="{NODE_H}" rx="6"/>'
             f'<rect class="stripe" x="0" y="0" width="5" height="{NODE_H}" rx="2"/>'
             f'<text x="13" y="{NODE_H / 2 + 0.5:g}">{esc(fit(person.name))}</text>'
             "</g>")
    if anchor is None:
        return shape
    return f'<a href="#{anchor}">{shape}</a>'


def _n(value: float) -> str:
    """A coordinate, short and stable (``12``, ``12.5``)."""
    return f"{round(value, 1):g}"
