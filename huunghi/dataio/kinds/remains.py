"""Remains cases: leads (information about burial places) and recovered remains sets.

Rows go through :mod:`huunghi.remains.services`, so status history and audit rows
are written as on the pages. A lead is the same as an existing one with the same
team, date received, place and informant; a set with the same team, date
recovered, name (if known) and count.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huunghi.dataio.columns import Column, ColumnType
from huunghi.dataio.kinds.base import (
    Action,
    Context,
    DataKind,
    Row,
    lookup_place,
    lookup_unit,
    row_error_from,
    same,
    unit_column,
)
from huunghi.remains import selectors, services
from huunghi.remains.forms import CaseFilterForm
from huunghi.remains.models import Credibility, Identification, LeadStatus, SetStage
from huunghi.remains.permissions import SeasonPolicy, editable_teams, visible_teams

if TYPE_CHECKING:
    from huunghi.accounts.types import Reader

LEAD_FIELDS = (
    "received_on",
    "informant_description",
    "place",
    "place_text",
    "estimated_count",
    "credibility",
    "notes",
)
SET_FIELDS = (
    "recovered_on",
    "count",
    "identification",
    "dna_sample_taken",
    "personal_effects",
    "soldier_name",
    "soldier_unit",
    "notes",
)
TEXT_FIELDS = {"place_text", "notes", "personal_effects", "soldier_name", "soldier_unit"}


def _filters(kind: str, user: Reader, params: Mapping[str, Any]) -> Any:
    form = CaseFilterForm(
        dict(params),
        kind=kind,
        teams=visible_teams(user),
        seasons=SeasonPolicy.visible(user),
        phases=SeasonPolicy.visible_phases(user),
    )
    return form.filters()


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Empty optional cells as the services expect them."""
    cleaned = dict(values)
    for name in TEXT_FIELDS & set(cleaned):
        cleaned[name] = cleaned[name] or ""
    for name, default in (
        ("credibility", Credibility.MEDIUM),
        ("count", 1),
        ("identification", Identification.UNIDENTIFIED),
        ("dna_sample_taken", False),
    ):
        if name in cleaned and cleaned[name] in (None, ""):
            cleaned[name] = default
    return cleaned


class _RemainsData(DataKind):
    fields: tuple[str, ...] = ()

    def _save(
        self, context: Context, existing: Any, values: dict[str, Any], create: Any, update: Any
    ) -> tuple[Action, Any]:
        try:
            if existing is None:
                return Action.CREATE, create(acting_user=context.user, **values)
            changes = {k: v for k, v in values.items() if k in self.fields}
            if same(changes, {k: getattr(existing, k) for k in changes}, changes):
                return Action.UNCHANGED, existing
            return Action.UPDATE, update(existing, context.user, changes)
        except ValidationError as exc:
            raise row_error_from(self, exc) from None


class LeadData(_RemainsData):
    code = "remains_leads"
    label = gettext_lazy("Remains: leads")
    fields = LEAD_FIELDS
    field_columns = {name: name for name in (*LEAD_FIELDS, "team")}

    def columns(self) -> list[Column]:
        return [
            unit_column("team", gettext_lazy("Search team")),
            Column("received_on", gettext_lazy("Received on"), ColumnType.DATE, required=True),
            Column(
                "informant_description",
                gettext_lazy("Informant"),
                required=True,
                width=36,
                help=gettext_lazy("Who gave the information; not a private address."),
            ),
            Column(
                "place",
                gettext_lazy("Place in Cambodia"),
                ColumnType.PLACE,
                required=True,
                width=26,
            ),
            Column("place_text", gettext_lazy("Place details"), width=26),
            Column(
                "estimated_count", gettext_lazy("Estimated number of remains"), ColumnType.INTEGER
            ),
            Column(
                "credibility",
                gettext_lazy("Credibility"),
                ColumnType.CHOICE,
                choices=tuple(Credibility.choices),
            ),
            Column("notes", gettext_lazy("Notes"), ColumnType.LONGTEXT, max_length=20_000),
            Column(
                "status",
                gettext_lazy("Status"),
                ColumnType.CHOICE,
                choices=tuple(LeadStatus.choices),
                help=gettext_lazy("Written by exports; ignored on import."),
            ),
        ]

    def example(self) -> dict[str, Any]:
        return {
            "team": "K71",
            "received_on": "12/01/2025",
            "informant_description": _("Former soldier of the unit, now in Tây Ninh"),
            "place": "Svay Rieng",
            "estimated_count": 3,
            "credibility": Credibility.HIGH.label,
        }

    def describe(self, row: Row) -> str:
        return " · ".join(str(row.get(k)) for k in ("received_on", "place") if row.get(k))

    def import_row(self, context: Context, row: Row) -> tuple[Action, Any]:
        team = lookup_unit(context, row, "team", "teams", editable_teams(context.user))
        values = {k: row.get(k) for k in LEAD_FIELDS if row.has(k)}
        values["place"] = lookup_place(context, row, "place", country="KH")
        row.check()
        values = _clean(values)
        existing = (
            selectors.lead_list(user=context.user, filters=selectors.CaseFilters(team=team))
            .filter(
                team=team,
                place=values["place"],
                informant_description__iexact=values.get("informant_description", ""),
                **_same_date("received_on", values),
            )
            .first()
        )
        return self._save(
            context,
            existing,
            {"team": team, **values},
            services.lead_create,
            lambda lead, user, changes: services.lead_update(
                lead=lead, acting_user=user, changes=changes
            ),
        )

    def export_queryset(self, user: Reader, params: Mapping[str, Any]) -> QuerySet[Any]:
        return (
            selectors.lead_list(user=user, filters=_filters("leads", user, params))
            .order_by("-received_on", "-id")
            .select_related("place__province")
        )

    def values_of(self, obj: Any) -> dict[str, Any]:
        return {"team": obj.team, "status": obj.status, **{k: getattr(obj, k) for k in LEAD_FIELDS}}


