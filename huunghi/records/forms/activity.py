"""The activity form: common fields, then the kind's details, quantities and link.

The form only checks what a person typed; the service checks the record as a whole
(scope, dates against the place and the festival, files) and its errors are shown on
the same form.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from huunghi.accounts.types import Reader
from huunghi.core.form_choices import set_queryset
from huunghi.core.form_errors import ServiceErrorsMixin
from huunghi.core.models import Qualifier
from huunghi.records import selectors
from huunghi.records.files import PHOTO_AND_PDF, check_upload
from huunghi.records.forms.fields import (
    MultipleFileField,
    PlaceChoiceField,
    PlaceMultipleChoiceField,
    UnitChoiceField,
    date_field,
    limit_place_widget,
    selected_values,
)
from huunghi.records.kinds import KindSpec, Link, default_title, form_field, spec_for
from huunghi.records.models import (
    Activity,
    ActivityKind,
    CounterpartRole,
    Measure,
    SourceType,
)
from huunghi.records.services import CounterpartIn, QuantityIn

ENTERABLE_SOURCES = [
    (SourceType.ENTERED.value, SourceType.ENTERED.label),
    (SourceType.IMPORTED.value, SourceType.IMPORTED.label),
    (SourceType.NEWS.value, SourceType.NEWS.label),
]
LINK_LABELS = {
    Link.FACILITY: _("facility inaugurated"),
    Link.AGREEMENT: _("agreement signed"),
    Link.TWINNING_PAIR: _("twinning pair reviewed"),
}


class ParentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Activity) -> str:  # type: ignore[override]
        return f"{obj.title} ({obj.start_date:%Y-%m-%d}, {obj.unit})"


class ActivityForm(ServiceErrorsMixin, forms.Form):
    """Create or edit an activity of one kind."""

    title = forms.CharField(label=_("title"), max_length=300)
    start_date = date_field(_("start date"))
    end_date = date_field(_("end date"), required=False, help_text=_("Leave empty for one day."))
    unit = UnitChoiceField(label=_("reporting unit"), queryset=selectors.editable_units(user=None))
    place = PlaceChoiceField(label=_("place"), required=False)
    place_text = forms.CharField(label=_("place details"), max_length=300, required=False)
    parent = ParentChoiceField(
        label=_("part of (festival)"),
        required=False,
        queryset=selectors.festival_choices(user=None),
    )
    counterpart_places = PlaceMultipleChoiceField(label=_("counterpart places"), required=False)
    description = forms.CharField(
        label=_("description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    notes = forms.CharField(
        label=_("notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    source_type = forms.ChoiceField(
        label=_("source"), choices=ENTERABLE_SOURCES, initial=SourceType.ENTERED
    )
    source_url = forms.URLField(
        label=_("source address"), max_length=500, required=False, assume_scheme="https"
    )
    source_title = forms.CharField(label=_("source title"), max_length=300, required=False)
    attachments = MultipleFileField(
        label=_("attachments"),
        required=False,
        help_text=_("Photos (JPEG, PNG, WebP) or PDF documents."),
    )
    attachment_caption = forms.CharField(
        label=_("caption of new attachments"), max_length=200, required=False
    )

    def __init__(
        self,
        data: Any = None,
        files: Any = None,
        *,
        user: Reader,
        kind: str,
        instance: Activity | None = None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        self.user, self.kind, self.instance = user, kind, instance
        self.spec: KindSpec = spec_for(kind)
        start = initial_for(instance, self.spec, user) if instance else new_initial(self.spec, user)
        start.update(initial or {})
        super().__init__(data, files, initial=start)
        self._limit_choices()
        self._add_kind_fields()
        capitalise_labels(self)

    # --- building -----------------------------------------------------------------------

    def _limit_choices(self) -> None:
        set_queryset(self, "unit", selectors.editable_units(user=self.user))
        if self.kind == ActivityKind.FESTIVAL:
            del self.fields["parent"]
        else:
            unit = self.instance.unit if self.instance else selectors.default_unit(user=self.user)
            set_queryset(self, "parent", selectors.festival_choices(user=self.user, unit=unit))
        limit_place_widget(self.fields["place"], selected_values(self, "place"), blank=True)
        limit_place_widget(
            self.fields["counterpart_places"],
            selected_values(self, "counterpart_places"),
            blank=False,
        )
        if self.instance is not None and self.instance.attachments.exists():
            self.fields["remove_attachments"] = forms.MultipleChoiceField(
                label=_("remove attachments"),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[
                    (a.pk, a.original_name or a.file.name) for a in self.instance.attachments.all()
                ],
            )

    def _add_kind_fields(self) -> None:
        for detail in self.spec.fields:
            self.fields[f"d_{detail.key}"] = form_field(detail)
        for quantity in self.spec.measures:
            self._add_quantity_fields(quantity.measure)
        if self.spec.link is not None:
            self.fields["link"] = forms.ModelChoiceField(
                label=LINK_LABELS[self.spec.link],
                queryset=link_choices(self.spec.link, self.user),
                required=False,
            )

    def _add_quantity_fields(self, measure: str) -> None:
        label = Measure(measure).label
        self.fields[f"q_{measure}_value"] = forms.DecimalField(
            label=label,
            required=False,
            max_digits=20,
            decimal_places=2,
            widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        )
        self.fields[f"q_{measure}_qualifier"] = forms.ChoiceField(
            label=_("how exact"),
            choices=Qualifier.choices,
            required=False,
        )

    # --- groups of fields for the template ----------------------------------------------

    def detail_fields(self) -> list[forms.BoundField]:
        return [self[f"d_{d.key}"] for d in self.spec.fields]

    def quantity_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"q_{q.measure}_value"], self[f"q_{q.measure}_qualifier"])
            for q in self.spec.measures
        ]

    # --- checking -----------------------------------------------------------------------

    def clean_attachments(self) -> list[Any]:
        files = self.cleaned_data.get("attachments") or []
        for upload in files:
            try:
                check_upload(upload, field="attachments", allowed=PHOTO_AND_PDF)
            except ValidationError as exc:
                raise ValidationError(exc.message_dict["attachments"]) from None
        return files

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        for quantity in self.spec.measures:
            value = cleaned.get(f"q_{quantity.measure}_value")
            if value is not None and value < 0:
                self.add_error(
                    f"q_{quantity.measure}_value",
                    _("%(measure)s cannot be negative.")
                    % {"measure": capfirst(Measure(quantity.measure).label)},
                )
        entered = cleaned.get("source_type") == SourceType.ENTERED
        if self.spec.link is not None and entered and not cleaned.get("link"):
            self.add_error(
                "link", _("Choose the %(what)s.") % {"what": LINK_LABELS[self.spec.link]}
            )
        return cleaned

    # --- output -------------------------------------------------------------------------

    def service_kwargs(self, counterparts: list[CounterpartIn]) -> dict[str, Any]:
        """Keyword arguments for ``activity_create`` / ``activity_update``."""
        data = self.cleaned_data
        kwargs: dict[str, Any] = {
            name: data.get(name)
            for name in (
                "unit",
                "title",
                "start_date",
                "end_date",
                "place",
                "place_text",
                "description",
                "notes",
                "source_type",
                "source_url",
                "source_title",
                "attachment_caption",
            )
        }
        kwargs["parent"] = data.get("parent")
        kwargs["counterpart_places"] = list(data.get("counterpart_places") or [])
        kwargs["details"] = {d.key: data.get(f"d_{d.key}") for d in self.spec.fields}
        kwargs["quantities"] = self._quantities()
        kwargs["counterparts"] = counterparts
        kwargs["attachments"] = data.get("attachments") or []
        if self.spec.link is not None:
            kwargs["link"] = data.get("link")
        if "remove_attachments" in self.fields:
            kwargs["remove_attachments"] = [int(pk) for pk in data.get("remove_attachments") or []]
        return kwargs

    def _quantities(self) -> list[QuantityIn]:
        entries = []
        for quantity in self.spec.measures:
            value: Decimal | None = self.cleaned_data.get(f"q_{quantity.measure}_value")
            if value is None:
                continue
            qualifier = (
                self.cleaned_data.get(f"q_{quantity.measure}_qualifier") or quantity.qualifier
            )
            entries.append(QuantityIn(quantity.measure, value, qualifier))
        return entries


def capitalise_labels(form: forms.BaseForm) -> None:
    """Labels start with a capital letter (model verbose names are lower case)."""
    for field in form.fields.values():
        if field.label:
            field.label = capfirst(field.label)


def link_choices(link: Link, user: Reader) -> Any:
    if link == Link.FACILITY:
        return selectors.facility_choices(user=user)
    if link == Link.AGREEMENT:
        return selectors.agreement_choices(user=user)
    return selectors.twinning_choices(user=user)


def new_initial(spec: KindSpec, user: Reader) -> dict[str, Any]:
    """Defaults of a new record: today, the user's unit, the kind's qualifiers."""
    initial: dict[str, Any] = {
        "title": default_title(spec.kind),
        "start_date": timezone.localdate(),
        "unit": selectors.default_unit(user=user),
        "source_type": SourceType.ENTERED,
    }
    unit = initial["unit"]
    if unit is not None and unit.place_id:
        initial["place"] = unit.place_id
    for quantity in spec.measures:
        initial[f"q_{quantity.measure}_qualifier"] = quantity.qualifier
    return initial


def initial_for(activity: Activity, spec: KindSpec, user: Reader) -> dict[str, Any]:
    """The form's starting values from a stored record."""
    initial: dict[str, Any] = {
        name: getattr(activity, name)
        for name in (
            "title",
            "start_date",
            "end_date",
            "unit",
            "place",
            "place_text",
            "parent",
            "description",
            "notes",
            "source_type",
            "source_url",
            "source_title",
        )
    }
    initial["counterpart_places"] = list(activity.counterpart_places.all())
    for detail in spec.fields:
        initial[f"d_{detail.key}"] = activity.details.get(detail.key)
    for quantity in spec.measures:
        initial[f"q_{quantity.measure}_qualifier"] = quantity.qualifier
    for row in activity.quantities.all():
        initial[f"q_{row.measure}_value"] = row.value
        initial[f"q_{row.measure}_qualifier"] = row.qualifier
    initial["link"] = linked_object(activity, spec.link)
    return initial


