from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [path("failed/", views.failures, name="failures")]
