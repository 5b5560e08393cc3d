"""Keep the cached province graph in step with edits made outside the loader."""

from typing import Any

from django.db.models.signals import post_delete, post_save

from huunghi.geography.models import AdminLevel, AdminUnit, PlaceSuccession
from huunghi.geography.selectors import clear_geography_cache


def _unit_changed(sender: type, instance: AdminUnit, **kwargs: Any) -> None:
    if instance.level == AdminLevel.PROVINCE:
        clear_geography_cache()


def _succession_changed(sender: type, instance: PlaceSuccession, **kwargs: Any) -> None:
    clear_geography_cache()


def connect() -> None:
    """Connect the receivers (called once from the app config)."""
    for signal in (post_save, post_delete):
        signal.connect(_unit_changed, sender=AdminUnit, dispatch_uid=f"geo-unit-{signal}")
        signal.connect(
            _succession_changed, sender=PlaceSuccession, dispatch_uid=f"geo-succ-{signal}"
        )
