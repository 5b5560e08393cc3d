"""Where a record happened, in the geography of its date and in today's.

The roll-up rules belong to the geography app (:mod:`huunghi.geography.selectors`):
a 2022 record at huyện Lộc Ninh, Bình Phước keeps that place, lies in Bình Phước as
it was then, and rolls up into today's Đồng Nai. This module adds the rule records
need on top: the place must have been in force on the record's date.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from huunghi.geography import selectors as geography
from huunghi.geography.labels import place_label
from huunghi.geography.models import AdminUnit

__all__ = ["check_in_force", "place_label", "province_now", "province_then", "wrong_date_message"]


def province_then(place: AdminUnit | None, day: dt.date) -> AdminUnit | None:
    """The province ``place`` lay in on ``day``."""
    return geography.province_on(place, day) if place is not None else None


def province_now(place: AdminUnit | None) -> AdminUnit | None:
    """The province in force today that ``place`` rolls up into."""
    return geography.province_today(place) if place is not None else None


def check_in_force(place: AdminUnit | None, day: dt.date | None, field: str) -> None:
    """Refuse a place that was not in force on ``day`` ("a place from the wrong date")."""
    if place is None or day is None or place.in_force_on(day):
        return
    raise ValidationError({field: wrong_date_message(place, day)})


def wrong_date_message(place: AdminUnit, day: dt.date) -> str:
    params = {"place": str(place), "date": date_format(day, "SHORT_DATE_FORMAT")}
    if place.valid_to is not None and day >= place.valid_to:
        params["limit"] = date_format(place.valid_to, "SHORT_DATE_FORMAT")
        return str(
            _(
                "“%(place)s” was no longer in force on %(date)s (it ended on %(limit)s): "
                "choose the place as it was named on that date."
            )
            % params
        )
    params["limit"] = date_format(place.valid_from, "SHORT_DATE_FORMAT") if place.valid_from else ""
    return str(
        _(
            "“%(place)s” was not yet in force on %(date)s (it starts on %(limit)s): "
            "choose the place as it was named on that date."
        )
        % params
    )
