"""The one door to patient links for clinicians (clinic-scoped; 404 otherwise)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from backpath.web.clinics.access import RowId, clinic_of, get_or_refuse

from .models import HepLink

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def get_link_for_user(user: User, link_id: RowId) -> HepLink:
    links = HepLink.objects.select_related("episode", "episode__patient", "seen_plan")
    return get_or_refuse(user, links, pk=link_id, episode__patient__clinic=clinic_of(user))
