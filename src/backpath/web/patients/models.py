"""A patient belongs to one clinic; an episode of care groups the visits for one complaint."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models

from backpath.core.corrections import DISCHARGE_OUTCOMES
from backpath.core.vocab import SEXES

SEX_LABELS = {"female": "Female", "male": "Male", "other": "Other", "unknown": "Not recorded"}
DISCHARGE_LABELS = {
    "discharged_improved": "Discharged, improved",
    "self_discharged": "Self-discharged",
    "referred_on": "Referred on",
    "other": "Other",
}


class Patient(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.PROTECT, related_name="patients")
    name = models.CharField(max_length=200)
    date_of_birth = models.DateField()
    sex = models.CharField(
        max_length=10,
        blank=True,
        choices=[(code, SEX_LABELS[code]) for code in SEXES],
    )
    contact = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "date_of_birth"]
        # matches the list's order, so paging through a clinic needs no temporary sort
        indexes = [
            models.Index(fields=["clinic", "name", "date_of_birth"], name="patient_clinic_list")
        ]

    def __str__(self) -> str:
        return self.name

    def age_on(self, day: date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class Episode(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="episodes")
    complaint = models.CharField(max_length=200)
    started_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    discharge_outcome = models.CharField(
        max_length=30,
        blank=True,
        choices=[(code, DISCHARGE_LABELS[code]) for code in DISCHARGE_OUTCOMES],
    )
    discharge_note = models.TextField(blank=True)
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopen_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.complaint} (from {self.started_on:%d %b %Y})"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None
