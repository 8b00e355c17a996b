"""Posture checks a physiotherapist makes, one for each thing issue 12 saw wrong in a figure.

Each check is about the body, not the drawing: where the hands are against the shoulders,
whether the pelvis stays down, how far the knees come to the chest. Positions are the joints
as drawn (``key_scenes``: after any mirroring and the view from behind), in world units of
about one centimetre, ``y`` up, the floor at ``y = 0``.
"""

from __future__ import annotations

import io
import math

import cairosvg
import pytest
from PIL import Image

from backpath.figures import FIGURE_CODES, figure, render_animated, render_still, render_thumbnail
from backpath.figures.model import Joints, dims_for
from backpath.figures.render import still_frames
from backpath.figures.scene import Figure, Wall, key_scenes, scene, timeline

ARM = 29.0 + 27.0
GLIDES = [
    f"{base}_{side}"
    for base in (
        "side_glide_standing",
        "end_range_side_glide",
        "shift_correction_wall",
        "side_glide_then_extension",
        "extension_lying_hips_off_centre",
    )
    for side in ("left", "right")
]


def _keys(code: str) -> list[Joints]:
    return [j for j, _ in key_scenes(figure(code))]


def _samples(fig: Figure) -> list[Joints]:
    return [scene(fig, f)[0] for _, f in timeline(fig)[1]]


def _y(j: Joints, name: str) -> float:
    return j[name][1]


def _x(j: Joints, name: str) -> float:
    return j[name][0]


def _angle(j: Joints, a: str, b: str) -> float:
    """In-picture angle of a→b, degrees from +x, counter-clockwise."""
    return math.degrees(math.atan2(j[b][1] - j[a][1], j[b][0] - j[a][0]))


def _off_line(j: Joints, name: str, a: str, b: str) -> float:
    """Signed distance of joint ``name`` to the left of the line a→b (in the picture)."""
    (ax, ay, _), (bx, by, _), (px, py, _) = j[a], j[b], j[name]
    dx, dy = bx - ax, by - ay
    return (dx * (py - ay) - dy * (px - ax)) / math.hypot(dx, dy)


def _seg_dist(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    t = max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / (dx * dx + dy * dy or 1.0)))
    return math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy)


def _png(svg: str) -> Image.Image:
    data = cairosvg.svg2png(bytestring=svg.encode(), background_color="white")
    return Image.open(io.BytesIO(data)).convert("L")


# ---- Pallof press and hold ---------------------------------------------------------------------


@pytest.mark.parametrize("code", ["pallof_press", "pallof_hold"])
def test_pallof_hands_press_straight_forward_from_the_chest(code: str) -> None:
    """The hands start at the chest and go straight out in front of it, square to the
    shoulders — not sideways along the band."""
    keys = _keys(code)
    start, out = keys[0], keys[-1]
    for j in (start, out):
        mid = [(j["l_wrist"][k] + j["r_wrist"][k]) / 2 for k in range(3)]
        forward = [mid[k] - j["chest"][k] for k in range(3)]
        shoulders = [j["l_shoulder"][k] - j["r_shoulder"][k] for k in range(3)]
        norm = math.hypot(*shoulders) or 1.0
        sideways = sum(f * s for f, s in zip(forward, shoulders, strict=True)) / norm
        assert abs(sideways) < 6, f"{code}: hands {sideways:.0f} to one side of the chest"
    reach0 = math.dist(start["l_wrist"], start["l_shoulder"])
    reach1 = math.dist(out["l_wrist"], out["l_shoulder"])
    assert reach0 < 0.6 * ARM, f"{code}: hands do not start at the chest"
    assert reach1 > 0.9 * ARM, f"{code}: arms not pushed straight out"
    # seen from the side, the press goes forward (+x) at chest height
    assert _x(out, "l_wrist") - _x(start, "l_wrist") > 25
    assert abs(_y(out, "l_wrist") - _y(out, "chest")) < 12


def test_pallof_hold_is_not_the_same_picture_as_the_press() -> None:
    press, hold = figure("pallof_press"), figure("pallof_hold")
    assert render_still("pallof_press") != render_still("pallof_hold")
    assert hold.held and not press.held
    assert timeline(hold)[0] > timeline(press)[0] + 3, "the hold is held"


