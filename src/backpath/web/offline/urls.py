from django.urls import path

from . import views

app_name = "offline"
urlpatterns = [
    path("p/<str:token>/manifest.webmanifest", views.manifest, name="manifest"),
    path("p/<str:token>/sw.js", views.service_worker, name="service_worker"),
    path("app-icon-<int:size>.png", views.png, name="icon_png"),
    path("app-icon.svg", views.svg, name="icon_svg"),
]
