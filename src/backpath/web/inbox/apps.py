from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "backpath.web.inbox"
    label = "inbox"
    default_auto_field = "django.db.models.BigAutoField"
