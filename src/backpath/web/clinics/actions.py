"""The clinic's users: the admin's door to them and every write, each recording its audit entry.

Users are never deleted (the audit trail and plans point at them): they are deactivated. A
clinic always keeps at least one active admin, and an admin cannot lock themself out.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from axes.utils import reset as reset_lockouts
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from backpath.web.audit.trail import Actor, record

from .access import get_or_refuse, require_admin
from .models import Clinic, Profile, Role
from .passwords import CLINIC_ATTRIBUTE

if TYPE_CHECKING:
    from django.contrib.auth.models import User

USER_FIELDS = ("first_name", "last_name", "email")
OTP_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # 31 symbols, none easily confused
ROLES_HELP = ", ".join(Role.values)  # "clinician, admin": named in every refusal of a role


class UserRuleError(ValueError):
    """A change the rules refuse; ``str(error)`` is the message to show."""


def one_time_password() -> str:
    """A password to hand over once and change at first use: ``k7mq-8xvd-…``, about 99 random
    bits in groups of four, without characters that are easily confused (0/o, 1/l/i)."""
    groups = ("".join(secrets.choice(OTP_ALPHABET) for _ in range(4)) for _ in range(5))
    return "-".join(groups)


def members_of(clinic: Clinic) -> QuerySet[User]:
    """The clinic's people, active first, with their profiles (an API client's service user
    is not a person: it can never be edited, reset or signed in as from here)."""
    return (
        get_user_model()
        .objects.filter(profile__clinic=clinic)
        .exclude(api_client__isnull=False)
        .select_related("profile")
        .order_by("-is_active", "username")
    )


def get_member_for_admin(user: User, member_id: int) -> User:
    """A user of the admin's own clinic; another clinic's user is a 404, as a missing one."""
    profile = require_admin(user)
    return get_or_refuse(user, members_of(profile.clinic), pk=member_id)


def username_taken(username: str) -> bool:
    """Names differing only in case count as taken: ``Alice`` and ``alice`` would confuse."""
    return get_user_model().objects.filter(username__iexact=username).exists()


def unsaved_user(data: dict[str, Any], clinic: Clinic | None) -> User:
    """A user as ``data`` describes, not saved: for checking a password against them."""
    fields = {k: data.get(k, "") for k in ("username", *USER_FIELDS)}
    user = get_user_model()(**fields)
    setattr(user, CLINIC_ATTRIBUTE, clinic)  # the password validators refuse its name
    return user


@transaction.atomic
def create_user(
    actor: Actor, clinic: Clinic, data: dict[str, Any], password: str, one_time: bool = False
) -> User:
    """``data``: username, first_name, last_name, email, role. The password is validated; a
    ``one_time`` one must be changed at first sign-in."""
    _check_username(data["username"])
    _check_role(data["role"])
    user = unsaved_user(data, clinic)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    Profile.objects.create(
        user=user, clinic=clinic, role=data["role"], must_change_password=one_time
    )
    record(actor, "user.create", obj=user, clinic=clinic, username=user.username, role=data["role"])
    return user


@transaction.atomic
def update_user(actor: Actor, member: User, data: dict[str, Any]) -> User:
    """Name, email and role; demoting oneself or the clinic's last active admin is refused."""
    _check_role(data["role"])
    profile = member.profile
    if profile.is_admin and data["role"] != Role.ADMIN:
        if _is_self(actor, member):
            raise UserRuleError("You cannot remove your own admin role: ask another clinic admin.")
        if member.is_active:
            _check_not_last_admin(member)
    changed = [k for k in USER_FIELDS if getattr(member, k) != data[k]]
    if changed:
        for key in changed:
            setattr(member, key, data[key])
        member.save(update_fields=changed)
    if data["role"] != profile.role:
        changed.append("role")
        profile.role = data["role"]
        profile.save(update_fields=["role"])
    if changed:  # field names only: the audit trail keeps no personal details
        record(actor, "user.update", obj=member, clinic=profile.clinic, fields=changed)
    return member


@transaction.atomic
def set_active(actor: Actor, member: User, active: bool) -> User:
    """Deactivate (the user can no longer sign in; their sessions end) or reactivate."""
    if member.is_active == active:
        return member
    if not active and _is_self(actor, member):
        raise UserRuleError("You cannot deactivate yourself.")
    if not active and member.profile.is_admin:
        _check_not_last_admin(member)
    member.is_active = active
    member.save(update_fields=["is_active"])
    action = "user.reactivate" if active else "user.deactivate"
    record(actor, action, obj=member, clinic=member.profile.clinic)
    return member


@transaction.atomic
def reset_password(actor: Actor, member: User) -> str:
    """A new one-time password (returned, to show once); sign-in lockouts are lifted too."""
    if _is_self(actor, member):
        raise UserRuleError("Change your own password on the Password page.")
    password = one_time_password()
    member.set_password(password)
    member.save(update_fields=["password"])
    Profile.objects.filter(user=member).update(must_change_password=True)
    reset_lockouts(username=member.username)
    record(actor, "user.password_reset", obj=member, clinic=member.profile.clinic)
    return password


@transaction.atomic
def change_password(actor: Actor, user: User, password: str) -> User:
    """A user's own new password (already validated by the form), or one set by a command."""
    user.set_password(password)
    user.save(update_fields=["password"])
    Profile.objects.filter(user=user).update(must_change_password=False)
    profile = getattr(user, "profile", None)
    record(actor, "user.password_change", obj=user, clinic=getattr(profile, "clinic", None))
    return user


def _check_username(username: str) -> None:
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError as exc:
        raise UserRuleError("username: " + " ".join(exc.messages)) from None
    if username_taken(username):
        raise UserRuleError(f"username: {username} is already taken.")


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise UserRuleError(f"role: {role!r} is not one of {ROLES_HELP}.")


def _is_self(actor: Actor, member: User) -> bool:
    return actor.user is not None and actor.user.pk == member.pk


def _check_not_last_admin(member: User) -> None:
    """``member`` is about to stop being an active admin: refused if no other one is left."""
    clinic = Clinic.objects.select_for_update().get(pk=member.profile.clinic_id)  # serialise
    admins = Profile.objects.filter(clinic=clinic, role=Role.ADMIN, user__is_active=True)
    if not admins.exclude(user=member).exists():
        raise UserRuleError(
            f"{clinic.name} must keep at least one active clinic admin: "
            "make another user an admin first."
        )
