"""Sponsored pupils, under the privacy rule of :mod:`huunghi.beneficiaries`.

Only members of the sponsoring unit's subtree may import or export names: imports
go to units from ``sponsor_unit_choices``, exports list ``pupil_list`` (the names
queryset). A row is the same pupil as an existing one with the same sponsoring
unit, full name and year of birth.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huunghi.beneficiaries import selectors, services
from huunghi.beneficiaries.forms import PupilFilterForm
from huunghi.beneficiaries.models import DEFAULT_MONTHLY_SUPPORT, EndReason, Nationality, Sex
from huunghi.beneficiaries.services import PUPIL_FIELDS
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

if TYPE_CHECKING:
    from huunghi.accounts.types import Reader

# The pupil form's fields; the unit is a column of its own (who reports the pupil).
EDITABLE = tuple(name for name in PUPIL_FIELDS if name != "unit")
ENDING = ("end_date", "end_reason", "end_note")


class PupilData(DataKind):
    code = "pupils"
    label = gettext_lazy("Sponsored pupils")
    field_columns = {name: name for name in (*EDITABLE, *ENDING, "unit")}

    def columns(self) -> list[Column]:
        return [
            unit_column("unit", gettext_lazy("Sponsoring unit")),
            Column("full_name", gettext_lazy("Full name"), required=True, max_length=150, width=26),
            Column(
                "sex",
                gettext_lazy("Sex"),
                ColumnType.CHOICE,
                required=True,
                choices=tuple(Sex.choices),
            ),
            Column("birth_year", gettext_lazy("Year of birth"), ColumnType.INTEGER, required=True),
            Column(
                "nationality",
                gettext_lazy("Nationality"),
                ColumnType.CHOICE,
                required=True,
                choices=tuple(Nationality.choices),
            ),
            Column("home_place", gettext_lazy("Home commune / village"), ColumnType.PLACE),
            Column("hamlet", gettext_lazy("Hamlet (ấp, phum)"), max_length=150),
            Column("school_name", gettext_lazy("School"), required=True, max_length=200, width=26),
            Column("school_place", gettext_lazy("School location"), ColumnType.PLACE),
            Column("officer_name", gettext_lazy("Sponsoring officer"), max_length=150),
            Column("monthly_amount", gettext_lazy("Monthly support (VND)"), ColumnType.INTEGER),
            Column("start_date", gettext_lazy("Sponsored from"), ColumnType.DATE, required=True),
            Column("end_date", gettext_lazy("Sponsorship ended on"), ColumnType.DATE),
            Column(
                "end_reason",
                gettext_lazy("Reason for ending"),
                ColumnType.CHOICE,
                choices=tuple(EndReason.choices),
            ),
            Column("end_note", gettext_lazy("Note on ending"), max_length=300),
        ]

    def example(self) -> dict[str, Any]:
        return {
            "unit": "Đồn Biên phòng Cửa khẩu Xa Mát",
            "full_name": "Nguyễn Văn A",
            "sex": Sex.MALE.label,
            "birth_year": 2014,
            "nationality": Nationality.VN.label,
            "school_name": _("Primary school"),
            "monthly_amount": DEFAULT_MONTHLY_SUPPORT,
            "start_date": "01/09/2023",
        }

    def describe(self, row: Row) -> str:
        return " · ".join(str(row.get(k)) for k in ("full_name", "birth_year") if row.get(k))

    # --- import ---------------------------------------------------------------------

    def import_row(self, context: Context, row: Row) -> tuple[Action, Any]:
        units = selectors.sponsor_unit_choices(user=context.user)
        unit = lookup_unit(context, row, "unit", "sponsors", units)
        values = {name: row.get(name) for name in EDITABLE if row.has(name)}
        for key in ("home_place", "school_place"):
            if row.has(key):
                values[key] = lookup_place(context, row, key)
        row.check()
        if not values.get("monthly_amount"):
            values.pop("monthly_amount", None)
        existing = self._existing(context, unit, values)
        try:
            if existing is None:
                pupil = services.pupil_create(
                    unit=unit, acting_user=context.user, **_create_args(values)
                )
                self._end(context, row, pupil)
                return Action.CREATE, pupil
            return self._update(context, row, existing, values)
        except ValidationError as exc:
            raise row_error_from(self, exc) from None

    def _existing(self, context: Context, unit: Any, values: dict[str, Any]) -> Any:
        pupils = selectors.pupil_list(user=context.user, filters=selectors.PupilFilters(unit=unit))
        same: dict[str, Any] = {
            "full_name__iexact": values.get("full_name", "").strip(),
            "birth_year": values.get("birth_year"),  # None matches a pupil without a year
        }
        return pupils.filter(unit=unit, **same).first()

    def _update(self, context: Context, row: Row, pupil: Any, values: dict) -> tuple[Action, Any]:
        changes = {k: v for k, v in values.items() if k in EDITABLE}
        ending = {k: row.get(k) for k in ENDING if row.has(k)}
        if same(changes, _values(pupil), changes) and same(ending, _values(pupil), ending):
            return Action.UNCHANGED, pupil
        if not same(changes, _values(pupil), changes):
            pupil = services.pupil_update(pupil=pupil, acting_user=context.user, changes=changes)
        self._end(context, row, pupil)
        return Action.UPDATE, pupil

    @staticmethod
    def _end(context: Context, row: Row, pupil: Any) -> None:
        end_date = row.get("end_date")
        if end_date is None and not row.get("end_reason"):
            return
        if end_date == pupil.end_date and row.get("end_reason") == pupil.end_reason:
            return
        services.pupil_end(
            pupil=pupil,
            end_date=end_date,
            end_reason=row.get("end_reason") or "",
            end_note=row.get("end_note") or "",
            acting_user=context.user,
        )

    # --- export ---------------------------------------------------------------------

    def export_queryset(self, user: Reader, params: Mapping[str, Any]) -> QuerySet[Any]:
        form = PupilFilterForm(dict(params), units=selectors.pupil_unit_choices(user=user))
        return selectors.pupil_list(user=user, filters=form.filters()).select_related(
            "unit__country", "home_place__province", "school_place__province"
        )

    def values_of(self, obj: Any) -> dict[str, Any]:
        return {"unit": obj.unit, **_values(obj)}


def _values(pupil: Any) -> dict[str, Any]:
    return {name: getattr(pupil, name) for name in (*EDITABLE, *ENDING)}


def _create_args(values: dict[str, Any]) -> dict[str, Any]:
    args = dict(values)
    for name in ("hamlet", "officer_name"):
        args[name] = args.get(name) or ""
    return args
