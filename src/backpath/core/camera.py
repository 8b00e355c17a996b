"""Camera-measured repeated movements: which tests the camera can measure and what the
measured range suggests for the test's ``mechanical`` response.

The browser measures *trunk inclination* — the line from the hip midpoint to the shoulder
midpoint against vertical, seen from the side (flexion positive, extension negative). That
includes the hips: it is not lumbar range. Each repetition's range is its peak inclination
in the test's direction, in degrees. This module turns the first and last repetitions'
ranges into a suggested ``mechanical`` response that the clinician confirms or changes.

At home, the patient's programme page counts the repetitions of the library entries that
carry a ``camera`` movement (:func:`home_counting`); side glides are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .settings import DEFAULT, Thresholds
from .vocab import TEST_CODES, TEST_DIRECTION, TEST_POSITION, CameraMovement

if TYPE_CHECKING:
    from .library import Exercise

__all__ = [
    "CAMERA_KEYS",
    "CAMERA_RULE",
    "CAMERA_TESTS",
    "MOVEMENT_DIRECTION",
    "CameraSuggestion",
    "camera_direction",
    "home_counting",
    "suggest_mechanical",
]

CAMERA_RULE = "CAM1"
# Standing flexion and extension, seen from the side; side glides are not measured.
CAMERA_TESTS: tuple[str, ...] = tuple(
    code
    for code in TEST_CODES
    if TEST_POSITION[code] == "standing" and TEST_DIRECTION[code] in ("flexion", "extension")
)
# The form's field suffixes for a test row's camera numbers (``test-REIS-camera-reps`` …).
CAMERA_KEYS: tuple[str, ...] = ("camera-reps", "camera-first_deg", "camera-last_deg")
MechanicalSuggestion = Literal["increased_rom", "decreased_rom", "no_effect"]
# The trunk inclination's sign the counter follows for each movement (flexion positive).
MOVEMENT_DIRECTION: dict[CameraMovement, Literal["flexion", "extension"]] = {
    "trunk_extension": "extension",
    "trunk_flexion": "flexion",
}


@dataclass(frozen=True)
class CameraSuggestion:
    """The suggested ``mechanical`` response, with its reasons and the rule that gave it."""

    mechanical: MechanicalSuggestion
    change_deg: float
    reasons: tuple[str, ...]
    rule: str = CAMERA_RULE


def camera_direction(test: str) -> str:
    """``flexion`` or ``extension`` for a test the camera can measure, else ``ValueError``."""
    if test not in CAMERA_TESTS:
        raise ValueError(
            f"test {test!r} cannot be measured with the camera; allowed values: "
            + ", ".join(CAMERA_TESTS)
        )
    return TEST_DIRECTION[test]


def suggest_mechanical(
    test: str, first_deg: float, last_deg: float, thresholds: Thresholds = DEFAULT
) -> CameraSuggestion:
    """Compare the last repetition's range with the first one's (degrees of trunk
    inclination in the test's direction): a gain of at least ``camera_rom_change_deg``
    suggests ``increased_rom``, a loss of as much ``decreased_rom``, else ``no_effect``."""
    direction = camera_direction(test)
    for name, value in (("first_deg", first_deg), ("last_deg", last_deg)):
        if not 0 <= value <= 180:
            raise ValueError(f"{name} is {value}; allowed values: 0 to 180 degrees")
    change = round(last_deg - first_deg, 1)
    limit = thresholds.camera_rom_change_deg
    mechanical: MechanicalSuggestion = "no_effect"
    if change >= limit:
        mechanical = "increased_rom"
    elif change <= -limit:
        mechanical = "decreased_rom"
    reason = (
        f"{direction} trunk inclination went from {first_deg:.0f}° at the first repetition "
        f"to {last_deg:.0f}° at the last ({change:+.0f}°; a change of {limit:g}° or more "
        "counts)"
    )
    caveat = "trunk inclination includes the hips: it is not lumbar range"
    return CameraSuggestion(mechanical, change, (reason, caveat))


def home_counting(exercise: Exercise | None) -> CameraMovement | None:
    """The movement the patient page's camera counts for ``exercise`` (its library entry's
    ``camera`` field), or ``None`` when it cannot be counted — an item without a library
    entry, a side glide, anything not done standing and seen from the side."""
    return exercise.camera if exercise is not None else None
