"""The stick-figure model: key frames given as joint angles, solved to 2-D joint positions.

Coordinates are world units of roughly one centimetre, ``x`` to the viewer's right and ``y``
UP, with the floor at ``y = 0``. Angles are absolute, in degrees, counter-clockwise from the
``+x`` axis: 0 points right, 90 up, 180 left, -90 down.

Views and sides
---------------
*Side view*: the figure faces the viewer's right (``+x``) when standing, so the patient's
LEFT side is nearer the viewer; ``left_*`` limbs are drawn darker (near), ``right_*`` lighter
(far). Hips and shoulders are single points.

*Front view*: the viewer looks at the patient's front, so the patient's LEFT appears on the
viewer's RIGHT (``+x``). The pelvis and shoulders get a width. A side glide "to the left"
moves the shoulders to the patient's left relative to the pelvis, i.e. ``chest.x > pelvis.x``.

Bone lengths are constants of the view (:class:`Dims`), so every solved pose has the same bone
lengths by construction. A limb is given either by its segment angles (:class:`Bend`) or by a
target for its end joint (:class:`Reach`, a two-bone inverse kinematics solve that keeps the
lengths; an out-of-reach target straightens the limb towards it).

Joint positions are 3-D, ``(x, y, z)`` with ``z`` towards the viewer, so movements out of the
picture plane keep their true bone lengths: a front view may ``lean`` the trunk backwards
(extension seen from the front) and a :class:`Bend` may ``pitch`` a segment towards the viewer
(arms pushing straight forward in a front-view Pallof press). Only ``x`` and ``y`` are drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

__all__ = [
    "BONES",
    "FRONT",
    "P3",
    "SIDE",
    "Bend",
    "Dims",
    "Frame",
    "Joints",
    "Limb",
    "Point",
    "Reach",
    "View",
    "blend",
    "dims_for",
    "mirror_joints",
    "solve",
    "two_bone",
]

Point = tuple[float, float]
P3 = tuple[float, float, float]
Joints = dict[str, P3]
View = Literal["side", "front"]


@dataclass(frozen=True)
class Dims:
    lumbar: float
    thoracic: float
    neck: float  # neck base (chest) to the centre of the head
    head_r: float
    upper_arm: float
    forearm: float
    thigh: float
    shin: float
    foot: float
    hip_w: float  # half the pelvis width (front view); 0 in side view
    shoulder_w: float  # half the shoulder width (front view); 0 in side view


SIDE = Dims(22, 30, 18, 10, 29, 27, 44, 43, 18, 0, 0)
FRONT = Dims(22, 30, 18, 10, 29, 27, 44, 43, 9, 9, 17)


def dims_for(view: View) -> Dims:
    return SIDE if view == "side" else FRONT


# (from, to, Dims field) for every bone.
BONES: tuple[tuple[str, str, str], ...] = (
    ("pelvis", "lumbar", "lumbar"),
    ("lumbar", "chest", "thoracic"),
    ("chest", "head", "neck"),
    ("l_shoulder", "l_elbow", "upper_arm"),
    ("l_elbow", "l_wrist", "forearm"),
    ("r_shoulder", "r_elbow", "upper_arm"),
    ("r_elbow", "r_wrist", "forearm"),
    ("l_hip", "l_knee", "thigh"),
    ("l_knee", "l_ankle", "shin"),
    ("l_ankle", "l_toe", "foot"),
    ("r_hip", "r_knee", "thigh"),
    ("r_knee", "r_ankle", "shin"),
    ("r_ankle", "r_toe", "foot"),
    ("pelvis", "l_hip", "hip_w"),
    ("pelvis", "r_hip", "hip_w"),
    ("chest", "l_shoulder", "shoulder_w"),
    ("chest", "r_shoulder", "shoulder_w"),
)


@dataclass(frozen=True)
class Bend:
    """A limb by absolute segment angles: upper (thigh/upper arm), lower (shin/forearm), end.

    ``pitch`` tilts the upper and lower segments towards the viewer (degrees), out of the
    picture plane; they then look shorter but keep their length.
    """

    upper: float
    lower: float
    end: float = 0.0  # foot angle; ignored for arms
    pitch: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True)
class Reach:
    """A limb whose end (wrist or ankle) reaches for ``(x, y)`` in the picture plane.

    ``rel`` names a joint the target is relative to (solved earlier: trunk joints, hips and
    shoulders, and for arms also the leg joints). ``bend`` puts the middle joint
    counter-clockwise (+1) or clockwise (-1) of the line from the limb root to the target, or
    (0) towards the viewer: elbows flared out to the side, seen on the line in the picture.
    """

    x: float
    y: float
    bend: int = 1
    end: float = 0.0
    rel: str | None = None


Limb = Bend | Reach

_HANG_ARM = Bend(-90, -90)
_HANG_LEG = Bend(-90, -90, 0)


@dataclass(frozen=True)
class Frame:
    """One key frame: where the pelvis is and how every segment points."""

    root: Point
    spine: tuple[float, float] = (90.0, 90.0)  # lumbar, thoracic segment angles
    neck: float = 90.0
    left_arm: Limb = _HANG_ARM
    right_arm: Limb = _HANG_ARM
    left_leg: Limb = _HANG_LEG
    right_leg: Limb = _HANG_LEG
    axis: float = 90.0  # front view: the pelvis line is perpendicular to this
    lean: float = 0.0  # front view: trunk tilt backwards out of the picture plane, degrees
    yaw: float = 0.0  # turn the whole body about the vertical through the pelvis, degrees
    # side view: which side of the pelvis→chest line the front of the body is on, -1 clockwise
    # (standing facing +x, lying face down) or +1 counter-clockwise (lying on the back)
    face: int = -1

    def but(self, **changes: object) -> Frame:
        """A copy with some fields changed (the way exercises vary a base posture)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def moved(self, dx: float = 0.0, dy: float = 0.0) -> Frame:
        """The same posture with the pelvis (and every absolute reach target) moved."""

        def shift(limb: Limb) -> Limb:
            if isinstance(limb, Reach) and limb.rel is None:
                return replace(limb, x=limb.x + dx, y=limb.y + dy)
            return limb

        return replace(
            self,
            root=(self.root[0] + dx, self.root[1] + dy),
            left_arm=shift(self.left_arm),
            right_arm=shift(self.right_arm),
            left_leg=shift(self.left_leg),
            right_leg=shift(self.right_leg),
        )


