"""Signing in and out: lockout after repeated failures, sign-out after inactivity."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

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


# --- Distributed guessing: a per-user pause across addresses (clinics/mfa_guard.py) -------

PROXY = "10.0.0.1"
RIGHT = "pw-alice-long-enough"


@pytest.fixture
def behind_proxy(settings: Any) -> None:
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.USER_FAILURE_LIMIT = 20
    settings.USER_FAILURE_WINDOW_MINUTES = 60
    settings.USER_COOLOFF_MINUTES = 15


@pytest.fixture
def clock(monkeypatch: Any) -> Any:
    """The pause's clock, moved by hand: ``clock.minutes = 14``."""
    from django.utils import timezone

    from backpath.web.clinics import mfa_guard

    class Clock:
        start = timezone.now()
        minutes = 0.0

        def __call__(self) -> Any:
            from datetime import timedelta

            return self.start + timedelta(minutes=self.minutes)

    now = Clock()
    monkeypatch.setattr(mfa_guard, "_now", now)
    return now


def _from(address: str, password: str, client: Any = None) -> Any:
    from django.test import Client

    return (client or Client()).post(
        reverse("login"),
        {"username": "alice", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


def _guess_100_from_25_addresses() -> None:
    for n in range(100):  # round robin: 4 guesses per address, under axes' 5
        _from(f"203.0.113.{n % 25 + 1}", f"guess-number-{n}")


@pytest.mark.usefixtures("behind_proxy")
def test_100_guesses_from_25_addresses_pause_the_right_password_for_the_window_only(
    alice: Any, clock: Any
) -> None:
    from axes.models import AccessAttempt

    from backpath.web.audit.models import AuditEntry

    _guess_100_from_25_addresses()
    assert max(AccessAttempt.objects.values_list("failures_since_start", flat=True)) == 4
    paused = AuditEntry.objects.get(action="auth.password_paused")  # once: never re-started
    assert paused.clinic == alice.profile.clinic and paused.object_id == str(alice.pk)
    assert paused.detail["failures"] == 20 and paused.detail["addresses"] == 20
    response = _from("198.51.100.7", RIGHT)  # an address that never guessed
    assert response.status_code == 429 and b"paused until" in response.content
    assert "_auth_user_id" not in response.wsgi_request.session
    clock.minutes = 14.9  # the 80 guesses after the 20th did not extend the pause
    assert _from("198.51.100.7", RIGHT).status_code == 429
    clock.minutes = 15.1
    assert _from("198.51.100.7", RIGHT).status_code == 302


@pytest.mark.usefixtures("behind_proxy")
def test_guesses_during_a_pause_neither_extend_it_nor_count_after_it(
    alice: Any, clock: Any
) -> None:
    for n in range(20):
        _from(f"203.0.113.{n + 1}", "wrong-guess")
    for minute in range(15):  # a guess every minute of the pause
        clock.minutes = minute + 0.5
        _from("203.0.113.99", "wrong-guess")
    clock.minutes = 15.1
    _from("203.0.113.98", "wrong-guess")  # 1 in the new window, not 36
    assert _from("198.51.100.7", RIGHT).status_code == 302


@pytest.mark.usefixtures("behind_proxy")
def test_one_guess_every_29_minutes_never_pauses_alice(alice: Any, clock: Any) -> None:
    from backpath.web.audit.models import AuditEntry

    for n in range(48):  # a whole day of it
        clock.minutes = 29 * n
        _from("203.0.113.5", "wrong-guess")
    assert not AuditEntry.objects.filter(action="auth.password_paused").exists()
    assert _from("198.51.100.7", RIGHT).status_code == 302


@pytest.mark.usefixtures("behind_proxy")
def test_alices_own_browser_still_signs_in_with_her_password_during_a_pause(
    alice: Any, clock: Any
) -> None:
    from django.test import Client

    hers = Client()
    assert _from("198.51.100.7", RIGHT, hers).status_code == 302  # marks the browser known
    hers.post(reverse("logout"))
    _guess_100_from_25_addresses()
    assert _from("192.0.2.44", RIGHT).status_code == 429  # a new browser waits
    assert _from("198.51.100.8", RIGHT, hers).status_code == 302  # hers does not


@pytest.mark.usefixtures("behind_proxy")
def test_a_forged_known_browser_cookie_does_not_lift_the_pause(alice: Any, clock: Any) -> None:
    from django.test import Client

    from backpath.web.clinics.mfa_guard import KNOWN_BROWSER_COOKIE

    _guess_100_from_25_addresses()
    forger = Client()
    forger.cookies[KNOWN_BROWSER_COOKIE] = str(alice.pk)  # unsigned
    assert _from("192.0.2.44", RIGHT, forger).status_code == 429


def test_guesses_at_unknown_user_names_store_nothing(client: Any, alice: Any) -> None:
    from backpath.web.clinics.models import PasswordCooloff

    for n in range(25):
        client.post(reverse("login"), {"username": f"nobody{n}", "password": "x"})
    assert not PasswordCooloff.objects.exists()


@pytest.mark.usefixtures("behind_proxy")
def test_the_clinic_admin_sees_the_pause_on_the_users_page(
    alice: Any, as_alice: Any, clock: Any
) -> None:
    _guess_100_from_25_addresses()
    page = as_alice.get(reverse("clinics:users")).content.decode()
    assert 'data-testid="password-paused"' in page


@given(gaps=st.lists(st.integers(min_value=0, max_value=720), max_size=40))
@hsettings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_pause_is_fixed_and_needs_the_limit_within_the_window(
    alice: Any, settings: Any, gaps: list[float]
) -> None:
    """Any run of failures (seconds apart): a pause starts only at the LIMIT-th failure inside
    the window since the last pause, lasts exactly COOLOFF, and nothing moves its end."""
    from datetime import timedelta

    from django.utils import timezone

    from backpath.web.clinics.mfa_guard import note_failure, paused_until
    from backpath.web.clinics.models import PasswordCooloff

    settings.USER_FAILURE_LIMIT, settings.USER_FAILURE_WINDOW_MINUTES = 3, 10
    settings.USER_COOLOFF_MINUTES = 5
    PasswordCooloff.objects.all().delete()
    start, t = timezone.now(), 0
    counted: list[int] = []  # the reference: failures since the last pause, in the window
    pause_end: int | None = None
    for gap in gaps:
        t += gap
        now = start + timedelta(seconds=t)
        before = paused_until(alice, now)
        started = note_failure(alice, "203.0.113.1", now)
        if pause_end is not None and t < pause_end:
            assert not started and before == start + timedelta(seconds=pause_end)
            continue
        counted = [c for c in counted if c > t - 600 and (pause_end is None or c > pause_end)]
        counted.append(t)
        assert started == (len(counted) >= 3)
        if started:
            pause_end, counted = t + 300, []
            assert paused_until(alice, now) == now + timedelta(minutes=5)


def test_a_user_name_longer_than_any_is_refused_before_it_is_looked_up(client: Any) -> None:
    from axes.models import AccessAttempt

    response = client.post("/login/", {"username": "a" * 300, "password": "whatever"})
    assert response.status_code == 200
    assert response.context["form"].errors["username"] == ["User name: at most 150 characters."]
    assert not AccessAttempt.objects.exists()  # nothing recorded, nothing overflowed
