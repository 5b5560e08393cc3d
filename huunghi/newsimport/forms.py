"""Forms of the news import: the upload/paste form and the review forms of proposals.

Each proposal card holds its own form (prefixed ``p<id>`` so several live on one page).
The forms read what the clerk typed; the services check the record as a whole.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from huunghi.accounts.types import Reader
from huunghi.core.form_choices import set_choices, set_queryset
from huunghi.core.models import Qualifier
from huunghi.figures.periods import parse_period
from huunghi.figures.services import OnOverlap
from huunghi.geography.models import AdminLevel, AdminUnit
from huunghi.newsimport import selectors
from huunghi.newsimport.drafts import ActivityEdits, FigureEdits
from huunghi.newsimport.messages import MESSAGES
from huunghi.newsimport.models import NewsProposal
from huunghi.organisations.models import Unit, UnitKind
from huunghi.records import selectors as records
from huunghi.records.forms.activity import LINK_LABELS, capitalise_labels, link_choices
from huunghi.records.forms.fields import (
    PlaceChoiceField,
    PlaceMultipleChoiceField,
    UnitChoiceField,
    date_field,
    selected_values,
)
from huunghi.records.kinds import KindSpec, form_field, spec_for
from huunghi.records.models import ActivityKind, Measure
from huunghi.records.places import place_label
from huunghi.records.services import CounterpartIn, QuantityIn
from huunghi.reports.indicators import indicator_choices

MAX_PASTE_CHARS = 2_000_000


class ImportForm(forms.Form):
    """A saved page (HTML or text file) or the pasted text of one article."""

    unit = UnitChoiceField(label=_("import for unit"), queryset=Unit.objects.none())
    file = forms.FileField(
        label=_("saved page"),
        required=False,
        help_text=_("The article saved from the browser as a web page (.html) or a text file."),
    )
    text = forms.CharField(
        label=_("or paste the article's text"),
        required=False,
        strip=False,
        max_length=MAX_PASTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    url = forms.URLField(
        label=_("article address"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Records made from the article cite it as news with this address."),
    )

    def __init__(self, *args: Any, user: Reader, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_queryset(self, "unit", selectors.import_units(user=user))
        if not self.is_bound:
            self.initial.setdefault("unit", selectors.default_import_unit(user=user))
        capitalise_labels(self)

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        limit = settings.HUUNGHI_MAX_ARTICLE_BYTES
        if upload is not None and upload.size > limit:
            raise ValidationError(
                str(MESSAGES["too_large"])
                % {"size_mb": upload.size / 1_048_576, "limit_mb": limit / 1_048_576}
            )
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        has_file, has_text = bool(cleaned.get("file")), bool((cleaned.get("text") or "").strip())
        if has_file and has_text:
            raise ValidationError(_("Choose a saved page or paste the text, not both."))
        if not has_file and not has_text and not self.errors:
            raise ValidationError(str(MESSAGES["empty"]))
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of ``article_import`` (the upload is read here)."""
        data = self.cleaned_data
        upload = data.get("file")
        kwargs: dict[str, Any] = {"unit": data["unit"], "url": data.get("url") or ""}
        if upload is not None:
            kwargs.update(raw=upload.read(), filename=upload.name)
        else:
            kwargs["text"] = data["text"]
        return kwargs


class UrlForm(forms.Form):
    url = forms.URLField(label=_("article address"), max_length=500, assume_scheme="https")


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("reason"), required=False, max_length=500)


class ServiceErrorsMixin:
    """Show the services' refusals next to the matching field, or on top."""

    def add_service_errors(self, exc: ValidationError) -> None:
        fields = self.fields  # type: ignore[attr-defined]
        for name, messages in exc.update_error_dict({}).items():
            target = name if name in fields and name != NON_FIELD_ERRORS else None
            label = f"{fields[target].label}:".casefold() if target else ""
            for message in ValidationError(messages).messages:
                if label and message.casefold().startswith(label):
                    message = message[len(label) :].strip()
                self.add_error(target, message)  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- activities


