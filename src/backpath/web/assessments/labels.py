"""Display labels for codes (no clinical meaning: the codes and their rules live in the core)."""

from __future__ import annotations

from backpath.core.findings import TEST_NAMES
from backpath.core.instruments.labels import ODI_SECTIONS

TEST_LABELS = {  # the core's names; single movements marked for the form
    code: name[0].upper() + name[1:] + ("" if code.startswith("R") else " (single)")
    for code, name in TEST_NAMES.items()
}
SHIFT_LABELS = {
    "none": "None",
    "left": "Left: shoulders to the left / hips to the right",
    "right": "Right: shoulders to the right / hips to the left",
}
DIRECTION_LABELS = {
    "flexion": "flexion",
    "extension": "extension",
    "side_glide_left": "side glide left (shoulders move left / hips move right)",
    "side_glide_right": "side glide right (shoulders move right / hips move left)",
    "lateral_left": "lateral left (shoulders move left / hips move right)",
    "lateral_right": "lateral right (shoulders move right / hips move left)",
    "lateral_flexion": "lateral flexion",
    "rotation": "rotation",
}
# The form's short names for the ten Oswestry sections ("4 Walking" beside a 0–5 box), from the
# core's section topics. The questionnaire's wording is never reproduced (instruments.md).
ODI_SHORT_LABELS = tuple(f"{n} {topic.capitalize()}" for n, topic in enumerate(ODI_SECTIONS, 1))
# What a Roland-Morris item allows (records.py: 0, 1 or blank), in the form's words.
RMDQ_ALLOWED = "allowed: ticked (1) or not ticked (0 or blank)"
URGENCY_HEADLINES = {
    "emergency": "Send to emergency care today",
    "urgent": "Urgent medical review within days",
    "soon": "Medical opinion within weeks",
    "consider": "Consider medical review",
}


def human(code: object) -> str:
    """``rising_from_sitting`` → ``rising from sitting``."""
    return str(code).replace("_", " ")


def direction(code: object) -> str:
    return DIRECTION_LABELS.get(str(code), human(code))
