"""Every write to plan versions and plan templates; each records its audit entry.

Plan edits are the core's ``add_item`` / ``remove_item`` (its one gate: avoided directions,
positions, precautions), ``set_dose`` / ``move_item`` / ``set_note`` and ``apply_template``.
Plans are never overwritten: each change is a new :class:`PlanVersion`. Nothing is deleted
either: a mistake is voided (:func:`backpath.web.corrections.void`) with a typed reason, kept
and shown struck through.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from backpath.core.plan import (
    add_item,
    apply_template,
    conflict_codes,
    move_item,
    remove_item,
    set_dose,
    set_note,
    template_items,
    template_name,
)
from backpath.web.audit.trail import Actor, record
from backpath.web.conflicts import VersionConflict
from backpath.web.patients.models import Episode

from .models import PlanTemplate, PlanVersion


def new_plan_version(
    actor: Actor,
    episode: Episode,
    source: str,
    plan: Mapping[str, Any],
    document: Mapping[str, Any],
    changes: list[dict[str, Any]] | None = None,
    expected_number: int | None = None,
    **links: Any,
) -> PlanVersion:
    latest = episode.plans.aggregate(n=Max("number"))["n"] or 0
    if expected_number is not None and _live_number(episode) != expected_number:
        raise VersionConflict
    try:
        with transaction.atomic():
            version = PlanVersion.objects.create(
                episode=episode,
                number=latest + 1,
                source=source,
                stage=plan["stage"],
                plan=plan,
                avoid=document.get("avoid", []),
                document={**document, "plan": plan},
                changes=changes or [],
                created_by=actor.user,
                **links,
            )
    except IntegrityError:
        raise VersionConflict from None
    record(
        actor,
        "plan.create",
        patient=episode.patient,
        obj=version,
        number=version.number,
        source=source,
        edit=(changes or [{}])[-1].get("action", "") if source == "clinician" else "",
    )
    return version


def _live_number(episode: Episode) -> int:
    """The number of the latest plan version that is not voided (0 for none)."""
    live = episode.plans.filter(voided_at__isnull=True)
    return int(live.aggregate(n=Max("number"))["n"] or 0)


def _change(
    actor: Actor,
    action: str,
    code: str,
    reason: str = "",
    conflicts: list[str] | None = None,
    **detail: Any,
) -> dict[str, Any]:
    return {
        "action": action,
        "exercise": code,
        "reason": reason,
        "conflicts": conflicts or [],
        "by": getattr(actor.user, "username", ""),
        "at": timezone.now().isoformat(),
        **detail,
    }


def _edited(
    actor: Actor, plan: PlanVersion, new_plan: dict[str, Any], change: dict[str, Any]
) -> PlanVersion:
    """The clinician's edit of ``plan`` as the next version (VersionConflict if outdated)."""
    if plan.is_voided:
        raise VersionConflict
    return new_plan_version(
        actor,
        plan.episode,
        PlanVersion.Source.CLINICIAN,
        new_plan,
        plan.document,
        [*plan.changes, change],
        expected_number=plan.number,
    )


def _gate_inputs(plan: PlanVersion) -> tuple[list[Any], list[Any]]:
    """What the core's gate needs: the version's avoid entries and the patient's precautions."""
    return list(plan.avoid or []), list((plan.document or {}).get("precautions") or [])


@transaction.atomic
def remove_exercise(actor: Actor, plan: PlanVersion, code: str, reason: str = "") -> PlanVersion:
    """Raises the core's EditError when ``code`` is not in the plan."""
    new_plan = remove_item(plan.plan, code)
    return _edited(actor, plan, new_plan, _change(actor, "remove", code, reason))


@transaction.atomic
def add_exercise(actor: Actor, plan: PlanVersion, code: str, reason: str) -> PlanVersion:
    """Raises the core's OverrideRequired when the exercise conflicts with an avoided
    direction or a precaution and no reason of a sentence is given, and EditError for a code
    that cannot be added."""
    avoid, precautions = _gate_inputs(plan)
    new_plan, found = add_item(plan.plan, code, avoid, precautions, reason)
    conflicts = conflict_codes(found)
    reason = " ".join(reason.split())
    version = _edited(actor, plan, new_plan, _change(actor, "add", code, reason, conflicts))
    if conflicts:
        record(
            actor,
            "plan.override",
            patient=plan.episode.patient,
            obj=version,
            exercise=code,
            conflicts=conflicts,
            reason=reason,
        )
    return version


