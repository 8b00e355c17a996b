"""The staged plan (§5)."""

from __future__ import annotations

from typing import Any

from backpath.core import assess
from backpath.core.documents import Plan
from backpath.core.plan import PlanContext, build_plan, plan_conflicts

from .builders import record


def plan_of(*tests: str, **parts: Any) -> Plan:
    plan = assess(record(*tests, **parts))["plan"]
    assert plan is not None
    return plan


def codes(plan: Plan) -> list[str]:
    return [i["exercise"] for i in plan["items"]]


def test_extension_in_lying_is_one_press_up_lead_that_starts_with_lying_then_elbows() -> None:
    plan = plan_of("REIL decrease better")
    dp = [i for i in plan["items"] if i["category"] == "dp_extension"]
    assert [i["exercise"] for i in dp] == ["prone_press_up"]
    start = dp[0]["start_with"]
    assert start.index("prone_lying") < start.index("prone_on_elbows")
    assert dp[0]["move_on_to"][0] == "prone_press_up_sag"
    assert "standing_back_extension" not in codes(plan)


def test_only_the_lead_dp_exercise_is_dosed_and_its_steps_are_not_items() -> None:
    got = codes(plan_of("REIL decrease better"))
    assert "prone_lying" not in got and "prone_on_elbows" not in got


def test_one_lead_per_favourable_position() -> None:
    plan = plan_of("REIL decrease better", "REIS decrease better")
    dp = [i["exercise"] for i in plan["items"] if i["category"] == "dp_extension"]
    assert dp == ["prone_press_up", "standing_back_extension"]


def test_extension_in_standing_gives_standing_back_extension() -> None:
    assert "standing_back_extension" in codes(plan_of("REIS decrease better"))


def test_extension_is_never_prescribed_in_a_position_whose_test_was_unfavourable() -> None:
    plan = plan_of(
        "REIS increase worse",
        "REIL decrease better",
        history={"pattern": "constant"},
        instruments={"nrs_back": 7},
    )
    for item in plan["items"]:
        assert not (item["position"] == "standing" and "extension" in item["loads"])
    assert "prone_press_up" in codes(plan)


def test_dp_exercises_are_ten_reps_every_two_to_three_hours_or_hourly_when_irritable() -> None:
    calm = {i["exercise"]: i for i in plan_of("REIL decrease better")["items"]}
    assert calm["prone_press_up"]["dose"]["reps"] == 10
    assert calm["prone_press_up"]["dose"]["times_per_day"] == 6
    hot = plan_of(
        "REIL decrease better", history={"pattern": "constant"}, instruments={"nrs_back": 8}
    )
    hot_items = {i["exercise"]: i for i in hot["items"]}
    assert hot_items["prone_press_up"]["dose"]["times_per_day"] == 12
    assert "every hour" in hot_items["prone_press_up"]["reason"]
    assert hot["review_after_days"] == 3


def test_a_lateral_dp_starts_at_the_lateral_stage_with_the_glide_toward_the_dp() -> None:
    plan = plan_of(
        "RSGIS-R centralise centralised",
        symptoms=("thigh right",),
        examination={"lateral_shift": "left"},
    )
    got = codes(plan)
    assert plan["stage"] == "lateral"
    assert "side_glide_standing_right" in got and "shift_correction_wall_right" in got
    assert "side_glide_standing_left" not in got
    assert any(n["rule"] == "R5.2" for n in plan["notes"])


def test_the_lateral_stage_holds_no_extension_and_says_extension_follows() -> None:
    plan = plan_of("RSGIS-R centralise centralised", symptoms=("thigh right",))
    assert plan["stage"] == "lateral"
    assert not any("extension" in i["loads"] for i in plan["items"])
    assert not any(c.startswith("side_glide_then_extension") for c in codes(plan))
    assert any(n["rule"] == "R5.2" for n in plan["notes"])


def test_a_first_plan_has_two_anti_movement_exercises_unless_highly_irritable() -> None:
    calm = plan_of("REIL decrease better")
    assert sum(i["rule"] == "R5.3" for i in calm["items"]) == 2
    hot = plan_of(
        "REIL decrease better", history={"pattern": "constant"}, instruments={"nrs_back": 8}
    )
    assert sum(i["rule"] == "R5.3" for i in hot["items"]) == 0


