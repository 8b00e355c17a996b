from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "backpath.web.exercises"
    label = "exercises"
    verbose_name = "Exercise library"