class RemainsSetData(_RemainsData):
    code = "remains_sets"
    label = gettext_lazy("Remains: recovered sets")
    fields = SET_FIELDS
    field_columns = {name: name for name in (*SET_FIELDS, "team")}

    def columns(self) -> list[Column]:
        return [
            unit_column("team", gettext_lazy("Search team")),
            Column("recovered_on", gettext_lazy("Recovered on"), ColumnType.DATE, required=True),
            Column("count", gettext_lazy("Number of remains in the set"), ColumnType.INTEGER),
            Column(
                "identification",
                gettext_lazy("Identification"),
                ColumnType.CHOICE,
                choices=tuple(Identification.choices),
            ),
            Column("dna_sample_taken", gettext_lazy("DNA sample taken"), ColumnType.BOOLEAN),
            Column(
                "personal_effects",
                gettext_lazy("Personal effects found"),
                ColumnType.LONGTEXT,
                max_length=5000,
            ),
            Column("soldier_name", gettext_lazy("Name, if known"), max_length=200),
            Column("soldier_unit", gettext_lazy("Military unit, if known"), max_length=200),
            Column("notes", gettext_lazy("Notes"), ColumnType.LONGTEXT, max_length=20_000),
            Column(
                "status",
                gettext_lazy("Stage"),
                ColumnType.CHOICE,
                choices=tuple(SetStage.choices),
                help=gettext_lazy("Written by exports; ignored on import."),
            ),
        ]

    def example(self) -> dict[str, Any]:
        return {
            "team": "K71",
            "recovered_on": "20/02/2025",
            "count": 1,
            "identification": Identification.UNIDENTIFIED.label,
            "dna_sample_taken": _("yes"),
        }

    def describe(self, row: Row) -> str:
        return " · ".join(str(row.get(k)) for k in ("recovered_on", "soldier_name") if row.get(k))

    def import_row(self, context: Context, row: Row) -> tuple[Action, Any]:
        team = lookup_unit(context, row, "team", "teams", editable_teams(context.user))
        values = _clean({k: row.get(k) for k in SET_FIELDS if row.has(k)})
        row.check()
        existing = (
            selectors.set_list(user=context.user, filters=selectors.CaseFilters(team=team))
            .filter(
                team=team,
                **_same_date("recovered_on", values),
                soldier_name__iexact=values.get("soldier_name", ""),
                count=values.get("count", 1),
            )
            .first()
        )
        return self._save(
            context,
            existing,
            {"team": team, **values},
            services.set_create,
            lambda remains_set, user, changes: services.set_update(
                remains_set=remains_set, acting_user=user, changes=changes
            ),
        )

    def export_queryset(self, user: Reader, params: Mapping[str, Any]) -> QuerySet[Any]:
        return selectors.set_list(user=user, filters=_filters("sets", user, params)).order_by(
            "-recovered_on", "-id"
        )

    def values_of(self, obj: Any) -> dict[str, Any]:
        return {"team": obj.team, "status": obj.status, **{k: getattr(obj, k) for k in SET_FIELDS}}


def _same_date(field: str, values: dict[str, Any]) -> dict[str, Any]:
    """Match on the row's date, or on no date when the row gives none."""
    return {field: values.get(field)}
