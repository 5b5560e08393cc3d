"""The figures pages, one test per role, and bad input through the form."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from huunghi.accounts.models import Role
from huunghi.audit.models import AuditEvent
from huunghi.figures.models import ReportedFigure
from huunghi.figures.services import OnOverlap, figure_create, figure_transition
from huunghi.records.models import Status

from .conftest import flow_input

D = dt.date


def _post_data(world, **overrides):
    data = {
        "unit": world.post_xa_mat.pk,
        "indicator": "people_examined",
        "value": "2000",
        "qualifier": "about",
        "period": "11/05/2022 - 20/05/2022",
        "as_of": "",
        "source_kind": "news",
        "source_title": "Hợp tác quốc phòng",
        "source_site": "Hữu nghị Bốn phương kết bạn",
        "source_date": "2022-07-16",
        "on_overlap": OnOverlap.REFUSE,
    }
    data.update(overrides)
    return data


@pytest.fixture
def figure(world, clerk_xa_mat):
    """A submitted figure of the Xa Mát post."""
    created = figure_create(unit=world.post_xa_mat, data=flow_input(), acting_user=clerk_xa_mat)
    return figure_transition(figure=created, action="submit", acting_user=clerk_xa_mat)


def _counts():
    return ReportedFigure.objects.count(), AuditEvent.objects.count()


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("figures:list"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_viewer_sees_the_list_but_cannot_create(client, world, figure):
    client.force_login(world.user(Role.VIEWER, world.national))
    response = client.get(reverse("figures:list"))
    assert response.status_code == 200 and f'href="/figures/{figure.pk}/"' in response.text
    assert reverse("figures:create") not in response.text
    assert client.get(reverse("figures:create")).status_code == 404
    before = _counts()
    assert client.post(reverse("figures:create"), _post_data(world)).status_code == 404
    assert _counts() == before
    assert client.get(reverse("figures:edit", args=[figure.pk])).status_code == 404


def test_clerk_creates_and_submits(client, world, clerk_xa_mat):
    client.force_login(clerk_xa_mat)
    assert client.get(reverse("figures:create")).status_code == 200
    response = client.post(reverse("figures:create"), _post_data(world))
    assert response.status_code == 302
    created = ReportedFigure.objects.get()
    assert (created.period_kind, created.period_start, created.period_end) == (
        "range",
        D(2022, 5, 11),
        D(2022, 5, 20),
    )
    assert created.qualifier == "about" and created.created_by == clerk_xa_mat
    detail = client.get(response["Location"])
    assert "about 2,000" in detail.text or "about 2.000" in detail.text
    client.post(reverse("figures:action", args=[created.pk, "submit"]))
    created.refresh_from_db()
    assert created.status == Status.SUBMITTED


def test_clerk_cannot_approve_own_figure(client, figure, clerk_xa_mat):
    client.force_login(clerk_xa_mat)
    assert client.post(reverse("figures:action", args=[figure.pk, "approve"])).status_code == 404
    figure.refresh_from_db()
    assert figure.status == Status.SUBMITTED


def test_provincial_approver_approves_a_posts_figure(client, figure, approver_tay_ninh):
    client.force_login(approver_tay_ninh)
    detail = client.get(reverse("figures:detail", args=[figure.pk]))
    assert reverse("figures:action", args=[figure.pk, "approve"]) in detail.text
    response = client.post(reverse("figures:action", args=[figure.pk, "approve"]))
    assert response.status_code == 302
    figure.refresh_from_db()
    assert figure.status == Status.APPROVED and figure.approved_by == approver_tay_ninh


def test_provincial_approver_returns_with_a_reason(client, figure, approver_tay_ninh):
    client.force_login(approver_tay_ninh)
    client.post(reverse("figures:action", args=[figure.pk, "return"]), {"reason": "Sai kỳ"})
    figure.refresh_from_db()
    assert figure.status == Status.RETURNED and figure.return_reason == "Sai kỳ"


def test_other_province_gets_404(client, world, figure):
    client.force_login(world.user(Role.APPROVER, world.bdbp_dong_nai))
    assert client.get(reverse("figures:detail", args=[figure.pk])).status_code == 404
    assert client.post(reverse("figures:action", args=[figure.pk, "approve"])).status_code == 404
    assert f"/figures/{figure.pk}/" not in client.get(reverse("figures:list")).text
    assert client.get(reverse("figures:detail", args=[99999])).status_code == 404


def test_counterpart_sees_nothing_unshared_and_shared_read_only(client, world, figure):
    client.force_login(world.user(Role.CLERK, world.kh_svay_rieng))
    assert f"/figures/{figure.pk}/" not in client.get(reverse("figures:list")).text
    assert client.get(reverse("figures:detail", args=[figure.pk])).status_code == 404
    figure.shared_with.add(world.kh_post_bavet)
    assert figure.status != Status.APPROVED  # work in progress stays with the reporting side
    assert client.get(reverse("figures:detail", args=[figure.pk])).status_code == 404
    type(figure).objects.filter(pk=figure.pk).update(status=Status.APPROVED)
    assert client.get(reverse("figures:detail", args=[figure.pk])).status_code == 200
    assert client.get(reverse("figures:edit", args=[figure.pk])).status_code == 404
    assert client.post(reverse("figures:action", args=[figure.pk, "reopen"])).status_code == 404
    client.post(reverse("figures:action", args=[figure.pk, "approve"]))
    figure.refresh_from_db()
    assert figure.status == Status.APPROVED


@pytest.mark.parametrize(
    ("overrides", "field_text"),
    [
        ({"value": "-1"}, "Value: a reported total cannot be negative."),
        ({"period": ""}, "Period: this indicator is a total over a period"),
        ({"period": "sometime"}, "Write the period as a day"),
        ({"indicator": "pupils_supported_vn", "period": ""}, "As of: this indicator is a count"),
    ],
)
def test_bad_input_is_a_400_with_a_message_and_changes_nothing(
    client, world, clerk_xa_mat, overrides, field_text
):
    client.force_login(clerk_xa_mat)
    before = _counts()
    response = client.post(reverse("figures:create"), _post_data(world, **overrides))
    assert response.status_code == 400
    assert field_text in response.text
    assert _counts() == before


def test_future_as_of_is_refused_through_the_form(client, world, clerk_xa_mat):
    client.force_login(clerk_xa_mat)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    data = _post_data(world, indicator="pupils_supported_vn", period="", as_of=tomorrow)
    before = _counts()
    response = client.post(reverse("figures:create"), data)
    assert response.status_code == 400 and "is in the future" in response.text
    assert _counts() == before


def test_overlap_links_to_the_existing_figure_and_replace_supersedes(client, world, clerk_xa_mat):
    client.force_login(clerk_xa_mat)
    client.post(reverse("figures:create"), _post_data(world))
    old = ReportedFigure.objects.get()
    before = _counts()
    response = client.post(reverse("figures:create"), _post_data(world, value="2100"))
    assert response.status_code == 400
    assert f'href="/figures/{old.pk}/"' in response.text and f"no. {old.pk}" in response.text
    assert _counts() == before
    response = client.post(
        reverse("figures:create"), _post_data(world, value="2100", on_overlap="replace")
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.is_superseded
    listing = client.get(reverse("figures:list")).text
    assert f'href="/figures/{old.pk}/"' not in listing
    with_old = client.get(reverse("figures:list"), {"superseded": "on"}).text
    assert f'href="/figures/{old.pk}/"' in with_old
    detail = client.get(reverse("figures:detail", args=[old.pk])).text
    assert "Reported figure: replaced by a new version" in detail
    assert "reportedfigure.supersede" not in detail, "the history shows labels, not codes"


def test_list_filters_and_synthetic_badge(client, world, clerk_xa_mat):
    figure_create(unit=world.post_xa_mat, data=flow_input(), acting_user=clerk_xa_mat)
    figure_create(
        unit=world.post_xa_mat,
        data=flow_input(indicator="medicine_doses"),
        acting_user=clerk_xa_mat,
        is_synthetic=True,
    )
    client.force_login(clerk_xa_mat)
    page = client.get(reverse("figures:list")).text
    assert page.count('class="badge synthetic"') == 1
    filtered = client.get(reverse("figures:list"), {"indicator": "medicine_doses"}).text
    assert filtered.count('class="badge draft"') == 1
    none = client.get(reverse("figures:list"), {"status": "approved"}).text
    assert 'class="badge draft"' not in none
    by_period = client.get(reverse("figures:list"), {"period": "2021"}).text
    assert 'class="badge draft"' not in by_period


def test_edit_form_shows_the_stored_period(client, world, clerk_xa_mat):
    created = figure_create(unit=world.post_xa_mat, data=flow_input(), acting_user=clerk_xa_mat)
    client.force_login(clerk_xa_mat)
    page = client.get(reverse("figures:edit", args=[created.pk])).text
    assert 'value="05/2022"' in page
    data = _post_data(world, period="05/2022", value="77")
    del data["unit"]
    assert client.post(reverse("figures:edit", args=[created.pk]), data).status_code == 302
    created.refresh_from_db()
    assert created.value == 77


def test_period_fields_follow_the_indicator(client, clerk_xa_mat):
    client.force_login(clerk_xa_mat)
    stock = client.get(reverse("figures:period_fields"), {"indicator": "pupils_supported_vn"})
    flow = client.get(reverse("figures:period_fields"), {"indicator": "people_examined"})
    assert 'name="as_of"' in stock.text and 'name="period"' not in stock.text
    assert 'name="period"' in flow.text and 'name="as_of"' not in flow.text


def test_comparison_page(client, world, clerk_xa_mat, approver_tay_ninh):
    created = figure_create(unit=world.post_xa_mat, data=flow_input(150), acting_user=clerk_xa_mat)
    figure_transition(figure=created, action="submit", acting_user=clerk_xa_mat)
    figure_transition(figure=created, action="approve", acting_user=approver_tay_ninh)
    client.force_login(approver_tay_ninh)
    response = client.get(
        reverse("reports:figure_comparison"),
        {"indicator": "people_examined", "unit": world.bdbp_tay_ninh.pk, "period": "2022"},
    )
    assert response.status_code == 200
    assert f'href="/figures/{created.pk}/"' in response.text
    assert "badge source-figure" in response.text
    assert 'data-origin="figure"' in response.text
    other = client.get(
        reverse("reports:figure_comparison"),
        {"indicator": "people_examined", "unit": world.bdbp_dong_nai.pk, "period": "2022"},
    )
    assert other.status_code == 200 and "source-" not in other.text