def linked_object(activity: Activity, link: Link | None) -> Any:
    if link == Link.FACILITY:
        return next(iter(activity.facilities.all()), None)
    if link == Link.AGREEMENT:
        return next(iter(activity.agreements.all()), None)
    if link == Link.TWINNING_PAIR:
        return activity.twinning_pair
    return None


class CounterpartForm(forms.Form):
    """One counterpart unit, its role, and whether its accounts may read the record."""

    unit = UnitChoiceField(
        label=_("counterpart unit"), queryset=selectors.counterpart_units(), required=False
    )
    role = forms.ChoiceField(
        label=_("role"), choices=CounterpartRole.choices, initial=CounterpartRole.COUNTERPART
    )
    shared = forms.BooleanField(label=_("share read-only with this unit"), required=False)


class BaseCounterpartFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = list(selectors.counterpart_units())
        choices = [("", "—"), *[(u.pk, f"{u} · {u.country.code}") for u in units]]
        for form in self.forms:
            form.fields["unit"].widget.choices = choices
            capitalise_labels(form)

    def counterparts(self) -> list[CounterpartIn]:
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("unit") is not None and not data.get("DELETE"):
                rows.append(
                    CounterpartIn(unit=data["unit"], role=data["role"], shared=data["shared"])
                )
        return rows


CounterpartFormSet = forms.formset_factory(
    CounterpartForm,
    formset=BaseCounterpartFormSet,
    extra=2,
    can_delete=True,
    max_num=30,
    validate_max=True,
)


def counterpart_initial(activity: Activity | None) -> list[dict[str, Any]]:
    if activity is None:
        return []
    return [
        {"unit": row.unit, "role": row.role, "shared": row.shared}
        for row in activity.participations.all()
    ]
