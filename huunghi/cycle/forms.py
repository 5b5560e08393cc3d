"""Forms of the reporting cycle; errors name the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from huunghi.core.form_choices import set_queryset
from huunghi.cycle.models import Obligation
from huunghi.cycle.schedule import Frequency
from huunghi.cycle.services import OBLIGATION_FIELDS
from huunghi.organisations.models import Unit
from huunghi.reports.models import IssuedReport

FIRST_YEAR = 2000
LAST_YEAR = 2100


class ObligationForm(forms.ModelForm):
    class Meta:
        model = Obligation
        fields = ["unit", *OBLIGATION_FIELDS]
        widgets = {"active_from": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "unit", units)
        if self.instance.pk:
            self.fields["unit"].disabled = True


class SendForm(forms.Form):
    report = forms.ModelChoiceField(
        label=_("Issued report"), queryset=IssuedReport.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, reports: QuerySet[IssuedReport], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "report", reports)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for return"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ShareForm(forms.Form):
    counterpart = forms.ModelChoiceField(label=_("Counterpart unit"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "counterpart", units)


class CompletenessForm(forms.Form):
    unit = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    frequency = forms.ChoiceField(
        label=_("Frequency"), choices=Frequency.choices, initial=Frequency.QUARTERLY, required=False
    )
    first_year = forms.IntegerField(
        label=_("From year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False
    )
    last_year = forms.IntegerField(
        label=_("To year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", _("The last year comes after the first."))
        return data

    def range(self, today: dt.date) -> tuple[dt.date, dt.date]:
        """``[1 January of the first year, 1 January after the last year)``."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        last = data.get("last_year") or today.year
        first = data.get("first_year") or last
        return dt.date(first, 1, 1), dt.date(last + 1, 1, 1)
