"""Bad input is a 400 that names the field and saves nothing — never a server error, never a
value quietly cut, clamped or replaced (on SQLite and PostgreSQL alike)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from backpath.web.assessments.models import Assessment
from backpath.web.followups.models import FollowUp
from backpath.web.programmes.models import SessionLog

from .conftest import EXTENSION_FORM

pytestmark = pytest.mark.django_db

HUGE = "1" * 30


def _assess(client: Any, episode: Any, **changes: str) -> Any:
    url = reverse("episodes:assessment_new", args=[episode.pk])
    return client.post(url, {**EXTENSION_FORM, **changes})


@pytest.mark.parametrize("version", ["abc", "-1", HUGE, str(2**31), "1.5", "٣"])
def test_a_bad_form_version_is_refused(as_alice: Any, episode: Any, version: str) -> None:
    response = _assess(as_alice, episode, version=version)
    assert response.status_code == 400 and b"version" in response.content
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    "day", ["0001-01-01", "2099-01-01", "1999-12-31", "yesterday", "2026-02-30", HUGE]
)
def test_an_assessment_date_outside_the_window_or_unparseable_is_refused(
    as_alice: Any, episode: Any, day: str
) -> None:
    for action in ("finish", "draft"):
        response = _assess(as_alice, episode, assessed_on=day, action=action)
        assert response.status_code == 400 and b"assessed_on" in response.content
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("value", ["inf", "1e400"])
def test_a_number_that_is_not_finite_is_refused(as_alice: Any, episode: Any, value: str) -> None:
    response = _assess(as_alice, episode, duration_weeks=value)
    assert response.status_code == 400
    assert not Assessment.objects.exists()


def test_reassessing_from_a_malformed_id_is_a_404(as_alice: Any, episode: Any) -> None:
    url = reverse("episodes:assessment_new", args=[episode.pk])
    assert as_alice.get(url, {"from": "abc"}).status_code == 404


@pytest.mark.parametrize("day", ["0001-01-01", "2099-01-01", "not a date"])
def test_a_follow_up_date_outside_the_window_or_unparseable_is_refused(
    as_alice: Any, episode: Any, accepted_plan: Any, day: str
) -> None:
    url = reverse("episodes:followup_new", args=[episode.pk])
    response = as_alice.post(url, {"seen_on": day, "nrs_back": "2", "response": "better"})
    assert response.status_code == 400 and b"seen_on" in response.content
    assert not FollowUp.objects.exists()


def test_a_huge_carried_from_is_no_server_error(as_alice: Any, accepted_plan: Any) -> None:
    url = reverse("followups:accept", args=["00000000-0000-0000-0000-000000000000"])
    assert as_alice.post(url, {"carried_from": HUGE}).status_code == 404


def _log(client: Any, token: str, **changes: str) -> Any:
    data = {"change": "decreased", "days_without_change": "0", "emergency": "no", **changes}
    return client.post(reverse("programmes:public", args=[token]), data)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("days_without_change", "61"),
        ("days_without_change", "3000"),
        ("days_without_change", "1000000000"),
        ("days_without_change", HUGE),
        ("days_without_change", "-1"),
        ("days_without_change", "two"),
        ("note", "x" * 501),
        ("note", "hello\x00"),
        ("change", "teleported"),
        ("change", ""),
        ("emergency", "maybe"),
        ("emergency", ""),
        ("session", "sometimes"),
        ("ex-{code}-reps", HUGE),
        ("ex-{code}-reps", "-1"),
        ("ex-{code}-reps", "201"),
        ("ex-{code}-done", "perhaps"),
        ("ex-{code}-change", "teleported\x00"),
    ],
)
def test_the_public_log_refuses_a_bad_value_and_saves_nothing(
    client: Any, hep_link: tuple[Any, str], field: str, value: str
) -> None:
    code = hep_link[0].plan.items[0]["exercise"]
    response = _log(client, hep_link[1], **{field.format(code=code): value})
    assert response.status_code == 400
    assert not SessionLog.objects.exists()


def test_the_public_log_names_the_limit_of_a_note(client: Any, hep_link: tuple[Any, str]) -> None:
    response = _log(client, hep_link[1], note="x" * 501)
    assert b"500 characters" in response.content


def test_the_public_log_keeps_a_note_at_the_limit_whole(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    assert _log(client, hep_link[1], note="x" * 500, days_without_change="60").status_code == 302
    assert SessionLog.objects.get().note == "x" * 500


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("patient", {"name": "Pat\x00", "sex": "female", "date_of_birth": "1990-01-01"}),
        ("assessment", {**EXTENSION_FORM, "treatment-1": "walk\x00"}),
    ],
)
def test_a_null_character_in_any_field_is_a_400_naming_it(
    as_alice: Any, episode: Any, name: str, data: dict[str, Any]
) -> None:
    url = {
        "patient": reverse("patients:create"),
        "assessment": reverse("episodes:assessment_new", args=[episode.pk]),
    }[name]
    response = as_alice.post(url, data)
    assert response.status_code == 400 and b"null characters" in response.content
    assert not Assessment.objects.exists()


def test_a_null_character_in_a_search_is_a_400(as_alice: Any) -> None:
    assert as_alice.get(reverse("patients:list"), {"q": "a\x00b"}).status_code == 400


def test_a_huge_patient_version_is_refused(as_alice: Any, pat: Any) -> None:
    response = as_alice.post(
        reverse("patients:edit", args=[pat.pk]),
        {"name": "Pat M", "sex": "female", "date_of_birth": "1990-04-12", "version": HUGE},
    )
    assert response.status_code == 200 and "version" in response.context["form"].errors
    pat.refresh_from_db()
    assert pat.name == "Pat Morgan"
