"""JSON responses of the API (dates, UUIDs and the core's documents), with their headers."""

from __future__ import annotations

import orjson
from django.http import HttpResponse
from ninja import Schema


def dumps(value: object) -> bytes:
    return orjson.dumps(value, default=str)


def respond(status: int, body: Schema, etag: str = "", location: str = "") -> HttpResponse:
    response = HttpResponse(
        dumps(body.model_dump(mode="json")), status=status, content_type="application/json"
    )
    if etag:
        response["ETag"] = etag
    if location:
        response["Location"] = location
    return response
