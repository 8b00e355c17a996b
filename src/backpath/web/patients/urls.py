from django.urls import path

from backpath.web.assessments import views as assessment_views
from backpath.web.followups import views as followup_views

from . import episodes, views

app_name = "patients"
urlpatterns = [
    path("", views.patient_list, name="list"),
    path("new/", views.patient_create, name="create"),
    path("<uuid:patient_id>/", views.patient_detail, name="detail"),
    path("<uuid:patient_id>/edit/", views.patient_edit, name="edit"),
    path("<uuid:patient_id>/episodes/new/", views.episode_create, name="episode_create"),
]

# included under /episodes/ with the namespace "episodes"
episode_urls = (
    [
        path("<uuid:episode_id>/", episodes.episode_detail, name="detail"),
        path("<uuid:episode_id>/close/", episodes.episode_close, name="close"),
        path("<uuid:episode_id>/reopen/", episodes.episode_reopen, name="reopen"),
        path(
            "<uuid:episode_id>/assessments/new/",
            assessment_views.assessment_new,
            name="assessment_new",
        ),
        path("<uuid:episode_id>/followups/new/", followup_views.followup_new, name="followup_new"),
    ],
    "episodes",
)
