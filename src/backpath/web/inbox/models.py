"""Inbox entries (one per person to tell) and the patients' messages they point to."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

MESSAGE_LENGTH = 1000
NOTE_LENGTH = 1000


class Kind(models.TextChoices):
    RED = "red", "Red report"
    EMERGENCY = "emergency", "Emergency symptoms reported"
    MESSAGE = "message", "Message from a patient"
    ESCALATION = "escalation", "Red report not acknowledged for a working day"


class PatientMessage(models.Model):
    """A short plain-text message a patient sent from their programme link."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    link = models.ForeignKey("programmes.HepLink", on_delete=models.PROTECT, related_name="+")
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="+")
    text = models.CharField(max_length=MESSAGE_LENGTH)
    at = models.DateTimeField(default=timezone.now)


class Entry(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inbox_entries"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        "programmes.SessionLog", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    message = models.ForeignKey(
        PatientMessage, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    escalated_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="escalations"
    )
    created_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=NOTE_LENGTH, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "acknowledged_at"], name="inbox_open"),
            models.Index(fields=["kind", "acknowledged_at", "escalated_at"], name="inbox_overdue"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%d %b %Y %H:%M})"

    @property
    def is_open(self) -> bool:
        return self.acknowledged_at is None
