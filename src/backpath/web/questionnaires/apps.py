from django.apps import AppConfig


class QuestionnairesConfig(AppConfig):
    name = "backpath.web.questionnaires"
    label = "questionnaires"
    default_auto_field = "django.db.models.BigAutoField"
