"""From an assessment record to the result document (clinical-rules.md §9)."""

from __future__ import annotations

from .audit import audit_treatments
from .avoid import directions_to_avoid
from .classification import SUSTAINED_POSTURES, Findings, classify, find, serious_pathology
from .consistency import consistency_warnings
from .documents import Classification, Result
from .instruments import score_instruments
from .library import Library, default_library
from .plan import PlanContext, Screen, build_plan
from .precautions import precautions_for
from .records import AssessmentRecord
from .redflags import referral, urgency_of
from .settings import DEFAULT, Thresholds

__all__ = ["assess"]

_STOP = frozenset({"emergency", "urgent"})


def _neuro_sign(record: AssessmentRecord) -> bool:
    """A neurological sign beyond the flags (R1.2b): numbness below the knee, or weakness or
    sensory loss on examination."""
    neuro = record.examination.neuro
    numb = any(s.kind == "numbness" and s.region in ("leg", "foot") for s in record.symptoms)
    return numb or bool(neuro and (neuro.weakness or neuro.sensory_loss))


def _context(
    record: AssessmentRecord,
    f: Findings,
    cls: Classification,
    result: Result,
    th: Thresholds,
) -> PlanContext:
    h, ref = record.history, result["referral"]
    return PlanContext(
        syndrome=cls["syndrome"],
        subgroup=cls["subgroup"],
        dp=cls["directional_preference"],
        irritability=f.irritability,
        avoid=tuple(result["avoid"]),
        precautions=tuple(result["precautions"]),
        dp_tests=tuple(cls.get("dp_tests") or ()),
        unfavourable_tests=tuple(t.test for t in f.unfavourable),
        dysfunction_direction=cls.get("dysfunction_direction"),
        end_range_tests=tuple(t.test for t in f.end_range),
        lateral_shift=record.examination.lateral_shift,
        walking_limited="walking" in h.aggravating and "sitting" in h.easing,
        start_back_high=(result["scores"].get("start_back") or {}).get("risk") == "high",
        urgency=ref["urgency"],
        consider=tuple(
            r["text"]
            for r in ref["reasons"]
            if urgency_of(r["code"], th.referral_urgency) == "consider"
        ),
        next_tests=tuple(cls["next_tests"]),
        postures=tuple(p for p in h.aggravating if p in SUSTAINED_POSTURES),
        walking_tolerance_minutes=h.walking_tolerance_minutes,
        th=th,
    )


def assess(
    record: AssessmentRecord, library: Library | None = None, thresholds: Thresholds = DEFAULT
) -> Result:
    """Classify, choose directions to avoid, plan, audit and score one assessment."""
    lib = library or default_library()
    f = find(record, thresholds)
    urgency, ref_rule, ref_reasons = referral(
        list(record.red_flags), thresholds.referral_urgency, _neuro_sign(record)
    )
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
    precautions = precautions_for(record, cls["directional_preference"], thresholds)
    # No typing.cast in here: it is a call per use, and this runs for every record.
    result: Result = {
        "schema": "backpath/result/1",
        "id": record.id,
        "referral": {
            "urgency": urgency,  # type: ignore[typeddict-item]
            "rule": ref_rule,
            "reasons": ref_reasons,  # type: ignore[typeddict-item]
        },
        "classification": cls,
        "irritability": f.irritability,  # type: ignore[typeddict-item]
        "warnings": consistency_warnings(f, cls),
        "avoid": avoid,
        "precautions": precautions,
        "plan": None,
        "audit": [],
        "scores": score_instruments(record.instruments),
    }
    screen = Screen(avoid, precautions, lib)  # the plan and the audit ask it the same questions
    if urgency not in _STOP and cls["rule"] != "R3.0":
        ctx = _context(record, f, cls, result, thresholds)
        stage = "lateral" if (ctx.dp or "").startswith("lateral") else "reduce"
        plan = build_plan(ctx, stage, lib, screen)
        plan["context"] = ctx.as_dict()
        result["plan"] = plan
    result["audit"] = audit_treatments(
        record.current_treatments,
        avoid,
        lib,
        precautions=precautions,
        aggravating=record.history.aggravating,
        referred=urgency in _STOP,
        screen=screen,
    )
    return result
