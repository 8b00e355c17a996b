"""A clinician's day in the browser, as chained steps over one signed-in session: Alice adds a
patient, enters case p01 (extension derangement) through the assessment form, accepts the
plan, downloads its PDF, gives the patient a link and records a follow-up. Then Charlie, at
another clinic, cannot open Alice's patient, and the patient opens the link on a phone.

Each step skips when an earlier one failed, so the first failure is the one to read.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from .axe import violations
from .conftest import ARTIFACTS, PASSWORDS, sign_in

pytestmark = pytest.mark.e2e

Shoot = Callable[[Any, str], Path]
UK = {"locale": "en-GB", "timezone_id": "Europe/London"}  # as a clinic's browsers would be

# Case p01 (../shared/cases/p01-extension-derangement.json), copied so the test stands alone.
P01_HISTORY = {
    "f-age": "34",
    "f-duration_weeks": "2",
    "f-previous_episodes": "1",
}
P01_SELECTS = {
    "f-sex": "female",
    "f-onset": "gradual",
    "f-pattern": "intermittent",
    "f-previous_sciatica": "no",
    "f-prior_surgery": "no",
    "f-lateral_shift": "none",
    "f-loss-flexion": "moderate",
    "f-loss-extension": "minimal",
    "f-loss-side_glide_left": "nil",
    "f-loss-side_glide_right": "nil",
}
P01_AGGRAVATING = ("sitting", "bending", "rising_from_sitting")
P01_EASING = ("walking", "lying_prone")
P01_SYMPTOMS = {"back-central": ("6", "pain"), "buttock-left": ("4", "pain")}
P01_TESTS = {  # code: (during, after, mechanical, reps)
    "FIS": ("increase", "no_worse", "no_effect", "1"),
    "RFIS": ("increase", "worse", "decreased_rom", "10"),
    "EIS": ("no_effect", "no_effect", "no_effect", "1"),
    "REIS": ("decrease", "better", "no_effect", "10"),
    "RFIL": ("increase", "worse", "no_effect", "10"),
    "REIL": ("centralise", "centralised", "increased_rom", "10"),
}
P01_NRS = {"f-nrs_back": "6", "f-nrs_leg": "3"}
P01_ODI = ("3", "2", "2", "3", "2", "1", "2", "0", "2", "1")
P01_START_BACK = ("1", "1", "0", "0", "1", "0", "0", "1", "2")
P01_TREATMENTS = ("hamstring_stretch", "heat", "walking", "Foam roller")

FOLLOW_UP = {  # much better a week on: the core progresses the plan
    "f-nrs_back": "2",
    "f-nrs_leg": "0",
    "f-adherence_percent": "90",
    "f-days_stable": "8",
    "f-sym-back-central": "2",
}


@pytest.fixture(scope="module")
def journey() -> dict[str, Any]:
    """What the steps hand on to each other: URLs, plan items, the patient link."""
    return {}


@pytest.fixture(scope="module")
def alice(browser: Any, server: dict[str, Any]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **UK)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _need(journey: dict[str, Any], *keys: str) -> None:
    missing = [k for k in keys if k not in journey]
    if missing:
        pytest.skip(f"an earlier step failed (no {', '.join(missing)})")


def test_alice_signs_in_and_adds_a_patient(
    alice: Any, server: dict[str, Any], shoot: Shoot, journey: dict[str, Any]
) -> None:
    base = server["url"]
    alice.goto(f"{base}/")
    assert alice.url.startswith(f"{base}/login/")
    shoot(alice, "login")
    alice.fill("#id_username", "alice")
    alice.fill("#id_password", PASSWORDS["alice"])
    alice.click("[data-testid=login-submit]")
    alice.wait_for_url(f"{base}/patients/")
    shoot(alice, "patient-list-empty")
    alice.click("[data-testid=patient-new]")
    shoot(alice, "patient-new")
    alice.fill("#id_name", "Jordan Reyes")
    alice.fill("#id_date_of_birth", "1992-03-14")
    alice.check("input[name=sex][value=female]")
    alice.click("[data-testid=patient-save]")
    alice.wait_for_selector("[data-testid=patient-name]")
    assert alice.inner_text("[data-testid=patient-name]") == "Jordan Reyes"
    journey["patient_url"] = alice.url
    shoot(alice, "patient-detail")
    journey["proposed_first_seen"] = alice.input_value("#id_started_on")
    alice.fill("#id_started_on", date.today().isoformat())
    alice.click("[data-testid=episode-form] button[type=submit]")
    alice.wait_for_selector("[data-testid=assessment-new]")
    journey["episode_url"] = alice.url
    shoot(alice, "episode-new")


def test_the_episode_form_proposes_today_as_first_seen(journey: dict[str, Any]) -> None:
    _need(journey, "proposed_first_seen")
    # <input type=date> only accepts YYYY-MM-DD; any other value shows as an empty field.
    assert journey["proposed_first_seen"] == date.today().isoformat()


def _fill_p01(page: Any) -> None:
    for field_id, value in {**P01_HISTORY, **P01_NRS}.items():
        page.fill(f"#{field_id}", value)
    for field_id, value in P01_SELECTS.items():
        page.check(f"#{field_id}-{value}")
    for name, values in (("aggravating", P01_AGGRAVATING), ("easing", P01_EASING)):
        for value in values:
            page.check(f"input[name={name}][value={value}]")
    for cell, (intensity, kind) in P01_SYMPTOMS.items():
        page.fill(f"#f-sym-{cell}", intensity)
        page.select_option(f"select[name=sym-{cell}-kind]", kind)
    for code, (during, after, mechanical, reps) in P01_TESTS.items():
        page.check(f"#f-test-{code}-during-{during}")
        page.check(f"#f-test-{code}-after-{after}")
        page.check(f"#f-test-{code}-mechanical-{mechanical}")
        page.fill(f"#f-test-{code}-reps", reps)
    page.click("summary:has-text('Oswestry')")
    for n, score in enumerate(P01_ODI, start=1):
        page.fill(f"#f-odi-{n}", score)
    page.click("summary:has-text('STarT Back')")
    for n, score in enumerate(P01_START_BACK, start=1):
        page.fill(f"#f-sb-{n}", score)
    for n, text in enumerate(P01_TREATMENTS, start=1):
        page.fill(f"#f-treatment-{n}", text)


def test_the_assessment_form_finds_extension_and_flexion_to_avoid(
    alice: Any, shoot: Shoot, journey: dict[str, Any]
) -> None:
    _need(journey, "episode_url")
    alice.goto(journey["episode_url"])
    alice.click("[data-testid=assessment-new]")
    alice.wait_for_selector("[data-testid=assessment-form]")
    shoot(alice, "assessment-form-empty")
    _fill_p01(alice)
    shoot(alice, "assessment-form-p01")
    alice.click("[data-testid=assessment-finish]")
    alice.wait_for_selector("[data-testid=classification]")
    shoot(alice, "assessment-result")
    assert alice.inner_text("[data-testid=dp]").strip().lower() == "extension"
    assert "derangement" in alice.inner_text("[data-testid=classification]").lower()
    avoided = alice.inner_text("[data-testid=avoid] ul").lower()
    assert "flexion" in avoided and "extension" not in avoided.split("—")[0]
    journey["result_url"] = alice.url


def _plan_names(page: Any) -> list[str]:
    return [
        n.strip() for n in page.locator("[data-testid=plan-items] article h3").all_inner_texts()
    ]


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _squeeze(text: str) -> str:
    """Text without whitespace, so names wrapped across PDF lines still match."""
    return re.sub(r"\s+", "", text).lower()


def test_accepting_the_plan_gives_a_pdf_with_its_exercises(
    alice: Any, server: dict[str, Any], shoot: Shoot, journey: dict[str, Any]
) -> None:
    _need(journey, "result_url")
    alice.goto(journey["result_url"])
    alice.click("[data-testid=open-plan]")
    alice.wait_for_selector("[data-testid=plan-accept]")
    shoot(alice, "plan-draft")
    alice.click("[data-testid=plan-accept]")
    alice.wait_for_selector("[data-testid=plan-accepted]")
    shoot(alice, "plan-accepted")
    names = _plan_names(alice)
    assert "Prone press-up" in names and len(names) >= 3, names
    href = alice.get_attribute("[data-testid=plan-pdf]", "href")
    # drawn by the job worker: "being prepared" (202, refresh) until it is ready
    deadline = time.monotonic() + 120
    response = alice.context.request.get(f"{server['url']}{href}")
    while response.status == 202 and time.monotonic() < deadline:
        assert response.headers["retry-after"] == "5"
        time.sleep(1)
        response = alice.context.request.get(f"{server['url']}{href}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "programme.pdf").write_bytes(response.body())
    text = _squeeze(_pdf_text(response.body()))
    from backpath.core.library import default_library

    plain = {e.name: e.patient_name for e in default_library()}  # the PDF is the patient's
    assert [n for n in names if _squeeze(plain.get(n, n)) not in text] == []
    alice.click("[data-testid=create-link]")
    alice.wait_for_selector("[data-testid=new-link] a")
    shoot(alice, "plan-patient-link")
    journey["hep_url"] = alice.inner_text("[data-testid=new-link] a").strip()
    journey["plan_names"] = names


def test_a_follow_up_shows_the_progression_and_its_rule(
    alice: Any, shoot: Shoot, journey: dict[str, Any]
) -> None:
    _need(journey, "hep_url")
    alice.goto(journey["episode_url"])
    shoot(alice, "episode-with-plan")
    alice.click("[data-testid=followup-new]")
    alice.wait_for_selector("[data-testid=followup-form]")
    for field_id, value in FOLLOW_UP.items():
        alice.fill(f"#{field_id}", value)
    alice.check("#f-response-better")
    shoot(alice, "followup-form")
    alice.click("[data-testid=followup-submit]")
    alice.wait_for_selector("[data-testid=progression]")
    shoot(alice, "followup-decision")
    assert alice.inner_text("[data-testid=progression-action]").strip() == "progress"
    rule = alice.inner_text("[data-testid=progression] h2 .rule").strip()
    assert re.fullmatch(r"R7\.\d+", rule), rule
    alice.click("[data-testid=followup-accept]")
    alice.wait_for_selector("[data-testid=plan-accepted]")
    assert alice.inner_text("h1").startswith("Plan version 2")
    shoot(alice, "plan-progressed")
    alice.goto(journey["episode_url"])
    shoot(alice, "episode-after-followup")


def test_charlie_at_another_clinic_gets_404_for_alices_patient(
    browser: Any, server: dict[str, Any], shoot: Shoot, journey: dict[str, Any]
) -> None:
    _need(journey, "patient_url")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **UK)
    page = context.new_page()
    try:
        sign_in(page, server["url"], "charlie")
        shoot(page, "charlie-patient-list")
        assert "Jordan Reyes" not in page.inner_text("main")
        response = page.goto(journey["patient_url"])
        assert response is not None and response.status == 404
        assert "Jordan Reyes" not in page.content()
        shoot(page, "charlie-404")
    finally:
        context.close()


def test_the_patient_link_opens_on_a_phone_without_signing_in(
    browser: Any, shoot: Shoot, journey: dict[str, Any]
) -> None:
    _need(journey, "hep_url", "plan_names")
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, **UK
    )
    page = context.new_page()
    try:
        response = page.goto(journey["hep_url"])
        assert response is not None and response.status == 200
        assert page.url == journey["hep_url"]  # no detour through the sign-in page
        assert page.inner_text("h1").startswith("Hello Jordan")
        # the link was made for v1; the follow-up's v2 shows through it, saying what changed
        assert page.locator("[data-testid=plan-updated] li").count() >= 1
        assert page.locator("details.exercise").count() >= 1
        shoot(page, "phone-programme")
        assert violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        first = page.locator("fieldset.ex-log").first
        first.locator("input[value=yes]").check()
        first.locator("select").select_option("decreased")
        page.check("input[name=emergency][value=no]")
        shoot(page, "phone-session-form")
        page.click("[data-testid=log-submit]")
        page.wait_for_selector("[data-testid=logged-green]")
        shoot(page, "phone-session-logged")
    finally:
        context.close()


def test_an_admins_pages_fit_a_small_phone_without_sideways_scrolling(
    browser: Any, server: dict[str, Any], shoot: Shoot
) -> None:
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, **UK
    )  # not is_mobile: Chromium would then widen the layout to fit whatever overflows
    page = context.new_page()
    try:
        sign_in(page, server["url"], "alice")  # an admin: the header has every link
        for path, name in (("/patients/", "phone-patient-list"), ("/clinic/users/", "phone-users")):
            page.goto(server["url"] + path)
            shoot(page, name)
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    finally:
        context.close()


def test_the_server_logged_no_errors(server: dict[str, Any]) -> None:
    log = server["log"].read_text()
    assert "Traceback" not in log and "Internal Server Error" not in log, log[-3000:]
