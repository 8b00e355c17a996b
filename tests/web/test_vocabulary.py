"""Every web label table and choice list is keyed by the core's vocabulary: every core value
has a label, and there is no extra key. Generated from the core (typing.get_args)."""

from __future__ import annotations

from typing import Any, get_args

import pytest

from backpath.core import vocab
from backpath.web import labels
from backpath.web.assessments.formview import KINDS, LOSS_GRADES

TABLES = [
    (labels.SHIFT_LABELS, vocab.ShiftSide),
    (labels.TEST_LABELS, vocab.TestCode),
    (labels.VERDICT_CLASSES, vocab.Verdict),
    (labels.PRECAUTION_LABELS, vocab.PrecautionCode),
    (labels.TAG_LABELS, vocab.Tag),
    (labels.MYOTOME_LABELS, vocab.Myotome),
    (labels.REFLEX_LABELS, vocab.Reflex),
    (labels.DERMATOME_LABELS, vocab.Dermatome),
]


def _names(table: Any) -> str:
    return getattr(table, "__name__", str(table))


@pytest.mark.parametrize(("table", "literal"), TABLES, ids=[str(i) for i in range(len(TABLES))])
def test_each_label_table_has_one_label_per_core_value(table: Any, literal: Any) -> None:
    assert set(table) == set(get_args(literal))


def test_direction_labels_cover_load_directions_and_dps_exactly() -> None:
    expected = set(get_args(vocab.LoadDirection)) | set(get_args(vocab.DirectionalPreference))
    assert set(labels.DIRECTION_LABELS) == expected


def test_urgency_headlines_cover_every_urgency_but_none() -> None:
    assert set(labels.URGENCY_HEADLINES) == set(vocab.URGENCIES) - {"none"}


def test_the_form_choices_are_the_core_vocabularies() -> None:
    from backpath.web.assessments.views import CHOICES

    assert [v for v, _ in CHOICES["sexes"]] == list(get_args(vocab.Sex))
    assert [v for v, _ in CHOICES["onsets"]] == list(get_args(vocab.Onset))
    assert [v for v, _ in CHOICES["patterns"]] == list(get_args(vocab.Pattern))
    assert get_args(vocab.LossGrade) == LOSS_GRADES
    assert get_args(vocab.SymptomKind) == KINDS


def test_the_form_counts_come_from_the_core_instruments() -> None:
    from backpath.core.instruments import INSTRUMENTS
    from backpath.core.instruments.labels import ODI_SECTIONS as SECTION_TOPICS
    from backpath.web.assessments import formdata

    assert formdata.ODI_SECTIONS == INSTRUMENTS["odi_2.1a"].items == len(SECTION_TOPICS)
    assert INSTRUMENTS["rmdq_24"].items == formdata.RMDQ_ITEMS
    assert INSTRUMENTS["start_back_9"].items == formdata.START_BACK_ITEMS


def test_the_body_chart_sides_are_core_sides() -> None:
    from backpath.web.assessments.formdata import SIDES_FOR

    assert set(SIDES_FOR) == set(vocab.REGIONS)
    assert all(set(sides) <= set(get_args(vocab.Side)) for sides in SIDES_FOR.values())


def test_patient_sex_choices_are_the_core_sexes() -> None:
    from backpath.web.patients.models import SEX_LABELS, Patient

    assert set(SEX_LABELS) == set(vocab.SEXES)
    assert [c for c, _ in Patient._meta.get_field("sex").choices] == list(vocab.SEXES)


def test_follow_up_responses_and_library_dps_are_the_core_vocabularies() -> None:
    from backpath.web.exercises.views import DPS

    assert get_args(vocab.DirectionalPreference) == DPS


def test_session_log_choices_are_the_core_symptom_changes() -> None:
    from backpath.core.monitoring import SYMPTOM_CHANGES
    from backpath.web.programmes.content import CHANGE_CHOICES, CHANGE_LABELS

    assert set(CHANGE_LABELS) == set(SYMPTOM_CHANGES)
    assert [c for c, _ in CHANGE_CHOICES] == list(SYMPTOM_CHANGES)


def test_the_patients_words_are_keyed_by_the_core_vocabularies() -> None:
    from backpath.core import patient_advice

    assert set(patient_advice.ACTIVITY_WORDS) == set(vocab.LOAD_DIRECTIONS)
    assert set(patient_advice.POSITION_WORDS) == set(vocab.TEST_POSITIONS)
    assert set(patient_advice.TAG_WORDS) == set(vocab.TAGS)
    assert set(patient_advice.PRECAUTION_WORDS) == set(vocab.PRECAUTION_CODES)
    assert set(patient_advice.STOP_VERDICTS) < set(vocab.VERDICTS)
