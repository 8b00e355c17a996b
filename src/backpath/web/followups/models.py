"""A follow-up visit: its record, the core's progression and the plan version it led to.
Never deleted: a mistake is voided (:class:`backpath.web.corrections.Voidable`)."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models

from backpath.web.corrections import Voidable


class FollowUp(Voidable):
    VOID_KIND: ClassVar[str] = "followup"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    episode = models.ForeignKey(
        "patients.Episode", on_delete=models.PROTECT, related_name="followups"
    )
    seen_on = models.DateField()
    visit_number = models.PositiveIntegerField()
    based_on = models.ForeignKey("plans.PlanVersion", on_delete=models.PROTECT, related_name="+")
    record = models.JSONField()  # backpath/followup/1
    progression = models.JSONField()  # backpath/progression/1
    psfs = models.JSONField(default=list, blank=True)  # scores for the baseline activities
    accepted_plan = models.ForeignKey(
        "plans.PlanVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "assessments_followup"  # the table it had before the rooms were split
        ordering = ["-seen_on", "-visit_number"]

    def __str__(self) -> str:
        return f"Follow-up {self.visit_number} on {self.seen_on:%d %b %Y}"
