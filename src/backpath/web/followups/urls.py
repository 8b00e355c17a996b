"""The follow-ups app's URLs (included under /followups/)."""

from django.urls import path

from backpath.web.patients import episodes

from . import views

app_name = "followups"
urlpatterns = [
    path("<uuid:followup_id>/", views.followup_detail, name="detail"),
    path("<uuid:followup_id>/accept/", views.followup_accept, name="accept"),
    path("<uuid:followup_id>/void/", episodes.followup_void, name="void"),
]
