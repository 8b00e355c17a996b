"""The exercise library pages and the exercise pictures."""

from django.urls import path

from . import views

app_name = "exercises"
urlpatterns = [
    path("", views.exercise_list, name="list"),
    path("<slug:code>/", views.exercise_detail, name="detail"),
    path("<slug:code>/<str:kind>.svg", views.exercise_figure, name="figure"),
]
