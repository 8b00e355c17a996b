"""Sign-ins, failed sign-ins and sign-outs in the audit trail (never with a password).

A failed sign-in is filed under the clinic of the user it named, if there is one, so that
clinic's admin sees guessing at their users; the user name tried is kept as typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from backpath.web.client_address import client_address

from .trail import Actor, record

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest

    from backpath.web.clinics.models import Clinic


def _actor(request: HttpRequest | None, user: User | None, name: str = "") -> Actor:
    if request is None:
        return Actor(user=user, name=name)
    return Actor(user=user, path=request.path[:500], ip=client_address(request), name=name)


def _clinic_of(user: User | None) -> Clinic | None:
    return getattr(getattr(user, "profile", None), "clinic", None)


@receiver(user_logged_in, dispatch_uid="audit-sign-in")
def _signed_in(sender: object, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    record(_actor(request, user), "auth.sign_in", clinic=_clinic_of(user))


@receiver(user_logged_out, dispatch_uid="audit-sign-out")
def _signed_out(
    sender: object, request: HttpRequest | None, user: User | None, **kwargs: Any
) -> None:
    if user is not None:
        record(_actor(request, user), "auth.sign_out", clinic=_clinic_of(user))


@receiver(user_login_failed, dispatch_uid="audit-sign-in-failed")
def _sign_in_failed(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any
) -> None:
    tried = str(credentials.get("username", ""))[:150]
    named = get_user_model().objects.filter(username=tried).select_related("profile").first()
    locked = bool(getattr(request, "axes_locked_out", False))
    record(
        _actor(request, None, name=tried),
        "auth.sign_in_failed",
        clinic=_clinic_of(named),
        locked_out=locked,
    )
