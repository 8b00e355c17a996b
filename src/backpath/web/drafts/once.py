"""Submit once: every create form carries a one-time key (``idem``, one per rendered form).

The first successful submission stores where it led; submitting the same form again (a
double tap, a resubmit, back-then-resubmit) goes there and creates nothing. A form without a
key (an old page, a script) is handled as before.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from backpath.web.requests import AuthedRequest

from .models import SubmittedForm

FIELD = "idem"
ALREADY = "This form was already submitted: here is what it saved (nothing was saved twice)."


class _Taken(Exception):
    """The key was stored by a concurrent submission: undo this one."""


def new_key() -> str:
    return str(uuid.uuid4())


def form_key(request: HttpRequest) -> uuid.UUID | None:
    """The form's one-time key, or None (no key, or not a UUID)."""
    text = str(request.POST.get(FIELD) or "")
    try:
        return uuid.UUID(text) if len(text) <= 40 else None
    except ValueError:
        return None


def _earlier(request: AuthedRequest, key: uuid.UUID) -> HttpResponse | None:
    kept = SubmittedForm.objects.filter(user=request.user, key=key).first()
    if kept is None:
        return None
    messages.info(request, ALREADY)
    return redirect(kept.location)


def submit_once(request: AuthedRequest, create: Callable[[], HttpResponse]) -> HttpResponse:
    """``create()`` unless this form's key was submitted before (then: its first result).

    Only a redirect (a successful create) uses the key up; a form shown again with errors
    can be corrected and submitted with the same key.
    """
    key = form_key(request)
    if key is None:
        return create()
    earlier = _earlier(request, key)
    if earlier is not None:
        return earlier
    try:
        with transaction.atomic():
            response = create()
            if response.status_code in (301, 302, 303) and response.has_header("Location"):
                try:
                    with transaction.atomic():
                        SubmittedForm.objects.create(
                            user=request.user, key=key, location=response["Location"][:300]
                        )
                except IntegrityError:
                    raise _Taken from None
    except _Taken:
        return _earlier(request, key) or redirect("/")
    return response
