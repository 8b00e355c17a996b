"""Exercise illustrations: poses, rendering, mirroring, and what a physiotherapist would check."""

from __future__ import annotations

import io
import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import cairosvg
import pytest
from PIL import Image

from backpath import figures
from backpath.figures import (
    FIGURE_CODES,
    UnknownFigure,
    figure,
    has_figure,
    render_animated,
    render_still,
    render_thumbnail,
)
from backpath.figures.model import BONES, Joints, Reach, dims_for, solve
from backpath.figures.render import ACCENT, still_frames, still_layout
from backpath.figures.scene import Figure, key_scenes, scene, timeline

SVG = "{http://www.w3.org/2000/svg}"

# Every code the issue lists; the library test below covers any further active entries.
REQUIRED = [
    "prone_lying",
    "prone_on_elbows",
    "prone_press_up",
    "prone_press_up_sag",
    "press_up_overpressure",
    "standing_back_extension",
    "lumbar_roll_sitting",
    "side_glide_standing_left",
    "side_glide_standing_right",
    "shift_correction_wall_left",
    "shift_correction_wall_right",
    "side_glide_then_extension_left",
    "side_glide_then_extension_right",
    "flexion_in_lying",
    "flexion_in_sitting",
    "flexion_in_standing",
    "flexion_step_standing",
    "end_range_flexion_lying",
    "end_range_flexion_standing",
    "end_range_extension_lying",
    "end_range_extension_standing",
    "end_range_side_glide_left",
    "end_range_side_glide_right",
    "long_sitting_flexion",
    "front_plank",
    "knee_plank",
    "dead_bug",
    "mcgill_curl_up",
    "body_saw",
    "bird_dog",
    "back_extensor_hold",
    "hip_hinge_dowel",
    "side_plank",
    "knee_side_plank",
    "suitcase_carry",
    "pallof_press",
    "stir_the_pot",
    "bird_dog_band",
    "walking_programme",
    "cycling",
    "swimming",
    "stair_climbing",
    "posture_correction_sitting",
    "sitting_breaks",
    "hamstring_stretch",
    "glute_stretch",
    "knee_to_chest_stretch",
    "childs_pose",
    "cat_camel",
    "crunches",
    "sit_ups",
    "straight_leg_raise",
    "deadlift",
    "squat",
    "russian_twist",
    "superman",
    "yoga_forward_bend",
]

PAIRS = [
    ("side_glide_standing_left", "side_glide_standing_right"),
    ("shift_correction_wall_left", "shift_correction_wall_right"),
    ("side_glide_then_extension_left", "side_glide_then_extension_right"),
    ("end_range_side_glide_left", "end_range_side_glide_right"),
]


def _samples(fig: Figure) -> list[Joints]:
    """Joint positions at every key frame and every in-between of the animation."""
    return [scene(fig, f)[0] for _, f in timeline(fig)[1]]


def _viewbox(svg: str) -> tuple[float, float, float, float]:
    m = re.search(r'viewBox="([-\d. ]+)"', svg)
    assert m, "no viewBox"
    x, y, w, h = (float(v) for v in m.group(1).split())
    return x, y, w, h


def _png(svg: str, scale: float = 1.0) -> Image.Image:
    data = cairosvg.svg2png(bytestring=svg.encode(), scale=scale, background_color="white")
    return Image.open(io.BytesIO(data)).convert("L")


def _dark(img: Image.Image, threshold: int = 110) -> tuple[int, int]:
    """Dark pixels overall and on the one-pixel border."""
    w, h = img.size

    def count(box: tuple[int, int, int, int]) -> int:
        return sum(img.crop(box).histogram()[:threshold])

    edges = [(0, 0, w, 1), (0, h - 1, w, h), (0, 0, 1, h), (w - 1, 0, w, h)]
    return count((0, 0, w, h)), sum(count(b) for b in edges)


