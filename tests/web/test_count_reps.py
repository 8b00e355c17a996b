""" "Count my reps" on the patient's programme: offered only for the exercises the core says the
camera can count, with the camera and WebAssembly allowed on that page alone; the count goes
into the session log's reps field and is stored exactly like a typed number."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from backpath.core.library import default_library
from backpath.web.camera.headers import CAMERA_CSP, CAMERA_PERMISSIONS
from backpath.web.clinics.middleware import CONTENT_SECURITY_POLICY
from backpath.web.programmes.forms import SessionLogForm
from backpath.web.programmes.models import ExerciseLog

pytestmark = pytest.mark.django_db
COUNTED = ("standing_back_extension", "flexion_in_standing")


@pytest.fixture
def counting_link(actor: Any, plan: Any) -> tuple[Any, str]:
    """Pat's accepted programme with standing back extension and flexion in standing added."""
    from backpath.web.plans.actions import accept_plan, add_exercise
    from backpath.web.programmes.actions import create_link

    for code in COUNTED:
        if code not in {i["exercise"] for i in plan.items}:
            reason = "Added for the camera counting tests, as a clinician would."
            plan = add_exercise(actor, plan, code, reason)
    return create_link(actor, accept_plan(actor, plan))


def _public(token: str) -> str:
    return reverse("programmes:public", args=[token])


def _log(client: Client, token: str, code: str, reps: str) -> Any:
    return client.post(
        _public(token),
        {
            "form": "session",
            "session": "yes",
            f"ex-{code}-done": "yes",
            f"ex-{code}-reps": reps,
            f"ex-{code}-change": "decreased",
            "emergency": "no",
        },
    )


def test_the_button_is_offered_only_for_the_exercises_the_camera_can_count(
    client: Client, counting_link: tuple[Any, str]
) -> None:
    link, token = counting_link
    page = client.get(_public(token)).content.decode()
    offered = set(re.findall(r'data-testid="count-open-([a-z0-9_]+)"', page))
    assert offered == set(COUNTED)
    others = {i["exercise"] for i in link.plan.items} - set(COUNTED)
    assert others, "the plan has exercises the camera cannot count"
    library = default_library()
    assert all(library.get(code).camera is None for code in others if code in library)


def test_each_counter_knows_its_direction_and_the_prescribed_reps_as_its_target(
    client: Client, counting_link: tuple[Any, str]
) -> None:
    link, token = counting_link
    page = client.get(_public(token)).content.decode()
    doses = {i["exercise"]: i["dose"] for i in link.plan.items}
    for code, direction in zip(COUNTED, ("extension", "flexion"), strict=True):
        section = re.search(rf'<div class="count-reps"[^>]*data-exercise="{code}"[^>]*>', page)
        assert section is not None, code
        assert f'data-direction="{direction}"' in section.group(0)
        assert f'data-target="{doses[code]["reps"]}"' in section.group(0)


def test_the_page_that_offers_counting_may_use_the_camera_and_run_the_model(
    client: Client, counting_link: tuple[Any, str]
) -> None:
    response = client.get(_public(counting_link[1]))
    assert response.headers["Content-Security-Policy"] == CAMERA_CSP
    assert "'wasm-unsafe-eval'" in CAMERA_CSP
    assert response.headers["Permissions-Policy"] == CAMERA_PERMISSIONS
    assert CAMERA_PERMISSIONS.startswith("camera=(self)")
    page = response.content.decode()
    for script in ("vendor/mediapipe-pose/pose.js", "camera/pose-track.js", "camera/home-count.js"):
        assert script in page, script


def test_a_programme_without_a_countable_exercise_keeps_the_camera_off(
    client: Client, hep_link: tuple[Any, str]
) -> None:
    link, token = hep_link
    assert not {i["exercise"] for i in link.plan.items} & set(COUNTED)
    response = client.get(_public(token))
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["Permissions-Policy"].startswith("camera=()")
    page = response.content.decode()
    assert "count-open-" not in page and "mediapipe-pose" not in page


def test_the_clinic_camera_page_sends_the_same_headers(as_alice: Client) -> None:
    response = as_alice.get(reverse("camera:measure", args=["REIS"]))
    assert response.headers["Content-Security-Policy"] == CAMERA_CSP
    assert response.headers["Permissions-Policy"] == CAMERA_PERMISSIONS
    assert "camera/pose-track.js" in response.content.decode()


def test_the_count_goes_into_the_log_forms_reps_field_of_that_exercise(
    client: Client, counting_link: tuple[Any, str]
) -> None:
    page = client.get(_public(counting_link[1])).content.decode()
    for code in COUNTED:  # home-count.js fills #reps-<code>, the field the form reads
        assert f'id="reps-{code}" name="ex-{code}-reps" type="number"' in page
    form = SessionLogForm({}, [{"exercise": c, "patient_name": c} for c in COUNTED])
    assert all(f"ex-{code}-reps" in form.fields for code in COUNTED)


def test_a_counted_log_is_stored_like_a_typed_one(
    client: Client, counting_link: tuple[Any, str]
) -> None:
    link, token = counting_link
    response = _log(client, token, "standing_back_extension", "3")
    assert response.status_code == 302
    stored = ExerciseLog.objects.get(session__link=link, exercise="standing_back_extension")
    assert stored.done and stored.reps == 3 and stored.change == "decreased"


@pytest.mark.parametrize("reps", ["three", "-1", "100000"])
def test_a_bad_count_is_refused_naming_the_exercise_and_the_allowed_numbers(
    client: Client, counting_link: tuple[Any, str], reps: str
) -> None:
    response = _log(client, counting_link[1], "flexion_in_standing", reps)
    assert response.status_code == 400
    message = response.content.decode()
    assert "repetitions must be a whole number from 0 to" in message
    assert "Standing and bending forwards" in message  # the exercise, by the patient's name
    assert not ExerciseLog.objects.exists()


def test_a_revoked_link_shows_no_counter_and_no_camera(
    client: Client, as_alice: Client, counting_link: tuple[Any, str]
) -> None:
    link, token = counting_link
    as_alice.post(reverse("programmes:revoke_link", args=[link.pk]))
    response = client.get(_public(token))
    assert response.status_code == 404
    assert response.headers["Permissions-Policy"].startswith("camera=()")
    assert "wasm" not in response.headers["Content-Security-Policy"]
    assert _log(client, token, "standing_back_extension", "3").status_code == 404


def test_another_clinic_cannot_revoke_the_link_of_a_counting_programme(
    client: Client, counting_link: tuple[Any, str], as_charlie: Client
) -> None:
    link, token = counting_link
    assert as_charlie.post(reverse("programmes:revoke_link", args=[link.pk])).status_code == 404
    assert "count-open-standing_back_extension" in client.get(_public(token)).content.decode()


def test_the_pdf_of_the_programme_has_no_counter(counting_link: tuple[Any, str]) -> None:
    from backpath.web.programmes.pdf import pdf_html

    html = pdf_html(counting_link[0].plan)
    assert "Standing and bending backwards" in html and "count-open-" not in html
