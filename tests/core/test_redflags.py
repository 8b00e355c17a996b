"""Red flags and referral urgency (R1.1–R1.5)."""

from __future__ import annotations

from backpath.core import assess
from backpath.core.redflags import referral

from .builders import record


def test_any_emergency_flag_means_emergency() -> None:
    assert referral(["stable_motor_deficit", "saddle_anaesthesia"])[:2] == ("emergency", "R1.1")


def test_an_urgent_flag_means_urgent() -> None:
    assert referral(["fever"])[:2] == ("urgent", "R1.2")


def test_osteoporosis_with_corticosteroids_is_urgent_though_each_alone_is_consider() -> None:
    assert referral(["osteoporosis"])[:2] == ("consider", "R1.3")
    urgency, rule, reasons = referral(["osteoporosis", "prolonged_corticosteroids"])
    assert (urgency, rule) == ("urgent", "R1.2")
    assert reasons[-1]["code"] == "osteoporosis_with_corticosteroids"


def test_no_flags_means_none() -> None:
    assert referral([]) == ("none", "R1.4", [])


def test_the_urgency_table_can_be_changed_by_configuration() -> None:
    assert referral(["osteoporosis"], {"osteoporosis": "urgent"})[0] == "urgent"


def test_an_urgent_flag_stops_the_plan_and_names_the_care() -> None:
    result = assess(record("REIL decrease better", red_flags=["history_of_cancer"]))
    assert result["plan"] is None
    cls = result["classification"]
    assert (cls["syndrome"], cls["subgroup"], cls["rule"]) == ("other", "serious_pathology", "R1.5")
    assert "medical review within days" in cls["reasons"][0]
    assert result["referral"]["reasons"][0]["code"] == "history_of_cancer"


def test_a_consider_flag_is_shown_but_the_plan_is_still_made() -> None:
    result = assess(record("REIL decrease better", red_flags=["inflammatory_features"]))
    assert result["referral"]["urgency"] == "consider"
    assert result["plan"] is not None


def test_fever_with_iv_drug_use_or_immunosuppression_is_same_day_suspected_infection() -> None:
    for other in ("iv_drug_use", "immunosuppression"):
        urgency, rule, reasons = referral(["fever", other])
        assert (urgency, rule) == ("emergency", "R1.2a")
        assert reasons[-1]["code"] == "suspected_spinal_infection"
        assert "same-day" in reasons[-1]["text"]


def test_fever_alone_stays_urgent() -> None:
    assert referral(["fever"])[0] == "urgent"


def test_cancer_with_a_neurological_flag_is_same_day_suspected_cord_compression() -> None:
    urgency, rule, reasons = referral(["history_of_cancer", "stable_motor_deficit"])
    assert (urgency, rule) == ("emergency", "R1.2b")
    assert reasons[-1]["code"] == "suspected_cord_compression"


def test_cancer_with_numbness_below_the_knee_is_same_day() -> None:
    numb = {"region": "leg", "side": "left", "kind": "numbness", "intensity": 3}
    result = assess(
        record("REIL decrease better", symptoms=[numb], red_flags=["history_of_cancer"])
    )
    assert (result["referral"]["urgency"], result["referral"]["rule"]) == ("emergency", "R1.2b")
    assert result["plan"] is None


def test_cancer_with_weakness_on_examination_is_same_day() -> None:
    neuro = {"neuro": {"weakness": [{"myotome": "L5", "side": "left"}]}}
    result = assess(
        record("REIL decrease better", red_flags=["history_of_cancer"], examination=neuro)
    )
    assert result["referral"]["urgency"] == "emergency"


def test_cancer_alone_stays_urgent() -> None:
    assert referral(["history_of_cancer"])[:2] == ("urgent", "R1.2")


def test_a_same_day_referral_offers_no_exercise_alternative_and_pauses_the_programme() -> None:
    result = assess(
        record(
            "REIL decrease better",
            red_flags=["fever", "iv_drug_use"],
            current_treatments=["sit ups", "heat", "hamstring_stretch"],
        )
    )
    assert all(a["alternative"] is None for a in result["audit"])
    assert all("pause the exercise programme" in a["reason"] for a in result["audit"])
