"""Precautions (clinical-rules.md §4a): facts about the patient that filter every plan item.

They come from the patient, not from the directional preference, and are data: each names the
library ``tags`` it excludes, so the gate, the audit and the plan builder read one list.
"""

from __future__ import annotations

from .documents import Precaution
from .records import AssessmentRecord
from .settings import DEFAULT, Thresholds

__all__ = ["BONE_FRAGILITY_FLAGS", "precautions_for"]

BONE_FRAGILITY_FLAGS = ("osteoporosis", "prolonged_corticosteroids", "age_over_70_minor_trauma")
_BONE_TAGS = ["end_range_flexion", "loaded_flexion", "loaded_rotation"]


def _bone_fragility(record: AssessmentRecord, dp: str | None) -> Precaution | None:
    flags = [f for f in BONE_FRAGILITY_FLAGS if f in record.red_flags]
    if not flags:
        return None
    out: Precaution = {
        "code": "bone_fragility",
        "reason": "Bone fragility ("
        + ", ".join(f.replace("_", " ") for f in flags)
        + "): no loaded or end-range spinal flexion and no loaded rotation, which raise the "
        "risk of a vertebral fracture"
        + (
            "; flexion in lying stays allowed because flexion is the directional preference."
            if dp == "flexion"
            else "."
        ),
        "excludes": list(_BONE_TAGS),
        "rule": "R4a",
    }
    if dp == "flexion":
        out["except_positions"] = {"end_range_flexion": ["lying"]}
    return out


def _pregnancy(record: AssessmentRecord, th: Thresholds) -> Precaution | None:
    p = record.patient.pregnancy
    if p is None:
        return None
    if p.status == "pregnant":
        late = p.weeks >= th.pregnancy_positional_weeks
        excludes = ["high_load_abdominal"] + (["prone", "supine_sustained"] if late else [])
        reason = f"Pregnant, {p.weeks} weeks: no high-load abdominal flexion" + (
            f"; from {th.pregnancy_positional_weeks} weeks no lying face down and no exercise "
            "held lying on the back"
            if late
            else ""
        )
    elif p.weeks <= th.postpartum_weeks:
        excludes = ["high_load_abdominal"]
        reason = (
            f"{p.weeks} weeks after giving birth: no high-load abdominal flexion (crunches, "
            "sit-ups, leg lifts, long plank holds) until reviewed"
        )
    else:
        return None
    return {
        "code": "pregnancy",
        "reason": reason + ".",
        "excludes": excludes,
        "rule": "R4a",
    }


def precautions_for(
    record: AssessmentRecord, dp: str | None, th: Thresholds = DEFAULT
) -> list[Precaution]:
    """The precautions that apply to this patient, each with its reason and the tags it
    excludes."""
    found = (_bone_fragility(record, dp), _pregnancy(record, th))
    return [p for p in found if p is not None]
