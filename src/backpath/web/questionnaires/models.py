"""A clinic's licensed wording of one questionnaire (backpath ships none).

``text`` is ``{"instructions": str, "items": [...]}``: for an instrument answered by choosing a
statement (ODI) each item is ``{"title": str, "statements": [str, ...]}``, for one answered by
ticking (RMDQ) ``{"text": str}``; how many of each comes from the core's registry
(:func:`backpath.core.instruments.wording_shape`). Offered to patients only while ``enabled``,
which needs a clinic admin's confirmation that the clinic holds a licence (who and when kept).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class LicensedWording(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    clinic = models.ForeignKey(
        "clinics.Clinic", on_delete=models.PROTECT, related_name="licensed_wordings"
    )
    instrument = models.CharField(max_length=20)  # the registry key, e.g. odi_2.1a
    version = models.PositiveIntegerField(default=1)  # +1 at every save of the wording
    text = models.JSONField()
    enabled = models.BooleanField(default=False)  # offered on the patient's page
    licence_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    licence_confirmed_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "instrument"], name="licensed_wording_once_per_clinic"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} wording v{self.version} at {self.clinic}"

    @property
    def offered(self) -> bool:
        return self.enabled and self.licence_confirmed_at is not None
