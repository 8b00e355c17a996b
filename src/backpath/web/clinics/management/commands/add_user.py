"""``manage.py add_user USERNAME --clinic NAME [--role admin]``: a clinician in a clinic.

The password is read from standard input (one line) so it never appears in the process list
or shell history; the clinic is created when it does not exist yet.
"""

from __future__ import annotations

import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from backpath.web.clinics.models import Clinic, Profile

ROLES = ("clinician", "admin")


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
        user_model = get_user_model()
        user = user_model.objects.filter(username=options["username"]).first()
        user = user or user_model(username=options["username"])
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("password: " + " ".join(exc.messages)) from None
        first, _, last = options["name"].partition(" ")
        user.first_name, user.last_name = first, last
        user.set_password(password)
        user.save()
        clinic, _ = Clinic.objects.get_or_create(name=options["clinic"])
        Profile.objects.update_or_create(
            user=user, defaults={"clinic": clinic, "role": options["role"]}
        )
        self.stdout.write(f"{user.username}: {options['role']} at {clinic.name}")
