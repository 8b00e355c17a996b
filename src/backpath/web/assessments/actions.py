"""Every write to assessments; each records its audit entry.

Clinical content comes from the core: :func:`finish_assessment` validates the record with
``parse_assessment`` and stores what ``assess`` returns, and its plan becomes the episode's next
plan version (:func:`backpath.web.plans.actions.new_plan_version`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from backpath.web.audit.trail import Actor, record
from backpath.web.conflicts import save_versioned
from backpath.web.patients.models import Episode
from backpath.web.plans.actions import new_plan_version
from backpath.web.plans.models import PlanVersion

from .models import Assessment


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
    plan = result.get("plan")
    if plan:
        new_plan_version(
            actor,
            episode,
            PlanVersion.Source.ASSESSMENT,
            plan,
            result,
            assessment=assessment,
        )
    return assessment
