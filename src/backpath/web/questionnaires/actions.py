"""Every write to a clinic's licensed wording, each with its audit entry, and what the
patient's page may offer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from backpath.core.instruments import LICENSED_WORDING, get_instrument, wording_shape
from backpath.web.audit.trail import Actor, record
from backpath.web.clinics.access import RowId, clinic_of, get_or_refuse, require_admin

from .models import LicensedWording

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from backpath.web.clinics.models import Clinic

__all__ = [
    "get_wording_for_admin",
    "offered_wordings",
    "save_wording",
    "switch_off",
    "wording_of",
]


def wording_of(clinic: Clinic, key: str) -> LicensedWording | None:
    return LicensedWording.objects.filter(clinic=clinic, instrument=key).first()


def get_wording_for_admin(user: User, wording_id: RowId) -> LicensedWording:
    """The one door: the admin's own clinic's wording; anyone else's or a missing one: 404."""
    require_admin(user)
    rows = LicensedWording.objects.select_related("clinic")
    return get_or_refuse(user, rows, pk=wording_id, clinic=clinic_of(user))


@transaction.atomic
def save_wording(
    actor: Actor, clinic: Clinic, key: str, text: dict[str, Any], licensed: bool
) -> LicensedWording:
    """Store the clinic's wording of ``key`` (a new version when it changed); ``licensed``:
    the admin confirmed the clinic holds a licence, so patients are offered it from now on
    (who and when recorded). Without the confirmation it is kept but not offered."""
    shape = wording_shape(key)
    wording = (
        LicensedWording.objects.select_for_update().filter(clinic=clinic, instrument=shape.key)
    ).first()
    if wording is None:
        wording = LicensedWording(clinic=clinic, instrument=shape.key, text=text, version=1)
    elif wording.text != text:
        wording.text, wording.version = text, wording.version + 1
    wording.updated_by = actor.user
    wording.enabled = licensed
    if licensed:
        wording.licence_confirmed_by, wording.licence_confirmed_at = actor.user, timezone.now()
    wording.save()
    record(
        actor,
        "questionnaire.wording",
        clinic=clinic,
        obj=wording,
        instrument=shape.key,
        version=wording.version,
        licence_confirmed=licensed,
    )
    return wording


@transaction.atomic
def switch_off(actor: Actor, wording: LicensedWording) -> LicensedWording:
    """Patients are no longer offered the questionnaire (the wording is kept)."""
    wording.enabled = False
    wording.updated_by = actor.user
    wording.save(update_fields=["enabled", "updated_by", "updated_at"])
    record(
        actor,
        "questionnaire.off",
        clinic=wording.clinic,
        obj=wording,
        instrument=wording.instrument,
        version=wording.version,
    )
    return wording


def offered_wordings(clinic: Clinic) -> list[LicensedWording]:
    """The questionnaires the clinic's patients are offered, in the registry's order."""
    rows = LicensedWording.objects.filter(
        clinic=clinic, enabled=True, licence_confirmed_at__isnull=False
    )
    found = {w.instrument: w for w in rows}
    return [found[k] for k in LICENSED_WORDING if k in found]


def overview(clinic: Clinic) -> list[dict[str, Any]]:
    """Each instrument a clinic may enter wording for: its name, the licence note from the
    registry and the clinic's wording (or None)."""
    return [
        {
            "key": key,
            "instrument": get_instrument(key),
            "shape": wording_shape(key),
            "wording": wording_of(clinic, key),
        }
        for key in LICENSED_WORDING
    ]
