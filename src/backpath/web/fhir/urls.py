"""``/fhir/`` routes."""

from django.urls import path

from . import views

app_name = "fhir"
urlpatterns = [
    path("metadata", views.metadata, name="metadata"),
    path("Patient", views.patient_create, name="patient_create"),
    path("Patient/<uuid:patient_id>", views.patient, name="patient"),
    path("Patient/<uuid:patient_id>/$everything", views.everything, name="everything"),
    path(
        "ClinicalImpression/<uuid:assessment_id>",
        views.clinical_impression,
        name="clinical_impression",
    ),
    path("CarePlan/<uuid:plan_id>", views.care_plan, name="care_plan"),
    path("CarePlan", views.care_plan_search, name="care_plan_search"),
    path("Observation", views.observation_search, name="observation_search"),
    path("Condition/<uuid:assessment_id>", views.condition, name="condition"),
    path("Condition", views.condition_search, name="condition_search"),
    path(
        "QuestionnaireResponse",
        views.questionnaire_response_search,
        name="questionnaire_response_search",
    ),
    path(
        "ActivityDefinition/<str:activity_id>",
        views.activity_definition,
        name="activity_definition",
    ),
    path("ActivityDefinition", views.activity_definition_search, name="activity_definition_search"),
]
