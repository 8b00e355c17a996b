"""Who a user is within the application: their clinic and role. No profile → no access.

:func:`get_or_refuse` is what every ``get_<thing>_for_user`` door ends in: the row, or a 404
that is also recorded (``access.refused``: what was asked for, by whom), so an admin sees
someone probing for another clinic's patients.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from .models import Clinic, Profile

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

_Row = TypeVar("_Row", bound=Model)

# an id as a URL, a form or the API gives it: a malformed or missing one is the same 404
RowId = uuid.UUID | str | None


def profile_of(user: User | AnonymousUser | None) -> Profile:
    """The signed-in user's profile; a user without one may not see any patient data."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied
    try:
        return user.profile
    except Profile.DoesNotExist:
        raise PermissionDenied from None


def clinic_of(user: User | AnonymousUser | None) -> Clinic:
    return profile_of(user).clinic


def require_admin(user: User | AnonymousUser | None) -> Profile:
    """Clinic admins only; everyone else gets a 404 (the page does not exist for them)."""
    profile = profile_of(user)
    if not profile.is_admin:
        raise Http404
    return profile


def get_or_refuse(user: User, rows: QuerySet[_Row], **lookup: object) -> _Row:
    """The one row of ``rows`` (already scoped to the user's clinic) matching ``lookup``; a
    missing or another clinic's row is the same 404, and is audited."""
    from backpath.web.audit.trail import Actor, record

    try:
        return rows.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        profile = getattr(user, "profile", None)
        asked: dict[str, Any] = {k: str(v) for k, v in lookup.items() if k == "pk"}  # detail
        record(
            Actor(user=user),
            "access.refused",
            clinic=getattr(profile, "clinic", None),
            model=rows.model.__name__.lower(),
            **asked,
        )
        raise Http404 from None
