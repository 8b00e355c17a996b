"""Directions to avoid while the current stage lasts (clinical-rules.md §4)."""

from __future__ import annotations

from .classification import Findings, toward_painful_glide
from .documents import Avoid, Classification
from .findings import TEST_NAMES
from .vocab import TEST_DIRECTION, TEST_POSITION

__all__ = ["DP_DIRECTION", "OPPOSITE_GLIDE", "avoided_for_dp", "directions_to_avoid"]

DP_DIRECTION = {
    "extension": "extension",
    "flexion": "flexion",
    "lateral_left": "side_glide_left",
    "lateral_right": "side_glide_right",
}
OPPOSITE_GLIDE = {"side_glide_left": "side_glide_right", "side_glide_right": "side_glide_left"}
_SHOULDERS = {"side_glide_left": "left", "side_glide_right": "right"}

_DP_REASONS = {
    "extension": [
        (
            "flexion",
            "Extension is the directional preference; flexion (bending, "
            "sitting slumped, knee hugs, sit-ups) loads the opposite way and tends to "
            "make the pain worse or spread.",
        )
    ],
    "flexion": [
        (
            "extension",
            "Flexion is the directional preference; extension (arching "
            "back, prone press-ups) loads the opposite way.",
        )
    ],
}


def _lateral(glide: str, why: str) -> list[tuple[str, str]]:
    away = OPPOSITE_GLIDE[glide]
    return [
        ("flexion", f"{why} A painful spine with a lateral component dislikes flexion."),
        (
            away,
            f"{why} Gliding the shoulders to the {_SHOULDERS[away]} (hips to the "
            f"{_SHOULDERS[glide]}) shifts away from the side that needs the glide.",
        ),
    ]


def directions_to_avoid(cls: Classification, f: Findings) -> list[Avoid]:
    """Avoided loading directions, each with its reason and rule, DP direction never among them."""
    dp, subgroup = cls["directional_preference"], cls["subgroup"]
    found: list[tuple[str, str]] = []
    if dp in _DP_REASONS and cls["syndrome"] == "derangement":
        found += _DP_REASONS[dp]
    elif dp in ("lateral_left", "lateral_right"):
        found += _lateral(DP_DIRECTION[dp], "The directional preference is a side glide.")
    elif subgroup == "lateral" and cls["syndrome"] == "derangement":
        glide = toward_painful_glide(f)
        found += (
            _lateral(glide, "A lateral component is likely.")
            if glide
            else [
                (
                    "flexion",
                    "A lateral component is likely; a painful spine with a lateral "
                    "component dislikes flexion.",
                )
            ]
        )
    if subgroup == "spinal_stenosis":
        found.append(
            (
                "extension",
                "Spinal stenosis: sustained extension (standing tall, "
                "walking upright for long) narrows the canal further.",
            )
        )
    keep = DP_DIRECTION.get(dp or "")
    limited: list[tuple[str, str, str]] = []
    for t in f.unfavourable:
        direction = TEST_DIRECTION[t.test]
        why = (
            f"{t.test} ({TEST_NAMES[t.test]}) made the symptoms worse or spread: "
            f"{t.during.replace('_', ' ')} during, {t.after.replace('_', ' ')} after."
        )
        if direction != keep:
            found.append((direction, why))
            continue
        position = TEST_POSITION[t.test]
        if position not in _favourable_positions(f, direction):
            limited.append((direction, position, why))
    seen: dict[tuple[str, str], Avoid] = {}
    for direction, reason in found:
        _merge(seen, direction, None, reason)
    for direction, position, reason in limited:
        other = "lying" if position == "standing" else "standing"
        _merge(
            seen,
            direction,
            position,
            f"{reason} {direction.capitalize()} stays the directional preference because it "
            f"helped in {other}: do it in {other} only, not in {position}.",
        )
    return list(seen.values())


def _favourable_positions(f: Findings, direction: str) -> set[str]:
    return {TEST_POSITION[t.test] for t in f.favourable if TEST_DIRECTION[t.test] == direction}


def _merge(
    seen: dict[tuple[str, str], Avoid], direction: str, position: str | None, why: str
) -> None:
    key = (direction, position or "")
    if key in seen:
        seen[key]["reason"] += " " + why
        return
    entry: Avoid = {"direction": direction, "reason": why, "rule": "R4"}  # type: ignore[typeddict-item]
    if position:
        entry["positions"] = [position]  # type: ignore[list-item]
    seen[key] = entry


def avoided_for_dp(dp: str) -> frozenset[str]:
    """The directions a derangement with directional preference ``dp`` avoids (§4).

    For browsing the library ("safe for a DP"); a patient's own ``avoid`` also holds the
    directions their unfavourable tests showed.
    """
    if dp in _DP_REASONS:
        return frozenset(d for d, _ in _DP_REASONS[dp])
    if dp in ("lateral_left", "lateral_right"):
        return frozenset(d for d, _ in _lateral(DP_DIRECTION[dp], ""))
    raise ValueError(
        f"dp: {dp!r} is not a directional preference; allowed values: extension, flexion, "
        "lateral_left, lateral_right"
    )
