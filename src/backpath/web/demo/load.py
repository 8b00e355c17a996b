"""Loading the demo data through the same actions the web views use (so it is audited too).

Idempotent: clinics and users are created or updated; a patient is only created when the
clinic has no patient of that name and date of birth.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from backpath.web.assessments import actions as assessment_actions
from backpath.web.audit.trail import Actor
from backpath.web.clinics.models import Clinic, Profile, Role
from backpath.web.followups import actions as followups
from backpath.web.patients import actions as patient_actions
from backpath.web.patients.models import Episode, Patient
from backpath.web.plans import actions as plan_actions
from backpath.web.plans.models import PlanVersion
from backpath.web.programmes import actions as programme_actions

from .records import HILLSIDE_PATIENTS, PATIENTS

if TYPE_CHECKING:
    from django.contrib.auth.models import User

USERS = (  # username, full name, clinic, role
    ("alice", "Alice Shaw", "Harbour Physio", Role.ADMIN),
    ("bob", "Bob Turner", "Harbour Physio", Role.CLINICIAN),
    ("charlie", "Charlie Singh", "Hillside Physio", Role.ADMIN),
)


def demo_password(username: str) -> str:
    return f"backpath-demo-{username}"


class DemoRefused(RuntimeError):
    """The database holds real users where the demo would go; nothing was changed."""


def _check_untouched(username: str, clinic_name: str) -> None:
    """Refuse to reset a user, or to add to a clinic, that ``backpath demo`` did not create."""
    user = get_user_model().objects.filter(username__iexact=username).first()
    if user is not None and not Profile.objects.filter(user=user, is_demo=True).exists():
        raise DemoRefused(
            f"{user.username} is a real user (not made by backpath demo): refusing to change "
            "their password or clinic. Load the demo into a database of its own."
        )
    real = Profile.objects.filter(clinic__name=clinic_name, is_demo=False)
    if real.exists():
        raise DemoRefused(
            f"{clinic_name} has real users: refusing to add demo users and patients to it. "
            "Load the demo into a database of its own."
        )


def ensure_user(username: str, full_name: str, clinic_name: str, role: str) -> User:
    clinic, _ = Clinic.objects.get_or_create(name=clinic_name)
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.first_name, user.last_name = full_name.split(" ", 1)
    user.set_password(demo_password(username))
    user.save()
    Profile.objects.update_or_create(
        user=user, defaults={"clinic": clinic, "role": role, "is_demo": True}
    )
    return user


@transaction.atomic
def load_demo(base_url: str = "http://127.0.0.1:8000") -> list[str]:
    """Create everything; returns lines to print (logins and the new patient links).

    Raises :class:`DemoRefused`, before any change, when a demo user name or clinic is real."""
    for username, _name, clinic_name, _role in USERS:
        _check_untouched(username, clinic_name)
    users = {u: ensure_user(u, n, c, r) for u, n, c, r in USERS}
    lines = [f"{u:8} {demo_password(u):24} {c} ({r})" for u, _n, c, r in USERS]
    today = timezone.localdate()
    for spec, user in [
        *((p, users["alice"]) for p in PATIENTS),
        *((p, users["charlie"]) for p in HILLSIDE_PATIENTS),
    ]:
        token = _load_patient(spec, user, today)
        if token:
            lines.append(f"  {spec['name']}: {base_url}/p/{token}/")
    return lines


def _load_patient(spec: dict[str, Any], user: User, today: dt.date) -> str | None:
    actor = Actor(user=user, path="backpath demo")
    clinic = user.profile.clinic
    born = dt.date.fromisoformat(spec["dob"])
    if Patient.objects.filter(clinic=clinic, name=spec["name"], date_of_birth=born).exists():
        return None
    patient = patient_actions.create_patient(
        actor,
        clinic,
        {
            "name": spec["name"],
            "date_of_birth": born,
            "sex": spec["sex"],
            "contact": spec["contact"],
        },
    )
    seen = today - dt.timedelta(days=spec["days_ago"])
    episode = patient_actions.open_episode(actor, patient, "Low back pain", seen)
    record = {
        "schema": "backpath/assessment/1",
        "id": f"demo-{patient.pk}",
        "patient": {"age": patient.age_on(seen), "sex": spec["sex"]},
        **spec["record"],
    }
    assessment_actions.finish_assessment(actor, episode, record, seen)
    plan = plan_actions.latest_plan(episode)
    if plan is None:
        return None
    plan_actions.accept_plan(actor, plan)
    _backdate(plan, seen)
    link, token = programme_actions.create_link(actor, plan)
    for change, days in spec.get("sessions", []):
        programme_actions.log_session(Actor(path="/p/<token>/"), link, change, days)
    for fu in spec.get("followups", []):
        _followup(actor, episode, fu, seen)
    return token


def _backdate(plan: PlanVersion, day: dt.date) -> None:
    """Demo only: make the plan look accepted on the day of the assessment."""
    when = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    PlanVersion.objects.filter(pk=plan.pk).update(accepted_at=when, created_at=when)
    plan.accepted_at = when


def _followup(actor: Actor, episode: Episode, spec: dict[str, Any], start: dt.date) -> None:
    based_on = plan_actions.current_plan(episode)
    if based_on is None:
        return
    seen_on = start + dt.timedelta(days=spec["days"])
    form: dict[str, Any] = {
        k: str(v)
        for k, v in spec.items()
        if k
        in (
            "nrs_back",
            "nrs_leg",
            "response",
            "adherence_percent",
            "days_stable",
            "days_symptom_free",
        )
    }
    for s in spec.get("symptoms", []):
        form[f"sym-{s['region']}-{s['side']}"] = str(s["intensity"])
        form[f"sym-{s['region']}-{s['side']}-kind"] = s["kind"]
    for n, value in enumerate(spec.get("odi") or [], start=1):
        form[f"odi-{n}"] = str(value)
    for n, value in enumerate(spec.get("psfs") or [], start=1):
        form[f"psfs-{n}-score"] = str(value)
    data, _paths = followups.followup_record(form, episode, based_on, seen_on)
    psfs, _errors = followups.psfs_scores(form, episode)
    fu = followups.record_followup(actor, episode, based_on, data, seen_on, psfs)
    new_plan = followups.accept_progression(actor, fu)
    if new_plan is not None:
        _backdate(new_plan, seen_on)
