"""Carrying the clinician's edits into a new stage's plan: when a follow-up moves the patient
to the next stage, the core's :mod:`backpath.core.plan.carry` re-applies the edits made to the
latest plan version (removals, additions with their reasons, doses, notes) to the plan the
core generated, and each carried edit is recorded in the audit trail."""

from __future__ import annotations

from typing import Any

from backpath.core.plan import carry
from backpath.web.audit.trail import Actor, record

from .models import PlanVersion


def carry_onto(
    source: PlanVersion, plan: dict[str, Any], avoid: list[Any], precautions: list[Any]
) -> carry.Carried:
    """``plan`` (a new stage's, as the core generated it) with the clinician's edits to
    ``source`` applied. Plan versions are linear and each edit copies the log before it, so
    ``source.changes`` hold them all."""
    return carry.carry_edits(
        source.changes,
        plan,
        avoid,
        source.number,
        precautions=precautions,
        stage_plan=generated_plan(source),
    )


def generated_plan(source: PlanVersion) -> dict[str, Any] | None:
    """The plan of the stage ``source`` belongs to as the core generated it, before any edit
    (the assessment's or the progression's that started the stage)."""
    start = (
        source.episode.plans.filter(number__lte=source.number, voided_at__isnull=True)
        .exclude(source=PlanVersion.Source.CLINICIAN)
        .select_related("assessment", "followup")
        .order_by("-number")
        .first()
    )
    if start is not None and start.followup is not None:
        return start.followup.progression.get("plan")
    if start is not None and start.assessment is not None:
        return (start.assessment.result or {}).get("plan")
    return None


def record_carry(actor: Actor, plan: PlanVersion, carried: carry.Carried) -> None:
    """``plan.carry`` for the edits carried into ``plan``, and ``plan.override`` for each
    exercise carried with the clinician's reason for loading an avoided direction."""
    if not carried.changes:
        return
    patient = plan.episode.patient
    record(
        actor,
        "plan.carry",
        patient=patient,
        obj=plan,
        number=plan.number,
        carried_from=carried.carried_from,
        removed=carried.codes(carry.REMOVED, carry.NOT_IN_PLAN),
        kept=carried.codes(carry.KEPT, carry.IN_PLAN),
        overrides=carried.codes(carry.OVERRIDE),
        doses=carried.codes(carry.DOSE_KEPT),
        notes=carried.codes(carry.NOTE_KEPT),
        stage_doses=carried.codes(carry.DOSE_STAGE),
        dropped=[
            {k: c[k] for k in ("exercise", "now_loads", "override_for")}
            for c in carried.changes
            if c["outcome"] == carry.DROPPED
        ],
    )
    for c in carried.changes:
        if c["outcome"] == carry.OVERRIDE:
            record(
                actor,
                "plan.override",
                patient=patient,
                obj=plan,
                exercise=c["exercise"],
                conflicts=c["conflicts"],
                reason=c["reason"],
                carried_from=c["carried_from"],
            )
