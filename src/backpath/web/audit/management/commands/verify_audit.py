"""``manage.py verify_audit``: walk the audit trail's hash chain; exit 1 at the first broken
link, naming the entry (its id, time and action) and what is wrong with it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from backpath.web.audit.chain import verify
from backpath.web.audit.models import AuditEntry


class Command(BaseCommand):
    help = "Check the audit trail's hash chain; exit status 1 at the first broken link."

    def handle(self, *args: Any, **options: Any) -> None:
        count, broken = verify()
        if broken is None:
            self.stdout.write(f"audit trail intact: {count} entries, every link holds")
            return
        entry = AuditEntry.objects.filter(pk=broken.entry_id).first()
        what = f" ({entry.at:%Y-%m-%d %H:%M:%S} {entry.action})" if entry else ""
        raise CommandError(
            f"audit trail broken at entry {broken.entry_id}{what}: {broken.reason}; "
            f"{count - 1} entries before it hold"
        )
