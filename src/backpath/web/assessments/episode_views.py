"""The episode page: assessments, plan versions, follow-ups, outcomes chart and SOAP note."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from backpath.web.audit.trail import Actor, record
from backpath.web.patients.access import get_episode_for_user

from . import actions
from .followups import baseline_assessment
from .outcomes import outcome_points, outcomes_svg
from .soap import soap_note


def episode_note(episode: Any) -> str:
    """The SOAP note for the latest visit of the episode ('' before a finished assessment)."""
    first = baseline_assessment(episode)
    if first is None:
        return ""
    plan = actions.current_plan(episode) or actions.latest_plan(episode)
    last = episode.followups.order_by("-seen_on", "-visit_number").first()
    return soap_note(
        first.record or {},
        first.result or {},
        plan.plan if plan else None,
        plan.avoid if plan else [],
        last.progression if last else None,
        last.record if last else None,
    )


@login_required
def episode_detail(request: HttpRequest, episode_id: Any) -> HttpResponse:
    episode = get_episode_for_user(request.user, episode_id)
    record(Actor.of(request), "episode.read", patient=episode.patient, obj=episode)
    points = outcome_points(episode)
    context = {
        "episode": episode,
        "patient": episode.patient,
        "assessments": episode.assessments.all(),
        "plans": episode.plans.all(),
        "followups": episode.followups.all(),
        "current_plan": actions.current_plan(episode),
        "latest_plan": actions.latest_plan(episode),
        "points": points,
        "chart": outcomes_svg(points) if len(points) > 0 else "",
        "note": episode_note(episode),
    }
    return render(request, "assessments/episode.html", context)


@login_required
@require_POST
def episode_close(request: HttpRequest, episode_id: Any) -> HttpResponse:
    from backpath.web.patients.actions import close_episode

    episode = get_episode_for_user(request.user, episode_id)
    if episode.is_open:
        close_episode(Actor.of(request), episode, date.today())
    return redirect("episodes:detail", episode.pk)
