"""``manage.py seed_bench``: a large, realistic data set for ``benchmarks/web.py``.

Creates clinics ``Bench Clinic N`` with clinicians ``bench-NN`` and, spread over them, the
requested number of patients and visits: one episode and one finished assessment per patient,
the accepted plan version it produced and a patient link, and follow-ups (with the core's
progression) for the patients who have a plan. The clinical documents are what the app stores:
``assess`` and ``follow_up`` run once per template record (the demo's records, varied) and the
results are reused. Rows are written with ``bulk_create`` in batches, one transaction per batch,
with the audit entries the actions would have written, and the dashboard's summary rows and
groups the app would have kept.

Idempotent: patients already there are counted and only the missing ones are added. Patient-link
tokens are derived from ``SECRET_KEY`` and the link id, so ``--manifest`` can list usable links
on every run (benchmark data only: never run this against a real clinic's database).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from backpath.web.analytics.groups import rebuild_groups
from backpath.web.analytics.models import EpisodeSummary
from backpath.web.assessments.models import Assessment
from backpath.web.audit.chain import lock_chain, seal
from backpath.web.audit.models import AuditEntry
from backpath.web.clinics.models import Clinic, Profile, Role
from backpath.web.followups.models import FollowUp
from backpath.web.patients.models import Episode, Patient
from backpath.web.plans.models import PlanVersion
from backpath.web.programmes.actions import token_hash
from backpath.web.programmes.models import ExerciseLog, HepLink, SessionLog

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Rows = dict[str, list[Any]]  # the rows to bulk-create, by model

PASSWORD = "bench-password-not-secret"
CLINIC_PREFIX = "Bench Clinic"
BATCH = 500
_FIRST = (
    "Ada Ben Cara Dev Ellie Femi Gita Hugo Ines Jack Kofi Lena Mo Nia Omar Priya Quinn Rosa "
    "Sami Tara Uma Victor Wen Xavi Yara Zane Alex Bea Chris Dana Emil Fay Gus Hana Ivan Jo"
)
_LAST = (
    "Abbott Baker Clarke Dixon Evans Fischer Garcia Hughes Iqbal Jones Khan Lopez Morgan "
    "Nguyen Owens Patel Quinn Reyes Smith Taylor Ueda Vance Walsh Xu Young Zhang Ahmed Brown "
    "Cohen Doyle Ellis Fraser Grant Hall Irwin Jensen"
)
FIRST, LAST = _FIRST.split(" "), _LAST.split(" ")
SESSION_CHANGES = (  # what patients report after a home session, most often good news
    *("decreased", "centralised", "no_change") * 10,
    "worse_then_settled",
    "worse_then_settled",
    "worse_stayed",
)
FOLLOW_UP_VARIANTS = (  # response, nrs_back, nrs_leg, adherence, days_stable, back intensity
    ("better", 2, 0, 90, 8, 2),
    ("better", 4, 1, 70, 3, 4),
    ("same", 5, 3, 60, 0, 5),
    ("worse", 7, 5, 50, 0, 7),
)


@dataclass(frozen=True)
class Template:
    sex: str
    record: dict[str, Any]
    result: dict[str, Any]
    followups: tuple[tuple[dict[str, Any], dict[str, Any]], ...]  # (record, progression)

    @property
    def has_plan(self) -> bool:
        return bool(self.result.get("plan"))


def analyze() -> None:
    """Give the planner statistics of the rows just written (PostgreSQL and SQLite both have
    ``ANALYZE``). A database loaded in one go has none until autovacuum's next pass: without
    them PostgreSQL scanned every session log and follow-up for one episode's page (10–20 ms a
    query at 10,000 patients, 0.05 ms after), so the benchmark measured a state a clinic's
    database is never in for long."""
    with connection.cursor() as cur:
        cur.execute("ANALYZE")


def link_token(link_id: uuid.UUID) -> str:
    """The patient-link token of a benchmark link (reproducible from SECRET_KEY)."""
    digest = hmac.new(settings.SECRET_KEY.encode(), str(link_id).encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")


def _followups(record: dict[str, Any], result: dict[str, Any]) -> tuple[Any, ...]:
    from backpath.core import follow_up, parse_followup

    inst = record.get("instruments", {})
    odi = ((result.get("scores") or {}).get("odi") or {}).get("percent")
    baseline = {"nrs_back": inst.get("nrs_back"), "nrs_leg": inst.get("nrs_leg")}
    baseline["odi_percent"] = odi
    done = []
    for response, back, leg, adherence, stable, intensity in FOLLOW_UP_VARIANTS:
        data = {
            "schema": "backpath/followup/1",
            "visit_number": 2,
            "days_since_plan": 7,
            "response": response,
            "previous_symptoms": record.get("symptoms", []),
            "baseline": {k: v for k, v in baseline.items() if v is not None},
            "nrs_back": back,
            "nrs_leg": leg,
            "adherence_percent": adherence,
            "days_stable": stable,
            "symptoms": [
                {"region": "back", "side": "central", "kind": "pain", "intensity": intensity}
            ],
        }
        done.append((data, dict(follow_up(result, parse_followup(data)))))
    return tuple(done)


def templates() -> list[Template]:
    """The demo's assessment records, each assessed once (and followed up when it has a plan)."""
    from backpath.core import assess, parse_assessment
    from backpath.web.demo.records import HILLSIDE_PATIENTS, PATIENTS

    made = []
    for n, spec in enumerate([*PATIENTS, *HILLSIDE_PATIENTS]):
        record = {
            "schema": "backpath/assessment/1",
            "id": f"bench-template-{n}",
            "patient": {"age": 45, "sex": spec["sex"]},
            **spec["record"],
        }
        result: dict[str, Any] = dict(assess(parse_assessment(record)))
        fus = _followups(record, result) if result.get("plan") else ()
        made.append(Template(spec["sex"], record, result, fus))
    return made


