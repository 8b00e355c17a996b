"""Classification rules R3.0–R3.6, each with cases of our own."""

from __future__ import annotations

from typing import Any

from backpath.core import assess

from .builders import record, sym


def cls(*tests: str, **parts: Any) -> dict[str, Any]:
    return dict(assess(record(*tests, **parts))["classification"])


def test_no_tests_is_unclassified_and_asks_for_the_sagittal_battery() -> None:
    c = cls()
    assert (c["syndrome"], c["status"], c["rule"]) == ("unclassified", "provisional", "R3.0")
    assert c["next_tests"] == ["RFIS", "REIS", "RFIL", "REIL"]


def test_no_tests_with_a_shift_also_asks_for_the_correcting_side_glide() -> None:
    c = cls(examination={"lateral_shift": "right"})
    assert "RSGIS-L" in c["next_tests"]


def test_no_tests_and_no_plan() -> None:
    assert assess(record())["plan"] is None


def test_a_favourable_extension_test_is_an_extension_derangement() -> None:
    c = cls("RFIS increase worse", "REIS decrease better")
    assert (c["syndrome"], c["subgroup"], c["directional_preference"]) == (
        "derangement",
        "extension",
        "extension",
    )
    assert c["rule"] == "R3.1" and c["status"] == "confirmed"
    assert any("REIS" in r for r in c["reasons"])


def test_the_strongest_favourable_test_decides_the_dp() -> None:
    c = cls("REIS decrease better", "RFIL centralise centralised")
    assert c["directional_preference"] == "flexion"


def test_ties_go_to_lateral_then_extension_then_flexion() -> None:
    assert (
        cls("RFIL decrease better", "REIL decrease better")["directional_preference"] == "extension"
    )
    assert (
        cls("REIL decrease better", "RSGIS-L decrease better")["directional_preference"]
        == "lateral_left"
    )


def test_a_side_glide_dp_is_named_by_the_shoulders() -> None:
    c = cls("RSGIS-R centralise centralised", symptoms=("thigh right",))
    assert (c["subgroup"], c["directional_preference"]) == ("lateral", "lateral_right")


def test_a_flexion_dp_with_the_stenosis_pattern_is_stenosis() -> None:
    c = cls(
        "RFIL decrease better",
        patient={"age": 66},
        symptoms=("leg left",),
        history={"aggravating": ["walking"], "easing": ["sitting"]},
    )
    assert (c["syndrome"], c["subgroup"], c["directional_preference"], c["rule"]) == (
        "other",
        "spinal_stenosis",
        "flexion",
        "R3.1a",
    )


def test_a_young_flexion_responder_is_not_stenosis() -> None:
    c = cls(
        "RFIL decrease better",
        patient={"age": 30},
        symptoms=("leg left",),
        history={"aggravating": ["walking"], "easing": ["sitting"]},
    )
    assert c["syndrome"] == "derangement"


def test_one_sided_leg_pain_worse_with_flexion_and_no_side_glide_tested_is_lateral() -> None:
    c = cls("RFIS increase worse", symptoms=("thigh right",))
    assert (c["syndrome"], c["subgroup"], c["directional_preference"]) == (
        "derangement",
        "lateral",
        None,
    )
    assert (c["status"], c["next_tests"], c["rule"]) == ("provisional", ["RSGIS-R"], "R3.2")


def test_a_left_shift_asks_for_the_right_glide_that_corrects_it() -> None:
    c = cls("REIS increase worse", examination={"lateral_shift": "left"})
    assert c["next_tests"] == ["RSGIS-R"]


def test_lateral_is_not_suspected_once_a_side_glide_was_tested() -> None:
    c = cls("RFIS increase worse", "RSGIS-R increase no_better", symptoms=("thigh right",))
    assert c["rule"] != "R3.2"


def test_constant_peripheralising_pain_with_nothing_favourable_is_irreducible() -> None:
    result = assess(
        record(
            "REIL peripheralise peripheralised",
            "RFIL increase worse",
            history={"pattern": "constant"},
        )
    )
    c = result["classification"]
    assert (c["subgroup"], c["rule"]) == ("irreducible", "R3.3")
    assert result["referral"]["urgency"] == "soon"


def test_irreducible_needs_two_directions() -> None:
    c = cls("REIL peripheralise peripheralised", history={"pattern": "constant"})
    assert c["rule"] != "R3.3"


