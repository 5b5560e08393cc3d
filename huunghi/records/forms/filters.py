"""The activity list's filter form (read from the query string)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from huunghi.records import selectors
from huunghi.records.forms.fields import UnitChoiceField, date_field
from huunghi.records.models import ActivityKind, Status
from huunghi.records.places import place_label
from huunghi.records.selectors import ActivityFilters

COUNTRIES = [("", _("both countries")), ("VN", _("Vietnam")), ("KH", _("Cambodia"))]


class ProvinceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:  # type: ignore[override]
        return place_label(obj)


class ActivityFilterForm(forms.Form):
    date_from = date_field(_("from"), required=False)
    date_to = date_field(_("to"), required=False)
    unit = UnitChoiceField(
        label=_("unit and its sub-units"),
        required=False,
        queryset=selectors.readable_units(user=None),
    )
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("all kinds")), *ActivityKind.choices]
    )
    country = forms.ChoiceField(label=_("country"), required=False, choices=COUNTRIES)
    province = ProvinceChoiceField(
        label=_("province (then or now)"),
        required=False,
        queryset=selectors.province_filter_choices(),
    )
    status = forms.ChoiceField(
        label=_("status"), required=False, choices=[("", _("any status")), *Status.choices]
    )
    q = forms.CharField(label=_("text"), required=False, max_length=100)

    def __init__(self, data: Any = None, *, user: Any) -> None:
        super().__init__(data)
        units = selectors.readable_units(user=user).select_related("country")
        self.fields["unit"].queryset = units

    def filters(self) -> ActivityFilters:
        """The filters chosen; invalid values are ignored rather than failing the page."""
        if not self.is_valid():
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        else:
            data = self.cleaned_data
        return ActivityFilters(
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            unit=data.get("unit"),
            kind=data.get("kind") or "",
            country=data.get("country") or "",
            province=data.get("province"),
            status=data.get("status") or "",
            text=(data.get("q") or "").strip(),
        )
