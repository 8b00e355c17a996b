"""Nothing typed is lost: autosaved drafts survive an idle sign-out (time moved, not slept),
"stay signed in" keeps the session, and every create form submits once."""

from __future__ import annotations

import time
from html.parser import HTMLParser
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from backpath.web.assessments.models import Assessment
from backpath.web.audit.models import AuditEntry
from backpath.web.clinics.middleware import SESSION_KEY
from backpath.web.drafts.models import FormDraft, SubmittedForm
from backpath.web.followups.models import FollowUp
from backpath.web.patients.models import Episode, Patient

from .conftest import EXTENSION_FORM
from .test_mfa import _code, _enrol

pytestmark = pytest.mark.django_db

# Case p01's entries as the form names them (every kind of field: numbers, button groups,
# ticks, the body chart, the test grid, scores, free text).
P01_ENTRIES: dict[str, Any] = {
    "age": "34",
    "sex": "female",
    "duration_weeks": "2",
    "onset": "gradual",
    "previous_episodes": "1",
    "pattern": "intermittent",
    "previous_sciatica": "no",
    "prior_surgery": "no",
    "aggravating": ["sitting", "bending", "rising_from_sitting"],
    "easing": ["walking", "lying_prone"],
    "sym-back-central": "6",
    "sym-back-central-kind": "pain",
    "sym-buttock-left": "4",
    "sym-buttock-left-kind": "pain",
    "lateral_shift": "none",
    "loss-flexion": "moderate",
    "loss-extension": "minimal",
    "loss-side_glide_left": "nil",
    "loss-side_glide_right": "nil",
    "test-FIS-during": "increase",
    "test-FIS-after": "no_worse",
    "test-REIL-during": "centralise",
    "test-REIL-after": "centralised",
    "test-REIL-mechanical": "increased_rom",
    "test-REIL-reps": "10",
    "nrs_back": "6",
    "nrs_leg": "3",
    **{f"odi-{n}": s for n, s in enumerate("3223212021", start=1)},
    **{f"sb-{n}": s for n, s in enumerate("110010012", start=1)},
    "treatment-1": "hamstring_stretch",
    "treatment-4": "Foam roller",
}
FOLLOWUP_ENTRIES: dict[str, Any] = {
    "nrs_back": "2",
    "nrs_leg": "0",
    "response": "better",
    "adherence_percent": "90",
    "days_stable": "8",
    "sym-back-central": "2",
    "sym-back-central-kind": "pain",
    "odi-1": "1",
}


class _FormFields(HTMLParser):
    """The values a rendered form would submit: name → value, or every ticked value."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._select: str | None = None

    def _add(self, name: str | None, value: str | None) -> None:
        if name:
            self.values.setdefault(name, []).append(value or "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "input" and a.get("type") in ("checkbox", "radio"):
            if "checked" in a:
                self._add(a.get("name"), a.get("value"))
        elif tag == "input" and a.get("value"):
            self._add(a.get("name"), a.get("value"))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self._add(self._select, a.get("value"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def _shown(html: str) -> dict[str, list[str]]:
    parser = _FormFields()
    parser.feed(html)
    return parser.values


def _missing(entries: dict[str, Any], html: str) -> list[str]:
    shown = _shown(html)
    return [
        name
        for name, value in entries.items()
        if sorted(shown.get(name, [])) != sorted(value if isinstance(value, list) else [value])
    ]


def _sign_in(username: str, next_url: str = "") -> Client:
    client = Client()
    response = client.post(
        reverse("login"),
        {"username": username, "password": f"pw-{username}-long-enough", "next": next_url},
    )
    assert response.status_code == 302
    return client


def _idle_for(client: Client, seconds: float) -> None:
    """Move the session's last activity back in time (no sleeping)."""
    session = client.session
    session[SESSION_KEY] = time.time() - seconds
    session.save()


def _autosave(client: Client, path: str, entries: dict[str, Any]) -> Any:
    return client.post(reverse("drafts:autosave"), {"draft_path": path, **entries})


