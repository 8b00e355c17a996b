"""Every API endpoint that takes an id: Hillside's client gets a 404, as for a missing id."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

pytestmark = pytest.mark.django_db

# (method, path with {id}, which object's id, body)
ENDPOINTS = [
    ("get", "patients/{id}", "patient", None),
    ("put", "patients/{id}", "patient", {"name": "X", "date_of_birth": "1990-01-01"}),
    ("get", "patients/{id}/episodes", "patient", None),
    ("post", "patients/{id}/episodes", "patient", {"complaint": "LBP"}),
    ("get", "episodes/{id}", "episode", None),
    ("get", "episodes/{id}/assessments", "episode", None),
    ("post", "episodes/{id}/assessments", "episode", {"record": {}}),
    ("get", "episodes/{id}/followups", "episode", None),
    ("get", "episodes/{id}/outcomes", "episode", None),
    ("get", "episodes/{id}/links", "episode", None),
    ("post", "episodes/{id}/links", "episode", {}),
    ("get", "episodes/{id}/sessions", "episode", None),
    ("post", "episodes/{id}/close", "episode", {"discharge_outcome": "other"}),
    ("post", "episodes/{id}/reopen", "episode", {"reason": "x"}),
    ("post", "episodes/{id}/followups", "episode", {"record": {}}),
    ("get", "episodes/{id}/plans", "episode", None),
    ("get", "assessments/{id}", "assessment", None),
    ("get", "plans/{id}", "plan", None),
    ("post", "plans/{id}/accept", "plan", None),
    ("post", "plans/{id}/exercises", "plan", {"code": "dead_bug"}),
    ("delete", "plans/{id}/exercises/prone_press_up", "plan", None),
    ("get", "followups/{id}", "followup", None),
    ("post", "followups/{id}/accept", "followup", None),
    ("post", "links/{id}/revoke", "link", None),
]


@pytest.fixture
def objects(pat: Any, episode: Any, assessment: Any, accepted_plan: Any, actor: Any) -> Any:
    from backpath.web.followups import actions as followups

    data, _ = followups.followup_record(
        {"nrs_back": "4", "response": "better"}, episode, accepted_plan, episode.started_on
    )
    followup = followups.record_followup(actor, episode, accepted_plan, data, episode.started_on)
    from backpath.web.programmes.actions import create_link

    link, _ = create_link(actor, accepted_plan)
    return {
        "link": link,
        "patient": pat,
        "episode": episode,
        "assessment": assessment,
        "plan": accepted_plan,
        "followup": followup,
    }


def _path(template: str, value: Any) -> str:
    return template.replace("{id}", str(value))


@pytest.mark.parametrize(("method", "path", "kind", "body"), ENDPOINTS)
def test_hillside_gets_404_for_harbours_objects(
    hillside_api: Any, objects: Any, method: str, path: str, kind: str, body: Any
) -> None:
    from backpath.web.audit.models import AuditEntry

    quiet = ("api.call", "access.refused")  # the refusal itself is audited, nothing else
    before = AuditEntry.objects.exclude(action__in=quiet).count()
    response = hillside_api(method, _path(path, objects[kind].pk), body, if_match="*")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert str(objects["patient"].pk) not in response.content.decode()
    assert AuditEntry.objects.exclude(action__in=quiet).count() == before  # nothing written
    assert AuditEntry.objects.filter(action="access.refused").exists()


@pytest.mark.parametrize(("method", "path", "kind", "body"), ENDPOINTS)
def test_a_missing_id_is_a_404_too(
    harbour_api: Any, objects: Any, method: str, path: str, kind: str, body: Any
) -> None:
    response = harbour_api(method, _path(path, uuid.uuid4()), body, if_match="*")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "kind", "body"), [e for e in ENDPOINTS if e[0] == "get"]
)
def test_harbours_client_reads_its_clinics_objects(
    harbour_api: Any, objects: Any, method: str, path: str, kind: str, body: Any
) -> None:
    assert harbour_api(method, _path(path, objects[kind].pk)).status_code == 200


def test_hillside_does_not_find_pat_in_its_list(hillside_api: Any, pat: Any) -> None:
    body = hillside_api("get", "patients").json()
    assert body["count"] == 0 and body["items"] == []


def test_every_api_route_with_an_id_is_in_the_ownership_list(anonymous: Any) -> None:
    paths = anonymous("get", "openapi.json").json()["paths"]
    routes = set()
    for path, operations in paths.items():
        if "{" in path:
            for method in operations:
                routes.add((method, path.removeprefix("/api/v1/")))
    listed = set()
    for method, template, _, _ in ENDPOINTS:
        generic = template.replace("{id}", "ID").replace("prone_press_up", "{code}")
        listed.add((method, generic))
    id_routes = {(m, _generic(p)) for m, p in routes if not p.startswith("exercises/")}
    assert id_routes == listed


def _generic(path: str) -> str:
    import re

    return re.sub(r"\{\w+_id\}", "ID", path)
