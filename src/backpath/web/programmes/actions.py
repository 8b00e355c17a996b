"""Every write to patient links and session logs; each records its audit entry.

A link's token is ``secrets.token_urlsafe(32)``; only its SHA-256 is stored, so the database
alone cannot open a programme. The traffic light comes from :mod:`backpath.core.monitoring`.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from backpath.core.home_log import ExerciseReport, session_light
from backpath.core.plan_changes import PlanChange, plan_changes
from backpath.web.audit.trail import Actor, record

from .models import NOTE_LENGTH, ExerciseLog, HepLink, HomeOutcome, SessionLog

if TYPE_CHECKING:
    from backpath.web.patients.models import Episode
    from backpath.web.plans.models import PlanVersion


class PlanNotAccepted(ValueError):
    """Only an accepted plan can be given to a patient."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_link(
    actor: Actor, plan: PlanVersion, days: int | None = None, token: str | None = None
) -> tuple[HepLink, str]:
    """A new link to ``plan``'s episode and its token (the token is never stored: show it
    once). The link shows whichever plan version of the episode is the latest accepted.
    ``token``: a token made by :func:`keyed_token` (default: a random one)."""
    if plan.accepted_at is None:
        raise PlanNotAccepted("accept the plan before giving it to the patient")
    token = token or secrets.token_urlsafe(32)
    expires = timezone.now() + timedelta(days=days or settings.HEP_LINK_DAYS)
    link = HepLink.objects.create(
        episode=plan.episode,
        seen_plan=plan,
        token_hash=token_hash(token),
        created_by=actor.user,
        expires_at=expires,
    )
    record(
        actor,
        "hep_link.create",
        patient=plan.episode.patient,
        obj=link,
        expires=expires.isoformat(),
    )
    return link, token


