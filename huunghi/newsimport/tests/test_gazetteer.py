"""The database gazetteer: the system's places and units, the press's names for them,
dates, and the per-process cache."""

from __future__ import annotations

import datetime as dt

import pytest

from huunghi.core.testing import World, org_unit
from huunghi.newsimport import gazetteer as gazetteer_module
from huunghi.newsimport.aliases import unit_names
from huunghi.newsimport.extraction import MatchContext
from huunghi.newsimport.gazetteer import entry_id, gazetteer_clear, news_gazetteer, parse_entry_id
from huunghi.organisations.models import UnitKind

pytestmark = pytest.mark.usefixtures("news")
IN_2022 = MatchContext(on=dt.date(2022, 5, 12))


def _ids(text: str, context: MatchContext | None = None) -> list[str | None]:
    return [m.entry.id if m.entry else None for m in news_gazetteer().find(text, context)]


def test_places_of_both_countries_with_their_dates(world: World) -> None:
    """Historic places are found with their type word; their end date is kept."""
    text = "tại huyện Lộc Ninh, tỉnh Bình Phước và tỉnh Xvay Riêng"
    assert _ids(text, IN_2022) == [
        entry_id("place", world.loc_ninh_legacy.pk),
        entry_id("place", world.binh_phuoc_legacy.pk),
        entry_id("place", world.svay_rieng.pk),
    ]
    entry = news_gazetteer().get(entry_id("place", world.loc_ninh_legacy.pk))
    assert entry is not None and entry.valid_to == dt.date(2025, 6, 30)
    assert entry_id("place", world.dong_nai.pk) in entry.provinces


def test_units_by_the_names_the_press_uses(world: World) -> None:
    """Registered names, derived names and the expanded abbreviation all match."""
    assert _ids("Bộ đội Biên phòng tỉnh Tây Ninh") == [entry_id("unit", world.bdbp_tay_ninh.pk)]
    assert _ids("Đồn Biên phòng Xa Mát") == [entry_id("unit", world.post_xa_mat.pk)]
    assert _ids("Đồn BP Hoa Lư") == [entry_id("unit", world.post_hoa_lu.pk)]
    assert _ids("Bộ Chỉ huy Hiến binh tỉnh Svay Rieng") == [
        entry_id("unit", world.kh_svay_rieng.pk)
    ]


def test_generic_names_follow_the_province_context(world: World) -> None:
    """ "Bộ đội Biên phòng tỉnh" is the border guard of the province the text is about."""
    tay_ninh = MatchContext(provinces={entry_id("place", world.tay_ninh.pk): 2.0})
    assert _ids("Bộ đội Biên phòng tỉnh tổ chức", tay_ninh) == [
        entry_id("unit", world.bdbp_tay_ninh.pk)
    ]


def test_built_once_and_rebuilt_when_units_change(world: World, monkeypatch) -> None:
    """The same object is served until the data's version key changes."""
    first = news_gazetteer()
    assert news_gazetteer() is first
    monkeypatch.setattr(gazetteer_module, "VERSION_CHECK_SECONDS", 0.0)
    assert news_gazetteer() is first
    team = org_unit("Đội K99", parent=world.national, kind=UnitKind.SEARCH_TEAM)
    rebuilt = news_gazetteer()
    assert rebuilt is not first
    assert _ids("Đội K99 và K99") == [entry_id("unit", team.pk)] * 2
    gazetteer_clear()
    assert news_gazetteer() is not rebuilt


def test_entry_ids_round_trip() -> None:
    assert parse_entry_id(entry_id("place", 12)) == ("place", 12)
    assert parse_entry_id("gate:3:vn") is None and parse_entry_id(None) is None


@pytest.mark.parametrize(
    ("name", "expected", "generic"),
    [
        ("Bộ Chỉ huy Quân sự tỉnh Tây Ninh", "LLVT tỉnh Tây Ninh", "Bộ Chỉ huy Quân sự tỉnh"),
        ("Quân khu 2 (Campuchia)", "Quân khu 2", None),
        ("Quân khu 7", "Bộ Tư lệnh Quân khu 7", "Bộ Tư lệnh Quân khu"),
        ("Đội K70", "K70", None),
        ("Đồn Biên phòng Cửa khẩu Quốc tế Mộc Bài", "Đồn Biên phòng Mộc Bài", None),
        ("Bộ Tư lệnh Hiến binh Hoàng gia Campuchia", "Bộ Tư lệnh Hiến binh Campuchia", None),
    ],
)
def test_unit_aliases(name: str, expected: str, generic: str | None) -> None:
    names, generic_names = unit_names(name)
    assert expected in names
    assert generic is None or generic in generic_names
