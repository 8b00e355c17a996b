"""Poses as data: the key frames of every exercise figure, keyed by exercise code.

Every figure is built from a few base postures (standing, prone, supine, all fours, sitting,
side-lying and their front views) varied by a handful of angles; see :mod:`.model` for the
conventions (world units of about 1 cm, ``y`` up, the floor at ``y = 0``, absolute angles in
degrees counter-clockwise from ``+x``; in side view the patient faces ``+x`` and the LEFT
limbs are the near ones; in front view the patient's LEFT is on the viewer's RIGHT).

Paired ``_left``/``_right`` exercises are defined once, for the left, and the right is its
mirror image (:attr:`Figure.mirror`).
"""

from __future__ import annotations

import math
from dataclasses import replace

from .model import P3, Bend, Frame, Limb, Point, Reach, View, blend, solve, two_bone
from .scene import (
    Ball,
    Band,
    Belt,
    Bike,
    Box,
    Chair,
    Cranks,
    Dowel,
    Figure,
    Mat,
    Pillow,
    Plate,
    Post,
    PushArrow,
    Roll,
    Slider,
    Stairs,
    Suitcase,
    Table,
    Wall,
    Water,
    Weight,
    Wheel,
)

__all__ = ["FIGURES"]

G = 3.0  # height of a hand, knee or foot resting on the floor
LIE = 5.0  # height of the trunk of someone lying on the floor


# ---- building blocks -----------------------------------------------------------------------


def trunk(pelvis: Point, chest: Point, bend: int = 1) -> tuple[float, float]:
    """Lumbar and thoracic angles that put the chest at ``chest`` (curved by ``bend``)."""

    mid, end = two_bone((pelvis[0], pelvis[1], 0.0), chest, 22, 30, bend)
    lum = math.degrees(math.atan2(mid[1] - pelvis[1], mid[0] - pelvis[0]))
    tho = math.degrees(math.atan2(end[1] - mid[1], end[0] - mid[0]))
    return lum, tho


def turn(limb: Limb, deg: float) -> Limb:
    """A :class:`Bend` limb rotated with the trunk (reach targets stay where they are)."""
    if isinstance(limb, Bend):
        return Bend(limb.upper + deg, limb.lower + deg, limb.end, limb.pitch)
    return limb


def ground(frame: Frame, view: View = "side", y: float = G, names: tuple[str, ...] = ()) -> Frame:
    """Move the frame up or down so its lowest limb joint (or lowest of ``names``) is at ``y``."""
    j = solve(frame, view)
    keys = names or tuple(
        n for n in j if n.endswith(("_ankle", "_toe", "_knee", "_wrist", "_elbow"))
    )
    low = min(j[n][1] for n in keys)
    return frame.moved(dy=y - low)


def place(frame: Frame, name: str, at: Point, view: View = "side") -> Frame:
    """Move the frame so joint ``name`` lands at ``at``."""
    p = solve(frame, view)[name]
    return frame.moved(at[0] - p[0], at[1] - p[1])


def toes_down(frame: Frame) -> Frame:
    """Tuck the toes under so they rest on the floor (planks)."""
    j = solve(frame, "side")

    def foot(side: str, leg: Limb) -> Limb:
        if not isinstance(leg, Bend):
            return leg
        lift = min(1.0, max(0.0, (j[f"{side}_ankle"][1] - G) / 18.0))
        return Bend(leg.upper, leg.lower, -math.degrees(math.asin(lift)), leg.pitch)

    return frame.but(left_leg=foot("l", frame.left_leg), right_leg=foot("r", frame.right_leg))


def fig(view: View, *frames: Frame, **kw: object) -> Figure:
    return Figure(view, tuple(frames), **kw)  # type: ignore[arg-type]


# Side view, facing +x.
ARMS_CROSSED_L = Bend(-70, 105)
ARMS_CROSSED_R = Bend(-76, 100)
STAND = Frame(
    root=(0.0, 89.8),
    spine=(85.0, 95.0),
    neck=88.0,
    left_arm=Bend(-86, -80),
    right_arm=Bend(-95, -88),
    left_leg=Reach(3, G, 1, 0),
    right_leg=Reach(-3, G, 1, 0),
)
HANDS_ON_BACK_L = Reach(-10, -4, -1, rel="lumbar")
HANDS_ON_BACK_R = Reach(-10, -2, -1, rel="lumbar")

PRONE = Frame(
    root=(0.0, LIE),
    spine=(0.0, 0.0),
    neck=17.0,
    left_arm=Bend(183, 178),
    right_arm=Bend(182, 179),
    left_leg=Bend(180, 180, 178),
    right_leg=Bend(180, 180, 180),
)
PRESS_HANDS = (44.0, G + 1.5)  # beside the shoulders of someone lying flat
PRONE_HANDS = PRONE.but(
    left_arm=Reach(*PRESS_HANDS, 0), right_arm=Reach(PRESS_HANDS[0] - 3, PRESS_HANDS[1], 0)
)
HANDS_BY_CHEST = PRONE.but(left_arm=Reach(47, G, -1), right_arm=Reach(44, G, -1))

SUPINE_ARMS = (Bend(181, 179), Bend(182, 180))
SUPINE = Frame(
    root=(0.0, LIE),
    spine=(0.0, 0.0),
    neck=17.0,
    left_arm=SUPINE_ARMS[0],
    right_arm=SUPINE_ARMS[1],
    left_leg=Bend(180, 180, 92),
    right_leg=Bend(180, 180, 88),
    face=1,  # lying on the back: the face looks up
)
HOOK = SUPINE.but(left_leg=Reach(-48, G, -1, 180), right_leg=Reach(-52, G, -1, 180))

QUAD_HANDS = (50.0, G)
QUAD = Frame(
    root=(0.0, 47.0),
    spine=trunk((0.0, 47.0), (50.0, 59.0), 1),
    neck=15.0,
    left_arm=Reach(*QUAD_HANDS, -1),
    right_arm=Reach(QUAD_HANDS[0] - 3, G, -1),
    left_leg=Reach(-43, G + 1, 1, 180),
    right_leg=Reach(-45, G + 1.5, 1, 180),
)

SEAT = 44.0
SIT = Frame(
    root=(0.0, SEAT + 5),
    spine=(86.0, 94.0),
    neck=88.0,
    left_arm=Reach(-12, 7, -1, rel="l_knee"),
    right_arm=Reach(-15, 7, -1, rel="r_knee"),
    left_leg=Reach(46, G, 1, 0),
    right_leg=Reach(42, G, 1, 0),
)
SLUMP = SIT.but(spine=(118.0, 62.0), neck=50.0)


def chair(back: float = -14.0, front: float = 30.0, backrest: float = 44.0) -> Chair:
    return Chair(front, back, SEAT, backrest)


# Front view: the patient's left on the viewer's right.
FSTAND = Frame(
    root=(0.0, 89.6),
    spine=(90.0, 90.0),
    neck=90.0,
    left_arm=Bend(-82, -88),
    right_arm=Bend(-98, -92),
    left_leg=Reach(11, G, 1, 0),
    right_leg=Reach(-11, G, -1, 180),
)


