"""Follow-up and progression (§7)."""

from __future__ import annotations

from typing import Any

from backpath.core import assess, follow_up

from .builders import followup, record, sym


def first(*tests: str, **parts: Any) -> dict[str, Any]:
    return dict(assess(record(*tests, **parts)))


EXT = ("REIL centralise centralised", "RFIS increase worse")
LAT = ("RSGIS-R centralise centralised",)


def at_stage(stage: str, *tests: str, **parts: Any) -> dict[str, Any]:
    prev = first(*tests, **parts)
    prev["plan"] = {**prev["plan"], "stage": stage}
    return prev


def test_worse_means_reassess_at_the_same_stage() -> None:
    doc = follow_up(first(*EXT), followup(response="worse"))
    assert (doc["action"], doc["stage"], doc["rule"]) == ("reassess", "reduce", "R7.1")


def test_spreading_further_down_the_leg_means_reassess() -> None:
    doc = follow_up(
        first(*EXT), followup(symptoms=[sym("leg left")], previous_symptoms=[sym("thigh left")])
    )
    assert doc["rule"] == "R7.1"


def test_lateral_stage_progresses_to_extension_once_the_leg_is_clear() -> None:
    prev = first(*LAT, symptoms=("thigh right",))
    doc = follow_up(prev, followup(symptoms=[sym("buttock right")]))
    assert (doc["action"], doc["stage"], doc["rule"]) == ("progress", "reduce", "R7.2")
    got = [i["exercise"] for i in doc["plan"]["items"]]
    assert "prone_press_up" in got and "side_glide_standing_right" in got


def test_lateral_stage_continues_while_leg_symptoms_remain() -> None:
    prev = first(*LAT, symptoms=("thigh right",))
    doc = follow_up(prev, followup(symptoms=[sym("thigh right")]))
    assert (doc["action"], doc["rule"]) == ("continue", "R7.0")
    assert doc["plan"] == prev["plan"]


def test_settled_reduce_stage_progresses_to_maintain_with_all_anti_movement() -> None:
    doc = follow_up(first(*EXT), followup(nrs_back=2, days_stable=7))
    assert (doc["stage"], doc["rule"]) == ("maintain", "R7.3")
    cats = {i["category"] for i in doc["plan"]["items"]}
    assert {"anti_extension", "anti_flexion", "anti_lateral_flexion", "anti_rotation"} <= cats


def test_reduce_needs_a_week_of_stability() -> None:
    assert follow_up(first(*EXT), followup(nrs_back=2, days_stable=6))["rule"] == "R7.0"


def test_two_symptom_free_weeks_reintroduce_the_avoided_direction() -> None:
    doc = follow_up(at_stage("maintain", *EXT), followup(nrs_back=0, days_symptom_free=14))
    assert (doc["stage"], doc["rule"]) == ("recover_function", "R7.4")
    # flexion was avoided for the DP and for RFIS (unfavourable): it comes back all the same
    assert doc["avoid"] == []
    got = [i["exercise"] for i in doc["plan"]["items"]]
    assert got.index("flexion_in_lying") < got.index("prone_press_up")


def test_recover_function_keeps_only_unfavourable_directions_avoided() -> None:
    doc = follow_up(
        at_stage("maintain", "REIL centralise centralised"),
        followup(nrs_back=0, days_symptom_free=20),
    )
    assert doc["avoid"] == []
    got = [i["exercise"] for i in doc["plan"]["items"]]
    assert got.index("flexion_in_lying") < got.index("prone_press_up")


def test_no_progress_by_visit_five_means_review() -> None:
    doc = follow_up(first(*EXT), followup(visit_number=5, nrs_back=6, nrs_leg=5))
    assert (doc["action"], doc["rule"]) == ("review", "R7.5")


def test_progress_on_the_nrs_prevents_a_review() -> None:
    doc = follow_up(first(*EXT), followup(visit_number=5, nrs_back=4))
    assert doc["rule"] == "R7.0"


