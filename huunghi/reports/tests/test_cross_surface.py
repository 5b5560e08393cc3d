"""One number everywhere: issue 11's definition of done.

Hypothesis generates a unit tree on both sides of the border, records of every counted
kind (activities with quantities and sharing, twinning pairs, agreements, pupils with
payments, excavations, handovers), reported figures, approval states, a reader, a unit
and a period. For each example the value of every indicator is read back from

- the dashboard page (its cards' ``data-value``/``data-qualifier``/``data-origin``),
- the API (``/api/v1/reports/totals``) and the dashboard's CSV export of the totals,
- the figures comparison page (a few indicators per example, one request each),
- the review report, written in-process as XLSX (read with openpyxl) and DOCX (read
  with python-docx),

and compared with :func:`huunghi.reports.values.indicator_values`; the records part of
activity indicators is also checked against a count made here from the generated data.

Examples: ``HUUNGHI_CROSS_SURFACE_EXAMPLES`` if set, else 200 under ``CI=true`` and 5
on a developer's machine. Each example's rows live inside a transaction rolled back at
its end, on top of one shared ``world``.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import Phase as Phase_
from hypothesis import strategies as st

from huunghi.accounts.models import Role
from huunghi.beneficiaries.models import Payment, Pupil
from huunghi.core.models import Qualifier, Status
from huunghi.core.testing import org_unit, user_with_role
from huunghi.figures.models import ReportedFigure, SourceKind
from huunghi.figures.periods import PeriodKind
from huunghi.organisations.models import UnitKind
from huunghi.records.models import (
    ActivityKind,
    Agreement,
    Measure,
    TwinningKind,
    TwinningPair,
    TwinningStatus,
)
from huunghi.remains.models import Excavation, ExcavationStatus, Handover, Phase, SearchSite, Season
from huunghi.reports.indicators import BY_CODE, COUNT, INDICATORS, Nature, Source
from huunghi.reports.periods import Period
from huunghi.reports.tests.factories import make_activity
from huunghi.reports.values import indicator_values

D = dt.date
EXAMPLES = int(
    os.environ.get("HUUNGHI_CROSS_SURFACE_EXAMPLES")
    or (200 if os.environ.get("CI", "").lower() == "true" else 5)
)
IN_CI = os.environ.get("CI", "").lower() == "true"
settings.register_profile(
    "cross_surface",
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=IN_CI,
    # Shrinking a failing example rebuilds the database many times: in CI only.
    phases=list(Phase_) if IN_CI else [p for p in Phase_ if p != Phase_.shrink],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
PROFILE = settings.get_profile("cross_surface")
STATUSES = [Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.APPROVED]
QUALIFIERS = [Qualifier.EXACT, Qualifier.EXACT, Qualifier.ABOUT, Qualifier.AT_LEAST]
MEASURES = [Measure.PEOPLE_EXAMINED, Measure.VALUE_VND, Measure.TREES, Measure.HOUSEHOLDS]
FIGURE_CODES = [
    "activities_total",
    "people_examined",
    "aid_value_vnd",
    "community_support_vnd",
    "twinning_pairs_post",
    "twinning_pairs_cluster",
    "pupils_supported_vn",
    "pupils_supported_kh",
    "remains_recovered",
    "agreements_in_force",
]


def _tiny_png() -> bytes:
    """A 1×1 image standing in for the chart (the chart's numbers are not compared)."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1, 1), "white").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _tiny_png()
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


# --- what is generated -------------------------------------------------------------------

days = st.dates(min_value=D(2019, 1, 1), max_value=D(2025, 12, 31))


@dataclass
class Spec:
    parents: list[int]  # VN units: parents[i] is the index of unit i+1's parent
    kh_children: int
    activities: list[dict[str, Any]] = field(default_factory=list)
    pairs: list[dict[str, Any]] = field(default_factory=list)
    agreements: list[dict[str, Any]] = field(default_factory=list)
    pupils: list[dict[str, Any]] = field(default_factory=list)
    excavations: list[dict[str, Any]] = field(default_factory=list)
    handovers: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    reader: str = "admin"
    reader_unit: int = 0
    asked: int = 0
    period: tuple[dt.date, dt.date] = (D(2022, 1, 1), D(2022, 12, 31))
    approved_only: bool = True
    compared: list[str] = field(default_factory=list)


@st.composite
def specs(draw: Any) -> Spec:
    size = draw(st.integers(1, 5))
    parents = [draw(st.integers(0, i)) for i in range(size - 1)]
    vn = len(parents) + 1
    kh = 1 + draw(st.integers(0, 1))
    unit = st.integers(0, vn - 1)
    spec = Spec(parents=parents, kh_children=kh - 1)
    spec.activities = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "unit": unit,
                    "kind": st.sampled_from(list(ActivityKind)),
                    "day": days,
                    "status": st.sampled_from(STATUSES),
                    "quantities": st.lists(
                        st.tuples(
                            st.sampled_from(MEASURES),
                            st.integers(0, 5000),
                            st.sampled_from(QUALIFIERS),
                        ),
                        max_size=2,
                        unique_by=lambda q: q[0],
                    ),
                    "recipient": st.sampled_from(["", "community", "unit"]),
                    "shared_with": st.one_of(st.none(), st.integers(0, kh - 1)),
                }
            ),
            max_size=10,
        )
    )
    spec.pairs = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "unit": unit,
                    "kind": st.sampled_from(list(TwinningKind)),
                    "start": days,
                    "ends_after": st.one_of(st.none(), st.integers(0, 900)),
                    "status": st.sampled_from(STATUSES),
                }
            ),
            max_size=4,
        )
    )
    spec.agreements = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "unit": unit,
                    "signed": days,
                    "runs": st.one_of(st.none(), st.integers(30, 1500)),
                    "status": st.sampled_from(STATUSES),
                }
            ),
            max_size=2,
        )
    )
    spec.pupils = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "unit": unit,
                    "nationality": st.sampled_from(["VN", "KH"]),
                    "start": days,
                    "ends_after": st.one_of(st.none(), st.integers(0, 1200)),
                    "reason": st.sampled_from(["finished", "dropped_out"]),
                    "status": st.sampled_from(STATUSES),
                    "payments": st.lists(st.integers(0, 20), max_size=2, unique=True),
                }
            ),
            max_size=4,
        )
    )
    spec.excavations = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "unit": unit,
                    "day": days,
                    "count": st.integers(0, 60),
                    "cancelled": st.booleans(),
                    "status": st.sampled_from(STATUSES),
                }
            ),
            max_size=3,
        )
    )
    spec.handovers = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "unit": unit,
                    "day": days,
                    "count": st.integers(1, 60),
                    "status": st.sampled_from(STATUSES),
                }
            ),
            max_size=2,
        )
    )
    spec.figures = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "unit": unit,
                    "code": st.sampled_from(FIGURE_CODES),
                    "value": st.integers(0, 3000),
                    "qualifier": st.sampled_from(QUALIFIERS),
                    "start": days,
                    "days": st.integers(0, 500),
                    "status": st.sampled_from([Status.APPROVED, Status.APPROVED, Status.DRAFT]),
                }
            ),
            max_size=5,
        )
    )
    spec.reader = draw(st.sampled_from(["admin", "admin", "viewer", "counterpart"]))
    spec.reader_unit = draw(unit)
    first = draw(st.dates(min_value=D(2019, 1, 1), max_value=D(2025, 6, 30)))
    first = first.replace(day=1) if draw(st.booleans()) else first
    spec.period = (first, first + dt.timedelta(days=draw(st.integers(27, 1100))))
    spec.approved_only = draw(st.booleans())
    spec.asked = draw(st.integers(0, vn + kh - 1))
    spec.compared = draw(
        st.lists(st.sampled_from([i.code for i in INDICATORS]), min_size=1, max_size=2)
    )
    return spec


