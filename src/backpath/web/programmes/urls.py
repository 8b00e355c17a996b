from django.urls import path

from . import views

app_name = "programmes"
urlpatterns = [
    path("plans/<uuid:plan_id>/links/", views.create_link, name="create_link"),
    path("plans/<uuid:plan_id>/programme.pdf", views.plan_pdf, name="pdf"),
    path("links/<uuid:link_id>/revoke/", views.revoke_link, name="revoke_link"),
    path("p/<str:token>/", views.public_programme, name="public"),
    path("p/<str:token>/programme.pdf", views.public_pdf, name="public_pdf"),
]
