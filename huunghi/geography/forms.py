"""The place browser's filter form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huunghi.geography.models import AdminLevel

COUNTRY_CHOICES = [("VN", _("Vietnam")), ("KH", _("Cambodia"))]


@dataclass(frozen=True)
class PlaceFilters:
    """What the browser shows: a country's provinces on a date, or search results."""

    country: str
    on_date: dt.date | None
    query: str
    level: str


class PlaceFilterForm(forms.Form):
    """Country, date and search box of the place browser (all optional, sent by GET)."""

    country = forms.ChoiceField(label=_("Country"), choices=COUNTRY_CHOICES, required=False)
    date = forms.DateField(
        label=_("In force on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty to include every period."),
    )
    q = forms.CharField(
        label=_("Search"),
        max_length=100,
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": _("Name or code, e.g. Lộc Ninh")}),
    )
    level = forms.ChoiceField(
        label=_("Level"), choices=[("", _("any level")), *AdminLevel.choices], required=False
    )

    def filters(self, *, date_given: bool) -> PlaceFilters:
        """The cleaned filters. A search with a blank date covers every period (historic
        places too, as the help text says); the province list without a date shows today's."""
        data = self.cleaned_data if self.is_valid() else {}
        on_date = data.get("date")
        query = (data.get("q") or "").strip()
        if not date_given and on_date is None and not query:
            on_date = timezone.localdate()
        return PlaceFilters(
            country=data.get("country") or "VN",
            on_date=on_date,
            query=query,
            level=data.get("level") or "",
        )
