"""PlanVersion, PlanTemplate and FollowUp now belong to the ``plans`` and ``followups`` apps
(the rooms split): they leave this app's migration state only; their tables stay as they are,
so no SQL runs. Their content types move with them, so permissions keep their rows."""

from django.db import migrations

MOVED = {"planversion": "plans", "plantemplate": "plans", "followup": "followups"}


def _move(apps, schema_editor, moves):
    """Relabel each model's content type, unless the new label already has one."""
    content_types = apps.get_model("contenttypes", "ContentType").objects.db_manager(
        schema_editor.connection.alias
    )
    for model, old, new in moves:
        if not content_types.filter(app_label=new, model=model).exists():
            content_types.filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor):
    _move(apps, schema_editor, [(m, "assessments", app) for m, app in MOVED.items()])


def backwards(apps, schema_editor):
    _move(apps, schema_editor, [(m, app, "assessments") for m, app in MOVED.items()])


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0003_void_fields_and_plan_templates"),
        ("plans", "0002_followup_moved"),
        ("followups", "0001_initial"),
        ("programmes", "0008_plan_versions_moved"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                # the two models point at each other: drop the links, then the models
                migrations.RemoveField(model_name="followup", name="based_on"),
                migrations.RemoveField(model_name="followup", name="accepted_plan"),
                migrations.RemoveField(model_name="planversion", name="followup"),
                migrations.DeleteModel(name="FollowUp"),
                migrations.DeleteModel(name="PlanVersion"),
                migrations.DeleteModel(name="PlanTemplate"),
            ]
        ),
        migrations.RunPython(forwards, backwards, elidable=True),
    ]
