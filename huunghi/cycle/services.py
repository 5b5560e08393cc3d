"""Every write of the reporting cycle: obligations, sending, acknowledging, returning,
copies to counterparts. Keyword-only, policy checked here, one transaction with the
audit row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huunghi.accounts.types import Actor
from huunghi.audit.services import audit_log, snapshot
from huunghi.cycle import issuing
from huunghi.cycle.models import (
    RECEIVED_STATUSES,
    CounterpartCopy,
    Obligation,
    Submission,
    SubmissionStatus,
)
from huunghi.cycle.permissions import ObligationPolicy, SubmissionPolicy
from huunghi.cycle.schedule import due_date, period_starting
from huunghi.cycle.tallies import tally_change
from huunghi.organisations.models import Unit
from huunghi.reports.periods import Period

OBLIGATION_FIELDS = (
    "applies_to_kind",
    "programme",
    "frequency",
    "due_day",
    "due_months_after",
    "remind_days_before",
    "active_from",
    "is_active",
)


def obligation_create(
    *, unit: Unit, data: dict[str, Any], acting_user: Actor, is_synthetic: bool = False
) -> Obligation:
    """A new obligation for ``unit``'s subtree (unit administrators of the unit or above)."""
    if not ObligationPolicy.can_set_in(acting_user, unit):
        raise PermissionDenied(_("You may not set reporting obligations for this unit."))
    obligation = Obligation(  # type: ignore[misc]  # created_by: the policy refused all but a User
        unit=unit,
        created_by=acting_user,
        is_synthetic=is_synthetic,
        **{k: v for k, v in data.items() if k in OBLIGATION_FIELDS},
    )
    obligation.full_clean()
    with transaction.atomic():
        obligation.save()
        audit_log(
            actor=acting_user,
            action="cycle.obligation_create",
            target=obligation,
            unit=unit,
            after=snapshot(obligation),
        )
    return obligation


def obligation_update(*, obligation: Obligation, data: dict[str, Any], acting_user: Actor) -> None:
    """Change an obligation's schedule or put it out of force (its history stays)."""
    if not ObligationPolicy.can_manage(acting_user, obligation):
        raise PermissionDenied(_("You may not change this obligation."))
    before = snapshot(obligation)
    for name in OBLIGATION_FIELDS:
        if name in data:
            setattr(obligation, name, data[name])
    obligation.full_clean()
    with transaction.atomic():
        obligation.save()
        audit_log(
            actor=acting_user,
            action="cycle.obligation_update",
            target=obligation,
            unit=obligation.unit,
            before=before,
            after=snapshot(obligation),
        )


def obligation_applies_to(obligation: Obligation, unit: Unit) -> bool:
    return (
        obligation.is_active
        and unit.is_active
        and unit.kind == obligation.applies_to_kind
        and unit.pk != obligation.unit_id
        and unit.path.startswith(obligation.unit.path)
    )


def owed_period(obligation: Obligation, period_start: dt.date) -> Period:
    """The obligation's period starting on ``period_start`` or a ValidationError."""
    period = period_starting(obligation.frequency, period_start)
    if period is None or period_start < obligation.active_from:
        raise ValidationError({"period_start": _("No report is owed for a period starting then.")})
    return period


def _check_send(obligation: Obligation, unit: Unit, acting_user: Actor) -> None:
    if not SubmissionPolicy.can_send_for(acting_user, unit):
        raise PermissionDenied(_("You may not send this unit's report."))
    if not obligation_applies_to(obligation, unit):
        raise ValidationError({"obligation": _("This obligation does not apply to this unit.")})
    if unit.parent_id is None:
        raise ValidationError({"unit": _("This unit has no superior to send its report to.")})


def _previous(obligation: Obligation, unit: Unit, period: Period) -> Submission | None:
    rows = Submission.objects.select_for_update().filter(
        obligation=obligation, unit=unit, period_start=period.start
    )
    previous = rows.order_by("-version").first()
    if previous is not None and previous.status in RECEIVED_STATUSES:
        raise ValidationError(
            {"period_start": _("This period's report was already sent; it can only be returned.")}
        )
    return previous


def _included(unit: Unit, period: Period) -> list[Submission]:
    """Subordinate reports received by ``unit`` for the same period (the compilation)."""
    return list(
        Submission.objects.filter(
            recipient=unit,
            period_start=period.start,
            period_end=period.last,
            status__in=RECEIVED_STATUSES,
        )
    )


