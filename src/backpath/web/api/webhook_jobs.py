"""Where webhook attempts run. Until the job queue lands, an attempt that is due now runs at
once (after the commit) and later ones are picked up by :func:`run_due`."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from .models import WebhookDelivery


def enqueue_attempt(delivery: WebhookDelivery) -> None:
    from .webhooks import attempt

    due = delivery.next_attempt_at
    if due is None or due <= timezone.now():
        attempt(delivery.pk)


def run_due(now: datetime | None = None) -> int:
    """Attempt every pending delivery whose next attempt is due; how many were attempted."""
    from .webhooks import attempt

    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    ids = list(due[:500])
    for pk in ids:
        attempt(pk, now)
    return len(ids)
