"""Roland-Morris (RMDQ-24) on the initial assessment form, and the form's layout.

The form shows 24 boxes labelled "Item 1" … "Item 24" (never the questionnaire's wording) and
stores ``instruments.rmdq`` as the core's record expects: 24 answers, 1 ticked and 0 not. An
untouched section records nothing. The layout tests open the rendered form in Chromium (no
server: the page and its static files are served from memory) and skip without it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from backpath.web.assessments.formdata import form_from_record, record_from_form
from backpath.web.assessments.models import Assessment
from backpath.web.assessments.presenters import score_rows
from backpath.web.plans.models import PlanVersion

from .conftest import EXTENSION_FORM

pytestmark = pytest.mark.django_db

TICKED = (2, 5, 9)
RMDQ_2_5_9 = [1 if n in TICKED else 0 for n in range(1, 25)]
CHROMIUM = Path("/usr/bin/chromium")
TYPICAL_TREATMENT = "Shift correction at a wall, right"  # one of the library's longer names


def _new(episode: Any) -> str:
    return reverse("episodes:assessment_new", args=[episode.pk])


def _ticked(*items: int) -> dict[str, str]:
    return {f"rmdq-{n}": "1" for n in items}


def _section(page: str) -> str:
    """The RMDQ <details> of a rendered form."""
    start = page.index('data-testid="rmdq"')
    return page[start : page.index("</details>", start)]


def _checked_items(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'id="f-rmdq-(\d+)"[^>]*\bchecked\b', _section(page))]


def _result(client: Any, assessment: Any) -> str:
    page = client.get(reverse("assessments:result", args=[assessment.pk])).content.decode()
    start = page.index('data-testid="scores"')
    return page[start : page.index("</section>", start)]


# --- the section -------------------------------------------------------------------------


def test_the_form_labels_the_24_items_by_number_only(as_alice: Any, episode: Any) -> None:
    from backpath.core.instruments.labels import RMDQ_LABELS

    section = _section(as_alice.get(_new(episode)).content.decode())
    labels = re.findall(r'<input type="checkbox" id="f-rmdq-\d+"[^>]*> ([^<]*)</label>', section)
    assert labels == [f"Item {n}" for n in range(1, 25)]
    topics = [label.split(": ")[1].split(",")[0] for label in RMDQ_LABELS]
    assert [t for t in topics if t.lower() in section.lower()] == []


def test_the_section_starts_closed_with_nothing_ticked(as_alice: Any, episode: Any) -> None:
    page = as_alice.get(_new(episode)).content.decode()
    assert '<details data-testid="rmdq"' in page and _checked_items(page) == []
    assert 'id="f-rmdq-done"' in page and "f-rmdq-error" not in _section(page)


# --- what the record gets ----------------------------------------------------------------


def test_ticked_items_are_recorded_as_ones_and_the_others_as_zeros(
    as_alice: Any, episode: Any
) -> None:
    response = as_alice.post(_new(episode), {**EXTENSION_FORM, **_ticked(*TICKED)})
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert assessment.record["instruments"]["rmdq"] == RMDQ_2_5_9
    assert assessment.result["scores"]["rmdq"] == {"total": 3, "recovered": False}


def test_an_untouched_section_records_no_rmdq(as_alice: Any, episode: Any) -> None:
    as_alice.post(_new(episode), EXTENSION_FORM)
    assessment = Assessment.objects.get()
    assert "rmdq" not in assessment.record["instruments"]
    assert "rmdq" not in assessment.result["scores"]


def test_completed_with_no_item_ticked_records_a_score_of_zero(as_alice: Any, episode: Any) -> None:
    as_alice.post(_new(episode), {**EXTENSION_FORM, "rmdq-done": "yes"})
    assessment = Assessment.objects.get()
    assert assessment.record["instruments"]["rmdq"] == [0] * 24
    assert assessment.result["scores"]["rmdq"] == {"total": 0, "recovered": True}


def test_ticked_items_count_even_when_completed_is_not_ticked() -> None:
    """Unticked is "not ticked" (instruments.md: 0 or blank), so ticking some is complete."""
    record, _paths = record_from_form({"rmdq-24": "1"})
    assert record["instruments"]["rmdq"] == [0] * 23 + [1]


@pytest.mark.parametrize("value", ["2", "yes please"])
def test_an_item_answer_other_than_ticked_is_named_beside_the_section_and_nothing_is_saved(
    as_alice: Any, episode: Any, value: str
) -> None:
    response = as_alice.post(_new(episode), {**EXTENSION_FORM, "rmdq-2": "1", "rmdq-4": value})
    page = response.content.decode()
    section = _section(page)
    assert response.status_code == 400 and "Nothing was saved" in page
    assert '<details open data-testid="rmdq"' in page
    errors = section[section.index('id="f-rmdq-error"') :][:600]
    assert "Roland-Morris item 4:" in errors
    assert "allowed: ticked (1) or not ticked (0 or blank)" in errors
    assert re.search(r'id="f-rmdq-4"[^>]*aria-invalid="true"', section)
    assert _checked_items(page) == [2]  # the other answers are kept
    assert not Assessment.objects.exists() and not PlanVersion.objects.exists()


# --- drafts, edits and reassessment ------------------------------------------------------


def test_a_draft_reopens_with_the_ticked_items(as_alice: Any, episode: Any) -> None:
    as_alice.post(_new(episode), {**EXTENSION_FORM, "action": "draft", **_ticked(3, 7)})
    draft = Assessment.objects.get()
    page = as_alice.get(reverse("assessments:edit", args=[draft.pk])).content.decode()
    assert _checked_items(page) == [3, 7]
    assert re.search(r'id="f-rmdq-done"[^>]*\bchecked\b', page)
    assert '<details open data-testid="rmdq"' in page
    assert "<strong data-rmdq-total>2</strong> of 24" in page


def test_a_draft_completed_with_none_ticked_reopens_as_completed(
    as_alice: Any, episode: Any
) -> None:
    as_alice.post(_new(episode), {**EXTENSION_FORM, "action": "draft", "rmdq-done": "yes"})
    draft = Assessment.objects.get()
    page = as_alice.get(reverse("assessments:edit", args=[draft.pk])).content.decode()
    assert re.search(r'id="f-rmdq-done"[^>]*\bchecked\b', page) and _checked_items(page) == []


def test_finishing_a_reopened_draft_keeps_its_answers(as_alice: Any, episode: Any) -> None:
    as_alice.post(_new(episode), {**EXTENSION_FORM, "action": "draft", **_ticked(3, 7)})
    draft = Assessment.objects.get()
    as_alice.post(
        reverse("assessments:edit", args=[draft.pk]),
        {**EXTENSION_FORM, **_ticked(3, 7), "rmdq-done": "yes", "version": draft.version},
    )
    draft.refresh_from_db()
    assert draft.record["instruments"]["rmdq"] == [1 if n in (3, 7) else 0 for n in range(1, 25)]


def test_reassessing_shows_the_earlier_answers(
    as_alice: Any, make_assessment: Any, episode: Any
) -> None:
    earlier = make_assessment(instruments={"nrs_back": 6, "rmdq": RMDQ_2_5_9})
    page = as_alice.get(_new(episode), {"from": earlier.pk}).content.decode()
    assert _checked_items(page) == list(TICKED)
    assert re.search(r'id="f-rmdq-done"[^>]*\bchecked\b', page)


def test_the_form_reproduces_a_record_with_rmdq_exactly() -> None:
    from .conftest import extension_record

    for rmdq in (RMDQ_2_5_9, [0] * 24):
        original = extension_record(instruments={"nrs_back": 6, "rmdq": rmdq})
        rebuilt, _paths = record_from_form(form_from_record(original))
        assert rebuilt["instruments"] == original["instruments"]


# --- the result page ---------------------------------------------------------------------


def test_the_result_page_shows_the_score_out_of_24_and_not_recovered(
    as_alice: Any, make_assessment: Any
) -> None:
    assessment = make_assessment(instruments={"rmdq": RMDQ_2_5_9})
    scores = _result(as_alice, assessment)
    assert re.search(
        r"<th>Roland-Morris \(RMDQ\)</th><td>3 / 24</td><td>not recovered</td>", scores
    )


def test_the_result_page_shows_two_or_fewer_as_recovered(
    as_alice: Any, make_assessment: Any
) -> None:
    assessment = make_assessment(instruments={"rmdq": [1, 1] + [0] * 22})
    scores = _result(as_alice, assessment)
    assert "<td>2 / 24</td><td>recovered</td>" in scores


def test_a_score_the_core_could_not_give_shows_its_error_without_a_total() -> None:
    rows = score_rows({"rmdq": {"error": "rmdq_24: 23 values given; expected 24 items"}})
    assert rows[0]["name"] == "Roland-Morris (RMDQ)" and rows[0]["value"] == ""
    assert "23 values given" in rows[0]["band"]


# --- layout, in a browser ----------------------------------------------------------------


@pytest.fixture
def form_page(as_alice: Any, episode: Any) -> str:
    """The rendered form; fetched before the browser starts (no database calls after)."""
    return str(as_alice.get(_new(episode)).content.decode())


@pytest.fixture
def open_form(form_page: str) -> Iterator[Callable[[int], Any]]:
    """``open_form(width)`` → a Playwright page showing the form at that viewport width."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from playwright.sync_api import sync_playwright

    static = "/" + settings.STATIC_URL.strip("/") + "/"

    def serve(route: Any) -> None:
        path = urlsplit(route.request.url).path
        if path == "/form":
            route.fulfill(body=form_page, content_type="text/html; charset=utf-8")
        elif path.startswith(static) and (found := finders.find(path[len(static) :])):
            route.fulfill(path=str(found))
        else:
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )

        def open_at(width: int) -> Any:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.route("**/*", serve)
            page.goto("http://backpath.test/form")
            return page

        yield open_at
        browser.close()


