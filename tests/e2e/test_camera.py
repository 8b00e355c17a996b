"""Camera-assisted repeated movements in the real page: the committed Blender footage
(``tests/camera/footage``, made by ``scripts/camera/render_mannequin.py``) is fed through
the page's test hook into the vendored pose model, in headless Chromium, with no network."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from .axe import violations
from .conftest import sign_in

pytestmark = pytest.mark.e2e

FOOTAGE = Path(__file__).resolve().parents[1] / "camera" / "footage"
FRAMES = "/__footage__/"  # served to the page by the test, under the app's own origin


def truth(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FOOTAGE / name / "truth.json").read_text())
    return data


def _serve_footage(route: Any) -> None:
    rel = urlparse(route.request.url).path.removeprefix(FRAMES)
    route.fulfill(path=str(FOOTAGE / rel), content_type="image/png")


@pytest.fixture(scope="module")
def clinic(browser: Any, server: dict[str, Any]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    page.route(f"**{FRAMES}**", _serve_footage)
    sign_in(page, server["url"], "alice")
    yield page
    context.close()


def measure(page: Any, base: str, test: str, name: str, model: str = "") -> dict[str, Any]:
    """Open the camera page for ``test`` and feed it every frame of sequence ``name``
    (``model`` "full" or "lite" fixes the model; else the page picks by speed)."""
    page.goto(f"{base}/camera/{test}/" + (f"?model={model}" if model else ""))
    urls = [f"{FRAMES}{name}/{f['file']}" for f in truth(name)["frames"]]
    summary: dict[str, Any] = page.evaluate("urls => window.backpathCamera.feedFrames(urls)", urls)
    return summary


@pytest.fixture(scope="module")
def runs(clinic: Any, server: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every committed sequence measured once (inference takes about a second a frame here),
    with every request the page made while measuring."""
    out: dict[str, dict[str, Any]] = {}
    for test, name, model in [  # accuracy on the full model; the lite one under-reads
        ("REIS", "side-extension-dense", "full"),
        ("RFIS", "side-flexion-dense", "full"),
        ("FIS", "side-flexion-coarse", ""),
        ("RFIS", "offside35-flexion", ""),
        ("REIS", "empty", ""),
    ]:
        requests: list[str] = []

        def seen(request: Any, into: list[str] = requests) -> None:
            into.append(request.url)

        clinic.on("request", seen)
        out[name] = measure(clinic, server["url"], test, name, model)
        out[name]["requests"] = requests
        clinic.remove_listener("request", seen)
    return out


@pytest.mark.parametrize(
    "name", ["side-extension-dense", "side-flexion-dense", "side-flexion-coarse"]
)
def test_it_counts_the_repetitions_exactly(runs: dict[str, Any], name: str) -> None:
    assert runs[name]["measured"] is True
    assert runs[name]["reps"] == truth(name)["reps"]


@pytest.mark.parametrize("name", ["side-extension-dense", "side-flexion-dense"])
def test_the_trunk_angle_is_within_5_degrees_of_the_truth_side_on(
    runs: dict[str, Any], name: str
) -> None:
    measured = runs[name]["angles"]
    real = [f["trunk_deg"] for f in truth(name)["frames"]]
    pairs = [(m, r) for m, r in zip(measured, real, strict=True) if m is not None]
    assert len(pairs) >= 0.9 * len(real)
    worst = max(abs(m - r) for m, r in pairs)
    assert worst <= 5, f"worst error {worst:.1f}° in {pairs}"
    assert runs[name]["model"] == "full"
    peaks = [abs(p) for p in truth(name)["rep_peaks_deg"]]
    assert runs[name]["rep_peaks_deg"] == pytest.approx(peaks, abs=5)


def test_it_suggests_the_mechanical_response_from_the_core(runs: dict[str, Any]) -> None:
    assert runs["side-extension-dense"]["suggestion"]["mechanical"] == "increased_rom"
    assert runs["side-flexion-dense"]["suggestion"]["mechanical"] == "decreased_rom"
    assert runs["side-flexion-coarse"]["suggestion"]["mechanical"] == "no_effect"
    assert runs["side-flexion-dense"]["suggestion"]["rule"] == "CAM1"


def test_it_warns_when_the_camera_is_35_degrees_off_the_side(runs: dict[str, Any]) -> None:
    assert "off_side" in runs["offside35-flexion"]["warnings"]
    assert runs["offside35-flexion"]["why"] == "the camera was not side-on"
    assert runs["offside35-flexion"]["measured"] is False
    for name in ("side-extension-dense", "side-flexion-dense", "side-flexion-coarse"):
        assert "off_side" not in runs[name]["warnings"], name


