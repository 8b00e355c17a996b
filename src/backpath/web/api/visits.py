"""A visit's date from the API: blank is today in the clinic's time zone, never the future."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from backpath.web.inputs import BadInput, visit_date

from .problems import ApiProblem, field_errors


def visit_day(value: date | None, field: str) -> date:
    today = timezone.localdate()
    if value is None:
        return today
    try:
        return visit_date(value.isoformat(), field, today)
    except BadInput as exc:
        raise ApiProblem(
            422, "The request is not valid", str(exc), field_errors([str(exc)])
        ) from None
