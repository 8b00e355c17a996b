"""A red report reaches a person, in a real browser against the real server: the patient logs
red on their phone, the clinician's inbox and a local SMTP server both get it, and the clinician
acknowledges it with a note. The patient page's contact buttons and message form are checked
with axe-core. Screenshots (tablet and phone) go to test-artifacts/screenshots/inbox-*.png."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.smtp import Inbox, _free_port

from .axe import violations
from .conftest import _PERSONAS, ARTIFACTS, _backpath, _wait_until_up, sign_in

pytestmark = pytest.mark.e2e

SHOTS = ARTIFACTS / "screenshots"

_SETUP = """
import datetime as dt
from django.contrib.auth import get_user_model
from backpath.web.audit.trail import Actor
from backpath.web.plans.actions import accept_plan
from backpath.web.assessments.actions import finish_assessment
from backpath.web.patients.actions import create_patient, open_episode
from backpath.web.programmes.actions import create_link
from tests.web.conftest import extension_record
alice = get_user_model().objects.get(username="alice")
alice.email = "alice@harbour.example"
alice.save()
clinic = alice.profile.clinic
clinic.phone, clinic.email, clinic.emergency_number = "020 7946 0000", "desk@harbour.example", "999"
clinic.opening_hours = "Mon-Fri 8:00-18:00"
clinic.save()
actor = Actor(user=alice, path="/e2e")
patient = create_patient(actor, clinic, {"name": "Robin Hale", "sex": "female", "contact": "",
    "date_of_birth": dt.date(1980, 1, 2)})
episode = open_episode(actor, patient, "Low back pain", dt.date(2026, 11, 1))
assessment = finish_assessment(actor, episode, extension_record(), dt.date(2026, 11, 1))
plan = accept_plan(actor, assessment.plans.get())
print(create_link(actor, plan)[1])
"""


@pytest.fixture(scope="module")
def mailed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The server with a job worker (database queue) and email to a local SMTP server."""
    from aiosmtpd.controller import Controller

    smtp, smtp_port = Inbox(), _free_port()
    controller = Controller(smtp, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    tmp = tmp_path_factory.mktemp("e2e-inbox")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp / 'e2e.sqlite3'}",
        "SECRET_KEY": "e2e-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "false",
        "SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp / "static"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "TASKS_BACKEND": "database",
        "TASKS_POLL_SECONDS": "0.1",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    subprocess.run(_backpath("manage", "migrate", "--no-input", "-v", "0"), env=env, check=True)
    subprocess.run(_backpath("manage", "shell", "-c", _PERSONAS), env=env, check=True)
    made = subprocess.run(
        _backpath("manage", "shell", "-c", _SETUP),
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    token = made.stdout.strip().splitlines()[-1]
    port, log = _free_port(), tmp / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            _backpath("serve", "--addr", f"127.0.0.1:{port}", "--workers", "1"),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base}/login/", process, log)
        yield {"url": base, "log": log, "token": token, "smtp": smtp}
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        controller.stop()


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"inbox-{name}.png"), full_page=True)


def test_a_red_report_reaches_the_inbox_and_the_mail_server_and_is_acknowledged(
    browser: Any, mailed_server: dict[str, Any]
) -> None:
    base, token, smtp = mailed_server["url"], mailed_server["token"], mailed_server["smtp"]
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.goto(f"{base}/p/{token}/")
    contact = page.locator("[data-testid=clinic-contact]")
    assert contact.locator("a[href='tel:02079460000']").is_visible()
    assert page.locator("a[href='tel:999']").is_visible()
    assert violations(page) == []
    _shot(page, "patient-phone")
    first = page.locator("fieldset.ex-log").first  # red on one exercise
    first.locator("input[value=yes]").check()
    first.locator("select").select_option("spread_down_leg")
    page.check("input[name=emergency][value=no]")
    page.click("[data-testid=log-submit]")
    page.wait_for_selector("[data-testid=logged-red]")
    page.fill("#message", "The pain went down my leg after the second set.")
    page.click("[data-testid=message-submit]")
    page.wait_for_selector("[data-testid=message-sent]")
    phone.close()

    received = smtp.wait_for(2, seconds=30)
    assert [to for to, _ in received] == [["alice@harbour.example"]] * 2
    subjects = {message["Subject"] for _, message in received}
    assert subjects == {
        "backpath: A patient reported a red response on their home programme",
        "backpath: A patient sent you a message",
    }

    tablet = browser.new_context(viewport={"width": 1024, "height": 768})
    page = tablet.new_page()
    sign_in(page, base, "alice")
    assert page.locator("[data-testid=inbox-count]").inner_text() == "2"
    page.click("[data-testid=nav-inbox]")
    _shot(page, "list-tablet")
    page.click("[data-testid=inbox-entry-red] a")
    _shot(page, "detail-tablet")
    page.fill("#ack-note", "Phoned Robin; seen tomorrow at 9.")
    page.click("[data-testid=inbox-ack]")
    page.wait_for_url(f"{base}/inbox/")
    assert page.locator("[data-testid=inbox-count]").inner_text() == "1"
    page.goto(f"{base}/inbox/?all=1")
    assert "Phoned Robin; seen tomorrow at 9." in page.content()
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "list-phone")
    page.goto(f"{base}/clinic/settings/")
    assert page.locator("#id_emergency_number").input_value() == "999"
    assert violations(page) == []
    _shot(page, "clinic-settings-phone")
    page.set_viewport_size({"width": 1024, "height": 768})
    _shot(page, "clinic-settings-tablet")
    tablet.close()
