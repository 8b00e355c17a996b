"""Benchmark data at 100,000 patients: clone the patients ``seed_bench`` wrote, in SQL.

Patient ``i`` (``base <= i < total``) is a copy of base patient ``i % base`` with everything
that hangs off it (episode, assessment, plan versions, patient link, session and exercise logs,
follow-ups, the dashboard's summary row; the caller rebuilds the dashboard's groups). Every
copied id is ``md5(old id || '-' || i)``, so a foreign key maps the same way as the key it
points to (a numbered id is the database's next); dates move back ``(i × 7919) mod 365``
days, so the copies spread over a year. One ``INSERT … SELECT … generate_series`` per table
and chunk.
No audit entries are cloned (the trail is a hash chain built in order). PostgreSQL only;
benchmark data only.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, models, transaction

from backpath.web.analytics.models import EpisodeSummary
from backpath.web.assessments.models import Assessment
from backpath.web.followups.models import FollowUp
from backpath.web.patients.models import Episode, Patient
from backpath.web.plans.models import PlanVersion
from backpath.web.programmes.models import ExerciseLog, HepLink, SessionLog

__all__ = ["clone_patients"]

CHUNK = 20_000  # patients per statement
SHIFT = "mod(g.i * 7919, 365)"
# table: how its rows join to the base patient ``b.id`` (alias ``s`` is the row copied)
JOINS: tuple[tuple[type[models.Model], str], ...] = (
    (Patient, "JOIN patients_patient s ON s.id = b.id"),
    (Episode, "JOIN patients_episode s ON s.patient_id = b.id"),
    (
        Assessment,
        "JOIN patients_episode e ON e.patient_id = b.id "
        "JOIN assessments_assessment s ON s.episode_id = e.id",
    ),
    (
        PlanVersion,
        "JOIN patients_episode e ON e.patient_id = b.id "
        "JOIN assessments_planversion s ON s.episode_id = e.id",
    ),
    (
        HepLink,  # a link is the episode's (it shows the latest plan)
        "JOIN patients_episode e ON e.patient_id = b.id "
        "JOIN programmes_heplink s ON s.episode_id = e.id",
    ),
    (SessionLog, "JOIN programmes_sessionlog s ON s.patient_id = b.id"),
    (
        ExerciseLog,
        "JOIN programmes_sessionlog l ON l.patient_id = b.id "
        "JOIN programmes_exerciselog s ON s.session_id = l.id",
    ),
    (
        FollowUp,
        "JOIN patients_episode e ON e.patient_id = b.id "
        "JOIN assessments_followup s ON s.episode_id = e.id",
    ),
    (
        EpisodeSummary,
        "JOIN patients_episode e ON e.patient_id = b.id "
        "JOIN analytics_episodesummary s ON s.episode_id = e.id",
    ),
)
CLONED = {m._meta.label for m, _join in JOINS}


def _expr(field: models.Field[Any, Any]) -> str:
    col = f"s.{connection.ops.quote_name(field.column)}"
    target = field.related_model if field.is_relation else field.model
    if isinstance(field, models.UUIDField) or (
        field.is_relation and isinstance(target, type) and target._meta.label in CLONED
    ):
        return f"CASE WHEN {col} IS NULL THEN NULL ELSE md5({col}::text || '-' || g.i)::uuid END"
    if field.name == "token_hash":
        return f"md5({col} || g.i) || md5({col} || '-' || g.i)"
    if field.name in ("created_at", "updated_at"):  # when the row was written: now-ish
        return col
    if isinstance(field, models.DateTimeField):
        return f"{col} - {SHIFT} * interval '1 day'"
    if isinstance(field, models.DateField):
        return f"{col} - {SHIFT}"
    return col


def _insert(model: type[models.Model], join: str) -> str:
    """(A numbered primary key is left to the database: the copy gets the next number.)"""
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    cols = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    select = ", ".join(_expr(f) for f in fields)
    return (
        f"INSERT INTO {model._meta.db_table} ({cols}) SELECT {select} "
        f"FROM generate_series(%s, %s) AS g(i) JOIN bench_base b ON b.rn = mod(g.i, %s) {join}"
    )


def clone_patients(clinics: list[Any], base: int, total: int) -> int:
    """Copies of the first ``base`` patients of ``clinics`` up to ``total``; returns how many."""
    if connection.vendor != "postgresql":
        raise SystemExit("seed_bench --bulk-sql needs PostgreSQL (DATABASE_URL=postgres://…)")
    existing = Patient.objects.filter(clinic__in=clinics).count()
    if existing >= total:
        return 0
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_base")
        cur.execute(
            "CREATE TEMP TABLE bench_base AS SELECT (row_number() OVER (ORDER BY created_at, id) "
            "- 1)::int AS rn, id FROM patients_patient WHERE clinic_id = ANY(%s) "
            "ORDER BY rn LIMIT %s",
            [[c.pk for c in clinics], base],
        )
        cur.execute("CREATE INDEX ON bench_base (rn)")
        cur.execute("ANALYZE")  # fresh tables: without statistics the joins are nested scans
        for start in range(max(existing, base), total, CHUNK):
            end = min(start + CHUNK, total) - 1
            with transaction.atomic():
                for model, join in JOINS:
                    cur.execute(_insert(model, join), [start, end, base])
    # seed_bench analyses the clones before it sums the dashboard's groups from them
    return total - max(existing, base)
