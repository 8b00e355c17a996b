"""Assessment form (new, continue draft, finish) and the result page."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, get_args

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from backpath.core.vocab import Onset, Pattern, Sex
from backpath.web.audit.trail import Actor, record
from backpath.web.conflicts import VersionConflict
from backpath.web.drafts import store as drafts
from backpath.web.drafts.once import form_key, submit_once
from backpath.web.inputs import BadInput, bounded_int, uuid_or_none, visit_date
from backpath.web.patients.access import get_episode_for_user
from backpath.web.plans.actions import current_plan, latest_plan
from backpath.web.plans.presenters import plan_items
from backpath.web.plans.views import plan_page
from backpath.web.programmes.actions import accept_and_give_link
from backpath.web.programmes.views import LINK_GIVEN
from backpath.web.requests import AuthedRequest

from . import actions
from .access import get_assessment_for_user
from .formdata import errors_by_field, form_from_record, form_values, record_from_form
from .formview import FormContext, labelled_choices
from .models import Assessment
from .presenters import result_context

if TYPE_CHECKING:
    from backpath.web.patients.models import Episode

CHOICES = {  # the core's vocabularies, labelled by their codes
    "sexes": labelled_choices(get_args(Sex)),
    "onsets": labelled_choices(get_args(Onset)),
    "patterns": labelled_choices(get_args(Pattern)),
    "yesno": [("yes", "yes"), ("no", "no")],
}


def _initial_values(episode: Episode) -> dict[str, Any]:
    patient = episode.patient
    return {"age": str(patient.age_on(date.today())), "sex": patient.sex or ""}


def _render_form(
    request: HttpRequest,
    episode: Episode,
    values: dict[str, Any],
    assessment: Assessment | None = None,
    errors: dict[str, list[str]] | None = None,
    general: list[str] | None = None,
    status: int = 200,
    restored_at: datetime | None = None,
) -> HttpResponse:
    errors = errors or {}
    context = {
        **drafts.form_context(request, restored_at),
        "episode": episode,
        "patient": episode.patient,
        "assessment": assessment,
        "assessed_on": values.get("assessed_on") or date.today().isoformat(),
        "general_errors": general or [],
        "has_errors": bool(errors or general),
        "odi_open": any(k.startswith("odi") and v for k, v in values.items()),
        "sb_open": any(k.startswith("sb-") and v for k, v in values.items()),
        "psfs_open": any(k.startswith("psfs") and v for k, v in values.items()),
        **CHOICES,
        **FormContext(values, errors).build(),
    }
    return render(request, "assessments/form.html", context, status=status)


def _posted_basics(request: HttpRequest) -> tuple[date, int]:
    """The assessment's date (blank: today) and the version the form was opened at."""
    today = timezone.localdate()
    assessed_on = str(request.POST.get("assessed_on") or "").strip()
    day = visit_date(assessed_on, "assessed_on", today) if assessed_on else today
    return day, bounded_int(request.POST.get("version") or 0, "version")


