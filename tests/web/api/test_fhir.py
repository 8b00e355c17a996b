"""FHIR R4 read: every emitted resource validates with fhir.resources R4B, and the required
code bindings that library does not check (statuses, intents) are checked here."""

from __future__ import annotations

from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class

from tests.web.conftest import BETTER_FOLLOWUP

pytestmark = pytest.mark.django_db

# the required bindings we emit (http://hl7.org/fhir/R4B valuesets)
STATUS = {
    "Observation": {"registered", "preliminary", "final", "amended"},
    "CarePlan": {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error"},
    "ServiceRequest": {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error"},
    "ClinicalImpression": {"in-progress", "completed", "entered-in-error"},
    "CapabilityStatement": {"draft", "active", "retired", "unknown"},
}
INTENT = {
    "CarePlan": {"proposal", "plan", "order", "option"},
    "ServiceRequest": {"proposal", "plan", "directive", "order", "original-order"},
}
GENDER = {"male", "female", "other", "unknown"}


def check(resource: dict[str, Any]) -> Any:
    """Validated with the R4B model, and our required bindings."""
    kind = resource["resourceType"]
    model = get_fhir_model_class(kind).model_validate(resource)
    if kind in STATUS:
        assert resource["status"] in STATUS[kind]
    if kind in INTENT:
        assert resource["intent"] in INTENT[kind]
    if kind == "Patient":
        assert resource["gender"] in GENDER
    if kind == "CarePlan":
        for activity in resource.get("activity", []):
            assert "reference" in activity or activity["detail"]["status"] in {
                "not-started",
                "scheduled",
                "in-progress",
                "on-hold",
                "completed",
                "cancelled",
                "stopped",
                "unknown",
                "entered-in-error",
            }
    return model


def _get(api: Any, path: str) -> Any:
    response = api("get", f"/fhir/{path}")
    assert response["Content-Type"] == "application/fhir+json"
    return response


def test_metadata_is_public_and_valid(anonymous: Any) -> None:
    response = _get(anonymous, "metadata")
    assert response.status_code == 200
    check(response.json())


def test_a_patient_reads_as_fhir(harbour_api: Any, pat: Any) -> None:
    body = _get(harbour_api, f"Patient/{pat.pk}").json()
    check(body)
    assert body["birthDate"] == "1990-04-12" and body["gender"] == "female"


def test_everything_is_a_bundle_of_valid_resources(harbour_api: Any, accepted_plan: Any) -> None:
    pat = accepted_plan.episode.patient
    body = _get(harbour_api, f"Patient/{pat.pk}/$everything").json()
    check(body)
    kinds = [e["resource"]["resourceType"] for e in body["entry"]]
    for entry in body["entry"]:
        check(entry["resource"])
    assert kinds.count("Patient") == 1 and "CarePlan" in kinds and "ClinicalImpression" in kinds
    codes = {
        e["resource"]["code"]["coding"][0]["code"]
        for e in body["entry"]
        if e["resource"]["resourceType"] == "Observation"
    }
    assert codes == {"72514-3", "97909-6"}


def test_the_care_plan_has_one_request_per_exercise_and_avoids_as_do_not_perform(
    harbour_api: Any, accepted_plan: Any
) -> None:
    pat = accepted_plan.episode.patient
    entries = _get(harbour_api, f"Patient/{pat.pk}/$everything").json()["entry"]
    requests = [e["resource"] for e in entries if e["resource"]["resourceType"] == "ServiceRequest"]
    assert len(requests) == len(accepted_plan.items)
    timing = {r["code"]["coding"][1]["code"]: r.get("occurrenceTiming") for r in requests}
    assert timing["prone_press_up"] == {"repeat": {"frequency": 6, "period": 1, "periodUnit": "d"}}
    for r in requests:
        assert r["code"]["coding"][0] == {
            "system": "http://snomed.info/sct",
            "code": "229065009",
            "display": "Exercise therapy",
        }
        assert r["patientInstruction"] and r["performer"] == [{"reference": f"Patient/{pat.pk}"}]
    plan = check(_get(harbour_api, f"CarePlan/{accepted_plan.pk}").json())
    refs = {a.reference.reference for a in plan.activity if a.reference}
    assert refs == {f"ServiceRequest/{r['id']}" for r in requests}
    avoided = [a.detail for a in plan.activity if a.detail]
    assert [d.code.coding[0].code for d in avoided] == ["flexion"]
    assert all(d.doNotPerform for d in avoided)


def test_the_classification_is_a_clinical_impression(harbour_api: Any, assessment: Any) -> None:
    body = _get(harbour_api, f"ClinicalImpression/{assessment.pk}").json()
    check(body)
    finding = body["finding"][0]["itemCodeableConcept"]["coding"][0]
    assert finding["code"] == "derangement-extension"
    assert finding["system"].endswith("CodeSystem/mdt-classification")


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("Patient/{}", "patient"),
        ("Patient/{}/$everything", "patient"),
        ("ClinicalImpression/{}", "assessment"),
        ("CarePlan/{}", "plan"),
    ],
)
def test_hillside_gets_404_for_harbours_resources(
    hillside_api: Any, anonymous: Any, accepted_plan: Any, path: str, kind: str
) -> None:
    objects = {
        "patient": accepted_plan.episode.patient,
        "assessment": accepted_plan.assessment,
        "plan": accepted_plan,
    }
    url = path.format(objects[kind].pk)
    response = _get(hillside_api, url)
    assert response.status_code == 404
    check(response.json())
    assert _get(anonymous, url).status_code == 401


