"""Forms for changing the unit hierarchy (unit admins)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huunghi.core.form_choices import set_queryset
from huunghi.organisations.models import Unit, UnitKind


def _today() -> dt.date:
    return timezone.localdate()


class UnitCreateForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    name_vi = forms.CharField(label=_("Name (Vietnamese)"), max_length=200)
    name_km = forms.CharField(label=_("Name (Khmer)"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    valid_from = forms.DateField(
        label=_("In force from"), initial=_today, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().upper()
        if Unit.objects.filter(code=code).exists():
            raise forms.ValidationError(_("A unit with this code already exists."))
        return code


class UnitRenameForm(forms.Form):
    name_vi = forms.CharField(label=_("New name (Vietnamese)"), max_length=200)
    name_km = forms.CharField(label=_("New name (Khmer)"), max_length=200, required=False)
    name_en = forms.CharField(label=_("New name (English)"), max_length=200, required=False)
    on_date = forms.DateField(
        label=_("From"), initial=_today, widget=forms.DateInput(attrs={"type": "date"})
    )


class UnitMoveForm(forms.Form):
    new_parent = forms.ModelChoiceField(label=_("New parent unit"), queryset=Unit.objects.none())
    on_date = forms.DateField(
        label=_("From"), initial=_today, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: object, parents: QuerySet[Unit], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        set_queryset(self, "new_parent", parents)


class UnitMergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Merge into"), queryset=Unit.objects.none())
    on_date = forms.DateField(
        label=_("From"), initial=_today, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: object, targets: QuerySet[Unit], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        set_queryset(self, "into", targets)
