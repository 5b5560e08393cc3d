"""``{% table_head _("Unit") _("Date") %}``: a table's column headings in one line."""

from typing import Any

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def table_head(*headings: Any) -> str:
    """``<thead>`` with one ``<th scope="col">`` per heading (escaped)."""
    cells = format_html_join("", '<th scope="col">{}</th>', ((h,) for h in headings))
    return format_html("<thead><tr>{}</tr></thead>", cells)
