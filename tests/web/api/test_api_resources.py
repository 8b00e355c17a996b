"""The API's resources, over the same actions as the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.web.conftest import BETTER_FOLLOWUP, extension_record

pytestmark = pytest.mark.django_db

NEW_PATIENT = {"name": "Sam Lee", "date_of_birth": "1985-02-03", "sex": "male"}


def test_it_creates_and_reads_a_patient(harbour_api: Any, harbour: Any) -> None:
    made = harbour_api("post", "patients", NEW_PATIENT)
    assert made.status_code == 201 and made["Location"].endswith(made.json()["id"])
    read = harbour_api("get", f"patients/{made.json()['id']}")
    assert read.json()["name"] == "Sam Lee" and read["ETag"] == '"1"'
    from backpath.web.patients.models import Patient

    assert Patient.objects.get().clinic == harbour


def test_the_patient_list_pages_and_filters(harbour_api: Any) -> None:
    for n in range(3):
        harbour_api("post", "patients", {**NEW_PATIENT, "name": f"Sam {n}"})
    page = harbour_api("get", "patients?limit=2&offset=1").json()
    assert page["count"] == 3 and [p["name"] for p in page["items"]] == ["Sam 1", "Sam 2"]
    assert harbour_api("get", "patients?q=sam 2").json()["count"] == 1
    assert harbour_api("get", "patients?since=2999-01-01").json()["count"] == 0


def test_a_bad_field_is_a_problem_naming_it(harbour_api: Any) -> None:
    response = harbour_api("post", "patients", {**NEW_PATIENT, "date_of_birth": "yesterday"})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["data.date_of_birth"]


def test_the_same_idempotency_key_gives_the_same_response_and_no_duplicate(
    harbour_api: Any,
) -> None:
    from backpath.web.patients.models import Patient

    first = harbour_api("post", "patients", NEW_PATIENT, idempotency_key="k-1")
    again = harbour_api("post", "patients", NEW_PATIENT, idempotency_key="k-1")
    assert again.status_code == 201 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Patient.objects.count() == 1
    other = harbour_api("post", "patients", {**NEW_PATIENT, "name": "B"}, idempotency_key="k-1")
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "Idempotency-Key"


def test_an_update_needs_the_current_etag(harbour_api: Any, pat: Any) -> None:
    body = {"name": "Pat M.", "date_of_birth": "1990-04-12", "sex": "female"}
    assert harbour_api("put", f"patients/{pat.pk}", body).status_code == 428
    assert harbour_api("put", f"patients/{pat.pk}", body, if_match='"9"').status_code == 412
    done = harbour_api("put", f"patients/{pat.pk}", body, if_match='"1"')
    assert done.status_code == 200 and done["ETag"] == '"2"' and done.json()["name"] == "Pat M."
    assert harbour_api("put", f"patients/{pat.pk}", body, if_match='"1"').status_code == 412


def test_it_opens_an_episode(harbour_api: Any, pat: Any) -> None:
    made = harbour_api("post", f"patients/{pat.pk}/episodes", {"complaint": "LBP"})
    assert made.status_code == 201
    listed = harbour_api("get", f"patients/{pat.pk}/episodes").json()
    assert [e["complaint"] for e in listed] == ["LBP"]


def test_a_future_start_date_is_refused_naming_the_field(harbour_api: Any, pat: Any) -> None:
    body = {"complaint": "LBP", "started_on": "2999-01-01"}
    response = harbour_api("post", f"patients/{pat.pk}/episodes", body)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "started_on"


def test_posting_a_record_stores_the_assessment_and_its_result(
    harbour_api: Any, episode: Any
) -> None:
    body = {"assessed_on": "2026-11-02", "record": extension_record()}
    made = harbour_api("post", f"episodes/{episode.pk}/assessments", body)
    assert made.status_code == 201
    result = made.json()["result"]
    assert result["classification"]["directional_preference"] == "extension"
    from backpath.web.assessments.models import Assessment

    stored = Assessment.objects.get()
    assert stored.result == result and stored.status == "final"
    assert [str(p.pk) for p in stored.plans.all()] == made.json()["plan_ids"]


def test_a_bad_record_is_a_problem_with_the_cores_message(harbour_api: Any, episode: Any) -> None:
    symptoms = [{"region": "back", "side": "central", "kind": "pain", "intensity": 16}]
    body = {"record": extension_record(symptoms=symptoms)}
    response = harbour_api("post", f"episodes/{episode.pk}/assessments", body)
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error == {
        "field": "symptoms[0].intensity",
        "detail": "symptoms[0].intensity: 16 is above the maximum 10",
    }
    from backpath.web.assessments.models import Assessment

    assert not Assessment.objects.exists()


def test_it_accepts_a_plan_with_if_match(harbour_api: Any, plan: Any) -> None:
    etag = harbour_api("get", f"plans/{plan.pk}")["ETag"]
    assert harbour_api("post", f"plans/{plan.pk}/accept").status_code == 428
    done = harbour_api("post", f"plans/{plan.pk}/accept", if_match=etag)
    assert done.status_code == 200 and done.json()["accepted_at"]
    assert harbour_api("post", f"plans/{plan.pk}/accept", if_match=etag).status_code == 412


def test_adding_an_exercise_goes_through_the_cores_gate(harbour_api: Any, plan: Any) -> None:
    etag = harbour_api("get", f"plans/{plan.pk}")["ETag"]
    refused = harbour_api(
        "post", f"plans/{plan.pk}/exercises", {"code": "flexion_in_lying"}, if_match=etag
    )
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "reason"
    reason = "Patient finds this settles the morning stiffness well."
    body = {"code": "flexion_in_lying", "reason": reason}
    made = harbour_api("post", f"plans/{plan.pk}/exercises", body, if_match=etag)
    assert made.status_code == 201 and made.json()["number"] == 2
    codes = [i["exercise"] for i in made.json()["plan"]["items"]]
    assert "flexion_in_lying" in codes
    from backpath.web.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="plan.override").exists()
    stale = harbour_api("post", f"plans/{plan.pk}/exercises", body, if_match=etag)
    assert stale.status_code == 412


def test_removing_an_exercise_makes_a_new_version(harbour_api: Any, plan: Any) -> None:
    etag = harbour_api("get", f"plans/{plan.pk}")["ETag"]
    gone = harbour_api("delete", f"plans/{plan.pk}/exercises/prone_press_up", if_match=etag)
    assert gone.status_code == 201
    assert "prone_press_up" not in [i["exercise"] for i in gone.json()["plan"]["items"]]
    versions = harbour_api("get", f"episodes/{plan.episode_id}/plans").json()
    assert [v["number"] for v in versions] == [2, 1]


def test_removing_an_exercise_not_in_the_plan_names_the_field(harbour_api: Any, plan: Any) -> None:
    etag = harbour_api("get", f"plans/{plan.pk}")["ETag"]
    response = harbour_api("delete", f"plans/{plan.pk}/exercises/dead_bugx", if_match=etag)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "exercise"


def test_a_follow_up_gives_the_cores_progression(
    harbour_api: Any, accepted_plan: Any, episode: Any
) -> None:
    body = {"seen_on": "2026-11-08", "record": {"nrs_back": 3, "response": "better"}}
    made = harbour_api("post", f"episodes/{episode.pk}/followups", body)
    assert made.status_code == 201, made.json()
    followup = made.json()
    assert followup["visit_number"] == 2 and followup["progression"]["rule"]
    accepted = harbour_api("post", f"followups/{followup['id']}/accept")
    assert accepted.status_code == 200


def test_a_follow_up_needs_an_accepted_plan(harbour_api: Any, plan: Any, episode: Any) -> None:
    response = harbour_api("post", f"episodes/{episode.pk}/followups", {"record": {}})
    assert response.status_code == 409


def test_the_exercise_library_is_the_cores(harbour_api: Any) -> None:
    from backpath.core.library import default_library

    listed = harbour_api("get", "exercises").json()
    assert len(listed) == len(default_library())
    one = harbour_api("get", "exercises/prone_press_up").json()
    assert one["name"] == "Prone press-up" and one["loads"] == ["extension"]
    assert harbour_api("get", "exercises/nope").status_code == 404


def test_an_assessment_made_through_the_api_shows_on_the_page(
    harbour_api: Any, as_alice: Any, episode: Any
) -> None:
    from django.urls import reverse

    made = harbour_api("post", f"episodes/{episode.pk}/assessments", {"record": extension_record()})
    page = as_alice.get(reverse("assessments:result", args=[made.json()["id"]]))
    rule = made.json()["result"]["classification"]["rule"]
    assert page.status_code == 200 and rule in page.content.decode()


def test_an_assessment_made_on_the_page_reads_the_same_through_the_api(
    harbour_api: Any, assessment: Any
) -> None:
    read = harbour_api("get", f"assessments/{assessment.pk}").json()
    assert read["result"] == assessment.result


def test_an_episodes_outcomes_give_each_visit_and_the_change_against_baseline(
    harbour_api: Any, as_alice: Any, accepted_plan: Any
) -> None:
    episode = accepted_plan.episode
    form = BETTER_FOLLOWUP
    as_alice.post(reverse("episodes:followup_new", args=[episode.pk]), form)
    body = harbour_api("get", f"episodes/{episode.pk}/outcomes").json()
    assert [(p["label"], p["nrs_back"], p["nrs_leg"]) for p in body["points"]] == [
        ("Initial", 6, 4),
        ("Visit 2", 2, 0),
    ]
    back = body["change"]["nrs_back"]
    assert (back["baseline"], back["latest"], back["delta"], back["verdict"]) == (
        6,
        2,
        -4,
        "improved",
    )
    assert back["mcid"] == "2 points or 30 %" and back["latest_on"] == "2026-11-12"
    assert "odi" not in body["change"]  # no ODI at the follow-up: nothing to judge


def test_outcomes_of_another_clinics_episode_are_a_404(hillside_api: Any, episode: Any) -> None:
    assert hillside_api("get", f"episodes/{episode.pk}/outcomes").status_code == 404


def test_an_episode_is_closed_with_an_outcome_and_reopened_with_a_reason(
    harbour_api: Any, episode: Any
) -> None:
    url = f"episodes/{episode.pk}"
    refused = harbour_api("post", f"{url}/close", {"discharge_outcome": "cured"})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "discharge_outcome"
    assert "discharged_improved" in refused.json()["detail"]  # the allowed values are named
    closed = harbour_api(
        "post", f"{url}/close", {"discharge_outcome": "referred_on", "closed_on": "2026-11-20"}
    ).json()
    assert (closed["closed_on"], closed["discharge_outcome"]) == ("2026-11-20", "referred_on")
    short = harbour_api("post", f"{url}/reopen", {"reason": "oops"})
    assert short.status_code == 422 and short.json()["errors"][0]["field"] == "reopen_reason"
    reopened = harbour_api(
        "post", f"{url}/reopen", {"reason": "Closed on the wrong patient by mistake today."}
    ).json()
    assert reopened["closed_on"] is None and reopened["reopened_at"] is not None


def test_a_link_is_made_once_shown_listed_without_its_token_and_revoked(
    harbour_api: Any, client: Any, accepted_plan: Any
) -> None:
    episode = accepted_plan.episode
    made = harbour_api("post", f"episodes/{episode.pk}/links", {"days": 30}, Idempotency_Key="l1")
    assert made.status_code == 201
    body = made.json()
    path = body["url"].split("testserver", 1)[-1]
    assert client.get(path).status_code == 200  # the patient's page opens
    again = harbour_api("post", f"episodes/{episode.pk}/links", {"days": 30}, Idempotency_Key="l1")
    assert again.json()["id"] == body["id"]  # a retry makes no second link
    listed = harbour_api("get", f"episodes/{episode.pk}/links").json()
    assert [row["id"] for row in listed] == [body["id"]] and "url" not in listed[0]
    revoked = harbour_api("post", f"links/{body['id']}/revoke").json()
    assert revoked["revoked_at"] is not None
    assert client.get(path).status_code == 404


def test_a_link_needs_an_accepted_plan(harbour_api: Any, plan: Any) -> None:
    response = harbour_api("post", f"episodes/{plan.episode.pk}/links", {})
    assert response.status_code == 409


def test_the_patients_sessions_read_exercise_by_exercise(
    harbour_api: Any, client: Any, hep_link: Any
) -> None:
    link, token = hep_link
    client.post(
        reverse("programmes:public", args=[token]),
        {"change": "spread_down_leg", "emergency": "no"},
    )
    (session,) = harbour_api("get", f"episodes/{link.episode.pk}/sessions").json()
    assert session["light"] == "red" and session["rule"] and session["done"] is True
    codes = [i["exercise"] for i in link.plan.items]
    assert [e["exercise"] for e in session["exercises"]] == codes
    assert all(e["light"] == "red" for e in session["exercises"])