def _above_line(p: tuple[float, ...], a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """Signed distance of ``p`` to the left of the line a→b (positive: counter-clockwise side)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    return (dx * (p[1] - a[1]) - dy * (p[0] - a[0])) / math.hypot(dx, dy)


# ---- coverage and API --------------------------------------------------------------------------


def test_all_required_codes_have_figures() -> None:
    missing = [c for c in REQUIRED if not has_figure(c)]
    assert not missing
    assert len(FIGURE_CODES) == len(set(FIGURE_CODES)) >= len(REQUIRED)
    assert list(FIGURE_CODES) == sorted(FIGURE_CODES)


def test_every_active_library_entry_has_a_figure() -> None:
    try:
        from backpath.core.library import default_library
    except ImportError as exc:  # pragma: no cover - depends on the library being merged
        pytest.skip(f"backpath.core.library does not import yet: {exc}")
    active = [e for e in default_library() if str(e.category) not in ("passive", "rest")]
    assert len(active) >= len(REQUIRED)
    assert [e.code for e in active if not has_figure(e.code)] == []
    for e in active:
        assert figure(e.code).view == e.view, f"{e.code}: library says {e.view} view"


def test_unknown_code() -> None:
    assert not has_figure("no_such_exercise")
    with pytest.raises(UnknownFigure, match="no_such_exercise"):
        render_still("no_such_exercise")
    with pytest.raises(KeyError):
        figure("no_such_exercise")


def test_rendering_is_cached() -> None:
    """Each picture is drawn once per process (its speed is measured by
    ``benchmarks/figures.py``, not in a timed test)."""
    assert render_still("bird_dog") is render_still("bird_dog")
    assert render_animated("bird_dog") is render_animated("bird_dog")
    assert render_thumbnail("bird_dog") is render_thumbnail("bird_dog")


# ---- the pose data ----------------------------------------------------------------------


@pytest.mark.parametrize("code", FIGURE_CODES)
def test_pose_data_shape(code: str) -> None:
    fig = figure(code)
    assert 2 <= len(fig.frames) <= 4
    assert fig.view in ("side", "front")


@pytest.mark.parametrize("code", FIGURE_CODES)
def test_bone_lengths_constant(code: str) -> None:
    """Every bone keeps its length in every key frame and every in-between (3-D joints)."""
    fig = figure(code)
    dims = dims_for(fig.view)
    for j in _samples(fig):
        for a, b, dim in BONES:
            want = getattr(dims, dim)
            got = math.dist(j[a], j[b])
            assert abs(got - want) < 0.01, f"{code}: {a}-{b} is {got:.2f}, expected {want}"


@pytest.mark.parametrize("code", FIGURE_CODES)
def test_nothing_below_the_floor(code: str) -> None:
    fig = figure(code)
    r = dims_for(fig.view).head_r
    for j in _samples(fig):
        low = min(p[1] for p in j.values())
        assert low >= -0.01, f"{code}: a joint is {low:.1f} below the floor"
        assert j["head"][1] - r >= -0.5, f"{code}: the head goes through the floor"


@pytest.mark.parametrize("code", FIGURE_CODES)
def test_hands_and_feet_reach_the_floor_where_placed(code: str) -> None:
    """A hand or foot placed on the floor (a reach target) really gets there: nothing floats."""
    fig = figure(code)
    ends = {"left_arm": "l_wrist", "right_arm": "r_wrist", "left_leg": "l_ankle"}
    ends["right_leg"] = "r_ankle"
    for i, frame in enumerate(fig.frames):
        j = solve(frame, fig.view)
        for limb_name, joint in ends.items():
            limb = getattr(frame, limb_name)
            if isinstance(limb, Reach) and limb.rel is None and limb.y <= 8 and not frame.yaw:
                gap = math.dist(j[joint][:2], (limb.x, limb.y))
                assert gap < 1.5, f"{code} frame {i}: {joint} is {gap:.1f} short of the floor"


@pytest.mark.parametrize("code", FIGURE_CODES)
def test_joints_inside_the_viewbox(code: str) -> None:
    fig = figure(code)
    r = dims_for(fig.view).head_r
    x, y, w, h = _viewbox(render_animated(code))
    for j in _samples(fig):
        for name, (px, py, _) in j.items():
            pad = r if name == "head" else 3.0
            assert x + pad <= px <= x + w - pad, f"{code}: {name} outside the animation"
            assert y + pad <= -py <= y + h - pad, f"{code}: {name} outside the animation"
    _, (x, y, w, h) = still_layout(fig)
    for j, _ in key_scenes(fig):
        for px, py, _ in j.values():
            assert x <= px <= x + w and y <= -py <= y + h, f"{code}: still clips a joint"
    sx, sy, sw, sh = _viewbox(render_still(code))
    offsets, _ = still_layout(fig)
    for dx, dy in offsets:
        assert sx - 0.5 <= x + dx and x + dx + w <= sx + sw + 0.5, f"{code}: a panel sticks out"
        assert sy - 0.5 <= y + dy and y + dy + h <= sy + sh + 0.5, f"{code}: a panel sticks out"


# ---- rendered output ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", FIGURE_CODES)
def test_svg_is_well_formed_and_script_free(code: str) -> None:
    for svg in (render_still(code), render_animated(code), render_thumbnail(code)):
        root = ET.fromstring(svg)
        assert root.tag == f"{SVG}svg"
        assert root.find(f"{SVG}title") is not None
        low = svg.lower()
        assert "<script" not in low and "javascript" not in low and "onload" not in low
    anim = ET.fromstring(render_animated(code))
    animations = list(anim.iter(f"{SVG}animate"))
    assert animations, f"{code}: nothing moves"
    for a in animations:
        assert a.get("repeatCount") == "indefinite"
        times = [float(t) for t in (a.get("keyTimes") or "").split(";")]
        assert times[0] == 0 and times[-1] == 1 and times == sorted(times)
        assert len(times) == len((a.get("values") or "").split(";"))


@pytest.mark.parametrize("code", FIGURE_CODES)
def test_png_not_empty_and_not_clipped(code: str) -> None:
    for kind, svg in (
        ("still", render_still(code)),
        ("animated", render_animated(code)),
        ("thumbnail", render_thumbnail(code)),
    ):
        img = _png(svg)
        dark, edge = _dark(img)
        w, h = img.size
        assert dark > 0.004 * w * h, f"{code} {kind}: almost empty ({dark} dark pixels)"
        assert edge == 0, f"{code} {kind}: {edge} dark pixels touch the border"


@pytest.mark.parametrize("code", FIGURE_CODES)
def test_still_shows_direction(code: str) -> None:
    fig = figure(code)
    svg = render_still(code)
    if len(still_frames(fig)) > 1 and code not in ("suitcase_carry",):
        assert ACCENT in svg, f"{code}: the still has no movement arrow"


def test_style_is_consistent() -> None:
    colours = set()
    for code in FIGURE_CODES:
        svg = render_still(code)
        assert 'stroke-linecap="round"' in svg
        colours |= set(re.findall(r'stroke="(#[0-9a-f]{6})"', svg))
    # near ink, trunk, a lighter far side, paper edges, prop grey, floor, water, chevrons,
    # the spine seen from behind, dowel and ONE accent
    assert len(colours) <= 11, colours
    assert ACCENT in colours


# ---- mirroring ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("left", "right"), PAIRS)
def test_right_is_the_mirror_of_left(left: str, right: str) -> None:
    for (jl, sl), (jr, sr) in zip(key_scenes(figure(left)), key_scenes(figure(right)), strict=True):
        for name, (x, y, z) in jl.items():
            other = {"l_": "r_", "r_": "l_"}.get(name[:2], name[:2]) + name[2:]
            assert jr[other] == pytest.approx((-x, y, z), abs=1e-9), (left, name)
        assert [s.points for s in sr] == [s.mirrored().points for s in sl]
    _lx, ly, lw, lh = _viewbox(render_still(left))
    _rx, ry, rw, rh = _viewbox(render_still(right))
    assert (ry, lh) == (ly, rh) and lw == pytest.approx(rw)
    assert render_still(left) != render_still(right)


@pytest.mark.parametrize("code", [p for pair in PAIRS for p in pair])
def test_side_glide_moves_shoulders_to_the_named_side(code: str) -> None:
    """Seen from behind: the patient's LEFT is the viewer's LEFT (-x), so a left glide ends with
    the shoulders to the left of the pelvis in the picture, and the hips moved the other way."""
    fig = figure(code)
    assert fig.view == "front" and fig.behind
    keys = [j for j, _ in key_scenes(fig)]
    start, glide = keys[0], keys[1]
    sign = -1 if code.endswith("_left") else 1
    assert sign * (glide["chest"][0] - glide["pelvis"][0]) > 8
    assert sign * (glide["pelvis"][0] - start["pelvis"][0]) < -8
    # the patient's left shoulder is on the viewer's left
    assert glide["l_shoulder"][0] < glide["r_shoulder"][0]
    # shoulders stay level through the glide
    assert abs(glide["l_shoulder"][1] - glide["r_shoulder"][1]) < 1


def test_shift_correction_wall_is_on_the_patients_right_for_left() -> None:
    """Seen from behind, the patient's right (the wall side for a left correction) is the
    viewer's right."""
    fig = figure("shift_correction_wall_left")
    j, shapes = key_scenes(fig)[0]
    wall = next(s for s in shapes if s.style == "prop_bold")
    assert j["l_shoulder"][0] < j["r_shoulder"][0] < wall.points[0][0]
    j, shapes = key_scenes(figure("shift_correction_wall_right"))[0]
    wall = next(s for s in shapes if s.style == "prop_bold")
    assert wall.points[0][0] < j["l_shoulder"][0] < j["r_shoulder"][0]


# ---- what a physiotherapist checks -------------------------------------------------------------


def _keys(code: str) -> list[Joints]:
    return [j for j, _ in key_scenes(figure(code))]


def _y(j: Joints, name: str) -> float:
    return j[name][1]


def _arm_reach(j: Joints, side: str = "l") -> float:
    return math.dist(j[f"{side}_shoulder"], j[f"{side}_wrist"])


@pytest.mark.parametrize(
    "code", ["prone_press_up", "prone_press_up_sag", "end_range_extension_lying"]
)
def test_press_up_is_prone_hips_down_arms_straighten_back_arches(code: str) -> None:
    keys = _keys(code)
    first, top = keys[0], max(keys, key=lambda j: _y(j, "chest"))
    for j in keys:
        assert _y(j, "pelvis") < 8, "hips stay on the floor"
        assert _y(j, "l_knee") < 8 and _y(j, "l_ankle") < 8, "legs stay on the floor"
        assert _y(j, "l_wrist") < 5, "hands stay on the floor"
    assert _y(first, "chest") < 10 and _y(top, "chest") > 40
    assert _arm_reach(top) > 0.74 * 56 > _arm_reach(first)
    assert top["head"][0] > top["pelvis"][0], "face down, head forward: not a sit-up"
    # extension: the lumbar point sags below the pelvis→chest line (concave back)
    assert _above_line(top["lumbar"], top["pelvis"], top["chest"]) < -3


@pytest.mark.parametrize("code", ["front_plank", "knee_plank", "body_saw"])
def test_plank_is_straight(code: str) -> None:
    j = _keys(code)[-1]
    end = j["l_ankle"] if code != "knee_plank" else j["l_knee"]
    for name in ("pelvis", "lumbar", "l_knee"):
        if name == "l_knee" and code == "knee_plank":
            continue
        assert abs(_above_line(j[name], end, j["chest"])) < 3, f"{code}: {name} off the line"
    assert _y(j, "l_elbow") < 8, "on the forearms"
    assert 15 < _y(j, "pelvis") < 40


def test_dead_bug_on_back_arms_and_legs_up() -> None:
    keys = _keys("dead_bug")
    for j in keys:
        assert _y(j, "chest") < 10 and _y(j, "pelvis") < 10, "lying on the back"
    start = keys[1]
    assert _y(start, "l_wrist") > 45 and _y(start, "r_wrist") > 45, "arms to the ceiling"
    assert _y(start, "l_knee") > 35 and _y(start, "r_knee") > 35, "hips and knees at 90"
    # one side: opposite arm and leg lowered
    a = keys[0]
    assert _y(a, "r_wrist") < 40 and _y(a, "l_ankle") < 30 and _y(a, "l_wrist") > 45


@pytest.mark.parametrize("code", ["bird_dog", "bird_dog_band"])
def test_bird_dog_on_all_fours_opposite_arm_and_leg(code: str) -> None:
    keys = _keys(code)
    out = [j for j in keys if _y(j, "l_wrist") > 40 or _y(j, "r_wrist") > 40]
    assert out
    for j in out:
        arm = "l" if _y(j, "l_wrist") > 40 else "r"
        leg = "r" if arm == "l" else "l"
        other = "r" if arm == "l" else "l"
        assert _y(j, f"{other}_wrist") < 6, "the other hand on the floor"
        assert _y(j, f"{arm}_knee") < 7, "the other knee on the floor"
        assert _y(j, f"{leg}_ankle") > 35, "opposite leg out behind"
        assert j[f"{arm}_wrist"][0] > j["chest"][0] + 40, "arm reaches forward"
        assert j[f"{leg}_ankle"][0] < j["pelvis"][0] - 60, "leg reaches back"


@pytest.mark.parametrize("code", ["side_plank", "knee_side_plank", "side_plank_leg_lift"])
def test_side_plank_on_one_forearm(code: str) -> None:
    j = _keys(code)[-1]
    assert _y(j, "r_elbow") < 6, "lower elbow on the floor"
    assert abs(j["r_elbow"][0] - j["r_shoulder"][0]) < 6, "elbow under the shoulder"
    assert _y(j, "r_shoulder") > 25
    assert _y(j, "pelvis") > 12, "hips lifted"
    assert _y(j, "l_elbow") > 10, "only one forearm down"


def test_hamstring_stretch_bends_forward() -> None:
    first, last = _keys("hamstring_stretch")[0], _keys("hamstring_stretch")[-1]
    assert last["head"][0] - last["pelvis"][0] > first["head"][0] - first["pelvis"][0] + 25
    assert _y(last, "l_ankle") > 20, "heel up on the step"
    assert abs(_y(last, "r_ankle") - 3) < 1, "standing leg on the floor"


def test_cat_camel_rounds_then_hollows_on_all_fours() -> None:
    cat, camel = _keys("cat_camel")
    for j in (cat, camel):
        assert _y(j, "l_wrist") < 6 and _y(j, "l_knee") < 7
    assert _above_line(cat["lumbar"], cat["pelvis"], cat["chest"]) > 3, "rounds up"
    assert _above_line(camel["lumbar"], camel["pelvis"], camel["chest"]) < -3, "hollows"
    assert _y(cat, "head") < _y(camel, "head")


def test_flexion_rounds_and_extension_arches_standing() -> None:
    flex = _keys("flexion_in_standing")[-1]
    ext = _keys("standing_back_extension")[-1]
    assert flex["head"][0] > flex["pelvis"][0] + 35 and _y(flex, "head") < 120
    assert ext["head"][0] < ext["pelvis"][0] - 10
    assert _above_line(ext["lumbar"], ext["pelvis"], ext["chest"]) < -1


def test_sit_up_and_crunch_lie_on_the_back() -> None:
    for code in ("crunches", "sit_ups", "mcgill_curl_up"):
        first, last = _keys(code)[0], _keys(code)[-1]
        assert _y(first, "chest") < 10 and _y(last, "head") > _y(first, "head") + 4
        assert _y(last, "pelvis") < 10
    assert _y(_keys("sit_ups")[-1], "chest") > 40


def test_figures_do_not_import_django() -> None:
    code = "import sys, backpath.figures, backpath.figures.sheet; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert figures.FIGURE_CODES
