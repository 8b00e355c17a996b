"""The patient's link follows the episode (always the current plan, with what changed), logs
each exercise, feeds adherence and home outcome measures back to the clinician."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from backpath.web.plans.actions import accept_plan, remove_exercise
from backpath.web.programmes.models import ExerciseLog, HepLink, HomeOutcome, SessionLog

pytestmark = pytest.mark.django_db


def _public(token: str) -> str:
    return reverse("programmes:public", args=[token])


def _codes(plan: Any) -> list[str]:
    return [i["exercise"] for i in plan.items]


def _progress(actor: Any, plan: Any) -> Any:
    """A new accepted version without the plan's first exercise."""
    return accept_plan(actor, remove_exercise(actor, plan, _codes(plan)[0], "progressed"))


# 1. One link per episode, always the current plan


def test_the_same_link_shows_the_new_version_and_says_what_changed(
    client: Any, actor: Any, hep_link: tuple[Any, str]
) -> None:
    link, token = hep_link
    v1 = link.plan
    client.get(_public(token))
    v2 = _progress(actor, v1)
    removed = _codes(v1)[0]
    page = client.get(_public(token)).content.decode()
    assert f'data-testid="hep-exercise-{removed}"' not in page
    assert 'data-testid="plan-updated"' in page and 'data-testid="change-removed"' in page
    assert f"updated on {timezone.localdate(v2.accepted_at):%-d %B %Y}" in page
    link.refresh_from_db()
    assert link.seen_plan == v2
    again = client.get(_public(token)).content.decode()
    assert 'data-testid="plan-updated"' not in again  # said once, since the last visit


def test_the_plan_page_shows_which_version_the_patient_sees_and_when(
    client: Any, as_alice: Any, actor: Any, hep_link: tuple[Any, str]
) -> None:
    link, token = hep_link
    page = as_alice.get(reverse("plans:detail", args=[link.plan.pk])).content.decode()
    assert "not opened yet" in page
    client.get(_public(token))
    v2 = _progress(actor, link.plan)
    page = as_alice.get(reverse("plans:detail", args=[v2.pk])).content.decode()
    assert f"<strong>v{v2.number}</strong>" in page
    assert "patient last opened it" in page and f"saw v{v2.number - 1}" in page


def test_a_revoked_link_stays_closed_across_versions(
    client: Any, as_alice: Any, actor: Any, hep_link: tuple[Any, str]
) -> None:
    link, token = hep_link
    as_alice.post(reverse("programmes:revoke_link", args=[link.pk]))
    _progress(actor, link.plan)
    assert client.get(_public(token)).status_code == 404


def _sqlite() -> bool:
    from django.db import connection

    return connection.vendor == "sqlite"


# SQLite cannot change its schema inside the test's transaction; PostgreSQL can, and its
# append-only audit table refuses the flush that a transactional test ends with.
@pytest.mark.django_db(transaction=_sqlite())
def test_existing_links_keep_working_after_the_migration() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("programmes", "0003_alert_count_index")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    executor = MigrationExecutor(connection)
    old = executor._create_project_state(with_applied_migrations=True).apps
    user = old.get_model("auth", "User").objects.create(username="m")
    clinic = old.get_model("clinics", "Clinic").objects.create(name="C")
    patient = old.get_model("patients", "Patient").objects.create(
        clinic=clinic, name="P Q", sex="female", date_of_birth=dt.date(1980, 1, 1)
    )
    episode = old.get_model("patients", "Episode").objects.create(
        patient=patient, complaint="LBP", started_on=dt.date(2026, 1, 1), created_by=user
    )
    plan = old.get_model("assessments", "PlanVersion").objects.create(
        episode=episode,
        number=1,
        source="clinician",
        stage="reduce",
        plan={},
        document={},
        created_by=user,
        accepted_at=timezone.now(),
    )
    old.get_model("programmes", "HepLink").objects.create(
        plan=plan, token_hash="h" * 64, created_by=user, expires_at=timezone.now()
    )
    if connection.vendor == "postgresql":  # no deferred checks pending before ALTER TABLE
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    link = HepLink.objects.get(token_hash="h" * 64)
    assert link.episode_id == episode.pk and link.seen_plan_id == plan.pk
    assert link.plan.pk == plan.pk


# 5. Per-exercise logging


def _session(link: Any, **extra: str) -> dict[str, str]:
    data = {"session": "yes", "emergency": "no"}
    for code in _codes(link.plan):
        data[f"ex-{code}-done"] = "yes"
        data[f"ex-{code}-reps"] = "10"
        data[f"ex-{code}-change"] = "decreased"
    data.update(extra)
    return data


