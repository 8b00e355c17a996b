from django.urls import path

from . import views

app_name = "inbox"
urlpatterns = [
    path("", views.inbox, name="list"),
    path("<uuid:entry_id>/", views.detail, name="detail"),
    path("<uuid:entry_id>/acknowledge/", views.acknowledge, name="acknowledge"),
]

public_urls = [
    path("p/<str:token>/message/", views.patient_message, name="patient_message"),
]
