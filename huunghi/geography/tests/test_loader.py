"""The geography loader: counts, names, border flags, successions and idempotency."""

import datetime as dt

import pytest
from django.core.management import call_command

from huunghi.geography.models import AdminLevel, AdminUnit, PlaceSuccession
from huunghi.geography.services import geography_load

pytestmark = pytest.mark.usefixtures("geography")

NEW_ERA = dt.date(2025, 7, 1)


def _count(country: str, level: str, *, historic: bool | None = None) -> int:
    units = AdminUnit.objects.filter(country__code=country, level=level)
    if historic is not None:
        units = units.filter(valid_to__isnull=not historic)
    return units.count()


def _unit(country: str, code: str) -> AdminUnit:
    return AdminUnit.objects.get(country__code=country, code=code)


def test_vietnam_counts_of_both_eras():
    """34 provinces and 3,321 communes in force; 63, 696 and 10,051 legacy units."""
    assert _count("VN", AdminLevel.PROVINCE, historic=False) == 34
    assert _count("VN", AdminLevel.COMMUNE, historic=False) == 3321
    assert _count("VN", AdminLevel.PROVINCE, historic=True) == 63
    assert _count("VN", AdminLevel.DISTRICT, historic=True) == 696
    assert _count("VN", AdminLevel.COMMUNE, historic=True) == 10051
    assert _count("VN", AdminLevel.DISTRICT, historic=False) == 0


def test_cambodia_counts():
    """25 provinces, 210 districts, 1,661 communes and 14,576 villages."""
    assert _count("KH", AdminLevel.PROVINCE) == 25
    assert _count("KH", AdminLevel.DISTRICT) == 210
    assert _count("KH", AdminLevel.COMMUNE) == 1661
    assert _count("KH", AdminLevel.VILLAGE) == 14576


def test_countries_have_three_names():
    """Vietnam, Cambodia, Laos and China exist with Vietnamese, Khmer and English names."""
    from huunghi.geography.models import Country

    countries = {c.code: c for c in Country.objects.all()}
    assert set(countries) >= {"VN", "KH", "LA", "CN"}
    assert countries["KH"].name_vi == "Campuchia"
    assert countries["KH"].name_km == "កម្ពុជា"
    assert countries["LA"].name_en == "Laos"


def test_second_run_writes_nothing(geography):
    """Running the loader again creates and updates nothing."""
    assert geography.first.written > 30000
    second = geography_load()
    assert second.written == 0
    assert all(t.created == 0 and t.updated == 0 for t in second.tallies.values())
    assert sum(t.unchanged for t in second.tallies.values()) == geography.first.written


def test_load_geography_command_reports_nothing_to_do(capsys):
    """The management command prints its tallies and changes nothing on a loaded database."""
    call_command("load_geography")
    out = capsys.readouterr().out
    assert "VN units: 0 created, 0 updated, 14165 unchanged" in out
    assert "KH units: 0 created, 0 updated, 16472 unchanged" in out


def test_eras_are_dated():
    """New units start on 1 July 2025; legacy units end that day."""
    assert _unit("VN", "80").valid_from == NEW_ERA
    assert _unit("VN", "80").valid_to is None
    assert _unit("VN", "L72").valid_to == NEW_ERA


def test_vietnamese_names_are_split_from_their_type():
    """ "Tỉnh Tây Ninh" is stored as type "Tỉnh" and name "Tây Ninh"; numbered units keep it."""
    tay_ninh = _unit("VN", "80")
    assert (tay_ninh.kind_name, tay_ninh.name_vi, tay_ninh.name_en) == (
        "Tỉnh",
        "Tây Ninh",
        "Tay Ninh",
    )
    assert tay_ninh.full_name_vi == "Tỉnh Tây Ninh"
    assert tay_ninh.search_name == "tay ninh"
    ward = _unit("VN", "L27691")
    assert (ward.kind_name, ward.name_vi, ward.name_en) == ("Phường", "Phường 4", "Ward 4")
    assert ward.full_name_vi == "Phường 4"


def test_legacy_codes_are_prefixed_and_official_codes_kept():
    """Legacy Bình Phước is L70 (official 70); new Đồng Nai is 75."""
    binh_phuoc = _unit("VN", "L70")
    assert binh_phuoc.name_vi == "Bình Phước"
    assert binh_phuoc.official_code == "70"
    assert _unit("VN", "75").name_vi == "Đồng Nai"


def test_every_unit_has_its_province():
    """Each unit points to its province; a province points to itself."""
    assert not AdminUnit.objects.filter(province__isnull=True).exists()
    assert _unit("VN", "L70").province_id == _unit("VN", "L70").pk
    loc_ninh = AdminUnit.objects.get(country__code="VN", level="district", name_vi="Lộc Ninh")
    assert loc_ninh.province.code == "L70"
    assert loc_ninh.parent.code == "L70"


def test_mis_tagged_ward_lies_in_long_an():
    """Phường 4 of Tân An lies in Long An, whatever the package's conversion table says."""
    ward = _unit("VN", "L27691")
    assert ward.province.code == "L80"
    assert ward.parent.name_vi == "Tân An"


