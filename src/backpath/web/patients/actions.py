"""Every write to patients and episodes, each recording its audit entry."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from backpath.web.audit.trail import Actor, record
from backpath.web.conflicts import save_versioned

from .models import Episode, Patient

if TYPE_CHECKING:
    from backpath.web.clinics.models import Clinic

PATIENT_FIELDS = ("name", "date_of_birth", "sex", "contact")


@transaction.atomic
def create_patient(actor: Actor, clinic: Clinic, data: dict[str, Any]) -> Patient:
    patient = Patient.objects.create(clinic=clinic, **{k: data[k] for k in PATIENT_FIELDS})
    record(actor, "patient.create", patient=patient, obj=patient)
    return patient


def same_name_and_birth(clinic: Clinic, data: dict[str, Any]) -> list[Patient]:
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
def close_episode(
    actor: Actor, episode: Episode, closed_on: date, outcome: str, note: str = ""
) -> Episode:
    """Close with a discharge outcome (the core's ``DISCHARGE_OUTCOMES``); raises the core's
    EditError naming ``discharge_outcome`` or ``discharge_note``. Closing again changes
    nothing."""
    from backpath.core.corrections import discharge

    outcome, note = discharge(outcome, note)
    if episode.closed_on is None:
        episode.closed_on, episode.discharge_outcome, episode.discharge_note = (
            closed_on,
            outcome,
            note,
        )
        episode.save(update_fields=["closed_on", "discharge_outcome", "discharge_note"])
        record(actor, "episode.close", patient=episode.patient, obj=episode, outcome=outcome)
        from backpath.web.api.webhooks import emit

        emit(
            episode.patient.clinic,
            "episode.closed",
            {
                "patient": str(episode.patient_id),
                "episode": str(episode.pk),
                "closed_on": closed_on.isoformat(),
                "discharge_outcome": outcome,
            },
        )
    return episode


@transaction.atomic
def reopen_episode(actor: Actor, episode: Episode, reason: str) -> Episode:
    """Reopen a closed episode with a typed reason; the discharge outcome it had is kept in
    the audit trail. Raises the core's EditError (field ``reopen_reason``)."""
    from backpath.core.corrections import typed_reason

    clean = typed_reason("reopen_reason", reason)
    if episode.closed_on is not None:
        closed_on, outcome = episode.closed_on.isoformat(), episode.discharge_outcome
        episode.closed_on, episode.discharge_outcome, episode.discharge_note = None, "", ""
        episode.reopened_at, episode.reopen_reason = timezone.now(), clean
        episode.save(
            update_fields=[
                "closed_on",
                "discharge_outcome",
                "discharge_note",
                "reopened_at",
                "reopen_reason",
            ]
        )
        record(
            actor,
            "episode.reopen",
            patient=episode.patient,
            obj=episode,
            reason=clean,
            closed_on=closed_on,
            outcome=outcome,
        )
    return episode
