"""What the audit trail also records: sign-ins (good and failed) and sign-outs, refused reads
of another clinic's data, reading the trail itself, and which patients a list showed."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from backpath.web.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_sign_in_is_recorded(client: Any, alice: Any, harbour: Any) -> None:
    client.post(
        reverse("login"),
        {"username": "alice", "password": "pw-alice-long-enough"},
        REMOTE_ADDR="192.0.2.4",
    )
    entry = AuditEntry.objects.get(action="auth.sign_in")
    assert (entry.username, entry.clinic, entry.ip) == ("alice", harbour, "192.0.2.4")


def test_a_failed_sign_in_is_recorded_for_the_named_users_clinic_without_the_password(
    client: Any, alice: Any, harbour: Any
) -> None:
    client.post(reverse("login"), {"username": "alice", "password": "not-her-password"})
    entry = AuditEntry.objects.get(action="auth.sign_in_failed")
    assert (entry.username, entry.clinic, entry.user) == ("alice", harbour, None)
    assert "not-her-password" not in str(entry.detail)


def test_a_failed_sign_in_for_nobody_is_recorded_too(client: Any, db: Any) -> None:
    client.post(reverse("login"), {"username": "mallory", "password": "guess"})
    assert AuditEntry.objects.get(action="auth.sign_in_failed").username == "mallory"


def test_a_sign_out_is_recorded(as_alice: Any, harbour: Any) -> None:
    as_alice.post(reverse("logout"))
    assert AuditEntry.objects.get(action="auth.sign_out").clinic == harbour


def test_a_refused_read_of_another_clinics_patient_is_recorded(
    as_charlie: Any, charlie: Any, hillside: Any, pat: Any
) -> None:
    assert as_charlie.get(reverse("patients:detail", args=[pat.pk])).status_code == 404
    entry = AuditEntry.objects.get(action="access.refused")
    assert (entry.user, entry.clinic) == (charlie, hillside)
    assert entry.detail == {"model": "patient", "pk": str(pat.pk)}


def test_reading_the_trail_is_recorded(as_alice: Any, harbour: Any) -> None:
    as_alice.get(reverse("audit:list"), {"action": "patient."})
    entry = AuditEntry.objects.get(action="audit.read")
    assert entry.clinic == harbour and entry.detail["filters"] == {"action": "patient."}


def test_the_patient_list_records_which_patients_it_showed(as_alice: Any, pat: Any) -> None:
    as_alice.get(reverse("patients:list"))
    assert AuditEntry.objects.get(action="patient.list").detail["patients"] == [str(pat.pk)]
