"""Our rows as FHIR R4B resources. Each builder returns a validated ``fhir.resources`` model.

Codes: LOINC 72514-3 (pain severity 0–10; the back and leg NRS told apart by ``bodySite``,
SNOMED 37822005 lower back / 61685007 lower limb) and 97909-6 (ODI score), SNOMED 229065009
(exercise therapy) and 279039007 (low back pain). The MDT classification, the RMDQ, STarT Back
and PSFS totals and the library's exercises have no standard code we can assert, so they sit
under our local CodeSystems (:data:`MDT_SYSTEM`, :data:`INSTRUMENT_SYSTEM`,
:data:`EXERCISE_SYSTEM`). Questionnaire answers are sent by item number only
(``QuestionnaireResponse.item.linkId``): backpath never holds the licensed wording.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model
from fhir.resources.R4B.activitydefinition import ActivityDefinition
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.clinicalimpression import ClinicalImpression
from fhir.resources.R4B.condition import Condition
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient as FhirPatient
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir.resources.R4B.resource import Resource
from fhir.resources.R4B.servicerequest import ServiceRequest
from pydantic import BaseModel

from backpath.core.instruments import get_instrument
from backpath.core.library import Evidence, Exercise
from backpath.core.plan.edit import prescribable
from backpath.web.followups.outcomes import odi_percent

if TYPE_CHECKING:
    from backpath.web.assessments.models import Assessment
    from backpath.web.followups.models import FollowUp
    from backpath.web.patients.models import Patient
    from backpath.web.plans.models import PlanVersion
    from backpath.web.programmes.models import HomeOutcome

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
MDT_SYSTEM = "https://backpath.org/fhir/CodeSystem/mdt-classification"
EXERCISE_SYSTEM = "https://backpath.org/fhir/CodeSystem/exercise"
DIRECTION_SYSTEM = "https://backpath.org/fhir/CodeSystem/movement-direction"
INSTRUMENT_SYSTEM = "https://backpath.org/fhir/CodeSystem/instrument"
QUESTIONNAIRE_BASE = "https://backpath.org/fhir/Questionnaire/"
ACTIVITY_BASE = "https://backpath.org/fhir/ActivityDefinition/"
TERMINOLOGY = "http://terminology.hl7.org/CodeSystem/"
PAIN_NRS = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
NRS_BACK = PAIN_NRS
ODI = ("97909-6", "Oswestry Disability Index score")
EXERCISE_THERAPY = ("229065009", "Exercise therapy")
LOW_BACK_PAIN = ("279039007", "Low back pain")
SCIATICA = ("23056005", "Sciatica")
START_BACK_TOTAL = ("91351-7", "STarT Back Screening Tool total score")
START_BACK_DISTRESS = ("91350-9", "STarT Back Screening Tool distress subscore")
START_BACK_RISK = ("91352-5", "STarT Back Screening Tool risk")
LEG_REGIONS = frozenset({"thigh", "leg", "foot"})  # symptoms there: referred into the leg
LOWER_BACK = ("37822005", "Lower back structure")
LOWER_LIMB = ("61685007", "Lower limb structure")
# score key → (code system, (code, display), the score's field, unit, body site)
SCORES: dict[str, tuple[str, tuple[str, str], str, str, tuple[str, str] | None]] = {
    "nrs_back": (LOINC, PAIN_NRS, "score", "score", LOWER_BACK),
    "nrs_leg": (LOINC, PAIN_NRS, "score", "score", LOWER_LIMB),
    "odi": (LOINC, ODI, "percent", "%", None),
    "rmdq": (
        INSTRUMENT_SYSTEM,
        ("rmdq_24", "Roland-Morris disability total (0-24)"),
        "total",
        "score",
        None,
    ),
    "start_back": (LOINC, START_BACK_TOTAL, "total", "score", None),
    "psfs": (
        INSTRUMENT_SYSTEM,
        ("psfs", "Patient-specific functional scale, mean (0-10)"),
        "mean",
        "score",
        None,
    ),
}
# the record's instrument → the registry key its answers are scored by (item numbers only)
QUESTIONNAIRES = {"odi": "odi_2.1a", "rmdq": "rmdq_24", "start_back": "start_back_9"}
M = TypeVar("M", bound=BaseModel)
_GENDER = {"female": "female", "male": "male", "other": "other"}


def make(model: type[M], **fields: Any) -> M:
    """``model`` validated from plain JSON-like ``fields`` (as it would be parsed)."""
    return model.model_validate(fields)


def _code(system: str, pair: tuple[str, str]) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": pair[0], "display": pair[1]}], "text": pair[1]}


def _ref(kind: str, obj: Model) -> dict[str, str]:
    return {"reference": f"{kind}/{obj.pk}"}


def patient(p: Patient) -> FhirPatient:
    return make(
        FhirPatient,
        id=str(p.pk),
        name=[{"text": p.name}],
        birthDate=p.date_of_birth,
        gender=_GENDER.get(p.sex, "unknown"),
    )


def _observation(
    oid: str, patient: Patient, when: str, key: str, score: dict[str, Any], by_patient: bool = False
) -> Observation:
    system, code, field, unit, site = SCORES[key]
    fields: dict[str, Any] = {
        "id": oid,
        "status": "final",
        "category": [
            {"coding": [{"system": f"{TERMINOLOGY}observation-category", "code": "survey"}]}
        ],
        "code": _code(system, code),
        "subject": _ref("Patient", patient),
        "effectiveDateTime": when,
        "valueQuantity": {"value": score[field], "unit": unit},
    }
    if site is not None:
        fields["bodySite"] = _code(SNOMED, site)
    if by_patient:  # reported by the patient at home, through their link
        fields["performer"] = [_ref("Patient", patient)]
        fields["note"] = [{"text": "Patient-reported at home."}]
    if key == "start_back":
        fields["interpretation"] = [{"text": f"{score['risk']} risk"}]
        fields["component"] = [
            {
                "code": _code(LOINC, START_BACK_DISTRESS),
                "valueQuantity": {"value": score["psychosocial"], "unit": "score"},
            },
            {"code": _code(LOINC, START_BACK_RISK), "valueString": f"{score['risk']} risk"},
        ]
    return make(Observation, **fields)


def score_observations(
    prefix: str, patient: Patient, when: str, scores: dict[str, Any], by_patient: bool = False
) -> list[Observation]:
    """One Observation per scored instrument in ``scores`` (the core's ``score_instruments``
    shape); a form that could not be scored (``{"error": …}``) is left out."""
    found = []
    for key, (_, _, field, _, _) in SCORES.items():
        score = scores.get(key) or {}
        if score.get(field) is not None:
            oid = f"{prefix}-{key.replace('_', '-')}"
            found.append(_observation(oid, patient, when, key, score, by_patient))
    return found


def home_scores(home: HomeOutcome) -> dict[str, Any]:
    """What the patient reported at home, in the core's ``score_instruments`` shape."""
    scores: dict[str, Any] = {}
    for key in ("nrs_back", "nrs_leg"):
        if getattr(home, key) is not None:
            scores[key] = {"score": getattr(home, key)}
    answered = [v for v in home.psfs or [] if v is not None]
    if answered:
        scores["psfs"] = get_instrument("psfs").score(answered)
    for key, given in (home.questionnaires or {}).items():  # the clinic's licensed ODI, RMDQ
        scores[key.partition("_")[0]] = get_instrument(key).score(given["values"])
    return scores


