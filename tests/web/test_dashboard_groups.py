"""The dashboard reads stored groups: the same figures as the episodes one by one (an exact date
range cutting months included), kept by the job queue after a write, rebuilt in bulk, and
still scoped to the user's clinic and caseload."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from backpath.core import cohort
from backpath.web.analytics import figures
from backpath.web.analytics.groups import rebuild_groups, refresh_groups
from backpath.web.analytics.models import EpisodeSummary, SummaryGroup
from backpath.web.analytics.scope import scope_for, whole_months

from .test_dashboard import DASHBOARD, TODAY, back, summary

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def season(harbour: Any, alice: Any, bob: Any) -> list[EpisodeSummary]:
    """Eleven episodes from September to November: Alice's extension derangements on 10 and
    25 September, 5 and 20 October and 3 November (back pain 6→4, 6→5, 8→6, 6→2, 7→7), two
    postural ones of hers, three of Bob's, and one closed."""
    made = [
        summary(harbour, alice, started_on=day, **back(*scores))
        for day, scores in (
            (D(2026, 9, 10), (6, 4, True, 7)),
            (D(2026, 9, 25), (6, 5, False)),
            (D(2026, 10, 5), (8, 6, True, 14)),
            (D(2026, 10, 20), (6, 2, True, 7)),
            (D(2026, 11, 3), (7, 7, False)),
        )
    ]
    for day in (D(2026, 9, 12), D(2026, 10, 31)):
        made.append(summary(harbour, alice, started_on=day, syndrome="postural", subgroup="",
                            dp="", **back(4, 1, True, 21)))  # fmt: skip
    for day in (D(2026, 9, 30), D(2026, 10, 1), D(2026, 11, 30)):
        made.append(summary(harbour, bob, started_on=day, dp="", **back(5, 3, True, 28)))
    made.append(summary(harbour, bob, started_on=D(2026, 10, 2), closed_on=D(2026, 11, 1),
                        discharge_outcome="improved", referral_urgency="soon"))  # fmt: skip
    return made


def _read(caplog: Any) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "backpath.analytics"]


FILTERS = [
    {},
    {"since": "2026-09-20"},
    {"until": "2026-10-10"},
    {"since": "2026-09-20", "until": "2026-10-31"},
    {"since": "2026-10-05", "until": "2026-10-20"},  # within one month: episode rows only
    {"since": "2026-09-01", "until": "2026-11-30"},  # whole months: groups only
    {"clinician": "bob", "since": "2026-09-30"},
    {"syndrome": "postural"},
    {"dp": "none", "until": "2026-10-01"},
    {"dp": "extension", "since": "2026-12-01"},
]


@pytest.mark.parametrize("chosen", FILTERS)
def test_the_groups_give_the_figures_of_the_episodes_one_by_one(
    season: Any, alice: Any, chosen: dict[str, str]
) -> None:
    scope = scope_for(alice, chosen)
    assert cohort.figures(scope.cohort(), TODAY) == figures.board(scope.summaries(), TODAY)


def test_an_exact_date_range_cuts_months_by_hand(season: Any, alice: Any, caplog: Any) -> None:
    """25 September to 31 October: October's groups, and September's last days row by row."""
    caplog.set_level(logging.DEBUG, logger="backpath.analytics")
    scope = scope_for(
        alice, {"since": "2026-09-25", "until": "2026-10-31", "syndrome": "derangement"}
    )
    got = cohort.figures(scope.cohort(), TODAY)
    # Alice's 25 Sep, 5 and 20 Oct; Bob's 30 Sep, 1 and 2 Oct
    assert got["caseload"]["episodes"] == 6 and got["caseload"]["active"] == 5
    ext = {r["key"]: r for r in got["outcomes"]}[("derangement", "extension", "extension")]
    assert ext["episodes"] is None  # four episodes (Bob's closed one too): suppressed
    assert got["outcomes"][-1]["measures"]["nrs_back"]["n"] == 5  # the closed one has none
    assert got["discharges"] == [("improved", None)]
    assert got["safety"]["referrals"] == [("soon", 1)]
    # October: Alice's extension group, Bob's no-DP and extension groups; September: 2 rows
    assert _read(caplog) == ["dashboard: 3 groups, 2 episode rows"]


