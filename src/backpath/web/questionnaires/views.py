"""The clinic admin's pages for the licensed wording (others: 404). Parse, call, render."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from backpath.core.instruments import InstrumentError, wording_shape
from backpath.web.audit.trail import Actor
from backpath.web.clinics.access import require_admin
from backpath.web.requests import AuthedRequest

from . import actions
from .forms import WordingForm, initial_from


@login_required
def wording_list(request: AuthedRequest) -> HttpResponse:
    clinic = require_admin(request.user).clinic
    context = {"clinic": clinic, "rows": actions.overview(clinic)}
    return render(request, "questionnaires/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def wording_edit(request: AuthedRequest, key: str) -> HttpResponse:
    clinic = require_admin(request.user).clinic
    try:
        shape = wording_shape(key)
    except InstrumentError:
        raise Http404 from None
    wording = actions.wording_of(clinic, shape.key)
    initial = {**initial_from(wording.text), "licence": wording.offered} if wording else {}
    form = WordingForm(request.POST if request.method == "POST" else None, shape, initial)
    if request.method == "POST" and form.is_valid():
        licensed = form.cleaned_data["licence"]
        actions.save_wording(Actor.of(request), clinic, shape.key, form.text(), licensed)
        done = "patients are offered it before a review" if licensed else "not offered to patients"
        messages.success(request, f"{shape.name}: wording saved; {done}.")
        return redirect("questionnaires:list")
    context = {"form": form, "shape": shape, "wording": wording, "clinic": clinic}
    status = 400 if request.method == "POST" else 200
    return render(request, "questionnaires/edit.html", context, status=status)


@login_required
@require_POST
def wording_off(request: AuthedRequest, wording_id: uuid.UUID) -> HttpResponse:
    wording = actions.get_wording_for_admin(request.user, wording_id)
    actions.switch_off(Actor.of(request), wording)
    messages.success(request, "Switched off: patients are no longer offered this questionnaire.")
    return redirect("questionnaires:list")
