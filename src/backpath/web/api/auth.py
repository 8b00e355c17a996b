"""Bearer tokens of API clients: who is calling, what they may do, and one audit entry a call."""

from __future__ import annotations

from django.http import HttpRequest
from django.http.request import RawPostDataException
from ninja.security import HttpBearer

from backpath.web.audit.trail import Actor, record

from .clients import client_for_token
from .models import ApiClient
from .problems import ApiProblem

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def authenticate(request: HttpRequest, token: str) -> ApiClient | None:
    """The live client for ``token``, checked for scope, with the call in the audit trail."""
    client = client_for_token(token)
    if client is None:
        return None
    body = raw_body(request)
    if b"\x00" in body or b"\\u0000" in body:
        raise ApiProblem(400, "Bad request", "Null characters are not allowed.")
    if request.method not in SAFE_METHODS and not client.can_write:
        raise ApiProblem(403, "Forbidden", "This client's scope is read-only.")
    request.user = client.user  # the access helpers and actions take a user
    record(
        actor_of(request, client),
        "api.call",
        clinic=client.clinic,
        client=str(client.pk),
        client_name=client.name,
        method=request.method,
    )
    return client


def raw_body(request: HttpRequest) -> bytes:
    """The request's bytes; empty once a form body was parsed (the NUL check read its fields)."""
    try:
        return request.body
    except RawPostDataException:
        return b""


class ClientToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        return authenticate(request, token)


def bearer_token(request: HttpRequest) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def actor_of(request: HttpRequest, client: ApiClient | None = None) -> Actor:
    """The calling client's service user, at this path and address."""
    client = client or request.auth  # type: ignore[attr-defined]
    base = Actor.of(request)
    return Actor(user=client.user, path=base.path, ip=base.ip)
