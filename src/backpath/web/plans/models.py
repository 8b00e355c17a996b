"""PlanVersion (a plan is never overwritten: every change is a new numbered version, voided
rather than deleted) and PlanTemplate (a named set of exercises saved from a plan)."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from backpath.web.corrections import Voidable


class PlanVersion(Voidable):
    class Source(models.TextChoices):
        ASSESSMENT = "assessment", "Generated from the assessment"
        CLINICIAN = "clinician", "Changed by a clinician"
        PROGRESSION = "progression", "Progressed at a follow-up"

    VOID_KIND: ClassVar[str] = "plan"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    episode = models.ForeignKey("patients.Episode", on_delete=models.PROTECT, related_name="plans")
    number = models.PositiveIntegerField()
    source = models.CharField(max_length=20, choices=Source.choices)
    assessment = models.ForeignKey(
        "assessments.Assessment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
    )
    followup = models.ForeignKey(
        "followups.FollowUp", null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
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
        db_table = "assessments_planversion"  # the table it had before the rooms were split
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
        db_table = "assessments_plantemplate"  # the table it had before the rooms were split
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_personal(self) -> bool:
        return self.owner_id is not None
