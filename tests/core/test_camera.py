"""CAM1: the camera's first and last repetition ranges suggest a ``mechanical`` response; a
camera-measured test classifies exactly as the same test typed in."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backpath.core import parse_assessment
from backpath.core.assess import assess
from backpath.core.camera import (
    CAMERA_TESTS,
    MOVEMENT_DIRECTION,
    camera_direction,
    home_counting,
    suggest_mechanical,
)
from backpath.core.errors import RecordError
from backpath.core.library import default_library
from backpath.core.settings import DEFAULT
from backpath.core.vocab import CAMERA_MOVEMENTS, TEST_CODES

from .builders import record, t

DEGREES = st.floats(min_value=0, max_value=180, allow_nan=False)


def test_the_camera_measures_the_standing_flexion_and_extension_tests_only() -> None:
    assert CAMERA_TESTS == ("FIS", "RFIS", "EIS", "REIS")
    assert camera_direction("REIS") == "extension"
    assert camera_direction("RFIS") == "flexion"


@pytest.mark.parametrize("code", [c for c in TEST_CODES if c not in CAMERA_TESTS])
def test_it_refuses_a_test_the_camera_cannot_measure(code: str) -> None:
    with pytest.raises(ValueError, match="allowed values: FIS, RFIS, EIS, REIS"):
        suggest_mechanical(code, 10, 20)


@pytest.mark.parametrize(
    ("first", "last", "mechanical"),
    [
        (15, 25, "increased_rom"),
        (20, 25, "increased_rom"),
        (20, 24, "no_effect"),
        (20, 16, "no_effect"),
        (60, 45, "decreased_rom"),
        (25, 20, "decreased_rom"),
    ],
)
def test_it_suggests_from_the_change_between_the_first_and_last_rep(
    first: float, last: float, mechanical: str
) -> None:
    got = suggest_mechanical("REIS", first, last)
    assert got.mechanical == mechanical
    assert got.rule == "CAM1"
    assert "not lumbar range" in got.reasons[1]
    assert f"{first:.0f}°" in got.reasons[0] and f"{last:.0f}°" in got.reasons[0]


def test_the_threshold_comes_from_the_settings_table() -> None:
    assert suggest_mechanical("RFIS", 40, 47).mechanical == "increased_rom"
    wide = replace(DEFAULT, camera_rom_change_deg=10)
    assert suggest_mechanical("RFIS", 40, 47, wide).mechanical == "no_effect"


def test_it_names_the_field_of_a_range_out_of_bounds() -> None:
    with pytest.raises(ValueError, match="last_deg is 181"):
        suggest_mechanical("FIS", 10, 181)


@given(first=DEGREES, last=DEGREES)
def test_the_suggestion_follows_the_sign_of_the_change(first: float, last: float) -> None:
    got = suggest_mechanical("RFIS", first, last)
    back = suggest_mechanical("RFIS", last, first)
    flipped = {"increased_rom": "decreased_rom", "decreased_rom": "increased_rom"}
    assert back.mechanical == flipped.get(got.mechanical, "no_effect")
    if abs(last - first) < DEFAULT.camera_rom_change_deg - 0.05:
        assert got.mechanical == "no_effect"


def _camera(spec: str, **camera: Any) -> dict[str, Any]:
    return {**t(spec), "camera": camera}


def _with_tests(*tests: dict[str, Any]) -> Any:
    data = record().model_dump(by_alias=True, exclude_none=True)
    return parse_assessment({**data, "tests": list(tests)})


def test_a_camera_measured_test_classifies_exactly_as_a_typed_one() -> None:
    typed = record("REIS decrease better increased_rom", "RFIS increase worse decreased_rom")
    measured = _with_tests(
        _camera("REIS decrease better increased_rom", reps=10, first_deg=15, last_deg=25),
        _camera("RFIS increase worse decreased_rom", reps=10, first_deg=60, last_deg=45),
    )
    assert measured.tests[0].camera is not None
    assert measured.tests[0].camera.last_deg == 25
    assert assess(measured) == assess(typed)


def test_the_clinician_can_record_another_response_than_the_camera_suggests() -> None:
    overridden = _with_tests(
        _camera("REIS decrease better no_effect", reps=10, first_deg=15, last_deg=25)
    )
    assert suggest_mechanical("REIS", 15, 25).mechanical == "increased_rom"
    assert overridden.tests[0].mechanical == "no_effect"


def test_camera_numbers_on_a_lying_test_are_an_error_naming_the_field() -> None:
    with pytest.raises(RecordError, match="camera: test REIL cannot be camera-measured"):
        _with_tests(_camera("REIL decrease better", reps=10, first_deg=5, last_deg=9))


@pytest.mark.parametrize(
    ("camera", "field"),
    [
        ({"reps": 0, "first_deg": 5, "last_deg": 9}, "reps"),
        ({"reps": 10, "first_deg": -5, "last_deg": 9}, "first_deg"),
        ({"reps": 10, "first_deg": 5}, "last_deg"),
        ({"reps": 10, "first_deg": 5, "last_deg": 9, "video": "x"}, "video"),
    ],
)
def test_bad_camera_numbers_are_refused_naming_the_field(
    camera: dict[str, Any], field: str
) -> None:
    with pytest.raises(RecordError, match=field):
        _with_tests(_camera("REIS decrease better", **camera))


def test_at_home_the_camera_counts_standing_extension_and_flexion_only() -> None:
    lib = default_library()
    assert home_counting(lib.get("standing_back_extension")) == "trunk_extension"
    assert home_counting(lib.get("flexion_in_standing")) == "trunk_flexion"
    for code in ("side_glide_standing_left", "side_glide_standing_right", "prone_press_up"):
        assert home_counting(lib.get(code)) is None, code
    assert home_counting(None) is None  # a plan item without a library entry


def test_each_counted_movement_has_the_direction_the_counter_follows() -> None:
    assert set(MOVEMENT_DIRECTION) == set(CAMERA_MOVEMENTS)
    assert MOVEMENT_DIRECTION["trunk_extension"] == "extension"
    assert MOVEMENT_DIRECTION["trunk_flexion"] == "flexion"
