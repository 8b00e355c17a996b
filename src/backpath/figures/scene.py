"""Figures (key frames plus props), the shapes they draw, and the samples an animation uses.

A :class:`Figure` is one exercise's picture: its view, two to four key :class:`Frame` s, the
props around the patient and how the animation loops. :func:`scene` turns one frame into
joint positions and a list of :class:`Shape` s, the only thing the SVG writer knows about.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Protocol

from .model import P3, Frame, Joints, Point, View, blend, dims_for, mirror_joints, solve

__all__ = [
    "Ball",
    "Band",
    "Belt",
    "Bike",
    "Box",
    "Chair",
    "Cranks",
    "Dowel",
    "Figure",
    "Mat",
    "Pillow",
    "Plate",
    "Post",
    "Prop",
    "PushArrow",
    "Roll",
    "Shape",
    "Slider",
    "Stairs",
    "Suitcase",
    "Table",
    "Wall",
    "Water",
    "Weight",
    "Wheel",
    "arrow_head",
    "joint_path",
    "key_scenes",
    "path_between",
    "scene",
    "sequence",
    "stopwatch",
    "timeline",
    "xy",
]

Kind = Literal["line", "poly", "circle", "curve", "capsule"]


@dataclass(frozen=True)
class Shape:
    """Something to draw: a polyline, closed polygon, circle, quadratic curve (3 points), or a
    capsule (2 points, radius ``r`` at the first and ``r2`` at the second: a tapered limb).

    ``pad`` is how far the drawn ink reaches beyond the points (half a thick stroke's width).
    """

    style: str
    kind: Kind
    points: tuple[Point, ...]
    r: float = 0.0
    r2: float = 0.0
    pad: float = 0.0

    def mirrored(self) -> Shape:
        pts = tuple((-x, y) for x, y in self.points)
        return Shape(self.style, self.kind, pts, self.r, self.r2, self.pad)

    def extent(self) -> tuple[float, float, float, float]:
        xs = [p[0] for p in self.points]
        ys = [p[1] for p in self.points]
        e = max(self.r, self.r2) + self.pad
        return min(xs) - e, min(ys) - e, max(xs) + e, max(ys) + e


def xy(j: Joints, name: str) -> Point:
    p = j[name]
    return (p[0], p[1])


Anchor = str | Point


def _at(j: Joints, a: Anchor) -> Point:
    return xy(j, a) if isinstance(a, str) else a


def _circle(style: str, c: Point, r: float) -> Shape:
    return Shape(style, "circle", (c,), r)


def _line(style: str, *pts: Point) -> Shape:
    return Shape(style, "line", tuple(pts))


def _rect(style: str, x0: float, y0: float, x1: float, y1: float) -> Shape:
    return Shape(style, "poly", ((x0, y0), (x1, y0), (x1, y1), (x0, y1)))


class Prop(Protocol):
    layer: str  # "back" (behind the figure) or "front"

    def shapes(self, j: Joints) -> list[Shape]: ...


@dataclass(frozen=True)
class Wall:
    x: float
    top: float = 185.0
    back: int = -1  # which side of the line is inside the wall (hatched)
    layer: str = "back"

    def shapes(self, j: Joints) -> list[Shape]:
        out = [_line("prop_bold", (self.x, 0), (self.x, self.top))]
        for k in range(12, int(self.top), 24):
            y = float(k)
            out.append(_line("prop_thin", (self.x, y), (self.x + 7 * self.back, y + 7)))
        return out


@dataclass(frozen=True)
class Mat:
    """A mat, bed or table top seen from above: a rectangle under the body."""

    x0: float
    y0: float
    x1: float
    y1: float
    layer: str = "back"
    style: str = "mat"  # or "pillow": a pillow under the head, seen from above

    def shapes(self, j: Joints) -> list[Shape]:
        return [_rect(self.style, self.x0, self.y0, self.x1, self.y1)]


@dataclass(frozen=True)
class Pillow:
    """A pillow lying on the floor, seen from the side: a soft rounded block."""

    x0: float
    x1: float
    h: float = 10.0
    layer: str = "back"

    def shapes(self, j: Joints) -> list[Shape]:
        r = self.h / 2
        return [Shape("pillow", "capsule", ((self.x0 + r, r), (self.x1 - r, r)), r, r)]


@dataclass(frozen=True)
class Post:
    """An upright (door frame, rack) to tie a band to."""

    x: float
    top: float = 160.0
    layer: str = "back"

    def shapes(self, j: Joints) -> list[Shape]:
        return [_line("prop_bold", (self.x, 0), (self.x, self.top))]


@dataclass(frozen=True)
class Chair:
    """A side-view chair: seat from ``front`` to ``back`` (x), backrest at ``back``."""

    front: float
    back: float
    seat: float = 44.0
    backrest: float = 44.0  # height of the backrest above the seat; 0 for a stool/step
    layer: str = "back"

    def shapes(self, j: Joints) -> list[Shape]:
        inset = 3.0 if self.back > self.front else -3.0
        out = [
            _line("prop_bold", (self.front, self.seat), (self.back, self.seat)),
            _line("prop", (self.front + inset, self.seat), (self.front + inset, 0)),
            _line("prop", (self.back - inset, self.seat), (self.back - inset, 0)),
        ]
        if self.backrest:
            out.append(
                _line("prop_bold", (self.back, self.seat), (self.back, self.seat + self.backrest))
            )
        return out


@dataclass(frozen=True)
class Box:
    """A block on the floor: a step, a low stool."""

    x0: float
    x1: float
    h: float
    layer: str = "back"

    def shapes(self, j: Joints) -> list[Shape]:
        return [_rect("prop_fill", self.x0, 0, self.x1, self.h)]


@dataclass(frozen=True)
class Table:
    """A treatment table whose top is the support surface ``y = 0``; the floor is below."""

    x0: float
    x1: float
    h: float = 40.0
    layer: str = "back"

    def shapes(self, j: Joints) -> list[Shape]:
        return [
            _rect("prop_fill", self.x0, -7, self.x1, 0),
            _line("prop", (self.x0 + 8, -7), (self.x0 + 8, -self.h)),
            _line("prop", (self.x1 - 8, -7), (self.x1 - 8, -self.h)),
            _line("floor", (self.x0 - 15, -self.h), (self.x1 + 15, -self.h)),
        ]


@dataclass(frozen=True)
class Stairs:
    """Steps going up towards ``+x`` from ``x0``."""

    x0: float
    n: int = 3
    w: float = 28.0
    h: float = 17.0
    layer: str = "back"

    def shapes(self, j: Joints) -> list[Shape]:
        pts: list[Point] = [(self.x0, 0)]
        for k in range(self.n):
            x, y = self.x0 + k * self.w, (k + 1) * self.h
            pts += [(x, y), (x + self.w, y)]
        pts.append((pts[-1][0], 0))
        return [Shape("prop_fill", "poly", tuple(pts))]


@dataclass(frozen=True)
class Band:
    """An elastic band between two anchors (joint names or fixed points)."""

    a: Anchor
    b: Anchor
    layer: str = "back"

    def shapes(self, j: Joints) -> list[Shape]:
        return [_line("band", _at(j, self.a), _at(j, self.b))]


@dataclass(frozen=True)
class Dowel:
    """A stick along the back touching the head, upper back and sacrum."""

    layer: str = "front"

    def shapes(self, j: Joints) -> list[Shape]:
        p, h = xy(j, "pelvis"), xy(j, "head")
        ux, uy = h[0] - p[0], h[1] - p[1]
        n = math.hypot(ux, uy) or 1.0
        ux, uy = ux / n, uy / n
        bx, by = -uy, ux  # the back of a figure facing +x
        off = 12.0
        a = (p[0] + bx * off - ux * 14, p[1] + by * off - uy * 14)
        b = (h[0] + bx * off + ux * 14, h[1] + by * off + uy * 14)
        return [_line("dowel", a, b)]


@dataclass(frozen=True)
class Weight:
    """A dumbbell or kettlebell held at a wrist."""

    at: str
    r: float = 7.0
    drop: float = 9.0
    layer: str = "front"

    def shapes(self, j: Joints) -> list[Shape]:
        x, y = xy(j, self.at)
        return [
            _line("prop", (x, y), (x, y - self.drop + self.r * 0.2)),
            Shape("prop_fill", "circle", ((x, y - self.drop - self.r * 0.6),), self.r),
        ]


@dataclass(frozen=True)
class Suitcase:
    at: str
    w: float = 30.0
    h: float = 22.0
    layer: str = "front"

    def shapes(self, j: Joints) -> list[Shape]:
        x, y = xy(j, self.at)
        return [
            _line("prop", (x - 5, y - 4), (x - 5, y), (x + 5, y), (x + 5, y - 4)),
            _rect("prop_fill", x - self.w / 2, y - 4 - self.h, x + self.w / 2, y - 4),
        ]


@dataclass(frozen=True)
class Plate:
    """A barbell seen end-on: a weight plate centred on the hands."""

    at: str
    r: float = 20.0
    layer: str = "back"

    def shapes(self, j: Joints) -> list[Shape]:
        c = xy(j, self.at)
        return [Shape("prop_fill", "circle", (c,), self.r), _circle("prop", c, 3.0)]


@dataclass(frozen=True)
class Ball:
    c: Point
    r: float
    layer: str = "back"

    def shapes(self, j: Joints) -> list[Shape]:
        return [Shape("prop_fill", "circle", (self.c,), self.r)]


@dataclass(frozen=True)
class Wheel:
    """An ab wheel held at the wrist, rolling on the floor."""

    at: str
    r: float = 9.0
    layer: str = "front"

    def shapes(self, j: Joints) -> list[Shape]:
        x, _ = xy(j, self.at)
        return [
            Shape("prop_fill", "circle", ((x, self.r),), self.r),
            _line("prop", xy(j, self.at), (x, self.r)),
        ]


@dataclass(frozen=True)
class Roll:
    """A lumbar roll behind the low back."""

    at: str = "lumbar"
    dx: float = -9.0
    dy: float = 0.0
    r: float = 5.5
    layer: str = "back"

    def shapes(self, j: Joints) -> list[Shape]:
        x, y = xy(j, self.at)
        return [Shape("prop_fill", "circle", ((x + self.dx, y + self.dy),), self.r)]


@dataclass(frozen=True)
class Belt:
    """A strap holding the pelvis down on the table (overpressure)."""

    at: str = "pelvis"
    layer: str = "front"

    def shapes(self, j: Joints) -> list[Shape]:
        x, y = xy(j, self.at)
        return [
            _line("band", (x - 9, -7), (x - 6, y + 6), (x + 6, y + 6), (x + 9, -7)),
        ]


@dataclass(frozen=True)
class PushArrow:
    """An accent arrow pushing on a joint (a clinician's hands, overpressure)."""

    at: str
    angle: float = -90.0  # direction of the push
    length: float = 22.0
    gap: float = 8.0
    layer: str = "front"

    def shapes(self, j: Joints) -> list[Shape]:
        x, y = xy(j, self.at)
        a = math.radians(self.angle)
        ux, uy = math.cos(a), math.sin(a)
        tip = (x - ux * self.gap, y - uy * self.gap)
        tail = (tip[0] - ux * self.length, tip[1] - uy * self.length)
        return [_line("accent", tail, tip), *arrow_head(tail, tip)]


@dataclass(frozen=True)
class Slider:
    """A towel or slider under the toes."""

    at: str = "l_toe"
    layer: str = "back"

    def shapes(self, j: Joints) -> list[Shape]:
        x, _ = xy(j, self.at)
        return [_rect("prop_fill", x - 12, 0, x + 6, 2.5)]


@dataclass(frozen=True)
class Bike:
    """A simple exercise bike, side view; the cranks follow the feet."""

    saddle: Point
    crank: Point
    bars: Point
    layer: str = "back"

    def shapes(self, j: Joints) -> list[Shape]:
        (sx, sy), (cx, cy), (hx, hy) = self.saddle, self.crank, self.bars
        fx = cx + 42.0
        return [
            _line("prop_bold", (cx - 40, 2), (fx + 14, 2)),
            _line("prop_bold", (cx - 30, 2), (cx, cy), (sx + 2, sy - 8)),
            _line("prop_bold", (fx, 2), (hx - 4, hy - 10)),
            _line("prop", (cx, cy), (fx - 7, cy + 18)),
            Shape("prop_fill", "circle", ((fx - 14, 22.0),), 16.0),
            _line("prop_bold", (sx - 11, sy - 6), (sx + 9, sy - 6)),
            _line("prop_bold", (hx - 4, hy - 10), (hx, hy), (hx + 7, hy)),
            _circle("prop", (cx, cy), 5.0),
        ]


@dataclass(frozen=True)
class Cranks:
    """Pedal cranks from the bike's crank to each foot."""

    crank: Point
    layer: str = "back"

    def shapes(self, j: Joints) -> list[Shape]:
        return [
            _line("prop", self.crank, xy(j, "r_ankle")),
            _line("prop", self.crank, xy(j, "l_ankle")),
        ]


@dataclass(frozen=True)
class Water:
    y: float
    x0: float
    x1: float
    layer: str = "front"

    def shapes(self, j: Joints) -> list[Shape]:
        pts: list[Point] = []
        steps = int((self.x1 - self.x0) / 4)
        for k in range(steps + 1):
            x = self.x0 + k * 4.0
            pts.append((x, self.y + 2.5 * math.sin(x / 9.0)))
        return [Shape("water", "line", tuple(pts))]


def stopwatch(c: Point, r: float = 7.5) -> list[Shape]:
    """A small stopwatch: this position is held."""
    x, y = c
    return [
        _line("prop", (x, y + r), (x, y + r + 3.5)),
        _line("prop", (x - 3, y + r + 3.5), (x + 3, y + r + 3.5)),
        _circle("prop", c, r),
        _line("accent", (x, y), (x, y + r * 0.65)),
        _line("accent", (x, y), (x + r * 0.5, y - r * 0.2)),
    ]


def arrow_head(tail: Point, tip: Point, size: float = 8.0) -> list[Shape]:
    """A filled accent arrowhead at ``tip`` for a shaft coming from ``tail``."""
    a = math.atan2(tip[1] - tail[1], tip[0] - tail[0])
    left = (tip[0] - size * math.cos(a - 0.45), tip[1] - size * math.sin(a - 0.45))
    right = (tip[0] - size * math.cos(a + 0.45), tip[1] - size * math.sin(a + 0.45))
    return [Shape("accent_fill", "poly", (tip, left, right))]


@dataclass(frozen=True)
class Figure:
    """One exercise's picture."""

    view: View
    frames: tuple[Frame, ...]
    props: tuple[Prop, ...] = ()
    track: tuple[str, ...] = ()  # joint whose path is the still's arrow, per transition
    loop: Literal["pingpong", "cycle"] = "pingpong"
    thumb: int = -1  # which key frame the thumbnail shows
    mirror: bool = False  # draw the mirror image (the other side of a front-view exercise)
    floor: bool = True
    move: float = 1.3  # seconds per transition
    hold: float = 0.7  # seconds resting on each key frame
    arrow_side: int = 0  # +1/-1 forces which side of its path an arrow is drawn; 0: away
    arrow_shift: Point = (0.0, 0.0)  # move the still's arrows (before any mirroring)
    arrow_min: float = 0.0  # stretch short arrows to at least this length
    arrow_offset: float = 16.0  # how far the arrow floats from the joint's path
    arrow_straight: bool = False  # draw the arrow as the straight chord of the joint's path
    held: bool = False  # the last key frame is held still: the still shows a stopwatch there
    behind: bool = False  # front-view pose drawn as seen from behind (patient's left = viewer's)
    label: str = ""  # words drawn inside the picture (which way is which, seen from behind)
    mat: bool | None = None  # a mat under the body; None: when lying, kneeling or on all fours


# Radii (world units) of the tapered limbs: at the root joint, at the middle, at the end.
LEG_R = (7.0, 5.2, 3.8)
ARM_R = (5.0, 4.0, 3.1)
FOOT_R = (3.6, 2.4)
HAND_R = 4.3
TRUNK_W = 19.0  # side view: the trunk is a thick stroke this wide
NECK_W = 8.0


def _unit(a: Point, b: Point) -> Point:
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy)
    return (dx / n, dy / n) if n > 1e-9 else (1.0, 0.0)


def _capsule(style: str, a: Point, b: Point, ra: float, rb: float) -> Shape:
    return Shape(style, "capsule", (a, b), ra, rb)


def _limbs(j: Joints, side: str, style: str) -> list[Shape]:
    """One side's leg and arm as tapered capsules, with a foot and a hand."""
    hip, knee, ankle, toe = (xy(j, f"{side}_{n}") for n in ("hip", "knee", "ankle", "toe"))
    sh, el, wr = (xy(j, f"{side}_{n}") for n in ("shoulder", "elbow", "wrist"))
    ux, uy = _unit(el, wr)
    hand = (wr[0] + ux * 2.5, wr[1] + uy * 2.5)
    return [
        _capsule(style, hip, knee, LEG_R[0], LEG_R[1]),
        _capsule(style, knee, ankle, LEG_R[1], LEG_R[2]),
        _capsule(style, ankle, toe, FOOT_R[0], FOOT_R[1]),
        _capsule(style, sh, el, ARM_R[0], ARM_R[1]),
        _capsule(style, el, wr, ARM_R[1], ARM_R[2]),
        _circle(style, hand, HAND_R),
    ]


def _head(j: Joints, view: View, face: int, behind: bool) -> list[Shape]:
    """The head, with the way it faces: a nose and an eye in side view, two eyes seen from the
    front, the back of the head (hair) seen from behind."""
    r = dims_for(view).head_r
    ch, hd = xy(j, "chest"), xy(j, "head")
    dx, dy = _unit(ch, hd)
    if view == "front" and behind:
        return [Shape("hair", "circle", (hd,), r)]
    head = Shape("head", "circle", (hd,), r)
    if view == "front":
        px, py = dy, -dx
        return [
            head,
            _circle("eye", (hd[0] + dx * 1.5 + px * 3.6, hd[1] + dy * 1.5 + py * 3.6), 1.5),
            _circle("eye", (hd[0] + dx * 1.5 - px * 3.6, hd[1] + dy * 1.5 - py * 3.6), 1.5),
        ]
    fx, fy = (dy, -dx) if face < 0 else (-dy, dx)  # the way the face looks
    tip = (hd[0] + fx * (r + 3.8), hd[1] + fy * (r + 3.8))
    up = (hd[0] + fx * (r - 1.5) + dx * 3.2, hd[1] + fy * (r - 1.5) + dy * 3.2)
    down = (hd[0] + fx * (r - 1.5) - dx * 1.4, hd[1] + fy * (r - 1.5) - dy * 1.4)
    eye = (hd[0] + fx * r * 0.45 + dx * r * 0.28, hd[1] + fy * r * 0.45 + dy * r * 0.28)
    return [
        Shape("nose", "poly", (up, tip, down)),
        head,
        _circle("eye", eye, 1.5),
    ]


def _body(
    j: Joints, view: View, face: int = -1, behind: bool = False
) -> tuple[list[Shape], list[Shape], list[Shape]]:
    """Far limbs, trunk and head, near limbs."""
    r = dims_for(view).head_r
    p, lu, ch, hd = (xy(j, n) for n in ("pelvis", "lumbar", "chest", "head"))
    ctrl = (2 * lu[0] - (p[0] + ch[0]) / 2, 2 * lu[1] - (p[1] + ch[1]) / 2)
    nx, ny = hd[0] - ch[0], hd[1] - ch[1]
    n = math.hypot(nx, ny) or 1.0
    k = max(0.0, (n - r) / n)
    neck = Shape("neck", "line", (ch, (ch[0] + nx * k, ch[1] + ny * k)), pad=NECK_W / 2)
    if view == "front":
        torso = Shape(
            "torso",
            "poly",
            (xy(j, "r_hip"), xy(j, "l_hip"), xy(j, "l_shoulder"), xy(j, "r_shoulder")),
            pad=5.0,
        )
        trunk = [neck, torso]
        if behind:  # the spine seen from behind shows the glide
            trunk.append(Shape("spine_line", "curve", (p, ctrl, ch)))
        trunk += _head(j, view, face, behind)
        return [], trunk, _limbs(j, "r", "near") + _limbs(j, "l", "near")
    trunk = [neck, Shape("trunk", "curve", (p, ctrl, ch), pad=TRUNK_W / 2)]
    trunk += _head(j, view, face, behind)
    return _limbs(j, "r", "far"), trunk, _limbs(j, "l", "near")


def scene(fig: Figure, frame: Frame) -> tuple[Joints, list[Shape]]:
    """Joint positions and shapes (in drawing order) of one frame of a figure."""
    j = solve(frame, fig.view)
    far, trunk, near = _body(j, fig.view, frame.face, fig.behind)
    back = [s for p in fig.props if p.layer == "back" for s in p.shapes(j)]
    front = [s for p in fig.props if p.layer != "back" for s in p.shapes(j)]
    shapes = back + far + trunk + near + front
    if fig.mirror:
        j, shapes = mirror_joints(j), [s.mirrored() for s in shapes]
    if fig.behind:  # seen from behind: the patient's left is on the viewer's left too
        j = {n: (-x, y, z) for n, (x, y, z) in j.items()}
        shapes = [s.mirrored() for s in shapes]
    return j, shapes


@lru_cache(maxsize=512)
def _key_scenes(fig: Figure) -> tuple[tuple[Joints, tuple[Shape, ...]], ...]:
    return tuple((j, tuple(shapes)) for j, shapes in (scene(fig, f) for f in fig.frames))


def key_scenes(fig: Figure) -> list[tuple[Joints, list[Shape]]]:
    """Joints and shapes of each key frame (computed once per figure; the lists are copies)."""
    return [(dict(j), list(shapes)) for j, shapes in _key_scenes(fig)]


def _ease(t: float) -> float:
    return t * t * (3 - 2 * t)


STEPS = 10  # in-betweens of a movement arrow's path
ANIM_STEPS = 7  # in-betweens per movement in the animation (SMIL interpolates between them)


def path_between(fig: Figure, i: int, k: int, steps: int = STEPS) -> list[Frame]:
    """In-between frames from key frame ``i`` to ``k`` (both included), eased."""
    a, b = fig.frames[i], fig.frames[k]
    return [blend(a, b, _ease(s / steps), fig.view) for s in range(steps + 1)]


def sequence(fig: Figure) -> list[int]:
    n = len(fig.frames)
    if fig.loop == "cycle":
        return [*range(n), 0]
    return [*range(n), *range(n - 2, -1, -1)]


def timeline(fig: Figure) -> tuple[float, list[tuple[float, Frame]]]:
    """The animation: its duration in seconds and (time, frame) samples, holds included."""
    seq = sequence(fig)
    samples: list[tuple[float, Frame]] = [(0.0, fig.frames[seq[0]])]
    t = 0.0
    for i, k in itertools.pairwise(seq):
        t += fig.hold
        samples.append((t, fig.frames[i]))
        for f in path_between(fig, i, k, ANIM_STEPS)[1:]:
            t += fig.move / ANIM_STEPS
            samples.append((t, f))
    return t, samples


def joint_path(fig: Figure, i: int, k: int, name: str) -> list[P3]:
    return [scene(fig, f)[0][name] for f in path_between(fig, i, k)]
