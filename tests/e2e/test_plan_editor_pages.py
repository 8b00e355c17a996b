"""The plan editor, the episode page (voided records, a SOAP note per visit) and the close
confirmation in the browser: axe-core finds no violations, and each page is photographed at
tablet (1024×768) and phone (390×844) size under test-artifacts/plan-editor/."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .axe import violations
from .conftest import ARTIFACTS, sign_in

pytestmark = pytest.mark.e2e
SHOTS = ARTIFACTS / "plan-editor"
SIZES = {"tablet": (1024, 768), "phone": (390, 844)}

_SEED = """
import datetime as dt
from django.contrib.auth import get_user_model
from backpath.web.audit.trail import Actor
from backpath.web.assessments.actions import finish_assessment
from backpath.web.corrections import void
from backpath.web.followups import actions as followups
from backpath.web.plans import actions
from backpath.web.plans.models import PlanTemplate
from backpath.web.patients.actions import create_patient, open_episode
alice = get_user_model().objects.get(username="alice")
actor = Actor(user=alice, path="/e2e-seed", ip="127.0.0.1")
clinic = alice.profile.clinic
pat = create_patient(actor, clinic, {"name": "Sam Okafor", "sex": "male", "contact": "",
                                     "date_of_birth": dt.date(1984, 6, 2)})
episode = open_episode(actor, pat, "Low back pain", dt.date(2026, 11, 1))
record = {
    "schema": "backpath/assessment/1", "patient": {"age": 42, "sex": "male"},
    "history": {"duration_weeks": 3, "onset": "gradual", "pattern": "intermittent",
                "aggravating": ["sitting", "bending"], "easing": ["walking"]},
    "symptoms": [{"region": "back", "side": "central", "kind": "pain", "intensity": 6}],
    "tests": [{"test": "RFIS", "during": "peripheralise", "after": "worse"},
              {"test": "REIL", "during": "centralise", "after": "centralised",
               "mechanical": "increased_rom"}],
    "instruments": {"nrs_back": 6, "nrs_leg": 0, "odi": [3, 2, 2, 3, 2, 1, 2, 0, 2, 1]},
}
duplicate = finish_assessment(actor, episode, record, dt.date(2026, 11, 1))
void(actor, duplicate, "Entered twice by mistake; the second one is right.")
first = finish_assessment(actor, episode, record, dt.date(2026, 11, 1))
plan = first.plans.get()
plan = actions.add_exercise(actor, plan, "flexion_in_lying",
                            "Eases his night pain; checked it does not peripheralise.")
plan = actions.change_note(actor, plan, "prone_press_up", "Let the back sag, hips down.")
plan = actions.accept_plan(actor, plan)
PlanTemplate.objects.create(clinic=clinic, name="extension DP, reduce stage",
                            items=[{"exercise": "prone_press_up", "dose": {"reps": 10}}],
                            created_by=alice)
form = {"nrs_back": "3", "nrs_leg": "0", "response": "better", "adherence_percent": "80",
        **{f"odi-{n}": "1" for n in range(1, 11)}}
data, _ = followups.followup_record(form, episode, plan, dt.date(2026, 11, 8))
followups.record_followup(actor, episode, plan, data, dt.date(2026, 11, 8))
print(f"{episode.pk} {plan.pk}")
"""


@pytest.fixture(scope="module")
def seeded(server: dict[str, Any]) -> dict[str, str]:
    out = subprocess.run(
        [sys.executable, "-m", "backpath.cli", "manage", "shell", "-c", _SEED],
        env=server["env"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    base = server["url"]
    return {
        "episode": f"{base}/episodes/{out[-2]}/",
        "plan": f"{base}/plans/{out[-1]}/",
        "close": f"{base}/episodes/{out[-2]}/close/",
    }


@pytest.fixture(scope="module")
def pages(browser: Any, server: dict[str, Any]) -> Iterator[dict[str, Any]]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    found = {}
    contexts = []
    for size, (width, height) in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(10_000)
        sign_in(page, server["url"], "alice")
        found[size] = page
        contexts.append(context)
    yield found
    for context in contexts:
        context.close()


def _shoot(page: Any, name: str, size: str) -> Path:
    path = SHOTS / f"{name}-{size}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.mark.parametrize("size", SIZES)
def test_the_plan_editor_has_no_axe_violations(
    pages: dict[str, Any], seeded: dict[str, str], size: str
) -> None:
    page = pages[size]
    page.goto(seeded["plan"] + "?q=pallof#add-exercise")
    assert page.locator("[data-testid=offer-pallof_press]").is_visible()
    page.locator("[data-testid=edit-prone_press_up] summary").click()
    assert violations(page) == []
    _shoot(page, "plan", size)


@pytest.mark.parametrize("size", SIZES)
def test_moving_an_item_with_the_keyboard_makes_a_new_version(
    pages: dict[str, Any], seeded: dict[str, str], size: str
) -> None:
    page = pages[size]
    page.goto(seeded["plan"])
    items = page.locator("[data-testid^=plan-item-]")
    first = items.first.get_attribute("data-testid")
    page.locator(f"[data-testid=down-{first.removeprefix('plan-item-')}]").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".msg.success")
    assert page.locator("[data-testid^=plan-item-]").nth(1).get_attribute("data-testid") == first
    seeded["plan"] = page.url.split("#")[0]  # the new latest version


@pytest.mark.parametrize("size", SIZES)
def test_the_episode_page_has_no_axe_violations(
    pages: dict[str, Any], seeded: dict[str, str], size: str
) -> None:
    page = pages[size]
    page.goto(seeded["episode"])
    assert page.locator("[data-testid=voided-assessment]").is_visible()
    assert page.locator("[data-testid=soap-notes] article").count() == 2
    page.locator(".void-form summary").first.click()
    assert violations(page) == []
    _shoot(page, "episode", size)


@pytest.mark.parametrize("size", SIZES)
def test_the_close_confirmation_has_no_axe_violations(
    pages: dict[str, Any], seeded: dict[str, str], size: str
) -> None:
    page = pages[size]
    page.goto(seeded["close"])
    assert violations(page) == []
    _shoot(page, "episode-close", size)


def test_closing_and_reopening_in_the_browser(
    pages: dict[str, Any], seeded: dict[str, str]
) -> None:
    page = pages["tablet"]
    page.goto(seeded["close"])
    page.check("[data-testid=outcome-discharged_improved]")
    page.click("[data-testid=close-confirm]")
    page.wait_for_selector("[data-testid=discharge]")
    _shoot(page, "episode-closed", "tablet")
    page.click("[data-testid=episode-reopen-open]")
    page.fill("#reopen-reason", "Pain came back after a long drive; same complaint.")
    page.click("[data-testid=episode-reopen]")
    page.wait_for_selector("[data-testid=reopened]")
    assert violations(page) == []
