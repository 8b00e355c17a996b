"""The plans app's URLs (included under /plans/)."""

from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("<uuid:plan_id>/", views.plan_detail, name="detail"),
    path("<uuid:plan_id>/remove/", views.plan_remove, name="remove"),
    path("<uuid:plan_id>/add/", views.plan_add, name="add"),
    path("<uuid:plan_id>/accept/", views.plan_accept, name="accept"),
    path("<uuid:plan_id>/dose/", views.plan_dose, name="dose"),
    path("<uuid:plan_id>/move/", views.plan_move, name="move"),
    path("<uuid:plan_id>/note/", views.plan_note, name="note"),
    path("<uuid:plan_id>/template/", views.plan_template_apply, name="template_apply"),
    path("<uuid:plan_id>/save-template/", views.plan_template_save, name="template_save"),
    path("<uuid:plan_id>/void/", views.plan_void, name="void"),
]