def test_pallof_band_is_tied_at_chest_height() -> None:
    j, shapes = key_scenes(figure("pallof_press"))[-1]
    band = next(s for s in shapes if s.style == "band")
    ys = [p[1] for p in band.points]
    assert all(abs(y - _y(j, "chest")) < 14 for y in ys)


# ---- shift correction at the wall ----------------------------------------------------------------


def _wall_x(code: str) -> float:
    fig = figure(code)
    wall = next(p for p in fig.props if isinstance(p, Wall))
    flip = (-1 if fig.mirror else 1) * (-1 if fig.behind else 1)
    return wall.x * flip


@pytest.mark.parametrize("code", ["shift_correction_wall_left", "shift_correction_wall_right"])
def test_shift_correction_shoulder_rests_on_the_wall(code: str) -> None:
    wall = _wall_x(code)
    side = "r" if code.endswith("_left") else "l"  # the patient's side that is at the wall
    for j in _keys(code):
        gap = abs(_x(j, f"{side}_shoulder") - wall)
        assert gap < 7, f"{code}: shoulder {gap:.0f} from the wall"
        assert abs(_x(j, f"{side}_elbow") - wall) < 8, f"{code}: elbow not tucked on the wall"
        feet = min(abs(_x(j, "l_ankle") - wall), abs(_x(j, "r_ankle") - wall))
        assert feet > 15, "feet a foot away from the wall"


# ---- left and right seen from behind, in words ----------------------------------------------


def _library_side(code: str) -> str:
    from backpath.core.library import default_library

    return next(e for e in default_library() if e.code == code).side or ""


@pytest.mark.parametrize("code", GLIDES)
def test_glide_is_drawn_from_behind_with_its_side_in_words(code: str) -> None:
    fig = figure(code)
    side = _library_side(code)
    assert side in ("left", "right") and code.endswith(side)
    other = "right" if side == "left" else "left"
    assert fig.behind, f"{code}: not drawn from behind"
    assert fig.label.startswith(f"shoulders → your {side} · hips → your {other}")
    for svg in (render_still(code), render_animated(code), render_thumbnail(code)):
        assert f"shoulders → your {side}" in svg and f"hips → your {other}" in svg


@pytest.mark.parametrize("code", GLIDES)
def test_glide_seen_from_behind_moves_to_the_named_side_on_the_viewers_same_side(
    code: str,
) -> None:
    """From behind, the patient's left is the viewer's left (-x): copying needs no mirroring."""
    keys = _keys(code)
    start, glide = keys[0], keys[1]
    sign = -1 if code.endswith("_left") else 1
    assert glide["l_shoulder"][0] < glide["r_shoulder"][0], "patient's left on viewer's left"
    assert sign * (_x(glide, "chest") - _x(glide, "pelvis")) > 8, "shoulders to the named side"
    assert sign * (_x(glide, "pelvis") - _x(start, "pelvis")) < -8, "hips the other way"


@pytest.mark.parametrize(
    "code", ["side_glide_then_extension_left", "side_glide_then_extension_right"]
)
def test_glide_then_extension_holds_the_glide_and_stays_seen_from_behind(code: str) -> None:
    fig = figure(code)
    assert all(f.yaw == 0 for f in fig.frames), "no turn to a side view"
    sign = -1 if code.endswith("_left") else 1
    for j in _keys(code)[1:]:
        assert sign * (_x(j, "chest") - _x(j, "pelvis")) > 8, "the glide is held"
    last = fig.frames[-1]
    assert last.lean >= 20, "leans back at the end"
    j = _keys(code)[-1]
    for w in ("l_wrist", "r_wrist"):
        assert math.dist(j[w], j["lumbar"]) < 25, "hands in the small of the back"


# ---- back-extensor hold --------------------------------------------------------------------------


def test_back_extensor_hold_straight_back_head_in_line_arms_crossed() -> None:
    j = _keys("back_extensor_hold")[-1]
    trunk = _angle(j, "pelvis", "chest")
    assert 35 <= trunk <= 60, f"trunk at {trunk:.0f}° — about halfway to level"
    assert abs(_off_line(j, "lumbar", "pelvis", "chest")) < 1.5, "spine straight"
    assert abs(_angle(j, "chest", "head") - trunk) < 15, "head in line with the back"
    for w in ("l_wrist", "r_wrist"):
        assert math.dist(j[w][:2], j["chest"][:2]) < 16, f"{w} not crossed on the chest"
        assert _off_line(j, w, "pelvis", "chest") < 0, f"{w} not on the front of the chest"


