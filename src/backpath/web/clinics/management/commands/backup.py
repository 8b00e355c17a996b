"""``manage.py backup PATH``: an online backup of the whole database (see docs/security.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backpath.web.clinics.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database to PATH while the app runs (SQLite backup API or pg_dump)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the backup file to write (must be new)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            backup(options["path"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"backup written to {options['path']}")
