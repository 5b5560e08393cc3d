"""Service rules that span models: geography by date, festivals and their parts,
counterparts, quantities and the registries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from huunghi.audit.models import AuditEvent
from huunghi.core.models import Qualifier
from huunghi.records import services
from huunghi.records.models import Activity, Measure, TwinningKind, TwinningStatus
from huunghi.records.services.registries import add_years
from huunghi.records.tests.helpers import DAY, counts, make_activity


def test_historic_place_keeps_its_province_and_rolls_up_to_today(world, people):
    """A 2022 record at Lộc Ninh, Bình Phước keeps that place and rolls up into Đồng Nai."""
    clerk = services  # noqa: F841 - readability
    from huunghi.core.testing import user_with_role

    dn_clerk = user_with_role("clerk", world.post_hoa_lu)
    activity = make_activity(
        world,
        dn_clerk,
        unit=world.post_hoa_lu,
        place=world.loc_ninh_legacy,
        start_date=dt.date(2022, 5, 15),
    )
    assert activity.place == world.loc_ninh_legacy
    assert activity.province_then == world.binh_phuoc_legacy
    assert activity.province_now == world.dong_nai


def test_place_of_the_other_country_is_allowed(world, people):
    activity = make_activity(world, people.post_clerk, place=world.svay_rieng)
    assert activity.province_now == world.svay_rieng
    assert activity.country == world.vn


def test_quantities_keep_their_qualifier_and_refuse_negatives(world, people):
    activity = make_activity(
        world,
        people.post_clerk,
        kind="medical_outreach",
        details={"beneficiaries": "both"},
        quantities=[services.QuantityIn(Measure.PEOPLE_EXAMINED, 2000, Qualifier.ABOUT)],
    )
    row = activity.quantities.get()
    assert (row.value, row.qualifier) == (Decimal("2000.00"), Qualifier.ABOUT)
    before = counts()
    with pytest.raises(ValidationError) as exc:
        make_activity(
            world,
            people.post_clerk,
            kind="medical_outreach",
            details={"beneficiaries": "both"},
            quantities=[services.QuantityIn(Measure.PEOPLE_EXAMINED, -1)],
        )
    assert "People examined cannot be negative." in exc.value.messages
    assert counts() == before


def test_quantity_not_offered_for_kind_is_refused(world, people):
    with pytest.raises(ValidationError) as exc:
        make_activity(world, people.post_clerk, quantities=[services.QuantityIn(Measure.TREES, 5)])
    assert "Trees planted is not recorded for this kind." in exc.value.messages


def test_unknown_detail_keys_are_refused(world, people):
    """Nothing outside the kind's declared details is stored (no routes, positions…)."""
    with pytest.raises(ValidationError) as exc:
        make_activity(
            world,
            people.post_clerk,
            kind="joint_patrol",
            details={"markers": "229", "findings": "ok", "route": "A→B"},
        )
    assert any("route" in m for m in exc.value.messages)


def test_festival_parts_must_fall_within_its_dates(world, people):
    festival = make_activity(
        world,
        people.province_clerk,
        kind="festival",
        unit=world.bdbp_tay_ninh,
        start_date=dt.date(2025, 10, 18),
        end_date=dt.date(2025, 10, 20),
        details={},
    )
    part = make_activity(
        world,
        people.post_clerk,
        kind="tree_planting",
        details={},
        parent=festival,
        start_date=dt.date(2025, 10, 19),
    )
    assert list(festival.children.all()) == [part]
    with pytest.raises(ValidationError) as exc:
        make_activity(
            world,
            people.post_clerk,
            kind="tree_planting",
            details={},
            parent=festival,
            start_date=dt.date(2025, 10, 21),
        )
    assert "parent" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.activity_update(
            activity=festival, acting_user=people.province_clerk, end_date=dt.date(2025, 10, 18)
        )
    assert "end_date" in exc.value.message_dict


def test_parent_must_be_a_festival_of_a_unit_in_scope(world, people):
    not_festival = make_activity(world, people.post_clerk)
    with pytest.raises(ValidationError) as exc:
        make_activity(
            world, people.post_clerk, kind="tree_planting", details={}, parent=not_festival
        )
    assert "parent" in exc.value.message_dict
    from huunghi.core.testing import user_with_role

    dn_clerk = user_with_role("clerk", world.bdbp_dong_nai)
    dn_festival = make_activity(
        world, dn_clerk, kind="festival", unit=world.bdbp_dong_nai, place=world.dong_nai, details={}
    )
    with pytest.raises(ValidationError) as exc:
        make_activity(
            world, people.post_clerk, kind="tree_planting", details={}, parent=dn_festival
        )
    assert "parent" in exc.value.message_dict


def test_counterpart_rules(world, people):
    with pytest.raises(ValidationError) as exc:
        make_activity(
            world,
            people.post_clerk,
            counterparts=[services.CounterpartIn(world.post_xa_mat)],
        )
    assert "counterparts" in exc.value.message_dict
    with pytest.raises(ValidationError):
        make_activity(
            world,
            people.post_clerk,
            counterparts=[services.CounterpartIn(world.kh_post_bavet)] * 2,
        )


