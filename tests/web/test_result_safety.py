"""Warnings, precautions and position-limited avoidance on the result and plan pages, and the
plan items' lead steps, family and override flag (documents hand-built in the v2 shapes)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

WARNINGS = [{"code": "leg_symptom_without_leg_score", "text": "Leg symptoms but leg NRS 0."}]
PRECAUTIONS = [
    {
        "code": "bone_fragility",
        "reason": "Bone fragility (osteoporosis): no loaded or end-range spinal flexion.",
        "excludes": ["end_range_flexion", "loaded_flexion", "loaded_rotation"],
        "rule": "R4a",
    }
]
AVOID = [
    {"direction": "flexion", "reason": "DP extension.", "rule": "R4"},
    {"direction": "extension", "positions": ["standing"], "reason": "REIS worse.", "rule": "R4"},
]


@pytest.fixture
def v2_assessment(assessment: Any) -> Any:
    assessment.result = {
        **assessment.result,
        "warnings": WARNINGS,
        "precautions": PRECAUTIONS,
        "avoid": AVOID,
    }
    assessment.save()
    plan = assessment.plans.get()
    items = plan.plan["items"]
    items[0] = {
        **items[0],
        "start_with": ["prone_lying"],
        "move_on_to": ["press_up_overpressure"],
        "family": "anti_extension",
        "override_reason": "Patient does it pain-free daily.",
        "override_for": ["loaded_flexion"],
    }
    plan.plan = {**plan.plan, "items": items}
    plan.avoid = AVOID
    plan.document = {**plan.document, "precautions": PRECAUTIONS}
    plan.save()
    return assessment


def _result(client: Any, assessment: Any) -> str:
    return client.get(reverse("assessments:result", args=[assessment.pk])).content.decode()


def test_it_shows_warnings_above_the_classification(as_alice: Any, v2_assessment: Any) -> None:
    page = _result(as_alice, v2_assessment)
    assert "Check these" in page and "Leg symptoms but leg NRS 0." in page
    assert page.index('data-testid="warnings"') < page.index('data-testid="classification"')


def test_it_shows_precautions_with_what_they_exclude(as_alice: Any, v2_assessment: Any) -> None:
    page = _result(as_alice, v2_assessment)
    box = page[page.index('data-testid="precaution-bone_fragility"') :][:600]
    assert "Bone fragility" in box and "no loaded or end-range spinal flexion" in box
    assert "Excludes: end-range flexion, loaded flexion, loaded rotation" in box


def test_it_says_where_a_position_limited_direction_is_avoided(
    as_alice: Any, v2_assessment: Any
) -> None:
    page = _result(as_alice, v2_assessment)
    entry = page[page.index('data-testid="avoid-extension"') :][:400]
    assert "Extension</strong> — <strong" in entry
    assert "avoid in standing only (fine in lying)" in entry
    flexion = page[page.index('data-testid="avoid-flexion"') :][:200]
    assert "only" not in flexion.split("</li>")[0]


def test_a_result_without_v2_fields_shows_no_warnings_box(as_alice: Any, assessment: Any) -> None:
    assessment.result.pop("warnings", None)
    assessment.result.pop("precautions", None)
    assessment.save()
    page = _result(as_alice, assessment)
    assert 'data-testid="warnings"' not in page and 'data-testid="precautions"' not in page


def test_a_caution_verdict_is_shown_as_a_warning_tag(as_alice: Any, assessment: Any) -> None:
    audit = assessment.result["audit"]
    audit[0] = {**audit[0], "verdicts": ["caution"], "alternative": None}
    assessment.save()
    assert '<span class="tag warn">caution</span>' in _result(as_alice, assessment)


def test_the_plan_page_shows_avoidance_precautions_and_lead_steps(
    as_alice: Any, v2_assessment: Any
) -> None:
    from backpath.core.library import default_library

    plan = v2_assessment.plans.get()
    page = as_alice.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "avoid in standing only (fine in lying)" in page
    assert 'data-testid="precaution-bone_fragility"' in page
    code = plan.plan["items"][0]["exercise"]
    lib = default_library()
    start = page[page.index(f'data-testid="start-with-{code}"') :][:300]
    assert lib.get("prone_lying").name in start
    move_on = page[page.index(f'data-testid="move-on-to-{code}"') :][:300]
    assert lib.get("press_up_overpressure").name in move_on
    assert f'data-testid="family-{code}"' in page and "anti extension" in page
    item = page[page.index(f'data-testid="plan-item-{code}"') :]
    end = item.find('data-testid="plan-item-', 1)
    override = item[:end] if end > 0 else item  # this item, its thumbnail and all
    assert "override: loaded flexion" in override
