"""Handover ceremonies and reburials move sets along, never backwards in time."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from huunghi.accounts.models import Role
from huunghi.core.actors import SYSTEM
from huunghi.remains import selectors, services
from huunghi.remains.models import Handover, Reburial
from huunghi.remains.tests.conftest import make_chain

D = dt.date


def handover(rw, sets, **overrides):
    values = {
        "unit": rw.bcd515,
        "held_on": D(2025, 1, 20),
        "kh_province": rw.svay_rieng,
        "vn_province": rw.tay_ninh_place,
        "remains_count": sum(s.count for s in sets) or 1,
        "sets": sets,
        "acting_user": SYSTEM,
    }
    values.update(overrides)
    return services.handover_create(**values)


def test_handover_moves_sets_with_the_ceremony_date(rw):
    _, _, _, sets = make_chain(rw, rw.k71, recovered=3, sets=(1, 2))
    ceremony = handover(rw, sets)
    for remains_set in sets:
        remains_set.refresh_from_db()
        assert (remains_set.status, remains_set.status_on) == ("handed_over", D(2025, 1, 20))
        assert remains_set.handover == ceremony
        latest = selectors.status_history(remains_set).first()
        assert (latest.from_value, latest.to_value) == ("recovered", "handed_over")


def test_handover_before_excavation_refused_and_nothing_stored(rw):
    _, _, _, sets = make_chain(rw, rw.k71, start=D(2024, 11, 10))
    with pytest.raises(ValidationError) as exc:
        handover(rw, sets, held_on=D(2024, 11, 5))
    assert "cannot be before" in exc.value.message_dict["held_on"][0]
    assert Handover.objects.count() == 0
    sets[0].refresh_from_db()
    assert sets[0].status == "recovered"


def test_declared_number_smaller_than_the_sets_refused(rw):
    _, _, _, sets = make_chain(rw, rw.k71, recovered=3, sets=(1, 2))
    with pytest.raises(ValidationError) as exc:
        handover(rw, sets, remains_count=2)
    assert "hold 3 remains" in exc.value.message_dict["remains_count"][0]


def test_sets_of_a_team_outside_the_unit_refused(rw):
    _, _, _, sets = make_chain(rw, rw.k72)
    with pytest.raises(ValidationError) as exc:
        handover(rw, sets)
    assert "outside" in exc.value.message_dict["sets"][0]


def test_a_set_is_handed_over_only_once(rw):
    _, _, _, sets = make_chain(rw, rw.k71)
    handover(rw, sets)
    with pytest.raises(ValidationError) as exc:
        handover(rw, sets, held_on=D(2025, 1, 25))
    assert "cannot be included" in exc.value.message_dict["sets"][0]


def test_provinces_must_be_on_the_right_side(rw):
    _, _, _, sets = make_chain(rw, rw.k71)
    with pytest.raises(ValidationError) as exc:
        handover(rw, sets, kh_province=rw.tay_ninh_place)
    assert exc.value.message_dict["kh_province"] == ["Choose a place in Cambodia."]
    with pytest.raises(ValidationError) as exc:
        handover(rw, sets, vn_province=rw.kratie)
    assert exc.value.message_dict["vn_province"] == ["Choose a place in Vietnam."]


def test_handover_without_listed_sets_keeps_the_declared_number(rw):
    ceremony = handover(rw, [], remains_count=12)
    assert ceremony.remains_count == 12


def test_team_clerk_cannot_record_for_the_committee(rw):
    clerk = rw.world.user(Role.CLERK, rw.k71)
    _, _, _, sets = make_chain(rw, rw.k71)
    with pytest.raises(PermissionDenied):
        handover(rw, sets, acting_user=clerk)


def test_reburial_after_handover(rw):
    _, _, _, sets = make_chain(rw, rw.k71)
    handover(rw, sets)
    reburial = services.reburial_create(
        unit=rw.bcd515,
        held_on=D(2025, 1, 25),
        cemetery_name="[DEMO] Nghĩa trang",
        place=rw.tay_ninh_place,
        sets=sets,
        acting_user=SYSTEM,
    )
    sets[0].refresh_from_db()
    assert (sets[0].status, sets[0].reburial) == ("reburied", reburial)
    assert [c.to_value for c in selectors.status_history(sets[0])][::-1] == [
        "recovered",
        "handed_over",
        "reburied",
    ]


def test_reburial_before_handover_refused(rw):
    _, _, _, sets = make_chain(rw, rw.k71)
    handover(rw, sets)
    with pytest.raises(ValidationError) as exc:
        services.reburial_create(
            unit=rw.bcd515,
            held_on=D(2025, 1, 19),
            cemetery_name="C",
            place=rw.tay_ninh_place,
            sets=sets,
            acting_user=SYSTEM,
        )
    assert "before" in exc.value.message_dict["held_on"][0]
    assert Reburial.objects.count() == 0


def test_reburial_of_sets_not_handed_over_refused(rw):
    _, _, _, sets = make_chain(rw, rw.k71)
    with pytest.raises(ValidationError) as exc:
        services.reburial_create(
            unit=rw.bcd515,
            held_on=D(2025, 1, 25),
            cemetery_name="C",
            place=rw.tay_ninh_place,
            sets=sets,
            acting_user=SYSTEM,
        )
    assert "cannot be included" in exc.value.message_dict["sets"][0]


def test_handover_unit_must_belong_to_the_remains_chain(rw):
    _, _, _, sets = make_chain(rw, rw.k71)
    with pytest.raises(ValidationError) as exc:
        handover(rw, sets, unit=rw.world.bdbp_tay_ninh)
    assert "steering committee 515" in exc.value.message_dict["unit"][0]
