"""API personas: Harbour's practice system (a write client Alice made), a read-only one, and
Hillside's (Charlie's). ``call`` sends a request with a client's bearer token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
import pytest


class Api:
    def __init__(self, token: str) -> None:
        from django.test import Client

        self.token, self.http = token, Client()

    def __call__(self, method: str, path: str, body: Any = None, **headers: str) -> Any:
        extra = {f"HTTP_{k.upper()}": v for k, v in headers.items()}
        if self.token:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {self.token}"
        data = orjson.dumps(body) if body is not None else None
        send = getattr(self.http, method.lower())
        url = path if path.startswith("/") else f"/api/v1/{path}"
        if data is None:
            return send(url, **extra)
        return send(url, data, content_type="application/json", **extra)


def make_client(admin: Any, scope: str = "write", name: str = "practice system") -> tuple[Any, str]:
    from backpath.web.api.clients import create_client
    from backpath.web.audit.trail import Actor

    return create_client(Actor(user=admin, path="/tests"), name, scope)


@pytest.fixture
def harbour_api(alice: Any) -> Api:
    return Api(make_client(alice)[1])


@pytest.fixture
def harbour_reader(alice: Any) -> Api:
    return Api(make_client(alice, "read", "reporting")[1])


@pytest.fixture
def hillside_api(charlie: Any) -> Api:
    return Api(make_client(charlie)[1])


@pytest.fixture
def anonymous(db: Any) -> Api:
    return Api("")


@pytest.fixture
def new_client() -> Callable[..., tuple[Any, str]]:
    return make_client