def test_walking_for_everyone_but_cycling_when_walking_aggravates_and_sitting_eases() -> None:
    assert "walking_programme" in codes(plan_of("REIL decrease better"))
    got = codes(
        plan_of("RFIL decrease better", history={"aggravating": ["walking"], "easing": ["sitting"]})
    )
    assert "cycling" in got and "walking_programme" not in got


def test_an_extension_dp_gets_a_lumbar_roll_and_sitting_breaks() -> None:
    got = codes(plan_of("REIL decrease better"))
    assert "lumbar_roll_sitting" in got and "sitting_breaks" in got


def test_postural_syndrome_gets_posture_correction() -> None:
    got = codes(plan_of("RFIS no_effect no_effect", history={"aggravating": ["sitting"]}))
    assert "posture_correction_sitting" in got


def test_dysfunction_gets_repeated_end_range_movement_into_its_direction() -> None:
    plan = plan_of(
        "REIS produce no_worse", "RFIS no_effect no_effect", history={"duration_weeks": 10}
    )
    item = next(i for i in plan["items"] if i["rule"] == "R5.6")
    assert item["exercise"] == "end_range_extension_standing"
    assert "stops within minutes" in item["reason"]


def test_an_adherent_nerve_root_stretches_with_the_knee_straight() -> None:
    plan = plan_of(
        "RFIS produce no_worse",
        "RFIL no_effect no_effect",
        symptoms=("thigh left",),
        history={"duration_weeks": 10, "previous_sciatica": True},
    )
    assert "long_sitting_flexion" in codes(plan)


def test_stenosis_gets_flexion_and_cycling() -> None:
    got = codes(
        plan_of(
            "RFIL decrease better",
            patient={"age": 70},
            symptoms=("leg left",),
            history={"aggravating": ["walking"], "easing": ["sitting"]},
        )
    )
    assert {"flexion_in_lying", "flexion_in_sitting", "cycling"} <= set(got)


def test_chronic_pain_with_high_start_back_notes_psychological_support() -> None:
    plan = plan_of(
        "RFIS increase no_better",
        "REIS increase no_better",
        history={"duration_weeks": 14},
        instruments={"start_back": [1, 1, 1, 1, 1, 1, 1, 1, 3]},
    )
    assert any("psycholog" in n["text"] for n in plan["notes"])


def test_every_item_says_why_and_which_rule() -> None:
    for item in plan_of("REIL decrease better")["items"]:
        assert item["reason"] and item["rule"].startswith("R")


def test_the_plan_lists_education_and_the_passive_treatments_not_recommended() -> None:
    plan = plan_of("REIL decrease better")
    assert {"stay_active", "directional_preference", "sitting_strategy"} <= set(plan["education"])
    assert {n["code"] for n in plan["not_recommended"]} >= {"heat_pack", "massage", "bed_rest"}


def test_the_safety_gate_drops_any_item_that_loads_an_avoided_direction() -> None:
    ctx = PlanContext(
        syndrome="derangement",
        subgroup="extension",
        dp="extension",
        irritability="low",
        avoid=({"direction": "flexion", "reason": ""}, {"direction": "extension", "reason": ""}),
    )
    plan = build_plan(ctx, "reduce")
    assert all(not set(i["loads"]) & ctx.avoided for i in plan["items"])
    assert any("No extension exercise can be given at home" in n["text"] for n in plan["notes"])


def test_the_gate_notes_each_item_it_drops_and_why() -> None:
    from backpath.core.plan import gate, plan_item

    gated = gate([plan_item("sit_ups", "")], [{"direction": "flexion", "reason": ""}])
    assert gated.kept == []
    assert "Sit-ups left out" in gated.notes()[0]["text"] or "left out" in gated.notes()[0]["text"]


def test_plan_conflicts_names_the_avoided_directions_an_exercise_loads() -> None:
    assert plan_conflicts("sit_ups", [{"direction": "flexion"}]) == ["flexion"]
    assert plan_conflicts("bird_dog", ["flexion", "extension"]) == []


def test_maintain_has_all_four_anti_movement_families() -> None:
    ctx = PlanContext(
        syndrome="derangement",
        subgroup="extension",
        dp="extension",
        irritability="low",
        avoid=({"direction": "flexion", "reason": ""},),
    )
    cats = {i["category"] for i in build_plan(ctx, "maintain")["items"]}
    assert {"anti_extension", "anti_flexion", "anti_lateral_flexion", "anti_rotation"} <= cats
