"""load_reported_figures: the sources' totals as cited, approved figures, loaded once."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from huunghi.accounts.models import Role
from huunghi.audit.models import AuditEvent
from huunghi.core.actors import SYSTEM
from huunghi.core.testing import user_with_role
from huunghi.figures.combine import combine
from huunghi.figures.models import ReportedFigure
from huunghi.figures.periods import Period
from huunghi.figures.sources import CITED_FIGURES, ensure_source_units
from huunghi.organisations.models import Unit, UnitKind
from huunghi.organisations.services import unit_create
from huunghi.records.models import Activity, Status

D = dt.date
pytestmark = pytest.mark.django_db


def _load() -> str:
    out = StringIO()
    call_command("load_reported_figures", stdout=out)
    return out.getvalue()


def _figure(unit_code: str, indicator: str) -> ReportedFigure:
    return ReportedFigure.objects.get(unit__code=unit_code, indicator=indicator)


def test_loader_is_idempotent():
    """A second run creates no figure, no unit and no audit event."""
    first = _load()
    counts = ReportedFigure.objects.count(), Unit.objects.count(), AuditEvent.objects.count()
    second = _load()
    assert counts[0] == len(CITED_FIGURES) == 14
    assert f"{len(CITED_FIGURES)} figures created" in first
    assert "0 figures created" in second
    assert (ReportedFigure.objects.count(), Unit.objects.count(), AuditEvent.objects.count()) == (
        counts
    )
    assert not Activity.objects.exists()


def test_figures_cite_their_article():
    _load()
    pairs = _figure("VN-BDBP", "twinning_pairs_post")
    assert (pairs.value, pairs.as_of, pairs.status) == (32, D(2022, 7, 16), Status.APPROVED)
    assert pairs.source_site == "Hữu nghị Bốn phương kết bạn"
    assert pairs.source_title.startswith("Hợp tác quốc phòng: Trụ cột quan trọng")
    assert (pairs.source_date, pairs.source_author) == (D(2022, 7, 16), "Hải An")
    assert "09:14 GMT+7" in pairs.note
    community = _figure("VN-CHQS-TN", "community_support_vnd")
    assert community.source_site == "Quân khu 7 Online"
    assert community.source_section == "Quốc phòng - An ninh > Đối ngoại Quốc phòng"
    assert (community.source_date, community.source_author) == (D(2022, 9, 3), "Quang Huy")
    assert (community.value, community.period_start, community.period_end) == (
        Decimal(500_000_000),
        D(2021, 1, 1),
        D(2021, 12, 31),
    )
    assert _figure("VN-CHQS-TN", "counterpart_support_vnd").value == 262_000_000


def test_qualifiers_and_periods_of_the_article():
    _load()
    examined = ReportedFigure.objects.get(indicator="people_examined")
    assert (examined.value, examined.qualifier) == (2000, "about")
    assert (examined.period_start, examined.period_end) == (D(2022, 5, 11), D(2022, 5, 20))
    aid = _figure("VN-BDBP", "aid_value_vnd")
    assert (aid.value, aid.qualifier) == (7_000_000_000, "at_least")
    pupils = {f.indicator: f.value for f in ReportedFigure.objects.filter(unit__code="VN-BDBP")}
    assert (pupils["pupils_supported_vn"], pupils["pupils_supported_kh"]) == (631, 84)
    assert pupils["twinning_pairs_cluster"] == 45


def test_remains_figures_cite_their_articles_and_add_up_without_double_counting():
    """National 2,899 (2021–2025) and 781 (season XXIV) sit where Tây Ninh's 490 lies
    beneath them; phase 1 of season XXV is 16 + 140 + 24 = 180 for Tây Ninh's committee.
    Each cites the article that published it (none has source "other")."""
    _load()
    remains = ReportedFigure.objects.filter(indicator="remains_recovered")
    assert "other" not in {f.source_kind for f in remains}
    by_value = {int(f.value): f for f in remains}
    assert (
        by_value[490].source_title == "Tây Ninh quy tập 490 hài cốt liệt sỹ hy sinh tại Campuchia"
    )
    assert by_value[490].source_date == D(2025, 10, 17)
    assert {by_value[v].source_site for v in (781, 490, 16, 140, 24)} == {"VietnamPlus (TTXVN)"}
    assert all(by_value[v].source_url.startswith("https://www.vietnamplus.vn/") for v in (781, 16))
    assert by_value[2899].source_kind == "document"
    national = Unit.objects.get(code="VN-MOD")
    assert set(remains.filter(unit=national).values_list("value", flat=True)) == {2899, 781}
    admin = user_with_role(Role.SYSTEM_ADMIN, national)

    def total(code, period):
        unit = Unit.objects.get(code=code)
        result = combine(
            indicator="remains_recovered", unit=unit, period=period, user=admin, record_totals={}
        )
        return result.value

    season_xxiv = Period(D(2024, 10, 1), D(2025, 7, 31))
    assert total("VN-MOD", Period(D(2021, 1, 1), D(2025, 12, 31))) == 2899
    assert total("VN-MOD", season_xxiv) == 781
    assert total("VN-CHQS-TN", season_xxiv) == 490
    assert total("VN-BCD515-TN", Period(D(2025, 11, 6), D(2025, 12, 10))) == 180


def test_people_examined_belongs_to_the_border_guard_command():
    """The festival-time examinations (about 2,000) are a Border Guard Command figure, so
    a Border Guard national viewer sees and counts it; the Ministry above sees it too."""
    _load()
    examined = ReportedFigure.objects.get(indicator="people_examined")
    assert examined.unit.code == "VN-BDBP"
    viewer = user_with_role(Role.VIEWER, examined.unit)
    from huunghi.reports.periods import Period as ReportPeriod
    from huunghi.reports.values import indicator_value

    value = indicator_value(
        user=viewer,
        indicator="people_examined",
        unit=examined.unit,
        period=ReportPeriod.years(2020, 2022),
    )
    assert (value.value, value.qualifier, value.origin) == (2000, "about", "figure")
    assert value.sources[0].site == "Hữu nghị Bốn phương kết bạn"


def test_a_corrected_attribution_moves_a_loaded_figure_once():
    """A figure loaded at the Ministry before the correction moves to the Border Guard
    Command on the next load, with one audit event; a third load changes nothing."""
    _load()
    examined = ReportedFigure.objects.get(indicator="people_examined")
    ReportedFigure.objects.filter(pk=examined.pk).update(
        unit=Unit.objects.get(code="VN-MOD"), note="old"
    )
    _load()
    examined.refresh_from_db()
    assert examined.unit.code == "VN-BDBP" and examined.note != "old"
    assert AuditEvent.objects.filter(action="reportedfigure.recite").count() == 1
    _load()
    assert AuditEvent.objects.filter(action="reportedfigure.recite").count() == 1


def test_missing_source_units_are_created_once():
    """The source units are created with the demo tree's parents, once."""
    units = ensure_source_units()
    assert units["VN-K71"].parent == units["VN-BCD515-TN"]
    assert units["VN-BCD515-TN"].parent == units["VN-CHQS-TN"]
    assert units["VN-CHQS-TN"].parent.parent == units["VN-MOD"]
    before = Unit.objects.count()
    ensure_source_units()
    assert Unit.objects.count() == before


def test_existing_demo_units_are_reused(world):
    existing = unit_create(
        code="VN-BDBP",
        name_vi="Bộ Tư lệnh Bộ đội Biên phòng",
        kind=UnitKind.COMMAND,
        country=world.vn,
        acting_user=SYSTEM,
    )
    _load()
    assert _figure("VN-BDBP", "twinning_pairs_post").unit == existing
    assert Unit.objects.filter(code="VN-BDBP").count() == 1
