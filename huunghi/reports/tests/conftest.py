"""Fixtures of the reports tests: a handful of activities whose totals are known."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from huunghi.accounts.models import Role
from huunghi.core.testing import REFORM_DATE, place
from huunghi.geography.models import AdminUnit, PlaceSuccession
from huunghi.geography.selectors import clear_geography_cache
from huunghi.records.models import Activity, ActivityKind, Measure, Status
from huunghi.reports.tests.factories import ABOUT, AT_LEAST, EXACT, make_activity


@pytest.fixture(autouse=True)
def _fresh_province_graph():
    """The geography app caches its province graph across tests; start each test afresh."""
    clear_geography_cache()
    yield
    clear_geography_cache()


@dataclass
class Story:
    """Six activities (see :func:`story`) and the world they live in."""

    world: object
    tay_ninh_legacy: AdminUnit
    loc_ninh_2022: Activity
    xa_mat_march: Activity
    xa_mat_long_an: Activity
    tay_ninh_aid: Activity
    bavet_visit: Activity
    xa_mat_shared: Activity


@pytest.fixture
def story(world) -> Story:
    """Hand-checked data:

    ======================  ==========  ==============  ===================  ========
    activity                date        unit            quantity             status
    ======================  ==========  ==============  ===================  ========
    loc_ninh_2022           2022-05-15  post Hoa Lư     people 2000 about    approved
    xa_mat_march            2024-03-10  post Xa Mát     people 150           approved
    xa_mat_long_an          2024-03-20  post Xa Mát     people 50 at least   draft
    tay_ninh_aid            2024-07-01  BĐBP Tây Ninh   VND 262,000,000      approved
    bavet_visit             2024-08-08  KH post Bavet   –                    approved
    xa_mat_shared           2024-11-30  post Xa Mát     participants 120 ab. approved
    ======================  ==========  ==============  ===================  ========

    The first happened at Lộc Ninh (legacy district of legacy Bình Phước, today
    Đồng Nai); the third at legacy Long An, the others in Vietnam at legacy Tây Ninh
    (both today's Tây Ninh). The last is shared with the Svay Rieng gendarmerie.
    """
    w = world
    tay_ninh_legacy = place("Tây Ninh", code="L72", valid_to=REFORM_DATE)
    PlaceSuccession.objects.create(
        predecessor=tay_ninh_legacy, successor=w.tay_ninh, on_date=REFORM_DATE
    )
    clear_geography_cache()
    medical = ActivityKind.MEDICAL_OUTREACH
    return Story(
        world=w,
        tay_ninh_legacy=tay_ninh_legacy,
        loc_ninh_2022=make_activity(
            unit=w.post_hoa_lu,
            start=dt.date(2022, 5, 15),
            place=w.loc_ninh_legacy,
            kind=medical,
            quantities=[(Measure.PEOPLE_EXAMINED, 2000, ABOUT)],
            status=Status.APPROVED,
        ),
        xa_mat_march=make_activity(
            unit=w.post_xa_mat,
            start=dt.date(2024, 3, 10),
            place=tay_ninh_legacy,
            kind=medical,
            quantities=[(Measure.PEOPLE_EXAMINED, 150, EXACT)],
            status=Status.APPROVED,
        ),
        xa_mat_long_an=make_activity(
            unit=w.post_xa_mat,
            start=dt.date(2024, 3, 20),
            place=w.long_an_legacy,
            kind=medical,
            quantities=[(Measure.PEOPLE_EXAMINED, 50, AT_LEAST)],
        ),
        tay_ninh_aid=make_activity(
            unit=w.bdbp_tay_ninh,
            start=dt.date(2024, 7, 1),
            place=w.svay_rieng,
            kind=ActivityKind.AID,
            quantities=[(Measure.VALUE_VND, 262_000_000, EXACT)],
            status=Status.APPROVED,
            details={"recipient_type": "unit"},
        ),
        bavet_visit=make_activity(
            unit=w.kh_post_bavet,
            start=dt.date(2024, 8, 8),
            place=w.svay_rieng,
            kind=ActivityKind.FRIENDSHIP_VISIT,
            status=Status.APPROVED,
        ),
        xa_mat_shared=make_activity(
            unit=w.post_xa_mat,
            start=dt.date(2024, 11, 30),
            place=tay_ninh_legacy,
            kind=ActivityKind.EDUCATION_SESSION,
            status=Status.APPROVED,
            quantities=[(Measure.PARTICIPANTS, 120, ABOUT)],
            shared_with=[w.kh_svay_rieng],
        ),
    )


@pytest.fixture
def admin(world):
    return world.user(Role.SYSTEM_ADMIN, world.national)
