"""Generated values posted to every form and public endpoint (bounded examples, so it stays
fast): no server error, and no bad value saved. Runs on SQLite, and on PostgreSQL when the
suite does — where NUL characters and integers of 2³¹ and more used to be server errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from backpath.web.assessments.models import Assessment
from backpath.web.followups.models import FollowUp
from backpath.web.inputs import EARLIEST_VISIT
from backpath.web.patients.models import Episode, Patient
from backpath.web.programmes.forms import MAX_DAYS_WITHOUT_CHANGE
from backpath.web.programmes.models import NOTE_LENGTH, SessionLog

from .conftest import EXTENSION_FORM

pytestmark = pytest.mark.django_db

EXAMPLES = hypothesis_settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
ODD = st.one_of(
    _TEXT,
    st.sampled_from(
        [
            "",
            "\x00",
            "a\x00b",
            "inf",
            "-inf",
            "nan",
            "1e400",
            "-1",
            "0",
            "60",
            "61",
            "3000",
            str(2**31),
            str(2**63),
            "1" * 30,
            "0001-01-01",
            "2099-12-31",
            "31/02/2026",
            "2026-02-30",
            "yes",
            "no",
            "x" * 501,
            "٣",
            " 7 ",
            "<script>",
        ]
    ),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


def _posted(fields: tuple[str, ...]) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({}, optional={name: ODD for name in fields})


def _no_bad_values_saved() -> None:
    for log in SessionLog.objects.all():
        assert 0 <= log.days_without_change <= MAX_DAYS_WITHOUT_CHANGE
        assert len(log.note) <= NOTE_LENGTH and "\x00" not in log.note
    for a in Assessment.objects.all():
        assert a.assessed_on >= EARLIEST_VISIT
    for fu in FollowUp.objects.all():
        assert fu.seen_on >= EARLIEST_VISIT
    for p in Patient.objects.all():
        assert p.date_of_birth.year >= 1900 and "\x00" not in p.name + p.contact
    for e in Episode.objects.all():
        assert "\x00" not in e.complaint


def _fuzz(send: Callable[[dict[str, str]], Any], fields: tuple[str, ...]) -> None:
    @EXAMPLES
    @given(_posted(fields))
    def run(data: dict[str, str]) -> None:
        response = send(data)
        assert response.status_code < 500, (data, response.status_code)
        _no_bad_values_saved()

    run()


ASSESSMENT_FIELDS = (
    *EXTENSION_FORM,
    "version",
    "assessed_on",
    "action",
    "previous_episodes",
    "sij_provocation_positive",
    "odi-1",
    "rmdq-1",
    "psfs-1-score",
    "loss-flexion",
)


def test_the_assessment_form(as_alice: Any, episode: Any) -> None:
    url = reverse("episodes:assessment_new", args=[episode.pk])
    _fuzz(lambda d: as_alice.post(url, {**EXTENSION_FORM, **d}), ASSESSMENT_FIELDS)
    _fuzz(lambda d: as_alice.get(url, {"from": d.get("from", "")}), ("from",))


def test_the_follow_up_form(as_alice: Any, episode: Any, accepted_plan: Any) -> None:
    url = reverse("episodes:followup_new", args=[episode.pk])
    fields = (
        "seen_on",
        "nrs_back",
        "nrs_leg",
        "response",
        "adherence_percent",
        "days_stable",
        "days_symptom_free",
        "sym-back-central",
        "odi-1",
        "psfs-1-score",
        "red_flags",
    )
    _fuzz(lambda d: as_alice.post(url, d), fields)


def test_the_patient_forms(as_alice: Any, pat: Any) -> None:
    fields = ("name", "date_of_birth", "sex", "contact", "version")
    _fuzz(lambda d: as_alice.post(reverse("patients:create"), d), fields)
    _fuzz(lambda d: as_alice.post(reverse("patients:edit", args=[pat.pk]), d), fields)
    url = reverse("patients:episode_create", args=[pat.pk])
    _fuzz(lambda d: as_alice.post(url, d), ("complaint", "started_on"))
    _fuzz(lambda d: as_alice.get(reverse("patients:list"), d), ("q", "page", "alerts"))


def test_the_plan_and_follow_up_actions(as_alice: Any, accepted_plan: Any) -> None:
    for name in ("plans:add", "plans:remove"):
        url = reverse(name, args=[accepted_plan.pk])
        _fuzz(lambda d, u=url: as_alice.post(u, d), ("exercise", "reason"))


def test_the_audit_filters(as_alice: Any, pat: Any) -> None:
    fields = ("user", "patient", "action", "since", "until", "page")
    _fuzz(lambda d: as_alice.get(reverse("audit:list"), d), fields)


def test_the_user_forms(as_alice: Any, bob: Any) -> None:
    fields = ("username", "first_name", "last_name", "email", "role", "password")
    _fuzz(lambda d: as_alice.post(reverse("clinics:user_create"), d), fields)
    url = reverse("clinics:user_edit", args=[bob.pk])
    _fuzz(lambda d: as_alice.post(url, d), fields)


def test_the_public_endpoints(client: Any, hep_link: tuple[Any, str], settings: Any) -> None:
    settings.LINK_POSTS_PER_HOUR = 10_000
    url = reverse("programmes:public", args=[hep_link[1]])
    code = hep_link[0].plan.items[0]["exercise"]
    fields = (
        "change",
        "days_without_change",
        "note",
        "emergency",
        "session",
        f"ex-{code}-done",
        f"ex-{code}-reps",
        f"ex-{code}-change",
    )
    _fuzz(lambda d: client.post(url, {"change": "decreased", "emergency": "no", **d}), fields)
    outcome_fields = ("form", "nrs_back", "nrs_leg", "psfs-1")
    _fuzz(lambda d: client.post(url, {"form": "outcomes", **d}), outcome_fields)
    _fuzz(lambda d: client.get(url, d), ("logged",))
    _fuzz(lambda d: client.post(reverse("login"), d), ("username", "password"))
    _fuzz(lambda d: client.get(f"/p/{quote(d.get('t') or 'x', safe='')}/"), ("t",))
