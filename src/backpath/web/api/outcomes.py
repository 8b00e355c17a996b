"""An episode's outcomes: the baseline and each follow-up's scores, and the latest change
against baseline judged by the core's minimal important change (the page's chart, as JSON)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from ninja import Router, Schema

from backpath.core.instruments import InstrumentError, change
from backpath.web.followups.actions import baseline_of
from backpath.web.followups.outcomes import Point, points_from
from backpath.web.patients.access import get_episode_for_user
from backpath.web.requests import AuthedRequest

from .problems import Problem

router = Router(tags=["outcomes"])
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem}
MEASURES = {"nrs_back": "nrs", "nrs_leg": "nrs", "odi": "odi_2.1a", "psfs": "psfs"}


class OutcomePoint(Schema):
    day: date
    label: str
    nrs_back: float | None
    nrs_leg: float | None
    odi: float | None
    psfs: float | None


class Change(Schema):
    baseline: float
    latest: float
    latest_on: date
    verdict: str
    delta: float
    percent: float | None
    mcid: str


class OutcomesOut(Schema):
    episode_id: uuid.UUID
    points: list[OutcomePoint]
    change: dict[str, Change]


def _changes(points: list[Point]) -> dict[str, Change]:
    out: dict[str, Change] = {}
    if len(points) < 2:
        return out
    first = points[0]
    for attr, key in MEASURES.items():
        base = getattr(first, attr)
        later = [p for p in points[1:] if getattr(p, attr) is not None]
        if base is None or not later:
            continue
        last = later[-1]
        try:
            judged: dict[str, Any] = change(key, base, getattr(last, attr))
        except InstrumentError:
            continue
        out[attr] = Change(baseline=base, latest=getattr(last, attr), latest_on=last.day, **judged)
    return out


@router.get("/episodes/{episode_id}/outcomes", response={200: OutcomesOut, **ERRORS})
def episode_outcomes(request: AuthedRequest, episode_id: uuid.UUID) -> OutcomesOut:
    episode = get_episode_for_user(request.user, episode_id)
    first = baseline_of(episode.assessments.defer("form_data"))
    points = points_from(first, episode.followups.order_by("seen_on", "visit_number"))
    return OutcomesOut(
        episode_id=episode.pk,
        points=[OutcomePoint(**p.__dict__) for p in points],
        change=_changes(points),
    )
