"""Fill the quarterly roll-up rows from the monthly summary rows already stored."""

from django.db import migrations


def fill(apps, schema_editor):
    from huunghi.reports.rebuild import rollup_statements

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in rollup_statements(connection.vendor, "1 = 1"):
            cursor.execute(statement)


def empty(apps, schema_editor):
    apps.get_model("reports", "ActivityRollup").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_activity_rollup_quarterly")]

    operations = [migrations.RunPython(fill, empty)]