def _save(request: AuthedRequest, episode: Episode, assessment: Assessment | None) -> HttpResponse:
    """One POST of the form: save a draft, or finish (validate; nothing saved on errors)."""
    from backpath.core import RecordError

    values, actor = form_values(request.POST), Actor.of(request)
    try:
        assessed_on, version = _posted_basics(request)
    except BadInput as exc:
        return _render_form(request, episode, values, assessment, general=[str(exc)], status=400)
    try:
        if request.POST.get("action") == "draft":
            saved = actions.save_draft(actor, episode, values, assessed_on, assessment, version)
            drafts.discard(request.user, request.path)
            messages.success(request, "Draft saved. You can finish it later.")
            return redirect("assessments:edit", saved.pk)
        data, paths = record_from_form(values, record_id=f"episode-{episode.pk}")
        saved = actions.finish_assessment(
            actor, episode, data, assessed_on, values, assessment, version
        )
    except RecordError as exc:
        errors, general = errors_by_field(exc.messages, paths)
        return _render_form(request, episode, values, assessment, errors, general, status=400)
    except VersionConflict:
        return _render_form(
            request, episode, values, assessment, general=[VersionConflict.message], status=409
        )
    drafts.discard(request.user, request.path)
    return redirect("assessments:result", saved.pk)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_new(request: AuthedRequest, episode_id: uuid.UUID) -> HttpResponse:
    episode = get_episode_for_user(request.user, episode_id)
    if request.method == "POST":
        return submit_once(request, lambda: _save(request, episode, None))
    record(Actor.of(request), "episode.read", patient=episode.patient, obj=episode)
    values = _initial_values(episode)
    source = request.GET.get("from")
    if source:  # reassessment: start from an earlier finished assessment of this clinic
        earlier = get_assessment_for_user(request.user, uuid_or_none(source))
        values = {**form_from_record(earlier.record or {}), **values}
    values, restored_at = drafts.restored(request.user, request.path, values)
    return _render_form(request, episode, values, restored_at=restored_at)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request: AuthedRequest, assessment_id: uuid.UUID) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, assessment_id)
    if not assessment.is_draft:
        return redirect("assessments:result", assessment.pk)
    if request.method == "POST":
        return _save(request, assessment.episode, assessment)
    record(Actor.of(request), "assessment.read", patient=assessment.episode.patient, obj=assessment)
    values = {**assessment.form_data, "assessed_on": assessment.assessed_on.isoformat()}
    values, restored_at = drafts.restored(request.user, request.path, values)
    return _render_form(request, assessment.episode, values, assessment, restored_at=restored_at)


@login_required
def assessment_result(request: AuthedRequest, assessment_id: uuid.UUID) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, assessment_id)
    if assessment.is_draft:
        return redirect("assessments:edit", assessment.pk)
    record(Actor.of(request), "assessment.read", patient=assessment.episode.patient, obj=assessment)
    plan = assessment.plans.defer("document").order_by("-number").first()
    latest = assessment.episode.plans.defer("document").order_by("-number").first()
    context = {
        "assessment": assessment,
        "episode": assessment.episode,
        "patient": assessment.episode.patient,
        "plan_version": plan,
        "latest_plan": latest,
        **result_context(assessment.result),
        "items": plan_items(latest.plan, latest.flagged, figure=None) if latest else [],
    }
    return render(request, "assessments/result.html", context)


@login_required
@require_POST
def accept_and_give(request: AuthedRequest, assessment_id: uuid.UUID) -> HttpResponse:
    """From the result page in one tap: accept the latest plan as it is and give the patient
    a link (shown once, on the plan page, as "give a link" there shows it). Submit-once: the
    same form sent again shows the same link and accepts nothing more."""
    assessment = get_assessment_for_user(request.user, assessment_id)
    plan = latest_plan(assessment.episode)
    if assessment.is_draft or plan is None:
        return redirect("assessments:result", assessment.pk)
    try:
        link, token, again = accept_and_give_link(Actor.of(request), plan, form_key(request))
    except VersionConflict:
        messages.error(request, VersionConflict.message)
        return redirect("assessments:result", assessment.pk)
    if again and not link.is_usable:
        messages.error(request, f"{LINK_GIVEN} It has since been revoked or expired.")
        return redirect("plans:detail", plan.pk)
    if again:
        messages.info(request, f"{LINK_GIVEN} Here it is again: nothing was accepted twice.")
    else:
        messages.success(request, f"Plan version {plan.number} accepted.")
    shown = current_plan(plan.episode) or plan  # the version the link shows
    url = request.build_absolute_uri(reverse("programmes:public", args=[token]))
    return plan_page(request, shown, new_link=url)


@login_required
def assessment_record(request: AuthedRequest, assessment_id: uuid.UUID) -> HttpResponse:
    """The stored record and result as JSON (for export and integration)."""
    from django.http import JsonResponse

    assessment = get_assessment_for_user(request.user, assessment_id)
    record(
        Actor.of(request), "assessment.export", patient=assessment.episode.patient, obj=assessment
    )
    return JsonResponse(
        {"record": assessment.record, "result": assessment.result}, json_dumps_params={"indent": 2}
    )