def home_observations(home: HomeOutcome) -> list[Observation]:
    """A patient's scores given at home, each with the patient as performer."""
    patient = home.episode.patient
    when = home.at.isoformat()
    return score_observations(f"{home.pk}-home", patient, when, home_scores(home), True)


def home_questionnaire_response(home: HomeOutcome, activities: list[str]) -> QuestionnaireResponse:
    """The answers the patient gave at home by item (NRS back and leg, each PSFS activity in
    the patient's own words, the clinic's licensed ODI or RMDQ as ``odi_2.1a-N`` /
    ``rmdq_24-N`` without the wording), authored by the patient."""
    patient = _ref("Patient", home.episode.patient)
    items: list[dict[str, Any]] = [
        {"linkId": key, "text": text, "answer": [{"valueInteger": getattr(home, key)}]}
        for key, text in (("nrs_back", "back pain 0-10"), ("nrs_leg", "leg pain 0-10"))
        if getattr(home, key) is not None
    ]
    for n, value in enumerate(home.psfs or [], start=1):
        if value is not None:
            text = activities[n - 1] if n <= len(activities) else f"activity {n}"
            items.append({"linkId": f"psfs-{n}", "text": text, "answer": [{"valueInteger": value}]})
    for key, given in (home.questionnaires or {}).items():  # by item number, never the wording
        items += [
            {"linkId": f"{key}-{n}", "answer": [{"valueInteger": v}]}
            for n, v in enumerate(given["values"], start=1)
            if v is not None
        ]
    return make(
        QuestionnaireResponse,
        id=f"{home.pk}-home",
        questionnaire=f"{QUESTIONNAIRE_BASE}home-outcomes",
        status="completed",
        subject=patient,
        author=patient,
        source=patient,
        authored=home.at.isoformat(),
        item=items or None,
    )


