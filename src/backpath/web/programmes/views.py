"""Clinician side (create and revoke links, PDF) and patient side (the
programme page opened from a link, logging a session, the PDF) of the home programme."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from backpath.web.audit.trail import Actor, record
from backpath.web.camera.headers import allow_camera
from backpath.web.drafts.once import form_key
from backpath.web.followups.actions import psfs_activities
from backpath.web.plans.access import get_plan_for_user
from backpath.web.plans.presenters import figure_svg
from backpath.web.plans.views import plan_page
from backpath.web.questionnaires.actions import offered_wordings
from backpath.web.questionnaires.patient import shown
from backpath.web.reminders.views import panel as reminders_panel
from backpath.web.requests import AuthedRequest

from . import actions
from .access import get_link_for_user
from .content import offers_counting, patient_items, programme, retitled
from .forms import HomeOutcomeForm, SessionLogForm
from .pdf import programme_pdf
from .throttle import over_limit

if TYPE_CHECKING:
    from backpath.web.plans.models import PlanVersion
    from backpath.web.programmes.models import HepLink, SessionLog

LINK_GIVEN = "This form already gave the patient a link."


@never_cache
@login_required
@require_POST
def create_link(request: AuthedRequest, plan_id: uuid.UUID) -> HttpResponse:
    """Give the patient a link, shown on the plan page. The same form sent again (a double
    tap, back-then-resubmit) shows the same link again instead of making a second one."""
    plan = get_plan_for_user(request.user, plan_id)
    try:
        link, token, again = actions.give_link(Actor.of(request), plan, form_key(request))
    except actions.PlanNotAccepted:
        messages.error(request, "Accept the plan before giving it to the patient.")
        return redirect("plans:detail", plan.pk)
    record(Actor.of(request), "plan.read", patient=plan.episode.patient, obj=plan)
    if again and not link.is_usable:
        messages.error(request, f"{LINK_GIVEN} It has since been revoked or expired.")
        return redirect("plans:detail", plan.pk)
    if again:
        messages.info(request, f"{LINK_GIVEN} Here it is again: no second link was made.")
    url = request.build_absolute_uri(reverse("programmes:public", args=[token]))
    return plan_page(request, plan, new_link=url)  # the token is stored nowhere


@login_required
@require_POST
def revoke_link(request: AuthedRequest, link_id: uuid.UUID) -> HttpResponse:
    link = get_link_for_user(request.user, link_id)
    actions.revoke_link(Actor.of(request), link)
    messages.success(request, "Link revoked: it no longer opens the programme.")
    plan = link.plan or link.seen_plan  # seen_plan is set when the link is made
    if plan is None:
        return redirect("episodes:detail", link.episode_id)
    return redirect("plans:detail", plan.pk)


def _pdf_response(
    plan: PlanVersion, request: HttpRequest | None = None, link_url: str | None = None
) -> HttpResponse:
    content = programme_pdf(plan, link_url=link_url)
    if content is None:  # the worker is busy: say so, and the next visit serves it
        response = render(request, "programmes/pdf_pending.html", status=202)
        response["Retry-After"] = "5"
        return response
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="home-programme.pdf"'
    return response


@login_required
def plan_pdf(request: AuthedRequest, plan_id: uuid.UUID) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    record(Actor.of(request), "plan.pdf", patient=plan.episode.patient, obj=plan)
    return _pdf_response(plan, request)


def link_or_404(token: str) -> HepLink:
    link = actions.find_link(token)
    if link is None:
        raise Http404("This link has expired or was withdrawn. Ask your clinic for a new one.")
    return link


@require_http_methods(["GET", "POST"])
def public_programme(request: HttpRequest, token: str) -> HttpResponse:
    link = link_or_404(token)
    actor = Actor.public(request, "/p/<token>/")
    if request.method == "POST":
        if over_limit(request, link):
            error = "Too many entries in the last hour: please try again later."
            return public_page(request, link, token, status=429, log_error=error)
        if request.POST.get("form") == "outcomes":
            return _post_outcomes(request, link, token, actor)
        form = SessionLogForm(request.POST, patient_items(link.live_plan, figure=None))
        if not form.is_valid():
            return public_page(request, link, token, status=400, log_error=form.first_error())
        data = form.cleaned_data
        saved = actions.log_exercises(
            actor,
            link,
            form.reports(),
            emergency=data["emergency"] == "yes",
            not_today=data["session"] == "not_today",
            days_without_change=data["days_without_change"] or 0,
            note=data["note"],
            client_key=data["client_key"] or "",
        )
        # the fragment: open at the thank-you, not wherever the patient was on the page
        return redirect(f"{request.path}?logged={saved.pk}#saved")
    changes = actions.open_link(actor, link)
    logged = _logged(link, request.GET.get("logged", ""))
    advice = actions.advice_for(logged) if logged else ""
    return public_page(
        request,
        link,
        token,
        logged=logged,
        logged_advice=advice,
        plan_changes=changes,
        outcomes_saved=request.GET.get("outcomes") == "saved",
    )


def _post_outcomes(request: HttpRequest, link: HepLink, token: str, actor: Actor) -> HttpResponse:
    if not actions.outcomes_due(link):
        error = "These questions are not open at the moment: thank you."
        return public_page(request, link, token, status=400, outcomes_error=error)
    wordings = offered_wordings(link.episode.patient.clinic)
    form = HomeOutcomeForm(request.POST, psfs_activities(link.episode), wordings)
    if not form.is_valid():
        return public_page(request, link, token, status=400, outcomes_error=form.first_error())
    data = form.cleaned_data
    actions.record_home_outcome(
        actor, link, data["nrs_back"], data["nrs_leg"], form.psfs(), form.questionnaires
    )
    return redirect(f"{request.path}?outcomes=saved#outcomes")


def public_page(
    request: HttpRequest, link: HepLink, token: str, status: int = 200, **extra: Any
) -> HttpResponse:
    """The phone page: each exercise and topic folded (its summary a thumbnail, name and
    dose), the animated figure inside. The PDF draws the same partials unfolded."""
    plan = link.live_plan
    context = {**programme(plan, figure="animated"), "token": token, "folded": True}
    context.update(
        updated_on=plan.accepted_at,
        outcomes_due=actions.outcomes_due(link),
        questionnaires=shown(offered_wordings(plan.episode.patient.clinic), _posted(request)),
        psfs_activities=psfs_activities(link.episode),
        posted=request.POST if request.method == "POST" else {},
    )
    context.update(reminders_panel(link))
    context.update(extra)
    for item in context["items"]:
        thumbnail = figure_svg(item["exercise"], "thumbnail")
        if item["entry"] is not None:
            thumbnail = retitled(thumbnail, item["entry"].name, item["patient_name"])
        item["thumbnail"] = thumbnail
    context["counting"] = offers_counting(context["items"])
    response = render(request, "programmes/public.html", context, status=status)
    return allow_camera(response) if context["counting"] else response


def _posted(request: HttpRequest) -> QueryDict | dict[str, str]:
    return request.POST if request.method == "POST" else {}


def _logged(link: HepLink, session_id: str) -> SessionLog | None:
    """The session just logged through this link (for the thank-you message), if any."""
    try:
        return link.sessions.filter(pk=uuid.UUID(session_id)).first()
    except ValueError:
        return None


def public_pdf(request: HttpRequest, token: str) -> HttpResponse:
    link = link_or_404(token)
    record(
        Actor.public(request, "/p/<token>/"),
        "hep.pdf",
        patient=link.episode.patient,
        obj=link,
        clinic=link.episode.patient.clinic,
    )
    url = request.build_absolute_uri(reverse("programmes:public", args=[token]))
    return _pdf_response(link.live_plan, request, url)
