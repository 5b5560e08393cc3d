"""Model field shapes that many models share."""

from __future__ import annotations

from typing import Any

from django.db import models


def optional_link(
    to: Any,
    label: Any,
    *,
    related_name: str = "+",
    on_delete: Any = models.PROTECT,
) -> models.ForeignKey:
    """A link that may be left empty (NULL in the database, blank in forms)."""
    return models.ForeignKey(
        to,
        on_delete=on_delete,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=label,
    )
