"""A link's reminder settings (the patient's own, with their consent recorded) and one row
per reminder sent, keyed so that the same reminder is never sent twice."""

from __future__ import annotations

from django.db import models

from backpath.web.programmes.models import HepLink


class Reminder(models.Model):
    link = models.OneToOneField(
        HepLink, primary_key=True, on_delete=models.CASCADE, related_name="reminder"
    )
    weekdays = models.JSONField(default=list)  # 0 = Monday … 6 = Sunday
    times = models.JSONField(default=list)  # "HH:MM", the patient's wall clock
    time_zone = models.CharField(max_length=64)  # IANA name, e.g. Europe/London
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)  # only with an SMS backend
    consent_at = models.DateTimeField(null=True, blank=True)  # when they opted in
    quiet_start = models.TimeField(null=True, blank=True)
    quiet_end = models.TimeField(null=True, blank=True)
    nudge = models.BooleanField(default=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    saved_at = models.DateTimeField()  # nothing before this is sent late

    def __str__(self) -> str:
        return f"Reminders for {self.link_id}"

    @property
    def active(self) -> bool:
        return self.consent_at is not None and self.unsubscribed_at is None


class SentReminder(models.Model):
    """``key`` is the link and the patient's local date and time (or date, for a nudge): a
    job that dies and runs again finds the row and does not send a second time."""

    key = models.CharField(max_length=120, unique=True)
    link = models.ForeignKey(HepLink, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10)  # reminder | nudge
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.key
