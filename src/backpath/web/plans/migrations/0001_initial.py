"""PlanVersion and PlanTemplate move here from ``assessments`` (the rooms split): state only,
their tables keep their names (``assessments_planversion``, ``assessments_plantemplate``), so
no SQL runs. The follow-up link points at ``assessments.FollowUp`` until ``followups`` takes
that model over (0002)."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

PLAN_VERSION = migrations.CreateModel(
    name="PlanVersion",
    fields=[
        (
            "id",
            models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False),
        ),
        ("voided_at", models.DateTimeField(blank=True, null=True)),
        ("void_reason", models.TextField(blank=True)),
        (
            "voided_by",
            models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        ("number", models.PositiveIntegerField()),
        (
            "source",
            models.CharField(
                choices=[
                    ("assessment", "Generated from the assessment"),
                    ("clinician", "Changed by a clinician"),
                    ("progression", "Progressed at a follow-up"),
                ],
                max_length=20,
            ),
        ),
        ("stage", models.CharField(max_length=30)),
        ("plan", models.JSONField()),
        ("avoid", models.JSONField(default=list)),
        ("document", models.JSONField()),
        ("changes", models.JSONField(default=list)),
        ("created_at", models.DateTimeField(auto_now_add=True)),
        ("accepted_at", models.DateTimeField(blank=True, null=True)),
        (
            "accepted_by",
            models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        (
            "assessment",
            models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="plans",
                to="assessments.assessment",
            ),
        ),
        (
            "created_by",
            models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        (
            "episode",
            models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="plans",
                to="patients.episode",
            ),
        ),
        (
            "followup",
            models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="plans",
                to="assessments.followup",
            ),
        ),
    ],
    options={
        "db_table": "assessments_planversion",
        "ordering": ["-number"],
        "constraints": [
            models.UniqueConstraint(fields=("episode", "number"), name="plan_version_unique_number")
        ],
    },
)

PLAN_TEMPLATE = migrations.CreateModel(
    name="PlanTemplate",
    fields=[
        (
            "id",
            models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False),
        ),
        ("name", models.CharField(max_length=80)),
        ("stage", models.CharField(blank=True, max_length=30)),
        ("items", models.JSONField()),
        ("created_at", models.DateTimeField(auto_now_add=True)),
        (
            "clinic",
            models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="clinics.clinic",
            ),
        ),
        (
            "created_by",
            models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        (
            "owner",
            models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ],
    options={"db_table": "assessments_plantemplate", "ordering": ["name"]},
)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("assessments", "0003_void_fields_and_plan_templates"),
        ("clinics", "0003_clinic_require_mfa"),
        ("patients", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[PLAN_VERSION, PLAN_TEMPLATE]),
    ]
