"""When reminders fall due: pure functions of the patient's days, times, time zone and quiet
hours (no Django, no clock: "now" is a parameter). Local wall times are turned into instants
with :mod:`zoneinfo`, so 07:30 stays 07:30 for the patient across a change to or from summer
time; a wall time that does not exist that day (inside the spring gap) is sent at the instant
the clocks skip to, once, and an ambiguous autumn time once, at its first occurrence."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

__all__ = ["NUDGE_AFTER", "WEEKDAYS", "in_quiet_hours", "nudge_due", "occurrences"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUDGE_AFTER = timedelta(days=3)  # "you have not logged for 3 days"
NUDGE_FROM = time(10, 0)  # not before this local time


def in_quiet_hours(at: time, start: time | None, end: time | None) -> bool:
    """Whether the local time ``at`` lies in [start, end); the window may cross midnight."""
    if start is None or end is None or start == end:
        return False
    if start < end:
        return start <= at < end
    return at >= start or at < end


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def occurrences(
    weekdays: Iterable[int], times: Iterable[time], zone: ZoneInfo, after: datetime, until: datetime
) -> list[tuple[datetime, datetime]]:
    """Each (wall time, instant) on the chosen weekdays (0 = Monday) whose instant falls in
    (after, until]; the wall time is naive, in ``zone``; the instant is in UTC."""
    chosen = set(weekdays)
    found = []
    first = after.astimezone(zone).date() - timedelta(days=1)
    for day in _days(first, until.astimezone(zone).date()):
        if day.weekday() not in chosen:
            continue
        for at in sorted(set(times)):
            wall = datetime.combine(day, at)
            instant = wall.replace(tzinfo=zone).astimezone(UTC)
            if after < instant <= until:
                found.append((wall, instant))
    return found


def nudge_due(
    last_activity: datetime, now: datetime, zone: ZoneInfo, quiet: tuple[time | None, time | None]
) -> date | None:
    """The patient's local date to nudge them on, or None: three days without a log, from
    ``NUDGE_FROM`` local time, never in quiet hours (at most one a day: the caller keys it)."""
    local = now.astimezone(zone)
    if now - last_activity < NUDGE_AFTER or local.time() < NUDGE_FROM:
        return None
    if in_quiet_hours(local.time(), *quiet):
        return None
    return local.date()
