"""The gate's verdicts are shared by patients with the same avoidances and precautions (for
speed); nothing of one patient may reach another through them."""

from __future__ import annotations

import importlib
import json
from typing import Any

from hypothesis import HealthCheck, event, given, settings

from backpath.core import assess, parse_assessment
from backpath.core.library import default_library
from backpath.core.plan import Screen

from .builders import records

gate_module = importlib.import_module("backpath.core.plan.gate")  # the name gate is the function
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _text(data: dict[str, Any]) -> str:
    return json.dumps(assess(parse_assessment(data)), sort_keys=False)


def _scribble(doc: dict[str, Any]) -> None:
    """Edit every list and dict a caller could edit in a result."""
    for item in (doc.get("plan") or {}).get("items", []):
        item["reason"] = "edited"
        item["loads"].append("edited")
        item["dose"]["reps"] = -1
        for key in ("start_with", "move_on_to"):
            if key in item:
                item[key].append("edited")
    for entry in doc["audit"]:
        entry["verdicts"].append("edited")
        entry["reason"] = "edited"


@FAST
@given(records(), records())
def test_a_patient_assessed_after_another_gets_what_they_get_alone(
    first: dict[str, Any], other: dict[str, Any]
) -> None:
    gate_module._SHARED.clear()
    alone = _text(first)
    gate_module._SHARED.clear()
    before = assess(parse_assessment(other))
    _scribble(before)  # the other patient's caller edits its result
    shared = _text(first)
    event("plan" if json.loads(alone)["plan"] else "no plan")
    event("audit" if json.loads(alone)["audit"] else "no audit")
    event(f"{len(gate_module._SHARED)} shared verdict sets")
    assert shared == alone
    assert _text(first) == alone  # and again, from a warm cache


def test_conflicts_are_the_callers_own_copy() -> None:
    lib = default_library()
    screen = Screen([{"direction": "flexion"}], [], lib)
    code = next(ex.code for ex in lib if "flexion" in ex.loads)
    got = screen.conflicts(code)
    assert got and got[0]["kind"] == "direction"
    got[0]["text"] = "edited"
    got.clear()
    again = Screen([{"direction": "flexion"}], [], lib).conflicts(code)
    assert again and again[0]["text"] != "edited"


def test_patients_with_other_precautions_do_not_share_verdicts() -> None:
    lib = default_library()
    bone = {
        "code": "bone_fragility",
        "reason": "Bone fragility.",
        "excludes": ["loaded_flexion", "end_range_flexion", "loaded_rotation"],
    }
    code = next(ex.code for ex in lib if {"loaded_flexion", "end_range_flexion"} & ex.tags)
    assert Screen([], [], lib).allows(code)
    assert not Screen([], [bone], lib).allows(code)
    assert Screen([], [], lib).allows(code)
    # the reason is part of the text, so a different reason is a different set of verdicts
    other = {**bone, "reason": "Osteoporosis."}
    assert "Osteoporosis." in Screen([], [other], lib).conflicts(code)[0]["text"]
    assert "Bone fragility." in Screen([], [bone], lib).conflicts(code)[0]["text"]
