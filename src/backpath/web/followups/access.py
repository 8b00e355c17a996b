"""The one door to follow-ups (clinic-scoped; 404 otherwise)."""

from __future__ import annotations

from typing import Any

from backpath.web.clinics.access import clinic_of, get_or_refuse

from .models import FollowUp


def get_followup_for_user(user: Any, followup_id: Any) -> FollowUp:
    return get_or_refuse(
        user,
        FollowUp.objects.select_related("episode", "episode__patient"),
        pk=followup_id,
        episode__patient__clinic=clinic_of(user),
    )
