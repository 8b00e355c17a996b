"""The site's URLs: one include per app."""

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import include, path

from backpath.web.api.api import api
from backpath.web.api.pages import webhook_urls
from backpath.web.clinics import mfa_views
from backpath.web.clinics.mfa_guard import CooloffLoginView
from backpath.web.clinics.views import PasswordChange
from backpath.web.inbox.urls import public_urls as inbox_public_urls
from backpath.web.patients.urls import episode_urls

urlpatterns = [
    path("", lambda request: redirect("patients:list"), name="home"),
    path("login/", CooloffLoginView.as_view(), name="login"),
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
    path("mfa/", mfa_views.mfa_manage, name="mfa_manage"),
    path("mfa/passkeys/<int:device_id>/rename/", mfa_views.passkey_rename, name="passkey_rename"),
    path("mfa/passkeys/<int:device_id>/remove/", mfa_views.passkey_remove, name="passkey_remove"),
    path("webauthn/", include("backpath.web.clinics.mfa_passkeys")),
    path("patients/", include("backpath.web.patients.urls")),
    path("episodes/", include(episode_urls)),
    path("assessments/", include("backpath.web.assessments.urls")),
    path("plans/", include("backpath.web.plans.urls")),
    path("followups/", include("backpath.web.followups.urls")),
    path("audit/", include("backpath.web.audit.urls")),
    path("clinic/api-clients/", include("backpath.web.api.pages")),
    path("clinic/webhooks/", include(webhook_urls)),
    path("drafts/", include("backpath.web.drafts.urls")),
    path("clinic/questionnaires/", include("backpath.web.questionnaires.urls")),
    path("clinic/", include("backpath.web.clinics.urls")),
    path("camera/", include("backpath.web.camera.urls")),
    path("exercises/", include("backpath.web.exercises.urls")),
    path("dashboard/", include("backpath.web.analytics.urls")),
    path("api/v1/", api.urls),
    path("fhir/", include("backpath.web.fhir.urls")),
    path("inbox/", include("backpath.web.inbox.urls")),
    path("jobs/", include("backpath.web.jobs.urls")),
    *inbox_public_urls,
    path("", include("backpath.web.reminders.urls")),
    path("", include("backpath.web.offline.urls")),
    path("", include("backpath.web.programmes.urls")),
]
