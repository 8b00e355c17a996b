"""Follow-up visits: record one, see the core's decision, accept it."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, get_args

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from backpath.core.vocab import Response
from backpath.web.assessments.formdata import ODI_SECTIONS, form_values
from backpath.web.assessments.formview import KINDS, FormContext, labelled_choices
from backpath.web.audit.trail import Actor, record
from backpath.web.conflicts import VersionConflict
from backpath.web.drafts import store as drafts
from backpath.web.drafts.once import submit_once
from backpath.web.inputs import BadInput, visit_date
from backpath.web.labels import ODI_SHORT_LABELS, URGENCY_HEADLINES, direction
from backpath.web.patients.access import get_episode_for_user
from backpath.web.patients.soap import followup_soap
from backpath.web.plans.actions import current_plan
from backpath.web.requests import AuthedRequest

from . import actions
from .access import get_followup_for_user
from .models import FollowUp

if TYPE_CHECKING:
    from backpath.web.patients.models import Episode
    from backpath.web.plans.models import PlanVersion


def _seen_on(values: dict[str, Any]) -> date:
    """The visit's date (blank: today); raises :class:`BadInput` for a bad or far one."""
    today = timezone.localdate()
    text = str(values.get("seen_on") or "").strip()
    return visit_date(text, "seen_on", today) if text else today


def _render(
    request: HttpRequest,
    episode: Episode,
    values: dict[str, Any],
    errors: dict[str, list[str]] | None = None,
    general: list[str] | None = None,
    status: int = 200,
    restored_at: datetime | None = None,
    patient_reported: list[str] | None = None,
) -> HttpResponse:
    ctx = FormContext(values, errors or {})
    context = {
        **drafts.form_context(request, restored_at),
        "episode": episode,
        "patient": episode.patient,
        "chart": ctx._chart(),
        "kinds": labelled_choices(KINDS),
        "odi": ctx._scored("odi", ODI_SECTIONS, ODI_SHORT_LABELS),
        "red_flags": ctx._red_flags(),
        "red_flag_errors": ctx.field("red_flags")["errors"],
        "psfs": [
            ctx.field(f"psfs-{n}-score", activity)
            for n, activity in enumerate(actions.psfs_activities(episode), start=1)
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
        "responses": labelled_choices(get_args(Response)),
        "general_errors": general or [],
        "has_errors": bool(errors or general),
        "copied": request.GET.get("copy") == "last",
        "patient_reported": patient_reported or [],
    }
    return render(request, "followups/followup_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def followup_new(request: AuthedRequest, episode_id: uuid.UUID) -> HttpResponse:
    episode = get_episode_for_user(request.user, episode_id)
    based_on = current_plan(episode)
    if based_on is None:
        messages.error(request, "Accept a plan before recording a follow-up.")
        return redirect("episodes:detail", episode.pk)
    if request.method == "GET":
        from backpath.web.programmes.home_data import followup_prefill

        record(Actor.of(request), "episode.read", patient=episode.patient, obj=episode)
        prefill, filled = followup_prefill(episode, based_on)  # the patient's home logs
        copied = actions.last_visit_values(episode) if request.GET.get("copy") == "last" else {}
        values, restored_at = drafts.restored(request.user, request.path, {**prefill, **copied})
        return _render(
            request,
            episode,
            {**values, **copied},
            restored_at=restored_at,
            patient_reported=filled,
        )
    return submit_once(request, lambda: _record(request, episode, based_on))


def _record(request: AuthedRequest, episode: Episode, based_on: PlanVersion) -> HttpResponse:
    from backpath.core import RecordError, parse_followup

    values = form_values(request.POST)
    try:
        seen_on = _seen_on(values)
    except BadInput as exc:
        return _render(request, episode, values, general=[str(exc)], status=400)
    data, paths = actions.followup_record(values, episode, based_on, seen_on)
    psfs, errors = actions.psfs_scores(values, episode)
    general: list[str] = []
    try:
        parse_followup(data)
    except RecordError as exc:
        record_errors, general = actions.errors_by_field(exc.messages, paths)
        errors.update(record_errors)
    if errors or general:
        return _render(request, episode, values, errors, general, status=400)
    actor = Actor.of(request)
    fu = actions.record_followup(actor, episode, based_on, data, seen_on, psfs)
    drafts.discard(request.user, request.path)
    return redirect("followups:detail", fu.pk)


def _carried(fu: FollowUp) -> tuple[dict[str, Any] | None, list[dict[str, Any]], int | None]:
    """The plan the follow-up gives (with the clinician's edits carried), the carry entries and
    the version they come from: as saved once accepted, as they would be saved before."""
    if fu.accepted_plan is not None:
        plan = fu.accepted_plan
        entries = [c for c in plan.changes if c.get("action") == "carry"]
        return plan.plan, entries, None
    carried = actions.carry_for(fu)
    if carried is None:
        return fu.progression.get("plan"), [], None
    return carried.plan, carried.changes, carried.carried_from


@login_required
def followup_detail(request: AuthedRequest, followup_id: uuid.UUID) -> HttpResponse:
    fu = get_followup_for_user(request.user, followup_id)
    record(Actor.of(request), "followup.read", patient=fu.episode.patient, obj=fu)
    prog = fu.progression
    plan, carried, carried_from = _carried(fu)
    note = followup_soap(fu, plan)
    context = {
        "fu": fu,
        "episode": fu.episode,
        "patient": fu.episode.patient,
        "prog": prog,
        "avoid": [direction(a["direction"]) for a in prog.get("avoid", [])],
        "note": note,
        "referral": prog.get("referral") or {"urgency": "none"},
        "referral_headline": URGENCY_HEADLINES.get((prog.get("referral") or {}).get("urgency", "")),
        "changes_plan": actions.changes_plan(prog),
        "carried": carried,
        "carried_from": carried_from,
    }
    return render(request, "followups/followup.html", context)


def _expected_number(request: HttpRequest) -> int | None:
    """The plan version whose edits the page showed would be carried over (if it said)."""
    value = request.POST.get("carried_from", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


@login_required
@require_POST
def followup_accept(request: AuthedRequest, followup_id: uuid.UUID) -> HttpResponse:
    fu = get_followup_for_user(request.user, followup_id)
    if fu.voided_at is not None:
        messages.error(request, "This follow-up was voided: it decides nothing to accept.")
        return redirect("episodes:detail", fu.episode.pk)
    try:
        plan = actions.accept_progression(Actor.of(request), fu, _expected_number(request))
    except VersionConflict:
        messages.error(
            request,
            "The plan was changed after you opened this follow-up. Nothing was saved: check "
            "what will be carried over to the new plan version, then accept again.",
        )
        return redirect("followups:detail", fu.pk)
    if plan is not None:
        messages.success(
            request, f"Progression accepted: plan version {plan.number} is now current."
        )
        return redirect("plans:detail", plan.pk)
    messages.success(request, "Decision recorded.")
    return redirect("episodes:detail", fu.episode.pk)