def keyed_token(actor: Actor, episode: Episode, key: uuid.UUID) -> str:
    """The token of the link given through the form whose one-time key is ``key``: an HMAC
    (keyed by ``SECRET_KEY``) of the user, the episode and the key, as long as a random token.
    Submitting the same form again gives the same token, so nothing needs storing to show the
    same link again, and the database alone still cannot open a programme."""
    message = f"{actor.user.pk}:{episode.pk}:{key}"
    digest = salted_hmac("backpath.hep_link", message, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def link_given_by(actor: Actor, episode: Episode, key: uuid.UUID) -> tuple[HepLink, str] | None:
    """The link (and its token) that the form whose one-time key is ``key`` already gave, if
    it did."""
    token = keyed_token(actor, episode, key)
    earlier = HepLink.objects.filter(token_hash=token_hash(token)).first()
    return None if earlier is None else (earlier, token)


@transaction.atomic
def accept_and_give_link(
    actor: Actor, plan: PlanVersion, key: uuid.UUID | None
) -> tuple[HepLink, str, bool]:
    """The result page's one tap: accept ``plan`` and give the patient a link, and whether
    that form had already done it. The same form sent again (a double tap, back-then-resubmit)
    accepts nothing more and gives the same link, even if the plan changed meanwhile; a form
    without a key (an old page) accepts the plan and gives a new link. Raises
    VersionConflict when ``plan`` is no longer the latest live version."""
    from backpath.web.plans.actions import accept_plan

    plan = type(plan).objects.select_for_update().get(pk=plan.pk)  # one tap at a time
    earlier = None if key is None else link_given_by(actor, plan.episode, key)
    if earlier is not None:
        return (*earlier, True)
    accept_plan(actor, plan)
    return give_link(actor, plan, key)


def give_link(actor: Actor, plan: PlanVersion, key: uuid.UUID | None) -> tuple[HepLink, str, bool]:
    """The link given by the plan page's form, its token, and whether that form had already
    given it (a double tap or back-then-resubmit: the same link, not a second one). A form
    without a key (an old page) always gives a new link."""
    if key is None:
        return (*create_link(actor, plan), False)
    earlier = link_given_by(actor, plan.episode, key)
    if earlier is not None:
        return (*earlier, True)
    token = keyed_token(actor, plan.episode, key)
    try:
        with transaction.atomic():  # the same form sent twice at once: one link
            return (*create_link(actor, plan, token=token), False)
    except IntegrityError:
        return HepLink.objects.get(token_hash=token_hash(token)), token, True


@transaction.atomic
def revoke_link(actor: Actor, link: HepLink) -> HepLink:
    if link.revoked_at is None:
        link.revoked_at, link.revoked_by = timezone.now(), actor.user
        link.save(update_fields=["revoked_at", "revoked_by"])
    record(actor, "hep_link.revoke", patient=link.episode.patient, obj=link)
    return link


def find_link(token: str) -> HepLink | None:
    """The usable link for ``token``, or None (unknown, expired and revoked look the same, and
    so does a link whose episode has no accepted plan any more)."""
    link = (
        HepLink.objects.select_related("episode", "episode__patient", "seen_plan")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if link is None or not link.is_usable or link.plan is None:
        return None
    return link


def open_link(actor: Actor, link: HepLink) -> list[PlanChange]:
    """Mark the link opened; returns what changed since the version the patient last saw
    (empty when it is the same), and remembers the version shown now."""
    current, seen = link.live_plan, link.seen_plan
    changes = plan_changes(seen.plan, current.plan) if seen and seen.pk != current.pk else []
    HepLink.objects.filter(pk=link.pk).update(last_opened_at=timezone.now(), seen_plan=current)
    record(actor, "hep.open", patient=link.episode.patient, obj=link, plan=current.number)
    return changes


def _names(link: HepLink) -> dict[str, str]:
    from backpath.core.library import default_library

    lib = default_library()
    return {
        i["exercise"]: (lib.get(i["exercise"]).patient_name if i["exercise"] in lib else "")
        or i.get("name")
        or i["exercise"]
        for i in link.live_plan.items
    }


@transaction.atomic
def log_exercises(
    actor: Actor,
    link: HepLink,
    reports: list[ExerciseReport],
    emergency: bool,
    not_today: bool = False,
    days_without_change: int = 0,
    note: str = "",
    client_key: str = "",
) -> SessionLog:
    """One session, exercise by exercise (the core gives each its light and the session the
    most serious). Raises ValueError naming the field for bad input; saves nothing then.
    ``client_key``: the phone's idempotency key; a second log with the same key returns the
    first and saves nothing (a log queued offline and sent twice)."""
    if len(note) > NOTE_LENGTH:
        raise ValueError(f"note: longer than {NOTE_LENGTH} characters")
    if client_key:
        earlier = SessionLog.objects.filter(link=link, client_key=client_key).first()
        if earlier is not None:
            return earlier
    plan = link.live_plan
    known = {i["exercise"] for i in plan.items}
    unknown = [r.exercise for r in reports if r.exercise not in known]
    if unknown:
        raise ValueError(f"exercise: {unknown[0]!r} is not in this programme")
    result = session_light(reports, emergency, not_today, days_without_change, _names(link))
    # the session's change is that of its most serious exercise (blank for "not today")
    change = next(
        (r.change for r, light in result.exercises if light and light.light == result.light),
        None,
    )
    patient = link.episode.patient
    try:
        with transaction.atomic():  # two sends of one queued log at once: one row
            log = SessionLog.objects.create(
                link=link,
                plan=plan,
                patient=patient,
                done=not not_today,
                change=change or "",
                days_without_change=days_without_change,
                emergency_symptoms=emergency,
                note=note,
                light=result.light,
                rule=result.rule,
                reasons=list(result.reasons),
                client_key=client_key,
            )
    except IntegrityError:
        if not client_key:
            raise
        return SessionLog.objects.get(link=link, client_key=client_key)
    ExerciseLog.objects.bulk_create(
        ExerciseLog(
            session=log,
            exercise=r.exercise,
            done=r.done,
            reps=r.reps,
            change=r.change or "",
            light=light.light if light else "",
            rule=light.rule if light else "",
            reasons=list(light.reasons) if light else [],
        )
        for r, light in result.exercises
    )
    record(actor, "hep.session", patient=patient, obj=log, clinic=patient.clinic, light=log.light)
    from .alerts import report

    report(log)  # a red or emergency session reaches the clinician's inbox at once
    return log


def log_session(
    actor: Actor,
    link: HepLink,
    change: str,
    days_without_change: int = 0,
    emergency: bool = False,
    done: bool = True,
    note: str = "",
) -> SessionLog:
    """A whole session with one answer for every exercise (the demo data and older callers);
    ``done=False`` is "not today". Raises ValueError (from the core) for an unknown change."""
    reports = [
        ExerciseReport(i["exercise"], done, None, change if done else None)  # type: ignore[arg-type]
        for i in link.live_plan.items
    ]
    return log_exercises(actor, link, reports, emergency, not done, days_without_change, note=note)


@transaction.atomic
def acknowledge(actor: Actor, log: SessionLog) -> SessionLog:
    if log.acknowledged_at is None:
        log.acknowledged_at, log.acknowledged_by = timezone.now(), actor.user
        log.save(update_fields=["acknowledged_at", "acknowledged_by"])
    record(actor, "hep.acknowledge", patient=log.patient, obj=log)
    return log


def advice_for(log: SessionLog) -> str:
    """The patient's advice for a logged session, worked out again by the core."""
    reports = [
        ExerciseReport(e.exercise, e.done, e.reps, e.change or None)  # type: ignore[arg-type]
        for e in log.exercises.all()
    ]
    if not reports:  # a session logged before per-exercise logging
        from backpath.core.monitoring import SelfReport, traffic_light

        if not log.change:
            return ""
        report = SelfReport(log.change, log.days_without_change, log.emergency_symptoms)  # type: ignore[arg-type]
        return traffic_light(report).advice
    return session_light(
        reports,
        log.emergency_symptoms,
        not log.done,
        log.days_without_change,
        _names(log.link),
    ).advice


OUTCOMES_DAYS_BEFORE_REVIEW = 2  # the link asks for outcome measures from this many days before


def review_on(plan: PlanVersion) -> date | None:
    """The review date the plan gives (accepted date + ``review_after_days``), if any."""
    days = plan.plan.get("review_after_days")
    if not days or plan.accepted_at is None:
        return None
    return timezone.localdate(plan.accepted_at) + timedelta(days=int(days))


def outcomes_given(link: HepLink) -> HomeOutcome | None:
    """The outcome measures already given for the plan version shown now (or None)."""
    return HomeOutcome.objects.filter(episode=link.episode, plan=link.plan).first()


def outcomes_due(link: HepLink) -> bool:
    """True from a few days before the review until the patient has answered for this plan."""
    review = review_on(link.live_plan)
    if review is None:
        return False
    start = review - timedelta(days=OUTCOMES_DAYS_BEFORE_REVIEW)
    return timezone.localdate() >= start and outcomes_given(link) is None


@transaction.atomic
def record_home_outcome(
    actor: Actor,
    link: HepLink,
    nrs_back: int | None,
    nrs_leg: int | None,
    psfs: list[int | None],
    questionnaires: dict[str, Any] | None = None,
) -> HomeOutcome:
    """Outcome measures the patient gave at home (patient-reported), against the plan shown;
    ``questionnaires``: the clinic's licensed ones answered, by item number (scored by the
    core: one it cannot score raises its InstrumentError, a ValueError, and saves nothing)."""
    for name, value in (("nrs_back", nrs_back), ("nrs_leg", nrs_leg), *(("psfs", v) for v in psfs)):
        if value is not None and not (isinstance(value, int) and 0 <= value <= 10):
            raise ValueError(f"{name}: {value!r}; expected a whole number from 0 to 10")
    scores = questionnaire_scores(questionnaires or {})
    outcome = HomeOutcome.objects.create(
        link=link,
        episode=link.episode,
        plan=link.live_plan,
        nrs_back=nrs_back,
        nrs_leg=nrs_leg,
        psfs=list(psfs),
        questionnaires=dict(questionnaires or {}),
    )
    patient = link.episode.patient
    record(actor, "hep.outcomes", patient=patient, obj=outcome, clinic=patient.clinic)
    from backpath.web.api.webhooks import emit

    emit(
        patient.clinic,
        "patient_reported_outcome",
        {
            "patient": str(patient.pk),
            "episode": str(link.episode_id),
            "at": outcome.at.isoformat(),
            "nrs_back": nrs_back,
            "nrs_leg": nrs_leg,
            "psfs": list(psfs),
            **scores,
        },
    )
    return outcome


def questionnaire_scores(answers: dict[str, Any]) -> dict[str, Any]:
    """The core's score of each licensed questionnaire answered at home, under its short name
    (``odi``, ``rmdq``: the shape of ``score_instruments``). Raises InstrumentError."""
    from backpath.core.instruments import get_instrument

    return {
        key.partition("_")[0]: get_instrument(key).score(given["values"])
        for key, given in answers.items()
    }
