"""The patient's page and PDF say what to avoid for now, in plain words."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from backpath.web.programmes.plain_words import avoid_sentence, precaution_sentences

pytestmark = pytest.mark.django_db


def test_it_says_what_to_avoid_and_where_in_plain_words() -> None:
    text = avoid_sentence(
        [{"direction": "flexion"}, {"direction": "extension", "positions": ["standing"]}]
    )
    assert text == (
        "For now avoid: bending forward, slumped sitting; avoid arching backwards while "
        "standing — doing it lying down is fine."
    )


def test_it_says_a_precaution_in_plain_words() -> None:
    texts = precaution_sentences([{"code": "pregnancy", "excludes": ["prone"]}])
    assert texts == ["For your pregnancy, avoid: lying face down."]


def test_the_patient_page_shows_the_avoided_directions(client: Any, hep_link: Any) -> None:
    link, token = hep_link
    plan = link.plan
    plan.avoid = [{"direction": "extension", "positions": ["standing"], "reason": "x"}]
    plan.save()
    page = client.get(reverse("programmes:public", args=[token])).content.decode()
    assert "avoid arching backwards while standing — doing it lying down is fine" in page
