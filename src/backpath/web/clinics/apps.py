from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    name = "backpath.web.clinics"
    label = "clinics"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import mfa_guard  # noqa: F401  (counts failed sign-ins per user)
