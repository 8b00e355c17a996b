"""Patient list, search, create, edit, detail and new episode: parse, call an action, render."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from backpath.web.audit.trail import Actor, record
from backpath.web.clinics.access import clinic_of
from backpath.web.conflicts import VersionConflict
from backpath.web.drafts.once import submit_once
from backpath.web.requests import AuthedRequest

from . import actions
from .access import get_patient_for_user, patients_for_user
from .forms import EpisodeForm, PatientForm, SearchForm
from .models import Patient

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")


def _as_date(text: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def search_patients(patients: QuerySet[Patient], q: str) -> QuerySet[Patient]:
    q = q.strip()
    if not q:
        return patients
    born = _as_date(q)
    if born:
        return patients.filter(date_of_birth=born)
    for word in q.split():  # every word, in any order: "Okafor Sam" finds Sam Okafor
        patients = patients.filter(name__icontains=word)
    return patients


@login_required
def patient_list(request: AuthedRequest) -> HttpResponse:
    from backpath.web.programmes.alerts import with_alert_flag

    form = SearchForm(request.GET)
    q, alerts_only = form.data.get("q", ""), request.GET.get("alerts") == "1"
    patients = with_alert_flag(search_patients(patients_for_user(request.user), q))
    if alerts_only:
        patients = patients.filter(has_alert=True)
    shown = Paginator(patients, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "q": q, "alerts_only": alerts_only, "page": shown}
    ids = [str(p.pk) for p in shown]  # who was on the screen, not only what was searched
    record(Actor.of(request), "patient.list", q=q, patients=ids)
    template = "patients/_rows.html" if request.headers.get("HX-Request") else "patients/list.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def patient_create(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        return submit_once(request, lambda: _create_patient(request))
    return render(request, "patients/form.html", {"form": PatientForm(), "creating": True})


def _create_patient(request: HttpRequest) -> HttpResponse:
    form = PatientForm(request.POST)
    if form.is_valid() and request.POST.get("confirm") != "1":
        same = actions.same_name_and_birth(clinic_of(request.user), form.cleaned_data)
        if same:
            context = {"form": form, "creating": True, "same": same}
            return render(request, "patients/form.html", context, status=409)
    if form.is_valid():
        patient = actions.create_patient(
            Actor.of(request), clinic_of(request.user), form.cleaned_data
        )
        messages.success(request, f"Patient {patient.name} added.")
        if request.POST.get("then") == "assess":  # a first visit today: open its episode
            return _start_first_visit(request, patient)
        return redirect("patients:detail", patient.pk)
    return render(request, "patients/form.html", {"form": form, "creating": True})


def _start_first_visit(request: HttpRequest, patient: Patient) -> HttpResponse:
    """Open an episode (the usual complaint, first seen today) and go to its assessment."""
    initial = EpisodeForm.base_fields["complaint"].initial
    episode = actions.open_episode(Actor.of(request), patient, initial, timezone.localdate())
    return redirect("episodes:assessment_new", episode.pk)


@login_required
def patient_detail(request: AuthedRequest, patient_id: uuid.UUID) -> HttpResponse:
    from backpath.web.programmes.alerts import open_alerts

    patient = get_patient_for_user(request.user, patient_id)
    record(Actor.of(request), "patient.read", patient=patient, obj=patient)
    context = {
        "patient": patient,
        "episodes": patient.episodes.all(),
        "alerts": open_alerts(patient),
        "sessions": patient.sessions.all()[:10],
        "episode_form": EpisodeForm(),
        "age": patient.age_on(date.today()),
    }
    return render(request, "patients/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def patient_edit(request: AuthedRequest, patient_id: uuid.UUID) -> HttpResponse:
    patient = get_patient_for_user(request.user, patient_id)
    form = PatientForm(request.POST or None, instance=patient, initial={"version": patient.version})
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_patient(
                Actor.of(request), patient, form.cleaned_data, form.cleaned_data.get("version") or 0
            )
        except VersionConflict:
            form.add_error(None, VersionConflict.message)
            return render(
                request, "patients/form.html", {"form": form, "patient": patient}, status=409
            )
        messages.success(request, "Patient details saved.")
        return redirect("patients:detail", patient.pk)
    record(Actor.of(request), "patient.read", patient=patient, obj=patient)
    return render(request, "patients/form.html", {"form": form, "patient": patient})


@login_required
@require_http_methods(["POST"])
def episode_create(request: AuthedRequest, patient_id: uuid.UUID) -> HttpResponse:
    patient = get_patient_for_user(request.user, patient_id)
    return submit_once(request, lambda: _open_episode(request, patient))


def _open_episode(request: HttpRequest, patient: Patient) -> HttpResponse:
    form = EpisodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter the complaint and the date first seen.")
        return redirect("patients:detail", patient.pk)
    episode = actions.open_episode(
        Actor.of(request), patient, form.cleaned_data["complaint"], form.cleaned_data["started_on"]
    )
    return redirect("episodes:detail", episode.pk)
