"""The reports engine gets remains indicators and season bounds from this app."""

import datetime as dt

from huunghi.accounts.models import Role
from huunghi.core.actors import SYSTEM
from huunghi.remains import services
from huunghi.remains.tests.conftest import make_chain
from huunghi.reports.engine import Dim, TotalsQuery
from huunghi.reports.periods import Period
from huunghi.reports.selectors import indicator_values

D = dt.date


def test_recovered_and_repatriated(rw):
    _, _, _, sets = make_chain(rw, rw.k71, recovered=5, sets=(1,))
    make_chain(rw, rw.k72, recovered=2, sets=(), start=D(2024, 12, 1))
    services.handover_create(
        unit=rw.bcd515,
        held_on=D(2025, 1, 20),
        kh_province=rw.svay_rieng,
        vn_province=rw.tay_ninh_place,
        remains_count=3,
        sets=sets,
        acting_user=SYSTEM,
    )
    ministry = rw.world.user(Role.VIEWER, rw.ministry)
    recovered, repatriated = indicator_values(
        user=ministry,
        query=TotalsQuery(period=Period.between(D(2024, 1, 1), D(2025, 12, 31))),
        codes=["remains_recovered", "remains_repatriated"],
    )
    assert (int(recovered.total.value), int(repatriated.total.value)) == (7, 3)
    (by_team,) = indicator_values(
        user=ministry,
        query=TotalsQuery(period=Period.year(2024), unit=rw.bcd515),
        codes=["remains_recovered"],
        group_by=[Dim.UNIT_CHILD],
    )
    assert {k: int(c.value) for k, c in by_team.cells.items()} == {(rw.k71.pk,): 5}
    k72 = rw.world.user(Role.VIEWER, rw.k72)
    (own,) = indicator_values(
        user=k72, query=TotalsQuery(period=Period.year(2024)), codes=["remains_recovered"]
    )
    assert int(own.total.value) == 2


def test_season_period_runs_october_to_september(rw):
    season = Period.remains_season(2024)
    assert (season.start, season.last) == (D(2024, 10, 1), D(2025, 9, 30))
    assert Period.remains_season(2030).start == D(2030, 10, 1)


def test_season_period_widens_to_cover_its_phases(rw):
    services.phase_create(
        season=rw.s25,
        number=2,
        start_date=D(2026, 2, 1),
        end_date=D(2026, 10, 15),
        acting_user=SYSTEM,
    )
    assert Period.remains_season(2025).last == D(2026, 10, 15)
