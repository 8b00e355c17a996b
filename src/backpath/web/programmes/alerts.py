"""Red and emergency self-reports the clinician has not yet acknowledged."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import SessionLog

ALERT_LIGHTS = ("red", "emergency")


def open_alerts(patient: Any) -> QuerySet[SessionLog]:
    return SessionLog.objects.filter(
        patient=patient, light__in=ALERT_LIGHTS, acknowledged_at__isnull=True
    )
