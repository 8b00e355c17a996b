"""What the patient's programme page and PDF show, gathered from the plan and the core's
plain-language data (library steps and cues, the traffic-light guide, education texts)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from backpath.core.camera import MOVEMENT_DIRECTION, home_counting
from backpath.core.monitoring import SYMPTOM_CHANGES
from backpath.core.patient_advice import patient_advice
from backpath.web.plans.presenters import education_topics, plan_items

if TYPE_CHECKING:
    from backpath.web.plans.models import PlanVersion

CHANGE_LABELS = {  # the patient's words for the core's SYMPTOM_CHANGES codes
    "centralised": "It moved up towards my back, or there was less in my leg",
    "decreased": "Less pain, and it stayed better",
    "abolished": "The pain went, and stayed gone",
    "no_change": "No change",
    "worse_then_settled": "Worse during the exercise, back to normal within a few minutes",
    "worse_stayed": "Worse, and it stayed worse",
    "spread_down_leg": "It spread further down my leg",
    "new_numbness_or_weakness": "New numbness or weakness",
}
CHANGE_CHOICES = tuple((code, CHANGE_LABELS[code]) for code in SYMPTOM_CHANGES)


def current_audit(plan: PlanVersion) -> list[dict[str, Any]]:
    """The audit of the patient's current treatments: the plan's own document if it has one
    (an assessment's result), otherwise the episode's first assessment's."""
    from backpath.web.followups.actions import baseline_assessment

    if "audit" in (plan.document or {}):
        return list(plan.document["audit"])
    first = baseline_assessment(plan.episode)
    return list((first.result or {}).get("audit", [])) if first else []


def patient_items(plan: PlanVersion, figure: str | None = "still") -> list[dict[str, Any]]:
    """The plan's items a patient may see (no clinic-only ones), each with ``patient_name``:
    the library's plain name, which every patient surface shows instead of the clinical one."""
    return patient_items_of(plan.plan, figure)


def patient_items_of(
    document: dict[str, Any], figure: str | None = "still"
) -> list[dict[str, Any]]:
    """:func:`patient_items` of a plan document (``{"items": [...]}``)."""
    items = [
        i
        for i in plan_items(document, figure=figure)
        if not (i["entry"] is not None and i["entry"].clinic_only)
    ]
    for i in items:
        entry = i["entry"]
        i["patient_name"] = (entry.patient_name or entry.name) if entry else i.get("name")
        i["patient_name"] = i["patient_name"] or i["exercise"].replace("_", " ")
        if i.get("figure") and entry is not None:
            i["figure"] = retitled(i["figure"], entry.name, i["patient_name"])
        i["count"] = _count(i)
    return items


def _count(item: dict[str, Any]) -> dict[str, Any] | None:
    """What "Count my reps" needs for an item the core says can be counted: the direction
    of trunk inclination to follow and the prescribed reps (the target line), else None."""
    movement = home_counting(item["entry"])
    if movement is None:
        return None
    target = (item.get("dose") or {}).get("reps") or item["entry"].dose.reps
    return {"movement": movement, "direction": MOVEMENT_DIRECTION[movement], "target": target}


def offers_counting(items: list[dict[str, Any]]) -> bool:
    """True when one of the patient's exercises has a "Count my reps" button."""
    return any(i.get("count") for i in items)


def retitled(svg: str | None, clinical: str, plain: str) -> SafeString | None:
    """A figure whose <title> (what a screen reader says) is the patient's name for it."""
    if svg is None:
        return None
    old, new = f"<title>{escape(clinical)}</title>", f"<title>{escape(plain)}</title>"
    return mark_safe(str(svg).replace(old, new, 1))


def programme(plan: PlanVersion, figure: str = "still") -> dict[str, Any]:
    from backpath.core.monitoring import EMERGENCY_GUIDE, GUIDE

    items = patient_items(plan, figure)
    return {
        "plan": plan,
        "patient_first_name": plan.episode.patient.name.split()[0],
        "items": items,
        "guide": GUIDE,
        "emergency_guide": EMERGENCY_GUIDE,
        "education": education_topics(plan.plan.get("education", [])),
        "review_after_days": plan.plan.get("review_after_days"),
        "clinic": plan.episode.patient.clinic,
        "change_choices": CHANGE_CHOICES,
        "advice": patient_advice(
            plan.avoid or [],
            (plan.document or {}).get("precautions", []),
            current_audit(plan),
        ),
    }
