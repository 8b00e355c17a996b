"""The camera page and its suggestion endpoint; camera numbers travel through the assessment
form into the record and classify exactly as a typed test."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from backpath.web.assessments.formdata import form_from_record
from backpath.web.assessments.models import Assessment

from .conftest import EXTENSION_FORM

pytestmark = pytest.mark.django_db
CAMERA_FORM = {
    **EXTENSION_FORM,
    "test-RFIS-reps": "10",
    "test-RFIS-mechanical": "decreased_rom",
    "test-RFIS-camera-reps": "10",
    "test-RFIS-camera-first_deg": "58.5",
    "test-RFIS-camera-last_deg": "44",
}


def _suggest(client: Any, **query: str) -> Any:
    return client.get(reverse("camera:suggest"), query)


def test_the_suggestion_comes_from_the_core_with_its_reasons(as_alice: Any) -> None:
    got = _suggest(as_alice, test="REIS", first_deg="14", last_deg="23").json()
    assert got["mechanical"] == "increased_rom" and got["rule"] == "CAM1"
    assert "not lumbar range" in got["reasons"][1]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"test": "REIL", "first_deg": "1", "last_deg": "2"}, "test"),
        ({"test": "REIS", "first_deg": "x", "last_deg": "2"}, "first_deg"),
        ({"test": "REIS", "first_deg": "nan", "last_deg": "2"}, "first_deg"),
        ({"test": "REIS", "first_deg": "1", "last_deg": "inf"}, "last_deg"),
        ({"test": "REIS", "first_deg": "1", "last_deg": str(2**31)}, "last_deg"),
        ({"test": "REIS", "first_deg": "1"}, "last_deg"),
    ],
)
def test_a_bad_suggestion_query_is_a_400_naming_the_field(
    as_alice: Any, query: dict[str, str], field: str
) -> None:
    response = _suggest(as_alice, **query)
    assert response.status_code == 400
    assert response.json()["field"] == field


def test_the_camera_pages_need_a_signed_in_user(client: Any) -> None:
    assert client.get(reverse("camera:measure", args=["REIS"])).status_code == 302
    assert _suggest(client, test="REIS", first_deg="1", last_deg="2").status_code == 302


def test_only_standing_flexion_and_extension_have_a_camera_page(as_alice: Any) -> None:
    assert as_alice.get(reverse("camera:measure", args=["RFIS"])).status_code == 200
    assert as_alice.get(reverse("camera:measure", args=["REIL"])).status_code == 404


def test_the_camera_page_says_what_it_measures_and_loads_only_our_files(as_alice: Any) -> None:
    response = as_alice.get(reverse("camera:measure", args=["REIS"]))
    page = response.content.decode()
    assert "it is <strong>not</strong> lumbar range" in page
    assert "/static/backpath/vendor/mediapipe-pose/pose.js" in page
    assert "http" not in page.split("<main", 1)[1].split("</main>")[0]
    assert "'wasm-unsafe-eval'" in response["Content-Security-Policy"]
    assert response["Permissions-Policy"].startswith("camera=(self)")


def test_the_form_offers_the_camera_on_the_standing_rows_only(as_alice: Any, episode: Any) -> None:
    page = as_alice.get(reverse("episodes:assessment_new", args=[episode.pk])).content.decode()
    for code in ("FIS", "RFIS", "EIS", "REIS"):
        assert f'data-testid="camera-{code}"' in page
    for code in ("REIL", "RFIL", "RSGIS-L"):
        assert f'data-testid="camera-{code}"' not in page


def test_camera_numbers_are_kept_and_classify_as_a_typed_test(as_alice: Any, episode: Any) -> None:
    as_alice.post(reverse("episodes:assessment_new", args=[episode.pk]), CAMERA_FORM)
    measured = Assessment.objects.get()
    rfis = next(t for t in measured.record["tests"] if t["test"] == "RFIS")
    assert rfis["camera"] == {"reps": 10, "first_deg": 58.5, "last_deg": 44.0}
    assert rfis["mechanical"] == "decreased_rom"
    assert form_from_record(measured.record)["test-RFIS-camera-first_deg"] == "58.5"
    typed = {k: v for k, v in CAMERA_FORM.items() if "-camera-" not in k}
    as_alice.post(reverse("episodes:assessment_new", args=[episode.pk]), typed)
    other = Assessment.objects.exclude(pk=measured.pk).get()
    assert "camera" not in next(t for t in other.record["tests"] if t["test"] == "RFIS")
    assert other.result == {**measured.result, "id": other.result["id"]}


def test_bad_camera_numbers_show_an_error_and_save_nothing(as_alice: Any, episode: Any) -> None:
    form = {**CAMERA_FORM, "test-RFIS-camera-last_deg": "400"}
    response = as_alice.post(reverse("episodes:assessment_new", args=[episode.pk]), form)
    assert response.status_code == 400
    assert not Assessment.objects.exists()
    assert "last_deg" in response.content.decode() or "180" in response.content.decode()
