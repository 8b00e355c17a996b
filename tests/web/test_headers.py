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
    settings.PDF_WORKERS = 0
    link, token = hep_link
    assert _no_store(as_alice.get(reverse("programmes:pdf", args=[link.plan.pk])))
    assert _no_store(client.get(reverse("programmes:public_pdf", args=[token])))


def test_the_patients_link_is_not_cached(client: Any, hep_link: tuple[Any, str]) -> None:
    response = client.get(reverse("programmes:public", args=[hep_link[1]]))
    assert response.status_code == 200 and _no_store(response)
