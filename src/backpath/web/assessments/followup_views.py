"""Follow-up visits: record one, see the core's decision, accept it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from backpath.web.audit.trail import Actor, record
from backpath.web.patients.access import get_episode_for_user

from . import actions, followups
from .access import get_followup_for_user
from .formdata import form_values
from .formview import KINDS, FormContext, _choices, _odi_labels
from .labels import URGENCY_HEADLINES, direction
from .soap import soap_note


def _seen_on(values: dict[str, Any]) -> date:
    try:
        return date.fromisoformat(str(values.get("seen_on", "")))
    except ValueError:
        return date.today()


def _render(
    request: HttpRequest,
    episode: Any,
    values: dict[str, Any],
    errors: dict[str, list[str]] | None = None,
    general: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    ctx = FormContext(values, errors or {})
    context = {
        "episode": episode,
        "patient": episode.patient,
        "chart": ctx._chart(),
        "kinds": _choices(KINDS),
        "odi": ctx._scored("odi", 10, _odi_labels()),
        "red_flags": ctx._red_flags(),
        "red_flag_errors": ctx.field("red_flags")["errors"],
        "psfs": [
            ctx.field(f"psfs-{n}-score", activity)
            for n, activity in enumerate(followups.psfs_activities(episode), start=1)
        ],
        "f": {
            n: ctx.field(n)
            for n in (
                "nrs_back",
                "nrs_leg",
                "response",
                "adherence_percent",
                "days_stable",
                "days_symptom_free",
            )
        },
        "seen_on": values.get("seen_on") or date.today().isoformat(),
        "responses": [("better", "better"), ("same", "same"), ("worse", "worse")],
        "general_errors": general or [],
        "has_errors": bool(errors or general),
    }
    return render(request, "assessments/followup_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def followup_new(request: HttpRequest, episode_id: Any) -> HttpResponse:
    from backpath.core import RecordError, parse_followup

    episode = get_episode_for_user(request.user, episode_id)
    based_on = actions.current_plan(episode)
    if based_on is None:
        messages.error(request, "Accept a plan before recording a follow-up.")
        return redirect("episodes:detail", episode.pk)
    if request.method == "GET":
        record(Actor.of(request), "episode.read", patient=episode.patient, obj=episode)
        return _render(request, episode, {})
    values = form_values(request.POST)
    data, paths = followups.followup_record(values, episode, based_on, _seen_on(values))
    psfs, errors = followups.psfs_scores(values, episode)
    general: list[str] = []
    try:
        parse_followup(data)
    except RecordError as exc:
        record_errors, general = followups.errors_by_field(exc.messages, paths)
        errors.update(record_errors)
    if errors or general:
        return _render(request, episode, values, errors, general, status=400)
    actor = Actor.of(request)
    fu = followups.record_followup(actor, episode, based_on, data, _seen_on(values), psfs)
    return redirect("followups:detail", fu.pk)


@login_required
def followup_detail(request: HttpRequest, followup_id: Any) -> HttpResponse:
    fu = get_followup_for_user(request.user, followup_id)
    record(Actor.of(request), "followup.read", patient=fu.episode.patient, obj=fu)
    first = followups.baseline_assessment(fu.episode)
    prog = fu.progression
    note = soap_note(
        first.record or {} if first else {},
        first.result or {} if first else {},
        prog.get("plan"),
        prog.get("avoid", []),
        prog,
        fu.record,
    )
    context = {
        "fu": fu,
        "episode": fu.episode,
        "patient": fu.episode.patient,
        "prog": prog,
        "avoid": [direction(a["direction"]) for a in prog.get("avoid", [])],
        "note": note,
        "referral": prog.get("referral") or {"urgency": "none"},
        "referral_headline": URGENCY_HEADLINES.get((prog.get("referral") or {}).get("urgency", "")),
        "changes_plan": bool(prog.get("plan")) and prog.get("stage") != prog.get("stage_before"),
    }
    return render(request, "assessments/followup.html", context)


@login_required
@require_POST
def followup_accept(request: HttpRequest, followup_id: Any) -> HttpResponse:
    fu = get_followup_for_user(request.user, followup_id)
    plan = followups.accept_progression(Actor.of(request), fu)
    if plan is not None:
        messages.success(
            request, f"Progression accepted: plan version {plan.number} is now current."
        )
        return redirect("plans:detail", plan.pk)
    messages.success(request, "Decision recorded.")
    return redirect("episodes:detail", fu.episode.pk)
