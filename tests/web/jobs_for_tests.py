"""Jobs the queue tests enqueue (module-level, so a worker can import them by path)."""

from __future__ import annotations

from django.core.cache import caches

from backpath.web.jobs.queue import job


class Broken(RuntimeError):
    pass


def _tries(key: str) -> int:
    store = caches["shared"]
    store.add(key, 0)
    return int(store.incr(key))


@job("Fails the first time")
def fails_once(key: str, clinic_id: str | None = None) -> str:
    if _tries(key) == 1:
        raise Broken("first try fails")
    return "ok"


@job("Always fails", attempts=2)
def always_fails(key: str, clinic_id: str | None = None) -> str:
    _tries(key)
    raise Broken("the mail server said no")
