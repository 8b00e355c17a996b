"""The one door to assessments, plan versions and follow-ups (clinic-scoped; 404 otherwise)."""

from __future__ import annotations

from typing import Any

from backpath.web.clinics.access import clinic_of, get_or_refuse

from .models import Assessment, FollowUp, PlanVersion

_RELATED = ("episode", "episode__patient")


def get_assessment_for_user(user: Any, assessment_id: Any) -> Assessment:
    return get_or_refuse(
        user,
        Assessment.objects.select_related(*_RELATED),
        pk=assessment_id,
        episode__patient__clinic=clinic_of(user),
    )


def get_plan_for_user(user: Any, plan_id: Any) -> PlanVersion:
    return get_or_refuse(
        user,
        PlanVersion.objects.select_related(*_RELATED, "created_by", "accepted_by"),
        pk=plan_id,
        episode__patient__clinic=clinic_of(user),
    )


def get_followup_for_user(user: Any, followup_id: Any) -> FollowUp:
    return get_or_refuse(
        user,
        FollowUp.objects.select_related(*_RELATED),
        pk=followup_id,
        episode__patient__clinic=clinic_of(user),
    )
