"""Self-monitoring traffic light for patients (clinical-rules §8)."""

from __future__ import annotations

from typing import get_args

import pytest

from backpath.core.monitoring import (
    EMERGENCY_GUIDE,
    GUIDE,
    NO_CHANGE_AMBER_DAYS,
    SelfReport,
    SymptomChange,
    traffic_light,
)


@pytest.mark.parametrize("change", ["centralised", "decreased", "abolished"])
def test_it_shows_green_when_symptoms_get_better(change: SymptomChange) -> None:
    light = traffic_light(SelfReport(change))
    assert (light.light, light.rule, light.alert_clinician) == ("green", "R8.green", False)
    assert "carry on" in light.advice.lower()


def test_it_tells_the_patient_that_more_central_pain_with_less_leg_pain_is_good() -> None:
    light = traffic_light(SelfReport("centralised"))
    assert "more pain in the middle of your back with less in your leg is a good sign" in (
        light.advice.lower()
    )
    assert "centralised" in light.reasons[0]


def test_it_shows_amber_when_worse_during_the_set_but_settled() -> None:
    light = traffic_light(SelfReport("worse_then_settled"))
    assert (light.light, light.rule, light.alert_clinician) == ("amber", "R8.amber", False)
    assert "next visit" in light.advice


def test_it_shows_amber_after_three_days_without_change() -> None:
    assert NO_CHANGE_AMBER_DAYS == 3
    for days in (3, 4, 10):
        light = traffic_light(SelfReport("no_change", days_without_change=days))
        assert (light.light, light.rule) == ("amber", "R8.amber")
        assert f"{days} days" in light.reasons[0]


@pytest.mark.parametrize("days", [0, 1, 2])
def test_it_keeps_green_with_a_note_when_no_change_for_under_three_days(days: int) -> None:
    light = traffic_light(SelfReport("no_change", days_without_change=days))
    assert (light.light, light.rule, light.alert_clinician) == ("green", "R8.green", False)
    assert "No change in symptoms yet" in light.reasons[0]
    assert "3 days" in light.advice


@pytest.mark.parametrize("change", ["spread_down_leg", "worse_stayed", "new_numbness_or_weakness"])
def test_it_shows_red_and_alerts_the_clinician_when_symptoms_worsen(change: SymptomChange) -> None:
    light = traffic_light(SelfReport(change))
    assert (light.light, light.rule, light.alert_clinician) == ("red", "R8.red", True)
    assert "Stop this exercise" in light.advice
    assert "contact the clinic" in light.advice


def test_it_says_what_the_red_report_was() -> None:
    assert "further down the leg" in traffic_light(SelfReport("spread_down_leg")).reasons[0]
    assert (
        "numbness or weakness" in (traffic_light(SelfReport("new_numbness_or_weakness")).reasons[0])
    )


@pytest.mark.parametrize("change", get_args(SymptomChange))
def test_it_sends_any_emergency_symptom_to_emergency_care(change: SymptomChange) -> None:
    light = traffic_light(SelfReport(change, emergency_symptoms=True))
    assert (light.light, light.rule, light.alert_clinician) == ("emergency", "R8.emergency", True)
    assert "emergency" in light.advice.lower()


@pytest.mark.parametrize("change", get_args(SymptomChange))
def test_it_gives_every_report_a_rule_reasons_and_advice(change: SymptomChange) -> None:
    light = traffic_light(SelfReport(change, days_without_change=5))
    assert light.rule == f"R8.{light.light}"
    assert light.reasons and all(light.reasons)
    assert light.advice
    assert light.alert_clinician == (light.light in ("red", "emergency"))
    assert light.as_dict()["light"] == light.light


def test_it_rejects_an_unknown_change_or_negative_days() -> None:
    with pytest.raises(ValueError, match="allowed values: centralised"):
        SelfReport("better")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="days_without_change"):
        SelfReport("no_change", days_without_change=-1)


def test_it_provides_a_three_colour_guide_in_plain_words() -> None:
    assert [g.colour for g in GUIDE] == ["green", "amber", "red"]
    for entry in GUIDE:
        assert entry.title and entry.what_to_do
        assert entry.looks_like and all(entry.looks_like)
        assert set(entry.as_dict()) == {"colour", "title", "looks_like", "what_to_do"}
    assert any("good sign" in s for s in GUIDE[0].looks_like)
    assert any("5 minutes" in s for s in GUIDE[1].looks_like)
    assert any("3 days" in s for s in GUIDE[1].looks_like)
    assert any("down your leg" in s for s in GUIDE[2].looks_like)


def test_it_lists_the_emergency_signs_separately() -> None:
    assert EMERGENCY_GUIDE.colour == "emergency"
    text = " ".join(EMERGENCY_GUIDE.looks_like).lower()
    assert "bottom" in text and "urine" in text and "bowels" in text
    assert "emergency" in EMERGENCY_GUIDE.what_to_do
