from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data (``manage.py demo``): two clinics, three clinicians, a dozen patients."""

    name = "backpath.web.demo"
    label = "demo"
