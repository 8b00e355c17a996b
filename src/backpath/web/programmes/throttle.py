"""A limit on the patient link's posts: ``LINK_POSTS_PER_HOUR`` per link (counted in the
database, so every server process agrees) and per client address (counted in the cache, valid
or not), so the public form can neither flood a clinician's alerts nor be used to hammer the
server. Over the limit the page answers 429 and saves nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from backpath.web.client_address import client_address

if TYPE_CHECKING:
    from django.http import HttpRequest

    from backpath.web.programmes.models import HepLink

__all__ = ["over_limit"]

WINDOW = timedelta(hours=1)


def _address_count(request: HttpRequest) -> int:
    """This post counted against the client's address, in fixed one-hour windows."""
    hour = int(timezone.now().timestamp() // WINDOW.total_seconds())
    key = f"link-posts:{client_address(request) or '-'}:{hour}"
    if cache.add(key, 1, timeout=int(WINDOW.total_seconds()) + 60):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired in between
        cache.set(key, 1, timeout=int(WINDOW.total_seconds()) + 60)
        return 1


def over_limit(request: HttpRequest, link: HepLink) -> bool:
    limit: int = settings.LINK_POSTS_PER_HOUR
    if _address_count(request) > limit:
        return True
    since = timezone.now() - WINDOW
    return bool(link.sessions.filter(at__gte=since).count() >= limit)
