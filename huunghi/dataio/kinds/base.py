"""What every kind of importable and exportable data provides.

A kind names its columns, reads one parsed row into the calls of its app's services
(create, change or leave alone), and lists the rows a user may export. It never
reads a model's table itself: it starts from its app's selectors and policies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.functional import Promise

from huunghi.dataio.columns import CellError, Column, ColumnType
from huunghi.dataio.matching import PlaceMatcher, UnitIndex

if TYPE_CHECKING:
    from huunghi.accounts.models import User
    from huunghi.accounts.types import Reader


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


class RowError(Exception):
    """Errors of one row: ``(column key or "", message)`` pairs."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass
class Row:
    """One data row: the cells of the columns present in the file, already parsed."""

    number: int
    values: dict[str, Any]
    errors: list[tuple[str, str]] = field(default_factory=list)

    def has(self, key: str) -> bool:
        return key in self.values

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def fail(self, key: str, message: Any) -> None:
        self.errors.append((key, str(message)))

    def check(self) -> None:
        """Raise the errors gathered so far."""
        if self.errors:
            raise RowError(self.errors)


@dataclass
class Context:
    """What a whole import shares: the acting user and lookup caches."""

    user: User
    places: PlaceMatcher = field(default_factory=PlaceMatcher)
    indexes: dict[str, UnitIndex] = field(default_factory=dict)
    seen_keys: dict[str, int] = field(default_factory=dict)
    # What the rows wrote, for the import journal: ``(action, object id, before)``.
    journal: list[tuple[str, int, Any]] = field(default_factory=list)

    def unit_index(self, name: str, units: Any) -> UnitIndex:
        """The index ``name`` of ``units`` (built once per import)."""
        if name not in self.indexes:
            self.indexes[name] = UnitIndex(units)
        return self.indexes[name]


class DataKind:
    """Base class of the kinds in :mod:`huunghi.dataio.kinds`."""

    code: str = ""
    label: Promise | str = ""
    #: service error fields → column keys (others are reported for the whole row)
    field_columns: Mapping[str, str] = {}

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def example(self) -> dict[str, Any]:
        return {}

    def file_stem(self) -> str:
        return self.code.replace(":", "-")

    # --- import ---------------------------------------------------------------------

    def import_row(self, context: Context, row: Row) -> tuple[Action, Any]:
        """Create, change or leave alone the record of ``row`` (inside a savepoint)."""
        raise NotImplementedError

    def describe(self, row: Row) -> str:
        """A short label of the row for the preview."""
        return ""

    # --- batches (kinds that check a batch of rows first and write its new records
    # together; see ``services.rows._in_batches``) ----------------------------------------

    supports_batch = False

    def plan_rows(self, context: Context, rows: list[Row]) -> list[Any]:
        """Check ``rows`` without writing. For each row: what :meth:`write_planned` needs
        to create its record, None for a row that goes through :meth:`import_row` (it
        names an existing record), or the exception that refused it."""
        raise NotImplementedError

    def write_planned(self, context: Context, planned: list[Any]) -> None:
        """Create the planned records (inside the batch's transaction); journal them."""
        raise NotImplementedError

    def claim_planned(self, context: Context, planned: list[Any]) -> set[int]:
        """Inside the batch's write transaction, before it writes: lock what makes the
        planned new records unique (until the transaction ends) and return the positions
        of those that exist by now (another import stored them after the plan)."""
        return set()

    # --- undo (kinds that can undo import in short chunks; others use one transaction) --

    supports_undo = False

    def undo_create(self, object_id: int, user: User) -> None:
        """Remove an object this import created."""
        raise NotImplementedError

    def undo_creates(self, object_ids: list[int], user: User) -> None:
        """Remove objects this import created (one chunk of the journal)."""
        for object_id in object_ids:
            self.undo_create(object_id, user)

    def undo_update(self, object_id: int, before: Any, user: User) -> None:
        """Put back an object this import changed (``before`` as journalled)."""
        raise NotImplementedError

    def column_of(self, service_field: str) -> str:
        return self.field_columns.get(service_field, "")

    # --- export ---------------------------------------------------------------------

    def export_queryset(self, user: Reader, params: Mapping[str, Any]) -> QuerySet[Any]:
        raise NotImplementedError

    def export_rows(self, objects: Iterable[Any]) -> Iterator[dict[str, Any]]:
        for obj in objects:
            yield self.values_of(obj)

    def values_of(self, obj: Any) -> dict[str, Any]:
        """The record's values by column key (objects for unit and place columns)."""
        raise NotImplementedError


# --- helpers shared by the kinds -------------------------------------------------------


def canonical(value: Any) -> Any:
    """A comparable form: objects by primary key, numbers normalised, lists sorted."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set):
        return tuple(sorted((canonical(v) for v in value), key=str))
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return Decimal(str(value)).normalize()
    if isinstance(value, dt.datetime):
        return value.date()
    if value == "":
        return None
    return value


def same(row_values: Mapping[str, Any], current: Mapping[str, Any], keys: Iterable[str]) -> bool:
    """Whether the row would change none of ``keys`` of the current record."""
    return all(canonical(row_values.get(k)) == canonical(current.get(k)) for k in keys)


def row_error_from(kind: DataKind, exc: ValidationError) -> RowError:
    """A service's ValidationError as row errors placed in their columns."""
    errors: list[tuple[str, str]] = []
    if hasattr(exc, "error_dict"):
        for name, messages in exc.message_dict.items():
            errors.extend((kind.column_of(name), str(m)) for m in messages)
    else:
        errors.extend(("", str(m)) for m in exc.messages)
    return RowError(errors)


def lookup_unit(context: Context, row: Row, key: str, index_name: str, units: Any) -> Any:
    """The unit the cell ``key`` names, or None after recording the error."""
    text = row.get(key)
    if not text:
        return None
    try:
        return context.unit_index(index_name, units).find(text)
    except CellError as exc:
        row.fail(key, exc.message)
        return None


def lookup_units(context: Context, row: Row, key: str, index_name: str, units: Any) -> list[Any]:
    found = []
    for text in row.get(key) or []:
        try:
            found.append(context.unit_index(index_name, units).find(text))
        except CellError as exc:
            row.fail(key, exc.message)
    return found


def lookup_place(
    context: Context, row: Row, key: str, *, country: str = "", on_date: dt.date | None = None
) -> Any:
    text = row.get(key)
    if not text:
        return None
    try:
        return context.places.find(text, country=country, on_date=on_date)
    except CellError as exc:
        row.fail(key, exc.message)
        return None


def unit_column(key: str, label: Promise | str, *, required: bool = True, help: Any = "") -> Column:
    return Column(key, label, ColumnType.UNIT, required=required, help=help, width=30)
