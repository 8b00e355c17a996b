"""The clinic dashboard: every figure on a small hand-checked set of summary rows, the
summary rows kept by the app's own actions, ownership and bad filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from backpath.web.analytics import figures
from backpath.web.analytics.models import EpisodeSummary
from backpath.web.analytics.scope import scope_for
from backpath.web.analytics.summaries import refresh_episode
from backpath.web.audit.models import AuditEntry
from backpath.web.patients.models import Episode, Patient

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("analytics:dashboard")
TODAY = dt.date(2026, 12, 2)


def summary(clinic: Any, clinician: Any, **fields: Any) -> EpisodeSummary:
    """A summary row with its own patient and episode (the numbers are the test's)."""
    patient = Patient.objects.create(clinic=clinic, name="P", date_of_birth=dt.date(1980, 5, 1))
    started = fields.pop("started_on", dt.date(2026, 10, 1))
    episode = Episode.objects.create(
        patient=patient, complaint="LBP", started_on=started, created_by=clinician
    )
    defaults = {"syndrome": "derangement", "subgroup": "extension", "dp": "extension"}
    return EpisodeSummary.objects.create(
        episode=episode,
        clinic=clinic,
        clinician=clinician,
        started_on=started,
        assessed_on=started,
        visits=3,
        **{**defaults, **fields},
    )


def back(base: float, last: float, reached: bool, days: int | None = None) -> dict[str, Any]:
    return {
        "base_nrs_back": base,
        "last_nrs_back": last,
        "mcid_nrs_back": reached,
        "days_mcid_nrs_back": days,
    }


@pytest.fixture
def five(harbour: Any, alice: Any) -> list[EpisodeSummary]:
    """Five extension derangements, back pain 6→5, 6→4, 3→2, 8→7, 8→6:
    changes -1 -2 -1 -1 -2 (mean -1.4, sd 0.5477, CI -1.4 ± 2.7764·0.2449 = -2.08 to -0.72);
    MCID: 6→4 by points, 3→2 by percent (33 %), 8→6 by points → 3 of 5 = 60 %;
    days to MCID 7, 14, 21 → median 14."""
    pairs = [(6, 5, False, None), (6, 4, True, 7), (3, 2, True, 14), (8, 7, False, None)]
    rows = [summary(harbour, alice, **back(*p)) for p in pairs]
    return [*rows, summary(harbour, alice, **back(8, 6, True, 21))]


def test_outcomes_by_group_by_hand(five: Any, alice: Any) -> None:
    rows = figures.outcomes(scope_for(alice, {}).summaries())
    group = rows[0]
    assert group["key"] == ("derangement", "extension", "extension")
    got = group["measures"]["nrs_back"]
    assert (got["n"], got["baseline"], got["latest"]) == (5, 6.2, 4.8)
    assert got["change"].mean == pytest.approx(-1.4)
    assert got["change"].low == pytest.approx(-2.0801, abs=1e-3)
    assert got["change"].high == pytest.approx(-0.7199, abs=1e-3)
    assert (got["mcid_share"], got["median_days"]) == (60.0, 14)
    assert rows[-1]["key"] == ("All",) and rows[-1]["measures"]["nrs_back"]["n"] == 5


def test_a_group_of_fewer_than_five_is_suppressed(five: Any, harbour: Any, alice: Any) -> None:
    for _ in range(2):
        summary(
            harbour, alice, syndrome="dysfunction", subgroup="flexion", dp="", **back(5, 1, True, 9)
        )
    rows = {r["key"]: r for r in figures.outcomes(scope_for(alice, {}).summaries())}
    small = rows[("dysfunction", "flexion", "")]
    assert small["episodes"] is None
    assert small["measures"]["nrs_back"] == {"n": None, "suppressed": True}
    assert rows[("All",)]["measures"]["nrs_back"]["n"] == 7


def test_the_dashboard_shows_the_figures_and_suppresses_small_groups(
    five: Any, as_alice: Any, harbour: Any, alice: Any
) -> None:
    summary(harbour, alice, syndrome="postural", subgroup="", dp="", **back(4, 1, True, 5))
    page = as_alice.get(DASHBOARD).content.decode()
    assert "-1.4 (-2.1 to -0.7)" in page and "60 %" in page
    assert "fewer than 5" in page  # the single postural episode
    assert 'role="img"' in page  # the charts
    assert AuditEntry.objects.filter(action="analytics.read").count() == 1


def test_caseload_counts_active_new_visits_and_overdue(harbour: Any, alice: Any) -> None:
    today = dt.date(2026, 12, 2)
    summary(harbour, alice, started_on=dt.date(2026, 12, 1), review_due_on=dt.date(2026, 12, 6))
    summary(harbour, alice, started_on=dt.date(2026, 11, 1), review_due_on=dt.date(2026, 11, 20))
    summary(harbour, alice, closed_on=dt.date(2026, 11, 2), review_due_on=dt.date(2026, 11, 1))
    EpisodeSummary.objects.filter(started_on=dt.date(2026, 12, 1)).update(visits=6)
    got = figures.caseload(scope_for(alice, {}).summaries(), today)
    assert got == {"active": 2, "new": 1, "episodes": 3, "visits": 4.0, "overdue": 1}


def test_centralisation_and_dp_found_against_none(harbour: Any, alice: Any) -> None:
    for centralised in (True, True, True, False, False):
        summary(harbour, alice, dp_centralised=centralised, **back(6, 2, True, 7))
    for _ in range(5):
        summary(harbour, alice, dp="", syndrome="other", subgroup="", **back(6, 5, False))
    got = figures.centralisation(scope_for(alice, {}).summaries(), TODAY)
    assert (got["n"], got["centralised"], got["share"]) == (5, 3, 60.0)
    by = {r["key"]: r["measures"]["nrs_back"] for r in got["compared"]}
    assert by[(True,)]["change"].mean == -4 and by[(True,)]["mcid_share"] == 100.0
    assert by[(False,)]["change"].mean == -1 and by[(False,)]["mcid_share"] == 0.0


def test_adherence_bands_and_correlation(harbour: Any, alice: Any) -> None:
    for adherence, last in ((20, 6), (30, 6), (40, 5), (45, 6), (35, 6), (90, 2), (85, 2)):
        summary(
            harbour, alice, adherence=adherence, adherence_source="patient", **back(6, last, False)
        )
    got = figures.adherence(scope_for(alice, {}).summaries(), TODAY)
    low, mid, high = got["bands"]
    assert low["n"] == 5 and low["change"].mean == pytest.approx(-0.2)
    assert mid["n"] == 0 and high["n"] is None  # two episodes: suppressed
    assert got["n"] == 7 and got["patient_logged"] == 7 and got["r"] < -0.9


def test_safety_counts_red_reports_acknowledgement_and_referrals(
    harbour: Any, alice: Any, hep_link: Any, pat: Any
) -> None:
    from backpath.web.programmes.models import SessionLog

    link, _token = hep_link
    for hours in (2, 30, None):
        log = SessionLog.objects.create(
            link=link, plan=link.plan, patient=pat, change="worse_stayed", light="red", rule="M"
        )
        acknowledged = None if hours is None else log.at + dt.timedelta(hours=hours)
        SessionLog.objects.filter(pk=log.pk).update(acknowledged_at=acknowledged)
    refresh_episode(link.plan.episode_id)  # the updates above bypass the save signal
    summary(harbour, alice, referral_urgency="urgent")
    got = figures.safety(scope_for(alice, {}).summaries(), TODAY)
    assert (got["red"], got["acknowledged"], got["open"]) == (3, 2, 1)
    assert got["within_day"] == 50.0 and got["mean_hours"] == 16.0
    assert got["referrals"] == [("urgent", 1)]


def test_discharge_outcomes_read_the_summary(harbour: Any, alice: Any) -> None:
    for _ in range(5):
        summary(harbour, alice, closed_on=dt.date(2026, 11, 20), discharge_outcome="referred_on")
    summary(harbour, alice, closed_on=dt.date(2026, 11, 20))
    got = figures.discharges(scope_for(alice, {}).summaries())
    assert got == [("not recorded", None), ("referred_on", 5)]


def test_a_clinician_sees_only_their_own_caseload(
    five: Any, harbour: Any, bob: Any, as_bob: Any
) -> None:
    summary(harbour, bob, **back(9, 1, True, 3))
    rows = figures.outcomes(scope_for(bob, {"clinician": "alice"}).summaries())
    assert rows[-1]["measures"]["nrs_back"]["n"] is None  # bob's one episode, suppressed
    page = as_bob.get(DASHBOARD, {"clinician": "alice"}).content.decode()
    assert "My caseload" in page and "-1.4" not in page
    assert 'data-testid="active">1<' in page


def test_an_admin_filters_by_clinician_date_classification_and_dp(
    five: Any, harbour: Any, alice: Any, bob: Any
) -> None:
    summary(harbour, bob, started_on=dt.date(2026, 1, 5), dp="")
    count = lambda f: scope_for(alice, f).summaries().count()  # noqa: E731
    assert count({}) == 6 and count({"clinician": "bob"}) == 1
    assert count({"since": "2026-06-01"}) == 5 and count({"until": "2026-06-01"}) == 1
    assert count({"dp": "none"}) == 1 and count({"dp": "extension"}) == 5
    assert count({"syndrome": "postural"}) == 0


def test_another_clinics_admin_sees_nothing_of_this_clinic(five: Any, as_charlie: Any) -> None:
    page = as_charlie.get(DASHBOARD).content.decode()
    assert "-1.4" not in page and 'data-testid="active">0<' in page
    url = reverse("analytics:episodes_csv")
    assert "alice" not in b"".join(as_charlie.get(url).streaming_content).decode()


@pytest.mark.parametrize(
    ("param", "value", "named"),
    [
        ("since", "yesterday", "YYYY-MM-DD"),
        ("dp", "sideways", "extension"),
        ("syndrome", "spinal", "derangement"),
        ("clinician", "a" * 200, "user name"),
    ],
)
def test_a_bad_filter_is_a_clear_400(as_alice: Any, param: str, value: str, named: str) -> None:
    response = as_alice.get(DASHBOARD, {param: value})
    assert response.status_code == 400
    assert f"{param}: " in response.content.decode() and named in response.content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client: Any) -> None:
    assert client.get(DASHBOARD).status_code == 302


