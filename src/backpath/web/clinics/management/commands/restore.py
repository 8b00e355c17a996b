"""``manage.py restore PATH``: the database from a backup, then a check of the audit chain."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from backpath.web.clinics.backups import BackupError, restore


class Command(BaseCommand):
    help = "Restore the database from a backup made by `backup` (into an empty database)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the backup file")
        parser.add_argument(
            "--force", action="store_true", help="overwrite a database that is not empty"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            restore(options["path"], force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"restored from {options['path']}")
        call_command("verify_audit", stdout=self.stdout, stderr=self.stderr)
