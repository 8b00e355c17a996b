"""The clinician's forms in the browser: keyboard alone, an idle sign-out that loses nothing,
the warning with "stay signed in", no axe-core violations, and screenshots at tablet and phone
sizes (also copied to /work/shots/form-10/ when that folder can be made)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .axe import violations
from .conftest import PASSWORDS, sign_in

pytestmark = pytest.mark.e2e

Shoot = Callable[[Any, str], Path]
UK = {"locale": "en-GB", "timezone_id": "Europe/London"}
SIZES = {"tablet": (1024, 768), "phone": (390, 844)}
SHOTS = Path("/work/shots/form-10")


def _copy(path: Path) -> None:
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SHOTS / path.name)
    except OSError:  # not on the project's machine
        pass


def _age_sessions(server: dict[str, Any], seconds: int) -> None:
    """Move every session's last activity back by ``seconds`` (in the server's database)."""
    code = (
        "import time\n"
        "from django.contrib.sessions.models import Session\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "for row in Session.objects.all():\n"
        "    s = SessionStore(session_key=row.session_key)\n"
        "    if 'backpath_last_seen' in s:\n"
        f"        s['backpath_last_seen'] = time.time() - {seconds}\n"
        "        s.save()\n"
    )
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{server['log'].parent / 'e2e.sqlite3'}",
        "SECRET_KEY": "e2e-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "false",
        "SSL_REDIRECT": "false",
        "STATIC_ROOT": str(server["log"].parent / "static"),
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, "-m", "backpath.cli", "manage", "shell", "-c", code]
    subprocess.run(command, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def tablet(browser: Any, server: dict[str, Any]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1024, "height": 768}, **UK)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, server["url"], "alice")
    yield page
    context.close()


def _autosave_with(name: str, value: str) -> Callable[[Any], bool]:
    """An autosave response whose form had ``value`` in the field ``name``."""

    def matches(response: Any) -> bool:
        body = (response.request.post_data or "").replace("\r\n", "\n")
        return "/drafts/autosave/" in response.url and f'name="{name}"\n\n{value}\n' in body

    return matches


def _new_assessment(page: Any, server: dict[str, Any], name: str) -> str:
    page.goto(f"{server['url']}/patients/new/")
    page.fill("#id_name", name)
    page.fill("#id_date_of_birth", "1980-01-02")
    page.check("input[name=sex][value=male]")
    page.click("[data-testid=patient-save-assess]")
    page.wait_for_selector("[data-testid=assessment-form]")
    return str(page.url)


def test_the_assessment_form_works_with_the_keyboard_alone(
    tablet: Any, server: dict[str, Any]
) -> None:
    _new_assessment(tablet, server, "Kim Keys")
    tablet.focus("#f-duration_weeks")
    tablet.keyboard.type("3")
    tablet.keyboard.press("Tab")  # the onset button group is one Tab stop
    focused = tablet.evaluate("document.activeElement.name")
    assert focused == "onset", focused
    tablet.keyboard.press("ArrowRight")  # blank → gradual
    assert tablet.is_checked("#f-onset-gradual")
    tablet.keyboard.press("Tab")
    assert tablet.evaluate("document.activeElement.id") == "f-previous_episodes"
    tablet.keyboard.press("Control+Enter")
    tablet.wait_for_selector("[data-testid=classification]")


def test_what_was_typed_survives_an_idle_sign_out_in_the_browser(
    browser: Any, server: dict[str, Any], shoot: Shoot
) -> None:
    context = browser.new_context(viewport={"width": 1024, "height": 768}, **UK)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        sign_in(page, server["url"], "alice")
        form = _new_assessment(page, server, "Ida Idle")
        page.fill("#f-duration_weeks", "2")
        page.check("#f-onset-gradual")
        page.check("input[name=aggravating][value=sitting]")
        page.fill("#f-sym-back-central", "6")
        page.check("#f-test-REIL-during-centralise")
        with page.expect_response(
            _autosave_with("treatment-1", "walking"), timeout=30_000
        ) as saved:
            page.fill("#f-treatment-1", "walking")  # the last change: its autosave has all
        assert saved.value.ok
        _age_sessions(server, 3600)  # an hour without activity
        page.goto(form)
        assert "/login/" in page.url and "next=" in page.url
        page.fill("#id_username", "alice")
        page.fill("#id_password", PASSWORDS["alice"])
        page.click("[data-testid=login-submit]")
        page.wait_for_selector("[data-testid=draft-restored]")
        assert page.url == form
        assert page.input_value("#f-duration_weeks") == "2"
        assert page.is_checked("#f-onset-gradual")
        assert page.is_checked("input[name=aggravating][value=sitting]")
        assert page.input_value("#f-sym-back-central") == "6"
        assert page.is_checked("#f-test-REIL-during-centralise")
        assert page.is_checked("#f-test-REIL-after-no_effect")  # the row's default
        assert page.input_value("#f-treatment-1") == "walking"
        _copy(shoot(page, "form-restored-after-sign-out"))
    finally:
        context.close()


def test_two_minutes_before_the_sign_out_a_warning_offers_to_stay(
    browser: Any, server: dict[str, Any], shoot: Shoot
) -> None:
    context = browser.new_context(viewport={"width": 1024, "height": 768}, **UK)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        sign_in(page, server["url"], "alice")
        page.clock.install()
        _new_assessment(page, server, "Wes Warning")
        assert page.is_hidden("[data-idle-warning]")
        page.clock.run_for(900_000 - 110_000)  # the server's default idle limit, less 110 s
        page.wait_for_selector("[data-idle-warning]", state="visible")
        _copy(shoot(page, "form-idle-warning"))
        with page.expect_response("**/drafts/keepalive/") as kept:
            page.click("[data-testid=stay-signed-in]")
        assert kept.value.json()["idle_left"] >= 890
        page.clock.run_for(2_000)
        assert page.is_hidden("[data-idle-warning]")
    finally:
        context.close()


def _pages(page: Any, server: dict[str, Any], name: str) -> Iterator[tuple[str, Any]]:
    """The assessment form, its result and the follow-up form, for one new patient."""
    _new_assessment(page, server, name)
    yield "assessment-form", page
    page.fill("#f-duration_weeks", "2")
    page.check("#f-test-REIL-during-centralise")
    page.check("#f-test-REIL-after-centralised")
    page.check("#f-test-RFIS-during-peripheralise")
    page.check("#f-test-RFIS-after-worse")
    page.fill("#f-sym-back-central", "6")
    page.click("[data-testid=assessment-finish]")
    page.wait_for_selector("[data-testid=classification]")
    yield "assessment-result", page
    page.click("[data-testid=result-accept-give]")
    page.wait_for_selector("[data-testid=new-link] a")
    episode = page.locator("a[href^='/episodes/']").first.get_attribute("href")
    page.goto(f"{server['url']}{episode}followups/new/")
    page.wait_for_selector("[data-testid=followup-form]")
    yield "followup-form", page


_WIDER_THAN_THE_SCREEN = """[...document.querySelectorAll('main *')]
  .filter((e) => e.getBoundingClientRect().right > innerWidth + 1).slice(0, 8)
  .map((e) => `${e.tagName}.${e.className}#${e.id}`)"""


@pytest.mark.parametrize("size", list(SIZES))
def test_the_forms_and_the_result_have_no_axe_violations(
    browser: Any, server: dict[str, Any], shoot: Shoot, size: str
) -> None:
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, **UK)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        sign_in(page, server["url"], "alice")
        found = {}
        for name, shown in _pages(page, server, f"Axel {size.capitalize()}"):
            _copy(shoot(shown, f"{name}-{size}"))
            found[name] = violations(shown)
            wide = shown.evaluate(_WIDER_THAN_THE_SCREEN)
            assert shown.evaluate("document.documentElement.scrollWidth") <= width + 1, (name, wide)
        assert found == {name: [] for name in found}
    finally:
        context.close()
