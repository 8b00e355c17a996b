from django.urls import path

from . import mfa_views, views

app_name = "clinics"
urlpatterns = [
    path("users/", views.user_list, name="users"),
    path("settings/", views.clinic_settings, name="settings"),
    path("mfa/", mfa_views.clinic_mfa, name="mfa"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:user_id>/", views.user_edit, name="user_edit"),
    path(
        "users/<int:user_id>/deactivate/",
        views.user_set_active,
        {"active": False},
        name="user_deactivate",
    ),
    path(
        "users/<int:user_id>/reactivate/",
        views.user_set_active,
        {"active": True},
        name="user_reactivate",
    ),
    path("users/<int:user_id>/password/", views.user_reset_password, name="user_reset_password"),
]
