"""The one door to follow-ups (clinic-scoped; 404 otherwise)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from backpath.web.clinics.access import RowId, clinic_of, get_or_refuse

from .models import FollowUp

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def get_followup_for_user(user: User, followup_id: RowId) -> FollowUp:
    return get_or_refuse(
        user,
        FollowUp.objects.select_related("episode", "episode__patient"),
        pk=followup_id,
        episode__patient__clinic=clinic_of(user),
    )
