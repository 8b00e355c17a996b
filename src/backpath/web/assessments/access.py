"""The one door to assessments (clinic-scoped; 404 otherwise)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from backpath.web.clinics.access import RowId, clinic_of, get_or_refuse

from .models import Assessment

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def get_assessment_for_user(user: User, assessment_id: RowId) -> Assessment:
    return get_or_refuse(
        user,
        Assessment.objects.select_related("episode", "episode__patient"),
        pk=assessment_id,
        episode__patient__clinic=clinic_of(user),
    )
