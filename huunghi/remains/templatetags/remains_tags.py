"""Template helpers for the remains pages."""

from django import template
from django.utils.html import format_html

register = template.Library()

BADGE = {
    "received": "submitted",
    "verifying": "submitted",
    "open": "submitted",
    "in_progress": "submitted",
    "recovered": "submitted",
    "confirmed": "approved",
    "completed": "approved",
    "handed_over": "approved",
    "reburied": "locked",
    "closed": "returned",
    "cancelled": "returned",
}


@register.simple_tag
def status_badge(obj: object) -> str:
    """The object's status as a coloured badge (the CSS classes of the approval chain)."""
    status = getattr(obj, "status", "")
    label = getattr(obj, "get_status_display", lambda: status)()
    return format_html('<span class="badge {}">{}</span>', BADGE.get(status, "draft"), label)
