"""The phone page's exercise picture (issue 12): the looping animation at the card's full
width, with a hold timer or a rep counter that matches the exercise's dose."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from backpath.web.programmes.content import programme

pytestmark = pytest.mark.django_db


def _blocks(html: str) -> dict[str, str]:
    """Each exercise's figure block, by exercise code."""
    found = re.findall(
        r'<div class="figure figure-live" data-testid="hep-figure-([a-z0-9_]+)">'
        r"(.*?)</svg>\s*(.*?)</div>",
        html,
        flags=re.S,
    )
    return {code: svg + "</svg>" + rest for code, svg, rest in found}


def test_each_picture_loops_with_a_timer_or_counter_for_its_dose(
    client: Any, hep_link: tuple[Any, str]
) -> None:
    link, token = hep_link
    html = client.get(reverse("programmes:public", args=[token])).content.decode()
    blocks = _blocks(html)
    items = [i for i in programme(link.plan)["items"] if i["figure"]]
    assert items and set(blocks) == {i["exercise"] for i in items}
    kinds = set()
    for item in items:
        block, dose = blocks[item["exercise"]], item.get("dose") or {}
        assert 'repeatCount="indefinite"' in block, "the animation loops"
        if dose.get("hold_seconds"):
            kinds.add("hold")
            assert 'data-kind="hold"' in block
            assert f'data-seconds="{dose["hold_seconds"]}"' in block
            assert f"Hold {dose['hold_seconds']} s" in block
        elif dose.get("reps"):
            kinds.add("reps")
            assert 'data-kind="reps"' in block and f"0 of {dose['reps']}" in block
        else:
            assert "counter" not in block
    assert kinds, "no exercise shows a counter"


def test_the_pdf_gets_the_picture_without_a_counter(as_alice: Any, accepted_plan: Any) -> None:
    from django.template.loader import render_to_string

    items = programme(accepted_plan, figure="still")["items"]
    html = render_to_string("programmes/_exercises.html", {"items": items, "folded": False})
    assert 'class="figure"' in html and "figure-live" not in html and "counter" not in html


def test_the_counter_script_and_full_width_style_are_served_locally() -> None:
    js = Path(str(finders.find("backpath/programme.js"))).read_text(encoding="utf-8")
    css = Path(str(finders.find("backpath/programme.css"))).read_text(encoding="utf-8")
    assert ".counter" in js and "setInterval" in js and "http" not in js
    assert ".exercise .figure-live { max-width: none" in css