def test_the_summary_follows_the_assessment_and_its_follow_ups(
    actor: Any, episode: Any, accepted_plan: Any
) -> None:
    from backpath.web.followups.actions import followup_record, record_followup

    row = EpisodeSummary.objects.get(episode=episode)
    assert (row.base_nrs_back, row.base_odi, row.last_nrs_back) == (6, 36.0, None)
    assert (row.syndrome, row.dp, row.dp_centralised) == ("derangement", "extension", True)
    assert row.review_due_on == row.assessed_on + dt.timedelta(
        accepted_plan.plan["review_after_days"]
    )
    form = {"nrs_back": "2", "nrs_leg": "0", "response": "better", "adherence_percent": "90"}
    seen = dt.date(2026, 11, 12)
    data, _paths = followup_record(form, episode, accepted_plan, seen)
    record_followup(actor, episode, accepted_plan, data, seen)
    row.refresh_from_db()
    assert (row.last_nrs_back, row.mcid_nrs_back, row.days_mcid_nrs_back) == (2, True, 11)
    assert (row.last_nrs_leg, row.mcid_nrs_leg) == (0, True)
    assert (row.visits, row.adherence, row.adherence_source) == (2, 90.0, "clinician")


def test_rebuild_summaries_writes_the_rows_of_episodes_written_without_signals(
    assessment: Any, episode: Any, capsys: Any
) -> None:
    from django.core.management import call_command

    EpisodeSummary.objects.all().delete()
    call_command("rebuild_summaries")
    assert EpisodeSummary.objects.get(episode=episode).base_nrs_back == 6
    assert "1 episodes" in capsys.readouterr().out


