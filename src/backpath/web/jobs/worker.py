"""The job worker that ``backpath serve`` starts beside the app (and ``backpath worker`` alone).

Database backend: django-tasks-db's worker, plus a heartbeat thread. Every ``BEAT_SECONDS``
the thread marks this worker alive, puts back on the queue every running job whose worker is
gone (its heartbeat older than ``STALE_SECONDS``, or on this host, its process no longer
exists), and enqueues the periodic jobs when they are due. So a worker killed mid-job
(``kill -9``, a power cut) loses nothing: the next worker runs the job again from the start,
and jobs are idempotent. Redis backend: RQ's worker (with its scheduler, for retries) and
the same periodic thread.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string

__all__ = ["BEAT_SECONDS", "STALE_SECONDS", "recover_orphans", "run_periodic", "serve_queue"]

BEAT_SECONDS = 5.0
STALE_SECONDS = 30.0
logger = logging.getLogger("backpath.jobs")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def beat(worker_id: str) -> None:
    from .models import WorkerBeat

    WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": socket.gethostname(), "pid": os.getpid(), "beat_at": timezone.now()},
    )


def recover_orphans(stale_seconds: float = STALE_SECONDS) -> int:
    """Put each running job whose worker is gone back on the queue; return how many."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from .models import WorkerBeat

    now = timezone.now()
    host = socket.gethostname()
    beats = {b.worker_id: b for b in WorkerBeat.objects.all()}
    recovered = 0
    for row in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
        worker = row.worker_ids[-1] if row.worker_ids else ""
        b = beats.get(worker)
        gone = (
            b is None
            or (now - b.beat_at).total_seconds() > stale_seconds
            or (b.host == host and not _alive(b.pid))
        )
        if gone:
            recovered += DBTaskResult.objects.filter(
                pk=row.pk, status=TaskResultStatus.RUNNING, worker_ids=row.worker_ids
            ).update(status=TaskResultStatus.READY, started_at=None)
            logger.warning("job %s: its worker %s is gone; queued again", row.pk, worker)
    WorkerBeat.objects.filter(beat_at__lt=now - timedelta(days=1)).delete()
    return recovered


def run_periodic() -> list[str]:
    """Enqueue each periodic job that is due (one enqueue per period across all workers)."""
    from backpath.web.api.webhook_jobs import deliver_overdue, overdue_deliveries
    from backpath.web.inbox.jobs import escalate_overdue
    from backpath.web.reminders.jobs import send_reminders

    due = []
    period = float(settings.ESCALATION_CHECK_SECONDS)
    if period and caches["shared"].add("periodic:escalate", 1, timeout=max(1, int(period))):
        escalate_overdue.enqueue()
        due.append("escalate_overdue")
    if overdue_deliveries() and caches["shared"].add("periodic:webhooks", 1, timeout=60):
        deliver_overdue.enqueue()
        due.append("deliver_overdue")
    period = float(settings.REMINDER_CHECK_SECONDS)
    if period and caches["shared"].add("periodic:reminders", 1, timeout=max(1, int(period))):
        send_reminders.enqueue()
        due.append("send_reminders")
    return due


def _heartbeat(worker_id: str | None, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            if worker_id is not None:
                beat(worker_id)
                recover_orphans()
            run_periodic()
        except Exception:  # never let the heartbeat die: log and try again next beat
            logger.exception("job worker heartbeat failed")
        finally:
            close_old_connections()
        stop.wait(BEAT_SECONDS)
    connection.close()


def _warm_up() -> None:
    """Load WeasyPrint and its fonts, and parse every exercise's picture, before the first
    PDF is asked for."""
    from backpath.web.programmes.pdf import draw_pdf, warm_up_figures

    draw_pdf("<p>backpath</p>")
    warm_up_figures()


def serve_queue(
    *, batch: bool = False, warm_up: bool = True, nice: bool = True, **worker_options: Any
) -> None:
    """Run the worker until it is told to stop (SIGINT/SIGTERM: finish the current job first);
    ``batch``: run the jobs that are due, then return."""
    if nice and settings.TASKS_WORKER_NICE:
        os.nice(settings.TASKS_WORKER_NICE)  # pages first (0 by default: see docs/settings.md)
    if settings.TASKS_BACKEND_KIND == "redis":
        if warm_up:
            _warm_up()
        from django.core.management import call_command

        stop = threading.Event()
        threading.Thread(target=_heartbeat, args=(None, stop), daemon=True).start()
        call_command(
            "rqworker",
            "default",
            with_scheduler=True,
            burst=batch,
            job_class="django_tasks_rq.backend.Job",
        )
        stop.set()
        return
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
    from django_tasks_db.management.commands.db_worker import Worker

    from .models import WorkerBeat

    worker_id = get_random_string(32)
    worker = Worker(
        queue_names=[DEFAULT_TASK_QUEUE_NAME],
        interval=float(settings.TASKS_POLL_SECONDS),
        batch=batch,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=worker_options.get("max_tasks"),
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    if not batch:
        # first: a stop during start-up still runs the sign-off below
        worker.configure_signals()
    stop = threading.Event()
    heart = threading.Thread(target=_heartbeat, args=(worker_id, stop), daemon=True)
    try:
        if warm_up:
            _warm_up()
        beat(worker_id)
        recover_orphans()
        if not batch:
            heart.start()
        worker.run()
    finally:
        stop.set()
        if heart.is_alive():
            heart.join(timeout=10)  # so its last beat cannot follow the sign-off below
        WorkerBeat.objects.filter(worker_id=worker_id).delete()
