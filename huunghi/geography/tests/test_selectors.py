"""Roll-up of places to provinces across dates, search and history."""

import datetime as dt

import pytest

from huunghi.geography import selectors
from huunghi.geography.models import AdminLevel, AdminUnit

pytestmark = pytest.mark.usefixtures("geography")

FESTIVAL_2022 = dt.date(2022, 5, 15)
AFTER_MERGER = dt.date(2025, 9, 1)


def _unit(country: str, code: str) -> AdminUnit:
    return AdminUnit.objects.get(country__code=country, code=code)


def _loc_ninh_district() -> AdminUnit:
    return AdminUnit.objects.get(
        country__code="VN", level=AdminLevel.DISTRICT, name_vi="Lộc Ninh", province__code="L70"
    )


def test_loc_ninh_district_rolls_up_to_binh_phuoc_then_dong_nai():
    """huyện Lộc Ninh, Bình Phước (2022) is Bình Phước in 2022 and Đồng Nai today."""
    loc_ninh = _loc_ninh_district()
    assert selectors.province_on(loc_ninh, FESTIVAL_2022).code == "L70"
    assert selectors.province_today(loc_ninh).code == "75"
    assert selectors.province_on(loc_ninh, AFTER_MERGER).name_vi == "Đồng Nai"


@pytest.mark.parametrize(
    ("legacy", "today"),
    [("L80", "Tây Ninh"), ("L91", "An Giang"), ("L62", "Quảng Ngãi"), ("L67", "Lâm Đồng")],
)
def test_legacy_provinces_roll_up_to_todays(legacy, today):
    """Long An → Tây Ninh, Kiên Giang → An Giang, Kon Tum → Quảng Ngãi, Đắk Nông → Lâm Đồng."""
    assert selectors.province_today(_unit("VN", legacy)).name_vi == today


def test_tien_giang_rolls_up_to_dong_thap_not_tay_ninh():
    """Tiền Giang and all its wards roll up to Đồng Tháp."""
    tien_giang = _unit("VN", "L82")
    assert selectors.province_today(tien_giang).code == "82"
    ward_targets = {
        selectors.province_today(w).code
        for w in AdminUnit.objects.filter(province=tien_giang, level=AdminLevel.COMMUNE)[:50]
    }
    assert ward_targets == {"82"}


def test_place_in_force_returns_its_own_province():
    """A current commune returns its province for any date in force."""
    commune = AdminUnit.objects.filter(province__code="80", level=AdminLevel.COMMUNE).first()
    assert selectors.province_on(commune, AFTER_MERGER).code == "80"


def test_newer_place_is_followed_back_through_its_predecessors():
    """Phường Long An (Tây Ninh, 2025) lay in Long An in 2022."""
    commune = _unit("VN", "27694")
    assert commune.province.code == "80"
    assert selectors.province_on(commune, FESTIVAL_2022).code == "L80"


def test_new_province_before_the_merger_is_the_one_whose_name_it_kept():
    """Tây Ninh (2025) on a 2022 date is the Tây Ninh of 2022, not Long An."""
    assert selectors.province_on(_unit("VN", "80"), FESTIVAL_2022).code == "L72"


def test_tbong_khmum_before_2013_is_kampong_cham():
    """A place in Tbong Khmum on a 2010 date rolls up to Kampong Cham."""
    memot = AdminUnit.objects.get(country__code="KH", level=AdminLevel.DISTRICT, code="2503")
    assert selectors.province_on(memot, dt.date(2010, 1, 1)).code == "03"
    assert selectors.province_today(memot).code == "25"


def test_province_on_needs_no_query_once_warm(django_assert_num_queries):
    """Saving a record costs no query for a historic or current place."""
    loc_ninh = _loc_ninh_district()
    selectors.province_today(loc_ninh)
    with django_assert_num_queries(0):
        selectors.province_today(loc_ninh)
        selectors.province_on(loc_ninh, FESTIVAL_2022)


def test_rollup_map_groups_historic_provinces_under_todays():
    """The report map sends Bình Phước and Đồng Nai (old) to Đồng Nai (new)."""
    rollup = selectors.province_rollup_map(AFTER_MERGER)
    assert rollup[_unit("VN", "L70").pk] == _unit("VN", "75").pk
    assert rollup[_unit("VN", "L75").pk] == _unit("VN", "75").pk
    assert rollup[_unit("VN", "75").pk] == _unit("VN", "75").pk
    assert rollup[_unit("KH", "25").pk] == _unit("KH", "25").pk
    before = selectors.province_rollup_map(FESTIVAL_2022)
    assert before[_unit("VN", "L70").pk] == _unit("VN", "L70").pk


def test_search_is_accent_insensitive_and_includes_history():
    """ "loc ninh" finds the legacy district first, with its validity."""
    results = selectors.place_search("loc ninh")
    assert results[0].level == AdminLevel.DISTRICT
    assert results[0].valid_to == dt.date(2025, 7, 1)
    assert results[0].province.name_vi == "Bình Phước"


def test_search_with_type_word_and_date():
    """ "Tỉnh Tây Ninh" in force on a 2022 date finds the Tây Ninh of 2022."""
    results = selectors.place_search("Tỉnh Tây Ninh", on_date=FESTIVAL_2022, level="province")
    assert [u.code for u in results] == ["L72"]


def test_search_by_code_country_and_khmer():
    """Codes, the country filter and Khmer names all find places."""
    assert selectors.place_search("L70")[0].name_vi == "Bình Phước"
    assert selectors.place_search("ratanak", country="KH")[0].code == "16"
    assert selectors.place_search("ត្បូងឃ្មុំ", level="province")[0].code == "25"
    assert selectors.place_search("   ") == []


def test_search_needs_one_query(django_assert_num_queries):
    """Results carry their province, parent and country without further queries."""
    with django_assert_num_queries(1):
        results = selectors.place_search("tan an")
        _ = [(u.province.name_vi, u.parent and u.parent.name_vi, u.country.code) for u in results]


def test_history_of_a_legacy_district_and_a_new_commune():
    """Lộc Ninh became Đồng Nai; Phường Long An was formed from legacy wards."""
    history = selectors.place_history(_loc_ninh_district())
    assert [s.unit.code for s in history.successors] == ["75"]
    assert history.predecessors == []
    commune_history = selectors.place_history(_unit("VN", "27694"))
    assert "L27691" in {s.unit.code for s in commune_history.predecessors}


def test_border_provinces_by_era():
    """Eight Vietnamese border provinces today, ten before the merger; nine in Cambodia."""
    today = {u.name_vi for u in selectors.border_provinces("VN")}
    assert today == {
        "Quảng Ngãi", "Gia Lai", "Đắk Lắk", "Lâm Đồng",
        "Đồng Nai", "Tây Ninh", "Đồng Tháp", "An Giang",
    }  # fmt: skip
    before = {u.name_vi for u in selectors.border_provinces("VN", FESTIVAL_2022)}
    assert before == {
        "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Bình Phước",
        "Tây Ninh", "Long An", "Đồng Tháp", "An Giang", "Kiên Giang",
    }  # fmt: skip
    cambodia = {u.name_vi for u in selectors.border_provinces("KH")}
    assert cambodia == {
        "Ratanakiri", "Mondulkiri", "Kratie", "Tbong Khmum", "Prey Veng",
        "Svay Rieng", "Kandal", "Takeo", "Kampot",
    }  # fmt: skip
    assert len(list(selectors.border_provinces("KH", dt.date(2010, 1, 1)))) == 8
