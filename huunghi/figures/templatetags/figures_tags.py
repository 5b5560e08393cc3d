"""Template filters for reported figures: values with their qualifier."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from huunghi.core.models import Qualifier

register = template.Library()


@register.filter
def amount(value: Any) -> str:
    """A number with grouping, without needless decimals (2000.00 → 2,000)."""
    if value is None or value == "":
        return "—"
    value = Decimal(value)
    places = 0 if value == value.to_integral_value() else 2
    # Some locales (Vietnamese) define no grouping; totals in VND need it to be readable.
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=places,
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


@register.filter
def qualified(value: Any, qualifier: str) -> str:
    """``about 2,000`` / ``at least 7,000,000,000`` / ``631``."""
    text = amount(value)
    if value is None or value == "":
        return text
    if qualifier == Qualifier.ABOUT:
        return _("about %(value)s") % {"value": text}
    if qualifier == Qualifier.AT_LEAST:
        return _("at least %(value)s") % {"value": text}
    return text
