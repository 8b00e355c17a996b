"""Patient education topics (clinical-rules R5.8)."""

from __future__ import annotations

import pytest

from backpath.core.education import EDUCATION, EducationTopic, education_for

CODES = (
    "stay_active",
    "avoid_bed_rest",
    "directional_preference",
    "centralisation_is_good",
    "self_monitoring",
    "sitting_strategy",
    "passive_treatments",
    "no_stretching",
    "imaging_not_needed",
    "prognosis",
)


def test_it_has_exactly_the_spec_codes_in_order() -> None:
    assert tuple(EDUCATION) == CODES


@pytest.mark.parametrize("code", CODES)
def test_every_topic_has_a_title_a_one_sentence_summary_and_text(code: str) -> None:
    topic = EDUCATION[code]
    assert isinstance(topic, EducationTopic)
    assert topic.code == code
    assert topic.title.strip()
    assert topic.summary.strip().endswith(".")
    assert topic.summary.count(". ") == 0  # one sentence
    assert 2 <= len(topic.paragraphs) <= 5
    for paragraph in topic.paragraphs:
        assert 20 <= len(paragraph) <= 450


@pytest.mark.parametrize("code", CODES)
def test_it_finds_each_topic_by_code(code: str) -> None:
    assert education_for(code) is EDUCATION[code]


def test_it_names_the_allowed_codes_for_an_unknown_code() -> None:
    with pytest.raises(KeyError) as err:
        education_for("yoga")
    message = str(err.value)
    assert "'yoga' is not an education code" in message
    for code in CODES:
        assert code in message


def test_it_says_centralisation_is_a_good_sign_in_plain_words() -> None:
    text = education_for("centralisation_is_good").text
    assert "more pain in the middle of your back with less in your leg is a good sign" in (
        text.lower()
    )


def test_it_tells_patients_when_to_seek_help_in_self_monitoring() -> None:
    text = education_for("self_monitoring").text.lower()
    assert "green" in text and "amber" in text and "red" in text
    assert "emergency" in text
