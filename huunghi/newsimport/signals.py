"""Forget the built gazetteer when places, gates or units are edited through the ORM.

Bulk loads bypass signals; the gazetteer's version key catches those (see
:func:`huunghi.newsimport.gazetteer.news_gazetteer`).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from huunghi.geography.models import AdminUnit, BorderGatePair
from huunghi.newsimport.gazetteer import gazetteer_clear
from huunghi.organisations.models import Unit


def _changed(sender: type, **kwargs: Any) -> None:
    gazetteer_clear()


def connect() -> None:
    """Connect the receivers (called once from the app config)."""
    for model in (AdminUnit, BorderGatePair, Unit):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"news-{model.__name__}-{signal}")
