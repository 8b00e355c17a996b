import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_groups(apps, schema_editor):
    """The groups of the summary rows already there (``rebuild_summaries`` does the same)."""
    from backpath.core.cohort import ROW_FIELDS, Sums, episode_sums

    summary = apps.get_model("analytics", "EpisodeSummary")
    group = apps.get_model("analytics", "SummaryGroup")
    sums = {}
    rows = summary.objects.values("clinic_id", "clinician_id", *ROW_FIELDS)
    for row in rows.iterator(chunk_size=5000):
        key = (row["clinic_id"], row["clinician_id"], row["started_on"].replace(day=1))
        key += (row["syndrome"], row["subgroup"], row["dp"])
        sums.setdefault(key, Sums()).add(episode_sums(row))
    names = ("clinic_id", "clinician_id", "month", "syndrome", "subgroup", "dp")
    group.objects.bulk_create(
        [group(**dict(zip(names, k, strict=True)), sums=s.to_json()) for k, s in sums.items()],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0001_episode_summary"),
        ("clinics", "0003_clinic_require_mfa"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SummaryGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField()),
                ("syndrome", models.CharField(blank=True, max_length=40)),
                ("subgroup", models.CharField(blank=True, max_length=40)),
                ("dp", models.CharField(blank=True, max_length=40)),
                ("sums", models.JSONField()),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "clinic",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="clinics.clinic",
                    ),
                ),
                (
                    "clinician",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["clinic", "month"], name="summary_group_month")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("clinic", "clinician", "month", "syndrome", "subgroup", "dp"),
                        name="summary_group_key",
                    )
                ],
            },
        ),
        migrations.RunPython(fill_groups, migrations.RunPython.noop),
    ]