def test_a_red_response_on_one_exercise_names_that_exercise(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    from backpath.core.library import default_library

    link, token = hep_link
    code = _codes(link.plan)[-1]
    data = _session(link, **{f"ex-{code}-change": "spread_down_leg"})
    response = client.post(_public(token), data, follow=True)
    log = SessionLog.objects.get()
    assert log.light == "red" and log.change == "spread_down_leg"
    rows = {e.exercise: e for e in ExerciseLog.objects.filter(session=log)}
    assert rows[code].light == "red" and rows[code].reps == 10
    assert {e.light for c, e in rows.items() if c != code} == {"green"}
    name = default_library().get(code).patient_name
    page = response.content.decode()
    assert 'data-testid="logged-red"' in page, page[page.find("logged") - 200 :][:600]
    assert f"About {name}: " in page and "Stop this exercise for now" in page


def test_not_today_needs_no_symptom_answer(client: Any, hep_link: tuple[Any, str]) -> None:
    _link, token = hep_link
    response = client.post(_public(token), {"session": "not_today", "emergency": "no"})
    assert response.status_code == 302
    log = SessionLog.objects.get()
    assert (log.done, log.light, log.change) == (False, "not_done", "")
    assert not ExerciseLog.objects.filter(session=log, done=True).exists()


def test_the_emergency_question_must_be_answered(client: Any, hep_link: tuple[Any, str]) -> None:
    link, token = hep_link
    data = _session(link)
    del data["emergency"]
    response = client.post(_public(token), data)
    assert response.status_code == 400 and b"emergency signs" in response.content
    assert not SessionLog.objects.exists()
    page = client.get(_public(token)).content.decode()
    assert 'name="emergency" value="no" checked' not in page


def test_a_done_exercise_needs_its_symptom_answer(client: Any, hep_link: tuple[Any, str]) -> None:
    link, token = hep_link
    code = _codes(link.plan)[0]
    data = _session(link, **{f"ex-{code}-change": ""})
    response = client.post(_public(token), data)
    assert response.status_code == 400 and b"Exercise 1" in response.content
    assert not SessionLog.objects.exists()


def test_adherence_is_shown_to_the_clinician_and_prefills_the_follow_up(
    client: Any, as_alice: Any, hep_link: tuple[Any, str]
) -> None:
    link, token = hep_link
    codes = _codes(link.plan)
    client.post(_public(token), _session(link, **{f"ex-{codes[0]}-done": "no"}))
    page = as_alice.get(reverse("plans:detail", args=[link.plan.pk])).content.decode()
    expected = round(100 * (len(codes) - 1) / len(codes))
    assert f'data-testid="adherence-overall">{expected} %' in page
    form = as_alice.get(reverse("episodes:followup_new", args=[link.episode.pk]))
    html = form.content.decode()
    assert 'data-testid="patient-reported"' in html and "adherence_percent" in html
    assert f'value="{expected}"' in html


# 6. Outcome measures at home


def _due(link: Any) -> None:
    plan = link.plan
    days = plan.plan["review_after_days"]
    type(plan).objects.filter(pk=plan.pk).update(
        accepted_at=timezone.now() - dt.timedelta(days=days)
    )


def test_outcomes_are_asked_only_before_a_review(client: Any, hep_link: tuple[Any, str]) -> None:
    link, token = hep_link
    assert 'data-testid="outcomes-form"' not in client.get(_public(token)).content.decode()
    refused = client.post(_public(token), {"form": "outcomes", "nrs_back": "3"})
    assert refused.status_code == 400 and not HomeOutcome.objects.exists()
    _due(link)
    assert 'data-testid="outcomes-form"' in client.get(_public(token)).content.decode()


def test_home_outcomes_prefill_the_follow_up_and_reach_the_chart(
    client: Any, as_alice: Any, hep_link: tuple[Any, str]
) -> None:
    link, token = hep_link
    _due(link)
    response = client.post(_public(token), {"form": "outcomes", "nrs_back": "3", "nrs_leg": "1"})
    assert response.status_code == 302
    assert (HomeOutcome.objects.get().nrs_back, HomeOutcome.objects.get().nrs_leg) == (3, 1)
    page = client.get(_public(token) + "?outcomes=saved").content.decode()
    assert 'data-testid="outcomes-saved"' in page and 'data-testid="outcomes-form"' not in page
    form = as_alice.get(reverse("episodes:followup_new", args=[link.episode.pk])).content.decode()
    assert 'data-testid="patient-reported"' in form and "nrs_back" in form
    episode = as_alice.get(reverse("episodes:detail", args=[link.episode.pk])).content.decode()
    assert 'data-patient-reported="true"' in episode and "At home (patient-reported)" in episode


@pytest.mark.parametrize("value", ["11", "-1", "x", "1" * 30, "3\x00"])
def test_a_bad_home_score_is_refused_and_saves_nothing(
    client: Any, hep_link: tuple[Any, str], value: str
) -> None:
    link, token = hep_link
    _due(link)
    response = client.post(_public(token), {"form": "outcomes", "nrs_back": value})
    assert response.status_code == 400
    assert b"Pain in your back" in response.content or b"nrs_back" in response.content
    assert not HomeOutcome.objects.exists()


# No patient surface shows another patient's data or a clinician-only field


def test_the_patient_page_shows_no_clinician_only_field_nor_another_patient(
    client: Any, actor: Any, hep_link: tuple[Any, str], harbour: Any
) -> None:
    from backpath.core.library import default_library
    from backpath.web.patients.actions import create_patient

    link, token = hep_link
    create_patient(
        actor,
        harbour,
        {"name": "Zed Other", "sex": "male", "contact": "", "date_of_birth": dt.date(1970, 1, 1)},
    )
    client.post(_public(token), _session(link))
    page = client.get(_public(token)).content.decode()
    assert "Zed" not in page and "Morgan" not in page  # no surname, no other patient
    lib = default_library()
    for item in link.plan.items:
        assert item["reason"] not in page  # the clinician's reasons
        entry = lib.get(item["exercise"])
        if entry.patient_name != entry.name:
            assert f">{entry.name}<" not in page
    for rule in ("R5", "R8.green", "R4"):
        assert f">{rule}<" not in page


def test_a_voided_plan_version_is_never_shown_through_the_link(
    client: Any, actor: Any, hep_link: Any
) -> None:
    from backpath.web.corrections import void

    link, token = hep_link
    plan = link.plan
    void(actor, plan, "Entered for the wrong patient, so this plan is void.")
    assert client.get(_public(token)).status_code == 404  # no live accepted version left