# ---- prone extension ---------------------------------------------------------------------

PRESS = [
    "prone_press_up",
    "prone_press_up_sag",
    "end_range_extension_lying",
    "press_up_overpressure",
]


@pytest.mark.parametrize("code", PRESS)
def test_press_up_hands_under_shoulders_pelvis_down_trunk_not_vertical(code: str) -> None:
    keys = _keys(code)
    start = keys[0]
    top = max(keys, key=lambda j: _y(j, "chest"))
    assert abs(_x(start, "l_wrist") - _x(start, "chest")) < 10, "hands start under the shoulders"
    for j in keys:
        assert _y(j, "pelvis") < 8, f"{code}: pelvis lifts off"
        assert _y(j, "l_wrist") < 6.0, f"{code}: hands leave the floor"
        assert abs(_x(j, "l_wrist") - _x(start, "l_wrist")) < 1, "hands stay where placed"
    ahead = _x(top, "l_wrist") - _x(top, "chest")
    assert -4 <= ahead <= 16, f"{code}: hands {ahead:.0f} in front of the shoulders at the top"
    assert _angle(top, "pelvis", "chest") <= 56, "trunk not near vertical"
    assert _angle(top, "lumbar", "chest") <= 70, "upper back not near vertical"
    assert math.dist(top["l_shoulder"], top["l_wrist"]) > 0.74 * ARM, "arms nearly straight"


def test_prone_on_elbows_elbows_under_shoulders() -> None:
    j = _keys("prone_on_elbows")[-1]
    assert abs(_x(j, "l_elbow") - _x(j, "chest")) < 8, "elbows under the shoulders"
    assert _y(j, "l_elbow") < 8 and _y(j, "l_wrist") < 8, "forearms on the floor"
    assert _x(j, "l_wrist") > _x(j, "l_elbow") + 15, "forearms point forward"
    assert _y(j, "pelvis") < 8
    assert _angle(j, "pelvis", "chest") <= 40, "propped, not pressed up"


def test_prone_press_up_sag_shows_the_sag() -> None:
    fig = figure("prone_press_up_sag")
    assert still_frames(fig) == list(range(len(fig.frames))), "a frame repeats another"
    keys = _keys("prone_press_up_sag")
    top, sag = keys[-2], keys[-1]
    assert _y(sag, "lumbar") < _y(top, "lumbar") - 3, "the low back sinks in the sag"
    assert _y(sag, "pelvis") <= _y(top, "pelvis") + 0.5


def _trunk_thickness(code: str) -> int:
    """How many pixels thick the body is in the thumbnail: the dark pixels down the column
    through the low back (the trunk, and an arm lying along it; the head is elsewhere)."""
    fig = figure(code)
    svg = render_thumbnail(code)
    vb = [float(v) for v in svg.split('viewBox="', 1)[1].split('"', 1)[0].split()]
    img = _png(svg)
    scale = img.size[0] / vb[2]
    keep, want = still_frames(fig), fig.thumb % len(fig.frames)
    j = key_scenes(fig)[want if want in keep else keep[-1]][0]
    px = img.load()
    best = 0
    for dx in (-1, 0, 1):
        x = round((j["lumbar"][0] - vb[0]) * scale) + dx
        best = max(best, sum(1 for y in range(img.size[1]) if px[x, y] < 160))
    return best


@pytest.mark.parametrize("code", ["prone_lying", "prone_lying_pillows"])
def test_prone_resting_frame_reads_as_a_body_at_thumbnail_size(code: str) -> None:
    """Not a line with a circle: the trunk is thick enough to read on a phone."""
    thick = _trunk_thickness(code)
    assert thick >= 10, f"{code}: the trunk is a {thick} px line in the thumbnail"


def test_prone_lying_pillows_lies_over_pillows() -> None:
    fig = figure("prone_lying_pillows")
    assert fig is not figure("prone_lying")
    j, shapes = key_scenes(fig)[0]
    assert any(s.style == "pillow" for s in shapes)
    assert _y(j, "pelvis") > 8, "the belly is raised on the pillows"
    assert _y(j, "chest") < _y(j, "pelvis"), "chest lower than the hips: flexion-friendly"