def front_glide(amount: float, base: Frame = FSTAND) -> Frame:
    """A side glide to the patient's LEFT: hips move right (-x), shoulders stay over the feet."""
    lumbar = math.degrees(math.acos(amount / 22.0))
    drop = 22.0 * (1 - math.sin(math.radians(lumbar)))
    pelvis = (base.root[0] - amount, base.root[1] - drop * 0.4)
    return base.but(root=pelvis, spine=(lumbar, 90.0))


# ---- extension -----------------------------------------------------------------------------


def press_up(chest: Point, neck: float) -> Frame:
    """Hands fixed beside the chest, hips on the floor, the back arching to lift the chest."""
    return PRONE_HANDS.but(spine=trunk(PRONE.root, chest, -1), neck=neck)


PRESS_START = PRONE_HANDS
PRESS_MID = press_up((44.0, 26.0), 34.0)
PRESS_TOP = press_up((31.0, 45.0), 50.0)
PRESS_SAG = press_up((30.5, 42.0), 52.0)  # breathe out: the low back sinks, arms stay long
PRESS_END = press_up((29.0, 45.5), 58.0)

ELBOW_CHEST = (41.5, 33.0)  # upper arm straight down onto the elbow, forearms forward
ELBOWS = PRONE.but(
    spine=trunk(PRONE.root, ELBOW_CHEST, -1),
    neck=36.0,
    left_arm=Bend(270, 0),
    right_arm=Bend(269, 1),
)
ELBOWS_START = PRONE.but(left_arm=Bend(180, 0), right_arm=Bend(181, 1))
ELBOWS_MID = PRONE.but(
    spine=trunk(PRONE.root, (46.0, 19.0), -1),
    neck=26.0,
    left_arm=Bend(211, 0),
    right_arm=Bend(212, 1),
)


def stand_ext(amount: float) -> Frame:
    return STAND.but(
        root=(STAND.root[0] + amount * 0.25, STAND.root[1] - amount * 0.03),
        spine=(85.0 + amount * 0.9, 95.0 + amount * 1.5),
        neck=88.0 + amount * 1.3,
        left_arm=HANDS_ON_BACK_L,
        right_arm=HANDS_ON_BACK_R,
    )


def stand_flex(hip: float, amount: float, hands: float) -> Frame:
    """Standing flexion: pelvis back by ``hip``, trunk curled by ``amount`` degrees."""
    return STAND.but(
        root=(STAND.root[0] - hip, STAND.root[1] - hip * 0.1),
        spine=(85.0 - amount * 0.6, 95.0 - amount * 1.45),
        neck=88.0 - amount * 1.45,
        left_arm=Reach(8, hands, 1, rel="l_ankle"),
        right_arm=Reach(5, hands + 2, 1, rel="r_ankle"),
    )


def lying_flexion(pull: float) -> Frame:
    """Knees pulled to the chest; ``pull`` 0..1, the pelvis curling up at the end."""
    return SUPINE.but(
        root=(0.0, LIE + 5 * pull),
        spine=(-14.0 * pull, 0.0),
        left_leg=Bend(95 - 63 * pull, 200 - 15 * pull, 200),
        right_leg=Bend(98 - 63 * pull, 203 - 15 * pull, 203),
        left_arm=Reach(2, 4, 1, rel="l_knee"),
        right_arm=Reach(0, 2, 1, rel="r_knee"),
    )


def glide_label(side: str) -> str:
    """The words a side-glide picture carries: where the shoulders and the hips go."""
    other = "right" if side == "left" else "left"
    return f"shoulders → your {side} · hips → your {other}"


def glide_pair(base: str, f: Figure) -> dict[str, Figure]:
    return {f"{base}_left": f, f"{base}_right": replace(f, mirror=True)}


def behind_pair(base: str, f: Figure, then: str = "") -> dict[str, Figure]:
    """A left/right pair drawn as seen from behind, each labelled with its own side (and
    ``then``, what follows the glide)."""
    end = f" · {then}" if then else ""
    left = replace(f, behind=True, label=glide_label("left") + end)
    right = replace(f, behind=True, mirror=True, label=glide_label("right") + end)
    return {f"{base}_left": left, f"{base}_right": right}


def _extension() -> dict[str, Figure]:
    table = Table(-120, 96, 42)
    out = {
        "prone_lying": fig(
            "side",
            PRONE,
            PRONE.but(spine=(1.5, -1.0), neck=16.0, left_arm=Bend(184, 177)),
            track=("",),
        ),
        "prone_on_elbows": fig("side", ELBOWS_START, ELBOWS_MID, ELBOWS, track=("head", "head")),
        "prone_press_up": fig("side", PRESS_START, PRESS_MID, PRESS_TOP, track=("head", "head")),
        "prone_press_up_sag": fig(
            "side", PRESS_START, PRESS_TOP, PRESS_SAG, track=("head", "lumbar"), arrow_side=-1
        ),
        "press_up_overpressure": fig(
            "side",
            PRESS_START,
            PRESS_TOP,
            props=(table, Belt(), PushArrow("lumbar", -90, 20, 9)),
            floor=False,
            track=("head",),
        ),
        "end_range_extension_lying": fig(
            "side",
            PRESS_START,
            PRESS_TOP,
            PRESS_END,
            track=("head", "lumbar"),
            arrow_side=-1,
        ),
        "standing_back_extension": fig("side", stand_ext(0), stand_ext(22), track=("head",)),
        "end_range_extension_standing": fig(
            "side", stand_ext(0), stand_ext(22), stand_ext(34), track=("head", "head")
        ),
    }
    return out


# ---- lateral ---------------------------------------------------------------------------------


def _lateral() -> dict[str, Figure]:
    out: dict[str, Figure] = {}
    out |= behind_pair(
        "side_glide_standing",
        fig(
            "front",
            FSTAND,
            front_glide(11),
            track=("pelvis",),
            arrow_shift=(-30.0, 0.0),
            arrow_offset=0.0,
            arrow_min=26.0,
        ),
    )
    out |= behind_pair(
        "end_range_side_glide",
        fig(
            "front",
            FSTAND,
            front_glide(11),
            front_glide(15),
            track=("pelvis", "pelvis"),
            arrow_shift=(-30.0, 0.0),
            arrow_offset=0.0,
            arrow_min=20.0,
        ),
    )
    # Right side towards a wall (the patient's right), the right elbow tucked into the side and
    # that shoulder resting on the wall, the left hand on the left hip; feet a foot away.
    wall_base = FSTAND.but(
        root=(12.0, 89.6),
        left_leg=Reach(19, G, 1, 0),
        right_leg=Reach(7, G, -1, 180),
        right_arm=Bend(-92, 40),
        left_arm=Reach(3, 3, 1, rel="l_hip"),
    )
    pushed = front_glide(11, wall_base)
    wall_x = solve(wall_base, "front")["r_shoulder"][0] - 6.0
    out |= behind_pair(
        "shift_correction_wall",
        fig(
            "front",
            wall_base,
            pushed,
            props=(Wall(wall_x, 190.0, -1),),
            track=("pelvis",),
            arrow_shift=(0.0, -30.0),
            arrow_min=24.0,
        ),
    )
    glide = front_glide(11)
    hands = {
        "left_arm": Reach(7, 12, 1, rel="pelvis"),
        "right_arm": Reach(-7, 12, -1, rel="pelvis"),
    }
    out |= behind_pair(
        "side_glide_then_extension",
        fig(
            "front",
            FSTAND,
            glide,
            glide.but(**hands),
            glide.but(lean=28.0, **hands),
            track=("pelvis", "", ""),
            arrow_shift=(-30.0, 0.0),
            arrow_offset=0.0,
            arrow_min=26.0,
        ),
        then="hands on your low back, lean back",
    )
    return out


