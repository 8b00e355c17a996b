"""FormDraft (what a clinician typed and has not submitted yet) and SubmittedForm (a rendered
form's one-time key and where its first submission led)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class FormDraft(models.Model):
    """One per user and form address (``/episodes/<id>/assessments/new/``): the form's values
    as last autosaved. Deleted when the form is submitted."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=200)
    values = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "path"], name="form_draft_one_per_form")
        ]

    def __str__(self) -> str:
        return f"Draft of {self.path}"


class SubmittedForm(models.Model):
    """The idempotency key of one rendered form: submitting it again goes to ``location``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField()
    location = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="submitted_form_key_once")
        ]

    def __str__(self) -> str:
        return f"Form {self.key} → {self.location}"
