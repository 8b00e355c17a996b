"""A plan version: show it, remove or add an exercise (each a new version), accept it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from backpath.core.plan import EditError, OverrideRequired
from backpath.web.audit.trail import Actor, record
from backpath.web.conflicts import VersionConflict

from . import actions
from .access import get_plan_for_user
from .models import PlanVersion
from .presenters import (
    avoid_rows,
    education_topics,
    library_choices,
    plan_items,
    precaution_rows,
)


def _context(plan: PlanVersion, **extra: Any) -> dict[str, Any]:
    from backpath.web.programmes.home_data import plan_adherence
    from backpath.web.programmes.models import HepLink

    versions = list(plan.episode.plans.defer("document"))  # newest first: one query
    latest = versions[0] if versions else None
    return {
        "plan": plan,
        "episode": plan.episode,
        "patient": plan.episode.patient,
        "items": plan_items(plan.plan, plan.flagged),
        "is_latest": latest == plan,
        "latest": latest,
        "versions": versions,
        "education": education_topics(plan.plan.get("education", [])),
        "library": library_choices(),
        "avoid": avoid_rows(plan.avoid or []),
        "precautions": precaution_rows((plan.document or {}).get("precautions", [])),
        "links": HepLink.objects.filter(episode=plan.episode)
        .select_related("seen_plan")
        .order_by("-created_at"),
        "hep_current": actions.current_plan(plan.episode),
        "adherence": plan_adherence(plan) if plan.accepted_at else None,
        **extra,
    }


@login_required
def plan_detail(request: HttpRequest, plan_id: Any) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    record(Actor.of(request), "plan.read", patient=plan.episode.patient, obj=plan)
    return plan_page(request, plan)


def plan_page(request: HttpRequest, plan: PlanVersion, **extra: Any) -> HttpResponse:
    """The plan's page; ``new_link=URL`` shows a patient link just made (once: it is stored
    nowhere, so the page is drawn in the response to the post that made it)."""
    response = render(request, "assessments/plan.html", _context(plan, **extra))
    response["HX-Push-Url"] = reverse("plans:detail", args=[plan.pk])
    return response


def _conflict(request: HttpRequest, plan: PlanVersion) -> HttpResponse:
    messages.error(
        request,
        "This plan was changed by someone else since you opened it. "
        "Nothing was saved; here is the latest version.",
    )
    latest = actions.latest_plan(plan.episode) or plan
    return redirect("plans:detail", latest.pk)


@login_required
@require_POST
def plan_remove(request: HttpRequest, plan_id: Any) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    try:
        new = actions.remove_exercise(
            Actor.of(request),
            plan,
            request.POST.get("exercise", ""),
            request.POST.get("reason", ""),
        )
    except EditError as exc:
        return _add_error(request, plan, f"{exc.field}: {exc}")
    except VersionConflict:
        return _conflict(request, plan)
    messages.success(request, f"Exercise removed: plan version {new.number} created.")
    return redirect("plans:detail", new.pk)


def _add_error(request: HttpRequest, plan: PlanVersion, error: str, **extra: Any) -> HttpResponse:
    context = _context(plan, add_error=error, **extra)
    response = render(request, "assessments/plan.html", context, status=400)
    response["HX-Push-Url"] = reverse("plans:detail", args=[plan.pk])  # not the POST URL
    return response


@login_required
@require_POST
def plan_add(request: HttpRequest, plan_id: Any) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    code, reason = request.POST.get("exercise", ""), request.POST.get("reason", "")
    if code not in dict(library_choices()):
        return _add_error(request, plan, "Choose an exercise from the library.")
    try:
        new = actions.add_exercise(Actor.of(request), plan, code, reason)
    except OverrideRequired as exc:
        return _add_error(request, plan, str(exc), add_code=code, needs_reason=True)
    except EditError as exc:
        return _add_error(request, plan, f"{exc.field}: {exc}")
    except VersionConflict:
        return _conflict(request, plan)
    messages.success(request, f"Exercise added: plan version {new.number} created.")
    return redirect("plans:detail", new.pk)


@login_required
@require_POST
def plan_accept(request: HttpRequest, plan_id: Any) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    try:
        actions.accept_plan(Actor.of(request), plan)
    except VersionConflict:
        return _conflict(request, plan)
    messages.success(request, f"Plan version {plan.number} accepted.")
    return redirect("plans:detail", plan.pk)
