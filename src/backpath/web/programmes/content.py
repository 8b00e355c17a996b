"""What the patient's programme page and PDF show, gathered from the plan and the core's
plain-language data (library steps and cues, the traffic-light guide, education texts)."""

from __future__ import annotations

from typing import Any

from backpath.core.monitoring import SYMPTOM_CHANGES
from backpath.web.assessments.presenters import education_topics, plan_items

from .plain_words import avoid_sentence, precaution_sentences

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


def programme(plan: Any, figure: str = "still") -> dict[str, Any]:
    from backpath.core.monitoring import EMERGENCY_GUIDE, GUIDE

    items = [
        i
        for i in plan_items(plan.plan, figure=figure)
        if not (i["entry"] is not None and i["entry"].clinic_only)
    ]
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
        "avoid_text": avoid_sentence(list(plan.avoid or [])),
        "precaution_texts": precaution_sentences((plan.document or {}).get("precautions", [])),
    }
