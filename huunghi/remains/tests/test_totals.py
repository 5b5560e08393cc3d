"""Season tables and totals against hand-computed values, within the reader's scope."""

import datetime as dt

import pytest

from huunghi.accounts.models import Role
from huunghi.core.actors import SYSTEM
from huunghi.remains import selectors, services
from huunghi.remains.tests.conftest import make_chain

D = dt.date


@pytest.fixture
def season_data(rw):
    """Season XXIV:

    ====  =======  =======  ===========================
    team  phase 1  phase 2  notes
    ====  =======  =======  ===========================
    K70   3 + 2    0
    K71   5        4
    K73   (7)      0        cancelled: not counted
    K72   1        0        Đồng Nai, another province
    ====  =======  =======  ===========================

    Season XXV phase 1: K71 6 (2025-11-01). Handovers: 5 on 2025-01-20 (K71's first
    set of 1 listed), 4 on 2025-06-01; reburial of K71's listed set on 2025-02-01.
    """
    make_chain(rw, rw.k70, recovered=3, sets=())
    make_chain(rw, rw.k70, recovered=2, sets=(), start=D(2024, 12, 5))
    _, _, _, k71_sets = make_chain(rw, rw.k71, recovered=5, sets=(1,))
    make_chain(rw, rw.k71, recovered=4, sets=(), phase=rw.p24_2, start=D(2025, 3, 1))
    _, _, cancelled, _ = make_chain(rw, rw.k73, recovered=7, sets=())
    services.excavation_move(
        excavation=cancelled,
        action="cancel",
        on_date=D(2024, 11, 20),
        acting_user=SYSTEM,
        reason="access road closed",
    )
    make_chain(rw, rw.k72, recovered=1, sets=())
    make_chain(rw, rw.k71, recovered=6, sets=(), phase=rw.p25_1, start=D(2025, 11, 1))
    common = {
        "unit": rw.bcd515,
        "kh_province": rw.svay_rieng,
        "vn_province": rw.tay_ninh_place,
        "acting_user": SYSTEM,
    }
    services.handover_create(held_on=D(2025, 1, 20), remains_count=5, sets=k71_sets, **common)
    services.handover_create(held_on=D(2025, 6, 1), remains_count=4, **common)
    services.reburial_create(
        unit=rw.bcd515,
        held_on=D(2025, 2, 1),
        cemetery_name="C",
        place=rw.tay_ninh_place,
        sets=k71_sets,
        acting_user=SYSTEM,
    )
    return rw


def test_season_table_per_team_and_phase(season_data):
    rw = season_data
    viewer = rw.world.user(Role.VIEWER, rw.ministry)
    table = selectors.season_table(user=viewer, season=rw.s24)
    rows = {row.team.pk: (row.by_phase, row.total) for row in table.rows}
    assert rows == {
        rw.k70.pk: ([5, 0], 5),
        rw.k71.pk: ([5, 4], 9),
        rw.k72.pk: ([1, 0], 1),
    }
    assert (table.phase_totals, table.total) == ([11, 4], 15)


def test_season_table_limited_to_scope(season_data):
    rw = season_data
    k71 = rw.world.user(Role.VIEWER, rw.k71)
    table = selectors.season_table(user=k71, season=rw.s24)
    assert [(row.team, row.total) for row in table.rows] == [(rw.k71, 9)]
    committee = rw.world.user(Role.VIEWER, rw.bcd515)
    assert selectors.season_table(user=committee, season=rw.s24).total == 14


def test_totals_by_period(season_data):
    rw = season_data
    viewer = rw.world.user(Role.VIEWER, rw.ministry)
    totals = selectors.remains_totals(user=viewer, start=D(2025, 1, 1), end=D(2025, 12, 31))
    # 2025: K71 4 (phase 2) + K71 6 (season XXV); handovers 5 + 4; reburial 1.
    assert (totals.recovered, totals.handed_over, totals.reburied) == (10, 9, 1)
    assert totals.excavations == 2
    everything = selectors.remains_totals(user=viewer)
    assert everything.recovered == 3 + 2 + 5 + 4 + 1 + 6


def test_totals_by_unit_and_scope(season_data):
    rw = season_data
    viewer = rw.world.user(Role.VIEWER, rw.ministry)
    assert selectors.remains_totals(user=viewer, unit=rw.dong_nai).recovered == 1
    k72 = rw.world.user(Role.VIEWER, rw.k72)
    totals = selectors.remains_totals(user=k72)
    assert (totals.recovered, totals.handed_over, totals.reburied) == (1, 0, 0)


def test_totals_per_year(season_data):
    rw = season_data
    viewer = rw.world.user(Role.VIEWER, rw.ministry)
    years = [
        (y.year, y.recovered, y.handed_over, y.reburied)
        for y in selectors.remains_totals_by_year(user=viewer)
    ]
    # 2024: 3 + 2 + 5 + 1 (K72) = 11; 2025: 4 + 6 = 10.
    assert years == [(2024, 11, 0, 0), (2025, 10, 9, 1)]


def test_counterpart_sees_no_totals(season_data):
    rw = season_data
    counterpart = rw.world.user(Role.VIEWER, rw.world.kh_svay_rieng)
    totals = selectors.remains_totals(user=counterpart)
    assert (totals.recovered, totals.handed_over, totals.leads_received) == (0, 0, 0)
    assert selectors.season_table(user=counterpart, season=rw.s24).rows == []
