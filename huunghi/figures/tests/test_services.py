"""Writing figures: the rules a clerk can break, overlaps, versions and the approval chain."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from huunghi.accounts.models import Role
from huunghi.audit.models import AuditEvent
from huunghi.figures.models import ReportedFigure
from huunghi.figures.periods import PeriodKind
from huunghi.figures.services import (
    OnOverlap,
    OverlapError,
    figure_create,
    figure_transition,
    figure_update,
    figures_purge_synthetic,
)
from huunghi.records.models import Status

from .conftest import flow_input, stock_input

D = dt.date


def _unchanged(before_figures: int, before_events: int) -> bool:
    return (ReportedFigure.objects.count(), AuditEvent.objects.count()) == (
        before_figures,
        before_events,
    )


def _refused(unit, user, data, field, **kwargs):
    """Creating must fail on ``field`` and leave the database and the audit trail as they were."""
    counts = ReportedFigure.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as info:
        figure_create(unit=unit, data=data, acting_user=user, **kwargs)
    assert field in info.value.message_dict, info.value.message_dict
    assert _unchanged(*counts)
    return info.value


def test_clerk_creates_a_draft_with_an_audit_row(world, clerk_xa_mat):
    """A clerk of the post enters a figure: a draft, created_by set, one audit event."""
    figure = figure_create(unit=world.post_xa_mat, data=flow_input(), acting_user=clerk_xa_mat)
    assert figure.status == Status.DRAFT
    assert figure.created_by == clerk_xa_mat
    assert (figure.period_start, figure.period_end) == (D(2022, 5, 1), D(2022, 5, 31))
    event = AuditEvent.objects.get(target_type="figures.reportedfigure", target_id=str(figure.pk))
    assert event.action == "reportedfigure.create"
    assert event.unit == world.post_xa_mat


def test_negative_value_is_refused(world, clerk_xa_mat):
    error = _refused(world.post_xa_mat, clerk_xa_mat, flow_input(-5), "value")
    assert "negative" in error.message_dict["value"][0]


def test_as_of_in_the_future_is_refused(world, clerk_xa_mat):
    future = timezone.localdate() + dt.timedelta(days=1)
    error = _refused(world.post_xa_mat, clerk_xa_mat, stock_input(as_of=future), "as_of")
    assert "future" in error.message_dict["as_of"][0]


def test_flow_without_period_is_refused(world, clerk_xa_mat):
    data = flow_input(period_start=None, period_end=None, period_kind="")
    error = _refused(world.post_xa_mat, clerk_xa_mat, data, "period")
    assert "period" in error.message_dict["period"][0]


def test_flow_with_as_of_is_refused(world, clerk_xa_mat):
    data = flow_input(period_start=None, period_end=None, as_of=D(2022, 5, 1))
    _refused(world.post_xa_mat, clerk_xa_mat, data, "as_of")


def test_stock_without_as_of_is_refused(world, clerk_xa_mat):
    error = _refused(world.post_xa_mat, clerk_xa_mat, stock_input(as_of=None), "as_of")
    assert "date" in error.message_dict["as_of"][0]


def test_stock_with_period_is_refused(world, clerk_xa_mat):
    data = stock_input(
        as_of=None,
        period_kind=PeriodKind.YEAR,
        period_start=D(2022, 1, 1),
        period_end=D(2022, 12, 31),
    )
    _refused(world.post_xa_mat, clerk_xa_mat, data, "period")


def test_period_ending_before_it_starts_is_refused(world, clerk_xa_mat):
    data = flow_input(start=D(2022, 5, 20), end=D(2022, 5, 11), kind=PeriodKind.RANGE)
    _refused(world.post_xa_mat, clerk_xa_mat, data, "period")


def test_period_starting_in_the_future_is_refused(world, clerk_xa_mat):
    start = timezone.localdate() + dt.timedelta(days=3)
    data = flow_input(start=start, end=start, kind=PeriodKind.DAY)
    _refused(world.post_xa_mat, clerk_xa_mat, data, "period")


def test_month_that_is_not_a_whole_month_is_refused(world, clerk_xa_mat):
    data = flow_input(start=D(2022, 5, 2), end=D(2022, 5, 31), kind=PeriodKind.MONTH)
    _refused(world.post_xa_mat, clerk_xa_mat, data, "period")


def test_unknown_indicator_and_missing_source_are_refused(world, clerk_xa_mat):
    error = _refused(
        world.post_xa_mat,
        clerk_xa_mat,
        flow_input(indicator="nope", source_title=" "),
        "indicator",
    )
    assert "source_title" in error.message_dict


def test_overlapping_period_is_refused_naming_the_existing_figure(world, clerk_xa_mat):
    """A second figure for an overlapping period of the same indicator and unit is refused;
    the message and the error name the existing figure."""
    first = figure_create(unit=world.post_xa_mat, data=flow_input(), acting_user=clerk_xa_mat)
    data = flow_input(50, D(2022, 5, 15), D(2022, 6, 15), kind=PeriodKind.RANGE)
    error = _refused(world.post_xa_mat, clerk_xa_mat, data, "period")
    assert isinstance(error, OverlapError)
    assert error.conflicts == [first]
    assert f"no. {first.pk}" in error.message_dict["period"][0]


def test_same_as_of_date_is_an_overlap_for_a_stock(world, clerk_xa_mat):
    figure_create(unit=world.post_xa_mat, data=stock_input(), acting_user=clerk_xa_mat)
    _refused(world.post_xa_mat, clerk_xa_mat, stock_input(640), "as_of")
    other_day = figure_create(
        unit=world.post_xa_mat, data=stock_input(640, D(2022, 8, 1)), acting_user=clerk_xa_mat
    )
    assert other_day.pk


def test_no_overlap_across_units_or_indicators(world, clerk_xa_mat):
    """The rule is per indicator and unit."""
    clerk_tn = world.user(Role.CLERK, world.bdbp_tay_ninh)
    figure_create(unit=world.post_xa_mat, data=flow_input(), acting_user=clerk_xa_mat)
    figure_create(unit=world.bdbp_tay_ninh, data=flow_input(), acting_user=clerk_tn)
    figure_create(
        unit=world.post_xa_mat,
        data=flow_input(indicator="medicine_doses"),
        acting_user=clerk_xa_mat,
    )
    assert ReportedFigure.objects.count() == 3


def test_replace_as_a_new_version_supersedes_and_audits(world, clerk_xa_mat):
    """ "Replace as a new version": the old figure is kept, marked superseded, audited."""
    old = figure_create(unit=world.post_xa_mat, data=flow_input(100), acting_user=clerk_xa_mat)
    new = figure_create(
        unit=world.post_xa_mat,
        data=flow_input(120),
        acting_user=clerk_xa_mat,
        on_overlap=OnOverlap.REPLACE,
    )
    old.refresh_from_db()
    assert old.superseded_by == new and old.superseded_at is not None
    assert list(new.supersedes.all()) == [old]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"reportedfigure.create", "reportedfigure.supersede"} <= actions
    with pytest.raises(ValidationError):
        figure_update(figure=old, data=flow_input(99), acting_user=clerk_xa_mat)
    with pytest.raises(ValidationError):
        figure_transition(figure=old, action="submit", acting_user=clerk_xa_mat)


def test_superseded_figures_no_longer_overlap(world, clerk_xa_mat):
    figure_create(unit=world.post_xa_mat, data=flow_input(100), acting_user=clerk_xa_mat)
    figure_create(
        unit=world.post_xa_mat,
        data=flow_input(120),
        acting_user=clerk_xa_mat,
        on_overlap=OnOverlap.REPLACE,
    )
    with pytest.raises(OverlapError) as info:
        figure_create(unit=world.post_xa_mat, data=flow_input(130), acting_user=clerk_xa_mat)
    assert [c.value for c in info.value.conflicts] == [Decimal(120)]


def test_breakdown_inside_a_longer_period_may_be_kept(world, clerk_xa_mat):
    """ "Keep both" is accepted only for a period strictly inside (or around) the other."""
    year = flow_input(1000, D(2022, 1, 1), D(2022, 12, 31), kind=PeriodKind.YEAR)
    figure_create(unit=world.post_xa_mat, data=year, acting_user=clerk_xa_mat)
    figure_create(
        unit=world.post_xa_mat,
        data=flow_input(80),
        acting_user=clerk_xa_mat,
        on_overlap=OnOverlap.KEEP_NESTED,
    )
    straddling = flow_input(5, D(2022, 12, 1), D(2023, 1, 31), kind=PeriodKind.RANGE)
    _refused(
        world.post_xa_mat, clerk_xa_mat, straddling, "period", on_overlap=OnOverlap.KEEP_NESTED
    )


def test_viewer_cannot_create(world):
    viewer = world.user(Role.VIEWER, world.national)
    with pytest.raises(PermissionDenied):
        figure_create(unit=world.post_xa_mat, data=flow_input(), acting_user=viewer)
    assert not ReportedFigure.objects.exists()


def test_clerk_of_another_province_cannot_create(world):
    clerk_dn = world.user(Role.CLERK, world.bdbp_dong_nai)
    with pytest.raises(PermissionDenied):
        figure_create(unit=world.post_xa_mat, data=flow_input(), acting_user=clerk_dn)


def test_approval_chain(world, clerk_xa_mat, approver_tay_ninh):
    """Clerk submits, the provincial approver approves; a change reopens a new revision."""
    figure = figure_create(unit=world.post_xa_mat, data=flow_input(), acting_user=clerk_xa_mat)
    figure = figure_transition(figure=figure, action="submit", acting_user=clerk_xa_mat)
    with pytest.raises(PermissionDenied):
        figure_transition(figure=figure, action="approve", acting_user=clerk_xa_mat)
    with pytest.raises(ValidationError):
        figure_update(figure=figure, data=flow_input(7), acting_user=clerk_xa_mat)
    figure = figure_transition(figure=figure, action="approve", acting_user=approver_tay_ninh)
    assert figure.status == Status.APPROVED and figure.approved_by == approver_tay_ninh
    changed = figure_update(figure=figure, data=flow_input(110), acting_user=clerk_xa_mat)
    assert (changed.status, changed.revision, changed.value) == (Status.DRAFT, 2, Decimal(110))
    actions = list(
        AuditEvent.objects.filter(target_type="figures.reportedfigure", target_id=str(figure.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "reportedfigure.create",
        "reportedfigure.submit",
        "reportedfigure.approve",
        "reportedfigure.reopen",
        "reportedfigure.update",
    ]


def test_return_needs_a_reason(world, clerk_xa_mat, approver_tay_ninh):
    figure = figure_create(unit=world.post_xa_mat, data=flow_input(), acting_user=clerk_xa_mat)
    figure = figure_transition(figure=figure, action="submit", acting_user=clerk_xa_mat)
    with pytest.raises(ValidationError):
        figure_transition(figure=figure, action="return", acting_user=approver_tay_ninh)
    figure = figure_transition(
        figure=figure, action="return", acting_user=approver_tay_ninh, reason="Thiếu nguồn"
    )
    assert figure.status == Status.RETURNED and figure.return_reason == "Thiếu nguồn"


def test_update_keeps_overlap_rule_but_not_against_itself(world, clerk_xa_mat):
    figure = figure_create(unit=world.post_xa_mat, data=flow_input(), acting_user=clerk_xa_mat)
    figure_create(
        unit=world.post_xa_mat,
        data=flow_input(5, D(2022, 6, 1), D(2022, 6, 30)),
        acting_user=clerk_xa_mat,
    )
    figure_update(figure=figure, data=flow_input(101), acting_user=clerk_xa_mat)
    counts = ReportedFigure.objects.count(), AuditEvent.objects.count()
    with pytest.raises(OverlapError):
        figure_update(
            figure=figure,
            data=flow_input(1, D(2022, 5, 1), D(2022, 6, 30), kind="range"),
            acting_user=clerk_xa_mat,
        )
    assert _unchanged(*counts)
    figure.refresh_from_db()
    assert figure.value == Decimal(101)


def test_purge_synthetic_restores_what_they_replaced(world, clerk_xa_mat):
    real = figure_create(unit=world.post_xa_mat, data=flow_input(100), acting_user=clerk_xa_mat)
    fake = figure_create(
        unit=world.post_xa_mat,
        data=flow_input(5),
        acting_user=clerk_xa_mat,
        on_overlap=OnOverlap.REPLACE,
        is_synthetic=True,
    )
    figure_create(
        unit=world.post_xa_mat,
        data=flow_input(6, D(2022, 7, 1), D(2022, 7, 31)),
        acting_user=clerk_xa_mat,
        is_synthetic=True,
    )
    assert figures_purge_synthetic() == 2
    real.refresh_from_db()
    assert not real.is_superseded
    assert list(ReportedFigure.objects.all()) == [real]
    assert not ReportedFigure.objects.filter(pk=fake.pk).exists()


def test_one_purge_command_removes_synthetic_figures_too(world, clerk_xa_mat):
    """``purge_synthetic`` (reports) removes synthetic figures and keeps real ones."""
    from django.core.management import call_command

    real = figure_create(unit=world.post_xa_mat, data=flow_input(100), acting_user=clerk_xa_mat)
    figure_create(
        unit=world.post_xa_mat,
        data=flow_input(6, D(2022, 7, 1), D(2022, 7, 31)),
        acting_user=clerk_xa_mat,
        is_synthetic=True,
    )
    call_command("purge_synthetic", verbosity=0)
    assert list(ReportedFigure.objects.all()) == [real]
