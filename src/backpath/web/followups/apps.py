from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "backpath.web.followups"
    label = "followups"
    default_auto_field = "django.db.models.BigAutoField"