def _sign_out_idle_and_back(client: Client, username: str, path: str) -> Client:
    """Idle past the limit, open the form (→ sign-in with next=), sign in, land on the form."""
    _idle_for(client, settings.SESSION_IDLE_SECONDS + 5)
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert f"next={path}" in response["Location"]
    again = Client()
    signed_in = again.post(
        reverse("login"),
        {"username": username, "password": f"pw-{username}-long-enough", "next": path},
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == path
    return again


def test_every_entry_of_an_assessment_is_restored_after_an_idle_sign_out(
    alice: Any, episode: Any
) -> None:
    path = reverse("episodes:assessment_new", args=[episode.pk])
    client = _sign_in("alice")
    assert _autosave(client, path, P01_ENTRIES).status_code == 200
    again = _sign_out_idle_and_back(client, "alice", path)
    page = again.get(path).content.decode()
    assert _missing(P01_ENTRIES, page) == []
    assert 'data-testid="draft-restored"' in page


def test_a_follow_up_typed_on_one_device_continues_on_another_after_the_sign_out(
    alice: Any, accepted_plan: Any, episode: Any
) -> None:
    path = reverse("episodes:followup_new", args=[episode.pk])
    tablet = _sign_in("alice")
    assert _autosave(tablet, path, FOLLOWUP_ENTRIES).status_code == 200
    desk = _sign_out_idle_and_back(tablet, "alice", path)
    assert _missing(FOLLOWUP_ENTRIES, desk.get(path).content.decode()) == []


def test_the_sign_in_and_the_second_factor_keep_the_way_back_to_the_form(
    alice: Any, episode: Any
) -> None:
    path = reverse("episodes:assessment_new", args=[episode.pk])
    client = _sign_in("alice")
    _enrol(client, alice)
    _autosave(client, path, P01_ENTRIES)
    _idle_for(client, settings.SESSION_IDLE_SECONDS + 5)
    login_url = client.get(path)["Location"]
    again = Client()
    response = again.post(
        login_url, {"username": "alice", "password": "pw-alice-long-enough", "next": path}
    )
    assert response["Location"] == path
    verify = again.get(path)["Location"]  # the second factor first, with the way back
    assert verify.startswith(reverse("mfa_verify")) and again.get(verify).status_code == 200
    code = _code(TOTPDevice.objects.get(user=alice), 1)
    done = again.post(verify, {"token": code})
    assert done.status_code == 302 and done["Location"] == path
    assert _missing(P01_ENTRIES, again.get(path).content.decode()) == []


def test_finishing_the_assessment_discards_its_draft(as_alice: Any, episode: Any) -> None:
    path = reverse("episodes:assessment_new", args=[episode.pk])
    _autosave(as_alice, path, {"nrs_back": "6"})
    assert as_alice.post(path, EXTENSION_FORM).status_code == 302
    assert not FormDraft.objects.exists()
    assert 'data-testid="draft-restored"' not in as_alice.get(path).content.decode()


def test_a_draft_is_kept_once_per_form_and_audited_when_first_made(
    as_alice: Any, episode: Any
) -> None:
    path = reverse("episodes:assessment_new", args=[episode.pk])
    _autosave(as_alice, path, {"nrs_back": "6"})
    _autosave(as_alice, path, {"nrs_back": "7"})
    assert FormDraft.objects.get().values == {"nrs_back": "7"}
    assert AuditEntry.objects.filter(action="draft.create").count() == 1


def test_bob_sees_his_own_draft_not_alices(as_alice: Any, as_bob: Any, episode: Any) -> None:
    path = reverse("episodes:assessment_new", args=[episode.pk])
    _autosave(as_alice, path, {"nrs_back": "9"})
    assert 'data-testid="draft-restored"' not in as_bob.get(path).content.decode()


@pytest.mark.parametrize(
    "path",
    ["/patients/", "/episodes/00000000-0000-0000-0000-000000000000/assessments/new/", "x", ""],
)
def test_autosave_refuses_an_address_that_is_not_a_form_of_yours(as_alice: Any, path: str) -> None:
    assert _autosave(as_alice, path, {"nrs_back": "6"}).status_code == 404
    assert not FormDraft.objects.exists()


def test_charlie_cannot_autosave_into_alices_episode(as_charlie: Any, episode: Any) -> None:
    path = reverse("episodes:assessment_new", args=[episode.pk])
    assert _autosave(as_charlie, path, {"nrs_back": "6"}).status_code == 404
    assert not FormDraft.objects.exists()


def test_after_the_idle_limit_autosave_saves_nothing(alice: Any, episode: Any) -> None:
    client = _sign_in("alice")
    _idle_for(client, settings.SESSION_IDLE_SECONDS + 5)
    path = reverse("episodes:assessment_new", args=[episode.pk])
    assert _autosave(client, path, {"nrs_back": "6"}).status_code == 302
    assert not FormDraft.objects.exists()


def test_the_form_counts_down_from_the_idle_limit_and_offers_stay_signed_in(
    as_alice: Any, episode: Any
) -> None:
    page = as_alice.get(reverse("episodes:assessment_new", args=[episode.pk])).content.decode()
    assert f'data-idle-left="{settings.SESSION_IDLE_SECONDS}"' in page
    assert 'data-testid="stay-signed-in"' in page


def test_stay_signed_in_restarts_the_idle_countdown(alice: Any) -> None:
    client = _sign_in("alice")
    _idle_for(client, settings.SESSION_IDLE_SECONDS - 60)  # the warning is showing
    response = client.post(reverse("drafts:keepalive"))
    assert response.json()["idle_left"] >= settings.SESSION_IDLE_SECONDS - 2
    assert time.time() - client.session[SESSION_KEY] < 5


def test_keepalive_needs_a_post_and_a_signed_in_user(as_alice: Any) -> None:
    assert as_alice.get(reverse("drafts:keepalive")).status_code == 405
    assert Client().post(reverse("drafts:keepalive")).status_code == 302


# Submit once: the same rendered form submitted twice creates one object.


def _twice(client: Client, url: str, data: dict[str, Any]) -> tuple[Any, Any]:
    data = {**data, "idem": "6f1c2a8e-4b7d-4e5f-9a0b-1c2d3e4f5a6b"}
    return client.post(url, data), client.post(url, data)


def test_a_patient_submitted_twice_is_created_once(as_alice: Any, alice: Any) -> None:
    data = {"name": "Sam Okafor", "date_of_birth": "1980-05-01", "sex": "male", "contact": ""}
    first, second = _twice(as_alice, reverse("patients:create"), data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Patient.objects.count() == 1
    assert SubmittedForm.objects.get().user == alice


def test_two_forms_with_their_own_keys_create_two_patients(as_alice: Any) -> None:
    data = {"name": "Sam Okafor", "date_of_birth": "1980-05-01", "sex": "male", "contact": ""}
    for key in ("6f1c2a8e-4b7d-4e5f-9a0b-1c2d3e4f5a6b", "7f1c2a8e-4b7d-4e5f-9a0b-1c2d3e4f5a6b"):
        as_alice.post(reverse("patients:create"), {**data, "idem": key, "confirm": "1"})
    assert Patient.objects.count() == 2


def test_a_form_shown_again_with_errors_can_be_corrected_and_sent_with_its_key(
    as_alice: Any,
) -> None:
    url, key = reverse("patients:create"), "6f1c2a8e-4b7d-4e5f-9a0b-1c2d3e4f5a6b"
    as_alice.post(url, {"name": "", "date_of_birth": "1980-05-01", "idem": key})
    data = {"name": "Sam Okafor", "date_of_birth": "1980-05-01", "sex": "male", "idem": key}
    assert as_alice.post(url, data).status_code == 302
    assert Patient.objects.count() == 1


def test_someone_elses_key_is_not_a_shortcut_to_their_patient(as_alice: Any, as_bob: Any) -> None:
    data = {"name": "Sam Okafor", "date_of_birth": "1980-05-01", "sex": "male"}
    key = {"idem": "6f1c2a8e-4b7d-4e5f-9a0b-1c2d3e4f5a6b", "confirm": "1"}
    as_alice.post(reverse("patients:create"), {**data, **key})
    as_bob.post(reverse("patients:create"), {**data, **key})
    assert Patient.objects.count() == 2


def test_an_episode_submitted_twice_is_opened_once(as_alice: Any, pat: Any) -> None:
    url = reverse("patients:episode_create", args=[pat.pk])
    first, second = _twice(as_alice, url, {"complaint": "LBP", "started_on": "2026-11-02"})
    assert first["Location"] == second["Location"] and Episode.objects.count() == 1


def test_an_assessment_finished_twice_is_stored_once(as_alice: Any, episode: Any) -> None:
    url = reverse("episodes:assessment_new", args=[episode.pk])
    first, second = _twice(as_alice, url, EXTENSION_FORM)
    assert first["Location"] == second["Location"] and Assessment.objects.count() == 1
    assert episode.plans.count() == 1


def test_a_new_draft_saved_twice_is_one_draft(as_alice: Any, episode: Any) -> None:
    url = reverse("episodes:assessment_new", args=[episode.pk])
    _twice(as_alice, url, {**EXTENSION_FORM, "action": "draft"})
    assert Assessment.objects.count() == 1


def test_a_follow_up_recorded_twice_is_stored_once(
    as_alice: Any, accepted_plan: Any, episode: Any
) -> None:
    url = reverse("episodes:followup_new", args=[episode.pk])
    first, second = _twice(as_alice, url, {"nrs_back": "2", "response": "better"})
    assert first.status_code == 302 and first["Location"] == second["Location"]
    assert FollowUp.objects.count() == 1


def test_a_malformed_key_is_ignored_not_an_error(as_alice: Any) -> None:
    data = {"name": "Sam Okafor", "date_of_birth": "1980-05-01", "sex": "male"}
    response = as_alice.post(reverse("patients:create"), {**data, "idem": "x" * 5000})
    assert response.status_code == 302 and not SubmittedForm.objects.exists()


def test_every_create_form_carries_a_fresh_key(as_alice: Any, pat: Any, episode: Any) -> None:
    pages = [
        reverse("patients:create"),
        reverse("patients:detail", args=[pat.pk]),
        reverse("episodes:assessment_new", args=[episode.pk]),
    ]
    for url in pages:
        first, second = (as_alice.get(url).content.decode() for _ in range(2))
        key = _shown(first).get("idem")
        assert key and key != _shown(second).get("idem"), url
