"""Passkeys in a real browser: Chromium's virtual authenticator (CDP ``WebAuthn.*``) registers
a passkey on the MFA page, which is listed and renamed there; it then works as the second
factor after the password, and as the whole sign-in while password guessing from elsewhere
has paused password sign-in for the user.

A passkey needs a domain name (browsers refuse an IP address as its RP ID), so this test runs
its own server at http://localhost:<port> with ``WEBAUTHN_RP_ID=localhost``.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import _PERSONAS, PASSWORDS, _backpath, _free_port, _wait_until_up

pytestmark = pytest.mark.e2e

SHOTS = Path("/work/shots/sec-9b")
SIZES = {"tablet": (1024, 768), "phone": (390, 844)}


@pytest.fixture(scope="module")
def localhost(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("e2e-passkeys")
    port, log, db = _free_port(), tmp / "server.log", tmp / "e2e.sqlite3"
    base = f"http://localhost:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "SECRET_KEY": "e2e-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "false",
        "SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp / "static"),
        "ALLOWED_HOSTS": "localhost",
        "WEBAUTHN_RP_ID": "localhost",
        "WEBAUTHN_ORIGINS": base,
        "USER_FAILURE_LIMIT": "3",  # below axes' 5 per address: the per-user pause acts first
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(_backpath("manage", "migrate", "--no-input", "-v", "0"), env=env, check=True)
    subprocess.run(_backpath("manage", "shell", "-c", _PERSONAS), env=env, check=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            _backpath("serve", "--addr", f"127.0.0.1:{port}"),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(f"{base}/login/", process, log)
        yield {"url": base, "db": db, "log": log}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _virtual_authenticator(page: Any) -> Any:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
        "automaticPresenceSimulation": True,
    }
    found = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})
    return cdp, found["authenticatorId"]


def _shots(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(SHOTS / f"{name}-{size}.png"), full_page=True)
    page.set_viewport_size({"width": 1024, "height": 768})


def _password(page: Any, base: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", password)
    page.click("[data-testid=login-submit]")


def _sign_out(page: Any) -> None:
    page.locator("form[action='/logout/'] button").first.click()
    page.wait_for_url("**/login/")


def _actions(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT action FROM audit_auditentry ORDER BY id")]


def test_a_passkey_is_added_renamed_and_signs_in_when_passwords_are_paused(
    browser: Any, localhost: dict[str, Any]
) -> None:
    base = localhost["url"]
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    cdp, authenticator = _virtual_authenticator(page)

    # Register: password sign-in, then the MFA page's "Add a passkey".
    _password(page, base, PASSWORDS["alice"])
    page.wait_for_url(f"{base}/patients/")
    page.goto(f"{base}/mfa/")
    page.click("[data-testid=passkey-add]")
    page.wait_for_selector("[data-testid=passkey-row]")
    assert cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]
    page.fill("[data-testid=passkey-name]", "Front desk tablet")
    page.locator("[data-testid=passkey-row] button", has_text="Rename").click()
    page.wait_for_selector("text=Passkey renamed to Front desk tablet")
    assert page.input_value("[data-testid=passkey-name]") == "Front desk tablet"
    _shots(page, "mfa-page")

    # Second factor: after the password the passkey is asked for, and is enough.
    _sign_out(page)
    _password(page, base, PASSWORDS["alice"])
    page.wait_for_url("**/mfa/verify/**")
    _shots(page, "mfa-verify-passkey")
    page.click("[data-testid=passkey-sign-in]")
    page.wait_for_url(f"{base}/patients/")

    # Guessing from elsewhere (a browser that never signed in as alice) pauses passwords...
    _sign_out(page)
    context.clear_cookies()
    for _ in range(3):
        _password(page, base, "not-alices-password")
    _password(page, base, PASSWORDS["alice"])
    assert "paused until" in page.inner_text("[role=alert]")
    assert page.url.startswith(f"{base}/login/")
    _shots(page, "login-paused")

    # ...but not the passkey: it signs alice in without a password.
    page.click("[data-testid=passkey-sign-in]")
    page.wait_for_url(f"{base}/patients/")

    # Alice is the clinic's admin: the Users page shows the pause.
    page.goto(f"{base}/clinic/users/")
    assert "password paused until" in page.inner_text("[data-testid=password-paused]")
    _shots(page, "users-paused")
    context.close()

    actions = _actions(localhost["db"])
    for action in ("mfa.passkey_enrol", "mfa.passkey_rename", "auth.password_paused"):
        assert action in actions, action
    assert actions.count("mfa.verify") == 2  # second factor, then the passkey sign-in


def test_the_totp_setup_page_shows_a_qr_code_and_the_key(
    browser: Any, localhost: dict[str, Any]
) -> None:
    base = localhost["url"]
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.fill("#id_username", "charlie")
    page.fill("#id_password", PASSWORDS["charlie"])
    page.click("[data-testid=login-submit]")
    page.wait_for_url(f"{base}/patients/")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{base}/mfa/setup/")
    box = page.locator("[data-testid=mfa-qr]").bounding_box()
    assert box and box["width"] >= 150  # big enough for a phone camera
    assert page.inner_text("[data-testid=mfa-key]").strip()
    assert all(url.startswith(base) for url in requests)  # nothing fetched from elsewhere
    _shots(page, "mfa-setup-qr")
    context.close()
