"""CSV exports: streamed, scoped like the dashboard, admin-only where they should be,
de-identified for research, and every one audited."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from backpath.web.analytics.models import EpisodeSummary
from backpath.web.audit.models import AuditEntry

from .test_dashboard import back, summary

pytestmark = pytest.mark.django_db


def rows(response: Any) -> list[dict[str, str]]:
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_the_episode_export_streams_scores_and_classification(
    as_alice: Any, episode: Any, assessment: Any
) -> None:
    got = rows(as_alice.get(reverse("analytics:episodes_csv")))
    assert len(got) == 1
    assert got[0]["name"] == "Pat Morgan" and got[0]["syndrome"] == "derangement"
    assert (got[0]["base_nrs_back"], got[0]["base_odi"]) == ("6.0", "36.0")
    entry = AuditEntry.objects.get(action="analytics.export")
    assert entry.detail == {"kind": "episodes", "filters": {}}


def test_the_visit_export_has_one_row_per_visit(
    as_alice: Any, actor: Any, episode: Any, accepted_plan: Any
) -> None:
    from backpath.web.followups.actions import followup_record, record_followup

    data, _ = followup_record({"nrs_back": "3"}, episode, accepted_plan, dt.date(2026, 11, 9))
    record_followup(actor, episode, accepted_plan, data, dt.date(2026, 11, 9))
    got = rows(as_alice.get(reverse("analytics:visits_csv")))
    assert [(r["visit"], r["kind"], r["nrs_back"]) for r in got] == [
        ("1", "assessment", "6"),
        ("2", "follow-up", "3"),
    ]
    assert got[0]["odi"] == "36.0" and got[1]["decision"]


def test_a_formula_in_a_name_is_not_run_by_a_spreadsheet(
    as_alice: Any, pat: Any, episode: Any, assessment: Any
) -> None:
    type(pat).objects.filter(pk=pat.pk).update(name="=HYPERLINK(1)")
    got = rows(as_alice.get(reverse("analytics:episodes_csv")))
    assert got[0]["name"] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("name", ["audit_csv", "research_csv", "research_summary_csv"])
def test_admin_exports_are_404_for_a_clinician(as_bob: Any, name: str) -> None:
    assert as_bob.get(reverse(f"analytics:{name}")).status_code == 404
    assert not AuditEntry.objects.filter(action="analytics.export").exists()


def test_a_clinician_exports_only_their_own_episodes(
    as_bob: Any, harbour: Any, alice: Any, bob: Any
) -> None:
    summary(harbour, alice)
    mine = summary(harbour, bob)
    got = rows(as_bob.get(reverse("analytics:episodes_csv")))
    assert [r["episode"] for r in got] == [str(mine.episode_id)]


def test_the_audit_export_is_the_clinics_trail_only(
    as_alice: Any, as_charlie: Any, pat: Any
) -> None:
    got = rows(as_alice.get(reverse("analytics:audit_csv")))
    assert "patient.create" in {r["action"] for r in got}
    theirs = rows(as_charlie.get(reverse("analytics:audit_csv")))
    assert all(r["username"] != "alice" for r in theirs)


def test_the_research_export_has_no_names_and_shifted_dates_and_age_bands(
    as_alice: Any, pat: Any, episode: Any, assessment: Any
) -> None:
    got = rows(as_alice.get(reverse("analytics:research_csv")))
    text = str(got)
    assert "Pat Morgan" not in text and str(pat.pk) not in text and "1990-04-12" not in text
    row = got[0]
    assert row["age_band"] == "30–39" and len(row["pseudonym"]) == 16
    shifted = dt.date.fromisoformat(row["started_on"])
    assert shifted != episode.started_on and abs((shifted - episode.started_on).days) <= 182
    assert row["assessed_on"] == row["started_on"]  # intervals survive the shift


def test_the_research_summary_suppresses_small_cells(
    as_alice: Any, harbour: Any, alice: Any
) -> None:
    for _ in range(5):
        summary(harbour, alice, **back(6, 3, True, 10))
    summary(harbour, alice, syndrome="postural", subgroup="", dp="", **back(5, 1, True, 4))
    got = {r["group"]: r for r in rows(as_alice.get(reverse("analytics:research_summary_csv")))}
    big = got["derangement (extension), DP extension"]
    assert (big["episodes"], big["nrs_back_n"], big["nrs_back_mean_change"]) == ("5", "5", "-3.0")
    small = got["postural"]
    assert small["episodes"] == "" and small["nrs_back_mean_change"] == ""
    assert EpisodeSummary.objects.count() == 6


def test_a_bad_export_filter_is_a_clear_400(as_alice: Any) -> None:
    response = as_alice.get(reverse("analytics:episodes_csv"), {"until": "soon"})
    assert response.status_code == 400 and b"until: expected a date" in response.content
