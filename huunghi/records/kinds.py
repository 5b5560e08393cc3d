"""What each kind of activity records: the quantities it offers, the ``details`` keys it
accepts (and how they are validated), and the registry object it links to.

The same field objects clean the web form and service input (imports, the API), so a
rule is written once. Kinds never hold operational military data: a joint patrol keeps
its date, the markers visited, the participating units and a findings summary only —
no positions, routes, schedules or weapons. Unknown ``details`` keys are refused.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from huunghi.core.models import Qualifier
from huunghi.records.models import ActivityKind, Measure

MARKER_RE = re.compile(r"^\d{1,3}(?:/\d{1,3})?(?: ?\(\d{1,2}\))?$")
MARKER_SPLIT_RE = re.compile(r"[,;\n]+")


class FieldType(StrEnum):
    TEXT = "text"
    LONGTEXT = "longtext"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    LINES = "lines"
    MARKERS = "markers"
    DATE = "date"
    INTEGER = "integer"


class Link(StrEnum):
    """The registry object an activity of a kind points to."""

    FACILITY = "facility"
    AGREEMENT = "agreement"
    TWINNING_PAIR = "twinning_pair"


Choices = tuple[tuple[str, Promise | str], ...]


@dataclass(frozen=True)
class QuantitySpec:
    """A quantity offered on the form of a kind, with its default qualifier."""

    measure: str
    qualifier: str = Qualifier.EXACT


@dataclass(frozen=True)
class DetailField:
    """One key of ``Activity.details`` for a kind."""

    key: str
    label: Promise | str
    type: FieldType = FieldType.TEXT
    required: bool = False
    choices: Choices = ()
    help_text: Promise | str = ""
    max_length: int = 300


@dataclass(frozen=True)
class KindSpec:
    """Everything the forms and services need to know about one kind."""

    kind: str
    measures: tuple[QuantitySpec, ...] = ()
    fields: tuple[DetailField, ...] = ()
    link: Link | None = None
    fixed: tuple[tuple[str, str], ...] = ()
    help_text: Promise | str = ""

    @property
    def label(self) -> Promise | str:
        return ActivityKind(self.kind).label

    @property
    def detail_keys(self) -> frozenset[str]:
        return frozenset(f.key for f in self.fields) | {k for k, _v in self.fixed}

    def detail(self, key: str) -> DetailField | None:
        return next((f for f in self.fields if f.key == key), None)


# Choice lists shared by several kinds.
SIDES: Choices = (
    ("vn", _("Vietnamese side")),
    ("kh", _("Cambodian side")),
    ("both", _("both sides")),
)
FUNDING_SOURCES: Choices = (
    ("self_mobilised", _("self-mobilised funds of the unit")),
    ("government", _("government funds")),
    ("province_budget", _("provincial budget")),
    ("donors", _("donors and sponsors")),
)
RECIPIENT_TYPES: Choices = (
    ("unit", _("counterpart unit")),
    ("community", _("community (e.g. Vietnamese-origin community)")),
    ("province", _("province or local authority")),
    ("military_region", _("military region")),
)
GOODS_OR_MONEY: Choices = (
    ("goods", _("goods and equipment")),
    ("money", _("money")),
    ("both", _("both")),
)
PERIODICITY: Choices = (
    ("monthly", _("monthly")),
    ("quarterly", _("quarterly")),
    ("biannual", _("six-monthly")),
    ("annual", _("annual")),
    ("ad_hoc", _("ad hoc")),
)
REVIEW_TYPES: Choices = (
    ("annual", _("annual review")),
    ("interim", _("interim review (sơ kết)")),
    ("final", _("final review (tổng kết)")),
)
CRIME_TYPES: Choices = (
    ("smuggling", _("smuggling and trade fraud")),
    ("drugs", _("drugs")),
    ("trafficking", _("human trafficking")),
    ("illegal_crossing", _("illegal border crossing")),
    ("other", _("other")),
)

PATROL_HELP = _("Summary only. Do not record positions, routes, schedules, strength or weapons.")

# Quantities are exact by default: "about" / "at least" are the clerk's choice.
PARTICIPANTS = QuantitySpec(Measure.PARTICIPANTS)
VALUE = QuantitySpec(Measure.VALUE_VND)


def _markers_field(required: bool) -> DetailField:
    return DetailField(
        "markers",
        _("markers visited"),
        FieldType.MARKERS,
        required=required,
        help_text=_("Marker numbers separated by commas, e.g. 229, 229/12, 230 (2)."),
    )


def _delegation(kind: str, direction: str) -> KindSpec:
    return KindSpec(
        kind,
        measures=(QuantitySpec(Measure.DELEGATION_MEMBERS),),
        fields=(
            DetailField("leader", _("head of delegation")),
            DetailField(
                "members",
                _("members"),
                FieldType.LINES,
                required=True,
                help_text=_("One member per line: rank, name, position."),
            ),
            DetailField("purpose", _("purpose"), FieldType.LONGTEXT, required=True),
            DetailField("approval_doc_number", _("approval document number"), max_length=60),
            DetailField("approval_doc_date", _("approval document date"), FieldType.DATE),
        ),
        fixed=(("direction", direction),),
    )


SPECS: tuple[KindSpec, ...] = (
    KindSpec(
        ActivityKind.FESTIVAL,
        measures=(PARTICIPANTS, VALUE),
        fields=(
            DetailField("edition", _("edition (1st, 2nd …)"), FieldType.INTEGER),
            DetailField(
                "level",
                _("level"),
                FieldType.CHOICE,
                choices=(
                    ("ministry", _("ministries of defence")),
                    ("military_region", _("military region")),
                    ("province", _("province")),
                ),
            ),
            DetailField("theme", _("theme")),
        ),
        help_text=_("Activities held during the exchange are entered as its parts."),
    ),
    KindSpec(
        ActivityKind.MARKER_SALUTE,
        measures=(QuantitySpec(Measure.MARKERS), PARTICIPANTS),
        fields=(
            _markers_field(required=False),
            DetailField(
                "ceremony",
                _("ceremony"),
                FieldType.CHOICE,
                required=True,
                choices=(
                    ("salute", _("salute")),
                    ("repaint", _("repaint")),
                    ("both", _("salute and repaint")),
                ),
            ),
        ),
    ),
    KindSpec(
        ActivityKind.JOINT_PATROL,
        measures=(QuantitySpec(Measure.MARKERS), PARTICIPANTS),
        fields=(
            _markers_field(required=False),
            DetailField("vn_units", _("participating units (Vietnamese side)"), FieldType.LINES),
            DetailField("kh_units", _("participating units (Cambodian side)"), FieldType.LINES),
            DetailField(
                "findings",
                _("findings (summary)"),
                FieldType.LONGTEXT,
                required=True,
                help_text=PATROL_HELP,
                max_length=2000,
            ),
        ),
        help_text=PATROL_HELP,
    ),
    KindSpec(
        ActivityKind.TREE_PLANTING,
        measures=(QuantitySpec(Measure.TREES), PARTICIPANTS),
        fields=(DetailField("species", _("tree species")),),
    ),
    KindSpec(
        ActivityKind.FACILITY_INAUGURATION,
        measures=(VALUE, PARTICIPANTS),
        fields=(
            DetailField(
                "funding_source", _("funding source"), FieldType.CHOICE, choices=FUNDING_SOURCES
            ),
        ),
        link=Link.FACILITY,
    ),
    KindSpec(
        ActivityKind.MEDICAL_OUTREACH,
        measures=(
            QuantitySpec(Measure.PEOPLE_EXAMINED),
            QuantitySpec(Measure.MEDICINE_DOSES),
            VALUE,
        ),
        fields=(
            DetailField(
                "beneficiaries",
                _("people examined from"),
                FieldType.CHOICE,
                required=True,
                choices=SIDES,
            ),
            DetailField("medical_team", _("medical team")),
        ),
    ),
    KindSpec(
        ActivityKind.SCHOLARSHIP,
        measures=(QuantitySpec(Measure.SCHOLARSHIPS), VALUE),
        fields=(
            DetailField(
                "recipients", _("pupils from"), FieldType.CHOICE, required=True, choices=SIDES
            ),
            DetailField("schools", _("schools"), FieldType.LINES),
            DetailField(
                "funding_source", _("funding source"), FieldType.CHOICE, choices=FUNDING_SOURCES
            ),
        ),
    ),
    KindSpec(
        ActivityKind.LIVELIHOOD_GIFT,
        measures=(QuantitySpec(Measure.CATTLE), QuantitySpec(Measure.HOUSEHOLDS), VALUE),
        fields=(
            DetailField(
                "gift",
                _("gift"),
                FieldType.CHOICE,
                required=True,
                choices=(
                    ("cattle", _("breeding cattle")),
                    ("seeds", _("seeds and seedlings")),
                    ("house", _("house")),
                    ("other", _("other")),
                ),
            ),
            DetailField(
                "recipients", _("households from"), FieldType.CHOICE, required=True, choices=SIDES
            ),
            DetailField(
                "funding_source", _("funding source"), FieldType.CHOICE, choices=FUNDING_SOURCES
            ),
        ),
    ),
    KindSpec(
        ActivityKind.AID,
        measures=(VALUE, QuantitySpec(Measure.ITEMS), QuantitySpec(Measure.HOUSEHOLDS)),
        fields=(
            DetailField(
                "goods_or_money",
                _("goods or money"),
                FieldType.CHOICE,
                required=True,
                choices=GOODS_OR_MONEY,
            ),
            DetailField(
                "funding_source",
                _("funding source"),
                FieldType.CHOICE,
                required=True,
                choices=FUNDING_SOURCES,
            ),
            DetailField(
                "recipient_type",
                _("recipient type"),
                FieldType.CHOICE,
                required=True,
                choices=RECIPIENT_TYPES,
            ),
            DetailField("recipient", _("recipient"), required=True),
            DetailField("purpose", _("purpose (e.g. Covid-19 prevention)")),
        ),
    ),
    KindSpec(
        ActivityKind.AGREEMENT,
        measures=(PARTICIPANTS,),
        link=Link.AGREEMENT,
        help_text=_("Register the agreement first; the signing record points to it."),
    ),
    _delegation(ActivityKind.DELEGATION_OUT, "outgoing"),
    _delegation(ActivityKind.DELEGATION_IN, "incoming"),
    KindSpec(
        ActivityKind.BRIEFING_MEETING,
        measures=(PARTICIPANTS,),
        fields=(
            DetailField("periodicity", _("periodicity"), FieldType.CHOICE, choices=PERIODICITY),
            DetailField("topics", _("topics"), FieldType.LINES, required=True),
            DetailField("minutes", _("minutes (summary)"), FieldType.LONGTEXT, max_length=5000),
            DetailField("decisions", _("decisions"), FieldType.LINES),
        ),
    ),
    KindSpec(
        ActivityKind.CRIME_PREVENTION,
        measures=(QuantitySpec(Measure.CASES), PARTICIPANTS),
        fields=(
            DetailField(
                "crime_types",
                _("kinds of crime"),
                FieldType.MULTICHOICE,
                required=True,
                choices=CRIME_TYPES,
            ),
            DetailField(
                "outcome",
                _("outcome (summary)"),
                FieldType.LONGTEXT,
                max_length=2000,
                help_text=PATROL_HELP,
            ),
        ),
    ),
    KindSpec(
        ActivityKind.NEW_YEAR_VISIT,
        measures=(VALUE, PARTICIPANTS),
        fields=(
            DetailField(
                "occasion",
                _("occasion"),
                FieldType.CHOICE,
                required=True,
                choices=(
                    ("tet", _("Vietnamese New Year (Tết)")),
                    ("chol_chnam_thmey", _("Khmer New Year (Chol Chnam Thmey)")),
                    ("other", _("other holiday")),
                ),
            ),
            DetailField("gifts", _("gifts")),
        ),
    ),
    KindSpec(
        ActivityKind.EDUCATION_SESSION,
        measures=(PARTICIPANTS,),
        fields=(
            DetailField("audience", _("audience"), FieldType.CHOICE, required=True, choices=SIDES),
            DetailField("topics", _("topics"), FieldType.LINES, required=True),
        ),
    ),
    KindSpec(
        ActivityKind.TWINNING_REVIEW,
        measures=(PARTICIPANTS,),
        fields=(
            DetailField(
                "review_type",
                _("review type"),
                FieldType.CHOICE,
                required=True,
                choices=REVIEW_TYPES,
            ),
            DetailField("period_years", _("years reviewed"), FieldType.INTEGER),
            DetailField("conclusions", _("conclusions"), FieldType.LONGTEXT, max_length=5000),
        ),
        link=Link.TWINNING_PAIR,
    ),
    KindSpec(
        ActivityKind.FRIENDSHIP_VISIT,
        measures=(PARTICIPANTS, VALUE),
        fields=(DetailField("visited", _("visited (school, family, unit)"), required=True),),
    ),
    KindSpec(
        ActivityKind.OTHER,
        measures=tuple(QuantitySpec(m) for m in Measure.values),
    ),
)

REGISTRY: dict[str, KindSpec] = {spec.kind: spec for spec in SPECS}


def spec_for(kind: str) -> KindSpec:
    """The spec of ``kind``; unknown kinds are a ValidationError on the kind field."""
    try:
        return REGISTRY[kind]
    except KeyError:
        raise ValidationError({"kind": _("Choose a kind of activity from the list.")}) from None


# --- form fields built from the spec, used by forms and services alike -----------------


class LinesField(forms.CharField):
    """One item per line, stored as a list of strings."""

    widget: forms.Widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, list | tuple):
            items = [str(v) for v in value]
        else:
            items = str(value or "").splitlines()
        return [item.strip() for item in items if item.strip()]

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def validate(self, value: list[str]) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        too_long = [item for item in value if len(item) > 300]
        if too_long:
            raise ValidationError(
                _("Each line may have at most 300 characters."), code="max_length"
            )

    def run_validators(self, value: Any) -> None:
        return None


def parse_markers(value: Any) -> list[str]:
    """Split marker numbers written with commas, semicolons or new lines; keep order."""
    items = value if isinstance(value, list | tuple) else MARKER_SPLIT_RE.split(str(value or ""))
    seen: dict[str, None] = {}
    for item in items:
        number = re.sub(r"\s+", " ", str(item).strip())
        if number:
            seen.setdefault(number, None)
    return list(seen)


class MarkersField(LinesField):
    """Border marker numbers such as 229 or 229/12 (validated by pattern)."""

    widget: forms.Widget = forms.TextInput(attrs={"placeholder": "229, 229/12"})

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return parse_markers(value)

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        wrong = [number for number in value if not MARKER_RE.match(number)]
        if wrong:
            raise ValidationError(
                _("“%(numbers)s” is not a marker number such as 229 or 229/12."),
                code="invalid_marker",
                params={"numbers": ", ".join(wrong)},
            )


def form_field(spec: DetailField) -> forms.Field:
    """The Django form field for one detail key."""
    common: dict[str, Any] = {
        "label": spec.label,
        "required": spec.required,
        "help_text": spec.help_text,
    }
    match spec.type:
        case FieldType.LONGTEXT:
            return forms.CharField(
                widget=forms.Textarea(attrs={"rows": 3}), max_length=spec.max_length, **common
            )
        case FieldType.CHOICE:
            return forms.ChoiceField(choices=[("", "—"), *spec.choices], **common)
        case FieldType.MULTICHOICE:
            return forms.MultipleChoiceField(
                choices=spec.choices, widget=forms.CheckboxSelectMultiple, **common
            )
        case FieldType.LINES:
            return LinesField(**common)
        case FieldType.MARKERS:
            return MarkersField(**common)
        case FieldType.DATE:
            return forms.DateField(
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **common
            )
        case FieldType.INTEGER:
            return forms.IntegerField(min_value=0, max_value=10_000, **common)
    return forms.CharField(max_length=spec.max_length, **common)


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _is_empty(value: Any) -> bool:
    return value in (None, "", [], ())


def clean_details(kind: str, raw: Mapping[str, Any] | None) -> dict[str, Any]:
    """Validate ``raw`` for ``kind`` and return the JSON-ready ``details`` dict.

    Errors name the field, e.g. "Funding source: This field is required.", under the
    ``details`` key.
    """
    spec = spec_for(kind)
    raw = dict(raw or {})
    errors: list[ValidationError] = []
    unknown = sorted(set(raw) - spec.detail_keys)
    if unknown:
        errors.append(
            ValidationError(
                _("These details are not recorded for this kind: %(keys)s."),
                params={"keys": ", ".join(unknown)},
                code="unknown_detail",
            )
        )
    cleaned: dict[str, Any] = {}
    for detail in spec.fields:
        try:
            value = form_field(detail).clean(raw.get(detail.key))
        except ValidationError as exc:
            errors.extend(_named(detail.label, exc))
            continue
        if not _is_empty(value):
            cleaned[detail.key] = _json_value(value)
    if errors:
        raise ValidationError({"details": errors})
    cleaned.update(dict(spec.fixed))
    return cleaned


def _named(label: Promise | str, exc: ValidationError) -> Iterable[ValidationError]:
    for message in exc.messages:
        yield ValidationError(
            _("%(field)s: %(message)s"),
            params={"field": capfirst(str(label)), "message": message},
        )


def record_rule_errors(
    kind: str, details: Mapping[str, Any], start_date: dt.date | None
) -> dict[str, str]:
    """Rules between details and the record's own fields, as ``{detail key: message}``."""
    errors: dict[str, str] = {}
    approval = details.get("approval_doc_date")
    outgoing = kind == ActivityKind.DELEGATION_OUT
    if outgoing and approval and start_date and dt.date.fromisoformat(str(approval)) > start_date:
        errors["approval_doc_date"] = str(
            _("The approval document is dated after the delegation left.")
        )
    return errors


def default_title(kind: str) -> str:
    """A starting title for a new record of ``kind``."""
    return str(ActivityKind(kind).label)
