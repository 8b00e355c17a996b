"""The one door to assessments (clinic-scoped; 404 otherwise)."""

from __future__ import annotations

from typing import Any

from backpath.web.clinics.access import clinic_of, get_or_refuse

from .models import Assessment


def get_assessment_for_user(user: Any, assessment_id: Any) -> Assessment:
    return get_or_refuse(
        user,
        Assessment.objects.select_related("episode", "episode__patient"),
        pk=assessment_id,
        episode__patient__clinic=clinic_of(user),
    )