# ---- flexion -------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["flexion_in_lying", "end_range_flexion_lying"])
def test_flexion_in_lying_knees_reach_the_chest(code: str) -> None:
    j = _keys(code)[-1]
    assert math.dist(j["l_knee"][:2], j["chest"][:2]) < 34, "knees to the chest"
    thigh = _angle(j, "l_hip", "l_knee")
    trunk = _angle(j, "pelvis", "chest")
    hip_flexion = 180 - abs((thigh - trunk + 180) % 360 - 180)
    assert hip_flexion >= 120, f"{code}: hips flexed only {hip_flexion:.0f}°"
    assert _y(j, "chest") < 12 and _y(j, "head") < 16, "shoulders and head stay down"


def test_end_range_flexion_standing_goes_well_past_90() -> None:
    j = _keys("end_range_flexion_standing")[-1]
    assert _y(j, "head") < _y(j, "pelvis") - 20, "head well below the hips"
    assert _y(j, "l_wrist") < 20, "hands towards the floor"
    assert _angle(j, "lumbar", "chest") < -45, "upper back curled down, not flat at 90°"


# ---- side planks ---------------------------------------------------------------------------------


def test_wall_side_plank_on_the_forearm() -> None:
    fig = figure("wall_side_plank")
    wall = _wall_x("wall_side_plank")
    j = _keys("wall_side_plank")[-1]
    for n in ("r_elbow", "r_wrist"):
        assert abs(_x(j, n) - wall) < 8, f"{n} not on the wall"
    assert _y(j, "r_wrist") > _y(j, "r_elbow") + 15, "forearm up the wall"
    assert abs(_y(j, "r_elbow") - _y(j, "r_shoulder")) < 14, "elbow at shoulder height"
    assert abs(_off_line(j, "pelvis", "l_ankle", "chest")) < 4, "body straight like a plank"
    assert fig.frames[-1].yaw == 0


def test_knee_side_plank_on_the_forearm_and_knees_the_hips_rise_in_line() -> None:
    """Propped on the forearm with the elbow under the shoulder, knees bent about 90° with the
    lower shin lying on the floor behind (not feet up in the air); the hips start down and
    lift until they are in line with the shoulders and knees."""
    keys = _keys("knee_side_plank")
    for j in keys:
        assert _y(j, "r_elbow") < 6, "lower elbow on the floor"
        assert abs(_x(j, "r_elbow") - _x(j, "r_shoulder")) < 6, "elbow under the shoulder"
        assert _y(j, "r_shoulder") > _y(j, "r_elbow") + 20, "upper arm upright on the elbow"
        for s in ("l", "r"):
            assert 70 <= _knee(j, s) <= 110, f"{s} knee bent {_knee(j, s):.0f}°, not about 90°"
        assert _y(j, "r_knee") < 7, "lower knee on the floor"
        assert _y(j, "r_ankle") < 8, "lower shin on the floor behind, feet not up in the air"
        shin = math.dist(j["r_knee"][:2], j["r_ankle"][:2])
        assert shin > 0.45 * dims_for("front").shin, "shins drawn, not foreshortened away"
    down, up = keys[0], keys[-1]
    assert _y(up, "pelvis") > _y(down, "pelvis") + 10, "the hips rise between the frames"
    assert abs(_off_line(up, "pelvis", "r_knee", "chest")) < 6, "straight from knees to head"


# ---- supine, prone and all fours -----------------------------------------------------------------


def test_mcgill_curl_up_hands_under_the_low_back() -> None:
    for j in _keys("mcgill_curl_up"):
        for w in ("l_wrist", "r_wrist"):
            assert math.dist(j[w][:2], j["lumbar"][:2]) < 12, f"{w} not under the low back"
            assert _y(j, w) <= _y(j, "lumbar") + 1


def _elbow(j: Joints, side: str) -> float:
    """The elbow's angle in 3-D, degrees: 180 is a straight arm."""
    return _inner(j, f"{side}_shoulder", f"{side}_elbow", f"{side}_wrist")


def _knee(j: Joints, side: str) -> float:
    """How far the knee is bent in 3-D, degrees: 0 is a straight leg."""
    return 180.0 - _inner(j, f"{side}_hip", f"{side}_knee", f"{side}_ankle")