def test_marker_count_fills_the_markers_quantity(world, people):
    patrol = make_activity(
        world,
        people.post_clerk,
        kind="joint_patrol",
        details={"markers": "229/12; 230 (2)\n231", "findings": "Markers in good condition."},
    )
    assert patrol.details["markers"] == ["229/12", "230 (2)", "231"]
    assert patrol.quantities.get(measure=Measure.MARKERS).value == 3


def test_facility_inauguration_links_the_facility(world, people):
    facility = services.facility_create(
        acting_user=people.post_clerk, name="Clinic", kind="clinic", unit=world.post_xa_mat
    )
    activity = make_activity(
        world, people.post_clerk, kind="facility_inauguration", details={}, link=facility
    )
    facility.refresh_from_db()
    assert facility.inauguration == activity
    assert facility.inaugurated_on == DAY
    assert AuditEvent.objects.filter(action="facility.link").count() == 1


def test_twinning_review_links_the_pair(world, people):
    pair = services.twinning_create(
        acting_user=people.post_clerk,
        kind=TwinningKind.CLUSTER_PAIR,
        unit=world.post_xa_mat,
        vn_place_text="Ấp Vườn Bưởi",
        kh_place_text="Phum Cốc Tho Mo",
        started_on=dt.date(2017, 5, 1),
    )
    review = make_activity(
        world,
        people.post_clerk,
        kind="twinning_review",
        details={"review_type": "interim"},
        link=pair,
    )
    assert list(pair.reviews.all()) == [review]


def test_twinning_rules(world, people):
    with pytest.raises(ValidationError) as exc:
        services.twinning_create(
            acting_user=people.post_clerk,
            kind=TwinningKind.POST_PAIR,
            unit=world.post_xa_mat,
            vn_unit=world.kh_post_bavet,
            kh_unit=world.post_xa_mat,
            started_on=DAY,
        )
    assert {"vn_unit", "kh_unit"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        services.twinning_create(
            acting_user=people.post_clerk,
            kind=TwinningKind.CLUSTER_PAIR,
            unit=world.post_xa_mat,
            vn_place_text="A",
            kh_place_text="B",
            started_on=DAY,
            status=TwinningStatus.ENDED,
        )
    assert "ended_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.twinning_create(
            acting_user=people.post_clerk,
            kind=TwinningKind.CLUSTER_PAIR,
            unit=world.post_hoa_lu,
            vn_place_text="A",
            kh_place_text="B",
            started_on=DAY,
        )
    assert "unit" in exc.value.message_dict


def test_agreement_expiry_from_term(world, people):
    agreement = services.agreement_create(
        acting_user=people.province_clerk,
        title="Agreement",
        unit=world.bdbp_tay_ninh,
        parties=[world.bdbp_tay_ninh, world.kh_svay_rieng],
        signed_on=dt.date(2024, 2, 29),
        term_years=5,
    )
    assert agreement.expires_on == dt.date(2029, 2, 28)
    assert add_years(dt.date(2022, 5, 15), 3) == dt.date(2025, 5, 15)
    with pytest.raises(ValidationError) as exc:
        services.agreement_create(
            acting_user=people.province_clerk,
            title="Bad",
            unit=world.bdbp_tay_ninh,
            parties=[world.bdbp_tay_ninh],
            signed_on=DAY,
            expires_on=DAY,
        )
    assert {"parties", "expires_on"} <= set(exc.value.message_dict)


def test_create_is_audited_with_related_rows(world, people):
    activity = make_activity(
        world,
        people.post_clerk,
        quantities=[services.QuantityIn(Measure.VALUE_VND, "262000000")],
        counterparts=[services.CounterpartIn(world.kh_post_bavet, shared=True)],
    )
    event = AuditEvent.objects.get(action="activity.create", target_id=str(activity.pk))
    assert event.actor == people.post_clerk
    assert event.unit == world.post_xa_mat
    assert event.changes["quantities"][1] == {"value_vnd": "262000000 exact"}
    assert event.changes["counterparts"][1] == [f"{world.kh_post_bavet.pk}:counterpart:shared"]
    assert Activity.objects.count() == 1


@pytest.mark.parametrize("who", ["anonymous", "system"])
def test_nobody_but_a_member_creates_a_record(world, people, who):
    """Anonymous and the system actor are refused by the policy with a message on the unit,
    not by a database error, and nothing is stored."""
    from django.contrib.auth.models import AnonymousUser

    from huunghi.core.actors import SYSTEM

    actor = AnonymousUser() if who == "anonymous" else SYSTEM
    before = counts()
    with pytest.raises(ValidationError) as refused:
        make_activity(world, actor)
    assert "unit" in refused.value.message_dict
    assert counts() == before
