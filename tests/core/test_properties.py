"""Safety invariants, proved over generated valid records (hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backpath.core import assess, follow_up, parse_assessment, parse_followup, result_adapter
from backpath.core.redflags import RED_FLAGS

from .builders import records

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(records())
def test_no_plan_item_loads_an_avoided_direction(data: dict[str, Any]) -> None:
    result = assess(parse_assessment(data))
    avoid = {a["direction"] for a in result["avoid"]}
    for item in (result["plan"] or {}).get("items", []):
        assert not set(item["loads"]) & avoid, item


@FAST
@given(records())
def test_any_emergency_or_urgent_flag_refers_and_gives_no_plan(data: dict[str, Any]) -> None:
    result = assess(parse_assessment(data))
    serious = {RED_FLAGS[c].urgency for c in data["red_flags"]} & {"emergency", "urgent"}
    combo = {"osteoporosis", "prolonged_corticosteroids"} <= set(data["red_flags"])
    if serious or combo:
        assert result["referral"]["urgency"] in ("emergency", "urgent")
        assert result["plan"] is None
        assert result["classification"]["subgroup"] == "serious_pathology"


@FAST
@given(records())
def test_the_result_always_validates_against_its_own_schema(data: dict[str, Any]) -> None:
    result = assess(parse_assessment(data))
    assert result_adapter().validate_python(result) == result


@FAST
@given(records())
def test_the_dp_direction_is_never_avoided(data: dict[str, Any]) -> None:
    result = assess(parse_assessment(data))
    dp = result["classification"]["directional_preference"]
    direction = {"lateral_left": "side_glide_left", "lateral_right": "side_glide_right"}.get(
        dp or "", dp
    )
    assert direction not in {a["direction"] for a in result["avoid"]}


@FAST
@given(
    records(),
    st.sampled_from(("better", "same", "worse")),
    st.integers(0, 10),
    st.integers(0, 30),
    st.integers(0, 30),
    st.integers(1, 8),
)
def test_follow_up_never_breaks_the_invariant(
    data: dict[str, Any], response: str, nrs: int, stable: int, free: int, visit: int
) -> None:
    result = assess(parse_assessment(data))
    if result["plan"] is None:
        return
    fu = parse_followup(
        {
            "schema": "backpath/followup/1",
            "visit_number": visit,
            "nrs_back": nrs,
            "nrs_leg": 0,
            "response": response,
            "days_stable": stable,
            "days_symptom_free": free,
            "baseline": {"nrs_back": 7},
        }
    )
    doc: Any = result
    for _ in range(4):  # walk up through the stages
        doc = follow_up(doc, fu)
        avoid = {a["direction"] for a in doc["avoid"]}
        for item in (doc["plan"] or {}).get("items", []):
            assert not set(item["loads"]) & avoid
        if doc["plan"] is None:
            break
