"""The audit page's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from huunghi.audit.selectors import AuditFilters
from huunghi.core.boundary import FIRST_DAY, LAST_DAY

_DAY_BOUNDS = [MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)]


class AuditFilterForm(forms.Form):
    """Action prefix, unit (and below), and a range of days; all optional."""

    action = forms.CharField(label=_("Action starts with"), max_length=40, required=False)
    unit: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Unit (and below)"), queryset=None, required=False
    )  # type: ignore[arg-type]
    date_from = forms.DateField(label=_("From"), required=False, validators=_DAY_BOUNDS)
    date_to = forms.DateField(label=_("To"), required=False, validators=_DAY_BOUNDS)

    def __init__(self, *args: Any, units: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def filters(self) -> AuditFilters:
        """The valid filters (an invalid form filters nothing and shows its errors)."""
        if not self.is_valid():
            return AuditFilters()
        data = self.cleaned_data
        unit = data.get("unit")
        return AuditFilters(
            action=data.get("action", "").strip(),
            unit_id=unit.pk if unit is not None else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
