"""Follow-ups: a record built from the form and the episode, the core's decision, acceptance."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from backpath.web.followups.models import FollowUp
from backpath.web.plans.models import PlanVersion
from tests.web.conftest import BETTER_FOLLOWUP

pytestmark = pytest.mark.django_db

BETTER = BETTER_FOLLOWUP


def _new(episode: Any) -> str:
    return reverse("episodes:followup_new", args=[episode.pk])


def test_a_follow_up_needs_an_accepted_plan(as_alice: Any, plan: Any, episode: Any) -> None:
    response = as_alice.get(_new(episode))
    assert response.status_code == 302


def test_recording_a_follow_up_stores_record_and_progression(
    as_alice: Any, episode: Any, accepted_plan: Any
) -> None:
    response = as_alice.post(_new(episode), BETTER)
    fu = FollowUp.objects.get()
    assert response["Location"] == reverse("followups:detail", args=[fu.pk])
    assert fu.record["visit_number"] == 2 and fu.record["baseline"]["nrs_back"] == 6
    assert fu.record["previous_symptoms"][1]["region"] == "thigh"
    assert fu.progression["schema"] == "backpath/progression/1"


def test_the_decision_shows_action_rule_and_reasons(
    as_alice: Any, episode: Any, accepted_plan: Any
) -> None:
    as_alice.post(_new(episode), BETTER)
    fu = FollowUp.objects.get()
    page = as_alice.get(reverse("followups:detail", args=[fu.pk])).content.decode()
    assert fu.progression["rule"] in page and 'data-testid="soap-note"' in page


def test_accepting_a_progression_creates_the_next_plan_version(
    as_alice: Any, episode: Any, accepted_plan: Any
) -> None:
    as_alice.post(_new(episode), BETTER)
    fu = FollowUp.objects.get()
    assert fu.progression["action"] == "progress", fu.progression
    as_alice.post(reverse("followups:accept", args=[fu.pk]))
    new = PlanVersion.objects.get(number=2)
    assert new.source == "progression" and new.accepted_at is not None
    assert new.stage == fu.progression["stage"]


def test_worse_asks_to_reassess_and_keeps_the_plan(
    as_alice: Any, episode: Any, accepted_plan: Any
) -> None:
    as_alice.post(_new(episode), {**BETTER, "response": "worse"})
    fu = FollowUp.objects.get()
    as_alice.post(reverse("followups:accept", args=[fu.pk]))
    assert fu.progression["action"] == "reassess" and PlanVersion.objects.count() == 1


def test_bad_follow_up_input_saves_nothing(as_alice: Any, episode: Any, accepted_plan: Any) -> None:
    response = as_alice.post(_new(episode), {**BETTER, "nrs_back": "15"})
    assert response.status_code == 400 and not FollowUp.objects.exists()
    assert 'id="f-nrs_back-error"' in response.content.decode()


def test_the_episode_shows_an_outcomes_chart_and_a_soap_note(
    as_alice: Any, episode: Any, accepted_plan: Any
) -> None:
    as_alice.post(
        _new(episode), {**BETTER, "odi-1": "1", **{f"odi-{n}": "1" for n in range(2, 11)}}
    )
    page = as_alice.get(reverse("episodes:detail", args=[episode.pk])).content.decode()
    assert 'data-testid="outcomes-chart"' in page and "<polyline" in page
    assert "MCID" in page
    note = page[page.index('data-testid="soap-note"') :]
    assert "S: " in note and "A: " in note and "P: " in note


def test_psfs_is_scored_again_for_the_baseline_activities(
    as_alice: Any, episode: Any, make_assessment: Any, actor: Any
) -> None:
    from backpath.web.plans.actions import accept_plan

    psfs = [{"activity": "sitting at work", "score": 3}, {"activity": "gardening", "score": 4}]
    assessment = make_assessment(instruments={"nrs_back": 6, "psfs": psfs})
    accept_plan(actor, assessment.plans.get())
    page = as_alice.get(_new(episode)).content.decode()
    assert "sitting at work" in page and "gardening" in page
    as_alice.post(_new(episode), {**BETTER, "psfs-1-score": "7", "psfs-2-score": "8"})
    assert FollowUp.objects.get().psfs == [7, 8]
    chart = as_alice.get(reverse("episodes:detail", args=[episode.pk])).content.decode()
    assert "7.5" in chart


def test_a_psfs_score_above_10_saves_nothing(
    as_alice: Any, episode: Any, make_assessment: Any, actor: Any
) -> None:
    from backpath.web.plans.actions import accept_plan

    assessment = make_assessment(instruments={"psfs": [{"activity": "gardening", "score": 4}]})
    accept_plan(actor, assessment.plans.get())
    response = as_alice.post(_new(episode), {**BETTER, "psfs-1-score": "12"})
    assert response.status_code == 400 and not FollowUp.objects.exists()


def test_an_emergency_red_flag_at_follow_up_shows_the_emergency_banner(
    as_alice: Any, episode: Any, accepted_plan: Any
) -> None:
    as_alice.post(_new(episode), {**BETTER, "red_flags": ["bowel_incontinence"]})
    fu = FollowUp.objects.get()
    page = as_alice.get(reverse("followups:detail", args=[fu.pk])).content.decode()
    assert fu.progression["action"] == "refer"
    assert 'data-testid="referral-emergency"' in page


def test_accepting_a_progression_twice_makes_one_plan_version(
    as_alice: Any, episode: Any, accepted_plan: Any
) -> None:
    as_alice.post(_new(episode), BETTER)
    fu = FollowUp.objects.get()
    first = as_alice.post(reverse("followups:accept", args=[fu.pk]))
    again = as_alice.post(reverse("followups:accept", args=[fu.pk]))
    assert PlanVersion.objects.count() == 2 and first["Location"] == again["Location"]
    assert FollowUp.objects.get().accepted_plan == PlanVersion.objects.get(number=2)


def test_a_progression_without_plan_edits_carries_nothing(
    as_alice: Any, episode: Any, accepted_plan: Any
) -> None:
    from backpath.web.audit.models import AuditEntry

    as_alice.post(_new(episode), BETTER)
    fu = FollowUp.objects.get()
    page = as_alice.get(reverse("followups:detail", args=[fu.pk])).content.decode()
    assert 'data-testid="carry"' not in page and 'name="carried_from" value="1"' in page
    as_alice.post(reverse("followups:accept", args=[fu.pk]))
    new = PlanVersion.objects.get(number=2)
    assert new.changes == [] and new.plan == fu.progression["plan"]
    assert not AuditEntry.objects.filter(action="plan.carry").exists()


def test_the_soap_note_gives_the_plan_with_the_edits_carried(
    as_alice: Any, actor: Any, episode: Any, accepted_plan: Any
) -> None:
    from backpath.web.plans import actions

    actions.accept_plan(actor, actions.add_exercise(actor, accepted_plan, "glute_bridge", ""))
    as_alice.post(_new(episode), BETTER)
    fu = FollowUp.objects.get()
    page = as_alice.get(reverse("followups:detail", args=[fu.pk])).content.decode()
    note = page[page.index('data-testid="soap-note"') :]
    assert "Glute bridge" in note


def test_copy_from_the_last_visit_starts_from_the_first_assessments_chart_and_scores(
    as_alice: Any, accepted_plan: Any, episode: Any
) -> None:
    from .test_drafts import _shown

    url = reverse("episodes:followup_new", args=[episode.pk])
    page = as_alice.get(url, {"copy": "last"}).content.decode()
    shown = _shown(page)
    assert 'data-testid="copied"' in page
    assert shown["sym-back-central"] == ["6"] and shown["sym-thigh-left"] == ["4"]
    assert shown["nrs_back"] == ["6"] and shown["nrs_leg"] == ["4"]
    assert "red_flags" not in shown  # asked again at every visit


def test_copy_from_the_last_visit_takes_the_latest_follow_up(
    as_alice: Any, accepted_plan: Any, episode: Any
) -> None:
    from .test_drafts import _shown

    url = reverse("episodes:followup_new", args=[episode.pk])
    as_alice.post(url, {"nrs_back": "3", "response": "better", "sym-back-central": "2"})
    shown = _shown(as_alice.get(url, {"copy": "last"}).content.decode())
    assert shown["sym-back-central"] == ["2"] and shown["nrs_back"] == ["3"]
    assert "sym-thigh-left" not in shown


def test_without_copy_the_follow_up_form_starts_empty(
    as_alice: Any, accepted_plan: Any, episode: Any
) -> None:
    from .test_drafts import _shown

    page = as_alice.get(reverse("episodes:followup_new", args=[episode.pk])).content.decode()
    assert 'data-testid="copy-last"' in page and "nrs_back" not in _shown(page)
