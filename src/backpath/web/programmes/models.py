"""A patient link to an accepted plan (only the token's hash is stored) and session logs."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

NOTE_LENGTH = 500  # a patient's note on a session


class HepLink(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(
        "assessments.PlanVersion", on_delete=models.PROTECT, related_name="links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_opened_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Link to plan v{self.plan.number} until {self.expires_at:%d %b %Y}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired


class SessionLog(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    link = models.ForeignKey(HepLink, on_delete=models.PROTECT, related_name="sessions")
    plan = models.ForeignKey(
        "assessments.PlanVersion", on_delete=models.PROTECT, related_name="sessions"
    )
    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.PROTECT, related_name="sessions"
    )
    at = models.DateTimeField(auto_now_add=True)
    done = models.BooleanField(default=True)
    change = models.CharField(max_length=40)
    days_without_change = models.PositiveIntegerField(default=0)
    emergency_symptoms = models.BooleanField(default=False)
    note = models.CharField(max_length=NOTE_LENGTH, blank=True)
    light = models.CharField(max_length=20)
    rule = models.CharField(max_length=30)
    reasons = models.JSONField(default=list)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-at"]
        # The header's alert count runs on every page. A full index whose leading columns are
        # the alert filter: SQLite cannot use a partial index when Django binds ``light IN
        # (?, ?)`` as parameters, and this one serves PostgreSQL just as well.
        indexes = [
            models.Index(fields=["light", "acknowledged_at", "patient"], name="sessionlog_alerts")
        ]

    def __str__(self) -> str:
        return f"Session {self.at:%d %b %Y %H:%M} ({self.light})"

    @property
    def summary(self) -> str:
        text = " ".join(self.reasons)
        return f"{text} Patient's note: {self.note}" if self.note else text
