"""Errors as RFC 9457 problem details (``application/problem+json``), naming the field."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Schema

from .encoding import dumps

PROBLEM_TYPE = "about:blank"
_FIELD = re.compile(r"^([A-Za-z_][\w.\[\]]*): ")


class FieldError(Schema):
    field: str
    detail: str


class Problem(Schema):
    type: str = PROBLEM_TYPE
    title: str
    status: int
    detail: str = ""
    errors: list[FieldError] = []


class ApiProblem(Exception):
    """Raised by an endpoint: becomes a problem response with ``status``."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str = "",
        errors: Iterable[FieldError | dict[str, Any]] = (),
    ) -> None:
        self.status, self.title, self.detail = status, title, detail
        self.errors = [FieldError(**e) if isinstance(e, dict) else e for e in errors]
        super().__init__(detail or title)


def field_errors(messages: list[str]) -> list[FieldError]:
    """The core's ``"symptoms[0].intensity: 16 is above…"`` lines, each with its field."""
    out = []
    for line in messages:
        match = _FIELD.match(line)
        out.append(FieldError(field=match.group(1) if match else "", detail=line))
    return out


def problem_response(request: HttpRequest, problem: ApiProblem) -> HttpResponse:
    body = Problem(
        title=problem.title, status=problem.status, detail=problem.detail, errors=problem.errors
    )
    return HttpResponse(
        dumps(body.model_dump()), status=problem.status, content_type="application/problem+json"
    )


def validation_problem(errors: list[dict[str, Any]]) -> ApiProblem:
    """django-ninja's request validation errors; ``loc`` starts with body/query/path."""
    found = []
    for e in errors:
        loc = [str(p) for p in e.get("loc", ())][1:]
        found.append({"field": ".".join(loc), "detail": f"{'.'.join(loc)}: {e.get('msg', '')}"})
    return ApiProblem(422, "The request is not valid", "See errors for each field.", found)
