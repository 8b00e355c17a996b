"""What puts entries in the inbox and takes them out: every write the views make."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from backpath.web.audit.trail import Actor, record
from backpath.web.jobs.queue import later

from .models import MESSAGE_LENGTH, NOTE_LENGTH, Entry, Kind, PatientMessage
from .working_days import one_working_day_after

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from backpath.web.clinics.models import Clinic
    from backpath.web.programmes.models import HepLink, SessionLog

__all__ = [
    "acknowledge",
    "clinician_of",
    "escalate_overdue",
    "notify_session",
    "send_message",
]


def clinician_of(link: HepLink) -> User | None:
    """The person a patient's reports go to: who gave them the link, else who opened the
    episode; if neither still works at the clinic, the clinic's admins get it instead."""
    for user in (link.created_by, link.episode.created_by):
        profile = getattr(user, "profile", None) if user is not None else None
        clinic_id = getattr(profile, "clinic_id", None)
        if user is not None and user.is_active and clinic_id == link.episode.patient.clinic_id:
            return user
    return None


def _admins(clinic: Clinic) -> list[User]:
    return list(
        get_user_model().objects.filter(
            profile__clinic=clinic, profile__role="admin", is_active=True
        )
    )


def _tell(recipients: list[User], **fields: Any) -> list[Entry]:
    from .jobs import email_entry

    entries = [Entry.objects.create(recipient=user, **fields) for user in recipients]
    for entry in entries:
        later(email_entry, str(entry.pk), clinic_id=str(entry.clinic_id))
    return entries


@transaction.atomic
def notify_session(log: SessionLog) -> list[Entry]:
    """A red or emergency self-report: an entry (and an email) for the patient's clinician."""
    if log.light not in (Kind.RED, Kind.EMERGENCY):
        return []
    patient = log.patient
    clinician = clinician_of(log.link)
    recipients = [clinician] if clinician is not None else _admins(patient.clinic)
    return _tell(recipients, clinic=patient.clinic, kind=log.light, patient=patient, session=log)


@transaction.atomic
def send_message(actor: Actor, link: HepLink, text: str) -> PatientMessage:
    """Raises ValueError naming the field for an empty or too long message."""
    text = text.strip()
    if not text:
        raise ValueError("message: write a few words before sending")
    if len(text) > MESSAGE_LENGTH:
        raise ValueError(f"message: at most {MESSAGE_LENGTH} characters")
    patient = link.episode.patient
    message = PatientMessage.objects.create(link=link, patient=patient, text=text)
    clinician = clinician_of(link)
    recipients = [clinician] if clinician is not None else _admins(patient.clinic)
    _tell(recipients, clinic=patient.clinic, kind=Kind.MESSAGE, patient=patient, message=message)
    record(actor, "hep.message", patient=patient, obj=message, clinic=patient.clinic)
    return message


@transaction.atomic
def acknowledge(actor: Actor, entry: Entry, note: str) -> Entry:
    """Acknowledge with a note (required). A report's other entries (an escalation to the
    admins, or the clinician's own) and the self-report itself are acknowledged with it."""
    note = note.strip()
    if not note:
        raise ValueError("note: say what you did (called the patient, booked a visit…)")
    if len(note) > NOTE_LENGTH:
        raise ValueError(f"note: at most {NOTE_LENGTH} characters")
    now = timezone.now()
    origin = entry.escalated_from or entry
    related = Entry.objects.filter(acknowledged_at__isnull=True).filter(
        pk__in=[origin.pk, *origin.escalations.values_list("pk", flat=True), entry.pk]
    )
    related.update(acknowledged_at=now, acknowledged_by=actor.user, note=note)
    if entry.session is not None:
        from backpath.web.programmes.actions import acknowledge as acknowledge_session

        acknowledge_session(actor, entry.session)
    entry.refresh_from_db()
    record(actor, "inbox.acknowledge", patient=entry.patient, obj=entry, kind=entry.kind, note=note)
    return entry


def overdue(now: datetime | None = None) -> list[Entry]:
    """Red and emergency entries nobody acknowledged within a working day, not yet escalated."""
    now = now or timezone.now()
    candidates = Entry.objects.filter(
        kind__in=(Kind.RED, Kind.EMERGENCY),
        escalated_from__isnull=True,
        acknowledged_at__isnull=True,
        escalated_at__isnull=True,
        created_at__lte=now - timedelta(hours=23),  # a working day is never shorter
    ).select_related("clinic", "patient")
    zone = settings.TIME_ZONE
    return [e for e in candidates if one_working_day_after(e.created_at, zone) <= now]


def escalate_overdue(now: datetime | None = None) -> int:
    """Tell the clinic's admins about each overdue report, once; return how many escalated."""
    escalated = 0
    for entry in overdue(now):
        with transaction.atomic():
            claimed = Entry.objects.filter(pk=entry.pk, escalated_at__isnull=True).update(
                escalated_at=timezone.now()
            )
            if not claimed:
                continue  # another run got there first
            admins = [a for a in _admins(entry.clinic) if a.pk != entry.recipient_id] or _admins(
                entry.clinic
            )
            _tell(
                admins,
                clinic=entry.clinic,
                kind=Kind.ESCALATION,
                patient=entry.patient,
                session=entry.session,
                escalated_from=entry,
            )
            record(
                Actor(path="job:escalate_overdue", name="backpath"),
                "inbox.escalate",
                patient=entry.patient,
                obj=entry,
                clinic=entry.clinic,
            )
            escalated += 1
    return escalated


def messages_this_hour(link: HepLink) -> int:
    return PatientMessage.objects.filter(
        link=link, at__gte=timezone.now() - timedelta(hours=1)
    ).count()
