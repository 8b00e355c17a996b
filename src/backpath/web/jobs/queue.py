"""Jobs: tasks that are retried with back-off and, out of tries, recorded for the admins.

A job is a plain module-level function decorated with :func:`job`; call ``.enqueue(...)`` (or
:func:`later`) with JSON-friendly arguments. Every job must be idempotent — running it twice
has the effect of running it once — because a job whose worker died is run again from the
start (see :mod:`backpath.web.jobs.worker`). A failing try raises, is recorded as failed by the
backend, and enqueues the next try ``JOB_RETRY_SECONDS × 2^(try-1)`` later; the last failing
try also writes a :class:`JobFailure` (with the ``clinic_id`` keyword argument, if any).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends
from django_tasks.base import Task

__all__ = ["ATTEMPT", "job", "later", "retry_delay"]

ATTEMPT = "_attempt"  # the keyword argument that carries the try number (1, 2, …)
logger = logging.getLogger("backpath.jobs")


def retry_delay(attempt: int) -> timedelta:
    """The wait before try ``attempt + 1``: doubling from ``JOB_RETRY_SECONDS``."""
    return timedelta(seconds=float(settings.JOB_RETRY_SECONDS) * 2 ** (attempt - 1))


def _record_failure(name: str, describe: str, attempts: int, exc: BaseException, **kw: Any) -> None:
    from .models import JobFailure

    error = f"{type(exc).__name__}: {exc}"[:500]
    JobFailure.objects.create(
        clinic_id=kw.get("clinic_id"),
        task=name,
        description=describe[:255],
        attempts=attempts,
        error=error,
    )


def job(
    describe: str, *, attempts: int | None = None, priority: int = 0
) -> Callable[[Callable[..., Any]], Task[..., Any]]:
    """Decorate a module-level function as a retried job; ``describe`` names it for admins."""

    def wrap(func: Callable[..., Any]) -> Task[..., Any]:
        name = f"{func.__module__}.{func.__qualname__}"

        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            attempt = int(kwargs.pop(ATTEMPT, 1))
            try:
                return func(*args, **kwargs)
            except Exception as exc:
                most = attempts if attempts is not None else int(settings.JOB_ATTEMPTS)
                backend = task_backends[the_task.backend]
                if attempt < most and backend.supports_defer:
                    when = timezone.now() + retry_delay(attempt)
                    the_task.using(run_after=when).enqueue(
                        *args, **kwargs, **{ATTEMPT: attempt + 1}
                    )
                    logger.warning("job %s failed (try %d of %d), retrying", name, attempt, most)
                else:
                    _record_failure(name, describe, attempt, exc, **kwargs)
                    logger.error("job %s failed for good after %d tries", name, attempt)
                raise

        the_task: Task[..., Any] = task(priority=priority)(run)
        return the_task

    return wrap


def later(the_task: Task[..., Any], *args: Any, **kwargs: Any) -> None:
    """Enqueue ``the_task`` so that it sees the current transaction's writes.

    With the database backend the job row is written in the same transaction (it exists if and
    only if the data it acts on does); ``immediate`` runs it now, inside the transaction; with
    Redis it is enqueued after the commit.
    """
    if settings.TASKS_BACKEND_KIND in ("database", "immediate"):
        the_task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: the_task.enqueue(*args, **kwargs))
