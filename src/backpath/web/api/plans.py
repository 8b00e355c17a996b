"""Plan versions: read, accept, and edit through the core's gate (the pages' actions)."""

from __future__ import annotations

import uuid

from django.http import HttpResponse
from ninja import Router

from backpath.core.plan import EditError, OverrideRequired
from backpath.web.conflicts import VersionConflict
from backpath.web.patients.access import get_episode_for_user
from backpath.web.plans import actions
from backpath.web.plans.access import get_plan_for_user
from backpath.web.plans.models import PlanVersion
from backpath.web.requests import AuthedRequest

from . import idempotency
from .auth import actor_of
from .encoding import respond
from .preconditions import check_if_match, version_etag
from .problems import ApiProblem, Problem
from .schemas import ExerciseIn, PlanOut

router = Router(tags=["plans"])
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem}
UPDATE_ERRORS = {**ERRORS, 409: Problem, 412: Problem, 428: Problem}


def plan_etag(plan: PlanVersion) -> str:
    """Changes when a newer version appears or this one is accepted."""
    latest = actions.latest_plan(plan.episode)
    return version_etag(plan.number, latest.number if latest else 0, int(bool(plan.accepted_at)))


def _plan(plan: PlanVersion, status: int = 200) -> HttpResponse:
    location = f"/api/v1/plans/{plan.pk}" if status == 201 else ""
    return respond(status, PlanOut.from_orm(plan), plan_etag(plan), location)


def _guarded(request: AuthedRequest, plan_id: uuid.UUID) -> PlanVersion:
    plan = get_plan_for_user(request.user, plan_id)
    check_if_match(request, plan_etag(plan))
    return plan


@router.get("/episodes/{episode_id}/plans", response={200: list[PlanOut], **ERRORS})
def plan_list(request: AuthedRequest, episode_id: uuid.UUID) -> list[PlanVersion]:
    episode = get_episode_for_user(request.user, episode_id)
    return list(episode.plans.filter(voided_at__isnull=True))


@router.get("/plans/{plan_id}", response={200: PlanOut, **ERRORS})
def plan_detail(request: AuthedRequest, plan_id: uuid.UUID) -> HttpResponse:
    return _plan(get_plan_for_user(request.user, plan_id))


@router.post("/plans/{plan_id}/accept", response={200: PlanOut, **UPDATE_ERRORS})
def plan_accept(request: AuthedRequest, plan_id: uuid.UUID) -> HttpResponse:
    plan = _guarded(request, plan_id)
    try:
        return _plan(actions.accept_plan(actor_of(request), plan))
    except VersionConflict:
        raise ApiProblem(409, "Conflict", "A newer version of this plan exists.") from None


@router.post("/plans/{plan_id}/exercises", response={201: PlanOut, **UPDATE_ERRORS})
def plan_add_exercise(request: AuthedRequest, plan_id: uuid.UUID, data: ExerciseIn) -> HttpResponse:
    """A new plan version with the exercise; one that loads an avoided direction or meets a
    precaution needs a ``reason`` of a sentence (422 naming ``reason`` otherwise)."""

    def run() -> HttpResponse:
        plan = _guarded(request, plan_id)
        try:
            made = actions.add_exercise(actor_of(request), plan, data.code, data.reason)
        except OverrideRequired as exc:
            raise ApiProblem(
                422, "Reason required", str(exc), [{"field": "reason", "detail": f"reason: {exc}"}]
            ) from None
        return _edited(made)

    return idempotency.once(request, lambda: _edit(run))


@router.delete("/plans/{plan_id}/exercises/{code}", response={201: PlanOut, **UPDATE_ERRORS})
def plan_remove_exercise(request: AuthedRequest, plan_id: uuid.UUID, code: str) -> HttpResponse:
    """A new plan version without the exercise."""
    plan = _guarded(request, plan_id)
    return _edit(lambda: _edited(actions.remove_exercise(actor_of(request), plan, code)))


def _edited(plan: PlanVersion) -> HttpResponse:
    return _plan(plan, 201)


def _edit(run: object) -> HttpResponse:
    try:
        return run()  # type: ignore[operator]
    except EditError as exc:
        raise ApiProblem(
            422,
            "Cannot edit the plan",
            str(exc),
            [{"field": exc.field, "detail": f"{exc.field}: {exc}"}],
        ) from None
    except VersionConflict:
        raise ApiProblem(409, "Conflict", "A newer version of this plan exists.") from None
