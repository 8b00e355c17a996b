"""Directions to avoid (§4)."""

from __future__ import annotations

from typing import Any

from backpath.core import assess

from .builders import record


def avoided(*tests: str, **parts: Any) -> set[str]:
    """Directions avoided in every position."""
    return {
        a["direction"] for a in assess(record(*tests, **parts))["avoid"] if not a.get("positions")
    }


def limited(*tests: str, **parts: Any) -> dict[str, list[str]]:
    """Directions avoided only in some positions → those positions."""
    return {
        a["direction"]: a["positions"]
        for a in assess(record(*tests, **parts))["avoid"]
        if a.get("positions")
    }


def test_an_extension_dp_avoids_flexion() -> None:
    assert avoided("REIL decrease better") == {"flexion"}


def test_a_flexion_dp_avoids_extension() -> None:
    assert avoided("RFIL decrease better") == {"extension"}


def test_a_right_lateral_dp_avoids_flexion_and_the_left_glide() -> None:
    assert avoided("RSGIS-R decrease better") == {"flexion", "side_glide_left"}


def test_a_left_lateral_dp_avoids_flexion_and_the_right_glide() -> None:
    assert avoided("RSGIS-L decrease better") == {"flexion", "side_glide_right"}


def test_a_suspected_lateral_component_avoids_the_glide_away_from_the_painful_side() -> None:
    assert avoided("RFIS increase worse", symptoms=("thigh left",)) == {
        "flexion",
        "side_glide_right",
    }


def test_unfavourable_directions_are_avoided_except_the_dp() -> None:
    got = avoided("REIS increase worse", "REIL decrease better", "RFIL increase worse")
    assert got == {"flexion"}


def test_the_dp_direction_is_avoided_only_in_the_position_where_it_was_unfavourable() -> None:
    tests = ("REIS peripheralise peripheralised", "REIL centralise centralised")
    assert limited(*tests) == {"extension": ["standing"]}
    assert "extension" not in avoided(*tests)


def test_no_position_limit_when_the_dp_helped_in_that_same_position() -> None:
    assert limited("EIS increase worse", "REIS decrease better") == {}


def test_irreducible_avoids_every_unfavourable_direction() -> None:
    got = avoided(
        "REIL peripheralise peripheralised",
        "RSGIS-R increase worse",
        history={"pattern": "constant"},
    )
    assert got == {"extension", "side_glide_right"}


def test_stenosis_avoids_extension() -> None:
    got = avoided(
        "RFIL decrease better",
        patient={"age": 70},
        symptoms=("leg left",),
        history={"aggravating": ["walking"], "easing": ["sitting"]},
    )
    assert got == {"extension"}


def test_dysfunction_avoids_nothing_but_unfavourable_directions() -> None:
    assert (
        avoided("REIS produce no_worse", "RFIS no_effect no_effect", history={"duration_weeks": 10})
        == set()
    )


def test_every_avoided_direction_carries_a_reason_and_rule() -> None:
    for a in assess(record("RSGIS-R decrease better", "REIS increase worse"))["avoid"]:
        assert a["reason"] and a["rule"] == "R4"


def test_the_directions_a_dp_avoids_match_those_of_an_assessment() -> None:
    from backpath.core.avoid import avoided_for_dp

    assert avoided_for_dp("extension") == avoided("REIL decrease better")
    assert avoided_for_dp("lateral_right") == avoided("RSGIS-R decrease better")
    assert avoided_for_dp("lateral_left") == {"flexion", "side_glide_right"}
    assert avoided_for_dp("flexion") == {"extension"}


def test_an_unknown_dp_is_an_error_naming_the_allowed_values() -> None:
    import pytest

    from backpath.core.avoid import avoided_for_dp

    with pytest.raises(ValueError, match="allowed values: extension, flexion"):
        avoided_for_dp("sideways")