class ActivityProposalForm(ServiceErrorsMixin, forms.Form):
    """The record a proposal becomes: common fields, the kind's details and quantities."""

    kind = forms.ChoiceField(label=_("kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("title"), max_length=300)
    start_date = date_field(_("start date"))
    end_date = date_field(_("end date"), required=False)
    unit = UnitChoiceField(label=_("reporting unit"), queryset=Unit.objects.none())
    place = PlaceChoiceField(label=_("place"), required=False)
    place_text = forms.CharField(label=_("place details"), max_length=300, required=False)
    counterpart_places = PlaceMultipleChoiceField(label=_("counterpart places"), required=False)
    counterparts = forms.MultipleChoiceField(
        label=_("counterpart units named"), required=False, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self,
        data: Any = None,
        *,
        proposal: NewsProposal,
        user: Reader,
        initial: dict[str, Any],
        units: dict[int, Unit],
        candidates: list[AdminUnit],
    ) -> None:
        self.proposal, self.user, self.units = proposal, user, units
        super().__init__(data, initial=initial, prefix=f"p{proposal.pk}")
        self.chosen_kind = self._chosen_kind(initial)
        self.spec: KindSpec = spec_for(self.chosen_kind)
        self._limit_choices(candidates)
        self._add_kind_fields()
        capitalise_labels(self)

    def _chosen_kind(self, initial: dict[str, Any]) -> str:
        chosen = self.data.get(self.add_prefix("kind")) if self.is_bound else initial.get("kind")
        return chosen if chosen in ActivityKind.values else ActivityKind.OTHER

    def _limit_choices(self, candidates: list[AdminUnit]) -> None:
        set_queryset(self, "unit", records.editable_units(user=self.user))
        set_choices(
            self,
            "counterparts",
            [(str(pk), f"{unit} · {unit.country.code}") for pk, unit in self.units.items()],
        )
        for name, blank in (("place", True), ("counterpart_places", False)):
            options = place_choices(selected_values(self, name), candidates)
            self.fields[name].widget.choices = ([("", "—")] if blank else []) + options
        self.fields["kind"].widget.attrs.update(kind_change_attrs(self.proposal))
        parent = self.initial.get("parent")
        if self.chosen_kind != ActivityKind.FESTIVAL and parent:
            festivals = records.festival_choices(user=self.user, unit=self._initial_unit())
            self.fields["parent"] = forms.ModelChoiceField(
                label=_("part of (festival)"),
                queryset=festivals.filter(pk=getattr(parent, "pk", parent)),
                required=False,
            )

    def _initial_unit(self) -> Unit:
        """The reporting unit the form starts with (a key when the kind was changed)."""
        value: Any = self.initial.get("unit")
        if isinstance(value, Unit):
            return value
        editable = records.editable_units(user=self.user)
        found = editable.filter(pk=value).first() if str(value).isdigit() else None
        return found or self.proposal.article.unit

    def _add_kind_fields(self) -> None:
        for detail in self.spec.fields:
            self.fields[f"d_{detail.key}"] = form_field(detail)
        for quantity in self.spec.measures:
            self.fields[f"q_{quantity.measure}_value"] = forms.DecimalField(
                label=Measure(quantity.measure).label,
                required=False,
                min_value=0,
                max_digits=20,
                decimal_places=2,
            )
            self.fields[f"q_{quantity.measure}_qualifier"] = forms.ChoiceField(
                label=_("how exact"), choices=Qualifier.choices, required=False
            )
        if self.spec.link is not None:
            self.fields["link"] = forms.ModelChoiceField(
                label=LINK_LABELS[self.spec.link],
                queryset=link_choices(self.spec.link, self.user),
                required=False,
            )

    def detail_fields(self) -> list[forms.BoundField]:
        return [self[f"d_{d.key}"] for d in self.spec.fields]

    def quantity_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"q_{q.measure}_value"], self[f"q_{q.measure}_qualifier"])
            for q in self.spec.measures
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return cleaned

    def edits(self) -> ActivityEdits:
        """What the clerk accepts, for ``proposal_accept``."""
        data = self.cleaned_data
        return ActivityEdits(
            kind=self.chosen_kind,
            unit=data["unit"],
            title=data["title"],
            start_date=data["start_date"],
            end_date=data.get("end_date"),
            place=data.get("place"),
            place_text=data.get("place_text") or "",
            counterpart_places=list(data.get("counterpart_places") or []),
            counterparts=self._counterparts(),
            quantities=self._quantities(),
            details={d.key: data.get(f"d_{d.key}") for d in self.spec.fields},
            description=data.get("description") or "",
            parent=data.get("parent"),
            link=data.get("link"),
        )

    def _counterparts(self) -> list[CounterpartIn]:
        chosen = [self.units[int(pk)] for pk in self.cleaned_data.get("counterparts") or []]
        reporting = self.cleaned_data["unit"]
        return [CounterpartIn(unit=unit) for unit in chosen if unit.pk != reporting.pk]

    def _quantities(self) -> list[QuantityIn]:
        rows = []
        for quantity in self.spec.measures:
            value: Decimal | None = self.cleaned_data.get(f"q_{quantity.measure}_value")
            if value is None:
                continue
            qualifier = (
                self.cleaned_data.get(f"q_{quantity.measure}_qualifier") or quantity.qualifier
            )
            rows.append(QuantityIn(quantity.measure, value, qualifier))
        return rows


