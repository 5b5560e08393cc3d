"""Forms of the review reports a unit drafts and issues."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from huunghi.organisations.models import Unit
from huunghi.reports.forms import UnitField
from huunghi.reports.issued_selectors import units_for_review_drafting
from huunghi.reports.models import ReviewKind

if TYPE_CHECKING:
    from huunghi.accounts.types import Reader


class ReportDraftForm(forms.Form):
    """A new draft: the unit, the period and the kind of review."""

    unit = UnitField(label=_("unit"), queryset=Unit.objects.none())
    review_kind = forms.ChoiceField(label=_("report"), choices=ReviewKind.choices)
    date_from = forms.DateField(label=_("from"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("to"), widget=forms.DateInput(attrs={"type": "date"}))
    approved_only = forms.BooleanField(
        label=_("approved records only"), required=False, initial=True
    )

    def __init__(self, data: Any = None, *, user: Reader, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        unit_field: Any = self.fields["unit"]
        unit_field.queryset = units_for_review_drafting(user=user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and last < first:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def draft_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of ``issued_report_create`` (the page's language)."""
        data = self.cleaned_data
        return {
            "unit": data["unit"],
            "period_start": data["date_from"],
            "period_end": data["date_to"],
            "review_kind": data["review_kind"],
            "approved_only": data["approved_only"],
            "language": get_language(),
        }


def _text(label: Any, rows: int = 5, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ReportTextForm(forms.Form):
    """The paragraphs and signature block the unit types before issuing."""

    document_number = forms.CharField(
        label=_("number and symbol"),
        required=False,
        max_length=60,
        help_text=_("For example 15/BC-BĐBP."),
    )
    situation = _text(_("situation"))
    shortcomings = _text(_("shortcomings and causes"))
    lessons = _text(_("lessons"))
    next_steps = _text(_("next steps and proposals"))
    signer_title = forms.CharField(label=_("signer's title"), required=False, max_length=120)
    signer_rank = forms.CharField(label=_("signer's rank"), required=False, max_length=60)
    signer_name = forms.CharField(label=_("signer's name"), required=False, max_length=120)
    recipients = _text(_("recipients"), rows=3, help_text=_("One recipient per line."))
