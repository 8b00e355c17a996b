"""The periodic job that sends each reminder and nudge that is due, once.

Each send first claims a :class:`SentReminder` row under a unique key (link + the patient's
local date and time); a row already sent is skipped, so running the job twice, or again after
a worker died mid-run, sends once. A send that fails leaves the row unsent and raises: the
retry (or the next period) sends it, with the same Message-ID."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from backpath.web.jobs.queue import job

from . import channels, schedule
from .models import Reminder, SentReminder

__all__ = ["UNSUBSCRIBE_SALT", "send_reminders", "unsubscribe_url"]

UNSUBSCRIBE_SALT = "backpath.reminders.unsubscribe"
SUBJECT = "Time for your home exercises"
NUDGE_SUBJECT = "Your home exercises: no session logged for 3 days"


def unsubscribe_url(reminder: Reminder) -> str:
    token = signing.dumps(str(reminder.link_id), salt=UNSUBSCRIBE_SALT)
    return settings.SITE_URL + reverse("reminders:unsubscribe", args=[token])


def _body(reminder: Reminder, nudge: bool) -> str:
    clinic = reminder.link.episode.patient.clinic.name
    first = (
        "We have not seen a session logged on your home programme for three days. "
        "If you have been doing your exercises, log them so your clinician knows; "
        "if something stopped you, say so on the page."
        if nudge
        else "This is the reminder you asked for: it is time for your home exercises."
    )
    return (
        f"{first}\n\nOpen your programme from the link {clinic} gave you "
        "(or from your home screen, if you added it there).\n\n"
        f"To stop these emails, open: {unsubscribe_url(reminder)}\n"
    )


def _deliver(reminder: Reminder, key: str, kind: str) -> bool:
    row, _ = SentReminder.objects.get_or_create(
        key=key, defaults={"link_id": reminder.link_id, "kind": kind}
    )
    if row.sent_at is not None:
        return False
    nudge = kind == "nudge"
    if reminder.email:
        subject = NUDGE_SUBJECT if nudge else SUBJECT
        message_id = f"reminder-{row.pk}"
        channels.send_email(
            reminder.email, subject, _body(reminder, nudge), message_id, unsubscribe_url(reminder)
        )
    backend = channels.sms_backend()
    if backend is not None and reminder.phone:
        backend.send_text(reminder.phone, NUDGE_SUBJECT if nudge else SUBJECT)
    SentReminder.objects.filter(pk=row.pk).update(sent_at=timezone.now())
    return True


def _last_activity(reminder: Reminder) -> datetime:
    last = reminder.link.sessions.aggregate(last=Max("at"))["last"]
    return max(t for t in (last, reminder.link.created_at, reminder.saved_at) if t is not None)


def _due(reminder: Reminder, now: datetime) -> list[tuple[str, str]]:
    zone = ZoneInfo(reminder.time_zone)
    quiet = (reminder.quiet_start, reminder.quiet_end)
    after = max(now - timedelta(seconds=float(settings.REMINDER_LATE_SECONDS)), reminder.saved_at)
    times = [datetime.strptime(t, "%H:%M").time() for t in reminder.times]
    due = [
        (f"r:{reminder.link_id}:{wall:%Y-%m-%dT%H:%M}", "reminder")
        for wall, _ in schedule.occurrences(reminder.weekdays, times, zone, after, now)
        if not schedule.in_quiet_hours(wall.time(), *quiet)
    ]
    if reminder.nudge:
        day = schedule.nudge_due(_last_activity(reminder), now, zone, quiet)
        if day is not None:
            due.append((f"n:{reminder.link_id}:{day:%Y-%m-%d}", "nudge"))
    return due


@job("Send the patients' exercise reminders that are due")
def send_reminders() -> int:
    """Idempotent (see the module docstring); returns how many were sent."""
    now = timezone.now()
    reminders = Reminder.objects.filter(
        consent_at__isnull=False,
        unsubscribed_at__isnull=True,
        link__revoked_at__isnull=True,
        link__expires_at__gt=now,
    ).select_related("link", "link__episode__patient__clinic")
    sent = 0
    for reminder in reminders:
        for key, kind in _due(reminder, now):
            sent += _deliver(reminder, key, kind)
    return sent