# ---- flexion ---------------------------------------------------------------------------------


def _flexion() -> dict[str, Figure]:
    sit_flex = SIT.but(
        spine=(40.0, -38.0),
        neck=-80.0,
        left_arm=Reach(50, G + 4, 1),
        right_arm=Reach(46, G + 6, 1),
    )
    sit_mid = SIT.but(
        spine=(68.0, 20.0),
        neck=-10.0,
        left_arm=Reach(2, 12, 1, rel="l_knee"),
        right_arm=Reach(-1, 12, 1, rel="r_knee"),
    )
    step_chair = Chair(22, 62, SEAT, 40)
    step = STAND.but(left_leg=Reach(36, SEAT + G, 1, 0))
    step_flex = step.but(
        root=(STAND.root[0] - 2, STAND.root[1] - 1),
        spine=(55.0, 5.0),
        neck=-30.0,
        left_arm=Reach(-2, 16, 1, rel="l_ankle"),
        right_arm=Reach(-5, 20, 1, rel="l_ankle"),
    )
    lying = fig(
        "side",
        HOOK,
        lying_flexion(0.55),
        lying_flexion(1.0),
        track=("l_knee", "l_knee"),
    )
    long_sit = Frame(
        root=(0.0, 9.0),
        spine=(94.0, 88.0),
        neck=88.0,
        left_arm=Reach(-10, 10, -1, rel="l_knee"),
        right_arm=Reach(-14, 10, -1, rel="r_knee"),
        left_leg=Bend(-4, -1, 80),
        right_leg=Bend(-4, -2, 78),
    )
    long_reach = long_sit.but(
        spine=(50.0, 18.0),
        neck=5.0,
        left_arm=Reach(-2, 12, 1, rel="l_toe"),
        right_arm=Reach(-6, 12, 1, rel="l_toe"),
    )
    return {
        "flexion_in_lying": lying,
        "end_range_flexion_lying": replace(
            lying, frames=(HOOK, lying_flexion(0.7), lying_flexion(1.15))
        ),
        "flexion_in_sitting": fig(
            "side", SIT, sit_mid, sit_flex, props=(chair(),), track=("head", "head")
        ),
        "flexion_in_standing": fig(
            "side", STAND, stand_flex(8, 30, 50), stand_flex(14, 62, 18), track=("head", "head")
        ),
        "end_range_flexion_standing": fig(
            "side", STAND, stand_flex(14, 70, 12), stand_flex(19, 104, 2), track=("head", "head")
        ),
        "yoga_forward_bend": fig(
            "side",
            STAND.but(left_leg=Reach(1, G, 1, 0), right_leg=Reach(-1, G, 1, 0)),
            stand_flex(18, 86, 0).but(
                neck=-100.0,
                left_leg=Reach(1, G, 1, 0),
                right_leg=Reach(-1, G, 1, 0),
                left_arm=Reach(18, 0, 1, rel="l_toe"),
                right_arm=Reach(14, 0, 1, rel="l_toe"),
            ),
            track=("head",),
        ),
        "flexion_step_standing": fig("side", step, step_flex, props=(step_chair,), track=("head",)),
        "long_sitting_flexion": fig("side", long_sit, long_reach, track=("head",)),
    }


# ---- anti-movement core ------------------------------------------------------------------------


def _planks() -> dict[str, Figure]:
    elbow_x = 90.0
    shoulder = (elbow_x, 33.0)

    def on_elbows(pelvis: Point, bend: int = -1) -> Frame:
        return PRONE.but(
            root=pelvis,
            spine=trunk(pelvis, shoulder, bend),
            neck=30.0,
            left_arm=Bend(-90, 0),
            right_arm=Bend(-92, 1),
        )

    knee = (0.0, G + 1)
    k_angle = 17.6

    hip = (
        knee[0] + 44 * math.cos(math.radians(k_angle)),
        knee[1] + 44 * math.sin(math.radians(k_angle)),
    )
    knee_down = on_elbows((hip[0] + 4, LIE)).but(
        left_leg=Bend(180, 180, 180), right_leg=Bend(180, 180, 182)
    )
    knee_up = on_elbows(hip).but(
        spine=(k_angle + 1, k_angle - 1),
        neck=k_angle + 4,
        left_leg=Bend(180 + k_angle, 180, 180),
        right_leg=Bend(180 + k_angle, 181, 182),
    )
    # front plank: straight from shoulders to heels, toes tucked under.
    flat = 6.5
    plank = place(
        on_elbows((0.0, 0.0)).but(
            spine=(flat + 1, flat - 1),
            neck=flat + 8,
            left_leg=Bend(180 + flat, 180 + flat, -75),
            right_leg=Bend(180 + flat, 180 + flat, -77),
        ),
        "chest",
        shoulder,
    )
    plank = toes_down(plank)
    plank_down = on_elbows((plank.root[0] + 2, LIE + 1)).but(
        left_leg=Bend(180, 158, -75), right_leg=Bend(180, 158, -77)
    )
    saw = toes_down(place(plank, "chest", (shoulder[0] - 14, shoulder[1] - 1))).but(
        left_arm=Reach(elbow_x + 27, G + 1, -1), right_arm=Reach(elbow_x + 26, G + 1, -1)
    )
    plank_saw = plank.but(
        left_arm=Reach(elbow_x + 27, G + 1, -1), right_arm=Reach(elbow_x + 26, G + 1, -1)
    )
    # stir the pot: forearms on a ball, body straight from the feet.
    ball = Ball((100.0, 30.0), 30.0)
    pot = place(
        on_elbows((0.0, 0.0)).but(
            spine=(24.0, 22.0),
            neck=30.0,
            left_leg=Bend(203, 203, -80),
            right_leg=Bend(203, 203, -82),
        ),
        "chest",
        (86.0, 84.0),
    )
    pot = ground(pot, names=("l_toe",))

    def stir(dx: float) -> Frame:
        return pot.but(left_arm=Reach(112 + dx, 62.0, -1), right_arm=Reach(108 + dx, 62.0, -1))

    return {
        "knee_plank": fig("side", knee_down, knee_up, track=("pelvis",)),
        "front_plank": fig("side", plank_down, plank, track=("pelvis",)),
        "body_saw": fig(
            "side",
            plank_saw,
            saw,
            props=(Slider("l_toe"),),
            track=("chest",),
        ),
        "stir_the_pot": fig(
            "side",
            stir(-8),
            stir(4),
            stir(10),
            props=(ball,),
            loop="cycle",
            track=("l_wrist", "l_wrist"),
        ),
    }


