"""Plans are versioned: removing or adding makes a new version; conflicts need a reason."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from backpath.web.audit.models import AuditEntry
from backpath.web.plans.models import PlanVersion

pytestmark = pytest.mark.django_db


def test_removing_an_exercise_creates_version_2_and_keeps_version_1(
    as_alice: Any, plan: Any
) -> None:
    code = plan.items[0]["exercise"]
    response = as_alice.post(reverse("plans:remove", args=[plan.pk]), {"exercise": code})
    new = PlanVersion.objects.get(number=2)
    assert response["Location"] == reverse("plans:detail", args=[new.pk])
    assert code not in {i["exercise"] for i in new.items}
    plan.refresh_from_db()
    assert code in {i["exercise"] for i in plan.items}


def test_adding_a_safe_exercise_needs_no_reason(as_alice: Any, plan: Any) -> None:
    as_alice.post(reverse("plans:add", args=[plan.pk]), {"exercise": "swimming"})
    assert "swimming" in {i["exercise"] for i in PlanVersion.objects.get(number=2).items}


def test_adding_an_exercise_that_loads_an_avoided_direction_requires_a_reason(
    as_alice: Any, plan: Any
) -> None:
    response = as_alice.post(
        reverse("plans:add", args=[plan.pk]), {"exercise": "flexion_in_lying", "reason": ""}
    )
    assert response.status_code == 400 and b"direction to avoid" in response.content
    assert PlanVersion.objects.count() == 1


def test_a_typed_reason_adds_it_flagged_and_recorded(as_alice: Any, plan: Any) -> None:
    as_alice.post(
        reverse("plans:add", args=[plan.pk]),
        {"exercise": "flexion_in_lying", "reason": "Eases night pain; monitored"},
    )
    new = PlanVersion.objects.get(number=2)
    item = next(i for i in new.items if i["exercise"] == "flexion_in_lying")
    assert item["override_reason"] == "Eases night pain; monitored"
    assert new.changes[-1]["conflicts"] == ["flexion"]
    entry = AuditEntry.objects.get(action="plan.override")
    assert entry.detail["reason"] == "Eases night pain; monitored"
    page = as_alice.get(reverse("plans:detail", args=[new.pk])).content.decode()
    assert 'data-testid="override"' in page


def test_an_unknown_exercise_is_refused(as_alice: Any, plan: Any) -> None:
    response = as_alice.post(reverse("plans:add", args=[plan.pk]), {"exercise": "levitation"})
    assert response.status_code == 400 and PlanVersion.objects.count() == 1


def test_editing_an_outdated_version_is_a_conflict(as_alice: Any, as_bob: Any, plan: Any) -> None:
    as_alice.post(reverse("plans:add", args=[plan.pk]), {"exercise": "swimming"})
    as_bob.post(reverse("plans:add", args=[plan.pk]), {"exercise": "suitcase_carry"})
    assert PlanVersion.objects.count() == 2
    assert "suitcase_carry" not in {i["exercise"] for i in PlanVersion.objects.get(number=2).items}


def test_accepting_the_plan(as_alice: Any, plan: Any, alice: Any) -> None:
    as_alice.post(reverse("plans:accept", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.accepted_by == alice and plan.accepted_at is not None
    assert AuditEntry.objects.filter(action="plan.accept").exists()


def test_an_outdated_version_cannot_be_accepted(as_alice: Any, plan: Any) -> None:
    as_alice.post(reverse("plans:add", args=[plan.pk]), {"exercise": "swimming"})
    as_alice.post(reverse("plans:accept", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.accepted_at is None


def test_the_plan_page_shows_each_items_reason_and_dose(as_alice: Any, plan: Any) -> None:
    page = as_alice.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    item = plan.items[0]
    assert escape(item["reason"]) in page and f'data-testid="plan-item-{item["exercise"]}"' in page


def test_a_one_character_override_reason_is_refused_and_saves_nothing(
    as_alice: Any, plan: Any
) -> None:
    response = as_alice.post(
        reverse("plans:add", args=[plan.pk]), {"exercise": "flexion_in_lying", "reason": "x"}
    )
    assert response.status_code == 400 and b"at least 20 characters" in response.content
    assert PlanVersion.objects.count() == 1


def test_passive_treatments_are_not_offered_for_a_home_programme(as_alice: Any, plan: Any) -> None:
    url = reverse("plans:detail", args=[plan.pk])
    assert 'data-testid="add-swimming"' in as_alice.get(url, {"q": "swim"}).content.decode()
    for passive in ("tens", "bed_rest", "acupuncture", "heat_pack"):
        page = as_alice.get(url, {"q": passive.replace("_", " ")}).content.decode()
        assert f'data-testid="offer-{passive}"' not in page and "offered-none" in page
        response = as_alice.post(reverse("plans:add", args=[plan.pk]), {"exercise": passive})
        assert response.status_code == 400
    assert PlanVersion.objects.count() == 1


def test_an_exercise_already_in_the_plan_is_not_added_twice(as_alice: Any, plan: Any) -> None:
    code = plan.items[0]["exercise"]
    response = as_alice.post(reverse("plans:add", args=[plan.pk]), {"exercise": code})
    assert response.status_code == 400 and b"already in the plan" in response.content
    assert PlanVersion.objects.count() == 1
