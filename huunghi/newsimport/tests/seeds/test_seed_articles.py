"""Acceptance test: the two source articles (../shared/seeds beside the repository)
imported through the service with the real geography and the demo unit tree.

The articles are read from disk, never copied into the project; the tests skip when the
folder is absent.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from huunghi.accounts.models import Role, User
from huunghi.core.demo.organisations import load_demo_units
from huunghi.core.testing import user_with_role
from huunghi.geography.models import AdminLevel, AdminUnit
from huunghi.newsimport import services
from huunghi.newsimport.drafts import ActivityEdits, FigureEdits, place_choice
from huunghi.newsimport.models import NewsArticle, NewsProposal
from huunghi.newsimport.review import Lookups, proposal_form
from huunghi.organisations.models import Unit
from huunghi.records.models import Activity, ActivityKind, SourceType, Status

REPO_ROOT = Path(__file__).resolve().parents[4]
SEEDS = REPO_ROOT.parent / "shared" / "seeds"

pytestmark = [
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present"),
    pytest.mark.usefixtures("news", "geography"),
]


def _seed(marker: str) -> tuple[bytes, str]:
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_bytes()
        if marker.encode() in raw:
            return raw, path.name
    pytest.skip(f"no seed article containing {marker!r}")


@pytest.fixture
def units() -> dict[str, Unit]:
    load_demo_units()
    return {unit.code: unit for unit in Unit.objects.all()}


def _import(unit: Unit, marker: str) -> tuple[NewsArticle, User]:
    clerk = user_with_role(Role.CLERK, unit)
    raw, name = _seed(marker)
    return services.article_import(unit=unit, acting_user=clerk, raw=raw, filename=name), clerk


def _figure(article: NewsArticle, indicator: str) -> tuple[Decimal, str]:
    (proposal,) = article.proposals.filter(record_type="figure", indicator=indicator)
    quantity = proposal.payload["quantities"][0]
    return Decimal(quantity["value"]), quantity["qualifier"]


def _place(name: str, level: str, province: str) -> AdminUnit:
    return AdminUnit.objects.get(
        country__code="VN",
        level=level,
        name_vi=name,
        province__name_vi=province,
        valid_to__isnull=False,
    )


def test_friendship_article(units: dict[str, Unit]) -> None:
    """The 2022 festival at Lộc Ninh, its activities, and the programme's totals."""
    article, _clerk = _import(units["VN-BDBP-DN"], "Trụ cột quan trọng")
    assert article.published.date() == dt.date(2022, 7, 16)
    festival = article.proposals.get(kind="festival")
    assert festival.payload["date"]["start"] == "2022-05-11"
    loc_ninh = _place("Lộc Ninh", AdminLevel.DISTRICT, "Bình Phước")
    where = place_choice(festival.payload, "VN")
    assert where.place_id == loc_ninh.pk
    snuol = AdminUnit.objects.get(country__code="KH", level=AdminLevel.DISTRICT, name_vi="Snuol")
    assert snuol.pk in where.counterpart_ids
    parts = article.proposals.filter(payload__parent=festival.order)
    assert {"marker_salute", "joint_patrol", "tree_planting", "agreement"} <= {
        p.kind for p in parts
    }
    assert _figure(article, "twinning_pairs_post") == (32, "exact")
    assert _figure(article, "twinning_pairs_cluster") == (45, "exact")
    assert _figure(article, "pupils_supported_vn") == (631, "exact")
    assert _figure(article, "pupils_supported_kh") == (84, "exact")
    assert _figure(article, "aid_value_vnd") == (7_000_000_000, "at_least")
    medical = article.proposals.get(kind="medical_outreach")
    quantity = medical.payload["quantities"][0]
    assert (quantity["value"], quantity["qualifier"]) == ("2000", "about")
    agreement = article.proposals.get(kind="agreement")
    named = {u["id"] for u in agreement.payload["units"]}
    assert {f"unit:{units['VN-BDBP'].pk}", f"unit:{units['KH-GEND'].pk}"} <= named


