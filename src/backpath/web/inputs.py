"""Bounded parsing of the few raw posted values views read without a Django form.

Each parser returns the value or raises :class:`BadInput`, whose message names the field and
what it allows, so a view answers 400 and saves nothing; no bad value becomes a server error
(an ``int()`` that overflows a database column, a date in year 1 or 2099).
"""

from __future__ import annotations

import uuid
from datetime import date

__all__ = [
    "EARLIEST_VISIT",
    "MAX_DB_INTEGER",
    "BadInput",
    "bounded_int",
    "uuid_or_none",
    "visit_date",
]

MAX_DB_INTEGER = 2**31 - 1  # PostgreSQL's ``integer``: the smallest integer column we have
EARLIEST_VISIT = date(2000, 1, 1)


class BadInput(ValueError):
    """A posted value outside what the field allows; ``str(error)`` names the field."""


def bounded_int(text: object, field: str, low: int = 0, high: int = MAX_DB_INTEGER) -> int:
    """``text`` as a whole number from ``low`` to ``high``."""
    raw = str(text).strip()
    digits = raw.isascii() and raw.isdigit() and len(raw) <= len(str(high))
    if not digits or not low <= int(raw) <= high:
        raise BadInput(f"{field}: {raw[:40]!r} is not a whole number from {low} to {high}")
    return int(raw)


def visit_date(text: object, field: str, today: date) -> date:
    """A visit's date as ``YYYY-MM-DD``, from :data:`EARLIEST_VISIT` to ``today``."""
    raw = str(text).strip()
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise BadInput(f"{field}: {raw[:40]!r} is not a date (use YYYY-MM-DD)") from None
    if not EARLIEST_VISIT <= day <= today:
        raise BadInput(
            f"{field}: {day.isoformat()} is outside {EARLIEST_VISIT.isoformat()} to "
            f"{today.isoformat()} (today)"
        )
    return day


def uuid_or_none(text: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(text))
    except ValueError:
        return None
