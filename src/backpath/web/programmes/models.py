"""A patient link to an episode's programme (only the token's hash is stored), session logs
with one entry per exercise, and outcome measures the patient gave at home.

A link belongs to the episode, not to a plan version: it always shows the episode's latest
accepted plan version (:attr:`HepLink.plan`), and remembers the version the patient last saw
(:attr:`HepLink.seen_plan`) so the page can say what changed since.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

if TYPE_CHECKING:
    from backpath.web.plans.models import PlanVersion

NOTE_LENGTH = 500  # a patient's note on a session


class HepLink(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    episode = models.ForeignKey(
        "patients.Episode", on_delete=models.PROTECT, related_name="hep_links"
    )
    # the plan version the patient was shown when they last opened the link
    seen_plan = models.ForeignKey(
        "plans.PlanVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
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
        return f"Patient link until {self.expires_at:%d %b %Y}"

    @cached_property
    def plan(self) -> PlanVersion | None:
        """The episode's latest accepted plan version that is not voided: what the link shows
        today (a voided version is never shown; the one before it is)."""
        return (
            self.episode.plans.filter(accepted_at__isnull=False, voided_at__isnull=True)
            .select_related("episode", "episode__patient", "episode__patient__clinic")
            .order_by("-number")
            .first()
        )

    @property
    def live_plan(self) -> PlanVersion:
        """:attr:`plan` of a link that has one (every link :func:`.actions.find_link` gives:
        the patient's pages use this); raises ObjectDoesNotExist otherwise."""
        plan = self.plan
        if plan is None:
            raise ObjectDoesNotExist("no accepted plan version to show")
        return plan

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired


class SessionLog(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    link = models.ForeignKey(HepLink, on_delete=models.PROTECT, related_name="sessions")
    plan = models.ForeignKey("plans.PlanVersion", on_delete=models.PROTECT, related_name="sessions")
    patient = models.ForeignKey(
        "patients.Patient", on_delete=models.PROTECT, related_name="sessions"
    )
    at = models.DateTimeField(auto_now_add=True)
    done = models.BooleanField(default=True)
    change = models.CharField(max_length=40, blank=True)  # the worst exercise's; blank: not today
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
    # the phone's idempotency key (a log queued offline and sent again): one log per key
    client_key = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(
                fields=["link", "client_key"],
                condition=~models.Q(client_key=""),
                name="sessionlog_once_per_client_key",
            )
        ]
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


class ExerciseLog(models.Model):
    """One exercise of a logged session: done or not, repetitions, the symptoms' response and
    its traffic light (from the core)."""

    id = models.BigAutoField(primary_key=True)
    session = models.ForeignKey(SessionLog, on_delete=models.CASCADE, related_name="exercises")
    exercise = models.CharField(max_length=80)
    done = models.BooleanField()
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    change = models.CharField(max_length=40, blank=True)
    light = models.CharField(max_length=20, blank=True)
    rule = models.CharField(max_length=30, blank=True)
    reasons = models.JSONField(default=list)

    class Meta:
        ordering = ["session", "id"]

    def __str__(self) -> str:
        return f"{self.exercise}: {'done' if self.done else 'not done'}"


class HomeOutcome(models.Model):
    """Outcome measures the patient gave through their link before a review
    (patient-reported: shown so on the chart and in the follow-up form)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    link = models.ForeignKey(HepLink, on_delete=models.PROTECT, related_name="outcomes")
    episode = models.ForeignKey(
        "patients.Episode", on_delete=models.PROTECT, related_name="home_outcomes"
    )
    plan = models.ForeignKey("plans.PlanVersion", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    nrs_back = models.PositiveSmallIntegerField(null=True, blank=True)
    nrs_leg = models.PositiveSmallIntegerField(null=True, blank=True)
    psfs = models.JSONField(default=list)  # scores 0–10 (or None), one per episode activity
    # the clinic's licensed questionnaires answered: {key: {"values": [by item], "version": n}}
    questionnaires = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"Home outcomes {self.at:%d %b %Y}"
