"""The home programme: an unguessable, expiring, revocable link; session logs; the PDF."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from backpath.web.audit.models import AuditEntry
from backpath.web.programmes.actions import PlanNotAccepted, create_link, token_hash
from backpath.web.programmes.models import HepLink, SessionLog

pytestmark = pytest.mark.django_db


def _public(token: str) -> str:
    return reverse("programmes:public", args=[token])


def test_a_link_needs_an_accepted_plan(actor: Any, plan: Any) -> None:
    with pytest.raises(PlanNotAccepted):
        create_link(actor, plan)


def test_only_the_hash_of_the_token_is_stored(hep_link: tuple[Any, str]) -> None:
    link, token = hep_link
    assert len(token) >= 43 and link.token_hash == token_hash(token)
    assert not HepLink.objects.filter(token_hash=token).exists()


def test_the_clinician_sees_the_new_link_once(as_alice: Any, accepted_plan: Any) -> None:
    as_alice.post(reverse("programmes:create_link", args=[accepted_plan.pk]))
    page = as_alice.get(reverse("plans:detail", args=[accepted_plan.pk])).content.decode()
    again = as_alice.get(reverse("plans:detail", args=[accepted_plan.pk])).content.decode()
    assert 'data-testid="new-link"' in page and 'data-testid="new-link"' not in again


def test_the_patient_opens_the_programme_without_an_account(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    link, token = hep_link
    page = client.get(_public(token)).content.decode()
    for item in link.plan.items:
        assert f'data-testid="hep-exercise-{item["exercise"]}"' in page
    assert 'data-testid="guide-red"' in page and 'data-testid="emergency-guide"' in page
    assert AuditEntry.objects.filter(action="hep.open").exists()


def test_an_expired_link_is_a_404(client: Any, hep_link: tuple[Any, str]) -> None:
    link, token = hep_link
    HepLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert client.get(_public(token)).status_code == 404


def test_a_revoked_link_is_a_404(client: Any, as_alice: Any, hep_link: tuple[Any, str]) -> None:
    link, token = hep_link
    as_alice.post(reverse("programmes:revoke_link", args=[link.pk]))
    assert client.get(_public(token)).status_code == 404
    assert client.get(reverse("programmes:public_pdf", args=[token])).status_code == 404


def test_a_made_up_token_is_a_404(client: Any, hep_link: tuple[Any, str]) -> None:
    assert client.get(_public("x" * 43)).status_code == 404


def test_a_green_session_is_logged_and_raises_no_alert(
    client: Any, as_alice: Any, pat: Any, hep_link: tuple[Any, str]
) -> None:
    response = client.post(
        _public(hep_link[1]),
        {"done": "yes", "change": "centralised", "emergency": "no"},
        follow=True,
    )
    assert b'data-testid="logged-green"' in response.content
    page = as_alice.get(reverse("patients:detail", args=[pat.pk])).content.decode()
    assert 'data-testid="red-alert"' not in page


def test_a_red_session_alerts_the_clinician_until_acknowledged(
    client: Any, as_alice: Any, pat: Any, hep_link: tuple[Any, str]
) -> None:
    client.post(_public(hep_link[1]), {"change": "spread_down_leg", "emergency": "no"})
    log = SessionLog.objects.get()
    assert log.light == "red"
    page = as_alice.get(reverse("patients:detail", args=[pat.pk])).content.decode()
    assert 'data-testid="red-alert"' in page
    as_alice.post(reverse("programmes:acknowledge", args=[log.pk]))
    page = as_alice.get(reverse("patients:detail", args=[pat.pk])).content.decode()
    assert 'data-testid="red-alert"' not in page


def test_emergency_symptoms_give_the_emergency_light(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    response = client.post(
        _public(hep_link[1]), {"change": "decreased", "emergency": "yes"}, follow=True
    )
    assert b'data-testid="logged-emergency"' in response.content


def test_a_log_without_a_choice_is_refused(client: Any, hep_link: tuple[Any, str]) -> None:
    response = client.post(_public(hep_link[1]), {"change": "fine"})
    assert response.status_code == 400 and not SessionLog.objects.exists()


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_contains_every_exercise_name(as_alice: Any, accepted_plan: Any) -> None:
    from backpath.core.library import default_library

    response = as_alice.get(reverse("programmes:pdf", args=[accepted_plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(_pdf_text(response.content).split())
    for item in accepted_plan.items:
        assert default_library().get(item["exercise"]).name in text


def test_the_patient_can_download_the_pdf_too(client: Any, hep_link: tuple[Any, str]) -> None:
    response = client.get(reverse("programmes:public_pdf", args=[hep_link[1]]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_logging_redirects_so_a_refresh_does_not_log_twice(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    response = client.post(_public(hep_link[1]), {"change": "no_change"})
    assert response.status_code == 302 and "?logged=" in response["Location"]
    assert SessionLog.objects.count() == 1


def test_the_programme_page_passes_csrf_checks_in_a_browser(hep_link: tuple[Any, str]) -> None:
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    page = browser.get(_public(hep_link[1])).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert 'content="no-referrer"' not in page  # would make browsers send Origin: null
    response = browser.post(
        _public(hep_link[1]), {"change": "decreased", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_red_reports_are_flagged_in_the_list_and_the_header(
    client: Any, as_bob: Any, hep_link: tuple[Any, str]
) -> None:
    client.post(_public(hep_link[1]), {"change": "worse_stayed"})
    page = as_bob.get(reverse("patients:list"), {"alerts": "1"}).content.decode()
    assert 'data-testid="alert-flag"' in page and 'data-testid="nav-alerts"' in page
    assert "Red reports (1)" in page


def test_another_clinic_does_not_see_our_red_reports(
    client: Any, as_charlie: Any, hep_link: tuple[Any, str]
) -> None:
    client.post(_public(hep_link[1]), {"change": "worse_stayed"})
    page = as_charlie.get(reverse("patients:list")).content.decode()
    assert 'data-testid="nav-alerts"' not in page
