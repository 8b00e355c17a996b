"""FollowUp moves here from ``assessments`` (the rooms split): state only, its table keeps its
name (``assessments_followup``), so no SQL runs."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

FOLLOW_UP = migrations.CreateModel(
    name="FollowUp",
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
        ("seen_on", models.DateField()),
        ("visit_number", models.PositiveIntegerField()),
        ("record", models.JSONField()),
        ("progression", models.JSONField()),
        ("psfs", models.JSONField(blank=True, default=list)),
        ("created_at", models.DateTimeField(auto_now_add=True)),
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
                related_name="followups",
                to="patients.episode",
            ),
        ),
        (
            "based_on",
            models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="plans.planversion",
            ),
        ),
        (
            "accepted_plan",
            models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="plans.planversion",
            ),
        ),
    ],
    options={"db_table": "assessments_followup", "ordering": ["-seen_on", "-visit_number"]},
)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("plans", "0001_initial"),
        ("patients", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[FOLLOW_UP]),
    ]
