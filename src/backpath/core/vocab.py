"""Controlled vocabularies of the assessment record and the result (spec: assessment-record.md).

Each vocabulary is a ``Literal`` type for static checking and a tuple of the same values for
runtime checks and error messages. Order matters where the spec gives one (battery order of
tests, urgency order, distal extent).
"""

from __future__ import annotations

from typing import Literal, get_args

Sex = Literal["female", "male", "other", "unknown"]
Onset = Literal["gradual", "sudden", "trauma"]
Pattern = Literal["constant", "intermittent"]
Factor = Literal[
    "sitting",
    "bending",
    "rising_from_sitting",
    "standing",
    "walking",
    "lying",
    "lying_prone",
    "lying_supine",
    "morning",
    "evening",
    "cough_sneeze",
    "lifting",
    "twisting",
    "driving",
    "exercise",
    "rest",
]
Region = Literal["back", "buttock", "thigh", "leg", "foot"]
Side = Literal["central", "left", "right"]
SymptomKind = Literal["pain", "paraesthesia", "numbness"]
ShiftSide = Literal["none", "left", "right"]
MovementLossKey = Literal["flexion", "extension", "side_glide_left", "side_glide_right"]
LossGrade = Literal["nil", "minimal", "moderate", "major"]
TestCode = Literal[
    "FIS",
    "RFIS",
    "EIS",
    "REIS",
    "FIL",
    "RFIL",
    "EIL",
    "REIL",
    "SGIS-L",
    "RSGIS-L",
    "SGIS-R",
    "RSGIS-R",
]
During = Literal[
    "produce", "abolish", "increase", "decrease", "no_effect", "centralise", "peripheralise"
]
After = Literal[
    "abolished",
    "better",
    "centralised",
    "no_better",
    "no_worse",
    "no_effect",
    "worse",
    "peripheralised",
]
Mechanical = Literal["increased_rom", "decreased_rom", "no_effect"]
Direction = Literal["flexion", "extension", "side_glide_left", "side_glide_right"]
LoadDirection = Literal[
    "flexion", "extension", "side_glide_left", "side_glide_right", "lateral_flexion", "rotation"
]
Urgency = Literal["emergency", "urgent", "soon", "consider", "none"]
Syndrome = Literal["derangement", "dysfunction", "postural", "other", "unclassified"]
DirectionalPreference = Literal["extension", "flexion", "lateral_left", "lateral_right"]
Status = Literal["confirmed", "provisional"]
Irritability = Literal["high", "moderate", "low"]
Stage = Literal["lateral", "reduce", "maintain", "recover_function"]
Category = Literal[
    "dp_extension",
    "dp_flexion",
    "dp_lateral",
    "dysfunction",
    "anti_extension",
    "anti_flexion",
    "anti_lateral_flexion",
    "anti_rotation",
    "activity",
    "posture",
    "mobility",
    "strength",
    "passive",
    "rest",
]
Position = Literal[
    "standing", "lying_prone", "lying_supine", "side_lying", "sitting", "quadruped", "none"
]
Tag = Literal[
    "loaded_flexion",
    "end_range_flexion",
    "loaded_rotation",
    "high_load_abdominal",
    "prone",
    "supine_sustained",
    "impact",
]
Verdict = Literal["contradicts_dp", "caution", "not_recommended", "consistent", "unknown"]
Stance = Literal["recommended", "neutral", "not_recommended"]
Response = Literal["better", "same", "worse"]
Action = Literal["reassess", "progress", "review", "discharge", "continue"]
Light = Literal["green", "amber", "red", "emergency"]
PregnancyStatus = Literal["pregnant", "postpartum"]
PrecautionCode = Literal["bone_fragility", "pregnancy"]
WarningCode = Literal[
    "shift_vs_glide",
    "leg_score_without_leg_symptom",
    "leg_symptom_without_leg_score",
    "neuro_deficit_unflagged",
    "battery_incomplete",
]
Myotome = Literal["L2", "L3", "L4", "L5", "S1"]
Reflex = Literal["knee", "ankle"]
ReflexFinding = Literal["reduced", "absent", "brisk"]
Dermatome = Literal["L3", "L4", "L5", "S1", "saddle"]
SlumpResult = Literal["positive", "negative"]
TestPosition = Literal["standing", "lying"]
NeuroSide = Literal["left", "right"]  # weakness and reflexes: a side, never central
# what the patient page's camera can count, seen from the side (docs/camera.md, "At home")
CameraMovement = Literal["trunk_extension", "trunk_flexion"]

SEXES: tuple[str, ...] = get_args(Sex)
FACTORS: tuple[str, ...] = get_args(Factor)
REGIONS: tuple[str, ...] = get_args(Region)
TEST_CODES: tuple[str, ...] = get_args(TestCode)  # battery order
DIRECTIONS: tuple[str, ...] = get_args(Direction)
LOAD_DIRECTIONS: tuple[str, ...] = get_args(LoadDirection)
URGENCIES: tuple[str, ...] = get_args(Urgency)  # most serious first
CATEGORIES: tuple[str, ...] = get_args(Category)
POSITIONS: tuple[str, ...] = get_args(Position)
TAGS: tuple[str, ...] = get_args(Tag)
STAGES: tuple[str, ...] = get_args(Stage)
VERDICTS: tuple[str, ...] = get_args(Verdict)  # most serious first
PRECAUTION_CODES: tuple[str, ...] = get_args(PrecautionCode)
WARNING_CODES: tuple[str, ...] = get_args(WarningCode)
MYOTOMES: tuple[str, ...] = get_args(Myotome)
REFLEXES: tuple[str, ...] = get_args(Reflex)
REFLEX_FINDINGS: tuple[str, ...] = get_args(ReflexFinding)
DERMATOMES: tuple[str, ...] = get_args(Dermatome)
SLUMP_RESULTS: tuple[str, ...] = get_args(SlumpResult)
PREGNANCY_STATUSES: tuple[str, ...] = get_args(PregnancyStatus)
TEST_POSITIONS: tuple[str, ...] = get_args(TestPosition)
NEURO_SIDES: tuple[str, ...] = get_args(NeuroSide)
CAMERA_MOVEMENTS: tuple[str, ...] = get_args(CameraMovement)

TEST_DIRECTION: dict[str, str] = {
    "FIS": "flexion",
    "RFIS": "flexion",
    "FIL": "flexion",
    "RFIL": "flexion",
    "EIS": "extension",
    "REIS": "extension",
    "EIL": "extension",
    "REIL": "extension",
    "SGIS-L": "side_glide_left",
    "RSGIS-L": "side_glide_left",
    "SGIS-R": "side_glide_right",
    "RSGIS-R": "side_glide_right",
}
TEST_POSITION: dict[str, str] = {
    code: ("lying" if code.endswith("IL") else "standing") for code in TEST_CODES
}
DISTAL_EXTENT: dict[str, int] = {"back": 1, "buttock": 2, "thigh": 3, "leg": 4, "foot": 5}
LEG_EXTENT = 3  # thigh: leg symptoms start here; buttock pain alone is not leg pain


def urgency_rank(urgency: str) -> int:
    """Higher is more serious: none 0 … emergency 4."""
    return len(URGENCIES) - 1 - URGENCIES.index(urgency)
