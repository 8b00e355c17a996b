"""SVG output: a looping animation, a still strip of key frames, and a thumbnail.

Plain SVG 1.1 with presentation attributes only (no CSS classes, no scripts), so the same
markup works inline in a page, in an ``<img>``, in WeasyPrint PDFs and in CairoSVG. The
animation uses SMIL ``<animate>`` on path data; renderers without SMIL show the first frame.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from functools import lru_cache
from html import escape

from .model import Joints, Point
from .scene import (
    Figure,
    Shape,
    arrow_head,
    joint_path,
    key_scenes,
    scene,
    stopwatch,
    timeline,
)

__all__ = [
    "STYLES",
    "figure_bbox",
    "still_frames",
    "still_layout",
    "still_markup",
    "still_parts",
    "svg_animated",
    "svg_still",
    "svg_thumbnail",
]

INK = "#2f3437"  # near limbs, the head's outline
TRUNK = "#55636d"  # the trunk and neck, a shade lighter than the near limbs that cross it
FAR = "#a7b0b6"  # far limbs
PROP = "#6f777c"
ACCENT = "#d9731a"
PAPER = "#ffffff"

_ROUND = 'fill="none" stroke-linecap="round" stroke-linejoin="round"'
_EDGE = f'stroke="{PAPER}" stroke-width="1.2" stroke-linejoin="round"'
STYLES: dict[str, str] = {
    "near": f'fill="{INK}" {_EDGE}',
    "far": f'fill="{FAR}" {_EDGE}',
    "trunk": f'{_ROUND} stroke="{TRUNK}" stroke-width="19"',
    "torso": f'fill="{TRUNK}" stroke="{TRUNK}" stroke-width="10" stroke-linejoin="round"',
    "neck": f'{_ROUND} stroke="{TRUNK}" stroke-width="8"',
    "spine_line": f'{_ROUND} stroke="#c9d1d6" stroke-width="2" stroke-dasharray="4 3"',
    "head": f'fill="{PAPER}" stroke="{INK}" stroke-width="2.6"',
    "hair": f'fill="{INK}" stroke="{INK}" stroke-width="2.6"',
    "nose": f'fill="{PAPER}" stroke="{INK}" stroke-width="2.2" stroke-linejoin="round"',
    "eye": f'fill="{INK}"',
    "pillow": f'fill="#eceff1" stroke="{PROP}" stroke-width="2"',
    "mat": 'fill="#e3eaee" stroke="#b8bfc4" stroke-width="1.5" stroke-linejoin="round"',
    "prop": f'{_ROUND} stroke="{PROP}" stroke-width="3"',
    "prop_bold": f'{_ROUND} stroke="{PROP}" stroke-width="4.5"',
    "prop_thin": f'{_ROUND} stroke="{PROP}" stroke-width="1.5"',
    "prop_fill": f'fill="#eceff1" stroke="{PROP}" stroke-width="2.5" stroke-linejoin="round"',
    "band": f'{_ROUND} stroke="{PROP}" stroke-width="2" stroke-dasharray="5 3"',
    "dowel": f'{_ROUND} stroke="#8a6d4b" stroke-width="4"',
    "floor": f'{_ROUND} stroke="#b8bfc4" stroke-width="2.5"',
    "water": f'{_ROUND} stroke="#6f9fc0" stroke-width="2.5"',
    "accent": f'{_ROUND} stroke="{ACCENT}" stroke-width="3"',
    "accent_fill": f'fill="{ACCENT}" stroke="{ACCENT}" stroke-width="1" stroke-linejoin="round"',
    "chevron": f'{_ROUND} stroke="#c7cdd1" stroke-width="3"',
}

MARGIN = 12.0
ARROW_CANDIDATES = (
    "head",
    "chest",
    "pelvis",
    "lumbar",
    "l_wrist",
    "r_wrist",
    "l_ankle",
    "r_ankle",
    "l_knee",
    "r_knee",
    "l_elbow",
    "r_elbow",
)

Box = tuple[float, float, float, float]


def _n(v: float) -> str:
    """A number with at most one decimal, no trailing ``.0`` and no ``-0``."""
    r = round(v * 10)
    if r % 10 == 0:
        return str(r // 10)
    sign = "-" if r < 0 else ""
    q, d = divmod(abs(r), 10)
    return f"{sign}{q}.{d}"


def _pt(p: Point) -> str:
    return f"{_n(p[0])} {_n(-p[1])}"


def _capsule_d(s: Shape) -> str:
    """A tapered limb: two round ends of radius ``r`` and ``r2`` joined by tangent-ish sides."""
    (ax, ay), (bx, by) = s.points
    d = math.hypot(bx - ax, by - ay)
    ux, uy = ((bx - ax) / d, (by - ay) / d) if d > 1e-9 else (1.0, 0.0)
    nx, ny = -uy, ux
    ra, rb = s.r, s.r2
    p1, p2 = (ax + nx * ra, ay + ny * ra), (bx + nx * rb, by + ny * rb)
    p3, p4 = (bx - nx * rb, by - ny * rb), (ax - nx * ra, ay - ny * ra)
    return (
        f"M{_pt(p1)}L{_pt(p2)}A{_n(rb)} {_n(rb)} 0 0 1 {_pt(p3)}"
        f"L{_pt(p4)}A{_n(ra)} {_n(ra)} 0 0 1 {_pt(p1)}Z"
    )


def path_d(s: Shape) -> str:
    """Path data in SVG coordinates (y down)."""
    if s.kind == "circle":
        (cx, cy), r = s.points[0], s.r
        return (
            f"M{_pt((cx - r, cy))}a{_n(r)} {_n(r)} 0 1 0 {_n(2 * r)} 0"
            f"a{_n(r)} {_n(r)} 0 1 0 {_n(-2 * r)} 0Z"
        )
    if s.kind == "capsule":
        return _capsule_d(s)
    if s.kind == "curve":
        a, c, b = s.points
        return f"M{_pt(a)}Q{_pt(c)} {_pt(b)}"
    d = "M" + "L".join(_pt(p) for p in s.points)
    return d + "Z" if s.kind == "poly" else d


def _union(boxes: Iterable[Box]) -> Box:
    x0 = y0 = math.inf
    x1 = y1 = -math.inf
    for a, b, c, d in boxes:
        x0, y0, x1, y1 = min(x0, a), min(y0, b), max(x1, c), max(y1, d)
    return x0, y0, x1, y1


def _shapes_box(shapes: Iterable[Shape]) -> Box:
    return _union(s.extent() for s in shapes)


_LOW = ("pelvis", "chest", "head", "l_knee", "l_wrist", "l_elbow")


@lru_cache(maxsize=512)
def _mat_span(fig: Figure) -> tuple[float, float] | None:
    """Where the mat lies (x from, to) if the patient lies, kneels or is on all fours on it."""
    scenes = [j for j, _ in key_scenes(fig)]
    wanted = fig.mat
    if wanted is None:
        wanted = fig.floor and any(sum(j[n][1] < 15 for n in _LOW) >= 2 for j in scenes)
    if not wanted:
        return None
    xs = [p[0] for j in scenes for p in j.values() if p[1] < 20]
    return min(xs) - 12, max(xs) + 12


def _floor(fig: Figure, box: Box) -> list[Shape]:
    if not fig.floor:
        return []
    out = [Shape("floor", "line", ((box[0] - 4, -1.5), (box[2] + 4, -1.5)))]
    span = _mat_span(fig)
    if span:
        x0, x1 = span
        out.append(Shape("mat", "poly", ((x0, -3.5), (x1, -3.5), (x1, 0.5), (x0, 0.5))))
    return out


LABEL_SIZE = 11.0
LABEL_LINE = 14.0


def _label(fig: Figure, vb: Box) -> tuple[str, Box]:
    """The figure's words (one line per ``·`` part) above the picture, and the grown viewBox."""
    if not fig.label:
        return "", vb
    lines = [p.strip() for p in fig.label.split("·")]
    x, y, w, h = vb
    need = max(len(t) for t in lines) * LABEL_SIZE * 0.6 + 8
    if need > w:
        x, w = x - (need - w) / 2, need
    grow = LABEL_LINE * len(lines) + 4
    y, h = y - grow, h + grow
    cx = x + w / 2
    texts = "".join(
        f'<text x="{_n(cx)}" y="{_n(y + 4 + LABEL_LINE * (k + 1) - 3)}" '
        f'font-family="DejaVu Sans, Arial, sans-serif" font-size="{_n(LABEL_SIZE)}" '
        f'fill="{INK}" text-anchor="middle">{escape(t)}</text>'
        for k, t in enumerate(lines)
    )
    return f'<g data-label="{escape(fig.label)}">{texts}</g>', (x, y, w, h)


