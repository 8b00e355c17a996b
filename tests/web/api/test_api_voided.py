"""Voided records are not presented as current by the API or FHIR."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from backpath.web.followups import actions as followups

pytestmark = pytest.mark.django_db
REASON = "Entered twice by mistake; the other one is right."


def test_the_api_and_fhir_do_not_list_voided_records(
    harbour_api: Any, actor: Any, episode: Any, accepted_plan: Any, assessment: Any
) -> None:
    from backpath.web.corrections import void

    fu = followups.record_followup(
        actor,
        episode,
        accepted_plan,
        followups.followup_record({"nrs_back": "3"}, episode, accepted_plan, dt.date(2026, 11, 10))[
            0
        ],
        dt.date(2026, 11, 10),
    )
    for obj in (assessment, fu, accepted_plan):
        void(actor, obj, REASON)
    base = f"episodes/{episode.pk}"
    assert harbour_api("get", f"{base}/assessments").json() == []
    assert harbour_api("get", f"{base}/followups").json() == []
    assert harbour_api("get", f"{base}/plans").json() == []
    one = harbour_api("get", f"assessments/{assessment.pk}").json()
    assert one["voided_at"] and one["void_reason"] == REASON
    bundle = harbour_api("get", f"/fhir/Patient/{episode.patient.pk}/$everything").json()
    kinds = [e["resource"]["resourceType"] for e in bundle.get("entry", [])]
    assert kinds == ["Patient"]
    impression = harbour_api("get", f"/fhir/ClinicalImpression/{assessment.pk}").json()
    assert impression["status"] == "entered-in-error"
    care_plan = harbour_api("get", f"/fhir/CarePlan/{accepted_plan.pk}").json()
    assert care_plan["status"] == "entered-in-error"


def test_the_outcomes_endpoint_leaves_a_voided_follow_up_out(
    harbour_api: Any, actor: Any, episode: Any, accepted_plan: Any
) -> None:
    from backpath.web.corrections import void

    data, _ = followups.followup_record(
        {"nrs_back": "1"}, episode, accepted_plan, dt.date(2026, 11, 10)
    )
    fu = followups.record_followup(actor, episode, accepted_plan, data, dt.date(2026, 11, 10))
    before = harbour_api("get", f"episodes/{episode.pk}/outcomes").json()
    void(actor, fu, REASON)
    after = harbour_api("get", f"episodes/{episode.pk}/outcomes").json()
    assert [p["label"] for p in before["points"]] == ["Initial", "Visit 2"]
    assert [p["label"] for p in after["points"]] == ["Initial"]
