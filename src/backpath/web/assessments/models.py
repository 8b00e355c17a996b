"""Assessment (draft form data, or a finished record with its result), PlanVersion (a plan is
never overwritten: every change is a new numbered version), FollowUp and PlanTemplate.

Assessments, follow-ups and plan versions are never deleted: a mistake is *voided* with who
did it and a typed reason (:class:`Voidable`), kept, and left out of outcomes and baselines."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models


class Voidable(models.Model):
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    void_reason = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None


class Assessment(Voidable):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        FINAL = "final", "Finished"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    episode = models.ForeignKey(
        "patients.Episode", on_delete=models.PROTECT, related_name="assessments"
    )
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    assessed_on = models.DateField()
    form_data = models.JSONField(default=dict, blank=True)  # the form as last saved (drafts)
    record = models.JSONField(null=True, blank=True)  # backpath/assessment/1
    result = models.JSONField(null=True, blank=True)  # backpath/result/1
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-assessed_on", "-created_at"]

    def __str__(self) -> str:
        return f"Assessment {self.assessed_on:%d %b %Y} ({self.status})"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class PlanVersion(Voidable):
    class Source(models.TextChoices):
        ASSESSMENT = "assessment", "Generated from the assessment"
        CLINICIAN = "clinician", "Changed by a clinician"
        PROGRESSION = "progression", "Progressed at a follow-up"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    episode = models.ForeignKey("patients.Episode", on_delete=models.PROTECT, related_name="plans")
    number = models.PositiveIntegerField()
    source = models.CharField(max_length=20, choices=Source.choices)
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
    )
    followup = models.ForeignKey(
        "FollowUp", null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
    )
    stage = models.CharField(max_length=30)
    plan = models.JSONField()  # the plan part of a result/progression document
    avoid = models.JSONField(default=list)
    document = models.JSONField()  # the result/progression document the plan belongs to
    changes = models.JSONField(default=list)  # [{action, exercise, reason, conflicts, by}]
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["episode", "number"], name="plan_version_unique_number")
        ]

    def __str__(self) -> str:
        return f"Plan v{self.number} ({self.stage})"

    @property
    def items(self) -> list[dict[str, Any]]:
        return list(self.plan.get("items", []))

    @property
    def flagged(self) -> set[str]:
        return {c["exercise"] for c in self.changes if c.get("conflicts")}


class FollowUp(Voidable):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    episode = models.ForeignKey(
        "patients.Episode", on_delete=models.PROTECT, related_name="followups"
    )
    seen_on = models.DateField()
    visit_number = models.PositiveIntegerField()
    based_on = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="+")
    record = models.JSONField()  # backpath/followup/1
    progression = models.JSONField()  # backpath/progression/1
    psfs = models.JSONField(default=list, blank=True)  # scores for the baseline activities
    accepted_plan = models.ForeignKey(
        PlanVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-seen_on", "-visit_number"]

    def __str__(self) -> str:
        return f"Follow-up {self.visit_number} on {self.seen_on:%d %b %Y}"


class PlanTemplate(models.Model):
    """A named set of exercises (with doses and notes) saved from a plan; clinic-wide when
    ``owner`` is empty, else one clinician's own. Applied through the core's gate."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=80)
    stage = models.CharField(max_length=30, blank=True)
    items = models.JSONField()  # [{exercise, dose, note?}] in order
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_personal(self) -> bool:
        return self.owner_id is not None
