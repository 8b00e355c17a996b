"""``/fhir/``: FHIR R4 over the API clients' tokens and the one door per object.

``metadata`` (the CapabilityStatement) is public; every other read needs a live client token.
The one write is ``POST /fhir/Patient`` (a write client): a patient made from a FHIR Patient.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import orjson
import pydantic
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from backpath.core.library import default_library
from backpath.web.api import idempotency
from backpath.web.api.auth import actor_of, authenticate, bearer_token, raw_body
from backpath.web.api.problems import ApiProblem
from backpath.web.api.schemas import PatientIn
from backpath.web.assessments.access import get_assessment_for_user
from backpath.web.assessments.models import Assessment
from backpath.web.clinics.access import clinic_of
from backpath.web.followups.actions import psfs_activities
from backpath.web.followups.models import FollowUp
from backpath.web.inputs import uuid_or_none
from backpath.web.patients import actions as patient_actions
from backpath.web.patients.access import get_patient_for_user
from backpath.web.plans.access import get_plan_for_user
from backpath.web.plans.actions import latest_plan
from backpath.web.requests import AuthedRequest

from . import resources
from .resources import make

if TYPE_CHECKING:
    from backpath.web.patients.models import Patient
    from backpath.web.programmes.models import HomeOutcome

FHIR_JSON = "application/fhir+json"
INTERACTIONS = {
    "Patient": ("read", "create"),
    "ClinicalImpression": ("read",),
    "Condition": ("read", "search-type"),
    "CarePlan": ("read", "search-type"),
    "Observation": ("search-type",),
    "QuestionnaireResponse": ("search-type",),
    "ActivityDefinition": ("read", "search-type"),
}


def _json(resource: pydantic.BaseModel, status: int = 200) -> HttpResponse:
    return HttpResponse(resource.model_dump_json(), status=status, content_type=FHIR_JSON)


def _outcome(status: int, text: str, where: list[str] | None = None) -> HttpResponse:
    from fhir.resources.R4B.operationoutcome import OperationOutcome

    code = {401: "login", 403: "forbidden", 404: "not-found"}.get(status, "processing")
    if status == 400:
        code = "invalid"
    issue: dict[str, Any] = {"severity": "error", "code": code, "diagnostics": text}
    if where:
        issue["expression"] = where
    return _json(make(OperationOutcome, issue=[issue]), status)


def _client_call(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            client = authenticate(request, bearer_token(request))
        except ApiProblem as exc:
            return _outcome(exc.status, exc.detail)
        if client is None:
            return _outcome(401, "Send a live client token as Bearer.")
        request.auth = client  # type: ignore[attr-defined]
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return _outcome(404, "Not found.")
        except ApiProblem as exc:
            return _outcome(exc.status, exc.detail)

    wrapped.__name__ = view.__name__
    return wrapped


def _client_read(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    return require_GET(_client_call(view))


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
def patient(request: AuthedRequest, patient_id: uuid.UUID) -> HttpResponse:
    return _json(resources.patient(get_patient_for_user(request.user, patient_id)))


_SEX = {"female": "female", "male": "male", "other": "other", "unknown": ""}


def _patient_fields(body: object) -> dict[str, Any]:
    """Our patient's fields from a FHIR Patient: the first name (its text, or given names and
    family), birthDate, gender, and the telecom values as the contact."""
    from fhir.resources.R4B.patient import Patient as FhirPatient

    if not isinstance(body, dict) or body.get("resourceType") != "Patient":
        raise _Invalid("Send one FHIR Patient resource (resourceType Patient).", "Patient")
    if body.get("gender", "unknown") not in _SEX:  # a required binding the library leaves to us
        allowed = ", ".join(_SEX)
        raise _Invalid(f"Patient.gender: must be one of {allowed}", "Patient.gender")
    try:
        found = FhirPatient.model_validate(body)
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        where = "Patient." + ".".join(str(p) for p in first["loc"] if p != "__root__")
        raise _Invalid(f"{where}: {first['msg']}", where) from exc
    names = found.name or []
    name = ""
    if names:
        n = names[0]
        parts = [str(g) for g in n.given or []] + [str(n.family or "")]
        name = n.text or " ".join(parts).strip()
    telecom = "; ".join(t.value for t in found.telecom or [] if t.value)
    return {
        "name": name,
        "date_of_birth": found.birthDate,
        "sex": _SEX.get(found.gender or "unknown", ""),
        "contact": telecom,
    }


class _Invalid(Exception):
    def __init__(self, text: str, where: str) -> None:
        super().__init__(text)
        self.text, self.where = text, where


@csrf_exempt
@require_http_methods(["POST"])
@_client_call
def patient_create(request: AuthedRequest) -> HttpResponse:
    """``POST /fhir/Patient``: a new patient of the client's clinic (``Idempotency-Key`` kept)."""

    def run() -> HttpResponse:
        try:
            fields = _patient_fields(orjson.loads(raw_body(request)))
            data = PatientIn.model_validate(fields).dict()
        except orjson.JSONDecodeError:
            return _outcome(400, "The body is not JSON.")
        except _Invalid as exc:
            return _outcome(400, exc.text, [exc.where])
        except pydantic.ValidationError as exc:
            first = exc.errors()[0]
            field = {"name": "Patient.name", "date_of_birth": "Patient.birthDate"}.get(
                str(first["loc"][0]), f"Patient.{first['loc'][0]}"
            )
            return _outcome(400, f"{field}: {first['msg']}", [field])
        actor = actor_of(request)
        made = patient_actions.create_patient(actor, clinic_of(request.user), data)
        response = _json(resources.patient(made), 201)
        response["Location"] = f"/fhir/Patient/{made.pk}"
        return response

    return idempotency.once(request, run)


