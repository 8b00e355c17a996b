from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "backpath.web.analytics"
    label = "analytics"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (keeps the summary rows up to date)
