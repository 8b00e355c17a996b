"""When "a working day later" is: the same clock time on the next day that is not a Saturday or
a Sunday, in the clinic's time zone (``TIME_ZONE``)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

__all__ = ["one_working_day_after"]


def one_working_day_after(moment: datetime, zone: str) -> datetime:
    """``moment`` (aware) plus one working day, as an aware datetime in ``zone``."""
    local = moment.astimezone(ZoneInfo(zone))
    day = local.date() + timedelta(days=1)
    while day.weekday() >= 5:  # Saturday, Sunday
        day += timedelta(days=1)
    wall = datetime.combine(day, local.timetz().replace(tzinfo=None))
    return wall.replace(tzinfo=ZoneInfo(zone))
