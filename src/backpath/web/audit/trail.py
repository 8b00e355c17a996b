"""Writing to the audit trail. Every write action calls :func:`record`; views that show patient
data call :func:`record` with a ``*.read`` action. :class:`Actor` carries who and from where,
so the same actions serve web requests, the patient link and management commands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.http import HttpRequest

from backpath.web.client_address import client_address, valid_address

from .chain import lock_chain, seal
from .models import AuditEntry

if TYPE_CHECKING:
    from django.db.models import Model

    from backpath.web.clinics.models import Clinic
    from backpath.web.patients.models import Patient


@dataclass(frozen=True)
class Actor:
    """Who is acting (a user, or ``None`` for a patient link) and from where."""

    user: Any = None
    path: str = ""
    ip: str | None = None
    name: str = ""  # without a user: the name someone tried to sign in as

    @classmethod
    def of(cls, request: HttpRequest) -> Actor:
        user = request.user if request.user.is_authenticated else None
        return cls(user=user, path=request.get_full_path()[:500], ip=client_address(request))

    @classmethod
    def public(cls, request: HttpRequest, path: str) -> Actor:
        """Someone without an account (a patient's link); ``path`` must not hold a secret."""
        return cls(user=None, path=path, ip=client_address(request))

    @property
    def clinic(self) -> Clinic | None:
        profile = getattr(self.user, "profile", None) if self.user is not None else None
        return getattr(profile, "clinic", None)


def record(
    actor: Actor,
    action: str,
    *,
    patient: Patient | None = None,
    obj: Model | None = None,
    clinic: Clinic | None = None,
    **detail: Any,
) -> AuditEntry:
    """Append one entry: ``action`` like ``patient.create``; ``obj`` the row acted on."""
    entry = AuditEntry(
        user=actor.user,
        username=getattr(actor.user, "username", "") or actor.name[:150],
        clinic=clinic or actor.clinic or getattr(patient, "clinic", None),
        patient_id=getattr(patient, "pk", None),
        action=action,
        object_type=type(obj).__name__.lower() if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        path=actor.path,
        ip=valid_address(actor.ip) if actor.ip else None,
        detail=detail,
    )
    with transaction.atomic():
        lock_chain()
        seal([entry])
        entry.save()
    return entry
