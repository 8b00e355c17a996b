"""Webhooks: a clinic's events, signed and delivered to the receivers its admin registered.

Each delivery is a POST of JSON ``{"id", "event", "created", "clinic", "data"}`` with headers
``Backpath-Event``, ``Backpath-Delivery`` (the event id: a receiver drops one it has seen) and
``Backpath-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body, keyed by the
webhook's secret>``. A receiver checks the signature with :func:`verify` (or the same few lines
in its own language) and refuses a timestamp more than five minutes old, so a captured
delivery cannot be replayed later.

A delivery that does not get a 2xx is tried again with back-off (:data:`BACKOFF_SECONDS`) up to
:data:`MAX_ATTEMPTS` times, then marked failed; after :data:`DISABLE_AFTER` failed attempts in
a row the webhook is disabled until an admin turns it on again. Every attempt's outcome is kept
on the delivery, for the admin's page. Receivers must be public HTTPS addresses (checked when
registered and again before each attempt, so a name cannot later point inside the network)
unless ``WEBHOOK_ALLOW_PRIVATE`` is set.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

import orjson
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from backpath.web.audit.trail import Actor, record

from .models import Webhook, WebhookDelivery

if TYPE_CHECKING:
    from backpath.web.clinics.models import Clinic

EVENTS = {
    "plan.accepted": "a plan version was accepted (with its PDF's address)",
    "red_report": "a patient logged a red response (or emergency symptoms)",
    "patient_reported_outcome": "a patient reported their scores at home",
    "episode.closed": "an episode was closed (with its discharge outcome)",
}
MAX_ATTEMPTS = 6
BACKOFF_SECONDS = (30, 120, 600, 3600, 6 * 3600)  # after attempt 1, 2, …
DISABLE_AFTER = 10  # failed attempts in a row, across deliveries
TOLERANCE_SECONDS = 300
TIMEOUT_SECONDS = 10
SIGNATURE_HEADER = "Backpath-Signature"


class WebhookError(ValueError):
    """A webhook that cannot be registered; the message names the field and what is allowed."""


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The ``Backpath-Signature`` header value for ``body`` sent at ``timestamp``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, header: str, body: bytes, now: float | None = None) -> bool:
    """Is ``header`` a valid signature of ``body`` by ``secret``, made within the tolerance?"""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        return False
    expected = sign(secret, timestamp, body).partition("v1=")[2]
    return hmac.compare_digest(expected, parts.get("v1", ""))


def _public(host: str) -> bool:
    try:
        found = {str(info[4][0]) for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError):
        return False
    return bool(found) and all(ipaddress.ip_address(a.split("%")[0]).is_global for a in found)


def check_url(url: str) -> str:
    """``url`` if a delivery may go there, else :class:`WebhookError` saying why."""
    parsed = urllib.parse.urlsplit(url.strip())
    private_ok = settings.WEBHOOK_ALLOW_PRIVATE
    schemes = ("https", "http") if private_ok else ("https",)
    if parsed.scheme not in schemes or not parsed.hostname:
        raise WebhookError(f"url: must be an {' or '.join(schemes)} address with a host name")
    if parsed.username or parsed.password:
        raise WebhookError("url: must not carry a user name or password")
    if not private_ok and not _public(parsed.hostname):
        raise WebhookError(
            "url: must reach a public address (loopback and private networks are refused)"
        )
    return urllib.parse.urlunsplit(parsed)


@transaction.atomic
def create_webhook(actor: Actor, url: str, events: list[str]) -> Webhook:
    from backpath.web.clinics.access import require_admin

    clinic = require_admin(actor.user).clinic
    unknown = sorted(set(events) - set(EVENTS))
    if unknown or not events:
        raise WebhookError(f"events: choose one or more of {', '.join(EVENTS)}")
    hook = Webhook.objects.create(
        clinic=clinic,
        url=check_url(url),
        secret=secrets.token_hex(32),
        events=sorted(set(events)),
        created_by=actor.user,
    )
    record(actor, "webhook.create", clinic=clinic, obj=hook, url=hook.url, events=hook.events)
    return hook


@transaction.atomic
def set_active(actor: Actor, hook: Webhook, active: bool) -> Webhook:
    hook.active = active
    hook.consecutive_failures = 0 if active else hook.consecutive_failures
    hook.disabled_at = None if active else timezone.now()
    hook.save(update_fields=["active", "consecutive_failures", "disabled_at"])
    record(actor, "webhook.enable" if active else "webhook.disable", clinic=hook.clinic, obj=hook)
    return hook


def emit(clinic: Clinic, event: str, data: dict[str, Any]) -> list[WebhookDelivery]:
    """A delivery of ``event`` for each of the clinic's live webhooks that wants it, sent once
    the surrounding transaction commits (an event that rolled back is never sent)."""
    if event not in EVENTS:
        raise ValueError(f"event: {event!r} is not one of {', '.join(EVENTS)}")
    made = []
    for hook in Webhook.objects.filter(clinic=clinic, active=True):
        if event not in hook.events:
            continue
        delivery = WebhookDelivery(webhook=hook, event=event, next_attempt_at=timezone.now())
        delivery.payload = {
            "id": str(delivery.id),
            "event": event,
            "created": timezone.now().isoformat(),
            "clinic": str(clinic.pk),
            "data": data,
        }
        delivery.save()
        made.append(delivery)
    for delivery in made:
        transaction.on_commit(partial(schedule, delivery))
    return made


def schedule(delivery: WebhookDelivery) -> None:
    """Hand ``delivery`` to the job queue for its next attempt."""
    from .webhook_jobs import enqueue_attempt

    enqueue_attempt(delivery)


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None  # a receiver that redirects has not received it

    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def attempt(delivery_id: uuid.UUID | str, now: datetime | None = None) -> WebhookDelivery:
    """One attempt at a delivery (the job). A delivered or failed delivery is left alone, so a
    job that runs twice sends once; the row is locked while the attempt is made."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .select_related("webhook")
            .get(pk=delivery_id)
        )
        hook = delivery.webhook
        if delivery.status != WebhookDelivery.Status.PENDING:
            return delivery
        now = now or timezone.now()
        if not hook.active:
            delivery.last_error = "the webhook is disabled"
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.save(update_fields=["last_error", "status"])
            return delivery
        body = orjson.dumps(delivery.payload)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "backpath-webhooks/1",
            "Backpath-Event": delivery.event,
            "Backpath-Delivery": str(delivery.pk),
            SIGNATURE_HEADER: sign(hook.secret, int(now.timestamp()), body),
        }
        code, error = None, ""
        try:
            code = _post(check_url(hook.url), body, headers)
        except WebhookError as exc:
            error = str(exc)
        except (OSError, ValueError) as exc:  # refused, timed out, unreachable
            error = f"{type(exc).__name__}: {exc}"[:300]
        delivery.attempts += 1
        delivery.last_status_code = code
        delivery.last_error = error or ("" if code and 200 <= code < 300 else f"HTTP {code}")
        if code is not None and 200 <= code < 300:
            delivery.status = WebhookDelivery.Status.DELIVERED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
            hook.consecutive_failures = 0
        else:
            hook.consecutive_failures += 1
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.status = WebhookDelivery.Status.FAILED
                delivery.next_attempt_at = None
            else:
                wait = BACKOFF_SECONDS[min(delivery.attempts, len(BACKOFF_SECONDS)) - 1]
                delivery.next_attempt_at = now + timedelta(seconds=wait)
            if hook.consecutive_failures >= DISABLE_AFTER:
                hook.active, hook.disabled_at = False, now
        delivery.save()
        hook.save(update_fields=["consecutive_failures", "active", "disabled_at"])
    if delivery.status == WebhookDelivery.Status.PENDING:
        transaction.on_commit(lambda: schedule(delivery))
    return delivery
