"""Every write to patient links and session logs; each records its audit entry.

A link's token is ``secrets.token_urlsafe(32)``; only its SHA-256 is stored, so the database
alone cannot open a programme. The traffic light comes from :mod:`backpath.core.monitoring`.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from backpath.web.audit.trail import Actor, record

from .models import NOTE_LENGTH, HepLink, SessionLog


class PlanNotAccepted(ValueError):
    """Only an accepted plan can be given to a patient."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_link(actor: Actor, plan: Any, days: int | None = None) -> tuple[HepLink, str]:
    """A new link and its token (the token is never stored: show it once)."""
    if plan.accepted_at is None:
        raise PlanNotAccepted("accept the plan before giving it to the patient")
    token = secrets.token_urlsafe(32)
    expires = timezone.now() + timedelta(days=days or settings.HEP_LINK_DAYS)
    link = HepLink.objects.create(
        plan=plan, token_hash=token_hash(token), created_by=actor.user, expires_at=expires
    )
    record(
        actor,
        "hep_link.create",
        patient=plan.episode.patient,
        obj=link,
        expires=expires.isoformat(),
    )
    return link, token


@transaction.atomic
def revoke_link(actor: Actor, link: HepLink) -> HepLink:
    if link.revoked_at is None:
        link.revoked_at, link.revoked_by = timezone.now(), actor.user
        link.save(update_fields=["revoked_at", "revoked_by"])
    record(actor, "hep_link.revoke", patient=link.plan.episode.patient, obj=link)
    return link


def find_link(token: str) -> HepLink | None:
    """The usable link for ``token``, or None (unknown, expired and revoked look the same)."""
    link = (
        HepLink.objects.select_related("plan", "plan__episode", "plan__episode__patient")
        .filter(token_hash=token_hash(token))
        .first()
    )
    return link if link is not None and link.is_usable else None


def open_link(actor: Actor, link: HepLink) -> None:
    HepLink.objects.filter(pk=link.pk).update(last_opened_at=timezone.now())
    record(actor, "hep.open", patient=link.plan.episode.patient, obj=link)


@transaction.atomic
def log_session(
    actor: Actor,
    link: HepLink,
    change: str,
    days_without_change: int = 0,
    emergency: bool = False,
    done: bool = True,
    note: str = "",
) -> SessionLog:
    """Raises ValueError (from the core) for an unknown change code, and for a note longer
    than the column (never cut: the patient is told, by the form)."""
    if len(note) > NOTE_LENGTH:
        raise ValueError(f"note: longer than {NOTE_LENGTH} characters")
    from backpath.core.monitoring import SelfReport, traffic_light

    light = traffic_light(SelfReport(change, days_without_change, emergency))  # type: ignore[arg-type]
    patient = link.plan.episode.patient
    log = SessionLog.objects.create(
        link=link,
        plan=link.plan,
        patient=patient,
        done=done,
        change=change,
        days_without_change=days_without_change,
        emergency_symptoms=emergency,
        note=note,
        light=light.light,
        rule=light.rule,
        reasons=list(light.reasons),
    )
    record(actor, "hep.session", patient=patient, obj=log, clinic=patient.clinic, light=light.light)
    from .alerts import report

    report(log)
    return log


@transaction.atomic
def acknowledge(actor: Actor, log: SessionLog) -> SessionLog:
    if log.acknowledged_at is None:
        log.acknowledged_at, log.acknowledged_by = timezone.now(), actor.user
        log.save(update_fields=["acknowledged_at", "acknowledged_by"])
    record(actor, "hep.acknowledge", patient=log.patient, obj=log)
    return log


def advice_for(log: SessionLog) -> str:
    from backpath.core.monitoring import SelfReport, traffic_light

    report = SelfReport(log.change, log.days_without_change, log.emergency_symptoms)
    return traffic_light(report).advice
