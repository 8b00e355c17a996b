"""Every write to assessments and plan versions; each records its audit entry.

Clinical content comes from the core: :func:`finish_assessment` validates the record with
``parse_assessment`` and stores what ``assess`` returns; plan edits are the core's
``add_item`` / ``remove_item`` (its one gate: avoided directions, positions, precautions).
Plans are never overwritten: each change is a new :class:`PlanVersion`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from backpath.core.plan import OverrideRequired, add_item, conflict_codes, remove_item
from backpath.web.audit.trail import Actor, record
from backpath.web.conflicts import VersionConflict, save_versioned
from backpath.web.patients.models import Episode

from .models import Assessment, PlanVersion

ReasonRequired = OverrideRequired  # the core's: a conflict needs a typed clinical reason


@transaction.atomic
def save_draft(
    actor: Actor,
    episode: Episode,
    form_data: dict[str, Any],
    assessed_on: date,
    assessment: Assessment | None = None,
    version: int = 0,
) -> Assessment:
    """Create or update a draft; raises VersionConflict if someone saved it meanwhile."""
    if assessment is None:
        assessment = Assessment.objects.create(
            episode=episode, clinician=actor.user, assessed_on=assessed_on, form_data=form_data
        )
    else:
        save_versioned(
            assessment,
            version,
            {"form_data": form_data, "assessed_on": assessed_on, "updated_at": timezone.now()},
        )
    record(actor, "assessment.draft", patient=episode.patient, obj=assessment)
    return assessment


@transaction.atomic
def finish_assessment(
    actor: Actor,
    episode: Episode,
    record_data: dict[str, Any],
    assessed_on: date,
    form_data: dict[str, Any] | None = None,
    assessment: Assessment | None = None,
    version: int = 0,
) -> Assessment:
    """Validate, assess and store; raises RecordError (nothing saved) or VersionConflict."""
    from backpath.core import assess, parse_assessment

    result = assess(parse_assessment(record_data))
    fields = {
        "status": Assessment.Status.FINAL,
        "record": record_data,
        "result": result,
        "form_data": form_data or {},
        "assessed_on": assessed_on,
    }
    if assessment is None:
        assessment = Assessment.objects.create(episode=episode, clinician=actor.user, **fields)
    else:
        save_versioned(assessment, version, {**fields, "updated_at": timezone.now()})
    record(
        actor,
        "assessment.finish",
        patient=episode.patient,
        obj=assessment,
        urgency=result["referral"]["urgency"],
        rule=result["classification"]["rule"],
    )
    if result.get("plan"):
        new_plan_version(
            actor,
            episode,
            PlanVersion.Source.ASSESSMENT,
            result["plan"],
            result,
            assessment=assessment,
        )
    return assessment


def new_plan_version(
    actor: Actor,
    episode: Episode,
    source: Any,
    plan: Any,
    document: Any,
    changes: list[dict[str, Any]] | None = None,
    expected_number: int | None = None,
    **links: Any,
) -> PlanVersion:
    latest = episode.plans.aggregate(n=Max("number"))["n"] or 0
    if expected_number is not None and latest != expected_number:
        raise VersionConflict
    try:
        with transaction.atomic():
            version = PlanVersion.objects.create(
                episode=episode,
                number=latest + 1,
                source=source,
                stage=plan["stage"],
                plan=plan,
                avoid=document.get("avoid", []),
                document={**document, "plan": plan},
                changes=changes or [],
                created_by=actor.user,
                **links,
            )
    except IntegrityError:
        raise VersionConflict from None
    record(
        actor,
        "plan.create",
        patient=episode.patient,
        obj=version,
        number=version.number,
        source=source,
    )
    return version


def _change(
    actor: Actor, action: str, code: str, reason: str = "", conflicts: list[str] | None = None
) -> dict[str, Any]:
    return {
        "action": action,
        "exercise": code,
        "reason": reason,
        "conflicts": conflicts or [],
        "by": getattr(actor.user, "username", ""),
        "at": timezone.now().isoformat(),
    }


def _gate_inputs(plan: PlanVersion) -> tuple[list[Any], list[Any]]:
    """What the core's gate needs: the version's avoid entries and the patient's precautions."""
    return list(plan.avoid or []), list((plan.document or {}).get("precautions") or [])


@transaction.atomic
def remove_exercise(actor: Actor, plan: PlanVersion, code: str, reason: str = "") -> PlanVersion:
    """Raises the core's EditError when ``code`` is not in the plan."""
    new_plan = remove_item(plan.plan, code)
    changes = [*plan.changes, _change(actor, "remove", code, reason)]
    return new_plan_version(
        actor,
        plan.episode,
        PlanVersion.Source.CLINICIAN,
        new_plan,
        plan.document,
        changes,
        expected_number=plan.number,
    )


@transaction.atomic
def add_exercise(actor: Actor, plan: PlanVersion, code: str, reason: str) -> PlanVersion:
    """Raises the core's OverrideRequired when the exercise conflicts with an avoided
    direction or a precaution and no reason of a sentence is given, and EditError for a code
    that cannot be added."""
    avoid, precautions = _gate_inputs(plan)
    new_plan, found = add_item(plan.plan, code, avoid, precautions, reason)
    conflicts = conflict_codes(found)
    reason = " ".join(reason.split())
    changes = [*plan.changes, _change(actor, "add", code, reason, conflicts)]
    version = new_plan_version(
        actor,
        plan.episode,
        PlanVersion.Source.CLINICIAN,
        new_plan,
        plan.document,
        changes,
        expected_number=plan.number,
    )
    if conflicts:
        record(
            actor,
            "plan.override",
            patient=plan.episode.patient,
            obj=version,
            exercise=code,
            conflicts=conflicts,
            reason=reason,
        )
    return version


@transaction.atomic
def accept_plan(actor: Actor, plan: PlanVersion) -> PlanVersion:
    latest = plan.episode.plans.aggregate(n=Max("number"))["n"]
    if latest != plan.number:
        raise VersionConflict
    if plan.accepted_at is None:
        plan.accepted_by, plan.accepted_at = actor.user, timezone.now()
        plan.save(update_fields=["accepted_by", "accepted_at"])
    record(actor, "plan.accept", patient=plan.episode.patient, obj=plan, number=plan.number)
    return plan


def current_plan(episode: Episode) -> PlanVersion | None:
    """The latest accepted plan version of the episode, if any."""
    return episode.plans.filter(accepted_at__isnull=False).order_by("-number").first()


def latest_plan(episode: Episode) -> PlanVersion | None:
    return episode.plans.order_by("-number").first()
