"""Writes of reported figures: create, change, move through the approval chain,
replace by a new version, load from a cited source, purge synthetic data.

Every write checks the rules a clerk can break (negative value, a date in the
future, a period where an "as of" date belongs, an overlap with a figure already
reported), saves inside one transaction and records an audit event in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huunghi.accounts.models import User
from huunghi.accounts.types import Actor
from huunghi.audit.services import audit_log, snapshot
from huunghi.core.actors import as_user
from huunghi.core.models import Qualifier
from huunghi.core.workflow import transition
from huunghi.figures.models import ReportedFigure, SourceKind
from huunghi.figures.periods import PeriodKind, bounds_match_kind
from huunghi.figures.permissions import ReportedFigurePolicy
from huunghi.figures.selectors import figure_overlapping
from huunghi.geography.models import AdminUnit
from huunghi.organisations.models import Unit
from huunghi.records.indicators import BY_CODE, Nature
from huunghi.records.models import Status

SUPERSEDE_FIELDS = ["superseded_by", "superseded_at"]


class OnOverlap(StrEnum):
    """What to do when the new period overlaps a figure already reported."""

    REFUSE = "refuse"
    REPLACE = "replace"
    KEEP_NESTED = "nested"


@dataclass(frozen=True)
class FigureInput:
    """The fields of a figure a clerk enters (the unit is passed separately)."""

    indicator: str
    value: Decimal
    source_title: str
    qualifier: str = Qualifier.EXACT
    period_kind: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    as_of: dt.date | None = None
    place: AdminUnit | None = None
    note: str = ""
    source_kind: str = SourceKind.OTHER
    source_site: str = ""
    source_section: str = ""
    source_author: str = ""
    source_date: dt.date | None = None
    source_url: str = ""
    shared_with: tuple[Unit, ...] = ()

    def model_fields(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "shared_with"}


class OverlapError(ValidationError):
    """The period overlaps figures already reported; ``conflicts`` lists them."""

    def __init__(self, field_name: str, message: str, conflicts: list[ReportedFigure]) -> None:
        super().__init__({field_name: [message]})
        self.conflicts = conflicts


# Creating and changing ------------------------------------------------------------------


def figure_create(
    *,
    unit: Unit,
    data: FigureInput,
    acting_user: Actor,
    on_overlap: str = OnOverlap.REFUSE,
    is_synthetic: bool = False,
) -> ReportedFigure:
    """Create a draft figure of ``unit``; with ``on_overlap="replace"`` it supersedes the
    figures whose period it overlaps."""
    if not ReportedFigurePolicy.can_create_in(acting_user, unit):
        raise PermissionDenied(_("You may not enter figures for this unit."))
    with transaction.atomic():
        figure = ReportedFigure(
            unit=unit, created_by=as_user(acting_user), is_synthetic=is_synthetic
        )
        return _save_new(figure, data, acting_user, on_overlap, action="reportedfigure.create")


def figure_update(
    *,
    figure: ReportedFigure,
    data: FigureInput,
    acting_user: Actor,
    on_overlap: str = OnOverlap.REFUSE,
) -> ReportedFigure:
    """Change a draft or returned figure; an approved one reopens as a new revision."""
    with transaction.atomic():
        _lock_unit(figure.unit_id)
        figure = ReportedFigure.objects.select_for_update(of=("self",)).get(pk=figure.pk)
        _check_editable(figure, acting_user)
        if figure.status == Status.APPROVED:
            figure = transition(  # type: ignore[assignment]
                obj=figure, action="reopen", acting_user=acting_user, policy=ReportedFigurePolicy
            )
        before = snapshot(figure)
        _apply(figure, data)
        conflicts = _check(figure, on_overlap)
        figure.save()
        figure.shared_with.set(data.shared_with)
        audit_log(
            actor=acting_user,
            action="reportedfigure.update",
            target=figure,
            unit=figure.unit,
            before=before,
            after=snapshot(figure),
        )
        _supersede(conflicts, by=figure, acting_user=acting_user)
    return figure


def _lock_unit(unit_id: int) -> None:
    """Serialise writes of one unit's figures so two overlapping ones cannot both pass."""
    Unit.objects.select_for_update(of=("self",)).filter(pk=unit_id).first()


def _check_editable(figure: ReportedFigure, user: Actor) -> None:
    if figure.is_superseded:
        raise ValidationError(
            {"status": _("This figure was replaced by a newer version; change the newer one.")}
        )
    if not ReportedFigurePolicy.can_edit(user, figure):
        raise PermissionDenied(_("You may not change figures of this unit."))
    if figure.status == Status.SUBMITTED:
        raise ValidationError(
            {"status": _("The figure is waiting for approval; it can be changed once returned.")}
        )


