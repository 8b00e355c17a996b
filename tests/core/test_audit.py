"""Audit of current treatments (§6)."""

from __future__ import annotations

from typing import Any

from backpath.core import assess

from .builders import record


def audit(
    *treatments: str, tests: tuple[str, ...] = ("REIL decrease better",)
) -> dict[str, dict[str, Any]]:
    result = assess(record(*tests, current_treatments=list(treatments)))
    return {a["input"]: dict(a) for a in result["audit"]}


def test_a_flexion_stretch_contradicts_an_extension_dp_and_is_not_recommended() -> None:
    a = audit("toe touches")["toe touches"]
    assert a["code"] == "hamstring_stretch"
    assert a["verdicts"] == ["contradicts_dp", "not_recommended"]
    assert "flexion" in a["reason"]


def test_it_offers_an_alternative_that_does_not_load_the_avoided_direction() -> None:
    a = audit("sit ups")["sit ups"]
    assert a["verdicts"] == ["contradicts_dp"]
    assert a["alternative"]
    from backpath.core.library import default_library

    assert "flexion" not in default_library().get(a["alternative"]).loads


def test_matching_ignores_case_and_punctuation() -> None:
    got = audit("Foam-Roller", "HAMSTRING STRETCH!", "heat")
    assert got["Foam-Roller"]["code"] == "foam_rolling"
    assert got["HAMSTRING STRETCH!"]["code"] == "hamstring_stretch"
    assert got["heat"]["verdicts"] == ["not_recommended"]


def test_an_exercise_that_fits_is_consistent() -> None:
    assert audit("walking")["walking"]["verdicts"] == ["consistent"]


def test_unknown_text_is_unknown_and_never_guessed() -> None:
    a = audit("grandma's secret remedy")["grandma's secret remedy"]
    assert (a["verdicts"], a["code"]) == (["unknown"], None)


def test_an_ambiguous_phrase_is_unknown_and_asks_which() -> None:
    a = audit("side glide in standing")["side glide in standing"]
    assert a["verdicts"] == ["unknown"]


def test_the_verdict_depends_on_the_dp() -> None:
    flex = audit("prone_press_up", tests=("RFIL centralise centralised",))
    ext = audit("prone_press_up")
    assert flex["prone_press_up"]["verdicts"] == ["contradicts_dp"]
    assert ext["prone_press_up"]["verdicts"] == ["consistent"]


def test_an_entry_in_a_position_where_its_direction_is_avoided_contradicts_the_dp() -> None:
    tests = ("REIS peripheralise peripheralised", "REIL centralise centralised")
    got = audit("standing back extension", "prone press-up", tests=tests)
    assert got["standing back extension"]["verdicts"] == ["contradicts_dp"]
    assert "standing" in got["standing back extension"]["reason"]
    assert got["prone press-up"]["verdicts"] == ["consistent"]


def test_walking_gets_caution_when_the_history_says_walking_aggravates() -> None:
    result = assess(
        record(
            "REIL decrease better",
            history={"aggravating": ["walking"]},
            current_treatments=["walking"],
        )
    )
    entry = result["audit"][0]
    assert entry["verdicts"] == ["caution"]
    assert "walking" in entry["reason"] and "break" in entry["reason"]


def test_a_side_specific_exercise_without_its_side_asks_which_side() -> None:
    a = audit("side glide in standing")["side glide in standing"]
    assert (a["verdicts"], a["code"]) == (["unknown"], None)
    assert "which side" in a["reason"] and "shoulders" in a["reason"]


def test_caution_sits_between_contradicts_dp_and_not_recommended() -> None:
    from backpath.core.vocab import VERDICTS

    assert VERDICTS.index("contradicts_dp") < VERDICTS.index("caution")
    assert VERDICTS.index("caution") < VERDICTS.index("not_recommended")
