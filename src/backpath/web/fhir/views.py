"""``/fhir/``: read-only FHIR R4 over the API clients' tokens and the one door per object.

``metadata`` (the CapabilityStatement) is public; every other read needs a live client token.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from backpath.web.api.auth import authenticate, bearer_token
from backpath.web.api.problems import ApiProblem
from backpath.web.assessments.access import get_assessment_for_user, get_plan_for_user
from backpath.web.assessments.actions import latest_plan
from backpath.web.assessments.models import Assessment
from backpath.web.inputs import uuid_or_none
from backpath.web.patients.access import get_patient_for_user

from . import resources
from .resources import make

FHIR_JSON = "application/fhir+json"
INTERACTIONS = {
    "Patient": ("read",),
    "ClinicalImpression": ("read",),
    "CarePlan": ("read", "search-type"),
    "Observation": ("search-type",),
}


def _json(resource: Any, status: int = 200) -> HttpResponse:
    return HttpResponse(resource.model_dump_json(), status=status, content_type=FHIR_JSON)


def _outcome(status: int, text: str) -> HttpResponse:
    from fhir.resources.R4B.operationoutcome import OperationOutcome

    code = {401: "login", 403: "forbidden", 404: "not-found"}.get(status, "processing")
    issue = {"severity": "error", "code": code, "diagnostics": text}
    return _json(make(OperationOutcome, issue=[issue]), status)


def _client_read(view: Any) -> Any:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            client = authenticate(request, bearer_token(request))
        except ApiProblem as exc:
            return _outcome(exc.status, exc.detail)
        if client is None:
            return _outcome(401, "Send a live client token as Bearer.")
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return _outcome(404, "Not found.")

    wrapped.__name__ = view.__name__
    return require_GET(wrapped)


@require_GET
def metadata(request: HttpRequest) -> HttpResponse:
    statement = make(
        CapabilityStatement,
        status="active",
        date="2026-12-01",
        kind="instance",
        fhirVersion="4.3.0",
        format=["json"],
        rest=[
            {
                "mode": "server",
                "resource": [
                    {"type": t, "interaction": [{"code": c} for c in codes]}
                    for t, codes in INTERACTIONS.items()
                ],
                "operation": [
                    {
                        "name": "everything",
                        "definition": "http://hl7.org/fhir/OperationDefinition/Patient-everything",
                    }
                ],
            }
        ],
    )
    return _json(statement)


@_client_read
def patient(request: HttpRequest, patient_id: Any) -> HttpResponse:
    return _json(resources.patient(get_patient_for_user(request.user, patient_id)))


@_client_read
def clinical_impression(request: HttpRequest, assessment_id: Any) -> HttpResponse:
    return _json(resources.clinical_impression(_finished(request, assessment_id)))


@_client_read
def care_plan(request: HttpRequest, plan_id: Any) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    return _json(resources.care_plan(plan, resources.service_requests(plan)))


@_client_read
def everything(request: HttpRequest, patient_id: Any) -> HttpResponse:
    """The patient, and for each episode its assessments' findings and its latest plan."""
    found = get_patient_for_user(request.user, patient_id)
    out: list[Any] = [resources.patient(found)]
    for episode in found.episodes.all():
        for a in _finished_of(found).filter(episode=episode):
            out += [*resources.observations(a), resources.clinical_impression(a)]
        plan = latest_plan(episode)
        if plan is not None:
            requests = resources.service_requests(plan)
            out += [resources.care_plan(plan, requests), *requests]
    return _json(resources.bundle(out))


def _subject(request: HttpRequest) -> Any:
    """The patient of ``?subject=Patient/{id}`` (or ``?patient={id}``), through the door."""
    raw = request.GET.get("subject") or request.GET.get("patient") or ""
    patient_id = uuid_or_none(raw.removeprefix("Patient/"))
    if patient_id is None:
        raise Http404
    return get_patient_for_user(request.user, patient_id)


def _finished_of(found: Any) -> Any:
    """Finished assessments that are not voided (a voided one is read only by its id)."""
    return Assessment.objects.filter(
        episode__patient=found, status=Assessment.Status.FINAL, voided_at__isnull=True
    )


@_client_read
def observation_search(request: HttpRequest) -> HttpResponse:
    """``Observation?subject=Patient/{id}[&code=72514-3]``: a searchset Bundle."""
    found = _subject(request)
    code = request.GET.get("code", "").rpartition("|")[2]
    out = [o for a in _finished_of(found) for o in resources.observations(a)]
    out = [o for o in out if not code or code in {c.code for c in o.code.coding or []}]
    return _json(resources.bundle(out))


@_client_read
def care_plan_search(request: HttpRequest) -> HttpResponse:
    """``CarePlan?subject=Patient/{id}``: each episode's latest plan version."""
    found = _subject(request)
    plans = [latest_plan(e) for e in found.episodes.all()]
    out = [resources.care_plan(p, resources.service_requests(p)) for p in plans if p]
    return _json(resources.bundle(out))


def _finished(request: HttpRequest, assessment_id: Any) -> Assessment:
    a = get_assessment_for_user(request.user, assessment_id)
    if a.status != Assessment.Status.FINAL:
        raise Http404
    return a