def _save_new(
    figure: ReportedFigure, data: FigureInput, user: Actor | None, on_overlap: str, *, action: str
) -> ReportedFigure:
    _lock_unit(figure.unit_id)
    _apply(figure, data)
    conflicts = _check(figure, on_overlap)
    figure.save()
    figure.shared_with.set(data.shared_with)
    note = _replaces_note(conflicts) if on_overlap == OnOverlap.REPLACE else ""
    audit_log(
        actor=user,
        action=action,
        target=figure,
        unit=figure.unit,
        after=snapshot(figure),
        note=note,
    )
    _supersede(conflicts, by=figure, acting_user=user)
    return figure


def _apply(figure: ReportedFigure, data: FigureInput) -> None:
    for name, value in data.model_fields().items():
        setattr(figure, name, value)
    figure.source_title = figure.source_title.strip()
    nature = _nature(figure.indicator)
    if nature == Nature.STOCK and figure.as_of is not None and not figure.period_start:
        figure.period_kind = PeriodKind.AS_OF
    elif nature == Nature.FLOW and figure.period_kind in ("", PeriodKind.AS_OF):
        figure.period_kind = PeriodKind.RANGE


def _check(figure: ReportedFigure, on_overlap: str) -> list[ReportedFigure]:
    """Validate the figure; the figures it will supersede (``replace``) or ``[]``."""
    errors = _rule_errors(figure)
    if errors:
        raise ValidationError(errors)
    figure.full_clean(exclude=["shared_with"])
    conflicts = figure_overlapping(
        indicator_code=figure.indicator,
        unit=figure.unit,
        period_start=figure.period_start,
        period_end=figure.period_end,
        as_of=figure.as_of,
        exclude_pk=figure.pk,
    )
    if not conflicts:
        return []
    if on_overlap == OnOverlap.REPLACE:
        return conflicts
    if on_overlap == OnOverlap.KEEP_NESTED and _all_nested(figure, conflicts):
        return []
    raise _overlap_error(figure, conflicts, on_overlap)


# Rules a clerk can break ----------------------------------------------------------------


def _nature(code: str) -> Nature | None:
    found = BY_CODE.get(code)
    return found.nature if found else None


def _rule_errors(figure: ReportedFigure) -> dict[str, str]:
    errors: dict[str, str] = {}
    nature = _nature(figure.indicator)
    if nature is None:
        errors["indicator"] = _("Indicator: choose one from the list.")
    if figure.value is not None and figure.value < 0:
        errors["value"] = _("Value: a reported total cannot be negative.")
    today = timezone.localdate()
    if nature == Nature.STOCK:
        errors.update(_stock_errors(figure, today))
    elif nature == Nature.FLOW:
        errors.update(_flow_errors(figure, today))
    if not figure.source_title:
        errors["source_title"] = _(
            "Source title: say which document, meeting or article the figure comes from."
        )
    return errors


def _stock_errors(figure: ReportedFigure, today: dt.date) -> dict[str, str]:
    if figure.period_start or figure.period_end:
        return {
            "period": _(
                "Period: this indicator is a count on a date; give an "
                "“as of” date instead of a period."
            )
        }
    if figure.as_of is None:
        return {
            "as_of": _(
                "As of: this indicator is a count on a date (e.g. pupils "
                "currently sponsored); give the date the value is true on."
            )
        }
    if figure.as_of > today:
        return {
            "as_of": _(
                "As of: the date %(date)s is in the future; a reported count "
                "can only be as of today or earlier."
            )
            % {"date": _day(figure.as_of)}
        }
    return {}


def _flow_errors(figure: ReportedFigure, today: dt.date) -> dict[str, str]:
    if figure.as_of is not None:
        return {
            "as_of": _(
                "As of: this indicator is a total over a period; give the "
                "period instead of an “as of” date."
            )
        }
    start, end = figure.period_start, figure.period_end
    if start is None or end is None:
        return {
            "period": _(
                "Period: this indicator is a total over a period (e.g. people "
                "examined); give the day, month, quarter, year or dates it covers."
            )
        }
    if end < start:
        return {"period": _("Period: the period ends before it starts.")}
    if start > today:
        return {"period": _("Period: the period starts in the future.")}
    if not bounds_match_kind(figure.period_kind, start, end):
        return {
            "period": _("Period: the dates do not form a whole %(kind)s.")
            % {
                "kind": PeriodKind(figure.period_kind).label
                if figure.period_kind in PeriodKind.values
                else figure.period_kind
            }
        }
    return {}


def _number(value: Decimal) -> str:
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def _day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _all_nested(figure: ReportedFigure, conflicts: list[ReportedFigure]) -> bool:
    """Whether every overlap is one period strictly inside the other (a breakdown)."""
    if figure.as_of is not None:
        return False
    start, end = figure.period_start, figure.period_end
    for other in conflicts:
        inside = start >= other.period_start and end <= other.period_end  # type: ignore[operator]
        around = start <= other.period_start and end >= other.period_end  # type: ignore[operator]
        same = (start, end) == (other.period_start, other.period_end)
        if same or not (inside or around):
            return False
    return True


