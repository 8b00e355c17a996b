"""``manage.py rebuild_summaries``: (re)write every episode's dashboard row and the groups the
dashboard reads, e.g. once after an upgrade or after rows were written in bulk (new writes keep
both up to date: the rows at once, the groups through the job queue)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from backpath.web.analytics.groups import rebuild_groups
from backpath.web.analytics.models import SummaryGroup
from backpath.web.analytics.summaries import rebuild


class Command(BaseCommand):
    help = "Rewrite the dashboard's summary row of every episode, and its groups."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--groups-only",
            action="store_true",
            help="keep the summary rows; recompute only the groups from them",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["groups_only"]:
            self.stdout.write(f"rebuild_summaries: {rebuild()} episodes")  # and the groups
        else:
            rebuild_groups()
        self.stdout.write(f"rebuild_summaries: {SummaryGroup.objects.count()} groups")
