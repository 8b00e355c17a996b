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

from .followups import baseline_of
from .outcomes import outcomes_svg, points_from
from .soap import soap_note


def note_from(first: Any, plan: Any, last: Any) -> str:
    """The SOAP note for the latest visit ('' before a finished assessment)."""
    if first is None:
        return ""
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
    # one query each; everything else on the page is derived from these lists
    assessments = list(episode.assessments.defer("form_data"))
    plans = list(episode.plans.defer("document"))  # newest first
    followups = list(episode.followups.all())  # newest first
    current = next((p for p in plans if p.accepted_at is not None), None)
    latest = plans[0] if plans else None
    first = baseline_of(assessments)
    points = points_from(first, reversed(followups), episode.home_outcomes.all())
    context = {
        "episode": episode,
        "patient": episode.patient,
        "assessments": assessments,
        "plans": plans,
        "followups": followups,
        "current_plan": current,
        "latest_plan": latest,
        "points": points,
        "chart": outcomes_svg(points) if points else "",
        "note": note_from(first, current or latest, followups[0] if followups else None),
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
