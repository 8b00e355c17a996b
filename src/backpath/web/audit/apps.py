from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "backpath.web.audit"
    label = "audit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signins  # noqa: F401  (connects the sign-in signals)
