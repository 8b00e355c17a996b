"""The clinic admin's API-client pages: create shows the token once and it works, revoke
stops it, bad input names the field and saves nothing, and only the clinic's admin sees any."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from backpath.web.api.models import ApiClient
from backpath.web.audit.models import AuditEntry

from .conftest import Api

pytestmark = pytest.mark.django_db
LIST = "/clinic/api-clients/"


def _make(as_user: Any, **form: str) -> Any:
    return as_user.post(LIST, {"name": "practice system", "scope": "read", "days": "30", **form})


def test_an_admin_makes_a_client_and_its_token_works_once_shown(as_alice: Any, pat: Any) -> None:
    response = _make(as_alice)
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    token = re.search(r'data-testid="client-token">([^<]+)<', response.content.decode())
    assert token is not None
    client = ApiClient.objects.get()
    assert client.scope == "read" and client.name == "practice system"
    assert token[1] not in as_alice.get(LIST).content.decode()  # never shown again
    assert Api(token[1])("get", f"patients/{pat.pk}").status_code == 200
    assert AuditEntry.objects.filter(action="api_client.create").count() == 1


def test_revoking_stops_the_token_at_once(as_alice: Any, pat: Any) -> None:
    token = re.search(r'data-testid="client-token">([^<]+)<', _make(as_alice).content.decode())
    assert token is not None
    client = ApiClient.objects.get()
    response = as_alice.post(reverse("api_clients:revoke", args=[client.pk]))
    assert response.status_code == 302
    assert Api(token[1])("get", f"patients/{pat.pk}").status_code == 401
    assert "revoked" in as_alice.get(LIST).content.decode()
    assert AuditEntry.objects.filter(action="api_client.revoke").count() == 1


@pytest.mark.parametrize(
    ("form", "field_text"),
    [
        ({"name": "  "}, "Name: say what the client is"),
        ({"scope": "admin"}, "Scope must be one of: read, write"),
        ({"days": "0"}, "Valid for: a whole number of days from 1 to 730"),
        ({"days": "99999999999999999999"}, "Valid for: a whole number of days from 1 to 730"),
        ({"days": "abc"}, "Valid for: a whole number of days from 1 to 730"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(
    as_alice: Any, form: dict[str, str], field_text: str
) -> None:
    response = _make(as_alice, **form)
    assert response.status_code == 400
    assert field_text in response.content.decode()
    assert not ApiClient.objects.exists()


def test_only_the_clinics_admin_sees_or_revokes(
    as_alice: Any, as_bob: Any, as_charlie: Any
) -> None:
    _make(as_alice)
    client = ApiClient.objects.get()
    assert as_bob.get(LIST).status_code == 404  # a clinician
    assert _make(as_bob).status_code == 404
    assert as_charlie.post(reverse("api_clients:revoke", args=[client.pk])).status_code == 404
    client.refresh_from_db()
    assert client.revoked_at is None
    assert "practice system" not in as_charlie.get(LIST).content.decode()
