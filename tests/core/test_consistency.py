"""Consistency warnings (§2a): shown above the classification, never changing an outcome."""

from __future__ import annotations

from typing import Any

from backpath.core import assess

from .builders import record, sym


def warnings(*tests: str, **parts: Any) -> dict[str, str]:
    return {w["code"]: w["text"] for w in assess(record(*tests, **parts))["warnings"]}


BATTERY = ("REIL decrease better", "RFIL increase worse")


def test_a_glide_toward_the_side_the_shoulders_sit_on_is_flagged() -> None:
    got = warnings(
        "RSGIS-L centralise centralised", *BATTERY, examination={"lateral_shift": "left"}
    )
    assert "shift_vs_glide" in got and "shoulders" in got["shift_vs_glide"]


def test_the_correcting_glide_is_not_flagged() -> None:
    got = warnings(
        "RSGIS-R centralise centralised", *BATTERY, examination={"lateral_shift": "left"}
    )
    assert "shift_vs_glide" not in got


def test_a_leg_score_without_a_leg_symptom_is_flagged() -> None:
    assert "leg_score_without_leg_symptom" in warnings(*BATTERY, instruments={"nrs_leg": 4})


def test_a_leg_symptom_without_a_leg_score_is_flagged() -> None:
    got = warnings(*BATTERY, symptoms=(sym("thigh left"),), instruments={"nrs_leg": 0})
    assert "leg_symptom_without_leg_score" in got


def test_weakness_on_examination_without_a_motor_flag_is_flagged() -> None:
    neuro = {"neuro": {"weakness": [{"myotome": "L5", "side": "left"}]}}
    assert "neuro_deficit_unflagged" in warnings(*BATTERY, examination=neuro)
    flagged = warnings(*BATTERY, examination=neuro, red_flags=["stable_motor_deficit"])
    assert "neuro_deficit_unflagged" not in flagged


def test_a_conclusion_from_one_direction_is_flagged() -> None:
    assert "battery_incomplete" in warnings("REIL decrease better")
    assert "battery_incomplete" not in warnings(*BATTERY)


def test_no_tests_is_no_conclusion_so_no_battery_warning() -> None:
    assert "battery_incomplete" not in warnings()


def test_warnings_never_change_the_outcome() -> None:
    plain = assess(record(*BATTERY))
    noisy = assess(record(*BATTERY, instruments={"nrs_leg": 4}))
    assert noisy["warnings"] and not plain["warnings"]
    assert noisy["classification"] == plain["classification"]
    assert noisy["avoid"] == plain["avoid"]