def _inner(j: Joints, a: str, b: str, c: str) -> float:
    u = [j[a][k] - j[b][k] for k in range(3)]
    v = [j[c][k] - j[b][k] for k in range(3)]
    cos = sum(p * q for p, q in zip(u, v, strict=True)) / (math.hypot(*u) * math.hypot(*v))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def test_superman_arms_clear_of_the_head_lying_and_lifted() -> None:
    """Lying and lifted, the arms reach forward past the head, not through it."""
    r = dims_for("side").head_r
    for j in _keys("superman"):
        h = j["head"][:2]
        for s in ("l", "r"):
            for a, b in ((f"{s}_shoulder", f"{s}_elbow"), (f"{s}_elbow", f"{s}_wrist")):
                d = _seg_dist(h, j[a][:2], j[b][:2])
                assert d > r + 3, f"superman: arm passes through the head ({d:.1f})"
            assert _x(j, f"{s}_wrist") > _x(j, "head") + 15, "arms stretched out in front"


def test_superman_lifted_arms_reach_forward_not_up_to_the_ceiling() -> None:
    lifted = max(_keys("superman"), key=lambda j: _y(j, "chest"))
    for s in ("l", "r"):
        up = _angle(lifted, f"{s}_shoulder", f"{s}_wrist")
        assert 15 <= up <= 45, f"superman: {s} arm raised {up:.0f}° from the floor"


@pytest.mark.parametrize("code", ["bird_dog", "bird_dog_band", "quadruped_limb_lift"])
def test_on_all_fours_the_reaching_arm_passes_over_the_head_not_across_the_face(
    code: str,
) -> None:
    r = dims_for("side").head_r
    for j in _keys(code):
        for s in ("l", "r"):
            if _x(j, f"{s}_wrist") < _x(j, "head"):
                continue  # this hand is on the floor
            d = min(
                _seg_dist(j["head"][:2], j[a][:2], j[b][:2])
                for a, b in ((f"{s}_shoulder", f"{s}_elbow"), (f"{s}_elbow", f"{s}_wrist"))
            )
            assert d >= 0.9 * r, f"{code}: the {s} arm crosses the face ({d:.1f})"
            assert _y(j, f"{s}_wrist") > _y(j, "head"), f"{code}: arm below the head"


def test_cat_camel_straight_arms_hands_under_shoulders_knees_under_hips() -> None:
    """Straight arms put the shoulders an arm's length up, so a little above the hips (an arm
    is longer than a thigh) — not far above them."""
    for j in _keys("cat_camel"):
        for s in ("l", "r"):
            assert _elbow(j, s) >= 160, f"cat_camel: {s} elbow bent to {_elbow(j, s):.0f}°"
        assert abs(_y(j, "chest") - _y(j, "pelvis")) <= 12, "shoulders far above the hips"
        assert abs(_x(j, "l_wrist") - _x(j, "chest")) < 6, "hands under the shoulders"
        assert abs(_x(j, "l_knee") - _x(j, "pelvis")) < 6, "knees under the hips"


# ---- version 2 entries that reused a wrong figure --------------------------------------------


def test_rotation_in_flexion_is_side_lying_with_hips_and_knees_bent() -> None:
    fig = figure("rotation_in_flexion_left")
    assert fig is not figure("knee_to_chest_stretch")
    assert "from above" in fig.label
    keys = _keys("rotation_in_flexion_left")
    for j in keys:
        thigh, trunk = _angle(j, "l_hip", "l_knee"), _angle(j, "pelvis", "chest")
        assert 60 <= abs((thigh - trunk + 180) % 360 - 180) <= 120, "hips bent about 90°"
    # the upper trunk turns: the top arm goes back behind the body
    assert abs(_y(keys[-1], "l_wrist") - _y(keys[0], "l_wrist")) > 20


@pytest.mark.parametrize("code", ["rotation_in_flexion_left", "rotation_in_flexion_right"])
def test_rotation_in_flexion_lies_curled_not_on_all_fours(code: str) -> None:
    """Lying, the arms rest folded by the face (the lower one under the head on the pillow)
    rather than held out straight like supports, and the knees bend further than the hips so
    the feet come back towards the buttocks."""
    j, shapes = key_scenes(figure(code))[0]
    for s in ("l", "r"):
        reach = math.dist(j[f"{s}_shoulder"][:2], j[f"{s}_wrist"][:2])
        assert reach < 0.75 * ARM, f"{code}: {s} arm held out straight like a support"
        assert _knee(j, s) >= 100, f"{code}: {s} knee bent only {_knee(j, s):.0f}°"
    (px0, py0), _, (px1, py1), _ = next(s for s in shapes if s.style == "pillow").points
    hx, hy = j["head"][:2]
    assert min(px0, px1) < hx < max(px0, px1) and min(py0, py1) < hy < max(py0, py1)
    assert "clinician" in figure(code).label, "says who does the turning"


