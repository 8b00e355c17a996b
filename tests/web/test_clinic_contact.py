"""The clinic is reachable: its admin sets phone, email, hours, emergency number and an
after-hours line; every patient surface shows them as tel:/mailto: buttons."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from backpath.web.audit.models import AuditEntry

VALID = {
    "phone": "+44 20 7946 0000",
    "email": "desk@harbour.example",
    "opening_hours": "Mon–Fri 8:00–18:00",
    "after_hours_phone": "020 7946 0999",
    "emergency_number": "112",
}


def test_the_admin_saves_the_contact_details_and_it_is_audited(as_alice: Any, harbour: Any) -> None:
    response = as_alice.post(reverse("clinics:settings"), VALID)
    assert response.status_code == 302
    harbour.refresh_from_db()
    assert (harbour.phone, harbour.emergency_phone) == ("+44 20 7946 0000", "112")
    assert AuditEntry.objects.filter(action="clinic.contact").count() == 1


def test_a_clinician_cannot_open_the_clinic_settings(as_bob: Any) -> None:
    assert as_bob.get(reverse("clinics:settings")).status_code == 404
    assert as_bob.post(reverse("clinics:settings"), VALID).status_code == 404


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("emergency_number", "", b"The emergency number is required"),
        ("emergency_number", "call 999", b"2 to 6 digits"),
        ("phone", "ring me\x00", b"phone: null characters"),
        ("phone", "ring me", b"digits, spaces"),
        ("phone", "9" * 41, b"at most 40"),
        ("email", "not-an-email", b"valid email"),
    ],
)
def test_bad_contact_details_are_refused_naming_the_field_and_save_nothing(
    as_alice: Any, harbour: Any, field: str, value: str, error: bytes
) -> None:
    response = as_alice.post(reverse("clinics:settings"), {**VALID, field: value})
    assert response.status_code == 400 and error in response.content
    harbour.refresh_from_db()
    assert harbour.phone == "" and harbour.emergency_number == ""


def test_the_emergency_number_defaults_to_the_setting(harbour: Any, settings: Any) -> None:
    settings.EMERGENCY_NUMBER = "000"
    assert harbour.emergency_phone == "000"


def test_the_patients_page_and_pdf_show_the_clinic_as_buttons(
    client: Any, harbour: Any, hep_link: tuple[Any, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from backpath.web.programmes import pdf

    for key, value in VALID.items():
        setattr(harbour, key, value)
    harbour.save()
    page = client.get(reverse("programmes:public", args=[hep_link[1]])).content.decode()
    assert 'href="tel:112"' in page
    assert 'href="tel:+442079460000"' in page and 'href="mailto:desk@harbour.example"' in page
    assert 'href="tel:02079460999"' in page and "Mon–Fri 8:00–18:00" in page
    assert 'data-testid="message-form"' in page
    drawn: list[str] = []
    monkeypatch.setattr(pdf, "draw_pdf", lambda html: drawn.append(html) or b"%PDF-fake")
    client.get(reverse("programmes:public_pdf", args=[hep_link[1]]))
    assert 'href="tel:+442079460000"' in drawn[0] and 'href="tel:112"' in drawn[0]
    assert 'data-testid="message-form"' not in drawn[0]  # a PDF cannot send a message


def test_without_details_the_page_still_gives_the_emergency_number(
    client: Any, hep_link: tuple[Any, str], settings: Any
) -> None:
    settings.EMERGENCY_NUMBER = "999"
    page = client.get(reverse("programmes:public", args=[hep_link[1]])).content.decode()
    assert 'href="tel:999"' in page and 'data-testid="call-clinic"' not in page
