"""Follow-up and progression (clinical-rules.md §7, rules R7.0–R7.6).

:func:`follow_up` takes the latest result or progression document and a follow-up record and
returns a ``backpath/progression/1`` document. It is a pure function of its two inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from .documents import Avoid, Classification, Plan, Progression
from .findings import distal_extent
from .instruments import change, get_instrument
from .library import Library
from .plan import PlanContext, build_plan
from .records import FollowUpRecord
from .redflags import referral
from .settings import DEFAULT, Thresholds
from .vocab import LEG_EXTENT, TEST_DIRECTION

__all__ = ["follow_up"]

_NEXT = {"lateral": "reduce", "reduce": "maintain", "maintain": "recover_function"}


def _peripheralised(fu: FollowUpRecord) -> bool:
    if fu.previous_symptoms is None:
        return False
    now, before = distal_extent(fu.symptoms), distal_extent(fu.previous_symptoms)
    return any(now[s] > before[s] for s in ("left", "right"))


def _leg_free(fu: FollowUpRecord) -> bool:
    return all(v < LEG_EXTENT for v in distal_extent(fu.symptoms).values())


def _odi_percent(fu: FollowUpRecord) -> float | None:
    if fu.odi is None:
        return None
    try:
        return float(get_instrument("odi_2.1a").score(fu.odi)["percent"])
    except ValueError:
        return None


def _improved(fu: FollowUpRecord) -> list[str]:
    """Which of NRS back, NRS leg and ODI improved by their MCID against baseline."""
    b, out = fu.baseline, []
    pairs = (
        ("nrs_back", "nrs", b.nrs_back, fu.nrs_back),
        ("nrs_leg", "nrs", b.nrs_leg, fu.nrs_leg),
        ("odi", "odi_2.1a", b.odi_percent, _odi_percent(fu)),
    )
    for label, key, base, now in pairs:
        if base and now is not None and change(key, base, now)["verdict"] == "improved":
            out.append(label)
    return out


def _context(
    prev: Mapping[str, Any], avoid: list[Avoid], th: Thresholds, reintroduce: tuple[str, ...] = ()
) -> PlanContext:
    cls = cast(Classification, prev["classification"])
    extra = ((prev.get("plan") or {}).get("context")) or {}
    return PlanContext(
        syndrome=cls["syndrome"],
        subgroup=cls.get("subgroup"),
        dp=cls.get("directional_preference"),
        irritability=prev.get("irritability", "moderate"),
        avoid=frozenset(a["direction"] for a in avoid),
        dp_tests=tuple(cls.get("dp_tests") or ()),
        unfavourable_tests=tuple(cls.get("unfavourable_tests") or ()),
        dysfunction_direction=cls.get("dysfunction_direction"),
        end_range_tests=tuple(extra.get("end_range_tests") or ()),
        lateral_shift=extra.get("lateral_shift"),
        walking_limited=bool(extra.get("walking_limited")),
        start_back_high=bool(extra.get("start_back_high")),
        next_tests=tuple(cls.get("next_tests") or ()),
        reintroduce=reintroduce,
        th=th,
    )


def _recover_avoid(prev: Mapping[str, Any]) -> list[Avoid]:
    """R7.4: only directions with an unfavourable test stay avoided."""
    cls = prev["classification"]
    bad = {TEST_DIRECTION[t] for t in cls.get("unfavourable_tests") or ()}
    dp_dir = {"lateral_left": "side_glide_left", "lateral_right": "side_glide_right"}.get(
        cls.get("directional_preference") or "", cls.get("directional_preference")
    )
    return [
        a for a in prev.get("avoid") or [] if a["direction"] in bad and a["direction"] != dp_dir
    ]


def _decide(
    prev: Mapping[str, Any], fu: FollowUpRecord, stage: str, th: Thresholds
) -> tuple[str, str, str, list[str]]:
    """(action, new stage, rule, reasons), first matching rule of R7.1–R7.6, else R7.0."""
    if fu.response == "worse" or _peripheralised(fu):
        why = "symptoms are worse" if fu.response == "worse" else "symptoms spread further down"
        return (
            "reassess",
            stage,
            "R7.1",
            [
                f"The patient reports {why}: check technique and "
                "adherence, reduce force, consider another direction."
            ],
        )
    if stage == "lateral" and _leg_free(fu):
        return (
            "progress",
            "reduce",
            "R7.2",
            [
                "No leg symptoms remain (nothing below the "
                "buttock): progress from the side glide to "
                "extension."
            ],
        )
    if (
        stage == "reduce"
        and (fu.nrs_back if fu.nrs_back is not None else 10) <= th.maintain_nrs_back
        and _leg_free(fu)
        and fu.days_stable >= th.maintain_days_stable
    ):
        return (
            "progress",
            "maintain",
            "R7.3",
            [
                f"Back pain {fu.nrs_back}/10, no leg symptoms, stable for {fu.days_stable} days: "
                "progress to maintaining the gains with all four anti-movement exercises."
            ],
        )
    if stage == "maintain" and fu.days_symptom_free >= th.recover_days_symptom_free:
        return (
            "progress",
            "recover_function",
            "R7.4",
            [
                f"Symptom-free for {fu.days_symptom_free} days: gently reintroduce the avoided "
                "movement, always followed by the directional exercise."
            ],
        )
    improved = _improved(fu)
    if (
        fu.visit_number >= th.review_visit_number or fu.days_since_plan >= th.review_days_since_plan
    ) and not improved:
        return (
            "review",
            stage,
            "R7.5",
            [
                f"Visit {fu.visit_number}, {fu.days_since_plan} days since the plan, and "
                "neither NRS nor ODI has improved by its minimal important change: reconsider the "
                "classification and consider referral."
            ],
        )
    odi = _odi_percent(fu)
    if (
        stage == "recover_function"
        and (fu.nrs_back or 0) <= th.discharge_nrs
        and (fu.nrs_leg or 0) <= th.discharge_nrs
        and ((odi is not None and odi <= th.discharge_odi_percent) or "odi" in improved)
    ):
        return (
            "discharge",
            stage,
            "R7.6",
            [
                f"Back {fu.nrs_back}/10, leg {fu.nrs_leg}/10, ODI {odi}: discharge with a "
                "self-management plan."
            ],
        )
    return "continue", stage, "R7.0", ["No progression rule applies yet: continue this stage."]


def follow_up(
    previous: Mapping[str, Any],
    followup: FollowUpRecord,
    library: Library | None = None,
    thresholds: Thresholds = DEFAULT,
) -> Progression:
    """The progression document for ``followup`` given the latest result or progression."""
    plan = cast(Plan | None, previous.get("plan"))
    stage = str(plan["stage"] if plan else previous.get("stage") or "reduce")
    avoid: list[Avoid] = list(previous.get("avoid") or [])
    doc: dict[str, Any] = {
        "schema": "backpath/progression/1",
        "stage_before": stage,
        "classification": previous["classification"],
        "irritability": previous.get("irritability", "moderate"),
    }
    urgency, rule, reasons = referral(list(followup.red_flags), thresholds.referral_urgency)
    if urgency in ("emergency", "urgent"):
        doc |= {
            "action": "refer",
            "stage": stage,
            "rule": rule,
            "avoid": avoid,
            "plan": None,
            "reasons": [r["text"] for r in reasons],
            "referral": {"urgency": urgency, "rule": rule, "reasons": reasons},
        }
        return cast(Progression, doc)
    action, new_stage, rule, why = _decide(previous, followup, stage, thresholds)
    new_plan = plan
    if new_stage != stage:
        reintro: tuple[str, ...] = ()
        if new_stage == "recover_function":
            new_avoid = _recover_avoid(previous)
            kept = {a["direction"] for a in new_avoid}
            reintro = tuple(a["direction"] for a in avoid if a["direction"] not in kept)
            avoid = new_avoid
        ctx = _context(previous, avoid, thresholds, reintro)
        new_plan = build_plan(ctx, new_stage, library)
        new_plan["context"] = dict((plan.get("context") if plan else None) or ctx.as_dict())
    if action == "discharge":
        new_plan = None
    doc |= {
        "action": action,
        "stage": new_stage,
        "rule": rule,
        "reasons": why,
        "avoid": avoid,
        "plan": new_plan,
    }
    return cast(Progression, doc)
