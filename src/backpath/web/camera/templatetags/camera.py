"""``{% camera_button code %}``: a "Measure with camera" link and the hidden camera numbers
for a test row of the assessment form, for the tests the camera can measure."""

from __future__ import annotations

from typing import Any

from django import template

from backpath.core.camera import CAMERA_TESTS

CAMERA_KEYS_SHORT = ("reps", "first_deg", "last_deg")

register = template.Library()


@register.inclusion_tag("camera/_button.html")
def camera_button(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` is a test row of the form (its fields by key, as the form builds them)."""
    code = row["code"]
    value = {k: (row.get(f"camera-{k}") or {}).get("value", "") for k in CAMERA_KEYS_SHORT}
    return {"code": code, "show": code in CAMERA_TESTS, **value}
