"""The write paths: the patient saves their reminders; a signed link unsubscribes them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.utils import timezone

from backpath.web.audit.trail import Actor, record
from backpath.web.programmes.models import HepLink

from .jobs import UNSUBSCRIBE_SALT
from .models import Reminder

__all__ = ["reminder_for", "save_reminders", "unsubscribe"]


def reminder_for(link: HepLink) -> Reminder | None:
    return Reminder.objects.filter(link=link).first()


def save_reminders(actor: Actor, link: HepLink, data: dict[str, Any], times: list[str]) -> Reminder:
    """Store the patient's choices; consent is recorded (with its time) when they opt in with
    an address, and kept from the first opt-in while they stay opted in."""
    now = timezone.now()
    old = reminder_for(link)
    opted_in = bool(data.get("email") and data.get("consent"))
    consent_at = (old.consent_at if old and old.active else None) or now if opted_in else None
    reminder, _ = Reminder.objects.update_or_create(
        link=link,
        defaults={
            "weekdays": sorted(set(data.get("weekdays") or [])),
            "times": times,
            "time_zone": data.get("time_zone") or settings.TIME_ZONE,
            "email": data.get("email") or "",
            "consent_at": consent_at,
            "quiet_start": data.get("quiet_start"),
            "quiet_end": data.get("quiet_end"),
            "nudge": bool(data.get("nudge")),
            "unsubscribed_at": None,
            "saved_at": now,
        },
    )
    patient = link.episode.patient
    record(
        actor,
        "hep.reminders",
        patient=patient,
        obj=link,
        clinic=patient.clinic,
        email=opted_in,
        times=len(times),
    )
    return reminder


def unsubscribe(actor: Actor, token: str) -> Reminder | None:
    """The reminder the signed ``token`` names, now unsubscribed; None for a bad token."""
    try:
        link_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    reminder = (
        Reminder.objects.select_related("link__episode__patient__clinic")
        .filter(link_id=link_id)
        .first()
    )
    if reminder is None:
        return None
    if reminder.unsubscribed_at is None:
        reminder.unsubscribed_at = timezone.now()
        reminder.save(update_fields=["unsubscribed_at"])
        patient = reminder.link.episode.patient
        record(actor, "hep.unsubscribe", patient=patient, obj=reminder.link, clinic=patient.clinic)
    return reminder
