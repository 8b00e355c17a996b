"""The queue's health check: a job that counts its starts and marks when it finished."""

from __future__ import annotations

import time

from django.db.models import F
from django.utils import timezone

from .models import QueueProbe
from .queue import job


@job("Queue check")
def probe(probe_id: str, seconds: float = 0.0) -> str:
    """Idempotent: a probe that already finished is left as it is."""
    row, _ = QueueProbe.objects.get_or_create(id=probe_id)
    if row.finished_at is not None:
        return "already finished"
    QueueProbe.objects.filter(pk=row.pk).update(starts=F("starts") + 1)
    time.sleep(seconds)
    QueueProbe.objects.filter(pk=row.pk, finished_at__isnull=True).update(
        finished_at=timezone.now()
    )
    return "finished"