def test_a_slow_device_switches_to_the_lite_model(runs: dict[str, Any]) -> None:
    coarse, full = runs["side-flexion-coarse"], runs["side-flexion-dense"]
    assert (coarse["model"] == "lite") == ("slow" in coarse["warnings"])
    if full["ms_per_frame"] > 150:  # the full model measured slow here: the page must switch
        assert coarse["model"] == "lite"


def test_it_could_not_measure_an_empty_scene(runs: dict[str, Any]) -> None:
    empty = runs["empty"]
    assert empty["measured"] is False and empty["first_deg"] is None
    assert all(a is None for a in empty["angles"])


def test_no_request_leaves_the_apps_origin_during_a_measurement(
    runs: dict[str, Any], server: dict[str, Any]
) -> None:
    origin = urlparse(server["url"]).netloc
    for name, run in runs.items():
        assert run["requests"], name
        assert {urlparse(u).netloc for u in run["requests"]} == {origin}, name
    loaded = " ".join(runs["side-extension-dense"]["requests"])
    assert "vendor/mediapipe-pose/pose_solution_simd_wasm_bin.wasm" in loaded


def test_the_page_shows_the_result_says_what_it_measures_and_is_accessible(
    clinic: Any, server: dict[str, Any], runs: dict[str, Any], shoot: Any
) -> None:
    page = clinic
    measure(page, server["url"], "FIS", "side-flexion-coarse")
    assert page.get_by_test_id("cam-reps-total").inner_text() == "3"
    assert "not" in page.get_by_test_id("cam-what").inner_text()
    assert "lumbar range" in page.get_by_test_id("cam-what").inner_text()
    shoot(page, "camera-result")
    assert violations(page) == []
    measure(page, server["url"], "REIS", "empty")
    assert page.get_by_test_id("cam-unmeasured").is_visible()
    assert "Could not measure" in page.get_by_test_id("cam-unmeasured").inner_text()
    assert not page.get_by_test_id("cam-suggested").is_visible()
    assert violations(page) == []


def test_the_camera_page_alone_may_run_webassembly_and_use_the_camera(
    clinic: Any, server: dict[str, Any]
) -> None:
    camera = clinic.request.get(f"{server['url']}/camera/REIS/")
    assert "'wasm-unsafe-eval'" in camera.headers["content-security-policy"]
    assert camera.headers["permissions-policy"].startswith("camera=(self)")
    other = clinic.request.get(f"{server['url']}/patients/")
    assert "wasm" not in other.headers["content-security-policy"]
    assert other.headers["permissions-policy"].startswith("camera=()")


def open_assessment_form(page: Any, base: str, name: str) -> None:
    """A new patient and episode, then the assessment form."""
    page.goto(f"{base}/patients/")
    page.click("[data-testid=patient-new]")
    page.fill("#id_name", name)
    page.fill("#id_date_of_birth", "1980-05-02")
    page.check("input[name=sex][value=male]")  # a button group since the fast-entry form
    page.click("[data-testid=patient-save]")
    page.wait_for_selector("[data-testid=patient-name]")
    page.fill("#id_started_on", date.today().isoformat())
    page.click("[data-testid=episode-form] button[type=submit]")
    page.click("[data-testid=assessment-new]")
    page.wait_for_selector("[data-testid=test-grid]")


def test_the_clinician_measures_from_the_form_and_overrides_the_suggestion(
    clinic: Any, server: dict[str, Any], shoot: Any
) -> None:
    base = server["url"]
    open_assessment_form(clinic, base, "Sam Camera")
    row = clinic.get_by_test_id("test-FIS")
    shoot(clinic, "camera-form-row")
    with clinic.context.expect_page() as opened:
        clinic.get_by_test_id("camera-FIS").click()
    camera = opened.value
    camera.route(f"**{FRAMES}**", _serve_footage)
    camera.wait_for_load_state()
    urls = [
        f"{FRAMES}side-flexion-coarse/{f['file']}" for f in truth("side-flexion-coarse")["frames"]
    ]
    camera.evaluate("urls => window.backpathCamera.feedFrames(urls)", urls)
    assert camera.get_by_test_id("cam-mechanical").input_value() == "no_effect"
    camera.get_by_test_id("cam-mechanical").select_option("increased_rom")  # the override
    camera.get_by_test_id("cam-use").click()
    row.locator("[data-camera-summary]").filter(has_text="Camera: 3 reps").wait_for()
    assert clinic.input_value("[name=test-FIS-camera-reps]") == "3"
    assert float(clinic.input_value("[name=test-FIS-camera-last_deg]")) > 10
    assert clinic.input_value("[name=test-FIS-mechanical]") == "increased_rom"
    assert clinic.input_value("[name=test-FIS-reps]") == "3"
    camera.close()
