"""Nothing the app draws is cached: patient pages, the patient's link, PDFs and record.json
carry ``Cache-Control: no-store, private``; static files stay cacheable."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _no_store(response: Any) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_signed_in_pages_are_not_cached(as_alice: Any, pat: Any, assessment: Any) -> None:
    for url in (
        reverse("patients:list"),
        reverse("patients:detail", args=[pat.pk]),
        reverse("assessments:result", args=[assessment.pk]),
        reverse("assessments:record", args=[assessment.pk]),
        reverse("audit:list"),
        reverse("clinics:users"),
    ):
        response = as_alice.get(url)
        assert response.status_code == 200 and _no_store(response), url


def test_the_pdfs_are_not_cached(
    as_alice: Any, client: Any, settings: Any, hep_link: tuple[Any, str]
) -> None:
    link, token = hep_link
    assert _no_store(as_alice.get(reverse("programmes:pdf", args=[link.plan.pk])))
    assert _no_store(client.get(reverse("programmes:public_pdf", args=[token])))


def test_the_patients_link_is_not_cached(client: Any, hep_link: tuple[Any, str]) -> None:
    response = client.get(reverse("programmes:public", args=[hep_link[1]]))
    assert response.status_code == 200 and _no_store(response)


def test_production_redirects_plain_http_and_sends_hsts(client: Any, settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS = True, 31536000
    response = client.get(reverse("login"))
    assert response.status_code == 301 and response["Location"].startswith("https://")
    secure = client.get(reverse("login"), secure=True)
    assert "max-age=31536000; includeSubDomains; preload" in secure["Strict-Transport-Security"]


def test_production_settings_turn_on_https_only(monkeypatch: Any) -> None:
    from backpath.web.config import load

    values = load({"SECRET_KEY": "k" + "0Yq3-vT9pLr8Wm2xKc7NbZ4aHs6Jd1Fg5Ue0Io9Py3Rt8Ew2Qz7X"})
    assert values["SSL_REDIRECT"] is True and values["HSTS_SECONDS"] >= 31536000


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [True, False])
def test_an_unknown_patient_link_shows_the_projects_own_not_found_page(
    client: Any, settings: Any, debug: bool
) -> None:
    settings.DEBUG = debug
    response = client.get("/p/not-a-real-token-at-all/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Not found</h1>" in page and "Technical" not in page and "urlpatterns" not in page


@pytest.mark.django_db
def test_a_revoked_link_in_development_is_the_friendly_page(
    client: Any, settings: Any, hep_link: tuple[Any, str]
) -> None:
    from django.utils import timezone

    link, token = hep_link
    link.revoked_at = timezone.now()
    link.save()
    settings.DEBUG = True
    response = client.get(f"/p/{token}/")
    assert response.status_code == 404 and "<h1>Not found</h1>" in response.content.decode()
