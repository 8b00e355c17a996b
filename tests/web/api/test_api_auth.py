"""API clients: a hashed token shown once, scoped, expiring, revocable; every call audited."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_the_openapi_document_and_docs_are_public(anonymous: Any) -> None:
    doc = anonymous("get", "openapi.json")
    assert doc.status_code == 200 and doc.json()["openapi"].startswith("3.1")
    page = anonymous("get", "docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()


def test_everything_else_needs_a_token(anonymous: Any, pat: Any) -> None:
    response = anonymous("get", "patients")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_token_is_refused(alice: Any, pat: Any) -> None:
    from .conftest import Api

    assert Api("bp_not-a-token")("get", "patients").status_code == 401


def test_only_the_tokens_hash_is_stored(alice: Any, new_client: Any) -> None:
    client, token = new_client(alice)
    assert token.startswith("bp_") and token not in client.token_hash
    from backpath.web.api.clients import token_hash

    assert client.token_hash == token_hash(token)


def test_an_expired_client_is_refused(alice: Any, new_client: Any, pat: Any) -> None:
    from .conftest import Api

    client, token = new_client(alice)
    client.expires_at = timezone.now() - timedelta(seconds=1)
    client.save()
    assert Api(token)("get", "patients").status_code == 401


def test_a_revoked_client_is_refused(alice: Any, actor: Any, new_client: Any, pat: Any) -> None:
    from backpath.web.api.clients import revoke_client

    from .conftest import Api

    client, token = new_client(alice)
    assert Api(token)("get", "patients").status_code == 200
    revoke_client(actor, client)
    assert Api(token)("get", "patients").status_code == 401


def test_a_read_client_cannot_write(harbour_reader: Any, pat: Any) -> None:
    response = harbour_reader("post", "patients", {"name": "X", "date_of_birth": "1990-01-01"})
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    assert harbour_reader("get", "patients").status_code == 200


def test_only_a_clinic_admin_makes_clients(bob: Any, new_client: Any) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        new_client(bob)


def test_the_service_user_cannot_sign_in_to_the_pages(alice: Any, new_client: Any) -> None:
    client, _ = new_client(alice)
    assert not client.user.has_usable_password()


def test_every_call_is_audited_with_the_clients_identity(
    alice: Any, new_client: Any, pat: Any
) -> None:
    from backpath.web.audit.models import AuditEntry

    from .conftest import Api

    client, token = new_client(alice, name="Cliniko sync")
    Api(token)("get", f"patients/{pat.pk}")
    entry = AuditEntry.objects.filter(action="api.call").get()
    assert entry.user == client.user and entry.clinic == alice.profile.clinic
    assert entry.detail["client"] == str(client.pk)
    assert entry.detail["client_name"] == "Cliniko sync"
    assert entry.path == f"/api/v1/patients/{pat.pk}"


def test_the_manage_command_shows_the_token_once(alice: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("api_client", "create", "--admin", "alice", "--name", "Jane", stdout=out)
    token = out.getvalue().split("secret): ")[1].strip()
    from .conftest import Api

    assert Api(token)("get", "exercises").status_code == 200
    listing = StringIO()
    call_command("api_client", "list", "--admin", "alice", stdout=listing)
    assert "Jane" in listing.getvalue() and token not in listing.getvalue()


def test_a_write_is_audited_under_the_clients_service_user(alice: Any, new_client: Any) -> None:
    from backpath.web.audit.models import AuditEntry

    from .conftest import Api

    client, token = new_client(alice)
    Api(token)("post", "patients", {"name": "Sam", "date_of_birth": "1980-01-01"})
    entry = AuditEntry.objects.get(action="patient.create")
    assert entry.user == client.user and entry.username.startswith("api-")
    assert entry.clinic == client.clinic


def test_the_service_user_is_not_listed_or_editable_as_a_clinic_user(
    alice: Any, new_client: Any
) -> None:
    from django.http import Http404

    from backpath.web.clinics.actions import get_member_for_admin, members_of

    client, _ = new_client(alice)
    assert client.user not in members_of(alice.profile.clinic)
    with pytest.raises(Http404):
        get_member_for_admin(alice, client.user.pk)
