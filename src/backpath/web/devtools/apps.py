from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    name = "backpath.web.devtools"
    label = "devtools"
