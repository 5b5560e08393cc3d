"""The benchmark scenarios, run inside a configured Django process (see :mod:`bench.worker`)."""

from __future__ import annotations

import datetime as dt
import random
import sys
from typing import Any

from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from bench import duck as duck_scan
from bench.timing import measure
from huunghi.accounts.models import Membership, Role, User
from huunghi.accounts.scope import forget_scope
from huunghi.core.models import Qualifier
from huunghi.organisations.models import Unit
from huunghi.records.generator import ROOT_NAMES, SYNTHETIC_PREFIX
from huunghi.records.models import Activity, ActivityKind, Measure
from huunghi.reports.engine import READ_STATS, Dim, TotalsQuery, compute_totals
from huunghi.reports.indicators import activity_indicator_codes
from huunghi.reports.periods import Period
from huunghi.reports.permissions import reach_for
from huunghi.reports.selectors import indicator_values
from huunghi.reports.summaries import summary_after, summary_before


def log(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def bench_user(username: str, unit: Unit | None, role: str = Role.APPROVER) -> User:
    """A bench account: superuser without a unit, else one membership at ``unit``."""
    user, _ = User.objects.get_or_create(
        username=username, defaults={"is_superuser": unit is None, "is_staff": unit is None}
    )
    if unit is not None:
        Membership.objects.filter(user=user).exclude(unit=unit).delete()
        Membership.objects.get_or_create(user=user, unit=unit, role=role)
    forget_scope(user)
    return user


class Fixture:
    """The units and accounts every scenario uses."""

    def __init__(self, years: int) -> None:
        self.root = Unit.objects.get(name_vi=ROOT_NAMES["VN"], code__startswith=SYNTHETIC_PREFIX)
        self.province = Unit.objects.filter(parent=self.root).order_by("pk").first()
        self.post = Unit.objects.filter(parent=self.province).order_by("pk").first()
        self.admin = bench_user("bench_admin", None)
        self.province_user = bench_user("bench_province", self.province)
        self.post_clerk = bench_user("bench_post", self.post, Role.CLERK)
        today = timezone.localdate()
        self.all_years = Period.years(today.year - years + 1, today.year)
        self.last_year = Period.year(today.year - 1)


def run_scenarios(
    *, repeat: int, raw_repeat: int, years: int, duck: Any = None, only_totals: bool = False
) -> dict[str, Any]:
    fixture = Fixture(years)
    results: dict[str, Any] = {}
    results |= totals_scenarios(fixture, repeat, raw_repeat, duck)
    results |= save_scenarios(fixture, repeat)
    if only_totals:
        return results
    results |= page_scenarios(fixture, repeat)
    results |= report_scenario(fixture)
    return results


def _record(results: dict[str, Any], name: str, timing: Any, **extra: Any) -> None:
    results[name] = {**timing.as_dict(), **extra}
    log(f"{name}: {timing.median_ms:.1f} ms (cpu {timing.cpu_ms:.1f} ms)")


def _read(call: Any) -> tuple[Any, int]:
    """The result of ``call`` and the number of maintained rows it read."""
    stats: dict[str, int] = {}
    token = READ_STATS.set(stats)
    try:
        result = call()
    finally:
        READ_STATS.reset(token)
    return result, stats.get("rows_read", 0)


def totals_scenarios(f: Fixture, repeat: int, raw_repeat: int, duck: Any = None) -> dict[str, Any]:
    """The national and the province report, from the maintained rows, by a raw scan of
    the same database and (national) by DuckDB over the same raw rows.

    Timed without the per-process totals cache (an explicit reach skips it): every run
    computes.
    """
    results: dict[str, Any] = {}
    national = TotalsQuery(period=f.all_years, unit=f.root)
    by = [Dim.PROVINCE, Dim.QUARTER]

    def national_totals(method: str) -> Any:
        reach = reach_for(f.admin, f.root)
        return compute_totals(reach=reach, query=national, group_by=by, method=method)

    timing, summary = measure(lambda: national_totals("summary"), repeat)
    _, read = _read(lambda: national_totals("summary"))
    cells = len(summary.cells)
    _record(results, "national_summary", timing, cells=cells, rows_read=read)
    results["national_rows"] = {"read": read, "returned": cells}
    if raw_repeat:
        timing, raw = measure(lambda: national_totals("raw"), raw_repeat, warmup=0)
        _record(results, "national_raw", timing, equal=raw.plain() == summary.plain())
    if duck is not None:
        period = f.all_years

        def duck_national() -> Any:
            return duck_scan.national(duck, f.root.path, period.start, period.end)

        timing, ducked = measure(duck_national, max(raw_repeat, 3))
        _record(results, "national_duckdb", timing, equal=ducked == summary.plain())

    province = TotalsQuery(period=f.last_year, unit=f.province)
    codes = activity_indicator_codes()

    def province_report(method: str) -> Any:
        values = indicator_values(
            user=f.province_user,
            query=province,
            codes=codes,
            group_by=[Dim.QUARTER],
            method=method,
            reach=reach_for(f.province_user, f.province),
        )
        return {
            v.indicator.code: {k: (c.value, c.qualifier) for k, c in v.cells.items()}
            for v in values
        }

    timing, summary_p = measure(lambda: province_report("summary"), repeat)
    _, read = _read(lambda: province_report("summary"))
    returned = sum(len(cells) for cells in summary_p.values())
    _record(results, "province_summary", timing, indicators=len(codes), rows_read=read)
    results["province_rows"] = {"read": read, "returned": returned}
    if raw_repeat:
        timing, raw_p = measure(lambda: province_report("raw"), raw_repeat, warmup=0)
        _record(results, "province_raw", timing, equal=raw_p == summary_p)
    return results


def save_scenarios(f: Fixture, repeat: int) -> dict[str, Any]:
    """Saving a record through the record services, summary maintenance included."""
    from huunghi.records.services.activities import QuantityIn, activity_create, activity_update

    results: dict[str, Any] = {}
    rng = random.Random(5)
    created: list[Activity] = []

    def create() -> Activity:
        activity = activity_create(
            acting_user=f.post_clerk,
            kind=ActivityKind.OTHER,
            unit=f.post,
            title="Bench record",
            start_date=timezone.localdate() - dt.timedelta(days=rng.randint(0, 300)),
            quantities=[
                QuantityIn(Measure.PEOPLE_EXAMINED, rng.randint(10, 500), Qualifier.ABOUT),
                QuantityIn(Measure.VALUE_VND, rng.randint(1, 9) * 1_000_000),
            ],
            is_synthetic=True,
        )
        created.append(activity)
        return activity

    timing, _ = measure(create, repeat)
    _record(results, "record_create", timing)

    def update() -> Activity:
        activity = rng.choice(created)
        return activity_update(
            activity=activity,
            acting_user=f.post_clerk,
            quantities=[QuantityIn(Measure.PEOPLE_EXAMINED, rng.randint(10, 500), Qualifier.EXACT)],
        )

    timing, _ = measure(update, repeat)
    _record(results, "record_update", timing)
    for activity in created:
        _delete(activity)
    return results


def _delete(activity: Activity) -> None:
    with transaction.atomic():
        before = summary_before(activity)
        Activity.objects.filter(pk=activity.pk).delete()
        summary_after(before=before, activity=None)


def _url(name: str, *args: Any) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def page_scenarios(f: Fixture, repeat: int) -> dict[str, Any]:
    """Pages through Django's test client (no network, full middleware and templates)."""
    results: dict[str, Any] = {}
    client = Client()
    client.force_login(f.province_user)
    year = f.last_year.start.year
    detail_pk = (
        Activity.objects.filter(unit__path__startswith=f.province.path, is_synthetic=True)
        .values_list("pk", flat=True)
        .first()
    )
    pages = {
        "list_page_filtered": (
            _url("records:list"),
            {
                "kind": ActivityKind.MEDICAL_OUTREACH,
                "date_from": f"{year}-01-01",
                "date_to": f"{year}-12-31",
            },
        ),
        "list_page": (_url("records:list"), {}),
        "detail_page": (_url("records:detail", detail_pk) if detail_pk else None, {}),
        "dashboard_page": (_url("reports:dashboard"), {"period": "last_year"}),
        "dashboard_data": (_url("reports:dashboard_data"), {"period": "last_year"}),
    }
    for name, (url, params) in pages.items():
        if url is None:
            results[name] = {"skipped": "page not available"}
            continue

        def get(url: str = url, params: dict[str, Any] = params) -> int:
            response = client.get(url, params)
            return response.status_code

        timing, status = measure(get, repeat)
        _record(results, name, timing, status=status, url=url)
    return results


def report_scenario(f: Fixture) -> dict[str, Any]:
    """The review report of a province for a year, as DOCX, generated in-process."""
    try:
        from huunghi.reports.review import build_review
    except ImportError:
        return {"review_docx": {"skipped": "review report not available"}}
    results: dict[str, Any] = {}
    period = f.last_year

    def build() -> int:
        document = build_review(user=f.province_user, unit=f.province, period=period, fmt="docx")
        return len(document.content)

    timing, size = measure(build, 3)
    _record(results, "review_docx", timing, bytes=size)
    return results
