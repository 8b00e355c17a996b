"""Patients and their episodes: the pages' access helpers and actions, as JSON."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.http import HttpResponse
from ninja import Query, Router

from backpath.core.plan import EditError
from backpath.web.clinics.access import clinic_of
from backpath.web.conflicts import VersionConflict
from backpath.web.patients import actions
from backpath.web.patients.access import get_episode_for_user, get_patient_for_user
from backpath.web.patients.access import patients_for_user as _patients_for_user
from backpath.web.patients.models import Episode, Patient
from backpath.web.requests import AuthedRequest

from . import idempotency
from .auth import actor_of
from .encoding import respond
from .filters import PageQuery
from .preconditions import check_if_match, version_etag
from .problems import ApiProblem, Problem
from .schemas import (
    EpisodeCloseIn,
    EpisodeIn,
    EpisodeOut,
    EpisodeReopenIn,
    PatientIn,
    PatientOut,
    PatientPage,
)
from .visits import visit_day

router = Router(tags=["patients"])
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem}


def _patient(patient: Patient, status: int = 200) -> HttpResponse:
    location = f"/api/v1/patients/{patient.pk}" if status == 201 else ""
    body = PatientOut.from_orm(patient)
    return respond(status, body, version_etag(patient.version), location)


@router.get("/patients", response={200: PatientPage, **ERRORS})
def patient_list(request: AuthedRequest, page: Query[PageQuery]) -> HttpResponse:
    found = page.created(_patients_for_user(request.user), "created_at")
    if page.q:
        found = found.filter(name__icontains=page.q)
    items = [PatientOut.from_orm(p) for p in found[page.offset : page.offset + page.limit]]
    body = PatientPage(count=found.count(), limit=page.limit, offset=page.offset, items=items)
    return respond(200, body)


@router.post("/patients", response={201: PatientOut, **ERRORS})
def patient_create(request: AuthedRequest, data: PatientIn) -> HttpResponse:
    def run() -> HttpResponse:
        actor = actor_of(request)
        patient = actions.create_patient(actor, clinic_of(request.user), data.dict())
        return _patient(patient, 201)

    return idempotency.once(request, run)


@router.get("/patients/{patient_id}", response={200: PatientOut, **ERRORS})
def patient_detail(request: AuthedRequest, patient_id: uuid.UUID) -> HttpResponse:
    return _patient(get_patient_for_user(request.user, patient_id))


@router.put(
    "/patients/{patient_id}",
    response={200: PatientOut, 409: Problem, 412: Problem, 428: Problem, **ERRORS},
)
def patient_update(request: AuthedRequest, patient_id: uuid.UUID, data: PatientIn) -> HttpResponse:
    patient = get_patient_for_user(request.user, patient_id)
    check_if_match(request, version_etag(patient.version))
    try:
        actions.update_patient(actor_of(request), patient, data.dict(), patient.version)
    except VersionConflict:
        raise ApiProblem(409, "Conflict", VersionConflict.message) from None
    return _patient(patient)


@router.get("/patients/{patient_id}/episodes", response={200: list[EpisodeOut], **ERRORS})
def episode_list(request: AuthedRequest, patient_id: uuid.UUID) -> list[EpisodeOut]:
    patient = get_patient_for_user(request.user, patient_id)
    return [EpisodeOut.from_orm(e) for e in patient.episodes.all()]


@router.post("/patients/{patient_id}/episodes", response={201: EpisodeOut, **ERRORS})
def episode_create(request: AuthedRequest, patient_id: uuid.UUID, data: EpisodeIn) -> HttpResponse:
    patient = get_patient_for_user(request.user, patient_id)

    def run() -> HttpResponse:
        started = visit_day(data.started_on, "started_on")
        episode = actions.open_episode(actor_of(request), patient, data.complaint, started)
        return respond(201, EpisodeOut.from_orm(episode), location=f"/api/v1/episodes/{episode.pk}")

    return idempotency.once(request, run)


@router.get("/episodes/{episode_id}", response={200: EpisodeOut, **ERRORS})
def episode_detail(request: AuthedRequest, episode_id: uuid.UUID) -> EpisodeOut:
    return EpisodeOut.from_orm(get_episode_for_user(request.user, episode_id))


def _episode_edit(run: Callable[[], Episode]) -> EpisodeOut:
    try:
        return EpisodeOut.from_orm(run())
    except EditError as exc:
        detail = f"{exc.field}: {exc}"
        raise ApiProblem(
            422, "Cannot change the episode", detail, [{"field": exc.field, "detail": detail}]
        ) from None


@router.post("/episodes/{episode_id}/close", response={200: EpisodeOut, **ERRORS})
def episode_close(
    request: AuthedRequest, episode_id: uuid.UUID, data: EpisodeCloseIn
) -> EpisodeOut:
    """Close with a discharge outcome (closing a closed episode changes nothing)."""
    episode = get_episode_for_user(request.user, episode_id)
    day = visit_day(data.closed_on, "closed_on")
    return _episode_edit(
        lambda: actions.close_episode(
            actor_of(request), episode, day, data.discharge_outcome, data.discharge_note
        )
    )


@router.post("/episodes/{episode_id}/reopen", response={200: EpisodeOut, **ERRORS})
def episode_reopen(
    request: AuthedRequest, episode_id: uuid.UUID, data: EpisodeReopenIn
) -> EpisodeOut:
    """Reopen a closed episode with a typed reason (the outcome it had stays in the audit)."""
    episode = get_episode_for_user(request.user, episode_id)
    return _episode_edit(lambda: actions.reopen_episode(actor_of(request), episode, data.reason))


__all__ = ["router"]
