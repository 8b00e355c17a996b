"""Making, finding and revoking API clients; each write records its audit entry."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from backpath.web.audit.trail import Actor, record
from backpath.web.clinics.access import require_admin
from backpath.web.clinics.models import Profile, Role

from .models import ApiClient

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TOKEN_PREFIX = "bp_"
DEFAULT_DAYS = 365


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_client(
    actor: Actor, name: str, scope: str, days: int = DEFAULT_DAYS
) -> tuple[ApiClient, str]:
    """A new client of the admin's clinic and its token (shown once, never stored)."""
    clinic = require_admin(actor.user).clinic
    if scope not in ApiClient.Scope.values:
        raise ValueError(f"scope: {scope!r} is not one of {', '.join(ApiClient.Scope.values)}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    user = get_user_model().objects.create_user(
        f"api-{secrets.token_hex(6)}", first_name=name[:150]
    )  # no password: a service user can never sign in to the pages
    Profile.objects.create(user=user, clinic=clinic, role=Role.CLINICIAN)
    client = ApiClient.objects.create(
        clinic=clinic,
        name=name,
        user=user,
        token_hash=token_hash(token),
        scope=scope,
        expires_at=timezone.now() + timedelta(days=days),
        created_by=actor.user,
    )
    record(actor, "api_client.create", clinic=clinic, obj=client, scope=scope, name=name)
    return client, token


def client_for_token(token: str) -> ApiClient | None:
    """The live (not revoked, not expired) client holding ``token``."""
    return (
        ApiClient.objects.select_related("user__profile__clinic", "clinic")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .filter(expires_at__gt=timezone.now(), user__is_active=True)
        .first()
    )


def clients_for_admin(user: User | None) -> QuerySet[ApiClient]:
    return ApiClient.objects.filter(clinic=require_admin(user).clinic)


@transaction.atomic
def revoke_client(actor: Actor, client: ApiClient) -> ApiClient:
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.save(update_fields=["revoked_at"])
    record(actor, "api_client.revoke", clinic=client.clinic, obj=client)
    return client
