"""Demo data of the reporting cycle: obligations for the demo tree and a history of issued
reports sent up the chain (on time, late, missing, returned and replaced, acknowledged),
all flagged synthetic and removed by ``purge_synthetic``.

Loaded by ``manage.py demo_cycle`` (a step of ``setup_demo``); safe to run again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from huunghi.accounts.models import User
from huunghi.cycle import issuing, services
from huunghi.cycle.models import Obligation, Submission
from huunghi.cycle.reminders import reminders_create
from huunghi.cycle.schedule import Frequency, due_date, period_containing
from huunghi.organisations.models import Unit, UnitKind
from huunghi.reports.periods import Period

ACTIVE_FROM = dt.date(2025, 1, 1)
OBLIGATIONS = (
    # set at, units that report, frequency, due day, months after, remind days before
    ("VN-BDBP", UnitKind.BORDER_POST, Frequency.QUARTERLY, 20, 0, 20),
    ("VN-BDBP", UnitKind.BORDER_POST, Frequency.ANNUAL, 15, 0, 20),
    ("VN-BDBP", UnitKind.PROVINCIAL_BORDER_GUARD, Frequency.QUARTERLY, 28, 0, 20),
    ("VN-BDBP", UnitKind.PROVINCIAL_BORDER_GUARD, Frequency.SIX_MONTHLY, 28, 0, 20),
    ("VN-MOD", UnitKind.SEARCH_TEAM, Frequency.REMAINS_SEASON, 20, 0, 20),
)


@dataclass(frozen=True)
class Sent:
    """How one post's quarterly report went: days after the due date (negative: before),
    or None when it was never sent; ``returned`` when the parent sent it back first."""

    post: str
    quarters_ago: int
    days_after_due: int | None
    returned: bool = False
    acknowledged: bool = True


HISTORY = (
    Sent("VN-DBP-XAMAT", 3, -6),
    Sent("VN-DBP-XAMAT", 2, -3),
    Sent("VN-DBP-XAMAT", 1, -1, acknowledged=False),
    Sent("VN-DBP-MOCBAI", 3, -2),
    Sent("VN-DBP-MOCBAI", 2, 9),
    Sent("VN-DBP-MOCBAI", 1, 4, returned=True, acknowledged=False),
    Sent("VN-DBP-BINHHIEP", 3, 12),
    Sent("VN-DBP-BINHHIEP", 2, None),
    Sent("VN-DBP-BINHHIEP", 1, None),
    Sent("VN-DBP-HOALU", 2, -5),
    Sent("VN-DBP-HOALU", 1, -2, acknowledged=False),
    Sent("VN-DBP-LOCTHIEN", 1, 15, acknowledged=False),
)
PROVINCE_REPORTS = (("VN-BDBP-TN", 3), ("VN-BDBP-TN", 2))
SENDERS = {"TN": "tayninh_approver", "DN": "dongnai_approver"}
NARRATIVE = {
    "situation": "Tình hình biên giới ổn định; phối hợp với lực lượng bạn duy trì đều đặn.",
    "shortcomings": "Một số hoạt động chưa cập nhật kịp thời vào hệ thống (dữ liệu mẫu).",
    "next_steps": "Tiếp tục duy trì giao ban định kỳ và cập nhật số liệu hằng tháng.",
    "signer_title": "ĐỒN TRƯỞNG",
    "signer_rank": "Trung tá",
    "signer_name": "Nguyễn Văn Mẫu",
}


def _units() -> dict[str, Unit]:
    codes = {o[0] for o in OBLIGATIONS} | {h.post for h in HISTORY} | {"VN-BDBP-DN"}
    codes |= {code for code, _ in PROVINCE_REPORTS}
    return {u.code: u for u in Unit.objects.filter(code__in=codes).select_related("parent")}


def _obligations(units: dict[str, Unit], admin: User) -> dict[tuple[str, str], Obligation]:
    made: dict[tuple[str, str], Obligation] = {}
    for code, kind, frequency, due_day, after, remind in OBLIGATIONS:
        if code not in units:
            continue
        found = Obligation.objects.filter(
            unit=units[code], applies_to_kind=kind, programme="all", frequency=frequency
        ).first()
        made[(kind, frequency)] = found or services.obligation_create(
            unit=units[code],
            data={
                "applies_to_kind": kind,
                "frequency": frequency,
                "due_day": due_day,
                "due_months_after": after,
                "remind_days_before": remind,
                "active_from": ACTIVE_FROM,
            },
            acting_user=admin,
            is_synthetic=True,
        )
    return made


def _quarter(quarters_ago: int, today: dt.date) -> Period:
    period = period_containing(Frequency.QUARTERLY, today)
    for _ in range(quarters_ago):
        period = period_containing(Frequency.QUARTERLY, period.start - dt.timedelta(days=1))
    return period


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 30), tzinfo=timezone.get_current_timezone())


def _issue(unit: Unit, period: Period, user: User, when: dt.datetime) -> Any:
    draft = issuing.draft_create(
        unit=unit, period=period, frequency=Frequency.QUARTERLY, language="vi", acting_user=user
    )
    return issuing.issue_as_of(report=draft, acting_user=user, issued_at=when, text=NARRATIVE)


def _send(obligation: Obligation, unit: Unit, period: Period, user: User, day: dt.date) -> Any:
    report = _issue(unit, period, user, _moment(day))
    return services.submission_send(
        obligation=obligation,
        unit=unit,
        period_start=period.start,
        report=report,
        acting_user=user,
        now=_moment(day),
        is_synthetic=True,
    )


def _play(item: Sent, obligation: Obligation, units: dict[str, Unit], today: dt.date) -> None:
    unit = units.get(item.post)
    if unit is None or item.days_after_due is None:
        return
    period = _quarter(item.quarters_ago, today)
    if Submission.objects.filter(obligation=obligation, unit=unit, period_start=period.start):
        return
    due = due_date(period, obligation.due_day, obligation.due_months_after)
    parent_code = unit.parent.code if unit.parent else ""
    sender = User.objects.get(username=SENDERS[parent_code.rsplit("-", 1)[-1]])
    day = min(due + dt.timedelta(days=item.days_after_due), today)
    submission = _send(obligation, unit, period, sender, day)
    if item.returned:
        services.submission_return(
            submission=submission,
            reason="Thiếu số liệu khám bệnh, cấp thuốc; đề nghị bổ sung (dữ liệu mẫu).",
            acting_user=sender,
        )
        _send(obligation, unit, period, sender, min(day + dt.timedelta(days=3), today))
    elif item.acknowledged:
        services.submission_acknowledge(submission=submission, acting_user=sender)


def _province(
    code: str, quarters_ago: int, obligation: Obligation, units: dict[str, Unit], today: dt.date
) -> None:
    unit = units.get(code)
    national = User.objects.filter(username="bdbp_approver").first()
    if unit is None or national is None:
        return
    period = _quarter(quarters_ago, today)
    if Submission.objects.filter(obligation=obligation, unit=unit, period_start=period.start):
        return
    due = due_date(period, obligation.due_day, obligation.due_months_after)
    sender = User.objects.get(username=SENDERS[code.rsplit("-", 1)[-1]])
    submission = _send(obligation, unit, period, sender, due - dt.timedelta(days=1))
    services.submission_acknowledge(submission=submission, acting_user=national)


def _share(obligation: Obligation, today: dt.date) -> None:
    """Xa Mát's oldest demo report, its numbers shared with Svay Rieng's gendarmerie."""
    counterpart = Unit.objects.filter(code="KH-HB-SVR").first()
    sender = User.objects.filter(username=SENDERS["TN"]).first()
    submission = Submission.objects.filter(
        obligation=obligation,
        unit__code="VN-DBP-XAMAT",
        period_start=_quarter(3, today).start,
        is_synthetic=True,
    ).first()
    if counterpart is None or sender is None or submission is None:
        return
    if not submission.counterpart_copies.filter(counterpart=counterpart).exists():
        services.counterpart_copy_send(
            submission=submission, counterpart=counterpart, acting_user=sender, is_synthetic=True
        )


def load_demo_cycle(today: dt.date | None = None) -> int:
    """Create the demo obligations and report history; returns the submissions made."""
    today = today or timezone.localdate()
    admin = User.objects.filter(username="admin").first()
    units = _units()
    if admin is None or "VN-BDBP" not in units:
        return 0
    before = Submission.objects.count()
    with transaction.atomic():
        obligations = _obligations(units, admin)
        posts = obligations[(UnitKind.BORDER_POST, Frequency.QUARTERLY)]
        for item in HISTORY:
            _play(item, posts, units, today)
        provinces = obligations[(UnitKind.PROVINCIAL_BORDER_GUARD, Frequency.QUARTERLY)]
        for code, quarters_ago in PROVINCE_REPORTS:
            _province(code, quarters_ago, provinces, units, today)
        _share(posts, today)
        reminders_create(today=today, email=False)
    return Submission.objects.count() - before