# --- building an example -------------------------------------------------------------------


@dataclass
class Example:
    vn: list[Any]
    kh: list[Any]
    user: Any
    unit: Any
    period: Period
    approved_only: bool


def _build(spec: Spec, world: Any, calendar: Any) -> Example:
    vn = [org_unit("Root", kind=UnitKind.COMMAND, location=world.tay_ninh)]
    for index, parent in enumerate(spec.parents, start=1):
        vn.append(org_unit(f"VN {index}", parent=vn[parent], location=world.tay_ninh))
    kh = [org_unit("KH root", kind=UnitKind.GENDARMERIE, country_code="KH")]
    for index in range(spec.kh_children):
        kh.append(org_unit(f"KH {index}", parent=kh[0], country_code="KH"))
    _records(spec, world, calendar, vn, kh)
    user, visible = _reader(spec, vn, kh)
    period = Period.between(*spec.period)
    unit = visible[spec.asked % len(visible)]
    return Example(vn, kh, user, unit, period, spec.approved_only)


def _reader(spec: Spec, vn: list[Any], kh: list[Any]) -> tuple[Any, list[Any]]:
    if spec.reader == "viewer":
        home = vn[spec.reader_unit]
        return user_with_role(Role.VIEWER, home), [u for u in vn if u.path.startswith(home.path)]
    if spec.reader == "counterpart":
        return user_with_role(Role.VIEWER, kh[0]), kh
    return user_with_role(Role.SYSTEM_ADMIN, vn[0]), [*vn, *kh]


