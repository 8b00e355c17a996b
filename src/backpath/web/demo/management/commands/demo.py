"""``manage.py demo``: create the demo clinics, clinicians and patients (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backpath.web.demo.load import DemoRefused, load_demo


class Command(BaseCommand):
    help = "Create demo clinics, clinicians (alice, bob, charlie) and a dozen patients."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Site address used to print the patients' programme links.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            lines = load_demo(options["base_url"])
        except DemoRefused as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write("Demo sign-ins (user, password, clinic):")
        for line in lines:
            self.stdout.write(f"  {line}")
