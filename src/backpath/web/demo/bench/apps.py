from django.apps import AppConfig


class BenchConfig(AppConfig):
    """``seed_bench``: benchmark data with a published password; installed only with
    ``DEBUG`` or ``DEV_COMMANDS`` true, so never in production."""

    name = "backpath.web.demo.bench"
    label = "bench"