def _records(spec: Spec, world: Any, calendar: Any, vn: list[Any], kh: list[Any]) -> None:
    for item in spec.activities:
        details = {"recipient_type": item["recipient"]} if item["recipient"] else {}
        shared = [kh[item["shared_with"]]] if item["shared_with"] is not None else []
        make_activity(
            unit=vn[item["unit"]],
            start=item["day"],
            kind=item["kind"],
            place=world.tay_ninh,
            status=item["status"],
            quantities=item["quantities"],
            shared_with=shared,
            details=details,
        )
    _registries(spec, world, vn)
    _pupils(spec, vn)
    _remains(spec, world, calendar, vn)
    _figures(spec, vn)


def _end(start: dt.date, after: int | None) -> dt.date | None:
    return None if after is None else start + dt.timedelta(days=after)


def _registries(spec: Spec, world: Any, vn: list[Any]) -> None:
    for item in spec.pairs:
        ended = _end(item["start"], item["ends_after"])
        TwinningPair.objects.create(
            kind=item["kind"],
            unit=vn[item["unit"]],
            vn_place=world.tay_ninh,
            started_on=item["start"],
            ended_on=ended,
            status=TwinningStatus.ENDED if ended else TwinningStatus.ACTIVE,
            record_status=item["status"],
        )
    for item in spec.agreements:
        Agreement.objects.create(
            title="Agreement",
            unit=vn[item["unit"]],
            signed_on=item["signed"],
            expires_on=_end(item["signed"], item["runs"]),
            record_status=item["status"],
        )


def _pupils(spec: Spec, vn: list[Any]) -> None:
    for item in spec.pupils:
        ended = _end(item["start"], item["ends_after"])
        pupil = Pupil.objects.create(
            full_name="Pupil",
            sex="female",
            birth_year=2012,
            nationality=item["nationality"],
            school_name="School",
            unit=vn[item["unit"]],
            monthly_amount=500_000,
            start_date=item["start"],
            end_date=ended,
            end_reason=item["reason"] if ended else "",
            record_status=item["status"],
        )
        for months in item["payments"]:
            paid = item["start"] + dt.timedelta(days=30 * months)
            Payment.objects.create(
                pupil=pupil, month=paid.replace(day=1), amount=500_000, paid_on=paid
            )


