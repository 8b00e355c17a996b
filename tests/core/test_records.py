"""The assessment record accepts every valid record and rejects every invalid one clearly."""

from __future__ import annotations

import json
from typing import Any

import pytest

from backpath.core import RecordError, parse_assessment, parse_followup
from tests.conftest import SHARED_CASES


def minimal(**extra: Any) -> dict[str, Any]:
    return {"schema": "backpath/assessment/1", **extra}


def messages(data: dict[str, Any]) -> list[str]:
    with pytest.raises(RecordError) as err:
        parse_assessment(data)
    return err.value.messages


def test_it_accepts_a_record_with_only_the_schema() -> None:
    rec = parse_assessment(minimal())
    assert rec.tests == [] and rec.history.pattern is None


@pytest.mark.skipif(not SHARED_CASES.is_dir(), reason="../shared/cases not beside the repo")
def test_it_accepts_every_shared_case_record() -> None:
    for path in sorted([*SHARED_CASES.glob("p*.json"), *SHARED_CASES.glob("v2/p*.json")]):
        assert parse_assessment(json.loads(path.read_text())["assessment"]).id


def test_it_names_the_path_and_maximum_of_an_out_of_range_intensity() -> None:
    data = minimal(
        symptoms=[
            {"region": "back", "side": "central", "intensity": 3},
            {"region": "thigh", "side": "left", "intensity": 11},
        ]
    )
    assert messages(data) == ["symptoms[1].intensity: 11 is above the maximum 10"]


def test_it_lists_the_allowed_values_of_an_unknown_code() -> None:
    (msg,) = messages(minimal(history={"onset": "slowly"}))
    assert msg.startswith("history.onset: 'slowly' is not allowed")
    assert "gradual" in msg and "sudden" in msg and "trauma" in msg


def test_it_rejects_an_unknown_field() -> None:
    assert messages(minimal(colour="blue")) == ["colour: unknown field (not in the record format)"]


def test_it_rejects_an_unknown_red_flag_and_lists_the_codes() -> None:
    (msg,) = messages(minimal(red_flags=["headache"]))
    assert msg.startswith("red_flags[0]: 'headache' is not a red-flag code")
    assert "saddle_anaesthesia" in msg


def test_it_rejects_central_for_a_region_other_than_the_back() -> None:
    (msg,) = messages(minimal(symptoms=[{"region": "leg", "side": "central"}]))
    assert "central is only allowed for region back" in msg


def test_it_requires_exactly_ten_odi_sections() -> None:
    (msg,) = messages(minimal(instruments={"odi": [1, 2, 3]}))
    assert msg.startswith("instruments.odi:") and "10" in msg


def test_it_rejects_start_back_item_nine_above_four() -> None:
    (msg,) = messages(minimal(instruments={"start_back": [0] * 8 + [5]}))
    assert "item 9 allows 0–4" in msg


def test_it_rejects_a_start_back_item_one_to_eight_above_one() -> None:
    (msg,) = messages(minimal(instruments={"start_back": [2] + [0] * 8}))
    assert "item 1 allows 0–1" in msg


def test_it_rejects_the_wrong_schema() -> None:
    (msg,) = messages({"schema": "backpath/assessment/2"})
    assert msg.startswith("schema:") and "backpath/assessment/1" in msg


def test_it_requires_the_schema() -> None:
    assert messages({}) == ["schema: is required"]


def test_it_reports_every_bad_field_and_reads_nothing_half_way() -> None:
    data = minimal(
        patient={"age": 5}, tests=[{"test": "XYZ", "during": "increase", "after": "worse"}]
    )
    msgs = messages(data)
    assert any(m.startswith("patient.age: 5 is below the minimum 12") for m in msgs)
    assert any(m.startswith("tests[0].test:") for m in msgs)


def test_it_rejects_a_test_with_too_many_repetitions() -> None:
    (msg,) = messages(
        minimal(tests=[{"test": "REIL", "reps": 51, "during": "increase", "after": "worse"}])
    )
    assert msg == "tests[0].reps: 51 is above the maximum 50"


def test_it_rejects_a_psfs_activity_over_120_characters() -> None:
    (msg,) = messages(minimal(instruments={"psfs": [{"activity": "x" * 121, "score": 3}]}))
    assert msg.startswith("instruments.psfs[0].activity:")


