"""Only the units nearest the roots keep monthly summary rows (depth 0 and 1): the rows
of posts and stations are deleted (their totals are read from the raw tables).

Going back needs ``manage.py rebuild_summaries`` with the older code, which kept rows
for every unit."""

from django.db import migrations

KEPT_DEPTH = 1
"""``reports.models.SUMMARY_MAX_DEPTH`` when this migration was written."""


def drop_deep_rows(apps, schema_editor):
    summary = apps.get_model("reports", "ActivitySummary")
    unit = apps.get_model("organisations", "Unit")
    deep = unit.objects.filter(depth__gt=KEPT_DEPTH).values("pk")
    summary.objects.filter(unit_id__in=deep)._raw_delete(schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0004_fill_activity_rollups"),
        ("organisations", "0001_initial"),
    ]

    operations = [migrations.RunPython(drop_deep_rows, migrations.RunPython.noop)]
