"""Patients: list, search, paging, create, edit with a version check, episodes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from backpath.web.audit.models import AuditEntry
from backpath.web.patients.actions import create_patient
from backpath.web.patients.models import Patient

pytestmark = pytest.mark.django_db


def test_it_lists_the_clinics_patients(as_bob: Any, pat: Any) -> None:
    assert "Pat Morgan" in as_bob.get(reverse("patients:list")).content.decode()


def test_it_searches_by_name(as_alice: Any, pat: Any, actor: Any, harbour: Any) -> None:
    create_patient(
        actor,
        harbour,
        {"name": "Sam Okafor", "date_of_birth": dt.date(1984, 9, 3), "sex": "", "contact": ""},
    )
    page = as_alice.get(reverse("patients:list"), {"q": "okaf"}).content.decode()
    assert "Sam Okafor" in page and "Pat Morgan" not in page


def test_it_searches_by_date_of_birth(as_alice: Any, pat: Any) -> None:
    page = as_alice.get(reverse("patients:list"), {"q": "12/04/1990"}).content.decode()
    assert "Pat Morgan" in page


def test_htmx_search_returns_only_the_rows(as_alice: Any, pat: Any) -> None:
    response = as_alice.get(reverse("patients:list"), {"q": "pat"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content and b"Pat Morgan" in response.content


def test_it_pages_long_lists(as_alice: Any, actor: Any, harbour: Any, settings: Any) -> None:
    settings.PAGE_SIZE = 2
    for n in range(5):
        create_patient(
            actor,
            harbour,
            {
                "name": f"Patient {n}",
                "sex": "",
                "contact": "",
                "date_of_birth": dt.date(1980, 1, n + 1),
            },
        )
    page = as_alice.get(reverse("patients:list"), {"page": 3}).content.decode()
    assert "Page 3 of 3" in page and "Patient 4" in page


def test_it_creates_a_patient_and_audits_it(as_alice: Any, harbour: Any) -> None:
    response = as_alice.post(
        reverse("patients:create"),
        {"name": "Pat Morgan", "date_of_birth": "1990-04-12", "sex": "female", "contact": ""},
    )
    patient = Patient.objects.get()
    assert response.status_code == 302 and patient.clinic == harbour
    assert AuditEntry.objects.filter(action="patient.create", patient_id=patient.pk).exists()


def test_it_rejects_a_future_date_of_birth(as_alice: Any, harbour: Any) -> None:
    response = as_alice.post(
        reverse("patients:create"), {"name": "Pat", "date_of_birth": "2999-01-01", "sex": ""}
    )
    assert response.status_code == 200 and b"date of birth in the past" in response.content
    assert not Patient.objects.exists()


def test_reading_a_patient_is_audited(as_bob: Any, pat: Any, bob: Any) -> None:
    as_bob.get(reverse("patients:detail", args=[pat.pk]), REMOTE_ADDR="10.0.0.7")
    entry = AuditEntry.objects.get(action="patient.read")
    assert (entry.user, entry.patient_id, entry.ip) == (bob, pat.pk, "10.0.0.7")
    assert entry.path == reverse("patients:detail", args=[pat.pk])


def test_editing_saves_and_bumps_the_version(as_alice: Any, pat: Any) -> None:
    as_alice.post(
        reverse("patients:edit", args=[pat.pk]),
        {
            "name": "Pat Morgan-Lee",
            "date_of_birth": "1990-04-12",
            "sex": "female",
            "contact": "",
            "version": 1,
        },
    )
    pat.refresh_from_db()
    assert (pat.name, pat.version) == ("Pat Morgan-Lee", 2)


def test_the_second_of_two_concurrent_edits_gets_a_conflict(
    as_alice: Any, as_bob: Any, pat: Any
) -> None:
    form = {"date_of_birth": "1990-04-12", "sex": "female", "contact": "", "version": 1}
    as_alice.post(reverse("patients:edit", args=[pat.pk]), {**form, "name": "Alice's edit"})
    response = as_bob.post(reverse("patients:edit", args=[pat.pk]), {**form, "name": "Bob's"})
    pat.refresh_from_db()
    assert response.status_code == 409 and b"Someone else saved" in response.content
    assert pat.name == "Alice's edit"


def test_it_opens_an_episode(as_alice: Any, pat: Any) -> None:
    response = as_alice.post(
        reverse("patients:episode_create", args=[pat.pk]),
        {"complaint": "Low back pain", "started_on": "2026-11-20"},
    )
    episode = pat.episodes.get()
    assert response["Location"] == reverse("episodes:detail", args=[episode.pk])


def test_closing_an_episode_is_audited(as_alice: Any, episode: Any) -> None:
    url = reverse("episodes:close", args=[episode.pk])
    as_alice.post(url, {"discharge_outcome": "discharged_improved"})
    episode.refresh_from_db()
    assert episode.closed_on is not None and episode.discharge_outcome == "discharged_improved"
    entry = AuditEntry.objects.get(action="episode.close")
    assert entry.detail["outcome"] == "discharged_improved"


def test_the_episode_form_proposes_today_in_a_format_a_date_input_shows(
    as_alice: Any, pat: Any
) -> None:
    import datetime as dt

    html = as_alice.get(f"/patients/{pat.pk}/").content.decode()
    assert f'value="{dt.date.today().isoformat()}"' in html