def test_recovered_patients_are_discharged_without_a_plan() -> None:
    doc = follow_up(
        at_stage("recover_function", *EXT),
        followup(nrs_back=1, nrs_leg=0, odi=[1, 1, 1, 1, 0, 0, 0, 0, 0, 0]),
    )
    assert (doc["action"], doc["rule"], doc["plan"]) == ("discharge", "R7.6", None)
    assert doc["stage"] == "recover_function"


def test_a_new_emergency_red_flag_at_follow_up_refers() -> None:
    doc = follow_up(first(*EXT), followup(red_flags=["saddle_anaesthesia"]))
    assert (doc["action"], doc["plan"]) == ("refer", None)
    assert doc["referral"]["urgency"] == "emergency"


LATERAL_BAD_EXTENSION = ("RSGIS-R centralise centralised", "REIS increase worse")


def test_a_corrected_shift_releases_extension_for_re_testing_in_lying() -> None:
    prev = first(*LATERAL_BAD_EXTENSION, symptoms=(sym("thigh right"),))
    assert "extension" in {a["direction"] for a in prev["avoid"]}
    doc = follow_up(prev, followup(symptoms=[sym("back right", 3)]))
    assert (doc["action"], doc["stage"], doc["rule"]) == ("progress", "reduce", "R7.2")
    assert "extension" not in {a["direction"] for a in doc["avoid"]}
    lead = next(i for i in doc["plan"]["items"] if i["exercise"] == "prone_press_up")
    assert lead["start_with"][0] in ("prone_lying", "prone_lying_pillows")
    assert "re-test" in lead["reason"] and "leg symptoms" in lead["reason"]
    assert any("re-test" in r.lower() for r in doc["reasons"])


def test_the_reduce_stage_after_a_shift_keeps_the_side_glide_as_needed() -> None:
    prev = first(*LATERAL_BAD_EXTENSION, symptoms=(sym("thigh right"),))
    doc = follow_up(prev, followup(symptoms=[sym("back right", 3)]))
    assert "side_glide_standing_right" in [i["exercise"] for i in doc["plan"]["items"]]


def test_recover_function_reintroduces_a_direction_whose_test_was_unfavourable() -> None:
    doc = follow_up(
        at_stage("maintain", "REIL centralise centralised", "RFIL increase worse"),
        followup(nrs_back=0, days_symptom_free=20),
    )
    assert doc["avoid"] == []
    item = next(i for i in doc["plan"]["items"] if i["exercise"] == "flexion_in_lying")
    assert (item["rule"], item["dose"]["reps"], item["dose"]["times_per_day"]) == ("R7.4", 5, 2)


def _anti(doc: dict[str, Any]) -> dict[str, str]:
    return {i["category"]: i["exercise"] for i in doc["plan"]["items"] if i["rule"] == "R5.3"}


def test_a_better_follow_up_in_maintain_moves_each_family_one_step_on() -> None:
    from backpath.core.library import default_library

    lib = default_library()
    prev = follow_up(first(*EXT), followup(nrs_back=1, days_stable=10))
    assert prev["stage"] == "maintain"
    doc = follow_up(prev, followup(nrs_back=1, days_stable=14, response="better"))
    before, after = _anti(prev), _anti(doc)
    moved = [c for c in before if before[c] != after.get(c)]
    assert moved, (before, after)
    for category in moved:
        assert lib.get(before[category]).progression == after[category]
        item = next(i for i in doc["plan"]["items"] if i["exercise"] == after[category])
        assert "one step" in item["reason"]


def test_a_same_follow_up_does_not_move_the_families() -> None:
    prev = follow_up(first(*EXT), followup(nrs_back=1, days_stable=10))
    doc = follow_up(prev, followup(nrs_back=1, days_stable=14, response="same"))
    assert _anti(doc) == _anti(prev)
