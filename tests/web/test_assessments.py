"""The assessment form produces a valid record; bad input shows errors and saves nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from backpath.web.assessments.formdata import errors_by_field, record_from_form
from backpath.web.assessments.models import Assessment
from backpath.web.plans.models import PlanVersion

from .conftest import EXTENSION_FORM

pytestmark = pytest.mark.django_db


def _new(episode: Any) -> str:
    return reverse("episodes:assessment_new", args=[episode.pk])


def test_the_form_shows_every_test_in_battery_order(as_alice: Any, episode: Any) -> None:
    from backpath.core.vocab import TEST_CODES

    page = as_alice.get(_new(episode)).content.decode()
    positions = [page.index(f'data-testid="test-{code}"') for code in TEST_CODES]
    assert positions == sorted(positions)


def test_the_form_shows_shift_as_shoulders_and_hips(as_alice: Any, episode: Any) -> None:
    page = as_alice.get(_new(episode)).content.decode()
    assert "shoulders to the right / hips to the left" in page


def test_the_form_lists_every_red_flag(as_alice: Any, episode: Any) -> None:
    from backpath.core.redflags import RED_FLAGS

    page = as_alice.get(_new(episode)).content.decode()
    assert all(f'value="{code}"' in page for code in RED_FLAGS)


def test_finishing_stores_the_record_the_result_and_plan_version_1(
    as_alice: Any, episode: Any
) -> None:
    response = as_alice.post(_new(episode), EXTENSION_FORM)
    assessment = Assessment.objects.get()
    assert response["Location"] == reverse("assessments:result", args=[assessment.pk])
    assert assessment.record["tests"][1] == {
        "test": "REIL",
        "during": "centralise",
        "after": "centralised",
        "mechanical": "increased_rom",
    }
    assert assessment.result["classification"]["directional_preference"] == "extension"
    assert PlanVersion.objects.get().number == 1


def test_the_result_page_shows_classification_plan_and_audit(
    as_alice: Any, assessment: Any
) -> None:
    page = as_alice.get(reverse("assessments:result", args=[assessment.pk])).content.decode()
    assert 'data-testid="dp"' in page and "R3.1" in page
    assert "hammy stretch" in page and 'data-testid="avoid"' in page


def test_an_intensity_above_10_is_shown_beside_the_field_and_nothing_is_saved(
    as_alice: Any, episode: Any
) -> None:
    response = as_alice.post(_new(episode), {**EXTENSION_FORM, "sym-thigh-left": "11"})
    page = response.content.decode()
    assert response.status_code == 400 and "Nothing was saved" in page
    chart_cell = page[page.index('data-testid="chart-thigh-left"') :][:1500]
    assert "above the maximum 10" in chart_cell
    assert not Assessment.objects.exists() and not PlanVersion.objects.exists()


def test_text_in_a_number_field_is_an_error_not_a_crash(as_alice: Any, episode: Any) -> None:
    response = as_alice.post(_new(episode), {**EXTENSION_FORM, "nrs_back": "lots"})
    assert response.status_code == 400 and not Assessment.objects.exists()
    assert 'id="f-nrs_back-error"' in response.content.decode()
    assert "&#x27;lots&#x27; is not a whole number; allowed: whole numbers from 0 to 10" in (
        response.content.decode()
    )
    assert "unable to parse" not in response.content.decode()


def test_a_test_row_without_an_after_response_is_an_error_on_that_row(
    as_alice: Any, episode: Any
) -> None:
    response = as_alice.post(_new(episode), {**EXTENSION_FORM, "test-REIS-during": "decrease"})
    assert response.status_code == 400
    assert 'id="f-test-REIS-after-error"' in response.content.decode()


def test_the_values_entered_are_kept_after_an_error(as_alice: Any, episode: Any) -> None:
    response = as_alice.post(_new(episode), {**EXTENSION_FORM, "nrs_back": "12"})
    assert 'value="hammy stretch"' in response.content.decode()


def test_errors_map_back_to_form_fields() -> None:
    _record, paths = record_from_form(
        {"sym-leg-right": "3", "odi-4": "9", "psfs-2-score": "4", "psfs-2-activity": "x"}
    )
    fields, general = errors_by_field(
        [
            "symptoms[0].intensity: 13 is above the maximum 10",
            "instruments.odi[3]: 9 is above the maximum 5",
            "instruments.psfs[0].score: 11 is above the maximum 10",
            "(record): odd",
        ],
        paths,
    )
    assert set(fields) == {"sym-leg-right", "odi-4", "psfs-2-score"} and general == [
        "(record): odd"
    ]


def test_a_draft_is_saved_without_validation_and_can_be_finished_later(
    as_alice: Any, episode: Any
) -> None:
    as_alice.post(_new(episode), {**EXTENSION_FORM, "action": "draft", "nrs_back": "99"})
    draft = Assessment.objects.get()
    assert draft.is_draft and draft.form_data["nrs_back"] == "99" and draft.record is None
    page = as_alice.get(reverse("assessments:edit", args=[draft.pk])).content.decode()
    assert 'value="99"' in page
    as_alice.post(
        reverse("assessments:edit", args=[draft.pk]), {**EXTENSION_FORM, "version": draft.version}
    )
    draft.refresh_from_db()
    assert draft.status == "final" and draft.result is not None


def test_two_clinicians_saving_the_same_draft_the_second_gets_a_conflict(
    as_alice: Any, as_bob: Any, episode: Any
) -> None:
    as_alice.post(_new(episode), {**EXTENSION_FORM, "action": "draft"})
    draft = Assessment.objects.get()
    url = reverse("assessments:edit", args=[draft.pk])
    as_alice.post(url, {**EXTENSION_FORM, "action": "draft", "nrs_back": "5", "version": 1})
    response = as_bob.post(
        url, {**EXTENSION_FORM, "action": "draft", "nrs_back": "3", "version": 1}
    )
    draft.refresh_from_db()
    assert response.status_code == 409 and draft.form_data["nrs_back"] == "5"


def test_an_emergency_red_flag_shows_the_emergency_banner_and_no_plan(
    as_alice: Any, make_assessment: Any
) -> None:
    assessment = make_assessment(red_flags=["saddle_anaesthesia"])
    page = as_alice.get(reverse("assessments:result", args=[assessment.pk])).content.decode()
    assert 'data-testid="referral-emergency"' in page
    assert "Send to emergency care today" in page
    assert page.index("referral-emergency") < page.index("Assessment result")
    assert not assessment.plans.exists()


def test_no_tests_gives_a_provisional_result_with_next_tests(
    as_alice: Any, make_assessment: Any
) -> None:
    assessment = make_assessment(tests=[])
    page = as_alice.get(reverse("assessments:result", args=[assessment.pk])).content.decode()
    assert 'data-testid="provisional"' in page and 'data-testid="next-tests"' in page


def test_finishing_is_audited(as_alice: Any, episode: Any) -> None:
    from backpath.web.audit.models import AuditEntry

    as_alice.post(_new(episode), EXTENSION_FORM)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"assessment.finish", "plan.create"} <= actions


def test_the_form_reproduces_a_record_exactly() -> None:
    from backpath.web.assessments.formdata import form_from_record

    from .conftest import extension_record

    original = extension_record(
        red_flags=["osteoporosis"],
        examination={
            "lateral_shift": "right",
            "movement_loss": {"flexion": "major"},
            "hip_reproduces_symptoms": False,
        },
        instruments={
            "nrs_back": 6,
            "start_back": [1, 0, 0, 1, 0, 0, 1, 0, 3],
            "psfs": [{"activity": "gardening", "score": 4}],
        },
    )
    rebuilt, _paths = record_from_form(form_from_record(original))
    rebuilt.pop("id", None)
    assert rebuilt == original


def test_reassessing_starts_from_the_earlier_assessment(
    as_alice: Any, assessment: Any, episode: Any
) -> None:
    page = as_alice.get(_new(episode), {"from": assessment.pk}).content.decode()
    assert 'value="hammy stretch"' in page and 'value="centralise" checked' in page


def test_charlie_cannot_start_from_alices_assessment(
    as_charlie: Any, as_alice: Any, assessment: Any, charlie: Any
) -> None:
    import datetime as dt

    from backpath.web.audit.trail import Actor
    from backpath.web.patients.actions import create_patient, open_episode

    actor = Actor(user=charlie)
    mine = create_patient(
        actor,
        charlie.profile.clinic,
        {"name": "Iris", "sex": "", "contact": "", "date_of_birth": dt.date(1983, 2, 11)},
    )
    episode = open_episode(actor, mine, "Low back pain", dt.date(2026, 11, 2))
    response = as_charlie.get(_new(episode), {"from": assessment.pk})
    assert response.status_code == 404


def test_a_single_movement_test_left_without_reps_counts_one() -> None:
    record, _ = record_from_form(
        {
            "test-FIS-during": "produce",
            "test-FIS-after": "no_worse",
            "test-RFIS-during": "produce",
            "test-RFIS-after": "no_worse",
        }
    )
    assert [t.get("reps") for t in record["tests"]] == [1, None]


def test_the_form_labels_odi_sections_with_short_names_of_our_own(
    as_alice: Any, episode: Any
) -> None:
    page = as_alice.get(_new(episode)).content.decode()
    assert '<label for="f-odi-4">4 Walking</label>' in page
    assert '<label for="f-odi-10">10 Travelling</label>' in page
    assert "blank if not answered" not in page  # the core's long labels are not repeated


def test_rmdq_errors_map_back_to_their_items() -> None:
    _record, paths = record_from_form({"rmdq-3": "2"})
    fields, general = errors_by_field(
        [
            "instruments.rmdq[2]: 2 is above the maximum 1",
            "instruments.rmdq: list should have at least 24 items",
        ],
        paths,
    )
    assert fields == {
        "rmdq-3": ["2 is above the maximum 1"],
        "rmdq-done": ["list should have at least 24 items"],
    }
    assert general == []


def test_the_body_chart_seen_from_behind_has_the_patients_right_on_the_viewers_right(
    as_alice: Any, episode: Any
) -> None:
    import re

    page = as_alice.get(_new(episode)).content.decode()
    assert "the patient's right is on your right" in page
    heads = re.findall(r'<div class="side-head">(\w+)</div>', page)
    assert heads == ["Left", "Central", "Right"]
    cells = re.findall(r'data-testid="chart-back-(\w+)"', page)
    assert cells == ["left", "central", "right"]
    x = {
        side: int(re.search(rf'x="(\d+)"[^>]*data-target="f-sym-back-{side}"', page)[1])
        for side in ("left", "right")
    }
    assert x["left"] < x["right"]  # in the drawing too


def test_small_vocabularies_are_button_groups_not_dropdowns(as_alice: Any, episode: Any) -> None:
    page = as_alice.get(_new(episode)).content.decode()
    for name in ("onset", "pattern", "lateral_shift", "loss-flexion", "test-REIL-during"):
        assert f'role="radiogroup" id="f-{name}"' in page, name
    assert page.count("<select") == page.count('-kind" aria-label=')  # only the body chart's kinds


def test_several_treatments_in_one_box_separated_by_commas_are_several(
    as_alice: Any, episode: Any
) -> None:
    form = {**EXTENSION_FORM, "treatment-1": "hamstring_stretch, heat,walking, Foam roller"}
    as_alice.post(_new(episode), form)
    stored = Assessment.objects.get().record["current_treatments"]
    assert stored == ["hamstring_stretch", "heat", "walking", "Foam roller"]


def test_the_result_page_accepts_the_plan_in_one_tap(as_alice: Any, plan: Any) -> None:
    page = as_alice.get(reverse("assessments:result", args=[plan.assessment.pk])).content.decode()
    assert f'action="{reverse("plans:accept", args=[plan.pk])}"' in page
    assert 'data-testid="result-accept"' in page


def test_accept_and_give_accepts_the_plan_and_shows_a_new_link_once(
    as_alice: Any, plan: Any
) -> None:
    from backpath.web.programmes.models import HepLink

    url = reverse("assessments:accept_and_give", args=[plan.assessment.pk])
    page = as_alice.post(url).content.decode()
    plan.refresh_from_db()
    assert plan.accepted_at is not None and HepLink.objects.filter(seen_plan=plan).count() == 1
    assert "/p/" in page and 'data-testid="new-link"' in page


def test_accept_and_give_refuses_a_get(as_alice: Any, plan: Any) -> None:
    url = reverse("assessments:accept_and_give", args=[plan.assessment.pk])
    assert as_alice.get(url).status_code == 405
