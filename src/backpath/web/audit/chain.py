"""The audit trail's hash chain: each entry carries an HMAC over its own content and the hash
of the entry before it, so a changed, removed or inserted entry breaks every link after it.

The key is ``AUDIT_HMAC_KEY`` (or, when unset, one derived from ``SECRET_KEY``): without it,
someone who can write to the database cannot forge a consistent chain. Appending takes the
chain's lock for the rest of the transaction — ``pg_advisory_xact_lock`` on PostgreSQL, the
write lock of ``BEGIN IMMEDIATE`` on SQLite — so concurrent writers never fork it.
:func:`verify` walks the chain in id order and names the first broken link.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.conf import settings
from django.db import connection

from .models import AuditEntry

__all__ = ["GENESIS", "Break", "entry_hash", "lock_chain", "normalised", "seal", "verify"]

GENESIS = ""  # the "hash" before the first entry
_LOCK_ID = 0x6261636B  # "back": the advisory lock of the chain's head on PostgreSQL


def _key() -> bytes:
    key: str = settings.AUDIT_HMAC_KEY
    if key:
        return key.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"backpath audit chain", "sha256").digest()


def normalised(detail: object) -> Any:
    """``detail`` as the database gives it back (JSON types only), so the hash survives it."""
    return json.loads(json.dumps(detail, default=str))


def _content(entry: AuditEntry) -> bytes:
    fields = {
        "at": entry.at.astimezone(UTC).isoformat(),
        "user": entry.user_id,
        "username": entry.username,
        "clinic": str(entry.clinic_id) if entry.clinic_id else None,
        "patient": str(entry.patient_id) if entry.patient_id else None,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "path": entry.path,
        "ip": entry.ip,
        "detail": entry.detail,
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(previous: str, entry: AuditEntry) -> str:
    message = previous.encode() + b"\n" + _content(entry)
    return hmac.new(_key(), message, hashlib.sha256).hexdigest()


def lock_chain() -> None:
    """Hold the chain's head until the transaction ends (call inside ``atomic``)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])


def _head() -> str:
    last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
    return last or GENESIS


def seal(entries: Iterable[AuditEntry]) -> None:
    """Chain unsaved ``entries``, in order, onto the head (the caller holds the lock)."""
    previous = _head()
    for entry in entries:
        entry.detail = normalised(entry.detail)
        entry.prev_hash = previous
        entry.hash = previous = entry_hash(previous, entry)


@dataclass(frozen=True)
class Break:
    """The first entry whose link does not hold, and why."""

    entry_id: int
    reason: str


def verify() -> tuple[int, Break | None]:
    """(entries checked, the first broken link or ``None``)."""
    previous, count = GENESIS, 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        if entry.prev_hash != previous:
            return count, Break(entry.id, "it does not point at the entry before it")
        if not hmac.compare_digest(entry.hash, entry_hash(previous, entry)):
            return count, Break(entry.id, "its content does not match its hash")
        previous = entry.hash
    return count, None