def _element(s: Shape, extra: str = "") -> str:
    return f'<path {STYLES[s.style]} d="{path_d(s)}"{extra}/>'


def _viewbox(box: Box, pad: float = MARGIN) -> Box:
    """(x, y, w, h) in SVG coordinates of a world box plus padding (room for the floor)."""
    x0, y0, x1, y1 = box
    y0 = min(y0, -3.0)
    return x0 - pad, -y1 - pad, (x1 - x0) + 2 * pad, (y1 - y0) + 2 * pad


def _svg(vb: Box, body: str, title: str, scale: float = 1.0) -> str:
    x, y, w, h = vb
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_n(x)} {_n(y)} {_n(w)} {_n(h)}" '
        f'width="{_n(w * scale)}" height="{_n(h * scale)}" role="img">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def figure_bbox(fig: Figure) -> Box:
    """World bounding box of everything drawn at any moment of the animation."""
    _, samples = timeline(fig)
    return _union(_shapes_box(scene(fig, f)[1]) for _, f in samples)


def svg_animated(fig: Figure, title: str) -> str:
    total, samples = timeline(fig)
    frames = [scene(fig, f)[1] for _, f in samples]
    box = _union(_shapes_box(s) for s in frames)
    key_times = ";".join(f"{t / total:.4f}".rstrip("0").rstrip(".") or "0" for t, _ in samples)
    parts = [_element(s) for s in _floor(fig, box)]
    for idx, first in enumerate(frames[0]):
        ds = [path_d(f[idx]) for f in frames]
        if all(d == ds[0] for d in ds):
            parts.append(_element(first))
            continue
        anim = (
            f'<animate attributeName="d" dur="{_n(total)}s" repeatCount="indefinite" '
            f'calcMode="linear" keyTimes="{key_times}" values="{";".join(ds)}"/>'
        )
        parts.append(f'<path {STYLES[first.style]} d="{ds[0]}">{anim}</path>')
    label, vb = _label(fig, _viewbox(box))
    return _svg(vb, "".join(parts) + label, title)


