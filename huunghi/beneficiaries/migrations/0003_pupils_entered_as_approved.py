"""Existing pupils become approved.

Pupils were entered as facts and counted in every total before the approval chain
existed; approving them keeps the totals as they were. New pupils start as drafts.
"""

from django.db import migrations
from django.utils import timezone


def approve_existing(apps, schema_editor):
    now = timezone.now()
    apps.get_model("beneficiaries", "Pupil").objects.exclude(record_status="approved").update(
        record_status="approved", submitted_at=now, approved_at=now
    )


class Migration(migrations.Migration):
    dependencies = [("beneficiaries", "0002_approval_chain_for_pupils")]

    operations = [migrations.RunPython(approve_existing, migrations.RunPython.noop)]