def test_a_chart_bar_carries_its_ci_and_escapes_its_label() -> None:
    from backpath.web.analytics.charts import Bar, bar_chart

    svg = bar_chart(
        [Bar("<b>x</b>", -2.5, -3.0, -2.0), Bar("y", 1.0)],
        title="t",
        unit="",
        scale=(-10, 5),
        colour="#000",
    )
    assert svg.count('data-ci="1"') == 1 and "&lt;b&gt;x&lt;/b&gt;: -2.5" in svg
    assert "<b>" not in svg


def test_live_leaves_a_model_without_voiding_unchanged(episode: Any) -> None:
    from backpath.web.analytics.summaries import live

    assert list(live(Episode.objects.all())) == [episode]


def test_the_dashboard_is_a_fixed_number_of_queries_however_many_episodes(
    five: Any, as_alice: Any, django_assert_max_num_queries: Any
) -> None:
    as_alice.get(DASHBOARD)  # warm the session
    with django_assert_max_num_queries(24):  # 21 today: session, user, audit, the figures
        assert as_alice.get(DASHBOARD).status_code == 200


def test_seed_bench_writes_the_summary_rows_the_app_would(db: Any) -> None:
    from django.core.management import call_command

    from backpath.web.analytics.summaries import rebuild
    from backpath.web.demo.bench.management.commands.seed_bench import Command

    call_command(Command(), patients=12, visits=30, clinics=2, clinicians=2)
    fields = [f.name for f in EpisodeSummary._meta.concrete_fields if f.name != "updated_at"]
    seeded = list(EpisodeSummary.objects.order_by("episode_id").values_list(*fields))
    assert len(seeded) == Episode.objects.count() == 12
    rebuild()
    rebuilt = list(EpisodeSummary.objects.order_by("episode_id").values_list(*fields))
    diffs = {
        (fields[i], a[i], b[i])
        for a, b in zip(seeded, rebuilt, strict=True)
        for i in range(len(fields))
        if a[i] != b[i]
    }
    assert diffs == set()