def on_all_fours(bend: int, neck: float) -> Frame:
    """On all fours with straight arms, hands under the shoulders and knees under the hips;
    the back rounds up (``bend`` +1) or dips (-1) between them, which stay where they are."""
    root = (0.0, 48.0)
    chest = (49.0, 58.6)
    return QUAD.but(
        root=root,
        spine=trunk(root, chest, bend),
        neck=neck,
        left_arm=Reach(chest[0] + 1.5, G, -1),
        right_arm=Reach(chest[0] - 1.5, G, -1),
    )


REACH_NECK = -15.0  # on all fours with an arm reaching forward: eyes on the floor


def _quadruped() -> dict[str, Figure]:
    # the reaching arm goes forward at about ear height and the eyes look at the floor, so in
    # a side view the arm passes over the top of the head rather than across the face
    arm_out = Bend(18, 16)
    leg_out = Bend(178, 182, 188)
    a = QUAD.but(left_arm=arm_out, right_leg=leg_out, neck=REACH_NECK)
    b = QUAD.but(right_arm=Bend(20, 18), left_leg=Bend(178, 180, 186), neck=REACH_NECK)
    cat, camel = on_all_fours(1, -60.0), on_all_fours(-1, 45.0)
    child = QUAD.but(
        root=(-38.0, 27.5),
        spine=(12.0, -16.0),
        neck=-38.0,
        left_arm=Reach(66, G + 1, -1),
        right_arm=Reach(63, G + 1, -1),
    )
    wheel_start = QUAD.but(
        root=(6.1, 47.6),
        spine=trunk((6.1, 47.6), (54.0, 66.0), 1),
        neck=10.0,
        left_arm=Reach(57, 11, -1),
        right_arm=Reach(55, 11, -1),
    )
    wheel_mid = QUAD.but(
        root=(28.3, 37.7),
        spine=(32.0, 28.0),
        neck=22.0,
        left_arm=Reach(98, 11, -1),
        right_arm=Reach(96, 11, -1),
    )
    wheel_out = QUAD.but(
        root=(41.3, 19.0),
        spine=(20.0, 18.0),
        neck=22.0,
        left_arm=Reach(136, 11, -1),
        right_arm=Reach(134, 11, -1),
    )
    child_mid = QUAD.but(
        root=(-21.0, 43.0),
        spine=(15.0, 0.0),
        neck=-10.0,
        left_arm=Reach(60, G + 1, -1),
        right_arm=Reach(57, G + 1, -1),
    )
    arm_lift = QUAD.but(left_arm=arm_out, neck=REACH_NECK)
    leg_lift = QUAD.but(left_leg=Bend(182, 184, 186))
    return {
        "bird_dog": fig("side", a, QUAD, b, track=("l_wrist", "r_wrist")),
        "bird_dog_band": fig(
            "side", QUAD, a, props=(Band("l_wrist", "r_ankle"),), track=("l_wrist",)
        ),
        "quadruped_limb_lift": fig("side", arm_lift, QUAD, leg_lift, track=("l_wrist", "l_ankle")),
        "cat_camel": fig("side", cat, camel, track=("lumbar",), arrow_side=-1),
        "childs_pose": fig("side", QUAD, child_mid, child, track=("pelvis", "pelvis")),
        "ab_wheel_rollout": fig(
            "side",
            wheel_start,
            wheel_mid,
            wheel_out,
            props=(Wheel("l_wrist"),),
            track=("l_wrist", "l_wrist"),
        ),
    }


def _standing_core() -> dict[str, Figure]:
    def hinge(deg: float, knees: float) -> Frame:
        """Bent forward ``deg`` from the hips with a straight back, arms crossed on the chest."""
        a = math.radians(90.0 - deg)
        down, front = (-math.cos(a), -math.sin(a)), (math.sin(a), -math.cos(a))

        def on_chest(along: float, out: float) -> Reach:
            return Reach(
                down[0] * along + front[0] * out, down[1] * along + front[1] * out, 1, rel="chest"
            )

        return STAND.but(
            root=(-deg * 0.42, STAND.root[1] - knees),
            spine=(90.0 - deg, 90.0 - deg),
            neck=92.0 - deg,
            left_arm=on_chest(12.0, 9.0),
            right_arm=on_chest(10.0, 8.0),
        )

    def dowel(deg: float, knees: float) -> Frame:
        return hinge(deg, knees).but(
            left_arm=Reach(-13, -2, -1, rel="lumbar"),
            right_arm=Reach(-16, 2, 1, rel="head"),
        )

    def thighs(deg: float, knees: float) -> Frame:
        return hinge(deg, knees).but(
            left_arm=Reach(-2, 16, 1, rel="l_knee"),
            right_arm=Reach(-4, 18, 1, rel="l_knee"),
        )

    def goblet(deg: float, knees: float) -> Frame:
        return hinge(deg, knees).but(
            left_arm=Reach(10, -22, 1, rel="chest"),
            right_arm=Reach(8, -22, 1, rel="chest"),
        )

    return {
        "hip_hinge_hold": fig("side", thighs(0, 2), thighs(40, 6), track=("head",)),
        "goblet_squat": fig(
            "side", goblet(0, 2), goblet(25, 40), props=(Plate("l_wrist", 9.0),), track=("pelvis",)
        ),
        "back_extensor_hold": fig("side", hinge(0, 2), hinge(42, 4), track=("head",)),
        "hip_hinge_dowel": fig(
            "side", dowel(0, 2), dowel(48, 5), props=(Dowel(),), track=("head",)
        ),
    }


# The knee side plank is seen from in front and a little from the feet, so the shins, folded
# straight back behind the body, show along the floor instead of pointing at the viewer.
KNEE_PLANK_YAW = 35.0


def knee_behind(thigh: float, towards: float | None = None) -> Bend:
    """A leg in a front view with the knee bent to 90° and the shin back, behind the body
    (``thigh`` is the thigh's angle in the picture): straight back, or sloping a little
    towards the in-picture angle ``towards`` (the top leg's foot resting on the lower one)."""
    if towards is None:
        return Bend(thigh, thigh, 180.0, (0.0, -90.0))
    return Bend(thigh, towards, 180.0, (0.0, -76.0))


def folded_legs(thigh: float, axis: float) -> dict[str, Limb]:
    """Lying on the right side (front view, pelvis line across ``axis``): both knees bent
    with the shins back, the top foot resting on the lower one."""
    return {"right_leg": knee_behind(thigh), "left_leg": knee_behind(thigh, axis + 90.0)}


