from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "backpath.web.reminders"
    default_auto_field = "django.db.models.BigAutoField"
