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
from .library import Library, default_library
from .plan import PlanContext, Screen, build_plan, family_entry
from .records import FollowUpRecord
from .redflags import referral
from .settings import DEFAULT, Thresholds
from .vocab import LEG_EXTENT

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
    prev: Mapping[str, Any],
    avoid: list[Avoid],
    th: Thresholds,
    reintroduce: tuple[str, ...] = (),
    released: tuple[str, ...] = (),
    anti_steps: Mapping[str, str] | None = None,
    anti_moved: tuple[str, ...] = (),
) -> PlanContext:
    cls = cast(Classification, prev["classification"])
    extra = ((prev.get("plan") or {}).get("context")) or {}
    return PlanContext(
        syndrome=cls["syndrome"],
        subgroup=cls.get("subgroup"),
        dp=cls.get("directional_preference"),
        irritability=prev.get("irritability", "moderate"),
        avoid=tuple(avoid),
        precautions=tuple(prev.get("precautions") or ()),
        dp_tests=tuple(cls.get("dp_tests") or ()),
        unfavourable_tests=tuple(cls.get("unfavourable_tests") or ()),
        dysfunction_direction=cls.get("dysfunction_direction"),
        end_range_tests=tuple(extra.get("end_range_tests") or ()),
        lateral_shift=extra.get("lateral_shift"),
        walking_limited=bool(extra.get("walking_limited")),
        start_back_high=bool(extra.get("start_back_high")),
        consider=tuple(extra.get("consider") or ()),
        next_tests=tuple(cls.get("next_tests") or ()),
        postures=tuple(extra.get("postures") or ()),
        walking_tolerance_minutes=extra.get("walking_tolerance_minutes"),
        reintroduce=reintroduce,
        released=released,
        anti_steps=dict(anti_steps or {}),
        anti_moved=anti_moved,
        th=th,
    )


def _released(avoid: list[Avoid]) -> tuple[list[Avoid], tuple[str, ...]]:
    """R7.2: extension avoided at the lateral stage leaves ``avoid`` to be re-tested."""
    kept = [a for a in avoid if a["direction"] != "extension"]
    return kept, (("extension",) if len(kept) < len(avoid) else ())


def _reintroduced(avoid: list[Avoid]) -> tuple[str, ...]:
    """R7.4: every direction avoided so far, unfavourable test or not, in the order listed."""
    return tuple(dict.fromkeys(a["direction"] for a in avoid))


def _next_in_family(lib: Library, code: str, screen: Screen | None) -> str:
    """The next step of ``code``'s family when the patient may do it, else ``code``."""
    nxt = lib.get(code).progression
    if not nxt or nxt not in lib or lib.get(nxt).clinic_only or screen is None:
        return code
    if family_entry(lib, nxt)[0] != family_entry(lib, code)[0] or not screen.allows(nxt):
        return code
    return nxt


def _anti_steps(
    plan: Mapping[str, Any] | None, lib: Library, screen: Screen | None = None
) -> dict[str, str]:
    """R5.3: each anti-movement family's current step, moved one step on when a ``screen``
    (the new stage's avoidances and precautions) is given."""
    steps: dict[str, str] = {}
    for item in (plan or {}).get("items") or []:
        category, code = str(item.get("category", "")), str(item.get("exercise", ""))
        if category.startswith("anti_") and code in lib and category not in steps:
            steps[category] = _next_in_family(lib, code, screen)
    return steps


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
                "No leg symptoms remain (nothing below the buttock): progress from the side "
                "glide to extension, keeping the side glide as needed."
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
                f"Symptom-free for {fu.days_symptom_free} days: gently reintroduce each movement "
                "avoided so far, one at a time, always followed by the directional exercise; "
                "stop and go back to the directional exercise if symptoms come back or spread."
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


def _replan(
    previous: Mapping[str, Any],
    fu: FollowUpRecord,
    stages: tuple[str, str],
    avoid: list[Avoid],
    lib: Library,
    th: Thresholds,
) -> tuple[Plan | None, list[Avoid], list[str]]:
    """The new plan (None: the current one stays), the new ``avoid`` and extra reasons."""
    stage, new_stage = stages
    plan = cast(Plan | None, previous.get("plan"))
    reintro: tuple[str, ...] = ()
    released: tuple[str, ...] = ()
    why: list[str] = []
    if stage == "lateral" and new_stage == "reduce":
        avoid, released = _released(avoid)
        if released:
            why.append(
                "Extension made the symptoms worse at the first visit, most likely because the "
                "shift was present: it is released for re-testing. Re-test it at this visit "
                "and start it gently in lying; the patient stops if the leg symptoms return."
            )
    elif new_stage == "recover_function" and stage != "recover_function":
        reintro, avoid = _reintroduced(avoid), []
    move = fu.response == "better" and new_stage in ("maintain", "recover_function")
    screen = Screen(avoid, previous.get("precautions") or (), lib) if move else None
    steps, before = _anti_steps(plan, lib, screen), _anti_steps(plan, lib)
    moved = tuple(c for c in steps if steps[c] != before.get(c))
    if new_stage == stage:
        if not moved:
            return None, avoid, why
        why.append("Improving: each strengthening exercise moves one step along its family.")
    ctx = _context(previous, avoid, th, reintro, released, steps, moved)
    new_plan = build_plan(ctx, new_stage, lib)
    new_plan["context"] = dict((plan.get("context") if plan else None) or ctx.as_dict())
    return new_plan, avoid, why


def follow_up(
    previous: Mapping[str, Any],
    followup: FollowUpRecord,
    library: Library | None = None,
    thresholds: Thresholds = DEFAULT,
) -> Progression:
    """The progression document for ``followup`` given the latest result or progression."""
    lib = library or default_library()
    plan = cast(Plan | None, previous.get("plan"))
    stage = str(plan["stage"] if plan else previous.get("stage") or "reduce")
    avoid: list[Avoid] = list(previous.get("avoid") or [])
    doc: dict[str, Any] = {
        "schema": "backpath/progression/1",
        "stage_before": stage,
        "classification": previous["classification"],
        "irritability": previous.get("irritability", "moderate"),
        "precautions": list(previous.get("precautions") or []),
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
    if action in ("progress", "continue") and plan is not None:
        replanned, avoid, more = _replan(
            previous, followup, (stage, new_stage), avoid, lib, thresholds
        )
        new_plan, why = replanned or plan, why + more
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
