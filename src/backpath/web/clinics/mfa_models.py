"""The per-user record of recent failed password sign-ins (from any address), kept by
:mod:`.mfa_guard`. Imported by ``models.py`` so that Django finds it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PasswordCooloff(models.Model):
    """Recent failures for one user, and the fixed pause they started (if any)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="password_cooloff",
    )
    # [[unix time, client address or ""], ...] inside the window: at most USER_FAILURE_LIMIT
    failures = models.JSONField(default=list)
    started_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"password sign-in of {self.user} paused until {self.ends_at}"
