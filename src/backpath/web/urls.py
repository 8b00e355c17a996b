"""The site's URLs: one include per app."""

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import include, path

from backpath.web.api.api import api
from backpath.web.assessments.urls import assessment_urls, episode_urls, followup_urls, plan_urls
from backpath.web.clinics import mfa_views
from backpath.web.clinics.views import PasswordChange

urlpatterns = [
    path("", lambda request: redirect("patients:list"), name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", PasswordChange.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("mfa/setup/", mfa_views.mfa_setup, name="mfa_setup"),
    path("mfa/verify/", mfa_views.mfa_verify, name="mfa_verify"),
    path("mfa/codes/", mfa_views.mfa_codes, name="mfa_codes"),
    path("patients/", include("backpath.web.patients.urls")),
    path("episodes/", include(episode_urls)),
    path("assessments/", include(assessment_urls)),
    path("plans/", include(plan_urls)),
    path("followups/", include(followup_urls)),
    path("audit/", include("backpath.web.audit.urls")),
    path("clinic/", include("backpath.web.clinics.urls")),
    path("exercises/", include("backpath.web.exercises.urls")),
    path("dashboard/", include("backpath.web.analytics.urls")),
    path("api/v1/", api.urls),
    path("fhir/", include("backpath.web.fhir.urls")),
    path("", include("backpath.web.programmes.urls")),
]