def test_it_rejects_a_record_that_is_not_an_object() -> None:
    with pytest.raises(RecordError, match="must be a JSON object"):
        parse_assessment([1, 2])


def test_it_validates_a_followup_record() -> None:
    with pytest.raises(RecordError) as err:
        parse_followup({"schema": "backpath/followup/1", "response": "great"})
    assert err.value.messages[0].startswith("response: 'great' is not allowed")


def _bad(data: dict[str, Any]) -> str:
    with pytest.raises(RecordError) as err:
        parse_assessment({"schema": "backpath/assessment/1", **data})
    return str(err.value)


def test_it_accepts_pregnancy_walking_tolerance_and_the_neurological_examination() -> None:
    rec = parse_assessment(
        {
            "schema": "backpath/assessment/1",
            "patient": {"pregnancy": {"status": "postpartum", "weeks": 6}},
            "history": {"walking_tolerance_minutes": 15},
            "examination": {
                "neuro": {
                    "slr_left": 40,
                    "slump_right": "positive",
                    "weakness": [{"myotome": "S1", "side": "right"}],
                    "reflexes": [{"reflex": "ankle", "side": "right", "finding": "absent"}],
                    "sensory_loss": [{"dermatome": "saddle", "side": "central"}],
                }
            },
        }
    )
    assert rec.patient.pregnancy is not None and rec.patient.pregnancy.weeks == 6
    assert rec.history.walking_tolerance_minutes == 15
    assert rec.examination.neuro is not None and rec.examination.neuro.slr_left == 40


def test_it_names_the_allowed_pregnancy_statuses_and_myotomes() -> None:
    assert "postpartum" in _bad({"patient": {"pregnancy": {"status": "maybe", "weeks": 3}}})
    msg = _bad({"examination": {"neuro": {"weakness": [{"myotome": "T12", "side": "left"}]}}})
    assert "examination.neuro.weakness[0].myotome" in msg and "L5" in msg


def test_it_rejects_numbers_that_are_not_finite() -> None:
    for value in (float("inf"), float("nan")):
        assert "history.duration_weeks" in _bad({"history": {"duration_weeks": value}})


def test_it_bounds_counts_a_clinic_would_never_see() -> None:
    assert "maximum 1000" in _bad({"history": {"previous_episodes": 10**30}})
    assert "maximum 600" in _bad({"history": {"walking_tolerance_minutes": 601}})
    assert "maximum 90" in _bad({"examination": {"neuro": {"slr_left": 120}}})


def test_it_rejects_a_body_chart_cell_or_a_test_recorded_twice() -> None:
    cell = {"region": "thigh", "side": "left", "kind": "pain", "intensity": 3}
    assert "symptoms: [1] repeats [0]" in _bad({"symptoms": [cell, {**cell, "intensity": 5}]})
    test = {"test": "REIL", "during": "decrease", "after": "better"}
    assert "tests: [1] repeats [0]" in _bad({"tests": [test, test]})


def test_it_rejects_a_follow_up_with_infinite_or_absurd_days() -> None:
    with pytest.raises(RecordError) as err:
        parse_followup({"schema": "backpath/followup/1", "days_stable": 10**30})
    assert "days_stable" in str(err.value)


def test_a_word_where_a_whole_number_belongs_names_the_allowed_range() -> None:
    data = minimal(patient={"age": "thirty"})
    assert messages(data) == [
        "patient.age: 'thirty' is not a whole number; allowed: whole numbers from 12 to 110"
    ]


def test_repetitions_in_words_name_the_allowed_range() -> None:
    test = {"test": "REIL", "during": "centralise", "after": "centralised", "reps": "ten"}
    data = minimal(tests=[test])
    assert messages(data) == [
        "tests[0].reps: 'ten' is not a whole number; allowed: whole numbers from 1 to 50"
    ]


def test_a_follow_up_score_that_is_not_a_number_names_the_range() -> None:
    with pytest.raises(RecordError) as caught:
        parse_followup({"schema": "backpath/followup/1", "visit_number": 2, "nrs_back": "lots"})
    assert "nrs_back: 'lots' is not a whole number; allowed: whole numbers from 0 to 10" in (
        caught.value.messages
    )