def submission_send(
    *,
    obligation: Obligation,
    unit: Unit,
    period_start: dt.date,
    report: Any,
    acting_user: Actor,
    now: dt.datetime | None = None,
    is_synthetic: bool = False,
) -> Submission:
    """Send ``unit``'s issued ``report`` for the period to its parent.

    A returned earlier version is replaced (version + 1); the report must be issued and
    be the unit's for exactly this period. Subordinate reports the unit has received for
    the same period are recorded as the ones this report compiles.
    """
    _check_send(obligation, unit, acting_user)
    period = owed_period(obligation, period_start)
    issuing.check_sendable(report, unit=unit, period=period)
    sent_at = now or timezone.now()
    due = due_date(period, obligation.due_day, obligation.due_months_after)
    with transaction.atomic():
        previous = _previous(obligation, unit, period)
        submission = Submission(  # type: ignore[misc]  # sent_by: the policy refused all but a User
            obligation=obligation,
            unit=unit,
            recipient=unit.parent,
            period_start=period.start,
            period_end=period.last,
            version=previous.version + 1 if previous else 1,
            report=report,
            due_date=due,
            sent_at=sent_at,
            sent_by=acting_user,
            on_time=timezone.localdate(sent_at) <= due,
            replaces=previous,
            is_synthetic=is_synthetic,
        )
        submission.full_clean(exclude=["replaces"])
        try:
            with transaction.atomic():
                submission.save()
        except IntegrityError as exc:
            raise ValidationError(
                {"period_start": _("This period's report was already sent.")}
            ) from exc
        submission.includes.set(_included(unit, period))
        tally_change(submission, +1)
        audit_log(
            actor=acting_user,
            action="cycle.submission_send",
            target=submission,
            unit=unit,
            after=snapshot(submission),
        )
    return submission


def _act(submission: Submission, acting_user: Actor, status: str, reason: str = "") -> None:
    if not SubmissionPolicy.can_act(acting_user, submission):
        raise PermissionDenied(_("You may not acknowledge or return this report."))
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.status != SubmissionStatus.SENT:
            raise ValidationError(_("This report was already acknowledged or returned."))
        before = snapshot(submission)
        submission.status = status
        submission.return_reason = reason
        submission.acted_at = timezone.now()
        submission.acted_by = acting_user  # type: ignore[assignment]  # the policy refused all but a User
        submission.save(update_fields=["status", "return_reason", "acted_at", "acted_by"])
        if status == SubmissionStatus.RETURNED:
            tally_change(submission, -1)
        audit_log(
            actor=acting_user,
            action=f"cycle.submission_{status}",
            target=submission,
            unit=submission.unit,
            before=before,
            after=snapshot(submission),
            note=reason,
        )


def submission_acknowledge(*, submission: Submission, acting_user: Actor) -> None:
    """The recipient confirms it has received and accepted the report."""
    _act(submission, acting_user, SubmissionStatus.ACKNOWLEDGED)


def submission_return(*, submission: Submission, reason: str, acting_user: Actor) -> None:
    """The recipient returns the report with a reason; the unit sends a new version."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the report is returned.")})
    _act(submission, acting_user, SubmissionStatus.RETURNED, reason)


def counterpart_copy_send(
    *, submission: Submission, counterpart: Unit, acting_user: Actor, is_synthetic: bool = False
) -> CounterpartCopy:
    """Send the shareable part of a received submission to a counterpart unit."""
    if not SubmissionPolicy.can_share(acting_user, submission):
        raise PermissionDenied(_("You may not share this report."))
    if counterpart.country_id == submission.unit.country_id or not counterpart.is_active:
        raise ValidationError({"counterpart": _("Choose an active unit of the other country.")})
    copy = CounterpartCopy(  # type: ignore[misc]  # sent_by: the policy refused all but a User
        submission=submission,
        counterpart=counterpart,
        content=issuing.shareable_content(submission.report),
        sent_at=timezone.now(),
        sent_by=acting_user,
        is_synthetic=is_synthetic,
    )
    copy.full_clean(exclude=["submission"])
    with transaction.atomic():
        if CounterpartCopy.objects.filter(submission=submission, counterpart=counterpart).exists():
            raise ValidationError({"counterpart": _("This report was already sent to that unit.")})
        copy.save()
        audit_log(
            actor=acting_user,
            action="cycle.counterpart_copy_send",
            target=copy,
            unit=submission.unit,
            after={"counterpart": counterpart.pk, "submission": submission.pk},
        )
    return copy


def report_issue_and_send(
    *, obligation: Obligation, unit: Unit, period_start: dt.date, draft: Any, acting_user: Actor
) -> Submission:
    """Issue the unit's draft report and send it to the parent, both or neither."""
    _check_send(obligation, unit, acting_user)
    with transaction.atomic():
        report = issuing.issue(report=draft, acting_user=acting_user)
        return submission_send(
            obligation=obligation,
            unit=unit,
            period_start=period_start,
            report=report,
            acting_user=acting_user,
        )
