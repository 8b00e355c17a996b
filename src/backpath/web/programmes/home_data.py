"""What the patient's logs and home outcome measures tell the clinician: adherence to the plan
version in use (computed by the core) and the follow-up form's patient-reported pre-fill."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from backpath.core.home_log import Adherence, LoggedSession, adherence

from .models import HomeOutcome, SessionLog

if TYPE_CHECKING:
    from backpath.web.patients.models import Episode
    from backpath.web.plans.models import PlanVersion

__all__ = ["followup_prefill", "plan_adherence"]


def _since(plan: PlanVersion) -> date:
    return timezone.localdate(plan.accepted_at or plan.created_at)


def plan_adherence(plan: PlanVersion) -> Adherence | None:
    """Adherence to ``plan`` (an accepted version) from the sessions logged against it, from
    its acceptance to today; None before any session was logged."""
    logs = list(SessionLog.objects.filter(plan=plan).prefetch_related("exercises").order_by("at"))
    if not logs:
        return None
    sessions = [
        LoggedSession(
            timezone.localdate(log.at),
            not log.done,
            frozenset(e.exercise for e in log.exercises.all() if e.done),
        )
        for log in logs
    ]
    codes = [i["exercise"] for i in plan.items]
    start = min(_since(plan), *(s.day for s in sessions))
    return adherence(codes, sessions, start, max(timezone.localdate(), start))


def followup_prefill(episode: Episode, plan: PlanVersion) -> tuple[dict[str, Any], list[str]]:
    """Initial values for the follow-up form from what the patient reported since ``plan`` was
    accepted: overall adherence from the session logs, and the latest home NRS and PSFS scores
    and ODI sections (the clinic's licensed ODI; the follow-up record has no RMDQ).
    Returns the values (form field names) and the names of the fields filled, which the form
    marks "patient-reported"; the clinician can change any of them."""
    values: dict[str, Any] = {}
    found = plan_adherence(plan)
    if found is not None and found.percent is not None:
        values["adherence_percent"] = str(found.percent)
    home = HomeOutcome.objects.filter(episode=episode, plan=plan).first()
    if home is not None:
        if home.nrs_back is not None:
            values["nrs_back"] = str(home.nrs_back)
        if home.nrs_leg is not None:
            values["nrs_leg"] = str(home.nrs_leg)
        for n, score in enumerate(home.psfs, start=1):
            if score is not None:
                values[f"psfs-{n}-score"] = str(score)
        odi = (home.questionnaires or {}).get("odi_2.1a") or {}
        for n, value in enumerate(odi.get("values") or [], start=1):  # the form's odi-N fields
            if value is not None:
                values[f"odi-{n}"] = str(value)
    return values, sorted(values)
