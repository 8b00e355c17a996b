"""The audit trail is append-only and visible, filtered, to clinic admins only."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from backpath.web.audit.models import AppendOnlyError, AuditEntry

pytestmark = pytest.mark.django_db


def test_an_entry_cannot_be_changed(pat: Any) -> None:
    entry = AuditEntry.objects.first()
    entry.action = "nothing.happened"
    with pytest.raises(AppendOnlyError):
        entry.save()


def test_an_entry_cannot_be_deleted(pat: Any) -> None:
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.first().delete()


def test_entries_cannot_be_bulk_updated_or_deleted(pat: Any) -> None:
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_the_clinic_admin_sees_the_trail(as_alice: Any, pat: Any) -> None:
    page = as_alice.get(reverse("audit:list")).content.decode()
    assert "patient.create" in page and "Pat Morgan" in page


def test_a_clinician_who_is_not_admin_gets_404(as_bob: Any) -> None:
    assert as_bob.get(reverse("audit:list")).status_code == 404


def test_another_clinics_admin_does_not_see_our_entries(as_charlie: Any, pat: Any) -> None:
    assert "patient.create" not in as_charlie.get(reverse("audit:list")).content.decode()


def test_the_trail_filters_by_user_and_action(as_alice: Any, as_bob: Any, pat: Any) -> None:
    as_bob.get(reverse("patients:detail", args=[pat.pk]))
    page = as_alice.get(reverse("audit:list"), {"user": "bob", "action": "patient.read"})
    rows = page.content.decode().split('data-testid="audit-table"')[1]
    assert "patient.read" in rows and "patient.create" not in rows


def test_a_malformed_patient_filter_shows_nothing_rather_than_failing(
    as_alice: Any, pat: Any
) -> None:
    response = as_alice.get(reverse("audit:list"), {"patient": "not-a-uuid"})
    assert response.status_code == 200


def test_behind_a_proxy_the_forwarded_address_is_recorded(
    as_bob: Any, pat: Any, settings: Any
) -> None:
    settings.BEHIND_PROXY, settings.TRUSTED_PROXIES = True, ["10.0.0.0/8"]
    as_bob.get(
        reverse("patients:detail", args=[pat.pk]),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1",
    )
    assert AuditEntry.objects.get(action="patient.read").ip == "203.0.113.9"


def test_without_a_proxy_forwarded_headers_are_ignored(as_bob: Any, pat: Any) -> None:
    as_bob.get(
        reverse("patients:detail", args=[pat.pk]),
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert AuditEntry.objects.get(action="patient.read").ip == "10.0.0.1"


def test_the_patient_link_token_never_reaches_the_audit_trail(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    client.get(reverse("programmes:public", args=[hep_link[1]]))
    entry = AuditEntry.objects.get(action="hep.open")
    assert hep_link[1] not in entry.path and entry.user is None
