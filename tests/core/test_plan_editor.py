"""The plan editor's core: dose within bounds, order, notes, templates through the gate."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backpath.core import assess, parse_assessment
from backpath.core.corrections import DISCHARGE_OUTCOMES, discharge, typed_reason
from backpath.core.library import default_library
from backpath.core.plan import (
    DOSE_BOUNDS,
    MIN_REASON_CHARS,
    EditError,
    apply_template,
    move_item,
    plan_item,
    set_dose,
    set_note,
    template_items,
    template_name,
)

from .builders import records
from .test_properties import FAST, position_clashes, precaution_breaches

PLAN = {
    "stage": "reduce",
    "items": [dict(plan_item(c, "lead", "R5.1")) for c in ("prone_press_up", "walking_programme")],
}
FLEXION = [{"direction": "flexion", "reason": "DP extension"}]


def codes(plan: dict[str, Any]) -> list[str]:
    return [i["exercise"] for i in plan["items"]]


def test_set_dose_replaces_the_dose_and_accepts_form_strings() -> None:
    new = set_dose(PLAN, "prone_press_up", {"reps": "12", "sets": 2, "times_per_day": ""})
    assert new["items"][0]["dose"] == {"reps": 12, "sets": 2}
    assert PLAN["items"][0]["dose"] != {"reps": 12, "sets": 2}  # the input is not changed


@pytest.mark.parametrize(
    ("part", "value"),
    [
        ("reps", 0),
        ("reps", 51),
        ("sets", 11),
        ("hold_seconds", 301),
        ("minutes", "ten"),
        ("times_per_day", True),
        ("times_per_day", 2**31),
        ("minutes", -1),
    ],
)
def test_a_dose_outside_its_bounds_names_the_part_and_the_range(part: str, value: object) -> None:
    with pytest.raises(EditError) as err:
        set_dose(PLAN, "prone_press_up", {part: value})
    low, high = DOSE_BOUNDS[part]
    assert err.value.field == f"dose.{part}" and f"{low} to {high}" in str(err.value)


def test_an_unknown_dose_part_or_an_empty_dose_is_refused() -> None:
    with pytest.raises(EditError, match="allowed: reps"):
        set_dose(PLAN, "prone_press_up", {"weight_kg": 5})
    with pytest.raises(EditError) as err:
        set_dose(PLAN, "prone_press_up", {"reps": ""})
    assert err.value.field == "dose"
    with pytest.raises(EditError) as err:
        set_dose(PLAN, "sit_ups", {"reps": 5})
    assert err.value.field == "exercise"


def test_moving_swaps_with_the_neighbour_and_refuses_at_the_ends() -> None:
    down = move_item(PLAN, "prone_press_up", "down")
    assert codes(down) == ["walking_programme", "prone_press_up"]
    assert codes(move_item(down, "prone_press_up", "up")) == codes(PLAN)
    for code, way in (("prone_press_up", "up"), ("walking_programme", "down")):
        with pytest.raises(EditError) as err:
            move_item(PLAN, code, way)
        assert err.value.field == "direction"
    with pytest.raises(EditError, match="allowed: up, down"):
        move_item(PLAN, "prone_press_up", "sideways")


def test_a_note_is_set_trimmed_and_cleared() -> None:
    noted = set_note(PLAN, "prone_press_up", "  Keep hips   down. ")
    assert noted["items"][0]["note"] == "Keep hips down."
    assert "note" not in set_note(noted, "prone_press_up", "")["items"][0]
    for bad in ("x" * 501, "nul\x00byte", 7):
        with pytest.raises(EditError) as err:
            set_note(PLAN, "prone_press_up", bad)
        assert err.value.field == "note"


def test_a_template_keeps_order_dose_and_note_and_applies_them() -> None:
    source = set_note(set_dose(PLAN, "prone_press_up", {"reps": 8}), "prone_press_up", "Slowly.")
    entries = template_items(move_item(source, "walking_programme", "up"))
    applied = apply_template({"stage": "reduce", "items": []}, "ext DP", entries, FLEXION)
    assert codes(applied.plan) == ["walking_programme", "prone_press_up"]
    press = applied.plan["items"][1]
    assert press["dose"] == {"reps": 8} and press["note"] == "Slowly."
    assert press["rule"] == "template" and applied.dropped == []


def test_applying_a_template_drops_what_this_patient_must_avoid_and_says_why() -> None:
    entries = [
        {"exercise": c, "dose": {}}
        for c in ("sit_ups", "prone_press_up", "heat_pack", "levitation", "prone_press_up")
    ]
    applied = apply_template({"stage": "reduce", "items": []}, "mixed", entries, FLEXION)
    assert codes(applied.plan) == ["prone_press_up"]
    why = {d["exercise"]: " ".join(d["reasons"]) for d in applied.dropped}
    assert "flexion" in why["sit_ups"] and "not prescribable" in why["heat_pack"]
    assert "not in the library" in why["levitation"] and "twice" in why["prone_press_up"]
    assert all(" left out: " in t for t in applied.texts()) and len(applied.texts()) == 4


def test_a_template_needs_a_name_and_an_exercise() -> None:
    assert template_name("  extension DP,  reduce stage ") == "extension DP, reduce stage"
    for bad in ("", "ab", "x" * 81):
        with pytest.raises(EditError) as err:
            template_name(bad)
        assert err.value.field == "name"
    with pytest.raises(EditError):
        template_items({"items": []})


@FAST
@given(records(), st.lists(st.sampled_from([e.code for e in default_library()]), max_size=12))
def test_an_applied_template_never_loads_an_avoided_direction_or_breaks_a_precaution(
    data: dict[str, Any], template: list[str]
) -> None:
    result = assess(parse_assessment(data))
    entries = [{"exercise": c, "dose": {"reps": 10}} for c in template]
    applied = apply_template(
        {"stage": "reduce", "items": []}, "any", entries, result["avoid"], result["precautions"]
    )
    doc = {"plan": applied.plan, "avoid": result["avoid"], "precautions": result["precautions"]}
    assert position_clashes(doc) == [] and precaution_breaches(doc) == []
    lib = default_library()
    assert not any(lib.get(c).category in ("passive", "rest") for c in codes(applied.plan))
    assert len(set(codes(applied.plan))) == len(codes(applied.plan))
    assert len(applied.plan["items"]) + len(applied.dropped) == len(template)


def test_a_void_or_reopen_reason_is_a_sentence() -> None:
    assert typed_reason("void_reason", "Entered twice by mistake, duplicate.")
    for bad in ("", "dup", "x" * (MIN_REASON_CHARS - 1)):
        with pytest.raises(EditError) as err:
            typed_reason("void_reason", bad)
        assert err.value.field == "void_reason"


def test_a_discharge_outcome_is_one_of_the_choices_and_other_needs_a_note() -> None:
    assert DISCHARGE_OUTCOMES == ("discharged_improved", "self_discharged", "referred_on", "other")
    assert discharge("referred_on") == ("referred_on", "")
    with pytest.raises(EditError, match="allowed: discharged_improved") as err:
        discharge("cured")
    assert err.value.field == "discharge_outcome"
    with pytest.raises(EditError) as err:
        discharge("other", " ")
    assert err.value.field == "discharge_note"
