"""One summary row per episode: what the dashboard aggregates, kept up to date on every write
(:mod:`.summaries`), so the clinic's figures are a few ``GROUP BY`` queries over an indexed
table rather than a walk through every visit's documents."""

from __future__ import annotations

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

    class Meta:
        indexes = [
            models.Index(fields=["clinic", "started_on"], name="summary_clinic_started"),
            models.Index(fields=["clinic", "clinician", "started_on"], name="summary_clinician"),
        ]

    def __str__(self) -> str:
        return f"Summary of episode {self.episode_id}"
