"""A clinician's plan edits go through the core's one gate (§4, §4a, §5)."""

from __future__ import annotations

import pytest

from backpath.core.plan import (
    EditError,
    OverrideRequired,
    add_item,
    gate,
    item_conflicts,
    plan_item,
    remove_item,
)

FLEXION = [{"direction": "flexion", "reason": "DP extension"}]
EXTENSION_STANDING = [{"direction": "extension", "reason": "REIS worse", "positions": ["standing"]}]
PLAN = {"stage": "reduce", "items": [dict(plan_item("prone_press_up", "lead", "R5.1"))]}
REASON = "Patient is a gymnast and needs this for competition in two weeks."


def test_a_safe_exercise_is_added_without_a_reason() -> None:
    new, conflicts = add_item(PLAN, "walking_programme", FLEXION)
    assert conflicts == [] and [i["exercise"] for i in new["items"]][-1] == "walking_programme"
    assert "override_reason" not in new["items"][-1]


def test_an_exercise_loading_an_avoided_direction_needs_a_reason_of_a_sentence() -> None:
    for short in ("", "ok", "needs it"):
        with pytest.raises(OverrideRequired) as err:
            add_item(PLAN, "sit_ups", FLEXION, reason=short)
        assert err.value.conflicts[0]["code"] == "flexion"
    new, conflicts = add_item(PLAN, "sit_ups", FLEXION, reason=REASON)
    assert [c["code"] for c in conflicts] == ["flexion"]
    assert new["items"][-1]["override_reason"] == REASON
    assert new["items"][-1]["override_for"] == ["flexion"]


def test_a_direction_avoided_in_one_position_blocks_that_position_only() -> None:
    with pytest.raises(OverrideRequired) as err:
        add_item(PLAN, "standing_back_extension", EXTENSION_STANDING)
    assert err.value.conflicts[0] == {
        "kind": "position",
        "code": "extension:standing",
        "text": err.value.conflicts[0]["text"],
    }
    assert item_conflicts("prone_on_elbows", EXTENSION_STANDING) == []


def test_duplicates_unknown_codes_and_passive_items_are_refused_naming_the_field() -> None:
    for code in ("prone_press_up", "no_such_exercise", "heat_pack", "bed_rest"):
        with pytest.raises(EditError) as err:
            add_item(PLAN, code, FLEXION, reason=REASON)
        assert err.value.field == "exercise"


def test_removing_takes_the_item_out_and_an_absent_one_is_an_error() -> None:
    assert remove_item(PLAN, "prone_press_up")["items"] == []
    with pytest.raises(EditError):
        remove_item(PLAN, "sit_ups")


def test_the_gate_keeps_an_override_only_while_its_reason_covers_every_conflict() -> None:
    item = {**plan_item("sit_ups", REASON), "override_reason": REASON, "override_for": ["flexion"]}
    assert gate([item], FLEXION).kept == [item]
    rotation = [*FLEXION, {"direction": "rotation", "reason": ""}]
    russian = {**plan_item("russian_twist", REASON), "override_reason": REASON}
    russian["override_for"] = ["flexion"]
    gated = gate([russian], rotation)
    assert gated.kept == [] and gated.dropped[0][1]


def test_the_gate_drops_clinic_only_items_whoever_added_them() -> None:
    item = {**plan_item("press_up_overpressure", REASON), "override_reason": REASON}
    assert gate([item], []).kept == []