def test_end_range_pain_in_one_direction_for_weeks_is_dysfunction() -> None:
    c = cls("REIS produce no_worse", "RFIS no_effect no_effect", history={"duration_weeks": 10})
    assert (c["syndrome"], c["subgroup"], c["rule"]) == ("dysfunction", "extension", "R3.4")
    assert c["dysfunction_direction"] == "extension"


def test_dysfunction_needs_six_weeks() -> None:
    assert cls("REIS produce no_worse", history={"duration_weeks": 3})["syndrome"] != "dysfunction"


def test_dysfunction_needs_one_direction_only() -> None:
    c = cls("REIS produce no_worse", "RFIS produce no_worse", history={"duration_weeks": 10})
    assert c["syndrome"] != "dysfunction"


def test_flexion_in_standing_only_after_sciatica_is_an_adherent_nerve_root() -> None:
    c = cls(
        "RFIS produce no_worse",
        "RFIL no_effect no_effect",
        symptoms=("thigh left",),
        history={"duration_weeks": 10, "previous_sciatica": True},
    )
    assert c["subgroup"] == "adherent_nerve_root"


def test_flexion_dysfunction_without_sciatica_history_is_not_a_nerve_root() -> None:
    c = cls(
        "RFIS produce no_worse",
        "RFIL no_effect no_effect",
        symptoms=("thigh left",),
        history={"duration_weeks": 10, "previous_sciatica": False},
    )
    assert c["subgroup"] == "flexion"


def test_pain_only_from_sustained_postures_is_postural() -> None:
    c = cls(
        "RFIS no_effect no_effect", "REIS no_effect no_effect", history={"aggravating": ["sitting"]}
    )
    assert (c["syndrome"], c["subgroup"], c["rule"]) == ("postural", None, "R3.5")


def test_postural_is_ruled_out_when_correcting_posture_does_not_help() -> None:
    c = cls(
        "RFIS no_effect no_effect",
        history={"aggravating": ["sitting"]},
        examination={"posture_correction_abolishes": False},
    )
    assert c["syndrome"] != "postural"


def test_postural_is_ruled_out_by_movement_loss() -> None:
    c = cls(
        "RFIS no_effect no_effect",
        history={"aggravating": ["sitting"]},
        examination={"movement_loss": {"flexion": "moderate"}},
    )
    assert c["syndrome"] != "postural"


def other(**parts: Any) -> str | None:
    c = cls("RFIS increase no_better", "REIS increase no_better", **parts)
    assert (c["syndrome"], c["rule"]) == ("other", "R3.6")
    return c["subgroup"]


def test_other_causes_in_their_order() -> None:
    assert other(examination={"hip_reproduces_symptoms": True}) == "hip"
    assert other(examination={"sij_provocation_positive": 3}) == "sacroiliac"
    assert other(history={"prior_surgery": True}) == "post_surgery"
    assert other(history={"onset": "trauma"}) == "trauma"
    assert other() == "mechanically_inconclusive"


def test_stenosis_without_a_favourable_test_is_found_among_other_causes() -> None:
    assert (
        other(
            patient={"age": 70},
            symptoms=("leg right",),
            history={"aggravating": ["standing"], "easing": ["bending"]},
        )
        == "spinal_stenosis"
    )


def test_long_widespread_constant_pain_is_chronic_pain() -> None:
    sub = other(
        history={"duration_weeks": 30, "pattern": "constant"},
        symptoms=("back central", "buttock left", "buttock right"),
    )
    assert sub == "chronic_pain"


def test_a_high_risk_start_back_makes_long_pain_chronic_pain() -> None:
    sub = other(
        history={"duration_weeks": 14}, instruments={"start_back": [1, 1, 1, 1, 1, 1, 1, 1, 3]}
    )
    assert sub == "chronic_pain"


def test_an_incomplete_battery_leaves_inconclusive_provisional_with_next_tests() -> None:
    c = cls("RFIS increase no_better")
    assert c["status"] == "provisional" and "REIL" in c["next_tests"]


def test_reasons_are_plain_sentences_that_name_the_tests() -> None:
    c = cls("REIL centralise centralised increased_rom", symptoms=("back central", "buttock left"))
    text = " ".join(c["reasons"])
    assert "REIL (repeated extension in lying" in text and "strength 4" in text
    assert sym("back central")  # the builder is shared with the other tests