def _seg(p: P3, length: float, deg: float, pitch: float = 0.0, lean: float = 0.0) -> P3:
    a, t, le = math.radians(deg), math.radians(pitch), math.radians(lean)
    dx, dy, dz = math.cos(t) * math.cos(a), math.cos(t) * math.sin(a), math.sin(t)
    if le:
        dy, dz = dy * math.cos(le) - dz * math.sin(le), -dy * math.sin(le) + dz * math.cos(le)
    return (p[0] + length * dx, p[1] + length * dy, p[2] + length * dz)


def two_bone(root: P3, target: Point, a: float, b: float, bend: int) -> tuple[P3, P3]:
    dx, dy = target[0] - root[0], target[1] - root[1]
    d = math.hypot(dx, dy)
    d = min(max(d, abs(a - b) + 1e-6, 1e-6), a + b)
    base = math.atan2(dy, dx)
    cos_alpha = (a * a + d * d - b * b) / (2 * a * d)
    alpha = math.acos(min(1.0, max(-1.0, cos_alpha)))
    end = (root[0] + d * math.cos(base), root[1] + d * math.sin(base), root[2])
    if bend == 0:  # the middle joint swings towards the viewer, out of the picture plane
        along, out = a * math.cos(alpha), a * math.sin(alpha)
        mid = (root[0] + along * math.cos(base), root[1] + along * math.sin(base), root[2] + out)
        return mid, end
    ang = base + bend * alpha
    mid = (root[0] + a * math.cos(ang), root[1] + a * math.sin(ang), root[2])
    return mid, end


def _limb(j: Joints, side: str, kind: str, limb: Limb, dims: Dims) -> tuple[P3, P3]:
    root = j[f"{side}_{'hip' if kind == 'leg' else 'shoulder'}"]
    a, b = (dims.thigh, dims.shin) if kind == "leg" else (dims.upper_arm, dims.forearm)
    if isinstance(limb, Bend):
        mid = _seg(root, a, limb.upper, limb.pitch[0])
        return mid, _seg(mid, b, limb.lower, limb.pitch[1])
    ox, oy = (j[limb.rel][0], j[limb.rel][1]) if limb.rel else (0.0, 0.0)
    return two_bone(root, (ox + limb.x, oy + limb.y), a, b, limb.bend)


def solve(frame: Frame, view: View) -> Joints:
    """Joint positions of one frame."""
    dims = dims_for(view)
    lean = frame.lean if view == "front" else 0.0
    root: P3 = (frame.root[0], frame.root[1], 0.0)
    j: Joints = {"pelvis": root}
    j["lumbar"] = _seg(root, dims.lumbar, frame.spine[0], lean=lean)
    j["chest"] = _seg(j["lumbar"], dims.thoracic, frame.spine[1], lean=lean)
    j["head"] = _seg(j["chest"], dims.neck, frame.neck, lean=lean)
    if view == "front":
        j["l_hip"] = _seg(root, dims.hip_w, frame.axis - 90)
        j["r_hip"] = _seg(root, dims.hip_w, frame.axis + 90)
        j["l_shoulder"] = _seg(j["chest"], dims.shoulder_w, frame.spine[1] - 90)
        j["r_shoulder"] = _seg(j["chest"], dims.shoulder_w, frame.spine[1] + 90)
    else:
        j["l_hip"] = j["r_hip"] = root
        j["l_shoulder"] = j["r_shoulder"] = j["chest"]
    for side, leg in (("r", frame.right_leg), ("l", frame.left_leg)):
        j[f"{side}_knee"], ankle = _limb(j, side, "leg", leg, dims)
        j[f"{side}_ankle"] = ankle
        j[f"{side}_toe"] = _seg(ankle, dims.foot, leg.end)
    for side, arm in (("l", frame.left_arm), ("r", frame.right_arm)):
        j[f"{side}_elbow"], j[f"{side}_wrist"] = _limb(j, side, "arm", arm, dims)
    if frame.yaw:
        c, s = math.cos(math.radians(frame.yaw)), math.sin(math.radians(frame.yaw))
        x0 = root[0]
        j = {n: (x0 + (x - x0) * c + z * s, y, z * c - (x - x0) * s) for n, (x, y, z) in j.items()}
    return j


