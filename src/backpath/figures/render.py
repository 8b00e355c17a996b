"""SVG output: a looping animation, a still strip of key frames, and a thumbnail.

Plain SVG 1.1 with presentation attributes only (no CSS classes, no scripts), so the same
markup works inline in a page, in an ``<img>``, in WeasyPrint PDFs and in CairoSVG. The
animation uses SMIL ``<animate>`` on path data; renderers without SMIL show the first frame.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from html import escape

from .model import Joints, Point
from .scene import Figure, Shape, arrow_head, joint_path, key_scenes, scene, timeline

__all__ = [
    "STYLES",
    "figure_bbox",
    "still_frames",
    "still_markup",
    "still_parts",
    "svg_animated",
    "svg_still",
    "svg_thumbnail",
]

INK = "#2f3437"
FAR = "#a2a9ae"
PROP = "#6f777c"
ACCENT = "#d9731a"

_ROUND = 'fill="none" stroke-linecap="round" stroke-linejoin="round"'
STYLES: dict[str, str] = {
    "near": f'{_ROUND} stroke="{INK}" stroke-width="6"',
    "far": f'{_ROUND} stroke="{FAR}" stroke-width="6"',
    "spine": f'{_ROUND} stroke="{INK}" stroke-width="7"',
    "head": f'fill="#ffffff" stroke="{INK}" stroke-width="5"',
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
    s = f"{v:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    return "0" if s == "-0" else s


def _pt(p: Point) -> str:
    return f"{_n(p[0])} {_n(-p[1])}"


def path_d(s: Shape) -> str:
    """Path data in SVG coordinates (y down)."""
    if s.kind == "circle":
        (cx, cy), r = s.points[0], s.r
        return (
            f"M{_pt((cx - r, cy))}a{_n(r)} {_n(r)} 0 1 0 {_n(2 * r)} 0"
            f"a{_n(r)} {_n(r)} 0 1 0 {_n(-2 * r)} 0Z"
        )
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


def _floor(fig: Figure, box: Box) -> list[Shape]:
    if not fig.floor:
        return []
    return [Shape("floor", "line", ((box[0] - 4, -1.5), (box[2] + 4, -1.5)))]


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
    return _svg(_viewbox(box), "".join(parts), title)


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
    box = _union(_shapes_box(p) for p in panels)
    return [_floor(fig, box) + p for p in panels], box


GAP = 26.0


def still_markup(fig: Figure) -> tuple[str, Box]:
    """The still strip's markup and its viewBox ``(x, y, w, h)``."""
    panels, box = still_parts(fig)
    x, y, w, h = _viewbox(box)
    parts: list[str] = []
    for i, shapes in enumerate(panels):
        dx = i * (w + GAP)
        if i:
            cx, cy = dx - GAP / 2 + x, y + h / 2
            parts.append(f'<path {STYLES["chevron"]} d="M{_n(cx - 4)} {_n(cy - 9)}l8 9-8 9"/>')
        inner = "".join(_element(s) for s in shapes)
        parts.append(f'<g transform="translate({_n(dx)} 0)">{inner}</g>' if dx else inner)
    n = len(panels)
    return "".join(parts), (x, y, n * w + (n - 1) * GAP, h)


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
    x, y, w, h = _viewbox(box, pad=8.0)
    aspect = width / height
    if w / h < aspect:
        x, w = x - (h * aspect - w) / 2, h * aspect
    else:
        y, h = y - (w / aspect - h) / 2, w / aspect
    body = "".join(_element(s) for s in shapes)
    return _svg((x, y, w, h), body, title, scale=width / w)
