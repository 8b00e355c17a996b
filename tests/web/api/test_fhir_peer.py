"""The episode Bundle is usable by a FHIR implementation nobody here wrote: Medplum's FHIR
router with its in-memory repository (npm packages pinned in tests/fhir_peer), run by Node.
It loads every resource of ``$everything`` as a transaction and then finds them by searching.

Skips without Node and the installed packages (``scripts/test`` installs them with ``npm ci``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import BETTER_FOLLOWUP

pytestmark = pytest.mark.django_db
PEER = Path(__file__).resolve().parents[2] / "fhir_peer"
NODE = shutil.which("node")


def _peer(bundle: dict[str, Any], tmp_path: Path, *queries: str) -> dict[str, Any]:
    if NODE is None or not (PEER / "node_modules" / "@medplum" / "fhir-router").is_dir():
        pytest.skip("node and tests/fhir_peer/node_modules (npm ci --prefix tests/fhir_peer)")
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle))
    done = subprocess.run(
        [NODE, str(PEER / "load_and_search.cjs"), str(path), *queries],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(json.loads(done.stdout))


def test_medplum_loads_the_episode_bundle_and_finds_it_by_searching(
    harbour_api: Any, as_alice: Any, accepted_plan: Any, tmp_path: Path
) -> None:
    from django.urls import reverse

    episode = accepted_plan.episode
    followup = BETTER_FOLLOWUP
    as_alice.post(reverse("episodes:followup_new", args=[episode.pk]), followup)
    pid = episode.patient.pk
    bundle = harbour_api("get", f"/fhir/Patient/{pid}/$everything").json()
    ours = {f"{e['resource']['resourceType']}/{e['resource']['id']}" for e in bundle["entry"]}
    nrs = f"Observation?subject=Patient/{pid}&code=72514-3"
    plans = f"CarePlan?subject=Patient/{pid}"
    conditions = f"Condition?subject=Patient/{pid}&code=http://snomed.info/sct|279039007"
    found = _peer(bundle, tmp_path, nrs, plans, conditions, f"ServiceRequest?subject=Patient/{pid}")
    assert set(found["loaded"]) == ours
    assert all(str(status).startswith("20") for status in found["loaded"].values()), found
    expected_nrs = {
        r for r in ours if r.startswith("Observation/") and r.endswith(("-nrs-back", "-nrs-leg"))
    }
    assert len(expected_nrs) == 4  # back and leg, at the first visit and the follow-up
    assert set(found["searches"][nrs]) == expected_nrs
    assert found["searches"][plans] == [f"CarePlan/{accepted_plan.pk}"]
    assert found["searches"][conditions] == [f"Condition/{accepted_plan.assessment.pk}"]
    requests = {r for r in ours if r.startswith("ServiceRequest/")}
    assert set(found["searches"][f"ServiceRequest?subject=Patient/{pid}"]) == requests
