"""What changed between two plan documents, for the patient ("updated on …: what changed").

Exercises are matched by code: an exercise only in the new plan was added, one only in the old
plan removed, and one in both with a different dose had its dose changed. Each change carries a
plain sentence for the patient (the library's ``patient_name`` and plain dose words) and the
plan item's reason and rule for the clinician.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .library import Dose, Library, default_library

__all__ = ["PlanChange", "dose_words", "plan_changes"]

ChangeKind = Literal["added", "removed", "dose"]


@dataclass(frozen=True, slots=True)
class PlanChange:
    kind: ChangeKind
    exercise: str
    text: str
    reason: str
    rule: str


def dose_words(dose: Mapping[str, Any]) -> str:
    try:
        return Dose(**dict(dose)).text()
    except TypeError:
        return ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in dose.items())


def _name(lib: Library, item: Mapping[str, Any]) -> str:
    code = str(item["exercise"])
    if code in lib:
        return lib.get(code).patient_name or lib.get(code).name
    return str(item.get("name") or code.replace("_", " "))


def plan_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], lib: Library | None = None
) -> list[PlanChange]:
    """The changes from plan ``old`` to plan ``new`` (the ``plan`` parts of two documents):
    added and dose-changed exercises in the new plan's order, then removed ones."""
    lib = lib or default_library()
    before = {str(i["exercise"]): i for i in old.get("items", [])}
    after = {str(i["exercise"]): i for i in new.get("items", [])}
    out: list[PlanChange] = []
    for code, item in after.items():
        name, dose = _name(lib, item), dose_words(item.get("dose") or {})
        reason, rule = str(item.get("reason", "")), str(item.get("rule", ""))
        if code not in before:
            out.append(PlanChange("added", code, f"New: {name} ({dose}).", reason, rule))
        elif dict(before[code].get("dose") or {}) != dict(item.get("dose") or {}):
            was = dose_words(before[code].get("dose") or {})
            text = f"{name}: now {dose} (was {was})."
            out.append(PlanChange("dose", code, text, reason, rule))
    for code, item in before.items():
        if code not in after:
            text = f"No longer in your programme: {_name(lib, item)}."
            out.append(PlanChange("removed", code, text, "Removed from the plan.", "plan.removed"))
    return out
