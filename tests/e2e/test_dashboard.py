"""The clinic dashboard in the browser: with a season of outcomes in Alice's clinic, it is
axe-clean and readable on a tablet (1024×768) and a phone (390×844)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .axe import violations
from .conftest import _backpath, sign_in

pytestmark = pytest.mark.e2e

Shoot = Callable[[Any, str], Path]
UK = {"locale": "en-GB", "timezone_id": "Europe/London"}

# Summary rows as the app keeps them: 12 extension derangements, 6 with no DP found, 2 postural.
_OUTCOMES = """
import datetime as dt
from django.contrib.auth import get_user_model
from backpath.web.analytics.models import EpisodeSummary
from backpath.web.patients.models import Episode, Patient
alice = get_user_model().objects.get(username="alice")
clinic = alice.profile.clinic
groups = [("derangement", "extension", "extension", 12, 6, 2, 80),
          ("other", "", "", 6, 6, 5, 40), ("postural", "", "", 2, 4, 1, 90)]
for syndrome, subgroup, dp, count, base, last, adherence in groups:
    for n in range(count):
        patient = Patient.objects.create(clinic=clinic, name=f"Dash {syndrome} {n}",
                                         date_of_birth=dt.date(1970 + n, 1, 1))
        start = dt.date(2026, 9, 1) + dt.timedelta(days=5 * n)
        episode = Episode.objects.create(patient=patient, complaint="Low back pain",
                                         started_on=start, created_by=alice)
        EpisodeSummary.objects.create(
            episode=episode, clinic=clinic, clinician=alice, started_on=start,
            assessed_on=start, syndrome=syndrome, subgroup=subgroup, dp=dp,
            dp_centralised=(n % 3 != 0) if dp else None, visits=3 + n % 3,
            base_nrs_back=base, last_nrs_back=last + n % 2, mcid_nrs_back=base - last >= 2,
            days_mcid_nrs_back=7 * (1 + n % 3) if base - last >= 2 else None,
            base_odi=40.0, last_odi=40.0 - 2 * n, mcid_odi=2 * n >= 10,
            base_nrs_leg=4, last_nrs_leg=1, mcid_nrs_leg=True, days_mcid_nrs_leg=14,
            adherence=adherence - n, adherence_source="patient",
            referral_urgency="soon" if n == 0 else "none")
from backpath.web.analytics.groups import rebuild_groups
rebuild_groups()  # at once, rather than when the server's job worker gets to them
"""


@pytest.fixture(scope="module")
def outcomes(server: dict[str, Any]) -> None:
    shell = _backpath("manage", "shell", "-c", _OUTCOMES)
    subprocess.run(shell, env=server["env"], check=True)


@pytest.mark.parametrize(("width", "height", "name"), [(1024, 768, "tablet"), (390, 844, "phone")])
def test_the_dashboard_is_axe_clean_and_fits_the_screen(
    browser: Any, server: dict[str, Any], outcomes: None, shoot: Shoot, width: int, height: int,
    name: str,
) -> None:  # fmt: skip
    context = browser.new_context(viewport={"width": width, "height": height}, **UK)
    page = context.new_page()
    try:
        sign_in(page, server["url"], "alice")
        page.click("[data-testid=nav-dashboard]")
        page.wait_for_selector("[data-testid=outcomes-nrs_back] svg")
        shoot(page, f"dashboard-{name}")
        assert "derangement (extension), DP extension" in page.inner_text("main")
        assert page.locator("[data-testid=outcomes-nrs_back] tbody tr").count() >= 3
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert violations(page) == []
    finally:
        context.close()
