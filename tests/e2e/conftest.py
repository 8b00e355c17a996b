"""Browser tests: the real server (``backpath serve``, DEBUG off) on a free loopback
port with its own temporary SQLite database, driven by the system's Chromium through
Playwright. Playwright never downloads a browser: without /usr/bin/chromium the tests skip.

Alice (clinic admin) works at Harbour Physio and Charlie at Hillside Physio; both are created
in the server's database before it starts. Every page a test visits is saved as
``test-artifacts/screenshots/NN-name.png`` for checking by eye.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
PASSWORDS = {"alice": "alice-e2e-password-long", "charlie": "charlie-e2e-password-long"}
STARTUP_SECONDS = 60

_PERSONAS = f"""
from django.contrib.auth import get_user_model
from backpath.web.clinics.models import Clinic, Profile
for username, full, clinic, role in [
    ("alice", "Alice Shaw", "Harbour Physio", "admin"),
    ("charlie", "Charlie Singh", "Hillside Physio", "admin"),
]:
    first, last = full.split()
    user = get_user_model().objects.create_user(
        username, password={PASSWORDS!r}[username], first_name=first, last_name=last
    )
    place, _ = Clinic.objects.get_or_create(name=clinic)
    Profile.objects.create(user=user, clinic=place, role=role)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _backpath(*args: str) -> list[str]:
    return [sys.executable, "-m", "backpath.cli", *args]


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {STARTUP_SECONDS}s")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """``backpath serve`` on 127.0.0.1:<free port>; yields its base URL and log path."""
    tmp = tmp_path_factory.mktemp("e2e-server")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp / 'e2e.sqlite3'}",
        "SECRET_KEY": "e2e-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "false",
        "SSL_REDIRECT": "false",  # plain HTTP on loopback: no TLS to redirect to
        "STATIC_ROOT": str(tmp / "static"),
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(_backpath("manage", "migrate", "--no-input", "-v", "0"), env=env, check=True)
    subprocess.run(_backpath("manage", "shell", "-c", _PERSONAS), env=env, check=True)
    port, log = _free_port(), tmp / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            _backpath("serve", "--addr", f"127.0.0.1:{port}"),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base}/login/", process, log)
        yield {"url": base, "log": log, "env": env}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def shoot() -> Callable[[Any, str], Path]:
    """``shoot(page, "patient-list")`` saves the whole page as the next NN-name.png."""
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    counter = itertools.count(1)

    def save(page: Any, name: str) -> Path:
        path = SCREENSHOTS / f"{next(counter):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


def sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORDS[username])
    page.click("[data-testid=login-submit]")
    page.wait_for_url(f"{base}/patients/")