def _remains(spec: Spec, world: Any, calendar: Any, vn: list[Any]) -> None:
    for item in spec.excavations:
        team = vn[item["unit"]]
        site = SearchSite.objects.create(
            team=team,
            name="Site",
            place=world.svay_rieng,
            opened_on=item["day"],
            status_on=item["day"],
        )
        Excavation.objects.create(
            team=team,
            site=site,
            phase=calendar,
            start_date=item["day"],
            recovered_count=item["count"],
            status=ExcavationStatus.CANCELLED if item["cancelled"] else ExcavationStatus.COMPLETED,
            status_on=item["day"],
            record_status=item["status"],
        )
    for item in spec.handovers:
        Handover.objects.create(
            unit=vn[item["unit"]],
            held_on=item["day"],
            kh_province=world.svay_rieng,
            vn_province=world.tay_ninh,
            remains_count=item["count"],
            record_status=item["status"],
        )


def _figures(spec: Spec, vn: list[Any]) -> None:
    for item in spec.figures:
        stock = BY_CODE[item["code"]].nature == Nature.STOCK
        end = item["start"] + dt.timedelta(days=item["days"])
        ReportedFigure.objects.create(
            unit=vn[item["unit"]],
            indicator=item["code"],
            value=Decimal(item["value"]),
            qualifier=item["qualifier"],
            period_kind=PeriodKind.AS_OF if stock else PeriodKind.RANGE,
            period_start=None if stock else item["start"],
            period_end=None if stock else end,
            as_of=item["start"] if stock else None,
            source_kind=SourceKind.NEWS,
            source_title="Generated source",
            source_site="Example site",
            source_date=item["start"],
            status=item["status"],
        )


# --- reading each surface ------------------------------------------------------------------

Seen = dict[str, tuple[Decimal | None, str]]
CARD = re.compile(
    r'<li class="card kpi origin-\w+" data-code="(?P<code>[\w]+)" data-origin="(?P<origin>\w+)"'
    r'\s+data-value="(?P<value>[^"]*)" data-qualifier="(?P<qualifier>\w+)">'
)
TOTAL = re.compile(
    r'class="comparison-total" data-code="(?P<code>\w+)" data-origin="(?P<origin>\w+)" '
    r'data-value="(?P<value>[^"]*)"'
)


def _decimal(text: Any) -> Decimal | None:
    if text is None or text == "":
        return None
    return Decimal(str(text)).quantize(Decimal("0.01"))


def dashboard(client: Any, ex: Example) -> dict[str, tuple[Decimal | None, str, str]]:
    response = client.get(
        reverse("reports:dashboard"),
        {
            "period": "custom",
            "date_from": ex.period.start.isoformat(),
            "date_to": ex.period.last.isoformat(),
            "unit": ex.unit.pk,
            "records": "approved" if ex.approved_only else "all",
        },
    )
    assert response.status_code == 200
    found = {
        m["code"]: (_decimal(m["value"]), m["qualifier"], m["origin"])
        for m in CARD.finditer(response.text)
    }
    assert found, "the dashboard shows cards"
    return found


def export(client: Any, ex: Example) -> dict[str, dict[str, str]]:
    """The dashboard's CSV export of the totals, by indicator code."""
    import csv

    response = client.get(
        reverse("reports:dashboard_export"),
        {
            "period": "custom",
            "date_from": ex.period.start.isoformat(),
            "date_to": ex.period.last.isoformat(),
            "unit": ex.unit.pk,
            "records": "approved" if ex.approved_only else "all",
        },
    )
    assert response.status_code == 200
    rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    return {row["code"]: row for row in rows}


def api(client: Any, ex: Example) -> dict[str, dict[str, Any]]:
    response = client.get(
        "/api/v1/reports/totals",
        {
            "unit": ex.unit.pk,
            "date_from": ex.period.start.isoformat(),
            "date_to": ex.period.last.isoformat(),
            "approved_only": str(ex.approved_only).lower(),
        },
    )
    assert response.status_code == 200, response.content
    return {item["code"]: item for item in response.json()["indicators"]}


