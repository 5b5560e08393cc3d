"""Forms of the border marker registry: list filters, the entry form, a condition entry."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huunghi.accounts.types import Reader
from huunghi.core.form_choices import set_queryset
from huunghi.core.models import Status
from huunghi.geography import marker_selectors as selectors
from huunghi.geography.models import BorderMarker, MarkerCondition, MarkerKind

ANY = [("", _("any"))]


class MarkerFilterForm(forms.Form):
    """Province, kind, condition, status and a number search (all optional, sent by GET)."""

    q = forms.CharField(
        label=_("Marker number"),
        max_length=20,
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": _("e.g. 229/12")}),
    )
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=selectors.marker_province_choices(), required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ANY + MarkerKind.choices, required=False)
    condition = forms.ChoiceField(
        label=_("Condition"), choices=ANY + MarkerCondition.choices, required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=ANY + Status.choices, required=False)

    def filters(self) -> selectors.MarkerFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.MarkerFilters(
            province=data.get("province"),
            kind=data.get("kind") or "",
            condition=data.get("condition") or "",
            status=data.get("status") or "",
            q=(data.get("q") or "").strip(),
        )

    def query_string(self) -> str:
        """The filters as a query string (for the map and the pages)."""
        values = {name: self.data.get(name, "") for name in self.fields}
        return urlencode({name: value for name, value in values.items() if value})


class MarkerForm(forms.ModelForm):
    """A marker entry: number, kind, managing unit, province and approximate position."""

    class Meta:
        model = BorderMarker
        fields = ["number", "kind", "unit", "province", "latitude", "longitude", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Reader, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "unit", selectors.marker_unit_choices(user=user))
        self.fields["unit"].required = True
        set_queryset(self, "province", selectors.marker_province_choices())

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ConditionForm(forms.Form):
    """A dated condition entry typed by the managing post."""

    condition = forms.ChoiceField(label=_("Condition"), choices=MarkerCondition.choices)
    on_date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def clean_on_date(self) -> Any:
        day = self.cleaned_data["on_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day
