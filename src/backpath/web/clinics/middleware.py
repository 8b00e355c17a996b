"""Automatic sign-out after ``SESSION_IDLE_SECONDS`` without a request; security headers,
no caching of what the app draws, and no NUL characters in input."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control

SESSION_KEY = "backpath_last_seen"


def _refresh_after() -> float:
    """Seconds between updates of the last-seen time (at most a tenth of the idle limit)."""
    idle: int = settings.SESSION_IDLE_SECONDS
    return min(30.0, idle / 10)


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            last = request.session.get(SESSION_KEY)
            if last is not None and now - float(last) > settings.SESSION_IDLE_SECONDS:
                logout(request)
                messages.info(request, "You were signed out after a period of inactivity.")
                return redirect_to_login(request.get_full_path())
            if last is None or now - float(last) > _refresh_after():
                request.session[SESSION_KEY] = now  # not every request: saves a session write
        return self.get_response(request)


CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self' 'unsafe-inline'",  # inline SVG figures carry style attributes
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy (nothing is loaded from elsewhere) and no sensors."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response


class NoStoreMiddleware:
    """``Cache-Control: no-store, private`` on every page the app draws (patient pages, the
    patient's link, PDFs, ``record.json``): nothing of a patient's stays in a browser's or a
    proxy's cache. Static files are served by WhiteNoise before this and stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        return response


class RejectNullCharactersMiddleware:
    """A 400 naming the field for a NUL character in any query or form value (or name): no
    database stores one (PostgreSQL refuses it with a server error) and no field needs one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for data in (request.GET, request.POST):
            for name, values in data.lists():
                if "\x00" in name or any("\x00" in value for value in values):
                    field = name.replace("\x00", "\\0")[:60]
                    return HttpResponseBadRequest(
                        f"{field}: null characters are not allowed.",
                        content_type="text/plain; charset=utf-8",
                    )
        return self.get_response(request)


PASSKEY_SIGN_IN = (
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
)
PASSKEY_ENROL = (
    "otp_webauthn:credential-registration-begin",
    "otp_webauthn:credential-registration-complete",
)


class PasswordChangeRequiredMiddleware:
    """After signing in with a one-time password, every page but the Password page (and signing
    out) redirects there until the user has chosen their own password."""

    ALLOWED = (
        "password_change",
        "password_change_done",
        "logout",
        "mfa_setup",
        "mfa_verify",
        *PASSKEY_SIGN_IN,
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        profile = getattr(request.user, "profile", None) if request.user.is_authenticated else None
        if profile is not None and profile.must_change_password:
            allowed = {reverse(name) for name in self.ALLOWED}
            if request.path not in allowed:
                messages.info(request, "Choose your own password before you go on.")
                return redirect("password_change")
        return self.get_response(request)


# The passkey ceremonies answer JSON (never a redirect) and check for themselves: adding a
# passkey needs a verified session when the user already has a second factor.
_MFA_PAGES = ("mfa_setup", "mfa_verify", "logout", *PASSKEY_SIGN_IN, *PASSKEY_ENROL)


class MFARequiredMiddleware:
    """After the password: users with an authenticator give a code before any page; in a
    clinic that requires MFA, users without one enrol first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from .mfa import mfa_needed

        if request.user.is_authenticated and request.path not in _paths(_MFA_PAGES):
            needed = mfa_needed(request.user)
            if needed == "verify":
                return redirect(f"{reverse('mfa_verify')}?next={quote(request.get_full_path())}")
            if needed == "enrol":
                messages.info(request, "Your clinic requires a second factor: set one up now.")
                return redirect("mfa_setup")
        return self.get_response(request)


def _paths(names: tuple[str, ...]) -> set[str]:
    return {reverse(name) for name in names}
