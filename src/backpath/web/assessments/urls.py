"""URL groups of the assessments app (included under /episodes/, /assessments/, /plans/,
/followups/ by the project's urls)."""

from django.urls import path

from . import episode_views, followup_views, plan_views, views

episode_urls = (
    [
        path("<uuid:episode_id>/", episode_views.episode_detail, name="detail"),
        path("<uuid:episode_id>/close/", episode_views.episode_close, name="close"),
        path("<uuid:episode_id>/reopen/", episode_views.episode_reopen, name="reopen"),
        path("<uuid:episode_id>/assessments/new/", views.assessment_new, name="assessment_new"),
        path("<uuid:episode_id>/followups/new/", followup_views.followup_new, name="followup_new"),
    ],
    "episodes",
)

assessment_urls = (
    [
        path("<uuid:assessment_id>/", views.assessment_result, name="result"),
        path("<uuid:assessment_id>/edit/", views.assessment_edit, name="edit"),
        path("<uuid:assessment_id>/record.json", views.assessment_record, name="record"),
        path("<uuid:assessment_id>/void/", episode_views.assessment_void, name="void"),
    ],
    "assessments",
)

plan_urls = (
    [
        path("<uuid:plan_id>/", plan_views.plan_detail, name="detail"),
        path("<uuid:plan_id>/remove/", plan_views.plan_remove, name="remove"),
        path("<uuid:plan_id>/add/", plan_views.plan_add, name="add"),
        path("<uuid:plan_id>/accept/", plan_views.plan_accept, name="accept"),
        path("<uuid:plan_id>/dose/", plan_views.plan_dose, name="dose"),
        path("<uuid:plan_id>/move/", plan_views.plan_move, name="move"),
        path("<uuid:plan_id>/note/", plan_views.plan_note, name="note"),
        path("<uuid:plan_id>/template/", plan_views.plan_template_apply, name="template_apply"),
        path("<uuid:plan_id>/save-template/", plan_views.plan_template_save, name="template_save"),
        path("<uuid:plan_id>/void/", plan_views.plan_void, name="void"),
    ],
    "plans",
)

followup_urls = (
    [
        path("<uuid:followup_id>/", followup_views.followup_detail, name="detail"),
        path("<uuid:followup_id>/accept/", followup_views.followup_accept, name="accept"),
        path("<uuid:followup_id>/void/", episode_views.followup_void, name="void"),
    ],
    "followups",
)