def place_choices(selected: list[Any], candidates: list[AdminUnit]) -> list[tuple[int, str]]:
    """Options of a place select: the places the text could mean and the chosen ones
    (the search box next to it fetches any other place)."""
    known = {place.pk: place for place in candidates}
    missing = [int(v) for v in selected if str(v).isdigit() and int(v) not in known]
    known.update(selectors.places_by_id(missing))
    return [(pk, place_label(place)) for pk, place in known.items()]


def kind_change_attrs(proposal: NewsProposal) -> dict[str, str]:
    """htmx attributes that rebuild the card for another kind, keeping what was typed."""
    return {
        "hx-get": reverse("newsimport:proposal_card", args=[proposal.pk]),
        "hx-trigger": "change",
        "hx-target": f"#proposal-{proposal.pk}",
        "hx-swap": "outerHTML",
        "hx-include": "closest form",
        "hx-params": "not csrfmiddlewaretoken",
    }


# --------------------------------------------------------------------------- figures


class FigureProposalForm(ServiceErrorsMixin, forms.Form):
    """The reported figure a proposal becomes."""

    indicator = forms.ChoiceField(label=_("indicator"))
    unit = UnitChoiceField(label=_("reporting unit"), queryset=Unit.objects.none())
    value = forms.DecimalField(label=_("value"), min_value=0, max_digits=20, decimal_places=2)
    qualifier = forms.ChoiceField(label=_("the value is"), choices=Qualifier.choices)
    period = forms.CharField(
        label=_("period"),
        required=False,
        max_length=60,
        help_text=_(
            "For a total over a period: 2021, Q2/2022, 05/2022 or 11/05/2022 - 20/05/2022."
        ),
    )
    as_of = date_field(
        _("as of"), required=False, help_text=_("For a count on a date, e.g. pupils sponsored now.")
    )
    place = forms.ModelChoiceField(
        label=_("place"), required=False, queryset=AdminUnit.objects.none()
    )
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    on_overlap = forms.ChoiceField(
        label=_("if the unit already reported this indicator for an overlapping period"),
        initial=OnOverlap.REFUSE,
        choices=[
            (OnOverlap.REFUSE, _("stop and show me the existing figure")),
            (OnOverlap.REPLACE, _("replace it as a new version")),
            (OnOverlap.KEEP_NESTED, _("keep both: one period lies inside the other")),
        ],
    )

    def __init__(
        self,
        data: Any = None,
        *,
        proposal: NewsProposal,
        user: Reader,
        initial: dict[str, Any],
        candidates: list[AdminUnit],
    ) -> None:
        self.proposal = proposal
        super().__init__(data, initial=initial, prefix=f"p{proposal.pk}")
        set_choices(self, "indicator", [("", "—"), *indicator_choices()])
        set_queryset(self, "unit", records.editable_units(user=user))
        levels = (AdminLevel.PROVINCE, AdminLevel.DISTRICT)
        ids = [p.pk for p in candidates if p.level in levels]
        set_queryset(self, "place", selectors.places_queryset(ids))
        capitalise_labels(self)

    def clean_period(self) -> tuple[str, dt.date | None, dt.date | None]:
        text = (self.cleaned_data.get("period") or "").strip()
        if not text:
            return "", None, None
        try:
            return parse_period(text)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc

    def edits(self) -> FigureEdits:
        """What the clerk accepts, for ``proposal_accept``."""
        data = self.cleaned_data
        kind, start, end = data["period"]
        return FigureEdits(
            indicator=data["indicator"],
            unit=data["unit"],
            value=data["value"],
            qualifier=data["qualifier"],
            period_kind=kind,
            period_start=start,
            period_end=end,
            as_of=data.get("as_of"),
            place=data.get("place"),
            note=data.get("note") or "",
            on_overlap=data["on_overlap"],
        )


class UnknownUnitForm(forms.Form):
    """Map an organisation an article named to a registered unit, or create it under a
    unit the reviewer manages."""

    name = forms.CharField(label=_("Name as written"), max_length=200)
    action = forms.ChoiceField(
        label=_("Action"), choices=[("map", _("map")), ("create", _("create"))]
    )
    unit = forms.IntegerField(label=_("Registered unit"), required=False)
    parent = forms.IntegerField(label=_("Create under"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        action = data.get("action")
        if action == "map" and not data.get("unit"):
            self.add_error("unit", _("Choose the registered unit this organisation is."))
        if action == "create" and not data.get("parent"):
            self.add_error("parent", _("Choose the unit to create it under."))
        if action == "create" and not data.get("kind"):
            self.add_error("kind", _("Choose the kind of the new unit."))
        return data