def test_observations_are_searched_by_subject_and_code(harbour_api: Any, assessment: Any) -> None:
    pat = assessment.episode.patient
    body = _get(harbour_api, f"Observation?subject=Patient/{pat.pk}&code=72514-3").json()
    check(body)
    assert body["type"] == "searchset" and body["total"] == 2  # back and leg, told by site
    sites = {}
    for entry in body["entry"]:
        nrs = check(entry["resource"])
        assert nrs.subject.reference == f"Patient/{pat.pk}"
        sites[nrs.bodySite.coding[0].code] = nrs.valueQuantity.value
    assert sites == {"37822005": 6, "61685007": 4}  # lower back 6/10, lower limb 4/10
    loinc = _get(harbour_api, f"Observation?subject=Patient/{pat.pk}&code=http://loinc.org|97909-6")
    assert loinc.json()["entry"][0]["resource"]["valueQuantity"]["value"] == 36.0


def test_care_plans_are_searched_by_subject(harbour_api: Any, accepted_plan: Any) -> None:
    pat = accepted_plan.episode.patient
    body = _get(harbour_api, f"CarePlan?subject=Patient/{pat.pk}").json()
    check(body)
    assert [e["resource"]["id"] for e in body["entry"]] == [str(accepted_plan.pk)]
    assert body["entry"][0]["resource"]["status"] == "active"


@pytest.mark.parametrize("kind", ["Observation", "CarePlan"])
def test_a_search_for_another_clinics_patient_is_a_404(
    hillside_api: Any, accepted_plan: Any, kind: str
) -> None:
    pat = accepted_plan.episode.patient
    assert _get(hillside_api, f"{kind}?subject=Patient/{pat.pk}").status_code == 404
    assert _get(hillside_api, f"{kind}?subject=nonsense").status_code == 404


def test_a_read_client_reads_fhir_but_metadata_claims_only_what_exists(
    harbour_reader: Any, pat: Any
) -> None:
    assert _get(harbour_reader, f"Patient/{pat.pk}").status_code == 200
    statement = _get(harbour_reader, "metadata").json()
    from backpath.web.fhir.urls import urlpatterns

    routes = {str(p.pattern).split("/")[0] for p in urlpatterns}
    assert {r["type"] for r in statement["rest"][0]["resource"]} <= routes


def _kinds(body: dict[str, Any]) -> list[str]:
    return [e["resource"]["resourceType"] for e in body["entry"]]


def test_the_classification_is_a_provisional_low_back_pain_condition(
    harbour_api: Any, actor: Any, assessment: Any
) -> None:
    import datetime as dt

    from backpath.web.patients.actions import close_episode

    body = _get(harbour_api, f"Condition/{assessment.pk}").json()
    cond = check(body)
    assert [(c.system, c.code) for c in cond.code.coding] == [
        ("http://snomed.info/sct", "279039007"),
        ("https://backpath.org/fhir/CodeSystem/mdt-classification", "derangement-extension"),
    ]
    assert cond.clinicalStatus.coding[0].code == "active"
    assert cond.verificationStatus.coding[0].code == "provisional"
    assert cond.evidence[0].detail[0].reference == f"ClinicalImpression/{assessment.pk}"
    close_episode(actor, assessment.episode, dt.date(2026, 12, 1), "discharged_improved")
    closed = check(_get(harbour_api, f"Condition/{assessment.pk}").json())
    assert closed.clinicalStatus.coding[0].code == "resolved"
    assert closed.abatementDateTime.isoformat() == "2026-12-01"
    pat = assessment.episode.patient
    search = check(_get(harbour_api, f"Condition?subject=Patient/{pat.pk}").json())
    found = {e.resource.id: e.resource for e in search.entry or []}
    assert set(found) == {str(assessment.pk), f"{assessment.pk}-sciatica"}  # left thigh pain
    sciatica = found[f"{assessment.pk}-sciatica"]
    assert sciatica.code.coding[0].code == "23056005" and sciatica.code.text == "Sciatica (left)"


