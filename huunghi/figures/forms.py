"""Forms for entering, filtering and comparing reported figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from huunghi.core.form_choices import set_queryset
from huunghi.core.models import Qualifier
from huunghi.figures.models import ReportedFigure, SourceKind
from huunghi.figures.periods import Period, parse_period, period_text
from huunghi.figures.services import RECITED_FIELDS, FigureInput, OnOverlap
from huunghi.geography.models import AdminLevel, AdminUnit
from huunghi.geography.widgets import use_place_search
from huunghi.organisations.selectors import counterpart_unit_choices
from huunghi.records.indicators import BY_CODE, Nature, indicator_choices
from huunghi.records.models import Status

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PERIOD_HELP = _(
    "A day (11/05/2022), a month (05/2022), a quarter (Q2/2022), a year (2021) "
    "or a range (11/05/2022 - 20/05/2022)."
)


def _indicator_field(*, required: bool = True) -> forms.ChoiceField:
    empty: list[tuple[str, Any]] = [("", _("— choose —") if required else _("All"))]
    return forms.ChoiceField(
        label=_("Indicator"), choices=empty + indicator_choices(), required=required
    )


def _period(text: str) -> tuple[str, dt.date, dt.date]:
    try:
        return parse_period(text)
    except ValueError as exc:
        raise forms.ValidationError(str(exc)) from exc


class FigureForm(forms.Form):
    """A figure as a clerk enters it; the service checks the rules and overlaps."""

    unit: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Reporting unit"), queryset=None
    )  # type: ignore[arg-type]
    indicator = _indicator_field()
    value = forms.DecimalField(label=_("Value"), max_digits=20, decimal_places=2)
    qualifier = forms.ChoiceField(
        label=_("The value is"), choices=Qualifier.choices, initial=Qualifier.EXACT
    )
    period = forms.CharField(
        label=_("Period"), required=False, max_length=60, help_text=PERIOD_HELP
    )
    as_of = forms.DateField(
        label=_("As of"),
        required=False,
        widget=DATE,
        help_text=_("For counts on a date, e.g. pupils currently sponsored."),
    )
    place: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Place"),
        required=False,
        queryset=AdminUnit.objects.filter(level__in=[AdminLevel.PROVINCE, AdminLevel.DISTRICT])
        .select_related("country")
        .order_by("country", "level", "name_vi"),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    source_kind = forms.ChoiceField(label=_("Source kind"), choices=SourceKind.choices)
    source_title = forms.CharField(label=_("Source title"), max_length=300)
    source_site = forms.CharField(label=_("Published by / site"), max_length=200, required=False)
    source_section = forms.CharField(label=_("Section"), max_length=200, required=False)
    source_author = forms.CharField(label=_("Author"), max_length=120, required=False)
    source_date = forms.DateField(label=_("Source date"), required=False, widget=DATE)
    source_url = forms.URLField(label=_("Source address"), max_length=500, required=False)
    shared_with: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Share read-only with"),
        required=False,
        queryset=None,  # type: ignore[arg-type]
        help_text=_("Counterpart units whose accounts may read this figure."),
    )
    on_overlap = forms.ChoiceField(
        label=_("If the period overlaps a figure already reported"),
        widget=forms.RadioSelect,
        initial=OnOverlap.REFUSE,
        choices=[
            (OnOverlap.REFUSE, _("stop and show me the existing figure")),
            (OnOverlap.REPLACE, _("replace it as a new version (the old one is kept as history)")),
            (OnOverlap.KEEP_NESTED, _("keep both: one period lies inside the other (a breakdown)")),
        ],
    )

    def __init__(self, *args: Any, units: QuerySet[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            set_queryset(self, "unit", units)
        set_queryset(self, "shared_with", counterpart_unit_choices())
        use_place_search(self.fields["place"], levels=("province", "district"))

    @classmethod
    def initial_for(cls, figure: ReportedFigure) -> dict[str, Any]:
        """Initial values to edit ``figure``."""
        names = [
            "indicator",
            "value",
            "qualifier",
            "as_of",
            "place",
            *RECITED_FIELDS,
        ]
        initial = {name: getattr(figure, name) for name in names}
        initial["period"] = period_text(figure.period_kind, figure.period_start, figure.period_end)
        initial["shared_with"] = list(figure.shared_with.all())
        return initial

    def nature(self) -> str:
        """``flow``, ``stock`` or ``""`` (not chosen yet): which period field to show."""
        code = self.data.get("indicator") if self.is_bound else self.initial.get("indicator")
        found = BY_CODE.get(code or "")
        return found.nature.value if found else ""

    def clean_period(self) -> tuple[str, dt.date | None, dt.date | None]:
        text = self.cleaned_data.get("period", "").strip()
        return _period(text) if text else ("", None, None)

    def to_input(self) -> FigureInput:
        data = self.cleaned_data
        kind, start, end = data["period"]
        return FigureInput(
            indicator=data["indicator"],
            value=data["value"],
            qualifier=data["qualifier"],
            period_kind=kind,
            period_start=start,
            period_end=end,
            as_of=data["as_of"],
            place=data["place"],
            note=data["note"],
            source_kind=data["source_kind"],
            source_title=data["source_title"],
            source_site=data["source_site"],
            source_section=data["source_section"],
            source_author=data["source_author"],
            source_date=data["source_date"],
            source_url=data["source_url"],
            shared_with=tuple(data["shared_with"]),
        )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class FigureFilterForm(forms.Form):
    """Filters of the list page (all optional)."""

    indicator = _indicator_field(required=False)
    unit: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Unit (and below)"), queryset=None, required=False
    )  # type: ignore[arg-type]
    period = forms.CharField(label=_("Period"), required=False, help_text=PERIOD_HELP)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Status.choices]
    )
    superseded = forms.BooleanField(label=_("include replaced versions"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "unit", units)

    def clean_period(self) -> Period | None:
        text = self.cleaned_data.get("period", "").strip()
        if not text:
            return None
        _kind, start, end = _period(text)
        return Period(start, end)


class ComparisonForm(forms.Form):
    """Indicator, unit and period of the records-versus-figures comparison."""

    indicator = _indicator_field()
    unit: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Unit (and below)"), queryset=None
    )  # type: ignore[arg-type]
    period = forms.CharField(label=_("Period"), help_text=PERIOD_HELP)
    unapproved = forms.BooleanField(label=_("include figures not yet approved"), required=False)
    drafts = forms.BooleanField(label=_("include records not yet approved"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "unit", units)

    def clean_period(self) -> Period:
        _kind, start, end = _period(self.cleaned_data.get("period", ""))
        return Period(start, end)

    def nature(self) -> str:
        found = BY_CODE.get(self.cleaned_data.get("indicator", ""))
        return found.nature.value if found else Nature.FLOW.value
