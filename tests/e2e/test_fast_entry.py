"""Fast entry, measured: Alice enters case p01 (../shared/cases/p01-extension-derangement.json)
from a new patient to a programme link the patient can open, and the test prints every tap and
field entry. Target: at most 40 interactions (about 115 before the button groups).

A tap is one click on a button, a button-group choice or a tick; a field entry is typing one
value into one field. Signing in is not counted. Also here: the form works with the keyboard
alone (Tab order, Ctrl+Enter), and what was typed survives an idle sign-out in the browser.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import sign_in

pytestmark = pytest.mark.e2e

TARGET = 40
# A copy of ../shared/cases/p01-extension-derangement.json, so the test stands alone in CI.
P01 = json.loads((Path(__file__).parent / "p01-extension-derangement.json").read_text())
UK = {"locale": "en-GB", "timezone_id": "Europe/London"}


class Counted:
    """A page whose taps and field entries are counted and logged."""

    def __init__(self, page: Any) -> None:
        self.page, self.log = page, []

    def tap(self, selector: str, what: str = "") -> None:
        self.page.click(selector)
        self.log.append(f"tap   {what or selector}")

    def enter(self, selector: str, value: str, what: str = "") -> None:
        self.page.fill(selector, value)
        self.log.append(f"entry {what or selector} = {value}")

    def choose(self, name: str, value: str) -> None:
        self.page.click(f"#f-{name}-{value}", force=False)
        self.log.append(f"tap   {name}: {value}")


def _record() -> dict[str, Any]:
    return dict(P01["assessment"])


def _stored_matches_the_vignette(page: Any, base: str, rec: dict[str, Any]) -> None:
    href = page.url.rstrip("/") + "/record.json"
    stored = page.context.request.get(href).json()["record"]
    for key in ("history", "symptoms", "examination", "current_treatments"):
        assert stored[key] == rec[key], key
    assert stored["instruments"] == rec["instruments"]
    assert stored["patient"] == rec["patient"]
    assert [{"reps": 10, **t} for t in stored["tests"]] == rec["tests"]  # the core's default


def _history(c: Counted, rec: dict[str, Any]) -> None:
    h = rec["history"]
    c.enter("#f-duration_weeks", str(h["duration_weeks"]))
    c.choose("onset", h["onset"])
    c.enter("#f-previous_episodes", str(h["previous_episodes"]))
    c.choose("pattern", h["pattern"])
    assert h["previous_sciatica"] is False and h["prior_surgery"] is False
    c.tap("[data-testid=history-no-to-both]", "no to both (earlier leg pain, surgery)")
    for key in ("aggravating", "easing"):
        for value in h[key]:
            c.tap(f"input[name={key}][value={value}]", f"{key}: {value}")


def _chart_and_exam(c: Counted, rec: dict[str, Any]) -> None:
    for s in rec["symptoms"]:
        assert s["kind"] == "pain"  # the default kind
        c.enter(f"#f-sym-{s['region']}-{s['side']}", str(s["intensity"]))
    exam = rec["examination"]
    for key, grade in exam["movement_loss"].items():
        if grade != "nil":
            c.choose(f"loss-{key}", grade)
    assert exam["lateral_shift"] == "none"
    c.tap("[data-testid=exam-rest-nil]", "rows left blank: no shift, loss nil")


def _tests(c: Counted, rec: dict[str, Any]) -> None:
    for t in rec["tests"]:
        code = t["test"]
        c.choose(f"test-{code}-during", t["during"])
        if t["after"] != "no_effect":
            c.choose(f"test-{code}-after", t["after"])
        if t["mechanical"] != "no_effect":
            c.choose(f"test-{code}-mechanical", t["mechanical"])
        assert t["reps"] == (10 if code.startswith("R") else 1)  # the defaults


def _scores_and_treatments(c: Counted, rec: dict[str, Any]) -> None:
    inst = rec["instruments"]
    c.enter("#f-nrs_back", str(inst["nrs_back"]))
    c.enter("#f-nrs_leg", str(inst["nrs_leg"]))
    c.enter("#odi-row", "".join(map(str, inst["odi"])), "Oswestry in a row")
    c.enter("#sb-row", "".join(map(str, inst["start_back"])), "STarT Back in a row")
    c.enter("#f-treatment-1", ", ".join(rec["current_treatments"]), "treatments")


def test_p01_from_a_new_patient_to_a_sent_programme_in_at_most_40_interactions(
    browser: Any, server: dict[str, Any], shoot: Callable[[Any, str], Path]
) -> None:
    rec = _record()
    context = browser.new_context(viewport={"width": 1024, "height": 768}, **UK)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        sign_in(page, server["url"], "alice")
        c = Counted(page)
        c.tap("[data-testid=patient-new]", "New patient")
        c.enter("#id_name", "Ada Quick", "name")
        c.enter("#id_date_of_birth", "1992-03-14", "date of birth")
        c.tap(f"input[name=sex][value={rec['patient']['sex']}]", "sex: female")
        c.tap("[data-testid=patient-save-assess]", "Save and start the assessment")
        page.wait_for_selector("[data-testid=assessment-form]")
        assert page.input_value("#f-age") == str(rec["patient"]["age"])  # from the birth date
        _history(c, rec)
        _chart_and_exam(c, rec)
        _tests(c, rec)
        _scores_and_treatments(c, rec)
        shoot(page, "fast-entry-p01-form")
        c.tap("[data-testid=assessment-finish]", "Finish and see result")
        page.wait_for_selector("[data-testid=classification]")
        assert page.inner_text("[data-testid=dp]").strip().lower() == P01["expected"]["dp"]
        _stored_matches_the_vignette(page, server["url"], rec)
        c.tap("[data-testid=result-accept-give]", "Accept the plan and give a link")
        page.wait_for_selector("[data-testid=new-link] a")
        shoot(page, "fast-entry-p01-sent")
        print(f"\np01 fast entry: {len(c.log)} interactions (target <= {TARGET})")
        print("\n".join(f"{n:2d}. {line}" for n, line in enumerate(c.log, start=1)))
        taps = sum(line.startswith("tap") for line in c.log)
        print(f"taps: {taps}, field entries: {len(c.log) - taps}")
        assert len(c.log) <= TARGET, c.log
    finally:
        context.close()
