"""Through the follow-up accept: Alice's dose and note edits reach the progression's new
version (the web loads, calls the core's carry and saves), and the follow-up page and the
audit say so. Pat's plan progresses reduce → maintain (R7.3): the dead bug keeps its dose
there, the prone press-up's lead dose goes from 6 to 3 times a day (the stage's dose wins)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from backpath.web.audit.models import AuditEntry
from backpath.web.followups.models import FollowUp
from backpath.web.plans import actions
from backpath.web.plans.models import PlanVersion
from tests.web.test_followups import BETTER

pytestmark = pytest.mark.django_db
DOSE = {"reps": 12, "sets": 2, "times_per_day": 4}
NOTE = "Slowly, no pain."


def _edited_then_followed_up(client: Any, actor: Any, plan: PlanVersion, code: str) -> FollowUp:
    """Alice changes the dose of ``code`` (v2) and writes a note on it (v3), accepts, and
    records a follow-up that progresses to maintain."""
    version = actions.change_dose(actor, plan, code, DOSE)
    version = actions.change_note(actor, version, code, NOTE)
    actions.accept_plan(actor, version)
    client.post(reverse("episodes:followup_new", args=[plan.episode.pk]), BETTER)
    fu = FollowUp.objects.get()
    assert fu.progression["stage"] == "maintain"
    return fu


def _accepted(client: Any, fu: FollowUp, code: str) -> tuple[dict[str, Any], dict[str, str]]:
    client.post(reverse("followups:accept", args=[fu.pk]), {"carried_from": 3})
    new = PlanVersion.objects.get(number=4)
    item = next(i for i in new.items if i["exercise"] == code)
    return item, {c["edit"]: c["outcome"] for c in new.changes if c["exercise"] == code}


def _generated_dose(fu: FollowUp, code: str) -> dict[str, Any]:
    return dict(next(i for i in fu.progression["plan"]["items"] if i["exercise"] == code)["dose"])


def test_accepting_carries_the_dose_and_note_the_stage_left_alone(
    as_alice: Any, actor: Any, accepted_plan: PlanVersion
) -> None:
    fu = _edited_then_followed_up(as_alice, actor, accepted_plan, "dead_bug")
    assert _generated_dose(fu, "dead_bug") != DOSE
    item, outcomes = _accepted(as_alice, fu, "dead_bug")
    assert item["dose"] == DOSE and item["note"] == NOTE
    assert outcomes == {"dose": "dose_kept", "note": "note_kept"}
    carry = AuditEntry.objects.get(action="plan.carry")
    assert carry.detail["doses"] == ["dead_bug"] and carry.detail["notes"] == ["dead_bug"]


def test_the_new_stages_dose_wins_over_the_clinicians_when_the_stage_changed_it(
    as_alice: Any, actor: Any, accepted_plan: PlanVersion
) -> None:
    fu = _edited_then_followed_up(as_alice, actor, accepted_plan, "prone_press_up")
    page = as_alice.get(reverse("followups:detail", args=[fu.pk])).content.decode()
    assert "dose not carried over" in page and "the stage&#x27;s dose is used" in page
    item, outcomes = _accepted(as_alice, fu, "prone_press_up")
    assert item["dose"] == _generated_dose(fu, "prone_press_up") and item["note"] == NOTE
    assert outcomes == {"dose": "dose_stage", "note": "note_kept"}
    assert AuditEntry.objects.get(action="plan.carry").detail["stage_doses"] == ["prone_press_up"]


def test_the_follow_up_page_says_the_dose_and_note_will_be_carried(
    as_alice: Any, actor: Any, accepted_plan: PlanVersion
) -> None:
    fu = _edited_then_followed_up(as_alice, actor, accepted_plan, "dead_bug")
    page = as_alice.get(reverse("followups:detail", args=[fu.pk])).content.decode()
    assert 'data-testid="carry-dead_bug" data-outcome="dose_kept"' in page
    assert "dose carried over" in page and "note carried over" in page and NOTE in page
    assert PlanVersion.objects.count() == 3  # the page saves nothing
