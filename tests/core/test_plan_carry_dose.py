"""A progression keeps the clinician's dose and note edits (core/plan/carry.py): the latest of
each per exercise is applied when the exercise is still in the new plan, and the carry log says
so; when the new stage itself changed the exercise's dose, the stage's dose wins and the log
says the clinician's was not carried."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backpath.core.library import default_library
from backpath.core.plan import item_conflicts, plan_item
from backpath.core.plan.carry import (
    DOSE_KEPT,
    DOSE_STAGE,
    KEPT,
    NOTE_KEPT,
    carry_edits,
)
from backpath.core.plan.edit import DOSE_BOUNDS

LIBRARY = default_library()
CODES = sorted(e.code for e in LIBRARY if not e.clinic_only)
DIRECTIONS = sorted({d for e in LIBRARY for d in e.loads})
TWELVE = {"reps": 12, "sets": 2, "times_per_day": 4}


def _plan(*codes: str, stage: str = "maintain", **doses: dict[str, int]) -> dict[str, Any]:
    items = [dict(plan_item(c, "Generated for the stage.", "R5.3")) for c in codes]
    for item in items:
        item["dose"] = doses.get(item["exercise"], item["dose"])
    return {"stage": stage, "items": items, "education": [], "review_after_days": 7}


def _dose(code: str, dose: dict[str, int], by: str = "alice") -> dict[str, Any]:
    return {"action": "dose", "exercise": code, "dose": dose, "by": by, "reason": ""}


def _note(code: str, note: str) -> dict[str, Any]:
    return {"action": "note", "exercise": code, "note": note, "by": "alice", "reason": ""}


def _item(plan: dict[str, Any], code: str) -> dict[str, Any]:
    return next(i for i in plan["items"] if i["exercise"] == code)


def _entries(carried: Any, outcome: str) -> list[dict[str, Any]]:
    return [c for c in carried.changes if c["outcome"] == outcome]


def test_it_carries_the_clinicians_dose_when_the_stage_left_it_as_it_was() -> None:
    old, new = _plan("bird_dog", "dead_bug"), _plan("bird_dog", "side_plank")
    carried = carry_edits([_dose("bird_dog", TWELVE)], new, [], 3, stage_plan=old)
    assert _item(carried.plan, "bird_dog")["dose"] == TWELVE
    [entry] = _entries(carried, DOSE_KEPT)
    assert entry["exercise"] == "bird_dog" and entry["dose"] == TWELVE
    assert entry["text"] == (
        "Bird dog: alice changed the dose to 2 sets of 12 reps, 4 times a day; carried over."
    )


def test_it_carries_the_clinicians_note_on_an_exercise_still_in_the_plan() -> None:
    carried = carry_edits([_note("bird_dog", "Keep the hips level.")], _plan("bird_dog"), [], 3)
    assert _item(carried.plan, "bird_dog")["note"] == "Keep the hips level."
    assert "Keep the hips level." in _entries(carried, NOTE_KEPT)[0]["text"]


def test_the_new_stages_dose_wins_when_the_stage_changed_it() -> None:
    old = _plan("bird_dog")
    new = _plan("bird_dog", bird_dog={"reps": 8, "hold_seconds": 10, "times_per_day": 2})
    carried = carry_edits([_dose("bird_dog", TWELVE)], new, [], 3, stage_plan=old)
    assert _item(carried.plan, "bird_dog")["dose"] == new["items"][0]["dose"]
    [entry] = _entries(carried, DOSE_STAGE)
    assert "the stage's dose is used" in entry["text"] and "2 sets of 12 reps" in entry["text"]
    again = carry_edits(carried.changes, _plan("bird_dog"), [], 4, stage_plan=new)
    assert _item(again.plan, "bird_dog")["dose"] == _plan("bird_dog")["items"][0]["dose"]
    assert again.changes == []  # a dose the stage superseded is not carried later either


def test_only_the_latest_dose_and_note_edit_count() -> None:
    changes = [
        _dose("bird_dog", {"reps": 6}),
        _note("bird_dog", "First note."),
        _dose("bird_dog", TWELVE),
        _note("bird_dog", "Second note."),
    ]
    carried = carry_edits(changes, _plan("bird_dog"), [], 3)
    item = _item(carried.plan, "bird_dog")
    assert item["dose"] == TWELVE and item["note"] == "Second note."
    assert len(carried.changes) == 2


def test_edits_of_an_exercise_the_new_plan_no_longer_has_are_not_carried() -> None:
    changes = [_dose("dead_bug", TWELVE), _note("dead_bug", "Slowly.")]
    carried = carry_edits(changes, _plan("bird_dog"), [], 3)
    assert [i["exercise"] for i in carried.plan["items"]] == ["bird_dog"]
    assert carried.changes == []


def test_removing_an_exercise_forgets_its_earlier_dose_and_note() -> None:
    changes = [
        _dose("glute_bridge", TWELVE),
        _note("glute_bridge", "Squeeze."),
        {"action": "remove", "exercise": "glute_bridge", "reason": "", "conflicts": []},
        {"action": "add", "exercise": "glute_bridge", "reason": "", "conflicts": []},
    ]
    carried = carry_edits(changes, _plan("bird_dog"), [], 3)
    item = _item(carried.plan, "glute_bridge")
    assert item["dose"] == dict(plan_item("glute_bridge", "x", "x")["dose"])
    assert "note" not in item and [c["outcome"] for c in carried.changes] == [KEPT]


def test_a_dose_set_on_an_added_exercise_comes_with_it() -> None:
    changes = [
        {"action": "add", "exercise": "glute_bridge", "reason": "", "conflicts": []},
        _dose("glute_bridge", TWELVE),
    ]
    carried = carry_edits(changes, _plan("bird_dog"), [], 3, stage_plan=_plan("bird_dog"))
    assert _item(carried.plan, "glute_bridge")["dose"] == TWELVE


def test_carried_doses_and_notes_are_carried_again_at_the_next_progression() -> None:
    first = carry_edits(
        [_dose("bird_dog", TWELVE), _note("bird_dog", "Level hips.")], _plan("bird_dog"), [], 3
    )
    second = carry_edits(first.changes, _plan("bird_dog", stage="recover_function"), [], 4)
    item = _item(second.plan, "bird_dog")
    assert item["dose"] == TWELVE and item["note"] == "Level hips."
    assert {c["carried_from"] for c in second.changes} == {4}


def test_a_logged_dose_the_editor_would_refuse_is_not_carried() -> None:
    carried = carry_edits([_dose("bird_dog", {"reps": 900})], _plan("bird_dog"), [], 3)
    assert _item(carried.plan, "bird_dog")["dose"] == _plan("bird_dog")["items"][0]["dose"]
    assert carried.changes == []


# ---- the property: carrying dose and note edits never lets in what the gate refuses -------

EDIT = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(CODES), st.just("")),
    st.tuples(st.just("remove"), st.sampled_from(CODES), st.just("")),
    st.tuples(
        st.just("dose"),
        st.sampled_from(CODES),
        st.fixed_dictionaries({}, optional={k: st.integers(0, 400) for k in DOSE_BOUNDS}),
    ),
    st.tuples(st.just("note"), st.sampled_from(CODES), st.text(max_size=30)),
)


def _change(action: str, code: str, value: Any) -> dict[str, Any]:
    change: dict[str, Any] = {"action": action, "exercise": code, "reason": "", "conflicts": []}
    if action in ("dose", "note"):
        change[action] = value
    return change


def _avoid(directions: set[str]) -> list[dict[str, str]]:
    return [{"direction": d, "reason": "test", "rule": "R4"} for d in sorted(directions)]


def _generated(codes: list[str], avoid: list[dict[str, str]]) -> dict[str, Any]:
    return _plan(*[c for c in codes if not item_conflicts(c, avoid, [], LIBRARY)])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    edits=st.lists(EDIT, max_size=10),
    old_codes=st.lists(st.sampled_from(CODES), unique=True, max_size=6),
    new_codes=st.lists(st.sampled_from(CODES), unique=True, max_size=6),
    avoided=st.sets(st.sampled_from(DIRECTIONS)),
)
def test_carrying_never_adds_an_item_the_gate_would_refuse(
    edits: list[tuple[str, str, Any]],
    old_codes: list[str],
    new_codes: list[str],
    avoided: set[str],
) -> None:
    avoid = _avoid(avoided)
    changes = [_change(*e) for e in edits]
    new = _generated(new_codes, avoid)
    carried = carry_edits(changes, new, avoid, 2, stage_plan=_plan(*old_codes))
    membership = [c for c in changes if c["action"] in ("add", "remove")]
    without = carry_edits(membership, new, avoid, 2, stage_plan=_plan(*old_codes))
    codes = [i["exercise"] for i in carried.plan["items"]]
    assert codes == [i["exercise"] for i in without.plan["items"]]  # doses and notes add nothing
    for item in carried.plan["items"]:
        if item_conflicts(item["exercise"], avoid, [], LIBRARY):
            assert str(item.get("override_reason") or "").strip(), item
        for part, value in item["dose"].items():
            low, high = DOSE_BOUNDS.get(part, (0, 10**6))
            assert low <= value <= high, item
