"""Template helpers of the reporting cycle: home-page notices, states and amounts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from huunghi.core.models import Qualifier
from huunghi.cycle.selectors import home_notices
from huunghi.reports.dashboard import format_amount

register = template.Library()

STATES = {
    "upcoming": _("not yet due"),
    "due": _("due"),
    "overdue": _("overdue"),
    "sent": _("sent, awaiting acknowledgement"),
    "acknowledged": _("acknowledged"),
    "returned": _("returned: send a new version"),
}


@register.inclusion_tag("cycle/_home_notices.html", takes_context=True)
def cycle_home_notices(context: dict[str, Any]) -> dict[str, Any]:
    """What is due and overdue for the signed-in user, and their inbox."""
    user = context["request"].user
    return {"notices": home_notices(user=user, today=timezone.localdate())}


@register.filter
def state_label(state: str) -> str:
    return str(STATES.get(state, state))


@register.filter
def amount(value: Decimal | None, qualifier: str = Qualifier.EXACT) -> str:
    """A number with thousands separators and its qualifier; "—" when not recorded."""
    if value is None:
        return "—"
    return format_amount(Decimal(value), qualifier or Qualifier.EXACT)


@register.filter
def signed(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format_amount(abs(Decimal(value)), Qualifier.EXACT)
    return ("+" if value > 0 else "−") + text


@register.filter
def percent(value: float | None) -> str:
    """A rate in the reader's number format: "56,2 %" in Vietnamese, "56.2 %" in English."""
    if value is None:
        return "—"
    return number_format(Decimal(f"{value:g}"), use_l10n=True) + " %"