def mirror_joints(j: Joints) -> Joints:
    """The mirror image about ``x = 0``, with the patient's sides swapped."""
    swap = {"l_": "r_", "r_": "l_"}
    return {swap.get(n[:2], n[:2]) + n[2:]: (-x, y, z) for n, (x, y, z) in j.items()}


@lru_cache(maxsize=1024)
def _solved(frame: Frame, view: View) -> Joints:
    """:func:`solve`, remembered: blending asks for the same two key frames many times.
    Read-only for callers."""
    return solve(frame, view)


def _lerp(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def _lerp_angle(a: float, b: float, t: float) -> float:
    return a + ((b - a + 180.0) % 360.0 - 180.0) * t


def _direction(a: P3, b: P3) -> tuple[float, float]:
    """In-plane angle and pitch of the segment a→b, degrees."""
    dx, dy, dz = b[0] - a[0], b[1] - a[1], b[2] - a[2]
    return math.degrees(math.atan2(dy, dx)), math.degrees(math.atan2(dz, math.hypot(dx, dy)))


def _as_bend(j: Joints, side: str, kind: str) -> Bend:
    names = ("hip", "knee", "ankle") if kind == "leg" else ("shoulder", "elbow", "wrist")
    r, m, e = (j[f"{side}_{n}"] for n in names)
    (ua, up), (la, lp) = _direction(r, m), _direction(m, e)
    foot = _direction(e, j[f"{side}_toe"])[0] if kind == "leg" else 0.0
    return Bend(ua, la, foot, (up, lp))


def _blend_limb(a: Limb, b: Limb, ja: Joints, jb: Joints, side: str, kind: str, t: float) -> Limb:
    if isinstance(a, Bend) and isinstance(b, Bend):
        return Bend(
            _lerp(a.upper, b.upper, t),
            _lerp(a.lower, b.lower, t),
            _lerp(a.end, b.end, t),
            (_lerp(a.pitch[0], b.pitch[0], t), _lerp(a.pitch[1], b.pitch[1], t)),
        )
    if isinstance(a, Reach) and isinstance(b, Reach) and (a.rel, a.bend) == (b.rel, b.bend):
        return Reach(_lerp(a.x, b.x, t), _lerp(a.y, b.y, t), a.bend, _lerp(a.end, b.end, t), a.rel)
    ba, bb = _as_bend(ja, side, kind), _as_bend(jb, side, kind)
    return Bend(
        _lerp_angle(ba.upper, bb.upper, t),
        _lerp_angle(ba.lower, bb.lower, t),
        _lerp_angle(ba.end, bb.end, t),
        (_lerp(ba.pitch[0], bb.pitch[0], t), _lerp(ba.pitch[1], bb.pitch[1], t)),
    )


def blend(a: Frame, b: Frame, t: float, view: View) -> Frame:
    """The frame a fraction ``t`` of the way from ``a`` to ``b`` (angles move, lengths stay)."""
    if t <= 0.0:
        return a
    if t >= 1.0:
        return b
    ja, jb = _solved(a, view), _solved(b, view)
    return Frame(
        root=(_lerp(a.root[0], b.root[0], t), _lerp(a.root[1], b.root[1], t)),
        spine=(_lerp(a.spine[0], b.spine[0], t), _lerp(a.spine[1], b.spine[1], t)),
        neck=_lerp(a.neck, b.neck, t),
        left_arm=_blend_limb(a.left_arm, b.left_arm, ja, jb, "l", "arm", t),
        right_arm=_blend_limb(a.right_arm, b.right_arm, ja, jb, "r", "arm", t),
        left_leg=_blend_limb(a.left_leg, b.left_leg, ja, jb, "l", "leg", t),
        right_leg=_blend_limb(a.right_leg, b.right_leg, ja, jb, "r", "leg", t),
        axis=_lerp(a.axis, b.axis, t),
        lean=_lerp(a.lean, b.lean, t),
        yaw=_lerp(a.yaw, b.yaw, t),
        face=a.face,
    )