def test_friendship_festival_accepted_keeps_its_historic_place(units: dict[str, Unit]) -> None:
    """Accepting the festival as proposed makes a draft at huyện Lộc Ninh (Bình Phước as it
    was in 2022), rolled up into today's Đồng Nai, citing the article."""
    article, clerk = _import(units["VN-BDBP-DN"], "Trụ cột quan trọng")
    festival = article.proposals.get(kind="festival")
    initial = proposal_form(festival, clerk, Lookups.load([festival])).initial
    edits = ActivityEdits(
        kind=initial["kind"],
        unit=initial["unit"],
        title=initial["title"],
        start_date=initial["start_date"],
        end_date=initial["end_date"],
        place=initial["place"],
        counterpart_places=initial["counterpart_places"],
        description=initial["description"],
    )
    activity = services.proposal_accept(proposal=festival, acting_user=clerk, edits=edits)
    assert isinstance(activity, Activity)
    assert activity.kind == ActivityKind.FESTIVAL and activity.status == Status.DRAFT
    assert (activity.start_date, activity.end_date) == (dt.date(2022, 5, 11), dt.date(2022, 5, 20))
    assert activity.place == _place("Lộc Ninh", AdminLevel.DISTRICT, "Bình Phước")
    assert activity.province_now.name_vi == "Đồng Nai"
    assert activity.source_type == SourceType.ENTERED
    assert "Trụ cột quan trọng" in activity.source_title


def test_tay_ninh_article(units: dict[str, Unit]) -> None:
    """500 million VND to the Vietnamese-origin community, 262 million VND of material
    support; the provincial command and teams K70, K71 are recognised."""
    article, _clerk = _import(units["VN-CHQS-TN"], "Quân khu 7 Online")
    assert article.site == "Quân khu 7 Online"
    assert _figure(article, "community_support_vnd") == (500_000_000, "exact")
    assert _figure(article, "counterpart_support_vnd") == (262_000_000, "exact")
    teams = {
        u["id"] for p in article.proposals.filter(kind="remains_search") for u in p.payload["units"]
    }
    assert {f"unit:{units['VN-K70'].pk}", f"unit:{units['VN-K71'].pk}"} <= teams
    yearly = NewsProposal.objects.filter(article=article, payload__date__start="2021-01-01")
    assert {"briefing_meeting", "joint_patrol", "crime_prevention"} <= {p.kind for p in yearly}
    command = f"unit:{units['VN-CHQS-TN'].pk}"
    assert all(command in {u["id"] for u in p.payload["units"]} for p in yearly)


def test_friendship_totals_and_visit_accepted(units: dict[str, Unit]) -> None:
    """The 32 post pairs become a draft figure as of the article's date, citing it; the
    ~2,000 people examined start the medical record's form; the school visited is named."""
    article, clerk = _import(units["VN-BDBP-DN"], "Trụ cột quan trọng")
    pairs = article.proposals.get(indicator="twinning_pairs_post")
    initial = proposal_form(pairs, clerk, Lookups.load([pairs])).initial
    assert initial["as_of"] == dt.date(2022, 7, 16)
    figure = services.proposal_accept(
        proposal=pairs,
        acting_user=clerk,
        edits=FigureEdits(
            indicator=initial["indicator"],
            unit=initial["unit"],
            value=initial["value"],
            qualifier=initial["qualifier"],
            as_of=initial["as_of"],
        ),
    )
    assert (figure.value, figure.status, figure.source_date) == (
        32,
        Status.DRAFT,
        dt.date(2022, 7, 16),
    )
    assert figure.source_title.startswith("Hợp tác quốc phòng")
    medical = article.proposals.get(kind="medical_outreach")
    form = proposal_form(medical, clerk, Lookups.load([medical]))
    assert form.initial["q_people_examined_value"] == 2000
    assert form.initial["q_people_examined_qualifier"] == "about"
    assert form.initial["end_date"] == dt.date(2022, 5, 10) and form.initial["start_date"] is None
    visit = article.proposals.get(kind="school_visit")
    visit_form = proposal_form(visit, clerk, Lookups.load([visit]))
    assert visit_form.initial["d_visited"] == "Trường Tiểu học Lộc Tấn A"
