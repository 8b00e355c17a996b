"""The request a view behind ``login_required`` receives: its user is signed in.

``HttpRequest.user`` is ``User | AnonymousUser``; a view that only runs for a signed-in
clinician annotates its request as :class:`AuthedRequest` so ``request.user`` is the clinic's
user model. An annotation only: Django still passes a plain ``HttpRequest``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = ["AuthedRequest"]


class AuthedRequest(HttpRequest):
    user: User