@pytest.mark.parametrize(
    "code", ["extension_lying_hips_off_centre_left", "extension_lying_hips_off_centre_right"]
)
def test_hips_off_centre_is_not_a_plain_press_up(code: str) -> None:
    fig = figure(code)
    assert fig is not figure("prone_press_up")
    assert "from above" in fig.label
    assert fig.frames[-1].lean > 20, "presses up at the end"


@pytest.mark.parametrize(
    "code", ["extension_lying_hips_off_centre_left", "extension_lying_hips_off_centre_right"]
)
def test_hips_off_centre_press_hands_under_shoulders_pelvis_stays_elbows_straighten(
    code: str,
) -> None:
    """Seen from above: the hips stay shifted and down on the mat while the chest rises, the
    hands stay flat where they were put beside the shoulders (not back by the waist), and the
    elbows straighten from the lying frame to the press."""
    keys = _keys(code)
    lying, shifted, pressed = keys[0], keys[-2], keys[-1]
    assert math.dist(pressed["pelvis"], shifted["pelvis"]) < 1, "the pelvis stays put"
    assert abs(pressed["pelvis"][2]) < 1, "the pelvis stays down on the mat"
    assert pressed["chest"][2] < -25, "the chest rises off the mat"
    for s in ("l", "r"):
        w = f"{s}_wrist"
        assert math.dist(pressed[w], lying[w]) < 1, f"{code}: {w} moves on the floor"
        for j in (lying, pressed):
            sh = f"{s}_shoulder"
            assert abs(_y(j, w) - _y(j, sh)) < 12, f"{code}: hand not beside the shoulder"
            assert 0 < abs(_x(j, w) - _x(j, sh)) < 12, f"{code}: hand not by the shoulder"
        assert _elbow(pressed, s) >= _elbow(lying, s) + 60, "the elbows straighten"
        assert _elbow(pressed, s) >= 95, f"{code}: elbow still bent to {_elbow(pressed, s):.0f}°"


def test_front_loaded_carry_holds_the_weight_at_the_chest() -> None:
    assert figure("front_loaded_carry") is not figure("farmer_carry")
    for j in _keys("front_loaded_carry"):
        for w in ("l_wrist", "r_wrist"):
            assert math.dist(j[w][:2], j["chest"][:2]) < 26, "weight held against the chest"


def test_running_and_walking_with_breaks_are_their_own_pictures() -> None:
    walk = figure("walking_programme")
    assert figure("running") is not walk and figure("walking_flexion_breaks") is not walk
    run = _keys("running")
    assert any(min(_y(j, "l_toe"), _y(j, "r_toe")) > 6 for j in run), "a flight phase"
    brk = _keys("walking_flexion_breaks")[-1]
    assert _x(brk, "head") > _x(brk, "pelvis") + 25, "the break bends forward"
    hydro = figure("hydrotherapy")
    assert hydro is not walk and any(s.style == "water" for s in key_scenes(hydro)[0][1])


# ---- every figure, rendered ------------------------------------------------------------------


@pytest.mark.parametrize("code", FIGURE_CODES)
def test_every_thumbnail_has_a_body_with_width(code: str) -> None:
    thick = _trunk_thickness(code)
    assert thick >= 10, f"{code}: the trunk is {thick} px thick at thumbnail size"


@pytest.mark.parametrize("code", FIGURE_CODES)
def test_still_scales_to_forty_percent_of_a_page(code: str) -> None:
    """At 40 % of an A4 page's width (about 84 mm, 318 px at 96 dpi) the picture is not a
    strip: it is at least 20 mm (75 px) high and the body keeps its width."""
    svg = render_still(code)
    vb = [float(v) for v in svg.split('viewBox="', 1)[1].split('"', 1)[0].split()]
    height = 318 * vb[3] / vb[2]
    assert height >= 75, f"{code}: {height:.0f} px high at 40 % page width"
