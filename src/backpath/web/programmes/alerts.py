"""Red and emergency self-reports: who is told (:func:`report`) and which are still open."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, QuerySet

from .models import SessionLog

if TYPE_CHECKING:
    from backpath.web.clinics.models import Clinic
    from backpath.web.patients.models import Patient

ALERT_LIGHTS = ("red", "emergency")


def with_alert_flag(patients: QuerySet[Any]) -> QuerySet[Any]:
    """Annotate each patient with ``has_alert``: an unacknowledged red or emergency report."""
    unacknowledged = SessionLog.objects.filter(
        patient=OuterRef("pk"), light__in=ALERT_LIGHTS, acknowledged_at__isnull=True
    )
    return patients.annotate(has_alert=Exists(unacknowledged))


def clinic_open_alerts(clinic: Clinic) -> QuerySet[SessionLog]:
    """The clinic's unacknowledged alerts (the header counts them on every page)."""
    return SessionLog.objects.filter(
        patient__clinic=clinic, light__in=ALERT_LIGHTS, acknowledged_at__isnull=True
    )


def open_alerts(patient: Patient) -> QuerySet[SessionLog]:
    return SessionLog.objects.filter(
        patient=patient, light__in=ALERT_LIGHTS, acknowledged_at__isnull=True
    )


def report(log: SessionLog) -> None:
    """A red or emergency self-report reaches a person at once: an inbox entry and an email
    for the patient's clinician (:mod:`backpath.web.inbox`)."""
    if log.light in ALERT_LIGHTS:
        from backpath.web.api.webhooks import emit
        from backpath.web.inbox.actions import notify_session

        notify_session(log)
        emit(
            log.patient.clinic,
            "red_report",
            {
                "patient": str(log.patient_id),
                "episode": str(log.plan.episode_id),
                "session": str(log.pk),
                "at": log.at.isoformat(),
                "light": log.light,  # red, or emergency (the patient was sent to urgent care)
                "rule": log.rule,
            },
        )
