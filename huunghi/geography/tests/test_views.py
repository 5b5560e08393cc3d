"""Place browser, place detail and border pages."""

import pytest
from django.urls import reverse

from huunghi.geography.models import AdminLevel, AdminUnit

pytestmark = pytest.mark.usefixtures("geography")


@pytest.fixture
def signed_in(client, django_user_model, settings):
    """A signed-in viewer reading the default Vietnamese interface (place names in Vietnamese)."""
    settings.LANGUAGE_CODE = "vi"
    user = django_user_model.objects.create_user(username="viewer", password="x" * 16)
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", ["geography:browser", "geography:border"])
def test_pages_need_sign_in(client, name):
    """Anonymous visitors are sent to the sign-in page."""
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_browser_lists_todays_provinces(signed_in):
    """By default the browser lists the 34 provinces in force today."""
    response = signed_in.get(reverse("geography:browser"))
    assert response.status_code == 200
    assert len(response.context["provinces"]) == 34
    assert "Tây Ninh" in response.content.decode()


def test_browser_lists_provinces_of_a_date_and_country(signed_in):
    """A 2022 date shows the 63 provinces of the time; Cambodia shows its 25."""
    response = signed_in.get(reverse("geography:browser"), {"date": "2022-05-15"})
    assert len(response.context["provinces"]) == 63
    response = signed_in.get(reverse("geography:browser"), {"country": "KH"})
    assert len(response.context["provinces"]) == 25


def test_browser_search_and_htmx_partial(signed_in):
    """The search box finds historic places; an htmx request gets only the results."""
    url = reverse("geography:browser")
    response = signed_in.get(url, {"q": "Lộc Ninh", "date": ""})
    assert response.context["results"][0].name_vi == "Lộc Ninh"
    partial = signed_in.get(url, {"q": "Lộc Ninh", "date": ""}, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert b"<html" not in partial.content


def test_bad_date_falls_back_with_an_error(signed_in):
    """A malformed date is reported on the form instead of failing."""
    response = signed_in.get(reverse("geography:browser"), {"date": "15/99/2022"})
    assert response.status_code == 200
    assert "date" in response.context["form"].errors


def test_detail_shows_history_and_todays_province(signed_in):
    """Lộc Ninh's page names Bình Phước and today's Đồng Nai."""
    loc_ninh = AdminUnit.objects.get(
        level=AdminLevel.DISTRICT, name_vi="Lộc Ninh", province__code="L70"
    )
    response = signed_in.get(reverse("geography:detail", args=[loc_ninh.pk]))
    assert response.status_code == 200
    assert response.context["province_today"].name_vi == "Đồng Nai"
    assert "Bình Phước" in response.content.decode()


def test_detail_of_a_missing_place_is_404(signed_in):
    assert signed_in.get(reverse("geography:detail", args=[10**9])).status_code == 404


def test_border_page(signed_in):
    """The border page lists pairs, gates, figures and the data attribution."""
    response = signed_in.get(reverse("geography:border"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mộc Bài" in body and "Bavet" in body
    assert "data.mef.gov.kh" in body
    assert len(response.context["facts"]) >= 7


def test_admin_is_for_system_administrators_only(client, django_user_model):
    """Staff without the system administrator role cannot open the geography admin."""
    url = reverse("admin:geography_adminunit_changelist")
    staff = django_user_model.objects.create_user(
        username="staff", password="x" * 16, is_staff=True
    )
    client.force_login(staff)
    assert client.get(url).status_code == 403
    root = django_user_model.objects.create_superuser(username="root", password="x" * 16)
    client.force_login(root)
    response = client.get(url, {"q": "Lộc Ninh"})
    assert response.status_code == 200
    assert "Lộc Ninh" in response.content.decode()


@pytest.mark.parametrize("query", ["Bình Phước", "binh phuoc", "tỉnh Bình Phước"])
def test_search_without_a_date_finds_the_historic_province(signed_in, query):
    """A search with no date (a link, a typed URL) covers every period: Bình Phước
    (abolished on 1 July 2025) is found, as the date field's help text promises."""
    response = signed_in.get(reverse("geography:browser"), {"q": query})
    codes = [unit.code for unit in response.context["results"]]
    assert "L70" in codes


def test_search_without_a_date_finds_the_historic_district(signed_in):
    """huyện Lộc Ninh (a district abolished with all districts in 2025) is found."""
    response = signed_in.get(reverse("geography:browser"), {"q": "huyện Lộc Ninh"})
    found = response.context["results"]
    assert any(u.level == AdminLevel.DISTRICT and u.is_historic for u in found)
    assert "Bình Phước" in response.content.decode()


def test_browser_without_search_still_lists_todays_provinces(signed_in):
    """Only the province list defaults to today; a search does not."""
    response = signed_in.get(reverse("geography:browser"), {"country": "VN"})
    assert len(response.context["provinces"]) == 34


@pytest.mark.parametrize(
    ("country", "query"), [("VN", "Hà Nội"), ("VN", "Hồ Chí Minh"), ("KH", "Phnom Penh")]
)
def test_capital_cities_are_labelled_as_cities(signed_in, settings, country, query):
    """Hà Nội, TP Hồ Chí Minh and Phnom Penh are province-level cities, not provinces,
    in the search results and in the record forms' place labels."""
    from django.utils import translation

    from huunghi.records.places import place_label

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        response = signed_in.get(
            reverse("geography:browser"), {"q": query, "country": country, "level": "province"}
        )
        city = response.context["results"][0]
        assert city.level == AdminLevel.PROVINCE
        assert city.level_label == "city (municipality)"
        assert "city (municipality)" in place_label(city)
        assert "(province" not in place_label(city)
    ordinary = AdminUnit.objects.get(country__code="VN", code="80")
    assert not ordinary.is_municipality


def test_border_page_notes_and_sources_are_translated(signed_in):
    """Notes of the published figures and the project's own source titles are shown in
    the reader's language, not in the English they are stored in."""
    page = signed_in.get(reverse("geography:border")).content.decode()
    assert "Faces Svay Rieng" not in page
    assert "Giáp Svay Rieng, Prey Veng và Tbong Khmum." in page
    assert "domain brief" not in page
    assert "Tài liệu nghiệp vụ Hữu Nghị" in page
