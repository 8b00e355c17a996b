"""Signing in and out: lockout after repeated failures, sign-out after inactivity."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_alice_signs_in_with_her_password(client: Any, alice: Any) -> None:
    response = client.post(
        reverse("login"), {"username": "alice", "password": "pw-alice-long-enough"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("patients:list")


def test_a_wrong_password_is_refused(client: Any, alice: Any) -> None:
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200 and b"errors" in response.content


def test_five_failures_lock_the_account(client: Any, alice: Any) -> None:
    for _ in range(5):
        client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "alice", "password": "pw-alice-long-enough"}
    )
    assert response.status_code == 429 and b'data-testid="locked"' in response.content


def test_an_idle_session_is_signed_out(as_alice: Any, settings: Any, monkeypatch: Any) -> None:
    settings.SESSION_IDLE_SECONDS = 60
    assert as_alice.get(reverse("patients:list")).status_code == 200
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    response = as_alice.get(reverse("patients:list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_active_session_stays_signed_in(as_alice: Any, settings: Any) -> None:
    settings.SESSION_IDLE_SECONDS = 60
    as_alice.get(reverse("patients:list"))
    assert as_alice.get(reverse("patients:list")).status_code == 200


def test_signing_out(as_alice: Any) -> None:
    as_alice.post(reverse("logout"))
    assert as_alice.get(reverse("patients:list")).status_code == 302


def test_argon2_hashes_passwords_in_production() -> None:
    from backpath.web import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_pages_forbid_loading_anything_from_elsewhere(as_alice: Any) -> None:
    policy = as_alice.get(reverse("patients:list"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_activity_keeps_extending_the_session(
    as_alice: Any, settings: Any, monkeypatch: Any
) -> None:
    settings.SESSION_IDLE_SECONDS = 60
    start = time.time()
    for minutes in range(4):  # a request every 50 s for over three minutes
        monkeypatch.setattr(time, "time", lambda m=minutes: start + 50 * m)
        assert as_alice.get(reverse("patients:list")).status_code == 200
