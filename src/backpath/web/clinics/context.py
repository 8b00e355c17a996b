"""Template context: the signed-in clinician's clinic and role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import Profile


def clinic(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    try:
        profile = user.profile
    except Profile.DoesNotExist:
        return {}
    from backpath.web.inbox.models import Entry

    waiting = Entry.objects.filter(recipient=user, acknowledged_at__isnull=True).count()
    return {
        "current_clinic": profile.clinic,
        "is_clinic_admin": profile.is_admin,
        "inbox_count": waiting,
    }
