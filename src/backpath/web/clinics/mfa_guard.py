"""Distributed password guessing: a per-user limit across client addresses.

django-axes locks one (user name, address) pair after ``LOGIN_FAILURE_LIMIT`` failures, so 100
guesses from 25 addresses (4 each) would lock nothing. Here every failed password sign-in for
an existing user is counted, from whatever address, in a sliding window of
``USER_FAILURE_WINDOW_MINUTES``. At ``USER_FAILURE_LIMIT`` failures, password sign-in for that
user pauses for a fixed ``USER_COOLOFF_MINUTES``:

- the pause is counted from the failure that started it and is **never extended**: attempts
  during it are refused without being counted, and the window starts empty after it;
- the clinic's admins see ``auth.password_paused`` (how many failures, from how many
  addresses, until when) in the audit trail, and the pause on the Users page;
- the real user still gets in during the pause, by ways that guessing cannot block: a passkey
  (not a password sign-in at all), or the password from a browser that signed in as them
  before (a signed "known browser" cookie, as OWASP's device-cookie scheme; that browser stays
  under axes' per-address lockout).

So the most an attacker without the user's device can do is pause password sign-in from new
browsers for ``USER_COOLOFF_MINUTES`` at a time, by sending ``USER_FAILURE_LIMIT`` guesses
each time, never by one request every half hour.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from backpath.web.audit.trail import Actor, record
from backpath.web.client_address import client_address

from .mfa_models import PasswordCooloff

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest

__all__ = [
    "KNOWN_BROWSER_COOKIE",
    "CooloffLoginView",
    "UserCooloffBackend",
    "note_failure",
    "paused_until",
    "paused_users",
]

KNOWN_BROWSER_COOKIE = "backpath_known"
_KNOWN_SALT = "backpath.clinics.known-browser"
KNOWN_BROWSER_DAYS = 90


def _now() -> datetime:
    return timezone.now()


def paused_until(user: User, now: datetime | None = None) -> datetime | None:
    """When the user's password sign-in pause ends, or None if it is not paused."""
    now = now or _now()
    ends = (
        PasswordCooloff.objects.filter(user=user, ends_at__gt=now)
        .values_list("ends_at", flat=True)
        .first()
    )
    return ends


def paused_users(user_ids: list[int], now: datetime | None = None) -> dict[int, datetime]:
    """{user id: end of the pause} for those of ``user_ids`` whose password sign-in is paused."""
    rows = PasswordCooloff.objects.filter(user_id__in=user_ids, ends_at__gt=now or _now())
    return {uid: ends for uid, ends in rows.values_list("user_id", "ends_at") if ends is not None}


def note_failure(user: User, address: str | None, now: datetime | None = None) -> bool:
    """Count one failed password sign-in for ``user``; True if it started a pause."""
    now = now or _now()
    limit: int = settings.USER_FAILURE_LIMIT
    window = timedelta(minutes=settings.USER_FAILURE_WINDOW_MINUTES)
    with transaction.atomic():
        row, _ = PasswordCooloff.objects.select_for_update().get_or_create(user=user)
        if row.ends_at is not None and now < row.ends_at:
            return False  # during a pause: not counted, and the pause is never extended
        since = (now - window).timestamp()
        if row.ends_at is not None:  # nothing before the last pause ended counts again
            since = max(since, row.ends_at.timestamp())
        failures = [f for f in row.failures if f[0] > since]
        failures.append([now.timestamp(), address or ""])
        started = len(failures) >= limit
        if started:
            row.started_at = now
            row.ends_at = now + timedelta(minutes=settings.USER_COOLOFF_MINUTES)
            addresses = {a for _, a in failures if a}
            record(
                Actor(user=None, name=user.get_username()),
                "auth.password_paused",
                obj=user,
                clinic=getattr(getattr(user, "profile", None), "clinic", None),
                failures=len(failures),
                addresses=len(addresses),
                minutes=settings.USER_FAILURE_WINDOW_MINUTES,
                until=row.ends_at.isoformat(),
            )
            failures = []
        row.failures = failures
        row.save()
    return started


@receiver(user_login_failed, dispatch_uid="password-cooloff-count")
def _count_failure(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any
) -> None:
    if "password" not in credentials:  # a passkey or other ceremony: not a password guess
        return
    username = str(credentials.get("username", ""))[:150]
    user = get_user_model().objects.filter(username=username).first()
    if user is not None:
        note_failure(user, client_address(request) if request is not None else None)


def _known_browser(request: HttpRequest | None, user: User) -> bool:
    if request is None:
        return False
    value = request.get_signed_cookie(
        KNOWN_BROWSER_COOKIE,
        default=None,
        salt=_KNOWN_SALT,
        max_age=timedelta(days=KNOWN_BROWSER_DAYS),
    )
    return value is not None and str(user.pk) in value.split(",")


class UserCooloffBackend:
    """Refuses a password sign-in for a paused user (before the password is even checked),
    except from a browser that signed in as that user before. Never signs anyone in (no
    ``get_user``: a session is never tied to this backend)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if username is None or password is None:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            return None
        until = paused_until(user)
        if until is not None and not _known_browser(request, user):
            if request is not None:
                request.password_paused_until = until  # type: ignore[attr-defined]
            raise PermissionDenied("password sign-in paused for this user")
        return None


class CooloffAuthenticationForm(AuthenticationForm):
    def clean_username(self) -> str:
        """A user name longer than any user's is refused before anyone looks it up (Django
        sets the field's max_length after the field is made, so it checks nothing; on
        PostgreSQL the failed-sign-in record would overflow its column)."""
        username = str(self.cleaned_data.get("username") or "")
        field = self.fields["username"]
        longest = (field.max_length if isinstance(field, forms.CharField) else None) or 150
        if len(username) > longest:
            raise ValidationError(
                f"User name: at most {longest} characters.", code="username_too_long"
            )
        return username

    def clean(self) -> dict[str, Any]:
        if self.errors:  # a field was refused: nothing to authenticate
            return self.cleaned_data
        try:
            return super().clean()
        except ValidationError:
            until = getattr(self.request, "password_paused_until", None)
            if until is None:
                raise
            local = timezone.localtime(until).strftime("%H:%M")
            raise ValidationError(
                "Too many wrong passwords for this user, from several places: signing in "
                f"with a password from a new browser is paused until {local}. Sign in with "
                "a passkey, use a browser you signed in with before, or try again then.",
                code="paused",
            ) from None


class CooloffLoginView(auth_views.LoginView):
    """The sign-in page: a pause answers 429 with its end time; a successful sign-in marks
    this browser as known for the user (the signed cookie lists up to five users)."""

    authentication_form = CooloffAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_invalid(form)
        if getattr(self.request, "password_paused_until", None) is not None:
            response.status_code = 429
        return response

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        previous = self.request.get_signed_cookie(
            KNOWN_BROWSER_COOKIE, default="", salt=_KNOWN_SALT
        )
        known = [k for k in (previous or "").split(",") if k and k != str(user.pk)][-4:]
        response.set_signed_cookie(
            KNOWN_BROWSER_COOKIE,
            ",".join([*known, str(user.pk)]),
            salt=_KNOWN_SALT,
            max_age=KNOWN_BROWSER_DAYS * 86400,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response
