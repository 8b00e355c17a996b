"""``manage.py add_user USERNAME --clinic NAME [--role admin]``: a clinician in a clinic.

The password is read from standard input (one line) so it never appears in the process list
or shell history; the clinic is created when it does not exist yet. A new user is created, and
an existing one updated, through the same audited actions as the clinic admin's pages (so the
same rules hold: a clinic keeps an active admin; users do not move between clinics).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from backpath.web.audit.trail import Actor
from backpath.web.clinics import actions
from backpath.web.clinics.models import Clinic, Profile

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ROLES = ("clinician", "admin")
ACTOR = Actor(user=None, path="manage add_user")


class Command(BaseCommand):
    help = "Create or update a clinician (password read from standard input)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--clinic", required=True, help="clinic name (created if new)")
        parser.add_argument("--role", choices=ROLES, default="clinician")
        parser.add_argument("--name", default="", help="full name shown in the application")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        password = sys.stdin.readline().rstrip("\n")
        clinic, _ = Clinic.objects.get_or_create(name=options["clinic"])
        first, _, last = options["name"].partition(" ")
        data = {"first_name": first, "last_name": last, "role": options["role"]}
        user = get_user_model().objects.filter(username=options["username"]).first()
        try:
            if user is None:
                data |= {"username": options["username"], "email": ""}
                user = actions.create_user(ACTOR, clinic, data, password)
            else:
                _update(user, clinic, data | {"email": user.email}, password)
        except ValidationError as exc:
            raise CommandError("password: " + " ".join(exc.messages)) from None
        except actions.UserRuleError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{user.username}: {options['role']} at {clinic.name}")


def _update(user: User, clinic: Clinic, data: dict[str, Any], password: str) -> None:
    validate_password(password, user)
    profile = Profile.objects.filter(user=user).first()
    if profile is None:  # an account made without a clinic, e.g. by createsuperuser
        Profile.objects.create(user=user, clinic=clinic, role=data["role"])
    elif profile.clinic_id != clinic.pk:
        raise CommandError(
            f"{user.username} belongs to {profile.clinic.name}: users do not move between "
            "clinics (deactivate this one and add a new user instead)."
        )
    actions.update_user(ACTOR, user, data)
    actions.change_password(ACTOR, user, password)
