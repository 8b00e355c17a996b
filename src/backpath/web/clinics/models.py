"""A clinic and the profile tying each clinician to one clinic with one role."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Clinic(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # every user must sign in with a second factor (an authenticator app)
    require_mfa = models.BooleanField(default=False)

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CLINICIAN = "clinician", "Clinician"
    ADMIN = "admin", "Clinic admin"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, related_name="profiles")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CLINICIAN)
    # made by ``backpath demo``: the only users it may reset (a real "alice" is never touched)
    is_demo = models.BooleanField(default=False, editable=False)
    # a one-time password was set (new user, reset): every page asks for a new one first
    must_change_password = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) at {self.clinic}"

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


from .mfa_models import PasswordCooloff  # noqa: E402, F401  (its own module, registered here)