def _lights() -> dict[str, Any]:
    from backpath.core.monitoring import SelfReport, traffic_light

    return {c: traffic_light(SelfReport(c, 0, False)) for c in set(SESSION_CHANGES)}  # type: ignore[arg-type]


def _pick(templates_: list[Template], index: int) -> Template:
    """Mostly patients with a plan; a few referrals and unclassified ones, as in a clinic.

    Hashing the index spreads every template over every clinic (patient i is at clinic i % K).
    """
    spread = int(hashlib.sha256(str(index).encode()).hexdigest()[:8], 16)
    with_plan = [t for t in templates_ if t.has_plan]
    without = [t for t in templates_ if not t.has_plan]
    if without and spread % 10 == 9:
        return without[(spread // 10) % len(without)]
    return with_plan[(spread // 10) % len(with_plan)]


class Command(BaseCommand):
    help = "Create benchmark clinics, clinicians, patients and visits (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--patients", type=int, default=10_000)
        parser.add_argument("--visits", type=int, default=30_000, help="assessments + follow-ups")
        parser.add_argument("--clinics", type=int, default=4)
        parser.add_argument("--clinicians", type=int, default=20, help="in all, over the clinics")
        parser.add_argument("--manifest", help="write ids, names and links for the benchmark here")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--bulk-sql",
            type=int,
            metavar="BASE",
            help="PostgreSQL only: seed BASE patients as usual, then clone them in SQL "
            "(INSERT … SELECT generate_series) up to --patients, for 100,000-patient runs",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = timezone.now()
        users = _clinicians(options["clinics"], options["clinicians"])
        base = options["bulk_sql"]
        if base and base < options["patients"]:
            from backpath.web.demo.bench.bulk_sql import clone_patients

            total, visits = options["patients"], options["visits"]
            small = {**options, "patients": base, "visits": round(visits * base / total)}
            made = _Seeder(users, small).run()
            made += clone_patients(list(users), base, total)
        else:
            made = _Seeder(users, options).run()
        if made:
            analyze()  # before the groups are summed from the new rows
        groups = rebuild_groups(list(users)) if made else None  # rows written without signals
        took = (timezone.now() - started).total_seconds()
        grouped = f" ({groups} dashboard groups)" if groups is not None else ""
        self.stdout.write(f"seed_bench: {made} new patients in {took:.1f}s{grouped}")
        if options["manifest"]:
            with open(options["manifest"], "w") as out:
                json.dump(manifest(users, random.Random(options["seed"])), out)


def _clinicians(clinics: int, clinicians: int) -> dict[Any, list[Any]]:
    """Clinic → its clinicians (created or reused; every one has the benchmark password)."""
    model, password = get_user_model(), make_password(PASSWORD)
    by_clinic: dict[Any, list[Any]] = {}
    for n in range(clinicians):
        clinic, _ = Clinic.objects.get_or_create(name=f"{CLINIC_PREFIX} {n % clinics + 1}")
        user, created = model.objects.get_or_create(username=f"bench-{n + 1:02d}")
        if created or not user.check_password(PASSWORD):
            user.password, user.first_name, user.last_name = password, "Bench", f"{n + 1:02d}"
            user.save()
        role = Role.ADMIN if n < clinics else Role.CLINICIAN
        Profile.objects.update_or_create(user=user, defaults={"clinic": clinic, "role": role})
        by_clinic.setdefault(clinic, []).append(user)
    return by_clinic


class _Seeder:
    """Adds patients ``existing .. patients-1``; patient ``i``'s data depends only on ``i``."""

    def __init__(self, users: dict[Any, list[Any]], options: dict[str, Any]) -> None:
        self.clinics = list(users)
        self.users = users
        self.total = options["patients"]
        self.templates = templates()
        self.lights = _lights()
        plan_patients = sum(_pick(self.templates, i).has_plan for i in range(self.total))
        extra = max(0, options["visits"] - self.total)
        self.per, self.spare = divmod(extra, max(plan_patients, 1))
        self.today = timezone.localdate()

    def run(self) -> int:
        existing = Patient.objects.filter(clinic__in=self.clinics).count()
        if existing >= self.total:
            return 0
        plan_rank = sum(_pick(self.templates, i).has_plan for i in range(existing))
        for start in range(existing, self.total, BATCH):
            plan_rank = self._batch(range(start, min(start + BATCH, self.total)), plan_rank)
        return self.total - existing

    @transaction.atomic
    def _batch(self, indices: range, plan_rank: int) -> int:
        rows: Rows = {k: [] for k in ("p", "e", "a", "v", "l", "s", "x", "f", "sum", "audit")}
        for i in indices:
            template = _pick(self.templates, i)
            visits = 0
            if template.has_plan:
                visits = self.per + (1 if plan_rank < self.spare else 0)
                plan_rank += 1
            self._patient(i, template, visits, rows)
        for key, model in (
            ("p", Patient),
            ("e", Episode),
            ("a", Assessment),
            ("v", PlanVersion),
            ("l", HepLink),
            ("s", SessionLog),
            ("x", ExerciseLog),
            ("f", FollowUp),
            ("sum", EpisodeSummary),
        ):
            model.objects.bulk_create(rows[key], batch_size=BATCH)
        lock_chain()  # the audit entries join the hash chain, in order
        seal(rows["audit"])
        AuditEntry.objects.bulk_create(rows["audit"], batch_size=BATCH)
        return plan_rank

    def _patient(self, i: int, t: Template, visits: int, rows: dict[str, list[Any]]) -> None:
        rnd = random.Random(i)
        f0, s0 = len(rows["f"]), len(rows["s"])
        clinic = self.clinics[i % len(self.clinics)]
        user = self.users[clinic][(i // len(self.clinics)) % len(self.users[clinic])]
        born = date(1940, 1, 1) + timedelta(days=rnd.randrange(365 * 65))
        seen = self.today - timedelta(days=7 * visits + rnd.randrange(1, 120))
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        patient = Patient(clinic=clinic, name=name, date_of_birth=born, sex=t.sex)
        patient.contact = f"07700 9{i:05d}"[:12]
        episode = Episode(patient=patient, complaint="Low back pain", started_on=seen)
        episode.created_by = user
        record = {**t.record, "id": f"bench-{i}", "patient": {**t.record["patient"]}}
        record["patient"]["age"] = patient.age_on(seen)
        assessment = Assessment(
            episode=episode, clinician=user, status=Assessment.Status.FINAL, assessed_on=seen
        )
        assessment.record, assessment.result = record, t.result
        rows["p"].append(patient)
        rows["e"].append(episode)
        rows["a"].append(assessment)
        audit = _Audit(user, clinic, patient, rows["audit"])
        audit.add("patient.create", patient)
        audit.add("episode.create", episode)
        audit.add("assessment.finish", assessment, rule=t.result["classification"]["rule"])
        if t.has_plan:
            plan = self._plan(episode, assessment, t, user, seen, rows, audit)
            self._sessions(i, rows["l"][-1], patient, rows, audit)
            self._followups(i, plan, t, seen, visits, rows, audit)
        rows["sum"].append(_summary(episode, assessment, rows["f"][f0:], rows["s"][s0:]))

    def _plan(
        self,
        episode: Episode,
        assessment: Assessment,
        t: Template,
        user: User,
        seen: date,
        rows: Rows,
        audit: _Audit,
    ) -> PlanVersion:
        accepted = timezone.make_aware(datetime.combine(seen, time(10, 0)))
        plan = PlanVersion(
            episode=episode,
            number=1,
            source=PlanVersion.Source.ASSESSMENT,
            assessment=assessment,
            stage=t.result["plan"]["stage"],
            plan=t.result["plan"],
            avoid=t.result.get("avoid", []),
            document=t.result,
            created_by=user,
            accepted_by=user,
            accepted_at=accepted,
        )
        link = HepLink(
            episode=plan.episode,
            seen_plan=plan,
            created_by=user,
            expires_at=timezone.now() + timedelta(days=42),
        )
        link.token_hash = token_hash(link_token(link.id))
        rows["v"].append(plan)
        rows["l"].append(link)
        audit.add("plan.create", plan, number=1, source="assessment")
        audit.add("plan.accept", plan, number=1)
        audit.add("hep_link.create", link)
        return plan

    def _sessions(self, i: int, link: HepLink, patient: Patient, rows: Rows, audit: _Audit) -> None:
        """0–5 self-reports through the patient's link (acknowledged if red, mostly)."""
        plan = link.seen_plan  # the version the seeder gave the link
        if plan is None:
            return
        rnd = random.Random(-i)
        for _ in range(rnd.randrange(6)):
            change = rnd.choice(SESSION_CHANGES)
            light = self.lights[change]
            log = SessionLog(
                link=link,
                plan=plan,
                patient=patient,
                change=change,
                light=light.light,
                rule=light.rule,
                reasons=list(light.reasons),
            )
            if light.light == "red" and rnd.random() < 0.9:
                log.acknowledged_at, log.acknowledged_by = timezone.now(), link.created_by
            rows["s"].append(log)
            rows["x"] += [  # every exercise of the session done, with the session's answer
                ExerciseLog(
                    session=log,
                    exercise=item["exercise"],
                    done=True,
                    change=change,
                    light=light.light,
                    rule=light.rule,
                    reasons=list(light.reasons),
                )
                for item in plan.items
            ]
            audit.add("hep.session", log, patient_link=True, light=light.light)

    def _followups(
        self,
        i: int,
        plan: PlanVersion,
        t: Template,
        seen: date,
        visits: int,
        rows: Rows,
        audit: _Audit,
    ) -> None:
        for n in range(visits):
            data, progression = t.followups[(i + n) % len(t.followups)]
            data = {**data, "visit_number": n + 2, "days_since_plan": 7 * (n + 1)}
            fu = FollowUp(
                episode=plan.episode,
                seen_on=seen + timedelta(days=7 * (n + 1)),
                visit_number=n + 2,
                based_on=plan,
                record=data,
                progression=progression,
                created_by=plan.created_by,
            )
            rows["f"].append(fu)
            audit.add("followup.create", fu, decision=progression["action"])


def _summary(
    episode: Episode, assessment: Assessment, fus: list[FollowUp], logs: list[SessionLog]
) -> EpisodeSummary:
    """The dashboard's row for a seeded episode, as :mod:`analytics.summaries` would write it
    (the seeder bulk-creates, so no save signal runs)."""
    from backpath.core.analytics import episode_facts

    visits = [(f.seen_on, {"nrs_back": f.record.get("nrs_back"), "nrs_leg": f.record.get(
        "nrs_leg")}) for f in fus]  # fmt: skip
    record, result = assessment.record or {}, assessment.result or {}
    plan = result.get("plan") or {}
    facts = episode_facts(
        record, result, assessment.assessed_on, visits,
        plan.get("review_after_days"),
    )  # fmt: skip
    scores = {}
    for name in facts.baseline:
        scores[f"base_{name}"], scores[f"last_{name}"] = facts.baseline[name], facts.latest[name]
        scores[f"mcid_{name}"], scores[f"days_mcid_{name}"] = (
            facts.reached[name],
            facts.days_to_mcid[name],
        )
    return EpisodeSummary(
        episode=episode,
        clinic=episode.patient.clinic,
        clinician=assessment.clinician,
        started_on=episode.started_on,
        assessed_on=assessment.assessed_on,
        syndrome=facts.syndrome,
        subgroup=facts.subgroup,
        dp=facts.dp,
        dp_centralised=facts.dp_centralised,
        referral_urgency=facts.referral_urgency,
        visits=facts.visits,
        last_seen_on=facts.last_seen_on,
        review_due_on=facts.review_due_on,
        sessions=len(logs),
        adherence=100.0 if logs else (fus[-1].record.get("adherence_percent") if fus else None),
        adherence_source="patient" if logs else ("clinician" if fus else ""),
        **_red(logs),
        **scores,
    )


def _red(logs: list[SessionLog]) -> dict[str, Any]:
    """Red reports of the seeded sessions (acknowledged at once when acknowledged)."""
    red = [log for log in logs if log.light == "red"]
    done = sum(log.acknowledged_at is not None for log in red)
    return {"red_reports": len(red), "red_acknowledged": done, "red_within_day": done}


class _Audit:
    def __init__(
        self, user: User, clinic: Clinic, patient: Patient, rows: list[AuditEntry]
    ) -> None:
        self.user, self.clinic, self.patient, self.rows = user, clinic, patient, rows

    def add(self, action: str, obj: Model, patient_link: bool = False, **detail: Any) -> None:
        """``patient_link``: done by the patient through their link (no user)."""
        user = None if patient_link else self.user
        self.rows.append(
            AuditEntry(
                user=user,
                username=user.username if user else "",
                clinic=self.clinic,
                patient_id=self.patient.pk,
                action=action,
                object_type=type(obj).__name__.lower(),
                object_id=str(obj.pk),
                path="/p/<token>/" if patient_link else "manage.py seed_bench",
                detail=detail,
            )
        )


def manifest(users: dict[Any, list[Any]], rnd: random.Random, per_clinic: int = 300) -> dict:
    """Per clinic: its clinicians and a random sample of ids, names and usable links."""
    clinics = []
    for clinic, clinicians in users.items():
        patients = list(
            Patient.objects.filter(clinic=clinic).values_list("pk", "name", "date_of_birth")
        )
        sample = rnd.sample(patients, min(per_clinic, len(patients)))
        ids = [p[0] for p in sample]
        episodes = Episode.objects.filter(patient_id__in=ids)
        plans = PlanVersion.objects.filter(episode__in=episodes, accepted_at__isnull=False)
        links = HepLink.objects.filter(episode__in=plans.values("episode"), revoked_at__isnull=True)
        clinics.append(
            {
                "name": clinic.name,
                "users": [u.username for u in clinicians],
                "patients": [
                    {"id": str(p[0]), "name": p[1], "dob": p[2].isoformat()} for p in sample
                ],
                "episodes": [str(pk) for pk in episodes.values_list("pk", flat=True)],
                "plan_episodes": [str(pk) for pk in plans.values_list("episode_id", flat=True)],
                "assessments": [
                    str(pk)
                    for pk in Assessment.objects.filter(episode__in=episodes).values_list(
                        "pk", flat=True
                    )
                ],
                "plans": [str(pk) for pk in plans.values_list("pk", flat=True)],
                "followups": [
                    str(pk)
                    for pk in FollowUp.objects.filter(episode__in=episodes).values_list(
                        "pk", flat=True
                    )
                ],
                "tokens": [  # links cloned in SQL (--bulk-sql) have no usable token
                    link_token(pk)
                    for pk, stored in links.values_list("pk", "token_hash")
                    if token_hash(link_token(pk)) == stored
                ],
            }
        )
    return {"password": PASSWORD, "clinics": clinics}
