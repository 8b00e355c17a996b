"""A plan version: show it; edit it (add, remove, dose, order, note, apply a template: each
a new version); save it as a template; void it; accept it. Every rule is the core's."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from backpath.core.plan import DOSE_BOUNDS, EditError, OverrideRequired, offerable
from backpath.web.assessments.presenters import avoid_rows, precaution_rows
from backpath.web.audit.trail import Actor, record
from backpath.web.conflicts import VersionConflict
from backpath.web.corrections import void
from backpath.web.requests import AuthedRequest

from . import actions
from .access import get_plan_for_user, get_template_for_user, templates_for_user
from .models import PlanVersion
from .presenters import education_topics, figure_svg, library_choices, plan_items

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DOSE_LABELS = {
    "reps": "Reps",
    "sets": "Sets",
    "hold_seconds": "Hold (s)",
    "times_per_day": "Times a day",
    "minutes": "Minutes",
}


def _offered(plan: PlanVersion, query: str) -> list[dict[str, Any]]:
    """Search results from the library (the core decides what may be offered)."""
    return [
        {"ex": ex, "figure": figure_svg(ex.code), "category": ex.category}
        for ex in offerable(query, plan.plan)
    ]


def _dose_fields(item: dict[str, Any]) -> list[dict[str, Any]]:
    dose = item.get("dose") or {}
    return [
        {"name": k, "label": DOSE_LABELS[k], "value": dose.get(k, ""), "min": lo, "max": hi}
        for k, (lo, hi) in DOSE_BOUNDS.items()
    ]


def _context(plan: PlanVersion, user: User | None = None, **extra: Any) -> dict[str, Any]:
    from backpath.web.programmes.home_data import plan_adherence
    from backpath.web.programmes.models import HepLink

    versions = list(plan.episode.plans.defer("document"))  # newest first: one query
    latest = next((v for v in versions if v.voided_at is None), None)
    items = plan_items(plan.plan, plan.flagged)
    for item in items:
        item["dose_fields"] = _dose_fields(item)
    query = str(extra.pop("q", "") or "")
    return {
        "plan": plan,
        "episode": plan.episode,
        "patient": plan.episode.patient,
        "items": items,
        "q": query,
        "offered": _offered(plan, query) if query else [],
        "templates": list(templates_for_user(user)) if user is not None else [],
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
def plan_detail(request: AuthedRequest, plan_id: uuid.UUID) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    record(Actor.of(request), "plan.read", patient=plan.episode.patient, obj=plan)
    return plan_page(request, plan)


def plan_page(request: AuthedRequest, plan: PlanVersion, **extra: Any) -> HttpResponse:
    """The plan's page; ``new_link=URL`` shows a patient link just made (once: it is stored
    nowhere, so the page is drawn in the response to the post that made it)."""
    extra.setdefault("q", request.GET.get("q", "")[:100])
    response = render(request, "plans/plan.html", _context(plan, request.user, **extra))
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
def plan_remove(request: AuthedRequest, plan_id: uuid.UUID) -> HttpResponse:
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


def _add_error(request: AuthedRequest, plan: PlanVersion, error: str, **extra: Any) -> HttpResponse:
    context = _context(plan, request.user, add_error=error, **extra)
    response = render(request, "plans/plan.html", context, status=400)
    response["HX-Push-Url"] = reverse("plans:detail", args=[plan.pk])  # not the POST URL
    return response


@login_required
@require_POST
def plan_add(request: AuthedRequest, plan_id: uuid.UUID) -> HttpResponse:
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
def plan_accept(request: AuthedRequest, plan_id: uuid.UUID) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    try:
        actions.accept_plan(Actor.of(request), plan)
    except VersionConflict:
        return _conflict(request, plan)
    messages.success(request, f"Plan version {plan.number} accepted.")
    return redirect("plans:detail", plan.pk)


def _edit_error(request: AuthedRequest, plan: PlanVersion, exc: EditError) -> HttpResponse:
    context = _context(plan, request.user, edit_error=f"{exc.field}: {exc}")
    response = render(request, "plans/plan.html", context, status=400)
    response["HX-Push-Url"] = reverse("plans:detail", args=[plan.pk])
    return response


def _edit(
    request: AuthedRequest,
    plan_id: uuid.UUID,
    do: Callable[[Actor, PlanVersion], PlanVersion],
    done: str,
) -> HttpResponse:
    """Run one edit ``do(actor, plan)`` and go to the new version it made."""
    plan = get_plan_for_user(request.user, plan_id)
    try:
        new = do(Actor.of(request), plan)
    except EditError as exc:
        return _edit_error(request, plan, exc)
    except VersionConflict:
        return _conflict(request, plan)
    messages.success(request, f"{done}: plan version {new.number} created.")
    return redirect(reverse("plans:detail", args=[new.pk]) + request.POST.get("anchor", ""))


@login_required
@require_POST
def plan_dose(request: AuthedRequest, plan_id: uuid.UUID) -> HttpResponse:
    code = request.POST.get("exercise", "")
    dose = {k: request.POST.get(k, "") for k in DOSE_BOUNDS}
    return _edit(request, plan_id, lambda a, p: actions.change_dose(a, p, code, dose), "Dose saved")


@login_required
@require_POST
def plan_move(request: AuthedRequest, plan_id: uuid.UUID) -> HttpResponse:
    code, way = request.POST.get("exercise", ""), request.POST.get("direction", "")
    return _edit(request, plan_id, lambda a, p: actions.move_exercise(a, p, code, way), "Moved")


@login_required
@require_POST
def plan_note(request: AuthedRequest, plan_id: uuid.UUID) -> HttpResponse:
    code, note = request.POST.get("exercise", ""), request.POST.get("note", "")
    return _edit(request, plan_id, lambda a, p: actions.change_note(a, p, code, note), "Note saved")


@login_required
@require_POST
def plan_template_apply(request: AuthedRequest, plan_id: uuid.UUID) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    template = get_template_for_user(request.user, request.POST.get("template", ""))
    try:
        new, dropped = actions.use_template(Actor.of(request), plan, template)
    except VersionConflict:
        return _conflict(request, plan)
    messages.success(request, f"Template “{template.name}” applied: plan version {new.number}.")
    for text in dropped:
        messages.warning(request, text)
    return redirect("plans:detail", new.pk)


@login_required
@require_POST
def plan_template_save(request: AuthedRequest, plan_id: uuid.UUID) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    personal = request.POST.get("scope", "clinic") == "personal"
    try:
        template = actions.save_template(
            Actor.of(request), plan, request.POST.get("name", ""), personal
        )
    except EditError as exc:
        return _edit_error(request, plan, exc)
    scope = "your own" if personal else "the clinic's"
    messages.success(request, f"Saved as {scope} template “{template.name}”.")
    return redirect("plans:detail", plan.pk)


@login_required
@require_POST
def plan_void(request: AuthedRequest, plan_id: uuid.UUID) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    try:
        void(Actor.of(request), plan, request.POST.get("void_reason", ""))
    except EditError as exc:
        return _edit_error(request, plan, exc)
    messages.success(request, f"Plan version {plan.number} voided; its patient links revoked.")
    return redirect("plans:detail", plan.pk)
