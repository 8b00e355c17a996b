"""Safety invariants, proved over generated valid records (hypothesis).

The oracles here read the documents and the library's data directly (loads, positions, tags),
not the core's gate, so a bug in the gate cannot hide itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from backpath.core import assess, follow_up, parse_assessment, parse_followup, result_adapter
from backpath.core.library import default_library
from backpath.core.redflags import RED_FLAGS

from .builders import records

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def position_clashes(doc: Mapping[str, Any]) -> list[str]:
    """Items that load a direction avoided everywhere, or in the item's position."""
    bad = []
    for item in (doc.get("plan") or {}).get("items", []):
        for a in doc["avoid"]:
            if a["direction"] not in item["loads"]:
                continue
            positions = a.get("positions") or [""]
            if any(item["position"].startswith(p) for p in positions):
                bad.append(f"{item['exercise']} loads {a['direction']} in {item['position']}")
    return bad


def precaution_breaches(doc: Mapping[str, Any]) -> list[str]:
    """Items whose library tags a precaution excludes, with no clinician override."""
    lib, bad = default_library(), []
    for item in (doc.get("plan") or {}).get("items", []):
        ex = lib.get(item["exercise"])
        for p in doc.get("precautions") or []:
            hit = set(p["excludes"]) & set(ex.tags)
            for tag, positions in (p.get("except_positions") or {}).items():
                if any(ex.position.startswith(q) for q in positions):
                    hit.discard(tag)
            if hit and not item.get("override_reason"):
                bad.append(f"{item['exercise']} breaks {p['code']} ({sorted(hit)})")
    return bad


@FAST
@given(records())
def test_no_plan_item_loads_a_direction_where_it_is_avoided(data: dict[str, Any]) -> None:
    result = assess(parse_assessment(data))
    if any(a.get("positions") for a in result["avoid"]):
        event("a position-limited avoidance")
    assert position_clashes(result) == []


@FAST
@given(records())
def test_no_plan_item_breaks_a_precaution(data: dict[str, Any]) -> None:
    result = assess(parse_assessment(data))
    for p in result["precautions"]:
        event(f"precaution {p['code']}")
    assert precaution_breaches(result) == []


@FAST
@given(records())
def test_any_emergency_or_urgent_flag_refers_and_gives_no_plan(data: dict[str, Any]) -> None:
    result = assess(parse_assessment(data))
    serious = {RED_FLAGS[c].urgency for c in data["red_flags"]} & {"emergency", "urgent"}
    combo = {"osteoporosis", "prolonged_corticosteroids"} <= set(data["red_flags"])
    if serious or combo:
        event("referred")
        assert result["referral"]["urgency"] in ("emergency", "urgent")
        assert result["plan"] is None
        assert result["classification"]["subgroup"] == "serious_pathology"
        assert all(a["alternative"] is None for a in result["audit"])


@FAST
@given(records())
def test_suspected_infection_or_cord_compression_is_always_same_day(data: dict[str, Any]) -> None:
    flags = set(data["red_flags"])
    infection = "fever" in flags and bool(flags & {"iv_drug_use", "immunosuppression"})
    neuro = bool(flags & {"stable_motor_deficit", "bilateral_leg_neuro"}) or bool(
        (data["examination"].get("neuro") or {}).get("weakness")
    )
    compression = "history_of_cancer" in flags and neuro
    result = assess(parse_assessment(data))
    if infection or compression:
        event("R1.2a" if infection else "R1.2b")
        assert result["referral"]["urgency"] == "emergency"
        assert result["plan"] is None


@FAST
@given(records())
def test_education_never_says_no_stretching_beside_end_range_work(data: dict[str, Any]) -> None:
    plan = assess(parse_assessment(data))["plan"]
    if plan is None:
        return
    end_range = any(i["category"] == "dysfunction" for i in plan["items"])
    event("end-range work" if end_range else "no end-range work")
    if end_range:
        assert "no_stretching" not in plan["education"]


@FAST
@given(records())
def test_the_result_always_validates_against_its_own_schema(data: dict[str, Any]) -> None:
    result = assess(parse_assessment(data))
    event(f"rule {result['classification']['rule']}")
    assert result_adapter().validate_python(result) == result


@FAST
@given(records())
def test_the_dp_direction_is_never_avoided_everywhere(data: dict[str, Any]) -> None:
    result = assess(parse_assessment(data))
    dp = result["classification"]["directional_preference"]
    direction = {"lateral_left": "side_glide_left", "lateral_right": "side_glide_right"}.get(
        dp or "", dp
    )
    assert direction not in {a["direction"] for a in result["avoid"] if not a.get("positions")}


@FAST
@given(
    records(),
    st.sampled_from(("better", "same", "worse")),
    st.integers(0, 10),
    st.integers(0, 30),
    st.integers(0, 30),
    st.integers(1, 8),
)
def test_follow_up_never_breaks_the_invariants(
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
        event(f"stage {doc['stage']}")
        assert position_clashes(doc) == []
        assert precaution_breaches(doc) == []
        if doc["plan"] is None:
            break
