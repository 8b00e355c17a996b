"""Assessments (a ``backpath/assessment/1`` record → the core's result) and follow-ups
(→ progression), through the pages' one write path."""

from __future__ import annotations

import uuid

from django.http import HttpResponse
from ninja import Router

from backpath.web.assessments import actions
from backpath.web.assessments.access import get_assessment_for_user
from backpath.web.assessments.models import Assessment
from backpath.web.conflicts import VersionConflict
from backpath.web.followups import actions as followups
from backpath.web.followups.access import get_followup_for_user
from backpath.web.followups.models import FollowUp
from backpath.web.patients.access import get_episode_for_user
from backpath.web.plans.actions import current_plan
from backpath.web.requests import AuthedRequest

from . import idempotency
from .auth import actor_of
from .encoding import respond
from .problems import ApiProblem, Problem, field_errors
from .schemas import AssessmentIn, AssessmentOut, FollowUpIn, FollowUpOut, PlanOut
from .visits import visit_day

router = Router(tags=["assessments"])
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem}


def record_problem(messages: list[str]) -> ApiProblem:
    return ApiProblem(400, "The record is not valid", "; ".join(messages), field_errors(messages))


def _assessment(a: Assessment) -> AssessmentOut:
    plans = [p.pk for p in a.plans.order_by("number")]
    return AssessmentOut(
        id=a.pk,
        episode_id=a.episode_id,
        status=a.status,
        assessed_on=a.assessed_on,
        record=a.record,
        result=a.result,
        plan_ids=plans,
        voided_at=a.voided_at,
        void_reason=a.void_reason,
    )


@router.get("/episodes/{episode_id}/assessments", response={200: list[AssessmentOut], **ERRORS})
def assessment_list(request: AuthedRequest, episode_id: uuid.UUID) -> list[AssessmentOut]:
    episode = get_episode_for_user(request.user, episode_id)
    finished = episode.assessments.filter(status=Assessment.Status.FINAL, voided_at__isnull=True)
    return [_assessment(a) for a in finished]


@router.post("/episodes/{episode_id}/assessments", response={201: AssessmentOut, **ERRORS})
def assessment_create(
    request: AuthedRequest, episode_id: uuid.UUID, data: AssessmentIn
) -> HttpResponse:
    from backpath.core import RecordError

    episode = get_episode_for_user(request.user, episode_id)

    def run() -> HttpResponse:
        day = visit_day(data.assessed_on, "assessed_on")
        try:
            made = actions.finish_assessment(actor_of(request), episode, data.record, day)
        except RecordError as exc:
            raise record_problem(exc.messages) from None
        return respond(201, _assessment(made), location=f"/api/v1/assessments/{made.pk}")

    return idempotency.once(request, run)


@router.get("/assessments/{assessment_id}", response={200: AssessmentOut, **ERRORS})
def assessment_detail(request: AuthedRequest, assessment_id: uuid.UUID) -> AssessmentOut:
    return _assessment(get_assessment_for_user(request.user, assessment_id))


@router.get("/episodes/{episode_id}/followups", response={200: list[FollowUpOut], **ERRORS})
def followup_list(request: AuthedRequest, episode_id: uuid.UUID) -> list[FollowUp]:
    episode = get_episode_for_user(request.user, episode_id)
    return list(episode.followups.filter(voided_at__isnull=True))


@router.post(
    "/episodes/{episode_id}/followups",
    response={201: FollowUpOut, 409: Problem, **ERRORS},
)
def followup_create(
    request: AuthedRequest, episode_id: uuid.UUID, data: FollowUpIn
) -> HttpResponse:
    from backpath.core import RecordError

    episode = get_episode_for_user(request.user, episode_id)

    def run() -> HttpResponse:
        seen_on = visit_day(data.seen_on, "seen_on")
        based_on = current_plan(episode)
        if based_on is None:
            raise ApiProblem(409, "No accepted plan", "Accept a plan before a follow-up.")
        filled, _ = followups.followup_record({}, episode, based_on, seen_on)
        record = {**filled, **data.record, "schema": filled["schema"]}
        try:
            fu = followups.record_followup(actor_of(request), episode, based_on, record, seen_on)
        except RecordError as exc:
            raise record_problem(exc.messages) from None
        return respond(201, FollowUpOut.from_orm(fu), location=f"/api/v1/followups/{fu.pk}")

    return idempotency.once(request, run)


@router.get("/followups/{followup_id}", response={200: FollowUpOut, **ERRORS})
def followup_detail(request: AuthedRequest, followup_id: uuid.UUID) -> FollowUp:
    return get_followup_for_user(request.user, followup_id)


@router.post(
    "/followups/{followup_id}/accept",
    response={200: PlanOut | None, 409: Problem, **ERRORS},
)
def followup_accept(request: AuthedRequest, followup_id: uuid.UUID) -> PlanOut | None:
    """The progression's new plan version (``null`` when the plan does not change)."""
    followup = get_followup_for_user(request.user, followup_id)
    try:
        plan = followups.accept_progression(actor_of(request), followup)
    except VersionConflict:
        raise ApiProblem(409, "Conflict", VersionConflict.message) from None
    return PlanOut.from_orm(plan) if plan is not None else None
