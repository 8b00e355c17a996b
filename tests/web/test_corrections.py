"""Undoing mistakes honestly: void with a typed reason; close with an outcome; reopen."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from backpath.web.assessments.models import Assessment
from backpath.web.audit.models import AuditEntry
from backpath.web.conflicts import VersionConflict
from backpath.web.followups import actions as followups
from backpath.web.followups.models import FollowUp
from backpath.web.patients.models import Episode

pytestmark = pytest.mark.django_db
REASON = "Entered twice by mistake; the other one is right."


def _follow_up(actor: Any, episode: Any, plan: Any, nrs: str = "3") -> FollowUp:
    data, _ = followups.followup_record(
        {"nrs_back": nrs, "response": "better"}, episode, plan, dt.date(2026, 11, 10)
    )
    return followups.record_followup(actor, episode, plan, data, dt.date(2026, 11, 10))


def test_a_voided_assessment_is_kept_struck_through_and_no_longer_the_baseline(
    as_alice: Any, make_assessment: Any, episode: Any
) -> None:
    wrong = make_assessment(instruments={"nrs_back": 9, "nrs_leg": 9})
    right = make_assessment(instruments={"nrs_back": 6, "nrs_leg": 4})
    Assessment.objects.filter(pk=right.pk).update(created_at=wrong.created_at + dt.timedelta(1))
    assert followups.baseline_assessment(episode) == wrong
    response = as_alice.post(reverse("assessments:void", args=[wrong.pk]), {"void_reason": REASON})
    assert response.status_code == 302
    wrong.refresh_from_db()
    assert wrong.voided_at is not None and wrong.void_reason == REASON
    assert followups.baseline_assessment(episode) == right
    entry = AuditEntry.objects.get(action="assessment.void")
    assert entry.detail["reason"] == REASON
    page = as_alice.get(reverse("episodes:detail", args=[episode.pk])).content.decode()
    assert 'data-testid="voided-assessment"' in page and REASON in page
    assert "<td>9</td>" not in page  # the outcomes table starts from the right baseline


def test_a_voided_follow_up_is_left_out_of_the_outcomes(
    as_alice: Any, actor: Any, episode: Any, accepted_plan: Any
) -> None:
    fu = _follow_up(actor, episode, accepted_plan, "1")
    as_alice.post(reverse("followups:void", args=[fu.pk]), {"void_reason": REASON})
    page = as_alice.get(reverse("episodes:detail", args=[episode.pk])).content.decode()
    assert 'data-testid="voided-followup"' in page and "<td>Visit 2</td>" not in page
    assert "Visit 2" not in page.split('data-testid="soap-notes"')[1]


def test_a_short_void_reason_is_refused_and_nothing_saved(as_alice: Any, assessment: Any) -> None:
    response = as_alice.post(
        reverse("assessments:void", args=[assessment.pk]), {"void_reason": "dup"}
    )
    assert response.status_code == 400 and "void_reason" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.voided_at is None


def test_closing_needs_a_confirmation_step_and_an_outcome(as_alice: Any, episode: Any) -> None:
    url = reverse("episodes:close", args=[episode.pk])
    confirm = as_alice.get(url).content.decode()
    for code in ("discharged_improved", "self_discharged", "referred_on", "other"):
        assert f'value="{code}"' in confirm
    episode.refresh_from_db()
    assert episode.is_open  # showing the step closes nothing
    for bad in ({}, {"discharge_outcome": "cured"}, {"discharge_outcome": "other"}):
        response = as_alice.post(url, bad)
        assert response.status_code == 400 and "discharge_" in response.content.decode()
    assert Episode.objects.get().is_open
    as_alice.post(
        url, {"discharge_outcome": "referred_on", "discharge_note": "To the spinal team."}
    )
    episode.refresh_from_db()
    assert episode.closed_on is not None and episode.discharge_outcome == "referred_on"
    assert episode.discharge_note == "To the spinal team."
    page = as_alice.get(reverse("episodes:detail", args=[episode.pk])).content.decode()
    assert "Referred on" in page and 'data-testid="episode-reopen"' in page


def test_reopening_needs_a_reason_and_is_audited(as_alice: Any, actor: Any, episode: Any) -> None:
    from backpath.web.patients.actions import close_episode

    close_episode(actor, episode, dt.date(2026, 11, 20), "self_discharged")
    url = reverse("episodes:reopen", args=[episode.pk])
    assert as_alice.post(url, {"reopen_reason": "back"}).status_code == 400
    assert not Episode.objects.get().is_open
    reason = "Pain came back after a long drive; same complaint."
    as_alice.post(url, {"reopen_reason": reason})
    episode.refresh_from_db()
    assert episode.is_open and episode.reopen_reason == reason and episode.reopened_at
    assert episode.discharge_outcome == ""
    entry = AuditEntry.objects.get(action="episode.reopen")
    assert entry.detail["outcome"] == "self_discharged" and entry.detail["reason"] == reason


def test_a_voided_follow_up_cannot_be_accepted(
    as_alice: Any, actor: Any, episode: Any, accepted_plan: Any
) -> None:
    fu = _follow_up(actor, episode, accepted_plan, "1")
    as_alice.post(reverse("followups:void", args=[fu.pk]), {"void_reason": REASON})
    response = as_alice.post(reverse("followups:accept", args=[fu.pk]))
    assert response["Location"] == reverse("episodes:detail", args=[episode.pk])
    assert not AuditEntry.objects.filter(action="followup.accept").exists()
    page = as_alice.get(reverse("followups:detail", args=[fu.pk])).content.decode()
    assert 'data-testid="followup-voided"' in page and 'data-testid="followup-accept"' not in page
    with pytest.raises(VersionConflict):
        followups.accept_progression(actor, fu)


def test_only_a_voidable_record_can_be_voided(actor: Any, episode: Any) -> None:
    from backpath.web.corrections import void

    with pytest.raises(TypeError, match="Episode cannot be voided"):
        void(actor, episode, REASON)
    assert not AuditEntry.objects.filter(action__endswith=".void").exists()
