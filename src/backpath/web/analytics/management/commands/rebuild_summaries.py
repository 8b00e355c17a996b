"""``manage.py rebuild_summaries``: (re)write every episode's dashboard row, e.g. once after
upgrading to a version with the dashboard (new writes keep their rows up to date)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from backpath.web.analytics.summaries import rebuild


class Command(BaseCommand):
    help = "Rewrite the dashboard's summary row of every episode."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"rebuild_summaries: {rebuild()} episodes")
