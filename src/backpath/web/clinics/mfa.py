"""Multi-factor sign-in with django-otp: a TOTP authenticator app and ten one-use recovery
codes. Every enrolment, use and failure is audited (never with a code).

A user with a confirmed device must give a code after the password, every sign-in; a clinic
whose admin requires MFA sends each user without one to enrol before any page. A password
reset only changes the password: the devices stay, so a reset never bypasses the second factor.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

import segno
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe
from django_otp import devices_for_user, login, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from backpath.web.audit.trail import Actor, record

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest

    from backpath.web.clinics.models import Clinic

__all__ = [
    "RECOVERY_CODES",
    "confirm_totp",
    "has_totp",
    "is_verified",
    "mfa_needed",
    "new_recovery_codes",
    "pending_totp",
    "qr_svg",
    "recovery_codes_left",
    "set_required",
    "verify",
]

RECOVERY_CODES = 10
_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def _clinic(user: User) -> Clinic | None:
    return getattr(getattr(user, "profile", None), "clinic", None)


def is_verified(user: object) -> bool:
    """Whether ``user`` gave a second factor this session (django-otp's middleware sets
    ``otp_device`` on the request's user; a user it never saw is not verified)."""
    return getattr(user, "otp_device", None) is not None


def mfa_needed(user: User) -> str:
    """``"verify"`` (has a device, not verified this session), ``"enrol"`` (the clinic requires
    MFA and the user has none) or ``""``."""
    if is_verified(user):
        return ""
    if user_has_device(user):
        return "verify"
    clinic = _clinic(user)
    return "enrol" if clinic is not None and clinic.require_mfa else ""


def has_totp(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def pending_totp(user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator (made once, reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def qr_svg(url: str) -> SafeString:
    """The authenticator's ``otpauth://`` address as an inline SVG QR code (drawn here: the
    secret never leaves the server for a QR service)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=5, border=4, dark="#000", light="#fff", title="QR code of the key", svgclass="qr"
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" data-testid="mfa-qr" ', 1))


@transaction.atomic
def confirm_totp(actor: Actor, request: HttpRequest, token: str) -> list[str] | None:
    """Confirm the pending authenticator with a code from it: recovery codes, or None."""
    user = actor.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        record(actor, "mfa.enrol_failed", obj=user, clinic=_clinic(user))
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()  # one authenticator
    login(request, device)
    record(actor, "mfa.enrol", obj=user, clinic=_clinic(user), device="totp")
    return new_recovery_codes(actor)


@transaction.atomic
def new_recovery_codes(actor: Actor) -> list[str]:
    """Ten new one-use codes (shown once; the old ones stop working)."""
    user = actor.user
    device, _ = StaticDevice.objects.get_or_create(user=user, name="recovery codes")
    device.token_set.all().delete()
    codes = ["".join(secrets.choice(_CODE_ALPHABET) for _ in range(10)) for _ in range(10)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    record(actor, "mfa.recovery_codes", obj=user, clinic=_clinic(user), count=len(codes))
    return codes


def verify(actor: Actor, request: HttpRequest, token: str) -> bool:
    """A code from the authenticator or a recovery code: the session is verified."""
    user, token = actor.user, token.strip().replace(" ", "").lower()
    for device in devices_for_user(user, for_verify=True):
        if device.verify_token(token):
            login(request, device)
            kind = "recovery_code" if isinstance(device, StaticDevice) else "totp"
            record(actor, "mfa.verify", obj=user, clinic=_clinic(user), device=kind)
            return True
    record(actor, "mfa.verify_failed", obj=user, clinic=_clinic(user))
    return False


@transaction.atomic
def set_required(actor: Actor, clinic: Clinic, required: bool) -> None:
    if clinic.require_mfa != required:
        clinic.require_mfa = required
        clinic.save(update_fields=["require_mfa"])
        record(actor, "clinic.require_mfa", clinic=clinic, required=required)
