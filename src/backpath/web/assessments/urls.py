"""The assessments app's URLs (included under /assessments/)."""

from django.urls import path

from backpath.web.patients import episodes

from . import views

app_name = "assessments"
urlpatterns = [
    path("<uuid:assessment_id>/", views.assessment_result, name="result"),
    path("<uuid:assessment_id>/edit/", views.assessment_edit, name="edit"),
    path("<uuid:assessment_id>/record.json", views.assessment_record, name="record"),
    path("<uuid:assessment_id>/void/", episodes.assessment_void, name="void"),
    path("<uuid:assessment_id>/accept-and-give/", views.accept_and_give, name="accept_and_give"),
]
