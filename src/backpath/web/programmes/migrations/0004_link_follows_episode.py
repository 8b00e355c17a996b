"""A patient link belongs to the episode, not to a plan version.

Each existing link moves to its plan's episode and remembers that plan as the version the
patient has seen, so it keeps working and says what changed once a newer version is accepted.
"""

import django.db.models.deletion
from django.db import migrations, models


def to_episode(apps, schema_editor):  # type: ignore[no-untyped-def]
    HepLink = apps.get_model("programmes", "HepLink")
    for link in HepLink.objects.select_related("plan").iterator():
        link.episode_id, link.seen_plan_id = link.plan.episode_id, link.plan_id
        link.save(update_fields=["episode", "seen_plan"])


def to_plan(apps, schema_editor):  # type: ignore[no-untyped-def]
    HepLink = apps.get_model("programmes", "HepLink")
    PlanVersion = apps.get_model("assessments", "PlanVersion")
    for link in HepLink.objects.iterator():
        plan = link.seen_plan_id or (
            PlanVersion.objects.filter(episode_id=link.episode_id, accepted_at__isnull=False)
            .order_by("-number")
            .values_list("pk", flat=True)
            .first()
        )
        link.plan_id = plan
        link.save(update_fields=["plan"])


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0002_followup_psfs"),
        ("patients", "0002_list_indexes"),
        ("programmes", "0003_alert_count_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="heplink",
            name="episode",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="hep_links",
                to="patients.episode",
            ),
        ),
        migrations.AddField(
            model_name="heplink",
            name="seen_plan",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="assessments.planversion",
            ),
        ),
        migrations.AlterField(
            model_name="heplink",
            name="plan",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="links",
                to="assessments.planversion",
            ),
        ),
        migrations.RunPython(to_episode, to_plan),
        migrations.AlterField(
            model_name="heplink",
            name="episode",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="hep_links",
                to="patients.episode",
            ),
        ),
        migrations.RemoveField(model_name="heplink", name="plan"),
    ]
