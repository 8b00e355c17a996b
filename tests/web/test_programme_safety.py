"""The patient's page and PDF say what to avoid for now and what to stop, in plain words,
from the core (core.patient_advice)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse

from backpath.core.monitoring import SYMPTOM_CHANGES
from backpath.core.patient_advice import patient_advice

pytestmark = pytest.mark.django_db


def test_it_says_what_to_avoid_and_where_in_plain_words() -> None:
    advice = patient_advice(
        [
            {"direction": "flexion", "reason": "why f", "rule": "R4"},
            {"direction": "extension", "positions": ["standing"], "reason": "why e"},
        ]
    )
    texts = [line.text for line in advice.avoid]
    assert texts[0].startswith("Avoid bending forward") and "sitting slumped" in texts[0]
    assert "lifting from the floor" in texts[0]
    assert texts[1].endswith("while standing — doing it lying down is fine.")
    assert [(line.reason, line.rule) for line in advice.avoid] == [("why f", "R4"), ("why e", "R4")]


def test_it_says_a_precaution_in_plain_words() -> None:
    advice = patient_advice([], [{"code": "pregnancy", "excludes": ["prone"], "rule": "R4a"}])
    assert [line.text for line in advice.avoid] == ["For your pregnancy, avoid: lying face down."]
    assert advice.avoid[0].kind == "precaution" and advice.avoid[0].rule == "R4a"


def test_it_says_which_current_treatments_to_stop_with_the_alternative() -> None:
    audit = [
        {
            "input": "Sit-ups",
            "code": None,
            "verdicts": ["contradicts_dp"],
            "reason": "flexion is avoided",
            "alternative": "prone_press_up",
            "alternative_name": "Prone press-up",
            "rule": "R6",
        },
        {"input": "walking", "code": None, "verdicts": ["consistent"], "reason": "", "rule": "R6"},
        {"input": "heat", "code": None, "verdicts": ["caution"], "reason": "r", "rule": "R6"},
    ]
    advice = patient_advice([], [], audit)
    assert [line.treatment for line in advice.stop] == ["Sit-ups", "heat"]
    first = advice.stop[0]
    assert first.text.startswith("Stop sit-ups for now")
    assert first.alternative == "prone_press_up" and "Instead you can do" in first.text
    assert (first.reason, first.rule, first.verdict) == (
        "flexion is avoided",
        "R6",
        "contradicts_dp",
    )
    assert advice.stop[1].text.startswith("Hold off heat for now")


def _flexion_intolerant(link: Any) -> None:
    plan = link.plan
    plan.avoid = [{"direction": "flexion", "reason": "x", "rule": "R4"}]
    plan.document = {
        **plan.document,
        "precautions": [{"code": "bone_fragility", "excludes": ["loaded_flexion"], "rule": "R4a"}],
        "audit": [
            {
                "input": "sit-ups",
                "code": None,
                "verdicts": ["contradicts_dp"],
                "reason": "flexion",
                "alternative": None,
                "rule": "R6",
            }
        ],
    }
    plan.save()


def test_the_patient_page_says_what_to_avoid_and_what_to_stop(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    link, token = hep_link
    _flexion_intolerant(link)
    page = client.get(reverse("programmes:public", args=[token])).content.decode()
    assert "What to avoid for now" in page and "sitting slumped" in page
    assert "To protect your bones, avoid: bending forward while lifting" in page
    assert 'data-testid="patient-stop"' in page and "Stop sit-ups for now" in page


def test_the_pdf_says_what_to_avoid_and_stop_and_no_longer_promises_to_tell(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    from pypdf import PdfReader

    link, token = hep_link
    _flexion_intolerant(link)
    pdf = client.get(reverse("programmes:public_pdf", args=[token])).content
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "What to avoid for now" in text and "What to stop" in text
    assert "Stop sit-ups for now" in text
    assert "we will tell you which ones" not in text.lower()


def test_the_change_labels_cover_the_core_codes() -> None:
    from backpath.web.programmes.content import CHANGE_CHOICES, CHANGE_LABELS

    assert set(CHANGE_LABELS) == set(SYMPTOM_CHANGES)
    assert [c for c, _ in CHANGE_CHOICES] == list(SYMPTOM_CHANGES)
