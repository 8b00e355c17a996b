"""Web test configuration and personas.

Alice (clinic admin) and Bob (clinician) work at Harbour Physio; Charlie at Hillside Physio.
Pat is Alice's patient. Factories build the rest through the same actions the views use.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backpath.web.settings")
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("SSL_REDIRECT", "false")  # the test client speaks plain HTTP
os.environ.setdefault("TASKS_BACKEND", "immediate")  # jobs run inside the test; see test_jobs.py
os.environ.setdefault("STATIC_ROOT", tempfile.mkdtemp(prefix="backpath-static-"))

import django
import pytest

django.setup()  # pytest-django found no settings before this conftest set them

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _empty_cache() -> Any:
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def extension_record(**changes: Any) -> dict[str, Any]:
    """An extension derangement: centralises with repeated extension in lying."""
    record: dict[str, Any] = {
        "schema": "backpath/assessment/1",
        "patient": {"age": 35, "sex": "female"},
        "history": {
            "duration_weeks": 2,
            "onset": "gradual",
            "pattern": "intermittent",
            "aggravating": ["sitting", "bending"],
            "easing": ["walking"],
        },
        "symptoms": [
            {"region": "back", "side": "central", "kind": "pain", "intensity": 6},
            {"region": "thigh", "side": "left", "kind": "pain", "intensity": 4},
        ],
        "tests": [
            {"test": "RFIS", "during": "peripheralise", "after": "worse"},
            {
                "test": "REIL",
                "during": "centralise",
                "after": "centralised",
                "mechanical": "increased_rom",
            },
        ],
        "instruments": {"nrs_back": 6, "nrs_leg": 4, "odi": [3, 2, 2, 3, 2, 1, 2, 0, 2, 1]},
        "current_treatments": ["hammy stretch", "walking"],
    }
    record.update(changes)
    return record


# a follow-up form of a patient doing better (back 2/10, no leg pain), as the page posts it
BETTER_FOLLOWUP = {
    "seen_on": "2026-11-12",
    "nrs_back": "2",
    "nrs_leg": "0",
    "response": "better",
    "adherence_percent": "90",
    "days_stable": "8",
    "sym-back-central": "2",
}

EXTENSION_FORM = {
    "action": "finish",
    "age": "35",
    "sex": "female",
    "duration_weeks": "2",
    "onset": "gradual",
    "pattern": "intermittent",
    "aggravating": ["sitting", "bending"],
    "easing": ["walking"],
    "sym-back-central": "6",
    "sym-back-central-kind": "pain",
    "sym-thigh-left": "4",
    "sym-thigh-left-kind": "pain",
    "test-RFIS-during": "peripheralise",
    "test-RFIS-after": "worse",
    "test-REIL-during": "centralise",
    "test-REIL-after": "centralised",
    "test-REIL-mechanical": "increased_rom",
    "nrs_back": "6",
    "nrs_leg": "4",
    "treatment-1": "hammy stretch",
}


@pytest.fixture
def harbour(db: Any) -> Any:
    from backpath.web.clinics.models import Clinic

    return Clinic.objects.create(name="Harbour Physio")


@pytest.fixture
def hillside(db: Any) -> Any:
    from backpath.web.clinics.models import Clinic

    return Clinic.objects.create(name="Hillside Physio")


def _user(username: str, clinic: Any, role: str = "clinician") -> Any:
    from django.contrib.auth import get_user_model

    from backpath.web.clinics.models import Profile

    user = get_user_model().objects.create_user(username, password=f"pw-{username}-long-enough")
    Profile.objects.create(user=user, clinic=clinic, role=role)
    return user


@pytest.fixture
def alice(harbour: Any) -> Any:
    return _user("alice", harbour, "admin")


@pytest.fixture
def bob(harbour: Any) -> Any:
    return _user("bob", harbour)


@pytest.fixture
def charlie(hillside: Any) -> Any:
    return _user("charlie", hillside, "admin")


def _client(user: Any) -> Any:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def as_alice(alice: Any) -> Any:
    return _client(alice)


@pytest.fixture
def as_bob(bob: Any) -> Any:
    return _client(bob)


@pytest.fixture
def as_charlie(charlie: Any) -> Any:
    return _client(charlie)


@pytest.fixture
def actor(alice: Any) -> Any:
    from backpath.web.audit.trail import Actor

    return Actor(user=alice, path="/tests", ip="127.0.0.1")


@pytest.fixture
def pat(actor: Any, harbour: Any) -> Any:
    import datetime as dt

    from backpath.web.patients.actions import create_patient

    return create_patient(
        actor,
        harbour,
        {
            "name": "Pat Morgan",
            "sex": "female",
            "contact": "",
            "date_of_birth": dt.date(1990, 4, 12),
        },
    )


@pytest.fixture
def episode(actor: Any, pat: Any) -> Any:
    import datetime as dt

    from backpath.web.patients.actions import open_episode

    return open_episode(actor, pat, "Low back pain", dt.date(2026, 11, 1))


@pytest.fixture
def make_assessment(actor: Any, episode: Any) -> Callable[..., Any]:
    import datetime as dt

    from backpath.web.assessments.actions import finish_assessment

    def make(**changes: Any) -> Any:
        return finish_assessment(actor, episode, extension_record(**changes), dt.date(2026, 11, 1))

    return make


@pytest.fixture
def assessment(make_assessment: Callable[..., Any]) -> Any:
    return make_assessment()


@pytest.fixture
def plan(assessment: Any) -> Any:
    return assessment.plans.get()


@pytest.fixture
def accepted_plan(actor: Any, plan: Any) -> Any:
    from backpath.web.plans.actions import accept_plan

    return accept_plan(actor, plan)


@pytest.fixture
def hep_link(actor: Any, accepted_plan: Any) -> tuple[Any, str]:
    from backpath.web.programmes.actions import create_link

    return create_link(actor, accepted_plan)
