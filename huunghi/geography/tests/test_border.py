"""Border reference data: facing provinces, gates, figures and marker validation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from huunghi.audit.models import AuditEvent
from huunghi.core.models import Qualifier
from huunghi.core.testing import org_unit
from huunghi.geography import selectors
from huunghi.geography.models import (
    AdminUnit,
    BorderGatePair,
    BorderMarker,
    BorderProvincePair,
    MarkerKind,
    ReferenceFact,
)
from huunghi.geography.services import border_reference_load, marker_create, marker_update

pytestmark = pytest.mark.usefixtures("geography")


def _unit(country: str, code: str) -> AdminUnit:
    return AdminUnit.objects.get(country__code=country, code=code)


def test_tay_ninh_faces_svay_rieng_prey_veng_and_tbong_khmum():
    """Tây Ninh's segment (240 km) faces three Cambodian provinces."""
    names = {u.name_vi for u in selectors.facing_provinces(_unit("VN", "L72"))}
    assert names == {"Svay Rieng", "Prey Veng", "Tbong Khmum"}
    segment = ReferenceFact.objects.get(key="segment-tay-ninh")
    assert segment.value == Decimal(240)
    assert segment.place.code == "L72"


def test_todays_tay_ninh_also_holds_long_ans_segment():
    """Since 2025 Tây Ninh (with Long An) faces the same three provinces."""
    names = {u.name_vi for u in selectors.facing_provinces(_unit("VN", "80"))}
    assert names == {"Svay Rieng", "Prey Veng", "Tbong Khmum"}


def test_cambodian_province_faces_provinces_of_the_date():
    """Prey Veng faces Tây Ninh and Đồng Tháp today, and Long An too before 2025."""
    prey_veng = _unit("KH", "14")
    assert {u.name_vi for u in selectors.facing_provinces(prey_veng)} == {"Tây Ninh", "Đồng Tháp"}
    before = selectors.facing_provinces(prey_veng, dt.date(2022, 5, 15))
    assert {u.code for u in before} == {"L72", "L80", "L87"}


def test_every_border_province_has_a_pair():
    """All 10 legacy Vietnamese and 9 Cambodian border provinces appear in a pair."""
    pairs = BorderProvincePair.objects.all()
    assert len({p.vn_legacy_province_id for p in pairs}) == 10
    assert len({p.kh_province_id for p in pairs}) == 9
    assert {p.vn_province.valid_to for p in pairs} == {None}


def test_eleven_international_gate_pairs():
    """The 11 gate pairs, each with provinces on both sides."""
    gates = {(g.vn_name, g.kh_name): g for g in BorderGatePair.objects.all()}
    assert len(gates) == 11
    moc_bai = gates["Mộc Bài", "Bavet"]
    assert (moc_bai.vn_province.code, moc_bai.kh_province.name_vi) == ("80", "Svay Rieng")
    hoa_lu = gates["Hoa Lư", "Trapeang Sre"]
    assert (hoa_lu.vn_legacy_province.name_vi, hoa_lu.vn_province.name_vi) == (
        "Bình Phước",
        "Đồng Nai",
    )


def test_2019_marker_figures_with_qualifiers_and_sources():
    """Published figures keep their qualifier, date and source."""
    facts = {f.key: f for f in ReferenceFact.objects.all()}
    assert facts["border-length"].value == 1137
    assert facts["border-length"].qualifier == Qualifier.ABOUT
    assert facts["demarcated-share"].value == 84
    assert facts["main-markers"].value == 315
    assert facts["main-marker-locations"].value == 264
    assert facts["auxiliary-markers"].value == 1511
    assert facts["marker-posts"].value == 221
    assert all(f.source_title for f in facts.values())


def test_border_reference_load_is_idempotent():
    """A second run of the border loader writes nothing, and no marker is invented."""
    assert border_reference_load().written == 0
    assert not BorderMarker.objects.exists()


@pytest.mark.parametrize("number", ["229", "229/12", "47/7 (2)", "47/7(2)", "1"])
def test_valid_marker_numbers(number):
    """Main, auxiliary and double-marker numbers are accepted."""
    BorderMarker(number=number, kind=MarkerKind.MAIN).full_clean(exclude=["unit"])


@pytest.mark.parametrize("number", ["", "abc", "229-12", "229/", "/12", "1234", "229/12/3"])
def test_bad_marker_numbers_are_rejected_naming_the_field(number):
    """A bad number fails validation on the marker number field with a clear message."""
    with pytest.raises(ValidationError) as error:
        BorderMarker(number=number, kind=MarkerKind.MAIN).full_clean()
    assert "number" in error.value.message_dict
    if number:
        assert "marker number" in error.value.message_dict["number"][0]


def test_marker_services_validate_and_audit(django_user_model):
    """Markers are written through services that validate and leave an audit row."""
    user = django_user_model.objects.create_user(username="geo-admin", password="x" * 16)
    user.is_superuser = True
    user.save()
    marker = marker_create(
        acting_user=user,
        number="229/12",
        kind=MarkerKind.AUXILIARY,
        unit=org_unit("Đồn Biên phòng Xa Mát"),
        province=_unit("VN", "80"),
        is_synthetic=True,
    )
    marker_update(marker=marker, acting_user=user, notes="Checked")
    actions = AuditEvent.objects.filter(
        target_type="geography.bordermarker", target_id=str(marker.pk)
    ).values_list("action", flat=True)
    assert sorted(actions) == ["bordermarker.create", "bordermarker.update"]
    with pytest.raises(ValidationError):
        marker_update(marker=marker, acting_user=user, number="bad")