@pytest.mark.parametrize(
    ("legacy", "new"),
    [
        ("L62", "51"),  # Kon Tum → Quảng Ngãi
        ("L64", "52"),  # Gia Lai → Gia Lai
        ("L66", "66"),  # Đắk Lắk → Đắk Lắk
        ("L67", "68"),  # Đắk Nông → Lâm Đồng
        ("L70", "75"),  # Bình Phước → Đồng Nai
        ("L72", "80"),  # Tây Ninh → Tây Ninh
        ("L80", "80"),  # Long An → Tây Ninh
        ("L82", "82"),  # Tiền Giang → Đồng Tháp
        ("L87", "82"),  # Đồng Tháp → Đồng Tháp
        ("L89", "91"),  # An Giang → An Giang
        ("L91", "91"),  # Kiên Giang → An Giang
    ],
)
def test_province_merges_match_the_2025_reorganisation(legacy, new):
    """Each legacy province has exactly one successor, the merged province."""
    successors = PlaceSuccession.objects.filter(
        predecessor=_unit("VN", legacy), successor__level=AdminLevel.PROVINCE
    )
    assert [s.successor.code for s in successors] == [new]
    assert successors.get().whole


def test_tien_giang_goes_to_dong_thap_only():
    """The package's stray Tiền Giang → Tây Ninh link is not loaded."""
    tay_ninh_sources = PlaceSuccession.objects.filter(
        successor=_unit("VN", "80"), predecessor__level=AdminLevel.PROVINCE
    ).values_list("predecessor__code", flat=True)
    assert sorted(tay_ninh_sources) == ["L72", "L80"]


def test_every_legacy_province_and_district_has_a_successor():
    """All 63 provinces and 696 districts point to a new province (or island zone)."""
    for level, expected in ((AdminLevel.PROVINCE, 63), (AdminLevel.DISTRICT, 696)):
        with_successor = (
            AdminUnit.objects.filter(country__code="VN", level=level, successions__isnull=False)
            .distinct()
            .count()
        )
        assert with_successor == expected


def test_split_ward_is_marked_partial():
    """A legacy ward divided between communes has whole=False on each succession."""
    split = PlaceSuccession.objects.filter(
        predecessor__country__code="VN", predecessor__level=AdminLevel.COMMUNE, whole=False
    )
    assert split.exists()
    sample = split.first().predecessor
    assert sample.successions.count() >= 1


def test_border_flags():
    """10 legacy and 8 new Vietnamese border provinces, 9 Cambodian."""
    vn = AdminUnit.objects.filter(country__code="VN", is_border=True)
    assert vn.filter(valid_to__isnull=False).count() == 10
    assert vn.filter(valid_to__isnull=True).count() == 8
    assert AdminUnit.objects.filter(country__code="KH", is_border=True).count() == 9
    assert not AdminUnit.objects.filter(is_border=True).exclude(level=AdminLevel.PROVINCE).exists()


def test_border_provinces_have_centroids():
    """Every border province has an approximate centre for the map."""
    missing = AdminUnit.objects.filter(is_border=True, latitude__isnull=True)
    assert list(missing) == []


def test_cambodian_names():
    """Khmer and English names from MEF; conventional Vietnamese names for border provinces."""
    tbong_khmum = _unit("KH", "25")
    assert tbong_khmum.name_vi == "Tbong Khmum"
    assert tbong_khmum.name_en == "Tboung Khmum"
    assert tbong_khmum.name_km == "ត្បូងឃ្មុំ"
    assert "tbong khmum" in tbong_khmum.search_name
    assert "tboung khmum" in tbong_khmum.search_name
    assert _unit("KH", "10").name_vi == "Kratie"
    assert _unit("KH", "12").kind_name == "Thủ đô"


def test_tbong_khmum_split_from_kampong_cham_in_2013():
    """Tbong Khmum is in force since 2013 and succeeds part of Kampong Cham."""
    tbong_khmum = _unit("KH", "25")
    assert tbong_khmum.valid_from == dt.date(2013, 12, 31)
    link = PlaceSuccession.objects.get(successor=tbong_khmum)
    assert link.predecessor.code == "03"
    assert not link.whole
    assert _unit("KH", "03").valid_to is None


def test_shared_village_codes_are_made_unique():
    """Villages sharing a published code are stored as <code>#<n>, official code kept."""
    shared = AdminUnit.objects.filter(country__code="KH", official_code="08120101")
    assert sorted(shared.values_list("code", flat=True)) == [
        "08120101#1",
        "08120101#2",
        "08120101#3",
    ]


def test_villages_of_the_unlisted_commune_hang_from_their_district():
    """Commune 120913 is missing upstream; its villages belong to district 1209."""
    villages = AdminUnit.objects.filter(country__code="KH", code__startswith="120913")
    assert villages.count() == 13
    assert {v.parent.code for v in villages} == {"1209"}
