"""Optimistic concurrency over HTTP: an ``ETag`` on what can change, ``If-Match`` to change it."""

from __future__ import annotations

from django.http import HttpRequest

from .problems import ApiProblem


def version_etag(*parts: object) -> str:
    return '"' + "-".join(str(p) for p in parts) + '"'


def check_if_match(request: HttpRequest, current: str) -> None:
    """428 without ``If-Match``; 412 when it is not the current ETag (someone changed it)."""
    wanted = request.headers.get("If-Match", "").strip()
    if not wanted:
        raise ApiProblem(
            428,
            "Precondition required",
            "Send If-Match with the ETag you read.",
            [{"field": "If-Match", "detail": "If-Match: required for this update"}],
        )
    if current not in [tag.strip() for tag in wanted.split(",")] and wanted != "*":
        raise ApiProblem(
            412,
            "Precondition failed",
            "This resource changed since you read it: read it again, then retry.",
            [{"field": "If-Match", "detail": f"If-Match: the current ETag is {current}"}],
        )
