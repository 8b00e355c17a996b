"""``backpath worker``: run background jobs until stopped (Ctrl-C / SIGTERM)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from backpath.web.jobs.worker import serve_queue


class Command(BaseCommand):
    help = "Run the background job worker (PDFs, emails, escalations) until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="run the jobs that are due, then exit"
        )
        parser.add_argument(
            "--no-warm-up", action="store_true", help="do not load the PDF renderer first"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        serve_queue(batch=options["batch"], warm_up=not options["no_warm_up"])