def _side_planks() -> dict[str, Figure]:
    """Front view, lying on the RIGHT side: head to the viewer's left, right forearm down."""
    elbow = (-60.0, G + 1)

    def body(rise: float, knees: bool = False) -> Frame:
        axis = 180.0 - rise
        leg = -rise
        if knees:
            legs = folded_legs(leg, axis)
        else:
            legs = {
                "left_leg": Bend(leg, leg, leg),
                "right_leg": Bend(leg, leg, leg),
            }
        f = FSTAND.but(
            root=(0.0, 0.0),
            axis=axis,
            spine=(axis, axis),
            neck=axis,
            right_arm=Bend(-90, 180, 0, (0.0, 70.0)),
            left_arm=Reach(-2, 8, -1, rel="l_hip"),
            **legs,
        )
        return place(f, "r_elbow", elbow, view="front")

    def down(rise: float, knees: bool = False) -> Frame:
        """Hips on the floor, propped on the forearm."""
        f = body(rise, knees)
        j = solve(f, "front")
        chest = (j["chest"][0], j["chest"][1])
        pelvis = (f.root[0] + 6, LIE + 8)
        flat = -2.0
        legs: dict[str, Limb]
        if knees:
            legs = folded_legs(flat, 180.0)
        else:
            legs = {"left_leg": Bend(flat, flat, flat), "right_leg": Bend(flat, flat, flat)}
        lum, tho = trunk(pelvis, chest, 1)
        f = f.but(root=pelvis, spine=(lum, tho), axis=tho, neck=tho + 5, **legs)
        drop = G + 1 - solve(f, "front")["r_elbow"][1]
        lum, tho = trunk(pelvis, (chest[0], chest[1] + drop), 1)
        f = f.but(spine=(lum, tho), axis=tho, neck=tho + 5)
        return f.but(**folded_legs(flat, tho)) if knees else f

    def solve_rise(knees: bool) -> float:
        """Rise angle that puts the lowest foot (or knee) just on the floor."""
        lo, hi = 0.0, 40.0
        name = "r_knee" if knees else "r_ankle"
        for _ in range(40):
            mid = (lo + hi) / 2
            y = solve(body(mid, knees), "front")[name][1]
            lo, hi = (mid, hi) if y > G + 1 else (lo, mid)
        return (lo + hi) / 2

    full, kn = solve_rise(False), solve_rise(True)
    plank, knee_plank = body(full), body(kn, True)
    lift = plank.but(left_leg=Bend(-full + 22, -full + 22, -full + 22))
    return {
        "side_plank": fig("front", down(full), plank, track=("pelvis",)),
        "knee_side_plank": fig(
            "front",
            down(kn, True).but(yaw=KNEE_PLANK_YAW),
            knee_plank.but(yaw=KNEE_PLANK_YAW),
            track=("pelvis",),
        ),
        "side_plank_leg_lift": fig("front", plank, lift, track=("l_ankle",)),
    }


def _front_core() -> dict[str, Figure]:
    # Pallof press, side view: the band is tied at chest height to the patient's right, i.e.
    # on the far side of the body in this view; the hands start on the breastbone and push
    # straight forward at chest height, square to the body.
    soft = STAND.but(
        root=(0.0, 88.6),
        spine=(90.0, 90.0),
        neck=90.0,
        left_leg=Reach(5, G, 1, 0),
        right_leg=Reach(-3, G, 1, 0),
    )
    chest_y = solve(soft, "side")["chest"][1]
    post = Post(-30.0, 165.0)
    anchor = (-30.0, chest_y - 2)
    chest_hands = soft.but(
        left_arm=Reach(12, -6, -1, rel="chest"), right_arm=Reach(10, -5, -1, rel="chest")
    )
    pressed = soft.but(left_arm=Bend(-5, -5), right_arm=Bend(-4, -4))
    pallof = fig(
        "side",
        chest_hands,
        pressed,
        props=(post, Band(anchor, "r_wrist")),
        track=("l_wrist",),
        arrow_straight=True,
        arrow_offset=0.0,
        arrow_shift=(0.0, 16.0),
        arrow_min=30.0,
        label="band tied at your side · push straight out in front",
    )
    walk_a = FSTAND.but(
        left_leg=Reach(11, G + 6, 1, 0), right_leg=Reach(-11, G, -1, 180), left_arm=Bend(-84, -84)
    )
    walk_b = FSTAND.but(
        left_leg=Reach(11, G, 1, 0), right_leg=Reach(-11, G + 6, -1, 180), left_arm=Bend(-84, -84)
    )
    walk_a, walk_b = ground(walk_a, "front"), ground(walk_b, "front")
    return {
        "pallof_press": pallof,
        "pallof_hold": replace(
            pallof,
            hold=2.5,
            held=True,
            track=("",),
            label="band tied at your side · push out in front and hold",
        ),
        "suitcase_carry": fig(
            "front",
            walk_a,
            walk_b,
            props=(Suitcase("r_wrist"),),
            track=("",),
        ),
        "wall_side_plank": _wall_side_plank(),
    }


def _wall_side_plank() -> Figure:
    """Side-on to the wall (the patient's right side, viewer's left), an arm's length away;
    the body leans in, straight from the feet, onto the right FOREARM: upper arm level from
    the shoulder to the wall, forearm flat up the wall."""
    upright = ground(
        FSTAND.but(
            root=(0.0, 89.6),
            left_leg=Reach(4, G, 1, 0),
            right_leg=Reach(-4, G, -1, 180),
            right_arm=Bend(-96, -94),
        ),
        "front",
    )
    j = solve(upright, "front")
    wall_x = j["r_shoulder"][0] - 58.0

    def leaning(lean: float) -> Frame:
        f = upright.but(
            axis=90 + lean,
            spine=(90 + lean, 90 + lean),
            neck=90 + lean,
            left_leg=Bend(lean - 90, lean - 90, 0),
            right_leg=Bend(lean - 90, lean - 90, 180),
            right_arm=Bend(180, 90),
            left_arm=Reach(2, 4, 1, rel="l_hip"),
        )
        f = ground(f, "front", names=("l_ankle", "r_ankle"))
        k = solve(f, "front")
        return f.moved(dx=-(k["l_ankle"][0] + k["r_ankle"][0]) / 2)

    lo, hi = 0.0, 40.0
    for _ in range(40):
        mid = (lo + hi) / 2
        elbow = solve(leaning(mid), "front")["r_elbow"][0]
        lo, hi = (mid, hi) if elbow > wall_x + 5.0 else (lo, mid)
    return fig(
        "front",
        upright,
        leaning((lo + hi) / 2),
        props=(Wall(wall_x, 190.0, -1),),
        track=("pelvis",),
        arrow_shift=(0.0, -20.0),
        held=True,
    )


# ---- supine strength and stretches -----------------------------------------------------------


