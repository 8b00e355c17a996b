"""The rooms split moves PlanVersion, PlanTemplate and FollowUp from ``assessments`` into
``plans`` and ``followups`` in the migration state only: a database migrated on main keeps
its tables and rows (nothing renamed or recreated) and reads them back through the new apps'
models, on SQLite and PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

# main's last migrations before the split, and the apps the split adds
BEFORE = [
    ("assessments", "0003_void_fields_and_plan_templates"),
    ("programmes", "0007_homeoutcome_questionnaires"),
    ("plans", None),
    ("followups", None),
]
SPLIT = [
    ("plans", "0001_initial"),
    ("followups", "0001_initial"),
    ("plans", "0002_followup_moved"),
    ("programmes", "0008_plan_versions_moved"),
    ("assessments", "0004_plans_and_followups_moved"),
]
TABLES = ("assessments_planversion", "assessments_plantemplate", "assessments_followup")


def _sqlite() -> bool:
    return connection.vendor == "sqlite"


def _tables() -> dict[str, Any]:
    """Each moved table's identity: a recreated table gets a new one."""
    with connection.cursor() as cursor:
        if _sqlite():
            cursor.execute(
                "SELECT name, rootpage, sql FROM sqlite_master WHERE name IN (%s, %s, %s)",
                TABLES,
            )
            return {name: (page, sql) for name, page, sql in cursor.fetchall()}
        cursor.execute("SELECT relname, oid FROM pg_class WHERE relname IN (%s, %s, %s)", TABLES)
        return dict(cursor.fetchall())


def _write_rows_on_main(old: Any) -> dict[str, Any]:
    user = old.get_model("auth", "User").objects.create(username="m")
    clinic = old.get_model("clinics", "Clinic").objects.create(name="C")
    patient = old.get_model("patients", "Patient").objects.create(
        clinic=clinic, name="P Q", sex="female", date_of_birth=dt.date(1980, 1, 1)
    )
    episode = old.get_model("patients", "Episode").objects.create(
        patient=patient, complaint="LBP", started_on=dt.date(2026, 1, 1), created_by=user
    )
    assessment = old.get_model("assessments", "Assessment").objects.create(
        episode=episode, clinician=user, status="final", assessed_on=dt.date(2026, 1, 1)
    )
    plan = old.get_model("assessments", "PlanVersion").objects.create(
        episode=episode,
        number=1,
        source="assessment",
        stage="reduce",
        plan={"stage": "reduce", "items": []},
        document={},
        created_by=user,
        accepted_at=timezone.now(),
        assessment=assessment,
    )
    followup = old.get_model("assessments", "FollowUp").objects.create(
        episode=episode,
        seen_on=dt.date(2026, 1, 8),
        visit_number=2,
        based_on=plan,
        record={},
        progression={},
        psfs=[4, 5],
        created_by=user,
    )
    template = old.get_model("assessments", "PlanTemplate").objects.create(
        clinic=clinic, name="Extension", items=[{"exercise": "prone_press_up"}], created_by=user
    )
    old.get_model("programmes", "HepLink").objects.create(
        episode=episode,
        seen_plan=plan,
        token_hash="s" * 64,
        created_by=user,
        expires_at=timezone.now(),
    )
    return {"plan": plan.pk, "followup": followup.pk, "template": template.pk, "user": user.pk}


def _migrate_back_to_main() -> Any:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor = MigrationExecutor(connection)
    applied = executor.loader.applied_migrations
    assert not any(key in applied for key in SPLIT)
    return executor._create_project_state(with_applied_migrations=True).apps


def _migrate_forward() -> list[str]:
    if connection.vendor == "postgresql":  # no deferred checks pending before the migration
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    with CaptureQueriesContext(connection) as queries:
        executor.migrate(executor.loader.graph.leaf_nodes())
    return [q["sql"] for q in queries.captured_queries]


# SQLite cannot run migrations inside the test's transaction; PostgreSQL can, and its
# append-only audit table refuses the flush that a transactional test ends with.
@pytest.mark.django_db(transaction=_sqlite())
def test_rows_written_on_main_read_back_through_the_new_apps() -> None:
    from backpath.web.followups.models import FollowUp
    from backpath.web.plans.models import PlanTemplate, PlanVersion
    from backpath.web.programmes.models import HepLink

    rows = _write_rows_on_main(_migrate_back_to_main())
    _migrate_forward()
    plan = PlanVersion.objects.get(pk=rows["plan"])
    assert plan.number == 1 and plan.assessment is not None and plan.accepted_at is not None
    followup = FollowUp.objects.get(pk=rows["followup"])
    assert followup.based_on == plan and followup.psfs == [4, 5]
    assert list(plan.episode.followups.all()) == [followup]
    assert PlanTemplate.objects.get(pk=rows["template"]).name == "Extension"
    assert HepLink.objects.get(token_hash="s" * 64).seen_plan == plan


@pytest.mark.django_db(transaction=_sqlite())
def test_no_table_is_renamed_or_recreated() -> None:
    _migrate_back_to_main()
    before = _tables()
    statements = _migrate_forward()
    assert set(before) == set(TABLES)
    assert _tables() == before
    ddl = [s for s in statements if s.lstrip().upper().startswith(("CREATE", "ALTER", "DROP"))]
    assert ddl == []


@pytest.mark.django_db(transaction=_sqlite())
def test_the_content_types_move_with_their_models() -> None:
    from django.contrib.contenttypes.models import ContentType

    _migrate_back_to_main()
    ContentType.objects.filter(app_label__in=["plans", "followups"]).delete()
    old = ContentType.objects.get_or_create(app_label="assessments", model="planversion")[0]
    _migrate_forward()
    ContentType.objects.clear_cache()
    assert ContentType.objects.get(pk=old.pk).app_label == "plans"


@pytest.mark.django_db(transaction=_sqlite())  # sqlmigrate opens a schema editor
@pytest.mark.parametrize(("app", "name"), SPLIT)
def test_the_split_migrations_print_no_sql(app: str, name: str) -> None:
    out = io.StringIO()
    call_command("sqlmigrate", app, name, stdout=out)
    sql = [
        line
        for line in out.getvalue().splitlines()
        if line.strip() and not line.startswith("--") and line not in ("BEGIN;", "COMMIT;")
    ]
    assert sql == []


@pytest.mark.django_db
def test_the_models_and_the_migrations_agree() -> None:
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
