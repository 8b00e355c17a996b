from django.urls import path

from . import views

app_name = "questionnaires"
urlpatterns = [
    path("", views.wording_list, name="list"),
    path("<uuid:wording_id>/off/", views.wording_off, name="off"),
    path("<str:key>/", views.wording_edit, name="edit"),
]
