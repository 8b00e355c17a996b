"""Display labels for codes (no clinical meaning: the codes and their rules live in the core)."""

from __future__ import annotations

TEST_LABELS = {
    "FIS": "Flexion in standing (single)",
    "RFIS": "Repeated flexion in standing",
    "EIS": "Extension in standing (single)",
    "REIS": "Repeated extension in standing",
    "FIL": "Flexion in lying (single)",
    "RFIL": "Repeated flexion in lying",
    "EIL": "Extension in lying (single)",
    "REIL": "Repeated extension in lying",
    "SGIS-L": "Side glide in standing, shoulders move left / hips move right (single)",
    "RSGIS-L": "Repeated side glide in standing, shoulders move left / hips move right",
    "SGIS-R": "Side glide in standing, shoulders move right / hips move left (single)",
    "RSGIS-R": "Repeated side glide in standing, shoulders move right / hips move left",
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
