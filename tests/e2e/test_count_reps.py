""" "Count my reps" on the patient's programme, in headless Chromium against the real server:
the committed Blender footage (``tests/camera/footage``) is fed as the camera's frames through
the page's test hook into the vendored pose model (the lite one: inference is slow here). The
count appears, goes into the session log and is stored when the patient saves; an empty scene
gives "could not count"; no request leaves the app's origin; the model is kept on first use so
counting works offline; axe finds nothing at 1024 and 390 px."""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from .axe import violations
from .conftest import SCREENSHOTS, _backpath

pytestmark = pytest.mark.e2e

FOOTAGE = Path(__file__).resolve().parents[1] / "camera" / "footage"
FLEXION = "flexion_in_standing"
EXTENSION = "standing_back_extension"
# Pat's programme: the extension plan, with flexion in standing and standing back extension.
_SETUP = """
import datetime as dt
from django.contrib.auth import get_user_model
from backpath.web.audit.trail import Actor
from backpath.web.assessments.actions import finish_assessment
from backpath.web.plans.actions import accept_plan, add_exercise
from backpath.web.patients.actions import create_patient, open_episode
from backpath.web.programmes.actions import create_link
from tests.web.conftest import extension_record
alice = get_user_model().objects.get(username="alice")
actor = Actor(user=alice, path="/e2e")
patient = create_patient(actor, alice.profile.clinic, {"name": "Pat Count", "sex": "female",
    "contact": "", "date_of_birth": dt.date(1980, 1, 2)})
episode = open_episode(actor, patient, "Low back pain", dt.date(2026, 11, 1))
plan = finish_assessment(actor, episode, extension_record(), dt.date(2026, 11, 1)).plans.get()
for code in ("standing_back_extension", "flexion_in_standing"):
    plan = add_exercise(actor, plan, code, "Counted with the camera in the browser test.")
print(create_link(actor, accept_plan(actor, plan))[1])
"""
# The camera, stubbed: every call is counted and refused, as when the patient says no.
_CAMERA_STUB = """
window.__cameraAsked = 0;
navigator.mediaDevices.getUserMedia = function () {
  window.__cameraAsked += 1;
  return Promise.reject(new DOMException("The patient said no", "NotAllowedError"));
};
"""


def frames(name: str) -> list[str]:
    """The sequence's frames as data: URLs (the page loads them without any request)."""
    truth = json.loads((FOOTAGE / name / "truth.json").read_text())
    return [
        "data:image/png;base64,"
        + base64.b64encode((FOOTAGE / name / f["file"]).read_bytes()).decode()
        for f in truth["frames"]
    ]


def reps_in_truth(name: str) -> int:
    return int(json.loads((FOOTAGE / name / "truth.json").read_text())["reps"])


def feed(page: Any, code: str, name: str) -> dict[str, Any]:
    summary: dict[str, Any] = page.evaluate(
        "([code, urls]) => window.backpathCount.feedFrames(code, urls)", [code, frames(name)]
    )
    return summary


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


