"""Follow-up visits: the form → a ``backpath/followup/1`` record (with visit number, days since
the plan, baseline and previous symptoms filled in from the episode), ``follow_up`` from the
core, and accepting its progression (a new plan version when the plan changes, carrying the
clinician's edits to the previous plan: see :mod:`backpath.web.plans.carry`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction

from backpath.core.plan import carry
from backpath.web.assessments.formdata import (
    FormValues,
    PathMap,
    errors_by_field,
    number_of,
    red_flags_into,
    scores_of,
    symptoms_into,
    text_of,
)
from backpath.web.assessments.models import Assessment
from backpath.web.audit.trail import Actor, record
from backpath.web.conflicts import VersionConflict
from backpath.web.patients.models import Episode
from backpath.web.plans.actions import accept_plan, latest_plan, new_plan_version
from backpath.web.plans.carry import carry_onto, record_carry
from backpath.web.plans.models import PlanVersion

from .models import FollowUp

__all__ = [
    "accept_progression",
    "baseline_assessment",
    "baseline_of",
    "carry_for",
    "changes_plan",
    "errors_by_field",
    "followup_record",
    "record_followup",
]


BASELINE_ORDER = ("assessed_on", "created_at")  # the first finished assessment is the baseline


def baseline_assessment(episode: Episode) -> Assessment | None:
    """The first finished assessment that is not voided."""
    finished = episode.assessments.filter(status=Assessment.Status.FINAL, voided_at__isnull=True)
    return finished.order_by(*BASELINE_ORDER).first()


def baseline_of(assessments: Iterable[Assessment]) -> Assessment | None:
    """:func:`baseline_assessment` from assessments already loaded (no query)."""
    finished = [
        a for a in assessments if a.status == Assessment.Status.FINAL and a.voided_at is None
    ]
    return min(finished, key=lambda a: [getattr(a, f) for f in BASELINE_ORDER], default=None)


def _baseline(episode: Episode) -> dict[str, Any]:
    first = baseline_assessment(episode)
    if first is None:
        return {}
    inst = (first.record or {}).get("instruments", {})
    odi = ((first.result or {}).get("scores") or {}).get("odi") or {}
    base = {
        "nrs_back": inst.get("nrs_back"),
        "nrs_leg": inst.get("nrs_leg"),
        "odi_percent": odi.get("percent"),
    }
    return {k: v for k, v in base.items() if v is not None}


def psfs_activities(episode: Episode) -> list[str]:
    """The activities the patient named at the first assessment (scored again at follow-ups)."""
    first = baseline_assessment(episode)
    psfs = ((first.record or {}).get("instruments") or {}).get("psfs") if first else None
    return [item["activity"] for item in psfs or []]


def psfs_scores(form: FormValues, episode: Episode) -> tuple[list[int], dict[str, list[str]]]:
    """Follow-up PSFS scores (0–10) for the baseline activities, and errors by field."""
    scores, errors = [], {}
    for n, _activity in enumerate(psfs_activities(episode), start=1):
        value = number_of(text_of(form, f"psfs-{n}-score"))
        if value is None:
            continue
        if not isinstance(value, int) or not 0 <= value <= 10:
            errors[f"psfs-{n}-score"] = [f"{value} is not a score from 0 to 10"]
        else:
            scores.append(value)
    return scores, errors


def previous_symptoms(episode: Episode) -> list[dict[str, Any]]:
    live = episode.followups.filter(voided_at__isnull=True)
    last = live.order_by("-seen_on", "-visit_number").first()
    if last is not None:
        return list(last.record.get("symptoms", []))
    first = baseline_assessment(episode)
    return list((first.record or {}).get("symptoms", [])) if first else []


def last_visit_values(episode: Episode) -> dict[str, Any]:
    """Form values to start a follow-up from: the last visit's body chart and pain scores
    (the last follow-up's, else the first assessment's). Red flags are never copied: they are
    asked again at every visit."""
    last = episode.followups.order_by("-seen_on", "-visit_number").first()
    first = baseline_assessment(episode)
    if last is not None:
        scores = last.record
    else:
        scores = ((first.record or {}).get("instruments") or {}) if first else {}
    values: dict[str, Any] = {
        key: str(scores[key]) for key in ("nrs_back", "nrs_leg") if scores.get(key) is not None
    }
    for s in previous_symptoms(episode):
        values[f"sym-{s['region']}-{s['side']}"] = str(s.get("intensity", ""))
        values[f"sym-{s['region']}-{s['side']}-kind"] = s.get("kind", "pain")
    return values


def followup_record(
    form: FormValues, episode: Episode, based_on: PlanVersion, seen_on: date
) -> tuple[dict[str, Any], PathMap]:
    since = based_on.accepted_at or based_on.created_at
    data: dict[str, Any] = {
        "schema": "backpath/followup/1",
        "visit_number": episode.followups.count() + 2,
        "days_since_plan": max(0, (seen_on - since.date()).days),
        "response": text_of(form, "response") or "same",
        "previous_symptoms": previous_symptoms(episode),
        "baseline": _baseline(episode),
    }
    paths: PathMap = {}
    for key in ("nrs_back", "nrs_leg", "adherence_percent", "days_stable", "days_symptom_free"):
        value = number_of(text_of(form, key))
        if value is not None:
            data[key] = value
        paths[key] = key
    paths["response"] = "response"
    symptoms_into(form, data, paths)
    red_flags_into(form, data, paths)
    odi = scores_of(form, "odi", 10)
    if odi is not None:
        data["odi"] = odi
    paths.update({"odi": "odi-1", **{f"odi[{n}]": f"odi-{n + 1}" for n in range(10)}})
    return data, paths


def core_document(plan: PlanVersion) -> dict[str, Any]:
    """The latest result/progression document with the plan as the clinician accepted it."""
    return {**plan.document, "plan": plan.plan, "avoid": plan.avoid}


@transaction.atomic
def record_followup(
    actor: Actor,
    episode: Episode,
    based_on: PlanVersion,
    data: dict[str, Any],
    seen_on: date,
    psfs: list[int] | None = None,
) -> FollowUp:
    """Validate and decide; raises RecordError with nothing saved."""
    from backpath.core import follow_up, parse_followup

    progression = follow_up(core_document(based_on), parse_followup(data))
    followup = FollowUp.objects.create(
        episode=episode,
        seen_on=seen_on,
        visit_number=data["visit_number"],
        based_on=based_on,
        record=data,
        progression=dict(progression),
        psfs=psfs or [],
        created_by=actor.user,
    )
    record(
        actor,
        "followup.create",
        patient=episode.patient,
        obj=followup,
        decision=progression["action"],
        rule=progression["rule"],
    )
    return followup


def changes_plan(progression: dict[str, Any]) -> bool:
    """Whether accepting ``progression`` makes a new plan version (the stage changes)."""
    return bool(progression.get("plan")) and (
        progression.get("stage") != progression.get("stage_before")
    )


def carry_for(followup: FollowUp) -> carry.Carried | None:
    """The progression's new plan with the clinician's edits to the latest plan version applied
    (``None`` when the follow-up does not change the plan): see :mod:`backpath.web.plans.carry`."""
    prog = followup.progression
    if not changes_plan(prog):
        return None
    source = latest_plan(followup.episode) or followup.based_on
    return carry_onto(source, prog["plan"], prog.get("avoid") or [], prog.get("precautions") or [])


@transaction.atomic
def accept_progression(
    actor: Actor, followup: FollowUp, expected_number: int | None = None
) -> PlanVersion | None:
    """A new accepted plan version when the stage changed, carrying the clinician's edits to
    the latest plan version; None when nothing changes. Accepting again gives the same version.
    Raises VersionConflict when the latest version is no longer ``expected_number`` (the one
    whose edits the clinician saw would be carried), or the follow-up was voided."""
    locked = FollowUp.objects.select_for_update(of=("self",)).select_related("accepted_plan")
    row = locked.get(pk=followup.pk)
    if row.accepted_plan is not None:
        return row.accepted_plan
    if row.voided_at is not None:  # a voided visit decides nothing
        raise VersionConflict
    prog = followup.progression
    record(
        actor,
        "followup.accept",
        patient=followup.episode.patient,
        obj=followup,
        decision=prog["action"],
    )
    if prog["action"] == "discharge":
        from backpath.web.patients.actions import close_episode

        close_episode(actor, followup.episode, followup.seen_on, "discharged_improved")
        return None
    carried = carry_for(followup)
    if carried is None:
        return None
    plan = new_plan_version(
        actor,
        followup.episode,
        PlanVersion.Source.PROGRESSION,
        carried.plan,
        {**followup.based_on.document, **prog},
        changes=carried.changes,
        expected_number=carried.carried_from if expected_number is None else expected_number,
        followup=followup,
    )
    record_carry(actor, plan, carried)
    accept_plan(actor, plan)
    followup.accepted_plan = plan
    followup.save(update_fields=["accepted_plan"])
    return plan