def _track_name(fig: Figure, i: int, a: Joints, b: Joints) -> str | None:
    if i - 1 < len(fig.track):
        name = fig.track[i - 1]
        if not name:
            return None
        if fig.mirror and name[:2] in ("l_", "r_"):
            name = ("r_" if name[0] == "l" else "l_") + name[2:]
        return name
    return max(ARROW_CANDIDATES, key=lambda n: math.dist(a[n][:2], b[n][:2]))


def _arrow(fig: Figure, prev: int, i: int, a: Joints, b: Joints) -> list[Shape]:
    """The movement arrow drawn in panel ``i``: the path a joint took from frame ``prev``."""
    name = _track_name(fig, i, a, b)
    if name is None:
        return []
    pts = [(p[0], p[1]) for p in joint_path(fig, prev, i, name)]
    if fig.arrow_straight:
        pts = [
            (
                pts[0][0] + (pts[-1][0] - pts[0][0]) * k / 8,
                pts[0][1] + (pts[-1][1] - pts[0][1]) * k / 8,
            )
            for k in range(9)
        ]
    (ax, ay), (bx, by) = pts[0], pts[-1]
    chord = math.hypot(bx - ax, by - ay)
    if chord < (2.0 if fig.arrow_min else 6.0):
        return []
    nx, ny = -(by - ay) / chord, (bx - ax) / chord
    body = [p[:2] for p in b.values()]
    cx = sum(p[0] for p in body) / len(body)
    cy = sum(p[1] for p in body) / len(body)
    mx, my = (ax + bx) / 2, (ay + by) / 2
    side = fig.arrow_side or (1 if (mx - cx) * nx + (my - cy) * ny >= 0 else -1)
    gap = fig.arrow_offset
    off = [(x + side * nx * gap, y + side * ny * gap) for x, y in pts]
    off = off[1:-1]  # float the arrow a little clear of the joint's start and end
    sx, sy = fig.arrow_shift
    sx = -sx if fig.mirror else sx
    if chord < fig.arrow_min:
        k = fig.arrow_min / chord
        off = [(mx + (x - mx) * k, my + (y - my) * k) for x, y in off]
    off = [(x + sx, y + sy) for x, y in off]
    return [Shape("accent", "line", tuple(off)), *arrow_head(off[-2], off[-1], 10.0)]


