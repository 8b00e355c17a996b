"""Our rows as FHIR R4B resources. Each builder returns a validated ``fhir.resources`` model.

Codes: LOINC 72514-3 (pain severity 0–10, the back NRS) and 97909-6 (ODI score), SNOMED
229065009 (exercise therapy); the MDT classification has no standard code, so it sits under
our local CodeSystem :data:`MDT_SYSTEM`.
"""

from __future__ import annotations

from typing import Any, TypeVar

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.clinicalimpression import ClinicalImpression
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient as FhirPatient
from fhir.resources.R4B.servicerequest import ServiceRequest
from pydantic import BaseModel

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
MDT_SYSTEM = "https://backpath.org/fhir/CodeSystem/mdt-classification"
EXERCISE_SYSTEM = "https://backpath.org/fhir/CodeSystem/exercise"
DIRECTION_SYSTEM = "https://backpath.org/fhir/CodeSystem/movement-direction"
NRS_BACK = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
ODI = ("97909-6", "Oswestry Disability Index score")
EXERCISE_THERAPY = ("229065009", "Exercise therapy")
M = TypeVar("M", bound=BaseModel)
_GENDER = {"female": "female", "male": "male", "other": "other"}


def make(model: type[M], **fields: Any) -> M:
    """``model`` validated from plain JSON-like ``fields`` (as it would be parsed)."""
    return model.model_validate(fields)


def _code(system: str, pair: tuple[str, str]) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": pair[0], "display": pair[1]}], "text": pair[1]}


def _ref(kind: str, obj: Any) -> dict[str, str]:
    return {"reference": f"{kind}/{obj.pk}"}


def patient(p: Any) -> FhirPatient:
    return make(
        FhirPatient,
        id=str(p.pk),
        name=[{"text": p.name}],
        birthDate=p.date_of_birth,
        gender=_GENDER.get(p.sex, "unknown"),
    )


def _observation(oid: str, a: Any, code: tuple[str, str], value: Any, unit: str) -> Observation:
    return make(
        Observation,
        id=oid,
        status="entered-in-error" if a.voided_at else "final",
        category=[
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "survey",
                    }
                ]
            }
        ],
        code=_code(LOINC, code),
        subject=_ref("Patient", a.episode.patient),
        effectiveDateTime=a.assessed_on.isoformat(),
        valueQuantity={"value": value, "unit": unit},
    )


def observations(a: Any) -> list[Observation]:
    """The back NRS and ODI of one finished assessment (those it has)."""
    scores = (a.result or {}).get("scores") or {}
    found = []
    nrs = (scores.get("nrs_back") or {}).get("score")
    if nrs is not None:
        found.append(_observation(f"{a.pk}-nrs-back", a, NRS_BACK, nrs, "score"))
    odi = (scores.get("odi") or {}).get("percent")
    if odi is not None:
        found.append(_observation(f"{a.pk}-odi", a, ODI, odi, "%"))
    return found


def clinical_impression(a: Any) -> ClinicalImpression:
    cls = (a.result or {}).get("classification") or {}
    code = "-".join(p for p in (cls.get("syndrome"), cls.get("subgroup")) if p) or "unclassified"
    return make(
        ClinicalImpression,
        id=str(a.pk),
        status="entered-in-error" if a.voided_at else "completed",
        subject=_ref("Patient", a.episode.patient),
        effectiveDateTime=a.assessed_on.isoformat(),
        summary=" ".join(cls.get("reasons") or []) or None,
        finding=[
            {
                "itemCodeableConcept": {
                    "coding": [{"system": MDT_SYSTEM, "code": code}],
                    "text": code.replace("-", " "),
                },
                "basis": f"rule {cls.get('rule', '')}".strip(),
            }
        ],
    )


def service_requests(plan: Any) -> list[ServiceRequest]:
    patient_ref = _ref("Patient", plan.episode.patient)
    return [
        make(
            ServiceRequest,
            id=f"{plan.pk}-{n}",  # a FHIR id: letters, digits, - and . only
            status=_plan_status(plan),
            intent="plan",
            code={
                "coding": [
                    {"system": SNOMED, "code": EXERCISE_THERAPY[0], "display": EXERCISE_THERAPY[1]},
                    {"system": EXERCISE_SYSTEM, "code": item["exercise"], "display": item["name"]},
                ],
                "text": item["name"],
            },
            subject=patient_ref,
            performer=[patient_ref],
            patientInstruction=item.get("reason") or item["name"],
        )
        for n, item in enumerate(plan.items, start=1)
    ]


def care_plan(plan: Any, requests: list[ServiceRequest]) -> CarePlan:
    activities: list[dict[str, Any]] = [
        {"reference": {"reference": f"ServiceRequest/{r.id}"}} for r in requests
    ]
    for avoided in plan.avoid or []:
        activities.append(
            {
                "detail": {
                    "kind": "ServiceRequest",
                    "code": {
                        "coding": [{"system": DIRECTION_SYSTEM, "code": avoided["direction"]}],
                        "text": f"Avoid {avoided['direction']}",
                    },
                    "status": "not-started",
                    "doNotPerform": True,
                    "description": avoided.get("reason") or None,
                }
            }
        )
    return make(
        CarePlan,
        id=str(plan.pk),
        status=_plan_status(plan),
        intent="plan",
        title=f"Home programme v{plan.number} ({plan.stage})",
        subject=_ref("Patient", plan.episode.patient),
        activity=activities,
    )


def bundle(resources: list[Any]) -> Bundle:
    return make(
        Bundle,
        type="searchset",
        total=len(resources),
        entry=[
            {"fullUrl": f"urn:backpath:{r.get_resource_type()}/{r.id}", "resource": r}
            for r in resources
        ],
    )


def _plan_status(plan: Any) -> str:
    """A voided plan version was entered in error: never presented as active."""
    if plan.voided_at is not None:
        return "entered-in-error"
    return "active" if plan.accepted_at else "draft"
