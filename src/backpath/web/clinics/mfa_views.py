"""Second-factor pages: enrol an authenticator, give a code (or a passkey) after the password,
the MFA page (passkeys listed, added, renamed and removed; new recovery codes), and the clinic
admin's switch that requires MFA for the whole clinic."""

from __future__ import annotations

from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp_webauthn.models import WebAuthnCredential

from backpath.web.audit.trail import Actor
from backpath.web.requests import AuthedRequest

from . import mfa, mfa_passkeys
from .access import require_admin


def _codes_page(request: HttpRequest, codes: list[str]) -> HttpResponse:
    return render(request, "clinics/mfa_codes.html", {"codes": codes})


@sensitive_post_parameters("token")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def mfa_setup(request: AuthedRequest) -> HttpResponse:
    device = mfa.pending_totp(request.user)
    error = ""
    if request.method == "POST":
        codes = mfa.confirm_totp(Actor.of(request), request, request.POST.get("token", ""))
        if codes is not None:
            return _codes_page(request, codes)
        error = "That code does not match: enter the six digits the app shows now."
    context = {
        "key": b32encode(device.bin_key).decode(),
        "url": device.config_url,
        "qr": mfa.qr_svg(device.config_url),
        "error": error,
    }
    return render(request, "clinics/mfa_setup.html", context, status=400 if error else 200)


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return str(settings.LOGIN_REDIRECT_URL)


@sensitive_post_parameters("token")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def mfa_verify(request: AuthedRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        if mfa.verify(Actor.of(request), request, request.POST.get("token", "")):
            return redirect(_next(request))
        error = "That code is not right (or was used already): try the current one."
    context = {
        "error": error,
        "next": _next(request),
        "has_passkey": mfa_passkeys.passkeys_of(request.user).filter(confirmed=True).exists(),
        "has_codes": mfa.has_totp(request.user) or mfa.recovery_codes_left(request.user) > 0,
    }
    return render(request, "clinics/mfa_verify.html", context, status=400 if error else 200)


@never_cache
@login_required
@require_POST
def mfa_codes(request: AuthedRequest) -> HttpResponse:
    if not mfa.is_verified(request.user):
        return redirect("mfa_setup")
    return _codes_page(request, mfa.new_recovery_codes(Actor.of(request)))


@login_required
@require_POST
def clinic_mfa(request: AuthedRequest) -> HttpResponse:
    profile = require_admin(request.user)
    required = request.POST.get("required") == "yes"
    mfa.set_required(Actor.of(request), profile.clinic, required)
    state = "now required" if required else "no longer required"
    messages.success(request, f"A second factor is {state} for {profile.clinic.name}.")
    return redirect("clinics:users")


def _manage_page(request: AuthedRequest, *, error: str = "", status: int = 200) -> HttpResponse:
    context = {
        "passkeys": mfa_passkeys.passkeys_of(request.user),
        "has_totp": mfa.has_totp(request.user),
        "recovery_left": mfa.recovery_codes_left(request.user),
        "name_max": mfa_passkeys.NAME_MAX,
        "error": error,
    }
    return render(request, "clinics/mfa_manage.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET"])
def mfa_manage(request: AuthedRequest) -> HttpResponse:
    """The MFA page: authenticator app, passkeys, recovery codes (needs a verified session)."""
    return _manage_page(request)


def _own_passkey(request: AuthedRequest, device_id: int) -> WebAuthnCredential:
    device = mfa_passkeys.passkeys_of(request.user).filter(pk=device_id).first()
    if device is None:  # another user's passkey is as absent as a missing one
        raise Http404("No such passkey.")
    return device


@never_cache
@login_required
@require_POST
def passkey_rename(request: AuthedRequest, device_id: int) -> HttpResponse:
    device = _own_passkey(request, device_id)
    name = request.POST.get("name", "").strip()
    if not name or len(name) > mfa_passkeys.NAME_MAX:
        error = f"name: give the passkey a name of 1 to {mfa_passkeys.NAME_MAX} characters."
        return _manage_page(request, error=error, status=400)
    mfa_passkeys.rename(Actor.of(request), device, name)
    messages.success(request, f"Passkey renamed to {name}.")
    return redirect("mfa_manage")


@never_cache
@login_required
@require_POST
def passkey_remove(request: AuthedRequest, device_id: int) -> HttpResponse:
    device = _own_passkey(request, device_id)
    mfa_passkeys.remove(Actor.of(request), device)
    messages.success(request, "Passkey removed: it no longer signs you in.")
    return redirect("mfa_manage")
