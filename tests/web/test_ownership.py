"""Every view that takes an id: Charlie (another clinic) gets a 404, as for a missing id."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# (url name, which object's id, method)
VIEWS = [
    ("patients:detail", "patient", "get"),
    ("patients:edit", "patient", "get"),
    ("patients:edit", "patient", "post"),
    ("patients:episode_create", "patient", "post"),
    ("episodes:detail", "episode", "get"),
    ("episodes:close", "episode", "get"),
    ("episodes:close", "episode", "post"),
    ("episodes:reopen", "episode", "post"),
    ("episodes:assessment_new", "episode", "get"),
    ("episodes:assessment_new", "episode", "post"),
    ("episodes:followup_new", "episode", "get"),
    ("assessments:result", "assessment", "get"),
    ("assessments:edit", "assessment", "get"),
    ("assessments:accept_and_give", "assessment", "post"),
    ("assessments:record", "assessment", "get"),
    ("assessments:void", "assessment", "post"),
    ("plans:detail", "plan", "get"),
    ("plans:remove", "plan", "post"),
    ("plans:add", "plan", "post"),
    ("plans:accept", "plan", "post"),
    ("plans:dose", "plan", "post"),
    ("plans:move", "plan", "post"),
    ("plans:note", "plan", "post"),
    ("plans:template_apply", "plan", "post"),
    ("plans:template_save", "plan", "post"),
    ("plans:void", "plan", "post"),
    ("programmes:create_link", "plan", "post"),
    ("programmes:pdf", "plan", "get"),
    ("programmes:revoke_link", "link", "post"),
    ("followups:detail", "followup", "get"),
    ("followups:accept", "followup", "post"),
    ("followups:void", "followup", "post"),
]


@pytest.fixture
def objects(
    pat: Any, episode: Any, assessment: Any, accepted_plan: Any, hep_link: Any, actor: Any
) -> dict[str, Any]:
    from backpath.web.followups import actions as followups
    from backpath.web.programmes.actions import log_session

    session = log_session(actor, hep_link[0], "spread_down_leg")
    data, _ = followups.followup_record(
        {"nrs_back": "4", "response": "better"}, episode, accepted_plan, episode.started_on
    )
    followup = followups.record_followup(actor, episode, accepted_plan, data, episode.started_on)
    return {
        "patient": pat,
        "episode": episode,
        "assessment": assessment,
        "plan": accepted_plan,
        "link": hep_link[0],
        "session": session,
        "followup": followup,
    }


@pytest.mark.parametrize(("name", "kind", "method"), VIEWS)
def test_charlie_gets_404_for_alices_objects(
    as_charlie: Any, objects: dict[str, Any], name: str, kind: str, method: str
) -> None:
    url = reverse(name, args=[objects[kind].pk])
    response = getattr(as_charlie, method)(url)
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "kind", "method"), VIEWS)
def test_a_missing_id_is_a_404_too(
    as_alice: Any, objects: dict[str, Any], name: str, kind: str, method: str
) -> None:
    response = getattr(as_alice, method)(reverse(name, args=[uuid.uuid4()]))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "kind", "method"), [v for v in VIEWS if v[2] == "get"])
def test_bob_sees_his_colleagues_patients(
    as_bob: Any, objects: dict[str, Any], name: str, kind: str, method: str
) -> None:
    response = as_bob.get(reverse(name, args=[objects[kind].pk]))
    assert response.status_code in (200, 302)


def test_charlie_does_not_find_pat_in_his_list(as_charlie: Any, pat: Any) -> None:
    response = as_charlie.get(reverse("patients:list"), {"q": "Pat"})
    assert "Pat Morgan" not in response.content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client: Any, pat: Any) -> None:
    response = client.get(reverse("patients:detail", args=[pat.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_user_without_a_clinic_profile_is_refused(
    client: Any, django_user_model: Any, pat: Any
) -> None:
    client.force_login(django_user_model.objects.create_user("mallory", password="x" * 20))
    assert client.get(reverse("patients:detail", args=[pat.pk])).status_code == 403


# The clinic's users: pages for its admins only. (url name, takes a user id, method)
USER_VIEWS = [
    ("clinics:users", False, "get"),
    ("clinics:user_create", False, "get"),
    ("clinics:user_create", False, "post"),
    ("clinics:user_edit", True, "get"),
    ("clinics:user_edit", True, "post"),
    ("clinics:user_deactivate", True, "post"),
    ("clinics:user_reactivate", True, "post"),
    ("clinics:user_reset_password", True, "post"),
]
USER_ID_VIEWS = [v for v in USER_VIEWS if v[1]]
NEW_USER = {"username": "eve", "first_name": "Eve", "last_name": "Ng", "role": "admin"}


@pytest.mark.parametrize(("name", "takes_id", "method"), USER_VIEWS)
def test_a_clinician_who_is_not_admin_gets_404_for_the_users_pages(
    as_bob: Any, alice: Any, name: str, takes_id: bool, method: str
) -> None:
    url = reverse(name, args=[alice.pk] if takes_id else [])
    assert getattr(as_bob, method)(url, NEW_USER).status_code == 404
    assert not _user_exists("eve")


@pytest.mark.parametrize(("name", "takes_id", "method"), USER_ID_VIEWS)
def test_another_clinics_admin_gets_404_for_our_users(
    as_charlie: Any, bob: Any, name: str, takes_id: bool, method: str
) -> None:
    data = {"first_name": "X", "last_name": "Y", "role": "clinician"}
    response = getattr(as_charlie, method)(reverse(name, args=[bob.pk]), data)
    assert response.status_code == 404
    bob.refresh_from_db()
    assert bob.is_active and bob.check_password("pw-bob-long-enough") and bob.first_name == ""


@pytest.mark.parametrize(("name", "takes_id", "method"), USER_ID_VIEWS)
def test_a_missing_user_id_is_a_404_too(
    as_alice: Any, alice: Any, name: str, takes_id: bool, method: str
) -> None:
    assert getattr(as_alice, method)(reverse(name, args=[alice.pk + 999])).status_code == 404


def test_another_clinics_admin_does_not_see_our_users_in_his_list(
    as_charlie: Any, alice: Any, bob: Any
) -> None:
    table = as_charlie.get(reverse("clinics:users")).content.decode()
    table = table.split('data-testid="user-table"')[1]
    assert "charlie" in table and "alice" not in table and "bob" not in table


def _user_exists(username: str) -> bool:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username=username).exists()