def _supine() -> dict[str, Figure]:
    mcgill_arms = {
        "left_arm": Reach(-2, -2, 0, rel="lumbar"),
        "right_arm": Reach(2, -2, 0, rel="lumbar"),
    }
    mcgill = SUPINE.but(
        left_leg=Reach(-46, G, -1, 180), right_leg=Bend(180, 180, 88), **mcgill_arms
    )
    crossed = {"left_arm": Bend(150, -30), "right_arm": Bend(148, -32)}
    crunch = HOOK.but(spine=(0.0, 36.0), neck=48.0, **crossed)
    sit_half = HOOK.but(spine=(45.0, 80.0), neck=95.0, **crossed)
    sit_up = HOOK.but(root=(0.0, LIE + 2), spine=(100.0, 118.0), neck=120.0, **crossed)
    bug = SUPINE.but(
        left_arm=Bend(90, 90),
        right_arm=Bend(88, 88),
        left_leg=Bend(90, 180, 120),
        right_leg=Bend(92, 182, 122),
    )
    bug_a = bug.but(right_arm=Bend(20, 20), left_leg=Bend(165, 170, 100))
    bug_b = bug.but(left_arm=Bend(22, 22), right_leg=Bend(163, 168, 98))
    bridge_feet = {"left_leg": Reach(-45, G, -1, 180), "right_leg": Reach(-49, G, -1, 180)}
    bridge_start = HOOK.but(**bridge_feet)
    pelvis = (-5.0, 29.5)
    bridge_up = HOOK.but(
        root=pelvis, spine=trunk(pelvis, (52.0, 8.0), -1), neck=10.0, **bridge_feet
    )
    brace_arms = {
        "left_arm": Bend(188, 162, 0, (45.0, -45.0)),
        "right_arm": Bend(186, 160, 0, (45.0, -45.0)),
    }
    brace = HOOK.but(**brace_arms)
    knee_chest = HOOK.but(
        root=(0.0, LIE + 2),
        spine=(-6.0, 0.0),
        left_leg=Bend(52, 200, 200),
        left_arm=Reach(2, 4, 1, rel="l_knee"),
        right_arm=Reach(-2, 3, 1, rel="l_knee"),
    )
    glute_start = HOOK.but(
        left_leg=Reach(3, 6, -1, 150, rel="r_knee"),
    )
    glute_pull = HOOK.but(
        root=(0.0, LIE + 2),
        right_leg=Bend(75, 190, 200),
        left_leg=Reach(5, 6, -1, 150, rel="r_knee"),
        left_arm=Reach(-10, -4, 1, rel="r_knee"),
        right_arm=Reach(-12, -2, 1, rel="r_knee"),
    )
    slr_up = SUPINE.but(left_leg=Bend(142, 142, 52), right_leg=Bend(144, 144, 54))
    return {
        "mcgill_curl_up": fig(
            "side", mcgill, mcgill.but(spine=(0.0, 13.0), neck=16.0), track=("head",)
        ),
        "crunches": fig("side", HOOK.but(**crossed), crunch, track=("head",)),
        "sit_ups": fig("side", HOOK.but(**crossed), sit_half, sit_up, track=("head", "head")),
        "dead_bug": fig("side", bug_a, bug, bug_b, track=("l_ankle", "l_wrist")),
        "glute_bridge": fig("side", bridge_start, bridge_up, track=("pelvis",)),
        "abdominal_bracing": fig("side", brace, brace.but(spine=(-1.0, 0.5)), track=("",)),
        "knee_to_chest_stretch": fig("side", HOOK, knee_chest, track=("l_knee",)),
        "glute_stretch": fig("side", glute_start, glute_pull, track=("r_knee",)),
        "straight_leg_raise": fig("side", SUPINE, slr_up, track=("l_ankle",)),
    }


def _prone_other() -> dict[str, Figure]:
    # arms along the floor in front; the head a little up, eyes on the floor, so the arms
    # pass under the chin (in a side view the near arm would otherwise cross the face)
    overhead = PRONE.but(neck=48.0, left_arm=Bend(-1, -1), right_arm=Bend(-1.5, -1.5))
    # lifted: the arms reach forward and a little up, the eyes on the floor below them
    lifted = PRONE.but(
        spine=(8.0, 20.0),
        neck=-10.0,
        left_arm=Bend(42, 36),
        right_arm=Bend(40, 34),
        left_leg=Bend(168, 172, 176),
        right_leg=Bend(170, 174, 178),
    )
    return {"superman": fig("side", overhead, lifted, track=("l_wrist",))}


def _lifting() -> dict[str, Figure]:
    squat_down = STAND.but(
        root=(-30.0, 50.0),
        spine=(52.0, 48.0),
        neck=55.0,
        left_arm=Bend(-8, -5),
        right_arm=Bend(-10, -7),
    )
    squat_up = STAND.but(left_arm=Bend(-40, -30), right_arm=Bend(-42, -32))
    bar_x = 10.0
    pelvis = (-37.0, 62.0)
    lift_bottom = STAND.but(
        root=pelvis,
        spine=trunk(pelvis, (bar_x + 3, 79.0), -1),
        neck=25.0,
        left_arm=Reach(bar_x, 21.0, -1),
        right_arm=Reach(bar_x - 2, 21.0, -1),
    )
    lift_top = STAND.but(
        left_arm=Reach(4, -50, -1, rel="chest"), right_arm=Reach(2, -50, -1, rel="chest")
    )
    return {
        "squat": fig("side", squat_up, squat_down, track=("pelvis",)),
        "deadlift": fig(
            "side",
            lift_bottom,
            lift_top,
            props=(Plate("l_wrist", 19.0),),
            track=("l_wrist",),
            thumb=0,
        ),
    }


def _sitting() -> dict[str, Figure]:
    tall = SIT.but(spine=(84.0, 96.0), neck=92.0)
    with_roll = SIT.but(spine=(82.0, 97.0), neck=91.0)
    mid_rise = SIT.but(
        root=(14.0, 62.0),
        spine=(50.0, 40.0),
        neck=30.0,
        left_arm=Reach(-6, 8, -1, rel="l_knee"),
        right_arm=Reach(-9, 8, -1, rel="r_knee"),
    )
    up = STAND.but(
        root=(40.0, 89.8),
        left_leg=Reach(46, G, 1, 0),
        right_leg=Reach(42, G, 1, 0),
    )
    # Front view, sitting on the floor, knees bent up towards the viewer, leaning back.
    twist_base = FSTAND.but(
        root=(0.0, 13.0),
        lean=28.0,
        left_leg=Bend(62, -66, -10, (62.0, 58.0)),
        right_leg=Bend(118, 246, 190, (62.0, 58.0)),
    )

    def twist(side: int) -> Frame:
        """Hands together, turned to the patient's left (+1, viewer's right) or right (-1)."""
        hands = (side * 40.0, 24.0)
        return twist_base.but(
            spine=(90.0, 90.0 - side * 4),
            neck=90.0 - side * 8,
            left_arm=Reach(hands[0] + 2, hands[1], side, rel="pelvis"),
            right_arm=Reach(hands[0] - 2, hands[1], side, rel="pelvis"),
        )

    return {
        "lumbar_roll_sitting": fig(
            "side",
            SLUMP,
            with_roll,
            props=(chair(), Roll("lumbar", -10.0, 0.0, 6.0)),
            track=("head",),
        ),
        "posture_correction_sitting": fig("side", SLUMP, tall, props=(chair(),), track=("head",)),
        "sitting_breaks": fig(
            "side", SIT, mid_rise, up, props=(chair(),), track=("pelvis", "head"), thumb=1
        ),
        "russian_twist": fig("front", twist(1), twist(-1), track=("l_wrist",), arrow_straight=True),
    }


