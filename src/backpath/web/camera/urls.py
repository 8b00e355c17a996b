from django.urls import path

from . import views

app_name = "camera"
urlpatterns = [
    path("suggest/", views.suggest, name="suggest"),
    path("<str:code>/", views.measure, name="measure"),
]