@transaction.atomic
def change_dose(actor: Actor, plan: PlanVersion, code: str, dose: dict[str, Any]) -> PlanVersion:
    """Raises the core's EditError naming the dose part outside its bounds."""
    new_plan = set_dose(plan.plan, code, dose)
    item = next(i for i in new_plan["items"] if i["exercise"] == code)
    return _edited(actor, plan, new_plan, _change(actor, "dose", code, dose=item["dose"]))


@transaction.atomic
def move_exercise(actor: Actor, plan: PlanVersion, code: str, direction: str) -> PlanVersion:
    new_plan = move_item(plan.plan, code, direction)
    return _edited(actor, plan, new_plan, _change(actor, "move", code, direction=direction))


@transaction.atomic
def change_note(actor: Actor, plan: PlanVersion, code: str, note: str) -> PlanVersion:
    new_plan = set_note(plan.plan, code, note)
    item = next(i for i in new_plan["items"] if i["exercise"] == code)
    return _edited(actor, plan, new_plan, _change(actor, "note", code, note=item.get("note", "")))


@transaction.atomic
def save_template(actor: Actor, plan: PlanVersion, name: str, personal: bool) -> PlanTemplate:
    """A named template from ``plan``'s items; clinic-wide unless ``personal``. Raises the
    core's EditError (field ``name`` or ``plan``)."""
    clean = template_name(name)
    template = PlanTemplate.objects.create(
        clinic=plan.episode.patient.clinic,
        owner=actor.user if personal else None,
        name=clean,
        stage=plan.stage,
        items=template_items(plan.plan),
        created_by=actor.user,
    )
    record(
        actor,
        "plan_template.create",
        patient=plan.episode.patient,
        obj=template,
        name=clean,
        personal=personal,
        exercises=[i["exercise"] for i in template.items],
    )
    return template


@transaction.atomic
def use_template(
    actor: Actor, plan: PlanVersion, template: PlanTemplate
) -> tuple[PlanVersion, list[str]]:
    """The next version with the template's items (through the core's gate), and a sentence
    for each item it dropped and why."""
    avoid, precautions = _gate_inputs(plan)
    applied = apply_template(plan.plan, template.name, template.items, avoid, precautions)
    dropped = applied.texts()
    new_plan = {
        **applied.plan,
        "notes": [
            *(plan.plan.get("notes") or []),
            *({"rule": "template", "text": t} for t in dropped),
        ],
    }
    change = _change(
        actor,
        "template",
        "",
        template=template.name,
        dropped=[d["exercise"] for d in applied.dropped],
    )
    version = _edited(actor, plan, new_plan, change)
    record(
        actor,
        "plan_template.apply",
        patient=plan.episode.patient,
        obj=version,
        template=str(template.pk),
        name=template.name,
        dropped=change["dropped"],
    )
    return version, dropped


@transaction.atomic
def accept_plan(actor: Actor, plan: PlanVersion) -> PlanVersion:
    if plan.is_voided or _live_number(plan.episode) != plan.number:
        raise VersionConflict
    if plan.accepted_at is None:
        plan.accepted_by, plan.accepted_at = actor.user, timezone.now()
        plan.save(update_fields=["accepted_by", "accepted_at"])
        _announce_accepted(plan)
    record(actor, "plan.accept", patient=plan.episode.patient, obj=plan, number=plan.number)
    return plan


def _announce_accepted(plan: PlanVersion) -> None:
    from django.urls import reverse

    from backpath.web.api.webhooks import emit

    episode = plan.episode
    emit(
        episode.patient.clinic,
        "plan.accepted",
        {
            "patient": str(episode.patient_id),
            "episode": str(episode.pk),
            "plan": str(plan.pk),
            "number": plan.number,
            "stage": plan.stage,
            "pdf": reverse("programmes:pdf", args=[plan.pk]),  # needs a signed-in clinician
            "fhir": f"/fhir/CarePlan/{plan.pk}",
        },
    )


def current_plan(episode: Episode) -> PlanVersion | None:
    """The latest accepted plan version of the episode that is not voided, if any."""
    live = episode.plans.filter(accepted_at__isnull=False, voided_at__isnull=True)
    return live.order_by("-number").first()


def latest_plan(episode: Episode) -> PlanVersion | None:
    """The latest plan version that is not voided."""
    return episode.plans.filter(voided_at__isnull=True).order_by("-number").first()