@pytest.mark.e2e
def test_a_treatment_input_shows_a_typical_treatment_name_whole(
    open_form: Callable[[int], Any],
) -> None:
    page = open_form(1280)
    page.fill("#f-treatment-1", TYPICAL_TREATMENT)
    for width in (1280, 800):
        page.set_viewport_size({"width": width, "height": 900})
        shown = page.eval_on_selector("#f-treatment-1", "el => [el.scrollWidth, el.clientWidth]")
        assert shown[0] <= shown[1], (width, shown)


@pytest.mark.e2e
def test_the_action_bar_buttons_do_not_touch(open_form: Callable[[int], Any]) -> None:
    page = open_form(1280)
    for width in (1280, 800, 360):
        page.set_viewport_size({"width": width, "height": 900})
        actions = page.query_selector_all("form .actions > button, form .actions > a")
        boxes = [el.bounding_box() for el in actions]
        assert len(boxes) == 3
        for a, b in itertools.pairwise(boxes):
            apart_x = b["x"] - (a["x"] + a["width"])
            apart_y = b["y"] - (a["y"] + a["height"])
            assert max(apart_x, apart_y) >= 8, (width, a, b)


@pytest.mark.e2e
def test_the_keyboard_goes_through_the_items_in_order_then_on(
    open_form: Callable[[int], Any],
) -> None:
    page = open_form(1280)
    page.click("summary:has-text('Roland-Morris')")
    page.focus("#f-rmdq-done")
    order = []
    for _ in range(25):
        order.append(page.evaluate("document.activeElement.id"))
        page.keyboard.press("Tab")
    assert order == ["f-rmdq-done", *(f"f-rmdq-{n}" for n in range(1, 25))]
    page.focus("#f-treatment-6")
    order = []
    for _ in range(3):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.dataset.testid || ''"))
    assert order == ["assessment-finish", "assessment-draft", ""]
    assert page.evaluate("document.activeElement.textContent") == "Cancel"


@pytest.mark.e2e
def test_the_rmdq_items_sit_in_a_grid_with_their_count_kept_up_to_date(
    open_form: Callable[[int], Any],
) -> None:
    page = open_form(1280)
    page.click("summary:has-text('Roland-Morris')")
    tops = {page.locator(f"#f-rmdq-{n}").bounding_box()["y"] for n in range(1, 25)}
    assert len(tops) <= 4  # rows of items, not a column of 24
    page.press("#f-rmdq-5", " ")
    page.check("#f-rmdq-9")
    assert page.inner_text("[data-rmdq-total]") == "2"
    assert page.is_checked("#f-rmdq-done")
