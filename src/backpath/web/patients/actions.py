"""Every write to patients and episodes, each recording its audit entry."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from backpath.web.audit.trail import Actor, record
from backpath.web.conflicts import save_versioned

from .models import Episode, Patient

PATIENT_FIELDS = ("name", "date_of_birth", "sex", "contact")


@transaction.atomic
def create_patient(actor: Actor, clinic: Any, data: dict[str, Any]) -> Patient:
    patient = Patient.objects.create(clinic=clinic, **{k: data[k] for k in PATIENT_FIELDS})
    record(actor, "patient.create", patient=patient, obj=patient)
    return patient


def same_name_and_birth(clinic: Any, data: dict[str, Any]) -> list[Patient]:
    """The clinic's patients with this name (any case and spacing) and date of birth."""
    name = " ".join(str(data["name"]).split()).lower()
    born = Patient.objects.filter(clinic=clinic, date_of_birth=data["date_of_birth"])
    return [p for p in born if " ".join(p.name.split()).lower() == name]


@transaction.atomic
def update_patient(actor: Actor, patient: Patient, data: dict[str, Any], version: int) -> Patient:
    """Raises VersionConflict when someone else saved the patient since ``version``."""
    changed = sorted(k for k in PATIENT_FIELDS if getattr(patient, k) != data[k])
    fields = {k: data[k] for k in PATIENT_FIELDS}
    fields["updated_at"] = timezone.now()
    save_versioned(patient, version, fields)
    record(actor, "patient.update", patient=patient, obj=patient, fields=changed)
    return patient


@transaction.atomic
def open_episode(actor: Actor, patient: Patient, complaint: str, started_on: date) -> Episode:
    episode = Episode.objects.create(
        patient=patient, complaint=complaint, started_on=started_on, created_by=actor.user
    )
    record(actor, "episode.create", patient=patient, obj=episode)
    return episode


@transaction.atomic
def close_episode(actor: Actor, episode: Episode, closed_on: date) -> Episode:
    episode.closed_on = closed_on
    episode.save(update_fields=["closed_on"])
    record(actor, "episode.close", patient=episode.patient, obj=episode)
    return episode
