"""Forms of the registries: twinning pairs, facilities and agreements."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from huunghi.accounts.types import Reader
from huunghi.core.form_choices import set_queryset
from huunghi.core.form_errors import ServiceErrorsMixin
from huunghi.records import selectors
from huunghi.records.files import PDF_ONLY, check_upload
from huunghi.records.forms.activity import capitalise_labels
from huunghi.records.forms.fields import (
    PlaceChoiceField,
    UnitChoiceField,
    date_field,
    limit_place_widget,
    selected_values,
)
from huunghi.records.models import (
    Agreement,
    Facility,
    FacilityKind,
    TwinningKind,
    TwinningPair,
    TwinningStatus,
)
from huunghi.records.services.registries import (
    AGREEMENT_FIELDS,
    FACILITY_FIELDS,
    TWINNING_FIELDS,
)


class RegistryForm(ServiceErrorsMixin, forms.Form):
    """Base: the responsible unit limited to the user's edit scope; place widgets limited."""

    place_fields: tuple[str, ...] = ()
    model_fields: tuple[str, ...] = ()

    def __init__(
        self, data: Any = None, files: Any = None, *, user: Reader, instance: Any = None
    ) -> None:
        initial = self.initial_from(instance) if instance else self.defaults(user)
        super().__init__(data, files, initial=initial)
        self.user, self.instance = user, instance
        set_queryset(self, "unit", selectors.editable_units(user=user))
        for name in self.place_fields:
            limit_place_widget(self.fields[name], selected_values(self, name), blank=True)
        capitalise_labels(self)

    def defaults(self, user: Reader) -> dict[str, Any]:
        return {"unit": selectors.default_unit(user=user)}

    def initial_from(self, instance: Any) -> dict[str, Any]:
        return {name: getattr(instance, name) for name in self.model_fields}

    def service_kwargs(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.model_fields}


class TwinningPairForm(RegistryForm):
    kind = forms.ChoiceField(label=_("kind"), choices=TwinningKind.choices)
    unit = UnitChoiceField(
        label=_("responsible unit"), queryset=selectors.editable_units(user=None)
    )
    vn_unit = UnitChoiceField(
        label=_("Vietnamese post / station"), required=False, queryset=selectors.counterpart_units()
    )
    kh_unit = UnitChoiceField(
        label=_("Cambodian post / station"), required=False, queryset=selectors.counterpart_units()
    )
    vn_place = PlaceChoiceField(label=_("Vietnamese place"), required=False)
    vn_place_text = forms.CharField(
        label=_("Vietnamese cluster (hamlet)"), max_length=200, required=False
    )
    kh_place = PlaceChoiceField(label=_("Cambodian place"), required=False)
    kh_place_text = forms.CharField(
        label=_("Cambodian cluster (phum)"), max_length=200, required=False
    )
    started_on = date_field(_("twinned since"))
    status = forms.ChoiceField(
        label=_("status"), choices=TwinningStatus.choices, initial=TwinningStatus.ACTIVE
    )
    ended_on = date_field(_("ended on"), required=False)
    notes = forms.CharField(
        label=_("notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    place_fields = ("vn_place", "kh_place")
    model_fields = TWINNING_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "vn_unit", selectors.counterpart_units().filter(country__code="VN"))
        set_queryset(self, "kh_unit", selectors.counterpart_units().filter(country__code="KH"))


class FacilityForm(RegistryForm):
    name = forms.CharField(label=_("name"), max_length=200)
    kind = forms.ChoiceField(label=_("kind"), choices=FacilityKind.choices)
    unit = UnitChoiceField(
        label=_("responsible unit"), queryset=selectors.editable_units(user=None)
    )
    place = PlaceChoiceField(label=_("place"), required=False)
    inaugurated_on = date_field(_("inaugurated on"), required=False)
    notes = forms.CharField(
        label=_("notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    place_fields = ("place",)
    model_fields = FACILITY_FIELDS


class AgreementForm(RegistryForm):
    title = forms.CharField(label=_("title"), max_length=300)
    unit = UnitChoiceField(
        label=_("responsible unit"), queryset=selectors.editable_units(user=None)
    )
    parties = forms.ModelMultipleChoiceField(
        label=_("parties"),
        queryset=selectors.counterpart_units(),
        help_text=_("The units that signed, of both sides."),
    )
    signed_on = date_field(_("signed on"))
    term_years = forms.IntegerField(
        label=_("term (years)"), required=False, min_value=1, max_value=99
    )
    expires_on = date_field(
        _("expires on"),
        required=False,
        help_text=_("Leave empty to compute it from the term."),
    )
    document = forms.FileField(label=_("scanned document (PDF)"), required=False)
    notes = forms.CharField(
        label=_("notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    model_fields = AGREEMENT_FIELDS

    def initial_from(self, instance: Any) -> dict[str, Any]:
        initial = super().initial_from(instance)
        initial["parties"] = list(instance.parties.all())
        return initial

    def clean_document(self) -> Any:
        document = self.cleaned_data.get("document")
        if document:
            try:
                check_upload(document, field="document", allowed=PDF_ONLY)
            except ValidationError as exc:
                raise ValidationError(exc.message_dict["document"]) from None
        return document

    def service_kwargs(self) -> dict[str, Any]:
        kwargs = super().service_kwargs()
        kwargs["parties"] = list(self.cleaned_data.get("parties") or [])
        kwargs["document"] = self.cleaned_data.get("document") or None
        return kwargs


FORMS = {TwinningPair: TwinningPairForm, Facility: FacilityForm, Agreement: AgreementForm}