def observations(a: Assessment) -> list[Observation]:
    """The scores of one finished assessment (those it has)."""
    scores = (a.result or {}).get("scores") or {}
    return score_observations(str(a.pk), a.episode.patient, a.assessed_on.isoformat(), scores)


def followup_scores(fu: FollowUp) -> dict[str, Any]:
    """A follow-up's scores in the core's ``score_instruments`` shape, scored by the registry."""
    rec = fu.record or {}
    scores: dict[str, Any] = {}
    for key in ("nrs_back", "nrs_leg"):
        if rec.get(key) is not None:
            scores[key] = {"score": rec[key]}
    odi = odi_percent(rec.get("odi"))  # None when not scorable: no Observation
    if odi is not None:
        scores["odi"] = {"percent": odi}
    if fu.psfs:
        scores["psfs"] = get_instrument("psfs").score(fu.psfs)
    return scores


def followup_observations(fu: FollowUp) -> list[Observation]:
    return score_observations(
        f"{fu.pk}", fu.episode.patient, fu.seen_on.isoformat(), followup_scores(fu)
    )


def questionnaire_responses(a: Assessment) -> list[QuestionnaireResponse]:
    """The item answers of one finished assessment's questionnaires, by item number. PSFS
    items carry the patient's own activity as their text (their words, not a licensed form)."""
    instruments = (a.record or {}).get("instruments") or {}
    forms: list[tuple[str, list[dict[str, Any]]]] = []
    for field, key in QUESTIONNAIRES.items():
        values = instruments.get(field)
        if values:
            items = [
                {"linkId": str(n), "answer": [{"valueInteger": v}]}
                for n, v in enumerate(values, start=1)
                if v is not None
            ]
            forms.append((key, items))
    if instruments.get("psfs"):
        items = [
            {
                "linkId": str(n),
                "text": item["activity"],
                "answer": [{"valueInteger": item["score"]}],
            }
            for n, item in enumerate(instruments["psfs"], start=1)
        ]
        forms.append(("psfs", items))
    return [
        make(
            QuestionnaireResponse,
            id=f"{a.pk}-{key.replace('_', '-').replace('.', '-')}",
            questionnaire=f"{QUESTIONNAIRE_BASE}{key}",
            status="completed",
            subject=_ref("Patient", a.episode.patient),
            authored=a.assessed_on.isoformat(),
            item=items,
        )
        for key, items in forms
    ]


def _classification_code(a: Assessment) -> tuple[str, dict[str, Any]]:
    cls = (a.result or {}).get("classification") or {}
    code = "-".join(p for p in (cls.get("syndrome"), cls.get("subgroup")) if p) or "unclassified"
    return code, cls


def condition(a: Assessment) -> Condition:
    """The episode's low back pain, coded SNOMED and by its MDT classification at this
    assessment; provisional (a working classification), resolved once the episode is closed."""
    code, cls = _classification_code(a)
    clinical = "resolved" if a.episode.closed_on else "active"
    fields: dict[str, Any] = {
        "id": str(a.pk),
        "clinicalStatus": {
            "coding": [{"system": f"{TERMINOLOGY}condition-clinical", "code": clinical}]
        },
        "verificationStatus": {
            "coding": [{"system": f"{TERMINOLOGY}condition-ver-status", "code": "provisional"}]
        },
        "category": [
            {
                "coding": [
                    {"system": f"{TERMINOLOGY}condition-category", "code": "encounter-diagnosis"}
                ]
            }
        ],
        "code": {
            "coding": [
                {"system": SNOMED, "code": LOW_BACK_PAIN[0], "display": LOW_BACK_PAIN[1]},
                {"system": MDT_SYSTEM, "code": code},
            ],
            "text": f"{LOW_BACK_PAIN[1]}: {code.replace('-', ' ')}",
        },
        "bodySite": [_code(SNOMED, LOWER_BACK)],
        "subject": _ref("Patient", a.episode.patient),
        "onsetDateTime": a.episode.started_on.isoformat(),
        "recordedDate": a.assessed_on.isoformat(),
        "evidence": [{"detail": [{"reference": f"ClinicalImpression/{a.pk}"}]}],
        "note": [{"text": " ".join(cls.get("reasons") or [])}] if cls.get("reasons") else None,
    }
    if a.episode.closed_on:
        fields["abatementDateTime"] = a.episode.closed_on.isoformat()
    return make(Condition, **{k: v for k, v in fields.items() if v is not None})


