"""Plan rules of clinical rules version 2 (R5.1–R5.8) that a clinician would otherwise correct."""

from __future__ import annotations

from backpath.core import assess

from .builders import record, sym
from .test_plan import codes, plan_of

LATERAL = ("RSGIS-R centralise centralised", "RFIS peripheralise worse")


def test_sitting_advice_whenever_flexion_is_avoided_including_a_lateral_dp() -> None:
    plan = plan_of(*LATERAL, symptoms=(sym("thigh right"),))
    assert {"lumbar_roll_sitting", "sitting_breaks"} <= set(codes(plan))
    assert "sitting_strategy" in plan["education"]


def test_no_sitting_advice_when_flexion_is_not_avoided() -> None:
    plan = plan_of("RFIL decrease better", "REIL no_effect no_effect")
    assert "lumbar_roll_sitting" not in codes(plan)
    assert "sitting_strategy" not in plan["education"]


def test_postural_advice_follows_the_posture_that_aggravates() -> None:
    flat = ("RFIS no_effect no_effect", "REIS no_effect no_effect")
    sitting = codes(plan_of(*flat, history={"aggravating": ["sitting"]}))
    lying = plan_of(*flat, history={"aggravating": ["lying"]})
    assert "posture_correction_sitting" in sitting
    assert "posture_correction_sitting" not in codes(lying)
    assert any("mattress" in n["text"] for n in lying["notes"])


def test_sacroiliac_findings_come_before_postural() -> None:
    result = assess(
        record(
            "RFIS no_effect no_effect",
            "REIS no_effect no_effect",
            history={"aggravating": ["sitting"]},
            examination={"sij_provocation_positive": 3},
        )
    )
    assert (result["classification"]["syndrome"], result["classification"]["subgroup"]) == (
        "other",
        "sacroiliac",
    )


def test_hip_findings_come_before_postural() -> None:
    result = assess(
        record(
            "RFIS no_effect no_effect",
            history={"aggravating": ["standing"]},
            examination={"hip_reproduces_symptoms": True},
        )
    )
    assert result["classification"]["subgroup"] == "hip"


CHRONIC = dict(
    history={"duration_weeks": 30, "pattern": "constant", "walking_tolerance_minutes": 12},
    symptoms=(sym("back central", 8), sym("buttock left", 6), sym("thigh right", 6)),
    instruments={"nrs_back": 8, "start_back": [1, 1, 1, 1, 1, 1, 1, 1, 4]},
)


def test_chronic_pain_grades_walking_from_what_the_patient_manages_now() -> None:
    plan = plan_of("RFIS no_effect no_effect", "REIS no_effect no_effect", **CHRONIC)
    walk = next(i for i in plan["items"] if i["exercise"] == "walking_programme")
    assert walk["dose"]["minutes"] == 12 and walk["rule"] == "R5.7"
    assert "10 %" in walk["reason"]


def test_chronic_pain_strengthens_from_the_first_plan_and_reviews_after_a_week() -> None:
    plan = plan_of("RFIS no_effect no_effect", "REIS no_effect no_effect", **CHRONIC)
    assert assess(record("RFIS no_effect no_effect", **CHRONIC))["irritability"] == "high"
    assert any(i["rule"] == "R5.3" for i in plan["items"])
    assert plan["review_after_days"] == 7


def test_high_risk_start_back_adds_a_psychologically_informed_care_note_not_a_referral() -> None:
    result = assess(record("RFIS no_effect no_effect", "REIS no_effect no_effect", **CHRONIC))
    assert result["classification"]["subgroup"] == "chronic_pain"
    assert result["referral"]["urgency"] == "none"
    notes = " ".join(n["text"] for n in (result["plan"] or {})["notes"])
    assert "psychologically informed care" in notes


def test_no_stretching_advice_beside_end_range_dysfunction_work() -> None:
    plan = plan_of(
        "REIS produce no_worse", "RFIS no_effect no_effect", history={"duration_weeks": 10}
    )
    assert any(i["category"] == "dysfunction" for i in plan["items"])
    assert "no_stretching" not in plan["education"]
    assert "no_stretching" in plan_of("REIL decrease better")["education"]


def test_the_imaging_topic_says_what_the_clinician_watches_beside_a_consider_flag() -> None:
    plan = plan_of("REIL decrease better", red_flags=["inflammatory_features"])
    assert "imaging_not_needed" in plan["education"]
    assert "Inflammatory features" in plan["education_notes"]["imaging_not_needed"]
    assert "education_notes" not in plan_of("REIL decrease better")


def test_the_imaging_topic_never_claims_no_serious_cause_was_found() -> None:
    from backpath.core.education import EDUCATION

    assert "no sign of a serious cause" not in EDUCATION["imaging_not_needed"].text
    assert "did not find any sign" not in EDUCATION["imaging_not_needed"].text


def test_the_passive_treatments_text_follows_the_evidence_policy() -> None:
    from backpath.core.education import EDUCATION
    from backpath.core.library import default_library

    lib, text = default_library(), EDUCATION["passive_treatments"].text
    against = text.split("does not advise these for back pain:")[1].split("\n")[0]
    for ex in lib:
        ev = lib.evidence(ex.code)
        if ex.category == "passive" and ev:
            named = ex.name.lower() in against.lower()
            assert named == (ev.stance == "not_recommended"), ex.code
    assert "that is fine" not in text
