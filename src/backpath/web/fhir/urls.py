"""``/fhir/`` routes."""

from django.urls import path

from . import views

app_name = "fhir"
urlpatterns = [
    path("metadata", views.metadata, name="metadata"),
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
]
