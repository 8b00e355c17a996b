"""Passkeys (WebAuthn) through django-otp-webauthn: a second factor after the password, and a
sign-in of their own (no password: the passkey proves possession and the user's PIN or
fingerprint). The library's ceremony views are used as they are, with every outcome audited;
listing, renaming and removing are on the MFA page (:mod:`.mfa_views`).

A passkey is bound to ``WEBAUTHN_RP_ID`` and accepted only from ``WEBAUTHN_ORIGINS``, so a
look-alike site cannot use it. Password lockouts and the per-user cool-off
(:mod:`.mfa_guard`) do not apply to it: guessing cannot break a passkey, so it is the way in
that someone guessing a user's password can never block.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpResponse
from django.urls import path
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import views as webauthn
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from backpath.web.audit.trail import Actor, record

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .models import Clinic

__all__ = [
    "NAME_MAX",
    "PasskeyHelper",
    "passkeys_of",
    "remove",
    "rename",
    "urlpatterns",
]

NAME_MAX = 64  # django-otp's Device.name


def _clinic(user: User) -> Clinic | None:
    return getattr(getattr(user, "profile", None), "clinic", None)


def passkeys_of(user: User) -> QuerySet[WebAuthnCredential]:
    return WebAuthnCredential.objects.filter(user=user).order_by("created_at", "pk")


class PasskeyHelper(WebAuthnHelper):
    """Names each new passkey ("Passkey 2"), so the user can tell them apart and rename them."""

    def create_credential(self, user: User, *args: Any, **kwargs: Any) -> WebAuthnCredential:
        device = super().create_credential(user, *args, **kwargs)
        device.name = f"Passkey {passkeys_of(user).count() + 1}"
        return device


def _ok(response: HttpResponse) -> bool:
    return response.status_code == 200


class RegisterBegin(webauthn.BeginCredentialRegistrationView):
    pass


class RegisterComplete(webauthn.CompleteCredentialRegistrationView):
    """Saves the new passkey; ``mfa.passkey_enrol`` (or ``mfa.passkey_enrol_failed``)."""

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        actor = Actor.of(self.request)
        try:
            response: HttpResponse = super().post(*args, **kwargs)
        except Exception:
            record(actor, "mfa.passkey_enrol_failed", obj=actor.user, clinic=actor.clinic)
            raise
        device = passkeys_of(actor.user).latest("pk")  # the one just saved
        record(actor, "mfa.passkey_enrol", obj=device, clinic=actor.clinic, name=device.name)
        return response


class AuthBegin(webauthn.BeginCredentialAuthenticationView):
    pass


class AuthComplete(webauthn.CompleteCredentialAuthenticationView):
    """A passkey as the second factor (signed in with a password) or as the whole sign-in.

    ``auth.sign_in`` is recorded by the sign-in signal; ``mfa.verify`` (device ``passkey``)
    names the passkey; a refused one is ``mfa.verify_failed`` or ``auth.sign_in_failed``.
    """

    def complete_auth(self, device: WebAuthnCredential) -> None:
        had_password = self.request.user.is_authenticated
        super().complete_auth(device)
        how = "second_factor" if had_password else "passkey_sign_in"
        record(
            Actor.of(self.request),
            "mfa.verify",
            obj=device,
            clinic=_clinic(device.user),
            device="passkey",
            name=device.name,
            method=how,
        )

    def handle_exception(self, exc: Exception) -> HttpResponse:
        actor = Actor.of(self.request)
        if actor.user is not None:
            record(
                actor, "mfa.verify_failed", obj=actor.user, clinic=actor.clinic, device="passkey"
            )
        else:
            record(actor, "auth.sign_in_failed", method="passkey", reason=type(exc).__name__)
        return super().handle_exception(exc)


@transaction.atomic
def rename(actor: Actor, device: WebAuthnCredential, name: str) -> WebAuthnCredential:
    old, device.name = device.name, name
    device.save(update_fields=["name"])
    record(actor, "mfa.passkey_rename", obj=device, clinic=actor.clinic, old=old, new=name)
    return device


@transaction.atomic
def remove(actor: Actor, device: WebAuthnCredential) -> None:
    record(actor, "mfa.passkey_remove", obj=device, clinic=actor.clinic, name=device.name)
    device.delete()


app_name = "otp_webauthn"  # the library's template tags reverse these names
urlpatterns = [
    path(
        "registration/begin/",
        RegisterBegin.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        RegisterComplete.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        AuthBegin.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        AuthComplete.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
