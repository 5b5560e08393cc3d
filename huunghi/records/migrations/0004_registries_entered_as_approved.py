"""Existing twinning pairs, facilities and agreements become approved.

They were entered when registries had no approval chain, as facts, and agreements
were already counted in every total; twinning pairs could never be submitted, so their
"draft" meant nothing. Approving them keeps every total as it was; later changes go
through the chain. New rows start as drafts.
"""

from django.db import migrations
from django.utils import timezone

MODELS = ("TwinningPair", "Facility", "Agreement")


def approve_existing(apps, schema_editor):
    now = timezone.now()
    for name in MODELS:
        model = apps.get_model("records", name)
        model.objects.exclude(record_status="approved").update(
            record_status="approved", submitted_at=now, approved_at=now
        )


class Migration(migrations.Migration):
    dependencies = [("records", "0003_approval_chain_for_registries")]

    operations = [migrations.RunPython(approve_existing, migrations.RunPython.noop)]
