"""Query parameters shared by list endpoints: paging and a date range."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from ninja import Field, Schema

MAX_LIMIT = 100


class PageQuery(Schema):
    limit: int = Field(25, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=2**31 - 1)
    q: str = Field("", max_length=100, pattern=r"^[^\x00]*$", description="part of the name")
    since: date | None = Field(None, description="created on or after this day (clinic's time)")
    until: date | None = Field(None, description="created on or before this day")

    def created(self, found: QuerySet[Any], field: str) -> QuerySet[Any]:
        zone = timezone.get_current_timezone()
        if self.since:
            found = found.filter(**{f"{field}__gte": datetime.combine(self.since, time.min, zone)})
        if self.until:
            found = found.filter(**{f"{field}__lte": datetime.combine(self.until, time.max, zone)})
        return found