def test_whole_months_of_a_date_range() -> None:
    assert whole_months(D(2026, 9, 25), D(2026, 10, 31)) == (D(2026, 10, 1), D(2026, 11, 1))
    assert whole_months(D(2026, 9, 1), D(2026, 9, 29)) == (D(2026, 9, 1), D(2026, 9, 1))
    assert whole_months(D(2026, 1, 31), None) == (D(2026, 2, 1), None)
    assert whole_months(None, D(2026, 12, 31)) == (None, D(2027, 1, 1))


def test_the_dashboard_without_dates_reads_groups_only(
    season: Any, as_alice: Any, caplog: Any
) -> None:
    caplog.set_level(logging.DEBUG, logger="backpath.analytics")
    page = as_alice.get(DASHBOARD).content.decode()
    assert 'data-testid="active">10<' in page
    groups = SummaryGroup.objects.count()
    assert groups == 9 and _read(caplog) == [f"dashboard: {groups} groups, 0 episode rows"]


@pytest.fixture
def database_queue(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The database backend, its worker run in the test's own transaction (as test_jobs)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_BACKEND_KIND = "database"
    return settings


def _drain() -> None:
    from backpath.web.jobs.worker import serve_queue

    serve_queue(batch=True, warm_up=False, nice=False)


def hand_summary(clinic: Any, clinician: Any, **fields: Any) -> EpisodeSummary:
    """A hand-made summary row (``summary``) on the database queue: creating its episode queued
    the refresh of the episode's row, which would recompute the row from the episode (it has no
    assessment: no row) and so replace the test's numbers; that job is dropped."""
    from django_tasks_db.models import DBTaskResult

    from backpath.web.analytics.signals import refresh_summary

    row = summary(clinic, clinician, **fields)
    DBTaskResult.objects.filter(task_path=refresh_summary.module_path).delete()
    return row


def _group_of(episode: Any) -> dict[str, Any]:
    row = EpisodeSummary.objects.get(episode=episode)
    group = SummaryGroup.objects.get(
        clinic_id=row.clinic_id, clinician_id=row.clinician_id, month=row.started_on.replace(day=1),
        syndrome=row.syndrome, subgroup=row.subgroup, dp=row.dp,
    )  # fmt: skip
    return group.sums


def test_a_follow_up_updates_its_group_through_the_queue(
    actor: Any, episode: Any, accepted_plan: Any, database_queue: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    from backpath.web.followups.actions import followup_record, record_followup

    assert "nrs_back.n" not in _group_of(episode)["counts"]  # assessed, not followed up
    form = {"nrs_back": "2", "nrs_leg": "0", "response": "better", "adherence_percent": "90"}
    data, _paths = followup_record(form, episode, accepted_plan, dt.date(2026, 11, 12))
    record_followup(actor, episode, accepted_plan, data, dt.date(2026, 11, 12))
    assert DBTaskResult.objects.filter(status="READY").exists()
    assert "nrs_back.n" not in _group_of(episode)["counts"]  # not until the job runs
    _drain()
    counts = _group_of(episode)["counts"]
    assert (counts["nrs_back.n"], counts["nrs_back.sum"], counts["nrs_back.mcid"]) == (1, -4, 1)
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_the_summary_row_is_refreshed_by_the_queue_not_in_the_request(
    actor: Any, episode: Any, accepted_plan: Any, database_queue: Any
) -> None:
    """A visit's save enqueues its episode's summary refresh (after PDFs: lower priority)
    instead of recomputing the row in the request; the worker brings the row up to date."""
    from django_tasks_db.models import DBTaskResult

    from backpath.web.analytics.signals import SUMMARY_PRIORITY, refresh_summary
    from backpath.web.followups.actions import followup_record, record_followup

    before = EpisodeSummary.objects.get(episode=episode)
    assert (before.visits, before.last_nrs_back) == (1, None)  # assessed, not followed up
    form = {"nrs_back": "2", "nrs_leg": "0", "response": "better", "adherence_percent": "90"}
    data, _paths = followup_record(form, episode, accepted_plan, dt.date(2026, 11, 12))
    record_followup(actor, episode, accepted_plan, data, dt.date(2026, 11, 12))
    queued = DBTaskResult.objects.filter(task_path=refresh_summary.module_path, status="READY")
    assert queued.exists() and {r.priority for r in queued} == {SUMMARY_PRIORITY}
    assert SUMMARY_PRIORITY < 0  # the PDFs' jobs (priority 0) go first
    assert EpisodeSummary.objects.get(episode=episode).visits == 1  # not in the request
    _drain()
    after = EpisodeSummary.objects.get(episode=episode)
    assert (after.visits, after.last_nrs_back) == (2, 2.0)


def test_the_refresh_is_the_same_run_late_or_twice(
    harbour: Any, alice: Any, database_queue: Any
) -> None:
    """Two changes before the worker runs, a job run again: the group holds the latest rows."""
    row = hand_summary(harbour, alice, **back(6, 5, False))
    row.last_nrs_back, row.mcid_nrs_back = 2.0, True
    row.save()
    _drain()
    first = _group_of(row.episode)
    args = [[str(harbour.pk), alice.pk, "2026-10-01", "derangement", "extension", "extension"]]
    assert refresh_groups.call(args) == 1 and refresh_groups.call(args) == 1
    assert _group_of(row.episode) == first and first["counts"]["nrs_back.sum"] == -4


def test_a_reclassified_episode_leaves_its_old_group(harbour: Any, alice: Any) -> None:
    row = summary(harbour, alice, **back(6, 5, False))
    again = EpisodeSummary.objects.get(pk=row.pk)
    again.syndrome, again.subgroup, again.dp = "dysfunction", "flexion", ""
    again.save()
    assert list(SummaryGroup.objects.values_list("syndrome", "subgroup", "dp")) == [
        ("dysfunction", "flexion", "")
    ]
    again.delete()
    assert not SummaryGroup.objects.exists()


def test_a_save_that_changes_no_figure_enqueues_nothing(
    harbour: Any, alice: Any, database_queue: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    row = hand_summary(harbour, alice)
    _drain()
    done = DBTaskResult.objects.count()
    EpisodeSummary.objects.get(pk=row.pk).save()
    assert DBTaskResult.objects.count() == done


def test_rebuild_summaries_rebuilds_groups_written_in_bulk(
    season: Any, capsys: Any, harbour: Any, alice: Any
) -> None:
    before = cohort.figures(scope_for(alice, {}).cohort(), TODAY)
    EpisodeSummary.objects.filter(started_on=D(2026, 9, 10)).update(last_nrs_back=0)
    SummaryGroup.objects.all().delete()
    call_command("rebuild_summaries", "--groups-only")
    assert "9 groups" in capsys.readouterr().out
    scope = scope_for(alice, {})
    assert cohort.figures(scope.cohort(), TODAY) == figures.board(scope.summaries(), TODAY)
    assert cohort.figures(scope.cohort(), TODAY) != before
    assert rebuild_groups([harbour]) == 9


def test_a_clinician_reads_only_their_own_groups(season: Any, bob: Any, as_bob: Any) -> None:
    got = cohort.figures(scope_for(bob, {"clinician": "alice"}).cohort(), TODAY)
    assert got["caseload"]["episodes"] == 4
    page = as_bob.get(DASHBOARD, {"clinician": "alice"}).content.decode()
    assert "My caseload" in page and 'data-testid="active">3<' in page


@pytest.mark.parametrize("clinician", ["alice", "nobody"])
def test_another_clinics_admin_gets_404_for_this_clinics_clinician(
    season: Any, as_charlie: Any, clinician: str
) -> None:
    assert as_charlie.get(DASHBOARD, {"clinician": clinician}).status_code == 404
    url = reverse("analytics:research_summary_csv")
    assert as_charlie.get(url, {"clinician": clinician}).status_code == 404


def test_an_admin_may_filter_by_a_clinician_of_their_clinic(season: Any, as_alice: Any) -> None:
    page = as_alice.get(DASHBOARD, {"clinician": "bob"})
    assert page.status_code == 200 and 'data-testid="active">3<' in page.content.decode()


def test_the_seeder_writes_the_groups_of_its_rows(db: Any) -> None:
    from backpath.web.demo.bench.management.commands.seed_bench import Command

    call_command(Command(), patients=12, visits=30, clinics=2, clinicians=2)
    seeded = _stored()
    rebuild_groups()
    assert _stored() == seeded
    assert sum(sums["counts"]["episodes"] for sums in seeded.values()) == 12


def test_the_seeder_leaves_the_planner_statistics_of_its_rows(db: Any) -> None:
    """A freshly loaded database has no statistics; the seeder runs ANALYZE so the benchmark
    does not measure sequential scans a clinic's database (autovacuum) never has for long."""
    from django.db import connection

    from backpath.web.demo.bench.management.commands.seed_bench import Command

    call_command(Command(), patients=6, visits=12, clinics=1, clinicians=1)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":  # reltuples is -1 until the table is analysed
            cur.execute(
                "SELECT relname, reltuples FROM pg_class WHERE relname IN "
                "('programmes_sessionlog', 'assessments_followup', 'assessments_planversion')"
            )
            assert {name: rows > 0 for name, rows in cur.fetchall()} == {
                "programmes_sessionlog": True,
                "assessments_followup": True,
                "assessments_planversion": True,
            }
        else:
            cur.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
            analysed = {row[0] for row in cur.fetchall()}
            assert {"programmes_sessionlog", "assessments_followup"} <= analysed


def _stored() -> dict[tuple[Any, ...], Any]:
    names = ("clinic_id", "clinician_id", "month", "syndrome", "subgroup", "dp")
    return {tuple(getattr(g, n) for n in names): g.sums for g in SummaryGroup.objects.all()}


def test_the_bulk_sql_clone_copies_links_logs_and_summaries_and_rebuilds_the_groups(
    db: Any,
) -> None:
    """PostgreSQL only: four patients seeded, cloned in SQL up to ten; every copy has its
    episode's link, its session and exercise logs and its summary row, and the groups."""
    from django.db import connection

    from backpath.web.demo.bench.management.commands.seed_bench import Command
    from backpath.web.patients.models import Episode, Patient
    from backpath.web.programmes.models import ExerciseLog, HepLink, SessionLog

    if connection.vendor != "postgresql":
        pytest.skip("seed_bench --bulk-sql needs PostgreSQL")
    call_command(Command(), patients=4, visits=12, clinics=1, clinicians=1)
    base = {m: m.objects.count() for m in (HepLink, SessionLog, ExerciseLog, EpisodeSummary)}
    call_command(Command(), patients=12, visits=36, clinics=1, clinicians=1, bulk_sql=4)
    assert Patient.objects.count() == Episode.objects.count() == 12
    for model, seeded in base.items():
        assert model.objects.count() == 3 * seeded, model.__name__
    assert not HepLink.objects.exclude(episode__in=Episode.objects.all()).exists()
    assert set(ExerciseLog.objects.values_list("session__patient__clinic", flat=True)) == {
        Patient.objects.values_list("clinic", flat=True).first()
    }
    stored = _stored()
    assert sum(s["counts"]["episodes"] for s in stored.values()) == 12
    rebuild_groups()
    assert _stored() == stored