# ---- activity ----------------------------------------------------------------------------


def _gait(phase: int, weights: bool = False) -> Frame:
    """A walking stride: ``phase`` 0 has the near (left) leg forward, 1 the far leg."""
    fwd = Bend(-68, -92, 14)
    back = Bend(-108, -128, -32)
    arm_f, arm_b = Bend(-70, -52), Bend(-112, -116)
    if weights:
        arm_f, arm_b = Bend(-86, -84), Bend(-94, -96)
    if phase == 0:
        f = STAND.but(left_leg=fwd, right_leg=back, left_arm=arm_b, right_arm=arm_f)
    else:
        f = STAND.but(left_leg=back, right_leg=fwd, left_arm=arm_f, right_arm=arm_b)
    return ground(f, names=("l_ankle", "r_ankle", "l_toe", "r_toe"))


def _activity() -> dict[str, Figure]:
    crank = (30.0, 30.0)
    saddle = (0.0, 96.0)
    bars = (66.0, 114.0)
    r = 17.0

    def pedal(deg: float) -> Frame:

        a, b = math.radians(deg), math.radians(deg + 180)
        return Frame(
            root=saddle,
            spine=(62.0, 48.0),
            neck=58.0,
            left_arm=Reach(bars[0], bars[1], -1),
            right_arm=Reach(bars[0] - 2, bars[1], -1),
            left_leg=Reach(crank[0] + r * math.cos(a), crank[1] + r * math.sin(a), 1, -8),
            right_leg=Reach(crank[0] + r * math.cos(b), crank[1] + r * math.sin(b), 1, -8),
        )

    cycling = fig(
        "side",
        pedal(0),
        pedal(-90),
        pedal(180),
        pedal(90),
        props=(Bike(saddle, crank, bars), Cranks(crank)),
        loop="cycle",
        move=0.45,
        hold=0.0,
        track=("l_ankle", "l_ankle", "l_ankle"),
    )
    water = 62.0
    swim_a = Frame(
        root=(0.0, water - 4),
        spine=(1.0, 2.0),
        neck=8.0,
        left_arm=Bend(4, 2),
        right_arm=Bend(-100, -150),
        left_leg=Bend(176, 184, 182),
        right_leg=Bend(184, 176, 178),
    )
    swim_b = swim_a.but(
        left_arm=Bend(-100, -150),
        right_arm=Bend(5, 3),
        left_leg=Bend(184, 176, 178),
        right_leg=Bend(176, 184, 182),
    )
    swimming = fig(
        "side",
        swim_a,
        swim_b,
        props=(Water(water, -120.0, 130.0),),
        floor=False,
        track=("l_wrist",),
    )
    stairs = Stairs(22.0, 3, 28.0, 17.0)
    step_a = STAND.but(
        root=(12.0, 89.0),
        left_leg=Reach(38, 17 + G, 1, 0),
        right_leg=Reach(2, G, 1, 0),
        left_arm=Bend(-100, -105),
        right_arm=Bend(-72, -58),
    )
    step_b = STAND.but(
        root=(42.0, 89.0 + 17 + 4),
        left_leg=Reach(38, 17 + G, 1, -20),
        right_leg=Reach(66, 34 + G, 1, 0),
        left_arm=Bend(-72, -58),
        right_arm=Bend(-100, -105),
    )
    return {
        "walking_programme": fig(
            "side", _gait(0), _gait(1), track=("l_ankle",), move=0.7, hold=0.1
        ),
        "farmer_carry": fig(
            "side",
            _gait(0, weights=True),
            _gait(1, weights=True),
            props=(Weight("l_wrist", 8.0, 14.0), Weight("r_wrist", 8.0, 14.0)),
            track=("l_ankle",),
            move=0.8,
            hold=0.1,
        ),
        "cycling": cycling,
        "swimming": swimming,
        "stair_climbing": fig("side", step_a, step_b, props=(stairs,), track=("pelvis",)),
    }


def _stretches() -> dict[str, Figure]:
    step = Box(44.0, 80.0, 22.0)
    heel = STAND.but(
        root=(0.0, 89.8),
        left_leg=Reach(58, 22 + G + 2, 1, 70),
        right_leg=Reach(-6, G, 1, 0),
        left_arm=Reach(-2, 6, -1, rel="l_knee"),
        right_arm=Reach(-5, 6, -1, rel="l_knee"),
    )
    heel = ground(heel, names=("r_ankle",))
    lean = heel.but(
        root=(heel.root[0] - 8, heel.root[1] - 1),
        spine=(52.0, 30.0),
        neck=20.0,
        left_arm=Reach(-4, 5, -1, rel="l_ankle"),
        right_arm=Reach(-12, 8, -1, rel="l_ankle"),
    )
    return {"hamstring_stretch": fig("side", heel, lean, props=(step,), track=("head",))}


def _build() -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    for part in (
        _extension,
        _lateral,
        _flexion,
        _planks,
        _quadruped,
        _standing_core,
        _side_planks,
        _front_core,
        _supine,
        _prone_other,
        _lifting,
        _sitting,
        _activity,
        _stretches,
    ):
        figures |= part()
    figures |= _version_two(figures)
    return {k: v for k, v in sorted(figures.items()) if not k.startswith("_")}


_LIKE = {  # version 2 entries drawn with the figure of the movement they are made of
    "pilates": "dead_bug",
    "yoga": "cat_camel",
    "general_stretching": "hamstring_stretch",
    "mcgill_big_three": "mcgill_curl_up",
}


def _prone_over_pillows() -> Figure:
    """Face down over pillows under the belly: hips raised, chest and legs down on the mat."""
    pelvis = (0.0, 15.0)
    thigh = 180 + math.degrees(math.asin((pelvis[1] - LIE) / 44.0))
    f = PRONE.but(
        root=pelvis,
        spine=trunk(pelvis, (51.0, LIE), 1),
        neck=22.0,
        left_leg=Bend(thigh, 180, 178),
        right_leg=Bend(thigh, 180, 180),
        left_arm=Bend(186, 178),
        right_arm=Bend(185, 179),
    )
    breathe = f.but(left_arm=Bend(187, 177), neck=21.0)
    return fig("side", f, breathe, props=(Pillow(-24.0, 34.0, 11.0),), track=("",), hold=2.0)


def _run(phase: int) -> Frame:
    """A running stride with both feet off the ground: knees lifted, elbows bent."""
    fwd, back = Bend(-35, -100, -10), Bend(-120, -160, -60)
    arm_f, arm_b = Bend(-60, 20), Bend(-125, -40)
    legs = (fwd, back) if phase == 0 else (back, fwd)
    arms = (arm_b, arm_f) if phase == 0 else (arm_f, arm_b)
    f = STAND.but(
        spine=(84.0, 90.0),
        neck=88.0,
        left_leg=legs[0],
        right_leg=legs[1],
        left_arm=arms[0],
        right_arm=arms[1],
    )
    return ground(f, y=G + 7, names=("l_ankle", "r_ankle", "l_toe", "r_toe"))


