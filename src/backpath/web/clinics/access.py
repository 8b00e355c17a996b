"""Who a user is within the application: their clinic and role. No profile → no access."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Clinic, Profile


def profile_of(user: Any) -> Profile:
    """The signed-in user's profile; a user without one may not see any patient data."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    try:
        return user.profile
    except Profile.DoesNotExist:
        raise PermissionDenied from None


def clinic_of(user: Any) -> Clinic:
    return profile_of(user).clinic


def require_admin(user: Any) -> Profile:
    """Clinic admins only; everyone else gets a 404 (the page does not exist for them)."""
    profile = profile_of(user)
    if not profile.is_admin:
        raise Http404
    return profile
