"""An assessment: draft form data, or a finished record with its result. Never deleted: a
mistake is voided (:class:`backpath.web.corrections.Voidable`)."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models

from backpath.web.corrections import Voidable


class Assessment(Voidable):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        FINAL = "final", "Finished"

    VOID_KIND: ClassVar[str] = "assessment"

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
