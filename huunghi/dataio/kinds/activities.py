"""Cooperation activities: one template per kind of activity, and one for all kinds.

A row becomes a call of :func:`~huunghi.records.services.activities.activity_create`
(a draft, source "imported") or of ``activity_update``; audit rows and the report
summaries follow from the service. A row is found again by its key, stored in
``Activity.import_key``: a hash of the kind, the unit and the row key written in the
file, or — without a row key — of the kind, unit, start date, title and place. An
exported row carries ``ID-<number>`` as its row key, so an exported file imports back
onto the same records.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huunghi.core.models import Qualifier
from huunghi.dataio.columns import Column
from huunghi.dataio.kinds.activity_columns import (
    TAIL,
    common_head,
    detail_column,
    detail_key,
    qualifier_key,
    quantity_columns,
    quantity_key,
)
from huunghi.dataio.kinds.base import (
    Action,
    Context,
    DataKind,
    Row,
    RowError,
    lookup_place,
    lookup_unit,
    lookup_units,
    row_error_from,
    same,
)
from huunghi.dataio.services.activity_batch import (
    activities_import_create,
    activities_import_lock,
)
from huunghi.geography.text import fold
from huunghi.organisations.selectors import counterpart_unit_choices
from huunghi.records import selectors
from huunghi.records.forms.filters import ActivityFilterForm
from huunghi.records.kinds import REGISTRY, DetailField, KindSpec, form_field
from huunghi.records.models import Activity, ActivityKind, SourceType
from huunghi.records.permissions import ActivityPolicy
from huunghi.records.services import activities as services

if TYPE_CHECKING:
    from huunghi.accounts.models import User
    from huunghi.accounts.types import Reader

ID_KEY = re.compile(r"^ID-(\d+)$", re.IGNORECASE)
SIMPLE = (
    "title",
    "start_date",
    "end_date",
    "place_text",
    "description",
    "notes",
    "source_title",
    "source_url",
)


class ActivityData(DataKind):
    """Activities of one kind (``kind``) or of every kind (``kind=""``)."""

    field_columns = {
        "unit": "unit",
        "title": "title",
        "start_date": "start_date",
        "end_date": "end_date",
        "place": "place",
        "place_text": "place_text",
        "counterparts": "counterparts",
        "description": "description",
        "notes": "notes",
        "source_url": "source_url",
        "source_title": "source_title",
        "kind": "kind",
    }

    def __init__(self, kind: str = "") -> None:
        self.kind = kind
        self.code = f"activities:{kind}" if kind else "activities"
        self.label = (
            format_lazy("{}: {}", gettext_lazy("Activities"), ActivityKind(kind).label)
            if kind
            else gettext_lazy("Activities (all kinds)")
        )

    # --- columns --------------------------------------------------------------------

    def specs(self) -> list[KindSpec]:
        return [REGISTRY[self.kind]] if self.kind else list(REGISTRY.values())

    def columns(self) -> list[Column]:
        specs = self.specs()
        measures = list(dict.fromkeys(q.measure for s in specs for q in s.measures))
        details: dict[str, DetailField] = {}
        for spec in specs:
            for detail in spec.fields:
                details.setdefault(detail.key, detail)
        kinds = tuple(s.kind for s in specs)
        return [
            *common_head(kinds),
            *quantity_columns(measures),
            *(detail_column(d) for d in details.values()),
            *TAIL,
        ]

    def example(self) -> dict[str, Any]:
        spec = self.specs()[0]
        example: dict[str, Any] = {
            "row_key": "TN-2024-001",
            "kind": ActivityKind(spec.kind).label,
            "unit": _("Đồn Biên phòng Cửa khẩu Xa Mát"),
            "title": ActivityKind(spec.kind).label,
            "start_date": "15/03/2024",
            "end_date": "15/03/2024",
            "place": "Tân Biên, Tây Ninh",
            "counterparts": _("Đồn Cảnh sát biên giới Bavet"),
            "shared": _("yes"),
        }
        for quantity in spec.measures[:2]:
            example[quantity_key(quantity.measure)] = 100
            example[qualifier_key(quantity.measure)] = Qualifier(quantity.qualifier).label
        for detail in spec.fields:
            if detail.choices:
                example[detail_key(detail.key)] = detail.choices[0][1]
        return example

    # --- import ---------------------------------------------------------------------

    def describe(self, row: Row) -> str:
        parts = [row.get("title") or "", _day(row.get("start_date")), row.get("unit") or ""]
        return " · ".join(str(p) for p in parts if p)

    def import_row(self, context: Context, row: Row) -> tuple[Action, Any]:
        kind = self._row_kind(row)
        spec = REGISTRY[kind] if kind else None
        unit = lookup_unit(context, row, "unit", "editable", _editable_units(context.user))
        fields = self._fields(context, row, spec, unit)
        row.check()
        existing = self._existing(context, row, kind, unit, fields)
        if existing is None:
            return Action.CREATE, self._create(context, row, kind, unit, fields)
        return self._update(context, row, existing, fields)

    def _row_kind(self, row: Row) -> str:
        kind = row.get("kind") or self.kind
        if self.kind and kind != self.kind:
            row.fail(
                "kind",
                _("This template is for “%(kind)s” only.")
                % {"kind": ActivityKind(self.kind).label},
            )
        if not kind:
            row.fail("kind", _("This column must be filled in."))
        return kind

    def _fields(self, context: Context, row: Row, spec: KindSpec | None, unit: Any) -> dict:
        fields: dict[str, Any] = {k: row.get(k) for k in SIMPLE if row.has(k)}
        if unit is not None:
            fields["unit"] = unit
        if row.has("place"):
            fields["place"] = lookup_place(context, row, "place", on_date=row.get("start_date"))
        if row.has("counterparts"):
            fields["counterparts"] = self._counterparts(context, row)
        if spec is not None:
            fields["details"] = _details(row, spec)
            fields["quantities"] = _quantities(row, spec)
        return fields

    def _counterparts(self, context: Context, row: Row) -> list[services.CounterpartIn]:
        units = lookup_units(context, row, "counterparts", "directory", _directory())
        shared = bool(row.get("shared"))
        return [services.CounterpartIn(unit=u, shared=shared) for u in units]

    def _existing(
        self, context: Context, row: Row, kind: str, unit: Any, fields: dict[str, Any]
    ) -> Activity | None:
        text = str(row.get("row_key") or "")
        if match := ID_KEY.match(text):
            found = _visible(context, pk=int(match[1]))
            if found is None:
                raise RowError(
                    [("row_key", _("No record %(key)s that you may see.") % {"key": text})]
                )
            return found
        key = import_key(kind, unit, text, fields)
        fields["import_key"] = key
        _check_repeat(context, row, key)
        found = _visible(context, import_key=key)
        # About to create it: look again holding the unit, so that another import of the
        # same row cannot create it too (locked only here: a lock taken after this
        # transaction's earlier rows wrote summary rows could deadlock with that import).
        if found is None and activities_import_lock(unit_ids=[unit.pk]):
            found = _visible(context, import_key=key)
        return found

    def _create(
        self, context: Context, row: Row, kind: str, unit: Any, fields: dict[str, Any]
    ) -> Activity:
        try:
            created = services.activity_create(**_create_arguments(context, kind, unit, fields))
        except ValidationError as exc:
            raise row_error_from(self, exc) from None
        context.journal.append(("create", created.pk, None))
        return created

    def _update(
        self, context: Context, row: Row, activity: Activity, fields: dict[str, Any]
    ) -> tuple[Action, Activity]:
        values = _service_fields(fields)
        values.pop("import_key", None)
        merged = _merged(activity, values)
        if same(merged, _current(activity), merged.keys()):
            return Action.UNCHANGED, activity
        if not ActivityPolicy.can_edit(context.user, activity):
            raise RowError([("", _("You may not change this record."))])
        before = {name: value for name, value in _current(activity).items() if name in merged}
        try:
            updated = services.activity_update(
                activity=activity, acting_user=context.user, **merged
            )
        except ValidationError as exc:
            raise row_error_from(self, exc) from None
        context.journal.append(("update", updated.pk, before))
        return Action.UPDATE, updated

    # --- batches --------------------------------------------------------------------

    supports_batch = True

    def plan_rows(self, context: Context, rows: list[Row]) -> list[Any]:
        """Check each row as :meth:`import_row` would, looking up the batch's existing
        records in one query; a new record is checked in full by the records service
        (``activity_prepare_create``: the policy, the places, the model's own checks)."""
        staged: list[Any] = [self._staged(context, row) for row in rows]
        keys = [item[2]["import_key"] for item in staged if isinstance(item, tuple)]
        found = _visible_keys(context, keys)
        planned: list[Any] = []
        for item in staged:
            if not isinstance(item, tuple):
                planned.append(item)
            elif item[2]["import_key"] in found:
                planned.append(None)
            else:
                planned.append(self._prepared(context, *item))
        return planned

    def _staged(self, context: Context, row: Row) -> Any:
        """``(kind, unit, fields)`` of a row that may be new, None for an exported row
        (``ID-…``: it goes through :meth:`import_row`), or the error refusing it."""
        try:
            kind = self._row_kind(row)
            spec = REGISTRY[kind] if kind else None
            unit = lookup_unit(context, row, "unit", "editable", _editable_units(context.user))
            fields = self._fields(context, row, spec, unit)
            row.check()
            text = str(row.get("row_key") or "")
            if ID_KEY.match(text):
                return None
            fields["import_key"] = import_key(kind, unit, text, fields)
            _check_repeat(context, row, fields["import_key"])
        except (RowError, ValidationError, PermissionDenied) as exc:
            return exc
        return kind, unit, fields

    def _prepared(self, context: Context, kind: str, unit: Any, fields: dict[str, Any]) -> Any:
        try:
            return services.activity_prepare_create(
                **_create_arguments(context, kind, unit, fields)
            )
        except ValidationError as exc:
            return row_error_from(self, exc)
        except PermissionDenied as exc:
            return exc

    def claim_planned(self, context: Context, planned: list[Any]) -> set[int]:
        """Lock the units of the batch's new records (a key names a record of one unit)
        and look their keys up again (one query): those found were stored since the
        plan, by another import of the same rows."""
        new = {i: p for i, p in enumerate(planned) if isinstance(p, services.Prepared)}
        if not new:
            return set()
        activities_import_lock(unit_ids=[p.activity.unit_id for p in new.values()])
        found = _visible_keys(context, [p.activity.import_key for p in new.values()])
        return {i for i, p in new.items() if p.activity.import_key in found}

    def write_planned(self, context: Context, planned: list[Any]) -> None:
        created = activities_import_create(prepared=planned, acting_user=context.user)
        context.journal.extend(("create", activity.pk, None) for activity in created)

    # --- undo -----------------------------------------------------------------------

    supports_undo = True

    def undo_create(self, object_id: int, user: User) -> None:
        from huunghi.dataio.services.undo import imported_activity_remove

        imported_activity_remove(activity_id=object_id, acting_user=user)

    def undo_creates(self, object_ids: list[int], user: User) -> None:
        from huunghi.dataio.services.undo import imported_activities_remove

        imported_activities_remove(activity_ids=object_ids, acting_user=user)

    def undo_update(self, object_id: int, before: Any, user: User) -> None:
        activity = _visible(Context(user=user), pk=object_id)
        if activity is not None:
            services.activity_update(activity=activity, acting_user=user, **before)

    # --- export ---------------------------------------------------------------------

    def export_queryset(self, user: Reader, params: Mapping[str, Any]) -> QuerySet[Activity]:
        filters = ActivityFilterForm(dict(params), user=user).filters()
        if self.kind:
            filters = replace(filters, kind=self.kind)
        return (
            selectors.activity_list(user=user, filters=filters)
            .prefetch_related(
                "quantities", Prefetch("participations", to_attr="export_participations")
            )
            .select_related("place__province", "unit__country")
        )

    def values_of(self, obj: Activity) -> dict[str, Any]:
        values: dict[str, Any] = {
            "row_key": f"ID-{obj.pk}",
            "kind": obj.kind,
            "unit": obj.unit,
            "place": obj.place,
            "status": obj.status,
            **{name: getattr(obj, name) for name in SIMPLE},
        }
        participations = getattr(obj, "export_participations", None)
        if participations is None:
            participations = list(obj.participations.select_related("unit"))
        values["counterparts"] = [p.unit for p in participations]
        values["shared"] = any(p.shared for p in participations) if participations else None
        for quantity in obj.quantities.all():
            values[quantity_key(quantity.measure)] = quantity.value
            values[qualifier_key(quantity.measure)] = quantity.qualifier
        for key, value in (obj.details or {}).items():
            values[detail_key(key)] = value
        return values


# --- rows to service arguments ---------------------------------------------------------


def _visible(context: Context, **lookup: Any) -> Activity | None:
    """The record the caller may read matching ``lookup`` (a cheap id query first)."""
    visible = selectors.activity_list(user=context.user).filter(**lookup).order_by()
    ids = list(visible.values_list("pk", flat=True)[:1])
    return selectors.activity_get(user=context.user, pk=ids[0]) if ids else None


def _visible_keys(context: Context, keys: list[str]) -> set[str]:
    """Which of ``keys`` name records the user may read (one query)."""
    if not keys:
        return set()
    visible = selectors.activity_list(user=context.user).filter(import_key__in=keys)
    return set(visible.order_by().values_list("import_key", flat=True))


def _day(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else ""


def _editable_units(user: Reader) -> QuerySet[Any]:
    return selectors.editable_units(user=user).prefetch_related(
        Prefetch("versions", to_attr="prefetched_versions")
    )


def _directory() -> QuerySet[Any]:
    return counterpart_unit_choices().prefetch_related(
        Prefetch("versions", to_attr="prefetched_versions")
    )


def _details(row: Row, spec: KindSpec) -> dict[str, Any] | None:
    """The detail cells of the row, each checked by the kind's own field."""
    given = {k[2:]: v for k, v in row.values.items() if k.startswith("d.")}
    if not given:
        return None
    details: dict[str, Any] = {}
    for key, value in given.items():
        detail = spec.detail(key)
        if detail is None:
            if value not in (None, "", []):
                row.fail(detail_key(key), _("Not recorded for this kind of activity."))
            continue
        try:
            cleaned = form_field(detail).clean(value)
        except ValidationError as exc:
            row.fail(detail_key(key), " ".join(exc.messages))
            continue
        if cleaned not in (None, "", [], ()):
            details[key] = cleaned.isoformat() if hasattr(cleaned, "isoformat") else cleaned
    return details


def _quantities(row: Row, spec: KindSpec) -> list[services.QuantityIn] | None:
    measures = {k.split(".")[1] for k in row.values if k.startswith("q.")}
    if not measures:
        return None
    offered = {q.measure: q.qualifier for q in spec.measures}
    quantities = []
    for measure in sorted(measures):
        value = row.get(quantity_key(measure))
        if value is None:
            continue
        if measure not in offered:
            row.fail(quantity_key(measure), _("Not recorded for this kind of activity."))
            continue
        qualifier = row.get(qualifier_key(measure)) or offered[measure]
        quantities.append(services.QuantityIn(measure, value, qualifier))
    return quantities


def _create_arguments(
    context: Context, kind: str, unit: Any, fields: dict[str, Any]
) -> dict[str, Any]:
    """The records service's arguments for an imported row (created or prepared alike)."""
    values = _service_fields(fields)
    for name in ("title", "start_date", "unit"):
        values.pop(name, None)
    return {
        "acting_user": context.user,
        "kind": kind,
        "unit": unit,
        "title": fields["title"],
        "start_date": fields["start_date"],
        "source_type": SourceType.IMPORTED,
        **values,
    }


def _service_fields(fields: dict[str, Any]) -> dict[str, Any]:
    values = dict(fields)
    for name in ("details", "quantities"):
        if values.get(name) is None:
            values.pop(name, None)
    for name in ("place_text", "description", "notes", "source_title", "source_url"):
        if name in values and values[name] is None:
            values[name] = ""
    return values


def _merged(activity: Activity, values: dict[str, Any]) -> dict[str, Any]:
    """Given details and quantities added to the record's others (absent columns keep)."""
    merged = dict(values)
    if "details" in merged:
        merged["details"] = {**(activity.details or {}), **merged["details"]}
    if "quantities" in merged:
        given = {q.measure for q in merged["quantities"]}
        kept = [
            services.QuantityIn(q.measure, q.value, q.qualifier, q.note)
            for q in activity.quantities.all()
            if q.measure not in given
        ]
        merged["quantities"] = [*merged["quantities"], *kept]
    if "counterparts" in merged:
        roles = {p.unit_id: p.role for p in activity.participations.all()}
        merged["counterparts"] = [
            replace(c, role=roles.get(c.unit.pk, c.role)) for c in merged["counterparts"]
        ]
    return merged


def _current(activity: Activity) -> dict[str, Any]:
    """The record in the form of :func:`_merged`'s output, for "nothing changed"."""
    return {
        **{name: getattr(activity, name) for name in SIMPLE},
        "unit": activity.unit,
        "place": activity.place,
        "import_key": activity.import_key,
        "details": activity.details or {},
        "quantities": [
            services.QuantityIn(q.measure, q.value, q.qualifier, q.note)
            for q in activity.quantities.all()
        ],
        "counterparts": [
            services.CounterpartIn(p.unit, p.role, p.shared)
            for p in activity.participations.select_related("unit")
        ],
    }


def import_key(kind: str, unit: Any, row_key: str, fields: Mapping[str, Any]) -> str:
    """The stable key of a row: its row key, or its natural key (kind, unit, date, title,
    place)."""
    if row_key:
        parts = ["key", kind, str(unit.pk), row_key.strip().casefold()]
    else:
        place = fields.get("place")
        parts = [
            "natural",
            kind,
            str(unit.pk),
            str(fields.get("start_date") or ""),
            fold(str(fields.get("title") or "")),
            str(getattr(place, "pk", "") or ""),
        ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _check_repeat(context: Context, row: Row, key: str) -> None:
    first = context.seen_keys.setdefault(key, row.number)
    if first != row.number:
        raise RowError([("row_key", _("The same record as row %(row)s.") % {"row": first})])
