"""The one door to plan versions and plan templates (clinic-scoped; 404 otherwise)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from backpath.web.clinics.access import RowId, clinic_of, get_or_refuse

from .models import PlanTemplate, PlanVersion

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def get_plan_for_user(user: User, plan_id: RowId) -> PlanVersion:
    return get_or_refuse(
        user,
        PlanVersion.objects.select_related(
            "episode", "episode__patient", "created_by", "accepted_by"
        ),
        pk=plan_id,
        episode__patient__clinic=clinic_of(user),
    )


def templates_for_user(user: User) -> QuerySet[PlanTemplate]:
    """The clinic's templates and the user's own (never a colleague's personal ones)."""
    return PlanTemplate.objects.filter(clinic=clinic_of(user)).filter(
        Q(owner__isnull=True) | Q(owner=user)
    )


def get_template_for_user(user: User, template_id: RowId) -> PlanTemplate:
    """A template the user may use; a malformed, missing or someone else's id is a 404."""
    from backpath.web.inputs import uuid_or_none

    return get_or_refuse(user, templates_for_user(user), pk=uuid_or_none(template_id))