def still_frames(fig: Figure) -> list[int]:
    """Key frames the still shows: each differs visibly from the one before (holds show once)."""
    scenes = key_scenes(fig)
    keep = [0]
    for i in range(1, len(scenes)):
        a, b = scenes[keep[-1]][0], scenes[i][0]
        if max(math.dist(a[n][:2], b[n][:2]) for n in a) > 4.0:
            keep.append(i)
    return keep


def still_parts(fig: Figure) -> tuple[list[list[Shape]], Box]:
    """Shapes of each panel of the still strip (arrows included) and their common world box."""
    scenes = key_scenes(fig)
    keep = still_frames(fig)
    panels = [scenes[keep[0]][1]]
    for prev, i in itertools.pairwise(keep):
        panels.append(scenes[i][1] + _arrow(fig, prev, i, scenes[prev][0], scenes[i][0]))
    if fig.held:
        j = scenes[keep[-1]][0]
        top = max(p[1] for p in j.values())
        hand = max(("l_wrist", "r_wrist"), key=lambda n: j[n][0])
        panels[-1] = panels[-1] + stopwatch((j[hand][0] + 4, top + 14))
    box = _union(_shapes_box(p) for p in panels)
    return [_floor(fig, box) + p for p in panels], box


GAP = 26.0
MAX_ASPECT = 3.0  # a wider strip wraps onto more rows, so it still reads at 40 % page width


def still_layout(
    fig: Figure, parts: tuple[list[list[Shape]], Box] | None = None
) -> tuple[list[Point], Box]:
    """Where each panel of the still goes (its offset) and the panel's own viewBox.

    Panels run left to right; a strip wider than :data:`MAX_ASPECT` times its height wraps
    onto further rows (read left to right, top to bottom).
    """
    panels, box = parts or still_parts(fig)
    vb = _viewbox(box)
    _, _, w, h = vb
    n = len(panels)
    cols = n
    for rows in range(1, n + 1):
        cols = -(-n // rows)
        if (cols * w + (cols - 1) * GAP) / (rows * h + (rows - 1) * GAP) <= MAX_ASPECT:
            break
    return [((i % cols) * (w + GAP), (i // cols) * (h + GAP)) for i in range(n)], vb


def still_markup(fig: Figure) -> tuple[str, Box]:
    """The still strip's markup and its viewBox ``(x, y, w, h)``."""
    parts_ = still_parts(fig)
    panels = parts_[0]
    offsets, (x, y, w, h) = still_layout(fig, parts_)
    parts: list[str] = []
    for i, shapes in enumerate(panels):
        dx, dy = offsets[i]
        if i and dy == offsets[i - 1][1]:
            cx, cy = dx - GAP / 2 + x, dy + y + h / 2
            parts.append(f'<path {STYLES["chevron"]} d="M{_n(cx - 4)} {_n(cy - 9)}l8 9-8 9"/>')
        inner = "".join(_element(s) for s in shapes)
        moved = dx or dy
        parts.append(f'<g transform="translate({_n(dx)} {_n(dy)})">{inner}</g>' if moved else inner)
    cols = len({o[0] for o in offsets})
    rows = len({o[1] for o in offsets})
    full_w, full_h = cols * w + (cols - 1) * GAP, rows * h + (rows - 1) * GAP
    if full_w > full_h * MAX_ASPECT:  # one flat panel (lying still): room above it
        y, full_h = y - (full_w / MAX_ASPECT - full_h), full_w / MAX_ASPECT
    label, vb = _label(fig, (x, y, full_w, full_h))
    return "".join(parts) + label, vb


def svg_still(fig: Figure, title: str) -> str:
    body, vb = still_markup(fig)
    return _svg(vb, body, title)


def svg_thumbnail(fig: Figure, title: str, width: float = 160.0, height: float = 120.0) -> str:
    """One key frame (``fig.thumb``) with the arrow of the movement into it, fitted to a box."""
    keep = still_frames(fig)
    want = fig.thumb % len(fig.frames)
    panels, _ = still_parts(fig)
    shapes = [s for s in panels[keep.index(want) if want in keep else -1] if s.style != "floor"]
    box = _shapes_box(shapes)
    shapes = _floor(fig, box) + shapes
    label, (x, y, w, h) = _label(fig, _viewbox(box, pad=8.0))
    aspect = width / height
    if w / h < aspect:
        x, w = x - (h * aspect - w) / 2, h * aspect
    else:
        y, h = y - (w / aspect - h) / 2, w / aspect
    body = "".join(_element(s) for s in shapes) + label
    return _svg((x, y, w, h), body, title, scale=width / w)