def comparison(client: Any, ex: Example, code: str) -> tuple[Decimal | None, str]:
    params = {
        "indicator": code,
        "unit": ex.unit.pk,
        "period": f"{ex.period.start:%d/%m/%Y} - {ex.period.last:%d/%m/%Y}",
    }
    if not ex.approved_only:
        params["drafts"] = "on"
    response = client.get(reverse("reports:figure_comparison"), params)
    assert response.status_code == 200
    match = TOTAL.search(response.text)
    assert match is not None, "the comparison page shows the total"
    return _decimal(match["value"]), match["origin"]


def _label_key(label: Any, unit: Any) -> tuple[str, str]:
    return str(label).strip(), str(unit).strip()


def review(ex: Example) -> tuple[Seen, Seen, set[str]]:
    """Values read back from the XLSX cells and the DOCX table text; codes shown."""
    from huunghi.reports import review as reports_review

    with mock.patch("huunghi.reports.review.chart.bar_chart", return_value=PNG):
        data = reports_review.gather_review(
            user=ex.user,
            unit=ex.unit,
            period=ex.period,
            approved_only=ex.approved_only,
            issued_on=D(2026, 1, 15),
            language="en",
        )
    with translation.override("en"):
        by_label = {_label_key(i.label, i.unit): i.code for i in INDICATORS}
    xlsx = reports_review.render(data, "xlsx", "cross").content
    docx_bytes = reports_review.render(data, "docx", "cross").content
    return (
        _xlsx(xlsx, by_label),
        _docx(docx_bytes, by_label),
        {line.code for line in [*data.flows, *data.stocks]},
    )


def _xlsx(content: bytes, by_label: dict[tuple[str, str], str]) -> Seen:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    seen: Seen = {}
    for row in sheet.iter_rows(values_only=True):
        if len(row) < 5 or not isinstance(row[0], int) or not isinstance(row[1], str):
            continue
        code = by_label[_label_key(row[1], row[2])]
        seen[code] = (_decimal(row[3]), _qualifier_word(row[4] or ""))
    return seen


def _docx(content: bytes, by_label: dict[tuple[str, str], str]) -> Seen:
    import docx

    seen: Seen = {}
    for table in docx.Document(io.BytesIO(content)).tables:
        for row in table.rows[1:]:
            cells = [c.text for c in row.cells]
            key = _label_key(cells[1], cells[2]) if len(cells) >= 6 else None
            if key in by_label:
                seen[by_label[key]] = _amount(cells[3])
    return seen


def _qualifier_words() -> dict[str, str]:
    """The report's English words for the qualifiers ("about", "at least")."""
    from huunghi.reports.review.words import words

    said = words("en")
    return {said["about"]: Qualifier.ABOUT, said["at_least"]: Qualifier.AT_LEAST}


def _qualifier_word(text: str) -> str:
    return _qualifier_words().get(text.strip(), Qualifier.EXACT)


def _amount(text: str) -> tuple[Decimal | None, str]:
    """``about 2,000 [1]`` → (2000, about); ``not recorded`` → (None, exact)."""
    text = re.sub(r"\s*\[\d+\]$", "", text.strip())
    if text == "not recorded":
        return None, Qualifier.EXACT
    prefixes = "|".join(re.escape(word) for word in _qualifier_words())
    match = re.fullmatch(rf"(?:({prefixes}) )?([\d,]+(?:\.\d+)?)", text)
    assert match is not None, f"unreadable amount {text!r}"
    return _decimal(match[2].replace(",", "")), _qualifier_word(match[1] or "")


# --- the oracle for activity records ---------------------------------------------------------


