"""Figures, pupils and remains import through their own services, idempotently."""

from __future__ import annotations

import datetime as dt
from typing import Any

from huunghi.accounts.models import Role
from huunghi.beneficiaries.models import Pupil
from huunghi.core.testing import World, org_unit
from huunghi.dataio.models import ImportStatus
from huunghi.dataio.services import imports
from huunghi.dataio.tests.helpers import headers, xlsx
from huunghi.figures.models import ReportedFigure
from huunghi.organisations.models import UnitKind
from huunghi.records.models import Status
from huunghi.remains.models import Lead, RemainsSet


def _import_twice(user: Any, kind: str, keys: list[str], body: list[list[Any]]) -> Any:
    upload = xlsx(headers(kind, keys), body)
    job = imports.import_upload(user=user, kind=kind, upload=upload)
    assert job.status == ImportStatus.READY, job.errors
    job = imports.import_confirm(job=job, user=user)
    assert job.status == ImportStatus.DONE, job.errors
    again = imports.import_upload(user=user, kind=kind, upload=xlsx(headers(kind, keys), body))
    assert again.status == ImportStatus.READY, again.errors
    return job, again


def test_figures(world: World, clerk: Any) -> None:
    keys = ["unit", "indicator", "value", "qualifier", "period", "source_title"]
    body = [
        [
            world.post_xa_mat.code,
            "People examined free of charge",
            2000,
            "about",
            "05/2022",
            "Báo Biên phòng",
        ],
        [world.post_xa_mat.code, "people_examined", 300, "", "06/2022", "Báo Biên phòng"],
    ]
    job, again = _import_twice(clerk, "figures", keys, body)
    assert job.created_count == 2 and again.unchanged_count == 2
    figure = ReportedFigure.objects.get(period_start=dt.date(2022, 5, 1))
    assert (figure.value, figure.qualifier, figure.status) == (2000, "about", Status.DRAFT)
    assert figure.period_end == dt.date(2022, 5, 31)


def test_figure_errors_name_the_period_column(world: World, clerk: Any) -> None:
    keys = ["unit", "indicator", "value", "period", "source_title"]
    body = [[world.post_xa_mat.code, "people_examined", 5, "sometime", "x"]]
    job = imports.import_upload(
        user=clerk, kind="figures", upload=xlsx(headers("figures", keys), body)
    )
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "Period")]


def test_pupils(world: World, clerk: Any) -> None:
    keys = ["unit", "full_name", "sex", "birth_year", "nationality", "school_name", "start_date"]
    body = [
        [
            world.post_xa_mat.code,
            "Nguyễn Văn An",
            "male",
            2014,
            "Vietnamese",
            "Trường Tiểu học Tân Lập",
            dt.date(2024, 9, 1),
        ]
    ]
    job, again = _import_twice(clerk, "pupils", keys, body)
    assert job.created_count == 1 and again.unchanged_count == 1
    assert Pupil.objects.get().full_name == "Nguyễn Văn An"


def test_pupils_cannot_be_imported_for_units_whose_names_are_hidden(world: World) -> None:
    province_clerk = world.user(Role.CLERK, world.bdbp_dong_nai)
    keys = ["unit", "full_name", "sex", "birth_year", "nationality", "school_name", "start_date"]
    body = [[world.post_xa_mat.code, "A", "male", 2014, "VN", "S", dt.date(2024, 9, 1)]]
    job = imports.import_upload(
        user=province_clerk, kind="pupils", upload=xlsx(headers("pupils", keys), body)
    )
    assert job.status == ImportStatus.INVALID
    assert job.errors[0]["column"] == "Sponsoring unit"


def test_remains_leads_and_sets(world: World) -> None:
    team = org_unit("K71", parent=world.bdbp_tay_ninh, kind=UnitKind.SEARCH_TEAM)
    team_clerk = world.user(Role.CLERK, team)
    keys = ["team", "received_on", "informant_description", "place", "credibility"]
    body = [["K71", dt.date(2025, 1, 12), "Cựu chiến binh", "Svay Rieng", "high"]]
    job, again = _import_twice(team_clerk, "remains_leads", keys, body)
    assert job.created_count == 1 and again.unchanged_count == 1
    assert Lead.objects.get().place == world.svay_rieng
    keys = ["team", "recovered_on", "count", "identification", "dna_sample_taken"]
    body = [["K71", dt.date(2025, 2, 20), 1, "unidentified", "yes"]]
    job, again = _import_twice(team_clerk, "remains_sets", keys, body)
    assert job.created_count == 1 and again.unchanged_count == 1
    assert RemainsSet.objects.get().dna_sample_taken is True
