"""The programme offline, in a real browser against the real server: the service worker keeps
the page; with the network gone the saved copy opens and says so, two sessions are logged
and queued on the phone, and when the phone is back online both arrive, once each.
Screenshots go to /work/shots/remind-13/ when that folder exists (tablet and phone)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import _backpath
from .test_inbox_e2e import _SETUP

pytestmark = pytest.mark.e2e
SHOTS = Path("/work/shots/remind-13")


def _token(server: dict[str, Any]) -> str:
    env = dict(server["env"])
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


def _sessions(server: dict[str, Any]) -> list[tuple[str, str]]:
    database = server["env"]["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(database, timeout=30) as conn:
        return conn.execute("SELECT client_key, light FROM programmes_sessionlog").fetchall()


def _log_green(page: Any) -> None:
    first = page.locator("fieldset.ex-log").first
    first.locator("input[value=yes]").check()
    first.locator("select").select_option("decreased")
    page.check("input[name=emergency][value=no]")
    page.click("[data-testid=log-submit]")


def _shoot(page: Any, name: str) -> None:
    if SHOTS.is_dir():
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("viewport", [(390, 844), (1024, 768)], ids=["phone", "tablet"])
def test_two_sessions_logged_offline_arrive_once_each_when_back_online(
    browser: Any, server: dict[str, Any], viewport: tuple[int, int]
) -> None:
    base, token = server["url"], _token(server)
    before = len(_sessions(server))
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    page.goto(f"{base}/p/{token}/")
    page.wait_for_selector("main[data-cached=yes]", timeout=30_000)  # the worker has its copy

    page.locator("[data-testid=reminders]").scroll_into_view_if_needed()
    _shoot(page, f"reminders-{viewport[0]}")
    context.set_offline(True)
    page.reload()
    assert page.locator("[data-testid=offline-note]").is_visible()  # a saved copy, and says so
    assert "last updated your programme on" in page.inner_text("[data-testid=offline-note]")
    _shoot(page, f"offline-{viewport[0]}")
    _log_green(page)
    _log_green(page)
    queued = page.locator("[data-testid=offline-queued]")
    assert queued.inner_text().startswith("2 sessions are saved on this phone")
    queued.scroll_into_view_if_needed()
    _shoot(page, f"offline-queued-{viewport[0]}")
    assert len(_sessions(server)) == before  # nothing reached the server yet

    context.set_offline(False)
    page.wait_for_selector("[data-testid=offline-queued]", state="hidden", timeout=30_000)
    page.reload()  # a second page load sends nothing again
    page.wait_for_timeout(500)
    arrived = _sessions(server)[before:]
    assert len(arrived) == 2 and all(light == "green" for _, light in arrived)
    assert len({key for key, _ in arrived}) == 2 and all(key for key, _ in arrived)
    context.close()
