"""From an assessment record to the result document (clinical-rules.md §9)."""

from __future__ import annotations

from typing import cast

from .audit import audit_treatments
from .avoid import directions_to_avoid
from .classification import classify, find, serious_pathology
from .documents import Reason, Result
from .instruments import score_instruments
from .library import Library, default_library
from .plan import PlanContext, build_plan
from .records import AssessmentRecord
from .redflags import referral
from .settings import DEFAULT, Thresholds
from .vocab import Irritability, Urgency

__all__ = ["assess"]

_STOP = frozenset({"emergency", "urgent"})


def assess(
    record: AssessmentRecord, library: Library | None = None, thresholds: Thresholds = DEFAULT
) -> Result:
    """Classify, choose directions to avoid, plan, audit and score one assessment."""
    lib = library or default_library()
    f = find(record, thresholds)
    urgency, ref_rule, ref_reasons = referral(list(record.red_flags), thresholds.referral_urgency)
    scores = score_instruments(record.instruments)
    if urgency in _STOP:
        cls = serious_pathology(ref_reasons, urgency)
    else:
        cls = classify(f)
        if cls["rule"] == "R3.3" and urgency in ("none", "consider"):
            urgency, ref_rule = "soon", "R3.3"
            ref_reasons = [
                *ref_reasons,
                {
                    "code": "irreducible_derangement",
                    "text": "Irreducible derangement: medical opinion within weeks (soon)",
                },
            ]
    avoid = directions_to_avoid(cls, f)
    avoid_dirs = frozenset(a["direction"] for a in avoid)
    plan = None
    if urgency not in _STOP and cls["rule"] != "R3.0":
        ctx = PlanContext(
            syndrome=cls["syndrome"],
            subgroup=cls["subgroup"],
            dp=cls["directional_preference"],
            irritability=f.irritability,
            avoid=avoid_dirs,
            dp_tests=tuple(cls.get("dp_tests") or ()),
            unfavourable_tests=tuple(t.test for t in f.unfavourable),
            dysfunction_direction=cls.get("dysfunction_direction"),
            end_range_tests=tuple(t.test for t in f.end_range),
            lateral_shift=record.examination.lateral_shift,
            walking_limited=(
                "walking" in record.history.aggravating and "sitting" in record.history.easing
            ),
            start_back_high=(scores.get("start_back") or {}).get("risk") == "high",
            urgency=urgency,
            next_tests=tuple(cls["next_tests"]),
            th=thresholds,
        )
        plan = build_plan(
            ctx,
            "lateral" if (cls["directional_preference"] or "").startswith("lateral") else "reduce",
            lib,
        )
        plan["context"] = ctx.as_dict()
    return {
        "schema": "backpath/result/1",
        "id": record.id,
        "referral": {
            "urgency": cast(Urgency, urgency),
            "rule": ref_rule,
            "reasons": cast(list[Reason], ref_reasons),
        },
        "classification": cls,
        "irritability": cast(Irritability, f.irritability),
        "avoid": avoid,
        "plan": plan,
        "audit": audit_treatments(record.current_treatments, avoid_dirs, lib),
        "scores": scores,
    }
