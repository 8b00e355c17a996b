"""The patient's side, for machines: an episode's programme links (made and revoked through
the pages' actions; a token is returned once, when made) and what the patient logged through
them, exercise by exercise, with the core's traffic light and its rule."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from ninja import Field, Router, Schema

from backpath.web.patients.access import get_episode_for_user
from backpath.web.plans.actions import current_plan
from backpath.web.programmes import actions
from backpath.web.programmes.access import get_link_for_user
from backpath.web.programmes.models import HepLink, SessionLog
from backpath.web.requests import AuthedRequest

from . import idempotency
from .auth import actor_of
from .encoding import respond
from .problems import ApiProblem, Problem

router = Router(tags=["programmes"])
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem}


class LinkIn(Schema):
    days: int | None = Field(None, ge=1, le=365, description="valid for (default HEP_LINK_DAYS)")


class LinkOut(Schema):
    id: uuid.UUID
    episode_id: uuid.UUID
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_opened_at: datetime | None
    seen_plan_number: int | None = Field(description="the plan version the patient last saw")


class LinkMade(LinkOut):
    url: str = Field(description="the patient's link; shown once, only its hash is kept")


class ExerciseLogOut(Schema):
    exercise: str
    done: bool
    reps: int | None
    change: str
    light: str
    rule: str


class SessionOut(Schema):
    id: uuid.UUID
    at: datetime
    plan_number: int
    done: bool = Field(description="false: the patient said 'not today'")
    light: str
    rule: str
    reasons: list[str]
    emergency_symptoms: bool
    note: str
    acknowledged_at: datetime | None
    exercises: list[ExerciseLogOut]


def _link(link: HepLink) -> dict[str, Any]:
    return {
        "id": link.pk,
        "episode_id": link.episode_id,
        "created_at": link.created_at,
        "expires_at": link.expires_at,
        "revoked_at": link.revoked_at,
        "last_opened_at": link.last_opened_at,
        "seen_plan_number": link.seen_plan.number if link.seen_plan else None,
    }


@router.get("/episodes/{episode_id}/links", response={200: list[LinkOut], **ERRORS})
def link_list(request: AuthedRequest, episode_id: uuid.UUID) -> list[LinkOut]:
    episode = get_episode_for_user(request.user, episode_id)
    links = episode.hep_links.select_related("seen_plan").order_by("-created_at")
    return [LinkOut(**_link(link)) for link in links]


@router.post("/episodes/{episode_id}/links", response={201: LinkMade, 409: Problem, **ERRORS})
def link_create(request: AuthedRequest, episode_id: uuid.UUID, data: LinkIn) -> HttpResponse:
    episode = get_episode_for_user(request.user, episode_id)

    def run() -> HttpResponse:
        plan = current_plan(episode)
        if plan is None:
            raise ApiProblem(409, "Conflict", "Accept a plan before giving the patient a link.")
        link, token = actions.create_link(actor_of(request), plan, data.days)
        url = request.build_absolute_uri(reverse("programmes:public", args=[token]))
        return respond(201, LinkMade(**_link(link), url=url))

    return idempotency.once(request, run)


@router.post("/links/{link_id}/revoke", response={200: LinkOut, **ERRORS})
def link_revoke(request: AuthedRequest, link_id: uuid.UUID) -> LinkOut:
    link = actions.revoke_link(actor_of(request), get_link_for_user(request.user, link_id))
    return LinkOut(**_link(link))


@router.get("/episodes/{episode_id}/sessions", response={200: list[SessionOut], **ERRORS})
def session_list(request: AuthedRequest, episode_id: uuid.UUID) -> list[SessionOut]:
    """What the patient logged, newest first (patient-reported)."""
    episode = get_episode_for_user(request.user, episode_id)
    logs = (
        SessionLog.objects.filter(plan__episode=episode)
        .select_related("plan")
        .prefetch_related("exercises")
        .order_by("-at")
    )
    return [
        SessionOut(
            id=log.pk,
            at=log.at,
            plan_number=log.plan.number,
            done=log.done,
            light=log.light,
            rule=log.rule,
            reasons=list(log.reasons),
            emergency_symptoms=log.emergency_symptoms,
            note=log.note,
            acknowledged_at=log.acknowledged_at,
            exercises=[
                ExerciseLogOut(
                    exercise=e.exercise,
                    done=e.done,
                    reps=e.reps,
                    change=e.change,
                    light=e.light,
                    rule=e.rule,
                )
                for e in log.exercises.all()
            ],
        )
        for log in logs
    ]
