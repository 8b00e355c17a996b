"""Derived findings (§2)."""

from __future__ import annotations

from backpath.core.findings import (
    distal_extent,
    irritability,
    is_end_range_only,
    is_favourable,
    is_unfavourable,
    leg_sides,
    strength,
)
from backpath.core.records import Symptom, TestResult

from .builders import record, sym, t


def tr(spec: str) -> TestResult:
    return TestResult.model_validate(t(spec))


def test_a_good_response_that_does_not_last_is_not_favourable() -> None:
    assert is_favourable(tr("REIL decrease better"))
    assert not is_favourable(tr("REIL decrease no_better"))
    assert not is_favourable(tr("REIL decrease no_effect"))


def test_strength_counts_centralising_and_range_gained() -> None:
    assert strength(tr("REIL decrease better")) == 2
    assert strength(tr("REIL centralise better")) == 3
    assert strength(tr("REIL decrease abolished increased_rom")) == 4


def test_peripheralising_during_is_unfavourable_whatever_after_says() -> None:
    assert is_unfavourable(tr("RFIS peripheralise better"))
    assert is_unfavourable(tr("RFIS increase worse"))
    assert not is_unfavourable(tr("RFIS increase no_better"))


def test_end_range_pain_only_needs_no_lasting_change_and_no_range_gain() -> None:
    assert is_end_range_only(tr("RFIS produce no_worse"))
    assert not is_end_range_only(tr("RFIS produce no_worse increased_rom"))
    assert not is_end_range_only(tr("RFIS produce worse"))


def test_a_central_back_symptom_counts_for_both_sides() -> None:
    symptoms = [
        Symptom.model_validate(sym("back central")),
        Symptom.model_validate(sym("leg left")),
    ]
    assert distal_extent(symptoms) == {"left": 4, "right": 1}
    assert leg_sides(symptoms) == ("left",)


def test_buttock_pain_alone_is_not_leg_pain() -> None:
    assert leg_sides([Symptom.model_validate(sym("buttock right"))]) == ()


def test_constant_pain_of_seven_is_highly_irritable() -> None:
    rec = record(history={"pattern": "constant"}, instruments={"nrs_back": 7})
    assert irritability(rec) == "high"


def test_constant_pain_with_numbness_below_the_knee_is_highly_irritable() -> None:
    rec = record(
        history={"pattern": "constant"},
        instruments={"nrs_back": 4, "nrs_leg": 2},
        symptoms=[sym("leg left", 2, "numbness")],
    )
    assert irritability(rec) == "high"


def test_intermittent_mild_pain_has_low_irritability_and_missing_nrs_counts_as_five() -> None:
    assert irritability(record(instruments={"nrs_back": 3, "nrs_leg": 0})) == "low"
    assert irritability(record(instruments={"nrs_back": 3})) == "moderate"
