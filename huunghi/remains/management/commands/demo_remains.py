"""Create a small, clearly synthetic remains chain per team for demonstrations.

One ``[DEMO]`` lead, site, excavation (one or two remains) and remains sets per team
found by code, plus one handover and one reburial when the steering committee exists.
The figures the sources report (season XXV, phase 1: K70 16, K71 140, K73 24) are
*not* reproduced here: they belong in reported figures with their source. Seasons
XXIV and XXV are defined if missing, with the one phase whose dates were published (season
XXV, phase 1: 6 November – 10 December 2025). Running the command again creates
nothing new.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from huunghi.core.actors import SYSTEM
from huunghi.core.workflow import approve_as_loaded
from huunghi.geography.models import AdminLevel, AdminUnit
from huunghi.organisations.models import Unit, UnitKind
from huunghi.remains import services
from huunghi.remains.models import DEMO_PREFIX, Lead, Phase, RemainsSet, Season

D = dt.date
TEAM_CODES = {"VN-K70": 1, "VN-K71": 2, "VN-K73": 1}
COMMITTEE_CODE = "VN-BCD515-TN"
SEASONS = (
    (24, 2024, ()),
    (25, 2025, ((1, D(2025, 11, 6), D(2025, 12, 10)),)),
)
SEASON_NOTE = "Phase dates as published when the teams returned; others not yet known."


def _place(country: str, *names: str) -> AdminUnit | None:
    for name in names:
        place = (
            AdminUnit.objects.filter(
                country__code=country,
                level=AdminLevel.PROVINCE,
                valid_to__isnull=True,
                name_en__iexact=name,
            ).first()
            or AdminUnit.objects.filter(
                country__code=country,
                level=AdminLevel.PROVINCE,
                valid_to__isnull=True,
                name_vi__iexact=name,
            ).first()
        )
        if place is not None:
            return place
    return None


DEMO_SOURCE = "synthetic demo data"


class Command(BaseCommand):
    help = "Create a small synthetic ([DEMO]) remains chain for the K70, K71 and K73 teams."

    def handle(self, *args: Any, **options: Any) -> None:
        kh = _place("KH", "Svay Rieng", "Tbong Khmum", "Prey Veng")
        teams = list(
            Unit.objects.filter(
                code__in=TEAM_CODES, kind=UnitKind.SEARCH_TEAM, valid_to__isnull=True
            )
        )
        if not teams or kh is None:
            self.stdout.write("demo_remains: teams or Cambodian provinces missing; skipped.")
            return
        phase = self._seasons()
        if phase.start_date > timezone.localdate():
            self.stdout.write("demo_remains: the demo phase has not started yet; skipped.")
            return
        created = [team.code for team in teams if self._team(team, kh, phase)]
        self._ceremonies(kh)
        self.stdout.write(f"demo_remains: chains created for {', '.join(created) or 'no team'}.")

    def _seasons(self) -> Phase:
        for number, start_year, phases in SEASONS:
            season = Season.objects.filter(number=number).first() or services.season_create(
                number=number, start_year=start_year, acting_user=SYSTEM, notes=SEASON_NOTE
            )
            for phase_number, start, end in phases:
                if not season.phases.filter(number=phase_number).exists():
                    services.phase_create(
                        season=season,
                        number=phase_number,
                        start_date=start,
                        end_date=end,
                        acting_user=SYSTEM,
                    )
        return Phase.objects.get(season__number=25, number=1)

    @transaction.atomic
    def _team(self, team: Unit, kh: AdminUnit, phase: Phase) -> bool:
        informant = f"{DEMO_PREFIX} informant for {team.code}"
        if Lead.objects.filter(team=team, informant_description=informant).exists():
            return False
        count = TEAM_CODES[team.code]
        start = phase.start_date + dt.timedelta(days=10)
        lead = services.lead_create(
            team=team,
            received_on=phase.start_date - dt.timedelta(days=60),
            informant_description=informant,
            place=kh,
            place_text=f"{DEMO_PREFIX} village",
            estimated_count=count,
            credibility="medium",
            acting_user=SYSTEM,
            is_synthetic=True,
        )
        services.lead_move(
            lead=lead,
            action="confirm",
            on_date=lead.received_on + dt.timedelta(days=20),
            acting_user=SYSTEM,
        )
        site = services.site_create(
            team=team,
            name=f"{DEMO_PREFIX} site {team.code}",
            place=kh,
            lead=lead,
            opened_on=start,
            acting_user=SYSTEM,
            is_synthetic=True,
        )
        excavation = services.excavation_create(
            team=team,
            site=site,
            phase=phase,
            start_date=start,
            recovered_count=count,
            acting_user=SYSTEM,
            is_synthetic=True,
        )
        for _ in range(count):
            services.set_create(
                team=team,
                excavation=excavation,
                recovered_on=start,
                acting_user=SYSTEM,
                is_synthetic=True,
            )
        services.excavation_move(
            excavation=excavation,
            action="complete",
            on_date=start + dt.timedelta(days=5),
            acting_user=SYSTEM,
        )
        approve_as_loaded(obj=excavation, acting_user=SYSTEM, source=DEMO_SOURCE)
        return True

    @transaction.atomic
    def _ceremonies(self, kh: AdminUnit) -> None:
        committee = Unit.objects.filter(code=COMMITTEE_CODE, valid_to__isnull=True).first()
        vn = _place("VN", "Tay Ninh", "Tây Ninh")
        if committee is None or vn is None:
            return
        sets = list(
            RemainsSet.objects.filter(
                is_synthetic=True, status="recovered", team__path__startswith=committee.path
            )
        )
        if not sets:
            return
        held_on = max(s.recovered_on for s in sets) + dt.timedelta(days=20)
        handover = services.handover_create(
            unit=committee,
            held_on=held_on,
            kh_province=kh,
            vn_province=vn,
            remains_count=sum(s.count for s in sets),
            sets=sets,
            acting_user=SYSTEM,
            place_text=f"{DEMO_PREFIX} border gate",
            is_synthetic=True,
        )
        approve_as_loaded(obj=handover, acting_user=SYSTEM, source=DEMO_SOURCE)
        services.reburial_create(
            unit=committee,
            held_on=held_on + dt.timedelta(days=2),
            cemetery_name=f"{DEMO_PREFIX} martyrs' cemetery",
            place=vn,
            sets=sets[:1],
            acting_user=SYSTEM,
            is_synthetic=True,
        )
