"""How a place is named in pickers and option lists.

Many places share a name (dozens of communes called "Bình Phước"), so a label carries
the level, the district and province the place lies in, and the era of a historic one.
"""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from huunghi.geography.models import AdminLevel, AdminUnit


def place_label(place: AdminUnit) -> str:
    """E.g. "Lộc Thiện (commune, Lộc Ninh, Bình Phước) until 01/07/2025" (reader's dates)."""
    where = [place.level_label]
    parent = place.parent if place.parent_id else None
    if (
        parent is not None
        and parent.pk != place.province_id
        and parent.level != AdminLevel.PROVINCE
    ):
        where.append(str(parent))
    if place.province_id and place.province_id != place.pk:
        where.append(str(place.province))
    label = f"{place} ({', '.join(where)})"
    if place.valid_to:
        era = _("until %(date)s") % {"date": date_format(place.valid_to, "SHORT_DATE_FORMAT")}
        return f"{label} {era}"
    if place.valid_from:
        era = _("since %(date)s") % {"date": date_format(place.valid_from, "SHORT_DATE_FORMAT")}
        return f"{label} {era}"
    return label