def test_back_pain_alone_is_not_sciatica(harbour_api: Any, make_assessment: Any) -> None:
    a = make_assessment(
        symptoms=[{"region": "back", "side": "central", "kind": "pain", "intensity": 6}]
    )
    search = check(_get(harbour_api, f"Condition?subject=Patient/{a.episode.patient.pk}").json())
    assert [e.resource.code.coding[0].code for e in search.entry or []] == ["279039007"]


def test_questionnaire_answers_go_by_item_number_without_wording(
    harbour_api: Any, make_assessment: Any
) -> None:
    psfs = [{"activity": "sitting through a film", "score": 3}]
    a = make_assessment(
        instruments={
            "nrs_back": 6,
            "odi": [3, 2, 2, 3, 2, 1, 2, 0, 2, 1],
            "start_back": [1, 0, 1, 0, 1, 1, 0, 0, 2],
            "psfs": psfs,
        }
    )
    pat = a.episode.patient
    body = check(_get(harbour_api, f"QuestionnaireResponse?subject=Patient/{pat.pk}").json())
    forms = {r.resource.questionnaire: r.resource for r in body.entry or []}
    base = "https://backpath.org/fhir/Questionnaire/"
    assert set(forms) == {f"{base}odi_2.1a", f"{base}start_back_9", f"{base}psfs"}
    odi = forms[f"{base}odi_2.1a"]
    assert [i.linkId for i in odi.item] == [str(n) for n in range(1, 11)]
    assert [i.answer[0].valueInteger for i in odi.item] == [3, 2, 2, 3, 2, 1, 2, 0, 2, 1]
    assert all(i.text is None for i in odi.item)  # the licensed wording is never sent
    assert forms[f"{base}psfs"].item[0].text == "sitting through a film"
    observed = check(_get(harbour_api, f"Observation?subject=Patient/{pat.pk}").json())
    start_back = [
        o.resource for o in observed.entry or [] if o.resource.code.coding[0].code == "91351-7"
    ]
    assert len(start_back) == 1 and start_back[0].valueQuantity.value == 4
    distress, risk = start_back[0].component
    assert distress.code.coding[0].code == "91350-9" and distress.valueQuantity.value == 2
    assert (
        risk.code.coding[0].code == "91352-5" and risk.valueString == "medium risk"
    )  # total 4, distress 2


def test_follow_up_scores_are_observations_on_their_visit_date(
    harbour_api: Any, as_alice: Any, accepted_plan: Any
) -> None:
    from django.urls import reverse

    episode = accepted_plan.episode
    form = BETTER_FOLLOWUP
    assert (
        as_alice.post(reverse("episodes:followup_new", args=[episode.pk]), form).status_code == 302
    )
    pat = episode.patient
    body = check(_get(harbour_api, f"Observation?subject=Patient/{pat.pk}&code=72514-3").json())
    later = [
        e.resource
        for e in body.entry or []
        if e.resource.effectiveDateTime.isoformat() == "2026-11-12"
    ]
    assert sorted(o.valueQuantity.value for o in later) == [0, 2]
    everything = _get(harbour_api, f"Patient/{pat.pk}/$everything").json()
    assert {"Condition", "QuestionnaireResponse", "Observation"} <= set(_kinds(everything))


def test_the_library_reads_as_activity_definitions(harbour_api: Any, anonymous: Any) -> None:
    press_up = check(_get(harbour_api, "ActivityDefinition/prone-press-up").json())
    assert press_up.doNotPerform is False and press_up.dosage and press_up.kind == "ServiceRequest"
    assert press_up.code.coding[0].code == "prone_press_up"
    heat = check(_get(harbour_api, "ActivityDefinition/heat-pack").json())
    assert heat.doNotPerform is True and heat.usage  # the clinic's evidence stance, in words
    assert _get(harbour_api, "ActivityDefinition/no-such-thing").status_code == 404
    assert _get(anonymous, "ActivityDefinition/heat-pack").status_code == 401
    from backpath.core.library import default_library

    every = check(_get(harbour_api, "ActivityDefinition").json())
    assert every.total == len(default_library())
    one = check(_get(harbour_api, "ActivityDefinition?code=prone_press_up").json())
    assert [e.resource.id for e in one.entry or []] == ["prone-press-up"]


