"""``Idempotency-Key`` on POST: the same key replays the first response and does nothing again.

A key used again with a different request (method, path or body) is a 422 problem. Only
responses below 500 are kept: a failure can be retried with the same key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse

from .auth import raw_body
from .models import IdempotentResponse
from .problems import ApiProblem

HEADER = "Idempotency-Key"
MAX_KEY = 200
_KEPT_HEADERS = ("Content-Type", "ETag", "Location")


def _request_hash(request: HttpRequest) -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    digest.update(raw_body(request))
    return digest.hexdigest()


def _replay(kept: IdempotentResponse, request_hash: str) -> HttpResponse:
    if kept.request_hash != request_hash:
        raise ApiProblem(
            422,
            "Idempotency key reused",
            f"This {HEADER} was used for a different request.",
            [{"field": HEADER, "detail": f"{HEADER}: already used for a different request"}],
        )
    response = HttpResponse(bytes(kept.body), status=kept.status)
    for name, value in kept.headers.items():
        response[name] = value
    response["Idempotent-Replayed"] = "true"
    return response


def once(request: HttpRequest, run: Callable[[], HttpResponse]) -> HttpResponse:
    """``run()``, or the response it gave the first time this client sent this key."""
    key = request.headers.get(HEADER, "").strip()
    if not key:
        return run()
    if len(key) > MAX_KEY:
        raise ApiProblem(
            422,
            "Bad idempotency key",
            "",
            [{"field": HEADER, "detail": f"{HEADER}: longer than {MAX_KEY} characters"}],
        )
    client, request_hash = request.auth, _request_hash(request)  # type: ignore[attr-defined]
    kept = IdempotentResponse.objects.filter(client=client, key=key).first()
    if kept is not None:
        return _replay(kept, request_hash)
    try:
        with transaction.atomic():
            response = run()
            if response.status_code < 500:
                IdempotentResponse.objects.create(
                    client=client,
                    key=key,
                    request_hash=request_hash,
                    status=response.status_code,
                    body=response.content,
                    headers={h: response[h] for h in _KEPT_HEADERS if h in response},
                )
    except IntegrityError:  # the same key raced in: its first response wins
        return _replay(IdempotentResponse.objects.get(client=client, key=key), request_hash)
    return response
