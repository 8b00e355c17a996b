"""Webhook attempts on the job queue: each attempt is one job, enqueued to run when the
delivery's next attempt is due. The delivery keeps its own tries and back-off
(:mod:`backpath.web.api.webhooks`), so the job itself is not retried by the queue; a delivery
whose job was lost is picked up by :func:`run_due`, which the worker runs periodically."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import task_backends

from backpath.web.jobs.queue import job

from .models import WebhookDelivery


@job("Deliver a webhook", attempts=1)
def attempt_delivery(delivery_id: str) -> str:
    from .webhooks import attempt

    return str(attempt(delivery_id).status)


def enqueue_attempt(delivery: WebhookDelivery) -> None:
    """Enqueue the delivery's next attempt (at once, or when it is due if the queue can wait)."""
    due = delivery.next_attempt_at
    now = timezone.now()
    if due is None or due <= now:
        attempt_delivery.enqueue(str(delivery.pk))
    elif task_backends[attempt_delivery.backend].supports_defer:
        attempt_delivery.using(run_after=due).enqueue(str(delivery.pk))
    # else (the immediate backend of the tests): run_due attempts it when it is due


def run_due(now: datetime | None = None) -> int:
    """Attempt every pending delivery whose next attempt is overdue; how many were attempted."""
    from .webhooks import attempt

    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(
        status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    ids = list(due[:500])
    for pk in ids:
        attempt(pk, now)
    return len(ids)


def overdue_deliveries() -> bool:
    """Is any pending delivery more than a minute past its time (its job lost)?"""
    late = timezone.now() - timedelta(minutes=1)
    pending = WebhookDelivery.objects.filter(status=WebhookDelivery.Status.PENDING)
    return pending.filter(next_attempt_at__lte=late).exists()


@job("Send webhook deliveries that are overdue", attempts=1)
def deliver_overdue() -> int:
    """Periodic safety net: a delivery whose job was lost (a queue emptied by hand, a backend
    without delays) is attempted once its time has passed by more than a minute."""
    return run_due(timezone.now() - timedelta(minutes=1))
