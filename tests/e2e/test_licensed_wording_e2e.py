"""The clinic's licensed questionnaires in a real browser: Alice's settings pages and Pat's
phone page with the ODI and RMDQ in made-up wording, checked with axe-core and answered.
Screenshots (1024×768 and 390×844) go to test-artifacts/screenshots/wording-*.png."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .axe import violations
from .conftest import ARTIFACTS, _backpath, sign_in

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ.get("BACKPATH_SHOTS", ARTIFACTS / "screenshots"))
SIZES = [(1024, 768), (390, 844)]

_SETUP = """
import datetime as dt
from django.contrib.auth import get_user_model
from django.utils import timezone
from backpath.core.instruments import wording_shape
from backpath.web.audit.trail import Actor
from backpath.web.plans.actions import accept_plan
from backpath.web.assessments.actions import finish_assessment
from backpath.web.patients.actions import create_patient, open_episode
from backpath.web.programmes.actions import create_link
from backpath.web.questionnaires.actions import save_wording
from tests.web.conftest import extension_record
alice = get_user_model().objects.get(username="alice")
clinic = alice.profile.clinic
actor = Actor(user=alice, path="/e2e")
patient = create_patient(actor, clinic, {"name": "Pat Morgan", "sex": "female", "contact": "",
    "date_of_birth": dt.date(1990, 4, 12)})
episode = open_episode(actor, patient, "Low back pain", dt.date(2026, 11, 1))
assessment = finish_assessment(actor, episode, extension_record(), dt.date(2026, 11, 1))
plan = accept_plan(actor, assessment.plans.get())
days = plan.plan["review_after_days"]
type(plan).objects.filter(pk=plan.pk).update(accepted_at=timezone.now() - dt.timedelta(days=days))
for key in ("odi_2.1a", "rmdq_24"):
    shape = wording_shape(key)
    if shape.statements:
        items = [{"title": f"Section {n} title", "statements": [f"Section {n} item {c}"
                 for c in "ABCDEF"[: shape.statements]]} for n in range(1, shape.items + 1)]
    else:
        items = [{"text": f"Statement {n} made up for the test"} for n in range(1, shape.items + 1)]
    text = {"instructions": "Made-up instructions: choose what fits you today.", "items": items}
    save_wording(actor, clinic, key, text, licensed=True)
print(create_link(actor, plan)[1])
"""


@pytest.fixture(scope="module")
def token(server: dict[str, Any]) -> str:
    env = {**server["env"]}
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    made = subprocess.run(
        _backpath("manage", "shell", "-c", _SETUP),
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return made.stdout.strip().splitlines()[-1]


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"wording-{name}.png"), full_page=True)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_settings_pages_are_clean_for_axe(
    browser: Any, server: dict[str, Any], token: str, width: int, height: int
) -> None:
    base = server["url"]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    sign_in(page, base, "alice")
    page.goto(f"{base}/clinic/questionnaires/")
    assert page.locator("[data-testid=wording-status]").first.inner_text() == "offered to patients"
    _shot(page, f"list-{width}")
    assert violations(page) == []
    page.goto(f"{base}/clinic/questionnaires/odi_2.1a/")
    assert page.input_value("#id_item-1-statement-0") == "Section 1 item A"
    _shot(page, f"edit-{width}")
    assert violations(page) == []
    page.fill("#id_item-2-title", "")
    page.click("[data-testid=wording-save]")
    assert "Section 2: title: required" in page.inner_text("[data-testid=form-errors]")
    _shot(page, f"edit-error-{width}")
    assert violations(page) == []
    context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_patient_page_with_the_questionnaires_is_clean_for_axe_and_answers_are_saved(
    browser: Any, server: dict[str, Any], token: str, width: int, height: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{server['url']}/p/{token}/")
    section = page.locator("[data-testid='questionnaire-odi_2.1a']")
    assert "Section 1 item A" in section.inner_text()
    assert page.locator("[data-testid='questionnaire-rmdq_24']").is_visible()
    page.locator("#outcomes").scroll_into_view_if_needed()
    _shot(page, f"patient-{width}")
    assert violations(page) == []
    if width == SIZES[-1][0]:  # answer once, on the phone
        for n in range(1, 11):
            page.check(f"#odi-{n}-{n % 6}")
        page.check("#rmdq-3")
        page.click("[data-testid=outcomes-submit]")
        page.wait_for_selector("[data-testid=outcomes-saved]")
        _shot(page, "patient-saved")
    context.close()