def _run_contact(phase: int) -> Frame:
    """Between two flight phases: one foot under the body on the ground."""
    a, b = _run(phase), _run(1 - phase)
    mid = blend(a, b, 0.5, "side")
    return ground(mid.moved(dy=6.0), y=G + 0.5, names=("l_ankle", "r_ankle", "l_toe", "r_toe"))


def _angles(a: P3, b: P3) -> tuple[float, float]:
    """In-picture angle and pitch (towards the viewer) of the segment a→b, degrees."""
    dx, dy, dz = b[0] - a[0], b[1] - a[1], b[2] - a[2]
    return math.degrees(math.atan2(dy, dx)), math.degrees(math.atan2(dz, math.hypot(dx, dy)))


def arm_to(frame: Frame, side: str, hand: P3, elbow_to: P3, view: View = "front") -> Bend:
    """The arm that puts the wrist at ``hand`` in 3-D (out of the picture plane too), its
    elbow bending towards the direction ``elbow_to``; the bone lengths stay."""
    sh = solve(frame, view)[f"{side}_shoulder"]
    a, b = 29.0, 27.0
    d = [hand[k] - sh[k] for k in range(3)]
    n = min(math.hypot(*d), a + b - 1e-6)
    u = [c / (math.hypot(*d) or 1.0) for c in d]
    along = (a * a + n * n - b * b) / (2 * n)
    out = math.sqrt(max(0.0, a * a - along * along))
    dot = sum(h * c for h, c in zip(elbow_to, u, strict=True))
    w = [h - dot * c for h, c in zip(elbow_to, u, strict=True)]
    w = [c / (math.hypot(*w) or 1.0) for c in w]
    el = (sh[0] + along * u[0] + out * w[0], sh[1] + along * u[1] + out * w[1])
    elbow: P3 = (el[0], el[1], sh[2] + along * u[2] + out * w[2])
    wrist: P3 = (sh[0] + n * u[0], sh[1] + n * u[1], sh[2] + n * u[2])
    (ua, up), (la, lp) = _angles(sh, elbow), _angles(elbow, wrist)
    return Bend(ua, la, 0.0, (up, lp))


def _from_above_prone() -> Figure:
    """Lying face down seen from above (head at the top, as if seen from behind): the hips
    moved off to the right, then the upper body pressed up on the hands with the hips kept
    there. Out of the picture (``z``) is towards the floor; the hands stay flat on it beside
    the shoulders while the chest rises off it."""
    legs = FSTAND.but(left_leg=Reach(8, G, 1, 0), right_leg=Reach(-8, G, -1, 180))
    chest = solve(legs, "front")["chest"]
    hands = {"l": (24.0, chest[1] - 11.0, 5.0), "r": (-24.0, chest[1] - 11.0, 5.0)}
    back_and_up = {"l": (0.5, -1.0, -1.0), "r": (-0.5, -1.0, -1.0)}
    out = {"l": (0.8, -1.0, -0.2), "r": (-0.8, -1.0, -0.2)}

    def arms(f: Frame, bend: dict[str, P3]) -> Frame:
        return f.but(
            left_arm=arm_to(f, "l", hands["l"], bend["l"]),
            right_arm=arm_to(f, "r", hands["r"], bend["r"]),
        )

    flat = arms(legs, back_and_up)
    shifted = arms(front_glide(11, legs), back_and_up)
    pressed = arms(front_glide(11, legs).but(lean=48.0), out)
    return fig(
        "front",
        flat,
        shifted,
        pressed,
        props=(Mat(-45.0, -6.0, 45.0, 190.0),),
        floor=False,
        track=("pelvis", ""),
        arrow_shift=(-30.0, 0.0),
        arrow_offset=0.0,
        arrow_min=26.0,
    )


def _rotation_in_flexion() -> Figure:
    """Lying on the right side seen from above, curled up: hips bent about 80°, knees further,
    the head on a pillow, the lower arm under it and the top hand resting in front of the
    face — nothing like the straight supporting arms of all fours. The clinician turns the
    upper body back (the top arm and shoulder go behind) while the knees stay forward."""
    base = Frame(
        root=(0.0, 70.0),
        spine=(0.0, 0.0),
        neck=0.0,
        left_arm=Bend(-66, 40),
        right_arm=Bend(-35, 75),
        left_leg=Bend(-98, 152, 160),
        right_leg=Bend(-102, 148, 156),
    )
    turned = base.but(
        spine=(0.0, 8.0), neck=14.0, left_arm=Bend(98, 125), left_leg=Bend(-104, 146, 154)
    )
    return fig(
        "side",
        base,
        turned,
        props=(Mat(-62.0, 12.0, 104.0, 138.0), Mat(56.0, 48.0, 94.0, 98.0, style="pillow")),
        floor=False,
        track=("l_wrist",),
        label="seen from above · lying on your side, hips and knees bent"
        " · your clinician turns your upper body back",
    )


def _version_two(figures: dict[str, Figure]) -> dict[str, Figure]:
    slouch = STAND.but(spine=(84.0, 112.0), neck=118.0)
    tall = STAND.but(spine=(88.0, 92.0), neck=90.0)
    walk = (_gait(0), _gait(1))
    # the break: stopped mid-stride, leaning forward with the hands on the front thigh
    bend = walk[0].but(
        spine=(50.0, 24.0),
        neck=14.0,
        left_arm=Reach(-2, 12, 1, rel="l_knee"),
        right_arm=Reach(-5, 14, 1, rel="l_knee"),
    )
    chest_hold = {
        "left_arm": Reach(14, -10, 1, rel="chest"),
        "right_arm": Reach(12, -9, 1, rel="chest"),
    }
    carry = (_gait(0).but(**chest_hold), _gait(1).but(**chest_hold))
    return {
        **{code: figures[like] for code, like in _LIKE.items()},
        "prone_lying_pillows": _prone_over_pillows(),
        "walking_flexion_breaks": fig(
            "side", *walk, bend, loop="cycle", track=("l_ankle", "head"), move=0.8
        ),
        "running": fig(
            "side",
            _run(0),
            _run_contact(0),
            _run(1),
            _run_contact(1),
            loop="cycle",
            track=("l_ankle", "l_ankle", "l_ankle"),
            move=0.3,
            hold=0.0,
            thumb=0,
        ),
        "hydrotherapy": fig(
            "side",
            *walk,
            props=(Water(118.0, -70.0, 80.0),),
            track=("l_ankle",),
            move=1.0,
            hold=0.1,
        ),
        "front_loaded_carry": fig(
            "side",
            *carry,
            props=(Weight("l_wrist", 9.0, 3.0),),
            track=("l_ankle",),
            move=0.8,
            hold=0.1,
        ),
        **behind_pair(
            "extension_lying_hips_off_centre",
            _from_above_prone(),
            then="seen from above, lying face down · then press up, hips stay on the mat",
        ),
        **glide_pair("rotation_in_flexion", _rotation_in_flexion()),
        "posture_correction_standing": fig("side", slouch, tall, track=("head",)),
    }


FIGURES: dict[str, Figure] = _build()
