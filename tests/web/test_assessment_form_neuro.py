"""The neurological examination, pregnancy and walking tolerance on the assessment form."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from backpath.web.assessments.formdata import (
    errors_by_field,
    form_from_record,
    record_from_form,
)
from backpath.web.assessments.models import Assessment

from .conftest import EXTENSION_FORM

pytestmark = pytest.mark.django_db

NEURO_FORM = {
    "pregnancy_status": "pregnant",
    "pregnancy_weeks": "20",
    "walking_tolerance_minutes": "15",
    "neuro-slr_left": "40",
    "neuro-slump_left": "positive",
    "neuro-slump_right": "negative",
    "neuro-weak-L5-left": "1",
    "neuro-reflex-ankle-left": "reduced",
    "neuro-sens-L5-left": "1",
    "neuro-sens-saddle-central": "1",
}
NEURO = {
    "slr_left": 40,
    "slump_left": "positive",
    "slump_right": "negative",
    "weakness": [{"myotome": "L5", "side": "left"}],
    "reflexes": [{"reflex": "ankle", "side": "left", "finding": "reduced"}],
    "sensory_loss": [
        {"dermatome": "L5", "side": "left"},
        {"dermatome": "saddle", "side": "central"},
    ],
}


def _new(episode: Any) -> str:
    return reverse("episodes:assessment_new", args=[episode.pk])


def test_the_form_builds_the_neuro_examination_pregnancy_and_walking_tolerance() -> None:
    record, _paths = record_from_form({**EXTENSION_FORM, **NEURO_FORM})
    assert record["examination"]["neuro"] == NEURO
    assert record["patient"]["pregnancy"] == {"status": "pregnant", "weeks": 20}
    assert record["history"]["walking_tolerance_minutes"] == 15


def test_a_form_without_neuro_findings_records_no_neuro_examination() -> None:
    record, _paths = record_from_form(EXTENSION_FORM)
    assert "neuro" not in record.get("examination", {})
    assert "pregnancy" not in record["patient"]
    assert "walking_tolerance_minutes" not in record["history"]


def test_the_new_fields_round_trip_through_a_reassessment_exactly() -> None:
    record, _paths = record_from_form({**EXTENSION_FORM, **NEURO_FORM})
    rebuilt, _paths = record_from_form(form_from_record(record))
    assert rebuilt == record


def test_the_neuro_section_is_buttons_and_ticks_not_dropdowns(as_alice: Any, episode: Any) -> None:
    page = as_alice.get(_new(episode)).content.decode()
    section = page[page.index('data-testid="neuro"') :]
    section = section[: section.index("</fieldset>")]
    assert "<select" not in section
    assert 'name="neuro-weak-L2-left" value="1"' in section
    assert 'name="neuro-reflex-knee-right" value="brisk"' in section
    assert 'name="neuro-sens-saddle-central"' in section


def test_a_draft_keeps_every_neuro_value(as_alice: Any, episode: Any) -> None:
    as_alice.post(_new(episode), {**EXTENSION_FORM, **NEURO_FORM, "action": "draft"})
    draft = Assessment.objects.get()
    page = as_alice.get(reverse("assessments:edit", args=[draft.pk])).content.decode()
    assert 'name="neuro-weak-L5-left" value="1" aria-label="Weakness L5 left" checked' in page
    assert 'name="neuro-reflex-ankle-left" value="reduced" checked' in page
    assert 'name="neuro-slump_left" value="positive" checked' in page
    assert 'value="40"' in page and 'value="20"' in page and 'value="15"' in page


def test_neuro_errors_map_to_their_fields() -> None:
    _record, paths = record_from_form({**EXTENSION_FORM, **NEURO_FORM})
    fields, general = errors_by_field(
        [
            "examination.neuro.slr_left: 120 is above the maximum 90",
            "examination.neuro.reflexes[0].finding: 'odd' is not allowed; allowed values: x",
            "patient.pregnancy.weeks: 50 is above the maximum 42",
        ],
        paths,
    )
    assert set(fields) == {"neuro-slr_left", "neuro-reflex-ankle-left", "pregnancy_weeks"}
    assert general == []


def test_a_bad_neuro_value_is_named_beside_the_section_and_nothing_is_saved(
    as_alice: Any, episode: Any, monkeypatch: Any
) -> None:
    from backpath.core import RecordError
    from backpath.web.assessments import actions

    def reject(*args: Any, **kwargs: Any) -> Any:
        raise RecordError(["examination.neuro.slr_left: 120 is above the maximum 90"])

    monkeypatch.setattr(actions, "finish_assessment", reject)
    response = as_alice.post(
        _new(episode), {**EXTENSION_FORM, **NEURO_FORM, "neuro-slr_left": "120"}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Nothing was saved" in page
    box = page[page.index('data-testid="neuro-errors"') :][:600]
    assert "Straight-leg raise, left: 120 is above the maximum 90" in box
    assert "allowed: whole degrees 0–90" in box
    assert not Assessment.objects.exists()


def test_an_unknown_slump_value_is_an_error_beside_the_section(as_alice: Any, episode: Any) -> None:
    response = as_alice.post(_new(episode), {**EXTENSION_FORM, "neuro-slump_left": "maybe"})
    page = response.content.decode()
    assert response.status_code == 400 and not Assessment.objects.exists()
    assert 'data-testid="neuro-errors"' in page


def test_finishing_with_neuro_findings_stores_them_in_the_record(
    as_alice: Any, episode: Any
) -> None:
    response = as_alice.post(_new(episode), {**EXTENSION_FORM, **NEURO_FORM})
    assert response.status_code == 302
    saved = Assessment.objects.get()
    assert saved.record["examination"]["neuro"] == NEURO
    assert saved.record["patient"]["pregnancy"] == {"status": "pregnant", "weeks": 20}
