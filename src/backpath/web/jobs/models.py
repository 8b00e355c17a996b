"""What the job queue keeps of its own: live workers, failed jobs, and queue probes."""

from __future__ import annotations

import uuid

from django.db import models


class WorkerBeat(models.Model):
    """A running worker process; ``beat_at`` is refreshed every few seconds while it lives."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    beat_at = models.DateTimeField()


class JobFailure(models.Model):
    """A job that failed on every try: shown to its clinic's admins (Users → Background jobs)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    clinic = models.ForeignKey(
        "clinics.Clinic", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    task = models.CharField(max_length=255)
    description = models.CharField(max_length=255)
    attempts = models.PositiveIntegerField()
    error = models.CharField(max_length=500)
    failed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-failed_at"]


class QueueProbe(models.Model):
    """``backpath worker --check``: a job that proves the queue runs (started and finished
    counts show a job taken over after its worker died ran to the end once)."""

    id = models.UUIDField(primary_key=True)
    starts = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
