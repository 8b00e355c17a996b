"""Keeping :class:`EpisodeSummary` rows: :func:`refresh_episode` after any write to an episode
(connected in :mod:`.signals`), :func:`rebuild` for rows written in bulk (an upgrade); each
write to a row enqueues the refresh of its dashboard groups (:mod:`.groups`). What an episode
contributes is decided by the core (:func:`episode_facts`).

Two seams for records other branches add: :func:`live` is the one place voided rows are left
out, and :func:`discharge_outcome_of` the one place an episode's discharge outcome is read.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import timedelta
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from backpath.core.analytics import EpisodeFacts, episode_facts
from backpath.web.followups.actions import baseline_of
from backpath.web.followups.models import FollowUp
from backpath.web.followups.outcomes import points_from
from backpath.web.patients.models import Episode
from backpath.web.programmes.models import SessionLog

from .groups import quiet, rebuild_groups
from .models import EpisodeSummary

__all__ = [
    "ACK_WITHIN",
    "discharge_outcome_of",
    "live",
    "rebuild",
    "red_reports",
    "refresh_episode",
]

ACK_WITHIN = timedelta(hours=24)

M = TypeVar("M", bound=Model)


def live(rows: QuerySet[M]) -> QuerySet[M]:
    """``rows`` without voided ones (models that have ``voided_at``; others unchanged)."""
    names = {f.name for f in rows.model._meta.get_fields()}
    return rows.filter(voided_at__isnull=True) if "voided_at" in names else rows


def discharge_outcome_of(episode: Episode) -> str:
    """The episode's recorded discharge outcome, when the model has one ("" otherwise)."""
    return str(getattr(episode, "discharge_outcome", "") or "")


def refresh_episode(episode_id: uuid.UUID) -> EpisodeSummary | None:
    episode = Episode.objects.select_related("patient").filter(pk=episode_id).first()
    if episode is None:
        return None
    return _write(episode)


def rebuild(episodes: QuerySet[Episode] | None = None, batch: int = 500) -> int:
    """(Re)write the summary of every episode in ``episodes`` (all by default), then the
    dashboard's groups of their clinics."""
    done, clinics = 0, set()
    ids = list((episodes or Episode.objects.all()).values_list("pk", flat=True))
    with quiet():
        for start in range(0, len(ids), batch):
            chunk = Episode.objects.filter(pk__in=ids[start : start + batch])
            chunk = chunk.select_related("patient")
            for episode in chunk.prefetch_related("assessments", "followups", "plans"):
                _write(episode)
                clinics.add(episode.patient.clinic_id)
                done += 1
    rebuild_groups(None if episodes is None else clinics)
    return done


def _write(episode: Episode) -> EpisodeSummary | None:
    assessments = list(live(episode.assessments.all()))
    first = baseline_of(assessments)
    if first is None:
        EpisodeSummary.objects.filter(episode=episode).delete()
        return None
    followups = sorted(live(episode.followups.all()), key=lambda f: (f.seen_on, f.visit_number))
    points = points_from(first, followups)
    visits = [(p.day, {"nrs_back": p.nrs_back, "nrs_leg": p.nrs_leg, "odi": p.odi}) for p in points]
    facts = episode_facts(
        first.record or {}, first.result or {}, first.assessed_on, visits[1:], _review(episode)
    )
    fields = {
        "clinic_id": episode.patient.clinic_id,
        "clinician_id": first.clinician_id,
        "started_on": episode.started_on,
        "closed_on": episode.closed_on,
        "assessed_on": first.assessed_on,
        "syndrome": facts.syndrome,
        "subgroup": facts.subgroup,
        "dp": facts.dp,
        "dp_centralised": facts.dp_centralised,
        "referral_urgency": facts.referral_urgency,
        "discharge_outcome": discharge_outcome_of(episode),
        "visits": facts.visits,
        "last_seen_on": facts.last_seen_on,
        "review_due_on": facts.review_due_on,
        **_scores(facts),
        **_adherence(episode, followups),
        **red_reports(episode),
    }
    summary, _ = EpisodeSummary.objects.update_or_create(episode=episode, defaults=fields)
    return summary


def _scores(facts: EpisodeFacts) -> dict[str, Any]:
    out = {}
    for name in facts.baseline:
        out[f"base_{name}"] = facts.baseline[name]
        out[f"last_{name}"] = facts.latest[name]
        out[f"mcid_{name}"] = facts.reached[name]
        out[f"days_mcid_{name}"] = facts.days_to_mcid[name]
    return out


def _review(episode: Episode) -> int | None:
    plans = [p for p in live(episode.plans.all()) if p.accepted_at is not None]
    latest = max(plans, key=lambda p: p.number, default=None)
    days = (latest.plan or {}).get("review_after_days") if latest else None
    return days if isinstance(days, int) else None


def _adherence(episode: Episode, followups: Iterable[FollowUp]) -> dict[str, Any]:
    """Patient-logged adherence to the current plan (the core's, exercise by exercise, as the
    plan page shows it) when the patient logged any; else the latest follow-up's figure."""
    from backpath.web.plans.actions import current_plan
    from backpath.web.programmes.home_data import plan_adherence

    sessions = SessionLog.objects.filter(plan__episode=episode).count()
    plan = current_plan(episode) if sessions else None
    logged = plan_adherence(plan) if plan is not None else None
    if logged is not None and logged.percent is not None:
        return {
            "sessions": sessions,
            "adherence": float(logged.percent),
            "adherence_source": "patient",
        }
    stated = [f.record.get("adherence_percent") for f in followups]
    stated = [s for s in stated if isinstance(s, int | float)]
    if stated:
        return {"sessions": 0, "adherence": float(stated[-1]), "adherence_source": "clinician"}
    return {"sessions": 0, "adherence": None, "adherence_source": ""}


def red_reports(episode: Episode) -> dict[str, Any]:
    """The patient's red self-reports on this episode's plans and how soon each was
    acknowledged (today: ``SessionLog.acknowledged_at``; the one place to read another
    acknowledgement record, such as an inbox's, instead)."""
    logs = SessionLog.objects.filter(plan__episode=episode, light="red")
    times = list(logs.values_list("at", "acknowledged_at"))
    waits = [max(done - at, timedelta(0)) for at, done in times if done is not None]
    return {
        "red_reports": len(times),
        "red_acknowledged": len(waits),
        "red_within_day": sum(w <= ACK_WITHIN for w in waits),
        "red_wait_hours": sum(w.total_seconds() for w in waits) / 3600,
    }
