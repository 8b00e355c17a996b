"""Multi-factor sign-in: an authenticator app (TOTP) with recovery codes; a clinic admin can
require it; a password reset never bypasses it; every enrolment and use is audited."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from backpath.web.audit.models import AuditEntry
from backpath.web.clinics import actions

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The app's code now (or a step later: a code is accepted once per time step)."""
    device.refresh_from_db()
    maker = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    maker.time = time.time() + steps_ahead * device.step
    return f"{maker.token():0{device.digits}d}"


def _unthrottle(user: Any) -> None:
    """django-otp slows guessing down after a failure; the test need not wait."""
    TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0)


def _sign_in(username: str, password: str) -> Client:
    client = Client()
    client.post(reverse("login"), {"username": username, "password": password})
    return client


def _enrol(client: Any, user: Any) -> list[str]:
    client.get(reverse("mfa_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page = client.post(reverse("mfa_setup"), {"token": _code(device)}).content.decode()
    found = re.search(r'data-testid="recovery-codes">([^<]*)<', page)
    assert found
    return found.group(1).split()


def test_bob_enrols_an_authenticator_and_gets_ten_recovery_codes(as_bob: Any, bob: Any) -> None:
    codes = _enrol(as_bob, bob)
    assert len(codes) == 10 and TOTPDevice.objects.get(user=bob).confirmed
    actions_done = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"mfa.enrol", "mfa.recovery_codes"} <= actions_done
    assert not any(c in str(e.detail) for e in AuditEntry.objects.all() for c in codes)


def test_a_wrong_enrolment_code_is_refused(as_bob: Any, bob: Any) -> None:
    as_bob.get(reverse("mfa_setup"))
    response = as_bob.post(reverse("mfa_setup"), {"token": "000000x"})
    assert response.status_code == 400 and not TOTPDevice.objects.filter(confirmed=True)


def test_after_enrolment_the_password_alone_opens_nothing(as_bob: Any, bob: Any) -> None:
    _enrol(as_bob, bob)
    bob_again = _sign_in("bob", "pw-bob-long-enough")
    response = bob_again.get(reverse("patients:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_verify"))
    assert bob_again.post(reverse("mfa_verify"), {"token": "123456"}).status_code == 400
    assert AuditEntry.objects.filter(action="mfa.verify_failed").exists()
    _unthrottle(bob)
    bob_again.post(reverse("mfa_verify"), {"token": _code(TOTPDevice.objects.get(user=bob), 1)})
    assert bob_again.get(reverse("patients:list")).status_code == 200
    assert AuditEntry.objects.get(action="mfa.verify").detail == {"device": "totp"}


def test_a_recovery_code_signs_in_once(as_bob: Any, bob: Any) -> None:
    codes = _enrol(as_bob, bob)
    first = _sign_in("bob", "pw-bob-long-enough")
    first.post(reverse("mfa_verify"), {"token": codes[0]})
    assert first.get(reverse("patients:list")).status_code == 200
    second = _sign_in("bob", "pw-bob-long-enough")
    assert second.post(reverse("mfa_verify"), {"token": codes[0]}).status_code == 400


def test_a_clinic_admin_requires_mfa_and_users_must_enrol(
    as_alice: Any, bob: Any, harbour: Any
) -> None:
    as_alice.post(reverse("clinics:mfa"), {"required": "yes"})
    harbour.refresh_from_db()
    assert harbour.require_mfa
    assert AuditEntry.objects.filter(action="clinic.require_mfa").exists()
    bob_client = _sign_in("bob", "pw-bob-long-enough")
    response = bob_client.get(reverse("patients:list"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_setup")
    _enrol(bob_client, bob)
    assert bob_client.get(reverse("patients:list")).status_code == 200


def test_a_clinician_cannot_change_the_clinics_requirement(as_bob: Any, harbour: Any) -> None:
    assert as_bob.post(reverse("clinics:mfa"), {"required": "yes"}).status_code == 404


def test_a_password_reset_never_bypasses_the_second_factor(
    as_bob: Any, bob: Any, actor: Any
) -> None:
    _enrol(as_bob, bob)
    password = actions.reset_password(actor, bob)
    client = _sign_in("bob", password)
    for url in (reverse("patients:list"), reverse("password_change")):
        response = client.get(url)
        assert response.status_code == 302 and "/mfa/verify/" in response["Location"]


def test_everyone_finds_the_authenticator_setup_on_the_password_page(as_bob: Any) -> None:
    page = as_bob.get(reverse("password_change")).content.decode()
    assert 'data-testid="mfa-link"' in page and reverse("mfa_setup") in page


def test_new_recovery_codes_replace_the_old_ones(as_bob: Any, bob: Any) -> None:
    old = _enrol(as_bob, bob)
    page = as_bob.post(reverse("mfa_codes")).content.decode()
    new = re.search(r'data-testid="recovery-codes">([^<]*)<', page)
    assert new and not set(old) & set(new.group(1).split())
    again = _sign_in("bob", "pw-bob-long-enough")
    assert again.post(reverse("mfa_verify"), {"token": old[0]}).status_code == 400


def test_the_setup_page_draws_the_key_as_an_inline_qr_code_and_still_shows_it(
    as_bob: Any, bob: Any
) -> None:
    from base64 import b32encode

    page = as_bob.get(reverse("mfa_setup")).content.decode()
    device = TOTPDevice.objects.get(user=bob, confirmed=False)
    key = b32encode(device.bin_key).decode()
    qr = re.search(r"<svg [^>]*data-testid=\"mfa-qr\".*?</svg>", page, re.S)
    assert qr and "<path" in qr.group(0)  # drawn in the page, not an <img> from elsewhere
    assert f'data-testid="mfa-key">{key}<' in page
    assert "http" not in qr.group(0) and "<img" not in page


def test_the_qr_code_holds_the_authenticators_address() -> None:
    import segno

    from backpath.web.clinics.mfa import qr_svg

    url = "otpauth://totp/backpath:bob?secret=JBSWY3DPEHPK3PXP&issuer=backpath"
    expected = segno.make(url, error="m").svg_inline(scale=5, border=4)
    path = re.search(r' d="([^"]+)"', expected)
    assert path and path.group(1) in qr_svg(url)
    other = qr_svg(url.replace("JBSW", "KBSW"))
    assert path.group(1) not in other


# --- Passkeys (django-otp-webauthn); the ceremonies themselves: tests/e2e/test_passkeys.py ---


def _passkey(user: Any, name: str = "Passkey 1") -> Any:
    from django_otp_webauthn.models import WebAuthnCredential

    return WebAuthnCredential.objects.create(
        user=user,
        name=name,
        credential_id=f"id-{user.pk}-{name}".encode(),
        public_key=b"not-used-here",
        sign_count=0,
    )


def _verified(client: Any, user: Any) -> Client:
    """A session that passed its second factor (the ceremony itself is the browser test's)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    device = _passkey(user, "verifier")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def test_the_mfa_page_lists_only_the_users_own_passkeys(as_bob: Any, bob: Any, alice: Any) -> None:
    _verified(as_bob, bob)
    _passkey(bob, "Bob's laptop")
    _passkey(alice, "Alice's phone")
    page = as_bob.get(reverse("mfa_manage")).content.decode()
    assert "Bob&#x27;s laptop" in page and "Alice&#x27;s phone" not in page
    assert page.count('data-testid="passkey-row"') == 2  # the verifier and the laptop


def test_a_passkey_is_renamed_and_it_is_audited(as_bob: Any, bob: Any) -> None:
    _verified(as_bob, bob)
    key = _passkey(bob)
    response = as_bob.post(reverse("passkey_rename", args=[key.pk]), {"name": "Clinic tablet"})
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.name == "Clinic tablet"
    entry = AuditEntry.objects.get(action="mfa.passkey_rename")
    assert entry.detail == {"old": "Passkey 1", "new": "Clinic tablet"}


@pytest.mark.parametrize("name", ["", "   ", "x" * 65])
def test_a_bad_passkey_name_is_refused_naming_the_field(as_bob: Any, bob: Any, name: str) -> None:
    _verified(as_bob, bob)
    key = _passkey(bob)
    response = as_bob.post(reverse("passkey_rename", args=[key.pk]), {"name": name})
    assert response.status_code == 400 and b"name: give the passkey a name of 1 to 64" in (
        response.content
    )
    key.refresh_from_db()
    assert key.name == "Passkey 1"


def test_a_passkey_is_removed_and_it_is_audited(as_bob: Any, bob: Any) -> None:
    from django_otp_webauthn.models import WebAuthnCredential

    _verified(as_bob, bob)
    key = _passkey(bob, "Old phone")
    assert as_bob.post(reverse("passkey_remove", args=[key.pk])).status_code == 302
    assert not WebAuthnCredential.objects.filter(pk=key.pk).exists()
    entry = AuditEntry.objects.get(action="mfa.passkey_remove")
    assert entry.detail == {"name": "Old phone"} and entry.object_id == str(key.pk)


def test_another_users_passkey_cannot_be_renamed_or_removed(
    as_bob: Any, bob: Any, alice: Any
) -> None:
    _verified(as_bob, bob)
    hers = _passkey(alice, "Alice's phone")
    assert as_bob.post(reverse("passkey_rename", args=[hers.pk]), {"name": "x"}).status_code == 404
    assert as_bob.post(reverse("passkey_remove", args=[hers.pk])).status_code == 404
    hers.refresh_from_db()
    assert hers.name == "Alice's phone"


def test_the_mfa_page_needs_the_second_factor_first(as_bob: Any, bob: Any) -> None:
    _passkey(bob)  # has a passkey, this session has not used it
    response = as_bob.get(reverse("mfa_manage"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_verify"))


def test_a_password_alone_cannot_add_a_passkey_when_the_user_has_a_second_factor(
    as_bob: Any, bob: Any
) -> None:
    _passkey(bob)
    url = reverse("otp_webauthn:credential-registration-begin")
    response = as_bob.post(url, content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "user_not_verified"


def test_a_user_without_a_second_factor_may_start_adding_a_passkey(as_bob: Any) -> None:
    url = reverse("otp_webauthn:credential-registration-begin")
    options = as_bob.post(url, content_type="application/json").json()
    assert options["rp"]["id"] == "localhost" and options["user"]["name"] == "bob"


def test_a_passkey_sign_in_is_bound_to_the_configured_rp_id(client: Any, settings: Any) -> None:
    settings.OTP_WEBAUTHN_RP_ID = "clinic.example"
    url = reverse("otp_webauthn:credential-authentication-begin")
    options = client.post(url, content_type="application/json").json()
    assert options["rpId"] == "clinic.example" and options["userVerification"] == "required"


def test_a_refused_passkey_sign_in_is_audited_and_signs_nobody_in(client: Any) -> None:
    url = reverse("otp_webauthn:credential-authentication-complete")
    response = client.post(url, {"id": "forged"}, content_type="application/json")
    assert response.status_code in (400, 401, 403)
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.get(action="auth.sign_in_failed")
    assert entry.detail["method"] == "passkey"


def test_a_passkey_only_user_is_offered_the_passkey_after_the_password(bob: Any) -> None:
    _passkey(bob)
    client = _sign_in("bob", "pw-bob-long-enough")
    page = client.get(reverse("mfa_verify")).content.decode()
    assert 'data-testid="passkey-sign-in"' in page and 'name="token"' not in page
    assert "/static/django_otp_webauthn/otp_webauthn_auth.js" in page  # served by us


def test_the_sign_in_page_offers_a_passkey(client: Any) -> None:
    page = client.get(reverse("login")).content.decode()
    assert 'data-testid="passkey-sign-in"' in page and "https://" not in page