@pytest.mark.parametrize("kind", ["Condition", "QuestionnaireResponse"])
def test_other_clinics_get_404_for_conditions_and_answers(
    hillside_api: Any, assessment: Any, kind: str
) -> None:
    pat = assessment.episode.patient
    assert _get(hillside_api, f"{kind}?subject=Patient/{pat.pk}").status_code == 404
    if kind == "Condition":
        assert _get(hillside_api, f"Condition/{assessment.pk}").status_code == 404


PATIENT = {
    "resourceType": "Patient",
    "name": [{"given": ["Sam"], "family": "Okafor"}],
    "birthDate": "1984-02-29",
    "gender": "male",
    "telecom": [{"system": "phone", "value": "+44 20 7946 0000"}],
}


def _post(api: Any, body: Any, **headers: str) -> Any:
    return api("post", "/fhir/Patient", body, **headers)


def test_a_patient_is_imported_from_a_fhir_patient(harbour_api: Any, as_alice: Any) -> None:
    from backpath.web.patients.models import Patient

    response = _post(harbour_api, PATIENT, Idempotency_Key="import-1")
    assert response.status_code == 201
    made = Patient.objects.get()
    assert (made.name, made.date_of_birth.isoformat(), made.sex) == (
        "Sam Okafor",
        "1984-02-29",
        "male",
    )
    assert made.contact == "+44 20 7946 0000" and made.clinic.name == "Harbour Physio"
    assert response["Location"] == f"/fhir/Patient/{made.pk}"
    assert check(response.json()).id == str(made.pk)
    again = _post(harbour_api, PATIENT, Idempotency_Key="import-1")  # a retry makes nothing new
    assert again.status_code == 201 and Patient.objects.count() == 1
    assert as_alice.get(f"/patients/{made.pk}/").status_code == 200  # on the clinic's pages


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({**PATIENT, "birthDate": "29/02/1984"}, "Patient.birthDate"),
        ({k: v for k, v in PATIENT.items() if k != "birthDate"}, "Patient.birthDate"),
        ({**PATIENT, "name": []}, "Patient.name"),
        ({**PATIENT, "gender": "robot"}, "Patient.gender"),
        ({**PATIENT, "resourceType": "Observation"}, "Patient"),
        ([1, 2], "Patient"),
    ],
)
def test_a_bad_patient_is_a_400_naming_the_element_and_saves_nothing(
    harbour_api: Any, body: Any, where: str
) -> None:
    from backpath.web.patients.models import Patient

    response = _post(harbour_api, body)
    assert response.status_code == 400
    issue = check(response.json()).issue[0]
    assert issue.code == "invalid" and issue.expression[0].startswith(where)
    assert not Patient.objects.exists()


def test_a_read_client_cannot_import(harbour_reader: Any, anonymous: Any) -> None:
    assert _post(harbour_reader, PATIENT).status_code == 403
    assert _post(anonymous, PATIENT).status_code == 401


def test_outcomes_given_at_home_are_patient_reported_observations_and_answers(
    harbour_api: Any, actor: Any, hep_link: Any
) -> None:
    from backpath.web.programmes.actions import record_home_outcome

    link, _ = hep_link
    home = record_home_outcome(actor, link, 3, 1, [])
    pat = link.episode.patient
    body = check(_get(harbour_api, f"Observation?subject=Patient/{pat.pk}&code=72514-3").json())
    at_home = [e.resource for e in body.entry or [] if e.resource.id.startswith(f"{home.pk}-home")]
    assert sorted(o.valueQuantity.value for o in at_home) == [1, 3]
    assert all(o.performer[0].reference == f"Patient/{pat.pk}" for o in at_home)
    answers = check(_get(harbour_api, f"QuestionnaireResponse?subject=Patient/{pat.pk}").json())
    (mine,) = [e.resource for e in answers.entry or [] if e.resource.id == f"{home.pk}-home"]
    assert mine.author.reference == f"Patient/{pat.pk}"
    assert {i.linkId: i.answer[0].valueInteger for i in mine.item} == {"nrs_back": 3, "nrs_leg": 1}
    everything = _get(harbour_api, f"Patient/{pat.pk}/$everything").json()
    ids = {e["resource"]["id"] for e in everything["entry"]}
    assert f"{home.pk}-home" in ids and f"{home.pk}-home-nrs-back" in ids
