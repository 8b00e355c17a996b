"""The episode page: assessments, plan versions, follow-ups, outcomes chart and a SOAP note per
visit; closing it (with a confirmation and a discharge outcome), reopening it, and voiding a
mistaken assessment or follow-up (kept, struck through, out of outcomes and baselines)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from backpath.core.corrections import DISCHARGE_OUTCOMES
from backpath.core.plan import EditError
from backpath.web.assessments.access import get_assessment_for_user
from backpath.web.assessments.models import Assessment
from backpath.web.audit.trail import Actor, record
from backpath.web.corrections import void
from backpath.web.followups.access import get_followup_for_user
from backpath.web.followups.actions import baseline_of
from backpath.web.followups.models import FollowUp
from backpath.web.followups.outcomes import outcomes_svg, points_from
from backpath.web.plans.models import PlanVersion
from backpath.web.requests import AuthedRequest

from .access import get_episode_for_user
from .models import DISCHARGE_LABELS, Episode
from .soap import episode_visits, soap_for


def visit_notes(
    first: Assessment | None, plans: list[PlanVersion], followups: list[FollowUp]
) -> list[dict[str, Any]]:
    """A SOAP note for each live visit, newest first."""
    notes = []
    for n, visit in enumerate(episode_visits(first, plans, followups)):
        label = "First visit" if visit.kind == "first" else f"Visit {visit.record['visit_number']}"
        notes.append({"id": f"soap-{n}", "label": label, "day": visit.day, "note": soap_for(visit)})
    return notes[::-1]


def _context(episode: Episode, **extra: Any) -> dict[str, Any]:
    # one query each; everything else on the page is derived from these lists
    assessments = list(episode.assessments.defer("form_data"))
    plans = list(episode.plans.defer("document"))  # newest first
    followups = list(episode.followups.select_related("accepted_plan", "based_on"))
    live = [p for p in plans if p.voided_at is None]
    current = next((p for p in live if p.accepted_at is not None), None)
    first = baseline_of(assessments)
    points = points_from(first, reversed(followups), episode.home_outcomes.all())
    return {
        "episode": episode,
        "patient": episode.patient,
        "assessments": assessments,
        "plans": plans,
        "voided_plans": [p for p in plans if p.voided_at is not None],
        "followups": followups,
        "current_plan": current,
        "latest_plan": live[0] if live else None,
        "points": points,
        "chart": outcomes_svg(points) if points else "",
        "notes": visit_notes(first, plans, followups),
        "discharge_label": DISCHARGE_LABELS.get(episode.discharge_outcome, ""),
        **extra,
    }


@login_required
def episode_detail(request: AuthedRequest, episode_id: uuid.UUID) -> HttpResponse:
    episode = get_episode_for_user(request.user, episode_id)
    record(Actor.of(request), "episode.read", patient=episode.patient, obj=episode)
    return render(request, "patients/episode.html", _context(episode))


def _refused(request: HttpRequest, episode: Episode, exc: EditError, **extra: Any) -> HttpResponse:
    context = _context(episode, error=f"{exc.field}: {exc}", **extra)
    return render(request, "patients/episode.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def episode_close(request: AuthedRequest, episode_id: uuid.UUID) -> HttpResponse:
    """GET: the confirmation step (choose the discharge outcome). POST: close."""
    from .actions import close_episode

    episode = get_episode_for_user(request.user, episode_id)
    if not episode.is_open:
        return redirect("episodes:detail", episode.pk)
    context: dict[str, Any] = {
        "episode": episode,
        "patient": episode.patient,
        "outcomes": [(c, DISCHARGE_LABELS[c]) for c in DISCHARGE_OUTCOMES],
        "chosen": request.POST.get("discharge_outcome", ""),
        "note": request.POST.get("discharge_note", ""),
    }
    if request.method == "POST":
        outcome, note = context["chosen"], context["note"]
        try:
            close_episode(Actor.of(request), episode, timezone.localdate(), outcome, note)
        except EditError as exc:
            context["error"] = f"{exc.field}: {exc}"
            return render(request, "patients/episode_close.html", context, status=400)
        messages.success(request, f"Episode closed: {DISCHARGE_LABELS[outcome].lower()}.")
        return redirect("episodes:detail", episode.pk)
    return render(request, "patients/episode_close.html", context)


@login_required
@require_POST
def episode_reopen(request: AuthedRequest, episode_id: uuid.UUID) -> HttpResponse:
    from .actions import reopen_episode

    episode = get_episode_for_user(request.user, episode_id)
    try:
        reopen_episode(Actor.of(request), episode, request.POST.get("reopen_reason", ""))
    except EditError as exc:
        return _refused(request, episode, exc)
    messages.success(request, "Episode reopened.")
    return redirect("episodes:detail", episode.pk)


def _void(request: HttpRequest, obj: Assessment | FollowUp, what: str) -> HttpResponse:
    try:
        void(Actor.of(request), obj, request.POST.get("void_reason", ""))
    except EditError as exc:
        return _refused(request, obj.episode, exc, void_target=str(obj.pk))
    messages.success(request, f"{what} voided: kept, struck through, left out of outcomes.")
    return redirect("episodes:detail", obj.episode.pk)


@login_required
@require_POST
def assessment_void(request: AuthedRequest, assessment_id: uuid.UUID) -> HttpResponse:
    return _void(request, get_assessment_for_user(request.user, assessment_id), "Assessment")


@login_required
@require_POST
def followup_void(request: AuthedRequest, followup_id: uuid.UUID) -> HttpResponse:
    return _void(request, get_followup_for_user(request.user, followup_id), "Follow-up")
