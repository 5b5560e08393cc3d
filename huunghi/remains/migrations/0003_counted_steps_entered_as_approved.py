"""Existing excavations and handovers become approved; remains sets and reburials not.

Excavations (remains recovered) and handovers (remains repatriated) are counted in
totals and were entered as facts before the approval chain existed: approving them
keeps the totals as they were. Remains sets (identification) and reburials are counted
nowhere, so nothing is lost by leaving them as drafts for their team to submit, and
nothing claims they were checked when they were not. New rows start as drafts.
"""

from django.db import migrations
from django.utils import timezone

COUNTED = ("Excavation", "Handover")


def approve_counted(apps, schema_editor):
    now = timezone.now()
    for name in COUNTED:
        apps.get_model("remains", name).objects.exclude(record_status="approved").update(
            record_status="approved", submitted_at=now, approved_at=now
        )


class Migration(migrations.Migration):
    dependencies = [("remains", "0002_approval_chain_for_remains_steps")]

    operations = [migrations.RunPython(approve_counted, migrations.RunPython.noop)]
