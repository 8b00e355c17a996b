"""The one door to patient links for clinicians (clinic-scoped; 404 otherwise)."""

from __future__ import annotations

from typing import Any

from backpath.web.clinics.access import clinic_of, get_or_refuse

from .models import HepLink


def get_link_for_user(user: Any, link_id: Any) -> HepLink:
    links = HepLink.objects.select_related("episode", "episode__patient", "seen_plan")
    return get_or_refuse(user, links, pk=link_id, episode__patient__clinic=clinic_of(user))
