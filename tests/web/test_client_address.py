"""One client address for sign-in lockouts and the audit trail: the proxy's hops are trusted,
the client's own headers are not, and junk is never stored (nor a 500 on PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from backpath.web.audit.models import AuditEntry
from backpath.web.client_address import client_address
from backpath.web.config import ConfigError, load

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


@pytest.fixture
def behind_proxy(settings: Any) -> None:
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]


def _address(remote: str, forwarded: str | None = None) -> str | None:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


@pytest.mark.usefixtures("behind_proxy")
@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the left-most is the client's say
        ("203.0.113.9, 10.0.0.7", "203.0.113.9"),  # two proxies of ours
        ("junk", PROXY),
        ("not-an-ip, 203.0.113.9", "203.0.113.9"),
        ("203.0.113.9, junk", PROXY),
        ("fe80::1%eth0", PROXY),
        ("", PROXY),
        ("2001:DB8::1", "2001:db8::1"),
    ],
)
def test_behind_a_proxy_the_address_is_read_right_to_left(forwarded: str, expected: str) -> None:
    assert _address(PROXY, forwarded) == expected


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored(behind_proxy: None) -> None:
    assert _address("198.51.100.7", "203.0.113.9") == "198.51.100.7"


def test_without_a_proxy_only_the_peer_counts() -> None:
    assert _address("10.0.0.1", "203.0.113.9") == "10.0.0.1"


def test_a_peer_that_is_not_an_address_gives_none() -> None:
    assert _address("unix-socket") is None


def test_a_bad_trusted_proxy_setting_stops_the_app() -> None:
    with pytest.raises(ConfigError, match="TRUSTED_PROXIES"):
        load({"DEBUG": "true", "TRUSTED_PROXIES": "10.0.0.0/8,proxy.local"})


@pytest.mark.usefixtures("behind_proxy")
def test_a_forged_forwarded_for_is_not_recorded(as_bob: Any, pat: Any) -> None:
    as_bob.get(
        reverse("patients:detail", args=[pat.pk]),
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="not-an-ip, 198.51.100.1, 203.0.113.9",
    )
    assert AuditEntry.objects.get(action="patient.read").ip == "203.0.113.9"


@pytest.mark.usefixtures("behind_proxy")
def test_junk_forwarded_for_is_no_server_error_and_records_the_proxy(as_bob: Any, pat: Any) -> None:
    response = as_bob.get(
        reverse("patients:detail", args=[pat.pk]), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="junk"
    )
    assert response.status_code == 200
    assert AuditEntry.objects.get(action="patient.read").ip == PROXY


def _sign_in(client: Any, password: str, forwarded: str) -> Any:
    return client.post(
        reverse("login"),
        {"username": "alice", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.mark.usefixtures("behind_proxy")
def test_guesses_from_one_address_do_not_lock_alice_out_elsewhere(client: Any, alice: Any) -> None:
    for _ in range(6):
        _sign_in(client, "wrong", "203.0.113.66")
    assert _sign_in(client, "pw-alice-long-enough", "203.0.113.66").status_code == 429
    assert _sign_in(client, "pw-alice-long-enough", "198.51.100.9").status_code == 302


@pytest.mark.usefixtures("behind_proxy")
def test_a_forged_left_most_address_does_not_dodge_the_lockout(client: Any, alice: Any) -> None:
    for n in range(5):
        _sign_in(client, "wrong", f"192.0.2.{n}, 203.0.113.66")
    assert _sign_in(client, "pw-alice-long-enough", "203.0.113.66").status_code == 429


def test_failures_during_a_lockout_do_not_restart_the_cool_off(
    client: Any, alice: Any, settings: Any
) -> None:
    for _ in range(5):
        client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    attempt = AccessAttempt.objects.get(username="alice")
    earlier = attempt.attempt_time - timedelta(minutes=29)
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=earlier)
    client.post(reverse("login"), {"username": "alice", "password": "wrong"})  # still locked
    assert AccessAttempt.objects.get(pk=attempt.pk).attempt_time == earlier
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=earlier - timedelta(minutes=2))
    response = client.post(
        reverse("login"), {"username": "alice", "password": "pw-alice-long-enough"}
    )
    assert response.status_code == 302