def records_oracle(spec: Spec, ex: Example) -> dict[str, Decimal]:
    """Activity indicators' records totals, counted here from the generated data, for a
    reader who sees everything and a Vietnamese unit."""
    paths = {i: u.path for i, u in enumerate(ex.vn)}
    totals: dict[str, Decimal] = {}
    for found in INDICATORS:
        if found.source != Source.ACTIVITIES:
            continue
        total, rows = Decimal(0), 0
        for item in spec.activities:
            if not _counts(item, found, paths, ex):
                continue
            if found.measure == COUNT:
                total, rows = total + 1, rows + 1
                continue
            for measure, value, _qualifier in item["quantities"]:
                if measure == found.measure:
                    total, rows = total + value, rows + 1
        if rows:
            totals[found.code] = total
    return totals


def _counts(item: dict[str, Any], found: Any, paths: dict[int, str], ex: Example) -> bool:
    inside = paths[item["unit"]].startswith(ex.unit.path)
    dated = ex.period.start <= item["day"] < ex.period.end
    approved = item["status"] == Status.APPROVED or not ex.approved_only
    kind = not found.kinds or item["kind"] in found.kinds
    detail = all(item["recipient"] == v for k, v in found.filter if k == "recipient_type")
    return inside and dated and approved and kind and detail


# --- the property ----------------------------------------------------------------------------


@pytest.fixture
def calendar(world):
    season = Season.objects.create(number=30, start_year=2019)
    return Phase.objects.create(season=season, number=1, start_date=D(2019, 1, 1))


@settings(PROFILE)
@given(spec=specs())
def test_every_surface_gives_the_same_value(world, calendar, client, spec):
    """Dashboard, API, comparison page, review XLSX and DOCX agree on every indicator."""
    with transaction.atomic():
        ex = _build(spec, world, calendar)
        client.force_login(ex.user)
        _check(spec, ex, client)
        transaction.set_rollback(True)


def _check(spec: Spec, ex: Example, client: Any) -> None:
    expected = {
        v.code: v
        for v in indicator_values(
            user=ex.user, unit=ex.unit, period=ex.period, approved_only=ex.approved_only
        )
        if v.available
    }
    for code, (value, qualifier, origin) in dashboard(client, ex).items():
        want = expected[code]
        assert (value, origin) == (_decimal(want.value), str(want.origin)), ("dashboard", code)
        if value is not None:
            assert qualifier == want.qualifier, ("dashboard qualifier", code)
    from_api = api(client, ex)
    from_csv = export(client, ex)
    for code, want in expected.items():
        got = from_api[code]
        assert (_decimal(got["value"]), got["origin"]) == (_decimal(want.value), str(want.origin))
        assert got["recorded"] == want.recorded, ("api recorded", code)
        row = from_csv[code]
        assert (_decimal(row["value"]), row["origin"]) == (_decimal(want.value), want.origin)
    for code in spec.compared:
        if code in expected:
            compared = comparison(client, ex, code)
            assert compared == (_decimal(expected[code].value), str(expected[code].origin)), code
    _check_review(ex, expected)
    if spec.reader == "admin" and ex.unit.country.code == "VN":
        oracle = records_oracle(spec, ex)
        for code, want in expected.items():
            if BY_CODE[code].source == Source.ACTIVITIES:
                assert _decimal(want.records_value) == _decimal(oracle.get(code)), code


def _check_review(ex: Example, expected: dict[str, Any]) -> None:
    from_xlsx, from_docx, shown = review(ex)
    assert set(from_xlsx) == shown, "every line of the report is in the workbook"
    assert set(from_docx) == shown, "every line of the report is in the document"
    for code, want in expected.items():
        value = _decimal(want.value)
        if code not in shown:
            assert code.startswith("activities_") and not value, code
            continue
        qualifier = want.qualifier if value is not None else Qualifier.EXACT
        assert from_xlsx[code] == (value, qualifier), ("xlsx", code)
        assert from_docx[code] == (value, qualifier), ("docx", code)
