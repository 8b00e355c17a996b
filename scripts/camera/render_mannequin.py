"""Render ground-truth footage for the camera measurement: a mannequin made of our own
primitives bends its trunk about the hips through repeated extension and flexion.

Run headless with Debian's Blender::

    blender -b -P scripts/camera/render_mannequin.py -- OUT_DIR [--only NAME] [--size 256]

Each sequence is a folder of PNG frames (``0000.png`` …) plus ``truth.json`` with the
trunk inclination of every frame (hip midpoint to shoulder midpoint against vertical,
flexion positive, extension negative), the camera yaw off the side view and the number of
repetitions. The empty scene has no mannequin at all.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import bpy  # type: ignore[import-not-found]
from mathutils import Euler, Vector  # type: ignore[import-not-found]

HIP_HEIGHT = 0.92
TRUNK = 0.52  # hip joint to shoulder line (metres)

# name: (yaw off the side view in degrees, peaks of each rep, step in degrees, empty?)
SEQUENCES: dict[str, tuple[float, list[float], float, bool]] = {
    "side-extension-dense": (0, [-15, -25], 2.5, False),
    "side-flexion-dense": (0, [45, 35], 3, False),
    "side-flexion-coarse": (0, [50, 50, 50], 25, False),
    "offside35-flexion": (35, [55, 55], 18.4, False),
    "empty": (0, [], 0, True),
}


def _angles(peaks: list[float], step: float) -> list[float]:
    out = [0.0, 0.0]
    for peak in peaks:
        n = max(1, math.ceil(abs(peak) / step))
        out += [peak * i / n for i in range(1, n + 1)]
        out += [peak * i / n for i in range(n - 1, -1, -1)]
        out += [0.0]
    return out


def _material(name: str, rgb: tuple[float, float, float]) -> bpy.types.Material:
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    bsdf = mat.node_tree.nodes["Principled BSDF"]
    bsdf.inputs["Base Color"].default_value = (*rgb, 1.0)
    bsdf.inputs["Roughness"].default_value = 0.8
    return mat


def _limb(a: Vector, b: Vector, radius: float, mat: bpy.types.Material, parent=None):
    """A capsule from a to b: a cylinder with a sphere at each end."""
    mid, d = (a + b) / 2, b - a
    bpy.ops.mesh.primitive_cylinder_add(radius=radius, depth=d.length, location=mid)
    cyl = bpy.context.object
    cyl.rotation_mode = "QUATERNION"
    cyl.rotation_quaternion = Vector((0, 0, 1)).rotation_difference(d.normalized())
    parts = [cyl]
    for end in (a, b):
        bpy.ops.mesh.primitive_uv_sphere_add(radius=radius, location=end, segments=16, ring_count=8)
        parts.append(bpy.context.object)
    for p in parts:
        p.data.materials.append(mat)
        bpy.ops.object.shade_smooth()
        if parent is not None:
            p.parent = parent
            p.matrix_parent_inverse = parent.matrix_world.inverted()
    return parts


def _mannequin() -> bpy.types.Object:
    skin = _material("skin", (0.80, 0.60, 0.48))
    shirt = _material("shirt", (0.15, 0.30, 0.70))
    trousers = _material("trousers", (0.20, 0.20, 0.22))
    shoes = _material("shoes", (0.05, 0.05, 0.05))
    h = HIP_HEIGHT
    for y in (-0.10, 0.10):  # legs, feet pointing +x (the way the mannequin faces)
        _limb(Vector((0, y, h)), Vector((0.01, y, 0.48)), 0.075, trousers)
        _limb(Vector((0.01, y, 0.48)), Vector((0, y, 0.08)), 0.06, trousers)
        _limb(Vector((-0.03, y, 0.04)), Vector((0.17, y, 0.04)), 0.045, shoes)
    bpy.ops.object.empty_add(location=(0, 0, h))
    hips = bpy.context.object
    _limb(Vector((0, -0.11, h + 0.02)), Vector((0, 0.11, h + 0.02)), 0.09, trousers, hips)
    _limb(Vector((0, 0, h + 0.08)), Vector((0, 0, h + TRUNK - 0.06)), 0.14, shirt, hips)
    _limb(Vector((0, -0.19, h + TRUNK)), Vector((0, 0.19, h + TRUNK)), 0.06, shirt, hips)
    _limb(Vector((0, 0, h + TRUNK)), Vector((0, 0, h + TRUNK + 0.10)), 0.05, skin, hips)
    bpy.ops.mesh.primitive_uv_sphere_add(radius=0.11, location=(0.02, 0, h + TRUNK + 0.2))
    head = bpy.context.object
    head.scale = (1.0, 0.9, 1.15)
    head.data.materials.append(skin)
    bpy.ops.object.shade_smooth()
    head.parent = hips
    head.matrix_parent_inverse = hips.matrix_world.inverted()
    bpy.ops.mesh.primitive_uv_sphere_add(radius=0.03, location=(0.12, 0, h + TRUNK + 0.19))
    nose = bpy.context.object
    nose.data.materials.append(skin)
    nose.parent = hips
    nose.matrix_parent_inverse = hips.matrix_world.inverted()
    for y in (-0.21, 0.21):  # arms hanging along the trunk, hands in front of the thighs
        top = Vector((0, y, h + TRUNK))
        elbow = Vector((0.02, y, h + TRUNK - 0.30))
        _limb(top, elbow, 0.05, shirt, hips)
        _limb(elbow, Vector((0.06, y, h + TRUNK - 0.56)), 0.04, skin, hips)
    return hips


def _scene(size: int, yaw: float, empty: bool) -> bpy.types.Object | None:
    bpy.ops.wm.read_factory_settings(use_empty=True)
    scene = bpy.context.scene
    scene.render.engine = "CYCLES"
    scene.cycles.samples = 12
    scene.cycles.use_denoising = False  # Debian's build has no denoiser
    scene.cycles.max_bounces = 1  # little indirect light: little noise, small PNGs
    scene.render.resolution_x = scene.render.resolution_y = size
    scene.render.image_settings.color_mode = "RGB"
    scene.render.image_settings.compression = 90
    world = bpy.data.worlds.new("world")
    world.color = (0.55, 0.55, 0.55)
    scene.world = world
    world.use_nodes = True
    world.node_tree.nodes["Background"].inputs["Color"].default_value = (0.6, 0.6, 0.58, 1)
    bpy.ops.mesh.primitive_plane_add(size=20)
    bpy.context.object.data.materials.append(_material("floor", (0.55, 0.5, 0.45)))
    bpy.ops.object.light_add(type="SUN", rotation=(math.radians(50), 0, math.radians(-30)))
    bpy.context.object.data.energy = 3.0
    # Side view: the camera on -y looks along +y at the mannequin, who faces +x.
    dist, yaw_r = 2.7, math.radians(yaw)
    loc = Vector((dist * math.sin(yaw_r), -dist * math.cos(yaw_r), 1.0))
    bpy.ops.object.camera_add(location=loc)
    cam = bpy.context.object
    cam.rotation_euler = Euler((math.radians(90), 0, yaw_r))
    cam.data.lens = 30
    scene.camera = cam
    return None if empty else _mannequin()


def render(out: Path, name: str, size: int) -> None:
    yaw, peaks, step, empty = SEQUENCES[name]
    angles = [0.0] * 4 if empty else _angles(peaks, step)
    if "--frames" in sys.argv:  # a quick look at the first few frames
        angles = angles[: int(sys.argv[sys.argv.index("--frames") + 1])]
    hips = _scene(size, yaw, empty)
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    for i, angle in enumerate(angles):
        if hips is not None:  # flexion is a forward bend: rotation about +y tilts +z to +x
            hips.rotation_euler = Euler((0, math.radians(angle), 0))
        bpy.context.scene.render.filepath = str(folder / f"{i:04d}.png")
        bpy.ops.render.render(write_still=True)
    truth = {
        "name": name,
        "yaw_off_side_deg": yaw,
        "reps": len(peaks),
        "rep_peaks_deg": peaks,
        "person": not empty,
        "frames": [{"file": f"{i:04d}.png", "trunk_deg": a} for i, a in enumerate(angles)],
    }
    (folder / "truth.json").write_text(json.dumps(truth, indent=1) + "\n")


def main() -> None:
    args = sys.argv[sys.argv.index("--") + 1 :] if "--" in sys.argv else []
    out = Path(args[0]) if args else Path("tests/camera/footage")
    size = int(args[args.index("--size") + 1]) if "--size" in args else 256
    names = [args[args.index("--only") + 1]] if "--only" in args else list(SEQUENCES)
    for name in names:
        render(out, name, size)


main()