def conditions(a: Assessment) -> list[Condition]:
    """Low back pain, and sciatica (SNOMED 23056005) when the body chart has symptoms in the
    thigh, leg or foot."""
    found = [condition(a)]
    symptoms = (a.record or {}).get("symptoms") or []
    if any(s.get("region") in LEG_REGIONS for s in symptoms):
        back = found[0]
        sides = sorted({s["side"] for s in symptoms if s.get("region") in LEG_REGIONS})
        found.append(
            make(
                Condition,
                **{
                    **back.model_dump(mode="json", exclude_none=True),
                    "id": f"{a.pk}-sciatica",
                    "code": {
                        "coding": [{"system": SNOMED, "code": SCIATICA[0], "display": SCIATICA[1]}],
                        "text": f"{SCIATICA[1]} ({', '.join(sides)})",
                    },
                    "bodySite": [_code(SNOMED, LOWER_LIMB)],
                },
            )
        )
    return found


def activity_id(code: str) -> str:
    """A library code as a FHIR id (letters, digits, ``-`` and ``.`` only)."""
    return code.replace("_", "-")


def activity_definition(ex: Exercise, evidence: Evidence | None) -> ActivityDefinition:
    """One library entry. Entries backpath never puts in a home programme (passive treatments,
    rest, clinic-only techniques) are ``doNotPerform`` with the clinic's evidence stance."""
    home = prescribable(ex.code)
    description = ex.purpose
    if ex.steps:
        description += "\n\n" + "\n".join(f"{n}. {step}" for n, step in enumerate(ex.steps, 1))
    fields: dict[str, Any] = {
        "id": activity_id(ex.code),
        "url": f"{ACTIVITY_BASE}{activity_id(ex.code)}",
        "name": "".join(part.capitalize() for part in ex.code.split("_")),
        "title": ex.name,
        "subtitle": ex.patient_name if ex.patient_name != ex.name else None,
        "status": "active",
        "kind": "ServiceRequest",
        "intent": "proposal",
        "code": {"coding": [{"system": EXERCISE_SYSTEM, "code": ex.code, "display": ex.name}]},
        "topic": [{"text": ex.category.replace("_", " ")}],
        "description": description or None,
        "doNotPerform": not home,
        "usage": evidence.rationale if evidence is not None and not home else None,
        "dosage": [{"text": ex.dose.text()}] if home else None,
        "participant": [{"type": "patient"}] if home else None,
    }
    return make(ActivityDefinition, **{k: v for k, v in fields.items() if v is not None})


def clinical_impression(a: Assessment) -> ClinicalImpression:
    code, cls = _classification_code(a)
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


def service_requests(plan: PlanVersion) -> list[ServiceRequest]:
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
            **_timing(item.get("dose") or {}),
        )
        for n, item in enumerate(plan.items, start=1)
    ]


def _timing(dose: dict[str, Any]) -> dict[str, Any]:
    """``occurrenceTiming``: so many times a day (and for so long, when the dose is minutes)."""
    repeat: dict[str, Any] = {}
    if dose.get("times_per_day"):
        repeat.update(frequency=dose["times_per_day"], period=1, periodUnit="d")
    if dose.get("minutes"):
        repeat.update(duration=dose["minutes"], durationUnit="min")
    return {"occurrenceTiming": {"repeat": repeat}} if repeat else {}


def care_plan(plan: PlanVersion, requests: list[ServiceRequest]) -> CarePlan:
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


def bundle(resources: Sequence[Resource]) -> Bundle:
    return make(
        Bundle,
        type="searchset",
        total=len(resources),
        entry=[
            {"fullUrl": f"urn:backpath:{r.get_resource_type()}/{r.id}", "resource": r}
            for r in resources
        ],
    )


def _plan_status(plan: PlanVersion) -> str:
    """A voided plan version was entered in error: never presented as active."""
    if plan.voided_at is not None:
        return "entered-in-error"
    return "active" if plan.accepted_at else "draft"
