"""One summary row per episode (:class:`EpisodeSummary`), kept up to date on every write
(:mod:`.summaries`), and the mergeable sums of groups of them (:class:`SummaryGroup`), kept by
the job queue (:mod:`.groups`): the dashboard reads a clinic's groups, not its episodes."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.db import models


def _score() -> models.FloatField:
    return models.FloatField(null=True, blank=True)


class EpisodeSummary(models.Model):
    episode = models.OneToOneField(
        "patients.Episode", on_delete=models.CASCADE, primary_key=True, related_name="summary"
    )
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    started_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    assessed_on = models.DateField(null=True, blank=True)  # the baseline; None: not assessed
    syndrome = models.CharField(max_length=40, blank=True)
    subgroup = models.CharField(max_length=40, blank=True)
    dp = models.CharField(max_length=40, blank=True)
    dp_centralised = models.BooleanField(null=True)
    referral_urgency = models.CharField(max_length=20, blank=True)
    discharge_outcome = models.CharField(max_length=30, blank=True)
    visits = models.PositiveIntegerField(default=0)
    last_seen_on = models.DateField(null=True, blank=True)
    review_due_on = models.DateField(null=True, blank=True)
    base_nrs_back, base_nrs_leg, base_odi = _score(), _score(), _score()
    last_nrs_back, last_nrs_leg, last_odi = _score(), _score(), _score()
    mcid_nrs_back = models.BooleanField(null=True)
    mcid_nrs_leg = models.BooleanField(null=True)
    mcid_odi = models.BooleanField(null=True)
    days_mcid_nrs_back = models.IntegerField(null=True, blank=True)
    days_mcid_nrs_leg = models.IntegerField(null=True, blank=True)
    days_mcid_odi = models.IntegerField(null=True, blank=True)
    sessions = models.PositiveIntegerField(default=0)  # patient-logged home sessions
    adherence = _score()  # percent: patient-logged sessions done, else the clinician's figure
    adherence_source = models.CharField(max_length=10, blank=True)  # patient | clinician
    red_reports = models.PositiveIntegerField(default=0)  # patients' red self-reports
    red_acknowledged = models.PositiveIntegerField(default=0)
    red_within_day = models.PositiveIntegerField(default=0)  # acknowledged within 24 hours
    red_wait_hours = models.FloatField(default=0)  # summed over the acknowledged ones
    updated_at = models.DateTimeField(auto_now=True)
    loaded: dict[str, Any] | None = None  # the row as read from the database (not a column)

    class Meta:
        indexes = [
            models.Index(fields=["clinic", "started_on"], name="summary_clinic_started"),
            models.Index(fields=["clinic", "clinician", "started_on"], name="summary_clinician"),
        ]

    def __str__(self) -> str:
        return f"Summary of episode {self.episode_id}"

    @classmethod
    def from_db(
        cls, db: str | None, field_names: Collection[str], values: Collection[Any]
    ) -> EpisodeSummary:
        """Remember the row as read, so a save can tell which groups it leaves and joins."""
        instance = super().from_db(db, field_names, values)
        pairs = zip(field_names, values, strict=True)
        instance.loaded = {name: v for name, v in pairs if v is not models.DEFERRED}
        return instance


class SummaryGroup(models.Model):
    """The sums (:class:`backpath.core.cohort.Sums`, as JSON) of the episodes of one clinic and
    clinician that started in one month with one classification and DP: every dimension the
    dashboard filters or groups by, so its figures merge these rows. Recomputed from the
    episodes' summary rows by :func:`backpath.web.analytics.groups.refresh_group`."""

    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()  # the first day of the month the episodes started in
    syndrome = models.CharField(max_length=40, blank=True)
    subgroup = models.CharField(max_length=40, blank=True)
    dp = models.CharField(max_length=40, blank=True)
    sums = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["clinic", "clinician", "month", "syndrome", "subgroup", "dp"],
                name="summary_group_key",
            )
        ]
        indexes = [models.Index(fields=["clinic", "month"], name="summary_group_month")]

    def __str__(self) -> str:
        return f"Summary group {self.month:%Y-%m} {self.syndrome} {self.subgroup} {self.dp}"
