"""Filters of the dashboard and the review report request form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Min, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huunghi.accounts.scope import scope_for
from huunghi.core.form_choices import set_choices, set_queryset
from huunghi.organisations.models import Unit
from huunghi.organisations.permissions import UnitPolicy
from huunghi.records.forms.filters import FastSelect
from huunghi.records.models import ActivityKind
from huunghi.reports import totals_cache
from huunghi.reports.engine import Geography, TotalsQuery
from huunghi.reports.indicators import BY_CODE, activity_indicator_codes
from huunghi.reports.models import ReportFormat, ReviewKind
from huunghi.reports.periods import PRESETS, Period, preset_period
from huunghi.reports.selectors import latest_year_with_data

if TYPE_CHECKING:
    from huunghi.accounts.types import Reader

MAX_UNIT_CHOICES = 400
COUNTRIES = [("", _("both countries")), ("VN", _("Vietnam")), ("KH", _("Cambodia"))]
APPROVED, ALL_RECORDS = "approved", "all"
RECORD_CHOICES = [
    (APPROVED, _("approved records only")),
    (ALL_RECORDS, _("all records, drafts included")),
]
GEOGRAPHIES = [
    (Geography.NOW, _("today's provinces")),
    (Geography.THEN, _("provinces as they were on the record's date")),
]


def unit_choices(user: Reader, also: Any = None) -> QuerySet[Unit]:
    """Visible units in force, down to two levels below the reader's highest unit, and
    the visible unit ``also`` (an id asked for in the address, e.g. from a link to a
    deeper unit), so that a deep unit is shown rather than silently replaced.

    The ids are kept per scope until units or memberships change (:mod:`.totals_cache`)."""
    also = str(also or "")
    first = _kept(user, ("unit_choice_ids", also), lambda: _unit_choice_ids(user, also))
    return UnitPolicy.visible(user).filter(pk__in=first).select_related("country").order_by("path")


def _unit_choice_ids(user: Reader, also: str) -> tuple[int, ...]:
    visible = UnitPolicy.visible(user)
    units = visible.filter(valid_to__isnull=True)
    top = units.aggregate(depth=Min("depth"))["depth"] or 0
    units = units.filter(depth__lte=top + 2).order_by("path")
    first = list(units.values_list("pk", flat=True)[:MAX_UNIT_CHOICES])
    if also.isdigit():
        first += list(visible.filter(pk=int(also)).values_list("pk", flat=True))
    return tuple(first)


def _kept[T](user: Reader, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()``, kept per scope, language and data generation."""
    scope = totals_cache.scope_key(scope_for(user))
    return compute() if scope is None else totals_cache.cached((*key, scope), compute)


def _offer_units(field: forms.Field, user: Reader, also: Any) -> None:
    """The unit select's options from the per-scope table (validation still queries)."""
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError("unit is not a model choice field")
    options = _kept(
        user,
        ("unit_options", str(also or "")),
        lambda: tuple((unit.pk, field.label_from_instance(unit)) for unit in _rows(field)),
    )
    field.widget.choices = [("", field.empty_label), *options]  # type: ignore[attr-defined]


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{'— ' * obj.depth}{obj}"


class DashboardFilterForm(forms.Form):
    """What the dashboard shows; every field is optional."""

    period = forms.ChoiceField(
        label=_("period"),
        choices=[("", _("latest year with data")), *PRESETS.items()],
        required=False,
        widget=FastSelect,
    )
    date_from = forms.DateField(
        label=_("from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    unit = UnitField(
        label=_("unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("everything I may see"),
        widget=FastSelect,
    )
    kind = forms.ChoiceField(
        label=_("kind"),
        required=False,
        choices=[("", _("all kinds")), *ActivityKind.choices],
        widget=FastSelect,
    )
    country = forms.ChoiceField(
        label=_("country"), required=False, choices=COUNTRIES, widget=FastSelect
    )
    records = forms.ChoiceField(
        label=_("records"),
        required=False,
        choices=RECORD_CHOICES,
        widget=FastSelect,
        help_text=_("Totals a command signs count approved records only."),
    )
    geography = forms.ChoiceField(
        label=_("provinces"),
        required=False,
        choices=GEOGRAPHIES,
        widget=forms.RadioSelect,
    )
    indicator = forms.ChoiceField(
        label=_("map shows"), required=False, choices=[], widget=FastSelect
    )

    def __init__(self, data: Any = None, *, user: Reader) -> None:
        if data is not None and data.get("date_from") and data.get("date_to"):
            # Typed dates mean a custom range: show it so in the preset select too.
            data = data.copy()
            data["period"] = "custom"
        if data is not None and data.get("approved_only") and not data.get("records"):
            # The former check box ("approved_only=on") in bookmarked addresses.
            data = data.copy()
            data["records"] = APPROVED
        super().__init__(data, initial={"records": APPROVED})
        self.user = user
        set_queryset(self, "unit", unit_choices(user, also=(data or {}).get("unit")))
        _offer_units(self.fields["unit"], user, (data or {}).get("unit"))
        set_choices(
            self, "indicator", [(code, BY_CODE[code].label) for code in activity_indicator_codes()]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("period") == "custom":
            first, last = data.get("date_from"), data.get("date_to")
            if not first or not last:
                raise forms.ValidationError(_("Give both dates of the custom range."))
            if last < first:
                raise forms.ValidationError(_("The end date is before the start date."))
            if (last - first).days > 366 * 30:
                raise forms.ValidationError(_("Choose a range of at most thirty years."))
        return data

    def values(self) -> dict[str, Any]:
        """Cleaned values, or the defaults when the form is unbound or invalid."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data
        return {}

    def chosen_period(self, today: dt.date | None = None) -> Period:
        """The period asked for; without one, the latest year with data the reader may see."""
        data = self.values()
        today = today or timezone.localdate()
        if data.get("period") == "custom":
            return Period.between(data["date_from"], data["date_to"])
        if data.get("period"):
            return preset_period(data["period"], today)
        return latest_year_with_data(user=self.user, unit=data.get("unit"), today=today)

    def approved_only(self) -> bool:
        return (self.values().get("records") or APPROVED) == APPROVED

    def query(self) -> TotalsQuery:
        data = self.values()
        return TotalsQuery(
            period=self.chosen_period(),
            unit=data.get("unit"),
            kinds=(data["kind"],) if data.get("kind") else (),
            country=data.get("country") or "",
            approved_only=self.approved_only(),
            geography=Geography(data.get("geography") or Geography.NOW),
        )

    def indicator_code(self) -> str:
        return self.values().get("indicator") or "activities_total"


class ReviewRequestForm(forms.Form):
    """A review report of one unit over a period, in one format."""

    unit = UnitField(label=_("unit"), queryset=Unit.objects.none())
    review_kind = forms.ChoiceField(label=_("report"), choices=ReviewKind.choices)
    date_from = forms.DateField(label=_("from"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("to"), widget=forms.DateInput(attrs={"type": "date"}))
    format = forms.ChoiceField(label=_("format"), choices=ReportFormat.choices)
    approved_only = forms.BooleanField(
        label=_("approved records only"), required=False, initial=True
    )

    def __init__(self, data: Any = None, *, user: Reader, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        set_queryset(self, "unit", unit_choices(user))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and last < first:
            raise forms.ValidationError(_("The end date is before the start date."))
        return data


def _rows(field: forms.ModelChoiceField[Any]) -> QuerySet[Any]:
    """The field's choices as a queryset (a field without one offers nothing)."""
    return field.queryset if field.queryset is not None else Unit.objects.none()
