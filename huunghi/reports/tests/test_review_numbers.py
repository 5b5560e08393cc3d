"""The numbers of the review report: the comparison period ("so với cùng kỳ"), the
breakdown by direct subordinate units, and reported figures with their sources as
footnotes, all from the single values selector."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from docx import Document

from huunghi.accounts.models import Role
from huunghi.core.models import Qualifier
from huunghi.figures.tests.conftest import approved_figure
from huunghi.reports.periods import Period
from huunghi.reports.review import gather_review, render
from huunghi.reports.review.numbers import comparison_period

pytestmark = pytest.mark.django_db
ISSUED = dt.date(2026, 2, 5)
YEAR_2024 = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def gathered(w, unit, period):
    return gather_review(
        user=w.user(Role.APPROVER, w.national), unit=unit, period=period, issued_on=ISSUED
    )


def line(data, code):
    return next(item for item in data.lines if item.code == code)


def test_comparison_period_is_the_same_span_one_step_back():
    assert comparison_period(Period.year(2024)) == Period.year(2023)
    assert comparison_period(Period.quarter(2024, 2)) == Period.quarter(2023, 2)
    assert comparison_period(Period.years(2020, 2022)) == Period.years(2017, 2019)


def test_each_value_stands_beside_the_same_period_a_year_earlier(story):
    w = story.world
    data = gathered(w, w.bdbp_dong_nai, Period.year(2023))
    people = line(data, "people_examined")
    assert people.current.value is None, "nothing recorded in 2023"
    assert (people.previous.value, people.previous.qualifier) == (Decimal(2000), Qualifier.ABOUT)
    cells = data.row_cells(1, people)
    assert cells[3:] == ["chưa ghi nhận", "khoảng 2.000", "—"]


def test_results_are_broken_down_by_direct_subordinates(story):
    w = story.world
    data = gathered(w, w.national, Period.year(2024))
    rows = data.child_rows
    assert ("BĐBP tỉnh Tây Ninh", line(data, "people_examined").label, "150") in rows
    assert not any(name == "BĐBP tỉnh Đồng Nai" and value != "0" for name, _label, value in rows)


def test_reported_figures_are_footnoted_with_their_source(story):
    """A figure beside records is not added: the value stays 150, the footnote gives the
    figure, its difference and its citation."""
    w = story.world
    figure = approved_figure(w.national, 2000, *YEAR_2024, qualifier=Qualifier.ABOUT)
    figure.source_site, figure.source_title = "bienphong.com.vn", "Khám bệnh miễn phí"
    figure.source_date = dt.date(2024, 12, 20)
    figure.save()
    data = gathered(w, w.national, Period.year(2024))
    people = line(data, "people_examined")
    assert people.current.value == Decimal(150) and people.current.figure == Decimal(2000)
    [note] = [n for n in data.footnotes if people.label in n]
    assert "khoảng 2.000" in note and "+1.850" in note
    assert "bienphong.com.vn, “Khám bệnh miễn phí”, 20/12/2024" in note
    marker = data.note_number(people)
    assert data.row_cells(1, people)[3] == f"150 [{marker}]"
    document = Document(io.BytesIO(render(data, "docx", "x").content))
    texts = [p.text for p in document.paragraphs]
    assert "Nguồn số liệu báo cáo:" in texts
    assert any(t.startswith(f"[{marker}] ") and "bienphong.com.vn" in t for t in texts)
