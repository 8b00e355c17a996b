"""Every shared vignette passes through the Python API (the CLI run is in scripts/test)."""

from __future__ import annotations

import importlib.util
import json
import pathlib

import pytest

from backpath.core import assess, follow_up, parse_assessment, parse_followup
from tests.conftest import SHARED_CASES

CASES = (  # version 1 cases and the version 2 ones (clinical rules v2) beside them
    sorted([*SHARED_CASES.glob("*.json"), *SHARED_CASES.glob("v2/*.json")])
    if SHARED_CASES.is_dir()
    else []
)


def _checker():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("check_cases", SHARED_CASES / "check_cases.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not CASES, reason="../shared/cases not beside the repo")
@pytest.mark.parametrize(
    "path", CASES, ids=lambda p: f"{pathlib.Path(p).parent.name}/{pathlib.Path(p).stem}"
)
def test_the_shared_case_passes(path: pathlib.Path) -> None:
    checker = _checker()
    case = json.loads(path.read_text())
    if "followup" in case:
        out = follow_up(case["previous"], parse_followup(case["followup"]))
        errors = checker.check_followup(case, out)
    else:
        out = assess(parse_assessment(case["assessment"]))
        errors = checker.check(case, out)
    assert errors == []
