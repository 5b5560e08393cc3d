"""Forms for pupil sponsorship. They validate input; services do the writing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from huunghi.beneficiaries.models import EndReason, Nationality, Payment, Pupil, PupilYear
from huunghi.beneficiaries.periods import school_year_of
from huunghi.beneficiaries.selectors import PupilFilters, place_choices
from huunghi.beneficiaries.services import PUPIL_FIELDS
from huunghi.core.form_choices import set_queryset
from huunghi.geography.widgets import use_place_search
from huunghi.organisations.models import Unit

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PUPIL_LEVELS = ("province", "commune")


class MonthField(forms.DateField):
    """A month picked as ``YYYY-MM`` (stored as the month's first day)."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
    input_formats = ["%Y-%m", "%Y-%m-%d", "%m/%Y"]


class PupilForm(forms.ModelForm):
    class Meta:
        model = Pupil
        fields = list(PUPIL_FIELDS)
        widgets = {"start_date": DATE_WIDGET}

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "unit", units)
        set_queryset(self, "home_place", place_choices())
        set_queryset(self, "school_place", place_choices())
        use_place_search(self.fields["home_place"], levels=PUPIL_LEVELS, current_only=True)
        use_place_search(self.fields["school_place"], levels=PUPIL_LEVELS, current_only=True)
        if units.count() == 1 and not self.initial.get("unit"):
            self.initial["unit"] = units.first()


class PupilEndForm(forms.Form):
    end_date = forms.DateField(label=_("sponsorship ended on"), widget=DATE_WIDGET)
    end_reason = forms.ChoiceField(label=_("reason for ending"), choices=EndReason.choices)
    end_note = forms.CharField(label=_("note on ending"), max_length=300, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class PupilYearForm(forms.ModelForm):
    class Meta:
        model = PupilYear
        fields = ["school_year", "grade", "result", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_year"].help_text = _("For example %(year)s.") % {
            "year": school_year_of(today)
        }


class PaymentForm(forms.ModelForm):
    month = MonthField(label=_("month"))

    class Meta:
        model = Payment
        fields = ["month", "amount", "paid_on", "note"]
        widgets = {"paid_on": DATE_WIDGET}


class PupilFilterForm(forms.Form):
    query = forms.CharField(label=_("name or school"), required=False)
    nationality = forms.ChoiceField(
        label=_("nationality"),
        required=False,
        choices=[("", _("all")), *Nationality.choices],
    )
    unit = forms.ModelChoiceField(
        label=_("sponsoring unit"), required=False, queryset=Unit.objects.none()
    )
    status = forms.ChoiceField(
        label=_("status"),
        required=False,
        choices=[("", _("all")), ("active", _("sponsored")), ("ended", _("ended"))],
    )
    end_reason = forms.ChoiceField(
        label=_("reason for ending"), required=False, choices=[("", _("all")), *EndReason.choices]
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "unit", units)

    def filters(self) -> PupilFilters:
        if not self.is_valid():
            return PupilFilters()
        data = self.cleaned_data
        return PupilFilters(
            query=data["query"].strip(),
            nationality=data["nationality"],
            unit=data["unit"],
            status=data["status"],
            end_reason=data["end_reason"],
        )


class TotalsForm(forms.Form):
    as_of = forms.DateField(label=_("as of"), required=False, widget=DATE_WIDGET)
    start = forms.DateField(label=_("payments from"), required=False, widget=DATE_WIDGET)
    end = forms.DateField(label=_("payments until"), required=False, widget=DATE_WIDGET)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period cannot be before its start."))
        return data
