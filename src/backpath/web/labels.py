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
# Tag classes for the audit's verdicts (v2 adds "caution", between contradicts_dp and
# not_recommended).
VERDICT_CLASSES = {
    "contradicts_dp": "bad",
    "caution": "warn",
    "not_recommended": "warn",
    "consistent": "good",
    "unknown": "",
}
PRECAUTION_LABELS = {"bone_fragility": "Bone fragility", "pregnancy": "Pregnancy"}
TAG_LABELS = {  # the library's tags, as a precaution's "excludes" list names them
    "loaded_flexion": "loaded flexion",
    "end_range_flexion": "end-range flexion",
    "loaded_rotation": "loaded rotation",
    "high_load_abdominal": "high-load abdominal work",
    "prone": "lying face down",
    "supine_sustained": "sustained lying on the back",
    "impact": "impact",
}
# The neurological examination: what each myotome and reflex tests, beside its code.
MYOTOME_LABELS = {
    "L2": "L2 hip flexion",
    "L3": "L3 knee extension",
    "L4": "L4 ankle dorsiflexion",
    "L5": "L5 big-toe extension",
    "S1": "S1 ankle plantarflexion",
}
REFLEX_LABELS = {"knee": "Knee (L3–4)", "ankle": "Ankle (S1)"}
DERMATOME_LABELS = {"L3": "L3", "L4": "L4", "L5": "L5", "S1": "S1", "saddle": "Saddle area"}
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