def _stored_reps(server: dict[str, Any], code: str) -> list[tuple[int, int | None]]:
    database = server["env"]["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(database, timeout=30) as conn:
        query = "SELECT done, reps FROM programmes_exerciselog WHERE exercise = ? ORDER BY id"
        return conn.execute(query, (code,)).fetchall()


@pytest.fixture(scope="module")
def token(server: dict[str, Any]) -> str:
    return _token(server)


@pytest.fixture(scope="module")
def patient(browser: Any, server: dict[str, Any], token: str) -> Iterator[dict[str, Any]]:
    """Pat's programme page on a tablet-sized screen (the lite model fixed), with every
    request the page and its service worker make recorded."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    context.add_init_script(_CAMERA_STUB)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(f"{server['url']}/p/{token}/?model=lite")
    yield {"page": page, "requests": requests, "url": server["url"]}
    context.close()


def test_the_camera_is_asked_for_only_when_the_patient_taps(patient: dict[str, Any]) -> None:
    page = patient["page"]
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__cameraAsked") == 0  # opening the page asks for nothing
    assert not any("pose_landmark" in url for url in patient["requests"])  # nor loads the model
    page.evaluate(f"document.getElementById('ex-{FLEXION}').open = true")
    page.get_by_test_id(f"count-open-{FLEXION}").click()
    status = page.get_by_test_id(f"count-status-{FLEXION}")
    status.filter(has_text="The camera could not start").wait_for()
    assert page.evaluate("window.__cameraAsked") == 1
    assert "type the number in the log" in status.inner_text()
    assert page.get_by_test_id(f"count-open-{FLEXION}").inner_text() == "Try again"


@pytest.fixture(scope="module")
def runs(patient: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The coarse flexion sequence counted for flexion in standing, then the empty scene for
    standing back extension, each with the requests made while counting."""
    out: dict[str, dict[str, Any]] = {}
    for code, name in [(FLEXION, "side-flexion-coarse"), (EXTENSION, "empty")]:
        before = len(patient["requests"])
        out[name] = feed(patient["page"], code, name)
        out[name]["requests"] = patient["requests"][before:]
    return out


def test_it_counts_the_repetitions_exactly_against_the_target(
    patient: dict[str, Any], runs: dict[str, Any]
) -> None:
    page, coarse = patient["page"], runs["side-flexion-coarse"]
    assert coarse["measured"] is True and coarse["model"] == "lite"
    assert coarse["reps"] == reps_in_truth("side-flexion-coarse") == 3
    assert page.get_by_test_id(f"count-now-{FLEXION}").inner_text() == "3"
    live = page.locator(f"[data-testid=count-{FLEXION}] .count-live").inner_text()
    assert live == "Counted: 3 of 10"  # the prescribed 10 reps: the target
    assert page.get_by_test_id(f"count-total-{FLEXION}").inner_text() == "3 repetitions"
    assert page.get_by_test_id(f"count-open-{FLEXION}").inner_text() == "Count again"
    assert not page.get_by_test_id(f"count-stop-{FLEXION}").is_visible()  # no camera running


def test_an_empty_scene_could_not_be_counted(patient: dict[str, Any], runs: dict[str, Any]) -> None:
    page, empty = patient["page"], runs["empty"]
    assert empty["measured"] is False and empty["reps"] == 0
    unmeasured = page.get_by_test_id(f"count-unmeasured-{EXTENSION}")
    assert unmeasured.is_visible()
    assert "Could not count" in unmeasured.inner_text()
    assert "could not see your whole body" in unmeasured.inner_text()
    assert not page.get_by_test_id(f"count-use-{EXTENSION}").is_visible()


def test_no_request_leaves_the_apps_origin_while_counting(
    patient: dict[str, Any], runs: dict[str, Any]
) -> None:
    origin = urlparse(patient["url"]).netloc
    every = [u for run in runs.values() for u in run["requests"]] + patient["requests"]
    assert {urlparse(u).netloc for u in every if not u.startswith("data:")} == {origin}
    loaded = " ".join(runs["side-flexion-coarse"]["requests"])
    assert "vendor/mediapipe-pose/pose_landmark_lite.tflite" in loaded
    assert "pose_landmark_full" not in loaded


def test_the_open_counter_is_accessible_on_a_tablet_and_a_phone(
    patient: dict[str, Any], runs: dict[str, Any], shoot: Any
) -> None:
    page = patient["page"]
    for width, height in [(1024, 768), (390, 844)]:
        page.set_viewport_size({"width": width, "height": height})
        counter = page.get_by_test_id(f"count-{FLEXION}")
        counter.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"count-reps-{width}.png"))
        shoot(page, f"count-reps-page-{width}")
        assert violations(page) == [], width
    page.set_viewport_size({"width": 1024, "height": 768})


def test_the_count_goes_into_the_log_and_is_saved_with_it(
    patient: dict[str, Any], runs: dict[str, Any], server: dict[str, Any]
) -> None:
    page = patient["page"]
    before = _stored_reps(server, FLEXION)
    page.get_by_test_id(f"count-use-{FLEXION}").click()
    reps = page.locator(f"#reps-{FLEXION}")
    assert reps.input_value() == "3" and reps.is_editable()  # the patient may still change it
    assert page.is_checked(f"input[name=ex-{FLEXION}-done][value=yes]")
    assert "Added 3 to your log" in page.get_by_test_id(f"count-status-{FLEXION}").inner_text()
    page.select_option(f"#change-{FLEXION}", "decreased")
    page.check("input[name=emergency][value=no]")
    page.click("[data-testid=log-submit]")
    page.wait_for_selector("[data-testid=logged-green]")
    assert _stored_reps(server, FLEXION)[len(before) :] == [(1, 3)]


def _cached(page: Any) -> list[str]:
    """Every address the service worker's caches hold."""
    urls: list[str] = page.evaluate(
        """async () => {
          const out = [];
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) out.push(request.url);
          }
          return out;
        }"""
    )
    return urls


def test_the_model_is_kept_on_first_use_so_counting_works_offline(
    browser: Any, server: dict[str, Any], token: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{server['url']}/p/{token}/?model=lite")
    page.wait_for_selector("main[data-cached=yes]", timeout=30_000)  # the worker has its copy
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    kept = " ".join(_cached(page))
    assert "vendor/mediapipe-pose/pose.js" in kept  # the page's own script, kept up front
    assert ".tflite" not in kept and ".wasm" not in kept  # the model is not copied up front

    assert feed(page, EXTENSION, "empty")["measured"] is False  # first use: the model loads
    kept = " ".join(_cached(page))
    for name in ("pose_landmark_lite.tflite", "pose_solution_simd_wasm_bin.wasm"):
        assert f"vendor/mediapipe-pose/{name}" in kept, name

    context.set_offline(True)
    page.reload()
    assert page.locator("[data-testid=offline-note]").is_visible()
    offline = feed(page, FLEXION, "side-flexion-coarse")  # the model, from the kept copy
    assert offline["measured"] is True and offline["reps"] == 3
    context.close()
