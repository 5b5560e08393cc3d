"""A remains world on top of the shared ``world``: 515 committees, teams, seasons."""

import datetime as dt
from types import SimpleNamespace

import pytest

from huunghi.core.actors import SYSTEM
from huunghi.core.testing import org_unit
from huunghi.organisations.models import UnitKind
from huunghi.remains import services

D = dt.date


@pytest.fixture
def rw(world):
    """Ministry → Tây Ninh provincial command → BCĐ 515 Tây Ninh → K70, K71, K73;
    Ministry → Đồng Nai provincial command → K72. Seasons XXIV (phases 1, 2) and XXV
    (phase 1)."""
    ministry = org_unit("Bộ Quốc phòng", kind=UnitKind.MINISTRY)
    tn = org_unit("Bộ CHQS tỉnh Tây Ninh", parent=ministry, kind=UnitKind.PROVINCIAL_COMMAND)
    bcd = org_unit("Ban chỉ đạo 515 tỉnh Tây Ninh", parent=tn, kind=UnitKind.STEERING_COMMITTEE)
    dn = org_unit("Bộ CHQS tỉnh Đồng Nai", parent=ministry, kind=UnitKind.PROVINCIAL_COMMAND)
    team = {"kind": UnitKind.SEARCH_TEAM}
    s24 = services.season_create(number=24, start_year=2024, acting_user=SYSTEM)
    s25 = services.season_create(number=25, start_year=2025, acting_user=SYSTEM)
    return SimpleNamespace(
        world=world,
        ministry=ministry,
        tay_ninh=tn,
        bcd515=bcd,
        dong_nai=dn,
        k70=org_unit("Đội K70", parent=bcd, **team),
        k71=org_unit("Đội K71", parent=bcd, **team),
        k73=org_unit("Đội K73", parent=bcd, **team),
        k72=org_unit("Đội K72", parent=dn, **team),
        s24=s24,
        s25=s25,
        p24_1=services.phase_create(
            season=s24,
            number=1,
            start_date=D(2024, 11, 1),
            end_date=D(2025, 1, 31),
            acting_user=SYSTEM,
        ),
        p24_2=services.phase_create(
            season=s24,
            number=2,
            start_date=D(2025, 2, 1),
            end_date=D(2025, 5, 31),
            acting_user=SYSTEM,
        ),
        p25_1=services.phase_create(
            season=s25,
            number=1,
            start_date=D(2025, 10, 15),
            end_date=D(2026, 1, 31),
            acting_user=SYSTEM,
        ),
        svay_rieng=world.svay_rieng,
        kratie=world.kratie,
        tay_ninh_place=world.tay_ninh,
    )


def make_chain(rw, team, *, phase=None, start=None, recovered=3, sets=(1,)):
    """A lead, site, excavation and sets of ``team``; returns (lead, site, excavation, sets).

    The excavation starts on ``start`` (10 November 2024 by default)."""
    start = start or D(2024, 11, 10)
    lead = services.lead_create(
        team=team,
        received_on=D(2024, 6, 1),
        informant_description="[DEMO] former soldier",
        place=rw.svay_rieng,
        acting_user=SYSTEM,
        estimated_count=recovered or None,
    )
    site = services.site_create(
        team=team,
        name="[DEMO] Site",
        place=rw.svay_rieng,
        lead=lead,
        opened_on=D(2024, 6, 2),
        acting_user=SYSTEM,
    )
    excavation = services.excavation_create(
        team=team,
        site=site,
        phase=phase or rw.p24_1,
        start_date=start,
        recovered_count=recovered,
        acting_user=SYSTEM,
    )
    made = [
        services.set_create(
            team=team, excavation=excavation, recovered_on=start, count=n, acting_user=SYSTEM
        )
        for n in sets
    ]
    return lead, site, excavation, made
