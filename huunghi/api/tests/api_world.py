"""A world with one object of every kind the API serves, for the schemathesis tests.

Each account holds the role an operation's success path needs (a clerk of Xa Mát post,
the Tây Ninh approver, Xa Mát's commander who sends the reporting-cycle report, a search
team's clerk, a Cambodian counterpart), each with a personal token. ``ids`` names one
visible object per path parameter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from huunghi.accounts.models import Role
from huunghi.accounts.services import api_token_create
from huunghi.beneficiaries.services import pupil_create
from huunghi.core.actors import SYSTEM
from huunghi.core.testing import World, build_world, org_unit
from huunghi.cycle import services as cycle
from huunghi.cycle.schedule import Frequency
from huunghi.cycle.tests.factories import Q3_2025, at, issued_report
from huunghi.figures.services import FigureInput, figure_create
from huunghi.geography.marker_services import marker_create
from huunghi.geography.models import MarkerKind
from huunghi.organisations.models import UnitKind
from huunghi.records.services.activities import QuantityIn, activity_create
from huunghi.remains import services as remains

D = dt.date


@dataclass
class ApiWorld:
    world: World
    users: dict[str, Any] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    ids: dict[str, Any] = field(default_factory=dict)

    def add_user(self, name: str, role: str, unit: Any) -> Any:
        user = self.world.user(role, unit, username=f"st_{name}")
        _token, raw = api_token_create(user=user, name="schemathesis")
        self.users[name] = user
        self.tokens[name] = raw
        return user


def _activities(aw: ApiWorld) -> None:
    w = aw.world
    made = [
        activity_create(
            acting_user=aw.users["clerk"],
            kind="tree_planting",
            unit=w.post_xa_mat,
            title=f"Trồng cây hữu nghị {day}",
            start_date=D(2025, 8, day),
            quantities=[QuantityIn("trees", 100 * day)],
        )
        for day in (1, 2, 3)
    ]
    aw.ids["activity_id"] = made[0].pk
    aw.ids["record_id"] = made[0].pk
    aw.ids["kind"] = "activity"


def _figure(aw: ApiWorld) -> None:
    figure = figure_create(
        unit=aw.world.post_xa_mat,
        acting_user=aw.users["clerk"],
        data=FigureInput(
            indicator="people_examined",
            value=Decimal(2000),
            source_title="Báo cáo của đồn",
            period_kind="month",
            period_start=D(2022, 5, 1),
            period_end=D(2022, 5, 31),
        ),
    )
    aw.ids["figure_id"] = figure.pk


def _pupil_and_marker(aw: ApiWorld) -> None:
    w = aw.world
    pupil = pupil_create(
        unit=w.post_xa_mat,
        full_name="[DEMO] Lê Thị Hoa",
        sex="female",
        birth_year=2014,
        nationality="KH",
        school_name="[DEMO] Trường tiểu học",
        start_date=D(2024, 9, 1),
        acting_user=SYSTEM,
        is_synthetic=True,
    )
    marker = marker_create(
        acting_user=SYSTEM,
        number="229/12",
        kind=MarkerKind.AUXILIARY,
        unit=w.post_xa_mat,
        province=w.tay_ninh,
        is_synthetic=True,
    )
    aw.ids.update(pupil_id=pupil.pk, marker_id=marker.pk)


def _remains(aw: ApiWorld) -> None:
    """A 515 steering committee with one search team, a season, and one chain from lead
    to remains set."""
    w = aw.world
    ministry = org_unit("Bộ Quốc phòng", kind=UnitKind.MINISTRY)
    command = org_unit("Bộ CHQS tỉnh Tây Ninh", parent=ministry, kind=UnitKind.PROVINCIAL_COMMAND)
    bcd = org_unit("Ban chỉ đạo 515", parent=command, kind=UnitKind.STEERING_COMMITTEE)
    team = org_unit("Đội K70", parent=bcd, kind=UnitKind.SEARCH_TEAM)
    season = remains.season_create(number=24, start_year=2024, acting_user=SYSTEM)
    phase = remains.phase_create(
        season=season,
        number=1,
        start_date=D(2024, 11, 1),
        end_date=D(2025, 1, 31),
        acting_user=SYSTEM,
    )
    lead = remains.lead_create(
        team=team,
        received_on=D(2024, 6, 1),
        informant_description="[DEMO] a former soldier",
        place=w.svay_rieng,
        estimated_count=2,
        acting_user=SYSTEM,
    )
    site = remains.site_create(
        team=team,
        name="[DEMO] Site",
        place=w.svay_rieng,
        lead=lead,
        opened_on=D(2024, 6, 2),
        acting_user=SYSTEM,
    )
    excavation = remains.excavation_create(
        team=team,
        site=site,
        phase=phase,
        start_date=D(2024, 11, 10),
        recovered_count=2,
        acting_user=SYSTEM,
    )
    made = remains.set_create(
        team=team,
        excavation=excavation,
        recovered_on=D(2024, 11, 10),
        count=2,
        acting_user=SYSTEM,
    )
    aw.add_user("team_clerk", Role.CLERK, team)
    aw.ids.update(
        team_id=team.pk,
        lead_id=lead.pk,
        set_id=made.pk,
        season_id=season.pk,
        excavation_id=excavation.pk,
    )


def _cycle(aw: ApiWorld) -> None:
    """A quarterly obligation of Tây Ninh's posts; Xa Mát's Q3 2025 report sent and
    shared with the Svay Rieng gendarmerie."""
    w = aw.world
    admin = w.user(Role.UNIT_ADMIN, w.bdbp_tay_ninh, username="st_unit_admin")
    obligation = cycle.obligation_create(
        unit=w.bdbp_tay_ninh,
        data={
            "applies_to_kind": UnitKind.BORDER_POST,
            "frequency": Frequency.QUARTERLY,
            "due_day": 20,
            "active_from": D(2024, 1, 1),
        },
        acting_user=admin,
    )
    commander = aw.users["commander"]
    submission = cycle.submission_send(
        obligation=obligation,
        unit=w.post_xa_mat,
        period_start=Q3_2025.start,
        report=issued_report(w.post_xa_mat, Q3_2025, user=commander),
        acting_user=commander,
        now=at(D(2025, 9, 1)),
    )
    copy = cycle.counterpart_copy_send(
        submission=submission, counterpart=w.kh_svay_rieng, acting_user=commander
    )
    aw.ids.update(obligation_id=obligation.pk, submission_id=submission.pk, copy_id=copy.pk)


def build_api_world() -> ApiWorld:
    """The world, the accounts with tokens, and one object of every kind."""
    w = build_world()
    aw = ApiWorld(world=w)
    aw.add_user("clerk", Role.CLERK, w.post_xa_mat)
    aw.add_user("approver", Role.APPROVER, w.bdbp_tay_ninh)
    aw.add_user("commander", Role.APPROVER, w.post_xa_mat)
    aw.add_user("counterpart", Role.VIEWER, w.kh_svay_rieng)
    _activities(aw)
    _figure(aw)
    _pupil_and_marker(aw)
    _remains(aw)
    _cycle(aw)
    aw.ids.update(place_id=w.tay_ninh.pk, unit_id=w.post_xa_mat.pk)
    return aw