@_client_read
def clinical_impression(request: AuthedRequest, assessment_id: uuid.UUID) -> HttpResponse:
    return _json(resources.clinical_impression(_finished(request, assessment_id)))


@_client_read
def care_plan(request: AuthedRequest, plan_id: uuid.UUID) -> HttpResponse:
    plan = get_plan_for_user(request.user, plan_id)
    return _json(resources.care_plan(plan, resources.service_requests(plan)))


@_client_read
def everything(request: AuthedRequest, patient_id: uuid.UUID) -> HttpResponse:
    """The patient, and for each episode its assessments' findings and its latest plan."""
    found = get_patient_for_user(request.user, patient_id)
    out: list[Any] = [resources.patient(found)]
    for episode in found.episodes.all():
        for a in _finished_of(found).filter(episode=episode):
            out += [*resources.conditions(a), resources.clinical_impression(a)]
            out += [*resources.observations(a), *resources.questionnaire_responses(a)]
        for fu in _followups_of(found).filter(episode=episode):
            out += resources.followup_observations(fu)
        activities = psfs_activities(episode)
        for home in _home_of(found).filter(episode=episode):
            out += [*resources.home_observations(home)]
            out.append(resources.home_questionnaire_response(home, activities))
        plan = latest_plan(episode)
        if plan is not None:
            requests = resources.service_requests(plan)
            out += [resources.care_plan(plan, requests), *requests]
    return _json(resources.bundle(out))


def _subject(request: AuthedRequest) -> Patient:
    """The patient of ``?subject=Patient/{id}`` (or ``?patient={id}``), through the door."""
    raw = request.GET.get("subject") or request.GET.get("patient") or ""
    patient_id = uuid_or_none(raw.removeprefix("Patient/"))
    if patient_id is None:
        raise Http404
    return get_patient_for_user(request.user, patient_id)


def _finished_of(found: Patient) -> QuerySet[Assessment]:
    """Finished assessments that are not voided (a voided one is read only by its id)."""
    return Assessment.objects.filter(
        episode__patient=found, status=Assessment.Status.FINAL, voided_at__isnull=True
    ).select_related("episode__patient")


def _followups_of(found: Patient) -> QuerySet[FollowUp]:
    """Follow-ups that are not voided."""
    live = FollowUp.objects.filter(episode__patient=found, voided_at__isnull=True)
    return live.select_related("episode__patient")


def _home_of(found: Patient) -> QuerySet[HomeOutcome]:
    """What the patient reported at home through their links (patient-reported)."""
    from backpath.web.programmes.models import HomeOutcome

    return HomeOutcome.objects.filter(episode__patient=found).select_related("episode__patient")


def _token(request: HttpRequest, name: str) -> str:
    """A token search parameter's code (``system|code`` or ``code``)."""
    return request.GET.get(name, "").rpartition("|")[2]


@_client_read
def observation_search(request: AuthedRequest) -> HttpResponse:
    """``Observation?subject=Patient/{id}[&code=72514-3]``: a searchset Bundle."""
    found = _subject(request)
    code = _token(request, "code")
    out = [o for a in _finished_of(found) for o in resources.observations(a)]
    out += [o for fu in _followups_of(found) for o in resources.followup_observations(fu)]
    out += [o for home in _home_of(found) for o in resources.home_observations(home)]
    out = [o for o in out if not code or code in {c.code for c in o.code.coding or []}]
    return _json(resources.bundle(out))


@_client_read
def condition(request: AuthedRequest, assessment_id: uuid.UUID) -> HttpResponse:
    return _json(resources.condition(_finished(request, assessment_id)))


@_client_read
def condition_search(request: AuthedRequest) -> HttpResponse:
    """``Condition?subject=Patient/{id}``: low back pain as classified at each finished
    assessment, and sciatica where it had leg symptoms."""
    found = _subject(request)
    return _json(
        resources.bundle([c for a in _finished_of(found) for c in resources.conditions(a)])
    )


@_client_read
def questionnaire_response_search(request: AuthedRequest) -> HttpResponse:
    """``QuestionnaireResponse?subject=Patient/{id}``: answers by item number, and what the
    patient reported at home."""
    found = _subject(request)
    out = [q for a in _finished_of(found) for q in resources.questionnaire_responses(a)]
    for home in _home_of(found):
        activities = psfs_activities(home.episode)
        out.append(resources.home_questionnaire_response(home, activities))
    return _json(resources.bundle(out))


def _activity(code: str) -> Any:
    library = default_library()
    return resources.activity_definition(library.get(code), library.evidence(code))


@_client_read
def activity_definition(request: AuthedRequest, activity_id: str) -> HttpResponse:
    code = activity_id.replace("-", "_")
    if code not in default_library():
        raise Http404
    return _json(_activity(code))


@_client_read
def activity_definition_search(request: AuthedRequest) -> HttpResponse:
    """``ActivityDefinition[?code=…]``: every entry of the exercise library."""
    code = _token(request, "code")
    codes = [ex.code for ex in default_library() if not code or ex.code == code]
    return _json(resources.bundle([_activity(c) for c in codes]))


@_client_read
def care_plan_search(request: AuthedRequest) -> HttpResponse:
    """``CarePlan?subject=Patient/{id}``: each episode's latest plan version."""
    found = _subject(request)
    plans = [latest_plan(e) for e in found.episodes.all()]
    out = [resources.care_plan(p, resources.service_requests(p)) for p in plans if p]
    return _json(resources.bundle(out))


def _finished(request: AuthedRequest, assessment_id: uuid.UUID) -> Assessment:
    a = get_assessment_for_user(request.user, assessment_id)
    if a.status != Assessment.Status.FINAL:
        raise Http404
    return a
