"""Plan versions now live in the ``plans`` app (same table, ``assessments_planversion``): the
foreign keys follow them in the migration state only, so no SQL runs."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0007_homeoutcome_questionnaires"),
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="heplink",
                    name="seen_plan",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="plans.planversion",
                    ),
                ),
                migrations.AlterField(
                    model_name="sessionlog",
                    name="plan",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sessions",
                        to="plans.planversion",
                    ),
                ),
                migrations.AlterField(
                    model_name="homeoutcome",
                    name="plan",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="plans.planversion",
                    ),
                ),
            ]
        ),
    ]