def _overlap_error(
    figure: ReportedFigure, conflicts: list[ReportedFigure], on_overlap: str
) -> OverlapError:
    listed = "; ".join(
        _("no. %(id)s (%(period)s, %(value)s)")
        % {"id": c.pk, "period": c.period_label, "value": _number(c.value)}
        for c in conflicts
    )
    field_name = "as_of" if figure.as_of is not None else "period"
    if on_overlap == OnOverlap.KEEP_NESTED:
        message = _(
            "%(field)s: the period overlaps figure %(list)s without lying inside it "
            "or around it; only a breakdown of a longer period can be kept beside it."
        )
    else:
        message = _(
            "%(field)s: this unit already reported this indicator for an overlapping "
            "period: figure %(list)s. Correct that figure, or choose “replace as a new "
            "version”."
        )
    label = _("As of") if field_name == "as_of" else _("Period")
    return OverlapError(field_name, message % {"field": label, "list": listed}, conflicts)


def _replaces_note(conflicts: list[ReportedFigure]) -> str:
    return _("Replaces figure %(ids)s.") % {"ids": ", ".join(f"no. {c.pk}" for c in conflicts)}


def _supersede(
    conflicts: list[ReportedFigure], *, by: ReportedFigure, acting_user: Actor | None
) -> None:
    """Keep the replaced figures as history, marked superseded, each audited."""
    now = timezone.now()
    for old in conflicts:
        before = snapshot(old, SUPERSEDE_FIELDS)
        old.superseded_by, old.superseded_at = by, now
        old.save(update_fields=[*SUPERSEDE_FIELDS, "updated_at"])
        audit_log(
            actor=acting_user,
            action="reportedfigure.supersede",
            target=old,
            unit=old.unit,
            before=before,
            after=snapshot(old, SUPERSEDE_FIELDS),
            note=_("Replaced by figure no. %(id)s.") % {"id": by.pk},
        )


# The approval chain ---------------------------------------------------------------------


def figure_transition(
    *, figure: ReportedFigure, action: str, acting_user: Actor, reason: str = ""
) -> ReportedFigure:
    """Submit, approve, return (with a reason) or reopen a figure, as for records."""
    if figure.is_superseded:
        raise ValidationError(
            {"status": _("This figure was replaced by a newer version and is kept as history.")}
        )
    return transition(  # type: ignore[return-value]
        obj=figure,
        action=action,
        acting_user=acting_user,
        policy=ReportedFigurePolicy,
        reason=reason,
    )


# Loading cited figures and purging synthetic ones ---------------------------------------


def figure_import(
    *,
    unit: Unit,
    data: FigureInput,
    import_key: str,
    on_overlap: str = OnOverlap.REFUSE,
    acting_user: User | None = None,
) -> tuple[ReportedFigure, bool]:
    """Load a figure published by a cited source, approved; ``(figure, created)``.

    Idempotent: a figure with the same ``import_key`` keeps its value and status; only
    its attribution (reporting unit, citation, note) follows the loader when that was
    corrected, audited (see :func:`_recite`).
    """
    existing = ReportedFigure.objects.filter(import_key=import_key).first()
    if existing is not None:
        return _recite(existing, unit=unit, data=data, acting_user=acting_user), False
    with transaction.atomic():
        figure = ReportedFigure(
            unit=unit,
            created_by=acting_user,
            import_key=import_key,
            status=Status.APPROVED,
            approved_at=timezone.now(),
        )
        figure = _save_new(figure, data, acting_user, on_overlap, action="reportedfigure.import")
    return figure, True


RECITED_FIELDS = (
    "note",
    "source_kind",
    "source_title",
    "source_site",
    "source_section",
    "source_author",
    "source_date",
    "source_url",
)


def _recite(
    figure: ReportedFigure, *, unit: Unit, data: FigureInput, acting_user: Actor | None
) -> ReportedFigure:
    """A loaded figure whose reporting unit or citation was corrected in the loader takes
    the correction, with an audit event; an unchanged one is left untouched."""
    wanted = {name: getattr(data, name) for name in RECITED_FIELDS}
    changed = figure.unit_id != unit.pk or any(
        getattr(figure, name) != value for name, value in wanted.items()
    )
    if not changed or figure.is_superseded:
        return figure
    with transaction.atomic():
        figure = ReportedFigure.objects.select_for_update(of=("self",)).get(pk=figure.pk)
        before = snapshot(figure)
        figure.unit = unit
        for name, value in wanted.items():
            setattr(figure, name, value)
        figure.full_clean()
        figure.save()
        audit_log(
            actor=acting_user,
            action="reportedfigure.recite",
            target=figure,
            unit=unit,
            before=before,
            after=snapshot(figure),
            note=_("Reporting unit or source corrected by the loader of cited figures."),
        )
    return figure


def figures_purge_synthetic() -> int:
    """Delete every synthetic figure; real figures they had replaced count again."""
    with transaction.atomic():
        synthetic = ReportedFigure.objects.filter(is_synthetic=True)
        ReportedFigure.objects.filter(superseded_by__in=synthetic).update(
            superseded_by=None, superseded_at=None
        )
        count = synthetic.count()
        synthetic.delete()
    return count
